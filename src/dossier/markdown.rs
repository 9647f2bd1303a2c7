//! A dossier as Markdown (CommonMark with tables and footnotes, `[^1]`), for people who paste
//! into their own tools. The same document model as the HTML, so both say the same; the maps are
//! in the HTML only (a Markdown file cannot carry them portably).
//!
//! Text from a data file is hostile: every character Markdown gives a meaning to is escaped with
//! a backslash (so `<script>` stays text), line breaks become spaces, and only URLs that pass the
//! URL rule become links (`<https://…>`); any other is printed as text.

use std::fmt::Write as _;

use super::{CountrySection, Dossier, Line};

/// The dossier as a Markdown document.
pub fn markdown_document(dossier: &Dossier) -> String {
    let mut out = String::with_capacity(1 << 18);
    let _ = writeln!(out, "# {}\n", text(&dossier.title));
    let _ = writeln!(out, "{}\n", text(&dossier.data_line));
    let _ = writeln!(
        out,
        "*{} {}*\n",
        text(&dossier.timeline_words),
        text(&dossier.filter_words)
    );
    if let Some((rows, note)) = &dossier.summary_table {
        let _ = writeln!(out, "## Summary\n\n{}\n", text(note));
        out.push_str("| Country | Stations shown | Host government responses | China's statements | Latest response |\n|---|---:|---:|---:|---|\n");
        for row in rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                text(&row.name),
                row.shown,
                row.responses,
                row.statements,
                text(&row.latest_response)
            );
        }
        out.push_str("\n*The world map is in the HTML version of this dossier.*\n\n");
    }
    for country in &dossier.countries {
        country_md(&mut out, country);
    }
    for (heading, lines) in &dossier.general {
        let _ = writeln!(out, "## {}\n", text(heading));
        list(&mut out, lines);
    }
    let _ = writeln!(
        out,
        "## How to cite this dossier\n\n{}\n",
        text(&dossier.how_to_cite)
    );
    out.push_str("## Sources\n\n");
    for note in &dossier.footnotes {
        let url = if note.url.is_empty() {
            String::new()
        } else if note.is_link && !note.url.contains(['<', '>']) {
            format!(" <{}>", note.url)
        } else {
            format!(" {} (not a web link)", text(&note.url))
        };
        let _ = writeln!(
            out,
            "[^{}]: {}.{url}\n",
            note.number,
            text(note.citation.trim_end_matches('.'))
        );
    }
    out
}

/// One country's section.
fn country_md(out: &mut String, country: &CountrySection) {
    let _ = writeln!(
        out,
        "## {} ({})\n",
        text(&country.name),
        text(&country.iso2)
    );
    // As in the HTML: labelled sentences start a paragraph of their own.
    let mut paragraph = String::new();
    for line in &country.summary {
        if !line.label.is_empty() && !paragraph.is_empty() {
            let _ = writeln!(out, "{}\n", std::mem::take(&mut paragraph));
        } else if !paragraph.is_empty() {
            paragraph.push(' ');
        }
        paragraph.push_str(&inline(line));
    }
    let _ = writeln!(out, "{paragraph}\n");
    out.push_str("*The map is in the HTML version of this dossier.*\n\n");
    out.push_str("### Stations\n\n");
    if country.stations.is_empty() {
        out.push_str("No station of this country is shown (filters or timeline date).\n\n");
    } else {
        out.push_str("| City | Cover or address as reported | Location precision | Bureau | First reported | Status, and who says so |\n|---|---|---|---|---|---|\n");
        for row in &country.stations {
            let mut city = format!("**{}**{}", text(&row.city), refs(&row.listing_refs));
            let _ = write!(city, "<br>Listed in {}", text(&row.listed_in));
            for flag in &row.flags {
                let _ = write!(city, "<br>*{}*", text(flag));
            }
            let _ = writeln!(
                out,
                "| {city} | {} | {} | {}{} | {} | **{}**{}<br>{} |",
                text(&row.cover),
                text(&row.precision),
                text(&row.bureau),
                if row.bureau_note.is_empty() {
                    String::new()
                } else {
                    format!("<br>{}", text(&row.bureau_note))
                },
                text(&row.first_reported),
                text(&row.status),
                refs(&row.status_refs),
                text(&row.status_claim)
            );
        }
        out.push('\n');
    }
    if !country.timeline.is_empty() {
        out.push_str("### Timeline\n\n");
        list(out, &country.timeline);
    }
    if !country.disagreements.is_empty() {
        out.push_str("### Where sources disagree\n\n");
        for d in &country.disagreements {
            let _ = writeln!(out, "**{}**\n", text(&d.topic));
            list(out, &d.versions);
        }
    }
    if !country.notes.is_empty() {
        out.push_str("### Notes\n\n");
        list(out, &country.notes);
    }
    if !country.caveats.is_empty() {
        out.push_str("### Caveats\n\n");
        list(out, &country.caveats);
    }
}

/// Statements as a bullet list.
fn list(out: &mut String, lines: &[Line]) {
    for line in lines {
        let _ = writeln!(out, "- {}", inline(line));
    }
    out.push('\n');
}

/// A statement: date, label, text, footnote references, the weak-sourcing mark.
fn inline(line: &Line) -> String {
    let mut s = String::new();
    if !line.date.is_empty() {
        let _ = write!(s, "{} — ", text(&line.date));
    }
    if !line.label.is_empty() {
        let _ = write!(s, "**{}**", text(&line.label));
        s.push_str(if line.text.is_empty() { "" } else { ": " });
    }
    s.push_str(&text(&line.text));
    s.push_str(&refs(&line.refs));
    if line.weak {
        s.push_str(" *(weakly sourced: reposts or aggregators only)*");
    }
    s
}

/// Footnote references `[^1][^4]`.
fn refs(numbers: &[usize]) -> String {
    numbers.iter().fold(String::new(), |mut s, n| {
        let _ = write!(s, "[^{n}]");
        s
    })
}

/// Text from the data as Markdown that means only itself, on one line: the characters that are
/// Markdown syntax anywhere in a line (emphasis, links, HTML, tables, entities, footnotes) are
/// escaped with a backslash, and those that are syntax only at the start of a line (headings,
/// lists, quotes, ordered lists) are escaped there. Dates and sentences stay readable as text.
fn text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 8);
    let mut leading_digits = true;
    for (k, c) in raw.chars().enumerate() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '^' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '-' | '+' | '=' if k == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if leading_digits && k > 0 => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        leading_digits = leading_digits && c.is_ascii_digit();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_syntax_in_data_stays_text() {
        assert_eq!(text("<script>|*x*"), r"\<script\>\|\*x\*");
        assert_eq!(text("a\nb"), "a b");
        assert_eq!(text("- 1. x"), r"\- 1. x");
        assert_eq!(text("12. x 2022-10"), r"12\. x 2022-10");
    }
}

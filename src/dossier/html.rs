//! A dossier as one HTML file that stands alone: UTF-8, the style sheet and the maps inline, a
//! system font stack (no web fonts, no network), readable on a phone (the station table stacks)
//! and ready to print (each country on a new page, footnotes kept, link targets printed).
//!
//! Every text comes from a data file and is hostile: it goes through the map picture's
//! [`escape`]. Only URLs that pass the URL rule (http and https) become links; any other is
//! printed as text. Station rows carry their ids as `data-id`; each country's section is
//! `<section class="country" data-iso="…">`.

use std::fmt::Write as _;

use super::{CountrySection, Dossier, Line, StationRow};
use crate::map::picture::escape;

/// The style sheet, inlined into every document.
const STYLE: &str = include_str!("style.css");

/// The dossier as an HTML document.
pub fn html_document(dossier: &Dossier) -> String {
    let mut out = String::with_capacity(1 << 20);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // No request may leave the file: nothing is fetched, whatever a data file holds.
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&dossier.title));
    let _ = writeln!(out, "<style>\n{STYLE}</style>\n</head>\n<body>");
    let _ = writeln!(
        out,
        "<header class=\"front\">\n<h1>{}</h1>\n<p class=\"data\">{}</p>\n<p class=\"active\">{} {}</p>\n</header>",
        escape(&dossier.title),
        escape(&dossier.data_line),
        escape(&dossier.timeline_words),
        escape(&dossier.filter_words)
    );
    if let Some((rows, note)) = &dossier.summary_table {
        out.push_str("<section class=\"overview\">\n<h2>Summary</h2>\n");
        let _ = writeln!(out, "<p>{}</p>", escape(note));
        out.push_str("<div class=\"table-wrap\"><table class=\"summary\">\n<thead><tr><th>Country</th><th>Stations shown</th><th>Host government responses</th><th>China's statements</th><th>Latest response</th></tr></thead>\n<tbody>\n");
        for row in rows {
            let _ = writeln!(
                out,
                "<tr><td data-label=\"Country\"><a href=\"#country-{}\">{}</a></td><td data-label=\"Stations shown\">{}</td><td data-label=\"Responses\">{}</td><td data-label=\"China's statements\">{}</td><td data-label=\"Latest response\">{}</td></tr>",
                escape(&row.iso2),
                escape(&row.name),
                row.shown,
                row.responses,
                row.statements,
                escape(&row.latest_response)
            );
        }
        out.push_str("</tbody></table></div>\n");
        if let Some(svg) = &dossier.world_svg {
            figure(&mut out, svg, "Map of the world with the shown stations");
        }
        out.push_str("</section>\n");
    }
    let many = dossier.countries.len() > 1 || dossier.summary_table.is_some();
    for (k, country) in dossier.countries.iter().enumerate() {
        let kicker = many.then(|| format!("Country {} of {}", k + 1, dossier.countries.len()));
        country_html(&mut out, country, kicker.as_deref());
    }
    for (heading, lines) in &dossier.general {
        let _ = writeln!(
            out,
            "<section class=\"general\">\n<h2>{}</h2>",
            escape(heading)
        );
        list(&mut out, lines);
        out.push_str("</section>\n");
    }
    let _ = writeln!(
        out,
        "<section class=\"cite\">\n<h2>How to cite this dossier</h2>\n<p>{}</p>\n</section>",
        escape(&dossier.how_to_cite)
    );
    out.push_str("<section class=\"footnotes\">\n<h2>Sources</h2>\n<ol>\n");
    for note in &dossier.footnotes {
        let url = if note.url.is_empty() {
            String::new()
        } else if note.is_link {
            format!(" <a class=\"url\" href=\"{0}\">{0}</a>", escape(&note.url))
        } else {
            format!(
                " <span class=\"url\">{} (not a web link)</span>",
                escape(&note.url)
            )
        };
        let _ = writeln!(
            out,
            "<li id=\"fn-{}\" value=\"{}\" data-source=\"{}\">{}.{url}</li>",
            note.number,
            note.number,
            escape(&note.source_id),
            escape(note.citation.trim_end_matches('.'))
        );
    }
    out.push_str("</ol>\n</section>\n</body>\n</html>\n");
    out
}

/// One country's section.
fn country_html(out: &mut String, country: &CountrySection, kicker: Option<&str>) {
    let _ = writeln!(
        out,
        "<section class=\"country\" id=\"country-{0}\" data-iso=\"{0}\">",
        escape(&country.iso2)
    );
    if let Some(kicker) = kicker {
        let _ = writeln!(out, "<p class=\"kicker\">{}</p>", escape(kicker));
    }
    let _ = writeln!(out, "<h2>{}</h2>", escape(&country.name));
    // Unlabelled sentences run on as one paragraph; each labelled one (host government, China)
    // is a paragraph of its own.
    out.push_str("<p class=\"summary\">");
    for (k, line) in country.summary.iter().enumerate() {
        if !line.label.is_empty() && k > 0 {
            out.push_str("</p>\n<p class=\"summary\">");
        } else if k > 0 {
            out.push(' ');
        }
        inline(out, line);
    }
    out.push_str("</p>\n");
    if let Some(svg) = &country.map_svg {
        figure(
            out,
            svg,
            &format!("Map: {}, with the shown stations", country.name),
        );
    }
    out.push_str("<h3>Stations</h3>\n");
    if country.stations.is_empty() {
        out.push_str("<p>No station of this country is shown (filters or timeline date).</p>\n");
    } else {
        out.push_str("<div class=\"table-wrap\"><table class=\"stations\">\n<colgroup><col class=\"city\"><col class=\"cover\"><col class=\"precision\"><col class=\"bureau\"><col class=\"first\"><col class=\"status\"></colgroup>\n<thead><tr><th>City</th><th>Cover or address as reported</th><th>Location precision</th><th>Bureau</th><th>First reported</th><th>Status, and who says so</th></tr></thead>\n<tbody>\n");
        for row in &country.stations {
            station_row(out, row);
        }
        out.push_str("</tbody></table></div>\n");
    }
    if !country.timeline.is_empty() {
        out.push_str("<h3>Timeline</h3>\n");
        list_of(out, "lines timeline", &country.timeline);
    }
    if !country.disagreements.is_empty() {
        out.push_str("<h3>Where sources disagree</h3>\n");
        for d in &country.disagreements {
            let _ = writeln!(out, "<p class=\"topic\">{}</p>", escape(&d.topic));
            list(out, &d.versions);
        }
    }
    if !country.notes.is_empty() {
        out.push_str("<h3>Notes</h3>\n");
        list(out, &country.notes);
    }
    if !country.caveats.is_empty() {
        out.push_str("<h3>Caveats</h3>\n");
        list(out, &country.caveats);
    }
    out.push_str("</section>\n");
}

/// A station's table row.
fn station_row(out: &mut String, row: &StationRow) {
    let _ = write!(
        out,
        "<tr data-id=\"{}\"><td data-label=\"City\"><strong>{}</strong>{}",
        escape(&row.id),
        escape(&row.city),
        refs(&row.listing_refs)
    );
    let _ = write!(
        out,
        "<br><span class=\"quiet\">Listed in {}</span>",
        escape(&row.listed_in)
    );
    for flag in &row.flags {
        let _ = write!(out, "<br><span class=\"flag\">{}</span>", escape(flag));
    }
    let bureau_note = if row.bureau_note.is_empty() {
        String::new()
    } else {
        format!(
            "<br><span class=\"quiet\">{}</span>",
            escape(&row.bureau_note)
        )
    };
    let _ = writeln!(
        out,
        "</td><td data-label=\"Cover or address\">{}</td><td data-label=\"Precision\">{}</td><td data-label=\"Bureau\">{}{bureau_note}</td><td data-label=\"First reported\" class=\"date\">{}</td><td data-label=\"Status\"><strong>{}</strong>{}<br><span class=\"quiet\">{}</span></td></tr>",
        escape(&row.cover),
        escape(&row.precision),
        escape(&row.bureau),
        escape(&row.first_reported),
        escape(&row.status),
        refs(&row.status_refs),
        escape(&row.status_claim)
    );
}

/// Statements as a list, one item each.
fn list(out: &mut String, lines: &[Line]) {
    list_of(out, "lines", lines);
}

/// Statements as a list of the given class.
fn list_of(out: &mut String, class: &str, lines: &[Line]) {
    let _ = writeln!(out, "<ul class=\"{class}\">");
    for line in lines {
        out.push_str("<li>");
        inline(out, line);
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

/// A statement: date, label, text, footnote markers, and the weak-sourcing mark.
fn inline(out: &mut String, line: &Line) {
    if !line.date.is_empty() {
        let _ = write!(out, "<span class=\"date\">{}</span> ", escape(&line.date));
    }
    if !line.label.is_empty() {
        let _ = write!(out, "<strong>{}</strong>", escape(&line.label));
        out.push_str(if line.text.is_empty() { "" } else { ": " });
    }
    out.push_str(&escape(&line.text));
    out.push_str(&refs(&line.refs));
    if line.weak {
        out.push_str(" <span class=\"flag\">(weakly sourced: reposts or aggregators only)</span>");
    }
}

/// Footnote markers `[1][4]`, each a link to its footnote.
fn refs(numbers: &[usize]) -> String {
    numbers.iter().fold(String::new(), |mut s, n| {
        let _ = write!(s, "<sup class=\"ref\"><a href=\"#fn-{n}\">[{n}]</a></sup>");
        s
    })
}

/// A map, inline, with a text alternative.
fn figure(out: &mut String, svg: &str, label: &str) {
    let _ = writeln!(
        out,
        "<figure class=\"map\" role=\"img\" aria-label=\"{}\">\n{svg}\n</figure>",
        escape(label)
    );
}

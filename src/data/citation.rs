//! "Copy citation": a country's or a station's facts as plain text, each followed by numbered
//! source references (`[1][2]`), with the numbered source list and the data set's version at the
//! end, ready to paste into an article or notes.
//!
//! It also holds the one way a source ([`source_citation`]) and an approximate date
//! ([`date_text`]) are written, which the side panel and exports use too. Over 400 lines because
//! the station and country citations share the reference numbering and the one-line helpers;
//! splitting them would put one set of rules for pasted text in two files.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::dataset::DataSet;
use super::export::describe_filters;
use super::filter::Filters;
use super::model::{Disagreement, Source, Station, StatusEvent};
use super::{count_noun, status_label};

/// A source as one line of plain text, as it is pasted into an article and shown in the side
/// panel: `Publisher, “Title”, c. 2022-10, repost of Other, repost source`.
///
/// The one way a source is written; the panel's links, copied citations and exports all use it
/// (through [`format_source`] where the URL follows). A title in square brackets (a neutral
/// description, not the page's own title, see [`Source::title_is_description`]) is not quoted;
/// other titles get typographic quotes, as an article would print them. The date is written by
/// [`date_text`]. Missing parts are left out, and control characters and line breaks become
/// spaces, so the text stays on one line.
pub fn source_citation(source: &Source) -> String {
    let mut parts = vec![one_line(&source.publisher)];
    let title = one_line(&source.title);
    if !title.is_empty() {
        if source.title_is_description() {
            parts.push(title);
        } else {
            parts.push(format!("“{title}”"));
        }
    }
    parts.push(date_text(&source.date, source.date_approximate));
    if let Some(of) = source.repost_of.as_deref().map(one_line)
        && !of.is_empty()
    {
        parts.push(format!("repost of {of}"));
    }
    if let Some(tier) = source.tier {
        parts.push(format!("{} source", tier.label()));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(", ")
}

/// A source as one line of plain text followed by its URL:
/// `Publisher, “Title”, c. 2022-10, primary source. https://…` ([`source_citation`], then the URL).
pub fn format_source(source: &Source) -> String {
    let mut head = source_citation(source);
    if !head.is_empty() && !head.ends_with('.') {
        head.push('.');
    }
    format!("{head} {}", one_line(&source.url))
        .trim()
        .to_owned()
}

/// A date as every text of the app writes it: `2022-10`, or `c. 2022-10` when it is approximate.
///
/// The one way of writing an approximate date ("c." is what a citation in print uses). "n.d."
/// (no date) and an empty date are never marked approximate; the date is put on one line.
pub fn date_text(date: &str, approximate: bool) -> String {
    let date = one_line(date);
    if approximate && !date.is_empty() && date != "n.d." {
        format!("c. {date}")
    } else {
        date
    }
}

/// Text on one line: runs of whitespace and control characters become one space.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Numbers sources in the order they are first cited.
struct Refs<'a> {
    data: &'a DataSet,
    order: Vec<String>,
    numbers: HashMap<String, usize>,
}

impl<'a> Refs<'a> {
    fn new(data: &'a DataSet) -> Self {
        Self {
            data,
            order: Vec::new(),
            numbers: HashMap::new(),
        }
    }

    /// ` [1][3]` for these source ids (numbering new ones), or nothing when there are none.
    fn cite(&mut self, ids: &[String]) -> String {
        let mut numbers: Vec<usize> = Vec::new();
        for id in ids {
            let n = match self.numbers.get(id) {
                Some(&n) => n,
                None => {
                    self.order.push(id.clone());
                    let n = self.order.len();
                    self.numbers.insert(id.clone(), n);
                    n
                }
            };
            if !numbers.contains(&n) {
                numbers.push(n);
            }
        }
        numbers.sort_unstable();
        numbers.iter().fold(String::new(), |mut s, n| {
            if s.is_empty() {
                s.push(' ');
            }
            let _ = write!(s, "[{n}]");
            s
        })
    }

    /// The numbered source list, one per line.
    fn list(&self) -> String {
        let mut s = String::new();
        for (i, id) in self.order.iter().enumerate() {
            let text = self.data.source(id).map_or_else(
                || format!("(source {id:?} is not in the data set)"),
                format_source,
            );
            let _ = writeln!(s, "[{}] {text}", i + 1);
        }
        s
    }
}

/// The closing lines: the numbered sources and where the compilation comes from.
fn finish(mut text: String, refs: &Refs<'_>, data: &DataSet) -> String {
    if !refs.order.is_empty() {
        text.push_str("\nSources:\n");
        text.push_str(&refs.list());
    }
    let meta = &data.file.meta;
    let _ = writeln!(
        text,
        "\nCompiled from overseas-stations data set v{}, as of {}: {}.",
        one_line(&meta.version),
        one_line(&meta.as_of),
        one_line(&meta.title)
    );
    text
}

fn status_line(event: &StatusEvent) -> String {
    let date = date_text(&event.date, event.date_approximate);
    let text = one_line(&event.text);
    let status = event.effective_status();
    let who = event
        .claimed_by
        .as_ref()
        .map(|c| format!(", {}", one_line(&super::according_to(c))))
        .unwrap_or_default();
    if status == "other" && !text.is_empty() {
        // "other" says nothing by itself: the text says what happened.
        format!("{date}{who}: {}", with_period(&text))
    } else if text.is_empty() {
        format!("{date}: {}{who}.", status_label(status))
    } else {
        format!(
            "{date}: {}{who}. {}",
            status_label(status),
            with_period(&text)
        )
    }
}

fn with_period(text: &str) -> String {
    if text.ends_with(['.', '!', '?', ')', '"', '\u{201d}']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

fn disagreement_lines(text: &mut String, refs: &mut Refs<'_>, d: &Disagreement) {
    let _ = writeln!(text, "- {}", with_period(&one_line(&d.topic)));
    for version in &d.versions {
        let cited = refs.cite(&version.sources);
        let _ = writeln!(
            text,
            "  - According to{}: {}",
            cited,
            with_period(&one_line(&version.claim))
        );
    }
}

/// The report titles that list a station, with publisher and date: `110 Overseas (Safeguard
/// Defenders, 2022-09-12)`.
fn listing(data: &DataSet, station: &Station) -> String {
    let titles: Vec<String> = station
        .listed_in
        .iter()
        .map(|id| match data.report(id) {
            Some(report) => {
                let details: Vec<String> = [&report.publisher, &report.date]
                    .into_iter()
                    .map(|s| one_line(s))
                    .filter(|s| !s.is_empty())
                    .collect();
                if details.is_empty() {
                    one_line(report.display_title())
                } else {
                    format!(
                        "{} ({})",
                        one_line(report.display_title()),
                        details.join(", ")
                    )
                }
            }
            None => one_line(id),
        })
        .collect();
    titles.join("; ")
}

/// A station's facts as plain text with numbered source references and the source list.
///
/// `country_name` is the host country's name as the app shows it.
pub fn cite_station(data: &DataSet, country_name: &str, station: &Station) -> String {
    let mut refs = Refs::new(data);
    let mut text = String::new();
    let place = if station.city.trim().is_empty() {
        format!("{} (city not reported)", one_line(country_name))
    } else {
        format!("{}, {}", one_line(&station.city), one_line(country_name))
    };
    let _ = writeln!(
        text,
        "Reported overseas police \"service station\": {place} (id {})",
        station.id
    );
    let mut facts = Vec::new();
    if !station.listed_in.is_empty() {
        facts.push(format!("listed in {}", listing(data, station)));
    }
    facts.push(format!(
        "operating bureau as reported: {}",
        one_line(&station.bureau)
    ));
    if let Some(note) = station.bureau_note.as_deref().map(one_line)
        && !note.is_empty()
    {
        facts.push(format!("bureau attribution: {note}"));
    }
    let cover = one_line(&station.cover);
    if !cover.is_empty() {
        facts.push(format!(
            "cover organisation or address as reported: {cover}"
        ));
    }
    facts.push(format!(
        "first publicly reported {}",
        date_text(&station.first_reported, station.first_reported_approximate)
    ));
    let cited = refs.cite(&station.sources);
    let _ = writeln!(text, "According to{cited}: {}.", facts.join("; "));
    let note = one_line(&station.location.note);
    let _ = writeln!(
        text,
        "Location: {}{}.",
        station.location.precision.label(),
        if note.is_empty() {
            String::new()
        } else {
            format!(" ({note})")
        }
    );
    if station.uncertain {
        let _ = writeln!(
            text,
            "The research behind the data set marks this station as uncertain."
        );
    }
    if let Some(latest) = station.latest_status() {
        let cited = refs.cite(&latest.sources);
        let _ = writeln!(
            text,
            "Latest reported status: {} ({}){cited}.",
            one_line(&super::claimed_status_words(
                &latest.status,
                latest.claimed_by.as_ref()
            )),
            date_text(&latest.date, latest.date_approximate)
        );
    }
    if !station.status.is_empty() {
        let _ = writeln!(text, "Status history:");
        for event in &station.status {
            let cited = refs.cite(&event.sources);
            let _ = writeln!(text, "- {}{cited}", status_line(event));
        }
    }
    if !station.notes.is_empty() {
        let _ = writeln!(text, "Notes:");
        for note in &station.notes {
            let cited = refs.cite(&note.sources);
            let _ = writeln!(text, "- {}{cited}", with_period(&one_line(&note.text)));
        }
    }
    let disagreements: Vec<&Disagreement> = data
        .country_record(&station.country)
        .into_iter()
        .flat_map(|c| &c.disagreements)
        .filter(|d| d.station_ids.contains(&station.id))
        .collect();
    if !disagreements.is_empty() {
        let _ = writeln!(text, "Where sources disagree:");
        for d in disagreements {
            disagreement_lines(&mut text, &mut refs, d);
        }
    }
    finish(text, &refs, data)
}

/// A country's facts as plain text with numbered source references and the source list: the
/// stations `filters` show there (all of them when no filter is set), counts by report and
/// bureau, the reports' own figures, the host government's responses, China's stated position,
/// notes and disagreements. With a timeline date in `filters`, responses and statements are
/// those known on that date and station statuses are as of then.
pub fn cite_country(data: &DataSet, iso2: &str, country_name: &str, filters: &Filters) -> String {
    let mut refs = Refs::new(data);
    let mut text = String::new();
    let name = one_line(country_name);
    let all: Vec<&Station> = data.stations_in(iso2).collect();
    let shown: Vec<&Station> = all
        .iter()
        .copied()
        .filter(|s| filters.shows(data, s))
        .collect();
    let _ = writeln!(
        text,
        "{name} ({iso2}): reported overseas police \"service stations\""
    );
    let described = describe_filters(filters);
    if described.is_empty() {
        let _ = writeln!(
            text,
            "{} reported in {name} {} placed in this data set.",
            count_noun(all.len(), "station", "stations"),
            if all.len() == 1 { "is" } else { "are" }
        );
    } else {
        let _ = writeln!(
            text,
            "{} reported in {name} {} placed in this data set; {} of them {} shown ({described}).",
            count_noun(all.len(), "station", "stations"),
            if all.len() == 1 { "is" } else { "are" },
            shown.len(),
            if shown.len() == 1 { "is" } else { "are" }
        );
    }
    let by_report: Vec<String> = data
        .file
        .reports
        .iter()
        .filter_map(|report| {
            let n = shown
                .iter()
                .filter(|s| s.listed_in.contains(&report.id))
                .count();
            (n > 0).then(|| {
                let cited = refs.cite(&report.sources);
                format!(
                    "{} ({}){cited}",
                    one_line(report.display_title()),
                    count_noun(n, "station", "stations")
                )
            })
        })
        .collect();
    if !by_report.is_empty() {
        let _ = writeln!(text, "First listed in: {}.", by_report.join("; "));
    }
    let by_bureau: Vec<String> = super::BUREAUS
        .iter()
        .filter_map(|b| {
            let n = shown.iter().filter(|s| s.bureau == *b).count();
            (n > 0).then(|| format!("{b} {n}"))
        })
        .collect();
    if !by_bureau.is_empty() {
        let _ = writeln!(
            text,
            "By operating bureau, as reported: {}.",
            by_bureau.join(", ")
        );
    }
    let record = data.country_record(iso2);
    if let Some(record) = record
        && !record.report_counts.is_empty()
    {
        let _ = writeln!(text, "Figures the reports published for {name}:");
        for count in &record.report_counts {
            let figure = match (count.stations, one_line(&count.text)) {
                (Some(n), t) if t.is_empty() => n.to_string(),
                (Some(n), t) => format!("{n} ({t})"),
                (None, t) => t,
            };
            let cited = refs.cite(&count.sources);
            let _ = writeln!(
                text,
                "- {}: {figure}{cited}",
                one_line(data.report_title(&count.report))
            );
        }
    }
    if !shown.is_empty() {
        let _ = writeln!(text, "Stations:");
        for station in &shown {
            let mut facts = vec![format!("bureau {}", one_line(&station.bureau))];
            if !station.listed_in.is_empty() {
                facts.push(format!("listed in {}", listing(data, station)));
            }
            let cover = one_line(&station.cover);
            if !cover.is_empty() {
                facts.push(format!("cover as reported: {cover}"));
            }
            if station.uncertain {
                facts.push("marked uncertain".to_owned());
            }
            let cited = refs.cite(&station.sources);
            let mut line = format!(
                "- {} ({}){cited}",
                one_line(station.display_city()),
                facts.join("; ")
            );
            if let Some(status) = filters.status_of(station) {
                let cited = refs.cite(&status.sources);
                let _ = write!(
                    line,
                    "; status: {} ({}){cited}",
                    one_line(&super::claimed_status_words(
                        &status.status,
                        status.claimed_by.as_ref()
                    )),
                    date_text(&status.date, status.date_approximate)
                );
            }
            let _ = writeln!(text, "{line}.");
        }
    }
    if let Some(record) = record {
        let responses: Vec<_> = record
            .responses
            .iter()
            .filter(|r| filters.knows(&r.date))
            .collect();
        if !responses.is_empty() {
            let _ = writeln!(text, "Host government responses:");
            for r in responses {
                let actor = one_line(&r.actor);
                let who = if actor.is_empty() {
                    String::new()
                } else {
                    format!(", {actor}")
                };
                let cited = refs.cite(&r.sources);
                let _ = writeln!(
                    text,
                    "- {}{who} ({}): {}{cited}",
                    date_text(&r.date, r.date_approximate),
                    one_line(&super::claimed_status_words(
                        &r.action,
                        r.claimed_by.as_ref()
                    )),
                    with_period(&one_line(&r.text))
                );
            }
        }
        let statements: Vec<_> = record
            .china_position
            .iter()
            .filter(|s| filters.as_of.is_none() || filters.knows(&s.date))
            .collect();
        if !statements.is_empty() {
            let _ = writeln!(text, "China's stated position:");
            for s in statements {
                let when = if s.date.is_empty() {
                    "undated".to_owned()
                } else {
                    date_text(&s.date, s.date_approximate)
                };
                let actor = one_line(&s.actor);
                let who = if actor.is_empty() {
                    String::new()
                } else {
                    format!(", {actor}")
                };
                let cited = refs.cite(&s.sources);
                let _ = writeln!(
                    text,
                    "- {when}{who}: {}{cited}",
                    with_period(&one_line(&s.text))
                );
            }
        }
        if !record.notes.is_empty() {
            let _ = writeln!(text, "Notes:");
            for note in &record.notes {
                let cited = refs.cite(&note.sources);
                let _ = writeln!(text, "- {}{cited}", with_period(&one_line(&note.text)));
            }
        }
        if !record.disagreements.is_empty() {
            let _ = writeln!(text, "Where sources disagree:");
            for d in &record.disagreements {
                disagreement_lines(&mut text, &mut refs, d);
            }
        }
    }
    finish(text, &refs, data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Tier;

    #[test]
    fn a_source_reads_publisher_title_date_url() {
        let source = Source {
            id: "x".into(),
            publisher: "El Mundo".into(),
            title: "Una comisaría".into(),
            date: "2022-10".into(),
            date_approximate: true,
            url: "https://example.org/a".into(),
            ..Source::default()
        };
        assert_eq!(
            format_source(&source),
            "El Mundo, “Una comisaría”, c. 2022-10. https://example.org/a"
        );
        let described = Source {
            title: "[A description]".into(),
            date: "n.d.".into(),
            date_approximate: false,
            ..source
        };
        assert_eq!(
            format_source(&described),
            "El Mundo, [A description], n.d. https://example.org/a"
        );
    }

    /// The panel's link text and the copied line are the same text, repost and tier included.
    #[test]
    fn a_repost_names_what_it_reposts_and_its_tier() {
        let source = Source {
            id: "x".into(),
            publisher: "Sohu".into(),
            title: "Line one\nline two".into(),
            date: "2022-10-05".into(),
            repost_of: Some("El País".into()),
            tier: Some(Tier::Repost),
            url: "https://example.org/b".into(),
            ..Source::default()
        };
        assert_eq!(
            source_citation(&source),
            "Sohu, “Line one line two”, 2022-10-05, repost of El País, repost source"
        );
        assert_eq!(
            format_source(&source),
            "Sohu, “Line one line two”, 2022-10-05, repost of El País, repost source. \
             https://example.org/b"
        );
    }

    #[test]
    fn an_approximate_date_is_written_one_way() {
        assert_eq!(date_text("2022-10", true), "c. 2022-10");
        assert_eq!(date_text("2022-10", false), "2022-10");
        assert_eq!(date_text("n.d.", true), "n.d.");
        assert_eq!(date_text("", true), "");
    }
}

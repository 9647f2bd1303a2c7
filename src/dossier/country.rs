//! One country's section of a dossier, built in reading order (so footnotes number in order):
//! the summary paragraph, the station table, the timeline, the disagreements, the caveats.

use super::refs::Refs;
use super::timeline::timeline;
use super::{CountrySection, Disagreement, Line, StationRow};
use crate::data::{self, DataSet, Filters, Station};
use crate::state::Model;

/// The section of `iso` for what `model` shows, with `map_svg` made beforehand.
pub(super) fn country_section<'a>(
    model: &'a Model,
    iso: &str,
    map_svg: Option<String>,
    refs: &mut Refs<'a>,
) -> CountrySection {
    let data = model.data();
    let filters = model.filters();
    let name = model.country_name(iso).to_owned();
    let stations: Vec<&'a Station> = model
        .shown()
        .stations
        .iter()
        .map(|&i| &data.stations()[i])
        .filter(|s| s.country == iso)
        .collect();
    let total = data.stations_in(iso).count();
    let summary = summary(data, filters, iso, &stations, total, refs);
    let rows = stations
        .iter()
        .map(|s| station_row(data, filters, s, refs))
        .collect();
    let timeline = timeline(data, filters, iso, &stations, refs);
    let disagreements = data
        .country_record(iso)
        .map(|r| {
            r.disagreements
                .iter()
                .map(|d| disagreement(d, refs))
                .collect()
        })
        .unwrap_or_default();
    let notes = data
        .country_record(iso)
        .map(|r| {
            r.notes
                .iter()
                .map(|n| refs.line(String::new(), String::new(), &n.text, &n.sources))
                .collect()
        })
        .unwrap_or_default();
    let caveats = caveats(data, iso, &stations, refs);
    CountrySection {
        iso2: iso.to_owned(),
        name,
        shown: stations.len(),
        total,
        summary,
        map_svg,
        stations: rows,
        timeline,
        disagreements,
        notes,
        caveats,
    }
}

/// The summary paragraph: how many stations, listed by which reports, which bureaus, what the
/// host government did, China's stated position. Counts are of the shown stations.
fn summary<'a>(
    data: &'a DataSet,
    filters: &Filters,
    iso: &str,
    stations: &[&'a Station],
    total: usize,
    refs: &mut Refs<'a>,
) -> Vec<Line> {
    let mut lines = Vec::new();
    let count = if filters.is_active() {
        format!(
            "{} of the {total} this data set places in this country are shown here.",
            data::count_noun(stations.len(), "station", "stations")
        )
    } else {
        format!(
            "This data set places {} in this country.",
            data::count_noun(stations.len(), "reported station", "reported stations")
        )
    };
    lines.push(plain(count));
    let counts = data.summary_of(stations.iter().copied());
    for (report_id, n) in &counts.by_report {
        let Some(report) = data.report(report_id) else {
            continue;
        };
        let text = format!(
            "{} first listed by {} ({}, {}).",
            data::count_noun(*n, "station", "stations"),
            // A bracketed title is a description, long in a sentence: the short title says it.
            if report.title.starts_with('[') {
                data.report_title(report_id)
            } else {
                report.title.as_str()
            },
            report.publisher,
            data::date_text(&report.date, false)
        );
        lines.push(refs.line(String::new(), String::new(), &text, &report.sources));
    }
    if !counts.by_bureau.is_empty() {
        let parts: Vec<String> = counts
            .by_bureau
            .iter()
            .map(|(b, n)| format!("{b} ({n})"))
            .collect();
        lines.push(plain(format!(
            "Operating bureau as reported: {} (sources for each station in the table).",
            parts.join(", ")
        )));
    }
    let record = data.country_record(iso);
    let responses: Vec<&'a data::Response> = record
        .map(|r| {
            r.responses
                .iter()
                .filter(|x| filters.knows(&x.date))
                .collect()
        })
        .unwrap_or_default();
    match responses.last() {
        None => lines.push(labelled(
            "Host government",
            "no response is recorded in this data set.",
        )),
        Some(latest) => {
            // "by X: …, according to X" says X twice when the actor speaks for itself.
            let by = match &latest.claimed_by {
                Some(claimant) if claimant.actor == latest.actor => String::new(),
                _ => format!(", by {}", latest.actor),
            };
            let text = format!(
                "{} recorded (see the timeline); the latest, {}{by}: {}.",
                data::count_noun(responses.len(), "response", "responses"),
                data::date_text(&latest.date, latest.date_approximate),
                response_words(latest)
            );
            lines.push(refs.line(
                String::new(),
                "Host government".to_owned(),
                &text,
                &latest.sources,
            ));
        }
    }
    let statements: Vec<&'a data::Statement> = record
        .map(|r| {
            r.china_position
                .iter()
                .filter(|s| filters.knows(&s.date))
                .collect()
        })
        .unwrap_or_default();
    match statements.last() {
        None => lines.push(labelled(
            "China's stated position",
            "no statement about this country's stations is recorded in this data set.",
        )),
        Some(latest) => {
            let text = format!(
                "{} recorded; the latest, {}, by {}: {}",
                data::count_noun(statements.len(), "statement", "statements"),
                data::date_text(&latest.date, latest.date_approximate),
                latest.actor,
                latest.text
            );
            lines.push(refs.line(
                String::new(),
                "China's stated position".to_owned(),
                &text,
                &latest.sources,
            ));
        }
    }
    lines
}

/// "investigation, according to El Mundo (press)": a response's action as shown, with who says so.
pub(super) fn response_words(response: &data::Response) -> String {
    data::claimed_status_words(&response.action, response.claimed_by.as_ref())
}

/// A labelled statement of the data set itself, with no source to cite.
fn labelled(label: &str, text: &str) -> Line {
    Line {
        label: label.to_owned(),
        text: text.to_owned(),
        ..Line::default()
    }
}

/// A statement of the data set itself (a count), with no source to cite.
fn plain(text: String) -> Line {
    Line {
        text,
        ..Line::default()
    }
}

/// A station's row: what was reported, and its status as of the timeline date with who says so.
fn station_row<'a>(
    data: &'a DataSet,
    filters: &Filters,
    station: &'a Station,
    refs: &mut Refs<'a>,
) -> StationRow {
    let mut precision = station.location.precision.label().to_owned();
    if station.location.premises_reported {
        precision.push_str("; premises reported, the point is not placed there");
    }
    let listed: Vec<&str> = station
        .listed_in
        .iter()
        .map(|r| data.report_title(r))
        .collect();
    let listing_refs = refs.cite(&station.sources);
    let (status, status_claim, status_refs) = match filters.status_of(station) {
        Some(event) => {
            let mut claim = event
                .claimed_by
                .as_ref()
                .map(data::according_to)
                .unwrap_or_default();
            let date = data::date_text(&event.date, event.date_approximate);
            if !date.is_empty() {
                claim = if claim.is_empty() {
                    date
                } else {
                    format!("{claim}, {date}")
                };
            }
            (
                data::status_label(event.effective_status()).to_owned(),
                claim,
                refs.cite(&event.sources),
            )
        }
        None => (
            "reported".to_owned(),
            "no status entry".to_owned(),
            Vec::new(),
        ),
    };
    let mut flags = Vec::new();
    if station.uncertain {
        flags.push("marked uncertain by the research");
    }
    if data.station_is_weak(station) {
        flags.push("weakly sourced: reposts or aggregators only");
    }
    StationRow {
        id: station.id.clone(),
        city: station.display_city().to_owned(),
        cover: if station.cover.trim().is_empty() {
            "none reported".to_owned()
        } else {
            station.cover.clone()
        },
        precision,
        bureau: station.bureau.clone(),
        bureau_note: station.bureau_note.clone().unwrap_or_default(),
        listed_in: listed.join(", "),
        first_reported: data::date_text(
            &station.first_reported,
            station.first_reported_approximate,
        ),
        listing_refs,
        status,
        status_claim,
        status_refs,
        flags,
    }
}

/// A disagreement with every version and its sources.
pub(super) fn disagreement<'a>(d: &'a data::Disagreement, refs: &mut Refs<'a>) -> Disagreement {
    Disagreement {
        topic: d.topic.clone(),
        versions: d
            .versions
            .iter()
            .enumerate()
            .map(|(k, v)| {
                let label = format!("Version {}", char::from(b'A' + (k % 26) as u8));
                refs.line(String::new(), label, &v.claim, &v.sources)
            })
            .collect(),
    }
}

/// The country's caveats: each report's published figure against the stations placed here, the
/// stations counted but not placed, and what the flags and points mean.
fn caveats<'a>(
    data: &'a DataSet,
    iso: &str,
    stations: &[&Station],
    refs: &mut Refs<'a>,
) -> Vec<Line> {
    let mut lines = Vec::new();
    if let Some(record) = data.country_record(iso) {
        for count in &record.report_counts {
            let family = data.report_family(&count.report);
            let placed = data
                .stations_in(iso)
                .filter(|s| s.listed_in.iter().any(|r| family.contains(&r.as_str())))
                .count();
            let figure = count.stations.map_or_else(
                || "no figure".to_owned(),
                |n| data::count_noun(n as usize, "station", "stations"),
            );
            let mut text = format!(
                "Published figure: {} gives {figure} for this country",
                data.report_title(&count.report)
            );
            if !count.text.is_empty() {
                text.push_str(&format!(" ({})", count.text));
            }
            text.push_str(&format!(
                "; this data set places {placed} of that report's stations here."
            ));
            lines.push(refs.line(String::new(), String::new(), &text, &count.sources));
        }
        for gap in &record.gaps {
            lines.push(refs.line(
                String::new(),
                "Counted but not placed".into(),
                &gap.text,
                &gap.sources,
            ));
        }
    }
    let uncertain = stations.iter().filter(|s| s.uncertain).count();
    if uncertain > 0 {
        lines.push(plain(format!(
            "{} marked uncertain by the research (a single or weak source).",
            data::count_noun(uncertain, "shown station is", "shown stations are")
        )));
    }
    let weak = stations.iter().filter(|s| data.station_is_weak(s)).count();
    if weak > 0 {
        lines.push(plain(format!(
            "{} only on reposts or aggregators: no original outlet or primary document was found.",
            data::count_noun(
                weak,
                "shown station's listing rests",
                "shown stations' listings rest"
            )
        )));
    }
    let mut by_precision: Vec<String> = Vec::new();
    for precision in [
        data::Precision::Address,
        data::Precision::District,
        data::Precision::City,
        data::Precision::Region,
        data::Precision::Country,
    ] {
        let n = stations
            .iter()
            .filter(|s| s.location.precision == precision)
            .count();
        if n > 0 {
            by_precision.push(format!("{n} {}", precision.label()));
        }
    }
    if !by_precision.is_empty() {
        lines.push(plain(format!(
            "Location precision of the points: {}. Each point is the gazetteer point of the place the sources name, not of premises.",
            by_precision.join(", ")
        )));
    }
    lines
}

//! Building a [`Dossier`] from the model: the maps first (they need the selection set per
//! country), then the text in reading order, so footnotes number in the order they are read.

use super::country::{country_section, disagreement};
use super::refs::Refs;
use super::{Dossier, Line, Scope, SummaryRow};
use crate::data::{self, parse_date};
use crate::map::picture::{self, PictureOptions, PictureSize, Scene, filter_words, timeline_words};
use crate::state::Model;

/// The size the maps are laid out at (CSS pixels; they scale to the page).
const MAP_SIZE: PictureSize = PictureSize {
    width: 1000,
    height: 600,
};

impl Dossier {
    /// The dossier of what `model` shows (its filters and timeline date) for `scope`. The
    /// selection is changed to lay out each country's map and restored before returning.
    ///
    /// The whole data set covers the countries with at least one shown station, by name; the
    /// summary table says how many were left out. A single country is covered even when no
    /// station of it is shown (the document then says so).
    pub fn build(model: &mut Model, scope: &Scope) -> Self {
        let isos = countries(model, scope);
        let kept_country = model.selection().country.clone();
        let kept_station = model.selected_station();
        let mut maps = Vec::with_capacity(isos.len());
        for iso in &isos {
            model.select_country(Some(iso.clone()));
            maps.push(Some(map_svg(model)));
        }
        let world_svg = (*scope == Scope::All).then(|| {
            model.select_country(None);
            map_svg(model)
        });
        model.select_country(kept_country);
        if let Some(i) = kept_station {
            model.select_station(i);
        }
        let model: &Model = model;

        let data = model.data();
        let meta = &data.file.meta;
        let as_of =
            parse_date(meta.as_of.trim()).map_or_else(|| meta.as_of.clone(), |d| d.in_words());
        let place = match scope {
            Scope::Country(iso) => model.country_name(iso).to_owned(),
            Scope::All => "all countries".to_owned(),
        };
        let title = format!("{}: {place}", meta.title.trim());
        let data_line = format!(
            "Data: the overseas-stations data set, version {}, as of {as_of}.",
            meta.version.trim()
        );
        let mut refs = Refs::new(data);
        let summary_table = (*scope == Scope::All).then(|| summary_table(model, &isos));
        let countries = isos
            .iter()
            .zip(maps)
            .map(|(iso, svg)| country_section(model, iso, svg, &mut refs))
            .collect();
        let general = general(model, &isos, scope, &mut refs);
        let how_to_cite = format!(
            "{title}. Dossier made with overseas-stations {} from the data set version {} (as of {as_of}). {} {} Each statement's own sources are in the footnotes; cite them for the facts.",
            env!("CARGO_PKG_VERSION"),
            meta.version.trim(),
            timeline_words(model.filters()),
            filter_words(model.filters()),
        );
        Self {
            title,
            data_line,
            timeline_words: timeline_words(model.filters()),
            filter_words: filter_words(model.filters()),
            summary_table,
            world_svg,
            countries,
            general,
            how_to_cite,
            footnotes: refs.footnotes(),
        }
    }
}

/// The countries covered: the one asked for, or those with shown stations by name.
fn countries(model: &Model, scope: &Scope) -> Vec<String> {
    match scope {
        Scope::Country(iso) => vec![iso.clone()],
        Scope::All => {
            let data = model.data();
            let mut isos: Vec<String> = model
                .shown()
                .stations
                .iter()
                .map(|&i| data.stations()[i].country.clone())
                .collect();
            isos.sort_by(|a, b| model.country_name(a).cmp(model.country_name(b)));
            isos.dedup();
            isos
        }
    }
}

/// The map picture of what the model shows (its selection gives the extent), as an `<svg>`
/// element to inline (the XML declaration dropped).
fn map_svg(model: &Model) -> String {
    let options = PictureOptions {
        size: MAP_SIZE,
        dark: false,
    };
    let svg = picture::svg_document(&Scene::build(model, options));
    match svg.find("<svg") {
        Some(start) => svg[start..].to_owned(),
        None => svg,
    }
}

/// One row per covered country, and a note on the countries left out.
fn summary_table(model: &Model, isos: &[String]) -> (Vec<SummaryRow>, String) {
    let data = model.data();
    let filters = model.filters();
    let rows = isos
        .iter()
        .map(|iso| {
            let record = data.country_record(iso);
            let responses: Vec<&data::Response> = record
                .map(|r| {
                    r.responses
                        .iter()
                        .filter(|x| filters.knows(&x.date))
                        .collect()
                })
                .unwrap_or_default();
            let statements = record.map_or(0, |r| {
                r.china_position
                    .iter()
                    .filter(|s| filters.knows(&s.date))
                    .count()
            });
            let latest_response = responses.last().map_or_else(
                || "none".to_owned(),
                |r| {
                    format!(
                        "{}: {}",
                        data::date_text(&r.date, r.date_approximate),
                        data::response_gist(r)
                    )
                },
            );
            SummaryRow {
                iso2: iso.clone(),
                name: model.country_name(iso).to_owned(),
                shown: model
                    .shown()
                    .stations
                    .iter()
                    .filter(|&&i| data.stations()[i].country == *iso)
                    .count(),
                responses: responses.len(),
                statements,
                latest_response,
            }
        })
        .collect();
    let left_out = data.country_count().saturating_sub(isos.len());
    let note = format!(
        "{} shown in {}, one section each below, in this order. {}",
        data::count_noun(model.shown().stations.len(), "station", "stations"),
        data::count_noun(isos.len(), "country", "countries"),
        if left_out == 0 {
            "Every country of the data set has a shown station.".to_owned()
        } else {
            format!(
                "{} of the data set with no shown station (filters or timeline date) left out.",
                data::count_noun(left_out, "country", "countries")
            )
        }
    );
    (rows, note)
}

/// The parts about no one country: the reports behind the shown stations (headline against
/// placed, revisions, notes), the data set's caveats, critiques, China's general statements and,
/// for the whole data set, the disagreements and gaps that concern no one country.
fn general<'a>(
    model: &'a Model,
    isos: &[String],
    scope: &Scope,
    refs: &mut Refs<'a>,
) -> Vec<(String, Vec<Line>)> {
    let data = model.data();
    let filters = model.filters();
    let mut parts = Vec::new();
    let mut reports = Vec::new();
    for report in &data.file.reports {
        let lists_shown = model.shown().stations.iter().any(|&i| {
            let s = &data.stations()[i];
            isos.contains(&s.country) && s.listed_in.contains(&report.id)
        });
        if !lists_shown {
            continue;
        }
        let name = format!("{} ({}, {})", report.title, report.publisher, report.date);
        if let Some(headline) = &report.headline {
            let text = format!(
                "{} This data set places {} of its stations in {}.",
                headline.text,
                data.stations_per_report(&report.id),
                data::count_noun(
                    data.countries_per_report(&report.id),
                    "country",
                    "countries"
                )
            );
            reports.push(refs.line(
                String::new(),
                format!("{name}, headline"),
                &text,
                &headline.sources,
            ));
        }
        for revision in report.revisions.iter().filter(|r| filters.knows(&r.date)) {
            reports.push(refs.line(
                data::date_text(&revision.date, false),
                format!("{}, revised", report.short_title),
                &revision.note,
                &revision.sources,
            ));
        }
        for note in &report.notes {
            reports.push(refs.line(
                String::new(),
                report.short_title.clone(),
                &note.text,
                &note.sources,
            ));
        }
    }
    if !reports.is_empty() {
        parts.push((
            "The reports: headline figures and stations placed".to_owned(),
            reports,
        ));
    }
    let global = &data.file.global;
    let critiques: Vec<Line> = global
        .critiques
        .iter()
        .map(|c| refs.line(String::new(), String::new(), &c.text, &c.sources))
        .collect();
    if !critiques.is_empty() {
        parts.push(("Critiques of the reports".to_owned(), critiques));
    }
    let china: Vec<Line> = global
        .china_position
        .iter()
        .filter(|s| filters.knows(&s.date))
        .map(|s| {
            let date = data::date_text(&s.date, s.date_approximate);
            refs.line(date, s.actor.clone(), &s.text, &s.sources)
        })
        .collect();
    if !china.is_empty() {
        parts.push(("China's statements about no one country".to_owned(), china));
    }
    if *scope == Scope::All {
        let mut lines = Vec::new();
        for d in &global.disagreements {
            let d = disagreement(d, refs);
            for mut version in d.versions {
                version.label = format!("{}: {}", d.topic, version.label);
                lines.push(version);
            }
        }
        if !lines.is_empty() {
            parts.push((
                "Disagreements that concern no one country".to_owned(),
                lines,
            ));
        }
        let gaps: Vec<Line> = global
            .gaps
            .iter()
            .map(|g| refs.line(String::new(), String::new(), &g.text, &g.sources))
            .collect();
        if !gaps.is_empty() {
            parts.push(("Stations counted but not placed".to_owned(), gaps));
        }
    }
    let caveats: Vec<Line> = data
        .file
        .meta
        .caveats
        .iter()
        .map(|c| Line {
            text: c.clone(),
            ..Line::default()
        })
        .collect();
    if !caveats.is_empty() {
        parts.push(("Caveats of this data set".to_owned(), caveats));
    }
    parts
}

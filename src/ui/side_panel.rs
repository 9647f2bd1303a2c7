//! The side panel: an overview when nothing is selected, otherwise everything reported about the
//! selected country, each statement followed by its sources.

use std::collections::HashMap;

use egui::{Align, CollapsingHeader, Color32, RichText, ScrollArea, Ui};

use super::UiState;
use super::links::sources_ui;
use crate::data::{self, DataSet, Filters, Station, StatusEvent};
use crate::state::{Command, Commands, Model};

/// Draws the panel on the right.
pub fn show(ui: &mut Ui, model: &Model, state: &mut UiState, out: &mut Commands) {
    use super::lists::{self, PanelTab};
    egui::Panel::right("details")
        .resizable(true)
        .default_size(380.0)
        .size_range(280.0..=700.0)
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                for (tab, label) in [
                    (PanelTab::Details, "Details"),
                    (PanelTab::Countries, "Countries list"),
                    (PanelTab::Stations, "Stations list"),
                ] {
                    if ui.selectable_label(state.panel_tab == tab, label).clicked() {
                        state.panel_tab = tab;
                        state.lists.cursor = 0;
                    }
                }
            });
            ui.separator();
            // Tables may be wider than the panel: scroll them sideways rather than grow the panel.
            let scroll = if state.panel_tab == PanelTab::Details {
                ScrollArea::vertical()
            } else {
                ScrollArea::both()
            };
            scroll
                .auto_shrink([false, false])
                .show(ui, |ui| match state.panel_tab {
                    PanelTab::Countries => lists::countries_ui(ui, model, &mut state.lists, out),
                    PanelTab::Stations => lists::stations_ui(ui, model, &mut state.lists, out),
                    PanelTab::Details => {
                        ui.add_space(6.0);
                        let scroll = std::mem::take(&mut state.scroll_to_station);
                        match model.selection().country.as_deref() {
                            Some(iso) => country_ui(
                                ui,
                                model,
                                iso,
                                model.selection().station.as_deref(),
                                scroll,
                                out,
                            ),
                            None => overview_ui(ui, model.data(), out),
                        }
                    }
                });
        });
}

fn overview_ui(ui: &mut Ui, data: &DataSet, out: &mut Commands) {
    ui.heading("Overview");
    ui.label(
        "Click a country or a marker on the map to see what was reported there, with sources.",
    );
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!(
            "{} stations in {} countries",
            data.stations().len(),
            data.country_count()
        ))
        .strong(),
    );
    ui.label(
        RichText::new(format!(
            "Data as of {} · version {}",
            data.file.meta.as_of, data.file.meta.version
        ))
        .small()
        .weak(),
    );
    ui.add_space(8.0);
    ui.strong("Reports and listings");
    for report in &data.file.reports {
        ui.add_space(4.0);
        let placed = data.stations_per_report(&report.id);
        let countries = data.countries_per_report(&report.id);
        ui.label(
            RichText::new(format!(
                "{} ({}, {})",
                report.title, report.publisher, report.date
            ))
            .strong(),
        );
        let placed_text = format!(
            "{} placed here, in {}",
            data::count_noun(placed, "station", "stations"),
            data::count_noun(countries, "country", "countries")
        );
        match &report.headline {
            Some(headline) => {
                ui.label(headline_sentence(headline, placed, &placed_text));
                sources_ui(ui, data, &headline.sources, out);
            }
            None => {
                ui.label(format!("{placed_text}."));
                sources_ui(ui, data, &report.sources, out);
            }
        }
        let (in_europe, of) = data.placed_in_europe(&report.id);
        if in_europe > 0 {
            ui.label(
                RichText::new(format!(
                    "Of the stations placed here, {in_europe} of {of} are in European countries (computed from the data)."
                ))
                .small(),
            );
        }
        for note in &report.notes {
            ui.label(shown(&note.text));
            sources_ui(ui, data, &note.sources, out);
        }
    }

    let global = &data.file.global;
    if !global.china_position.is_empty() {
        ui.add_space(8.0);
        ui.strong("China's stated position");
        for statement in &global.china_position {
            statement_ui(ui, data, statement, out);
        }
    }
    if !global.critiques.is_empty() {
        ui.add_space(8.0);
        ui.strong("Critiques of the reports");
        for note in &global.critiques {
            ui.label(shown(&note.text));
            sources_ui(ui, data, &note.sources, out);
        }
    }
    if !global.disagreements.is_empty() {
        ui.add_space(8.0);
        ui.strong("Where sources disagree");
        for disagreement in &global.disagreements {
            disagreement_ui(ui, data, disagreement, out);
        }
    }
    if !global.gaps.is_empty() {
        ui.add_space(8.0);
        ui.strong("What could not be placed");
        for note in &global.gaps {
            ui.label(shown(&note.text));
            sources_ui(ui, data, &note.sources, out);
        }
    }
}

/// "The report counts at least 102 stations in 53 countries; 84 stations placed here, in 44
/// countries. The rest were not located in public sources."
fn headline_sentence(headline: &data::Headline, placed: usize, placed_text: &str) -> String {
    let at_least = if headline.stations_at_least {
        "at least "
    } else {
        ""
    };
    let figures = match (headline.stations, headline.countries) {
        (Some(s), Some(c)) => Some(format!(
            "The report counts {at_least}{} in {}",
            data::count_noun(s as usize, "station", "stations"),
            data::count_noun(c as usize, "country", "countries")
        )),
        (Some(s), None) => Some(format!(
            "The report counts {at_least}{}",
            data::count_noun(s as usize, "station", "stations")
        )),
        _ => None,
    };
    match (figures, headline.stations) {
        (Some(figures), Some(total)) if (total as usize) > placed || headline.stations_at_least => {
            format!("{figures}; {placed_text}. The rest were not located in public sources.")
        }
        (Some(figures), _) => format!("{figures}; {placed_text}."),
        (None, _) if !headline.text.is_empty() => {
            format!("{}. {placed_text}.", headline.text.trim_end_matches('.'))
        }
        (None, _) => format!("{placed_text}."),
    }
}

fn country_ui(
    ui: &mut Ui,
    model: &Model,
    iso: &str,
    highlighted: Option<&str>,
    scroll_to_highlight: bool,
    out: &mut Commands,
) {
    let data = model.data();
    let filters = model.filters();
    let name = model.country_name(iso);
    ui.horizontal(|ui| {
        ui.heading(name);
        if ui
            .small_button("× Clear")
            .on_hover_text("Clear the selection (Esc)")
            .clicked()
        {
            out.push(Command::SelectCountry(None));
        }
        if ui
            .small_button("Copy citation")
            .on_hover_text(
                "Copy the shown facts about this country with their sources, as plain text (Ctrl+Shift+C)",
            )
            .clicked()
        {
            out.push(Command::Copy(data::cite_country(data, iso, name, filters)));
        }
    });
    let summary = data.country_summary(iso);
    let stations: Vec<(usize, &Station)> = data
        .stations()
        .iter()
        .enumerate()
        .filter(|(_, s)| s.country == iso && filters.shows(data, s))
        .collect();
    let count_text = match (summary.stations, filters.is_active()) {
        (0, _) => "No stations reported in this data set".to_owned(),
        (1, false) => "1 station reported".to_owned(),
        (n, false) => format!("{n} stations reported"),
        (n, true) => format!(
            "{} shown of {n} reported",
            data::count_noun(stations.len(), "station", "stations")
        ),
    };
    ui.label(RichText::new(count_text).strong().size(16.0));
    if let Some(checked) = data
        .country_record(iso)
        .map(|r| r.last_checked.as_str())
        .filter(|d| !d.is_empty())
    {
        ui.label(
            RichText::new(format!("Record last checked {checked}"))
                .small()
                .weak(),
        );
    }
    let weak = stations
        .iter()
        .filter(|(i, _)| data.weak_stations().get(*i).copied().unwrap_or(false))
        .count();
    if weak > 0 {
        ui.label(
            RichText::new(format!(
                "Weakly sourced: {} only on reposts or aggregators (weakly sourced)",
                if weak == 1 {
                    "1 station listing rests".to_owned()
                } else {
                    format!("{weak} station listings rest")
                }
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    let uncertain = stations.iter().filter(|(_, s)| s.uncertain).count();
    if uncertain > 0 {
        ui.label(
            RichText::new(format!(
                "{uncertain} of them marked uncertain by the research"
            ))
            .italics(),
        );
    }
    if !summary.by_report.is_empty() {
        let parts: Vec<String> = summary
            .by_report
            .iter()
            .map(|(id, n)| format!("{} ({n})", data.report_title(id)))
            .collect();
        ui.label(format!("Listed in: {}", parts.join(", ")));
    }
    if !summary.by_bureau.is_empty() {
        let parts: Vec<String> = summary
            .by_bureau
            .iter()
            .map(|(b, n)| format!("{b} ({n})"))
            .collect();
        ui.label(format!("Operating bureaus: {}", parts.join(", ")));
    }

    let record = data.country_record(iso);
    if let Some(record) = record.filter(|r| !r.report_counts.is_empty()) {
        section(ui, "Figures published for this country");
        for count in &record.report_counts {
            let figure = count
                .stations
                .map(|n| data::count_noun(n as usize, "station", "stations"))
                .unwrap_or_else(|| "no figure".into());
            let mut line = format!("{}: {figure}", data.report_title(&count.report));
            if !count.text.is_empty() {
                line.push_str(&format!(" — {}", count.text));
            }
            ui.label(line);
            sources_ui(ui, data, &count.sources, out);
        }
    }

    if !stations.is_empty() {
        section(ui, "Stations");
        let open_all = stations.len() <= 4;
        let mut not_listed = 0;
        // Stations with the same city and bureau are numbered in their headers.
        let mut totals: HashMap<(&str, &str), usize> = HashMap::new();
        for (_, station) in &stations {
            *totals
                .entry((station.display_city(), station.bureau.as_str()))
                .or_insert(0) += 1;
        }
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        for (k, (index, station)) in stations.iter().enumerate() {
            let key = (station.display_city(), station.bureau.as_str());
            let ordinal = seen.entry(key).or_insert(0);
            *ordinal += 1;
            let ordinal = *ordinal;
            let is_highlighted = highlighted == Some(station.id.as_str());
            if k >= MAX_PANEL_STATIONS && !is_highlighted {
                not_listed += 1;
                continue;
            }
            let twins = totals.get(&key).copied().unwrap_or(1);
            let twin = (twins > 1).then_some((ordinal, twins));
            let header = station_header(station, filters, data.station_is_weak(station), twin);
            let mut text = RichText::new(header);
            if is_highlighted {
                text = text.strong().color(ui.visuals().selection.stroke.color);
            }
            let collapsing = CollapsingHeader::new(text)
                .id_salt(&station.id)
                .default_open(open_all)
                .open(
                    is_highlighted
                        .then_some(true)
                        .filter(|_| scroll_to_highlight),
                )
                .show(ui, |ui| station_ui(ui, data, station, name, filters, out));
            if is_highlighted && scroll_to_highlight {
                collapsing.header_response.scroll_to_me(Some(Align::Min));
            }
            if collapsing.header_response.clicked() && !is_highlighted {
                out.push(Command::SelectStation(*index));
            }
        }
        if not_listed > 0 {
            ui.label(
                RichText::new(format!(
                    "{} not listed here: narrow them down with the filters, or use the Stations list.",
                    data::count_noun(not_listed, "more station", "more stations")
                ))
                .italics(),
            );
        }
    }

    if let Some(record) = record {
        if !record.responses.is_empty() {
            section(ui, "Host government response");
            for response in record.responses.iter().filter(|r| filters.knows(&r.date)) {
                let mut label = format!(
                    "{} — {}",
                    response.actor,
                    data::status_label(data::effective(
                        &response.action,
                        response.claimed_by.as_ref()
                    ))
                );
                if let Some(claimant) = &response.claimed_by {
                    label.push_str(&format!(", {}", data::according_to(claimant)));
                }
                dated_item(
                    ui,
                    &response.date,
                    response.date_approximate,
                    &label,
                    &response.text,
                );
                sources_ui(ui, data, &response.sources, out);
            }
        }
        if !record.china_position.is_empty() {
            section(ui, "China's stated position");
            for statement in record
                .china_position
                .iter()
                .filter(|s| filters.knows(&s.date))
            {
                statement_ui(ui, data, statement, out);
            }
        }
        if !record.disagreements.is_empty() {
            section(ui, "Where sources disagree");
            for disagreement in &record.disagreements {
                disagreement_ui(ui, data, disagreement, out);
            }
        }
        if !record.notes.is_empty() {
            section(ui, "Notes");
            for note in &record.notes {
                ui.label(shown(&note.text));
                sources_ui(ui, data, &note.sources, out);
            }
        }
        if !record.gaps.is_empty() {
            section(ui, "Counted by a report but not placed");
            for gap in &record.gaps {
                ui.label(shown(&gap.text));
                sources_ui(ui, data, &gap.sources, out);
            }
        }
    } else if stations.is_empty() {
        ui.label("The data set holds no reports, responses or statements for this country.");
    }
}

/// A station's one-line header: city, bureau, latest status. `twin` is `(k, n)` when `n` stations
/// share the city and bureau, so that they can be told apart ("Barcelona (2 of 2)").
fn station_header(
    station: &Station,
    filters: &Filters,
    weak: bool,
    twin: Option<(usize, usize)>,
) -> String {
    // Headers do not wrap: a long city with qualifiers would push the panel over the map, so it
    // is shortened here (the body shows it whole).
    let city = station.display_city();
    let mut city = match city.char_indices().nth(36) {
        Some((cut, _)) => format!("{}…", city[..cut].trim_end()),
        None => city.to_owned(),
    };
    if let Some((k, n)) = twin {
        city.push_str(&format!(" ({k} of {n})"));
    }
    let bureau = if station.bureau.eq_ignore_ascii_case("unknown") {
        "bureau unknown"
    } else {
        station.bureau.as_str()
    };
    let mut header = format!("{city} · {bureau}");
    if let Some(latest) = filters.status_of(station) {
        header.push_str(&format!(
            " · {} ({})",
            data::status_label(latest.effective_status()),
            latest.date
        ));
    }
    if station.uncertain {
        header.push_str(" · uncertain");
    }
    if weak {
        header.push_str(" · weakly sourced");
    }
    header
}

fn station_ui(
    ui: &mut Ui,
    data: &DataSet,
    station: &Station,
    country: &str,
    filters: &Filters,
    out: &mut Commands,
) {
    if ui
        .small_button("Copy citation")
        .on_hover_text("Copy this station's facts with their sources, as plain text (Ctrl+Shift+C)")
        .clicked()
    {
        out.push(Command::Copy(data::cite_station(data, country, station)));
    }
    field(ui, "City", station.display_city());
    if !station.cover.is_empty() {
        field(ui, "Cover or address as reported", &station.cover);
    }
    field(
        ui,
        "Point on the map",
        &format!(
            "{} — {}",
            station.location.precision.label(),
            if station.location.note.is_empty() {
                station.location.precision.explanation()
            } else {
                &station.location.note
            }
        ),
    );
    if station.location.premises_reported {
        field(
            ui,
            "Premises",
            "an address or premises was reported (see cover); the point is not placed there",
        );
    }
    let mut bureau = station.bureau.clone();
    if let Some(note) = station.bureau_note.as_deref().filter(|n| !n.is_empty()) {
        bureau.push_str(&format!(" ({note})"));
    }
    field(ui, "Operating bureau", &bureau);
    let listed: Vec<&str> = station
        .listed_in
        .iter()
        .map(|r| data.report_title(r))
        .collect();
    field(ui, "Listed in", &listed.join(", "));
    let first = data::date_text(&station.first_reported, station.first_reported_approximate);
    field(ui, "First reported", &first);
    if station.uncertain {
        ui.label(
            RichText::new("Marked uncertain by the research: single or weak source.").italics(),
        );
    }
    if data.station_is_weak(station) {
        ui.label(
            RichText::new(
                "Weakly sourced: this listing rests only on reposts or aggregators; no original outlet or primary document was found.",
            )
            .color(ui.visuals().warn_fg_color),
        );
    }
    sources_ui(ui, data, &station.sources, out);
    if !station.status.is_empty() {
        ui.add_space(4.0);
        ui.strong("Status history");
        for event in station.status.iter().filter(|e| filters.knows(&e.date)) {
            status_item(ui, event);
            sources_ui(ui, data, &event.sources, out);
        }
    }
    for note in &station.notes {
        ui.add_space(2.0);
        ui.label(RichText::new(shown(&note.text)).italics());
        sources_ui(ui, data, &note.sources, out);
    }
}

fn status_item(ui: &mut Ui, event: &StatusEvent) {
    let mut label = data::status_label(event.effective_status()).to_owned();
    if let Some(claimant) = &event.claimed_by {
        label.push_str(&format!(", {}", data::according_to(claimant)));
    }
    dated_item(ui, &event.date, event.date_approximate, &label, &event.text);
}

/// A dated statement by a PRC authority, followed by its sources.
fn statement_ui(ui: &mut Ui, data: &DataSet, statement: &data::Statement, out: &mut Commands) {
    dated_item(
        ui,
        &statement.date,
        statement.date_approximate,
        &statement.actor,
        &statement.text,
    );
    sources_ui(ui, data, &statement.sources, out);
}

fn dated_item(ui: &mut Ui, date: &str, approximate: bool, label: &str, text: &str) {
    let date = if date.is_empty() {
        "undated".to_owned()
    } else {
        data::date_text(date, approximate)
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(date).monospace());
        if !label.is_empty() {
            ui.label(RichText::new(label).strong());
        }
        ui.label(shown(text));
    });
}

fn disagreement_ui(
    ui: &mut Ui,
    data: &DataSet,
    disagreement: &data::Disagreement,
    out: &mut Commands,
) {
    ui.label(RichText::new(&disagreement.topic).strong());
    for (i, version) in disagreement.versions.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("Version {}:", char::from(b'A' + (i as u8 % 26))))
                    .color(Color32::from_rgb(200, 120, 40)),
            );
            ui.label(shown(&version.claim));
        });
        sources_ui(ui, data, &version.sources, out);
    }
}

fn section(ui: &mut Ui, title: &str) {
    ui.add_space(10.0);
    ui.separator();
    ui.label(RichText::new(title).heading().size(15.0));
}

fn field(ui: &mut Ui, name: &str, value: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{name}:")).weak());
        ui.label(shown(value));
    });
}

/// Longest text the panel lays out; a data file can hold megabytes in one field, and laying that
/// out every frame would stall the app.
const MAX_SHOWN_CHARS: usize = 4000;

/// Text as the panel shows it: long text shortened in the middle, saying how much was left out.
fn shown(text: &str) -> String {
    data::shorten(text, MAX_SHOWN_CHARS)
}

/// At most this many stations are listed in a country's panel (the highlighted one always is);
/// the rest are counted, and the Stations list and the filters reach them.
const MAX_PANEL_STATIONS: usize = 200;

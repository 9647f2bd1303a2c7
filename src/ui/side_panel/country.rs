//! A selected country: stations (each collapsible, twins numbered), figures published for it, the
//! host government's responses, China's stated position, disagreements, notes and gaps.

use std::collections::HashMap;

use egui::{Align, CollapsingHeader, RichText, TextStyle, TextWrapMode, Ui, WidgetText};

use super::station::{station_header, station_ui};
use super::{
    DatedItem, MAX_PANEL_STATIONS, dated_item, disagreement_ui, section, shown, statement_ui,
};
use crate::data::{self, Station};
use crate::state::{Command, Commands, Model};
use crate::ui::Footnotes;
use crate::ui::dossier_window::DossierWindow;
use crate::ui::in_view;

pub(super) fn country_ui(
    ui: &mut Ui,
    model: &Model,
    iso: &str,
    highlighted: Option<&str>,
    scroll_to_highlight: bool,
    dossier: &mut Option<DossierWindow>,
    out: &mut Commands,
) {
    let data = model.data();
    let filters = model.filters();
    let name = model.country_name(iso);
    ui.horizontal_wrapped(|ui| {
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
        if ui
            .small_button("Dossier…")
            .on_hover_text(
                "Export a dossier of this country (HTML or Markdown): summary, map, stations, timeline, disagreements, caveats, numbered sources",
            )
            .clicked()
        {
            *dossier = Some(DossierWindow::new(Some(iso)));
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
        let mut notes = Footnotes::new(data);
        for count in &record.report_counts {
            let figure = count
                .stations
                .map(|n| data::count_noun(n as usize, "station", "stations"))
                .unwrap_or_else(|| "no figure".into());
            let mut line = format!("{}: {figure}", data.report_title(&count.report));
            if !count.text.is_empty() {
                line.push_str(&format!(" — {}", count.text));
            }
            notes.statement_ui(ui, &shown(&line), &count.sources, out);
        }
        notes.list_ui(ui, out);
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
            // A station (its header and, when open, its facts) is laid out only when in view.
            in_view::block(ui, |ui| {
                let twins = totals.get(&key).copied().unwrap_or(1);
                let twin = (twins > 1).then_some((ordinal, twins));
                let header = station_header(station, filters, data.station_is_weak(station), twin);
                let mut text = RichText::new(&header);
                if is_highlighted {
                    text = text.strong().color(ui.visuals().selection.stroke.color);
                }
                // A header never wraps: cut to the panel's width here, whole on hover, so that a
                // long one does not widen the panel (and move the map).
                let width = ui.available_width()
                    - ui.spacing().indent
                    - 2.0 * ui.spacing().button_padding.x;
                let galley = WidgetText::from(text).into_galley(
                    ui,
                    Some(TextWrapMode::Truncate),
                    width.max(0.0),
                    TextStyle::Button,
                );
                let elided = galley.elided;
                let mut collapsing = CollapsingHeader::new(WidgetText::Galley(galley))
                    .id_salt(&station.id)
                    .default_open(open_all)
                    .open(
                        is_highlighted
                            .then_some(true)
                            .filter(|_| scroll_to_highlight),
                    )
                    .show(ui, |ui| station_ui(ui, data, station, name, filters, out));
                if elided {
                    collapsing.header_response = collapsing.header_response.on_hover_text(&header);
                }
                if is_highlighted && scroll_to_highlight {
                    collapsing.header_response.scroll_to_me(Some(Align::Min));
                }
                if collapsing.header_response.clicked() && !is_highlighted {
                    out.push(Command::SelectStation(*index));
                }
            });
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
            let mut notes = Footnotes::new(data);
            for response in record.responses.iter().filter(|r| filters.knows(&r.date)) {
                let label = format!(
                    "{} — {}",
                    response.actor,
                    data::claimed_status_words(&response.action, response.claimed_by.as_ref())
                );
                let item = DatedItem {
                    date: &response.date,
                    approximate: response.date_approximate,
                    label: &label,
                    text: &response.text,
                };
                dated_item(ui, &item, &response.sources, &mut notes, out);
            }
            notes.list_ui(ui, out);
        }
        if !record.china_position.is_empty() {
            section(ui, "China's stated position");
            let mut notes = Footnotes::new(data);
            for statement in record
                .china_position
                .iter()
                .filter(|s| filters.knows(&s.date))
            {
                statement_ui(ui, statement, &mut notes, out);
            }
            notes.list_ui(ui, out);
        }
        if !record.disagreements.is_empty() {
            section(ui, "Where sources disagree");
            let mut notes = Footnotes::new(data);
            for disagreement in &record.disagreements {
                disagreement_ui(ui, disagreement, &mut notes, out);
            }
            notes.list_ui(ui, out);
        }
        if !record.notes.is_empty() {
            section(ui, "Notes");
            let mut notes = Footnotes::new(data);
            for note in &record.notes {
                notes.statement_ui(ui, &shown(&note.text), &note.sources, out);
            }
            notes.list_ui(ui, out);
        }
        if !record.gaps.is_empty() {
            section(ui, "Counted by a report but not placed");
            let mut notes = Footnotes::new(data);
            for gap in &record.gaps {
                notes.statement_ui(ui, &shown(&gap.text), &gap.sources, out);
            }
            notes.list_ui(ui, out);
        }
    } else if stations.is_empty() {
        ui.label("The data set holds no reports, responses or statements for this country.");
    }
}

//! The side panel: an overview when nothing is selected, otherwise everything reported about the
//! selected country, each statement followed by its sources. One file per view (`overview`,
//! `country`, `station`); the widgets they share are here.

mod country;
mod overview;
mod station;

use egui::{Color32, RichText, ScrollArea, Ui};

use super::UiState;
use super::links::sources_ui;
use crate::data::{self, DataSet, StatusEvent};
use crate::state::{Commands, Model};

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
                            Some(iso) => country::country_ui(
                                ui,
                                model,
                                iso,
                                model.selection().station.as_deref(),
                                scroll,
                                out,
                            ),
                            None => overview::overview_ui(ui, model.data(), model.filters(), out),
                        }
                    }
                });
        });
}

pub(super) fn status_item(ui: &mut Ui, event: &StatusEvent) {
    let mut label = data::status_label(event.effective_status()).to_owned();
    if let Some(claimant) = &event.claimed_by {
        label.push_str(&format!(", {}", data::according_to(claimant)));
    }
    dated_item(ui, &event.date, event.date_approximate, &label, &event.text);
}

/// A dated statement by a PRC authority, followed by its sources.
pub(super) fn statement_ui(
    ui: &mut Ui,
    data: &DataSet,
    statement: &data::Statement,
    out: &mut Commands,
) {
    dated_item(
        ui,
        &statement.date,
        statement.date_approximate,
        &statement.actor,
        &statement.text,
    );
    sources_ui(ui, data, &statement.sources, out);
}

pub(super) fn dated_item(ui: &mut Ui, date: &str, approximate: bool, label: &str, text: &str) {
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

pub(super) fn disagreement_ui(
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

pub(super) fn section(ui: &mut Ui, title: &str) {
    ui.add_space(10.0);
    ui.separator();
    ui.label(RichText::new(title).heading().size(15.0));
}

pub(super) fn field(ui: &mut Ui, name: &str, value: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{name}:")).weak());
        ui.label(shown(value));
    });
}

/// Longest text the panel lays out; a data file can hold megabytes in one field, and laying that
/// out every frame would stall the app.
const MAX_SHOWN_CHARS: usize = 4000;

/// Text as the panel shows it: long text shortened in the middle, saying how much was left out.
pub(super) fn shown(text: &str) -> String {
    data::shorten(text, MAX_SHOWN_CHARS)
}

/// At most this many stations are listed in a country's panel (the highlighted one always is);
/// the rest are counted, and the Stations list and the filters reach them.
pub(super) const MAX_PANEL_STATIONS: usize = 200;

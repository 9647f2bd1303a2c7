//! The side panel: an overview when nothing is selected, otherwise everything reported about the
//! selected country, each statement ending with numbered markers of its sources, listed once per
//! section ([`Footnotes`]). One file per view (`overview`,
//! `country`, `station`); the widgets they share are here.

mod country;
mod overview;
mod station;

use egui::{Color32, RichText, ScrollArea, Ui};

use super::Footnotes;
use super::UiState;
use super::in_view;
use crate::data::{self, StatusEvent};
use crate::state::{Commands, Model};

/// The narrowest the panel may be: every view is laid out to fit this (headers and table
/// columns are cut, text wraps).
pub const MIN_WIDTH: f32 = 260.0;

/// The widest a remembered width is taken back as, whatever the screen: settings are input.
pub const MAX_REMEMBERED_WIDTH: f32 = 1200.0;

/// The widths the panel may take in a window `window_width` wide: from [`MIN_WIDTH`] to 45% of
/// the window (at most 720), so the map keeps more than half of any window from 800 px up.
pub fn width_range(window_width: f32) -> egui::Rangef {
    let max = (window_width * 0.45).clamp(MIN_WIDTH, 720.0);
    egui::Rangef::new(MIN_WIDTH, max)
}

/// The panel's width before the user has chosen one: 30% of the window, between 280 and 440.
pub fn default_width(window_width: f32) -> f32 {
    let range = width_range(window_width);
    (window_width * 0.3)
        .clamp(280.0, 440.0)
        .clamp(range.min, range.max)
}

/// Draws the panel on the right. Its width is the user's (dragged, or restored from the settings
/// through [`UiState::restore_panel_width`]) within [`width_range`]; its content never widens it,
/// so the map does not move when the selection changes.
pub fn show(ui: &mut Ui, model: &Model, state: &mut UiState, out: &mut Commands) {
    use super::lists::{self, PanelTab};
    let window_width = ui.available_rect_before_wrap().width();
    let range = width_range(window_width);
    let mut panel = egui::Panel::right("details")
        .resizable(true)
        .default_size(default_width(window_width))
        .size_range(range);
    if let Some(width) = state.restore_panel_width.take() {
        panel = panel.exact_size(width.clamp(range.min, range.max));
        state.panel_width_auto = None;
    } else if let Some(auto) = state.panel_width_auto {
        // Until the user drags the edge, the panel follows the window: the first frames can come
        // before the window has its size, and that size must not stick.
        let dragged = state.panel_width > 0.0 && (state.panel_width - auto).abs() > 1.0;
        let wanted = default_width(window_width);
        if dragged {
            state.panel_width_auto = None;
        } else if (wanted - auto).abs() > 0.5 {
            panel = panel.exact_size(wanted);
            state.panel_width_auto = Some(wanted);
        }
    }
    let response = panel.show(ui, |ui| {
        ui.add_space(4.0);
        let tabs = ui.horizontal_wrapped(|ui| {
            let mut widget = None;
            for (tab, label) in [
                (PanelTab::Details, "Details"),
                (PanelTab::Countries, "Countries list"),
                (PanelTab::Stations, "Stations list"),
            ] {
                let response = ui.selectable_label(state.panel_tab == tab, label);
                if response.clicked() {
                    state.panel_tab = tab;
                    state.lists.restart();
                }
                widget = Some(response.id);
            }
            widget
        });
        ui.separator();
        match state.panel_tab {
            // The lists scroll themselves, under a heading row that stays.
            PanelTab::Countries => lists::countries_ui(ui, model, &mut state.lists, out),
            PanelTab::Stations => lists::stations_ui(ui, model, &mut state.lists, out),
            PanelTab::Details => {
                ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ui.add_space(6.0);
                        let scroll = std::mem::take(&mut state.scroll_to_station);
                        let lazy = !scroll
                            && tabs
                                .inner
                                .is_some_and(|widget| in_view::may_skip(ui, widget));
                        let dossier = &mut state.files.dossier;
                        in_view::region(ui, content_key(model), lazy, |ui| {
                            match model.selection().country.as_deref() {
                                Some(iso) => country::country_ui(
                                    ui,
                                    model,
                                    iso,
                                    model.selection().station.as_deref(),
                                    scroll,
                                    dossier,
                                    out,
                                ),
                                None => {
                                    overview::overview_ui(ui, model.data(), model.filters(), out)
                                }
                            }
                        });
                    });
            }
        }
    });
    state.panel_width = response.response.rect.width();
}

/// What the details' content depends on besides the panel's width and style: the data, what is
/// shown (filters and timeline date) and the selection.
fn content_key(model: &Model) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    model.data_version().hash(&mut hasher);
    model.shown_version().hash(&mut hasher);
    model.selection().country.hash(&mut hasher);
    model.selection().station.hash(&mut hasher);
    hasher.finish()
}

/// A station's status event: date, status with who claims it, text, source markers.
pub(super) fn status_item<'a>(
    ui: &mut Ui,
    event: &'a StatusEvent,
    notes: &mut Footnotes<'a>,
    out: &mut Commands,
) {
    let label = data::claimed_status_words(&event.status, event.claimed_by.as_ref());
    let item = DatedItem {
        date: &event.date,
        approximate: event.date_approximate,
        label: &label,
        text: &event.text,
    };
    dated_item(ui, &item, &event.sources, notes, out);
}

/// A dated statement by a PRC authority, with its source markers.
pub(super) fn statement_ui<'a>(
    ui: &mut Ui,
    statement: &'a data::Statement,
    notes: &mut Footnotes<'a>,
    out: &mut Commands,
) {
    let item = DatedItem {
        date: &statement.date,
        approximate: statement.date_approximate,
        label: &statement.actor,
        text: &statement.text,
    };
    dated_item(ui, &item, &statement.sources, notes, out);
}

/// What a dated line says: when, who or what (strong), and the text.
pub(super) struct DatedItem<'t> {
    pub date: &'t str,
    pub approximate: bool,
    pub label: &'t str,
    pub text: &'t str,
}

/// A dated line, wrapped to the panel, ending with the markers of its sources.
pub(super) fn dated_item<'a>(
    ui: &mut Ui,
    item: &DatedItem<'_>,
    sources: &'a [String],
    notes: &mut Footnotes<'a>,
    out: &mut Commands,
) {
    let date = if item.date.is_empty() {
        "undated".to_owned()
    } else {
        data::date_text(item.date, item.approximate)
    };
    notes.cite(sources);
    in_view::block(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(date).monospace());
            if !item.label.is_empty() {
                ui.label(RichText::new(item.label).strong());
            }
            ui.label(shown(item.text));
            notes.markers_ui(ui, sources, out);
        });
    });
}

/// One disagreement: its topic, then each version with its source markers.
pub(super) fn disagreement_ui<'a>(
    ui: &mut Ui,
    disagreement: &'a data::Disagreement,
    notes: &mut Footnotes<'a>,
    out: &mut Commands,
) {
    ui.label(RichText::new(&disagreement.topic).strong());
    for (i, version) in disagreement.versions.iter().enumerate() {
        notes.cite(&version.sources);
        in_view::block(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!("Version {}:", char::from(b'A' + (i as u8 % 26))))
                        .color(Color32::from_rgb(200, 120, 40)),
                );
                ui.label(shown(&version.claim));
                notes.markers_ui(ui, &version.sources, out);
            });
        });
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

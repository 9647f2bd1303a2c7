//! The filter bar: search (Ctrl+F), filters by bureau, listing, status and precision, the
//! "n of N stations shown" count and a one-click reset.

use egui::{Key, Modifiers, RichText, Ui};

use super::search::{SearchHit, search};
use crate::data::{self, Facet, Filters, Listing, Precision};
use crate::state::{Command, Commands, Model};

/// Id of the search field, so Ctrl+F can focus it.
pub fn search_id() -> egui::Id {
    egui::Id::unique("search-field")
}

/// The search field's text and whether its results list is open.
#[derive(Clone, Debug, Default)]
pub struct SearchState {
    /// Text in the search field.
    pub query: String,
    /// Whether the results list is open.
    pub open: bool,
    /// The result under the keyboard cursor (↑/↓ move it, Enter takes it).
    pub cursor: usize,
}

/// Draws the filter bar. The filter menus edit a copy of the filters; a change is returned as
/// one [`Command::SetFilters`].
pub fn show(
    ui: &mut Ui,
    model: &Model,
    search: &mut SearchState,
    panel_tab: &mut super::lists::PanelTab,
    out: &mut Commands,
) {
    let mut filters = model.filters().clone();
    egui::Panel::top("filter-bar").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            search_ui(ui, model, search, panel_tab, out);
            ui.separator();
            bureau_menu(ui, model, &mut filters);
            listing_menu(ui, model, &mut filters);
            status_menu(ui, model, &mut filters);
            precision_menu(ui, model, &mut filters);
            sourcing_menu(ui, model, &mut filters);
            ui.separator();
            let shown = model.shown().stations.len();
            let total = model.data().stations().len();
            let text = RichText::new(format!("{shown} of {total} stations shown"));
            ui.label(if model.filters().is_active() {
                text.strong()
            } else {
                text
            });
            if ui
                .add_enabled(
                    model.filters().is_active(),
                    egui::Button::new("Reset filters"),
                )
                .on_hover_text("Show every station again, at the latest date")
                .clicked()
            {
                filters = Filters::default();
            }
        });
    });
    if &filters != model.filters() {
        out.push(Command::SetFilters(filters));
    }
}

fn search_ui(
    ui: &mut Ui,
    model: &Model,
    search_state: &mut SearchState,
    panel_tab: &mut super::lists::PanelTab,
    out: &mut Commands,
) {
    if ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::F)) {
        ui.memory_mut(|m| m.request_focus(search_id()));
    }
    // ↑/↓ move through the results while typing; taken before the field sees them.
    let focused = ui.memory(|m| m.has_focus(search_id()));
    if focused {
        let (down, up) = ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
            )
        });
        if down {
            search_state.cursor += 1;
        }
        if up {
            search_state.cursor = search_state.cursor.saturating_sub(1);
        }
    }
    let before = search_state.query.clone();
    let response = ui.add(
        egui::TextEdit::singleline(&mut search_state.query)
            .id(search_id())
            .hint_text("Search country, city, bureau, publisher (Ctrl+F)")
            .desired_width(280.0),
    );
    if search_state.query != before {
        search_state.cursor = 0;
    }
    let hits = search(model, &search_state.query, 12);
    search_state.cursor = search_state.cursor.min(hits.len().saturating_sub(1));
    let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    // Esc closes the results (egui has already taken the focus from the field).
    if (response.has_focus() || response.lost_focus()) && ui.input(|i| i.key_pressed(Key::Escape)) {
        search_state.query.clear();
        search_state.open = false;
    }
    let mut chosen = None;
    if enter {
        chosen = hits.get(search_state.cursor).cloned();
    }
    // Open while typing; closed by a choice, Esc or a click elsewhere.
    if response.changed() || response.gained_focus() {
        search_state.open = true;
    }
    if !search_state.query.trim().is_empty() && search_state.open {
        egui::Area::new(egui::Id::unique("search-results"))
            .order(egui::Order::Foreground)
            .fixed_pos(response.rect.left_bottom())
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_min_width(response.rect.width());
                    if hits.is_empty() {
                        ui.label("No matches");
                    }
                    for (k, hit) in hits.iter().enumerate() {
                        let under_cursor = k == search_state.cursor;
                        let response = ui.selectable_label(under_cursor, hit.label());
                        if under_cursor {
                            response.scroll_to_me(None);
                        }
                        if response.clicked() {
                            chosen = Some(hit.clone());
                        }
                    }
                });
            });
    }
    if let Some(hit) = chosen {
        search_state.open = false;
        search_state.cursor = 0;
        ui.memory_mut(|m| m.surrender_focus(search_id()));
        *panel_tab = super::lists::PanelTab::Details;
        match hit {
            SearchHit::Country { iso2, .. } => {
                out.push(Command::SelectCountry(Some(iso2.clone())));
                out.push(Command::ZoomToCountry(iso2));
            }
            SearchHit::Station { index, .. } => {
                out.push(Command::SelectStation(index));
                out.push(Command::ZoomToStation(index));
            }
        }
        ui.ctx().request_repaint();
    } else if !response.has_focus() && ui.input(|i| i.pointer.any_click()) && !response.clicked() {
        // A click elsewhere closes the results (after a result's own click was handled).
        search_state.open = false;
    }
}

fn checkbox_set<T: Ord + Clone>(
    ui: &mut Ui,
    set: &mut std::collections::BTreeSet<T>,
    value: &T,
    label: String,
) {
    let mut on = set.contains(value);
    if ui.checkbox(&mut on, label).changed() {
        if on {
            set.insert(value.clone());
        } else {
            set.remove(value);
        }
    }
}

/// A menu's button names what is chosen: "Bureau: all", "Bureau: Nantong PSB", "Status:
/// closed, conviction", or "Bureau: 3 chosen" when the names would not fit.
fn menu_title(name: &str, chosen: &[String]) -> String {
    match chosen {
        [] => format!("{name}: all"),
        _ => {
            let joined = chosen.join(", ");
            if joined.chars().count() <= 28 {
                format!("{name}: {joined}")
            } else {
                format!("{name}: {} chosen", chosen.len())
            }
        }
    }
}

/// How many stations the filters without `facet` show that `matches` accepts: what choosing a
/// value would show, given the other filters.
fn facet_count(model: &Model, facet: Facet, matches: impl Fn(&data::Station) -> bool) -> usize {
    let rest = model.filters().without(facet);
    let data = model.data();
    data.stations()
        .iter()
        .filter(|s| matches(s) && rest.shows(data, s))
        .count()
}

const COUNTS_NOTE: &str = "Counts: stations each choice shows with the other filters as they are";

fn bureau_menu(ui: &mut Ui, model: &Model, filters: &mut Filters) {
    let chosen: Vec<String> = filters.bureaus.iter().cloned().collect();
    ui.menu_button(menu_title("Bureau", &chosen), |ui| {
        ui.label(RichText::new(COUNTS_NOTE).weak());
        for bureau in data::BUREAUS {
            let in_data = model.data().stations().iter().any(|s| s.bureau == bureau);
            let n = facet_count(model, Facet::Bureau, |s| s.bureau == bureau);
            if in_data {
                checkbox_set(
                    ui,
                    &mut filters.bureaus,
                    &bureau.to_owned(),
                    format!("{bureau} ({n})"),
                );
            }
        }
    });
}

fn listing_menu(ui: &mut Ui, model: &Model, filters: &mut Filters) {
    let chosen: Vec<String> = filters
        .listings
        .iter()
        .map(|l| l.label().to_owned())
        .collect();
    ui.menu_button(menu_title("Listed in", &chosen), |ui| {
        ui.label(RichText::new(COUNTS_NOTE).weak());
        for listing in Listing::ALL {
            let n = facet_count(model, Facet::Listing, |s| Listing::of(s) == listing);
            checkbox_set(
                ui,
                &mut filters.listings,
                &listing,
                format!("{} ({n})", listing.label()),
            );
        }
    });
}

fn status_menu(ui: &mut Ui, model: &Model, filters: &mut Filters) {
    let chosen: Vec<String> = filters
        .statuses
        .iter()
        .map(|s| data::status_label(s).to_owned())
        .collect();
    ui.menu_button(menu_title("Status", &chosen), |ui| {
        ui.label(RichText::new("Current status (at the timeline's date)").weak());
        ui.label(RichText::new(COUNTS_NOTE).weak());
        for status in data::STATUSES.iter().filter(|s| **s != "other") {
            let n = facet_count(model, Facet::Status, |s| {
                model.filters().current_status(s) == *status
            });
            let label = if *status == "reported" {
                format!("no known action, only reported ({n})")
            } else {
                format!("{} ({n})", data::status_label(status))
            };
            checkbox_set(ui, &mut filters.statuses, &(*status).to_owned(), label);
        }
    });
}

fn precision_menu(ui: &mut Ui, model: &Model, filters: &mut Filters) {
    let chosen: Vec<String> = filters
        .precisions
        .iter()
        .map(|p| p.label().to_owned())
        .collect();
    ui.menu_button(menu_title("Location", &chosen), |ui| {
        ui.label(RichText::new(COUNTS_NOTE).weak());
        for precision in Precision::ALL {
            let n = facet_count(model, Facet::Precision, |s| {
                s.location.precision == precision
            });
            checkbox_set(
                ui,
                &mut filters.precisions,
                &precision,
                format!("{} ({n})", precision.label()),
            );
        }
    });
}

fn sourcing_menu(ui: &mut Ui, model: &Model, filters: &mut Filters) {
    let chosen: Vec<String> = filters
        .sourcing
        .iter()
        .map(|s| s.label().to_owned())
        .collect();
    ui.menu_button(menu_title("Sourcing", &chosen), |ui| {
        ui.label(RichText::new("What the station's listing rests on").weak());
        ui.label(RichText::new(COUNTS_NOTE).weak());
        for sourcing in data::Sourcing::ALL {
            let n = facet_count(model, Facet::Sourcing, |s| {
                data::Sourcing::of(model.data(), s) == sourcing
            });
            checkbox_set(
                ui,
                &mut filters.sourcing,
                &sourcing,
                format!("{} ({n})", sourcing.label()),
            );
        }
    });
}

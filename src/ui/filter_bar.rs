//! The filter bar: search (Ctrl+F), filters by bureau, listing, status and precision, the
//! "n of N stations shown" count and a one-click reset.

use egui::{Key, Modifiers, RichText, Ui};

use super::search::{SearchHit, search};
use crate::data::{self, Filters, Listing, Precision};
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
    let response = ui.add(
        egui::TextEdit::singleline(&mut search_state.query)
            .id(search_id())
            .hint_text("Search country, city, bureau, publisher (Ctrl+F)")
            .desired_width(280.0),
    );
    let hits = search(model, &search_state.query, 12);
    let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    if response.has_focus() && ui.input(|i| i.key_pressed(Key::Escape)) {
        search_state.query.clear();
    }
    let mut chosen = None;
    if enter {
        chosen = hits.first().cloned();
    }
    if !search_state.query.trim().is_empty()
        && (response.has_focus() || response.lost_focus() || search_state.open)
    {
        search_state.open = true;
        egui::Area::new(egui::Id::unique("search-results"))
            .order(egui::Order::Foreground)
            .fixed_pos(response.rect.left_bottom())
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_min_width(response.rect.width());
                    if hits.is_empty() {
                        ui.label("No matches");
                    }
                    for hit in &hits {
                        if ui.selectable_label(false, hit.label()).clicked() {
                            chosen = Some(hit.clone());
                        }
                    }
                });
            });
    }
    if let Some(hit) = chosen {
        search_state.open = false;
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

fn menu_title(name: &str, active: usize) -> String {
    if active == 0 {
        format!("{name}: all")
    } else {
        format!("{name}: {active} selected")
    }
}

fn bureau_menu(ui: &mut Ui, model: &Model, filters: &mut Filters) {
    let title = menu_title("Bureau", filters.bureaus.len());
    ui.menu_button(title, |ui| {
        for bureau in data::BUREAUS {
            let n = model
                .data()
                .stations()
                .iter()
                .filter(|s| s.bureau == bureau)
                .count();
            if n > 0 {
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
    let title = menu_title("Listed in", filters.listings.len());
    ui.menu_button(title, |ui| {
        for listing in Listing::ALL {
            let n = model
                .data()
                .stations()
                .iter()
                .filter(|s| Listing::of(s) == listing)
                .count();
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
    let title = menu_title("Status", filters.statuses.len());
    ui.menu_button(title, |ui| {
        ui.label(RichText::new("Current status (at the timeline's date)").weak());
        for status in data::STATUSES.iter().filter(|s| **s != "other") {
            let n = model
                .data()
                .stations()
                .iter()
                .filter(|s| model.filters().current_status(s) == *status)
                .count();
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
    let title = menu_title("Location", filters.precisions.len());
    ui.menu_button(title, |ui| {
        for precision in Precision::ALL {
            let n = model
                .data()
                .stations()
                .iter()
                .filter(|s| s.location.precision == precision)
                .count();
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
    let title = menu_title("Sourcing", filters.sourcing.len());
    ui.menu_button(title, |ui| {
        ui.label(RichText::new("What the station's listing rests on").weak());
        for sourcing in data::Sourcing::ALL {
            let n = model
                .data()
                .stations()
                .iter()
                .filter(|s| data::Sourcing::of(model.data(), s) == sourcing)
                .count();
            checkbox_set(
                ui,
                &mut filters.sourcing,
                &sourcing,
                format!("{} ({n})", sourcing.label()),
            );
        }
    });
}

//! The filter bar: search (Ctrl+F), filters by bureau, listing, status and precision, the
//! "n of N stations shown" count and a one-click reset.

use egui::{Key, Modifiers, RichText, Ui};

use super::search::{SearchHit, search};
use crate::app::App;
use crate::data::{self, Listing, Precision};

/// Id of the search field, so Ctrl+F can focus it.
pub fn search_id() -> egui::Id {
    egui::Id::unique("search-field")
}

/// Draws the filter bar.
pub fn show(ui: &mut Ui, app: &mut App) {
    egui::Panel::top("filter-bar").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            search_ui(ui, app);
            ui.separator();
            bureau_menu(ui, app);
            listing_menu(ui, app);
            status_menu(ui, app);
            precision_menu(ui, app);
            sourcing_menu(ui, app);
            ui.separator();
            let shown = app.shown().stations.len();
            let total = app.data.stations().len();
            let text = RichText::new(format!("{shown} of {total} stations shown"));
            ui.label(if app.filters.is_active() {
                text.strong()
            } else {
                text
            });
            if ui
                .add_enabled(app.filters.is_active(), egui::Button::new("Reset filters"))
                .on_hover_text("Show every station again, at the latest date")
                .clicked()
            {
                app.filters = data::Filters::default();
            }
        });
    });
}

fn search_ui(ui: &mut Ui, app: &mut App) {
    if ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::F)) {
        ui.memory_mut(|m| m.request_focus(search_id()));
    }
    let response = ui.add(
        egui::TextEdit::singleline(&mut app.search_query)
            .id(search_id())
            .hint_text("Search country, city, bureau, publisher (Ctrl+F)")
            .desired_width(280.0),
    );
    let hits = search(&app.data, &app.outlines, &app.search_query, 12);
    let enter = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    if response.has_focus() && ui.input(|i| i.key_pressed(Key::Escape)) {
        app.search_query.clear();
    }
    let mut chosen = None;
    if enter {
        chosen = hits.first().cloned();
    }
    if !app.search_query.trim().is_empty()
        && (response.has_focus() || response.lost_focus() || app.search_open)
    {
        app.search_open = true;
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
        app.search_open = false;
        app.panel_tab = super::lists::PanelTab::Details;
        match hit {
            SearchHit::Country { iso2, .. } => {
                app.select_country(Some(iso2.clone()));
                app.zoom_to_country(&iso2);
            }
            SearchHit::Station { index, .. } => {
                app.select_station(index);
                app.zoom_to_station(index);
            }
        }
        ui.ctx().request_repaint();
    } else if !response.has_focus() && ui.input(|i| i.pointer.any_click()) && !response.clicked() {
        // A click elsewhere closes the results (after a result's own click was handled).
        app.search_open = false;
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

fn bureau_menu(ui: &mut Ui, app: &mut App) {
    let title = menu_title("Bureau", app.filters.bureaus.len());
    ui.menu_button(title, |ui| {
        for bureau in data::BUREAUS {
            let n = app
                .data
                .stations()
                .iter()
                .filter(|s| s.bureau == bureau)
                .count();
            if n > 0 {
                checkbox_set(
                    ui,
                    &mut app.filters.bureaus,
                    &bureau.to_owned(),
                    format!("{bureau} ({n})"),
                );
            }
        }
    });
}

fn listing_menu(ui: &mut Ui, app: &mut App) {
    let title = menu_title("Listed in", app.filters.listings.len());
    ui.menu_button(title, |ui| {
        for listing in Listing::ALL {
            let n = app
                .data
                .stations()
                .iter()
                .filter(|s| Listing::of(s) == listing)
                .count();
            checkbox_set(
                ui,
                &mut app.filters.listings,
                &listing,
                format!("{} ({n})", listing.label()),
            );
        }
    });
}

fn status_menu(ui: &mut Ui, app: &mut App) {
    let title = menu_title("Status", app.filters.statuses.len());
    ui.menu_button(title, |ui| {
        ui.label(RichText::new("Current status (at the timeline's date)").weak());
        for status in data::STATUSES.iter().filter(|s| **s != "other") {
            let n = app
                .data
                .stations()
                .iter()
                .filter(|s| app.filters.current_status(s) == *status)
                .count();
            let label = if *status == "reported" {
                format!("no known action, only reported ({n})")
            } else {
                format!("{} ({n})", data::status_label(status))
            };
            checkbox_set(ui, &mut app.filters.statuses, &(*status).to_owned(), label);
        }
    });
}

fn precision_menu(ui: &mut Ui, app: &mut App) {
    let title = menu_title("Location", app.filters.precisions.len());
    ui.menu_button(title, |ui| {
        for precision in Precision::ALL {
            let n = app
                .data
                .stations()
                .iter()
                .filter(|s| s.location.precision == precision)
                .count();
            checkbox_set(
                ui,
                &mut app.filters.precisions,
                &precision,
                format!("{} ({n})", precision.label()),
            );
        }
    });
}

fn sourcing_menu(ui: &mut Ui, app: &mut App) {
    let title = menu_title("Sourcing", app.filters.sourcing.len());
    ui.menu_button(title, |ui| {
        ui.label(RichText::new("What the station's listing rests on").weak());
        for sourcing in data::Sourcing::ALL {
            let n = app
                .data
                .stations()
                .iter()
                .filter(|s| data::Sourcing::of(&app.data, s) == sourcing)
                .count();
            checkbox_set(
                ui,
                &mut app.filters.sourcing,
                &sourcing,
                format!("{} ({n})", sourcing.label()),
            );
        }
    });
}

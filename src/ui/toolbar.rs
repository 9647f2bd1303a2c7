//! The top bar: title, zoom buttons, "whole world", legend and About toggles, data set summary.

use egui::{RichText, Ui};

use super::UiState;
use crate::map::tiles::{self, Basemap};
use crate::state::{Command, Commands, Level, Model, Notices};

/// What the toolbar shows of the map: the basemap in use and where tiles are cached.
pub struct MapChoice<'a> {
    /// The basemap under the countries.
    pub basemap: &'a Basemap,
    /// Where tiles are cached on disk (`None`: no cache).
    pub tile_cache: Option<&'a std::path::Path>,
}

/// Draws the toolbar: File menu, zoom, legend and About toggles, theme and basemap, the data set
/// summary and the notices.
pub fn show(
    ui: &mut Ui,
    model: &Model,
    state: &mut UiState,
    map: &MapChoice<'_>,
    notices: &Notices,
    out: &mut Commands,
) {
    egui::Panel::top("toolbar").show(ui, |ui| {
        // Wraps onto a second line in a narrow window rather than running off the edge.
        ui.horizontal_wrapped(|ui| {
            super::file_menu::menu(ui, model, &mut state.files, out);
            ui.separator();
            ui.label(RichText::new("Overseas police “service stations”").strong());
            ui.separator();
            if ui.button("+").on_hover_text("Zoom in (+)").clicked() {
                out.push(Command::ZoomBy(1.0));
            }
            if ui.button("−").on_hover_text("Zoom out (−)").clicked() {
                out.push(Command::ZoomBy(-1.0));
            }
            if ui
                .button("Whole world")
                .on_hover_text("Show the whole world")
                .clicked()
            {
                out.push(Command::WholeWorld);
            }
            ui.separator();
            ui.toggle_value(&mut state.show_legend, "Legend");
            ui.toggle_value(&mut state.show_about, "About");
            ui.separator();
            theme_menu(ui);
            basemap_menu(ui, map, out);
            ui.separator();
            let data = model.data();
            let source = match &data.origin {
                crate::data::DataSource::Embedded => "embedded data".to_owned(),
                crate::data::DataSource::File(path) => path.display().to_string(),
            };
            ui.label(
                RichText::new(format!(
                    "{} stations in {} countries · as of {} · {source}",
                    data.stations().len(),
                    data.country_count(),
                    data.file.meta.as_of
                ))
                .weak(),
            );
            for (index, notice) in notices.iter().enumerate() {
                ui.separator();
                match notice.level {
                    Level::Info => {
                        ui.label(RichText::new(&notice.text).strong());
                    }
                    Level::Warning => {
                        ui.label(RichText::new(format!("Warning: {}", notice.text)).strong());
                        if ui.small_button("Dismiss").clicked() {
                            out.push(Command::DismissNotice(index));
                        }
                    }
                }
            }
        });
    });
}

/// Follow the system's light/dark preference, or force one.
fn theme_menu(ui: &mut Ui) {
    let current = ui.ctx().options(|o| o.theme_preference);
    let label = match current {
        egui::ThemePreference::System => "Theme: system",
        egui::ThemePreference::Light => "Theme: light",
        egui::ThemePreference::Dark => "Theme: dark",
    };
    ui.menu_button(label, |ui| {
        for (pref, text) in [
            (egui::ThemePreference::System, "Follow the system"),
            (egui::ThemePreference::Light, "Light"),
            (egui::ThemePreference::Dark, "Dark"),
        ] {
            if ui.radio(current == pref, text).clicked() {
                ui.ctx().set_theme(pref);
                ui.close();
            }
        }
    });
}

/// The layer switcher: outlines only (offline, the default), OpenStreetMap, OpenTopoMap or a
/// custom tile URL; and the tile cache.
fn basemap_menu(ui: &mut Ui, map: &MapChoice<'_>, out: &mut Commands) {
    ui.menu_button(format!("Map: {}", map.basemap), |ui| {
        for preset in Basemap::PRESETS {
            let label = preset.to_string();
            if ui.radio(*map.basemap == preset, label).clicked() {
                out.push(Command::SetBasemap(preset));
                ui.close();
            }
        }
        ui.label(
            RichText::new("Online basemaps send the viewed area to the tile server.")
                .small()
                .weak(),
        );
        ui.separator();
        ui.label("Custom tile URL ({z}/{x}/{y}):");
        let id = egui::Id::unique("custom-tiles");
        let mut text = ui
            .data_mut(|d| d.get_temp::<String>(id))
            .unwrap_or_else(|| match map.basemap {
                Basemap::Custom(t) => t.clone(),
                _ => String::new(),
            });
        let label = ui.label("URL:");
        ui.add(
            egui::TextEdit::singleline(&mut text)
                .hint_text("https://tile.example.org/{z}/{x}/{y}.png")
                .desired_width(300.0),
        )
        .labelled_by(label.id);
        let parsed = Basemap::from_template(text.trim());
        if let Err(err) = &parsed
            && !text.trim().is_empty()
        {
            ui.label(RichText::new(err.to_string()).small());
        }
        if ui
            .add_enabled(parsed.is_ok(), egui::Button::new("Use this URL"))
            .clicked()
            && let Ok(basemap) = parsed
        {
            out.push(Command::SetBasemap(basemap));
            ui.close();
        }
        ui.data_mut(|d| d.insert_temp(id, text));
        ui.separator();
        match map.tile_cache {
            Some(dir) => {
                let size = tiles::cache_size(dir);
                ui.label(format!(
                    "Tile cache: {:.1} MB in {}",
                    size as f64 / 1e6,
                    dir.display()
                ));
                if ui
                    .add_enabled(size > 0, egui::Button::new("Clear tile cache"))
                    .clicked()
                {
                    out.push(Command::ClearTileCache);
                }
            }
            None => {
                ui.label("No tile cache (no cache directory on this system).");
            }
        }
    });
}

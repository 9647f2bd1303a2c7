//! The top bar: title, zoom buttons, "whole world", legend and About toggles, data set summary.

use egui::{RichText, Ui};

use crate::app::App;

/// Draws the toolbar.
pub fn show(ui: &mut Ui, app: &mut App) {
    egui::Panel::top("toolbar").show(ui, |ui| {
        ui.horizontal(|ui| {
            super::file_menu::menu(ui, app);
            ui.separator();
            ui.label(RichText::new("Overseas police “service stations”").strong());
            ui.separator();
            if ui.button("+").on_hover_text("Zoom in (+)").clicked() {
                app.view.zoom_by(1.0);
            }
            if ui.button("−").on_hover_text("Zoom out (−)").clicked() {
                app.view.zoom_by(-1.0);
            }
            if ui
                .button("Whole world")
                .on_hover_text("Show the whole world")
                .clicked()
            {
                app.view.whole_world();
            }
            ui.separator();
            ui.toggle_value(&mut app.show_legend, "Legend");
            ui.toggle_value(&mut app.show_about, "About");
            ui.separator();
            theme_menu(ui);
            basemap_menu(ui, app);
            ui.separator();
            let source = match &app.data.origin {
                crate::data::DataSource::Embedded => "embedded data".to_owned(),
                crate::data::DataSource::File(path) => path.display().to_string(),
            };
            ui.label(
                RichText::new(format!(
                    "{} stations in {} countries · as of {} · {source}",
                    app.data.stations().len(),
                    app.data.country_count(),
                    app.data.file.meta.as_of
                ))
                .weak(),
            );
            if let Some(message) = &app.files.message {
                ui.separator();
                ui.label(RichText::new(message).strong());
            }
            if let Some(notice) = app.notice.clone() {
                ui.separator();
                ui.label(RichText::new(format!("Warning: {notice}")).strong());
                if ui.small_button("Dismiss").clicked() {
                    app.notice = None;
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
fn basemap_menu(ui: &mut Ui, app: &mut App) {
    use crate::map::tiles::{self, Basemap};
    ui.menu_button(format!("Map: {}", app.basemap), |ui| {
        for preset in Basemap::PRESETS {
            let label = preset.to_string();
            if ui.radio(app.basemap == preset, label).clicked() {
                app.set_basemap(preset);
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
            .unwrap_or_else(|| match &app.basemap {
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
            ui.label(RichText::new(err).small());
        }
        if ui
            .add_enabled(parsed.is_ok(), egui::Button::new("Use this URL"))
            .clicked()
            && let Ok(basemap) = parsed
        {
            app.set_basemap(basemap);
            ui.close();
        }
        ui.data_mut(|d| d.insert_temp(id, text));
        ui.separator();
        match app.tile_cache.clone() {
            Some(dir) => {
                let size = tiles::cache_size(&dir);
                ui.label(format!(
                    "Tile cache: {:.1} MB in {}",
                    size as f64 / 1e6,
                    dir.display()
                ));
                if ui
                    .add_enabled(size > 0, egui::Button::new("Clear tile cache"))
                    .clicked()
                {
                    let result = match &mut app.tiles {
                        Some(layer) => layer.clear_cache(),
                        None => tiles::clear_cache(&dir),
                    };
                    app.files.message = Some(match result {
                        Ok(()) => "Tile cache cleared".to_owned(),
                        Err(err) => format!("Could not clear the tile cache: {err}"),
                    });
                }
            }
            None => {
                ui.label("No tile cache (no cache directory on this system).");
            }
        }
    });
}

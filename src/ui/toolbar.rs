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

//! The top bar: title, zoom buttons, "whole world", legend and About toggles, data set summary.

use egui::{RichText, Ui};

use crate::app::App;

/// Draws the toolbar.
pub fn show(ui: &mut Ui, app: &mut App) {
    egui::Panel::top("toolbar").show(ui, |ui| {
        ui.horizontal(|ui| {
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
        });
    });
}

//! A window listing the problems of a data file that could not be loaded.

use egui::{RichText, ScrollArea, Ui};

use crate::app::App;

/// Shows the problems of the last failed load, if any.
pub fn show(ui: &mut Ui, app: &mut App) {
    let Some(report) = &app.load_report else {
        return;
    };
    let mut open = true;
    egui::Window::new("Problems in the data file")
        .open(&mut open)
        .default_width(620.0)
        .show(ui.ctx(), |ui| {
            ui.label(format!(
                "{} could not be used ({} problem{}). The map keeps showing the data it had.",
                report.file,
                report.lines.len(),
                if report.lines.len() == 1 { "" } else { "s" }
            ));
            ui.separator();
            ScrollArea::vertical().max_height(400.0).show(ui, |ui| {
                for line in &report.lines {
                    ui.label(RichText::new(line).monospace());
                }
            });
        });
    if !open {
        app.load_report = None;
    }
}

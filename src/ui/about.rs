//! The About window: what the data is, how it was collected, its caveats and attributions.

use egui::{RichText, ScrollArea, Ui};

use super::legend::BOUNDARY_ATTRIBUTION;
use crate::state::Model;

/// Natural Earth and world-atlas notices shipped with the outlines.
pub const BOUNDARY_NOTICES: &str = include_str!("../../assets/ATTRIBUTION-boundaries.txt");

/// Shows the About window when it is open.
pub fn show(ui: &mut Ui, model: &Model, open: &mut bool) {
    let data = model.data();
    egui::Window::new("About this map and its data")
        .open(open)
        .default_width(560.0)
        .default_height(520.0)
        .show(ui.ctx(), |ui| {
            ScrollArea::vertical().show(ui, |ui| {
                let meta = &data.file.meta;
                ui.heading(&meta.title);
                ui.label(format!(
                    "Version {} · data as of {} · {}",
                    meta.version, meta.as_of, meta.license
                ));
                ui.add_space(6.0);
                ui.label(&meta.description);
                ui.add_space(6.0);
                ui.label(RichText::new("Headline figures and what is placed here").strong());
                for report in &data.file.reports {
                    let placed = data.stations_per_report(&report.id);
                    let headline = report
                        .headline
                        .as_ref()
                        .map(|h| h.text.trim_end_matches('.').to_owned())
                        .filter(|t| !t.is_empty())
                        .unwrap_or_else(|| "no headline figure".to_owned());
                    ui.label(format!(
                        "• {}: {headline}. Placed here: {placed}.",
                        report.display_title()
                    ));
                }
                ui.add_space(6.0);
                ui.label(RichText::new("Caveats").strong());
                for caveat in &meta.caveats {
                    ui.label(format!("• {caveat}"));
                }
                ui.add_space(6.0);
                ui.label(RichText::new("Changelog").strong());
                for entry in &meta.changelog {
                    ui.label(format!(
                        "• {} ({}): {}",
                        entry.date, entry.version, entry.summary
                    ));
                }
                ui.add_space(6.0);
                ui.label(RichText::new("Map").strong());
                ui.label(BOUNDARY_ATTRIBUTION);
                ui.collapsing("Boundary data notices", |ui| {
                    ui.label(RichText::new(BOUNDARY_NOTICES).monospace().small());
                });
                ui.add_space(6.0);
                ui.label(
                    RichText::new(format!(
                        "overseas-stations {} · {} stations · {} sources · {} country outlines",
                        env!("CARGO_PKG_VERSION"),
                        data.stations().len(),
                        data.file.sources.len(),
                        model.outlines().countries.len()
                    ))
                    .small()
                    .weak(),
                );
            });
        });
}

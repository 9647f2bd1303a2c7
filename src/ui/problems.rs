//! A window listing the problems of a data file that could not be loaded.

use egui::{RichText, ScrollArea, Ui};

use crate::state::{Command, Commands, LoadReport};

/// Shows the problems of the last failed load, if any.
pub fn show(ui: &mut Ui, report: Option<&LoadReport>, out: &mut Commands) {
    let Some(report) = report else {
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
            // Only the visible rows are laid out: a file with 100,000 problems costs the same per
            // frame as one with ten. Lines do not wrap (one row each); scroll sideways to read on.
            let row_height = ui.text_style_height(&egui::TextStyle::Monospace);
            ScrollArea::both()
                .max_height(400.0)
                .auto_shrink([false, true])
                .show_rows(ui, row_height, report.lines.len(), |ui, rows| {
                    for line in &report.lines[rows] {
                        ui.add(
                            egui::Label::new(RichText::new(line).monospace())
                                .wrap_mode(egui::TextWrapMode::Extend),
                        );
                    }
                });
        });
    if !open {
        out.push(Command::DismissLoadReport);
    }
}

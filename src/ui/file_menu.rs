//! The File menu and its windows: open a data file, export the shown stations, the map picture or
//! a dossier.
//!
//! Native dialogs come from rfd; where none is available (rfd returns nothing without a desktop
//! portal) the windows keep a path field, so every action works with or without a dialog.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::data::{self, ExportFormat};
use crate::state::{Command, Commands, Model};

/// State of the file windows.
#[derive(Clone, Debug, Default)]
pub struct FileWindows {
    /// The "Open data file" window, with its path field.
    pub open: Option<String>,
    /// The "Export data" window: format, path field, and whether overwriting was confirmed.
    pub export: Option<ExportWindow>,
    /// The "Export map picture" window.
    pub image: Option<super::picture_window::PictureWindow>,
    /// The "Export dossier" window.
    pub dossier: Option<super::dossier_window::DossierWindow>,
    /// The "Reset view and settings" confirmation is open.
    pub confirm_reset: bool,
    /// Why the last Browse… gave nothing (no file dialog on this system), shown in its window.
    pub browse_note: Option<String>,
}

/// The export window's state.
#[derive(Clone, Debug)]
pub struct ExportWindow {
    /// Chosen format.
    pub format: ExportFormat,
    /// Target path.
    pub path: String,
    /// The user confirmed replacing an existing file.
    pub overwrite: bool,
}

/// The File menu.
pub fn menu(ui: &mut Ui, model: &Model, files: &mut FileWindows, out: &mut Commands) {
    ui.menu_button("File", |ui| {
        if ui.button("Open data file…").clicked() {
            files.open = Some(String::new());
            ui.close();
        }
        let has_file = matches!(model.data().origin, data::DataSource::File(_));
        if ui
            .add_enabled(has_file, egui::Button::new("Reload"))
            .clicked()
        {
            if let data::DataSource::File(path) = &model.data().origin {
                out.push(Command::OpenDataFile(path.clone()));
            }
            ui.close();
        }
        if ui
            .add_enabled(has_file, egui::Button::new("Use the embedded data"))
            .clicked()
        {
            out.push(Command::UseEmbeddedData);
            ui.close();
        }
        ui.separator();
        if ui.button("Export shown stations…").clicked() {
            files.export = Some(ExportWindow {
                format: ExportFormat::Csv,
                path: default_path("stations.csv"),
                overwrite: false,
            });
            ui.close();
        }
        if ui.button("Export map picture…").clicked() {
            files.image = Some(super::picture_window::PictureWindow::default());
            ui.close();
        }
        if ui.button("Export dossier…").clicked() {
            files.dossier = Some(super::dossier_window::DossierWindow::new(
                model.selection().country.as_deref(),
            ));
            ui.close();
        }
        ui.separator();
        if ui.button("Reset view and settings…").clicked() {
            files.confirm_reset = true;
            ui.close();
        }
        ui.separator();
        if ui
            .add(egui::Button::new("Quit").shortcut_text(ui.ctx().format_shortcut(&QUIT)))
            .clicked()
        {
            out.push(Command::Quit);
            ui.close();
        }
    });
}

pub(super) fn default_path(name: &str) -> String {
    std::env::current_dir()
        .map(|d| d.join(name).display().to_string())
        .unwrap_or_else(|_| name.to_owned())
}

/// Draws whichever file windows are open.
pub fn windows(ui: &mut Ui, model: &Model, files: &mut FileWindows, out: &mut Commands) {
    if files.open.is_none()
        && files.export.is_none()
        && files.image.is_none()
        && files.dossier.is_none()
    {
        files.browse_note = None;
    }
    reset_window(ui, files, out);
    open_window(ui, files, out);
    export_window(ui, model, files, out);
    super::picture_window::show(ui, files, out);
    super::dossier_window::show(ui, model, files, out);
}

/// Closes the window (Ctrl+Q), as File → Quit does.
pub const QUIT: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Q);

fn reset_window(ui: &mut Ui, files: &mut FileWindows, out: &mut Commands) {
    if !files.confirm_reset {
        return;
    }
    egui::Window::new("Reset view and settings")
        .collapsible(false)
        .resizable(false)
        .show(ui.ctx(), |ui| {
            ui.label("Back to the defaults: the whole world, no filters, nothing selected, the legend shown, the offline map (no tile server), the system theme and the embedded data.");
            ui.horizontal(|ui| {
                if ui.button("Reset").clicked() {
                    out.push(Command::ResetSettings);
                    files.confirm_reset = false;
                }
                if ui.button("Cancel").clicked() {
                    files.confirm_reset = false;
                }
            });
        });
}

fn open_window(ui: &mut Ui, files: &mut FileWindows, out: &mut Commands) {
    let Some(mut path) = files.open.take() else {
        return;
    };
    let mut keep = true;
    let mut chosen: Option<PathBuf> = None;
    egui::Window::new("Open data file").collapsible(false).show(ui.ctx(), |ui| {
        ui.label("A data file in the format of docs/data-format.md. It is watched: saved changes reload.");
        ui.horizontal(|ui| {
            let label = ui.label("File:");
            ui.add(egui::TextEdit::singleline(&mut path).hint_text("/path/to/stations.json").desired_width(360.0))
                .labelled_by(label.id);
            if ui.button("Browse…").clicked() {
                match rfd::FileDialog::new().add_filter("JSON", &["json"]).pick_file() {
                    Some(p) => chosen = Some(p),
                    None => files.browse_note = Some(NO_DIALOG.to_owned()),
                }
            }
        });
        browse_note_ui(ui, &files.browse_note);
        ui.horizontal(|ui| {
            if ui.add_enabled(!path.trim().is_empty(), egui::Button::new("Open")).clicked() {
                chosen = Some(PathBuf::from(path.trim()));
            }
            if ui.button("Cancel").clicked() {
                keep = false;
            }
        });
    });
    if let Some(p) = chosen {
        out.push(Command::OpenDataFile(p));
        keep = false;
    }
    if keep {
        files.open = Some(path);
    }
}

fn export_window(ui: &mut Ui, model: &Model, files: &mut FileWindows, out: &mut Commands) {
    let Some(mut state) = files.export.take() else {
        return;
    };
    let mut keep = true;
    let shown = model.shown().stations.len();
    egui::Window::new("Export shown stations")
        .collapsible(false)
        .show(ui.ctx(), |ui| {
            ui.label(format!(
                "Exports the {} shown with the current filters, with their sources.",
                data::count_noun(shown, "station", "stations")
            ));
            ui.horizontal(|ui| {
                for format in ExportFormat::ALL {
                    if ui.radio(state.format == format, format.label()).clicked()
                        && state.format != format
                    {
                        state.format = format;
                        state.path = swap_extension(&state.path, format.extension());
                        state.overwrite = false;
                    }
                }
            });
            let (target, exists) = save_as_ui(
                ui,
                &mut state.path,
                &mut state.overwrite,
                (state.format.label(), state.format.extension()),
                &mut files.browse_note,
            );
            let ready = !state.path.trim().is_empty();
            match save_buttons_ui(ui, exists, &mut state.overwrite, "Export", ready) {
                SaveChoice::Save => {
                    out.push(Command::Export {
                        path: target,
                        format: state.format,
                    });
                    keep = false;
                }
                SaveChoice::Cancel => keep = false,
                SaveChoice::Wait => {}
            }
        });
    if keep {
        files.export = Some(state);
    }
}

/// Shown when Browse… gave no file: the user cancelled, or the system has no file dialog (rfd
/// needs a desktop portal or GTK), which looks the same from here.
pub(super) const NO_DIALOG: &str = "No file was chosen. If no file dialog appeared, this system has none: type the path in the field.";

/// The "Save as" row of an export window (the path, and Browse… for the native dialog, with the
/// note when none was chosen) and, for a file that exists, the line saying so until replacing it
/// is confirmed. Returns the target and whether it exists (typing a path withdraws a
/// confirmation; a path chosen in the native dialog counts as confirmed, as the dialog asked).
pub(super) fn save_as_ui(
    ui: &mut Ui,
    path: &mut String,
    overwrite: &mut bool,
    (filter_name, extension): (&str, &str),
    browse_note: &mut Option<String>,
) -> (PathBuf, bool) {
    ui.horizontal(|ui| {
        let label = ui.label("Save as:");
        if ui
            .add(egui::TextEdit::singleline(path).desired_width(360.0))
            .labelled_by(label.id)
            .changed()
        {
            *overwrite = false;
        }
        if ui.button("Browse…").clicked() {
            match rfd::FileDialog::new()
                .add_filter(filter_name, &[extension])
                .save_file()
            {
                Some(p) => {
                    *path = p.display().to_string();
                    *overwrite = true;
                }
                None => *browse_note = Some(NO_DIALOG.to_owned()),
            }
        }
    });
    browse_note_ui(ui, browse_note);
    let target = PathBuf::from(path.trim());
    let exists = target.exists();
    if exists && !*overwrite {
        ui.label(RichText::new(format!("{} exists.", target.display())).strong());
    }
    (target, exists)
}

/// What the button row under "Save as" asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SaveChoice {
    /// Nothing yet (or replacing an existing file was just confirmed).
    Wait,
    /// Write the file.
    Save,
    /// Close the window without writing.
    Cancel,
}

/// The button row of an export window: `save_label` (or "Replace it" while an existing file's
/// replacement is unconfirmed: the first click confirms), enabled when `ready`, and Cancel.
pub(super) fn save_buttons_ui(
    ui: &mut Ui,
    exists: bool,
    overwrite: &mut bool,
    save_label: &str,
    ready: bool,
) -> SaveChoice {
    ui.horizontal(|ui| {
        let confirming = exists && !*overwrite;
        let label = if confirming { "Replace it" } else { save_label };
        let mut choice = SaveChoice::Wait;
        if ui.add_enabled(ready, egui::Button::new(label)).clicked() {
            if confirming {
                *overwrite = true;
            } else {
                choice = SaveChoice::Save;
            }
        }
        if ui.button("Cancel").clicked() {
            choice = SaveChoice::Cancel;
        }
        choice
    })
    .inner
}

pub(super) fn browse_note_ui(ui: &mut Ui, note: &Option<String>) {
    if let Some(note) = note {
        ui.label(RichText::new(note).small());
    }
}

pub(super) fn swap_extension(path: &str, extension: &str) -> String {
    let mut p = PathBuf::from(path);
    p.set_extension(extension);
    p.display().to_string()
}

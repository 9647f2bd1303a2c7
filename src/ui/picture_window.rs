//! File → Export map picture…: the window that asks for the picture's format (SVG or PNG), size
//! (presets or custom) and file, and returns [`Command::ExportPicture`]; the app writes the
//! picture of what it shows (filters, timeline date, selection, theme).

use egui::{RichText, Ui};

use super::file_menu::{
    FileWindows, SaveChoice, default_path, save_as_ui, save_buttons_ui, swap_extension,
};
use crate::map::picture::{PRESETS, PictureFormat, PictureSize, SizeError};
use crate::state::{Command, Commands};

/// The map picture window's state.
#[derive(Clone, Debug)]
pub struct PictureWindow {
    /// SVG or PNG.
    pub format: PictureFormat,
    /// The chosen size preset (an index into [`PRESETS`]), or `None` for a custom size.
    pub preset: Option<usize>,
    /// The custom size's fields.
    pub custom: (String, String),
    /// Target path.
    pub path: String,
    /// The user confirmed replacing an existing file.
    pub overwrite: bool,
}

impl PictureWindow {
    /// The size chosen, or why it cannot be used.
    pub fn size(&self) -> Result<PictureSize, SizeError> {
        match self.preset.and_then(|k| PRESETS.get(k)) {
            Some(&(_, _, w, h)) => PictureSize::new(w, h),
            None => PictureSize::parse(&format!(
                "{}x{}",
                self.custom.0.trim(),
                self.custom.1.trim()
            )),
        }
    }
}

impl Default for PictureWindow {
    fn default() -> Self {
        Self {
            format: PictureFormat::Svg,
            preset: Some(1),
            custom: ("1600".to_owned(), "1000".to_owned()),
            path: default_path("map.svg"),
            overwrite: false,
        }
    }
}

/// Draws the window while it is open.
pub fn show(ui: &mut Ui, files: &mut FileWindows, out: &mut Commands) {
    let Some(mut state) = files.image.take() else {
        return;
    };
    let mut keep = true;
    egui::Window::new("Export map picture")
        .collapsible(false)
        .show(ui.ctx(), |ui| {
            ui.label("The map alone, as shown now (filters, timeline date, selected country, theme), with a title, the legend and a caption: dates, filters, data credit and boundary notice. It is drawn from the country outlines; the online basemap is never included.");
            ui.horizontal(|ui| {
                ui.label("Format:");
                for format in PictureFormat::ALL {
                    if ui.radio(state.format == format, format.to_string()).clicked()
                        && state.format != format
                    {
                        state.format = format;
                        state.path = swap_extension(&state.path, format.extension());
                        state.overwrite = false;
                    }
                }
            });
            ui.label("Size:");
            for (k, (_, label, ..)) in PRESETS.iter().enumerate() {
                if ui.radio(state.preset == Some(k), *label).clicked() {
                    state.preset = Some(k);
                }
            }
            ui.horizontal(|ui| {
                if ui.radio(state.preset.is_none(), "Custom:").clicked() {
                    state.preset = None;
                }
                let enabled = state.preset.is_none();
                let w = ui.label("width");
                ui.add_enabled(enabled, egui::TextEdit::singleline(&mut state.custom.0).desired_width(60.0))
                    .labelled_by(w.id);
                let h = ui.label("height");
                ui.add_enabled(enabled, egui::TextEdit::singleline(&mut state.custom.1).desired_width(60.0))
                    .labelled_by(h.id);
                ui.label("pixels");
            });
            let size = state.size();
            if let Err(err) = &size {
                ui.label(RichText::new(err.to_string()).strong());
            }
            let filter_name = state.format.to_string();
            let (target, exists) = save_as_ui(
                ui,
                &mut state.path,
                &mut state.overwrite,
                (&filter_name, state.format.extension()),
                &mut files.browse_note,
            );
            let ready = !state.path.trim().is_empty() && size.is_ok();
            let save_label = format!("Save {}", state.format);
            match save_buttons_ui(ui, exists, &mut state.overwrite, &save_label, ready) {
                SaveChoice::Save => {
                    if let Ok(size) = size {
                        out.push(Command::ExportPicture {
                            path: target,
                            format: state.format,
                            size,
                        });
                        keep = false;
                    }
                }
                SaveChoice::Cancel => keep = false,
                SaveChoice::Wait => {}
            }
        });
    if keep {
        files.image = Some(state);
    }
}

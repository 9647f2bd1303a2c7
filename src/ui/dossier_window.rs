//! File → Export dossier… (and the button in a selected country's side panel): the window that
//! asks what the dossier covers (the selected country or the whole data set), its format (HTML
//! or Markdown) and its file, and returns [`Command::ExportDossier`]; the app writes the dossier
//! of what it shows (filters, timeline date).

use egui::Ui;

use super::file_menu::{
    FileWindows, SaveChoice, default_path, save_as_ui, save_buttons_ui, swap_extension,
};
use crate::data;
use crate::dossier::{DossierFormat, Scope};
use crate::state::{Command, Commands, Model};

/// The dossier window's state.
#[derive(Clone, Debug)]
pub struct DossierWindow {
    /// The whole data set rather than the selected country.
    pub all: bool,
    /// HTML or Markdown.
    pub format: DossierFormat,
    /// Target path.
    pub path: String,
    /// The user confirmed replacing an existing file.
    pub overwrite: bool,
}

impl DossierWindow {
    /// The window for the selected country (`iso`), or for the whole data set when none is.
    pub fn new(iso: Option<&str>) -> Self {
        let name = iso.map_or_else(|| "all".to_owned(), str::to_ascii_lowercase);
        Self {
            all: iso.is_none(),
            format: DossierFormat::Html,
            path: default_path(&format!("dossier-{name}.html")),
            overwrite: false,
        }
    }
}

/// Draws the window while it is open.
pub fn show(ui: &mut Ui, model: &Model, files: &mut FileWindows, out: &mut Commands) {
    let Some(mut state) = files.dossier.take() else {
        return;
    };
    let mut keep = true;
    let selected = model.selection().country.clone();
    if selected.is_none() {
        state.all = true;
    }
    egui::Window::new("Export dossier")
        .collapsible(false)
        .show(ui.ctx(), |ui| {
            ui.label("One document to hand over: a summary, the map, the stations, a dated timeline, where sources disagree and the caveats, every statement with numbered sources. It covers what is shown now: the filters and the timeline date apply, and the document says which.");
            ui.label(format!(
                "{} shown. {} {}",
                data::count_noun(model.shown().stations.len(), "station", "stations"),
                crate::map::picture::timeline_words(model.filters()),
                crate::map::picture::filter_words(model.filters())
            ));
            ui.horizontal(|ui| {
                ui.label("Covers:");
                if let Some(iso) = &selected {
                    let name = model.country_name(iso);
                    if ui.radio(!state.all, name).clicked() {
                        state.all = false;
                    }
                }
                if ui.radio(state.all, "the whole data set").clicked() {
                    state.all = true;
                }
            });
            ui.horizontal(|ui| {
                ui.label("Format:");
                for format in DossierFormat::ALL {
                    if ui.radio(state.format == format, format.to_string()).clicked()
                        && state.format != format
                    {
                        state.format = format;
                        state.path = swap_extension(&state.path, format.extension());
                        state.overwrite = false;
                    }
                }
            });
            let filter_name = state.format.to_string();
            let (target, exists) = save_as_ui(
                ui,
                &mut state.path,
                &mut state.overwrite,
                (&filter_name, state.format.extension()),
                &mut files.browse_note,
            );
            let ready = !state.path.trim().is_empty();
            match save_buttons_ui(ui, exists, &mut state.overwrite, "Save dossier", ready) {
                SaveChoice::Save => {
                    let scope = match (&selected, state.all) {
                        (Some(iso), false) => Scope::Country(iso.clone()),
                        _ => Scope::All,
                    };
                    out.push(Command::ExportDossier {
                        path: target,
                        scope,
                        format: state.format,
                    });
                    keep = false;
                }
                SaveChoice::Cancel => keep = false,
                SaveChoice::Wait => {}
            }
        });
    if keep {
        files.dossier = Some(state);
    }
}

//! The application: owns the state and runs each frame in order.
//!
//! The state has four owners: the [`Model`] (data set, filters, selection and what is derived
//! from them), the [`MapScene`] (view, caches, tiles), the panels' [`UiState`], and the
//! [`Notices`] with the problems of a failed load. Panels and the map read the model and return
//! [`Command`]s; [`App::apply`] is the one place that carries them out. `eframe::App::ui` and the
//! kittest harness both call [`App::ui`], so tests drive exactly what users see.

mod io;
mod remembered;
mod scene;

use std::path::PathBuf;

use egui::{Key, Ui};

use crate::data::{self, DataSet, DataSource, Filters};
use crate::geo::Outlines;
use crate::map::MapStyle;
use crate::screenshot::ScreenshotJob;
use crate::state::{Command, Commands, LoadReport, Model, Notices};
use crate::ui::{self, LinkOpener, UiState};

pub use io::{FileEvent, FileIo, LoadOutcome, load_and_validate};
pub use scene::{MapHit, MapScene};

/// Copies the citation of the selection (as the side panel's "Copy citation" button does).
pub const COPY_CITATION: egui::KeyboardShortcut = egui::KeyboardShortcut::new(
    egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
    Key::C,
);

/// Options from the command line.
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    /// A data file to use instead of the embedded one.
    pub data: Option<PathBuf>,
    /// A country to select at start (ISO alpha-2).
    pub select: Option<String>,
    /// Write a PNG of the first settled frame here, then exit.
    pub screenshot: Option<PathBuf>,
}

/// The application state.
pub struct App {
    /// The data set, filters, selection and what is derived from them.
    pub model: Model,
    /// The map: view, caches, tiles.
    pub scene: MapScene,
    /// What the panels remember: tabs, windows, search, cursors, timeline playing.
    pub ui_state: UiState,
    /// Messages for the user (export outcomes, warnings).
    pub notices: Notices,
    /// Problems with the last data file the user tried to load.
    pub load_report: Option<LoadReport>,
    /// Opens links (in the system browser, or records them in tests).
    pub links: LinkOpener,
    /// A pending `--screenshot`.
    pub screenshot: Option<ScreenshotJob>,
    files: FileIo,
}

impl App {
    /// An app showing `data` on `outlines`.
    pub fn new(data: DataSet, outlines: Outlines) -> Self {
        let model = Model::new(data, std::sync::Arc::new(outlines));
        Self {
            scene: MapScene::new(&model),
            model,
            ui_state: UiState::default(),
            notices: Notices::default(),
            load_report: None,
            links: LinkOpener::System,
            screenshot: None,
            files: FileIo::default(),
        }
    }

    /// The app with the embedded data and outlines.
    pub fn embedded() -> Result<Self, crate::Error> {
        let outlines = Outlines::embedded()?;
        let file = data::parse_str(data::EMBEDDED_DATA, "embedded data set")?;
        Ok(Self::new(
            DataSet::new(file, DataSource::Embedded),
            outlines,
        ))
    }

    /// The app as the command line asks for it. A data file that fails to load or validate is
    /// reported in the app, which then shows the embedded data.
    pub fn from_options(options: &StartOptions) -> Result<Self, crate::Error> {
        let mut app = Self::embedded()?;
        if let Some(path) = &options.data {
            app.open_data_file(path.clone());
        }
        if let Some(iso) = &options.select {
            let iso = iso.to_ascii_uppercase();
            if app.model.outlines().index_of(&iso).is_none() {
                return Err(crate::Error::UnknownCountry(iso));
            }
            app.model.select_country(Some(iso.clone()));
            app.scene.pending_fit = Some(iso);
        } else {
            // Built while the window opens (the window waits for it before its first frame).
            app.scene.prefetch_level_of_detail();
        }
        if let Some(path) = &options.screenshot {
            app.screenshot = Some(ScreenshotJob::new(path.clone()));
        }
        Ok(app)
    }

    /// Loads and validates a data file now; on success it replaces the data, otherwise the problems
    /// are kept for display and the current data stays. For start-up and tests; the app's own
    /// opens and reloads read in the background ([`Command::OpenDataFile`]).
    pub fn open_data_file(&mut self, path: PathBuf) {
        let outcome = load_and_validate(&path, self.model.outlines());
        self.apply_load(path, outcome);
    }

    /// The file being loaded in the background, if any.
    pub fn loading_file(&self) -> Option<&std::path::Path> {
        self.files.loading_file()
    }

    fn apply_load(&mut self, path: PathBuf, outcome: io::LoadOutcome) {
        match outcome {
            Ok(file) => {
                self.model
                    .replace_data(DataSet::new(file, DataSource::File(path)));
                self.load_report = None;
            }
            Err(report) => self.load_report = Some(report),
        }
    }

    /// Writes the shown stations in `format` to `path` atomically; returns a message for the user.
    pub fn export_to(&self, path: &std::path::Path, format: data::ExportFormat) -> String {
        let written = crate::error::write_made(
            path,
            data::export_filtered(self.model.data(), self.model.filters(), format),
        );
        match written {
            Ok(()) => format!(
                "Exported {} to {}",
                data::count_noun(self.model.shown().stations.len(), "station", "stations"),
                path.display()
            ),
            Err(err) => format!("Export failed: {err}"),
        }
    }

    /// Carries out what a panel, the map or the keyboard asked for. The one place where the
    /// model, the scene and the files change on the user's request.
    pub fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::SelectCountry(iso2) => {
                self.model.select_country(iso2);
                self.ui_state.panel_tab = ui::lists::PanelTab::Details;
            }
            Command::SelectStation(index) => {
                if self.model.select_station(index) {
                    self.ui_state.panel_tab = ui::lists::PanelTab::Details;
                    self.ui_state.scroll_to_station = true;
                }
            }
            Command::ZoomToCountry(iso2) => self.scene.zoom_to_country(&self.model, &iso2),
            Command::ZoomToStation(index) => self.scene.zoom_to_station(&self.model, index),
            Command::ZoomBy(levels) => self.scene.view.zoom_by(levels),
            Command::ZoomAround(levels, pos) => self.scene.view.zoom_by_around(levels, pos),
            Command::WholeWorld => self.scene.view.whole_world(),
            Command::SetFilters(filters) => self.model.set_filters(filters),
            Command::OpenLink(url) => {
                self.links.open(ctx, &url);
            }
            Command::Copy(text) => {
                let lines = text.lines().count();
                ctx.copy_text(text);
                self.notices.info(if lines > 1 {
                    format!("Copied {lines} lines to the clipboard")
                } else {
                    "Copied to the clipboard".to_owned()
                });
            }
            Command::OpenDataFile(path) => {
                if let Some(outcome) =
                    self.files
                        .load_in_background(path.clone(), self.model.outlines(), ctx)
                {
                    self.apply_load(path, outcome);
                }
            }
            Command::UseEmbeddedData => {
                match data::parse_str(data::EMBEDDED_DATA, "embedded data set") {
                    Ok(file) => {
                        self.model
                            .replace_data(DataSet::new(file, DataSource::Embedded));
                        self.load_report = None;
                    }
                    Err(err) => self.notices.warn(err.to_string()),
                }
            }
            Command::Export { path, format } => {
                let message = self.export_to(&path, format);
                self.notices.info(message);
            }
            Command::ExportPicture { path, format, size } => {
                let options = crate::map::picture::PictureOptions {
                    size,
                    dark: ctx.theme() == egui::Theme::Dark,
                };
                self.files
                    .write_picture(&self.model, path, format, options, ctx);
            }
            Command::ExportDossier {
                path,
                scope,
                format,
            } => self
                .files
                .write_dossier(&self.model, path, scope, format, ctx),
            Command::ResetSettings => {
                self.model.set_filters(Filters::default());
                self.model.select_country(None);
                self.ui_state.show_legend = true;
                self.ui_state.legend_collapsed = false;
                // The side panel follows the window again, as before the user first dragged it.
                self.ui_state.panel_width = 0.0;
                self.ui_state.panel_width_auto = Some(0.0);
                self.scene.view.whole_world();
                // The online basemap tells a tile server where the user looks: off by default.
                self.scene
                    .set_basemap(crate::map::tiles::Basemap::OutlinesOnly);
                ctx.set_theme(egui::ThemePreference::System);
                if matches!(self.model.data().origin, DataSource::File(_)) {
                    self.apply(Command::UseEmbeddedData, ctx);
                }
                self.notices.info("View and settings reset to the defaults");
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::SetBasemap(basemap) => self.scene.set_basemap(basemap),
            Command::ClearTileCache => {
                let message = self.scene.clear_tile_cache();
                self.notices.info(message);
            }
            Command::DismissLoadReport => self.load_report = None,
            Command::DismissNotice(index) => self.notices.dismiss(index),
        }
        ctx.request_repaint();
    }

    fn apply_all(&mut self, commands: &mut Commands, ctx: &egui::Context) {
        for command in commands.take() {
            self.apply(command, ctx);
        }
    }

    /// The whole UI: toolbar, bars, side panel, map, windows; the commands each part returns
    /// are applied before the next part draws, so everything below follows what was asked above.
    pub fn ui(&mut self, ui: &mut Ui) {
        ui::fonts::install(ui.ctx());
        let ctx = ui.ctx().clone();
        let mut out = Commands::default();

        let failed = self.load_report.as_ref().map(|r| r.file.clone());
        for event in self.files.step(
            ui,
            self.model.data(),
            self.model.outlines(),
            failed.as_deref(),
        ) {
            match event {
                io::FileEvent::Loaded(path, outcome) => self.apply_load(path, *outcome),
                io::FileEvent::Written(Ok(message)) => self.notices.info(message),
                io::FileEvent::Written(Err(message)) => self.notices.warn(message),
            }
        }
        if let Some(warning) = self.scene.tiles_step(&ctx) {
            self.notices.warn(warning);
        }

        self.keyboard(ui, &mut out);
        self.apply_all(&mut out, &ctx);
        let choice = ui::toolbar::MapChoice {
            basemap: &self.scene.basemap,
            tile_cache: self.scene.tile_cache.as_deref(),
        };
        ui::toolbar::show(
            ui,
            &self.model,
            &mut self.ui_state,
            &choice,
            &self.notices,
            &mut out,
        );
        self.apply_all(&mut out, &ctx);
        ui::filter_bar::show(
            ui,
            &self.model,
            &mut self.ui_state.search,
            &mut self.ui_state.panel_tab,
            &mut out,
        );
        self.apply_all(&mut out, &ctx);
        ui::timeline::show(ui, &self.model, &mut self.ui_state.timeline, &mut out);
        self.apply_all(&mut out, &ctx);

        let style = MapStyle::new(ui.visuals().dark_mode);
        ui::side_panel::show(ui, &self.model, &mut self.ui_state, &mut out);
        self.apply_all(&mut out, &ctx);
        egui::CentralPanel::no_frame().show(ui, |ui| {
            self.scene.ui(
                ui,
                &self.model,
                self.ui_state.show_legend,
                &mut self.ui_state.legend_collapsed,
                &style,
                &mut out,
            );
        });
        self.apply_all(&mut out, &ctx);
        ui::about::show(ui, &self.model, &mut self.ui_state.show_about);
        ui::problems::show(ui, self.load_report.as_ref(), &mut out);
        ui::file_menu::windows(ui, &self.model, &mut self.ui_state.files, &mut out);
        self.apply_all(&mut out, &ctx);

        if let Some(job) = &mut self.screenshot {
            job.step(&ctx, self.scene.settled());
        }
    }

    fn keyboard(&mut self, ui: &Ui, out: &mut Commands) {
        if ui.ctx().egui_wants_keyboard_input() {
            return;
        }
        let (escape, plus, minus) = ui.input(|i| {
            (
                i.key_pressed(Key::Escape),
                i.key_pressed(Key::Plus) || i.key_pressed(Key::Equals),
                i.key_pressed(Key::Minus),
            )
        });
        if escape {
            out.push(Command::SelectCountry(None));
        }
        if ui.input_mut(|i| i.consume_shortcut(&COPY_CITATION))
            && let Some(text) = self.model.selection_citation()
        {
            out.push(Command::Copy(text));
        }
        if ui.input_mut(|i| i.consume_shortcut(&ui::file_menu::QUIT)) {
            out.push(Command::Quit);
        }
        // Over the map, + and − keep the place under the pointer where it is, as the wheel does.
        let pointer = ui
            .input(|i| i.pointer.hover_pos())
            .filter(|p| self.scene.view.rect.contains(*p));
        let zoom = |levels: f64| match pointer {
            Some(pos) => Command::ZoomAround(levels, pos),
            None => Command::ZoomBy(levels),
        };
        if plus {
            out.push(zoom(1.0));
        }
        if minus {
            out.push(zoom(-1.0));
        }
    }
}

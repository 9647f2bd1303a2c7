//! The app's dealings with files: data files read and validated on a background thread, the
//! watcher that reloads a saved file, dropped files, writing the map picture and the dossier, the
//! title.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use egui::Ui;

use crate::data::{self, DataSet, DataSource, Problem};
use crate::dossier::{self, DossierFormat, Scope};
use crate::geo::Outlines;
use crate::map::picture::{self, PictureFormat, PictureOptions};
use crate::state::{LoadReport, Model};

/// What reading and validating a data file gave: the file, or what to show about it.
pub type LoadOutcome = Result<data::DataFile, LoadReport>;

/// Reads and validates a data file (any thread).
pub fn load_and_validate(path: &Path, outlines: &Outlines) -> LoadOutcome {
    let shown = data::printable_path(path);
    match data::load_file(path) {
        Ok((text, file)) => {
            let problems = data::validate(&file, Some(&text), outlines);
            if problems.is_empty() {
                Ok(file)
            } else {
                Err(LoadReport {
                    lines: problems
                        .iter()
                        .map(|p: &Problem| p.display_with(&shown))
                        .collect(),
                    file: path.display().to_string(),
                })
            }
        }
        Err(err) => Err(LoadReport {
            lines: vec![err.to_string()],
            file: path.display().to_string(),
        }),
    }
}

/// Where a map picture or a dossier was written, or why it was not (messages for the user).
type WriteOutcome = Result<String, String>;

/// What a frame of file handling produced for the app to apply.
pub enum FileEvent {
    /// A data file loaded (or failed to): replace the data or show the problems.
    Loaded(PathBuf, Box<LoadOutcome>),
    /// A map picture or a dossier was written (the message says where), or was not (the message
    /// says why).
    Written(Result<String, String>),
}

/// Background loads, the file watcher, pending image exports and the window title.
pub struct FileIo {
    watcher: Option<data::FileWatcher>,
    reload_at: Option<f64>,
    /// A data file being read and validated on a background thread, and where its result arrives.
    loading: Option<(PathBuf, Receiver<LoadOutcome>)>,
    /// Where map pictures and dossiers written in the background report.
    write_results: (Sender<WriteOutcome>, Receiver<WriteOutcome>),
    shown_title: Option<String>,
}

impl Default for FileIo {
    fn default() -> Self {
        Self {
            watcher: None,
            reload_at: None,
            loading: None,
            write_results: channel(),
            shown_title: None,
        }
    }
}

impl FileIo {
    /// Reads and validates a data file on a background thread, so that a file of hundreds of
    /// megabytes never freezes the window; the map keeps showing the current data, a "Loading…"
    /// note shows progress, and the result arrives as a [`FileEvent::Loaded`]. A newer request
    /// replaces an older one still running (its result is dropped). Returns the outcome at once
    /// if no thread could be started.
    pub fn load_in_background(
        &mut self,
        path: PathBuf,
        outlines: &Arc<Outlines>,
        ctx: &egui::Context,
    ) -> Option<LoadOutcome> {
        let (tx, rx) = channel();
        let thread_outlines = Arc::clone(outlines);
        let wake = ctx.clone();
        let thread_path = path.clone();
        let spawned = std::thread::Builder::new()
            .name("load-data".into())
            .spawn(move || {
                let outcome = load_and_validate(&thread_path, &thread_outlines);
                let _ = tx.send(outcome);
                wake.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.loading = Some((path, rx));
                None
            }
            // No thread to be had: load here rather than not at all.
            Err(_) => Some(load_and_validate(&path, outlines)),
        }
    }

    /// The file being loaded in the background, if any.
    pub fn loading_file(&self) -> Option<&Path> {
        self.loading.as_ref().map(|(path, _)| path.as_path())
    }

    /// Writes the map picture of what `model` shows to `path`: laid out here (from the model as
    /// it is now), rendered and written on a background thread so a large PNG never freezes the
    /// window; the outcome arrives as a [`FileEvent::Written`].
    pub fn write_picture(
        &mut self,
        model: &Model,
        path: PathBuf,
        format: PictureFormat,
        options: PictureOptions,
        ctx: &egui::Context,
    ) {
        let svg = picture::svg_document(&picture::Scene::build(model, options));
        let tx = self.write_results.0.clone();
        let wake = ctx.clone();
        let job = move || {
            let bytes = match format {
                PictureFormat::Svg => Ok(svg.into_bytes()),
                PictureFormat::Png => picture::png_from_svg(&svg, options.size),
            };
            let outcome = crate::error::write_made(&path, bytes)
                .map(|()| {
                    format!(
                        "Saved the map picture ({format}, {}) to {}",
                        options.size,
                        path.display()
                    )
                })
                .map_err(|err| format!("The map picture was not saved: {err}"));
            let _ = tx.send(outcome);
            wake.request_repaint();
        };
        let spawned = std::thread::Builder::new()
            .name("write-picture".into())
            .spawn(job);
        if let Err(err) = spawned {
            // No thread to be had: say so rather than freeze or drop the request silently.
            let _ = self
                .write_results
                .0
                .send(Err(format!("The map picture was not saved: {err}")));
        }
    }

    /// Writes the dossier of what `model` shows (its filters and timeline date) for `scope`: the
    /// data set and filters are copied and the document is built, rendered and written on a
    /// background thread (the whole data set lays out 45 maps); the outcome arrives as a
    /// [`FileEvent::Written`].
    pub fn write_dossier(
        &mut self,
        model: &Model,
        path: PathBuf,
        scope: Scope,
        format: DossierFormat,
        ctx: &egui::Context,
    ) {
        let data = model.data().clone();
        let outlines = Arc::clone(model.outlines());
        let filters = model.filters().clone();
        let tx = self.write_results.0.clone();
        let wake = ctx.clone();
        let job = move || {
            let mut model = Model::new(data, outlines);
            model.set_filters(filters);
            let text = dossier::render(&mut model, &scope, format);
            let what = match &scope {
                Scope::All => "the whole data set".to_owned(),
                Scope::Country(iso) => model.country_name(iso).to_owned(),
            };
            let outcome = crate::write_atomically(&path, text.as_bytes())
                .map(|()| {
                    format!(
                        "Saved the dossier of {what} ({format}) to {}",
                        path.display()
                    )
                })
                .map_err(|err| format!("The dossier was not saved: {err}"));
            let _ = tx.send(outcome);
            wake.request_repaint();
        };
        let spawned = std::thread::Builder::new()
            .name("write-dossier".into())
            .spawn(job);
        if let Err(err) = spawned {
            let _ = self
                .write_results
                .0
                .send(Err(format!("The dossier was not saved: {err}")));
        }
    }

    /// One frame: dropped files and saved changes start loads; finished loads and exports are
    /// returned; the title follows the data file. `watched_failure` is a file that failed to
    /// load, watched too so that fixing it reloads it.
    pub fn step(
        &mut self,
        ui: &Ui,
        data: &DataSet,
        outlines: &Arc<Outlines>,
        watched_failure: Option<&str>,
    ) -> Vec<FileEvent> {
        let ctx = ui.ctx().clone();
        let mut events = Vec::new();
        let dropped: Option<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(path) = dropped
            && let Some(outcome) = self.load_in_background(path.clone(), outlines, &ctx)
        {
            events.push(FileEvent::Loaded(path, Box::new(outcome)));
        }
        self.loading_step(ui, &mut events);

        let file = match &data.origin {
            DataSource::File(path) => Some(path.clone()),
            DataSource::Embedded => None,
        };
        let watched = watched_failure.map(PathBuf::from).or(file);
        if self.watcher.as_ref().map(|w| w.path().to_path_buf()) != watched {
            self.watcher = watched.as_ref().and_then(|path| {
                let wake = ctx.clone();
                data::FileWatcher::new(path, move || {
                    wake.request_repaint_after(std::time::Duration::from_millis(300))
                })
                .map_err(|err| log::warn!("{err}"))
                .ok()
            });
        }
        let now = ui.input(|i| i.time);
        if self
            .watcher
            .as_ref()
            .is_some_and(data::FileWatcher::changed)
        {
            // Editors write in several steps; reload once the changes have settled.
            self.reload_at = Some(now + 0.25);
            ctx.request_repaint_after(std::time::Duration::from_millis(300));
        }
        if let Some(at) = self.reload_at {
            if now >= at {
                self.reload_at = None;
                if let Some(path) = watched
                    && let Some(outcome) = self.load_in_background(path.clone(), outlines, &ctx)
                {
                    events.push(FileEvent::Loaded(path, Box::new(outcome)));
                }
            } else {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(at - now));
            }
        }

        let title = match &data.origin {
            DataSource::File(path) => format!("Overseas police stations — {}", path.display()),
            DataSource::Embedded => "Overseas police stations — embedded data".to_owned(),
        };
        if self.shown_title.as_ref() != Some(&title) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = Some(title);
        }
        while let Ok(outcome) = self.write_results.1.try_recv() {
            events.push(FileEvent::Written(outcome));
        }
        events
    }

    /// A background load whose result has arrived; progress while it has not.
    fn loading_step(&mut self, ui: &Ui, events: &mut Vec<FileEvent>) {
        let Some((path, rx)) = &self.loading else {
            return;
        };
        match rx.try_recv() {
            Ok(outcome) => {
                events.push(FileEvent::Loaded(path.clone(), Box::new(outcome)));
                self.loading = None;
            }
            Err(TryRecvError::Empty) => {
                let name = data::printable_path(path);
                egui::Area::new(egui::Id::unique("loading-data"))
                    .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 90.0))
                    .show(ui.ctx(), |ui| {
                        egui::Frame::popup(ui.style()).show(ui, |ui| {
                            ui.horizontal(|ui| {
                                ui.spinner();
                                ui.label(format!(
                                    "Loading {name}… the map shows the current data until it is ready"
                                ));
                            });
                        });
                    });
            }
            Err(TryRecvError::Disconnected) => {
                let shown = data::printable_path(path);
                events.push(FileEvent::Loaded(
                    path.clone(),
                    Box::new(Err(LoadReport {
                        lines: vec![format!("{shown}: loading stopped unexpectedly; try again")],
                        file: shown,
                    })),
                ));
                self.loading = None;
            }
        }
    }
}

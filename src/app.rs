//! The application: owns all state and calls the panels in order.
//!
//! State is split three ways: the data (what was loaded), the view (map position, selection,
//! open windows) and per-frame transient values (hover, marker layout). `eframe::App::ui` and the
//! kittest harness both call [`App::ui`], so tests drive exactly what users see.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use egui::{Color32, Key, Ui};
use walkers::{Map, MercatorProjection};

use crate::data::{self, DataSet, DataSource, Filters, Problem};
use crate::geo::{HitTolerance, Outlines};
use crate::map::lod::LodSet;
use crate::map::tiles::{Basemap, TileLayer};
use crate::map::{
    BorderCache, ClusterCache, CountriesLayer, MAX_ZOOM, MapStyle, MapView, MarkerHit,
    MarkerLayout, StationsLayer, WorldTransform, station_world_positions,
};
use crate::screenshot::ScreenshotJob;
use crate::settings::Settings;
use crate::ui::{self, LinkOpener};

/// Copies the citation of the selection (as the side panel's "Copy citation" button does).
pub const COPY_CITATION: egui::KeyboardShortcut = egui::KeyboardShortcut::new(
    egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
    Key::C,
);

/// Screen points within which a click selects a station marker.
const MARKER_REACH: f32 = 8.0;
/// Screen points of slack around coasts when clicking a country.
const COAST_REACH_PX: f64 = 4.0;
/// Markers closer than this (screen points) merge into a cluster below the deepest zoom.
const CLUSTER_PX: f32 = 26.0;
/// Screen points around a tiny country's label that select it.
const TINY_COUNTRY_REACH_PX: f64 = 6.0;

/// What is selected: a country, and optionally one of its stations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// ISO alpha-2 code of the selected country.
    pub country: Option<String>,
    /// Id of the highlighted station (always in `country`).
    pub station: Option<String>,
}

/// What the pointer is over on the map this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MapHit {
    /// Nothing (the ocean, or off the map).
    #[default]
    Nothing,
    /// A country, by index into the outlines.
    Country(usize),
    /// A station marker, by index into the data set's stations.
    Station(usize),
    /// A cluster marker, by index into this frame's clusters.
    Cluster(usize),
}

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

/// What reading and validating a data file gave: the file, or what to show about it.
type LoadOutcome = Result<data::DataFile, LoadReport>;

/// Reads and validates a data file (any thread).
fn load_and_validate(path: &std::path::Path, outlines: &Outlines) -> LoadOutcome {
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

/// Problems found while loading a data file, shown in the app.
#[derive(Clone, Debug, Default)]
pub struct LoadReport {
    /// The file the problems are about.
    pub file: String,
    /// One line per problem, as `check` prints them.
    pub lines: Vec<String>,
}

/// The application state.
pub struct App {
    /// The data set in use.
    pub data: DataSet,
    /// Country outlines (shared with the level-of-detail builder thread).
    pub outlines: Arc<Outlines>,
    /// Map position and the rectangle it was last drawn in.
    pub view: MapView,
    /// The current selection.
    pub selection: Selection,
    /// Problems with the last data file the user tried to load.
    pub load_report: Option<LoadReport>,
    /// Whether the About window is open.
    pub show_about: bool,
    /// Whether the legend is shown.
    pub show_legend: bool,
    /// Opens links (in the system browser, or records them in tests).
    pub links: LinkOpener,
    /// A pending `--screenshot`.
    pub screenshot: Option<ScreenshotJob>,
    /// Set when the selection changed and the side panel should scroll to the highlighted station.
    pub scroll_to_station: bool,
    /// A PNG export waiting for its frame: path, frames still to wait.
    pub pending_image: Option<(PathBuf, u32)>,
    /// What the pointer was over in the last frame.
    pub hovered: MapHit,
    /// A country whose extent the map should fit once it knows its size (set by `--select`).
    pub pending_fit: Option<String>,
    /// Which stations the filters let through.
    pub filters: Filters,
    /// Text in the search field.
    pub search_query: String,
    /// Whether the search results list is open.
    pub search_open: bool,
    /// The File menu's windows and the last export message.
    pub files: ui::file_menu::FileWindows,
    /// The basemap under the countries (outlines only by default).
    pub basemap: Basemap,
    /// The tile layer for an online basemap, created on the next frame after a switch.
    pub tiles: Option<TileLayer>,
    /// Why the chosen basemap could not be used.
    pub tiles_error: Option<String>,
    /// Where tiles are cached on disk (`None`: no cache).
    pub tile_cache: Option<PathBuf>,
    /// A warning to show once (e.g. unreadable settings).
    pub notice: Option<String>,
    watcher: Option<data::FileWatcher>,
    reload_at: Option<f64>,
    /// A data file being read and validated on a background thread, and where its result arrives.
    loading: Option<(PathBuf, Receiver<LoadOutcome>)>,
    image_results: (Sender<String>, Receiver<String>),
    shown_title: Option<String>,
    /// Which tab the side panel shows.
    pub panel_tab: ui::lists::PanelTab,
    /// Sorting and cursor of the list views.
    pub lists: ui::lists::ListState,
    /// Whether the timeline is stepping through events.
    pub playing: bool,
    /// When (egui time, seconds) the timeline takes its next step while playing.
    pub play_next_at: f64,
    shown: Shown,
    data_generation: u64,
    /// The markers and clusters as drawn in the last frame.
    pub marker_layout: MarkerLayout,
    station_world: Vec<egui::Pos2>,
    station_world_generation: u64,
    clusters: ClusterCache,
    timeline: (
        Option<(data::PartialDate, data::PartialDate)>,
        Arc<Vec<data::PartialDate>>,
    ),
    timeline_generation: Option<u64>,
    borders: BorderCache,
    lod: LodSet,
    country_mesh: Arc<egui::Mesh>,
    fills: Vec<Color32>,
    fills_key: Option<(bool, u64)>,
}

/// The stations the filters let through, and their count per country; recomputed only when the
/// filters or the data change.
#[derive(Clone, Debug, Default)]
pub struct Shown {
    /// Indices of the shown stations.
    pub stations: Vec<usize>,
    /// Shown stations per country, by outline index.
    pub per_country: Vec<usize>,
    filters: Option<Filters>,
    data_generation: u64,
    /// Bumped on every recomputation, so derived caches (fills) know when to follow.
    pub version: u64,
}

impl App {
    /// An app showing `data` on `outlines`.
    pub fn new(data: DataSet, outlines: Outlines) -> Self {
        let outlines = Arc::new(outlines);
        let lod = LodSet::spawn(outlines.clone());
        let mut app = Self {
            data,
            outlines,
            view: MapView::default(),
            selection: Selection::default(),
            load_report: None,
            show_about: false,
            show_legend: true,
            links: LinkOpener::System,
            screenshot: None,
            scroll_to_station: false,
            hovered: MapHit::Nothing,
            pending_image: None,
            pending_fit: None,
            borders: BorderCache::default(),
            lod,
            country_mesh: Arc::new(egui::Mesh::default()),
            filters: Filters::default(),
            search_query: String::new(),
            search_open: false,
            files: ui::file_menu::FileWindows::default(),
            notice: None,
            basemap: Basemap::OutlinesOnly,
            tiles: None,
            tiles_error: None,
            tile_cache: crate::map::tiles::default_cache_dir(),
            watcher: None,
            reload_at: None,
            loading: None,
            image_results: channel(),
            shown_title: None,
            panel_tab: ui::lists::PanelTab::Details,
            lists: ui::lists::ListState::default(),
            playing: false,
            play_next_at: 0.0,
            shown: Shown::default(),
            data_generation: 0,
            marker_layout: MarkerLayout::default(),
            station_world: Vec::new(),
            station_world_generation: 0,
            clusters: ClusterCache::default(),
            timeline: (None, Arc::new(Vec::new())),
            timeline_generation: None,
            fills: Vec::new(),
            fills_key: None,
        };
        app.refresh_shown();
        app
    }

    /// The app with the embedded data and outlines.
    pub fn embedded() -> Result<Self, String> {
        let outlines = Outlines::embedded().map_err(|e| e.to_string())?;
        let file =
            data::parse_str(data::EMBEDDED_DATA, "embedded data set").map_err(|e| e.to_string())?;
        Ok(Self::new(
            DataSet::new(file, DataSource::Embedded),
            outlines,
        ))
    }

    /// The app as the command line asks for it. A data file that fails to load or validate is
    /// reported in the app, which then shows the embedded data.
    pub fn from_options(options: &StartOptions) -> Result<Self, String> {
        let mut app = Self::embedded()?;
        if let Some(path) = &options.data {
            app.open_data_file(path.clone());
        }
        if let Some(iso) = &options.select {
            let iso = iso.to_ascii_uppercase();
            if app.outlines.index_of(&iso).is_none() {
                return Err(format!(
                    "--select {iso}: no country with that ISO 3166-1 alpha-2 code"
                ));
            }
            app.select_country(Some(iso.clone()));
            app.pending_fit = Some(iso);
        }
        if let Some(path) = &options.screenshot {
            app.screenshot = Some(ScreenshotJob::new(path.clone()));
        }
        Ok(app)
    }

    /// Loads and validates a data file now; on success it replaces the data, otherwise the problems
    /// are kept for display and the current data stays. For start-up and tests; the app's own
    /// opens and reloads use [`Self::open_data_file_in_background`].
    pub fn open_data_file(&mut self, path: PathBuf) {
        let outcome = load_and_validate(&path, &self.outlines);
        self.apply_load(path, outcome);
    }

    /// Reads and validates a data file on a background thread, so that a file of hundreds of
    /// megabytes never freezes the window; the map keeps showing the current data, a "Loading…"
    /// note shows progress, and the result is applied when it arrives. A newer request replaces
    /// an older one still running (its result is dropped).
    pub fn open_data_file_in_background(&mut self, path: PathBuf, ctx: &egui::Context) {
        let (tx, rx) = std::sync::mpsc::channel();
        let outlines = Arc::clone(&self.outlines);
        let wake = ctx.clone();
        let thread_path = path.clone();
        let spawned = std::thread::Builder::new()
            .name("load-data".into())
            .spawn(move || {
                let outcome = load_and_validate(&thread_path, &outlines);
                let _ = tx.send(outcome);
                wake.request_repaint();
            });
        match spawned {
            Ok(_) => self.loading = Some((path, rx)),
            // No thread to be had: load here rather than not at all.
            Err(_) => self.open_data_file(path),
        }
    }

    /// The file being loaded in the background, if any.
    pub fn loading_file(&self) -> Option<&std::path::Path> {
        self.loading.as_ref().map(|(path, _)| path.as_path())
    }

    /// Applies a background load whose result has arrived; shows progress while it has not.
    fn loading_step(&mut self, ui: &Ui) {
        let Some((path, rx)) = &self.loading else {
            return;
        };
        match rx.try_recv() {
            Ok(outcome) => {
                let path = path.clone();
                self.loading = None;
                self.apply_load(path, outcome);
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                let name = data::printable_path(path);
                egui::Area::new(egui::Id::unique("loading-data"))
                    .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 90.0))
                    .show(ui.ctx(), |ui| {
                        egui::Frame::popup(ui.style()).show(ui, |ui| {
                            ui.horizontal(|ui| {
                                ui.spinner();
                                ui.label(format!("Loading {name}… the map shows the current data until it is ready"));
                            });
                        });
                    });
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                let shown = data::printable_path(path);
                self.loading = None;
                self.load_report = Some(LoadReport {
                    lines: vec![format!("{shown}: loading stopped unexpectedly; try again")],
                    file: shown,
                });
            }
        }
    }

    fn apply_load(&mut self, path: PathBuf, outcome: LoadOutcome) {
        match outcome {
            Ok(file) => {
                self.replace_data(DataSet::new(file, DataSource::File(path)));
                self.load_report = None;
            }
            Err(report) => self.load_report = Some(report),
        }
    }

    fn replace_data(&mut self, data: DataSet) {
        self.data = data;
        self.data_generation += 1;
        if let Some(iso) = self.selection.country.clone() {
            self.select_country(Some(iso));
        }
    }

    /// Goes back to the embedded data set.
    pub fn use_embedded_data(&mut self) {
        match data::parse_str(data::EMBEDDED_DATA, "embedded data set") {
            Ok(file) => {
                self.replace_data(DataSet::new(file, DataSource::Embedded));
                self.load_report = None;
            }
            Err(err) => self.notice = Some(err.to_string()),
        }
    }

    /// Writes the shown stations in `format` to `path` atomically; returns a message for the user.
    pub fn export_to(&self, path: &std::path::Path, format: data::ExportFormat) -> String {
        match data::export_filtered(&self.data, &self.filters, format)
            .and_then(|bytes| crate::write_atomically(path, &bytes))
        {
            Ok(()) => format!(
                "Exported {} to {}",
                data::count_noun(self.shown.stations.len(), "station", "stations"),
                path.display()
            ),
            Err(err) => format!("Export failed: {err}"),
        }
    }

    /// Saves a PNG of the window as it is drawn next (after the export window has closed).
    pub fn request_image_export(&mut self, path: PathBuf) {
        self.pending_image = Some((path, 2));
    }

    fn image_export_step(&mut self, ctx: &egui::Context) {
        while let Ok(message) = self.image_results.1.try_recv() {
            self.files.message = Some(message);
        }
        let Some((path, frames)) = self.pending_image.take() else {
            return;
        };
        if frames > 0 {
            // Let the closed window disappear from the frame before capturing it.
            self.pending_image = Some((path, frames - 1));
            ctx.request_repaint();
            return;
        }
        let tx = self.image_results.0.clone();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let message = match crate::screenshot::write_png(&path, &image) {
                Ok(()) => format!("Saved {}", path.display()),
                Err(err) => format!("Image export failed: {err}"),
            };
            let _ = tx.send(message);
            repaint.request_repaint();
        });
        ctx.request_repaint();
    }

    /// The settings to remember.
    pub fn settings(&self) -> Settings {
        let center = self.view.center();
        Settings {
            center: Some((center.x(), center.y())),
            zoom: Some(self.view.memory.zoom()),
            filters: Filters {
                as_of: None,
                ..self.filters.clone()
            },
            show_legend: Some(self.show_legend),
            data_file: match &self.data.origin {
                DataSource::File(path) => Some(path.clone()),
                DataSource::Embedded => None,
            },
            basemap: Some(self.basemap.clone()),
        }
    }

    /// Applies remembered settings. The data file is reopened only if `with_data_file`.
    pub fn apply_settings(&mut self, settings: &Settings, with_data_file: bool) {
        if let Some(zoom) = settings.zoom.filter(|z| z.is_finite()) {
            self.view.set_zoom(zoom);
        }
        if let Some((lon, lat)) = settings
            .center
            .filter(|(x, y)| x.is_finite() && y.is_finite())
        {
            self.view.memory.center_at(walkers::lon_lat(
                lon.clamp(-180.0, 180.0),
                lat.clamp(-85.0, 85.0),
            ));
        }
        self.view.clamp();
        self.filters = settings.filters.clone();
        if let Some(show) = settings.show_legend {
            self.show_legend = show;
        }
        if let Some(basemap) = &settings.basemap {
            self.set_basemap(basemap.clone());
        }
        if with_data_file && let Some(path) = &settings.data_file {
            self.open_data_file(path.clone());
        }
    }

    /// Restores settings from their stored text; unreadable settings are ignored with a notice.
    pub fn restore_settings(&mut self, text: &str, with_data_file: bool) {
        match Settings::from_json(text) {
            Ok(settings) => self.apply_settings(&settings, with_data_file),
            Err(err) => {
                log::warn!("{err}");
                self.notice = Some(err);
            }
        }
    }

    /// Switches the basemap; the tile layer is (re)created on the next frame.
    pub fn set_basemap(&mut self, basemap: Basemap) {
        if basemap != self.basemap {
            self.basemap = basemap;
            self.tiles = None;
            self.tiles_error = None;
        }
    }

    /// Creates the tile layer for the chosen basemap if it is missing.
    fn tiles_step(&mut self, ctx: &egui::Context) {
        let wanted = self.basemap.is_online() && self.tiles_error.is_none();
        if !wanted {
            self.tiles = None;
            return;
        }
        if self
            .tiles
            .as_ref()
            .is_some_and(|t| t.basemap() == &self.basemap)
        {
            return;
        }
        let cache = self
            .tile_cache
            .clone()
            .filter(|dir| match crate::map::tiles::check_cache_dir(dir) {
                Ok(()) => true,
                Err(err) => {
                    log::warn!("{err}");
                    self.notice = Some(err);
                    false
                }
            });
        match TileLayer::new(&self.basemap, ctx, cache) {
            Ok(layer) => self.tiles = layer,
            Err(err) => {
                log::warn!("{err}");
                self.tiles = None;
                self.tiles_error = Some(err);
            }
        }
    }

    /// "Reset view": default map view, no filters, legend shown.
    pub fn reset_settings(&mut self) {
        self.filters = Filters::default();
        self.show_legend = true;
        self.view.whole_world();
        self.select_country(None);
    }

    /// The timeline's range and steps, computed once per data set.
    pub fn timeline_dates(
        &mut self,
    ) -> (
        Option<(data::PartialDate, data::PartialDate)>,
        Arc<Vec<data::PartialDate>>,
    ) {
        if self.timeline_generation != Some(self.data_generation) {
            self.timeline = (
                data::date_range(&self.data),
                Arc::new(data::event_dates(&self.data)),
            );
            self.timeline_generation = Some(self.data_generation);
        }
        (self.timeline.0, self.timeline.1.clone())
    }

    /// Builds every level of detail now instead of waiting for the background builder
    /// (benchmarks measure the steady state this way).
    pub fn build_levels_of_detail_now(&mut self) {
        self.lod = LodSet::build_all(&self.outlines);
    }

    /// Recomputes what the filters let through, if the filters or the data changed.
    pub fn refresh_shown(&mut self) {
        if self.shown.filters.as_ref() == Some(&self.filters)
            && self.shown.data_generation == self.data_generation
        {
            return;
        }
        let stations = self.filters.shown_indices(&self.data);
        let mut per_country = vec![0; self.outlines.countries.len()];
        for &i in &stations {
            if let Some(c) = self.outlines.index_of(&self.data.stations()[i].country) {
                per_country[c] += 1;
            }
        }
        self.shown = Shown {
            stations,
            per_country,
            filters: Some(self.filters.clone()),
            data_generation: self.data_generation,
            version: self.shown.version + 1,
        };
    }

    /// What the filters let through (as of the last [`Self::refresh_shown`]).
    pub fn shown(&self) -> &Shown {
        &self.shown
    }

    /// Number of shown stations in the country with outline index `i`.
    pub fn count_at(&self, i: usize) -> usize {
        self.shown.per_country.get(i).copied().unwrap_or(0)
    }

    /// Selects a country (or clears the selection with `None`).
    pub fn select_country(&mut self, iso2: Option<String>) {
        self.selection = Selection {
            country: iso2,
            station: None,
        };
    }

    /// Fits the map to a country's main part (for Russia or Fiji, not a box around the world).
    pub fn zoom_to_country(&mut self, iso2: &str) {
        if let Some(country) = self.outlines.get(iso2) {
            let bounds = country.main_bounds;
            self.view.fit_world_rect(bounds);
        }
    }

    /// Zooms in on a cluster until its members separate: at least two levels, or enough to fit
    /// their extent.
    pub fn zoom_into_cluster(&mut self, world_bounds: egui::Rect) {
        let before = self.view.memory.zoom();
        // Fit the members with a margin so all stay on screen, but always go at least one level
        // deeper; at the deepest level clusters are off and every station has its own marker.
        let w = f64::from(world_bounds.width()).max(1e-9);
        let h = f64::from(world_bounds.height()).max(1e-9);
        let fit = (f64::from(self.view.rect.width()) * 0.6 / w)
            .log2()
            .min((f64::from(self.view.rect.height()) * 0.6 / h).log2());
        self.view.set_zoom(fit.max(before + 1.0));
        let c = world_bounds.center();
        self.view.memory.center_at(crate::geo::lonlat_from_world(
            f64::from(c.x),
            f64::from(c.y),
        ));
        self.view.clamp();
    }

    /// Centres the map on a station, zoomed to city level.
    pub fn zoom_to_station(&mut self, index: usize) {
        if let Some(station) = self.data.stations().get(index) {
            let zoom = self.view.memory.zoom().max(7.0);
            self.view.set_zoom(zoom);
            self.view
                .memory
                .center_at(walkers::lon_lat(station.location.lon, station.location.lat));
            self.view.clamp();
        }
    }

    /// Selects a station and its country.
    pub fn select_station(&mut self, index: usize) {
        if let Some(station) = self.data.stations().get(index) {
            self.selection = Selection {
                country: Some(station.country.clone()),
                station: Some(station.id.clone()),
            };
            self.scroll_to_station = true;
        }
    }

    /// The whole UI: toolbar, side panel, map, windows.
    pub fn ui(&mut self, ui: &mut Ui) {
        ui::fonts::install(ui.ctx());
        self.files_step(ui);
        self.tiles_step(ui.ctx());
        self.refresh_shown();
        let version_before_bars = self.shown.version;
        self.keyboard(ui);
        ui::toolbar::show(ui, self);
        ui::filter_bar::show(ui, self);
        ui::timeline::show(ui, self);

        // Everything below follows the filters as they are after the bars above; the bars
        // themselves show the new counts in the next frame.
        self.refresh_shown();
        if self.shown.version != version_before_bars {
            ui.ctx().request_repaint();
        }
        let dark = ui.visuals().dark_mode;
        let style = MapStyle::new(dark);
        let fills_key = Some((dark, self.shown.version));
        if self.fills_key != fills_key {
            self.fills = (0..self.outlines.countries.len())
                .map(|i| style.fill_for(self.count_at(i)))
                .collect();
            self.fills_key = fills_key;
        }
        ui::side_panel::show(ui, self);
        egui::CentralPanel::no_frame().show(ui, |ui| self.map_ui(ui, &style));
        ui::about::show(ui, self);
        ui::problems::show(ui, self);
        ui::file_menu::windows(ui, self);
        self.image_export_step(ui.ctx());

        if let Some(job) = &mut self.screenshot {
            let tiles_settled = self
                .tiles
                .as_ref()
                .is_none_or(TileLayer::visible_tiles_settled);
            job.step(ui.ctx(), tiles_settled);
        }
    }

    /// Dropped files, the file watcher (reload after changes settle) and the window title.
    fn files_step(&mut self, ui: &Ui) {
        let ctx = ui.ctx().clone();
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.open_data_file_in_background(path, &ctx);
        }
        self.loading_step(ui);

        let file = match &self.data.origin {
            DataSource::File(path) => Some(path.clone()),
            DataSource::Embedded => None,
        };
        // A file that failed to load is watched too, so fixing it reloads it.
        let watched = self
            .load_report
            .as_ref()
            .map(|r| PathBuf::from(&r.file))
            .or(file.clone());
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
                if let Some(path) = watched {
                    self.open_data_file_in_background(path, &ctx);
                }
            } else {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(at - now));
            }
        }

        let title = match &self.data.origin {
            DataSource::File(path) => format!("Overseas police stations — {}", path.display()),
            DataSource::Embedded => "Overseas police stations — embedded data".to_owned(),
        };
        if self.shown_title.as_ref() != Some(&title) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = Some(title);
        }
    }

    /// The citation the side panel's "Copy citation" gives for what is selected: the station's
    /// if one is highlighted, else the country's (with what the filters show).
    pub fn selection_citation(&self) -> Option<String> {
        let iso = self.selection.country.as_deref()?;
        let country = self
            .data
            .country_record(iso)
            .map(|r| r.name.as_str())
            .unwrap_or_else(|| self.outlines.name_of(iso));
        let station = self
            .selection
            .station
            .as_deref()
            .and_then(|id| self.data.stations().iter().find(|s| s.id == id));
        Some(match station {
            Some(station) => data::cite_station(&self.data, country, station),
            None => data::cite_country(&self.data, iso, country, &self.filters),
        })
    }

    fn keyboard(&mut self, ui: &Ui) {
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
            self.select_country(None);
        }
        if ui.input_mut(|i| i.consume_shortcut(&COPY_CITATION))
            && let Some(text) = self.selection_citation()
        {
            ui.ctx().copy_text(text);
        }
        if plus {
            self.view.zoom_by(1.0);
        }
        if minus {
            self.view.zoom_by(-1.0);
        }
    }

    fn map_ui(&mut self, ui: &mut Ui, style: &MapStyle) {
        // The rectangle the map will take; known before walkers allocates it so the zoom and
        // centre can be clamped for this frame's size.
        self.view.rect = ui.available_rect_before_wrap();
        if let Some(iso) = self.pending_fit.take() {
            self.zoom_to_country(&iso);
        }
        self.view.clamp();

        let projector = self.view.projector();
        let transform = WorldTransform::from_projector(&projector);
        if self.station_world.len() != self.data.stations().len()
            || self.station_world_generation != self.data_generation
        {
            self.station_world = station_world_positions(self.data.stations());
            self.station_world_generation = self.data_generation;
        }
        let cluster_px = if self.view.memory.zoom() >= MAX_ZOOM - 0.01 {
            0.0
        } else {
            CLUSTER_PX
        };
        let layout = self.clusters.layout(
            self.data.stations(),
            &self.station_world,
            &self.shown.stations,
            self.shown.version,
            self.view.memory.zoom(),
            &transform,
            self.view.rect,
            cluster_px,
        );
        self.lod.poll();
        let lod = self.lod.for_zoom(self.view.memory.zoom());
        let fallback_borders = lod
            .is_none()
            .then(|| self.borders.level(&self.outlines, self.view.memory.zoom()));

        let selected_country = self
            .selection
            .country
            .as_deref()
            .and_then(|iso| self.outlines.index_of(iso));
        let highlighted = self
            .selection
            .station
            .as_deref()
            .and_then(|id| self.data.stations().iter().position(|s| s.id == id));
        let hovered = self.hovered;

        // Over a working basemap the countries are translucent; with tiles unavailable the
        // outline map looks exactly as it does offline.
        let tiles_on = self.tiles.as_ref().is_some_and(|t| {
            !matches!(
                t.status(),
                crate::map::tiles::TileStatus::Unavailable { .. }
            )
        });
        ui.painter().rect_filled(self.view.rect, 0.0, style.ocean);
        let countries = CountriesLayer {
            outlines: &self.outlines,
            fills: &self.fills,
            lod,
            fallback_borders,
            mesh: &mut self.country_mesh,
            over_tiles: tiles_on,
            style,
            hovered: match hovered {
                MapHit::Country(i) => Some(i),
                _ => None,
            },
            selected: selected_country,
        };
        let stations = StationsLayer {
            layout: &layout,
            style,
            weak: self.data.weak_stations(),
            highlighted,
            hovered: match hovered {
                MapHit::Station(i) => Some(i),
                _ => None,
            },
        };
        let mut map = Map::new(None, &mut self.view.memory, crate::map::anchor());
        if let Some(tiles) = &mut self.tiles {
            map = map.with_layer(&mut *tiles, 1.0);
        }
        let map = map
            .with_projection(&MercatorProjection)
            .zoom_with_ctrl(false)
            .double_click_to_zoom(true)
            .with_plugin(countries)
            .with_plugin(stations);
        let outlines = &self.outlines;
        let response = map.show(ui, |_ui, response, projector, _memory| {
            let hit_at = |pos: egui::Pos2| -> MapHit {
                match layout.hit(pos, MARKER_REACH) {
                    Some(MarkerHit::Station(i)) => return MapHit::Station(i),
                    Some(MarkerHit::Cluster(k)) => return MapHit::Cluster(k),
                    None => {}
                }
                let lonlat = projector.unproject(pos.to_vec2());
                let tolerance =
                    HitTolerance::pixels(COAST_REACH_PX, TINY_COUNTRY_REACH_PX, projector.zoom());
                outlines
                    .hit_test(lonlat.x(), lonlat.y(), tolerance)
                    .map_or(MapHit::Nothing, MapHit::Country)
            };
            let hover = response.hover_pos().map_or(MapHit::Nothing, hit_at);
            let click = (response.clicked_by(egui::PointerButton::Primary) && !response.changed())
                .then(|| response.interact_pointer_pos().map(hit_at))
                .flatten();
            (hover, click)
        });
        let (hover, click) = response.inner;
        let map_response = response.response;

        if hover != self.hovered {
            self.hovered = hover;
            ui.ctx().request_repaint();
        }
        match hover {
            MapHit::Station(i) => {
                if let Some(station) = self.data.stations().get(i) {
                    let text = ui::tooltip::station_text(&self.data, &self.outlines, station);
                    map_response.clone().on_hover_text_at_pointer(text);
                }
            }
            MapHit::Country(i) => {
                let text =
                    ui::tooltip::country_text(&self.outlines.countries[i].name, self.count_at(i));
                map_response.clone().on_hover_text_at_pointer(text);
            }
            MapHit::Cluster(k) => {
                if let Some(cluster) = layout.clusters.get(k) {
                    let text = ui::tooltip::cluster_text(&self.data, &cluster.members);
                    map_response.clone().on_hover_text_at_pointer(text);
                }
            }
            MapHit::Nothing => {}
        }
        if let Some(hit) = click {
            match hit {
                MapHit::Station(i) => {
                    self.select_station(i);
                    self.panel_tab = ui::lists::PanelTab::Details;
                }
                MapHit::Cluster(k) => {
                    if let Some(cluster) = layout.clusters.get(k) {
                        self.zoom_into_cluster(cluster.world_bounds);
                    }
                }
                MapHit::Country(i) => {
                    let iso = self.outlines.countries[i].iso2.clone();
                    self.select_country(Some(iso));
                    self.panel_tab = ui::lists::PanelTab::Details;
                }
                MapHit::Nothing => self.select_country(None),
            }
            // The side panel was drawn before the map this frame; show the new selection now.
            ui.ctx().request_repaint();
        }
        if self.view.clamp() {
            ui.ctx().request_repaint();
        }
        ui::legend::show(ui, self, style, map_response.rect);
        ui::legend::tiles_overlay(ui, self, style, map_response.rect);
        self.marker_layout = layout;
    }
}

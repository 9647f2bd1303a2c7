//! The map scene: what the map shows and how (view, levels of detail, borders, clusters, fills,
//! the country mesh, the tile layer), and the map's own frame: draw, hit test, tooltip, click.
//!
//! A click reads as: scene → hit ([`MapHit`]) → [`Command`] → `App::apply`, here and nowhere else.
//! (Over 400 lines: [`MapScene::ui`] builds both layers, the labels and the rings from the
//! scene's caches in one function, because walkers borrows them together for the frame; the
//! caches themselves live in `map`: `LiveLabels`, `MarkerStatus`, `ChoroplethClasses`.)

use std::path::PathBuf;

use egui::{Color32, Ui};
use walkers::{Map, MercatorProjection};

use crate::data::StatusClass;
use crate::geo::HitTolerance;
use crate::map::lod::LodSet;
use crate::map::tiles::{Basemap, TileLayer, TileStatus};
use crate::map::{
    BorderCache, ChoroplethClasses, ClusterCache, CountriesLayer, LiveLabels, MAX_ZOOM, MapStyle,
    MapView, MarkerHit, MarkerLayout, MarkerStatus, StationsLayer, WorldTransform,
    station_world_positions,
};
use crate::state::{Command, Commands, Model};
use crate::ui;

/// Screen points within which a click selects a station marker.
const MARKER_REACH: f32 = 8.0;
/// Screen points of slack around coasts when clicking a country.
const COAST_REACH_PX: f64 = 4.0;
/// Markers closer than this (screen points) merge into a cluster below the deepest zoom.
const CLUSTER_PX: f32 = 26.0;
/// Screen points around a tiny country's label that select it.
const TINY_COUNTRY_REACH_PX: f64 = 6.0;

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

/// The map's state and its caches, each keyed on the model's versions.
pub struct MapScene {
    /// Map position and the rectangle it was last drawn in.
    pub view: MapView,
    /// A country whose extent the map should fit once it knows its size (set by `--select`).
    pub pending_fit: Option<String>,
    /// Where the legend was drawn last frame (screen points), if shown: fitting leaves it room.
    legend_rect: Option<egui::Rect>,
    /// The corner the legend covers least in, chosen when the view comes to rest.
    legend_corner: crate::map::Corner,
    /// The view (zoom, centre) a country was last fitted to around the legend: while the map
    /// shows it, the legend stays in the corner the fit left room for.
    fitted_view: Option<(f64, (f64, f64))>,
    /// What the pointer was over in the last frame.
    pub hovered: MapHit,
    /// The markers and clusters as drawn in the last frame.
    pub marker_layout: MarkerLayout,
    /// The basemap under the countries (outlines only by default).
    pub basemap: Basemap,
    /// The tile layer for an online basemap, created on the next frame after a switch.
    pub tiles: Option<TileLayer>,
    /// Why the chosen basemap could not be used.
    pub tiles_error: Option<String>,
    /// Where tiles are cached on disk (`None`: no cache).
    pub tile_cache: Option<PathBuf>,
    lod: LodSet,
    borders: BorderCache,
    clusters: ClusterCache,
    country_mesh: crate::map::CountryMesh,
    /// Stations in world coordinates, for the model's data version.
    station_world: (Vec<egui::Pos2>, Option<u64>),
    /// The choropleth classes of the shown counts, for the model's shown version.
    classes: (ChoroplethClasses, Option<u64>),
    /// Fill per country, for (dark theme, the model's shown version).
    fills: (Vec<Color32>, Option<(bool, u64)>),
    /// The labels on the map, placed once per view.
    labels: LiveLabels,
    /// Status class per station as shown (at the timeline's date), and the rings of changes.
    status: MarkerStatus,
}

impl MapScene {
    /// A scene over `model`'s outlines, at the default view, offline.
    pub fn new(model: &Model) -> Self {
        Self {
            view: MapView::default(),
            pending_fit: None,
            legend_rect: None,
            legend_corner: crate::map::Corner::default(),
            fitted_view: None,
            hovered: MapHit::Nothing,
            marker_layout: MarkerLayout::default(),
            basemap: Basemap::OutlinesOnly,
            tiles: None,
            tiles_error: None,
            tile_cache: crate::map::tiles::default_cache_dir(),
            lod: LodSet::spawn(model.outlines().clone()),
            borders: BorderCache::default(),
            clusters: ClusterCache::default(),
            country_mesh: Default::default(),
            station_world: (Vec::new(), None),
            classes: (ChoroplethClasses::default(), None),
            fills: (Vec::new(), None),
            labels: LiveLabels::default(),
            status: MarkerStatus::default(),
        }
    }

    /// Builds every level of detail now instead of waiting for the background builder
    /// (benchmarks measure the steady state this way).
    pub fn build_levels_of_detail_now(&mut self, model: &Model) {
        self.lod = LodSet::build_all(model.outlines());
    }

    /// Switches the basemap; the tile layer is (re)created on the next frame.
    pub fn set_basemap(&mut self, basemap: Basemap) {
        if basemap != self.basemap {
            self.basemap = basemap;
            self.tiles = None;
            self.tiles_error = None;
        }
    }

    /// Creates the tile layer for the chosen basemap if it is missing; returns a warning about
    /// the cache directory if it cannot be used.
    pub fn tiles_step(&mut self, ctx: &egui::Context) -> Option<String> {
        let wanted = self.basemap.is_online() && self.tiles_error.is_none();
        if !wanted {
            self.tiles = None;
            return None;
        }
        if self
            .tiles
            .as_ref()
            .is_some_and(|t| t.basemap() == &self.basemap)
        {
            return None;
        }
        let mut warning = None;
        let cache = self
            .tile_cache
            .clone()
            .filter(|dir| match crate::map::tiles::check_cache_dir(dir) {
                Ok(()) => true,
                Err(err) => {
                    warning = Some(err.to_string());
                    false
                }
            });
        match TileLayer::new(&self.basemap, ctx, cache) {
            Ok(layer) => self.tiles = layer,
            Err(err) => {
                log::warn!("{err}");
                self.tiles = None;
                self.tiles_error = Some(err.to_string());
            }
        }
        warning
    }

    /// Empties the tile cache; returns the outcome for the user.
    pub fn clear_tile_cache(&mut self) -> String {
        let result = match (&mut self.tiles, &self.tile_cache) {
            (Some(layer), _) => layer.clear_cache(),
            (None, Some(dir)) => crate::map::tiles::clear_cache(dir),
            (None, None) => Ok(()),
        };
        match result {
            Ok(()) => "Tile cache cleared".to_owned(),
            Err(err) => format!("Could not clear the tile cache: {err}"),
        }
    }

    /// Whether every tile visible in the last frame has arrived or failed.
    pub fn tiles_settled(&self) -> bool {
        self.tiles
            .as_ref()
            .is_none_or(TileLayer::visible_tiles_settled)
    }

    /// Whether the map drawn is final: its visible tiles have arrived or failed, and the level of
    /// detail for this zoom is built (until then coarser or full-detail outlines stand in, whose
    /// edges differ by a pixel here and there). A screenshot waits for this.
    pub fn settled(&self) -> bool {
        self.tiles_settled() && self.lod.has_level_for(self.view.memory.zoom())
    }

    /// Asks the builder for the level of detail of the view as it is (the whole world, before
    /// any remembered view or fit): started before the window opens, it is ready sooner.
    pub fn prefetch_level_of_detail(&mut self) {
        let _ = self.lod.for_zoom(self.view.memory.zoom());
    }

    /// Waits, at most `timeout`, for the level of detail of the view's zoom if it was asked for
    /// ([`Self::prefetch_level_of_detail`]); returns whether it is built.
    pub fn wait_for_level_of_detail(&mut self, timeout: std::time::Duration) -> bool {
        self.lod.wait_for(self.view.memory.zoom(), timeout)
    }

    /// The levels of detail asked for so far (built in the background on demand), coarsest
    /// first.
    pub fn levels_of_detail_requested(&self) -> Vec<u8> {
        self.lod.requested()
    }

    /// The labels drawn on the map in the last frame.
    pub fn labels(&self) -> Vec<crate::map::MapLabel> {
        self.labels.labels().collect()
    }

    /// How many times the map's labels were placed (not drawn) since the scene began.
    pub fn label_placements(&self) -> u64 {
        self.labels.placements()
    }

    /// Where the legend was drawn last frame, if it is shown.
    pub fn legend_rect(&self) -> Option<egui::Rect> {
        self.legend_rect
    }

    /// Fits the map to a country's main part (for Russia or Fiji, not a box around the world)
    /// and every one of its shown stations (Portugal's main part with Madeira's station), in the
    /// part of the map the legend leaves free.
    pub fn zoom_to_country(&mut self, model: &Model, iso2: &str) {
        let Some(country) = model.outlines().get(iso2) else {
            return;
        };
        let stations = model.data().stations();
        let bounds = model
            .shown()
            .stations
            .iter()
            .filter_map(|&i| stations.get(i))
            .filter(|s| s.country == iso2)
            .fold(country.main_bounds, |bounds, s| {
                let (x, y) = crate::geo::world_from_lonlat(s.location.lon, s.location.lat);
                bounds.union(egui::Rect::from_center_size(
                    egui::pos2(x as f32, y as f32),
                    egui::Vec2::ZERO,
                ))
            });
        self.view.fit_world_rect(bounds, self.legend_rect);
        self.fitted_view = Some(self.view_now());
    }

    /// The zoom and centre now.
    fn view_now(&self) -> (f64, (f64, f64)) {
        let c = self.view.center();
        (self.view.memory.zoom(), (c.x(), c.y()))
    }

    /// Centres the map on a station, zoomed no closer than its location's precision allows: a
    /// street for an address, a city for a city, a region for a region; a station known only by
    /// its country shows the whole country, so no zoom suggests more than the data has.
    pub fn zoom_to_station(&mut self, model: &Model, index: usize) {
        use crate::data::Precision;
        let Some(station) = model.data().stations().get(index) else {
            return;
        };
        let zoom = match station.location.precision {
            Precision::Address => 11.0,
            Precision::District => 10.0,
            Precision::City => 8.0,
            Precision::Region => 6.0,
            Precision::Country => {
                self.zoom_to_country(model, &station.country);
                return;
            }
        };
        self.view.set_zoom(zoom);
        self.view
            .memory
            .center_at(walkers::lon_lat(station.location.lon, station.location.lat));
        self.view.clamp();
    }

    /// Zooms in on a cluster until its members separate: at least one level deeper, or enough to
    /// fit their extent.
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

    /// The status class the marker of station `index` shows, as last drawn.
    pub fn marker_status(&self, index: usize) -> Option<StatusClass> {
        self.status.class_of(index)
    }

    /// Stations ringed as changed by the last step of the timeline's date (while the ring fades).
    pub fn ringed_stations(&self) -> &[usize] {
        self.status.ringed()
    }

    /// Draws the map with its layers, legend and overlays; returns what a click asked for.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        model: &Model,
        show_legend: bool,
        legend_collapsed: &mut bool,
        style: &MapStyle,
        out: &mut Commands,
    ) {
        // The rectangle the map will take; known before walkers allocates it so the zoom and
        // centre can be clamped for this frame's size.
        self.view.rect = ui.available_rect_before_wrap();
        // A fit asked for at start waits one frame for the legend, so that it can leave it room.
        if show_legend && self.legend_rect.is_none() && self.pending_fit.is_some() {
            ui.ctx().request_repaint();
        } else if let Some(iso) = self.pending_fit.take() {
            self.zoom_to_country(model, &iso);
        }
        self.view.clamp();

        let data = model.data();
        let outlines = model.outlines();
        if self.station_world.1 != Some(model.data_version())
            || self.station_world.0.len() != data.stations().len()
        {
            self.station_world = (
                station_world_positions(data.stations()),
                Some(model.data_version()),
            );
        }
        if self.classes.1 != Some(model.shown_version()) {
            self.classes = (
                ChoroplethClasses::of_model(model),
                Some(model.shown_version()),
            );
        }
        let fills_key = Some((ui.visuals().dark_mode, model.shown_version()));
        if self.fills.1 != fills_key {
            let classes = &self.classes.0;
            self.fills = (
                (0..outlines.countries.len())
                    .map(|i| style.fill_for(classes, model.count_at(i)))
                    .collect(),
                fills_key,
            );
        }

        self.status.update(model, ui.input(|i| i.time));

        let projector = self.view.projector();
        let transform = WorldTransform::from_projector(&projector);
        let cluster_px = if self.view.memory.zoom() >= MAX_ZOOM - 0.01 {
            0.0
        } else {
            CLUSTER_PX
        };
        let mut layout = std::mem::take(&mut self.marker_layout);
        self.clusters.layout_into(
            data.stations(),
            &self.station_world.0,
            &model.shown().stations,
            model.shown_version(),
            self.view.memory.zoom(),
            &transform,
            self.view.rect,
            cluster_px,
            &mut layout,
        );
        // While a fit waits for the legend, this frame's zoom is about to change: its level of
        // detail is not asked for (the builder would make it before the one the fit needs) and
        // the countries are not drawn (at full detail, as no level is built yet, the slowest
        // frame there is, for a picture replaced by the next frame).
        let fit_pending = self.pending_fit.is_some();
        self.lod.wake(ui.ctx());
        self.lod.poll();
        let lod = if fit_pending {
            None
        } else {
            self.lod.for_zoom(self.view.memory.zoom())
        };
        let fallback_borders = (lod.is_none() && !fit_pending)
            .then(|| self.borders.level(outlines, self.view.memory.zoom()));

        let selected_country = model
            .selection()
            .country
            .as_deref()
            .and_then(|iso| outlines.index_of(iso));
        let highlighted = model.selected_station();
        let hovered = self.hovered;

        // Over a working basemap the countries are translucent; with tiles unavailable the
        // outline map looks exactly as it does offline.
        let tiles_on = self
            .tiles
            .as_ref()
            .is_some_and(|t| !matches!(t.status(), TileStatus::Unavailable { .. }));
        ui.painter().rect_filled(self.view.rect, 0.0, style.ocean);
        let countries = CountriesLayer {
            outlines,
            fills: &self.fills.0,
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
            weak: data.weak_stations(),
            status: self.status.classes(),
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
            // walkers' default (2.0) zooms about 1.4 levels per wheel notch; half is closer to
            // the one level a notch of other map apps, and keeps the user where they were.
            .zoom_speed(1.0)
            .double_click_to_zoom(true);
        let map = if fit_pending {
            map
        } else {
            map.with_plugin(countries)
        };
        let map = map.with_plugin(stations);
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
                if let Some(station) = data.stations().get(i) {
                    let text = ui::tooltip::station_text(model, station);
                    map_response.clone().on_hover_text_at_pointer(text);
                }
            }
            MapHit::Country(i) => {
                let iso = &outlines.countries[i].iso2;
                let text = ui::tooltip::country_text(model.country_name(iso), model.count_at(i));
                map_response.clone().on_hover_text_at_pointer(text);
            }
            MapHit::Cluster(k) => {
                if let Some(cluster) = layout.clusters.get(k) {
                    let text = ui::tooltip::cluster_text(data, &cluster.members);
                    map_response.clone().on_hover_text_at_pointer(text);
                }
            }
            MapHit::Nothing => {}
        }
        if let Some(hit) = click {
            match hit {
                MapHit::Station(i) => out.push(Command::SelectStation(i)),
                MapHit::Cluster(k) => {
                    if let Some(cluster) = layout.clusters.get(k) {
                        self.zoom_into_cluster(cluster.world_bounds);
                    }
                }
                MapHit::Country(i) => {
                    let iso = outlines.countries[i].iso2.clone();
                    out.push(Command::SelectCountry(Some(iso)));
                }
                MapHit::Nothing => out.push(Command::SelectCountry(None)),
            }
            // The side panel was drawn before the map this frame; show the new selection now.
            ui.ctx().request_repaint();
        }
        if self.view.clamp() {
            ui.ctx().request_repaint();
        }
        self.status
            .draw_rings(ui, &ui.painter_at(self.view.rect), &layout, style);
        // Over the markers, under the legend (an area above the map), avoiding both.
        self.labels.update(
            ui.ctx(),
            model,
            &transform,
            map_response.rect,
            &layout,
            self.legend_rect,
            tiles_on,
        );
        self.labels
            .draw(&ui.painter_at(map_response.rect), ui.visuals().dark_mode);
        if self.labels.placed_now()
            && self.fitted_view != Some(self.view_now())
            && let Some(legend) = self.legend_rect
        {
            self.legend_corner = ui::legend::least_covering_corner(
                self.legend_corner,
                legend.size(),
                map_response.rect,
                &layout,
                tiles_on,
            );
        }
        let legend_before = self.legend_rect;
        self.legend_rect = ui::legend::show(
            ui,
            show_legend,
            legend_collapsed,
            self.legend_corner,
            style,
            &self.classes.0,
            map_response.rect,
        );
        if self.legend_rect != legend_before {
            // Labels placed this frame avoided where the legend was; place them again.
            ui.ctx().request_repaint();
        }
        ui::legend::tiles_overlay(
            ui,
            self.tiles.as_ref(),
            self.tiles_error.as_deref(),
            style,
            map_response.rect,
            out,
        );
        if model.shown().stations.is_empty() && model.filters().is_active() {
            no_match_notice(ui, map_response.rect, out);
        }
        self.marker_layout = layout;
    }
}

/// On an empty map the filters, not the data, are why: say so, with the way out.
fn no_match_notice(ui: &Ui, map_rect: egui::Rect, out: &mut Commands) {
    egui::Area::new(egui::Id::unique("no-match"))
        .pivot(egui::Align2::CENTER_TOP)
        .fixed_pos(map_rect.center_top() + egui::vec2(0.0, 40.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label("No stations match the filters.");
                    if ui.button("Reset filters").clicked() {
                        out.push(Command::SetFilters(crate::data::Filters::default()));
                    }
                });
            });
        });
}

//! What the app remembers between runs: the [`Settings`] it hands eframe's storage, and how
//! stored settings are applied at start (each field checked on its own, so one bad value costs
//! only that value).

use crate::data::{DataSource, Filters};
use crate::settings::Settings;

use super::App;

impl App {
    /// The settings to remember.
    pub fn settings(&self) -> Settings {
        let center = self.scene.view.center();
        Settings {
            center: Some((center.x(), center.y())),
            zoom: Some(self.scene.view.memory.zoom()),
            filters: Filters {
                as_of: None,
                ..self.model.filters().clone()
            },
            show_legend: Some(self.ui_state.show_legend),
            legend_collapsed: Some(self.ui_state.legend_collapsed),
            data_file: match &self.model.data().origin {
                DataSource::File(path) => Some(path.clone()),
                DataSource::Embedded => None,
            },
            basemap: Some(self.scene.basemap.clone()),
            panel_width: (self.ui_state.panel_width > 0.0).then_some(self.ui_state.panel_width),
        }
    }

    /// Applies remembered settings. The data file is reopened only if `with_data_file`.
    pub fn apply_settings(&mut self, settings: &Settings, with_data_file: bool) {
        let view = &mut self.scene.view;
        if let Some(zoom) = settings.zoom.filter(|z| z.is_finite()) {
            view.set_zoom(zoom);
        }
        if let Some((lon, lat)) = settings
            .center
            .filter(|(x, y)| x.is_finite() && y.is_finite())
        {
            view.memory.center_at(walkers::lon_lat(
                lon.clamp(-180.0, 180.0),
                lat.clamp(-85.0, 85.0),
            ));
        }
        view.clamp();
        self.model.set_filters(settings.filters.clone());
        if let Some(show) = settings.show_legend {
            self.ui_state.show_legend = show;
        }
        if let Some(collapsed) = settings.legend_collapsed {
            self.ui_state.legend_collapsed = collapsed;
        }
        if let Some(basemap) = &settings.basemap {
            self.scene.set_basemap(basemap.clone());
        }
        self.ui_state.restore_panel_width = settings.panel_width();
        if with_data_file && let Some(path) = &settings.data_file {
            self.open_data_file(path.clone());
        }
    }

    /// Restores settings from their stored text; unreadable settings are ignored with a notice.
    pub fn restore_settings(&mut self, text: &str, with_data_file: bool) {
        match Settings::from_json(text) {
            Ok(settings) => self.apply_settings(&settings, with_data_file),
            Err(err) => self.notices.warn(err.to_string()),
        }
    }
}

//! What the app remembers between runs: map view, filters, legend, last data file, basemap,
//! the side panel's width.
//! Stored as JSON through eframe's storage (the window size is eframe's own).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::data::Filters;

/// The key under which the settings are stored.
pub const STORAGE_KEY: &str = "overseas-stations-settings";

/// Remembered settings. Every field has a default, so settings from an older version load.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Map centre (lon, lat).
    pub center: Option<(f64, f64)>,
    /// Map zoom.
    pub zoom: Option<f64>,
    /// Filters (the timeline date is not remembered).
    pub filters: Filters,
    /// Whether the legend is shown.
    pub show_legend: Option<bool>,
    /// Whether the legend is folded to a small button. Anything but a boolean reads as unset,
    /// so a damaged value costs only this field, not every setting.
    #[serde(deserialize_with = "bool_or_unset")]
    pub legend_collapsed: Option<bool>,
    /// The data file last used, if not the embedded one.
    pub data_file: Option<PathBuf>,
    /// The basemap under the countries.
    pub basemap: Option<crate::map::tiles::Basemap>,
    /// The side panel's width in points; bounded when read back
    /// ([`Settings::panel_width`]), and again by the window it is shown in.
    pub panel_width: Option<f32>,
}

/// A boolean, or `None` for any other JSON value (a string, a number, an object, null).
fn bool_or_unset<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(serde_json::Value::deserialize(d)?.as_bool())
}

/// Stored settings that are not JSON of the expected shape (a field of the wrong type is not
/// this: it falls back to its default alone).
#[derive(Debug, thiserror::Error)]
#[error("the saved settings are unreadable ({0}); using defaults")]
pub struct SettingsError(#[from] serde_json::Error);

impl Settings {
    /// Parses stored settings; a corrupt blob gives an error that says so.
    pub fn from_json(text: &str) -> Result<Self, SettingsError> {
        Ok(serde_json::from_str(text)?)
    }

    /// The remembered side-panel width, if it is a width at all: not a NaN or an infinity, and
    /// within what any window could give the panel.
    pub fn panel_width(&self) -> Option<f32> {
        use crate::ui::side_panel::{MAX_REMEMBERED_WIDTH, MIN_WIDTH};
        self.panel_width
            .filter(|w| w.is_finite())
            .map(|w| w.clamp(MIN_WIDTH, MAX_REMEMBERED_WIDTH))
    }

    /// Serialises for storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_fold_round_trips_and_a_damaged_value_costs_only_itself() {
        let settings = Settings {
            legend_collapsed: Some(true),
            zoom: Some(3.0),
            ..Settings::default()
        };
        let back = Settings::from_json(&settings.to_json()).unwrap();
        assert_eq!(back, settings);
        for hostile in [r#""yes""#, "1", "null", r#"{"a":[1,2]}"#] {
            let text = format!(r#"{{"zoom":3.0,"legend_collapsed":{hostile}}}"#);
            let read = Settings::from_json(&text).unwrap();
            assert_eq!(read.legend_collapsed, None, "{hostile}");
            assert_eq!(read.zoom, Some(3.0), "{hostile}");
        }
    }
}

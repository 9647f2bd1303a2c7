//! Colours of the map: ocean, land, borders, the choropleth classes, selection and hover.

use egui::{Color32, Stroke};

use crate::data::StatusClass;

/// Upper bounds (inclusive) of the choropleth classes by number of stations; the last is open.
pub const CHOROPLETH_CLASSES: [(usize, usize); 5] =
    [(1, 1), (2, 3), (4, 6), (7, 10), (11, usize::MAX)];

/// The choropleth class of a station count, or `None` for countries without stations.
pub fn choropleth_class(count: usize) -> Option<usize> {
    CHOROPLETH_CLASSES
        .iter()
        .position(|&(lo, hi)| (lo..=hi).contains(&count))
}

/// Colours for one theme.
#[derive(Clone, Debug)]
pub struct MapStyle {
    /// Behind everything.
    pub ocean: Color32,
    /// Countries without reported stations.
    pub land: Color32,
    /// One colour per [`CHOROPLETH_CLASSES`] entry, light to dark.
    pub classes: [Color32; 5],
    /// Borders between countries.
    pub border: Stroke,
    /// Outline of the selected country.
    pub selected_border: Stroke,
    /// Outline of the hovered country.
    pub hovered_border: Stroke,
    /// Station markers.
    pub marker_fill: Color32,
    /// Outline of station markers.
    pub marker_stroke: Stroke,
    /// The highlighted station.
    pub marker_highlight: Color32,
    /// Count on a cluster marker.
    pub cluster_text: Color32,
    /// Text drawn on the map (attribution).
    pub text: Color32,
    /// Marker fill per status class, in [`StatusClass::ALL`]'s order.
    pub status: [Color32; 7],
}

impl MapStyle {
    /// Colours for a light or dark UI.
    pub fn new(dark: bool) -> Self {
        if dark {
            Self {
                ocean: Color32::from_rgb(22, 34, 48),
                land: Color32::from_rgb(58, 62, 68),
                classes: [
                    Color32::from_rgb(120, 86, 60),
                    Color32::from_rgb(158, 96, 52),
                    Color32::from_rgb(196, 104, 44),
                    Color32::from_rgb(226, 110, 40),
                    Color32::from_rgb(250, 140, 60),
                ],
                border: Stroke::new(0.7, Color32::from_rgb(24, 26, 30)),
                selected_border: Stroke::new(2.5, Color32::from_rgb(110, 200, 255)),
                hovered_border: Stroke::new(1.5, Color32::from_rgb(200, 200, 200)),
                marker_fill: Color32::from_rgb(255, 226, 120),
                marker_stroke: Stroke::new(1.5, Color32::from_rgb(20, 20, 20)),
                marker_highlight: Color32::from_rgb(110, 200, 255),
                cluster_text: Color32::from_gray(20),
                text: Color32::from_gray(200),
                // Okabe–Ito hues (told apart with the common colour-vision deficiencies), with
                // the old yellow for "reported only", so an unchanged station looks as before.
                status: [
                    Color32::from_rgb(255, 226, 120),
                    Color32::from_rgb(86, 180, 233),
                    Color32::from_rgb(204, 121, 167),
                    Color32::from_rgb(0, 158, 115),
                    Color32::from_rgb(240, 240, 240),
                    Color32::from_rgb(140, 140, 140),
                    Color32::from_rgb(0, 114, 178),
                ],
            }
        } else {
            Self {
                ocean: Color32::from_rgb(190, 214, 232),
                land: Color32::from_rgb(236, 233, 226),
                classes: [
                    Color32::from_rgb(253, 212, 158),
                    Color32::from_rgb(253, 187, 132),
                    Color32::from_rgb(252, 141, 89),
                    Color32::from_rgb(227, 74, 51),
                    Color32::from_rgb(179, 0, 0),
                ],
                border: Stroke::new(0.7, Color32::from_rgb(120, 120, 120)),
                selected_border: Stroke::new(2.5, Color32::from_rgb(20, 80, 200)),
                hovered_border: Stroke::new(1.5, Color32::from_rgb(60, 60, 60)),
                marker_fill: Color32::from_rgb(40, 40, 40),
                marker_stroke: Stroke::new(1.5, Color32::WHITE),
                marker_highlight: Color32::from_rgb(20, 110, 255),
                cluster_text: Color32::WHITE,
                text: Color32::from_gray(40),
                status: [
                    Color32::from_rgb(40, 40, 40),
                    Color32::from_rgb(0, 114, 178),
                    Color32::from_rgb(204, 121, 167),
                    Color32::from_rgb(0, 158, 115),
                    Color32::from_rgb(230, 159, 0),
                    Color32::from_rgb(130, 130, 130),
                    Color32::from_rgb(86, 180, 233),
                ],
            }
        }
    }

    /// Marker fill of a station whose status falls in `class`.
    pub fn status_fill(&self, class: StatusClass) -> Color32 {
        let i = StatusClass::ALL
            .iter()
            .position(|c| *c == class)
            .unwrap_or(0);
        self.status[i]
    }

    /// Fill colour of a country with `count` stations.
    pub fn fill_for(&self, count: usize) -> Color32 {
        choropleth_class(count).map_or(self.land, |class| self.classes[class])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_positive_count_has_exactly_one_class() {
        assert_eq!(choropleth_class(0), None);
        assert_eq!(choropleth_class(1), Some(0));
        assert_eq!(choropleth_class(3), Some(1));
        assert_eq!(choropleth_class(9), Some(3));
        assert_eq!(choropleth_class(500), Some(4));
    }
}

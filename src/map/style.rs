//! Colours of the map: ocean, land, borders, the choropleth classes, selection and hover.

use egui::{Color32, Stroke};

use super::classes::{ChoroplethClasses, MAX_CLASSES};
use crate::data::StatusClass;

/// Colours for one theme.
#[derive(Clone, Debug, PartialEq)]
pub struct MapStyle {
    /// Behind everything.
    pub ocean: Color32,
    /// Countries without reported stations.
    pub land: Color32,
    /// The choropleth ramp, weak to strong (lightness steps of at least 15 CIELAB ΔE, also from
    /// `land`); fewer classes take colours spread over it ([`MapStyle::class_fill`]).
    pub classes: [Color32; MAX_CLASSES],
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
                // Dim to bright on the dark land: more stations, more light.
                classes: [
                    Color32::from_rgb(98, 70, 50),
                    Color32::from_rgb(140, 84, 42),
                    Color32::from_rgb(190, 104, 36),
                    Color32::from_rgb(232, 140, 48),
                    Color32::from_rgb(255, 196, 110),
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
                    Color32::from_rgb(254, 217, 142),
                    Color32::from_rgb(254, 178, 76),
                    Color32::from_rgb(240, 125, 50),
                    Color32::from_rgb(208, 70, 30),
                    Color32::from_rgb(150, 30, 10),
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

    /// Fill of class `i` of `classes`: with fewer classes than the ramp has colours, they are
    /// spread over it (two classes take its ends), so neighbours stay as far apart as possible.
    pub fn class_fill(&self, classes: &ChoroplethClasses, i: usize) -> Color32 {
        self.classes[ramp_index(classes.len(), i)]
    }

    /// Fill colour of a country with `count` stations, in `classes`.
    pub fn fill_for(&self, classes: &ChoroplethClasses, count: usize) -> Color32 {
        classes
            .class_of(count)
            .map_or(self.land, |i| self.class_fill(classes, i))
    }
}

/// Which ramp colour class `i` of `n` takes.
fn ramp_index(n: usize, i: usize) -> usize {
    let last = MAX_CLASSES - 1;
    match n {
        0 | 1 => last / 2,
        n if n >= MAX_CLASSES => i.min(last),
        n => ((i * last) as f32 / (n - 1) as f32).round() as usize,
    }
    .min(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CIELAB (D65) of an sRGB colour.
    fn lab(c: Color32) -> [f32; 3] {
        let lin = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.040_45 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let (r, g, b) = (lin(c.r()), lin(c.g()), lin(c.b()));
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
        let f = |t: f32| {
            if t > 0.008_856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    /// CIE76 colour difference.
    fn delta_e(a: Color32, b: Color32) -> f32 {
        let (a, b) = (lab(a), lab(b));
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }

    #[test]
    fn neighbouring_fills_are_clearly_different_in_both_themes_for_any_number_of_classes() {
        for dark in [false, true] {
            let style = MapStyle::new(dark);
            for n in 1..=MAX_CLASSES {
                let counts: Vec<usize> = (1..=n).collect();
                let classes = ChoroplethClasses::from_counts(counts);
                let mut previous = style.land;
                let mut last_lightness = lab(style.land)[0];
                for i in 0..n {
                    let fill = style.class_fill(&classes, i);
                    let d = delta_e(previous, fill);
                    assert!(d >= 15.0, "dark {dark}, {n} classes, class {i}: ΔE {d}");
                    // Lightness runs one way (darker in the light theme, lighter in the dark),
                    // so the order reads without the legend.
                    let l = lab(fill)[0];
                    if i > 0 {
                        assert_eq!(l > last_lightness, dark, "dark {dark}, class {i}");
                    }
                    last_lightness = l;
                    previous = fill;
                }
            }
        }
    }

    #[test]
    fn the_old_dark_neighbours_would_fail_the_check() {
        // 4–6 and 7–10 of the old dark ramp, which looked the same: the check can fail.
        let d = delta_e(
            Color32::from_rgb(196, 104, 44),
            Color32::from_rgb(226, 110, 40),
        );
        assert!(d < 15.0, "{d}");
    }

    #[test]
    fn a_country_without_stations_keeps_the_land_colour() {
        let style = MapStyle::new(false);
        let classes = ChoroplethClasses::from_counts([1, 2, 9]);
        assert_eq!(style.fill_for(&classes, 0), style.land);
        assert_eq!(style.fill_for(&classes, 1), style.classes[0]);
        assert_eq!(style.fill_for(&classes, 9), style.classes[MAX_CLASSES - 1]);
    }
}

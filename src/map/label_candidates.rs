//! Which labels the map would like to show, for the live map and the map picture alike: country
//! names at Natural Earth's label points (countries with shown stations first, however small,
//! the selected one before all), and station cities beside their markers. The placer
//! ([`super::labels::place_labels`]) then keeps those that fit.

use egui::{Pos2, Rect};

use super::WorldTransform;
use super::labels::{LabelCandidate, LabelKind, text_size};
use super::picture::one_line;
use crate::state::Model;

/// Screen units within which two marker points with the same city name are one place.
const SAME_PLACE: f32 = 80.0;

/// Font sizes of the labels, in the units of the map they are placed on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelSizes {
    /// A country with shown stations.
    pub country_with_stations: f32,
    /// A country without.
    pub country: f32,
    /// A station's city.
    pub city: f32,
}

/// A marker a city label may name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MarkerPoint {
    /// Index into the data set's stations.
    pub station: usize,
    /// Where the marker is drawn.
    pub pos: Pos2,
    /// Its true (shared) point; differs from `pos` when fanned out.
    pub anchor: Pos2,
}

/// The candidates, with whether each is drawn stronger (a country with shown stations, or a
/// station's city).
#[derive(Clone, Debug, Default)]
pub struct Candidates {
    /// The labels that would like a place.
    pub labels: Vec<LabelCandidate>,
    /// Per label: drawn stronger.
    pub strong: Vec<bool>,
}

/// Country names whose label point is in `map_rect`, and one city label per marker point (the
/// cities of stations fanned out around one point are named together). A country without shown
/// stations is named only where its name fits inside it; `clearance` is half the side of the box
/// a marker keeps clear, which a city label stays outside.
pub fn label_candidates(
    model: &Model,
    transform: &WorldTransform,
    map_rect: Rect,
    markers: &[MarkerPoint],
    sizes: LabelSizes,
    clearance: f32,
) -> Candidates {
    let selected = model.selection().country.as_deref();
    let mut out = Candidates::default();
    for (i, country) in model.outlines().countries.iter().enumerate() {
        let anchor = transform.apply(country.label_world);
        if !map_rect.contains(anchor) {
            continue;
        }
        let count = model.count_at(i);
        let is_selected = selected == Some(country.iso2.as_str());
        let font_size = if count > 0 || is_selected {
            sizes.country_with_stations
        } else {
            sizes.country
        };
        let extent = transform.apply_rect(country.main_bounds);
        let name = model.country_name(&country.iso2);
        // Checked on the estimate before the name is copied: most countries at world zoom fail.
        if count == 0 && !is_selected && extent.width() < 0.8 * text_size(name, font_size).x {
            continue;
        }
        let priority = if is_selected {
            10_000.0
        } else if count > 0 {
            1_000.0 + count as f32
        } else {
            extent.area().sqrt().min(400.0)
        };
        out.strong.push(count > 0 || is_selected);
        out.labels.push(LabelCandidate {
            text: one_line(name),
            anchor,
            priority,
            font_size,
            kind: LabelKind::Area,
        });
    }
    // One city label per point (stations sharing a point are fanned out around it).
    let mut points: Vec<(Pos2, f32, Vec<String>, bool)> = Vec::new();
    for m in markers {
        let Some(station) = model.data().stations().get(m.station) else {
            continue;
        };
        let spread = (m.pos - m.anchor).length();
        // The place only: a parenthesis in the data explains it (the side panel shows it all).
        let city = one_line(&station.city);
        let city = city
            .split(" (")
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        if city.is_empty() {
            continue;
        }
        match points.iter_mut().find(|p| p.0 == m.anchor) {
            Some(p) => {
                p.1 = p.1.max(spread);
                if !p.2.contains(&city) {
                    p.2.push(city);
                }
            }
            None => points.push((
                m.anchor,
                spread,
                vec![city],
                selected == Some(station.country.as_str()),
            )),
        }
    }
    let mut named: Vec<(Pos2, String)> = Vec::new();
    for (anchor, spread, cities, in_selected) in points {
        let text = cities.join(", ");
        // Two points of one city (two districts of Budapest) are named once, not twice side by
        // side: the name reads as the place of both markers.
        if named
            .iter()
            .any(|(at, t)| *t == text && at.distance(anchor) < SAME_PLACE)
        {
            continue;
        }
        named.push((anchor, text.clone()));
        out.strong.push(true);
        out.labels.push(LabelCandidate {
            text,
            anchor,
            priority: if in_selected { 5_000.0 } else { 500.0 },
            font_size: sizes.city,
            kind: LabelKind::Point {
                gap: spread + clearance + 3.0,
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{DataSet, DataSource, EMBEDDED_DATA, parse_str};
    use crate::geo::Outlines;

    #[test]
    fn two_points_of_one_city_are_named_once() {
        let data = DataSet::new(
            parse_str(EMBEDDED_DATA, "embedded").unwrap(),
            DataSource::Embedded,
        );
        let model = Model::new(data, std::sync::Arc::new(Outlines::embedded().unwrap()));
        let budapest: Vec<usize> = model
            .data()
            .stations()
            .iter()
            .enumerate()
            .filter(|(_, s)| s.id.starts_with("hu-budapest"))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(budapest.len(), 2, "two districts of Budapest in the data");
        let markers: Vec<MarkerPoint> = budapest
            .iter()
            .enumerate()
            .map(|(k, &station)| {
                let at = Pos2::new(400.0 + 30.0 * k as f32, 300.0);
                MarkerPoint {
                    station,
                    pos: at,
                    anchor: at,
                }
            })
            .collect();
        let transform = WorldTransform {
            center_world: (128.0, 128.0),
            center_screen: Pos2::new(400.0, 300.0),
            scale: 1.0,
        };
        let sizes = LabelSizes {
            country_with_stations: 13.0,
            country: 10.0,
            city: 11.0,
        };
        let rect = Rect::from_min_size(Pos2::ZERO, egui::vec2(800.0, 600.0));
        let candidates = label_candidates(&model, &transform, rect, &markers, sizes, 10.0);
        let named = candidates
            .labels
            .iter()
            .filter(|c| c.text == "Budapest")
            .count();
        assert_eq!(named, 1);
    }
}

//! The stations layer: one marker per station, shaped by location precision; stations that
//! share coordinates fan out around their common point so each can be seen and clicked.

use std::collections::HashMap;

use egui::{Color32, Painter, Pos2, Response, Shape, Stroke, Ui, Vec2};
use walkers::{MapMemory, Plugin, Projector};

use super::style::MapStyle;
use super::view::WorldTransform;
use crate::data::{Precision, Station};
use crate::geo::world_from_lonlat;

/// Radius of a marker in screen points.
pub const MARKER_RADIUS: f32 = 5.0;

/// A station's marker as drawn this frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedMarker {
    /// Index into the data set's stations.
    pub station: usize,
    /// Where the marker is drawn.
    pub pos: Pos2,
    /// The station's true (shared) position; differs from `pos` when fanned out.
    pub anchor: Pos2,
    /// How precisely the location is known.
    pub precision: Precision,
}

/// Where every shown station's marker goes this frame.
#[derive(Clone, Debug, Default)]
pub struct MarkerLayout {
    /// The markers, in drawing order.
    pub markers: Vec<PlacedMarker>,
}

impl MarkerLayout {
    /// Lays out the stations with the given indices.
    pub fn new(stations: &[Station], shown: &[usize], transform: &WorldTransform) -> Self {
        let mut groups: HashMap<(u64, u64), Vec<usize>> = HashMap::new();
        let mut order = Vec::new();
        for &i in shown {
            let Some(station) = stations.get(i) else {
                continue;
            };
            let key = (
                station.location.lat.to_bits(),
                station.location.lon.to_bits(),
            );
            let group = groups.entry(key).or_default();
            if group.is_empty() {
                order.push(key);
            }
            group.push(i);
        }
        let mut markers = Vec::with_capacity(shown.len());
        for key in order {
            let members = &groups[&key];
            let first = &stations[members[0]];
            let (x, y) = world_from_lonlat(first.location.lon, first.location.lat);
            let anchor = transform.apply(Pos2::new(x as f32, y as f32));
            let n = members.len();
            // Spread the members on a circle whose circumference fits them with a little gap.
            let radius = if n == 1 {
                0.0
            } else {
                (n as f32 * (2.0 * MARKER_RADIUS + 3.0) / std::f32::consts::TAU).max(9.0)
            };
            for (k, &i) in members.iter().enumerate() {
                let angle =
                    -std::f32::consts::FRAC_PI_2 + k as f32 * std::f32::consts::TAU / n as f32;
                let pos = anchor + radius * Vec2::angled(angle);
                markers.push(PlacedMarker {
                    station: i,
                    pos,
                    anchor,
                    precision: stations[i].location.precision,
                });
            }
        }
        Self { markers }
    }

    /// The station whose marker is nearest to `pos`, within `reach` points.
    pub fn hit(&self, pos: Pos2, reach: f32) -> Option<usize> {
        self.markers
            .iter()
            .map(|m| (m.station, m.pos.distance(pos)))
            .filter(|&(_, d)| d <= reach)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }
}

/// Draws the precision symbol used by markers and the legend.
pub fn draw_precision_symbol(
    painter: &Painter,
    center: Pos2,
    precision: Precision,
    fill: Color32,
    stroke: Stroke,
) {
    let r = MARKER_RADIUS;
    let halo = Stroke::new(stroke.width + 2.0, stroke.color);
    match precision {
        Precision::Address => {
            painter.circle(center, r, fill, stroke);
        }
        Precision::City => {
            painter.circle_stroke(center, r - 1.0, halo);
            painter.circle_stroke(center, r - 1.0, Stroke::new(2.5, fill));
        }
        Precision::Region => {
            let points = vec![
                center + Vec2::new(0.0, -r - 1.5),
                center + Vec2::new(r + 1.5, 0.0),
                center + Vec2::new(0.0, r + 1.5),
                center + Vec2::new(-r - 1.5, 0.0),
            ];
            painter.add(Shape::closed_line(points.clone(), halo));
            painter.add(Shape::closed_line(points, Stroke::new(2.0, fill)));
        }
        Precision::Country => {
            let rect = egui::Rect::from_center_size(center, Vec2::splat(2.0 * r));
            painter.rect_stroke(rect, 0.0, halo, egui::StrokeKind::Middle);
            painter.rect_stroke(rect, 0.0, Stroke::new(2.0, fill), egui::StrokeKind::Middle);
        }
    }
}

/// Draws the markers of a [`MarkerLayout`].
pub struct StationsLayer<'a> {
    /// Where each marker goes.
    pub layout: &'a MarkerLayout,
    /// Colours.
    pub style: &'a MapStyle,
    /// The station to highlight, by index.
    pub highlighted: Option<usize>,
    /// The station under the pointer, by index.
    pub hovered: Option<usize>,
}

impl Plugin for StationsLayer<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        _response: &Response,
        _projector: &Projector,
        _memory: &MapMemory,
    ) {
        let painter = ui.painter();
        for marker in &self.layout.markers {
            if marker.pos != marker.anchor {
                painter.line_segment(
                    [marker.anchor, marker.pos],
                    Stroke::new(1.0, self.style.marker_fill.gamma_multiply(0.6)),
                );
                painter.circle_filled(marker.anchor, 2.0, self.style.marker_fill);
            }
        }
        let mut last = None;
        for marker in &self.layout.markers {
            if Some(marker.station) == self.highlighted {
                last = Some(*marker);
                continue;
            }
            let mut fill = self.style.marker_fill;
            if Some(marker.station) == self.hovered {
                fill = self.style.marker_highlight.gamma_multiply(0.8);
            }
            draw_precision_symbol(
                painter,
                marker.pos,
                marker.precision,
                fill,
                self.style.marker_stroke,
            );
        }
        if let Some(marker) = last {
            painter.circle_stroke(
                marker.pos,
                MARKER_RADIUS + 5.0,
                Stroke::new(2.5, self.style.marker_highlight),
            );
            draw_precision_symbol(
                painter,
                marker.pos,
                marker.precision,
                self.style.marker_highlight,
                self.style.marker_stroke,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Location;

    fn station(id: &str, lat: f64, lon: f64) -> Station {
        Station {
            id: id.into(),
            location: Location {
                lat,
                lon,
                precision: Precision::City,
                note: String::new(),
            },
            ..Station::default()
        }
    }

    #[test]
    fn stations_at_the_same_point_fan_out_and_each_is_hittable() {
        let stations = vec![
            station("a", 40.4, -3.7),
            station("b", 40.4, -3.7),
            station("c", 40.4, -3.7),
            station("d", 41.4, 2.2),
        ];
        let transform = WorldTransform {
            center_world: world_from_lonlat(-3.7, 40.4),
            center_screen: Pos2::new(400.0, 300.0),
            scale: 64.0,
        };
        let layout = MarkerLayout::new(&stations, &[0, 1, 2, 3], &transform);
        assert_eq!(layout.markers.len(), 4);
        for i in 0..3 {
            let m = layout.markers.iter().find(|m| m.station == i).unwrap();
            assert_eq!(m.anchor, Pos2::new(400.0, 300.0));
            assert!(m.pos.distance(m.anchor) > 8.9);
            assert_eq!(layout.hit(m.pos, 6.0), Some(i));
        }
        let lone = layout.markers.iter().find(|m| m.station == 3).unwrap();
        assert_eq!(lone.pos, lone.anchor);
    }
}

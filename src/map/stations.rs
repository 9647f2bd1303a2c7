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

/// Stations sharing one point are fanned out around it up to this many; more are drawn as one
/// counted marker.
pub const MAX_FAN_OUT: usize = 16;

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

/// Stations whose markers would overlap at this zoom, drawn as one marker with a count.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// Where the cluster marker is drawn.
    pub pos: Pos2,
    /// Indices of the stations it holds.
    pub members: Vec<usize>,
    /// World-0 bounds of the members' positions (to zoom to on click).
    pub world_bounds: egui::Rect,
}

/// What a click on the markers hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerHit {
    /// A station, by index into the data set.
    Station(usize),
    /// A cluster, by index into [`MarkerLayout::clusters`].
    Cluster(usize),
}

/// Where every shown station's marker goes this frame.
#[derive(Clone, Debug, Default)]
pub struct MarkerLayout {
    /// Single stations (fanned out where they share coordinates), in drawing order.
    pub markers: Vec<PlacedMarker>,
    /// Groups of nearby stations drawn as one counted marker.
    pub clusters: Vec<Cluster>,
}

/// World-0 position of every station, computed once per data set.
pub fn station_world_positions(stations: &[Station]) -> Vec<Pos2> {
    stations
        .iter()
        .map(|s| {
            let (x, y) = world_from_lonlat(s.location.lon, s.location.lat);
            Pos2::new(x as f32, y as f32)
        })
        .collect()
}

/// A cluster or a single group (stations sharing coordinates), in world-0 coordinates.
#[derive(Clone, Debug)]
enum WorldEntry {
    Group {
        world: Pos2,
        members: Vec<usize>,
    },
    Cluster {
        world: Pos2,
        members: Vec<usize>,
        bounds: egui::Rect,
    },
}

/// Clusters computed in world space for one integer zoom level and one set of shown stations,
/// so frames while panning only transform and cull them (100,000 stations stay cheap).
#[derive(Default)]
pub struct ClusterCache {
    key: Option<(u64, i32, u32)>,
    entries: Vec<WorldEntry>,
}

impl ClusterCache {
    /// The layout for this frame; re-clusters only when `shown_version`, the integer zoom
    /// level or `cluster_px` changed.
    #[allow(clippy::too_many_arguments)]
    pub fn layout(
        &mut self,
        stations: &[Station],
        world: &[Pos2],
        shown: &[usize],
        shown_version: u64,
        zoom: f64,
        transform: &WorldTransform,
        clip: egui::Rect,
        cluster_px: f32,
    ) -> MarkerLayout {
        let level = zoom.round() as i32;
        let key = (shown_version, level, cluster_px.to_bits());
        if self.key != Some(key) {
            self.entries = cluster_in_world(stations, world, shown, 2f32.powi(level), cluster_px);
            self.key = Some(key);
        }
        let visible = clip.expand(2.0 * cluster_px + 40.0);
        let mut layout = MarkerLayout::default();
        for entry in &self.entries {
            match entry {
                WorldEntry::Group { world, members } => {
                    let anchor = transform.apply(*world);
                    if !visible.contains(anchor) {
                        continue;
                    }
                    if members.len() > MAX_FAN_OUT {
                        // Hundreds of markers fanned around one point would bury the map and
                        // cost a frame each: one counted marker stands for them.
                        layout.clusters.push(Cluster {
                            pos: anchor,
                            members: members.clone(),
                            world_bounds: egui::Rect::from_center_size(*world, egui::Vec2::ZERO),
                        });
                    } else {
                        fan_out(&mut layout.markers, stations, anchor, members);
                    }
                }
                WorldEntry::Cluster {
                    world,
                    members,
                    bounds,
                } => {
                    let pos = transform.apply(*world);
                    if visible.contains(pos) {
                        layout.clusters.push(Cluster {
                            pos,
                            members: members.clone(),
                            world_bounds: *bounds,
                        });
                    }
                }
            }
        }
        layout
    }
}

/// Groups stations by identical coordinates, then merges groups lying within `cluster_px` (at
/// `scale` pixels per world unit) of a cluster's first group. Greedy in input order with a grid
/// of `cluster_px` cells, so it is linear in the number of stations.
fn cluster_in_world(
    stations: &[Station],
    world: &[Pos2],
    shown: &[usize],
    scale: f32,
    cluster_px: f32,
) -> Vec<WorldEntry> {
    let mut group_of: HashMap<(u32, u32), usize> = HashMap::new();
    let mut groups: Vec<(Pos2, Vec<usize>)> = Vec::new();
    for &i in shown {
        let (Some(_), Some(&w)) = (stations.get(i), world.get(i)) else {
            continue;
        };
        let g = *group_of
            .entry((w.x.to_bits(), w.y.to_bits()))
            .or_insert_with(|| {
                groups.push((w, Vec::new()));
                groups.len() - 1
            });
        groups[g].1.push(i);
    }
    if cluster_px <= 0.0 {
        return groups
            .into_iter()
            .map(|(world, members)| WorldEntry::Group { world, members })
            .collect();
    }
    let px = |w: Pos2| Pos2::new(w.x * scale, w.y * scale);
    let cell = |p: Pos2| {
        (
            (p.x / cluster_px).floor() as i64,
            (p.y / cluster_px).floor() as i64,
        )
    };
    let mut heads: Vec<usize> = Vec::new();
    let mut cluster_of = vec![0usize; groups.len()];
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (g, (w, _)) in groups.iter().enumerate() {
        let p = px(*w);
        let (cx, cy) = cell(p);
        let mut best: Option<(usize, f32)> = None;
        for dx in -1..=1 {
            for dy in -1..=1 {
                for &h in grid.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                    let d = px(groups[heads[h]].0).distance(p);
                    if d <= cluster_px && best.is_none_or(|(_, bd)| d < bd) {
                        best = Some((h, d));
                    }
                }
            }
        }
        cluster_of[g] = match best {
            Some((h, _)) => h,
            None => {
                grid.entry((cx, cy)).or_default().push(heads.len());
                heads.push(g);
                heads.len() - 1
            }
        };
    }
    let mut per_cluster: Vec<Vec<usize>> = vec![Vec::new(); heads.len()];
    for (g, &c) in cluster_of.iter().enumerate() {
        per_cluster[c].push(g);
    }
    per_cluster
        .into_iter()
        .map(|group_ids| {
            if let [only] = group_ids[..] {
                let (world, members) = groups[only].clone();
                return WorldEntry::Group { world, members };
            }
            let members = group_ids
                .iter()
                .flat_map(|&g| groups[g].1.iter().copied())
                .collect();
            let sum = group_ids
                .iter()
                .fold(Vec2::ZERO, |acc, &g| acc + groups[g].0.to_vec2());
            let bounds = group_ids.iter().fold(egui::Rect::NOTHING, |r, &g| {
                r.union(egui::Rect::from_min_max(groups[g].0, groups[g].0))
            });
            WorldEntry::Cluster {
                world: (sum / group_ids.len() as f32).to_pos2(),
                members,
                bounds,
            }
        })
        .collect()
}

impl MarkerLayout {
    /// Lays out the stations with the given indices: stations that share coordinates form a
    /// group that fans out; groups within `cluster_px` of a cluster's first group merge into a
    /// cluster (0 disables clustering). Off-screen stations are skipped. Without a cache; the app
    /// uses [`ClusterCache::layout`].
    pub fn new(
        stations: &[Station],
        world: &[Pos2],
        shown: &[usize],
        transform: &WorldTransform,
        clip: egui::Rect,
        cluster_px: f32,
    ) -> Self {
        let zoom = transform.scale.log2();
        ClusterCache::default().layout(stations, world, shown, 0, zoom, transform, clip, cluster_px)
    }

    /// The station or cluster whose marker is nearest to `pos`, within `reach` points.
    pub fn hit(&self, pos: Pos2, reach: f32) -> Option<MarkerHit> {
        let stations = self
            .markers
            .iter()
            .map(|m| (MarkerHit::Station(m.station), m.pos.distance(pos)));
        let clusters = self.clusters.iter().enumerate().map(|(k, c)| {
            (
                MarkerHit::Cluster(k),
                c.pos.distance(pos) - cluster_radius(c.members.len()) + MARKER_RADIUS,
            )
        });
        stations
            .chain(clusters)
            .filter(|&(_, d)| d <= reach)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(hit, _)| hit)
    }

    /// The station whose marker is nearest to `pos`, ignoring clusters.
    pub fn hit_station(&self, pos: Pos2, reach: f32) -> Option<usize> {
        match self.hit(pos, reach) {
            Some(MarkerHit::Station(i)) => Some(i),
            _ => None,
        }
    }
}

/// Segments of a cluster disc: smooth enough at these radii (≤ 25 px).
const DISC_SEGMENTS: usize = 14;

/// Appends a cluster disc to `mesh`: a fan for the fill (radius `r` minus the outline), a band
/// for the outline, a translucent halo band of `halo` px, and a 1 px fade for anti-aliasing.
fn push_disc(
    mesh: &mut egui::Mesh,
    center: Pos2,
    r: f32,
    fill: Color32,
    stroke: egui::Stroke,
    halo: f32,
) {
    let unit: [Vec2; DISC_SEGMENTS] = std::array::from_fn(|k| {
        Vec2::angled(k as f32 * std::f32::consts::TAU / DISC_SEGMENTS as f32)
    });
    let inner_r = (r - stroke.width).max(0.0);
    let halo_color = fill.gamma_multiply(0.35);
    let rings: [(f32, Color32); 5] = [
        (inner_r, fill),
        (inner_r, stroke.color),
        (r, stroke.color),
        (r + halo, halo_color),
        (r + halo + 1.0, Color32::TRANSPARENT),
    ];
    let base = mesh.vertices.len() as u32;
    mesh.colored_vertex(center, fill);
    for (radius, color) in rings {
        for u in unit {
            mesh.colored_vertex(center + radius * u, color);
        }
    }
    let n = DISC_SEGMENTS as u32;
    for k in 0..n {
        let next = (k + 1) % n;
        mesh.add_triangle(base, base + 1 + k, base + 1 + next);
        // Bands between rings 1–2 (outline), 2–3 (halo), 3–4 (fade); ring 0 to 1 is a colour
        // step at the same radius.
        for ring in 1..4 {
            let a = base + 1 + ring * n;
            let b = a + n;
            mesh.add_triangle(a + k, b + k, b + next);
            mesh.add_triangle(a + k, b + next, a + next);
        }
    }
}

/// Radius of a cluster marker holding `n` stations.
pub fn cluster_radius(n: usize) -> f32 {
    (8.0 + 2.5 * (n as f32).sqrt()).min(22.0)
}

/// Places the members of one group (shared coordinates) on a circle around their anchor.
fn fan_out(markers: &mut Vec<PlacedMarker>, stations: &[Station], anchor: Pos2, members: &[usize]) {
    let n = members.len();
    // Spread the members on a circle whose circumference fits them with a little gap.
    let radius = if n == 1 {
        0.0
    } else {
        (n as f32 * (2.0 * MARKER_RADIUS + 3.0) / std::f32::consts::TAU).max(9.0)
    };
    for (k, &i) in members.iter().enumerate() {
        let angle = -std::f32::consts::FRAC_PI_2 + k as f32 * std::f32::consts::TAU / n as f32;
        markers.push(PlacedMarker {
            station: i,
            pos: anchor + radius * Vec2::angled(angle),
            anchor,
            precision: stations[i].location.precision,
        });
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
        Precision::District => {
            painter.circle_stroke(center, r - 1.0, halo);
            painter.circle_stroke(center, r - 1.0, Stroke::new(2.5, fill));
            painter.circle_filled(center, 1.8, fill);
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
    /// Per station: whether it is weakly sourced (drawn with a dashed outer ring).
    pub weak: &'a [bool],
}

/// The mark of a weakly sourced station: a dashed ring around its symbol.
pub fn draw_weak_mark(painter: &Painter, center: Pos2, color: Color32) {
    let r = MARKER_RADIUS + 3.5;
    let dashes = 8;
    for k in 0..dashes {
        let a0 = k as f32 * std::f32::consts::TAU / dashes as f32;
        let a1 = a0 + std::f32::consts::TAU / dashes as f32 * 0.5;
        painter.line_segment(
            [center + r * Vec2::angled(a0), center + r * Vec2::angled(a1)],
            Stroke::new(1.5, color),
        );
    }
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
        // All cluster discs in one mesh: egui would tessellate each stroked circle as a path,
        // which costs ~10 ms for the ~1,000 clusters of 100,000 stations at world view.
        let mut discs = egui::Mesh::default();
        for cluster in &self.layout.clusters {
            let r = cluster_radius(cluster.members.len());
            push_disc(
                &mut discs,
                cluster.pos,
                r,
                self.style.marker_fill,
                self.style.marker_stroke,
                2.5,
            );
        }
        painter.add(Shape::mesh(discs));
        for cluster in &self.layout.clusters {
            painter.text(
                cluster.pos,
                egui::Align2::CENTER_CENTER,
                cluster.members.len().to_string(),
                egui::FontId::proportional(12.0),
                self.style.cluster_text,
            );
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
            if self.weak.get(marker.station).copied().unwrap_or(false) {
                draw_weak_mark(painter, marker.pos, self.style.marker_fill);
            }
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
                ..Location::default()
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
        let world = station_world_positions(&stations);
        let clip = egui::Rect::from_min_size(Pos2::ZERO, Vec2::new(800.0, 600.0));
        let layout = MarkerLayout::new(&stations, &world, &[0, 1, 2, 3], &transform, clip, 0.0);
        assert_eq!(layout.markers.len(), 4);
        for i in 0..3 {
            let m = layout.markers.iter().find(|m| m.station == i).unwrap();
            assert_eq!(m.anchor, Pos2::new(400.0, 300.0));
            assert!(m.pos.distance(m.anchor) > 8.9);
            assert_eq!(layout.hit(m.pos, 6.0), Some(MarkerHit::Station(i)));
        }
        let lone = layout.markers.iter().find(|m| m.station == 3).unwrap();
        assert_eq!(lone.pos, lone.anchor);
    }

    #[test]
    fn nearby_stations_cluster_at_low_zoom_and_separate_when_zoomed_in() {
        // Madrid, Barcelona, Valencia and Lisbon: one cluster at world view, apart at zoom 6.
        let stations = vec![
            station("madrid", 40.4168, -3.7038),
            station("barcelona", 41.3874, 2.1686),
            station("valencia", 39.4699, -0.3763),
            station("lisbon", 38.7223, -9.1393),
            station("sydney", -33.8688, 151.2093),
        ];
        let world = station_world_positions(&stations);
        let clip = egui::Rect::from_min_size(Pos2::ZERO, Vec2::new(1000.0, 700.0));
        let at = |zoom: f64| WorldTransform {
            center_world: world_from_lonlat(0.0, 20.0),
            center_screen: clip.center(),
            scale: 2f64.powf(zoom),
        };
        let world_view =
            MarkerLayout::new(&stations, &world, &[0, 1, 2, 3, 4], &at(2.0), clip, 26.0);
        assert_eq!(world_view.clusters.len(), 1);
        let mut members = world_view.clusters[0].members.clone();
        members.sort_unstable();
        assert_eq!(members, vec![0, 1, 2, 3]);
        assert_eq!(world_view.markers.len(), 1, "Sydney stands alone");
        let hit = world_view.hit(world_view.clusters[0].pos, 8.0);
        assert_eq!(hit, Some(MarkerHit::Cluster(0)));

        let iberia = WorldTransform {
            center_world: world_from_lonlat(-3.0, 40.0),
            center_screen: clip.center(),
            scale: 64.0,
        };
        let zoomed = MarkerLayout::new(&stations, &world, &[0, 1, 2, 3, 4], &iberia, clip, 26.0);
        assert!(zoomed.clusters.is_empty());
        assert_eq!(zoomed.markers.len(), 4, "Sydney is off screen and skipped");
    }

    #[test]
    fn panning_does_not_reshuffle_clusters() {
        let stations: Vec<Station> = (0..40)
            .map(|k| {
                station(
                    &format!("s{k}"),
                    40.0 + f64::from(k % 7),
                    -5.0 + f64::from(k) * 0.4,
                )
            })
            .collect();
        let world = station_world_positions(&stations);
        let shown: Vec<usize> = (0..40).collect();
        let clip = egui::Rect::from_min_size(Pos2::ZERO, Vec2::new(4000.0, 4000.0));
        let layout_at = |dx: f32| {
            let t = WorldTransform {
                center_world: world_from_lonlat(0.0, 43.0),
                center_screen: Pos2::new(2000.0 + dx, 2000.0),
                scale: 16.0,
            };
            let mut sets: Vec<Vec<usize>> =
                MarkerLayout::new(&stations, &world, &shown, &t, clip, 26.0)
                    .clusters
                    .into_iter()
                    .map(|c| {
                        let mut m = c.members;
                        m.sort_unstable();
                        m
                    })
                    .collect();
            sets.sort();
            sets
        };
        assert_eq!(layout_at(0.0), layout_at(13.7));
    }

    #[test]
    fn many_stations_at_one_point_are_one_counted_marker() {
        let stations: Vec<Station> = (0..(MAX_FAN_OUT + 1))
            .map(|k| station(&format!("xx-same-{k}"), 10.0, 10.0))
            .collect();
        let world = station_world_positions(&stations);
        let shown: Vec<usize> = (0..stations.len()).collect();
        let mut cache = ClusterCache::default();
        let transform = WorldTransform {
            center_world: (f64::from(world[0].x), f64::from(world[0].y)),
            center_screen: egui::pos2(500.0, 500.0),
            scale: 2f64.powi(18),
        };
        let clip = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1e6, 1e6));
        let layout = cache.layout(&stations, &world, &shown, 1, 18.0, &transform, clip, 0.0);
        assert!(layout.markers.is_empty(), "{:?}", layout.markers.len());
        assert_eq!(layout.clusters.len(), 1);
        assert_eq!(layout.clusters[0].members.len(), MAX_FAN_OUT + 1);

        let few = &stations[..MAX_FAN_OUT];
        let shown: Vec<usize> = (0..few.len()).collect();
        let layout =
            ClusterCache::default().layout(few, &world, &shown, 1, 18.0, &transform, clip, 0.0);
        assert_eq!(
            layout.markers.len(),
            MAX_FAN_OUT,
            "up to the cap they fan out"
        );
    }
}

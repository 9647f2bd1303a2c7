//! Where each shown station's marker goes this frame, as pure computation (no painting, so it
//! is unit-tested here): stations that share coordinates fan out around their common point so
//! each can be seen and clicked; nearby ones are drawn as one counted cluster. The clustering
//! itself (`cluster`) is computed once per zoom level; a frame only transforms and culls it.
//! (Over 400 lines only because of its unit tests, which are about 170.)

use egui::{Pos2, Vec2};

use super::MARKER_RADIUS;
use super::cluster::{WorldEntry, cluster_in_world};
use crate::data::{Precision, Station};
use crate::geo::world_from_lonlat;
use crate::map::view::WorldTransform;

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

/// Clusters computed in world space for one integer zoom level and one set of shown stations,
/// so frames while panning only transform and cull them (100,000 stations stay cheap).
#[derive(Default)]
pub struct ClusterCache {
    key: Option<(u64, i32, u32)>,
    entries: Vec<WorldEntry>,
}

impl ClusterCache {
    /// The layout for this frame; re-clusters only when `shown_version`, the integer zoom
    /// level or `cluster_px` changed. Allocates the layout's lists each call; see
    /// [`ClusterCache::layout_into`] for a frame loop that keeps them.
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
        let mut layout = MarkerLayout::default();
        self.layout_into(
            stations,
            world,
            shown,
            shown_version,
            zoom,
            transform,
            clip,
            cluster_px,
            &mut layout,
        );
        layout
    }

    /// As [`ClusterCache::layout`], but overwrites `out`, reusing its lists (and the member
    /// lists of its clusters), so a layout kept across frames allocates nothing once warmed up.
    #[allow(clippy::too_many_arguments)]
    pub fn layout_into(
        &mut self,
        stations: &[Station],
        world: &[Pos2],
        shown: &[usize],
        shown_version: u64,
        zoom: f64,
        transform: &WorldTransform,
        clip: egui::Rect,
        cluster_px: f32,
        out: &mut MarkerLayout,
    ) {
        let level = zoom.round() as i32;
        let key = (shown_version, level, cluster_px.to_bits());
        if self.key != Some(key) {
            self.entries = cluster_in_world(stations, world, shown, 2f32.powi(level), cluster_px);
            self.key = Some(key);
        }
        let visible = clip.expand(2.0 * cluster_px + 40.0);
        out.markers.clear();
        let mut clusters = ClusterWriter {
            clusters: &mut out.clusters,
            used: 0,
        };
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
                        let bounds = egui::Rect::from_center_size(*world, egui::Vec2::ZERO);
                        clusters.put(anchor, members, bounds);
                    } else {
                        fan_out(&mut out.markers, stations, anchor, members);
                    }
                }
                WorldEntry::Cluster {
                    world,
                    members,
                    bounds,
                } => {
                    let pos = transform.apply(*world);
                    if visible.contains(pos) {
                        clusters.put(pos, members, *bounds);
                    }
                }
            }
        }
        clusters.finish();
    }
}

/// Writes clusters over the ones of an earlier frame, reusing their member lists.
struct ClusterWriter<'a> {
    clusters: &'a mut Vec<Cluster>,
    used: usize,
}

impl ClusterWriter<'_> {
    fn put(&mut self, pos: Pos2, members: &[usize], world_bounds: egui::Rect) {
        match self.clusters.get_mut(self.used) {
            Some(cluster) => {
                cluster.pos = pos;
                cluster.members.clear();
                cluster.members.extend_from_slice(members);
                cluster.world_bounds = world_bounds;
            }
            None => self.clusters.push(Cluster {
                pos,
                members: members.to_vec(),
                world_bounds,
            }),
        }
        self.used += 1;
    }

    /// Drops the earlier frame's clusters beyond this frame's.
    fn finish(self) {
        self.clusters.truncate(self.used);
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Location;
    use crate::map::MarkerHit;

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

    #[test]
    fn a_reused_layout_equals_a_fresh_one() {
        let stations: Vec<Station> = (0..60)
            .map(|k| {
                station(
                    &format!("s{k}"),
                    35.0 + f64::from(k % 9),
                    -9.0 + f64::from(k) * 0.3,
                )
            })
            .collect();
        let world = station_world_positions(&stations);
        let shown: Vec<usize> = (0..stations.len()).collect();
        let clip = egui::Rect::from_min_size(Pos2::ZERO, Vec2::new(1000.0, 700.0));
        let at = |zoom: f64| WorldTransform {
            center_world: world_from_lonlat(0.0, 40.0),
            center_screen: clip.center(),
            scale: 2f64.powf(zoom),
        };
        let mut cache = ClusterCache::default();
        let mut kept = MarkerLayout::default();
        for zoom in [2.0, 6.0, 3.0, 9.0, 2.0] {
            cache.layout_into(
                &stations,
                &world,
                &shown,
                1,
                zoom,
                &at(zoom),
                clip,
                26.0,
                &mut kept,
            );
            let fresh = MarkerLayout::new(&stations, &world, &shown, &at(zoom), clip, 26.0);
            assert_eq!(kept.markers, fresh.markers, "zoom {zoom}");
            assert_eq!(kept.clusters, fresh.clusters, "zoom {zoom}");
        }
    }
}

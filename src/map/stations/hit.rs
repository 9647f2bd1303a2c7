//! Hit testing the markers: which station or cluster a pointer position is on, by distance to
//! the markers as laid out this frame (clusters count from their rim, as they are larger).

use egui::Pos2;

use super::MARKER_RADIUS;
use super::layout::{MarkerLayout, cluster_radius};

/// What a click on the markers hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerHit {
    /// A station, by index into the data set.
    Station(usize),
    /// A cluster, by index into [`MarkerLayout::clusters`].
    Cluster(usize),
}

impl MarkerLayout {
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

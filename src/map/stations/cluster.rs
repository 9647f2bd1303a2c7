//! Clustering in world space, once per integer zoom level and set of shown stations: stations
//! with identical coordinates form a group; groups close together on screen at that level merge
//! into a cluster. Frames only transform and cull the result (see `layout`).

use std::collections::HashMap;

use egui::{Pos2, Vec2};

use crate::data::Station;

/// A cluster or a single group (stations sharing coordinates), in world-0 coordinates.
#[derive(Clone, Debug)]
pub(super) enum WorldEntry {
    /// Stations at one point.
    Group {
        /// Their common world-0 position.
        world: Pos2,
        /// Indices into the data set's stations.
        members: Vec<usize>,
    },
    /// Groups close together at this zoom level.
    Cluster {
        /// The mean world-0 position of its groups.
        world: Pos2,
        /// Indices into the data set's stations, group after group.
        members: Vec<usize>,
        /// World-0 bounds of its groups (to zoom to on click).
        bounds: egui::Rect,
    },
}

/// Groups stations by identical coordinates, then merges groups lying within `cluster_px` (at
/// `scale` pixels per world unit) of a cluster's first group. Greedy in input order with a grid
/// of `cluster_px` cells, so it is linear in the number of stations.
pub(super) fn cluster_in_world(
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

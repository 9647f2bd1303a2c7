//! Levels of detail for the countries layer, built once per integer zoom level (in a background
//! thread) and only transformed per frame.
//!
//! Levels are built on demand (the first time a zoom level is viewed). For each level the outlines are simplified topology-preservingly (Visvalingam–Whyatt with
//! self-intersection checks) to about half a pixel at that level, re-triangulated, and their
//! borders tessellated by egui's own tessellator (anti-aliased) — all in world-0 coordinates.
//! Drawing a frame is then one pass over the visible countries' vertices: scale, translate,
//! colour. Stroking the full-resolution rings every frame costs 30–50 ms here; this costs well
//! under a millisecond at world view.

use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use egui::epaint::{TessellationOptions, Tessellator, Vertex};
use egui::{Color32, Pos2, Shape, Stroke};

use crate::geo::{CountryShape, Outlines};

/// Deepest level with its own simplification; deeper zooms reuse it (its tolerance is ~200 m,
/// far below the 1:50m source's own generalisation).
pub const DEEPEST_LEVEL: u8 = 8;

/// Simplification threshold: Visvalingam–Whyatt removes points whose triangle with their
/// neighbours is smaller than this many square pixels at the level's zoom (a deviation of about
/// half a pixel over a 2-pixel segment).
const AREA_PX2: f64 = 0.5;

/// Rings smaller than this (pixels at the level's zoom) get no border stroke.
const MIN_BORDERED_PX: f32 = 2.0;

/// Border width in pixels at the level's zoom.
pub const BORDER_WIDTH_PX: f32 = 0.7;

/// One country's slice of a level's buffers.
#[derive(Clone, Debug, Default)]
pub struct LodCountry {
    /// Range of fill vertices.
    pub fill_vertices: Range<usize>,
    /// Range of fill indices (relative to the country's first vertex).
    pub fill_indices: Range<usize>,
    /// Range of border vertices.
    pub border_vertices: Range<usize>,
    /// Range of border indices (relative to the country's first border vertex).
    pub border_indices: Range<usize>,
    /// Simplified rings in world-0 coordinates (for selection and hover outlines).
    pub rings: Vec<Vec<Pos2>>,
}

/// Geometry of every country at one level of detail, in world-0 coordinates.
#[derive(Clone, Debug, Default)]
pub struct LodLevel {
    /// The integer zoom level this was built for.
    pub level: u8,
    /// Per country, same order as the outlines.
    pub countries: Vec<LodCountry>,
    /// Fill triangle vertices.
    pub fill_vertices: Vec<Pos2>,
    /// Fill triangle indices.
    pub fill_indices: Vec<u32>,
    /// Border vertices; the colour's alpha is the anti-aliasing coverage.
    pub border_vertices: Vec<(Pos2, u8)>,
    /// Border indices.
    pub border_indices: Vec<u32>,
}

impl LodLevel {
    /// Total vertices drawn if every country is visible.
    pub fn vertex_count(&self) -> usize {
        self.fill_vertices.len() + self.border_vertices.len()
    }
}

/// Builds one level.
pub fn build_level(outlines: &Outlines, level: u8) -> LodLevel {
    let scale = 2f64.powi(i32::from(level));
    let area = AREA_PX2 / (scale * scale);
    let mut out = LodLevel {
        level,
        ..LodLevel::default()
    };
    let mut tessellator = Tessellator::new(1.0, TessellationOptions::default(), [1, 1], Vec::new());
    let stroke = Stroke::new(BORDER_WIDTH_PX, Color32::WHITE);
    for country in &outlines.countries {
        let built = build_country(country, area, scale, &mut tessellator, stroke, &mut out);
        out.countries.push(built);
    }
    // The buffers grew by doubling; a level is kept for as long as its zoom is viewed, so it
    // should hold only what it uses (about a third less at the deeper levels).
    out.fill_vertices.shrink_to_fit();
    out.fill_indices.shrink_to_fit();
    out.border_vertices.shrink_to_fit();
    out.border_indices.shrink_to_fit();
    out
}

fn build_country(
    country: &CountryShape,
    area: f64,
    scale: f64,
    tessellator: &mut Tessellator,
    stroke: Stroke,
    out: &mut LodLevel,
) -> LodCountry {
    let fill_v0 = out.fill_vertices.len();
    let fill_i0 = out.fill_indices.len();
    let border_v0 = out.border_vertices.len();
    let border_i0 = out.border_indices.len();
    let mut rings = Vec::new();
    for polygon in &country.world.0 {
        let polygon = &*crate::geo::simplify_keeping_islands(polygon, area);
        crate::geo::triangulate(
            polygon,
            fill_v0,
            &mut out.fill_vertices,
            &mut out.fill_indices,
        );
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            let world: Vec<Pos2> = ring
                .0
                .iter()
                .map(|c| Pos2::new(c.x as f32, c.y as f32))
                .collect();
            let size = egui::Rect::from_points(&world).size() * scale as f32;
            rings.push(world);
            // An island under ~2 px is a speck of fill; its border would only add vertices.
            if size.x.max(size.y) < MIN_BORDERED_PX {
                continue;
            }
            let level_px: Vec<Pos2> = ring
                .0
                .iter()
                .map(|c| Pos2::new((c.x * scale) as f32, (c.y * scale) as f32))
                .collect();
            let mut mesh = egui::Mesh::default();
            tessellator.tessellate_shape(Shape::closed_line(level_px, stroke), &mut mesh);
            let base = (out.border_vertices.len() - border_v0) as u32;
            out.border_vertices.extend(mesh.vertices.iter().map(|v| {
                (
                    Pos2::new(
                        (f64::from(v.pos.x) / scale) as f32,
                        (f64::from(v.pos.y) / scale) as f32,
                    ),
                    v.color.a(),
                )
            }));
            out.border_indices
                .extend(mesh.indices.iter().map(|i| base + i));
        }
    }
    LodCountry {
        fill_vertices: fill_v0..out.fill_vertices.len(),
        fill_indices: fill_i0..out.fill_indices.len(),
        border_vertices: border_v0..out.border_vertices.len(),
        border_indices: border_i0..out.border_indices.len(),
        rings,
    }
}

/// Levels of detail, built on demand in a background thread and picked up as they arrive.
/// Only the levels the user actually views are built, which keeps start-up light (the world
/// view needs one level) and memory proportional to use.
pub struct LodSet {
    levels: Vec<Option<Arc<LodLevel>>>,
    requested: Vec<bool>,
    requests: Option<Sender<u8>>,
    incoming: Option<Receiver<LodLevel>>,
}

impl LodSet {
    /// Starts the builder thread; levels are built when [`Self::for_zoom`] first asks for them.
    pub fn spawn(outlines: Arc<Outlines>) -> Self {
        let (request_tx, request_rx) = channel::<u8>();
        let (level_tx, level_rx) = channel();
        let spawned = std::thread::Builder::new()
            .name("lod-builder".into())
            .spawn(move || {
                while let Ok(level) = request_rx.recv() {
                    if level_tx.send(build_level(&outlines, level)).is_err() {
                        return;
                    }
                }
            });
        if let Err(err) = &spawned {
            log::warn!("could not start the level-of-detail builder; drawing full detail: {err}");
        }
        let ok = spawned.is_ok();
        Self {
            levels: vec![None; usize::from(DEEPEST_LEVEL) + 1],
            requested: vec![false; usize::from(DEEPEST_LEVEL) + 1],
            requests: ok.then_some(request_tx),
            incoming: ok.then_some(level_rx),
        }
    }

    /// Builds every level now, in this thread (benchmarks, tests).
    pub fn build_all(outlines: &Outlines) -> Self {
        Self {
            levels: (0..=DEEPEST_LEVEL)
                .map(|l| Some(Arc::new(build_level(outlines, l))))
                .collect(),
            requested: vec![true; usize::from(DEEPEST_LEVEL) + 1],
            requests: None,
            incoming: None,
        }
    }

    /// Collects levels that finished building.
    pub fn poll(&mut self) {
        let Some(rx) = &self.incoming else { return };
        while let Ok(level) = rx.try_recv() {
            store(&mut self.levels, level);
        }
    }

    /// Waits, at most `timeout`, for the level for `zoom` if the builder was already asked for
    /// it (a level asked for at start is built while the window opens; the first frame then
    /// draws it instead of every outline at full detail). Returns whether it is built.
    pub fn wait_for(&mut self, zoom: f64, timeout: std::time::Duration) -> bool {
        let wanted = level_for(zoom);
        let deadline = std::time::Instant::now() + timeout;
        while self.levels[wanted].is_none() && self.requested[wanted] {
            let Some(rx) = &self.incoming else { break };
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match rx.recv_timeout(left) {
                Ok(level) => store(&mut self.levels, level),
                Err(_) => break,
            }
        }
        self.levels[wanted].is_some()
    }

    /// The level for `zoom`, asking the builder for it if needed. Until it arrives: a finer
    /// level if one is built, or the next coarser one (at most one pixel off); otherwise `None`
    /// and the caller draws full detail.
    pub fn for_zoom(&mut self, zoom: f64) -> Option<Arc<LodLevel>> {
        let wanted = level_for(zoom);
        if self.levels[wanted].is_none()
            && !self.requested[wanted]
            && let Some(tx) = &self.requests
        {
            self.requested[wanted] = tx.send(wanted as u8).is_ok();
        }
        (wanted..self.levels.len())
            .chain(wanted.checked_sub(1))
            .find_map(|l| self.levels[l].clone())
    }

    /// Whether the level [`Self::for_zoom`] wants for `zoom` is built (or cannot be: without a
    /// builder thread, full detail is what is drawn), so what is drawn is final.
    pub fn has_level_for(&self, zoom: f64) -> bool {
        let wanted = level_for(zoom);
        self.levels[wanted].is_some() || self.requests.is_none()
    }

    /// The levels asked of the builder (or built) so far, coarsest first.
    pub fn requested(&self) -> Vec<u8> {
        (0..=DEEPEST_LEVEL)
            .filter(|&l| self.requested[usize::from(l)])
            .collect()
    }

    /// Whether every level has been built.
    pub fn complete(&self) -> bool {
        self.levels.iter().all(Option::is_some)
    }
}

/// The level of detail drawn at `zoom`: the nearest whole zoom, within the levels there are.
fn level_for(zoom: f64) -> usize {
    zoom.round().clamp(0.0, f64::from(DEEPEST_LEVEL)) as usize
}

/// Keeps a level that finished building in its slot.
fn store(levels: &mut [Option<Arc<LodLevel>>], level: LodLevel) {
    let index = usize::from(level.level);
    if let Some(slot) = levels.get_mut(index) {
        *slot = Some(Arc::new(level));
    }
}

/// Appends a country's fill and border vertices, transformed to screen, to `mesh`.
pub fn append_country(
    mesh: &mut egui::Mesh,
    level: &LodLevel,
    country: usize,
    transform: &super::WorldTransform,
    fill: Color32,
    border: Color32,
) {
    let Some(c) = level.countries.get(country) else {
        return;
    };
    let base = mesh.vertices.len() as u32;
    mesh.vertices.extend(
        level.fill_vertices[c.fill_vertices.clone()]
            .iter()
            .map(|&p| Vertex {
                pos: transform.apply(p),
                uv: egui::epaint::WHITE_UV,
                color: fill,
            }),
    );
    mesh.indices.extend(
        level.fill_indices[c.fill_indices.clone()]
            .iter()
            .map(|&i| base + i),
    );
    let base = mesh.vertices.len() as u32;
    mesh.vertices.extend(
        level.border_vertices[c.border_vertices.clone()]
            .iter()
            .map(|&(p, a)| Vertex {
                pos: transform.apply(p),
                uv: egui::epaint::WHITE_UV,
                color: border.gamma_multiply(f32::from(a) / 255.0),
            }),
    );
    mesh.indices.extend(
        level.border_indices[c.border_indices.clone()]
            .iter()
            .map(|&i| base + i),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_returns_a_level_asked_for_and_never_waits_for_one_not_asked_for() {
        let mut set = LodSet::spawn(Arc::new(Outlines::embedded().unwrap()));
        let started = std::time::Instant::now();
        assert!(!set.wait_for(3.0, std::time::Duration::from_secs(60)));
        assert!(
            started.elapsed() < std::time::Duration::from_secs(1),
            "waited for a level nobody asked for"
        );
        assert!(set.for_zoom(2.0).is_none(), "asked for, not built yet");
        assert!(set.wait_for(2.0, std::time::Duration::from_secs(120)));
        assert!(set.has_level_for(2.0));
        assert_eq!(set.requested(), vec![2]);
    }

    #[test]
    fn world_view_levels_hold_far_fewer_vertices_and_every_country() {
        let outlines = Outlines::embedded().unwrap();
        let level = build_level(&outlines, 2);
        assert_eq!(level.countries.len(), outlines.countries.len());
        let full: usize = outlines
            .countries
            .iter()
            .map(|c| c.fill_vertices.len())
            .sum();
        assert!(
            level.fill_vertices.len() * 4 < full,
            "{} of {full}",
            level.fill_vertices.len()
        );
        for (shape, lod) in outlines.countries.iter().zip(&level.countries) {
            assert!(!lod.fill_indices.is_empty(), "{} lost its fill", shape.iso2);
            // Level 2: 4 pixels per world unit.
            let largest = lod
                .rings
                .iter()
                .map(|r| egui::Rect::from_points(r).size().max_elem() * 4.0)
                .fold(0.0, f32::max);
            if largest >= MIN_BORDERED_PX {
                assert!(
                    !lod.border_indices.is_empty(),
                    "{} lost its border",
                    shape.iso2
                );
            }
        }
    }

    #[test]
    fn simplified_fills_keep_the_area_of_large_countries() {
        let outlines = Outlines::embedded().unwrap();
        let level = build_level(&outlines, 2);
        for iso in ["RU", "BR", "ES", "GB"] {
            let i = outlines.index_of(iso).unwrap();
            let area = |vertices: &[Pos2], indices: &[u32]| -> f32 {
                indices
                    .chunks_exact(3)
                    .map(|t| {
                        let [a, b, c] = [0, 1, 2].map(|k| vertices[t[k] as usize]);
                        ((b - a).x * (c - a).y - (b - a).y * (c - a).x).abs() / 2.0
                    })
                    .sum()
            };
            let shape = &outlines.countries[i];
            let full = area(&shape.fill_vertices, &shape.fill_indices);
            let c = &level.countries[i];
            let simplified = area(
                &level.fill_vertices[c.fill_vertices.clone()],
                &level.fill_indices[c.fill_indices.clone()],
            );
            assert!(
                (simplified - full).abs() / full < 0.02,
                "{iso}: {simplified} vs {full}"
            );
        }
    }
}

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
    /// Range of the level's border ridges.
    pub border_ridges: Range<usize>,
    /// Simplified rings in world-0 coordinates (for selection and hover outlines).
    pub rings: Vec<Vec<Pos2>>,
}

/// One ring's border, as egui's tessellator lays out a closed line thinner than its feathering:
/// three vertices per point (the outer edge of the feathering, transparent; the line itself,
/// at the line's coverage; the inner edge, transparent) and four triangles between each point
/// and the next. Only the vertices' positions are kept: their colours and the triangles follow
/// from the layout (`ridge_indices`), which a level checks for every ring it keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ridge {
    /// The ring's first vertex in [`LodLevel::border_vertices`].
    pub first: u32,
    /// Points in the ring (a third of its vertices).
    pub points: u32,
}

impl Ridge {
    fn vertices(self) -> Range<usize> {
        let first = self.first as usize;
        first..first + 3 * self.points as usize
    }
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
    /// Border vertices, three per ring point (see [`Ridge`]).
    pub border_vertices: Vec<Pos2>,
    /// Every bordered ring, in country order.
    pub border_ridges: Vec<Ridge>,
    /// The border line's anti-aliasing coverage: the alpha of each ridge's middle vertices.
    pub border_coverage: u8,
    /// Rings whose border was left out because egui laid it out otherwise than [`Ridge`]
    /// describes (none with the egui this is built with: a test checks every level).
    pub unkept_borders: usize,
}

impl LodLevel {
    /// Total vertices drawn if every country is visible.
    pub fn vertex_count(&self) -> usize {
        self.fill_vertices.len() + self.border_vertices.len()
    }

    /// Bytes the level holds (its buffers, not counting unused capacity).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let rings: usize = self
            .countries
            .iter()
            .flat_map(|c| &c.rings)
            .map(|r| r.len() * size_of::<Pos2>() + size_of::<Vec<Pos2>>())
            .sum();
        self.countries.len() * size_of::<LodCountry>()
            + rings
            + (self.fill_vertices.len() + self.border_vertices.len()) * size_of::<Pos2>()
            + self.fill_indices.len() * size_of::<u32>()
            + self.border_ridges.len() * size_of::<Ridge>()
    }
}

/// The triangles of a closed ridge of `points` points, relative to its first vertex, in the
/// order egui's tessellator emits them (epaint 0.37, `stroke_and_fill_path`, thin line).
fn ridge_indices(points: u32) -> impl Iterator<Item = u32> {
    (0..points).flat_map(move |i1| {
        let i0 = if i1 == 0 { points - 1 } else { i1 - 1 };
        let (a, b) = (3 * i0, 3 * i1);
        [
            a,
            a + 1,
            b,
            a + 1,
            b,
            b + 1,
            a + 1,
            a + 2,
            b + 1,
            a + 2,
            b + 1,
            b + 2,
        ]
    })
}

/// Builds one level, its countries shared among the machine's cores.
pub fn build_level(outlines: &Outlines, level: u8) -> LodLevel {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    build_level_on(outlines, level, threads.min(4))
}

/// Builds one level on `threads` threads: each builds a run of countries holding about as many
/// points as the others (the simplification, most of the time, grows with the points), and the
/// runs are joined in order. The result is the same whatever the number of threads.
fn build_level_on(outlines: &Outlines, level: u8, threads: usize) -> LodLevel {
    let points = |c: &CountryShape| c.rings.iter().map(Vec::len).sum::<usize>();
    let total: usize = outlines.countries.iter().map(points).sum();
    let share = total.div_ceil(threads.max(1)).max(1);
    let mut runs = Vec::new();
    let (mut start, mut held) = (0, 0);
    for (i, country) in outlines.countries.iter().enumerate() {
        held += points(country);
        if held >= share {
            runs.push(start..i + 1);
            (start, held) = (i + 1, 0);
        }
    }
    if start < outlines.countries.len() || runs.is_empty() {
        runs.push(start..outlines.countries.len());
    }
    let countries = &outlines.countries;
    let mut parts = std::thread::scope(|scope| {
        // A run whose thread the system would not start is built here, after the first.
        let handles: Vec<_> = runs[1..]
            .iter()
            .map(|run| {
                let run = run.clone();
                std::thread::Builder::new()
                    .name("lod-builder-part".into())
                    .spawn_scoped(scope, move || build_countries(&countries[run], level))
            })
            .collect();
        let mut parts = vec![build_countries(&countries[runs[0].clone()], level)];
        for (handle, run) in handles.into_iter().zip(&runs[1..]) {
            parts.push(match handle {
                Ok(handle) => handle.join().unwrap_or_else(|_| {
                    // A thread that panicked (it never should) costs its countries'
                    // geometry at this level, not the app: they are drawn without it.
                    LodLevel {
                        countries: vec![LodCountry::default(); run.len()],
                        ..LodLevel::default()
                    }
                }),
                Err(_) => build_countries(&countries[run.clone()], level),
            });
        }
        parts
    })
    .into_iter();
    let mut out = parts.next().unwrap_or_default();
    out.level = level;
    for part in parts {
        join(&mut out, part);
    }
    // The buffers grew by doubling; a level is kept for as long as its zoom is viewed, so it
    // should hold only what it uses (about a third less at the deeper levels).
    out.fill_vertices.shrink_to_fit();
    out.fill_indices.shrink_to_fit();
    out.border_vertices.shrink_to_fit();
    out.border_ridges.shrink_to_fit();
    if out.unkept_borders > 0 {
        log::warn!(
            "level of detail {level}: {} country borders left out (egui laid them out differently)",
            out.unkept_borders
        );
    }
    out
}

/// The geometry of a run of countries at one level.
fn build_countries(countries: &[CountryShape], level: u8) -> LodLevel {
    let scale = 2f64.powi(i32::from(level));
    let area = AREA_PX2 / (scale * scale);
    let (mut tessellator, stroke) = border_tessellator();
    let mut out = LodLevel {
        level,
        border_coverage: border_coverage(),
        ..LodLevel::default()
    };
    for country in countries {
        let built = build_country(country, area, scale, &mut tessellator, stroke, &mut out);
        out.countries.push(built);
    }
    out
}

/// The tessellator and stroke the borders are made with, at a level's own pixels.
fn border_tessellator() -> (Tessellator, Stroke) {
    (
        Tessellator::new(1.0, TessellationOptions::default(), [1, 1], Vec::new()),
        Stroke::new(BORDER_WIDTH_PX, Color32::WHITE),
    )
}

/// The alpha egui gives the middle of a border line this thin (its coverage of a pixel): the
/// same for every ring, so it is read once off a small square.
fn border_coverage() -> u8 {
    let (mut tessellator, stroke) = border_tessellator();
    let square = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)].map(|(x, y)| Pos2::new(x, y));
    let mut mesh = egui::Mesh::default();
    tessellator.tessellate_shape(Shape::closed_line(square.to_vec(), stroke), &mut mesh);
    mesh.vertices.get(1).map_or(0, |v| v.color.a())
}

/// Appends the next run's geometry to `out`, moving its ranges past what `out` holds.
fn join(out: &mut LodLevel, part: LodLevel) {
    let (fill_v, fill_i) = (out.fill_vertices.len(), out.fill_indices.len());
    let (ridges, border_v) = (out.border_ridges.len(), out.border_vertices.len() as u32);
    let shift = |r: &Range<usize>, by: usize| r.start + by..r.end + by;
    for country in part.countries {
        out.countries.push(LodCountry {
            fill_vertices: shift(&country.fill_vertices, fill_v),
            fill_indices: shift(&country.fill_indices, fill_i),
            border_ridges: shift(&country.border_ridges, ridges),
            rings: country.rings,
        });
    }
    out.fill_vertices.extend(part.fill_vertices);
    out.fill_indices.extend(part.fill_indices);
    out.unkept_borders += part.unkept_borders;
    out.border_vertices.extend(part.border_vertices);
    out.border_ridges
        .extend(part.border_ridges.into_iter().map(|r| Ridge {
            first: r.first + border_v,
            points: r.points,
        }));
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
    let ridges0 = out.border_ridges.len();
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
            keep_ridge(&mesh, &ring.0, scale, out);
        }
    }
    LodCountry {
        fill_vertices: fill_v0..out.fill_vertices.len(),
        fill_indices: fill_i0..out.fill_indices.len(),
        border_ridges: ridges0..out.border_ridges.len(),
        rings,
    }
}

/// Keeps a ring's tessellated border as a [`Ridge`] if it has the ridge's layout: three
/// vertices per point, the middle one on the point at the line's coverage, the outer two
/// transparent, and the ridge's triangles. Otherwise counts it in `unkept_borders`.
fn keep_ridge(mesh: &egui::Mesh, ring: &[::geo::Coord<f64>], scale: f64, out: &mut LodLevel) {
    let points = ring.len();
    let coverage = out.border_coverage;
    let laid_out = mesh.vertices.len() == 3 * points
        && mesh.vertices.chunks_exact(3).zip(ring).all(|(v, c)| {
            v[0].color.a() == 0
                && v[2].color.a() == 0
                && v[1].color.a() == coverage
                && v[1].pos == Pos2::new((c.x * scale) as f32, (c.y * scale) as f32)
        })
        && mesh
            .indices
            .iter()
            .copied()
            .eq(ridge_indices(points as u32));
    if !laid_out {
        out.unkept_borders += 1;
        return;
    }
    out.border_ridges.push(Ridge {
        first: out.border_vertices.len() as u32,
        points: points as u32,
    });
    out.border_vertices.extend(mesh.vertices.iter().map(|v| {
        Pos2::new(
            (f64::from(v.pos.x) / scale) as f32,
            (f64::from(v.pos.y) / scale) as f32,
        )
    }));
}

/// Levels of detail, built on demand in a background thread and picked up as they arrive.
/// Only the levels the user actually views are built, which keeps start-up light (the world
/// view needs one level), and only those used most recently are kept, within
/// [`KEPT_BYTES`]: the levels of every zoom together hold about 25 MB.
pub struct LodSet {
    levels: Vec<Option<Arc<LodLevel>>>,
    requested: Vec<bool>,
    /// Per level: when it was last drawn or arrived, in calls to [`Self::for_zoom`].
    last_used: Vec<u64>,
    uses: u64,
    requests: Option<Sender<u8>>,
    incoming: Option<Receiver<LodLevel>>,
    /// The UI to wake when a level is built, once [`Self::wake`] gave it.
    waker: Arc<std::sync::Mutex<Option<egui::Context>>>,
}

/// The most the built levels may hold together before the least recently used are dropped
/// (and built again if their zoom is viewed again, in a fraction of a second, while a
/// neighbouring level is drawn). About three of the deepest levels, or every coarser one.
pub const KEPT_BYTES: usize = 16 << 20;

impl LodSet {
    /// Starts the builder thread; levels are built when [`Self::for_zoom`] first asks for them.
    pub fn spawn(outlines: Arc<Outlines>) -> Self {
        let (request_tx, request_rx) = channel::<u8>();
        let (level_tx, level_rx) = channel();
        let waker = Arc::new(std::sync::Mutex::new(None::<egui::Context>));
        let wake = Arc::clone(&waker);
        let spawned = std::thread::Builder::new()
            .name("lod-builder".into())
            .spawn(move || {
                while let Ok(level) = request_rx.recv() {
                    if level_tx.send(build_level(&outlines, level)).is_err() {
                        return;
                    }
                    // A frame draws the level as soon as it is there, not at the next input.
                    if let Ok(ctx) = wake.lock()
                        && let Some(ctx) = &*ctx
                    {
                        ctx.request_repaint();
                    }
                    // The build's scratch (simplified polygons, tessellated rings, buffers
                    // grown by doubling) is freed now; give its pages back.
                    crate::memory::release_free_memory();
                }
            });
        if let Err(err) = &spawned {
            log::warn!("could not start the level-of-detail builder; drawing full detail: {err}");
        }
        let ok = spawned.is_ok();
        Self {
            levels: vec![None; usize::from(DEEPEST_LEVEL) + 1],
            requested: vec![false; usize::from(DEEPEST_LEVEL) + 1],
            last_used: vec![0; usize::from(DEEPEST_LEVEL) + 1],
            uses: 0,
            requests: ok.then_some(request_tx),
            incoming: ok.then_some(level_rx),
            waker,
        }
    }

    /// The UI to repaint whenever a level is built from now on (the map calls this every
    /// frame; only the first call stores the context).
    pub fn wake(&self, ctx: &egui::Context) {
        if let Ok(mut waker) = self.waker.lock()
            && waker.is_none()
        {
            *waker = Some(ctx.clone());
        }
    }

    /// Builds every level now, in this thread (benchmarks, tests).
    pub fn build_all(outlines: &Outlines) -> Self {
        Self {
            levels: (0..=DEEPEST_LEVEL)
                .map(|l| Some(Arc::new(build_level(outlines, l))))
                .collect(),
            requested: vec![true; usize::from(DEEPEST_LEVEL) + 1],
            last_used: vec![0; usize::from(DEEPEST_LEVEL) + 1],
            uses: 0,
            requests: None,
            incoming: None,
            waker: Arc::default(),
        }
    }

    /// Collects levels that finished building.
    pub fn poll(&mut self) {
        while let Some(level) = self.incoming.as_ref().and_then(|rx| rx.try_recv().ok()) {
            self.store(level);
        }
    }

    /// Keeps a level that finished building in its slot, as just used, and drops the least
    /// recently used others while the levels hold more than [`KEPT_BYTES`].
    fn store(&mut self, level: LodLevel) {
        let index = usize::from(level.level);
        let Some(slot) = self.levels.get_mut(index) else {
            return;
        };
        *slot = Some(Arc::new(level));
        self.uses += 1;
        self.last_used[index] = self.uses;
        while self.held_bytes() > KEPT_BYTES {
            let Some(oldest) = (0..self.levels.len())
                .filter(|&l| l != index && self.levels[l].is_some())
                .min_by_key(|&l| self.last_used[l])
            else {
                break;
            };
            self.levels[oldest] = None;
            self.requested[oldest] = false;
        }
    }

    /// Bytes the built levels hold together.
    pub fn held_bytes(&self) -> usize {
        self.levels.iter().flatten().map(|l| l.heap_bytes()).sum()
    }

    /// The levels built and kept, coarsest first.
    pub fn built(&self) -> Vec<u8> {
        (0..=DEEPEST_LEVEL)
            .filter(|&l| self.levels[usize::from(l)].is_some())
            .collect()
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
                Ok(level) => self.store(level),
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
        let drawn = (wanted..self.levels.len())
            .chain(wanted.checked_sub(1))
            .find(|&l| self.levels[l].is_some())?;
        self.uses += 1;
        self.last_used[drawn] = self.uses;
        self.levels[drawn].clone()
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
    let line = border.gamma_multiply(f32::from(level.border_coverage) / 255.0);
    let ridges = &level.border_ridges[c.border_ridges.clone()];
    let points: usize = ridges.iter().map(|r| r.points as usize).sum();
    mesh.vertices.reserve(3 * points);
    mesh.indices.reserve(12 * points);
    let vertex = |p: Pos2, color| Vertex {
        pos: transform.apply(p),
        uv: egui::epaint::WHITE_UV,
        color,
    };
    for &ridge in ridges {
        let base = mesh.vertices.len() as u32;
        for v in level.border_vertices[ridge.vertices()].chunks_exact(3) {
            mesh.vertices.extend([
                vertex(v[0], Color32::TRANSPARENT),
                vertex(v[1], line),
                vertex(v[2], Color32::TRANSPARENT),
            ]);
        }
        mesh.indices
            .extend(ridge_indices(ridge.points).map(|i| base + i));
    }
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
    fn a_level_is_the_same_built_on_one_thread_or_several() {
        let outlines = Outlines::embedded().unwrap();
        for level in [1, 4] {
            let one = build_level_on(&outlines, level, 1);
            for threads in [2, 3, 7] {
                let many = build_level_on(&outlines, level, threads);
                assert_eq!(many.level, level);
                assert_eq!(many.countries.len(), one.countries.len());
                for (a, b) in one.countries.iter().zip(&many.countries) {
                    assert_eq!(
                        (
                            &a.fill_vertices,
                            &a.fill_indices,
                            &a.border_ridges,
                            &a.rings
                        ),
                        (
                            &b.fill_vertices,
                            &b.fill_indices,
                            &b.border_ridges,
                            &b.rings
                        ),
                        "level {level}, {threads} threads"
                    );
                }
                assert_eq!(one.fill_vertices, many.fill_vertices);
                assert_eq!(one.fill_indices, many.fill_indices);
                assert_eq!(one.border_vertices, many.border_vertices);
                assert_eq!(one.border_ridges, many.border_ridges);
                assert_eq!(one.border_coverage, many.border_coverage);
                assert_eq!(many.unkept_borders, 0);
            }
        }
    }

    #[test]
    fn a_level_built_wakes_the_ui() {
        let mut set = LodSet::spawn(Arc::new(Outlines::embedded().unwrap()));
        let ctx = egui::Context::default();
        let woken = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = Arc::clone(&woken);
        ctx.set_request_repaint_callback(move |_| {
            flag.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        set.wake(&ctx);
        let _ = set.for_zoom(1.0);
        assert!(set.wait_for(1.0, std::time::Duration::from_secs(120)));
        // The builder wakes the UI right after sending the level.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !woken.load(std::sync::atomic::Ordering::SeqCst) {
            assert!(
                std::time::Instant::now() < deadline,
                "no repaint was requested"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    #[test]
    fn only_the_levels_used_most_recently_are_kept_and_a_dropped_one_is_built_again() {
        let mut set = LodSet::spawn(Arc::new(Outlines::embedded().unwrap()));
        let wait = std::time::Duration::from_secs(120);
        for zoom in [8.0, 7.0, 6.0, 5.0, 2.0] {
            let _ = set.for_zoom(zoom);
            assert!(set.wait_for(zoom, wait), "zoom {zoom}");
            assert!(set.held_bytes() <= KEPT_BYTES, "{} bytes", set.held_bytes());
        }
        // Levels 8, 7 and 6 hold about 15 MB together; level 5 pushed out the oldest, 8.
        assert_eq!(set.built(), vec![2, 5, 6, 7]);
        // Drawn at zoom 8 now: the next finer level there is none of, so the coarser one, 7,
        // while 8 is asked for again.
        let drawn = set.for_zoom(8.0).map(|l| l.level);
        assert_eq!(drawn, Some(7));
        assert!(set.wait_for(8.0, wait));
        // 7 was just drawn, so 6 was the least recently used.
        assert_eq!(set.built(), vec![2, 5, 7, 8]);
    }

    /// The ridges keep no colours or triangles of their own; what a frame draws from them must
    /// be exactly what egui's tessellator makes of each simplified ring, at every level.
    #[test]
    fn borders_draw_exactly_what_egui_tessellates_at_every_level() {
        let outlines = Outlines::embedded().unwrap();
        let border = Color32::from_rgb(90, 100, 110);
        let fill = Color32::from_rgb(200, 190, 180);
        let mut tessellator =
            Tessellator::new(1.0, TessellationOptions::default(), [1, 1], Vec::new());
        for level in 0..=DEEPEST_LEVEL {
            let built = build_level(&outlines, level);
            assert_eq!(built.unkept_borders, 0, "level {level}");
            let scale = 2f64.powi(i32::from(level));
            let transform = crate::map::WorldTransform {
                center_world: (128.0, 128.0),
                center_screen: Pos2::new(640.0, 400.0),
                scale: scale * 1.5,
            };
            for (i, country) in built.countries.iter().enumerate() {
                let mut drawn = egui::Mesh::default();
                append_country(&mut drawn, &built, i, &transform, fill, border);
                let fills = country.fill_vertices.len();
                // The fill comes first; after it, each bordered ring as egui tessellates it.
                let mut expected = egui::Mesh::default();
                for ring in &country.rings {
                    let size = egui::Rect::from_points(ring).size() * scale as f32;
                    if size.max_elem() < MIN_BORDERED_PX {
                        continue;
                    }
                    let px = ring
                        .iter()
                        .map(|p| Pos2::new(p.x * scale as f32, p.y * scale as f32));
                    let mut mesh = egui::Mesh::default();
                    tessellator.tessellate_shape(
                        Shape::closed_line(
                            px.collect(),
                            Stroke::new(BORDER_WIDTH_PX, Color32::WHITE),
                        ),
                        &mut mesh,
                    );
                    let base = expected.vertices.len() as u32;
                    expected
                        .vertices
                        .extend(mesh.vertices.iter().map(|v| Vertex {
                            pos: transform.apply(Pos2::new(
                                (f64::from(v.pos.x) / scale) as f32,
                                (f64::from(v.pos.y) / scale) as f32,
                            )),
                            uv: egui::epaint::WHITE_UV,
                            color: border.gamma_multiply(f32::from(v.color.a()) / 255.0),
                        }));
                    expected
                        .indices
                        .extend(mesh.indices.iter().map(|k| base + k));
                }
                let base = fills as u32;
                assert_eq!(
                    drawn.vertices[fills..],
                    expected.vertices[..],
                    "level {level}, country {i}"
                );
                let border_indices: Vec<u32> = drawn.indices[country.fill_indices.len()..]
                    .iter()
                    .map(|k| k - base)
                    .collect();
                assert_eq!(
                    border_indices, expected.indices,
                    "level {level}, country {i}"
                );
            }
        }
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
                    !lod.border_ridges.is_empty(),
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

//! The countries layer: filled outlines (choropleth) and borders, with levels of detail.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use ::geo::{Coord, LineString, Simplify};
use egui::epaint::PathStroke;
use egui::epaint::tessellator::{Path, PathType};
use egui::{Color32, Mesh, Pos2, Rect, Response, Shape, Stroke, Ui};
use walkers::{MapMemory, Plugin, Projector};

use super::lod::{LodLevel, append_country};
use super::style::MapStyle;
use super::view::WorldTransform;
use crate::geo::Outlines;

/// Simplification tolerance of borders, in screen pixels at the level's zoom.
const BORDER_TOLERANCE_PX: f64 = 0.4;

/// Border rings simplified for one integer zoom level: `[country][ring][point]`, world-0.
pub type BorderLevel = Vec<Vec<Vec<Pos2>>>;

/// Borders simplified per integer zoom level, computed on first use and kept. Stroking the
/// full-resolution outlines every frame costs tens of milliseconds; at 0.4 px tolerance the
/// simplified rings look the same and hold a fraction of the points.
#[derive(Default)]
pub struct BorderCache {
    levels: HashMap<u8, Arc<BorderLevel>>,
}

impl BorderCache {
    /// The borders for `zoom`, simplified at the nearest integer level.
    pub fn level(&mut self, outlines: &Outlines, zoom: f64) -> Arc<BorderLevel> {
        let level = zoom.round().clamp(0.0, 24.0) as u8;
        self.levels
            .entry(level)
            .or_insert_with(|| Arc::new(simplify_level(outlines, level)))
            .clone()
    }
}

fn simplify_level(outlines: &Outlines, level: u8) -> BorderLevel {
    let epsilon = BORDER_TOLERANCE_PX / 2f64.powi(i32::from(level));
    outlines
        .countries
        .iter()
        .map(|country| {
            country
                .rings
                .iter()
                .map(|ring| {
                    let line = LineString::new(
                        ring.iter()
                            .map(|p| Coord {
                                x: f64::from(p.x),
                                y: f64::from(p.y),
                            })
                            .collect(),
                    );
                    line.simplify(epsilon)
                        .0
                        .into_iter()
                        .map(|c| Pos2::new(c.x as f32, c.y as f32))
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// The countries' mesh, kept across frames with what it was built from. A frame that asks for
/// the same (a repaint for the pointer, a tooltip or the side panel, with the map unchanged)
/// draws it again as it is; any other frame rebuilds it in the same buffers.
#[derive(Default)]
pub struct CountryMesh {
    mesh: Arc<Mesh>,
    built_from: Option<MeshKey>,
}

/// Everything the countries' mesh depends on.
#[derive(Clone)]
struct MeshKey {
    transform: WorldTransform,
    clip: Rect,
    /// The level of detail or fallback borders drawn, compared by address: a new level is a new
    /// `Arc`. Held, so no other level can be built at the address of this one (levels are
    /// dropped and built again as the zoom changes).
    geometry: Geometry,
    fills: Vec<Color32>,
    style: MapStyle,
    over_tiles: bool,
    hovered: Option<usize>,
    selected: Option<usize>,
    feathering: f32,
}

/// Draws the ocean, every country filled with its colour, and the borders.
///
/// With a level of detail available (see [`super::lod`]) everything is one mesh whose vertices
/// are only transformed; until the background builder delivers it, full-resolution fills and
/// per-frame simplified borders are drawn instead.
pub struct CountriesLayer<'a> {
    /// The outlines.
    pub outlines: &'a Outlines,
    /// Fill colour per country (same order as `outlines.countries`).
    pub fills: &'a [Color32],
    /// The level of detail for this zoom, once built.
    pub lod: Option<Arc<LodLevel>>,
    /// Fallback border rings while no level of detail is available.
    pub fallback_borders: Option<Arc<BorderLevel>>,
    /// The mesh, kept across frames: reused as it is when nothing it shows changed, and its
    /// buffers reused otherwise, so drawing allocates nothing once warmed up.
    pub mesh: &'a mut CountryMesh,
    /// Colours.
    pub style: &'a MapStyle,
    /// Whether a tile basemap is drawn underneath: then no ocean, and translucent fills.
    pub over_tiles: bool,
    /// Country under the pointer.
    pub hovered: Option<usize>,
    /// The selected country.
    pub selected: Option<usize>,
}

impl Plugin for CountriesLayer<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut Ui,
        _response: &Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let clip = projector.clip_rect();
        // The ocean is painted by the app under the tile layer (so missing tiles show ocean).
        // Over tiles, countries with stations stay readable and the rest barely tint the basemap.
        let land = self.style.land;
        let tint = |c: Color32| match (self.over_tiles, c == land) {
            (false, _) => c,
            (true, true) => c.gamma_multiply(0.08),
            (true, false) => c.gamma_multiply(0.5),
        };
        let transform = WorldTransform::from_projector(projector);
        let (outlines, t) = (self.outlines, &transform);
        // An iterator made twice rather than a list collected once: nothing to allocate.
        let visible = move || {
            (0..outlines.countries.len()).filter(move |&i| {
                t.apply_rect(outlines.countries[i].world_bounds)
                    .intersects(clip)
            })
        };
        let plain = |i: usize| Some(i) != self.selected && Some(i) != self.hovered;
        let highlights = [
            (self.hovered, self.style.hovered_border),
            (self.selected, self.style.selected_border),
        ];
        let feathering = feathering(ui.ctx());

        let unchanged = self.mesh.built_from.as_ref().is_some_and(|key| {
            key.transform == transform
                && key.clip == clip
                && same_geometry(
                    &key.geometry,
                    self.lod.as_ref(),
                    self.fallback_borders.as_ref(),
                )
                && key.fills == self.fills
                && key.style == *self.style
                && key.over_tiles == self.over_tiles
                && key.hovered == self.hovered
                && key.selected == self.selected
                && key.feathering == feathering
        });
        if unchanged {
            paint_alone(ui, &self.mesh.mesh);
            return;
        }
        // The last key's list of fills is reused, so a pan (a new transform each frame) does
        // not allocate one per frame.
        let mut fills = self
            .mesh
            .built_from
            .take()
            .map(|key| key.fills)
            .unwrap_or_default();
        fills.clear();
        fills.extend_from_slice(self.fills);
        self.mesh.built_from = Some(MeshKey {
            transform,
            clip,
            geometry: (self.lod.clone(), self.fallback_borders.clone()),
            fills,
            style: self.style.clone(),
            over_tiles: self.over_tiles,
            hovered: self.hovered,
            selected: self.selected,
            feathering,
        });

        // Everything is one mesh, in drawing order: fills, borders, then the hovered and the
        // selected outline. Egui dropped last frame's clone after tessellating, so this reuses
        // the buffers and a frame allocates nothing once warmed up.
        let mesh = Arc::make_mut(&mut self.mesh.mesh);
        // Not `Mesh::clear`, which (epaint 0.37) drops the vertex buffer instead of keeping it.
        mesh.vertices.clear();
        mesh.indices.clear();
        match (&self.lod, &self.fallback_borders) {
            (Some(level), _) => {
                for i in visible() {
                    let fill = tint(self.fills.get(i).copied().unwrap_or(self.style.land));
                    let stroke = if plain(i) {
                        self.style.border.color
                    } else {
                        Color32::TRANSPARENT
                    };
                    append_country(mesh, level, i, &transform, fill, stroke);
                }
                for (i, stroke) in highlights {
                    if let Some(c) = i.and_then(|i| level.countries.get(i)) {
                        stroke_rings(mesh, &c.rings, &transform, clip, stroke, feathering);
                    }
                }
            }
            (None, borders) => {
                for i in visible() {
                    let country = &self.outlines.countries[i];
                    let color = tint(self.fills.get(i).copied().unwrap_or(self.style.land));
                    let base = mesh.vertices.len() as u32;
                    mesh.vertices.extend(country.fill_vertices.iter().map(|&p| {
                        egui::epaint::Vertex {
                            pos: transform.apply(p),
                            uv: egui::epaint::WHITE_UV,
                            color,
                        }
                    }));
                    mesh.indices
                        .extend(country.fill_indices.iter().map(|&k| base + k));
                }
                if let Some(borders) = borders {
                    let border = self.style.border;
                    for i in visible().filter(|&i| plain(i)) {
                        stroke_rings(mesh, &borders[i], &transform, clip, border, feathering);
                    }
                    for (i, stroke) in highlights {
                        if let Some(rings) = i.and_then(|i| borders.get(i)) {
                            stroke_rings(mesh, rings, &transform, clip, stroke, feathering);
                        }
                    }
                }
            }
        }
        paint_alone(ui, &self.mesh.mesh);
    }
}

/// Paints the countries' mesh as a draw call of its own.
///
/// Egui's tessellator appends every shape of one clip rectangle to one output mesh. Appended
/// there, the countries' mesh (tens of thousands of vertices) left the buffer full, and the
/// next small shape (a marker, a label) made it grow: the whole mesh copied once more each
/// frame, a seventh of a world-view frame. A clip rectangle of its own, smaller by a thousandth
/// of a point at the bottom (nothing a pixel shows), makes the tessellator start a new output
/// mesh before and after it.
fn paint_alone(ui: &Ui, mesh: &Arc<Mesh>) {
    let clip = ui.clip_rect();
    ui.painter()
        .with_clip_rect(clip.with_max_y(clip.max.y - 1e-3))
        .add(Shape::Mesh(Arc::clone(mesh)));
}

/// The shared geometry a mesh was built from.
type Geometry = (Option<Arc<LodLevel>>, Option<Arc<BorderLevel>>);

/// Whether a mesh built from `built` drew the same level of detail and fallback borders.
fn same_geometry(
    built: &Geometry,
    lod: Option<&Arc<LodLevel>>,
    borders: Option<&Arc<BorderLevel>>,
) -> bool {
    fn same<T>(a: Option<&Arc<T>>, b: Option<&Arc<T>>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
    same(built.0.as_ref(), lod) && same(built.1.as_ref(), borders)
}

/// The anti-aliasing width egui's tessellator would use for a stroke, in points, so strokes
/// tessellated here look as the `Shape::line`s they replace.
fn feathering(ctx: &egui::Context) -> f32 {
    let (on, pixels) = ctx.tessellation_options(|o| (o.feathering, o.feathering_size_in_pixels));
    if on {
        pixels / ctx.pixels_per_point()
    } else {
        0.0
    }
}

thread_local! {
    /// Scratch for [`stroke_rings`]: a ring in screen points and egui's path built from it.
    /// Kept here because the layer is built afresh each frame; cleared before each use, so
    /// nothing carries over between rings or frames.
    static STROKE_SCRATCH: RefCell<(Path, Vec<Pos2>)> = RefCell::new((Path::default(), Vec::new()));
}

/// Appends the rings (world-0, as open polylines) stroked with `stroke` to `mesh`, exactly as
/// egui tessellates a `Shape::line`, skipping rings off `clip` or under a pixel in size. Into
/// the kept mesh rather than as one shape per ring, which would allocate a list per ring per
/// frame.
fn stroke_rings(
    mesh: &mut Mesh,
    rings: &[Vec<Pos2>],
    t: &WorldTransform,
    clip: Rect,
    stroke: Stroke,
    feathering: f32,
) {
    let stroke = PathStroke::from(stroke);
    STROKE_SCRATCH.with(|scratch| {
        let (path, points) = &mut *scratch.borrow_mut();
        for ring in rings {
            if ring.len() < 2 {
                continue;
            }
            points.clear();
            points.extend(ring.iter().map(|&p| t.apply(p)));
            let bounds = Rect::from_points(points);
            if !bounds.intersects(clip) || (bounds.width() < 1.0 && bounds.height() < 1.0) {
                continue;
            }
            path.clear();
            path.add_open_points(points);
            path.stroke(feathering, PathType::Open, &stroke, mesh);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplified_borders_keep_every_ring_and_far_fewer_points_at_world_view() {
        let outlines = Outlines::embedded().unwrap();
        let mut cache = BorderCache::default();
        let world = cache.level(&outlines, 2.0);
        let full: usize = outlines.vertex_count();
        let simplified: usize = world.iter().flatten().map(Vec::len).sum();
        assert_eq!(world.len(), outlines.countries.len());
        for (country, rings) in outlines.countries.iter().zip(world.iter()) {
            assert_eq!(country.rings.len(), rings.len());
        }
        assert!(simplified * 4 < full, "{simplified} of {full}");
        let deep = cache.level(&outlines, 12.0);
        let deep_points: usize = deep.iter().flatten().map(Vec::len).sum();
        assert!(deep_points > simplified);
    }

    #[test]
    fn stroked_rings_are_the_triangles_egui_makes_of_shape_lines() {
        use egui::epaint::{TessellationOptions, Tessellator};
        let outlines = Outlines::embedded().unwrap();
        let rings = &BorderCache::default().level(&outlines, 3.0)[7];
        let transform = WorldTransform {
            center_world: (0.5, 0.5),
            center_screen: Pos2::new(400.0, 300.0),
            scale: 8.0 * 256.0,
        };
        let clip = Rect::EVERYTHING;
        let stroke = Stroke::new(1.5, Color32::from_rgb(10, 20, 30));
        for pixels_per_point in [1.0, 2.0] {
            let options = TessellationOptions::default();
            let mut tessellator = Tessellator::new(pixels_per_point, options, [1, 1], Vec::new());
            let mut expected = Mesh::default();
            for ring in rings.iter() {
                let points: Vec<Pos2> = ring.iter().map(|&p| transform.apply(p)).collect();
                let bounds = Rect::from_points(&points);
                if ring.len() >= 2 && (bounds.width() >= 1.0 || bounds.height() >= 1.0) {
                    tessellator.tessellate_shape(Shape::line(points, stroke), &mut expected);
                }
            }
            let feathering = options.feathering_size_in_pixels / pixels_per_point;
            let mut mesh = Mesh::default();
            stroke_rings(&mut mesh, rings, &transform, clip, stroke, feathering);
            assert!(!mesh.is_empty());
            assert_eq!(mesh.indices, expected.indices);
            assert_eq!(mesh.vertices, expected.vertices);
        }
    }
}

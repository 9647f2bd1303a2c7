//! Drawing the stations as a walkers plugin ([`StationsLayer`]): precision symbols, the fans'
//! leader lines, cluster discs with counts, the weak-source mark and the highlight. Where
//! things go is decided beforehand (`layout`); this only paints.

use std::cell::RefCell;
use std::sync::Arc;

use egui::{Color32, Mesh, Painter, Pos2, Response, Shape, Stroke, Ui, Vec2};
use walkers::{MapMemory, Plugin, Projector};

use super::MARKER_RADIUS;
use super::layout::{MarkerLayout, cluster_radius};
use crate::data::{Precision, StatusClass};
use crate::map::style::MapStyle;

/// Segments of a cluster disc: smooth enough at these radii (≤ 25 px).
const DISC_SEGMENTS: usize = 14;

/// Appends a cluster disc to `mesh`: a fan for the fill (radius `r` minus the outline), a band
/// for the outline, a translucent halo band of `halo` px, and a 1 px fade for anti-aliasing.
fn push_disc(
    mesh: &mut Mesh,
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

/// Draws the precision symbol used by markers and the legend.
pub fn draw_precision_symbol(
    painter: &Painter,
    center: Pos2,
    precision: Precision,
    fill: Color32,
    stroke: Stroke,
) {
    painter.extend(precision_symbol_shapes(center, precision, fill, stroke));
}

/// The shapes of a precision symbol: the one definition of the markers' look, painted on the
/// map and in the legend and written into the map picture's SVG.
pub fn precision_symbol_shapes(
    center: Pos2,
    precision: Precision,
    fill: Color32,
    stroke: Stroke,
) -> Vec<Shape> {
    let r = MARKER_RADIUS;
    let halo = Stroke::new(stroke.width + 2.0, stroke.color);
    match precision {
        Precision::Address => vec![Shape::Circle(egui::epaint::CircleShape {
            center,
            radius: r,
            fill,
            stroke,
        })],
        Precision::District => vec![
            Shape::circle_stroke(center, r - 1.0, halo),
            Shape::circle_stroke(center, r - 1.0, Stroke::new(2.5, fill)),
            Shape::circle_filled(center, 1.8, fill),
        ],
        Precision::City => vec![
            Shape::circle_stroke(center, r - 1.0, halo),
            Shape::circle_stroke(center, r - 1.0, Stroke::new(2.5, fill)),
        ],
        Precision::Region => {
            let points = vec![
                center + Vec2::new(0.0, -r - 1.5),
                center + Vec2::new(r + 1.5, 0.0),
                center + Vec2::new(0.0, r + 1.5),
                center + Vec2::new(-r - 1.5, 0.0),
            ];
            vec![
                Shape::closed_line(points.clone(), halo),
                Shape::closed_line(points, Stroke::new(2.0, fill)),
            ]
        }
        Precision::Country => {
            let rect = egui::Rect::from_center_size(center, Vec2::splat(2.0 * r));
            vec![
                Shape::rect_stroke(rect, 0.0, halo, egui::StrokeKind::Middle),
                Shape::rect_stroke(rect, 0.0, Stroke::new(2.0, fill), egui::StrokeKind::Middle),
            ]
        }
    }
}

thread_local! {
    /// The cluster discs' mesh, kept between frames so drawing them allocates nothing once
    /// warmed up. Kept here rather than in [`StationsLayer`] because the app builds the layer
    /// afresh each frame; it holds nothing from one frame to the next (it is cleared first),
    /// and egui drops its clone after tessellating, so the buffers are not copied.
    static DISCS: RefCell<Arc<Mesh>> = RefCell::new(Arc::new(Mesh::default()));
}

/// The cluster discs of `layout` in one mesh, refilled in the kept buffer.
fn disc_mesh(layout: &MarkerLayout, style: &MapStyle) -> Arc<Mesh> {
    DISCS.with(|kept| {
        let mut kept = kept.borrow_mut();
        // Copies only if last frame's mesh is still shared (not yet tessellated).
        let mesh = Arc::make_mut(&mut kept);
        // Not `Mesh::clear`, which (epaint 0.37) drops the vertex buffer instead of keeping it.
        mesh.vertices.clear();
        mesh.indices.clear();
        for cluster in &layout.clusters {
            let r = cluster_radius(cluster.members.len());
            push_disc(
                mesh,
                cluster.pos,
                r,
                style.marker_fill,
                style.marker_stroke,
                2.5,
            );
        }
        Arc::clone(&kept)
    })
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
    /// Per station: its status class as shown (the marker's fill).
    pub status: &'a [StatusClass],
}

/// The mark of a weakly sourced station: a dashed ring around its symbol.
pub fn draw_weak_mark(painter: &Painter, center: Pos2, color: Color32) {
    painter.extend(weak_mark_shapes(center, color));
}

/// The shapes of [`draw_weak_mark`] (also written into the map picture).
pub fn weak_mark_shapes(center: Pos2, color: Color32) -> Vec<Shape> {
    let r = MARKER_RADIUS + 3.5;
    let dashes = 8;
    (0..dashes)
        .map(|k| {
            let a0 = k as f32 * std::f32::consts::TAU / dashes as f32;
            let a1 = a0 + std::f32::consts::TAU / dashes as f32 * 0.5;
            Shape::line_segment(
                [center + r * Vec2::angled(a0), center + r * Vec2::angled(a1)],
                Stroke::new(1.5, color),
            )
        })
        .collect()
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
        painter.add(Shape::Mesh(disc_mesh(self.layout, self.style)));
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
            let class = self.status.get(marker.station).copied().unwrap_or_default();
            let mut fill = self.style.status_fill(class);
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

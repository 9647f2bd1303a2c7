//! Labels on the live map: the shared candidates ([`label_candidates`]) sized for the zoom, placed
//! by the pure placer around the markers, clusters, legend and attribution, and drawn over the
//! markers with a halo so they read over the outline map and over tiles alike.
//!
//! Placement runs once per zoom, data, filter, selection, map size or legend change, not per
//! frame. Panning at one zoom moves every label by the same offset, so while the view moves the
//! last placement is drawn translated (free), and once it rests (a frame with no movement since
//! the last) the labels are placed again for the new extent, so names that came into view appear
//! and none stays under the legend. The one repaint this asks for is the only frame it costs.

use egui::{Align, Color32, FontId, Painter, Pos2, Rect, Vec2};

use super::label_candidates::{LabelSizes, MarkerPoint, label_candidates};
use super::labels::{place_labels, text_size};
use super::stations::MARKER_RADIUS;
use super::{BOUNDARY_ATTRIBUTION, MarkerLayout, WorldTransform, cluster_radius};
use crate::state::Model;

/// Half the side of the box a marker keeps clear of labels (its symbol and the weak mark).
const MARKER_CLEARANCE: f32 = MARKER_RADIUS + 5.0;
/// From this zoom on, stations' cities are named (below it the markers are mostly clustered and
/// country names matter more).
pub const CITY_LABEL_ZOOM: f64 = 4.0;
/// Offsets of the halo drawn around each label's text, in screen points.
const HALO: [Vec2; 8] = [
    Vec2::new(-1.0, -1.0),
    Vec2::new(0.0, -1.0),
    Vec2::new(1.0, -1.0),
    Vec2::new(-1.0, 0.0),
    Vec2::new(1.0, 0.0),
    Vec2::new(-1.0, 1.0),
    Vec2::new(0.0, 1.0),
    Vec2::new(1.0, 1.0),
];

/// A label as placed on the live map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLabel {
    /// The text.
    pub text: String,
    /// The box it occupies on screen (at the time it was placed; see [`LiveLabels::labels`]).
    pub rect: Rect,
    /// How the text sits in its box.
    pub align: Align,
    /// Font size in points.
    pub font_size: f32,
    /// A country with shown stations, the selected country, or a station's city.
    pub strong: bool,
}

/// What a placement depends on, besides where the view's centre is.
#[derive(Clone, Debug, PartialEq)]
struct PlacementKey {
    zoom_bits: u64,
    data_version: u64,
    shown_version: u64,
    selected: Option<String>,
    map_size: Vec2,
    /// The legend relative to the map's corner (it is docked, so this changes only when it is
    /// folded, hidden or the window resized).
    legend: Option<Rect>,
    tiles: bool,
}

/// The live map's labels, placed once per placement key (zoom, data, selection, size, legend,
/// tiles) and view rest.
#[derive(Default)]
pub struct LiveLabels {
    placed: Vec<MapLabel>,
    key: Option<PlacementKey>,
    /// The transform the labels were placed with.
    placed_with: Option<WorldTransform>,
    /// The pan offset drawn in the previous frame.
    last_offset: Vec2,
    /// How many placements were computed (for tests and benchmarks).
    placements: u64,
    /// Whether the last update placed the labels (the view is at rest in a new place).
    placed_now: bool,
}

impl LiveLabels {
    /// Places the labels again if anything they depend on changed or the view came to rest after
    /// a pan; asks for one more frame while a pan is drawn translated.
    #[expect(
        clippy::too_many_arguments,
        reason = "one frame's view, read in one place"
    )]
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        model: &Model,
        transform: &WorldTransform,
        map_rect: Rect,
        layout: &MarkerLayout,
        legend: Option<Rect>,
        tiles: bool,
    ) {
        let zoom = transform.scale.log2();
        let key = PlacementKey {
            zoom_bits: transform.scale.to_bits(),
            data_version: model.data_version(),
            shown_version: model.shown_version(),
            selected: model.selection().country.clone(),
            map_size: map_rect.size(),
            legend: legend.map(|r| r.translate(-map_rect.min.to_vec2())),
            tiles,
        };
        self.placed_now = false;
        let offset = self.offset(transform);
        let moving = offset != Vec2::ZERO && offset != self.last_offset;
        if self.key.as_ref() == Some(&key) && offset == Vec2::ZERO {
            return;
        }
        if self.key.as_ref() == Some(&key) && moving {
            // Still panning: draw the last placement moved along, and look again next frame.
            self.last_offset = offset;
            ctx.request_repaint();
            return;
        }
        self.placed = place(model, transform, map_rect, layout, legend, tiles, zoom);
        self.key = Some(key);
        self.placed_with = Some(*transform);
        self.last_offset = Vec2::ZERO;
        self.placements += 1;
        self.placed_now = true;
    }

    /// Whether the last [`Self::update`] placed the labels anew (a new view at rest): the moment
    /// for anything else that should not move while the map moves, such as the legend's corner.
    pub fn placed_now(&self) -> bool {
        self.placed_now
    }

    /// The labels as drawn now (moved with the view since they were placed).
    pub fn labels(&self) -> impl Iterator<Item = MapLabel> + '_ {
        let offset = self.last_offset;
        self.placed.iter().map(move |l| MapLabel {
            rect: l.rect.translate(offset),
            ..l.clone()
        })
    }

    /// How many times the labels were placed since the scene began.
    pub fn placements(&self) -> u64 {
        self.placements
    }

    /// Draws the labels in the theme's ink over a halo of its ground (near-black in the dark
    /// theme, near-white in the light), so each name reads over borders, fills and tiles.
    pub fn draw(&self, painter: &Painter, dark: bool) {
        let (ink, weak_ink, halo) = if dark {
            (
                Color32::from_gray(238),
                Color32::from_gray(190),
                Color32::from_black_alpha(200),
            )
        } else {
            (
                Color32::from_gray(20),
                Color32::from_gray(75),
                Color32::from_white_alpha(210),
            )
        };
        for label in self.labels() {
            let color = if label.strong { ink } else { weak_ink };
            let galley =
                painter.layout_no_wrap(label.text, FontId::proportional(label.font_size), color);
            let size = galley.size();
            let x = match label.align {
                Align::Min => label.rect.left(),
                Align::Max => label.rect.right() - size.x,
                Align::Center => label.rect.center().x - size.x / 2.0,
            };
            let pos = Pos2::new(x, label.rect.center().y - size.y / 2.0);
            for d in HALO {
                painter.galley_with_override_text_color(pos + d, galley.clone(), halo);
            }
            painter.galley(pos, galley, color);
        }
    }

    fn offset(&self, transform: &WorldTransform) -> Vec2 {
        match self.placed_with {
            Some(then) if then.scale.to_bits() == transform.scale.to_bits() => {
                let at = Pos2::new(then.center_world.0 as f32, then.center_world.1 as f32);
                transform.apply(at) - then.apply(at)
            }
            _ => Vec2::ZERO,
        }
    }
}

/// Font sizes for a zoom: names grow a little as the map does, and stay readable at the world.
fn sizes_for(zoom: f64) -> LabelSizes {
    let z = zoom as f32;
    LabelSizes {
        country_with_stations: (10.0 + z).clamp(12.0, 16.0),
        country: (7.5 + z).clamp(10.0, 13.5),
        city: 11.5,
    }
}

/// The placement for one view.
fn place(
    model: &Model,
    transform: &WorldTransform,
    map_rect: Rect,
    layout: &MarkerLayout,
    legend: Option<Rect>,
    tiles: bool,
    zoom: f64,
) -> Vec<MapLabel> {
    let points: Vec<MarkerPoint> = if zoom >= CITY_LABEL_ZOOM - 1e-6 {
        layout
            .markers
            .iter()
            .filter(|m| map_rect.contains(m.pos))
            .map(|m| MarkerPoint {
                station: m.station,
                pos: m.pos,
                anchor: m.anchor,
            })
            .collect()
    } else {
        Vec::new()
    };
    let candidates = label_candidates(
        model,
        transform,
        map_rect,
        &points,
        sizes_for(zoom),
        MARKER_CLEARANCE,
    );
    let mut obstacles: Vec<Rect> = layout
        .markers
        .iter()
        .map(|m| Rect::from_center_size(m.pos, Vec2::splat(2.0 * MARKER_CLEARANCE)))
        .chain(layout.clusters.iter().map(|c| {
            Rect::from_center_size(
                c.pos,
                Vec2::splat(2.0 * cluster_radius(c.members.len()) + 4.0),
            )
        }))
        .filter(|r| r.intersects(map_rect))
        .collect();
    if let Some(legend) = legend {
        obstacles.push(legend.expand(4.0));
    }
    // The boundary attribution at the bottom right, and the tile provider's above it.
    let credit = text_size(BOUNDARY_ATTRIBUTION, 10.0) + Vec2::new(12.0, 8.0);
    let credit_height = if tiles { credit.y + 26.0 } else { credit.y };
    obstacles.push(Rect::from_min_max(
        map_rect.right_bottom() - Vec2::new(credit.x, credit_height),
        map_rect.right_bottom(),
    ));
    place_labels(&candidates.labels, &obstacles, map_rect.shrink(4.0))
        .into_iter()
        .map(|p| {
            let c = &candidates.labels[p.candidate];
            MapLabel {
                text: c.text.clone(),
                rect: p.rect,
                align: p.align,
                font_size: c.font_size,
                strong: candidates.strong[p.candidate],
            }
        })
        .collect()
}

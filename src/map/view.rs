//! The map's view: zoom limits, keeping the world on screen, "whole world", zoom to a country.

use egui::{Pos2, Rect, Vec2};
use walkers::{MapMemory, MercatorProjection, Position, Projector};

use crate::geo::{WORLD_SIZE, lonlat_from_world, world_from_lonlat};

/// Deepest zoom allowed: street level is meaningless for city-level coordinates, and world-0
/// geometry in f32 stays sub-pixel accurate up to here.
pub const MAX_ZOOM: f64 = 12.0;

/// The map's memory plus the rectangle it was last drawn in.
#[derive(Clone, Debug)]
pub struct MapView {
    /// walkers' state: centre and zoom.
    pub memory: MapMemory,
    /// Where the map was drawn in the last frame (screen points).
    pub rect: Rect,
}

impl Default for MapView {
    fn default() -> Self {
        let mut view = Self {
            memory: MapMemory::default(),
            rect: Rect::from_min_size(Pos2::ZERO, Vec2::new(1024.0, 768.0)),
        };
        view.whole_world();
        view
    }
}

/// The parts of `map` that `covered` leaves free: the whole map if nothing covers it, else the
/// strips to its right, left, above and below (those with room in them).
pub fn free_areas(map: Rect, covered: Option<Rect>) -> Vec<Rect> {
    let Some(c) = covered
        .map(|c| c.intersect(map))
        .filter(|c| c.is_positive())
    else {
        return vec![map];
    };
    [
        Rect::from_min_max(egui::pos2(c.max.x, map.min.y), map.max),
        Rect::from_min_max(map.min, egui::pos2(c.min.x, map.max.y)),
        Rect::from_min_max(map.min, egui::pos2(map.max.x, c.min.y)),
        Rect::from_min_max(egui::pos2(map.min.x, c.max.y), map.max),
    ]
    .into_iter()
    .filter(|r| r.width() >= 40.0 && r.height() >= 40.0)
    .collect()
}

/// The position walkers would follow if the map were not detached; the app always detaches it.
pub fn anchor() -> Position {
    walkers::lon_lat(0.0, 20.0)
}

impl MapView {
    /// The smallest zoom at which the world still fills the map's rectangle.
    pub fn min_zoom(&self) -> f64 {
        let longest = f64::from(self.rect.width().max(self.rect.height())).max(1.0);
        (longest / WORLD_SIZE).log2().clamp(0.0, MAX_ZOOM)
    }

    /// Shows the whole world (zoomed out as far as allowed, centred).
    pub fn whole_world(&mut self) {
        let zoom = self.min_zoom();
        self.set_zoom(zoom);
        self.memory.center_at(walkers::lon_lat(10.0, 20.0));
        self.clamp();
    }

    /// Sets the zoom within the allowed range.
    pub fn set_zoom(&mut self, zoom: f64) {
        let zoom = zoom.clamp(self.min_zoom(), MAX_ZOOM);
        // Within 0..=26 by construction, so walkers accepts it.
        let _ = self.memory.set_zoom(zoom);
    }

    /// Zooms by `levels` (positive is in), keeping the centre.
    pub fn zoom_by(&mut self, levels: f64) {
        self.set_zoom(self.memory.zoom() + levels);
        self.clamp();
    }

    /// Zooms by `levels` keeping the place under `pos` (a screen position on the map) where it
    /// is, as the mouse wheel does; outside the map it zooms about the centre.
    pub fn zoom_by_around(&mut self, levels: f64, pos: Pos2) {
        if !self.rect.contains(pos) {
            self.zoom_by(levels);
            return;
        }
        let under_pointer = self.projector().unproject(pos.to_vec2());
        self.set_zoom(self.memory.zoom() + levels);
        let projector = self.projector();
        let moved_to = projector.project(under_pointer).to_pos2();
        let centre = projector.unproject((self.rect.center() + (moved_to - pos)).to_vec2());
        self.memory.center_at(centre);
        self.clamp();
    }

    /// The centre of the map.
    pub fn center(&self) -> Position {
        self.memory.detached().unwrap_or_else(anchor)
    }

    /// Keeps zoom within limits and the world covering the whole map rectangle, so the map can't
    /// be dragged off into empty space. Returns whether anything changed.
    pub fn clamp(&mut self) -> bool {
        let mut changed = false;
        let zoom = self.memory.zoom();
        let min = self.min_zoom();
        if zoom < min - 1e-9 || zoom > MAX_ZOOM + 1e-9 {
            let _ = self.memory.set_zoom(zoom.clamp(min, MAX_ZOOM));
            changed = true;
        }
        let scale = 2f64.powf(self.memory.zoom());
        let center = self.center();
        let (x, y) = world_from_lonlat(center.x(), center.y());
        let half_w = f64::from(self.rect.width()) / 2.0 / scale;
        let half_h = f64::from(self.rect.height()) / 2.0 / scale;
        let clamp_axis = |v: f64, half: f64| {
            if 2.0 * half >= WORLD_SIZE {
                WORLD_SIZE / 2.0
            } else {
                v.clamp(half, WORLD_SIZE - half)
            }
        };
        let (cx, cy) = (clamp_axis(x, half_w), clamp_axis(y, half_h));
        if (cx - x).abs() > 1e-9 || (cy - y).abs() > 1e-9 || self.memory.detached().is_none() {
            self.memory.center_at(lonlat_from_world(cx, cy));
            changed = true;
        }
        changed
    }

    /// Centres and zooms so a world-0 rectangle fills, with a margin, the part of the map that
    /// `covered` (an overlay such as the legend, in screen points) leaves free: beside the overlay
    /// or above it, whichever shows the rectangle larger.
    pub fn fit_world_rect(&mut self, bounds: Rect, covered: Option<Rect>) {
        let margin = 0.85;
        let w = f64::from(bounds.width()).max(1e-6);
        let h = f64::from(bounds.height()).max(1e-6);
        let zoom_in = |area: Rect| {
            let zoom_x = (f64::from(area.width()) * margin / w).log2();
            let zoom_y = (f64::from(area.height()) * margin / h).log2();
            zoom_x.min(zoom_y)
        };
        let free = free_areas(self.rect, covered)
            .into_iter()
            .max_by(|a, b| zoom_in(*a).total_cmp(&zoom_in(*b)))
            .unwrap_or(self.rect);
        self.set_zoom(zoom_in(free).min(8.0));
        // The rectangle's centre goes to the free area's centre, so the map's own centre is
        // offset from it by the distance between the two centres.
        let scale = 2f64.powf(self.memory.zoom());
        let offset = self.rect.center() - free.center();
        let c = bounds.center();
        self.memory.center_at(lonlat_from_world(
            f64::from(c.x) + f64::from(offset.x) / scale,
            f64::from(c.y) + f64::from(offset.y) / scale,
        ));
        self.clamp();
    }

    /// A projector for the last drawn map rectangle (for tests and hit tests outside the map).
    pub fn projector(&self) -> Projector<'static> {
        Projector::new(self.rect, &MercatorProjection, &self.memory, anchor())
    }
}

/// Maps world-0 coordinates to screen points for one frame, computed in f64 around the centre.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WorldTransform {
    /// World-0 coordinates of the screen centre.
    pub center_world: (f64, f64),
    /// Screen position of the map's centre.
    pub center_screen: Pos2,
    /// Screen points per world-0 unit (2^zoom).
    pub scale: f64,
}

impl WorldTransform {
    /// The transform walkers' projector uses this frame.
    pub fn from_projector(projector: &Projector) -> Self {
        let clip = projector.clip_rect();
        let center = projector.unproject(clip.center().to_vec2());
        Self {
            center_world: world_from_lonlat(center.x(), center.y()),
            center_screen: clip.center(),
            scale: 2f64.powf(projector.zoom()),
        }
    }

    /// A world-0 point on screen. In f32: vertices are stored in f32 anyway, and `p - centre`
    /// is exact when both are close (Sterbenz); at the deepest zoom the whole map may shift by
    /// a few hundredths of a pixel, which nobody sees, and every layer shifts alike.
    #[inline]
    pub fn apply(&self, p: Pos2) -> Pos2 {
        let s = self.scale as f32;
        Pos2::new(
            self.center_screen.x + (p.x - self.center_world.0 as f32) * s,
            self.center_screen.y + (p.y - self.center_world.1 as f32) * s,
        )
    }

    /// A world-0 rectangle on screen.
    pub fn apply_rect(&self, r: Rect) -> Rect {
        Rect::from_min_max(self.apply(r.min), self.apply(r.max))
    }

    /// A screen point in world-0 coordinates.
    pub fn invert(&self, p: Pos2) -> (f64, f64) {
        (
            self.center_world.0 + f64::from(p.x - self.center_screen.x) / self.scale,
            self.center_world.1 + f64::from(p.y - self.center_screen.y) / self.scale,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(w: f32, h: f32) -> MapView {
        let mut v = MapView {
            memory: MapMemory::default(),
            rect: Rect::from_min_size(Pos2::ZERO, Vec2::new(w, h)),
        };
        v.whole_world();
        v
    }

    #[test]
    fn whole_world_fills_the_map_without_empty_space() {
        let v = view(1000.0, 700.0);
        let t = WorldTransform::from_projector(&v.projector());
        let world = t.apply_rect(Rect::from_min_max(Pos2::ZERO, Pos2::new(256.0, 256.0)));
        assert!(
            world.contains_rect(v.rect.shrink(0.5)),
            "{world:?} must cover {:?}",
            v.rect
        );
    }

    #[test]
    fn dragging_past_the_edge_is_pulled_back() {
        let mut v = view(800.0, 600.0);
        v.set_zoom(4.0);
        v.memory.center_at(walkers::lon_lat(179.0, 84.0));
        assert!(v.clamp());
        let t = WorldTransform::from_projector(&v.projector());
        let world = t.apply_rect(Rect::from_min_max(Pos2::ZERO, Pos2::new(256.0, 256.0)));
        assert!(world.contains_rect(v.rect.shrink(0.5)));
        assert!(!v.clamp(), "a clamped view stays put");
    }

    #[test]
    fn zoom_stays_within_limits() {
        let mut v = view(800.0, 600.0);
        v.zoom_by(-5.0);
        assert!((v.memory.zoom() - v.min_zoom()).abs() < 1e-9);
        v.zoom_by(40.0);
        assert_eq!(v.memory.zoom(), MAX_ZOOM);
    }

    #[test]
    fn transform_agrees_with_walkers() {
        let mut v = view(900.0, 700.0);
        v.set_zoom(6.3);
        v.memory.center_at(walkers::lon_lat(-3.0, 40.0));
        let projector = v.projector();
        let t = WorldTransform::from_projector(&projector);
        let madrid = walkers::lon_lat(-3.7038, 40.4168);
        let (x, y) = world_from_lonlat(madrid.x(), madrid.y());
        let ours = t.apply(Pos2::new(x as f32, y as f32));
        let theirs = projector.project(madrid).to_pos2();
        assert!((ours - theirs).length() < 0.05, "{ours:?} vs {theirs:?}");
    }
}

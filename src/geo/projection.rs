//! Web Mercator to and from "world-0" coordinates (the world is `WORLD_SIZE` units square).

use egui::Pos2;
use walkers::Position;

/// Width and height of the world at zoom 0, as in walkers' tile grid.
pub const WORLD_SIZE: f64 = 256.0;

/// Web Mercator's latitude limit; beyond it the projection runs to infinity.
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;

/// Projects lon/lat (degrees) to world-0 coordinates, clamping latitude to the Mercator limit.
pub fn world_from_lonlat(lon: f64, lat: f64) -> (f64, f64) {
    let lat = lat.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    let x = (lon + 180.0) / 360.0 * WORLD_SIZE;
    let y = (1.0 - lat.tan().asinh() / std::f64::consts::PI) / 2.0 * WORLD_SIZE;
    (x, y)
}

/// The inverse of [`world_from_lonlat`].
pub fn lonlat_from_world(x: f64, y: f64) -> Position {
    let lon = x / WORLD_SIZE * 360.0 - 180.0;
    let n = std::f64::consts::PI * (1.0 - 2.0 * y / WORLD_SIZE);
    let lat = n.sinh().atan().to_degrees();
    walkers::lon_lat(lon, lat)
}

/// [`world_from_lonlat`] as an egui point (f32 is precise enough for the zoom levels allowed).
pub fn world_pos(lon: f64, lat: f64) -> Pos2 {
    let (x, y) = world_from_lonlat(lon, lat);
    Pos2::new(x as f32, y as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use walkers::{MapMemory, MercatorProjection, Projector};

    #[test]
    fn matches_walkers_projection() {
        // walkers at zoom 0 with the centre at world (128, 128) maps world-0 units 1:1 to points.
        let mut memory = MapMemory::default();
        memory.set_zoom(0.0).unwrap();
        memory.center_at(walkers::lon_lat(0.0, 0.0));
        let rect = egui::Rect::from_min_size(Pos2::ZERO, egui::vec2(256.0, 256.0));
        let projector = Projector::new(
            rect,
            &MercatorProjection,
            &memory,
            walkers::lon_lat(0.0, 0.0),
        );
        for (lon, lat) in [(-3.7, 40.4), (151.2, -33.9), (-74.0, 40.7), (179.9, 60.0)] {
            let ours = world_pos(lon, lat);
            let theirs = projector.project(walkers::lon_lat(lon, lat)).to_pos2();
            assert!(
                (ours - theirs).length() < 1e-3,
                "{lon},{lat}: {ours:?} vs {theirs:?}"
            );
        }
    }

    #[test]
    fn round_trips() {
        let (x, y) = world_from_lonlat(-3.7038, 40.4168);
        let back = lonlat_from_world(x, y);
        assert!((back.x() + 3.7038).abs() < 1e-9 && (back.y() - 40.4168).abs() < 1e-9);
    }

    #[test]
    fn poles_are_clamped_not_infinite() {
        let (_, y) = world_from_lonlat(0.0, -90.0);
        assert!(y.is_finite() && (y - WORLD_SIZE).abs() < 1e-6);
    }
}

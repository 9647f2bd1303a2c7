//! Where the map picture looks: the whole world (its full width, the latitudes with stations),
//! or a selected country's main outline with all its shown stations; and which corner of the map
//! the legend takes (one that covers no marker).

use egui::{Pos2, Rect, Vec2};

use super::scene::LEGEND_SIZE;
use crate::geo::{WORLD_SIZE, world_from_lonlat};
use crate::map::{Corner, WorldTransform, least_covered_corner};
use crate::state::Model;

/// Latitudes of the whole-world view: Antarctica and the Arctic Ocean hold no stations.
const WORLD_LATITUDES: (f64, f64) = (82.0, -58.0);

/// The whole world, filling the map's width, the latitudes with stations centred.
pub(super) fn world_transform(map_rect: Rect) -> WorldTransform {
    let scale = f64::from(map_rect.width()) / WORLD_SIZE;
    let visible = f64::from(map_rect.height()) / scale;
    let (_, north) = world_from_lonlat(0.0, WORLD_LATITUDES.0);
    let (_, south) = world_from_lonlat(0.0, WORLD_LATITUDES.1);
    let mut y = (north + south) / 2.0;
    if visible <= WORLD_SIZE {
        y = y.clamp(visible / 2.0, WORLD_SIZE - visible / 2.0);
    }
    WorldTransform {
        center_world: (WORLD_SIZE / 2.0, y),
        center_screen: map_rect.center(),
        scale,
    }
}

/// A country's main outline and all its shown stations (Madeira's for Portugal), with room for
/// markers and labels, and the legend's width kept free on the left.
pub(super) fn country_transform(
    model: &Model,
    iso: &str,
    world: &[Pos2],
    map_rect: Rect,
) -> WorldTransform {
    let Some(country) = model.outlines().get(iso) else {
        return world_transform(map_rect);
    };
    let mut bounds = country.main_bounds;
    for &i in &model.shown().stations {
        if model.data().stations()[i].country == iso
            && let Some(p) = world.get(i)
        {
            bounds.extend_with(*p);
        }
    }
    // A city state still shows its surroundings (about 1.4° at least).
    let bounds = Rect::from_center_size(bounds.center(), bounds.size().max(Vec2::splat(1.0)));
    let room = Rect::from_min_max(
        map_rect.min + Vec2::new(LEGEND_SIZE.x + 20.0, 40.0),
        map_rect.max - Vec2::splat(40.0),
    );
    let scale = (f64::from(room.width()) / f64::from(bounds.width()))
        .min(f64::from(room.height()) / f64::from(bounds.height()));
    let c = bounds.center();
    WorldTransform {
        center_world: (f64::from(c.x), f64::from(c.y)),
        center_screen: room.center(),
        scale,
    }
}

/// The legend in the first corner of the map (bottom left, bottom right, top left, top right)
/// that covers no marker, else in the one that covers the fewest.
pub(super) fn legend_rect(map_rect: Rect, markers: &[Rect]) -> Rect {
    let inner = map_rect.shrink(10.0);
    let weighted: Vec<(Rect, usize)> = markers.iter().map(|m| (*m, 1)).collect();
    least_covered_corner(inner, LEGEND_SIZE, &weighted, &Corner::ALL, None).rect(inner, LEGEND_SIZE)
}

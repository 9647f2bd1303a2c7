//! The stations on the map: one marker per station, shaped by location precision; stations that
//! share coordinates fan out around their common point so each can be seen and clicked, and
//! nearby ones merge into counted clusters at low zoom.
//!
//! - `cluster`: grouping and clustering in world space, once per zoom level;
//! - `layout`: where each marker goes this frame ([`MarkerLayout`], [`ClusterCache`]), pure;
//! - `hit`: which marker a pointer position is on ([`MarkerHit`]);
//! - `draw`: painting a layout as a walkers plugin ([`StationsLayer`]).

mod cluster;
mod draw;
mod hit;
mod layout;

pub use draw::{
    StationsLayer, draw_precision_symbol, draw_weak_mark, precision_symbol_shapes, weak_mark_shapes,
};
pub use hit::MarkerHit;
pub use layout::{
    Cluster, ClusterCache, MarkerLayout, PlacedMarker, cluster_radius, station_world_positions,
};

/// Radius of a marker in screen points.
pub const MARKER_RADIUS: f32 = 5.0;

//! Country outlines: loading, projection, triangulation, levels of detail, hit testing, bounds.
//!
//! Everything here is prepared once at load in "world-0" coordinates: Web Mercator scaled so the
//! whole world is 256 × 256 units, the same space walkers uses at zoom 0. Drawing only has to
//! scale and translate these by the current zoom and centre.

mod edge_index;
mod hit;
mod outlines;
mod projection;

pub use hit::HitTolerance;
pub use outlines::{CountryShape, OutlineError, Outlines, simplify_keeping_islands, triangulate};
pub use projection::{MAX_LATITUDE, WORLD_SIZE, lonlat_from_world, world_from_lonlat};

/// The embedded Natural Earth 1:50m outlines.
pub const EMBEDDED_OUTLINES: &str = include_str!("../../assets/countries-50m.geojson");

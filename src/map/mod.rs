//! What is drawn on the map: the countries layer and the stations layer (walkers plugins), the
//! map view's limits, and the screen-space hit test that ties a click to a station or country;
//! the label placer (`labels`) and the publishable map picture (`picture`: SVG and PNG).

mod countries;
pub mod labels;
pub mod lod;
pub mod picture;
mod stations;
mod style;
pub mod tiles;
mod view;

pub use countries::{BorderCache, CountriesLayer};
pub use stations::{
    Cluster, ClusterCache, MarkerHit, MarkerLayout, PlacedMarker, StationsLayer, cluster_radius,
    draw_precision_symbol, draw_weak_mark, precision_symbol_shapes, station_world_positions,
    weak_mark_shapes,
};
pub use style::{CHOROPLETH_CLASSES, MapStyle, choropleth_class};
pub use view::{MAX_ZOOM, MapView, WorldTransform, anchor};

/// Short attribution shown on the map at all times (and in the map picture's caption).
pub const BOUNDARY_ATTRIBUTION: &str = "Boundaries: Natural Earth (public domain), 1:50m; disputed areas per ISO 3166-1/UN usage; not an endorsement";

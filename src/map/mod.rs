//! What is drawn on the map: the countries layer and the stations layer (walkers plugins), the
//! map view's limits, and the screen-space hit test that ties a click to a station or country.

mod countries;
pub mod lod;
mod stations;
mod style;
pub mod tiles;
mod view;

pub use countries::{BorderCache, CountriesLayer};
pub use stations::{
    Cluster, ClusterCache, MarkerHit, MarkerLayout, PlacedMarker, StationsLayer, cluster_radius,
    draw_precision_symbol, draw_weak_mark, station_world_positions,
};
pub use style::{CHOROPLETH_CLASSES, MapStyle, choropleth_class};
pub use view::{MAX_ZOOM, MapView, WorldTransform, anchor};

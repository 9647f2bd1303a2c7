//! What is drawn on the map: the countries layer and the stations layer (walkers plugins), the
//! map view's limits, and the screen-space hit test that ties a click to a station or country;
//! the choropleth classes (`classes`), the corner a legend covers least in (`corner`), the label candidates shared by the live map and the
//! picture (`label_candidates`), the label placer (`labels`), the live map's labels
//! (`live_labels`), the markers' status at the timeline's date with the rings of its changes
//! (`marker_status`) and the publishable map picture (`picture`: SVG and PNG).

mod classes;
mod corner;
mod countries;
pub mod label_candidates;
pub mod labels;
mod live_labels;
pub mod lod;
mod marker_status;
pub mod picture;
mod stations;
mod style;
pub mod tiles;
mod view;

pub use classes::{ChoroplethClasses, MAX_CLASSES};
pub use corner::{Corner, least_covered_corner};
pub use countries::{BorderCache, CountriesLayer, CountryMesh};
pub use live_labels::{CITY_LABEL_ZOOM, LiveLabels, MapLabel};
pub use marker_status::MarkerStatus;
pub use stations::{
    Cluster, ClusterCache, MARKER_RADIUS, MarkerHit, MarkerLayout, PlacedMarker, StationsLayer,
    cluster_radius, draw_precision_symbol, draw_weak_mark, precision_symbol_shapes,
    station_world_positions, weak_mark_shapes,
};
pub use style::MapStyle;
pub use view::{MAX_ZOOM, MapView, WorldTransform, anchor};

/// Short attribution shown on the map at all times (and in the map picture's caption).
pub const BOUNDARY_ATTRIBUTION: &str = "Boundaries: Natural Earth (public domain), 1:50m; disputed areas per ISO 3166-1/UN usage; not an endorsement";

//! GeoJSON for GIS tools: one point feature per station, the row's columns as properties.

use serde::Serialize;
use serde::ser::SerializeMap as _;

use super::cell::Cell;
use super::{ExportError, describe_filters, row};
use crate::data::dataset::DataSet;
use crate::data::filter::Filters;

/// A GeoJSON feature's properties: the row without `lat` and `lon`, in column order.
pub(super) struct Properties(Vec<(&'static str, Cell)>);

impl Serialize for Properties {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
pub(super) struct Feature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    geometry: Point,
    properties: Properties,
}

#[derive(Serialize)]
pub(super) struct Point {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: [f64; 2],
}

#[derive(Serialize)]
pub(super) struct FeatureCollection<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    /// A foreign member (RFC 7946 §6.1): where the data comes from.
    metadata: Metadata<'a>,
    features: Vec<Feature<'a>>,
}

#[derive(Serialize)]
pub(super) struct Metadata<'a> {
    title: &'a str,
    version: &'a str,
    as_of: &'a str,
    license: &'a str,
    filters: String,
}

pub(super) fn geojson_bytes(
    data: &DataSet,
    indices: &[usize],
    filters: &Filters,
) -> Result<Vec<u8>, ExportError> {
    let mut features = Vec::with_capacity(indices.len());
    for &i in indices {
        let station = &data.stations()[i];
        let (lon, lat) = (station.location.lon, station.location.lat);
        if !(lon.is_finite() && lat.is_finite()) {
            return Err(ExportError::NotANumber {
                id: station.id.clone(),
                lat,
                lon,
            });
        }
        let mut cells = row(data, station, filters);
        cells.retain(|(key, _)| *key != "lat" && *key != "lon");
        features.push(Feature {
            kind: "Feature",
            id: &station.id,
            geometry: Point {
                kind: "Point",
                coordinates: [lon, lat],
            },
            properties: Properties(cells),
        });
    }
    let meta = &data.file.meta;
    let collection = FeatureCollection {
        kind: "FeatureCollection",
        metadata: Metadata {
            title: &meta.title,
            version: &meta.version,
            as_of: &meta.as_of,
            license: &meta.license,
            filters: describe_filters(filters),
        },
        features,
    };
    let mut bytes = serde_json::to_vec_pretty(&collection).map_err(|source| ExportError::Json {
        what: "GeoJSON",
        source,
    })?;
    bytes.push(b'\n');
    Ok(bytes)
}

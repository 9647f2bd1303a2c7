//! Loading the country outlines and preparing them for drawing and hit testing.

use std::collections::HashMap;

use ::geo::{BoundingRect, Coord, LineString, MultiPolygon, Polygon, Rect, TriangulateEarcut};
use egui::Pos2;
use serde::Deserialize;

use super::projection::{world_from_lonlat, world_pos};

/// Why the outlines could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum OutlineError {
    /// The GeoJSON is malformed or not a FeatureCollection of (Multi)Polygons.
    #[error("country outlines: line {line}, column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde_json said.
        message: String,
    },
}

#[derive(Deserialize)]
struct FeatureCollection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: Option<Geometry>,
}

#[derive(Deserialize)]
struct Properties {
    iso_a2: String,
    #[serde(default)]
    iso_a3: String,
    name: String,
    label_lon: Option<f64>,
    label_lat: Option<f64>,
}

#[derive(Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    Polygon(Vec<Vec<[f64; 2]>>),
    MultiPolygon(Vec<Vec<Vec<[f64; 2]>>>),
}

/// One country, prepared for drawing (world-0 triangles and rings) and for hit testing (lon/lat).
#[derive(Clone, Debug)]
pub struct CountryShape {
    /// ISO 3166-1 alpha-2 code.
    pub iso2: String,
    /// ISO 3166-1 alpha-3 code.
    pub iso3: String,
    /// Display name (Natural Earth `name`).
    pub name: String,
    /// A point inside the country for labels and centring (lon, lat).
    pub label_lonlat: (f64, f64),
    /// The outline in lon/lat degrees, holes included.
    pub lonlat: MultiPolygon<f64>,
    /// Bounding box of each part of `lonlat`, for a quick reject before point-in-polygon.
    pub part_bounds: Vec<Rect<f64>>,
    /// The outline in world-0 coordinates (for distances in screen terms).
    pub world: MultiPolygon<f64>,
    /// Bounding box of the whole country in world-0 coordinates.
    pub world_bounds: egui::Rect,
    /// Bounding box of each part of `world`, for a quick reject in hit tests.
    pub world_part_bounds: Vec<egui::Rect>,
    /// Edge index of each part of `world`, for fast point-in-polygon and coast distances.
    pub world_part_index: Vec<super::edge_index::EdgeIndex>,
    /// The label point in world-0 coordinates.
    pub label_world: Pos2,
    /// Bounding box of the largest part in world-0 coordinates: the extent to zoom to (a box
    /// around every part of Russia or Fiji would span the whole antimeridian-split world).
    pub main_bounds: egui::Rect,
    /// Fill triangles: vertices in world-0 coordinates.
    pub fill_vertices: Vec<Pos2>,
    /// Fill triangles: indices into `fill_vertices`, three per triangle.
    pub fill_indices: Vec<u32>,
    /// Every ring (exteriors and holes) in world-0 coordinates, closed.
    pub rings: Vec<Vec<Pos2>>,
}

/// All country outlines, indexed by ISO code.
#[derive(Clone, Debug, Default)]
pub struct Outlines {
    /// The countries, in file order (sorted by ISO code in the shipped asset).
    pub countries: Vec<CountryShape>,
    by_iso2: HashMap<String, usize>,
}

impl Outlines {
    /// Parses a GeoJSON FeatureCollection of Polygon/MultiPolygon features with the
    /// `iso_a2`, `name` and optional `iso_a3`, `label_lon`, `label_lat` properties.
    pub fn from_geojson(text: &str) -> Result<Self, OutlineError> {
        let collection: FeatureCollection =
            serde_json::from_str(text).map_err(|err| OutlineError::Json {
                line: err.line(),
                column: err.column(),
                message: err.to_string(),
            })?;
        let countries: Vec<CountryShape> = collection
            .features
            .into_iter()
            .filter_map(|feature| {
                let polygons = match feature.geometry? {
                    Geometry::Polygon(rings) => vec![rings],
                    Geometry::MultiPolygon(polygons) => polygons,
                };
                CountryShape::new(feature.properties, &polygons)
            })
            .collect();
        let by_iso2 = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iso2.clone(), i))
            .collect();
        Ok(Self { countries, by_iso2 })
    }

    /// The embedded Natural Earth outlines.
    pub fn embedded() -> Result<Self, OutlineError> {
        Self::from_geojson(super::EMBEDDED_OUTLINES)
    }

    /// Index of a country by ISO alpha-2 code.
    pub fn index_of(&self, iso2: &str) -> Option<usize> {
        self.by_iso2.get(iso2).copied()
    }

    /// A country by ISO alpha-2 code.
    pub fn get(&self, iso2: &str) -> Option<&CountryShape> {
        self.index_of(iso2).map(|i| &self.countries[i])
    }

    /// The display name of a code, or the code itself when it has no outline.
    pub fn name_of<'a>(&'a self, iso2: &'a str) -> &'a str {
        self.get(iso2).map_or(iso2, |c| c.name.as_str())
    }

    /// Total number of outline vertices (for benchmarks and the About box).
    pub fn vertex_count(&self) -> usize {
        self.countries
            .iter()
            .map(|c| c.rings.iter().map(Vec::len).sum::<usize>())
            .sum()
    }
}

impl CountryShape {
    fn new(props: Properties, polygons: &[Vec<Vec<[f64; 2]>>]) -> Option<Self> {
        let lonlat = MultiPolygon::new(
            polygons
                .iter()
                .filter(|rings| rings.first().is_some_and(|r| r.len() >= 4))
                .map(|rings| {
                    let mut rings = rings.iter().map(|ring| {
                        LineString::new(ring.iter().map(|&[x, y]| Coord { x, y }).collect())
                    });
                    let exterior = rings.next().unwrap_or_else(|| LineString::new(Vec::new()));
                    Polygon::new(exterior, rings.collect())
                })
                .collect(),
        );
        if lonlat.0.is_empty() {
            return None;
        }
        let part_bounds: Vec<Rect<f64>> =
            lonlat.0.iter().filter_map(|p| p.bounding_rect()).collect();
        let world = MultiPolygon::new(
            lonlat
                .0
                .iter()
                .map(|polygon| {
                    let project = |ring: &LineString<f64>| {
                        LineString::new(
                            ring.0
                                .iter()
                                .map(|c| {
                                    let (x, y) = world_from_lonlat(c.x, c.y);
                                    Coord { x, y }
                                })
                                .collect(),
                        )
                    };
                    Polygon::new(
                        project(polygon.exterior()),
                        polygon.interiors().iter().map(project).collect(),
                    )
                })
                .collect(),
        );

        let mut fill_vertices = Vec::new();
        let mut fill_indices = Vec::new();
        let mut rings = Vec::new();
        let mut main_bounds = egui::Rect::NOTHING;
        let mut main_area = -1.0f32;
        for polygon in &world.0 {
            triangulate(polygon, 0, &mut fill_vertices, &mut fill_indices);
            let ring_points = |ring: &LineString<f64>| -> Vec<Pos2> {
                ring.0
                    .iter()
                    .map(|c| Pos2::new(c.x as f32, c.y as f32))
                    .collect()
            };
            let exterior = ring_points(polygon.exterior());
            let bounds = egui::Rect::from_points(&exterior);
            if bounds.area() > main_area {
                main_area = bounds.area();
                main_bounds = bounds;
            }
            rings.push(exterior);
            rings.extend(polygon.interiors().iter().map(ring_points));
        }
        let world_part_bounds = world
            .0
            .iter()
            .map(|p| {
                let points: Vec<Pos2> = p
                    .exterior()
                    .0
                    .iter()
                    .map(|c| Pos2::new(c.x as f32, c.y as f32))
                    .collect();
                egui::Rect::from_points(&points)
            })
            .collect();
        let world_part_index = world
            .0
            .iter()
            .map(super::edge_index::EdgeIndex::new)
            .collect();
        let world_bounds = rings.iter().fold(egui::Rect::NOTHING, |acc, ring| {
            acc.union(egui::Rect::from_points(ring))
        });
        let label_lonlat = match (props.label_lon, props.label_lat) {
            (Some(lon), Some(lat)) => (lon, lat),
            _ => {
                let c = main_bounds.center();
                let p = super::projection::lonlat_from_world(f64::from(c.x), f64::from(c.y));
                (p.x(), p.y())
            }
        };
        let label_world = world_pos(label_lonlat.0, label_lonlat.1);
        Some(Self {
            iso2: props.iso_a2,
            iso3: props.iso_a3,
            name: props.name,
            label_lonlat,
            lonlat,
            part_bounds,
            world,
            world_bounds,
            world_part_bounds,
            world_part_index,
            label_world,
            main_bounds,
            fill_vertices,
            fill_indices,
            rings,
        })
    }
}

/// A polygon simplified topology-preservingly (Visvalingam–Whyatt, triangles under `area` world
/// units² removed), or the polygon itself if simplifying collapsed it: small islands must not
/// vanish. The one rule for the map's levels of detail and the map picture.
pub fn simplify_keeping_islands(
    polygon: &Polygon<f64>,
    area: f64,
) -> std::borrow::Cow<'_, Polygon<f64>> {
    use ::geo::SimplifyVwPreserve as _;
    let simplified = polygon.simplify_vw_preserve(area);
    if simplified.exterior().0.len() >= 4 {
        std::borrow::Cow::Owned(simplified)
    } else {
        std::borrow::Cow::Borrowed(polygon)
    }
}

/// Triangulates one polygon (exterior and holes) with geo's earcut, appending to shared buffers:
/// vertices as given, indices counted from `first` (the index the caller's mesh starts at).
/// Triangulate in world space, never in lon/lat, where Mercator's stretch could flip thin
/// triangles. Rings too short to enclose anything are left out (a simplified ring can collapse
/// to a line, and earcut must not see one). Returns whether triangles were added.
pub fn triangulate(
    polygon: &Polygon<f64>,
    first: usize,
    vertices: &mut Vec<Pos2>,
    indices: &mut Vec<u32>,
) -> bool {
    // A closed ring needs 3 distinct points and the closing one.
    let encloses = |ring: &LineString<f64>| ring.0.len() >= 4;
    if !encloses(polygon.exterior()) {
        return false;
    }
    let trimmed;
    let polygon = if polygon.interiors().iter().all(encloses) {
        polygon
    } else {
        trimmed = Polygon::new(
            polygon.exterior().clone(),
            polygon
                .interiors()
                .iter()
                .filter(|r| encloses(r))
                .cloned()
                .collect(),
        );
        &trimmed
    };
    let raw = polygon.earcut_triangles_raw();
    if raw.triangle_indices.is_empty() {
        log::warn!(
            "could not triangulate a polygon of {} points",
            raw.vertices.len()
        );
        return false;
    }
    let base = (vertices.len() - first) as u32;
    vertices.extend(
        raw.vertices
            .iter()
            .map(|[x, y]| Pos2::new(*x as f32, *y as f32)),
    );
    indices.extend(raw.triangle_indices.into_iter().map(|i| base + i as u32));
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_outlines_load_with_every_country_triangulated() {
        let outlines = Outlines::embedded().unwrap();
        assert_eq!(outlines.countries.len(), 241);
        for country in &outlines.countries {
            assert!(
                !country.fill_indices.is_empty(),
                "{} has no triangles",
                country.iso2
            );
            assert_eq!(country.fill_indices.len() % 3, 0);
        }
        assert_eq!(outlines.name_of("ES"), "Spain");
    }

    #[test]
    fn triangles_cover_the_polygon_area_holes_excluded() {
        // A 10×10 square with a 4×4 hole: 84 square units of triangles.
        let json = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":
            {"iso_a2":"XX","name":"Holeland"},"geometry":{"type":"Polygon","coordinates":[
            [[0,0],[10,0],[10,10],[0,10],[0,0]],[[3,3],[3,7],[7,7],[7,3],[3,3]]]}}]}"#;
        let outlines = Outlines::from_geojson(json).unwrap();
        let c = &outlines.countries[0];
        let area: f32 = c
            .fill_indices
            .chunks_exact(3)
            .map(|t| {
                let [a, b, d] = [0, 1, 2].map(|k| c.fill_vertices[t[k] as usize]);
                ((b - a).x * (d - a).y - (b - a).y * (d - a).x).abs() / 2.0
            })
            .sum();
        let expected = {
            let outer = egui::Rect::from_points(&c.rings[0]).area();
            let hole = egui::Rect::from_points(&c.rings[1]).area();
            outer - hole
        };
        assert!(
            (area - expected).abs() / expected < 1e-3,
            "{area} vs {expected}"
        );
    }
}

//! Which country is at a point: exact point-in-polygon, then tiny countries near their label,
//! then the nearest coast within a few screen pixels.

use ::geo::{Closest, ClosestPoint, Contains, Distance, Haversine, Point};

use super::outlines::Outlines;
use super::projection::world_from_lonlat;
use crate::data::CountryLookup;

/// How forgiving a hit test is, in world-0 units (screen pixels divided by 2^zoom).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HitTolerance {
    /// A click this close to a coast still selects the country.
    pub coast: f64,
    /// A click this close to a tiny country's label point selects it.
    pub tiny_country: f64,
}

impl HitTolerance {
    /// Tolerances of `coast_px` and `tiny_px` screen pixels at `zoom`.
    pub fn pixels(coast_px: f64, tiny_px: f64, zoom: f64) -> Self {
        let per_px = 1.0 / 2f64.powf(zoom);
        Self {
            coast: coast_px * per_px,
            tiny_country: tiny_px * per_px,
        }
    }

    /// No tolerance: exact point-in-polygon only.
    pub const EXACT: Self = Self {
        coast: 0.0,
        tiny_country: 0.0,
    };
}

impl Outlines {
    /// The country whose outline contains the point (holes respected), if any. Tested in the
    /// projected plane, where the drawn edges are straight, so a click inside what is drawn hits.
    pub fn country_containing(&self, lon: f64, lat: f64) -> Option<usize> {
        let (x, y) = world_from_lonlat(lon, lat);
        let here = egui::pos2(x as f32, y as f32);
        self.countries.iter().position(|country| {
            country.world_bounds.expand(1e-3).contains(here)
                && country
                    .world_part_index
                    .iter()
                    .any(|part| part.contains(x, y))
        })
    }

    /// The country a click at (lon, lat) means: a tiny country whose label is within
    /// `tolerance.tiny_country` (so Singapore or Monaco can be clicked at world view), else the
    /// country containing the point, else the nearest one within `tolerance.coast`.
    pub fn hit_test(&self, lon: f64, lat: f64, tolerance: HitTolerance) -> Option<usize> {
        let (x, y) = world_from_lonlat(lon, lat);
        let here = egui::pos2(x as f32, y as f32);
        if tolerance.tiny_country > 0.0 {
            let tiny = tolerance.tiny_country as f32;
            let nearest_tiny = self
                .countries
                .iter()
                .enumerate()
                .filter(|(_, c)| c.world_bounds.width().max(c.world_bounds.height()) < 2.0 * tiny)
                .map(|(i, c)| (i, c.label_world.distance(here)))
                .filter(|&(_, d)| d <= tiny)
                .min_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((i, _)) = nearest_tiny {
                return Some(i);
            }
        }
        if let Some(i) = self.country_containing(lon, lat) {
            return Some(i);
        }
        if tolerance.coast <= 0.0 {
            return None;
        }
        let reach = tolerance.coast as f32;
        self.countries
            .iter()
            .enumerate()
            .filter(|(_, c)| c.world_bounds.expand(reach).contains(here))
            .filter_map(|(i, c)| {
                // The point is outside every polygon here, so the distance to a country is the
                // distance to the nearest edge of its parts, found through the band index.
                c.world_part_index
                    .iter()
                    .filter_map(|part| part.distance_within(x, y, tolerance.coast))
                    .min_by(f64::total_cmp)
                    .map(|d| (i, d))
            })
            .filter(|&(_, d)| d <= tolerance.coast)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }

    /// Great-circle distance in km from a point to a country's outline; 0 inside it.
    pub fn distance_to_country_km(&self, iso2: &str, lon: f64, lat: f64) -> Option<f64> {
        let country = self.get(iso2)?;
        let point = Point::new(lon, lat);
        if country.lonlat.contains(&point) {
            return Some(0.0);
        }
        let closest = match country.lonlat.closest_point(&point) {
            Closest::Intersection(p) | Closest::SinglePoint(p) => p,
            Closest::Indeterminate => return None,
        };
        Some(Haversine.distance(point, closest) / 1000.0)
    }
}

impl CountryLookup for Outlines {
    fn is_known(&self, iso2: &str) -> bool {
        self.index_of(iso2).is_some()
    }

    fn distance_km(&self, iso2: &str, lon: f64, lat: f64) -> Option<f64> {
        self.distance_to_country_km(iso2, lon, lat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outlines() -> Outlines {
        Outlines::embedded().unwrap()
    }

    fn exact(o: &Outlines, lon: f64, lat: f64) -> Option<&str> {
        o.hit_test(lon, lat, HitTolerance::EXACT)
            .map(|i| o.countries[i].iso2.as_str())
    }

    #[test]
    fn cities_fall_in_their_countries() {
        let o = outlines();
        assert_eq!(exact(&o, -3.7038, 40.4168), Some("ES"), "Madrid");
        assert_eq!(exact(&o, -4.2518, 55.8642), Some("GB"), "Glasgow");
        assert_eq!(exact(&o, 4.4777, 51.9244), Some("NL"), "Rotterdam");
        assert_eq!(
            exact(&o, -73.95, 40.78),
            Some("US"),
            "Manhattan, Central Park"
        );
        assert_eq!(exact(&o, -6.2603, 53.3498), Some("IE"), "Dublin");
    }

    #[test]
    fn coastal_cities_need_the_coast_tolerance() {
        let o = outlines();
        // Lower Manhattan lies 2 km off the generalised 1:50m coast: exact tests miss it, and
        // 4 px of slack at zoom 7 (about 3.7 km there) catches it.
        assert_eq!(exact(&o, -74.0060, 40.7128), None);
        let tolerance = HitTolerance::pixels(4.0, 6.0, 7.0);
        let hit = |lon, lat| {
            o.hit_test(lon, lat, tolerance)
                .map(|i| o.countries[i].iso2.as_str())
        };
        assert_eq!(hit(-16.9241, 32.6669), Some("PT"), "Funchal");
        assert_eq!(hit(-74.0060, 40.7128), Some("US"), "Lower Manhattan");
    }

    #[test]
    fn the_open_ocean_is_no_country() {
        let o = outlines();
        assert_eq!(exact(&o, -40.0, 35.0), None, "mid-Atlantic");
        assert_eq!(
            o.hit_test(-40.0, 35.0, HitTolerance::pixels(4.0, 6.0, 3.0)),
            None
        );
    }

    #[test]
    fn a_hole_is_not_its_surrounding_country() {
        let o = outlines();
        // San Marino is a hole in Italy; Lesotho a hole in South Africa.
        assert_eq!(exact(&o, 12.4578, 43.9424), Some("SM"));
        assert_eq!(exact(&o, 28.2336, -29.61), Some("LS"));
        let italy = o.get("IT").unwrap();
        assert!(!italy.lonlat.contains(&Point::new(12.4578, 43.9424)));
    }

    #[test]
    fn tiny_countries_are_clickable_near_their_label_at_world_view() {
        let o = outlines();
        let tolerance = HitTolerance::pixels(3.0, 6.0, 2.0);
        let sg = o.get("SG").unwrap().label_lonlat;
        let hit = o
            .hit_test(sg.0 + 0.5, sg.1, tolerance)
            .map(|i| o.countries[i].iso2.clone());
        assert_eq!(hit.as_deref(), Some("SG"));
    }

    #[test]
    fn antimeridian_countries_are_hit_on_both_sides() {
        let o = outlines();
        assert_eq!(exact(&o, 172.0, 66.0), Some("RU"), "Chukotka");
        assert_eq!(exact(&o, 178.4, -18.1), Some("FJ"), "Suva");
    }

    #[test]
    fn distance_to_country_is_zero_inside_and_large_far_away() {
        let o = outlines();
        assert_eq!(o.distance_to_country_km("ES", -3.7, 40.4), Some(0.0));
        let d = o.distance_to_country_km("ES", 2.35, 48.85).unwrap();
        assert!(d > 300.0, "Paris is far from Spain: {d}");
        assert_eq!(o.distance_to_country_km("ZZ", 0.0, 0.0), None);
    }
}

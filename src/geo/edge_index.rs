//! A band index over a polygon's edges for fast hit tests: a horizontal ray or a small disc
//! around the click only meets the edges of one or a few bands, not all of a country's
//! thousands of edges.

use ::geo::Polygon;

/// The edges of one polygon (exterior and holes) bucketed by horizontal bands.
#[derive(Clone, Debug, Default)]
pub struct EdgeIndex {
    min: (f64, f64),
    max: (f64, f64),
    band_height: f64,
    bands: Vec<Vec<u32>>,
    edges: Vec<[f64; 4]>,
}

impl EdgeIndex {
    /// Indexes a polygon given in any planar coordinates.
    pub fn new(polygon: &Polygon<f64>) -> Self {
        let edges: Vec<[f64; 4]> = std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .flat_map(|ring| ring.0.windows(2).map(|w| [w[0].x, w[0].y, w[1].x, w[1].y]))
            .collect();
        let (mut min, mut max) = (
            (f64::INFINITY, f64::INFINITY),
            (f64::NEG_INFINITY, f64::NEG_INFINITY),
        );
        for e in &edges {
            min = (min.0.min(e[0]).min(e[2]), min.1.min(e[1]).min(e[3]));
            max = (max.0.max(e[0]).max(e[2]), max.1.max(e[1]).max(e[3]));
        }
        // About eight edges per band on average.
        let count = (edges.len() / 8).clamp(1, 4096);
        let band_height = ((max.1 - min.1) / count as f64).max(1e-12);
        let mut bands = vec![Vec::new(); count];
        for (i, e) in edges.iter().enumerate() {
            let lo = band_of(e[1].min(e[3]), min.1, band_height, count);
            let hi = band_of(e[1].max(e[3]), min.1, band_height, count);
            for band in &mut bands[lo..=hi] {
                band.push(i as u32);
            }
        }
        Self {
            min,
            max,
            band_height,
            bands,
            edges,
        }
    }

    /// Whether the point is inside (even–odd rule: holes are outside).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        if self.edges.is_empty()
            || x < self.min.0
            || x > self.max.0
            || y < self.min.1
            || y > self.max.1
        {
            return false;
        }
        let band = band_of(y, self.min.1, self.band_height, self.bands.len());
        let mut inside = false;
        for &i in &self.bands[band] {
            let [x0, y0, x1, y1] = self.edges[i as usize];
            if (y0 > y) != (y1 > y) && x < x0 + (y - y0) / (y1 - y0) * (x1 - x0) {
                inside = !inside;
            }
        }
        inside
    }

    /// Distance from the point to the nearest edge, if one lies within `reach`.
    pub fn distance_within(&self, x: f64, y: f64, reach: f64) -> Option<f64> {
        if self.edges.is_empty()
            || x < self.min.0 - reach
            || x > self.max.0 + reach
            || y < self.min.1 - reach
            || y > self.max.1 + reach
        {
            return None;
        }
        let n = self.bands.len();
        let lo = band_of(y - reach, self.min.1, self.band_height, n);
        let hi = band_of(y + reach, self.min.1, self.band_height, n);
        let mut best: Option<f64> = None;
        for band in &self.bands[lo..=hi] {
            for &i in band {
                let d = segment_distance(self.edges[i as usize], x, y);
                if d <= reach && best.is_none_or(|b| d < b) {
                    best = Some(d);
                }
            }
        }
        best
    }
}

fn band_of(y: f64, y0: f64, height: f64, count: usize) -> usize {
    (((y - y0) / height).floor().max(0.0) as usize).min(count - 1)
}

fn segment_distance([x0, y0, x1, y1]: [f64; 4], x: f64, y: f64) -> f64 {
    let (dx, dy) = (x1 - x0, y1 - y0);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((x - x0) * dx + (y - y0) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (px, py) = (x0 + t * dx, y0 + t * dy);
    ((x - px).powi(2) + (y - py).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::geo::{Contains, Coord, LineString, Point};

    fn square_with_hole() -> Polygon<f64> {
        let ring = |pts: &[(f64, f64)]| {
            LineString::new(pts.iter().map(|&(x, y)| Coord { x, y }).collect())
        };
        Polygon::new(
            ring(&[
                (0.0, 0.0),
                (10.0, 0.0),
                (10.0, 10.0),
                (0.0, 10.0),
                (0.0, 0.0),
            ]),
            vec![ring(&[
                (3.0, 3.0),
                (3.0, 7.0),
                (7.0, 7.0),
                (7.0, 3.0),
                (3.0, 3.0),
            ])],
        )
    }

    #[test]
    fn agrees_with_geo_contains_on_a_grid() {
        let polygon = square_with_hole();
        let index = EdgeIndex::new(&polygon);
        for i in -5..=105 {
            for j in -5..=105 {
                let (x, y) = (f64::from(i) * 0.1 + 0.013, f64::from(j) * 0.1 + 0.017);
                assert_eq!(
                    index.contains(x, y),
                    polygon.contains(&Point::new(x, y)),
                    "({x}, {y})"
                );
            }
        }
    }

    #[test]
    fn distance_only_within_reach() {
        let index = EdgeIndex::new(&square_with_hole());
        assert_eq!(index.distance_within(12.0, 5.0, 1.0), None);
        let d = index.distance_within(10.5, 5.0, 1.0).unwrap();
        assert!((d - 0.5).abs() < 1e-12);
        let inner = index.distance_within(5.0, 5.0, 2.5).unwrap();
        assert!((inner - 2.0).abs() < 1e-12, "the hole's edge is 2 away");
    }
}

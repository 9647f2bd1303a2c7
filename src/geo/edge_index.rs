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
    /// Band `k` holds the edges `band_edges[band_starts[k]..band_starts[k + 1]]`.
    band_starts: Vec<u32>,
    /// Edges by band, each as the index of its first point.
    band_edges: Vec<u32>,
    /// The rings' points one ring after another: edge `i` joins points `i` and `i + 1` (the
    /// last point of a ring starts no edge).
    points: Vec<[f64; 2]>,
}

impl EdgeIndex {
    /// Indexes a polygon given in any planar coordinates.
    pub fn new(polygon: &Polygon<f64>) -> Self {
        let mut points = Vec::new();
        let mut edges = Vec::new();
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            let first = points.len() as u32;
            points.extend(ring.0.iter().map(|c| [c.x, c.y]));
            edges.extend(first..(points.len() as u32).saturating_sub(1).max(first));
        }
        let mut index = Self {
            points,
            ..Self::default()
        };
        let (mut min, mut max) = (
            (f64::INFINITY, f64::INFINITY),
            (f64::NEG_INFINITY, f64::NEG_INFINITY),
        );
        for &i in &edges {
            let [x0, y0, x1, y1] = index.edge(i);
            min = (min.0.min(x0).min(x1), min.1.min(y0).min(y1));
            max = (max.0.max(x0).max(x1), max.1.max(y0).max(y1));
        }
        // About eight edges per band on average.
        let count = (edges.len() / 8).clamp(1, 4096);
        let band_height = ((max.1 - min.1) / count as f64).max(1e-12);
        let bands_of = |e: [f64; 4]| {
            let lo = band_of(e[1].min(e[3]), min.1, band_height, count);
            let hi = band_of(e[1].max(e[3]), min.1, band_height, count);
            lo..=hi
        };
        // Counted first, then filled: one buffer for every band.
        let mut starts = vec![0u32; count + 1];
        for &i in &edges {
            for band in bands_of(index.edge(i)) {
                starts[band + 1] += 1;
            }
        }
        for k in 0..count {
            starts[k + 1] += starts[k];
        }
        let mut band_edges = vec![0u32; starts[count] as usize];
        let mut next = starts.clone();
        for &i in &edges {
            for band in bands_of(index.edge(i)) {
                band_edges[next[band] as usize] = i;
                next[band] += 1;
            }
        }
        index.min = min;
        index.max = max;
        index.band_height = band_height;
        index.band_starts = starts;
        index.band_edges = band_edges;
        index
    }

    /// Edge `i`: its first point's and its second point's coordinates.
    fn edge(&self, i: u32) -> [f64; 4] {
        let i = i as usize;
        let ([x0, y0], [x1, y1]) = (self.points[i], self.points[i + 1]);
        [x0, y0, x1, y1]
    }

    /// The edges that cross band `k`.
    fn band(&self, k: usize) -> &[u32] {
        &self.band_edges[self.band_starts[k] as usize..self.band_starts[k + 1] as usize]
    }

    /// Bands there are.
    fn bands(&self) -> usize {
        self.band_starts.len().saturating_sub(1)
    }

    /// Whether the point is inside (even–odd rule: holes are outside).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        if self.band_edges.is_empty()
            || x < self.min.0
            || x > self.max.0
            || y < self.min.1
            || y > self.max.1
        {
            return false;
        }
        let band = band_of(y, self.min.1, self.band_height, self.bands());
        let mut inside = false;
        for &i in self.band(band) {
            let [x0, y0, x1, y1] = self.edge(i);
            if (y0 > y) != (y1 > y) && x < x0 + (y - y0) / (y1 - y0) * (x1 - x0) {
                inside = !inside;
            }
        }
        inside
    }

    /// Distance from the point to the nearest edge, if one lies within `reach`.
    pub fn distance_within(&self, x: f64, y: f64, reach: f64) -> Option<f64> {
        if self.band_edges.is_empty()
            || x < self.min.0 - reach
            || x > self.max.0 + reach
            || y < self.min.1 - reach
            || y > self.max.1 + reach
        {
            return None;
        }
        let n = self.bands();
        let lo = band_of(y - reach, self.min.1, self.band_height, n);
        let hi = band_of(y + reach, self.min.1, self.band_height, n);
        let mut best: Option<f64> = None;
        for band in lo..=hi {
            for &i in self.band(band) {
                let d = segment_distance(self.edge(i), x, y);
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

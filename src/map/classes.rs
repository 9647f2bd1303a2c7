//! The choropleth classes: how many stations a country needs for each fill, derived from the
//! counts shown rather than fixed bins, so that every class is used and each is labelled with
//! the counts it really holds.
//!
//! Counts of stations per country are small integers with many ties (most countries have one or
//! two). With at most [`MAX_CLASSES`] distinct counts each gets its own class; with more, the
//! breaks are Jenks' natural breaks over the countries' counts (exact, by dynamic programming,
//! breaking only between distinct counts), which keeps an outlier such as the country with the
//! most stations in a class of its own instead of stretching a quantile class over a gap.
//! Computed once per change of what is shown ([`ChoroplethClasses::of_model`]) and used by the
//! map's fills, the live legend and the picture's legend.

use crate::state::Model;

/// The most classes a map shows; five fills are told apart at a glance in both themes.
pub const MAX_CLASSES: usize = 5;

/// The classes of countries with stations, in ascending order of count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChoroplethClasses {
    /// Each class's smallest and largest count among the counts it was derived from.
    ranges: Vec<(usize, usize)>,
}

impl ChoroplethClasses {
    /// The classes for the counts of countries (zeros are countries without stations: no class).
    pub fn from_counts(counts: impl IntoIterator<Item = usize>) -> Self {
        // Distinct positive counts with how many countries have each, ascending.
        let mut values: Vec<(usize, usize)> = Vec::new();
        let mut counts: Vec<usize> = counts.into_iter().filter(|&c| c > 0).collect();
        counts.sort_unstable();
        for c in counts {
            match values.last_mut() {
                Some((v, n)) if *v == c => *n += 1,
                _ => values.push((c, 1)),
            }
        }
        let ranges = if values.len() <= MAX_CLASSES {
            values.iter().map(|&(v, _)| (v, v)).collect()
        } else {
            natural_breaks(&values, MAX_CLASSES)
        };
        Self { ranges }
    }

    /// The classes of what `model` shows (its countries' shown counts).
    pub fn of_model(model: &Model) -> Self {
        Self::from_counts(model.shown().per_country.iter().copied())
    }

    /// How many classes there are (0 when no country has a shown station).
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// Whether no country has a shown station.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// Each class's smallest and largest count, ascending.
    pub fn ranges(&self) -> &[(usize, usize)] {
        &self.ranges
    }

    /// The class of a country with `count` stations, `None` for none. A count between two
    /// classes (not among the counts they were derived from) falls in the lower one, and a count
    /// above every class in the last.
    pub fn class_of(&self, count: usize) -> Option<usize> {
        if count == 0 {
            return None;
        }
        let above = self
            .ranges
            .iter()
            .take_while(|&&(lo, _)| lo <= count)
            .count();
        // A count below the first class (which starts above 1) still has stations.
        Some(above.max(1) - 1).filter(|_| !self.ranges.is_empty())
    }

    /// The label of class `i`: its one count ("3") or its range ("4–6").
    pub fn label(&self, i: usize) -> String {
        match self.ranges.get(i) {
            Some(&(lo, hi)) if lo == hi => lo.to_string(),
            Some(&(lo, hi)) => format!("{lo}–{hi}"),
            None => String::new(),
        }
    }
}

/// Jenks' natural breaks of weighted distinct values into `k` classes (k < values.len()): the
/// grouping of consecutive values with the least total squared deviation from each group's mean.
fn natural_breaks(values: &[(usize, usize)], k: usize) -> Vec<(usize, usize)> {
    let m = values.len();
    // Prefix sums of weight, weighted value and weighted square, for O(1) group costs.
    let mut w = vec![0.0f64; m + 1];
    let mut s = vec![0.0f64; m + 1];
    let mut q = vec![0.0f64; m + 1];
    for (i, &(v, n)) in values.iter().enumerate() {
        let (v, n) = (v as f64, n as f64);
        w[i + 1] = w[i] + n;
        s[i + 1] = s[i] + n * v;
        q[i + 1] = q[i] + n * v * v;
    }
    // The squared deviation of values[a..b] from their mean.
    let cost = |a: usize, b: usize| {
        let (w, s, q) = (w[b] - w[a], s[b] - s[a], q[b] - q[a]);
        q - s * s / w
    };
    // best[j][b]: least cost of values[..b] in j+1 groups; from[j][b]: where the last group starts.
    let mut best = vec![vec![f64::INFINITY; m + 1]; k];
    let mut from = vec![vec![0usize; m + 1]; k];
    for (b, first) in best[0].iter_mut().enumerate().skip(1) {
        *first = cost(0, b);
    }
    for j in 1..k {
        for b in (j + 1)..=m {
            for a in j..b {
                let c = best[j - 1][a] + cost(a, b);
                // Ties keep the earliest break, so the result does not depend on float noise.
                if c < best[j][b] - 1e-9 {
                    best[j][b] = c;
                    from[j][b] = a;
                }
            }
        }
    }
    let mut ranges = Vec::with_capacity(k);
    let mut b = m;
    for j in (0..k).rev() {
        let a = if j == 0 { 0 } else { from[j][b] };
        ranges.push((values[a].0, values[b - 1].0));
        b = a;
    }
    ranges.reverse();
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(counts: &[usize]) -> Vec<(usize, usize)> {
        ChoroplethClasses::from_counts(counts.iter().copied())
            .ranges()
            .to_vec()
    }

    #[test]
    fn no_stations_gives_no_classes() {
        let classes = ChoroplethClasses::from_counts([0, 0, 0]);
        assert!(classes.is_empty());
        assert_eq!(classes.class_of(0), None);
        assert_eq!(classes.class_of(3), None);
    }

    #[test]
    fn one_distinct_count_is_one_class_labelled_with_it() {
        let classes = ChoroplethClasses::from_counts([0, 2, 2, 0, 2]);
        assert_eq!(classes.ranges(), &[(2, 2)]);
        assert_eq!(classes.label(0), "2");
        assert_eq!(classes.class_of(2), Some(0));
        assert_eq!(classes.class_of(1), Some(0), "any station is in a class");
    }

    #[test]
    fn two_distinct_counts_are_two_classes() {
        assert_eq!(ranges(&[1, 1, 1, 7]), vec![(1, 1), (7, 7)]);
    }

    #[test]
    fn up_to_five_distinct_counts_each_get_a_class_however_many_ties() {
        assert_eq!(
            ranges(&[1, 1, 1, 1, 1, 1, 2, 2, 3, 5, 9]),
            vec![(1, 1), (2, 2), (3, 3), (5, 5), (9, 9)]
        );
    }

    #[test]
    fn many_counts_make_five_classes_with_no_empty_class_and_no_gap_between_them() {
        let counts = [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7, 9, 14, 30];
        let classes = ChoroplethClasses::from_counts(counts);
        assert_eq!(classes.len(), MAX_CLASSES);
        let r = classes.ranges();
        assert_eq!(r[0].0, 1);
        assert_eq!(r[MAX_CLASSES - 1].1, 30);
        for (k, &(lo, hi)) in r.iter().enumerate() {
            assert!(lo <= hi);
            // Every class holds at least one country.
            assert!(counts.iter().any(|c| (lo..=hi).contains(c)), "{r:?}");
            if k > 0 {
                assert!(r[k - 1].1 < lo, "{r:?}");
            }
        }
        // Every count lands in the class whose range holds it.
        for c in counts {
            let i = classes.class_of(c).unwrap();
            assert!((r[i].0..=r[i].1).contains(&c), "{c} in {r:?}");
        }
        // The outlier stands alone rather than stretching a class over the gap below it.
        assert_eq!(r[MAX_CLASSES - 1], (30, 30));
    }

    #[test]
    fn counts_between_or_beyond_classes_fall_in_the_nearest_lower_class() {
        let classes = ChoroplethClasses::from_counts([1, 4, 10]);
        assert_eq!(classes.class_of(3), Some(0));
        assert_eq!(classes.class_of(5), Some(1));
        assert_eq!(classes.class_of(99), Some(2));
    }

    #[test]
    fn labels_name_the_real_range() {
        let classes = ChoroplethClasses::from_counts([1, 2, 3, 4, 5, 6, 7, 8, 20]);
        for i in 0..classes.len() {
            let (lo, hi) = classes.ranges()[i];
            let label = classes.label(i);
            if lo == hi {
                assert_eq!(label, lo.to_string());
            } else {
                assert_eq!(label, format!("{lo}–{hi}"));
            }
        }
    }
}

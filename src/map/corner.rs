//! Where a box (a legend) goes on a map: the corner that covers the fewest markers, in a fixed
//! order of preference, staying where it is on a tie so that it does not jump. Used by the live
//! legend and the map picture's.

use egui::{Align2, Pos2, Rect, Vec2};

/// A corner of the map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Corner {
    /// The default: under the Americas' Pacific at the world view, where nothing is reported.
    #[default]
    BottomLeft,
    /// Bottom right.
    BottomRight,
    /// Top left.
    TopLeft,
    /// Top right.
    TopRight,
}

impl Corner {
    /// Every corner, in order of preference.
    pub const ALL: [Self; 4] = [
        Self::BottomLeft,
        Self::BottomRight,
        Self::TopLeft,
        Self::TopRight,
    ];

    /// A box of `size` in this corner of `inner`.
    pub fn rect(self, inner: Rect, size: Vec2) -> Rect {
        let min = match self {
            Self::BottomLeft => Pos2::new(inner.min.x, inner.max.y - size.y),
            Self::BottomRight => inner.max - size,
            Self::TopLeft => inner.min,
            Self::TopRight => Pos2::new(inner.max.x - size.x, inner.min.y),
        };
        Rect::from_min_size(min, size)
    }

    /// The point of `inner` a box in this corner is pinned to, and how it hangs from it.
    pub fn pin(self, inner: Rect) -> (Pos2, Align2) {
        match self {
            Self::BottomLeft => (inner.left_bottom(), Align2::LEFT_BOTTOM),
            Self::BottomRight => (inner.right_bottom(), Align2::RIGHT_BOTTOM),
            Self::TopLeft => (inner.left_top(), Align2::LEFT_TOP),
            Self::TopRight => (inner.right_top(), Align2::RIGHT_TOP),
        }
    }
}

/// Of `allowed` corners, the one where a box of `size` in `inner` covers the fewest `markers`
/// (each counted by its weight: a cluster counts its stations); `keep` stays on a tie, else the
/// first in order wins.
pub fn least_covered_corner(
    inner: Rect,
    size: Vec2,
    markers: &[(Rect, usize)],
    allowed: &[Corner],
    keep: Option<Corner>,
) -> Corner {
    let covered = |corner: Corner| -> usize {
        let r = corner.rect(inner, size);
        markers
            .iter()
            .filter(|(m, _)| m.intersects(r))
            .map(|(_, w)| *w)
            .sum()
    };
    let best = allowed
        .iter()
        .copied()
        .min_by_key(|&c| covered(c))
        .unwrap_or_default();
    match keep {
        Some(k) if allowed.contains(&k) && covered(k) <= covered(best) => k,
        _ => best,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner() -> Rect {
        Rect::from_min_size(Pos2::ZERO, Vec2::new(800.0, 600.0))
    }

    #[test]
    fn the_box_goes_to_the_first_corner_that_covers_nothing() {
        let marker = (
            Rect::from_center_size(Pos2::new(50.0, 550.0), Vec2::splat(10.0)),
            1,
        );
        let corner = least_covered_corner(
            inner(),
            Vec2::new(200.0, 150.0),
            &[marker],
            &Corner::ALL,
            None,
        );
        assert_eq!(corner, Corner::BottomRight);
    }

    #[test]
    fn a_cluster_weighs_as_many_stations_as_it_holds() {
        let cluster = (
            Rect::from_center_size(Pos2::new(50.0, 550.0), Vec2::splat(20.0)),
            9,
        );
        let single = (
            Rect::from_center_size(Pos2::new(750.0, 550.0), Vec2::splat(10.0)),
            1,
        );
        let everywhere = [
            cluster,
            single,
            (
                Rect::from_center_size(Pos2::new(50.0, 50.0), Vec2::splat(10.0)),
                2,
            ),
            (
                Rect::from_center_size(Pos2::new(750.0, 50.0), Vec2::splat(10.0)),
                2,
            ),
        ];
        let corner = least_covered_corner(
            inner(),
            Vec2::new(200.0, 150.0),
            &everywhere,
            &Corner::ALL,
            None,
        );
        assert_eq!(corner, Corner::BottomRight);
    }

    #[test]
    fn on_a_tie_the_box_stays_where_it_is() {
        let corner = least_covered_corner(
            inner(),
            Vec2::new(200.0, 150.0),
            &[],
            &Corner::ALL,
            Some(Corner::TopRight),
        );
        assert_eq!(corner, Corner::TopRight);
        let corner = least_covered_corner(
            inner(),
            Vec2::new(200.0, 150.0),
            &[],
            &[Corner::BottomLeft, Corner::TopLeft],
            Some(Corner::BottomRight),
        );
        assert_eq!(
            corner,
            Corner::BottomLeft,
            "a corner no longer allowed is left"
        );
    }
}

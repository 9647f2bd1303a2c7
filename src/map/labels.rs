//! Label placement, pure: given candidate labels (text, anchor on screen, priority, font size)
//! and obstacles (marker boxes, the legend), choose where each label goes so that no two placed
//! labels overlap and none covers an obstacle; labels that do not fit are left out.
//!
//! Greedy by priority (the standard cartographic compromise: the most important names always
//! win, the rest fill the gaps), O(n²) in the labels placed, which for a few hundred labels is
//! far below a millisecond; the map picture calls it once per picture, and the live map can call
//! it once per zoom level or data change. Text widths are estimated from character classes on
//! the generous side (see [`text_size`]), so a label drawn in another sans-serif font than the
//! one measured still stays inside its box.

use egui::{Align, Pos2, Rect, Vec2};

/// Gap kept between a label and anything else, in screen points.
const PADDING: f32 = 1.5;

/// How a label may sit relative to its anchor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LabelKind {
    /// The name of an area (a country): centred on its anchor, else one or two lines above or
    /// below it.
    Area,
    /// The name of a point (a station's city): beside its marker, `gap` points from the anchor
    /// (right, left, above, below, in that order of preference).
    Point {
        /// Distance from the anchor to the label's near edge.
        gap: f32,
    },
}

/// A label that would like to be placed.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelCandidate {
    /// The text.
    pub text: String,
    /// The screen point it names.
    pub anchor: Pos2,
    /// Higher is placed first.
    pub priority: f32,
    /// Font size in screen points.
    pub font_size: f32,
    /// Where it may sit relative to its anchor.
    pub kind: LabelKind,
}

/// A label that was placed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedLabel {
    /// Index into the candidates.
    pub candidate: usize,
    /// The box the text occupies.
    pub rect: Rect,
    /// How the text is aligned in its box (left of a point label on the right, and so on), so
    /// that a text narrower than its estimated box still hugs its anchor.
    pub align: Align,
}

/// An estimate of the size of `text` at `font_size`, erring wide: ordinary sans-serif fonts
/// (Ubuntu, DejaVu Sans, Arial, Noto Sans) stay within it.
pub fn text_size(text: &str, font_size: f32) -> Vec2 {
    let em: f32 = text.chars().map(char_width_em).sum();
    Vec2::new(em * font_size, font_size * 1.25)
}

/// The advance of a character in ems, rounded up from the widest of the common sans fonts.
fn char_width_em(c: char) -> f32 {
    match c {
        ' ' => 0.33,
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.30,
        'f' | 'r' | 't' | 'I' | '(' | ')' | '[' | ']' | '-' | '/' => 0.42,
        'm' | 'w' | 'M' | 'W' => 0.95,
        'a'..='z' => 0.62,
        'A'..='Z' => 0.74,
        '0'..='9' => 0.64,
        // Wide scripts (CJK ideographs, kana, hangul, full-width forms) take a full em.
        c if u32::from(c) >= 0x2E80 => 1.0,
        _ => 0.70,
    }
}

/// The boxes a candidate may occupy, in order of preference.
fn positions(candidate: &LabelCandidate) -> Vec<(Rect, Align)> {
    let size = text_size(&candidate.text, candidate.font_size);
    let a = candidate.anchor;
    match candidate.kind {
        LabelKind::Area => {
            let centred = Rect::from_center_size(a, size);
            [0.0, -1.0, 1.0, -2.0, 2.0]
                .into_iter()
                .map(|lines| {
                    (
                        centred.translate(Vec2::new(0.0, lines * size.y)),
                        Align::Center,
                    )
                })
                .collect()
        }
        LabelKind::Point { gap } => {
            let half = size / 2.0;
            vec![
                (
                    Rect::from_min_size(Pos2::new(a.x + gap, a.y - half.y), size),
                    Align::Min,
                ),
                (
                    Rect::from_min_size(Pos2::new(a.x - gap - size.x, a.y - half.y), size),
                    Align::Max,
                ),
                (
                    Rect::from_min_size(Pos2::new(a.x - half.x, a.y - gap - size.y), size),
                    Align::Center,
                ),
                (
                    Rect::from_min_size(Pos2::new(a.x - half.x, a.y + gap), size),
                    Align::Center,
                ),
            ]
        }
    }
}

/// Places the candidates, highest priority first (ties in input order): each takes the first of
/// its positions that lies inside `bounds` and overlaps neither an obstacle nor a label already
/// placed; a candidate with no such position is left out. Empty texts are never placed.
pub fn place_labels(
    candidates: &[LabelCandidate],
    obstacles: &[Rect],
    bounds: Rect,
) -> Vec<PlacedLabel> {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| candidates[b].priority.total_cmp(&candidates[a].priority));
    let mut placed: Vec<PlacedLabel> = Vec::new();
    for i in order {
        let candidate = &candidates[i];
        if candidate.text.trim().is_empty() || !candidate.anchor.is_finite() {
            continue;
        }
        let free = |rect: &Rect| {
            let padded = rect.expand(PADDING);
            bounds.contains_rect(*rect)
                && !obstacles.iter().any(|o| o.intersects(padded))
                && !placed.iter().any(|p| p.rect.intersects(padded))
        };
        if let Some((rect, align)) = positions(candidate).into_iter().find(|(r, _)| free(r)) {
            placed.push(PlacedLabel {
                candidate: i,
                rect,
                align,
            });
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn candidate(text: &str, x: f32, y: f32, priority: f32, kind: LabelKind) -> LabelCandidate {
        LabelCandidate {
            text: text.to_owned(),
            anchor: Pos2::new(x, y),
            priority,
            font_size: 12.0,
            kind,
        }
    }

    fn screen() -> Rect {
        Rect::from_min_size(Pos2::ZERO, Vec2::new(800.0, 600.0))
    }

    #[test]
    fn the_higher_priority_label_wins_a_contested_spot() {
        let low = candidate("Lowland", 100.0, 100.0, 1.0, LabelKind::Area);
        let high = candidate("Highland", 102.0, 100.0, 5.0, LabelKind::Area);
        let placed = place_labels(&[low, high], &[], screen());
        assert_eq!(placed[0].candidate, 1);
        // The loser moved above or below rather than overlapping.
        assert_eq!(placed.len(), 2);
        assert!(!placed[0].rect.intersects(placed[1].rect));
    }

    #[test]
    fn a_point_label_steps_aside_for_a_marker_and_falls_back_to_the_left() {
        let marker = Rect::from_center_size(Pos2::new(120.0, 100.0), Vec2::splat(12.0));
        let city = candidate("Prato", 100.0, 100.0, 1.0, LabelKind::Point { gap: 8.0 });
        let placed = place_labels(&[city], &[marker], screen());
        assert_eq!(placed.len(), 1);
        assert!(placed[0].rect.max.x <= 100.0, "{:?}", placed[0].rect);
        assert_eq!(placed[0].align, Align::Max);
    }

    #[test]
    fn labels_that_cannot_fit_are_left_out_and_none_leaves_the_bounds() {
        let edge = candidate("Edge of the world", 2.0, 300.0, 1.0, LabelKind::Area);
        let empty = candidate("  ", 400.0, 300.0, 9.0, LabelKind::Area);
        assert!(place_labels(&[edge, empty], &[], screen()).is_empty());
    }

    #[test]
    fn wide_scripts_are_estimated_wider_than_latin() {
        assert!(text_size("東京", 10.0).x > text_size("ab", 10.0).x);
        assert_eq!(text_size("", 10.0).x, 0.0);
    }

    fn arbitrary_candidate() -> impl Strategy<Value = LabelCandidate> {
        (
            "[A-Za-zé東 ]{1,14}",
            0.0f32..800.0,
            0.0f32..600.0,
            0.0f32..10.0,
            8.0f32..20.0,
            any::<bool>(),
        )
            .prop_map(|(text, x, y, priority, font_size, area)| LabelCandidate {
                text,
                anchor: Pos2::new(x, y),
                priority,
                font_size,
                kind: if area {
                    LabelKind::Area
                } else {
                    LabelKind::Point { gap: 7.0 }
                },
            })
    }

    proptest! {
        #[test]
        fn placed_labels_never_overlap_each_other_obstacles_or_the_edge(
            candidates in prop::collection::vec(arbitrary_candidate(), 0..120),
            obstacles in prop::collection::vec((0.0f32..800.0, 0.0f32..600.0), 0..60),
        ) {
            let obstacles: Vec<Rect> = obstacles
                .into_iter()
                .map(|(x, y)| Rect::from_center_size(Pos2::new(x, y), Vec2::splat(14.0)))
                .collect();
            let placed = place_labels(&candidates, &obstacles, screen());
            for (k, a) in placed.iter().enumerate() {
                prop_assert!(screen().contains_rect(a.rect));
                prop_assert!(obstacles.iter().all(|o| !o.intersects(a.rect)));
                for b in &placed[k + 1..] {
                    prop_assert!(!a.rect.intersects(b.rect), "{:?} {:?}", a, b);
                    prop_assert_ne!(a.candidate, b.candidate);
                }
            }
        }
    }
}

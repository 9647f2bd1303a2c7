//! egui shapes (the ones markers and legend symbols are made of: circles, rectangles, paths,
//! line segments) as SVG elements, and colours as SVG attributes.

use std::fmt::Write as _;

use egui::epaint::{ColorMode, StrokeKind};
use egui::{Color32, Shape, Stroke};

/// An egui shape as SVG (the shapes markers and legend symbols are made of).
pub(super) fn shape(out: &mut String, shape: &Shape) {
    match shape {
        Shape::Circle(c) => {
            let _ = writeln!(
                out,
                r#"<circle cx="{:.2}" cy="{:.2}" r="{:.2}" {}{}/>"#,
                c.center.x,
                c.center.y,
                c.radius,
                fill(c.fill),
                stroke(c.stroke)
            );
        }
        Shape::Rect(r) => {
            let half = r.stroke.width / 2.0;
            let rect = match r.stroke_kind {
                StrokeKind::Inside => r.rect.shrink(half),
                StrokeKind::Middle => r.rect,
                StrokeKind::Outside => r.rect.expand(half),
            };
            let _ = writeln!(
                out,
                r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" rx="{:.1}" {}{}/>"#,
                rect.min.x,
                rect.min.y,
                rect.width(),
                rect.height(),
                f32::from(r.corner_radius.nw),
                fill(r.fill),
                stroke(r.stroke)
            );
        }
        Shape::Path(p) => {
            let colour = match p.stroke.color {
                ColorMode::Solid(c) => c,
                ColorMode::UV(_) => Color32::TRANSPARENT,
            };
            let mut d = String::new();
            for (k, q) in p.points.iter().enumerate() {
                let _ = write!(d, "{}{:.2},{:.2}", if k == 0 { "M" } else { "L" }, q.x, q.y);
            }
            if p.closed {
                d.push('Z');
            }
            let _ = writeln!(
                out,
                r#"<path d="{d}" stroke-linejoin="round" {}{}/>"#,
                fill(p.fill),
                stroke(Stroke::new(p.stroke.width, colour))
            );
        }
        Shape::LineSegment { points, stroke: s } => {
            let _ = writeln!(
                out,
                r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" {}/>"#,
                points[0].x,
                points[0].y,
                points[1].x,
                points[1].y,
                stroke(*s)
            );
        }
        // Markers and legend symbols use only the shapes above.
        _ => {}
    }
}

/// `fill="…"` (with its opacity), or `fill="none"`.
fn fill(c: Color32) -> String {
    match c.a() {
        0 => r#"fill="none" "#.to_owned(),
        255 => format!(r#"fill="{}" "#, hex(c)),
        a => format!(
            r#"fill="{}" fill-opacity="{:.3}" "#,
            hex(c),
            f32::from(a) / 255.0
        ),
    }
}

/// `stroke="…" stroke-width="…"`, or nothing for no stroke.
fn stroke(s: Stroke) -> String {
    if s.width <= 0.0 || s.color.a() == 0 {
        return String::new();
    }
    let opacity = if s.color.a() == 255 {
        String::new()
    } else {
        format!(r#" stroke-opacity="{:.3}""#, f32::from(s.color.a()) / 255.0)
    };
    format!(
        r#"stroke="{}" stroke-width="{:.2}"{opacity}"#,
        hex(s.color),
        s.width
    )
}

/// `#rrggbb` of a colour (unmultiplied; alpha goes in the opacity attributes).
pub(super) fn hex(c: Color32) -> String {
    let [r, g, b, _] = c.to_srgba_unmultiplied();
    format!("#{r:02x}{g:02x}{b:02x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_written_unmultiplied_with_their_opacity() {
        assert_eq!(hex(Color32::from_rgb(255, 0, 16)), "#ff0010");
        let half = Color32::from_rgba_unmultiplied(255, 255, 255, 128);
        assert!(fill(half).contains("#ffffff") && fill(half).contains("0.502"));
        assert_eq!(fill(Color32::TRANSPARENT), r#"fill="none" "#);
        assert!(stroke(Stroke::NONE).is_empty());
    }
}

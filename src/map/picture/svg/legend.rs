//! The map picture's legend (`<g id="legend">`): the choropleth classes, the status colours with
//! their counts in the picture, the precision shapes and the weak-source mark, drawn with the
//! same shapes and colours as the live map's legend.

use egui::epaint::StrokeKind;
use egui::{Color32, Pos2, Shape, Stroke};
use std::fmt::Write as _;

use super::shapes::{hex, shape};
use super::text;
use crate::data::{Precision, StatusClass};
use crate::map::labels::text_size;
use crate::map::picture::scene::Scene;
use crate::map::{precision_symbol_shapes, weak_mark_shapes};

/// The legend: the choropleth classes, the status colours with their counts in the picture,
/// and the precision shapes with the weak-source mark.
pub(super) fn legend(out: &mut String, scene: &Scene, page: Color32, ink: Color32) {
    let style = &scene.style;
    let r = scene.legend;
    let _ = writeln!(out, r#"<g id="legend" fill="{}">"#, hex(ink));
    let _ = writeln!(
        out,
        r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" rx="4" fill="{}" fill-opacity="0.93" stroke="{}" stroke-width="0.8"/>"#,
        r.min.x,
        r.min.y,
        r.width(),
        r.height(),
        hex(page),
        hex(style.border.color)
    );
    let x0 = r.min.x + 10.0;
    let mut y = r.min.y + 10.0;
    let heading = |out: &mut String, y: &mut f32, title: &str| {
        text(out, title, Pos2::new(x0, *y + 11.0), 11.5, "bold", "start");
        *y += 17.0;
    };
    heading(out, &mut y, "Stations per country");
    let mut x = x0;
    let classes = &scene.classes;
    let swatches = std::iter::once((style.land, "none".to_owned()))
        .chain((0..classes.len()).map(|i| (style.class_fill(classes, i), classes.label(i))));
    for (fill, label) in swatches {
        shape(
            out,
            &Shape::rect_filled(
                egui::Rect::from_min_size(Pos2::new(x, y + 1.0), egui::vec2(16.0, 11.0)),
                1.0,
                fill,
            ),
        );
        shape(
            out,
            &Shape::rect_stroke(
                egui::Rect::from_min_size(Pos2::new(x, y + 1.0), egui::vec2(16.0, 11.0)),
                1.0,
                Stroke::new(0.5, Color32::GRAY),
                StrokeKind::Inside,
            ),
        );
        text(
            out,
            &label,
            Pos2::new(x + 20.0, y + 11.0),
            11.0,
            "normal",
            "start",
        );
        x += 20.0 + text_size(&label, 11.0).x + 10.0;
    }
    y += 22.0;
    // The counts are of the markers in the picture, not of the selected country alone.
    heading(out, &mut y, "Marker colour: status (stations in view)");
    for (k, class) in StatusClass::ALL.into_iter().enumerate() {
        let at = Pos2::new(x0 + (k % 2) as f32 * 158.0, y + (k / 2) as f32 * 16.0);
        shape(
            out,
            &Shape::Circle(egui::epaint::CircleShape {
                center: at + egui::vec2(6.0, 7.0),
                radius: 5.0,
                fill: style.status_fill(class),
                stroke: style.marker_stroke,
            }),
        );
        let label = format!("{} ({})", class.short_label(), scene.class_counts[k]);
        text(
            out,
            &label,
            at + egui::vec2(16.0, 11.0),
            11.0,
            "normal",
            "start",
        );
    }
    y += 4.0 * 16.0 + 4.0;
    heading(out, &mut y, "Marker shape: where the point is");
    let items = Precision::ALL
        .into_iter()
        .map(Some)
        .chain(std::iter::once(None));
    for (k, precision) in items.enumerate() {
        let at = Pos2::new(x0 + (k % 2) as f32 * 158.0, y + (k / 2) as f32 * 16.0);
        let center = at + egui::vec2(7.0, 7.0);
        shape(
            out,
            &Shape::rect_filled(
                egui::Rect::from_center_size(center, egui::vec2(16.0, 15.0)),
                2.0,
                style.ocean,
            ),
        );
        let label = match precision {
            Some(p) => {
                for s in precision_symbol_shapes(center, p, style.marker_fill, style.marker_stroke)
                {
                    shape(out, &s);
                }
                p.label()
            }
            None => {
                for s in weak_mark_shapes(center, style.marker_fill) {
                    shape(out, &s);
                }
                "weakly sourced"
            }
        };
        text(
            out,
            label,
            at + egui::vec2(18.0, 11.0),
            11.0,
            "normal",
            "start",
        );
    }
    out.push_str("</g>\n");
}

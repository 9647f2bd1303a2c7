//! The map picture as an SVG document: title, the map (ocean, countries, fans, one `<g
//! class="station" data-id="…">` per station, labels), the legend (`<g id="legend">`) and the
//! caption. Plain SVG 1.1 elements and presentation attributes only (plus `paint-order` for the
//! labels' halos), so browsers, Inkscape, rsvg-convert and resvg draw it alike.
//!
//! Every text comes from a data file and is hostile: it is escaped ([`escape`]), and characters
//! XML does not allow are dropped. `shapes` turns the egui shapes the markers are made of into
//! SVG elements; `legend` draws the legend.

use std::fmt::Write as _;

use egui::{Align, Color32, Pos2, Shape, Stroke};

use super::scene::{CAPTION_SIZE, MARGIN, SUBTITLE_SIZE, Scene, TITLE_SIZE};
use crate::map::{precision_symbol_shapes, weak_mark_shapes};
use legend::legend;
use shapes::{hex, shape};

mod legend;
mod shapes;

/// Fonts in order of preference: the app's own (Ubuntu, and Noto Sans CJK for Chinese, Japanese
/// and Korean), then what browsers and Inkscape find on most systems.
pub const FONT_FAMILY: &str = "Ubuntu, 'Noto Sans', 'DejaVu Sans', 'Helvetica Neue', Arial, 'Noto Sans CJK SC', 'Noto Sans CJK JP', sans-serif";

/// Colours of the page around the map: background, text, quieter text.
fn page_colours(dark: bool) -> (Color32, Color32, Color32) {
    if dark {
        (
            Color32::from_rgb(18, 20, 24),
            Color32::from_gray(232),
            Color32::from_gray(165),
        )
    } else {
        (
            Color32::WHITE,
            Color32::from_gray(25),
            Color32::from_gray(85),
        )
    }
}

/// The scene as an SVG document.
pub fn svg_document(scene: &Scene) -> String {
    let (page, ink, quiet) = page_colours(scene.dark);
    let mut out = String::with_capacity(1 << 20);
    let c = scene.canvas;
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{}" height="{}" viewBox="0 0 {:.2} {:.2}" font-family="{FONT_FAMILY}">"#,
        scene.size.width, scene.size.height, c.x, c.y
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&scene.title));
    let _ = writeln!(out, "<desc>{}</desc>", escape(&scene.caption.join(" ")));
    let _ = writeln!(
        out,
        r#"<rect width="{:.2}" height="{:.2}" fill="{}"/>"#,
        c.x,
        c.y,
        hex(page)
    );

    let _ = writeln!(out, r#"<g id="title" fill="{}">"#, hex(ink));
    let y = MARGIN + TITLE_SIZE;
    text(
        &mut out,
        &scene.title,
        Pos2::new(MARGIN, y),
        TITLE_SIZE,
        "bold",
        "start",
    );
    let y = y + SUBTITLE_SIZE * 1.45;
    text(
        &mut out,
        &scene.subtitle,
        Pos2::new(MARGIN, y),
        SUBTITLE_SIZE,
        "normal",
        "start",
    );
    out.push_str("</g>\n");

    map(&mut out, scene);
    legend(&mut out, scene, page, ink);

    let _ = writeln!(out, r#"<g id="caption" fill="{}">"#, hex(quiet));
    let mut y = scene.map_rect.max.y + 8.0 + CAPTION_SIZE;
    for line in &scene.caption {
        text(
            &mut out,
            line,
            Pos2::new(MARGIN, y),
            CAPTION_SIZE,
            "normal",
            "start",
        );
        y += CAPTION_SIZE * 1.35;
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// The map: ocean, countries, the selected country's outline, fans, stations, labels; clipped.
fn map(out: &mut String, scene: &Scene) {
    let style = &scene.style;
    let r = scene.map_rect;
    let _ = writeln!(
        out,
        r#"<clipPath id="map-clip"><rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}"/></clipPath>"#,
        r.min.x,
        r.min.y,
        r.width(),
        r.height()
    );
    let _ = writeln!(out, r#"<g id="map" clip-path="url(#map-clip)">"#);
    let _ = writeln!(
        out,
        r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="{}"/>"#,
        r.min.x,
        r.min.y,
        r.width(),
        r.height(),
        hex(style.ocean)
    );
    let _ = writeln!(
        out,
        r#"<g id="countries" fill-rule="evenodd" stroke="{}" stroke-width="{:.2}" stroke-linejoin="round">"#,
        hex(style.border.color),
        style.border.width
    );
    for country in &scene.countries {
        let _ = writeln!(
            out,
            r#"<path data-iso2="{}" fill="{}" d="{}"/>"#,
            escape(&country.iso2),
            hex(country.fill),
            path_data(&country.rings)
        );
    }
    out.push_str("</g>\n");
    for country in scene.countries.iter().filter(|c| c.selected) {
        let _ = writeln!(
            out,
            r#"<path id="selected-country" fill="none" stroke="{}" stroke-width="{:.2}" stroke-linejoin="round" d="{}"/>"#,
            hex(style.selected_border.color),
            style.selected_border.width,
            path_data(&country.rings)
        );
    }
    out.push_str("<g id=\"fans\">\n");
    let fan = style.marker_fill.gamma_multiply(0.6);
    for m in scene.markers.iter().filter(|m| m.pos != m.anchor) {
        shape(
            out,
            &Shape::line_segment([m.anchor, m.pos], Stroke::new(1.0, fan)),
        );
        shape(out, &Shape::circle_filled(m.anchor, 2.0, style.marker_fill));
    }
    out.push_str("</g>\n<g id=\"stations\">\n");
    for m in &scene.markers {
        let _ = writeln!(
            out,
            r#"<g class="station" data-id="{}" data-status="{}">"#,
            escape(&m.id),
            escape(m.class.short_label())
        );
        for s in precision_symbol_shapes(
            m.pos,
            m.precision,
            style.status_fill(m.class),
            style.marker_stroke,
        ) {
            shape(out, &s);
        }
        if m.weak {
            for s in weak_mark_shapes(m.pos, style.marker_fill) {
                shape(out, &s);
            }
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n");
    let _ = writeln!(
        out,
        r#"<g id="labels" stroke="{}" stroke-width="3" stroke-linejoin="round" paint-order="stroke">"#,
        hex(style.ocean.gamma_multiply(0.9).to_opaque())
    );
    for label in &scene.labels {
        let (x, anchor) = match label.align {
            Align::Min => (label.rect.min.x, "start"),
            Align::Center => (label.rect.center().x, "middle"),
            Align::Max => (label.rect.max.x, "end"),
        };
        let colour = if label.strong {
            style.text
        } else {
            style.text.gamma_multiply(0.75)
        };
        let _ = write!(out, r#"<g fill="{}">"#, hex(colour.to_opaque()));
        let weight = if label.strong { "bold" } else { "normal" };
        let baseline = Pos2::new(x, label.rect.min.y + 0.95 * label.font_size);
        text(out, &label.text, baseline, label.font_size, weight, anchor);
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n</g>\n");
}

/// One line of text; `anchor` is SVG's `text-anchor`.
pub(super) fn text(
    out: &mut String,
    content: &str,
    baseline: Pos2,
    size: f32,
    weight: &str,
    anchor: &str,
) {
    let _ = writeln!(
        out,
        r#"<text x="{:.2}" y="{:.2}" font-size="{size:.1}" font-weight="{weight}" text-anchor="{anchor}">{}</text>"#,
        baseline.x,
        baseline.y,
        escape(content)
    );
}

/// Path data for rings in logical units: one subpath per ring, points closer than a tenth of a
/// unit to the last one kept dropped, rings left with fewer than three points left out.
fn path_data(rings: &[Vec<Pos2>]) -> String {
    let mut d = String::new();
    for ring in rings {
        let mut kept: Vec<Pos2> = Vec::with_capacity(ring.len());
        for &p in ring {
            if kept.last().is_none_or(|l| (*l - p).length_sq() >= 0.01) {
                kept.push(p);
            }
        }
        // A ring that shrank to a point or a line is invisible at this scale, and renderers
        // cannot stroke it (tiny-skia warns).
        if kept.len() < 3 {
            continue;
        }
        for (k, p) in kept.iter().enumerate() {
            let _ = write!(d, "{}{:.1} {:.1}", if k == 0 { "M" } else { "L" }, p.x, p.y);
        }
        d.push('Z');
    }
    d
}

/// Text made safe as XML character data or an attribute value: the five special characters as
/// entities, characters XML 1.0 forbids (C0 controls but tab and newlines, U+FFFE, U+FFFF)
/// dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_stays_text() {
        assert_eq!(escape(r#"<script>&"'"#), "&lt;script&gt;&amp;&quot;&apos;");
        assert_eq!(escape("a\u{0}b\u{1b}c\u{ffff}"), "abc");
    }
}

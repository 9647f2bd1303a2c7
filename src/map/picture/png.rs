//! The map picture as PNG: its SVG rendered by resvg, so the PNG and the SVG are the same map by
//! construction. Text is drawn with the fonts the app embeds (egui's Ubuntu and Hack, and the
//! Noto Sans CJK subset), never with a scan of the system's fonts, so the result is the same on
//! every machine.

use std::sync::Arc;

use resvg::usvg::fontdb::Source;

use super::{PictureError, PictureSize};

/// The fonts the app draws with, loaded once into resvg's font database.
fn font_database() -> resvg::usvg::fontdb::Database {
    let mut db = resvg::usvg::fontdb::Database::new();
    for font in egui::FontDefinitions::default().font_data.values() {
        // Shared, not copied: egui keeps the bytes behind the same `Arc`.
        db.load_font_source(Source::Binary(Arc::clone(&font.font)));
    }
    db.load_font_source(Source::Binary(Arc::new(crate::ui::fonts::CJK_FONT_DATA)));
    // Generic names in the SVG's font list end at these.
    db.set_sans_serif_family("Ubuntu");
    db.set_monospace_family("Hack");
    db
}

/// Renders `svg` at `size` (the SVG's own width and height) as PNG bytes.
pub fn png_from_svg(svg: &str, size: PictureSize) -> Result<Vec<u8>, PictureError> {
    let mut options = resvg::usvg::Options {
        font_family: "Ubuntu".to_owned(),
        ..resvg::usvg::Options::default()
    };
    options.fontdb = Arc::new(font_database());
    let tree = resvg::usvg::Tree::from_str(svg, &options)?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width, size.height)
        .ok_or(PictureError::Allocate(size))?;
    let scale_x = size.width as f32 / tree.size().width();
    let scale_y = size.height as f32 / tree.size().height();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale_x, scale_y),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|err| PictureError::Encode(err.to_string()))
}

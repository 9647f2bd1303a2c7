//! Fonts: egui's own cover Latin, Greek and Cyrillic; the data quotes Chinese, Japanese and Korean
//! sources in their own script, so a subset of Noto Sans CJK (the glyphs the embedded data uses,
//! plus kana and CJK punctuation; see `tools/subset_cjk_font.py`, SIL OFL 1.1) is added as a
//! fallback after them.

use egui::{FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily};

/// Name of the CJK fallback font in egui's font definitions.
pub const CJK_FONT: &str = "noto-sans-cjk-subset";

/// The CJK fallback's font file (also given to the map picture's renderer).
pub const CJK_FONT_DATA: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJK-subset.otf");

/// Adds the CJK fallback to both font families (once; later calls do nothing).
pub fn install(ctx: &egui::Context) {
    ctx.add_font(FontInsert::new(
        CJK_FONT,
        FontData::from_static(CJK_FONT_DATA),
        vec![
            InsertFontFamily {
                family: FontFamily::Proportional,
                priority: FontPriority::Lowest,
            },
            InsertFontFamily {
                family: FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
}

//! The map picture: the map alone (no toolbars, no panels), built from vector data only, with a
//! title, the legend and a caption (dates, filters, data credit, boundary notice), as SVG or as
//! PNG, for publication. The same for the app's File menu and the `image` command.
//!
//! - `scene`: what is in the picture and where (outlines, markers, labels, legend box), pure;
//! - `extent`: where the picture looks (a country with all its shown stations, or the world),
//!   and the legend's corner;
//! - `caption`: the caption's words, and keeping text from the data on one line;
//! - `svg`: the scene as an SVG document (every text escaped);
//! - `png`: that SVG rendered by resvg with the app's own fonts, so the PNG and the SVG are the
//!   same map by construction.
//!
//! The online basemap is never in the picture (its tiles are raster, licensed per provider and
//! fetched from a server), so no tile attribution is needed.

mod caption;
mod extent;
mod png;
mod scene;
mod svg;

use std::fmt;

pub(crate) use caption::one_line;
pub use caption::{filter_words, timeline_words};
pub use png::png_from_svg;
pub use scene::{Scene, SceneMarker};
pub use svg::{escape, svg_document};

use crate::state::Model;

/// Each side of a picture is at least this many pixels.
pub const MIN_SIDE: u32 = 200;
/// Each side of a picture is at most this many pixels.
pub const MAX_SIDE: u32 = 10_000;
/// A picture has at most this many pixels (a PNG of 40 megapixels takes 160 MB to render).
pub const MAX_PIXELS: u64 = 40_000_000;

/// The named sizes offered in the app and accepted by `--size`: name, label, width, height.
pub const PRESETS: [(&str, &str, u32, u32); 4] = [
    ("1200x675", "1200 × 675 (web article)", 1200, 675),
    ("1920x1080", "1920 × 1080 (full HD)", 1920, 1080),
    (
        "a4-300dpi",
        "A4 landscape at 300 dpi (3508 × 2480)",
        3508,
        2480,
    ),
    (
        "a4-portrait-300dpi",
        "A4 portrait at 300 dpi (2480 × 3508)",
        2480,
        3508,
    ),
];

/// Why a picture size is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SizeError {
    /// A side outside [`MIN_SIDE`]..=[`MAX_SIDE`].
    #[error("{width}x{height}: each side must be between {MIN_SIDE} and {MAX_SIDE} pixels")]
    Side {
        /// Width asked for.
        width: u32,
        /// Height asked for.
        height: u32,
    },
    /// More than [`MAX_PIXELS`].
    #[error("{width}x{height}: at most {} megapixels", MAX_PIXELS / 1_000_000)]
    Pixels {
        /// Width asked for.
        width: u32,
        /// Height asked for.
        height: u32,
    },
    /// Neither `WIDTHxHEIGHT` nor a preset name.
    #[error(
        "{text:?}: expected WIDTHxHEIGHT (e.g. 1920x1080) or one of {}",
        PRESETS.map(|(name, ..)| name).join(", ")
    )]
    Syntax {
        /// The text given.
        text: String,
    },
    /// A side that is not a whole number.
    #[error("{text:?}: {side:?} is not a whole number")]
    NotANumber {
        /// The text given.
        text: String,
        /// The side as written.
        side: String,
    },
}

/// Why a picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    /// resvg could not read the SVG (a bug, not the user's doing).
    #[error("the picture could not be rendered: {0}")]
    Render(#[from] resvg::usvg::Error),
    /// No memory for the pixels.
    #[error("cannot allocate a {0} picture")]
    Allocate(PictureSize),
    /// The PNG encoder failed.
    #[error("the picture could not be encoded as PNG: {0}")]
    Encode(String),
}

/// The size of a picture in pixels (for the SVG, its width and height in CSS pixels).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PictureSize {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl Default for PictureSize {
    fn default() -> Self {
        Self {
            width: 1920,
            height: 1080,
        }
    }
}

impl PictureSize {
    /// A size within the bounds, or why not.
    pub fn new(width: u32, height: u32) -> Result<Self, SizeError> {
        let side = MIN_SIDE..=MAX_SIDE;
        if !side.contains(&width) || !side.contains(&height) {
            return Err(SizeError::Side { width, height });
        }
        if u64::from(width) * u64::from(height) > MAX_PIXELS {
            return Err(SizeError::Pixels { width, height });
        }
        Ok(Self { width, height })
    }

    /// Parses `1920x1080` or a preset name (`a4-300dpi`, see [`PRESETS`]).
    pub fn parse(text: &str) -> Result<Self, SizeError> {
        let text = text.trim();
        if let Some(&(_, _, w, h)) = PRESETS
            .iter()
            .find(|(name, ..)| name.eq_ignore_ascii_case(text))
        {
            return Self::new(w, h);
        }
        let (w, h) = text
            .split_once(['x', 'X'])
            .ok_or_else(|| SizeError::Syntax {
                text: text.to_owned(),
            })?;
        let number = |v: &str| {
            v.trim().parse::<u32>().map_err(|_| SizeError::NotANumber {
                text: text.to_owned(),
                side: v.to_owned(),
            })
        };
        Self::new(number(w)?, number(h)?)
    }
}

impl fmt::Display for PictureSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}x{}", self.width, self.height)
    }
}

/// The file format of a picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum PictureFormat {
    /// Scalable vector graphics: outlines, markers and text stay editable (Inkscape, browsers).
    #[value(name = "svg")]
    Svg,
    /// A raster image, the SVG rendered at the chosen size.
    #[value(name = "png")]
    Png,
}

impl PictureFormat {
    /// Both formats, in menu order.
    pub const ALL: [Self; 2] = [Self::Svg, Self::Png];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
        }
    }

    /// The format a file name's extension names, if it names one.
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?;
        Self::ALL
            .into_iter()
            .find(|f| f.extension().eq_ignore_ascii_case(ext))
    }
}

impl fmt::Display for PictureFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Svg => "SVG",
            Self::Png => "PNG",
        })
    }
}

/// What to draw: the model's data, filters (with the timeline date) and selected country are
/// taken as they are; these are the picture's own choices.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PictureOptions {
    /// Size in pixels.
    pub size: PictureSize,
    /// Dark colours (the app's dark theme) instead of light ones.
    pub dark: bool,
}

/// The picture of what `model` shows, as the bytes of a file in `format`.
pub fn render(
    model: &Model,
    options: PictureOptions,
    format: PictureFormat,
) -> Result<Vec<u8>, PictureError> {
    let svg = svg_document(&Scene::build(model, options));
    match format {
        PictureFormat::Svg => Ok(svg.into_bytes()),
        PictureFormat::Png => png_from_svg(&svg, options.size),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_presets_parse_and_out_of_bounds_sizes_say_why() {
        assert_eq!(
            PictureSize::parse("1200x675"),
            Ok(PictureSize::new(1200, 675).unwrap())
        );
        assert_eq!(PictureSize::parse("A4-300dpi").map(|s| s.width), Ok(3508));
        let side = PictureSize::parse("100x100").unwrap_err();
        assert!(matches!(side, SizeError::Side { width: 100, .. }));
        assert!(side.to_string().contains("between"), "{side}");
        let pixels = PictureSize::parse("9000x9000").unwrap_err();
        assert!(matches!(pixels, SizeError::Pixels { .. }));
        assert!(pixels.to_string().contains("megapixels"), "{pixels}");
        let syntax = PictureSize::parse("big").unwrap_err();
        assert!(syntax.to_string().contains("a4-300dpi"), "{syntax}");
        let number = PictureSize::parse("12ax5").unwrap_err();
        assert_eq!(
            number,
            SizeError::NotANumber {
                text: "12ax5".into(),
                side: "12a".into()
            }
        );
        assert!(number.to_string().contains("whole number"), "{number}");
    }

    #[test]
    fn the_format_follows_the_extension() {
        use std::path::Path;
        assert_eq!(
            PictureFormat::from_path(Path::new("a/map.SVG")),
            Some(PictureFormat::Svg)
        );
        assert_eq!(
            PictureFormat::from_path(Path::new("map.png")),
            Some(PictureFormat::Png)
        );
        assert_eq!(PictureFormat::from_path(Path::new("map.jpg")), None);
    }
}

//! `overseas-stations image OUT.svg|OUT.png`: the map picture (the map alone, with title,
//! legend and caption) without opening a window, for the stations the filter flags select.
//! `--screenshot` stays the picture of the whole window.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::data;
use crate::geo::Outlines;
use crate::map::picture::{self, PictureFormat, PictureOptions, PictureSize};
use crate::state::Model;

use super::filters::FilterArgs;
use super::load::load_or_report;

/// The app's two colour themes, for the picture (`image --theme`) and the window (`--theme`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Theme {
    /// Light land on a light page (print).
    #[default]
    Light,
    /// The app's dark theme.
    Dark,
}

impl Theme {
    /// The same theme in egui's terms.
    pub fn egui(self) -> egui::Theme {
        match self {
            Theme::Light => egui::Theme::Light,
            Theme::Dark => egui::Theme::Dark,
        }
    }
}

/// The arguments of `overseas-stations image`.
#[derive(Clone, Debug, PartialEq, Eq, clap::Args)]
pub struct ImageArgs {
    /// The file to write (atomically); its extension gives the format unless --format does.
    #[arg(value_name = "OUT")]
    pub output: PathBuf,

    /// svg (vector: outlines, markers and text stay editable) or png.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<PictureFormat>,

    /// Show this country (ISO 3166-1 alpha-2, e.g. PT) with all its shown stations; the whole
    /// world by default.
    #[arg(long, value_name = "ISO2")]
    pub select: Option<String>,

    /// Size in pixels, WIDTHxHEIGHT (each side 200 to 10000, at most 40 megapixels), or a preset:
    /// 1200x675, 1920x1080, a4-300dpi, a4-portrait-300dpi.
    #[arg(long, value_name = "WxH", default_value = "1920x1080", value_parser = PictureSize::parse)]
    pub size: PictureSize,

    /// Colours: light or dark.
    #[arg(long, value_enum, default_value = "light")]
    pub theme: Theme,

    /// Which stations to show (all when none is given), and --as-of for the timeline date.
    #[command(flatten)]
    pub filters: FilterArgs,
}

impl ImageArgs {
    /// These arguments with filter flags given before `image` (on the top level) added.
    pub fn with_top_level_filters(&self, top: &FilterArgs) -> Self {
        Self {
            filters: self.filters.merged(top),
            ..self.clone()
        }
    }
}

/// Runs `image`: loads and validates the data file (`data`, else the embedded data set), lays out
/// the picture of the stations the filter flags select and writes it to the output file. Returns
/// 0 after a one-line summary on standard error; 2 for an unknown format or country (a bad value,
/// as clap reports them); 1 after a message for anything else (a bad data file, a failed write).
pub fn run_image(args: &ImageArgs, data: Option<&Path>) -> i32 {
    let shown_path = data::printable_path(&args.output);
    let Some(format) = args
        .format
        .or_else(|| PictureFormat::from_path(&args.output))
    else {
        eprintln!(
            "error: {shown_path}: cannot tell the format from the extension; name a .svg or .png file or give --format svg|png"
        );
        return 2;
    };
    let outlines = match Outlines::embedded() {
        Ok(outlines) => Arc::new(outlines),
        Err(err) => {
            eprintln!("overseas-stations image: {err}");
            return 1;
        }
    };
    let select = match args.select.as_deref().map(str::to_ascii_uppercase) {
        Some(iso) if outlines.index_of(&iso).is_none() => {
            eprintln!(
                "error: invalid value '{}' for '--select <ISO2>': no country with that ISO 3166-1 alpha-2 code",
                data::printable(&iso)
            );
            return 2;
        }
        other => other,
    };
    let Some(set) = load_or_report(data) else {
        return 1;
    };
    let mut model = Model::new(set, outlines);
    model.set_filters(args.filters.to_filters());
    model.select_country(select);
    let options = PictureOptions {
        size: args.size,
        dark: args.theme == Theme::Dark,
    };
    let written = crate::error::write_made(&args.output, picture::render(&model, options, format));
    if let Err(err) = written {
        eprintln!(
            "overseas-stations image: {}",
            data::printable(&err.to_string())
        );
        return 1;
    }
    let described = data::describe_filters(model.filters());
    let place = model
        .selection()
        .country
        .as_deref()
        .map_or("the world", |iso| model.country_name(iso));
    eprintln!(
        "wrote the map of {} ({} shown) to {shown_path} as {format}, {}{}",
        data::printable(place),
        data::count_noun(model.shown().stations.len(), "station", "stations"),
        args.size,
        if described.is_empty() {
            String::new()
        } else {
            format!("; filtered: {described}")
        }
    );
    0
}

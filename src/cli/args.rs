//! The argument tree: the top-level flags (which start the app) and the subcommands, as clap
//! derives them.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::app::StartOptions;

use super::dossier::DossierArgs;
use super::export::ExportArgs;
use super::filters::FilterArgs;
use super::image::ImageArgs;

/// A world map of publicly reported Chinese overseas police "service stations", with sources.
#[derive(Debug, Parser)]
#[command(name = "overseas-stations", version, about)]
pub struct Cli {
    /// Use this data file instead of the embedded data set.
    #[arg(long, value_name = "FILE", global = true)]
    pub data: Option<PathBuf>,

    /// Open the window, render it (toolbars and panels included), write it to this PNG file and
    /// exit. For the map alone, see the `image` command.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,

    /// Select this country (ISO 3166-1 alpha-2, e.g. ES) at start.
    #[arg(long, value_name = "ISO2")]
    pub select: Option<String>,

    /// Draw an online raster basemap from this tile URL template under the countries, e.g.
    /// `https://tile.openstreetmap.org/{z}/{x}/{y}.png` (the default map needs no network).
    #[arg(long, value_name = "URL_TEMPLATE", value_parser = crate::map::tiles::Basemap::from_template)]
    pub tiles: Option<crate::map::tiles::Basemap>,

    /// Start in the light or dark theme, as choosing it in the toolbar would (otherwise the app
    /// follows the system, or the choice remembered from the toolbar).
    #[arg(long, value_enum, value_name = "THEME")]
    pub theme: Option<super::image::Theme>,

    /// Window size, e.g. 1280x800.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub size: Option<(f32, f32)>,

    /// Filters to apply at start (the same as the app's filter bar).
    #[command(flatten)]
    pub filters: FilterArgs,

    /// A subcommand instead of the app.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands that run without a window.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a data file (the embedded one by default) and print a summary or every problem.
    Check {
        /// The data file to check.
        file: Option<PathBuf>,
        /// Treat evidence warnings (bracketed titles, claims resting only on reposts, statuses
        /// stronger than their claimant, points off land) as errors.
        #[arg(long)]
        strict: bool,
    },
    /// List what changed between two data files (stations added, removed or moved, status
    /// changes, sources replaced) and the changelog entry that sums it up.
    Diff {
        /// The older data file.
        old: PathBuf,
        /// The newer data file.
        new: PathBuf,
        /// Also insert the changelog entry at the top of `meta.changelog` in this JSON file (a
        /// data file, or a `{"meta": …}` file such as data-src/meta.json).
        #[arg(long, value_name = "FILE")]
        changelog_into: Option<PathBuf>,
    },
    /// Export the stations (those the filters select; all by default) with their sources as CSV,
    /// GeoJSON or a data file (formats: docs/export-formats.md, installed in
    /// /usr/share/doc/overseas-stations/).
    Export(ExportArgs),
    /// Write the map alone (title, legend, caption; no toolbars or panels) as SVG or PNG, for the
    /// stations the filters select, without opening a window.
    Image(ImageArgs),
    /// Write the dossier of a country (or of all countries: `all`) as one HTML file that stands
    /// alone (maps inline, for screen and print) or as Markdown: summary, map, stations, timeline,
    /// disagreements, caveats, every statement with numbered sources.
    Dossier(DossierArgs),
    /// Print the shell completion script for bash, zsh, fish, elvish or powershell (the Debian
    /// package installs the first three).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the manual pages and the completion scripts under DIR (makes packaging/generated/).
    #[command(hide = true)]
    PackageFiles {
        /// The directory to write into (created if missing).
        dir: PathBuf,
    },
}

impl Cli {
    /// The options for starting the app.
    pub fn start_options(&self) -> StartOptions {
        StartOptions {
            data: self.data.clone(),
            select: self.select.clone(),
            screenshot: self.screenshot.clone(),
        }
    }
}

/// Parses `1280x800`.
pub fn parse_size(text: &str) -> Result<(f32, f32), String> {
    let (w, h) = text
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("{text:?}: expected WIDTHxHEIGHT, e.g. 1280x800"))?;
    let parse = |v: &str| -> Result<f32, String> {
        let n: u32 = v
            .trim()
            .parse()
            .map_err(|_| format!("{text:?}: {v:?} is not a whole number"))?;
        if (200..=8192).contains(&n) {
            Ok(n as f32)
        } else {
            Err(format!(
                "{text:?}: each side must be between 200 and 8192 pixels"
            ))
        }
    };
    Ok((parse(w)?, parse(h)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_bad_ones_say_why() {
        assert_eq!(parse_size("1280x800"), Ok((1280.0, 800.0)));
        assert!(parse_size("1280").unwrap_err().contains("WIDTHxHEIGHT"));
        assert!(parse_size("10x10").unwrap_err().contains("between"));
        assert!(parse_size("axb").unwrap_err().contains("whole number"));
    }

    #[test]
    fn filters_before_and_after_the_subcommand_are_both_read() {
        let cli = Cli::try_parse_from([
            "overseas-stations",
            "--bureau",
            "Nantong PSB",
            "export",
            "--format",
            "csv",
            "--status",
            "closed,reported",
        ])
        .unwrap();
        let Some(Command::Export(args)) = &cli.command else {
            panic!("export expected");
        };
        let merged = args.with_top_level_filters(&cli.filters);
        let names = |values: &[crate::cli::Status]| -> Vec<&str> {
            values.iter().map(|s| s.name()).collect()
        };
        assert_eq!(merged.filters.bureaus.len(), 1);
        assert_eq!(merged.filters.bureaus[0].name(), "Nantong PSB");
        assert_eq!(names(&merged.filters.statuses), ["closed", "reported"]);
    }
}

//! The command line: open the app, make a screenshot, or check a data file.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::app::StartOptions;
use crate::data::{self, DataSet, DataSource};
use crate::geo::Outlines;

/// A world map of publicly reported Chinese overseas police "service stations", with sources.
#[derive(Debug, Parser)]
#[command(name = "overseas-stations", version, about)]
pub struct Cli {
    /// Use this data file instead of the embedded data set.
    #[arg(long, value_name = "FILE", global = true)]
    pub data: Option<PathBuf>,

    /// Open the window, render the map, write it to this PNG file and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,

    /// Select this country (ISO 3166-1 alpha-2, e.g. ES) at start.
    #[arg(long, value_name = "ISO2")]
    pub select: Option<String>,

    /// Window size, e.g. 1280x800.
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    pub size: Option<(f32, f32)>,

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

/// Runs `check`: prints a summary and returns 0, or prints every problem and returns 1.
pub fn run_check(file: Option<&std::path::Path>, out: &mut dyn std::io::Write) -> i32 {
    let outlines = match Outlines::embedded() {
        Ok(o) => o,
        Err(err) => {
            let _ = writeln!(out, "{err}");
            return 1;
        }
    };
    let (shown, text, parsed) = match file {
        Some(path) => {
            let shown = path.display().to_string();
            match data::load_file(path) {
                Ok((text, parsed)) => (shown, text, parsed),
                Err(err) => {
                    let _ = writeln!(out, "{err}");
                    return 1;
                }
            }
        }
        None => {
            let shown = "assets/stations.json (embedded)".to_owned();
            match data::parse_str(data::EMBEDDED_DATA, &shown) {
                Ok(parsed) => (shown, data::EMBEDDED_DATA.to_owned(), parsed),
                Err(err) => {
                    let _ = writeln!(out, "{err}");
                    return 1;
                }
            }
        }
    };
    let problems = data::validate(&parsed, Some(&text), &outlines);
    if !problems.is_empty() {
        for problem in &problems {
            let _ = writeln!(out, "{}", problem.display_with(&shown));
        }
        let _ = writeln!(
            out,
            "{shown}: {} problem(s); the file was not accepted",
            problems.len()
        );
        return 1;
    }
    let origin = file.map_or(DataSource::Embedded, |p| DataSource::File(p.to_path_buf()));
    let set = DataSet::new(parsed, origin);
    let _ = write!(out, "{}", summary(&set));
    0
}

/// The summary `check` prints for a valid file; its first line reads
/// `91 stations in 44 countries, 190 sources`.
pub fn summary(set: &DataSet) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} stations in {} countries, {} sources",
        set.stations().len(),
        set.country_count(),
        set.file.sources.len()
    );
    let _ = writeln!(s, "by report (placed here vs the report's own headline):");
    for report in &set.file.reports {
        let placed = set.stations_per_report(&report.id);
        let countries = set.countries_per_report(&report.id);
        let headline = report.headline.as_ref().map_or_else(String::new, |h| {
            let at_least = if h.stations_at_least { "at least " } else { "" };
            match (h.stations, h.countries) {
                (Some(st), Some(c)) => {
                    format!(
                        "; headline {at_least}{} in {}",
                        data::count_noun(st as usize, "station", "stations"),
                        data::count_noun(c as usize, "country", "countries")
                    )
                }
                (Some(st), None) => format!(
                    "; headline {at_least}{}",
                    data::count_noun(st as usize, "station", "stations")
                ),
                _ => String::new(),
            }
        });
        let _ = writeln!(
            s,
            "  {}: {} in {} placed{headline}",
            report.display_title(),
            data::count_noun(placed, "station", "stations"),
            data::count_noun(countries, "country", "countries")
        );
    }
    let _ = writeln!(s, "by bureau:");
    for bureau in data::BUREAUS {
        let n = set
            .stations()
            .iter()
            .filter(|st| st.bureau == bureau)
            .count();
        if n > 0 {
            let _ = writeln!(s, "  {bureau}: {n}");
        }
    }
    let _ = writeln!(s, "by latest status:");
    for status in data::STATUSES {
        let n = set
            .stations()
            .iter()
            .filter(|st| st.latest_status().is_some_and(|e| e.status == status))
            .count();
        if n > 0 {
            let _ = writeln!(s, "  {}: {n}", data::status_label(status));
        }
    }
    let _ = writeln!(s, "by location precision:");
    for precision in data::Precision::ALL {
        let n = set
            .stations()
            .iter()
            .filter(|st| st.location.precision == precision)
            .count();
        let _ = writeln!(s, "  {}: {n}", precision.label());
    }
    let uncertain = set.stations().iter().filter(|st| st.uncertain).count();
    let _ = writeln!(s, "marked uncertain: {uncertain}");
    s
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
}

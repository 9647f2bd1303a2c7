//! The command line: open the app, make a screenshot, check a data file, or export the stations.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::app::StartOptions;
use crate::data::{self, DataSet, DataSource, ExportFormat, Filters, Listing, Precision};
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

    /// Draw an online raster basemap from this tile URL template under the countries, e.g.
    /// `https://tile.openstreetmap.org/{z}/{x}/{y}.png` (the default map needs no network).
    #[arg(long, value_name = "URL_TEMPLATE", value_parser = crate::map::tiles::Basemap::from_template)]
    pub tiles: Option<crate::map::tiles::Basemap>,

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
    /// GeoJSON or a data file (see docs/export-formats.md).
    Export(ExportArgs),
}

/// Filters matching the app's filter bar. Each flag can be repeated (or take a comma-separated
/// list); a station must match one of the values of every flag given.
#[derive(Clone, Debug, Default, PartialEq, Eq, clap::Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Operating bureau: Fuzhou PSB, Qingtian PSB, Wenzhou PSB, Nantong PSB, Lishui PSB or unknown.
    #[arg(long = "bureau", value_name = "NAME", value_delimiter = ',')]
    pub bureaus: Vec<String>,

    /// First listing: 110-overseas, patrol-and-persuade or other.
    #[arg(long = "listing", value_name = "LISTING", value_delimiter = ',')]
    pub listings: Vec<String>,

    /// Current status (as of --as-of), as shown (a closure claimed only by the PRC side is
    /// closure_claimed): reported, investigation, no_charges, no_evidence_found, denied_by_host,
    /// ordered_closed, closed, closure_claimed, referred_to_prosecutors, charges_filed,
    /// conviction, activity_continued, disputed or other.
    #[arg(long = "status", value_name = "STATUS", value_delimiter = ',')]
    pub statuses: Vec<String>,

    /// Location precision: address, district, city, region or country.
    #[arg(long = "precision", value_name = "PRECISION", value_delimiter = ',')]
    pub precisions: Vec<String>,

    /// Sourcing of the station's listing: supported (an original or primary source) or weak
    /// (only reposts or aggregators).
    #[arg(long = "sourcing", value_name = "SOURCING", value_delimiter = ',')]
    pub sourcing: Vec<String>,

    /// The state of knowledge on this date (YYYY, YYYY-MM or YYYY-MM-DD): stations reported by
    /// then, with their status as of then.
    #[arg(long = "as-of", value_name = "DATE")]
    pub as_of: Option<String>,
}

impl FilterArgs {
    /// Whether no filter flag was given.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// These flags plus `other`'s (lists are joined; this `--as-of` wins over `other`'s).
    pub fn merged(&self, other: &Self) -> Self {
        let join = |a: &[String], b: &[String]| a.iter().chain(b).cloned().collect();
        Self {
            bureaus: join(&self.bureaus, &other.bureaus),
            listings: join(&self.listings, &other.listings),
            statuses: join(&self.statuses, &other.statuses),
            precisions: join(&self.precisions, &other.precisions),
            sourcing: join(&self.sourcing, &other.sourcing),
            as_of: self.as_of.clone().or_else(|| other.as_of.clone()),
        }
    }

    /// The filters, or a message naming the flag and the accepted values for an unknown value.
    ///
    /// Values are matched without regard to case; a bureau may be given without ` PSB`
    /// (`nantong`), a status with `-` for `_` (`ordered-closed`).
    pub fn to_filters(&self) -> Result<Filters, String> {
        let mut filters = Filters::default();
        for value in &self.bureaus {
            let wanted = value.trim();
            let found = data::BUREAUS.iter().find(|b| {
                b.eq_ignore_ascii_case(wanted)
                    || b.strip_suffix(" PSB")
                        .is_some_and(|short| short.eq_ignore_ascii_case(wanted))
            });
            match found {
                Some(b) => {
                    filters.bureaus.insert((*b).to_owned());
                }
                None => {
                    return Err(unknown("--bureau", value, &data::BUREAUS));
                }
            }
        }
        let listing_names = Listing::ALL.map(data::listing_name);
        for value in &self.listings {
            let found = Listing::ALL
                .into_iter()
                .find(|l| data::listing_name(*l).eq_ignore_ascii_case(value.trim()));
            match found {
                Some(l) => {
                    filters.listings.insert(l);
                }
                None => return Err(unknown("--listing", value, &listing_names)),
            }
        }
        for value in &self.statuses {
            let wanted = value.trim().replace('-', "_");
            match data::STATUSES
                .iter()
                .find(|s| s.eq_ignore_ascii_case(&wanted))
            {
                Some(s) => {
                    filters.statuses.insert((*s).to_owned());
                }
                None => return Err(unknown("--status", value, &data::STATUSES)),
            }
        }
        let precision_names = Precision::ALL.map(Precision::name);
        for value in &self.precisions {
            let found = precision_names
                .iter()
                .zip(Precision::ALL)
                .find(|(name, _)| name.eq_ignore_ascii_case(value.trim()));
            match found {
                Some((_, p)) => {
                    filters.precisions.insert(p);
                }
                None => return Err(unknown("--precision", value, &precision_names)),
            }
        }
        let sourcing_names = data::Sourcing::ALL.map(data::Sourcing::name);
        for value in &self.sourcing {
            let found = data::Sourcing::ALL
                .into_iter()
                .find(|s| s.name().eq_ignore_ascii_case(value.trim()));
            match found {
                Some(s) => {
                    filters.sourcing.insert(s);
                }
                None => return Err(unknown("--sourcing", value, &sourcing_names)),
            }
        }
        if let Some(date) = &self.as_of {
            filters.as_of = Some(data::parse_date(date.trim()).ok_or_else(|| {
                format!(
                    "--as-of {date:?} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2022-12-31)"
                )
            })?);
        }
        Ok(filters)
    }

    /// The flags that select what `filters` selects (the inverse of [`Self::to_filters`]).
    pub fn from_filters(filters: &Filters) -> Self {
        Self {
            bureaus: filters.bureaus.iter().cloned().collect(),
            listings: filters
                .listings
                .iter()
                .map(|l| data::listing_name(*l).to_owned())
                .collect(),
            statuses: filters.statuses.iter().cloned().collect(),
            precisions: filters
                .precisions
                .iter()
                .map(|p| p.name().to_owned())
                .collect(),
            sourcing: filters
                .sourcing
                .iter()
                .map(|s| s.name().to_owned())
                .collect(),
            as_of: filters.as_of.map(|d| d.to_string()),
        }
    }
}

fn unknown(flag: &str, value: &str, allowed: &[&str]) -> String {
    format!(
        "{flag} {value:?} is not a known value; use one of: {}",
        allowed.join(", ")
    )
}

/// The arguments of `overseas-stations export`.
#[derive(Clone, Debug, PartialEq, Eq, clap::Args)]
pub struct ExportArgs {
    /// The format: csv (spreadsheets), geojson (GIS) or json (a data file the app reads back).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: ExportFormat,

    /// Write to this file (atomically: a temporary file, then a rename) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Which stations to export (all when none is given).
    #[command(flatten)]
    pub filters: FilterArgs,
}

impl ExportArgs {
    /// These arguments with filter flags given before `export` (on the top level) added.
    pub fn with_top_level_filters(&self, top: &FilterArgs) -> Self {
        Self {
            filters: self.filters.merged(top),
            ..self.clone()
        }
    }
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

/// Runs `check`: prints a summary, then the evidence warnings, and returns 0; or prints every
/// problem and returns 1. With `strict`, warnings fail the check too.
pub fn run_check(file: Option<&Path>, strict: bool, out: &mut dyn Write) -> i32 {
    match load_with_warnings(file) {
        Ok((set, warnings)) => {
            let _ = write!(out, "{}", summary(&set));
            for line in &warnings {
                let _ = writeln!(out, "{line}");
            }
            let _ = writeln!(
                out,
                "{}{}",
                data::count_noun(warnings.len(), "evidence warning", "evidence warnings"),
                if strict && !warnings.is_empty() {
                    " (--strict: the file was not accepted)"
                } else {
                    ""
                }
            );
            i32::from(strict && !warnings.is_empty())
        }
        Err(lines) => {
            for line in lines {
                let _ = writeln!(out, "{line}");
            }
            1
        }
    }
}

/// Loads and validates a data file (the embedded one when `file` is `None`), or returns the lines
/// `check` prints for it: the load error, or every problem and a closing count.
pub fn load_checked(file: Option<&Path>) -> Result<DataSet, Vec<String>> {
    load_with_warnings(file).map(|(set, _)| set)
}

/// Like [`load_checked`], and also the evidence warnings as `FILE:LINE:COL: warning: …` lines.
pub fn load_with_warnings(file: Option<&Path>) -> Result<(DataSet, Vec<String>), Vec<String>> {
    let outlines = Outlines::embedded().map_err(|err| vec![err.to_string()])?;
    let (shown, text, parsed) = match file {
        Some(path) => {
            let shown = data::printable_path(path);
            let (text, parsed) = data::load_file(path).map_err(|err| vec![err.to_string()])?;
            (shown, text, parsed)
        }
        None => {
            let shown = "assets/stations.json (embedded)".to_owned();
            let parsed = data::parse_str(data::EMBEDDED_DATA, &shown)
                .map_err(|err| vec![err.to_string()])?;
            (shown, data::EMBEDDED_DATA.to_owned(), parsed)
        }
    };
    let problems = data::validate(&parsed, Some(&text), &outlines);
    if !problems.is_empty() {
        let mut lines: Vec<String> = problems.iter().map(|p| p.display_with(&shown)).collect();
        lines.push(format!(
            "{shown}: {} problem(s); the file was not accepted",
            problems.len()
        ));
        return Err(lines);
    }
    let warnings = data::warnings(&parsed, Some(&text), &outlines)
        .iter()
        .map(|p| {
            let mut p = p.clone();
            p.message = format!("warning: {}", p.message);
            p.display_with(&shown)
        })
        .collect();
    let origin = file.map_or(DataSource::Embedded, |p| DataSource::File(p.to_path_buf()));
    Ok((DataSet::new(parsed, origin), warnings))
}

/// Runs `diff`: loads both files (each must be valid), prints what changed and the changelog
/// entry (JSON), and with `changelog_into` inserts that entry into a JSON file's
/// `meta.changelog`. Returns 0, or 1 after a message.
pub fn run_diff(old: &Path, new: &Path, changelog_into: Option<&Path>, out: &mut dyn Write) -> i32 {
    let (old_set, new_set) = match (load_checked(Some(old)), load_checked(Some(new))) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(lines), _) | (_, Err(lines)) => {
            for line in lines {
                eprintln!("{line}");
            }
            return 1;
        }
    };
    let d = data::diff(&old_set.file, &new_set.file);
    let meta = &new_set.file.meta;
    let entry = d.changelog_entry(&meta.as_of, &meta.version);
    let _ = write!(out, "{d}");
    let json = serde_json::to_string_pretty(&entry).unwrap_or_default();
    let _ = writeln!(out, "changelog entry:\n{json}");
    if let Some(path) = changelog_into {
        if let Err(err) = insert_changelog(path, &entry) {
            eprintln!(
                "overseas-stations diff: {}: {}",
                data::printable_path(path),
                data::printable(&err)
            );
            return 1;
        }
        eprintln!("changelog entry added to {}", data::printable_path(path));
    }
    0
}

/// Inserts `entry` at the top of `meta.changelog` of the JSON file at `path` (unless an entry with
/// the same date and version is there, which it replaces).
fn insert_changelog(path: &Path, entry: &data::ChangelogEntry) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut root: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let meta = if root.get("meta").is_some() {
        &mut root["meta"]
    } else {
        &mut root
    };
    let entry_value = serde_json::to_value(entry).map_err(|e| e.to_string())?;
    let Some(meta) = meta.as_object_mut() else {
        return Err("no meta object".to_owned());
    };
    let log = meta
        .entry("changelog")
        .or_insert_with(|| serde_json::Value::Array(Vec::new()));
    let Some(log) = log.as_array_mut() else {
        return Err("meta.changelog is not a list".to_owned());
    };
    log.retain(|e| {
        !(e.get("date") == entry_value.get("date")
            && e.get("version") == entry_value.get("version"))
    });
    log.insert(0, entry_value);
    let mut bytes = serde_json::to_vec_pretty(&root).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    crate::write_atomically(path, &bytes).map_err(|e| e.to_string())
}

/// Runs `export`: loads and validates the data file (`data`, else the embedded data set), exports
/// the stations the filter flags select, and writes them to `--output` (atomically) or to `out`.
/// Returns 0 after a one-line summary on standard error, or 1 after a message there (for a bad
/// data file, the lines `check` prints).
pub fn run_export(args: &ExportArgs, data: Option<&Path>, out: &mut dyn Write) -> i32 {
    let filters = match args.filters.to_filters() {
        Ok(f) => f,
        Err(err) => {
            eprintln!(
                "overseas-stations export: {}",
                data::printable(&err.to_string())
            );
            return 1;
        }
    };
    let set = match load_checked(data) {
        Ok(set) => set,
        Err(lines) => {
            for line in lines {
                eprintln!("{line}");
            }
            return 1;
        }
    };
    let bytes = match data::export_filtered(&set, &filters, args.format) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!(
                "overseas-stations export: {}",
                data::printable(&err.to_string())
            );
            return 1;
        }
    };
    let n = filters.shown_indices(&set).len();
    let target = match &args.output {
        Some(path) => {
            if let Err(err) = crate::write_atomically(path, &bytes) {
                eprintln!(
                    "overseas-stations export: {}",
                    data::printable(&err.to_string())
                );
                return 1;
            }
            data::printable_path(path)
        }
        None => {
            if let Err(err) = out.write_all(&bytes).and_then(|()| out.flush()) {
                eprintln!("overseas-stations export: cannot write to standard output: {err}");
                return 1;
            }
            "standard output".to_owned()
        }
    };
    let described = data::describe_filters(&filters);
    let selection = if described.is_empty() {
        String::new()
    } else {
        format!(
            " (filtered: {described}; {} in the data set)",
            set.stations().len()
        )
    };
    eprintln!(
        "wrote {} to {target} as {}{selection}",
        data::count_noun(n, "station", "stations"),
        args.format
    );
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
            .filter(|st| {
                st.latest_status()
                    .is_some_and(|e| e.effective_status() == status)
            })
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
    let premises = set
        .stations()
        .iter()
        .filter(|st| st.location.premises_reported)
        .count();
    let _ = writeln!(s, "premises or address reported: {premises}");
    let _ = writeln!(s, "sources by tier:");
    for tier in data::Tier::ALL {
        let n = set
            .file
            .sources
            .iter()
            .filter(|src| src.tier == Some(tier))
            .count();
        let _ = writeln!(s, "  {}: {n}", tier.label());
    }
    let untiered = set
        .file
        .sources
        .iter()
        .filter(|src| src.tier.is_none())
        .count();
    if untiered > 0 {
        let _ = writeln!(s, "  tier not given: {untiered}");
    }
    let bracketed = set
        .file
        .sources
        .iter()
        .filter(|src| src.title.trim_start().starts_with('['))
        .count();
    let _ = writeln!(s, "bracketed (descriptive) titles: {bracketed}");
    let weak = set
        .stations()
        .iter()
        .filter(|st| set.station_is_weak(st))
        .count();
    let _ = writeln!(
        s,
        "weakly sourced stations (only reposts or aggregators): {weak}"
    );
    let mut by_year: std::collections::BTreeMap<String, usize> = Default::default();
    let file = &set.file;
    let dates = file
        .stations
        .iter()
        .flat_map(|st| st.status.iter().map(|e| e.date.as_str()))
        .chain(
            file.countries
                .iter()
                .flat_map(|c| c.responses.iter().map(|r| r.date.as_str())),
        )
        .chain(
            file.countries
                .iter()
                .flat_map(|c| c.china_position.iter().map(|r| r.date.as_str())),
        )
        .chain(file.global.china_position.iter().map(|r| r.date.as_str()));
    for date in dates {
        if let Some(year) = date.get(..4) {
            *by_year.entry(year.to_owned()).or_default() += 1;
        }
    }
    let years: Vec<String> = by_year.iter().map(|(y, n)| format!("{y}: {n}")).collect();
    let _ = writeln!(s, "dated events by year: {}", years.join(", "));
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

    #[test]
    fn filter_flags_parse_leniently_and_unknown_values_say_what_is_allowed() {
        let args = FilterArgs {
            bureaus: vec!["nantong".into(), "Fuzhou PSB".into()],
            listings: vec!["110-overseas".into()],
            statuses: vec!["ordered-closed".into()],
            precisions: vec!["City".into()],
            sourcing: vec!["Weak".into()],
            as_of: Some("2023-01".into()),
        };
        let filters = args.to_filters().unwrap();
        assert!(filters.bureaus.contains("Nantong PSB") && filters.bureaus.contains("Fuzhou PSB"));
        assert!(filters.statuses.contains("ordered_closed"));
        assert!(filters.sourcing.contains(&data::Sourcing::Weak));
        assert_eq!(FilterArgs::from_filters(&filters).to_filters(), Ok(filters));
        let bad = FilterArgs {
            bureaus: vec!["Beijing PSB".into()],
            ..FilterArgs::default()
        };
        let err = bad.to_filters().unwrap_err();
        assert!(
            err.contains("--bureau") && err.contains("Nantong PSB"),
            "{err}"
        );
        let bad_date = FilterArgs {
            as_of: Some("soon".into()),
            ..FilterArgs::default()
        };
        assert!(bad_date.to_filters().unwrap_err().contains("--as-of"));
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
        assert_eq!(merged.filters.bureaus, ["Nantong PSB"]);
        assert_eq!(merged.filters.statuses, ["closed", "reported"]);
    }
}

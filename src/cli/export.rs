//! `overseas-stations export`: the stations the filter flags select, as CSV, GeoJSON or a data
//! file, to a file (atomically) or to standard output.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::data::{self, ExportFormat};

use super::filters::FilterArgs;
use super::load::load_or_report;

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

/// Runs `export`: loads and validates the data file (`data`, else the embedded data set), exports
/// the stations the filter flags select, and writes them to `--output` (atomically) or to `out`.
/// Returns 0 after a one-line summary on standard error, or 1 after a message there (for a bad
/// data file, the lines `check` prints).
pub fn run_export(args: &ExportArgs, data: Option<&Path>, out: &mut dyn Write) -> i32 {
    let filters = args.filters.to_filters();
    let Some(set) = load_or_report(data) else {
        return 1;
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
            match out.write_all(&bytes).and_then(|()| out.flush()) {
                Ok(()) => {}
                // The reader stopped reading (`export | head`): what it wanted, it has; that is
                // how command-line tools end, quietly and successfully.
                Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => return 0,
                Err(err) => {
                    eprintln!("overseas-stations export: cannot write to standard output: {err}");
                    return 1;
                }
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

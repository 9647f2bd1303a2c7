//! Loading a data file as every command does: parsed, validated (any problem refuses the file),
//! and with its evidence warnings, each as the line `check` prints.

use std::path::Path;

use crate::data::{self, DataSet, DataSource};
use crate::geo::Outlines;

/// Loads and validates a data file (the embedded one when `file` is `None`), or returns the lines
/// `check` prints for it: the load error, or every problem and a closing count.
pub fn load_checked(file: Option<&Path>) -> Result<DataSet, Vec<String>> {
    load_with_warnings(file).map(|(set, _)| set)
}

/// [`load_checked`] for a command: on failure the lines are printed to standard error (the
/// command then exits 1).
pub fn load_or_report(file: Option<&Path>) -> Option<DataSet> {
    load_checked(file)
        .map_err(|lines| {
            for line in lines {
                eprintln!("{line}");
            }
        })
        .ok()
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

//! `overseas-stations check`: validates a data file and prints a summary and the evidence
//! warnings, or every problem.

use std::io::Write;
use std::path::Path;

use crate::data::{self, DataSet};

use super::load::load_with_warnings;

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
        .filter(|src| src.title_is_description())
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

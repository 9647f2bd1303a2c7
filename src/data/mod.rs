//! The data set: types (serde), loading, validation and per-country aggregation.
//!
//! Data flows one way: a file is read and parsed ([`load`]), checked ([`validate`]), then indexed
//! into a [`DataSet`] that the map and the panels read from. Nothing here draws.

mod citation;
mod dataset;
mod dates;
mod export;
mod filter;
mod load;
mod model;
mod validate;
mod watch;

pub use citation::{cite_country, cite_station, format_source};
pub use dataset::{CountrySummary, DataSet};
pub use dates::{PartialDate, parse_date};
pub use export::{
    EXPORT_COLUMNS, ExportFormat, describe_filters, export, export_filtered, listing_name,
    station_source_ids, subset_file,
};
pub use filter::{Filters, Listing, date_range, event_dates};
pub use load::{DataSource, LoadError, MAX_FILE_BYTES, load_file, parse_str};
pub use model::*;
pub use validate::{CountryLookup, MAX_KM_OUTSIDE_COUNTRY, Problem, SOURCE_KINDS, validate};
pub use watch::FileWatcher;

/// The embedded default data set.
pub const EMBEDDED_DATA: &str = include_str!("../../assets/stations.json");

/// Normalised names of the operating bureaus, in display order.
pub const BUREAUS: [&str; 6] = [
    "Fuzhou PSB",
    "Qingtian PSB",
    "Wenzhou PSB",
    "Nantong PSB",
    "Lishui PSB",
    "unknown",
];

/// The known values of a station's status and of a government response's action.
pub const STATUSES: [&str; 9] = [
    "reported",
    "investigation",
    "ordered_closed",
    "closed",
    "charges_filed",
    "conviction",
    "denied_by_host",
    "activity_continued",
    "other",
];

/// A human-readable label for a status value.
pub fn status_label(status: &str) -> &str {
    match status {
        "reported" => "reported",
        "investigation" => "under investigation",
        "ordered_closed" => "ordered closed",
        "closed" => "reported closed",
        "charges_filed" => "charges filed",
        "conviction" => "conviction",
        "denied_by_host" => "denied by host authorities",
        "activity_continued" => "activity reported to continue",
        "other" => "other",
        other => other,
    }
}

/// "1 station", "3 stations": a count with its noun in the right number.
pub fn count_noun(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

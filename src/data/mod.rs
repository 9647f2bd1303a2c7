//! The data set: types (serde), loading, validation and per-country aggregation.
//!
//! Data flows one way: a file is read and parsed ([`load_file`], [`parse_str`]), checked
//! ([`validate`]), then indexed into a [`DataSet`] that the map and the panels read from. Nothing
//! here draws.

mod citation;
mod dataset;
mod dates;
mod diff;
mod evidence;
mod export;
mod filter;
mod load;
mod model;
mod url_rule;
mod validate;
mod vocab;
mod watch;

pub use citation::{cite_country, cite_station, date_text, format_source, source_citation};
pub use dataset::{CountrySummary, DataSet};
pub use dates::{PartialDate, parse_date};
pub use diff::{Diff, MOVED_KM, diff};
pub use evidence::{MAX_KM_FROM_GAZETTEER, MAX_KM_OFF_LAND, rests_on_weak, warnings};
pub use export::{
    EXPORT_COLUMNS, ExportError, ExportFormat, describe_filters, export, export_filtered,
    listing_name, station_source_ids, subset_file,
};
pub use filter::{Facet, Filters, Listing, Sourcing, date_range, event_dates};
pub(crate) use load::read_bounded;
pub use load::{
    DataSource, LoadError, MAX_FILE_BYTES, is_unsafe_char, load_file, parse_str, printable,
    printable_path, shorten,
};
pub use model::*;
pub use url_rule::{CheckedUrl, UrlProblem, check_url, is_hidden_in_url};
pub use validate::{CountryLookup, MAX_KM_OUTSIDE_COUNTRY, Problem, SOURCE_KINDS, validate};
pub use vocab::{
    ACTOR_KINDS, EUROPE, STATUSES, StatusClass, according_to, actor_kind_label, allowed_claimants,
    claimant_allows, claimed_status_words, effective, response_gist, status_label,
};
pub use watch::{FileWatcher, WatchError, WatchFailure};

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

/// "1 station", "3 stations": a count with its noun in the right number.
pub fn count_noun(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {plural}")
    }
}

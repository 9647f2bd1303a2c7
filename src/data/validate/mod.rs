//! Checks a parsed data file against the rules of `docs/data-format.md`.
//!
//! Every problem names the record and field and says how to fix it; when the file's text is
//! given, it also carries the line and column of the record in that text ([`locate`]).
//!
//! The rules are grouped by record: [`meta`] (meta and reports), [`sources`], [`stations`],
//! [`countries`] (countries and global), with the rules the records share in [`fields`] (texts
//! and dates), [`claims`] (claimants, statements, disagreements) and [`references`] (cited
//! sources). Each rule reports through a [`checker::Record`], which knows the record's id and
//! where it is in the text.

mod checker;
mod claims;
mod countries;
mod cycles;
mod fields;
mod locate;
mod meta;
mod problem;
mod references;
mod sources;
mod stations;

use super::model::DataFile;

pub(super) use checker::Checker;
pub use problem::Problem;
pub use sources::SOURCE_KINDS;

/// How far (km) a station may lie outside its country's outline: coastlines are generalised and
/// some coordinates are city centres on the coast.
pub const MAX_KM_OUTSIDE_COUNTRY: f64 = 25.0;

/// What validation needs to know about countries; implemented by the outlines in `geo`.
pub trait CountryLookup {
    /// Whether an ISO 3166-1 alpha-2 code has an outline.
    fn is_known(&self, iso2: &str) -> bool;
    /// Distance in km from a point to the country's outline (0 inside), if the country is known.
    fn distance_km(&self, iso2: &str, lon: f64, lat: f64) -> Option<f64>;
}

/// Checks every rule and returns every problem found (empty when the file is valid), in file
/// order.
pub fn validate(
    data: &DataFile,
    text: Option<&str>,
    countries: &dyn CountryLookup,
) -> Vec<Problem> {
    let mut c = Checker::new(text);
    meta::check_meta(&mut c, &data.meta);
    // Sources first: the records after cite them.
    sources::check_sources(&mut c, data);
    let report_ids = meta::check_reports(&mut c, data);
    stations::check_stations(&mut c, data, &report_ids, countries);
    countries::check_countries(&mut c, data, &report_ids, countries);
    countries::check_global(&mut c, data);
    references::check_unreferenced(&mut c, data);
    c.into_problems()
}

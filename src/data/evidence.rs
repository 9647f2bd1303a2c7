//! Evidence checks: what a journalist about to quote the data would want to know is weak.
//!
//! These are warnings, not errors: a file with them loads and is shown (with the weakness marked),
//! and `check --strict` turns them into errors. Each says where and what, like a validation
//! problem: a bracketed title instead of the page's title, a source without a tier, a claim that
//! rests only on reposts or aggregators, a status or response without "who says so" or stronger
//! than its claimant allows, a point off land or far from its gazetteer record.

use std::collections::HashMap;

use super::model::{Claimant, DataFile, Source, Tier};
use super::validate::{Checker, CountryLookup, Problem};
use super::vocab::{allowed_claimants, claimant_allows, status_label};

/// How far (km) a station's point may lie from the gazetteer record it names.
pub const MAX_KM_FROM_GAZETTEER: f64 = 25.0;

/// How far (km) outside its country's generalised outline a point may lie before it counts as
/// off land (1:50m coastlines cut off harbour fronts and small islands by a few hundred metres).
pub const MAX_KM_OFF_LAND: f64 = 5.0;

/// Whether a claim with these sources rests only on reposts or aggregators. A claim with no
/// sources, or citing a source whose tier is not given, is not called weak here (the former is a
/// validation error, the latter its own warning).
pub fn rests_on_weak<'a>(ids: &[String], tier_of: impl Fn(&str) -> Option<&'a Source>) -> bool {
    !ids.is_empty()
        && ids
            .iter()
            .all(|id| tier_of(id).and_then(|s| s.tier).is_some_and(Tier::is_weak))
}

/// Every evidence warning of a data file (assumed valid), in file order.
pub fn warnings(
    data: &DataFile,
    text: Option<&str>,
    countries: &dyn CountryLookup,
) -> Vec<Problem> {
    let mut c = Checker::new(text);
    let by_id: HashMap<&str, &Source> = data.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let weak = |ids: &[String]| rests_on_weak(ids, |id| by_id.get(id).copied());
    let weak_message = |ids: &[String]| {
        format!(
            "rests only on reposts or aggregators ({}); cite the original outlet or the primary document",
            ids.join(", ")
        )
    };

    for source in &data.sources {
        if source.title_is_description() {
            c.report(
                "id",
                &source.id,
                "title",
                "is a bracketed description, not the page's title; give the title the page shows"
                    .to_owned(),
            );
        }
        if source.tier.is_none() {
            c.report(
                "id",
                &source.id,
                "tier",
                "no tier; say whether the page is primary, original, repost or aggregator"
                    .to_owned(),
            );
        }
    }

    for report in &data.reports {
        if let Some(headline) = &report.headline
            && weak(&headline.sources)
        {
            c.report(
                "id",
                &report.id,
                "headline.sources",
                weak_message(&headline.sources),
            );
        }
    }

    for station in &data.stations {
        let id = station.id.as_str();
        if weak(&station.sources) {
            c.report("id", id, "sources", weak_message(&station.sources));
        }
        for (i, event) in station.status.iter().enumerate() {
            let field = format!("status[{i}]");
            claimant(
                &mut c,
                "id",
                id,
                &field,
                &event.status,
                event.claimed_by.as_ref(),
            );
            if weak(&event.sources) {
                c.report(
                    "id",
                    id,
                    &format!("{field}.sources"),
                    weak_message(&event.sources),
                );
            }
        }
        let location = &station.location;
        if let Some(km) = countries.distance_km(&station.country, location.lon, location.lat)
            && km > MAX_KM_OFF_LAND
        {
            c.report(
                "id",
                id,
                "location",
                format!(
                    "the point lies {km:.1} km outside {}'s outline (off land?); take it from the gazetteer",
                    station.country
                ),
            );
        }
        match &location.gazetteer {
            None => c.report(
                "id",
                id,
                "location.gazetteer",
                "no gazetteer record; say which gazetteer record the point comes from".to_owned(),
            ),
            Some(g) => {
                let km = haversine_km(location.lat, location.lon, g.lat, g.lon);
                if !km.is_finite() || km > MAX_KM_FROM_GAZETTEER {
                    c.report(
                        "id",
                        id,
                        "location",
                        format!(
                            "the point lies {km:.0} km from its gazetteer record {:?}; move it or name the right record",
                            g.name
                        ),
                    );
                }
            }
        }
    }

    for record in &data.countries {
        let iso = record.iso2.as_str();
        for (i, response) in record.responses.iter().enumerate() {
            let field = format!("responses[{i}]");
            claimant(
                &mut c,
                "iso2",
                iso,
                &field,
                &response.action,
                response.claimed_by.as_ref(),
            );
            if weak(&response.sources) {
                c.report(
                    "iso2",
                    iso,
                    &format!("{field}.sources"),
                    weak_message(&response.sources),
                );
            }
        }
    }
    c.into_problems()
}

fn claimant(
    c: &mut Checker<'_>,
    key: &str,
    record: &str,
    field: &str,
    status: &str,
    claimed_by: Option<&Claimant>,
) {
    match claimed_by {
        None => c.report(
            key,
            record,
            &format!("{field}.claimed_by"),
            "no claimant; say who makes the claim (\"claimed_by\": {\"actor\", \"kind\"})"
                .to_owned(),
        ),
        Some(claimant) if !claimant_allows(status, &claimant.kind) => c.report(
            key,
            record,
            &format!("{field}.claimed_by"),
            format!(
                "{:?} ({}) may not claim {status:?} ({}): only {} may; it is shown as {:?}",
                claimant.actor,
                claimant.kind,
                status_label(status),
                allowed_claimants(status),
                super::vocab::effective(status, Some(claimant)),
            ),
        ),
        Some(_) => {}
    }
}

/// Great-circle distance in km.
pub(super) fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    use geo::{Distance, Haversine, Point};
    Haversine.distance(Point::new(lon1, lat1), Point::new(lon2, lat2)) / 1000.0
}

//! Rules for `countries[]` (one record per known country; report counts, government responses,
//! PRC statements, notes, gaps and disagreements) and for `global` (the same kinds of claim, for
//! no one country).

use std::collections::HashSet;

use crate::data::STATUSES;
use crate::data::model::DataFile;

use super::CountryLookup;
use super::checker::Checker;
use super::claims::{check_claimant, check_disagreement, check_notes, check_statements};

/// Checks every country record.
pub(super) fn check_countries<'a>(
    c: &mut Checker<'a>,
    data: &'a DataFile,
    report_ids: &HashSet<&str>,
    countries: &dyn CountryLookup,
) {
    let station_ids: HashSet<&str> = data.stations.iter().map(|s| s.id.as_str()).collect();
    let mut seen = HashSet::new();
    for record in &data.countries {
        let iso = record.iso2.as_str();
        let mut r = c.record("iso2", iso);
        if !seen.insert(iso) {
            r.report("iso2", "duplicate country record; merge the two".to_owned());
        }
        r.plain("name", &record.name);
        if !countries.is_known(iso) {
            r.report(
                "iso2",
                format!("{iso:?} is not an ISO 3166-1 alpha-2 code of the country outlines"),
            );
        }
        for (i, count) in record.report_counts.iter().enumerate() {
            r.text(&format!("report_counts[{i}].text"), &count.text);
            if !report_ids.contains(count.report.as_str()) {
                r.report(
                    &format!("report_counts[{i}].report"),
                    format!("report id {:?} does not exist", count.report),
                );
            }
            r.sources(&format!("report_counts[{i}].sources"), &count.sources, true);
        }
        for (i, response) in record.responses.iter().enumerate() {
            r.plain(&format!("responses[{i}].actor"), &response.actor);
            r.text(&format!("responses[{i}].text"), &response.text);
            r.date(&format!("responses[{i}].date"), &response.date, false);
            if !STATUSES.contains(&response.action.as_str()) {
                r.report(
                    &format!("responses[{i}].action"),
                    format!(
                        "{:?} is not a known action; use one of {}",
                        response.action,
                        STATUSES.join(", ")
                    ),
                );
            }
            check_claimant(
                &mut r,
                &format!("responses[{i}]"),
                response.claimed_by.as_ref(),
            );
            r.sources(&format!("responses[{i}].sources"), &response.sources, true);
        }
        check_statements(&mut r, "china_position", &record.china_position);
        check_notes(&mut r, "notes", &record.notes);
        check_notes(&mut r, "gaps", &record.gaps);
        r.date("last_checked", &record.last_checked, true);
        for (i, disagreement) in record.disagreements.iter().enumerate() {
            check_disagreement(&mut r, &format!("disagreements[{i}]"), disagreement);
            for station in &disagreement.station_ids {
                if !station_ids.contains(station.as_str()) {
                    r.report(
                        &format!("disagreements[{i}].station_ids"),
                        format!("station id {station:?} does not exist"),
                    );
                }
            }
        }
    }
}

/// Checks `global`: PRC statements, critiques, gaps and disagreements about the stations as a
/// whole.
pub(super) fn check_global<'a>(c: &mut Checker<'a>, data: &'a DataFile) {
    let global = &data.global;
    let mut r = c.record("global", "global");
    check_statements(&mut r, "china_position", &global.china_position);
    check_notes(&mut r, "critiques", &global.critiques);
    check_notes(&mut r, "gaps", &global.gaps);
    for (i, disagreement) in global.disagreements.iter().enumerate() {
        check_disagreement(&mut r, &format!("disagreements[{i}]"), disagreement);
    }
}

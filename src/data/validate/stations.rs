//! Rules for `stations[]`: unique ids, texts, a known country with the point inside it, a known
//! bureau, existing reports, and a dated, sourced, known status history.

use std::collections::{HashMap, HashSet};

use crate::data::model::DataFile;
use crate::data::{BUREAUS, STATUSES};

use super::checker::Checker;
use super::claims::{check_claimant, check_notes};
use super::{CountryLookup, MAX_KM_OUTSIDE_COUNTRY};

/// Checks every station.
pub(super) fn check_stations<'a>(
    c: &mut Checker<'a>,
    data: &'a DataFile,
    report_ids: &HashSet<&str>,
    countries: &dyn CountryLookup,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for station in &data.stations {
        let id = station.id.as_str();
        let count = seen.entry(id).or_insert(0);
        *count += 1;
        let copies_before = *count - 1;
        let mut r = c.record("id", id);
        if copies_before > 0 {
            // Point at this copy, not the first.
            r.report_copy(
                copies_before,
                "id",
                "duplicate station id; ids must be unique".to_owned(),
            );
        }
        r.plain("id", id);
        r.plain("city", &station.city);
        r.text("cover", &station.cover);
        if let Some(note) = &station.bureau_note {
            r.text("bureau_note", note);
        }
        r.text("location.note", &station.location.note);
        if let Some(gazetteer) = &station.location.gazetteer {
            r.plain("location.gazetteer.name", &gazetteer.name);
            if let Some(why) = &gazetteer.why_none {
                r.text("location.gazetteer.why_none", why);
            }
        }
        let known = countries.is_known(&station.country);
        if !known {
            r.report(
                "country",
                format!(
                    "{:?} is not an ISO 3166-1 alpha-2 code of the country outlines; use e.g. \"ES\"",
                    station.country
                ),
            );
        }
        let (lat, lon) = (station.location.lat, station.location.lon);
        let lat_ok = lat.is_finite() && (-90.0..=90.0).contains(&lat);
        let lon_ok = lon.is_finite() && (-180.0..=180.0).contains(&lon);
        if !lat_ok {
            r.report(
                "location.lat",
                format!("{lat} is not a latitude; use degrees in -90..=90"),
            );
        }
        if !lon_ok {
            r.report(
                "location.lon",
                format!("{lon} is not a longitude; use degrees in -180..=180"),
            );
        }
        if lat_ok
            && lon_ok
            && known
            && let Some(km) = countries.distance_km(&station.country, lon, lat)
            && km > MAX_KM_OUTSIDE_COUNTRY
        {
            r.report(
                "location",
                format!(
                    "({lat}, {lon}) lies {km:.0} km outside {}; check the coordinates (lat, lon order?) or the country code",
                    station.country
                ),
            );
        }
        if !BUREAUS.contains(&station.bureau.as_str()) {
            r.report(
                "bureau",
                format!(
                    "{:?} is not a known bureau; use one of {} and put qualifiers in \"bureau_note\"",
                    station.bureau,
                    BUREAUS.join(", ")
                ),
            );
        }
        for report in &station.listed_in {
            if !report_ids.contains(report.as_str()) {
                r.report(
                    "listed_in",
                    format!(
                        "report id {report:?} does not exist; add it to \"reports\" or fix the id"
                    ),
                );
            }
        }
        r.date("first_reported", &station.first_reported, false);
        r.sources("sources", &station.sources, true);
        check_notes(&mut r, "notes", &station.notes);
        for (i, event) in station.status.iter().enumerate() {
            r.date(&format!("status[{i}].date"), &event.date, false);
            r.text(&format!("status[{i}].text"), &event.text);
            if !STATUSES.contains(&event.status.as_str()) {
                r.report(
                    &format!("status[{i}].status"),
                    format!(
                        "{:?} is not a known status; use one of {}",
                        event.status,
                        STATUSES.join(", ")
                    ),
                );
            }
            check_claimant(&mut r, &format!("status[{i}]"), event.claimed_by.as_ref());
            r.sources(&format!("status[{i}].sources"), &event.sources, true);
        }
    }
}

//! Hover texts for countries and station markers.

use crate::data::{DataSet, Station};
use crate::state::Model;

/// "Spain — 9 stations reported".
pub fn country_text(name: &str, count: usize) -> String {
    match count {
        0 => format!("{name} — no stations reported"),
        1 => format!("{name} — 1 station reported"),
        n => format!("{name} — {n} stations reported"),
    }
}

/// City, bureau, report(s) and precision of a station.
pub fn station_text(model: &Model, station: &Station) -> String {
    let data = model.data();
    let reports: Vec<&str> = station
        .listed_in
        .iter()
        .map(|r| data.report_title(r))
        .collect();
    let mut text = format!(
        "{}, {}\nOperating bureau: {}\nListed in: {}\nMarker: {}",
        station.display_city(),
        model.country_name(&station.country),
        station.bureau,
        reports.join(", "),
        station.location.precision.label(),
    );
    if let Some(latest) = station.latest_status() {
        text.push_str(&format!(
            "\nLatest status: {}",
            crate::data::claimed_status_words(&latest.status, latest.claimed_by.as_ref())
        ));
    }
    if station.uncertain {
        text.push_str("\nMarked uncertain by the research");
    }
    if data.station_is_weak(station) {
        text.push_str("\nWeakly sourced: only reposts or aggregators");
    }
    text.push_str("\nClick for details and sources");
    text
}

/// How many stations a cluster holds and where.
pub fn cluster_text(data: &DataSet, members: &[usize]) -> String {
    let mut cities: Vec<&str> = members
        .iter()
        .filter_map(|&i| data.stations().get(i))
        .map(Station::display_city)
        .collect();
    cities.sort_unstable();
    cities.dedup();
    let more = cities.len().saturating_sub(8);
    cities.truncate(8);
    let mut text = format!(
        "{} here: {}",
        crate::data::count_noun(members.len(), "station", "stations"),
        cities.join(", ")
    );
    if more > 0 {
        text.push_str(&format!(" and {more} more places"));
    }
    text.push_str("\nClick to zoom in");
    text
}

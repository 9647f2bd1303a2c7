//! Hover texts for countries and station markers.

use crate::data::{DataSet, Station};
use crate::geo::Outlines;

/// "Spain — 9 stations reported".
pub fn country_text(name: &str, count: usize) -> String {
    match count {
        0 => format!("{name} — no stations reported"),
        1 => format!("{name} — 1 station reported"),
        n => format!("{name} — {n} stations reported"),
    }
}

/// City, bureau, report(s) and precision of a station.
pub fn station_text(data: &DataSet, outlines: &Outlines, station: &Station) -> String {
    let reports: Vec<&str> = station
        .listed_in
        .iter()
        .map(|r| data.report_title(r))
        .collect();
    let mut text = format!(
        "{}, {}\nOperating bureau: {}\nListed in: {}\nLocation: {}",
        station.display_city(),
        outlines.name_of(&station.country),
        station.bureau,
        reports.join(", "),
        station.location.precision.label(),
    );
    if station.uncertain {
        text.push_str("\nMarked uncertain by the research");
    }
    text.push_str("\nClick for details and sources");
    text
}

//! A country's dated timeline: status changes of its shown stations, the host government's
//! responses and China's statements, known by the timeline date, in date order (undated last).
//!
//! A status entry that several stations share (the same date, status, claimant, text and sources:
//! a report listing nine stations, a ministry answering about all of them) is one line naming the
//! stations, so that the timeline reads as what happened rather than as nine copies.

use super::Line;
use super::country::response_words;
use super::refs::Refs;
use crate::data::{self, DataSet, Filters, PartialDate, Station, StatusEvent, parse_date};

/// One line before numbering: sorted first, so footnote numbers run in reading order.
struct Event<'a> {
    date: Option<PartialDate>,
    date_text: String,
    label: String,
    text: &'a str,
    sources: &'a [String],
}

/// The timeline of `iso` for the shown `stations`.
pub(super) fn timeline<'a>(
    data: &'a DataSet,
    filters: &Filters,
    iso: &str,
    stations: &[&'a Station],
    refs: &mut Refs<'a>,
) -> Vec<Line> {
    let mut events: Vec<Event<'a>> = shared_status_events(filters, stations)
        .into_iter()
        .map(|(event, names)| {
            let label = format!(
                "{}: {}",
                names,
                data::claimed_status_words(&event.status, event.claimed_by.as_ref())
            );
            Event {
                date: parse_date(&event.date),
                date_text: data::date_text(&event.date, event.date_approximate),
                label,
                text: &event.text,
                sources: &event.sources,
            }
        })
        .collect();
    if let Some(record) = data.country_record(iso) {
        for response in record.responses.iter().filter(|r| filters.knows(&r.date)) {
            events.push(Event {
                date: parse_date(&response.date),
                date_text: data::date_text(&response.date, response.date_approximate),
                label: format!(
                    "Host government: {}, {}",
                    response.actor,
                    response_words(response)
                ),
                text: &response.text,
                sources: &response.sources,
            });
        }
        for statement in record
            .china_position
            .iter()
            .filter(|s| filters.knows(&s.date))
        {
            events.push(Event {
                date: parse_date(&statement.date),
                date_text: data::date_text(&statement.date, statement.date_approximate),
                label: format!("China: {}", statement.actor),
                text: &statement.text,
                sources: &statement.sources,
            });
        }
    }
    // Stable: events of one date keep the order stations, government, China.
    events.sort_by_key(|e| (e.date.is_none(), e.date));
    events
        .into_iter()
        .map(|e| {
            let date = if e.date_text.is_empty() {
                "undated".to_owned()
            } else {
                e.date_text
            };
            refs.line(date, e.label, e.text, e.sources)
        })
        .collect()
}

/// The status entries of the stations known by the timeline date, those that are the same for
/// several stations once, each with the stations it concerns in words: "Madrid (Fuzhou PSB)",
/// or "3 stations (Barcelona 2, Madrid)".
fn shared_status_events<'a>(
    filters: &Filters,
    stations: &[&'a Station],
) -> Vec<(&'a StatusEvent, String)> {
    let mut groups: Vec<(&'a StatusEvent, Vec<&'a Station>)> = Vec::new();
    for station in stations {
        for event in station.status.iter().filter(|e| filters.knows(&e.date)) {
            match groups.iter_mut().find(|(e, _)| same(e, event)) {
                Some((_, members)) => members.push(station),
                None => groups.push((event, vec![station])),
            }
        }
    }
    groups
        .into_iter()
        .map(|(event, members)| (event, names(&members)))
        .collect()
}

/// Whether two status entries say the same thing on the same date on the same sources.
fn same(a: &StatusEvent, b: &StatusEvent) -> bool {
    a.date == b.date
        && a.date_approximate == b.date_approximate
        && a.effective_status() == b.effective_status()
        && a.claimed_by == b.claimed_by
        && a.text == b.text
        && a.sources == b.sources
}

/// The stations a line concerns: one by city and bureau, several by city with counts.
fn names(members: &[&Station]) -> String {
    if let [one] = members {
        return format!("{} ({})", one.display_city(), one.bureau);
    }
    let mut cities: Vec<(&str, usize)> = Vec::new();
    for station in members {
        match cities
            .iter_mut()
            .find(|(c, _)| *c == station.display_city())
        {
            Some((_, n)) => *n += 1,
            None => cities.push((station.display_city(), 1)),
        }
    }
    let parts: Vec<String> = cities
        .iter()
        .map(|(c, n)| {
            if *n == 1 {
                (*c).to_owned()
            } else {
                format!("{c} {n}")
            }
        })
        .collect();
    format!("{} stations ({})", members.len(), parts.join(", "))
}

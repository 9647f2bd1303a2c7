//! What happened on a timeline date, in words, for the caption under the timeline while it plays
//! or steps: each shown station first reported that day or whose status entry is dated that day
//! ("Glasgow: no evidence found by host authorities, according to Police Scotland (host
//! police)"), and each host government's response. Every status is worded through `data::vocab`
//! (never stronger than its claimant may claim), with who says so.

use crate::data::{self, PartialDate, parse_date};
use crate::map::picture::one_line;
use crate::state::Model;

/// The most changes a caption names before it says how many more there are.
const MAX_NAMED: usize = 2;

/// One line per change on `date`: stations (shown by the other filters) first, then responses.
pub fn changes_on(model: &Model, date: PartialDate) -> Vec<String> {
    let data = model.data();
    let on = |text: &str| parse_date(text) == Some(date);
    let mut lines = Vec::new();
    for &i in &model.shown().stations {
        let Some(station) = data.stations().get(i) else {
            continue;
        };
        let place = format!("{} ({})", one_line(&station.city), station.country);
        if on(&station.first_reported) {
            lines.push(format!("{place}: first reported"));
        }
        for event in station.status.iter().filter(|e| on(&e.date)) {
            // The listing itself is the line above.
            if event.status == "reported" && on(&station.first_reported) {
                continue;
            }
            lines.push(format!(
                "{place}: {}",
                worded(&event.status, event.claimed_by.as_ref())
            ));
        }
    }
    for country in &data.file.countries {
        for response in country.responses.iter().filter(|r| on(&r.date)) {
            let name = model.country_name(&country.iso2);
            lines.push(format!(
                "{}: {}",
                one_line(name),
                worded(&response.action, response.claimed_by.as_ref())
            ));
        }
    }
    lines
}

/// The caption for `date`: its changes, the first few named and the rest counted; `None` when
/// nothing shown changed that day.
pub fn caption(model: &Model, date: PartialDate) -> Option<String> {
    let lines = changes_on(model, date);
    if lines.is_empty() {
        return None;
    }
    let mut text = format!(
        "{date} · {}",
        lines[..lines.len().min(MAX_NAMED)].join(" · ")
    );
    if lines.len() > MAX_NAMED {
        let more = lines.len() - MAX_NAMED;
        text.push_str(&format!(
            " · and {}",
            data::count_noun(more, "more change", "more changes")
        ));
    }
    Some(text)
}

/// A status as shown (what its claimant may claim), with who says so.
fn worded(status: &str, claimant: Option<&data::Claimant>) -> String {
    one_line(&data::claimed_status_words(status, claimant))
}

//! Rules for `meta` (the file's date and texts) and for `reports[]` (unique ids, inclusions
//! without cycles, dates, texts and sources).

use std::collections::HashSet;

use crate::data::dates::parse_date;
use crate::data::model::{DataFile, Meta};

use super::checker::Checker;
use super::claims::check_notes;
use super::cycles::include_cycles;

/// Checks `meta`.
pub(super) fn check_meta(c: &mut Checker<'_>, meta: &Meta) {
    let mut r = c.record("meta", "meta");
    if parse_date(&meta.as_of).is_none() {
        r.report(
            "as_of",
            format!("{:?} is not a valid date; use YYYY-MM-DD", meta.as_of),
        );
    }
    r.plain("title", &meta.title);
    r.text("description", &meta.description);
    for (i, caveat) in meta.caveats.iter().enumerate() {
        r.text(&format!("caveats[{i}]"), caveat);
    }
    for (i, entry) in meta.changelog.iter().enumerate() {
        r.text(&format!("changelog[{i}].summary"), &entry.summary);
    }
}

/// Checks every report; returns the report ids, which stations and countries refer to.
pub(super) fn check_reports<'a>(c: &mut Checker<'a>, data: &'a DataFile) -> HashSet<&'a str> {
    let mut ids = HashSet::new();
    let all: HashSet<&str> = data.reports.iter().map(|r| r.id.as_str()).collect();
    for cycle in include_cycles(&data.reports) {
        let Some(&first) = cycle.first() else {
            continue;
        };
        let names: Vec<String> = cycle
            .iter()
            .chain(std::iter::once(&first))
            .map(|&i| format!("{:?}", data.reports[i].id))
            .collect();
        c.record("id", &data.reports[first].id).report(
            "includes",
            format!(
                "reports include each other in a cycle: {}; each would count the others' stations, so the placed counts would be wrong; remove the inclusion that is not true (a report includes an earlier report whose stations its figure also counts)",
                names.join(" includes ")
            ),
        );
    }
    for report in &data.reports {
        let duplicate = !ids.insert(report.id.as_str());
        let mut r = c.record("id", &report.id);
        for included in &report.includes {
            if !all.contains(included.as_str()) || included == &report.id {
                r.report(
                    "includes",
                    format!("{included:?} is not the id of another report"),
                );
            }
        }
        if duplicate {
            r.report("id", "duplicate report id; ids must be unique".to_owned());
        }
        r.plain("id", &report.id);
        r.plain("title", &report.title);
        r.plain("short_title", &report.short_title);
        r.plain("publisher", &report.publisher);
        r.date("date", &report.date, false);
        r.sources("sources", &report.sources, true);
        for (i, revision) in report.revisions.iter().enumerate() {
            r.date(&format!("revisions[{i}].date"), &revision.date, false);
            r.text(&format!("revisions[{i}].note"), &revision.note);
            r.sources(&format!("revisions[{i}].sources"), &revision.sources, true);
        }
        check_notes(&mut r, "notes", &report.notes);
        if let Some(headline) = &report.headline {
            r.text("headline.text", &headline.text);
            r.sources("headline.sources", &headline.sources, true);
        }
    }
    ids
}

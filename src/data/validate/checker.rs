//! Collects the problems of one check. Each problem is located in the text, and its record id
//! and message are shortened and made printable; [`Record`] is the context a rule reports
//! through, so that a rule names only the field.

use std::collections::HashSet;

use super::Problem;
use super::locate::Locator;
use crate::data::load::{escape_unsafe, shorten};

/// Longest record id and message kept in a [`Problem`]; longer ones (values quoted from a hostile
/// file can be megabytes long) are shortened in the middle.
const MAX_RECORD_CHARS: usize = 120;
const MAX_MESSAGE_CHARS: usize = 600;

/// The problems found so far, and what the rules learn on the way that later rules need.
pub(in crate::data) struct Checker<'a> {
    locator: Locator<'a>,
    problems: Vec<Problem>,
    /// Ids in `sources`, filled by the source rules before any record cites one.
    pub(super) source_ids: HashSet<&'a str>,
    /// Source ids cited so far, so that uncited sources can be reported at the end.
    pub(super) referenced: HashSet<&'a str>,
}

impl<'a> Checker<'a> {
    /// A checker over `text` (for line and column), with no problems yet.
    pub(in crate::data) fn new(text: Option<&'a str>) -> Self {
        Checker {
            locator: Locator::new(text),
            problems: Vec::new(),
            source_ids: HashSet::new(),
            referenced: HashSet::new(),
        }
    }

    /// What was reported, in file order.
    pub(in crate::data) fn into_problems(mut self) -> Vec<Problem> {
        self.problems.sort_by_key(|p| (p.line, p.column));
        self.problems
    }

    /// Reports a problem in `field` of the record whose `key` (`"id"`, `"iso2"`; `"meta"` for an
    /// object without an id) is `record`.
    pub(in crate::data) fn report(
        &mut self,
        key: &str,
        record: &str,
        field: &str,
        message: String,
    ) {
        self.report_nth(key, record, 0, field, message);
    }

    /// Like [`Self::report`], for the `nth` (0-based) record with this id (duplicates).
    fn report_nth(&mut self, key: &str, record: &str, nth: usize, field: &str, message: String) {
        let (line, column) = self.locator.locate(key, record, nth, field);
        self.problems.push(Problem {
            line,
            column,
            record: shorten(&plain_text(record), MAX_RECORD_CHARS),
            field: field.to_owned(),
            message: shorten(&message, MAX_MESSAGE_CHARS),
        });
    }

    /// The context for checking the record whose `key` is `id`.
    pub(super) fn record<'c>(&'c mut self, key: &'static str, id: &'c str) -> Record<'c, 'a> {
        Record {
            checker: self,
            key,
            id,
        }
    }
}

/// One record under check: the rules report a field and a message, the record supplies where.
pub(super) struct Record<'c, 'a> {
    pub(super) checker: &'c mut Checker<'a>,
    key: &'static str,
    id: &'c str,
}

impl Record<'_, '_> {
    /// Reports a problem in `field` of this record.
    pub(super) fn report(&mut self, field: &str, message: String) {
        self.checker.report(self.key, self.id, field, message);
    }

    /// Reports a problem in `field` of the `nth` (0-based) record with this id: a duplicate is
    /// pointed at, not the first record that has the id.
    pub(super) fn report_copy(&mut self, nth: usize, field: &str, message: String) {
        self.checker
            .report_nth(self.key, self.id, nth, field, message);
    }
}

/// A record id as it may be printed: control, bidirectional-override and other invisible format
/// characters are escaped (`\u{1b}`), so that a hostile id cannot drive a terminal or reorder the
/// text around it.
fn plain_text(text: &str) -> String {
    escape_unsafe(text)
}

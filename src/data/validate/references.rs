//! References to sources: every source id a claim cites exists, and every source is cited.
//!
//! The other references (report ids in `listed_in` and `report_counts`, station ids in
//! disagreements, report inclusions) are checked with the record that holds them.

use crate::data::model::DataFile;

use super::checker::{Checker, Record};

impl<'a> Record<'_, 'a> {
    /// Reports cited source ids that are not in `sources` (and, when `required`, a claim that
    /// cites none); remembers the cited ids for [`check_unreferenced`].
    pub(super) fn sources(&mut self, field: &str, ids: &'a [String], required: bool) {
        if required && ids.is_empty() {
            self.report(
                field,
                "no source given; every claim needs at least one source id".to_owned(),
            );
        }
        for id in ids {
            self.checker.referenced.insert(id.as_str());
            if !self.checker.source_ids.contains(id.as_str()) {
                self.report(
                    field,
                    format!("source id {id:?} does not exist; add it to \"sources\" or fix the id"),
                );
            }
        }
    }
}

/// Reports the sources no claim cites; runs after every record has been checked.
pub(super) fn check_unreferenced(c: &mut Checker<'_>, data: &DataFile) {
    for source in &data.sources {
        if !c.referenced.contains(source.id.as_str()) && c.source_ids.contains(source.id.as_str()) {
            c.report(
                "id",
                &source.id,
                "id",
                "source is never referenced; cite it from a claim or remove it".to_owned(),
            );
        }
    }
}

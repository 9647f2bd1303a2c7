//! One thing wrong with a data file, and how it is printed (`FILE:LINE:COL: record: field: …`).

use std::fmt;

/// One thing wrong with a data file.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// 1-based line of the record, when the text was available.
    pub line: usize,
    /// 1-based column of the record.
    pub column: usize,
    /// Id of the record (station id, source id, country code, `meta`).
    pub record: String,
    /// The field, as a path inside the record (`location.lat`, `status[2].date`).
    pub field: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Problem {
    /// Formats as `FILE:LINE:COL: record: field: message`.
    pub fn display_with(&self, file: &str) -> String {
        format!(
            "{file}:{}:{}: {}: {}: {}",
            self.line, self.column, self.record, self.field, self.message
        )
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}: {}",
            self.line, self.column, self.record, self.field, self.message
        )
    }
}

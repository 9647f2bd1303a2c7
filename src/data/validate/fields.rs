//! Rules for single text and date fields, shared by every record: one-line texts and free texts
//! without hidden characters, and dates in one of the accepted forms.

use crate::data::dates::parse_date;
use crate::data::load::is_unsafe_char;

use super::checker::Record;

impl Record<'_, '_> {
    /// Reports a one-line text (id, title, name) that holds a control or invisible formatting
    /// character: ids and titles are printed by `check` and shown in lists, and must read the
    /// same everywhere.
    pub(super) fn plain(&mut self, field: &str, value: &str) {
        self.hidden_characters(field, value, false);
    }

    /// Reports free text (a note, a claim, a statement) that holds an invisible formatting or
    /// control character; line breaks and tabs are allowed.
    pub(super) fn text(&mut self, field: &str, value: &str) {
        self.hidden_characters(field, value, true);
    }

    fn hidden_characters(&mut self, field: &str, value: &str, allow_breaks: bool) {
        let Some(bad) = value
            .chars()
            .find(|&c| is_unsafe_char(c) && !(allow_breaks && matches!(c, '\n' | '\t')))
        else {
            return;
        };
        let why = match bad {
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => {
                "a bidirectional control reorders the text around it, so it reads differently from what is stored"
            }
            '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2065}' | '\u{feff}' => {
                "a zero-width character is invisible, so two texts that look the same differ"
            }
            _ => "a control character can split a line or drive a terminal",
        };
        self.report(
            field,
            format!(
                "contains the control or invisible formatting character {} ({why}); remove it",
                bad.escape_unicode()
            ),
        );
    }

    /// Reports a date that is not `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (an empty one too, unless
    /// `allow_empty`).
    pub(super) fn date(&mut self, field: &str, date: &str, allow_empty: bool) {
        if (allow_empty && date.is_empty()) || parse_date(date).is_some() {
            return;
        }
        self.report(
            field,
            format!(
                "{date:?} is not a valid date; use YYYY-MM-DD, YYYY-MM or YYYY (mark estimates with \"date_approximate\": true)"
            ),
        );
    }
}

//! Finds where a record's field is in the JSON text: `"key": "record"` then the field's first
//! path segment, as a 1-based line and column.
//!
//! The text is not parsed again: the parsed [`DataFile`](super::super::model::DataFile) has no
//! positions, so the locator searches the text for the record's id key. The indexes are built on
//! first use, so that locating a problem costs the same in a file of a million records as in a
//! small one.

use std::collections::HashMap;

/// Locates records in one file's text (or in none: every position is then `(0, 0)`).
pub(super) struct Locator<'a> {
    text: Option<&'a str>,
    /// Built on first use.
    index: Option<TextIndex<'a>>,
}

/// Positions in the text, found in one pass each.
#[derive(Default)]
struct TextIndex<'a> {
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
    /// Per key (`"id"`, `"iso2"`, …): offsets of every `"key"` in the text, ascending, and the
    /// offsets of each `"key": "value"` by the value's JSON text.
    keys: HashMap<String, KeyIndex<'a>>,
}

#[derive(Default)]
struct KeyIndex<'a> {
    all: Vec<usize>,
    by_value: HashMap<&'a str, Vec<usize>>,
}

impl<'a> KeyIndex<'a> {
    fn build(text: &'a str, key_json: &str) -> Self {
        let mut index = Self::default();
        for (key_at, _) in text.match_indices(key_json) {
            index.all.push(key_at);
            let after = text[key_at + key_json.len()..].trim_start();
            if let Some(value) = after.strip_prefix(':').map(str::trim_start)
                && let Some(end) = json_string_len(value)
            {
                index
                    .by_value
                    .entry(&value[..end])
                    .or_default()
                    .push(key_at);
            }
        }
        index
    }

    /// The first occurrence of the key after `offset`, if any.
    fn next_after(&self, offset: usize) -> Option<usize> {
        let i = self.all.partition_point(|&at| at <= offset);
        self.all.get(i).copied()
    }
}

impl<'a> Locator<'a> {
    /// A locator over `text`; `None` when the text is not at hand.
    pub(super) fn new(text: Option<&'a str>) -> Self {
        Locator { text, index: None }
    }

    /// Finds the `nth` `"key": "record"` in the text, then the field's first path segment after
    /// it within the same record; returns the 1-based line and column of that key.
    pub(super) fn locate(
        &mut self,
        key: &str,
        record: &str,
        nth: usize,
        field: &str,
    ) -> (usize, usize) {
        let Some(text) = self.text else {
            return (0, 0);
        };
        let index = self.index.get_or_insert_with(|| TextIndex {
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            keys: HashMap::new(),
        });
        let key_json = format!("\"{key}\"");
        let keys = index
            .keys
            .entry(key.to_owned())
            .or_insert_with(|| KeyIndex::build(text, &key_json));
        let record_json = serde_json::to_string(record).unwrap_or_default();
        let found = keys
            .by_value
            .get(record_json.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        // Objects without an id field (`meta`, `global`) are found by their key alone.
        let Some(record_at) = found
            .get(nth)
            .or(found.last())
            .or(keys.all.first())
            .copied()
        else {
            return (1, 1);
        };
        let mut offset = record_at;
        let first_segment = field.split(['.', '[']).next().unwrap_or_default();
        if !first_segment.is_empty() && first_segment != key {
            let from = record_at + key_json.len();
            let window_end = keys.next_after(record_at).unwrap_or(text.len());
            if let Some(i) = text[from..window_end].find(&format!("\"{first_segment}\"")) {
                offset = from + i;
            }
        }
        line_col(&index.line_starts, offset)
    }
}

/// Length in bytes of the JSON string literal at the start of `text` (quotes included).
fn json_string_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'"') {
        return None;
    }
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// 1-based line and column (in bytes) of a byte offset, given where each line starts.
fn line_col(line_starts: &[usize], offset: usize) -> (usize, usize) {
    let line = line_starts.partition_point(|&start| start <= offset).max(1);
    let start = line_starts.get(line - 1).copied().unwrap_or(0);
    (line, offset.saturating_sub(start) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\"stations\": [\n  {\"id\": \"a\", \"city\": \"X\"},\n  {\"id\": \"b\",\n   \"city\": \"Y\"},\n  {\"id\": \"a\", \"city\": \"Z\"}\n]}";

    #[test]
    fn a_field_is_found_inside_its_own_record_and_duplicates_by_number() {
        let mut locator = Locator::new(Some(TEXT));
        assert_eq!(locator.locate("id", "a", 0, "id"), (2, 4));
        assert_eq!(locator.locate("id", "b", 0, "city"), (4, 4));
        // The second record with id "a", and its own city, not the first record's.
        assert_eq!(locator.locate("id", "a", 1, "city"), (5, 15));
        // A field the record does not have: the record itself.
        assert_eq!(locator.locate("id", "b", 0, "cover"), (3, 4));
    }

    #[test]
    fn without_text_or_key_the_position_says_so() {
        assert_eq!(Locator::new(None).locate("id", "a", 0, "id"), (0, 0));
        assert_eq!(
            Locator::new(Some("{}")).locate("meta", "meta", 0, "as_of"),
            (1, 1)
        );
    }
}

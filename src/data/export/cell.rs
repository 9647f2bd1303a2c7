//! One exported value, and how text is made safe for spreadsheets (OWASP's guidance on CSV
//! injection: a formula character at the start of a cell or after a separator is defused, also
//! behind spaces, invisible characters, a BOM or full-width forms; control characters are made
//! visible).

use serde::Serialize;

/// The value of one column for one station.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Cell {
    Text(String),
    Number(f64),
    Bool(bool),
}

impl Cell {
    /// The cell as CSV text: text made safe for spreadsheets by [`spreadsheet_safe_text`];
    /// numbers and booleans as they are (a negative longitude stays a number).
    pub(super) fn csv_text(&self) -> String {
        match self {
            Self::Text(text) => spreadsheet_safe_text(text),
            Self::Number(n) => n.to_string(),
            Self::Bool(b) => b.to_string(),
        }
    }
}

/// `text` made safe to open in a spreadsheet, following OWASP's guidance on CSV injection, so a
/// hostile data file (loaded with `--data`) cannot plant formulas or commands in an export:
///
/// - A `'` is put before every character that would start a formula (`=`, `+`, `-`, `@`, or one
///   of their full-width or other compatibility forms such as `＝`) when it is the first visible
///   character of the text **or of a segment after a separator** (`;`, `,`, `|`, a line break or
///   a tab, or their compatibility forms). Spreadsheets in semicolon locales (German, French,
///   Spanish, Italian, Dutch, ...) split an unquoted CSV line on `;`, and some import dialogs
///   split on `|` or trim spaces, so `Madrid;=cmd|' /C calc'!A0` would otherwise become a
///   formula in the second cell. Spaces (including no-break ones), invisible characters (zero
///   width, byte order mark, bidirectional controls) and `"` before that character are looked
///   through, because spreadsheets strip or trim them.
/// - Control characters never reach the file: line breaks and tabs become a space (CRLF one
///   space), any other one is written visibly as `\u{1b}`.
///
/// Text that needs none of this is returned unchanged; otherwise every original visible
/// character is kept, in order.
pub(super) fn spreadsheet_safe_text(text: &str) -> String {
    let mut safe = String::with_capacity(text.len() + 2);
    let mut at_segment_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // The line and paragraph separators are not control characters, but some programs
        // break lines on them.
        if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
            // Line breaks, tabs and the two separators above (all white space).
            if c.is_whitespace() {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                safe.push(' ');
                at_segment_start = true;
            } else {
                safe.extend(c.escape_unicode());
                at_segment_start = false;
            }
            continue;
        }
        if at_segment_start && starts_formula(c) {
            safe.push('\'');
        }
        at_segment_start = splits_cells(c) || (at_segment_start && is_skipped_by_spreadsheets(c));
        safe.push(c);
    }
    safe
}

/// `=`, `+`, `-` and `@` start a formula (or a command, through DDE) in spreadsheets; the other
/// characters are those whose compatibility form (NFKC) is one of them, e.g. full-width `＝`,
/// which a spreadsheet with an East Asian input method may read as `=`.
pub(super) fn starts_formula(c: char) -> bool {
    matches!(
        c,
        '=' | '+'
            | '-'
            | '@'
            | '\u{207a}' // superscript plus
            | '\u{207c}' // superscript equals
            | '\u{208a}' // subscript plus
            | '\u{208c}' // subscript equals
            | '\u{fb29}' // Hebrew alternative plus
            | '\u{fe62}' // small plus
            | '\u{fe63}' // small hyphen-minus
            | '\u{fe66}' // small equals
            | '\u{fe6b}' // small commercial at
            | '\u{ff0b}' // full-width plus
            | '\u{ff0d}' // full-width hyphen-minus
            | '\u{ff1d}' // full-width equals
            | '\u{ff20}' // full-width commercial at
    )
}

/// The characters a spreadsheet may split a line into cells on: the list separators of the
/// world's locales (`,` and `;`, Arabic `،` and `؛`), `|` (import dialogs offer it), a tab, and
/// the compatibility forms of `;`, `,` and `|` (e.g. full-width `；`).
pub(super) fn splits_cells(c: char) -> bool {
    matches!(
        c,
        ';' | ','
            | '|'
            | '\t'
            | '\u{37e}' // Greek question mark, which NFKC makes `;`
            | '\u{60c}' // Arabic comma
            | '\u{61b}' // Arabic semicolon
            | '\u{fe10}' // presentation form for vertical comma
            | '\u{fe14}' // presentation form for vertical semicolon
            | '\u{fe50}' // small comma
            | '\u{fe54}' // small semicolon
            | '\u{ff0c}' // full-width comma
            | '\u{ff1b}' // full-width semicolon
            | '\u{ff5c}' // full-width vertical line
    )
}

/// What a spreadsheet may drop before a cell's first character: white space (including no-break
/// spaces), a CSV quote, and the Unicode default-ignorable characters (zero-width spaces and
/// joiners, the byte order mark, bidirectional controls, soft hyphen, variation selectors, ...),
/// which are invisible.
pub(super) fn is_skipped_by_spreadsheets(c: char) -> bool {
    c.is_whitespace()
        || c == '"'
        || matches!(
            c,
            '\u{ad}'
                | '\u{34f}'
                | '\u{61c}'
                | '\u{115f}'..='\u{1160}'
                | '\u{17b4}'..='\u{17b5}'
                | '\u{180b}'..='\u{180f}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff0}'..='\u{fff8}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0000}'..='\u{e0fff}'
        )
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Text(text) => serializer.serialize_str(text),
            Self::Number(n) => serializer.serialize_f64(*n),
            Self::Bool(b) => serializer.serialize_bool(*b),
        }
    }
}

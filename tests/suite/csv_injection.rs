//! Spreadsheet formula injection through the CSV export (OWASP "CSV injection"): a data file
//! loaded with `--data` can put any text in a station's fields; exported to CSV and opened in a
//! spreadsheet, no cell may start a formula or a DDE command.
//!
//! Every CSV is checked the way different spreadsheets read it: read with the `csv` crate (comma
//! separator), then every cell split again on `;` (the list separator of German, French, Spanish,
//! Italian and Dutch locales), `,`, `|`, tab and their full-width forms; and the raw lines split on
//! those separators as a spreadsheet that ignores the quotes would. After trimming what a
//! spreadsheet may drop (white space, invisible characters, quotes), no piece starts with `=`,
//! `+`, `-`, `@` or a compatibility form of them (`＝`...), unless the piece is a number; and no
//! cell holds a control character.
//!
//! The fuzzing runs proptest's default number of cases (256); for a long run:
//! `PROPTEST_CASES=100000 cargo test --release --test csv_injection`. Failures are saved to
//! `tests/regressions/csv_injection.txt` and replayed first on every run.

use std::sync::OnceLock;

use overseas_stations::data::{
    DataFile, DataSet, DataSource, EMBEDDED_DATA, EXPORT_COLUMNS, ExportFormat, Note, export,
    parse_str,
};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// The attacks of issue 13 (class 3), and a few more of the same kinds.
const PAYLOADS: &[&str] = &[
    "Madrid;=cmd|' /C calc'!A0;",
    " =1+1",
    "\u{a0}=1",
    "\u{200b}=1",
    "\u{feff}=1",
    "＝1+1",
    "=HYPERLINK(\"http://x\")",
    "@SUM(1)",
    "-1+1",
    "+1",
    "\t=1",
    "a\r\n=1",
    "x,=1",
    // More of the same kinds.
    "Paris; -2+3",
    "a|=1",
    "a；＝1",
    "a\u{ff5c}\u{ff20}SUM(1)",
    "a;\"=1+1\"",
    "a\";=1+1",
    "\u{202e}\u{2060} ＋1",
    "\u{3000}=1",
    "﹦1+1",
    "a\n@SUM(1)",
    "a\rb\u{b}c\u{c}d\u{0}e\u{1b}[31mf\u{7f}g\u{85}h\u{9b}i",
    "=1\u{2028}=2\u{2029}=3",
];

fn embedded() -> &'static DataFile {
    static FILE: OnceLock<DataFile> = OnceLock::new();
    FILE.get_or_init(|| parse_str(EMBEDDED_DATA, "embedded").expect("embedded data parses"))
}

/// The embedded data set with `text` in every free-text field of its first station (city,
/// cover, location note, bureau, bureau note, a note) and in the title and publisher of the first
/// source it cites, which end up in the `sources` column.
fn hostile_data(text: &str) -> DataSet {
    let mut file = embedded().clone();
    let station = &mut file.stations[0];
    station.city = text.to_owned();
    station.cover = text.to_owned();
    station.location.note = text.to_owned();
    station.bureau = text.to_owned();
    station.bureau_note = Some(text.to_owned());
    station.notes.push(Note {
        text: text.to_owned(),
        sources: Vec::new(),
    });
    let cited = station.sources.first().cloned().expect("a cited source");
    let source = file
        .sources
        .iter_mut()
        .find(|s| s.id == cited)
        .expect("the cited source");
    source.title = text.to_owned();
    source.publisher = text.to_owned();
    DataSet::new(file, DataSource::Embedded)
}

/// Where a spreadsheet may split a cell or a line: `;`, `,`, `|`, tab, line breaks, the Arabic
/// comma and semicolon, and the characters whose compatibility form (NFKC) is `;`, `,` or `|`.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ';' | ','
            | '|'
            | '\t'
            | '\n'
            | '\r'
            | '\u{37e}'
            | '\u{60c}'
            | '\u{61b}'
            | '\u{fe10}'
            | '\u{fe14}'
            | '\u{fe50}'
            | '\u{fe54}'
            | '\u{ff0c}'
            | '\u{ff1b}'
            | '\u{ff5c}'
    )
}

/// What a spreadsheet may drop before a cell's first character: white space, quotes and the
/// Unicode default-ignorable (invisible) characters.
fn is_trimmed(c: char) -> bool {
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

/// `=`, `+`, `-`, `@`, and every character whose compatibility form (NFKC) is one of them.
fn starts_formula(c: char) -> bool {
    matches!(
        c,
        '=' | '+'
            | '-'
            | '@'
            | '\u{207a}'
            | '\u{207c}'
            | '\u{208a}'
            | '\u{208c}'
            | '\u{fb29}'
            | '\u{fe62}'
            | '\u{fe63}'
            | '\u{fe66}'
            | '\u{fe6b}'
            | '\u{ff0b}'
            | '\u{ff0d}'
            | '\u{ff1d}'
            | '\u{ff20}'
    )
}

/// The first piece of `text` (split at any separator) that a spreadsheet would run as a formula,
/// if any. With `numbers_allowed`, a piece that is a number (a negative longitude in a raw line)
/// is not a formula.
fn formula_in(text: &str, numbers_allowed: bool) -> Option<&str> {
    text.split(is_separator)
        .map(|piece| piece.trim_matches(is_trimmed))
        .find(|piece| {
            piece.starts_with(starts_formula) && !(numbers_allowed && piece.parse::<f64>().is_ok())
        })
}

/// Checks one exported CSV the ways a spreadsheet may read it; on failure, says what and where.
fn check_csv(bytes: &[u8], data: &DataSet, rows: usize) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let text = text
        .strip_prefix('\u{feff}')
        .ok_or("no byte order mark at the start")?;

    // As a comma-locale spreadsheet reads it, then each cell split as a semicolon-locale one
    // would (and on the other separators).
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b',')
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| e.to_string())?.clone();
    if header.iter().ne(EXPORT_COLUMNS) {
        return Err(format!("header {header:?}"));
    }
    let records: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .map_err(|e| format!("not valid CSV: {e}"))?;
    if records.len() != rows {
        return Err(format!("{} rows instead of {rows}", records.len()));
    }
    for (record, station) in records.iter().zip(data.stations()) {
        for (column, cell) in EXPORT_COLUMNS.iter().zip(record) {
            if let Some(c) = cell.chars().find(|c| c.is_control()) {
                return Err(format!("{column} holds control character {c:?}: {cell:?}"));
            }
            if matches!(*column, "lat" | "lon") {
                let value: f64 = cell.parse().map_err(|_| format!("{column} {cell:?}"))?;
                let expected = if *column == "lat" {
                    station.location.lat
                } else {
                    station.location.lon
                };
                if value != expected {
                    return Err(format!("{column} is {value}, not {expected}"));
                }
                continue;
            }
            if let Some(piece) = formula_in(cell, false) {
                return Err(format!("{column} {cell:?} holds the formula {piece:?}"));
            }
        }
    }

    // As a spreadsheet that splits the raw lines and ignores the quotes: every record is one
    // line (no line break inside a field), and no piece of a line is a formula.
    let lines: Vec<&str> = text.split("\r\n").collect();
    if lines.len() != rows + 2 || lines.last() != Some(&"") {
        return Err(format!(
            "{} lines for {rows} rows: a field holds a line break",
            lines.len()
        ));
    }
    for line in &lines {
        if line.contains(['\r', '\n']) {
            return Err(format!("a lone line break in {line:?}"));
        }
        if let Some(piece) = formula_in(line, true) {
            return Err(format!("the raw line holds the formula {piece:?}: {line}"));
        }
    }
    Ok(())
}

/// The visible characters of `payload` (control characters left out) appear in `cell`, in order:
/// the defence adds characters but never drops one, so the text stays readable.
fn keeps_visible_text(payload: &str, cell: &str) -> bool {
    let mut cell_chars = cell.chars();
    payload
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}'))
        .all(|wanted| cell_chars.any(|c| c == wanted))
}

/// The `city` cell of the first row, as the `csv` crate reads it.
fn first_city(bytes: &[u8]) -> String {
    let mut reader = csv::Reader::from_reader(bytes);
    let city = EXPORT_COLUMNS
        .iter()
        .position(|c| *c == "city")
        .expect("a city column");
    let record = reader
        .records()
        .next()
        .expect("a row")
        .expect("a valid row");
    record[city].to_owned()
}

#[test]
fn no_hostile_text_becomes_a_formula_in_any_locale() {
    for payload in PAYLOADS {
        let data = hostile_data(payload);
        let all: Vec<usize> = (0..data.stations().len()).collect();
        let bytes = export(&data, &all, ExportFormat::Csv).expect("export");
        if let Err(problem) = check_csv(&bytes, &data, all.len()) {
            panic!("payload {payload:?}: {problem}");
        }
        let city = first_city(&bytes);
        assert!(
            keeps_visible_text(payload, &city),
            "payload {payload:?} came out as {city:?}"
        );
    }
}

#[test]
fn the_semicolon_attack_is_defused_in_its_second_cell_and_stays_readable() {
    let data = hostile_data("Madrid;=cmd|' /C calc'!A0;");
    let bytes = export(&data, &[0], ExportFormat::Csv).expect("export");
    assert_eq!(first_city(&bytes), "Madrid;'=cmd|' /C calc'!A0;");
}

#[test]
fn the_embedded_data_set_exports_without_any_formula_or_change() {
    let data = DataSet::new(embedded().clone(), DataSource::Embedded);
    let all: Vec<usize> = (0..data.stations().len()).collect();
    let bytes = export(&data, &all, ExportFormat::Csv).expect("export");
    check_csv(&bytes, &data, all.len()).expect("a safe CSV");
    // Its texts need no defusing: they come out exactly as in the data file.
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let city = EXPORT_COLUMNS.iter().position(|c| *c == "city");
    let city = city.expect("a city column");
    for (record, station) in reader.records().zip(data.stations()) {
        assert_eq!(&record.expect("a valid row")[city], station.city.as_str());
    }
}

/// Pieces that make formulas, separators, what spreadsheets trim, and control characters, so
/// that random strings hit the interesting cases often.
fn hostile_piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "=", "+", "-", "@", "＝", "＋", "－", "＠", "﹦", "⁼", ";", ",", "|", "\t", "；", "，",
        "｜", "،", "\r", "\n", "\r\n", " ", "\u{a0}", "\u{3000}", "\u{200b}", "\u{feff}",
        "\u{202e}", "\u{2060}", "\u{ad}", "\"", "'", "\u{0}", "\u{1b}", "\u{7f}", "\u{85}",
        "\u{2028}", "a", "1", "cmd", "é", "北京",
    ])
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC*",
        prop::collection::vec(hostile_piece(), 0..16).prop_map(|pieces| pieces.concat()),
        (
            prop::collection::vec(hostile_piece(), 0..8),
            any::<String>()
        )
            .prop_map(|(pieces, rest)| pieces.concat() + &rest),
    ]
}

fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/regressions/csv_injection.txt",
        ))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Any text in the free-text fields: the CSV holds no formula and no control character in
    /// any of the ways it may be split, and the text's visible characters are all kept.
    #[test]
    fn no_text_becomes_a_formula_or_a_control_character(text in hostile_text()) {
        let data = hostile_data(&text);
        let bytes = export(&data, &[0], ExportFormat::Csv).expect("export");
        if let Err(problem) = check_csv(&bytes, &data, 1) {
            return Err(TestCaseError::fail(format!("text {text:?}: {problem}")));
        }
        let city = first_city(&bytes);
        prop_assert!(keeps_visible_text(&text, &city), "{text:?} came out as {city:?}");
    }
}

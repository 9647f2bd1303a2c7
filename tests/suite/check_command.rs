//! `overseas-stations check`: a valid file gives the summary; each broken file gives the right
//! record, field, line and column; bad paths and bytes give a clear message; nothing panics.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::TempFile;

use overseas_stations::cli::run_check;
use overseas_stations::data::EMBEDDED_DATA;
use serde_json::Value;

fn embedded() -> Value {
    serde_json::from_str(EMBEDDED_DATA).expect("embedded data is JSON")
}

/// Writes `contents` to `<name>.json` in a temporary directory of its own.
fn write(name: &str, contents: &[u8]) -> TempFile {
    TempFile::new(&format!("{name}.json"), contents)
}

fn check(path: Option<&Path>) -> (i32, String) {
    let mut out = Vec::new();
    let code = run_check(path, false, &mut out);
    (code, String::from_utf8(out).expect("utf-8 output"))
}

/// Writes `data` pretty-printed, runs check, and returns the problem lines.
fn problems_of(name: &str, data: &Value) -> (TempFile, String, Vec<String>) {
    let text = serde_json::to_string_pretty(data).expect("serialise");
    let path = write(name, text.as_bytes());
    let (code, out) = check(Some(path.path()));
    assert_eq!(code, 1, "a broken file must fail:\n{out}");
    let lines = out
        .lines()
        .filter(|l| l.starts_with(&path.display().to_string()))
        .map(str::to_owned)
        .collect();
    (path, text, lines)
}

/// Asserts there is a problem for `record` and `field`, whose line:col points at `key` in the file.
fn assert_problem(name: &str, data: &Value, record: &str, field: &str, key: &str) {
    let (path, text, lines) = problems_of(name, data);
    let prefix = format!("{}:", path.display());
    let wanted = format!(": {record}: {field}: ");
    let line = lines
        .iter()
        .find(|l| l.contains(&wanted))
        .unwrap_or_else(|| panic!("no problem for {record}/{field} in:\n{}", lines.join("\n")));
    let rest = &line[prefix.len()..];
    let mut parts = rest.splitn(3, ':');
    let line_no: usize = parts
        .next()
        .and_then(|s| s.parse().ok())
        .expect("a line number");
    let col: usize = parts
        .next()
        .and_then(|s| s.parse().ok())
        .expect("a column number");
    let text_line = text.lines().nth(line_no - 1).expect("line exists");
    assert_eq!(
        &text_line[col - 1..col - 1 + key.len() + 2],
        format!("\"{key}\""),
        "{line} should point at {key:?}; the line reads {text_line:?}"
    );
}

fn station_mut<'a>(data: &'a mut Value, id: &str) -> &'a mut Value {
    data["stations"]
        .as_array_mut()
        .and_then(|list| list.iter_mut().find(|s| s["id"] == id))
        .expect("station exists")
}

#[test]
fn the_embedded_data_passes_and_the_summary_leads_with_the_totals() {
    let (code, out) = check(None);
    assert_eq!(code, 0, "{out}");
    let data = embedded();
    let first = out.lines().next().expect("a first line");
    let stations = data["stations"].as_array().map_or(0, Vec::len);
    let sources = data["sources"].as_array().map_or(0, Vec::len);
    let mut countries: Vec<&str> = data["stations"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["country"].as_str())
        .collect();
    countries.sort_unstable();
    countries.dedup();
    assert_eq!(
        first,
        format!(
            "{stations} stations in {} countries, {sources} sources",
            countries.len()
        )
    );
    assert!(out.contains("Patrol and Persuade:"), "{out}");
    assert!(out.contains("by bureau:") && out.contains("by location precision:"));
}

#[test]
fn an_unknown_country_code_is_reported_on_its_station() {
    let mut data = embedded();
    station_mut(&mut data, "es-madrid-1")["country"] = "ZZ".into();
    assert_problem("iso", &data, "es-madrid-1", "country", "country");
}

#[test]
fn an_impossible_latitude_is_reported() {
    let mut data = embedded();
    station_mut(&mut data, "ie-dublin-1")["location"]["lat"] = 123.0.into();
    assert_problem("lat", &data, "ie-dublin-1", "location.lat", "location");
}

#[test]
fn coordinates_in_another_country_are_reported() {
    let mut data = embedded();
    // Paris, labelled as Spain.
    let station = station_mut(&mut data, "es-madrid-1");
    station["location"]["lat"] = 48.8566.into();
    station["location"]["lon"] = 2.3522.into();
    assert_problem("far", &data, "es-madrid-1", "location", "location");
}

#[test]
fn swapped_latitude_and_longitude_are_caught() {
    let mut data = embedded();
    let station = station_mut(&mut data, "ie-dublin-1");
    station["location"]["lat"] = (-6.2603).into();
    station["location"]["lon"] = 53.3498.into();
    assert_problem("swap", &data, "ie-dublin-1", "location", "location");
}

#[test]
fn a_duplicate_station_id_is_reported() {
    let mut data = embedded();
    station_mut(&mut data, "es-madrid-2")["id"] = "es-madrid-1".into();
    assert_problem("dup", &data, "es-madrid-1", "id", "id");
}

#[test]
fn a_dangling_source_id_is_reported() {
    let mut data = embedded();
    station_mut(&mut data, "ie-dublin-1")["sources"]
        .as_array_mut()
        .expect("sources list")
        .push("no-such-source".into());
    let (_, _, lines) = problems_of("dangling", &data);
    assert!(
        lines
            .iter()
            .any(|l| l.contains(": ie-dublin-1: sources: ") && l.contains("no-such-source")),
        "{lines:?}"
    );
}

#[test]
fn an_unreferenced_source_is_reported() {
    let mut data = embedded();
    let mut extra = data["sources"][0].clone();
    extra["id"] = "orphan-source".into();
    data["sources"].as_array_mut().expect("sources").push(extra);
    assert_problem("orphan", &data, "orphan-source", "id", "id");
}

#[test]
fn an_invalid_date_is_reported() {
    let mut data = embedded();
    station_mut(&mut data, "ie-dublin-1")["first_reported"] = "2022-13-01".into();
    assert_problem(
        "date",
        &data,
        "ie-dublin-1",
        "first_reported",
        "first_reported",
    );
}

#[test]
fn an_unknown_status_is_reported() {
    let mut data = embedded();
    station_mut(&mut data, "ie-dublin-1")["status"][1]["status"] = "raided".into();
    assert_problem("status", &data, "ie-dublin-1", "status[1].status", "status");
}

#[test]
fn an_unknown_bureau_is_reported() {
    let mut data = embedded();
    station_mut(&mut data, "ie-dublin-1")["bureau"] = "Fuzhou police".into();
    assert_problem("bureau", &data, "ie-dublin-1", "bureau", "bureau");
}

#[test]
fn an_unknown_report_id_is_reported() {
    let mut data = embedded();
    station_mut(&mut data, "ie-dublin-1")["listed_in"] = serde_json::json!(["sd-111-overseas"]);
    assert_problem("report", &data, "ie-dublin-1", "listed_in", "listed_in");
}

#[test]
fn every_problem_is_listed_not_just_the_first() {
    let mut data = embedded();
    station_mut(&mut data, "ie-dublin-1")["bureau"] = "x".into();
    station_mut(&mut data, "es-madrid-1")["country"] = "ZZ".into();
    station_mut(&mut data, "es-madrid-2")["first_reported"] = "soon".into();
    let (_, _, lines) = problems_of("many", &data);
    assert!(lines.len() >= 3, "{lines:?}");
}

#[test]
fn malformed_json_gives_serde_line_and_column() {
    let text = EMBEDDED_DATA.replacen("\"stations\": [", "\"stations\": [,", 1);
    let path = write("malformed", text.as_bytes());
    let (code, out) = check(Some(path.path()));
    assert_eq!(code, 1);
    let expected_line = text
        .lines()
        .position(|l| l.contains("\"stations\": [,"))
        .expect("edited line")
        + 1;
    assert!(
        out.starts_with(&format!("{}:{expected_line}:", path.display())),
        "{out}"
    );
}

#[test]
fn a_wrong_type_names_the_line() {
    let text = EMBEDDED_DATA.replacen("\"lat\": ", "\"lat\": \"north\", \"was\": ", 1);
    let path = write("wrongtype", text.as_bytes());
    let (code, out) = check(Some(path.path()));
    assert_eq!(code, 1);
    assert!(
        out.contains("invalid type") || out.contains("expected f64"),
        "{out}"
    );
}

#[test]
fn bad_paths_and_bytes_give_clear_messages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nope.json");
    let (code, out) = check(Some(&missing));
    assert_eq!(code, 1);
    assert!(out.contains("no such file"), "{out}");

    let (code, out) = check(Some(dir.path()));
    assert_eq!(code, 1);
    assert!(out.contains("directory"), "{out}");

    let empty = write("empty", b"");
    let (code, out) = check(Some(empty.path()));
    assert_eq!(code, 1);
    assert!(out.contains("empty"), "{out}");

    let binary = write("binary", b"{\"meta\": \xff\xfe}");
    let (code, out) = check(Some(binary.path()));
    assert_eq!(code, 1);
    assert!(out.contains("not UTF-8"), "{out}");
}

#[test]
fn the_binary_exits_zero_on_the_embedded_data_and_one_on_a_broken_file() {
    let exe = env!("CARGO_BIN_EXE_overseas-stations");
    let ok = Command::new(exe).arg("check").output().expect("run check");
    assert!(ok.status.success());
    assert!(String::from_utf8_lossy(&ok.stdout).contains("stations in"));
    let broken = write("bin-broken", b"{");
    let failed = Command::new(exe)
        .arg("check")
        .arg(broken.path())
        .output()
        .expect("run check");
    assert_eq!(failed.status.code(), Some(1));
}

#[test]
fn problems_in_meta_and_global_point_into_those_objects() {
    let mut data = embedded();
    data["meta"]["as_of"] = "yesterday".into();
    assert_problem("meta", &data, "meta", "as_of", "as_of");
    let mut data = embedded();
    data["global"]["critiques"][0]["sources"] = serde_json::json!([]);
    assert_problem(
        "global",
        &data,
        "global",
        "critiques[0].sources",
        "critiques",
    );
}

#[test]
fn file_names_reach_the_terminal_escaped() {
    // A newline would split the message in two; an escape sequence would drive the terminal.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad\nname\u{1b}[31m\u{202e}.json");
    std::fs::write(&path, b"{ not json").expect("write");
    let (code, out) = check(Some(&path));
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains('\u{1b}'), "no raw escape: {out:?}");
    assert!(!out.contains('\u{202e}'), "no raw bidi override: {out:?}");
    assert_eq!(out.lines().count(), 1, "one message, one line: {out:?}");
    assert!(
        out.contains("bad\\u{a}name\\u{1b}[31m\\u{202e}.json"),
        "{out:?}"
    );
}

//! Hostile and broken data files, written by the tests: each one gives a clear message (with a
//! position, or a record and field) or loads correctly; none panics or hangs. Links from a data
//! file are only opened when they are http(s), and text from it is shown as text.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::TempFile;
use overseas_stations::cli::run_check;
use overseas_stations::data::{
    DataFile, DataSet, DataSource, EMBEDDED_DATA, LoadError, Problem, load_file, parse_str,
    validate,
};
use overseas_stations::geo::{Outlines, world_from_lonlat};
use overseas_stations::ui::{LinkOpener, is_openable};
use serde_json::{Value, json};

fn outlines() -> &'static Outlines {
    static OUTLINES: OnceLock<Outlines> = OnceLock::new();
    OUTLINES.get_or_init(|| Outlines::embedded().expect("embedded outlines"))
}

fn embedded() -> Value {
    serde_json::from_str(EMBEDDED_DATA).expect("embedded data is JSON")
}

/// Writes `contents` to `<name>.json` in a temporary directory of its own.
fn write(name: &str, contents: impl AsRef<[u8]>) -> TempFile {
    TempFile::new(&format!("{name}.json"), contents)
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).expect("serialise")
}

/// Loads a file and validates it; returns the problems, or the load error.
fn load_and_validate(path: &Path) -> Result<(String, DataFile, Vec<Problem>), LoadError> {
    let (text, data) = load_file(path)?;
    let problems = validate(&data, Some(&text), outlines());
    Ok((text, data, problems))
}

/// Writes `value`, loads and validates it, and returns the problems (it must parse).
fn problems_of(name: &str, value: &Value) -> (String, Vec<Problem>) {
    let path = write(name, pretty(value));
    let (text, _, problems) = load_and_validate(&path).expect("the file parses");
    (text, problems)
}

fn check_output(path: &Path) -> (i32, String) {
    let mut out = Vec::new();
    let code = run_check(Some(path), false, &mut out);
    (code, String::from_utf8(out).expect("utf-8 output"))
}

/// The JSON error of a file that must not parse: line, column and message.
fn json_error(text: &str) -> (usize, usize, String) {
    match parse_str(text, "bad.json") {
        Err(LoadError::Json {
            line,
            column,
            message,
            ..
        }) => {
            assert!(line >= 1 && column >= 1, "{line}:{column}: {message}");
            (line, column, message)
        }
        Err(other) => panic!("expected a JSON error, got {other}"),
        Ok(_) => panic!("expected a JSON error, the text parsed"),
    }
}

fn line_of(text: &str, line: usize) -> &str {
    text.lines().nth(line - 1).unwrap_or_default()
}

// ---------------------------------------------------------------- empty, truncated, wrong types

#[test]
fn an_empty_file_says_it_is_empty() {
    for contents in ["", "   \n\t\r\n"] {
        let path = write("empty", contents);
        let err = load_file(&path).unwrap_err();
        assert!(matches!(err, LoadError::Empty { .. }), "{err:?}");
        assert!(err.to_string().contains("the file is empty"), "{err}");
        let (code, out) = check_output(&path);
        assert_eq!(code, 1);
        assert!(out.contains("empty"), "{out}");
    }
}

#[test]
fn truncated_json_says_where_it_ends() {
    let text = EMBEDDED_DATA.trim_end();
    for fraction in [0.0001, 0.1, 0.33, 0.5, 0.9, 0.99999] {
        let mut cut = (text.len() as f64 * fraction) as usize;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let truncated = &text[..cut.max(1)];
        let (line, _, message) = json_error(truncated);
        assert!(message.contains("truncated"), "{message}");
        assert_eq!(line, truncated.split('\n').count(), "{message}");
    }
}

#[test]
fn wrong_types_name_the_line_of_the_field() {
    let cases: Vec<(&str, Value, &str)> = vec![
        ("/stations/3/location/lat", json!("40.1"), "lat"),
        ("/stations/3/location/lat", json!(null), "lat"),
        ("/stations/3/location/lon", json!([1, 2]), "lon"),
        ("/stations/3/id", json!(17), "id"),
        (
            "/stations/3/listed_in",
            json!("sd-110-overseas"),
            "listed_in",
        ),
        (
            "/stations/3/location/precision",
            json!("street"),
            "precision",
        ),
        ("/stations/3/uncertain", json!("yes"), "uncertain"),
        ("/reports/0/headline/stations", json!(-1), "stations"),
        ("/reports/0/headline/stations", json!(1.5), "stations"),
        ("/reports/0/headline/stations", json!(1e300), "stations"),
        (
            "/sources/0/url",
            json!({"href": "https://example.org"}),
            "url",
        ),
        ("/meta/caveats", json!("one caveat"), "caveats"),
    ];
    for (pointer, replacement, key) in cases {
        let mut data = embedded();
        *data.pointer_mut(pointer).expect(pointer) = replacement.clone();
        let text = pretty(&data);
        let (line, _, message) = json_error(&text);
        assert!(
            message.contains("invalid type")
                || message.contains("invalid value")
                || message.contains("unknown variant"),
            "{pointer} = {replacement}: {message}"
        );
        // serde_json reports the position just after the bad value: on the field's line, or on the
        // closing line of an array or object given as the value.
        let shown = line_of(&text, line);
        assert!(
            shown.contains(&format!("\"{key}\"")) || shown.trim_start().starts_with([']', '}']),
            "{pointer}: line {line} is {shown:?}: {message}"
        );
    }
}

#[test]
fn missing_unknown_and_duplicate_fields_are_named() {
    let mut data = embedded();
    data.as_object_mut().expect("object").remove("meta");
    let (_, _, message) = json_error(&pretty(&data));
    assert!(message.contains("missing field `meta`"), "{message}");

    let mut data = embedded();
    data["stations"][0]["lattitude"] = json!(1.0);
    let (_, _, message) = json_error(&pretty(&data));
    assert!(message.contains("unknown field `lattitude`"), "{message}");

    let text = EMBEDDED_DATA.replacen("\"id\": ", "\"id\": \"dup\", \"id\": ", 1);
    let (_, _, message) = json_error(&text);
    assert!(message.contains("duplicate field `id`"), "{message}");

    for top in [
        "[]",
        "\"stations\"",
        "null",
        "42",
        "true",
        "\n  [{\"title\": \"t\"}]",
    ] {
        let (line, column, message) = json_error(top);
        assert!(
            message.contains("expected a JSON object"),
            "{top}: {message}"
        );
        let at = top.trim_start();
        let before = &top[..top.len() - at.len()];
        assert_eq!(line, before.matches('\n').count() + 1, "{message}");
        assert!(column >= 1, "{message}");
    }
}

// ------------------------------------------------------------------------------- coordinates

fn station_at(lat: &str, lon: &str) -> String {
    let mut data = embedded();
    data["stations"][0]["location"]["lat"] = json!(0.5);
    data["stations"][0]["location"]["lon"] = json!(0.25);
    pretty(&data)
        .replacen("\"lat\": 0.5", &format!("\"lat\": {lat}"), 1)
        .replacen("\"lon\": 0.25", &format!("\"lon\": {lon}"), 1)
}

#[test]
fn nan_and_infinity_are_not_json_and_say_so() {
    for (lat, expect) in [
        ("NaN", "expected value"),
        ("Infinity", "expected value"),
        ("-Infinity", "invalid number"),
        ("1e999", "number out of range"),
        ("-1e400", "number out of range"),
        ("0x10", "expected"),
        ("+1", "expected value"),
        ("\"NaN\"", "invalid type"),
    ] {
        let text = station_at(lat, "0.25");
        let (line, _, message) = json_error(&text);
        assert!(message.contains(expect), "{lat}: {message}");
        assert!(
            line_of(&text, line).contains("\"lat\""),
            "{lat}: line {line}"
        );
    }
}

#[test]
fn out_of_range_coordinates_are_validation_problems() {
    for (lat, lon, field) in [
        ("90.0000001", "0", "location.lat"),
        ("-91", "0", "location.lat"),
        ("1e308", "0", "location.lat"),
        ("0", "180.5", "location.lon"),
        ("0", "-181", "location.lon"),
        ("0", "-1.7976931348623157e308", "location.lon"),
    ] {
        let text = station_at(lat, lon);
        let data = parse_str(&text, "x.json").expect("parses");
        let problems = validate(&data, Some(&text), outlines());
        let problem = problems
            .iter()
            .find(|p| p.field == field)
            .unwrap_or_else(|| panic!("({lat}, {lon}): no {field} problem in {problems:?}"));
        assert!(problem.message.contains("degrees in"), "{problem}");
        assert!(
            line_of(&text, problem.line).contains("\"location\""),
            "{problem}"
        );
        assert_eq!(problem.record, data.stations[0].id);
    }
}

#[test]
fn poles_and_the_antimeridian_exactly_are_valid_coordinates() {
    for (lat, lon) in [
        ("90", "180"),
        ("-90", "-180"),
        ("90.0", "-180.0"),
        ("-90", "180"),
    ] {
        let text = station_at(lat, lon);
        let data = parse_str(&text, "x.json").expect("parses");
        let problems = validate(&data, Some(&text), outlines());
        assert!(
            !problems
                .iter()
                .any(|p| p.field == "location.lat" || p.field == "location.lon"),
            "({lat}, {lon}): {problems:?}"
        );
        // Far outside the station's country: said so, with the record, not a crash.
        assert!(
            problems.iter().any(|p| p.field == "location"),
            "{problems:?}"
        );
        let station = &data.stations[0];
        let (x, y) = world_from_lonlat(station.location.lon, station.location.lat);
        assert!(
            x.is_finite() && y.is_finite(),
            "({lat}, {lon}) -> ({x}, {y})"
        );
        DataSet::new(data, DataSource::Embedded);
    }
}

// ----------------------------------------------------------------------- huge and deep values

const TEN_MB: usize = 10 * 1024 * 1024;

#[test]
fn ten_megabyte_strings_load_or_fail_cleanly() {
    // In a free-text field: loads, validates, and keeps every byte.
    let mut data = embedded();
    let cover = "a".repeat(TEN_MB);
    data["stations"][0]["cover"] = json!(cover);
    data["stations"][1]["notes"] = json!([{ "text": "é\u{4e2d}".repeat(TEN_MB / 5), "sources": data["stations"][1]["sources"] }]);
    let path = write("huge-text", pretty(&data));
    let (_, loaded, problems) = load_and_validate(&path).expect("a long text loads");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(loaded.stations[0].cover.len(), TEN_MB);

    // As an id, a date and a URL: validation problems whose messages stay readable.
    let mut data = embedded();
    data["stations"][0]["first_reported"] = json!("9".repeat(TEN_MB));
    data["stations"][2]["id"] = json!("\u{1b}".repeat(TEN_MB));
    data["sources"][0]["url"] = json!(format!("javascript:{}", "x".repeat(TEN_MB)));
    let (_, problems) = problems_of("huge-values", &data);
    for field in ["first_reported", "url", "id"] {
        assert!(problems.iter().any(|p| p.field == field), "{field}");
    }
    for p in &problems {
        assert!(p.to_string().len() < 2_000, "{} bytes", p.to_string().len());
    }

    // As a key and as an unterminated string: a short JSON error.
    let key = format!("{{\"{}\": 1}}", "k".repeat(TEN_MB));
    let (_, _, message) = json_error(&key);
    assert!(message.len() < 1_000, "{} bytes", message.len());
    let unterminated = format!("{{\"meta\": \"{}", "u".repeat(TEN_MB));
    let (_, _, message) = json_error(&unterminated);
    assert!(message.contains("truncated"), "{message}");
}

#[test]
fn ten_thousand_deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = |open: &str, inner: &str, close: &str| {
        format!("{}{inner}{}", open.repeat(10_000), close.repeat(10_000))
    };
    let inputs = [
        // Where the format has no arrays: refused at once, or by the typed fields.
        deep("[", "", "]"),
        deep("{\"a\":", "1", "}"),
        "[".repeat(10_000),
        EMBEDDED_DATA.replacen(
            "\"caveats\": [",
            &format!("\"caveats\": [{}", "[".repeat(10_000)),
            1,
        ),
        // Where a value is skipped or typed loosely: serde_json's recursion limit (128).
        format!("{{\"meta\": {}", deep("{\"title\":", "\"t\"", "}")),
        format!("{{\"stations\": [{}]}}", deep("[", "", "]")),
        format!("{{\"meta\": {}}}", deep("[", "", "]")),
    ];
    // A small stack, to show that depth is limited rather than lucky.
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            for text in &inputs {
                let (line, _, message) = json_error(text);
                assert!(line >= 1, "{message}");
                assert!(
                    message.contains("recursion limit exceeded")
                        || message.contains("invalid type")
                        || message.contains("unknown field")
                        || message.contains("expected a JSON object"),
                    "{message}"
                );
                assert!(message.len() < 1_000, "{message}");
            }
        })
        .expect("spawn")
        .join()
        .expect("no stack overflow or panic");
    // The recursion limit itself, on the JSON a loosely typed field would skip.
    let value: Result<serde_json::Value, _> = serde_json::from_str(&deep("[", "", "]"));
    let err = value.expect_err("refused");
    assert!(
        err.to_string().contains("recursion limit exceeded"),
        "{err}"
    );
}

// ----------------------------------------------------------------------- references and codes

#[test]
fn duplicate_ids_are_reported_at_the_duplicate() {
    let mut data = embedded();
    let station = data["stations"][0].clone();
    data["stations"]
        .as_array_mut()
        .expect("array")
        .push(station);
    let source = data["sources"][0].clone();
    data["sources"].as_array_mut().expect("array").push(source);
    let report = data["reports"][0].clone();
    data["reports"].as_array_mut().expect("array").push(report);
    let country = data["countries"][0].clone();
    data["countries"]
        .as_array_mut()
        .expect("array")
        .push(country);
    let (text, problems) = problems_of("duplicates", &data);
    for what in [
        "duplicate station id",
        "duplicate source id",
        "duplicate report id",
        "duplicate country record",
    ] {
        assert!(
            problems.iter().any(|p| p.message.contains(what)),
            "{what}: {problems:?}"
        );
    }
    let dup = problems
        .iter()
        .find(|p| p.message.contains("duplicate station id"))
        .expect("station duplicate");
    let first_line = text
        .lines()
        .position(|l| l.contains(&format!("\"id\": \"{}\"", dup.record)))
        .expect("first copy")
        + 1;
    assert!(
        dup.line > first_line,
        "points at the copy: {dup} vs {first_line}"
    );
    assert!(line_of(&text, dup.line).contains(&dup.record));
}

#[test]
fn unknown_iso_codes_are_reported() {
    for code in ["XX", "es", "ESP", "", "E\u{0}", "\u{1b}[2J"] {
        let mut data = embedded();
        data["stations"][0]["country"] = json!(code);
        data["countries"][0]["iso2"] = json!(code);
        let (text, problems) = problems_of("iso", &data);
        let station = problems
            .iter()
            .find(|p| p.field == "country")
            .unwrap_or_else(|| panic!("{code:?}: {problems:?}"));
        assert!(station.message.contains("ISO 3166-1"), "{station}");
        assert!(line_of(&text, station.line).contains("\"country\""));
        assert!(
            problems
                .iter()
                .any(|p| p.field == "iso2" && p.message.contains("ISO 3166-1")),
            "{code:?}: {problems:?}"
        );
        assert!(!problems.iter().any(|p| p.to_string().contains('\u{1b}')));
    }
}

#[test]
fn dangling_references_are_reported() {
    let mut data = embedded();
    data["stations"][0]["sources"] = json!(["no-such-source"]);
    data["stations"][1]["listed_in"] = json!(["no-such-report"]);
    data["reports"][0]["includes"] = json!(["no-such-report"]);
    data["countries"][0]["disagreements"] = json!([{"topic": "t", "station_ids": ["no-such-station"], "versions": [
        {"claim": "a", "sources": [data["sources"][0]["id"]]},
        {"claim": "b", "sources": [data["sources"][0]["id"]]}
    ]}]);
    let (_, problems) = problems_of("dangling", &data);
    let expect = [
        ("sources", "source id \"no-such-source\" does not exist"),
        ("listed_in", "report id \"no-such-report\" does not exist"),
        (
            "includes",
            "\"no-such-report\" is not the id of another report",
        ),
        (
            "disagreements[0].station_ids",
            "station id \"no-such-station\" does not exist",
        ),
    ];
    for (field, message) in expect {
        assert!(
            problems
                .iter()
                .any(|p| p.field == field && p.message.contains(message) && p.line > 0),
            "{field}: {problems:?}"
        );
    }
}

// ------------------------------------------------------------------------- bytes and encodings

#[test]
fn invalid_utf8_says_where() {
    let mut bytes = EMBEDDED_DATA.as_bytes().to_vec();
    bytes.insert(1234, 0xFF);
    let err = load_file(&write("utf8-ff", &bytes)).unwrap_err();
    assert!(
        matches!(err, LoadError::NotUtf8 { offset: 1234, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("not UTF-8"), "{err}");

    for (bytes, offset) in [
        (b"{\"meta\": \"\xC0\xAF\"}".to_vec(), 10), // overlong encoding
        (b"{\"meta\": \"\xED\xA0\x80\"}".to_vec(), 10), // surrogate
        (b"{\"meta\": \"\xE4\xB8".to_vec(), 10),    // cut inside a character
        (b"\xFF\xFE{\0\"\0m\0".to_vec(), 0),        // UTF-16 with its BOM
    ] {
        let err = load_file(&write("utf8-cases", &bytes)).unwrap_err();
        match err {
            LoadError::NotUtf8 { offset: at, .. } => assert_eq!(at, offset, "{bytes:?}"),
            other => panic!("{bytes:?}: {other:?}"),
        }
    }

    // A lone surrogate escape is valid UTF-8 but not a string.
    for text in [
        "{\"meta\": {\"title\": \"\\ud800\"}}",
        "{\"meta\": {\"title\": \"\\ud800\\u0041\"}}",
        "{\"meta\": {\"title\": \"\\udc00\"}}",
    ] {
        let (_, _, message) = json_error(text);
        assert!(
            message.contains("surrogate") || message.contains("hex escape"),
            "{text}: {message}"
        );
    }
}

#[test]
fn a_utf8_byte_order_mark_is_ignored() {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(EMBEDDED_DATA.as_bytes());
    let (_, data, problems) = load_and_validate(&write("bom", &bytes)).expect("loads");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(data.stations.len(), 91);
}

// ------------------------------------------------------------------------ paths that are not files

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = load_file(dir.path()).unwrap_err();
    assert!(err.to_string().contains("directory"), "{err}");
    let (code, out) = check_output(dir.path());
    assert_eq!(code, 1);
    assert!(out.contains("directory"), "{out}");
}

#[test]
fn a_missing_file_and_a_symlink_loop_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = load_file(&dir.path().join("nope.json")).unwrap_err();
    assert!(err.to_string().contains("no such file"), "{err}");
    #[cfg(unix)]
    {
        let link = dir.path().join("loop.json");
        std::os::unix::fs::symlink(&link, &link).expect("symlink");
        let err = load_file(&link).unwrap_err();
        assert!(matches!(err, LoadError::Io { .. }), "{err:?}");
        assert!(err.to_string().contains("cannot read"), "{err}");
    }
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_refused_with_the_reason() {
    use std::os::unix::fs::PermissionsExt;
    let path = write("unreadable", EMBEDDED_DATA);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    match load_file(&path) {
        Err(err) => assert!(err.to_string().contains("permission denied"), "{err}"),
        // root reads everything: then it must load correctly.
        Ok((_, data)) => assert_eq!(data.stations.len(), 91),
    }
    // A file that no one can read, root included: the kernel refuses reads of this address.
    #[cfg(target_os = "linux")]
    {
        let err = load_file(Path::new("/proc/self/mem")).unwrap_err();
        assert!(matches!(err, LoadError::Io { .. }), "{err:?}");
        assert!(err.to_string().contains("cannot read"), "{err}");
    }
}

/// Runs `f` on another thread and fails if it takes longer than `limit` (it must not hang).
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit).expect("finished in time")
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_are_refused_without_blocking() {
    // Endless (/dev/zero), empty (/dev/null) and blocking (a FIFO nobody writes to) inputs.
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.json");
    let made_fifo = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let mut paths = vec![PathBuf::from("/dev/zero"), PathBuf::from("/dev/null")];
    if made_fifo {
        paths.push(fifo);
    }
    for path in paths {
        let shown = path.display().to_string();
        let err =
            within(Duration::from_secs(10), move || load_file(&path)).expect_err("not a data file");
        assert!(
            err.to_string().contains("not a regular file"),
            "{shown}: {err}"
        );
    }
}

#[test]
fn a_file_that_changes_while_being_read_loads_one_version_or_says_so() {
    // Two valid versions of different lengths, rewritten in place (truncate, then write in
    // pieces) as fast as possible while the file is loaded again and again.
    let small = EMBEDDED_DATA.to_owned();
    let mut data = embedded();
    data["meta"]["title"] = json!("the other version");
    let other = pretty(&data);
    let path = write("changing", &small);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (path, stop, small, other) = (
            path.to_path_buf(),
            stop.clone(),
            small.clone(),
            other.clone(),
        );
        std::thread::spawn(move || {
            use std::io::Write;
            let mut n = 0usize;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let text = if n.is_multiple_of(2) { &other } else { &small };
                if let Ok(mut file) = std::fs::File::create(&path) {
                    for chunk in text.as_bytes().chunks(64 * 1024) {
                        let _ = file.write_all(chunk);
                    }
                }
                n += 1;
            }
            n
        })
    };
    let (mut loaded, mut refused, mut changed) = (0, 0, 0);
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(3) || loaded + refused < 50 {
        match load_file(&path) {
            Ok((text, parsed)) => {
                // Never half one version and half the other.
                assert!(text == small || text == other, "a mixed file was accepted");
                assert!(validate(&parsed, Some(&text), outlines()).is_empty());
                loaded += 1;
            }
            Err(err) => {
                let message = err.to_string();
                assert!(
                    matches!(
                        err,
                        LoadError::Io { .. } | LoadError::Json { .. } | LoadError::Empty { .. }
                    ),
                    "{err:?}"
                );
                assert!(!message.is_empty());
                if message.contains("changed while it was being read") {
                    changed += 1;
                }
                refused += 1;
            }
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let rewrites = writer.join().expect("writer");
    eprintln!(
        "changing file: {loaded} loads accepted, {refused} refused ({changed} as changed while read), {rewrites} rewrites"
    );
    // The loads raced the writer: otherwise nothing above was tested.
    assert!(rewrites >= 2, "the file was rewritten {rewrites} times");
    // Once the file is still, it loads, as the version written last: refusing every load would
    // have passed the loop above.
    let last = if (rewrites - 1).is_multiple_of(2) {
        &other
    } else {
        &small
    };
    let (text, parsed) = load_file(&path).expect("a file that no longer changes loads");
    assert!(text == *last, "not the version written last");
    assert!(validate(&parsed, Some(&text), outlines()).is_empty());
}

// ------------------------------------------------------------------------------ many stations

/// A file with `n` stations, all valid, in Spain.
fn many_stations(n: usize) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(n * 330 + 4096);
    text.push_str(
        r#"{"meta": {"title": "many", "version": "1", "as_of": "2026-01-01"},
"reports": [{"id": "r", "title": "R", "date": "2022-09-12", "sources": ["s"]}],
"sources": [{"id": "s", "publisher": "P", "date": "2022", "url": "https://example.org/", "kind": "news"}],
"stations": ["#,
    );
    for i in 0..n {
        if i > 0 {
            text.push_str(",\n");
        }
        let _ = write!(
            text,
            r#"{{"id": "es-madrid-{i}", "country": "ES", "city": "Madrid", "location": {{"lat": 40.4168, "lon": -3.7038, "precision": "city", "note": "approximate city centre"}}, "bureau": "Fuzhou PSB", "listed_in": ["r"], "first_reported": "2022-09-12", "cover": "Cover {i}", "status": [{{"date": "2022-09-12", "status": "reported", "text": "Listed", "sources": ["s"]}}], "sources": ["s"]}}"#
        );
    }
    text.push_str("]}\n");
    text
}

/// Writes, loads, validates and indexes `n` stations, and checks that every one of them arrived.
fn load_many(n: usize) {
    let path = write(&format!("many-{n}"), many_stations(n));
    let (_, data, problems) = load_and_validate(&path).expect("loads");
    assert!(
        problems.is_empty(),
        "{:?}",
        &problems[..problems.len().min(5)]
    );
    assert_eq!(data.stations.len(), n);
    // In the file's order, none lost or repeated.
    assert!(
        data.stations
            .iter()
            .enumerate()
            .all(|(i, s)| s.id == format!("es-madrid-{i}")),
        "stations out of order or missing"
    );
    let set = DataSet::new(data, DataSource::File(path.to_path_buf()));
    assert_eq!(set.stations_per_report("r"), n);
    assert_eq!(set.countries_per_report("r"), 1);
    assert_eq!(set.stations_in("ES").count(), n);
}

#[test]
fn twenty_thousand_stations_load_validate_and_index() {
    load_many(20_000);
}

/// Every station broken at once: every problem of every station is reported, none capped or
/// merged, each on its station's line.
#[test]
fn twenty_thousand_broken_stations_are_all_reported() {
    let n = 20_000;
    let text = many_stations(n)
        .replace("\"country\": \"ES\"", "\"country\": \"XX\"")
        .replace("\"sources\": [\"s\"]}", "\"sources\": [\"nope\"]}");
    let data = parse_str(&text, "x.json").expect("parses");
    let problems = validate(&data, Some(&text), outlines());
    for field in ["country", "sources"] {
        let records: std::collections::HashSet<&str> = problems
            .iter()
            .filter(|p| p.field == field && p.record.starts_with("es-madrid-"))
            .map(|p| p.record.as_str())
            .collect();
        assert_eq!(records.len(), n, "stations with a {field} problem");
        assert!(
            (0..n).all(|i| records.contains(format!("es-madrid-{i}").as_str())),
            "a station's {field} problem is missing"
        );
    }
    // Each station is one line of the file: its problems point there.
    let lines: Vec<&str> = text.lines().collect();
    for p in problems
        .iter()
        .filter(|p| p.record.starts_with("es-madrid-"))
    {
        let line = lines
            .get(p.line.wrapping_sub(1))
            .copied()
            .unwrap_or_default();
        assert!(line.contains(&format!("\"{}\"", p.record)), "{p}");
    }
}

/// A long chain of reports, each including the one before: a valid 3.5 MB file. `check`'s
/// per-report placed counts once took ~45 s on it (cubic in the number of reports); they are now
/// computed once per set of listing reports.
#[test]
fn a_long_chain_of_included_reports_is_summarised_quickly() {
    let (reports, stations) = (2_000, 20_000);
    let mut data = json!({
        "meta": {"title": "chain", "version": "1", "as_of": "2026-01-01"},
        "sources": [{"id": "s", "publisher": "P", "date": "2022", "url": "https://example.org/", "kind": "news"}],
    });
    data["reports"] = (0..reports)
        .map(|i| {
            let includes = if i == 0 { json!([]) } else { json!([format!("r{}", i - 1)]) };
            json!({"id": format!("r{i}"), "title": "R", "date": "2022", "includes": includes, "sources": ["s"]})
        })
        .collect();
    data["stations"] = (0..stations)
        .map(|i| {
            json!({"id": format!("es-m-{i}"), "country": "ES", "location": {"lat": 40.4, "lon": -3.7, "precision": "city"}, "listed_in": ["r0"], "first_reported": "2022", "sources": ["s"]})
        })
        .collect();
    let path = write("chain", serde_json::to_string(&data).expect("serialise"));
    let (took, out) = within(Duration::from_secs(300), move || {
        let started = Instant::now();
        let (code, out) = check_output(&path);
        assert_eq!(code, 0, "{out}");
        (started.elapsed(), out)
    });
    // Every report reaches r0 through the chain, so each places all the stations.
    let placed = format!(
        "  R: {} in 1 country placed",
        overseas_stations::data::count_noun(stations, "station", "stations")
    );
    assert_eq!(
        out.lines().filter(|l| *l == placed).count(),
        reports,
        "{placed:?} per report in:\n{}",
        &out[..out.len().min(2_000)]
    );
    // The cubic version once took ~45 s here.
    assert!(took < Duration::from_secs(10), "{took:?}");
}

// -------------------------------------------------------------------------- links and markup

const HOSTILE_URLS: &[&str] = &[
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "javascript://example.org/%0Aalert(1)",
    "file:///etc/passwd",
    "file://C:/Windows/System32/calc.exe",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "mailto:someone@example.org",
    "ms-settings:privacy",
    "steam://run/1",
    "myapp://open?cmd=rm%20-rf",
    "//example.org/protocol-relative",
    "/etc/passwd",
    "http:/example.org",
    "https://",
    "https:///path",
    "https://example.org/a b",
    "https://example.org/\nfile:///etc/passwd",
    "https://example.org/\u{0}",
    "\u{202e}https://example.org/",
];

#[test]
fn only_http_links_are_accepted_and_opened() {
    for &url in HOSTILE_URLS {
        let mut data = embedded();
        data["sources"][0]["url"] = json!(url);
        let (text, problems) = problems_of("links", &data);
        let problem = problems
            .iter()
            .find(|p| p.field == "url")
            .unwrap_or_else(|| panic!("{url:?} was accepted"));
        assert!(
            problem
                .message
                .contains("only http and https links are allowed"),
            "{problem}"
        );
        assert!(
            line_of(&text, problem.line).contains("\"url\""),
            "{problem}"
        );
        assert!(!is_openable(url), "{url:?} is openable");
        let mut opener = LinkOpener::Record(Vec::new());
        assert!(
            !opener.open(&egui::Context::default(), url),
            "{url:?} was opened"
        );
        assert_eq!(opener, LinkOpener::Record(Vec::new()));
    }
    for url in [
        "https://example.org/",
        "http://example.org/path?q=1#frag",
        "HTTPS://EXAMPLE.ORG/",
    ] {
        let mut data = embedded();
        data["sources"][0]["url"] = json!(url);
        let (_, problems) = problems_of("good-links", &data);
        assert!(problems.is_empty(), "{url}: {problems:?}");
        assert!(is_openable(url), "{url}");
        let mut opener = LinkOpener::Record(Vec::new());
        assert!(opener.open(&egui::Context::default(), url));
        assert_eq!(opener, LinkOpener::Record(vec![url.to_owned()]));
    }
}

#[test]
fn markup_is_printed_as_written_and_escape_codes_are_refused() {
    // Markup and shell syntax are plain text: accepted, and printed exactly as written.
    let mut data = embedded();
    let title = "<script>alert(1)</script> [x](javascript:alert(1)) $(touch /tmp/pwned) `id`";
    data["reports"][0]["short_title"] = json!(title);
    let path = write("markup", pretty(&data));
    let (code, out) = check_output(&path);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(title), "{out}");

    // Terminal escape codes and bidirectional overrides in ids and titles are refused, and the
    // problems print them escaped.
    let mut data = embedded();
    data["reports"][0]["short_title"] = json!("\u{1b}]0;owned\u{7}\u{1b}[2J");
    data["stations"][0]["id"] = json!("es-\u{202e}dirdam-1\u{1b}[31m");
    data["sources"][0]["publisher"] = json!("P\u{1b}[8m");
    let path = write("escapes", pretty(&data));
    let (code, out) = check_output(&path);
    assert_eq!(code, 1, "{out}");
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202e}'),
        "{out:?}"
    );
    for field in ["short_title", "publisher"] {
        assert!(
            out.contains(&format!(
                ": {field}: contains the control or invisible formatting character"
            )),
            "{field}: {out}"
        );
    }
    assert!(
        out.contains("es-\\u{202e}dirdam-1\\u{1b}[31m: id:"),
        "{out}"
    );
}

// ------------------------------------------------------------------ data already shown is kept

/// The app keeps showing the file it has when another fails to load, whatever the failure.
#[test]
fn a_failed_load_keeps_the_data_the_app_shows() {
    let mut app = overseas_stations::app::App::embedded().expect("the app starts");
    // One station fewer than the embedded data: falling back to it would show.
    let good = write("good", common::data_without_station("ie-dublin-1"));
    app.open_data_file(good.to_path_buf());
    assert!(app.load_report.is_none(), "{:?}", app.load_report);
    for (name, bad) in [
        ("empty", &b""[..]),
        ("unclosed", b"{"),
        ("not-utf8", b"\xFF"),
        ("arrays", b"[[[["),
    ] {
        let file = write(name, bad);
        app.open_data_file(file.to_path_buf());
        let report = app.load_report.take().expect("the failure is reported");
        let shown = file.display().to_string();
        assert!(
            report.lines.iter().any(|l| l.contains(&shown)),
            "{name}: {:?}",
            report.lines
        );
        assert_eq!(
            app.model.data().origin,
            DataSource::File(good.to_path_buf()),
            "{name}"
        );
        assert_eq!(app.model.data().stations().len(), 90, "{name}");
    }
}

// ------------------------------------------------------------------------- regression corpus

/// Every file in `tests/regressions/`: names starting `ok-` must load and validate, `err-` must
/// be refused by the loader, `invalid-` must load and give validation problems. None may panic.
#[test]
fn the_regression_corpus_behaves() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/regressions") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if name.ends_with(".txt") {
            continue; // proptest's saved seeds, replayed by tests/suite/loader_props.rs
        }
        seen += 1;
        let result = load_and_validate(&path);
        if name.starts_with("ok-") {
            let (_, _, problems) = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(problems.is_empty(), "{name}: {problems:?}");
        } else if name.starts_with("err-") {
            let err = result.err().unwrap_or_else(|| panic!("{name} loaded"));
            assert!(err.to_string().len() < 1_000, "{name}: {err}");
        } else if name.starts_with("invalid-") {
            let (_, _, problems) = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!problems.is_empty(), "{name} is valid");
            assert!(problems.iter().all(|p| p.line >= 1), "{name}: {problems:?}");
        } else {
            panic!("{name}: name corpus files ok-, err- or invalid-");
        }
    }
    assert!(seen >= 5, "only {seen} corpus files");
}

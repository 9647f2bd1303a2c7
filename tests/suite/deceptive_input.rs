//! Deceptive content in a data file: links whose text hides the site they open (credentials
//! before the host, look-alike letters, escapes, bidi and zero-width characters), free text that
//! reorders or hides itself, and reports that include each other in a cycle. `check` refuses each
//! one naming the record and field; the link opener follows the same rule and shows the real host.

use std::collections::{HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::OnceLock;

use overseas_stations::cli::run_check;
use overseas_stations::data::{
    DataFile, DataSet, DataSource, EMBEDDED_DATA, Problem, check_url, parse_str, validate,
};
use overseas_stations::geo::Outlines;
use overseas_stations::ui::{LinkOpener, is_openable};
use serde_json::{Value, json};

fn outlines() -> &'static Outlines {
    static OUTLINES: OnceLock<Outlines> = OnceLock::new();
    OUTLINES.get_or_init(|| Outlines::embedded().expect("embedded outlines"))
}

fn embedded() -> Value {
    serde_json::from_str(EMBEDDED_DATA).expect("embedded data is JSON")
}

fn parse(value: &Value) -> (String, DataFile) {
    let text = serde_json::to_string_pretty(value).expect("serialise");
    let data = parse_str(&text, "data.json").expect("the file parses");
    (text, data)
}

fn problems_of(value: &Value) -> Vec<Problem> {
    let (text, data) = parse(value);
    validate(&data, Some(&text), outlines())
}

/// Runs `check` on `value` written to a file; returns the exit code and the output.
fn check(value: &Value) -> (i32, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path: PathBuf = dir.path().join("data.json");
    std::fs::write(
        &path,
        serde_json::to_string_pretty(value).expect("serialise"),
    )
    .expect("write");
    let mut out = Vec::new();
    let code = run_check(Some(&path), false, &mut out);
    (code, String::from_utf8(out).expect("utf-8 output"))
}

/// Whether the output holds a character that reorders or hides text.
fn has_hidden_characters(out: &str) -> bool {
    out.chars().any(|c| {
        matches!(
            c,
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}'
        )
    })
}

// ------------------------------------------------------------------------------------- links

/// URLs whose text can mislead a reader about the site they open; none passes `check`.
const DECEPTIVE_URLS: &[(&str, &str)] = &[
    ("credentials", "https://www.bbc.co.uk@127.0.0.1/"),
    ("user and password", "https://user:secret@example.org/news"),
    ("empty user", "https://@example.org/"),
    ("port-like user", "https://www.bbc.co.uk:443@evil.example/"),
    ("backslash", "https://evil.example\\@www.bbc.co.uk/"),
    ("Cyrillic look-alike", "https://www.bb\u{441}.co.uk/news"),
    ("Greek look-alike", "https://www.g\u{3bf}\u{3bf}gle.com/"),
    (
        "whole-script look-alike",
        "https://\u{430}\u{440}\u{440}\u{4cf}\u{435}.com/",
    ),
    ("full-width letters", "https://\u{ff45}xample.org/"),
    ("percent-escaped host", "https://ex%61mple.org/"),
    ("numeric address", "http://2130706433/"),
    ("hex address", "http://0x7f.0.0.1/"),
    (
        "right-to-left override",
        "https://example.org/\u{202e}fdp.exe",
    ),
    (
        "left-to-right isolate",
        "https://example.org/\u{2066}x\u{2069}",
    ),
    ("right-to-left mark", "https://example.org/\u{200f}"),
    (
        "zero-width space in the host",
        "https://exa\u{200b}mple.org/",
    ),
    ("zero-width joiner", "https://example.org/a\u{200d}b"),
    ("word joiner", "https://example.org/a\u{2060}b"),
    ("byte order mark", "\u{feff}https://example.org/"),
    ("soft hyphen in the host", "https://exam\u{ad}ple.org/"),
    ("no-break space", "https://example.org/\u{a0}"),
];

#[test]
fn deceptive_source_urls_are_refused_by_check_naming_the_field() {
    let source_id = embedded()["sources"][0]["id"]
        .as_str()
        .expect("source id")
        .to_owned();
    for &(case, url) in DECEPTIVE_URLS {
        let mut data = embedded();
        data["sources"][0]["url"] = json!(url);
        let (code, out) = check(&data);
        assert_eq!(code, 1, "{case}: {url:?} passed check:\n{out}");
        assert!(
            out.contains(&format!("{source_id}: url: ")),
            "{case}: no problem on the url field:\n{out}"
        );
        assert!(
            !has_hidden_characters(&out),
            "{case}: raw in output {out:?}"
        );
        let problems = problems_of(&data);
        let problem = problems
            .iter()
            .find(|p| p.field == "url")
            .unwrap_or_else(|| panic!("{case}: accepted"));
        assert_eq!(problem.record, source_id, "{case}");
        assert!(problem.line >= 1, "{case}: {problem}");
    }
}

#[test]
fn credentials_are_refused_naming_the_host_really_opened() {
    let mut data = embedded();
    data["sources"][0]["url"] = json!("https://www.bbc.co.uk@127.0.0.1/");
    let (_, out) = check(&data);
    assert!(out.contains("user name or password"), "{out}");
    assert!(out.contains("it opens 127.0.0.1"), "{out}");
    assert!(!is_openable("https://www.bbc.co.uk@127.0.0.1/"));
    let mut opener = LinkOpener::Record(Vec::new());
    assert!(!opener.open(
        &egui::Context::default(),
        "https://www.bbc.co.uk@127.0.0.1/"
    ));
    assert_eq!(opener, LinkOpener::Record(Vec::new()));
}

#[test]
fn a_look_alike_host_is_refused_by_check_and_shown_in_punycode() {
    // "bbс" with a Cyrillic es (U+0441) looks like the BBC and is another domain.
    let url = "https://www.bb\u{441}.co.uk/news";
    let mut data = embedded();
    data["sources"][0]["url"] = json!(url);
    let (code, out) = check(&data);
    assert_eq!(code, 1, "{out}");
    let checked = check_url(url).expect("a valid URL");
    assert_eq!(checked.host, "www.xn--bb-pmc.co.uk");
    assert!(checked.host_is_rewritten());
    assert!(
        out.contains("is opened as www.xn--bb-pmc.co.uk"),
        "the message names the real host: {out}"
    );
    assert_eq!(checked.url.as_str(), "https://www.xn--bb-pmc.co.uk/news");

    // The same host written in punycode says what it opens, and passes.
    data["sources"][0]["url"] = json!("https://www.xn--bb-pmc.co.uk/news");
    assert!(problems_of(&data).is_empty());
}

#[test]
fn links_that_say_what_they_open_still_pass() {
    for url in [
        "https://example.org/",
        "HTTPS://EXAMPLE.ORG/",
        "https://example.org:8443/a?b=c#d",
        "http://127.0.0.1:8080/",
        "https://example.org/%E2%80%AE-escaped-in-the-path-is-text",
        "https://ja.wikipedia.org/wiki/%E8%AD%A6%E5%AF%9F",
    ] {
        let mut data = embedded();
        data["sources"][0]["url"] = json!(url);
        assert!(problems_of(&data).is_empty(), "{url}");
        assert!(is_openable(url), "{url}");
    }
}

// --------------------------------------------------------------------------------- free text

#[test]
fn bidi_and_zero_width_characters_in_free_text_are_refused_saying_why() {
    let cases: &[(&str, &[&str], &str)] = &[
        ("stations/0/status/0/text", &["status[0].text"], "\u{202e}"),
        ("stations/0/notes/0/text", &["notes[0].text"], "\u{200b}"),
        ("stations/0/cover", &["cover"], "\u{2067}"),
        ("stations/0/city", &["city"], "\u{feff}"),
        ("reports/0/title", &["title"], "\u{202b}"),
        ("sources/0/title", &["title"], "\u{2060}"),
        ("countries/0/notes/0/text", &["notes[0].text"], "\u{202d}"),
        ("countries/0/name", &["name"], "\u{200c}"),
        (
            "global/critiques/0/text",
            &["critiques[0].text"],
            "\u{2066}",
        ),
        (
            "global/disagreements/0/versions/0/claim",
            &["disagreements[0].versions[0].claim"],
            "\u{202a}",
        ),
        (
            "global/china_position/0/text",
            &["china_position[0].text"],
            "\u{200d}",
        ),
        ("meta/caveats/0", &["caveats[0]"], "\u{2069}"),
        ("meta/description", &["description"], "\u{1b}[2J"),
    ];
    for &(pointer, fields, bad) in cases {
        let mut data = embedded();
        let slot = data
            .pointer_mut(&format!("/{pointer}"))
            .unwrap_or_else(|| panic!("{pointer} exists"));
        let text = slot.as_str().expect("a text").to_owned();
        *slot = json!(format!("Looks normal {bad}but is not {text}"));
        let (code, out) = check(&data);
        assert_eq!(code, 1, "{pointer}: accepted:\n{out}");
        assert!(!has_hidden_characters(&out), "{pointer}: {out:?}");
        assert!(!out.contains('\u{1b}'), "{pointer}: {out:?}");
        let problems = problems_of(&data);
        let problem = problems
            .iter()
            .find(|p| fields.contains(&p.field.as_str()))
            .unwrap_or_else(|| panic!("{pointer}: no problem on {fields:?}: {problems:?}"));
        assert!(
            problem
                .message
                .contains("contains the control or invisible formatting character"),
            "{problem}"
        );
        let why = if bad.starts_with('\u{1b}') {
            "control character"
        } else if matches!(
            bad,
            "\u{200b}" | "\u{200c}" | "\u{200d}" | "\u{2060}" | "\u{feff}"
        ) {
            "zero-width"
        } else {
            "bidirectional"
        };
        assert!(problem.message.contains(why), "{pointer}: {problem}");
    }
}

#[test]
fn line_breaks_in_free_text_are_allowed() {
    let mut data = embedded();
    data["stations"][0]["notes"][0]["text"] = json!("First line.\nSecond line.\tTabbed.");
    data["global"]["critiques"][0]["text"] = json!("One.\n\nTwo.");
    assert!(problems_of(&data).is_empty());
}

// ------------------------------------------------------------------------------ include cycles

fn report_ids(data: &Value) -> Vec<String> {
    data["reports"]
        .as_array()
        .expect("reports")
        .iter()
        .map(|r| r["id"].as_str().expect("id").to_owned())
        .collect()
}

/// Stations counted for each report, computed here independently: a station counts for a report
/// if it is listed in the report or in any report reachable through `includes`.
fn placed_by_walking(file: &DataFile) -> Vec<(String, usize)> {
    file.reports
        .iter()
        .map(|report| {
            let mut family = HashSet::new();
            let mut todo = VecDeque::from([report.id.as_str()]);
            while let Some(id) = todo.pop_front() {
                if family.insert(id) {
                    for r in file.reports.iter().filter(|r| r.id == id) {
                        todo.extend(r.includes.iter().map(String::as_str));
                    }
                }
            }
            let placed = file
                .stations
                .iter()
                .filter(|s| s.listed_in.iter().any(|r| family.contains(r.as_str())))
                .count();
            (report.id.clone(), placed)
        })
        .collect()
}

#[test]
fn placed_counts_of_the_valid_file_are_unchanged() {
    let (_, file) = parse(&embedded());
    let expected = placed_by_walking(&file);
    let set = DataSet::new(file, DataSource::Embedded);
    assert_eq!(set.stations_per_report("sd-110-overseas"), 53);
    for (id, placed) in expected {
        assert_eq!(set.stations_per_report(&id), placed, "{id}");
        let family = set.report_family(&id);
        let distinct: HashSet<&&str> = family.iter().collect();
        assert_eq!(distinct.len(), family.len(), "{id}: {family:?}");
    }
}

#[test]
fn two_reports_including_each_other_are_refused_naming_the_cycle() {
    let mut data = embedded();
    let ids = report_ids(&data);
    // reports[1] already includes reports[0]; closing the loop made reports[0] count 84.
    assert_eq!(data["reports"][1]["includes"], json!([ids[0]]));
    data["reports"][0]["includes"] = json!([ids[1]]);
    let (code, out) = check(&data);
    assert_eq!(code, 1, "{out}");
    let cycle = format!("{:?} includes {:?} includes {:?}", ids[0], ids[1], ids[0]);
    assert!(
        out.contains(&format!(
            "{}: includes: reports include each other in a cycle: {cycle}",
            ids[0]
        )),
        "{out}"
    );
    let problems = problems_of(&data);
    assert_eq!(
        problems
            .iter()
            .filter(|p| p.message.contains("in a cycle"))
            .count(),
        1,
        "one problem per cycle: {problems:?}"
    );

    // Counting stays finite and counts every station at most once per report.
    let (_, file) = parse(&data);
    let expected = placed_by_walking(&file);
    let stations = file.stations.len();
    let set = DataSet::new(file, DataSource::Embedded);
    for (id, placed) in expected {
        assert_eq!(set.stations_per_report(&id), placed, "{id}");
        assert!(placed <= stations);
    }
    let family = set.report_family(&ids[0]);
    assert_eq!(family.len(), 2, "{family:?}");
}

#[test]
fn three_reports_in_a_cycle_are_refused_naming_the_cycle() {
    let mut data = embedded();
    let ids = report_ids(&data);
    assert!(ids.len() >= 5);
    data["reports"][2]["includes"] = json!([ids[3]]);
    data["reports"][3]["includes"] = json!([ids[4]]);
    data["reports"][4]["includes"] = json!([ids[2]]);
    let (code, out) = check(&data);
    assert_eq!(code, 1, "{out}");
    let cycle = format!(
        "{:?} includes {:?} includes {:?} includes {:?}",
        ids[2], ids[3], ids[4], ids[2]
    );
    assert!(
        out.contains(&format!(
            "{}: includes: reports include each other in a cycle: {cycle}",
            ids[2]
        )),
        "{out}"
    );
    let (_, file) = parse(&data);
    let expected = placed_by_walking(&file);
    let set = DataSet::new(file, DataSource::Embedded);
    for (id, placed) in expected {
        assert_eq!(set.stations_per_report(&id), placed, "{id}");
    }
    assert_eq!(set.report_family(&ids[3]).len(), 3);
}

#[test]
fn a_chain_without_a_loop_is_not_a_cycle() {
    let mut data = embedded();
    let ids = report_ids(&data);
    data["reports"][2]["includes"] = json!([ids[3]]);
    data["reports"][3]["includes"] = json!([ids[4]]);
    data["reports"][5]["includes"] = json!([ids[3], ids[4]]);
    assert!(problems_of(&data).is_empty());
}

#[test]
fn a_long_inclusion_loop_is_found_without_deep_recursion() {
    // 20,000 reports in one loop: found by an iterative walk, reported once.
    let mut data = embedded();
    let template = data["reports"][2].clone();
    let n = 20_000;
    let reports = data["reports"].as_array_mut().expect("reports");
    for i in 0..n {
        let mut report = template.clone();
        report["id"] = json!(format!("loop-{i}"));
        report["includes"] = json!([format!("loop-{}", (i + 1) % n)]);
        reports.push(report);
    }
    let problems = problems_of(&data);
    let cycles: Vec<&Problem> = problems
        .iter()
        .filter(|p| p.message.contains("in a cycle"))
        .collect();
    assert_eq!(cycles.len(), 1, "{problems:?}");
    assert_eq!(cycles[0].record, "loop-0");
}

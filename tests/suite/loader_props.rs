//! Property tests of the loader and the validator on hostile input: JSON shaped like the data
//! format (a small valid file, then fields dropped, retyped, duplicated, replaced by extreme
//! numbers, NaN-like strings, huge or deep values and random Unicode), and raw bytes.
//!
//! Whatever the input: no panic; a parse error carries a line and column inside the text; every
//! validation problem carries a line, column and field; a file that passes validation can be
//! indexed and summarised.
//!
//! CI runs proptest's default number of cases (256 per property, a few seconds). For a long run:
//! `PROPTEST_CASES=400000 cargo test --release --test loader_props`.
//! Failures are saved to `tests/regressions/loader_props.txt` and replayed first on every run.

use std::sync::OnceLock;

use overseas_stations::data::{
    DataSet, DataSource, EMBEDDED_DATA, LoadError, parse_date, parse_str, validate,
};
use overseas_stations::geo::Outlines;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::{Map, Value, json};

fn outlines() -> &'static Outlines {
    static OUTLINES: OnceLock<Outlines> = OnceLock::new();
    OUTLINES.get_or_init(|| Outlines::embedded().expect("embedded outlines"))
}

/// A small valid data file made from the embedded one: its first report, two stations and the
/// sources they cite. Small, so that a million cases run in minutes.
fn base() -> &'static Value {
    static BASE: OnceLock<Value> = OnceLock::new();
    BASE.get_or_init(|| {
        let full: Value = serde_json::from_str(EMBEDDED_DATA).expect("embedded data is JSON");
        let stations: Vec<Value> = full["stations"]
            .as_array()
            .expect("stations")
            .iter()
            .filter(|s| s["listed_in"] == json!(["sd-110-overseas"]))
            .take(2)
            .cloned()
            .collect();
        let mut cited: Vec<Value> = Vec::new();
        collect_source_ids(&Value::Array(stations.clone()), &mut cited);
        let report = full["reports"]
            .as_array()
            .expect("reports")
            .iter()
            .find(|r| r["id"] == "sd-110-overseas")
            .cloned()
            .expect("report");
        let mut report = report;
        report["includes"] = json!([]);
        report["revisions"] = json!([]);
        collect_source_ids(&report, &mut cited);
        let sources: Vec<Value> = full["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .filter(|s| cited.contains(&s["id"]))
            .cloned()
            .collect();
        let doc = json!({
            "meta": full["meta"],
            "reports": [report],
            "sources": sources,
            "stations": stations,
            "countries": [],
            "global": {},
        });
        let data = serde_json::from_value(doc.clone()).expect("base parses");
        let problems = validate(&data, None, outlines());
        assert!(problems.is_empty(), "base must be valid: {problems:?}");
        doc
    })
}

fn collect_source_ids(value: &Value, out: &mut Vec<Value>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if key == "sources"
                    && let Value::Array(ids) = v
                {
                    out.extend(ids.iter().cloned());
                } else {
                    collect_source_ids(v, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_source_ids(v, out)),
        _ => {}
    }
}

/// Strings that are likely to upset a loader: NaN-like, dates at the edges, schemes, markup,
/// control and formatting characters, ids of the base file.
const NASTY_STRINGS: &[&str] = &[
    "",
    " ",
    "NaN",
    "-Infinity",
    "Infinity",
    "1e999",
    "null",
    "n.d.",
    "0000",
    "2022-02-29",
    "2024-02-29",
    "9999-12-31",
    "2022-13-01",
    "2022-1",
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "https://",
    "https://example.org/a b",
    "https://example.org/",
    "<b>bold</b>",
    "[link](javascript:alert(1))",
    "$(rm -rf ~)",
    "\u{1b}[31m",
    "\u{202e}evil",
    "\u{feff}",
    "\0",
    "ES",
    "XX",
    "es",
    "sd-110-overseas",
    "reported",
    "Fuzhou PSB",
    "city",
    "\"id\": \"",
    "é\u{301}",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
];

fn nasty_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!(0)),
        Just(json!(-0.0)),
        Just(json!(90.0)),
        Just(json!(-90.0)),
        Just(json!(180.0)),
        Just(json!(-180.0)),
        Just(json!(90.000_000_1)),
        Just(json!(-180.000_000_1)),
        Just(json!(f64::MAX)),
        Just(json!(f64::MIN)),
        Just(json!(f64::MIN_POSITIVE)),
        Just(json!(5e-324)),
        Just(json!(i64::MIN)),
        Just(json!(u64::MAX)),
        Just(json!(u32::MAX)),
        Just(json!(-1)),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<i64>().prop_map(Value::from),
    ]
}

fn random_string() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(NASTY_STRINGS).prop_map(str::to_owned),
        prop::collection::vec(any::<char>(), 0..12).prop_map(String::from_iter),
        // Long strings, not so long that a million cases take hours.
        (any::<char>(), 1_000usize..20_000).prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        nasty_number(),
        random_string().prop_map(Value::String),
    ]
}

fn random_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((random_string(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// One change to the document, applied at the `at`-th node in pre-order (modulo the node count).
#[derive(Clone, Debug)]
enum Mutation {
    /// Replace the node by another value.
    Replace(usize, Value),
    /// Replace a string by another string, a number by another number (so that the file still
    /// parses and the validator sees the change).
    SameKind(usize, String, Value),
    /// Drop an object field or array item.
    Remove(usize),
    /// Duplicate an array item, or copy a field's value to a neighbouring field.
    Duplicate(usize),
    /// Add a field (maybe unknown, maybe a known one).
    Insert(usize, String, Value),
    /// Wrap the node in `depth` arrays.
    Nest(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let known_key = prop::sample::select(
        &[
            "id",
            "sources",
            "url",
            "lat",
            "lon",
            "location",
            "country",
            "date",
            "status",
            "listed_in",
            "stations",
            "meta",
            "precision",
            "headline",
            "includes",
            "versions",
        ][..],
    )
    .prop_map(str::to_owned);
    prop_oneof![
        3 => (any::<usize>(), random_value()).prop_map(|(at, v)| Mutation::Replace(at, v)),
        5 => (any::<usize>(), random_string(), nasty_number())
            .prop_map(|(at, s, n)| Mutation::SameKind(at, s, n)),
        3 => any::<usize>().prop_map(Mutation::Remove),
        2 => any::<usize>().prop_map(Mutation::Duplicate),
        2 => (any::<usize>(), prop_oneof![known_key, random_string()], random_value())
            .prop_map(|(at, k, v)| Mutation::Insert(at, k, v)),
        1 => (any::<usize>(), prop_oneof![1usize..8, 100usize..200])
            .prop_map(|(at, d)| Mutation::Nest(at, d)),
    ]
}

fn count_nodes(value: &Value) -> usize {
    1 + match value {
        Value::Array(items) => items.iter().map(count_nodes).sum(),
        Value::Object(map) => map.values().map(count_nodes).sum(),
        _ => 0,
    }
}

/// The `at`-th node in pre-order (modulo the number of nodes).
fn node_mut(value: &mut Value, at: usize) -> &mut Value {
    let mut at = at % count_nodes(value);
    let mut stack: Vec<&mut Value> = vec![value];
    while let Some(node) = stack.pop() {
        if at == 0 {
            return node;
        }
        at -= 1;
        match node {
            Value::Array(items) => stack.extend(items.iter_mut().rev()),
            Value::Object(map) => {
                let values: Vec<&mut Value> = map.values_mut().collect();
                stack.extend(values.into_iter().rev());
            }
            _ => {}
        }
    }
    unreachable!("the index is below the number of nodes")
}

fn apply(doc: &mut Value, mutation: &Mutation) {
    match mutation {
        Mutation::Replace(at, v) => *node_mut(doc, *at) = v.clone(),
        Mutation::SameKind(at, text, number) => match node_mut(doc, *at) {
            Value::String(s) => *s = text.clone(),
            node @ Value::Number(_) if number.is_number() => *node = number.clone(),
            _ => {}
        },
        Mutation::Remove(at) => match node_mut(doc, *at) {
            Value::Array(items) if !items.is_empty() => {
                let i = at % items.len();
                items.remove(i);
            }
            Value::Object(map) if !map.is_empty() => {
                let key = map.keys().nth(at % map.len()).cloned().unwrap_or_default();
                map.remove(&key);
            }
            _ => {}
        },
        Mutation::Duplicate(at) => match node_mut(doc, *at) {
            Value::Array(items) if !items.is_empty() => {
                let item = items[at % items.len()].clone();
                items.push(item);
            }
            Value::Object(map) if map.len() >= 2 => {
                let keys: Vec<String> = map.keys().cloned().collect();
                let from = map[&keys[at % keys.len()]].clone();
                map.insert(keys[(at + 1) % keys.len()].clone(), from);
            }
            _ => {}
        },
        Mutation::Insert(at, key, v) => {
            if let Value::Object(map) = node_mut(doc, *at) {
                map.insert(key.clone(), v.clone());
            }
        }
        Mutation::Nest(at, depth) => {
            let node = node_mut(doc, *at);
            let mut v = node.take();
            for _ in 0..*depth {
                v = Value::Array(vec![v]);
            }
            *node = v;
        }
    }
}

/// A change to the serialised text.
#[derive(Clone, Debug)]
enum TextEdit {
    /// Cut the text at a position.
    Truncate(usize),
    /// Insert bytes at a position (the result is read as UTF-8, lossily).
    Splice(usize, Vec<u8>),
    /// Add a UTF-8 byte order mark, or whitespace, in front.
    Prefix(String),
}

fn text_edit() -> impl Strategy<Value = TextEdit> {
    prop_oneof![
        any::<usize>().prop_map(TextEdit::Truncate),
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, b)| TextEdit::Splice(at, b)),
        prop::sample::select(&["\u{feff}", " \n\t", "\u{a0}"][..])
            .prop_map(|s| TextEdit::Prefix(s.to_owned())),
    ]
}

fn edit_text(text: &str, edit: &TextEdit) -> String {
    let mut bytes = text.as_bytes().to_vec();
    match edit {
        TextEdit::Truncate(at) => bytes.truncate(at % (bytes.len() + 1)),
        TextEdit::Splice(at, extra) => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, extra.iter().copied());
        }
        TextEdit::Prefix(prefix) => {
            bytes.splice(0..0, prefix.bytes());
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Parses and validates `text` as the app does, checking that every outcome is well formed.
fn check_text(text: &str) {
    match parse_str(text, "fuzz.json") {
        Err(LoadError::Empty { .. }) => assert!(text.trim().is_empty()),
        Err(LoadError::Json {
            line,
            column,
            message,
            ..
        }) => {
            let lines = text.split('\n').count();
            assert!(
                line >= 1 && line <= lines,
                "line {line} outside 1..={lines}: {message}"
            );
            assert!(column <= text.len() + 1, "column {column}: {message}");
            assert!(!message.is_empty());
        }
        Err(other) => panic!("parse_str cannot fail with {other:?}"),
        Ok(data) => {
            let problems = validate(&data, Some(text), outlines());
            let lines = text.split('\n').count();
            for p in &problems {
                assert!(p.line >= 1 && p.line <= lines, "{p:?}");
                assert!(p.column >= 1, "{p:?}");
                assert!(!p.field.is_empty(), "{p:?}");
                assert!(!p.message.is_empty(), "{p:?}");
                assert!(
                    !p.record.chars().any(char::is_control),
                    "record printed raw: {p:?}"
                );
            }
            // Without the text, the same problems, without positions.
            let blind = validate(&data, None, outlines());
            assert_eq!(blind.len(), problems.len());
            if problems.is_empty() {
                // What the app does with an accepted file.
                let set = DataSet::new(data, DataSource::File("fuzz.json".into()));
                let summary = overseas_stations::cli::summary(&set);
                assert!(summary.contains("stations in"));
                assert!(!summary.contains('\u{1b}'), "escape code in summary");
            }
        }
    }
}

fn mutated_text(mutations: &[Mutation], pretty: bool, edit: Option<&TextEdit>) -> String {
    let mut doc = base().clone();
    for m in mutations {
        apply(&mut doc, m);
    }
    let text = if pretty {
        serde_json::to_string_pretty(&doc)
    } else {
        serde_json::to_string(&doc)
    }
    .expect("a Value always serialises");
    match edit {
        Some(e) => edit_text(&text, e),
        None => text,
    }
}

/// How the mutated documents fare: how many parse, and how many of those validate. Not a check,
/// a measure of how deep the fuzzing reaches:
/// `cargo test --release --test loader_props -- --ignored --nocapture`.
#[test]
#[ignore = "prints statistics of the generated documents; run by hand"]
fn mutation_outcomes() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let strategy = (
        prop::collection::vec(mutation(), 0..4),
        any::<bool>(),
        prop::option::weighted(0.3, text_edit()),
    );
    let mut runner = TestRunner::new(config());
    let (mut parsed, mut valid, total) = (0, 0, 20_000);
    for _ in 0..total {
        let (mutations, pretty, edit) = strategy.new_tree(&mut runner).expect("a case").current();
        let text = mutated_text(&mutations, pretty, edit.as_ref());
        if let Ok(data) = parse_str(&text, "x.json") {
            parsed += 1;
            if validate(&data, None, outlines()).is_empty() {
                valid += 1;
            }
        }
    }
    eprintln!("{total} documents: {parsed} parse, {valid} of them validate");
}

fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/regressions/loader_props.txt",
        ))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// The small valid file with up to four structural changes, serialised compactly or
    /// pretty-printed, maybe with its text edited too.
    #[test]
    fn mutated_documents_never_panic(
        mutations in prop::collection::vec(mutation(), 0..4),
        pretty in any::<bool>(),
        edit in prop::option::weighted(0.3, text_edit()),
    ) {
        check_text(&mutated_text(&mutations, pretty, edit.as_ref()));
    }

    /// Arbitrary bytes, read the way `load_file` reads them.
    #[test]
    fn raw_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            check_text(text);
        }
        check_text(&String::from_utf8_lossy(&bytes));
    }

    /// Arbitrary JSON values (not shaped like the format at all).
    #[test]
    fn arbitrary_json_never_panics(value in random_value()) {
        check_text(&value.to_string());
    }

    /// Dates: never a panic, and what parses prints back as it was written.
    #[test]
    fn dates_parse_or_are_refused(text in prop_oneof![
        prop::collection::vec(prop::sample::select(&['0', '1', '2', '9', '-', '3', 'x'][..]), 0..12)
            .prop_map(String::from_iter),
        prop::collection::vec(any::<char>(), 0..12).prop_map(String::from_iter),
    ]) {
        if let Some(date) = parse_date(&text) {
            prop_assert_eq!(date.to_string(), text);
            let (y, m, d) = date.latest_day();
            prop_assert!(y == date.year && (1..=12).contains(&m) && (1..=31).contains(&d));
        }
    }
}

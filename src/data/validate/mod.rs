//! Checks a parsed data file against the rules of `docs/data-format.md`.
//!
//! Every problem names the record and field and says how to fix it; when the file's text is
//! given, it also carries the line and column of the record in that text.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::dates::parse_date;
use super::load::{is_unsafe_char, shorten};
use super::model::{DataFile, Report};
use super::url_rule::{UrlProblem, check_url};
use super::{ACTOR_KINDS, BUREAUS, STATUSES};

/// How far (km) a station may lie outside its country's outline: coastlines are generalised and
/// some coordinates are city centres on the coast.
pub const MAX_KM_OUTSIDE_COUNTRY: f64 = 25.0;

/// Longest record id and message kept in a [`Problem`]; longer ones (values quoted from a hostile
/// file can be megabytes long) are shortened in the middle.
const MAX_RECORD_CHARS: usize = 120;
const MAX_MESSAGE_CHARS: usize = 600;

/// Source kinds allowed in `sources[].kind`.
pub const SOURCE_KINDS: [&str; 8] = [
    "report",
    "government",
    "parliament",
    "court",
    "news",
    "repost",
    "blog",
    "other",
];

/// What validation needs to know about countries; implemented by the outlines in `geo`.
pub trait CountryLookup {
    /// Whether an ISO 3166-1 alpha-2 code has an outline.
    fn is_known(&self, iso2: &str) -> bool;
    /// Distance in km from a point to the country's outline (0 inside), if the country is known.
    fn distance_km(&self, iso2: &str, lon: f64, lat: f64) -> Option<f64>;
}

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

pub(super) struct Checker<'a> {
    text: Option<&'a str>,
    problems: Vec<Problem>,
    source_ids: HashSet<&'a str>,
    referenced: HashSet<&'a str>,
    /// Built on first use: where records and lines start in `text`, so that locating a problem
    /// costs the same in a file of a million records as in a small one.
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

impl<'a> Checker<'a> {
    /// A checker over `text` (for line and column), with no problems yet.
    pub(super) fn new(text: Option<&'a str>) -> Self {
        Checker {
            text,
            problems: Vec::new(),
            source_ids: HashSet::new(),
            referenced: HashSet::new(),
            index: None,
        }
    }

    /// What was reported, in file order.
    pub(super) fn into_problems(mut self) -> Vec<Problem> {
        self.problems.sort_by_key(|p| (p.line, p.column));
        self.problems
    }

    pub(super) fn report(&mut self, key: &str, record: &str, field: &str, message: String) {
        self.report_nth(key, record, 0, field, message);
    }

    /// Like [`Self::report`], for the `nth` (0-based) record with this id (duplicates).
    fn report_nth(&mut self, key: &str, record: &str, nth: usize, field: &str, message: String) {
        let (line, column) = self.locate(key, record, nth, field);
        self.problems.push(Problem {
            line,
            column,
            record: shorten(&plain_text(record), MAX_RECORD_CHARS),
            field: field.to_owned(),
            message: shorten(&message, MAX_MESSAGE_CHARS),
        });
    }

    /// Finds the `nth` `"key": "record"` in the text, then the field's first path segment after
    /// it within the same record; returns the 1-based line and column of that key.
    fn locate(&mut self, key: &str, record: &str, nth: usize, field: &str) -> (usize, usize) {
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

    fn sources(&mut self, key: &str, record: &str, field: &str, ids: &'a [String], required: bool) {
        if required && ids.is_empty() {
            self.report(
                key,
                record,
                field,
                "no source given; every claim needs at least one source id".to_owned(),
            );
        }
        for id in ids {
            self.referenced.insert(id.as_str());
            if !self.source_ids.contains(id.as_str()) {
                self.report(
                    key,
                    record,
                    field,
                    format!("source id {id:?} does not exist; add it to \"sources\" or fix the id"),
                );
            }
        }
    }

    /// Reports a one-line text (id, title, name) that holds a control or invisible formatting
    /// character: ids and titles are printed by `check` and shown in lists, and must read the
    /// same everywhere.
    fn plain(&mut self, key: &str, record: &str, field: &str, value: &str) {
        self.hidden_characters(key, record, field, value, false);
    }

    /// Reports free text (a note, a claim, a statement) that holds an invisible formatting or
    /// control character; line breaks and tabs are allowed.
    fn text(&mut self, key: &str, record: &str, field: &str, value: &str) {
        self.hidden_characters(key, record, field, value, true);
    }

    fn hidden_characters(
        &mut self,
        key: &str,
        record: &str,
        field: &str,
        value: &str,
        allow_breaks: bool,
    ) {
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
            key,
            record,
            field,
            format!(
                "contains the control or invisible formatting character {} ({why}); remove it",
                bad.escape_unicode()
            ),
        );
    }

    fn date(&mut self, key: &str, record: &str, field: &str, date: &str, allow_empty: bool) {
        if (allow_empty && date.is_empty()) || parse_date(date).is_some() {
            return;
        }
        self.report(
            key,
            record,
            field,
            format!(
                "{date:?} is not a valid date; use YYYY-MM-DD, YYYY-MM or YYYY (mark estimates with \"date_approximate\": true)"
            ),
        );
    }
}

/// A record id as it may be printed: control, bidirectional-override and other invisible format
/// characters are escaped (`\u{1b}`), so that a hostile id cannot drive a terminal or reorder the
/// text around it.
fn plain_text(text: &str) -> String {
    super::load::escape_unsafe(text)
}

/// What is wrong with a source URL under the link opener's rule ([`check_url`]), if anything.
/// A host written differently from the host that is opened (Unicode look-alike letters, escapes,
/// numeric short forms) is refused here although the app can open it: the file must show the
/// reader the site it links to.
fn url_problem(url: &str) -> Option<String> {
    const RULE: &str = "only http and https links are allowed, with a host written as it is opened, no user name or password, and no spaces, backslashes, control, bidi or zero-width characters";
    match check_url(url) {
        Err(problem) => {
            let fix = match problem {
                UrlProblem::Credentials { .. } => "; remove everything up to and including \"@\"",
                _ => "",
            };
            Some(format!("{url:?} is refused: {problem}{fix}; {RULE}"))
        }
        Ok(checked) if checked.host_is_rewritten() => Some(format!(
            "{url:?} is refused: its host {:?} is opened as {} (letters from another script, full-width letters, escapes or a numeric short form can imitate another site); write the host as {}; {RULE}",
            checked.written_host, checked.host, checked.host
        )),
        Ok(_) => None,
    }
}

/// 1-based line and column (in bytes) of a byte offset, given where each line starts.
fn line_col(line_starts: &[usize], offset: usize) -> (usize, usize) {
    let line = line_starts.partition_point(|&start| start <= offset).max(1);
    let start = line_starts.get(line - 1).copied().unwrap_or(0);
    (line, offset.saturating_sub(start) + 1)
}

/// Checks every rule and returns every problem found (empty when the file is valid).
pub fn validate(
    data: &DataFile,
    text: Option<&str>,
    countries: &dyn CountryLookup,
) -> Vec<Problem> {
    let mut c = Checker::new(text);

    if parse_date(&data.meta.as_of).is_none() {
        c.report(
            "meta",
            "meta",
            "as_of",
            format!("{:?} is not a valid date; use YYYY-MM-DD", data.meta.as_of),
        );
    }

    c.plain("meta", "meta", "title", &data.meta.title);
    c.text("meta", "meta", "description", &data.meta.description);
    for (i, caveat) in data.meta.caveats.iter().enumerate() {
        c.text("meta", "meta", &format!("caveats[{i}]"), caveat);
    }
    for (i, entry) in data.meta.changelog.iter().enumerate() {
        c.text(
            "meta",
            "meta",
            &format!("changelog[{i}].summary"),
            &entry.summary,
        );
    }
    check_sources(&mut c, data);
    let report_ids = check_reports(&mut c, data);
    check_stations(&mut c, data, &report_ids, countries);
    check_countries(&mut c, data, &report_ids, countries);
    check_global(&mut c, data);

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
    c.into_problems()
}

fn check_sources<'a>(c: &mut Checker<'a>, data: &'a DataFile) {
    let mut seen = HashSet::new();
    for source in &data.sources {
        if !seen.insert(source.id.as_str()) {
            c.report(
                "id",
                &source.id,
                "id",
                "duplicate source id; ids must be unique".to_owned(),
            );
        }
        c.source_ids.insert(source.id.as_str());
        c.plain("id", &source.id, "id", &source.id);
        c.plain("id", &source.id, "publisher", &source.publisher);
        if source.publisher.trim().is_empty() {
            c.report(
                "id",
                &source.id,
                "publisher",
                "publisher is empty".to_owned(),
            );
        }
        c.plain("id", &source.id, "title", &source.title);
        if let Some(of) = &source.repost_of {
            c.plain("id", &source.id, "repost_of", of);
        }
        if source.url.trim().is_empty() {
            c.report("id", &source.id, "url", "url is empty".to_owned());
        } else if let Some(message) = url_problem(&source.url) {
            c.report("id", &source.id, "url", message);
        }
        if source.date != "n.d." {
            c.date("id", &source.id, "date", &source.date, false);
        }
        if !SOURCE_KINDS.contains(&source.kind.as_str()) {
            c.report(
                "id",
                &source.id,
                "kind",
                format!(
                    "{:?} is not a source kind; use one of {}",
                    source.kind,
                    SOURCE_KINDS.join(", ")
                ),
            );
        }
    }
}

fn check_reports<'a>(c: &mut Checker<'a>, data: &'a DataFile) -> HashSet<&'a str> {
    let mut ids = HashSet::new();
    let all: HashSet<&str> = data.reports.iter().map(|r| r.id.as_str()).collect();
    for cycle in include_cycles(&data.reports) {
        let Some(&first) = cycle.first() else {
            continue;
        };
        let names: Vec<String> = cycle
            .iter()
            .chain(std::iter::once(&first))
            .map(|&i| format!("{:?}", data.reports[i].id))
            .collect();
        c.report(
            "id",
            &data.reports[first].id,
            "includes",
            format!(
                "reports include each other in a cycle: {}; each would count the others' stations, so the placed counts would be wrong; remove the inclusion that is not true (a report includes an earlier report whose stations its figure also counts)",
                names.join(" includes ")
            ),
        );
    }
    for report in &data.reports {
        for included in &report.includes {
            if !all.contains(included.as_str()) || included == &report.id {
                c.report(
                    "id",
                    &report.id,
                    "includes",
                    format!("{included:?} is not the id of another report"),
                );
            }
        }
        if !ids.insert(report.id.as_str()) {
            c.report(
                "id",
                &report.id,
                "id",
                "duplicate report id; ids must be unique".to_owned(),
            );
        }
        c.plain("id", &report.id, "id", &report.id);
        c.plain("id", &report.id, "title", &report.title);
        c.plain("id", &report.id, "short_title", &report.short_title);
        c.plain("id", &report.id, "publisher", &report.publisher);
        c.date("id", &report.id, "date", &report.date, false);
        c.sources("id", &report.id, "sources", &report.sources, true);
        for (i, revision) in report.revisions.iter().enumerate() {
            c.date(
                "id",
                &report.id,
                &format!("revisions[{i}].date"),
                &revision.date,
                false,
            );
            c.text(
                "id",
                &report.id,
                &format!("revisions[{i}].note"),
                &revision.note,
            );
            c.sources(
                "id",
                &report.id,
                &format!("revisions[{i}].sources"),
                &revision.sources,
                true,
            );
        }
        for (i, note) in report.notes.iter().enumerate() {
            c.text("id", &report.id, &format!("notes[{i}].text"), &note.text);
            c.sources(
                "id",
                &report.id,
                &format!("notes[{i}].sources"),
                &note.sources,
                true,
            );
        }
        if let Some(headline) = &report.headline {
            c.text("id", &report.id, "headline.text", &headline.text);
            c.sources(
                "id",
                &report.id,
                "headline.sources",
                &headline.sources,
                true,
            );
        }
    }
    ids
}

fn check_stations<'a>(
    c: &mut Checker<'a>,
    data: &'a DataFile,
    report_ids: &HashSet<&str>,
    countries: &dyn CountryLookup,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for station in &data.stations {
        let id = station.id.as_str();
        let count = seen.entry(id).or_insert(0);
        *count += 1;
        if *count > 1 {
            // Point at this copy, not the first.
            let nth = *count - 1;
            c.report_nth(
                "id",
                id,
                nth,
                "id",
                "duplicate station id; ids must be unique".to_owned(),
            );
        }
        c.plain("id", id, "id", id);
        c.plain("id", id, "city", &station.city);
        c.text("id", id, "cover", &station.cover);
        if let Some(note) = &station.bureau_note {
            c.text("id", id, "bureau_note", note);
        }
        c.text("id", id, "location.note", &station.location.note);
        if let Some(gazetteer) = &station.location.gazetteer {
            c.plain("id", id, "location.gazetteer.name", &gazetteer.name);
            if let Some(why) = &gazetteer.why_none {
                c.text("id", id, "location.gazetteer.why_none", why);
            }
        }
        let known = countries.is_known(&station.country);
        if !known {
            c.report(
                "id",
                id,
                "country",
                format!(
                    "{:?} is not an ISO 3166-1 alpha-2 code of the country outlines; use e.g. \"ES\"",
                    station.country
                ),
            );
        }
        let (lat, lon) = (station.location.lat, station.location.lon);
        let lat_ok = lat.is_finite() && (-90.0..=90.0).contains(&lat);
        let lon_ok = lon.is_finite() && (-180.0..=180.0).contains(&lon);
        if !lat_ok {
            c.report(
                "id",
                id,
                "location.lat",
                format!("{lat} is not a latitude; use degrees in -90..=90"),
            );
        }
        if !lon_ok {
            c.report(
                "id",
                id,
                "location.lon",
                format!("{lon} is not a longitude; use degrees in -180..=180"),
            );
        }
        if lat_ok
            && lon_ok
            && known
            && let Some(km) = countries.distance_km(&station.country, lon, lat)
            && km > MAX_KM_OUTSIDE_COUNTRY
        {
            c.report(
                "id",
                id,
                "location",
                format!(
                    "({lat}, {lon}) lies {km:.0} km outside {}; check the coordinates (lat, lon order?) or the country code",
                    station.country
                ),
            );
        }
        if !BUREAUS.contains(&station.bureau.as_str()) {
            c.report(
                "id",
                id,
                "bureau",
                format!(
                    "{:?} is not a known bureau; use one of {} and put qualifiers in \"bureau_note\"",
                    station.bureau,
                    BUREAUS.join(", ")
                ),
            );
        }
        for report in &station.listed_in {
            if !report_ids.contains(report.as_str()) {
                c.report(
                    "id",
                    id,
                    "listed_in",
                    format!(
                        "report id {report:?} does not exist; add it to \"reports\" or fix the id"
                    ),
                );
            }
        }
        c.date("id", id, "first_reported", &station.first_reported, false);
        c.sources("id", id, "sources", &station.sources, true);
        for (i, note) in station.notes.iter().enumerate() {
            c.text("id", id, &format!("notes[{i}].text"), &note.text);
            c.sources(
                "id",
                id,
                &format!("notes[{i}].sources"),
                &note.sources,
                true,
            );
        }
        for (i, event) in station.status.iter().enumerate() {
            c.date("id", id, &format!("status[{i}].date"), &event.date, false);
            c.text("id", id, &format!("status[{i}].text"), &event.text);
            if !STATUSES.contains(&event.status.as_str()) {
                c.report(
                    "id",
                    id,
                    &format!("status[{i}].status"),
                    format!(
                        "{:?} is not a known status; use one of {}",
                        event.status,
                        STATUSES.join(", ")
                    ),
                );
            }
            check_claimant(
                c,
                "id",
                id,
                &format!("status[{i}]"),
                event.claimed_by.as_ref(),
            );
            c.sources(
                "id",
                id,
                &format!("status[{i}].sources"),
                &event.sources,
                true,
            );
        }
    }
}

fn check_countries<'a>(
    c: &mut Checker<'a>,
    data: &'a DataFile,
    report_ids: &HashSet<&str>,
    countries: &dyn CountryLookup,
) {
    let station_ids: HashSet<&str> = data.stations.iter().map(|s| s.id.as_str()).collect();
    let mut seen = HashSet::new();
    for record in &data.countries {
        let iso = record.iso2.as_str();
        if !seen.insert(iso) {
            c.report(
                "iso2",
                iso,
                "iso2",
                "duplicate country record; merge the two".to_owned(),
            );
        }
        c.plain("iso2", iso, "name", &record.name);
        if !countries.is_known(iso) {
            c.report(
                "iso2",
                iso,
                "iso2",
                format!("{iso:?} is not an ISO 3166-1 alpha-2 code of the country outlines"),
            );
        }
        for (i, count) in record.report_counts.iter().enumerate() {
            c.text(
                "iso2",
                iso,
                &format!("report_counts[{i}].text"),
                &count.text,
            );
            if !report_ids.contains(count.report.as_str()) {
                c.report(
                    "iso2",
                    iso,
                    &format!("report_counts[{i}].report"),
                    format!("report id {:?} does not exist", count.report),
                );
            }
            c.sources(
                "iso2",
                iso,
                &format!("report_counts[{i}].sources"),
                &count.sources,
                true,
            );
        }
        for (i, response) in record.responses.iter().enumerate() {
            c.plain(
                "iso2",
                iso,
                &format!("responses[{i}].actor"),
                &response.actor,
            );
            c.text("iso2", iso, &format!("responses[{i}].text"), &response.text);
            c.date(
                "iso2",
                iso,
                &format!("responses[{i}].date"),
                &response.date,
                false,
            );
            if !STATUSES.contains(&response.action.as_str()) {
                c.report(
                    "iso2",
                    iso,
                    &format!("responses[{i}].action"),
                    format!(
                        "{:?} is not a known action; use one of {}",
                        response.action,
                        STATUSES.join(", ")
                    ),
                );
            }
            check_claimant(
                c,
                "iso2",
                iso,
                &format!("responses[{i}]"),
                response.claimed_by.as_ref(),
            );
            c.sources(
                "iso2",
                iso,
                &format!("responses[{i}].sources"),
                &response.sources,
                true,
            );
        }
        for (i, statement) in record.china_position.iter().enumerate() {
            check_statement(c, "iso2", iso, &format!("china_position[{i}]"), statement);
            c.date(
                "iso2",
                iso,
                &format!("china_position[{i}].date"),
                &statement.date,
                true,
            );
            c.sources(
                "iso2",
                iso,
                &format!("china_position[{i}].sources"),
                &statement.sources,
                true,
            );
        }
        for (i, note) in record.notes.iter().enumerate() {
            c.text("iso2", iso, &format!("notes[{i}].text"), &note.text);
            c.sources(
                "iso2",
                iso,
                &format!("notes[{i}].sources"),
                &note.sources,
                true,
            );
        }
        for (i, gap) in record.gaps.iter().enumerate() {
            c.text("iso2", iso, &format!("gaps[{i}].text"), &gap.text);
            c.sources(
                "iso2",
                iso,
                &format!("gaps[{i}].sources"),
                &gap.sources,
                true,
            );
        }
        c.date("iso2", iso, "last_checked", &record.last_checked, true);
        for (i, disagreement) in record.disagreements.iter().enumerate() {
            check_disagreement(c, "iso2", iso, &format!("disagreements[{i}]"), disagreement);
            for station in &disagreement.station_ids {
                if !station_ids.contains(station.as_str()) {
                    c.report(
                        "iso2",
                        iso,
                        &format!("disagreements[{i}].station_ids"),
                        format!("station id {station:?} does not exist"),
                    );
                }
            }
        }
    }
}

/// An unknown actor kind is an error (like an unknown status); a missing claimant is only a
/// warning (see `evidence`), so that files from before `claimed_by` still load.
fn check_claimant(
    c: &mut Checker<'_>,
    key: &str,
    record: &str,
    field: &str,
    claimant: Option<&super::model::Claimant>,
) {
    let Some(claimant) = claimant else {
        return;
    };
    if !ACTOR_KINDS.contains(&claimant.kind.as_str()) {
        c.report(
            key,
            record,
            &format!("{field}.claimed_by.kind"),
            format!(
                "{:?} is not an actor kind; use one of {}",
                claimant.kind,
                ACTOR_KINDS.join(", ")
            ),
        );
    }
    if claimant.actor.trim().is_empty() {
        c.report(
            key,
            record,
            &format!("{field}.claimed_by.actor"),
            "actor is empty; name who makes the claim".to_owned(),
        );
    }
    c.plain(
        key,
        record,
        &format!("{field}.claimed_by.actor"),
        &claimant.actor,
    );
}

fn check_disagreement<'a>(
    c: &mut Checker<'a>,
    key: &str,
    record: &str,
    field: &str,
    disagreement: &'a super::model::Disagreement,
) {
    if disagreement.versions.len() < 2 {
        c.report(
            key,
            record,
            &format!("{field}.versions"),
            "a disagreement needs at least two versions".to_owned(),
        );
    }
    c.text(key, record, &format!("{field}.topic"), &disagreement.topic);
    for (j, version) in disagreement.versions.iter().enumerate() {
        c.text(
            key,
            record,
            &format!("{field}.versions[{j}].claim"),
            &version.claim,
        );
        c.sources(
            key,
            record,
            &format!("{field}.versions[{j}].sources"),
            &version.sources,
            true,
        );
    }
}

fn check_global<'a>(c: &mut Checker<'a>, data: &'a DataFile) {
    let global = &data.global;
    for (i, statement) in global.china_position.iter().enumerate() {
        check_statement(
            c,
            "global",
            "global",
            &format!("china_position[{i}]"),
            statement,
        );
        c.date(
            "global",
            "global",
            &format!("china_position[{i}].date"),
            &statement.date,
            true,
        );
        c.sources(
            "global",
            "global",
            &format!("china_position[{i}].sources"),
            &statement.sources,
            true,
        );
    }
    for (i, note) in global.critiques.iter().enumerate() {
        c.text(
            "global",
            "global",
            &format!("critiques[{i}].text"),
            &note.text,
        );
        c.sources(
            "global",
            "global",
            &format!("critiques[{i}].sources"),
            &note.sources,
            true,
        );
    }
    for (i, note) in global.gaps.iter().enumerate() {
        c.text("global", "global", &format!("gaps[{i}].text"), &note.text);
        c.sources(
            "global",
            "global",
            &format!("gaps[{i}].sources"),
            &note.sources,
            true,
        );
    }
    for (i, disagreement) in global.disagreements.iter().enumerate() {
        check_disagreement(
            c,
            "global",
            "global",
            &format!("disagreements[{i}]"),
            disagreement,
        );
    }
}

/// The actor and text of a statement: free text shown in the side panel.
fn check_statement(
    c: &mut Checker<'_>,
    key: &str,
    record: &str,
    field: &str,
    statement: &super::model::Statement,
) {
    c.plain(key, record, &format!("{field}.actor"), &statement.actor);
    c.text(key, record, &format!("{field}.text"), &statement.text);
}

/// Every cycle of two or more reports in `reports[].includes`, one per group of reports that
/// reach each other (a strongly connected component), as report indexes in inclusion order:
/// `[a, b, c]` means a includes b, b includes c and c includes a. The cycle starts at the group's
/// first report in file order. Self-inclusion is reported on its own; unknown ids are skipped.
/// Linear in reports and inclusions, so a hostile file with long chains costs no more than a
/// pass over it.
fn include_cycles(reports: &[Report]) -> Vec<Vec<usize>> {
    let mut by_id: HashMap<&str, usize> = HashMap::with_capacity(reports.len());
    for (i, report) in reports.iter().enumerate() {
        by_id.entry(report.id.as_str()).or_insert(i);
    }
    let edges: Vec<Vec<usize>> = reports
        .iter()
        .enumerate()
        .map(|(i, report)| {
            report
                .includes
                .iter()
                .filter_map(|id| by_id.get(id.as_str()).copied())
                .filter(|&j| j != i)
                .collect()
        })
        .collect();
    strongly_connected(&edges)
        .into_iter()
        .filter(|group| group.len() >= 2)
        .filter_map(|group| cycle_through_first(&edges, &group))
        .collect()
}

/// Tarjan's strongly connected components, iterative (a chain of a million inclusions must not
/// overflow the stack).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut lowlink = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut groups = Vec::new();
    let mut next = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, next edge to follow)
        let mut calls = vec![(root, 0)];
        index[root] = next;
        lowlink[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&(v, edge)) = calls.last() {
            if let Some(&w) = edges[v].get(edge) {
                if let Some(top) = calls.last_mut() {
                    top.1 += 1;
                }
                if index[w] == UNSEEN {
                    index[w] = next;
                    lowlink[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    lowlink[v] = lowlink[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                lowlink[parent] = lowlink[parent].min(lowlink[v]);
            }
            if lowlink[v] == index[v] {
                let mut group = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    group.push(w);
                    if w == v {
                        break;
                    }
                }
                groups.push(group);
            }
        }
    }
    groups
}

/// A shortest cycle inside `group` through its first report in file order (breadth-first).
fn cycle_through_first(edges: &[Vec<usize>], group: &[usize]) -> Option<Vec<usize>> {
    let start = group.iter().copied().min()?;
    let in_group: HashSet<usize> = group.iter().copied().collect();
    let mut parent: HashMap<usize, usize> = HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &w in &edges[v] {
            if w == start {
                let mut cycle = vec![v];
                let mut at = v;
                while at != start {
                    at = *parent.get(&at)?;
                    cycle.push(at);
                }
                cycle.reverse();
                return Some(cycle);
            }
            if in_group.contains(&w) && !parent.contains_key(&w) {
                parent.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    None
}

//! Export of the shown stations: CSV for spreadsheets, GeoJSON for GIS tools, or a complete data
//! file (JSON) in the format of `docs/data-format.md`. The columns and properties are documented in
//! `docs/export-formats.md`.
//!
//! Exports are built in memory and returned as bytes; writing them (atomically) is up to the
//! caller, e.g. [`crate::write_atomically`].

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use serde::ser::SerializeMap as _;

use super::citation::format_source;
use super::dataset::DataSet;
use super::filter::{Filters, Listing};
use super::model::{DataFile, Station};

/// The formats the shown stations can be exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values (RFC 4180, UTF-8 with a byte order mark), one row per station.
    #[value(name = "csv")]
    Csv,
    /// A GeoJSON (RFC 7946) FeatureCollection, one Point feature per station.
    #[value(name = "geojson")]
    GeoJson,
    /// A complete data file in the app's own format, which the app and `check` read back.
    #[value(name = "json")]
    Json,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [Self; 3] = [Self::Csv, Self::GeoJson, Self::Json];

    /// The name used on the command line: `csv`, `geojson` or `json`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::GeoJson => "geojson",
            Self::Json => "json",
        }
    }

    /// The usual file extension, without the dot (the same as [`Self::name`]).
    pub fn extension(self) -> &'static str {
        self.name()
    }

    /// A label for menus and file dialogs.
    pub fn label(self) -> &'static str {
        match self {
            Self::Csv => "CSV (spreadsheet)",
            Self::GeoJson => "GeoJSON (GIS)",
            Self::Json => "JSON (data file)",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ExportFormat {
    type Err = String;

    /// Parses `csv`, `geojson` or `json` (any case).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| format!("{text:?} is not an export format; use csv, geojson or json"))
    }
}

/// The CSV columns, in order. The GeoJSON properties are the same minus `lat` and `lon` (which are
/// the Point's coordinates). Documented in `docs/export-formats.md`.
pub const EXPORT_COLUMNS: [&str; 22] = [
    "id",
    "country",
    "country_name",
    "city",
    "lat",
    "lon",
    "precision",
    "premises_reported",
    "location_note",
    "bureau",
    "bureau_note",
    "listed_in",
    "first_reported",
    "cover",
    "current_status",
    "current_status_claimed_by",
    "current_status_date",
    "uncertain",
    "weakly_sourced",
    "notes",
    "sources",
    "source_urls",
];

/// Exports the stations at `shown` (indices into [`DataSet::stations`], e.g. from
/// [`Filters::shown_indices`]; order and duplicates do not matter, stations keep the file's
/// order). `current_status` is the latest status in the data.
///
/// For [`ExportFormat::Json`] the result is a complete data file: see [`subset_file`] for what it
/// keeps.
pub fn export(data: &DataSet, shown: &[usize], format: ExportFormat) -> Result<Vec<u8>, String> {
    export_impl(data, shown, format, &Filters::default(), None)
}

/// Exports the stations that `filters` show; `current_status` is the status as known on the
/// filters' date (the timeline), and a JSON export records the filters in its caveats.
pub fn export_filtered(
    data: &DataSet,
    filters: &Filters,
    format: ExportFormat,
) -> Result<Vec<u8>, String> {
    let shown = filters.shown_indices(data);
    let described = describe_filters(filters);
    export_impl(data, &shown, format, filters, Some(described))
}

fn export_impl(
    data: &DataSet,
    shown: &[usize],
    format: ExportFormat,
    filters: &Filters,
    described: Option<String>,
) -> Result<Vec<u8>, String> {
    let indices = checked_indices(data, shown)?;
    match format {
        ExportFormat::Json => {
            let file = subset_file(data, &indices, described.as_deref());
            let mut bytes = serde_json::to_vec_pretty(&file)
                .map_err(|err| format!("cannot write the data file: {err}"))?;
            bytes.push(b'\n');
            Ok(bytes)
        }
        ExportFormat::Csv => csv_bytes(data, &indices, filters),
        ExportFormat::GeoJson => geojson_bytes(data, &indices, filters),
    }
}

/// The indices sorted, without duplicates, all in range.
fn checked_indices(data: &DataSet, shown: &[usize]) -> Result<Vec<usize>, String> {
    let mut indices = shown.to_vec();
    indices.sort_unstable();
    indices.dedup();
    let total = data.stations().len();
    if let Some(&bad) = indices.iter().find(|&&i| i >= total) {
        return Err(format!(
            "station index {bad} is out of range: the data set has {total} stations"
        ));
    }
    Ok(indices)
}

/// A complete data file holding the stations at `indices` (sorted, in range).
///
/// - `meta`, `reports`, `countries` and `global` are kept whole: they describe the publications
///   and the countries' responses, which stay true whatever is selected.
/// - `sources` keeps, in the file's order, exactly the sources cited by what is kept, so sources
///   cited only by left-out stations are left out (the file stays valid: no unreferenced source).
/// - In a subset, a country disagreement's `station_ids` keeps only the kept stations; a
///   disagreement that concerned only left-out stations is left out. A caveat is added to
///   `meta.caveats` saying that the file is a selection (and by which filters, when known).
///
/// With every station selected the file equals the input (for a valid input).
pub fn subset_file(data: &DataSet, indices: &[usize], filters_described: Option<&str>) -> DataFile {
    let all = &data.file;
    let stations: Vec<Station> = indices
        .iter()
        .filter_map(|&i| all.stations.get(i).cloned())
        .collect();
    let mut file = DataFile {
        meta: all.meta.clone(),
        reports: all.reports.clone(),
        sources: Vec::new(),
        stations,
        countries: all.countries.clone(),
        global: all.global.clone(),
    };
    if file.stations.len() != all.stations.len() {
        let kept: HashSet<&str> = file.stations.iter().map(|s| s.id.as_str()).collect();
        for record in &mut file.countries {
            record.disagreements.retain_mut(|d| {
                if d.station_ids.is_empty() {
                    return true;
                }
                d.station_ids.retain(|id| kept.contains(id.as_str()));
                !d.station_ids.is_empty()
            });
        }
        let selection = match filters_described {
            Some(text) if !text.is_empty() => format!("selected by {text}"),
            _ => "selected in overseas-stations".to_owned(),
        };
        file.meta.caveats.push(format!(
            "This file is an export of {} of the {} stations of data set v{} ({selection}). \
             Reports, country records and global statements are kept whole; sources cited only \
             by the stations left out are left out.",
            file.stations.len(),
            all.stations.len(),
            all.meta.version
        ));
    }
    let cited = cited_source_ids(&file);
    file.sources = all
        .sources
        .iter()
        .filter(|s| cited.contains(s.id.as_str()))
        .cloned()
        .collect();
    file
}

/// Every source id cited anywhere in a data file.
fn cited_source_ids(file: &DataFile) -> HashSet<&str> {
    let mut ids: HashSet<&str> = HashSet::new();
    let mut lists: Vec<&[String]> = Vec::new();
    for report in &file.reports {
        lists.push(&report.sources);
        lists.extend(report.revisions.iter().map(|r| r.sources.as_slice()));
        lists.extend(report.notes.iter().map(|n| n.sources.as_slice()));
        if let Some(h) = &report.headline {
            lists.push(&h.sources);
        }
    }
    for station in &file.stations {
        lists.extend(station_source_lists(station));
    }
    for record in &file.countries {
        lists.extend(record.report_counts.iter().map(|c| c.sources.as_slice()));
        lists.extend(record.responses.iter().map(|r| r.sources.as_slice()));
        lists.extend(record.china_position.iter().map(|s| s.sources.as_slice()));
        lists.extend(record.notes.iter().map(|n| n.sources.as_slice()));
        lists.extend(record.gaps.iter().map(|n| n.sources.as_slice()));
        for d in &record.disagreements {
            lists.extend(d.versions.iter().map(|v| v.sources.as_slice()));
        }
    }
    let global = &file.global;
    lists.extend(global.china_position.iter().map(|s| s.sources.as_slice()));
    lists.extend(global.critiques.iter().map(|n| n.sources.as_slice()));
    lists.extend(global.gaps.iter().map(|n| n.sources.as_slice()));
    for d in &global.disagreements {
        lists.extend(d.versions.iter().map(|v| v.sources.as_slice()));
    }
    for list in lists {
        ids.extend(list.iter().map(String::as_str));
    }
    ids
}

/// The source lists of a station: its own, then its notes', then its status entries'.
fn station_source_lists(station: &Station) -> Vec<&[String]> {
    std::iter::once(station.sources.as_slice())
        .chain(station.notes.iter().map(|n| n.sources.as_slice()))
        .chain(station.status.iter().map(|e| e.sources.as_slice()))
        .collect()
}

/// Every source id a station cites (its own, its notes', its status entries'), first citation
/// first, without duplicates.
pub fn station_source_ids(station: &Station) -> Vec<&str> {
    let mut seen = HashSet::new();
    station_source_lists(station)
        .into_iter()
        .flatten()
        .map(String::as_str)
        .filter(|id| seen.insert(*id))
        .collect()
}

/// The filters in words, e.g. `bureau Nantong PSB; status closed or conviction; as of 2023-01`;
/// empty when no filter is set.
pub fn describe_filters(filters: &Filters) -> String {
    let mut parts = Vec::new();
    let join = |items: Vec<String>| items.join(" or ");
    if !filters.bureaus.is_empty() {
        parts.push(format!(
            "bureau {}",
            join(filters.bureaus.iter().cloned().collect())
        ));
    }
    if !filters.listings.is_empty() {
        parts.push(format!(
            "first listing {}",
            join(
                filters
                    .listings
                    .iter()
                    .map(|l| listing_name(*l).to_owned())
                    .collect()
            )
        ));
    }
    if !filters.statuses.is_empty() {
        parts.push(format!(
            "status {}",
            join(
                filters
                    .statuses
                    .iter()
                    .map(|s| super::status_label(s).to_owned())
                    .collect()
            )
        ));
    }
    if !filters.precisions.is_empty() {
        parts.push(format!(
            "location precision {}",
            join(
                filters
                    .precisions
                    .iter()
                    .map(|p| p.label().to_owned())
                    .collect()
            )
        ));
    }
    if !filters.sourcing.is_empty() {
        parts.push(format!(
            "sourcing {}",
            join(
                filters
                    .sourcing
                    .iter()
                    .map(|s| s.label().to_owned())
                    .collect()
            )
        ));
    }
    if let Some(date) = filters.as_of {
        parts.push(format!("as of {date}"));
    }
    parts.join("; ")
}

/// The command-line name of a listing: `110-overseas`, `patrol-and-persuade` or `other`.
pub fn listing_name(listing: Listing) -> &'static str {
    match listing {
        Listing::Overseas110 => "110-overseas",
        Listing::PatrolAndPersuade => "patrol-and-persuade",
        Listing::Other => "other",
    }
}

/// The value of one column for one station.
#[derive(Clone, Debug, PartialEq)]
enum Cell {
    Text(String),
    Number(f64),
    Bool(bool),
}

impl Cell {
    /// The cell as CSV text: text made safe for spreadsheets by [`spreadsheet_safe_text`];
    /// numbers and booleans as they are (a negative longitude stays a number).
    fn csv_text(&self) -> String {
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
fn spreadsheet_safe_text(text: &str) -> String {
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
fn starts_formula(c: char) -> bool {
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
fn splits_cells(c: char) -> bool {
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
fn is_skipped_by_spreadsheets(c: char) -> bool {
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

/// The columns of [`EXPORT_COLUMNS`] for one station.
fn row(data: &DataSet, station: &Station, filters: &Filters) -> Vec<(&'static str, Cell)> {
    let text = |s: &str| Cell::Text(s.to_owned());
    let country_name = data
        .country_record(&station.country)
        .map_or("", |c| c.name.as_str());
    let status = filters.status_of(station);
    let source_ids = station_source_ids(station);
    let citations: Vec<String> = source_ids
        .iter()
        .map(|id| {
            data.source(id)
                .map_or_else(|| format!("[unknown source {id}]"), format_source)
        })
        .collect();
    let urls: Vec<&str> = source_ids
        .iter()
        .filter_map(|id| data.source(id).map(|s| s.url.as_str()))
        .collect();
    let notes: Vec<&str> = station.notes.iter().map(|n| n.text.as_str()).collect();
    vec![
        ("id", text(&station.id)),
        ("country", text(&station.country)),
        ("country_name", text(country_name)),
        ("city", text(&station.city)),
        ("lat", Cell::Number(station.location.lat)),
        ("lon", Cell::Number(station.location.lon)),
        ("precision", text(station.location.precision.name())),
        (
            "premises_reported",
            Cell::Bool(station.location.premises_reported),
        ),
        ("location_note", text(&station.location.note)),
        ("bureau", text(&station.bureau)),
        (
            "bureau_note",
            text(station.bureau_note.as_deref().unwrap_or_default()),
        ),
        ("listed_in", text(&station.listed_in.join("; "))),
        ("first_reported", text(&station.first_reported)),
        ("cover", text(&station.cover)),
        (
            "current_status",
            text(status.map_or("", |e| e.effective_status())),
        ),
        (
            "current_status_claimed_by",
            text(
                &status
                    .and_then(|e| e.claimed_by.as_ref())
                    .map_or_else(String::new, |c| {
                        format!("{} ({})", c.actor, super::actor_kind_label(&c.kind))
                    }),
            ),
        ),
        (
            "current_status_date",
            text(status.map_or("", |e| e.date.as_str())),
        ),
        ("uncertain", Cell::Bool(station.uncertain)),
        ("weakly_sourced", Cell::Bool(data.station_is_weak(station))),
        ("notes", text(&notes.join(" | "))),
        ("sources", text(&citations.join(" | "))),
        ("source_urls", text(&urls.join("; "))),
    ]
}

/// UTF-8 byte order mark: Excel only reads a CSV file as UTF-8 when it starts with one.
const BOM: &[u8] = b"\xEF\xBB\xBF";

fn csv_bytes(data: &DataSet, indices: &[usize], filters: &Filters) -> Result<Vec<u8>, String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        // Every text field quoted, as OWASP advises: a spreadsheet that splits lines on `;` keeps
        // the `;` of a quoted field inside it. Numbers are left bare so that they stay numbers.
        .quote_style(csv::QuoteStyle::NonNumeric)
        .from_writer(BOM.to_vec());
    let fail = |err: csv::Error| format!("cannot write the CSV: {err}");
    writer.write_record(EXPORT_COLUMNS).map_err(fail)?;
    for &i in indices {
        let cells = row(data, &data.stations()[i], filters);
        writer
            .write_record(cells.iter().map(|(_, cell)| cell.csv_text()))
            .map_err(fail)?;
    }
    writer
        .into_inner()
        .map_err(|err| format!("cannot write the CSV: {}", err.error()))
}

/// A GeoJSON feature's properties: the row without `lat` and `lon`, in column order.
struct Properties(Vec<(&'static str, Cell)>);

impl Serialize for Properties {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct Feature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    geometry: Point,
    properties: Properties,
}

#[derive(Serialize)]
struct Point {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: [f64; 2],
}

#[derive(Serialize)]
struct FeatureCollection<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    /// A foreign member (RFC 7946 §6.1): where the data comes from.
    metadata: Metadata<'a>,
    features: Vec<Feature<'a>>,
}

#[derive(Serialize)]
struct Metadata<'a> {
    title: &'a str,
    version: &'a str,
    as_of: &'a str,
    license: &'a str,
    filters: String,
}

fn geojson_bytes(data: &DataSet, indices: &[usize], filters: &Filters) -> Result<Vec<u8>, String> {
    let mut features = Vec::with_capacity(indices.len());
    for &i in indices {
        let station = &data.stations()[i];
        let (lon, lat) = (station.location.lon, station.location.lat);
        if !(lon.is_finite() && lat.is_finite()) {
            return Err(format!(
                "station {}: its coordinates ({lat}, {lon}) are not numbers; fix the data file",
                station.id
            ));
        }
        let mut cells = row(data, station, filters);
        cells.retain(|(key, _)| *key != "lat" && *key != "lon");
        features.push(Feature {
            kind: "Feature",
            id: &station.id,
            geometry: Point {
                kind: "Point",
                coordinates: [lon, lat],
            },
            properties: Properties(cells),
        });
    }
    let meta = &data.file.meta;
    let collection = FeatureCollection {
        kind: "FeatureCollection",
        metadata: Metadata {
            title: &meta.title,
            version: &meta.version,
            as_of: &meta.as_of,
            license: &meta.license,
            filters: describe_filters(filters),
        },
        features,
    };
    let mut bytes = serde_json::to_vec_pretty(&collection)
        .map_err(|err| format!("cannot write the GeoJSON: {err}"))?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_parse_and_print() {
        for format in ExportFormat::ALL {
            assert_eq!(format.name().parse::<ExportFormat>(), Ok(format));
            assert_eq!(format.to_string(), format.name());
        }
        assert_eq!("GeoJSON".parse::<ExportFormat>(), Ok(ExportFormat::GeoJson));
        assert!("xml".parse::<ExportFormat>().unwrap_err().contains("csv"));
    }

    #[test]
    fn formula_like_text_is_defused_but_numbers_are_not() {
        assert_eq!(
            Cell::Text("=HYPERLINK(1)".into()).csv_text(),
            "'=HYPERLINK(1)"
        );
        assert_eq!(Cell::Number(-3.7038).csv_text(), "-3.7038");
        assert_eq!(Cell::Text("Madrid".into()).csv_text(), "Madrid");
    }

    #[test]
    fn a_formula_after_a_semicolon_comma_or_bar_is_defused_too() {
        let safe = |text: &str| Cell::Text(text.into()).csv_text();
        assert_eq!(
            safe("Madrid;=cmd|' /C calc'!A0;"),
            "Madrid;'=cmd|' /C calc'!A0;"
        );
        assert_eq!(safe("x,=1"), "x,'=1");
        assert_eq!(safe("a | @SUM(1)"), "a | '@SUM(1)");
        assert_eq!(safe("a\u{ff1b}+1"), "a\u{ff1b}'+1");
        assert_eq!(safe("a;\"=1\""), "a;\"'=1\"");
        // Separators followed by ordinary text, and formula characters inside a word, stay.
        assert_eq!(safe("Rome; 2022-09, Lazio"), "Rome; 2022-09, Lazio");
        assert_eq!(safe("a=b+c"), "a=b+c");
    }

    #[test]
    fn spaces_and_invisible_characters_do_not_hide_a_formula() {
        let safe = |text: &str| Cell::Text(text.into()).csv_text();
        assert_eq!(safe(" =1+1"), " '=1+1");
        assert_eq!(safe("\u{a0}=1"), "\u{a0}'=1");
        assert_eq!(safe("\u{200b}=1"), "\u{200b}'=1");
        assert_eq!(safe("\u{feff}=1"), "\u{feff}'=1");
        assert_eq!(safe("\u{202e} \u{2060}-1"), "\u{202e} \u{2060}'-1");
        assert_eq!(safe("\u{ff1d}1+1"), "'\u{ff1d}1+1");
        assert_eq!(safe("\u{ff20}SUM(1)"), "'\u{ff20}SUM(1)");
        // A character that is not skipped ends the segment's start.
        assert_eq!(safe("x =1"), "x =1");
    }

    #[test]
    fn control_characters_become_spaces_or_visible_escapes() {
        let safe = |text: &str| Cell::Text(text.into()).csv_text();
        assert_eq!(safe("\t=1"), " '=1");
        assert_eq!(safe("a\r\n=1"), "a '=1");
        assert_eq!(safe("a\nb\rc\u{2028}d"), "a b c d");
        assert_eq!(safe("bell\u{7}\u{1b}[31m"), "bell\\u{7}\\u{1b}[31m");
        assert_eq!(safe("\u{0}=1"), "\\u{0}=1");
        assert_eq!(safe("\u{85}@x"), " '@x");
    }

    #[test]
    fn rows_have_the_documented_columns_in_order() {
        let data = DataSet::new(
            crate::data::parse_str(crate::data::EMBEDDED_DATA, "embedded").unwrap(),
            crate::data::DataSource::Embedded,
        );
        let cells = row(&data, &data.stations()[0], &Filters::default());
        let keys: Vec<&str> = cells.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, EXPORT_COLUMNS);
    }
}

//! Export of the shown stations: CSV for spreadsheets, GeoJSON for GIS tools, or a complete data
//! file (JSON) in the format of `docs/data-format.md`. The columns and properties are documented in
//! `docs/export-formats.md`.
//!
//! Exports are built in memory and returned as bytes; writing them (atomically) is up to the
//! caller, e.g. [`crate::write_atomically`].
//!
//! One file per idea: the rows and formats here, `cell` (a value and how it is made safe for
//! spreadsheets), `csv`, `geojson`, and `subset` (the complete data file of a selection, and the
//! wording of the filters).

mod cell;
mod csv;
mod geojson;
mod subset;

use std::fmt;
use std::str::FromStr;

use super::citation::format_source;
use super::dataset::DataSet;
use super::filter::Filters;
use super::model::Station;

use cell::Cell;
use csv::csv_bytes;
use geojson::geojson_bytes;
pub use subset::{describe_filters, listing_name, station_source_ids, subset_file};

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A station index beyond the data set (a caller's mistake, reported rather than a panic).
    #[error("station index {index} is out of range: the data set has {total} stations")]
    IndexOutOfRange {
        /// The index asked for.
        index: usize,
        /// How many stations there are.
        total: usize,
    },
    /// A station whose coordinates are not numbers cannot be a GeoJSON point.
    #[error("station {id}: its coordinates ({lat}, {lon}) are not numbers; fix the data file")]
    NotANumber {
        /// The station's id.
        id: String,
        /// Its latitude.
        lat: f64,
        /// Its longitude.
        lon: f64,
    },
    /// The CSV writer failed.
    #[error("cannot write the CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// The JSON serialiser failed (data file or GeoJSON).
    #[error("cannot write the {what}: {source}")]
    Json {
        /// "data file" or "GeoJSON".
        what: &'static str,
        /// What serde_json said.
        source: serde_json::Error,
    },
}

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
pub fn export(
    data: &DataSet,
    shown: &[usize],
    format: ExportFormat,
) -> Result<Vec<u8>, ExportError> {
    export_impl(data, shown, format, &Filters::default(), None)
}

/// Exports the stations that `filters` show; `current_status` is the status as known on the
/// filters' date (the timeline), and a JSON export records the filters in its caveats.
pub fn export_filtered(
    data: &DataSet,
    filters: &Filters,
    format: ExportFormat,
) -> Result<Vec<u8>, ExportError> {
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
) -> Result<Vec<u8>, ExportError> {
    let indices = checked_indices(data, shown)?;
    match format {
        ExportFormat::Json => {
            let file = subset_file(data, &indices, described.as_deref());
            let mut bytes =
                serde_json::to_vec_pretty(&file).map_err(|source| ExportError::Json {
                    what: "data file",
                    source,
                })?;
            bytes.push(b'\n');
            Ok(bytes)
        }
        ExportFormat::Csv => csv_bytes(data, &indices, filters),
        ExportFormat::GeoJson => geojson_bytes(data, &indices, filters),
    }
}

/// The indices sorted, without duplicates, all in range.
fn checked_indices(data: &DataSet, shown: &[usize]) -> Result<Vec<usize>, ExportError> {
    let mut indices = shown.to_vec();
    indices.sort_unstable();
    indices.dedup();
    let total = data.stations().len();
    if let Some(&index) = indices.iter().find(|&&i| i >= total) {
        return Err(ExportError::IndexOutOfRange { index, total });
    }
    Ok(indices)
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

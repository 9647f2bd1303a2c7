//! Export and citations: a JSON export loads back to the same data, a filtered export holds
//! exactly the filtered stations and still validates, GeoJSON and CSV are read back by independent
//! crates, the `export` command writes atomically and refuses unknown filter values, and citations
//! number their sources consistently.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::process::Command;

use overseas_stations::cli::{Bureau, ExportArgs, FilterArgs, run_export};
use overseas_stations::data::{
    self, DataFile, DataSet, DataSource, EMBEDDED_DATA, EXPORT_COLUMNS, ExportFormat, Filters,
    Precision, cite_country, cite_station, export, export_filtered, parse_str, station_source_ids,
};
use overseas_stations::geo::Outlines;

fn embedded() -> DataSet {
    DataSet::new(
        parse_str(EMBEDDED_DATA, "embedded").expect("embedded data parses"),
        DataSource::Embedded,
    )
}

fn all_indices(data: &DataSet) -> Vec<usize> {
    (0..data.stations().len()).collect()
}

fn nantong() -> Filters {
    FilterArgs {
        bureaus: vec![Bureau::named("Nantong PSB").expect("a known bureau")],
        ..FilterArgs::default()
    }
    .to_filters()
}

fn ids_of(data: &DataSet, indices: &[usize]) -> Vec<String> {
    indices
        .iter()
        .map(|&i| data.stations()[i].id.clone())
        .collect()
}

fn parse_export(bytes: &[u8]) -> DataFile {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    parse_str(text, "export.json").expect("the export parses as a data file")
}

fn assert_valid(file: &DataFile, text: &str) {
    let outlines = Outlines::embedded().expect("outlines");
    let problems = data::validate(file, Some(text), &outlines);
    assert!(
        problems.is_empty(),
        "{}",
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn a_full_json_export_loads_back_to_the_same_data() {
    let data = embedded();
    let bytes = export(&data, &all_indices(&data), ExportFormat::Json).expect("export");
    let back = parse_export(&bytes);
    assert_eq!(back, data.file, "the round trip lost or changed something");
    assert_valid(&back, std::str::from_utf8(&bytes).expect("UTF-8"));
    // And exporting the loaded copy gives the same bytes.
    let again = DataSet::new(back, DataSource::Embedded);
    assert_eq!(
        export(&again, &all_indices(&again), ExportFormat::Json).expect("export"),
        bytes
    );
    // Order and duplicates of the indices do not matter.
    let mut shuffled: Vec<usize> = all_indices(&data).into_iter().rev().collect();
    shuffled.push(0);
    assert_eq!(
        export(&data, &shuffled, ExportFormat::Json).expect("export"),
        bytes
    );
}

#[test]
fn an_index_out_of_range_is_an_error_not_a_panic() {
    let data = embedded();
    let err = export(&data, &[data.stations().len()], ExportFormat::Csv).unwrap_err();
    assert!(
        matches!(err, overseas_stations::data::ExportError::IndexOutOfRange { index, total } if index == total),
        "{err:?}"
    );
    assert!(err.to_string().contains("out of range"), "{err}");
}

#[test]
fn a_filtered_json_export_holds_exactly_the_filtered_stations_and_validates() {
    let data = embedded();
    let filters = nantong();
    let shown = filters.shown_indices(&data);
    assert!(!shown.is_empty() && shown.len() < data.stations().len());
    let bytes = export_filtered(&data, &filters, ExportFormat::Json).expect("export");
    let back = parse_export(&bytes);
    let ids: Vec<String> = back.stations.iter().map(|s| s.id.clone()).collect();
    assert_eq!(ids, ids_of(&data, &shown));
    assert!(back.stations.iter().all(|s| s.bureau == "Nantong PSB"));
    assert_valid(&back, std::str::from_utf8(&bytes).expect("UTF-8"));
    // Every source a kept station cites is there; sources only left-out stations cite are not.
    let kept: HashSet<&str> = back.sources.iter().map(|s| s.id.as_str()).collect();
    for station in &back.stations {
        for id in station_source_ids(station) {
            assert!(kept.contains(id), "{}: {id} missing", station.id);
        }
    }
    assert!(back.sources.len() < data.file.sources.len());
    // Reports and country records are kept; the caveats say it is a selection.
    assert_eq!(back.reports, data.file.reports);
    assert_eq!(back.countries.len(), data.file.countries.len());
    assert!(
        back.meta
            .caveats
            .last()
            .is_some_and(|c| c.contains("bureau Nantong PSB")),
        "{:?}",
        back.meta.caveats.last()
    );
}

#[test]
fn disagreements_about_left_out_stations_do_not_dangle() {
    let data = embedded();
    // Keep only the stations of a country that its record's disagreement does not name. The
    // embedded data has such a country; without one this test would test nothing.
    let (record, named, shown) = data
        .file
        .countries
        .iter()
        .flat_map(|c| c.disagreements.iter().map(move |d| (c, d)))
        .filter(|(_, d)| !d.station_ids.is_empty())
        .find_map(|(c, d)| {
            let named: HashSet<&str> = d.station_ids.iter().map(String::as_str).collect();
            let shown: Vec<usize> = data
                .stations()
                .iter()
                .enumerate()
                .filter(|(_, s)| s.country == c.iso2 && !named.contains(s.id.as_str()))
                .map(|(i, _)| i)
                .collect();
            (!shown.is_empty()).then_some((c, named, shown))
        })
        .expect("a disagreement naming some but not all stations of its country");
    let bytes = export(&data, &shown, ExportFormat::Json).expect("export");
    let back = parse_export(&bytes);
    // The record is kept, and no disagreement in it names a station left out.
    let kept = back
        .countries
        .iter()
        .find(|c| c.iso2 == record.iso2)
        .expect("the country record is kept");
    for d in &kept.disagreements {
        for id in &d.station_ids {
            assert!(
                !named.contains(id.as_str()),
                "{id} is named but was left out"
            );
        }
    }
    assert_valid(&back, std::str::from_utf8(&bytes).expect("UTF-8"));
}

#[test]
fn geojson_is_read_back_by_the_geojson_crate() {
    let data = embedded();
    let bytes = export(&data, &all_indices(&data), ExportFormat::GeoJson).expect("export");
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let parsed: geojson::GeoJson = text.parse().expect("valid GeoJSON");
    let geojson::GeoJson::FeatureCollection(collection) = parsed else {
        panic!("a FeatureCollection expected");
    };
    assert_eq!(collection.features.len(), data.stations().len());
    for (feature, station) in collection.features.iter().zip(data.stations()) {
        let geometry = feature.geometry.as_ref().expect("a geometry");
        let geojson::GeometryValue::Point { coordinates } = &geometry.value else {
            panic!("{}: a Point expected", station.id);
        };
        // RFC 7946: longitude first.
        assert_eq!(
            coordinates.as_slice(),
            &[station.location.lon, station.location.lat]
        );
        assert_eq!(
            feature.id,
            Some(geojson::feature::Id::String(station.id.clone()))
        );
        assert_eq!(
            feature.property("id").and_then(|v| v.as_str()),
            Some(station.id.as_str())
        );
        assert_eq!(
            feature.property("country").and_then(|v| v.as_str()),
            Some(station.country.as_str())
        );
        assert_eq!(
            feature.property("uncertain").and_then(|v| v.as_bool()),
            Some(station.uncertain)
        );
        let props = feature.properties.as_ref().expect("properties");
        let keys: Vec<&str> = props.keys().map(String::as_str).collect();
        let expected: BTreeSet<&str> = EXPORT_COLUMNS
            .iter()
            .copied()
            .filter(|c| *c != "lat" && *c != "lon")
            .collect();
        assert_eq!(keys.into_iter().collect::<BTreeSet<_>>(), expected);
        // Flat: every property is a string or a boolean.
        assert!(props.values().all(|v| v.is_string() || v.is_boolean()));
        let urls = feature
            .property("source_urls")
            .and_then(|v| v.as_str())
            .expect("source_urls");
        for id in station_source_ids(station) {
            let url = &data.source(id).expect("source").url;
            assert!(urls.contains(url.as_str()), "{}: {url}", station.id);
        }
    }
}

#[test]
fn a_filtered_geojson_export_holds_the_filtered_stations() {
    let data = embedded();
    let filters = nantong();
    let bytes = export_filtered(&data, &filters, ExportFormat::GeoJson).expect("export");
    let parsed: geojson::FeatureCollection = std::str::from_utf8(&bytes)
        .expect("UTF-8")
        .parse()
        .expect("a FeatureCollection");
    let ids: Vec<String> = parsed
        .features
        .iter()
        .map(|f| {
            f.property("id")
                .and_then(|v| v.as_str())
                .expect("id")
                .to_owned()
        })
        .collect();
    assert_eq!(ids, ids_of(&data, &filters.shown_indices(&data)));
}

fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<csv::StringRecord>) {
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "the CSV starts with a UTF-8 byte order mark"
    );
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .collect::<Result<Vec<_>, _>>()
        .expect("valid CSV");
    (header, rows)
}

#[test]
fn csv_is_read_back_by_the_csv_crate_with_one_row_per_station() {
    let data = embedded();
    let filters = nantong();
    for (filters, label) in [(Filters::default(), "all"), (filters, "nantong")] {
        let bytes = export_filtered(&data, &filters, ExportFormat::Csv).expect("export");
        let (header, rows) = read_csv(&bytes);
        assert_eq!(header, EXPORT_COLUMNS, "{label}");
        let shown = filters.shown_indices(&data);
        assert_eq!(rows.len(), shown.len(), "{label}");
        let ids: Vec<String> = rows.iter().map(|r| r[0].to_owned()).collect();
        assert_eq!(ids, ids_of(&data, &shown), "{label}");
        for (row, &i) in rows.iter().zip(&shown) {
            let station = &data.stations()[i];
            assert_eq!(row.len(), EXPORT_COLUMNS.len());
            let lat: f64 = row[4].parse().expect("lat is a number");
            let lon: f64 = row[5].parse().expect("lon is a number");
            assert_eq!((lat, lon), (station.location.lat, station.location.lon));
            assert_eq!(&row[3], station.city.as_str());
        }
    }
}

#[test]
fn commas_quotes_and_newlines_survive_the_csv() {
    let mut file = embedded().file;
    let tricky = "Rua \"Central\", 12\nfloor 3, \"room\" 4; café 北京";
    file.stations[0].cover = tricky.to_owned();
    file.stations[0].bureau_note = Some("a, b\r\nc".to_owned());
    let data = DataSet::new(file, DataSource::Embedded);
    let bytes = export(&data, &all_indices(&data), ExportFormat::Csv).expect("export");
    let (header, rows) = read_csv(&bytes);
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    // Line breaks become one space: no control character reaches a spreadsheet.
    assert_eq!(&rows[0][col("cover")], tricky.replace('\n', " "));
    assert_eq!(&rows[0][col("bureau_note")], "a, b c");
    assert_eq!(rows.len(), data.stations().len());
}

#[test]
fn formula_like_text_is_not_run_by_a_spreadsheet() {
    let mut file = embedded().file;
    file.stations[0].cover = "=HYPERLINK(\"http://evil.example\")".to_owned();
    let data = DataSet::new(file, DataSource::Embedded);
    let bytes = export(&data, &[0], ExportFormat::Csv).expect("export");
    let (header, rows) = read_csv(&bytes);
    let cover = header.iter().position(|h| h == "cover").expect("column");
    assert!(rows[0][cover].starts_with("'="), "{}", &rows[0][cover]);
}

fn export_args(format: ExportFormat, output: Option<&Path>, filters: FilterArgs) -> ExportArgs {
    ExportArgs {
        format,
        output: output.map(Path::to_path_buf),
        filters,
    }
}

#[test]
fn run_export_writes_to_the_writer_or_atomically_to_a_file() {
    let mut out = Vec::new();
    let code = run_export(
        &export_args(ExportFormat::Json, None, FilterArgs::default()),
        None,
        &mut out,
    );
    assert_eq!(code, 0);
    assert_eq!(parse_export(&out), embedded().file);

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("nantong.csv");
    let filters = FilterArgs {
        bureaus: vec![Bureau::named("Nantong PSB").expect("a known bureau")],
        ..FilterArgs::default()
    };
    let mut out = Vec::new();
    let code = run_export(
        &export_args(ExportFormat::Csv, Some(&path), filters),
        None,
        &mut out,
    );
    assert_eq!(code, 0);
    assert!(
        out.is_empty(),
        "nothing on the writer when --output is given"
    );
    let (_, rows) = read_csv(&std::fs::read(&path).expect("written"));
    assert_eq!(rows.len(), nantong().shown_indices(&embedded()).len());
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_overseas-stations"))
}

#[test]
fn the_export_command_writes_a_file_atomically() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("stations.geojson");
    let output = bin()
        .args(["export", "--format", "geojson", "--bureau", "Nantong PSB"])
        .arg("--output")
        .arg(&path)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let n = nantong().shown_indices(&embedded()).len();
    assert!(
        stderr.contains(&format!("wrote {n} stations to {}", path.display())),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
    let text = std::fs::read_to_string(&path).expect("written");
    let parsed: geojson::FeatureCollection = text.parse().expect("GeoJSON");
    assert_eq!(parsed.features.len(), n);
    // Only the file itself is left: the temporary file was renamed onto it.
    let entries: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries, ["stations.geojson"]);

    // A full JSON export through the binary, read back with --data, round-trips.
    let json = dir.path().join("all.json");
    let output = bin()
        .args(["export", "--format", "json", "--output"])
        .arg(&json)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let again = bin()
        .args(["export", "--format", "json", "--data"])
        .arg(&json)
        .output()
        .expect("runs");
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(again.stdout, std::fs::read(&json).expect("written"));
}

#[test]
fn the_export_command_refuses_unknown_filter_values_and_bad_files() {
    let output = bin()
        .args(["export", "--format", "csv", "--bureau", "Beijing PSB"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Refused by clap, like any bad flag value: usage error (2), with the possible values.
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("'Beijing PSB' for '--bureau") && stderr.contains("Nantong PSB"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());

    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{ \"meta\": ").expect("write");
    let output = bin()
        .args(["export", "--format", "csv", "--data"])
        .arg(&bad)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let mut check = Vec::new();
    assert_eq!(
        overseas_stations::cli::run_check(Some(&bad), false, &mut check),
        1
    );
    assert_eq!(stderr.trim(), String::from_utf8_lossy(&check).trim());
}

/// The `[n]` references in a citation's body, and the numbers of its source list.
fn refs_and_list(text: &str) -> (BTreeSet<usize>, Vec<(usize, String)>) {
    let (body, list) = text.split_once("\nSources:\n").expect("a source list");
    let mut refs = BTreeSet::new();
    for part in body.split('[').skip(1) {
        if let Some((n, _)) = part.split_once(']')
            && let Ok(n) = n.parse::<usize>()
        {
            refs.insert(n);
        }
    }
    let listed = list
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix('[')?;
            let (n, source) = rest.split_once("] ")?;
            Some((n.parse().ok()?, source.to_owned()))
        })
        .collect();
    (refs, listed)
}

fn assert_numbering_consistent(text: &str) {
    let (refs, listed) = refs_and_list(text);
    let numbers: Vec<usize> = listed.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        numbers,
        (1..=listed.len()).collect::<Vec<_>>(),
        "numbered 1..N:\n{text}"
    );
    assert_eq!(
        refs,
        numbers.iter().copied().collect(),
        "every listed source is cited and every citation is listed:\n{text}"
    );
    let meta = &embedded().file.meta;
    assert!(
        text.trim_end()
            .lines()
            .last()
            .is_some_and(|l| l.starts_with(&format!(
                "Compiled from overseas-stations data set v{}, as of {}",
                meta.version, meta.as_of
            ))),
        "{text}"
    );
}

#[test]
fn a_station_citation_has_its_facts_and_every_source() {
    let data = embedded();
    for station in data.stations() {
        let name = data
            .country_record(&station.country)
            .map_or(station.country.as_str(), |c| c.name.as_str());
        let text = cite_station(&data, name, station);
        assert!(text.contains(station.city.as_str()), "{text}");
        assert!(text.contains(name), "{text}");
        assert!(text.contains(&station.bureau), "{text}");
        for id in station_source_ids(station) {
            let url = &data.source(id).expect("source").url;
            assert!(text.contains(url.as_str()), "{}: {url}\n{text}", station.id);
        }
        assert_numbering_consistent(&text);
    }
    let dublin = data.station("ie-dublin-1").expect("Dublin");
    let text = cite_station(&data, "Ireland", dublin);
    assert!(text.contains("Dublin, Ireland"), "{text}");
    // The embassy's word that it closed is a closure claimed by the PRC side, and says so.
    assert!(text.contains("closure claimed"), "{text}");
    assert!(text.contains("according to "), "{text}");
}

#[test]
fn a_country_citation_follows_the_filters() {
    let data = embedded();
    let text = cite_country(&data, "ES", "Spain", &Filters::default());
    for station in data.stations_in("ES") {
        assert!(text.contains(station.display_city()), "{text}");
        for id in &station.sources {
            let url = &data.source(id).expect("source").url;
            assert!(text.contains(url.as_str()), "{url}\n{text}");
        }
    }
    if let Some(record) = data.country_record("ES") {
        for response in &record.responses {
            for id in &response.sources {
                let url = &data.source(id).expect("source").url;
                assert!(text.contains(url.as_str()), "{url}\n{text}");
            }
        }
    }
    assert_numbering_consistent(&text);

    // With a filter, only the matching stations are listed and the filter is named.
    let filters = FilterArgs {
        precisions: vec![Precision::Country, Precision::Region],
        ..FilterArgs::default()
    }
    .to_filters();
    for (iso, _) in data.station_counts() {
        let text = cite_country(&data, iso, iso, &filters);
        assert_numbering_consistent(&text);
        assert!(text.contains("location precision"), "{text}");
    }
}

//! Evidence a journalist can cite: who says so, source tiers, checked places (issue 11).
//!
//! The embedded data has no evidence warnings beyond its known, counted gaps; a file without
//! warnings passes `check --strict`; each class of evidence warning is raised by a file that has it
//! and fails `--strict`; the status the app shows never says more than its claimant;
//! `diff` lists what changed and writes the changelog entry.

use std::path::Path;

use overseas_stations::cli::{run_check, run_diff};
use overseas_stations::data::{
    self, Claimant, DataFile, DataSet, DataSource, EMBEDDED_DATA, Filters, Tier, parse_str,
};
use overseas_stations::geo::Outlines;

fn embedded() -> DataFile {
    parse_str(EMBEDDED_DATA, "embedded").expect("embedded data parses")
}

fn warnings_of(data: &DataFile) -> Vec<String> {
    let outlines = Outlines::embedded().expect("outlines");
    let problems = data::validate(data, None, &outlines);
    assert!(problems.is_empty(), "still valid: {problems:?}");
    data::warnings(data, None, &outlines)
        .into_iter()
        .map(|p| format!("{}: {}: {}", p.record, p.field, p.message))
        .collect()
}

fn check(path: Option<&Path>, strict: bool) -> (i32, String) {
    let mut out = Vec::new();
    let code = run_check(path, strict, &mut out);
    (code, String::from_utf8(out).expect("utf-8"))
}

fn write_file(dir: &Path, name: &str, data: &DataFile) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(data).expect("json")).expect("write");
    path
}

/// What the embedded data still lacks, and may not get worse at: pages whose real title no stored
/// copy showed (a bracketed description stands in), and claims for which no original outlet or
/// primary document was found. Lower these as titles and originals are found; never raise them.
const MAX_BRACKETED_TITLES: usize = 70;
const MAX_WEAK_CLAIMS: usize = 23;

#[test]
fn the_embedded_data_has_no_evidence_warnings_beyond_the_known_gaps() {
    let warnings = warnings_of(&embedded());
    let bracketed = warnings
        .iter()
        .filter(|w| w.contains("bracketed description"))
        .count();
    let weak = warnings
        .iter()
        .filter(|w| w.contains("rests only on reposts or aggregators"))
        .count();
    let other: Vec<&String> = warnings
        .iter()
        .filter(|w| {
            !w.contains("bracketed description")
                && !w.contains("rests only on reposts or aggregators")
        })
        .collect();
    assert!(
        other.is_empty(),
        "no claimant, tier, gazetteer or place warnings: {other:#?}"
    );
    assert!(
        bracketed <= MAX_BRACKETED_TITLES,
        "{bracketed} bracketed titles"
    );
    assert!(weak <= MAX_WEAK_CLAIMS, "{weak} weakly sourced claims");
    // No station listing rests only on reposts or aggregators except where noted in the data.
    let set = DataSet::new(embedded(), DataSource::Embedded);
    let weak_stations: Vec<&str> = set
        .stations()
        .iter()
        .filter(|s| set.station_is_weak(s))
        .map(|s| s.id.as_str())
        .collect();
    assert!(weak_stations.is_empty(), "{weak_stations:?}");
    // Without --strict the check passes and counts the warnings; with it, it fails.
    let (code, out) = check(None, false);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!("{} evidence warnings", warnings.len())),
        "{out}"
    );
    let (code, out) = check(None, true);
    assert_eq!(code, i32::from(!warnings.is_empty()), "{out}");
}

#[test]
fn strict_accepts_a_file_without_evidence_warnings() {
    let mut data = embedded();
    for source in &mut data.sources {
        if source.title.starts_with('[') {
            source.title = format!("Title of {}", source.id);
        }
        source.tier = Some(Tier::Original);
    }
    assert!(warnings_of(&data).is_empty(), "{:#?}", warnings_of(&data));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_file(dir.path(), "clean.json", &data);
    let (code, out) = check(Some(&path), true);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 evidence warnings"), "{out}");
}

#[test]
fn every_status_and_response_says_who_claims_it() {
    let data = embedded();
    for station in &data.stations {
        for (i, e) in station.status.iter().enumerate() {
            let c = e.claimed_by.as_ref();
            assert!(
                c.is_some_and(
                    |c| !c.actor.is_empty() && data::ACTOR_KINDS.contains(&c.kind.as_str())
                ),
                "{} status[{i}] has no valid claimant",
                station.id
            );
            assert_eq!(
                e.effective_status(),
                e.status,
                "{} status[{i}]: the data never says more than its claimant",
                station.id
            );
        }
    }
    for record in &data.countries {
        for r in &record.responses {
            let c = r
                .claimed_by
                .as_ref()
                .expect("every response has a claimant");
            assert!(
                data::claimant_allows(&r.action, &c.kind),
                "{}: {}",
                record.iso2,
                r.text
            );
        }
        assert!(
            data::parse_date(&record.last_checked).is_some(),
            "{} says when it was last checked",
            record.iso2
        );
    }
}

#[test]
fn closures_claimed_only_by_the_prc_side_are_not_shown_as_closed() {
    let set = DataSet::new(embedded(), DataSource::Embedded);
    let filters = Filters::default();
    // Belfast: the PRC embassy's blanket claim that "all" stations closed is not a host closure.
    let belfast = set.station("gb-belfast-1").expect("Belfast is in the data");
    assert_eq!(
        belfast.first_reported, "2023-04-19",
        "raised in the Commons (Hansard)"
    );
    let status = filters.status_of(belfast).expect("a status");
    assert_ne!(status.effective_status(), "closed");
    // Tokyo: papers referred to prosecutors are not charges.
    let tokyo = set.station("jp-tokyo-1").expect("Tokyo");
    assert!(
        !tokyo
            .status
            .iter()
            .any(|e| matches!(e.effective_status(), "charges_filed" | "conviction")),
        "no charge or conviction in Tokyo"
    );
    assert!(
        tokyo
            .status
            .iter()
            .any(|e| e.status == "referred_to_prosecutors")
    );
    // Montreal and Brossard: the minister's walked-back remark is disputed, not a closure.
    for id in ["ca-montreal-1", "ca-brossard-1"] {
        let s = set.station(id).expect(id);
        assert!(
            !s.status.iter().any(|e| e.effective_status() == "closed"),
            "{id}"
        );
        assert!(s.status.iter().any(|e| e.status == "disputed"), "{id}");
    }

    // The rule itself: a closure claimed by an embassy is shown as claimed.
    let mut data = embedded();
    let station = data
        .stations
        .iter_mut()
        .find(|s| s.id == "gb-belfast-1")
        .expect("Belfast");
    let last = station.status.last_mut().expect("a status");
    last.status = "closed".to_owned();
    last.claimed_by = Some(Claimant {
        actor: "PRC embassy".to_owned(),
        kind: "prc_official".to_owned(),
    });
    assert_eq!(last.effective_status(), "closure_claimed");
    let set = DataSet::new(data.clone(), DataSource::Embedded);
    let mut closed = Filters::default();
    closed.statuses.insert("closed".to_owned());
    assert!(
        !closed
            .shown_indices(&set)
            .iter()
            .any(|&i| set.stations()[i].id == "gb-belfast-1"),
        "the status filter follows the shown status"
    );
    let warnings = warnings_of(&data);
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("gb-belfast-1") && w.contains("may not claim \"closed\"")),
        "{warnings:#?}"
    );
}

#[test]
fn each_kind_of_weak_evidence_is_a_warning_and_fails_strict() {
    let mut data = embedded();
    // A bracketed title.
    data.sources[0].title = "[a description, not a title]".to_owned();
    // A source without a tier.
    data.sources[1].tier = None;
    // A station resting only on reposts.
    let station_sources = data.stations[2].sources.clone();
    for source in &mut data.sources {
        if station_sources.contains(&source.id) {
            source.tier = Some(Tier::Repost);
        }
    }
    // A status without a claimant, another claimed by someone who may not claim it.
    data.stations[3].status[0].claimed_by = None;
    data.stations[4].status[0].status = "conviction".to_owned();
    data.stations[4].status[0].claimed_by = Some(Claimant {
        actor: "A newspaper".to_owned(),
        kind: "press".to_owned(),
    });
    // A point in the Atlantic off Lisbon (~15 km out: off land, not an error), far from its
    // gazetteer record.
    let lisbon = data
        .stations
        .iter()
        .position(|s| s.id == "pt-lisbon-1")
        .expect("Lisbon");
    data.stations[lisbon].location.lat = 38.72;
    data.stations[lisbon].location.lon = -9.62;
    // A station without a gazetteer record.
    data.stations[6].location.gazetteer = None;

    let warnings = warnings_of(&data);
    let has = |record: &str, field: &str, words: &str| {
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with(&format!("{record}: {field}")) && w.contains(words)),
            "no warning {record}/{field}/{words:?} in {warnings:#?}"
        );
    };
    has(&data.sources[0].id, "title", "bracketed");
    has(&data.sources[1].id, "tier", "no tier");
    has(
        &data.stations[2].id,
        "sources",
        "only on reposts or aggregators",
    );
    has(&data.stations[3].id, "status[0].claimed_by", "no claimant");
    has(
        &data.stations[4].id,
        "status[0].claimed_by",
        "may not claim \"conviction\"",
    );
    has("pt-lisbon-1", "location", "outside PT's outline");
    has("pt-lisbon-1", "location", "from its gazetteer record");
    has(
        &data.stations[6].id,
        "location.gazetteer",
        "no gazetteer record",
    );

    // Without --strict the file is accepted and the warnings are listed; with it, it fails.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_file(dir.path(), "weak.json", &data);
    let (code, out) = check(Some(&path), false);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(": warning: "), "{out}");
    let (code, out) = check(Some(&path), true);
    assert_eq!(code, 1, "--strict fails on warnings:\n{out}");
    assert!(out.contains("--strict"), "{out}");
}

#[test]
fn the_weak_sourcing_filter_selects_the_weakly_sourced_stations() {
    let mut data = embedded();
    let target = data.stations[0].id.clone();
    let ids = data.stations[0].sources.clone();
    for source in &mut data.sources {
        if ids.contains(&source.id) {
            source.tier = Some(Tier::Aggregator);
        }
    }
    let set = DataSet::new(data, DataSource::Embedded);
    let mut weak = Filters::default();
    weak.sourcing.insert(data::Sourcing::Weak);
    let shown: Vec<&str> = weak
        .shown_indices(&set)
        .iter()
        .map(|&i| set.stations()[i].id.as_str())
        .collect();
    assert!(shown.contains(&target.as_str()), "{shown:?}");
    for id in &shown {
        let station = set.station(id).expect("station");
        assert!(set.station_is_weak(station), "{id} is weakly sourced");
    }
    let mut supported = Filters::default();
    supported.sourcing.insert(data::Sourcing::Supported);
    assert_eq!(
        supported.shown_indices(&set).len() + shown.len(),
        set.stations().len()
    );
}

#[test]
fn points_come_from_the_gazetteer_and_lie_on_land() {
    let data = embedded();
    let outlines = Outlines::embedded().expect("outlines");
    use overseas_stations::data::CountryLookup as _;
    for s in &data.stations {
        let g = s
            .location
            .gazetteer
            .as_ref()
            .unwrap_or_else(|| panic!("{} has a gazetteer record", s.id));
        assert!(g.dataset.contains("GeoNames"), "{}", s.id);
        assert!(
            (g.lat - s.location.lat).abs() < 1e-6 && (g.lon - s.location.lon).abs() < 1e-6,
            "{}: the point is the gazetteer record's point",
            s.id
        );
        let km = outlines
            .distance_km(&s.country, s.location.lon, s.location.lat)
            .expect("known country");
        assert!(
            km <= data::MAX_KM_OFF_LAND,
            "{} lies {km:.1} km off land",
            s.id
        );
        // "address" would claim the point is at the premises; no address is geocoded here.
        assert_ne!(s.location.precision, data::Precision::Address, "{}", s.id);
    }
    assert!(
        data.stations.iter().any(|s| s.location.premises_reported),
        "premises are recorded as a fact of their own"
    );
}

#[test]
fn diff_lists_changes_and_writes_the_changelog_entry() {
    let old = embedded();
    let mut new = old.clone();
    new.stations.retain(|s| s.id != "gb-belfast-1");
    new.countries.iter_mut().for_each(|c| {
        c.disagreements
            .retain(|d| !d.station_ids.iter().any(|s| s == "gb-belfast-1"))
    });
    let moved = new
        .stations
        .iter_mut()
        .find(|s| s.id == "es-madrid-1")
        .expect("Madrid");
    moved.location.lat += 0.5;
    if let Some(g) = moved.location.gazetteer.as_mut() {
        g.lat += 0.5;
    }
    // Sources only Belfast cited would be unreferenced: drop them so the file stays valid.
    let outlines = Outlines::embedded().expect("outlines");
    let orphans: Vec<String> = data::validate(&new, None, &outlines)
        .into_iter()
        .filter(|p| p.message.contains("never referenced"))
        .map(|p| p.record)
        .collect();
    new.sources.retain(|s| !orphans.contains(&s.id));
    assert!(data::validate(&new, None, &outlines).is_empty());

    let dir = tempfile::tempdir().expect("temp dir");
    let old_path = write_file(dir.path(), "old.json", &old);
    let new_path = write_file(dir.path(), "new.json", &new);
    let meta_path = dir.path().join("meta.json");
    std::fs::write(
        &meta_path,
        r#"{"meta": {"title": "t", "version": "9", "as_of": "2026-01-01", "changelog": []}}"#,
    )
    .expect("write meta");
    let mut out = Vec::new();
    let code = run_diff(&old_path, &new_path, Some(&meta_path), &mut out);
    let out = String::from_utf8(out).expect("utf-8");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("stations removed (1):\n  gb-belfast-1 (Belfast"),
        "{out}"
    );
    assert!(
        out.contains("stations moved (1):\n  es-madrid-1: 55."),
        "{out}"
    );
    assert!(
        out.contains("1 station(s) removed; 1 station(s) moved"),
        "{out}"
    );
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&meta_path).expect("read")).expect("json");
    let entry = &meta["meta"]["changelog"][0];
    assert_eq!(entry["version"], new.meta.version.as_str());
    assert!(
        entry["summary"]
            .as_str()
            .is_some_and(|s| s.contains("1 station(s) removed")),
        "{entry}"
    );
}

#[test]
fn a_bracketed_tag_is_a_title_and_bracketed_words_are_a_description() {
    use overseas_stations::data::title_is_description;
    assert!(title_is_description("[Summary of reports on stations]"));
    assert!(title_is_description(
        "[title not shown in stored excerpt; URL slug:] Gov. Abbott"
    ));
    assert!(title_is_description(" [unterminated description"));
    // A blog's own numbered title, kept as the page shows it.
    assert!(!title_is_description("[90]中国秘密警察 5つ目の予想"));
    assert!(!title_is_description("[Update]: stations closed"));
    assert!(!title_is_description("Stations closed [updated]"));
    assert!(!title_is_description(""));
}

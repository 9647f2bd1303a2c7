//! Invariants of the embedded data set, checked against the raw JSON independently of the app's
//! own types, and the app's counts against the file's.

use std::collections::{BTreeMap, HashSet};

use overseas_stations::app::App;
use overseas_stations::data::{self, EMBEDDED_DATA};
use overseas_stations::geo::Outlines;
use serde_json::Value;

fn raw() -> Value {
    serde_json::from_str(EMBEDDED_DATA).expect("JSON")
}

#[test]
fn the_embedded_data_set_passes_validation() {
    let file = data::parse_str(EMBEDDED_DATA, "embedded").expect("parses");
    let outlines = Outlines::embedded().expect("outlines");
    let problems = data::validate(&file, Some(EMBEDDED_DATA), &outlines);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_apps_counts_equal_the_files() {
    let raw = raw();
    let mut per_country: BTreeMap<String, usize> = BTreeMap::new();
    for station in raw["stations"].as_array().expect("stations") {
        *per_country
            .entry(station["country"].as_str().expect("country").to_owned())
            .or_default() += 1;
    }
    let app = App::embedded().expect("app");
    assert_eq!(
        app.model.data().stations().len(),
        raw["stations"].as_array().map_or(0, Vec::len)
    );
    assert_eq!(app.model.data().country_count(), per_country.len());
    for (i, country) in app.model.outlines().countries.iter().enumerate() {
        let expected = per_country.get(&country.iso2).copied().unwrap_or(0);
        assert_eq!(app.model.count_at(i), expected, "{}", country.iso2);
        assert_eq!(
            app.model.data().country_summary(&country.iso2).stations,
            expected
        );
    }
}

#[test]
fn every_claim_carries_a_source_and_every_source_is_cited() {
    let raw = raw();
    let ids: HashSet<&str> = raw["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    let mut cited = HashSet::new();
    fn walk<'a>(v: &'a Value, cited: &mut HashSet<&'a str>, path: &str) {
        match v {
            Value::Object(map) => {
                if let Some(Value::Array(list)) = map.get("sources") {
                    for id in list {
                        cited.insert(id.as_str().expect("source ids are strings"));
                    }
                }
                for (k, child) in map {
                    if k != "sources" {
                        walk(child, cited, &format!("{path}.{k}"));
                    }
                }
            }
            Value::Array(list) => list.iter().for_each(|c| walk(c, cited, path)),
            _ => {}
        }
    }
    for key in ["reports", "stations", "countries", "global"] {
        walk(&raw[key], &mut cited, key);
    }
    assert_eq!(cited, ids, "cited ids must be exactly the source list");
    for station in raw["stations"].as_array().expect("stations") {
        assert!(
            !station["sources"].as_array().expect("list").is_empty(),
            "{}",
            station["id"]
        );
        for event in station["status"].as_array().expect("status") {
            assert!(
                !event["sources"].as_array().expect("list").is_empty(),
                "{}",
                station["id"]
            );
        }
    }
    for source in raw["sources"].as_array().expect("sources") {
        let url = source["url"].as_str().expect("url");
        assert!(
            url.starts_with("http://") || url.starts_with("https://"),
            "{url}"
        );
        assert!(!source["publisher"].as_str().unwrap_or("").is_empty());
    }
}

#[test]
fn every_research_row_is_present_with_additions_applied() {
    let raw = raw();
    let ids: HashSet<&str> = raw["stations"]
        .as_array()
        .expect("stations")
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    // 84 rows of stations.csv + 7 of stations-additions.csv; ro-unknown-1 renamed per additions.md.
    assert_eq!(ids.len(), 91);
    for id in [
        "us-newyork-1",
        "ie-dublin-1",
        "nl-rotterdam-1",
        "ca-montreal-1",
        "ru-unknown-1",
        "ae-dubai-1",
        "mg-unknown-1",
        "zm-unknown-1",
        "jp-fukuoka-1",
        "kr-jeju-1",
        "kr-jeju-2",
        "ro-dobroesti-1",
    ] {
        assert!(ids.contains(id), "{id} missing");
    }
    assert!(!ids.contains("ro-unknown-1"));
    let romania = raw["stations"]
        .as_array()
        .expect("stations")
        .iter()
        .find(|s| s["id"] == "ro-dobroesti-1")
        .expect("Romania");
    assert_eq!(romania["bureau"], "Nantong PSB");
    assert_eq!(romania["location"]["precision"], "city");
}

#[test]
fn country_level_and_uncertain_stations_say_so() {
    let raw = raw();
    for station in raw["stations"].as_array().expect("stations") {
        let note = station["location"]["note"].as_str().unwrap_or("");
        assert!(!note.is_empty(), "{} has no location note", station["id"]);
        if station["location"]["precision"] == "country" {
            assert!(
                note.contains("capital") || note.contains("label point"),
                "{}: {note}",
                station["id"]
            );
        }
    }
    let uncertain = raw["stations"]
        .as_array()
        .expect("stations")
        .iter()
        .filter(|s| s["uncertain"] == true)
        .count();
    assert!(
        uncertain >= 4,
        "the research marks at least Odesa, Mongolia, Uzbekistan, South Africa uncertain"
    );
}

#[test]
fn the_report_headlines_match_the_research() {
    let file = data::parse_str(EMBEDDED_DATA, "embedded").expect("parses");
    let headline = |id: &str| {
        file.reports
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| r.headline.clone())
            .expect("headline")
    };
    let first = headline("sd-110-overseas");
    assert_eq!((first.stations, first.countries), (Some(54), Some(30)));
    let second = headline("sd-patrol-and-persuade");
    assert_eq!(
        (second.stations, second.countries, second.stations_at_least),
        (Some(102), Some(53), true)
    );
}

//! Opening a data file in the app: a broken file lists its problems and keeps the data shown;
//! a good one replaces it.

use crate::common;

use common::{TempFile, harness};
use egui_kittest::kittest::Queryable as _;
use overseas_stations::data::EMBEDDED_DATA;

#[test]
fn a_broken_file_lists_its_problems_and_keeps_the_data_shown() {
    let mut h = harness();
    let before = h.state().model.data().stations().len();
    let broken = EMBEDDED_DATA.replacen("\"country\": \"ES\"", "\"country\": \"ZZ\"", 1);
    let file = TempFile::new("broken.json", &broken);
    let path = file.to_path_buf();
    h.state_mut().open_data_file(path.clone());
    h.run();
    h.get_by_label("Problems in the data file");
    let report = h
        .state()
        .load_report
        .clone()
        .expect("problems are kept for display");
    assert!(
        report
            .lines
            .iter()
            .any(|l| l.starts_with(&format!("{}:", path.display())) && l.contains(": country: ")),
        "{:?}",
        report.lines
    );
    h.get_by_label_contains(": country: ");
    assert_eq!(
        h.state().model.data().stations().len(),
        before,
        "the data shown is unchanged"
    );
    assert_eq!(
        h.state().model.data().origin,
        overseas_stations::data::DataSource::Embedded
    );
}

#[test]
fn a_malformed_file_reports_line_and_column_and_keeps_the_data() {
    let mut h = harness();
    let file = TempFile::new("malformed.json", "{\n  \"meta\": [\n");
    let path = file.to_path_buf();
    h.state_mut().open_data_file(path.clone());
    h.run();
    let report = h.state().load_report.clone().expect("problems");
    assert!(
        report.lines[0].starts_with(&format!("{}:3:", path.display())),
        "{:?}",
        report.lines
    );
    assert_eq!(h.state().model.data().stations().len(), 91);
}

#[test]
fn a_valid_file_replaces_the_data_and_the_counts_follow() {
    let mut h = harness();
    // Drop Ireland's only station: still a valid file once its now-unused sources are removed.
    let file = TempFile::new("valid.json", common::data_without_station("ie-dublin-1"));
    let path = file.to_path_buf();
    h.state_mut().open_data_file(path.clone());
    h.run();
    assert!(
        h.state().load_report.is_none(),
        "{:?}",
        h.state().load_report
    );
    assert_eq!(h.state().model.data().stations().len(), 90);
    let ie = h.state().model.outlines().index_of("IE").expect("Ireland");
    assert_eq!(
        h.state().model.count_at(ie),
        0,
        "the choropleth follows the new data"
    );
    h.get_by_label("90 of 90 stations shown");
}

//! The dossier from the app: the side panel's Dossier… button and File → Export dossier… open
//! the window, and saving writes the document of what the app shows (its filters and timeline
//! date) on a background thread, reported through the notices.

use crate::common;

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use overseas_stations::app::App;
use overseas_stations::data::parse_date;

/// Steps the app until the background write reports, or a minute passes.
fn wait_for_saved(h: &mut Harness<'_, App>) -> String {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if let Some(message) = h.state().notices.last_info()
            && message.starts_with("Saved the dossier")
        {
            return message.to_owned();
        }
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    panic!("no dossier saved: {:?}", h.state().notices.last_info());
}

#[test]
fn the_side_panel_button_writes_the_selected_countrys_dossier_with_the_apps_filters() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("spain.md");
    let mut h = common::harness();
    let mut filters = h.state().model.filters().clone();
    filters.bureaus.insert("Qingtian PSB".into());
    filters.as_of = parse_date("2022-12-31");
    h.state_mut().model.set_filters(filters);
    h.state_mut().model.select_country(Some("ES".into()));
    h.run();
    h.get_by_label("Dossier…").click();
    h.run();
    h.get_by_label("Markdown").click();
    h.run();
    h.state_mut()
        .ui_state
        .files
        .dossier
        .as_mut()
        .expect("the dossier window")
        .path = target.display().to_string();
    h.run();
    h.get_by_label("Save dossier").click();
    h.run();
    let message = wait_for_saved(&mut h);
    assert!(
        message.contains("Spain") && message.contains("Markdown"),
        "{message}"
    );
    let text = std::fs::read_to_string(&target).expect("written");
    assert!(
        text.contains("## Spain (ES)"),
        "{}",
        &text[..400.min(text.len())]
    );
    assert!(text.contains("Filters: bureau Qingtian PSB."));
    assert!(text.contains("Timeline date: 31 December 2022"));
    // Only the Qingtian stations known by then, as the app shows them.
    let rows = text.lines().filter(|l| l.starts_with("| **")).count();
    let expected = h
        .state()
        .model
        .shown()
        .stations
        .iter()
        .filter(|&&i| h.state().model.data().stations()[i].country == "ES")
        .count();
    assert_eq!(rows, expected);
    assert!(
        h.state().ui_state.files.dossier.is_none(),
        "the window closed"
    );
    // The selection is the user's still.
    assert_eq!(h.state().model.selection().country.as_deref(), Some("ES"));
}

#[test]
fn the_file_menu_writes_the_whole_data_sets_dossier_when_nothing_is_selected() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("all.html");
    let mut h = common::harness();
    let mut filters = h.state().model.filters().clone();
    filters.bureaus.insert("Nantong PSB".into());
    h.state_mut().model.set_filters(filters);
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export dossier…").click();
    h.run();
    h.state_mut()
        .ui_state
        .files
        .dossier
        .as_mut()
        .expect("the dossier window")
        .path = target.display().to_string();
    h.run();
    h.get_by_label("Save dossier").click();
    h.run();
    let message = wait_for_saved(&mut h);
    assert!(message.contains("the whole data set"), "{message}");
    let text = std::fs::read_to_string(&target).expect("written");
    let model = &h.state().model;
    let mut countries: Vec<&str> = model
        .shown()
        .stations
        .iter()
        .map(|&i| model.data().stations()[i].country.as_str())
        .collect();
    countries.sort_unstable();
    countries.dedup();
    assert_eq!(
        text.matches("<section class=\"country\"").count(),
        countries.len()
    );
    assert!(text.contains("Filters: bureau Nantong PSB."));
}

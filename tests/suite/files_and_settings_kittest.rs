//! Open, reload, export, cite and remember, through the app.

use crate::common;

use std::time::{Duration, Instant};

use common::{data_without_station as without_station, harness, harness_with};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use overseas_stations::app::App;
use overseas_stations::data::EMBEDDED_DATA;

#[test]
fn a_saved_change_to_the_open_file_reloads_by_itself() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("stations.json");
    std::fs::write(&path, EMBEDDED_DATA).expect("write");
    let mut h = harness();
    h.state_mut().open_data_file(path.clone());
    h.run();
    assert_eq!(h.state().model.data().stations().len(), 91);
    // Give the watcher a moment to start, then save a changed file.
    std::thread::sleep(Duration::from_millis(200));
    std::fs::write(&path, without_station("ie-dublin-1")).expect("write");
    let started = Instant::now();
    while h.state().model.data().stations().len() != 90 {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "no reload within 5 s"
        );
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    // A broken save keeps the data and lists the problem; fixing it reloads.
    std::fs::write(&path, "{ \"meta\": ").expect("write");
    let started = Instant::now();
    while h.state().load_report.is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the broken save was not noticed"
        );
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    assert_eq!(
        h.state().model.data().stations().len(),
        90,
        "the data shown is kept"
    );
    std::fs::write(&path, EMBEDDED_DATA).expect("write");
    let started = Instant::now();
    while h.state().model.data().stations().len() != 91 {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the fixed file was not reloaded"
        );
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    assert!(h.state().load_report.is_none());
}

#[test]
fn settings_are_restored_in_a_second_run() {
    let mut first = harness();
    first.state_mut().scene.view.set_zoom(4.0);
    first
        .state_mut()
        .scene
        .view
        .memory
        .center_at(walkers::lon_lat(10.0, 50.0));
    let mut filters = first.state().model.filters().clone();
    filters.bureaus.insert("Nantong PSB".into());
    first.state_mut().model.set_filters(filters);
    first.state_mut().ui_state.show_legend = false;
    first.run();
    let saved = first.state().settings().to_json();

    let mut app = App::embedded().expect("app");
    app.restore_settings(&saved, false);
    let mut second = harness_with(app);
    second.run();
    let state = second.state();
    assert!((state.scene.view.memory.zoom() - 4.0).abs() < 1e-6);
    let center = state.scene.view.center();
    assert!(
        (center.x() - 10.0).abs() < 1e-6 && (center.y() - 50.0).abs() < 1e-6,
        "{center:?}"
    );
    assert!(state.model.filters().bureaus.contains("Nantong PSB"));
    assert!(!state.ui_state.show_legend);
    let nantong = state
        .model
        .data()
        .stations()
        .iter()
        .filter(|s| s.bureau == "Nantong PSB")
        .count();
    second.get_by_label(&format!("{nantong} of 91 stations shown"));
}

#[test]
fn corrupt_settings_are_ignored_with_a_warning() {
    let mut app = App::embedded().expect("app");
    app.restore_settings("{ this is not json", true);
    assert!(
        app.notices.warnings().any(|n| n.contains("unreadable")),
        "{:?}",
        app.notices
    );
    let mut h = harness_with(app);
    h.run();
    h.get_by_label("91 of 91 stations shown");
    // Wrong types inside valid JSON are corrupt too.
    let mut app = App::embedded().expect("app");
    app.restore_settings(r#"{"zoom": "deep", "center": [1]}"#, true);
    assert_eq!(app.notices.warnings().count(), 1);
}

/// File → Export shown stations…, with the path field set to `target`.
fn open_export_window(h: &mut egui_kittest::Harness<'_, App>, target: &std::path::Path) {
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export shown stations…").click();
    h.run();
    h.state_mut()
        .ui_state
        .files
        .export
        .as_mut()
        .expect("export window")
        .path = target.display().to_string();
    h.run();
}

#[test]
fn exporting_from_the_menu_writes_the_shown_stations() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("out.csv");
    let mut h = harness();
    let mut filters = h.state().model.filters().clone();
    filters.bureaus.insert("Qingtian PSB".into());
    h.state_mut().model.set_filters(filters);
    h.run();
    open_export_window(&mut h, &target);
    h.get_by_label("Export").click();
    h.run();
    let text = std::fs::read_to_string(&target).expect("exported file");
    let rows = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .count();
    let qingtian = h
        .state()
        .model
        .data()
        .stations()
        .iter()
        .filter(|s| s.bureau == "Qingtian PSB")
        .count();
    assert_eq!(rows, qingtian);
    let message = h.state().notices.last_info().expect("a message").to_owned();
    assert!(message.starts_with("Exported"), "{message}");

    // Exporting again to the same path asks before replacing the file.
    open_export_window(&mut h, &target);
    h.get_by_label("Replace it").click();
    h.run();
    assert!(
        h.state().ui_state.files.export.is_some(),
        "the first click only confirms"
    );
    h.get_by_label("Export").click();
    h.run();
    assert!(h.state().ui_state.files.export.is_none());
}

#[test]
fn copy_citation_puts_the_facts_and_sources_on_the_clipboard() {
    let mut h = harness();
    h.state_mut().model.select_country(Some("IE".into()));
    h.run();
    h.get_all_by_label("Copy citation")
        .next()
        .expect("a button")
        .click();
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    let text = copied.first().expect("something was copied");
    assert!(
        text.contains("Ireland") && text.contains("Dublin"),
        "{text}"
    );
    assert!(text.contains("https://"), "sources with their URLs: {text}");
}

#[test]
fn the_open_window_takes_a_typed_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mine.json");
    std::fs::write(&path, without_station("ie-dublin-1")).expect("write");
    let mut h = harness();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open data file…").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "File:").click();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "File:")
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("Open").click();
    h.run();
    // The file is read and validated on a background thread; wait for it.
    let started = Instant::now();
    while h.state().loading_file().is_some() {
        assert!(started.elapsed() < Duration::from_secs(10), "not loaded");
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
    h.run();
    assert_eq!(h.state().model.data().stations().len(), 90);
    assert_eq!(
        h.state().model.data().origin,
        overseas_stations::data::DataSource::File(path)
    );
}

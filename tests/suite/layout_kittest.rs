//! The window's layout at the sizes people use (issue 15): at 800×600 and 1280×800 every widget
//! of the toolbar and the filter bar is inside the window and the side panel leaves the map most
//! of the width; the panel keeps its width whatever is selected (the map does not jump); its width
//! is remembered and bounded when read back; and the lists keep the row under the keyboard cursor,
//! or the one selected elsewhere, in view under a heading that stays.

use egui::accesskit::Role;
use egui::{Key, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use overseas_stations::app::App;
use overseas_stations::ui::LinkOpener;
use overseas_stations::ui::lists::{PanelTab, stations_in_list_order};

/// The app in a harness of the given size, with `country` selected.
fn harness_at(width: f32, height: f32, country: Option<&str>) -> Harness<'static, App> {
    let mut app = App::embedded().expect("the embedded data loads");
    app.links = LinkOpener::Record(Vec::new());
    app.model.select_country(country.map(str::to_owned));
    let mut h = Harness::builder()
        .with_size(egui::vec2(width, height))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    h
}

/// The widgets above the map (toolbar and filter bar), from the accessibility tree.
fn bar_widgets(h: &Harness<'_, App>) -> Vec<(String, Rect)> {
    let map_top = h.state().scene.view.rect.top();
    h.query_all(By::new().predicate(|node| {
        matches!(
            node.role(),
            Role::Button | Role::TextInput | Role::CheckBox | Role::ComboBox | Role::Link
        )
    }))
    .map(|node| {
        (
            node.accesskit_node().label().unwrap_or_default(),
            node.rect(),
        )
    })
    .filter(|(_, rect)| rect.bottom() <= map_top + 0.5)
    .collect()
}

#[test]
fn toolbar_and_filter_bar_fit_the_window_and_the_map_keeps_most_of_the_width() {
    for (width, height) in [(800.0, 600.0), (1280.0, 800.0)] {
        for country in [None, Some("ES"), Some("GB"), Some("US")] {
            let h = harness_at(width, height, country);
            let window = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(width, height));
            let widgets = bar_widgets(&h);
            let labels: Vec<&str> = widgets.iter().map(|(l, _)| l.as_str()).collect();
            // The bars hold at least the zoom buttons, the search field and the filter menus.
            for expected in ["Whole world", "Bureau: all", "Status: all"] {
                assert!(
                    labels.contains(&expected),
                    "{width}×{height}: {expected:?} not among {labels:?}"
                );
            }
            assert!(
                widgets.len() >= 8,
                "{width}×{height}: only {labels:?} above the map"
            );
            for (label, rect) in &widgets {
                assert!(
                    window.contains_rect(*rect),
                    "{width}×{height} {country:?}: {label:?} at {rect:?} is outside the window"
                );
            }
            let map = h.state().scene.view.rect;
            let share = map.width() / width;
            assert!(
                share >= 0.6,
                "{width}×{height} {country:?}: the map has only {:.0}% of the width",
                share * 100.0
            );
            let panel = h.state().ui_state.panel_width;
            assert!(
                panel >= 250.0,
                "{width}×{height}: the panel is {panel} wide"
            );
        }
    }
}

#[test]
fn the_map_does_not_move_when_the_selection_or_the_tab_changes() {
    for width in [800.0, 1280.0, 1920.0] {
        let mut h = harness_at(width, 800.0, None);
        let first = h.state().scene.view.rect;
        for country in ["ES", "GB", "US", "CN", "IT", "NL"] {
            h.state_mut().model.select_country(Some(country.into()));
            h.run();
            for tab in [PanelTab::Details, PanelTab::Countries, PanelTab::Stations] {
                h.state_mut().ui_state.panel_tab = tab;
                h.run();
                let rect = h.state().scene.view.rect;
                assert!(
                    (rect.right() - first.right()).abs() < 1.0 && rect.left() == first.left(),
                    "{width}: the map moved with {country} on {tab:?}: {rect:?}, was {first:?}"
                );
            }
            h.state_mut().ui_state.panel_tab = PanelTab::Details;
        }
        // A station's details opened, with its long sources.
        let station = h
            .state()
            .model
            .data()
            .stations()
            .iter()
            .position(|s| s.country == "US")
            .expect("a US station");
        let ctx = h.ctx.clone();
        h.state_mut().apply(
            overseas_stations::state::Command::SelectStation(station),
            &ctx,
        );
        h.run();
        let rect = h.state().scene.view.rect;
        assert!(
            (rect.right() - first.right()).abs() < 1.0,
            "{width}: a station moved the map: {rect:?}, was {first:?}"
        );
    }
}

#[test]
fn the_panel_width_is_remembered_and_read_back_within_bounds() {
    let mut h = harness_at(1280.0, 800.0, None);
    h.state_mut()
        .restore_settings(r#"{"panel_width": 333.0}"#, false);
    h.run();
    let width = h.state().ui_state.panel_width;
    assert!((width - 333.0).abs() < 1.0, "restored as {width}");
    let saved = h.state().settings().panel_width.expect("saved");
    assert!((saved - 333.0).abs() < 1.0, "saved as {saved}");
    // The map moved over to make room.
    let map = h.state().scene.view.rect;
    assert!(
        map.right() <= 1280.0 - width + 1.0 && map.right() >= 1280.0 - width - 16.0,
        "the map ends at {map:?} beside a panel {width} wide"
    );

    // Hostile or foreign values: the panel stays within what the window allows.
    for stored in ["-5", "0", "1e30", "40000", "\"wide\""] {
        let mut h = harness_at(800.0, 600.0, Some("GB"));
        h.state_mut()
            .restore_settings(&format!(r#"{{"panel_width": {stored}}}"#), false);
        h.run();
        let width = h.state().ui_state.panel_width;
        assert!(
            (250.0..=0.45 * 800.0 + 1.0).contains(&width),
            "{stored}: the panel is {width} wide"
        );
        assert!(h.state().scene.view.rect.width() >= 0.5 * 800.0, "{stored}");
    }
}

/// The city of the stations list's row under the cursor, and where its first cell is (of the
/// cells with that text in the panel, the one on screen if any).
fn cursor_row(h: &Harness<'_, App>) -> (String, Option<Rect>) {
    let app = h.state();
    let order = stations_in_list_order(&app.model, &app.ui_state.lists);
    let city = app.model.data().stations()[order[app.ui_state.lists.cursor]]
        .display_city()
        .to_owned();
    let viewport = list_viewport(h);
    let rect = h
        .query_all_by_label(&city)
        .filter(|node| node.accesskit_node().role() == Role::Button)
        .map(|node| node.rect())
        .find(|rect| viewport.contains_rect(*rect));
    (city, rect)
}

/// The part of the panel where list rows can be seen: below its heading row, above the timeline.
fn list_viewport(h: &Harness<'_, App>) -> Rect {
    let map = h.state().scene.view.rect;
    let heading = h.get_by_label("First reported").rect();
    Rect::from_x_y_ranges(map.right()..=f32::INFINITY, heading.bottom()..=map.bottom())
}

#[test]
fn a_list_row_selected_by_keys_stays_visible_under_the_heading() {
    let mut h = harness_at(1280.0, 800.0, None);
    h.get_by_label("Stations list").click();
    h.run();
    let heading = h.get_by_label("First reported").rect();
    let rows = h.state().model.shown().stations.len();
    assert!(rows > 60, "enough rows to scroll ({rows})");
    // Far below the first screen.
    for _ in 0..60 {
        h.key_press(Key::ArrowDown);
        h.run();
    }
    assert_eq!(h.state().ui_state.lists.cursor, 60);
    // The heading stayed where it was while the rows scrolled.
    assert_eq!(h.get_by_label("First reported").rect(), heading);
    let (city, rect) = cursor_row(&h);
    assert!(
        rect.is_some(),
        "row {city:?} is not within {:?}",
        list_viewport(&h)
    );
    // The status column is on screen without a sideways scroll.
    let status = h.get_by_label("Status").rect();
    assert!(status.right() <= 1280.0, "{status:?}");
}

#[test]
fn a_station_selected_elsewhere_is_in_view_when_its_list_is_opened() {
    let mut h = harness_at(800.0, 600.0, None);
    // A station far down the list whichever way it is sorted by country: one of the first and
    // one of the last country by name; the one whose row is further down is checked.
    let model = &h.state().model;
    let by_country = |i: &usize| {
        model
            .country_name(&model.data().stations()[*i].country)
            .to_owned()
    };
    let shown = model.shown().stations.clone();
    let first = *shown
        .iter()
        .min_by_key(|i| by_country(i))
        .expect("stations");
    let last = *shown
        .iter()
        .max_by_key(|i| by_country(i))
        .expect("stations");
    let mut checked = 0;
    for station in [first, last] {
        let ctx = h.ctx.clone();
        h.state_mut().apply(
            overseas_stations::state::Command::SelectStation(station),
            &ctx,
        );
        h.run();
        h.get_by_label("Stations list").click();
        h.run();
        let cursor = h.state().ui_state.lists.cursor;
        let city = h.state().model.data().stations()[station]
            .display_city()
            .to_owned();
        let (label, rect) = cursor_row(&h);
        assert_eq!(label, city, "the cursor is on the selected station's row");
        assert!(
            rect.is_some(),
            "row {city:?} (row {cursor}) is not within {:?}",
            list_viewport(&h)
        );
        checked = checked.max(cursor);
    }
    assert!(
        checked > 30,
        "a row far down the list was checked ({checked})"
    );
}

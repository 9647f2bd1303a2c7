//! Exploring the data through the UI: search, filters, the timeline, Esc, list views, clusters.

use crate::common;

use common::{click_at, harness};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use overseas_stations::data::{Listing, parse_date};

#[test]
fn searching_glasgow_selects_the_united_kingdom() {
    let mut h = harness();
    h.get_by_role(Role::TextInput).click();
    h.run();
    h.get_by_role(Role::TextInput).type_text("Glasgow");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().model.selection().country.as_deref(), Some("GB"));
    let station = h
        .state()
        .model
        .selection()
        .station
        .clone()
        .expect("the Glasgow station is highlighted");
    assert!(station.starts_with("gb-glasgow"), "{station}");
    h.get_by_label("United Kingdom");
}

#[test]
fn the_nantong_filter_changes_the_counts_to_the_nantong_count() {
    let mut h = harness();
    let total = h.state().model.data().stations().len();
    let nantong = h
        .state()
        .model
        .data()
        .stations()
        .iter()
        .filter(|s| s.bureau == "Nantong PSB")
        .count();
    assert!(nantong > 0 && nantong < total);
    h.get_by_label(&format!("{total} of {total} stations shown"));
    h.get_by_label("Bureau: all").click();
    h.run();
    h.get_by_label(&format!("Nantong PSB ({nantong})")).click();
    h.run();
    h.get_by_label(&format!("{nantong} of {total} stations shown"));
    assert_eq!(h.state().model.shown().stations.len(), nantong);
    let choropleth_total: usize = (0..h.state().model.outlines().countries.len())
        .map(|i| h.state().model.count_at(i))
        .sum();
    assert_eq!(
        choropleth_total, nantong,
        "the choropleth follows the filter"
    );
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("Reset filters").click();
    h.run();
    h.get_by_label(&format!("{total} of {total} stations shown"));
}

#[test]
fn the_timeline_at_the_end_of_september_2022_hides_patrol_and_persuade_stations() {
    let mut h = harness();
    let mut filters = h.state().model.filters().clone();
    filters.as_of = parse_date("2022-09-30");
    h.state_mut().model.set_filters(filters);
    h.run();
    h.get_by_label("as of 30 September 2022");
    let app = h.state();
    assert!(!app.model.shown().stations.is_empty());
    for &i in &app.model.shown().stations {
        let station = &app.model.data().stations()[i];
        assert_ne!(
            Listing::of(station),
            Listing::PatrolAndPersuade,
            "{}",
            station.id
        );
    }
    let drawn: usize = app.scene.marker_layout.markers.len()
        + app
            .scene
            .marker_layout
            .clusters
            .iter()
            .map(|c| c.members.len())
            .sum::<usize>();
    assert_eq!(
        drawn,
        app.model.shown().stations.len(),
        "the map draws exactly the shown stations"
    );
    // Stepping to the next event moves the date forward.
    h.get_by_label("Next event").click();
    h.run();
    let after = h.state().model.filters().as_of.expect("still a date");
    assert!(after > parse_date("2022-09-30").expect("date"));
}

#[test]
fn escape_clears_the_selection() {
    let mut h = harness();
    h.state_mut().model.select_country(Some("IE".into()));
    h.run();
    h.get_by_label("Ireland");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().model.selection().country, None);
    h.get_by_label("Overview");
}

#[test]
fn a_list_view_row_selects_its_country() {
    let mut h = harness();
    h.get_by_label("Countries list").click();
    h.run();
    // Sorted by name, Ireland is on the first screen of the list.
    h.get_by_label_contains("Country").click();
    h.run();
    h.get_by_label("Ireland").click();
    h.run();
    assert_eq!(h.state().model.selection().country.as_deref(), Some("IE"));
}

#[test]
fn arrow_keys_and_enter_select_in_the_stations_list() {
    let mut h = harness();
    h.get_by_label("Stations list").click();
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.state().model.selection().station.is_some(),
        "Enter selects the row under the cursor"
    );
}

#[test]
fn clicking_a_cluster_reveals_its_members() {
    let mut h = harness();
    let (pos, members, zoom) = {
        let app = h.state();
        let cluster = app
            .scene
            .marker_layout
            .clusters
            .iter()
            .max_by_key(|c| c.members.len())
            .expect("the world view has clusters");
        (
            cluster.pos,
            cluster.members.clone(),
            app.scene.view.memory.zoom(),
        )
    };
    click_at(&mut h, pos);
    assert!(
        h.state().scene.view.memory.zoom() >= zoom + 1.0,
        "the click zooms in"
    );
    // Every member is still on screen, now split over several markers or smaller clusters.
    let app = h.state();
    let singles: Vec<usize> = app
        .scene
        .marker_layout
        .markers
        .iter()
        .map(|m| m.station)
        .collect();
    let holders = app
        .scene
        .marker_layout
        .clusters
        .iter()
        .filter(|c| c.members.iter().any(|m| members.contains(m)))
        .count();
    for m in &members {
        assert!(
            singles.contains(m)
                || app
                    .scene
                    .marker_layout
                    .clusters
                    .iter()
                    .any(|c| c.members.contains(m)),
            "member {m} vanished"
        );
    }
    let single_members = members.iter().filter(|m| singles.contains(m)).count();
    assert!(holders + single_members > 1, "the cluster split");

    // Clicking on down through one sub-cluster ends with each of its stations on its own marker.
    for _ in 0..12 {
        let next = h
            .state()
            .scene
            .marker_layout
            .clusters
            .iter()
            .find(|c| c.members.iter().any(|m| members.contains(m)))
            .map(|c| (c.pos, c.members.clone()));
        let Some((pos, sub)) = next else {
            return;
        };
        click_at(&mut h, pos);
        let app = h.state();
        let singles: Vec<usize> = app
            .scene
            .marker_layout
            .markers
            .iter()
            .map(|m| m.station)
            .collect();
        if sub.iter().all(|m| singles.contains(m)) {
            return;
        }
    }
    panic!("a cluster's members never separated");
}

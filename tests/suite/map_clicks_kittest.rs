//! Clicking countries and markers on the map and reading the side panel through AccessKit.

use crate::common;

use common::{click_at, click_lonlat, harness, screen_pos};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;

fn count_label(n: usize) -> String {
    match n {
        0 => "No stations reported in this data set".to_owned(),
        1 => "1 station reported".to_owned(),
        n => format!("{n} stations reported"),
    }
}

/// Clicks inside a country, then checks the panel: its name, the data set's station count, and
/// at least one source link.
fn clicking_shows_country(lon: f64, lat: f64, iso: &str, name: &str) {
    let mut h = harness();
    // Zoom in on the point so the click lands inside the country rather than on a marker.
    h.state_mut().scene.view.set_zoom(5.0);
    h.state_mut()
        .scene
        .view
        .memory
        .center_at(walkers::lon_lat(lon, lat));
    h.run();
    click_lonlat(&mut h, lon, lat);
    assert_eq!(h.state().model.selection().country.as_deref(), Some(iso));
    h.get_by_label(name);
    let expected = h.state().model.data().stations_in(iso).count();
    assert!(expected > 0, "{iso} has stations in the data set");
    h.get_by_label(&count_label(expected));
    let links = h.query_all_by_role(Role::Link).count();
    assert!(
        links >= 1,
        "the panel for {name} shows at least one source link"
    );
}

#[test]
fn clicking_spain_lists_its_stations_with_sources() {
    // Central Spain, away from Madrid's markers.
    clicking_shows_country(-4.5, 39.0, "ES", "Spain");
}

#[test]
fn clicking_the_united_kingdom_lists_its_stations_with_sources() {
    // The Highlands: inside Great Britain, far from the London and Glasgow markers.
    clicking_shows_country(-4.3, 57.3, "GB", "United Kingdom");
}

#[test]
fn clicking_ireland_lists_its_stations_with_sources() {
    clicking_shows_country(-8.0, 53.0, "IE", "Ireland");
}

#[test]
fn clicking_the_ocean_clears_the_selection() {
    let mut h = harness();
    h.state_mut().model.select_country(Some("ES".into()));
    h.run();
    h.get_by_label("Spain");
    click_lonlat(&mut h, -35.0, 30.0);
    assert_eq!(h.state().model.selection().country, None);
    h.get_by_label("Overview");
    assert!(h.query_by_label("Spain").is_none());
}

#[test]
fn clicking_a_marker_highlights_its_station_in_the_panel() {
    let mut h = harness();
    let (id, lon, lat) = {
        let s = &h
            .state()
            .model
            .data()
            .stations()
            .iter()
            .find(|s| s.country == "IE")
            .expect("Ireland has a station");
        (s.id.clone(), s.location.lon, s.location.lat)
    };
    h.state_mut().scene.view.set_zoom(6.0);
    h.state_mut()
        .scene
        .view
        .memory
        .center_at(walkers::lon_lat(lon, lat));
    h.run();
    let pos = screen_pos(&h, lon, lat);
    click_at(&mut h, pos);
    assert_eq!(
        h.state().model.selection().station.as_deref(),
        Some(id.as_str())
    );
    assert_eq!(h.state().model.selection().country.as_deref(), Some("IE"));
    h.get_by_label("Ireland");
}

#[test]
fn the_idle_app_requests_no_repaint() {
    let mut h = harness();
    // `run` fails if the UI keeps asking for frames; after settling nothing more is requested.
    h.run();
    let delay = h
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|v| v.repaint_delay);
    assert_eq!(delay, Some(std::time::Duration::MAX));
}

//! Fitting a country shows its main outline and every one of its shown stations (Portugal with
//! Madeira's, the United States with Los Angeles'), none of them under the legend.

use crate::common;

use common::{harness, screen_pos};
use overseas_stations::app::App;

fn fit_shows_every_station(iso: &str, size: egui::Vec2) {
    let mut h = harness();
    h.set_size(size);
    h.run();
    let legend = h
        .state()
        .scene
        .legend_rect()
        .expect("the legend is shown by default");
    {
        let app = h.state_mut();
        app.scene.zoom_to_country(&app.model, iso);
    }
    h.run();
    let map = h.state().scene.view.rect;
    let stations: Vec<(f64, f64)> = h
        .state()
        .model
        .data()
        .stations_in(iso)
        .map(|s| (s.location.lon, s.location.lat))
        .collect();
    assert!(!stations.is_empty(), "{iso} has stations");
    for (lon, lat) in stations {
        let pos = screen_pos(&h, lon, lat);
        assert!(
            map.contains(pos),
            "{iso}: station at {lon},{lat} is off the map at {pos:?} ({map:?})"
        );
        assert!(
            !legend.contains(pos),
            "{iso}: station at {lon},{lat} is under the legend at {pos:?} ({legend:?})"
        );
    }
}

#[test]
fn fitting_portugal_shows_madeira() {
    fit_shows_every_station("PT", egui::vec2(1280.0, 800.0));
}

#[test]
fn fitting_the_united_states_shows_los_angeles_beside_the_legend() {
    fit_shows_every_station("US", egui::vec2(1280.0, 800.0));
}

#[test]
fn fitting_the_united_kingdom_leaves_glasgow_and_belfast_uncovered() {
    fit_shows_every_station("GB", egui::vec2(1280.0, 800.0));
    fit_shows_every_station("GB", egui::vec2(1920.0, 1080.0));
}

#[test]
fn fitting_canada_on_a_small_window_keeps_vancouver_uncovered() {
    fit_shows_every_station("CA", egui::vec2(800.0, 600.0));
}

/// `--select ES` fits Spain once the legend is placed; the world view of the frame before is
/// never drawn, so its level of detail is not built first (it used to delay Spain's by about
/// 190 ms of a start-up screenshot).
#[test]
fn a_country_selected_at_start_builds_only_its_fitted_level_of_detail() {
    let app = App::from_options(&overseas_stations::app::StartOptions {
        select: Some("ES".into()),
        ..Default::default()
    })
    .expect("the app starts");
    let h = common::harness_with(app);
    let zoom = h.state().scene.view.memory.zoom();
    assert!(zoom > 4.0, "Spain is fitted: zoom {zoom}");
    assert_eq!(
        h.state().scene.levels_of_detail_requested(),
        vec![zoom.round() as u8],
        "only the fitted zoom's level was asked for"
    );
}

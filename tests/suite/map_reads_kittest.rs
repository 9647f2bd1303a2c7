//! A map that reads on its own (issue 14): names on the live map that never overlap, a legend
//! that folds away and is remembered, and a timeline whose steps show what changed.

use crate::common;

use common::{harness, harness_with};
use egui::epaint::Shape;
use egui_kittest::kittest::{NodeT, Queryable};
use overseas_stations::app::App;
use overseas_stations::data::{Filters, PartialDate, StatusClass};
use overseas_stations::state::Command;
use overseas_stations::ui::legend::{COLLAPSE_LABEL, EXPAND_LABEL};

fn apply(h: &mut egui_kittest::Harness<'static, App>, command: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().apply(command, &ctx);
    h.run();
}

/// Every text painted inside the map's rectangle in the last frame.
fn texts_painted_on_the_map(h: &egui_kittest::Harness<'static, App>) -> Vec<String> {
    fn walk(shape: &Shape, map: egui::Rect, out: &mut Vec<String>) {
        match shape {
            Shape::Text(text) if map.contains(text.pos) => out.push(text.galley.text().to_owned()),
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, map, out)),
            _ => {}
        }
    }
    let map = h.state().scene.view.rect;
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, map, &mut out);
    }
    out
}

fn assert_labels_are_disjoint(h: &egui_kittest::Harness<'static, App>, view: &str) -> usize {
    let scene = &h.state().scene;
    let labels = scene.labels();
    let map = scene.view.rect;
    assert!(!labels.is_empty(), "{view}: some names are placed");
    for (k, a) in labels.iter().enumerate() {
        assert!(
            map.contains_rect(a.rect),
            "{view}: {} leaves the map",
            a.text
        );
        if let Some(legend) = scene.legend_rect() {
            assert!(
                !a.rect.intersects(legend),
                "{view}: {} under the legend",
                a.text
            );
        }
        for b in &labels[k + 1..] {
            assert!(
                !a.rect.intersects(b.rect),
                "{view}: {} {:?} overlaps {} {:?}",
                a.text,
                a.rect,
                b.text,
                b.rect
            );
        }
    }
    labels.len()
}

#[test]
fn a_label_is_drawn_for_a_selected_country() {
    let mut h = harness();
    apply(&mut h, Command::SelectCountry(Some("ES".into())));
    apply(&mut h, Command::ZoomToCountry("ES".into()));
    let painted = texts_painted_on_the_map(&h);
    assert!(
        painted.iter().any(|t| t == "Spain"),
        "Spain is painted on the map: {painted:?}"
    );
    // And its stations' cities, beside their markers.
    assert!(painted.iter().any(|t| t.contains("Madrid")), "{painted:?}");
}

#[test]
fn labels_never_overlap_each_other_or_the_legend_at_world_and_europe_zoom() {
    let mut h = harness();
    let world = assert_labels_are_disjoint(&h, "world");
    {
        let view = &mut h.state_mut().scene.view;
        view.set_zoom(5.0);
        view.memory.center_at(walkers::lon_lat(10.0, 50.0));
    }
    h.run();
    let europe = assert_labels_are_disjoint(&h, "Europe");
    assert!(world >= 5 && europe >= 5, "world {world}, Europe {europe}");
    let labels = h.state().scene.labels();
    assert!(
        labels
            .iter()
            .any(|l| l.text.contains("Prato") || l.text.contains("Milan")),
        "city names at zoom 5: {:?}",
        labels.iter().map(|l| &l.text).collect::<Vec<_>>()
    );
}

#[test]
fn labels_are_placed_once_per_view_not_per_frame_and_again_after_a_pan() {
    let mut h = harness();
    let placed = h.state().scene.label_placements();
    for _ in 0..5 {
        h.step();
    }
    assert_eq!(
        h.state().scene.label_placements(),
        placed,
        "no change, no placement"
    );
    let before: Vec<_> = h.state().scene.labels();
    // A pan: drawn moved along at once, placed again once the view rests.
    let center = h.state().scene.view.center();
    h.state_mut()
        .scene
        .view
        .memory
        .center_at(walkers::lon_lat(center.x() + 20.0, center.y()));
    h.step();
    let moved = h.state().scene.labels();
    let shift = moved[0].rect.min - before[0].rect.min;
    assert!(shift.x < -1.0, "the names moved with the map: {shift:?}");
    h.run();
    let after = h.state().scene.label_placements();
    assert!(
        (placed + 1..=placed + 2).contains(&after),
        "placed again after the pan ({placed} → {after})"
    );
}

#[test]
fn the_legend_folds_to_a_button_and_stays_folded_in_the_next_run() {
    let mut h = harness();
    let open = h.state().scene.legend_rect().expect("legend shown");
    h.get_by_label(COLLAPSE_LABEL).click();
    h.run();
    let folded = h.state().scene.legend_rect().expect("a button remains");
    assert!(
        folded.area() * 10.0 < open.area(),
        "{folded:?} is a small button, not {open:?}"
    );
    assert!(open.contains_rect(folded.shrink(1.0)) || folded.left() - open.left() < 1.0);
    let saved = h.state().settings();
    assert_eq!(saved.legend_collapsed, Some(true));

    let mut app = App::embedded().expect("app");
    app.restore_settings(&saved.to_json(), false);
    let mut second = harness_with(app);
    assert!(second.state().ui_state.legend_collapsed);
    second.get_by_label(EXPAND_LABEL).click();
    second.run();
    let unfolded = second.state().scene.legend_rect().expect("legend");
    assert!(
        (unfolded.area() - open.area()).abs() < 1.0,
        "{unfolded:?} {open:?}"
    );
    assert_eq!(second.state().settings().legend_collapsed, Some(false));
}

fn glasgow(h: &egui_kittest::Harness<'static, App>) -> usize {
    h.state()
        .model
        .data()
        .stations()
        .iter()
        .position(|s| s.id == "gb-glasgow-1")
        .expect("Glasgow is in the data")
}

fn at(h: &mut egui_kittest::Harness<'static, App>, year: u16, month: u8, day: u8) {
    let filters = Filters {
        as_of: Some(PartialDate { year, month, day }),
        ..h.state().model.filters().clone()
    };
    apply(h, Command::SetFilters(filters));
}

#[test]
fn a_station_before_and_after_its_closure_date_has_a_different_colour_class() {
    let mut h = harness();
    let i = glasgow(&h);
    at(&mut h, 2023, 3, 3);
    let before = h.state().scene.marker_status(i);
    at(&mut h, 2023, 3, 4);
    let after = h.state().scene.marker_status(i);
    assert_eq!(before, Some(StatusClass::Investigated));
    // Police Scotland found no evidence on the day a PRC official claimed it closed.
    assert_eq!(after, Some(StatusClass::NoCase));
}

#[test]
fn playing_steps_to_the_next_change_names_it_and_rings_the_marker() {
    let mut h = harness();
    let i = glasgow(&h);
    at(&mut h, 2023, 3, 3);
    h.get_by_label("Play").click();
    // One step of Play is 0.7 s; the harness steps 0.25 s a frame.
    for _ in 0..4 {
        h.step();
    }
    assert_eq!(
        h.state().model.filters().as_of,
        Some(PartialDate {
            year: 2023,
            month: 3,
            day: 4
        })
    );
    h.step();
    let caption = h.get_by_label_contains("2023-03-04 · Glasgow (GB)");
    let text = caption.accesskit_node().value().unwrap_or_default();
    assert!(text.contains("no evidence found"), "{text}");
    assert!(h.state().scene.ringed_stations().contains(&i));
    h.get_by_label("Pause").click();
    // The ring fades in 1.2 s (frames asked for 33 ms apart, which the harness's `run` does not
    // wait for: step through the fade), and then the app is idle.
    for _ in 0..6 {
        h.step();
    }
    h.run();
    assert!(h.state().scene.ringed_stations().is_empty());
    let idle = h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert_eq!(
        idle,
        std::time::Duration::MAX,
        "no frame asked for once the ring faded"
    );
}

#[test]
fn stepping_with_next_event_shows_the_caption_of_that_date() {
    let mut h = harness();
    at(&mut h, 2023, 3, 3);
    h.get_by_label("Next event").click();
    h.run();
    h.get_by_label_contains("2023-03-04 · Glasgow (GB)");
}

#[test]
fn changing_a_filter_rings_nothing() {
    let mut h = harness();
    let mut filters = h.state().model.filters().clone();
    filters.bureaus.insert("Nantong PSB".into());
    apply(&mut h, Command::SetFilters(filters));
    assert!(h.state().scene.ringed_stations().is_empty());
}

/// The colours of the countries' mesh in the last frame: the largest mesh painted (fills and
/// borders of every country in view; the legend's swatches and the markers are far smaller).
fn country_mesh_colours(
    h: &egui_kittest::Harness<'static, App>,
) -> std::collections::BTreeSet<[u8; 4]> {
    fn walk<'a>(shape: &'a Shape, out: &mut Vec<&'a egui::Mesh>) {
        match shape {
            Shape::Mesh(mesh) => out.push(mesh),
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut meshes = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, &mut meshes);
    }
    let largest = meshes
        .into_iter()
        .max_by_key(|m| m.vertices.len())
        .expect("the map painted a mesh");
    largest
        .vertices
        .iter()
        .map(|v| v.color.to_array())
        .collect()
}

#[test]
fn the_kept_country_mesh_follows_the_fills_and_the_hover() {
    // The countries' mesh is reused while nothing it shows changes; each change must show even
    // when the map itself (its rectangle, centre and zoom) stays where it was.
    let mut h = harness();
    h.run();
    let view = |h: &egui_kittest::Harness<'static, App>| {
        let v = &h.state().scene.view;
        (v.rect, v.memory.zoom(), v.center())
    };
    let (start, world) = (view(&h), country_mesh_colours(&h));
    // A bureau no station has: every country is plain land.
    let filters = Filters {
        bureaus: ["No such bureau".to_owned()].into(),
        ..h.state().model.filters().clone()
    };
    apply(&mut h, Command::SetFilters(filters));
    assert_eq!(
        view(&h),
        start,
        "the map moved, so this test would prove nothing"
    );
    let empty = country_mesh_colours(&h);
    assert!(
        world.difference(&empty).count() > 0,
        "the choropleth colours stayed after every station was filtered out"
    );
    apply(&mut h, Command::SetFilters(Filters::default()));
    assert_eq!(view(&h), start);
    assert_eq!(country_mesh_colours(&h), world);
    // Hovering Brazil (no click) draws its highlighted outline.
    let pos = common::screen_pos(&h, -51.9, -10.0);
    h.hover_at(pos);
    h.run();
    assert_eq!(view(&h), start);
    let hovered = country_mesh_colours(&h);
    assert!(
        hovered.difference(&world).count() > 0,
        "hovering Brazil drew no outline of its own"
    );
}

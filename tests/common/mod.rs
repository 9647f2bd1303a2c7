//! Shared set-up for the integration tests: the real app in a kittest harness, clicks at lon/lat,
//! and data files written to temporary directories that are removed when the test ends.

#![allow(dead_code)]

use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use overseas_stations::app::App;
use overseas_stations::ui::LinkOpener;

/// The app with the embedded data, links recorded instead of opened, in a 1280×800 harness.
pub fn harness() -> Harness<'static, App> {
    harness_with(App::embedded().expect("the embedded data loads"))
}

/// A harness around a prepared app.
pub fn harness_with(mut app: App) -> Harness<'static, App> {
    app.links = LinkOpener::Record(Vec::new());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(40)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    harness
}

/// Where a lon/lat is on screen, from walkers' own projector for the map as last drawn.
pub fn screen_pos(harness: &Harness<'_, App>, lon: f64, lat: f64) -> Pos2 {
    harness
        .state()
        .scene
        .view
        .projector()
        .project(walkers::lon_lat(lon, lat))
        .to_pos2()
}

/// Moves the pointer to a screen position and clicks the primary button there.
pub fn click_at(harness: &mut Harness<'_, App>, pos: Pos2) {
    harness.hover_at(pos);
    harness.step();
    harness.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.step();
    harness.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run();
}

/// Clicks the map at a lon/lat.
pub fn click_lonlat(harness: &mut Harness<'_, App>, lon: f64, lat: f64) {
    let pos = screen_pos(harness, lon, lat);
    assert!(
        harness.state().scene.view.rect.contains(pos),
        "({lon}, {lat}) is off the map at {pos:?}"
    );
    click_at(harness, pos);
}

/// A file written into a temporary directory of its own. The directory and the file are removed
/// when this is dropped, so keep it alive for as long as the path is used; it derefs to the path.
pub struct TempFile {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

impl TempFile {
    /// Writes `contents` to a file called `name` in a fresh temporary directory.
    pub fn new(name: &str, contents: impl AsRef<[u8]>) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(name);
        std::fs::write(&path, contents).expect("write temp file");
        Self { _dir: dir, path }
    }

    /// Where the file is.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }
}

impl AsRef<std::path::Path> for TempFile {
    fn as_ref(&self) -> &std::path::Path {
        &self.path
    }
}

impl std::ops::Deref for TempFile {
    type Target = std::path::Path;

    fn deref(&self) -> &std::path::Path {
        &self.path
    }
}

/// The embedded data without one station and without the sources only it cited: a valid file.
pub fn data_without_station(id: &str) -> String {
    use overseas_stations::data::EMBEDDED_DATA;
    let mut data: serde_json::Value = serde_json::from_str(EMBEDDED_DATA).expect("json");
    data["stations"]
        .as_array_mut()
        .expect("stations")
        .retain(|s| s["id"] != id);
    let text = serde_json::to_string_pretty(&data).expect("json");
    let file = overseas_stations::data::parse_str(&text, "x").expect("parses");
    let outlines = overseas_stations::geo::Outlines::embedded().expect("outlines");
    let orphans: Vec<String> = overseas_stations::data::validate(&file, Some(&text), &outlines)
        .into_iter()
        .filter(|p| p.message.contains("never referenced"))
        .map(|p| p.record)
        .collect();
    data["sources"]
        .as_array_mut()
        .expect("sources")
        .retain(|s| !orphans.iter().any(|o| s["id"] == o.as_str()));
    serde_json::to_string_pretty(&data).expect("json")
}

/// The app started with `--data` pointing at the embedded data as `edit` changes it, with Spain
/// selected; the temporary directory holding the file lives as long as the returned guard.
pub fn app_with_edited_data(
    edit: impl FnOnce(&mut overseas_stations::data::DataFile),
) -> (App, tempfile::TempDir) {
    use overseas_stations::data::{EMBEDDED_DATA, parse_str};
    let mut data = parse_str(EMBEDDED_DATA, "embedded").expect("parses");
    edit(&mut data);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("edited.json");
    std::fs::write(&path, serde_json::to_vec(&data).expect("json")).expect("write");
    let app = App::from_options(&overseas_stations::app::StartOptions {
        data: Some(path),
        select: Some("ES".to_owned()),
        screenshot: None,
    })
    .expect("the file loads");
    (app, dir)
}

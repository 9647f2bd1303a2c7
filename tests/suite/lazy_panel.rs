//! The side panel lays out only the blocks in view when nothing needs the whole content
//! (`ui::in_view`). What it shows must not change: scrolled through the overview, a country and
//! an open station, the texts painted (and where) are the same as with everything laid out.
//!
//! The kittest harness always runs with AccessKit, which makes the panel lay out everything, so
//! these tests drive the app with a plain `egui::Context`, as the frame benchmark does; a second
//! context with AccessKit on gives the full layout to compare with.

use egui::{
    Context, Event, Modifiers, MouseWheelSource, MouseWheelUnit, Pos2, RawInput, Rect, Shape,
    TouchPhase, pos2, vec2,
};
use overseas_stations::app::App;

const SIZE: egui::Vec2 = vec2(1280.0, 800.0);

/// A point over the side panel's details (the panel is on the right).
const OVER_PANEL: Pos2 = pos2(1200.0, 500.0);

struct Driver {
    ctx: Context,
    app: App,
    time: f64,
}

impl Driver {
    fn new(accesskit: bool, select: Option<&str>, station: Option<&str>) -> Self {
        let mut app = App::embedded().expect("embedded data");
        if let Some(iso) = select {
            app.model.select_country(Some(iso.to_owned()));
        }
        if let Some(id) = station {
            let index = app
                .model
                .data()
                .stations()
                .iter()
                .position(|s| s.id == id)
                .expect("station");
            app.model.select_station(index);
        }
        let ctx = Context::default();
        if accesskit {
            ctx.enable_accesskit();
        }
        Self {
            ctx,
            app,
            time: 0.0,
        }
    }

    /// One frame with these events; the texts painted on the panel's side of the window, with
    /// their positions: across to a point (the tab buttons differ by a twentieth of one with
    /// AccessKit on, laid out in part or not), down to a tenth.
    fn frame(&mut self, events: Vec<Event>) -> Vec<(String, i32, i32)> {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SIZE)),
            time: Some(self.time),
            events,
            ..Default::default()
        };
        let app = &mut self.app;
        let mut output = self.ctx.run_ui(input, |ui| app.ui(ui));
        output.textures_delta.clear();
        let panel_left = SIZE.x - self.app.ui_state.panel_width;
        let mut texts = Vec::new();
        for clipped in output.shapes {
            if let Shape::Text(text) = clipped.shape
                && text.pos.x >= panel_left
            {
                texts.push((
                    text.galley.text().to_owned(),
                    text.pos.x.round() as i32,
                    (text.pos.y * 10.0).round() as i32,
                ));
            }
        }
        texts
    }

    /// Scrolls the details by `points` and lets the scroll settle; what is then painted.
    fn scroll(&mut self, points: f32) -> Vec<(String, i32, i32)> {
        self.frame(vec![
            Event::PointerMoved(OVER_PANEL),
            Event::MouseWheel {
                unit: MouseWheelUnit::Point,
                delta: vec2(0.0, -points),
                phase: TouchPhase::Move,
                source: MouseWheelSource::Unknown,
                modifiers: Modifiers::default(),
            },
        ]);
        for _ in 0..30 {
            self.frame(Vec::new());
        }
        self.frame(Vec::new())
    }
}

/// Scrolls both apps down the whole panel in steps, comparing what each paints at every step;
/// returns the texts seen along the way.
fn compare_scrolling(select: Option<&str>, station: Option<&str>) -> Vec<String> {
    let mut lazy = Driver::new(false, select, station);
    let mut full = Driver::new(true, select, station);
    for _ in 0..5 {
        lazy.frame(Vec::new());
        full.frame(Vec::new());
    }
    let mut seen = Vec::new();
    for step in 0..40 {
        let a = lazy.scroll(350.0);
        let b = full.scroll(350.0);
        assert_eq!(
            a, b,
            "step {step}: the panel laid out in part paints what it paints laid out in full"
        );
        seen.extend(a.into_iter().map(|(text, _, _)| text));
    }
    seen
}

#[test]
fn the_overview_scrolled_to_its_end_shows_what_the_full_layout_shows() {
    let seen = compare_scrolling(None, None);
    // The overview's last section was reached (the panel was scrolled through, not stuck).
    assert!(
        seen.iter().any(|t| t == "What could not be placed"),
        "the last section was never painted"
    );
}

#[test]
fn a_country_and_an_open_station_scrolled_through_show_what_the_full_layout_shows() {
    let seen = compare_scrolling(Some("CA"), None);
    assert!(seen.iter().any(|t| t == "Host government response"));
    let seen = compare_scrolling(Some("IT"), Some("it-prato-1"));
    assert!(seen.iter().any(|t| t == "Stations"));
}

/// The check above must be able to fail: the panel laid out in part does skip what is out of
/// view (or the comparison would prove nothing).
#[test]
fn the_panel_without_accesskit_skips_what_is_out_of_view() {
    let mut lazy = Driver::new(false, None, None);
    for _ in 0..5 {
        lazy.frame(Vec::new());
    }
    let skipped = overseas_stations::ui::blocks_skipped(&lazy.ctx);
    assert!(skipped > 10, "{skipped} blocks skipped");
    let mut full = Driver::new(true, None, None);
    for _ in 0..5 {
        full.frame(Vec::new());
    }
    assert_eq!(overseas_stations::ui::blocks_skipped(&full.ctx), 0);
}

/// A drag that began in the panel may be selecting text, so everything is laid out; a drag on
/// the map (a pan, when frames matter most) leaves the panel laid out in part.
#[test]
fn a_drag_in_the_panel_lays_out_everything_and_a_pan_of_the_map_does_not() {
    let press = |pos: Pos2, pressed: bool| {
        vec![
            Event::PointerMoved(pos),
            Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::default(),
            },
        ]
    };
    let mut lazy = Driver::new(false, None, None);
    for _ in 0..5 {
        lazy.frame(Vec::new());
    }
    let on_map = pos2(400.0, 400.0);
    lazy.frame(press(on_map, true));
    lazy.frame(vec![Event::PointerMoved(on_map + vec2(30.0, 10.0))]);
    let panning = overseas_stations::ui::blocks_skipped(&lazy.ctx);
    lazy.frame(press(on_map + vec2(30.0, 10.0), false));
    lazy.frame(press(OVER_PANEL, true));
    lazy.frame(vec![Event::PointerMoved(OVER_PANEL + vec2(0.0, 40.0))]);
    let selecting = overseas_stations::ui::blocks_skipped(&lazy.ctx);
    assert!(
        panning > 10,
        "{panning} blocks skipped while panning the map"
    );
    assert_eq!(selecting, 0, "blocks skipped while dragging in the panel");
}

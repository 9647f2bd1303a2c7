//! Frame cost of the full app UI (`run_ui` + `tessellate`) at 1280×800, and the click hit test.
//!
//! `cargo bench --bench frame` (release). Criterion prints the median; the p95 figures come from
//! the `frame_percentiles` run printed first.

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Context, Event, Pos2, RawInput, Rect, vec2};
use overseas_stations::app::App;
use overseas_stations::geo::HitTolerance;

const SIZE: egui::Vec2 = vec2(1280.0, 800.0);

fn input(events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SIZE)),
        events,
        ..Default::default()
    }
}

/// One full frame: build the UI, then tessellate what it painted.
fn frame(ctx: &Context, app: &mut App, events: Vec<Event>) -> usize {
    let output = ctx.run_ui(input(events), |ui| app.ui(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    primitives.len()
}

fn warmed_app() -> (Context, App) {
    let ctx = Context::default();
    let mut app = App::embedded().expect("embedded data");
    for _ in 0..5 {
        frame(&ctx, &mut app, Vec::new());
    }
    (ctx, app)
}

fn percentiles(name: &str, mut run: impl FnMut()) {
    let mut times: Vec<Duration> = (0..300)
        .map(|_| {
            let t = Instant::now();
            run();
            t.elapsed()
        })
        .collect();
    times.sort();
    let pick = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    println!(
        "{name}: median {:.3} ms, p95 {:.3} ms, max {:.3} ms (300 frames)",
        pick(0.5).as_secs_f64() * 1e3,
        pick(0.95).as_secs_f64() * 1e3,
        pick(1.0).as_secs_f64() * 1e3
    );
}

fn benches(c: &mut Criterion) {
    let (ctx, mut app) = warmed_app();
    percentiles("world view frame", || {
        frame(&ctx, &mut app, Vec::new());
    });
    c.bench_function("frame/world_view", |b| {
        b.iter(|| frame(&ctx, &mut app, Vec::new()))
    });

    let (ctx, mut app) = warmed_app();
    app.select_country(Some("ES".into()));
    app.pending_fit = Some("ES".into());
    frame(&ctx, &mut app, Vec::new());
    c.bench_function("frame/spain_selected", |b| {
        b.iter(|| frame(&ctx, &mut app, Vec::new()))
    });

    let app = App::embedded().expect("embedded data");
    let tolerance = HitTolerance::pixels(4.0, 6.0, 2.0);
    c.bench_function("hit_test/country_click", |b| {
        b.iter(|| {
            app.outlines.hit_test(
                std::hint::black_box(-3.7),
                std::hint::black_box(40.4),
                tolerance,
            )
        })
    });
    c.bench_function("hit_test/ocean_click", |b| {
        b.iter(|| {
            app.outlines.hit_test(
                std::hint::black_box(-35.0),
                std::hint::black_box(30.0),
                tolerance,
            )
        })
    });

    c.bench_function("startup/parse_data_and_outlines", |b| {
        b.iter(|| App::embedded().expect("loads"))
    });
}

criterion_group! {
    name = frame_benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(4));
    targets = benches
}
criterion_main!(frame_benches);

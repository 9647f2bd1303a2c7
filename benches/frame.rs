//! Performance figures of issue 4, on this machine, release build, no GPU:
//! frame cost of the full app UI (`run_ui` + `tessellate`) at 1280×800, a pan/zoom sweep through
//! every allowed zoom, the click hit test, start-up preparation, and 100,000 synthetic stations.
//!
//! `cargo bench --bench frame` prints a summary table first (median / p95 / max over many
//! frames), then criterion's own estimates.

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Context, Pos2, RawInput, Rect, vec2};
use overseas_stations::app::App;
use overseas_stations::data::{
    DataFile, DataSet, DataSource, Location, Precision, Source, Station,
};
use overseas_stations::geo::{HitTolerance, Outlines};
use overseas_stations::map::MAX_ZOOM;

const SIZE: egui::Vec2 = vec2(1280.0, 800.0);

fn input() -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SIZE)),
        ..Default::default()
    }
}

/// One full frame: build the UI, then tessellate what it painted.
fn frame(ctx: &Context, app: &mut App) -> usize {
    let mut output = ctx.run_ui(input(), |ui| app.ui(ui));
    // No GPU here: font texture updates are dropped, as a renderer would have consumed them.
    output.textures_delta.clear();
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn warmed(mut app: App) -> (Context, App) {
    app.scene.build_levels_of_detail_now(&app.model);
    let ctx = Context::default();
    for _ in 0..5 {
        frame(&ctx, &mut app);
    }
    (ctx, app)
}

struct Stats {
    median: Duration,
    p95: Duration,
    max: Duration,
}

fn stats(mut times: Vec<Duration>) -> Stats {
    times.sort();
    let pick = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    Stats {
        median: pick(0.5),
        p95: pick(0.95),
        max: pick(1.0),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn time_frames(n: usize, mut run: impl FnMut(usize)) -> Stats {
    stats(
        (0..n)
            .map(|k| {
                let t = Instant::now();
                run(k);
                t.elapsed()
            })
            .collect(),
    )
}

/// 100,000 stations on a regular lon/lat lattice (spread over the world, land and sea alike).
fn synthetic(n: usize) -> App {
    let mut app = App::embedded().expect("embedded data");
    let outlines = (**app.model.outlines()).clone();
    let source = Source {
        id: "synthetic".into(),
        publisher: "benchmark".into(),
        url: "https://example.org".into(),
        date: "2024".into(),
        kind: "other".into(),
        ..Source::default()
    };
    let side = (n as f64).sqrt().ceil() as usize;
    let stations = (0..n)
        .map(|k| Station {
            id: format!("xx-synthetic-{k}"),
            country: "US".into(),
            city: format!("Point {k}"),
            location: Location {
                lat: -60.0 + 140.0 * ((k / side) as f64 + 0.5) / side as f64,
                lon: -180.0 + 360.0 * ((k % side) as f64 + 0.5) / side as f64,
                precision: Precision::City,
                ..Location::default()
            },
            bureau: "unknown".into(),
            first_reported: "2022-09-12".into(),
            sources: vec!["synthetic".into()],
            ..Station::default()
        })
        .collect();
    let file = DataFile {
        meta: app.model.data().file.meta.clone(),
        sources: vec![source],
        stations,
        ..DataFile::default()
    };
    app = App::new(DataSet::new(file, DataSource::Embedded), outlines);
    app
}

/// Europe at zoom 5: the densest part of the map (markers, clusters and labels).
fn europe_view(app: &mut App) {
    app.scene.view.set_zoom(5.0);
    app.scene
        .view
        .memory
        .center_at(walkers::lon_lat(10.0, 50.0));
}

/// `FRAME_PROFILE=world|europe cargo bench --bench frame`: only that view's frames, for 3,000
/// frames, so that a profiler (`perf record`) sees nothing else. Prints nothing but the median.
fn profile_loop(ctx: &Context, app: &mut App, view: &str) {
    if view == "europe" {
        europe_view(app);
    }
    let times = time_frames(3000, |_| {
        frame(ctx, app);
    });
    println!("{view}: median {}", ms(times.median));
}

fn summary() {
    // The same allocator tuning as the app's binary.
    overseas_stations::memory::tune_allocator();
    println!("\n== overseas-stations performance (release, 1280x800, CPU only) ==");

    let (ctx, mut app) = warmed(App::embedded().expect("embedded data"));
    if let Some(view) = std::env::var_os("FRAME_PROFILE") {
        profile_loop(&ctx, &mut app, &view.to_string_lossy());
        return;
    }
    let world = time_frames(300, |_| {
        frame(&ctx, &mut app);
    });
    println!(
        "world-view frame:            median {}  p95 {}  max {}",
        ms(world.median),
        ms(world.p95),
        ms(world.max)
    );

    europe_view(&mut app);
    let europe = time_frames(300, |_| {
        frame(&ctx, &mut app);
    });
    println!(
        "Europe, zoom 5 frame:        median {}  p95 {}  max {}",
        ms(europe.median),
        ms(europe.p95),
        ms(europe.max)
    );

    // A country selected: its panel (Canada: the most host-government responses) beside Europe.
    app.model.select_country(Some("CA".to_owned()));
    let country = time_frames(300, |_| {
        frame(&ctx, &mut app);
    });
    app.model.select_country(None);
    println!(
        "Canada selected frame:       median {}  p95 {}  max {}",
        ms(country.median),
        ms(country.p95),
        ms(country.max)
    );

    // Pan: move the centre a few pixels per frame across the map at zoom 3.
    app.scene.view.set_zoom(3.0);
    let pan = time_frames(240, |k| {
        let lon = -170.0 + (k as f64) * 1.4;
        app.scene.view.memory.center_at(walkers::lon_lat(lon, 30.0));
        frame(&ctx, &mut app);
    });
    // Zoom: from the whole world to the deepest zoom and back in quarter levels, crossing every
    // level-of-detail switch.
    app.scene.view.whole_world();
    app.scene
        .view
        .memory
        .center_at(walkers::lon_lat(2.35, 48.85));
    let min = app.scene.view.min_zoom();
    let steps = ((MAX_ZOOM - min) / 0.25).ceil() as usize;
    let zoom = time_frames(2 * steps + 1, |k| {
        let level = if k <= steps { k } else { 2 * steps - k };
        app.scene.view.set_zoom(min + level as f64 * 0.25);
        frame(&ctx, &mut app);
    });
    println!(
        "pan sweep (240 frames):      median {}  p95 {}  max {}",
        ms(pan.median),
        ms(pan.p95),
        ms(pan.max)
    );
    println!(
        "zoom sweep ({} frames):      median {}  p95 {}  max {}",
        2 * steps + 1,
        ms(zoom.median),
        ms(zoom.p95),
        ms(zoom.max)
    );

    let outlines = Outlines::embedded().expect("outlines");
    let tolerance = HitTolerance::pixels(4.0, 6.0, 2.0);
    let clicks = [
        (-3.7, 40.4),
        (-35.0, 30.0),
        (103.8, 1.35),
        (-74.0, 40.71),
        (100.0, 60.0),
    ];
    let hits = time_frames(5000, |k| {
        let (lon, lat) = clicks[k % clicks.len()];
        std::hint::black_box(outlines.hit_test(lon, lat, tolerance));
    });
    println!(
        "click hit test:              median {:.1} µs  p95 {:.1} µs  max {:.1} µs",
        hits.median.as_secs_f64() * 1e6,
        hits.p95.as_secs_f64() * 1e6,
        hits.max.as_secs_f64() * 1e6
    );

    // What happens before the first frame: parse both files, triangulate and index. (The levels
    // of detail are built afterwards in a background thread; measured separately below.)
    let startup = time_frames(20, |_| {
        let outlines = Outlines::embedded().expect("outlines");
        let file =
            overseas_stations::data::parse_str(overseas_stations::data::EMBEDDED_DATA, "embedded")
                .expect("data");
        std::hint::black_box((outlines, DataSet::new(file, DataSource::Embedded)));
    });
    println!(
        "start-up preparation:        median {}  max {}  (parse data + outlines, triangulate)",
        ms(startup.median),
        ms(startup.max)
    );
    let lod_outlines = Outlines::embedded().expect("outlines");
    let lod = time_frames(3, |_| {
        std::hint::black_box(overseas_stations::map::lod::LodSet::build_all(
            &lod_outlines,
        ));
    });
    println!(
        "  + all 9 levels of detail:  median {}  (built in a background thread at start)",
        ms(lod.median)
    );

    let (ctx, mut big) = warmed(synthetic(100_000));
    let big_world = time_frames(60, |_| {
        frame(&ctx, &mut big);
    });
    big.scene.view.set_zoom(7.0);
    big.scene
        .view
        .memory
        .center_at(walkers::lon_lat(10.0, 45.0));
    let big_zoomed = time_frames(60, |_| {
        frame(&ctx, &mut big);
    });
    println!(
        "100k stations, world view:   median {}  p95 {}  max {}",
        ms(big_world.median),
        ms(big_world.p95),
        ms(big_world.max)
    );
    println!(
        "100k stations, zoom 7:       median {}  p95 {}  max {}",
        ms(big_zoomed.median),
        ms(big_zoomed.p95),
        ms(big_zoomed.max)
    );
    println!();
}

fn benches(c: &mut Criterion) {
    // `cargo bench` passes --bench; `cargo test --benches` (CI's quick check) does not, and then
    // criterion runs each benchmark once, so the long summary is skipped.
    if std::env::args().any(|a| a == "--bench") {
        summary();
    }
    let (ctx, mut app) = warmed(App::embedded().expect("embedded data"));
    c.bench_function("frame/world_view", |b| b.iter(|| frame(&ctx, &mut app)));

    let outlines = Outlines::embedded().expect("outlines");
    let tolerance = HitTolerance::pixels(4.0, 6.0, 2.0);
    c.bench_function("hit_test/country_click", |b| {
        b.iter(|| {
            outlines.hit_test(
                std::hint::black_box(-3.7),
                std::hint::black_box(40.4),
                tolerance,
            )
        })
    });
    c.bench_function("hit_test/ocean_click", |b| {
        b.iter(|| {
            outlines.hit_test(
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
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(frame_benches);

//! Command line → the app, a screenshot, `check` or `export`. Everything else lives in the
//! library.

#![deny(clippy::unwrap_used, clippy::expect_used)]

use clap::Parser as _;

use overseas_stations::app::App;
use overseas_stations::cli::{Cli, Command, run_check, run_diff, run_export};
use overseas_stations::data::{printable, printable_path};
use overseas_stations::settings::STORAGE_KEY;

fn main() {
    keep_frame_buffers_off_mmap();
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn"))
        // One warning per failed tile would spam the log while offline; the map shows a notice.
        .filter_module("walkers::io::fetch", log::LevelFilter::Error)
        .init();
    let cli = Cli::parse();
    let code = match &cli.command {
        Some(Command::Check { file, strict }) => {
            let file = file.as_deref().or(cli.data.as_deref());
            run_check(file, *strict, &mut std::io::stdout())
        }
        Some(Command::Diff {
            old,
            new,
            changelog_into,
        }) => run_diff(old, new, changelog_into.as_deref(), &mut std::io::stdout()),
        Some(Command::Export(args)) => {
            let args = args.with_top_level_filters(&cli.filters);
            run_export(&args, cli.data.as_deref(), &mut std::io::stdout())
        }
        None => run_app(&cli),
    };
    std::process::exit(code);
}

fn run_app(cli: &Cli) -> i32 {
    let mut app = match App::from_options(&cli.start_options()) {
        Ok(app) => app,
        Err(err) => {
            eprintln!("overseas-stations: {}", printable(&err.to_string()));
            return 1;
        }
    };
    let flag_filters = match cli.filters.to_filters() {
        Ok(filters) => filters,
        Err(err) => {
            eprintln!("overseas-stations: {}", printable(&err.to_string()));
            return 1;
        }
    };
    let screenshot = app.screenshot.as_ref().map(|job| job.outcome());
    let (w, h) = cli.size.unwrap_or((1280.0, 800.0));
    let title = match &app.data.origin {
        overseas_stations::data::DataSource::File(path) => {
            format!("Overseas police stations — {}", printable_path(path))
        }
        overseas_stations::data::DataSource::Embedded => "Overseas police stations".to_owned(),
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([w, h])
            .with_min_inner_size([640.0, 400.0])
            .with_title(title),
        renderer: eframe::Renderer::Glow,
        // A screenshot must have exactly the requested size, not a remembered one.
        persist_window: screenshot.is_none(),
        ..Default::default()
    };
    app.links = overseas_stations::ui::LinkOpener::System;
    let remember = screenshot.is_none();
    let tiles = cli.tiles.clone();
    let reopen_data_file = cli.data.is_none();
    let result = eframe::run_native(
        "overseas-stations",
        options,
        Box::new(move |cc| {
            // A screenshot shows exactly what the command line asks for, not remembered state.
            if remember && let Some(text) = cc.storage.and_then(|s| s.get_string(STORAGE_KEY)) {
                app.restore_settings(&text, reopen_data_file);
            }
            if flag_filters.is_active() {
                app.filters = flag_filters;
            }
            if let Some(basemap) = tiles {
                app.set_basemap(basemap);
            }
            Ok(Box::new(GuiApp(app)))
        }),
    );
    if let Err(err) = result {
        eprintln!("overseas-stations: cannot open a window: {err}");
        return 1;
    }
    match screenshot {
        None => 0,
        Some(outcome) => match outcome.lock().ok().and_then(|mut o| o.take()) {
            Some(Ok(())) => {
                warn_if_resized(cli, (w, h));
                0
            }
            Some(Err(err)) => {
                eprintln!("overseas-stations: {}", printable(&err.to_string()));
                1
            }
            None => {
                eprintln!("overseas-stations: the window closed before the screenshot was taken");
                1
            }
        },
    }
}

struct GuiApp(App);

impl eframe::App for GuiApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.0.ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.0.screenshot.is_none() {
            storage.set_string(STORAGE_KEY, self.0.settings().to_json());
        }
    }
}

/// Frames allocate and free megabyte-sized vertex buffers. glibc serves blocks above its mmap
/// threshold (128 KiB until it adapts) with mmap/munmap, so every frame paid page faults, and
/// frame times varied threefold between runs depending on whether the threshold had adapted.
/// Fixed thresholds keep such buffers in the heap (measured: steady ~1 ms frames, and less peak
/// memory than switching to mimalloc).
fn keep_frame_buffers_off_mmap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning parameters; it is called before any other
    // thread exists and takes plain integers.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 64 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 << 20);
    }
}

/// The window system may refuse a window as large as `--size` asked (larger than the screen, or
/// than its limits) and give a smaller one: the PNG then has that size, and the user is told.
fn warn_if_resized(cli: &Cli, (w, h): (f32, f32)) {
    let Some(path) = &cli.screenshot else {
        return;
    };
    match image::image_dimensions(path) {
        Ok((pw, ph)) if (pw, ph) != (w as u32, h as u32) => eprintln!(
            "overseas-stations: the window system gave a {pw}x{ph} window instead of the {}x{} asked for with --size; {} is {pw}x{ph}",
            w as u32,
            h as u32,
            printable_path(path)
        ),
        _ => {}
    }
}

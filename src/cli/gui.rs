//! Running the app in a window (eframe): with no subcommand, or with `--screenshot`, which
//! renders the map to a PNG file and exits.

use crate::app::App;
use crate::data::{DataSource, printable, printable_path};
use crate::settings::STORAGE_KEY;

use super::args::Cli;

/// Opens the window and runs the app until it closes (or, with `--screenshot`, until the
/// screenshot is written). Returns the exit code: 0, or 1 after a message on standard error.
pub fn run_gui(cli: &Cli) -> i32 {
    let mut app = match App::from_options(&cli.start_options()) {
        Ok(app) => app,
        Err(err) => {
            eprintln!("overseas-stations: {}", printable(&err.to_string()));
            return 1;
        }
    };
    // A picture of other data than the file asked for would mislead: with `--screenshot`, a data
    // file that cannot be used ends the run with its problems (the window shows them instead).
    if app.screenshot.is_some()
        && let Some(report) = &app.load_report
    {
        for line in &report.lines {
            eprintln!("{}", printable(line));
        }
        eprintln!(
            "overseas-stations: --data {}: the file cannot be used ({} problem{}); no screenshot written",
            printable(&report.file),
            report.lines.len(),
            if report.lines.len() == 1 { "" } else { "s" }
        );
        return 1;
    }
    let flag_filters = cli.filters.to_filters();
    let screenshot = app.screenshot.as_ref().map(|job| job.outcome());
    let (w, h) = cli.size.unwrap_or((1280.0, 800.0));
    let title = match &app.model.data().origin {
        DataSource::File(path) => {
            format!("Overseas police stations — {}", printable_path(path))
        }
        DataSource::Embedded => "Overseas police stations".to_owned(),
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([w, h])
            .with_min_inner_size([640.0, 400.0])
            .with_title(title)
            // The desktop entry has this name, so the desktop ties the window to it and its icon.
            .with_app_id(crate::APP_ID)
            .with_icon(window_icon()),
        renderer: eframe::Renderer::Glow,
        // A screenshot must have exactly the requested size, not a remembered one.
        persist_window: screenshot.is_none(),
        ..Default::default()
    };
    app.links = crate::ui::LinkOpener::System;
    let remember = screenshot.is_none();
    let tiles = cli.tiles.clone();
    let theme = cli.theme;
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
                app.model.set_filters(flag_filters);
            }
            if let Some(basemap) = tiles {
                app.scene.set_basemap(basemap);
            }
            if let Some(theme) = theme {
                cc.egui_ctx.set_theme(theme.egui());
            }
            // The world's level of detail, asked for at start, is being built: the first frame
            // draws it rather than every outline at full detail (the slowest frame under
            // software rendering, and the memory peak). A remembered view at another zoom, or a
            // fit, does not wait.
            if app.scene.pending_fit.is_none() {
                app.scene
                    .wait_for_level_of_detail(std::time::Duration::from_millis(600));
            }
            Ok(Box::new(GuiApp(app, 0)))
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

/// The app as eframe runs it: draws each frame, and remembers the settings (except while taking
/// a screenshot, which must not overwrite what the user set). Counts its first frames.
struct GuiApp(App, u32);

impl eframe::App for GuiApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        // Launch time, logged at `RUST_LOG=overseas_stations=info` (tools/perf.sh reads it):
        // eframe paints and presents a frame before it begins the next, so the second frame's
        // beginning is when the first was on screen.
        if self.1 < 2 {
            self.1 += 1;
            let ms = super::process::since_launch().as_secs_f64() * 1000.0;
            match self.1 {
                1 => log::info!("launch: the first frame begins {ms:.0} ms after launch"),
                _ => log::info!("launch: the first frame was on screen {ms:.0} ms after launch"),
            }
        }
        self.0.ui(ui);
    }

    /// A screenshot shows what the command line asks for: wherever the system's pointer happens
    /// to be (over the window on a desktop, or in the middle of an Xvfb screen), it hovers
    /// nothing, so no tooltip or hover outline gets into the picture.
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.0.screenshot.is_some() {
            raw_input.events.retain(|event| {
                !matches!(
                    event,
                    egui::Event::PointerMoved(_)
                        | egui::Event::MouseMoved(_)
                        | egui::Event::PointerButton { .. }
                        | egui::Event::MouseWheel { .. }
                        | egui::Event::Zoom(_)
                        | egui::Event::Rotate(_)
                        | egui::Event::Touch { .. }
                )
            });
            raw_input.events.push(egui::Event::PointerGone);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.0.screenshot.is_none() {
            storage.set_string(STORAGE_KEY, self.0.settings().to_json());
        }
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

/// The app icon for the window's title bar and task switcher (the 128 px rendering of
/// assets/icons/overseas-stations.svg; the package installs the same drawing in the icon theme).
fn window_icon() -> egui::IconData {
    const PNG: &[u8] =
        include_bytes!("../../assets/icons/hicolor/128x128/apps/overseas-stations.png");
    eframe::icon_data::from_png_bytes(PNG).unwrap_or_else(|e| {
        // Embedded at build time, so this is a build defect; the window still opens without it.
        log::warn!("the embedded window icon could not be decoded: {e}");
        egui::IconData::default()
    })
}

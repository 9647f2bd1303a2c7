//! `--screenshot OUT.png`: render the window, write a PNG, close.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};

/// Where the outcome of a screenshot is left for `main` to turn into the exit code.
pub type Outcome = Arc<Mutex<Option<Result<(), crate::Error>>>>;

/// Frames to let pass before capturing, so fonts, layout and panel sizes have settled.
const SETTLE_FRAMES: u32 = 4;

/// The longest a screenshot waits for map tiles before capturing what it has.
pub const TILE_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// A screenshot in progress.
pub struct ScreenshotJob {
    path: PathBuf,
    frames: u32,
    started: Option<std::time::Instant>,
    pending: Option<Receiver<Result<(), crate::Error>>>,
    done: bool,
    outcome: Outcome,
}

impl ScreenshotJob {
    /// A job that will write to `path`.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            frames: 0,
            started: None,
            pending: None,
            done: false,
            outcome: Outcome::default(),
        }
    }

    /// A handle on the outcome, readable after the window has closed.
    pub fn outcome(&self) -> Outcome {
        self.outcome.clone()
    }

    /// Called once per frame: waits for the frame to settle and for the map to be final (the
    /// level of detail of its zoom built and, with a basemap, the visible tiles arrived or
    /// failed; at most [`TILE_WAIT`]), requests the capture, then closes the
    /// window when the PNG is written.
    pub fn step(&mut self, ctx: &egui::Context, map_settled: bool) {
        if self.done {
            return;
        }
        if let Some(rx) = &self.pending {
            if let Ok(result) = rx.try_recv() {
                if let Ok(mut outcome) = self.outcome.lock() {
                    *outcome = Some(result);
                }
                self.done = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            return;
        }
        self.frames += 1;
        let started = *self.started.get_or_insert_with(std::time::Instant::now);
        if self.frames < SETTLE_FRAMES {
            ctx.request_repaint();
            return;
        }
        if !map_settled && started.elapsed() < TILE_WAIT {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return;
        }
        let (tx, rx) = channel();
        let path = self.path.clone();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let _ = tx.send(write_png(&path, &image));
            repaint.request_repaint();
        });
        self.pending = Some(rx);
        ctx.request_repaint();
    }
}

/// Writes an image as PNG atomically: to a temporary file beside the target, then renamed.
pub fn write_png(path: &Path, image: &egui::ColorImage) -> Result<(), crate::Error> {
    let [width, height] = image.size;
    // The pixels' own bytes (RGBA, as `Color32::to_array` gives them): no copy of the frame.
    let mut encoded = Vec::new();
    image::codecs::png::PngEncoder::new(&mut encoded)
        .write_image(
            image.as_raw(),
            width as u32,
            height as u32,
            image::ExtendedColorType::Rgba8,
        )
        .map_err(|source| crate::Error::EncodePng {
            path: path.to_owned(),
            source,
        })?;
    Ok(crate::write_atomically(path, &encoded)?)
}

use image::ImageEncoder as _;

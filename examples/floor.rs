//! The memory floor of the graphics stack: an empty eframe window (the app's renderer, glow)
//! that writes a screenshot as `--screenshot` does and exits. `tools/perf.sh` prints its peak
//! resident set beside the app's, so what the app itself adds can be told from what any egui
//! window costs on the same machine (under software GL: Mesa llvmpipe's libraries and buffers).
//!
//! `cargo run --release --example floor -- OUT.png [WIDTHxHEIGHT]`

use std::sync::mpsc::{Receiver, channel};

struct Floor {
    out: std::path::PathBuf,
    frames: u32,
    pending: Option<Receiver<Result<(), String>>>,
}

impl eframe::App for Floor {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ui.label("An empty egui window.");
        let ctx = ui.ctx().clone();
        if let Some(rx) = &self.pending {
            if let Ok(result) = rx.try_recv() {
                if let Err(err) = result {
                    eprintln!("floor: {err}");
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            return;
        }
        // As the app's screenshot: let four frames settle, then capture.
        self.frames += 1;
        if self.frames < 4 {
            ctx.request_repaint();
            return;
        }
        let (tx, rx) = channel();
        let out = self.out.clone();
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let [w, h] = image.size;
            let written = image::save_buffer(
                &out,
                image.as_raw(),
                w as u32,
                h as u32,
                image::ExtendedColorType::Rgba8,
            )
            .map_err(|e| e.to_string());
            let _ = tx.send(written);
            repaint.request_repaint();
        });
        self.pending = Some(rx);
        ctx.request_repaint();
    }
}

fn main() -> eframe::Result {
    let mut args = std::env::args_os().skip(1);
    let out = args.next().map_or_else(|| "floor.png".into(), Into::into);
    let (w, h) = args
        .next()
        .and_then(|s| {
            let s = s.to_string_lossy().into_owned();
            let (w, h) = s.split_once('x')?;
            Some((w.parse().ok()?, h.parse().ok()?))
        })
        .unwrap_or((1280.0, 800.0));
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([w, h]),
        renderer: eframe::Renderer::Glow,
        persist_window: false,
        ..Default::default()
    };
    eframe::run_native(
        "floor",
        options,
        Box::new(|_cc| {
            Ok(Box::new(Floor {
                out,
                frames: 0,
                pending: None,
            }))
        }),
    )
}

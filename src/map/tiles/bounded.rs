//! [`BoundedTiles`]: walkers' `HttpTiles` rebuilt around the bounded [`Fetcher`] and
//! [`decode_tile`], behaving the same towards the rest of the layer (a tile is requested once,
//! a failed one stays missing, finished tiles are taken in at the next `at` call,
//! `stats().in_progress` counts queued and running downloads), but with a size and a time limit
//! on everything a server sends.

use std::collections::{HashMap, VecDeque};
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use egui::{Rect, TextureOptions, pos2};
use walkers::sources::Attribution;
use walkers::{Tile, TileId, TilePiece, Tiles};

use super::TileLimits;
use super::basemap::Provider;
use super::decode::decode_tile;
use super::fetch::Fetcher;
use super::generation::Started;
use super::limits::Traffic;

/// Tiles kept in memory (as textures) per generation; walkers keeps as many.
const MEMORY_TILES: usize = 256;

/// Downloads with bounds, decodes with bounds, keeps textures. One per layer generation.
pub(super) struct BoundedTiles {
    provider: Provider,
    shared: Arc<Shared>,
    started: Arc<Started>,
    /// `None`: requested (downloading or failed); never requested again in this generation.
    memory: HashMap<TileId, (Option<Tile>, u64)>,
    clock: u64,
    queue_limit: usize,
    /// Set when this generation is dropped: downloads still running write nothing to disk.
    cancelled: Arc<AtomicBool>,
}

/// What the worker threads and the layer share.
struct Shared {
    queue: Mutex<Queue>,
    wake: Condvar,
    finished: Mutex<Vec<(TileId, Tile)>>,
    in_progress: AtomicUsize,
}

#[derive(Default)]
struct Queue {
    tiles: VecDeque<TileId>,
    closed: bool,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl BoundedTiles {
    pub(super) fn new(
        provider: &Provider,
        ctx: &egui::Context,
        cache_dir: Option<&Path>,
        limits: TileLimits,
        traffic: &Arc<Traffic>,
        started: Arc<Started>,
    ) -> Self {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            wake: Condvar::new(),
            finished: Mutex::new(Vec::new()),
            in_progress: AtomicUsize::new(0),
        });
        let cancelled = Arc::new(AtomicBool::new(false));
        let fetcher = Arc::new(Fetcher::new(
            cache_dir,
            limits,
            Arc::clone(traffic),
            Arc::clone(&cancelled),
        ));
        let workers = provider.max_parallel().max(1);
        for i in 0..workers {
            let worker = Worker {
                shared: Arc::clone(&shared),
                fetcher: Arc::clone(&fetcher),
                provider: provider.clone(),
                ctx: ctx.clone(),
                limits,
                traffic: Arc::clone(traffic),
            };
            if let Err(err) = std::thread::Builder::new()
                .name(format!("tile-download-{i}"))
                .spawn(move || worker.run())
            {
                log::warn!("cannot start a tile download thread: {err}");
            }
        }
        Self {
            provider: provider.clone(),
            shared,
            started,
            memory: HashMap::new(),
            clock: 0,
            queue_limit: workers,
            cancelled,
        }
    }

    /// Downloads queued or running.
    pub(super) fn in_progress(&self) -> usize {
        self.shared.in_progress.load(Ordering::SeqCst)
    }

    fn take_finished(&mut self) {
        let finished = std::mem::take(&mut *lock(&self.shared.finished));
        for (tile_id, tile) in finished {
            self.remember(tile_id, Some(tile));
        }
    }

    fn remember(&mut self, tile_id: TileId, tile: Option<Tile>) {
        self.clock += 1;
        self.memory.insert(tile_id, (tile, self.clock));
        if self.memory.len() > MEMORY_TILES
            && let Some(oldest) = self
                .memory
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(id, _)| *id)
        {
            self.memory.remove(&oldest);
        }
    }

    /// Queues `tile_id` unless it was requested before. When the queue is full the tile is not
    /// noted, so it is asked for again while it is still visible (newer requests go first).
    fn make_sure_is_fetched(&mut self, tile_id: TileId) {
        if self.memory.contains_key(&tile_id) {
            return;
        }
        {
            let mut queue = lock(&self.shared.queue);
            if queue.closed || queue.tiles.len() >= self.queue_limit {
                return;
            }
            queue.tiles.push_back(tile_id);
            self.shared.in_progress.fetch_add(1, Ordering::SeqCst);
        }
        self.started.note(tile_id);
        self.shared.wake.notify_one();
        self.remember(tile_id, None);
    }

    /// That tile if it is here, otherwise the part of the nearest lower-zoom one covering the
    /// same ground.
    fn best_available(&mut self, tile_id: TileId) -> Option<TilePiece> {
        let mut zoom = tile_id.zoom;
        loop {
            let (donor, uv) = lower_zoom_piece(tile_id, zoom);
            if let Some((Some(tile), used)) = self.memory.get_mut(&donor) {
                self.clock += 1;
                *used = self.clock;
                return Some(TilePiece::new(tile.clone(), uv));
            }
            zoom = zoom.checked_sub(1)?;
        }
    }
}

impl Drop for BoundedTiles {
    fn drop(&mut self) {
        // The workers finish what they are doing (bounded by the limits) and exit; nobody
        // waits for them, so dropping a layer never blocks the UI.
        self.cancelled.store(true, Ordering::SeqCst);
        lock(&self.shared.queue).closed = true;
        self.shared.wake.notify_all();
    }
}

/// The tile at `zoom` containing `tile_id`, and the part of it that `tile_id` covers.
fn lower_zoom_piece(tile_id: TileId, zoom: u8) -> (TileId, Rect) {
    let dz = u32::from(tile_id.zoom.saturating_sub(zoom)).min(31);
    let scale = 1u32 << dz;
    let donor = TileId {
        x: tile_id.x / scale,
        y: tile_id.y / scale,
        zoom: tile_id.zoom - dz as u8,
    };
    let z = 1.0 / scale as f32;
    let (u, v) = (
        (tile_id.x % scale) as f32 * z,
        (tile_id.y % scale) as f32 * z,
    );
    (donor, Rect::from_min_max(pos2(u, v), pos2(u + z, v + z)))
}

fn is_valid(tile_id: TileId) -> bool {
    tile_id.zoom <= 30 && {
        let n = 1u32 << tile_id.zoom;
        tile_id.x < n && tile_id.y < n
    }
}

impl Tiles for BoundedTiles {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        self.take_finished();
        if !is_valid(tile_id) {
            return None;
        }
        let max_zoom = self.provider.max_zoom();
        let to_fetch = if tile_id.zoom > max_zoom {
            lower_zoom_piece(tile_id, max_zoom).0
        } else {
            tile_id
        };
        self.make_sure_is_fetched(to_fetch);
        self.best_available(tile_id)
    }

    fn attribution(&self) -> Attribution {
        self.provider.attribution()
    }

    fn tile_size(&self) -> u32 {
        256
    }

    fn stats(&self) -> walkers::Stats {
        walkers::Stats {
            in_progress: self.in_progress(),
        }
    }
}

/// One download thread.
struct Worker {
    shared: Arc<Shared>,
    fetcher: Arc<Fetcher>,
    provider: Provider,
    ctx: egui::Context,
    limits: TileLimits,
    traffic: Arc<Traffic>,
}

impl Worker {
    fn run(self) {
        while let Some(tile_id) = self.next() {
            let url = self.provider.url(tile_id);
            // A decoder bug must not take the thread (and with it the in-progress count) down.
            let loaded = std::panic::catch_unwind(AssertUnwindSafe(|| self.load(&url)));
            match loaded {
                Ok(Ok(tile)) => {
                    lock(&self.shared.finished).push((tile_id, tile));
                    // After the push: whoever sees 0 in progress finds the tile queued.
                    self.shared.in_progress.fetch_sub(1, Ordering::SeqCst);
                    self.ctx.request_repaint();
                }
                Ok(Err(err)) => {
                    log::warn!("map tile {url}: {err}");
                    self.shared.in_progress.fetch_sub(1, Ordering::SeqCst);
                }
                Err(_) => {
                    log::error!("map tile {url}: decoding panicked; the tile is skipped");
                    self.traffic.note_refusal(format!("{url}: decoding failed"));
                    self.shared.in_progress.fetch_sub(1, Ordering::SeqCst);
                }
            }
        }
    }

    /// The next tile to download, newest request first; `None` once the generation is gone.
    fn next(&self) -> Option<TileId> {
        let mut queue = lock(&self.shared.queue);
        loop {
            if queue.closed {
                return None;
            }
            if let Some(tile_id) = queue.tiles.pop_back() {
                return Some(tile_id);
            }
            queue = self
                .shared
                .wake
                .wait(queue)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }

    fn load(&self, url: &str) -> Result<Tile, TileError> {
        let fetched = self.fetcher.fetch(url).inspect_err(|err| {
            if err.is_refusal() {
                self.traffic.note_refusal(format!("{url}: {err}"));
            }
        })?;
        // Never more than the GPU takes, whatever the limits say (egui's painter panics).
        let gpu_side = self.ctx.input(|i| i.max_texture_side);
        let limits = TileLimits {
            max_texture_side: self
                .limits
                .max_texture_side
                .min(u32::try_from(gpu_side).unwrap_or(u32::MAX)),
            ..self.limits
        };
        match decode_tile(&fetched.body, &limits) {
            Ok(image) => Ok(Tile::Raster(self.ctx.load_texture(
                "map tile",
                image,
                TextureOptions::default(),
            ))),
            Err(err) => {
                // Not usable now, not usable at the next start either.
                self.fetcher.forget(url);
                self.traffic.note_refusal(format!("{url}: {err}"));
                Err(err.into())
            }
        }
    }
}

/// Why a tile was not loaded: the download failed, or what came is not a tile.
#[derive(Debug, thiserror::Error)]
enum TileError {
    #[error(transparent)]
    Fetch(#[from] super::fetch::FetchError),
    #[error(transparent)]
    Refused(#[from] super::decode::TileRefused),
}

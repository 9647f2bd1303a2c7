//! The online basemap layer ([`TileLayer`]): a walkers [`Tiles`] source that records what each
//! frame asked for, and the public face of the basemap (status, attribution, limits, cache).
//! How it decides that tiles failed and when to retry is in `retry`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use walkers::sources::Attribution;
use walkers::{TileId, TilePiece, Tiles};

use super::basemap::{Basemap, Provider};
use super::cache::{DEFAULT_CACHE_LIMIT, clear_cache, trim_cache};
use super::generation::{Generation, Probe, fetched_tile, is_exact};
use super::limits::{TileLimits, TileTraffic, Traffic};

mod retry;

pub use retry::{POLL, RETRY_FIRST, RETRY_MAX, STALL};

/// What the quiet indicator shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TileStatus {
    /// Every visible tile is shown.
    Ok,
    /// Some visible tiles are still being fetched (or the map has not been drawn yet).
    Loading,
    /// Some visible tiles failed (no network, server down or erroring, or no answer for
    /// [`STALL`]). The outlines work as before; a retry is scheduled.
    Unavailable {
        /// When the tiles became unavailable, to say "since …" or to escalate the wording.
        since: Instant,
    },
}

/// What the map asked for during one pass: each needed tile (as fetched, i.e. clamped to the
/// source's max zoom) and whether walkers had it.
#[derive(Default)]
struct FrameRecord {
    pass: Option<u64>,
    tiles: Vec<(TileId, bool)>,
}

/// The online basemap layer: a bounded tile store plus status, retry and the screenshot wait.
/// Create it when the basemap is chosen, keep it in the app state, and pass `&mut` it to
/// `Map::with_layer` each frame.
pub struct TileLayer {
    basemap: Basemap,
    provider: Provider,
    ctx: egui::Context,
    cache_dir: Option<PathBuf>,
    limits: TileLimits,
    traffic: Arc<Traffic>,
    generation: Generation,
    probe: Option<Probe>,
    frame: FrameRecord,
    failed: HashSet<TileId>,
    stalled: bool,
    progress: (u64, usize, Instant),
    unavailable_since: Option<Instant>,
    next_retry: Option<Instant>,
    retry_first: Duration,
    backoff: Duration,
    retries: u64,
}

impl TileLayer {
    /// The layer for `basemap`, or `None` for [`Basemap::OutlinesOnly`]. An invalid custom
    /// template gives the message of [`parse_template`](super::parse_template). `ctx` must be the context the map is
    /// drawn in (frames are counted and repaints requested on it). `cache_dir` is normally
    /// [`default_cache_dir`](super::default_cache_dir) (`None`: no disk cache); it is trimmed to [`DEFAULT_CACHE_LIMIT`]
    /// in the background. Cheap: a download thread is started, and nothing is downloaded until
    /// the map asks for tiles.
    pub fn new(
        basemap: &Basemap,
        ctx: &egui::Context,
        cache_dir: Option<PathBuf>,
    ) -> Result<Option<Self>, super::TemplateError> {
        let Some(provider) = Provider::for_basemap(basemap)? else {
            return Ok(None);
        };
        if let Some(dir) = cache_dir.clone() {
            // In the background: walking a full cache takes a moment, and switching basemaps
            // should be instant. Deleting old files while new ones are written is harmless.
            let trim = move || {
                if let Err(err) = trim_cache(&dir, DEFAULT_CACHE_LIMIT) {
                    log::warn!("{err}");
                }
            };
            if let Err(err) = std::thread::Builder::new()
                .name("tile-cache-trim".into())
                .spawn(trim)
            {
                log::warn!("cannot start trimming the tile cache: {err}");
            }
        }
        let limits = TileLimits::default();
        let traffic = Arc::new(Traffic::default());
        let generation = Generation::new(&provider, ctx, cache_dir.as_deref(), limits, &traffic);
        Ok(Some(Self {
            basemap: basemap.clone(),
            provider,
            ctx: ctx.clone(),
            cache_dir,
            limits,
            traffic,
            generation,
            probe: None,
            frame: FrameRecord::default(),
            failed: HashSet::new(),
            stalled: false,
            progress: (0, 0, Instant::now()),
            unavailable_since: None,
            next_retry: None,
            retry_first: RETRY_FIRST,
            backoff: RETRY_FIRST,
            retries: 0,
        }))
    }

    /// Sets the first retry delay (default [`RETRY_FIRST`]); tests use a short one.
    pub fn with_retry_after(mut self, delay: Duration) -> Self {
        self.retry_first = delay;
        self.backoff = delay;
        self
    }

    /// Sets what a tile server may cost (default [`TileLimits::default`]); tests use short
    /// timeouts. Call before the map is first drawn: the tile store is replaced.
    pub fn with_limits(mut self, limits: TileLimits) -> Self {
        self.limits = limits;
        self.probe = None;
        self.generation = self.new_generation(self.cache_dir.clone().as_deref());
        self
    }

    /// The limits in use.
    pub fn limits(&self) -> TileLimits {
        self.limits
    }

    /// What the tile servers have sent so far (all stores of this layer).
    pub fn traffic(&self) -> TileTraffic {
        self.traffic.snapshot()
    }

    /// Why the last refused tile was refused (too large, too slow, not an image), for a
    /// notice; `None` if none was.
    pub fn last_refusal(&self) -> Option<String> {
        self.traffic
            .last_refusal
            .lock()
            .ok()
            .and_then(|last| last.clone())
    }

    fn new_generation(&self, cache_dir: Option<&Path>) -> Generation {
        Generation::new(
            &self.provider,
            &self.ctx,
            cache_dir,
            self.limits,
            &self.traffic,
        )
    }

    /// The basemap this layer shows, to compare with the user's choice.
    pub fn basemap(&self) -> &Basemap {
        &self.basemap
    }

    /// The disk cache directory in use, if any (for the settings panel).
    pub fn cache_dir(&self) -> Option<&Path> {
        self.cache_dir.as_deref()
    }

    /// Who to credit; show it on the map whenever this layer is drawn (the providers' terms
    /// require it). `url` may be linked.
    pub fn attribution(&self) -> Attribution {
        self.provider.attribution()
    }

    /// How many times the tiles were fetched afresh after an outage (for diagnostics/tests).
    pub fn retries(&self) -> u64 {
        self.retries
    }

    /// For the quiet indicator. Derived from the last drawn frame; cheap.
    pub fn status(&self) -> TileStatus {
        if self.frame.tiles.is_empty() {
            return TileStatus::Loading;
        }
        let mut missing = false;
        let mut pending = false;
        for (tile, present) in &self.frame.tiles {
            if !present {
                missing = true;
                pending |= !self.failed.contains(tile);
            }
        }
        if !missing {
            TileStatus::Ok
        } else if pending && !self.stalled {
            TileStatus::Loading
        } else {
            TileStatus::Unavailable {
                since: self.unavailable_since.unwrap_or_else(Instant::now),
            }
        }
    }

    /// Whether every tile visible in the last drawn frame was drawn or has failed, so
    /// `--screenshot` can be taken (with its own timeout, as tiles may take any time).
    pub fn visible_tiles_settled(&self) -> bool {
        !matches!(self.status(), TileStatus::Loading)
    }

    /// Fetch failed tiles again at the next frame instead of waiting (a "retry" button).
    pub fn retry_now(&mut self) {
        if self.unavailable_since.is_some() && self.probe.is_none() {
            self.next_retry = Some(Instant::now());
            self.backoff = self.retry_first;
            self.ctx.request_repaint();
        }
    }

    /// Clears the disk cache ("clear cache" button): the download thread is replaced first so
    /// nothing writes into the directory while it is removed. Tiles are downloaded again.
    pub fn clear_cache(&mut self) -> Result<(), super::CacheError> {
        self.probe = None;
        // Dropping the old generation stops its cache writes before the files go.
        self.generation = self.new_generation(None);
        let result = match &self.cache_dir {
            Some(dir) => clear_cache(dir),
            None => Ok(()),
        };
        self.generation = self.new_generation(self.cache_dir.as_deref());
        self.failed.clear();
        self.stalled = false;
        self.ctx.request_repaint();
        result
    }
}

impl Tiles for TileLayer {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        let pass = self.ctx.cumulative_pass_nr();
        if self.frame.pass != Some(pass) {
            self.evaluate();
            self.frame = FrameRecord {
                pass: Some(pass),
                tiles: Vec::new(),
            };
        }
        let max_zoom = self.provider.max_zoom();
        let piece = self.generation.tiles.at(tile_id);
        if let Some(fetched) = fetched_tile(tile_id, max_zoom) {
            let present = is_exact(piece.as_ref(), tile_id, max_zoom);
            if present {
                self.failed.remove(&fetched);
            }
            match self.frame.tiles.iter_mut().find(|(t, _)| *t == fetched) {
                Some(entry) => entry.1 |= present,
                None => self.frame.tiles.push((fetched, present)),
            }
        }
        piece
    }

    fn attribution(&self) -> Attribution {
        self.provider.attribution()
    }

    fn tile_size(&self) -> u32 {
        256
    }

    fn stats(&self) -> walkers::Stats {
        self.generation.tiles.stats()
    }
}

//! The optional online raster basemap under the country layer.
//!
//! The app works offline with vector outlines only; this module adds OpenStreetMap, OpenTopoMap
//! or a user-supplied `https://…/{z}/{x}/{y}.png` template underneath, politely (own User-Agent,
//! disk cache honouring HTTP caching with a size limit, few parallel downloads) and harmlessly
//! when the network is gone (a quiet status, no busy loop, automatic retry).
//!
//! Nothing a tile server sends is trusted ([`TileLimits`]): connect, read and total time, body
//! size and image dimensions are bounded, and a tile that is too large is refused from its
//! header (or scaled down) before it can become a texture the GPU refuses (egui's painter
//! panics on those, and a remembered basemap and cache would repeat that at every start).
//! walkers' `HttpTiles` offers no hook for any of this, so the downloading, the disk cache and
//! the decoding are this module's own (`bounded`, `fetch`, `decode`); walkers still draws.
//!
//! [`TileLayer`] implements [`Tiles`] itself, so `&mut TileLayer` is a walkers
//! [`walkers::Layer`]:
//!
//! ```ignore
//! let mut map = Map::new(None, &mut memory, anchor());
//! if let Some(tiles) = &mut self.tiles {
//!     map = map.with_layer(&mut *tiles, 1.0);
//! }
//! ```
//!
//! The tile store behaves like walkers' `HttpTiles`: it exposes `Stats::in_progress` and,
//! through [`Tiles::at`], which tiles it has. A failed tile stays in its memory cache as
//! "missing" and is never fetched again. The layer watches the store from the outside:
//!
//! - every tile the map asks for in a frame is recorded with whether walkers had it;
//! - the tile store notes each tile whose download started (was queued);
//! - a visible tile whose download started, with no download in progress and which walkers still
//!   does not have (after its queue of finished tiles is drained), has failed;
//! - while something is still loading, it asks for a repaint every [`POLL`], because walkers only
//!   repaints on success; once everything has arrived or failed, it asks for nothing;
//! - when visible tiles have failed, it retries after [`RETRY_FIRST`] (doubling up to
//!   [`RETRY_MAX`]) with a single-tile probe on a fresh store; when the probe's tile
//!   arrives, the fresh store (empty memory cache) replaces the old one, so every missing
//!   tile is fetched again. The old one keeps showing what it has until then.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use serde::{Deserialize, Serialize};
use walkers::sources::{Attribution, TileSource};
use walkers::{TileId, TilePiece, Tiles};

mod bounded;
mod decode;
mod fetch;

pub use decode::{TileRefused, decode_tile};

use bounded::BoundedTiles;

/// The User-Agent sent to tile servers. The OpenStreetMap tile policy blocks library-default
/// agents and asks for one that identifies the app and a way to contact its authors.
pub const USER_AGENT: &str = concat!(
    "overseas-stations/",
    env!("CARGO_PKG_VERSION"),
    " (+https://github.com/overseas-stations/overseas-stations)"
);

/// Disk cache limit applied when a [`TileLayer`] is created: enough for a lot of browsing,
/// small enough not to surprise anyone looking at their cache directory.
pub const DEFAULT_CACHE_LIMIT: u64 = 256 * 1024 * 1024;

/// First wait before fetching failed tiles again: long enough not to hammer a server that is
/// down, short enough that tiles come back soon after the network does.
pub const RETRY_FIRST: Duration = Duration::from_secs(30);

/// Longest wait between retries; the wait doubles after each failed retry up to this.
pub const RETRY_MAX: Duration = Duration::from_secs(300);

/// Repaint interval while tiles are still loading. walkers requests a repaint when a tile
/// arrives but not when one fails, so without this a failure would go unnoticed until the
/// user moves the mouse.
pub const POLL: Duration = Duration::from_millis(250);

/// A download that makes no progress for this long (e.g. a server that accepts connections but
/// never answers) counts as unavailable, so polling stops and the retry schedule takes over.
pub const STALL: Duration = Duration::from_secs(20);

/// What a tile server is allowed to cost. The defaults suit every real tile server (a tile is
/// 256 or 512 px and tens of kilobytes); tests use short timeouts and small bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TileLimits {
    /// Longest wait for a connection.
    pub connect_timeout: Duration,
    /// Longest wait for the response headers, and for each piece of the body.
    pub read_timeout: Duration,
    /// Longest time for a whole response (a server trickling bytes is cut off here, give or
    /// take one read timeout).
    pub total_timeout: Duration,
    /// Largest body accepted; a larger `Content-Length` is refused unread, a longer body is cut
    /// off at this many bytes (plus one).
    pub max_body_bytes: u64,
    /// Largest side decoded at all; larger images are refused from their header.
    pub max_decoded_side: u32,
    /// Largest side of a tile texture; a larger decoded tile is scaled down to it.
    pub max_texture_side: u32,
}

impl Default for TileLimits {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(15),
            total_timeout: Duration::from_secs(30),
            // OSM tiles are 5–50 kB, a 512 px satellite JPEG a few hundred.
            max_body_bytes: 4 * 1024 * 1024,
            max_decoded_side: 1024,
            max_texture_side: 512,
        }
    }
}

/// What the tile servers have sent this layer, for diagnostics and tests.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TileTraffic {
    /// Body bytes read from the network, in total.
    pub bytes_received: u64,
    /// The most body bytes read for one response: what one response could cost in memory.
    pub largest_response: u64,
    /// Tiles refused for size, time, dimensions or broken data.
    pub tiles_refused: u64,
}

/// The shared counters behind [`TileTraffic`], plus the last refusal for the log or a notice.
#[derive(Default)]
struct Traffic {
    bytes_received: AtomicU64,
    largest_response: AtomicU64,
    tiles_refused: AtomicU64,
    last_refusal: Mutex<Option<String>>,
}

impl Traffic {
    fn note_body(&self, bytes: u64) {
        self.bytes_received.fetch_add(bytes, Ordering::Relaxed);
        self.largest_response.fetch_max(bytes, Ordering::Relaxed);
    }

    fn note_refusal(&self, why: String) {
        self.tiles_refused.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut last) = self.last_refusal.lock() {
            *last = Some(why);
        }
    }

    fn snapshot(&self) -> TileTraffic {
        TileTraffic {
            bytes_received: self.bytes_received.load(Ordering::Relaxed),
            largest_response: self.largest_response.load(Ordering::Relaxed),
            tiles_refused: self.tiles_refused.load(Ordering::Relaxed),
        }
    }
}

/// Parallel downloads for OpenStreetMap and OpenTopoMap: the OSM tile policy allows at most 2.
const PROVIDER_PARALLEL: usize = 2;

/// Parallel downloads for a custom server, whose limits we do not know: modest.
const CUSTOM_PARALLEL: usize = 4;

/// Which basemap is drawn under the countries. Serializable so the choice is remembered.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Basemap {
    /// No tiles: the built-in vector outlines only. Works offline; the default.
    #[default]
    OutlinesOnly,
    /// tile.openstreetmap.org.
    OpenStreetMap,
    /// OpenTopoMap (a/b/c.tile.opentopomap.org).
    OpenTopoMap,
    /// A user-supplied URL template such as `https://tile.example.org/{z}/{x}/{y}.png`.
    Custom(String),
}

impl Basemap {
    /// The fixed choices for a layer switcher, in display order (a custom template comes after).
    pub const PRESETS: [Basemap; 3] = [
        Basemap::OutlinesOnly,
        Basemap::OpenStreetMap,
        Basemap::OpenTopoMap,
    ];

    /// A custom basemap from a template, validated so a typo is reported when it is entered
    /// (e.g. from `--tiles URL_TEMPLATE`) instead of as blank tiles later.
    pub fn from_template(template: &str) -> Result<Basemap, String> {
        parse_template(template).map(|source| Basemap::Custom(source.template))
    }

    /// Whether this basemap downloads anything, so the app can skip network UI when it does not.
    pub fn is_online(&self) -> bool {
        !matches!(self, Basemap::OutlinesOnly)
    }
}

impl fmt::Display for Basemap {
    /// The label in the layer switcher.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Basemap::OutlinesOnly => f.write_str("Outlines only (offline)"),
            Basemap::OpenStreetMap => f.write_str("OpenStreetMap"),
            Basemap::OpenTopoMap => f.write_str("OpenTopoMap"),
            Basemap::Custom(template) => match parse_template(template) {
                Ok(source) => write!(f, "Custom ({})", source.host),
                Err(_) => f.write_str("Custom URL"),
            },
        }
    }
}

/// A validated custom tile URL template; a walkers [`TileSource`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomSource {
    template: String,
    host: String,
    attribution_text: &'static str,
    attribution_url: &'static str,
}

impl CustomSource {
    /// The template as given (trimmed).
    pub fn template(&self) -> &str {
        &self.template
    }

    /// The server's host (with port, if any), shown in the attribution.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The URL of one tile.
    pub fn url(&self, tile: TileId) -> String {
        self.template
            .replace("{z}", &tile.zoom.to_string())
            .replace("{x}", &tile.x.to_string())
            .replace("{y}", &tile.y.to_string())
    }
}

impl TileSource for CustomSource {
    fn tile_url(&self, tile_id: TileId) -> String {
        self.url(tile_id)
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: self.attribution_text,
            url: self.attribution_url,
            logo_light: None,
            logo_dark: None,
        }
    }
}

/// Checks a custom tile URL template: `http` or `https`, a host, and `{z}`, `{x}` and `{y}`
/// placeholders (no others). Errors are sentences meant for the user.
pub fn parse_template(template: &str) -> Result<CustomSource, String> {
    const EXAMPLE: &str = "https://tile.example.org/{z}/{x}/{y}.png";
    let t = template.trim();
    if t.is_empty() {
        return Err(format!(
            "The tile URL template is empty; expected something like {EXAMPLE}"
        ));
    }
    if t.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "{t:?} contains spaces or control characters; a URL template has none"
        ));
    }
    let Some((scheme, rest)) = t.split_once("://") else {
        return Err(format!(
            "{t:?} is not a URL; expected something like {EXAMPLE}"
        ));
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(format!(
            "{t:?}: only http and https are allowed, not {scheme:?}"
        ));
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    if host.is_empty() {
        return Err(format!("{t:?} has no host name"));
    }
    if host.contains(['{', '}']) {
        return Err(format!(
            "{t:?}: placeholders are not allowed in the host name (use one server, e.g. a.tile.example.org)"
        ));
    }
    let valid_host_char = |c: char| c.is_ascii_alphanumeric() || ".-_:[]".contains(c);
    if !host.chars().all(valid_host_char) {
        return Err(format!("{t:?}: {host:?} is not a valid host name"));
    }
    let host_only = match host.rfind(']') {
        Some(end) => &host[..=end],
        None => host.split(':').next().unwrap_or_default(),
    };
    if let Some(port) = host[host_only.len()..].strip_prefix(':')
        && !port.parse::<u16>().is_ok_and(|p| p > 0)
    {
        return Err(format!("{t:?}: {port:?} is not a valid port"));
    }
    if host_only.is_empty() {
        return Err(format!("{t:?} has no host name"));
    }

    let mut names = Vec::new();
    let mut remaining = rest;
    while let Some(open) = remaining.find(['{', '}']) {
        if remaining[open..].starts_with('}') {
            return Err(format!("{t:?}: a '}}' without a matching '{{'"));
        }
        let after = &remaining[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(format!("{t:?}: a '{{' without a matching '}}'"));
        };
        let name = &after[..close];
        if !matches!(name, "z" | "x" | "y") {
            return Err(format!(
                "{t:?}: unknown placeholder {{{name}}}; only {{z}}, {{x}} and {{y}} are supported"
            ));
        }
        names.push(name);
        remaining = &after[close + 1..];
    }
    for wanted in ["z", "x", "y"] {
        if !names.contains(&wanted) {
            return Err(format!("{t:?} has no {{{wanted}}} placeholder"));
        }
    }

    Ok(CustomSource {
        template: t.to_string(),
        host: host.to_string(),
        attribution_text: intern(format!("Tiles: {host}")),
        attribution_url: intern(format!("{scheme}://{host}/")),
    })
}

/// walkers' [`Attribution`] holds `&'static str`; a custom host's text is made static once per
/// distinct string, so recreating layers does not leak repeatedly.
fn intern(text: String) -> &'static str {
    static POOL: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let pool = POOL.get_or_init(Default::default);
    match pool.lock() {
        Ok(mut set) => {
            if let Some(existing) = set.get(text.as_str()) {
                existing
            } else {
                let leaked: &'static str = Box::leak(text.into_boxed_str());
                set.insert(leaked);
                leaked
            }
        }
        Err(_) => Box::leak(text.into_boxed_str()),
    }
}

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

/// Checks that tiles can be cached in `dir` (creating it if needed), so an unwritable cache
/// means "no disk cache" with a warning rather than failing tiles.
pub fn check_cache_dir(dir: &Path) -> Result<(), String> {
    // An exclusive, randomly named probe: a link planted in the cache folder is never written through.
    std::fs::create_dir_all(dir)
        .and_then(|()| tempfile::NamedTempFile::new_in(dir).map(drop))
        .map_err(|e| {
            format!(
                "the tile cache {} is not writable ({e}); tiles are not cached",
                dir.display()
            )
        })
}

/// Default location of the tile cache: the platform cache directory (e.g.
/// `~/.cache/overseas-stations/tiles` on Linux). `None` when there is no home directory; the
/// layer then works without a disk cache.
pub fn default_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "overseas-stations", "overseas-stations")
        .map(|dirs| dirs.cache_dir().join("tiles"))
}

/// Whether a directory entry directly under the cache dir belongs to the cache (this module's
/// `tiles-v1`, and cacache's `content-v*`, `index-v*` and `tmp` left by earlier versions, which
/// are no longer read but still measured, trimmed and cleared). Only these are touched, so a
/// cache dir pointed at the wrong place cannot lose anything else.
fn is_cache_entry(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name == fetch::CACHE_SUBDIR
        || name.starts_with("content-v")
        || name.starts_with("index-v")
        || name == "tmp"
}

/// Every cache file with its size and modification time.
fn cache_files(dir: &Path) -> Vec<(PathBuf, u64, SystemTime)> {
    fn walk(path: &Path, out: &mut Vec<(PathBuf, u64, SystemTime)>) {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for entry in entries.flatten() {
            let Ok(meta) = entry.path().symlink_metadata() else {
                continue;
            };
            if meta.is_dir() {
                walk(&entry.path(), out);
            } else if meta.is_file() {
                let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                out.push((entry.path(), meta.len(), modified));
            }
        }
    }
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        if is_cache_entry(&entry.file_name())
            && entry.path().symlink_metadata().is_ok_and(|m| m.is_dir())
        {
            walk(&entry.path(), &mut out);
        }
    }
    out
}

/// Bytes used by the tile cache in `dir` (0 if it does not exist), for the settings panel.
/// Walks the directory: call it when the panel opens, not every frame.
pub fn cache_size(dir: &Path) -> u64 {
    cache_files(dir).iter().map(|(_, size, _)| size).sum()
}

/// Deletes the tile cache in `dir` (the "clear cache" button). Only cacache's own
/// subdirectories are removed. A missing cache is not an error. Prefer
/// [`TileLayer::clear_cache`] while a layer uses the directory.
pub fn clear_cache(dir: &Path) -> Result<(), String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(err) => {
            return Err(format!(
                "{}: cannot clear the tile cache: {err}",
                dir.display()
            ));
        }
    };
    for entry in entries.flatten() {
        if !is_cache_entry(&entry.file_name()) {
            continue;
        }
        let path = entry.path();
        let result = if path.symlink_metadata().is_ok_and(|m| m.is_dir()) {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        match result {
            Ok(()) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => {
                return Err(format!(
                    "{}: cannot clear the tile cache: {err}",
                    path.display()
                ));
            }
        }
    }
    Ok(())
}

/// Keeps the tile cache in `dir` under `max_bytes` by deleting the oldest files (by
/// modification time) until it is at most 80% of the limit, so it is not trimmed again at once.
/// Deleting any cache file is safe: the HTTP cache treats a missing entry as a miss and
/// downloads the tile again. Returns the bytes removed.
pub fn trim_cache(dir: &Path, max_bytes: u64) -> Result<u64, String> {
    let mut files = cache_files(dir);
    let total: u64 = files.iter().map(|(_, size, _)| size).sum();
    if total <= max_bytes {
        return Ok(0);
    }
    let target = max_bytes / 5 * 4;
    files.sort_by_key(|(_, _, modified)| *modified);
    let mut remaining = total;
    let mut removed = 0;
    for (path, size, _) in files {
        if remaining <= target {
            break;
        }
        match std::fs::remove_file(&path) {
            Ok(()) => {
                remaining -= size;
                removed += size;
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => remaining -= size,
            Err(err) => {
                return Err(format!(
                    "{}: cannot trim the tile cache: {err}",
                    path.display()
                ));
            }
        }
    }
    Ok(removed)
}

/// The tile servers we know, with their policies.
#[derive(Clone)]
enum Provider {
    OpenStreetMap,
    OpenTopoMap,
    Custom(CustomSource),
}

impl Provider {
    fn attribution(&self) -> Attribution {
        match self {
            // The OSM attribution guideline asks for "© OpenStreetMap contributors" with a link
            // to the copyright page.
            Provider::OpenStreetMap => Attribution {
                text: "© OpenStreetMap contributors",
                url: "https://www.openstreetmap.org/copyright",
                logo_light: None,
                logo_dark: None,
            },
            Provider::OpenTopoMap => Attribution {
                text: "Map data: © OpenStreetMap contributors, SRTM | Map style: © OpenTopoMap (CC-BY-SA)",
                url: "https://opentopomap.org/about",
                logo_light: None,
                logo_dark: None,
            },
            Provider::Custom(source) => source.attribution(),
        }
    }

    fn max_zoom(&self) -> u8 {
        match self {
            Provider::OpenStreetMap | Provider::Custom(_) => 19,
            Provider::OpenTopoMap => 17,
        }
    }

    fn max_parallel(&self) -> usize {
        match self {
            Provider::OpenStreetMap | Provider::OpenTopoMap => PROVIDER_PARALLEL,
            Provider::Custom(_) => CUSTOM_PARALLEL,
        }
    }

    fn url(&self, tile: TileId) -> String {
        match self {
            Provider::OpenStreetMap => format!(
                "https://tile.openstreetmap.org/{}/{}/{}.png",
                tile.zoom, tile.x, tile.y
            ),
            Provider::OpenTopoMap => {
                // Spread over the three servers the way OpenTopoMap's own site does; a given
                // tile always goes to the same server so the cache key stays stable.
                let server = ["a", "b", "c"][((tile.x as u64 + tile.y as u64) % 3) as usize];
                format!(
                    "https://{server}.tile.opentopomap.org/{}/{}/{}.png",
                    tile.zoom, tile.x, tile.y
                )
            }
            Provider::Custom(source) => source.url(tile),
        }
    }
}

/// Tiles whose download has started (been queued), noted by the tile store.
#[derive(Default)]
struct Started {
    tiles: Mutex<HashSet<TileId>>,
    count: AtomicU64,
}

impl Started {
    fn note(&self, tile: TileId) {
        self.count.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut tiles) = self.tiles.lock() {
            tiles.insert(tile);
        }
    }

    fn contains(&self, tile: &TileId) -> bool {
        self.tiles.lock().is_ok_and(|tiles| tiles.contains(tile))
    }

    fn count(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }
}

/// One tile store (its own download threads and memory cache) with its "started" notes.
struct Generation {
    tiles: BoundedTiles,
    started: Arc<Started>,
}

impl Generation {
    fn new(
        provider: &Provider,
        ctx: &egui::Context,
        cache_dir: Option<&Path>,
        limits: TileLimits,
        traffic: &Arc<Traffic>,
    ) -> Self {
        let started = Arc::new(Started::default());
        Self {
            tiles: BoundedTiles::new(
                provider,
                ctx,
                cache_dir,
                limits,
                traffic,
                Arc::clone(&started),
            ),
            started,
        }
    }

    fn in_progress(&self) -> usize {
        self.tiles.in_progress()
    }
}

/// A retry in flight: a fresh store fetching one tile that had failed.
struct Probe {
    generation: Generation,
    tile: TileId,
    since: Instant,
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
    /// template gives the message of [`parse_template`]. `ctx` must be the context the map is
    /// drawn in (frames are counted and repaints requested on it). `cache_dir` is normally
    /// [`default_cache_dir`] (`None`: no disk cache); it is trimmed to [`DEFAULT_CACHE_LIMIT`]
    /// in the background. Cheap: a download thread is started, and nothing is downloaded until
    /// the map asks for tiles.
    pub fn new(
        basemap: &Basemap,
        ctx: &egui::Context,
        cache_dir: Option<PathBuf>,
    ) -> Result<Option<Self>, String> {
        let provider = match basemap {
            Basemap::OutlinesOnly => return Ok(None),
            Basemap::OpenStreetMap => Provider::OpenStreetMap,
            Basemap::OpenTopoMap => Provider::OpenTopoMap,
            Basemap::Custom(template) => Provider::Custom(parse_template(template)?),
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
    pub fn clear_cache(&mut self) -> Result<(), String> {
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

    /// Looks at the frame recorded last: decides which missing tiles failed, runs the retry,
    /// and asks for the repaints that are needed (and no others). Runs at the first tile
    /// request of each pass, i.e. once per drawn frame.
    fn evaluate(&mut self) {
        let now = Instant::now();
        let mut changed = false;

        let missing: Vec<TileId> = self
            .frame
            .tiles
            .iter()
            .filter(|(tile, present)| !present && !self.failed.contains(tile))
            .map(|(tile, _)| *tile)
            .collect();
        let mut arrived = 0;
        if !missing.is_empty() {
            // Order matters: a download that finished before `in_progress` reads 0 has already
            // put its tile in walkers' queue, which the drain below empties.
            let started: Vec<TileId> = missing
                .iter()
                .copied()
                .filter(|tile| self.generation.started.contains(tile))
                .collect();
            if !started.is_empty() && self.generation.in_progress() == 0 {
                let mut present = self.drain(&started);
                arrived = present.len();
                for tile in started {
                    if !present.remove(&tile) {
                        self.failed.insert(tile);
                        changed = true;
                    }
                }
            }
        }

        let pending = self
            .frame
            .tiles
            .iter()
            .any(|(tile, present)| !present && !self.failed.contains(tile));
        let progress = (self.generation.started.count(), self.failed.len() + arrived);
        if (progress.0, progress.1) != (self.progress.0, self.progress.1) || !pending {
            self.progress = (progress.0, progress.1, now);
            self.stalled = false;
        } else if now.duration_since(self.progress.2) > STALL && !self.stalled {
            self.stalled = true;
            changed = true;
        }

        match self.status() {
            TileStatus::Ok => {
                self.unavailable_since = None;
                self.next_retry = None;
                self.backoff = self.retry_first;
            }
            TileStatus::Unavailable { .. } => {
                if self.unavailable_since.is_none() {
                    self.unavailable_since = Some(now);
                    log::info!("map tiles unavailable; will retry");
                }
                if self.next_retry.is_none() && self.probe.is_none() {
                    self.next_retry = Some(now + self.backoff);
                }
            }
            TileStatus::Loading => {}
        }

        changed |= self.step_probe(now);

        if self.probe.is_some() || (pending && !self.stalled) {
            self.ctx.request_repaint_after(POLL);
        } else if let Some(at) = self.next_retry {
            self.ctx
                .request_repaint_after(at.saturating_duration_since(now));
        }
        if changed {
            // The indicator is drawn before the map: show the new state.
            self.ctx.request_repaint();
        }
    }

    /// Takes the store's finished tiles into its memory cache and returns which of `tiles` it
    /// now has.
    fn drain(&mut self, tiles: &[TileId]) -> HashSet<TileId> {
        let mut present = HashSet::new();
        let calls = 2 * self.frame.tiles.len() + 16;
        for i in 0..calls {
            let tile = tiles[i % tiles.len()];
            if present.contains(&tile) {
                continue;
            }
            if is_exact(self.generation.tiles.at(tile).as_ref(), tile, u8::MAX) {
                present.insert(tile);
            }
        }
        // A last pass, now that the queue is empty.
        for &tile in tiles {
            if is_exact(self.generation.tiles.at(tile).as_ref(), tile, u8::MAX) {
                present.insert(tile);
            }
        }
        present
    }

    /// Starts, checks or finishes the retry probe. Returns whether the state changed.
    fn step_probe(&mut self, now: Instant) -> bool {
        if let Some(probe) = &mut self.probe {
            let started = probe.generation.started.contains(&probe.tile);
            let idle = probe.generation.in_progress() == 0;
            let mut arrived = false;
            for _ in 0..4 {
                if is_exact(
                    probe.generation.tiles.at(probe.tile).as_ref(),
                    probe.tile,
                    u8::MAX,
                ) {
                    arrived = true;
                    break;
                }
            }
            if arrived {
                if let Some(probe) = self.probe.take() {
                    // The fresh store has an empty memory cache: every tile is fetched again.
                    self.generation = probe.generation;
                }
                log::info!("map tiles available again");
                self.failed.clear();
                self.stalled = false;
                self.progress = (self.generation.started.count(), 0, now);
                self.unavailable_since = None;
                self.next_retry = None;
                self.backoff = self.retry_first;
                self.retries += 1;
                return true;
            }
            if (started && idle) || now.duration_since(probe.since) > STALL {
                self.probe = None;
                self.backoff = (self.backoff * 2).min(RETRY_MAX);
                self.next_retry = Some(now + self.backoff);
            }
            return false;
        }
        let due = self.next_retry.is_some_and(|at| now >= at);
        let failed_visible = self
            .frame
            .tiles
            .iter()
            .find(|(tile, present)| !present && self.failed.contains(tile))
            .or_else(|| self.frame.tiles.iter().find(|(_, present)| !present))
            .map(|(tile, _)| *tile);
        if due && let Some(tile) = failed_visible {
            let mut generation = self.new_generation(self.cache_dir.as_deref());
            let _ = generation.tiles.at(tile);
            self.probe = Some(Probe {
                generation,
                tile,
                since: now,
            });
            self.next_retry = None;
        }
        false
    }
}

/// The tile actually fetched for `tile`: itself, or its ancestor at the source's max zoom.
/// `None` for ids outside the world, which walkers ignores.
fn fetched_tile(tile: TileId, max_zoom: u8) -> Option<TileId> {
    if tile.zoom > 30 {
        return None;
    }
    let n = 1u32 << tile.zoom;
    if tile.x >= n || tile.y >= n {
        return None;
    }
    let dz = tile.zoom.saturating_sub(max_zoom);
    Some(TileId {
        x: tile.x >> dz,
        y: tile.y >> dz,
        zoom: tile.zoom - dz,
    })
}

/// Whether walkers returned the tile itself rather than a piece of a lower-zoom one standing in.
fn is_exact(piece: Option<&TilePiece>, tile: TileId, max_zoom: u8) -> bool {
    let dz = tile.zoom.saturating_sub(max_zoom).min(30);
    let expected = 1.0 / (1u32 << dz) as f32;
    piece.is_some_and(|piece| piece.uv.width() >= expected * 0.999)
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

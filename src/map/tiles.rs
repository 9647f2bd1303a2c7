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
//! The pieces, one idea each:
//!
//! - `basemap`: the user's choice ([`Basemap`]) and the servers behind it (URL, credit, zoom);
//! - `template`: checking a custom URL template ([`parse_template`], [`CustomSource`]);
//! - `limits`: what a server may cost ([`TileLimits`]) and what it did cost ([`TileTraffic`]);
//! - `cache`: the disk cache as a whole (location, size, trimming, clearing);
//! - `bounded`, `fetch`, `decode`: the bounded tile store, its downloads and its decoding;
//! - `generation`: one tile store with the tiles it started;
//! - `layer` ([`TileLayer`]) and its `retry` watch: status, failure, retry and repaints.
//!
//! [`TileLayer`] implements [`walkers::Tiles`] itself, so `&mut TileLayer` is a walkers
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
//! through [`walkers::Tiles::at`], which tiles it has. A failed tile stays in its memory cache as
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

mod basemap;
mod bounded;
mod cache;
mod decode;
mod fetch;
mod generation;
mod http_cache;
mod layer;
mod limits;
mod template;

pub use basemap::Basemap;
pub use cache::{
    CacheError, DEFAULT_CACHE_LIMIT, cache_size, check_cache_dir, clear_cache, default_cache_dir,
    trim_cache,
};
pub use decode::{TileRefused, decode_tile};
pub use fetch::install_crypto_provider;
pub use layer::{POLL, RETRY_FIRST, RETRY_MAX, STALL, TileLayer, TileStatus};
pub use limits::{TileLimits, TileTraffic};
pub use template::{CustomSource, TemplateError, parse_template};

/// The User-Agent sent to tile servers. The OpenStreetMap tile policy blocks library-default
/// agents and asks for one that identifies the app and a way to contact its authors.
pub const USER_AGENT: &str = concat!(
    "overseas-stations/",
    env!("CARGO_PKG_VERSION"),
    " (+https://github.com/overseas-stations/overseas-stations)"
);

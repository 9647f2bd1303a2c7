//! What a tile server is allowed to cost ([`TileLimits`]) and what the servers have cost so far
//! ([`TileTraffic`], counted by the download threads in [`Traffic`]).

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

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
pub(super) struct Traffic {
    bytes_received: AtomicU64,
    largest_response: AtomicU64,
    tiles_refused: AtomicU64,
    pub(super) last_refusal: Mutex<Option<String>>,
}

impl Traffic {
    pub(super) fn note_body(&self, bytes: u64) {
        self.bytes_received.fetch_add(bytes, Ordering::Relaxed);
        self.largest_response.fetch_max(bytes, Ordering::Relaxed);
    }

    pub(super) fn note_refusal(&self, why: String) {
        self.tiles_refused.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut last) = self.last_refusal.lock() {
            *last = Some(why);
        }
    }

    pub(super) fn snapshot(&self) -> TileTraffic {
        TileTraffic {
            bytes_received: self.bytes_received.load(Ordering::Relaxed),
            largest_response: self.largest_response.load(Ordering::Relaxed),
            tiles_refused: self.tiles_refused.load(Ordering::Relaxed),
        }
    }
}

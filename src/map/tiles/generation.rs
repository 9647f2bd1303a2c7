//! One tile store ([`Generation`]: its own download threads and memory cache) with the tiles
//! it started, and how to tell whether walkers returned a tile itself or a stand-in. The layer
//! replaces a whole generation to fetch every missing tile again after an outage.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use walkers::{TileId, TilePiece};

use super::TileLimits;
use super::basemap::Provider;
use super::bounded::BoundedTiles;
use super::limits::Traffic;

/// Tiles whose download has started (been queued), noted by the tile store.
#[derive(Default)]
pub(super) struct Started {
    tiles: Mutex<HashSet<TileId>>,
    count: AtomicU64,
}

impl Started {
    pub(super) fn note(&self, tile: TileId) {
        self.count.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut tiles) = self.tiles.lock() {
            tiles.insert(tile);
        }
    }

    pub(super) fn contains(&self, tile: &TileId) -> bool {
        self.tiles.lock().is_ok_and(|tiles| tiles.contains(tile))
    }

    pub(super) fn count(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }
}

/// One tile store (its own download threads and memory cache) with its "started" notes.
pub(super) struct Generation {
    pub(super) tiles: BoundedTiles,
    pub(super) started: Arc<Started>,
}

impl Generation {
    pub(super) fn new(
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

    pub(super) fn in_progress(&self) -> usize {
        self.tiles.in_progress()
    }
}

/// A retry in flight: a fresh store fetching one tile that had failed.
pub(super) struct Probe {
    pub(super) generation: Generation,
    pub(super) tile: TileId,
    pub(super) since: Instant,
}

/// The tile actually fetched for `tile`: itself, or its ancestor at the source's max zoom.
/// `None` for ids outside the world, which walkers ignores.
pub(super) fn fetched_tile(tile: TileId, max_zoom: u8) -> Option<TileId> {
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
pub(super) fn is_exact(piece: Option<&TilePiece>, tile: TileId, max_zoom: u8) -> bool {
    let dz = tile.zoom.saturating_sub(max_zoom).min(30);
    let expected = 1.0 / (1u32 << dz) as f32;
    piece.is_some_and(|piece| piece.uv.width() >= expected * 0.999)
}

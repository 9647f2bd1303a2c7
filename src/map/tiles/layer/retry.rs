//! The layer's watch over its tile store, run once per drawn frame: which visible tiles have
//! failed, whether downloads stalled, when to retry (a one-tile probe on a fresh store, with
//! back-off), and which repaints to ask for. walkers' store only repaints on success and never
//! fetches a failed tile again, so all of this is done from the outside.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use walkers::{TileId, Tiles};

use super::super::generation::{Probe, is_exact};
use super::{TileLayer, TileStatus};

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

impl TileLayer {
    /// Looks at the frame recorded last: decides which missing tiles failed, runs the retry,
    /// and asks for the repaints that are needed (and no others). Runs at the first tile
    /// request of each pass, i.e. once per drawn frame.
    pub(super) fn evaluate(&mut self) {
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

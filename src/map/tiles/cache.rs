//! The tile cache on disk as a whole: where it lives, whether it is writable, how big it is,
//! trimming it to a size and clearing it. (Reading and writing single tiles is `fetch`'s.)

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::http_cache;

/// Why the tile cache could not be used, cleared or trimmed.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// The cache folder cannot be created or written.
    #[error("the tile cache {} is not writable ({source}); tiles are not cached", .dir.display())]
    NotWritable {
        /// The cache folder.
        dir: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A cache file or folder could not be removed.
    #[error("{}: cannot {} the tile cache: {source}", .path.display(), if *.trimming { "trim" } else { "clear" })]
    Remove {
        /// What could not be removed (or read).
        path: PathBuf,
        /// Trimming to size (rather than clearing).
        trimming: bool,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Disk cache limit applied when a [`TileLayer`](super::TileLayer) is created: enough for a lot
/// of browsing, small enough not to surprise anyone looking at their cache directory.
pub const DEFAULT_CACHE_LIMIT: u64 = 256 * 1024 * 1024;

/// Checks that tiles can be cached in `dir` (creating it if needed), so an unwritable cache
/// means "no disk cache" with a warning rather than failing tiles.
pub fn check_cache_dir(dir: &Path) -> Result<(), CacheError> {
    // An exclusive, randomly named probe: a link planted in the cache folder is never written through.
    std::fs::create_dir_all(dir)
        .and_then(|()| tempfile::NamedTempFile::new_in(dir).map(drop))
        .map_err(|source| CacheError::NotWritable {
            dir: dir.to_owned(),
            source,
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
    name == http_cache::CACHE_SUBDIR
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
/// [`TileLayer::clear_cache`](super::TileLayer::clear_cache) while a layer uses the directory.
pub fn clear_cache(dir: &Path) -> Result<(), CacheError> {
    let failed = |path: &Path, source| CacheError::Remove {
        path: path.to_owned(),
        trimming: false,
        source,
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(failed(dir, err)),
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
            Err(err) => return Err(failed(&path, err)),
        }
    }
    Ok(())
}

/// Keeps the tile cache in `dir` under `max_bytes` by deleting the oldest files (by
/// modification time) until it is at most 80% of the limit, so it is not trimmed again at once.
/// Deleting any cache file is safe: the HTTP cache treats a missing entry as a miss and
/// downloads the tile again. Returns the bytes removed.
pub fn trim_cache(dir: &Path, max_bytes: u64) -> Result<u64, CacheError> {
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
            Err(source) => {
                return Err(CacheError::Remove {
                    path,
                    trimming: true,
                    source,
                });
            }
        }
    }
    Ok(removed)
}

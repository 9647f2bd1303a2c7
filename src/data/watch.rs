//! Watching the data file in use, so saved changes reload by themselves.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use notify::{RecursiveMode, Watcher as _};

/// Watches one file (through its directory, since editors often save by replacing the file).
pub struct FileWatcher {
    _watcher: notify::RecommendedWatcher,
    events: Receiver<()>,
    path: PathBuf,
}

impl FileWatcher {
    /// Starts watching `path`; `on_change` runs on the watcher's thread for every change (use it
    /// to wake the UI).
    pub fn new(path: &Path, on_change: impl Fn() + Send + 'static) -> Result<Self, String> {
        let (tx, rx) = channel();
        let name = path.file_name().map(ToOwned::to_owned);
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let Ok(event) = event else { return };
                let ours = event
                    .paths
                    .iter()
                    .any(|p| p.file_name().map(ToOwned::to_owned) == name);
                let relevant = matches!(
                    event.kind,
                    notify::EventKind::Modify(_)
                        | notify::EventKind::Create(_)
                        | notify::EventKind::Remove(_)
                );
                if ours && relevant && tx.send(()).is_ok() {
                    on_change();
                }
            })
            .map_err(|e| format!("{}: cannot watch for changes: {e}", path.display()))?;
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        watcher
            .watch(&dir, RecursiveMode::NonRecursive)
            .map_err(|e| format!("{}: cannot watch for changes: {e}", path.display()))?;
        Ok(Self {
            _watcher: watcher,
            events: rx,
            path: path.to_path_buf(),
        })
    }

    /// The watched file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file changed since the last call.
    pub fn changed(&self) -> bool {
        let mut any = false;
        while self.events.try_recv().is_ok() {
            any = true;
        }
        any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn a_write_to_the_file_is_noticed() {
        let dir =
            std::env::temp_dir().join(format!("overseas-stations-watch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("data.json");
        std::fs::write(&path, "{}").unwrap();
        let watcher = FileWatcher::new(&path, || {}).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        std::fs::write(&path, "{\"changed\": true}").unwrap();
        let started = Instant::now();
        while !watcher.changed() {
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "no change event within 5 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        // Drain the rest of that write's events; then another file in the directory is not ours.
        std::thread::sleep(Duration::from_millis(300));
        let _ = watcher.changed();
        std::fs::write(dir.join("other.json"), "{}").unwrap();
        std::thread::sleep(Duration::from_millis(300));
        assert!(!watcher.changed());
    }
}

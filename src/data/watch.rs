//! Watching the data file in use, so saved changes reload by themselves.
//!
//! "The file" is what the user would open: a symlink is followed to the file it points to
//! (through every link of a chain, and to the new target when a link is re-pointed), and a file
//! whose directory is deleted and re-created is watched again. Each link and the final file are
//! watched through their resolved directories (editors often save by replacing the file, and a
//! link is re-pointed by replacing it), never recursively.
//!
//! A worker thread owns the `notify` watcher. It sleeps until an event comes; only while a
//! directory on the way is missing (or could not be watched) does it look again, every
//! [`RECHECK_INTERVAL`], with a few `stat` calls, so an idle app stays idle. (Just over 400
//! lines only because of its unit tests.)

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use notify::{RecursiveMode, Watcher as _};

/// How often a missing directory is looked for. Cheap (a few `stat` calls), and only while one
/// is missing; half a second is quick enough for someone restoring a folder.
const RECHECK_INTERVAL: Duration = Duration::from_millis(500);

/// The most symlinks followed from the watched path, as the kernel's own limit (`ELOOP`).
const MAX_LINKS: usize = 40;

/// Watches one file, following symlinks to their target and re-arming itself when the file's
/// directory comes back after being deleted.
pub struct FileWatcher {
    /// The path as given, so the app can tell whether it already watches what it wants.
    path: PathBuf,
    /// Set by the worker when something changed; cleared by [`FileWatcher::changed`]. A flag,
    /// not a queue, so a busy file costs no memory while the app is not looking.
    changed: Arc<AtomicBool>,
    /// Tells the worker to stop when the watcher is dropped.
    to_worker: Sender<Message>,
}

/// Why a file cannot be watched.
#[derive(Debug, thiserror::Error)]
#[error("{}: cannot watch for changes: {reason}", .path.display())]
pub struct WatchError {
    /// The path asked for.
    pub path: PathBuf,
    /// What went wrong.
    pub reason: WatchFailure,
}

/// What went wrong when starting to watch a file.
#[derive(Debug, thiserror::Error)]
pub enum WatchFailure {
    /// The path ends in `..` or is a root.
    #[error("the path names no file")]
    NoFile,
    /// The system refused the watcher (e.g. inotify limits).
    #[error(transparent)]
    Notify(#[from] notify::Error),
    /// The path could not be made absolute, or no thread could be started.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// What the worker thread receives.
enum Message {
    /// An event (or error) from `notify`.
    Event(notify::Result<notify::Event>),
    /// The [`FileWatcher`] was dropped.
    Stop,
}

impl FileWatcher {
    /// Starts watching `path`; `on_change` runs on the watcher's thread when a change is
    /// reported and the previous one was already taken by [`FileWatcher::changed`] (use it to
    /// wake the UI). The file, and even its directory, need not exist yet.
    ///
    /// # Errors
    /// When the path names no file or the system refuses a watcher (e.g. inotify limits).
    pub fn new(path: &Path, on_change: impl Fn() + Send + 'static) -> Result<Self, WatchError> {
        let cannot = |reason: WatchFailure| WatchError {
            path: path.to_owned(),
            reason,
        };
        let absolute = std::path::absolute(path).map_err(|e| cannot(WatchFailure::Io(e)))?;
        if absolute.file_name().is_none() {
            return Err(cannot(WatchFailure::NoFile));
        }
        let (to_worker, inbox) = channel();
        let events = to_worker.clone();
        let watcher = notify::recommended_watcher(move |event| {
            // Fails only once the worker has stopped, when nobody wants the event.
            let _ = events.send(Message::Event(event));
        })
        .map_err(|e| cannot(WatchFailure::Notify(e)))?;
        let changed = Arc::new(AtomicBool::new(false));
        let mut worker = Worker {
            watcher,
            path: absolute,
            points: Vec::new(),
            armed: Vec::new(),
            complete: false,
            last_error: None,
            changed: Arc::clone(&changed),
            on_change: Box::new(on_change),
        };
        // Armed before returning, so a change made right after `new` is seen.
        worker.refresh();
        std::thread::Builder::new()
            .name("data file watcher".to_owned())
            .spawn(move || worker.run(&inbox))
            .map_err(|e| cannot(WatchFailure::Io(e)))?;
        Ok(Self {
            path: path.to_path_buf(),
            changed,
            to_worker,
        })
    }

    /// The watched file, as given to [`FileWatcher::new`].
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file changed since the last call.
    pub fn changed(&self) -> bool {
        self.changed.swap(false, Ordering::AcqRel)
    }
}

impl Drop for FileWatcher {
    fn drop(&mut self) {
        // Not joined: the worker stops at once, and the UI thread must never wait on it.
        let _ = self.to_worker.send(Message::Stop);
    }
}

/// The state of the worker thread.
struct Worker {
    watcher: notify::RecommendedWatcher,
    /// The watched path, made absolute.
    path: PathBuf,
    /// Each symlink on the way and the file they lead to, as resolved directory + name: the
    /// paths whose events matter.
    points: Vec<PathBuf>,
    /// The directories being watched (sorted), with what they were when the watch was set.
    armed: Vec<(PathBuf, DirIdentity)>,
    /// Whether every directory on the way is watched; if not, it is looked for again.
    complete: bool,
    /// The last watch error logged, so a lasting one is logged once.
    last_error: Option<String>,
    changed: Arc<AtomicBool>,
    on_change: Box<dyn Fn() + Send>,
}

impl Worker {
    fn run(mut self, inbox: &Receiver<Message>) {
        loop {
            let message = if self.complete {
                inbox.recv().map_err(|_| RecvTimeoutError::Disconnected)
            } else {
                inbox.recv_timeout(RECHECK_INTERVAL)
            };
            match message {
                Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                Ok(Message::Event(Ok(event))) => self.on_event(&event),
                Ok(Message::Event(Err(err))) => {
                    // Typically the watched directory went away: look at the paths again.
                    log::debug!("{}: watch error: {err}", self.path.display());
                    self.recheck();
                }
                Err(RecvTimeoutError::Timeout) => self.recheck(),
            }
        }
    }

    fn on_event(&mut self, event: &notify::Event) {
        let ours = event.paths.iter().any(|p| self.points.contains(p));
        let edits = matches!(
            event.kind,
            notify::EventKind::Modify(_)
                | notify::EventKind::Create(_)
                | notify::EventKind::Remove(_)
        );
        // Events were lost: ours may have been among them.
        let lost = event.need_rescan();
        if (ours && edits) || lost {
            self.report();
        }
        // A link replaced, or a watched directory deleted or moved: the paths may lead
        // elsewhere now.
        let on_a_watched_dir = event
            .paths
            .iter()
            .any(|p| self.armed.iter().any(|(dir, _)| dir == p));
        if (ours && edits) || lost || on_a_watched_dir {
            self.recheck();
        }
    }

    /// Resolves the path again and reports a change if it now leads elsewhere or a directory
    /// came back (its file may have been written before the watch was set).
    fn recheck(&mut self) {
        if self.refresh() {
            self.report();
        }
    }

    fn report(&self) {
        if !self.changed.swap(true, Ordering::AcqRel) {
            (self.on_change)();
        }
    }

    /// Watches the directories the path leads through now; returns whether that changed.
    fn refresh(&mut self) -> bool {
        let plan = resolve(&self.path);
        let mut complete = plan.complete;
        let mut wanted = Vec::with_capacity(plan.dirs.len());
        for dir in plan.dirs {
            match dir_identity(&dir) {
                Some(identity) => wanted.push((dir, identity)),
                None => complete = false,
            }
        }
        let before = self.armed.clone();
        let watcher = &mut self.watcher;
        // A directory no longer on the way, or deleted and re-created (a watch follows the old
        // one), is unwatched; the error when its watch already ended with it is of no interest.
        self.armed.retain(|armed| {
            let keep = wanted.contains(armed);
            if !keep {
                let _ = watcher.unwatch(&armed.0);
            }
            keep
        });
        for (dir, identity) in wanted {
            if self.armed.iter().any(|(armed, _)| *armed == dir) {
                continue;
            }
            match self.watcher.watch(&dir, RecursiveMode::NonRecursive) {
                // Replaced while the watch was set: try again at the next look.
                Ok(()) if dir_identity(&dir) != Some(identity) => {
                    let _ = self.watcher.unwatch(&dir);
                    complete = false;
                }
                Ok(()) => self.armed.push((dir, identity)),
                Err(err) => {
                    complete = false;
                    let message = format!("{}: cannot watch for changes: {err}", dir.display());
                    if self.last_error.as_ref() != Some(&message) {
                        log::warn!("{message}");
                        self.last_error = Some(message);
                    }
                }
            }
        }
        self.armed.sort();
        self.complete = complete;
        let moved = self.points != plan.points;
        self.points = plan.points;
        moved || self.armed != before
    }
}

/// Where a path leads now.
#[derive(Debug, PartialEq)]
struct Plan {
    /// Each symlink on the way and the final file, as resolved directory + name.
    points: Vec<PathBuf>,
    /// Their directories, sorted, each once.
    dirs: Vec<PathBuf>,
    /// False when a directory on the way is missing.
    complete: bool,
}

/// Follows `path` (absolute) through its symlinks, a few `stat`-like calls per link.
fn resolve(path: &Path) -> Plan {
    let mut plan = Plan {
        points: Vec::new(),
        dirs: Vec::new(),
        complete: true,
    };
    let mut next = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let (Some(parent), Some(name)) = (next.parent(), next.file_name()) else {
            break;
        };
        let Ok(dir) = std::fs::canonicalize(parent) else {
            plan.complete = false;
            break;
        };
        let point = dir.join(name);
        if plan.points.contains(&point) {
            break; // A loop of links: each is watched already.
        }
        if !plan.dirs.contains(&dir) {
            plan.dirs.push(dir.clone());
        }
        plan.points.push(point.clone());
        match std::fs::read_link(&point) {
            // A relative target is relative to the link's directory; an absolute one replaces it.
            Ok(target) => next = dir.join(target),
            // Not a link, or not there (yet): the end of the chain.
            Err(_) => break,
        }
    }
    plan.dirs.sort();
    plan
}

/// What tells a directory from another created later at the same path.
#[cfg(unix)]
type DirIdentity = (u64, u64);
#[cfg(not(unix))]
type DirIdentity = ();

/// The identity of the directory at `dir`, if there is one.
fn dir_identity(dir: &Path) -> Option<DirIdentity> {
    let meta = std::fs::metadata(dir)
        .ok()
        .filter(std::fs::Metadata::is_dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_write_to_the_file_is_noticed_and_another_file_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data.json");
        std::fs::write(&path, "{}").unwrap();
        let watcher = FileWatcher::new(&path, || {}).unwrap();
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
        std::fs::write(dir.path().join("other.json"), "{}").unwrap();
        std::thread::sleep(Duration::from_millis(300));
        assert!(!watcher.changed());
    }

    /// Drops the watcher and waits (bounded) for its worker thread to end.
    fn assert_worker_ends_after_drop(watcher: FileWatcher) {
        let worker_alive = Arc::downgrade(&watcher.changed);
        drop(watcher);
        let started = Instant::now();
        while worker_alive.upgrade().is_some() {
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "the worker thread still runs 5 s after the watcher was dropped"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn dropping_the_watcher_ends_its_thread() {
        let dir = tempfile::tempdir().unwrap();
        let watcher = FileWatcher::new(&dir.path().join("data.json"), || {}).unwrap();
        assert_worker_ends_after_drop(watcher);
    }

    #[test]
    fn dropping_the_watcher_ends_its_thread_while_a_directory_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let watcher = FileWatcher::new(&dir.path().join("gone/data.json"), || {}).unwrap();
        assert_worker_ends_after_drop(watcher);
    }

    #[test]
    fn a_plain_file_resolves_to_itself_in_its_real_directory() {
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        let plan = resolve(&dir.path().join("data.json"));
        assert_eq!(
            plan,
            Plan {
                points: vec![real.join("data.json")],
                dirs: vec![real],
                complete: true,
            }
        );
    }

    #[test]
    fn a_file_in_a_missing_directory_is_incomplete() {
        let dir = tempfile::tempdir().unwrap();
        let plan = resolve(&dir.path().join("gone/data.json"));
        assert!(plan.points.is_empty());
        assert!(!plan.complete);
    }

    #[cfg(unix)]
    #[test]
    fn a_relative_symlink_chain_resolves_to_every_link_and_the_file() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(real.join("a")).unwrap();
        std::fs::create_dir(real.join("b")).unwrap();
        symlink("../b/middle.json", real.join("a/data.json")).unwrap();
        symlink("target.json", real.join("b/middle.json")).unwrap();
        let plan = resolve(&real.join("a/data.json"));
        assert_eq!(
            plan.points,
            vec![
                real.join("a/data.json"),
                real.join("b/middle.json"),
                real.join("b/target.json"),
            ]
        );
        assert_eq!(plan.dirs, vec![real.join("a"), real.join("b")]);
        assert!(plan.complete);
    }

    #[cfg(unix)]
    #[test]
    fn a_loop_of_symlinks_ends_and_watches_each_link() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::canonicalize(dir.path()).unwrap();
        symlink("b.json", real.join("a.json")).unwrap();
        symlink("a.json", real.join("b.json")).unwrap();
        let plan = resolve(&real.join("a.json"));
        assert_eq!(plan.points, vec![real.join("a.json"), real.join("b.json")]);
        assert!(plan.complete);
    }
}

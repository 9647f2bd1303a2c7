//! The data file watcher follows what the user means: the file a symlink points to (and the
//! new one when the link is re-pointed), and a file whose directory was deleted and re-created.
//! Every wait is bounded by a deadline; nothing here measures speed.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use overseas_stations::data::FileWatcher;

/// How long a change may take to be reported before the test fails.
const DEADLINE: Duration = Duration::from_secs(5);

fn watch(path: &Path) -> FileWatcher {
    FileWatcher::new(path, || {}).expect("the watcher starts")
}

/// Polls `changed()` until it reports a change, failing after [`DEADLINE`].
fn wait_for_change(watcher: &FileWatcher, what: &str) {
    let started = Instant::now();
    while !watcher.changed() {
        assert!(
            started.elapsed() < DEADLINE,
            "no change reported within {DEADLINE:?} after {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Lets the rest of one action's events arrive, then forgets them.
fn settle(watcher: &FileWatcher) {
    std::thread::sleep(Duration::from_millis(300));
    let _ = watcher.changed();
}

/// Asserts that no change is reported during `quiet`.
fn assert_no_change_for(watcher: &FileWatcher, quiet: Duration, what: &str) {
    let started = Instant::now();
    while started.elapsed() < quiet {
        assert!(!watcher.changed(), "a change was reported after {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!watcher.changed(), "a change was reported after {what}");
}

#[test]
fn nothing_is_reported_when_nothing_happens() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("data.json");
    std::fs::write(&path, "{}").expect("write");
    let wakes = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&wakes);
    let watcher = FileWatcher::new(&path, move || {
        counter.fetch_add(1, Ordering::SeqCst);
    })
    .expect("the watcher starts");
    assert_no_change_for(&watcher, Duration::from_secs(1), "a second of nothing");
    assert_eq!(
        wakes.load(Ordering::SeqCst),
        0,
        "the app was woken for nothing"
    );
}

#[test]
fn nothing_is_reported_while_the_directory_stays_missing() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("data");
    std::fs::create_dir(&dir).expect("mkdir");
    let path = dir.join("data.json");
    std::fs::write(&path, "{}").expect("write");
    let watcher = watch(&path);
    std::fs::remove_dir_all(&dir).expect("rm -r");
    wait_for_change(&watcher, "deleting the directory");
    settle(&watcher);
    // The watcher now checks for the directory's return; checking alone reports nothing.
    assert_no_change_for(
        &watcher,
        Duration::from_secs(1),
        "a second with the directory missing",
    );
}

#[test]
fn a_file_in_a_directory_deleted_and_re_created_is_watched_again() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("data");
    std::fs::create_dir(&dir).expect("mkdir");
    let path = dir.join("data.json");
    std::fs::write(&path, "{}").expect("write");
    let watcher = watch(&path);

    std::fs::remove_dir_all(&dir).expect("rm -r");
    wait_for_change(&watcher, "deleting the directory");
    settle(&watcher);

    std::fs::create_dir(&dir).expect("mkdir again");
    std::fs::write(&path, "{\"back\": 1}").expect("write again");
    wait_for_change(&watcher, "re-creating the directory with the file");
    settle(&watcher);

    std::fs::write(&path, "{\"edited\": 2}").expect("edit");
    wait_for_change(&watcher, "editing the file in the re-created directory");
}

#[test]
fn a_directory_moved_away_and_replaced_is_watched_in_its_new_form() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("data");
    std::fs::create_dir(&dir).expect("mkdir");
    let path = dir.join("data.json");
    std::fs::write(&path, "{}").expect("write");
    let watcher = watch(&path);

    // The watch on the old directory would follow it to its new name.
    let old = root.path().join("data.old");
    std::fs::rename(&dir, &old).expect("mv");
    std::fs::create_dir(&dir).expect("mkdir again");
    std::fs::write(&path, "{\"new\": 1}").expect("write the new file");
    wait_for_change(&watcher, "replacing the directory");
    // The move may be seen before the new directory exists; it is then found at the next
    // look, up to half a second later, and reported once more.
    std::thread::sleep(Duration::from_millis(900));
    settle(&watcher);

    std::fs::write(old.join("data.json"), "{\"old\": 2}").expect("edit the moved file");
    assert_no_change_for(
        &watcher,
        Duration::from_millis(700),
        "editing the file in the moved-away directory",
    );
    std::fs::write(&path, "{\"edited\": 3}").expect("edit");
    wait_for_change(&watcher, "editing the file in the new directory");
}

#[test]
fn a_file_watched_from_a_missing_directory_is_seen_when_it_appears() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("later");
    let path = dir.join("data.json");
    let watcher = watch(&path);
    assert_no_change_for(&watcher, Duration::from_millis(700), "nothing");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(&path, "{}").expect("write");
    wait_for_change(&watcher, "creating the directory and the file");
    settle(&watcher);
    std::fs::write(&path, "{\"edited\": 1}").expect("edit");
    wait_for_change(&watcher, "editing the new file");
}

#[cfg(unix)]
mod symlinks {
    use super::*;
    use std::os::unix::fs::symlink;

    /// Points `link` at `target`, replacing the link in one step as `ln -sfn` would.
    fn re_point(link: &Path, target: &Path) {
        let fresh = link.with_extension("new-link");
        symlink(target, &fresh).expect("symlink");
        std::fs::rename(&fresh, link).expect("rename over the link");
    }

    #[test]
    fn editing_the_target_of_a_symlinked_data_file_is_seen() {
        let links = tempfile::tempdir().expect("temp dir");
        let targets = tempfile::tempdir().expect("temp dir");
        let target = targets.path().join("stations.json");
        std::fs::write(&target, "{}").expect("write");
        let link = links.path().join("data.json");
        symlink(&target, &link).expect("symlink");
        let watcher = watch(&link);
        assert_eq!(watcher.path(), link, "path() is the path the app asked for");

        std::fs::write(&target, "{\"edited\": 1}").expect("edit the target");
        wait_for_change(&watcher, "editing the symlink's target");
    }

    #[test]
    fn editing_the_target_at_the_end_of_a_relative_symlink_chain_is_seen() {
        let root = tempfile::tempdir().expect("temp dir");
        for sub in ["a", "b", "c"] {
            std::fs::create_dir(root.path().join(sub)).expect("mkdir");
        }
        let target = root.path().join("c/stations.json");
        std::fs::write(&target, "{}").expect("write");
        symlink("../c/stations.json", root.path().join("b/middle.json")).expect("symlink");
        let link = root.path().join("a/data.json");
        symlink("../b/middle.json", &link).expect("symlink");
        let watcher = watch(&link);

        std::fs::write(&target, "{\"edited\": 1}").expect("edit the target");
        wait_for_change(&watcher, "editing the chain's target");
        settle(&watcher);

        // Re-pointing the middle link is followed too.
        let other = root.path().join("c/other.json");
        std::fs::write(&other, "{}").expect("write");
        re_point(
            &root.path().join("b/middle.json"),
            Path::new("../c/other.json"),
        );
        wait_for_change(&watcher, "re-pointing the middle link");
        settle(&watcher);
        std::fs::write(&other, "{\"edited\": 2}").expect("edit the new target");
        wait_for_change(&watcher, "editing the middle link's new target");
    }

    #[test]
    fn re_pointing_the_symlink_to_another_file_is_seen_and_followed() {
        let links = tempfile::tempdir().expect("temp dir");
        let first_dir = tempfile::tempdir().expect("temp dir");
        let second_dir = tempfile::tempdir().expect("temp dir");
        let first = first_dir.path().join("stations.json");
        let second = second_dir.path().join("stations.json");
        std::fs::write(&first, "{}").expect("write");
        std::fs::write(&second, "{}").expect("write");
        let link = links.path().join("data.json");
        symlink(&first, &link).expect("symlink");
        let watcher = watch(&link);

        re_point(&link, &second);
        wait_for_change(&watcher, "re-pointing the symlink");
        settle(&watcher);

        std::fs::write(&second, "{\"edited\": 1}").expect("edit the new target");
        wait_for_change(&watcher, "editing the new target");
        settle(&watcher);

        // The old target is no longer the data file.
        std::fs::write(&first, "{\"edited\": 2}").expect("edit the old target");
        assert_no_change_for(
            &watcher,
            Duration::from_millis(700),
            "editing the file the link no longer points to",
        );
    }

    #[test]
    fn the_target_directory_deleted_and_re_created_is_watched_again() {
        let links = tempfile::tempdir().expect("temp dir");
        let root = tempfile::tempdir().expect("temp dir");
        let dir = root.path().join("data");
        std::fs::create_dir(&dir).expect("mkdir");
        let target = dir.join("stations.json");
        std::fs::write(&target, "{}").expect("write");
        let link = links.path().join("data.json");
        symlink(&target, &link).expect("symlink");
        let watcher = watch(&link);

        std::fs::remove_dir_all(&dir).expect("rm -r");
        wait_for_change(&watcher, "deleting the target's directory");
        settle(&watcher);

        std::fs::create_dir(&dir).expect("mkdir again");
        std::fs::write(&target, "{\"back\": 1}").expect("write again");
        wait_for_change(&watcher, "re-creating the target's directory");
        settle(&watcher);

        std::fs::write(&target, "{\"edited\": 2}").expect("edit");
        wait_for_change(&watcher, "editing the target in the re-created directory");
    }
}

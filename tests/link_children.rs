//! Opening a link leaves no defunct child process: the "browser" is a local script that writes
//! the URL it was given to a file and exits, and the app must have reaped it by then (before,
//! eframe's `webbrowser` spawned it and never waited, so each link stayed a zombie until the app
//! quit). Linux only: it reads the process table from `/proc`.

#![cfg(target_os = "linux")]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use overseas_stations::ui::LinkOpener;

/// A browser that records its process id and the URL it is given in `record`, and exits at once.
fn fake_browser(dir: &Path, record: &Path) -> String {
    let script = dir.join("browser.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n%s' \"$$\" \"$1\" > '{}.part' && mv '{}.part' '{}'\n",
            record.display(),
            record.display(),
            record.display()
        ),
    )
    .expect("write the script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    script.display().to_string()
}

/// The state letter of a process (`Z` for a defunct one), or `None` once it is gone.
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) S ...": the state follows the last ')'.
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// The defunct children of this process, from every thread's children list.
fn defunct_children() -> Vec<u32> {
    let mut pids = Vec::new();
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return pids;
    };
    for task in tasks.flatten() {
        let children = std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
        pids.extend(
            children
                .split_whitespace()
                .filter_map(|p| p.parse::<u32>().ok())
                .filter(|&p| process_state(p) == Some('Z')),
        );
    }
    pids
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting until {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn clicking_a_source_starts_the_browser_and_leaves_no_defunct_child() {
    let dir = tempfile::tempdir().expect("temp dir");
    let record = dir.path().join("opened.txt");
    let mut h = common::harness();
    h.state_mut().model.select_country(Some("GB".into()));
    h.run();
    h.state_mut().links = LinkOpener::Browser(fake_browser(dir.path(), &record));

    // The first footnote marker of the panel, as a reader clicks it.
    h.get_all_by_role(Role::Link)
        .find(|node| {
            node.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with('['))
        })
        .expect("a footnote marker")
        .click();
    h.run();

    wait_for("the browser script wrote the URL", || record.exists());
    let written = std::fs::read_to_string(&record).expect("read the record");
    let (pid, opened) = written.split_once('\n').expect("pid and URL");
    let pid: u32 = pid.parse().expect("a pid");
    assert!(opened.starts_with("https://"), "{opened:?}");
    // The script has exited; the app must have waited for it, so it is gone, not defunct.
    wait_for("the exited browser is reaped", || {
        process_state(pid).is_none()
    });
    assert!(!defunct_children().contains(&pid));
}

#[test]
fn a_browser_that_keeps_running_is_reaped_when_it_exits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("slow.sh");
    let record = dir.path().join("started.txt");
    std::fs::write(
        &script,
        format!("#!/bin/sh\ntouch '{}'\nsleep 0.3\n", record.display()),
    )
    .expect("write");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let mut opener = LinkOpener::Browser(script.display().to_string());
    assert!(opener.open(&egui::Context::default(), "https://example.org/"));
    wait_for("the browser started", || record.exists());
    let pid = {
        // Its own child: the one running the script (found while it sleeps).
        let mut found = None;
        wait_for("the running browser is a child", || {
            found = std::fs::read_dir("/proc/self/task")
                .into_iter()
                .flatten()
                .flatten()
                .flat_map(|t| {
                    std::fs::read_to_string(t.path().join("children"))
                        .unwrap_or_default()
                        .split_whitespace()
                        .filter_map(|p| p.parse::<u32>().ok())
                        .collect::<Vec<_>>()
                })
                .find(|&p| {
                    std::fs::read_to_string(format!("/proc/{p}/cmdline"))
                        .is_ok_and(|c| c.contains("slow.sh"))
                });
            found.is_some()
        });
        found.expect("found")
    };
    wait_for("the browser is gone, not defunct", || {
        process_state(pid).is_none()
    });
}

/// The check above can fail: a child started and dropped without a wait, as `webbrowser` 1.2
/// does on Linux (`cmd.spawn().map(|_| ())` in its `common.rs`), is seen as defunct.
#[test]
fn a_browser_nobody_waits_for_is_seen_as_defunct() {
    let dir = tempfile::tempdir().expect("temp dir");
    let record = dir.path().join("opened.txt");
    let script = fake_browser(dir.path(), &record);
    let child = std::process::Command::new(&script)
        .arg("https://example.org/")
        .spawn()
        .expect("start the script");
    let pid = child.id();
    drop(child);
    wait_for("the dropped browser is defunct", || {
        process_state(pid) == Some('Z')
    });
    assert!(defunct_children().contains(&pid));
}

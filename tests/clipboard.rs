//! Copy citation reaches the clipboard: inside egui (kittest), and, in a real window under an X
//! server, the system clipboard as another program (`xclip`) reads it.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use egui::{Event, Key, Modifiers, OutputCommand};
use overseas_stations::app::{App, COPY_CITATION};

/// Spain selected the way `--select ES` does.
fn app_with_spain() -> App {
    let mut app = App::embedded().expect("the embedded data loads");
    app.model.select_country(Some("ES".into()));
    app
}

#[test]
fn the_shortcut_copies_the_citation_of_the_selected_country() {
    let expected = app_with_spain()
        .model
        .selection_citation()
        .expect("a country is selected");
    assert!(expected.contains("Spain"), "{expected}");
    assert!(expected.contains("https://"), "{expected}");

    let mut harness = common::harness_with(app_with_spain());
    harness.event(Event::Key {
        key: Key::C,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: COPY_CITATION.modifiers,
    });
    harness.step();
    let copied: Vec<&str> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            OutputCommand::CopyText(text) => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(copied, [expected.as_str()]);
    assert_eq!(
        COPY_CITATION.modifiers,
        Modifiers::COMMAND | Modifiers::SHIFT
    );
}

/// Kills the app when the test ends, passed or not.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn run(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program)
        .args(args)
        .stderr(Stdio::null())
        .output()
        .unwrap_or_else(|err| panic!("{program} could not run ({err}); CI installs it"));
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Needs an X server (`DISPLAY`), `xdotool` and `xclip`; CI runs it under `xvfb-run` with
/// `--ignored`. The app is the real binary in a real window: the shortcut goes through the X
/// server, and the text is read back by another process.
#[test]
#[ignore = "needs an X server, xdotool and xclip (CI: xvfb-run cargo test --test clipboard -- --ignored)"]
fn copy_citation_reaches_the_system_clipboard_of_a_real_window() {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "no DISPLAY: run under xvfb-run"
    );
    let expected = app_with_spain()
        .model
        .selection_citation()
        .expect("a country is selected");
    let settings = tempfile::tempdir().expect("a temporary directory");
    let app = Running(
        Command::new(env!("CARGO_BIN_EXE_overseas-stations"))
            .args(["--select", "ES"])
            // Its own settings, so nothing remembered on this machine changes what is selected.
            .env("XDG_CONFIG_HOME", settings.path())
            .env("XDG_DATA_HOME", settings.path())
            .env("XDG_CACHE_HOME", settings.path())
            .stdout(Stdio::null())
            .spawn()
            .expect("the app starts"),
    );
    let pid = app.0.id().to_string();

    let deadline = Instant::now() + Duration::from_secs(60);
    let window = loop {
        let found = run("xdotool", &["search", "--onlyvisible", "--pid", &pid]);
        if let Some(id) = found.as_deref().and_then(|s| s.lines().next()) {
            break id.to_owned();
        }
        assert!(Instant::now() < deadline, "no window appeared");
        std::thread::sleep(Duration::from_millis(250));
    };
    // Let it draw its first frames (and take the focus).
    std::thread::sleep(Duration::from_secs(2));
    let _ = run("xdotool", &["windowfocus", "--sync", &window]);

    let mut got = String::new();
    while Instant::now() < deadline {
        run(
            "xdotool",
            &[
                "key",
                "--clearmodifiers",
                "--window",
                &window,
                "ctrl+shift+c",
            ],
        );
        std::thread::sleep(Duration::from_millis(500));
        got = run("xclip", &["-o", "-selection", "clipboard"]).unwrap_or_default();
        if !got.is_empty() {
            break;
        }
    }
    assert_eq!(
        got, expected,
        "the X clipboard does not hold Spain's citation"
    );
}

//! Exit codes as scripts rely on them: a reader that stops early (`export | head`) is a normal
//! end; a `--screenshot` of a data file that cannot be used fails with the file's problems.

use std::io::Read;
use std::process::{Command, Stdio};

const EXE: &str = env!("CARGO_BIN_EXE_overseas-stations");

#[test]
fn a_closed_pipe_ends_the_export_quietly_with_success() {
    // The whole data set as JSON is far larger than a pipe's buffer, so the writer meets the
    // closed pipe.
    let mut child = Command::new(EXE)
        .args(["export", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the program starts");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("the export starts");
    drop(stdout);
    let output = child.wait_with_output().expect("the program ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.to_lowercase().contains("broken pipe"), "{stderr}");
    assert!(!stderr.contains("cannot write"), "{stderr}");
    assert!(first.starts_with(b"{"), "{first:?}");
}

#[test]
fn a_screenshot_of_a_missing_data_file_fails_with_the_reason() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let missing = dir.path().join("missing.json");
    let png = dir.path().join("out.png");
    let output = Command::new(EXE)
        .arg("--data")
        .arg(&missing)
        .arg("--screenshot")
        .arg(&png)
        .output()
        .expect("the program runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("missing.json"), "{stderr}");
    assert!(stderr.contains("no screenshot written"), "{stderr}");
    assert!(!png.exists(), "a picture of other data was written");
}

#[test]
fn a_screenshot_of_a_broken_data_file_fails_with_its_problems() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, b"{ \"meta\": ").expect("write");
    let png = dir.path().join("out.png");
    let output = Command::new(EXE)
        .arg("--data")
        .arg(&broken)
        .args(["--screenshot"])
        .arg(&png)
        .output()
        .expect("the program runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("broken.json:1:"), "{stderr}");
    assert!(!png.exists());
}

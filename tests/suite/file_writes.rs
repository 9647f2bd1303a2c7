//! File writes can't be hijacked: every file the app writes to a path the user chose (`export
//! --output`, `--screenshot`, the GUI's export and screenshot, `diff --changelog-into`) goes through
//! `write_atomically`, which writes an exclusive, unpredictable temporary file beside the target
//! and renames it over the target. These tests plant what an attacker would plant: a symlink at the
//! temporary name the old code used, a symlink or a device node or a FIFO as the target, and many
//! writers at once; and check that an overwrite keeps the file's permissions.

#![cfg(unix)]

use std::os::unix::fs::{FileTypeExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::process::Command;

use overseas_stations::{WriteError, write_atomically};

fn mode_of(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o7777
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo {} failed", path.display());
}

/// The files in `dir` other than `keep`: what a write left behind.
fn leftovers(dir: &Path, keep: &[&str]) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| !keep.iter().any(|k| p.file_name().is_some_and(|n| n == *k)))
        .collect()
}

fn run_cli(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_overseas-stations"))
        .args(args)
        .output()
        .expect("run the binary");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_symlink_planted_at_the_old_predictable_temporary_name_is_not_written_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, b"precious").expect("write victim");
    let target = dir.path().join("out.csv");
    // The name the old code used: `.NAME.PID.tmp`, where PID is this process.
    let planted = dir
        .path()
        .join(format!(".out.csv.{}.tmp", std::process::id()));
    std::os::unix::fs::symlink(&victim, &planted).expect("plant symlink");

    write_atomically(&target, b"exported").expect("the write succeeds");

    assert_eq!(std::fs::read(&victim).expect("read victim"), b"precious");
    assert_eq!(std::fs::read(&target).expect("read target"), b"exported");
    assert!(
        std::fs::symlink_metadata(&target)
            .expect("target")
            .file_type()
            .is_file(),
        "the target is a regular file, not the planted link"
    );
    assert!(
        std::fs::symlink_metadata(&planted)
            .expect("planted link")
            .file_type()
            .is_symlink(),
        "the planted link is left alone"
    );
}

#[test]
fn a_target_that_is_a_symlink_is_refused_and_the_file_it_points_to_is_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, b"precious").expect("write victim");
    let link = dir.path().join("out.csv");
    std::os::unix::fs::symlink(&victim, &link).expect("symlink");

    let err = write_atomically(&link, b"exported").expect_err("a symlinked target is refused");
    assert!(
        matches!(err, WriteError::Symlink { to: Some(_), .. }),
        "{err:?}"
    );
    let err = err.to_string();

    assert!(err.contains("symbolic link"), "{err}");
    assert!(
        err.contains("victim.txt"),
        "the message names where it points: {err}"
    );
    assert_eq!(std::fs::read(&victim).expect("read victim"), b"precious");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink(),
        "the link is not replaced"
    );
    assert_eq!(
        leftovers(dir.path(), &["victim.txt", "out.csv"]),
        Vec::<PathBuf>::new()
    );
}

#[test]
fn a_dangling_symlink_as_target_is_refused_and_nothing_is_created_where_it_points() {
    let dir = tempfile::tempdir().expect("tempdir");
    let nowhere = dir.path().join("created-through-the-link");
    let link = dir.path().join("out.csv");
    std::os::unix::fs::symlink(&nowhere, &link).expect("symlink");

    let err = write_atomically(&link, b"exported")
        .expect_err("refused")
        .to_string();

    assert!(err.contains("symbolic link"), "{err}");
    assert!(!nowhere.exists());
}

#[test]
fn a_fifo_as_target_is_refused_and_stays_a_fifo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("out.csv");
    mkfifo(&fifo);

    let err = write_atomically(&fifo, b"exported").expect_err("a FIFO is refused");
    assert!(matches!(err, WriteError::NotRegular { .. }), "{err:?}");
    let err = err.to_string();

    assert!(err.contains("not a regular file"), "{err}");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .expect("fifo")
            .file_type()
            .is_fifo(),
        "the FIFO is not replaced"
    );
    assert_eq!(leftovers(dir.path(), &["out.csv"]), Vec::<PathBuf>::new());
}

#[test]
fn dev_null_as_target_is_refused_and_stays_a_character_device() {
    // Run as root, the old code replaced /dev/null with a regular file; this must never happen.
    let err = write_atomically(Path::new("/dev/null"), b"exported")
        .expect_err("refused")
        .to_string();

    assert!(err.contains("not a regular file"), "{err}");
    assert!(
        std::fs::symlink_metadata("/dev/null")
            .expect("/dev/null")
            .file_type()
            .is_char_device()
    );
}

#[test]
fn a_directory_as_target_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub = dir.path().join("out.csv");
    std::fs::create_dir(&sub).expect("mkdir");

    let err = write_atomically(&sub, b"exported").expect_err("a directory is refused");
    assert!(matches!(err, WriteError::Directory { .. }), "{err:?}");
    let err = err.to_string();

    assert!(err.contains("directory"), "{err}");
    assert!(sub.is_dir());
    assert_eq!(leftovers(dir.path(), &["out.csv"]), Vec::<PathBuf>::new());
}

#[test]
fn overwriting_a_private_file_keeps_it_private() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("out.csv");
    std::fs::write(&target, b"old").expect("write");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).expect("chmod");

    write_atomically(&target, b"new").expect("write");

    assert_eq!(std::fs::read(&target).expect("read"), b"new");
    assert_eq!(mode_of(&target), 0o600);
}

#[test]
fn overwriting_keeps_a_wider_mode_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("out.csv");
    std::fs::write(&target, b"old").expect("write");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o664)).expect("chmod");

    write_atomically(&target, b"new").expect("write");

    assert_eq!(mode_of(&target), 0o664);
}

#[test]
fn a_new_file_gets_the_mode_any_new_file_gets_under_the_umask() {
    let dir = tempfile::tempdir().expect("tempdir");
    let reference = dir.path().join("reference");
    std::fs::File::create(&reference).expect("create");
    let target = dir.path().join("out.csv");

    write_atomically(&target, b"new").expect("write");

    assert_eq!(mode_of(&target), mode_of(&reference));
}

#[test]
fn concurrent_writers_do_not_clobber_each_others_temporary_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("out.csv");
    let payloads: Vec<Vec<u8>> = (0..16u8).map(|i| vec![b'a' + i; 64 * 1024]).collect();

    let results: Vec<Result<(), WriteError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = payloads
            .iter()
            .map(|payload| {
                let target = &target;
                scope.spawn(move || (0..8).try_for_each(|_| write_atomically(target, payload)))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("writer thread"))
            .collect()
    });

    for result in results {
        result.expect("every write succeeds");
    }
    let written = std::fs::read(&target).expect("read");
    assert!(
        payloads.contains(&written),
        "the file is one writer's complete payload, not a mix ({} bytes)",
        written.len()
    );
    assert_eq!(leftovers(dir.path(), &["out.csv"]), Vec::<PathBuf>::new());
}

#[test]
fn a_write_into_a_missing_folder_fails_naming_the_file_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("missing-dir").join("out.csv");

    let err = write_atomically(&target, b"new").expect_err("no such directory");
    assert!(matches!(err, WriteError::NoFolder { .. }), "{err:?}");
    let err = err.to_string();

    assert!(err.contains("out.csv"), "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert_eq!(leftovers(dir.path(), &[]), Vec::<PathBuf>::new());
}

#[test]
fn export_output_onto_a_symlink_is_refused_with_a_message_and_exit_code_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, b"precious").expect("write victim");
    let link = dir.path().join("out.csv");
    std::os::unix::fs::symlink(&victim, &link).expect("symlink");

    let (code, stderr) = run_cli(&[
        "export".as_ref(),
        "--format".as_ref(),
        "csv".as_ref(),
        "--output".as_ref(),
        link.as_os_str(),
    ]);

    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert_eq!(std::fs::read(&victim).expect("read victim"), b"precious");
    assert!(link.is_symlink());
}

#[test]
fn export_output_onto_a_fifo_is_refused_with_a_message_and_exit_code_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("out.csv");
    mkfifo(&fifo);

    let (code, stderr) = run_cli(&[
        "export".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "--output".as_ref(),
        fifo.as_os_str(),
    ]);

    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .expect("fifo")
            .file_type()
            .is_fifo()
    );
}

#[test]
fn a_screenshot_onto_a_symlink_or_a_fifo_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, b"precious").expect("write victim");
    let link = dir.path().join("shot.png");
    std::os::unix::fs::symlink(&victim, &link).expect("symlink");
    let fifo = dir.path().join("fifo.png");
    mkfifo(&fifo);
    let image = egui::ColorImage::new([2, 2], vec![egui::Color32::RED; 4]);

    let err = overseas_stations::screenshot::write_png(&link, &image)
        .expect_err("refused")
        .to_string();
    assert!(err.contains("symbolic link"), "{err}");
    let err = overseas_stations::screenshot::write_png(&fifo, &image)
        .expect_err("refused")
        .to_string();
    assert!(err.contains("not a regular file"), "{err}");

    assert_eq!(std::fs::read(&victim).expect("read victim"), b"precious");
    assert!(link.is_symlink());
    assert!(
        std::fs::symlink_metadata(&fifo)
            .expect("fifo")
            .file_type()
            .is_fifo()
    );
}

#[test]
fn a_target_name_near_the_file_system_limit_can_still_be_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join(format!("{}.csv", "n".repeat(250)));

    write_atomically(&target, b"long").expect("write");

    assert_eq!(std::fs::read(&target).expect("read"), b"long");
}

#[test]
fn overwriting_another_users_file_keeps_its_owner_where_the_system_allows() {
    use std::os::unix::fs::MetadataExt as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("out.csv");
    std::fs::write(&target, b"old").expect("write");
    // Only root may give a file away; for anyone else there is nothing to check.
    if std::os::unix::fs::chown(&target, Some(65534), Some(65534)).is_err() {
        return;
    }

    write_atomically(&target, b"new").expect("write");

    let meta = std::fs::metadata(&target).expect("metadata");
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
}

#[test]
fn the_apps_export_onto_a_symlink_is_refused_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, b"precious").expect("write victim");
    let link = dir.path().join("out.csv");
    std::os::unix::fs::symlink(&victim, &link).expect("symlink");
    let app = overseas_stations::app::App::embedded().expect("the embedded data loads");

    let message = app.export_to(&link, overseas_stations::data::ExportFormat::Csv);

    assert!(message.starts_with("Export failed"), "{message}");
    assert!(message.contains("symbolic link"), "{message}");
    assert_eq!(std::fs::read(&victim).expect("read victim"), b"precious");
}

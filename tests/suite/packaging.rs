//! The Debian package's files agree with the program: the generated manual pages and completions
//! are what the current clap definitions make, the desktop entry, metainfo, window and icons carry
//! one app id, every asset `cargo deb` packs exists, and the icons have the sizes their folders
//! claim. (CI also builds and installs the package and runs the desktop-file and AppStream
//! validators: .ci/run.)

use std::path::{Path, PathBuf};
use std::process::Command;

use overseas_stations::APP_ID;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(root().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Every file under `dir`, relative to it, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, base, out);
            } else {
                out.push(path.strip_prefix(base).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn generated_man_pages_and_completions_are_current() {
    let generated = root().join("packaging/generated");
    let expected = overseas_stations::cli::package_files().unwrap();
    let mut expected_names: Vec<PathBuf> = expected.iter().map(|(p, _)| p.clone()).collect();
    expected_names.sort();
    assert_eq!(
        files_under(&generated),
        expected_names,
        "packaging/generated/ lists other files than the program generates: run tools/package_files.sh"
    );
    for (relative, bytes) in expected {
        let on_disk = std::fs::read(generated.join(&relative)).unwrap();
        assert!(
            on_disk == bytes,
            "packaging/generated/{} is stale: run tools/package_files.sh",
            relative.display()
        );
    }
}

/// The `[package.metadata.deb]` assets as (source, destination) pairs, read from Cargo.toml.
fn deb_assets() -> Vec<(String, String)> {
    let manifest = read("Cargo.toml");
    let table = manifest
        .split("[package.metadata.deb]")
        .nth(1)
        .expect("Cargo.toml has a [package.metadata.deb] table");
    let assets = table.split("assets = [").nth(1).expect("deb assets");
    assets
        .lines()
        .map(str::trim)
        .take_while(|line| *line != "]")
        .filter(|line| line.starts_with("[\""))
        .map(|line| {
            let fields: Vec<&str> = line.split('"').collect();
            (fields[1].to_owned(), fields[3].to_owned())
        })
        .collect()
}

#[test]
fn every_packed_asset_exists() {
    let assets = deb_assets();
    assert!(assets.len() > 15, "{assets:?}");
    for (source, _) in &assets {
        if source.starts_with("target/") {
            continue; // built by `cargo deb` itself
        }
        if let Some(dir) = source.strip_suffix("/*.1") {
            let pages = std::fs::read_dir(root().join(dir)).unwrap().count();
            assert!(pages >= 5, "{dir} holds {pages} manual pages");
            continue;
        }
        assert!(
            root().join(source).is_file(),
            "{source} is packed but missing"
        );
    }
}

#[test]
fn desktop_entry_metainfo_window_and_icons_share_the_app_id() {
    let desktop = read("packaging/overseas-stations.desktop");
    assert!(desktop.contains(&format!("\nIcon={APP_ID}\n")), "{desktop}");
    assert!(
        desktop.contains(&format!("\nStartupWMClass={APP_ID}\n")),
        "{desktop}"
    );
    assert!(desktop.contains("\nExec=overseas-stations\n"), "{desktop}");

    let metainfo = read("packaging/overseas-stations.metainfo.xml");
    assert!(metainfo.contains(&format!("<id>{APP_ID}</id>")));
    assert!(metainfo.contains(&format!(
        "<launchable type=\"desktop-id\">{APP_ID}.desktop</launchable>"
    )));
    assert!(
        metainfo.contains(&format!(
            "<release version=\"{}\"",
            env!("CARGO_PKG_VERSION")
        )),
        "the metainfo's newest release must be this version"
    );

    let installed: Vec<String> = deb_assets().into_iter().map(|(_, to)| to).collect();
    let wanted = [
        format!("usr/share/applications/{APP_ID}.desktop"),
        format!("usr/share/metainfo/{APP_ID}.metainfo.xml"),
        format!("usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg"),
        format!("usr/share/icons/hicolor/16x16/apps/{APP_ID}.png"),
        format!("usr/share/icons/hicolor/512x512/apps/{APP_ID}.png"),
    ];
    for path in wanted {
        assert!(
            installed.contains(&path),
            "{path} not installed: {installed:?}"
        );
    }
    // The window says the same (src/cli/gui.rs), or the desktop cannot tie it to the entry.
    assert!(read("src/cli/gui.rs").contains(".with_app_id(crate::APP_ID)"));
}

#[test]
fn icon_pngs_have_the_size_their_folder_names() {
    let theme = root().join("assets/icons/hicolor");
    let mut seen = 0;
    for relative in files_under(&theme) {
        let folder = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .to_string();
        let (w, h) = folder.split_once('x').unwrap();
        let bytes = std::fs::read(theme.join(&relative)).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{}", relative.display());
        let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert_eq!(
            (width.to_string(), height.to_string()),
            (w.to_owned(), h.to_owned())
        );
        seen += 1;
    }
    assert_eq!(seen, 8, "16, 24, 32, 48, 64, 128, 256 and 512 px");
}

#[test]
fn completions_print_and_a_bad_shell_exits_2() {
    let bin = env!("CARGO_BIN_EXE_overseas-stations");
    let out = Command::new(bin)
        .args(["completions", "fish"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let script = String::from_utf8(out.stdout).unwrap();
    assert!(script.contains("complete -c overseas-stations"), "{script}");

    let out = Command::new(bin)
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tcsh"));
}

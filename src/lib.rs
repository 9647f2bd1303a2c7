//! overseas-stations: a desktop world map of publicly reported Chinese overseas police
//! "service stations", with every fact sourced.
//!
//! Data flows one way: file → [`data`] (types, validation) → [`geo`] (outlines, hit testing) →
//! [`map`] (walkers plugins) → [`ui`] (panels). [`app::App`] owns the state.

#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod app;
pub mod cli;
pub mod data;
pub mod geo;
pub mod map;
pub mod screenshot;
pub mod settings;
pub mod ui;

use std::io::Write as _;
use std::path::Path;

/// Writes a file atomically: a temporary file in the same directory, then a rename, so readers
/// never see half a file and a failed write leaves the old file intact.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&tmp, path));
    result.map_err(|err| {
        let _ = std::fs::remove_file(&tmp);
        format!("{}: cannot write: {err}", path.display())
    })
}

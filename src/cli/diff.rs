//! `overseas-stations diff`: what changed between two data files, and the changelog entry that
//! sums it up (optionally written into a file's `meta.changelog`).

use std::io::Write;
use std::path::Path;

use crate::data;

use super::load::load_or_report;

/// Runs `diff`: loads both files (each must be valid), prints what changed and the changelog
/// entry (JSON), and with `changelog_into` inserts that entry into a JSON file's
/// `meta.changelog`. Returns 0, or 1 after a message.
pub fn run_diff(old: &Path, new: &Path, changelog_into: Option<&Path>, out: &mut dyn Write) -> i32 {
    let (Some(old_set), Some(new_set)) = (load_or_report(Some(old)), load_or_report(Some(new)))
    else {
        return 1;
    };
    let d = data::diff(&old_set.file, &new_set.file);
    let meta = &new_set.file.meta;
    let entry = d.changelog_entry(&meta.as_of, &meta.version);
    let _ = write!(out, "{d}");
    let json = serde_json::to_string_pretty(&entry).unwrap_or_default();
    let _ = writeln!(out, "changelog entry:\n{json}");
    if let Some(path) = changelog_into {
        if let Err(err) = insert_changelog(path, &entry) {
            eprintln!(
                "overseas-stations diff: {}: {}",
                data::printable_path(path),
                data::printable(&err)
            );
            return 1;
        }
        eprintln!("changelog entry added to {}", data::printable_path(path));
    }
    0
}

/// Inserts `entry` at the top of `meta.changelog` of the JSON file at `path` (unless an entry with
/// the same date and version is there, which it replaces).
fn insert_changelog(path: &Path, entry: &data::ChangelogEntry) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut root: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let meta = if root.get("meta").is_some() {
        &mut root["meta"]
    } else {
        &mut root
    };
    let entry_value = serde_json::to_value(entry).map_err(|e| e.to_string())?;
    let Some(meta) = meta.as_object_mut() else {
        return Err("no meta object".to_owned());
    };
    let log = meta
        .entry("changelog")
        .or_insert_with(|| serde_json::Value::Array(Vec::new()));
    let Some(log) = log.as_array_mut() else {
        return Err("meta.changelog is not a list".to_owned());
    };
    log.retain(|e| {
        !(e.get("date") == entry_value.get("date")
            && e.get("version") == entry_value.get("version"))
    });
    log.insert(0, entry_value);
    let mut bytes = serde_json::to_vec_pretty(&root).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    crate::write_atomically(path, &bytes).map_err(|e| e.to_string())
}

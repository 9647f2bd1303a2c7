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
            eprintln!("overseas-stations diff: {}", data::printable(&err));
            return 1;
        }
        eprintln!("changelog entry added to {}", data::printable_path(path));
    }
    0
}

/// Inserts `entry` at the top of `meta.changelog` of the JSON file at `path` (unless an entry with
/// the same date and version is there, which it replaces).
fn insert_changelog(path: &Path, entry: &data::ChangelogEntry) -> Result<(), String> {
    let at = |what: &dyn std::fmt::Display| format!("{}: {what}", data::printable_path(path));
    // Read as a data file is (regular files only, bounded, not while it changes); any JSON with
    // a `meta` object or a `changelog` list will do.
    let bytes = data::read_bounded(path).map_err(|e| at(&e))?;
    let text = String::from_utf8(bytes).map_err(|e| at(&e))?;
    let mut root: serde_json::Value = serde_json::from_str(&text).map_err(|e| at(&e))?;
    let meta = if root.get("meta").is_some() {
        &mut root["meta"]
    } else {
        &mut root
    };
    let entry_value = serde_json::to_value(entry).map_err(|e| at(&e))?;
    let Some(meta) = meta.as_object_mut() else {
        return Err(at(&"no meta object"));
    };
    let log = meta
        .entry("changelog")
        .or_insert_with(|| serde_json::Value::Array(Vec::new()));
    let Some(log) = log.as_array_mut() else {
        return Err(at(&"meta.changelog is not a list"));
    };
    log.retain(|e| {
        !(e.get("date") == entry_value.get("date")
            && e.get("version") == entry_value.get("version"))
    });
    log.insert(0, entry_value);
    let mut bytes = serde_json::to_vec_pretty(&root).map_err(|e| at(&e))?;
    bytes.push(b'\n');
    // The write's own error names the path.
    crate::write_atomically(path, &bytes).map_err(|e| e.to_string())
}

//! Reading a data file: I/O and JSON errors turned into messages that say where and what.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::model::DataFile;

/// Where a data set came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataSource {
    /// The copy compiled into the binary.
    Embedded,
    /// A file on disk.
    File(PathBuf),
}

impl fmt::Display for DataSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Embedded => write!(f, "embedded data set"),
            Self::File(path) => write!(f, "{}", printable_path(path)),
        }
    }
}

/// Why a data file could not be read or parsed.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read (missing, unreadable, a directory…).
    #[error("{path}: cannot read the file: {reason}")]
    Io {
        /// The file.
        path: String,
        /// What the operating system said, in words.
        reason: String,
    },
    /// The file is not UTF-8 text.
    #[error(
        "{path}: the file is not UTF-8 text (first invalid byte at offset {offset}); save it as UTF-8 JSON"
    )]
    NotUtf8 {
        /// The file.
        path: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The file is empty or holds only whitespace.
    #[error(
        "{path}: the file is empty; expected a JSON object with \"meta\" and \"stations\" (see docs/data-format.md)"
    )]
    Empty {
        /// The file.
        path: String,
    },
    /// The JSON is malformed or does not match the format.
    #[error("{path}:{line}:{column}: {message}")]
    Json {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde_json said.
        message: String,
    },
}

/// The largest data file that is read (512 MiB): far above any real data set (a million stations
/// fit), and low enough that a hostile or runaway file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Reads and parses a data file, returning its text too (validation messages point into it).
///
/// Only regular files are read (never a directory, device, pipe or socket), at most
/// [`MAX_FILE_BYTES`] of them, and a file that changes while it is read is refused rather than
/// parsed half old, half new. A leading UTF-8 byte order mark is ignored.
pub fn load_file(path: &Path) -> Result<(String, DataFile), LoadError> {
    let shown = printable_path(path);
    let bytes = read_bounded(path).map_err(|reason| LoadError::Io {
        path: shown.clone(),
        reason,
    })?;
    let text = String::from_utf8(bytes).map_err(|err| LoadError::NotUtf8 {
        path: shown.clone(),
        offset: err.utf8_error().valid_up_to(),
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    let data = parse_str(&text, &shown)?;
    Ok((text, data))
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`], checking that it did not change meanwhile;
/// errors are returned as the reason, in words.
pub(crate) fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    // `metadata` before `open`: opening a FIFO would block until someone writes to it.
    let before = std::fs::metadata(path).map_err(|err| io_reason(&err))?;
    check_kind(&before)?;
    let file = std::fs::File::open(path).map_err(|err| io_reason(&err))?;
    // The path may have been swapped between the two calls; what counts is what was opened.
    let opened = file.metadata().map_err(|err| io_reason(&err))?;
    check_kind(&opened)?;
    let capacity = usize::try_from(opened.len())
        .unwrap_or(usize::MAX)
        .min(MAX_FILE_BYTES as usize);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| io_reason(&err))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let after = std::fs::File::open(path)
        .and_then(|f| f.metadata())
        .ok()
        .filter(|m| same_file(m, &opened));
    let read = bytes.len() as u64;
    // Pseudo-files (procfs, sysfs) report a length of 0 whatever they hold.
    let pseudo = opened.len() == 0;
    let changed = match after {
        // Same file: it must still have the length read and the same modification time.
        Some(after) => {
            after.modified().ok() != opened.modified().ok()
                || (!pseudo && (opened.len() != read || after.len() != read))
        }
        // The path now names another file (an editor saved by renaming over it) or nothing: what
        // was read is the complete earlier version, unless it changed while being read.
        None => !pseudo && opened.len() != read,
    };
    if changed {
        return Err(
            "the file changed while it was being read; wait until it has been saved, then open it again"
                .to_owned(),
        );
    }
    Ok(bytes)
}

fn check_kind(meta: &std::fs::Metadata) -> Result<(), String> {
    if meta.is_dir() {
        return Err("it is a directory, not a file".to_owned());
    }
    if !meta.is_file() {
        return Err(
            "it is not a regular file (a device, pipe or socket); save the data to a file first"
                .to_owned(),
        );
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    Ok(())
}

fn too_large(len: u64) -> String {
    format!(
        "the file is too large ({} MiB or more); data files are limited to {} MiB",
        len / (1024 * 1024),
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.created().ok() == b.created().ok()
}

/// Parses the text of a data file; `path` is only used in messages.
pub fn parse_str(text: &str, path: &str) -> Result<DataFile, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            path: path.to_owned(),
        });
    }
    // serde would also read a JSON array as the fields in order; the format is an object.
    let start = text.len() - text.trim_start().len();
    if !text[start..].starts_with('{') {
        let (line, column) = position(text, start);
        let found: String = text[start..].chars().take(12).collect();
        return Err(LoadError::Json {
            path: path.to_owned(),
            line,
            column,
            message: format!(
                "expected a JSON object ({{ \"meta\": …, \"stations\": … }}), found {found:?} (see docs/data-format.md)"
            ),
        });
    }
    serde_json::from_str(text).map_err(|err| LoadError::Json {
        path: path.to_owned(),
        // serde_json says column 0 when the error is at the very start of a line (after a
        // newline); positions are 1-based.
        line: err.line().max(1),
        column: err.column().max(1),
        message: json_message(&err),
    })
}

/// 1-based line and column (in bytes) of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rfind('\n').map_or(offset, |nl| offset - nl - 1) + 1;
    (line, column)
}

/// Control characters, and the Unicode format characters that change how the text around them is
/// shown (bidirectional overrides and isolates, zero-width characters, the byte order mark).
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}'
        )
}

/// Text as it may be printed to a terminal or shown in one line: control, bidirectional and
/// invisible format characters are escaped (`\u{1b}`), so a hostile name cannot split a message,
/// drive a terminal or reorder the text around it; very long text is shortened in the middle.
pub fn printable(text: &str) -> String {
    shorten(&escape_unsafe(text), MAX_MESSAGE_CHARS)
}

/// `text` with every [`is_unsafe_char`] written as its `\u{…}` escape, at any length.
pub fn escape_unsafe(text: &str) -> String {
    if text.chars().any(is_unsafe_char) {
        text.chars()
            .map(|c| {
                if is_unsafe_char(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect()
    } else {
        text.to_owned()
    }
}

/// A path as it may be printed: see [`printable`]. Bytes that are not UTF-8 are shown as `�`.
pub fn printable_path(path: &Path) -> String {
    printable(&path.to_string_lossy())
}

/// Messages quote values from the file; a hostile file can make those megabytes long.
const MAX_MESSAGE_CHARS: usize = 600;

/// `text`, or when it is longer than `max` characters its start and end around a note of how
/// much was left out.
pub fn shorten(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_owned();
    }
    let head = max * 2 / 3;
    let tail = max / 6;
    let head_end = text.char_indices().nth(head).map_or(text.len(), |(i, _)| i);
    let tail_start = text
        .char_indices()
        .nth_back(tail.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    format!(
        "{}…[{} characters left out]…{}",
        &text[..head_end],
        count - head - tail,
        &text[tail_start..]
    )
}

fn json_message(err: &serde_json::Error) -> String {
    shorten(&json_message_full(err), MAX_MESSAGE_CHARS)
}

fn json_message_full(err: &serde_json::Error) -> String {
    // serde_json appends " at line L column C"; the location is already in front.
    let text = err.to_string();
    let text = match text.rfind(" at line ") {
        Some(idx) => text[..idx].to_owned(),
        None => text,
    };
    match err.classify() {
        serde_json::error::Category::Eof => {
            format!("{text}: the file ends too early (truncated?)")
        }
        serde_json::error::Category::Syntax => format!("{text}: this is not valid JSON"),
        _ => format!("{text} (see docs/data-format.md)"),
    }
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file; check the path".to_owned(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied; check the file's permissions".to_owned()
        }
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_json_reports_line_and_column() {
        let err = parse_str("{\n  \"meta\": {\n    \"title\": 3\n", "x.json").unwrap_err();
        match err {
            LoadError::Json { line, column, .. } => {
                assert_eq!(line, 3);
                assert!(column > 0);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn empty_text_is_reported_as_empty() {
        assert!(matches!(
            parse_str("  \n", "e.json"),
            Err(LoadError::Empty { .. })
        ));
    }

    #[test]
    fn a_directory_is_not_a_data_file() {
        let err = load_file(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_err();
        assert!(err.to_string().contains("directory"), "{err}");
    }

    #[test]
    fn long_messages_are_shortened_at_char_boundaries() {
        let long = "é".repeat(5000);
        let short = shorten(&long, 600);
        assert!(short.chars().count() < 700, "{}", short.len());
        assert!(short.contains("characters left out"));
        assert_eq!(shorten("abc", 600), "abc");
        let err = parse_str(&format!("{{\"{}\": 1}}", "k".repeat(10_000_000)), "x").unwrap_err();
        assert!(err.to_string().len() < 1000, "{}", err.to_string().len());
    }

    #[test]
    fn a_missing_file_says_so() {
        let err = load_file(Path::new("/no/such/file.json")).unwrap_err();
        assert!(err.to_string().contains("no such file"), "{err}");
    }
}

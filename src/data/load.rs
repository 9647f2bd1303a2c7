//! Reading a data file: I/O and JSON errors turned into messages that say where and what.

use std::fmt;
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
            Self::File(path) => write!(f, "{}", path.display()),
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

/// Reads and parses a data file, returning its text too (validation messages point into it).
pub fn load_file(path: &Path) -> Result<(String, DataFile), LoadError> {
    let shown = path.display().to_string();
    if path.is_dir() {
        return Err(LoadError::Io {
            path: shown,
            reason: "it is a directory, not a file".to_owned(),
        });
    }
    let bytes = std::fs::read(path).map_err(|err| LoadError::Io {
        path: shown.clone(),
        reason: io_reason(&err),
    })?;
    let text = String::from_utf8(bytes).map_err(|err| LoadError::NotUtf8 {
        path: shown.clone(),
        offset: err.utf8_error().valid_up_to(),
    })?;
    let data = parse_str(&text, &shown)?;
    Ok((text, data))
}

/// Parses the text of a data file; `path` is only used in messages.
pub fn parse_str(text: &str, path: &str) -> Result<DataFile, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            path: path.to_owned(),
        });
    }
    serde_json::from_str(text).map_err(|err| LoadError::Json {
        path: path.to_owned(),
        line: err.line(),
        column: err.column(),
        message: json_message(&err),
    })
}

fn json_message(err: &serde_json::Error) -> String {
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
    fn a_missing_file_says_so() {
        let err = load_file(Path::new("/no/such/file.json")).unwrap_err();
        assert!(err.to_string().contains("no such file"), "{err}");
    }
}

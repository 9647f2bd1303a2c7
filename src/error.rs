//! The library's errors as one type, for the places that chain steps with different errors
//! (build a picture, then write it; load the embedded data, then its outlines).
//!
//! Each module keeps its own typed error ([`WriteError`], [`ExportError`], [`PictureError`],
//! [`LoadError`], [`OutlineError`], …), whose message names where and what. `?` converts them into
//! [`Error`], and the boundary (a command's message on stderr, a notice in the app) turns it into
//! words once, with `Display`.

use crate::data::{ExportError, LoadError};
use crate::files::WriteError;
use crate::geo::OutlineError;
use crate::map::picture::PictureError;

/// Any of the library's errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Writing a file the user named.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// Making an export (CSV, GeoJSON, data file).
    #[error(transparent)]
    Export(#[from] ExportError),
    /// Making the map picture.
    #[error(transparent)]
    Picture(#[from] PictureError),
    /// Reading a data file.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Reading the country outlines.
    #[error(transparent)]
    Outlines(#[from] OutlineError),
    /// `--select` names no country of the outlines.
    #[error("--select {0}: no country with that ISO 3166-1 alpha-2 code")]
    UnknownCountry(String),
    /// Encoding a screenshot as PNG.
    #[error("{}: cannot encode PNG: {source}", .path.display())]
    EncodePng {
        /// Where it was to be written.
        path: std::path::PathBuf,
        /// What the encoder said.
        source: image::ImageError,
    },
}

/// Writes what a step made (an export, a picture) to `path` atomically: the step's error if it
/// made nothing, else the write's.
pub fn write_made<E>(path: &std::path::Path, made: Result<Vec<u8>, E>) -> Result<(), Error>
where
    Error: From<E>,
{
    crate::write_atomically(path, &made?)?;
    Ok(())
}

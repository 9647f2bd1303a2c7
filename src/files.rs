//! Writing the files the user names (`export --output`, `--screenshot`, the GUI's export and
//! screenshot, `diff --changelog-into`): one function, [`write_atomically`], so every such write
//! gets the same protection.
//!
//! What it guards against: a temporary file at a predictable name, opened without exclusivity,
//! lets anyone who can write to the target's folder (a shared or `/tmp` folder) plant a symlink
//! there and have the write go to another file; a rename over a device node, FIFO or symlink
//! replaces it with a regular file (run as root, `--output /dev/null` would replace `/dev/null`);
//! a new file created for the rename gets the default mode, so a private (600) file became
//! world-readable (644).

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Why [`write_atomically`] wrote nothing. Each message names the path and says what would fix it.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The path ends in `..` or is a root: it names no file.
    #[error("{}: not written: it does not name a file", .path.display())]
    NoFileName {
        /// The path given.
        path: PathBuf,
    },
    /// The target is a symbolic link, which is neither followed nor replaced.
    #[error(
        "{}: not written: it is a symbolic link{}; links are neither followed nor replaced, so give \
         the path of the file itself",
        .path.display(),
        .to.as_ref().map(|to| format!(" to {}", to.display())).unwrap_or_default()
    )]
    Symlink {
        /// The path given.
        path: PathBuf,
        /// Where the link points, when it could be read.
        to: Option<PathBuf>,
    },
    /// The target is a directory.
    #[error("{}: not written: it is a directory; give a file name", .path.display())]
    Directory {
        /// The path given.
        path: PathBuf,
    },
    /// The target is a device node, FIFO or socket, which is left as it is.
    #[error(
        "{}: not written: it is not a regular file (a device, pipe or socket), so it is not \
         replaced; give the path of a file",
        .path.display()
    )]
    NotRegular {
        /// The path given.
        path: PathBuf,
    },
    /// The folder the file would go in does not exist.
    #[error("{}: not written: the folder {} does not exist", .path.display(), .dir.display())]
    NoFolder {
        /// The path given.
        path: PathBuf,
        /// The folder.
        dir: PathBuf,
    },
    /// The temporary file could not be created in the target's folder.
    #[error("{}: cannot write in {}: {source}", .path.display(), .dir.display())]
    Folder {
        /// The path given.
        path: PathBuf,
        /// The folder.
        dir: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// Reading the target's metadata, writing, flushing or renaming failed.
    #[error("{}: cannot write: {source}", .path.display())]
    Io {
        /// The path given.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// The most bytes of the target's name kept in the temporary file's name, so a target name near
/// the file system's limit (255 bytes) still leaves room for the random part.
const NAME_IN_TEMPORARY: usize = 64;

/// Writes `bytes` to `path` atomically, so readers never see half a file and a failed write leaves
/// the old file intact.
///
/// - The bytes go to a new temporary file beside the target (`.NAME.XXXXXX.tmp`, random, created
///   exclusively: a file or link already at that name is never opened), are flushed to disk, and
///   the file is renamed over the target; the folder is then flushed too.
/// - An existing target keeps its permission bits (a 600 file stays 600) and, where the system
///   allows, its owner and group; a new file gets the mode any new file gets under the umask.
/// - Only a regular file or a name that does not exist yet is written. A directory, device node,
///   FIFO or socket is refused and left as it is.
/// - A target that is a symbolic link is refused: writing through it would let a link planted in
///   a shared folder redirect the write to any file the user can write, and replacing it would
///   silently break a link the user made. The message says where the link points, so the user can
///   give that path instead. (Links in the folders above the target are followed as usual.)
/// - A target with several hard links is replaced under this name only; the other names keep the
///   old content, as with any editor that saves by renaming.
///
/// Errors name the path and say what would fix it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let io = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    let Some(name) = path.file_name() else {
        return Err(WriteError::NoFileName {
            path: path.to_owned(),
        });
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let existing = match std::fs::symlink_metadata(path) {
        Ok(meta) => Some(check_target(path, &meta)?),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(io(err)),
    };
    let prefix = temporary_prefix(&name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    if existing.is_none() {
        // Passed to open(2), so the umask applies, as for any new file.
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // On error the temporary file is removed when `temporary` is dropped.
    let mut temporary = builder.tempfile_in(dir).map_err(|source| {
        let (path, dir) = (path.to_owned(), dir.to_owned());
        match source.kind() {
            std::io::ErrorKind::NotFound => WriteError::NoFolder { path, dir },
            _ => WriteError::Folder { path, dir, source },
        }
    })?;
    temporary
        .as_file_mut()
        .write_all(bytes)
        .and_then(|()| keep_metadata(temporary.as_file(), existing.as_ref()))
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(io)?;
    // rename(2) replaces whatever is at `path` by then without following it: if a link or device
    // appears there after the check above, it is replaced, never written through.
    temporary.persist(path).map_err(|err| io(err.error))?;
    sync_dir(dir);
    Ok(())
}

/// Accepts an existing regular file; refuses anything else with what would fix it.
fn check_target(path: &Path, meta: &std::fs::Metadata) -> Result<std::fs::Metadata, WriteError> {
    let path_buf = path.to_owned();
    let kind = meta.file_type();
    if kind.is_symlink() {
        return Err(WriteError::Symlink {
            to: std::fs::read_link(path).ok(),
            path: path_buf,
        });
    }
    if kind.is_dir() {
        return Err(WriteError::Directory { path: path_buf });
    }
    if !kind.is_file() {
        return Err(WriteError::NotRegular { path: path_buf });
    }
    Ok(meta.clone())
}

/// `.NAME.`, with NAME cut to at most [`NAME_IN_TEMPORARY`] bytes (at a character boundary).
fn temporary_prefix(name: &str) -> String {
    let mut end = name.len().min(NAME_IN_TEMPORARY);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!(".{}.", &name[..end])
}

/// Gives the temporary file the existing target's permission bits (not set-user/group-id) and,
/// where allowed, its owner and group.
#[cfg(unix)]
fn keep_metadata(
    file: &std::fs::File,
    existing: Option<&std::fs::Metadata>,
) -> std::io::Result<()> {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let Some(existing) = existing else {
        return Ok(());
    };
    let ours = file.metadata()?;
    if (ours.uid(), ours.gid()) != (existing.uid(), existing.gid()) {
        // Allowed for root (who then does not take over a user's file) or to a group the user is
        // in; otherwise the file belongs to whoever wrote it, as any new file does.
        if let Err(err) =
            std::os::unix::fs::fchown(file, Some(existing.uid()), Some(existing.gid()))
        {
            log::debug!("keeping the owner of a rewritten file: {err}");
        }
    }
    // After fchown, which may clear mode bits.
    file.set_permissions(std::fs::Permissions::from_mode(existing.mode() & 0o777))
}

#[cfg(not(unix))]
fn keep_metadata(
    _file: &std::fs::File,
    _existing: Option<&std::fs::Metadata>,
) -> std::io::Result<()> {
    Ok(())
}

/// Flushes the folder, so the rename itself survives a crash.
#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // The file is already written and renamed; a folder that can't be flushed (some network file
    // systems refuse) is not a failed write.
    if let Err(err) = std::fs::File::open(dir).and_then(|d| d.sync_all()) {
        log::warn!("{}: cannot flush the folder: {err}", dir.display());
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_temporary_name_keeps_a_short_name_whole() {
        assert_eq!(temporary_prefix("out.csv"), ".out.csv.");
    }

    #[test]
    fn the_temporary_name_cuts_a_long_name_to_leave_room_for_the_random_part() {
        // 4 bytes a character: 64 characters would be 256 bytes, over the file system's limit.
        let long = "\u{1F5FA}".repeat(100);
        let prefix = temporary_prefix(&long);
        assert!(prefix.len() <= NAME_IN_TEMPORARY + 2, "{}", prefix.len());
        assert!(prefix.starts_with(".\u{1F5FA}") && prefix.ends_with("\u{1F5FA}."));
    }
}

//! Files in folders we do not control: read only regular files of bounded size, open our
//! own side files (lock, draft) without following symlinks.
//!
//! Minutes folders are shared (network drives, shared accounts, other people's git
//! branches), so a name we read or write may be a planted symlink, a FIFO that blocks an
//! open forever, a device that never ends, or a file far larger than any plan. Every read
//! of an input file goes through [`read_regular`]; every side file rapporteur opens in
//! place goes through [`open_own_file`].

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// The largest input file rapporteur reads: 64 MiB (a plan of 10,000 actions is ~5 MiB).
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Not a regular file: a FIFO, a device, a socket or a folder.
    #[error("not a regular file ({0}): skipped")]
    NotRegular(&'static str),
    /// Larger than [`MAX_INPUT_BYTES`].
    #[error("the file is larger than the 64 MiB limit for input files")]
    TooLarge,
    /// The system said no.
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// What kind of non-regular file a file type is, for messages.
pub fn kind_name(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else if ft.is_symlink() {
        "a symbolic link"
    } else if ft.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Opens `path` for reading without blocking on a FIFO and without waiting for a device;
/// with `follow` false, a symlink is refused.
fn open_for_reading(path: &Path, follow: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
        let nofollow = if follow { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    #[cfg(not(unix))]
    let _ = follow;
    options
        .open(path)
        .map_err(|e| match std::fs::symlink_metadata(path) {
            Ok(m) if !follow && m.file_type().is_symlink() => io::Error::other(format!(
                "{} is a symbolic link, not a file rapporteur made: not followed",
                crate::text::inert_line(&path.display().to_string())
            )),
            _ => e,
        })
}

/// Reads a regular file of at most [`MAX_INPUT_BYTES`]; anything else is refused.
///
/// A symlink to a regular file is followed (plans are shared that way); the type is
/// checked on the opened file, so the check and the read see the same file.
pub fn read_regular(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_limited(path, MAX_INPUT_BYTES, true)
}

/// Reads one of rapporteur's own side files (a draft): like [`read_regular`], and a
/// symlink at its place is refused rather than followed.
pub fn read_own_file(path: &Path) -> Result<String, ReadError> {
    let bytes = read_limited(path, MAX_INPUT_BYTES, false)?;
    String::from_utf8(bytes)
        .map_err(|_| ReadError::Io(io::Error::new(io::ErrorKind::InvalidData, "not UTF-8")))
}

fn read_limited(path: &Path, limit: u64, follow: bool) -> Result<Vec<u8>, ReadError> {
    let file = open_for_reading(path, follow)?;
    let meta = file.metadata()?;
    if !meta.file_type().is_file() {
        return Err(ReadError::NotRegular(kind_name(&meta.file_type())));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge);
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Files under /proc report a size of 0 and then stream: the cap holds anyway.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// [`read_regular`] as UTF-8 text, with every refusal as an `io::Error` (for callers that
/// only report a reason: the config file, theme files).
pub fn read_to_string(path: &Path) -> io::Result<String> {
    let bytes = read_regular(path).map_err(|e| match e {
        ReadError::Io(e) => e,
        refused => io::Error::other(refused.to_string()),
    })?;
    String::from_utf8(bytes).map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8"))
}

/// True when `path` exists and is a regular file or a symlink to one.
pub fn is_regular(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// Opens (creating it if missing) one of rapporteur's own side files for reading and
/// writing: never through a symlink, never a FIFO or device, never truncated here.
///
/// Returns the file and whether it was created by this call.
pub fn open_own_file(path: &Path, private: bool) -> io::Result<(File, bool)> {
    let mut options = OpenOptions::new();
    options.read(true).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .mode(if private { 0o600 } else { 0o666 })
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let (file, created) = match options.clone().create_new(true).open(path) {
        Ok(f) => (f, true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match options.open(path) {
            Ok(f) => (f, false),
            Err(e) => return Err(refused(path, e)),
        },
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.file_type().is_file() {
        return Err(io::Error::other(format!(
            "{} is {}, not a file rapporteur made: remove it",
            crate::text::inert_line(&path.display().to_string()),
            kind_name(&meta.file_type())
        )));
    }
    Ok((file, created))
}

/// Words for an open that failed on an existing name: a symlink is named as such.
fn refused(path: &Path, e: io::Error) -> io::Error {
    let shown = crate::text::inert_line(&path.display().to_string()).into_owned();
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => io::Error::other(format!(
            "{shown} is a symbolic link, not a file rapporteur made: remove it (it was not followed)"
        )),
        Ok(m) if !m.file_type().is_file() => io::Error::other(format!(
            "{shown} is {}, not a file rapporteur made: remove it",
            kind_name(&m.file_type())
        )),
        _ => e,
    }
}

/// Removes temporary files that a killed writer left beside `target` (`.NAME.XXXX.tmp`).
///
/// Only call this while holding the minutes' lock: then no live writer owns them.
/// Returns how many were removed.
pub fn remove_stale_temporaries(target: &Path) -> usize {
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return 0;
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let prefix = format!(".{name}.");
    let mut removed = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let n = entry.file_name().to_string_lossy().into_owned();
        let is_ours = n.starts_with(&prefix)
            && n.ends_with(".tmp")
            // A temporary name is the prefix, random letters and `.tmp`: never a draft or lock.
            && !n[prefix.len()..n.len() - 4].contains('.');
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if is_ours && regular && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.minutes.toml");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(ok.success());
        let err = read_regular(&fifo).unwrap_err();
        assert!(err.to_string().contains("FIFO"), "{err}");
        let err = open_own_file(&fifo, false).unwrap_err();
        assert!(err.to_string().contains("FIFO"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_and_an_endless_file_are_refused() {
        let err = read_regular(Path::new("/dev/zero")).unwrap_err();
        assert!(err.to_string().contains("device"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'#'; 2048]).unwrap();
        assert!(matches!(
            read_limited(&big, 1024, true),
            Err(ReadError::TooLarge)
        ));
        assert_eq!(read_limited(&big, 4096, true).unwrap().len(), 2048);
    }

    #[cfg(unix)]
    #[test]
    fn own_files_never_follow_a_symlink_nor_truncate() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let link = dir.path().join(".m.minutes.toml.lock");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let err = open_own_file(&link, false).unwrap_err().to_string();
        assert!(err.contains("symbolic link"), "{err}");
        let err = read_own_file(&link).unwrap_err().to_string();
        assert!(err.contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        let own = dir.path().join(".n.lock");
        let (_, created) = open_own_file(&own, false).unwrap();
        assert!(created);
        std::fs::write(&own, "kept").unwrap();
        let (_, created) = open_own_file(&own, false).unwrap();
        assert!(!created);
        assert_eq!(std::fs::read_to_string(&own).unwrap(), "kept");
    }

    #[test]
    fn stale_temporaries_of_one_file_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("a.minutes.toml");
        for n in [
            ".a.minutes.toml.Xy12ab.tmp",
            ".a.minutes.toml.lock",
            ".a.minutes.toml.draft.toml",
            ".b.minutes.toml.Zz12ab.tmp",
            "a.minutes.toml",
        ] {
            std::fs::write(dir.path().join(n), "x").unwrap();
        }
        assert_eq!(remove_stale_temporaries(&m), 1);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".a.minutes.toml.draft.toml",
                ".a.minutes.toml.lock",
                ".b.minutes.toml.Zz12ab.tmp",
                "a.minutes.toml"
            ]
        );
    }
}

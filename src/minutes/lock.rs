//! One rapporteur per minutes file: an OS lock on a lock file beside the minutes.
//!
//! The lock is an advisory exclusive lock held for the life of the process, so a crashed
//! instance (dead pid) leaves a lock that the next one simply takes over. The file names
//! the holder (pid and host) for the refusal message.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// A held lock; dropping it removes the lock file.
#[derive(Debug)]
pub struct MinutesLock {
    path: PathBuf,
    file: Option<File>,
}

/// Why the lock could not be had.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another instance holds it.
    #[error(
        "these minutes are already open in another rapporteur ({holder}); close it first, or open read-only with --read-only"
    )]
    Held {
        /// `pid N on host H`, as the holder wrote it.
        holder: String,
    },
    /// The lock file could not be created.
    #[error("cannot create the lock file {path}: {source}")]
    Io {
        /// The lock file.
        path: String,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// The lock file of a minutes file: `.<name>.lock` beside it.
pub fn lock_path(minutes: &Path) -> PathBuf {
    let name = minutes
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    minutes.with_file_name(format!(".{name}.lock"))
}

/// This machine's host name, for the holder message.
pub fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "this machine".to_string())
}

impl MinutesLock {
    /// Takes the lock for `minutes`, or says who holds it.
    pub fn acquire(minutes: &Path, private: bool) -> Result<MinutesLock, LockError> {
        let path = lock_path(minutes);
        let io = |source| LockError::Io {
            path: crate::text::inert_line(&path.display().to_string()).into_owned(),
            source,
        };
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(if private { 0o600 } else { 0o666 });
        }
        let mut file = options.open(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = crate::text::inert_line(holder.trim()).into_owned();
                return Err(LockError::Held {
                    holder: if holder.is_empty() {
                        "unknown process".into()
                    } else {
                        holder
                    },
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        file.set_len(0).map_err(io)?;
        file.rewind().map_err(io)?;
        write!(file, "pid {} on host {}", std::process::id(), host_name()).map_err(io)?;
        file.sync_all().map_err(io)?;
        Ok(MinutesLock {
            path,
            file: Some(file),
        })
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for MinutesLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        drop(self.file.take());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_naming_the_holder_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("x.minutes.toml");
        let first = MinutesLock::acquire(&m, false).unwrap();
        let err = MinutesLock::acquire(&m, false).unwrap_err().to_string();
        assert!(
            err.contains(&format!("pid {}", std::process::id())),
            "{err}"
        );
        drop(first);
        assert!(
            !lock_path(&m).exists(),
            "a clean release leaves no lock file"
        );
        let again = MinutesLock::acquire(&m, false);
        assert!(again.is_ok());
    }
}

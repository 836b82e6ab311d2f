//! One rapporteur per minutes file: an OS lock on a lock file beside the minutes.
//!
//! The lock is an advisory exclusive lock held for the life of the process, so a crashed
//! instance (dead pid) leaves a lock that the next one simply takes over. The file names
//! the holder (pid and host) for the refusal message. The lock file is never opened
//! through a symlink, never a FIFO, and a file that does not look like a lock is refused,
//! not truncated. After locking, the path must still name the locked file (device and
//! inode): otherwise a quitting holder removed it in between, and we start again.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// A held lock; dropping it removes the lock file.
#[derive(Debug)]
pub struct MinutesLock {
    path: PathBuf,
    identity: (u64, u64),
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
        Self::acquire_with(minutes, private, &mut || {})
    }

    /// [`MinutesLock::acquire`], with `between` run after the lock file is opened and
    /// before it is locked: the window in which another instance may remove or replace it
    /// (tests widen it to show the lock still holds).
    pub fn acquire_with(
        minutes: &Path,
        private: bool,
        between: &mut dyn FnMut(),
    ) -> Result<MinutesLock, LockError> {
        let path = lock_path(minutes);
        let io = |source| LockError::Io {
            path: crate::text::inert_line(&path.display().to_string()).into_owned(),
            source,
        };
        // A holder that quits removes the file after we opened it; then the path names a
        // new file (or none) and the lock we took is on a file nobody else will ever see.
        for _ in 0..100 {
            let (mut file, created) = crate::fsafe::open_own_file(&path, private).map_err(io)?;
            between();
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = (&mut file).take(512).read_to_string(&mut holder);
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
            let held = file.metadata().map_err(io)?;
            if !names_file(&path, &held) {
                continue;
            }
            if !created {
                check_left_by_rapporteur(&path, &mut file, &held).map_err(io)?;
            }
            #[cfg(unix)]
            if private {
                // A lock left by someone else keeps its mode: a RESTRICTED meeting's is 0600.
                use std::os::unix::fs::PermissionsExt;
                file.set_permissions(std::fs::Permissions::from_mode(0o600))
                    .map_err(io)?;
            }
            // Naming the holder is a courtesy: on a full disk the lock holds without it.
            let _ = file
                .set_len(0)
                .and_then(|()| file.rewind())
                .and_then(|()| write!(file, "pid {} on host {}", std::process::id(), host_name()))
                .and_then(|()| file.sync_all());
            return Ok(MinutesLock {
                path,
                identity: identity(&held),
                file: Some(file),
            });
        }
        Err(io(std::io::Error::other(
            "the lock file keeps being replaced by another process",
        )))
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the signal thread needs to remove the lock file safely on the way out.
    pub fn release_handle(&self) -> LockRelease {
        LockRelease {
            path: self.path.clone(),
            identity: self.identity,
        }
    }
}

/// Device and inode of a file, to tell the file we locked from one put in its place.
fn identity(meta: &std::fs::Metadata) -> (u64, u64) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        (0, 0)
    }
}

/// True when `path` (not following a symlink) still names the file described by `held`.
fn names_file(path: &Path, held: &std::fs::Metadata) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| identity(&m) == identity(held))
}

/// A lock file we did not create is only reused (and rewritten) when it looks like one:
/// one link, and a holder line or nothing. Anything else may be someone's file linked
/// into place, and is refused rather than truncated.
fn check_left_by_rapporteur(
    path: &Path,
    file: &mut File,
    meta: &std::fs::Metadata,
) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() != 1 {
            return Err(std::io::Error::other(format!(
                "{} has other names (hard links), so it is not a lock rapporteur left: remove it",
                crate::text::inert_line(&path.display().to_string())
            )));
        }
    }
    let mut head = Vec::new();
    file.take(4096).read_to_end(&mut head)?;
    let text = String::from_utf8_lossy(&head);
    if !(text.is_empty() || (text.starts_with("pid ") && head.len() < 4096)) {
        return Err(std::io::Error::other(format!(
            "{} does not look like a lock rapporteur left (it holds other text): remove it",
            crate::text::inert_line(&path.display().to_string())
        )));
    }
    let _ = meta;
    Ok(())
}

/// Removes a lock file on the way out, only if it is still the file we locked.
#[derive(Debug, Clone)]
pub struct LockRelease {
    path: PathBuf,
    identity: (u64, u64),
}

impl LockRelease {
    /// Removes the lock file if the path still names the file locked by this process.
    /// Removing it while still locked is safe: whoever opened it before the removal finds,
    /// once it gets the lock, that the path no longer names it, and starts again.
    pub fn remove(&self) {
        let same =
            std::fs::symlink_metadata(&self.path).is_ok_and(|m| identity(&m) == self.identity);
        if same {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

impl Drop for MinutesLock {
    fn drop(&mut self) {
        self.release_handle().remove();
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

    #[cfg(unix)]
    #[test]
    fn a_symlink_at_the_lock_path_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("x.minutes.toml");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        std::os::unix::fs::symlink(&victim, lock_path(&m)).unwrap();
        let err = MinutesLock::acquire(&m, false).unwrap_err().to_string();
        assert!(err.contains("symbolic link"), "{err}");
        assert!(err.contains(".x.minutes.toml.lock"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(
            std::fs::symlink_metadata(lock_path(&m)).is_ok(),
            "the planted link is left for the user to see"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_at_the_lock_path_is_refused_naming_it_without_waiting() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("x.minutes.toml");
        let made = std::process::Command::new("mkfifo")
            .arg(lock_path(&m))
            .status()
            .unwrap();
        assert!(made.success());
        // Opening a FIFO for writing blocks until a reader comes: the test would hang.
        let start = std::time::Instant::now();
        let err = MinutesLock::acquire(&m, false).unwrap_err().to_string();
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        assert!(err.contains("FIFO"), "{err}");
        assert!(
            err.contains(".x.minutes.toml.lock"),
            "names the file: {err}"
        );
        let left = std::fs::symlink_metadata(lock_path(&m)).unwrap();
        assert!(
            left.file_type().is_fifo(),
            "the FIFO is left for the user to see"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_link_or_foreign_file_at_the_lock_path_is_not_truncated() {
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("x.minutes.toml");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        std::fs::hard_link(&victim, lock_path(&m)).unwrap();
        let err = MinutesLock::acquire(&m, false).unwrap_err().to_string();
        assert!(err.contains("hard links"), "{err}");
        std::fs::remove_file(lock_path(&m)).unwrap();
        std::fs::write(lock_path(&m), "some notes of mine").unwrap();
        let err = MinutesLock::acquire(&m, false).unwrap_err().to_string();
        assert!(err.contains("does not look like a lock"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_left_by_someone_else_is_taken_over_with_a_private_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("x.minutes.toml");
        std::fs::write(lock_path(&m), "pid 1 on host elsewhere").unwrap();
        std::fs::set_permissions(lock_path(&m), std::fs::Permissions::from_mode(0o644)).unwrap();
        let lock = MinutesLock::acquire(&m, true).unwrap();
        let mode = std::fs::metadata(lock.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let text = std::fs::read_to_string(lock.path()).unwrap();
        assert!(
            text.starts_with(&format!("pid {}", std::process::id())),
            "{text}"
        );
    }

    #[test]
    fn a_holder_quitting_between_open_and_lock_never_gives_two_holders() {
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("x.minutes.toml");
        let first = MinutesLock::acquire(&m, false).unwrap();
        let mut first = Some(first);
        let mut third = None;
        // While the late starter sits between open and lock, the holder quits (removing
        // the file) and a third instance creates and locks a new one.
        let late = MinutesLock::acquire_with(&m, false, &mut || {
            if let Some(f) = first.take() {
                drop(f);
                third = Some(MinutesLock::acquire(&m, false).unwrap());
            }
        });
        assert!(third.is_some());
        let err = late.unwrap_err().to_string();
        assert!(err.contains("already open"), "{err}");
    }

    #[test]
    fn many_simultaneous_starts_hold_the_lock_one_at_a_time() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicUsize, Ordering};
        let dir = tempfile::tempdir().unwrap();
        let m = Arc::new(dir.path().join("x.minutes.toml"));
        let holders = Arc::new(AtomicUsize::new(0));
        let max = Arc::new(AtomicUsize::new(0));
        let taken = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..40)
            .map(|_| {
                let (m, holders, max, taken) =
                    (m.clone(), holders.clone(), max.clone(), taken.clone());
                std::thread::spawn(move || {
                    for _ in 0..50 {
                        if let Ok(lock) = MinutesLock::acquire(&m, false) {
                            let now = holders.fetch_add(1, Ordering::SeqCst) + 1;
                            max.fetch_max(now, Ordering::SeqCst);
                            taken.fetch_add(1, Ordering::SeqCst);
                            std::thread::yield_now();
                            holders.fetch_sub(1, Ordering::SeqCst);
                            drop(lock);
                        }
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert!(taken.load(Ordering::SeqCst) > 0);
        assert_eq!(max.load(Ordering::SeqCst), 1, "two holders at once");
    }
}

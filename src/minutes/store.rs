//! The one writer: atomic, durable, private for classified meetings.
//!
//! A file on disk is always the old or the new version: the new bytes go to a temporary
//! file in the same folder, are synced, renamed over the old file, and the folder is
//! synced so the rename itself survives a power cut.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::model::Minutes;

/// Writes `bytes` to `path` atomically. `private` files are created owner read/write only.
pub fn write_atomic(path: &Path, bytes: &[u8], private: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if private { 0o600 } else { 0o666 };
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(&dir)
}

/// Syncs a folder so a rename in it is durable.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    let _ = dir;
    Ok(())
}

/// The Markdown minutes beside a `.minutes.toml` file.
pub fn markdown_path(minutes_path: &Path) -> PathBuf {
    let name = minutes_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".toml").unwrap_or(&name);
    minutes_path.with_file_name(format!("{stem}.md"))
}

/// Writes the minutes' TOML record atomically; private when the meeting is classified.
pub fn save_minutes(path: &Path, m: &Minutes) -> io::Result<()> {
    let text = super::toml_out::to_toml(m).map_err(io::Error::other)?;
    write_atomic(path, text.as_bytes(), m.meeting.classification.is_some())
}

/// Writes the Markdown minutes beside the TOML record.
pub fn save_markdown(
    minutes_path: &Path,
    m: &Minutes,
    ctx: &super::markdown::Context<'_>,
) -> io::Result<()> {
    let text = super::markdown::render_with(m, ctx, super::Audience::All);
    write_atomic(
        &markdown_path(minutes_path),
        text.as_bytes(),
        m.meeting.classification.is_some(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn private_files_are_0600_and_others_follow_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("s.toml");
        write_atomic(&secret, b"x", true).unwrap();
        let mode = std::fs::metadata(&secret).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let open = dir.path().join("o.toml");
        write_atomic(&open, b"y", false).unwrap();
        let mode = std::fs::metadata(&open).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode, 0o600, "an unclassified file follows the umask");
        assert_eq!(std::fs::read(&open).unwrap(), b"y");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 2, "no temporary file left behind");
    }

    #[test]
    fn markdown_sits_beside_the_record() {
        assert_eq!(
            markdown_path(Path::new("m/2016-11-consle-17.minutes.toml")),
            Path::new("m/2016-11-consle-17.minutes.md")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_planted_at_the_minutes_path_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let minutes = dir.path().join("m.minutes.toml");
        std::os::unix::fs::symlink(&victim, &minutes).unwrap();
        let md = markdown_path(&minutes);
        std::os::unix::fs::symlink(&victim, &md).unwrap();
        write_atomic(&minutes, b"record", false).unwrap();
        write_atomic(&md, b"minutes", false).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        for (p, want) in [(&minutes, "record"), (&md, "minutes")] {
            let meta = std::fs::symlink_metadata(p).unwrap();
            assert!(meta.file_type().is_file(), "the link itself was replaced");
            assert_eq!(std::fs::read_to_string(p).unwrap(), want);
        }
    }
}

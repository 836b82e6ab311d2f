//! `rapporteur init [FOLDER]`: sets a folder up for git.
//!
//! - `.gitattributes`: minutes diff as Markdown (textconv) and merge by meaning; their
//!   Markdown merges by being rendered again from the merged minutes.
//! - `.gitignore`: the lock, draft and temporary files rapporteur leaves beside minutes.
//! - the repository's local git config: the drivers those attributes name.
//!
//! Each line or entry is added only when missing, so running it twice changes nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{CLEAN, ERROR, shown};
use crate::minutes::store;

/// The lines `init` keeps in `.gitattributes`.
pub const ATTRIBUTES: &[&str] = &[
    "*.minutes.toml diff=rapporteur merge=rapporteur",
    "*.minutes.md merge=rapporteur-md",
];

/// The lines `init` keeps in `.gitignore`: locks, drafts and temporaries beside minutes.
pub const IGNORES: &[&str] = &[
    ".*.minutes.toml.lock",
    ".*.minutes.toml.draft.toml",
    ".*.tmp",
];

/// The local git config entries, with the command that runs this rapporteur.
pub fn config_entries(exe: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "diff.rapporteur.textconv",
            format!("{exe} export --format md --textconv"),
        ),
        (
            "merge.rapporteur.name",
            "rapporteur: minutes merged by meaning".to_string(),
        ),
        (
            "merge.rapporteur.driver",
            format!("{exe} merge-file %O %A %B %P"),
        ),
        (
            "merge.rapporteur-md.name",
            "rapporteur: Markdown minutes rendered from the merged minutes".to_string(),
        ),
        (
            "merge.rapporteur-md.driver",
            format!("{exe} merge-file --markdown %O %A %B %P"),
        ),
    ]
}

/// A word for a shell command line: as is when plain, single-quoted otherwise.
pub fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+=:@,".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// The command line that runs this binary: its absolute path, so git finds the same
/// rapporteur whatever the PATH of the shell it runs drivers from.
fn this_exe() -> String {
    let exe = std::env::current_exe()
        .and_then(|p| p.canonicalize())
        .unwrap_or_else(|_| PathBuf::from("rapporteur"));
    shell_word(&exe.to_string_lossy())
}

fn git(folder: &Path, args: &[&str]) -> std::io::Result<std::process::Output> {
    Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(args)
        .output()
}

/// Adds the missing `lines` to a text file; says what it did.
fn ensure_lines(path: &Path, lines: &[&str], header: &str) -> std::io::Result<String> {
    let name = shown(path);
    let old = match std::fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_file() => {
            return Err(std::io::Error::other(format!(
                "{name} is not a regular file; not touched"
            )));
        }
        Ok(_) => std::fs::read_to_string(path)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let present: Vec<&str> = old.lines().map(str::trim).collect();
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !present.contains(l))
        .collect();
    if missing.is_empty() {
        return Ok(format!("{name}: unchanged"));
    }
    let mut new = old.clone();
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    if !present.contains(&header) {
        new.push_str(header);
        new.push('\n');
    }
    for l in &missing {
        new.push_str(l);
        new.push('\n');
    }
    store::write_atomic(path, new.as_bytes(), false)?;
    let verb = if old.is_empty() {
        "created"
    } else {
        "added to"
    };
    Ok(format!("{verb} {name}: {}", missing.join(", ")))
}

/// Runs `init` on a folder; prints what it did.
pub fn run(folder: &Path) -> i32 {
    match set_up(folder, &this_exe()) {
        Ok(done) => {
            for line in done {
                crate::outln!("{line}");
            }
            CLEAN
        }
        Err(msg) => {
            crate::errln!("error: {msg}");
            ERROR
        }
    }
}

/// Sets `folder` up with `exe` as the command that runs rapporteur; returns what it did,
/// one line per step.
pub fn set_up(folder: &Path, exe: &str) -> Result<Vec<String>, String> {
    let name = shown(folder);
    if !folder.is_dir() {
        return Err(format!("{name} is not a folder"));
    }
    let mut done = Vec::new();
    let inside = git(folder, &["rev-parse", "--is-inside-work-tree"]).map_err(|e| {
        format!("cannot run git ({e}): install git, then run `rapporteur init` again")
    })?;
    if !inside.status.success() {
        let out = git(folder, &["init", "-q"]).map_err(|e| format!("git init: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "git init in {name}: {}",
                crate::text::inert_line(String::from_utf8_lossy(&out.stderr).trim())
            ));
        }
        done.push(format!("initialised a git repository in {name}"));
    }
    let io = |e: std::io::Error| e.to_string();
    done.push(
        ensure_lines(
            &folder.join(".gitattributes"),
            ATTRIBUTES,
            "# rapporteur: minutes diff as Markdown and merge by meaning (rapporteur init)",
        )
        .map_err(io)?,
    );
    done.push(
        ensure_lines(
            &folder.join(".gitignore"),
            IGNORES,
            "# rapporteur: locks, drafts and temporary files beside minutes",
        )
        .map_err(io)?,
    );
    for (key, value) in config_entries(exe) {
        let now = git(folder, &["config", "--local", "--get", key]).map_err(io)?;
        let current = String::from_utf8_lossy(&now.stdout).trim_end().to_string();
        if now.status.success() && current == value {
            done.push(format!("git config {key}: unchanged"));
            continue;
        }
        let set = git(folder, &["config", "--local", key, &value]).map_err(io)?;
        if !set.status.success() {
            return Err(format!(
                "git config {key}: {}",
                crate::text::inert_line(String::from_utf8_lossy(&set.stderr).trim())
            ));
        }
        done.push(format!(
            "git config {key} = {}",
            crate::text::inert_line(&value)
        ));
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_quote_what_a_shell_would_split() {
        assert_eq!(shell_word("/usr/bin/rapporteur"), "/usr/bin/rapporteur");
        assert_eq!(shell_word("/my tools/rapporteur"), "'/my tools/rapporteur'");
        assert_eq!(shell_word("/it's/r"), "'/it'\\''s/r'");
    }
}

//! Whether a command may write its output (`-o FILE`) where it was asked to: never over
//! its own input, never over a plan, agenda or minutes when it writes something else, and
//! over any other existing file only with `--force`. A leaf, so every command uses it.

use std::path::Path;

use crate::load::Kind;

/// What a command writes, for the rule that a record is never replaced by another kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// An agenda (`next`).
    Agenda,
    /// Minutes as TOML (`export --format toml`).
    Minutes,
    /// Anything else: Markdown, JSON, iCalendar, mail.
    Other,
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Plan => "a plan",
        Kind::Agenda => "an agenda",
        Kind::Minutes => "minutes",
        Kind::Theme => "a theme",
    }
}

fn output_name(o: Output) -> &'static str {
    match o {
        Output::Agenda => "an agenda",
        Output::Minutes => "minutes",
        Output::Other => "this output",
    }
}

/// Whether two paths name one file: the same path once links are followed, or (on unix)
/// the same device and inode, so a hard link to the input is the input too.
fn same_file(a: &Path, b: &Path) -> bool {
    if let (Ok(x), Ok(y)) = (a.canonicalize(), b.canonicalize())
        && x == y
    {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    false
}

/// Why `dir` cannot be the folder a command writes its files into, if it cannot: it
/// exists and is not a folder (following a symlink).
pub fn not_a_folder(dir: &Path) -> Option<String> {
    let meta = std::fs::metadata(dir).ok()?;
    (!meta.is_dir()).then(|| {
        format!(
            "'{}' is not a folder: -o names the folder to write into (created when missing); \
             give a folder's name",
            crate::text::inert_line(&dir.display().to_string())
        )
    })
}

/// What `path` is when it exists and is not a regular file (following a symlink), such as
/// a FIFO or a device: opening one for reading or writing can block forever.
pub fn not_regular(path: &Path) -> Option<&'static str> {
    let meta = std::fs::metadata(path).ok()?;
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a file")
}

/// Why `output` must not be written, if it must not. `inputs` are the files the command
/// read (never written over, even with `force`).
pub fn refusal(output: &Path, inputs: &[&Path], writes: Output, force: bool) -> Option<String> {
    // `symlink_metadata`: a dangling symlink is an existing name too.
    if std::fs::symlink_metadata(output).is_err() {
        return None;
    }
    let shown = format!(
        "'{}'",
        crate::text::inert_line(&output.display().to_string())
    );
    if inputs.iter().any(|i| same_file(output, i)) {
        return Some(format!(
            "{shown} is the file being read: it is never written over, even with --force; \
             choose another output file"
        ));
    }
    if std::fs::metadata(output).is_ok_and(|m| m.is_dir()) {
        return Some(format!(
            "{shown} is a folder; give a file name (-o {})",
            crate::text::inert_line(&output.join("NAME").display().to_string())
        ));
    }
    if let Some(what) = not_regular(output) {
        return Some(format!(
            "{shown} is not a regular file ({what}): it is never opened or written over, even \
             with --force; choose a regular file or a new name"
        ));
    }
    let existing = crate::load::folder::kind_of(output);
    if let Some(k) = existing.filter(|k| *k != Kind::Theme) {
        let same = matches!(
            (k, writes),
            (Kind::Agenda, Output::Agenda) | (Kind::Minutes, Output::Minutes)
        );
        if same
            && k == Kind::Agenda
            && std::fs::symlink_metadata(crate::load::workspace::minutes_path_for(output)).is_ok()
        {
            return Some(format!(
                "{shown} is the agenda of the minutes beside it: it is never written over, \
                 even with --force; choose another output file"
            ));
        }
        if !same {
            return Some(format!(
                "{shown} holds {}: {} is never written over it, even with --force; choose \
                 another output file",
                kind_name(k),
                output_name(writes)
            ));
        }
    }
    (!force).then(|| format!("{shown} exists: pass --force to write over it"))
}

/// Prints the refusal, if any, and returns the exit status for it.
pub fn check(
    output: Option<&Path>,
    inputs: &[&Path],
    writes: Output,
    force: bool,
) -> Result<(), i32> {
    let Some(output) = output else { return Ok(()) };
    match refusal(output, inputs, writes, force) {
        Some(why) => {
            crate::errln!("error: not written: {why}");
            Err(crate::exit::USAGE)
        }
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "tests/fixtures/waterboard/plan.toml";
    const AGENDA: &str = "tests/fixtures/waterboard/2021-03-04-board-7.toml";
    const MINUTES: &str = "tests/fixtures/waterboard/2021-03-04-board-7.minutes.toml";

    #[test]
    fn a_new_file_is_written() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            refusal(
                &dir.path().join("new.md"),
                &[Path::new(MINUTES)],
                Output::Other,
                false
            ),
            None
        );
    }

    #[test]
    fn an_existing_file_needs_force() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("old.md");
        std::fs::write(&out, "old").unwrap();
        let why = refusal(&out, &[], Output::Other, false).unwrap();
        assert!(
            why.ends_with("exists: pass --force to write over it"),
            "{why}"
        );
        assert_eq!(refusal(&out, &[], Output::Other, true), None);
    }

    #[test]
    fn the_input_is_never_written_over() {
        let why = refusal(
            Path::new(MINUTES),
            &[Path::new(MINUTES)],
            Output::Minutes,
            true,
        )
        .unwrap();
        assert!(why.contains("is the file being read"), "{why}");
    }

    #[test]
    fn a_record_of_another_kind_is_never_written_over() {
        for (path, kind) in [
            (PLAN, "a plan"),
            (AGENDA, "an agenda"),
            (MINUTES, "minutes"),
        ] {
            let why = refusal(Path::new(path), &[], Output::Other, true).unwrap();
            assert!(why.contains(&format!("holds {kind}:")), "{why}");
        }
        let why = refusal(Path::new(PLAN), &[], Output::Agenda, true).unwrap();
        assert!(why.contains("holds a plan: an agenda is never"), "{why}");
        let why = refusal(Path::new(MINUTES), &[], Output::Agenda, true).unwrap();
        assert!(why.contains("holds minutes: an agenda is never"), "{why}");
        // An agenda with minutes beside it is never replaced, even with --force.
        let why = refusal(Path::new(AGENDA), &[], Output::Agenda, true).unwrap();
        assert!(
            why.contains("is the agenda of the minutes beside it"),
            "{why}"
        );
        // Of the same kind and without minutes, --force replaces it (a redrafted agenda).
        let dir = tempfile::tempdir().unwrap();
        let lone = dir.path().join("2021-04-01-board-8.toml");
        std::fs::copy(AGENDA, &lone).unwrap();
        assert_eq!(refusal(&lone, &[], Output::Agenda, true), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_device_is_never_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("wua.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        for force in [false, true] {
            let why = refusal(&fifo, &[], Output::Other, force).unwrap();
            assert!(why.contains("is not a regular file (a FIFO)"), "{why}");
            assert!(why.contains("wua.md"), "{why}");
        }
        let why = refusal(Path::new("/dev/null"), &[], Output::Other, true).unwrap();
        assert!(why.contains("(a device)"), "{why}");
        let why = refusal(dir.path(), &[], Output::Other, true).unwrap();
        assert!(why.contains("is a folder; give a file name"), "{why}");
    }

    #[test]
    fn a_broken_record_is_still_a_record() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("x.toml");
        std::fs::write(&out, "[meeting]\nid = \"x\"\n").unwrap();
        let why = refusal(&out, &[], Output::Other, true).unwrap();
        assert!(why.contains("holds an agenda"), "{why}");
    }
}

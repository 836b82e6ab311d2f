//! `rapporteur merge-file`: the merge drivers of minutes and of their Markdown.
//!
//! The Markdown is derived, so it never decides a merge: the minutes' driver leaves the
//! merged record in a hidden file beside the minutes (`.NAME.minutes.toml.merged.tmp`,
//! with the digest of ours), and the Markdown's driver renders from it. git merges paths
//! in reverse order of name (merge-ort), so `x.minutes.toml` is merged before
//! `x.minutes.md`: git does not document that order, and a driver only gets the three
//! versions of its own path, so this one cannot merge the minutes itself; tests/e2e_git.rs
//! checks the order of the git installed. Without a merged record to draw from (the minutes conflicted, or another
//! order), the Markdown is reported as a conflict with the command that regenerates it.

use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{CLEAN, CONFLICT, ERROR, shown};
use crate::load::workspace::{load_minutes, minutes_in, relative_to};
use crate::minutes::merge::merge;
use crate::minutes::merge_file::{MergeError, check_merged, parse_side, render};
use crate::minutes::{markdown, store};
use crate::model::Minutes;

/// The files of one merge, as git passes them.
pub struct Files {
    /// Common ancestor (`%O`).
    pub base: PathBuf,
    /// Ours (`%A`): the result goes here unless `output` is set.
    pub ours: PathBuf,
    /// Theirs (`%B`).
    pub theirs: PathBuf,
    /// The path in the repository (`%P`).
    pub path: Option<PathBuf>,
    /// Where the result goes; `-` is standard output.
    pub output: Option<PathBuf>,
}

impl Files {
    fn label(&self) -> String {
        shown(self.path.as_deref().unwrap_or(&self.ours))
    }

    /// How a side is named in messages: git's repository path and the side when git runs
    /// the driver (its files are temporary), else the side's own file.
    fn side_label(&self, side: &str, file: &Path) -> String {
        match &self.path {
            Some(p) => format!("{} ({side})", shown(p)),
            None => shown(file),
        }
    }

    fn read(&self) -> Result<[String; 3], i32> {
        let mut out: [String; 3] = Default::default();
        for (slot, p) in out.iter_mut().zip([&self.base, &self.ours, &self.theirs]) {
            match crate::load::read_text(p) {
                Ok(t) => *slot = t,
                Err(crate::load::LoadError::Io(msg)) => {
                    crate::errln!("error: {msg}");
                    return Err(ERROR);
                }
                Err(crate::load::LoadError::Invalid(diags)) => {
                    print(&diags);
                    return Err(ERROR);
                }
            }
        }
        Ok(out)
    }

    fn write(&self, text: &str, private: bool) -> i32 {
        let target = self.output.as_deref().unwrap_or(&self.ours);
        if target == Path::new("-") {
            let mut out = std::io::stdout().lock();
            return match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => CLEAN,
                Err(e) => {
                    crate::errln!("error: cannot write: {e}");
                    ERROR
                }
            };
        }
        match store::write_atomic(target, text.as_bytes(), private) {
            Ok(()) => CLEAN,
            Err(e) => {
                crate::errln!("error: cannot write {}: {e}", shown(target));
                ERROR
            }
        }
    }
}

fn print(diags: &[crate::load::Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = write!(err, "{}", d.render(false));
    }
}

/// The hidden file where the minutes' driver leaves the merged record for the Markdown's.
pub fn merged_record_path(minutes: &Path) -> PathBuf {
    let name = minutes
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    minutes.with_file_name(format!(".{name}.merged.tmp"))
}

fn digest(text: &str) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    format!("{:016x}{:08x}", h.finish(), text.len())
}

const MERGED_HEADER: &str = "# rapporteur merge-file: merged record for the Markdown; ours ";

/// Merges three versions of minutes; writes canonical bytes (exit 0) or the conflict
/// form (exit 1). Invalid input writes nothing (exit 2).
pub fn merge_minutes(files: &Files) -> i32 {
    let label = files.label();
    let [base, ours, theirs] = match files.read() {
        Ok(t) => t,
        Err(code) => return code,
    };
    let sides = (
        parse_side(&base, &files.side_label("base", &files.base)),
        parse_side(&ours, &files.side_label("ours", &files.ours)),
        parse_side(&theirs, &files.side_label("theirs", &files.theirs)),
    );
    let (b, o, t) = match sides {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            report(&label, &e);
            return ERROR;
        }
    };
    let mut merged = merge(&b, &o, &t);
    let checked = check_merged(&mut merged);
    let text = match checked.and_then(|()| render(&merged)) {
        Ok(t) => t,
        Err(e) => {
            report(&label, &e);
            return ERROR;
        }
    };
    for r in &merged.renumbered {
        crate::errln!(
            "{label}: their decision {} is now {} (ours issued {} too); references follow",
            crate::text::quoted(&r.from),
            crate::text::quoted(&r.to),
            crate::text::quoted(&r.from),
        );
    }
    for c in &merged.conflicts {
        crate::errln!("{label}: conflict: {c}");
    }
    let private = merged.minutes.meeting.classification.is_some();
    let code = files.write(&text, private);
    if let Some(path) = &files.path {
        let stash = merged_record_path(path);
        if code == CLEAN && merged.conflicts.is_empty() {
            let body = format!("{MERGED_HEADER}{}\n{text}", digest(&ours));
            // Best effort: without it the Markdown's driver reports a conflict instead.
            let _ = store::write_atomic(&stash, body.as_bytes(), private);
        } else {
            let _ = std::fs::remove_file(&stash);
        }
    }
    if code != CLEAN {
        return code;
    }
    if merged.conflicts.is_empty() {
        CLEAN
    } else {
        crate::errln!(
            "{label}: {} conflict(s) marked with 'conflict = ...': keep one value of each \
             field, delete the conflict lines, then `rapporteur check {label}`",
            merged.conflicts.len()
        );
        CONFLICT
    }
}

fn report(label: &str, e: &MergeError) {
    match e {
        MergeError::Invalid(diags) => {
            print(diags);
            crate::errln!("{label}: not merged: the files above are not valid minutes");
        }
        MergeError::Render(msg) => crate::errln!("error: {label}: {msg}"),
    }
}

/// The minutes file of a Markdown path: `x.minutes.md` -> `x.minutes.toml`.
fn minutes_of(markdown: &Path) -> PathBuf {
    let name = markdown
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".md").unwrap_or(&name);
    markdown.with_file_name(format!("{stem}.toml"))
}

/// The merged record left by the minutes' driver, if it belongs to this merge: our
/// minutes in the work tree are still the ones it was merged from.
fn merged_record(minutes: &Path) -> Option<Minutes> {
    let stash = merged_record_path(minutes);
    // Never through a symlink planted at its place.
    let text = crate::fsafe::read_own_file(&stash).ok()?;
    let _ = std::fs::remove_file(&stash);
    let (first, record) = text.split_once('\n')?;
    let wanted = first.strip_prefix(MERGED_HEADER)?;
    let ours = crate::load::read_text(minutes).ok()?;
    if digest(&ours) != wanted {
        return None;
    }
    parse_side(record, &shown(&stash)).ok()
}

/// The Markdown of minutes (merged, or just approved), drawn as `export --format md`
/// draws it.
pub(crate) fn render_markdown(minutes_path: &Path, m: &Minutes) -> String {
    let located = crate::load::workspace::locate_plan(minutes_path, m);
    let others: Vec<Minutes> = located
        .as_ref()
        .map(|(p, _)| {
            minutes_in(&relative_to(p, ""))
                .iter()
                .filter_map(|f| load_minutes(f).ok())
                .collect()
        })
        .unwrap_or_default();
    let ctx = markdown::Context {
        plan: located.as_ref().map(|(_, p)| p),
        others: &others,
        dates: crate::config::load(None)
            .map(|c| c.dates.0)
            .unwrap_or_default(),
    };
    markdown::render_with(m, &ctx, crate::minutes::Audience::All)
}

/// Merges Markdown minutes by rendering them from the merged record.
pub fn merge_markdown(files: &Files) -> i32 {
    let Some(path) = &files.path else {
        crate::errln!("error: --markdown needs the file's path (git's %P)");
        return ERROR;
    };
    let label = shown(path);
    let minutes = minutes_of(path);
    if let Some(m) = merged_record(&minutes) {
        let text = render_markdown(&minutes, &m);
        return files.write(&text, m.meeting.classification.is_some());
    }
    let [base, ours, theirs] = match files.read() {
        Ok(t) => t,
        Err(code) => return code,
    };
    if ours == theirs || base == theirs {
        return CLEAN;
    }
    if base == ours {
        return files.write(&theirs, false);
    }
    crate::errln!(
        "{label}: conflict: the Markdown is drawn from {}; once it is merged, run \
         `rapporteur export --format md {} -o {label}`",
        shown(&minutes),
        shown(&minutes),
    );
    CONFLICT
}

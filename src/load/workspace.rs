//! Loading files together: an agenda with its plan, minutes with their folder's meetings.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::{
    Context, Diagnostic, Document, LoadError, Problem, has_errors, locate_all, parse_document,
    read_text,
};
use crate::model::{Agenda, Minutes, Plan, ledger::decision_key};

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The path of a file named relative to another file's folder.
pub fn relative_to(file: &Path, rel: &str) -> PathBuf {
    file.parent().unwrap_or(Path::new("")).join(rel)
}

/// `x.toml` -> `x.minutes.toml`, beside the agenda.
pub fn minutes_path_for(agenda: &Path) -> PathBuf {
    let stem = agenda
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    agenda.with_file_name(format!("{stem}.minutes.toml"))
}

/// Every `*.minutes.toml` directly in `dir`, sorted by name.
pub fn minutes_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| file_name(p).ends_with(".minutes.toml"))
        // FIFOs and devices are never opened (a planted one would hang the reader).
        .filter(|p| crate::fsafe::is_regular(p))
        .collect();
    out.sort();
    out
}

/// The date of meeting `id`: from minutes already loaded, else from an agenda or minutes
/// file in `dir` (files that do not parse are passed over).
pub fn meeting_date(dir: &Path, id: &str, loaded: &[Minutes]) -> Option<chrono::NaiveDate> {
    if let Some(m) = loaded.iter().find(|m| m.meeting.id == id) {
        return Some(m.meeting.date);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files.into_iter().find_map(|p| {
        let text = read_text(&p).ok()?;
        match parse_document(&text, &file_name(&p)).document? {
            Document::Agenda(a, _) if a.meeting.id == id => Some(a.meeting.date),
            Document::Minutes(m, _) if m.meeting.id == id => Some(m.meeting.date),
            _ => None,
        }
    })
}

/// Reads and parses one file; problems in it are an error.
fn parse_path(path: &Path) -> Result<(String, super::Parsed), LoadError> {
    let text = read_text(path)?;
    let parsed = parse_document(&text, &file_name(path));
    Ok((text, parsed))
}

fn fail_if_errors(
    path: &Path,
    text: &str,
    problems: Vec<Problem>,
) -> Result<Vec<Diagnostic>, LoadError> {
    let diags = locate_all(path, text, problems);
    if has_errors(&diags) {
        Err(LoadError::Invalid(diags))
    } else {
        Ok(diags)
    }
}

fn wrong_kind(path: &Path, want: &str) -> LoadError {
    LoadError::Invalid(vec![Diagnostic::whole_file(
        &path.display().to_string(),
        1,
        1,
        format!("expected {want}, but this is another kind of file"),
    )])
}

/// Loads and validates a plan.
pub fn load_plan(path: &Path) -> Result<Plan, LoadError> {
    let (text, parsed) = parse_path(path)?;
    fail_if_errors(path, &text, parsed.problems)?;
    match parsed.document {
        Some(Document::Plan(p)) => Ok(p),
        _ => Err(wrong_kind(path, "a plan ([plan] table)")),
    }
}

/// Loads minutes on their own: their shape is checked, their references are not.
pub fn load_minutes(path: &Path) -> Result<Minutes, LoadError> {
    let (text, parsed) = parse_path(path)?;
    fail_if_errors(path, &text, parsed.problems)?;
    match parsed.document {
        Some(Document::Minutes(m, _)) => Ok(m),
        _ => Err(wrong_kind(
            path,
            "minutes ([meeting] table with agenda = ...)",
        )),
    }
}

/// A problem for a `plan = "..."` path that names no file, with the closest names.
pub fn missing_plan_problem(file: &Path, rel: &str, span: Range<usize>) -> Problem {
    let dir = relative_to(file, "");
    let names: Vec<String> = std::fs::read_dir(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &dir
    })
    .into_iter()
    .flatten()
    .flatten()
    .map(|e| file_name(&e.path()))
    .filter(|n| n.ends_with(".toml") && !n.ends_with(".minutes.toml"))
    .collect();
    Problem::error(
        span,
        format!(
            "plan file {} not found beside this file{}",
            crate::text::quoted(rel),
            super::diag::hint(rel, names.iter().map(String::as_str))
        ),
    )
}

/// An agenda opened for a meeting: the agenda, its plan, its minutes so far and the
/// minutes of the other meetings in the same folder.
#[derive(Debug, Clone)]
pub struct OpenedAgenda {
    /// The agenda file.
    pub agenda_path: PathBuf,
    /// The agenda.
    pub agenda: Agenda,
    /// The plan it names.
    pub plan: Plan,
    /// Where its minutes live.
    pub minutes_path: PathBuf,
    /// Its minutes, when some were written before.
    pub minutes: Option<Minutes>,
    /// Minutes of the folder's other meetings.
    pub others: Vec<Minutes>,
}

/// Loads an agenda with everything the live screen needs; any invalid file is an error
/// (every minutes file of the folder that does not load is reported, not only the first).
pub fn open_agenda(path: &Path) -> Result<OpenedAgenda, LoadError> {
    let (opened, invalid) = open_agenda_skipping(path)?;
    let mut diags = Vec::new();
    for bad in invalid {
        match bad.error {
            LoadError::Io(msg) => return Err(LoadError::Io(msg)),
            LoadError::Invalid(d) => diags.extend(d),
        }
    }
    if diags.is_empty() {
        Ok(opened)
    } else {
        Err(LoadError::Invalid(diags))
    }
}

/// Loads an agenda with everything the live screen needs, leaving out the folder's other
/// minutes that do not load and returning them, for the caller to report. The agenda, its
/// plan and its own minutes must load.
pub fn open_agenda_skipping(
    path: &Path,
) -> Result<(OpenedAgenda, Vec<super::folder::Invalid>), LoadError> {
    let (text, parsed) = parse_path(path)?;
    let (agenda, plan_span) = match parsed.document {
        Some(Document::Agenda(a, s)) => (a, s),
        Some(Document::Minutes(..)) => {
            return Err(LoadError::Invalid(vec![Diagnostic::whole_file(
                &path.display().to_string(),
                1,
                1,
                "this is a minutes file: open its agenda (the file named by its 'agenda' field)"
                    .to_string(),
            )]));
        }
        _ => {
            fail_if_errors(path, &text, parsed.problems)?;
            return Err(wrong_kind(path, "an agenda ([meeting] table)"));
        }
    };
    let mut problems = parsed.problems;
    let plan_path = relative_to(path, &agenda.meeting.plan);
    if !plan_path.is_file() {
        problems.push(missing_plan_problem(
            path,
            &agenda.meeting.plan,
            plan_span.clone(),
        ));
    }
    fail_if_errors(path, &text, problems.clone())?;
    let plan = match load_plan(&plan_path) {
        Err(LoadError::Io(e)) => {
            // Readable as a name, not as a file (`/proc/self/mem`): point at the agenda's line.
            problems.push(Problem::error(
                plan_span,
                format!("the plan named here cannot be read: {e}"),
            ));
            return Err(LoadError::Invalid(locate_all(path, &text, problems)));
        }
        other => other?,
    };
    let ctx = Context {
        plan: Some(&plan),
        decisions: None,
        strict_owners: true,
    };
    ctx.resolve(&parsed.refs, &mut problems);
    fail_if_errors(path, &text, problems)?;

    let minutes_path = minutes_path_for(path);
    let minutes = if minutes_path.exists() {
        Some(load_minutes(&minutes_path)?)
    } else {
        None
    };
    let dir = relative_to(path, "");
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    let others_paths: Vec<PathBuf> = minutes_in(&dir)
        .into_iter()
        .filter(|p| p.file_name() != minutes_path.file_name())
        .collect();
    let folder = super::folder::scan(&others_paths);
    let others = folder.minutes.into_iter().map(|(_, m)| m).collect();
    Ok((
        OpenedAgenda {
            agenda_path: path.to_path_buf(),
            agenda,
            plan,
            minutes_path,
            minutes,
            others,
        },
        folder.invalid,
    ))
}

/// Every `<meeting>/<decision>` name in a set of minutes.
pub fn decision_names<'a>(minutes: impl IntoIterator<Item = &'a Minutes>) -> HashSet<String> {
    minutes
        .into_iter()
        .flat_map(|m| {
            m.decisions()
                .map(move |(_, d)| decision_key(&m.meeting.id, &d.id))
        })
        .collect()
}

/// Finds the plan of a minutes file: beside it, or (for a copy such as git's textconv
/// temporary file) beside its agenda somewhere under the current folder.
pub fn locate_plan(minutes_path: &Path, m: &Minutes) -> Option<(PathBuf, Plan)> {
    let beside = relative_to(minutes_path, &m.meeting.plan);
    if let Ok(plan) = load_plan(&beside) {
        return Some((beside, plan));
    }
    let agenda_name = Path::new(&m.agenda).file_name()?;
    let found = find_file(Path::new("."), agenda_name, 4)?;
    let path = relative_to(&found, &m.meeting.plan);
    load_plan(&path).ok().map(|p| (path, p))
}

fn find_file(dir: &Path, name: &std::ffi::OsStr, depth: u32) -> Option<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in &entries {
        if p.file_name() == Some(name) && p.is_file() {
            return Some(p.clone());
        }
    }
    if depth == 0 {
        return None;
    }
    entries.into_iter().filter(|p| p.is_dir()).find_map(|p| {
        let n = p.file_name()?.to_string_lossy().into_owned();
        if n.starts_with('.') || n == "target" {
            None
        } else {
            find_file(&p, name, depth - 1)
        }
    })
}

/// Why meeting `at` cannot be the later meeting that acts on the minutes of `this`
/// (approves them, records an ad referendum outcome), if it cannot: it is this meeting,
/// no agenda or minutes of the folder (`known`) has that id, or it met before. `rule` ends
/// each message (`minutes are approved by a later meeting`).
pub fn later_meeting_problem(
    this: &crate::model::Meeting,
    at: &str,
    known: &[&crate::model::Meeting],
    rule: &str,
) -> Option<String> {
    let shown = crate::text::quoted(at);
    if at == this.id {
        return Some(format!("{shown} is the meeting of these minutes: {rule}"));
    }
    let Some(found) = known.iter().find(|k| k.id == at) else {
        let ids: std::collections::BTreeSet<&str> = known
            .iter()
            .map(|k| k.id.as_str())
            .filter(|id| *id != this.id)
            .collect();
        let hint = super::diag::hint(at, ids.iter().copied());
        return Some(format!(
            "{shown} is not a meeting known in this folder (no agenda or minutes with that id){hint}"
        ));
    };
    (found.date < this.date).then(|| {
        format!(
            "{shown} met on {}, before the meeting of these minutes ({}, {}): {rule}",
            found.date,
            crate::text::inert_line(&this.id),
            this.date
        )
    })
}

//! `rapporteur check`: validates plans, agendas, minutes and themes, files or folders.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::workspace::{decision_names, load_minutes, missing_plan_problem, relative_to};
use super::{
    Context, Diagnostic, Document, Kind, LoadError, Problem, Severity, locate_all, parse_document,
    read_text,
};
use crate::model::Plan;

/// What `check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Each file checked, with its kind when it was recognised.
    pub files: Vec<(PathBuf, Option<Kind>)>,
    /// Problems, file by file.
    pub diagnostics: Vec<Diagnostic>,
    /// Files or folders that could not be read.
    pub io_errors: Vec<String>,
    /// Special files (FIFOs, devices, sockets) that were left out, with why.
    pub skipped: Vec<String>,
}

impl CheckReport {
    /// Errors found (warnings not counted).
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Warnings found.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// 0 valid, 1 invalid, 2 when something could not be read.
    pub fn exit_code(&self) -> i32 {
        if !self.io_errors.is_empty() {
            2
        } else if self.errors() > 0 {
            1
        } else {
            0
        }
    }
}

enum PlanState {
    Missing,
    Invalid,
    Unreadable(String),
    Loaded(Box<Plan>),
}

/// Collects the `.toml` files under the given paths (folders recursively, sorted).
///
/// Folders are walked once each (a symlinked folder is followed, a loop is not); files that
/// are not regular (FIFOs, devices, sockets, also through a symlink) are left out with a
/// message in `skipped`.
pub fn collect_files(
    paths: &[PathBuf],
    io_errors: &mut Vec<String>,
    skipped: &mut Vec<String>,
) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out, io_errors, skipped, &mut seen);
        } else if p.exists() || p.is_symlink() {
            out.push(p.clone());
        } else {
            io_errors.push(format!(
                "{}: no such file or folder",
                crate::text::inert_line(&p.display().to_string())
            ));
        }
    }
    out
}

/// Device and inode of a folder, so that a loop of symlinks is walked once.
fn folder_identity(meta: &std::fs::Metadata) -> (u64, u64) {
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

fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    io_errors: &mut Vec<String>,
    skipped: &mut Vec<String>,
    seen: &mut HashSet<(u64, u64)>,
) {
    match std::fs::metadata(dir) {
        Ok(m) if !seen.insert(folder_identity(&m)) => return,
        _ => {}
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            io_errors.push(format!(
                "{}: cannot read folder: {e}",
                crate::text::inert_line(&dir.display().to_string())
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') || name == "target" {
            continue;
        }
        // Follows a symlink: a dangling one is neither a folder nor a file.
        let Ok(meta) = std::fs::metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            walk(&p, out, io_errors, skipped, seen);
        } else if name.ends_with(".toml") {
            if meta.is_file() {
                out.push(p);
            } else {
                skipped.push(format!(
                    "{}: {}",
                    crate::text::inert_line(&p.display().to_string()),
                    crate::fsafe::ReadError::NotRegular(crate::fsafe::kind_name(&meta.file_type()))
                ));
            }
        }
    }
}

struct Checker {
    report: CheckReport,
    plans: HashMap<PathBuf, PlanState>,
    reported: HashSet<PathBuf>,
    folder_decisions: HashMap<PathBuf, HashSet<String>>,
    folder_meetings: HashMap<PathBuf, Vec<crate::model::Meeting>>,
    /// Each folder's agendas (canonical path, meeting id), by path.
    folder_agendas: HashMap<PathBuf, Vec<(PathBuf, String)>>,
}

/// Where the `[meeting]` table's `id` value is written (the start of the file if not found).
fn meeting_id_span(text: &str) -> std::ops::Range<usize> {
    let mut at = 0;
    let mut in_meeting = false;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('[') {
            in_meeting = t.trim_end() == "[meeting]";
        } else if in_meeting
            && let Some(rest) = t.strip_prefix("id")
            && let Some(value) = rest.trim_start().strip_prefix('=')
        {
            let v = value.trim();
            let start = at + (line.len() - value.trim_start().len());
            return start..start + v.len();
        }
        at += line.len();
    }
    0..0
}

fn key(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

impl Checker {
    fn report_file(&mut self, path: &Path, diags: Vec<Diagnostic>) {
        if self.reported.insert(key(path)) {
            self.report.diagnostics.extend(diags);
        }
    }

    fn plan(&mut self, path: &Path) -> &PlanState {
        let k = key(path);
        if !self.plans.contains_key(&k) {
            let state = if !path.is_file() {
                PlanState::Missing
            } else {
                match super::workspace::load_plan(path) {
                    Ok(p) => {
                        self.reported.insert(k.clone());
                        PlanState::Loaded(Box::new(p))
                    }
                    Err(LoadError::Invalid(d)) => {
                        self.report_file(path, d);
                        PlanState::Invalid
                    }
                    Err(LoadError::Io(e)) => PlanState::Unreadable(e),
                }
            };
            self.plans.insert(k.clone(), state);
        }
        &self.plans[&k]
    }

    fn decisions_of_folder(&mut self, file: &Path) -> &HashSet<String> {
        let dir = relative_to(file, "");
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        let k = key(&dir);
        self.folder_decisions.entry(k).or_insert_with(|| {
            let minutes: Vec<_> = super::workspace::minutes_in(&dir)
                .iter()
                .filter_map(|p| load_minutes(p).ok())
                .collect();
            decision_names(&minutes)
        })
    }

    /// The meetings of the folder of `file`: its agendas' and minutes' headers.
    fn meetings_of_folder(&mut self, file: &Path) -> &[crate::model::Meeting] {
        let dir = relative_to(file, "");
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        let k = key(&dir);
        if !self.folder_meetings.contains_key(&k) {
            let scan = super::folder::scan(&super::folder::toml_files_in(&dir));
            let mut agendas: Vec<(PathBuf, String)> = scan
                .agendas
                .iter()
                .map(|(p, a)| (key(p), a.meeting.id.clone()))
                .collect();
            agendas.sort();
            self.folder_agendas.insert(k.clone(), agendas);
            let meetings = scan
                .agendas
                .into_iter()
                .map(|(_, a)| a.meeting)
                .chain(scan.minutes.into_iter().map(|(_, m)| m.meeting))
                .collect();
            self.folder_meetings.insert(k.clone(), meetings);
        }
        &self.folder_meetings[&k]
    }

    /// An agenda whose meeting id an earlier agenda of its folder (by file name) already
    /// holds: `approve --at` and `outcome_at` could not say which meeting they mean.
    fn duplicate_meeting(
        &mut self,
        path: &Path,
        id: &str,
        text: &str,
        problems: &mut Vec<Problem>,
    ) {
        self.meetings_of_folder(path);
        let dir = relative_to(path, "");
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        let me = key(path);
        let Some(first) = self
            .folder_agendas
            .get(&key(&dir))
            .and_then(|list| list.iter().find(|(p, other)| other == id && *p < me))
        else {
            return;
        };
        let name = first
            .0
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        problems.push(Problem::error(
            meeting_id_span(text),
            format!(
                "meeting id {} is already the meeting of {}: each agenda of a folder needs \
                 its own id (approve --at and outcome_at name meetings by id)",
                crate::text::quoted(id),
                crate::text::quoted(&name)
            ),
        ));
    }

    /// Each `outcome_at` names a later meeting of the folder, as `approve --at` must.
    fn check_meetings(
        &mut self,
        path: &Path,
        m: &crate::model::Minutes,
        refs: &[super::Reference],
        problems: &mut Vec<Problem>,
    ) {
        let wanted: Vec<&super::Reference> = refs
            .iter()
            .filter(|r| r.kind == super::RefKind::Meeting)
            .collect();
        if wanted.is_empty() {
            return;
        }
        let meetings = self.meetings_of_folder(path);
        let known: Vec<&crate::model::Meeting> = meetings.iter().collect();
        // The decisions that name a recording meeting, in file order, as the references.
        let recorded: Vec<(&str, &crate::model::Taken)> = m
            .items
            .iter()
            .flat_map(|i| &i.decisions)
            .filter_map(|d| match &d.taken {
                crate::model::Taken::AdReferendum {
                    outcome_at: Some(at),
                    ..
                } => Some((at.as_str(), &d.taken)),
                _ => None,
            })
            .collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for r in wanted {
            if let Some(why) = super::workspace::later_meeting_problem(
                &m.meeting,
                &r.value,
                &known,
                "an ad referendum outcome is recorded by a later meeting",
            ) {
                problems.push(Problem::error(r.span.clone(), format!("outcome_at {why}")));
                continue;
            }
            let rank = seen.entry(r.value.as_str()).or_insert(0);
            let taken = recorded
                .iter()
                .filter(|(at, _)| *at == r.value)
                .nth(*rank)
                .map(|(_, t)| *t);
            *rank += 1;
            // As approve refuses it: a confirmation at a meeting held before the silence
            // ended.
            if let Some(crate::model::Taken::AdReferendum {
                silence_until: Some(until),
                outcome: Some(crate::model::Outcome::Confirmed),
                ..
            }) = taken
                && let Some(found) = known.iter().find(|k| k.id == r.value)
                && found.date < *until
            {
                problems.push(Problem::error(
                    r.span.clone(),
                    format!(
                        "outcome_at {}: it met on {}, but the silence runs until {until}: \
                         a confirmation is recorded by a meeting on or after that date",
                        crate::text::quoted(&r.value),
                        found.date
                    ),
                ));
            }
        }
    }

    fn check_file(&mut self, path: &Path) {
        if self.reported.contains(&key(path)) {
            self.report
                .files
                .push((path.to_path_buf(), Some(Kind::Plan)));
            return;
        }
        let text = match read_text(path) {
            Ok(t) => t,
            Err(LoadError::Io(e)) => {
                self.report.io_errors.push(e);
                return;
            }
            Err(LoadError::Invalid(d)) => {
                self.report.files.push((path.to_path_buf(), None));
                self.report_file(path, d);
                return;
            }
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parsed = parse_document(&text, &name);
        let mut problems = parsed.problems;
        let kind = match &parsed.document {
            None => None,
            Some(Document::Plan(_)) => Some(Kind::Plan),
            Some(Document::Theme(_)) => Some(Kind::Theme),
            Some(Document::Agenda(a, span)) => {
                self.duplicate_meeting(path, &a.meeting.id, &text, &mut problems);
                self.check_refs(
                    path,
                    &a.meeting.plan,
                    span.clone(),
                    &parsed.refs,
                    None,
                    &mut problems,
                );
                Some(Kind::Agenda)
            }
            Some(Document::Minutes(m, span)) => {
                self.check_refs(
                    path,
                    &m.meeting.plan,
                    span.clone(),
                    &parsed.refs,
                    Some(()),
                    &mut problems,
                );
                if let PlanState::Loaded(plan) = self.plan(&relative_to(path, &m.meeting.plan))
                    && !m.meeting.plan.is_empty()
                {
                    super::minutes::check_votes(m, plan, &parsed.votes, &mut problems);
                }
                self.check_meetings(path, m, &parsed.refs, &mut problems);
                Some(Kind::Minutes)
            }
        };
        self.report.files.push((path.to_path_buf(), kind));
        let diags = locate_all(path, &text, problems);
        self.report_file(path, diags);
    }

    /// After every file: for each valid plan whose roster carries addresses, a warning per
    /// owner of outstanding actions that digests cannot be addressed to.
    fn contacts(&mut self) {
        let plans: Vec<PathBuf> = self
            .report
            .files
            .iter()
            .filter(|(_, k)| *k == Some(Kind::Plan))
            .map(|(p, _)| p.clone())
            .collect();
        let mut done = HashSet::new();
        for path in plans {
            if !done.insert(key(&path)) {
                continue;
            }
            if let Ok(plan) = super::workspace::load_plan(&path) {
                let diags = super::contacts::check_plan(&path, &plan);
                self.report.diagnostics.extend(diags);
            }
        }
    }

    fn check_refs(
        &mut self,
        path: &Path,
        plan_rel: &str,
        plan_span: std::ops::Range<usize>,
        refs: &[super::Reference],
        minutes: Option<()>,
        problems: &mut Vec<Problem>,
    ) {
        if plan_rel.is_empty() {
            return;
        }
        let plan_path = relative_to(path, plan_rel);
        let decisions = minutes.map(|()| self.decisions_of_folder(path).clone());
        match self.plan(&plan_path) {
            PlanState::Missing => problems.push(missing_plan_problem(path, plan_rel, plan_span)),
            PlanState::Invalid => problems.push(Problem::error(
                plan_span,
                format!(
                    "the plan {} has errors (reported with that file): fix it first",
                    crate::text::quoted(plan_rel)
                ),
            )),
            PlanState::Unreadable(e) => problems.push(Problem::error(
                plan_span,
                format!("the plan named here cannot be read: {e}"),
            )),
            PlanState::Loaded(plan) => {
                let ctx = Context {
                    plan: Some(plan),
                    decisions: decisions.as_ref(),
                    strict_owners: minutes.is_none(),
                };
                ctx.resolve(refs, problems);
            }
        }
    }
}

/// Checks every file under `paths`.
pub fn check(paths: &[PathBuf]) -> CheckReport {
    let mut checker = Checker {
        report: CheckReport::default(),
        plans: HashMap::new(),
        reported: HashSet::new(),
        folder_decisions: HashMap::new(),
        folder_meetings: HashMap::new(),
        folder_agendas: HashMap::new(),
    };
    let mut skipped = Vec::new();
    let files = collect_files(paths, &mut checker.report.io_errors, &mut skipped);
    checker.report.skipped = skipped;
    for f in files {
        checker.check_file(&f);
    }
    checker.contacts();
    checker.report
}

//! Finding the plan and its minutes under the folders a command is given.

use std::path::{Path, PathBuf};

use crate::load::check::collect_files;
use crate::load::workspace::{load_minutes, load_plan, relative_to};
use crate::load::{Document, LoadError, parse_document, read_text};
use crate::model::{Minutes, Plan};

/// A plan and the minutes of its meetings.
#[derive(Debug, Clone)]
pub struct Meetings {
    /// Where the plan is.
    pub plan_path: PathBuf,
    /// The plan.
    pub plan: Plan,
    /// Every minutes file that names this plan, with its path.
    pub minutes: Vec<(PathBuf, Minutes)>,
}

/// Why the plan and minutes could not be had.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    /// No plan under the paths.
    #[error("no plan file (a .toml file with a [plan] table) under {0}")]
    NoPlan(String),
    /// Several plans and no `--plan`.
    #[error("several plans under these paths: {0}; pick one with --plan")]
    SeveralPlans(String),
    /// A file could not be read or is invalid.
    #[error("{0}")]
    Load(#[from] LoadError),
    /// A path does not exist.
    #[error("{0}")]
    Io(String),
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Finds the plan (or uses `plan`) and every minutes file of it under `paths`.
pub fn discover(paths: &[PathBuf], plan: Option<&Path>) -> Result<Meetings, DiscoverError> {
    let mut io = Vec::new();
    let mut skipped = Vec::new();
    let files = collect_files(paths, &mut io, &mut skipped);
    for s in skipped {
        crate::out::say_err(&format!("warning: {s}"));
    }
    if let Some(e) = io.into_iter().next() {
        return Err(DiscoverError::Io(e));
    }
    let (minutes_files, others): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|p| p.to_string_lossy().ends_with(".minutes.toml"));
    let plan_path = match plan {
        Some(p) => p.to_path_buf(),
        None => {
            let plans: Vec<PathBuf> = others
                .into_iter()
                .filter(|p| {
                    read_text(p).is_ok_and(|t| {
                        matches!(parse_document(&t, "").document, Some(Document::Plan(_)))
                    })
                })
                .collect();
            match plans.len() {
                0 => {
                    let shown: Vec<String> =
                        paths.iter().map(|p| p.display().to_string()).collect();
                    return Err(DiscoverError::NoPlan(
                        crate::text::inert_line(&shown.join(", ")).into_owned(),
                    ));
                }
                1 => plans.into_iter().next().unwrap_or_default(),
                _ => {
                    let shown: Vec<String> =
                        plans.iter().map(|p| format!("'{}'", p.display())).collect();
                    return Err(DiscoverError::SeveralPlans(
                        crate::text::inert_line(&shown.join(", ")).into_owned(),
                    ));
                }
            }
        }
    };
    let plan = load_plan(&plan_path)?;
    let mut minutes = Vec::new();
    for f in minutes_files {
        let m = load_minutes(&f)?;
        if same_file(&relative_to(&f, &m.meeting.plan), &plan_path) {
            minutes.push((f, m));
        }
    }
    Ok(Meetings {
        plan_path,
        plan,
        minutes,
    })
}

impl Meetings {
    /// The ledger of every action, as of all the minutes.
    pub fn ledger(&self) -> crate::model::Ledger {
        crate::model::Ledger::build(&self.plan, self.minutes.iter().map(|(_, m)| m))
    }
}

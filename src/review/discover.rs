//! Finding the plan and its minutes under the folders a command is given.

use std::path::{Path, PathBuf};

use crate::load::check::collect_files;
use crate::load::folder::{Invalid, scan};
use crate::load::workspace::{load_plan, relative_to};
use crate::load::{Kind, LoadError};
use crate::model::{Minutes, Plan};

/// A plan and the minutes of its meetings.
#[derive(Debug)]
pub struct Meetings {
    /// Where the plan is.
    pub plan_path: PathBuf,
    /// The plan.
    pub plan: Plan,
    /// Every minutes file that names this plan, with its path.
    pub minutes: Vec<(PathBuf, Minutes)>,
    /// Minutes files (and, when the plan was looked for, plan files) that could not be
    /// loaded: the caller reports them and decides whether to go on without them.
    pub invalid: Vec<Invalid>,
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
    /// No plan loaded, and some files that look like plans or minutes did not load: they
    /// are the likely reason.
    #[error("{} file(s) could not be loaded", .0.len())]
    Invalid(Vec<Invalid>),
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Finds the plan (or uses `plan`) and every minutes file of it under `paths`. Minutes
/// (and, when the plan is looked for, plans and agendas) that do not load are returned in [`Meetings::invalid`], all of
/// them, not only the first.
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
    let files: Vec<PathBuf> = match plan {
        // Only the minutes are needed from the folders: the plan is named.
        Some(_) => files
            .into_iter()
            .filter(|p| p.to_string_lossy().ends_with(".minutes.toml"))
            .collect(),
        None => files,
    };
    let scan = scan(&files);
    let mut invalid: Vec<Invalid> = scan
        .invalid
        .into_iter()
        .filter(|i| {
            // An agenda that does not load could hide a meeting (`ics`) or a meeting id.
            i.kind == Kind::Minutes
                || (plan.is_none() && matches!(i.kind, Kind::Plan | Kind::Agenda))
        })
        .collect();
    let (plan_path, plan) = match plan {
        Some(p) => (p.to_path_buf(), load_plan(p)?),
        None => match scan.plans.len() {
            0 if !invalid.is_empty() => return Err(DiscoverError::Invalid(invalid)),
            0 => {
                let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                return Err(DiscoverError::NoPlan(
                    crate::text::inert_line(&shown.join(", ")).into_owned(),
                ));
            }
            1 => match scan.plans.into_iter().next() {
                Some(found) => found,
                None => return Err(DiscoverError::Invalid(invalid)),
            },
            _ => {
                let shown: Vec<String> = scan
                    .plans
                    .iter()
                    .map(|(p, _)| format!("'{}'", p.display()))
                    .collect();
                return Err(DiscoverError::SeveralPlans(
                    crate::text::inert_line(&shown.join(", ")).into_owned(),
                ));
            }
        },
    };
    let minutes: Vec<(PathBuf, Minutes)> = scan
        .minutes
        .into_iter()
        .filter(|(f, m)| same_file(&relative_to(f, &m.meeting.plan), &plan_path))
        .collect();
    // A broken minutes file cannot say which plan it belongs to; it is reported whatever
    // its plan, as it may hold this plan's outstanding actions.
    invalid.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Meetings {
        plan_path,
        plan,
        minutes,
        invalid,
    })
}

impl Meetings {
    /// The ledger of every action, as of all the minutes.
    pub fn ledger(&self) -> crate::model::Ledger {
        crate::model::Ledger::build(&self.plan, self.minutes.iter().map(|(_, m)| m))
    }
}

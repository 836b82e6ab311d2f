//! Each command of the binary: parse arguments, call the library, print, return an exit
//! status. Errors are printed here for a user: never a backtrace, never `Debug`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser};

use crate::cli::{AudienceArg, Cli, Command, ExportFormat};
use crate::load::check::check;
use crate::load::folder::Invalid;
use crate::load::workspace::{load_minutes, load_plan, relative_to};
use crate::minutes::{Audience, markdown, store};
use crate::model::{Minutes, MinutesState, Outcome, Taken};

mod reminders;

pub use crate::exit::{
    INVALID, OK, SHOWN_PER_FILE, USAGE, print_diagnostics, report_invalid, report_load_error,
};

/// A panic is a bug in rapporteur: say so in one paragraph, without a backtrace (this
/// environment may set RUST_BACKTRACE), and point out that recorded changes are on disk.
fn install_panic_message() {
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        crate::errln!(
            "rapporteur stopped on an internal error{place}: {}\n\
             Every change confirmed before this point is in the minutes file; text being \
             typed was kept as a draft. Please report this.",
            crate::text::inert_line(&what)
        );
    }));
}

/// Runs the program with these arguments and returns the exit status.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    install_panic_message();
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { USAGE } else { OK };
        }
    };
    let theme = cli.theme.as_deref();
    match cli.command {
        None => crate::tui::chooser::run(theme),
        Some(Command::Open {
            agenda,
            read_only,
            skip_invalid,
            amend,
            plain,
        }) => {
            if plain || crate::plain::wanted() {
                crate::plain::open(&agenda, theme, read_only, skip_invalid, amend)
            } else {
                crate::tui::open(&agenda, theme, read_only, skip_invalid, amend)
            }
        }
        Some(Command::Check { paths }) => run_check(&paths),
        Some(Command::Export {
            minutes,
            format,
            audience,
            output,
            force,
            skip_invalid,
            textconv,
        }) => {
            if textconv && load_minutes(&minutes).is_err() {
                crate::git::show_as_is(&minutes)
            } else {
                export(
                    &minutes,
                    format,
                    audience,
                    Output {
                        path: output.as_deref(),
                        force,
                    },
                    skip_invalid || textconv,
                )
            }
        }
        Some(Command::Approve {
            minutes,
            at,
            reapprove,
            confirmed,
            objected,
            skip_invalid,
        }) => {
            let outcomes: Vec<(String, Outcome)> = confirmed
                .into_iter()
                .map(|d| (d, Outcome::Confirmed))
                .chain(objected.into_iter().map(|d| (d, Outcome::Objected)))
                .collect();
            approve(&minutes, &at, &outcomes, reapprove, skip_invalid)
        }
        Some(Command::Diff { old, new }) => diff(&old, &new, theme),
        Some(Command::Outstanding {
            paths,
            plan,
            owner,
            area,
            status,
            overdue,
            due_within,
            as_of,
            format,
            skip_invalid,
        }) => {
            let filter = OutstandingArgs {
                owner,
                area,
                status,
                overdue,
                due_within,
                as_of,
                skip_invalid,
            };
            outstanding(&paths, plan.as_deref(), filter, format, theme)
        }
        Some(Command::Review {
            path,
            plan,
            as_of,
            skip_invalid,
        }) => {
            let paths: Vec<PathBuf> = path.into_iter().collect();
            match find_meetings(&paths, plan.as_deref(), skip_invalid) {
                Ok(found) => crate::tui::review::run(found, theme, as_of.unwrap_or_else(today)),
                Err(code) => code,
            }
        }
        Some(Command::History {
            action,
            path,
            plan,
            skip_invalid,
        }) => {
            let paths: Vec<PathBuf> = path.into_iter().collect();
            match find_meetings(&paths, plan.as_deref(), skip_invalid) {
                Ok(found) => {
                    let dates = crate::config::load(theme)
                        .map(|c| c.dates.0)
                        .unwrap_or_default();
                    match crate::review::history::history(
                        &found.ledger(),
                        &found.plan,
                        &action,
                        dates,
                    ) {
                        Ok(text) => write_output(None, &text, false),
                        Err(e) => {
                            crate::errln!("error: {e}");
                            INVALID
                        }
                    }
                }
                Err(code) => code,
            }
        }
        Some(Command::Digest {
            path,
            plan,
            owner,
            all: _,
            due_within,
            as_of,
            format,
            audience,
            from,
            output,
            force,
            skip_invalid,
        }) => reminders::digest(reminders::DigestArgs {
            path,
            plan,
            owner,
            due_within,
            as_of: as_of.unwrap_or_else(today),
            format,
            audience,
            from,
            output,
            force,
            skip_invalid,
        }),
        Some(Command::Ics {
            path,
            plan,
            owner,
            as_of,
            audience,
            output,
            force,
            skip_invalid,
        }) => reminders::ics(reminders::IcsArgs {
            path,
            plan,
            owner,
            as_of: as_of.unwrap_or_else(today),
            audience,
            output,
            force,
            skip_invalid,
        }),
        Some(Command::Next {
            minutes,
            date,
            output,
            force,
            skip_invalid,
        }) => next(
            &minutes,
            date,
            Output {
                path: output.as_deref(),
                force,
            },
            skip_invalid,
        ),
        Some(Command::Completions { shell }) => {
            let mut cmd = Cli::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "rapporteur", &mut script);
            let _ = std::io::stdout().lock().write_all(&script);
            OK
        }
        Some(Command::Man) => {
            let man = clap_mangen::Man::new(Cli::command());
            let mut page = Vec::new();
            match man.render(&mut page) {
                Ok(()) => {
                    let _ = std::io::stdout().lock().write_all(&page);
                    OK
                }
                Err(e) => {
                    crate::errln!("error: cannot write the man page: {e}");
                    USAGE
                }
            }
        }
        Some(Command::Config) => show_config(theme),
        Some(Command::Init { folder }) => {
            crate::git::init::run(folder.as_deref().unwrap_or(Path::new(".")))
        }
        Some(Command::MergeFile {
            base,
            ours,
            theirs,
            path,
            output,
            markdown,
        }) => {
            let files = crate::git::driver::Files {
                base,
                ours,
                theirs,
                path,
                output,
            };
            if markdown {
                crate::git::driver::merge_markdown(&files)
            } else {
                crate::git::driver::merge_minutes(&files)
            }
        }
    }
}

/// Where a command writes (`-o`; standard output when `None`) and whether `--force` was
/// given.
#[derive(Clone, Copy)]
struct Output<'a> {
    path: Option<&'a Path>,
    force: bool,
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The plan and minutes under `paths` (default: the current folder), or the exit status.
/// Every file that could not be loaded is reported; unless `skip_invalid`, that is a
/// failure.
fn find_meetings(
    paths: &[PathBuf],
    plan: Option<&Path>,
    skip_invalid: bool,
) -> Result<crate::review::discover::Meetings, i32> {
    use crate::review::discover::{DiscoverError, discover};
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let found = discover(&paths, plan).map_err(|e| match e {
        DiscoverError::Load(l) => report_load_error(&l),
        DiscoverError::Io(m) => {
            crate::errln!("error: {m}");
            USAGE
        }
        DiscoverError::Invalid(bad) => {
            let bad: Vec<&Invalid> = bad.iter().collect();
            let _ = report_invalid(&bad, skip_invalid);
            crate::errln!("error: no plan loaded under these paths: fix the plan file named above");
            INVALID
        }
        other => {
            crate::errln!("error: {other}");
            INVALID
        }
    })?;
    let bad: Vec<&Invalid> = found.invalid.iter().collect();
    report_invalid(&bad, skip_invalid)?;
    Ok(found)
}

struct OutstandingArgs {
    owner: Option<String>,
    area: Option<String>,
    status: Option<crate::model::Status>,
    overdue: bool,
    due_within: Option<String>,
    as_of: Option<chrono::NaiveDate>,
    skip_invalid: bool,
}

fn outstanding(
    paths: &[PathBuf],
    plan: Option<&Path>,
    args: OutstandingArgs,
    format: crate::cli::TableFormat,
    theme_flag: Option<&str>,
) -> i32 {
    use crate::cli::TableFormat;
    use crate::review::outstanding as out;
    let found = match find_meetings(paths, plan, args.skip_invalid) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let ledger = found.ledger();
    let owners = match args
        .owner
        .as_deref()
        .map(|o| out::resolve_owner(o, &found.plan, &ledger))
        .transpose()
    {
        Ok(Some(named)) => {
            // Say which owner was taken: a typed name is matched, never silently guessed.
            crate::errln!("owner: {}", crate::text::inert_line(&named.label));
            named.owners
        }
        Ok(None) => Vec::new(),
        Err(e) => {
            crate::errln!("error: {e}");
            return USAGE;
        }
    };
    let area = match args
        .area
        .as_deref()
        .map(|a| out::resolve_area(a, &found.plan))
        .transpose()
    {
        Ok(a) => a,
        Err(e) => {
            crate::errln!("error: {e}");
            return USAGE;
        }
    };
    let as_of = args.as_of.unwrap_or_else(today);
    let due_by = match args
        .due_within
        .as_deref()
        .map(|s| out::due_within(s, as_of))
        .transpose()
    {
        Ok(d) => d,
        Err(e) => {
            crate::errln!("error: {e}");
            return USAGE;
        }
    };
    let filter = out::Filter {
        owners,
        area,
        status: args.status,
        overdue: args.overdue,
        due_by,
    };
    let rows = out::outstanding(&ledger, &filter, as_of);
    let config = crate::config::load(theme_flag).ok();
    let dates = config.as_ref().map(|c| c.dates.0).unwrap_or_default();
    let text = match format {
        TableFormat::Table => {
            let colour = std::io::stdout().is_terminal() && !crate::theme::no_color();
            let theme = config
                .and_then(|c| crate::load::theme::resolve(&c.theme.0).ok())
                .filter(|_| colour);
            let paint = |text: &str, row: Option<&out::Row>| -> String {
                let Some(t) = &theme else {
                    return text.to_string();
                };
                let style = match row {
                    None => t.title,
                    Some(r) if r.overdue => t.overdue,
                    Some(r) if r.status == crate::model::Status::Blocked => t.blocked,
                    Some(_) => return text.to_string(),
                };
                crate::theme::ansi(style, text)
            };
            out::table(&found.plan, &rows, as_of, dates, &paint)
        }
        TableFormat::Md => out::markdown(&found.plan, &rows, dates),
        TableFormat::Csv => out::csv(&rows),
        TableFormat::Json => out::json(&rows),
    };
    write_output(None, &text, false)
}

fn next(minutes_path: &Path, date: chrono::NaiveDate, out: Output<'_>, skip_invalid: bool) -> i32 {
    use crate::load::Kind;
    let output = out.path;
    let last = match load_minutes(minutes_path) {
        Ok(m) => m,
        Err(e) => return report_load_error(&e),
    };
    if date < last.meeting.date {
        crate::errln!(
            "error: --date {date} is before the meeting these minutes record ({}, {}): the \
             next meeting is on or after it",
            crate::text::inert_line(&last.meeting.id),
            last.meeting.date
        );
        return USAGE;
    }
    let dir = relative_to(minutes_path, "");
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    let plan_path = relative_to(minutes_path, &last.meeting.plan);
    let plan = match load_plan(&plan_path) {
        Ok(p) => p,
        Err(e) => return report_load_error(&e),
    };
    // The agenda these minutes belong to is read too: never replaced by the next one's.
    let agenda_path = relative_to(minutes_path, &last.agenda);
    if let Err(code) = crate::overwrite::check(
        output,
        &[minutes_path, &plan_path, &agenda_path],
        crate::overwrite::Output::Agenda,
        out.force,
    ) {
        return code;
    }
    // The folder's minutes give the outstanding actions and its agendas the meeting ids
    // already taken: a file that does not load could hide either.
    let folder = crate::load::folder::scan(&crate::load::folder::toml_files_in(&dir));
    if let Err(code) = report_invalid(
        &folder.invalid_of(&[Kind::Minutes, Kind::Agenda]),
        skip_invalid,
    ) {
        return code;
    }
    let earlier: Vec<&Minutes> = folder
        .minutes
        .iter()
        .map(|(_, m)| m)
        .filter(|m| m.meeting.id != last.meeting.id)
        .filter(|m| !crate::model::ledger::is_earlier(&last.meeting, &m.meeting))
        .chain(std::iter::once(&last))
        .collect();
    let ledger = crate::model::Ledger::build(&plan, earlier.iter().copied());
    let confidential = crate::review::next::confidential_actions(earlier.iter().copied());
    let taken: Vec<String> = folder
        .minutes
        .iter()
        .map(|(_, m)| m.meeting.id.clone())
        // An agenda being redrafted (`-o` it, `--force`) gives its id up to the new draft.
        .chain(
            folder
                .agendas
                .iter()
                .filter(|(p, _)| output.is_none_or(|o| !same_dir(p, o)))
                .map(|(_, a)| a.meeting.id.clone()),
        )
        .collect();
    let plan_rel = match output
        .and_then(|o| o.parent())
        .filter(|p| !p.as_os_str().is_empty())
    {
        Some(out_dir) if !same_dir(out_dir, &dir) => plan_path
            .canonicalize()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|_| plan_path.display().to_string()),
        _ => last.meeting.plan.clone(),
    };
    let rapporteur = crate::config::load(None).ok().and_then(|c| c.rapporteur.0);
    let next = crate::review::next::NextMeeting {
        plan: &plan,
        ledger: &ledger,
        date,
        taken,
        plan_path: plan_rel,
        rapporteur,
        confidential,
    };
    let text = crate::review::next::draft(&last, &next);
    write_output(output, &text, last.meeting.classification.is_some())
}

/// Whether two paths name the same file or folder.
fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

fn run_check(paths: &[PathBuf]) -> i32 {
    let report = check(paths);
    for e in &report.io_errors {
        crate::errln!("error: {e}");
    }
    for s in &report.skipped {
        crate::errln!("warning: {s}");
    }
    print_diagnostics(&report.diagnostics);
    let (errors, warnings) = (report.errors(), report.warnings() + report.skipped.len());
    let files = report.files.len();
    if errors == 0 && report.io_errors.is_empty() {
        crate::outln!("{files} file(s) valid, {warnings} warning(s)");
    } else {
        crate::errln!("{files} file(s) checked: {errors} error(s), {warnings} warning(s)");
    }
    report.exit_code()
}

/// Finds the plan of a minutes file (kept here for callers of this module).
pub use crate::load::workspace::locate_plan;

fn write_output(output: Option<&Path>, text: &str, private: bool) -> i32 {
    write_bytes(output, text.as_bytes(), private)
}

fn write_bytes(output: Option<&Path>, text: &[u8], private: bool) -> i32 {
    match output {
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text).and_then(|()| out.flush()) {
                Ok(()) => OK,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => OK,
                Err(e) => {
                    crate::errln!("error: cannot write: {e}");
                    USAGE
                }
            }
        }
        Some(path) => match store::write_atomic(path, text, private) {
            Ok(()) => OK,
            Err(e) => {
                crate::errln!(
                    "error: cannot write {}: {e}",
                    crate::text::inert_line(&path.display().to_string())
                );
                USAGE
            }
        },
    }
}

fn export(
    path: &Path,
    format: ExportFormat,
    audience: AudienceArg,
    out: Output<'_>,
    skip_invalid: bool,
) -> i32 {
    let output = out.path;
    let m = match load_minutes(path) {
        Ok(m) => m,
        Err(e) => return report_load_error(&e),
    };
    let writes = match format {
        ExportFormat::Toml => crate::overwrite::Output::Minutes,
        ExportFormat::Md | ExportFormat::Json | ExportFormat::Docx => {
            crate::overwrite::Output::Other
        }
    };
    if let Err(code) = crate::overwrite::check(output, &[path], writes, out.force) {
        return code;
    }
    let audience = match audience {
        AudienceArg::All => Audience::All,
        AudienceArg::Public => Audience::Public,
    };
    let (selected, left_out) = crate::minutes::for_audience(&m, audience);
    if format == ExportFormat::Docx && output.is_none() {
        crate::errln!("error: --format docx writes a Word file: add -o FILE.docx");
        return USAGE;
    }
    // The report draws on the plan and on the folder's other meetings (the state of
    // actions before this meeting, the date of the approving meeting).
    let report_context = || -> Result<(Option<crate::model::Plan>, Vec<Minutes>), i32> {
        let located = locate_plan(path, &m);
        let mut others = Vec::new();
        if let Some((plan_path, _)) = &located {
            let folder = crate::load::folder::minutes_of(&relative_to(plan_path, ""));
            let bad: Vec<&Invalid> = folder.invalid.iter().collect();
            report_invalid(&bad, skip_invalid)?;
            others = folder.minutes.into_iter().map(|(_, m)| m).collect();
        }
        Ok((located.map(|(_, p)| p), others))
    };
    let bytes: Vec<u8> = match format {
        ExportFormat::Md | ExportFormat::Docx => {
            let (plan, others) = match report_context() {
                Ok(c) => c,
                Err(code) => return code,
            };
            let ctx = markdown::Context {
                plan: plan.as_ref(),
                others: &others,
                dates: crate::config::load(None)
                    .map(|c| c.dates.0)
                    .unwrap_or_default(),
            };
            let report = crate::minutes::report::build(&m, &ctx, audience);
            if format == ExportFormat::Md {
                markdown::render_report(&report).into_bytes()
            } else {
                match crate::minutes::docx::to_docx(&report) {
                    Ok(b) => b,
                    Err(e) => {
                        crate::errln!("error: cannot build the Word file: {e}");
                        return USAGE;
                    }
                }
            }
        }
        ExportFormat::Toml => match crate::minutes::toml_out::to_toml(&selected) {
            Ok(t) => match audience {
                Audience::All => t.into_bytes(),
                Audience::Public => format!(
                    "# {}\n{t}",
                    crate::minutes::public_line(&m.meeting, left_out)
                )
                .into_bytes(),
            },
            Err(e) => {
                crate::errln!("error: cannot render TOML: {e}");
                return USAGE;
            }
        },
        ExportFormat::Json => {
            crate::minutes::json::to_json_string_for(&selected, audience, &m.meeting, left_out)
                .into_bytes()
        }
    };
    if left_out > 0 {
        crate::errln!("public edition: left out {left_out} confidential record(s)");
    }
    let private = m.meeting.classification.is_some() && audience == Audience::All;
    write_bytes(output, &bytes, private)
}

/// Why an ad referendum outcome cannot be recorded for decision `id` at meeting `at` (of
/// date `on`), if it cannot: no such decision, not taken ad referendum, named twice, an
/// outcome already recorded otherwise, or confirmed before its silence ran out.
fn outcome_problem(
    m: &Minutes,
    outcomes: &[(String, Outcome)],
    (id, outcome): (&str, Outcome),
    at: &str,
    on: Option<chrono::NaiveDate>,
) -> Option<String> {
    let shown = crate::text::quoted(id);
    let ad_referendum: Vec<&str> = m
        .decisions()
        .filter(|(_, d)| matches!(d.taken, Taken::AdReferendum { .. }))
        .map(|(_, d)| d.id.as_str())
        .collect();
    let valid = if ad_referendum.is_empty() {
        "these minutes have no decision taken ad referendum".to_string()
    } else {
        format!("taken ad referendum here: {}", ad_referendum.join(", "))
    };
    if id.trim().is_empty() {
        return Some(format!(
            "an empty decision id (a comma with nothing around it): name the decision ({valid})"
        ));
    }
    let Some((_, d)) = m.decision(id) else {
        return Some(format!(
            "{shown} is not a decision of these minutes ({valid})"
        ));
    };
    let Taken::AdReferendum {
        silence_until,
        outcome: recorded,
        outcome_at,
    } = &d.taken
    else {
        return Some(format!(
            "decision {shown} was taken by {}: only a decision taken ad referendum has an \
             outcome ({valid})",
            d.taken.as_str()
        ));
    };
    if outcomes.iter().filter(|(x, _)| x == id).count() > 1 {
        return Some(format!("decision {shown} is named more than once"));
    }
    if let Some(r) = recorded
        && (*r != outcome || outcome_at.as_deref() != Some(at))
    {
        return Some(format!(
            "decision {shown} already has its outcome: {} at {} (edit the file to change it)",
            r.as_str(),
            crate::text::quoted(outcome_at.as_deref().unwrap_or("an unnamed meeting"))
        ));
    }
    if outcome == Outcome::Confirmed
        && let (Some(until), Some(on)) = (silence_until, on)
        && on < *until
    {
        return Some(format!(
            "decision {shown} cannot be confirmed at {} ({on}): its silence runs until {until}",
            crate::text::quoted(at)
        ));
    }
    None
}

fn approve(
    path: &Path,
    at: &str,
    outcomes: &[(String, Outcome)],
    reapprove: bool,
    skip_invalid: bool,
) -> i32 {
    use crate::load::Kind;
    // Through a symlink, the folder scanned, the lock and the file written would be the
    // link's while the record is the target's: approve the real file instead.
    if std::fs::symlink_metadata(path).is_ok_and(|md| md.file_type().is_symlink()) {
        let real = path.canonicalize().map_or_else(
            |_| String::from("the file it points to"),
            |r| format!("'{}'", crate::text::inert_line(&r.display().to_string())),
        );
        crate::errln!(
            "error: not approved: '{}' is a symbolic link; approve the real minutes file, {real}, \
             in its own folder",
            crate::text::inert_line(&path.display().to_string())
        );
        return USAGE;
    }
    let mut m = match load_minutes(path) {
        Ok(m) => m,
        Err(e) => return report_load_error(&e),
    };
    let dir = relative_to(path, "");
    let dir = if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir
    };
    let folder = crate::load::folder::scan(&crate::load::folder::toml_files_in(&dir));
    if let Err(code) = report_invalid(
        &folder.invalid_of(&[Kind::Minutes, Kind::Agenda]),
        skip_invalid,
    ) {
        return code;
    }
    let known: Vec<&crate::model::Meeting> = folder
        .agendas
        .iter()
        .map(|(_, a)| &a.meeting)
        .chain(folder.minutes.iter().map(|(_, m)| &m.meeting))
        .collect();
    if let Some(earlier) = m
        .approved_at
        .clone()
        .filter(|_| m.state == MinutesState::Approved)
    {
        let when = known
            .iter()
            .find(|k| k.id == earlier)
            .map(|k| format!(" (which met on {})", k.date))
            .unwrap_or_default();
        let same = earlier == at;
        let earlier = crate::text::inert_line(&earlier).into_owned();
        // The same meeting again: nothing to change, unless it records outcomes of
        // decisions taken ad referendum.
        if same && outcomes.is_empty() {
            crate::outln!(
                "{}: already approved at {earlier}{when}: nothing to change",
                crate::text::inert_line(&path.display().to_string())
            );
            return OK;
        }
        if !same && !reapprove {
            crate::errln!(
                "error: cannot approve: these minutes were already approved at {earlier}{when}; \
                 pass --reapprove to record {} as the approving meeting instead",
                crate::text::inert_line(at)
            );
            return INVALID;
        }
    }
    if let Some(problem) = crate::load::workspace::later_meeting_problem(
        &m.meeting,
        at,
        &known,
        "minutes are approved by a later meeting",
    ) {
        crate::errln!("error: cannot approve: {problem}");
        return INVALID;
    }
    let on = known.iter().find(|k| k.id == at).map(|k| k.date);
    // A decision named twice (`--confirmed 3-1,3-1`, or `--confirmed ,`: two empty ids)
    // is one problem, said once.
    let mut problems: Vec<String> = Vec::new();
    for (id, o) in outcomes {
        if let Some(p) = outcome_problem(&m, outcomes, (id, *o), at, on)
            && !problems.contains(&p)
        {
            problems.push(p);
        }
    }
    if !problems.is_empty() {
        for p in &problems {
            crate::errln!("error: cannot record the outcome: {p}");
        }
        return INVALID;
    }
    let lock = match crate::minutes::lock::MinutesLock::acquire(
        path,
        m.meeting.classification.is_some(),
    ) {
        Ok(l) => l,
        Err(e) => {
            crate::errln!("error: {e}");
            return USAGE;
        }
    };
    m.state = MinutesState::Approved;
    m.approved_at = Some(at.to_string());
    for (id, o) in outcomes {
        if let Some(d) = m
            .items
            .iter_mut()
            .flat_map(|i| i.decisions.iter_mut())
            .find(|d| d.id == *id)
            && let Taken::AdReferendum {
                outcome,
                outcome_at,
                ..
            } = &mut d.taken
        {
            *outcome = Some(*o);
            *outcome_at = Some(at.to_string());
        }
    }
    let result = store::save_minutes(path, &m);
    drop(lock);
    match result {
        Ok(()) => {
            crate::outln!(
                "{}: approved at {}",
                crate::text::inert_line(&path.display().to_string()),
                crate::text::inert_line(at)
            );
            for (id, o) in outcomes {
                crate::outln!(
                    "decision {} taken ad referendum: {} at {}",
                    crate::text::inert_line(id),
                    o.as_str(),
                    crate::text::inert_line(at)
                );
            }
            rewrite_markdown(path, &m)
        }
        Err(e) => {
            crate::errln!(
                "error: cannot write {}: {e}",
                crate::text::inert_line(&path.display().to_string())
            );
            USAGE
        }
    }
}

/// The Markdown beside approved minutes says what the record now says (state, outcomes),
/// written as the live screen writes it: atomically, private when classified. Only an
/// existing file is rewritten: approve creates none.
fn rewrite_markdown(path: &Path, m: &Minutes) -> i32 {
    let md_path = store::markdown_path(path);
    if !md_path.exists() {
        return OK;
    }
    let text = crate::git::driver::render_markdown(path, m);
    let shown = crate::text::inert_line(&md_path.display().to_string()).into_owned();
    match store::write_atomic(
        &md_path,
        text.as_bytes(),
        m.meeting.classification.is_some(),
    ) {
        Ok(()) => {
            crate::outln!("{shown}: rewritten from the approved record");
            OK
        }
        Err(e) => {
            crate::errln!(
                "error: cannot write {shown}: {e} (the record itself was saved; `export --format md` prints the text)"
            );
            USAGE
        }
    }
}

fn diff(old: &Path, new: &Path, theme_flag: Option<&str>) -> i32 {
    let (a, b) = match (load_minutes(old), load_minutes(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            report_load_error(&e);
            return USAGE;
        }
    };
    let changes = crate::minutes::diff::diff(&a, &b);
    if changes.is_empty() {
        return OK;
    }
    // On a terminal the changed words take the theme's colours; piped, they keep the
    // `[-old-]{+new+}` marks.
    let theme = (std::io::stdout().is_terminal() && !crate::theme::no_color())
        .then(|| crate::config::load(theme_flag).ok())
        .flatten()
        .and_then(|c| crate::load::theme::resolve(&c.theme.0).ok());
    let mut out = std::io::stdout().lock();
    for c in changes {
        let line = match &theme {
            Some(t) => crate::minutes::diff::paint_word_diff(
                &c,
                &|s| crate::theme::ansi(t.error, s),
                &|s| crate::theme::ansi(t.changed, s),
            ),
            None => c,
        };
        let _ = writeln!(out, "{line}");
    }
    INVALID
}

fn show_config(theme_flag: Option<&str>) -> i32 {
    let config = match crate::config::load(theme_flag) {
        Ok(c) => c,
        Err(e) => {
            crate::err!("{e}");
            return INVALID;
        }
    };
    let path = crate::config::config_path().map_or_else(
        || "(no home folder)".to_string(),
        |p| p.display().to_string(),
    );
    let found = crate::config::config_path().is_some_and(|p| p.exists());
    let state = if found {
        "read"
    } else {
        "not found: defaults in effect"
    };
    crate::outln!(
        "# config file: {} ({state})",
        crate::text::inert_line(&path)
    );
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    crate::outln!(
        "theme = {}  # from {}",
        quote(&config.theme.0),
        config.theme.1
    );
    match &config.rapporteur.0 {
        Some(r) => crate::outln!("rapporteur = {}  # from {}", quote(r), config.rapporteur.1),
        None => crate::outln!(
            "# rapporteur = \"...\"  (not set: agendas drafted by `next` keep the last one)"
        ),
    }
    let dates = match config.dates.0 {
        crate::config::DateStyle::Iso => "iso",
        crate::config::DateStyle::Day => "day",
    };
    crate::outln!("dates = {}  # from {}", quote(dates), config.dates.1);
    let no_color = if crate::theme::no_color() {
        "set: no colour"
    } else {
        "not set"
    };
    crate::outln!("# NO_COLOR: {no_color}");
    OK
}

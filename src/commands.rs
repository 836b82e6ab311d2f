//! Each command of the binary: parse arguments, call the library, print, return an exit
//! status. Errors are printed here for a user: never a backtrace, never `Debug`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser};

use crate::cli::{AudienceArg, Cli, Command, ExportFormat};
use crate::load::check::check;
use crate::load::workspace::{load_minutes, load_plan, minutes_in, relative_to};
use crate::load::{Diagnostic, LoadError};
use crate::minutes::{Audience, markdown, store};
use crate::model::{Minutes, MinutesState, Plan};

/// Exit status: success.
pub const OK: i32 = 0;
/// Exit status: invalid input, or (diff) different.
pub const INVALID: i32 = 1;
/// Exit status: usage or I/O error.
pub const USAGE: i32 = 2;

/// True when stderr should carry colour.
fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && !crate::theme::no_color()
}

/// Prints diagnostics on stderr.
pub fn print_diagnostics(diags: &[Diagnostic]) {
    let color = stderr_color();
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = write!(err, "{}", d.render(color));
    }
}

/// Prints a load error and returns its exit status.
pub fn report_load_error(e: &LoadError) -> i32 {
    match e {
        LoadError::Io(msg) => {
            eprintln!("error: {msg}");
            USAGE
        }
        LoadError::Invalid(diags) => {
            print_diagnostics(diags);
            INVALID
        }
    }
}

/// Runs the program with these arguments and returns the exit status.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { USAGE } else { OK };
        }
    };
    let theme = cli.theme.as_deref();
    match cli.command {
        None => crate::tui::open_default(theme),
        Some(Command::Open { agenda, read_only }) => crate::tui::open(&agenda, theme, read_only),
        Some(Command::Check { paths }) => run_check(&paths),
        Some(Command::Export {
            minutes,
            format,
            audience,
            output,
        }) => export(&minutes, format, audience, output.as_deref()),
        Some(Command::Approve { minutes, at }) => approve(&minutes, &at),
        Some(Command::Diff { old, new }) => diff(&old, &new),
        Some(Command::Completions { shell }) => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "rapporteur", &mut std::io::stdout());
            OK
        }
        Some(Command::Man) => {
            let man = clap_mangen::Man::new(Cli::command());
            match man.render(&mut std::io::stdout()) {
                Ok(()) => OK,
                Err(e) => {
                    eprintln!("error: cannot write the man page: {e}");
                    USAGE
                }
            }
        }
        Some(Command::Config) => show_config(theme),
    }
}

fn run_check(paths: &[PathBuf]) -> i32 {
    let report = check(paths);
    for e in &report.io_errors {
        eprintln!("error: {e}");
    }
    print_diagnostics(&report.diagnostics);
    let (errors, warnings) = (report.errors(), report.warnings());
    let files = report.files.len();
    if errors == 0 && report.io_errors.is_empty() {
        println!("{files} file(s) valid, {warnings} warning(s)");
    } else {
        eprintln!("{files} file(s) checked: {errors} error(s), {warnings} warning(s)");
    }
    report.exit_code()
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

fn write_output(output: Option<&Path>, text: &str, private: bool) -> i32 {
    match output {
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => OK,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => OK,
                Err(e) => {
                    eprintln!("error: cannot write: {e}");
                    USAGE
                }
            }
        }
        Some(path) => match store::write_atomic(path, text.as_bytes(), private) {
            Ok(()) => OK,
            Err(e) => {
                eprintln!(
                    "error: cannot write {}: {e}",
                    crate::text::inert_line(&path.display().to_string())
                );
                USAGE
            }
        },
    }
}

fn export(path: &Path, format: ExportFormat, audience: AudienceArg, output: Option<&Path>) -> i32 {
    let m = match load_minutes(path) {
        Ok(m) => m,
        Err(e) => return report_load_error(&e),
    };
    let audience = match audience {
        AudienceArg::All => Audience::All,
        AudienceArg::Public => Audience::Public,
    };
    let (selected, left_out) = crate::minutes::for_audience(&m, audience);
    let text = match format {
        ExportFormat::Md => {
            let located = locate_plan(path, &m);
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
            };
            markdown::render_with(&m, &ctx, audience)
        }
        ExportFormat::Toml => match crate::minutes::toml_out::to_toml(&selected) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: cannot render TOML: {e}");
                return USAGE;
            }
        },
        ExportFormat::Json => crate::minutes::json::to_json_string(&selected),
    };
    if left_out > 0 {
        eprintln!("public edition: left out {left_out} confidential record(s)");
    }
    let private = m.meeting.classification.is_some() && audience == Audience::All;
    write_output(output, &text, private)
}

fn approve(path: &Path, at: &str) -> i32 {
    let mut m = match load_minutes(path) {
        Ok(m) => m,
        Err(e) => return report_load_error(&e),
    };
    let lock = match crate::minutes::lock::MinutesLock::acquire(
        path,
        m.meeting.classification.is_some(),
    ) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE;
        }
    };
    m.state = MinutesState::Approved;
    m.approved_at = Some(at.to_string());
    let result = store::save_minutes(path, &m);
    drop(lock);
    match result {
        Ok(()) => {
            println!(
                "{}: approved at {}",
                crate::text::inert_line(&path.display().to_string()),
                crate::text::inert_line(at)
            );
            OK
        }
        Err(e) => {
            eprintln!(
                "error: cannot write {}: {e}",
                crate::text::inert_line(&path.display().to_string())
            );
            USAGE
        }
    }
}

fn diff(old: &Path, new: &Path) -> i32 {
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
    let mut out = std::io::stdout().lock();
    for c in changes {
        let _ = writeln!(out, "{c}");
    }
    INVALID
}

fn show_config(theme_flag: Option<&str>) -> i32 {
    let config = match crate::config::load(theme_flag) {
        Ok(c) => c,
        Err(e) => {
            eprint!("{e}");
            return INVALID;
        }
    };
    let path = crate::config::config_path().map_or_else(
        || "(no home folder)".to_string(),
        |p| p.display().to_string(),
    );
    println!("config file: {}", crate::text::inert_line(&path));
    println!("theme = {:?}  # {}", config.theme.0, config.theme.1);
    match &config.rapporteur.0 {
        Some(r) => println!(
            "rapporteur = {:?}  # {}",
            crate::text::inert_line(r),
            config.rapporteur.1
        ),
        None => println!("# rapporteur: not set  # {}", config.rapporteur.1),
    }
    let dates = match config.dates.0 {
        crate::config::DateStyle::Iso => "iso",
        crate::config::DateStyle::Day => "day",
    };
    println!("dates = {dates:?}  # {}", config.dates.1);
    let no_color = if crate::theme::no_color() {
        "set: no colour"
    } else {
        "not set"
    };
    println!("# NO_COLOR: {no_color}");
    OK
}

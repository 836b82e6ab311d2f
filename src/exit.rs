//! Exit statuses and the printing of load errors: a leaf that every command and screen can
//! use without importing `commands` (which imports them).

use std::io::{IsTerminal, Write};

use crate::load::folder::Invalid;
use crate::load::{Diagnostic, LoadError};

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

/// How many diagnostics of one file are printed; the rest are counted in one line.
pub const SHOWN_PER_FILE: usize = 100;

/// Prints diagnostics on stderr: at most [`SHOWN_PER_FILE`] per file, then how many more.
pub fn print_diagnostics(diags: &[Diagnostic]) {
    let color = stderr_color();
    let mut err = std::io::stderr().lock();
    let mut i = 0;
    while i < diags.len() {
        let path = &diags[i].path;
        let n = diags[i..].iter().take_while(|d| &d.path == path).count();
        for d in &diags[i..i + n.min(SHOWN_PER_FILE)] {
            if write!(err, "{}", d.render(color)).is_err() {
                return;
            }
        }
        if n > SHOWN_PER_FILE {
            let rest = &diags[i + SHOWN_PER_FILE..i + n];
            let errors = rest
                .iter()
                .filter(|d| d.severity == crate::load::Severity::Error)
                .count();
            let _ = writeln!(
                err,
                "{}: and {} more problem(s) not shown ({errors} error(s), {} warning(s))",
                crate::text::inert_line(path),
                rest.len(),
                rest.len() - errors
            );
        }
        i += n;
    }
}

/// Prints a load error and returns its exit status.
pub fn report_load_error(e: &LoadError) -> i32 {
    match e {
        LoadError::Io(msg) => {
            crate::errln!("error: {msg}");
            USAGE
        }
        LoadError::Invalid(diags) => {
            print_diagnostics(diags);
            INVALID
        }
    }
}

/// Reports every file that could not be loaded, as `check` does. Without `skip_invalid`
/// any such file is a failure (exit 1): a record read in part could hide an outstanding
/// action. With it, a warning says what was left out and the command goes on.
pub fn report_invalid(bad: &[&Invalid], skip_invalid: bool) -> Result<(), i32> {
    if bad.is_empty() {
        return Ok(());
    }
    for b in bad {
        match &b.error {
            LoadError::Io(msg) => crate::errln!("error: {msg}"),
            LoadError::Invalid(diags) => print_diagnostics(diags),
        }
    }
    let names: Vec<String> = bad
        .iter()
        .map(|b| crate::text::inert_line(&b.path.display().to_string()).into_owned())
        .collect();
    if skip_invalid {
        crate::errln!(
            "warning: left out {} file(s) that could not be loaded (--skip-invalid): {}",
            bad.len(),
            names.join(", ")
        );
        Ok(())
    } else {
        crate::errln!(
            "error: {} file(s) could not be loaded: {}; fix them (`rapporteur check` lists \
             every problem) or pass --skip-invalid to go on without them",
            bad.len(),
            names.join(", ")
        );
        Err(INVALID)
    }
}

//! Printing that a closed pipe cannot turn into a panic.
//!
//! `println!` and `eprintln!` panic when the reader has gone (`rapporteur check BAD 2>&1 |
//! head`), and a panic while printing the panic message aborts the process. Commands print
//! through these instead: a write to a closed stdout or stderr is dropped, and the command
//! ends with its normal exit status.

use std::fmt::Arguments;
use std::io::Write;

/// Writes formatted text to stdout; a closed or failing stdout is ignored.
pub fn print_out(args: Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_fmt(args);
}

/// Writes formatted text to stderr; a closed or failing stderr is ignored.
pub fn print_err(args: Arguments<'_>) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_fmt(args);
}

/// One line on stderr.
pub fn say_err(line: &str) {
    print_err(format_args!("{line}\n"));
}

/// `println!` that never panics on a closed stdout.
#[macro_export]
macro_rules! outln {
    () => { $crate::out::print_out(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::out::print_out(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `eprintln!` that never panics on a closed stderr.
#[macro_export]
macro_rules! errln {
    () => { $crate::out::print_err(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::out::print_err(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `eprint!` that never panics on a closed stderr.
#[macro_export]
macro_rules! err {
    ($($arg:tt)*) => { $crate::out::print_err(format_args!($($arg)*)) };
}

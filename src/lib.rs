//! rapporteur: keyboard-driven minutes for committee meetings that review an action plan.
//!
//! The binary is a thin shell over this library, so tests and benchmarks reach everything.
#![forbid(unsafe_code)]
// `println!` and `eprintln!` panic on a closed pipe (and abort inside a panic message):
// print through `outln!` / `errln!` (src/out.rs) instead.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod commands;
pub mod machine_text;
pub mod model;
pub mod out;
pub mod overwrite;
pub mod text;

pub mod config;
pub mod exit;
pub mod fsafe;
pub mod generate;
pub mod git;
pub mod load;
pub mod minutes;
pub mod paths;
pub mod plain;
pub mod review;
pub mod theme;
pub mod tui;

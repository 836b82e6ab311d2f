//! The `rapporteur` binary: parse the command line and run the command.
#![forbid(unsafe_code)]

fn main() {
    std::process::exit(rapporteur::commands::run(std::env::args_os()));
}

//! Tells the test suite which external tools its end-to-end tests can use.
//!
//! The tmux, git, perl and pandoc tests are compiled `#[ignore]`d, with the reason, when the tool is not
//! on PATH, so `cargo test` lists them as ignored instead of passing them without running.
//! Under `CI=true` they are never ignored: a missing tool makes them fail with a message.
//! Installing or removing a tool reruns this script (PATH folders and the tool are watched).

use std::path::PathBuf;

fn on_path(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|p| p.is_file())
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=CI");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    for tool in ["tmux", "git", "perl", "pandoc"] {
        // `run_tmux_tests`, `run_git_tests`, `run_perl_tests`: the tests that need the tool
        // are run.
        let cfg = format!("run_{tool}_tests");
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        match on_path(tool) {
            Some(found) => {
                println!("cargo::rerun-if-changed={}", found.display());
                println!("cargo::rustc-cfg={cfg}");
            }
            None => {
                if ci {
                    println!("cargo::rustc-cfg={cfg}");
                }
                if let Some(path) = std::env::var_os("PATH") {
                    for dir in std::env::split_paths(&path).filter(|d| d.is_dir()) {
                        println!("cargo::rerun-if-changed={}", dir.display());
                    }
                }
            }
        }
    }
}

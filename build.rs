//! Tells the test suite which external tools its end-to-end tests can use.
//!
//! The tmux, git, perl and pandoc tests are compiled `#[ignore]`d, with the reason, when the tool is not
//! on PATH, so `cargo test` lists them as ignored instead of passing them without running;
//! so are the tests that mount a tmpfs, when the build cannot mount one (no CAP_SYS_ADMIN).
//! Under `CI=true` they are never ignored: a missing tool makes them fail with a message.
//! Installing or removing a tool reruns this script (PATH folders and the tool are watched).

use std::path::PathBuf;

fn on_path(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|p| p.is_file())
}

/// True when this process holds CAP_SYS_ADMIN (bit 21 of the effective set), which
/// mounting a tmpfs needs.
fn can_mount() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("CapEff:"))
                .and_then(|hex| u64::from_str_radix(hex.trim(), 16).ok())
        })
        .is_some_and(|caps| caps & (1 << 21) != 0)
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=CI");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    // `run_tmpfs_tests`: the full-disk and read-only-folder tests mount a tmpfs, which
    // needs CAP_SYS_ADMIN (root outside a container that drops it) and `mount`.
    println!("cargo::rustc-check-cfg=cfg(run_tmpfs_tests)");
    println!("cargo::rerun-if-changed=/proc/self/status");
    if ci || (can_mount() && on_path("mount").is_some()) {
        println!("cargo::rustc-cfg=run_tmpfs_tests");
    }
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

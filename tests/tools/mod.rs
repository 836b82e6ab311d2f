//! External tools the end-to-end tests need (tmux, git, perl, pandoc).
//!
//! A test that needs a tool is marked, for example,
//! `#[cfg_attr(not(run_tmux_tests), ignore = "needs tmux, not found when the tests were built")]`:
//! build.rs sets `run_tmux_tests` when tmux is on PATH, or when `CI=true`. So outside CI a
//! missing tool shows as an ignored test with its reason, never as a pass; under CI the test
//! runs and [`require`] fails it with a clear message.

use std::process::Command;

/// True when `tool --version` (or `-V` for tmux) runs.
pub fn installed(tool: &str) -> bool {
    let flag = if tool == "tmux" { "-V" } else { "--version" };
    Command::new(tool)
        .arg(flag)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Fails the test when `tool` is missing, saying why: under `CI=true` a missing tool is a
/// failure, and outside CI the test is only compiled in when the tool was found (so this
/// fires only if it was removed since the build).
pub fn require(tool: &str) {
    assert!(
        installed(tool),
        "{tool} is needed by this test and is not installed \
         (CI={}; `.ci/run` installs it, or: apt-get install {tool})",
        std::env::var("CI").unwrap_or_default()
    );
}

//! Commands that read a folder report every file they could not load, as `check` does,
//! and fail unless told `--skip-invalid`; then they warn and go on without them.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn rapporteur() -> Command {
    let mut c = Command::cargo_bin("rapporteur").unwrap();
    c.env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent");
    c
}

/// The fixture history (plan, three minutes) with two minutes files that do not load:
/// one with an impossible date, one that is not TOML.
fn folder_with_broken_minutes() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir("tests/fixtures/history").unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.path().join("m4.minutes.toml"),
        "[meeting]\nid = \"m4\"\ntitle = \"Fourth review\"\ndate = 2017-13-40\n\
         plan = \"plan.toml\"\nagenda = \"m4.toml\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("m5.minutes.toml"),
        "[meeting]\nid = \"m5\"\n[[items]\nid = \"1\"\n",
    )
    .unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = rapporteur().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Each command, run in the folder, with the arguments it needs.
const COMMANDS: &[&[&str]] = &[
    &["outstanding", "--as-of", "2017-08-01"],
    &["outstanding", ".", "--format", "csv"],
    &["history", "PA-1"],
    &["next", "m3.minutes.toml", "--date", "2017-10-01"],
    &["export", "m1.minutes.toml"],
    // m1 was approved at m2 in the history fixture: recording m3 instead is a reapproval.
    &["approve", "m1.minutes.toml", "--at", "m3", "--reapprove"],
    &["digest", "--all", "--as-of", "2017-08-01"],
    &["ics", "--as-of", "2017-01-01"],
];

fn assert_both_reported(err: &str, what: &str) {
    for at in ["m4.minutes.toml:4:8: error", "m5.minutes.toml:3:"] {
        assert!(err.contains(at), "{what}: {at} reported in\n{err}");
    }
}

#[test]
fn every_broken_file_is_reported_and_the_command_fails() {
    let dir = folder_with_broken_minutes();
    let m1 = std::fs::read(dir.path().join("m1.minutes.toml")).unwrap();
    for args in COMMANDS {
        let (code, out, err) = run(dir.path(), args);
        assert_eq!(code, 1, "{args:?} fails:\n{err}");
        assert_both_reported(&err, &format!("{args:?}"));
        assert!(
            err.contains("2 file(s) could not be loaded") && err.contains("--skip-invalid"),
            "{args:?}: {err}"
        );
        assert!(out.is_empty(), "{args:?} prints no partial result: {out}");
    }
    assert_eq!(
        std::fs::read(dir.path().join("m1.minutes.toml")).unwrap(),
        m1,
        "approve wrote nothing"
    );
}

#[test]
fn with_skip_invalid_they_warn_and_go_on() {
    let dir = folder_with_broken_minutes();
    for args in COMMANDS {
        let mut args = args.to_vec();
        args.push("--skip-invalid");
        let (code, out, err) = run(dir.path(), &args);
        assert_eq!(code, 0, "{args:?} goes on:\n{err}");
        assert_both_reported(&err, &format!("{args:?}"));
        assert!(
            err.contains("warning: left out 2 file(s) that could not be loaded"),
            "{args:?}: {err}"
        );
        assert!(!out.is_empty(), "{args:?} prints its result");
    }
}

#[test]
fn review_refuses_before_opening_a_screen() {
    let dir = folder_with_broken_minutes();
    let (code, _, err) = run(dir.path(), &["review"]);
    assert_eq!(code, 1, "{err}");
    assert_both_reported(&err, "review");
}

#[test]
fn a_broken_plan_is_reported_not_called_missing() {
    let dir = tempfile::tempdir().unwrap();
    let plan: PathBuf = dir.path().join("plan.toml");
    std::fs::write(
        &plan,
        "[plan]\nid = \"p\"\ntitle = \"P\"\n[[areas]\nid = 1\n",
    )
    .unwrap();
    let (code, _, err) = run(dir.path(), &["outstanding"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("plan.toml:4:"), "{err}");
    assert!(!err.contains("no plan file"), "{err}");
}

#[test]
fn files_that_are_not_rapporteur_files_are_not_reported() {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir("tests/fixtures/history").unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.path().join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    std::fs::write(dir.path().join("notes.toml"), "this is not toml =").unwrap();
    let (code, _, err) = run(dir.path(), &["outstanding"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn open_reports_every_other_minutes_file_that_does_not_load() {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir("tests/fixtures/waterboard").unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.path().join("2020-11-05-board-6.minutes.toml"),
        "[meeting]\nid = \"board-6\"\ndate = 2020-11-31\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("2020-06-04-board-5.minutes.toml"),
        "[meeting]\nid = \"board-5\"\n[[items]\n",
    )
    .unwrap();
    let agenda = "2021-03-04-board-7.toml";
    let (code, _, err) = run(dir.path(), &["open", agenda]);
    assert_eq!(code, 1, "{err}");
    for at in [
        "2020-11-05-board-6.minutes.toml:3:8: error",
        "2020-06-04-board-5.minutes.toml:3:",
    ] {
        assert!(err.contains(at), "{at} in\n{err}");
    }
    assert!(err.contains("--skip-invalid"), "{err}");
    // With the flag the files are named, left out, and the opening goes on (here, with no
    // terminal, into the line mode, which says so too).
    let (code, out, err) = run(dir.path(), &["open", agenda, "--skip-invalid"]);
    assert!(
        err.contains("warning: left out 2 file(s) that could not be loaded"),
        "{err}"
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Type help for the commands."), "{out}");
    assert!(out.contains("left out 2 minutes file(s)"), "{out}");
}

//! Commands that write files (`-o`) and change records (`approve`), as a user of another
//! body (a river basin board, no member states) runs them: nothing is written over a file
//! without `--force`, never over the input or a record of another kind; an approval is not
//! silently replaced; `next` refuses a date before the meeting it follows.

use std::path::Path;

use assert_cmd::Command;

const BOARD: &str = "tests/fixtures/waterboard";
const MINUTES: &str = "2021-03-04-board-7.minutes.toml";

fn board() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(BOARD).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("rapporteur")
        .unwrap()
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

/// A later meeting's agenda, so approvals and ids have somewhere to point.
fn agenda(dir: &Path, id: &str, date: &str) {
    std::fs::write(
        dir.join(format!("{date}-{id}.toml")),
        format!(
            "[meeting]\nid = \"{id}\"\ntitle = \"Board\"\nbody = \"Basin Board\"\n\
             date = {date}\nplan = \"plan.toml\"\n\n[[items]]\nid = \"1\"\ntitle = \"Opening\"\n"
        ),
    )
    .unwrap();
}

#[test]
fn export_never_writes_over_the_minutes_it_reads_even_with_force() {
    let dir = board();
    let d = dir.path();
    let before = read(d, MINUTES);
    for force in [false, true] {
        let mut args = vec![
            "export",
            MINUTES,
            "--format",
            "toml",
            "--audience",
            "public",
            "-o",
            MINUTES,
        ];
        if force {
            args.push("--force");
        }
        let (code, _, err) = run(d, &args);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains(&format!(
                "error: not written: '{MINUTES}' is the file being read: it is never written over, even with --force"
            )),
            "{err}"
        );
        assert_eq!(
            read(d, MINUTES),
            before,
            "the record keeps its confidential decisions"
        );
    }
}

#[test]
fn export_writes_over_a_plan_or_agenda_never_and_other_files_only_with_force() {
    let dir = board();
    let d = dir.path();
    for (target, kind) in [
        ("plan.toml", "a plan"),
        ("2021-03-04-board-7.toml", "an agenda"),
    ] {
        let before = read(d, target);
        let (code, _, err) = run(d, &["export", MINUTES, "-o", target, "--force"]);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains(&format!(
                "'{target}' holds {kind}: this output is never written over it"
            )),
            "{err}"
        );
        assert_eq!(read(d, target), before);
    }
    std::fs::write(d.join("board-7.md"), "kept").unwrap();
    let (code, _, err) = run(d, &["export", MINUTES, "-o", "board-7.md"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("'board-7.md' exists: pass --force to write over it"),
        "{err}"
    );
    assert_eq!(read(d, "board-7.md"), "kept");
    let (code, _, err) = run(d, &["export", MINUTES, "-o", "board-7.md", "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(read(d, "board-7.md").contains("Seventh meeting of the Basin Board"));
}

#[test]
fn next_never_replaces_the_plan_and_replaces_an_agenda_only_with_force() {
    let dir = board();
    let d = dir.path();
    let plan = read(d, "plan.toml");
    let (code, _, err) = run(
        d,
        &[
            "next",
            MINUTES,
            "--date",
            "2021-06-10",
            "-o",
            "plan.toml",
            "--force",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("'plan.toml' is the file being read"),
        "the plan is read by next: {err}"
    );
    assert_eq!(read(d, "plan.toml"), plan);
    let (code, _, err) = run(
        d,
        &[
            "next",
            MINUTES,
            "--date",
            "2021-06-10",
            "-o",
            "board-8.toml",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let drafted = read(d, "board-8.toml");
    std::fs::write(d.join("board-8.toml"), format!("# edited\n{drafted}")).unwrap();
    let (code, _, err) = run(
        d,
        &[
            "next",
            MINUTES,
            "--date",
            "2021-06-10",
            "-o",
            "board-8.toml",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("pass --force"), "{err}");
    assert!(read(d, "board-8.toml").starts_with("# edited\n"));
    // The agenda drafted is an agenda: --force may redraft it, never over minutes.
    let (code, _, err) = run(
        d,
        &[
            "next",
            MINUTES,
            "--date",
            "2021-06-10",
            "-o",
            "board-8.toml",
            "--force",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        read(d, "board-8.toml"),
        drafted,
        "the agenda redrafted gives its own id up"
    );
    std::fs::copy(d.join(MINUTES), d.join("other.minutes.toml")).unwrap();
    let (code, _, err) = run(
        d,
        &[
            "next",
            MINUTES,
            "--date",
            "2021-06-10",
            "-o",
            "other.minutes.toml",
            "--force",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("holds minutes: an agenda is never written over it"),
        "{err}"
    );
}

#[test]
fn next_never_replaces_the_agenda_of_the_minutes_it_reads_nor_any_agenda_with_minutes() {
    let dir = board();
    let d = dir.path();
    let own = "2021-03-04-board-7.toml";
    let before = read(d, own);
    let (code, _, err) = run(
        d,
        &[
            "next",
            MINUTES,
            "--date",
            "2021-06-10",
            "-o",
            own,
            "--force",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("'2021-03-04-board-7.toml' is the file being read"),
        "{err}"
    );
    assert_eq!(read(d, own), before);
    // Another meeting's agenda with its minutes beside it: a record, never replaced.
    agenda(d, "board-6", "2021-01-14");
    std::fs::copy(d.join(MINUTES), d.join("2021-01-14-board-6.minutes.toml")).unwrap();
    let earlier = read(d, "2021-01-14-board-6.toml");
    let (code, _, err) = run(
        d,
        &[
            "next",
            MINUTES,
            "--date",
            "2021-06-10",
            "-o",
            "2021-01-14-board-6.toml",
            "--force",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("is the agenda of the minutes beside it"),
        "{err}"
    );
    assert_eq!(read(d, "2021-01-14-board-6.toml"), earlier);
}

#[cfg(unix)]
#[test]
fn approve_refuses_a_symlinked_minutes_file_and_names_the_real_one() {
    let dir = board();
    let d = dir.path();
    let elsewhere = d.join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(d.join(MINUTES), elsewhere.join("m.minutes.toml")).unwrap();
    agenda(&elsewhere, "board-8", "2021-06-10");
    let before = read(d, MINUTES);
    let (code, _, err) = run(
        d,
        &["approve", "elsewhere/m.minutes.toml", "--at", "board-8"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "'elsewhere/m.minutes.toml' is a symbolic link; approve the real minutes file"
        ),
        "{err}"
    );
    assert!(err.contains(MINUTES), "the real file is named: {err}");
    // Neither the link nor the real minutes changed.
    let link = std::fs::symlink_metadata(elsewhere.join("m.minutes.toml")).unwrap();
    assert!(link.file_type().is_symlink());
    assert_eq!(read(d, MINUTES), before);
}

#[test]
fn ics_and_digest_write_over_existing_files_only_with_force() {
    let dir = board();
    let d = dir.path();
    std::fs::write(d.join("board.ics"), "kept").unwrap();
    let (code, _, err) = run(d, &["ics", ".", "-o", "board.ics", "--as-of", "2021-01-01"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(read(d, "board.ics"), "kept");
    let (code, _, err) = run(
        d,
        &[
            "ics",
            ".",
            "-o",
            "board.ics",
            "--as-of",
            "2021-01-01",
            "--force",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(read(d, "board.ics").starts_with("BEGIN:VCALENDAR"));
    let (code, _, err) = run(d, &["ics", ".", "-o", MINUTES, "--force"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("holds minutes"), "{err}");

    let (code, _, err) = run(d, &["digest", ".", "--all", "-o", "digests"]);
    assert_eq!(code, 0, "{err}");
    let first = std::fs::read_dir(d.join("digests")).unwrap().count();
    assert!(first > 0);
    // Re-running the weekly digest into its folder replaces its own earlier digests.
    for format in ["md", "eml"] {
        let (code, _, err) = run(
            d,
            &["digest", ".", "--all", "--format", format, "-o", "digests"],
        );
        assert_eq!(code, 0, "{err}");
        let (code, _, err) = run(
            d,
            &["digest", ".", "--all", "--format", format, "-o", "digests"],
        );
        assert_eq!(code, 0, "a digest replaces last week's: {err}");
    }
    // Any other file of a digest's name is left alone unless forced.
    let mut names: Vec<_> = std::fs::read_dir(d.join("digests"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    let name = &names[0];
    std::fs::write(d.join("digests").join(name), "# My notes\n").unwrap();
    let (code, _, err) = run(d, &["digest", ".", "--all", "-o", "digests"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("exists: pass --force to write over it"),
        "{err}"
    );
    assert_eq!(read(&d.join("digests"), name), "# My notes\n");
    let (code, _, err) = run(d, &["digest", ".", "--all", "-o", "digests", "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(read(&d.join("digests"), name).contains("# Actions for "));
}

#[test]
fn approve_refuses_to_replace_an_approval_unless_reapprove() {
    let dir = board();
    let d = dir.path();
    agenda(d, "board-8", "2021-06-10");
    agenda(d, "board-9", "2021-09-09");
    let (code, _, err) = run(d, &["approve", MINUTES, "--at", "board-8"]);
    assert_eq!(code, 0, "{err}");
    let approved = read(d, MINUTES);
    assert!(approved.contains("approved_at = \"board-8\""), "{approved}");
    let (code, _, err) = run(d, &["approve", MINUTES, "--at", "board-9"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "cannot approve: these minutes were already approved at board-8 (which met on \
             2021-06-10); pass --reapprove to record board-9 as the approving meeting instead"
        ),
        "{err}"
    );
    assert_eq!(read(d, MINUTES), approved);
    let (code, out, err) = run(d, &["approve", MINUTES, "--at", "board-8"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("already approved at board-8"), "{out}");
    assert_eq!(read(d, MINUTES), approved);
    let (code, _, err) = run(d, &["approve", MINUTES, "--at", "board-9", "--reapprove"]);
    assert_eq!(code, 0, "{err}");
    assert!(read(d, MINUTES).contains("approved_at = \"board-9\""));
}

#[test]
fn next_refuses_a_date_before_the_meeting_it_follows_and_takes_the_same_day() {
    let dir = board();
    let d = dir.path();
    let (code, out, err) = run(d, &["next", MINUTES, "--date", "2021-03-03"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains(
            "error: --date 2021-03-03 is before the meeting these minutes record (board-7, 2021-03-04)"
        ),
        "{err}"
    );
    let (code, out, err) = run(d, &["next", MINUTES, "--date", "2021-03-04"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("date = 2021-03-04"), "{out}");
}

#[test]
fn export_docx_follows_the_same_rules() {
    let dir = board();
    let d = dir.path();
    let before = read(d, MINUTES);
    let (code, _, err) = run(
        d,
        &[
            "export", MINUTES, "--format", "docx", "-o", MINUTES, "--force",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is the file being read"), "{err}");
    assert_eq!(read(d, MINUTES), before);
    let plan = read(d, "plan.toml");
    let (code, _, err) = run(
        d,
        &[
            "export",
            MINUTES,
            "--format",
            "docx",
            "-o",
            "plan.toml",
            "--force",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("'plan.toml' holds a plan"), "{err}");
    assert_eq!(read(d, "plan.toml"), plan);
    std::fs::write(d.join("board-7.docx"), "kept").unwrap();
    let (code, _, err) = run(
        d,
        &["export", MINUTES, "--format", "docx", "-o", "board-7.docx"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("'board-7.docx' exists: pass --force"), "{err}");
    assert_eq!(read(d, "board-7.docx"), "kept");
    let (code, _, err) = run(
        d,
        &[
            "export",
            MINUTES,
            "--format",
            "docx",
            "-o",
            "board-7.docx",
            "--force",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read(d.join("board-7.docx"))
            .unwrap()
            .starts_with(b"PK")
    );
}

const HEALTH: &str = "tests/fixtures/bodies/health";
const HEALTH_MINUTES: &str = "2025-09-15-rhc-8.minutes.toml";

/// The health council's folder (no member states), copied.
fn health() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(HEALTH).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    dir
}

/// `-o` naming a folder where a file is written, or a file where a folder is, says so in
/// those words (not "Device or resource busy" or "File exists").
#[test]
fn an_output_of_the_wrong_kind_says_folder_or_file() {
    let dir = health();
    let d = dir.path();
    std::fs::create_dir(d.join("out")).unwrap();
    for target in [".", "out"] {
        for force in [false, true] {
            let mut args = vec!["ics", ".", "-o", target, "--as-of", "2025-09-01"];
            if force {
                args.push("--force");
            }
            let (code, _, err) = run(d, &args);
            assert_eq!(code, 2, "{args:?}: {err}");
            assert!(
                err.contains(&format!("'{target}' is a folder; give a file name")),
                "{args:?}: {err}"
            );
            assert!(!err.contains("busy"), "{err}");
        }
    }
    let before = read(d, HEALTH_MINUTES);
    let (code, _, err) = run(d, &["digest", ".", "--all", "-o", HEALTH_MINUTES]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!("'{HEALTH_MINUTES}' is not a folder")),
        "{err}"
    );
    assert!(!err.contains("File exists"), "{err}");
    assert_eq!(read(d, HEALTH_MINUTES), before);
}

/// A hard link to the minutes is the file being read (same inode), not some other file
/// that "holds minutes".
#[cfg(unix)]
#[test]
fn export_over_a_hard_link_to_its_input_says_it_is_the_file_being_read() {
    let dir = health();
    let d = dir.path();
    std::fs::hard_link(d.join(HEALTH_MINUTES), d.join("hard.md")).unwrap();
    let before = read(d, HEALTH_MINUTES);
    for force in [false, true] {
        let mut args = vec!["export", HEALTH_MINUTES, "-o", "hard.md"];
        if force {
            args.push("--force");
        }
        let (code, _, err) = run(d, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("'hard.md' is the file being read"), "{err}");
        assert!(!err.contains("holds minutes"), "{err}");
    }
    assert_eq!(read(d, HEALTH_MINUTES), before);
}

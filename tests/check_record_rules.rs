//! `check` refuses times and dates the record cannot hold: a meeting closed before it
//! opened, an item left before (or without) being taken up, a silence ending before the
//! meeting, an outcome without the meeting that recorded it, and a confirmation recorded
//! by a meeting held before the silence ended (as `approve` refuses it). Each is an error
//! at `file:line:col` that says what would be valid; the report's folder and another
//! body's plan are both used. Also: attendance of an unknown delegation, and two agendas
//! of one folder with the same meeting id.

use std::path::Path;

use assert_cmd::Command;

const MINUTES: &str = "2025-06-03-imc-4.minutes.toml";

fn copy(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Copies the report folder, replaces `from` by `to` in its minutes (exactly once), runs
/// check on the folder: (exit code, stderr).
fn check_edited(edits: &[(&str, &str)], extra: &[(&str, &str)]) -> (i32, String) {
    check_edited_in("tests/fixtures/report", MINUTES, edits, extra)
}

fn check_edited_in(
    folder: &str,
    minutes: &str,
    edits: &[(&str, &str)],
    extra: &[(&str, &str)],
) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    copy(Path::new(folder), dir.path());
    let path = dir.path().join(minutes);
    let mut text = std::fs::read_to_string(&path).unwrap();
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "{from} once in the fixture");
        text = text.replace(from, to);
    }
    std::fs::write(&path, text).unwrap();
    for (name, body) in extra {
        std::fs::write(dir.path().join(name), body).unwrap();
    }
    let out = Command::cargo_bin("rapporteur")
        .unwrap()
        .env("NO_COLOR", "1")
        .arg("check")
        .arg(dir.path())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn refused(edits: &[(&str, &str)], extra: &[(&str, &str)], at: &str, words: &str) {
    let (code, err) = check_edited(edits, extra);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("{MINUTES}:{at}: error: ")),
        "{at} in\n{err}"
    );
    assert!(err.contains(words), "{words} in\n{err}");
}

#[test]
fn another_body_s_item_left_without_being_taken_up_is_refused() {
    let senate = |edits: &[(&str, &str)]| {
        check_edited_in("tests/fixtures/senate", "m1.minutes.toml", edits, &[])
    };
    let (code, err) = senate(&[]);
    assert_eq!(code, 0, "{err}");
    let (code, err) = senate(&[("id = \"2\"\n", "id = \"2\"\nleft = 10:00:00\n")]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("m1.minutes.toml:31:8: error: left needs the time the item was taken up"),
        "{err}"
    );
}

#[test]
fn the_unedited_folder_checks_clean() {
    let (code, err) = check_edited(&[], &[]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_meeting_closed_before_it_opened_is_refused() {
    refused(
        &[("state = \"draft\"", "state = \"draft\"\nclosed = 09:00:00")],
        &[],
        "18:10",
        "closed 09:00:00 is before the meeting opened (14:00:00): use a time at or after 14:00:00",
    );
}

#[test]
fn an_item_left_before_or_without_being_taken_up_is_refused() {
    refused(
        &[(
            "taken_up = 14:20:00\nleft = 15:10:00",
            "taken_up = 14:20:00\nleft = 13:00:00",
        )],
        &[],
        "63:8",
        "left 13:00:00 is before taken_up 14:20:00: use a time at or after 14:20:00",
    );
    refused(
        &[("taken_up = 14:20:00\n", "")],
        &[],
        "62:8",
        "left needs the time the item was taken up: add taken_up",
    );
}

#[test]
fn a_silence_ending_before_the_meeting_is_refused() {
    refused(
        &[("silence_until = 2025-06-20", "silence_until = 1900-01-01")],
        &[],
        "106:17",
        "silence_until 1900-01-01 is before the meeting (2025-06-03)",
    );
}

fn later_meeting(id: &str, date: &str) -> String {
    let agenda = std::fs::read_to_string("tests/fixtures/report/2025-06-03-imc-4.toml").unwrap();
    agenda
        .replacen("id = \"imc-4\"", &format!("id = \"{id}\""), 1)
        .replacen("date = 2025-06-03", &format!("date = {date}"), 1)
}

#[test]
fn an_outcome_needs_its_meeting_and_a_confirmation_waits_for_the_silence_to_end() {
    refused(
        &[(
            "silence_until = 2025-06-20",
            "silence_until = 2025-06-20\noutcome = \"confirmed\"",
        )],
        &[],
        "107:11",
        "add outcome_at = \"<meeting id>\"",
    );
    let before = later_meeting("imc-5", "2025-06-10");
    refused(
        &[(
            "silence_until = 2025-06-20",
            "silence_until = 2025-06-20\noutcome = \"confirmed\"\noutcome_at = \"imc-5\"",
        )],
        &[("2025-06-10-imc-5.toml", &before)],
        "108:14",
        "outcome_at 'imc-5': it met on 2025-06-10, but the silence runs until 2025-06-20",
    );
    // An objection may come during the silence; a confirmation after it is valid.
    for (outcome, date) in [("objected", "2025-06-10"), ("confirmed", "2025-07-10")] {
        let later = later_meeting("imc-5", date);
        let (code, err) = check_edited(
            &[(
                "silence_until = 2025-06-20",
                &format!(
                    "silence_until = 2025-06-20\noutcome = \"{outcome}\"\noutcome_at = \"imc-5\""
                ),
            )],
            &[(&format!("{date}-imc-5.toml"), &later)],
        );
        assert_eq!(code, 0, "{outcome} at {date}: {err}");
    }
}

#[test]
fn attendance_of_an_unknown_delegation_is_refused_and_free_text_is_flagged() {
    refused(
        &[("represents = \"undp\"", "represents = \"nosuch\"")],
        &[],
        "44:14",
        "unknown partner 'nosuch': not in the plan's roster",
    );
    // A person outside the roster, in words: allowed, with a warning.
    let (code, err) = check_edited(
        &[(
            "represents = \"undp\"",
            "represents = \"Ms J. Doe, consultant\"",
        )],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("free-text participant 'Ms J. Doe, consultant' is not a roster id"),
        "{err}"
    );
}

#[test]
fn two_agendas_with_one_meeting_id_are_refused_naming_the_first() {
    let twin = later_meeting("imc-4", "2025-06-10");
    let (code, err) = check_edited(&[], &[("2025-06-10-imc-4.toml", &twin)]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "2025-06-10-imc-4.toml:2:6: error: meeting id 'imc-4' is already the meeting of \
             '2025-06-03-imc-4.toml'"
        ),
        "{err}"
    );
    assert!(!err.contains("2025-06-03-imc-4.toml:2:6"), "{err}");
}

/// `check` warns (and still passes) on a language the report does not write or that is
/// no language tag, `quorum = 0`, a statement with no words and a statement by a
/// delegation that sent apologies or was absent, each at its value with a caret. On the
/// health council (no member states).
#[test]
fn unlikely_values_are_warnings_at_their_place() {
    const HEALTH_MINUTES: &str = "2025-09-15-rhc-8.minutes.toml";
    let (code, err) = check_edited_in(
        "tests/fixtures/bodies/health",
        HEALTH_MINUTES,
        &[
            ("quorum = 4\n", "quorum = 0\nlanguage = \"French\"\n"),
            (
                "by = \"moh-south\"\nkind = \"reservation\"\ntext = \"Southern Province prefers a phased approach.\"",
                "by = \"moh-coast\"\nkind = \"reservation\"\ntext = \" \"",
            ),
        ],
        &[],
    );
    assert_eq!(code, 0, "warnings only:\n{err}");
    let text =
        std::fs::read_to_string(Path::new("tests/fixtures/bodies/health").join(HEALTH_MINUTES))
            .unwrap();
    let line_of = |start: &str| text.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    let quorum = line_of("quorum = 4");
    let by = line_of("by = \"moh-south\"");
    let who = line_of("by = \"who-co\"");
    for (at, words) in [
        (
            format!("{}:10", quorum),
            "quorum = 0 means no delegation need be present",
        ),
        (
            format!("{}:12", quorum + 1),
            "language 'French' is not a language tag (BCP 47, such as 'en' or 'en-GB')",
        ),
        (
            format!("{}:6", by + 1),
            "statement on '5.1-3' by 'moh-coast', which sent apologies according to the attendance",
        ),
        (format!("{}:8", by + 3), "empty statement on '5.1-3'"),
        (
            format!("{}:6", who + 1),
            "statement on '5.1-3' by 'who-co', which was absent according to the attendance",
        ),
    ] {
        assert!(
            err.contains(&format!("{HEALTH_MINUTES}:{at}: warning: {words}")),
            "{at} {words} in\n{err}"
        );
    }
    assert!(err.contains('^'), "a caret under each value:\n{err}");
    // A tag of a language the report does not write is a warning of its own kind; English
    // in any region is none.
    let (code, err) = check_edited_in(
        "tests/fixtures/bodies/health",
        HEALTH_MINUTES,
        &[("quorum = 4\n", "quorum = 4\nlanguage = \"fr\"\n")],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("language 'fr' is not one the report writes"),
        "{err}"
    );
    let (_, err) = check_edited_in(
        "tests/fixtures/bodies/health",
        HEALTH_MINUTES,
        &[("quorum = 4\n", "quorum = 4\nlanguage = \"en-GB\"\n")],
        &[],
    );
    assert!(!err.contains("language"), "{err}");
}

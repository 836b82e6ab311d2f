//! `rapporteur check` on fixture folders: one test per class of mistake, asserting the exit
//! status, the `file:line:col` and the words of the message; and the sample data checks clean.

use assert_cmd::Command;

fn rapporteur() -> Command {
    let mut cmd = Command::cargo_bin("rapporteur").unwrap();
    cmd.env_remove("RUST_BACKTRACE").env("NO_COLOR", "1");
    cmd
}

/// Runs check on a fixture path and returns (exit code, stdout, stderr).
fn check(path: &str) -> (i32, String, String) {
    let out = rapporteur().args(["check", path]).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Asserts an invalid fixture: exit 1, the position, and every expected word.
fn invalid(case: &str, position: &str, words: &[&str]) {
    let (code, _, err) = check(&format!("tests/fixtures/invalid/{case}"));
    assert_eq!(code, 1, "{case}: exit status\n{err}");
    assert!(
        err.contains(position),
        "{case}: expected {position} in\n{err}"
    );
    for w in words {
        assert!(err.contains(w), "{case}: expected {w:?} in\n{err}");
    }
    assert!(!err.contains("panicked"), "{case}: {err}");
    assert!(!err.contains("RUST_BACKTRACE"), "{case}: {err}");
}

#[test]
fn the_sample_meetings_check_clean() {
    let (code, out, err) = check("meetings");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("valid"), "{out}");
}

#[test]
fn a_plan_with_seven_areas_and_its_agenda_check_clean() {
    let (code, out, err) = check("tests/fixtures/valid/seven");
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("2 file(s) valid"), "{out}");
}

#[test]
fn the_built_in_themes_check_clean() {
    let (code, _, err) = check("themes");
    assert_eq!(code, 0, "{err}");
}

#[test]
fn toml_syntax_error() {
    invalid(
        "syntax",
        "plan.toml:3:22:",
        &["TOML syntax", "expected `\"`"],
    );
}

#[test]
fn wrong_type() {
    invalid(
        "wrong_type",
        "plan.toml:36:10:",
        &["'number' in [[areas]]", "whole number", "found a string"],
    );
}

#[test]
fn impossible_date() {
    invalid(
        "impossible_date",
        "plan.toml:31:7:",
        &["invalid date", "day between 01 and 28"],
    );
}

#[test]
fn quoted_date_says_to_drop_the_quotes() {
    invalid(
        "quoted_date",
        "plan.toml:31:7:",
        &["must be a date", "without quotes"],
    );
}

#[test]
fn missing_field_names_the_field_and_the_table() {
    invalid(
        "missing_field",
        "plan.toml:39:1:",
        &["missing field 'title'", "[[areas.actions]]"],
    );
}

#[test]
fn unknown_field_names_the_closest_known_field() {
    invalid(
        "unknown_field",
        "plan.toml:29:1:",
        &["unknown field 'titel'", "did you mean 'title'?"],
    );
}

#[test]
fn duplicate_action_id_points_at_the_second_and_names_the_first() {
    invalid(
        "duplicate_action",
        "plan.toml:40:6:",
        &["duplicate action id 'PA-1'", "first defined on line 28"],
    );
}

#[test]
fn duplicate_partner_id() {
    invalid(
        "duplicate_partner",
        "plan.toml:12:6:",
        &["duplicate partner id 'ctu'", "line 6"],
    );
}

#[test]
fn duplicate_area_id() {
    invalid(
        "duplicate_area",
        "plan.toml:35:6:",
        &["duplicate area id 'awareness'", "line 23"],
    );
}

#[test]
fn duplicate_area_number() {
    invalid(
        "duplicate_number",
        "plan.toml:36:10:",
        &["duplicate area number '1'", "line 24"],
    );
}

#[test]
fn duplicate_agenda_item() {
    invalid(
        "agenda_duplicate_item",
        "m1.toml:13:6:",
        &["duplicate agenda item id '1'", "line 8"],
    );
}

#[test]
fn duplicate_decision_in_minutes() {
    invalid(
        "minutes_duplicate_decision",
        "m1.minutes.toml:20:6:",
        &["duplicate decision id '1-1'", "line 15"],
    );
}

#[test]
fn bad_status_lists_the_valid_ones() {
    invalid(
        "bad_status",
        "plan.toml:43:10:",
        &[
            "status 'closed' is not valid",
            "open, in-progress, blocked, done, dropped",
        ],
    );
}

#[test]
fn bad_status_in_minutes() {
    invalid(
        "minutes_bad_status",
        "m1.minutes.toml:18:10:",
        &["status 'finished'", "open, in-progress"],
    );
}

#[test]
fn unknown_owner_in_plan_names_the_closest_id() {
    invalid(
        "unknown_owner",
        "plan.toml:42:11:",
        &["unknown partner 'impact'", "did you mean 'impacs'?"],
    );
}

#[test]
fn unknown_partner_in_plan_lists_the_roster() {
    invalid(
        "unknown_partner",
        "plan.toml:30:20:",
        &["unknown partner 'oas'", "'ctu', 'impacs', 'tt'"],
    );
}

#[test]
fn unknown_area_in_agenda() {
    invalid(
        "agenda_unknown_area",
        "m1.toml:10:8:",
        &["unknown area 'awarenes'", "did you mean 'awareness'?"],
    );
}

#[test]
fn unknown_presenter_in_agenda() {
    invalid(
        "agenda_unknown_presenter",
        "m1.toml:11:13:",
        &["unknown partner 'ctv'", "'ctu'"],
    );
}

#[test]
fn missing_plan_path_in_agenda() {
    invalid(
        "agenda_missing_plan",
        "m1.toml:5:8:",
        &["plan file 'plans.toml' not found", "'plan.toml'"],
    );
}

#[test]
fn unknown_plan_action_in_minutes() {
    invalid(
        "minutes_unknown_action",
        "m1.minutes.toml:18:10:",
        &["unknown action 'PA-9'", "'PA-1'"],
    );
}

#[test]
fn unknown_earlier_decision_in_minutes() {
    invalid(
        "minutes_unknown_earlier_decision",
        "m1.minutes.toml:20:10:",
        &["unknown action 'm0/1-1'", "<meeting>/<decision>"],
    );
}

#[test]
fn a_file_that_is_not_utf8() {
    invalid("not_utf8", "plan.toml:3:13:", &["not UTF-8"]);
}

#[test]
fn an_empty_file() {
    invalid(
        "empty",
        "empty.toml:1:1:",
        &["the file is empty", "[plan]", "[meeting]"],
    );
}

#[test]
fn a_file_of_no_known_kind() {
    invalid(
        "unknown_kind",
        "other.toml:1:1:",
        &["not a rapporteur file"],
    );
}

#[test]
fn theme_with_an_unknown_colour() {
    invalid(
        "theme_bad_colour",
        "bad.toml:5:17:",
        &["unknown colour 'whiet'", "#rrggbb"],
    );
}

#[test]
fn theme_with_an_unknown_style() {
    invalid(
        "theme_unknown_style",
        "bad.toml:5:1:",
        &["unknown style 'headr'", "'header'"],
    );
}

#[test]
fn escape_sequences_never_reach_the_terminal_raw() {
    for case in ["escape_in_syntax_error", "escape_in_value"] {
        let out = rapporteur()
            .args(["check", &format!("tests/fixtures/invalid/{case}")])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        for stream in [&out.stdout, &out.stderr] {
            assert!(!stream.contains(&0x1b), "{case}: raw ESC in output");
            assert!(!stream.contains(&0x07), "{case}: raw BEL in output");
        }
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("\\u{1b}"),
            "{case}: the escape is shown visibly\n{err}"
        );
    }
}

#[test]
fn all_errors_of_a_file_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    std::fs::write(
        &path,
        "[plan]\nid = \"p\"\ntitle = \"P\"\ncolour = 1\n\n[[areas]]\nid = \"a\"\nnumber = \"x\"\ntitle = \"A\"\n\n[[areas.actions]]\nid = \"X-1\"\ntitle = \"t\"\nstatus = \"nope\"\nowners = [\"ghost\"]\n",
    )
    .unwrap();
    let out = rapporteur().arg("check").arg(&path).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    for want in [":4:1:", ":8:10:", ":14:10:", ":15:11:"] {
        assert!(err.contains(want), "{want} missing in\n{err}");
    }
}

#[test]
fn a_path_that_does_not_exist_is_an_io_error() {
    let (code, _, err) = check("tests/fixtures/no-such-thing");
    assert_eq!(code, 2);
    assert!(err.contains("no such file or folder"), "{err}");
}

#[test]
fn free_text_owners_in_minutes_are_warnings_not_errors() {
    let (code, out, err) = check("meetings/ccscap/2016-03-15-csm-ii.minutes.toml");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: free-text owner 'the Chair'"),
        "{err}"
    );
    assert!(out.contains("1 warning"), "{out}");
}

#[test]
fn theme_with_an_unknown_modifier() {
    invalid(
        "theme_bad_modifier",
        "bad.toml:5:39:",
        &["unknown modifier 'blink'", "'bold'"],
    );
}

#[test]
fn theme_style_that_is_not_a_table() {
    invalid(
        "theme_style_not_table",
        "bad.toml:5:10:",
        &["style 'header' must be a table"],
    );
}

#[test]
fn theme_without_its_header() {
    invalid(
        "theme_missing_header",
        "bad.toml:1:1:",
        &["missing table [theme]"],
    );
}

//! QA2 findings on documents and commands, on the Regional Health Council (a body whose
//! roster has ministries, agencies, NGOs and an observer, and no member states):
//! tests/fixtures/bodies/health.

use std::path::Path;
use std::process::Command;

fn rapporteur() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rapporteur"));
    c.env_remove("RUST_BACKTRACE").env("NO_COLOR", "1");
    c
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = rapporteur().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A copy of the health folder.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir("tests/fixtures/bodies/health").unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    dir
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let p = dir.join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{file}: {from}");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

const AGENDA7: &str = "2025-05-12-rhc-7.toml";

#[test]
fn the_health_folder_checks_clean() {
    let dir = folder();
    let (code, _, err) = run(dir.path(), &["check", "."]);
    assert_eq!(code, 0, "{err}");
}

/// QA2 #5: a misspelt attendee role is an error at its place, with the valid roles.
#[test]
fn check_refuses_an_unknown_attendee_role() {
    let dir = folder();
    edit(
        dir.path(),
        AGENDA7,
        "role = \"observer\"",
        "role = \"observor\"",
    );
    let (code, _, err) = run(dir.path(), &["check", AGENDA7]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("{AGENDA7}:28:8: error: role 'observor'")),
        "{err}"
    );
    assert!(err.contains("did you mean 'observer'?"), "{err}");
    assert!(
        err.contains("'head of delegation', 'delegate', 'adviser', 'observer'"),
        "{err}"
    );
}

/// QA2 #5: a quorum kind no roster entry has (the quorum could never be reached).
#[test]
fn check_refuses_a_quorum_kind_the_roster_does_not_have() {
    let dir = folder();
    edit(
        dir.path(),
        AGENDA7,
        "quorum_kinds = [\"ministry\", \"agency\"]",
        "quorum_kinds = [\"ministries\", \"agency\"]",
    );
    let (code, _, err) = run(dir.path(), &["check", AGENDA7]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("{AGENDA7}:11:17: error: quorum kind 'ministries'")),
        "{err}"
    );
    assert!(err.contains("did you mean 'ministry'?"), "{err}");
    assert!(
        err.contains("(the roster's kinds: 'ministry', 'agency', 'ngo', 'observer')"),
        "{err}"
    );
    assert!(!err.contains("'agency' is not"), "{err}");
}

/// QA2 #3: "the Chair" (rhc-7) and "the chair" (rhc-8) are one free-text owner: one
/// digest holds both actions, under the first spelling, and `--all` writes one file.
#[test]
fn free_text_owners_differing_in_case_are_one_digest() {
    let dir = folder();
    let (code, out, err) = run(
        dir.path(),
        &["digest", ".", "--owner", "chair", "--as-of", "2025-09-20"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("owner: 'the Chair' (free text, also written 'the chair')"),
        "{err}"
    );
    assert!(out.contains("# Actions for the Chair"), "{out}");
    assert!(
        out.contains("rhc-8/5.1-1"),
        "the action decided at rhc-8: {out}"
    );
    assert!(out.contains("rhc-7/3-1"), "the action of rhc-7: {out}");
    assert!(
        !out.contains("Nothing was recorded for you at this meeting"),
        "{out}"
    );
    // The same digest whichever spelling is typed.
    let (_, other, _) = run(
        dir.path(),
        &[
            "digest",
            ".",
            "--owner",
            "the chair",
            "--as-of",
            "2025-09-20",
        ],
    );
    assert_eq!(other, out);
    let (code, _, err) = run(
        dir.path(),
        &["digest", ".", "--all", "-o", "dig", "--as-of", "2025-09-20"],
    );
    assert_eq!(code, 0, "{err}");
    let chair = std::fs::read_to_string(dir.path().join("dig/the-chair.md")).unwrap();
    assert!(
        chair.contains("rhc-8/5.1-1") && chair.contains("rhc-7/3-1"),
        "{chair}"
    );
    assert!(!dir.path().join("dig/the-chair-2.md").exists());
}

/// The folder as it was before rhc-8: the plan and rhc-7.
fn before_rhc8() -> tempfile::TempDir {
    let dir = folder();
    for f in ["2025-09-15-rhc-8.toml", "2025-09-15-rhc-8.minutes.toml"] {
        std::fs::remove_file(dir.path().join(f)).unwrap();
    }
    dir
}

const MINUTES7: &str = "2025-05-12-rhc-7.minutes.toml";

/// Drafts rhc-8 from rhc-7; returns its agenda text.
fn draft_next(dir: &Path) -> String {
    let (code, _, err) = run(
        dir,
        &["next", MINUTES7, "--date", "2025-09-15", "-o", "next.toml"],
    );
    assert_eq!(code, 0, "{err}");
    std::fs::read_to_string(dir.join("next.toml")).unwrap()
}

/// QA2 #6: an action agreed in confidence (6-1, under the confidential item 6) is grouped
/// into a confidential matters-arising item of its own; the public edition of the next
/// meeting holds no id of a confidential action.
#[test]
fn next_groups_confidential_actions_apart_and_the_public_edition_names_none() {
    use rapporteur::minutes::Audience;
    use rapporteur::minutes::markdown::{Context, render_with};
    let dir = before_rhc8();
    let text = draft_next(dir.path());
    let agenda: toml::Table = text.parse().unwrap();
    let items = agenda["items"].as_array().unwrap();
    let holding: Vec<&toml::Value> = items
        .iter()
        .filter(|i| i["title"].as_str().unwrap().contains("rhc-7/6-1"))
        .collect();
    assert_eq!(holding.len(), 1, "{text}");
    assert_eq!(
        holding[0].get("confidential"),
        Some(&toml::Value::Boolean(true)),
        "{text}"
    );
    assert!(
        holding[0]["title"]
            .as_str()
            .unwrap()
            .starts_with("Matters arising, actions agreed in confidence: 1 action: "),
        "{text}"
    );
    assert!(!text.contains("1 actions"), "{text}");
    let opened = rapporteur::load::workspace::open_agenda(&dir.path().join("next.toml")).unwrap();
    let m = rapporteur::model::Minutes::from_agenda(&opened.agenda, "next.toml");
    let ctx = Context {
        plan: Some(&opened.plan),
        others: &opened.others,
        dates: rapporteur::model::dates::DateStyle::default(),
    };
    let full = render_with(&m, &ctx, Audience::All);
    assert!(full.contains("rhc-7/6-1"), "{full}");
    let public = render_with(&m, &ctx, Audience::Public);
    assert!(!public.contains("6-1"), "{public}");
}

fn export(dir: &Path, audience: &str) -> String {
    let (code, out, err) = run(dir, &["export", MINUTES7, "--audience", audience]);
    assert_eq!(code, 0, "{err}");
    out
}

/// The number of the numbered paragraph that starts with `start`.
fn paragraph_number(md: &str, start: &str) -> u32 {
    md.lines()
        .find_map(|l| {
            let (n, rest) = l.split_once(". ")?;
            (rest.starts_with(start)).then(|| n.parse().ok())?
        })
        .unwrap_or_else(|| panic!("no paragraph {start:?} in\n{md}"))
}

/// QA2 #10: the public edition keeps the full edition's paragraph numbers (item 6 is
/// confidential), says so once, and states its distribution once at the top.
#[test]
fn the_public_edition_keeps_the_full_paragraph_numbers() {
    let dir = folder();
    let full = export(dir.path(), "all");
    let public = export(dir.path(), "public");
    for start in [
        "The Chair closed the meeting",
        "**Decision RHC-7/6.**",
        "This report was adopted",
    ] {
        assert_eq!(
            paragraph_number(&public, start),
            paragraph_number(&full, start),
            "{start}:\n{public}"
        );
    }
    assert!(paragraph_number(&full, "The Chair closed the meeting") > 10);
    assert!(!public.contains("Staffing of the secretariat"), "{public}");
    assert_eq!(
        public
            .matches("numbers are missing where confidential paragraphs were left out")
            .count(),
        1,
        "{public}"
    );
    assert!(!full.contains("numbers are missing"), "{full}");
    let top = public.split("# Report of").next().unwrap();
    assert_eq!(top.matches("Distribution").count(), 1, "{top}");
    assert_eq!(top.matches("confidential record(s)").count(), 1, "{top}");
}

/// QA2 #7: an item added during the meeting by the walk (`area-4`) is not in the adopted
/// agenda; it is listed after it as added, numbered after the agenda's items, and its
/// generated id appears in no heading or list.
#[test]
fn an_item_added_during_the_meeting_is_listed_apart_by_its_title() {
    let dir = folder();
    let full = export(dir.path(), "all");
    let opening = full
        .split("The meeting adopted the following agenda:")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    let (adopted, added) = opening
        .split_once("The following item was added during the meeting:")
        .unwrap_or_else(|| panic!("{opening}"));
    assert!(adopted.contains("- 7 Any other business"), "{adopted}");
    assert!(!adopted.contains("Community engagement"), "{adopted}");
    assert!(
        added.contains("- 8 Priority area 4: Community engagement"),
        "{added}"
    );
    assert!(
        full.contains("\n## 8 Priority area 4: Community engagement\n"),
        "{full}"
    );
    assert!(!full.contains("area-4 Priority"), "{full}");
}

/// QA2 #12: `next` follows the last title's pattern ("Seventh Meeting of the ..." ->
/// "Eighth Meeting of the ..."), carries the symbol forward with its number, and the
/// prose takes its articles.
#[test]
fn next_titles_the_eighth_meeting_and_carries_the_symbol() {
    let dir = before_rhc8();
    let text = draft_next(dir.path());
    let agenda: toml::Table = text.parse().unwrap();
    let meeting = agenda["meeting"].as_table().unwrap();
    assert_eq!(
        meeting["title"].as_str(),
        Some("Eighth Meeting of the Regional Health Council")
    );
    assert_eq!(meeting["symbol"].as_str(), Some("RHC/8/2025/REP"));
    assert!(
        text.contains(
            "title = \"Approval of the minutes of the Seventh Meeting of the Regional Health Council (rhc-7)\""
        ),
        "{text}"
    );
}

/// QA2 #12: "apologies from the Ministry ..." (an agency or ministry by its full name
/// takes "the"), "the next meeting of the Regional Health Council", and the public
/// edition is "of the Seventh Meeting".
#[test]
fn report_prose_takes_articles_before_names_of_bodies() {
    let dir = folder();
    edit(
        dir.path(),
        MINUTES7,
        "state = \"approved\"\napproved_at = \"rhc-8\"\n",
        "",
    );
    let full = export(dir.path(), "all");
    assert!(
        full.contains(
            "Apologies were received from the Ministry of Health and Wellness, Coastal Province (MoH Coast)."
        ),
        "{full}"
    );
    assert!(
        full.contains(
            "to be submitted for adoption at the next meeting of the Regional Health Council."
        ),
        "{full}"
    );
    let public = export(dir.path(), "public");
    assert!(
        public.contains("Public version of the minutes of the Seventh Meeting of the Regional Health Council (rhc-7)"),
        "{public}"
    );
}

/// QA2 #14: the warning about a free-text owner without an address points at the
/// minutes' `owners` line that names it, not at `[plan]`.
#[test]
fn an_unaddressed_free_text_owner_is_placed_where_the_minutes_name_it() {
    let dir = folder();
    let (code, _, err) = run(dir.path(), &["check", "."]);
    assert_eq!(code, 0, "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("free-text owner 'the Chair' owns"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.starts_with("./2025-05-12-rhc-7.minutes.toml:81:11: warning:"),
        "{line}"
    );
    assert!(!err.contains("plan.toml:3:1"), "{err}");
}

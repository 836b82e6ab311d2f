//! Owner matching (issue 9.3): one rule for the owner picker and `outstanding --owner`. A
//! roster entry is taken only on a strong match; otherwise the text is a free-text owner.

mod common;

use assert_cmd::Command;
use common::*;
use rapporteur::load::workspace::load_plan;
use rapporteur::model::roster::{OwnerChoice, Roster};
use rapporteur::tui::action::Effect;
use ratatui::crossterm::event::KeyCode;

fn first_row(plan: &str, cases: &[(&str, Option<&str>)]) {
    let plan = load_plan(std::path::Path::new(plan)).unwrap();
    let roster = Roster::new(&plan.partners);
    let mut wrong = Vec::new();
    for (typed, want) in cases {
        let got = roster.choose(typed);
        let want = match want {
            Some(id) => OwnerChoice::Partner(id.to_string()),
            None => OwnerChoice::FreeText(typed.trim().to_string()),
        };
        if got != want {
            wrong.push(format!("{typed:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_sample_roster_first_rows() {
    let cases: &[(&str, Option<&str>)] = &[
        ("ctu", Some("ctu")),
        ("CTU", Some("ctu")),
        ("telecom", Some("ctu")),
        ("Telecommunications", Some("ctu")),
        ("telecoms union", Some("ctu")),
        ("trinidad", Some("tt")),
        ("Trinidad and Tobago", Some("tt")),
        ("trin tob", Some("tt")),
        ("tt", Some("tt")),
        ("ttcirt", Some("ttcirt")),
        ("trinidad cyber", Some("ttcirt")),
        ("svg", Some("vc")),
        ("SVG", Some("vc")),
        ("st vincent", Some("vc")),
        ("saint vincent", Some("vc")),
        ("vincent", Some("vc")),
        ("st lucia", Some("lc")),
        ("saint", Some("lc")),
        ("bahamas", Some("bs")),
        ("the bahamas", Some("bs")),
        ("fusion", Some("rifc")),
        ("cicte", Some("oas-cicte")),
        ("oas", Some("oas-cicte")),
        ("eu", Some("eeas")),
        ("european", Some("eeas")),
        ("implementation", Some("impacs")),
        ("cayman", Some("ky")),
        ("virgin islands", Some("vg")),
        ("caribbean", Some("carpha")),
        ("  jrcc  ", Some("jrcc")),
        // Free text: no strong match, whatever a subsequence would say.
        ("chair", None),
        ("the Chair", None),
        ("the rapporteur", None),
        ("Minister of National Security", None),
        ("c", None),
        ("st", None),
        ("xyz", None),
    ];
    assert!(cases.len() >= 20);
    first_row("meetings/ccscap/plan.toml", cases);
}

#[test]
fn a_roster_of_another_body_without_member_states() {
    first_row(
        "tests/fixtures/senate/plan.toml",
        &[
            ("registry", Some("registry")),
            ("academic", Some("registry")),
            ("student records", Some("registry")),
            ("it", Some("it")),
            ("its", Some("it")),
            ("computing", Some("it")),
            ("human", Some("hr")),
            ("facilities", Some("estates")),
            ("dean", Some("dean-eng")),
            // Both name engineering: the Dean's alias is covered better than the School.
            ("engineering", Some("dean-eng")),
            ("school", Some("eng-school")),
            ("students", Some("su")),
            ("the dean", None),
            ("chair", None),
            ("Bursar", None),
        ],
    );
}

#[test]
fn in_the_picker_chair_is_free_text_not_a_partner() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "Write to the ministers");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "chair");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.decisions()[0].owners, ["chair"]);
}

#[test]
fn in_the_picker_a_strong_match_is_taken_and_weak_ones_wait_below_free_text() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "Draft the standards");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "st vincent");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.decisions()[0].owners, ["vc"]);
    // A weak match is reachable with ↓ but is never the first row.
    press(&mut app, KeyCode::Char('o'));
    type_text(&mut app, "crph");
    let rapporteur::tui::app::Mode::Owners(o) = &app.screen.mode else {
        panic!("picker")
    };
    assert_eq!(
        o.matches.first(),
        Some(&rapporteur::tui::widgets::owners::PickRow::FreeText)
    );
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.decisions()[0].owners, ["vc", "carpha"]);
}

fn outstanding(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("rapporteur")
        .unwrap()
        .env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .arg("outstanding")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn outstanding_owner_chair_finds_the_chairs_overdue_action_and_says_whom_it_took() {
    let (code, out, err) = outstanding(&[
        "tests/fixtures/senate",
        "--owner",
        "chair",
        "--as-of",
        "2020-06-01",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("estates-1/1-1"), "{out}");
    assert!(out.contains("days overdue"), "{out}");
    assert!(
        !out.contains("1-2"),
        "the estates action is not the Chair's: {out}"
    );
    assert!(err.contains("owner: 'the Chair' (free text)"), "{err}");
}

#[test]
fn outstanding_owner_uses_the_same_rule_as_the_picker() {
    let (code, out, err) = outstanding(&["tests/fixtures/senate", "--owner", "facilities"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("B-1") && out.contains("estates-1/1-2"),
        "{out}"
    );
    assert!(
        err.contains("owner: estates (Estates and Facilities)"),
        "{err}"
    );
    // A weak match is offered, never taken.
    let (code, _, err) = outstanding(&["tests/fixtures/senate", "--owner", "rgstry"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean 'registry'"), "{err}");
}

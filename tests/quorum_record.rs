//! A decision recorded without a quorum keeps that with it (`quorate = false`): in the
//! file, `check`, the merge, `diff`, and the report, whatever the attendance says later.

use std::path::Path;
use std::process::Command;

use rapporteur::load::workspace::{load_minutes, load_plan};
use rapporteur::minutes::Audience;
use rapporteur::minutes::markdown::{Context, render_with};
use rapporteur::minutes::merge::merge;
use rapporteur::minutes::merge_file::{parse_side, render};
use rapporteur::minutes::toml_out::to_toml;
use rapporteur::model::dates::DateStyle;
use rapporteur::model::{Minutes, Plan, Presence};

const WATER: &str = "tests/fixtures/report/2025-06-03-imc-4.minutes.toml";
const WATER_PLAN: &str = "tests/fixtures/report/plan.toml";

fn water() -> (Minutes, Plan) {
    (
        load_minutes(Path::new(WATER)).unwrap(),
        load_plan(Path::new(WATER_PLAN)).unwrap(),
    )
}

fn md(m: &Minutes, plan: &Plan) -> String {
    render_with(
        m,
        &Context {
            plan: Some(plan),
            others: &[],
            dates: DateStyle::default(),
        },
        Audience::All,
    )
}

fn set_presence(m: &mut Minutes, who: &str, p: Presence) {
    m.attendance
        .iter_mut()
        .find(|a| a.represents == who)
        .unwrap()
        .status = p;
}

#[test]
fn the_report_says_the_quorum_was_not_met_and_flags_the_decision_recorded_so() {
    let (mut m, plan) = water();
    // Two of the four ministries that count present: the quorum of 3 is not met.
    set_presence(&mut m, "agri", Presence::Absent);
    set_presence(&mut m, "wua", Presence::Absent);
    m.items[0].decisions[0].without_quorum = true;
    let text = md(&m, &plan);
    let quorum = text
        .lines()
        .find(|l| l.contains("The quorum being 3"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        quorum.contains(
            "were present. The quorum being 3, the meeting was not quorate. 1 decision \
             recorded while the quorum was not met is marked so below."
        ),
        "{quorum}"
    );
    let flagged = text
        .lines()
        .find(|l| l.contains("The agenda was adopted."))
        .unwrap();
    assert!(
        flagged.contains("Taken by consensus. Taken without a quorum."),
        "{flagged}"
    );
    // Only the decision recorded so is flagged, not every decision of the meeting.
    assert_eq!(text.matches("Taken without a quorum.").count(), 1, "{text}");
    assert!(
        text.contains("| consensus, without a quorum |"),
        "annex II: {text}"
    );
}

#[test]
fn a_flag_recorded_stays_when_the_quorum_is_met_by_the_end() {
    let (mut m, plan) = water();
    m.items[1].decisions[0].without_quorum = true;
    let text = md(&m, &plan);
    assert!(
        text.contains(
            "the meeting was quorate. 1 decision recorded while the quorum was not met is \
             marked so below."
        ),
        "{text}"
    );
    let line = text
        .lines()
        .find(|l| l.contains("Release the second tranche"))
        .unwrap();
    assert!(line.contains("Taken without a quorum."), "{line}");
    // And a meeting without a quorum whose decisions all had one says nothing of them.
    let (mut m, _) = water();
    set_presence(&mut m, "agri", Presence::Absent);
    set_presence(&mut m, "wua", Presence::Absent);
    let text = md(&m, &plan);
    assert!(
        text.contains("the meeting was not quorate. Apologies were received"),
        "{text}"
    );
    assert!(!text.contains("Taken without a quorum"), "{text}");
}

#[test]
fn the_file_keeps_it_canonical_and_check_reads_it_at_its_place() {
    let (mut m, _) = water();
    m.items[0].decisions[0].without_quorum = true;
    let toml = to_toml(&m).unwrap();
    assert!(
        toml.contains("id = \"1-1\"\ntext = \"The agenda was adopted.\"\nquorate = false\n"),
        "{toml}"
    );
    assert_eq!(
        toml.matches("quorate").count(),
        1,
        "written only when false"
    );
    let parsed = rapporteur::load::parse_document(&toml, "x.minutes.toml");
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let Some(rapporteur::load::Document::Minutes(back, _)) = parsed.document else {
        panic!()
    };
    assert!(back.items[0].decisions[0].without_quorum);
    assert!(back.decisions().skip(1).all(|(_, d)| !d.without_quorum));
    assert_eq!(to_toml(&back).unwrap(), toml, "byte for byte");
    // `quorate = true` is the default and reads as such.
    let explicit = toml.replace("quorate = false", "quorate = true");
    let parsed = rapporteur::load::parse_document(&explicit, "x.minutes.toml");
    let Some(rapporteur::load::Document::Minutes(back, _)) = parsed.document else {
        panic!()
    };
    assert!(!back.items[0].decisions[0].without_quorum);

    // A word instead of true or false is an error at its place.
    let dir = tempfile::tempdir().unwrap();
    for f in ["2025-06-03-imc-4.toml", "plan.toml"] {
        std::fs::copy(
            Path::new("tests/fixtures/report").join(f),
            dir.path().join(f),
        )
        .unwrap();
    }
    let bad = toml.replace("quorate = false", "quorate = \"no\"");
    let line = bad.lines().position(|l| l.starts_with("quorate")).unwrap() + 1;
    std::fs::write(dir.path().join("2025-06-03-imc-4.minutes.toml"), bad).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .arg("check")
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("2025-06-03-imc-4.minutes.toml:{line}:11: error:"))
            && err.contains("true or false"),
        "{err}"
    );
}

#[test]
fn the_merge_keeps_the_flag_and_diff_names_it() {
    let (m, _) = water();
    let base = to_toml(&m).unwrap();
    let mut flagged = m.clone();
    flagged.items[0].decisions[0].without_quorum = true;
    let ours = to_toml(&flagged).unwrap();
    // Theirs changes something else: the merge keeps both.
    let mut other = m.clone();
    other.items[1].notes = Some("Theirs.".into());
    let theirs = to_toml(&other).unwrap();
    let side = |t: &str| parse_side(t, "test").unwrap();
    let merged = merge(&side(&base), &side(&ours), &side(&theirs));
    let text = render(&merged).unwrap();
    assert!(
        text.contains("text = \"The agenda was adopted.\"\nquorate = false\n"),
        "{text}"
    );
    assert!(text.contains("Theirs."), "{text}");
    let words = rapporteur::minutes::diff::diff(&m, &flagged);
    assert!(
        words
            .iter()
            .any(|w| w.contains("1-1") && w.contains("quorate true -> false")),
        "{words:?}"
    );
}

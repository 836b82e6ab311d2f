//! `approve --confirmed / --objected` records the outcome of the approved minutes'
//! decisions taken ad referendum (issue 11: "a later meeting or `approve` records the
//! outcome"); `check` holds `outcome_at` to a later meeting of the folder; the report
//! says the outcome. On the water committee (not the sample).

use std::path::{Path, PathBuf};
use std::process::Command;

use rapporteur::load::workspace::{load_minutes, load_plan};
use rapporteur::minutes::Audience;
use rapporteur::minutes::markdown::{Context, render_with};
use rapporteur::model::dates::DateStyle;
use rapporteur::model::{Outcome, Taken};

const MINUTES: &str = "2025-06-03-imc-4.minutes.toml";

fn rapporteur() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rapporteur"));
    c.env_remove("RUST_BACKTRACE").env("NO_COLOR", "1");
    c
}

/// The water committee's folder with two later meetings: imc-5 after the silence of 3-1
/// ends (20 June 2025), and an extraordinary meeting before it.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new("tests/fixtures/report");
    for f in ["2025-06-03-imc-4.toml", MINUTES, "plan.toml"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let agenda = std::fs::read_to_string(src.join("2025-06-03-imc-4.toml")).unwrap();
    for (file, id, date) in [
        ("2025-07-01-imc-5.toml", "imc-5", "2025-07-01"),
        ("2025-06-10-imc-x1.toml", "imc-x1", "2025-06-10"),
    ] {
        let text = agenda
            .replace("id = \"imc-4\"", &format!("id = \"{id}\""))
            .replace("date = 2025-06-03", &format!("date = {date}"));
        std::fs::write(dir.path().join(file), text).unwrap();
    }
    dir
}

fn approve(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = rapporteur()
        .arg("approve")
        .arg(dir.join(MINUTES))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn check(dir: &Path) -> (i32, String) {
    let out = rapporteur().arg("check").arg(dir).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn minutes_path(dir: &Path) -> PathBuf {
    dir.join(MINUTES)
}

#[test]
fn approve_records_the_outcome_at_the_approving_meeting_and_the_report_says_it() {
    let dir = folder();
    let (code, out, err) = approve(dir.path(), &["--at", "imc-5", "--confirmed", "3-1"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("decision 3-1 taken ad referendum: confirmed at imc-5"),
        "{out}"
    );
    let text = std::fs::read_to_string(minutes_path(dir.path())).unwrap();
    assert!(
        text.contains(
            "taken = \"ad-referendum\"\nsilence_until = 2025-06-20\noutcome = \"confirmed\"\noutcome_at = \"imc-5\"\n"
        ),
        "{text}"
    );
    assert!(text.contains("state = \"approved\"\napproved_at = \"imc-5\""));
    let m = load_minutes(&minutes_path(dir.path())).unwrap();
    let (_, d) = m.decision("3-1").unwrap();
    assert_eq!(
        d.taken,
        Taken::AdReferendum {
            silence_until: chrono::NaiveDate::from_ymd_opt(2025, 6, 20),
            outcome: Some(Outcome::Confirmed),
            outcome_at: Some("imc-5".into()),
        }
    );
    let (code, err) = check(dir.path());
    assert_eq!(code, 0, "the folder checks clean: {err}");
    let plan = load_plan(&dir.path().join("plan.toml")).unwrap();
    let md = render_with(
        &m,
        &Context {
            plan: Some(&plan),
            others: &[],
            dates: DateStyle::default(),
        },
        Audience::All,
    );
    assert!(
        md.contains(
            "it stands unless a delegation breaks the silence by 20 June 2025. The silence was \
             not broken: the decision stands (recorded at meeting imc-5)."
        ),
        "{md}"
    );
    assert!(
        md.contains("ad referendum, silence until 2025-06-20, confirmed"),
        "annex II, dates as the table's other dates: {md}"
    );
}

#[test]
fn an_objection_may_be_recorded_before_the_silence_ends_a_confirmation_may_not() {
    let dir = folder();
    let before = std::fs::read_to_string(minutes_path(dir.path())).unwrap();
    let (code, _, err) = approve(dir.path(), &["--at", "imc-x1", "--confirmed", "3-1"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "error: cannot record the outcome: decision '3-1' cannot be confirmed at 'imc-x1' \
             (2025-06-10): its silence runs until 2025-06-20"
        ),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(minutes_path(dir.path())).unwrap(),
        before,
        "nothing written: not even the approval"
    );
    let (code, _, err) = approve(dir.path(), &["--at", "imc-x1", "--objected", "3-1"]);
    assert_eq!(code, 0, "{err}");
    let m = load_minutes(&minutes_path(dir.path())).unwrap();
    assert!(matches!(
        m.decision("3-1").unwrap().1.taken,
        Taken::AdReferendum {
            outcome: Some(Outcome::Objected),
            ..
        }
    ));
}

#[test]
fn only_decisions_taken_ad_referendum_and_each_once() {
    let dir = folder();
    let before = std::fs::read_to_string(minutes_path(dir.path())).unwrap();
    for (args, words) in [
        (
            &["--confirmed", "2-1"][..],
            "decision '2-1' was taken by vote: only a decision taken ad referendum has an \
             outcome (taken ad referendum here: 3-1)",
        ),
        (
            &["--confirmed", "9-9"][..],
            "'9-9' is not a decision of these minutes (taken ad referendum here: 3-1)",
        ),
        (
            &["--confirmed", "3-1", "--objected", "3-1"][..],
            "decision '3-1' is named more than once",
        ),
    ] {
        let mut all = vec!["--at", "imc-5"];
        all.extend_from_slice(args);
        let (code, _, err) = approve(dir.path(), &all);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            err.contains(&format!("error: cannot record the outcome: {words}")),
            "{args:?}: {err}"
        );
        assert_eq!(
            std::fs::read_to_string(minutes_path(dir.path())).unwrap(),
            before
        );
    }
    // An outcome already recorded is not changed by another.
    assert_eq!(
        approve(dir.path(), &["--at", "imc-5", "--confirmed", "3-1"]).0,
        0
    );
    let (code, _, err) = approve(dir.path(), &["--at", "imc-5", "--objected", "3-1"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("decision '3-1' already has its outcome: confirmed at 'imc-5'"),
        "{err}"
    );
}

#[test]
fn check_holds_outcome_at_to_a_later_meeting_of_the_folder() {
    let dir = folder();
    let text = std::fs::read_to_string(minutes_path(dir.path())).unwrap();
    let line_of =
        |t: &str, needle: &str| t.lines().position(|l| l.starts_with(needle)).unwrap() + 1;
    for (at, words) in [
        (
            "imc-9",
            "outcome_at 'imc-9' is not a meeting known in this folder (no agenda or minutes with \
             that id)",
        ),
        (
            "imc-4",
            "outcome_at 'imc-4' is the meeting of these minutes: an ad referendum outcome is \
             recorded by a later meeting",
        ),
    ] {
        let bad = text.replace(
            "silence_until = 2025-06-20\n",
            &format!(
                "silence_until = 2025-06-20\noutcome = \"confirmed\"\noutcome_at = \"{at}\"\n"
            ),
        );
        std::fs::write(minutes_path(dir.path()), &bad).unwrap();
        let line = line_of(&bad, "outcome_at");
        let (code, err) = check(dir.path());
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains(&format!("{MINUTES}:{line}:14: error: {words}")),
            "{at}: {err}"
        );
    }
    // outcome_at without the outcome it dates.
    let bad = text.replace(
        "silence_until = 2025-06-20\n",
        "silence_until = 2025-06-20\noutcome_at = \"imc-5\"\n",
    );
    std::fs::write(minutes_path(dir.path()), &bad).unwrap();
    let line = line_of(&bad, "outcome_at");
    let (code, err) = check(dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "{MINUTES}:{line}:14: error: outcome_at names the meeting that recorded the outcome"
        )),
        "{err}"
    );
}

/// QA2 #4: approve rewrites the Markdown beside the minutes (state and outcome), and says so.
#[test]
fn approve_rewrites_the_markdown_beside_the_minutes() {
    let dir = folder();
    let md_path = dir.path().join("2025-06-03-imc-4.minutes.md");
    std::fs::write(&md_path, "stale: Report (draft)\n").unwrap();
    let (code, out, err) = approve(dir.path(), &["--at", "imc-5", "--confirmed", "3-1"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("2025-06-03-imc-4.minutes.md: rewritten from the approved record"),
        "{out}"
    );
    let md = std::fs::read_to_string(&md_path).unwrap();
    assert!(!md.contains("stale"), "{md}");
    assert!(!md.contains("Report (draft)"), "{md}");
    assert!(md.contains("The silence was not broken"), "{md}");
    let exported = rapporteur()
        .args(["export", "--format", "md"])
        .arg(minutes_path(dir.path()))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&exported.stdout), md);
}

/// Without a Markdown file beside the minutes, approve creates none.
#[test]
fn approve_creates_no_markdown_where_there_was_none() {
    let dir = folder();
    let (code, out, err) = approve(dir.path(), &["--at", "imc-5"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("rewritten"), "{out}");
    assert!(!dir.path().join("2025-06-03-imc-4.minutes.md").exists());
}

#[test]
fn how_a_decision_was_taken_cannot_change_once_its_outcome_is_recorded() {
    let dir = folder();
    let path = minutes_path(dir.path());
    // A draft whose decision 3-1 already has its outcome (recorded at imc-5).
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "silence_until = 2025-06-20\n",
        "silence_until = 2025-06-20\noutcome = \"confirmed\"\noutcome_at = \"imc-5\"\n",
    );
    std::fs::write(&path, &text).unwrap();
    for line in [
        "v consensus",
        "v vote for fin; against agri",
        "v adref 2025-06-25",
    ] {
        let mut child = rapporteur()
            .args(["open", "--plain"])
            .arg(dir.path().join("2025-06-03-imc-4.toml"))
            .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("sel 3-1\n{line}\nq\n").as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let said = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains(
                "3-1 was taken ad referendum and its outcome is recorded (confirmed at imc-5): \
                 how it was taken cannot change any more"
            ),
            "{line}: {said}"
        );
        let m = load_minutes(&path).unwrap();
        let d = m.decisions().find(|(_, d)| d.id == "3-1").unwrap().1;
        assert!(
            matches!(
                &d.taken,
                Taken::AdReferendum {
                    outcome: Some(Outcome::Confirmed),
                    outcome_at: Some(at),
                    ..
                } if at == "imc-5"
            ),
            "{line}: {:?}",
            d.taken
        );
    }
}

/// A decision named twice, or an empty id twice (`--confirmed ,`), is one error, said once.
#[test]
fn a_repeated_or_empty_decision_is_said_once() {
    let dir = folder();
    for (value, words) in [
        (",", "an empty decision id"),
        ("3-1,3-1", "decision '3-1' is named more than once"),
    ] {
        let (code, _, err) = approve(dir.path(), &["--at", "imc-5", "--confirmed", value]);
        assert_eq!(code, 1, "{value}: {err}");
        assert_eq!(err.matches(words).count(), 1, "{value}: {err}");
        assert_eq!(err.lines().count(), 1, "{value}: {err}");
    }
}

//! Minutes as files: canonical TOML, Markdown that parses, export, approve, diff, git.

use std::path::Path;
use std::process::Command;

use assert_cmd::Command as Cmd;
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rapporteur::load::workspace::load_minutes;
use rapporteur::minutes::markdown::{Context, render_with};
use rapporteur::minutes::{Audience, toml_out::to_toml};
use rapporteur::model::{Decision, ItemRecord, Minutes, Status, Update};

mod tools;

const SAMPLE: &str = "meetings/ccscap/2016-03-15-csm-ii.minutes.toml";

fn rapporteur() -> Cmd {
    let mut c = Cmd::cargo_bin("rapporteur").unwrap();
    c.env_remove("RUST_BACKTRACE");
    c
}

fn sample() -> Minutes {
    load_minutes(Path::new(SAMPLE)).unwrap()
}

/// CommonMark with tables and the YAML front matter pandoc reads.
fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// Every table of a Markdown document: rows of cell counts.
fn tables(md: &str) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut rows: Vec<usize> = Vec::new();
    let mut cells = 0;
    for ev in Parser::new_ext(md, markdown_options()) {
        match ev {
            Event::Start(Tag::Table(_)) => rows.clear(),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => cells = 0,
            Event::End(TagEnd::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => rows.push(cells),
            Event::End(TagEnd::Table) => out.push(rows.clone()),
            _ => {}
        }
    }
    out
}

fn assert_tables_hold(md: &str, expected_widths: &[usize]) {
    let t = tables(md);
    assert_eq!(t.len(), expected_widths.len(), "tables found: {t:?}\n{md}");
    for (rows, want) in t.iter().zip(expected_widths) {
        for r in rows {
            assert_eq!(
                r, want,
                "a row with {r} cells in a {want}-column table\n{md}"
            );
        }
    }
}

#[test]
fn sample_minutes_markdown_is_golden() {
    let out = rapporteur().args(["export", SAMPLE]).output().unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!(md);
}

#[test]
fn sample_markdown_tables_parse_with_the_right_columns() {
    let m = sample();
    let plan =
        rapporteur::load::workspace::load_plan(Path::new("meetings/ccscap/plan.toml")).unwrap();
    let md = render_with(
        &m,
        &Context {
            plan: Some(&plan),
            others: &[],
            ..Default::default()
        },
        Audience::All,
    );
    // participants by group (member states, associate members, regional institutions,
    // international organisations, observers), decisions (6), action matrix (7)
    assert_tables_hold(&md, &[3, 3, 3, 3, 3, 6, 7]);
    assert!(md.starts_with("---\ntitle: "), "pandoc front matter");
    let first = md.find("**RESTRICTED**").unwrap();
    let last = md.rfind("**RESTRICTED**").unwrap();
    assert!(
        first < 400 && last > md.len() - 40,
        "marking at top and bottom"
    );
}

fn nasty(text: &str) -> Minutes {
    let mut m = sample();
    m.items[4].decisions.push_back(Decision {
        id: "4-9".into(),
        text: text.into(),
        owners: vec!["ctu".into(), text.into()],
        due: chrono::NaiveDate::from_ymd_opt(2017, 1, 1),
        ..Decision::default()
    });
    m.items[4].notes = Some(text.into());
    m.attendance[0].delegates[0].name = text.into();
    m.items[4]
        .statements
        .push_back(rapporteur::model::Statement {
            by: "jm".into(),
            kind: rapporteur::model::StatementKind::Reservation,
            text: text.into(),
        });
    m
}

#[test]
fn markdown_syntax_in_decisions_cannot_break_the_document_or_its_tables() {
    for text in [
        "a | b | c",
        "*bold* and _em_ and `code` and # heading",
        "1. looks like a list",
        "- also a list\n# and a heading\n| a | table |",
        "<script>alert(1)</script> & &amp;",
        "escape \u{1b}[2J and bell \u{7} and \u{202e}bidi",
        "back\\slash at the end\\",
        "---\ntitle: injected",
    ] {
        let md = render_with(&nasty(text), &Context::default(), Audience::All);
        // Without the plan: participants (others, observers), decisions, action matrix.
        assert_tables_hold(&md, &[3, 3, 6, 7]);
        for c in md.chars() {
            assert!(
                c == '\n' || !rapporteur::text::is_dangerous(c),
                "control {c:?} in Markdown"
            );
        }
        let headings = Parser::new_ext(&md, markdown_options())
            .filter(|e| matches!(e, Event::Start(Tag::Heading { .. })))
            .count();
        assert_eq!(
            headings,
            // title, opening, items, closing, adoption, signatures, annex I and its two
            // groups, annexes II and III
            sample().items.len() + 10,
            "no heading injected by {text:?}"
        );
        assert!(!md.contains("<script>"), "{md}");
    }
}

#[test]
fn load_then_write_is_byte_identical() {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    assert_eq!(to_toml(&sample()).unwrap(), text);
}

#[test]
fn a_hand_written_file_loads_and_the_next_write_is_canonical() {
    let hand = "[meeting]\nagenda = \"a.toml\"\nid = \"m\"\ntitle = \"T\"\ndate = 2017-01-01\nplan = \"plan.toml\"\n\n[[items]]\ntitle = \"One\"\nid = \"1\"\n[[items.decisions]]\ntext = \"x\"\nid = \"1-1\"\nowners = [\"ctu\"]\n";
    let parsed = rapporteur::load::parse_document(hand, "m.minutes.toml");
    assert!(parsed.problems.is_empty());
    let Some(rapporteur::load::Document::Minutes(m, _)) = parsed.document else {
        panic!()
    };
    let canonical = to_toml(&m).unwrap();
    assert!(canonical.contains("state = \"draft\""));
    assert!(
        canonical.contains("id = \"1-1\"\ntext = \"x\"\nowners = [\"ctu\"]\nstatus = \"open\"")
    );
    let again = rapporteur::load::parse_document(&canonical, "m.minutes.toml");
    let Some(rapporteur::load::Document::Minutes(m2, _)) = again.document else {
        panic!()
    };
    assert_eq!(to_toml(&m2).unwrap(), canonical);
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.|*#`<>_\\-]{0,40}",
        any::<String>().prop_map(|s| s.chars().take(40).collect()),
        Just("line one\nline two".to_string()),
        Just("quote \" and ''' and \"\"\" and \\".to_string()),
    ]
}

fn arb_status() -> impl Strategy<Value = Option<Status>> {
    proptest::option::of(proptest::sample::select(Status::ALL.to_vec()))
}

fn arb_minutes() -> impl Strategy<Value = Minutes> {
    let decision = (
        arb_text(),
        proptest::collection::vec("[a-z]{1,6}", 0..3),
        proptest::option::of(0u32..2000),
        arb_status(),
        any::<bool>(),
    );
    let update = (
        "[A-Z]{2}-[0-9]",
        arb_status(),
        proptest::option::of(proptest::collection::vec("[a-z]{1,6}", 0..3)),
        proptest::option::of(0u32..2000),
        proptest::option::of(arb_text()),
    );
    let item = (
        arb_text(),
        proptest::option::of(arb_text()),
        proptest::collection::vec(decision, 0..4),
        proptest::collection::vec(update, 0..3),
    );
    (
        arb_text(),
        proptest::collection::vec(item, 0..5),
        proptest::option::of("[A-Z]{4,10}"),
    )
        .prop_map(|(title, items, class)| {
            let base = chrono::NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
            let mut m = Minutes {
                agenda: "a.toml".into(),
                ..Minutes::default()
            };
            m.meeting.id = "m1".into();
            m.meeting.title = title;
            m.meeting.date = base;
            m.meeting.plan = "plan.toml".into();
            m.meeting.classification = class;
            for (n, (title, notes, decisions, updates)) in items.into_iter().enumerate() {
                let id = format!("{}", n + 1);
                let mut rec = ItemRecord {
                    id: id.clone(),
                    title,
                    notes,
                    ..ItemRecord::default()
                };
                for (k, (text, owners, due, status, conf)) in decisions.into_iter().enumerate() {
                    let mut d = Decision {
                        id: format!("{id}-{}", k + 1),
                        text,
                        owners,
                        due: due.map(|x| base + chrono::Duration::days(x.into())),
                        status,
                        confidential: conf,
                        ..Decision::default()
                    };
                    // What the writer records for an action with no status is `open`.
                    if d.is_action() && d.status.is_none() {
                        d.status = Some(Status::Open);
                    }
                    rec.decisions.push_back(d);
                }
                for (action, status, owners, due, note) in updates {
                    rec.updates.push(Update {
                        action,
                        status,
                        owners,
                        due: due.map(|x| base + chrono::Duration::days(x.into())),
                        note: note.filter(|n| !n.is_empty()),
                    });
                }
                rec.notes = rec.notes.filter(|n| !n.trim().is_empty());
                m.items.push(rec);
            }
            m
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn write_load_write_is_identical(m in arb_minutes()) {
        let first = to_toml(&m).unwrap();
        let parsed = rapporteur::load::parse_document(&first, "m.minutes.toml");
        prop_assert!(parsed.problems.is_empty(), "{:?}\n{}", parsed.problems, first);
        let Some(rapporteur::load::Document::Minutes(back, _)) = parsed.document else { panic!() };
        prop_assert_eq!(&back, &m);
        prop_assert_eq!(to_toml(&back).unwrap(), first);
    }

    #[test]
    fn markdown_has_no_control_bytes_and_tables_hold(m in arb_minutes()) {
        let md = render_with(&m, &Context::default(), Audience::All);
        for c in md.chars() {
            prop_assert!(c == '\n' || !rapporteur::text::is_dangerous(c), "control {:?}", c);
        }
        for rows in tables(&md) {
            let w = rows[0];
            prop_assert!(rows.iter().all(|r| *r == w), "{:?}", rows);
        }
    }
}

#[test]
fn public_export_leaves_out_confidential_records_and_says_how_many() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = sample();
    m.items[4].decisions[1].confidential = true;
    m.items[6].confidential = true;
    let path = dir.path().join("x.minutes.toml");
    std::fs::write(&path, to_toml(&m).unwrap()).unwrap();
    let out = rapporteur()
        .arg("export")
        .arg(&path)
        .args(["--audience", "public"])
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success());
    assert!(!md.contains("Circulate the five needs assessment"), "{md}");
    assert!(
        !md.contains("Common needs in building sustainable capacity"),
        "{md}"
    );
    assert!(md.contains("leaves out 3 confidential record(s)"), "{md}");
    assert!(err.contains("left out 3 confidential record(s)"), "{err}");
    let all = rapporteur().arg("export").arg(&path).output().unwrap();
    assert!(String::from_utf8_lossy(&all.stdout).contains("Circulate the five needs assessment"));
}

#[test]
fn export_formats_are_deterministic() {
    for format in ["md", "toml", "json"] {
        let a = rapporteur()
            .args(["export", SAMPLE, "--format", format])
            .output()
            .unwrap();
        let b = rapporteur()
            .args(["export", SAMPLE, "--format", format])
            .output()
            .unwrap();
        assert!(a.status.success());
        assert_eq!(a.stdout, b.stdout, "{format}");
    }
    let json = rapporteur()
        .args(["export", SAMPLE, "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["meeting"]["id"], "csm-ii");
    assert_eq!(v["items"][4]["decisions"][1]["owners"][0], "comsec");
}

#[cfg(unix)]
#[test]
fn classified_exports_to_a_file_are_0600_and_others_follow_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.md");
    rapporteur()
        .args(["export", SAMPLE, "-o"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let mut m = sample();
    m.meeting.classification = None;
    let open = dir.path().join("open.minutes.toml");
    std::fs::write(&open, to_toml(&m).unwrap()).unwrap();
    let out2 = dir.path().join("open.md");
    rapporteur()
        .arg("export")
        .arg(&open)
        .arg("-o")
        .arg(&out2)
        .assert()
        .success();
    assert_ne!(
        std::fs::metadata(&out2).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn approve_records_the_approving_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = sample();
    m.state = rapporteur::model::MinutesState::Draft;
    m.approved_at = None;
    let path = dir.path().join("x.minutes.toml");
    std::fs::write(&path, to_toml(&m).unwrap()).unwrap();
    // The approving meeting is one the folder knows: its agenda is there.
    std::fs::copy(
        "meetings/ccscap/2016-11-21-consle-17.toml",
        dir.path().join("2016-11-21-consle-17.toml"),
    )
    .unwrap();
    rapporteur()
        .arg("approve")
        .arg(&path)
        .args(["--at", "consle-17"])
        .assert()
        .success();
    let back = load_minutes(&path).unwrap();
    assert_eq!(back.state, rapporteur::model::MinutesState::Approved);
    assert_eq!(back.approved_at.as_deref(), Some("consle-17"));
    let diff = rapporteur()
        .arg("diff")
        .arg(SAMPLE)
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        diff.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&diff.stdout)
    );
}

/// A folder with draft CSM II minutes, the CONSLE 17 agenda (a later meeting) and an
/// agenda of an earlier meeting.
fn approval_folder() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut m = sample();
    m.state = rapporteur::model::MinutesState::Draft;
    m.approved_at = None;
    let path = dir.path().join("2016-03-15-csm-ii.minutes.toml");
    std::fs::write(&path, to_toml(&m).unwrap()).unwrap();
    for f in [
        "2016-11-21-consle-17.toml",
        "2016-03-15-csm-ii.toml",
        "plan.toml",
    ] {
        std::fs::copy(Path::new("meetings/ccscap").join(f), dir.path().join(f)).unwrap();
    }
    std::fs::write(
        dir.path().join("2015-06-01-csm-i.toml"),
        "[meeting]\nid = \"csm-i\"\ntitle = \"First meeting\"\ndate = 2015-06-01\nplan = \"plan.toml\"\n",
    )
    .unwrap();
    (dir, path)
}

fn approve_at(path: &Path, at: &str) -> (i32, String) {
    let out = rapporteur()
        .env("NO_COLOR", "1")
        .arg("approve")
        .arg(path)
        .args(["--at", at])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn approve_refuses_a_meeting_the_folder_does_not_know() {
    let (_dir, path) = approval_folder();
    let before = std::fs::read(&path).unwrap();
    let (code, err) = approve_at(&path, "consle-71");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("'consle-71' is not a meeting known in this folder")
            && err.contains("did you mean 'consle-17'?"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
}

#[test]
fn approve_refuses_an_earlier_meeting_or_the_same_one() {
    let (_dir, path) = approval_folder();
    let before = std::fs::read(&path).unwrap();
    let (code, err) = approve_at(&path, "csm-i");
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "'csm-i' met on 2015-06-01, before the meeting of these minutes (csm-ii, 2016-03-15)"
        ),
        "{err}"
    );
    let (code, err) = approve_at(&path, "csm-ii");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("is the meeting of these minutes"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
    let (code, err) = approve_at(&path, "consle-17");
    assert_eq!(code, 0, "{err}");
}

fn write(dir: &Path, name: &str, m: &Minutes) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, to_toml(m).unwrap()).unwrap();
    p
}

#[test]
fn diff_names_each_kind_of_change() {
    let dir = tempfile::tempdir().unwrap();
    let old = sample();
    let mut new = old.clone();
    new.state = rapporteur::model::MinutesState::Draft;
    let lc = new
        .attendance
        .iter()
        .position(|a| a.represents == "lc")
        .unwrap();
    new.attendance[lc].status = rapporteur::model::Presence::Present;
    new.attendance[0].delegates.pop();
    new.items[4].decisions[1].owners = vec!["comsec".into(), "ctu".into()];
    new.items[4].decisions[1].status = Some(Status::Blocked);
    new.items[4].decisions[1].due = chrono::NaiveDate::from_ymd_opt(2016, 5, 31);
    new.items[4].decisions[0].text = "Changed text".into();
    new.items[6].decisions.clear();
    new.items[3].decisions.push_back(Decision {
        id: "3-1".into(),
        text: "A new one".into(),
        ..Decision::default()
    });
    new.items[3].updates.push(Update {
        action: "csm-ii/5.4-1".into(),
        status: Some(Status::Done),
        ..Update::default()
    });
    new.items[0].notes = Some("Rewritten".into());
    new.items[10].decisions[1].taken = rapporteur::model::Taken::Consensus;
    new.items[10].statements.clear();
    let a = write(dir.path(), "a.minutes.toml", &old);
    let b = write(dir.path(), "b.minutes.toml", &new);
    let out = rapporteur().arg("diff").arg(&a).arg(&b).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    for want in [
        "state approved at consle-17 -> draft",
        "attendance: lc apologies -> present",
        "attendance: tt delegate Director, TT-CSIRT (adviser) removed",
        "decision 4-2 changed: owners comsec -> comsec, ctu; due 2016-04-30 -> 2016-05-31; status done -> blocked",
        "decision 4-1 changed: text: [-",
        "decision 5.2-1 removed",
        "decision 3-1 added under 3: 'A new one'",
        "update to csm-ii/5.4-1 added under 3: status done",
        "item 1: record of discussion: ",
        "{+Rewritten+}",
        "decision 6-2 changed: taken ad-referendum (silence until 2016-04-15, confirmed) -> consensus",
        "item 6: statement by bb removed: 'Barbados offered",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    let same = rapporteur().arg("diff").arg(&a).arg(&a).output().unwrap();
    assert_eq!(same.status.code(), Some(0));
    assert!(same.stdout.is_empty());
    let bad = rapporteur()
        .arg("diff")
        .arg(&a)
        .arg(dir.path().join("missing.toml"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
#[cfg_attr(
    not(run_git_tests),
    ignore = "needs git, not found when the tests were built (CI installs it)"
)]
fn two_rapporteurs_on_different_items_merge_without_conflict_and_git_diff_shows_markdown() {
    tools::require("git");
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    git(repo, &["config", "user.email", "rapporteur@example.org"]);
    git(repo, &["config", "user.name", "Rapporteur"]);
    let bin = env!("CARGO_BIN_EXE_rapporteur");
    git(
        repo,
        &[
            "config",
            "diff.rapporteur.textconv",
            &format!("{bin} export --format md --skip-invalid"),
        ],
    );
    std::fs::write(
        repo.join(".gitattributes"),
        "*.minutes.toml diff=rapporteur\n",
    )
    .unwrap();
    let name = "m.minutes.toml";
    let base = sample();
    write(repo, name, &base);
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "base"]);

    git(repo, &["checkout", "-q", "-b", "one"]);
    let mut one = base.clone();
    one.items[3].decisions.push_back(Decision {
        id: "3-1".into(),
        text: "Decided on branch one".into(),
        ..Decision::default()
    });
    write(repo, name, &one);
    let diff = git(repo, &["diff"]);
    assert!(
        diff.contains("**Decision CSM-II/3.** Decided on branch one"),
        "textconv shows Markdown:\n{diff}"
    );
    git(repo, &["commit", "-q", "-am", "one"]);

    git(repo, &["checkout", "-q", "main"]);
    git(repo, &["checkout", "-q", "-b", "two"]);
    let mut two = base.clone();
    two.items[10].decisions.push_back(Decision {
        id: "7-1".into(),
        text: "Decided on branch two".into(),
        owners: vec!["impacs".into()],
        ..Decision::default()
    });
    write(repo, name, &two);
    git(repo, &["commit", "-q", "-am", "two"]);

    git(repo, &["checkout", "-q", "one"]);
    git(repo, &["merge", "-q", "--no-edit", "two"]);
    let merged = std::fs::read_to_string(repo.join(name)).unwrap();
    assert!(!merged.contains("<<<<<<<"), "{merged}");
    let m = load_minutes(&repo.join(name)).unwrap();
    assert!(m.decision("3-1").is_some() && m.decision("7-1").is_some());
    assert_eq!(
        to_toml(&m).unwrap(),
        merged,
        "the merge is itself canonical"
    );
}

/// Minutes of another body: a classified board meeting with a confidential item and a
/// confidential decision.
const BOARD: &str = "tests/fixtures/waterboard/2021-03-04-board-7.minutes.toml";

fn export_public(format: &str) -> String {
    let out = rapporteur()
        .args(["export", BOARD, "--audience", "public", "--format", format])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn public_markdown_carries_a_public_distribution_line_not_the_marking() {
    let md = export_public("md");
    assert!(!md.contains("BOARD CONFIDENTIAL"), "{md}");
    assert!(!md.contains("tannery"), "{md}");
    assert!(!md.contains("anglers' proposal"), "{md}");
    let line = "**Distribution: public. Public version of the minutes of the Seventh meeting of \
                the Basin Board (board-7), 4 March 2021; 3 confidential record(s) left out.**";
    assert_eq!(md.matches(line).count(), 2, "top and bottom:\n{md}");
    assert!(
        md.contains("distribution: \"public\""),
        "front matter: {md}"
    );
    assert!(
        md.contains("subtitle: \"Report (draft), public version\""),
        "{md}"
    );
    // The distribution is stated once at the top: by the public line, not again.
    assert!(
        !md.contains("Distribution: public version of the minutes of board-7"),
        "{md}"
    );
    let all = rapporteur().args(["export", BOARD]).output().unwrap();
    let all = String::from_utf8_lossy(&all.stdout);
    assert!(all.contains("**BOARD CONFIDENTIAL**") && !all.contains("Distribution: public"));
}

#[test]
fn public_json_and_toml_say_what_they_are_a_public_version_of() {
    let v: serde_json::Value = serde_json::from_str(&export_public("json")).unwrap();
    let mt = &v["meeting"];
    assert_eq!(mt["classification"], serde_json::Value::Null);
    assert_eq!(mt["distribution"], "public");
    assert_eq!(mt["public_version_of"], "board-7");
    assert_eq!(mt["left_out"], 3);
    assert!(!v.to_string().contains("tannery"));

    let toml = export_public("toml");
    assert!(
        toml.starts_with("# Distribution: public. Public version of the minutes of the Seventh"),
        "{toml}"
    );
    assert!(
        !toml.contains("classification") && !toml.contains("tannery"),
        "{toml}"
    );
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("public.minutes.toml");
    std::fs::write(&copy, &toml).unwrap();
    assert!(load_minutes(&copy).is_ok(), "the public TOML still loads");
}

#[test]
fn public_json_escapes_c1_controls_and_bidi_overrides_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut m = sample();
    m.items[4].decisions[0].text = "CSI \u{9b}2J and \u{202e}reversed".into();
    let path = dir.path().join("x.minutes.toml");
    std::fs::write(&path, to_toml(&m).unwrap()).unwrap();
    let out = rapporteur()
        .arg("export")
        .arg(&path)
        .args(["--audience", "public", "--format", "json"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains(['\u{9b}', '\u{202e}']),
        "escaped, not raw: {text}"
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(v.to_string().contains('\u{9b}'), "the value is kept");
}

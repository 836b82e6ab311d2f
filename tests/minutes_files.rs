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
        },
        Audience::All,
    );
    // header table (2), attendance (3), action matrix (6)
    assert_tables_hold(&md, &[2, 3, 6]);
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
    m.items[4].decisions.push(Decision {
        id: "4-9".into(),
        text: text.into(),
        owners: vec!["ctu".into(), text.into()],
        due: chrono::NaiveDate::from_ymd_opt(2017, 1, 1),
        ..Decision::default()
    });
    m.items[4].notes = Some(text.into());
    m.attendance[0].name = text.into();
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
        assert_tables_hold(&md, &[2, 3, 6]);
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
            1 + 1 + sample().items.len() + 1,
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
                    rec.decisions.push(d);
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
    new.attendance[4].present = true;
    new.items[4].decisions[1].owners = vec!["comsec".into(), "ctu".into()];
    new.items[4].decisions[1].status = Some(Status::Blocked);
    new.items[4].decisions[1].due = chrono::NaiveDate::from_ymd_opt(2016, 5, 31);
    new.items[4].decisions[0].text = "Changed text".into();
    new.items[6].decisions.clear();
    new.items[3].decisions.push(Decision {
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
    let a = write(dir.path(), "a.minutes.toml", &old);
    let b = write(dir.path(), "b.minutes.toml", &new);
    let out = rapporteur().arg("diff").arg(&a).arg(&b).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    for want in [
        "state approved at consle-17 -> draft",
        "attendance: lc absent -> present",
        "decision 4-2 changed: owners comsec -> comsec, ctu; due 2016-04-30 -> 2016-05-31; status done -> blocked",
        "decision 4-1 changed: text",
        "decision 5.2-1 removed",
        "decision 3-1 added under 3: 'A new one'",
        "update to csm-ii/5.4-1 added under 3: status done",
        "item 1: record of discussion changed",
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
fn two_rapporteurs_on_different_items_merge_without_conflict_and_git_diff_shows_markdown() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed: skipped");
        return;
    }
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
            &format!("{bin} export --format md"),
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
    one.items[3].decisions.push(Decision {
        id: "3-1".into(),
        text: "Decided on branch one".into(),
        ..Decision::default()
    });
    write(repo, name, &one);
    let diff = git(repo, &["diff"]);
    assert!(
        diff.contains("+1. **3-1** Decided on branch one"),
        "textconv shows Markdown:\n{diff}"
    );
    git(repo, &["commit", "-q", "-am", "one"]);

    git(repo, &["checkout", "-q", "main"]);
    git(repo, &["checkout", "-q", "-b", "two"]);
    let mut two = base.clone();
    two.items[10].decisions.push(Decision {
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

//! The formal report: its Markdown read back with pulldown-cmark, snapshots of another
//! body's meeting (a vote, an explanation of vote, a reservation, ad referendum, apologies,
//! an observer, a confidential item), the Word file unzipped and its XML checked, pandoc
//! reading the Word file, and vote mistakes reported by `check` with file:line:col.

mod tools;

use std::io::Read;
use std::path::Path;

use assert_cmd::Command;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rapporteur::load::workspace::{load_minutes, load_plan};
use rapporteur::minutes::Audience;
use rapporteur::minutes::docx::to_docx;
use rapporteur::minutes::markdown::{Context, render_with};
use rapporteur::minutes::report::{self, Block};
use rapporteur::model::dates::DateStyle;
use rapporteur::model::{Minutes, Plan, Statement, StatementKind};

const WATER: &str = "tests/fixtures/report/2025-06-03-imc-4.minutes.toml";
const WATER_PLAN: &str = "tests/fixtures/report/plan.toml";
const SAMPLE: &str = "meetings/ccscap/2016-03-15-csm-ii.minutes.toml";
const SAMPLE_PLAN: &str = "meetings/ccscap/plan.toml";

fn rapporteur() -> Command {
    let mut c = Command::cargo_bin("rapporteur").unwrap();
    c.env_remove("RUST_BACKTRACE").env("NO_COLOR", "1");
    c
}

fn load(minutes: &str, plan: &str) -> (Minutes, Plan) {
    (
        load_minutes(Path::new(minutes)).unwrap(),
        load_plan(Path::new(plan)).unwrap(),
    )
}

fn water() -> (Minutes, Plan) {
    load(WATER, WATER_PLAN)
}

fn md(m: &Minutes, plan: &Plan, audience: Audience) -> String {
    render_with(
        m,
        &Context {
            plan: Some(plan),
            others: &[],
            dates: DateStyle::default(),
        },
        audience,
    )
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// The numbers of every ordered-list item, in document order.
fn paragraph_numbers(md: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut stack: Vec<Option<u64>> = Vec::new();
    for ev in Parser::new_ext(md, options()) {
        match ev {
            Event::Start(Tag::List(start)) => stack.push(start),
            Event::End(TagEnd::List(_)) => {
                stack.pop();
            }
            Event::Start(Tag::Item) => {
                if let Some(Some(n)) = stack.last_mut() {
                    out.push(*n);
                    *n += 1;
                }
            }
            _ => {}
        }
    }
    out
}

/// Every table: (header cells, each body row's cells).
fn tables(md: &str) -> Vec<(usize, Vec<usize>)> {
    let mut out = Vec::new();
    let (mut head, mut rows, mut cells) = (0, Vec::new(), 0);
    for ev in Parser::new_ext(md, options()) {
        match ev {
            Event::Start(Tag::Table(_)) => rows = Vec::new(),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => cells = 0,
            Event::End(TagEnd::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead) => head = cells,
            Event::End(TagEnd::TableRow) => rows.push(cells),
            Event::End(TagEnd::Table) => out.push((head, rows.clone())),
            _ => {}
        }
    }
    out
}

fn headings(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for ev in Parser::new_ext(md, options()) {
        match ev {
            Event::Start(Tag::Heading { .. }) => current = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

#[test]
fn the_report_of_another_body_is_as_reviewed() {
    let (m, plan) = water();
    insta::assert_snapshot!(md(&m, &plan, Audience::All));
}

#[test]
fn the_public_edition_leaves_out_the_confidential_item_and_says_so() {
    let (m, plan) = water();
    let public = md(&m, &plan, Audience::Public);
    insta::assert_snapshot!(public);
    assert!(!public.contains("tariff"), "{public}");
    assert!(public.contains("leaves out 2 confidential record(s)"));
}

#[test]
fn numbered_paragraphs_run_continuously_through_the_report() {
    for (minutes, plan) in [(WATER, WATER_PLAN), (SAMPLE, SAMPLE_PLAN)] {
        let (m, plan) = load(minutes, plan);
        let full = paragraph_numbers(&md(&m, &plan, Audience::All));
        for audience in [Audience::All, Audience::Public] {
            let text = md(&m, &plan, audience);
            let numbers = paragraph_numbers(&text);
            if audience == Audience::All {
                let expected: Vec<u64> = (1..=numbers.len() as u64).collect();
                assert_eq!(numbers, expected, "{minutes}\n{text}");
            } else {
                // The public edition keeps the full edition's numbers, with gaps where
                // confidential paragraphs were left out.
                assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{minutes}\n{text}");
                assert!(
                    numbers.iter().all(|n| full.contains(n)),
                    "{minutes}\n{text}"
                );
                assert_eq!(numbers.last(), full.last(), "{minutes}\n{text}");
            }
            let blocks = report::build(
                &m,
                &report::Context {
                    plan: Some(&plan),
                    others: &[],
                    dates: DateStyle::default(),
                },
                audience,
            )
            .blocks;
            let numbered = blocks
                .iter()
                .filter(|b| matches!(b, Block::Numbered(..)))
                .count();
            assert_eq!(
                numbers.len(),
                numbered,
                "every numbered paragraph is a list item"
            );
        }
    }
}

#[test]
fn every_table_has_its_headers_column_count() {
    for (minutes, plan) in [(WATER, WATER_PLAN), (SAMPLE, SAMPLE_PLAN)] {
        let (m, plan) = load(minutes, plan);
        let text = md(&m, &plan, Audience::All);
        let found = tables(&text);
        assert!(
            found.len() >= 4,
            "participants, decisions, matrix: {found:?}"
        );
        for (head, rows) in found {
            assert!(!rows.is_empty());
            assert!(
                rows.iter().all(|r| *r == head),
                "{head} vs {rows:?}\n{text}"
            );
        }
    }
}

#[test]
fn headings_read_as_written_and_no_text_injects_one() {
    let (m, plan) = load(SAMPLE, SAMPLE_PLAN);
    let clean = md(&m, &plan, Audience::All);
    let h = headings(&clean);
    assert!(
        h.contains(
            &"2.1 Approval of the report of the first Cyber Security Meeting (May 2014)"
                .to_string()
        ),
        "{h:?}"
    );
    assert!(
        clean.contains("\n## 2.1 Approval"),
        "no escaped number in headings"
    );
    assert!(clean.contains("\n## 5.4 Common needs in the legal environment\n"));
    for text in [
        "# heading",
        "1. list\n## heading\n---",
        "a | b\n| c |",
        "Title #",
        "=====",
        "* bullet",
    ] {
        let mut nasty = m.clone();
        nasty.items[4].statements.push_back(Statement {
            by: "jm".into(),
            kind: StatementKind::Reservation,
            text: text.into(),
        });
        nasty.items[4].title = text.into();
        nasty.attendance[0].delegates[0].name = text.into();
        nasty.items[6].decisions[0].text = text.into();
        nasty.items[0].notes = Some(text.into());
        let out = md(&nasty, &plan, Audience::All);
        assert_eq!(
            headings(&out).len(),
            h.len(),
            "a heading injected by {text:?}\n{out}"
        );
        for (head, rows) in tables(&out) {
            assert!(rows.iter().all(|r| *r == head), "{text:?}\n{out}");
        }
        let numbers = paragraph_numbers(&out);
        let expected: Vec<u64> = (1..=numbers.len() as u64).collect();
        assert_eq!(numbers, expected, "{text:?}\n{out}");
    }
}

#[test]
fn states_by_name_agencies_short_after_first_mention_dates_in_one_long_form() {
    let (m, plan) = load(SAMPLE, SAMPLE_PLAN);
    let text = md(&m, &plan, Audience::All);
    let first = text
        .find("Caribbean Telecommunications Union (CTU)")
        .unwrap();
    let later = text[first + 10..].find("CTU").unwrap();
    assert!(later > 0);
    assert!(text.contains("Apologies were received from Saint Lucia."));
    assert!(
        !text.contains(" LCA") && !text.contains("JAM"),
        "states by name"
    );
    // No ISO date in the prose: the numbered paragraphs (tables follow the `dates` setting,
    // the front matter stays ISO for tools).
    let prose: String = text
        .lines()
        .filter(|l| {
            l.split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
        })
        .collect();
    let iso = prose
        .as_bytes()
        .windows(10)
        .any(|w| w[4] == b'-' && w[7] == b'-' && w[..4].iter().all(u8::is_ascii_digit));
    assert!(!iso, "{prose}");
    assert!(text.contains("Due by 30 April 2016."));
}

fn unzip(bytes: &[u8]) -> std::collections::HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = std::collections::HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        out.insert(f.name().unwrap().to_string(), s);
    }
    out
}

fn build(m: &Minutes, plan: &Plan, audience: Audience) -> report::Report {
    report::build(
        m,
        &report::Context {
            plan: Some(plan),
            others: &[],
            dates: DateStyle::default(),
        },
        audience,
    )
}

#[test]
fn the_word_file_holds_every_decision_tables_header_and_footer() {
    let (m, plan) = water();
    let r = build(&m, &plan, Audience::All);
    let bytes = to_docx(&r).unwrap();
    assert_eq!(bytes, to_docx(&r).unwrap(), "deterministic");
    let parts = unzip(&bytes);
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/header1.xml",
        "word/footer1.xml",
    ] {
        assert!(parts.contains_key(name), "missing {name}");
    }
    let doc = &parts["word/document.xml"];
    let header = &parts["word/header1.xml"];
    let footer = &parts["word/footer1.xml"];
    // One section whose default header and footer apply to every page.
    assert_eq!(doc.matches("<w:sectPr>").count(), 1);
    assert!(doc.contains("<w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"));
    assert!(doc.contains("<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"));
    assert!(!doc.contains("w:titlePg"), "no different first page");
    assert!(parts["word/_rels/document.xml.rels"].contains("Id=\"rIdHeader\""));
    assert!(header.contains(">CONFIDENTIAL<"), "{header}");
    assert!(
        header.contains(">IMC-W/4/2025/REP<"),
        "symbol in the header"
    );
    assert!(footer.contains(">CONFIDENTIAL<"), "{footer}");
    assert!(footer.contains("w:instr=\" PAGE \""), "page numbers");
    for n in 1..=4 {
        assert!(
            doc.contains(&format!("Decision IMC-4/{n}.")),
            "decision {n}"
        );
    }
    assert!(doc.contains("entered a reservation"));
    assert!(doc.contains("gave an explanation of vote"));
    // Tables: the header row repeats on every page; each row has the header's cells.
    let expected: Vec<usize> = r
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table { header, .. } => Some(header.len()),
            _ => None,
        })
        .collect();
    let found: Vec<&str> = doc.split("<w:tbl>").skip(1).collect();
    assert_eq!(found.len(), expected.len());
    for (t, cols) in found.iter().zip(expected) {
        let t = t.split("</w:tbl>").next().unwrap();
        assert_eq!(t.matches("<w:gridCol ").count(), cols);
        let rows: Vec<&str> = t.split("<w:tr>").skip(1).collect();
        assert!(rows[0].contains("<w:tblHeader/>"), "header row repeats");
        for row in &rows {
            assert_eq!(row.matches("<w:tc>").count(), cols, "{row}");
        }
    }
}

#[test]
fn the_public_word_file_leaves_out_the_confidential_item() {
    let (m, plan) = water();
    let parts = unzip(&to_docx(&build(&m, &plan, Audience::Public)).unwrap());
    let doc = &parts["word/document.xml"];
    assert!(!doc.contains("tariff"));
    assert!(doc.contains("leaves out 2 confidential record(s)"));
}

#[test]
#[cfg_attr(
    not(run_pandoc_tests),
    ignore = "needs pandoc, not found when the tests were built"
)]
fn pandoc_reads_the_markdown_whose_front_matter_had_noncharacters() {
    tools::require("pandoc");
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "2025-06-03-imc-4.minutes.toml",
        "2025-06-03-imc-4.toml",
        "plan.toml",
    ] {
        let from = Path::new(WATER).with_file_name(f);
        let text = std::fs::read_to_string(&from).unwrap();
        let text = text
            .replace("symbol = \"IMC-W", "symbol = \"IMC\\uFFFE-W")
            .replace(
                "classification = \"CONFIDENTIAL",
                "classification = \"CONF\\uFFFF",
            )
            .replace("title = \"", "title = \"\\uFFFE\\u0001");
        std::fs::write(dir.path().join(f), text).unwrap();
    }
    let minutes = dir.path().join("2025-06-03-imc-4.minutes.toml");
    let run = rapporteur().arg("export").arg(&minutes).output().unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{err}");
    let md = String::from_utf8(run.stdout).unwrap();
    assert!(md.contains("IMC\u{FFFD}-W"), "the symbol was changed: {md}");
    assert!(
        md.contains("CONF\u{FFFD}"),
        "the classification was changed: {md}"
    );
    let mut pandoc = std::process::Command::new("pandoc")
        .args(["-f", "markdown", "-t", "plain", "--standalone"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    pandoc
        .stdin
        .take()
        .unwrap()
        .write_all(md.as_bytes())
        .unwrap();
    let out = pandoc.wait_with_output().unwrap();
    let perr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "pandoc: {perr}");
    assert!(!perr.contains("YAML"), "pandoc: {perr}");
}

#[test]
#[cfg_attr(
    not(run_pandoc_tests),
    ignore = "needs pandoc, not found when the tests were built"
)]
fn pandoc_reads_the_word_file_as_the_report() {
    tools::require("pandoc");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("imc-4.docx");
    let run = rapporteur()
        .args(["export", WATER, "--format", "docx", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let plain = std::process::Command::new("pandoc")
        .args(["-f", "docx", "-t", "plain", "--wrap=none"])
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&plain.stderr);
    assert!(plain.status.success(), "pandoc: {err}");
    assert!(err.trim().is_empty(), "pandoc warned: {err}");
    let text = String::from_utf8(plain.stdout).unwrap();
    for want in [
        "CONFIDENTIAL",
        "Symbol: IMC-W/4/2025/REP",
        "1. The meeting was opened at 14:05 on 3 June 2025",
        "4 delegations were present. The quorum being 3, the meeting was quorate.",
        "Apologies were received from the Ministry of Health (MoH).",
        "Decision IMC-4/2.",
        "Put to a recorded vote and adopted by 3 votes to 1, with no abstentions.",
        "MoA entered a reservation on decision IMC-4/2",
        "Taken ad referendum: it stands unless a delegation breaks the silence by 20 June 2025.",
        "status in-progress → blocked; due 31 December 2025 → 30 June 2026",
        "18. This report is a draft",
        "Annex I: List of participants",
        "Ms A. Baptiste (head of delegation)",
        "Annex III: Action matrix",
        "Rehabilitate the northern reservoirs",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
}

#[cfg(unix)]
#[test]
fn a_classified_word_export_is_0600_and_docx_needs_a_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.docx");
    let run = rapporteur()
        .args(["export", WATER, "--format", "docx", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success());
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let to_stdout = rapporteur()
        .args(["export", WATER, "--format", "docx"])
        .output()
        .unwrap();
    assert_eq!(to_stdout.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&to_stdout.stderr).contains("-o FILE.docx"));
    assert!(to_stdout.stdout.is_empty());
}

#[test]
fn the_report_fixture_checks_clean() {
    let out = rapporteur()
        .args(["check", "tests/fixtures/report"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn vote_mistakes_are_errors_at_their_place() {
    let out = rapporteur()
        .args(["check", "tests/fixtures/invalid/minutes_vote"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let file = "tests/fixtures/invalid/minutes_vote/m1.minutes.toml";
    for (pos, words) in [
        ("38:14", "'us' is an observer: observers do not vote"),
        ("39:12", "'jm' votes but its attendance is 'absent'"),
        ("39:18", "'tt' votes twice: already listed under 'for'"),
        ("40:12", "'ai' (associate-member) is not entitled to vote"),
        ("40:18", "'gy' votes but is not in the attendance"),
    ] {
        assert!(
            err.contains(&format!("{file}:{pos}: error: delegation {words}")),
            "expected {pos} {words} in\n{err}"
        );
    }
    assert!(err.contains("5 error(s)"), "{err}");
}

#[test]
fn record_words_are_checked_at_their_place() {
    let out = rapporteur()
        .args(["check", "tests/fixtures/invalid/minutes_record_words"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (pos, words) in [
        ("11:10", "attendance status 'here' is not valid"),
        ("12:45", "role 'chief' is not valid"),
        (
            "15:14",
            "duplicate attendance of delegation 'tt': first defined on line 10",
        ),
        ("26:7", "for, against and abstain belong to a vote"),
        (
            "31:9",
            "a decision taken ad referendum needs the end of its silence period",
        ),
        ("35:8", "statement kind 'objection' is not valid"),
        ("39:6", "unknown partner 'gy'"),
    ] {
        assert!(
            err.contains(&format!("m1.minutes.toml:{pos}: error: {words}")),
            "expected {pos} {words} in\n{err}"
        );
    }
}

#[test]
fn older_attendance_lines_still_read_and_are_written_in_the_new_form() {
    let old = r#"[meeting]
id = "m1"
title = "First meeting"
date = 2017-01-10
plan = "plan.toml"
agenda = "m1.toml"
state = "draft"

[[attendance]]
represents = "tt"
name = "Minister"
present = true

[[attendance]]
represents = "tt"
name = "Adviser"
present = false

[[attendance]]
represents = "jm"
present = false
"#;
    let parsed = rapporteur::load::parse_document(old, "m1.minutes.toml");
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let Some(rapporteur::load::Document::Minutes(m, _)) = parsed.document else {
        panic!()
    };
    assert_eq!(m.attendance.len(), 2, "one entry per delegation");
    assert!(m.attendance[0].present());
    let names: Vec<&str> = m.attendance[0]
        .delegates
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(names, ["Minister", "Adviser"]);
    assert!(!m.attendance[1].present());
    let toml = rapporteur::minutes::toml_out::to_toml(&m).unwrap();
    assert!(toml.contains("status = \"present\""), "{toml}");
    assert!(!toml.contains("present = "), "{toml}");
    let again = rapporteur::load::parse_document(&toml, "m1.minutes.toml");
    let Some(rapporteur::load::Document::Minutes(back, _)) = again.document else {
        panic!()
    };
    assert_eq!(back, m);
}

#[test]
fn votes_statements_and_attendance_round_trip_byte_for_byte() {
    let (m, _) = water();
    let first = rapporteur::minutes::toml_out::to_toml(&m).unwrap();
    let parsed = rapporteur::load::parse_document(&first, "x.minutes.toml");
    assert!(parsed.problems.is_empty(), "{:?}\n{first}", parsed.problems);
    let Some(rapporteur::load::Document::Minutes(back, _)) = parsed.document else {
        panic!()
    };
    // The writer records an action's effective status; everything else reads back as is.
    assert_eq!(back.attendance, m.attendance);
    assert_eq!(
        back.items[1].decisions[0].taken,
        m.items[1].decisions[0].taken
    );
    assert_eq!(
        back.items[1].decisions[0].statements,
        m.items[1].decisions[0].statements
    );
    assert_eq!(back.items[2].statements, m.items[2].statements);
    assert_eq!(back.meeting, m.meeting);
    assert_eq!(
        rapporteur::minutes::toml_out::to_toml(&back).unwrap(),
        first
    );
    // Consensus is the default and is not written; the other forms are.
    assert!(!first.contains("taken = \"consensus\""));
    for want in [
        "taken = \"vote\"",
        "for = [\"fin\", \"env\", \"wua\"]",
        "against = [\"agri\"]",
        "abstain = []",
        "taken = \"ad-referendum\"",
        "silence_until = 2025-06-20",
        "[[items.decisions.statements]]",
        "kind = \"explanation-of-vote\"",
        "[[items.statements]]",
        "status = \"apologies\"",
        "[[attendance.delegates]]",
        "role = \"head of delegation\"",
        "symbol = \"IMC-W/4/2025/REP\"",
        "taken_up = 15:40:00\nleft = 16:40:00",
    ] {
        assert!(first.contains(want), "missing {want:?} in\n{first}");
    }
}

//! The chair's review: `outstanding` with every filter and format, `history`, `next`, and
//! the review screen, on a fixture history of three meetings.

use std::path::PathBuf;

use assert_cmd::Command;
use rapporteur::review::discover::discover;
use rapporteur::tui::review::{Review, ReviewAction};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const FIXTURE: &str = "tests/fixtures/history";

fn rapporteur() -> Command {
    let mut c = Command::cargo_bin("rapporteur").unwrap();
    c.env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent");
    c
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = rapporteur().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The ids `outstanding --format json` lists with these extra arguments.
fn ids(extra: &[&str]) -> Vec<String> {
    let mut args = vec!["outstanding", FIXTURE, "--format", "json"];
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn all_outstanding_sorted_by_due_date_none_last() {
    // PA-2 done, LE-3 done, m1/1-2 done, m1/2-1 dropped, plain decisions are never actions.
    assert_eq!(
        ids(&["--as-of", "2017-08-01"]),
        ["LE-2", "PA-1", "m2/1-2", "m3/2-1", "LE-1"]
    );
}

#[test]
fn json_has_the_documented_fields_and_latest_values() {
    let (_, out, _) = run(&[
        "outstanding",
        FIXTURE,
        "--format",
        "json",
        "--as-of",
        "2017-08-01",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let pa1 = &v[1];
    assert_eq!(pa1["id"], "PA-1");
    assert_eq!(pa1["area"], "awareness");
    assert_eq!(
        pa1["owners"],
        serde_json::json!(["ctu", "impacs"]),
        "owners updated at m2"
    );
    assert_eq!(pa1["due"], "2017-09-30", "due updated at m2");
    assert_eq!(pa1["status"], "in-progress", "status updated at m1");
    assert_eq!(pa1["overdue"], false);
    assert_eq!(pa1["source"], "plan");
    let m2 = &v[2];
    assert_eq!(
        m2["id"], "m2/1-2",
        "the same decision id in two meetings is two actions"
    );
    assert_eq!(m2["due"], "2017-10-31", "updated at m3");
    assert_eq!(m2["source"], "m2");
    assert_eq!(v[0]["overdue"], true);
    assert_eq!(v[0]["days_overdue"], 32);
}

#[test]
fn as_of_before_and_after_due_dates() {
    assert_eq!(
        ids(&["--overdue", "--as-of", "2017-06-30"]),
        Vec::<String>::new()
    );
    assert_eq!(ids(&["--overdue", "--as-of", "2017-07-01"]), ["LE-2"]);
    assert_eq!(
        ids(&["--overdue", "--as-of", "2017-11-01"]),
        ["LE-2", "PA-1", "m2/1-2"]
    );
}

#[test]
fn owner_by_id_by_fuzzy_name_and_free_text() {
    assert_eq!(
        ids(&["--owner", "impacs", "--as-of", "2017-08-01"]),
        ["LE-2", "PA-1", "m3/2-1", "LE-1"]
    );
    assert_eq!(ids(&["--owner", "Telecommunications"]), ["PA-1"]);
    assert_eq!(ids(&["--owner", "trinidad"]), ["m2/1-2"]);
    assert_eq!(
        ids(&["--owner", "the Chair"]),
        Vec::<String>::new(),
        "its action was dropped"
    );
    let (code, _, err) = run(&["outstanding", FIXTURE, "--owner", "zzzz"]);
    assert_eq!(code, 2);
    assert!(err.contains("no partner matches 'zzzz'"), "{err}");
}

#[test]
fn area_by_id_or_number_and_status() {
    assert_eq!(ids(&["--area", "legal"]), ["LE-2", "m3/2-1", "LE-1"]);
    assert_eq!(ids(&["--area", "2"]), ["LE-2", "m3/2-1", "LE-1"]);
    assert_eq!(ids(&["--status", "blocked"]), ["m3/2-1"]);
    let (code, _, err) = run(&["outstanding", FIXTURE, "--area", "legl"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean 'legal'?"), "{err}");
}

#[test]
fn csv_has_a_header_and_one_line_per_action() {
    let (_, out, _) = run(&[
        "outstanding",
        FIXTURE,
        "--format",
        "csv",
        "--as-of",
        "2017-08-01",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "id,area,title,owners,due,status,overdue,days_overdue,source"
    );
    assert_eq!(lines.len(), 6);
    assert_eq!(
        lines[1],
        "LE-2,legal,Train judges on electronic evidence,impacs,2017-06-30,in-progress,true,32,plan"
    );
    assert!(lines[2].starts_with("PA-1,awareness,Run a campaign,ctu;impacs,2017-09-30,"));
}

#[test]
fn table_is_grouped_by_area_overdue_first() {
    let (_, out, _) = run(&["outstanding", FIXTURE, "--as-of", "2017-11-01"]);
    assert!(!out.contains('\u{1b}'), "plain when piped");
    insta::assert_snapshot!(out);
}

#[test]
fn markdown_table_a_chair_can_paste() {
    let (_, out, _) = run(&[
        "outstanding",
        FIXTURE,
        "--format",
        "md",
        "--as-of",
        "2017-11-01",
    ]);
    insta::assert_snapshot!(out);
}

#[test]
fn several_plans_need_plan() {
    let (code, _, err) = run(&["outstanding", "tests/fixtures"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("several plans") && err.contains("--plan"),
        "{err}"
    );
    let (code, out, err) = run(&[
        "outstanding",
        "tests/fixtures/history",
        "--plan",
        "tests/fixtures/history/plan.toml",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("id,"));
}

#[test]
fn history_lists_every_meeting_that_touched_an_action() {
    let (code, out, _) = run(&["history", "PA-1", FIXTURE]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(out);
    let (_, out, _) = run(&["history", "m1/1-2", FIXTURE]);
    assert!(
        out.contains("2017-01-10 m1 item 1: decided: Draft a leaflet"),
        "{out}"
    );
    assert!(
        out.contains("2017-04-10 m2 item 1: updated: Leaflet drafted."),
        "{out}"
    );
    assert!(out.contains("now: CTU · 2017-02-28 · done"), "{out}");
    let (_, out, _) = run(&["history", "LE-1", FIXTURE]);
    assert!(
        out.contains("decision on it: Review progress on the model law."),
        "{out}"
    );
    let (code, _, err) = run(&["history", "PA-9", FIXTURE]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown action 'PA-9'"), "{err}");
}

#[test]
fn next_drafts_an_agenda_that_checks_clean_and_lists_the_outstanding_actions() {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "plan.toml",
        "m1.minutes.toml",
        "m2.minutes.toml",
        "m3.minutes.toml",
    ] {
        std::fs::copy(format!("{FIXTURE}/{f}"), dir.path().join(f)).unwrap();
    }
    let out = dir.path().join("m4.toml");
    let status = rapporteur()
        .arg("next")
        .arg(dir.path().join("m3.minutes.toml"))
        .args(["--date", "2017-10-10", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let (code, _, err) = run(&["check", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("id = \"m4\""), "{text}");
    assert!(text.contains("date = 2017-10-10"));
    assert!(text.contains("Approval of the minutes of the Third review (m3)"));
    let parsed = rapporteur::load::parse_document(&text, "m4.toml");
    let Some(rapporteur::load::Document::Agenda(agenda, _)) = parsed.document else {
        panic!()
    };
    let arising: Vec<String> = agenda
        .items
        .iter()
        .filter_map(|i| i.title.strip_prefix("Matters arising: "))
        .map(|t| t.split(' ').next().unwrap().to_string())
        .collect();
    let mut want = vec!["PA-1", "LE-1", "LE-2", "m2/1-2", "m3/2-1"];
    let mut got: Vec<&str> = arising.iter().map(String::as_str).collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    let areas: Vec<_> = agenda.items.iter().filter_map(|i| i.area.clone()).collect();
    assert_eq!(areas, ["awareness", "legal"], "one item per priority area");
    assert_eq!(agenda.attendees.len(), 1);
}

fn review() -> Review {
    let found = discover(&[PathBuf::from(FIXTURE)], None).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2017, 11, 1).unwrap();
    Review::new(
        &found,
        rapporteur::load::theme::load("default").unwrap(),
        date,
    )
}

fn draw(r: &Review) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(100, 24)).unwrap();
    t.draw(|f| {
        let area = f.area();
        r.render(area, f.buffer_mut());
    })
    .unwrap();
    t
}

#[test]
fn review_by_area() {
    insta::assert_snapshot!(draw(&review()).backend());
}

#[test]
fn review_by_owner() {
    let mut r = review();
    r.update(ReviewAction::ToggleGrouping);
    insta::assert_snapshot!(draw(&r).backend());
}

#[test]
fn review_history() {
    let mut r = review();
    r.update(ReviewAction::Down);
    r.update(ReviewAction::Open);
    assert!(r.history.is_some());
    insta::assert_snapshot!(draw(&r).backend());
    assert!(!r.update(ReviewAction::Back));
    assert!(r.history.is_none());
}

#[test]
fn review_filters_as_you_type_and_quits() {
    let mut r = review();
    for c in "print the leaflet".chars() {
        r.update(ReviewAction::Type(c));
    }
    assert_eq!(r.selected().unwrap().id, "m2/1-2");
    let rows = r
        .lines
        .iter()
        .filter(|l| matches!(l, rapporteur::tui::review::ViewLine::Row(_)))
        .count();
    assert_eq!(rows, 1);
    assert!(!r.update(ReviewAction::Back), "Esc clears the filter first");
    assert!(r.filter.is_empty());
    assert!(r.update(ReviewAction::Back), "then quits");
}

/// A river basin board's minutes hold decisions whose text a spreadsheet would run.
const WATERBOARD: &str = "tests/fixtures/waterboard";

#[test]
fn csv_neutralises_spreadsheet_formulas() {
    let (code, out, err) = run(&[
        "outstanding",
        WATERBOARD,
        "--format",
        "csv",
        "--as-of",
        "2021-03-05",
    ]);
    assert_eq!(code, 0, "{err}");
    for (id, field) in [
        (
            "board-7/1-1,",
            r#""'=HYPERLINK(""http://example.invalid"",""leakage report"")""#,
        ),
        ("board-7/1-2,", r#""'-5% leakage by year end","'@ops desk""#),
        (
            "board-7/3-1,",
            r#""' plus sign: +1 for the anglers' proposal""#,
        ),
    ] {
        let line = out.lines().find(|l| l.starts_with(id)).unwrap_or_default();
        assert!(line.contains(field), "{id} neutralised: {line}");
    }
    for line in out.lines() {
        for field in line.split(',') {
            assert!(
                !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "no field starts a formula: {line}"
            );
        }
    }
}

#[test]
fn next_keeps_confidential_actions_under_confidential_items() {
    let (code, out, err) = run(&[
        "next",
        "tests/fixtures/waterboard/2021-03-04-board-7.minutes.toml",
        "--date",
        "2021-06-03",
    ]);
    assert_eq!(code, 0, "{err}");
    let agenda: toml::Table = out.parse().unwrap();
    let items = agenda["items"].as_array().unwrap();
    let confidential = |needle: &str| {
        let item = items
            .iter()
            .find(|i| i["title"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("an item for {needle:?} in\n{out}"));
        item.get("confidential")
            .and_then(toml::Value::as_bool)
            .unwrap_or(false)
    };
    assert!(
        confidential("board-7/2-1 Ask the prosecutor"),
        "decided under a confidential item"
    );
    assert!(
        confidential("board-7/3-1"),
        "a confidential decision under an open item"
    );
    assert!(!confidential("board-7/1-2"), "an open decision stays open");
    assert!(
        !confidential("S-1 Meter every district"),
        "plan actions are open"
    );
    for i in items {
        let open = !i
            .get("confidential")
            .and_then(toml::Value::as_bool)
            .unwrap_or(false);
        let title = i["title"].as_str().unwrap();
        assert!(
            !(open && (title.contains("tannery") || title.contains("anglers"))),
            "confidential words in an open item: {title}"
        );
    }
}

/// At 80 columns each action shows its own name and its own title: a decision of an
/// earlier meeting is never cut to `csm-ii/…`.
#[test]
fn review_at_80_columns_names_each_action_by_its_id_and_title() {
    let found = discover(&[PathBuf::from("meetings/ccscap")], None).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2016, 11, 1).unwrap();
    let r = Review::new(
        &found,
        rapporteur::load::theme::load("default").unwrap(),
        date,
    );
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| {
        let area = f.area();
        r.render(area, f.buffer_mut());
    })
    .unwrap();
    let buf = t.backend().buffer().clone();
    let lines: Vec<String> = (0..24)
        .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect())
        .collect();
    let text = lines.join("\n");
    assert!(!text.contains("csm-ii/…"), "{text}");
    let row = lines
        .iter()
        .find(|l| l.contains("csm-ii/5.2-1"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(row.contains("Map the cyber security"), "{row}");
}

/// With many outstanding actions, `next` drafts one matters-arising item per overdue
/// action (overdue first) and one per priority area for the rest, every action still
/// named by its id, in a total timebox that fits a meeting; the draft checks clean.
#[test]
fn next_groups_many_matters_arising_by_area_naming_every_action() {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "plan.toml",
        "2016-03-15-csm-ii.toml",
        "2016-03-15-csm-ii.minutes.toml",
    ] {
        std::fs::copy(format!("meetings/ccscap/{f}"), dir.path().join(f)).unwrap();
    }
    let out = dir.path().join("next.toml");
    let status = rapporteur()
        .arg("next")
        .arg(dir.path().join("2016-03-15-csm-ii.minutes.toml"))
        .args(["--date", "2017-05-01", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let (code, _, err) = run(&["check", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    let agenda: toml::Table = text.parse().unwrap();
    let items = agenda["items"].as_array().unwrap();
    let arising: Vec<&toml::Value> = items
        .iter()
        .filter(|i| i["id"].as_str().unwrap().starts_with("4."))
        .collect();
    let titles: Vec<&str> = arising
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    // Every outstanding action of the ledger is named by id.
    let found = discover(&[dir.path().to_path_buf()], None).unwrap();
    let ledger =
        rapporteur::model::Ledger::build(&found.plan, found.minutes.iter().map(|(_, m)| m));
    let outstanding: Vec<String> = ledger.outstanding().map(|a| a.id.to_string()).collect();
    assert!(outstanding.len() > rapporteur::review::next::ONE_ITEM_EACH_UP_TO);
    assert!(titles.len() < outstanding.len(), "{titles:#?}");
    for id in &outstanding {
        let named = titles
            .iter()
            .any(|t| t.split([' ', ',', ';']).any(|w| w == id));
        assert!(named, "{id} is named in\n{titles:#?}");
    }
    // Overdue actions first, each on its own; then one group per area.
    let own: Vec<&str> = titles
        .iter()
        .take_while(|t| t.starts_with("Matters arising: "))
        .copied()
        .collect();
    assert!(!own.is_empty());
    assert!(
        titles[own.len()..]
            .iter()
            .all(|t| t.starts_with("Matters arising, "))
    );
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Matters arising, priority area 1 ("))
    );
    let total: i64 = items
        .iter()
        .filter(|i| {
            let id = i["id"].as_str().unwrap();
            id == "4" || id.starts_with("4.")
        })
        .map(|i| i["minutes"].as_integer().unwrap())
        .sum();
    assert!(
        total <= i64::from(rapporteur::review::next::ARISING_MINUTES),
        "{total}"
    );
}

fn review_of(folder: &str, as_of: (i32, u32, u32)) -> Review {
    let found = discover(&[PathBuf::from(folder)], None).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(as_of.0, as_of.1, as_of.2).unwrap();
    Review::new(
        &found,
        rapporteur::load::theme::load("default").unwrap(),
        date,
    )
}

fn kept(r: &mut Review, typed: &str) -> Vec<String> {
    while !r.filter.is_empty() {
        r.update(ReviewAction::Backspace);
    }
    for c in typed.chars() {
        r.update(ReviewAction::Type(c));
    }
    let mut ids: Vec<String> = r
        .lines
        .iter()
        .filter_map(|l| match l {
            rapporteur::tui::review::ViewLine::Row(i) => Some(r.rows[*i].id.clone()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids
}

/// The review's filter takes owners by the owner-matching rule and other words by word
/// starts: `ctu` (a subsequence of many titles: "Establish the Regional Cyber Committee ...")
/// keeps the CTU's actions only.
#[test]
fn the_review_filter_matches_owners_strongly_and_words_by_their_starts() {
    let mut r = review_of("meetings/ccscap", (2017, 1, 1));
    assert_eq!(kept(&mut r, "ctu"), ["PA-1", "PA-2", "TS-1", "TS-4"]);
    assert_eq!(
        kept(&mut r, "trinidad"),
        ["PA-4"],
        "Trinidad and Tobago CIRT by name"
    );
    assert_eq!(kept(&mut r, "chair"), ["csm-ii/6-2"], "a free-text owner");
    assert_eq!(
        kept(&mut r, "cyber stand"),
        ["TS-1"],
        "word starts in order"
    );
    assert_eq!(kept(&mut r, "LE-1"), ["LE-1"]);
    assert_eq!(
        kept(&mut r, "legal"),
        ["LE-1", "LE-2", "LE-3", "LE-4", "csm-ii/5.4-1"],
        "the area's name"
    );
    assert_eq!(kept(&mut r, "xq"), Vec::<String>::new());
    // Another body: the river board, owners without a short name.
    let mut r = review_of(WATERBOARD, (2021, 4, 1));
    let anglers = kept(&mut r, "anglers");
    assert!(anglers.iter().all(|id| id == "board-7/3-1"), "{anglers:?}");
    assert_eq!(kept(&mut r, "moe"), ["Q-1", "board-7/2-1"]);
}

/// `dates = "day"`: the outstanding table, its Markdown and the review screen write every
/// due date as `31 Mar 2017`, never ISO.
#[test]
fn under_dates_day_the_table_the_markdown_and_the_review_screen_write_day_dates() {
    use rapporteur::model::dates::DateStyle;
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(config.path().join("rapporteur")).unwrap();
    std::fs::write(
        config.path().join("rapporteur/config.toml"),
        "dates = \"day\"\n",
    )
    .unwrap();
    let (_, json, _) = run(&[
        "outstanding",
        FIXTURE,
        "--format",
        "json",
        "--as-of",
        "2017-11-01",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let dues: Vec<chrono::NaiveDate> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["due"].as_str())
        .map(|d| d.parse().unwrap())
        .collect();
    assert!(dues.len() >= 3, "{json}");
    for format in ["table", "md"] {
        let out = rapporteur()
            .env("XDG_CONFIG_HOME", config.path())
            .args([
                "outstanding",
                FIXTURE,
                "--as-of",
                "2017-11-01",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{text}");
        for d in &dues {
            assert!(
                text.contains(&DateStyle::Day.format(*d)),
                "{format}: {} in\n{text}",
                DateStyle::Day.format(*d)
            );
            assert!(
                !text.contains(&d.to_string()),
                "{format}: ISO {d} in\n{text}"
            );
        }
    }
    let r = review().with_dates(DateStyle::Day);
    let t = draw(&r);
    let buf = t.backend().buffer();
    let screen: String = (0..buf.area.height)
        .map(|y| {
            let mut l: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            l.push('\n');
            l
        })
        .collect();
    let shown = dues
        .iter()
        .filter(|d| screen.contains(&DateStyle::Day.format(**d)))
        .count();
    assert!(
        shown >= 3,
        "due dates in the day style on screen:\n{screen}"
    );
    for d in &dues {
        assert!(
            !screen.contains(&d.to_string()),
            "ISO {d} on screen:\n{screen}"
        );
    }
}

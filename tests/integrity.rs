//! Record integrity on the live screen (issue 9): what the minutes say is exactly what was
//! said. Each test here failed before its fix.

mod common;

use common::*;
use rapporteur::minutes::{markdown, store};
use rapporteur::model::dates::DateStyle;
use rapporteur::model::{Decision, Update};
use rapporteur::tui::action::{Action, Effect};
use rapporteur::tui::app::{App, Mode, Pane, SaveState};
use rapporteur::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn screen_text(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::draw(app, f)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Writes the minutes and the Markdown as the loop does; returns both files' bytes.
fn write(app: &App, dir: &std::path::Path) -> (Vec<u8>, Vec<u8>) {
    let path = dir.join("m.minutes.toml");
    store::save_minutes(&path, &app.record.minutes).unwrap();
    let ctx = markdown::Context {
        plan: Some(&app.plan),
        others: &app.others,
        ..Default::default()
    };
    store::save_markdown(&path, &app.record.minutes, &ctx).unwrap();
    (
        std::fs::read(&path).unwrap(),
        std::fs::read(store::markdown_path(&path)).unwrap(),
    )
}

// ---- 9.1 read-only ---------------------------------------------------------------------

fn read_only() -> App {
    let mut app = sample();
    app.record.save = SaveState::ReadOnly("opened with --read-only: nothing is written".into());
    app
}

#[test]
fn read_only_w_writes_nothing_and_says_so() {
    let mut app = read_only();
    assert_eq!(press(&mut app, KeyCode::Char('w')), Effect::None);
    assert!(
        format!("{:?}", app.screen.message).contains("read-only"),
        "{:?}",
        app.screen.message
    );
}

#[test]
fn read_only_every_changing_key_says_read_only_and_changes_nothing() {
    let mut app = read_only();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Tab);
    let before = app.record.minutes.clone();
    let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
    for k in ['w', 'd', 'o', 't', 's', 'n', 'x', 'u'] {
        app.screen.message = None;
        assert_eq!(press(&mut app, KeyCode::Char(k)), Effect::None, "{k}");
        assert!(
            matches!(app.screen.mode, Mode::Normal),
            "{k} opened a popup"
        );
        assert!(
            format!("{:?}", app.screen.message).contains("read-only"),
            "{k}: {:?}",
            app.screen.message
        );
    }
    app.screen.message = None;
    assert_eq!(key(&mut app, ctrl_r), Effect::None);
    assert!(format!("{:?}", app.screen.message).contains("read-only"));
    // Enter on a record would edit it.
    app.screen.message = None;
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    assert!(matches!(app.screen.mode, Mode::Normal));
    assert!(format!("{:?}", app.screen.message).contains("read-only"));
    // Attendance opens to look, but Space changes nothing.
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(press(&mut app, KeyCode::Char(' ')), Effect::None);
    press(&mut app, KeyCode::Esc);
    // Taking an item up starts nothing on disk.
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.screen.focus, Pane::Agenda);
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    assert_eq!(app.record.minutes, before);
    assert!(app.record.undo.is_empty());
}

#[test]
fn read_only_walk_to_an_area_without_an_item_adds_none() {
    let mut app = read_only();
    app.record.minutes.items.retain(|i| i.id != "6.3");
    let n = app.record.minutes.items.len();
    assert_eq!(press(&mut app, KeyCode::Char('3')), Effect::None);
    assert_eq!(app.record.minutes.items.len(), n);
    assert!(format!("{:?}", app.screen.message).contains("read-only"));
}

#[test]
fn read_only_footer_and_help_show_only_keys_that_work() {
    let mut app = read_only();
    let screen = screen_text(&app, 120, 40);
    let footer = screen.lines().nth(38).unwrap();
    for word in [
        " decide ", " owners ", " due ", " status ", " notes ", " undo ",
    ] {
        assert!(!footer.contains(word), "footer offers{word}: {footer}");
    }
    assert!(footer.contains("search"), "{footer}");
    press(&mut app, KeyCode::Char('?'));
    let help = screen_text(&app, 120, 40);
    for gone in [
        "record a decision",
        "write the minutes now",
        "delete the selected",
    ] {
        assert!(!help.contains(gone), "help offers '{gone}'");
    }
    assert!(help.contains("search items"));
    assert!(!help.contains("Owner picker"), "a popup that cannot open");
    // A writable screen shows them (a few rows taller: the writable key list is longer, and
    // the owner picker's heading is below the first 40 rows).
    let mut app = sample();
    press(&mut app, KeyCode::Char('?'));
    let help = screen_text(&app, 120, 44);
    assert!(help.contains("record a decision") && help.contains("Owner picker"));
}

// ---- 9.2 editors start from the stored text --------------------------------------------

const AWKWARD: &str =
    "tab\there\nsecond line \u{1b}[31mred\u{1b}[0m \u{202e}reversed\u{202c} end\n";

fn awkward_meeting() -> App {
    let mut app = sample();
    let item = &mut app.record.minutes.items[5];
    item.notes = Some(AWKWARD.to_string());
    item.decisions.push_back(Decision {
        id: format!("{}-1", item.id),
        text: AWKWARD.trim_end().to_string(),
        ..Decision::default()
    });
    item.updates.push(Update {
        action: "PA-1".into(),
        note: Some("a\tnote \u{1b}x \u{2066}iso\u{2069}".into()),
        ..Update::default()
    });
    app.screen.item = 5;
    app
}

#[test]
fn editors_hold_the_stored_text_not_its_escaped_display() {
    let mut app = awkward_meeting();
    press(&mut app, KeyCode::Char('n'));
    let Mode::Notes(n) = &app.screen.mode else {
        panic!("notes editor")
    };
    assert_eq!(n.input.lines().join("\n"), AWKWARD);
    // What is drawn is inert: no raw ESC or bidi override reaches the terminal.
    let drawn = screen_text(&app, 120, 40);
    assert!(!drawn.contains('\u{1b}') && !drawn.contains('\u{202e}'));
    assert!(drawn.contains("\\u{1b}"), "{drawn}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Enter);
    let Mode::Prompt(p) = &app.screen.mode else {
        panic!("decision editor")
    };
    assert_eq!(p.text(), AWKWARD.trim_end());
}

#[test]
fn opening_and_closing_editors_unchanged_leaves_every_file_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = awkward_meeting();
    let before = write(&app, dir.path());
    // Notes: Esc saves and closes; Ctrl-s saves.
    press(&mut app, KeyCode::Char('n'));
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(key(&mut app, ctrl_s), Effect::None);
    assert_eq!(press(&mut app, KeyCode::Esc), Effect::None);
    // The decision: Enter edits, Enter confirms unchanged; then Esc.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    press(&mut app, KeyCode::Enter);
    assert_eq!(press(&mut app, KeyCode::Esc), Effect::None);
    // The note on an action's update.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.screen.mode, Mode::Prompt(_)));
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    assert!(app.record.undo.is_empty(), "nothing was recorded");
    assert_eq!(write(&app, dir.path()), before);
}

#[test]
fn an_edited_note_keeps_its_other_characters_exactly() {
    let mut app = awkward_meeting();
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char('!'));
    assert_eq!(press(&mut app, KeyCode::Esc), Effect::Save);
    let notes = app.record.minutes.items[5].notes.clone().unwrap();
    assert!(notes.contains('\t') && notes.contains('\u{1b}') && notes.contains('\u{202e}'));
    assert!(!notes.contains("\\u{1b}") && !notes.contains('⏎'));
}

// ---- 9.7 status line -------------------------------------------------------------------

#[test]
fn the_status_line_claims_no_save_before_the_first_write() {
    let app = sample();
    let screen = screen_text(&app, 80, 24);
    let status = screen.lines().nth(23).unwrap();
    assert!(status.contains("no changes yet"), "{status}");
    assert!(!status.contains("saved"), "{status}");
    let mut app = sample();
    app.record.written = Some(ten_am() + chrono::Duration::seconds(75));
    let screen = screen_text(&app, 80, 24);
    let status = screen.lines().nth(23).unwrap();
    assert!(status.contains("saved at 10:01:15"), "{status}");
}

// ---- 9.14 one date format --------------------------------------------------------------

#[test]
fn the_header_shows_the_meeting_date_at_80_columns_in_the_dates_style() {
    let mut app = sample();
    let header = screen_text(&app, 80, 24)
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert!(header.contains("2016-11-21"), "{header}");
    assert!(header.contains("RESTRICTED"), "{header}");
    app.screen.dates = DateStyle::Day;
    let header = screen_text(&app, 80, 24)
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert!(header.contains("21 Nov 2016"), "{header}");
}

#[test]
fn the_due_date_message_and_detail_follow_the_dates_style() {
    let mut app = sample();
    app.screen.dates = DateStyle::Day;
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "Circulate the report");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "2017-03-31");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    assert!(
        format!("{:?}", app.screen.message).contains("Fri 31 Mar 2017"),
        "{:?}",
        app.screen.message
    );
    act(&mut app, Action::Resize(120, 40));
    assert!(screen_text(&app, 120, 40).contains("31 Mar 2017"));
    app.screen.dates = DateStyle::Iso;
    assert!(screen_text(&app, 120, 40).contains("2017-03-31"));
}

// ---- 9.4 decision ids are never reused -------------------------------------------------

fn decide(app: &mut App, text: &str) {
    press(app, KeyCode::Char('d'));
    type_text(app, text);
    press(app, KeyCode::Enter);
    press(app, KeyCode::Esc);
    press(app, KeyCode::Esc);
}

fn ids(app: &App) -> Vec<String> {
    app.decisions().iter().map(|d| d.id.clone()).collect()
}

#[test]
fn a_deleted_decision_id_is_never_issued_again_not_even_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample();
    press(&mut app, KeyCode::Char('1'));
    decide(&mut app, "one");
    decide(&mut app, "two");
    let (untouched, _) = write(&app, dir.path());
    assert!(
        !String::from_utf8_lossy(&untouched).contains("issued"),
        "a file with no delete carries no issued"
    );
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(press(&mut app, KeyCode::Char('x')), Effect::Save);
    assert_eq!(ids(&app), ["6.1-1"]);
    let (deleted, _) = write(&app, dir.path());
    let text = String::from_utf8_lossy(&deleted).into_owned();
    assert!(text.contains("issued = 2"), "{text}");
    // Undo of the delete restores the same id, and the file as it was.
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(ids(&app), ["6.1-1", "6.1-2"]);
    assert_eq!(write(&app, dir.path()).0, untouched);
    app.screen.focus = Pane::Main;
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(ids(&app), ["6.1-1"]);
    assert_eq!(write(&app, dir.path()).0, deleted);
    // Reopened from the file, the next decision is 6.1-3.
    let reopened =
        rapporteur::load::workspace::load_minutes(&dir.path().join("m.minutes.toml")).unwrap();
    assert_eq!(reopened.item("6.1").unwrap().next_decision_id(), "6.1-3");
    app.record.minutes = reopened;
    decide(&mut app, "three");
    assert_eq!(ids(&app), ["6.1-1", "6.1-3"]);
    let text = String::from_utf8_lossy(&write(&app, dir.path()).0).into_owned();
    // 6.1-3 listed supersedes issued = 2: the file needs it no longer.
    assert!(!text.contains("issued"), "{text}");
}

#[test]
fn undoing_a_new_decision_does_not_free_its_id() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('1'));
    decide(&mut app, "one");
    press(&mut app, KeyCode::Char('u'));
    assert!(ids(&app).is_empty());
    decide(&mut app, "again");
    assert_eq!(ids(&app), ["6.1-2"], "6.1-1 was written once: never again");
}

#[test]
fn a_negative_issued_is_refused_with_its_position() {
    let path =
        std::path::Path::new("tests/fixtures/invalid/minutes_negative_issued/m1.minutes.toml");
    let Err(rapporteur::load::LoadError::Invalid(diags)) =
        rapporteur::load::workspace::load_minutes(path)
    else {
        panic!("a negative issued must not load")
    };
    let text: String = diags.iter().map(|d| d.render(false)).collect();
    assert!(text.contains("m1.minutes.toml:13:10:"), "{text}");
    assert!(text.contains("'issued'"), "{text}");
}

// ---- 9.5 approved minutes --------------------------------------------------------------

fn approved() -> App {
    let mut app = sample();
    let m = &mut app.record.minutes;
    m.state = rapporteur::model::MinutesState::Approved;
    m.approved_at = Some("consle-18".into());
    let i = m.items.iter().position(|r| r.id == "6.1").unwrap();
    m.items[i].decisions.push_back(Decision {
        id: "6.1-1".into(),
        text: "Run the campaign".into(),
        ..Decision::default()
    });
    app
}

#[test]
fn approved_minutes_are_read_only_and_say_by_whom_and_when() {
    let mut app = approved();
    app.record.follow_approval(false, Some("2017-05-15".into()));
    assert!(app.read_only());
    let status = screen_text(&app, 120, 40)
        .lines()
        .nth(39)
        .unwrap()
        .to_string();
    assert!(
        status.contains("approved by meeting consle-18 on 2017-05-15"),
        "{status}"
    );
    assert!(status.contains("--amend"), "{status}");
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(press(&mut app, KeyCode::Char('d')), Effect::None);
    assert!(format!("{:?}", app.screen.message).contains("read-only: approved"));
}

#[test]
fn an_amendment_after_approval_is_recorded_in_the_file_and_the_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = approved();
    app.record.follow_approval(true, None);
    assert!(!app.read_only());
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, " nationally");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    let m = &app.record.minutes;
    assert_eq!(m.state, rapporteur::model::MinutesState::Approved);
    assert_eq!(m.amendments.len(), 1);
    assert_eq!(m.amendments[0].after_approval_by, "consle-18");
    assert_eq!(
        m.amendments[0].changes,
        ["decision 6.1-1 changed: text: Run the campaign {+nationally+}"]
    );
    let (toml, md) = write(&app, dir.path());
    let toml = String::from_utf8(toml).unwrap();
    assert!(
        toml.contains("[[amendments]]\nafter_approval_by = \"consle-18\""),
        "{toml}"
    );
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("### Amendments after approval"), "{md}");
    assert!(
        md.contains("- After approval by consle-18: decision 6.1-1 changed"),
        "{md}"
    );
    // A public edition says there were amendments, not what they quote.
    let public = markdown::render_with(
        &app.record.minutes,
        &markdown::Context::default(),
        rapporteur::minutes::Audience::Public,
    );
    assert!(
        public.contains("corrected 1 time(s) after its approval"),
        "{public}"
    );
    assert!(!public.contains("6.1-1 changed"), "{public}");
    let (public_json, _) = rapporteur::minutes::for_audience(
        &app.record.minutes,
        rapporteur::minutes::Audience::Public,
    );
    let json = rapporteur::minutes::json::to_json_string(&public_json);
    assert!(
        json.contains("after_approval_by") && !json.contains("6.1-1 changed"),
        "{json}"
    );
    // The file reads back to the same minutes, and undo takes the amendment away with
    // the change it describes.
    let back =
        rapporteur::load::workspace::load_minutes(&dir.path().join("m.minutes.toml")).unwrap();
    assert_eq!(back.amendments, app.record.minutes.amendments);
    // rapporteur diff reports the amendment.
    let approved_before = approved();
    let words = rapporteur::minutes::diff::diff(&approved_before.record.minutes, &back);
    assert!(
        words.iter().any(|w| w.starts_with("amendment after approval by consle-18: decision 6.1-1 changed")),
        "{words:?}"
    );
    press(&mut app, KeyCode::Char('u'));
    assert!(app.record.minutes.amendments.is_empty());
}

/// Runs the binary in `dir` with `input` on a pipe; returns (exit code, stdout, stderr).
fn run_in(dir: &std::path::Path, args: &[&str], input: &str) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("rapporteur")
        .unwrap()
        .env_remove("RUST_BACKTRACE")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .current_dir(dir)
        .args(args)
        .write_stdin(input)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_binary_approves_then_open_amend_records_a_change_as_an_amendment() {
    // Another body's meeting: approved by the binary at a later meeting of the folder.
    let dir = tempfile::tempdir().unwrap();
    for f in ["plan.toml", "m1.toml", "m1.minutes.toml"] {
        std::fs::copy(format!("tests/fixtures/senate/{f}"), dir.path().join(f)).unwrap();
    }
    std::fs::write(
        dir.path().join("m2.toml"),
        "[meeting]\nid = \"estates-2\"\ntitle = \"Second meeting of the Estates Committee\"\n\
         body = \"Estates Committee\"\ndate = 2020-04-01\nplan = \"plan.toml\"\n\n\
         [[items]]\nid = \"1\"\ntitle = \"Minutes of the first meeting\"\n",
    )
    .unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &["approve", "m1.minutes.toml", "--at", "estates-2"],
        "",
    );
    assert_eq!(code, 0, "{err}");
    // Without --amend the approved minutes are read-only: the line is refused.
    let approved = std::fs::read(dir.path().join("m1.minutes.toml")).unwrap();
    let (code, out, _) = run_in(
        dir.path(),
        &["open", "--plain", "m1.toml"],
        "take 1\nsel 1-2\ns done\nq\n",
    );
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        std::fs::read(dir.path().join("m1.minutes.toml")).unwrap(),
        approved
    );
    // With --amend the change is made and recorded as an amendment, in the file and the
    // Markdown.
    let (code, out, err) = run_in(
        dir.path(),
        &["open", "--amend", "--plain", "m1.toml"],
        "take 1\nsel 1-2\ns done\nq\n",
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("each change is recorded as an amendment"),
        "{out}"
    );
    let toml = std::fs::read_to_string(dir.path().join("m1.minutes.toml")).unwrap();
    assert!(toml.contains("state = \"approved\""), "{toml}");
    assert!(
        toml.contains("[[amendments]]\nafter_approval_by = \"estates-2\""),
        "{toml}"
    );
    let back =
        rapporteur::load::workspace::load_minutes(&dir.path().join("m1.minutes.toml")).unwrap();
    assert_eq!(back.amendments.len(), 1, "{toml}");
    let change = &back.amendments[0].changes;
    assert!(
        change.len() == 1 && change[0].starts_with("decision 1-2 changed: status"),
        "{change:?}"
    );
    assert_eq!(
        back.items[0].decisions[1].status,
        Some(rapporteur::model::Status::Done)
    );
    let md = std::fs::read_to_string(dir.path().join("m1.minutes.md")).unwrap();
    assert!(md.contains("### Amendments after approval"), "{md}");
    assert!(
        md.contains("- After approval by estates-2: decision 1-2 changed"),
        "{md}"
    );
    let (code, _, err) = run_in(dir.path(), &["check", "."], "");
    assert_eq!(code, 0, "{err}");
}

#[test]
fn amend_is_refused_for_minutes_that_are_not_approved() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["plan.toml", "m1.toml", "m1.minutes.toml"] {
        std::fs::copy(format!("tests/fixtures/senate/{f}"), dir.path().join(f)).unwrap();
    }
    let out = assert_cmd::Command::cargo_bin("rapporteur")
        .unwrap()
        .env_remove("RUST_BACKTRACE")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .args(["open", "--amend"])
        .arg(dir.path().join("m1.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--amend corrects approved minutes"), "{err}");
    let lock = dir.path().join(".m1.minutes.toml.lock");
    assert!(!lock.exists());
}

#[test]
fn the_markdown_and_the_history_write_dates_in_the_dates_style() {
    let path = std::path::Path::new("meetings/ccscap/2016-03-15-csm-ii.minutes.toml");
    let m = rapporteur::load::workspace::load_minutes(path).unwrap();
    let plan = load_plan_of(&m);
    let day = markdown::Context {
        plan: Some(&plan),
        others: &[],
        dates: DateStyle::Day,
    };
    let md = markdown::render_with(&m, &day, rapporteur::minutes::Audience::All);
    // The annexes' tables follow the setting; the report's prose keeps its long form.
    assert!(md.contains("| 30 Apr 2016 |"), "{md}");
    assert!(!md.contains("| 2016-04-30 |"), "{md}");
    assert!(md.contains("Due by 30 April 2016."), "{md}");
    // Front matter stays ISO for tools.
    assert!(
        md.contains("date: \"2016-03-15\"") || md.contains("date: 2016-03-15"),
        "{md}"
    );
    let ledger = rapporteur::model::Ledger::build(&plan, [&m]);
    let h =
        rapporteur::review::history::history(&ledger, &plan, "csm-ii/6-2", DateStyle::Day).unwrap();
    assert!(h.contains("15 Mar 2016"), "{h}");
}

fn load_plan_of(m: &rapporteur::model::Minutes) -> rapporteur::model::Plan {
    rapporteur::load::workspace::load_plan(
        &std::path::Path::new("meetings/ccscap").join(&m.meeting.plan),
    )
    .unwrap()
}

// ---- 9.10 one meaning of "earlier" -----------------------------------------------------

#[test]
fn a_meeting_earlier_the_same_day_counts_as_earlier_whatever_its_id() {
    // "zz-morning" sorts after "consle-17" by id, but met at 08:00, before CONSLE's 09:00.
    let mut opened = rapporteur::load::workspace::open_agenda(std::path::Path::new(
        "meetings/ccscap/2016-11-21-consle-17.toml",
    ))
    .unwrap();
    opened.minutes = None;
    let mut morning = opened.others[0].clone();
    morning.meeting.id = "zz-morning".into();
    morning.meeting.date = opened.agenda.meeting.date;
    morning.meeting.start = chrono::NaiveTime::from_hms_opt(8, 0, 0);
    opened.others = vec![morning.clone()];
    let app = App::new(
        opened,
        rapporteur::load::theme::load("default").unwrap(),
        ten_am(),
    );
    assert!(
        app.cache.baseline.get("zz-morning/6-2").is_some(),
        "the 08:00 meeting's actions are matters arising at 09:00"
    );
    assert!(app.cache.arising.iter().any(|a| a == "zz-morning/6-2"));
    // The ledger and the screen agree: the same function orders both.
    use rapporteur::model::ledger::{in_meeting_order, is_earlier};
    assert!(is_earlier(&morning.meeting, &app.record.minutes.meeting));
    let both = [app.record.minutes.clone(), morning];
    let order: Vec<&str> = in_meeting_order(&both)
        .iter()
        .map(|m| m.meeting.id.as_str())
        .collect();
    assert_eq!(order, ["zz-morning", "consle-17"]);
}

#[test]
fn undo_and_redo_say_what_they_changed() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('1'));
    decide(&mut app, "one");
    press(&mut app, KeyCode::Char('u'));
    let msg = format!("{:?}", app.screen.message);
    assert!(msg.contains("undone: decision 6.1-1 (removed)"), "{msg}");
    let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
    key(&mut app, ctrl_r);
    let msg = format!("{:?}", app.screen.message);
    assert!(msg.contains("redone: decision 6.1-1 (back)"), "{msg}");
}

#[test]
fn amendments_made_on_two_sides_merge_without_conflict() {
    let base = approved().record.minutes;
    let amendment = |what: &str| rapporteur::model::Amendment {
        after_approval_by: "consle-18".into(),
        changes: vec![what.to_string()],
    };
    let mut ours = base.clone();
    ours.amendments.push(amendment("ours"));
    let mut theirs = base.clone();
    theirs.amendments.push(amendment("theirs"));
    let merged = rapporteur::minutes::merge::merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(
        merged.minutes.amendments,
        [amendment("ours"), amendment("theirs")]
    );
}

#[test]
fn one_attendance_line_under_amend_records_one_amendment_from_before_to_after() {
    // The water committee (not the sample): health sent apologies; approved at imc-5.
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new("tests/fixtures/report");
    for f in [
        "plan.toml",
        "2025-06-03-imc-4.toml",
        "2025-06-03-imc-4.minutes.toml",
    ] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let agenda = std::fs::read_to_string(src.join("2025-06-03-imc-4.toml")).unwrap();
    std::fs::write(
        dir.path().join("2025-07-01-imc-5.toml"),
        agenda
            .replace("id = \"imc-4\"", "id = \"imc-5\"")
            .replace("date = 2025-06-03", "date = 2025-07-01"),
    )
    .unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &["approve", "2025-06-03-imc-4.minutes.toml", "--at", "imc-5"],
        "",
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run_in(
        dir.path(),
        &["open", "--amend", "--plain", "2025-06-03-imc-4.toml"],
        "a health present\nq\n",
    );
    assert_eq!(code, 0, "{out}{err}");
    let path = dir.path().join("2025-06-03-imc-4.minutes.toml");
    let back = rapporteur::load::workspace::load_minutes(&path).unwrap();
    assert_eq!(back.amendments.len(), 1, "{:?}", back.amendments);
    let changes = &back.amendments[0].changes;
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(
        changes[0].starts_with("attendance: ") && changes[0].ends_with("apologies -> present"),
        "never a state that did not exist (absent): {changes:?}"
    );
    // A later line on another delegation is an amendment of its own.
    let (code, out, err) = run_in(
        dir.path(),
        &["open", "--amend", "--plain", "2025-06-03-imc-4.toml"],
        "a health absent\nq\n",
    );
    assert_eq!(code, 0, "{out}{err}");
    let back = rapporteur::load::workspace::load_minutes(&path).unwrap();
    assert_eq!(back.amendments.len(), 2, "{:?}", back.amendments);
    assert!(
        back.amendments[1].changes[0].ends_with("present -> absent"),
        "{:?}",
        back.amendments
    );
}

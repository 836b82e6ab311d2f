//! The live screen in a real meeting (issue 10): one current item, named targets, undo
//! that goes to what it changed, a neighbour kept after a delete, status digits, dates
//! typed as the screen shows them, messages that clear. Mostly on a body other than the
//! sample's: a fisheries forum with two areas and no member states.

mod common;

use chrono::Duration;
use common::*;
use rapporteur::load::workspace::open_agenda;
use rapporteur::model::Status;
use rapporteur::tui::action::{Action, Effect};
use rapporteur::tui::app::{App, Message, Mode, Pane, Row, Target};
use ratatui::crossterm::event::KeyCode;

fn current_id(app: &App) -> String {
    app.current().unwrap().id.clone()
}

fn screen_text(app: &App, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| rapporteur::tui::view::draw(app, f)).unwrap();
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

fn message(app: &App) -> String {
    match &app.screen.message {
        Some(Message::Info(m)) | Some(Message::Error(m)) => m.clone(),
        None => String::new(),
    }
}

fn decide(app: &mut App, text: &str) {
    press(app, KeyCode::Char('d'));
    type_text(app, text);
    press(app, KeyCode::Enter);
    press(app, KeyCode::Esc);
    press(app, KeyCode::Esc);
}

#[test]
fn the_walk_takes_items_up_and_the_clock_records_taken_up_and_left() {
    let mut app = forum();
    assert_eq!(app.screen.under_discussion, None);
    assert_eq!(press(&mut app, KeyCode::Char('1')), Effect::Save);
    let one = index(&app, "1");
    assert_eq!(app.screen.under_discussion, Some(one));
    assert_eq!(app.record.minutes.items[one].taken_up, time(9, 40));
    at(&mut app, 50);
    assert_eq!(press(&mut app, KeyCode::Char(']')), Effect::Save);
    let two = index(&app, "2");
    assert_eq!(app.screen.under_discussion, Some(two));
    assert_eq!(app.screen.item, two);
    assert_eq!(app.record.minutes.items[one].left, time(10, 30));
    assert_eq!(app.record.minutes.items[two].taken_up, time(10, 30));
    assert_eq!(app.record.minutes.items[two].left, None);
    // Back to an item: it keeps its first time and is under discussion again.
    at(&mut app, 60);
    press(&mut app, KeyCode::Char('['));
    assert_eq!(app.record.minutes.items[one].taken_up, time(9, 40));
    assert_eq!(app.record.minutes.items[one].left, None);
    assert_eq!(app.record.minutes.items[two].left, time(10, 40));
    // The meeting opened at the first take-up; it has not closed while an item is open.
    assert_eq!(app.record.minutes.opened(), time(9, 40));
    assert_eq!(app.record.minutes.last_left(), None);
    // Enter on an agenda item takes it up too.
    at(&mut app, 70);
    app.screen.focus = Pane::Agenda;
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let three = index(&app, "3");
    assert_eq!(app.screen.item, three);
    assert_eq!(
        app.screen.under_discussion,
        Some(one),
        "looking is not taking up"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen.under_discussion, Some(three));
    assert_eq!(app.record.minutes.items[one].left, time(10, 50));
    // Walking is not a step of undo: undo has nothing to undo.
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(message(&app), "nothing to undo");
}

#[test]
fn the_times_survive_undo_and_reach_the_file() {
    let mut app = forum();
    press(&mut app, KeyCode::Char('1'));
    decide(&mut app, "Ask ICES for advice on cod");
    at(&mut app, 30);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('u'));
    let one = index(&app, "1");
    assert!(app.record.minutes.items[one].decisions.is_empty());
    assert_eq!(
        app.record.minutes.items[one].left,
        time(10, 10),
        "{:?}",
        app.record.minutes.items[one]
    );
    let text = rapporteur::minutes::toml_out::to_toml(&app.record.minutes).unwrap();
    assert!(
        text.contains("taken_up = 09:40:00\nleft = 10:10:00"),
        "{text}"
    );
    // Beside the forum's plan, so the file reads back as minutes do.
    let dir = tempfile::tempdir_in("tests/fixtures/bodies/fisheries").unwrap();
    std::fs::copy(
        "tests/fixtures/bodies/fisheries/plan.toml",
        dir.path().join("plan.toml"),
    )
    .unwrap();
    let path = dir.path().join("m.minutes.toml");
    std::fs::write(&path, &text).unwrap();
    let back = rapporteur::load::workspace::load_minutes(&path).unwrap();
    assert_eq!(back.items[one].taken_up, time(9, 40));
    assert_eq!(back.items[one].left, time(10, 10));
}

#[test]
fn records_go_under_the_item_the_header_names_while_another_is_looked_at() {
    let mut app = forum();
    press(&mut app, KeyCode::Char('2'));
    let two = index(&app, "2");
    app.screen.focus = Pane::Agenda;
    press(&mut app, KeyCode::Up);
    let one = index(&app, "1");
    assert_eq!(app.screen.item, one);
    // The main pane says records go elsewhere.
    let screen = screen_text(&app, 100, 30);
    assert!(
        screen.contains("looking only: records go to ▶ 2"),
        "{screen}"
    );
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(
        app.screen.item, two,
        "the screen goes back to the item under discussion"
    );
    assert!(message(&app).contains("goes under 2"), "{}", message(&app));
    match &app.screen.mode {
        Mode::Prompt(p) => assert_eq!(p.about.as_deref(), Some("2 Bycatch")),
        other => panic!("{other:?}"),
    }
    type_text(&mut app, "Pilot pingers on gillnets");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.record.minutes.items[two].decisions.len(), 1);
    assert!(app.record.minutes.items[one].decisions.is_empty());
}

#[test]
fn an_update_to_an_action_looked_at_goes_under_the_item_under_discussion() {
    let mut app = forum();
    press(&mut app, KeyCode::Char('2'));
    let two = index(&app, "2");
    app.screen.focus = Pane::Agenda;
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Tab);
    assert!(matches!(app.selected_target(), Some(Target::Action(_))));
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(press(&mut app, KeyCode::Char('4')), Effect::Save);
    assert_eq!(app.record.minutes.items[two].updates.len(), 1);
    assert_eq!(
        app.record.minutes.items[two].updates[0].status,
        Some(Status::Done)
    );
}

#[test]
fn status_digits_choose_and_the_message_names_the_record() {
    let mut app = forum();
    press(&mut app, KeyCode::Char('1'));
    decide(&mut app, "Ask ICES for advice on cod");
    press(&mut app, KeyCode::Char('s'));
    // The picker names its record.
    let screen = screen_text(&app, 100, 30);
    assert!(
        screen.contains("Status · 1-1 “Ask ICES for advice on cod”"),
        "{screen}"
    );
    assert_eq!(press(&mut app, KeyCode::Char('4')), Effect::Save);
    assert!(matches!(app.screen.mode, Mode::Normal));
    let one = index(&app, "1");
    assert_eq!(
        app.record.minutes.items[one].decisions[0].status,
        Some(Status::Done)
    );
    assert_eq!(message(&app), "status of 1-1: record → done");
    // A digit past the list does nothing.
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(press(&mut app, KeyCode::Char('9')), Effect::None);
    assert!(matches!(app.screen.mode, Mode::Status(_)));
}

#[test]
fn owners_change_names_what_changed_and_undo_goes_back_to_it() {
    let mut app = forum();
    press(&mut app, KeyCode::Char('1'));
    decide(&mut app, "Ask ICES for advice on cod");
    press(&mut app, KeyCode::Char('o'));
    match &app.screen.mode {
        Mode::Owners(o) => assert_eq!(
            o.target,
            Target::Decision {
                item: index(&app, "1"),
                id: "1-1".into()
            }
        ),
        other => panic!("{other:?}"),
    }
    type_text(&mut app, "ices");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert_eq!(message(&app), "owners of 1-1: + ICES, now an action (open)");
    // Walk away, then undo: the screen comes back to the decision and says what.
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(current_id(&app), "2");
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(current_id(&app), "1");
    assert_eq!(app.screen.focus, Pane::Main);
    assert_eq!(app.row_at(app.screen.row), Some(Row::Decision(0)));
    assert_eq!(
        message(&app),
        "undone: owners of 1-1 (− ICES, no longer an action)"
    );
    assert_eq!(
        app.screen.changed,
        Some(Target::Decision {
            item: index(&app, "1"),
            id: "1-1".into()
        })
    );
    let ctrl_r = ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('r'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    key(&mut app, ctrl_r);
    assert_eq!(
        message(&app),
        "redone: owners of 1-1 (+ ICES, now an action (open))"
    );
    // The footer says what undo would undo.
    let screen = screen_text(&app, 120, 40);
    assert!(screen.contains("undo owners of 1-1"), "{screen}");
}

#[test]
fn a_delete_keeps_a_neighbour_and_its_undo_selects_the_record_back() {
    let mut app = forum();
    press(&mut app, KeyCode::Char('2'));
    for text in ["first", "second", "third"] {
        decide(&mut app, text);
    }
    let actions = app.shown().len();
    app.screen.focus = Pane::Main;
    app.screen.row = actions + 1;
    press(&mut app, KeyCode::Char('x'));
    let ids: Vec<&str> = app.decisions().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["2-1", "2-3"]);
    assert_eq!(
        app.row_at(app.screen.row),
        Some(Row::Decision(1)),
        "the next one"
    );
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(
        app.row_at(app.screen.row),
        Some(Row::Decision(0)),
        "the one before"
    );
    press(&mut app, KeyCode::Char('x'));
    assert!(app.decisions().is_empty());
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.row_at(app.screen.row), Some(Row::Decision(0)));
    assert_eq!(app.decisions()[0].id, "2-1");
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.decisions()[app.screen.row - actions].id, "2-3");
    assert!(
        message(&app).starts_with("undone: delete of 2-3"),
        "{}",
        message(&app)
    );
}

#[test]
fn a_due_date_in_the_screen_s_form_and_one_before_the_meeting_asks_first() {
    let mut app = forum();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "Ask ICES for advice on cod");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "31 March 2025");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    let one = index(&app, "1");
    assert_eq!(
        app.record.minutes.items[one].decisions[0]
            .due
            .unwrap()
            .to_string(),
        "2025-03-31"
    );
    press(&mut app, KeyCode::Char('t'));
    match &app.screen.mode {
        Mode::Prompt(p) => {
            assert_eq!(p.text(), "2025-03-31");
            assert_eq!(p.about.as_deref(), Some("1-1 “Ask ICES for advice on cod”"));
        }
        other => panic!("{other:?}"),
    }
    press(&mut app, KeyCode::End);
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "1 Sep 2024");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    match &app.screen.mode {
        Mode::Prompt(p) => assert!(
            p.error
                .as_deref()
                .unwrap_or("")
                .contains("before the meeting"),
            "{:?}",
            p.error
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        Effect::Save,
        "Enter again records it"
    );
    assert_eq!(
        app.record.minutes.items[one].decisions[0]
            .due
            .unwrap()
            .to_string(),
        "2024-09-01"
    );
}

#[test]
fn the_message_clears_on_the_next_key_or_after_a_few_seconds() {
    let mut app = forum();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(message(&app), "nothing to undo");
    press(&mut app, KeyCode::Down);
    assert_eq!(message(&app), "");
    press(&mut app, KeyCode::Char('u'));
    at(&mut app, 0);
    at(&mut app, 0);
    assert_eq!(
        message(&app),
        "nothing to undo",
        "still there a moment later"
    );
    act(&mut app, Action::Tick(forum_clock() + Duration::seconds(7)));
    assert_eq!(message(&app), "");
    // A message set outside `update` (by the loop) gets its own few seconds.
    app.screen.message = Some(Message::Error("the minutes are not saved".into()));
    act(&mut app, Action::Tick(forum_clock() + Duration::seconds(8)));
    assert_eq!(message(&app), "the minutes are not saved");
}

#[test]
fn a_long_decision_wraps_and_every_column_shows_at_80x24() {
    let mut app = forum();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('d'));
    type_text(
        &mut app,
        "Ask ICES for advice on eastern Baltic cod in time for the quota decision of the \
         Council, with the bycatch of harbour porpoise counted separately",
    );
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "ices");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "31 Mar 2025");
    press(&mut app, KeyCode::Enter);
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = screen_text(&app, w, h);
        assert!(
            screen.contains("porpoise"),
            "the whole text at {w}x{h}:\n{screen}"
        );
        let row = screen
            .lines()
            .find(|l| l.contains("1-1 "))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(row.contains("ICES"), "owners at {w}x{h}: {row}");
        assert!(
            row.contains("31 Mar") || row.contains("2025-03-31"),
            "due: {row}"
        );
        assert!(row.contains("open"), "status: {row}");
        let footer = screen.lines().nth(h as usize - 2).unwrap();
        assert!(footer.contains("? help"), "{footer}");
    }
}

#[test]
fn read_only_minutes_show_only_the_keys_that_work() {
    let mut app = forum();
    app.record.save = rapporteur::tui::app::SaveState::ReadOnly("opened with --read-only".into());
    let screen = screen_text(&app, 120, 40);
    let footer = screen.lines().nth(38).unwrap();
    assert!(
        !footer.contains("decide") && !footer.contains("undo"),
        "{footer}"
    );
    assert!(footer.contains("? help"), "{footer}");
    // Walking looks without writing.
    assert_eq!(press(&mut app, KeyCode::Char('2')), Effect::None);
    assert_eq!(current_id(&app), "2");
    assert!(
        app.record
            .minutes
            .items
            .iter()
            .all(|r| r.taken_up.is_none())
    );
}

/// An agenda `next` drafted with grouped matters arising: each group's item shows the
/// actions it names, by their ids, on the live screen.
#[test]
fn a_grouped_matters_arising_item_shows_the_actions_it_names() {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "plan.toml",
        "2016-03-15-csm-ii.toml",
        "2016-03-15-csm-ii.minutes.toml",
    ] {
        std::fs::copy(format!("meetings/ccscap/{f}"), dir.path().join(f)).unwrap();
    }
    let agenda = dir.path().join("2017-05-01-csm-iii.toml");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .arg("next")
        .arg(dir.path().join("2016-03-15-csm-ii.minutes.toml"))
        .args(["--date", "2017-05-01", "-o"])
        .arg(&agenda)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut opened = open_agenda(&agenda).unwrap();
    opened.minutes = None;
    let mut app = App::new(
        opened,
        rapporteur::load::theme::load("default").unwrap(),
        forum_clock(),
    );
    let group = app
        .record
        .minutes
        .items
        .iter()
        .position(|r| r.title.starts_with("Matters arising, priority area 1 ("))
        .unwrap();
    app.screen.item = group;
    let shown: Vec<&str> = (0..app.shown().len())
        .filter_map(|i| app.shown().name(i))
        .collect();
    let mut want: Vec<&str> = ["PA-1", "PA-2", "PA-3", "PA-4"].to_vec();
    let mut got = shown.clone();
    got.sort();
    want.sort();
    assert_eq!(got, want);
}

/// `t` on a record with a due date shows the date selected: typing replaces it (it is not
/// appended to), End or an arrow key keeps it to edit.
#[test]
fn the_due_date_field_shows_the_date_selected_so_typing_replaces_it() {
    let mut app = forum();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "Ask ICES for advice on cod");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "2025-03-31");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    let one = index(&app, "1");
    let due = |app: &App| {
        app.record.minutes.items[one].decisions[0]
            .due
            .map(|d| d.to_string())
    };
    press(&mut app, KeyCode::Char('t'));
    let screen = screen_text(&app, 80, 24);
    assert!(screen.contains("Due date: typing replaces it"), "{screen}");
    assert!(
        screen.contains("2025-03-31"),
        "the current date is shown:\n{screen}"
    );
    type_text(&mut app, "+2w");
    match &app.screen.mode {
        Mode::Prompt(p) => assert_eq!(p.text(), "+2w"),
        other => panic!("{other:?}"),
    }
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    assert_eq!(due(&app).as_deref(), Some("2024-09-26"));
    // An arrow key keeps the text to edit it.
    press(&mut app, KeyCode::Char('t'));
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "7");
    match &app.screen.mode {
        Mode::Prompt(p) => assert_eq!(p.text(), "2024-09-27"),
        other => panic!("{other:?}"),
    }
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    assert_eq!(due(&app).as_deref(), Some("2024-09-27"));
}

/// A partner without a short name is shown by its name in the main list (cut to the
/// column), never by its roster id.
#[test]
fn a_partner_without_a_short_name_is_shown_by_name_in_the_main_list() {
    let opened = open_agenda(std::path::Path::new(
        "tests/fixtures/waterboard/2021-03-04-board-7.toml",
    ))
    .unwrap();
    let now = chrono::NaiveDate::from_ymd_opt(2021, 3, 4)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let mut app = App::new(
        opened,
        rapporteur::load::theme::load("default").unwrap(),
        now,
    );
    act(&mut app, Action::Down);
    act(&mut app, Action::Down);
    assert_eq!(current_id(&app), "3");
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = screen_text(&app, w, h);
        let row = screen
            .lines()
            .find(|l| l.contains("3-1"))
            .unwrap_or_else(|| panic!("{screen}"));
        assert!(row.contains("Lower"), "{w}x{h}: {row}\n{screen}");
        assert!(!row.contains(" anglers "), "{w}x{h}: {row}");
    }
}

/// In the help, `G` and End go to its last line, `g` and Home back to the first, and `↑`
/// after `G` moves at once.
#[test]
fn g_and_end_in_the_help_scroll_to_its_end() {
    let mut app = forum();
    act(&mut app, Action::Resize(80, 24));
    press(&mut app, KeyCode::Char('?'));
    let last = "Due dates: 2017-03-31";
    assert!(!screen_text(&app, 80, 24).contains(last));
    for key in [KeyCode::Char('G'), KeyCode::End] {
        press(&mut app, KeyCode::Char('g'));
        press(&mut app, key);
        let screen = screen_text(&app, 80, 24);
        assert!(screen.contains(last), "{key:?}:\n{screen}");
        let Mode::Help { scroll: bottom } = app.screen.mode else {
            panic!("{:?}", app.screen.mode)
        };
        press(&mut app, KeyCode::Up);
        let Mode::Help { scroll } = app.screen.mode else {
            panic!()
        };
        assert_eq!(scroll, bottom - 1, "one line up from the end");
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Down);
        let Mode::Help { scroll } = app.screen.mode else {
            panic!()
        };
        assert_eq!(scroll, bottom, "never past the end");
    }
    press(&mut app, KeyCode::Home);
    assert!(matches!(app.screen.mode, Mode::Help { scroll: 0 }));
    press(&mut app, KeyCode::PageDown);
    assert!(matches!(app.screen.mode, Mode::Help { scroll: 20 }));
}

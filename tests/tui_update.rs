//! Behaviour of the live screen as "this state + these keys = that state", no terminal.

mod common;

use chrono::NaiveDate;
use common::*;
use rapporteur::model::Status;
use rapporteur::tui::action::{Action, Effect};
use rapporteur::tui::app::{Mode, Pane, Row};
use ratatui::crossterm::event::KeyCode;

fn current_id(app: &rapporteur::tui::app::App) -> String {
    app.current().unwrap().id.clone()
}

#[test]
fn the_walk_goes_area_by_area_and_jumps_by_number() {
    let mut app = sample();
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(current_id(&app), "6.1");
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(current_id(&app), "6.2");
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(current_id(&app), "6.5");
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(current_id(&app), "6.5", "no area after the last");
    assert!(format!("{:?}", app.screen.message).contains("last priority area"));
    press(&mut app, KeyCode::Char('['));
    assert_eq!(current_id(&app), "6.4");
    assert_eq!(app.area_position(), Some(3));
    press(&mut app, KeyCode::Char('9'));
    assert_eq!(current_id(&app), "6.4", "there is no area 9");
}

#[test]
fn walking_to_an_area_without_an_item_adds_one_at_the_end() {
    let mut app = sample();
    // Drop the agenda's item for area 3, as if the agenda had none.
    app.record.minutes.items.retain(|i| i.id != "6.3");
    let n = app.record.minutes.items.len();
    let effect = press(&mut app, KeyCode::Char('3'));
    assert_eq!(effect, Effect::Save, "the added item is recorded");
    assert_eq!(app.record.minutes.items.len(), n + 1);
    let added = app.current().unwrap();
    assert_eq!(added.area.as_deref(), Some("standards"));
    assert!(
        added.title.contains("Technical standards"),
        "{}",
        added.title
    );
    assert_eq!(app.screen.item, n);
}

#[test]
fn a_decision_with_owners_and_due_date_as_typed_without_looking() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(press(&mut app, KeyCode::Char('d')), Effect::None);
    type_text(&mut app, "Adopt the minimum standards — all members");
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        Effect::Save,
        "the decision is written at the first Enter"
    );
    let d = &app.current().unwrap().decisions[0];
    assert_eq!(d.id, "6.3-1");
    assert_eq!(d.text, "Adopt the minimum standards — all members");
    assert!(matches!(app.screen.mode, Mode::Owners(_)));
    type_text(&mut app, "telecom");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "impacs");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    assert_eq!(
        app.current().unwrap().decisions[0].owners,
        ["ctu", "impacs"]
    );
    assert!(
        matches!(app.screen.mode, Mode::Prompt(_)),
        "the due date follows"
    );
    type_text(&mut app, "+2w");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    let d = &app.current().unwrap().decisions[0];
    assert_eq!(d.due, NaiveDate::from_ymd_opt(2016, 12, 5));
    assert_eq!(d.effective_status(), Some(Status::Open));
    assert!(matches!(app.screen.mode, Mode::Normal));
    assert_eq!(app.screen.focus, Pane::Main);
    assert_eq!(app.row_at(app.screen.row), Some(Row::Decision(0)));
}

#[test]
fn esc_skips_owners_and_due_date() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "Noted the campaign report");
    press(&mut app, KeyCode::Enter);
    assert_eq!(press(&mut app, KeyCode::Esc), Effect::None);
    assert_eq!(press(&mut app, KeyCode::Esc), Effect::None);
    assert!(matches!(app.screen.mode, Mode::Normal));
    let d = &app.current().unwrap().decisions[0];
    assert!(!d.is_action(), "a plain record of what was decided");
}

#[test]
fn text_that_matches_no_one_becomes_a_free_text_owner() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "Consult the Attorneys General");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "the Chair of CONSLE");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.current().unwrap().decisions[0].owners,
        ["the Chair of CONSLE"]
    );
}

#[test]
fn space_toggles_when_nothing_is_typed_and_types_a_space_otherwise() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "Train officers");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "saint kitts");
    let Mode::Owners(o) = &app.screen.mode else {
        panic!("owner picker")
    };
    assert_eq!(o.query_text(), "saint kitts");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.current().unwrap().decisions[0].owners, ["kn"]);
}

#[test]
fn a_bad_date_says_why_and_keeps_the_field_open() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "Report back");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "03/04/2017");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    let Mode::Prompt(p) = &app.screen.mode else {
        panic!("still open")
    };
    assert!(p.error.as_deref().unwrap().contains("ambiguous"));
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "eoq");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    assert_eq!(
        app.current().unwrap().decisions[0].due,
        NaiveDate::from_ymd_opt(2016, 12, 31)
    );
}

#[test]
fn status_owners_and_due_on_a_plan_action_are_updates_under_the_current_item() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.row_at(app.screen.row), Some(Row::Action(0)));
    press(&mut app, KeyCode::Char('s'));
    // PA-1 is in progress: down once is blocked, twice is done.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    press(&mut app, KeyCode::Char('t'));
    for _ in 0..12 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "2018-01-31");
    press(&mut app, KeyCode::Enter);
    let item = app.current().unwrap();
    assert_eq!(item.id, "6.1");
    assert_eq!(
        item.updates.len(),
        1,
        "one update record per action per item"
    );
    let u = &item.updates[0];
    assert_eq!(u.action, "PA-1");
    assert_eq!(u.status, Some(Status::Done));
    assert_eq!(u.due, NaiveDate::from_ymd_opt(2018, 1, 31));
    assert_eq!(u.owners, None, "only the fields named change");
    assert_eq!(
        app.plan.action("PA-1").unwrap().1.status,
        Status::InProgress,
        "the plan is never rewritten"
    );
}

#[test]
fn undo_and_redo_every_change_including_deletes() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "First");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.decisions().len(), 1);
    assert_eq!(press(&mut app, KeyCode::Char('x')), Effect::Save);
    assert_eq!(app.decisions().len(), 0);
    assert_eq!(press(&mut app, KeyCode::Char('u')), Effect::Save);
    assert_eq!(
        app.decisions().len(),
        1,
        "undo brings the deleted decision back"
    );
    assert_eq!(act(&mut app, Action::Redo), Effect::Save);
    assert_eq!(app.decisions().len(), 0);
    press(&mut app, KeyCode::Char('u'));
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(
        app.decisions().len(),
        0,
        "and the decision itself is undone"
    );
    assert_eq!(
        press(&mut app, KeyCode::Char('u')),
        Effect::None,
        "nothing more to undo"
    );
    assert!(format!("{:?}", app.screen.message).contains("nothing to undo"));
}

#[test]
fn decision_ids_are_not_reused_after_a_delete() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('1'));
    for text in ["one", "two"] {
        press(&mut app, KeyCode::Char('d'));
        type_text(&mut app, text);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Esc);
    }
    app.screen.row = app.area_actions().len();
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "three");
    press(&mut app, KeyCode::Enter);
    let ids: Vec<_> = app.decisions().iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids, ["6.1-2", "6.1-3"]);
}

#[test]
fn attendance_toggles_and_counts_the_quorum_of_states() {
    let mut app = sample();
    assert_eq!(app.quorum().counted, 0);
    press(&mut app, KeyCode::Char('a'));
    for _ in 0..3 {
        assert_eq!(press(&mut app, KeyCode::Char(' ')), Effect::Save);
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(app.quorum().counted, 3);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.quorum().counted, 2, "toggled back to absent");
    // Past the agenda's attendees come the roster's delegations with no entry yet
    // (Haiti, Montserrat...).
    let Mode::Attendance(list) = &app.screen.mode else {
        panic!()
    };
    let haiti = list
        .rows
        .iter()
        .position(|r| *r == rapporteur::tui::widgets::attendance::AttendanceRow::State("ht".into()))
        .unwrap();
    for _ in 0..(haiti - 2) {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.quorum().counted, 3);
    assert!(
        app.record
            .minutes
            .attendance
            .iter()
            .any(|a| a.represents == "ht" && a.present())
    );
    // The secretariat (IMPACS) is present but is not a state: no quorum count.
    let impacs = app
        .record
        .minutes
        .attendance
        .iter()
        .position(|a| a.represents == "impacs")
        .unwrap();
    app.record.minutes.attendance[impacs].status = rapporteur::model::Presence::Present;
    assert_eq!(app.quorum().counted, 3);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen.mode, Mode::Normal));
}

#[test]
fn the_quorum_kept_between_frames_follows_every_change_undo_and_redo() {
    // The screen counts the quorum once per change of the record: what it keeps must be
    // what counting the record afresh gives, after a toggle, an undo and a redo alike.
    let mut app = sample();
    let fresh = |app: &rapporteur::tui::app::App| {
        rapporteur::model::attendance::quorum(
            &app.record.minutes.meeting,
            &app.plan,
            &app.record.minutes.attendance,
        )
    };
    assert_eq!(app.quorum(), fresh(&app));
    press(&mut app, KeyCode::Char('a'));
    for _ in 0..2 {
        press(&mut app, KeyCode::Char(' '));
        press(&mut app, KeyCode::Down);
        assert_eq!(app.quorum(), fresh(&app));
    }
    assert_eq!(app.quorum().counted, 2);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.quorum().counted, 1, "undo takes the last one back");
    assert_eq!(app.quorum(), fresh(&app));
    act(&mut app, Action::Redo);
    assert_eq!(app.quorum().counted, 2, "redo marks it present again");
    assert_eq!(app.quorum(), fresh(&app));
}

#[test]
fn enter_takes_up_an_item_and_starts_its_clock() {
    let mut app = sample();
    press(&mut app, KeyCode::Down);
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    assert_eq!(app.screen.under_discussion, Some(1));
    assert_eq!(
        app.record.minutes.items[1].taken_up,
        chrono::NaiveTime::from_hms_opt(10, 0, 0)
    );
    assert_eq!(app.screen.focus, Pane::Main);
}

#[test]
fn notes_are_saved_on_esc_and_on_ctrl_s() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "The Chair opened the meeting.");
    press(&mut app, KeyCode::Enter);
    act(
        &mut app,
        Action::Paste("Delegations welcomed\nthe plan.".into()),
    );
    assert_eq!(press(&mut app, KeyCode::Esc), Effect::Save);
    assert_eq!(
        app.current().unwrap().notes.as_deref(),
        Some("The Chair opened the meeting.\nDelegations welcomed\nthe plan.")
    );
}

#[test]
fn search_finds_an_action_and_jumps_to_it() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "budapest");
    let Mode::Search(s) = &app.screen.mode else {
        panic!("search open")
    };
    assert!(
        s.chosen().unwrap().label.contains("LE-4"),
        "{:?}",
        s.chosen()
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(current_id(&app), "6.4");
    assert_eq!(app.screen.focus, Pane::Main);
    assert_eq!(app.area_actions()[app.screen.row].id, "LE-4");
}

#[test]
fn search_finds_decisions_items_and_partners() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "Translate the campaign into Dutch and French");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('7'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "dutch french");
    press(&mut app, KeyCode::Enter);
    assert_eq!(current_id(&app), "6.1");
    assert_eq!(app.row_at(app.screen.row), Some(Row::Decision(0)));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "any other business");
    press(&mut app, KeyCode::Enter);
    assert_eq!(current_id(&app), "8");
}

#[test]
fn paste_into_a_one_line_field_joins_lines() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('d'));
    act(&mut app, Action::Paste("line one\nline two".into()));
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.record.minutes.items[0].decisions[0].text,
        "line one line two"
    );
}

#[test]
fn read_only_records_nothing() {
    let mut app = sample();
    app.record.save = rapporteur::tui::app::SaveState::ReadOnly("test".into());
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "nope");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    assert!(app.record.minutes.items[0].decisions.is_empty());
}

#[test]
fn quit_and_write_are_effects_for_the_loop() {
    let mut app = sample();
    assert_eq!(press(&mut app, KeyCode::Char('w')), Effect::WriteNow);
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::Quit);
}

#[test]
fn mouse_click_selects_and_the_wheel_scrolls() {
    let mut app = sample();
    act(&mut app, Action::Resize(120, 40));
    // Agenda rows start under the header (2 lines) and the pane's top border.
    act(&mut app, Action::Click(5, 3 + 5));
    assert_eq!(current_id(&app), "6.1");
    act(&mut app, Action::ScrollDown);
    assert_eq!(current_id(&app), "6.4");
    act(&mut app, Action::ScrollUp);
    assert_eq!(current_id(&app), "6.1");
    // A click on the second action row of the main pane (below the first, which may
    // wrap onto several lines) selects it and focuses the pane.
    let second = app.shown().name(1).unwrap().to_string();
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    t.draw(|f| rapporteur::tui::view::draw(&app, f)).unwrap();
    let buf = t.backend().buffer().clone();
    let y = (0..40u16)
        .find(|&y| {
            let line: String = (37..120u16).map(|x| buf[(x, y)].symbol()).collect();
            line.starts_with(&format!("{second} "))
        })
        .expect("the second action is drawn");
    act(&mut app, Action::Click(60, y));
    assert_eq!(app.screen.focus, Pane::Main);
    assert_eq!(app.row_at(app.screen.row), Some(Row::Action(1)));
    // A click on a wrapped row's second line selects that row too.
    act(&mut app, Action::Click(60, y - 1));
    assert_eq!(app.row_at(app.screen.row), Some(Row::Action(0)));
}

#[test]
fn choosing_what_is_already_in_effect_records_no_update() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    assert!(app.current().unwrap().updates.is_empty());
}

#[test]
fn matters_arising_shows_what_earlier_meetings_left_outstanding_and_takes_updates() {
    let mut app = sample();
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    assert_eq!(current_id(&app), "4", "Matters arising");
    let shown: Vec<&str> = (0..app.shown().len())
        .filter_map(|i| app.shown().name(i))
        .collect();
    // CSM II left three actions outstanding, earliest due first; its done ones are not here.
    assert_eq!(shown, ["csm-ii/6-2", "csm-ii/5.4-1", "csm-ii/5.2-1"]);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    let u = &app.current().unwrap().updates[0];
    assert_eq!(u.action, "csm-ii/6-2");
    assert_eq!(u.status, Some(Status::Done));
    // Searching for an earlier decision lands on its matters-arising row.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "compile the cybercrime laws");
    press(&mut app, KeyCode::Enter);
    assert_eq!(current_id(&app), "4");
    assert_eq!(app.shown().name(app.screen.row), Some("csm-ii/5.4-1"));
}

/// A changed status keeps its old value in sight: where the status column is too narrow
/// for `in-progress→done` (80x24), the detail box says `status in-progress → done`. On the
/// fisheries forum (no member states).
#[test]
fn a_changed_status_shows_its_old_value_at_every_size() {
    let mut app = forum();
    press(&mut app, KeyCode::Char('1'));
    app.screen.focus = Pane::Main;
    press(&mut app, KeyCode::Home);
    assert_eq!(app.row_at(app.screen.row), Some(Row::Action(0)));
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(press(&mut app, KeyCode::Char('4')), Effect::Save);
    assert_eq!(app.current().unwrap().updates[0].status, Some(Status::Done));
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = text(&app, w, h);
        assert!(
            screen.contains("status in-progress → done"),
            "{w}x{h}\n{screen}"
        );
    }
    assert!(
        text(&app, 120, 40).contains("in-prog→done")
            || text(&app, 120, 40).contains("in-progress→done")
    );
}

//! The meeting ends: quitting the live screen or the line mode leaves the item under
//! discussion, so the report gives each item's duration and the closing time (issue 10).
//! On a body other than the sample's: the fisheries forum.

mod common;

use common::*;
use rapporteur::minutes::Audience;
use rapporteur::minutes::markdown::{Context, render_with};
use rapporteur::plain::answer::LineMode;
use rapporteur::tui::action::Effect;
use rapporteur::tui::app::{App, SaveState};
use ratatui::crossterm::event::KeyCode;

fn markdown(app: &App) -> String {
    let ctx = Context {
        plan: Some(&app.plan),
        others: &app.others,
        dates: app.screen.dates,
    };
    render_with(&app.record.minutes, &ctx, Audience::All)
}

#[test]
fn quitting_leaves_the_item_under_discussion_and_the_report_closes_then() {
    let mut app = forum();
    press(&mut app, KeyCode::Char('1'));
    at(&mut app, 25);
    press(&mut app, KeyCode::Char('2'));
    at(&mut app, 62);
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::Quit);
    let (one, two) = (index(&app, "1"), index(&app, "2"));
    assert_eq!(app.record.minutes.items[one].left, time(10, 5));
    assert_eq!(app.record.minutes.items[two].taken_up, time(10, 5));
    assert_eq!(
        app.record.minutes.items[two].left,
        time(10, 42),
        "the item under discussion is left when the meeting ends"
    );
    assert_eq!(app.record.minutes.last_left(), time(10, 42));
    assert!(
        app.record.undo.is_empty(),
        "the clock is not a step of undo"
    );
    let md = markdown(&app);
    assert!(
        md.contains("taken up at 09:40, left at 10:05 (25 minutes)"),
        "{md}"
    );
    assert!(
        md.contains("taken up at 10:05, left at 10:42 (37 minutes)"),
        "{md}"
    );
    assert!(
        md.contains("The Chair closed the meeting at 10:42."),
        "{md}"
    );
    // The TOML carries the time, so the closing survives the file.
    let text = rapporteur::minutes::toml_out::to_toml(&app.record.minutes).unwrap();
    assert!(text.contains("left = 10:42:00"), "{text}");
}

#[test]
fn quitting_from_a_popup_ends_the_meeting_too() {
    let mut app = forum();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('a'));
    at(&mut app, 10);
    let ctrl_c = ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('c'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    assert_eq!(key(&mut app, ctrl_c), Effect::Quit);
    assert_eq!(app.record.minutes.items[index(&app, "1")].left, time(9, 50));
}

#[test]
fn a_typed_closing_time_wins_over_the_clock() {
    let mut app = forum();
    press(&mut app, KeyCode::Char('1'));
    at(&mut app, 30);
    press(&mut app, KeyCode::Char('q'));
    app.record.minutes.closed = time(10, 15);
    let md = markdown(&app);
    assert!(
        md.contains("The Chair closed the meeting at 10:15."),
        "{md}"
    );
    assert!(!md.contains("closed the meeting at 10:10"), "{md}");
}

#[test]
fn nothing_taken_up_or_read_only_minutes_record_no_closing() {
    let mut app = forum();
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::Quit);
    assert!(
        app.record.minutes.items.iter().all(|r| r.left.is_none()),
        "nothing was taken up: nothing is left"
    );
    assert!(
        markdown(&app).contains("The Chair closed the meeting.\n"),
        "no time without one"
    );

    let mut app = forum();
    press(&mut app, KeyCode::Char('1'));
    app.record.save = SaveState::ReadOnly("opened with --read-only".into());
    at(&mut app, 30);
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::Quit);
    assert_eq!(app.record.minutes.items[index(&app, "1")].left, None);
}

#[test]
fn reopened_and_taken_up_again_an_item_keeps_its_first_time_and_is_left_again() {
    let mut app = forum();
    press(&mut app, KeyCode::Char('1'));
    at(&mut app, 20);
    press(&mut app, KeyCode::Char('q'));
    let one = index(&app, "1");
    assert_eq!(app.record.minutes.items[one].left, time(10, 0));
    // Quitting again (after correcting a record) does not move the closing time.
    at(&mut app, 50);
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.record.minutes.items[one].left, time(10, 0));
    // The meeting resumes on the same item: it is under discussion again, with no closing.
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.record.minutes.items[one].taken_up, time(9, 40));
    assert_eq!(app.record.minutes.items[one].left, None);
    assert_eq!(app.record.minutes.last_left(), None);
    assert!(
        markdown(&app).contains("The Chair closed the meeting.\n"),
        "no closing while an item is under discussion"
    );
    at(&mut app, 65);
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.record.minutes.items[one].left, time(10, 45));
    assert!(
        markdown(&app).contains("taken up at 09:40, left at 10:45 (65 minutes)"),
        "the span runs from the first take-up to the last leaving"
    );
}

#[test]
fn the_line_mode_s_q_ends_the_meeting_and_asks_for_the_write() {
    let mut app = forum();
    let mut mode = LineMode::new();
    assert!(mode.answer(&mut app, "take 1").ok);
    at(&mut app, 15);
    let reply = mode.answer(&mut app, "q");
    assert!(reply.quit);
    assert!(reply.changed, "the closing time must be written");
    assert_eq!(app.record.minutes.items[index(&app, "1")].left, time(9, 55));
}

#[test]
fn the_end_of_the_line_mode_s_input_ends_the_meeting_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new("tests/fixtures/bodies/fisheries");
    for e in std::fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
        }
    }
    let agenda = dir.path().join("2024-09-12-forum-4.toml");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .arg("open")
        .arg(&agenda)
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
        .write_all(b"take 1\nd Ask ICES for advice on cod\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let minutes =
        std::fs::read_to_string(dir.path().join("2024-09-12-forum-4.minutes.toml")).unwrap();
    let item = minutes.split("[[items]]").nth(1).unwrap();
    assert!(item.contains("taken_up = "), "{item}");
    assert!(
        item.contains("left = "),
        "the end of the input left the item: {item}"
    );
    let md = std::fs::read_to_string(dir.path().join("2024-09-12-forum-4.minutes.md")).unwrap();
    assert!(md.contains("The Chair closed the meeting at "), "{md}");
}

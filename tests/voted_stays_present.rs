//! A delegation that voted on a decision of the meeting cannot be marked absent or
//! apologies on screen or in the line mode: the minutes would hold a vote that `check`
//! rejects. On the water committee's meeting (a recorded vote of four ministries).

mod common;

use common::*;
use rapporteur::load::workspace::open_agenda;
use rapporteur::model::Presence;
use rapporteur::plain::answer::LineMode;
use rapporteur::tui::action::Effect;
use rapporteur::tui::app::{App, Message, Mode};
use ratatui::crossterm::event::KeyCode;

fn water() -> App {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "2025-06-03-imc-4.toml",
        "2025-06-03-imc-4.minutes.toml",
        "plan.toml",
    ] {
        std::fs::copy(
            std::path::Path::new("tests/fixtures/report").join(f),
            dir.path().join(f),
        )
        .unwrap();
    }
    let opened = open_agenda(&dir.path().join("2025-06-03-imc-4.toml")).unwrap();
    assert!(
        opened.minutes.is_some(),
        "the minutes with the vote are read"
    );
    App::new(
        opened,
        rapporteur::load::theme::load("default").unwrap(),
        chrono::NaiveDate::from_ymd_opt(2025, 6, 3)
            .unwrap()
            .and_hms_opt(16, 0, 0)
            .unwrap(),
    )
}

fn status(app: &App, id: &str) -> Presence {
    app.record.minutes.delegation(id).unwrap().status
}

fn highlighted(app: &App) -> String {
    let Mode::Attendance(list) = &app.screen.mode else {
        panic!("{:?}", app.screen.mode.kind())
    };
    let row = list.highlighted().unwrap();
    list.represents(&app.record.minutes, row).to_string()
}

fn message(app: &App) -> (bool, String) {
    match &app.screen.message {
        Some(Message::Error(m)) => (true, m.clone()),
        Some(Message::Info(m)) => (false, m.clone()),
        None => (false, String::new()),
    }
}

#[test]
fn a_delegation_that_voted_stays_present_and_the_message_names_the_decision() {
    let mut app = water();
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "agriculture");
    assert_eq!(highlighted(&app), "agri");
    // Enter: present -> absent; refused.
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    assert_eq!(status(&app, "agri"), Presence::Present);
    let (error, text) = message(&app);
    assert!(error, "{text}");
    assert!(
        text.contains("Ministry of Agriculture voted on decision 2-1 (against)"),
        "{text}"
    );
    assert!(app.record.undo.is_empty(), "nothing recorded");
    // Tab: present -> apologies; refused too (Enter cleared the filter).
    type_text(&mut app, "finance");
    assert_eq!(highlighted(&app), "fin");
    assert_eq!(press(&mut app, KeyCode::Tab), Effect::None);
    assert_eq!(status(&app, "fin"), Presence::Present);
    assert!(message(&app).1.contains("decision 2-1 (for)"));
    // A delegation that did not vote is marked as before (Esc clears Tab's filter).
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "development");
    assert_eq!(highlighted(&app), "undp");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    assert_eq!(status(&app, "undp"), Presence::Absent);
    // What the screen keeps passes check's vote rules.
    let toml = rapporteur::minutes::toml_out::to_toml(&app.record.minutes).unwrap();
    let parsed = rapporteur::load::parse_document(&toml, "x.minutes.toml");
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
}

#[test]
fn the_line_mode_refuses_it_with_the_same_words() {
    let mut app = water();
    let mut mode = LineMode::new();
    let reply = mode.answer(&mut app, "a wua absent");
    assert!(!reply.ok, "{:?}", reply.lines);
    assert!(
        reply.lines[0].contains("Water Utility Authority voted on decision 2-1 (for)"),
        "{:?}",
        reply.lines
    );
    assert_eq!(status(&app, "wua"), Presence::Present);
    let reply = mode.answer(&mut app, "a undp absent");
    assert!(reply.ok, "{:?}", reply.lines);
    assert_eq!(status(&app, "undp"), Presence::Absent);
}

//! Every edit names its target (issue 10): the edit-decision popup, the note popups (an
//! update's note, the item's record of discussion) name the record they change, their
//! confirmation says what changed on what, a delete says what it deleted; and the header
//! with the quorum met. On the fisheries forum and the alpine meeting, not the sample.

mod common;

use common::*;
use rapporteur::tui::action::Effect;
use rapporteur::tui::app::{App, Message, ModeKind, Pane, Row};
use ratatui::crossterm::event::KeyCode;

fn message(app: &App) -> String {
    match &app.screen.message {
        Some(Message::Info(m)) | Some(Message::Error(m)) => m.clone(),
        None => String::new(),
    }
}

/// Item 1 taken up, one decision recorded and selected.
fn with_a_decision() -> App {
    let mut app = forum();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('d'));
    type_text(
        &mut app,
        "Ask ICES for advice on the western Baltic cod stock",
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen.mode.kind(), ModeKind::Normal);
    assert!(matches!(app.row_at(app.screen.row), Some(Row::Decision(0))));
    app
}

#[test]
fn the_edit_decision_popup_names_its_record_and_the_message_what_changed() {
    let mut app = with_a_decision();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen.mode.kind(), ModeKind::Prompt);
    insta::assert_snapshot!("edit_decision_80x24", draw(&app, 80, 24).backend());
    for _ in 0.." stock".len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, " and sprat stocks");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    let said = message(&app);
    assert!(said.contains("1-1"), "{said}");
    assert!(said.contains("text"), "{said}");
    assert_eq!(
        app.record.minutes.items[0].decisions[0].text,
        "Ask ICES for advice on the western Baltic cod and sprat stocks"
    );
    insta::assert_snapshot!("edit_decision_confirmed", said);
}

#[test]
fn the_note_popup_of_an_action_names_the_action_and_the_message_the_note() {
    let mut app = forum();
    press(&mut app, KeyCode::Char('1'));
    app.screen.focus = Pane::Main;
    press(&mut app, KeyCode::Home);
    let Some(Row::Action(_)) = app.row_at(app.screen.row) else {
        panic!("the first row of item 1 is an action of area stocks")
    };
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen.mode.kind(), ModeKind::Prompt);
    insta::assert_snapshot!("update_note_80x24", draw(&app, 80, 24).backend());
    type_text(&mut app, "ICES will report in March");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    let said = message(&app);
    insta::assert_snapshot!("update_note_confirmed", said);
    let u = &app.record.minutes.items[0].updates[0];
    assert!(said.contains(&u.action), "{said}");
    assert_eq!(u.note.as_deref(), Some("ICES will report in March"));
}

#[test]
fn the_notes_editor_names_its_item_and_saving_says_so() {
    let mut app = with_a_decision();
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.screen.mode.kind(), ModeKind::Notes);
    type_text(&mut app, "ICES presented the interim advice.");
    insta::assert_snapshot!("notes_editor_80x24", draw(&app, 80, 24).backend());
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.record.minutes.items[0].notes.as_deref(),
        Some("ICES presented the interim advice.")
    );
    insta::assert_snapshot!("notes_saved", message(&app));
}

#[test]
fn a_delete_says_what_it_deleted_and_how_to_undo_it() {
    let mut app = with_a_decision();
    assert_eq!(press(&mut app, KeyCode::Char('x')), Effect::Save);
    assert_eq!(message(&app), "decision 1-1 deleted (u undoes)");
    assert!(app.record.minutes.items[0].decisions.is_empty());
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.record.minutes.items[0].decisions.len(), 1);
    assert!(message(&app).starts_with("undone:"), "{}", message(&app));
}

#[test]
fn the_header_with_the_quorum_met() {
    let mut app = alpine();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('a'));
    for typed in ["austria", "switz", "slov"] {
        type_text(&mut app, typed);
        assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    }
    press(&mut app, KeyCode::Esc);
    assert!(app.quorum().met);
    for (w, h) in [(80, 24), (120, 40)] {
        let t = draw(&app, w, h);
        let buf = t.backend().buffer();
        let header: Vec<String> = (0..2)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect();
        insta::assert_snapshot!(format!("header_quorum_met_{w}x{h}"), header.join("\n"));
    }
}

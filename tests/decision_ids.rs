//! Decision ids are never reused within a file, not even the highest after a delete: the
//! number stays issued (`issued = N` on the item) through a save and a reload.

mod common;

use common::{press, sample, type_text};
use rapporteur::minutes::toml_out::to_toml;
use ratatui::crossterm::event::KeyCode;

#[test]
fn deleting_the_highest_decision_keeps_its_number_issued() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('1'));
    for text in ["one", "two"] {
        press(&mut app, KeyCode::Char('d'));
        type_text(&mut app, text);
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Esc);
    }
    app.screen.row = app.area_actions().len() + 1;
    press(&mut app, KeyCode::Char('x'));
    let ids: Vec<_> = app.decisions().iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids, ["6.1-1"]);
    let text = to_toml(&app.record.minutes).unwrap();
    assert!(text.contains("issued = 2\n"), "{text}");
    let reloaded = rapporteur::minutes::merge_file::parse_side(&text, "reloaded").unwrap();
    let item = reloaded.items.iter().find(|i| i.id == "6.1").unwrap();
    assert_eq!(item.next_decision_id(), "6.1-3", "after a reload too");

    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "three");
    press(&mut app, KeyCode::Enter);
    let ids: Vec<_> = app.decisions().iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids, ["6.1-1", "6.1-3"]);
}

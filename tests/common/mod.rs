//! Helpers shared by the screen tests: the sample meeting loaded, keys sent through the
//! real keymap, a fixed clock.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use rapporteur::load::workspace::open_agenda;
use rapporteur::tui::action::{Action, Effect};
use rapporteur::tui::app::App;
use rapporteur::tui::{keymap, update::update};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// 10:00 on the day of CONSLE 17.
pub fn ten_am() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2016, 11, 21)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

/// The sample CONSLE agenda, loaded as `rapporteur open` would (without its minutes, if
/// a run left some beside it).
pub fn sample() -> App {
    let mut opened = open_agenda(std::path::Path::new(
        "meetings/ccscap/2016-11-21-consle-17.toml",
    ))
    .unwrap();
    opened.minutes = None;
    App::new(
        opened,
        rapporteur::load::theme::load("default").unwrap(),
        ten_am(),
    )
}

/// Sends a key through the keymap of the current mode; returns the effect.
pub fn press(app: &mut App, code: KeyCode) -> Effect {
    key(app, KeyEvent::new(code, KeyModifiers::NONE))
}

/// Sends a key event through the keymap.
pub fn key(app: &mut App, ev: KeyEvent) -> Effect {
    match keymap::action_for(app.screen.mode.kind(), ev) {
        Some(a) => update(app, a),
        None => Effect::None,
    }
}

/// Types text character by character.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Applies an action directly.
pub fn act(app: &mut App, a: Action) -> Effect {
    update(app, a)
}

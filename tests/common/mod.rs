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

/// A meeting of another body opened afresh (its minutes, if any, left aside) at `now`,
/// in the default theme.
pub fn fresh_meeting(agenda: &str, now: NaiveDateTime) -> App {
    let mut opened = open_agenda(std::path::Path::new(agenda)).unwrap();
    opened.minutes = None;
    App::new(
        opened,
        rapporteur::load::theme::load("default").unwrap(),
        now,
    )
}

/// The screen drawn at `w`x`h`.
pub fn draw(app: &App, w: u16, h: u16) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| rapporteur::tui::view::draw(app, f)).unwrap();
    t
}

/// The screen drawn at `w`x`h`, as text, one line per row.
pub fn text(app: &App, w: u16, h: u16) -> String {
    let t = draw(app, w, h);
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The alpine ministers' conference: four member states, an associate member, an
/// observer, a secretariat; quorum 3.
pub const ALPINE: &str = "tests/fixtures/bodies/alpine/2024-10-03-ams-9.toml";

/// 09:05 on the day of the alpine conference.
pub fn alpine_clock() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 10, 3)
        .unwrap()
        .and_hms_opt(9, 5, 0)
        .unwrap()
}

/// The alpine conference opened afresh at [`alpine_clock`].
pub fn alpine() -> App {
    fresh_meeting(ALPINE, alpine_clock())
}

/// The fisheries forum's fourth meeting: two areas, no member states.
pub const FORUM: &str = "tests/fixtures/bodies/fisheries/2024-09-12-forum-4.toml";

/// 09:40 on the day of the forum's fourth meeting.
pub fn forum_clock() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 9, 12)
        .unwrap()
        .and_hms_opt(9, 40, 0)
        .unwrap()
}

/// The forum opened afresh at [`forum_clock`].
pub fn forum() -> App {
    fresh_meeting(FORUM, forum_clock())
}

/// The clock moved to `minutes` after [`forum_clock`].
pub fn at(app: &mut App, minutes: i64) {
    act(
        app,
        Action::Tick(forum_clock() + chrono::Duration::minutes(minutes)),
    );
}

/// A time of day on the hour and minute.
pub fn time(h: u32, m: u32) -> Option<chrono::NaiveTime> {
    chrono::NaiveTime::from_hms_opt(h, m, 0)
}

/// Where agenda item `id` stands in the minutes.
pub fn index(app: &App, id: &str) -> usize {
    app.record
        .minutes
        .items
        .iter()
        .position(|r| r.id == id)
        .unwrap()
}

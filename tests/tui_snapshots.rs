//! Screens drawn into a TestBackend at 80x24 and 120x40, compared with reviewed snapshots.

mod common;

use common::*;
use rapporteur::tui::action::Action;
use rapporteur::tui::app::App;
use rapporteur::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::draw(app, f)).unwrap();
    t
}

/// The sample meeting part-way through: area 3 taken up 7.5 minutes ago, a decision with
/// owners and a due date, a status update on a plan action, three delegations present.
fn meeting_in_progress() -> App {
    let mut app = sample();
    press(&mut app, KeyCode::Char('a'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Char(' '));
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('d'));
    type_text(
        &mut app,
        "Adopt the draft minimum standards and circulate them to all member states for comment",
    );
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "ctu");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "the rapporteur");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "2017-03-31");
    press(&mut app, KeyCode::Enter);
    act(
        &mut app,
        Action::Tick(ten_am() + chrono::Duration::seconds(450)),
    );
    app
}

#[test]
fn main_screen_80x24() {
    insta::assert_snapshot!(draw(&meeting_in_progress(), 80, 24).backend());
}

#[test]
fn main_screen_120x40() {
    insta::assert_snapshot!(draw(&meeting_in_progress(), 120, 40).backend());
}

#[test]
fn owner_picker_80x24() {
    let mut app = meeting_in_progress();
    press(&mut app, KeyCode::Char('o'));
    type_text(&mut app, "tele");
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn owner_picker_120x40() {
    let mut app = meeting_in_progress();
    press(&mut app, KeyCode::Char('o'));
    type_text(&mut app, "st");
    insta::assert_snapshot!(draw(&app, 120, 40).backend());
}

#[test]
fn help_80x24() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn help_120x40() {
    let mut app = sample();
    press(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!(draw(&app, 120, 40).backend());
}

#[test]
fn search_80x24() {
    let mut app = meeting_in_progress();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "standards");
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn search_120x40() {
    let mut app = meeting_in_progress();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "ctu");
    insta::assert_snapshot!(draw(&app, 120, 40).backend());
}

#[test]
fn attendance_80x24() {
    let mut app = meeting_in_progress();
    press(&mut app, KeyCode::Char('a'));
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn attendance_120x40() {
    let mut app = meeting_in_progress();
    press(&mut app, KeyCode::Char('a'));
    insta::assert_snapshot!(draw(&app, 120, 40).backend());
}

#[test]
fn due_date_error_80x24() {
    let mut app = meeting_in_progress();
    press(&mut app, KeyCode::Char('t'));
    type_text(&mut app, "x");
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn too_small_says_so_at_every_size_without_panicking() {
    let app = meeting_in_progress();
    insta::assert_snapshot!(draw(&app, 40, 8).backend());
    for w in [1, 10, 20, 49, 50, 51, 79, 80] {
        for h in [1, 5, 11, 12, 13, 24] {
            draw(&app, w, h);
        }
    }
}

#[test]
fn every_popup_draws_at_every_size_without_panicking() {
    let base = meeting_in_progress();
    for key in ['o', 't', 's', 'n', 'a', '/', '?', 'd'] {
        let mut app = base.clone();
        press(&mut app, KeyCode::Char(key));
        for (w, h) in [(50, 12), (51, 13), (60, 15), (80, 24), (200, 60)] {
            draw(&app, w, h);
        }
    }
}

#[test]
fn monochrome_has_no_colour_in_any_cell() {
    let mut app = meeting_in_progress();
    app.theme = rapporteur::load::theme::load("monochrome").unwrap();
    for key in [None, Some('o'), Some('a'), Some('?')] {
        let mut a = app.clone();
        if let Some(k) = key {
            press(&mut a, KeyCode::Char(k));
        }
        let t = draw(&a, 120, 40);
        for cell in t.backend().buffer().content() {
            assert!(
                matches!(cell.fg, Color::Reset),
                "fg {:?} under {key:?}",
                cell.fg
            );
            assert!(
                matches!(cell.bg, Color::Reset),
                "bg {:?} under {key:?}",
                cell.bg
            );
        }
    }
}

#[test]
fn text_from_files_is_drawn_inert() {
    let mut app = sample();
    app.record.minutes.items[0].title = "Opening\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}".into();
    app.record.minutes.items[0]
        .decisions
        .push_back(rapporteur::model::Decision {
            id: "1-1".into(),
            text: "evil\u{1b}[31m red".into(),
            owners: vec!["\u{1b}[2J".into()],
            ..Default::default()
        });
    app.screen.focus = rapporteur::tui::app::Pane::Main;
    let t = draw(&app, 120, 40);
    for cell in t.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(rapporteur::text::is_dangerous),
            "{:?}",
            cell.symbol()
        );
    }
    let text = format!("{}", t.backend());
    assert!(
        text.contains("\\u{1b}]0;pwned"),
        "shown as a visible escape"
    );
}

#[test]
fn matters_arising_120x40() {
    let mut app = sample();
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!(draw(&app, 120, 40).backend());
}

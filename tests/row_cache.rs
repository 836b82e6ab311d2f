//! The main list keeps its rows' lines from frame to frame (`rapporteur::tui::rows`): after
//! any sequence of keys (moves, changes, undo, redo), a resize, another theme or date
//! style, the screen drawn with the kept lines is the screen drawn from nothing, cell for
//! cell and style for style. On the sample and on two other bodies' meetings.

mod common;

use common::{alpine, draw, forum, key, press, sample, type_text};
use proptest::prelude::*;
use rapporteur::model::dates::DateStyle;
use rapporteur::tui::action::Action;
use rapporteur::tui::app::App;
use rapporteur::tui::rows::RowLines;
use rapporteur::tui::update::update;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One thing the person does between two frames.
#[derive(Debug, Clone)]
enum Step {
    Key(KeyCode),
    /// `d`, a decision's text, Enter, no owners, no due date.
    Decide(String),
    /// `s`, the next status, Enter.
    NextStatus,
    Redo,
    /// The terminal resized to this size.
    Size(u16, u16),
    Theme(&'static str),
    Dates(DateStyle),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => prop_oneof![
            Just(KeyCode::Down),
            Just(KeyCode::Up),
            Just(KeyCode::PageDown),
            Just(KeyCode::PageUp),
            Just(KeyCode::Home),
            Just(KeyCode::End),
            Just(KeyCode::Tab),
            Just(KeyCode::Enter),
            Just(KeyCode::Esc),
            Just(KeyCode::Char(']')),
            Just(KeyCode::Char('[')),
            Just(KeyCode::Char('u')),
            Just(KeyCode::Char('!')),
        ]
        .prop_map(Step::Key),
        2 => "[a-z ]{1,90}".prop_map(Step::Decide),
        2 => Just(Step::NextStatus),
        1 => Just(Step::Redo),
        1 => prop_oneof![Just((120, 40)), Just((80, 24)), Just((60, 15)), Just((200, 60))]
            .prop_map(|(w, h)| Step::Size(w, h)),
        1 => prop_oneof![Just("default"), Just("monochrome"), Just("light")].prop_map(Step::Theme),
        1 => prop_oneof![Just(DateStyle::Iso), Just(DateStyle::Day)].prop_map(Step::Dates),
    ]
}

fn apply(app: &mut App, size: &mut (u16, u16), s: &Step) {
    match s {
        Step::Key(k) => {
            press(app, *k);
        }
        Step::Decide(text) => {
            press(app, KeyCode::Char('d'));
            type_text(app, text);
            press(app, KeyCode::Enter);
            press(app, KeyCode::Esc);
            press(app, KeyCode::Esc);
        }
        Step::NextStatus => {
            press(app, KeyCode::Char('s'));
            press(app, KeyCode::Down);
            press(app, KeyCode::Enter);
        }
        Step::Redo => {
            key(
                app,
                KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
            );
        }
        Step::Size(w, h) => {
            *size = (*w, *h);
            update(app, Action::Resize(*w, *h));
        }
        Step::Theme(name) => app.theme = rapporteur::load::theme::load(name).unwrap(),
        Step::Dates(d) => app.screen.dates = *d,
    }
}

/// The screen as drawn with the lines `app` keeps (the lines then kept for the next
/// frame), and as drawn by a copy that keeps none.
fn kept_and_fresh(
    app: &App,
    (w, h): (u16, u16),
) -> (ratatui::buffer::Buffer, ratatui::buffer::Buffer) {
    let kept = draw(app, w, h).backend().buffer().clone();
    let fresh = app.clone();
    fresh.cache.rows.replace(RowLines::default());
    (kept, draw(&fresh, w, h).backend().buffer().clone())
}

fn check(mut app: App, steps: &[Step]) -> Result<(), TestCaseError> {
    let mut size = (120, 40);
    // Start on a list with rows, focused, so that moves move the selection.
    update(&mut app, Action::JumpArea(0));
    press(&mut app, KeyCode::Tab);
    let (kept, fresh) = kept_and_fresh(&app, size);
    prop_assert_eq!(kept, fresh);
    for (n, s) in steps.iter().enumerate() {
        apply(&mut app, &mut size, s);
        let (kept, fresh) = kept_and_fresh(&app, size);
        prop_assert!(
            kept == fresh,
            "after step {n} ({s:?}) of {steps:?}: the screen drawn with kept rows differs"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn kept_rows_draw_the_sample_as_a_fresh_screen(steps in prop::collection::vec(step(), 1..30)) {
        check(sample(), &steps)?;
    }

    #[test]
    fn kept_rows_draw_the_alpine_conference_as_a_fresh_screen(steps in prop::collection::vec(step(), 1..30)) {
        check(alpine(), &steps)?;
    }

    #[test]
    fn kept_rows_draw_the_fisheries_forum_as_a_fresh_screen(steps in prop::collection::vec(step(), 1..30)) {
        check(forum(), &steps)?;
    }
}

/// The cases a random walk may miss, one by one: a move, a change, its undo and redo,
/// a resize, each followed by the same comparison; the lines kept are those in view.
#[test]
fn kept_rows_follow_a_move_a_change_its_undo_and_redo_and_a_resize() {
    let mut app = sample();
    update(&mut app, Action::JumpArea(2));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    let mut size = (120, 40);
    let steps = [
        Step::Key(KeyCode::Down),
        Step::NextStatus,
        Step::Key(KeyCode::Down),
        Step::Key(KeyCode::Char('u')),
        Step::Redo,
        Step::Decide(
            "adopt the draft minimum standards and circulate them to all member states for comment"
                .into(),
        ),
        Step::Key(KeyCode::End),
        Step::Size(60, 15),
        Step::Key(KeyCode::Home),
        Step::Size(200, 60),
        Step::Dates(DateStyle::Day),
        Step::Theme("monochrome"),
        Step::Key(KeyCode::Char(']')),
    ];
    for s in &steps {
        let before = draw(&app, size.0, size.1).backend().buffer().clone();
        apply(&mut app, &mut size, s);
        let (kept, fresh) = kept_and_fresh(&app, size);
        assert_eq!(kept, fresh, "after {s:?}");
        // The step shows: the screen is not the one before it (a resize aside).
        if !matches!(s, Step::Size(..)) {
            assert_ne!(before, kept, "{s:?} changed nothing on the screen");
        }
        // Only rows in view are kept (and the sample's lists fit the pane).
        assert!(
            app.cache.rows.borrow().len() <= usize::from(size.1),
            "{s:?}"
        );
    }
}

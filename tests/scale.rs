//! The screen at scale (issue 14): a generated plan of 20,000 actions opened in TestBackend,
//! walked and searched; and the caches that make a change cost what the meeting holds
//! (not the plan) give the same files as computing everything again. Behaviour, not time:
//! the timings are in `benches/scale.rs`.

mod common;

use std::path::Path;

use common::*;
use rapporteur::load::workspace::open_agenda;
use rapporteur::minutes::{Audience, markdown};
use rapporteur::model::Status;
use rapporteur::tui::action::{Action, Effect};
use rapporteur::tui::app::{App, Mode, Pane, Row};
use rapporteur::tui::widgets::search::Hit;
use rapporteur::tui::{persist, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn open(agenda: &Path) -> App {
    App::new(
        open_agenda(agenda).unwrap(),
        rapporteur::load::theme::load("default").unwrap(),
        ten_am(),
    )
}

fn screen_text(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| view::draw(app, f)).unwrap();
    let buf = terminal.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// The Markdown as rendered from every file again, without the cached ledger.
fn markdown_from_scratch(app: &App) -> String {
    let ctx = markdown::Context {
        plan: Some(&app.plan),
        others: &app.others,
        dates: app.screen.dates,
    };
    markdown::render_with(&app.record.minutes, &ctx, Audience::All)
}

#[test]
fn a_plan_of_20000_actions_walks_through_five_areas_and_searches() {
    let dir = tempfile::tempdir().unwrap();
    rapporteur::generate::write_folder(dir.path(), 5, 20_000, 500, 3, 40).unwrap();
    let mut app = open(&dir.path().join("g2.toml"));
    for area in 0..5 {
        press(&mut app, KeyCode::Char(char::from(b'1' + area as u8)));
        let rec = app.current().unwrap();
        assert_eq!(rec.area.as_deref(), Some(format!("area-{area}").as_str()));
        assert_eq!(
            app.shown().len(),
            4_000,
            "area {area} shows its 4,000 actions"
        );
        assert_eq!(app.row_count(), 4_000 + rec.decisions.len());
        let first = format!("X-{}", area * 4_000);
        let text = screen_text(&app);
        assert!(text.contains(&format!("Priority area {area}")), "{text}");
        assert!(text.contains(&first), "{first} on screen:\n{text}");
    }
    // The last row of the last area is reachable and drawn.
    app.screen.focus = Pane::Main;
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.row_at(app.screen.row), Some(Row::Decision(7)));
    for _ in 0..8 {
        press(&mut app, KeyCode::Char('k'));
    }
    assert_eq!(app.row_at(app.screen.row), Some(Row::Action(3_999)));
    assert!(screen_text(&app).contains("X-19999"));

    // Search narrows as it is typed and Enter jumps to the action in its area.
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "x-");
    assert!(
        app.busy(),
        "20,000 matches take more than one keystroke's slice"
    );
    let text = screen_text(&app);
    assert!(
        text.contains("searched"),
        "the frame says the search goes on:\n{text}"
    );
    // Typed on while the first query is scored: each keystroke narrows what is left.
    type_text(&mut app, "1357");
    while app.busy() {
        act(&mut app, Action::Work);
    }
    let Mode::Search(s) = &app.screen.mode else {
        panic!("search is open")
    };
    let narrow = s.matches.len();
    assert!(narrow > 0);
    type_text(&mut app, "9");
    let Mode::Search(s) = &app.screen.mode else {
        panic!("search is open")
    };
    assert!(s.matches.len() <= narrow, "a longer query never finds more");
    assert_eq!(
        s.chosen().map(|e| &e.hit),
        Some(&Hit::Action("X-13579".into()))
    );
    // Enter while a query is still being scored takes the best of the whole list.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    act(&mut app, Action::Paste("x-13579".into()));
    assert!(app.busy(), "pasted: the whole list to score");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    assert_eq!(app.current().unwrap().area.as_deref(), Some("area-3"));
    assert_eq!(app.row_at(app.screen.row), Some(Row::Action(1_579)));
    assert!(screen_text(&app).contains("X-13579"));

    // The other meetings' decisions (kept from load) and this meeting's are found too.
    for (query, hit) in [
        ("g0/1-1 ", Hit::Earlier("g0/1-1".into())),
        ("g1/5-8 ", Hit::Earlier("g1/5-8".into())),
        (
            "5-3 · decision 2 of meeting 2",
            Hit::Decision("5".into(), "5-3".into()),
        ),
    ] {
        press(&mut app, KeyCode::Char('/'));
        act(&mut app, Action::Paste(query.into()));
        while app.busy() {
            act(&mut app, Action::Work);
        }
        let Mode::Search(s) = &app.screen.mode else {
            panic!("search is open")
        };
        assert_eq!(s.chosen().map(|e| &e.hit), Some(&hit), "{query}");
        press(&mut app, KeyCode::Esc);
    }
    press(&mut app, KeyCode::Char('/'));
    act(&mut app, Action::Paste("x-13579".into()));
    press(&mut app, KeyCode::Enter);

    // A change on the 20,000-action plan: written with this meeting's rows only.
    act(&mut app, Action::Status);
    act(&mut app, Action::Down);
    assert_eq!(act(&mut app, Action::Confirm), Effect::Save);
    assert_eq!(app.now_state("X-13579").unwrap().status, Status::Blocked);
    let written = persist::render(&app).unwrap();
    assert_eq!(written.markdown, markdown_from_scratch(&app));
    assert!(written.markdown.contains("| X-13579 |"));
}

#[test]
fn the_markdown_from_the_cached_ledger_is_the_one_built_from_every_file() {
    // A meeting in the middle of six, so later meetings are loaded too; its minutes
    // update plan actions and decisions of the meeting before.
    let dir = tempfile::tempdir().unwrap();
    rapporteur::generate::write_folder(dir.path(), 4, 400, 30, 6, 40).unwrap();
    let mut app = open(&dir.path().join("g3.toml"));
    assert_eq!(
        persist::render(&app).unwrap().markdown,
        markdown_from_scratch(&app)
    );
    // A status on a plan action, a decision that is an action, an undo and a redo.
    press(&mut app, KeyCode::Char('2'));
    app.screen.focus = Pane::Main;
    app.screen.row = 5;
    act(&mut app, Action::Status);
    act(&mut app, Action::Down);
    act(&mut app, Action::Confirm);
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "Report back on training");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "p3");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "2018-01-31");
    press(&mut app, KeyCode::Enter);
    let md = persist::render(&app).unwrap().markdown;
    assert!(md.contains("Report back on training"), "{md}");
    assert_eq!(md, markdown_from_scratch(&app));
    act(&mut app, Action::Undo);
    assert_eq!(
        persist::render(&app).unwrap().markdown,
        markdown_from_scratch(&app)
    );
    act(&mut app, Action::Redo);
    assert_eq!(
        persist::render(&app).unwrap().markdown,
        markdown_from_scratch(&app)
    );

    // The sample meeting and a plan of another body, with no member states.
    let sample = sample();
    assert_eq!(
        persist::render(&sample).unwrap().markdown,
        markdown_from_scratch(&sample)
    );
    let senate = open(Path::new("tests/fixtures/senate/m1.toml"));
    assert_eq!(
        persist::render(&senate).unwrap().markdown,
        markdown_from_scratch(&senate)
    );
    // A third body, at the meeting after one with minutes (their updates and decisions
    // are the state before it), and at the meeting with minutes, a later one loaded too.
    for agenda in ["2024-09-12-forum-4.toml", "2024-04-10-forum-3.toml"] {
        let app = open(&Path::new("tests/fixtures/bodies/fisheries").join(agenda));
        assert_eq!(
            persist::render(&app).unwrap().markdown,
            markdown_from_scratch(&app),
            "{agenda}"
        );
    }
}

#[test]
fn the_line_mode_searches_a_20000_action_plan_to_its_end() {
    // A line has no "between keys": its search is scored whole before the answer.
    let dir = tempfile::tempdir().unwrap();
    rapporteur::generate::write_folder(dir.path(), 5, 20_000, 100, 1, 10).unwrap();
    let mut app = open(&dir.path().join("g0.toml"));
    let mut mode = rapporteur::plain::LineMode::new();
    let r = mode.answer(&mut app, "/ x-17531");
    assert!(r.ok, "{:?}", r.lines);
    assert!(r.lines[0].contains("X-17531"), "{:?}", r.lines);
    assert!(!app.busy());
    let r = mode.answer(&mut app, "go 1");
    assert!(r.ok, "{:?}", r.lines);
    assert_eq!(app.current().unwrap().area.as_deref(), Some("area-4"));
    assert_eq!(
        app.selected_target(),
        Some(rapporteur::tui::app::Target::Action("X-17531".into()))
    );
}

#[test]
fn the_screen_keeps_only_what_earlier_meetings_named_and_reads_the_rest_from_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    rapporteur::generate::write_folder(dir.path(), 4, 2_000, 30, 6, 40).unwrap();
    let app = open(&dir.path().join("g4.toml"));
    let earlier: Vec<_> = app
        .others
        .iter()
        .filter(|m| rapporteur::model::ledger::is_earlier(&m.meeting, &app.record.minutes.meeting))
        .collect();
    assert_eq!(earlier.len(), 4);
    let full = rapporteur::model::Ledger::build(&app.plan, earlier.iter().copied());
    assert!(
        app.cache.baseline.actions().len() < full.actions().len() / 2,
        "{} kept of {}",
        app.cache.baseline.actions().len(),
        full.actions().len()
    );
    for a in full.actions() {
        assert_eq!(app.before(&a.id).as_deref(), Some(a), "{}", a.id);
    }
    assert!(app.before("X-999999").is_none());
}

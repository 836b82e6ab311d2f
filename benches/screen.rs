//! Benchmarks of the performance budget in DESIGN.md: key press to redrawn frame, fuzzy
//! search, writing minutes, loading a large plan. Run with `cargo bench`.

use std::path::Path;

use chrono::NaiveDate;
use divan::Bencher;
use rapporteur::load::workspace::open_agenda;
use rapporteur::model::{Decision, Minutes};
use rapporteur::tui::action::Action;
use rapporteur::tui::app::{App, Pane};
use rapporteur::tui::update::update;
use rapporteur::tui::view;
use rapporteur::tui::widgets::search::{SearchView, decision_entries};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2016, 11, 21)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

fn app_for(agenda: &Path) -> App {
    let mut opened = open_agenda(agenda).unwrap();
    opened.minutes = None;
    App::new(
        opened,
        rapporteur::load::theme::load("default").unwrap(),
        now(),
    )
}

fn sample_app() -> App {
    let mut app = app_for(Path::new("meetings/ccscap/2016-11-21-consle-17.toml"));
    update(&mut app, Action::JumpArea(3));
    app.screen.focus = Pane::Main;
    app
}

/// A generated plan of 10,000 actions and 1,000 partners, the screen on an area of 2,000.
fn large_app(dir: &Path) -> App {
    rapporteur::generate::write_folder(dir, 5, 10_000, 1_000, 1, 100).unwrap();
    let mut app = app_for(&dir.join("g0.toml"));
    update(&mut app, Action::JumpArea(3));
    app.screen.focus = Pane::Main;
    app.screen.row = 1_000;
    app
}

fn keystroke(bencher: Bencher, mut app: App) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| view::draw(&app, f)).unwrap();
    let mut down = true;
    bencher.bench_local(|| {
        update(&mut app, if down { Action::Down } else { Action::Up });
        down = !down;
        terminal.draw(|f| view::draw(&app, f)).unwrap();
    });
}

/// One key press (move the selection) and the redrawn 120x40 frame, sample meeting.
#[divan::bench]
fn keystroke_to_frame_sample(bencher: Bencher) {
    keystroke(bencher, sample_app());
}

/// The same with 10,000 actions and 1,000 partners loaded.
#[divan::bench]
fn keystroke_to_frame_10k_actions(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    keystroke(bencher, large_app(dir.path()));
}

/// The sample with twelve long decisions under the item: every row wraps onto several
/// lines at 120x40 (the rows fit the pane, so all of them are wrapped on every frame).
#[divan::bench]
fn keystroke_to_frame_sample_wrapped_decisions(bencher: Bencher) {
    let mut app = sample_app();
    let item = app.screen.item;
    for k in 0..12 {
        app.record.minutes.items[item]
            .decisions
            .push_back(Decision {
                id: format!("6.3-{}", k + 1),
                text: format!(
                    "Decision {k}: adopt the draft minimum standards and circulate them to all \
                 member states for comment, with a report on the replies to the next meeting"
                ),
                owners: vec!["ctu".into(), "impacs".into()],
                due: NaiveDate::from_ymd_opt(2017, 3, 31),
                ..Decision::default()
            });
    }
    keystroke(bencher, app);
}

/// 10,000 actions and decisions to search: 9,000 plan actions (and 100 partners) plus
/// 1,000 decisions.
fn search_view(dir: &Path) -> SearchView {
    rapporteur::generate::write_folder(dir, 5, 9_000, 100, 1, 10).unwrap();
    let app = app_for(&dir.join("g0.toml"));
    let mut minutes = app.record.minutes.clone();
    for (i, item) in minutes.items.iter_mut().enumerate() {
        for k in 0..200 {
            item.decisions.push_back(Decision {
                id: format!("{}-{k}", item.id),
                text: format!("Decision {k} of item {i} on training and equipment"),
                ..Decision::default()
            });
        }
    }
    SearchView::new(
        app.cache.search_entries.clone(),
        decision_entries(&minutes, &app.others),
    )
}

/// The first keystroke of a search: scores every one of 11,000+ entries.
#[divan::bench]
fn search_first_keystroke_10k(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let base = search_view(dir.path());
    bencher
        .with_inputs(|| base.clone())
        .bench_local_refs(|s| s.paste("t"));
}

/// A keystroke that extends the query: re-scores only the previous matches.
#[divan::bench]
fn search_next_keystroke_10k(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let mut base = search_view(dir.path());
    base.paste("tr");
    bencher
        .with_inputs(|| base.clone())
        .bench_local_refs(|s| s.paste("a"));
}

fn minutes_with(decisions: usize) -> Minutes {
    let app = sample_app();
    let mut m = app.record.minutes.clone();
    let n = m.items.len();
    for k in 0..decisions {
        let item = &mut m.items[k % n];
        let id = item.next_decision_id();
        item.decisions.push_back(Decision {
            id,
            text: format!("Decision number {k}: circulate the draft to member states for comment"),
            owners: vec!["ctu".into(), "impacs".into()],
            due: NaiveDate::from_ymd_opt(2017, 3, 31),
            ..Decision::default()
        });
    }
    m
}

/// Writing the minutes after a change with 500 decisions recorded: TOML record, atomic,
/// fsync of file and folder.
#[divan::bench]
fn write_minutes_500_decisions(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.minutes.toml");
    let m = minutes_with(500);
    bencher.bench_local(|| rapporteur::minutes::store::save_minutes(&path, &m).unwrap());
}

/// The same plus the Markdown minutes beside it, as the live screen writes them.
#[divan::bench]
fn write_minutes_and_markdown_500_decisions(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.minutes.toml");
    let m = minutes_with(500);
    let app = sample_app();
    let ctx = rapporteur::minutes::markdown::Context {
        plan: Some(&app.plan),
        others: &app.others,
        ..Default::default()
    };
    bencher.bench_local(|| {
        rapporteur::minutes::store::save_minutes(&path, &m).unwrap();
        rapporteur::minutes::store::save_markdown(&path, &m, &ctx).unwrap();
    });
}

/// Load and validate a plan of 10,000 actions and 1,000 partners.
#[divan::bench]
fn load_plan_10k(bencher: Bencher) {
    let text = rapporteur::generate::plan(5, 10_000, 1_000);
    bencher.bench_local(|| {
        let parsed = rapporteur::load::parse_document(&text, "plan.toml");
        assert!(parsed.problems.is_empty());
        parsed.document
    });
}

/// The baseline: parsing the same file into a `toml::Table`.
#[divan::bench]
fn parse_plan_10k_into_toml_table(bencher: Bencher) {
    let text = rapporteur::generate::plan(5, 10_000, 1_000);
    bencher.bench_local(|| text.parse::<toml::Table>().unwrap());
}

/// The vote sheet (`v`, `2`) on the sample with every delegation present and 40 more
/// delegations in the attendance: one key typed into its filter (or deleted) and the
/// redrawn 120x40 frame. The filter ranks every delegation of the attendance and the
/// roster by the owner rules on each key.
#[divan::bench]
fn vote_sheet_filter_keystroke_to_frame(bencher: Bencher) {
    use rapporteur::model::{Attendance, Presence};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = sample_app();
    for a in &mut app.record.minutes.attendance {
        a.status = Presence::Present;
    }
    for n in 0..40 {
        app.record.minutes.attendance.push(Attendance::new(
            format!("Delegation {n}"),
            Presence::Present,
        ));
    }
    let item = app.screen.item;
    app.record.minutes.items[item]
        .decisions
        .push_back(Decision {
            id: "6.3-1".into(),
            text: "Adopt the regional incident classification.".into(),
            ..Decision::default()
        });
    app.screen.row = app.shown().len();
    update(&mut app, Action::HowTaken);
    update(&mut app, Action::Choose(2));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let key = |c| Action::Input(KeyEvent::new(c, KeyModifiers::NONE));
    let mut typing = true;
    bencher.bench_local(|| {
        let k = if typing {
            key(KeyCode::Char('a'))
        } else {
            key(KeyCode::Backspace)
        };
        update(&mut app, k);
        typing = !typing;
        terminal.draw(|f| view::draw(&app, f)).unwrap();
    });
}

//! Issue 14's goals at scale: a generated plan of 100,000 actions and 1,000 partners with
//! ten meetings of 200 decisions, against the bundled sample meeting. Each goal is a ratio
//! within one run (the machine is shared): run one group at a time, e.g.
//! `cargo bench --bench scale -- change`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use divan::Bencher;
use rapporteur::load::workspace::open_agenda;
use rapporteur::minutes::store;
use rapporteur::model::Decision;
use rapporteur::tui::action::Action;
use rapporteur::tui::app::{App, Pane};
use rapporteur::tui::update::update;
use rapporteur::tui::widgets::search::{SearchView, decision_entries};
use rapporteur::tui::{persist, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

const ACTIONS: usize = 100_000;
const PARTNERS: usize = 1_000;
const MEETINGS: usize = 10;
const DECISIONS: usize = 200;

/// The generated folder, written once per run.
fn folder() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        rapporteur::generate::write_folder(dir.path(), 5, ACTIONS, PARTNERS, MEETINGS, DECISIONS)
            .unwrap();
        dir
    })
    .path()
}

/// The last meeting of the generated folder: nine earlier meetings behind it.
fn large_agenda() -> PathBuf {
    folder().join(format!("g{}.toml", MEETINGS - 1))
}

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2017, 11, 15)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

fn app_for(agenda: &Path) -> App {
    App::new(
        open_agenda(agenda).unwrap(),
        rapporteur::load::theme::load("default").unwrap(),
        now(),
    )
}

/// The screen on the fourth area with a plan action selected (row `row`).
fn on_area(mut app: App, row: usize) -> App {
    update(&mut app, Action::JumpArea(3));
    app.screen.focus = Pane::Main;
    app.screen.row = row;
    app
}

fn sample_app() -> App {
    on_area(
        app_for(Path::new("meetings/ccscap/2016-11-21-consle-17.toml")),
        1,
    )
}

fn large_app() -> App {
    on_area(app_for(&large_agenda()), ACTIONS / 10)
}

/// The same meeting not minuted yet, as the sample is: only the plan's size differs.
fn large_fresh_app() -> App {
    let mut opened = open_agenda(&large_agenda()).unwrap();
    opened.minutes = None;
    let app = App::new(
        opened,
        rapporteur::load::theme::load("default").unwrap(),
        now(),
    );
    on_area(app, ACTIONS / 10)
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(120, 40)).unwrap()
}

fn keystroke(bencher: Bencher, mut app: App) {
    let mut terminal = terminal();
    terminal.draw(|f| view::draw(&app, f)).unwrap();
    let mut down = true;
    bencher.bench_local(|| {
        update(&mut app, if down { Action::Down } else { Action::Up });
        down = !down;
        terminal.draw(|f| view::draw(&app, f)).unwrap();
    });
}

/// Key press (move) to redrawn 120x40 frame.
mod keystroke {
    use super::*;

    #[divan::bench]
    fn sample(bencher: Bencher) {
        keystroke(bencher, sample_app());
    }

    #[divan::bench]
    fn actions_100k(bencher: Bencher) {
        keystroke(bencher, large_app());
    }

    /// The 100,000-action plan with a meeting not minuted yet, like the sample's.
    #[divan::bench]
    fn actions_100k_fresh_meeting(bencher: Bencher) {
        keystroke(bencher, large_fresh_app());
    }
}

/// A change and its undo, alternately, from key to frame as the loop does it: `s`, next
/// status, Enter (or `u`), the record rendered and written (atomic, fsync), the frame drawn;
/// with `markdown`, also the Markdown the loop writes right after the frame.
fn change(bencher: Bencher, mut app: App, dir: Option<&Path>, markdown: bool) {
    let path = dir.map(|d| d.join("m.minutes.toml"));
    let mut terminal = terminal();
    let mut forward = true;
    bencher.bench_local(|| {
        if forward {
            update(&mut app, Action::Status);
            update(&mut app, Action::Down);
            update(&mut app, Action::Confirm);
        } else {
            update(&mut app, Action::Undo);
        }
        forward = !forward;
        let toml = persist::render_toml(&app).unwrap();
        if let Some(path) = &path {
            store::write_atomic(path, toml.as_bytes(), false).unwrap();
        }
        terminal.draw(|f| view::draw(&app, f)).unwrap();
        if markdown {
            let md = persist::render_markdown(&app);
            if let Some(path) = &path {
                store::write_atomic(&store::markdown_path(path), md.as_bytes(), false).unwrap();
            }
        }
    });
}

mod change {
    use super::*;

    #[divan::bench(sample_count = 50)]
    fn sample(bencher: Bencher) {
        let dir = tempfile::tempdir().unwrap();
        change(bencher, sample_app(), Some(dir.path()), false);
    }

    #[divan::bench(sample_count = 50)]
    fn actions_100k(bencher: Bencher) {
        let dir = tempfile::tempdir().unwrap();
        change(bencher, large_fresh_app(), Some(dir.path()), false);
    }

    /// Key to frame and then the Markdown, 100,000 actions.
    #[divan::bench(sample_count = 50)]
    fn actions_100k_and_markdown(bencher: Bencher) {
        let dir = tempfile::tempdir().unwrap();
        change(bencher, large_fresh_app(), Some(dir.path()), true);
    }

    /// The CPU part alone: the same without the disk (no write, no fsync).
    #[divan::bench(sample_count = 50)]
    fn sample_without_disk(bencher: Bencher) {
        change(bencher, sample_app(), None, false);
    }

    /// The 100,000-action plan with a meeting not minuted yet, like the sample's.
    #[divan::bench(sample_count = 50)]
    fn actions_100k_without_disk(bencher: Bencher) {
        change(bencher, large_fresh_app(), None, false);
    }

    /// The 100,000-action plan with its meeting's 200 decisions already recorded.
    #[divan::bench(sample_count = 50)]
    fn actions_100k_200_decisions_without_disk(bencher: Bencher) {
        change(bencher, large_app(), None, false);
    }
}

/// The sample meeting with `n` decisions recorded.
fn with_decisions(mut app: App, n: usize) -> App {
    let items = app.record.minutes.items.len();
    for k in 0..n {
        let item = &mut app.record.minutes.items[k % items];
        let id = item.next_decision_id();
        item.decisions.push_back(Decision {
            id,
            text: format!("Decision number {k}: circulate the draft to member states for comment"),
            owners: vec!["ctu".into(), "impacs".into()],
            due: NaiveDate::from_ymd_opt(2017, 3, 31),
            ..Decision::default()
        });
    }
    app
}

/// The sample meeting with `n` decisions recorded, rendered and written as after a change.
fn write_decisions(bencher: Bencher, n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.minutes.toml");
    let app = with_decisions(sample_app(), n);
    bencher.bench_local(|| {
        let r = persist::render(&app).unwrap();
        store::write_atomic(&path, r.toml.as_bytes(), false).unwrap();
        store::write_atomic(&store::markdown_path(&path), r.markdown.as_bytes(), false).unwrap();
    });
}

/// Writes after a change: TOML and Markdown, atomic with fsync.
mod write {
    use super::*;

    #[divan::bench(sample_count = 30)]
    fn decisions_500(bencher: Bencher) {
        write_decisions(bencher, 500);
    }

    #[divan::bench(sample_count = 30)]
    fn decisions_5000(bencher: Bencher) {
        write_decisions(bencher, 5_000);
    }

    /// The rendering alone (TOML and Markdown), without the disk.
    #[divan::bench(sample_count = 30)]
    fn decisions_5000_render_only(bencher: Bencher) {
        let app = with_decisions(sample_app(), 5_000);
        bencher.bench_local(|| persist::render(&app).unwrap());
    }

    /// A whole change from key to frame with 5,000 decisions in the meeting.
    #[divan::bench(sample_count = 30)]
    fn change_with_5000_decisions(bencher: Bencher) {
        let dir = tempfile::tempdir().unwrap();
        change(
            bencher,
            with_decisions(sample_app(), 5_000),
            Some(dir.path()),
            false,
        );
    }

    /// The same followed by the Markdown the loop writes once the frame is drawn.
    #[divan::bench(sample_count = 30)]
    fn change_with_5000_decisions_and_markdown(bencher: Bencher) {
        let dir = tempfile::tempdir().unwrap();
        change(
            bencher,
            with_decisions(sample_app(), 5_000),
            Some(dir.path()),
            true,
        );
    }
}

/// One search keystroke over 100,000 actions, 1,000 partners and 2,000 decisions.
mod search {
    use super::*;

    fn view() -> SearchView {
        let app = app_for(&large_agenda());
        SearchView::new(
            app.cache.search_entries.clone(),
            decision_entries(&app.record.minutes, &app.others),
        )
    }

    /// The first keystroke: one character, every entry.
    #[divan::bench(sample_count = 20)]
    fn first_keystroke(bencher: Bencher) {
        let base = view();
        bencher
            .with_inputs(|| base.clone())
            .bench_local_refs(|s| s.paste("t"));
    }

    /// The second keystroke: the first scored query.
    #[divan::bench(sample_count = 20)]
    fn second_keystroke(bencher: Bencher) {
        let mut base = view();
        base.paste("t");
        bencher
            .with_inputs(|| base.clone())
            .bench_local_refs(|s| s.paste("r"));
    }

    /// A narrowing keystroke after the previous query was scored: re-scores only the
    /// previous matches, one slice before the frame.
    #[divan::bench(sample_count = 20)]
    fn narrowing_keystroke(bencher: Bencher) {
        let mut base = view();
        base.paste("tr");
        base.finish();
        bencher
            .with_inputs(|| base.clone())
            .bench_local_refs(|s| s.paste("a"));
    }

    /// The same until every previous match is scored (the slices between keys included).
    #[divan::bench(sample_count = 20)]
    fn narrowing_keystroke_all_scored(bencher: Bencher) {
        let mut base = view();
        base.paste("tr");
        base.finish();
        bencher.with_inputs(|| base.clone()).bench_local_refs(|s| {
            s.paste("a");
            s.finish();
        });
    }
}

/// Open to first frame against a bare parse of the same files.
mod open {
    use super::*;

    /// Load the plan, the agenda, the ten minutes files; build the screen; draw it.
    #[divan::bench(sample_count = 5)]
    fn to_first_frame_100k(bencher: Bencher) {
        let agenda = large_agenda();
        let mut terminal = terminal();
        bencher.bench_local(|| {
            let app = app_for(&agenda);
            terminal.draw(|f| view::draw(&app, f)).unwrap();
            app
        });
    }

    /// The baseline: read the same files and parse each into a `toml::Table`.
    #[divan::bench(sample_count = 5)]
    fn bare_toml_table_parse(bencher: Bencher) {
        let dir = folder();
        bencher.bench_local(|| {
            let mut tables = Vec::new();
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == "toml") {
                    let t: toml::Table = std::fs::read_to_string(&p).unwrap().parse().unwrap();
                    tables.push(t);
                }
            }
            tables
        });
    }
}

//! The line mode's budget: replaying a 2,000-line scribe log in under a second. Run with
//! `cargo bench --bench plain`.
//!
//! `replay_binary` is the whole thing a user runs (`rapporteur open AGENDA --plain <
//! log`): start, 2,000 lines, the minutes written. In replay the lines already waiting in
//! the input are applied together and written once per batch (256 answered lines per write,
//! more when a write takes longer than applying them), and no line is answered before the
//! write that makes it true.
//! `answer_lines` is the same log applied in memory, without the writes.
//!
//! Issue 14 ("scale"): `replay_statements` (one decision, then `r` lines on it) and
//! `replay_decisions` (`d` lines under one item) replay 2,000 and 10,000 lines of another
//! body's meeting through the binary, writes included: the 10,000-line replays should take
//! about five times the 2,000-line ones (linear), not twenty-five.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use chrono::NaiveDate;
use divan::Bencher;
use rapporteur::load::workspace::open_agenda;
use rapporteur::plain::LineMode;
use rapporteur::tui::app::App;

const FOLDER: &str = "tests/fixtures/plain/riverbasin";
const AGENDA: &str = "2024-02-08-board-3.toml";

fn main() {
    divan::main();
}

/// 2,000 lines of a busy meeting: walks, decisions, owners, dates, notes.
fn log() -> String {
    let mut log = String::new();
    for i in 0..400 {
        log.push_str(&format!("{}\n", i % 5 + 1));
        log.push_str(&format!("resolved: Decision number {i} of the board.\n"));
        log.push_str("o utility, hydro\n");
        log.push_str("t +2w\n");
        log.push_str(&format!("n Paragraph {i} of the record of discussion.\n"));
    }
    log
}

#[divan::bench(sample_count = 10)]
fn replay_binary(bencher: Bencher) {
    let log = log();
    replay_in(bencher, FOLDER, AGENDA, &log);
}

/// Replays `log` on a copy of `folder` through the binary and waits for it to end.
fn replay_in(bencher: Bencher, folder: &str, agenda: &str, log: &str) {
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            for e in std::fs::read_dir(folder).unwrap() {
                let e = e.unwrap();
                std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
            }
            dir
        })
        .bench_values(|dir| {
            let mut child = Command::new(env!("CARGO_BIN_EXE_rapporteur"))
                .arg("open")
                .arg(dir.path().join(agenda))
                .arg("--plain")
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            child
                .stdin
                .take()
                .unwrap()
                .write_all(log.as_bytes())
                .unwrap();
            assert!(child.wait().unwrap().success());
            dir
        });
}

const HEALTH: &str = "tests/fixtures/bodies/health-line";
const HEALTH_AGENDA: &str = "2025-09-15-rhc-8.toml";

/// One decision, then `lines` statements on it.
#[divan::bench(args = [2_000, 10_000], sample_count = 3)]
fn replay_statements(bencher: Bencher, lines: usize) {
    let mut log = String::from("take 2\nd The council took note of the statements.\n");
    for i in 0..lines {
        log.push_str(&format!("r moh-north: statement {i} for the record\n"));
    }
    replay_in(bencher, HEALTH, HEALTH_AGENDA, &log);
}

/// `lines` decisions under one item.
#[divan::bench(args = [2_000, 10_000], sample_count = 3)]
fn replay_decisions(bencher: Bencher, lines: usize) {
    let mut log = String::from("take 2\n");
    for i in 0..lines {
        log.push_str(&format!("d Decision {i} of the council.\n"));
    }
    replay_in(bencher, HEALTH, HEALTH_AGENDA, &log);
}

#[divan::bench(sample_count = 10)]
fn answer_lines(bencher: Bencher) {
    let log = log();
    let now = NaiveDate::from_ymd_opt(2024, 2, 8)
        .unwrap()
        .and_hms_opt(14, 0, 0)
        .unwrap();
    bencher
        .with_inputs(|| {
            let mut opened = open_agenda(&Path::new(FOLDER).join(AGENDA)).unwrap();
            opened.minutes = None;
            App::new(
                opened,
                rapporteur::load::theme::load("default").unwrap(),
                now,
            )
        })
        .bench_values(|mut app| {
            let mut mode = LineMode::new();
            for line in log.lines() {
                mode.answer(&mut app, line);
            }
            app
        });
}

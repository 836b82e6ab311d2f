//! The line mode (`open --plain`, or standard input not a terminal): transcripts of whole
//! sessions, a scribe log of another body replayed to its minutes, equivalence with the
//! screen, and durability (kill -9, SIGHUP, SIGTERM, a second instance).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rapporteur::load::workspace::open_agenda;
use rapporteur::plain::LineMode;
use rapporteur::tui::action::Action;
use rapporteur::tui::app::App;
use rapporteur::tui::update::update;

const BIN: &str = env!("CARGO_BIN_EXE_rapporteur");
const BASIN: &str = "tests/fixtures/plain/riverbasin";
const BASIN_AGENDA: &str = "2024-02-08-board-3.toml";

/// A copy of a fixture folder, so minutes can be written beside the agenda.
fn copy_of(folder: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(folder).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
        }
    }
    dir
}

/// Clock times (`18:08`, `18:08:59`) as `HH:MM`, so a transcript does not depend on when
/// it ran.
fn timeless(s: &str) -> String {
    let b: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let digit = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_digit());
    while i < b.len() {
        if digit(i) && digit(i + 1) && b.get(i + 2) == Some(&':') && digit(i + 3) && digit(i + 4) {
            if b.get(i + 5) == Some(&':') && digit(i + 6) && digit(i + 7) {
                out.push_str("HH:MM:SS");
                i += 8;
            } else {
                out.push_str("HH:MM");
                i += 5;
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// Runs the binary on an agenda with `input` on standard input.
fn replay(agenda: &Path, input: &str, extra: &[&str]) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .arg("open")
        .arg(agenda)
        .args(extra)
        .env_remove("RUST_BACKTRACE")
        .env(
            "XDG_CONFIG_HOME",
            agenda.parent().unwrap().join("no-config"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A refused instance may exit before it reads: a closed pipe is its answer, not a failure.
    if let Err(e) = child.stdin.take().unwrap().write_all(input.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Nothing a screen reader would read aloud as noise, nothing that moves a cursor.
fn assert_plain(text: &str) {
    assert!(!text.contains('\u{1b}'), "an escape sequence:\n{text}");
    let drawing = text
        .chars()
        .find(|c| ('\u{2500}'..='\u{259f}').contains(c) || ('\u{25a0}'..='\u{25ff}').contains(c));
    assert_eq!(drawing, None, "box drawing or symbols:\n{text}");
}

#[test]
fn a_scribe_log_of_a_basin_board_replays_to_its_minutes() {
    let dir = copy_of(BASIN);
    let log = std::fs::read_to_string(dir.path().join("scribe-log.txt")).unwrap();
    let (code, out, err) = replay(&dir.path().join(BASIN_AGENDA), &log, &[]);
    assert_eq!(code, 1, "one line could not be applied: {err}");
    assert_plain(&out);
    assert!(
        out.contains("Line 22: "),
        "the refused line is named: {out}"
    );
    assert!(out.contains("1 line could not be applied: 22."), "{out}");
    insta::assert_snapshot!("basin_board_transcript", timeless(&out));
    let minutes =
        std::fs::read_to_string(dir.path().join("2024-02-08-board-3.minutes.toml")).unwrap();
    insta::assert_snapshot!("basin_board_minutes", timeless(&minutes));
    // The correction, the free-text owner, the update to a plan action, the apologies.
    assert!(minutes.contains("nitrate and phosphate results"));
    assert!(minutes.contains("owners = [\"the Chair\"]"));
    assert!(minutes.contains("action = \"FW-2\"\nstatus = \"in-progress\""));
    assert!(minutes.contains(
        "represents = \"farmers\"\nstatus = \"absent\"\n\n[[attendance.delegates]]\nname = \"Ana Ruiz\""
    ));
    // The refused line changed nothing: 6-1 kept the date of its action line.
    assert!(minutes.contains("id = \"6-1\"\ntext = \"hold the first river day in Arles\"\nowners = [\"ngo-river\"]\ndue = 2024-05-31"));
    let md = std::fs::read_to_string(dir.path().join("2024-02-08-board-3.minutes.md")).unwrap();
    assert!(md.contains("nitrate and phosphate results"));
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(
        left.is_empty(),
        "no lock, draft or temporary left: {left:?}"
    );
}

#[test]
fn a_session_on_the_sample_reads_aloud_and_writes_its_minutes() {
    let dir = copy_of("meetings/ccscap");
    for f in ["minutes.toml", "minutes.md"] {
        let _ = std::fs::remove_file(dir.path().join(format!("2016-11-21-consle-17.{f}")));
    }
    let script = "\
help
take 4
ls
a Barbados present
a st vincent present
a
]
d Member states to run national awareness campaigns.
o telecom, the Chair
t 2017-03-31
s in-progress
sel PA-4
s done
u
redo
n Jamaica offered to host the launch.
/ incident reporting guide
go 1
where
[
t +2w
o
w
q
this line is never read
";
    let agenda = dir.path().join("2016-11-21-consle-17.toml");
    let (code, out, err) = replay(&agenda, script, &["--plain"]);
    assert_eq!(code, 1, "two lines were refused: {err}");
    assert_plain(&out);
    assert_plain(&err);
    let out = out.replace(&dir.path().display().to_string(), "DIR");
    insta::assert_snapshot!("sample_transcript", timeless(&out));
    let minutes =
        std::fs::read_to_string(dir.path().join("2016-11-21-consle-17.minutes.toml")).unwrap();
    assert!(minutes.contains("text = \"Member states to run national awareness campaigns.\"\nowners = [\"ctu\", \"the Chair\"]\ndue = 2017-03-31\nstatus = \"in-progress\""), "{minutes}");
    assert!(
        minutes.contains("action = \"PA-4\"\nstatus = \"done\""),
        "{minutes}"
    );
    assert!(minutes.contains("Jamaica offered to host the launch."));
}

#[test]
fn a_read_only_session_answers_and_writes_nothing() {
    let dir = copy_of(BASIN);
    let (code, out, _) = replay(
        &dir.path().join(BASIN_AGENDA),
        "take 2\nd Not recorded\nls\n",
        &["--read-only"],
    );
    assert_eq!(code, 1);
    assert!(out.contains("Read-only: opened with --read-only"), "{out}");
    assert!(out.contains("Line 2: Read-only"), "{out}");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 3, "plan, agenda and log only: {names:?}");
}

fn ten_am() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 2, 8)
        .unwrap()
        .and_hms_opt(14, 5, 0)
        .unwrap()
}

fn basin_app() -> App {
    let mut opened = open_agenda(&Path::new(BASIN).join(BASIN_AGENDA)).unwrap();
    opened.minutes = None;
    App::new(
        opened,
        rapporteur::load::theme::load("default").unwrap(),
        ten_am(),
    )
}

fn minutes_of(app: &App) -> (String, String) {
    let ctx = rapporteur::minutes::markdown::Context {
        plan: Some(&app.plan),
        others: &app.others,
        dates: app.screen.dates,
    };
    (
        rapporteur::minutes::toml_out::to_toml(&app.record.minutes).unwrap(),
        rapporteur::minutes::markdown::render_with(
            &app.record.minutes,
            &ctx,
            rapporteur::minutes::Audience::All,
        ),
    )
}

#[test]
fn screen_actions_and_line_commands_give_the_same_minutes() {
    use Action::*;
    let mut screen = basin_app();
    let paste = |s: &str| Paste(s.to_string());
    let keys = [
        // Attendance: Omar Haddad (hydro) present, Ana Ruiz (farmers) present then absent.
        Attendance,
        Down,
        Toggle,
        Down,
        Down,
        Down,
        Toggle,
        Toggle,
        Cancel,
        // Area 2, taken up.
        JumpArea(2),
        Enter,
        Decide,
        paste("Sampling doubles in summer."),
        Confirm,
        paste("utility"),
        Confirm,
        paste("+3m"),
        Confirm,
        Notes,
        paste("Discussed at length."),
        Cancel,
        Top,
        Status,
        Down,
        Down,
        Down,
        Confirm,
        // Area 4: a decision with two owners, one of them free text, no date.
        JumpArea(4),
        NextPane,
        Enter,
        Decide,
        paste("Ask the ministry who owns the weirs."),
        Confirm,
        paste("fotr"),
        Pick,
        paste("the Chair"),
        Confirm,
        Cancel,
        Undo,
        Redo,
    ];
    for k in keys {
        update(&mut screen, k);
    }
    let mut lines = basin_app();
    let mut mode = LineMode::new();
    for l in [
        "a hydro present",
        "regrets+ Ana Ruiz",
        "2",
        "action: utility to Sampling doubles in summer. by +3m",
        "n Discussed at length.",
        "sel WQ-1",
        "s done",
        "4",
        "d Ask the ministry who owns the weirs.",
        "o fotr, the Chair",
        "u",
        "redo",
    ] {
        let r = mode.answer(&mut lines, l);
        assert!(r.ok, "{l}: {:?}", r.lines);
    }
    let (a, b) = (minutes_of(&screen), minutes_of(&lines));
    assert_eq!(a.0, b.0, "the TOML record");
    assert_eq!(a.1, b.1, "the Markdown minutes");
    assert!(a.0.contains("status = \"present\"") && a.0.contains("the Chair"));
}

#[test]
fn a_line_that_fails_half_way_changes_nothing_and_a_line_is_one_undo() {
    let mut app = basin_app();
    let mut mode = LineMode::new();
    assert!(mode.answer(&mut app, "take 3").ok);
    let before = app.record.minutes.clone();
    let undo = app.record.undo.len();
    // The owners are taken, then the date is refused: the decision must not stay.
    let r = mode.answer(&mut app, "action: utility to report by 03/04/2024");
    assert!(
        r.ok,
        "'03/04/2024' is not read as a date, so it stays in the text"
    );
    assert_eq!(
        app.record.undo.len(),
        undo + 1,
        "decision and owners: one undo"
    );
    assert!(mode.answer(&mut app, "u").ok);
    assert_eq!(app.record.minutes.items, {
        let mut items = before.items.clone();
        items[2].issued = Some(1); // undo never frees an issued id
        items
    });
    let r = mode.answer(&mut app, "t 31/12/2024");
    assert!(!r.ok, "nothing selected after undo");
    assert!(mode.answer(&mut app, "d Report on sampling").ok);
    let after = app.record.minutes.clone();
    let r = mode.answer(&mut app, "t 31/12/2024");
    assert!(!r.ok);
    assert!(r.lines[0].contains("ambiguous"), "{:?}", r.lines);
    assert_eq!(app.record.minutes, after, "nothing half-applied");
    let r = mode.answer(&mut app, "o ");
    assert!(!r.ok, "{:?}", r.lines);
    let r = mode.answer(&mut app, "a Nobody present");
    assert!(r.lines[0].contains("not on the attendance list"), "{r:?}");
}

/// A running line mode on a pipe, its answers read line by line.
struct Running {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    out: BufReader<std::process::ChildStdout>,
}

impl Running {
    fn start(agenda: &Path) -> Running {
        let mut child = Command::new(BIN)
            .arg("open")
            .arg(agenda)
            .env_remove("RUST_BACKTRACE")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let out = BufReader::new(child.stdout.take().unwrap());
        let mut r = Running { child, stdin, out };
        r.until("Current item");
        r
    }

    fn send(&mut self, line: &str) {
        writeln!(self.stdin, "{line}").unwrap();
        self.stdin.flush().unwrap();
    }

    /// Reads answers until one contains `text`.
    fn until(&mut self, text: &str) -> String {
        let mut line = String::new();
        loop {
            line.clear();
            let n = self.out.read_line(&mut line).unwrap();
            assert!(n > 0, "the line mode ended before saying '{text}'");
            if line.contains(text) {
                return line;
            }
        }
    }

    fn signal(&self, name: &str) {
        let ok = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        assert!(ok.success());
    }

    /// Waits for the exit, at most `limit`.
    fn exit_within(&mut self, limit: Duration) -> std::process::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s;
            }
            assert!(start.elapsed() < limit, "still running after {limit:?}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn minutes_path(dir: &Path) -> PathBuf {
    dir.join("2024-02-08-board-3.minutes.toml")
}

#[test]
fn kill_9_after_an_answer_loses_nothing() {
    let dir = copy_of(BASIN);
    let mut r = Running::start(&dir.path().join(BASIN_AGENDA));
    r.send("take 2");
    r.until("Taken up");
    r.send("d Kept after kill -9");
    r.until("Decision 2-1 recorded");
    r.child.kill().unwrap();
    r.child.wait().unwrap();
    let text = std::fs::read_to_string(minutes_path(dir.path())).unwrap();
    assert!(text.contains("Kept after kill -9"), "{text}");
    // The lock of a dead process is taken over by the next session.
    let (code, out, _) = replay(&dir.path().join(BASIN_AGENDA), "take 2\nls\n", &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Kept after kill -9"), "{out}");
}

#[test]
fn sighup_and_sigterm_end_it_within_two_seconds_with_the_lock_released() {
    for (sig, code) in [("HUP", 129), ("TERM", 143)] {
        let dir = copy_of(BASIN);
        let mut r = Running::start(&dir.path().join(BASIN_AGENDA));
        r.send("take 3");
        r.send("d Written before the signal");
        r.until("Decision 3-1 recorded");
        r.signal(sig);
        let status = r.exit_within(Duration::from_secs(2));
        assert_eq!(status.code(), Some(code), "SIG{sig}");
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut r.out, &mut rest).unwrap();
        assert_plain(&rest);
        let text = std::fs::read_to_string(minutes_path(dir.path())).unwrap();
        assert!(text.contains("Written before the signal"));
        let hidden: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(hidden.is_empty(), "SIG{sig} left {hidden:?}");
    }
}

#[test]
fn a_second_instance_is_refused_with_the_holder() {
    let dir = copy_of(BASIN);
    let mut first = Running::start(&dir.path().join(BASIN_AGENDA));
    let (code, _, err) = replay(&dir.path().join(BASIN_AGENDA), "d Second\n", &[]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&first.child.id().to_string()),
        "names the holder's pid: {err}"
    );
    first.send("q");
    let status = first.exit_within(Duration::from_secs(5));
    assert_eq!(status.code(), Some(0));
}

#[test]
fn a_replay_of_2000_lines_takes_under_a_second() {
    let dir = copy_of(BASIN);
    let mut log = String::new();
    for i in 0..400 {
        log.push_str(&format!("{}\n", i % 5 + 1));
        log.push_str(&format!("d Decision number {i}\n"));
        log.push_str("o utility, hydro\n");
        log.push_str("t +2w\n");
        log.push_str(&format!("n Paragraph {i}\n"));
    }
    let start = Instant::now();
    let (code, out, err) = replay(&dir.path().join(BASIN_AGENDA), &log, &[]);
    let took = start.elapsed();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.matches(" recorded under ").count(), 400, "{out}");
    let text = std::fs::read_to_string(minutes_path(dir.path())).unwrap();
    assert!(text.contains("Decision number 399"));
    // The budget is 1 s in a release build on a quiet machine (benches/plain.rs); a
    // debug build on a shared machine gets room.
    assert!(took < Duration::from_secs(10), "{took:?}");
}

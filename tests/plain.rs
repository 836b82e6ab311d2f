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
        "represents = \"farmers\"\nstatus = \"apologies\"\n\n[[attendance.delegates]]\nname = \"Ana Ruiz\""
    ));
    // The refused line changed nothing: 6-1 kept the date of its action line.
    assert!(minutes.contains("id = \"6-1\"\ntext = \"Hold the first river day in Arles\"\nowners = [\"ngo-river\"]\ndue = 2024-05-31"));
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
        // Attendance: Omar Haddad (hydro) present, Ana Ruiz (farmers) sent apologies
        // (Tab: absent, present, apologies).
        Attendance,
        Down,
        Toggle,
        Down,
        Down,
        Down,
        Status,
        Status,
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
    // A date that cannot be read refuses the line before anything is recorded.
    let r = mode.answer(&mut app, "action: utility to report by 03/04/2024");
    assert!(!r.ok, "{:?}", r.lines);
    assert!(r.lines[0].contains("ambiguous"), "{:?}", r.lines);
    assert_eq!(app.record.minutes, before);
    assert_eq!(app.record.undo.len(), undo);
    let r = mode.answer(&mut app, "action: utility to report by 2024-04-03");
    assert!(r.ok, "{:?}", r.lines);
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
    assert!(mode.answer(&mut app, "d Report on sampling").ok);
    let after = app.record.minutes.clone();
    let r = mode.answer(&mut app, "t 03/04/2024");
    assert!(!r.ok);
    assert!(r.lines[0].contains("ambiguous"), "{:?}", r.lines);
    assert_eq!(app.record.minutes, after, "nothing half-applied");
    let r = mode.answer(&mut app, "o ");
    assert!(!r.ok, "{:?}", r.lines);
    let r = mode.answer(&mut app, "a Nobody present");
    assert!(r.lines[0].contains("not on the attendance list"), "{r:?}");
}

#[test]
fn a_line_refused_after_its_first_change_puts_everything_back() {
    let mut app = basin_app();
    let mut mode = LineMode::new();
    assert!(mode.answer(&mut app, "take 3").ok);
    let before = app.record.minutes.clone();
    let undo = app.record.undo.len();
    let screen = app.screen.clone();
    // The decision and its owner are recorded (changes), then the due date, in the past,
    // is refused: the line fails after its first change, and the changes must not stay.
    let r = mode.answer(&mut app, "action: utility to report by 2024-01-01");
    assert!(!r.ok, "{r:?}");
    assert!(r.lines[0].contains("before the meeting"), "{r:?}");
    assert_eq!(app.record.minutes, before, "nothing half-applied");
    assert_eq!(app.record.undo.len(), undo, "no undo step left behind");
    assert_eq!(
        app.screen.mode.kind(),
        screen.mode.kind(),
        "the screen as before"
    );
    assert_eq!(app.screen.item, screen.item);
    // The same first part alone is a change: the refusal above undid it.
    assert!(mode.answer(&mut app, "action: utility to report").ok);
    assert_ne!(app.record.minutes, before, "the decision is now recorded");
    assert_eq!(app.record.undo.len(), undo + 1);
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

/// `sel` of a decision under another item selects it where it is, says so, and records
/// still go to the item under discussion: `n`, `ls`, `where` and `d` keep to it.
#[test]
fn sel_of_a_record_under_another_item_keeps_the_current_item() {
    let mut app = basin_app();
    let mut mode = LineMode::new();
    for l in ["take 3", "d Sampling doubles in summer.", "take 5"] {
        assert!(mode.answer(&mut app, l).ok, "{l}");
    }
    let r = mode.answer(&mut app, "sel 3-1");
    assert!(r.ok, "{:?}", r.lines);
    assert!(r.lines[0].starts_with("Decision 3-1:"), "{:?}", r.lines);
    assert_eq!(
        r.lines.get(1).map(String::as_str),
        Some(
            "It is under item 3 Water quality report; records still go to item 5 Fish \
             passes, under discussion (take 3 takes that item up)."
        ),
        "{:?}",
        r.lines
    );
    let r = mode.answer(&mut app, "where");
    assert!(
        r.lines[0].starts_with("Item 5 Fish passes"),
        "{:?}",
        r.lines
    );
    let r = mode.answer(&mut app, "n The ministry owns two weirs.");
    assert_eq!(
        r.lines,
        ["Note added to item 5 Fish passes, priority area 4 of 5."]
    );
    let items = &app.record.minutes.items;
    assert_eq!(
        items[4].notes.as_deref(),
        Some("The ministry owns two weirs.")
    );
    assert_eq!(items[2].notes, None);
    // The selection stays on 3-1: its status is still what `s` changes.
    assert!(mode.answer(&mut app, "s done").ok);
    assert_eq!(
        app.record.minutes.items[2].decisions[0].status,
        Some(rapporteur::model::Status::Done)
    );
    let r = mode.answer(&mut app, "d Write to the ministry.");
    assert!(
        r.lines[0].starts_with("Decision 5-1 recorded under 5 Fish passes"),
        "{:?}",
        r.lines
    );
    assert_eq!(app.screen.under_discussion, Some(4));
}

/// With nothing taken up, `sel` under another item says that item is now the one shown.
#[test]
fn sel_before_anything_is_taken_up_says_where_records_would_go() {
    let mut app = basin_app();
    let mut mode = LineMode::new();
    let r = mode.answer(&mut app, "sel WQ-1");
    assert!(r.ok, "{:?}", r.lines);
    assert!(
        r.lines
            .iter()
            .any(|l| l.contains("nothing is taken up yet")),
        "{:?}",
        r.lines
    );
}

/// `n TEXT` twice: two paragraphs with a blank line between them, as stored.
#[test]
fn n_appends_a_paragraph_with_a_blank_line_between() {
    let mut app = basin_app();
    let mut mode = LineMode::new();
    for l in ["take 2", "n Two gauges broke.", "n Repairs are under way."] {
        assert!(mode.answer(&mut app, l).ok, "{l}");
    }
    assert_eq!(
        app.record.minutes.items[1].notes.as_deref(),
        Some("Two gauges broke.\n\nRepairs are under way.")
    );
    // Notes written by hand may end in blank lines: still one blank line between.
    app.record.minutes.items[1].notes = Some("Two gauges broke.\n\n\n".into());
    assert!(mode.answer(&mut app, "n Repairs are under way.").ok);
    assert_eq!(
        app.record.minutes.items[1].notes.as_deref(),
        Some("Two gauges broke.\n\nRepairs are under way.")
    );
    let r = mode.answer(&mut app, "ls");
    assert!(
        r.lines
            .contains(&"Record of discussion: 2 paragraphs.".to_string()),
        "{:?}",
        r.lines
    );
}

/// Text with nothing visible in it (spaces, a zero-width space, a byte-order mark) records
/// nothing: no empty decision, note or owner.
#[test]
fn input_with_nothing_visible_records_nothing() {
    let mut app = basin_app();
    let mut mode = LineMode::new();
    assert!(mode.answer(&mut app, "take 3").ok);
    let before = app.record.minutes.clone();
    for l in [
        "d \u{200b}",
        "resolved: \u{feff} ",
        "n \u{200b}\u{200d}",
        "action: \u{200b} to report",
        "action: utility to \u{200b}",
        "topic: \u{2060}",
        "present+ \u{200b}",
    ] {
        let r = mode.answer(&mut app, l);
        assert!(!r.ok, "{l:?}: {:?}", r.lines);
    }
    assert_eq!(app.record.minutes, before);
}

/// A scribe `action:` line whose `by DATE` cannot be read is refused with its line
/// number, not recorded with the date left in its text.
#[test]
fn a_scribe_action_with_an_unreadable_date_is_refused_with_its_line() {
    let dir = copy_of(BASIN);
    let log = "topic: water quality\n\
               action: utility to publish the results by 31/04/2024\n\
               action: utility to publish the results by 2024-04-31\n\
               action: utility to publish the results by +3q\n\
               action: utility to report on what was agreed by the board\n";
    let (code, out, _) = replay(&dir.path().join(BASIN_AGENDA), log, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("Line 2: '31/04/2024' is not a day of the calendar: write it as YYYY-MM-DD"),
        "{out}"
    );
    assert!(
        out.contains("Line 3: '2024-04-31' is not a day of the calendar"),
        "{out}"
    );
    assert!(out.contains("Line 4: "), "{out}");
    assert!(
        out.contains("3 lines could not be applied: 2, 3, 4."),
        "{out}"
    );
    let minutes =
        std::fs::read_to_string(dir.path().join("2024-02-08-board-3.minutes.toml")).unwrap();
    assert!(!minutes.contains("publish the results"), "{minutes}");
    // `by` followed by words, not a date, stays text.
    assert!(
        minutes.contains("text = \"Report on what was agreed by the board\""),
        "{minutes}"
    );
}

#[test]
fn a_screen_draft_is_left_by_the_line_mode_for_the_screen_to_offer_back() {
    use rapporteur::tui::draft::{self, Draft, DraftKind};
    let dir = copy_of(BASIN);
    let agenda = dir.path().join(BASIN_AGENDA);
    let draft_path = draft::draft_path(&minutes_path(dir.path()));
    // Text typed on the screen under item 4 and never confirmed.
    let typed = Draft {
        kind: DraftKind::Decision,
        item: "4".into(),
        about: String::new(),
        text: "Permits above 500 m3 a day need".into(),
        minutes: None,
        statement: None,
        vote: None,
    };
    draft::write(&draft_path, &typed, false).unwrap();
    let kept = std::fs::read(&draft_path).unwrap();
    let (code, out, err) = replay(&agenda, "take 2\nd Recorded in the line mode\nq\n", &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("Text typed in an earlier session is kept in the draft"),
        "{out}"
    );
    assert!(
        !out.contains("Permits above"),
        "not taken by the line mode: {out}"
    );
    let minutes = std::fs::read_to_string(minutes_path(dir.path())).unwrap();
    assert!(minutes.contains("Recorded in the line mode"), "{minutes}");
    assert!(!minutes.contains("Permits above"), "{minutes}");
    assert_eq!(
        std::fs::read(&draft_path).unwrap(),
        kept,
        "the draft is left as it was"
    );
    // The screen offers it back: it still applies to the minutes the line mode wrote.
    let opened = open_agenda(&agenda).unwrap();
    let app = App::new(
        opened,
        rapporteur::load::theme::load("default").unwrap(),
        ten_am(),
    );
    let found = draft::read(&draft_path).expect("the draft is still there");
    let (offered, note) = draft::validate(found, &app);
    assert_eq!(offered, typed, "offered unchanged");
    assert_eq!(note, None);
}

/// A panic in the line mode takes the same way out as the screen's: a last write, what is
/// still unsaved kept (here, where neither the Markdown nor the draft can be written, in
/// the state folder), the lock released, and no escape sequence. The panic comes from the
/// test hook of debug builds (`RAPPORTEUR_TEST_PANIC_ON`).
#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "needs the panic test hook, which only debug builds have"
)]
fn a_panic_keeps_the_record_in_the_state_folder_and_releases_the_lock() {
    let dir = copy_of(BASIN);
    let state = dir.path().join("state");
    // Folders where the Markdown and the draft go: every write of them fails, even as root.
    for blocked in [
        "2024-02-08-board-3.minutes.md",
        ".2024-02-08-board-3.minutes.toml.draft.toml",
    ] {
        std::fs::create_dir_all(dir.path().join(blocked).join("in-the-way")).unwrap();
    }
    let mut child = Command::new(BIN)
        .arg("open")
        .arg(dir.path().join(BASIN_AGENDA))
        .env_remove("RUST_BACKTRACE")
        .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
        .env("XDG_STATE_HOME", &state)
        .env("RAPPORTEUR_TEST_PANIC_ON", "%")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut until = |text: &str| {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(out.read_line(&mut line).unwrap() > 0, "ended before {text}");
            if line.contains(text) {
                return;
            }
        }
    };
    until("Current item");
    writeln!(stdin, "take 2\nd Kept through a panic").unwrap();
    stdin.flush().unwrap();
    until("Not saved");
    writeln!(stdin, "%").unwrap();
    stdin.flush().unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(101), "a panic: {err}");
    assert!(err.contains("RAPPORTEUR_TEST_PANIC_ON"), "{err}");
    assert_plain(&err);
    assert_plain(&String::from_utf8_lossy(&output.stdout));
    let kept = state.join("rapporteur");
    assert!(err.contains(&kept.display().to_string()), "named: {err}");
    let record = std::fs::read_dir(&kept)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".unsaved.toml"))
        .expect("the unsaved record in the state folder");
    let text = std::fs::read_to_string(record).unwrap();
    assert!(text.contains("Kept through a panic"), "{text}");
    assert!(
        !dir.path()
            .join(".2024-02-08-board-3.minutes.toml.lock")
            .exists(),
        "the lock is released"
    );
}

/// Answers a line; panics when it is refused.
fn say(mode: &mut LineMode, app: &mut App, line: &str) -> Vec<String> {
    let r = mode.answer(app, line);
    assert!(r.ok, "{line}: {:?}", r.lines);
    r.lines
}

/// Answers a line that must be refused, changing nothing; returns why.
fn refused(mode: &mut LineMode, app: &mut App, line: &str) -> String {
    let before = app.record.minutes.clone();
    let r = mode.answer(app, line);
    assert!(!r.ok, "{line}: {:?}", r.lines);
    assert_eq!(app.record.minutes, before, "{line} changed nothing");
    r.lines.join(" ")
}

#[test]
fn v_records_how_the_selected_decision_was_taken_by_the_screens_rules() {
    use rapporteur::model::{Taken, Vote};
    let mut app = basin_app();
    let mut mode = LineMode::new();
    for l in [
        "a hydro present",
        "a utility present",
        "a ngo-river present",
        "regrets+ Ana Ruiz",
        "2",
        "d Sampling doubles in summer.",
    ] {
        say(&mut mode, &mut app, l);
    }
    let taken = |app: &App| app.record.minutes.decision("3-1").unwrap().1.taken.clone();
    let lines = say(
        &mut mode,
        &mut app,
        "v vote for HydroService, utility; against FotR",
    );
    assert_eq!(
        lines,
        [
            "How 3-1 was taken: vote 2-1-0, adopted.",
            "For: HydroService, Utility. Against: FotR. Abstaining: none."
        ]
    );
    assert_eq!(
        taken(&app),
        Taken::Vote(Vote {
            yes: vec!["hydro".into(), "utility".into()],
            no: vec!["ngo-river".into()],
            abstain: vec![]
        })
    );
    // A second vote replaces the first, side by side.
    say(
        &mut mode,
        &mut app,
        "v vote for FotR; abstain hydro, utility",
    );
    assert_eq!(
        taken(&app).vote().unwrap().tally(),
        (1, 0, 2),
        "{:?}",
        taken(&app)
    );
    // What check would reject is refused, by the same rule and words.
    for (line, why) in [
        ("v vote for Irrigators", "its attendance is 'apologies'"),
        ("v vote for hydro; against HydroService", "votes twice"),
        ("v vote for the Chair", "names no delegation"),
        ("v vote yes hydro", "v vote for"),
        ("v adref 03/04/2024", "ambiguous"),
        ("v adref 2024-01-31", "before the meeting"),
    ] {
        let said = refused(&mut mode, &mut app, line);
        assert!(said.contains(why), "{line}: {said}");
    }
    let lines = say(&mut mode, &mut app, "v adref +2w");
    assert_eq!(
        lines,
        ["How 3-1 was taken: ad referendum, silence until 2024-02-22."]
    );
    say(&mut mode, &mut app, "v consensus");
    assert_eq!(taken(&app), Taken::Consensus);
    // One line, one step of undo, named.
    let lines = say(&mut mode, &mut app, "u");
    assert!(
        lines[0].starts_with("Undone: how 3-1 was taken (consensus → ad referendum"),
        "{lines:?}"
    );
    // Nothing selected after a walk: v says so.
    say(&mut mode, &mut app, "3");
    assert!(refused(&mut mode, &mut app, "v consensus").contains("record is selected"));
}

#[test]
fn r_places_a_statement_on_the_selected_decision_else_on_the_current_item() {
    use rapporteur::model::StatementKind;
    let mut app = basin_app();
    let mut mode = LineMode::new();
    say(&mut mode, &mut app, "2");
    say(&mut mode, &mut app, "d Sampling doubles in summer.");
    let lines = say(
        &mut mode,
        &mut app,
        "r Utility reservation: The utility reserves its position on the cost.",
    );
    assert_eq!(
        lines,
        ["Statement on 3-1: reservation by Regional Water Utility."]
    );
    let d = app.record.minutes.decision("3-1").unwrap().1;
    assert_eq!(d.statements.len(), 1);
    assert_eq!(d.statements[0].by, "utility");
    assert_eq!(d.statements[0].kind, StatementKind::Reservation);
    assert_eq!(
        d.statements[0].text,
        "The utility reserves its position on the cost."
    );
    // After a walk nothing is selected: the statement goes on the item taken up.
    say(&mut mode, &mut app, "take 4");
    let lines = say(
        &mut mode,
        &mut app,
        "r friends of the river: Thanks: all of you.",
    );
    assert_eq!(
        lines,
        ["Statement on item 4: statement by Friends of the River."]
    );
    let item = app.record.minutes.item("4").unwrap();
    assert_eq!(item.statements[0].by, "ngo-river");
    assert_eq!(item.statements[0].text, "Thanks: all of you.");
    // The delegation by the strong-match rule only: a word inside a name is not enough.
    let said = refused(&mut mode, &mut app, "r iver: Words.");
    assert!(said.contains("names no delegation strongly"), "{said}");
    let said = refused(&mut mode, &mut app, "r hydro");
    assert!(said.contains("r DELEGATION KIND: TEXT"), "{said}");
    let lines = say(&mut mode, &mut app, "u");
    assert_eq!(lines, ["Undone: statement on item 4."]);
    assert!(app.record.minutes.item("4").unwrap().statements.is_empty());
}

#[test]
fn attendance_lines_record_apologies_and_count_the_quorum_by_the_rule() {
    let mut opened = open_agenda(Path::new(
        "tests/fixtures/bodies/alpine/2024-10-03-ams-9.toml",
    ))
    .unwrap();
    opened.minutes = None;
    let mut app = App::new(
        opened,
        rapporteur::load::theme::load("default").unwrap(),
        ten_am(),
    );
    let mut mode = LineMode::new();
    let lines = say(&mut mode, &mut app, "a austria present");
    assert_eq!(
        lines,
        [
            "Federal Minister Huber (AUT) present.",
            "Quorum 3: not reached, 1 present that count (member-state)."
        ]
    );
    // The associate member and the observer are present and not counted.
    for l in ["a monaco present", "a european union present"] {
        let lines = say(&mut mode, &mut app, l);
        assert!(
            lines[1].contains("not reached, 1 present that count"),
            "{lines:?}"
        );
    }
    let lines = say(&mut mode, &mut app, "a liechtenstein apologies");
    assert_eq!(lines[0], "Apologies from LIE.");
    assert_eq!(
        app.record.minutes.delegation("li").map(|a| a.status),
        Some(rapporteur::model::Presence::Apologies)
    );
    // Apologies, then absent, then present, each as said.
    say(&mut mode, &mut app, "a liechtenstein absent");
    assert_eq!(
        app.record.minutes.delegation("li").map(|a| a.status),
        Some(rapporteur::model::Presence::Absent)
    );
    say(&mut mode, &mut app, "a li present");
    say(&mut mode, &mut app, "a li apologies");
    let lines = say(&mut mode, &mut app, "a");
    assert_eq!(
        lines,
        [
            "Present (3): Federal Minister Huber (AUT); Ms. Rossi (MCO), not counted; \
             Mr. Dupont (EU), observer, not counted.",
            "Apologies (1): LIE.",
            "Absent (1): Dr. Keller (CHE).",
            "Quorum 3: not reached, 1 present that count (member-state)."
        ]
    );
}

const HEALTH: &str = "tests/fixtures/bodies/health-line";
const HEALTH_AGENDA: &str = "2025-09-15-rhc-8.toml";

/// The Regional Health Council's meeting (a roster of ministries, agencies, NGOs and an
/// observer, no member states), opened at 10:00 on its day.
fn health_app() -> App {
    let mut opened = open_agenda(&Path::new(HEALTH).join(HEALTH_AGENDA)).unwrap();
    opened.minutes = None;
    App::new(
        opened,
        rapporteur::load::theme::load("default").unwrap(),
        NaiveDate::from_ymd_opt(2025, 9, 15)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
    )
}

fn presence(app: &App, id: &str) -> Option<rapporteur::model::Presence> {
    app.record.minutes.delegation(id).map(|a| a.status)
}

#[test]
fn a_delegate_is_found_by_a_surname_or_given_name_and_surname_in_any_case() {
    use rapporteur::model::Presence::*;
    let mut app = health_app();
    let mut mode = LineMode::new();
    let lines = say(&mut mode, &mut app, "a Okafor present");
    assert_eq!(lines[0], "Dr. Amara Okafor (MoH North) present.");
    assert_eq!(presence(&app, "moh-north"), Some(Present));
    say(&mut mode, &mut app, "a peter lindqvist present");
    assert_eq!(presence(&app, "moh-south"), Some(Present));
    say(&mut mode, &mut app, "regrets+ LINDQVIST");
    assert_eq!(presence(&app, "moh-south"), Some(Apologies));
    // Two delegates are called Mensah: the surname alone is refused with both.
    let why = refused(&mut mode, &mut app, "a Mensah present");
    assert!(
        why.contains("'Mensah' names more than one delegate")
            && why.contains("Dr. Grace Mensah (NPHL)")
            && why.contains("Dr. Joseph Mensah (DRA)"),
        "{why}"
    );
    say(&mut mode, &mut app, "a joseph mensah present");
    assert_eq!(presence(&app, "dra"), Some(Present));
    // A stray letter or two never names anyone; the refusal says what the list holds for
    // a roster without states.
    let why = refused(&mut mode, &mut app, "a Ok present");
    assert_eq!(
        why,
        "'Ok' is not on the attendance list (the agenda's attendees, their delegates' names \
         and the roster's 9 delegations); a alone reads it."
    );
    assert!(!why.contains("states"), "{why}");
}

#[test]
fn a_scribe_present_line_marks_the_names_it_knows_and_names_the_others() {
    use rapporteur::model::Presence::*;
    let mut app = health_app();
    let mut mode = LineMode::new();
    let r = mode.answer(&mut app, "present+ Okafor, MoH South, Nobody, NPHL, DRA");
    assert!(
        !r.ok,
        "answered as refused, so a replay lists it: {:?}",
        r.lines
    );
    assert!(r.changed, "the four known names were marked");
    assert_eq!(
        r.lines[0],
        "Not marked (1 of 5): 'Nobody' is not on the attendance list (the agenda's \
         attendees, their delegates' names and the roster's 9 delegations); a alone reads it."
    );
    assert_eq!(
        r.lines.last().unwrap(),
        "Quorum 4: reached, 4 present that count (ministry, agency)."
    );
    for id in ["moh-north", "moh-south", "nphl", "dra"] {
        assert_eq!(presence(&app, id), Some(Present), "{id}");
    }
    // The decision that follows is taken with the quorum.
    say(&mut mode, &mut app, "take 3");
    say(&mut mode, &mut app, "resolved: The minutes were approved.");
    let d = &app
        .record
        .minutes
        .items
        .iter()
        .find(|i| i.id == "3")
        .unwrap()
        .decisions[0];
    assert!(!d.without_quorum, "{d:?}");
    // The marked names are one step of undo.
    say(&mut mode, &mut app, "u");
    say(&mut mode, &mut app, "u");
    assert_eq!(presence(&app, "moh-north"), Some(Absent));
    // When no name can be marked the line is refused whole, saying nobody was.
    let why = refused(&mut mode, &mut app, "present+ Nobody, Mensah");
    assert!(why.starts_with("Nobody on this line was marked:"), "{why}");
    assert!(why.contains("names more than one delegate"), "{why}");
}

#[test]
fn a_replay_of_the_health_council_log_says_which_line_was_applied_only_in_part() {
    let dir = copy_of(HEALTH);
    let log = "present+ Okafor, MoH South, Nobody, NPHL, DRA\ntake 3\nresolved: Approved.\n";
    let (code, out, err) = replay(&dir.path().join(HEALTH_AGENDA), log, &[]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("Line 1: Not marked (1 of 5): 'Nobody'"),
        "{out}"
    );
    assert!(
        out.contains("1 line could not be applied, or only in part: 1."),
        "{out}"
    );
    assert!(!out.contains("without a quorum"), "{out}");
    let minutes =
        std::fs::read_to_string(dir.path().join("2025-09-15-rhc-8.minutes.toml")).unwrap();
    assert!(!minutes.contains("quorate"), "{minutes}");
}

#[test]
fn x_deletes_the_selected_decision_through_the_screens_delete_and_u_brings_it_back() {
    let mut app = health_app();
    let mut mode = LineMode::new();
    say(&mut mode, &mut app, "take 3");
    say(
        &mut mode,
        &mut app,
        "resolved: The minutes were approved as circulated.",
    );
    say(&mut mode, &mut app, "d A second decision.");
    let with_both = app.record.minutes.clone();
    say(&mut mode, &mut app, "sel 3-1");
    let lines = say(&mut mode, &mut app, "x");
    assert_eq!(
        lines,
        [
            "Decision 3-1 deleted (u undoes).",
            "It read: Decision 3-1: \"The minutes were approved as circulated.\""
        ]
    );
    let item = app
        .record
        .minutes
        .items
        .iter()
        .find(|i| i.id == "3")
        .unwrap();
    let ids: Vec<&str> = item.decisions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["3-2"]);
    // Nothing is selected after it: a second x does not delete the neighbour.
    let why = refused(&mut mode, &mut app, "x");
    assert!(why.starts_with("No record is selected"), "{why}");
    let lines = say(&mut mode, &mut app, "u");
    assert!(lines[0].contains("3-1"), "{lines:?}");
    assert_eq!(app.record.minutes, with_both);
    // A plan action itself is not deleted, as on the screen.
    say(&mut mode, &mut app, "sel AMR-1");
    let why = refused(&mut mode, &mut app, "x");
    assert!(why.contains("Plan actions are not deleted here"), "{why}");
}

/// The minutes of `app` opened again at `at` (quitted, then `rapporteur open` later).
fn reopened(app: &App, at: chrono::NaiveDateTime) -> App {
    let mut opened = open_agenda(&Path::new(HEALTH).join(HEALTH_AGENDA)).unwrap();
    opened.minutes = Some(app.record.minutes.clone());
    App::new(
        opened,
        rapporteur::load::theme::load("default").unwrap(),
        at,
    )
}

fn header_line(app: &App) -> String {
    let (w, h) = (120, 30);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| rapporteur::tui::view::draw(app, f)).unwrap();
    let buf = t.backend().buffer().clone();
    (0..w).map(|x| buf[(x, 1)].symbol()).collect::<String>()
}

#[test]
fn reopened_minutes_whose_last_item_was_left_have_nothing_under_discussion() {
    let mut app = health_app();
    let mut mode = LineMode::new();
    say(&mut mode, &mut app, "take 3");
    update(&mut app, Action::Tick(ten_past(25)));
    say(&mut mode, &mut app, "take 7");
    update(&mut app, Action::Tick(ten_past(31)));
    let r = mode.answer(&mut app, "q");
    assert!(r.quit && r.changed, "{r:?}");
    rapporteur::tui::update::close_meeting(&mut app);
    let seven = |app: &App| {
        app.record
            .minutes
            .items
            .iter()
            .find(|i| i.id == "7")
            .cloned()
            .unwrap()
    };
    assert_eq!(seven(&app).left, chrono::NaiveTime::from_hms_opt(10, 31, 0));
    // An hour later: item 7 is shown, left, its clock stopped; nothing is under discussion.
    let mut again = reopened(&app, ten_past(90));
    assert_eq!(again.screen.under_discussion, None);
    assert_eq!(again.current().unwrap().id, "7");
    let header = header_line(&again);
    assert!(
        header.contains("No item under discussion (7 left at 10:31)"),
        "{header}"
    );
    assert!(!header.contains('▶'), "{header}");
    let mut mode = LineMode::new();
    let lines = say(&mut mode, &mut again, "where");
    assert!(
        lines[0].starts_with(
            "Item 7 Date and venue of the next meeting. Taken up at 10:25, left at 10:31: no item \
             is under discussion until one is taken up."
        ),
        "{lines:?}"
    );
    assert_eq!(
        seven(&again).left,
        seven(&app).left,
        "the file's times are kept"
    );
    // Taking an item up starts its clock again, and the header says so.
    say(&mut mode, &mut again, "take 6");
    assert_eq!(
        again
            .screen
            .under_discussion
            .map(|i| again.record.minutes.items[i].id.clone()),
        Some("6".into())
    );
    assert!(
        header_line(&again).contains("▶ 6 Any other business"),
        "{}",
        header_line(&again)
    );
    // Minutes quitted with an item still open (a crash, or a draft) keep it under discussion.
    let mut open = health_app();
    say(&mut LineMode::new(), &mut open, "take 5.1");
    let open_again = reopened(&open, ten_past(5));
    assert_eq!(
        open_again
            .screen
            .under_discussion
            .map(|i| open_again.record.minutes.items[i].id.clone()),
        Some("5.1".into())
    );
}

/// `minutes` past ten on the Council's meeting day.
fn ten_past(minutes: i64) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 9, 15)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
        + chrono::Duration::minutes(minutes)
}

#[test]
fn a_scribe_action_records_a_sentence_and_keeps_its_owners_as_owners() {
    let mut app = health_app();
    let mut mode = LineMode::new();
    say(&mut mode, &mut app, "topic: antimicrobial stewardship");
    let lines = say(
        &mut mode,
        &mut app,
        "action: DRA, the chair to publish the final antibiotics list by 2025-10-31",
    );
    assert!(
        lines[0].contains("\"Publish the final antibiotics list\". Owners: DRA, the chair."),
        "{lines:?}"
    );
    let item = app
        .record
        .minutes
        .items
        .iter()
        .find(|i| i.id == "5.1")
        .unwrap();
    let d = &item.decisions[0];
    assert_eq!(d.text, "Publish the final antibiotics list");
    assert_eq!(d.owners, ["dra", "the chair"]);
    assert_eq!(d.due, NaiveDate::from_ymd_opt(2025, 10, 31));
}

#[test]
fn a_quorum_mark_set_by_mistake_is_corrected_by_quorate_yes_and_the_screens_q() {
    let mut app = health_app();
    let mut mode = LineMode::new();
    say(&mut mode, &mut app, "take 3");
    // Nobody marked present yet: the decision is marked without a quorum.
    let lines = say(&mut mode, &mut app, "resolved: The minutes were approved.");
    assert!(lines[0].contains("Recorded without a quorum"), "{lines:?}");
    let marked = |app: &App| {
        app.record
            .minutes
            .items
            .iter()
            .find(|i| i.id == "3")
            .unwrap()
            .decisions[0]
            .without_quorum
    };
    assert!(marked(&app));
    let lines = say(&mut mode, &mut app, "quorate yes");
    assert_eq!(
        lines,
        ["Decision 3-1: recorded with a quorum, the mark is cleared (u undoes)."]
    );
    assert!(!marked(&app));
    let lines = say(&mut mode, &mut app, "quorate yes");
    assert_eq!(
        lines,
        ["Decision 3-1 is already recorded with a quorum; nothing changed."]
    );
    let lines = say(&mut mode, &mut app, "u");
    assert!(lines[0].contains("quorum mark of 3-1"), "{lines:?}");
    assert!(marked(&app));
    let why = refused(&mut mode, &mut app, "quorate maybe");
    assert_eq!(why, "Quorate reads: quorate yes, or quorate no.");
    // The screen's Q on the selected decision turns the mark over the same way.
    let q = rapporteur::tui::keymap::action_for(
        rapporteur::tui::app::ModeKind::Normal,
        ratatui::crossterm::event::KeyEvent::new(
            ratatui::crossterm::event::KeyCode::Char('Q'),
            ratatui::crossterm::event::KeyModifiers::SHIFT,
        ),
    );
    assert_eq!(q, Some(Action::QuorumMark));
    update(&mut app, Action::QuorumMark);
    assert!(!marked(&app));
    update(&mut app, Action::QuorumMark);
    assert!(marked(&app));
}

/// `r FotR objection: ...`: the delegation is known and the last word is not a kind, so
/// the answer names the kind and the valid ones (not "'FotR objection' names no
/// delegation"); an unknown delegation is still said to be one.
#[test]
fn a_statement_of_a_kind_that_is_not_one_says_so_with_the_valid_kinds() {
    let mut app = basin_app();
    let mut mode = LineMode::new();
    assert!(mode.answer(&mut app, "take 3").ok);
    let before = app.record.minutes.clone();
    let r = mode.answer(&mut app, "r FotR objection: We object to the weir.");
    assert!(!r.ok, "{:?}", r.lines);
    assert_eq!(
        r.lines[0],
        "Kind 'objection' is not valid: use one of statement, reservation, \
         explanation-of-vote, interpretative.",
        "{:?}",
        r.lines
    );
    assert_eq!(app.record.minutes, before, "nothing recorded");
    let r = mode.answer(&mut app, "r Nobody objection: We object.");
    assert!(!r.ok, "{:?}", r.lines);
    assert!(!r.lines[0].contains("kind"), "{:?}", r.lines);
    let r = mode.answer(&mut app, "r FotR reservation: We reserve our position.");
    assert!(r.ok, "{:?}", r.lines);
}

/// Issue 14 ("scale"): a long log of statements on one decision is replayed whole, every
/// statement in the record and in the Markdown, and the last line is still one step of undo.
/// Each line used to copy and compare every statement recorded before it (10,000 such lines
/// did not finish in ten minutes); 3,000 keep the test quick in a debug build (4 s; 10,000
/// take 23 s there, 3 s in release).
#[test]
fn three_thousand_statements_on_one_decision_are_replayed_whole() {
    const LINES: usize = 3_000;
    let dir = copy_of("tests/fixtures/bodies/health-line");
    let mut log = String::from("take 2\nd The council took note of the statements.\n");
    for i in 1..=LINES {
        log.push_str(&format!(
            "r moh-north: statement number {i} for the record\n"
        ));
    }
    log.push_str("r dra reservation: one more, undone at once\nu\n");
    // The answers fill the pipe long before the log is written: the log goes in from its own
    // thread while they are read.
    let mut child = Command::new(BIN)
        .arg("open")
        .arg(dir.path().join("2025-09-15-rhc-8.toml"))
        .env_remove("RUST_BACKTRACE")
        .env("XDG_CONFIG_HOME", dir.path().join("no-config"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(log.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stderr),
        out.lines().rev().take(5).collect::<Vec<_>>().join("\n")
    );
    assert_eq!(
        out.matches("Statement on 2-1: statement by").count(),
        LINES,
        "every line answered"
    );
    assert!(
        out.contains("Undone: statement on 2-1 (− reservation by Drug Regulatory Authority)."),
        "{}",
        out.lines().last().unwrap_or("")
    );
    let toml = std::fs::read_to_string(dir.path().join("2025-09-15-rhc-8.minutes.toml")).unwrap();
    let md = std::fs::read_to_string(dir.path().join("2025-09-15-rhc-8.minutes.md")).unwrap();
    assert_eq!(
        toml.matches("[[items.decisions.statements]]").count(),
        LINES
    );
    assert!(!toml.contains("one more, undone at once"));
    // In order, each once, in both files.
    let mut at = (0, 0);
    for i in 1..=LINES {
        let words = format!("statement number {i} for the record");
        let quoted = format!("\"{words}\"");
        let t = toml[at.0..]
            .find(&quoted)
            .unwrap_or_else(|| panic!("{quoted} in the record"));
        at.0 += t + quoted.len();
        let m = md[at.1..]
            .find(&words)
            .unwrap_or_else(|| panic!("{words} in the Markdown"));
        at.1 += m + words.len();
    }
}

//! End-to-end runs of the real binary in tmux, for the promises only a real terminal
//! shows: kill -9 and SIGHUP lose nothing, resizing never panics, the terminal is given
//! back, text from files cannot drive the terminal, a second instance is refused.
//!
//! Each test gets its own tmux server (socket) and its own copy of the sample meetings.
//! Without tmux the tests are listed as ignored with the reason; under `CI=true` they fail
//! (see tests/tools).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod tools;

const BIN: &str = env!("CARGO_BIN_EXE_rapporteur");

struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    /// A fresh tmux server and a copy of meetings/ccscap in a temporary folder.
    fn new(name: &str) -> Tmux {
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("ccscap");
        std::fs::create_dir_all(&m).unwrap();
        for f in std::fs::read_dir("meetings/ccscap").unwrap() {
            let f = f.unwrap().path();
            // Minutes of the CONSLE sample left by a manual run are not part of the fixture.
            let left_by_a_run = f.to_string_lossy().contains("consle-17.minutes");
            if f.extension().is_some_and(|e| e == "toml") && !left_by_a_run {
                std::fs::copy(&f, m.join(f.file_name().unwrap())).unwrap();
            }
        }
        let t = Tmux {
            socket: format!("rapporteur-e2e-{name}-{}", std::process::id()),
            dir,
        };
        // A session that outlives the others keeps the server up between them: otherwise
        // a new session started just as the last one closes can meet a dying server.
        t.tmux(&["new-session", "-d", "-s", "keep", "sleep 600"]);
        t
    }

    fn agenda(&self) -> PathBuf {
        self.dir.path().join("ccscap/2016-11-21-consle-17.toml")
    }

    fn minutes(&self) -> PathBuf {
        self.dir
            .path()
            .join("ccscap/2016-11-21-consle-17.minutes.toml")
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Starts `command` (a shell line) in a new session of `w` x `h`.
    fn start(&self, session: &str, w: u16, h: u16, command: &str) {
        let config = self.dir.path().join("config");
        let line = format!(
            "cd '{}' && XDG_CONFIG_HOME='{}' RUST_BACKTRACE=0 {command}",
            self.dir.path().display(),
            config.display()
        );
        let (w, h) = (w.to_string(), h.to_string());
        self.tmux(&[
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            &w,
            "-y",
            &h,
            &line,
        ]);
    }

    /// Starts rapporteur on the agenda, the process replacing the shell (pane pid = ours).
    fn open(&self, session: &str, w: u16, h: u16) {
        self.start(
            session,
            w,
            h,
            &format!("exec '{BIN}' open '{}'", self.agenda().display()),
        );
        self.wait_for(session, "Agenda");
    }

    fn send(&self, session: &str, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", session, k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn type_text(&self, session: &str, text: &str) {
        self.tmux(&["send-keys", "-t", session, "-l", text]);
        std::thread::sleep(Duration::from_millis(100));
    }

    fn capture(&self, session: &str) -> String {
        self.tmux(&["capture-pane", "-p", "-t", session])
    }

    fn wait_for(&self, session: &str, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture(session);
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "waited for {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn pane_pid(&self, session: &str) -> u32 {
        self.tmux(&["display-message", "-p", "-t", session, "#{pane_pid}"])
            .trim()
            .parse()
            .unwrap()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

fn alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| s.contains(") Z "))
}

fn wait_gone(pid: u32, within: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < within {
        if !alive(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    !alive(pid)
}

/// Walks to area 3 and records a decision with an owner and a due date.
fn record_decision(t: &Tmux, s: &str) {
    t.send(s, &["3"]);
    t.wait_for(s, "area 3/5");
    t.send(s, &["d"]);
    t.wait_for(s, "Decision: type it");
    t.type_text(s, "Circulate the minimum standards draft");
    t.send(s, &["Enter"]);
    t.wait_for(s, "Owners of ");
    t.type_text(s, "telecom");
    t.send(s, &["Enter"]);
    t.wait_for(s, "Due date (");
    t.type_text(s, "2017-03-31");
    t.send(s, &["Enter"]);
    t.wait_for(s, "none → Fri 2017-03-31");
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn kill_9_right_after_enter_loses_nothing() {
    tools::require("tmux");
    let t = Tmux::new("kill9");
    t.open("a", 100, 30);
    record_decision(&t, "a");
    let pid = t.pane_pid("a");
    Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(wait_gone(pid, Duration::from_secs(2)));
    let text = std::fs::read_to_string(t.minutes()).unwrap();
    assert!(
        text.contains("Circulate the minimum standards draft"),
        "{text}"
    );
    assert!(text.contains("owners = [\"ctu\"]"), "{text}");
    assert!(text.contains("due = 2017-03-31"), "{text}");
    // Reopening resumes from the minutes (the stale lock of the dead process is taken over).
    t.open("b", 100, 30);
    t.send("b", &["3", "Tab"]);
    // The sample has no quorum yet: the decision row carries that mark before its text.
    t.wait_for("b", "6.3-1 ⚠ no quorum · Circulate");
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn closing_the_terminal_saves_and_exits_within_two_seconds() {
    tools::require("tmux");
    let t = Tmux::new("sighup");
    t.open("a", 100, 30);
    record_decision(&t, "a");
    t.send("a", &["n"]);
    t.wait_for("a", "Record of discussion");
    t.type_text("a", "Words typed but never confirmed");
    let pid = t.pane_pid("a");
    t.tmux(&["kill-session", "-t", "a"]);
    assert!(
        wait_gone(pid, Duration::from_secs(2)),
        "process still there 2 s after SIGHUP"
    );
    let text = std::fs::read_to_string(t.minutes()).unwrap();
    assert!(text.contains("Circulate the minimum standards draft"));
    let lock = t
        .dir
        .path()
        .join("ccscap/.2016-11-21-consle-17.minutes.toml.lock");
    assert!(!lock.exists(), "no lock file left behind");
    // The sample meeting is RESTRICTED: its record, minutes and draft are owner-only.
    {
        use std::os::unix::fs::PermissionsExt;
        let md = t.dir.path().join("ccscap/2016-11-21-consle-17.minutes.md");
        let draft = t
            .dir
            .path()
            .join("ccscap/.2016-11-21-consle-17.minutes.toml.draft.toml");
        for f in [t.minutes(), md, draft] {
            let mode = std::fs::metadata(&f).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", f.display());
        }
    }
    // The unconfirmed notes were kept as a draft and are offered back.
    t.open("b", 100, 30);
    t.wait_for("b", "Unsaved text from the last session");
    t.wait_for("b", "Words typed but never confirmed");
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn unconfirmed_text_survives_kill_9_as_a_draft() {
    tools::require("tmux");
    let t = Tmux::new("draft");
    t.open("a", 100, 30);
    t.send("a", &["d"]);
    t.wait_for("a", "Decision: type it");
    t.type_text("a", "A decision still being typed");
    std::thread::sleep(Duration::from_millis(2100));
    let pid = t.pane_pid("a");
    Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(wait_gone(pid, Duration::from_secs(2)));
    t.open("b", 100, 30);
    t.wait_for("b", "A decision still being typed");
    t.send("b", &["Enter"]);
    t.wait_for("b", "Decision: type it");
    t.send("b", &["Enter"]);
    t.wait_for("b", "Owners of ");
    let text = std::fs::read_to_string(t.minutes()).unwrap();
    assert!(text.contains("A decision still being typed"));
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn quit_gives_the_terminal_back_and_leaves_no_lock_or_draft() {
    tools::require("tmux");
    let t = Tmux::new("quit");
    t.start(
        "a",
        100,
        30,
        &format!("'{BIN}' open '{}'; echo EXITED-$?; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$'; sleep 30", t.agenda().display()),
    );
    t.wait_for("a", "Agenda");
    t.send("a", &["q"]);
    let screen = t.wait_for("a", "EXITED-0");
    assert!(
        screen.contains("\nicanon") || screen.starts_with("icanon"),
        "cooked mode back:\n{screen}"
    );
    assert!(
        !screen.contains("-icanon") && !screen.contains("-echo\n"),
        "raw mode left on:\n{screen}"
    );
    assert!(
        !screen.contains("Agenda"),
        "the alternate screen was left:\n{screen}"
    );
    let cursor = t.tmux(&["display-message", "-p", "-t", "a", "#{cursor_flag}"]);
    assert_eq!(cursor.trim(), "1", "cursor shown");
    let names: Vec<String> = std::fs::read_dir(t.dir.path().join("ccscap"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.ends_with(".lock") && !n.contains(".draft")),
        "{names:?}"
    );
    assert!(
        !t.minutes().exists(),
        "opening and quitting without a change writes nothing"
    );
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn resizing_to_20x6_and_back_never_panics() {
    tools::require("tmux");
    let t = Tmux::new("resize");
    t.open("a", 100, 30);
    let pid = t.pane_pid("a");
    t.tmux(&["resize-window", "-t", "a", "-x", "20", "-y", "6"]);
    t.wait_for("a", "too small");
    t.tmux(&["resize-window", "-t", "a", "-x", "80", "-y", "24"]);
    t.wait_for("a", "Agenda");
    assert!(alive(pid));
    t.send("a", &["?"]);
    t.tmux(&["resize-window", "-t", "a", "-x", "50", "-y", "12"]);
    t.tmux(&["resize-window", "-t", "a", "-x", "120", "-y", "40"]);
    t.wait_for("a", "Keys (Esc closes");
    assert!(alive(pid));
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn escape_sequences_in_an_agenda_do_not_drive_the_terminal() {
    tools::require("tmux");
    let t = Tmux::new("escapes");
    let agenda = std::fs::read_to_string(t.agenda()).unwrap().replace(
        "title = \"Opening of the meeting\"",
        "title = \"Opening \\u001b]2;PWNED\\u0007 \\u001b[2J\\u001b[31mred\"",
    );
    std::fs::write(t.agenda(), agenda).unwrap();
    t.tmux(&["set-option", "-g", "set-titles", "on"]);
    t.open("a", 120, 30);
    let screen = t.wait_for("a", "\\u{1b}]2;PWNED");
    assert!(screen.contains("Agenda"), "{screen}");
    let title = t.tmux(&["display-message", "-p", "-t", "a", "#{pane_title}"]);
    assert!(
        !title.contains("PWNED"),
        "the terminal was retitled: {title}"
    );
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn a_second_instance_is_refused_naming_the_holder() {
    tools::require("tmux");
    let t = Tmux::new("second");
    t.open("a", 100, 30);
    let pid = t.pane_pid("a");
    let out = Command::new(BIN)
        .arg("open")
        .arg(t.agenda())
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("pid {pid}")), "{err}");
    assert!(err.contains("--read-only"), "{err}");
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn no_color_means_no_colour_codes() {
    tools::require("tmux");
    let t = Tmux::new("nocolor");
    t.start(
        "a",
        100,
        30,
        &format!("NO_COLOR=1 exec '{BIN}' open '{}'", t.agenda().display()),
    );
    t.wait_for("a", "Agenda");
    t.send("a", &["3", "a"]);
    t.wait_for("a", "Attendance ·");
    let raw = t.tmux(&["capture-pane", "-p", "-e", "-t", "a"]);
    for sgr in raw.split('\u{1b}').skip(1) {
        let params = sgr.trim_start_matches('[').split('m').next().unwrap_or("");
        for p in params.split(';') {
            let n: u32 = p.parse().unwrap_or(0);
            let colour =
                (30..=38).contains(&n) || (40..=48).contains(&n) || (90..=107).contains(&n);
            assert!(!colour, "colour code {p} in {sgr:?}");
        }
    }
    assert!(
        raw.contains('\u{1b}'),
        "emphasis (bold, reverse) is still there"
    );
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn bracketed_paste_keeps_lines_in_notes_and_joins_them_in_a_decision() {
    tools::require("tmux");
    let t = Tmux::new("paste");
    t.open("a", 100, 30);
    t.send("a", &["n"]);
    t.wait_for("a", "Record of discussion");
    t.tmux(&[
        "set-buffer",
        "-b",
        "p",
        "First line pasted\nSecond line pasted",
    ]);
    t.tmux(&["paste-buffer", "-p", "-b", "p", "-t", "a"]);
    t.wait_for("a", "Second line pasted");
    t.send("a", &["Escape"]);
    t.wait_for("a", "Record of discussion:");
    t.send("a", &["d"]);
    t.wait_for("a", "Decision: type it");
    t.tmux(&["paste-buffer", "-p", "-b", "p", "-t", "a"]);
    t.send("a", &["Enter"]);
    t.wait_for("a", "Owners of ");
    let text = std::fs::read_to_string(t.minutes()).unwrap();
    assert!(
        text.contains("notes = \"\"\"\nFirst line pasted\nSecond line pasted\"\"\""),
        "{text}"
    );
    assert!(
        text.contains("text = \"First line pasted Second line pasted\""),
        "{text}"
    );
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn outstanding_is_coloured_on_a_terminal_and_the_review_screen_exits_on_sighup() {
    tools::require("tmux");
    let t = Tmux::new("review");
    let folder = t.dir.path().join("ccscap");
    t.start(
        "a",
        140,
        40,
        &format!(
            "'{BIN}' outstanding '{}' --as-of 2017-06-30; sleep 30",
            folder.display()
        ),
    );
    t.wait_for("a", "outstanding, ");
    let raw = t.tmux(&["capture-pane", "-p", "-e", "-t", "a"]);
    assert!(raw.contains("\u{1b}["), "colour on a terminal:\n{raw}");
    t.start(
        "b",
        120,
        30,
        &format!("exec '{BIN}' review '{}'", folder.display()),
    );
    t.wait_for("b", "Review · CCSCAP");
    t.type_text("b", "cybercrime laws");
    t.wait_for("b", "filter: cybercrime laws");
    t.send("b", &["Enter"]);
    t.wait_for("b", "History of csm-ii/5.4-1");
    let pid = t.pane_pid("b");
    t.tmux(&["kill-session", "-t", "b"]);
    assert!(
        wait_gone(pid, Duration::from_secs(2)),
        "review still running after SIGHUP"
    );
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn no_arguments_list_the_meetings_and_one_enter_opens_the_newest() {
    tools::require("tmux");
    let t = Tmux::new("chooser");
    // Started in the folder that holds the copy of the sample (ccscap/ inside it).
    t.start("a", 100, 30, &format!("exec '{BIN}'"));
    let list = t.wait_for("a", "meeting(s) under this folder");
    let newest = list.find("consle-17").unwrap_or(usize::MAX);
    let older = list.find("csm-ii").unwrap_or(0);
    assert!(newest < older, "newest first:\n{list}");
    assert!(
        list.contains("▶ 2016-11-21"),
        "the newest selected:\n{list}"
    );
    t.send("a", &["Enter"]);
    let screen = t.wait_for("a", "Agenda");
    assert!(screen.contains("CONSLE"), "the CONSLE-17 screen:\n{screen}");
    t.send("a", &["q"]);
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn a_meeting_opened_from_the_list_keeps_its_draft_on_sigterm() {
    tools::require("tmux");
    let t = Tmux::new("chooser-term");
    for round in 0..3 {
        let s = format!("s{round}");
        t.start(&s, 100, 30, &format!("exec '{BIN}'"));
        t.wait_for(&s, "meeting(s) under this folder");
        t.send(&s, &["Enter"]);
        t.wait_for(&s, "Agenda");
        t.send(&s, &["d"]);
        t.wait_for(&s, "Decision: type it");
        t.type_text(&s, "Typed before the signal");
        std::thread::sleep(Duration::from_millis(150));
        let pid = t.pane_pid(&s);
        Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .unwrap();
        assert!(wait_gone(pid, Duration::from_secs(2)), "gone within 2 s");
        // The live screen's own handler ran (the list's had ended): draft kept, no lock.
        let dir = t.dir.path().join("ccscap");
        let draft = dir.join(".2016-11-21-consle-17.minutes.toml.draft.toml");
        let text = std::fs::read_to_string(&draft).unwrap_or_default();
        assert!(
            text.contains("Typed before the signal"),
            "round {round}: draft kept"
        );
        assert!(
            !dir.join(".2016-11-21-consle-17.minutes.toml.lock").exists(),
            "round {round}: lock removed"
        );
        std::fs::remove_file(&draft).unwrap();
    }
}

/// Every file of the copied meetings folder, with its bytes.
fn folder_state(t: &Tmux) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(t.dir.path().join("ccscap"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap_or_default())
        })
        .collect();
    out.sort();
    out
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn read_only_and_approved_minutes_create_rename_and_write_nothing() {
    tools::require("tmux");
    let t = Tmux::new("readonly");
    let before = folder_state(&t);
    t.start(
        "a",
        100,
        30,
        &format!("exec '{BIN}' open --read-only '{}'", t.agenda().display()),
    );
    t.wait_for("a", "READ-ONLY");
    t.send("a", &["w"]);
    t.wait_for("a", "read-only: opened with --read-only");
    t.send("a", &["3", "d", "n", "x", "u"]);
    std::thread::sleep(Duration::from_millis(1300));
    assert_eq!(folder_state(&t), before, "--read-only wrote a file");
    let pid = t.pane_pid("a");
    t.send("a", &["q"]);
    assert!(wait_gone(pid, Duration::from_secs(2)));
    assert_eq!(folder_state(&t), before);

    // Approved minutes (CSM II, approved at CONSLE 17) open read-only and say so.
    let csm = t.dir.path().join("ccscap/2016-03-15-csm-ii.toml");
    t.start(
        "b",
        120,
        30,
        &format!("exec '{BIN}' open '{}'", csm.display()),
    );
    let screen = t.wait_for("b", "approved by meeting consle-17 on 2016-11-21");
    assert!(screen.contains("--amend"), "{screen}");
    t.send("b", &["Tab", "d"]);
    t.wait_for("b", "read-only: approved");
    std::thread::sleep(Duration::from_millis(1300));
    let pid = t.pane_pid("b");
    t.send("b", &["q"]);
    assert!(wait_gone(pid, Duration::from_secs(2)));
    assert_eq!(folder_state(&t), before, "approved minutes were written");
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn term_dumb_at_a_terminal_gets_the_line_mode_with_no_escape_sequence() {
    tools::require("tmux");
    let t = Tmux::new("dumb");
    t.start(
        "a",
        100,
        30,
        &format!("TERM=dumb exec '{BIN}' open '{}'", t.agenda().display()),
    );
    t.wait_for("a", "Type help for the commands.");
    t.type_text("a", "take 6.1");
    t.send("a", &["Enter"]);
    t.wait_for("a", "Taken up: item 6.1");
    t.type_text("a", "d Recorded in the line mode");
    t.send("a", &["Enter"]);
    t.wait_for("a", "Decision 6.1-1 recorded");
    t.type_text("a", "t 03/04/2017");
    t.send("a", &["Enter"]);
    let screen = t.wait_for("a", "ambiguous");
    assert!(
        !screen.contains("Line "),
        "no line numbers at a terminal:\n{screen}"
    );
    let raw = t.tmux(&["capture-pane", "-p", "-e", "-t", "a"]);
    assert!(!raw.contains('\u{1b}'), "no escape sequence: {raw:?}");
    // Ctrl-c ends it as it ends the screen: the minutes written, the lock released.
    let pid = t.pane_pid("a");
    t.send("a", &["C-c"]);
    assert!(wait_gone(pid, Duration::from_secs(2)), "still running");
    let text = std::fs::read_to_string(t.minutes()).unwrap();
    assert!(text.contains("Recorded in the line mode"), "{text}");
    assert!(
        !t.dir
            .path()
            .join("ccscap/.2016-11-21-consle-17.minutes.toml.lock")
            .exists()
    );
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn walking_to_area_5_takes_its_item_up_and_the_decision_lands_under_it() {
    tools::require("tmux");
    let t = Tmux::new("walk5");
    t.open("a", 120, 40);
    t.send("a", &["1"]);
    t.wait_for("a", "▶ 6.1 Priority area 1");
    t.send("a", &["5"]);
    let screen = t.wait_for("a", "area 5/5");
    let header = screen.lines().nth(1).unwrap_or("");
    assert!(header.contains("▶ 6.5 Priority area 5"), "{screen}");
    t.send("a", &["d"]);
    t.wait_for("a", "under 6.5 Priority area 5");
    t.type_text("a", "Convene the regional cyber committee before June");
    t.send("a", &["Enter"]);
    t.wait_for("a", "Owners of 6.5-1");
    t.send("a", &["Escape"]);
    t.wait_for("a", "Due date (");
    t.send("a", &["Escape"]);
    let screen = t.wait_for("a", "6.5-1 ⚠ no quorum · Convene");
    assert!(
        screen.lines().nth(1).unwrap_or("").contains("▶ 6.5"),
        "{screen}"
    );
    t.send("a", &["q"]);
    let pid_gone = Instant::now();
    while t.capture("a").contains("Agenda") && pid_gone.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let text = std::fs::read_to_string(t.minutes()).unwrap();
    let minutes: toml::Table = text.parse().unwrap();
    let items = minutes["items"].as_array().unwrap();
    let item = |id: &str| {
        items
            .iter()
            .find(|i| i["id"].as_str() == Some(id))
            .unwrap_or_else(|| panic!("item {id} in\n{text}"))
    };
    let five = item("6.5");
    assert!(five.get("taken_up").is_some(), "{text}");
    let decisions = five["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 1, "{text}");
    assert_eq!(
        decisions[0]["text"].as_str(),
        Some("Convene the regional cyber committee before June")
    );
    // The item walked past was taken up and left.
    let one = item("6.1");
    assert!(
        one.get("taken_up").is_some() && one.get("left").is_some(),
        "{text}"
    );
    assert!(item("6.1").get("decisions").is_none(), "{text}");
}

/// Copies a fixture folder into `to` and adds two minutes files that do not load.
fn fixture_with_two_broken_minutes(from: &str, to: &Path, broken: [&str; 2]) {
    std::fs::create_dir_all(to).unwrap();
    for f in std::fs::read_dir(from).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        to.join(broken[0]),
        "[meeting]\nid = \"x\"\ndate = 2020-11-31\n",
    )
    .unwrap();
    std::fs::write(to.join(broken[1]), "[meeting]\nid = \"y\"\n[[items]\n").unwrap();
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn skip_invalid_opens_the_screen_saying_what_it_left_out_and_the_review_too() {
    tools::require("tmux");
    let t = Tmux::new("skip");
    let board = t.dir.path().join("board");
    fixture_with_two_broken_minutes(
        "tests/fixtures/waterboard",
        &board,
        [
            "2020-11-05-board-6.minutes.toml",
            "2020-06-04-board-5.minutes.toml",
        ],
    );
    t.start(
        "a",
        120,
        30,
        &format!(
            "exec '{BIN}' open --skip-invalid '{}' 2>/dev/null",
            board.join("2021-03-04-board-7.toml").display()
        ),
    );
    // The live screen's status line says it, not only the stderr a full screen hides.
    let screen = t.wait_for("a", "left out 2 minutes file(s)");
    assert!(
        screen.contains("matters arising may be incomplete"),
        "{screen}"
    );
    let pid = t.pane_pid("a");
    t.send("a", &["q"]);
    assert!(wait_gone(pid, Duration::from_secs(2)));

    // The review screen opens too, after naming what it left out.
    let history = t.dir.path().join("history");
    fixture_with_two_broken_minutes(
        "tests/fixtures/history",
        &history,
        ["m4.minutes.toml", "m5.minutes.toml"],
    );
    t.start(
        "b",
        120,
        30,
        &format!(
            "cd '{}' && '{BIN}' review --skip-invalid --as-of 2017-08-01 2>err.txt; echo \"exit $?\" > status.txt",
            history.display()
        ),
    );
    t.wait_for("b", "Review · ");
    t.send("b", &["q"]);
    let status = history.join("status.txt");
    let start = Instant::now();
    while !std::fs::read_to_string(&status).is_ok_and(|s| s.ends_with('\n')) {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "review did not end"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(std::fs::read_to_string(&status).unwrap(), "exit 0\n");
    let err = std::fs::read_to_string(history.join("err.txt")).unwrap();
    assert!(
        err.contains("warning: left out 2 file(s) that could not be loaded"),
        "{err}"
    );
    assert!(
        err.contains("m4.minutes.toml:") && err.contains("m5.minutes.toml:"),
        "{err}"
    );
}

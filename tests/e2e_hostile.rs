//! End-to-end runs in tmux of what only a real terminal and a real disk show: signals give
//! the terminal back and keep the draft, a draft is never more than a second old, a full
//! disk or read-only folder never loses a decision, and a terminal that is gone with SIGHUP
//! blocked does not leave the process spinning.
//!
//! Without tmux (or perl, for the tests that block SIGHUP) a test is compiled as ignored
//! with the reason (build.rs; see tests/tools), and under `CI=true` it runs and fails.
//! Without permission to mount a tmpfs (CAP_SYS_ADMIN, checked by build.rs) the disk tests
//! are compiled as ignored with the reason; under `CI=true` they run, and a mount that
//! fails is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod tools;

const BIN: &str = env!("CARGO_BIN_EXE_rapporteur");
const FISHERIES: &str = "tests/fixtures/hostile/fisheries";
const AGENDA: &str = "2022-02-10-tcc-1.toml";
const MINUTES: &str = "2022-02-10-tcc-1.minutes.toml";

struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    fn new(name: &str) -> Tmux {
        let dir = tempfile::tempdir().unwrap();
        let t = Tmux {
            socket: format!("rapporteur-hostile-{name}-{}", std::process::id()),
            dir,
        };
        t.tmux(&["new-session", "-d", "-s", "keep", "sleep 600"]);
        t
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

    /// Starts a shell line in a new session, with its own config and state folders.
    fn start(&self, session: &str, command: &str) {
        let line = format!(
            "cd '{}' && XDG_CONFIG_HOME='{}' XDG_STATE_HOME='{}' RUST_BACKTRACE=0 {command}",
            self.dir.path().display(),
            self.dir.path().join("config").display(),
            self.state().display(),
        );
        self.tmux(&[
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            "100",
            "-y",
            "30",
            &line,
        ]);
    }

    fn state(&self) -> PathBuf {
        self.dir.path().join("state")
    }

    fn send(&self, session: &str, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", session, k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn type_text(&self, session: &str, text: &str) {
        self.tmux(&["send-keys", "-t", session, "-l", text]);
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

/// Copies the fisheries fixture (another body's plan) into `dir`, without its minutes.
fn fisheries_in(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    for f in ["plan.toml", AGENDA] {
        std::fs::copy(Path::new(FISHERIES).join(f), dir.join(f)).unwrap();
    }
    dir.to_path_buf()
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

/// The child of the pane's shell: rapporteur, when the shell waits for it.
fn child_of(pid: u32) -> u32 {
    let start = Instant::now();
    loop {
        let kids =
            std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
        if let Some(k) = kids.split_whitespace().next() {
            return k.parse().unwrap();
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "no child of {pid}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn kill(sig: &str, pid: u32) {
    Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .unwrap();
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Records a decision under the first item, skipping owners and due date.
fn decide(t: &Tmux, s: &str, text: &str) {
    t.send(s, &["d"]);
    t.wait_for(s, "Decision: type it");
    t.type_text(s, text);
    t.wait_for(s, text);
    t.send(s, &["Enter"]);
    t.wait_for(s, "Owners of ");
    t.send(s, &["Escape"]);
    t.wait_for(s, "Due date (");
    t.send(s, &["Escape"]);
}

/// Runs rapporteur in a shell that reports how it ended and how the terminal was left.
fn start_reporting(t: &Tmux, s: &str, folder: &Path) {
    t.start(
        s,
        &format!(
            "'{BIN}' open '{}' 2>'{}'; echo EXITED-$?; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$'; sleep 60",
            folder.join(AGENDA).display(),
            t.dir.path().join("stderr").display()
        ),
    );
    t.wait_for(s, "Agenda");
}

fn terminal_given_back(t: &Tmux, s: &str, status: &str) {
    t.wait_for(s, &format!("EXITED-{status}"));
    // stty prints icanon before echo: once echo is there, both are.
    let screen = t.wait_for(s, "echo");
    assert!(screen.contains("\nicanon"), "cooked mode back:\n{screen}");
    assert!(
        !screen.contains("-icanon") && !screen.contains("-echo\n"),
        "raw mode left on:\n{screen}"
    );
    let cursor = t.tmux(&["display-message", "-p", "-t", s, "#{cursor_flag}"]);
    assert_eq!(cursor.trim(), "1", "cursor shown:\n{screen}");
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn sigterm_and_sigint_give_the_terminal_back_keep_the_draft_and_release_the_lock() {
    tools::require("tmux");
    for (sig, status) in [("-TERM", "143"), ("-INT", "130")] {
        let t = Tmux::new(&format!("sig{}", &sig[1..]));
        let folder = fisheries_in(&t.dir.path().join("f"));
        start_reporting(&t, "a", &folder);
        let pid = child_of(t.pane_pid("a"));
        t.send("a", &["d"]);
        t.wait_for("a", "Decision: type it");
        t.type_text("a", "Words typed before the signal");
        t.wait_for("a", "before the signal");
        kill(sig, pid);
        terminal_given_back(&t, "a", status);
        let names = names_in(&folder);
        assert!(
            names.iter().all(|n| !n.ends_with(".lock")),
            "{sig}: {names:?}"
        );
        let draft = std::fs::read_to_string(folder.join(format!(".{MINUTES}.draft.toml"))).unwrap();
        assert!(
            draft.contains("Words typed before the signal"),
            "{sig}: {draft}"
        );
    }
}

/// The issue asks for kill -9 1.2 s after the last keystroke; the draft is written at most
/// 0.5 s after a change, so this kills sooner (0.8 s), which the old 1 s + tick cadence failed.
#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn a_draft_killed_under_a_second_after_the_last_keystroke_holds_it() {
    tools::require("tmux");
    let t = Tmux::new("age");
    let folder = fisheries_in(&t.dir.path().join("f"));
    t.start(
        "a",
        &format!("exec '{BIN}' open '{}'", folder.join(AGENDA).display()),
    );
    t.wait_for("a", "Agenda");
    t.send("a", &["n"]);
    t.wait_for("a", "Record of discussion");
    // The first keystrokes are written at once; the last ones follow right after.
    t.type_text("a", "First words. ");
    t.wait_for("a", "First words.");
    t.type_text("a", "Last words");
    t.wait_for("a", "Last words");
    std::thread::sleep(Duration::from_millis(800));
    let pid = t.pane_pid("a");
    kill("-9", pid);
    assert!(wait_gone(pid, Duration::from_secs(2)));
    let draft = std::fs::read_to_string(folder.join(format!(".{MINUTES}.draft.toml"))).unwrap();
    assert!(draft.contains("First words. Last words"), "{draft}");
}

/// The words of a statement for the record (`r`) are a draft like a decision's: a kill -9
/// while typing keeps them, with the delegation and the kind, and reopening offers them back.
#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn a_statement_being_typed_survives_kill_9_in_the_draft() {
    tools::require("tmux");
    let t = Tmux::new("stmt");
    let folder = fisheries_in(&t.dir.path().join("f"));
    let open = format!("exec '{BIN}' open '{}'", folder.join(AGENDA).display());
    t.start("a", &open);
    t.wait_for("a", "Agenda");
    t.send("a", &["r"]);
    t.wait_for("a", "which delegation?");
    t.type_text("a", "SEC");
    t.send("a", &["Enter"]);
    t.wait_for("a", "Statement by");
    t.send("a", &["2"]);
    t.wait_for("a", "Statement: its words");
    t.type_text("a", "The secretariat reserves its position");
    t.wait_for("a", "reserves its position");
    std::thread::sleep(Duration::from_millis(800));
    let pid = t.pane_pid("a");
    kill("-9", pid);
    assert!(wait_gone(pid, Duration::from_secs(2)));
    let draft = std::fs::read_to_string(folder.join(format!(".{MINUTES}.draft.toml"))).unwrap();
    assert!(
        draft.contains("The secretariat reserves its position")
            && draft.contains("kind = \"statement\"")
            && draft.contains("by = \"secretariat\"")
            && draft.contains("kind = \"reservation\""),
        "{draft}"
    );
    // Reopened: offered back, restored into the statement's field, recorded on Enter.
    t.start("b", &open);
    t.wait_for("b", "Unsaved text from the last session");
    t.send("b", &["Enter"]);
    t.wait_for("b", "Statement: its words");
    t.send("b", &["Enter"]);
    t.wait_for("b", "statement on item");
    t.send("b", &["q"]);
    let minutes = folder.join(MINUTES);
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(&minutes).unwrap_or_default();
        if text.contains("[[items.statements]]") {
            assert!(
                text.contains("by = \"secretariat\"\nkind = \"reservation\""),
                "{text}"
            );
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "{text}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The marks of an open vote sheet are a draft like a statement's words: a kill -9 with a
/// delegation marked keeps them, and reopening offers them back, reopens the sheet with
/// them, and Enter records the vote.
#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn a_vote_sheet_being_marked_survives_kill_9_in_the_draft() {
    tools::require("tmux");
    let t = Tmux::new("vote");
    let folder = fisheries_in(&t.dir.path().join("f"));
    let open = format!("exec '{BIN}' open '{}'", folder.join(AGENDA).display());
    t.start("a", &open);
    t.wait_for("a", "Agenda");
    t.send("a", &["a"]);
    t.wait_for("a", "type to filter");
    t.type_text("a", "SEC");
    t.send("a", &["Enter"]);
    t.wait_for("a", "[x] present   Commission Secretariat");
    t.send("a", &["Escape"]);
    t.send("a", &["d"]);
    t.type_text("a", "Raise coverage");
    t.send("a", &["Enter"]);
    t.wait_for("a", "Owners of 1-1");
    t.send("a", &["Escape"]);
    t.send("a", &["Escape"]);
    t.wait_for("a", "decision recorded without a due date");
    t.send("a", &["v"]);
    t.wait_for("a", "How was it taken?");
    t.send("a", &["2"]);
    t.wait_for("a", "Vote on 1-1");
    t.send("a", &["1"]);
    t.wait_for("a", "For 1 · Against 0");
    std::thread::sleep(Duration::from_millis(800));
    let pid = t.pane_pid("a");
    kill("-9", pid);
    assert!(wait_gone(pid, Duration::from_secs(2)));
    let draft = std::fs::read_to_string(folder.join(format!(".{MINUTES}.draft.toml"))).unwrap();
    assert!(
        draft.contains("kind = \"vote\"")
            && draft.contains("about = \"1-1\"")
            && draft.contains("for = [\"secretariat\"]"),
        "{draft}"
    );
    // Reopened: offered back with its marks, the sheet reopened with them, recorded on Enter.
    t.start("b", &open);
    t.wait_for("b", "a vote on 1-1, marked on the vote sheet");
    t.wait_for("b", "for: Commission Secretariat · against: none");
    t.send("b", &["Enter"]);
    t.wait_for("b", "For 1 · Against 0");
    t.send("b", &["Enter"]);
    t.wait_for("b", "how 1-1 was taken: vote 1-0-0");
    t.send("b", &["q"]);
    let minutes = folder.join(MINUTES);
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(&minutes).unwrap_or_default();
        if text.contains("taken = \"vote\"") {
            assert!(text.contains("for = [\"secretariat\"]"), "{text}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "{text}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn ctrl_c_quits_from_help_and_from_the_recovery_prompt_keeping_the_draft() {
    tools::require("tmux");
    let t = Tmux::new("ctrlc");
    let folder = fisheries_in(&t.dir.path().join("f"));
    // Temporaries a writer killed mid-write left behind are removed on open.
    let stale = [
        format!(".{MINUTES}.a1B2c3.tmp"),
        ".2022-02-10-tcc-1.minutes.md.Zz9yX8.tmp".to_string(),
        format!("..{MINUTES}.draft.toml.Qq1w2E.tmp"),
    ];
    for f in &stale {
        std::fs::write(folder.join(f), "half a write").unwrap();
    }
    std::fs::write(folder.join(".other.minutes.toml.Aa1bb2.tmp"), "not ours").unwrap();
    start_reporting(&t, "a", &folder);
    let names = names_in(&folder);
    assert!(stale.iter().all(|f| !names.contains(f)), "{names:?}");
    assert!(names.contains(&".other.minutes.toml.Aa1bb2.tmp".to_string()));
    t.send("a", &["?"]);
    t.wait_for("a", "Keys (Esc closes");
    t.send("a", &["C-c"]);
    terminal_given_back(&t, "a", "0");
    let draft = folder.join(format!(".{MINUTES}.draft.toml"));
    std::fs::write(
        &draft,
        "kind = \"decision\"\nitem = \"1\"\ntext = \"Offered back after a crash\"\n",
    )
    .unwrap();
    start_reporting(&t, "b", &folder);
    t.wait_for("b", "Offered back after a crash");
    t.send("b", &["C-c"]);
    terminal_given_back(&t, "b", "0");
    let kept = std::fs::read_to_string(&draft).unwrap();
    assert!(kept.contains("Offered back after a crash"), "{kept}");
}

#[test]
#[cfg_attr(
    not(all(run_tmux_tests, run_perl_tests)),
    ignore = "needs tmux and perl, not found when the tests were built (CI installs them)"
)]
fn a_closed_terminal_with_sighup_blocked_saves_and_exits() {
    tools::require("tmux");
    // Blocks SIGHUP as a parent would.
    tools::require("perl");
    let t = Tmux::new("blocked");
    let folder = fisheries_in(&t.dir.path().join("f"));
    // The parent blocks SIGHUP; the mask is inherited across exec.
    t.start(
        "a",
        &format!(
            "exec perl -e 'use POSIX; sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGHUP)); exec @ARGV' '{BIN}' open '{}'",
            folder.join(AGENDA).display()
        ),
    );
    t.wait_for("a", "Agenda");
    let pid = t.pane_pid("a");
    let blocked = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let mask = blocked
        .lines()
        .find(|l| l.starts_with("SigBlk:"))
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_string();
    assert_eq!(
        u64::from_str_radix(&mask, 16).unwrap() & 1,
        1,
        "SIGHUP blocked"
    );
    decide(&t, "a", "Recorded before the terminal closed");
    t.send("a", &["n"]);
    t.wait_for("a", "Record of discussion");
    t.type_text("a", "Typed as the terminal closed");
    t.wait_for("a", "as the terminal closed");
    t.tmux(&["kill-session", "-t", "a"]);
    let gone = wait_gone(pid, Duration::from_secs(3));
    if !gone {
        kill("-9", pid);
    }
    assert!(gone, "still running 3 s after the terminal closed");
    let minutes = std::fs::read_to_string(folder.join(MINUTES)).unwrap();
    assert!(minutes.contains("Recorded before the terminal closed"));
    let draft = std::fs::read_to_string(folder.join(format!(".{MINUTES}.draft.toml"))).unwrap();
    assert!(draft.contains("Typed as the terminal closed"), "{draft}");
    assert!(names_in(&folder).iter().all(|n| !n.ends_with(".lock")));
}

/// A small tmpfs, unmounted when dropped.
struct Tmpfs {
    dir: PathBuf,
}

impl Tmpfs {
    fn mount(at: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| Tmpfs {
            dir: at.to_path_buf(),
        })
    }

    /// Fills the file system to the last byte.
    fn fill(&self) {
        let _ = Command::new("dd")
            .args(["if=/dev/zero", "bs=4k"])
            .arg(format!("of={}", self.dir.join("filler").display()))
            .output();
    }

    fn free(&self) {
        std::fs::remove_file(self.dir.join("filler")).unwrap();
    }

    fn remount(&self, how: &str) {
        let ok = Command::new("mount")
            .args(["-o", &format!("remount,{how}")])
            .arg(&self.dir)
            .status()
            .unwrap();
        assert!(ok.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        // Lazy, so a test that failed with a file still open does not leave a mount behind.
        let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
    }
}

/// A 1 MiB tmpfs under the test's folder. The tests that use it are compiled only when
/// the build could mount one, or under `CI=true` (build.rs `run_tmpfs_tests`); then a
/// mount that fails is a failure, never a silent pass.
macro_rules! need_tmpfs {
    ($t:expr) => {
        Tmpfs::mount(&$t.dir.path().join("disk"), "1m").unwrap_or_else(|| {
            panic!(
                "this test mounts a tmpfs and could not (CI={}): run it as root with \
                 CAP_SYS_ADMIN, or leave CI unset to have it ignored where mounting is not allowed",
                std::env::var("CI").unwrap_or_default()
            )
        })
    };
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
#[cfg_attr(
    all(run_tmux_tests, not(run_tmpfs_tests)),
    ignore = "needs permission to mount a tmpfs (CAP_SYS_ADMIN), not held when the tests were built (CI runs it as root)"
)]
fn a_full_disk_keeps_the_meeting_going_and_loses_no_decision() {
    tools::require("tmux");
    let t = Tmux::new("full");
    let disk = need_tmpfs!(t);
    let folder = fisheries_in(&disk.dir.join("f"));
    disk.fill();
    start_reporting(&t, "a", &folder);
    // Text being typed cannot be kept as a draft either: that is said, not ignored.
    t.send("a", &["n"]);
    t.wait_for("a", "Record of discussion");
    t.type_text("a", "Notes typed on a full disk");
    t.wait_for("a", "cannot be kept as a draft");
    t.send("a", &["Escape"]);
    decide(&t, "a", "Decided while the disk was full");
    t.wait_for("a", "NOT SAVED");
    // q does not quit while writes fail, and the clock does not disarm it: the hint shows.
    t.send("a", &["q"]);
    std::thread::sleep(Duration::from_millis(700));
    t.wait_for("a", "quit again");
    assert!(!t.capture("a").contains("EXITED"));
    // Space is freed: the write is retried without a keystroke.
    disk.free();
    t.wait_for("a", "written again");
    let text = std::fs::read_to_string(folder.join(MINUTES)).unwrap();
    assert!(text.contains("Decided while the disk was full"));
    assert!(text.contains("Notes typed on a full disk"));
    // Full again, a second decision, then space freed and SIGTERM at once: the last
    // write on the way out puts it on disk.
    disk.fill();
    decide(&t, "a", "Second decision on a full disk");
    t.wait_for("a", "NOT SAVED");
    disk.free();
    let pid = child_of(t.pane_pid("a"));
    kill("-TERM", pid);
    terminal_given_back(&t, "a", "143");
    let text = std::fs::read_to_string(folder.join(MINUTES)).unwrap();
    assert!(text.contains("Second decision on a full disk"), "{text}");
    assert!(
        names_in(&folder)
            .iter()
            .all(|n| !n.ends_with(".lock") && !n.ends_with(".tmp"))
    );
    // Full once more and quit twice: the record goes to the state folder, named on stderr.
    disk.fill();
    start_reporting(&t, "b", &folder);
    decide(&t, "b", "Third decision kept in the state folder");
    t.wait_for("b", "NOT SAVED");
    t.send("b", &["q"]);
    t.wait_for("b", "quit again");
    t.send("b", &["q"]);
    terminal_given_back(&t, "b", "2");
    let said = std::fs::read_to_string(t.dir.path().join("stderr")).unwrap();
    assert!(said.contains(&t.state().display().to_string()), "{said}");
    let kept: Vec<String> = names_in(&t.state().join("rapporteur"));
    let unsaved = kept
        .iter()
        .find(|n| n.ends_with(".unsaved.toml"))
        .expect("an unsaved record");
    let text = std::fs::read_to_string(t.state().join("rapporteur").join(unsaved)).unwrap();
    assert!(
        text.contains("Third decision kept in the state folder"),
        "{text}"
    );
    assert!(
        names_in(&folder)
            .iter()
            .all(|n| !n.ends_with(".lock") && !n.ends_with(".tmp"))
    );
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
#[cfg_attr(
    all(run_tmux_tests, not(run_tmpfs_tests)),
    ignore = "needs permission to mount a tmpfs (CAP_SYS_ADMIN), not held when the tests were built (CI runs it as root)"
)]
fn a_read_only_folder_opens_in_memory_and_leaves_nothing_behind() {
    tools::require("tmux");
    let t = Tmux::new("rofs");
    let disk = need_tmpfs!(t);
    let folder = fisheries_in(&disk.dir.join("f"));
    disk.remount("ro");
    let before = names_in(&folder);
    start_reporting(&t, "a", &folder);
    t.wait_for("a", "NOT SAVED");
    decide(&t, "a", "Decided in a read-only folder");
    // Ctrl-c, as q: not at once while writes fail, and the second one keeps the record.
    t.send("a", &["C-c"]);
    t.wait_for("a", "quit again");
    assert!(!t.capture("a").contains("EXITED"));
    t.send("a", &["C-c"]);
    terminal_given_back(&t, "a", "2");
    assert_eq!(names_in(&folder), before, "nothing left behind");
    let said = std::fs::read_to_string(t.dir.path().join("stderr")).unwrap();
    assert!(said.contains("unsaved.toml"), "{said}");
    let kept = names_in(&t.state().join("rapporteur"));
    let unsaved = kept
        .iter()
        .find(|n| n.ends_with(".unsaved.toml"))
        .expect("an unsaved record");
    let text = std::fs::read_to_string(t.state().join("rapporteur").join(unsaved)).unwrap();
    assert!(text.contains("Decided in a read-only folder"), "{text}");
    disk.remount("rw");
}

#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
fn a_record_kept_in_the_draft_is_restored_and_written_on_reopen() {
    tools::require("tmux");
    let t = Tmux::new("restore");
    let folder = fisheries_in(&t.dir.path().join("f"));
    let record = std::fs::read_to_string(Path::new(FISHERIES).join(MINUTES)).unwrap();
    #[derive(serde::Serialize)]
    struct Kept<'a> {
        kind: &'a str,
        item: &'a str,
        text: &'a str,
        minutes: &'a str,
    }
    let draft = toml::to_string(&Kept {
        kind: "notes",
        item: "2",
        text: "",
        minutes: &record,
    })
    .unwrap();
    let draft_path = folder.join(format!(".{MINUTES}.draft.toml"));
    std::fs::write(&draft_path, draft).unwrap();
    start_reporting(&t, "a", &folder);
    t.wait_for("a", "restored the changes");
    let text = std::fs::read_to_string(folder.join(MINUTES)).unwrap();
    assert!(text.contains("electronic monitoring"), "{text}");
    assert!(
        !draft_path.exists(),
        "restored once, never again over newer minutes"
    );
    t.send("a", &["q"]);
    terminal_given_back(&t, "a", "0");
}

#[test]
#[cfg_attr(
    not(all(run_tmux_tests, run_perl_tests)),
    ignore = "needs tmux and perl, not found when the tests were built (CI installs them)"
)]
fn the_review_screen_exits_when_its_terminal_closes_with_sighup_blocked() {
    tools::require("tmux");
    // Blocks SIGHUP as a parent would.
    tools::require("perl");
    let t = Tmux::new("reviewblocked");
    let folder = fisheries_in(&t.dir.path().join("f"));
    t.start(
        "a",
        &format!(
            "exec perl -e 'use POSIX; sigprocmask(SIG_BLOCK, POSIX::SigSet->new(SIGHUP)); exec @ARGV' '{BIN}' review '{}'",
            folder.display()
        ),
    );
    t.wait_for("a", "Review");
    let pid = t.pane_pid("a");
    t.tmux(&["kill-session", "-t", "a"]);
    let gone = wait_gone(pid, Duration::from_secs(3));
    if !gone {
        kill("-9", pid);
    }
    assert!(
        gone,
        "the review screen still runs 3 s after its terminal closed"
    );
}

/// A panic on the live screen (the test hook of debug builds, `RAPPORTEUR_TEST_PANIC_ON`)
/// gives the terminal back, keeps what was recorded and the text being typed, and
/// releases the lock.
#[test]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built (CI installs it)"
)]
#[cfg_attr(
    all(run_tmux_tests, not(debug_assertions)),
    ignore = "needs the panic test hook, which only debug builds have"
)]
fn a_panic_gives_the_terminal_back_and_keeps_the_record_and_the_draft() {
    tools::require("tmux");
    let t = Tmux::new("panic");
    let folder = fisheries_in(&t.dir.path().join("f"));
    t.start(
        "a",
        &format!(
            "RAPPORTEUR_TEST_PANIC_ON=% '{BIN}' open '{}' 2>'{}'; echo EXITED-$?; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)$'; sleep 60",
            folder.join(AGENDA).display(),
            t.dir.path().join("stderr").display()
        ),
    );
    t.wait_for("a", "Agenda");
    decide(&t, "a", "Recorded before the panic");
    t.wait_for("a", "saved at");
    t.send("a", &["d"]);
    t.wait_for("a", "Decision: type it");
    t.type_text("a", "Typed before the panic");
    t.wait_for("a", "Typed before the panic");
    // The hook is before the key table: `%` panics even in a text field.
    t.send("a", &["%"]);
    terminal_given_back(&t, "a", "101");
    let said = std::fs::read_to_string(t.dir.path().join("stderr")).unwrap();
    assert!(said.contains("RAPPORTEUR_TEST_PANIC_ON"), "{said}");
    let minutes = std::fs::read_to_string(folder.join(MINUTES)).unwrap();
    assert!(minutes.contains("Recorded before the panic"), "{minutes}");
    let draft = std::fs::read_to_string(folder.join(format!(".{MINUTES}.draft.toml"))).unwrap();
    assert!(draft.contains("Typed before the panic"), "{draft}");
    let names = names_in(&folder);
    assert!(
        names
            .iter()
            .all(|n| !n.ends_with(".lock") && !n.ends_with(".tmp")),
        "{names:?}"
    );
}

//! rapporteur with a real git: `init`, textconv diffs, and two note-takers on two clones
//! of one bare repository, recording with the real binary in tmux, merging on pull.
//!
//! Without git or tmux a test is compiled as ignored with the reason (build.rs; see
//! tests/tools), and under `CI=true` it runs and a missing tool fails it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

mod tools;

const BIN: &str = env!("CARGO_BIN_EXE_rapporteur");
const FIXTURE: &str = "tests/fixtures/merge/fisheries";
const AGENDA: &str = "2022-03-10-tc-4.toml";
const MINUTES: &str = "2022-03-10-tc-4.minutes.toml";
const MARKDOWN: &str = "2022-03-10-tc-4.minutes.md";

/// git, isolated from the user's configuration.
fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Rapporteur")
        .env("GIT_AUTHOR_EMAIL", "rapporteur@example.org")
        .env("GIT_COMMITTER_NAME", "Rapporteur")
        .env("GIT_COMMITTER_EMAIL", "rapporteur@example.org")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

/// git that must succeed; its stdout.
fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?} in {}: {}{}",
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn rapporteur(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn copy_fixture(to: &Path) {
    for f in ["plan.toml", AGENDA] {
        std::fs::copy(Path::new(FIXTURE).join(f), to.join(f)).unwrap();
    }
}

#[test]
#[cfg_attr(
    not(run_git_tests),
    ignore = "needs git, not found when the tests were built"
)]
fn init_sets_up_a_new_folder_says_what_it_did_and_changes_nothing_the_second_time() {
    tools::require("git");
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("minutes");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join(".gitignore"), "target").unwrap();
    let first = rapporteur(&folder, &["init"]);
    let said = String::from_utf8_lossy(&first.stdout);
    assert_eq!(first.status.code(), Some(0), "{said}");
    for want in [
        "initialised a git repository in .",
        "created ./.gitattributes: *.minutes.toml diff=rapporteur merge=rapporteur, *.minutes.md merge=rapporteur-md",
        "added to ./.gitignore: .*.minutes.toml.lock, .*.minutes.toml.draft.toml, .*.tmp",
        "git config merge.rapporteur.driver = ",
        "merge-file %O %A %B %P",
        "git config merge.rapporteur-md.driver = ",
        "merge-file --markdown %O %A %B %P",
        "git config diff.rapporteur.textconv = ",
    ] {
        assert!(said.contains(want), "missing {want:?} in:\n{said}");
    }
    let ignore = std::fs::read_to_string(folder.join(".gitignore")).unwrap();
    assert!(ignore.starts_with("target\n# rapporteur:"), "{ignore}");
    let files = |f: &str| std::fs::read(folder.join(f)).unwrap();
    let before = (files(".gitattributes"), files(".gitignore"));
    let config = git_ok(&folder, &["config", "--local", "--list"]);

    let second = rapporteur(&folder, &["init", "."]);
    let said = String::from_utf8_lossy(&second.stdout);
    assert_eq!(second.status.code(), Some(0));
    assert!(!said.contains("initialised"), "{said}");
    assert_eq!(
        said.lines().filter(|l| l.ends_with(": unchanged")).count(),
        said.lines().count(),
        "{said}"
    );
    assert_eq!(before, (files(".gitattributes"), files(".gitignore")));
    assert_eq!(config, git_ok(&folder, &["config", "--local", "--list"]));

    // The attributes name the drivers: git sees them on minutes and their Markdown.
    let attrs = git_ok(
        &folder,
        &["check-attr", "diff", "merge", "--", MINUTES, MARKDOWN],
    );
    assert!(
        attrs.contains(&format!("{MINUTES}: diff: rapporteur")),
        "{attrs}"
    );
    assert!(
        attrs.contains(&format!("{MINUTES}: merge: rapporteur")),
        "{attrs}"
    );
    assert!(
        attrs.contains(&format!("{MARKDOWN}: merge: rapporteur-md")),
        "{attrs}"
    );
    // Locks, drafts and temporaries are ignored.
    let ignored = git(
        &folder,
        &[
            "check-ignore",
            &format!(".{MINUTES}.lock"),
            &format!(".{MINUTES}.draft.toml"),
            &format!(".{MINUTES}.x1y2.tmp"),
        ],
    );
    assert_eq!(String::from_utf8_lossy(&ignored.stdout).lines().count(), 3);
}

#[test]
fn init_refuses_what_is_not_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = rapporteur(dir.path(), &["init", "no-such-folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: no-such-folder is not a folder\n"
    );
}

#[test]
#[cfg_attr(
    not(run_git_tests),
    ignore = "needs git, not found when the tests were built"
)]
fn git_diff_and_git_log_show_minutes_as_markdown() {
    tools::require("git");
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git_ok(repo, &["init", "-q", "-b", "main"]);
    assert!(rapporteur(repo, &["init"]).status.success());
    copy_fixture(repo);
    std::fs::copy(
        Path::new(FIXTURE).join("base.minutes.toml"),
        repo.join(MINUTES),
    )
    .unwrap();
    git_ok(repo, &["add", "-A"]);
    git_ok(repo, &["commit", "-q", "-m", "base"]);
    std::fs::copy(
        "tests/fixtures/merge/cases/additions_under_different_items/ours.minutes.toml",
        repo.join(MINUTES),
    )
    .unwrap();
    let diff = git_ok(repo, &["diff"]);
    assert!(
        diff.contains("**Decision TC-4/3.** Ours: publish the register. Responsible: FFA."),
        "git diff shows the Markdown:\n{diff}"
    );
    assert!(!diff.contains("+[[items.decisions]]"), "{diff}");
    git_ok(repo, &["commit", "-q", "-am", "one decision"]);
    let log = git_ok(repo, &["log", "-p"]);
    assert!(
        log.contains("**Decision TC-4/3.** Ours: publish the register."),
        "{log}"
    );
    assert!(log.contains("+# Report of the Fourth Meeting of the Technical Committee"));
}

struct Tmux {
    socket: String,
}

impl Tmux {
    fn new(name: &str) -> Tmux {
        let t = Tmux {
            socket: format!("rapporteur-e2e-git-{name}-{}", std::process::id()),
        };
        t.tmux(&["new-session", "-d", "-s", "keep", "sleep 600"]);
        t
    }

    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap()
    }

    fn screen(&self, s: &str) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", s]).stdout).into_owned()
    }

    fn wait_for(&self, s: &str, text: &str) {
        let start = Instant::now();
        loop {
            let screen = self.screen(s);
            if screen.contains(text) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "waited for {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&self, s: &str, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", s, k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    fn text(&self, s: &str, text: &str) {
        self.tmux(&["send-keys", "-t", s, "-l", text]);
        std::thread::sleep(Duration::from_millis(100));
    }

    /// Opens the meeting in `clone`, records `(area key, decision)` pairs, quits.
    fn record(&self, s: &str, clone: &Path, decisions: &[(&str, &str)]) {
        let line = format!(
            "cd '{}' && XDG_CONFIG_HOME='{}' RUST_BACKTRACE=0 exec '{BIN}' open {AGENDA}",
            clone.display(),
            clone.join(".no-config").display()
        );
        self.tmux(&["new-session", "-d", "-s", s, "-x", "110", "-y", "32", &line]);
        self.wait_for(s, "Agenda");
        for (area, text) in decisions {
            self.keys(s, &[area]);
            self.wait_for(s, &format!("area {area}/2"));
            self.keys(s, &["d"]);
            self.wait_for(s, "Decision: type it");
            self.text(s, text);
            self.keys(s, &["Enter"]);
            self.wait_for(s, "Owners of ");
            self.keys(s, &["Escape"]);
            self.wait_for(s, "Due date (");
            self.keys(s, &["Escape"]);
            self.wait_for(s, text);
        }
        self.keys(s, &["q"]);
        let start = Instant::now();
        while self.tmux(&["has-session", "-t", s]).status.success() {
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "rapporteur did not quit"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

fn clone(remote: &Path, to: &Path) -> PathBuf {
    let out = git(
        remote.parent().unwrap(),
        &[
            "clone",
            "-q",
            &remote.display().to_string(),
            &to.display().to_string(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The drivers live in each clone's local config: each note-taker runs init once.
    let init = rapporteur(to, &["init"]);
    assert!(init.status.success());
    to.to_path_buf()
}

#[test]
#[cfg_attr(
    not(run_git_tests),
    ignore = "needs git, not found when the tests were built"
)]
#[cfg_attr(
    not(run_tmux_tests),
    ignore = "needs tmux, not found when the tests were built"
)]
fn two_note_takers_on_two_clones_record_commit_pull_and_push_without_conflict() {
    tools::require("git");
    tools::require("tmux");
    let dir = tempfile::tempdir().unwrap();
    let remote = dir.path().join("minutes.git");
    git_ok(
        dir.path(),
        &["init", "-q", "--bare", "-b", "main", "minutes.git"],
    );

    // The secretariat sets the folder up: plan, agenda, `rapporteur init`, push.
    let seed = dir.path().join("seed");
    std::fs::create_dir(&seed).unwrap();
    git_ok(&seed, &["init", "-q", "-b", "main"]);
    copy_fixture(&seed);
    assert!(rapporteur(&seed, &["init"]).status.success());
    git_ok(&seed, &["add", "-A"]);
    git_ok(&seed, &["commit", "-q", "-m", "Agenda of TC 4"]);
    git_ok(
        &seed,
        &["push", "-q", &remote.display().to_string(), "main"],
    );

    let a = clone(&remote, &dir.path().join("laptop-a"));
    let b = clone(&remote, &dir.path().join("laptop-b"));
    let t = Tmux::new("two");

    // A minutes item 2 (area 1); B minutes item 2 too, and item 3 (area 2).
    t.record("a", &a, &[("1", "A: publish the vessel register")]);
    git_ok(&a, &["add", "-A"]);
    git_ok(&a, &["commit", "-q", "-m", "A: item 2"]);
    git_ok(&a, &["push", "-q"]);

    t.record(
        "b",
        &b,
        &[
            ("1", "B: fund two more observers"),
            ("2", "B: draft harmonised licence conditions"),
        ],
    );
    git_ok(&b, &["add", "-A"]);
    git_ok(&b, &["commit", "-q", "-m", "B: items 2 and 3"]);
    let pull = git(&b, &["pull", "--no-rebase", "--no-edit"]);
    let said = String::from_utf8_lossy(&pull.stderr);
    assert!(pull.status.success(), "pull: {said}");
    assert!(
        said.contains("their decision '2-1' is now '2-2'"),
        "the renumbering is reported: {said}"
    );
    git_ok(&b, &["push", "-q"]);
    git_ok(&a, &["pull", "-q", "--no-rebase"]);

    for clone in [&a, &b] {
        assert_eq!(
            git_ok(clone, &["status", "--porcelain"]),
            "",
            "clean after the merge"
        );
        let check = rapporteur(clone, &["check", "."]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
        let toml = std::fs::read_to_string(clone.join(MINUTES)).unwrap();
        for (id, text) in [
            ("2-1", "B: fund two more observers"),
            ("2-2", "A: publish the vessel register"),
            ("3-1", "B: draft harmonised licence conditions"),
        ] {
            assert!(
                toml.contains(&format!("id = \"{id}\"\ntext = \"{text}\"")),
                "{id} {text} in\n{toml}"
            );
        }
        let export = rapporteur(clone, &["export", "--format", "md", MINUTES]);
        assert_eq!(
            String::from_utf8_lossy(&export.stdout),
            std::fs::read_to_string(clone.join(MARKDOWN)).unwrap(),
            "the committed Markdown is the merged minutes' Markdown"
        );
    }
    let log = git_ok(
        &a,
        &["log", "-p", "-1", "--first-parent", "-m", "--", MINUTES],
    );
    assert!(
        log.contains("** A: publish the vessel register."),
        "git log -p of the merge shows what it brought, as Markdown:\n{log}"
    );
    assert!(
        !log.contains("[[items.decisions]]"),
        "log -p shows Markdown:\n{log}"
    );
}

/// A repository set up by `init` holding the fisheries base minutes and their Markdown.
fn repo_with_base(dir: &Path) -> PathBuf {
    let repo = dir.join("repo");
    std::fs::create_dir(&repo).unwrap();
    git_ok(&repo, &["init", "-q", "-b", "main"]);
    assert!(rapporteur(&repo, &["init"]).status.success());
    copy_fixture(&repo);
    commit_minutes(&repo, &Path::new(FIXTURE).join("base.minutes.toml"), "base");
    repo
}

/// Writes minutes (and their Markdown, as rapporteur would) and commits them.
fn commit_minutes(repo: &Path, from: &Path, message: &str) {
    std::fs::copy(from, repo.join(MINUTES)).unwrap();
    let md = rapporteur(repo, &["export", "--format", "md", MINUTES, "-o", MARKDOWN]);
    assert!(md.status.success());
    git_ok(repo, &["add", "-A"]);
    git_ok(repo, &["commit", "-q", "-m", message]);
}

fn case(name: &str, side: &str) -> PathBuf {
    Path::new("tests/fixtures/merge/cases")
        .join(name)
        .join(format!("{side}.minutes.toml"))
}

#[test]
#[cfg_attr(
    not(run_git_tests),
    ignore = "needs git, not found when the tests were built"
)]
fn a_true_conflict_stops_the_merge_check_names_it_and_resolving_it_finishes() {
    tools::require("git");
    let dir = tempfile::tempdir().unwrap();
    let repo = repo_with_base(dir.path());
    let name = "different_edits_of_one_decision_conflict";
    git_ok(&repo, &["checkout", "-q", "-b", "theirs"]);
    commit_minutes(&repo, &case(name, "theirs"), "theirs");
    git_ok(&repo, &["checkout", "-q", "main"]);
    commit_minutes(&repo, &case(name, "ours"), "ours");
    let merge = git(&repo, &["merge", "--no-edit", "theirs"]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&merge.stdout),
        String::from_utf8_lossy(&merge.stderr)
    );
    assert!(!merge.status.success(), "{said}");
    assert!(
        said.contains(&format!(
            "{MINUTES}: conflict: decision '2-1': both sides changed 'due' differently"
        )),
        "{said}"
    );
    assert!(
        said.contains(&format!("{MARKDOWN}: conflict: the Markdown is drawn from")),
        "{said}"
    );
    let toml = std::fs::read_to_string(repo.join(MINUTES)).unwrap();
    assert!(
        toml.contains("due = { ours = 2022-07-31, theirs = 2022-09-30 }"),
        "{toml}"
    );
    assert!(!toml.contains("<<<<<<<"), "{toml}");
    // git diff still works while the conflict is being resolved: the file is shown as it is.
    let diff = git_ok(&repo, &["diff"]);
    assert!(
        diff.contains("+due = { ours = 2022-07-31, theirs = 2022-09-30 }"),
        "{diff}"
    );
    let check = rapporteur(&repo, &["check", "."]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&check.stderr).contains(&format!(
            "{MINUTES}:48:7: error: unresolved merge conflict in 'due'"
        )),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // Resolved in an editor: keep theirs, delete the marker; then the Markdown follows.
    let resolved = toml
        .replace(
            "due = { ours = 2022-07-31, theirs = 2022-09-30 }",
            "due = 2022-09-30",
        )
        .replace("conflict = \"'due' differs: keep ours or theirs\"\n", "");
    std::fs::write(repo.join(MINUTES), resolved).unwrap();
    assert!(rapporteur(&repo, &["check", "."]).status.success());
    let md = rapporteur(
        &repo,
        &["export", "--format", "md", MINUTES, "-o", MARKDOWN],
    );
    assert!(md.status.success());
    git_ok(&repo, &["add", "-A"]);
    git_ok(&repo, &["commit", "-q", "--no-edit"]);
    assert_eq!(git_ok(&repo, &["status", "--porcelain"]), "");
}

#[test]
#[cfg_attr(
    not(run_git_tests),
    ignore = "needs git, not found when the tests were built"
)]
fn a_rebase_merges_by_meaning_too_and_leaves_no_temporary_file() {
    tools::require("git");
    let dir = tempfile::tempdir().unwrap();
    let repo = repo_with_base(dir.path());
    let name = "additions_under_the_same_item_renumber_theirs";
    git_ok(&repo, &["checkout", "-q", "-b", "mine"]);
    commit_minutes(&repo, &case(name, "theirs"), "mine");
    git_ok(&repo, &["checkout", "-q", "main"]);
    commit_minutes(&repo, &case(name, "ours"), "upstream");
    git_ok(&repo, &["checkout", "-q", "mine"]);
    // Rebasing `mine` onto main: main is "ours", the commit replayed is "theirs".
    let rebase = git(&repo, &["rebase", "main"]);
    assert!(
        rebase.status.success(),
        "{}",
        String::from_utf8_lossy(&rebase.stderr)
    );
    let merged = std::fs::read_to_string(repo.join(MINUTES)).unwrap();
    assert_eq!(
        merged,
        std::fs::read_to_string(
            Path::new("tests/fixtures/merge/cases")
                .join(name)
                .join("expected.minutes.toml")
        )
        .unwrap()
    );
    let export = rapporteur(&repo, &["export", "--format", "md", MINUTES]);
    assert_eq!(
        String::from_utf8_lossy(&export.stdout),
        std::fs::read_to_string(repo.join(MARKDOWN)).unwrap()
    );
    assert_eq!(git_ok(&repo, &["status", "--porcelain", "--ignored"]), "");
}

#[test]
fn the_markdown_driver_never_uses_a_merged_record_left_by_another_merge() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_fixture(d);
    let name = "additions_under_different_items";
    std::fs::copy(case(name, "ours"), d.join(MINUTES)).unwrap();
    // A merged record of some other merge: ours in the work tree is not what it was made from.
    std::fs::write(
        d.join(format!(".{MINUTES}.merged.tmp")),
        format!(
            "# rapporteur merge-file: merged record for the Markdown; ours 0000\n{}",
            std::fs::read_to_string(case(name, "theirs")).unwrap()
        ),
    )
    .unwrap();
    for (f, text) in [("o.md", "base\n"), ("a.md", "ours\n"), ("b.md", "theirs\n")] {
        std::fs::write(d.join(f), text).unwrap();
    }
    let out = rapporteur(
        d,
        &["merge-file", "--markdown", "o.md", "a.md", "b.md", MARKDOWN],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(d.join("a.md")).unwrap(), "ours\n");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!(
            "run `rapporteur export --format md {MINUTES} -o {MARKDOWN}`"
        )),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!d.join(format!(".{MINUTES}.merged.tmp")).exists());
}

//! An agenda of the folder that does not load is reported by the commands that read the
//! folder (as minutes and plans are), whatever form its breakage takes: not UTF-8, written
//! with dotted keys, its `[meeting]` table missing, a required field missing.

use std::path::Path;

use assert_cmd::Command;

const BOARD: &str = "tests/fixtures/waterboard";
const MINUTES: &str = "2021-03-04-board-7.minutes.toml";

fn board() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(BOARD).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("rapporteur")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const BROKEN: [(&str, &[u8]); 4] = [
    (
        "2021-06-10-board-8.toml",
        b"[meeting]\nid = \"board-8\"\ntitle = \"Board \xff\"\ndate = 2021-06-10\nplan = \"plan.toml\"\n",
    ),
    (
        "dotted.toml",
        b"meeting.id = \"board-8\"\nmeeting.title = \"Board\"\nmeeting.date = 2021-06-10\n",
    ),
    ("items-only.toml", b"[[items]]\nid = \"1\"\ntitle = \"Opening\"\n"),
    (
        "no-date.toml",
        b"[meeting]\nid = \"board-8\"\ntitle = \"Board\"\nplan = \"plan.toml\"\n",
    ),
];

#[test]
fn next_reports_an_agenda_that_does_not_load_in_any_form() {
    for (name, text) in BROKEN {
        let dir = board();
        let d = dir.path();
        std::fs::write(d.join(name), text).unwrap();
        let (code, err) = run(d, &["next", MINUTES, "--date", "2021-06-10"]);
        assert_eq!(code, 1, "{name}: {err}");
        assert!(err.contains(&format!("./{name}:")), "{name}: {err}");
        assert!(
            err.contains("1 file(s) could not be loaded"),
            "{name}: {err}"
        );
        let (code, err) = run(
            d,
            &["next", MINUTES, "--date", "2021-06-10", "--skip-invalid"],
        );
        assert_eq!(code, 0, "{name}: {err}");
        assert!(err.contains("warning: left out 1 file(s)"), "{name}: {err}");
    }
}

#[test]
fn ics_and_outstanding_report_an_agenda_that_does_not_load() {
    for (name, text) in BROKEN {
        let dir = board();
        let d = dir.path();
        std::fs::write(d.join(name), text).unwrap();
        for args in [
            &["ics", ".", "--as-of", "2021-01-01"][..],
            &["ics", ".", "--plan", "plan.toml", "--as-of", "2021-01-01"][..],
            &["outstanding", "."][..],
        ] {
            let (code, err) = run(d, args);
            assert_eq!(code, 1, "{name} {args:?}: {err}");
            assert!(err.contains(name), "{name} {args:?}: {err}");
        }
        let (code, err) = run(
            d,
            &[
                "ics",
                ".",
                "--plan",
                "plan.toml",
                "--as-of",
                "2021-01-01",
                "--skip-invalid",
            ],
        );
        assert_eq!(code, 0, "{name}: {err}");
        assert!(err.contains("warning: left out 1 file(s)"), "{name}: {err}");
    }
}

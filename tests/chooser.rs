//! `rapporteur` with no command: the list of meetings under the current folder, and the
//! way to start where there are none.

use std::path::Path;

use assert_cmd::Command;
use rapporteur::tui::chooser::{Chooser, ChooserAction, search};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn rapporteur() -> Command {
    let mut c = Command::cargo_bin("rapporteur").unwrap();
    c.env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent");
    c
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for f in std::fs::read_dir(from).unwrap() {
        let f = f.unwrap().path();
        if f.is_file() {
            std::fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
        }
    }
}

#[test]
fn in_a_folder_without_meetings_it_says_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    for with_other_toml in [false, true] {
        if with_other_toml {
            std::fs::write(dir.path().join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
        }
        let out = rapporteur().current_dir(dir.path()).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("No meetings found"), "{err}");
        assert!(err.contains("rapporteur open AGENDA.toml"), "{err}");
        assert!(err.contains("rapporteur --help"), "{err}");
        assert!(
            !err.contains("ccscap") && !err.contains("cannot read"),
            "nothing from the build machine: {err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_broken_agenda_is_named_not_skipped_silently() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("next.toml"),
        "[meeting]\nid = \"x\"\ndate = 2020-02-30\n",
    )
    .unwrap();
    let out = rapporteur().current_dir(dir.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("next.toml: looks like an agenda but does not load"),
        "{err}"
    );
}

/// Two bodies' meetings side by side, as a repository of a secretariat might hold them.
fn two_bodies() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        Path::new("tests/fixtures/waterboard"),
        &dir.path().join("meetings/basin"),
    );
    let ccscap = dir.path().join("meetings/ccscap");
    copy_dir(Path::new("meetings/ccscap"), &ccscap);
    // Minutes left by a manual run of the sample are not part of this fixture.
    for f in [
        "2016-11-21-consle-17.minutes.toml",
        "2016-11-21-consle-17.minutes.md",
    ] {
        let _ = std::fs::remove_file(ccscap.join(f));
    }
    dir
}

fn draw(c: &Chooser, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        let area = f.area();
        c.render(area, f.buffer_mut());
    })
    .unwrap();
    t
}

#[test]
fn the_list_newest_first_with_the_newest_selected() {
    let dir = two_bodies();
    let found = search(dir.path());
    let ids: Vec<&str> = found.meetings.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["board-7", "consle-17", "csm-ii"]);
    let mut c = Chooser::new(found, rapporteur::load::theme::load("default").unwrap());
    insta::assert_snapshot!(draw(&c, 80, 24).backend());
    c.update(ChooserAction::Down);
    c.update(ChooserAction::Down);
    insta::assert_snapshot!(
        "the_list_with_the_oldest_selected",
        draw(&c, 100, 12).backend()
    );
}

#[test]
fn in_the_repository_the_sample_consle_meeting_is_the_newest() {
    // `cargo run --release` in the repository: one Enter opens CONSLE 17.
    let found = search(Path::new("."));
    assert_eq!(
        found.meetings.first().map(|m| m.agenda.as_path()),
        Some(Path::new("meetings/ccscap/2016-11-21-consle-17.toml")),
        "{:?}",
        found.meetings
    );
}

#[test]
fn without_a_terminal_the_list_is_printed_with_the_command_to_open_each() {
    let dir = two_bodies();
    let out = rapporteur().current_dir(dir.path()).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2));
    let first = text.find("board-7").unwrap();
    let second = text.find("consle-17").unwrap();
    assert!(first < second, "newest first:\n{text}");
    assert!(
        text.contains("rapporteur open meetings/ccscap/2016-11-21-consle-17.toml"),
        "{text}"
    );
}

#[test]
fn the_list_shows_dates_in_the_dates_setting_on_screen_and_printed() {
    let dir = two_bodies();
    let cfg = dir.path().join("config/rapporteur");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), "dates = \"day\"\n").unwrap();
    let out = rapporteur()
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    let listed: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("  ") && !l.trim_start().starts_with("rapporteur open"))
        .collect();
    assert_eq!(
        listed,
        [
            "  4 Mar 2021   board-7  Seventh meeting of the Basin Board",
            "  21 Nov 2016  consle-17  Seventeenth Meeting of the Council of Ministers responsible \
             for National Security and Law Enforcement",
            "  15 Mar 2016  csm-ii  Second Regional Cyber Security Meeting",
        ]
        .map(|l| l.to_string()),
        "{text}"
    );
    // On screen: the same style, and the ids in one column whatever the date's width.
    let found = search(dir.path());
    let c = Chooser::new(found, rapporteur::load::theme::load("default").unwrap())
        .with_dates(rapporteur::model::dates::DateStyle::Day);
    let term = draw(&c, 100, 12);
    let buf = term.backend().buffer();
    let rows: Vec<String> = (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect();
    let screen = rows.join("\n");
    for (date, id) in [
        ("4 Mar 2021", "board-7"),
        ("21 Nov 2016", "consle-17"),
        ("15 Mar 2016", "csm-ii"),
    ] {
        let row = rows
            .iter()
            .find(|r| r.contains(date))
            .unwrap_or_else(|| panic!("{date} on screen:\n{screen}"));
        let column = row.find(id).map(|i| row[..i].chars().count());
        assert_eq!(column, Some(2 + 11 + 2), "{row}");
    }
    assert!(!screen.contains("2016-11-21 "), "{screen}");
}

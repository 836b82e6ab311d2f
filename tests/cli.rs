//! The command line as a user meets it: help, version, completions, man page, config,
//! themes by name or path, unknown flags, no backtraces.

use assert_cmd::Command;

fn rapporteur(config: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("rapporteur").unwrap();
    c.env_remove("RUST_BACKTRACE")
        .env("XDG_CONFIG_HOME", config);
    c
}

const COMMANDS: &[&str] = &[
    "open",
    "check",
    "export",
    "approve",
    "diff",
    "outstanding",
    "review",
    "history",
    "next",
    "completions",
    "man",
    "config",
];

#[test]
fn completions_mention_every_command() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = rapporteur(dir.path())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        for c in COMMANDS {
            assert!(text.contains(c), "{shell} completions lack '{c}'");
        }
    }
}

#[test]
fn man_page_mentions_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = rapporteur(dir.path()).arg("man").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with(".ie") || text.contains(".TH"), "roff");
    for c in COMMANDS {
        assert!(text.contains(c), "man page lacks '{c}'");
    }
}

#[test]
fn help_has_an_example_for_each_command_and_version_prints() {
    let dir = tempfile::tempdir().unwrap();
    for c in COMMANDS {
        let out = rapporteur(dir.path()).args([c, "--help"]).output().unwrap();
        assert!(out.status.success(), "{c}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Example"), "'{c} --help' has no example");
    }
    let v = rapporteur(dir.path()).arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&v.stdout).starts_with("rapporteur "));
}

#[test]
fn unknown_flags_exit_2_with_a_hint_and_no_backtrace() {
    let dir = tempfile::tempdir().unwrap();
    let out = rapporteur(dir.path())
        .args(["check", "--colour", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unexpected argument '--colour'"), "{err}");
    assert!(err.contains("--help"), "{err}");
    assert!(!err.contains("backtrace"), "{err}");
    let out = rapporteur(dir.path())
        .args(["outstanding", "--formt", "md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--format"),
        "a hint to the closest flag"
    );
}

#[test]
fn config_shows_values_and_where_they_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let out = rapporteur(dir.path()).arg("config").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("theme = \"default\"  # from default"),
        "{text}"
    );
    assert!(text.contains("not found: defaults in effect"), "{text}");
    let cfg = dir.path().join("rapporteur");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("config.toml"),
        "theme = \"light\"\nrapporteur = \"IMPACS Secretariat\"\ndates = \"day\"\n",
    )
    .unwrap();
    let out = rapporteur(dir.path()).arg("config").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("theme = \"light\"  # from "), "{text}");
    assert!(text.contains("config.toml"), "{text}");
    assert!(
        text.contains("rapporteur = \"IMPACS Secretariat\""),
        "{text}"
    );
    assert!(text.contains("dates = \"day\""), "{text}");
    let out = rapporteur(dir.path())
        .args(["--theme", "high-contrast", "config"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("theme = \"high-contrast\"  # from flag --theme")
    );
    std::fs::write(cfg.join("config.toml"), "theme = 3\ncolour = \"x\"\n").unwrap();
    let out = rapporteur(dir.path()).arg("config").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.toml:1:9: error: 'theme'"), "{err}");
    assert!(
        err.contains("config.toml:2:1: error: unknown field 'colour'"),
        "{err}"
    );
}

#[test]
fn an_unknown_theme_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = rapporteur(dir.path())
        .args([
            "--theme",
            "neon",
            "open",
            "meetings/ccscap/2016-11-21-consle-17.toml",
        ])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown theme 'neon'") && err.contains("'high-contrast'"),
        "{err}"
    );
}

#[test]
fn user_themes_override_built_ins_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let themes = dir.path().join("rapporteur/themes");
    std::fs::create_dir_all(&themes).unwrap();
    std::fs::write(
        themes.join("light.toml"),
        "[theme]\nname = \"light\"\n\n[styles]\nheader = { fg = \"whiet\" }\n",
    )
    .unwrap();
    let out = rapporteur(dir.path())
        .args([
            "--theme",
            "light",
            "open",
            "meetings/ccscap/2016-11-21-consle-17.toml",
        ])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "the user's file is used (and is invalid)"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("light.toml:5:17: error: unknown colour 'whiet'"),
        "{err}"
    );
}

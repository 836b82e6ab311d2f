//! `outstanding` over ten years of monthly minutes (120 files of 200 decisions) and over
//! 1,000 minutes files, against parsing the same files into `toml::Table`; `check` of a file
//! with 30,000 errors. Run with `cargo bench --bench review -- NAME`.

use std::path::PathBuf;

use divan::Bencher;
use rapporteur::review::discover::discover;
use rapporteur::review::outstanding::{Filter, outstanding};

fn main() {
    divan::main();
}

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    rapporteur::generate::write_folder(dir.path(), 5, 200, 50, 120, 200).unwrap();
    dir
}

/// Discover the plan and 120 minutes files, load them, apply every update, filter, sort.
#[divan::bench(sample_count = 20)]
fn outstanding_120_meetings(bencher: Bencher) {
    let dir = folder();
    let paths = vec![PathBuf::from(dir.path())];
    let as_of = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    bencher.bench_local(|| {
        let found = discover(&paths, None).unwrap();
        outstanding(&found.ledger(), &Filter::default(), as_of).len()
    });
}

/// The baseline: read the same files and parse each into a `toml::Table`.
#[divan::bench(sample_count = 20)]
fn parse_120_meetings_into_toml_table(bencher: Bencher) {
    let dir = folder();
    bencher.bench_local(|| {
        let mut n = 0;
        for e in std::fs::read_dir(dir.path()).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "toml") {
                let t: toml::Table = std::fs::read_to_string(&p).unwrap().parse().unwrap();
                n += t.len();
            }
        }
        n
    });
}

/// 1,000 meetings (monthly for 83 years, or a weekly body over 20): 50 decisions each.
fn thousand() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    rapporteur::generate::write_folder(dir.path(), 5, 200, 50, 1_000, 50).unwrap();
    dir
}

/// `outstanding` over 1,000 minutes files.
#[divan::bench(sample_count = 5)]
fn outstanding_1000_meetings(bencher: Bencher) {
    let dir = thousand();
    let paths = vec![PathBuf::from(dir.path())];
    let as_of = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    bencher.bench_local(|| {
        let found = discover(&paths, None).unwrap();
        outstanding(&found.ledger(), &Filter::default(), as_of).len()
    });
}

/// The baseline: the same 1,000 files parsed into `toml::Table`.
#[divan::bench(sample_count = 5)]
fn parse_1000_meetings_into_toml_table(bencher: Bencher) {
    let dir = thousand();
    bencher.bench_local(|| {
        let mut n = 0;
        for e in std::fs::read_dir(dir.path()).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "toml") {
                let t: toml::Table = std::fs::read_to_string(&p).unwrap().parse().unwrap();
                n += t.len();
            }
        }
        n
    });
}

/// A plan of 30,000 actions whose every status is wrong: 30,000 errors to report.
fn thirty_thousand_errors() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let text = rapporteur::generate::plan(5, 30_000, 50)
        .replace("status = \"open\"", "status = \"opened\"")
        .replace("status = \"in-progress\"", "status = \"ongoing\"")
        .replace("status = \"blocked\"", "status = \"stuck\"");
    let path = dir.path().join("plan.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// `check` of a file with 30,000 errors, each located with its line and caret.
#[divan::bench(sample_count = 5)]
fn check_30000_errors(bencher: Bencher) {
    let (_dir, path) = thirty_thousand_errors();
    let paths = vec![path];
    bencher.bench_local(|| {
        let report = rapporteur::load::check::check(&paths);
        assert_eq!(report.errors(), 30_000);
        report
    });
}

//! `outstanding` over ten years of monthly minutes (120 files of 200 decisions), against
//! parsing the same files into `toml::Table`. Run with `cargo bench --bench review`.

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

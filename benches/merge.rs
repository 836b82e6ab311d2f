//! `rapporteur merge-file` on minutes of 500 decisions in three versions, against parsing
//! the same three texts into `toml::Table`. Budget: within 3x of the baseline and under
//! 50 ms. Run with `cargo bench --bench merge`.

use divan::Bencher;
use rapporteur::minutes::merge::merge;
use rapporteur::minutes::merge_file::{parse_side, render};
use rapporteur::minutes::toml_out::to_toml;
use rapporteur::model::{Decision, Minutes, Status};

fn main() {
    divan::main();
}

/// Base, ours and theirs: 500 decisions over 10 items; each side adds 20 decisions (under
/// the same items, so theirs are renumbered) and edits 20 others, never the same ones.
fn versions() -> [String; 3] {
    let base_text = rapporteur::generate::minutes(5, 10, 500, 100);
    let base = parse_side(&base_text, "base").unwrap();
    let side = |who: &str, offset: usize| -> String {
        let mut m: Minutes = base.clone();
        for k in 0..20 {
            let item = &mut m.items[k % 10];
            let id = item.next_decision_id();
            item.decisions.push_back(Decision {
                id,
                text: format!("{who} added {k}"),
                owners: vec!["p1".into()],
                ..Decision::default()
            });
            let d = &mut m.items[k % 10].decisions[offset + k / 10];
            d.text = format!("{who} reworded {k}");
            d.status = Some(Status::Done);
        }
        to_toml(&m).unwrap()
    };
    let base_text = to_toml(&base).unwrap();
    [base_text, side("ours", 0), side("theirs", 10)]
}

/// Parse the three versions, merge them record by record, write the canonical result.
#[divan::bench(sample_count = 50)]
fn merge_500_decisions_x3(bencher: Bencher) {
    let [b, o, t] = versions();
    bencher.bench_local(|| {
        let merged = merge(
            &parse_side(&b, "base").unwrap(),
            &parse_side(&o, "ours").unwrap(),
            &parse_side(&t, "theirs").unwrap(),
        );
        assert!(merged.conflicts.is_empty());
        render(&merged).unwrap().len()
    });
}

/// The baseline: parse the same three texts into `toml::Table`.
#[divan::bench(sample_count = 50)]
fn parse_500_decisions_x3_into_toml_table(bencher: Bencher) {
    let texts = versions();
    bencher.bench_local(|| {
        texts
            .iter()
            .map(|t| t.parse::<toml::Table>().unwrap().len())
            .sum::<usize>()
    });
}

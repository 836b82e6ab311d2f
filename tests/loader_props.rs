//! The loader never panics: arbitrary bytes and random mutations of the sample files end in
//! a loaded document or in problems that all have a position inside the file.

use proptest::prelude::*;
use rapporteur::load::{Diagnostic, locate_all, parse_document};

const SAMPLES: &[(&str, &str)] = &[
    ("plan.toml", include_str!("../meetings/ccscap/plan.toml")),
    (
        "2016-11-21-consle-17.toml",
        include_str!("../meetings/ccscap/2016-11-21-consle-17.toml"),
    ),
    (
        "2016-03-15-csm-ii.minutes.toml",
        include_str!("../meetings/ccscap/2016-03-15-csm-ii.minutes.toml"),
    ),
    ("default.toml", include_str!("../themes/default.toml")),
];

fn assert_well_formed(name: &str, text: &str) {
    let parsed = parse_document(text, name);
    let lines = text.split('\n').count();
    let diags: Vec<Diagnostic> = locate_all(std::path::Path::new(name), text, parsed.problems);
    if parsed.document.is_none() {
        assert!(!diags.is_empty(), "no document and no problem");
    }
    for d in diags {
        assert!(
            d.line >= 1 && d.line <= lines.max(1),
            "line {} of {lines}",
            d.line
        );
        assert!(d.col >= 1);
        let shown = d.render(false);
        assert!(
            shown.starts_with(&format!("{name}:{}:{}: ", d.line, d.col)),
            "{shown}"
        );
        assert!(!shown.contains('\u{1b}'), "raw escape in {shown:?}");
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    ReplaceChar(usize, char),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (
            any::<usize>(),
            prop_oneof![
                Just('"'),
                Just('['),
                Just(']'),
                Just('='),
                Just('\u{1b}'),
                Just('\n'),
                any::<char>()
            ]
        )
            .prop_map(|(i, c)| Mutation::ReplaceChar(i, c)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let n = lines.len();
    match *m {
        Mutation::DeleteLine(i) => {
            lines.remove(i % n);
        }
        Mutation::DuplicateLine(i) => {
            let l = lines[i % n].clone();
            lines.insert(i % n, l);
        }
        Mutation::SwapLines(a, b) => lines.swap(a % n, b % n),
        Mutation::ReplaceChar(i, c) => {
            let mut chars: Vec<char> = text.chars().collect();
            if !chars.is_empty() {
                let len = chars.len();
                chars[i % len] = c;
            }
            return chars.into_iter().collect();
        }
        Mutation::Truncate(i) => {
            let chars: Vec<char> = text.chars().collect();
            let keep = i % (chars.len() + 1);
            return chars[..keep].iter().collect();
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        assert_well_formed("x.toml", &text);
    }

    #[test]
    fn arbitrary_toml_like_text_never_panics(text in "[\\[\\]a-z=\" \n0-9.:_-]{0,300}") {
        assert_well_formed("x.minutes.toml", &text);
    }

    #[test]
    fn mutated_samples_never_panic(which in 0..SAMPLES.len(), ms in proptest::collection::vec(mutation(), 1..4)) {
        let (name, text) = SAMPLES[which];
        let mut t = text.to_string();
        for m in &ms {
            t = apply(&t, m);
        }
        assert_well_formed(name, &t);
    }
}

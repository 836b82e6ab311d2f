//! The search popup (`/`) ranks what the skim matcher says of each entry alone: typed key
//! by key (a narrowing query re-scores only the previous matches, a long list is scored a
//! slice per key and the rest between keys, on two threads), with the keys cut to the part
//! a score depends on and keys that cannot match skipped, the results and their order are
//! those of scoring every entry with a matcher of its own, best first, ties in list order.
//! On the sample, on other bodies' meetings (with earlier minutes) and on a generated plan
//! of 10,000 actions.

mod common;

use chrono::NaiveDate;
use common::{fresh_meeting, press, sample};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use proptest::prelude::*;
use rapporteur::tui::action::Action;
use rapporteur::tui::app::{App, Mode};
use rapporteur::tui::update::update;
use rapporteur::tui::widgets::search::SearchView;
use ratatui::crossterm::event::KeyCode;

fn noon(y: i32, m: u32, d: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap()
}

/// The meetings searched: the sample, and bodies with other plans, rosters and earlier
/// minutes (whose decisions are searched too).
fn bodies() -> Vec<(&'static str, App)> {
    vec![
        ("sample", sample()),
        (
            "alpine",
            fresh_meeting(common::ALPINE, common::alpine_clock()),
        ),
        (
            "fisheries",
            fresh_meeting(common::FORUM, common::forum_clock()),
        ),
        (
            "health",
            fresh_meeting(
                "tests/fixtures/bodies/health/2025-09-15-rhc-8.toml",
                noon(2025, 9, 15),
            ),
        ),
        (
            "senate",
            fresh_meeting("tests/fixtures/senate/m1.toml", noon(2024, 1, 1)),
        ),
        (
            "riverbasin",
            fresh_meeting(
                "tests/fixtures/plain/riverbasin/2024-02-08-board-3.toml",
                noon(2024, 2, 8),
            ),
        ),
    ]
}

fn search(app: &App) -> &SearchView {
    match &app.screen.mode {
        Mode::Search(s) => s,
        other => panic!("not searching: {other:?}"),
    }
}

/// Every entry's key, in list order (what an empty query lists).
fn keys(app: &mut App) -> Vec<String> {
    update(app, Action::Search);
    let s = search(app);
    assert!(s.query_text().is_empty());
    let keys = s.matches.iter().map(|&i| s.entry(i).key.clone()).collect();
    update(app, Action::Cancel);
    keys
}

/// The entries a query lists, scored each by a matcher of its own: one character keeps
/// list order; more are ranked best first, ties in list order.
fn expected(keys: &[String], query: &str) -> Vec<usize> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return (0..keys.len()).collect();
    }
    if q.chars().count() == 1 {
        return (0..keys.len()).filter(|&i| keys[i].contains(&q)).collect();
    }
    let mut scored: Vec<(i64, usize)> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| {
            SkimMatcherV2::default()
                .respect_case()
                .fuzzy_match(k, &q)
                .map(|s| (s, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// The same scored the direct way: one matcher over every whole key in list order (what
/// the search did before it cut keys to the part a score depends on). The matcher can
/// carry a bonus from one key to the next (see `rapporteur::tui::fuzzy::Query`), so this
/// is not always the score each key gets alone; on the bodies' entries it is.
fn direct(keys: &[String], query: &str) -> Vec<usize> {
    let q = query.trim().to_lowercase();
    if q.chars().count() < 2 {
        return expected(keys, query);
    }
    let m = SkimMatcherV2::default().respect_case();
    let mut scored: Vec<(i64, usize)> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| m.fuzzy_match(k, &q).map(|s| (s, i)))
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// Types `query` into a fresh search key by key, with `work[k]` slices of scoring between
/// key k and the next (as the loop does while it waits), then lets it finish.
fn typed(app: &mut App, query: &str, work: &[usize]) -> Vec<usize> {
    update(app, Action::Search);
    for (k, c) in query.chars().enumerate() {
        press(app, KeyCode::Char(c));
        for _ in 0..work.get(k).copied().unwrap_or(0) {
            update(app, Action::Work);
        }
    }
    while app.busy() {
        update(app, Action::Work);
    }
    let matches = search(app).matches.clone();
    update(app, Action::Cancel);
    matches
}

#[test]
fn typed_queries_rank_as_every_entry_scored_alone_on_every_body() {
    let queries = [
        "tra", "ac", "item 2", "conf", "min", "decis", "a", "re ", " e", "the st", "pla", "xyz",
        "wate", "13", "ü",
    ];
    for (name, mut app) in bodies() {
        let keys = keys(&mut app);
        assert!(keys.len() > 5, "{name}: {} entries", keys.len());
        for q in queries {
            let got = typed(&mut app, q, &[]);
            assert_eq!(got, expected(&keys, q), "{name}: {q:?}");
            assert_eq!(
                got,
                direct(&keys, q),
                "{name}: {q:?}, scored the direct way"
            );
        }
        // Queries made of each entry's own words: every one of them finds something.
        for k in keys.iter().step_by(3) {
            let q: String = k
                .split_whitespace()
                .skip(2)
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            let got = typed(&mut app, &q, &[1, 0, 2]);
            assert_eq!(got, expected(&keys, &q), "{name}: {q:?}");
            assert_eq!(
                got,
                direct(&keys, &q),
                "{name}: {q:?}, scored the direct way"
            );
        }
    }
}

#[test]
fn a_large_plan_scored_in_slices_on_two_threads_ranks_as_every_entry_scored_alone() {
    let dir = tempfile::tempdir().unwrap();
    rapporteur::generate::write_folder(dir.path(), 5, 10_000, 200, 2, 300).unwrap();
    let agenda = dir.path().join("g1.toml");
    let mut app = fresh_meeting(agenda.to_str().unwrap(), noon(2017, 11, 15));
    let keys = keys(&mut app);
    assert!(keys.len() > 10_000, "{} entries", keys.len());
    for (q, work) in [
        ("tra", &[][..]),
        ("tra", &[0, 1, 0][..]),
        ("item 12", &[0, 0, 0, 1, 0, 0, 0][..]),
        ("rep", &[2, 2, 2][..]),
        ("p1 ", &[][..]),
        ("decision 3", &[][..]),
    ] {
        let got = typed(&mut app, q, work);
        assert_eq!(got, expected(&keys, q), "{q:?} {work:?}");
        assert_eq!(got, direct(&keys, q), "{q:?}, scored the direct way");
    }
}

/// A query typed with a key deleted in the middle, as people type.
fn typed_with_backspace(app: &mut App, first: &str, then: &str) -> Vec<usize> {
    update(app, Action::Search);
    for c in first.chars() {
        press(app, KeyCode::Char(c));
    }
    press(app, KeyCode::Backspace);
    for c in then.chars() {
        press(app, KeyCode::Char(c));
    }
    while app.busy() {
        update(app, Action::Work);
    }
    let m = search(app).matches.clone();
    update(app, Action::Cancel);
    m
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Queries picked from an entry's key (a subsequence, so something matches) or
    /// anything, typed with scoring between keys and a key deleted on the way.
    #[test]
    fn any_query_typed_any_way_ranks_as_every_entry_scored_alone(
        body in 0usize..6,
        entry in any::<proptest::sample::Index>(),
        picks in proptest::collection::vec(any::<proptest::sample::Index>(), 1..6),
        noise in "[a-z0-9 .-]{0,4}",
        work in proptest::collection::vec(0usize..3, 0..6),
    ) {
        let (name, mut app) = bodies().swap_remove(body);
        let keys = keys(&mut app);
        let key: Vec<char> = keys[entry.index(keys.len())].chars().collect();
        let mut at: Vec<usize> = picks.iter().map(|p| p.index(key.len())).collect();
        at.sort_unstable();
        at.dedup();
        let picked: String = at.into_iter().map(|i| key[i]).collect();
        let query = format!("{picked}{noise}");
        prop_assert_eq!(typed(&mut app, &query, &work), expected(&keys, &query), "{}: {:?}", name, query);
        let after: String = query.chars().collect::<Vec<_>>().into_iter().rev().collect();
        let shown = format!("{query}{after}");
        prop_assert_eq!(
            typed_with_backspace(&mut app, &format!("{query}x"), &after),
            expected(&keys, &shown),
            "{}: {:?} then {:?}", name, query, after
        );
    }
}

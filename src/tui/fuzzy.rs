//! The one fuzzy matcher of the screen, built once per thread (it keeps scratch memory
//! between calls, so building it per item would waste most of a keystroke).

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

thread_local! {
    /// Case-insensitive skim matcher.
    pub static MATCHER: SkimMatcherV2 = SkimMatcherV2::default().ignore_case();
    /// Case-sensitive matcher for text lowercased ahead of time (search keys): skips the
    /// per-character case folding on the hot path of every keystroke.
    pub static EXACT: SkimMatcherV2 = SkimMatcherV2::default().respect_case();
}

/// A query scored against many keys: each key gets the score the skim matcher gives it
/// (case-sensitive, as [`EXACT`]; keys and queries are lowercased by the caller) when
/// scoring that key alone, for less.
///
/// The matcher scores the best alignment of the query's characters, in order, over the
/// key's; a character's bonus depends on it and the one before it. So a score depends on
/// the key from the character before the first occurrence of the query's first character
/// (which no alignment reaches; the matcher's first-character bonus goes to it) to the last
/// occurrence of the query's last character (no alignment ends later): the matcher is given
/// that part alone, often a third of a search key. A key the query is not a subsequence of
/// has no score (the matcher says the same), told by a scan of the key, without the matcher.
///
/// The matcher keeps its score matrix between calls and, for a query of three characters
/// or more, can read a bonus the previous call left in it: where the query's first
/// character comes again at or after the character before its third character's first
/// match, its score can depend on the key scored before. Such a key is scored by a matcher
/// of its own, so that every key's score is the one it gets alone, whatever was scored
/// before it, on whichever thread.
#[derive(Debug, Clone, Copy)]
pub struct Query<'q> {
    text: &'q str,
    /// The query's first and last characters, and its third when it has three or more.
    ends: Option<(char, char, Option<char>)>,
}

/// Where a key's score is read.
struct Span<'k> {
    /// The part of the key the score depends on.
    text: &'k str,
    /// True when no call before this one can change its score.
    leftover_free: bool,
}

impl<'q> Query<'q> {
    /// The query as typed.
    pub fn new(text: &'q str) -> Query<'q> {
        let mut chars = text.chars();
        let ends = chars.next().map(|first| {
            (
                first,
                text.chars().next_back().unwrap_or(first),
                chars.nth(1),
            )
        });
        Query { text, ends }
    }

    /// The part of `key` the score depends on; `None` when the query is not a
    /// subsequence of `key`.
    fn span<'k>(&self, key: &'k str) -> Option<Span<'k>> {
        let Some((first, last, third)) = self.ends else {
            return Some(Span {
                text: key,
                leftover_free: true,
            });
        };
        let at = key.find(first)?;
        let mut next = at + first.len_utf8();
        // Where the third character first matches, in order after the first two.
        let mut third_at = None;
        for (n, c) in self.text.chars().enumerate().skip(1) {
            let i = next + key[next..].find(c)?;
            if n == 2 {
                third_at = Some(i);
            }
            next = i + c.len_utf8();
        }
        let before = |i: usize| key[..i].chars().next_back().map_or(0, |c| i - c.len_utf8());
        let start = before(at);
        let end = key.rfind(last)? + last.len_utf8();
        let leftover_free = match (third, third_at) {
            (Some(_), Some(t)) => !key[before(t)..end].contains(first),
            _ => true,
        };
        Some(Span {
            text: &key[start..end],
            leftover_free,
        })
    }

    /// The score `key` gets alone from a case-sensitive skim matcher; `matcher` is one
    /// (like [`EXACT`]), used whenever what it kept from earlier calls cannot matter.
    pub fn score(&self, matcher: &SkimMatcherV2, key: &str) -> Option<i64> {
        let span = self.span(key)?;
        if span.leftover_free {
            matcher.fuzzy_match(span.text, self.text)
        } else {
            SkimMatcherV2::default()
                .respect_case()
                .fuzzy_match(span.text, self.text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A matcher that has scored nothing yet: the score a key gets alone.
    fn alone(key: &str, query: &str) -> Option<i64> {
        SkimMatcherV2::default()
            .respect_case()
            .fuzzy_match(key, query)
    }

    #[test]
    fn a_key_is_scored_on_the_part_its_score_depends_on() {
        let span = |q: &str, key: &'static str| Query::new(q).span(key).map(|s| s.text);
        let key = "x-12 · solution 12: train, equip and report on cyber security item 12";
        assert_eq!(span("tra", key), Some("ution 12: train, equip a"));
        // The first character first: nothing before it to cut.
        assert_eq!(span("xa", "xya"), Some("xya"));
        assert_eq!(span("ab", "ba"), None);
        assert_eq!(span("", "abc"), Some("abc"));
        // Cut at character boundaries.
        assert_eq!(span("éü", "aßéxüyü."), Some("ßéxüyü"));
    }

    #[test]
    fn a_score_does_not_depend_on_the_key_scored_before() {
        // The matcher alone: the same key, after another, scores differently.
        let shared = SkimMatcherV2::default().respect_case();
        assert_eq!(shared.fuzzy_match("aAaaaaAa", "AAa"), Some(56));
        shared.fuzzy_match("aaaAaaaaAabb", "AAa");
        assert_eq!(shared.fuzzy_match("aAaaaaAa", "AAa"), Some(58));
        // Scored through a query, it is the score the key gets alone.
        let q = Query::new("AAa");
        assert!(!q.span("aAaaaaAa").unwrap().leftover_free);
        shared.fuzzy_match("aaaAaaaaAabb", "AAa");
        assert_eq!(q.score(&shared, "aAaaaaAa"), Some(56));
        assert!(
            Query::new("tra")
                .span("x-12 · solution 12: train, report")
                .unwrap()
                .leftover_free
        );
    }

    /// Keys and queries over characters the matcher treats differently: separators hard
    /// and soft, digits, upper and lower case, letters of more than one byte.
    fn text(max: usize) -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just('a'),
                Just('b'),
                Just('t'),
                Just('r'),
                Just('A'),
                Just('T'),
                Just('1'),
                Just(' '),
                Just('-'),
                Just('·'),
                Just('/'),
                Just(':'),
                Just('é'),
                Just('\0'),
            ],
            0..max,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    /// A query that is a subsequence of `key` (the case that is scored), from picks.
    fn taken_from(key: &str, picks: &[proptest::sample::Index]) -> String {
        let chars: Vec<char> = key.chars().collect();
        if chars.is_empty() {
            return String::new();
        }
        let mut at: Vec<usize> = picks.iter().map(|p| p.index(chars.len())).collect();
        at.sort_unstable();
        at.dedup();
        at.into_iter().map(|i| chars[i]).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Any key, any query, after any other keys scored by the same matcher.
        #[test]
        fn the_score_is_the_one_the_whole_key_gets_alone(
            before in proptest::collection::vec(text(40), 0..4),
            key in text(40),
            query in text(6),
        ) {
            let shared = SkimMatcherV2::default().respect_case();
            for b in &before {
                shared.fuzzy_match(b, &query);
            }
            prop_assert_eq!(Query::new(&query).score(&shared, &key), alone(&key, &query));
        }

        #[test]
        fn a_query_taken_from_the_key_scores_as_the_whole_key_alone(
            before in proptest::collection::vec((text(60), any::<Vec<proptest::sample::Index>>()), 0..4),
            key in text(60),
            picks in proptest::collection::vec(any::<proptest::sample::Index>(), 1..6),
        ) {
            let query = taken_from(&key, &picks);
            let shared = SkimMatcherV2::default().respect_case();
            for (b, p) in &before {
                shared.fuzzy_match(b, &taken_from(b, p));
            }
            let whole = alone(&key, &query);
            prop_assert!(whole.is_some());
            prop_assert_eq!(Query::new(&query).score(&shared, &key), whole);
        }
    }
}

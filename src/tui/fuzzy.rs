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

/// What a blank key starts with, and the query that matches it there alone.
const BLANK_MATCH: &str = "\u{2}";

thread_local! {
    /// The blank [`Query::score`] scores before a key whose score could depend on the
    /// call before: [`BLANK_MATCH`], then a filler it does not match.
    static BLANK: String = std::iter::once('\u{2}')
        .chain(std::iter::repeat_n('\u{1}', 511))
        .collect();
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
/// or more, can read a bonus an earlier call left in it (the bonus of a matched cell is
/// read before it is written), so that a key's score can depend on the key scored before
/// it. Reading the matcher (fuzzy-matcher 0.3.7, compressed two-row matrix): the second
/// row of the matrix is shared by the query's characters 1, 3, 5, … (1-based); a cell of
/// it is left unwritten where every earlier of these characters matched the key's
/// character, and the row of the query's character `i` (odd, from 3) reads such a cell
/// at the character before `i`'s first match, and at a key character that `i` matches
/// twice in a row. Where the key's part has neither, its score is the one it gets alone;
/// where it has one, the key is scored after a blank that leaves no bonus in that row.
/// So every key's score is the one it gets alone, whatever was scored before it, on
/// whichever thread.
#[derive(Debug, Clone, Copy)]
pub struct Query<'q> {
    text: &'q str,
    /// The query's first and last characters.
    ends: Option<(char, char)>,
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
        let ends = text.chars().next().zip(text.chars().next_back());
        Query { text, ends }
    }

    /// The part of `key` the score depends on; `None` when the query is not a
    /// subsequence of `key`.
    fn span<'k>(&self, key: &'k str) -> Option<Span<'k>> {
        let Some((first, last)) = self.ends else {
            return Some(Span {
                text: key,
                leftover_free: true,
            });
        };
        let before = |i: usize| key[..i].chars().next_back();
        let at = key.find(first)?;
        let mut next = at + first.len_utf8();
        // The shared row's cells left unwritten are those of key characters equal to
        // every earlier odd query character: while these are all `first`, the reads
        // described on [`Query`] can meet one.
        let mut odd_all_first = true;
        let mut leftover_free = true;
        // Where an odd query character equal to `first` first matches: from there, a
        // key character it matches twice in a row reads an unwritten cell.
        let mut twice_from = None;
        for (n, c) in self.text.chars().enumerate().skip(1) {
            let i = next + key[next..].find(c)?;
            if n % 2 == 0 && odd_all_first {
                leftover_free &= before(i) != Some(first);
                if c == first && twice_from.is_none() {
                    twice_from = Some(i);
                }
                odd_all_first = c == first;
            }
            next = i + c.len_utf8();
        }
        let start = before(at).map_or(0, |c| at - c.len_utf8());
        let end = key.rfind(last)? + last.len_utf8();
        if let Some(from) = twice_from.filter(|&f| f < end) {
            let mut pair = [0u8; 8];
            let n = first.encode_utf8(&mut pair[..4]).len();
            pair.copy_within(..n, n);
            let pair = std::str::from_utf8(&pair[..2 * n]).unwrap_or_default();
            leftover_free &= !key[from..end].contains(pair);
        }
        Some(Span {
            text: &key[start..end],
            leftover_free,
        })
    }

    /// The score `key` gets alone from a case-sensitive skim matcher; `matcher` is one
    /// (like [`EXACT`]). When what it kept from an earlier call could change the score,
    /// it first scores a blank as long as the part scored: a key of one matched character
    /// then the filler, which leaves no bonus where the score reads one.
    pub fn score(&self, matcher: &SkimMatcherV2, key: &str) -> Option<i64> {
        let span = self.span(key)?;
        if span.leftover_free {
            return matcher.fuzzy_match(span.text, self.text);
        }
        let n = span.text.chars().count();
        let blanked = BLANK.with(|blank| {
            // One byte a character: the first `n` bytes are `n` characters.
            let cleared = blank.get(..n).map(|b| matcher.fuzzy_match(b, BLANK_MATCH));
            cleared.map(|_| matcher.fuzzy_match(span.text, self.text))
        });
        blanked.unwrap_or_else(|| {
            SkimMatcherV2::default()
                .respect_case()
                .fuzzy_match(span.text, self.text)
        })
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
        // Longer than the blank: scored by a matcher of its own.
        let long = format!("aAaaaaAa{}a", "b".repeat(600));
        shared.fuzzy_match("aaaAaaaaAabb", "AAa");
        assert_eq!(q.score(&shared, &long), alone(&long, "AAa"));
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

        /// Three letters: repeats everywhere, where leftovers are read.
        #[test]
        fn over_three_letters_the_score_is_the_one_the_key_gets_alone(
            before in proptest::collection::vec("[aAb]{0,30}", 0..4),
            key in "[aAb]{0,30}",
            query in "[aAb]{1,7}",
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

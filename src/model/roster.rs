//! Owner matching: the one rule that decides whether typed text names a roster entry.
//! Used by the owner picker, `outstanding --owner` and anything else that turns a typed
//! name into an owner.
//!
//! A roster entry is taken only on a **strong** match: the text equals an id, short name
//! or alias (case-insensitive), or its words are the starts of words of a name or alias,
//! in order (`st vincent`, `trinidad`, `telecom`); word starts need 3 letters in all, so a
//! stray letter never picks a partner. Among strong matches: exact id/short/alias first,
//! then the entry whose whole name is best covered (`trinidad` takes Trinidad and Tobago
//! before the Trinidad and Tobago CIRT), then member states before agencies, then roster
//! order. Anything else is a free-text owner ("the Chair"); weak fuzzy matches may be
//! offered but are never taken silently.

use std::cmp::Ordering;

use super::Partner;

/// Letters a word-start match needs in all.
const MIN_WORD_START_LETTERS: usize = 3;

/// Lowercase words of a text: runs of letters and digits.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Folds a whole text for equality: lowercase, inner spaces collapsed.
fn folded(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// One roster entry, prepared once for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    /// Roster id.
    pub id: String,
    /// Folded id, short name and aliases: equal to one of them is an exact match.
    exact: Vec<String>,
    /// Words of the name and of each alias.
    names: Vec<Vec<String>>,
    /// A member or associate member state.
    state: bool,
}

/// How well a query names an entry (smaller is better, see [`Roster::strong`]).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rank {
    exact: bool,
    coverage: f64,
    state: bool,
    order: usize,
}

impl Rank {
    fn cmp(&self, other: &Rank) -> Ordering {
        other
            .exact
            .cmp(&self.exact)
            .then(other.coverage.total_cmp(&self.coverage))
            .then(other.state.cmp(&self.state))
            .then(self.order.cmp(&other.order))
    }
}

/// What typed text names as an owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnerChoice {
    /// A roster entry, by id.
    Partner(String),
    /// Free text, trimmed, kept as typed.
    FreeText(String),
}

/// The roster prepared for owner matching (built once at load).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    entries: Vec<RosterEntry>,
}

/// The share of a text's letters that the query's words cover, when every query word is
/// the start of a text word, in order; `None` otherwise.
fn word_start_coverage(query: &[String], text: &[String]) -> Option<f64> {
    let mut at = 0;
    for q in query {
        let found = text[at..].iter().position(|w| w.starts_with(q.as_str()))?;
        at += found + 1;
    }
    let total: usize = text.iter().map(|w| w.chars().count()).sum();
    let covered: usize = query.iter().map(|w| w.chars().count()).sum();
    (total > 0).then(|| covered as f64 / total as f64)
}

impl Roster {
    /// Prepares a roster.
    pub fn new(partners: &[Partner]) -> Roster {
        let entries = partners
            .iter()
            .map(|p| {
                let mut exact = vec![folded(&p.id)];
                exact.extend(p.short.as_deref().map(folded));
                exact.extend(p.aliases.iter().map(|a| folded(a)));
                let mut names = vec![words(&p.name)];
                names.extend(p.aliases.iter().map(|a| words(a)));
                RosterEntry {
                    id: p.id.clone(),
                    exact,
                    names,
                    state: p.is_state(),
                }
            })
            .collect();
        Roster { entries }
    }

    /// The entries, in roster order.
    pub fn entries(&self) -> &[RosterEntry] {
        &self.entries
    }

    fn rank(&self, i: usize, query: &str, query_words: &[String]) -> Option<Rank> {
        let e = &self.entries[i];
        let exact = e.exact.iter().any(|x| *x == query);
        let letters: usize = query_words.iter().map(|w| w.chars().count()).sum();
        let coverage = if exact {
            1.0
        } else if query_words.is_empty() || letters < MIN_WORD_START_LETTERS {
            return None;
        } else {
            e.names
                .iter()
                .filter_map(|n| word_start_coverage(query_words, n))
                .max_by(f64::total_cmp)?
        };
        Some(Rank {
            exact,
            coverage,
            state: e.state,
            order: i,
        })
    }

    /// Indexes of the entries the text names strongly, best first.
    pub fn strong(&self, typed: &str) -> Vec<usize> {
        let query = folded(typed);
        if query.is_empty() {
            return Vec::new();
        }
        let query_words = words(&query);
        let mut ranked: Vec<Rank> = (0..self.entries.len())
            .filter_map(|i| self.rank(i, &query, &query_words))
            .collect();
        ranked.sort_by(Rank::cmp);
        ranked.into_iter().map(|r| r.order).collect()
    }

    /// True when two free-text owners are one owner: they differ only in case, spacing
    /// or a leading article ("the Chair", "the  chair", "Chair"). Digests, `outstanding
    /// --owner` and the address check count them as one, under the first spelling.
    pub fn same_free_owner(a: &str, b: &str) -> bool {
        fn key(s: &str) -> String {
            let f = folded(s);
            for article in ["the ", "a ", "an "] {
                if let Some(rest) = f.strip_prefix(article) {
                    return rest.to_string();
                }
            }
            f
        }
        a == b || key(a) == key(b)
    }

    /// True when the text names this free-text owner strongly (the same rule, applied to a
    /// free-text owner used in minutes: `chair` names "the Chair").
    pub fn names_free_text(typed: &str, owner: &str) -> bool {
        let query = folded(typed);
        if query.is_empty() {
            return false;
        }
        if folded(owner) == query {
            return true;
        }
        let qw = words(&query);
        let letters: usize = qw.iter().map(|w| w.chars().count()).sum();
        letters >= MIN_WORD_START_LETTERS && word_start_coverage(&qw, &words(owner)).is_some()
    }

    /// True when every word of `typed` is the start of a word of `text`, in order (`sec
    /// stand` in "Agree minimum cyber security standards"): the filter of lists that must
    /// not keep rows for a few scattered letters.
    pub fn word_starts(typed: &str, text: &str) -> bool {
        let qw = words(typed);
        !qw.is_empty() && word_start_coverage(&qw, &words(text)).is_some()
    }

    /// What Enter takes for typed text: the best strong match, or the text as free text.
    pub fn choose(&self, typed: &str) -> OwnerChoice {
        match self.strong(typed).first() {
            Some(&i) => OwnerChoice::Partner(self.entries[i].id.clone()),
            None => OwnerChoice::FreeText(typed.trim().to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partner(id: &str, name: &str, kind: &str, aliases: &[&str]) -> Partner {
        Partner {
            id: id.into(),
            name: name.into(),
            short: None,
            kind: kind.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            emails: Vec::new(),
            contact: None,
        }
    }

    #[test]
    fn word_starts_must_come_in_order_and_cover_the_query() {
        let t = words("Saint Vincent and the Grenadines");
        assert!(word_start_coverage(&words("vincent gren"), &t).is_some());
        assert!(word_start_coverage(&words("gren vincent"), &t).is_none());
        assert!(word_start_coverage(&words("incent"), &t).is_none());
    }

    #[test]
    fn exact_beats_coverage_and_states_beat_agencies() {
        let roster = Roster::new(&[
            partner("cirt", "Nowhere CIRT", "national-agency", &["Nowhere"]),
            partner("nw", "Nowhere", "member-state", &[]),
            partner("nwa", "Nowhere Agency", "regional-agency", &[]),
        ]);
        // Both the CIRT (alias) and the state (name) equal "nowhere": an alias is exact,
        // a name is a fully covered word-start match.
        let ids: Vec<&str> = roster
            .strong("nowhere")
            .iter()
            .map(|&i| roster.entries()[i].id.as_str())
            .collect();
        assert_eq!(ids, ["cirt", "nw", "nwa"]);
        assert_eq!(roster.choose("no"), OwnerChoice::FreeText("no".into()));
    }
}

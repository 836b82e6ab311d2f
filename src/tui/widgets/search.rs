//! Fuzzy search over agenda items, areas, actions, decisions and the roster.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use fuzzy_matcher::FuzzyMatcher;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use ratatui_textarea::TextArea;

use crate::model::{Minutes, Plan};
use crate::theme::Theme;
use crate::tui::fuzzy::{EXACT, MATCHER, Query};

/// Where a result leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hit {
    /// An agenda item, by id.
    Item(String),
    /// A priority area, by position in walk order.
    Area(usize),
    /// A plan action, by id.
    Action(String),
    /// A decision of this meeting: item id and decision id.
    Decision(String, String),
    /// A decision of another meeting, by `<meeting>/<decision>`.
    Earlier(String),
    /// A partner of the roster, by id.
    Partner(String),
}

/// One searchable thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Where Enter leads.
    pub hit: Hit,
    /// The text shown (inert, one line).
    pub label: String,
    /// The label lowercased once, the text that is scored.
    pub key: String,
}

impl Entry {
    fn new(hit: Hit, label: String) -> Entry {
        Entry {
            hit,
            key: label.to_lowercase(),
            label,
        }
    }
}

/// The searched text of an entry: its id and the first 80 characters of its text (the
/// cost of a fuzzy score grows with the length of what it scores).
fn label(id: &str, text: &str) -> String {
    let mut t: String = crate::text::inert_line(text).chars().take(80).collect();
    if t.is_empty() {
        t.push('—');
    }
    format!("{} · {t}", crate::text::inert_line(id))
}

impl Hit {
    /// The kind of thing, shown before each result.
    pub fn kind(&self) -> &'static str {
        match self {
            Hit::Item(_) => "item",
            Hit::Area(_) => "area",
            Hit::Action(_) => "action",
            Hit::Decision(..) | Hit::Earlier(_) => "decision",
            Hit::Partner(_) => "partner",
        }
    }
}

/// Above this many candidates, scoring is split over two threads (the machine has two cores).
const PARALLEL_FROM: usize = 3_000;

/// How many candidates a keystroke scores before the frame is drawn: over a larger list
/// the frame shows the best of what is scored so far, and the rest is scored between keys
/// ([`SearchView::work`]), so a keystroke costs the same at 10,000 entries as at 100,000.
pub const SLICE: usize = 8_192;

/// Best first, ties in list order.
fn rank(a: &(i64, usize), b: &(i64, usize)) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then(a.1.cmp(&b.1))
}

/// How many candidates a scoring thread takes at a time.
const CHUNK: usize = 256;

/// Scores `part` against `query`: the matches with their scores, unordered. Each key gets
/// the score it gets alone ([`Query::score`]), so it does not matter which thread scores
/// it: a long part is scored by two threads taking chunks in turn, and when the second
/// thread starts late (the other core busy) the first does more, rather than waiting for
/// a fixed half.
fn score<'a>(
    part: &[usize],
    query: &str,
    label: &(dyn Fn(usize) -> &'a str + Sync),
) -> Vec<(i64, usize)> {
    let query = Query::new(query);
    let run = |part: &[usize], out: &mut Vec<(i64, usize)>| {
        EXACT.with(|m| {
            out.extend(
                part.iter()
                    .filter_map(|&i| query.score(m, label(i)).map(|s| (s, i))),
            )
        })
    };
    if part.len() < PARALLEL_FROM {
        let mut out = Vec::new();
        run(part, &mut out);
        return out;
    }
    let taken = AtomicUsize::new(0);
    let take = || {
        let mut out = Vec::new();
        loop {
            let start = taken.fetch_add(CHUNK, Ordering::Relaxed);
            if start >= part.len() {
                return out;
            }
            run(&part[start..(start + CHUNK).min(part.len())], &mut out);
        }
    };
    std::thread::scope(|s| {
        let other = s.spawn(take);
        let mut first = take();
        first.extend(other.join().unwrap_or_default());
        first
    })
}

/// Two ranked lists as one.
fn merge(a: Vec<(i64, usize)>, b: Vec<(i64, usize)>) -> Vec<(i64, usize)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if rank(x, y).is_le() => a.next(),
            (Some(_), Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, _) => b.next(),
        };
        match next {
            Some(x) => out.push(x),
            None => return out,
        }
    }
}

/// A query being scored slice by slice.
#[derive(Debug, Clone)]
struct Scoring {
    /// The query, trimmed and lowercased.
    query: String,
    /// The candidates, in list order.
    pool: Vec<usize>,
    /// How many of them are scored.
    done: usize,
    /// The matches among them, ranked.
    scored: Vec<(i64, usize)>,
}

/// The entries that depend only on the plan and the agenda: built once at load.
pub fn static_entries(plan: &Plan, minutes: &Minutes) -> Vec<Entry> {
    let mut out = Vec::new();
    for item in &minutes.items {
        out.push(Entry::new(
            Hit::Item(item.id.clone()),
            label(&item.id, &item.title),
        ));
    }
    for (i, a) in plan.areas.iter().enumerate() {
        out.push(Entry::new(
            Hit::Area(i),
            label(&a.number.to_string(), &a.title),
        ));
    }
    for (_, x) in plan.actions() {
        out.push(Entry::new(
            Hit::Action(x.id.clone()),
            label(&x.id, &x.title),
        ));
    }
    for p in &plan.partners {
        let mut text = p.name.clone();
        for a in p.short.iter().chain(p.aliases.iter()) {
            text.push_str(" · ");
            text.push_str(a);
        }
        out.push(Entry::new(Hit::Partner(p.id.clone()), label(&p.id, &text)));
    }
    out
}

/// Entries for this meeting's decisions, which change during the meeting.
pub fn meeting_entries(minutes: &Minutes) -> Vec<Entry> {
    minutes
        .decisions()
        .map(|(i, d)| {
            Entry::new(
                Hit::Decision(i.id.clone(), d.id.clone()),
                label(&d.id, &d.text),
            )
        })
        .collect()
}

/// Entries for the decisions of the other meetings: they do not change while the screen
/// is open, so they are built once at load.
pub fn earlier_entries(others: &[Minutes]) -> Vec<Entry> {
    let mut out = Vec::new();
    for m in others {
        for (_, d) in m.decisions() {
            let key = crate::model::ledger::decision_key(&m.meeting.id, &d.id);
            let text = label(&key, &d.text);
            out.push(Entry::new(Hit::Earlier(key), text));
        }
    }
    out
}

/// Entries for decisions: this meeting's, then the other meetings'.
pub fn decision_entries(minutes: &Minutes, others: &[Minutes]) -> Vec<Entry> {
    let mut out = meeting_entries(minutes);
    out.extend(earlier_entries(others));
    out
}

/// The i-th entry of the three lists end to end.
fn entry_of<'a>(
    fixed: &'a [Entry],
    dynamic: &'a [Entry],
    earlier: &'a [Entry],
    i: usize,
) -> &'a Entry {
    if i < fixed.len() {
        &fixed[i]
    } else if i < fixed.len() + dynamic.len() {
        &dynamic[i - fixed.len()]
    } else {
        &earlier[i - fixed.len() - dynamic.len()]
    }
}

/// The search popup's state.
#[derive(Debug, Clone)]
pub struct SearchView {
    /// What is typed.
    pub query: TextArea<'static>,
    fixed: Arc<Vec<Entry>>,
    dynamic: Vec<Entry>,
    earlier: Arc<Vec<Entry>>,
    /// Indices of matching entries, best first.
    pub matches: Vec<usize>,
    /// Highlighted result.
    pub cursor: usize,
    last_query: Option<String>,
    /// The query still being scored, when the list is too long for one keystroke.
    scoring: Option<Scoring>,
}

impl SearchView {
    /// A search over fixed and meeting entries; everything listed until something is typed.
    pub fn new(fixed: Arc<Vec<Entry>>, dynamic: Vec<Entry>) -> SearchView {
        SearchView::with_earlier(fixed, dynamic, Arc::default())
    }

    /// The same with the other meetings' decisions (built once at load) listed last.
    pub fn with_earlier(
        fixed: Arc<Vec<Entry>>,
        dynamic: Vec<Entry>,
        earlier: Arc<Vec<Entry>>,
    ) -> SearchView {
        let mut s = SearchView {
            query: TextArea::default(),
            fixed,
            dynamic,
            earlier,
            matches: Vec::new(),
            cursor: 0,
            last_query: None,
            scoring: None,
        };
        s.query.set_cursor_line_style(ratatui::style::Style::new());
        s.refresh();
        s
    }

    /// The entry at an index.
    pub fn entry(&self, i: usize) -> &Entry {
        entry_of(&self.fixed, &self.dynamic, &self.earlier, i)
    }

    fn len(&self) -> usize {
        self.fixed.len() + self.dynamic.len() + self.earlier.len()
    }

    /// The typed text.
    pub fn query_text(&self) -> String {
        self.query.lines().join(" ")
    }

    /// Re-scores; a query that grew by appending only re-scores the previous matches (and
    /// what the previous query had not scored yet). A long list is scored one slice now,
    /// the rest by [`SearchView::work`].
    pub fn refresh(&mut self) {
        let q = self.query_text();
        if self.last_query.as_deref() == Some(q.as_str()) {
            return;
        }
        let trimmed = q.trim();
        let earlier = self.scoring.take();
        if trimmed.is_empty() {
            self.matches = (0..self.len()).collect();
        } else {
            let narrowing = self
                .last_query
                .as_deref()
                .is_some_and(|last| !last.trim().is_empty() && q.starts_with(last));
            let pool: Vec<usize> = match (narrowing, earlier) {
                (false, _) => (0..self.len()).collect(),
                (true, None) => std::mem::take(&mut self.matches),
                // The previous query's matches so far and what it had not reached.
                (true, Some(e)) => {
                    let mut pool: Vec<usize> = e.scored.iter().map(|&(_, i)| i).collect();
                    pool.extend_from_slice(&e.pool[e.done..]);
                    pool.sort_unstable();
                    pool
                }
            };
            let mut chars = trimmed.chars();
            match (chars.next(), chars.next()) {
                // One character ranks nothing: keep list order, filter cheaply.
                (Some(c), None) => {
                    // The key is the label lowercased once at load.
                    let lower: String = c.to_lowercase().collect();
                    self.matches = pool
                        .into_iter()
                        .filter(|&i| self.entry(i).key.contains(lower.as_str()))
                        .collect();
                }
                _ => {
                    self.matches.clear();
                    self.scoring = Some(Scoring {
                        query: trimmed.to_lowercase(),
                        pool,
                        done: 0,
                        scored: Vec::new(),
                    });
                    self.work();
                }
            }
        }
        self.last_query = Some(q);
        self.cursor = 0;
    }

    /// Scores the next slice of a query still being scored; the results shown are the
    /// best of what is scored so far.
    pub fn work(&mut self) {
        let Some(s) = self.scoring.as_mut() else {
            return;
        };
        let (fixed, dynamic, earlier) = (&self.fixed, &self.dynamic, &self.earlier);
        let key = |i: usize| entry_of(fixed, dynamic, earlier, i).key.as_str();
        let end = (s.done + SLICE).min(s.pool.len());
        let mut new = score(&s.pool[s.done..end], &s.query, &key);
        new.sort_unstable_by(rank);
        s.done = end;
        s.scored = merge(std::mem::take(&mut s.scored), new);
        self.matches = s.scored.iter().map(|&(_, i)| i).collect();
        if s.done == s.pool.len() {
            self.scoring = None;
        }
    }

    /// Scores whatever is left (before a result is taken).
    pub fn finish(&mut self) {
        while self.scoring.is_some() {
            self.work();
        }
    }

    /// True while part of the list is not scored yet.
    pub fn busy(&self) -> bool {
        self.scoring.is_some()
    }

    /// How much of the list is scored, in percent, while scoring.
    pub fn progress(&self) -> Option<usize> {
        self.scoring
            .as_ref()
            .map(|s| s.done * 100 / s.pool.len().max(1))
    }

    /// A key for the query.
    pub fn key(&mut self, key: KeyEvent) {
        self.query.input(key);
        self.refresh();
    }

    /// Pasted text goes into the query.
    pub fn paste(&mut self, s: &str) {
        self.query.insert_str(s.replace(['\n', '\r'], " "));
        self.refresh();
    }

    /// Moves the highlight.
    pub fn step(&mut self, delta: isize) {
        if self.matches.is_empty() {
            return;
        }
        self.cursor =
            (self.cursor as isize + delta).clamp(0, self.matches.len() as isize - 1) as usize;
    }

    /// The highlighted result.
    pub fn chosen(&self) -> Option<&Entry> {
        self.matches.get(self.cursor).map(|&i| self.entry(i))
    }

    /// Draws the popup; only visible results are highlighted.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let r = super::centered(
            area,
            area.width.saturating_sub(6).min(100),
            area.height.saturating_sub(4).min(24),
        );
        let title = match self.progress() {
            Some(p) => format!(
                "Search: {} result(s) so far, {p}% searched, Enter jumps, Esc closes",
                self.matches.len()
            ),
            None => format!(
                "Search: {} result(s), Enter jumps, Esc closes",
                self.matches.len()
            ),
        };
        let inner = super::frame(r, buf, &title, theme);
        if inner.height < 2 {
            return;
        }
        super::styled_input(&self.query, theme, true).render(Rect { height: 1, ..inner }, buf);
        let list = Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        };
        let height = list.height as usize;
        let offset = super::window(self.cursor, self.matches.len(), height);
        let q = self.query_text();
        let q = q.trim();
        let lines: Vec<Line> = self.matches[offset..(offset + height).min(self.matches.len())]
            .iter()
            .enumerate()
            .map(|(n, &i)| {
                let e = self.entry(i);
                let base = if offset + n == self.cursor {
                    theme.selected
                } else {
                    theme.text
                };
                let idx = if q.is_empty() {
                    Vec::new()
                } else {
                    MATCHER.with(|m| {
                        m.fuzzy_indices(&e.label, q)
                            .map(|(_, v)| v)
                            .unwrap_or_default()
                    })
                };
                let mut line = super::highlighted(&e.label, &idx, base, base.patch(theme.matched));
                line.spans.insert(
                    0,
                    Span::styled(format!("{:<9}", e.hit.kind()), base.patch(theme.muted)),
                );
                line
            })
            .collect();
        if lines.is_empty() {
            Paragraph::new(Span::styled("nothing matches", theme.muted)).render(list, buf);
        } else {
            Paragraph::new(lines).render(list, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` actions whose labels all hold "tra" somewhere, as a big plan's do.
    fn view(n: usize) -> SearchView {
        let fixed: Vec<Entry> = (0..n)
            .map(|i| {
                Entry::new(
                    Hit::Action(format!("X-{i}")),
                    label(&format!("X-{i}"), &format!("Train and report on item {i}")),
                )
            })
            .collect();
        SearchView::new(Arc::new(fixed), Vec::new())
    }

    /// Every entry scored at once, ranked: what the slices must add up to.
    fn all_at_once(s: &SearchView, query: &str) -> Vec<usize> {
        let (n, fixed) = (s.len(), &s.fixed);
        let key = |i: usize| fixed[i].key.as_str();
        let pool: Vec<usize> = (0..n).collect();
        let mut scored = score(&pool, query, &key);
        scored.sort_unstable_by(rank);
        scored.into_iter().map(|(_, i)| i).collect()
    }

    #[test]
    fn a_long_list_is_scored_a_slice_per_keystroke_and_adds_up_to_the_whole() {
        let mut s = view(3 * SLICE);
        s.paste("tr");
        assert!(s.busy(), "one slice of three is scored");
        assert_eq!(s.progress(), Some(33));
        assert_eq!(s.matches.len(), SLICE, "the frame shows what is ready");
        s.work();
        assert_eq!(s.progress(), Some(66));
        s.work();
        assert!(!s.busy());
        assert_eq!(s.matches, all_at_once(&s, "tr"));
    }

    #[test]
    fn narrowing_while_scoring_keeps_what_was_not_reached() {
        let mut s = view(3 * SLICE);
        s.paste("it");
        s.paste("em 2");
        s.finish();
        assert_eq!(s.matches, all_at_once(&s, "item 2"));
        assert!(s.chosen().is_some());
        // A query that is not an extension starts from the whole list again.
        s.query = TextArea::default();
        s.paste("x-9");
        s.finish();
        assert_eq!(s.matches, all_at_once(&s, "x-9"));
        // Emptied: everything, in list order, nothing left to score.
        s.query = TextArea::default();
        s.refresh();
        assert!(!s.busy());
        assert_eq!(s.matches.len(), 3 * SLICE);
    }

    #[test]
    fn ranked_lists_merge_best_first_ties_in_list_order() {
        let a = vec![(9, 4), (5, 1), (5, 7)];
        let b = vec![(9, 2), (5, 3), (1, 0)];
        assert_eq!(
            merge(a, b),
            vec![(9, 2), (9, 4), (5, 1), (5, 3), (5, 7), (1, 0)]
        );
    }
}

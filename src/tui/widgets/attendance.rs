//! Attendance as intergovernmental bodies take it: every delegation of the minutes and of
//! the roster, present, absent or apologies, with its delegates and their roles; observers
//! listed but never counted; the quorum counted by the meeting's rule. The list filters as
//! you type (the owner-matching rule first, then fuzzy), and a delegate is added to the
//! highlighted delegation without leaving it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::model::attendance::entitled_under;
use crate::model::roster::Roster;
use crate::model::{Attendance, Minutes, Plan, Presence, Quorum, Role};
use crate::text::inert_line;
use crate::theme::Theme;
use crate::tui::fuzzy::MATCHER;
use fuzzy_matcher::FuzzyMatcher;

/// A row of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttendanceRow {
    /// An entry of the minutes' attendance, by index.
    Recorded(usize),
    /// A delegation of the roster with no entry yet (absent until marked), by roster id.
    State(String),
}

/// A delegate being added to the highlighted delegation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewDelegate {
    /// The name typed so far.
    pub name: String,
    /// The role chosen (Tab cycles), if any.
    pub role: Option<Role>,
}

impl NewDelegate {
    /// The next role in the cycle: none, then each role in order of precedence.
    pub fn next_role(&mut self) {
        self.role = match self.role {
            None => Some(Role::ALL[0]),
            Some(r) => Role::ALL
                .iter()
                .position(|x| *x == r)
                .and_then(|i| Role::ALL.get(i + 1))
                .copied(),
        };
    }
}

/// The list's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceList {
    /// Every delegation: recorded entries, then the roster's delegations with none.
    pub all: Vec<AttendanceRow>,
    /// The rows shown: all of them, or those the query names, best first.
    pub rows: Vec<AttendanceRow>,
    /// Highlighted row (of `rows`).
    pub cursor: usize,
    /// The filter typed.
    pub query: String,
    /// A delegate being added, when one is.
    pub adding: Option<NewDelegate>,
}

/// The name a delegation is shown by: the roster's, else what the minutes say.
pub(super) fn who<'a>(plan: &'a Plan, represents: &'a str) -> &'a str {
    plan.partner(represents)
        .map_or(represents, |p| p.name.as_str())
}

/// The delegations a filter names, as indices into `candidates` (each a delegation's id
/// and its delegates' names), best first: those the owner-matching rule names strongly
/// (in its order), a free-text delegation the query names, then fuzzy matches on the
/// delegation's name, id and delegates' names. The attendance window and the vote sheet
/// filter by it.
pub(super) fn rank_delegations(
    q: &str,
    candidates: &[(&str, String)],
    plan: &Plan,
    roster: &Roster,
) -> Vec<usize> {
    let strong: Vec<&str> = roster
        .strong(q)
        .into_iter()
        .filter_map(|i| roster.entries().get(i).map(|e| e.id.as_str()))
        .collect();
    let mut ranked: Vec<(usize, i64, usize)> = Vec::new();
    for (n, (id, delegates)) in candidates.iter().enumerate() {
        if let Some(rank) = strong.iter().position(|s| s == id) {
            ranked.push((0, rank as i64, n));
            continue;
        }
        if Roster::names_free_text(q, id) {
            ranked.push((0, strong.len() as i64, n));
            continue;
        }
        let text = format!("{} {id} {delegates}", who(plan, id));
        if let Some(score) = MATCHER.with(|m| m.fuzzy_match(&text, q)) {
            ranked.push((1, -score, n));
        }
    }
    ranked.sort();
    ranked.into_iter().map(|(_, _, n)| n).collect()
}

impl AttendanceList {
    /// Rows for the minutes and roster as they are now.
    pub fn new(minutes: &Minutes, plan: &Plan) -> AttendanceList {
        let mut all: Vec<AttendanceRow> = (0..minutes.attendance.len())
            .map(AttendanceRow::Recorded)
            .collect();
        let recorded: std::collections::HashSet<&str> = minutes
            .attendance
            .iter()
            .map(|a| a.represents.as_str())
            .collect();
        for p in &plan.partners {
            if !recorded.contains(p.id.as_str()) {
                all.push(AttendanceRow::State(p.id.clone()));
            }
        }
        AttendanceList {
            rows: all.clone(),
            all,
            cursor: 0,
            query: String::new(),
            adding: None,
        }
    }

    /// The delegation a row stands for.
    pub fn represents<'a>(&'a self, minutes: &'a Minutes, row: &'a AttendanceRow) -> &'a str {
        match row {
            AttendanceRow::Recorded(i) => minutes
                .attendance
                .get(*i)
                .map_or("", |a| a.represents.as_str()),
            AttendanceRow::State(id) => id,
        }
    }

    /// The highlighted row.
    pub fn highlighted(&self) -> Option<&AttendanceRow> {
        self.rows.get(self.cursor)
    }

    /// Moves the highlight.
    pub fn step(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        self.cursor =
            (self.cursor as isize + delta).clamp(0, self.rows.len() as isize - 1) as usize;
    }

    /// A row now stands for a recorded entry (a roster delegation was just marked).
    pub fn recorded(&mut self, row: &AttendanceRow, index: usize) {
        for r in self.all.iter_mut().chain(self.rows.iter_mut()) {
            if r == row {
                *r = AttendanceRow::Recorded(index);
            }
        }
    }

    /// Types into the filter (or, while adding, the delegate's name).
    pub fn type_char(&mut self, c: char, minutes: &Minutes, plan: &Plan, roster: &Roster) {
        match &mut self.adding {
            Some(d) => d.name.push(c),
            None => {
                self.query.push(c);
                self.refilter(minutes, plan, roster);
            }
        }
    }

    /// Pasted text, on one line.
    pub fn paste(&mut self, s: &str, minutes: &Minutes, plan: &Plan, roster: &Roster) {
        for c in s.chars() {
            let c = if c.is_control() { ' ' } else { c };
            self.type_char(c, minutes, plan, roster);
        }
    }

    /// Deletes the last character typed.
    pub fn backspace(&mut self, minutes: &Minutes, plan: &Plan, roster: &Roster) {
        match &mut self.adding {
            Some(d) => {
                d.name.pop();
            }
            None => {
                self.query.pop();
                self.refilter(minutes, plan, roster);
            }
        }
    }

    /// Clears the filter; true when there was one.
    pub fn clear_query(&mut self, minutes: &Minutes, plan: &Plan, roster: &Roster) -> bool {
        if self.query.is_empty() {
            return false;
        }
        self.query.clear();
        self.refilter(minutes, plan, roster);
        true
    }

    /// Shows the rows the query names: delegations the owner-matching rule names strongly
    /// (best first), then fuzzy matches on the delegation's name, id or a delegate's name.
    pub fn refilter(&mut self, minutes: &Minutes, plan: &Plan, roster: &Roster) {
        let q = self.query.trim();
        if q.is_empty() {
            self.rows = self.all.clone();
            self.cursor = 0;
            return;
        }
        let candidates: Vec<(&str, String)> = self
            .all
            .iter()
            .map(|row| {
                let delegates = match row {
                    AttendanceRow::Recorded(i) => minutes.attendance[*i]
                        .delegates
                        .iter()
                        .map(|d| d.name.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    AttendanceRow::State(_) => String::new(),
                };
                (self.represents(minutes, row), delegates)
            })
            .collect();
        self.rows = rank_delegations(q, &candidates, plan, roster)
            .into_iter()
            .map(|n| self.all[n].clone())
            .collect();
        self.cursor = 0;
    }

    /// Draws the list with the quorum by the rule in its title.
    pub fn render(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        minutes: &Minutes,
        plan: &Plan,
        quorum: Quorum,
    ) {
        let r = super::centered(
            area,
            area.width.saturating_sub(6).min(100),
            area.height.saturating_sub(4),
        );
        let counted_kinds = crate::model::attendance::quorum_kinds(&minutes.meeting, plan);
        let kinds = counted_kinds
            .as_ref()
            .map(|k| k.join(", "))
            .unwrap_or_else(|| "every delegation".to_string());
        let count = match quorum.needed {
            Some(q) if quorum.met => format!("quorum {}/{q} ✓", quorum.counted),
            Some(q) => format!("no quorum ({}/{q})", quorum.counted),
            None => format!("{} counted", quorum.counted),
        };
        let title = format!("Attendance · {count} · counted: {kinds}");
        let inner = super::frame(r, buf, &title, theme);
        if inner.height < 3 {
            return;
        }
        // The filter (or the delegate being added) on the first line, the keys on the last.
        let top = match (&self.adding, self.highlighted()) {
            (Some(d), Some(row)) => {
                let role = d.role.map_or("no role".to_string(), |r| r.to_string());
                Line::from(vec![
                    Span::styled(
                        format!(
                            "New delegate of {}: ",
                            inert_line(who(plan, self.represents(minutes, row)))
                        ),
                        theme.key,
                    ),
                    Span::styled(format!("{}▏", inert_line(&d.name)), theme.text),
                    Span::styled(format!("  role: {role} (Tab changes)"), theme.muted),
                ])
            }
            _ if self.query.is_empty() => Line::from(Span::styled(
                "type to filter by delegation or delegate",
                theme.muted,
            )),
            _ => Line::from(vec![
                Span::styled("Filter: ", theme.key),
                Span::styled(format!("{}▏", inert_line(&self.query)), theme.text),
                Span::styled(format!("  {} shown", self.rows.len()), theme.muted),
            ]),
        };
        buf.set_line(inner.x, inner.y, &top, inner.width);
        let keys = if self.adding.is_some() {
            "Enter adds · Tab role · Esc cancels"
        } else if inner.width >= 82 {
            "Space/Enter present↔absent · Tab cycles apologies · Ctrl-n adds a delegate · Esc"
        } else {
            "Space/Enter present↔absent · Tab apologies · Ctrl-n add delegate · Esc"
        };
        buf.set_line(
            inner.x,
            inner.y + inner.height - 1,
            &Line::from(Span::styled(keys, theme.muted)),
            inner.width,
        );
        let list = Rect {
            y: inner.y + 1,
            height: inner.height - 2,
            ..inner
        };
        let height = list.height as usize;
        let width = list.width as usize;
        let absent = Attendance::default();
        // A row: its delegation's line, with the tag and the delegates after the name when
        // they fit; else, when it wraps, on lines of their own below it, and when it does
        // not, cut with `…`.
        let row_lines = |n: usize, wrap: bool| -> Vec<Line<'static>> {
            let row = &self.rows[n];
            let state;
            let a = match row {
                AttendanceRow::Recorded(i) => minutes.attendance.get(*i).unwrap_or(&absent),
                AttendanceRow::State(id) => {
                    state = Attendance::new(id.clone(), Presence::Absent);
                    &state
                }
            };
            let base = if n == self.cursor {
                theme.selected
            } else {
                theme.text
            };
            let mark = match a.status {
                Presence::Present => "[x] present   ",
                Presence::Absent => "[ ] absent    ",
                Presence::Apologies => "[-] apologies ",
            };
            let mark_style = if a.present() {
                base.patch(theme.done)
            } else {
                base.patch(theme.muted)
            };
            let tag = if a.is_observer(Some(plan)) {
                "observer, not counted"
            } else if !entitled_under(counted_kinds.as_deref(), plan, a) {
                "not counted"
            } else {
                ""
            };
            let muted = base.patch(theme.muted);
            let mut first = Line::from(vec![
                Span::styled(mark, mark_style),
                Span::styled(inert_line(who(plan, &a.represents)).into_owned(), base),
            ]);
            // What follows the name, in order: the tag, then each delegate, each with the
            // separator before it on a shared line.
            let mut pieces: Vec<(&str, String)> = Vec::new();
            if !tag.is_empty() {
                pieces.push(("  ", tag.to_string()));
            }
            let n_delegates = a.delegates.len();
            for (k, d) in a.delegates.iter().enumerate() {
                let name = match d.role {
                    Some(r) => format!("{} ({r})", inert_line(&d.name)),
                    None => inert_line(&d.name).into_owned(),
                };
                let end = if k + 1 < n_delegates { ";" } else { "" };
                if k == 0 {
                    pieces.push(("  ", format!("· {name}{end}")));
                } else {
                    pieces.push((" ", format!("{name}{end}")));
                }
            }
            let whole: String = pieces.iter().map(|(sep, p)| format!("{sep}{p}")).collect();
            let w = |s: &str| Line::raw(s).width();
            if first.width() + w(&whole) <= width {
                if !whole.is_empty() {
                    first.push_span(Span::styled(whole, muted));
                }
                return vec![first];
            }
            if !wrap {
                let left = width.saturating_sub(first.width());
                if left > 0 {
                    first.push_span(Span::styled(crate::text::fit(&whole, left), muted));
                }
                return vec![first];
            }
            // Broken between pieces; within one only when it is wider than a line.
            let indent = " ".repeat(mark.len());
            let mut out = vec![first];
            let mut line = indent.clone();
            for (sep, piece) in &pieces {
                let fresh = line.len() == indent.len();
                if !fresh && w(&line) + w(sep) + w(piece) > width {
                    out.push(Line::from(Span::styled(std::mem::take(&mut line), muted)));
                    line = indent.clone();
                }
                if line.len() > indent.len() {
                    line.push_str(sep);
                }
                for (j, word) in piece.split(' ').enumerate() {
                    if j > 0 && w(&line) + 1 + w(word) > width && line.len() > indent.len() {
                        out.push(Line::from(Span::styled(std::mem::take(&mut line), muted)));
                        line = indent.clone();
                    } else if j > 0 {
                        line.push(' ');
                    }
                    line.push_str(word);
                }
            }
            out.push(Line::from(Span::styled(line, muted)));
            out
        };
        // As in the main list: every row wraps when all of them then fit, else only the
        // highlighted one (the others are cut with `…`, and shown whole when highlighted).
        let wrap_all = self.rows.len() <= height
            && (0..self.rows.len())
                .map(|n| row_lines(n, true).len())
                .sum::<usize>()
                <= height;
        let lines_of = |n: usize| row_lines(n, wrap_all || n == self.cursor);
        // The window starts where one line a row would put it, moved down until the
        // highlighted row's lines are all in view.
        let mut offset = super::window(self.cursor, self.rows.len(), height);
        while offset < self.cursor
            && (offset..=self.cursor)
                .map(|n| lines_of(n).len())
                .sum::<usize>()
                > height
        {
            offset += 1;
        }
        let mut lines: Vec<Line> = Vec::new();
        for n in offset..self.rows.len() {
            if lines.len() >= height {
                break;
            }
            lines.extend(lines_of(n));
        }
        lines.truncate(height);
        if lines.is_empty() {
            Paragraph::new(Span::styled("no delegation matches", theme.muted)).render(list, buf);
        } else {
            Paragraph::new(lines).render(list, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_role_cycle_goes_through_every_role_and_back_to_none() {
        let mut d = NewDelegate::default();
        let mut seen = Vec::new();
        for _ in 0..5 {
            d.next_role();
            seen.push(d.role);
        }
        assert_eq!(
            seen,
            [
                Some(Role::HeadOfDelegation),
                Some(Role::Delegate),
                Some(Role::Adviser),
                Some(Role::Observer),
                None
            ]
        );
    }
}

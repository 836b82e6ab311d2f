//! The owner picker over roster ids, names, short names and aliases. The rows follow the
//! one owner-matching rule (`model::roster`): strong matches first, then the typed text as
//! a free-text owner, then weak fuzzy matches, which Enter never takes unless highlighted.
//! Space (or Tab while typing) toggles; Enter confirms.

use fuzzy_matcher::FuzzyMatcher;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use ratatui_textarea::TextArea;

use crate::model::Plan;
use crate::model::roster::Roster;
use crate::theme::Theme;
use crate::tui::fuzzy::MATCHER;
use crate::tui::target::Target;

/// One roster entry as the picker searches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Roster id.
    pub id: String,
    /// `id · name · short · aliases`, inert, the text matched and shown.
    pub label: String,
}

/// The roster as the picker searches it: shown labels and the prepared matching rule,
/// built once at load.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// One per roster entry, in roster order.
    pub list: Vec<Candidate>,
    /// The owner-matching rule's prepared roster.
    pub roster: Roster,
}

impl std::ops::Deref for Candidates {
    type Target = [Candidate];
    fn deref(&self) -> &[Candidate] {
        &self.list
    }
}

/// The roster as candidates, built once at load.
pub fn candidates(plan: &Plan) -> Candidates {
    Candidates {
        list: labels(plan),
        roster: Roster::new(&plan.partners),
    }
}

fn labels(plan: &Plan) -> Vec<Candidate> {
    plan.partners
        .iter()
        .map(|p| {
            let mut parts = vec![p.id.as_str(), p.name.as_str()];
            if let Some(s) = p.short.as_deref().filter(|s| *s != p.id && *s != p.name) {
                parts.push(s);
            }
            parts.extend(p.aliases.iter().map(String::as_str));
            Candidate {
                id: p.id.clone(),
                label: crate::text::inert_line(&parts.join(" · ")).into_owned(),
            }
        })
        .collect()
}

/// One row of the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickRow {
    /// A roster entry (index), with the matched character positions of its label.
    Partner(usize, Vec<usize>),
    /// The typed text as a free-text owner.
    FreeText,
}

/// The picker's state.
#[derive(Debug, Clone)]
pub struct OwnerPicker {
    /// Whose owners.
    pub target: Target,
    /// Part of the `d` sequence: the due date follows.
    pub chain: bool,
    /// What is typed.
    pub query: TextArea<'static>,
    /// Owners chosen so far: roster ids or free text.
    pub chosen: Vec<String>,
    /// The rows: strong matches, the free-text row, weak matches.
    pub matches: Vec<PickRow>,
    /// Highlighted row.
    pub cursor: usize,
    last_query: String,
}

impl OwnerPicker {
    /// A picker starting from the current owners.
    pub fn new(target: Target, chain: bool, current: &[String], all: &Candidates) -> OwnerPicker {
        let mut p = OwnerPicker {
            target,
            chain,
            query: TextArea::default(),
            chosen: current.to_vec(),
            matches: Vec::new(),
            cursor: 0,
            last_query: String::from("\u{0}"),
        };
        p.query.set_cursor_line_style(ratatui::style::Style::new());
        p.refresh(all);
        p
    }

    /// The typed text.
    pub fn query_text(&self) -> String {
        self.query.lines().join(" ")
    }

    /// Rebuilds the rows after the query changed: strong matches (best first), then the
    /// typed text as a free-text owner, then weak fuzzy matches.
    pub fn refresh(&mut self, all: &Candidates) {
        let q = self.query_text();
        if q == self.last_query {
            return;
        }
        let q_trim = q.trim();
        if q_trim.is_empty() {
            self.matches = (0..all.len())
                .map(|i| PickRow::Partner(i, Vec::new()))
                .collect();
        } else {
            let strong = all.roster.strong(q_trim);
            let indices = |i: usize| {
                MATCHER.with(|m| m.fuzzy_indices(&all[i].label, q_trim).map(|(_, idx)| idx))
            };
            let mut rows: Vec<PickRow> = strong
                .iter()
                .map(|&i| PickRow::Partner(i, indices(i).unwrap_or_default()))
                .collect();
            rows.push(PickRow::FreeText);
            let mut weak: Vec<(i64, usize, Vec<usize>)> = MATCHER.with(|m| {
                (0..all.len())
                    .filter(|i| !strong.contains(i))
                    .filter_map(|i| {
                        m.fuzzy_indices(&all[i].label, q_trim)
                            .map(|(s, idx)| (s, i, idx))
                    })
                    .collect()
            });
            weak.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            rows.extend(weak.into_iter().map(|(_, i, idx)| PickRow::Partner(i, idx)));
            self.matches = rows;
        }
        self.last_query = q;
        self.cursor = 0;
    }

    /// Rows: the matches and, when something is typed, the free-text row among them.
    pub fn rows(&self) -> usize {
        self.matches.len()
    }

    /// A key for the query field.
    pub fn key(&mut self, key: KeyEvent, all: &Candidates) {
        self.query.input(key);
        self.refresh(all);
    }

    /// Pasted text goes into the query.
    pub fn paste(&mut self, s: &str, all: &Candidates) {
        self.query.insert_str(s.replace(['\n', '\r'], " "));
        self.refresh(all);
    }

    /// Moves the highlight.
    pub fn step(&mut self, delta: isize) {
        let n = self.rows();
        if n == 0 {
            return;
        }
        self.cursor = (self.cursor as isize + delta).clamp(0, n as isize - 1) as usize;
    }

    /// The owner the highlight stands on: a roster id, or the typed free text.
    fn highlighted(&self, all: &[Candidate]) -> Option<String> {
        match self.matches.get(self.cursor)? {
            PickRow::Partner(i, _) => Some(all[*i].id.clone()),
            PickRow::FreeText => {
                let q = self.query_text().trim().to_string();
                (!q.is_empty()).then_some(q)
            }
        }
    }

    /// Space: toggles the highlighted owner when nothing is typed, else types a space.
    pub fn space(&mut self, all: &Candidates) {
        if self.query_text().is_empty() {
            self.toggle(all);
        } else {
            self.query.insert_char(' ');
            self.refresh(all);
        }
    }

    /// Toggles the highlighted owner and clears the query for the next name.
    pub fn toggle(&mut self, all: &Candidates) {
        if let Some(o) = self.highlighted(all) {
            match self.chosen.iter().position(|c| *c == o) {
                Some(i) => {
                    self.chosen.remove(i);
                }
                None => self.chosen.push(o),
            }
        }
        if !self.query_text().is_empty() {
            self.query = TextArea::default();
            self.query
                .set_cursor_line_style(ratatui::style::Style::new());
            self.refresh(all);
        }
    }

    /// The owners to record on Enter: the chosen ones, plus what is typed (the highlighted
    /// match, or the text itself when nothing matches).
    pub fn confirm(&self, all: &[Candidate]) -> Vec<String> {
        let mut out = self.chosen.clone();
        if !self.query_text().trim().is_empty()
            && let Some(o) = self.highlighted(all)
            && !out.contains(&o)
        {
            out.push(o);
        }
        out
    }

    /// Draws the picker.
    pub fn render(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        all: &[Candidate],
        plan: &Plan,
        about: &str,
    ) {
        let r = super::centered(
            area,
            area.width.saturating_sub(6).min(90),
            area.height.saturating_sub(4).min(22),
        );
        let title = format!("Owners of {about}: type, Space/Tab toggle, Enter confirm");
        let inner = super::frame(r, buf, &title, theme);
        if inner.height < 3 {
            return;
        }
        super::styled_input(&self.query, theme, true).render(Rect { height: 1, ..inner }, buf);
        let chosen: Vec<Span> = if self.chosen.is_empty() {
            vec![Span::styled("no owner chosen", theme.muted)]
        } else {
            self.chosen
                .iter()
                .flat_map(|o| {
                    let (label, style) = match plan.partner(o) {
                        Some(p) => (p.label().to_string(), theme.changed),
                        None => (format!("{o} (free text)"), theme.free_text),
                    };
                    [
                        Span::styled(crate::text::inert_line(&label).into_owned(), style),
                        Span::raw("  "),
                    ]
                })
                .collect()
        };
        let mut head = vec![Span::styled("Chosen: ", theme.muted)];
        head.extend(chosen);
        Paragraph::new(Line::from(head)).render(
            Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            },
            buf,
        );
        let list = Rect {
            y: inner.y + 2,
            height: inner.height - 2,
            ..inner
        };
        let height = list.height as usize;
        let offset = super::window(self.cursor, self.rows(), height);
        let q = self.query_text();
        let mut lines = Vec::with_capacity(height);
        for row in offset..(offset + height).min(self.rows()) {
            let selected = row == self.cursor;
            let line = match &self.matches[row] {
                PickRow::Partner(i, idx) => {
                    let c = &all[*i];
                    let mark = if self.chosen.contains(&c.id) {
                        "[x] "
                    } else {
                        "[ ] "
                    };
                    let base = if selected { theme.selected } else { theme.text };
                    let mut l = super::highlighted(&c.label, idx, base, base.patch(theme.matched));
                    l.spans.insert(0, Span::styled(mark, base));
                    l
                }
                PickRow::FreeText => Line::from(Span::styled(
                    format!(
                        "  + use {} as a free-text owner",
                        crate::text::quoted(q.trim())
                    ),
                    if selected {
                        theme.selected
                    } else {
                        theme.free_text
                    },
                )),
            };
            lines.push(line);
        }
        Paragraph::new(lines).render(list, buf);
    }
}

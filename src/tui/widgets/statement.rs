//! A statement for the record (`r`): the delegation that asked for it, picked by the
//! owner-matching rule (strong matches first, then weak fuzzy matches that Enter takes
//! only when highlighted on purpose; a statement's `by` must be a roster id, so there is
//! no free-text row), then its kind. Its words follow in a text field.

use fuzzy_matcher::FuzzyMatcher;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::owners::Candidates;
use crate::model::StatementKind;
use crate::text::inert_line;
use crate::theme::Theme;
use crate::tui::fuzzy::MATCHER;
use crate::tui::target::StatementOn;

/// A row of the delegation list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerRow {
    /// Index in the roster candidates.
    pub index: usize,
    /// Named strongly by what is typed (or nothing is typed).
    pub strong: bool,
    /// Matched character positions of the label.
    pub matched: Vec<usize>,
}

/// Which step the form is at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Picking the delegation.
    Speaker,
    /// Picking the kind, the delegation chosen (roster id).
    Kind {
        /// The delegation.
        by: String,
        /// Highlighted kind (index in [`StatementKind::ALL`]).
        cursor: usize,
    },
}

/// The form's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementForm {
    /// Where the statement goes.
    pub on: StatementOn,
    /// That place named (`3-1 “Agreed to…”`, `item 3 “Glacier melt…”`).
    pub about: String,
    /// The step.
    pub stage: Stage,
    /// What is typed to find the delegation.
    pub query: String,
    /// The delegation rows.
    pub rows: Vec<SpeakerRow>,
    /// Highlighted row.
    pub cursor: usize,
    /// Why the last Enter was refused.
    pub error: Option<String>,
}

impl StatementForm {
    /// A form for a statement on `on`.
    pub fn new(on: StatementOn, about: String, all: &Candidates) -> StatementForm {
        let mut f = StatementForm {
            on,
            about,
            stage: Stage::Speaker,
            query: String::new(),
            rows: Vec::new(),
            cursor: 0,
            error: None,
        };
        f.refresh(all);
        f
    }

    /// Rebuilds the rows: every roster entry when nothing is typed; else the strong
    /// matches (best first), then weak fuzzy ones.
    pub fn refresh(&mut self, all: &Candidates) {
        self.error = None;
        self.cursor = 0;
        let q = self.query.trim();
        if q.is_empty() {
            self.rows = (0..all.len())
                .map(|index| SpeakerRow {
                    index,
                    strong: true,
                    matched: Vec::new(),
                })
                .collect();
            return;
        }
        let strong = all.roster.strong(q);
        let indices =
            |i: usize| MATCHER.with(|m| m.fuzzy_indices(&all[i].label, q).map(|(_, idx)| idx));
        let mut rows: Vec<SpeakerRow> = strong
            .iter()
            .map(|&index| SpeakerRow {
                index,
                strong: true,
                matched: indices(index).unwrap_or_default(),
            })
            .collect();
        let mut weak: Vec<(i64, usize, Vec<usize>)> = MATCHER.with(|m| {
            (0..all.len())
                .filter(|i| !strong.contains(i))
                .filter_map(|i| {
                    m.fuzzy_indices(&all[i].label, q)
                        .map(|(s, idx)| (s, i, idx))
                })
                .collect()
        });
        weak.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        rows.extend(weak.into_iter().map(|(_, index, matched)| SpeakerRow {
            index,
            strong: false,
            matched,
        }));
        self.rows = rows;
    }

    /// Types into the query.
    pub fn type_char(&mut self, c: char, all: &Candidates) {
        self.query.push(c);
        self.refresh(all);
    }

    /// Deletes the last character typed.
    pub fn backspace(&mut self, all: &Candidates) {
        self.query.pop();
        self.refresh(all);
    }

    /// Moves the highlight (delegations, or kinds).
    pub fn step(&mut self, delta: isize) {
        match &mut self.stage {
            Stage::Speaker => {
                if !self.rows.is_empty() {
                    self.cursor = (self.cursor as isize + delta)
                        .clamp(0, self.rows.len() as isize - 1)
                        as usize;
                }
            }
            Stage::Kind { cursor, .. } => {
                let n = StatementKind::ALL.len() as isize;
                *cursor = (*cursor as isize + delta).rem_euclid(n) as usize;
            }
        }
    }

    /// Enter on the delegation list: the highlighted delegation, when it is named strongly
    /// or was highlighted on purpose (a weak match reached with ↓); else why not.
    pub fn chosen_speaker(&self, all: &Candidates) -> Result<String, String> {
        let Some(row) = self.rows.get(self.cursor) else {
            return Err(format!(
                "{} names no delegation of the roster",
                crate::text::quoted(self.query.trim())
            ));
        };
        if !row.strong && self.cursor == 0 {
            return Err(format!(
                "{} names no delegation strongly: type more, or ↓ to pick a weak match",
                crate::text::quoted(self.query.trim())
            ));
        }
        Ok(all[row.index].id.clone())
    }

    /// Draws the form.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, all: &Candidates) {
        let r = super::centered(
            area,
            area.width.saturating_sub(6).min(90),
            area.height.saturating_sub(4).min(22),
        );
        match &self.stage {
            Stage::Speaker => {
                let title = format!("Statement on {}: which delegation?", self.about);
                let inner = super::frame(r, buf, &title, theme);
                if inner.height < 3 {
                    return;
                }
                let top = Line::from(vec![
                    Span::styled("Delegation: ", theme.key),
                    Span::styled(format!("{}▏", inert_line(&self.query)), theme.text),
                ]);
                buf.set_line(inner.x, inner.y, &top, inner.width);
                let bottom = match &self.error {
                    Some(e) => Line::from(Span::styled(inert_line(e).into_owned(), theme.error)),
                    None => Line::from(Span::styled(
                        "type a name, id or short name · Enter takes it · Esc cancels",
                        theme.muted,
                    )),
                };
                buf.set_line(inner.x, inner.y + inner.height - 1, &bottom, inner.width);
                let list = Rect {
                    y: inner.y + 1,
                    height: inner.height - 2,
                    ..inner
                };
                let height = list.height as usize;
                let offset = super::window(self.cursor, self.rows.len(), height);
                let lines: Vec<Line> = self.rows[offset..(offset + height).min(self.rows.len())]
                    .iter()
                    .enumerate()
                    .map(|(n, row)| {
                        let base = if offset + n == self.cursor {
                            theme.selected
                        } else if row.strong {
                            theme.text
                        } else {
                            theme.muted
                        };
                        super::highlighted(
                            &all[row.index].label,
                            &row.matched,
                            base,
                            base.patch(theme.matched),
                        )
                    })
                    .collect();
                Paragraph::new(lines).render(list, buf);
            }
            Stage::Kind { by, cursor } => {
                let name = all
                    .iter()
                    .find(|c| c.id == *by)
                    .map_or(by.as_str(), |c| c.label.as_str());
                let title = format!("Statement by {} on {}", inert_line(name), self.about);
                let width =
                    (title.chars().count() as u16 + 4).clamp(40, area.width.saturating_sub(4));
                let r = super::centered(area, width, StatementKind::ALL.len() as u16 + 3);
                let inner = super::frame(r, buf, &title, theme);
                let mut lines: Vec<Line> = StatementKind::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, k)| {
                        let style = if i == *cursor {
                            theme.selected
                        } else {
                            theme.text
                        };
                        Line::from(vec![
                            Span::styled(format!("{} ", i + 1), theme.muted),
                            Span::styled(k.as_str(), style),
                        ])
                    })
                    .collect();
                lines.push(Line::from(Span::styled(
                    "1-4 or Enter chooses, then its words · Esc cancels",
                    theme.muted,
                )));
                Paragraph::new(lines).render(inner, buf);
            }
        }
    }
}

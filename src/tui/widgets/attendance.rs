//! Attendance: the agenda's attendees and every member and associate member state of the
//! roster, toggled present or absent, with the quorum count live.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::model::{Minutes, Plan, Presence, Quorum};
use crate::theme::Theme;

/// A row of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttendanceRow {
    /// An entry of the minutes' attendance, by index.
    Recorded(usize),
    /// A state of the roster with no entry yet (absent until toggled), by roster id.
    State(String),
}

/// The list's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceList {
    /// Rows in order: recorded entries, then the other states.
    pub rows: Vec<AttendanceRow>,
    /// Highlighted row.
    pub cursor: usize,
}

impl AttendanceList {
    /// Rows for the minutes and roster as they are now.
    pub fn new(minutes: &Minutes, plan: &Plan) -> AttendanceList {
        let mut rows: Vec<AttendanceRow> = (0..minutes.attendance.len())
            .map(AttendanceRow::Recorded)
            .collect();
        for p in plan.partners.iter().filter(|p| p.is_state()) {
            if !minutes.attendance.iter().any(|a| a.represents == p.id) {
                rows.push(AttendanceRow::State(p.id.clone()));
            }
        }
        AttendanceList { rows, cursor: 0 }
    }

    /// Moves the highlight.
    pub fn step(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        self.cursor =
            (self.cursor as isize + delta).clamp(0, self.rows.len() as isize - 1) as usize;
    }

    /// Draws the list with the quorum in its title.
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
            area.width.saturating_sub(6).min(90),
            area.height.saturating_sub(4),
        );
        let counted = quorum.counted;
        let quorum = match quorum.needed {
            Some(q) => format!(
                "{counted} counted, quorum {q}{}",
                if quorum.met { "" } else { ": NOT MET" }
            ),
            None => format!("{counted} counted"),
        };
        let title = format!("Attendance: {quorum} · Space toggles, Esc closes");
        let inner = super::frame(r, buf, &title, theme);
        let height = inner.height as usize;
        let offset = super::window(self.cursor, self.rows.len(), height);
        let lines: Vec<Line> = self.rows[offset..(offset + height).min(self.rows.len())]
            .iter()
            .enumerate()
            .map(|(n, row)| {
                let (represents, names, status) = match row {
                    AttendanceRow::Recorded(i) => {
                        let a = &minutes.attendance[*i];
                        let names: Vec<&str> =
                            a.delegates.iter().map(|d| d.name.as_str()).collect();
                        (a.represents.as_str(), names.join(", "), a.status)
                    }
                    AttendanceRow::State(id) => (id.as_str(), String::new(), Presence::Absent),
                };
                let present = status == Presence::Present;
                let name = names.as_str();
                let who = plan
                    .partner(represents)
                    .map_or(represents, |p| p.name.as_str());
                let base = if offset + n == self.cursor {
                    theme.selected
                } else {
                    theme.text
                };
                let mark = match status {
                    Presence::Present => "[x] present   ",
                    Presence::Absent => "[ ] absent    ",
                    Presence::Apologies => "[ ] apologies ",
                };
                let mut spans = vec![
                    Span::styled(
                        mark,
                        if present {
                            base.patch(theme.done)
                        } else {
                            base.patch(theme.muted)
                        },
                    ),
                    Span::styled(crate::text::inert_line(who).into_owned(), base),
                ];
                if !name.is_empty() {
                    spans.push(Span::styled(
                        format!("  {}", crate::text::inert_line(name)),
                        base.patch(theme.muted),
                    ));
                }
                Line::from(spans)
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}

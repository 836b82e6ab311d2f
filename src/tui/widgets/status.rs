//! The status picker: open, in-progress, blocked, done, dropped.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::model::Status;
use crate::theme::Theme;
use crate::tui::target::Target;

/// The picker's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusPicker {
    /// What gets the status.
    pub target: Target,
    /// Highlighted position in [`Status::ALL`].
    pub cursor: usize,
    /// The status in effect now.
    pub current: Status,
}

impl StatusPicker {
    /// A picker with the current status highlighted.
    pub fn new(target: Target, current: Status) -> StatusPicker {
        let cursor = Status::ALL.iter().position(|s| *s == current).unwrap_or(0);
        StatusPicker {
            target,
            cursor,
            current,
        }
    }

    /// Moves the highlight.
    pub fn step(&mut self, down: bool) {
        let n = Status::ALL.len();
        self.cursor = if down {
            (self.cursor + 1) % n
        } else {
            (self.cursor + n - 1) % n
        };
    }

    /// The highlighted status.
    pub fn chosen(&self) -> Status {
        Status::ALL[self.cursor]
    }

    /// Draws the picker.
    /// `about` names the record (`6.4-1 “Agreed to…”`).
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, about: &str) {
        let title = format!("Status · {about}");
        let width = (title.chars().count() as u16 + 4).clamp(34, area.width.saturating_sub(4));
        let r = super::centered(area, width, Status::ALL.len() as u16 + 2);
        let inner = super::frame(r, buf, &title, theme);
        let lines: Vec<Line> = Status::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mark = if *s == self.current { "• " } else { "  " };
                let style = if i == self.cursor {
                    theme.selected
                } else {
                    theme.status(*s)
                };
                Line::from(vec![
                    Span::styled(format!("{} {mark}", i + 1), theme.muted),
                    Span::styled(s.as_str(), style),
                ])
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}

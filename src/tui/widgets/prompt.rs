//! A one-line text field: decision text, due date, update note.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

use crate::model::StatementKind;
use crate::theme::Theme;
use crate::tui::target::{StatementOn, Target};

/// What the typed text is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// A new decision under the current item; owners and due date follow.
    NewDecision,
    /// New text for a decision.
    EditDecision(Target),
    /// A due date; `chain` when it follows a new decision.
    Due {
        /// What gets the date.
        target: Target,
        /// Part of the `d` sequence.
        chain: bool,
    },
    /// A note on an action, recorded as an update under the current item.
    UpdateNote(String),
    /// The end of the silence period of a decision taken ad referendum.
    Silence(Target),
    /// The words of a statement for the record.
    Statement {
        /// Where it goes.
        on: StatementOn,
        /// The delegation (roster id).
        by: String,
        /// Its kind.
        kind: StatementKind,
    },
}

/// The field's state.
#[derive(Debug, Clone)]
pub struct Prompt {
    /// What the text is for.
    pub kind: PromptKind,
    /// The text being typed.
    pub input: TextArea<'static>,
    /// Why the last Enter was refused.
    pub error: Option<String>,
    /// The stored text the field started from; `None` for recovered text, which is
    /// always a change.
    pub original: Option<String>,
    /// Text already warned about (a due date before the meeting): Enter again records it.
    pub warned: Option<String>,
    /// The record the field changes, named in its title (`6.4-1 “Agreed to…”`).
    pub about: Option<String>,
}

impl Prompt {
    /// A field with some starting text, cursor at the end.
    pub fn new(kind: PromptKind, initial: &str) -> Prompt {
        // The field holds the stored text exactly; only its drawing is made inert.
        let mut input = TextArea::default();
        input.insert_str(initial);
        input.set_cursor_line_style(ratatui::style::Style::new());
        Prompt {
            kind,
            input,
            error: None,
            original: Some(initial.to_string()),
            warned: None,
            about: None,
        }
    }

    /// The same field with its text selected, so typing replaces it (a due date: the
    /// stored date is shown, and the first key typed starts a new one; an arrow key keeps it
    /// to edit).
    pub fn selected(mut self) -> Prompt {
        if !self.text().is_empty() {
            self.input.select_all();
        }
        self
    }

    /// The same field, naming the record it changes in its title.
    pub fn about(mut self, about: String) -> Prompt {
        self.about = Some(about);
        self
    }

    /// The same field holding recovered text: confirming it records it.
    pub fn recovered(mut self) -> Prompt {
        self.original = None;
        self
    }

    /// True when the text differs from what the field started from.
    pub fn changed(&self) -> bool {
        self.original.as_deref() != Some(self.text().as_str())
    }

    /// The text typed, on one line.
    pub fn text(&self) -> String {
        self.input.lines().join("\n")
    }

    /// A key for the field (Enter and Esc never reach here).
    pub fn key(&mut self, key: KeyEvent) {
        self.input.input(key);
        self.error = None;
    }

    /// Pasted text; newlines become spaces on a one-line field.
    pub fn paste(&mut self, s: &str) {
        self.input
            .insert_str(s.replace("\r\n", " ").replace(['\n', '\r'], " "));
    }

    /// The field's title; date examples are drawn from the meeting's date.
    fn title(&self, meeting: NaiveDate) -> String {
        let ex = crate::model::dates::examples(meeting);
        let what = match &self.kind {
            PromptKind::NewDecision => "Decision: type it, Enter records it".to_string(),
            PromptKind::EditDecision(_) => "Edit decision".to_string(),
            PromptKind::Due { .. } if self.input.selection_range().is_some() => {
                format!("Due date: typing replaces it ({ex}, +2w, eom, fri)")
            }
            PromptKind::Due { .. } => format!("Due date ({ex}, +2w, eom, fri)"),
            PromptKind::UpdateNote(_) => "Note on".to_string(),
            PromptKind::Silence(_) => format!("Ad referendum: silence until ({ex}, +2w, eom)"),
            PromptKind::Statement { .. } => "Statement: its words, Enter records".to_string(),
        };
        match &self.about {
            Some(a) if matches!(self.kind, PromptKind::NewDecision) => {
                format!("{what} · under {a}")
            }
            Some(a) => format!("{what} · {a}"),
            None => what,
        }
    }

    /// Draws the field at the bottom of `area`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, meeting: NaiveDate) {
        let height = if self.error.is_some() { 4 } else { 3 };
        let width = area.width.saturating_sub(4).min(100);
        let r = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + area.height.saturating_sub(height + 2),
            width,
            height: height.min(area.height),
        };
        let inner = super::frame(r, buf, &self.title(meeting), theme);
        let text_area = Rect { height: 1, ..inner };
        super::styled_input(&self.input, theme, true).render(text_area, buf);
        if let Some(e) = &self.error {
            let err = Rect {
                y: inner.y + 1,
                height: inner.height.saturating_sub(1),
                ..inner
            };
            Paragraph::new(Line::from(Span::styled(e.clone(), theme.error)))
                .wrap(Wrap { trim: true })
                .render(err, buf);
        }
    }
}

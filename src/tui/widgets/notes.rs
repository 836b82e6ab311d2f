//! The multi-line editor for an item's record of discussion.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui_textarea::{TextArea, WrapMode};

use crate::theme::Theme;

/// The editor's state.
#[derive(Debug, Clone)]
pub struct NotesEditor {
    /// Index of the item in the minutes.
    pub item: usize,
    /// The text.
    pub input: TextArea<'static>,
    /// The text as last stored; `None` for recovered text, which is always a change.
    pub original: Option<String>,
}

impl NotesEditor {
    /// An editor on the item's current notes, cursor at the end.
    pub fn new(item: usize, notes: &str) -> NotesEditor {
        let mut input = TextArea::default();
        // The editor holds the stored text exactly; only its drawing is made inert.
        input.insert_str(notes);
        input.set_wrap_mode(WrapMode::WordOrGlyph);
        NotesEditor {
            item,
            input,
            original: Some(notes.to_string()),
        }
    }

    /// The same editor holding recovered text: closing it saves it.
    pub fn recovered(mut self) -> NotesEditor {
        self.original = None;
        self
    }

    /// True when the text differs from what was last stored.
    pub fn changed(&self) -> bool {
        self.original.as_deref() != Some(self.input.lines().join("\n").as_str())
    }

    /// Records that the current text is stored.
    pub fn mark_saved(&mut self) {
        self.original = Some(self.input.lines().join("\n"));
    }

    /// The text, lines joined by newlines, trailing blank lines dropped.
    pub fn text(&self) -> String {
        self.input.lines().join("\n").trim_end().to_string()
    }

    /// A key for the editor.
    pub fn key(&mut self, key: KeyEvent) {
        self.input.input(key);
    }

    /// Pasted text, newlines kept.
    pub fn paste(&mut self, s: &str) {
        self.input
            .insert_str(s.replace("\r\n", "\n").replace('\r', "\n"));
    }

    /// Draws the editor over most of `area`.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme, title: &str) {
        let r = super::centered(
            area,
            area.width.saturating_sub(6).min(110),
            area.height.saturating_sub(4),
        );
        let inner = super::frame(r, buf, title, theme);
        super::styled_input(&self.input, theme, false).render(inner, buf);
    }
}

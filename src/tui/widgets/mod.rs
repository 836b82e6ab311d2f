//! The popups of the live screen, one file each: state, keys and drawing.

pub mod attendance;
pub mod help;
pub mod notes;
pub mod owners;
pub mod prompt;
pub mod search;
pub mod status;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::theme::Theme;

/// A rectangle of `width` x `height` centred in `area`, clipped to it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Clears `area`, draws a focused border titled `title`, returns the inside.
pub fn frame(area: Rect, buf: &mut Buffer, title: &str, theme: &Theme) -> Rect {
    Clear.render(area, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .style(theme.text)
        .title(Span::styled(format!(" {title} "), theme.title));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

/// A line of text with the characters at `indices` (char positions) highlighted.
pub fn highlighted<'a>(
    text: &str,
    indices: &[usize],
    base: ratatui::style::Style,
    hit: ratatui::style::Style,
) -> Line<'a> {
    let mut spans: Vec<Span<'a>> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (i, c) in text.chars().enumerate() {
        let is_hit = indices.binary_search(&i).is_ok();
        if is_hit != run_hit && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hit { hit } else { base },
            ));
        }
        run_hit = is_hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { hit } else { base }));
    }
    Line::from(spans)
}

/// First visible row of a list of `len` rows, `height` tall, with `selected` shown: the
/// selection is kept near the middle, so the window follows from the state alone and
/// drawing and mouse clicks agree without remembering a scroll position.
pub fn window(selected: usize, len: usize, height: usize) -> usize {
    if len <= height || height == 0 {
        return 0;
    }
    selected.saturating_sub(height / 2).min(len - height)
}

/// A copy of a text field styled by the theme, for drawing (the view never changes state).
pub fn styled_input<'a>(
    input: &ratatui_textarea::TextArea<'a>,
    theme: &Theme,
) -> ratatui_textarea::TextArea<'a> {
    let mut t = input.clone();
    t.set_style(theme.text);
    t.set_cursor_style(theme.selected);
    t.set_cursor_line_style(ratatui::style::Style::new());
    t
}

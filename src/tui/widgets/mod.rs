//! The popups of the live screen, one file each: state, keys and drawing.

pub mod attendance;
pub mod help;
pub mod notes;
pub mod owners;
pub mod prompt;
pub mod search;
pub mod statement;
pub mod status;
pub mod taken;

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

/// What a text field draws: a copy holding the inert form of its text (control and bidi
/// characters as visible escapes, `⏎` between lines when `one_line`), with the cursor at
/// the same character, styled by the theme. The field itself keeps the text exactly as
/// stored or typed, so what the screen escapes never flows back into the record; and the
/// view never changes state.
pub fn styled_input<'a>(
    input: &ratatui_textarea::TextArea<'a>,
    theme: &Theme,
    one_line: bool,
) -> ratatui_textarea::TextArea<'a> {
    use crate::text::inert_line;
    let cursor = input.cursor();
    let shown_col = |row: usize, col: usize| -> usize {
        let line = input.lines().get(row).map_or("", String::as_str);
        let end = line.char_indices().nth(col).map_or(line.len(), |(b, _)| b);
        inert_line(&line[..end]).chars().count()
    };
    // Where a text position is drawn: one-line fields join their lines with `⏎`.
    let drawn = |row: usize, col: usize| -> (usize, usize) {
        if one_line {
            let before: usize = input.lines()[..row.min(input.lines().len())]
                .iter()
                .map(|l| inert_line(l).chars().count() + 1)
                .sum();
            (0, before + shown_col(row, col))
        } else {
            (row, shown_col(row, col))
        }
    };
    let (lines, row, col) = if one_line {
        let joined = input
            .lines()
            .iter()
            .map(|l| inert_line(l).into_owned())
            .collect::<Vec<_>>()
            .join("⏎");
        let (row, col) = drawn(cursor.0, cursor.1);
        (vec![joined], row, col)
    } else {
        let lines = input
            .lines()
            .iter()
            .map(|l| inert_line(l).into_owned())
            .collect();
        (lines, cursor.0, shown_col(cursor.0, cursor.1))
    };
    let mut t = ratatui_textarea::TextArea::new(lines);
    if let Some(b) = input.block() {
        t.set_block(b.clone());
    }
    t.set_wrap_mode(input.wrap_mode());
    let jump = |(row, col): (usize, usize)| {
        ratatui_textarea::CursorMove::Jump(
            u16::try_from(row).unwrap_or(u16::MAX),
            u16::try_from(col).unwrap_or(u16::MAX),
        )
    };
    // A selection (a field whose text typing replaces) is drawn as one: from its other
    // end to the cursor.
    if let Some((start, end)) = input.selection_range() {
        let anchor = if cursor == start { end } else { start };
        t.move_cursor(jump(drawn(anchor.0, anchor.1)));
        t.start_selection();
        t.set_selection_style(theme.selected);
    }
    t.move_cursor(jump((row, col)));
    t.set_style(theme.text);
    t.set_cursor_style(theme.selected);
    t.set_cursor_line_style(ratatui::style::Style::new());
    t
}

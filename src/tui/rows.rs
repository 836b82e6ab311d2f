//! The main list's row lines as last drawn, kept from one frame to the next: a key that
//! only moves the selection redraws the frame without building the rows again. A line
//! is kept for what it was drawn from (the record's revision, the item, the list's width,
//! the date style, the theme) and only while its row is in view, so the cost follows what
//! is visible, not what is loaded.

use std::collections::HashMap;
use std::ops::Range;

use ratatui::text::Line;

use crate::model::dates::DateStyle;
use crate::theme::Theme;

/// Everything a row's line is drawn from besides the row itself and the theme. The
/// record's revision stands for the minutes ([`super::app::Record::revision`]); the plan,
/// the ledger of earlier meetings and the other caches do not change once loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DrawnFrom {
    /// The record's revision.
    pub revision: u64,
    /// The current item (index in the minutes' items).
    pub item: usize,
    /// The list's width inside its borders.
    pub width: usize,
    /// How dates are shown.
    pub dates: DateStyle,
}

/// One line of a row: the row (actions, then decisions), how many lines the row takes
/// (a wrapped row is drawn cut to one line when it is not given more) and which line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LineOf {
    /// The selectable row.
    pub row: usize,
    /// How many lines the row takes.
    pub height: usize,
    /// Which of them (0 for the first).
    pub part: usize,
}

/// A row's line as drawn before the selection and the undo highlight are laid on it.
#[derive(Debug, Clone, PartialEq)]
pub struct RowLine {
    /// The line.
    pub line: Line<'static>,
    /// False for a line drawn the same whatever its look (an unknown action's error).
    pub takes_look: bool,
}

/// The lines kept (see the module's documentation).
#[derive(Debug, Clone, Default)]
pub struct RowLines {
    from: Option<(DrawnFrom, Theme)>,
    lines: HashMap<LineOf, RowLine>,
}

impl RowLines {
    /// Forgets every line when they were drawn from something else than `from` in
    /// `theme`.
    pub fn follow(&mut self, from: DrawnFrom, theme: &Theme) {
        if self
            .from
            .as_ref()
            .is_none_or(|(f, t)| *f != from || t != theme)
        {
            self.lines.clear();
            self.from = Some((from, theme.clone()));
        }
    }

    /// The line kept for `at`, drawn by `draw` when there is none.
    pub fn get_or_draw(&mut self, at: LineOf, draw: impl FnOnce() -> RowLine) -> &RowLine {
        self.lines.entry(at).or_insert_with(draw)
    }

    /// Forgets the lines of rows out of `rows` (those out of view).
    pub fn keep_rows(&mut self, rows: Range<usize>) {
        self.lines.retain(|at, _| rows.contains(&at.row));
    }

    /// How many lines are kept.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True when none is kept.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(revision: u64) -> DrawnFrom {
        DrawnFrom {
            revision,
            item: 0,
            width: 80,
            dates: DateStyle::Iso,
        }
    }

    fn theme(name: &str) -> Theme {
        crate::load::theme::load(name).unwrap()
    }

    fn line(text: &str) -> RowLine {
        RowLine {
            line: Line::from(text.to_string()),
            takes_look: true,
        }
    }

    #[test]
    fn a_line_is_drawn_once_until_what_it_was_drawn_from_changes() {
        let mut rows = RowLines::default();
        let at = LineOf {
            row: 3,
            height: 1,
            part: 0,
        };
        rows.follow(from(1), &theme("default"));
        assert_eq!(rows.get_or_draw(at, || line("a")).line, Line::from("a"));
        assert_eq!(rows.get_or_draw(at, || line("b")).line, Line::from("a"));
        rows.follow(from(1), &theme("default"));
        assert_eq!(rows.get_or_draw(at, || line("b")).line, Line::from("a"));
        rows.follow(from(2), &theme("default"));
        assert!(rows.is_empty());
        assert_eq!(rows.get_or_draw(at, || line("b")).line, Line::from("b"));
        let mut other = from(2);
        other.dates = DateStyle::Day;
        rows.follow(other, &theme("default"));
        assert_eq!(rows.get_or_draw(at, || line("c")).line, Line::from("c"));
        rows.follow(other, &theme("monochrome"));
        assert!(rows.is_empty());
        assert_eq!(rows.get_or_draw(at, || line("c")).line, Line::from("c"));
        // The same row given more lines is another line.
        let tall = LineOf { height: 2, ..at };
        assert_eq!(rows.get_or_draw(tall, || line("d")).line, Line::from("d"));
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn rows_out_of_view_are_forgotten() {
        let mut rows = RowLines::default();
        rows.follow(from(1), &theme("default"));
        for row in 0..10 {
            rows.get_or_draw(
                LineOf {
                    row,
                    height: 1,
                    part: 0,
                },
                || line("x"),
            );
        }
        rows.keep_rows(4..7);
        assert_eq!(rows.len(), 3);
    }
}

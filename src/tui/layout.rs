//! Where each part of the screen goes, computed from the terminal size alone so that
//! drawing and mouse clicks agree.

use ratatui::layout::Rect;

use super::app::App;

/// The smallest terminal the screen draws in.
pub const MIN_SIZE: (u16, u16) = (50, 12);

/// The rectangles of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Two header lines.
    pub header: Rect,
    /// The agenda pane (with border).
    pub agenda: Rect,
    /// The main pane (with border).
    pub main: Rect,
    /// The rows of the main pane (with the pane's top border line above).
    pub list: Rect,
    /// The detail box under the rows.
    pub detail: Rect,
    /// The key hints.
    pub footer: Rect,
    /// The message line.
    pub status: Rect,
}

impl Layout {
    /// The layout for a terminal of `w` x `h`, or `None` when it is too small.
    pub fn new(w: u16, h: u16) -> Option<Layout> {
        if w < MIN_SIZE.0 || h < MIN_SIZE.1 {
            return None;
        }
        let header = Rect::new(0, 0, w, 2);
        let body_h = h - 4;
        let agenda_w = if w < 100 {
            (w * 3 / 10).clamp(20, 26)
        } else {
            (w * 3 / 10).min(40)
        };
        let agenda = Rect::new(0, 2, agenda_w, body_h);
        let main = Rect::new(agenda_w, 2, w - agenda_w, body_h);
        let detail_h = if h < 30 { 6 } else { 9 };
        let detail_h = detail_h.min(body_h.saturating_sub(5));
        let list = Rect::new(main.x, main.y, main.width, main.height - detail_h);
        let detail = Rect::new(main.x, main.y + list.height, main.width, detail_h);
        let footer = Rect::new(0, h - 2, w, 1);
        let status = Rect::new(0, h - 1, w, 1);
        Some(Layout {
            header,
            agenda,
            main,
            list,
            detail,
            footer,
            status,
        })
    }
}

/// What one line of the main pane's list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MainLine {
    /// The heading of the actions section (priority area or matters arising).
    ActionsHeader,
    /// The i-th action shown.
    Action(usize),
    /// The placeholder of an empty actions section.
    NoActions,
    /// The heading of the decisions.
    DecisionsHeader,
    /// The j-th decision.
    Decision(usize),
    /// The placeholder when there are no decisions.
    NoDecisions,
}

/// The lines of the main pane's list, computed once from the current item and used by
/// drawing and by mouse hit-testing alike, so the two cannot disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MainLines {
    section: bool,
    actions: usize,
    decisions: usize,
}

impl MainLines {
    /// The lines for the screen's current item.
    pub fn of(app: &App) -> MainLines {
        let shown = app.shown();
        MainLines {
            section: shown.has_section(),
            actions: shown.len(),
            decisions: app.decisions().len(),
        }
    }

    fn decisions_header(&self) -> usize {
        usize::from(self.section) + self.actions + usize::from(self.section && self.actions == 0)
    }

    /// How many lines: headers, rows and placeholders.
    pub fn count(&self) -> usize {
        self.decisions_header() + 1 + self.decisions.max(1)
    }

    /// What line `l` shows.
    pub fn line(&self, l: usize) -> Option<MainLine> {
        let head = usize::from(self.section);
        let dh = self.decisions_header();
        Some(if self.section && l == 0 {
            MainLine::ActionsHeader
        } else if l < head + self.actions {
            MainLine::Action(l - head)
        } else if l < dh {
            MainLine::NoActions
        } else if l == dh {
            MainLine::DecisionsHeader
        } else if l < self.count() && self.decisions == 0 {
            MainLine::NoDecisions
        } else if l < self.count() {
            MainLine::Decision(l - dh - 1)
        } else {
            return None;
        })
    }

    /// The line on which selectable row `r` (actions, then decisions) is drawn.
    pub fn line_of_row(&self, r: usize) -> usize {
        if r < self.actions {
            usize::from(self.section) + r
        } else {
            self.decisions_header() + 1 + (r - self.actions)
        }
    }

    /// The selectable row drawn on line `l`, if any.
    pub fn row_at_line(&self, l: usize) -> Option<usize> {
        match self.line(l)? {
            MainLine::Action(i) => Some(i),
            MainLine::Decision(j) => Some(self.actions + j),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_rows_agree_both_ways() {
        for section in [false, true] {
            for actions in 0..4 {
                for decisions in 0..4 {
                    let m = MainLines {
                        section,
                        actions,
                        decisions,
                    };
                    let rows: Vec<usize> =
                        (0..m.count()).filter_map(|l| m.row_at_line(l)).collect();
                    assert_eq!(rows, (0..actions + decisions).collect::<Vec<_>>());
                    for r in 0..actions + decisions {
                        assert_eq!(m.row_at_line(m.line_of_row(r)), Some(r));
                    }
                    assert_eq!(m.line(m.count()), None);
                }
            }
        }
    }

    #[test]
    fn every_size_from_tiny_to_huge_lays_out_or_declines() {
        for w in 0..200 {
            for h in 0..60 {
                if let Some(l) = Layout::new(w, h) {
                    for r in [
                        l.header, l.agenda, l.main, l.list, l.detail, l.footer, l.status,
                    ] {
                        assert!(r.x + r.width <= w && r.y + r.height <= h, "{w}x{h}: {r:?}");
                    }
                }
            }
        }
    }
}

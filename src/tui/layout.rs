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

/// The line of the main pane's list on which row `r` is drawn.
pub fn main_line_of_row(app: &App, r: usize) -> usize {
    let shown = app.shown();
    let has_area = shown.has_section();
    let n_actions = shown.len();
    let area_header = usize::from(has_area);
    if r < n_actions {
        return area_header + r;
    }
    let empty_area = usize::from(has_area && n_actions == 0);
    area_header + n_actions + empty_area + 1 + (r - n_actions)
}

/// How many lines the main pane's list has: headers, rows and placeholders.
pub fn main_line_count(app: &App) -> usize {
    let shown = app.shown();
    let has_area = shown.has_section();
    let n_actions = shown.len();
    usize::from(has_area)
        + n_actions
        + usize::from(has_area && n_actions == 0)
        + 1
        + app.decisions().len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

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

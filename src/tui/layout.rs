//! Where each part of the screen goes, computed from the terminal size alone so that
//! drawing and mouse clicks agree.

use ratatui::layout::Rect;

use super::app::{App, Row, Shown};

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

/// The column widths of the main list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    /// Id, with its space.
    pub id: usize,
    /// The text: what the others leave.
    pub title: usize,
    /// Owners, with a space (0: not shown).
    pub owners: usize,
    /// Due date, with a space.
    pub due: usize,
    /// Status.
    pub status: usize,
}

impl Columns {
    /// Column widths for a list `width` wide with ids `id` wide: every column stays,
    /// narrower on a small terminal (short names, `31 Mar`, short statuses), and the
    /// text takes what the others leave.
    pub fn new(width: usize, id: usize) -> Columns {
        let id = id.clamp(4, 14) + 1;
        let (owners, due, status) = if width >= 100 {
            (20, 12, 19)
        } else if width >= 68 {
            (12, 12, 12)
        } else if width >= 44 {
            (10, 7, 10)
        } else {
            (0, 0, 8)
        };
        let title = width.saturating_sub(id + due + status + owners + 1);
        Columns {
            id,
            title,
            owners,
            due,
            status,
        }
    }

    /// True when dates are written short (`31 Mar`).
    pub fn short_dates(&self) -> bool {
        self.due > 0 && self.due < 11
    }
}

/// The widest id of the rows shown for the current item.
pub fn id_width(app: &App) -> usize {
    let actions = app.shown();
    let shown_ids = match actions {
        Shown::Plan(_) => app
            .area_position()
            .and_then(|p| app.cache.id_widths.get(p).copied())
            .unwrap_or(0),
        _ => (0..actions.len())
            .filter_map(|i| actions.name(i))
            .map(|n| n.chars().count())
            .max()
            .unwrap_or(0),
    };
    app.decisions()
        .iter()
        .map(|d| d.id.chars().count())
        .fold(shown_ids, usize::max)
}

/// The mark of a record changed at this meeting, before its title.
pub const CHANGED_MARK: &str = "✎ ";
/// The mark of a confidential record, before its text.
pub const CONFIDENTIAL_MARK: &str = "conf ";
/// The mark of a decision recorded while the quorum was not met, before its text.
pub const NO_QUORUM_MARK: &str = "⚠ no quorum · ";

/// The text a row shows in its text column, marks included: what is wrapped. A decision
/// recorded without a quorum carries [`NO_QUORUM_MARK`] (stored with it, so a delegation
/// arriving later does not clear it).
pub fn row_text(app: &App, row: Row) -> String {
    match row {
        Row::Action(i) => {
            let Some(name) = app.shown().name(i) else {
                return String::new();
            };
            let title = app.before_row(name).map_or("", |s| s.title);
            let mark = if app.change_to(name).is_some() {
                CHANGED_MARK
            } else {
                ""
            };
            format!("{mark}{}", crate::text::inert_line(title))
        }
        Row::Decision(j) => {
            let quorum = |d: &crate::model::Decision| {
                if d.without_quorum { NO_QUORUM_MARK } else { "" }
            };
            match app.decisions().get(j) {
                Some(d) if d.confidential => format!(
                    "{CONFIDENTIAL_MARK}{}{}{}",
                    quorum(d),
                    crate::text::inert_line(&d.text),
                    on_record(app, d)
                ),
                Some(d) => format!(
                    "{}{}{}",
                    quorum(d),
                    crate::text::inert_line(&d.text),
                    on_record(app, d)
                ),
                None => String::new(),
            }
        }
    }
}

/// What a decision's row adds after its text, so the rapporteur sees it was recorded:
/// how it was taken unless by consensus (` · vote 9-1-2, adopted`), and each statement on
/// it (` · reservation by Austria`).
pub fn on_record(app: &App, d: &crate::model::Decision) -> String {
    let mut s = String::new();
    if d.taken != crate::model::Taken::Consensus {
        s.push_str(" · ");
        s.push_str(&super::edit::taken_summary(&d.taken, app.screen.dates));
    }
    for st in &d.statements {
        s.push_str(" · ");
        s.push_str(&super::edit::statement_summary(&app.plan, st));
    }
    s
}

/// The lines of the main pane's list, computed once from the current item and used by
/// drawing and by mouse hit-testing alike, so the two cannot disagree. A row whose text
/// is wider than its column takes as many lines as it needs: every row when they all fit
/// the pane, else the selected one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MainLines {
    section: bool,
    actions: usize,
    decisions: usize,
    /// Rows taller than one line, by row, in row order: (row, lines).
    tall: Vec<(usize, usize)>,
    /// The columns the rows were wrapped for.
    pub columns: Columns,
}

impl MainLines {
    /// The lines for the screen's current item in a list `width` x `height` (inside its
    /// borders).
    pub fn of(app: &App, width: usize, height: usize) -> MainLines {
        let shown = app.shown();
        let columns = Columns::new(width, id_width(app));
        let mut lines = MainLines {
            section: shown.has_section(),
            actions: shown.len(),
            decisions: app.decisions().len(),
            tall: Vec::new(),
            columns,
        };
        let rows = lines.actions + lines.decisions;
        let height_of = |r: usize| {
            app.row_at(r).map_or(1, |row| {
                crate::text::wrapped_height(&row_text(app, row), columns.title)
            })
        };
        if lines.count() <= height {
            let tall: Vec<(usize, usize)> = (0..rows)
                .map(|r| (r, height_of(r)))
                .filter(|&(_, h)| h > 1)
                .collect();
            let extra: usize = tall.iter().map(|(_, h)| h - 1).sum();
            if lines.count() + extra <= height {
                lines.tall = tall;
                return lines;
            }
        }
        let r = app.screen.row;
        if r < rows {
            let h = height_of(r).min(height.max(1));
            if h > 1 {
                lines.tall = vec![(r, h)];
            }
        }
        lines
    }

    /// Lines for counts alone, every row one line (tests).
    pub fn plain(section: bool, actions: usize, decisions: usize) -> MainLines {
        MainLines {
            section,
            actions,
            decisions,
            tall: Vec::new(),
            columns: Columns::new(80, 4),
        }
    }

    /// The first line shown in a list `height` lines high with row `row` selected: the
    /// selected row in view, whole when it fits.
    pub fn window(&self, row: usize, height: usize) -> usize {
        let first = self.line_of_row(row);
        let end = first + self.height_of_row(row);
        let offset = super::widgets::window(first, self.count(), height);
        if end > offset + height {
            end.saturating_sub(height).min(first)
        } else {
            offset
        }
    }

    /// How many lines row `r` takes.
    pub fn height_of_row(&self, r: usize) -> usize {
        self.tall
            .iter()
            .find(|(t, _)| *t == r)
            .map_or(1, |(_, h)| *h)
    }

    /// The display line `l` as (line in one-line-per-row terms, part of a wrapped row).
    fn locate(&self, l: usize) -> (usize, usize) {
        let mut extra = 0;
        for &(r, h) in &self.tall {
            let base = self.base_line_of_row(r);
            if l < base + extra {
                break;
            }
            if l < base + extra + h {
                return (base, l - base - extra);
            }
            extra += h - 1;
        }
        (l - extra, 0)
    }

    fn extra_before(&self, r: usize) -> usize {
        self.tall
            .iter()
            .filter(|(t, _)| *t < r)
            .map(|(_, h)| h - 1)
            .sum()
    }

    fn base_line_of_row(&self, r: usize) -> usize {
        if r < self.actions {
            usize::from(self.section) + r
        } else {
            self.decisions_header() + 1 + (r - self.actions)
        }
    }

    /// What line `l` shows, and which line of a wrapped row it is (0 for the first).
    pub fn line_part(&self, l: usize) -> Option<(MainLine, usize)> {
        let (base, part) = self.locate(l);
        if base >= self.base_count() {
            return None;
        }
        Some((self.base_line(base)?, part))
    }

    fn decisions_header(&self) -> usize {
        usize::from(self.section) + self.actions + usize::from(self.section && self.actions == 0)
    }

    fn base_count(&self) -> usize {
        self.decisions_header() + 1 + self.decisions.max(1)
    }

    /// How many lines: headers, rows (wrapped) and placeholders.
    pub fn count(&self) -> usize {
        self.base_count() + self.tall.iter().map(|(_, h)| h - 1).sum::<usize>()
    }

    /// What line `l` shows (a wrapped row on each of its lines).
    pub fn line(&self, l: usize) -> Option<MainLine> {
        self.line_part(l).map(|(m, _)| m)
    }

    fn base_line(&self, l: usize) -> Option<MainLine> {
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
        } else if l < self.base_count() && self.decisions == 0 {
            MainLine::NoDecisions
        } else if l < self.base_count() {
            MainLine::Decision(l - dh - 1)
        } else {
            return None;
        })
    }

    /// The first line on which selectable row `r` (actions, then decisions) is drawn.
    pub fn line_of_row(&self, r: usize) -> usize {
        self.base_line_of_row(r) + self.extra_before(r)
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
                    let plain = MainLines::plain(section, actions, decisions);
                    let rows_n = actions + decisions;
                    // Every row one line, then with rows of 2 and 3 lines here and there.
                    let talls = [
                        vec![],
                        (0..rows_n)
                            .map(|r| (r, 1 + r % 3))
                            .filter(|x| x.1 > 1)
                            .collect(),
                        (0..rows_n.min(1)).map(|r| (r, 4)).collect::<Vec<_>>(),
                    ];
                    for tall in talls {
                        let m = MainLines {
                            tall: tall.clone(),
                            ..plain.clone()
                        };
                        let rows: Vec<usize> =
                            (0..m.count()).filter_map(|l| m.row_at_line(l)).collect();
                        let want: Vec<usize> = (0..rows_n)
                            .flat_map(|r| std::iter::repeat_n(r, m.height_of_row(r)))
                            .collect();
                        assert_eq!(rows, want, "{tall:?}");
                        for r in 0..rows_n {
                            assert_eq!(m.row_at_line(m.line_of_row(r)), Some(r));
                            assert_eq!(m.line_part(m.line_of_row(r)).map(|x| x.1), Some(0));
                        }
                        assert_eq!(m.line(m.count()), None);
                    }
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

//! The chair's review screen: outstanding actions grouped by area or by owner, overdue
//! first, filtered as you type; Enter shows an action's history. Read-only.

use chrono::NaiveDate;
use fuzzy_matcher::FuzzyMatcher;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::fuzzy::MATCHER;
use super::widgets::{centered, frame, window};
use crate::model::dates::DateStyle;
use crate::model::{Ledger, Plan};
use crate::review::discover::Meetings;
use crate::review::outstanding::{Filter, Row, RowWidths, outstanding, row_cells};
use crate::text::inert_line;
use crate::theme::Theme;

/// How rows are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// By priority area, in walk order.
    Area,
    /// By owner (an action with two owners shows under both).
    Owner,
}

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewLine {
    /// A group heading.
    Header(String),
    /// A row, by index in `rows`.
    Row(usize),
}

/// What the user can do on the review screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewAction {
    /// Previous row.
    Up,
    /// Next row.
    Down,
    /// A page up.
    PageUp,
    /// A page down.
    PageDown,
    /// Switch between grouping by area and by owner.
    ToggleGrouping,
    /// A character typed into the filter.
    Type(char),
    /// Delete the last character of the filter.
    Backspace,
    /// Show the selected action's history.
    Open,
    /// Close the history, else clear the filter, else quit.
    Back,
    /// Quit.
    Quit,
}

/// The review screen's state.
#[derive(Debug, Clone)]
pub struct Review {
    /// The plan.
    pub plan: Plan,
    /// Every action's state.
    pub ledger: Ledger,
    /// Every outstanding action.
    pub rows: Vec<Row>,
    /// The as-of date.
    pub as_of: NaiveDate,
    /// Grouping.
    pub grouping: Grouping,
    /// Typed filter.
    pub filter: String,
    /// Lines after grouping and filtering.
    pub lines: Vec<ViewLine>,
    /// Selected line (always a row when there is one).
    pub cursor: usize,
    /// The action whose history is open.
    pub history: Option<String>,
    /// Styles.
    pub theme: Theme,
    /// The summary line, computed once: the rows do not change.
    pub summary: String,
    /// How dates are shown (the `dates` setting).
    pub dates: DateStyle,
}

impl Review {
    /// The screen for a plan and its minutes.
    pub fn new(found: &Meetings, theme: Theme, as_of: NaiveDate) -> Review {
        let ledger = found.ledger();
        let rows = outstanding(&ledger, &Filter::default(), as_of);
        let mut r = Review {
            plan: found.plan.clone(),
            ledger,
            rows,
            as_of,
            grouping: Grouping::Area,
            filter: String::new(),
            lines: Vec::new(),
            cursor: 0,
            history: None,
            theme,
            summary: String::new(),
            dates: DateStyle::default(),
        };
        r.summary = r.summary();
        r.regroup();
        r
    }

    /// The same screen with dates shown in `dates` style.
    pub fn with_dates(mut self, dates: DateStyle) -> Review {
        self.dates = dates;
        self.summary = self.summary();
        self
    }

    fn owner_name(&self, o: &str) -> String {
        self.plan.owner_label(o).to_string()
    }

    fn area_name(&self, a: Option<&str>) -> String {
        match a.and_then(|x| self.plan.area(x)) {
            Some(x) => format!("{}. {}", x.number, x.title),
            None => a.unwrap_or("no area").to_string(),
        }
    }

    fn matches(&self, r: &Row) -> bool {
        if self.filter.trim().is_empty() {
            return true;
        }
        let owners: Vec<String> = r.owners.iter().map(|o| self.owner_name(o)).collect();
        let text = format!(
            "{} {} {} {}",
            r.id,
            r.title,
            owners.join(" "),
            self.area_name(r.area.as_deref())
        );
        MATCHER.with(|m| m.fuzzy_match(&text, self.filter.trim()).is_some())
    }

    /// Rebuilds the lines after a change of filter or grouping.
    pub fn regroup(&mut self) {
        let keep: Vec<usize> = (0..self.rows.len())
            .filter(|&i| self.matches(&self.rows[i]))
            .collect();
        let mut groups: Vec<(String, usize, Vec<usize>)> = Vec::new();
        let mut add =
            |key: String, order: usize, i: usize| match groups.iter_mut().find(|g| g.0 == key) {
                Some(g) => g.2.push(i),
                None => groups.push((key, order, vec![i])),
            };
        for &i in &keep {
            let r = &self.rows[i];
            match self.grouping {
                Grouping::Area => {
                    let order = r
                        .area
                        .as_deref()
                        .and_then(|a| self.plan.area_position(a))
                        .unwrap_or(usize::MAX);
                    add(self.area_name(r.area.as_deref()), order, i);
                }
                Grouping::Owner if r.owners.is_empty() => add("no owner".into(), usize::MAX, i),
                Grouping::Owner => {
                    for o in &r.owners {
                        add(self.owner_name(o), 0, i);
                    }
                }
            }
        }
        groups.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        self.lines.clear();
        for (name, _, mut idx) in groups {
            idx.sort_by_key(|&i| !self.rows[i].overdue);
            let overdue = idx.iter().filter(|&&i| self.rows[i].overdue).count();
            self.lines.push(ViewLine::Header(format!(
                "{name} · {} outstanding, {overdue} overdue",
                idx.len()
            )));
            self.lines.extend(idx.into_iter().map(ViewLine::Row));
        }
        self.cursor = self
            .lines
            .iter()
            .position(|l| matches!(l, ViewLine::Row(_)))
            .unwrap_or(0);
    }

    fn step(&mut self, delta: isize) {
        let n = self.lines.len() as isize;
        if n == 0 {
            return;
        }
        let mut c = self.cursor as isize;
        let dir = delta.signum();
        let mut left = delta.abs();
        while left > 0 {
            let mut next = c + dir;
            while (0..n).contains(&next) && matches!(self.lines[next as usize], ViewLine::Header(_))
            {
                next += dir;
            }
            if !(0..n).contains(&next) {
                break;
            }
            c = next;
            left -= 1;
        }
        self.cursor = c as usize;
    }

    /// The selected row.
    pub fn selected(&self) -> Option<&Row> {
        match self.lines.get(self.cursor) {
            Some(ViewLine::Row(i)) => self.rows.get(*i),
            _ => None,
        }
    }

    /// Applies an action; true when the screen should close.
    pub fn update(&mut self, action: ReviewAction) -> bool {
        if self.history.is_some() {
            if matches!(action, ReviewAction::Quit) {
                return true;
            }
            if matches!(action, ReviewAction::Back | ReviewAction::Open) {
                self.history = None;
            }
            return false;
        }
        match action {
            ReviewAction::Up => self.step(-1),
            ReviewAction::Down => self.step(1),
            ReviewAction::PageUp => self.step(-10),
            ReviewAction::PageDown => self.step(10),
            ReviewAction::ToggleGrouping => {
                self.grouping = match self.grouping {
                    Grouping::Area => Grouping::Owner,
                    Grouping::Owner => Grouping::Area,
                };
                self.regroup();
            }
            ReviewAction::Type(c) => {
                self.filter.push(c);
                self.regroup();
            }
            ReviewAction::Backspace => {
                self.filter.pop();
                self.regroup();
            }
            ReviewAction::Open => self.history = self.selected().map(|r| r.id.clone()),
            ReviewAction::Back if !self.filter.is_empty() => {
                self.filter.clear();
                self.regroup();
            }
            ReviewAction::Back | ReviewAction::Quit => return true,
        }
        false
    }

    /// The summary line: totals, counts per area (by number) and per owner (most first).
    fn summary(&self) -> String {
        let overdue = self.rows.iter().filter(|r| r.overdue).count();
        let mut areas: Vec<(usize, String, usize)> = Vec::new();
        let mut owners: Vec<(String, usize)> = Vec::new();
        for r in &self.rows {
            let pos = r.area.as_deref().and_then(|a| self.plan.area_position(a));
            let label = pos.map_or_else(
                || "-".to_string(),
                |p| self.plan.areas[p].number.to_string(),
            );
            let key = pos.unwrap_or(usize::MAX);
            match areas.iter_mut().find(|a| a.0 == key) {
                Some(a) => a.2 += 1,
                None => areas.push((key, label, 1)),
            }
            for o in &r.owners {
                let name = self.owner_name(o);
                match owners.iter_mut().find(|x| x.0 == name) {
                    Some(x) => x.1 += 1,
                    None => owners.push((name, 1)),
                }
            }
        }
        areas.sort();
        owners.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let areas: Vec<String> = areas.iter().map(|(_, l, n)| format!("{l}:{n}")).collect();
        let owners: Vec<String> = owners.iter().map(|(o, n)| format!("{o} {n}")).collect();
        format!(
            " {} outstanding, {overdue} overdue as of {} · by area {} · by owner {}",
            self.rows.len(),
            self.dates.format(self.as_of),
            areas.join(" "),
            owners.join(", ")
        )
    }

    /// Draws the screen.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        if area.width < 40 || area.height < 8 {
            Paragraph::new("terminal too small for the review").render(area, buf);
            return;
        }
        buf.set_style(area, t.text);
        let by = match self.grouping {
            Grouping::Area => "by area",
            Grouping::Owner => "by owner",
        };
        let head = format!(
            " Review · {} · outstanding {by}",
            inert_line(&self.plan.short)
        );
        buf.set_line(
            0,
            0,
            &Line::from(Span::styled(
                crate::text::fit(&head, area.width as usize),
                t.header,
            )),
            area.width,
        );
        buf.set_line(
            0,
            1,
            &Line::from(Span::styled(
                inert_line(&self.summary).into_owned(),
                t.muted,
            )),
            area.width,
        );
        let list_area = Rect::new(0, 2, area.width, area.height - 4);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(t.border_focused);
        let inner = block.inner(list_area);
        block.render(list_area, buf);
        let height = inner.height as usize;
        let offset = window(self.cursor, self.lines.len(), height);
        let w = inner.width as usize;
        let cols = ReviewColumns::new(w, &self.rows, self.dates.width());
        for (y, line) in self.lines.iter().skip(offset).take(height).enumerate() {
            let l = match line {
                ViewLine::Header(h) => {
                    Line::from(Span::styled(inert_line(h).into_owned(), t.title))
                }
                ViewLine::Row(i) => {
                    let r = &self.rows[*i];
                    let selected = offset + y == self.cursor;
                    let base = if selected { t.selected } else { t.text };
                    let widths = RowWidths {
                        id: cols.id,
                        title: cols.title,
                        owners: cols.owners,
                    };
                    // A long id keeps its end (the decision's own number), never just
                    // the meeting it came from.
                    let shown;
                    let r = if r.id.chars().count() > cols.id {
                        shown = crate::review::outstanding::Row {
                            id: fit_tail(&r.id, cols.id),
                            ..r.clone()
                        };
                        &shown
                    } else {
                        r
                    };
                    let mut c = row_cells(&self.plan, r, widths, self.dates);
                    if cols.late == 0 {
                        c.late.clear();
                    }
                    let status_style = if r.overdue {
                        t.overdue
                    } else {
                        t.status(r.status)
                    };
                    Line::from(vec![
                        Span::styled(format!("{} ", c.id), base.patch(t.key)),
                        Span::styled(c.title, base),
                        Span::styled(format!(" {}", c.owners), base),
                        Span::styled(
                            format!(" {}", c.due),
                            if r.overdue {
                                base.patch(t.overdue)
                            } else {
                                base
                            },
                        ),
                        Span::styled(format!(" {}", c.status), base.patch(status_style)),
                        Span::styled(
                            format!(" {:<w$}", c.late, w = cols.late.saturating_sub(1)),
                            base.patch(t.overdue),
                        ),
                    ])
                }
            };
            buf.set_line(inner.x, inner.y + y as u16, &l, inner.width);
        }
        if self.lines.is_empty() {
            Paragraph::new(Span::styled("nothing outstanding matches", t.muted)).render(inner, buf);
        }
        let filter = if self.filter.is_empty() {
            Span::styled(
                " type to filter · Tab by area/owner · Enter history · q quits",
                t.muted,
            )
        } else {
            Span::styled(
                format!(" filter: {}▏ (Esc clears)", inert_line(&self.filter)),
                t.key,
            )
        };
        buf.set_line(0, area.height - 2, &Line::from(filter), area.width);
        if let Some(id) = &self.history {
            let text = crate::review::history::history(&self.ledger, &self.plan, id, self.dates)
                .unwrap_or_else(|e| e);
            let r = centered(
                area,
                area.width.saturating_sub(6).min(110),
                area.height.saturating_sub(4),
            );
            let inner = frame(
                r,
                buf,
                &format!("History of {} (Esc closes)", inert_line(id)),
                t,
            );
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .render(inner, buf);
        }
    }
}

fn to_action(k: KeyEvent) -> Option<ReviewAction> {
    if k.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    Some(match k.code {
        KeyCode::Char('c') if ctrl => ReviewAction::Quit,
        KeyCode::Up => ReviewAction::Up,
        KeyCode::Down => ReviewAction::Down,
        KeyCode::PageUp => ReviewAction::PageUp,
        KeyCode::PageDown => ReviewAction::PageDown,
        KeyCode::Tab | KeyCode::BackTab => ReviewAction::ToggleGrouping,
        KeyCode::Enter => ReviewAction::Open,
        KeyCode::Esc => ReviewAction::Back,
        KeyCode::Backspace => ReviewAction::Backspace,
        KeyCode::Char(c) if !ctrl => ReviewAction::Type(c),
        _ => return None,
    })
}

/// Runs the review screen; returns the exit status.
pub fn run(found: Meetings, theme_flag: Option<&str>, as_of: NaiveDate) -> i32 {
    let (theme, dates) = match crate::config::load(theme_flag)
        .map_err(|e| e.to_string())
        .and_then(|c| {
            crate::load::theme::resolve(&c.theme.0)
                .map(|t| (t, c.dates.0))
                .map_err(|e| e.to_string())
        }) {
        Ok(t) => t,
        Err(e) => {
            crate::errln!("error: {e}");
            return crate::exit::USAGE;
        }
    };
    let mut review = Review::new(&found, theme, as_of).with_dates(dates);
    if let Err(e) = super::exit_on_signals() {
        crate::errln!("error: cannot watch for signals: {e}");
        return crate::exit::USAGE;
    }
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            crate::errln!("error: cannot start the terminal: {e}");
            return crate::exit::USAGE;
        }
    };
    let result = (|| -> std::io::Result<()> {
        loop {
            terminal.draw(|f| {
                let area = f.area();
                review.render(area, f.buffer_mut());
            })?;
            if let Event::Key(k) = event::read()? {
                // q quits when nothing is typed; while filtering it is a letter.
                let action = match to_action(k) {
                    Some(ReviewAction::Type('q'))
                        if review.filter.is_empty() && review.history.is_none() =>
                    {
                        ReviewAction::Quit
                    }
                    Some(a) => a,
                    None => continue,
                };
                if review.update(action) {
                    return Ok(());
                }
            }
        }
    })();
    ratatui::restore();
    match result {
        Ok(()) => crate::exit::OK,
        Err(e) => {
            crate::errln!("error: {e}");
            crate::exit::USAGE
        }
    }
}

/// The review list's column widths for a list `width` wide: the title keeps at least
/// a quarter of the width; ids take what they need of the rest; the days-overdue column
/// goes first when narrow (overdue rows keep their colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ReviewColumns {
    id: usize,
    title: usize,
    owners: usize,
    late: usize,
}

impl ReviewColumns {
    fn new(width: usize, rows: &[crate::review::outstanding::Row], date_w: usize) -> Self {
        let late = if width >= 90 { 19 } else { 0 };
        let owners = if width >= 90 { 15 } else { 10 };
        let fixed = 1 + owners + 1 + date_w + 12 + late;
        let widest = rows
            .iter()
            .map(|r| r.id.chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        let min_title = width / 4;
        let id = widest
            .min(width.saturating_sub(fixed + min_title + 1))
            .max(4);
        let title = width.saturating_sub(id + 1 + fixed);
        ReviewColumns {
            id,
            title,
            owners,
            late,
        }
    }
}

/// `s` cut to `width` columns keeping its end, with `…` in front when cut.
fn fit_tail(s: &str, width: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= width {
        return s.to_string();
    }
    let keep = width.saturating_sub(1);
    let tail: String = chars[chars.len() - keep..].iter().collect();
    format!("…{tail}")
}

//! Drawing the live screen from the state. Nothing here changes the state or does I/O,
//! and every text that came from a file passes through `text::inert_line` first.

use std::ops::Range;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::action::Action;
use super::app::{App, Message, Mode, ModeKind, Pane, Row, SaveState, Shown};
use super::edit::{statement_summary, taken_summary, target_label};
use super::keymap::{Binding, FOOTER_DROP, binding_key_label, footer_name, footer_short, working};
use super::layout::{
    CONFIDENTIAL_MARK, Columns, Layout, MIN_SIZE, MainLine, MainLines, NO_QUORUM_MARK, row_text,
};
use super::rows::{DrawnFrom, LineOf, RowLine};
use super::target::Target;
use super::widgets::{self, window};
use crate::model::{Decision, Statement, Status, Taken};
use crate::text::inert_line;

pub use crate::text::fit;

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

/// Draws the whole screen into a buffer (also used by tests and benchmarks).
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(l) = Layout::new(area.width, area.height) else {
        let msg = format!(
            "terminal too small ({}x{}): rapporteur needs {}x{}",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        );
        Paragraph::new(msg)
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return;
    };
    buf.set_style(area, app.theme.text);
    header(app, l.header, buf);
    agenda(app, l.agenda, buf);
    main_list(app, l.list, buf);
    detail(app, l.detail, buf);
    footer(app, l.footer, buf);
    status_line(app, l.status, buf);
    let t = &app.theme;
    match &app.screen.mode {
        Mode::Normal => {}
        Mode::Prompt(p) => p.render(area, buf, t, app.meeting_date()),
        Mode::Owners(o) => o.render(
            area,
            buf,
            t,
            &app.cache.owner_candidates,
            &app.plan,
            &target_label(app, &o.target),
        ),
        Mode::Status(s) => s.render(area, buf, t, &target_label(app, &s.target)),
        Mode::Notes(n) => {
            let id = app
                .record
                .minutes
                .items
                .get(n.item)
                .map_or("", |r| r.id.as_str());
            let title = format!(
                "Record of discussion, item {}: Esc saves and closes, Ctrl-s saves",
                inert_line(id)
            );
            n.render(area, buf, t, &title);
        }
        Mode::Attendance(a) => a.render(area, buf, t, &app.record.minutes, &app.plan, app.quorum()),
        Mode::HowTaken(c) => c.render(area, buf, t, &target_label(app, &c.target)),
        Mode::Vote(v) => v.render(
            area,
            buf,
            t,
            &app.record.minutes,
            &app.plan,
            &target_label(app, &v.target),
        ),
        Mode::Statement(f) => f.render(area, buf, t, &app.cache.owner_candidates),
        Mode::Search(s) => s.render(area, buf, t),
        Mode::Help { scroll } => widgets::help::render(area, buf, t, *scroll, app.read_only()),
        Mode::Recover(d) => {
            let r = widgets::centered(area, area.width.saturating_sub(8).min(80), 9);
            let inner = widgets::frame(r, buf, "Unsaved text from the last session", t);
            let text = vec![
                Line::from(Span::styled(
                    inert_line(&format!(
                        "Typed, never confirmed: {}",
                        d.describe(&app.plan)
                    ))
                    .into_owned(),
                    t.muted,
                )),
                Line::from(inert_line(&d.shown(&app.plan)).into_owned()),
                Line::default(),
                Line::from(vec![
                    Span::styled("Enter", t.key),
                    Span::raw(" restores it into its field   "),
                    Span::styled("Esc", t.key),
                    Span::raw(" discards it"),
                ]),
            ];
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .render(inner, buf);
        }
    }
}

fn clock(secs: i64) -> String {
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

fn header(app: &App, r: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let m = &app.record.minutes.meeting;
    buf.set_style(Rect { height: 1, ..r }, t.header);
    let marking = m
        .classification
        .as_deref()
        .map(|c| format!(" {} ", inert_line(c)));
    let mark_w = marking.as_deref().map_or(0, |s| s.chars().count()) as u16;
    // The date always shows; the meeting's title takes what is left.
    let date = format!(" · {}", app.screen.dates.format(m.date));
    let date_w = date.chars().count();
    let title = format!(" {} · {}", inert_line(&m.body), inert_line(&m.title));
    let title_w = r.width.saturating_sub(mark_w + 1) as usize;
    let head = format!(
        "{}{date}",
        fit(&title, title_w.saturating_sub(date_w)).trim_end()
    );
    Paragraph::new(Span::styled(fit(&head, title_w), t.header)).render(
        Rect {
            height: 1,
            width: title_w as u16,
            ..r
        },
        buf,
    );
    if let Some(mk) = marking {
        let x = r.x + r.width.saturating_sub(mark_w);
        Paragraph::new(Span::styled(mk, t.classification)).render(
            Rect {
                x,
                y: r.y,
                width: mark_w.min(r.width),
                height: 1,
            },
            buf,
        );
    }
    // The clock, the walk and the quorum always show; the item's title takes what is left.
    let mut spans = Vec::new();
    let mut item_label = None;
    match app
        .screen
        .under_discussion
        .and_then(|i| app.record.minutes.items.get(i))
    {
        Some(rec) => {
            spans.push(Span::styled(" ▶ ", t.title));
            item_label = Some(format!(
                "{} {}",
                inert_line(&rec.id),
                inert_line(&rec.title)
            ));
            if let Some(start) = rec.taken_up {
                let elapsed = (app.screen.now.time() - start).num_seconds().max(0);
                let limit = app.agenda_item(&rec.id).and_then(|a| a.minutes);
                let text = match limit {
                    Some(min) => format!("  {} / {}", clock(elapsed), clock(i64::from(min) * 60)),
                    None => format!("  {}", clock(elapsed)),
                };
                let over = limit.is_some_and(|min| elapsed > i64::from(min) * 60);
                spans.push(Span::styled(text, if over { t.warning } else { t.key }));
            }
        }
        None => {
            let left_last = app
                .record
                .minutes
                .items
                .iter()
                .filter_map(|r| r.left.map(|at| (at, r)))
                .max_by_key(|(at, _)| *at);
            let text = match left_last {
                Some((at, rec)) => format!(
                    " No item under discussion ({} left at {}): Enter on an agenda item takes it up",
                    inert_line(&rec.id),
                    at.format("%H:%M")
                ),
                None => " No item taken up: Enter on an agenda item starts its clock".to_string(),
            };
            spans.push(Span::styled(text, t.muted));
        }
    }
    if let Some(pos) = app.area_position() {
        spans.push(Span::styled(
            format!("  · area {}/{}", pos + 1, app.plan.areas.len()),
            t.text,
        ));
    }
    if let Some(q) = m.quorum {
        let quorum = app.quorum();
        let (text, style) = if quorum.met {
            (format!("  · quorum {}/{q} ✓", quorum.counted), t.text)
        } else {
            (format!("  · no quorum ({}/{q})", quorum.counted), t.warning)
        };
        spans.push(Span::styled(text, style));
    }
    if let Some(label) = item_label {
        let used: usize = spans.iter().map(Span::width).sum();
        let room = (r.width as usize).saturating_sub(used).max(8);
        let label: String = fit(&label, room).trim_end().to_string();
        spans.insert(1, Span::styled(label, t.text));
    }
    Paragraph::new(Line::from(spans)).render(
        Rect {
            y: r.y + 1,
            height: 1,
            ..r
        },
        buf,
    );
}

fn pane_block(app: &App, pane: Pane, title: impl Into<Line<'static>>) -> Block<'static> {
    let t = &app.theme;
    let focused = app.screen.focus == pane && app.screen.mode.kind() == ModeKind::Normal;
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { t.border_focused } else { t.border })
        .title(title.into().style(t.title))
}

/// The mark of a confidential agenda item.
const CONFIDENTIAL_ITEM: &str = " conf";

fn agenda(app: &App, r: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let block = pane_block(app, Pane::Agenda, " Agenda ".to_string());
    let inner = block.inner(r);
    block.render(r, buf);
    let height = inner.height as usize;
    let n = app.record.minutes.items.len();
    let offset = window(app.screen.item, n, height);
    let width = inner.width as usize;
    for (line, i) in (offset..(offset + height).min(n)).enumerate() {
        let rec = &app.record.minutes.items[i];
        let mark = if app.screen.under_discussion == Some(i) {
            "▶"
        } else if rec.has_records() {
            "●"
        } else {
            " "
        };
        let area = rec
            .area
            .as_deref()
            .and_then(|a| app.plan.area(a))
            .map(|a| format!(" A{}", a.number))
            .unwrap_or_default();
        let label = format!("{mark} {} {}", inert_line(&rec.id), inert_line(&rec.title));
        // A confidential item says so on its row, in the classification's style.
        let conf = if rec.confidential {
            CONFIDENTIAL_ITEM
        } else {
            ""
        };
        let text_w = width.saturating_sub(area.chars().count() + conf.chars().count());
        let selected = i == app.screen.item;
        let style = match (selected, app.screen.focus == Pane::Agenda) {
            (true, true) => t.selected,
            (true, false) => t
                .selected
                .patch(Style::new().add_modifier(ratatui::style::Modifier::DIM)),
            _ => t.text,
        };
        let y = inner.y + line as u16;
        buf.set_line(
            inner.x,
            y,
            &Line::from(vec![
                Span::styled(fit(&label, text_w), style),
                Span::styled(conf, t.classification),
                Span::styled(area, if selected { style } else { t.muted }),
            ]),
            inner.width,
        );
    }
}

fn owner_spans(app: &App, owners: &[String], style: Style) -> Vec<Span<'static>> {
    if owners.is_empty() {
        return vec![Span::styled("—", app.theme.muted)];
    }
    let mut out = Vec::new();
    for (i, o) in owners.iter().enumerate() {
        if i > 0 {
            out.push(Span::styled(",", style));
        }
        let (label, st) = match app.plan.partner(o) {
            Some(p) => (p.label().to_string(), style),
            None => (o.clone(), style.patch(app.theme.free_text)),
        };
        out.push(Span::styled(inert_line(&label).into_owned(), st));
    }
    out
}

/// Spans laid out in a fixed width: cut with `…` or padded.
fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut left = width;
    let total: usize = spans.iter().map(|s| s.width()).sum();
    for s in spans {
        if left == 0 {
            break;
        }
        let w = s.width();
        if w <= left && (total <= width || w < left) {
            left -= w;
            out.push(s);
        } else {
            let cut = fit(&s.content, left);
            out.push(Span::styled(cut, s.style));
            left = 0;
        }
    }
    if left > 0 {
        out.push(Span::raw(" ".repeat(left)));
    }
    out
}

/// The status, and this meeting's change beside it (`open→done`, or `→done` when narrow).
fn status_spans(
    app: &App,
    before: Status,
    after: Option<Status>,
    width: usize,
) -> Vec<Span<'static>> {
    let t = &app.theme;
    let word = |s: Status| status_word(s, width);
    match after.filter(|a| *a != before) {
        Some(a) => {
            // The old value and the new in the column's words, else both short
            // (`in-prog→done`), else the new value alone.
            let fits = |b: &str, a: &str| b.len() + 1 + a.len() <= width;
            let (old, new) = [
                (word(before), word(a)),
                (status_word(before, 0), status_word(a, 0)),
            ]
            .into_iter()
            .find(|(b, a)| fits(b, a))
            .map_or((None, word(a)), |(b, a)| (Some(b), a));
            let mut out = Vec::new();
            if let Some(old) = old {
                out.push(Span::styled(old.to_string(), t.muted));
            }
            out.push(Span::styled(
                format!("→{new}"),
                t.status(a).patch(t.changed),
            ));
            out
        }
        None => vec![Span::styled(word(before).to_string(), t.status(before))],
    }
}

/// A status as a column `width` wide shows it: `in-prog` when narrow.
fn status_word(s: Status, width: usize) -> &'static str {
    match s {
        Status::InProgress if width < 12 => "in-prog",
        other => other.as_str(),
    }
}

fn due_span(
    app: &App,
    due: Option<chrono::NaiveDate>,
    outstanding: bool,
    changed: bool,
    short: bool,
) -> Span<'static> {
    let t = &app.theme;
    match due {
        None => Span::styled("—", t.muted),
        Some(d) => {
            let overdue = outstanding && d < app.meeting_date();
            let style = if changed {
                t.changed
            } else if overdue {
                t.overdue
            } else {
                t.text
            };
            let shown = if short {
                crate::model::dates::day_month(d)
            } else {
                app.screen.dates.format(d)
            };
            Span::styled(format!("{}{shown}", if changed { "→" } else { "" }), style)
        }
    }
}

/// A row for an action: its state before this meeting, with this meeting's change beside.
fn action_line(app: &App, name: &str, c: &Columns, text: &str) -> RowLine {
    let t = &app.theme;
    let Some(before) = app.before_row(name) else {
        return RowLine {
            line: Line::from(Span::styled(
                format!("{} (unknown action)", inert_line(name)),
                t.error,
            )),
            takes_look: false,
        };
    };
    let change = app.change_to(name);
    let status_before = before.status;
    let status_after = change.as_ref().and_then(|u| u.status);
    let owners_after = change.as_ref().and_then(|u| u.owners.clone());
    let due_after = change.as_ref().and_then(|u| u.due);
    let owners = owners_after
        .clone()
        .unwrap_or_else(|| before.owners.to_vec());
    let due = due_after.or(before.due);
    let outstanding = status_after.unwrap_or(status_before).is_outstanding();
    let mut spans = vec![Span::styled(fit(&inert_line(name), c.id), t.key)];
    spans.push(Span::styled(fit(text, c.title), t.text));
    spans.push(Span::raw(" "));
    if c.owners > 0 {
        let style = if owners_after.is_some() {
            t.changed
        } else {
            t.text
        };
        spans.extend(fit_spans(owner_spans(app, &owners, style), c.owners - 1));
        spans.push(Span::raw(" "));
    }
    if c.due > 0 {
        let due = due_span(app, due, outstanding, due_after.is_some(), c.short_dates());
        spans.extend(fit_spans(vec![due], c.due - 1));
        spans.push(Span::raw(" "));
    }
    if c.status > 0 {
        let status = status_spans(app, status_before, status_after, c.status);
        spans.extend(fit_spans(status, c.status));
    }
    row_line(spans)
}

fn decision_line(app: &App, d: &Decision, c: &Columns, text: &str) -> RowLine {
    let t = &app.theme;
    let mut spans = vec![Span::styled(fit(&inert_line(&d.id), c.id), t.key)];
    // The marks in their styles, then the text, in the text column's width.
    let mut marks = Vec::new();
    let mut rest = text;
    if d.confidential
        && let Some(r) = rest.strip_prefix(CONFIDENTIAL_MARK)
    {
        marks.push(Span::styled(CONFIDENTIAL_MARK, t.classification));
        rest = r;
    }
    if let Some(r) = rest.strip_prefix(NO_QUORUM_MARK) {
        marks.push(Span::styled(NO_QUORUM_MARK, t.warning));
        rest = r;
    }
    marks.push(Span::styled(rest.to_string(), t.text));
    spans.extend(fit_spans(marks, c.title));
    spans.push(Span::raw(" "));
    if c.owners > 0 {
        spans.extend(fit_spans(owner_spans(app, &d.owners, t.text), c.owners - 1));
        spans.push(Span::raw(" "));
    }
    let status = d.effective_status();
    if c.due > 0 {
        let outstanding = status.is_some_and(Status::is_outstanding);
        let due = due_span(app, d.due, outstanding, false, c.short_dates());
        spans.extend(fit_spans(vec![due], c.due - 1));
        spans.push(Span::raw(" "));
    }
    if c.status > 0 {
        let s = match status {
            Some(s) => Span::styled(status_word(s, c.status).to_string(), t.status(s)),
            None => Span::styled("record", t.muted),
        };
        spans.extend(fit_spans(vec![s], c.status));
    }
    row_line(spans)
}

/// How a row is drawn: selected, changed by the last undo or redo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RowLook {
    selected: bool,
    changed: bool,
}

/// A wrapped row's next line: its text under the text column.
fn continuation(app: &App, c: &Columns, text: &str) -> RowLine {
    row_line(vec![
        Span::raw(" ".repeat(c.id)),
        Span::styled(fit(text, c.title), app.theme.text),
    ])
}

/// A row's line, to be drawn in its look by [`finish_row`].
fn row_line(spans: Vec<Span<'static>>) -> RowLine {
    RowLine {
        line: Line::from(spans),
        takes_look: true,
    }
}

/// A row's line in its look: selected, changed by the last undo or redo.
fn finish_row(app: &App, spans: Vec<Span<'static>>, look: RowLook) -> Line<'static> {
    let spans = if look.changed {
        spans
            .into_iter()
            .map(|s| Span::styled(s.content, s.style.patch(app.theme.changed)))
            .collect()
    } else {
        spans
    };
    if !look.selected {
        return Line::from(spans);
    }
    let sel = if app.screen.focus == Pane::Main {
        app.theme.selected
    } else {
        app.theme
            .selected
            .add_modifier(ratatui::style::Modifier::DIM)
    };
    Line::from(
        spans
            .into_iter()
            .map(|s| Span::styled(s.content, s.style.patch(sel)))
            .collect::<Vec<_>>(),
    )
}

fn main_list(app: &App, r: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Some(rec) = app.current() else {
        pane_block(app, Pane::Main, " (no agenda items) ").render(r, buf);
        return;
    };
    let title = format!(" {} {} ", inert_line(&rec.id), inert_line(&rec.title));
    // Looking at an item that is not under discussion says where records go, first, where
    // a long title cannot push it out of sight.
    let looking = match app.screen.under_discussion {
        Some(u) if u != app.screen.item => {
            let id = app
                .record
                .minutes
                .items
                .get(u)
                .map_or("", |r| r.id.as_str());
            Some(Span::styled(
                format!(" looking only: records go to ▶ {} ·", inert_line(id)),
                t.warning,
            ))
        }
        _ => None,
    };
    // A confidential item says so first, for the same reason.
    let mut head = Vec::new();
    head.extend(looking);
    if rec.confidential {
        head.push(Span::styled(" confidential ·", t.classification));
    }
    head.push(Span::raw(title));
    let title = Line::from(head);
    let block =
        pane_block(app, Pane::Main, title).borders(Borders::TOP | Borders::LEFT | Borders::RIGHT);
    let inner = block.inner(r);
    block.render(r, buf);
    let area = rec.area.as_deref().and_then(|a| app.plan.area(a));
    let actions = app.shown();
    let decisions = app.decisions();
    let height = inner.height as usize;
    let lines = MainLines::of(app, inner.width as usize, height);
    let c = lines.columns;
    let total = lines.count();
    let offset = lines.window(app.screen.row, height);
    let selected = app.row_at(app.screen.row);
    let changed = app.screen.changed.as_ref();
    let look = |row: Row| RowLook {
        selected: selected == Some(row),
        changed: changed.is_some_and(|t| shows(app, row, t)),
    };
    // The wrapped lines of the row being drawn, kept while its lines are drawn.
    let mut wrapped: Option<(Row, Vec<String>)> = None;
    let mut text_part = |row: Row, part: usize, r: usize| -> String {
        if lines.height_of_row(r) == 1 {
            return row_text(app, row);
        }
        if wrapped.as_ref().is_none_or(|(w, _)| *w != row) {
            wrapped = Some((row, crate::text::wrap(&row_text(app, row), c.title)));
        }
        wrapped
            .as_ref()
            .and_then(|(_, w)| w.get(part).cloned())
            .unwrap_or_default()
    };
    // The rows' lines drawn for an earlier frame, when drawn from the same.
    let mut kept = app.cache.rows.borrow_mut();
    kept.follow(
        DrawnFrom {
            revision: app.record.revision,
            item: app.screen.item,
            width: inner.width as usize,
            dates: app.screen.dates,
        },
        &app.theme,
    );
    let mut in_view: Option<Range<usize>> = None;
    for (y, line_no) in (offset..(offset + height).min(total)).enumerate() {
        let Some((what, part)) = lines.line_part(line_no) else {
            break;
        };
        let y = inner.y + y as u16;
        let row = match what {
            MainLine::Action(i) => actions.name(i).map(|name| (Row::Action(i), i, Some(name))),
            MainLine::Decision(j) => Some((Row::Decision(j), actions.len() + j, None)),
            _ => None,
        };
        if let Some((row, r, name)) = row {
            in_view = Some(in_view.map_or(r..r + 1, |v| v.start.min(r)..v.end.max(r + 1)));
            let at = LineOf {
                row: r,
                height: lines.height_of_row(r),
                part,
            };
            let drawn = kept.get_or_draw(at, || {
                let text = text_part(row, part, r);
                match (row, name) {
                    _ if part > 0 => continuation(app, &c, &text),
                    (Row::Action(_), Some(name)) => action_line(app, name, &c, &text),
                    (Row::Action(_), None) => row_line(Vec::new()),
                    (Row::Decision(j), _) => decision_line(app, &decisions[j], &c, &text),
                }
            });
            let look = look(row);
            if drawn.takes_look && (look.selected || look.changed) {
                let line = finish_row(app, drawn.line.spans.clone(), look);
                buf.set_line(inner.x, y, &line, inner.width);
            } else {
                buf.set_line(inner.x, y, &drawn.line, inner.width);
            }
            continue;
        }
        let line = match what {
            MainLine::ActionsHeader if !matches!(actions, Shown::Plan(_)) => {
                let what = "Matters arising: outstanding from earlier meetings";
                Line::from(Span::styled(format!("{what} ({})", actions.len()), t.title))
            }
            MainLine::ActionsHeader => {
                let a = area
                    .map(|a| {
                        format!(
                            "Priority area {} · {} · plan actions",
                            a.number,
                            inert_line(&a.title)
                        )
                    })
                    .unwrap_or_else(|| {
                        format!(
                            "Area {} is not in the plan",
                            inert_line(rec.area.as_deref().unwrap_or(""))
                        )
                    });
                Line::from(Span::styled(a, t.title))
            }
            MainLine::NoActions if matches!(actions, Shown::Plan(_)) => {
                Line::from(Span::styled("  no actions in this area", t.muted))
            }
            MainLine::NoActions => Line::from(Span::styled(
                "  nothing outstanding from earlier meetings",
                t.muted,
            )),
            MainLine::DecisionsHeader => {
                let mut spans = vec![Span::styled(
                    format!(
                        "Decisions under {} ({})",
                        inert_line(&rec.id),
                        decisions.len()
                    ),
                    t.title,
                )];
                if !rec.statements.is_empty() {
                    let said: Vec<String> = rec
                        .statements
                        .iter()
                        .map(|s| statement_summary(&app.plan, s))
                        .collect();
                    spans.push(Span::styled(
                        format!(" · on the item: {}", said.join(", ")),
                        t.changed,
                    ));
                }
                Line::from(spans)
            }
            MainLine::NoDecisions => {
                Line::from(Span::styled("  no decisions yet: d records one", t.muted))
            }
            // An action the item names and no longer has: an empty line.
            MainLine::Action(_) | MainLine::Decision(_) => Line::default(),
        };
        buf.set_line(inner.x, y, &line, inner.width);
    }
    kept.keep_rows(in_view.unwrap_or(0..0));
}

/// True when `row` of the current item shows the record `target` names (what
/// [`App::selected_target_at`] says, without building the target).
fn shows(app: &App, row: Row, target: &Target) -> bool {
    match (row, target) {
        (Row::Action(i), Target::Action(name)) => app.shown().name(i) == Some(name.as_str()),
        (Row::Decision(j), Target::Decision { item, id }) => {
            *item == app.screen.item && app.decisions().get(j).is_some_and(|d| d.id == *id)
        }
        _ => false,
    }
}

fn detail(app: &App, r: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let block = pane_block(app, Pane::Main, String::new())
        .borders(Borders::ALL)
        .title(Span::styled(" Detail ", t.muted));
    let inner = block.inner(r);
    block.render(r, buf);
    let mut lines: Vec<Line> = Vec::new();
    let names = |owners: &[String]| -> String {
        owners
            .iter()
            .map(|o| {
                app.plan
                    .partner(o)
                    .map_or_else(|| format!("{o} (free text)"), |p| p.name.clone())
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match app.row_at(app.screen.row) {
        Some(Row::Action(i)) => {
            let name = app.shown().name(i).unwrap_or("");
            let before = app.before(name);
            let state = before.as_deref();
            let title = state.map_or("", |s| s.title.as_str());
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", inert_line(name)), t.key),
                Span::raw(inert_line(title).into_owned()),
            ]));
            let plan_row = app.plan.action(name).map(|(_, x)| x);
            if let Some(x) = plan_row.filter(|x| !x.need.is_empty()) {
                lines.push(Line::from(vec![
                    Span::styled("Need: ", t.muted),
                    Span::raw(inert_line(&x.need).into_owned()),
                ]));
            }
            let owners = state.map(|s| s.owners.clone()).unwrap_or_default();
            let mut who = vec![
                Span::styled("Owners: ", t.muted),
                Span::raw(inert_line(&names(&owners)).into_owned()),
            ];
            match (plan_row, state) {
                (Some(x), _) => {
                    who.push(Span::styled("  Partners: ", t.muted));
                    who.push(Span::raw(inert_line(&names(&x.partners)).into_owned()));
                }
                (None, Some(s)) => {
                    who.push(Span::styled("  Agreed at: ", t.muted));
                    who.push(Span::raw(inert_line(s.source.label()).into_owned()));
                }
                (None, None) => {}
            }
            lines.push(Line::from(who));
            if let Some(u) = app.change_to(name) {
                let mut parts = Vec::new();
                if let Some(s) = u.status {
                    // The old value too: a narrow status column shows only `→done`.
                    match state.map(|b| b.status).filter(|b| *b != s) {
                        Some(b) => parts.push(format!("status {b} → {s}")),
                        None => parts.push(format!("status {s}")),
                    }
                }
                if let Some(o) = &u.owners {
                    parts.push(format!("owners {}", names(o)));
                }
                if let Some(d) = u.due {
                    parts.push(format!("due {}", app.screen.dates.format(d)));
                }
                if let Some(n) = &u.note {
                    parts.push(format!("note: {n}"));
                }
                lines.push(Line::from(vec![
                    Span::styled("This meeting: ", t.changed),
                    Span::raw(inert_line(&parts.join("; ")).into_owned()),
                ]));
            }
        }
        Some(Row::Decision(j)) => {
            let d = &app.decisions()[j];
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", inert_line(&d.id)), t.key),
                Span::raw(inert_line(&d.text).into_owned()),
            ]));
            if d.is_action() {
                let due = d.due.map_or_else(
                    || "no due date".to_string(),
                    |x| app.screen.dates.with_weekday(x),
                );
                lines.push(Line::from(vec![
                    Span::styled("Owners: ", t.muted),
                    Span::raw(inert_line(&names(&d.owners)).into_owned()),
                    Span::styled("  Due: ", t.muted),
                    Span::raw(due),
                ]));
            } else {
                lines.push(Line::from(Span::styled(
                    "A record of what was decided (no owner, no due date): not an action.",
                    t.muted,
                )));
            }
            lines.extend(taken_lines(app, d));
            for st in &d.statements {
                lines.push(statement_line(app, st));
            }
            if d.without_quorum {
                lines.push(Line::from(Span::styled(
                    "Recorded without a quorum: the minutes say so.",
                    t.warning,
                )));
            }
        }
        None => {}
    }
    if let Some(rec) = app.current().filter(|r| !r.statements.is_empty()) {
        lines.push(Line::from(Span::styled(
            format!("Statements on item {}:", inert_line(&rec.id)),
            t.muted,
        )));
        for st in &rec.statements {
            lines.push(statement_line(app, st));
        }
    }
    if let Some(notes) = app
        .current()
        .and_then(|r| r.notes.as_deref())
        .filter(|n| !n.trim().is_empty())
    {
        lines.push(Line::from(Span::styled("Record of discussion:", t.muted)));
        lines.extend(
            crate::text::inert(notes)
                .lines()
                .map(|l| Line::from(l.to_string())),
        );
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled("Enter takes up an item; d records a decision; n notes the discussion; ? lists every key.", t.muted)));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

/// How a decision was taken, for the detail box: nothing for consensus; a vote by side,
/// with the tally and the result; ad referendum with its silence deadline.
fn taken_lines(app: &App, d: &Decision) -> Vec<Line<'static>> {
    let t = &app.theme;
    let names = |ids: &[String]| -> String {
        if ids.is_empty() {
            return "none".to_string();
        }
        ids.iter()
            .map(|o| app.plan.partner(o).map_or(o.as_str(), |p| p.name.as_str()))
            .map(|n| inert_line(n).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match &d.taken {
        Taken::Consensus => Vec::new(),
        Taken::Vote(v) => vec![
            Line::from(vec![
                Span::styled("Taken by a recorded vote: ", t.muted),
                Span::raw(format!(
                    "{} for, {} against, {} abstaining · {}",
                    v.yes.len(),
                    v.no.len(),
                    v.abstain.len(),
                    if v.adopted() {
                        "adopted"
                    } else {
                        "not adopted"
                    }
                )),
            ]),
            Line::from(vec![
                Span::styled("For: ", t.muted),
                Span::raw(names(&v.yes)),
                Span::styled("  Against: ", t.muted),
                Span::raw(names(&v.no)),
                Span::styled("  Abstain: ", t.muted),
                Span::raw(names(&v.abstain)),
            ]),
        ],
        Taken::AdReferendum { .. } => vec![Line::from(vec![
            Span::styled("Taken ", t.muted),
            Span::raw(taken_summary(&d.taken, app.screen.dates)),
        ])],
    }
}

/// A statement in full: `Reservation by Austria: “…”`.
fn statement_line(app: &App, s: &Statement) -> Line<'static> {
    let who = app
        .plan
        .partner(&s.by)
        .map_or(s.by.as_str(), |p| p.name.as_str());
    let kind = s.kind.as_str();
    let mut head: String = kind
        .chars()
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    head.push_str(&kind[kind.chars().next().map_or(0, char::len_utf8)..]);
    Line::from(vec![
        Span::styled(
            format!("{head} by {}: ", inert_line(who)),
            app.theme.changed,
        ),
        Span::raw(inert_line(&s.text).into_owned()),
    ])
}

/// How many characters of the undo label the footer shows.
const UNDO_LABEL: usize = 24;

/// The key hints: full names when they fit, else short ones, leaving hints out in
/// [`FOOTER_DROP`] order; `?` always stays, last. Undo says what it would undo.
fn footer(app: &App, r: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let mode = app.screen.mode.kind();
    let mut hints: Vec<&Binding> = working(mode, app.read_only())
        .filter(|b| b.footer)
        .collect();
    if let Some(i) = hints.iter().position(|b| b.action == Action::Help) {
        let help = hints.remove(i);
        hints.push(help);
    }
    let undo = app.record.next_undo().map(|e| fit(&e.label(), UNDO_LABEL));
    // Tiers, widest first: (short names, undo says what, gap between hints).
    let tiers = [
        (false, true, 1),
        (false, false, 1),
        (true, true, 0),
        (true, false, 0),
    ];
    let label = |b: &Binding, short: bool, what: bool| -> String {
        let name = if short {
            footer_short(b)
        } else {
            footer_name(b)
        };
        match (&b.action, &undo) {
            (Action::Undo, Some(u)) if what => format!("{name} {}", u.trim_end()),
            _ => name.to_string(),
        }
    };
    let width = |hs: &[&Binding], (short, what, gap): (bool, bool, usize)| -> usize {
        hs.iter()
            .map(|b| {
                2 + binding_key_label(b, b.keys[0]).chars().count()
                    + label(b, short, what).chars().count()
                    + gap
            })
            .sum()
    };
    let room = r.width as usize;
    let fits = |hs: &[&Binding]| tiers.into_iter().find(|&tier| width(hs, tier) <= room);
    let mut tier = fits(&hints);
    // What undo would undo matters more than the hints of v and r (the help lists them):
    // they go first when keeping them would cut the undo label.
    if undo.is_some() && tier.is_none_or(|(_, what, _)| !what) {
        let without: Vec<&Binding> = hints
            .iter()
            .copied()
            .filter(|b| !matches!(b.action, Action::HowTaken | Action::Statement))
            .collect();
        if let Some(t) = fits(&without).filter(|(_, what, _)| *what) {
            hints = without;
            tier = Some(t);
        }
    }
    let tier = tier.unwrap_or((true, false, 0));
    for drop in FOOTER_DROP {
        if width(&hints, tier) <= room {
            break;
        }
        hints.retain(|b| b.action != *drop);
    }
    let (short, what, gap) = tier;
    let mut spans = Vec::new();
    for b in hints {
        spans.push(Span::styled(
            format!(" {}", binding_key_label(b, b.keys[0])),
            t.key,
        ));
        spans.push(Span::styled(
            format!(" {}{}", label(b, short, what), " ".repeat(gap)),
            t.muted,
        ));
    }
    buf.set_line(r.x, r.y, &Line::from(spans), r.width);
}

fn status_line(app: &App, r: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let line = match (&app.record.save, &app.screen.message) {
        // What to do now (quit again, press w) stays readable while writes fail.
        (SaveState::Failed(e), Some(Message::Error(m))) => {
            Span::styled(format!(" {m} · NOT SAVED: {e}"), t.error)
        }
        (SaveState::Failed(e), _) => Span::styled(
            format!(" NOT SAVED: {e}. Kept in memory; retried on the next change and on w."),
            t.error,
        ),
        (SaveState::ReadOnly(why), None) => Span::styled(format!(" READ-ONLY: {why}"), t.warning),
        (_, Some(Message::Error(e))) => Span::styled(format!(" {e}"), t.error),
        (_, Some(Message::Info(m))) => Span::styled(format!(" {m}"), t.text),
        // The truth about the disk: nothing claimed before the first write of this session.
        (_, None) => match app.record.written {
            Some(at) => Span::styled(
                format!(
                    " ✓ saved at {} · {}",
                    at.format("%H:%M:%S"),
                    inert_line(&app.screen.minutes_path)
                ),
                t.muted,
            ),
            None => Span::styled(
                format!(" no changes yet · {}", inert_line(&app.screen.minutes_path)),
                t.muted,
            ),
        },
    };
    buf.set_line(r.x, r.y, &Line::from(line), r.width);
}

//! `update(&mut App, Action) -> Effect`: every behaviour of the live screen, with no I/O.

use chrono::Timelike;

use super::action::{Action, Effect};
use super::app::{App, Message, Mode, Pane, Row, Target};
use super::draft::{Draft, DraftKind};
use super::layout::{Layout, main_line_count, main_line_of_row};
use super::widgets::attendance::{AttendanceList, AttendanceRow};
use super::widgets::notes::NotesEditor;
use super::widgets::owners::OwnerPicker;
use super::widgets::prompt::{Prompt, PromptKind};
use super::widgets::search::{Hit, SearchView, decision_entries};
use super::widgets::status::StatusPicker;
use crate::model::dates::parse_due;
use crate::model::{Attendance, Decision, ItemRecord, Minutes, Status, Update};

const UNDO_DEPTH: usize = 500;

/// Applies one action.
pub fn update(app: &mut App, action: Action) -> Effect {
    match action {
        Action::Tick(now) => {
            app.now = now;
            return Effect::None;
        }
        Action::Resize(w, h) => {
            app.size = (w, h);
            return Effect::None;
        }
        _ => {}
    }
    let mode = std::mem::replace(&mut app.mode, Mode::Normal);
    match mode {
        Mode::Normal => normal(app, action),
        Mode::Prompt(p) => prompt(app, p, action),
        Mode::Owners(o) => owners(app, o, action),
        Mode::Status(s) => status(app, s, action),
        Mode::Notes(n) => notes(app, n, action),
        Mode::Attendance(a) => attendance(app, a, action),
        Mode::Search(s) => search(app, s, action),
        Mode::Help { scroll } => help(app, scroll, action),
        Mode::Recover(d) => recover(app, d, action),
    }
}

/// Records a change to the minutes: kept for undo, and written by the loop.
fn record(app: &mut App, change: impl FnOnce(&mut Minutes)) -> Effect {
    if let super::app::SaveState::ReadOnly(why) = &app.save {
        app.message = Some(Message::Error(format!("read-only: {why}")));
        return Effect::None;
    }
    let before = app.minutes.clone();
    change(&mut app.minutes);
    if app.minutes == before {
        return Effect::None;
    }
    app.undo.push(before);
    if app.undo.len() > UNDO_DEPTH {
        app.undo.remove(0);
    }
    app.redo.clear();
    Effect::Save
}

fn select_item(app: &mut App, i: usize) {
    app.item = i.min(app.minutes.items.len().saturating_sub(1));
    app.row = 0;
}

fn move_selection(app: &mut App, delta: isize) {
    match app.focus {
        Pane::Agenda => {
            let n = app.minutes.items.len() as isize;
            if n > 0 {
                let i = (app.item as isize + delta).clamp(0, n - 1) as usize;
                if i != app.item {
                    select_item(app, i);
                }
            }
        }
        Pane::Main => {
            let n = app.row_count() as isize;
            if n > 0 {
                app.row = (app.row as isize + delta).clamp(0, n - 1) as usize;
            }
        }
    }
}

fn page(app: &App) -> isize {
    (app.size.1.saturating_sub(10) as isize).max(1)
}

/// Walks to a priority area by position: selects its first item, or adds one.
fn walk_to(app: &mut App, pos: usize) -> Effect {
    let Some(area) = app.plan.areas.get(pos) else {
        app.message = Some(Message::Info(format!(
            "the plan has {} priority areas",
            app.plan.areas.len()
        )));
        return Effect::None;
    };
    let area_id = area.id.clone();
    if let Some(i) = app
        .minutes
        .items
        .iter()
        .position(|r| r.area.as_deref() == Some(&area_id))
    {
        select_item(app, i);
        return Effect::None;
    }
    let mut id = format!("area-{}", area.number);
    while app.minutes.item(&id).is_some() {
        id.push('+');
    }
    let record_item = ItemRecord {
        id,
        title: format!("Priority area {}: {}", area.number, area.title),
        area: Some(area_id),
        ..ItemRecord::default()
    };
    let effect = record(app, |m| m.items.push(record_item));
    select_item(app, app.minutes.items.len() - 1);
    app.message = Some(Message::Info(
        "no agenda item for this area: one was added at the end".into(),
    ));
    effect
}

fn walk(app: &mut App, forward: bool) -> Effect {
    let n = app.plan.areas.len();
    if n == 0 {
        app.message = Some(Message::Info("the plan has no priority areas".into()));
        return Effect::None;
    }
    let here = app.area_position().or_else(|| {
        // From an item without an area, the walk goes on from the last area before it.
        app.minutes.items[..app.item.min(app.minutes.items.len())]
            .iter()
            .rev()
            .find_map(|r| r.area.as_deref().and_then(|a| app.plan.area_position(a)))
    });
    let next = match (here, forward) {
        (None, true) => Some(0),
        (None, false) => Some(n - 1),
        (Some(p), true) => (p + 1 < n).then_some(p + 1),
        (Some(p), false) => p.checked_sub(1),
    };
    match next {
        Some(p) => walk_to(app, p),
        None => {
            let edge = if forward { "last" } else { "first" };
            app.message = Some(Message::Info(format!("this is the {edge} priority area")));
            Effect::None
        }
    }
}

fn need_target(app: &mut App) -> Option<Target> {
    let t = app.selected_target();
    if t.is_none() {
        app.message = Some(Message::Info(
            "select a decision or a plan action first (Tab to the main pane)".into(),
        ));
    }
    t
}

/// The update record for `action` under the current item, created if needed.
fn update_for<'a>(m: &'a mut Minutes, item: usize, action: &str) -> Option<&'a mut Update> {
    let rec = m.items.get_mut(item)?;
    let i = match rec.updates.iter().position(|u| u.action == action) {
        Some(i) => i,
        None => {
            rec.updates.push(Update {
                action: action.to_string(),
                ..Update::default()
            });
            rec.updates.len() - 1
        }
    };
    rec.updates.get_mut(i)
}

fn decision_mut<'a>(m: &'a mut Minutes, item: usize, id: &str) -> Option<&'a mut Decision> {
    m.items
        .get_mut(item)?
        .decisions
        .iter_mut()
        .find(|d| d.id == id)
}

/// The current owners, due date and status of a target.
fn target_state(app: &App, t: &Target) -> (Vec<String>, Option<chrono::NaiveDate>, Status) {
    match t {
        Target::Decision { item, id } => app
            .decision(*item, id)
            .map(|d| {
                (
                    d.owners.clone(),
                    d.due,
                    d.effective_status().unwrap_or_default(),
                )
            })
            .unwrap_or_default(),
        Target::Action(a) => {
            let before = app.before(a);
            let change = app.change_to(a).unwrap_or_default();
            (
                change
                    .owners
                    .or_else(|| before.map(|b| b.owners.clone()))
                    .unwrap_or_default(),
                change.due.or_else(|| before.and_then(|b| b.due)),
                change
                    .status
                    .or_else(|| before.map(|b| b.status))
                    .unwrap_or_default(),
            )
        }
    }
}

fn normal(app: &mut App, action: Action) -> Effect {
    match action {
        Action::Up => move_selection(app, -1),
        Action::Down => move_selection(app, 1),
        Action::PageUp => move_selection(app, -page(app)),
        Action::PageDown => move_selection(app, page(app)),
        Action::Top => move_selection(app, isize::MIN / 2),
        Action::Bottom => move_selection(app, isize::MAX / 2),
        Action::NextPane | Action::PrevPane => app.focus = app.focus.next(),
        Action::NextArea => return walk(app, true),
        Action::PrevArea => return walk(app, false),
        Action::JumpArea(n) if n >= 1 => return walk_to(app, n - 1),
        Action::Enter => return enter(app),
        Action::Decide if app.current().is_some() => {
            app.mode = Mode::Prompt(Prompt::new(PromptKind::NewDecision, ""));
        }
        Action::Owners => {
            if let Some(t) = need_target(app) {
                let (current, _, _) = target_state(app, &t);
                app.mode =
                    Mode::Owners(OwnerPicker::new(t, false, &current, &app.owner_candidates));
            }
        }
        Action::Due => {
            if let Some(t) = need_target(app) {
                let (_, due, _) = target_state(app, &t);
                let text = due.map(|d| d.to_string()).unwrap_or_default();
                app.mode = Mode::Prompt(Prompt::new(
                    PromptKind::Due {
                        target: t,
                        chain: false,
                    },
                    &text,
                ));
            }
        }
        Action::Status => {
            if let Some(t) = need_target(app) {
                let (_, _, status) = target_state(app, &t);
                app.mode = Mode::Status(StatusPicker::new(t, status));
            }
        }
        Action::Notes => {
            if let Some(r) = app.current() {
                let text = r.notes.clone().unwrap_or_default();
                app.mode = Mode::Notes(NotesEditor::new(app.item, &text));
            }
        }
        Action::Delete => return delete(app),
        Action::Undo => return undo(app, true),
        Action::Redo => return undo(app, false),
        Action::Attendance => {
            app.mode = Mode::Attendance(AttendanceList::new(&app.minutes, &app.plan))
        }
        Action::Search => {
            let dynamic = decision_entries(&app.minutes, &app.others);
            app.mode = Mode::Search(SearchView::new(app.search_entries.clone(), dynamic));
        }
        Action::Help => app.mode = Mode::Help { scroll: 0 },
        Action::Write => return Effect::WriteNow,
        Action::Quit => return Effect::Quit,
        Action::Cancel => app.message = None,
        Action::Click(col, row) => click(app, col, row),
        Action::ScrollUp => move_selection(app, -3),
        Action::ScrollDown => move_selection(app, 3),
        _ => {}
    }
    Effect::None
}

fn enter(app: &mut App) -> Effect {
    match app.focus {
        Pane::Agenda => {
            let Some(rec) = app.current() else {
                return Effect::None;
            };
            let effect = if rec.taken_up.is_none() {
                let t = app.now.time().with_nanosecond(0).unwrap_or_default();
                let item = app.item;
                record(app, |m| m.items[item].taken_up = Some(t))
            } else {
                Effect::None
            };
            app.under_discussion = Some(app.item);
            app.focus = Pane::Main;
            effect
        }
        Pane::Main => {
            match app.selected_target() {
                Some(t @ Target::Decision { .. }) => {
                    let Target::Decision { item, id } = &t else {
                        unreachable!()
                    };
                    let text = app
                        .decision(*item, id)
                        .map(|d| d.text.clone())
                        .unwrap_or_default();
                    app.mode = Mode::Prompt(Prompt::new(PromptKind::EditDecision(t), &text));
                }
                Some(Target::Action(a)) => {
                    let note = app
                        .current()
                        .and_then(|r| r.updates.iter().find(|u| u.action == a))
                        .and_then(|u| u.note.clone())
                        .unwrap_or_default();
                    app.mode = Mode::Prompt(Prompt::new(PromptKind::UpdateNote(a), &note));
                }
                None => app.focus = Pane::Agenda,
            }
            Effect::None
        }
    }
}

fn delete(app: &mut App) -> Effect {
    let item = app.item;
    match app.row_at(app.row) {
        Some(Row::Decision(i)) => {
            let id = app.decisions()[i].id.clone();
            let effect = record(app, |m| {
                let rec = &mut m.items[item];
                // The number stays issued: a later decision never takes a deleted one's id.
                rec.issued = Some(rec.highest_issued());
                rec.decisions.retain(|d| d.id != id);
            });
            app.row = app.row.min(app.row_count().saturating_sub(1));
            app.message = Some(Message::Info(format!(
                "decision {} deleted (u undoes)",
                crate::text::inert_line(&id)
            )));
            effect
        }
        Some(Row::Action(i)) => {
            let Some(action) = app.shown().name(i).map(str::to_string) else {
                return Effect::None;
            };
            let has = app
                .current()
                .is_some_and(|r| r.updates.iter().any(|u| u.action == action));
            if !has {
                app.message = Some(Message::Info(
                    "plan actions are not deleted here: only this item's update to one is".into(),
                ));
                return Effect::None;
            }
            app.message = Some(Message::Info(format!(
                "update to {} deleted (u undoes)",
                crate::text::inert_line(&action)
            )));
            record(app, |m| {
                m.items[item].updates.retain(|u| u.action != action)
            })
        }
        None => Effect::None,
    }
}

fn undo(app: &mut App, back: bool) -> Effect {
    if app.read_only() {
        return Effect::None;
    }
    let (from, to) = if back {
        (&mut app.undo, &mut app.redo)
    } else {
        (&mut app.redo, &mut app.undo)
    };
    let Some(version) = from.pop() else {
        app.message = Some(Message::Info(
            if back {
                "nothing to undo"
            } else {
                "nothing to redo"
            }
            .into(),
        ));
        return Effect::None;
    };
    to.push(std::mem::replace(&mut app.minutes, version));
    select_item(app, app.item);
    app.message = Some(Message::Info(if back { "undone" } else { "redone" }.into()));
    Effect::Save
}

fn click(app: &mut App, col: u16, row: u16) {
    let Some(l) = Layout::new(app.size.0, app.size.1) else {
        return;
    };
    let inside = |r: ratatui::layout::Rect, bottom_border: u16| {
        col >= r.x && col < r.x + r.width && row > r.y && row + bottom_border < r.y + r.height
    };
    if inside(l.agenda, 1) {
        app.focus = Pane::Agenda;
        let height = l.agenda.height.saturating_sub(2) as usize;
        let offset = super::widgets::window(app.item, app.minutes.items.len(), height);
        let i = offset + (row - l.agenda.y - 1) as usize;
        if i < app.minutes.items.len() {
            select_item(app, i);
        }
    } else if inside(l.list, 0) {
        app.focus = Pane::Main;
        let height = l.list.height.saturating_sub(1) as usize;
        let total = main_line_count(app);
        let offset = super::widgets::window(main_line_of_row(app, app.row), total, height);
        let line = offset + (row - l.list.y - 1) as usize;
        if let Some(r) = (0..app.row_count()).find(|&r| main_line_of_row(app, r) == line) {
            app.row = r;
        }
    }
}

fn set_owners(app: &mut App, t: &Target, owners: Vec<String>) -> Effect {
    let item = app.item;
    if matches!(t, Target::Action(_)) && target_state(app, t).0 == owners {
        return Effect::None;
    }
    match t.clone() {
        Target::Decision { item, id } => record(app, |m| {
            if let Some(d) = decision_mut(m, item, &id) {
                d.owners = owners;
            }
        }),
        Target::Action(a) => record(app, |m| {
            if let Some(u) = update_for(m, item, &a) {
                u.owners = Some(owners);
            }
        }),
    }
}

fn prompt(app: &mut App, mut p: Prompt, action: Action) -> Effect {
    match action {
        Action::Input(key) => p.key(key),
        Action::Paste(s) => p.paste(&s),
        Action::Quit => {
            app.mode = Mode::Prompt(p);
            return Effect::Quit;
        }
        Action::Cancel => {
            if let PromptKind::Due { chain: true, .. } = p.kind {
                app.message = Some(Message::Info("decision recorded without a due date".into()));
            }
            return Effect::None;
        }
        Action::Confirm => return confirm_prompt(app, p),
        _ => {}
    }
    app.mode = Mode::Prompt(p);
    Effect::None
}

fn confirm_prompt(app: &mut App, mut p: Prompt) -> Effect {
    let text = p.text().trim().to_string();
    let item = app.item;
    match p.kind.clone() {
        PromptKind::NewDecision => {
            if text.is_empty() {
                return Effect::None;
            }
            let Some(rec) = app.current() else {
                return Effect::None;
            };
            let id = rec.next_decision_id();
            let d = Decision {
                id: id.clone(),
                text,
                ..Decision::default()
            };
            let effect = record(app, |m| m.items[item].decisions.push(d));
            app.focus = Pane::Main;
            app.row = app.shown().len() + app.decisions().len().saturating_sub(1);
            let target = Target::Decision { item, id };
            app.mode = Mode::Owners(OwnerPicker::new(target, true, &[], &app.owner_candidates));
            effect
        }
        PromptKind::EditDecision(Target::Decision { item, id }) => {
            if text.is_empty() {
                p.error = Some("a decision needs text: x deletes it instead".into());
                app.mode = Mode::Prompt(p);
                return Effect::None;
            }
            record(app, |m| {
                if let Some(d) = decision_mut(m, item, &id) {
                    d.text = text;
                }
            })
        }
        PromptKind::EditDecision(Target::Action(_)) => Effect::None,
        PromptKind::UpdateNote(a) => record(app, |m| {
            if let Some(u) = update_for(m, item, &a) {
                u.note = (!text.is_empty()).then_some(text);
            }
        }),
        PromptKind::Due { target, chain } => {
            if text.is_empty() {
                return match target {
                    Target::Decision { item, id } if !chain => record(app, |m| {
                        if let Some(d) = decision_mut(m, item, &id) {
                            d.due = None;
                        }
                    }),
                    _ => Effect::None,
                };
            }
            match parse_due(&text, app.meeting_date()) {
                Err(e) => {
                    p.error = Some(e.to_string());
                    app.mode = Mode::Prompt(p);
                    Effect::None
                }
                Ok(due)
                    if matches!(target, Target::Action(_))
                        && target_state(app, &target).1 == Some(due) =>
                {
                    Effect::None
                }
                Ok(due) => {
                    app.message =
                        Some(Message::Info(format!("due {}", due.format("%a %-d %b %Y"))));
                    match target {
                        Target::Decision { item, id } => record(app, |m| {
                            if let Some(d) = decision_mut(m, item, &id) {
                                d.due = Some(due);
                            }
                        }),
                        Target::Action(a) => record(app, |m| {
                            if let Some(u) = update_for(m, item, &a) {
                                u.due = Some(due);
                            }
                        }),
                    }
                }
            }
        }
    }
}

fn owners(app: &mut App, mut o: OwnerPicker, action: Action) -> Effect {
    let all = app.owner_candidates.clone();
    match action {
        Action::Input(key) => o.key(key, &all),
        Action::Paste(s) => o.paste(&s, &all),
        Action::Up => o.step(-1),
        Action::Down => o.step(1),
        Action::Toggle => o.space(&all),
        Action::Pick => o.toggle(&all),
        Action::Quit => {
            app.mode = Mode::Owners(o);
            return Effect::Quit;
        }
        Action::Cancel | Action::Confirm => {
            let effect = if action == Action::Confirm {
                set_owners(app, &o.target, o.confirm(&all))
            } else {
                Effect::None
            };
            if o.chain {
                let target = o.target.clone();
                app.mode = Mode::Prompt(Prompt::new(
                    PromptKind::Due {
                        target,
                        chain: true,
                    },
                    "",
                ));
            }
            return effect;
        }
        _ => {}
    }
    app.mode = Mode::Owners(o);
    Effect::None
}

fn status(app: &mut App, mut s: StatusPicker, action: Action) -> Effect {
    match action {
        Action::Up => s.step(false),
        Action::Down => s.step(true),
        Action::Cancel => return Effect::None,
        Action::Quit => return Effect::Quit,
        Action::Confirm => {
            let chosen = s.chosen();
            let item = app.item;
            if matches!(s.target, Target::Action(_)) && chosen == s.current {
                // Choosing the status in effect records nothing.
                return Effect::None;
            }
            return match s.target {
                Target::Decision { item, id } => record(app, |m| {
                    if let Some(d) = decision_mut(m, item, &id) {
                        d.status = Some(chosen);
                    }
                }),
                Target::Action(a) => record(app, |m| {
                    if let Some(u) = update_for(m, item, &a) {
                        u.status = Some(chosen);
                    }
                }),
            };
        }
        _ => {}
    }
    app.mode = Mode::Status(s);
    Effect::None
}

fn save_notes(app: &mut App, n: &NotesEditor) -> Effect {
    let text = n.text();
    let item = n.item;
    record(app, |m| {
        if let Some(r) = m.items.get_mut(item) {
            r.notes = (!text.trim().is_empty()).then_some(text);
        }
    })
}

fn notes(app: &mut App, mut n: NotesEditor, action: Action) -> Effect {
    match action {
        Action::Input(key) => n.key(key),
        Action::Paste(s) => n.paste(&s),
        Action::SaveNotes => {
            let e = save_notes(app, &n);
            app.mode = Mode::Notes(n);
            return e;
        }
        Action::Cancel => return save_notes(app, &n),
        Action::Quit => {
            app.mode = Mode::Notes(n);
            return Effect::Quit;
        }
        _ => {}
    }
    app.mode = Mode::Notes(n);
    Effect::None
}

fn attendance(app: &mut App, mut a: AttendanceList, action: Action) -> Effect {
    let mut effect = Effect::None;
    match action {
        Action::Up => a.step(-1),
        Action::Down => a.step(1),
        Action::PageUp => a.step(-page(app)),
        Action::PageDown => a.step(page(app)),
        Action::Cancel => return Effect::None,
        Action::Quit => return Effect::Quit,
        Action::Toggle => match a.rows.get(a.cursor).cloned() {
            Some(AttendanceRow::Recorded(i)) => {
                effect = record(app, |m| m.attendance[i].present = !m.attendance[i].present);
            }
            Some(AttendanceRow::State(id)) => {
                let entry = Attendance {
                    represents: id,
                    name: String::new(),
                    present: true,
                };
                effect = record(app, |m| m.attendance.push(entry));
                if effect == Effect::Save {
                    a.rows[a.cursor] = AttendanceRow::Recorded(app.minutes.attendance.len() - 1);
                }
            }
            None => {}
        },
        _ => {}
    }
    app.mode = Mode::Attendance(a);
    effect
}

fn search(app: &mut App, mut s: SearchView, action: Action) -> Effect {
    match action {
        Action::Input(key) => s.key(key),
        Action::Paste(p) => s.paste(&p),
        Action::Up => s.step(-1),
        Action::Down => s.step(1),
        Action::PageUp => s.step(-page(app)),
        Action::PageDown => s.step(page(app)),
        Action::Cancel => return Effect::None,
        Action::Quit => return Effect::Quit,
        Action::Confirm => {
            return match s.chosen().map(|e| e.hit.clone()) {
                Some(hit) => jump(app, hit),
                None => Effect::None,
            };
        }
        _ => {}
    }
    app.mode = Mode::Search(s);
    Effect::None
}

fn jump_to_action(app: &mut App, action: &str) -> Effect {
    let Some((area, _)) = app.plan.action(action) else {
        return Effect::None;
    };
    let pos = app.plan.area_position(&area.id).unwrap_or(0);
    let effect = walk_to(app, pos);
    if let Some(i) = app.shown().position(action) {
        app.row = i;
        app.focus = Pane::Main;
    }
    effect
}

/// Selects the first item that shows `action` (a matters-arising item for a decision of
/// an earlier meeting) and the action's row; false when no item shows it.
fn select_item_showing(app: &mut App, action: &str) -> bool {
    let here = app.item;
    for i in 0..app.minutes.items.len() {
        app.item = i;
        if let Some(row) = app.shown().position(action) {
            app.row = row;
            app.focus = Pane::Main;
            return true;
        }
    }
    app.item = here;
    false
}

fn jump(app: &mut App, hit: Hit) -> Effect {
    match hit {
        Hit::Item(id) => {
            if let Some(i) = app.minutes.items.iter().position(|r| r.id == id) {
                select_item(app, i);
                app.focus = Pane::Agenda;
            }
            Effect::None
        }
        Hit::Area(pos) => walk_to(app, pos),
        Hit::Action(id) => jump_to_action(app, &id),
        Hit::Decision(item_id, did) => {
            if let Some(i) = app.minutes.items.iter().position(|r| r.id == item_id) {
                select_item(app, i);
                if let Some(j) = app.decisions().iter().position(|d| d.id == did) {
                    app.row = app.shown().len() + j;
                    app.focus = Pane::Main;
                }
            }
            Effect::None
        }
        Hit::Earlier(key) if select_item_showing(app, &key) => Effect::None,
        Hit::Earlier(key) => {
            let text = match app.baseline.get(&key) {
                Some(a) => format!(
                    "{}: {} ({}, owners {})",
                    crate::text::inert_line(&key),
                    crate::text::inert_line(&a.title),
                    a.status,
                    crate::text::inert_line(&a.owners.join(", "))
                ),
                None => format!(
                    "{} is a decision of another meeting",
                    crate::text::inert_line(&key)
                ),
            };
            app.message = Some(Message::Info(text));
            Effect::None
        }
        Hit::Partner(id) => {
            let owned = app
                .plan
                .actions()
                .find(|(_, x)| x.owners.contains(&id))
                .map(|(_, x)| x.id.clone());
            let name = app
                .plan
                .partner(&id)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            match owned {
                Some(a) => {
                    app.message = Some(Message::Info(format!(
                        "{}: first action owned is {a}",
                        crate::text::inert_line(&name)
                    )));
                    jump_to_action(app, &a)
                }
                None => {
                    app.message = Some(Message::Info(format!(
                        "{} owns no plan action",
                        crate::text::inert_line(&name)
                    )));
                    Effect::None
                }
            }
        }
    }
}

fn help(app: &mut App, scroll: u16, action: Action) -> Effect {
    match action {
        Action::Cancel => return Effect::None,
        Action::Quit => return Effect::Quit,
        Action::Up => {
            app.mode = Mode::Help {
                scroll: scroll.saturating_sub(1),
            }
        }
        Action::Down => {
            app.mode = Mode::Help {
                scroll: scroll.saturating_add(1),
            }
        }
        _ => app.mode = Mode::Help { scroll },
    }
    Effect::None
}

/// Offers recovered text back: Enter restores it into its field, Esc discards it.
fn recover(app: &mut App, d: Draft, action: Action) -> Effect {
    match action {
        Action::Confirm => {
            if let Some(i) = app.minutes.items.iter().position(|r| r.id == d.item) {
                select_item(app, i);
            }
            app.focus = Pane::Main;
            app.mode = match d.kind {
                DraftKind::Decision => Mode::Prompt(Prompt::new(PromptKind::NewDecision, &d.text)),
                DraftKind::EditDecision => Mode::Prompt(Prompt::new(
                    PromptKind::EditDecision(Target::Decision {
                        item: app.item,
                        id: d.about.clone(),
                    }),
                    &d.text,
                )),
                DraftKind::ActionNote => Mode::Prompt(Prompt::new(
                    PromptKind::UpdateNote(d.about.clone()),
                    &d.text,
                )),
                DraftKind::Notes => Mode::Notes(NotesEditor::new(app.item, &d.text)),
            };
            Effect::DiscardDraft
        }
        Action::Cancel => Effect::DiscardDraft,
        Action::Quit => {
            // Still offered: the loop keeps it on disk for the next session.
            app.mode = Mode::Recover(d);
            Effect::Quit
        }
        _ => {
            app.mode = Mode::Recover(d);
            Effect::None
        }
    }
}

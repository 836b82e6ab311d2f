//! `update(&mut App, Action) -> Effect`: every behaviour of the live screen, with no I/O.

use chrono::Timelike;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::action::{Action, Effect};
use super::app::{App, Message, Mode, ModeKind, Pane, Row, Target};
use super::draft::{Draft, DraftKind};
use super::edit::{Edit, Field, delta, target_label};
use super::layout::{Layout, MainLines};
use super::record::{Change, apply_change};
use super::taking;
use super::target::StatementOn;
use super::widgets::attendance::{AttendanceList, AttendanceRow};
use super::widgets::notes::NotesEditor;
use super::widgets::owners::OwnerPicker;
use super::widgets::prompt::{Prompt, PromptKind};
use super::widgets::search::{Hit, SearchView, meeting_entries};
use super::widgets::status::StatusPicker;
use crate::model::dates::parse_due;
use crate::model::{Attendance, Decision, ItemRecord, Minutes, Presence, Status};

/// Applies one action.
pub fn update(app: &mut App, action: Action) -> Effect {
    match action {
        Action::Tick(now) => {
            app.screen.now = now;
            age_message(app);
            return Effect::None;
        }
        Action::Resize(w, h) => {
            app.screen.size = (w, h);
            return Effect::None;
        }
        Action::Work => {
            if let Mode::Search(s) = &mut app.screen.mode {
                s.work();
            }
            return Effect::None;
        }
        _ => {}
    }
    // A message answers one key: the next key clears it (and whatever it sets replaces
    // it), as does the undo highlight.
    app.screen.message = None;
    app.screen.message_seen = None;
    app.screen.changed = None;
    // Read-only minutes (--read-only, another instance's, approved): what would change
    // them says so and changes nothing. Popups that change a record never open.
    if let Some(why) = app.record.read_only_reason()
        && action.changes_record()
        && matches!(
            app.screen.mode.kind(),
            ModeKind::Normal | ModeKind::Attendance
        )
    {
        app.screen.message = Some(Message::Error(format!("read-only: {why}")));
        return Effect::None;
    }
    let mode = std::mem::replace(&mut app.screen.mode, Mode::Normal);
    let effect = match mode {
        Mode::Normal => normal(app, action),
        Mode::Prompt(p) => prompt(app, p, action),
        Mode::Owners(o) => owners(app, o, action),
        Mode::Status(s) => status(app, s, action),
        Mode::Notes(n) => notes(app, n, action),
        Mode::Attendance(a) => attendance(app, a, action),
        Mode::HowTaken(c) => taking::how_taken(app, c, action),
        Mode::Vote(v) => taking::vote(app, v, action),
        Mode::Statement(f) => taking::statement(app, f, action),
        Mode::Search(s) => search(app, s, action),
        Mode::Help { scroll } => help(app, scroll, action),
        Mode::Recover(d) => recover(app, d, action),
    };
    if effect == Effect::Quit {
        close_meeting(app);
    }
    effect
}

/// The meeting ends (the screen or the line mode quits): the item under discussion is
/// left at the clock's time, so the report can give its duration and the closing time.
/// True when that changed the minutes (they must be written). Nothing when the minutes
/// are read-only or being amended, or nothing was taken up; taking an item up again
/// later clears its `left` (see [`Minutes::take_up`]).
pub fn close_meeting(app: &mut App) -> bool {
    let Some(i) = app.screen.under_discussion else {
        return false;
    };
    let at = app.screen.now.time().with_nanosecond(0).unwrap_or_default();
    app.record.clock(|m| m.leave(i, at))
}

/// How long a message stays when no key is pressed.
pub const MESSAGE_FOR: chrono::Duration = chrono::Duration::seconds(6);

/// Clears a message the clock has seen for [`MESSAGE_FOR`]; a message set since the last
/// tick (by `update` or by the loop) starts its time now.
fn age_message(app: &mut App) {
    let now = app.screen.now;
    match (&app.screen.message, &app.screen.message_seen) {
        (Some(m), Some((seen, at))) if m == seen => {
            if now - *at >= MESSAGE_FOR {
                app.screen.message = None;
                app.screen.message_seen = None;
            }
        }
        (Some(m), _) => app.screen.message_seen = Some((m.clone(), now)),
        (None, _) => app.screen.message_seen = None,
    }
}

/// Records a change to the minutes: kept for undo, and written by the loop.
fn record(app: &mut App, change: impl FnOnce(&mut Minutes)) -> Effect {
    match app.record.change(change) {
        Ok(true) => Effect::Save,
        Ok(false) => Effect::None,
        Err(why) => {
            app.screen.message = Some(Message::Error(format!("read-only: {why}")));
            Effect::None
        }
    }
}

/// Records a change and names it (what it touched, where) for undo.
pub(super) fn record_named(app: &mut App, edit: Edit, change: impl FnOnce(&mut Minutes)) -> Effect {
    let effect = record(app, change);
    if effect == Effect::Save {
        app.record.name_last(edit);
    }
    effect
}

/// The item records go under: the one taken up (the header's), else the one shown.
pub(super) fn under(app: &App) -> usize {
    app.screen.under_discussion.unwrap_or(app.screen.item)
}

/// Takes up item `i`: the meeting's clock starts on it and stops on the item left.
/// Looking is free: with read-only minutes the header follows, nothing is written.
fn take_up(app: &mut App, i: usize) -> Effect {
    let from = app.screen.under_discussion;
    app.screen.under_discussion = Some(i);
    let open = app
        .record
        .minutes
        .items
        .get(i)
        .is_some_and(|r| r.taken_up.is_some() && r.left.is_none());
    if from == Some(i) && open {
        return Effect::None;
    }
    let at = app.screen.now.time().with_nanosecond(0).unwrap_or_default();
    if app.record.clock(|m| m.take_up(from, i, at)) {
        Effect::Save
    } else {
        Effect::None
    }
}

fn either(a: Effect, b: Effect) -> Effect {
    if a == Effect::None { b } else { a }
}

fn select_item(app: &mut App, i: usize) {
    app.screen.item = i.min(app.record.minutes.items.len().saturating_sub(1));
    app.screen.row = 0;
}

fn move_selection(app: &mut App, delta: isize) {
    match app.screen.focus {
        Pane::Agenda => {
            let n = app.record.minutes.items.len() as isize;
            if n > 0 {
                let i = (app.screen.item as isize + delta).clamp(0, n - 1) as usize;
                if i != app.screen.item {
                    select_item(app, i);
                }
            }
        }
        Pane::Main => {
            let n = app.row_count() as isize;
            if n > 0 {
                app.screen.row = (app.screen.row as isize + delta).clamp(0, n - 1) as usize;
            }
        }
    }
}

pub(super) fn page(app: &App) -> isize {
    (app.screen.size.1.saturating_sub(10) as isize).max(1)
}

/// Walks to a priority area by position: takes up its first item (or one added for it).
fn walk_to(app: &mut App, pos: usize) -> Effect {
    let effect = show_area(app, pos);
    if app.area_position() == Some(pos) {
        let i = app.screen.item;
        let taken = take_up(app, i);
        return either(effect, taken);
    }
    effect
}

/// Shows a priority area by position: selects its first item, or adds one.
fn show_area(app: &mut App, pos: usize) -> Effect {
    let Some(area) = app.plan.areas.get(pos) else {
        app.screen.message = Some(Message::Info(format!(
            "the plan has {} priority areas",
            app.plan.areas.len()
        )));
        return Effect::None;
    };
    let area_id = area.id.clone();
    if let Some(i) = app
        .record
        .minutes
        .items
        .iter()
        .position(|r| r.area.as_deref() == Some(&area_id))
    {
        select_item(app, i);
        return Effect::None;
    }
    if let Some(why) = app.record.read_only_reason() {
        app.screen.message = Some(Message::Error(format!(
            "read-only: {why} (the agenda has no item for this area)"
        )));
        return Effect::None;
    }
    let mut id = format!("area-{}", area.number);
    while app.record.minutes.item(&id).is_some() {
        id.push('+');
    }
    let record_item = ItemRecord {
        id,
        title: format!("Priority area {}: {}", area.number, area.title),
        area: Some(area_id),
        ..ItemRecord::default()
    };
    let edit = Edit {
        field: Field::Item,
        item: record_item.id.clone(),
        target: None,
    };
    let effect = record_named(app, edit, |m| m.items.push(record_item));
    select_item(app, app.record.minutes.items.len() - 1);
    app.screen.message = Some(Message::Info(
        "no agenda item for this area: one was added at the end".into(),
    ));
    effect
}

fn walk(app: &mut App, forward: bool) -> Effect {
    let n = app.plan.areas.len();
    if n == 0 {
        app.screen.message = Some(Message::Info("the plan has no priority areas".into()));
        return Effect::None;
    }
    let here = app.area_position().or_else(|| {
        // From an item without an area, the walk goes on from the last area before it.
        app.record.minutes.items[..app.screen.item.min(app.record.minutes.items.len())]
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
            app.screen.message = Some(Message::Info(format!("this is the {edge} priority area")));
            Effect::None
        }
    }
}

fn need_target(app: &mut App) -> Option<Target> {
    let t = app.selected_target();
    if t.is_none() {
        app.screen.message = Some(Message::Info(
            "select a decision or a plan action first (Tab to the main pane)".into(),
        ));
    }
    t
}

/// Applies one change to a target: the one way the screen changes a record. For a plan
/// action or an earlier meeting's action, a change to the value already in effect
/// records nothing.
pub(super) fn change(app: &mut App, target: &Target, c: Change) -> Effect {
    if matches!(target, Target::Action(_)) {
        let (owners, due, status) = target_state(app, target);
        let same = match &c {
            Change::Owners(o) => *o == owners,
            Change::Due(d) => *d == due,
            Change::Status(s) => *s == status,
            Change::Text(_) | Change::Note(_) | Change::Taken(_) | Change::Statement(_) => false,
        };
        if same {
            return Effect::None;
        }
    }
    let field = match &c {
        Change::Text(_) => Field::Text,
        Change::Owners(_) => Field::Owners,
        Change::Due(_) => Field::Due,
        Change::Status(_) => Field::Status,
        Change::Note(_) => Field::Note,
        Change::Taken(_) => Field::Taken,
        Change::Statement(_) => Field::Statement,
    };
    let under = under(app);
    let before = app.record.minutes.clone();
    let edit = Edit {
        field,
        item: shown_item_id(app, target),
        target: Some(target.clone()),
    };
    let label = edit.label();
    let effect = record_named(app, edit, |m| apply_change(m, under, target, c));
    if effect == Effect::Save {
        let what = delta(app, &before, &app.record.minutes, target);
        app.screen.message = Some(Message::Info(if what.is_empty() {
            label
        } else {
            format!("{label}: {what}")
        }));
    }
    effect
}

/// The id of the item a target is shown under: a decision's own item, else the item shown.
fn shown_item_id(app: &App, target: &Target) -> String {
    let i = match target {
        Target::Decision { item, .. } => *item,
        Target::Action(_) => app.screen.item,
    };
    app.record
        .minutes
        .items
        .get(i)
        .map(|r| r.id.clone())
        .unwrap_or_default()
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
        Target::Action(a) => app
            .now_state(a)
            .map(|s| (s.owners, s.due, s.status))
            .unwrap_or_default(),
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
        Action::NextPane | Action::PrevPane => app.screen.focus = app.screen.focus.next(),
        Action::NextArea => return walk(app, true),
        Action::PrevArea => return walk(app, false),
        Action::JumpArea(n) if n >= 1 => return walk_to(app, n - 1),
        Action::Enter => return enter(app),
        Action::Decide if app.current().is_some() => return decide(app),
        Action::Owners => {
            if let Some(t) = need_target(app) {
                let (current, _, _) = target_state(app, &t);
                app.screen.mode = Mode::Owners(OwnerPicker::new(
                    t,
                    false,
                    &current,
                    &app.cache.owner_candidates,
                ));
            }
        }
        Action::Due => {
            if let Some(t) = need_target(app) {
                let (_, due, _) = target_state(app, &t);
                let text = due.map(|d| app.screen.dates.format(d)).unwrap_or_default();
                let about = target_label(app, &t);
                app.screen.mode = Mode::Prompt(
                    Prompt::new(
                        PromptKind::Due {
                            target: t,
                            chain: false,
                        },
                        &text,
                    )
                    .selected()
                    .about(about),
                );
            }
        }
        Action::Status => {
            if let Some(t) = need_target(app) {
                let (_, _, status) = target_state(app, &t);
                app.screen.mode = Mode::Status(StatusPicker::new(t, status));
            }
        }
        Action::Notes => {
            if let Some(r) = app.current() {
                let text = r.notes.clone().unwrap_or_default();
                app.screen.mode = Mode::Notes(NotesEditor::new(app.screen.item, &text));
            }
        }
        Action::HowTaken => return taking::open_how_taken(app),
        Action::Statement => return taking::open_statement(app),
        Action::Delete => return delete(app),
        Action::QuorumMark => return quorum_mark(app),
        Action::Undo => return undo(app, true),
        Action::Redo => return undo(app, false),
        Action::Attendance => {
            app.screen.mode = Mode::Attendance(AttendanceList::new(&app.record.minutes, &app.plan))
        }
        Action::Search => {
            app.screen.mode = Mode::Search(SearchView::with_earlier(
                app.cache.search_entries.clone(),
                meeting_entries(&app.record.minutes),
                app.cache.earlier_entries.clone(),
            ));
        }
        Action::Help => app.screen.mode = Mode::Help { scroll: 0 },
        Action::Write => return Effect::WriteNow,
        Action::Quit => return Effect::Quit,
        Action::Cancel => app.screen.message = None,
        Action::Click(col, row) => click(app, col, row),
        Action::ScrollUp => move_selection(app, -3),
        Action::ScrollDown => move_selection(app, 3),
        _ => {}
    }
    Effect::None
}

/// `d`: a decision goes under the item under discussion (the header's). While another
/// item is being looked at, the screen goes back to the one under discussion and says so;
/// with none taken up yet, the item shown is taken up first.
fn decide(app: &mut App) -> Effect {
    let mut effect = Effect::None;
    match app.screen.under_discussion {
        Some(u) if u != app.screen.item => {
            let looked = app.current().map(|r| r.id.clone()).unwrap_or_default();
            select_item(app, u);
            let here = app.current().map(|r| r.id.clone()).unwrap_or_default();
            app.screen.message = Some(Message::Info(format!(
                "the decision goes under {} (under discussion), not {}: Enter on an agenda \
                 item takes it up",
                crate::text::inert_line(&here),
                crate::text::inert_line(&looked)
            )));
        }
        Some(_) => {}
        None => {
            let i = app.screen.item;
            effect = take_up(app, i);
        }
    }
    let about = app
        .current()
        .map(|r| {
            format!(
                "{} {}",
                crate::text::inert_line(&r.id),
                crate::text::inert_line(&r.title)
            )
        })
        .unwrap_or_default();
    app.screen.mode = Mode::Prompt(Prompt::new(PromptKind::NewDecision, "").about(about));
    effect
}

fn enter(app: &mut App) -> Effect {
    match app.screen.focus {
        Pane::Agenda => {
            if app.current().is_none() {
                return Effect::None;
            }
            let i = app.screen.item;
            let effect = take_up(app, i);
            app.screen.focus = Pane::Main;
            effect
        }
        Pane::Main => {
            if let Some(why) = app.record.read_only_reason()
                && app.selected_target().is_some()
            {
                app.screen.message = Some(Message::Error(format!("read-only: {why}")));
                return Effect::None;
            }
            match app.selected_target() {
                Some(t @ Target::Decision { .. }) => {
                    let Target::Decision { item, id } = &t else {
                        unreachable!()
                    };
                    let text = app
                        .decision(*item, id)
                        .map(|d| d.text.clone())
                        .unwrap_or_default();
                    let about = target_label(app, &t);
                    app.screen.mode =
                        Mode::Prompt(Prompt::new(PromptKind::EditDecision(t), &text).about(about));
                }
                Some(Target::Action(a)) => {
                    let note = app
                        .current()
                        .and_then(|r| r.updates.iter().find(|u| u.action == a))
                        .and_then(|u| u.note.clone())
                        .unwrap_or_default();
                    let about = target_label(app, &Target::Action(a.clone()));
                    app.screen.mode =
                        Mode::Prompt(Prompt::new(PromptKind::UpdateNote(a), &note).about(about));
                }
                None => app.screen.focus = Pane::Agenda,
            }
            Effect::None
        }
    }
}

/// `Q`: the selected decision's mark "recorded without a quorum" turned over, for a mark
/// set by mistake (the delegations were in the room but not yet marked present) or one
/// that was missed. One step of undo.
fn quorum_mark(app: &mut App) -> Effect {
    let Some(Row::Decision(i)) = app.row_at(app.screen.row) else {
        app.screen.message = Some(Message::Info(
            "select a decision: the quorum mark is a decision's".into(),
        ));
        return Effect::None;
    };
    let item = app.screen.item;
    let item_id = app.current().map(|r| r.id.clone()).unwrap_or_default();
    let Some(d) = app.decisions().get(i) else {
        return Effect::None;
    };
    let (id, was) = (d.id.clone(), d.without_quorum);
    let edit = Edit {
        field: Field::Quorum,
        item: item_id,
        target: Some(Target::Decision {
            item,
            id: id.clone(),
        }),
    };
    let effect = record_named(app, edit, |m| {
        if let Some(d) = crate::tui::record::decision_mut(m, item, &id) {
            d.without_quorum = !was;
        }
    });
    let id = crate::text::inert_line(&id);
    app.screen.message = Some(Message::Info(if was {
        format!("decision {id}: recorded with a quorum, the mark is cleared (u undoes)")
    } else {
        format!("decision {id}: marked as recorded without a quorum (u undoes)")
    }));
    effect
}

fn delete(app: &mut App) -> Effect {
    let item = app.screen.item;
    let item_id = app.current().map(|r| r.id.clone()).unwrap_or_default();
    match app.row_at(app.screen.row) {
        Some(Row::Decision(i)) => {
            let id = app.decisions()[i].id.clone();
            let edit = Edit {
                field: Field::Deleted,
                item: item_id,
                target: Some(Target::Decision {
                    item,
                    id: id.clone(),
                }),
            };
            let effect = record_named(app, edit, |m| m.items[item].delete_decision(&id));
            // The selection stays in the decisions: the next one, else the one before;
            // only when none is left does it move up to the actions.
            let actions = app.shown().len();
            let left = app.decisions().len();
            app.screen.row = if left == 0 {
                actions.saturating_sub(1)
            } else {
                actions + i.min(left - 1)
            };
            app.screen.message = Some(Message::Info(format!(
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
                app.screen.message = Some(Message::Info(
                    "plan actions are not deleted here: only this item's update to one is".into(),
                ));
                return Effect::None;
            }
            app.screen.message = Some(Message::Info(format!(
                "update to {} deleted (u undoes)",
                crate::text::inert_line(&action)
            )));
            let edit = Edit {
                field: Field::Deleted,
                item: item_id,
                target: Some(Target::Action(action.clone())),
            };
            record_named(app, edit, |m| {
                m.items[item].updates.retain(|u| u.action != action)
            })
        }
        None => Effect::None,
    }
}

fn undo(app: &mut App, back: bool) -> Effect {
    let word = if back { "undo" } else { "redo" };
    match app.record.step(back) {
        None => {
            app.screen.message = Some(Message::Info(format!("nothing to {word}")));
            Effect::None
        }
        Some(stepped) => {
            let done = if back { "undone" } else { "redone" };
            let text = match &stepped.edit {
                Some(edit) => {
                    let newer = if back {
                        app.record.redo.last()
                    } else {
                        app.record.undo.last()
                    };
                    let what = match (&edit.target, newer) {
                        (Some(t), Some(newer)) => {
                            let newer = newer.clone();
                            delta(app, &newer, &app.record.minutes, t)
                        }
                        _ => String::new(),
                    };
                    go_to_edit(app, edit);
                    if what.is_empty() {
                        format!("{done}: {}", edit.label())
                    } else {
                        format!("{done}: {} ({what})", edit.label())
                    }
                }
                None => {
                    select_item(app, app.screen.item);
                    if stepped.what.is_empty() {
                        done.to_string()
                    } else {
                        format!("{done}: {}", stepped.what.join("; "))
                    }
                }
            };
            app.screen.message = Some(Message::Info(text));
            Effect::Save
        }
    }
}

/// Moves the screen to what an undone or redone edit changed, and highlights it: undo
/// applies to the whole meeting, never silently off-screen.
fn go_to_edit(app: &mut App, edit: &Edit) {
    if edit.field == Field::Attendance {
        return;
    }
    if let Some(i) = app
        .record
        .minutes
        .items
        .iter()
        .position(|r| r.id == edit.item)
    {
        if i != app.screen.item {
            select_item(app, i);
        }
    } else {
        select_item(app, app.screen.item);
    }
    let row = match &edit.target {
        Some(Target::Decision { id, .. }) => app
            .decisions()
            .iter()
            .position(|d| d.id == *id)
            .map(|j| app.shown().len() + j),
        Some(Target::Action(a)) => app.shown().position(a),
        None => None,
    };
    match row {
        Some(r) => {
            app.screen.row = r;
            app.screen.focus = Pane::Main;
            app.screen.changed = edit.target.clone();
        }
        None => app.screen.row = app.screen.row.min(app.row_count().saturating_sub(1)),
    }
}

fn click(app: &mut App, col: u16, row: u16) {
    let Some(l) = Layout::new(app.screen.size.0, app.screen.size.1) else {
        return;
    };
    let inside = |r: ratatui::layout::Rect, bottom_border: u16| {
        col >= r.x && col < r.x + r.width && row > r.y && row + bottom_border < r.y + r.height
    };
    if inside(l.agenda, 1) {
        app.screen.focus = Pane::Agenda;
        let height = l.agenda.height.saturating_sub(2) as usize;
        let offset =
            super::widgets::window(app.screen.item, app.record.minutes.items.len(), height);
        let i = offset + (row - l.agenda.y - 1) as usize;
        if i < app.record.minutes.items.len() {
            select_item(app, i);
        }
    } else if inside(l.list, 0) {
        app.screen.focus = Pane::Main;
        let height = l.list.height.saturating_sub(1) as usize;
        let lines = MainLines::of(app, l.list.width.saturating_sub(2) as usize, height);
        let offset = lines.window(app.screen.row, height);
        let line = offset + (row - l.list.y - 1) as usize;
        if let Some(r) = lines.row_at_line(line) {
            app.screen.row = r;
        }
    }
}

fn prompt(app: &mut App, mut p: Prompt, action: Action) -> Effect {
    match action {
        Action::Input(key) => p.key(key),
        Action::Paste(s) => p.paste(&s),
        Action::Quit => {
            app.screen.mode = Mode::Prompt(p);
            return Effect::Quit;
        }
        Action::Cancel => {
            if let PromptKind::Due { chain: true, .. } = p.kind {
                app.screen.message =
                    Some(Message::Info("decision recorded without a due date".into()));
            }
            return Effect::None;
        }
        Action::Confirm => return confirm_prompt(app, p),
        _ => {}
    }
    app.screen.mode = Mode::Prompt(p);
    Effect::None
}

fn confirm_prompt(app: &mut App, mut p: Prompt) -> Effect {
    // An edit confirmed without a change records nothing: the stored text stays exact.
    if matches!(
        p.kind,
        PromptKind::EditDecision(_) | PromptKind::UpdateNote(_)
    ) && !p.changed()
    {
        return Effect::None;
    }
    let text = p.text().trim().to_string();
    let item = app.screen.item;
    match p.kind.clone() {
        PromptKind::NewDecision => {
            if text.is_empty() {
                return Effect::None;
            }
            let Some(id) = app.next_decision_id(item) else {
                return Effect::None;
            };
            // Whether the quorum was met is kept with the decision, as it was when recorded.
            let d = Decision {
                id: id.clone(),
                text,
                without_quorum: !app.quorum().met,
                ..Decision::default()
            };
            let edit = Edit {
                field: Field::Added,
                item: app.current().map(|r| r.id.clone()).unwrap_or_default(),
                target: Some(Target::Decision {
                    item,
                    id: id.clone(),
                }),
            };
            let before = (*app.record.minutes.items[item].decisions).clone();
            let effect = record_named(app, edit, |m| m.items[item].decisions.push_back(d));
            app.decision_added(item, &before, &id);
            app.screen.focus = Pane::Main;
            app.screen.row = app.shown().len() + app.decisions().len().saturating_sub(1);
            let target = Target::Decision { item, id };
            app.screen.mode = Mode::Owners(OwnerPicker::new(
                target,
                true,
                &[],
                &app.cache.owner_candidates,
            ));
            effect
        }
        PromptKind::EditDecision(Target::Decision { item, id }) => {
            if text.is_empty() {
                p.error = Some("a decision needs text: x deletes it instead".into());
                app.screen.mode = Mode::Prompt(p);
                return Effect::None;
            }
            change(app, &Target::Decision { item, id }, Change::Text(text))
        }
        PromptKind::EditDecision(Target::Action(_)) => Effect::None,
        PromptKind::Silence(target) => taking::confirm_silence(app, p, target),
        PromptKind::Statement { on, by, kind } => taking::confirm_statement(app, p, on, by, kind),
        PromptKind::UpdateNote(a) => change(
            app,
            &Target::Action(a),
            Change::Note((!text.is_empty()).then_some(text)),
        ),
        PromptKind::Due { target, chain } => {
            if text.is_empty() {
                return match target {
                    Target::Decision { .. } if !chain => change(app, &target, Change::Due(None)),
                    _ => Effect::None,
                };
            }
            match parse_due(&text, app.meeting_date()) {
                Err(e) => {
                    p.error = Some(e.to_string());
                    app.screen.mode = Mode::Prompt(p);
                    Effect::None
                }
                Ok(due) if due < app.meeting_date() && p.warned.as_deref() != Some(&text) => {
                    p.error = Some(format!(
                        "{} is before the meeting ({}): Enter again records it, or change it",
                        app.screen.dates.with_weekday(due),
                        app.screen.dates.format(app.meeting_date())
                    ));
                    p.warned = Some(text);
                    app.screen.mode = Mode::Prompt(p);
                    Effect::None
                }
                Ok(due) => change(app, &target, Change::Due(Some(due))),
            }
        }
    }
}

fn owners(app: &mut App, mut o: OwnerPicker, action: Action) -> Effect {
    let all = app.cache.owner_candidates.clone();
    match action {
        Action::Input(key) => o.key(key, &all),
        Action::Paste(s) => o.paste(&s, &all),
        Action::Up => o.step(-1),
        Action::Down => o.step(1),
        Action::Toggle => o.space(&all),
        Action::Pick => o.toggle(&all),
        Action::Quit => {
            app.screen.mode = Mode::Owners(o);
            return Effect::Quit;
        }
        Action::Cancel | Action::Confirm => {
            let effect = if action == Action::Confirm {
                change(app, &o.target.clone(), Change::Owners(o.confirm(&all)))
            } else {
                Effect::None
            };
            if o.chain {
                let target = o.target.clone();
                let about = target_label(app, &target);
                app.screen.mode = Mode::Prompt(
                    Prompt::new(
                        PromptKind::Due {
                            target,
                            chain: true,
                        },
                        "",
                    )
                    .about(about),
                );
            }
            return effect;
        }
        _ => {}
    }
    app.screen.mode = Mode::Owners(o);
    Effect::None
}

fn status(app: &mut App, mut s: StatusPicker, action: Action) -> Effect {
    match action {
        Action::Up => s.step(false),
        Action::Down => s.step(true),
        Action::Cancel => return Effect::None,
        Action::Quit => return Effect::Quit,
        Action::Choose(n) if (1..=Status::ALL.len()).contains(&n) => {
            return change(app, &s.target.clone(), Change::Status(Status::ALL[n - 1]));
        }
        Action::Confirm => {
            let chosen = s.chosen();
            return change(app, &s.target.clone(), Change::Status(chosen));
        }
        _ => {}
    }
    app.screen.mode = Mode::Status(s);
    Effect::None
}

/// Saves the notes when they were changed: closing an editor unchanged leaves the record
/// exactly as stored.
fn save_notes(app: &mut App, n: &mut NotesEditor) -> Effect {
    if !n.changed() {
        return Effect::None;
    }
    let text = n.text();
    let item = n.item;
    let edit = Edit {
        field: Field::Notes,
        item: app
            .record
            .minutes
            .items
            .get(item)
            .map(|r| r.id.clone())
            .unwrap_or_default(),
        target: None,
    };
    let effect = record_named(app, edit, |m| {
        if let Some(r) = m.items.get_mut(item) {
            r.notes = (!text.trim().is_empty()).then_some(text);
        }
    });
    if effect == Effect::Save {
        n.mark_saved();
        // Like every edit, the save names what it changed.
        if let Some(r) = app.record.minutes.items.get(item) {
            app.screen.message = Some(Message::Info(format!(
                "record of discussion of item {} saved",
                crate::text::inert_line(&r.id)
            )));
        }
    }
    effect
}

fn notes(app: &mut App, mut n: NotesEditor, action: Action) -> Effect {
    match action {
        Action::Input(key) => n.key(key),
        Action::Paste(s) => n.paste(&s),
        Action::SaveNotes => {
            let e = save_notes(app, &mut n);
            app.screen.mode = Mode::Notes(n);
            return e;
        }
        Action::Cancel => return save_notes(app, &mut n),
        Action::Quit => {
            app.screen.mode = Mode::Notes(n);
            return Effect::Quit;
        }
        _ => {}
    }
    app.screen.mode = Mode::Notes(n);
    Effect::None
}

fn attendance(app: &mut App, mut a: AttendanceList, action: Action) -> Effect {
    let roster = app.cache.owner_candidates.clone();
    let roster = &roster.roster;
    let mut effect = Effect::None;
    match action {
        Action::Up => a.step(-1),
        Action::Down => a.step(1),
        Action::PageUp => a.step(-page(app)),
        Action::PageDown => a.step(page(app)),
        Action::Quit => return Effect::Quit,
        Action::Cancel => {
            // Esc steps back: the delegate being added, then the filter, then the window.
            let stepped =
                a.adding.take().is_some() || a.clear_query(&app.record.minutes, &app.plan, roster);
            if !stepped {
                return Effect::None;
            }
        }
        Action::Input(key) => match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                a.type_char(c, &app.record.minutes, &app.plan, roster)
            }
            KeyCode::Backspace => a.backspace(&app.record.minutes, &app.plan, roster),
            _ => {}
        },
        Action::Paste(s) => a.paste(&s, &app.record.minutes, &app.plan, roster),
        // Space: a space while a name or filter is typed, else present <-> absent.
        Action::Toggle if a.adding.is_some() || !a.query.is_empty() => {
            a.type_char(' ', &app.record.minutes, &app.plan, roster)
        }
        Action::Toggle => effect = mark(app, &mut a, toggled),
        Action::Confirm => match a.adding.take() {
            Some(d) if !d.name.trim().is_empty() => {
                let name = d.name.trim().to_string();
                effect = change_attendance(app, &mut a, |entry| entry.add_delegate(&name, d.role));
            }
            Some(_) => {}
            None => {
                effect = mark(app, &mut a, toggled);
                a.clear_query(&app.record.minutes, &app.plan, roster);
            }
        },
        Action::Status => match &mut a.adding {
            Some(d) => d.next_role(),
            None => effect = mark(app, &mut a, cycled),
        },
        Action::AddName if a.highlighted().is_some() => a.adding = Some(Default::default()),
        _ => {}
    }
    app.screen.mode = Mode::Attendance(a);
    effect
}

/// The first decision of the minutes on which a delegation voted, and how.
fn voted_on(m: &Minutes, id: &str) -> Option<(String, crate::model::Side)> {
    m.decisions().find_map(|(_, d)| {
        let vote = d.taken.vote()?;
        crate::model::Side::ALL
            .into_iter()
            .find(|s| vote.side(*s).iter().any(|v| v == id))
            .map(|s| (d.id.clone(), s))
    })
}

/// Present <-> absent (apologies become present).
fn toggled(p: Presence) -> Presence {
    match p {
        Presence::Present => Presence::Absent,
        Presence::Absent | Presence::Apologies => Presence::Present,
    }
}

/// Absent -> present -> apologies -> absent.
fn cycled(p: Presence) -> Presence {
    match p {
        Presence::Absent => Presence::Present,
        Presence::Present => Presence::Apologies,
        Presence::Apologies => Presence::Absent,
    }
}

/// Sets the highlighted delegation's presence and says so, with the quorum. A delegation
/// that voted on a decision of this meeting stays present (else the minutes would hold a
/// vote that `check` rejects): the message names the decision.
fn mark(app: &mut App, a: &mut AttendanceList, next: fn(Presence) -> Presence) -> Effect {
    if let Some(row) = a.highlighted() {
        let id = a.represents(&app.record.minutes, row).to_string();
        let now = app
            .record
            .minutes
            .delegation(&id)
            .map(|d| d.status)
            .unwrap_or_default();
        if now == Presence::Present
            && next(now) != Presence::Present
            && let Some((decision, side)) = voted_on(&app.record.minutes, &id)
        {
            let name = app
                .plan
                .partner(&id)
                .map_or(id.as_str(), |p| p.name.as_str());
            app.screen.message = Some(Message::Error(format!(
                "{} voted on decision {} ({}): it stays present; take it out of the vote first",
                crate::text::inert_line(name),
                crate::text::inert_line(&decision),
                side.key()
            )));
            return Effect::None;
        }
    }
    let effect = change_attendance(app, a, |entry| entry.status = next(entry.status));
    if effect == Effect::Save
        && let Some(row) = a.highlighted()
    {
        let id = a.represents(&app.record.minutes, row).to_string();
        let status = app
            .record
            .minutes
            .delegation(&id)
            .map(|d| d.status)
            .unwrap_or_default();
        let name = app
            .plan
            .partner(&id)
            .map_or(id.as_str(), |p| p.name.as_str());
        let q = app.quorum();
        let quorum = match q.needed {
            Some(n) if q.met => format!(" · quorum {}/{n} ✓", q.counted),
            Some(n) => format!(" · no quorum ({}/{n})", q.counted),
            None => String::new(),
        };
        app.screen.message = Some(Message::Info(format!(
            "{}: {status}{quorum}",
            crate::text::inert_line(name)
        )));
    }
    effect
}

/// Changes the highlighted delegation's entry, creating it (absent) for a roster
/// delegation with none yet: one step of undo.
fn change_attendance(
    app: &mut App,
    a: &mut AttendanceList,
    change: impl FnOnce(&mut Attendance),
) -> Effect {
    let Some(row) = a.highlighted().cloned() else {
        return Effect::None;
    };
    let edit = Edit {
        field: Field::Attendance,
        item: String::new(),
        target: None,
    };
    match row {
        AttendanceRow::Recorded(i) => record_named(app, edit, |m| {
            if let Some(entry) = m.attendance.get_mut(i) {
                change(entry)
            }
        }),
        AttendanceRow::State(ref id) => {
            let mut entry = Attendance::new(id.clone(), Presence::Absent);
            change(&mut entry);
            let effect = record_named(app, edit, |m| m.attendance.push(entry));
            if effect == Effect::Save {
                a.recorded(&row, app.record.minutes.attendance.len() - 1);
            }
            effect
        }
    }
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
            // Enter takes the best of the whole list, not of the part scored so far.
            s.finish();
            return match s.chosen().map(|e| e.hit.clone()) {
                Some(hit) => jump(app, hit),
                None => Effect::None,
            };
        }
        _ => {}
    }
    app.screen.mode = Mode::Search(s);
    Effect::None
}

fn jump_to_action(app: &mut App, action: &str) -> Effect {
    let Some((area, _)) = app.plan.action(action) else {
        return Effect::None;
    };
    let pos = app.plan.area_position(&area.id).unwrap_or(0);
    let effect = show_area(app, pos);
    if let Some(i) = app.shown().position(action) {
        app.screen.row = i;
        app.screen.focus = Pane::Main;
    }
    effect
}

/// Selects the first item that shows `action` (a matters-arising item for a decision of
/// an earlier meeting) and the action's row; false when no item shows it.
fn select_item_showing(app: &mut App, action: &str) -> bool {
    let here = app.screen.item;
    for i in 0..app.record.minutes.items.len() {
        app.screen.item = i;
        if let Some(row) = app.shown().position(action) {
            app.screen.row = row;
            app.screen.focus = Pane::Main;
            return true;
        }
    }
    app.screen.item = here;
    false
}

fn jump(app: &mut App, hit: Hit) -> Effect {
    match hit {
        Hit::Item(id) => {
            if let Some(i) = app.record.minutes.items.iter().position(|r| r.id == id) {
                select_item(app, i);
                app.screen.focus = Pane::Agenda;
            }
            Effect::None
        }
        Hit::Area(pos) => show_area(app, pos),
        Hit::Action(id) => jump_to_action(app, &id),
        Hit::Decision(item_id, did) => {
            if let Some(i) = app
                .record
                .minutes
                .items
                .iter()
                .position(|r| r.id == item_id)
            {
                select_item(app, i);
                if let Some(j) = app.decisions().iter().position(|d| d.id == did) {
                    app.screen.row = app.shown().len() + j;
                    app.screen.focus = Pane::Main;
                }
            }
            Effect::None
        }
        Hit::Earlier(key) if select_item_showing(app, &key) => Effect::None,
        Hit::Earlier(key) => {
            let text = match app.cache.baseline.get(&key) {
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
            app.screen.message = Some(Message::Info(text));
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
                    app.screen.message = Some(Message::Info(format!(
                        "{}: first action owned is {a}",
                        crate::text::inert_line(&name)
                    )));
                    jump_to_action(app, &a)
                }
                None => {
                    app.screen.message = Some(Message::Info(format!(
                        "{} owns no plan action",
                        crate::text::inert_line(&name)
                    )));
                    Effect::None
                }
            }
        }
    }
}

/// Scrolls the help, never past its last line (so `G` then `↑` moves at once).
fn help(app: &mut App, scroll: u16, action: Action) -> Effect {
    use crate::tui::widgets::help;
    let height = app.screen.size.1;
    let max = help::max_scroll(help::lines(&app.theme, app.read_only()).len(), height);
    let page = help::page(height);
    let scroll = scroll.min(max);
    let scroll = match action {
        Action::Cancel => return Effect::None,
        Action::Quit => return Effect::Quit,
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll.saturating_add(1),
        Action::PageUp => scroll.saturating_sub(page),
        Action::PageDown => scroll.saturating_add(page),
        Action::Top => 0,
        Action::Bottom => max,
        _ => scroll,
    };
    app.screen.mode = Mode::Help {
        scroll: scroll.min(max),
    };
    Effect::None
}

/// Offers recovered text back: Enter restores it into its field, Esc discards it.
fn recover(app: &mut App, d: Draft, action: Action) -> Effect {
    match action {
        Action::Confirm => {
            if let Some(i) = app.record.minutes.items.iter().position(|r| r.id == d.item) {
                select_item(app, i);
            }
            app.screen.focus = Pane::Main;
            app.screen.mode = match d.kind {
                DraftKind::Decision => Mode::Prompt(Prompt::new(PromptKind::NewDecision, &d.text)),
                DraftKind::EditDecision => Mode::Prompt(
                    Prompt::new(
                        PromptKind::EditDecision(Target::Decision {
                            item: app.screen.item,
                            id: d.about.clone(),
                        }),
                        &d.text,
                    )
                    .recovered(),
                ),
                DraftKind::ActionNote => Mode::Prompt(
                    Prompt::new(PromptKind::UpdateNote(d.about.clone()), &d.text).recovered(),
                ),
                DraftKind::Notes => {
                    Mode::Notes(NotesEditor::new(app.screen.item, &d.text).recovered())
                }
                DraftKind::Statement => {
                    let on = if d.about.is_empty() {
                        StatementOn::Item(app.screen.item)
                    } else {
                        StatementOn::Decision {
                            item: app.screen.item,
                            id: d.about.clone(),
                        }
                    };
                    let (by, kind) = d
                        .statement
                        .as_ref()
                        .map(|s| (s.by.clone(), s.kind.parse().unwrap_or_default()))
                        .unwrap_or_default();
                    Mode::Prompt(
                        Prompt::new(PromptKind::Statement { on, by, kind }, &d.text).recovered(),
                    )
                }
                // The sheet reopens with its marks; Enter records them as before.
                DraftKind::Vote => {
                    let target = Target::Decision {
                        item: app.screen.item,
                        id: d.about.clone(),
                    };
                    let marks = d.vote.as_ref().map(|v| v.vote());
                    Mode::Vote(crate::tui::widgets::taken::VoteSheet::new(
                        target,
                        marks.as_ref(),
                        &app.record.minutes,
                        &app.plan,
                    ))
                }
            };
            Effect::DiscardDraft
        }
        Action::Cancel => Effect::DiscardDraft,
        Action::Quit => {
            // Still offered: the loop keeps it on disk for the next session.
            app.screen.mode = Mode::Recover(d);
            Effect::Quit
        }
        _ => {
            app.screen.mode = Mode::Recover(d);
            Effect::None
        }
    }
}

//! Applies one line to the meeting through the live screen's own [`Action`]s and
//! [`update`]: a line command is the keys a rapporteur would press (`d TEXT` is `d`, the
//! text, Enter, Esc, Esc), so every rule (decision ids, the owner-matching rule, due dates,
//! updates to plan actions, read-only, amendments) is the screen's. Then it answers in
//! short sentences for reading aloud. No I/O here: the loop writes the minutes.
//!
//! A line is applied whole or not at all: when a later step of a line fails, the minutes
//! go back to what they were before it, and the line's changes are one step of undo.
//! One exception: a scribe's `present+ A, B, C` marks the names it can and names the
//! others (answered as refused, so a replay lists it; refused whole when none can be).

use chrono::Timelike;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::command::{Command, Presence, TakenLine, parse};
use crate::model::dates::parse_due;
use crate::model::{Minutes, Status};
use crate::tui::app::{Mode, ModeKind, Pane, Target};
use crate::tui::update::update;
use crate::tui::widgets::attendance::AttendanceRow;
use crate::tui::widgets::owners::PickRow;
use crate::tui::{Action, App, Effect};

/// How many search results are read out.
const RESULTS: usize = 5;

/// What the loop must do after a line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reply {
    /// The answer, one sentence or a few lines.
    pub lines: Vec<String>,
    /// False when the line could not be applied (nothing of it was), or only in part (a
    /// scribe's `present+` naming someone not on the attendance list: `changed` says the
    /// rest was).
    pub ok: bool,
    /// The minutes changed: write them before saying so.
    pub changed: bool,
    /// `w`: write now and say where.
    pub write_now: bool,
    /// `q`.
    pub quit: bool,
}

/// The line mode's own memory between lines: what was selected by a command, the last
/// search.
#[derive(Debug, Clone, Default)]
pub struct LineMode {
    /// A record was selected by `d`, `sel`, `go` or a scribe line (walking clears it), so
    /// `o`, `t`, `s` never act on a row nobody chose.
    selected: bool,
    /// The last search, for `go N`.
    last_query: Option<String>,
}

/// The actions of one line and what they asked the loop to do.
struct Run<'a> {
    app: &'a mut App,
    changes: usize,
    write_now: bool,
    quit: bool,
    history: bool,
    /// Part of the line was refused and the rest applied (a scribe's `present+` with an
    /// unknown name): answered as refused, its changes kept.
    partly: bool,
}

impl Run<'_> {
    fn act(&mut self, a: Action) {
        // The screen clears its message on the next key; a line is several keys, and
        // what one of them said stays until the line takes it.
        let earlier = self.app.screen.message.take();
        let effect = update(self.app, a);
        if self.app.screen.message.is_none() {
            self.app.screen.message = earlier;
        }
        match effect {
            Effect::Save => self.changes += 1,
            Effect::WriteNow => self.write_now = true,
            Effect::Quit => self.quit = true,
            Effect::None | Effect::DiscardDraft => {}
        }
        // A line is answered whole: a search over a long list is scored to its end (the
        // screen draws the best found so far between keys; a line has no such between).
        while self.app.busy() {
            update(self.app, Action::Work);
        }
    }

    fn key(&mut self, code: KeyCode, mods: KeyModifiers) {
        self.act(Action::Input(KeyEvent::new(code, mods)));
    }

    /// Empties the open one-line field (start of line, then delete to its end).
    fn clear_field(&mut self) {
        self.key(KeyCode::Char('a'), KeyModifiers::CONTROL);
        self.key(KeyCode::Char('k'), KeyModifiers::CONTROL);
    }

    /// Closes whatever a failed step left open.
    fn close(&mut self) {
        if self.app.screen.mode.kind() != ModeKind::Normal {
            self.app.screen.mode = Mode::Normal;
        }
    }

    /// The message `update` left, taken.
    fn message(&mut self) -> Option<String> {
        self.app.screen.message.take().map(|m| match m {
            crate::tui::app::Message::Info(t) | crate::tui::app::Message::Error(t) => t,
        })
    }

    /// Selects agenda item `i` (focus on the agenda, top, down i times).
    fn select_item(&mut self, i: usize) {
        if self.app.screen.focus != Pane::Agenda {
            self.act(Action::NextPane);
        }
        self.act(Action::Top);
        for _ in 0..i {
            self.act(Action::Down);
        }
    }

    /// Selects row `row` of the current item's main pane.
    fn select_row(&mut self, row: usize) {
        if self.app.screen.focus != Pane::Main {
            self.act(Action::NextPane);
        }
        self.act(Action::Top);
        for _ in 0..row {
            self.act(Action::Down);
        }
    }
}

impl LineMode {
    /// A line mode with nothing selected.
    pub fn new() -> LineMode {
        LineMode::default()
    }

    /// Applies one line and answers it.
    pub fn answer(&mut self, app: &mut App, line: &str) -> Reply {
        let command = match parse(line) {
            Ok(c) => c,
            Err(why) => return refused(why),
        };
        let before = app.record.minutes.clone();
        let redo = app.record.redo.clone();
        let screen = app.screen.clone();
        let selected = self.selected;
        app.screen.message = None;
        let mut run = Run {
            app,
            changes: 0,
            write_now: false,
            quit: false,
            history: false,
            partly: false,
        };
        let result = self.apply(&mut run, command);
        run.close();
        let Run {
            app,
            changes,
            write_now,
            quit,
            history,
            partly,
        } = run;
        match result {
            Ok(lines) => {
                if changes > 1 && !history {
                    // One line, one step of undo.
                    let keep = app.record.undo.len().saturating_sub(changes - 1);
                    app.record.undo.truncate(keep);
                }
                Reply {
                    lines,
                    ok: !partly,
                    // Quitting leaves the item under discussion: the closing time.
                    changed: changes > 0 || (quit && app.record.minutes != before),
                    write_now,
                    quit,
                }
            }
            Err(why) => {
                // Nothing half-applied: the minutes, the history and the screen as before.
                if !history {
                    for _ in 0..changes {
                        app.record.undo.pop();
                    }
                    app.record.minutes = before;
                    app.record.revision += 1;
                    app.record.redo = redo;
                }
                app.screen = screen;
                self.selected = selected;
                refused(why)
            }
        }
    }

    fn apply(&mut self, run: &mut Run<'_>, command: Command) -> Result<Vec<String>, String> {
        match command {
            Command::Nothing => Ok(Vec::new()),
            Command::NextArea => self.walk(run, Action::NextArea),
            Command::PrevArea => self.walk(run, Action::PrevArea),
            Command::Area(n) => self.walk(run, Action::JumpArea(n)),
            Command::Take(id) => {
                let i = run
                    .app
                    .record
                    .minutes
                    .items
                    .iter()
                    .position(|r| r.id.eq_ignore_ascii_case(&id))
                    .ok_or_else(|| {
                        format!(
                            "there is no agenda item {}; ls reads the current one, / searches",
                            inert(&id)
                        )
                    })?;
                self.take_up(run, i)
            }
            Command::Topic(title) => {
                let i = best_title(&run.app.record.minutes, &title)
                    .ok_or_else(|| format!("no agenda item's title matches '{}'", inert(&title)))?;
                self.take_up(run, i)
            }
            Command::Decide(text) => {
                let id = self.decide(run, &text)?;
                Ok(vec![self.decision_sentence(run.app, &id)])
            }
            Command::Action { owners, text } => {
                let (text, due) = split_due(&text, run.app.meeting_date())?;
                let id = self.decide(run, &text)?;
                let mut said = self.set_owners(run, &owners)?;
                if let Some(due) = due {
                    self.set_due(run, &due)?;
                }
                said.insert(0, self.decision_sentence(run.app, &id));
                Ok(said)
            }
            Command::Owners(list) => {
                self.need_selection(run.app)?;
                let mut said = self.set_owners(run, &list)?;
                said.insert(0, self.record_sentence(run.app)?);
                Ok(said)
            }
            Command::Due(text) => {
                self.need_selection(run.app)?;
                self.set_due(run, &text)?;
                self.record_sentence(run.app).map(|s| vec![s])
            }
            Command::Status(word) => {
                self.need_selection(run.app)?;
                self.set_status(run, &word)?;
                self.record_sentence(run.app).map(|s| vec![s])
            }
            Command::Note(text) => at_current(run, |run| note(run, &text)),
            Command::Select(id) => {
                let before = under(run.app);
                self.select(run, &id)?;
                let mut said = vec![self.record_sentence(run.app)?];
                said.extend(elsewhere(run.app, before));
                Ok(said)
            }
            Command::Attend(names, presence) => {
                // A scribe's `present+ A, B, C`: the names that can be marked are, and the
                // answer names the ones that cannot (the line is then refused as a whole
                // only when none could be marked).
                let mut said = Vec::new();
                let mut unmarked = Vec::new();
                for name in &names {
                    match attend(run, name, presence) {
                        Ok(s) => said.push(s),
                        Err(why) if names.len() == 1 => return Err(why),
                        Err(why) => {
                            run.close();
                            unmarked.push(sentence(&why));
                        }
                    }
                }
                if said.is_empty() {
                    return Err(format!(
                        "nobody on this line was marked: {}",
                        unmarked.join(" ")
                    ));
                }
                if !unmarked.is_empty() {
                    run.partly = true;
                    said.insert(
                        0,
                        format!(
                            "Not marked ({} of {}): {}",
                            unmarked.len(),
                            names.len(),
                            unmarked.join(" ")
                        ),
                    );
                }
                said.push(quorum_sentence(run.app));
                Ok(said)
            }
            Command::ReadAttendance => Ok(attendance_lines(run.app)),
            Command::Taken(line) => self.taken(run, line),
            Command::Statement { by, kind, text } => self.statement(run, &by, kind, &text),
            Command::Delete => {
                // The screen's `x` on the selected row: a decision, or this item's update
                // to a plan action (the plan's own actions are not deleted).
                let t = self.need_selection(run.app)?;
                let was = record_line(run.app, &t);
                let changes = run.changes;
                run.act(Action::Delete);
                let said = run.message().unwrap_or_default();
                if run.changes == changes {
                    return Err(if said.is_empty() {
                        "nothing was deleted".into()
                    } else {
                        said
                    });
                }
                self.selected = false;
                Ok(vec![sentence(&said), format!("It read: {was}")])
            }
            Command::Quorate(quorate) => {
                let t = self.need_selection(run.app)?;
                let Target::Decision { item, id } = &t else {
                    return Err("select a decision: the quorum mark is a decision's".into());
                };
                let marked = run
                    .app
                    .decision(*item, id)
                    .is_some_and(|d| d.without_quorum);
                if marked != quorate {
                    return Ok(vec![format!(
                        "Decision {} is already recorded {} a quorum; nothing changed.",
                        inert(id),
                        if quorate { "with" } else { "without" }
                    )]);
                }
                run.act(Action::QuorumMark);
                let said = run.message().unwrap_or_default();
                if said.starts_with("read-only") {
                    return Err(said);
                }
                Ok(vec![sentence(&said)])
            }
            Command::Undo | Command::Redo => {
                run.history = true;
                let a = if command == Command::Undo {
                    Action::Undo
                } else {
                    Action::Redo
                };
                run.act(a);
                let said = run.message().unwrap_or_default();
                if said.starts_with("read-only") {
                    return Err(said);
                }
                Ok(vec![sentence(&said)])
            }
            Command::List => Ok(at_current(run, |run| item_lines(run.app))),
            Command::Where => Ok(vec![at_current(run, |run| where_sentence(run.app))]),
            Command::Search(q) => {
                let lines = search(run, &q);
                self.last_query = Some(q);
                Ok(lines)
            }
            Command::Go(n) => self.go(run, n),
            Command::Correct { old, new } => self.correct(run, &old, &new),
            Command::Write => {
                run.act(Action::Write);
                match run.message() {
                    Some(why) => Err(why),
                    None => Ok(Vec::new()),
                }
            }
            Command::Quit => {
                run.act(Action::Quit);
                Ok(Vec::new())
            }
            Command::Help => Ok(help_lines()),
        }
    }

    /// `]`, `[`, `3`: the screen's walk, then the item is taken up.
    fn walk(&mut self, run: &mut Run<'_>, a: Action) -> Result<Vec<String>, String> {
        let here = run.app.screen.item;
        let count = run.app.record.minutes.items.len();
        // The walk takes the item up itself: what it was before says "back to" or not.
        let times: Vec<_> = run
            .app
            .record
            .minutes
            .items
            .iter()
            .map(|r| r.taken_up)
            .collect();
        run.act(a);
        let said = run.message();
        let moved = run.app.screen.item != here || run.app.record.minutes.items.len() != count;
        if !moved && let Some(why) = said.clone() {
            return Err(sentence(&why));
        }
        let item = run.app.screen.item;
        let earlier = times.get(item).copied().flatten();
        let mut lines = self.take_up_from(run, item, earlier)?;
        if let Some(s) = said {
            lines.push(sentence(&s));
        }
        Ok(lines)
    }

    /// Selects item `i` and takes it up (Enter on the agenda).
    fn take_up(&mut self, run: &mut Run<'_>, i: usize) -> Result<Vec<String>, String> {
        let earlier = run.app.record.minutes.items.get(i).and_then(|r| r.taken_up);
        self.take_up_from(run, i, earlier)
    }

    /// Takes item `i` up, `earlier` being its take-up time before this line.
    fn take_up_from(
        &mut self,
        run: &mut Run<'_>,
        i: usize,
        earlier: Option<chrono::NaiveTime>,
    ) -> Result<Vec<String>, String> {
        run.select_item(i);
        run.act(Action::Enter);
        if let Some(why) = run.message().filter(|m| m.starts_with("read-only")) {
            return Err(why);
        }
        self.selected = false;
        let app = &*run.app;
        let name = item_name(app, app.screen.item);
        let rec = app.current();
        let said = match (earlier, rec.and_then(|r| r.taken_up)) {
            (Some(t), _) => format!("Back to {name}, first taken up at {}.", clock(t)),
            (None, Some(t)) => format!("Taken up: {name}, at {}.", clock(t)),
            (None, None) => format!("Now on {name}."),
        };
        let mut lines = vec![said];
        let shown = app.shown().len();
        let decisions = app.decisions().len();
        if shown + decisions > 0 {
            lines.push(format!(
                "{} plan action{} and {} decision{}; ls reads them.",
                shown,
                plural(shown),
                decisions,
                plural(decisions)
            ));
        }
        Ok(lines)
    }

    /// `d TEXT`: `d`, the text, Enter, then Esc for the owners and Esc for the date.
    fn decide(&mut self, run: &mut Run<'_>, text: &str) -> Result<String, String> {
        if run.app.current().is_none() {
            return Err("the agenda has no item to record under".into());
        }
        // After `sel` looked at another item: back to the one under discussion first, where
        // the screen would put the decision too.
        let current = under(run.app);
        if current != run.app.screen.item {
            run.select_item(current);
        }
        let count = run.app.decisions().len();
        run.act(Action::Decide);
        run.act(Action::Paste(text.to_string()));
        run.act(Action::Confirm);
        if let Some(why) = run.message().filter(|m| m.starts_with("read-only")) {
            return Err(why);
        }
        // The screen goes on to the owners and the due date: both skipped here.
        if run.app.screen.mode.kind() == ModeKind::Owners {
            run.act(Action::Cancel);
        }
        if run.app.screen.mode.kind() == ModeKind::Prompt {
            run.act(Action::Cancel);
        }
        run.app.screen.message = None;
        if run.app.decisions().len() <= count {
            return Err("nothing was recorded".into());
        }
        self.selected = true;
        Ok(run
            .app
            .decisions()
            .last()
            .map(|d| d.id.clone())
            .unwrap_or_default())
    }

    fn need_selection(&self, app: &App) -> Result<Target, String> {
        match app.selected_target() {
            Some(t) if self.selected => Ok(t),
            _ => Err("no record is selected: d records a decision, sel ID selects one".into()),
        }
    }

    /// `o A, B`: the owner picker, emptied, then each name typed and taken by the
    /// picker's rule (the first row: a strong match, else the text as a free-text owner).
    fn set_owners(&mut self, run: &mut Run<'_>, list: &str) -> Result<Vec<String>, String> {
        let names: Vec<String> = list
            .split(',')
            .map(str::trim)
            .filter(|n| crate::text::has_visible(n))
            .map(str::to_string)
            .collect();
        if names.is_empty() {
            return Err("o needs owners, separated by commas".into());
        }
        run.act(Action::Owners);
        let current = match &run.app.screen.mode {
            Mode::Owners(p) => p.chosen.clone(),
            _ => {
                return Err(run
                    .message()
                    .unwrap_or_else(|| "this record takes no owners".into()));
            }
        };
        for owner in current {
            toggle_owner(run, &owner);
        }
        let mut free = Vec::new();
        for name in &names {
            run.act(Action::Paste(name.clone()));
            let (first, chosen) = match &run.app.screen.mode {
                Mode::Owners(p) => (
                    p.matches.first().cloned(),
                    p.chosen
                        .contains(&highlighted(run.app, 0).unwrap_or_default()),
                ),
                _ => (None, false),
            };
            if first == Some(PickRow::FreeText) {
                free.push(name.clone());
            }
            if chosen {
                run.clear_field();
            } else {
                run.act(Action::Pick);
            }
        }
        run.act(Action::Confirm);
        Ok(free
            .iter()
            .map(|n| {
                format!(
                    "'{}' is not in the roster: kept as a free-text owner.",
                    inert(n)
                )
            })
            .collect())
    }

    /// `t DATE`: the due-date field, emptied, the date typed, Enter.
    fn set_due(&mut self, run: &mut Run<'_>, text: &str) -> Result<(), String> {
        // Refused before anything is touched, with the screen's own reason.
        parse_due(text, run.app.meeting_date()).map_err(|e| e.to_string())?;
        run.act(Action::Due);
        if run.app.screen.mode.kind() != ModeKind::Prompt {
            return Err(run
                .message()
                .unwrap_or_else(|| "this record takes no due date".into()));
        }
        run.clear_field();
        run.act(Action::Paste(text.to_string()));
        run.act(Action::Confirm);
        if let Mode::Prompt(p) = &run.app.screen.mode {
            let why = p
                .error
                .clone()
                .unwrap_or_else(|| "the date was refused".into());
            return Err(why);
        }
        run.app.screen.message = None;
        Ok(())
    }

    /// `s STATUS`: the status picker, stepped to the status, Enter.
    fn set_status(&mut self, run: &mut Run<'_>, word: &str) -> Result<(), String> {
        let wanted: Status = word.to_lowercase().parse().map_err(|()| {
            format!(
                "'{}' is not a status: open, in-progress, blocked, done or dropped",
                inert(word)
            )
        })?;
        run.act(Action::Status);
        for _ in 0..Status::ALL.len() {
            match &run.app.screen.mode {
                Mode::Status(p) if p.chosen() != wanted => run.act(Action::Down),
                _ => break,
            }
        }
        if run.app.screen.mode.kind() != ModeKind::Status {
            return Err(run
                .message()
                .unwrap_or_else(|| "this record takes no status".into()));
        }
        run.act(Action::Confirm);
        Ok(())
    }

    /// `sel ID`: a decision of this meeting by its id; an action by name, where the
    /// current item shows it, else through the search (which walks to its area).
    fn select(&mut self, run: &mut Run<'_>, id: &str) -> Result<(), String> {
        let found = run
            .app
            .record
            .minutes
            .items
            .iter()
            .enumerate()
            .find_map(|(i, r)| {
                r.decisions
                    .iter()
                    .position(|d| d.id.eq_ignore_ascii_case(id))
                    .map(|j| (i, j))
            });
        if let Some((i, j)) = found {
            run.select_item(i);
            let row = run.app.shown().len() + j;
            run.select_row(row);
            self.selected = true;
            return Ok(());
        }
        let name = run
            .app
            .cache
            .baseline
            .get(id)
            .map(|a| a.id.clone())
            .or_else(|| {
                run.app
                    .plan
                    .actions()
                    .find(|(_, a)| a.id.eq_ignore_ascii_case(id))
                    .map(|(_, a)| a.id.clone())
            })
            .ok_or_else(|| {
                format!(
                    "there is no record {}: a decision id (3.3-1) or an action (PA-2)",
                    inert(id)
                )
            })?;
        if let Some(row) = run.app.shown().position(&name) {
            run.select_row(row);
            self.selected = true;
            return Ok(());
        }
        run.act(Action::Search);
        run.act(Action::Paste(name.clone()));
        let position = match &run.app.screen.mode {
            Mode::Search(s) => s.matches.iter().position(|&m| {
                matches!(&s.entry(m).hit,
                crate::tui::widgets::search::Hit::Action(a)
                | crate::tui::widgets::search::Hit::Earlier(a) if *a == name)
            }),
            _ => None,
        };
        let Some(position) = position else {
            return Err(format!("{} is not shown under any item", inert(&name)));
        };
        for _ in 0..position {
            run.act(Action::Down);
        }
        run.act(Action::Confirm);
        let _ = run.message();
        match run.app.selected_target() {
            Some(Target::Action(a)) if a == name => {
                self.selected = true;
                Ok(())
            }
            _ => Err(format!("{} is not shown under any item", inert(&name))),
        }
    }

    /// `go N`: the N-th result of the last search, as Enter in the search would.
    fn go(&mut self, run: &mut Run<'_>, n: usize) -> Result<Vec<String>, String> {
        let q = self
            .last_query
            .clone()
            .ok_or("no search yet: / QUERY searches")?;
        run.act(Action::Search);
        run.act(Action::Paste(q));
        let count = match &run.app.screen.mode {
            Mode::Search(s) => s.matches.len(),
            _ => 0,
        };
        if n > count {
            return Err(format!("the last search found {count}"));
        }
        for _ in 1..n {
            run.act(Action::Down);
        }
        let item = run.app.screen.item;
        run.act(Action::Confirm);
        let mut lines = Vec::new();
        if let Some(m) = run.message() {
            lines.push(sentence(&m));
        }
        if run.app.screen.focus == Pane::Main && run.app.selected_target().is_some() {
            self.selected = true;
            lines.insert(0, self.record_sentence(run.app)?);
        } else {
            self.selected = false;
            if run.app.screen.item != item || lines.is_empty() {
                lines.insert(
                    0,
                    format!(
                        "Selected {}; take {} takes it up.",
                        item_name(run.app, run.app.screen.item),
                        inert(&run.app.current().map(|r| r.id.clone()).unwrap_or_default())
                    ),
                );
            }
        }
        Ok(lines)
    }

    /// `s/OLD/NEW/`: the selected decision (or the current item's last), edited with Enter.
    fn correct(&mut self, run: &mut Run<'_>, old: &str, new: &str) -> Result<Vec<String>, String> {
        let target = match run.app.selected_target() {
            Some(t @ Target::Decision { .. }) if self.selected => t,
            _ => {
                let last = run.app.decisions().len().checked_sub(1).ok_or(
                    "no decision to correct under this item: sel ID selects one".to_string(),
                )?;
                let row = run.app.shown().len() + last;
                run.select_row(row);
                self.selected = true;
                run.app
                    .selected_target()
                    .ok_or("no decision to correct".to_string())?
            }
        };
        let Target::Decision { item, id } = &target else {
            return Err("only a decision's text can be corrected".into());
        };
        let text = run
            .app
            .decision(*item, id)
            .map(|d| d.text.clone())
            .unwrap_or_default();
        if !text.contains(old) {
            return Err(format!(
                "decision {} does not contain '{}'",
                inert(id),
                inert(old)
            ));
        }
        let corrected = text.replacen(old, new, 1);
        if run.app.screen.focus != Pane::Main {
            run.act(Action::NextPane);
        }
        run.act(Action::Enter);
        if run.app.screen.mode.kind() != ModeKind::Prompt {
            return Err(run
                .message()
                .unwrap_or_else(|| "the decision cannot be edited".into()));
        }
        run.clear_field();
        run.act(Action::Paste(corrected));
        run.act(Action::Confirm);
        if let Mode::Prompt(p) = &run.app.screen.mode {
            return Err(p.error.clone().unwrap_or_else(|| "refused".into()));
        }
        let id = id.clone();
        let text = run
            .app
            .decision(*item, &id)
            .map(|d| d.text.clone())
            .unwrap_or_default();
        Ok(vec![format!(
            "Decision {} now reads: {}",
            inert(&id),
            quoted(&text)
        )])
    }

    /// `Decision 3.3-1 recorded under 3.3 Technology: "…". Owners: ECAC. Due 30 Sep 2018.`
    fn decision_sentence(&self, app: &App, id: &str) -> String {
        let item = app.screen.item;
        let Some(d) = app.decision(item, id) else {
            return format!("Decision {} recorded.", inert(id));
        };
        let rec = app.current();
        let mut s = format!(
            "Decision {} recorded under {} {}: {}",
            inert(id),
            inert(&rec.map(|r| r.id.clone()).unwrap_or_default()),
            inert(&rec.map(|r| r.title.clone()).unwrap_or_default()),
            quoted(&d.text)
        );
        if !d.owners.is_empty() {
            s.push_str(&format!(" Owners: {}.", owner_names(app, &d.owners)));
        }
        if let Some(due) = d.due {
            s.push_str(&format!(" Due {}.", app.screen.dates.format(due)));
        }
        if d.without_quorum {
            s.push_str(" Recorded without a quorum.");
        }
        s
    }

    /// `v ...`: the screen's `v` on the selected decision: the form by its digit; a vote
    /// entered on the sheet delegation by delegation (each found as the sheet's filter
    /// finds it, refused by the same rule); the silence deadline typed into its field.
    fn taken(&mut self, run: &mut Run<'_>, line: TakenLine) -> Result<Vec<String>, String> {
        match self.need_selection(run.app)? {
            Target::Decision { .. } => {}
            Target::Action(_) => {
                return Err("v records how a decision of this meeting was taken: sel a \
                            decision first"
                    .into());
            }
        }
        run.act(Action::HowTaken);
        if run.app.screen.mode.kind() != ModeKind::HowTaken {
            return Err(run
                .message()
                .unwrap_or_else(|| "this record was not taken by the meeting".into()));
        }
        match line {
            TakenLine::Consensus => run.act(Action::Choose(1)),
            TakenLine::AdReferendum(date) => {
                run.act(Action::Choose(3));
                run.clear_field();
                run.act(Action::Paste(date));
                run.act(Action::Confirm);
                if let Mode::Prompt(p) = &run.app.screen.mode {
                    return Err(p
                        .error
                        .clone()
                        .unwrap_or_else(|| "the date was refused".into()));
                }
            }
            TakenLine::Vote { yes, no, abstain } => {
                run.act(Action::Choose(2));
                vote(run, &[(1, yes), (2, no), (3, abstain)])?;
            }
        }
        let said = run.message().unwrap_or_default();
        let mut lines = vec![sentence(&said)];
        if let Some(Target::Decision { item, id }) = run.app.selected_target()
            && let Some(v) = run.app.decision(item, &id).and_then(|d| d.taken.vote())
        {
            let side = |ids: &[String]| {
                if ids.is_empty() {
                    "none".to_string()
                } else {
                    owner_names(run.app, ids)
                }
            };
            lines.push(format!(
                "For: {}. Against: {}. Abstaining: {}.",
                side(&v.yes),
                side(&v.no),
                side(&v.abstain)
            ));
        }
        Ok(lines)
    }

    /// `r DELEGATION KIND: TEXT`: the screen's `r`, on the selected decision (when a
    /// command selected one), else on the item under discussion.
    fn statement(
        &mut self,
        run: &mut Run<'_>,
        by: &str,
        kind: crate::model::StatementKind,
        text: &str,
    ) -> Result<Vec<String>, String> {
        let on_decision =
            self.selected && matches!(run.app.selected_target(), Some(Target::Decision { .. }));
        let focus = if on_decision {
            Pane::Main
        } else {
            Pane::Agenda
        };
        if run.app.screen.focus != focus {
            run.act(Action::NextPane);
        }
        run.act(Action::Statement);
        if run.app.screen.mode.kind() != ModeKind::Speaker {
            return Err(run
                .message()
                .unwrap_or_else(|| "a statement cannot be recorded here".into()));
        }
        run.act(Action::Paste(by.to_string()));
        run.act(Action::Confirm);
        if let Mode::Statement(f) = &run.app.screen.mode
            && run.app.screen.mode.kind() == ModeKind::Speaker
        {
            let roster = &run.app.cache.owner_candidates.roster;
            return Err(
                super::command::kind_not_valid(by, |d| !roster.strong(d).is_empty())
                    .or_else(|| f.error.clone())
                    .unwrap_or_else(|| format!("'{}' names no delegation", inert(by))),
            );
        }
        let n = crate::model::StatementKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        run.act(Action::Choose(n + 1));
        run.act(Action::Paste(text.to_string()));
        run.act(Action::Confirm);
        if let Mode::Prompt(p) = &run.app.screen.mode {
            return Err(p.error.clone().unwrap_or_else(|| "refused".into()));
        }
        Ok(vec![sentence(&run.message().unwrap_or_default())])
    }

    /// The selected record, read out.
    fn record_sentence(&self, app: &App) -> Result<String, String> {
        let t = app
            .selected_target()
            .ok_or("no record is selected".to_string())?;
        Ok(record_line(app, &t))
    }
}

/// One record: `Decision 3.3-1: "…". Owners: CTU. Due 2017-03-31. Status open.` or an
/// action as it stands now.
fn record_line(app: &App, t: &Target) -> String {
    match t {
        Target::Decision { item, id } => {
            let Some(d) = app.decision(*item, id) else {
                return format!("Decision {}.", inert(id));
            };
            let mut s = format!("Decision {}: {}", inert(id), quoted(&d.text));
            if !d.owners.is_empty() {
                s.push_str(&format!(" Owners: {}.", owner_names(app, &d.owners)));
            }
            if let Some(due) = d.due {
                s.push_str(&format!(" Due {}.", app.screen.dates.format(due)));
            }
            if let Some(st) = d.effective_status() {
                s.push_str(&format!(" Status {st}."));
            }
            s
        }
        Target::Action(a) => match app.now_state(a) {
            Some(st) => {
                let mut s = format!("Action {}: {}", inert(a), end(&inert(&st.title)));
                if !st.owners.is_empty() {
                    s.push_str(&format!(" Owners: {}.", owner_names(app, &st.owners)));
                }
                if let Some(due) = st.due {
                    s.push_str(&format!(" Due {}.", app.screen.dates.format(due)));
                }
                s.push_str(&format!(" Status {}.", st.status));
                if app.change_to(a).is_some() {
                    s.push_str(" Updated at this meeting.");
                }
                s
            }
            None => format!("Action {}.", inert(a)),
        },
    }
}

/// Toggles one owner of the open picker: its name typed, its row highlighted, Tab.
fn toggle_owner(run: &mut Run<'_>, owner: &str) {
    run.act(Action::Paste(owner.to_string()));
    let row = (0..64).find(|&r| highlighted(run.app, r).as_deref() == Some(owner));
    match row {
        Some(r) => {
            for _ in 0..r {
                run.act(Action::Down);
            }
            run.act(Action::Pick);
        }
        None => run.clear_field(),
    }
}

/// The owner row `r` of the open picker stands for.
fn highlighted(app: &App, r: usize) -> Option<String> {
    let Mode::Owners(p) = &app.screen.mode else {
        return None;
    };
    match p.matches.get(r)? {
        PickRow::Partner(i, _) => app.cache.owner_candidates.get(*i).map(|c| c.id.clone()),
        PickRow::FreeText => Some(p.query_text().trim().to_string()),
    }
}

/// `n TEXT`: the notes editor, a new paragraph at the end, Esc (which saves).
fn note(run: &mut Run<'_>, text: &str) -> Result<Vec<String>, String> {
    let notes = run
        .app
        .current()
        .ok_or("the agenda has no item to note under")?
        .notes
        .clone()
        .unwrap_or_default();
    let has = !notes.trim().is_empty();
    run.act(Action::Notes);
    if run.app.screen.mode.kind() != ModeKind::Notes {
        return Err(run.message().unwrap_or_else(|| "no notes here".into()));
    }
    // The editor opens with its cursor at the end: what trails the stored text (a file
    // written by hand may end in blank lines) goes, so exactly one blank line separates
    // the paragraphs.
    let trailing = notes.len() - notes.trim_end().len();
    for _ in 0..notes[notes.len() - trailing..].chars().count() {
        run.key(KeyCode::Backspace, KeyModifiers::NONE);
    }
    let para = if has {
        format!("\n\n{text}")
    } else {
        text.to_string()
    };
    run.act(Action::Paste(para));
    run.act(Action::Cancel);
    Ok(vec![format!(
        "Note added to {}.",
        item_name(run.app, run.app.screen.item)
    )])
}

/// Enters a vote on the open sheet: the sides the decision carried are emptied, then each
/// delegation is typed into the sheet's filter and put on its side by its digit, as the
/// rapporteur would; then Enter. A delegation named twice in the line is refused by the
/// rule `check` applies.
fn vote(run: &mut Run<'_>, sides: &[(usize, Vec<String>)]) -> Result<(), String> {
    let sheet = |run: &Run<'_>| match &run.app.screen.mode {
        Mode::Vote(s) => Some(s.clone()),
        _ => None,
    };
    let earlier = sheet(run).ok_or("the vote sheet did not open")?.vote;
    for side in crate::model::Side::ALL {
        for id in earlier.side(side) {
            // Not voting; the digit clears the filter for the next name.
            run.act(Action::Paste(id.clone()));
            run.act(Action::Choose(4));
        }
    }
    let mut named: Vec<(String, crate::model::Side)> = Vec::new();
    for (digit, list) in sides {
        let side = crate::model::Side::ALL[digit - 1];
        for who in list {
            let roster = &run.app.cache.owner_candidates.roster;
            // A roster delegation by the strong-match rule, else a free-text delegation of
            // the attendance named exactly (as the sheet's filter ranks them).
            let free = || {
                run.app
                    .record
                    .minutes
                    .attendance
                    .iter()
                    .find(|a| crate::model::roster::Roster::names_free_text(who, &a.represents))
                    .map(|a| a.represents.clone())
            };
            let Some(id) = roster
                .strong(who)
                .first()
                .and_then(|&i| roster.entries().get(i))
                .map(|e| e.id.clone())
                .or_else(free)
            else {
                return Err(format!(
                    "'{}' names no delegation of the roster (an id, a name or a short name)",
                    inert(who)
                ));
            };
            if let Some((_, first)) = named.iter().find(|(n, _)| *n == id) {
                return Err(crate::model::VoteError::Twice(*first)
                    .message(&owner_names(run.app, std::slice::from_ref(&id))));
            }
            named.push((id.clone(), side));
            run.act(Action::Paste(who.clone()));
            if sheet(run).and_then(|s| s.highlighted().map(str::to_string)) != Some(id) {
                return Err(format!("'{}' is not on the vote sheet", inert(who)));
            }
            run.act(Action::Choose(*digit));
            if let Some(why) = sheet(run).and_then(|s| s.error) {
                return Err(why);
            }
        }
    }
    run.act(Action::Confirm);
    match sheet(run) {
        Some(s) => Err(s
            .error
            .unwrap_or_else(|| "the vote was not recorded".into())),
        None => Ok(()),
    }
}

/// One delegation's attendance: the attendance list, its row, Tab (absent → present →
/// apologies) until it says what the line says.
fn attend(run: &mut Run<'_>, who: &str, presence: Presence) -> Result<String, String> {
    run.act(Action::Attendance);
    let Mode::Attendance(list) = &run.app.screen.mode else {
        return Err(run
            .message()
            .unwrap_or_else(|| "attendance cannot be changed".into()));
    };
    let row = attendance_row(run.app, &list.rows, who)?;
    let want = match presence {
        Presence::Present => crate::model::Presence::Present,
        Presence::Absent => crate::model::Presence::Absent,
        Presence::Apologies => crate::model::Presence::Apologies,
    };
    for _ in 0..row {
        run.act(Action::Down);
    }
    let name = match &list_row(run.app, row) {
        Some(AttendanceRow::Recorded(i)) => attendee_name(run.app, *i),
        Some(AttendanceRow::State(s)) => owner_names(run.app, std::slice::from_ref(s)),
        None => inert(who),
    };
    let now = |app: &App| match list_row(app, row) {
        Some(AttendanceRow::Recorded(i)) => app
            .record
            .minutes
            .attendance
            .get(i)
            .map(|a| a.status)
            .unwrap_or_default(),
        _ => crate::model::Presence::Absent,
    };
    for _ in 0..crate::model::Presence::ALL.len() {
        if now(run.app) == want {
            break;
        }
        run.act(Action::Status);
        // Refused (read-only, or a delegation that voted stays present): say why.
        if let Some(crate::tui::app::Message::Error(why)) = run.app.screen.message.clone() {
            run.app.screen.message = None;
            return Err(why);
        }
        if let Some(why) = run.message().filter(|m| m.starts_with("read-only")) {
            return Err(why);
        }
    }
    run.act(Action::Cancel);
    Ok(match presence {
        Presence::Present => format!("{name} present."),
        Presence::Absent => format!("{name} absent."),
        Presence::Apologies => format!("Apologies from {name}."),
    })
}

/// The row of the attendance list a name stands for: a delegation's id or name, an
/// attendee's full name, or a roster entry by the owner-matching rule; else a delegate's
/// name by its word starts (`Okafor`, `amara okafor`), as the screen's filter finds it. A
/// name that two delegations' delegates share is refused with both.
fn attendance_row(app: &App, rows: &[AttendanceRow], who: &str) -> Result<usize, String> {
    let roster = &app.cache.owner_candidates.roster;
    let id = roster
        .strong(who)
        .first()
        .and_then(|&i| app.plan.partners.get(i))
        .map(|p| p.id.clone());
    let m = &app.record.minutes;
    let exact = |row: &AttendanceRow| match row {
        AttendanceRow::Recorded(i) => m.attendance.get(*i).is_some_and(|a| {
            a.represents.eq_ignore_ascii_case(who)
                || a.delegates.iter().any(|d| d.name.eq_ignore_ascii_case(who))
                || id.as_deref() == Some(a.represents.as_str())
        }),
        AttendanceRow::State(s) => s.eq_ignore_ascii_case(who) || id.as_deref() == Some(s),
    };
    if let Some(row) = rows.iter().position(exact) {
        return Ok(row);
    }
    let by_delegate: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| match row {
            AttendanceRow::Recorded(i) => m.attendance.get(*i).is_some_and(|a| {
                a.delegates
                    .iter()
                    .any(|d| crate::model::roster::Roster::names_free_text(who, &d.name))
            }),
            AttendanceRow::State(_) => false,
        })
        .map(|(n, _)| n)
        .collect();
    match by_delegate.as_slice() {
        [row] => Ok(*row),
        [] => {
            let states = app.plan.partners.iter().filter(|p| p.is_state()).count();
            let roster = match (app.plan.partners.len(), states) {
                (0, _) => "no roster".to_string(),
                (n, s) if s == n => format!("the roster's {n} state{}", plural(n)),
                (n, _) => format!("the roster's {n} delegation{}", plural(n)),
            };
            Err(format!(
                "'{}' is not on the attendance list (the agenda's attendees, their delegates' \
                 names and {roster}); a alone reads it",
                inert(who)
            ))
        }
        several => {
            let names: Vec<String> = several
                .iter()
                .filter_map(|&r| match rows.get(r) {
                    Some(AttendanceRow::Recorded(i)) => Some(attendee_name(app, *i)),
                    _ => None,
                })
                .collect();
            Err(format!(
                "'{}' names more than one delegate: {}; say which with more of the name",
                inert(who),
                names.join("; ")
            ))
        }
    }
}

fn list_row(app: &App, row: usize) -> Option<AttendanceRow> {
    match &app.screen.mode {
        Mode::Attendance(l) => l.rows.get(row).cloned(),
        _ => None,
    }
}

fn attendee_name(app: &App, i: usize) -> String {
    let Some(a) = app.record.minutes.attendance.get(i) else {
        return String::new();
    };
    let delegation = owner_names(app, std::slice::from_ref(&a.represents));
    let names: Vec<&str> = a.delegates.iter().map(|d| d.name.as_str()).collect();
    if names.is_empty() {
        delegation
    } else {
        format!("{} ({delegation})", inert(&names.join(", ")))
    }
}

/// `a` alone: who is present (observers and delegations the rule does not count said so),
/// who sent apologies, who is absent, the quorum by the rule.
fn attendance_lines(app: &App) -> Vec<String> {
    use crate::model::Presence as P;
    let m = &app.record.minutes;
    let of = |p: P| -> Vec<usize> {
        (0..m.attendance.len())
            .filter(|&i| m.attendance[i].status == p)
            .collect()
    };
    let names = |v: &[usize], tagged: bool| {
        v.iter()
            .map(|&i| {
                let a = &m.attendance[i];
                let name = attendee_name(app, i);
                if !tagged {
                    name
                } else if a.is_observer(Some(&app.plan)) {
                    format!("{name}, observer, not counted")
                } else if !crate::model::attendance::entitled(&m.meeting, &app.plan, a) {
                    format!("{name}, not counted")
                } else {
                    name
                }
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let (present, apologies, absent) = (of(P::Present), of(P::Apologies), of(P::Absent));
    let mut lines = vec![if present.is_empty() {
        "Nobody is recorded present.".to_string()
    } else {
        format!("Present ({}): {}.", present.len(), names(&present, true))
    }];
    if !apologies.is_empty() {
        lines.push(format!(
            "Apologies ({}): {}.",
            apologies.len(),
            names(&apologies, false)
        ));
    }
    if !absent.is_empty() {
        lines.push(format!(
            "Absent ({}): {}.",
            absent.len(),
            names(&absent, false)
        ));
    }
    lines.push(quorum_sentence(app));
    lines
}

/// The quorum as the meeting's rule counts it: present delegations of the counted kinds,
/// never observers.
fn quorum_sentence(app: &App) -> String {
    let quorum = app.quorum();
    let counted = quorum.counted;
    let kinds = crate::model::attendance::quorum_kinds(&app.record.minutes.meeting, &app.plan)
        .map(|k| k.join(", "))
        .unwrap_or_else(|| "every delegation but observers".to_string());
    let that_count = format!("{counted} present that count ({kinds})");
    match quorum.needed {
        Some(q) if quorum.met => format!("Quorum {q}: reached, {that_count}."),
        Some(q) => format!("Quorum {q}: not reached, {that_count}."),
        None => format!("{that_count}; the agenda sets no quorum."),
    }
}

/// `ls`: the current item, its actions and its decisions, one line each.
fn item_lines(app: &App) -> Vec<String> {
    let Some(rec) = app.current() else {
        return vec!["The agenda has no items.".into()];
    };
    let mut lines = vec![sentence(&item_name(app, app.screen.item))];
    let shown = app.shown();
    for i in 0..shown.len() {
        if let Some(name) = shown.name(i) {
            lines.push(record_line(app, &Target::Action(name.to_string())));
        }
    }
    for d in &rec.decisions {
        lines.push(record_line(
            app,
            &Target::Decision {
                item: app.screen.item,
                id: d.id.clone(),
            },
        ));
    }
    if shown.is_empty() && rec.decisions.is_empty() {
        lines.push("Nothing recorded under it yet.".into());
    }
    if let Some(n) = rec.notes.as_deref().filter(|n| !n.trim().is_empty()) {
        let paragraphs = n.split("\n\n").filter(|p| !p.trim().is_empty()).count();
        lines.push(format!(
            "Record of discussion: {paragraphs} paragraph{}.",
            plural(paragraphs)
        ));
    }
    lines
}

/// `where`: the item, its clock against its timebox, the time, the quorum.
fn where_sentence(app: &App) -> String {
    let Some(rec) = app.current() else {
        return "The agenda has no items.".into();
    };
    let mut s = sentence(&item_name(app, app.screen.item));
    match (rec.taken_up, rec.left) {
        (Some(t), Some(left)) if app.screen.under_discussion != Some(app.screen.item) => {
            s.push_str(&format!(
                " Taken up at {}, left at {}: no item is under discussion until one is taken up.",
                clock(t),
                clock(left)
            ));
        }
        (Some(t), _) => {
            let minutes = (app.screen.now.time() - t).num_minutes().max(0);
            s.push_str(&format!(" Taken up at {}: ", clock(t)));
            match app.agenda_item(&rec.id).and_then(|i| i.minutes) {
                Some(m) => s.push_str(&format!("{minutes} of {m} minutes gone.")),
                None => s.push_str(&format!(
                    "{minutes} minute{} ago.",
                    plural(minutes as usize)
                )),
            }
        }
        (None, _) => s.push_str(" Not taken up yet."),
    }
    s.push_str(&format!(" The time is {}. ", clock(app.screen.now.time())));
    s.push_str(&quorum_sentence(app));
    s
}

/// `/ QUERY`: the first results, numbered.
fn search(run: &mut Run<'_>, q: &str) -> Vec<String> {
    run.act(Action::Search);
    run.act(Action::Paste(q.to_string()));
    let Mode::Search(s) = &run.app.screen.mode else {
        return vec!["search is not available".into()];
    };
    let total = s.matches.len();
    if total == 0 {
        run.act(Action::Cancel);
        return vec![format!("Nothing matches '{}'.", inert(q))];
    }
    let mut lines: Vec<String> = s
        .matches
        .iter()
        .take(RESULTS)
        .enumerate()
        .map(|(n, &m)| {
            let e = s.entry(m);
            // The screen's separator dot is read aloud as "dot": a colon reads as a pause.
            format!(
                "{}. {} {}",
                n + 1,
                e.hit.kind(),
                e.label.replacen(" · ", ": ", 1)
            )
        })
        .collect();
    lines.push(if total > RESULTS {
        format!("{total} results; go N jumps to one.")
    } else {
        "go N jumps to one.".to_string()
    });
    run.act(Action::Cancel);
    lines
}

/// The agenda item whose title best matches: the skim score, ties to agenda order.
fn best_title(m: &Minutes, title: &str) -> Option<usize> {
    use fuzzy_matcher::FuzzyMatcher;
    let wanted = title.trim().to_lowercase();
    if let Some(i) = m
        .items
        .iter()
        .position(|r| r.title.trim().to_lowercase() == wanted)
    {
        return Some(i);
    }
    crate::tui::fuzzy::MATCHER.with(|matcher| {
        m.items
            .iter()
            .enumerate()
            .filter_map(|(i, r)| matcher.fuzzy_match(&r.title, title).map(|s| (s, i)))
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
            .map(|(_, i)| i)
    })
}

/// `... by DATE` at the end of an action's text, when it reads as a due date. A `by`
/// followed by what is meant as a date (it has a digit or starts with `+`) that cannot be
/// read is refused with the reason, never kept in the text: `by 31/04/2024` would otherwise
/// become part of the decision and the action would have no due date. Words after `by`
/// (`agreed by the board`) stay text.
fn split_due(text: &str, base: chrono::NaiveDate) -> Result<(String, Option<String>), String> {
    if let Some((head, tail)) = text.rsplit_once(" by ") {
        let tail = tail.trim().trim_end_matches('.');
        if !head.trim().is_empty() {
            match parse_due(tail, base) {
                Ok(_) => return Ok((head.trim().to_string(), Some(tail.to_string()))),
                Err(e) if tail.starts_with('+') || tail.chars().any(|c| c.is_ascii_digit()) => {
                    return Err(e.to_string());
                }
                Err(_) => {}
            }
        }
    }
    Ok((text.to_string(), None))
}

/// The item records go under: the one taken up (the header's), else the one shown.
fn under(app: &App) -> usize {
    app.screen.under_discussion.unwrap_or(app.screen.item)
}

/// Runs `f` on the item under discussion, then goes back to the item and record that were
/// shown: `n`, `ls` and `where` keep to the current item while `sel` looks elsewhere, and
/// the record `sel` chose stays selected.
fn at_current<T>(run: &mut Run<'_>, f: impl FnOnce(&mut Run<'_>) -> T) -> T {
    let (shown, row, focus) = (
        run.app.screen.item,
        run.app.screen.row,
        run.app.screen.focus,
    );
    let current = under(run.app);
    if current == shown {
        return f(run);
    }
    run.select_item(current);
    let out = f(run);
    run.close();
    run.select_item(shown);
    if focus == Pane::Main {
        run.select_row(row);
    }
    out
}

/// After `sel`: where the record is when that is not the current item, and where records
/// go. `before` is the item records went under before it.
fn elsewhere(app: &App, before: usize) -> Option<String> {
    let here = app.screen.item;
    if here == before {
        return None;
    }
    let id = app.current().map(|r| inert(&r.id)).unwrap_or_default();
    Some(match app.screen.under_discussion {
        Some(u) => format!(
            "It is under {}; records still go to {}, under discussion (take {id} takes that item up).",
            item_title(app, here),
            item_title(app, u)
        ),
        None => format!(
            "It is under {}, now the item shown; nothing is taken up yet, so d would take it up \
             (take {id} does).",
            item_title(app, here)
        ),
    })
}

/// `item 3 Water quality report`, without the area.
fn item_title(app: &App, i: usize) -> String {
    app.record
        .minutes
        .items
        .get(i)
        .map(|r| format!("item {} {}", inert(&r.id), inert(&r.title)))
        .unwrap_or_else(|| "no item".into())
}

fn item_name(app: &App, i: usize) -> String {
    let Some(r) = app.record.minutes.items.get(i) else {
        return "no item".into();
    };
    let mut s = format!("item {} {}", inert(&r.id), inert(&r.title));
    if let Some(p) = app.area_position().filter(|_| i == app.screen.item) {
        s.push_str(&format!(
            ", priority area {} of {}",
            p + 1,
            app.plan.areas.len()
        ));
    }
    s
}

/// Owners by the name people use: a roster entry's short name (or name), free text as is.
fn owner_names(app: &App, owners: &[String]) -> String {
    owners
        .iter()
        .map(|o| match app.plan.partner(o) {
            Some(p) => inert(p.label()),
            None => inert(o),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn clock(t: chrono::NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn inert(s: &str) -> String {
    crate::text::inert_line(s).into_owned()
}

/// Text followed by a full stop, unless it ends a sentence already.
fn end(s: &str) -> String {
    if s.ends_with(['.', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// A quotation closing a sentence: `"Agreed".`, or `"Agreed."` when the text has its own
/// full stop.
fn quoted(s: &str) -> String {
    let s = inert(s);
    if s.ends_with(['.', '!', '?']) {
        format!("\"{s}\"")
    } else {
        format!("\"{s}\".")
    }
}

/// A screen message as a sentence: capital first letter, a full stop.
fn sentence(m: &str) -> String {
    let m = inert(m);
    let mut c = m.chars();
    let mut s = match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect::<String>(),
        None => return String::new(),
    };
    if !s.ends_with(['.', '!', '?']) {
        s.push('.');
    }
    s
}

fn refused(why: String) -> Reply {
    Reply {
        lines: vec![sentence(&why)],
        ok: false,
        ..Reply::default()
    }
}

/// The commands, for `help` (the README has the same table).
pub fn help_lines() -> Vec<String> {
    [
        "Commands, one a line:",
        "] and [: next or previous priority area, taken up. A number: that area.",
        "take ITEM: take up an agenda item, as in take 4 or take 3.2.",
        "d TEXT: record a decision under the current item.",
        "o OWNERS: owners of the selected record, separated by commas.",
        "t DATE: its due date: 2017-03-31, +2w, +3m, eom, eoq, eoy, fri.",
        "s STATUS: its status: open, in-progress, blocked, done, dropped.",
        "n TEXT: add a paragraph to the current item's record of discussion.",
        "sel ID: select a record, as in sel 3.3-1 or sel PA-2.",
        "a DELEGATION present, absent or apologies. a alone reads the attendance and quorum.",
        "v consensus, v vote for A, B; against C; abstain D, or v adref DATE: how the selected",
        "decision was taken. r DELEGATION KIND: TEXT: a statement for the record (KIND: statement,",
        "reservation, explanation-of-vote or interpretative) on the selected decision, else the item.",
        "x: delete the selected record (a decision, or this item's update to an action).",
        "quorate yes or quorate no: correct the selected decision's quorum mark.",
        "u and redo: undo and redo, saying what.",
        "ls: read the current item. where: the item, the clock, the quorum.",
        "/ QUERY: search; go N jumps to result N.",
        "w: write now. q, or the end of the input (Ctrl-d): quit. help: this list.",
        "Scribe lines: topic: TITLE, resolved: TEXT, action: OWNER to TEXT by DATE,",
        "present+ NAME, regrets+ NAME, s/OLD/NEW/ corrects the last decision.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

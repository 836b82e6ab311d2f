//! `v` and `r` on the live screen: how the selected decision was taken (consensus, a vote
//! entered on the vote sheet, ad referendum with its silence deadline) and statements for
//! the record by a delegation. Every change goes through the one way the screen changes a
//! record ([`super::update::change`] or a named record), so it is one step of undo, named,
//! and refused when the minutes are read-only. No I/O here.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::action::{Action, Effect};
use super::app::{App, Message, Mode, Pane, Row, Target};
use super::edit::{Edit, Field, item_label, statement_summary, taken_summary, target_label};
use super::record::{Change, add_item_statement};
use super::target::StatementOn;
use super::update::{change, page, record_named, under};
use super::widgets::prompt::{Prompt, PromptKind};
use super::widgets::statement::{Stage, StatementForm};
use super::widgets::taken::{FORMS, TakenChoice, VoteSheet, next_side, side_of_digit};
use crate::model::dates::parse_due;
use crate::model::{Statement, StatementKind, Taken};
use crate::text::inert_line;

/// `v`: opens the choice of form for the selected decision.
pub(super) fn open_how_taken(app: &mut App) -> Effect {
    match app.selected_target() {
        Some(t @ Target::Decision { .. }) => {
            let taken = taken_of(app, &t);
            // A later meeting recorded the outcome of the silence: changing the form would
            // silently drop that record, so the form stays as it is.
            if let Taken::AdReferendum {
                outcome: Some(o),
                outcome_at,
                ..
            } = &taken
            {
                let id = match &t {
                    Target::Decision { id, .. } => inert_line(id).into_owned(),
                    Target::Action(_) => String::new(),
                };
                let at = outcome_at
                    .as_deref()
                    .map(|m| format!(" at {}", inert_line(m)))
                    .unwrap_or_default();
                app.screen.message = Some(Message::Error(format!(
                    "{id} was taken ad referendum and its outcome is recorded ({}{at}): how it \
                     was taken cannot change any more",
                    o.as_str()
                )));
                return Effect::None;
            }
            app.screen.mode = Mode::HowTaken(TakenChoice::new(t, &taken));
        }
        Some(Target::Action(_)) => {
            app.screen.message = Some(Message::Info(
                "v records how a decision of this meeting was taken: select a decision".into(),
            ));
        }
        None => {
            app.screen.message = Some(Message::Info(
                "select a decision first (Tab to the main pane)".into(),
            ));
        }
    }
    Effect::None
}

/// How a decision is recorded as taken now.
fn taken_of(app: &App, t: &Target) -> Taken {
    match t {
        Target::Decision { item, id } => app
            .decision(*item, id)
            .map(|d| d.taken.clone())
            .unwrap_or_default(),
        Target::Action(_) => Taken::Consensus,
    }
}

/// Records how a decision was taken and says so: `how 3-1 was taken: vote 9-1-2, adopted`.
fn record_taken(app: &mut App, target: &Target, taken: Taken) -> Effect {
    let label = Edit {
        field: Field::Taken,
        item: String::new(),
        target: Some(target.clone()),
    }
    .label();
    let summary = taken_summary(&taken, app.screen.dates);
    let effect = change(app, target, Change::Taken(taken));
    if effect == Effect::Save {
        app.screen.message = Some(Message::Info(format!("{label}: {summary}")));
    } else if app.screen.message.is_none() {
        app.screen.message = Some(Message::Info(format!("{label}: already {summary}")));
    }
    effect
}

/// The choice of form: digits or Enter choose; consensus records at once, a vote opens
/// the sheet, ad referendum asks for the silence deadline.
pub(super) fn how_taken(app: &mut App, mut c: TakenChoice, action: Action) -> Effect {
    match action {
        Action::Up => c.step(false),
        Action::Down => c.step(true),
        Action::Cancel => return Effect::None,
        Action::Quit => {
            app.screen.mode = Mode::HowTaken(c);
            return Effect::Quit;
        }
        Action::Choose(n) if (1..=FORMS.len()).contains(&n) => return choose(app, c, n - 1),
        Action::Confirm => {
            let n = c.cursor;
            return choose(app, c, n);
        }
        _ => {}
    }
    app.screen.mode = Mode::HowTaken(c);
    Effect::None
}

fn choose(app: &mut App, c: TakenChoice, form: usize) -> Effect {
    let target = c.target;
    let now = taken_of(app, &target);
    match form {
        0 => record_taken(app, &target, Taken::Consensus),
        1 => {
            let sheet = VoteSheet::new(target, now.vote(), &app.record.minutes, &app.plan);
            app.screen.mode = Mode::Vote(sheet);
            Effect::None
        }
        _ => {
            let text = match now {
                Taken::AdReferendum {
                    silence_until: Some(d),
                    ..
                } => app.screen.dates.format(d),
                _ => String::new(),
            };
            let about = target_label(app, &target);
            app.screen.mode =
                Mode::Prompt(Prompt::new(PromptKind::Silence(target), &text).about(about));
            Effect::None
        }
    }
}

/// The vote sheet: typing filters, digits and Space/Tab put the highlighted delegation on
/// a side (refused, with the rule's words, for one that may not vote), Enter records.
pub(super) fn vote(app: &mut App, mut s: VoteSheet, action: Action) -> Effect {
    let all = app.cache.owner_candidates.clone();
    let roster = &all.roster;
    let set = |app: &mut App, s: &mut VoteSheet, side: Option<Option<crate::model::Side>>| {
        let Some(id) = s.highlighted().map(str::to_string) else {
            return false;
        };
        let side = side.unwrap_or_else(|| next_side(s.vote.side_of(&id)));
        match s.set(&id, side, &app.record.minutes, &app.plan) {
            Ok(()) => {
                s.error = None;
                true
            }
            Err(why) => {
                app.screen.message = Some(Message::Error(why.clone()));
                s.error = Some(why);
                false
            }
        }
    };
    match action {
        Action::Up => s.step(-1),
        Action::Down => s.step(1),
        Action::PageUp => s.step(-page(app)),
        Action::PageDown => s.step(page(app)),
        Action::Input(key) => match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                s.type_char(c, &app.record.minutes, &app.plan, roster)
            }
            KeyCode::Backspace => s.backspace(&app.record.minutes, &app.plan, roster),
            _ => {}
        },
        Action::Paste(text) => {
            for c in text.chars() {
                let c = if c.is_control() { ' ' } else { c };
                s.type_char(c, &app.record.minutes, &app.plan, roster);
            }
        }
        Action::Toggle if !s.query.is_empty() => {
            s.type_char(' ', &app.record.minutes, &app.plan, roster)
        }
        Action::Toggle | Action::Pick => {
            set(app, &mut s, None);
        }
        Action::Choose(n) => {
            if let Some(side) = side_of_digit(n)
                && set(app, &mut s, Some(side))
            {
                // Ready for the next name.
                s.clear_query(&app.record.minutes, &app.plan, roster);
            }
        }
        Action::Cancel if s.query.is_empty() => return Effect::None,
        Action::Cancel => {
            s.clear_query(&app.record.minutes, &app.plan, roster);
        }
        Action::Quit => {
            app.screen.mode = Mode::Vote(s);
            return Effect::Quit;
        }
        Action::Confirm => {
            if let Some(why) = s
                .problems(&app.record.minutes, &app.plan)
                .into_iter()
                .next()
            {
                app.screen.message = Some(Message::Error(why.clone()));
                s.error = Some(why);
            } else if s.vote.tally() == (0, 0, 0) {
                let why = "no delegation has voted: 1 for, 2 against, 3 abstain on the \
                           highlighted delegation"
                    .to_string();
                s.error = Some(why);
            } else {
                let target = s.target.clone();
                return record_taken(app, &target, Taken::Vote(s.vote));
            }
        }
        _ => {}
    }
    app.screen.mode = Mode::Vote(s);
    Effect::None
}

/// Enter in the silence-deadline field: every date form the due-date field accepts; a
/// deadline before the meeting is refused.
pub(super) fn confirm_silence(app: &mut App, mut p: Prompt, target: Target) -> Effect {
    let text = p.text().trim().to_string();
    let parsed = if text.is_empty() {
        Err(format!(
            "the end of the silence period is needed: {}, +2w, eom",
            crate::model::dates::examples(app.meeting_date())
        ))
    } else {
        parse_due(&text, app.meeting_date()).map_err(|e| e.to_string())
    };
    let until = match parsed {
        Ok(d) if d < app.meeting_date() => Err(format!(
            "the silence cannot end before the meeting ({})",
            app.screen.dates.format(app.meeting_date())
        )),
        other => other,
    };
    match until {
        Err(why) => {
            p.error = Some(why);
            app.screen.mode = Mode::Prompt(p);
            Effect::None
        }
        Ok(d) => {
            // An outcome already recorded stays with the decision.
            let (outcome, outcome_at) = match taken_of(app, &target) {
                Taken::AdReferendum {
                    outcome,
                    outcome_at,
                    ..
                } => (outcome, outcome_at),
                _ => (None, None),
            };
            let taken = Taken::AdReferendum {
                silence_until: Some(d),
                outcome,
                outcome_at,
            };
            record_taken(app, &target, taken)
        }
    }
}

/// `r`: a statement on the decision selected in the main pane, else on the item under
/// discussion. The popup names which.
pub(super) fn open_statement(app: &mut App) -> Effect {
    let on = match app.row_at(app.screen.row) {
        Some(Row::Decision(j)) if app.screen.focus == Pane::Main => StatementOn::Decision {
            item: app.screen.item,
            id: app.decisions()[j].id.clone(),
        },
        _ => StatementOn::Item(under(app)),
    };
    if app.record.minutes.items.get(on.item()).is_none() {
        app.screen.message = Some(Message::Info("the agenda has no item".into()));
        return Effect::None;
    }
    let about = about(app, &on);
    app.screen.mode = Mode::Statement(StatementForm::new(on, about, &app.cache.owner_candidates));
    Effect::None
}

/// A statement's place, named: `3-1 “Agreed to…”` or `item 3 “Glacier melt…”`.
fn about(app: &App, on: &StatementOn) -> String {
    match on.decision() {
        Some(t) => target_label(app, &t),
        None => item_label(app, on.item()),
    }
}

/// The statement form: the delegation (typed, by the owner rules), then the kind; then
/// its words in a text field.
pub(super) fn statement(app: &mut App, mut f: StatementForm, action: Action) -> Effect {
    let all = app.cache.owner_candidates.clone();
    match (&f.stage, action) {
        (_, Action::Quit) => {
            app.screen.mode = Mode::Statement(f);
            return Effect::Quit;
        }
        (_, Action::Up) => f.step(-1),
        (_, Action::Down) => f.step(1),
        (Stage::Speaker, Action::Input(key)) => match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                f.type_char(c, &all)
            }
            KeyCode::Backspace => f.backspace(&all),
            _ => {}
        },
        (Stage::Speaker, Action::Paste(text)) => {
            for c in text.chars() {
                f.type_char(if c.is_control() { ' ' } else { c }, &all);
            }
        }
        (Stage::Speaker, Action::Cancel) => {
            if f.query.is_empty() {
                return Effect::None;
            }
            f.query.clear();
            f.refresh(&all);
        }
        (Stage::Speaker, Action::Confirm) => match f.chosen_speaker(&all) {
            Ok(by) => f.stage = Stage::Kind { by, cursor: 0 },
            Err(why) => f.error = Some(why),
        },
        (Stage::Kind { .. }, Action::Cancel) => return Effect::None,
        (Stage::Kind { by, .. }, Action::Choose(n))
            if (1..=StatementKind::ALL.len()).contains(&n) =>
        {
            let by = by.clone();
            return words(app, f, by, StatementKind::ALL[n - 1]);
        }
        (Stage::Kind { by, cursor }, Action::Confirm) => {
            let (by, kind) = (by.clone(), StatementKind::ALL[*cursor]);
            return words(app, f, by, kind);
        }
        _ => {}
    }
    app.screen.mode = Mode::Statement(f);
    Effect::None
}

/// Opens the field for a statement's words, starting from nothing.
fn words(app: &mut App, f: StatementForm, by: String, kind: StatementKind) -> Effect {
    let who = app
        .plan
        .partner(&by)
        .map_or(by.as_str(), |p| p.name.as_str());
    let about = format!(
        "{} by {} on {}",
        kind.as_str(),
        crate::text::inert_line(who),
        f.about
    );
    app.screen.mode =
        Mode::Prompt(Prompt::new(PromptKind::Statement { on: f.on, by, kind }, "").about(about));
    Effect::None
}

/// Enter in a statement's field: records it on its decision or item, one step of undo.
pub(super) fn confirm_statement(
    app: &mut App,
    mut p: Prompt,
    on: StatementOn,
    by: String,
    kind: StatementKind,
) -> Effect {
    let text = p.text().trim().to_string();
    if text.is_empty() {
        p.error = Some("a statement needs its words: Esc cancels it".into());
        app.screen.mode = Mode::Prompt(p);
        return Effect::None;
    }
    let statement = Statement { by, kind, text };
    let summary = statement_summary(&app.plan, &statement);
    let item = on.item();
    let (effect, label) = match on.decision() {
        Some(target) => {
            let label = Edit {
                field: Field::Statement,
                item: String::new(),
                target: Some(target.clone()),
            }
            .label();
            (change(app, &target, Change::Statement(statement)), label)
        }
        None => {
            let edit = Edit {
                field: Field::Statement,
                item: app
                    .record
                    .minutes
                    .items
                    .get(item)
                    .map(|r| r.id.clone())
                    .unwrap_or_default(),
                target: None,
            };
            let label = edit.label();
            (
                record_named(app, edit, |m| add_item_statement(m, item, statement)),
                label,
            )
        }
    };
    if effect == Effect::Save {
        app.screen.message = Some(Message::Info(format!("{label}: {summary}")));
    }
    effect
}

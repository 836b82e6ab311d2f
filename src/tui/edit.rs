//! Naming what an edit changes, on what: the popups' titles (`6.4-1 “Agreed to…”`), the
//! message after a change (`owners of 6.4-1: + Belize`) and after undo or redo
//! (`undone: owners of 6.4-1 (− Belize)`). Pure: reads two versions of the minutes.

use chrono::NaiveDate;

use super::app::App;
use super::target::Target;
use crate::model::dates::DateStyle;
use crate::model::{Minutes, Plan, Statement, Status, Taken};
use crate::text::inert_line;

/// Which field of a record an edit touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A decision's text.
    Text,
    /// Owners.
    Owners,
    /// Due date.
    Due,
    /// Status.
    Status,
    /// A note on an action.
    Note,
    /// A decision recorded.
    Added,
    /// A record deleted.
    Deleted,
    /// An item's record of discussion.
    Notes,
    /// Attendance.
    Attendance,
    /// An item added to the minutes by the walk.
    Item,
    /// How a decision was taken.
    Taken,
    /// A statement placed on the record.
    Statement,
    /// A decision's mark "recorded without a quorum".
    Quorum,
}

impl Field {
    /// The word used in messages.
    pub fn word(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::Owners => "owners",
            Field::Due => "due date",
            Field::Status => "status",
            Field::Note => "note",
            Field::Added => "decision",
            Field::Deleted => "delete",
            Field::Notes => "record of discussion",
            Field::Attendance => "attendance",
            Field::Item => "item",
            Field::Taken => "how taken",
            Field::Statement => "statement",
            Field::Quorum => "quorum mark",
        }
    }
}

/// One recorded edit: what it touched, where, so undo can go back to it and say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The field.
    pub field: Field,
    /// The id of the item the screen showed the record under.
    pub item: String,
    /// The record, when the edit was to one.
    pub target: Option<Target>,
}

impl Edit {
    /// `owners of 6.4-1`, `record of discussion of 4`, `attendance`: the label of undo.
    pub fn label(&self) -> String {
        match (&self.field, &self.target) {
            (Field::Attendance, _) => "attendance".to_string(),
            (Field::Added, Some(t)) => format!("decision {}", inert_line(name(t))),
            (Field::Deleted, Some(t)) => format!("delete of {}", inert_line(name(t))),
            (Field::Note, Some(t)) => format!("note on {}", inert_line(name(t))),
            (Field::Taken, Some(t)) => format!("how {} was taken", inert_line(name(t))),
            (Field::Statement, Some(t)) => format!("statement on {}", inert_line(name(t))),
            (Field::Statement, None) => format!("statement on item {}", inert_line(&self.item)),
            (f, Some(t)) => format!("{} of {}", f.word(), inert_line(name(t))),
            (f, None) => format!("{} of {}", f.word(), inert_line(&self.item)),
        }
    }
}

/// The id a target is known by.
pub fn name(t: &Target) -> &str {
    match t {
        Target::Decision { id, .. } => id,
        Target::Action(a) => a,
    }
}

/// How many characters of a record's text a popup title quotes.
const QUOTE: usize = 32;

/// A record named for a popup title: its id and the start of its text.
pub fn target_label(app: &App, t: &Target) -> String {
    let text = match t {
        Target::Decision { item, id } => app.decision(*item, id).map(|d| d.text.clone()),
        Target::Action(a) => app.before(a).map(|s| s.title.clone()),
    }
    .unwrap_or_default();
    let text = inert_line(&text);
    let quote = if text.chars().count() > QUOTE {
        let cut: String = text.chars().take(QUOTE - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        text.into_owned()
    };
    if quote.is_empty() {
        inert_line(name(t)).into_owned()
    } else {
        format!("{} “{quote}”", inert_line(name(t)))
    }
}

/// A record's fields as they stand in one version of the minutes.
#[derive(Debug, Clone, PartialEq, Default)]
struct Fields {
    text: Option<String>,
    owners: Vec<String>,
    due: Option<NaiveDate>,
    status: Option<Status>,
    note: Option<String>,
    taken: Option<String>,
    statements: crate::model::shared::Shared<Statement>,
    exists: bool,
}

fn fields(app: &App, m: &Minutes, t: &Target) -> Fields {
    match t {
        Target::Decision { id, .. } => match m.decision(id) {
            Some((_, d)) => Fields {
                text: Some(d.text.clone()),
                owners: d.owners.clone(),
                due: d.due,
                status: d.effective_status(),
                note: None,
                taken: Some(taken_summary(&d.taken, app.screen.dates)),
                statements: d.statements.clone(),
                exists: true,
            },
            None => Fields::default(),
        },
        Target::Action(a) => {
            let Some(before) = app.before(a) else {
                return Fields::default();
            };
            let mut state = before.into_owned();
            let change = crate::model::ledger::meeting_change(m, a);
            if let Some(u) = &change {
                state.apply(u);
            }
            Fields {
                text: Some(state.title),
                owners: state.owners,
                due: state.due,
                status: Some(state.status),
                note: change.and_then(|u| u.note),
                taken: None,
                statements: Default::default(),
                exists: true,
            }
        }
    }
}

fn owner_label(app: &App, id: &str) -> String {
    inert_line(app.plan.partner(id).map_or(id, |p| p.label())).into_owned()
}

fn date(app: &App, d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "none".to_string(), |d| app.screen.dates.format(d))
}

/// What changed on a target between two versions, in short words (`+ Belize − Chile`,
/// `open → done`); empty when nothing did.
pub fn delta(app: &App, old: &Minutes, new: &Minutes, t: &Target) -> String {
    let (a, b) = (fields(app, old, t), fields(app, new, t));
    let mut parts = Vec::new();
    if a.exists != b.exists {
        parts.push(if b.exists { "back" } else { "removed" }.to_string());
        return parts.join(", ");
    }
    let added: Vec<String> = b
        .owners
        .iter()
        .filter(|o| !a.owners.contains(o))
        .map(|o| format!("+ {}", owner_label(app, o)))
        .collect();
    let removed: Vec<String> = a
        .owners
        .iter()
        .filter(|o| !b.owners.contains(o))
        .map(|o| format!("− {}", owner_label(app, o)))
        .collect();
    if !added.is_empty() || !removed.is_empty() {
        parts.push([added, removed].concat().join(" "));
    } else if a.owners != b.owners {
        parts.push("owners reordered".to_string());
    }
    if a.due != b.due {
        let new = b
            .due
            .map_or_else(|| "none".to_string(), |d| app.screen.dates.with_weekday(d));
        parts.push(format!("{} → {new}", date(app, a.due)));
    }
    match (a.status, b.status) {
        (None, Some(s)) if b.owners.len() + usize::from(b.due.is_some()) > 0 => {
            parts.push(format!("now an action ({s})"))
        }
        (Some(_), None) => parts.push("no longer an action".to_string()),
        (x, y) if x != y => {
            let s = |s: Option<Status>| s.map_or("record", Status::as_str);
            parts.push(format!("{} → {}", s(x), s(y)));
        }
        _ => {}
    }
    if a.text != b.text {
        parts.push("text changed".to_string());
    }
    if a.taken != b.taken
        && let (Some(x), Some(y)) = (&a.taken, &b.taken)
    {
        // The form taken now is what the message leads with (`vote 2-1-0, adopted`).
        parts.insert(0, format!("{x} → {y}"));
    }
    for s in crate::model::voting::statements_not_in(&a.statements, &b.statements) {
        parts.push(format!("+ {}", statement_summary(&app.plan, s)));
    }
    for s in crate::model::voting::statements_not_in(&b.statements, &a.statements) {
        parts.push(format!("− {}", statement_summary(&app.plan, s)));
    }
    if a.note != b.note {
        parts.push(match b.note {
            Some(_) => "note recorded".to_string(),
            None => "note removed".to_string(),
        });
    }
    parts.join(", ")
}

/// How a decision was taken, in a few words: `consensus`, `vote 9-1-2, adopted`, `ad
/// referendum, silence until 2024-10-17`.
pub fn taken_summary(t: &Taken, dates: DateStyle) -> String {
    match t {
        Taken::Consensus => "consensus".to_string(),
        Taken::Vote(v) => {
            let (y, n, a) = v.tally();
            let result = if v.adopted() {
                "adopted"
            } else {
                "not adopted"
            };
            format!("vote {y}-{n}-{a}, {result}")
        }
        Taken::AdReferendum {
            silence_until,
            outcome,
            ..
        } => {
            let mut s = "ad referendum".to_string();
            if let Some(d) = silence_until {
                s.push_str(&format!(", silence until {}", dates.format(*d)));
            }
            if let Some(o) = outcome {
                s.push_str(&format!(", {}", o.as_str()));
            }
            s
        }
    }
}

/// A statement in a few words: `reservation by Austria`.
pub fn statement_summary(plan: &Plan, s: &Statement) -> String {
    let who = plan
        .partner(&s.by)
        .map_or(s.by.as_str(), |p| p.name.as_str());
    format!("{} by {}", s.kind.as_str(), inert_line(who))
}

/// The item a record-less edit (a statement on an item) names, for the undo label.
pub fn item_label(app: &App, item: usize) -> String {
    app.record
        .minutes
        .items
        .get(item)
        .map(|r| {
            let title = inert_line(&r.title);
            let quote = if title.chars().count() > QUOTE {
                let cut: String = title.chars().take(QUOTE - 1).collect();
                format!("{}…", cut.trim_end())
            } else {
                title.into_owned()
            };
            format!("item {} “{quote}”", inert_line(&r.id))
        })
        .unwrap_or_default()
}

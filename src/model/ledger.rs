//! The rules that turn a plan and its minutes into the current state of every action.
//!
//! The plan is the baseline. Each minutes file is applied in meeting-date order: its
//! decisions that carry owners or a due date become actions named `<meeting>/<decision>`,
//! and its updates change only the fields they name. The latest word wins.

use chrono::NaiveDate;
use std::collections::HashMap;

use super::{Meeting, Minutes, Plan, Status, Update};

/// The name of an action: a plan action id (`PA-1`) or `<meeting id>/<decision id>`.
pub type ActionKey = String;

/// Where an action was first agreed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A row of the plan.
    Plan,
    /// A decision of this meeting.
    Meeting(String),
}

impl Source {
    /// `plan` or the meeting id, as in JSON output.
    pub fn label(&self) -> &str {
        match self {
            Source::Plan => "plan",
            Source::Meeting(id) => id,
        }
    }
}

/// What a meeting did to an action.
#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    /// The decision that created the action.
    Decided(String),
    /// An update, with its note.
    Updated(Option<String>),
    /// A later decision that concerns the action (its `action` field), with its text.
    Concerned(String),
}

/// One meeting's touch on an action, with the action's state right after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Meeting id.
    pub meeting: String,
    /// Meeting date.
    pub date: NaiveDate,
    /// Agenda item the record sits under.
    pub item: String,
    /// What happened.
    pub kind: EventKind,
    /// Owners after.
    pub owners: Vec<String>,
    /// Due date after.
    pub due: Option<NaiveDate>,
    /// Status after.
    pub status: Status,
}

/// The current state of one action.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionState {
    /// Its name.
    pub id: ActionKey,
    /// The priority area, when one is known.
    pub area: Option<String>,
    /// Title (plan) or decision text.
    pub title: String,
    /// Current owners.
    pub owners: Vec<String>,
    /// Current due date.
    pub due: Option<NaiveDate>,
    /// Current status.
    pub status: Status,
    /// Where it was first agreed.
    pub source: Source,
    /// Every meeting that touched it, oldest first.
    pub history: Vec<Event>,
}

impl ActionState {
    /// Applies an update: only the fields it names change.
    pub fn apply(&mut self, u: &Update) {
        if let Some(st) = u.status {
            self.status = st;
        }
        if let Some(o) = &u.owners {
            self.owners.clone_from(o);
        }
        if let Some(d) = u.due {
            self.due = Some(d);
        }
    }

    /// Open, in progress or blocked.
    pub fn is_outstanding(&self) -> bool {
        self.status.is_outstanding()
    }

    /// Outstanding with a due date before `as_of`.
    pub fn is_overdue(&self, as_of: NaiveDate) -> bool {
        self.days_overdue(as_of).is_some()
    }

    /// Days past the due date, for an overdue action.
    pub fn days_overdue(&self, as_of: NaiveDate) -> Option<i64> {
        let due = self.due?;
        (self.is_outstanding() && due < as_of).then(|| (as_of - due).num_days())
    }
}

/// An update that names no known action.
#[derive(Debug, Clone, PartialEq)]
pub struct Dangling {
    /// The meeting whose minutes hold the update.
    pub meeting: String,
    /// The name it used.
    pub action: String,
}

/// Every action, plan rows first, then decisions in meeting order.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    actions: Vec<ActionState>,
    index: HashMap<ActionKey, usize>,
    /// Updates whose action is unknown.
    pub dangling: Vec<Dangling>,
}

/// What "earlier" means, everywhere: meetings ordered by (date, start time, id); a
/// meeting with no start time comes before one on the same day with a start time.
pub fn meeting_order(a: &Meeting, b: &Meeting) -> std::cmp::Ordering {
    (a.date, a.start, &a.id).cmp(&(b.date, b.start, &b.id))
}

/// True when meeting `a` is earlier than meeting `b` (see [`meeting_order`]).
pub fn is_earlier(a: &Meeting, b: &Meeting) -> bool {
    meeting_order(a, b).is_lt()
}

/// Minutes in meeting order (see [`meeting_order`]), as the rules apply them.
pub fn in_meeting_order<'a>(minutes: impl IntoIterator<Item = &'a Minutes>) -> Vec<&'a Minutes> {
    let mut v: Vec<&Minutes> = minutes.into_iter().collect();
    v.sort_by(|a, b| meeting_order(&a.meeting, &b.meeting));
    v
}

/// The order chairs read actions in: by due date (none last), then by name.
pub fn due_order(a: (Option<NaiveDate>, &str), b: (Option<NaiveDate>, &str)) -> std::cmp::Ordering {
    (a.0.is_none(), a.0, a.1).cmp(&(b.0.is_none(), b.0, b.1))
}

/// What one meeting's updates do to an action, merged in file order as the ledger applies
/// them (only named fields change; the latest word wins); `None` when it has none.
pub fn meeting_change(m: &Minutes, action: &str) -> Option<Update> {
    let mut merged: Option<Update> = None;
    for (_, u) in m.updates().filter(|(_, u)| u.action == action) {
        merged
            .get_or_insert_with(|| Update {
                action: action.to_string(),
                ..Update::default()
            })
            .merge(u);
    }
    merged
}

/// A plan row as the ledger starts it, before any meeting.
pub fn plan_state(area: &super::Area, action: &super::Action) -> ActionState {
    ActionState {
        id: action.id.clone(),
        area: Some(area.id.clone()),
        title: action.title.clone(),
        owners: action.owners.clone(),
        due: action.due,
        status: action.status,
        source: Source::Plan,
        history: Vec::new(),
    }
}

/// The actions a meeting names: by its updates and by its decisions' `action`.
fn names(m: &Minutes) -> impl Iterator<Item = &str> {
    m.updates()
        .map(|(_, u)| u.action.as_str())
        .chain(m.decisions().filter_map(|(_, d)| d.action.as_deref()))
}

/// The name of a decision of a meeting.
pub fn decision_key(meeting: &str, decision: &str) -> ActionKey {
    format!("{meeting}/{decision}")
}

impl Ledger {
    /// Applies every minutes file to the plan, in meeting-date order.
    pub fn build<'a>(plan: &Plan, minutes: impl IntoIterator<Item = &'a Minutes>) -> Ledger {
        let n: usize = plan.areas.iter().map(|a| a.actions.len()).sum();
        let mut ledger = Ledger {
            actions: Vec::with_capacity(n),
            index: HashMap::with_capacity(n),
            dangling: Vec::new(),
        };
        for (area, action) in plan.actions() {
            ledger.push(plan_state(area, action));
        }
        for m in in_meeting_order(minutes) {
            ledger.apply(plan, m);
        }
        ledger
    }

    /// [`Ledger::build`] without the plan rows that no minutes name: those stand as the
    /// plan has them (see [`plan_state`]). The live screen of a plan of 100,000 actions
    /// keeps this, not a second copy of every row.
    pub fn build_named<'a>(plan: &Plan, minutes: impl IntoIterator<Item = &'a Minutes>) -> Ledger {
        let ordered = in_meeting_order(minutes);
        let named: std::collections::HashSet<&str> =
            ordered.iter().flat_map(|m| names(m)).collect();
        let mut ledger = Ledger::default();
        for (area, action) in plan.actions() {
            if named.contains(action.id.as_str()) {
                ledger.push(plan_state(area, action));
            }
        }
        for m in ordered {
            ledger.apply(plan, m);
        }
        ledger
    }

    fn push(&mut self, state: ActionState) {
        self.index.insert(state.id.clone(), self.actions.len());
        self.actions.push(state);
    }

    /// Applies one meeting: first its new actions, then its updates in file order.
    pub fn apply(&mut self, plan: &Plan, m: &Minutes) {
        let meeting = &m.meeting.id;
        let event = |item: &str, kind: EventKind, s: &ActionState| Event {
            meeting: meeting.clone(),
            date: m.meeting.date,
            item: item.to_string(),
            kind,
            owners: s.owners.clone(),
            due: s.due,
            status: s.status,
        };
        for (item, d) in m.decisions() {
            if let Some(target) = d.action.as_ref().and_then(|a| self.index.get(a).copied()) {
                let s = &self.actions[target];
                let e = event(&item.id, EventKind::Concerned(d.text.clone()), s);
                self.actions[target].history.push(e);
            }
            let Some(status) = d.effective_status().filter(|_| d.is_action()) else {
                continue;
            };
            let area = item.area.clone().or_else(|| {
                d.action
                    .as_deref()
                    .and_then(|a| plan.action(a))
                    .map(|(area, _)| area.id.clone())
            });
            let mut state = ActionState {
                id: decision_key(meeting, &d.id),
                area,
                title: d.text.clone(),
                owners: d.owners.clone(),
                due: d.due,
                status,
                source: Source::Meeting(meeting.clone()),
                history: Vec::new(),
            };
            let e = event(&item.id, EventKind::Decided(d.text.clone()), &state);
            state.history.push(e);
            self.push(state);
        }
        for (item, u) in m.updates() {
            let Some(&i) = self.index.get(&u.action) else {
                self.dangling.push(Dangling {
                    meeting: meeting.clone(),
                    action: u.action.clone(),
                });
                continue;
            };
            let s = &mut self.actions[i];
            s.apply(u);
            let e = event(&item.id, EventKind::Updated(u.note.clone()), s);
            self.actions[i].history.push(e);
        }
    }

    /// The actions that meeting `m` names (by its updates and by its decisions' `action`),
    /// as they stand in this ledger (a plan row it leaves out, as [`Ledger::build_named`]
    /// does, as the plan has it), in the order of a whole ledger: a small ledger that `m`
    /// can be applied to by [`Ledger::apply`] with the same result, for those actions, as
    /// applying it to the whole. What a change costs then follows the meeting, not the plan.
    pub fn touched_by(&self, plan: &Plan, m: &Minutes) -> Ledger {
        // Plan rows first in walk order, then the others in this ledger's order.
        let mut at: Vec<((bool, usize, usize), ActionState)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for name in names(m) {
            if !seen.insert(name) {
                continue;
            }
            if let Some((a, x)) = plan.action_position(name) {
                let state = match self.get(name) {
                    Some(s) => s.clone(),
                    None => plan_state(&plan.areas[a], &plan.areas[a].actions[x]),
                };
                at.push(((false, a, x), state));
            } else if let Some(&i) = self.index.get(name) {
                at.push(((true, i, 0), self.actions[i].clone()));
            }
        }
        at.sort_by_key(|(k, _)| *k);
        let mut out = Ledger::default();
        for (_, state) in at {
            out.push(state);
        }
        out
    }

    /// The action with this name.
    pub fn get(&self, id: &str) -> Option<&ActionState> {
        self.index.get(id).map(|&i| &self.actions[i])
    }

    /// Every action, plan rows first, then decisions in meeting order.
    pub fn actions(&self) -> &[ActionState] {
        &self.actions
    }

    /// Actions whose current status is open, in progress or blocked.
    pub fn outstanding(&self) -> impl Iterator<Item = &ActionState> {
        self.actions.iter().filter(|a| a.is_outstanding())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Area, Decision, ItemRecord, Meeting, Update};

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn plan() -> Plan {
        let action = |id: &str, due: Option<&str>, status| Action {
            id: id.into(),
            need: String::new(),
            title: format!("title {id}"),
            partners: vec![],
            owners: vec!["ctu".into()],
            due: due.map(date),
            status,
        };
        Plan::new(
            "p".into(),
            "P".into(),
            "P".into(),
            None,
            vec![],
            vec![Area {
                id: "awareness".into(),
                number: 1,
                title: "Awareness".into(),
                summary: String::new(),
                actions: vec![
                    action("PA-1", Some("2017-01-31"), Status::Open),
                    action("PA-2", None, Status::Done),
                ],
            }],
        )
    }

    fn minutes(id: &str, day: &str, decisions: Vec<Decision>, updates: Vec<Update>) -> Minutes {
        Minutes {
            meeting: Meeting {
                id: id.into(),
                date: date(day),
                ..Meeting::default()
            },
            items: vec![ItemRecord {
                id: "4".into(),
                area: Some("awareness".into()),
                decisions: decisions.into(),
                updates,
                ..ItemRecord::default()
            }],
            ..Minutes::default()
        }
    }

    #[test]
    fn plan_rows_and_action_decisions_are_actions() {
        let m1 = minutes(
            "m1",
            "2017-01-10",
            vec![
                Decision {
                    id: "4-1".into(),
                    text: "noted".into(),
                    ..Decision::default()
                },
                Decision {
                    id: "4-2".into(),
                    text: "draft law".into(),
                    owners: vec!["the Chair".into()],
                    ..Decision::default()
                },
            ],
            vec![],
        );
        let l = Ledger::build(&plan(), [&m1]);
        let ids: Vec<_> = l.outstanding().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["PA-1", "m1/4-2"]);
        assert_eq!(l.get("m1/4-2").unwrap().area.as_deref(), Some("awareness"));
        assert!(
            l.get("m1/4-1").is_none(),
            "a plain decision is never an action"
        );
    }

    #[test]
    fn updates_apply_in_meeting_date_order_and_change_only_named_fields() {
        let later = minutes(
            "m2",
            "2017-06-01",
            vec![],
            vec![Update {
                action: "PA-1".into(),
                status: Some(Status::Done),
                ..Update::default()
            }],
        );
        let earlier = minutes(
            "m1",
            "2017-03-01",
            vec![],
            vec![Update {
                action: "PA-1".into(),
                status: Some(Status::Blocked),
                due: Some(date("2017-12-31")),
                ..Update::default()
            }],
        );
        // Given out of order on purpose: the dates decide.
        let l = Ledger::build(&plan(), [&later, &earlier]);
        let pa1 = l.get("PA-1").unwrap();
        assert_eq!(pa1.status, Status::Done);
        assert_eq!(pa1.due, Some(date("2017-12-31")));
        assert_eq!(pa1.owners, ["ctu"]);
        assert_eq!(pa1.history.len(), 2);
        assert_eq!(pa1.history[0].meeting, "m1");
    }

    #[test]
    fn overdue_is_outstanding_past_due() {
        let l = Ledger::build(&plan(), []);
        let pa1 = l.get("PA-1").unwrap();
        assert!(!pa1.is_overdue(date("2017-01-31")));
        assert_eq!(pa1.days_overdue(date("2017-02-02")), Some(2));
        let pa2 = l.get("PA-2").unwrap();
        assert!(!pa2.is_overdue(date("2030-01-01")));
    }

    #[test]
    fn updates_to_unknown_actions_are_dangling() {
        let m = minutes(
            "m1",
            "2017-01-10",
            vec![],
            vec![Update {
                action: "PA-9".into(),
                ..Update::default()
            }],
        );
        let l = Ledger::build(&plan(), [&m]);
        assert_eq!(l.dangling.len(), 1);
    }
}

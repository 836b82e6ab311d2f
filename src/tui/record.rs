//! The one way to change a record: a [`Change`] applied to a [`Target`]. A decision of this
//! meeting takes the change itself; a plan action or an earlier meeting's action gets it as
//! an update under the current item (one update per action per item), so the plan file and
//! earlier minutes are never rewritten.

use chrono::NaiveDate;

use super::target::Target;
use crate::model::{Decision, Minutes, Statement, Status, Taken, Update};

/// A change to one field of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A decision's text.
    Text(String),
    /// Owners.
    Owners(Vec<String>),
    /// Due date; `None` clears a decision's.
    Due(Option<NaiveDate>),
    /// Status.
    Status(Status),
    /// The note of an update to an action; `None` removes it.
    Note(Option<String>),
    /// How a decision was taken (consensus, a vote, ad referendum).
    Taken(Taken),
    /// A statement placed on the record about a decision.
    Statement(Statement),
}

/// The update record for `action` under item `item`, created if needed.
pub fn update_for<'a>(m: &'a mut Minutes, item: usize, action: &str) -> Option<&'a mut Update> {
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

/// A decision by item index and id.
pub fn decision_mut<'a>(m: &'a mut Minutes, item: usize, id: &str) -> Option<&'a mut Decision> {
    let rec = m.items.get_mut(item)?;
    // Found by place, then changed: only the chunk that holds it is copied from the
    // version undo keeps (iter_mut would copy every chunk it passes).
    let i = rec.decision_index(id)?;
    rec.decisions.get_mut(i)
}

/// Applies `change` to `target`; an action's change becomes an update under item `under`.
/// A change that does not fit the target (a note on a decision, text on an action) does
/// nothing.
pub fn apply_change(m: &mut Minutes, under: usize, target: &Target, change: Change) {
    match target {
        Target::Decision { item, id } => {
            let Some(d) = decision_mut(m, *item, id) else {
                return;
            };
            match change {
                Change::Text(t) => d.text = t,
                Change::Owners(o) => d.owners = o,
                Change::Due(due) => d.due = due,
                Change::Status(s) => d.status = Some(s),
                Change::Taken(t) => d.taken = t,
                Change::Statement(s) => d.statements.push_back(s),
                Change::Note(_) => {}
            }
        }
        Target::Action(a) => {
            if matches!(
                change,
                Change::Text(_) | Change::Due(None) | Change::Taken(_) | Change::Statement(_)
            ) {
                return;
            }
            let Some(u) = update_for(m, under, a) else {
                return;
            };
            match change {
                Change::Owners(o) => u.owners = Some(o),
                Change::Due(due) => u.due = due,
                Change::Status(s) => u.status = Some(s),
                Change::Note(n) => u.note = n,
                Change::Text(_) | Change::Taken(_) | Change::Statement(_) => {}
            }
        }
    }
}

/// Places a statement on the record under item `item` (not about one decision).
pub fn add_item_statement(m: &mut Minutes, item: usize, statement: Statement) {
    if let Some(rec) = m.items.get_mut(item) {
        rec.statements.push_back(statement);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ItemRecord;

    fn minutes() -> Minutes {
        Minutes {
            items: vec![ItemRecord {
                id: "4".into(),
                decisions: vec![Decision {
                    id: "4-1".into(),
                    text: "Agreed".into(),
                    ..Decision::default()
                }]
                .into(),
                ..ItemRecord::default()
            }],
            ..Minutes::default()
        }
    }

    #[test]
    fn a_decision_takes_the_change_and_an_action_gets_one_update_per_item() {
        let mut m = minutes();
        let d = Target::Decision {
            item: 0,
            id: "4-1".into(),
        };
        apply_change(&mut m, 0, &d, Change::Owners(vec!["ctu".into()]));
        apply_change(&mut m, 0, &d, Change::Status(Status::Done));
        assert_eq!(m.items[0].decisions[0].owners, ["ctu"]);
        assert_eq!(m.items[0].decisions[0].status, Some(Status::Done));
        let a = Target::Action("PA-1".into());
        apply_change(&mut m, 0, &a, Change::Status(Status::Blocked));
        apply_change(&mut m, 0, &a, Change::Note(Some("late".into())));
        apply_change(&mut m, 0, &a, Change::Text("ignored".into()));
        assert_eq!(m.items[0].updates.len(), 1);
        assert_eq!(m.items[0].updates[0].status, Some(Status::Blocked));
        assert_eq!(m.items[0].updates[0].note.as_deref(), Some("late"));
    }
}

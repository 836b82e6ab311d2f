//! Three-way merge of minutes by meaning: record by record, field by field.
//!
//! Records are matched by what identifies them: the `[meeting]` header; attendance by
//! delegation (and rank within it); items by id; decisions by id within their item; updates by the
//! action they change within their item (and their rank, should an item hold two).
//!
//! - A field changed on one side takes that side; the same change on both is clean;
//!   different changes are a [`Conflict`] (the merged record keeps ours until resolved).
//! - A record deleted on one side and untouched on the other is deleted; deleted on one
//!   side and edited on the other is a conflict (the edited record is kept).
//! - Records added on both sides are all kept: ours in their order, then theirs in theirs.
//!   Records that name the same thing (an update of the same action under the same item,
//!   the same delegation's attendance) are one record, merged field by field.
//! - New decisions of theirs whose ids ours also issued under the same item are renumbered
//!   after everything issued on either side, and every reference to them in the file
//!   (`action = "<meeting>/<id>"`) follows.
//! - Notes appended on both sides keep ours, then a blank line, then what theirs appended.
//!
//! New fields of a record are merged by adding them to that record's `merge3`.

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use crate::model::{
    Attendance, Decision, Delegate, ItemRecord, Meeting, Minutes, MinutesState, Outcome, Presence,
    Statement, Status, Taken, Update, Vote,
};

/// Which side of a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The branch being merged into (git's `%A`).
    Ours,
    /// The branch being merged (git's `%B`).
    Theirs,
}

impl Side {
    /// The word used in messages and in the conflict form.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Ours => "ours",
            Side::Theirs => "theirs",
        }
    }
}

/// A record of the minutes, as named in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The `[meeting]` table.
    Meeting,
    /// One `[[attendance]]` entry.
    Attendance {
        /// Roster id or free text.
        represents: String,
        /// Its rank among the entries of that delegation (0 for the first).
        nth: usize,
    },
    /// One `[[items]]` record.
    Item {
        /// Item id.
        id: String,
    },
    /// One `[[items.decisions]]` record.
    Decision {
        /// The item it sits under.
        item: String,
        /// Decision id.
        id: String,
    },
    /// One `[[items.updates]]` record.
    Update {
        /// The item it sits under.
        item: String,
        /// The action it changes.
        action: String,
        /// Its rank among the updates of that action under that item (0 for the first).
        nth: usize,
    },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = |s: &str| crate::text::quoted(s);
        match self {
            Place::Meeting => f.write_str("[meeting]"),
            Place::Attendance { represents, nth: 0 } => {
                write!(f, "attendance of {}", q(represents))
            }
            Place::Attendance { represents, nth } => {
                write!(f, "attendance of {} (entry {})", q(represents), nth + 1)
            }
            Place::Item { id } => write!(f, "item {}", q(id)),
            Place::Decision { id, .. } => write!(f, "decision {}", q(id)),
            Place::Update { item, action, .. } => {
                write!(f, "update of {} under item {}", q(action), q(item))
            }
        }
    }
}

/// What disagrees in a conflict.
#[derive(Debug, Clone)]
pub enum ConflictKind {
    /// Both sides changed one field differently. A side that removed the field has `None`.
    Field {
        /// The field's name in the file.
        name: &'static str,
        /// Ours, as written in the file.
        ours: Option<Box<toml_edit::Value>>,
        /// Theirs, as written in the file.
        theirs: Option<Box<toml_edit::Value>>,
    },
    /// The record merged cleanly field by field but breaks a rule of `check` (an absent
    /// delegation that votes): git must stop.
    Invalid {
        /// What `check` says about the merged record.
        problem: String,
    },
    /// One side deleted the record, the other edited it; the edited record is kept.
    DeletedEdited {
        /// The side that deleted it.
        deleted_by: Side,
    },
}

/// One conflict: a record and what disagrees in it.
#[derive(Debug, Clone)]
pub struct Conflict {
    /// The record.
    pub place: Place,
    /// What disagrees.
    pub kind: ConflictKind,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ConflictKind::Field { name, .. } => {
                write!(f, "{}: both sides changed '{name}' differently", self.place)
            }
            ConflictKind::Invalid { problem } => {
                write!(
                    f,
                    "{}: the merged record fails check: {problem}",
                    self.place
                )
            }
            ConflictKind::DeletedEdited { deleted_by } => {
                let other = match deleted_by {
                    Side::Ours => Side::Theirs,
                    Side::Theirs => Side::Ours,
                };
                write!(
                    f,
                    "{}: deleted by {} and edited by {}",
                    self.place,
                    deleted_by.as_str(),
                    other.as_str()
                )
            }
        }
    }
}

/// A decision of theirs given a new id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renumbering {
    /// Its id on their side.
    pub from: String,
    /// Its id in the merged minutes.
    pub to: String,
}

/// The result of a merge.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The merged minutes; a conflicting field holds ours.
    pub minutes: Minutes,
    /// Every conflict, in file order.
    pub conflicts: Vec<Conflict>,
    /// Decisions of theirs that were renumbered.
    pub renumbered: Vec<Renumbering>,
}

/// A field value that can be compared and written into the conflict form.
pub trait FieldValue: PartialEq + Clone {
    /// The value as written in the file; `None` when the field is left out.
    fn to_value(&self) -> Option<toml_edit::Value>;
}

impl FieldValue for String {
    fn to_value(&self) -> Option<toml_edit::Value> {
        Some(self.as_str().into())
    }
}

impl FieldValue for bool {
    fn to_value(&self) -> Option<toml_edit::Value> {
        Some((*self).into())
    }
}

impl FieldValue for u32 {
    fn to_value(&self) -> Option<toml_edit::Value> {
        Some(i64::from(*self).into())
    }
}

impl FieldValue for Status {
    fn to_value(&self) -> Option<toml_edit::Value> {
        Some(self.as_str().into())
    }
}

impl FieldValue for MinutesState {
    fn to_value(&self) -> Option<toml_edit::Value> {
        Some(self.as_str().into())
    }
}

impl FieldValue for NaiveDate {
    fn to_value(&self) -> Option<toml_edit::Value> {
        let date = toml_edit::Date {
            year: u16::try_from(self.year()).unwrap_or(0),
            month: u8::try_from(self.month()).unwrap_or(0),
            day: u8::try_from(self.day()).unwrap_or(0),
        };
        Some(toml_edit::Datetime::from(date).into())
    }
}

impl FieldValue for NaiveTime {
    fn to_value(&self) -> Option<toml_edit::Value> {
        let time = toml_edit::Time {
            hour: u8::try_from(self.hour()).unwrap_or(0),
            minute: u8::try_from(self.minute()).unwrap_or(0),
            second: Some(u8::try_from(self.second()).unwrap_or(0)),
            nanosecond: None,
        };
        Some(toml_edit::Datetime::from(time).into())
    }
}

impl FieldValue for Vec<String> {
    fn to_value(&self) -> Option<toml_edit::Value> {
        Some(toml_edit::Value::Array(
            self.iter().map(String::as_str).collect(),
        ))
    }
}

impl FieldValue for Delegate {
    fn to_value(&self) -> Option<toml_edit::Value> {
        let mut t = toml_edit::InlineTable::new();
        t.insert("name", self.name.as_str().into());
        if let Some(r) = self.role {
            t.insert("role", r.as_str().into());
        }
        Some(toml_edit::Value::InlineTable(t))
    }
}

impl FieldValue for Vec<Delegate> {
    fn to_value(&self) -> Option<toml_edit::Value> {
        Some(toml_edit::Value::Array(
            self.iter().filter_map(FieldValue::to_value).collect(),
        ))
    }
}

impl FieldValue for Presence {
    fn to_value(&self) -> Option<toml_edit::Value> {
        Some(self.as_str().into())
    }
}

/// How a decision was taken, in the conflict form: its word (`vote`); the lists are in
/// each side's file.
impl FieldValue for Taken {
    fn to_value(&self) -> Option<toml_edit::Value> {
        Some(self.as_str().into())
    }
}

impl FieldValue for Vec<Statement> {
    fn to_value(&self) -> Option<toml_edit::Value> {
        Some(toml_edit::Value::Array(
            self.iter()
                .map(|st| {
                    let mut t = toml_edit::InlineTable::new();
                    t.insert("by", st.by.as_str().into());
                    t.insert("kind", st.kind.as_str().into());
                    t.insert("text", st.text.as_str().into());
                    toml_edit::Value::InlineTable(t)
                })
                .collect(),
        ))
    }
}

/// What became of each base statement on one side: `Some(i)` is the side's entry `i`
/// (unchanged or edited), `None` a deletion. An entry equal to a base statement is that
/// statement; an edit is the next new entry by the same delegation.
fn statement_fates(base: &[Statement], side: &[Statement]) -> Vec<Option<usize>> {
    let mut used = vec![false; side.len()];
    let mut fate: Vec<Option<usize>> = vec![None; base.len()];
    for (bi, b) in base.iter().enumerate() {
        if let Some(i) = (0..side.len()).find(|&i| !used[i] && &side[i] == b) {
            used[i] = true;
            fate[bi] = Some(i);
        }
    }
    for (bi, b) in base.iter().enumerate() {
        if fate[bi].is_some() {
            continue;
        }
        let edit =
            (0..side.len()).find(|&i| !used[i] && side[i].by == b.by && !base.contains(&side[i]));
        if let Some(i) = edit {
            used[i] = true;
            fate[bi] = Some(i);
        }
    }
    fate
}

impl FieldValue for Outcome {
    fn to_value(&self) -> Option<toml_edit::Value> {
        Some(self.as_str().into())
    }
}

/// How a decision was taken, spread into its fields as written in the file: a field the
/// form does not use is `None`.
#[derive(Debug, Clone, PartialEq, Default)]
struct TakenFields {
    yes: Option<Vec<String>>,
    no: Option<Vec<String>>,
    abstain: Option<Vec<String>>,
    silence_until: Option<NaiveDate>,
    outcome: Option<Outcome>,
    outcome_at: Option<String>,
}

impl TakenFields {
    fn of(t: &Taken) -> Self {
        match t {
            Taken::Consensus => Self::default(),
            Taken::Vote(v) => Self {
                yes: Some(v.yes.clone()),
                no: Some(v.no.clone()),
                abstain: Some(v.abstain.clone()),
                ..Self::default()
            },
            Taken::AdReferendum {
                silence_until,
                outcome,
                outcome_at,
            } => Self {
                silence_until: *silence_until,
                outcome: *outcome,
                outcome_at: outcome_at.clone(),
                ..Self::default()
            },
        }
    }
}

impl<T: FieldValue> FieldValue for Option<T> {
    fn to_value(&self) -> Option<toml_edit::Value> {
        self.as_ref().and_then(FieldValue::to_value)
    }
}

/// Collects conflicts while records are merged.
#[derive(Default)]
struct Merger {
    conflicts: Vec<Conflict>,
}

impl Merger {
    /// One field: one side's change wins, equal changes agree, different changes conflict.
    fn field<T: FieldValue>(
        &mut self,
        place: &Place,
        name: &'static str,
        b: &T,
        o: &T,
        t: &T,
    ) -> T {
        if o == t || b == t {
            o.clone()
        } else if b == o {
            t.clone()
        } else {
            self.conflicts.push(Conflict {
                place: place.clone(),
                kind: ConflictKind::Field {
                    name,
                    ours: o.to_value().map(Box::new),
                    theirs: t.to_value().map(Box::new),
                },
            });
            o.clone()
        }
    }

    /// How a decision was taken, field by field: the form (`taken`), each list of a vote,
    /// the silence date, the outcome and the meeting that recorded it. When the two sides
    /// chose different forms, `taken` conflicts and every field in which the sides differ
    /// conflicts with it, so neither side's tally or dates leave the file.
    fn taken(&mut self, p: &Place, b: &Taken, o: &Taken, t: &Taken) -> Taken {
        if o == t || b == t {
            return o.clone();
        }
        if b == o {
            return t.clone();
        }
        let (bf, of, tf) = (TakenFields::of(b), TakenFields::of(o), TakenFields::of(t));
        if o.as_str() != t.as_str() {
            // One side changed the form, the other edited the old form (or changed it
            // otherwise): a conflict, even when one side kept the base's word.
            let mut both =
                |name: &'static str, o: Option<toml_edit::Value>, t: Option<toml_edit::Value>| {
                    self.conflicts.push(Conflict {
                        place: p.clone(),
                        kind: ConflictKind::Field {
                            name,
                            ours: o.map(Box::new),
                            theirs: t.map(Box::new),
                        },
                    });
                };
            both("taken", o.to_value(), t.to_value());
            if of.yes != tf.yes {
                both("for", of.yes.to_value(), tf.yes.to_value());
            }
            if of.no != tf.no {
                both("against", of.no.to_value(), tf.no.to_value());
            }
            if of.abstain != tf.abstain {
                both("abstain", of.abstain.to_value(), tf.abstain.to_value());
            }
            if of.silence_until != tf.silence_until {
                both(
                    "silence_until",
                    of.silence_until.to_value(),
                    tf.silence_until.to_value(),
                );
            }
            if of.outcome != tf.outcome {
                both("outcome", of.outcome.to_value(), tf.outcome.to_value());
            }
            if of.outcome_at != tf.outcome_at {
                both(
                    "outcome_at",
                    of.outcome_at.to_value(),
                    tf.outcome_at.to_value(),
                );
            }
            return o.clone();
        }
        // One form on both sides: each of its fields merges on its own (a base of another
        // form holds none of them).
        let list = |m: &mut Self, name, b: &Option<Vec<String>>, o: &Option<Vec<String>>, t| {
            m.field(
                p,
                name,
                &b.clone().unwrap_or_default(),
                &o.clone().unwrap_or_default(),
                t,
            )
        };
        match o {
            Taken::Consensus => Taken::Consensus,
            Taken::Vote(_) => Taken::Vote(Vote {
                yes: list(
                    self,
                    "for",
                    &bf.yes,
                    &of.yes,
                    &tf.yes.clone().unwrap_or_default(),
                ),
                no: list(
                    self,
                    "against",
                    &bf.no,
                    &of.no,
                    &tf.no.clone().unwrap_or_default(),
                ),
                abstain: list(
                    self,
                    "abstain",
                    &bf.abstain,
                    &of.abstain,
                    &tf.abstain.clone().unwrap_or_default(),
                ),
            }),
            Taken::AdReferendum { .. } => Taken::AdReferendum {
                silence_until: self.field(
                    p,
                    "silence_until",
                    &bf.silence_until,
                    &of.silence_until,
                    &tf.silence_until,
                ),
                outcome: self.field(p, "outcome", &bf.outcome, &of.outcome, &tf.outcome),
                outcome_at: self.field(
                    p,
                    "outcome_at",
                    &bf.outcome_at,
                    &of.outcome_at,
                    &tf.outcome_at,
                ),
            },
        }
    }

    /// Statements: a base statement is followed to its version on each side (equal, or
    /// the same delegation's edited entry). Changed on one side takes that side; changed
    /// differently on both, or deleted on one and edited on the other, conflicts: the
    /// conflict holds the whole merged list with ours' version and with theirs'. Statements
    /// added on either side are all kept, ours first.
    fn statements(
        &mut self,
        p: &Place,
        b: &[Statement],
        o: &[Statement],
        t: &[Statement],
    ) -> Vec<Statement> {
        if o == t || b == t {
            return o.to_vec();
        }
        if b == o {
            return t.to_vec();
        }
        let (of, tf) = (statement_fates(b, o), statement_fates(b, t));
        let from_base =
            |fates: &[Option<usize>], i: usize| fates.iter().position(|f| *f == Some(i));
        // Each entry of the result as (ours' version, theirs' version).
        let mut out: Vec<(Option<Statement>, Option<Statement>)> = Vec::new();
        let mut conflict = false;
        let mut pick =
            |bs: &Statement, ov: Option<&Statement>, tv: Option<&Statement>| match (ov, tv) {
                (Some(x), Some(y)) if x == y || y == bs => (Some(x.clone()), Some(x.clone())),
                (Some(x), Some(y)) if x == bs => (Some(y.clone()), Some(y.clone())),
                (None, None) => (None, None),
                (None, Some(y)) if y == bs => (None, None),
                (Some(x), None) if x == bs => (None, None),
                (x, y) => {
                    conflict = true;
                    (x.cloned(), y.cloned())
                }
            };
        for (i, st) in o.iter().enumerate() {
            match from_base(&of, i) {
                Some(bi) => out.push(pick(&b[bi], Some(st), tf[bi].map(|j| &t[j]))),
                None => out.push((Some(st.clone()), Some(st.clone()))),
            }
        }
        for (bi, bs) in b.iter().enumerate() {
            if of[bi].is_none() {
                out.push(pick(bs, None, tf[bi].map(|j| &t[j])));
            }
        }
        for (j, st) in t.iter().enumerate() {
            let added = from_base(&tf, j).is_none();
            let in_ours = o
                .iter()
                .enumerate()
                .any(|(i, x)| x == st && from_base(&of, i).is_none());
            if added && !in_ours {
                out.push((Some(st.clone()), Some(st.clone())));
            }
        }
        let ours: Vec<Statement> = out.iter().filter_map(|x| x.0.clone()).collect();
        if !conflict {
            return ours;
        }
        let theirs: Vec<Statement> = out.into_iter().filter_map(|x| x.1).collect();
        self.conflicts.push(Conflict {
            place: p.clone(),
            kind: ConflictKind::Field {
                name: "statements",
                ours: ours.to_value().map(Box::new),
                theirs: theirs.to_value().map(Box::new),
            },
        });
        ours
    }

    /// A list whose entries stand alone (delegates): what either side added is
    /// kept (ours first), what either side removed is gone; it never conflicts.
    fn set<T: PartialEq + Clone>(&mut self, b: &[T], o: &[T], t: &[T]) -> Vec<T> {
        if o == t || b == t {
            return o.to_vec();
        }
        if b == o {
            return t.to_vec();
        }
        let mut out: Vec<T> = o
            .iter()
            .filter(|x| !b.contains(x) || t.contains(x))
            .cloned()
            .collect();
        for x in t {
            if !b.contains(x) && !out.contains(x) {
                out.push(x.clone());
            }
        }
        out
    }

    /// Delegates: names added on either side are all kept; but when both sides replaced the
    /// same listed delegate by different ones (two corrections of one name), that conflicts.
    fn delegates(
        &mut self,
        place: &Place,
        b: &[Delegate],
        o: &[Delegate],
        t: &[Delegate],
    ) -> Vec<Delegate> {
        let gone = |side: &[Delegate]| -> Vec<&Delegate> {
            b.iter().filter(|d| !side.contains(d)).collect()
        };
        let added = |side: &[Delegate]| side.iter().any(|d| !b.contains(d));
        let (gone_o, gone_t) = (gone(o), gone(t));
        let both_replaced = gone_o.iter().any(|d| gone_t.contains(d)) && added(o) && added(t);
        if both_replaced && o != t {
            return self.field(place, "delegates", &b.to_vec(), &o.to_vec(), &t.to_vec());
        }
        self.set(b, o, t)
    }

    /// Notes: appends on both sides keep ours, a blank line, then what theirs appended.
    fn notes(
        &mut self,
        place: &Place,
        b: &Option<String>,
        o: &Option<String>,
        t: &Option<String>,
    ) -> Option<String> {
        if o == t || b == t {
            return o.clone();
        }
        if b == o {
            return t.clone();
        }
        let base = b.as_deref().unwrap_or("");
        let (ours, theirs) = (o.as_deref().unwrap_or(""), t.as_deref().unwrap_or(""));
        match (ours.strip_prefix(base), theirs.strip_prefix(base)) {
            (Some(_), Some(added)) if !ours.trim().is_empty() && !added.trim().is_empty() => {
                Some(format!("{}\n\n{}", ours.trim_end(), added.trim_start()))
            }
            _ => self.field(place, "notes", b, o, t),
        }
    }
}

/// A record of a list that merges by key.
trait Record: Clone + PartialEq {
    /// What identifies the record within its list.
    type Key: Clone + Eq + Hash;
    fn key(&self) -> Self::Key;
    /// The record as named in messages; `nth` is its rank among records of the same key.
    fn place(&self, item: &str, nth: usize) -> Place;
    /// The base of a record added on both sides: the key and nothing else.
    fn empty(&self) -> Self;
    /// Merges three versions of one record.
    fn merge3(m: &mut Merger, place: &Place, b: &Self, o: &Self, t: &Self) -> Self;
}

/// Attendance is one entry per delegation: its status merges as a field, its delegates as a
/// list, so a name added on one side and presence marked on the other both hold.
impl Record for Attendance {
    type Key = String;
    fn key(&self) -> Self::Key {
        self.represents.clone()
    }
    fn place(&self, _: &str, nth: usize) -> Place {
        Place::Attendance {
            represents: self.represents.clone(),
            nth,
        }
    }
    fn empty(&self) -> Self {
        Attendance::new(self.represents.clone(), Presence::default())
    }
    fn merge3(m: &mut Merger, p: &Place, b: &Self, o: &Self, t: &Self) -> Self {
        Attendance {
            represents: o.represents.clone(),
            status: m.field(p, "status", &b.status, &o.status, &t.status),
            delegates: m.delegates(p, &b.delegates, &o.delegates, &t.delegates),
        }
    }
}

impl Record for Decision {
    type Key = String;
    fn key(&self) -> String {
        self.id.clone()
    }
    fn place(&self, item: &str, _: usize) -> Place {
        Place::Decision {
            item: item.to_string(),
            id: self.id.clone(),
        }
    }
    fn empty(&self) -> Self {
        Decision {
            id: self.id.clone(),
            ..Decision::default()
        }
    }
    fn merge3(m: &mut Merger, p: &Place, b: &Self, o: &Self, t: &Self) -> Self {
        Decision {
            id: o.id.clone(),
            text: m.field(p, "text", &b.text, &o.text, &t.text),
            owners: m.field(p, "owners", &b.owners, &o.owners, &t.owners),
            due: m.field(p, "due", &b.due, &o.due, &t.due),
            status: m.field(p, "status", &b.status, &o.status, &t.status),
            action: m.field(p, "action", &b.action, &o.action, &t.action),
            confidential: m.field(
                p,
                "confidential",
                &b.confidential,
                &o.confidential,
                &t.confidential,
            ),
            without_quorum: m.field(
                p,
                "quorate",
                &b.without_quorum,
                &o.without_quorum,
                &t.without_quorum,
            ),
            taken: m.taken(p, &b.taken, &o.taken, &t.taken),
            statements: m
                .statements(
                    p,
                    &vec(&b.statements),
                    &vec(&o.statements),
                    &vec(&t.statements),
                )
                .into(),
        }
    }
}

impl Record for Update {
    type Key = String;
    fn key(&self) -> String {
        self.action.clone()
    }
    fn place(&self, item: &str, nth: usize) -> Place {
        Place::Update {
            item: item.to_string(),
            action: self.action.clone(),
            nth,
        }
    }
    fn empty(&self) -> Self {
        Update {
            action: self.action.clone(),
            ..Update::default()
        }
    }
    fn merge3(m: &mut Merger, p: &Place, b: &Self, o: &Self, t: &Self) -> Self {
        Update {
            action: o.action.clone(),
            status: m.field(p, "status", &b.status, &o.status, &t.status),
            owners: m.field(p, "owners", &b.owners, &o.owners, &t.owners),
            due: m.field(p, "due", &b.due, &o.due, &t.due),
            note: m.field(p, "note", &b.note, &o.note, &t.note),
        }
    }
}

impl Record for ItemRecord {
    type Key = String;
    fn key(&self) -> String {
        self.id.clone()
    }
    fn place(&self, _: &str, _: usize) -> Place {
        Place::Item {
            id: self.id.clone(),
        }
    }
    fn empty(&self) -> Self {
        ItemRecord {
            id: self.id.clone(),
            ..ItemRecord::default()
        }
    }
    fn merge3(m: &mut Merger, p: &Place, b: &Self, o: &Self, t: &Self) -> Self {
        let mut out = ItemRecord {
            id: o.id.clone(),
            title: m.field(p, "title", &b.title, &o.title, &t.title),
            area: m.field(p, "area", &b.area, &o.area, &t.area),
            taken_up: clock(&b.taken_up, &o.taken_up, &t.taken_up, std::cmp::min),
            left: clock(&b.left, &o.left, &t.left, std::cmp::max),
            notes: m.notes(p, &b.notes, &o.notes, &t.notes),
            confidential: m.field(
                p,
                "confidential",
                &b.confidential,
                &o.confidential,
                &t.confidential,
            ),
            decisions: merge_list(
                m,
                &o.id,
                &vec(&b.decisions),
                &vec(&o.decisions),
                &vec(&t.decisions),
            )
            .into(),
            updates: merge_list(m, &o.id, &b.updates, &o.updates, &t.updates),
            statements: m
                .statements(
                    p,
                    &vec(&b.statements),
                    &vec(&o.statements),
                    &vec(&t.statements),
                )
                .into(),
            issued: None,
        };
        let issued = [b, o, t]
            .iter()
            .map(|r| r.highest_issued())
            .max()
            .unwrap_or(0);
        out.issued = Some(issued).filter(|&n| n > out.highest_listed());
        out
    }
}

/// Each record's key with its rank among records of the same key, so that two updates of
/// one action under one item stay two records.
/// The meeting's clock as two note-takers' screens kept it: a time set on one side only
/// is taken; set differently on both (each screen walked the meeting), `pick` chooses
/// (the earlier take-up, the later leaving) and nothing conflicts: a few seconds between
/// two clocks is not a disagreement about the record.
fn clock(
    b: &Option<NaiveTime>,
    o: &Option<NaiveTime>,
    t: &Option<NaiveTime>,
    pick: fn(NaiveTime, NaiveTime) -> NaiveTime,
) -> Option<NaiveTime> {
    if o == t || b == t {
        *o
    } else if b == o {
        *t
    } else {
        match (*o, *t) {
            (Some(x), Some(y)) => Some(pick(x, y)),
            (x, y) => x.or(y),
        }
    }
}

/// A persistent list's entries as a plain one, for the merge's position arithmetic.
fn vec<T: Clone>(list: &imbl::Vector<T>) -> Vec<T> {
    list.iter().cloned().collect()
}

fn ranked<R: Record>(list: &[R]) -> Vec<(R::Key, usize)> {
    let mut seen: HashMap<R::Key, usize> = HashMap::with_capacity(list.len());
    list.iter()
        .map(|r| {
            let n = seen.entry(r.key()).or_insert(0);
            let rank = *n;
            *n += 1;
            (r.key(), rank)
        })
        .collect()
}

fn index<R: Record>(keys: &[(R::Key, usize)]) -> HashMap<(R::Key, usize), usize> {
    keys.iter()
        .cloned()
        .enumerate()
        .map(|(i, k)| (k, i))
        .collect()
}

/// Merges a list of records: ours in their order (merged with base and theirs), then the
/// records theirs added, in theirs' order.
fn merge_list<R: Record>(
    m: &mut Merger,
    item: &str,
    base: &[R],
    ours: &[R],
    theirs: &[R],
) -> Vec<R> {
    let (bk, ok, tk) = (ranked(base), ranked(ours), ranked(theirs));
    let (bi, oi, ti) = (index::<R>(&bk), index::<R>(&ok), index::<R>(&tk));
    let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
    for (o, key) in ours.iter().zip(&ok) {
        let place = || o.place(item, key.1);
        match (
            bi.get(key).map(|&i| &base[i]),
            ti.get(key).map(|&i| &theirs[i]),
        ) {
            (Some(b), Some(t)) if o == t || b == t => out.push(o.clone()),
            (Some(b), Some(t)) if b == o => out.push(t.clone()),
            (Some(b), Some(t)) => out.push(R::merge3(m, &place(), b, o, t)),
            (Some(b), None) if b == o => {}
            (Some(_), None) => {
                m.conflicts.push(Conflict {
                    place: place(),
                    kind: ConflictKind::DeletedEdited {
                        deleted_by: Side::Theirs,
                    },
                });
                out.push(o.clone());
            }
            (None, Some(t)) if o == t => out.push(o.clone()),
            (None, Some(t)) => out.push(R::merge3(m, &place(), &o.empty(), o, t)),
            (None, None) => out.push(o.clone()),
        }
    }
    for (t, key) in theirs.iter().zip(&tk) {
        if oi.contains_key(key) {
            continue;
        }
        match bi.get(key).map(|&i| &base[i]) {
            Some(b) if b == t => {}
            Some(_) => {
                m.conflicts.push(Conflict {
                    place: t.place(item, key.1),
                    kind: ConflictKind::DeletedEdited {
                        deleted_by: Side::Ours,
                    },
                });
                out.push(t.clone());
            }
            None => out.push(t.clone()),
        }
    }
    out
}

/// Gives theirs' new decisions new numbers where ours issued the same ones under the same
/// item: all of theirs' new decisions of that item, in their order, after the highest
/// number issued on any side. References to them in theirs follow.
fn renumber(base: &Minutes, ours: &Minutes, theirs: &mut Minutes) -> Vec<Renumbering> {
    let mut renamed: Vec<Renumbering> = Vec::new();
    for item in &mut theirs.items {
        let Some(our_item) = ours.item(&item.id) else {
            continue;
        };
        let base_item = base.item(&item.id);
        let in_base = |id: &str| base_item.is_some_and(|b| b.decisions.iter().any(|d| d.id == id));
        let identical_in_ours = |d: &Decision| our_item.decisions.iter().any(|x| x == d);
        let ours_issued = our_item.highest_issued();
        let new: Vec<usize> = (0..item.decisions.len())
            .filter(|&i| {
                let d = &item.decisions[i];
                !in_base(&d.id) && !identical_in_ours(d)
            })
            .collect();
        let collides = new.iter().any(|&i| {
            let d = &item.decisions[i];
            our_item.decisions.iter().any(|x| x.id == d.id)
                || item
                    .decision_number(&d.id)
                    .is_some_and(|n| n <= ours_issued)
        });
        if !collides {
            continue;
        }
        let mut next = ours_issued
            .max(item.highest_issued())
            .max(base_item.map_or(0, ItemRecord::highest_issued));
        for i in new {
            next += 1;
            let to = format!("{}-{next}", item.id);
            let d = &mut item.decisions[i];
            renamed.push(Renumbering {
                from: std::mem::replace(&mut d.id, to.clone()),
                to,
            });
        }
        item.issued = Some(next);
    }
    if renamed.is_empty() {
        return renamed;
    }
    let meeting = theirs.meeting.id.clone();
    let names: HashMap<String, String> = renamed
        .iter()
        .map(|r| {
            (
                format!("{meeting}/{}", r.from),
                format!("{meeting}/{}", r.to),
            )
        })
        .collect();
    let follow = |action: &mut String| {
        if let Some(new) = names.get(action.as_str()) {
            action.clone_from(new);
        }
    };
    for item in &mut theirs.items {
        for d in &mut item.decisions {
            if let Some(a) = d.action.as_mut() {
                follow(a);
            }
        }
        for u in &mut item.updates {
            follow(&mut u.action);
        }
    }
    renamed
}

fn merge_meeting(m: &mut Merger, b: &Meeting, o: &Meeting, t: &Meeting) -> Meeting {
    let p = &Place::Meeting;
    Meeting {
        id: m.field(p, "id", &b.id, &o.id, &t.id),
        title: m.field(p, "title", &b.title, &o.title, &t.title),
        body: m.field(p, "body", &b.body, &o.body, &t.body),
        date: m.field(p, "date", &b.date, &o.date, &t.date),
        start: m.field(p, "start", &b.start, &o.start, &t.start),
        venue: m.field(p, "venue", &b.venue, &o.venue, &t.venue),
        chair: m.field(p, "chair", &b.chair, &o.chair, &t.chair),
        rapporteur: m.field(p, "rapporteur", &b.rapporteur, &o.rapporteur, &t.rapporteur),
        classification: m.field(
            p,
            "classification",
            &b.classification,
            &o.classification,
            &t.classification,
        ),
        quorum: m.field(p, "quorum", &b.quorum, &o.quorum, &t.quorum),
        quorum_kinds: m.field(
            p,
            "quorum_kinds",
            &b.quorum_kinds,
            &o.quorum_kinds,
            &t.quorum_kinds,
        ),
        symbol: m.field(p, "symbol", &b.symbol, &o.symbol, &t.symbol),
        distribution: m.field(
            p,
            "distribution",
            &b.distribution,
            &o.distribution,
            &t.distribution,
        ),
        language: m.field(p, "language", &b.language, &o.language, &t.language),
        plan: m.field(p, "plan", &b.plan, &o.plan, &t.plan),
    }
}

/// Amendments after approval are only ever appended: ours, then those theirs added that
/// ours does not hold.
fn merge_amendments(
    base: &Minutes,
    ours: &Minutes,
    theirs: &Minutes,
) -> Vec<crate::model::Amendment> {
    let mut out = ours.amendments.clone();
    for a in theirs.amendments.iter().skip(base.amendments.len()) {
        if !out.contains(a) {
            out.push(a.clone());
        }
    }
    out
}

/// Merges `ours` and `theirs`, two descendants of `base`.
pub fn merge(base: &Minutes, ours: &Minutes, theirs: &Minutes) -> Merged {
    let mut theirs = theirs.clone();
    let renumbered = renumber(base, ours, &mut theirs);
    let mut m = Merger::default();
    let p = &Place::Meeting;
    let minutes = Minutes {
        meeting: merge_meeting(&mut m, &base.meeting, &ours.meeting, &theirs.meeting),
        agenda: m.field(p, "agenda", &base.agenda, &ours.agenda, &theirs.agenda),
        state: m.field(p, "state", &base.state, &ours.state, &theirs.state),
        approved_at: m.field(
            p,
            "approved_at",
            &base.approved_at,
            &ours.approved_at,
            &theirs.approved_at,
        ),
        closed: m.field(p, "closed", &base.closed, &ours.closed, &theirs.closed),
        attendance: merge_list(
            &mut m,
            "",
            &base.attendance,
            &ours.attendance,
            &theirs.attendance,
        ),
        items: merge_list(&mut m, "", &base.items, &ours.items, &theirs.items),
        amendments: merge_amendments(base, ours, &theirs),
    };
    Merged {
        minutes,
        conflicts: m.conflicts,
        renumbered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Attendance, Decision, ItemRecord, Minutes, Presence, Role, Statement, StatementKind, Taken,
        Update,
    };

    #[test]
    fn two_clocks_take_the_earlier_take_up_and_the_later_leaving_without_conflict() {
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        let item = |up, left| ItemRecord {
            id: "5".into(),
            taken_up: up,
            left,
            ..ItemRecord::default()
        };
        let base = minutes(vec![item(None, None)]);
        let ours = minutes(vec![item(at(10, 1), at(10, 30))]);
        let theirs = minutes(vec![item(at(10, 0), at(10, 31))]);
        let merged = merge(&base, &ours, &theirs);
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.minutes.items[0].taken_up, at(10, 0));
        assert_eq!(merged.minutes.items[0].left, at(10, 31));
        // One side only: that side's time.
        let theirs = minutes(vec![item(None, None)]);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.minutes.items[0].left, at(10, 30));
    }

    fn minutes(items: Vec<ItemRecord>) -> Minutes {
        let mut m = Minutes {
            agenda: "a.toml".into(),
            items,
            ..Minutes::default()
        };
        m.meeting.id = "m1".into();
        m
    }

    fn item(id: &str, decisions: &[&str]) -> ItemRecord {
        ItemRecord {
            id: id.into(),
            title: format!("Item {id}"),
            decisions: decisions
                .iter()
                .map(|d| Decision {
                    id: (*d).into(),
                    text: format!("text of {d}"),
                    ..Decision::default()
                })
                .collect(),
            ..ItemRecord::default()
        }
    }

    #[test]
    fn deleted_on_both_sides_is_deleted_and_stays_issued() {
        let base = minutes(vec![item("1", &["1-1", "1-2"])]);
        let mut gone = minutes(vec![item("1", &["1-1"])]);
        gone.items[0].issued = Some(2);
        let m = merge(&base, &gone, &gone);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.minutes.items[0].decisions.len(), 1);
        assert_eq!(m.minutes.items[0].next_decision_id(), "1-3");
    }

    #[test]
    fn a_number_ours_issued_and_deleted_is_not_reused_by_theirs() {
        let base = minutes(vec![item("1", &[])]);
        let mut ours = base.clone();
        ours.items[0].issued = Some(1);
        let theirs = minutes(vec![item("1", &["1-1"])]);
        let m = merge(&base, &ours, &theirs);
        assert_eq!(
            m.renumbered,
            [Renumbering {
                from: "1-1".into(),
                to: "1-2".into()
            }]
        );
        assert_eq!(m.minutes.items[0].decisions[0].id, "1-2");
    }

    #[test]
    fn the_same_decision_added_on_both_sides_is_kept_once() {
        let base = minutes(vec![item("1", &[])]);
        let both = minutes(vec![item("1", &["1-1"])]);
        let m = merge(&base, &both, &both);
        assert!(m.renumbered.is_empty());
        assert_eq!(m.minutes, both);
    }

    #[test]
    fn items_added_on_both_sides_merge_and_theirs_come_after_ours() {
        let base = minutes(vec![item("1", &[])]);
        let ours = minutes(vec![item("1", &[]), item("a+", &["a+-1"]), item("b", &[])]);
        let mut theirs = minutes(vec![item("1", &[]), item("c", &[]), item("a+", &[])]);
        theirs.items[2].notes = Some("from theirs".into());
        let m = merge(&base, &ours, &theirs);
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        let ids: Vec<&str> = m.minutes.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["1", "a+", "b", "c"]);
        assert_eq!(m.minutes.items[1].notes.as_deref(), Some("from theirs"));
        assert_eq!(m.minutes.items[1].decisions.len(), 1);
    }

    #[test]
    fn approvals_at_different_meetings_conflict_in_the_header() {
        let base = minutes(vec![]);
        let mut ours = base.clone();
        ours.approved_at = Some("m2".into());
        let mut theirs = base.clone();
        theirs.approved_at = Some("m3".into());
        let m = merge(&base, &ours, &theirs);
        assert_eq!(
            m.conflicts
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["[meeting]: both sides changed 'approved_at' differently"]
        );
        let text = crate::minutes::merge_file::render(&m).unwrap();
        assert!(
            text.contains("approved_at = { ours = \"m2\", theirs = \"m3\" }"),
            "{text}"
        );
    }

    #[test]
    fn a_field_removed_on_one_side_and_changed_on_the_other_keeps_the_change_in_view() {
        let mut base = minutes(vec![item("1", &["1-1"])]);
        base.items[0].decisions[0].due = chrono::NaiveDate::from_ymd_opt(2024, 1, 31);
        let mut ours = base.clone();
        ours.items[0].decisions[0].due = None;
        let mut theirs = base.clone();
        theirs.items[0].decisions[0].due = chrono::NaiveDate::from_ymd_opt(2024, 3, 31);
        let m = merge(&base, &ours, &theirs);
        let text = crate::minutes::merge_file::render(&m).unwrap();
        assert!(text.contains("due = { theirs = 2024-03-31 }"), "{text}");
        assert!(
            text.contains("[[items.decisions]]\nconflict = \"'due' differs"),
            "{text}"
        );
    }

    #[test]
    fn two_updates_of_one_action_under_one_item_stay_two() {
        let upd = |note: &str| Update {
            action: "PA-1".into(),
            note: Some(note.into()),
            ..Update::default()
        };
        let mut base = minutes(vec![item("1", &[])]);
        base.items[0].updates = vec![upd("first"), upd("second")];
        let mut ours = base.clone();
        ours.items[0].updates[1].note = Some("second, amended".into());
        let mut theirs = base.clone();
        theirs.items[0].updates[0].status = Some(Status::Done);
        let m = merge(&base, &ours, &theirs);
        assert!(m.conflicts.is_empty());
        let u = &m.minutes.items[0].updates;
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].status, Some(Status::Done));
        assert_eq!(u[1].note.as_deref(), Some("second, amended"));
    }

    #[test]
    fn a_name_corrected_on_one_side_and_presence_marked_on_the_other_both_hold() {
        let mut base = minutes(vec![]);
        let mut tt = Attendance::new("tt", Presence::Absent);
        tt.add_delegate("J. Doe", None);
        base.attendance = vec![tt];
        let mut ours = base.clone();
        ours.attendance[0].delegates[0].name = "Jane Doe".into();
        ours.attendance[0].add_delegate("A. Adviser", Some(Role::Adviser));
        let mut theirs = base.clone();
        theirs.attendance[0].status = Presence::Present;
        theirs.attendance[0].add_delegate("B. Delegate", Some(Role::Delegate));
        let m = merge(&base, &ours, &theirs);
        assert!(m.conflicts.is_empty());
        let names: Vec<&str> = m.minutes.attendance[0]
            .delegates
            .iter()
            .map(|d| d.name.as_str())
            .collect();
        assert_eq!(names, ["Jane Doe", "A. Adviser", "B. Delegate"]);
        assert!(m.minutes.attendance[0].present());
    }

    #[test]
    fn statements_added_on_both_sides_are_all_kept_and_how_a_decision_was_taken_merges() {
        let base = minutes(vec![item("1", &["1-1"])]);
        let statement = |by: &str| Statement {
            by: by.into(),
            kind: StatementKind::Reservation,
            text: format!("{by} reserves its position"),
        };
        let mut ours = base.clone();
        ours.items[0].statements.push_back(statement("jm"));
        ours.items[0].decisions[0]
            .statements
            .push_back(statement("bb"));
        let mut theirs = base.clone();
        theirs.items[0].statements.push_back(statement("tt"));
        theirs.items[0].decisions[0].taken = Taken::AdReferendum {
            silence_until: NaiveDate::from_ymd_opt(2017, 1, 31),
            outcome: None,
            outcome_at: None,
        };
        let m = merge(&base, &ours, &theirs);
        assert!(m.conflicts.is_empty());
        let item = &m.minutes.items[0];
        assert_eq!(vec(&item.statements), [statement("jm"), statement("tt")]);
        assert_eq!(vec(&item.decisions[0].statements), [statement("bb")]);
        assert_eq!(item.decisions[0].taken.as_str(), "ad-referendum");
    }

    #[test]
    fn a_conflict_whose_record_cannot_be_found_is_marked_on_the_header() {
        let merged = Merged {
            minutes: minutes(vec![item("1", &[])]),
            conflicts: vec![Conflict {
                place: Place::Update {
                    item: "1".into(),
                    action: "PA-9".into(),
                    nth: 3,
                },
                kind: ConflictKind::DeletedEdited {
                    deleted_by: Side::Ours,
                },
            }],
            renumbered: Vec::new(),
        };
        let text = crate::minutes::merge_file::render(&merged).unwrap();
        assert!(
            text.contains(
                "conflict = \"update of 'PA-9' under item '1': deleted by ours and edited by theirs\""
            ),
            "{text}"
        );
        let parsed = crate::load::parse_document(&text, "x.minutes.toml");
        assert!(
            parsed
                .problems
                .iter()
                .any(|p| p.message.contains("unresolved merge conflict in [meeting]")),
            "check rejects it"
        );
    }

    #[test]
    fn the_conflict_form_escapes_bidi_and_c1_characters_like_the_canonical_text() {
        let base = minutes(vec![item("1", &["1-1"])]);
        let mut ours = base.clone();
        ours.items[0].decisions[0].text = "ours \u{202E}txet".into();
        let mut theirs = base.clone();
        theirs.items[0].decisions[0].text = "theirs \u{9B}2J".into();
        let m = merge(&base, &ours, &theirs);
        let text = crate::minutes::merge_file::render(&m).unwrap();
        assert!(
            !text.contains('\u{202E}') && !text.contains('\u{9B}'),
            "{text}"
        );
        assert!(
            text.contains(r#"text = { ours = "ours \u202Etxet", theirs = "theirs \u009B2J" }"#),
            "{text}"
        );
    }

    fn voted(yes: &[&str], no: &[&str], abstain: &[&str]) -> Taken {
        let l = |x: &[&str]| x.iter().map(|s| (*s).to_string()).collect();
        Taken::Vote(Vote {
            yes: l(yes),
            no: l(no),
            abstain: l(abstain),
        })
    }

    #[test]
    fn tallies_changed_on_both_sides_conflict_on_the_list_and_keep_both_lists() {
        let mut base = minutes(vec![item("1", &["1-1"])]);
        base.items[0].decisions[0].taken = voted(&["a", "b"], &["c"], &[]);
        let mut ours = base.clone();
        ours.items[0].decisions[0].taken = voted(&["a", "b", "d"], &["c"], &[]);
        let mut theirs = base.clone();
        theirs.items[0].decisions[0].taken = voted(&["a", "e"], &["c"], &["b"]);
        let m = merge(&base, &ours, &theirs);
        let named: Vec<String> = m.conflicts.iter().map(ToString::to_string).collect();
        assert_eq!(
            named,
            ["decision '1-1': both sides changed 'for' differently"]
        );
        let text = crate::minutes::merge_file::render(&m).unwrap();
        assert!(
            text.contains(r#"for = { ours = ["a", "b", "d"], theirs = ["a", "e"] }"#),
            "{text}"
        );
        assert!(
            text.contains(r#"abstain = ["b"]"#),
            "theirs' abstention: {text}"
        );
        assert!(!text.contains("taken = {"), "{text}");
    }

    #[test]
    fn a_form_changed_on_one_side_and_edited_on_the_other_keeps_both_sides_fields() {
        let d = |s| NaiveDate::from_ymd_opt(2025, 6, s);
        let adref = |day| Taken::AdReferendum {
            silence_until: d(day),
            outcome: None,
            outcome_at: None,
        };
        let mut base = minutes(vec![item("1", &["1-1"])]);
        base.items[0].decisions[0].taken = adref(20);
        let mut ours = base.clone();
        ours.items[0].decisions[0].taken = adref(21);
        let mut theirs = base.clone();
        theirs.items[0].decisions[0].taken = voted(&["fin"], &[], &[]);
        let m = merge(&base, &ours, &theirs);
        let text = crate::minutes::merge_file::render(&m).unwrap();
        for want in [
            r#"taken = { ours = "ad-referendum", theirs = "vote" }"#,
            "silence_until = { ours = 2025-06-21 }",
            r#"for = { theirs = ["fin"] }"#,
        ] {
            assert!(text.contains(want), "{want} in {text}");
        }
        // One side only: that side's form, without conflict.
        let m = merge(&base, &base, &theirs);
        assert!(m.conflicts.is_empty());
        assert_eq!(
            m.minutes.items[0].decisions[0].taken,
            theirs.items[0].decisions[0].taken
        );
    }

    #[test]
    fn a_statement_edited_on_both_sides_conflicts_and_one_side_edit_is_taken() {
        let st = |by: &str, kind, text: &str| Statement {
            by: by.into(),
            kind,
            text: text.into(),
        };
        let mut base = minutes(vec![item("1", &[])]);
        base.items[0].statements = vec![
            st("agri", StatementKind::Statement, "reserves"),
            st("env", StatementKind::Statement, "supports"),
        ]
        .into();
        let mut ours = base.clone();
        ours.items[0].statements[0].text = "reserves its position".into();
        ours.items[0]
            .statements
            .push_back(st("fin", StatementKind::Statement, "ours new"));
        let mut theirs = base.clone();
        theirs.items[0].statements[1].kind = StatementKind::Interpretative;
        theirs.items[0]
            .statements
            .push_back(st("wua", StatementKind::Statement, "theirs new"));
        let m = merge(&base, &ours, &theirs);
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        assert_eq!(
            vec(&m.minutes.items[0].statements),
            [
                st("agri", StatementKind::Statement, "reserves its position"),
                st("env", StatementKind::Interpretative, "supports"),
                st("fin", StatementKind::Statement, "ours new"),
                st("wua", StatementKind::Statement, "theirs new"),
            ]
        );
        // Both sides edit agri's statement: a conflict, one statement on each side.
        theirs.items[0].statements[0].kind = StatementKind::Interpretative;
        let m = merge(&base, &ours, &theirs);
        let named: Vec<String> = m.conflicts.iter().map(ToString::to_string).collect();
        assert_eq!(
            named,
            ["item '1': both sides changed 'statements' differently"]
        );
        assert_eq!(m.minutes.items[0].statements.len(), 4);
        let text = crate::minutes::merge_file::render(&m).unwrap();
        assert!(
            text.contains(
                r#"theirs = [{ by = "agri", kind = "interpretative", text = "reserves" }"#
            ),
            "{text}"
        );
    }

    #[test]
    fn a_clean_merge_that_breaks_a_rule_of_check_is_a_conflict() {
        let mut base = minutes(vec![item("1", &["1-1"])]);
        base.meeting.date = NaiveDate::from_ymd_opt(2025, 6, 3).unwrap_or_default();
        base.attendance = vec![Attendance::new("agri", Presence::Present)];
        base.items[0].decisions[0].taken = voted(&[], &[], &[]);
        let mut ours = base.clone();
        ours.items[0].decisions[0].taken = voted(&[], &["agri"], &[]);
        let mut theirs = base.clone();
        theirs.attendance[0].status = Presence::Absent;
        // Each side alone is valid.
        for side in [&ours, &theirs] {
            let mut alone = merge(&base, side, &base);
            crate::minutes::merge_file::check_merged(&mut alone).unwrap();
            assert!(alone.conflicts.is_empty(), "{:?}", alone.conflicts);
        }
        let mut m = merge(&base, &ours, &theirs);
        assert!(m.conflicts.is_empty());
        crate::minutes::merge_file::check_merged(&mut m).unwrap();
        let named: Vec<String> = m.conflicts.iter().map(ToString::to_string).collect();
        assert_eq!(named.len(), 1, "{named:?}");
        assert!(
            named[0]
                .starts_with("[meeting]: the merged record fails check: delegation 'agri' votes"),
            "{named:?}"
        );
        let text = crate::minutes::merge_file::render(&m).unwrap();
        assert!(
            text.contains("conflict = \"the merged record fails check: delegation 'agri'"),
            "{text}"
        );
    }
}

//! Minutes -> canonical TOML: the same content always gives the same bytes.
//!
//! Every agenda item is listed in agenda order, records in the order they were made, one
//! record per `[[...]]` block, and nothing that changes on re-save. Two people minuting
//! different items therefore touch different lines, and git merges them.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::Serialize;
use toml::value::{Date, Datetime, Time};

use crate::model::{Attendance, Decision, ItemRecord, Minutes, Statement, Taken, Update};

fn date(d: NaiveDate) -> Datetime {
    Datetime {
        date: Some(Date {
            year: u16::try_from(d.year()).unwrap_or(0),
            month: d.month() as u8,
            day: d.day() as u8,
        }),
        time: None,
        offset: None,
    }
}

fn time(t: NaiveTime) -> Datetime {
    Datetime {
        date: None,
        time: Some(Time {
            hour: t.hour() as u8,
            minute: t.minute() as u8,
            second: Some(t.second() as u8),
            nanosecond: None,
        }),
        offset: None,
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_true(b: &bool) -> bool {
    *b
}

#[derive(Serialize)]
struct FileOut<'a> {
    meeting: MeetingOut<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attendance: Vec<AttendanceOut<'a>>,
    items: Vec<ItemOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    amendments: Vec<AmendmentOut<'a>>,
}

#[derive(Serialize)]
struct AmendmentOut<'a> {
    after_approval_by: &'a str,
    changes: &'a [String],
}

#[derive(Serialize)]
struct MeetingOut<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    body: &'a str,
    date: Datetime,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<Datetime>,
    #[serde(skip_serializing_if = "str::is_empty")]
    venue: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    chair: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    rapporteur: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    classification: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quorum: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quorum_kinds: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    symbol: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    distribution: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    plan: &'a str,
    agenda: &'a str,
    state: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    approved_at: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closed: Option<Datetime>,
}

#[derive(Serialize)]
struct AttendanceOut<'a> {
    represents: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    delegates: Vec<DelegateOut<'a>>,
}

#[derive(Serialize)]
struct DelegateOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'static str>,
}

#[derive(Serialize)]
struct StatementOut<'a> {
    by: &'a str,
    kind: &'static str,
    text: &'a str,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    area: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    taken_up: Option<Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    left: Option<Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
    #[serde(skip_serializing_if = "is_false")]
    confidential: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    decisions: Vec<DecisionOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    updates: Vec<UpdateOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    statements: Vec<StatementOut<'a>>,
}

#[derive(Serialize)]
struct DecisionOut<'a> {
    id: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    owners: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<&'a str>,
    #[serde(skip_serializing_if = "is_false")]
    confidential: bool,
    #[serde(skip_serializing_if = "is_true")]
    quorate: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    taken: Option<&'static str>,
    #[serde(rename = "for", skip_serializing_if = "Option::is_none")]
    yes: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    against: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    abstain: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    silence_until: Option<Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome_at: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    statements: Vec<StatementOut<'a>>,
}

#[derive(Serialize)]
struct UpdateOut<'a> {
    action: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owners: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    due: Option<Datetime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

fn statements(list: &imbl::Vector<Statement>) -> Vec<StatementOut<'_>> {
    list.iter()
        .map(|s| StatementOut {
            by: &s.by,
            kind: s.kind.as_str(),
            text: &s.text,
        })
        .collect()
}

fn attendance(a: &Attendance) -> AttendanceOut<'_> {
    AttendanceOut {
        represents: &a.represents,
        status: a.status.as_str(),
        delegates: a
            .delegates
            .iter()
            .map(|d| DelegateOut {
                name: &d.name,
                role: d.role.map(|r| r.as_str()),
            })
            .collect(),
    }
}

fn decision(d: &Decision) -> DecisionOut<'_> {
    let vote = d.taken.vote();
    let (silence_until, outcome, outcome_at) = match &d.taken {
        Taken::AdReferendum {
            silence_until,
            outcome,
            outcome_at,
        } => (
            silence_until.map(date),
            outcome.map(|o| o.as_str()),
            outcome_at.as_deref(),
        ),
        _ => (None, None, None),
    };
    DecisionOut {
        taken: match d.taken {
            Taken::Consensus => None,
            _ => Some(d.taken.as_str()),
        },
        yes: vote.map(|v| v.yes.as_slice()),
        against: vote.map(|v| v.no.as_slice()),
        abstain: vote.map(|v| v.abstain.as_slice()),
        silence_until,
        outcome,
        outcome_at,
        statements: statements(&d.statements),
        id: &d.id,
        text: &d.text,
        owners: &d.owners,
        due: d.due.map(date),
        status: d.effective_status().map(|s| s.as_str()),
        action: d.action.as_deref(),
        confidential: d.confidential,
        quorate: !d.without_quorum,
    }
}

fn update(u: &Update) -> UpdateOut<'_> {
    UpdateOut {
        action: &u.action,
        status: u.status.map(|s| s.as_str()),
        owners: u.owners.as_deref(),
        due: u.due.map(date),
        note: u.note.as_deref().filter(|n| !n.is_empty()),
    }
}

fn item(i: &ItemRecord) -> ItemOut<'_> {
    ItemOut {
        id: &i.id,
        title: &i.title,
        area: i.area.as_deref(),
        taken_up: i.taken_up.map(time),
        left: i.left.map(time),
        notes: i.notes.as_deref().filter(|n| !n.trim().is_empty()),
        confidential: i.confidential,
        issued: i.issued_to_write(),
        decisions: i.decisions.iter().map(decision).collect(),
        updates: i.updates.iter().map(update).collect(),
        statements: statements(&i.statements),
    }
}

/// The first line of every minutes file rapporteur writes.
pub const HEADER: &str =
    "# Minutes kept by rapporteur. It rewrites this file in canonical form on every change.\n\n";

/// The canonical TOML of a minutes file.
pub fn to_toml(m: &Minutes) -> Result<String, toml::ser::Error> {
    let mt = &m.meeting;
    let file = FileOut {
        meeting: MeetingOut {
            id: &mt.id,
            title: &mt.title,
            body: &mt.body,
            date: date(mt.date),
            start: mt.start.map(time),
            venue: &mt.venue,
            chair: &mt.chair,
            rapporteur: &mt.rapporteur,
            classification: mt.classification.as_deref(),
            quorum: mt.quorum,
            quorum_kinds: mt.quorum_kinds.as_deref(),
            symbol: mt.symbol.as_deref(),
            distribution: mt.distribution.as_deref(),
            language: mt.language.as_deref(),
            plan: &mt.plan,
            agenda: &m.agenda,
            state: m.state.as_str(),
            approved_at: m.approved_at.as_deref(),
            closed: m.closed.map(time),
        },
        attendance: m.attendance.iter().map(attendance).collect(),
        items: m.items.iter().map(item).collect(),
        amendments: m
            .amendments
            .iter()
            .map(|a| AmendmentOut {
                after_approval_by: &a.after_approval_by,
                changes: &a.changes,
            })
            .collect(),
    };
    Ok(crate::machine_text::toml(format!(
        "{HEADER}{}",
        toml::to_string(&file)?
    )))
}

//! `.minutes.toml` -> [`Minutes`]. Owners may be free text (a warning, not an error).

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveTime;

use toml::de::DeTable;

use super::agenda::{push_ref, read_meeting};
use super::reader::Fields;
use super::{Doc, RefKind, Reference, duplicate, read_status};
use crate::load::diag::Problem;
use crate::model::voting::vote_problems;
use crate::model::{
    Amendment, Attendance, Decision, ItemRecord, Minutes, MinutesState, Outcome, Plan, Presence,
    Role, Side, Statement, StatementKind, Taken, Update, Vote,
};

const ROOT: &[&str] = &["meeting", "attendance", "items", "amendments"];
const AMENDMENT: &[&str] = &["after_approval_by", "changes"];
const MEETING: &[&str] = &[
    "id",
    "title",
    "body",
    "date",
    "start",
    "venue",
    "chair",
    "rapporteur",
    "classification",
    "quorum",
    "quorum_kinds",
    "symbol",
    "distribution",
    "language",
    "plan",
    "agenda",
    "state",
    "approved_at",
    "closed",
];
const ATTENDANCE: &[&str] = &["represents", "status", "delegates", "name", "present"];
const DELEGATE: &[&str] = &["name", "role"];
const STATEMENT: &[&str] = &["by", "kind", "text"];
const ITEM: &[&str] = &[
    "id",
    "title",
    "area",
    "taken_up",
    "left",
    "notes",
    "confidential",
    "decisions",
    "updates",
    "issued",
    "statements",
];
const DECISION: &[&str] = &[
    "id",
    "text",
    "owners",
    "due",
    "status",
    "action",
    "confidential",
    "quorate",
    "taken",
    "for",
    "against",
    "abstain",
    "silence_until",
    "outcome",
    "outcome_at",
    "statements",
];
const UPDATE: &[&str] = &["action", "status", "owners", "due", "note"];

/// Where the delegations of one decision's vote are written, side by side.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VoteSpans {
    /// The decision id.
    pub decision: String,
    /// Spans of the `for`, `against` and `abstain` entries, in [`Side::ALL`] order.
    pub spans: [Vec<Range<usize>>; 3],
}

/// Reports the vote entries that the roster does not allow (kinds not entitled, observers
/// by roster kind); what the attendance alone shows was reported by [`parse`].
pub fn check_votes(m: &Minutes, plan: &Plan, votes: &[VoteSpans], problems: &mut Vec<Problem>) {
    for v in votes {
        let Some((_, d)) = m.decision(&v.decision) else {
            continue;
        };
        let Some(vote) = d.taken.vote() else { continue };
        let without = vote_problems(vote, &m.meeting, None, &m.attendance);
        for (side, i, e) in vote_problems(vote, &m.meeting, Some(plan), &m.attendance) {
            if without.iter().any(|(s, j, _)| *s == side && *j == i) {
                continue;
            }
            let n = Side::ALL.iter().position(|s| *s == side).unwrap_or(0);
            let span = v.spans[n].get(i).cloned().unwrap_or(0..0);
            problems.push(Problem::error(span, e.message(&vote.side(side)[i])));
        }
    }
}

/// The statements of an item, or of `decision`; `attendance` tells who was away.
fn read_statements(
    tables: Vec<(&DeTable<'_>, Range<usize>)>,
    name: &'static str,
    (decision, attendance): (Option<&str>, &[Attendance]),
    problems: &mut Vec<Problem>,
    refs: &mut Vec<Reference>,
) -> Vec<Statement> {
    let mut out = Vec::with_capacity(tables.len());
    for (t, span) in tables {
        let mut f = Fields::new(t, span, name, STATEMENT, problems);
        let by = f.req_str("by");
        let kind = match f.opt_str("kind") {
            None => StatementKind::Statement,
            Some(l) => l.value.parse().unwrap_or_else(|()| {
                f.problem(Problem::error(
                    l.span.clone(),
                    format!(
                        "statement kind {} is not valid: use one of {}",
                        crate::text::quoted(&l.value),
                        StatementKind::valid_list()
                    ),
                ));
                StatementKind::Statement
            }),
        };
        let text = f.req_str("text");
        f.finish();
        problems.extend(super::advice::statement(&by, &text, decision, attendance));
        let text = text.value;
        if !by.value.is_empty() {
            push_ref(refs, RefKind::Partner, &Some(by.clone()));
        }
        out.push(Statement {
            by: by.value,
            kind,
            text,
        });
    }
    out
}

fn read_attendance(
    t: &DeTable<'_>,
    span: Range<usize>,
    minutes: &mut Minutes,
    problems: &mut Vec<Problem>,
    doc: &Doc<'_>,
    seen: &mut HashMap<String, usize>,
    refs: &mut Vec<Reference>,
) {
    let mut a = Fields::new(t, span.clone(), "[[attendance]]", ATTENDANCE, problems);
    let represents = a.req_str("represents");
    let status = a.opt_str("status");
    let present_key = a.raw("present").map(|v| v.span());
    let present = a.flag("present");
    let name = a.str_or_empty("name");
    let delegate_tables = a.tables("delegates");
    let mut delegates = Vec::new();
    let mut status_value = if present {
        Presence::Present
    } else {
        Presence::Absent
    };
    if let Some(l) = &status {
        if let Some(p) = present_key {
            a.problem(Problem::error(
                p,
                "'present' is the older form of 'status': keep only status = \"present\"",
            ));
        }
        match l.value.parse::<Presence>() {
            Ok(p) => status_value = p,
            Err(()) => a.problem(Problem::error(
                l.span.clone(),
                format!(
                    "attendance status {} is not valid: use 'present', 'absent' or 'apologies'",
                    crate::text::quoted(&l.value)
                ),
            )),
        }
    }
    a.finish();
    for (dt, dspan) in delegate_tables {
        let mut d = Fields::new(dt, dspan, "a delegate", DELEGATE, problems);
        let dname = d.req_str("name").value;
        let role = d
            .opt_str("role")
            .and_then(|l| match l.value.parse::<Role>() {
                Ok(r) => Some(r),
                Err(()) => {
                    d.problem(Problem::error(
                        l.span.clone(),
                        format!(
                            "role {} is not valid: use one of {}",
                            crate::text::quoted(&l.value),
                            Role::valid_list()
                        ),
                    ));
                    None
                }
            });
        d.finish();
        delegates.push((dname, role));
    }
    // The older form had one line per person: merge lines of the same delegation.
    let older_form = status.is_none();
    if let Some(e) = minutes
        .attendance
        .iter_mut()
        .find(|e| e.represents == represents.value)
        && older_form
    {
        if status_value == Presence::Present {
            e.status = Presence::Present;
        }
        e.add_delegate(&name, None);
        return;
    }
    super::duplicate(doc, seen, &represents, "attendance of delegation", problems);
    push_ref(refs, RefKind::Attendee, &Some(represents.clone()));
    let mut entry = Attendance::new(represents.value, status_value);
    entry.add_delegate(&name, None);
    for (n, r) in delegates {
        entry.add_delegate(&n, r);
    }
    minutes.attendance.push(entry);
}

fn read_taken(
    d: &mut Fields<'_, '_, '_>,
    id: &str,
    votes: &mut Vec<VoteSpans>,
    refs: &mut Vec<Reference>,
) -> Taken {
    let taken = d.opt_str("taken");
    let list_span = Side::ALL
        .iter()
        .find_map(|s| d.raw(s.key()).map(|v| v.span()));
    let lists: Vec<_> = Side::ALL.iter().map(|s| d.opt_strs(s.key())).collect();
    let silence_key = d.raw("silence_until").map(|v| v.span());
    let silence_until = d.opt_date("silence_until");
    let outcome = d.opt_str("outcome");
    let outcome_at_at = d.opt_str("outcome_at");
    if let Some(l) = &outcome_at_at {
        push_ref(refs, RefKind::Meeting, &Some(l.clone()));
        if outcome.is_none() {
            d.problem(Problem::error(
                l.span.clone(),
                "outcome_at names the meeting that recorded the outcome: add outcome = \
                 \"confirmed\" or \"objected\"",
            ));
        }
    }
    if let (Some(o), None) = (&outcome, &outcome_at_at) {
        d.problem(Problem::error(
            o.span.clone(),
            "an outcome is recorded by a later meeting: add outcome_at = \"<meeting id>\" \
             (the meeting that recorded it)",
        ));
    }
    let outcome_at = outcome_at_at.map(|l| l.value);
    let word = taken.as_ref().map_or("consensus", |l| l.value.as_str());
    let span = taken.as_ref().map_or_else(|| d.span(), |l| l.span.clone());
    let vote_lists = lists.iter().any(Option::is_some);
    let result = match word {
        "consensus" => Taken::Consensus,
        "vote" => {
            let mut spans: [Vec<Range<usize>>; 3] = Default::default();
            let mut vote = Vote::default();
            for (n, (side, list)) in Side::ALL.iter().zip(&lists).enumerate() {
                for l in list.iter().flatten() {
                    spans[n].push(l.span.clone());
                    vote.side_mut(*side).push(l.value.clone());
                }
            }
            votes.push(VoteSpans {
                decision: id.to_string(),
                spans,
            });
            Taken::Vote(vote)
        }
        "ad-referendum" => {
            if silence_key.is_none() {
                d.problem(Problem::error(
                    span.clone(),
                    "a decision taken ad referendum needs the end of its silence period: \
                     add silence_until = 2016-12-15",
                ));
            }
            let outcome = outcome
                .as_ref()
                .and_then(|l| match l.value.parse::<Outcome>() {
                    Ok(o) => Some(o),
                    Err(()) => {
                        d.problem(Problem::error(
                            l.span.clone(),
                            format!(
                                "outcome {} is not valid: use 'confirmed' or 'objected'",
                                crate::text::quoted(&l.value)
                            ),
                        ));
                        None
                    }
                });
            Taken::AdReferendum {
                silence_until,
                outcome,
                outcome_at: outcome_at.clone(),
            }
        }
        other => {
            d.problem(Problem::error(
                span.clone(),
                format!(
                    "taken {} is not valid: use 'consensus', 'vote' or 'ad-referendum'",
                    crate::text::quoted(other)
                ),
            ));
            Taken::Consensus
        }
    };
    if vote_lists && word != "vote" {
        d.problem(Problem::error(
            list_span.unwrap_or_else(|| span.clone()),
            "for, against and abstain belong to a vote: add taken = \"vote\"",
        ));
    }
    if word != "ad-referendum"
        && let Some(s) = silence_key.or(outcome.map(|l| l.span))
    {
        d.problem(Problem::error(
            s,
            "silence_until and outcome belong to a decision taken ad referendum: \
             add taken = \"ad-referendum\"",
        ));
    }
    result
}

/// An item is left after it was taken up, and never left without being taken up.
fn check_left(
    taken_up: Option<NaiveTime>,
    left: Option<NaiveTime>,
    span: Option<Range<usize>>,
    problems: &mut Vec<Problem>,
) {
    let (Some(left), Some(span)) = (left, span) else {
        return;
    };
    match taken_up {
        None => problems.push(Problem::error(
            span,
            "left needs the time the item was taken up: add taken_up = 14:05:00 (before left)",
        )),
        Some(up) if left < up => problems.push(Problem::error(
            span,
            format!(
                "left {} is before taken_up {}: use a time at or after {}",
                left.format("%H:%M:%S"),
                up.format("%H:%M:%S"),
                up.format("%H:%M:%S")
            ),
        )),
        Some(_) => {}
    }
}

/// The meeting closes at or after it opened: its first take-up, or its start.
fn check_closed(m: &Minutes, span: Option<Range<usize>>, problems: &mut Vec<Problem>) {
    let (Some(closed), Some(span)) = (m.closed, span) else {
        return;
    };
    let opened = m
        .items
        .iter()
        .filter_map(|i| i.taken_up)
        .chain(m.meeting.start)
        .min();
    if let Some(opened) = opened
        && closed < opened
    {
        problems.push(Problem::error(
            span,
            format!(
                "closed {} is before the meeting opened ({}): use a time at or after {}",
                closed.format("%H:%M:%S"),
                opened.format("%H:%M:%S"),
                opened.format("%H:%M:%S")
            ),
        ));
    }
}

/// Reads minutes; references (areas, owners, actions) are returned for the caller, and
/// where each vote's delegations are written, for the checks that need the roster.
pub fn parse(
    doc: &Doc<'_>,
    root: &DeTable<'_>,
    problems: &mut Vec<Problem>,
    refs: &mut Vec<Reference>,
    votes: &mut Vec<VoteSpans>,
) -> (Minutes, Range<usize>) {
    let mut f = Fields::new(root, 0..0, "the minutes file", ROOT, problems);
    let header = f.req_table("meeting");
    let attendance_tables = f.tables("attendance");
    let item_tables = f.tables("items");
    let amendment_tables = f.tables("amendments");
    f.finish();

    let mut minutes = Minutes::default();
    let mut plan_span = 0..0;
    let mut closed_span = None;
    if let Some((t, span)) = header {
        let mut h = Fields::new(t, span, "[meeting]", MEETING, problems);
        let (meeting, ps) = read_meeting(&mut h, refs);
        plan_span = ps;
        minutes.meeting = meeting;
        minutes.agenda = h.req_str("agenda").value;
        if let Some(state) = h.opt_str("state") {
            minutes.state = match state.value.as_str() {
                "draft" => MinutesState::Draft,
                "approved" => MinutesState::Approved,
                other => {
                    h.problem(Problem::error(
                        state.span,
                        format!(
                            "state {} is not valid: use 'draft' or 'approved'",
                            crate::text::quoted(other)
                        ),
                    ));
                    MinutesState::Draft
                }
            };
        }
        minutes.approved_at = h.opt_str("approved_at").map(|l| l.value);
        closed_span = h.raw("closed").map(|v| v.span());
        minutes.closed = h.opt_time("closed");
        h.finish();
    }

    let mut delegations = HashMap::new();
    for (t, span) in attendance_tables {
        read_attendance(t, span, &mut minutes, problems, doc, &mut delegations, refs);
    }

    let mut item_ids = HashMap::new();
    let mut decision_ids = HashMap::new();
    for (t, span) in item_tables {
        let mut i = Fields::new(t, span, "[[items]]", ITEM, problems);
        let id = i.req_str("id");
        let title = i.str_or_empty("title");
        let area = i.opt_str("area");
        let taken_up = i.opt_time("taken_up");
        let left_span = i.raw("left").map(|v| v.span());
        let left = i.opt_time("left");
        let notes = i.opt_str("notes").map(|l| l.value);
        let confidential = i.flag("confidential");
        let issued = i.opt_u32("issued").map(|l| l.value);
        let decision_tables = i.tables("decisions");
        let update_tables = i.tables("updates");
        let statement_tables = i.tables("statements");
        i.finish();
        check_left(taken_up, left, left_span, problems);
        let statements = read_statements(
            statement_tables,
            "[[items.statements]]",
            (None, &minutes.attendance),
            problems,
            refs,
        );
        duplicate(doc, &mut item_ids, &id, "item id", problems);
        push_ref(refs, RefKind::Area, &area);
        let mut record = ItemRecord {
            id: id.value,
            title,
            area: area.map(|l| l.value),
            taken_up,
            left,
            notes,
            confidential,
            decisions: Default::default(),
            updates: Vec::new(),
            issued,
            statements: statements.into(),
        };
        for (t, span) in decision_tables {
            let mut d = Fields::new(t, span, "[[items.decisions]]", DECISION, problems);
            let did = d.req_str("id");
            let text = d.req_str("text").value;
            let owners = d.strs("owners");
            let due = d.opt_date("due");
            let status = read_status(&mut d, "status");
            let action = d.opt_str("action");
            let confidential = d.flag("confidential");
            // `quorate = false` only is ever written; `true` is the default, read too.
            let without_quorum = d.raw("quorate").is_some() && !d.flag("quorate");
            let silence_span = d.raw("silence_until").map(|v| v.span());
            let taken = read_taken(&mut d, &did.value, votes, refs);
            if let (
                Taken::AdReferendum {
                    silence_until: Some(until),
                    ..
                },
                Some(at),
            ) = (&taken, silence_span)
                && *until < minutes.meeting.date
            {
                d.problem(Problem::error(
                    at,
                    format!(
                        "silence_until {until} is before the meeting ({}): the silence runs \
                         from the meeting on, use a date on or after it",
                        minutes.meeting.date
                    ),
                ));
            }
            let statement_tables = d.tables("statements");
            d.finish();
            let statements = read_statements(
                statement_tables,
                "[[items.decisions.statements]]",
                (Some(&did.value), &minutes.attendance),
                problems,
                refs,
            );
            duplicate(doc, &mut decision_ids, &did, "decision id", problems);
            push_ref(refs, RefKind::Action, &action);
            for o in &owners {
                push_ref(refs, RefKind::Owner, &Some(o.clone()));
            }
            record.decisions.push_back(Decision {
                id: did.value,
                text,
                owners: owners.into_iter().map(|l| l.value).collect(),
                due,
                status,
                action: action.map(|l| l.value),
                confidential,
                without_quorum,
                taken,
                statements: statements.into(),
            });
        }
        for (t, span) in update_tables {
            let mut u = Fields::new(t, span, "[[items.updates]]", UPDATE, problems);
            let action = u.req_str("action");
            let status = read_status(&mut u, "status");
            let owners = u.opt_strs("owners");
            let due = u.opt_date("due");
            let note = u.opt_str("note").map(|l| l.value);
            u.finish();
            if !action.value.is_empty() {
                push_ref(refs, RefKind::Action, &Some(action.clone()));
            }
            for o in owners.iter().flatten() {
                push_ref(refs, RefKind::Owner, &Some(o.clone()));
            }
            record.updates.push(Update {
                action: action.value,
                status,
                owners: owners.map(|v| v.into_iter().map(|l| l.value).collect()),
                due,
                note,
            });
        }
        minutes.items.push(record);
    }
    for (t, span) in amendment_tables {
        let mut a = Fields::new(t, span, "[[amendments]]", AMENDMENT, problems);
        let after_approval_by = a.req_str("after_approval_by").value;
        let changes = a.strs("changes").into_iter().map(|l| l.value).collect();
        a.finish();
        minutes.amendments.push(Amendment {
            after_approval_by,
            changes,
        });
    }
    check_closed(&minutes, closed_span, problems);
    // What the attendance alone shows about each vote (the roster's part is checked later).
    for v in votes.iter() {
        let Some((_, d)) = minutes.decision(&v.decision) else {
            continue;
        };
        let Some(vote) = d.taken.vote() else { continue };
        for (side, i, e) in vote_problems(vote, &minutes.meeting, None, &minutes.attendance) {
            let n = Side::ALL.iter().position(|s| *s == side).unwrap_or(0);
            let span = v.spans[n].get(i).cloned().unwrap_or(0..0);
            problems.push(Problem::error(span, e.message(&vote.side(side)[i])));
        }
    }
    (minutes, plan_span)
}

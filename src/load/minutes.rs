//! `.minutes.toml` -> [`Minutes`]. Owners may be free text (a warning, not an error).

use std::collections::HashMap;
use std::ops::Range;

use toml::de::DeTable;

use super::agenda::{push_ref, read_meeting};
use super::reader::Fields;
use super::{Doc, RefKind, Reference, duplicate, read_status};
use crate::load::diag::Problem;
use crate::model::{Amendment, Attendance, Decision, ItemRecord, Minutes, MinutesState, Update};

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
    "plan",
    "agenda",
    "state",
    "approved_at",
];
const ATTENDANCE: &[&str] = &["represents", "name", "present"];
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
];
const DECISION: &[&str] = &[
    "id",
    "text",
    "owners",
    "due",
    "status",
    "action",
    "confidential",
];
const UPDATE: &[&str] = &["action", "status", "owners", "due", "note"];

/// Reads minutes; references (areas, owners, actions) are returned for the caller.
pub fn parse(
    doc: &Doc<'_>,
    root: &DeTable<'_>,
    problems: &mut Vec<Problem>,
    refs: &mut Vec<Reference>,
) -> (Minutes, Range<usize>) {
    let mut f = Fields::new(root, 0..0, "the minutes file", ROOT, problems);
    let header = f.req_table("meeting");
    let attendance_tables = f.tables("attendance");
    let item_tables = f.tables("items");
    let amendment_tables = f.tables("amendments");
    f.finish();

    let mut minutes = Minutes::default();
    let mut plan_span = 0..0;
    if let Some((t, span)) = header {
        let mut h = Fields::new(t, span, "[meeting]", MEETING, problems);
        let (meeting, ps) = read_meeting(&mut h);
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
        h.finish();
    }

    for (t, span) in attendance_tables {
        let mut a = Fields::new(t, span, "[[attendance]]", ATTENDANCE, problems);
        let represents = a.req_str("represents").value;
        let name = a.str_or_empty("name");
        let present = a.flag("present");
        a.finish();
        minutes.attendance.push(Attendance {
            represents,
            name,
            present,
        });
    }

    let mut item_ids = HashMap::new();
    let mut decision_ids = HashMap::new();
    for (t, span) in item_tables {
        let mut i = Fields::new(t, span, "[[items]]", ITEM, problems);
        let id = i.req_str("id");
        let title = i.str_or_empty("title");
        let area = i.opt_str("area");
        let taken_up = i.opt_time("taken_up");
        let left = i.opt_time("left");
        let notes = i.opt_str("notes").map(|l| l.value);
        let confidential = i.flag("confidential");
        let issued = i.opt_u32("issued").map(|l| l.value);
        let decision_tables = i.tables("decisions");
        let update_tables = i.tables("updates");
        i.finish();
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
            decisions: Vec::new(),
            updates: Vec::new(),
            issued,
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
            d.finish();
            duplicate(doc, &mut decision_ids, &did, "decision id", problems);
            push_ref(refs, RefKind::Action, &action);
            for o in &owners {
                push_ref(refs, RefKind::Owner, &Some(o.clone()));
            }
            record.decisions.push(Decision {
                id: did.value,
                text,
                owners: owners.into_iter().map(|l| l.value).collect(),
                due,
                status,
                action: action.map(|l| l.value),
                confidential,
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
    (minutes, plan_span)
}

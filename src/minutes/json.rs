//! Minutes -> JSON, with the same fields as the TOML record.

use serde_json::{Value, json};

use crate::model::{Decision, Meeting, Minutes, Statement, Taken, Update};

use super::Audience;

fn statement(s: &Statement) -> Value {
    json!({ "by": s.by, "kind": s.kind.as_str(), "text": s.text })
}

fn taken(t: &Taken) -> Value {
    match t {
        Taken::Consensus => json!({ "how": "consensus" }),
        Taken::Vote(v) => {
            let (yes, no, abstain) = v.tally();
            json!({
                "how": "vote",
                "for": v.yes,
                "against": v.no,
                "abstain": v.abstain,
                "tally": { "for": yes, "against": no, "abstain": abstain },
                "adopted": v.adopted(),
            })
        }
        Taken::AdReferendum {
            silence_until,
            outcome,
            outcome_at,
        } => json!({
            "how": "ad-referendum",
            "silence_until": silence_until.map(|d| d.to_string()),
            "outcome": outcome.map(|o| o.as_str()),
            "outcome_at": outcome_at,
        }),
    }
}

fn decision(d: &Decision) -> Value {
    json!({
        "taken": taken(&d.taken),
        "statements": d.statements.iter().map(statement).collect::<Vec<_>>(),
        "id": d.id,
        "text": d.text,
        "owners": d.owners,
        "due": d.due.map(|x| x.to_string()),
        "status": d.effective_status().map(|s| s.as_str()),
        "action": d.action,
        "confidential": d.confidential,
        "quorate": !d.without_quorum,
        "is_action": d.is_action(),
    })
}

fn update(u: &Update) -> Value {
    json!({
        "action": u.action,
        "status": u.status.map(|s| s.as_str()),
        "owners": u.owners,
        "due": u.due.map(|x| x.to_string()),
        "note": u.note,
    })
}

/// The minutes as a JSON value.
pub fn to_json(m: &Minutes) -> Value {
    let mt = &m.meeting;
    json!({
        "meeting": {
            "id": mt.id,
            "title": mt.title,
            "body": mt.body,
            "date": mt.date.to_string(),
            "start": mt.start.map(|t| t.format("%H:%M:%S").to_string()),
            "venue": mt.venue,
            "chair": mt.chair,
            "rapporteur": mt.rapporteur,
            "classification": mt.classification,
            "quorum": mt.quorum,
            "quorum_kinds": mt.quorum_kinds,
            "symbol": mt.symbol,
            "distribution": mt.distribution,
            "language": mt.language,
            "plan": mt.plan,
            "agenda": m.agenda,
            "state": m.state.as_str(),
            "approved_at": m.approved_at,
            "closed": m.closed.map(|t| t.format("%H:%M:%S").to_string()),
        },
        "attendance": m.attendance.iter().map(|a| json!({
            "represents": a.represents,
            "status": a.status.as_str(),
            "delegates": a.delegates.iter().map(|d| json!({
                "name": d.name,
                "role": d.role.map(|r| r.as_str()),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "items": m.items.iter().map(|i| json!({
            "id": i.id,
            "title": i.title,
            "area": i.area,
            "taken_up": i.taken_up.map(|t| t.format("%H:%M:%S").to_string()),
            "left": i.left.map(|t| t.format("%H:%M:%S").to_string()),
            "notes": i.notes,
            "confidential": i.confidential,
            "issued": i.issued_to_write(),
            "decisions": i.decisions.iter().map(decision).collect::<Vec<_>>(),
            "updates": i.updates.iter().map(update).collect::<Vec<_>>(),
            "statements": i.statements.iter().map(statement).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "amendments": m.amendments.iter().map(|a| json!({
            "after_approval_by": a.after_approval_by,
            "changes": a.changes,
        })).collect::<Vec<_>>(),
    })
}

/// Pretty JSON text with a final newline.
pub fn to_json_string(m: &Minutes) -> String {
    let mut s = serde_json::to_string_pretty(&to_json(m)).unwrap_or_default();
    s.push('\n');
    crate::machine_text::json(s)
}

/// Pretty JSON for an audience. A public rendering (of `selected`, already cleaned of
/// confidential records) carries no classification but `distribution = "public"`, the
/// meeting it is a public version of, and the distribution line.
pub fn to_json_string_for(
    selected: &Minutes,
    audience: Audience,
    meeting: &Meeting,
    left_out: usize,
) -> String {
    let mut v = to_json(selected);
    if audience == Audience::Public
        && let Some(mt) = v.get_mut("meeting").and_then(Value::as_object_mut)
    {
        mt.insert("classification".into(), Value::Null);
        mt.insert("distribution".into(), json!("public"));
        mt.insert("public_version_of".into(), json!(meeting.id));
        mt.insert("left_out".into(), json!(left_out));
        mt.insert(
            "distribution_line".into(),
            json!(super::public_line(meeting, left_out)),
        );
    }
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    crate::machine_text::json(s)
}

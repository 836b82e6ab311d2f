//! What changed between two minutes files, in words: decisions, updates, attendance,
//! state; not lines.

use crate::model::{Decision, Minutes, Update};
use crate::text::{inert_line, quoted};

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "none".to_string()
    } else {
        v.iter()
            .map(|s| inert_line(s).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "none".to_string(), |x| x.to_string())
}

fn decision_changes(a: &Decision, b: &Decision) -> Vec<String> {
    let mut out = Vec::new();
    if a.text != b.text {
        out.push(format!("text {} -> {}", quoted(&a.text), quoted(&b.text)));
    }
    if a.owners != b.owners {
        out.push(format!("owners {} -> {}", list(&a.owners), list(&b.owners)));
    }
    if a.due != b.due {
        out.push(format!("due {} -> {}", opt(a.due), opt(b.due)));
    }
    if a.effective_status() != b.effective_status() {
        out.push(format!(
            "status {} -> {}",
            opt(a.effective_status()),
            opt(b.effective_status())
        ));
    }
    if a.action != b.action {
        out.push(format!(
            "action {} -> {}",
            opt(a.action.as_deref().map(inert_line)),
            opt(b.action.as_deref().map(inert_line))
        ));
    }
    if a.confidential != b.confidential {
        out.push(format!(
            "confidential {} -> {}",
            a.confidential, b.confidential
        ));
    }
    if a.taken != b.taken {
        out.push(format!("taken {} -> {}", taken(&a.taken), taken(&b.taken)));
    }
    statement_changes(&a.statements, &b.statements, &mut out);
    out
}

/// How a decision was taken, in a few words (`vote 3-1-0`).
fn taken(t: &crate::model::Taken) -> String {
    match t {
        crate::model::Taken::Vote(v) => {
            let (y, n, a) = v.tally();
            format!("vote {y}-{n}-{a}")
        }
        crate::model::Taken::AdReferendum {
            silence_until,
            outcome,
            ..
        } => format!(
            "ad-referendum (silence until {}{})",
            opt(*silence_until),
            outcome
                .map(|o| format!(", {}", o.as_str()))
                .unwrap_or_default()
        ),
        other => other.as_str().to_string(),
    }
}

fn statement_changes(
    old: &[crate::model::Statement],
    new: &[crate::model::Statement],
    out: &mut Vec<String>,
) {
    for s in new.iter().filter(|s| !old.contains(s)) {
        out.push(format!(
            "{} by {} added: {}",
            s.kind.as_str(),
            inert_line(&s.by),
            quoted(&s.text)
        ));
    }
    for s in old.iter().filter(|s| !new.contains(s)) {
        out.push(format!(
            "{} by {} removed: {}",
            s.kind.as_str(),
            inert_line(&s.by),
            quoted(&s.text)
        ));
    }
}

fn describe_update(u: &Update) -> String {
    let mut parts = Vec::new();
    if let Some(s) = u.status {
        parts.push(format!("status {s}"));
    }
    if let Some(o) = &u.owners {
        parts.push(format!("owners {}", list(o)));
    }
    if let Some(d) = u.due {
        parts.push(format!("due {d}"));
    }
    if let Some(n) = &u.note {
        parts.push(format!("note {}", quoted(n)));
    }
    if parts.is_empty() {
        "no change".to_string()
    } else {
        parts.join(", ")
    }
}

/// Every difference between `old` and `new`, one sentence each; empty when equal.
pub fn diff(old: &Minutes, new: &Minutes) -> Vec<String> {
    let mut out = Vec::new();
    if old.meeting != new.meeting {
        out.push("meeting header changed".to_string());
    }
    if old.state != new.state || old.approved_at != new.approved_at {
        out.push(format!(
            "state {}{} -> {}{}",
            old.state.as_str(),
            old.approved_at
                .as_deref()
                .map(|a| format!(" at {}", inert_line(a)))
                .unwrap_or_default(),
            new.state.as_str(),
            new.approved_at
                .as_deref()
                .map(|a| format!(" at {}", inert_line(a)))
                .unwrap_or_default(),
        ));
    }
    for a in &new.attendance {
        let who = inert_line(&a.represents);
        match old.delegation(&a.represents) {
            None => out.push(format!("attendance: {who} added ({})", a.status)),
            Some(o) => {
                if o.status != a.status {
                    out.push(format!("attendance: {who} {} -> {}", o.status, a.status));
                }
                for d in &a.delegates {
                    if !o.delegates.contains(d) {
                        out.push(format!(
                            "attendance: {who} delegate {} added",
                            delegate_label(d)
                        ));
                    }
                }
                for d in &o.delegates {
                    if !a.delegates.contains(d) {
                        out.push(format!(
                            "attendance: {who} delegate {} removed",
                            delegate_label(d)
                        ));
                    }
                }
            }
        }
    }
    for o in &old.attendance {
        if new.delegation(&o.represents).is_none() {
            out.push(format!("attendance: {} removed", inert_line(&o.represents)));
        }
    }
    for item in &new.items {
        let id = inert_line(&item.id);
        let before = old.item(&item.id);
        if before.is_none() {
            out.push(format!("item {id} added: {}", quoted(&item.title)));
        }
        let before_items = before.map(|b| b.decisions.as_slice()).unwrap_or(&[]);
        if let Some(b) = before {
            if b.notes != item.notes {
                out.push(format!("item {id}: record of discussion changed"));
            }
            let mut said = Vec::new();
            statement_changes(&b.statements, &item.statements, &mut said);
            for s in said {
                out.push(format!("item {id}: {s}"));
            }
            if b.taken_up != item.taken_up {
                out.push(format!(
                    "item {id}: taken up {} -> {}",
                    opt(b.taken_up.map(|t| t.format("%H:%M"))),
                    opt(item.taken_up.map(|t| t.format("%H:%M")))
                ));
            }
        }
        for d in &item.decisions {
            match before_items.iter().find(|x| x.id == d.id) {
                None => out.push(format!(
                    "decision {} added under {id}: {}",
                    inert_line(&d.id),
                    quoted(&d.text)
                )),
                Some(x) => {
                    let changes = decision_changes(x, d);
                    if !changes.is_empty() {
                        out.push(format!(
                            "decision {} changed: {}",
                            inert_line(&d.id),
                            changes.join("; ")
                        ));
                    }
                }
            }
        }
        for x in before_items {
            if !item.decisions.iter().any(|d| d.id == x.id) {
                out.push(format!(
                    "decision {} removed: {}",
                    inert_line(&x.id),
                    quoted(&x.text)
                ));
            }
        }
        let old_updates = before.map(|b| b.updates.as_slice()).unwrap_or(&[]);
        for u in &item.updates {
            if !old_updates.contains(u) {
                out.push(format!(
                    "update to {} added under {id}: {}",
                    inert_line(&u.action),
                    describe_update(u)
                ));
            }
        }
        for u in old_updates {
            if !item.updates.contains(u) {
                out.push(format!(
                    "update to {} removed from {id}: {}",
                    inert_line(&u.action),
                    describe_update(u)
                ));
            }
        }
    }
    for item in &old.items {
        if new.item(&item.id).is_none() {
            out.push(format!("item {} removed", inert_line(&item.id)));
        }
    }
    for a in new.amendments.iter().skip(old.amendments.len()) {
        out.push(format!(
            "amendment after approval by {}: {}",
            inert_line(&a.after_approval_by),
            inert_line(&a.changes.join("; "))
        ));
    }
    if new.amendments.len() < old.amendments.len() {
        out.push(format!(
            "{} amendment(s) removed",
            old.amendments.len() - new.amendments.len()
        ));
    }
    out
}

fn delegate_label(d: &crate::model::Delegate) -> String {
    match d.role {
        Some(r) => format!("{} ({r})", inert_line(&d.name)),
        None => inert_line(&d.name).into_owned(),
    }
}

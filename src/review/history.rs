//! Every meeting that touched one action, oldest first.

use std::fmt::Write;

use crate::model::dates::DateStyle;
use crate::model::ledger::EventKind;
use crate::model::{Ledger, Plan};
use crate::text::inert_line;

/// The history of `id` as text, dates in `dates` style, or why there is none.
pub fn history(ledger: &Ledger, plan: &Plan, id: &str, dates: DateStyle) -> Result<String, String> {
    let Some(a) = ledger.get(id) else {
        let known: Vec<&str> = ledger.actions().iter().map(|a| a.id.as_str()).collect();
        return Err(format!(
            "unknown action {}{}",
            crate::text::quoted(id),
            crate::load::diag::hint(id, known.iter().copied())
        ));
    };
    let owners = |o: &[String]| -> String {
        if o.is_empty() {
            "no owner".to_string()
        } else {
            o.iter()
                .map(|x| plan.owner_label(x))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let due = |d: Option<chrono::NaiveDate>| {
        d.map_or_else(|| "no due date".to_string(), |d| dates.format(d))
    };
    let mut out = String::new();
    let area = a
        .area
        .as_deref()
        .and_then(|x| plan.area(x))
        .map(|x| format!(" (area {}. {})", x.number, x.title))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{} · {}{}",
        inert_line(&a.id),
        inert_line(&a.title),
        inert_line(&area)
    );
    if let Some((_, x)) = plan.action(id) {
        let _ = writeln!(
            out,
            "  plan baseline: {} · {} · {}",
            inert_line(&owners(&x.owners)),
            due(x.due),
            x.status
        );
    }
    for e in &a.history {
        let what = match &e.kind {
            EventKind::Decided(t) => format!("decided: {t}"),
            EventKind::Updated(Some(n)) => format!("updated: {n}"),
            EventKind::Updated(None) => "updated".to_string(),
            EventKind::Concerned(t) => format!("decision on it: {t}"),
        };
        let _ = writeln!(
            out,
            "  {} {} item {}: {}\n      -> {} · {} · {}",
            dates.format(e.date),
            inert_line(&e.meeting),
            inert_line(&e.item),
            inert_line(&what),
            inert_line(&owners(&e.owners)),
            due(e.due),
            e.status
        );
    }
    if a.history.is_empty() {
        let _ = writeln!(out, "  no meeting has touched it yet");
    }
    let _ = writeln!(
        out,
        "  now: {} · {} · {}",
        inert_line(&owners(&a.owners)),
        due(a.due),
        a.status
    );
    Ok(out)
}

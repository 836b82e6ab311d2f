//! Drafting the next meeting's agenda from the last minutes: standard items, matters
//! arising from every outstanding action (one by one when few, grouped by priority area
//! when many), one item per priority area.

use std::fmt::Write;

use chrono::NaiveDate;

use std::collections::HashSet;

use crate::model::ledger::{ActionKey, decision_key};
use crate::model::{ActionState, Ledger, Minutes, Plan};

fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The id of the next meeting: the last number in the id incremented (`consle-17` ->
/// `consle-18`), else `-2` appended; bumped until it is not in `taken`.
pub fn next_id(id: &str, taken: &[String]) -> String {
    let digits = id.chars().rev().take_while(char::is_ascii_digit).count();
    let (stem, n) = if digits > 0 {
        let (s, d) = id.split_at(id.len() - digits);
        (s.to_string(), d.parse::<u64>().unwrap_or(1) + 1)
    } else {
        (format!("{id}-"), 2)
    };
    let mut n = n;
    loop {
        let candidate = format!("{stem}{n}");
        if !taken.contains(&candidate) {
            return candidate;
        }
        n += 1;
    }
}

/// What the drafted agenda needs besides the minutes.
pub struct NextMeeting<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The ledger as of the last minutes.
    pub ledger: &'a Ledger,
    /// The date of the next meeting.
    pub date: NaiveDate,
    /// Meeting ids already used in the folder.
    pub taken: Vec<String>,
    /// The plan path as the new agenda should name it.
    pub plan_path: String,
    /// The rapporteur's name, if configured.
    pub rapporteur: Option<String>,
    /// Actions agreed in confidence (see [`confidential_actions`]).
    pub confidential: HashSet<ActionKey>,
}

/// The actions agreed in confidence: decisions marked confidential, or recorded under a
/// confidential item. Their text never goes into an item that is not confidential.
pub fn confidential_actions<'a>(
    minutes: impl IntoIterator<Item = &'a Minutes>,
) -> HashSet<ActionKey> {
    minutes
        .into_iter()
        .flat_map(|m| {
            m.decisions()
                .filter(|(item, d)| item.confidential || d.confidential)
                .map(move |(_, d)| decision_key(&m.meeting.id, &d.id))
        })
        .collect()
}

/// Up to this many outstanding actions, each has a matters-arising item of its own.
pub const ONE_ITEM_EACH_UP_TO: usize = 8;
/// With more, this many of the most overdue still have one of their own.
pub const OVERDUE_ITEMS: usize = 8;
/// Minutes for matters arising in all (item 4 and its sub-items) when grouped.
pub const ARISING_MINUTES: u32 = 30;

/// One matters-arising sub-item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArisingItem {
    /// Title: `Matters arising: <id> <title>` for one action (the screen shows that
    /// action under it), or a group naming every action by id.
    pub title: String,
    /// Timebox.
    pub minutes: u32,
    /// Holds an action agreed in confidence (by its words).
    pub confidential: bool,
}

/// Matters arising as drafted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arising {
    /// Minutes of item 4 itself.
    pub opening: u32,
    /// Its sub-items in order.
    pub items: Vec<ArisingItem>,
}

/// Matters arising for the outstanding actions. Few: one sub-item each, as the meeting
/// takes them one by one. Many: the most overdue (due before the next meeting) have one
/// each, overdue first, and the rest are grouped by priority area, every one named by
/// id in its group's title, so nothing drops out of the chair's view, in a total timebox
/// of [`ARISING_MINUTES`].
pub fn matters_arising(outstanding: &[&ActionState], next: &NextMeeting<'_>) -> Arising {
    // An action agreed in confidence keeps its words, for the committee, under an item
    // that is itself confidential: it and whatever is recorded under it at the next
    // meeting stay out of public renderings.
    let one = |a: &ActionState, minutes: u32| ArisingItem {
        title: format!("Matters arising: {} {}", a.id, a.title),
        minutes,
        confidential: next.confidential.contains(&a.id),
    };
    if outstanding.len() <= ONE_ITEM_EACH_UP_TO {
        return Arising {
            opening: 10,
            items: outstanding.iter().map(|a| one(a, 3)).collect(),
        };
    }
    let overdue_by = |a: &ActionState| a.due.filter(|d| *d < next.date);
    let mut overdue: Vec<&ActionState> = outstanding
        .iter()
        .copied()
        .filter(|a| overdue_by(a).is_some())
        .collect();
    overdue.sort_by(|a, b| crate::model::ledger::due_order((a.due, &a.id), (b.due, &b.id)));
    let own: Vec<&ActionState> = overdue.iter().copied().take(OVERDUE_ITEMS).collect();
    let mut items: Vec<ArisingItem> = own.iter().map(|a| one(a, 2)).collect();
    // The rest by priority area in walk order, then those of no area.
    let rest: Vec<&ActionState> = outstanding
        .iter()
        .copied()
        .filter(|a| !own.iter().any(|o| o.id == a.id))
        .collect();
    let mut groups: Vec<(String, Vec<&ActionState>)> = Vec::new();
    for area in &next.plan.areas {
        let of: Vec<&ActionState> = rest
            .iter()
            .copied()
            .filter(|a| a.area.as_deref() == Some(area.id.as_str()))
            .collect();
        if !of.is_empty() {
            groups.push((
                format!("priority area {} ({})", area.number, area.title),
                of,
            ));
        }
    }
    let other: Vec<&ActionState> = rest
        .iter()
        .copied()
        .filter(|a| {
            a.area
                .as_deref()
                .is_none_or(|x| next.plan.areas.iter().all(|p| p.id != x))
        })
        .collect();
    if !other.is_empty() {
        groups.push(("other actions".to_string(), other));
    }
    let budget = ARISING_MINUTES.saturating_sub(5 + 2 * items.len() as u32);
    let per_group = (budget / (groups.len().max(1) as u32)).clamp(1, 5);
    for (name, mut of) in groups {
        of.sort_by(|a, b| crate::model::ledger::due_order((a.due, &a.id), (b.due, &b.id)));
        let ids = |late: bool| -> Vec<String> {
            of.iter()
                .filter(|a| overdue_by(a).is_some() == late)
                .map(|a| a.id.to_string())
                .collect()
        };
        let (late, due) = (ids(true), ids(false));
        let mut parts = Vec::new();
        if !late.is_empty() {
            parts.push(format!("overdue {}", late.join(", ")));
        }
        if !due.is_empty() {
            parts.push(format!("outstanding {}", due.join(", ")));
        }
        items.push(ArisingItem {
            title: format!(
                "Matters arising, {name}: {} actions: {}",
                of.len(),
                parts.join("; ")
            ),
            minutes: per_group,
            confidential: false,
        });
    }
    Arising { opening: 5, items }
}

/// The agenda as TOML text.
pub fn draft(last: &Minutes, next: &NextMeeting<'_>) -> String {
    let m = &last.meeting;
    let id = next_id(&m.id, &next.taken);
    let number = id
        .rsplit(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap_or("");
    let title = if m.body.is_empty() {
        format!("Meeting {id}")
    } else {
        format!("Meeting {number} of {}", m.body).replace("Meeting  of", "Meeting of")
    };
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Agenda drafted by rapporteur from the minutes of {}.\n",
        m.id
    );
    let _ = writeln!(s, "[meeting]");
    let _ = writeln!(s, "id = {}", quote(&id));
    let _ = writeln!(s, "title = {}", quote(&title));
    if !m.body.is_empty() {
        let _ = writeln!(s, "body = {}", quote(&m.body));
    }
    let _ = writeln!(s, "date = {}", next.date);
    if let Some(t) = m.start {
        let _ = writeln!(s, "start = {}", t.format("%H:%M:%S"));
    }
    if !m.venue.is_empty() {
        let _ = writeln!(s, "venue = {}", quote(&m.venue));
    }
    if !m.chair.is_empty() {
        let _ = writeln!(s, "chair = {}", quote(&m.chair));
    }
    let rapporteur = next
        .rapporteur
        .clone()
        .unwrap_or_else(|| m.rapporteur.clone());
    if !rapporteur.is_empty() {
        let _ = writeln!(s, "rapporteur = {}", quote(&rapporteur));
    }
    if let Some(c) = &m.classification {
        let _ = writeln!(s, "classification = {}", quote(c));
    }
    if let Some(q) = m.quorum {
        let _ = writeln!(s, "quorum = {q}");
    }
    if let Some(kinds) = &m.quorum_kinds {
        let list: Vec<String> = kinds.iter().map(|k| quote(k)).collect();
        let _ = writeln!(s, "quorum_kinds = [{}]", list.join(", "));
    }
    if let Some(d) = &m.distribution {
        let _ = writeln!(s, "distribution = {}", quote(d));
    }
    if let Some(l) = &m.language {
        let _ = writeln!(s, "language = {}", quote(l));
    }
    let _ = writeln!(s, "plan = {}", quote(&next.plan_path));
    for a in &last.attendance {
        if a.delegates.is_empty() {
            let _ = writeln!(s, "\n[[attendees]]");
            let _ = writeln!(s, "represents = {}", quote(&a.represents));
        }
        for d in &a.delegates {
            let _ = writeln!(s, "\n[[attendees]]");
            let _ = writeln!(s, "name = {}", quote(&d.name));
            let _ = writeln!(s, "represents = {}", quote(&a.represents));
            if let Some(r) = d.role {
                let _ = writeln!(s, "role = {}", quote(r.as_str()));
            }
        }
    }
    let mut item = |id: &str, title: &str, area: Option<&str>, minutes: u32, confidential: bool| {
        let _ = writeln!(
            s,
            "\n[[items]]\nid = {}\ntitle = {}",
            quote(id),
            quote(title)
        );
        if let Some(a) = area {
            let _ = writeln!(s, "area = {}", quote(a));
        }
        let _ = writeln!(s, "minutes = {minutes}");
        if confidential {
            let _ = writeln!(s, "confidential = true");
        }
    };
    item("1", "Opening of the meeting", None, 10, false);
    item("2", "Adoption of the agenda", None, 5, false);
    item(
        "3",
        &format!("Approval of the minutes of {} ({})", m.title, m.id),
        None,
        5,
        false,
    );
    let outstanding: Vec<&ActionState> = next.ledger.outstanding().collect();
    let arising = matters_arising(&outstanding, next);
    item("4", "Matters arising", None, arising.opening, false);
    for (n, a) in arising.items.iter().enumerate() {
        item(
            &format!("4.{}", n + 1),
            &a.title,
            None,
            a.minutes,
            a.confidential,
        );
    }
    for (n, area) in next.plan.areas.iter().enumerate() {
        let title = format!("Priority area {}: {}", area.number, area.title);
        item(&format!("5.{}", n + 1), &title, Some(&area.id), 15, false);
    }
    item("6", "Any other business", None, 10, false);
    item("7", "Date and venue of the next meeting", None, 5, false);
    crate::machine_text::toml(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_derived_and_unique() {
        assert_eq!(next_id("consle-17", &[]), "consle-18");
        assert_eq!(next_id("consle-17", &["consle-18".into()]), "consle-19");
        assert_eq!(next_id("csm-ii", &[]), "csm-ii-2");
    }
}

//! Drafting the next meeting's agenda from the last minutes: standard items, matters
//! arising from every outstanding action, one item per priority area.

use std::fmt::Write;

use chrono::NaiveDate;

use std::collections::HashSet;

use crate::model::ledger::{ActionKey, decision_key};
use crate::model::{Ledger, Minutes, Plan};

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
    item("4", "Matters arising", None, 10, false);
    let outstanding: Vec<_> = next.ledger.outstanding().collect();
    for (n, a) in outstanding.iter().enumerate() {
        // An action agreed in confidence keeps its words, for the committee, under an
        // item that is itself confidential: it and whatever is recorded under it at the
        // next meeting stay out of public renderings.
        item(
            &format!("4.{}", n + 1),
            &format!("Matters arising: {} {}", a.id, a.title),
            None,
            3,
            next.confidential.contains(&a.id),
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

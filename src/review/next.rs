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
    // The rest by priority area in walk order, then those of no area, then those agreed
    // in confidence: a group of their own, itself confidential, so that not even their
    // ids reach the public edition.
    let (secret, rest): (Vec<&ActionState>, Vec<&ActionState>) = outstanding
        .iter()
        .copied()
        .filter(|a| !own.iter().any(|o| o.id == a.id))
        .partition(|a| next.confidential.contains(&a.id));
    let mut groups: Vec<(String, Vec<&ActionState>, bool)> = Vec::new();
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
                false,
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
        groups.push(("other actions".to_string(), other, false));
    }
    if !secret.is_empty() {
        groups.push(("actions agreed in confidence".to_string(), secret, true));
    }
    let budget = ARISING_MINUTES.saturating_sub(5 + 2 * items.len() as u32);
    let per_group = (budget / (groups.len().max(1) as u32)).clamp(1, 5);
    for (name, mut of, confidential) in groups {
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
                "Matters arising, {name}: {}: {}",
                crate::text::count(of.len(), "action", "actions"),
                parts.join("; ")
            ),
            minutes: per_group,
            confidential,
        });
    }
    Arising { opening: 5, items }
}

/// The number at the end of a meeting id (`rhc-7` -> 7).
fn trailing_number(id: &str) -> Option<u32> {
    let digits: String = id
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

const UNITS: [&str; 10] = [
    "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
];
const TEENS: [&str; 10] = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const TENS: [(&str, &str); 8] = [
    ("twentieth", "twenty"),
    ("thirtieth", "thirty"),
    ("fortieth", "forty"),
    ("fiftieth", "fifty"),
    ("sixtieth", "sixty"),
    ("seventieth", "seventy"),
    ("eightieth", "eighty"),
    ("ninetieth", "ninety"),
];

/// `8` -> `eighth`, `21` -> `twenty-first`; 1 to 99.
pub fn ordinal(n: u32) -> Option<String> {
    match n {
        1..=9 => Some(UNITS[n as usize].to_string()),
        10..=19 => Some(TEENS[n as usize - 10].to_string()),
        20..=99 => {
            let (round, stem) = TENS[n as usize / 10 - 2];
            Some(match n % 10 {
                0 => round.to_string(),
                u => format!("{stem}-{}", UNITS[u as usize]),
            })
        }
        _ => None,
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The next meeting's title from the last one's: `Seventh Meeting of the Council` ->
/// `Eighth Meeting of the Council` (only when the title is an ordinal and "Meeting of");
/// a title holding the last meeting's number gets the new number (`Meeting 7 of X` ->
/// `Meeting 8 of X`); otherwise `Meeting 8 of the <body>`.
pub fn next_title(last: &crate::model::Meeting, next_id: &str) -> String {
    let title = last.title.trim();
    let (old, new) = (trailing_number(&last.id), trailing_number(next_id));
    if let Some((first, rest)) = title.split_once(' ')
        && rest.to_lowercase().starts_with("meeting of ")
        && let Some(n) =
            (1..100).find(|&n| ordinal(n).is_some_and(|o| o.eq_ignore_ascii_case(first)))
        && let Some(word) = ordinal(new.unwrap_or(n + 1))
    {
        let word = if first.starts_with(|c: char| c.is_uppercase()) {
            capitalised(&word)
        } else {
            word
        };
        return format!("{word} {rest}");
    }
    if let (Some(old), Some(new)) = (old, new)
        && let Some(t) = replace_number(title, old, new)
    {
        return t;
    }
    let number = new.map_or_else(|| next_id.to_string(), |n| n.to_string());
    if last.body.trim().is_empty() {
        format!("Meeting {next_id}")
    } else {
        format!(
            "Meeting {number} of {}",
            crate::text::with_the(last.body.trim())
        )
    }
}

/// `text` with its one run of digits equal to `old` replaced by `new`; `None` when no
/// such run, or more than one.
fn replace_number(text: &str, old: u32, new: u32) -> Option<String> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    let hits: Vec<_> = runs
        .into_iter()
        .filter(|r| text[r.clone()].parse::<u32>().ok() == Some(old))
        .collect();
    match hits.as_slice() {
        [r] => Some(format!("{}{new}{}", &text[..r.start], &text[r.end..])),
        _ => None,
    }
}

/// The symbol carried forward: its meeting number incremented (`RHC/7/2025/REP` ->
/// `RHC/8/2025/REP`), and its year the new meeting's when it held the last one's. `None`
/// when it does not hold the number (a symbol of that meeting only is not carried).
fn next_symbol(
    symbol: &str,
    old: u32,
    new: u32,
    last_date: chrono::NaiveDate,
    next_date: chrono::NaiveDate,
) -> Option<String> {
    use chrono::Datelike;
    let s = replace_number(symbol, old, new)?;
    let (y0, y1) = (last_date.year(), next_date.year());
    if y0 != y1
        && let (Ok(a), Ok(b)) = (u32::try_from(y0), u32::try_from(y1))
        && let Some(t) = replace_number(&s, a, b)
    {
        return Some(t);
    }
    Some(s)
}

/// The agenda as TOML text.
pub fn draft(last: &Minutes, next: &NextMeeting<'_>) -> String {
    let m = &last.meeting;
    let id = next_id(&m.id, &next.taken);
    let title = next_title(m, &id);
    let symbol = m.symbol.as_deref().and_then(|s| {
        next_symbol(
            s,
            trailing_number(&m.id)?,
            trailing_number(&id)?,
            m.date,
            next.date,
        )
    });
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
    if let Some(sym) = &symbol {
        let _ = writeln!(s, "symbol = {}", quote(sym));
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
        &format!(
            "Approval of the minutes of {} ({})",
            crate::text::with_the(&m.title),
            m.id
        ),
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
    fn ordinals_read_as_words() {
        assert_eq!(ordinal(8).as_deref(), Some("eighth"));
        assert_eq!(ordinal(12).as_deref(), Some("twelfth"));
        assert_eq!(ordinal(20).as_deref(), Some("twentieth"));
        assert_eq!(ordinal(21).as_deref(), Some("twenty-first"));
        assert_eq!(ordinal(100), None);
    }

    #[test]
    fn titles_and_symbols_follow_the_last_meeting() {
        let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let meeting = |id: &str, title: &str, body: &str| crate::model::Meeting {
            id: id.into(),
            title: title.into(),
            body: body.into(),
            ..crate::model::Meeting::default()
        };
        let m = meeting(
            "rhc-7",
            "Seventh Meeting of the Regional Health Council",
            "Regional Health Council",
        );
        assert_eq!(
            next_title(&m, "rhc-8"),
            "Eighth Meeting of the Regional Health Council"
        );
        let m = meeting("f-19", "Nineteenth meeting of the Forum", "Forum");
        assert_eq!(next_title(&m, "f-20"), "Twentieth meeting of the Forum");
        // Another pattern keeps its pattern, with the number changed.
        let m = meeting("consle-17", "CONSLE 17: Council of Ministers", "Council");
        assert_eq!(
            next_title(&m, "consle-18"),
            "CONSLE 18: Council of Ministers"
        );
        // Nothing to follow: the body, with its article.
        let m = meeting("rhc-7", "Spring session", "Regional Health Council");
        assert_eq!(
            next_title(&m, "rhc-8"),
            "Meeting 8 of the Regional Health Council"
        );
        let m = meeting("x-1", "Spring session", "The Board");
        assert_eq!(next_title(&m, "x-2"), "Meeting 2 of The Board");
        assert_eq!(
            next_symbol("RHC/7/2025/REP", 7, 8, d(2025, 5, 12), d(2025, 9, 15)).as_deref(),
            Some("RHC/8/2025/REP")
        );
        assert_eq!(
            next_symbol("RHC/7/2025/REP", 7, 8, d(2025, 5, 12), d(2026, 2, 1)).as_deref(),
            Some("RHC/8/2026/REP")
        );
        assert_eq!(
            next_symbol("RHC/REP/SPRING", 7, 8, d(2025, 5, 12), d(2025, 9, 1)),
            None
        );
    }

    #[test]
    fn ids_are_derived_and_unique() {
        assert_eq!(next_id("consle-17", &[]), "consle-18");
        assert_eq!(next_id("consle-17", &["consle-18".into()]), "consle-19");
        assert_eq!(next_id("csm-ii", &[]), "csm-ii-2");
    }
}

//! Actions and meetings as an iCalendar file (RFC 5545): a VTODO per outstanding action
//! and a VEVENT per future meeting. UIDs come from the plan and the action or meeting id,
//! so importing the file again updates entries instead of duplicating them.

use chrono::{Duration, NaiveDate};
use icalendar::{Calendar, Class, Component, EventLike, Property, Todo, TodoStatus};

use super::outstanding::Row;
use crate::minutes::Audience;
use crate::model::{Agenda, Minutes, Plan, Status};
use crate::text::{inert, inert_line};

/// What the calendar is built from.
pub struct CalendarSources<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The outstanding actions to list (already filtered, e.g. by owner).
    pub rows: &'a [Row],
    /// The minutes the rows come from (for source meetings and their markings).
    pub minutes: &'a [Minutes],
    /// The agendas of future meetings.
    pub agendas: &'a [Agenda],
    /// Whether confidential agenda items may be named.
    pub audience: Audience,
    /// A name for the calendar (the owner's, when filtered).
    pub owner_label: Option<String>,
}

/// The iCalendar status of an action's status. `blocked` is still to be acted on.
pub fn todo_status(status: Status) -> TodoStatus {
    match status {
        Status::Open | Status::Blocked => TodoStatus::NeedsAction,
        Status::InProgress => TodoStatus::InProcess,
        Status::Done => TodoStatus::Completed,
        Status::Dropped => TodoStatus::Cancelled,
    }
}

/// The stable UID of an action: the same plan and action give the same UID on every run.
pub fn action_uid(plan_id: &str, action: &str) -> String {
    format!("{plan_id}/{action}@rapporteur")
}

/// The stable UID of a meeting.
pub fn meeting_uid(plan_id: &str, meeting: &str) -> String {
    format!("{plan_id}/meeting/{meeting}@rapporteur")
}

/// Text for an iCalendar TEXT value: newlines kept (the writer escapes them), control and
/// bidi characters made visible, so nothing in a file can break a content line.
fn text(s: &str) -> String {
    inert(s).replace('\r', "")
}

fn area_label(plan: &Plan, area: Option<&str>) -> String {
    match area.and_then(|a| plan.area(a)) {
        Some(a) => format!("{}. {}", a.number, a.title),
        None => area.unwrap_or("no area").to_string(),
    }
}

fn todo(src: &CalendarSources<'_>, r: &Row) -> (Todo, bool) {
    let plan = src.plan;
    let source = src.minutes.iter().find(|m| m.meeting.id == r.source);
    let marking = source.and_then(|m| m.meeting.classification.clone());
    let mut t = Todo::new();
    t.uid(&action_uid(&plan.id, &r.id));
    let summary = match &marking {
        Some(m) => format!("[{m}] {}: {}", r.id, r.title),
        None => format!("{}: {}", r.id, r.title),
    };
    t.summary(&text(&inert_line(&summary)));
    let owners: Vec<&str> = r.owners.iter().map(|o| plan.owner_label(o)).collect();
    let agreed = match source {
        Some(m) => format!(
            "{}: {} ({}, {})",
            if m.meeting.body.is_empty() {
                &plan.short
            } else {
                &m.meeting.body
            },
            m.meeting.title,
            m.meeting.id,
            m.meeting.date
        ),
        None if r.source == "plan" => format!("{} (the plan)", plan.short),
        None => r.source.clone(),
    };
    let mut description = format!(
        "{}\n\nArea: {}\nAgreed at: {agreed}\nOwners: {}\nStatus: {}",
        r.title,
        area_label(plan, r.area.as_deref()),
        if owners.is_empty() {
            "none".to_string()
        } else {
            owners.join(", ")
        },
        r.status
    );
    if let Some(m) = &marking {
        description = format!("{m}\n\n{description}\n\n{m}");
    }
    t.description(&text(&description));
    if let Some(due) = r.due {
        t.due(due);
    }
    t.status(todo_status(r.status));
    if let Some(area) = r.area.as_deref().and_then(|a| plan.area(a)) {
        t.add_property(
            "CATEGORIES",
            text(&inert_line(&area.title)).replace(',', " "),
        );
    }
    if marking.is_some() {
        t.class(Class::Confidential);
    }
    (t.done(), marking.is_some())
}

fn event(src: &CalendarSources<'_>, a: &Agenda) -> (icalendar::Event, bool) {
    let m = &a.meeting;
    let mut e = icalendar::Event::new();
    e.uid(&meeting_uid(&src.plan.id, &m.id));
    let body = if m.body.is_empty() {
        &src.plan.short
    } else {
        &m.body
    };
    let summary = match &m.classification {
        Some(c) => format!("[{c}] {body}: {}", m.title),
        None => format!("{body}: {}", m.title),
    };
    e.summary(&text(&inert_line(&summary)));
    match m.start {
        Some(start) => {
            let at = m.date.and_time(start);
            e.starts(at);
            let minutes: i64 = a
                .items
                .iter()
                .filter_map(|i| i.minutes)
                .map(i64::from)
                .sum();
            if minutes > 0 {
                e.ends(at + Duration::minutes(minutes));
            }
        }
        None => {
            e.starts(m.date);
            e.ends(m.date.succ_opt().unwrap_or(m.date));
        }
    }
    if !m.venue.is_empty() {
        e.location(&text(&inert_line(&m.venue)));
    }
    let mut description = format!("{} ({})", m.title, m.id);
    if !m.chair.is_empty() {
        description.push_str(&format!("\nChair: {}", m.chair));
    }
    let items: Vec<String> = a
        .items
        .iter()
        .filter(|i| src.audience == Audience::All || !i.confidential)
        .map(|i| format!("{}. {}", i.id, i.title))
        .collect();
    if !items.is_empty() {
        description.push_str("\n\nAgenda:\n");
        description.push_str(&items.join("\n"));
    }
    if let Some(c) = &m.classification {
        description = format!("{c}\n\n{description}\n\n{c}");
        e.class(Class::Confidential);
    }
    e.description(&text(&description));
    (e.done(), m.classification.is_some())
}

/// The calendar, and whether any entry comes from a classified meeting (then the file is
/// owner-only). Lines are folded at 75 octets with CRLF line ends.
pub fn calendar(src: &CalendarSources<'_>) -> (String, bool) {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new(
        "PRODID",
        concat!(
            "-//rapporteur//rapporteur ",
            env!("CARGO_PKG_VERSION"),
            "//EN"
        ),
    ));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    let name = match &src.owner_label {
        Some(o) => format!("{}: actions of {o}", src.plan.short),
        None => format!("{}: actions and meetings", src.plan.short),
    };
    cal.name(&text(&inert_line(&name)));
    let mut classified = false;
    for r in src.rows {
        let (t, c) = todo(src, r);
        classified |= c;
        cal.push(t);
    }
    for a in src.agendas {
        let (e, c) = event(src, a);
        classified |= c;
        cal.push(e);
    }
    (fold(&cal.done().to_string()), classified)
}

/// Folds content lines as RFC 5545 section 3.1 says: at most 75 octets per line, a
/// continuation starting with one space, never inside a UTF-8 sequence; CRLF line ends.
/// The icalendar writer folds too, but can leave a 76-octet continuation line, so its
/// output is unfolded and folded again here.
pub fn fold(ics: &str) -> String {
    const LIMIT: usize = 75;
    let unfolded = ics.replace("\r\n ", "");
    let mut out = String::with_capacity(ics.len() + ics.len() / 25);
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > LIMIT {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += c.len_utf8();
        }
        out.push_str("\r\n");
    }
    out
}

/// Agendas of meetings on or after `from`, in date order, those already minuted included.
pub fn future_meetings(agendas: Vec<Agenda>, from: NaiveDate) -> Vec<Agenda> {
    let mut v: Vec<Agenda> = agendas
        .into_iter()
        .filter(|a| a.meeting.date >= from)
        .collect();
    v.sort_by(|a, b| crate::model::ledger::meeting_order(&a.meeting, &b.meeting));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_every_line_within_75_octets_and_unfolds_to_the_original() {
        for line in [
            format!("DESCRIPTION:{}", "x".repeat(138)),
            format!("SUMMARY:{}", "é".repeat(100)),
            format!("SUMMARY:{}", "ab€".repeat(60)),
            "UID:short".to_string(),
        ] {
            let folded = fold(&format!("{line}\r\n"));
            assert!(folded.ends_with("\r\n"));
            for l in folded.split("\r\n") {
                assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
            }
            assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
        }
    }

    #[test]
    fn the_icalendar_writer_alone_can_exceed_75_octets() {
        // Why `fold` exists: a 150-octet line comes out with a 76-octet continuation.
        let mut t = Todo::new();
        t.summary(&"y".repeat(150 - "SUMMARY:".len()));
        let raw = t.done().to_string();
        assert!(raw.split("\r\n").any(|l| l.len() > 75), "{raw}");
        assert!(fold(&raw).split("\r\n").all(|l| l.len() <= 75));
    }

    #[test]
    fn statuses_map_to_icalendar_statuses() {
        assert_eq!(todo_status(Status::Open), TodoStatus::NeedsAction);
        assert_eq!(todo_status(Status::Blocked), TodoStatus::NeedsAction);
        assert_eq!(todo_status(Status::InProgress), TodoStatus::InProcess);
        assert_eq!(todo_status(Status::Done), TodoStatus::Completed);
        assert_eq!(todo_status(Status::Dropped), TodoStatus::Cancelled);
    }
}

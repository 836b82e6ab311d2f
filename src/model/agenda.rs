//! One meeting's agenda: its header, the delegations expected and the items in order.

use chrono::{NaiveDate, NaiveTime};

/// The header of a meeting, shared by its agenda and its minutes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meeting {
    /// Unique across the plan's meetings (`consle-17`).
    pub id: String,
    /// Full title.
    pub title: String,
    /// The body that meets (`CONSLE`).
    pub body: String,
    /// The day of the meeting; the order of meetings.
    pub date: NaiveDate,
    /// Start time, if set.
    pub start: Option<NaiveTime>,
    /// Where.
    pub venue: String,
    /// Who chairs.
    pub chair: String,
    /// Who keeps the minutes.
    pub rapporteur: String,
    /// Marking such as RESTRICTED, shown on screen and on every output.
    pub classification: Option<String>,
    /// Delegations present needed to decide.
    pub quorum: Option<u32>,
    /// Roster kinds that count for the quorum and vote; `None`: `member-state`, or every
    /// delegation when the roster has no member states.
    pub quorum_kinds: Option<Vec<String>>,
    /// The report's document symbol (`CONSLE/17/2016/REP`).
    pub symbol: Option<String>,
    /// The report's distribution (`restricted`, `general`).
    pub distribution: Option<String>,
    /// Language of the report's boilerplate (`en`).
    pub language: Option<String>,
    /// Path of the plan, relative to the file.
    pub plan: String,
}

/// A person expected at the meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Attendee {
    /// Name.
    pub name: String,
    /// A roster id or free text.
    pub represents: String,
    /// Role in the delegation.
    pub role: String,
}

/// One item of the agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaItem {
    /// Unique in the agenda (`4.1`).
    pub id: String,
    /// Title.
    pub title: String,
    /// Linked priority area.
    pub area: Option<String>,
    /// Timebox in minutes.
    pub minutes: Option<u32>,
    /// Who presents (a roster id or free text).
    pub presenter: Option<String>,
    /// Left out of public renderings.
    pub confidential: bool,
}

/// A whole agenda.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Agenda {
    /// Header.
    pub meeting: Meeting,
    /// Delegations and people expected.
    pub attendees: Vec<Attendee>,
    /// Items in agenda order.
    pub items: Vec<AgendaItem>,
}

//! The plain data of rapporteur and the rules that apply to it, with no I/O.
//!
//! A [`Plan`] is the baseline; an [`Agenda`] describes one meeting; [`Minutes`] are the
//! ledger of what that meeting decided. [`ledger`] applies minutes to a plan in
//! meeting-date order and answers what is outstanding and overdue.

pub mod agenda;
pub mod attendance;
pub mod contacts;
pub mod dates;
pub mod ledger;
pub mod minutes;
pub mod plan;
pub mod roster;
pub mod shared;
pub mod voting;

pub use agenda::{Agenda, AgendaItem, Attendee, Meeting};
pub use attendance::{Attendance, Delegate, Presence, Quorum, Role};
pub use ledger::{ActionKey, ActionState, Ledger, Source};
pub use minutes::{Amendment, Decision, ItemRecord, Minutes, MinutesState, Update};
pub use plan::{Action, Area, Partner, Plan};
pub use voting::{Outcome, Side, Statement, StatementKind, Taken, Vote, VoteError};

use std::fmt;
use std::str::FromStr;

/// The status of an action. The order is the order shown in pickers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Status {
    /// Agreed and not yet started.
    #[default]
    Open,
    /// Work has started.
    InProgress,
    /// Work cannot go on until something else happens.
    Blocked,
    /// Finished.
    Done,
    /// Will not be done.
    Dropped,
}

impl Status {
    /// Every status, in picker order.
    pub const ALL: [Status; 5] = [
        Status::Open,
        Status::InProgress,
        Status::Blocked,
        Status::Done,
        Status::Dropped,
    ];

    /// The word used in files and on screen.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in-progress",
            Status::Blocked => "blocked",
            Status::Done => "done",
            Status::Dropped => "dropped",
        }
    }

    /// Open, in progress or blocked: still something to do.
    pub fn is_outstanding(self) -> bool {
        matches!(self, Status::Open | Status::InProgress | Status::Blocked)
    }

    /// The valid words, for error messages.
    pub fn valid_list() -> String {
        Status::ALL
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or(())
    }
}

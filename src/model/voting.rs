//! How a decision was taken (consensus, a recorded vote, ad referendum) and statements
//! that delegations ask to have placed on the record.
//!
//! The tally and the result of a vote are derived from the lists of delegations, never
//! typed; [`vote_problems`] says which entries the attendance does not allow.

use std::str::FromStr;

use chrono::NaiveDate;

use super::attendance::{Attendance, entitled};
use super::{Meeting, Plan};

/// The outcome of an ad referendum decision, recorded by a later meeting or `approve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The silence was not broken: the decision stands.
    Confirmed,
    /// A delegation broke the silence: the decision does not stand.
    Objected,
}

impl Outcome {
    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Confirmed => "confirmed",
            Outcome::Objected => "objected",
        }
    }
}

impl FromStr for Outcome {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "confirmed" => Ok(Outcome::Confirmed),
            "objected" => Ok(Outcome::Objected),
            _ => Err(()),
        }
    }
}

/// A recorded vote: each list holds roster ids of delegations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Vote {
    /// In favour.
    pub yes: Vec<String>,
    /// Against.
    pub no: Vec<String>,
    /// Abstaining.
    pub abstain: Vec<String>,
}

/// One list of a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// `for`
    For,
    /// `against`
    Against,
    /// `abstain`
    Abstain,
}

impl Side {
    /// Every side, in the order written.
    pub const ALL: [Side; 3] = [Side::For, Side::Against, Side::Abstain];

    /// The key used in files.
    pub fn key(self) -> &'static str {
        match self {
            Side::For => "for",
            Side::Against => "against",
            Side::Abstain => "abstain",
        }
    }
}

impl Vote {
    /// The list of one side.
    pub fn side(&self, side: Side) -> &[String] {
        match side {
            Side::For => &self.yes,
            Side::Against => &self.no,
            Side::Abstain => &self.abstain,
        }
    }

    /// The list of one side, to change.
    pub fn side_mut(&mut self, side: Side) -> &mut Vec<String> {
        match side {
            Side::For => &mut self.yes,
            Side::Against => &mut self.no,
            Side::Abstain => &mut self.abstain,
        }
    }

    /// Votes for, against, abstaining.
    pub fn tally(&self) -> (usize, usize, usize) {
        (self.yes.len(), self.no.len(), self.abstain.len())
    }

    /// Adopted when more delegations voted for than against (abstentions are not votes cast).
    pub fn adopted(&self) -> bool {
        self.yes.len() > self.no.len()
    }

    /// The side a delegation voted on, if any.
    pub fn side_of(&self, represents: &str) -> Option<Side> {
        Side::ALL
            .into_iter()
            .find(|s| self.side(*s).iter().any(|r| r == represents))
    }
}

/// How a decision was taken.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Taken {
    /// Without objection (the default, written only when another form is used).
    #[default]
    Consensus,
    /// By a recorded vote.
    Vote(Vote),
    /// Ad referendum: it stands unless a delegation breaks the silence by the deadline.
    AdReferendum {
        /// The last day on which the silence may be broken.
        silence_until: Option<NaiveDate>,
        /// What happened, once known.
        outcome: Option<Outcome>,
        /// The meeting that recorded the outcome.
        outcome_at: Option<String>,
    },
}

impl Taken {
    /// The word used in files.
    pub fn as_str(&self) -> &'static str {
        match self {
            Taken::Consensus => "consensus",
            Taken::Vote(_) => "vote",
            Taken::AdReferendum { .. } => "ad-referendum",
        }
    }

    /// The vote, when the decision was voted.
    pub fn vote(&self) -> Option<&Vote> {
        match self {
            Taken::Vote(v) => Some(v),
            _ => None,
        }
    }
}

/// Why a delegation may not be on a vote's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoteError {
    /// Listed earlier on the same or another side.
    Twice(Side),
    /// Not in the attendance at all.
    NotListed,
    /// In the attendance, but absent or with apologies.
    NotPresent(super::Presence),
    /// An observer.
    Observer,
    /// Of a roster kind that does not vote under the meeting's rule.
    NotEntitled(String),
}

impl VoteError {
    /// True for the problems that need the plan's roster to be found.
    pub fn needs_roster(&self) -> bool {
        matches!(self, VoteError::NotEntitled(_))
    }

    /// The message for a user, naming the delegation.
    pub fn message(&self, who: &str) -> String {
        let who = crate::text::quoted(who);
        match self {
            VoteError::Twice(side) => {
                format!(
                    "delegation {who} votes twice: already listed under '{}'",
                    side.key()
                )
            }
            VoteError::NotListed => format!(
                "delegation {who} votes but is not in the attendance: add an [[attendance]] \
                 entry with status = \"present\""
            ),
            VoteError::NotPresent(p) => {
                format!("delegation {who} votes but its attendance is '{p}', not 'present'")
            }
            VoteError::Observer => {
                format!("delegation {who} is an observer: observers do not vote")
            }
            VoteError::NotEntitled(kind) => format!(
                "delegation {who} ({kind}) is not entitled to vote: the meeting's \
                 quorum_kinds do not include '{kind}'"
            ),
        }
    }
}

/// Every entry of a vote that the attendance does not allow, as (side, index, problem).
/// Without a plan, the roster-dependent rules (kinds, observer kind) are not applied.
pub fn vote_problems(
    vote: &Vote,
    meeting: &Meeting,
    plan: Option<&Plan>,
    attendance: &[Attendance],
) -> Vec<(Side, usize, VoteError)> {
    let mut out = Vec::new();
    let mut seen: Vec<(&str, Side)> = Vec::new();
    for side in Side::ALL {
        for (i, who) in vote.side(side).iter().enumerate() {
            if let Some((_, first)) = seen.iter().find(|(r, _)| *r == who.as_str()) {
                out.push((side, i, VoteError::Twice(*first)));
                continue;
            }
            seen.push((who, side));
            let Some(a) = attendance.iter().find(|a| &a.represents == who) else {
                out.push((side, i, VoteError::NotListed));
                continue;
            };
            if !a.present() {
                out.push((side, i, VoteError::NotPresent(a.status)));
            } else if a.is_observer(plan) {
                out.push((side, i, VoteError::Observer));
            } else if let Some(plan) = plan
                && !entitled(meeting, plan, a)
            {
                let kind = plan
                    .partner(who)
                    .map_or_else(|| "not in the roster".to_string(), |p| p.kind.clone());
                out.push((side, i, VoteError::NotEntitled(kind)));
            }
        }
    }
    out
}

/// What kind of statement a delegation placed on the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatementKind {
    /// A statement.
    #[default]
    Statement,
    /// A reservation on a decision.
    Reservation,
    /// An explanation of vote.
    ExplanationOfVote,
    /// An interpretative statement.
    Interpretative,
}

impl StatementKind {
    /// Every kind.
    pub const ALL: [StatementKind; 4] = [
        StatementKind::Statement,
        StatementKind::Reservation,
        StatementKind::ExplanationOfVote,
        StatementKind::Interpretative,
    ];

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Statement => "statement",
            StatementKind::Reservation => "reservation",
            StatementKind::ExplanationOfVote => "explanation-of-vote",
            StatementKind::Interpretative => "interpretative",
        }
    }

    /// How the report names it (`entered a reservation`).
    pub fn phrase(self) -> &'static str {
        match self {
            StatementKind::Statement => "made a statement",
            StatementKind::Reservation => "entered a reservation",
            StatementKind::ExplanationOfVote => "gave an explanation of vote",
            StatementKind::Interpretative => "made an interpretative statement",
        }
    }

    /// The valid words, for error messages.
    pub fn valid_list() -> String {
        StatementKind::ALL
            .iter()
            .map(|k| format!("'{}'", k.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl FromStr for StatementKind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        StatementKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(())
    }
}

/// A statement a delegation asked to have placed on the record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Statement {
    /// The delegation (a roster id).
    pub by: String,
    /// What kind of statement.
    pub kind: StatementKind,
    /// The words for the record.
    pub text: String,
}

/// The statements of `new` that `old` does not hold (in `new`'s order), as `new.filter(|s|
/// !old.contains(s))` would say, without comparing every pair: what both begin and end with
/// alike is held by `old` and skipped (a chunk two versions share, as one step of undo and
/// the next do, is skipped whole), so a statement added to a long list costs one pass over
/// `old` to see that it is new.
pub fn statements_not_in<'a>(
    old: &'a imbl::Vector<Statement>,
    new: &'a imbl::Vector<Statement>,
) -> impl Iterator<Item = &'a Statement> + 'a {
    let mut head = 0;
    for (a, b) in old.leaves().zip(new.leaves()) {
        if std::ptr::eq(a, b) {
            head += a.len();
        } else {
            head += a.iter().zip(b).take_while(|(x, y)| x == y).count();
            break;
        }
    }
    let (rest_old, rest_new) = (old.skip(head), new.skip(head));
    let tail = rest_old
        .iter()
        .rev()
        .zip(rest_new.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    (head..head + rest_new.len() - tail)
        .filter_map(|i| new.get(i))
        .filter(move |s| !old.leaves().any(|chunk| chunk.contains(s)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Partner, Presence};

    fn plan() -> Plan {
        let p = |id: &str, kind: &str| Partner {
            id: id.into(),
            name: id.into(),
            short: None,
            kind: kind.into(),
            aliases: Vec::new(),
            emails: Vec::new(),
            contact: None,
        };
        Plan::new(
            "p".into(),
            "P".into(),
            "P".into(),
            None,
            vec![
                p("jm", "member-state"),
                p("tt", "member-state"),
                p("bb", "member-state"),
                p("ai", "associate-member"),
                p("us", "observer"),
            ],
            Vec::new(),
        )
    }

    #[test]
    fn tally_and_result_are_derived() {
        let v = Vote {
            yes: vec!["jm".into(), "tt".into()],
            no: vec!["bb".into()],
            abstain: vec!["gy".into()],
        };
        assert_eq!(v.tally(), (2, 1, 1));
        assert!(v.adopted());
        let tie = Vote {
            yes: vec!["jm".into()],
            no: vec!["bb".into()],
            abstain: Vec::new(),
        };
        assert!(!tie.adopted());
    }

    #[test]
    fn every_vote_mistake_is_found() {
        let att = vec![
            Attendance::new("jm", Presence::Present),
            Attendance::new("tt", Presence::Absent),
            Attendance::new("bb", Presence::Apologies),
            Attendance::new("ai", Presence::Present),
            Attendance::new("us", Presence::Present),
        ];
        let v = Vote {
            yes: vec!["jm".into(), "tt".into(), "us".into()],
            no: vec!["jm".into(), "bb".into(), "gy".into()],
            abstain: vec!["ai".into()],
        };
        let p = plan();
        let found = vote_problems(&v, &Meeting::default(), Some(&p), &att);
        assert_eq!(
            found,
            vec![
                (Side::For, 1, VoteError::NotPresent(Presence::Absent)),
                (Side::For, 2, VoteError::Observer),
                (Side::Against, 0, VoteError::Twice(Side::For)),
                (Side::Against, 1, VoteError::NotPresent(Presence::Apologies)),
                (Side::Against, 2, VoteError::NotListed),
                (
                    Side::Abstain,
                    0,
                    VoteError::NotEntitled("associate-member".into())
                ),
            ]
        );
        // Without the roster, only what the attendance itself says.
        let found = vote_problems(&v, &Meeting::default(), None, &att);
        assert_eq!(found.len(), 4);
    }
}

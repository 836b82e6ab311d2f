//! Attendance as intergovernmental bodies take it, and the rules that read it: who counts
//! for the quorum, who is an observer, and who may vote.
//!
//! One entry per delegation: present, absent or apologies (regrets sent), with the names
//! and roles of its delegates. Observers (a roster kind `observer`, or a delegation whose
//! every delegate is an observer) are listed but never counted and never vote.

use std::fmt;
use std::str::FromStr;

use super::{Meeting, Plan};

/// The roster kind that counts for the quorum when the agenda names none.
pub const DEFAULT_QUORUM_KIND: &str = "member-state";
/// The roster kind of observers.
pub const OBSERVER_KIND: &str = "observer";

/// Whether a delegation attended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Presence {
    /// At the meeting.
    Present,
    /// Not at the meeting (the default until marked).
    #[default]
    Absent,
    /// Not at the meeting, and sent regrets.
    Apologies,
}

impl Presence {
    /// Every presence, in the order shown.
    pub const ALL: [Presence; 3] = [Presence::Present, Presence::Absent, Presence::Apologies];

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Presence::Present => "present",
            Presence::Absent => "absent",
            Presence::Apologies => "apologies",
        }
    }
}

impl fmt::Display for Presence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Presence {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Presence::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or(())
    }
}

/// A delegate's role in the delegation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Leads the delegation.
    HeadOfDelegation,
    /// A member of the delegation.
    Delegate,
    /// Advises the delegation.
    Adviser,
    /// Follows the meeting without a voice in its decisions.
    Observer,
}

impl Role {
    /// Every role, in order of precedence.
    pub const ALL: [Role; 4] = [
        Role::HeadOfDelegation,
        Role::Delegate,
        Role::Adviser,
        Role::Observer,
    ];

    /// The words used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::HeadOfDelegation => "head of delegation",
            Role::Delegate => "delegate",
            Role::Adviser => "adviser",
            Role::Observer => "observer",
        }
    }

    /// A role from the free text of an agenda (`Head of Delegation`, `advisor`), if it is one.
    pub fn from_loose(s: &str) -> Option<Role> {
        let s = s.trim().to_lowercase();
        match s.as_str() {
            "head of delegation" | "head" | "hod" => Some(Role::HeadOfDelegation),
            "delegate" | "member" | "alternate" => Some(Role::Delegate),
            "adviser" | "advisor" | "expert" => Some(Role::Adviser),
            "observer" => Some(Role::Observer),
            _ => None,
        }
    }

    /// The valid words, for error messages.
    pub fn valid_list() -> String {
        Role::ALL
            .iter()
            .map(|r| format!("'{}'", r.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Role::ALL.into_iter().find(|r| r.as_str() == s).ok_or(())
    }
}

/// A named member of a delegation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delegate {
    /// The person's name or title.
    pub name: String,
    /// The role, when known.
    pub role: Option<Role>,
}

/// One delegation's attendance.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attendance {
    /// A roster id or free text.
    pub represents: String,
    /// Present, absent or apologies.
    pub status: Presence,
    /// Who sat for the delegation, in the order given.
    pub delegates: Vec<Delegate>,
}

impl Attendance {
    /// A delegation marked only by its status.
    pub fn new(represents: impl Into<String>, status: Presence) -> Attendance {
        Attendance {
            represents: represents.into(),
            status,
            delegates: Vec::new(),
        }
    }

    /// At the meeting.
    pub fn present(&self) -> bool {
        self.status == Presence::Present
    }

    /// An observer: the roster says so, or every delegate listed is an observer.
    pub fn is_observer(&self, plan: Option<&Plan>) -> bool {
        let kind = plan
            .and_then(|p| p.partner(&self.represents))
            .is_some_and(|p| p.kind == OBSERVER_KIND);
        kind || (!self.delegates.is_empty()
            && self
                .delegates
                .iter()
                .all(|d| d.role == Some(Role::Observer)))
    }

    /// Adds a delegate unless one of that name is listed; a known role fills an unknown one.
    pub fn add_delegate(&mut self, name: &str, role: Option<Role>) {
        match self.delegates.iter_mut().find(|d| d.name == name) {
            Some(d) if d.role.is_none() => d.role = role,
            Some(_) => {}
            None if !name.is_empty() => self.delegates.push(Delegate {
                name: name.to_string(),
                role,
            }),
            None => {}
        }
    }
}

/// The roster kinds whose delegations count for a meeting's quorum and vote; `None` means
/// every delegation (the roster has no member states and the agenda names no kinds).
pub fn quorum_kinds<'a>(meeting: &'a Meeting, plan: &Plan) -> Option<Vec<&'a str>> {
    match &meeting.quorum_kinds {
        Some(kinds) => Some(kinds.iter().map(String::as_str).collect()),
        None if plan.partners.iter().any(|p| p.kind == DEFAULT_QUORUM_KIND) => {
            Some(vec![DEFAULT_QUORUM_KIND])
        }
        None => None,
    }
}

/// True when a delegation is of a kind that counts (and votes) under the meeting's rule.
/// Observers never count; free-text delegations count only when every delegation does.
pub fn entitled(meeting: &Meeting, plan: &Plan, a: &Attendance) -> bool {
    entitled_under(quorum_kinds(meeting, plan).as_deref(), plan, a)
}

/// [`entitled`] with the meeting's counted kinds worked out once ([`quorum_kinds`]): the
/// default looks through the whole roster.
pub fn entitled_under(kinds: Option<&[&str]>, plan: &Plan, a: &Attendance) -> bool {
    if a.is_observer(Some(plan)) {
        return false;
    }
    match kinds {
        None => true,
        Some(kinds) => plan
            .partner(&a.represents)
            .is_some_and(|p| kinds.contains(&p.kind.as_str())),
    }
}

/// The quorum as the rule counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quorum {
    /// Delegations present that the rule counts.
    pub counted: usize,
    /// Delegations needed, when the agenda sets a number.
    pub needed: Option<u32>,
    /// The quorum is met (always, when no number is set).
    pub met: bool,
}

/// Counts the quorum: present delegations of the counted kinds (default `member-state`;
/// every delegation when the roster has no member states), never observers, each once.
pub fn quorum(meeting: &Meeting, plan: &Plan, attendance: &[Attendance]) -> Quorum {
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let kinds = quorum_kinds(meeting, plan);
    for a in attendance {
        if a.present() && entitled_under(kinds.as_deref(), plan, a) {
            seen.insert(&a.represents);
        }
    }
    let counted = seen.len();
    let needed = meeting.quorum;
    Quorum {
        counted,
        needed,
        met: needed.is_none_or(|n| counted as u64 >= u64::from(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Partner;

    fn partner(id: &str, kind: &str) -> Partner {
        Partner {
            id: id.into(),
            name: id.to_uppercase(),
            short: None,
            kind: kind.into(),
            aliases: Vec::new(),
            emails: Vec::new(),
            contact: None,
        }
    }

    fn plan(partners: Vec<Partner>) -> Plan {
        Plan::new(
            "p".into(),
            "P".into(),
            "P".into(),
            None,
            partners,
            Vec::new(),
        )
    }

    fn present(id: &str) -> Attendance {
        Attendance::new(id, Presence::Present)
    }

    fn caricom() -> Plan {
        plan(vec![
            partner("jm", "member-state"),
            partner("tt", "member-state"),
            partner("bb", "member-state"),
            partner("ai", "associate-member"),
            partner("ctu", "regional-agency"),
            partner("us", "observer"),
        ])
    }

    #[test]
    fn member_states_count_by_default_and_associates_and_observers_do_not() {
        let p = caricom();
        let m = Meeting {
            quorum: Some(3),
            ..Meeting::default()
        };
        let att = vec![
            present("jm"),
            present("tt"),
            present("ai"),
            present("ctu"),
            present("us"),
            Attendance::new("bb", Presence::Apologies),
        ];
        let q = quorum(&m, &p, &att);
        assert_eq!(
            q,
            Quorum {
                counted: 2,
                needed: Some(3),
                met: false
            }
        );
    }

    #[test]
    fn named_kinds_count_associates() {
        let p = caricom();
        let m = Meeting {
            quorum: Some(3),
            quorum_kinds: Some(vec!["member-state".into(), "associate-member".into()]),
            ..Meeting::default()
        };
        let att = vec![present("jm"), present("tt"), present("ai"), present("us")];
        let q = quorum(&m, &p, &att);
        assert_eq!((q.counted, q.met), (3, true));
    }

    #[test]
    fn without_member_states_every_delegation_counts_but_observers() {
        let p = plan(vec![
            partner("fin", "ministry"),
            partner("edu", "ministry"),
            partner("press", "observer"),
        ]);
        let m = Meeting {
            quorum: Some(2),
            ..Meeting::default()
        };
        let mut adviser_only = present("guest");
        adviser_only.add_delegate("A. Guest", Some(Role::Observer));
        let att = vec![
            present("fin"),
            present("edu"),
            present("press"),
            adviser_only,
        ];
        let q = quorum(&m, &p, &att);
        assert_eq!((q.counted, q.met), (2, true));
        assert!(entitled(&m, &p, &present("free text body")));
    }

    #[test]
    fn no_number_means_met() {
        let q = quorum(&Meeting::default(), &caricom(), &[]);
        assert_eq!((q.counted, q.needed, q.met), (0, None, true));
    }

    #[test]
    fn roles_read_loosely_from_agendas() {
        assert_eq!(
            Role::from_loose("Head of Delegation"),
            Some(Role::HeadOfDelegation)
        );
        assert_eq!(Role::from_loose("Advisor"), Some(Role::Adviser));
        assert_eq!(Role::from_loose("Minister"), None);
    }
}

//! Who owes what, as the people who send reminders see it: the owners of outstanding
//! actions, and which of them the roster gives no address for.

use super::{Ledger, Plan};

/// An owner of outstanding actions, with how many they own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerLoad {
    /// A roster id, or the free text written in the minutes.
    pub owner: String,
    /// True for a roster id.
    pub in_roster: bool,
    /// Outstanding actions owned.
    pub outstanding: usize,
}

/// Every owner of an outstanding action: roster owners in roster order, then free-text
/// owners in the order the ledger first names them.
pub fn owners_of_outstanding(plan: &Plan, ledger: &Ledger) -> Vec<OwnerLoad> {
    let mut free: Vec<OwnerLoad> = Vec::new();
    let mut counts = vec![0usize; plan.partners.len()];
    for action in ledger.outstanding() {
        let mut seen: Vec<&str> = Vec::new();
        for owner in &action.owners {
            if seen
                .iter()
                .any(|s| crate::model::roster::Roster::same_free_owner(s, owner))
            {
                continue;
            }
            seen.push(owner);
            match plan.partners.iter().position(|p| &p.id == owner) {
                Some(i) => counts[i] += 1,
                None => match free
                    .iter_mut()
                    .find(|f| crate::model::roster::Roster::same_free_owner(&f.owner, owner))
                {
                    Some(f) => f.outstanding += 1,
                    None => free.push(OwnerLoad {
                        owner: owner.clone(),
                        in_roster: false,
                        outstanding: 1,
                    }),
                },
            }
        }
    }
    plan.partners
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(p, n)| OwnerLoad {
            owner: p.id.clone(),
            in_roster: true,
            outstanding: n,
        })
        .chain(free)
        .collect()
}

/// Owners of outstanding actions that digests cannot be addressed to: roster entries
/// without `email`, and every free-text owner.
pub fn owners_without_address(plan: &Plan, ledger: &Ledger) -> Vec<OwnerLoad> {
    owners_of_outstanding(plan, ledger)
        .into_iter()
        .filter(|o| plan.partner(&o.owner).is_none_or(|p| !p.has_address()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Area, Decision, ItemRecord, Meeting, Minutes, Partner, Status};

    fn partner(id: &str, email: Option<&str>) -> Partner {
        Partner {
            id: id.into(),
            name: format!("Agency {id}"),
            short: None,
            kind: "agency".into(),
            aliases: vec![],
            emails: email.into_iter().map(String::from).collect(),
            contact: None,
        }
    }

    fn action(id: &str, owners: &[&str], status: Status) -> Action {
        Action {
            id: id.into(),
            need: String::new(),
            title: id.into(),
            partners: vec![],
            owners: owners.iter().map(|o| o.to_string()).collect(),
            due: None,
            status,
        }
    }

    #[test]
    fn owners_in_roster_order_then_free_text_and_unaddressed_ones() {
        let plan = Plan::new(
            "p".into(),
            "P".into(),
            "P".into(),
            None,
            vec![
                partner("a", Some("a@x.org")),
                partner("b", None),
                partner("c", None),
            ],
            vec![Area {
                id: "one".into(),
                number: 1,
                title: "One".into(),
                summary: String::new(),
                actions: vec![
                    action("X-1", &["b", "a"], Status::Open),
                    action("X-2", &["b"], Status::Blocked),
                    action("X-3", &["c"], Status::Done),
                ],
            }],
        );
        let m = Minutes {
            meeting: Meeting {
                id: "m1".into(),
                ..Meeting::default()
            },
            items: vec![ItemRecord {
                id: "1".into(),
                decisions: vec![Decision {
                    id: "1-1".into(),
                    text: "Report back".into(),
                    owners: vec!["the Chair".into(), "the Chair".into()],
                    ..Decision::default()
                }]
                .into(),
                ..ItemRecord::default()
            }],
            ..Minutes::default()
        };
        let ledger = Ledger::build(&plan, [&m]);
        let all = owners_of_outstanding(&plan, &ledger);
        let names: Vec<(&str, usize)> = all
            .iter()
            .map(|o| (o.owner.as_str(), o.outstanding))
            .collect();
        assert_eq!(names, [("a", 1), ("b", 2), ("the Chair", 1)]);
        let missing: Vec<String> = owners_without_address(&plan, &ledger)
            .into_iter()
            .map(|o| o.owner)
            .collect();
        assert_eq!(missing, ["b", "the Chair"], "c owns nothing outstanding");
    }
}

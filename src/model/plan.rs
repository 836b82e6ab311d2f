//! The action plan: the roster of partners, the priority areas and their actions.

use chrono::NaiveDate;
use std::collections::HashMap;

use super::Status;

/// Anyone who can own an action: a member state, an agency, an organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Partner {
    /// Roster id, unique in the plan (`ctu`, `tt`).
    pub id: String,
    /// Full name.
    pub name: String,
    /// Short name for tables (`CTU`); the name is shown when the file gives none.
    pub short: Option<String>,
    /// Free text: member-state, associate-member, regional-agency, ...
    pub kind: String,
    /// Other names people type.
    pub aliases: Vec<String>,
    /// Where digests for this partner go (roster `email`, one or several).
    pub emails: Vec<String>,
    /// The person addressed in digests (roster `contact`).
    pub contact: Option<String>,
}

impl Partner {
    /// The name to show in a narrow column: the short name, else the name (a column too
    /// narrow cuts it with `…`), never the id, which is for files, not for readers.
    pub fn label(&self) -> &str {
        match self.short.as_deref() {
            Some(s) if !s.trim().is_empty() => s,
            _ if !self.name.trim().is_empty() => &self.name,
            _ => &self.id,
        }
    }

    /// True when digests can be addressed to this partner.
    pub fn has_address(&self) -> bool {
        !self.emails.is_empty()
    }

    /// A full or associate member state of the community (counts towards a quorum).
    pub fn is_state(&self) -> bool {
        matches!(self.kind.as_str(), "member-state" | "associate-member")
    }
}

/// One row of the plan: a common need and the solution agreed for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    /// Unique in the plan (`PA-1`).
    pub id: String,
    /// The common need.
    pub need: String,
    /// The solution, as a short action.
    pub title: String,
    /// Agencies with an interest, present or potential.
    pub partners: Vec<String>,
    /// Responsible partners; may be empty.
    pub owners: Vec<String>,
    /// Due date, when one was set.
    pub due: Option<NaiveDate>,
    /// Status at the plan's baseline.
    pub status: Status,
}

/// A priority area: the spine of every review meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// Unique in the plan (`awareness`).
    pub id: String,
    /// Walk order (1, 2, ...).
    pub number: u32,
    /// Title.
    pub title: String,
    /// A paragraph describing the area.
    pub summary: String,
    /// The area's actions, in file order.
    pub actions: Vec<Action>,
}

/// The whole plan, with lookups built once at load.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Plan id (`ccscap`).
    pub id: String,
    /// Full title.
    pub title: String,
    /// Short title (`CCSCAP`).
    pub short: String,
    /// Date of adoption, if known.
    pub adopted: Option<NaiveDate>,
    /// The roster.
    pub partners: Vec<Partner>,
    /// Priority areas, sorted by `number`.
    pub areas: Vec<Area>,
    partner_index: HashMap<String, usize>,
    action_index: HashMap<String, (usize, usize)>,
    area_index: HashMap<String, usize>,
}

impl Plan {
    /// Builds a plan and its lookups; areas are put in `number` order.
    pub fn new(
        id: String,
        title: String,
        short: String,
        adopted: Option<NaiveDate>,
        partners: Vec<Partner>,
        mut areas: Vec<Area>,
    ) -> Plan {
        areas.sort_by_key(|a| a.number);
        let mut plan = Plan {
            id,
            title,
            short,
            adopted,
            partners,
            areas,
            ..Plan::default()
        };
        plan.reindex();
        plan
    }

    fn reindex(&mut self) {
        self.partner_index = self
            .partners
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        self.area_index = self
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        self.action_index = self
            .areas
            .iter()
            .enumerate()
            .flat_map(|(ai, a)| {
                a.actions
                    .iter()
                    .enumerate()
                    .map(move |(xi, x)| (x.id.clone(), (ai, xi)))
            })
            .collect();
    }

    /// The partner with this roster id.
    pub fn partner(&self, id: &str) -> Option<&Partner> {
        self.partner_index.get(id).map(|&i| &self.partners[i])
    }

    /// The area with this id.
    pub fn area(&self, id: &str) -> Option<&Area> {
        self.area_index.get(id).map(|&i| &self.areas[i])
    }

    /// Position of an area in walk order.
    pub fn area_position(&self, id: &str) -> Option<usize> {
        self.area_index.get(id).copied()
    }

    /// The action with this id and the area it sits in.
    pub fn action(&self, id: &str) -> Option<(&Area, &Action)> {
        self.action_index
            .get(id)
            .map(|&(a, x)| (&self.areas[a], &self.areas[a].actions[x]))
    }

    /// Where an action sits: its area's position in walk order and its own in the area.
    pub fn action_position(&self, id: &str) -> Option<(usize, usize)> {
        self.action_index.get(id).copied()
    }

    /// Every action of the plan with its area, in walk order.
    pub fn actions(&self) -> impl Iterator<Item = (&Area, &Action)> {
        self.areas
            .iter()
            .flat_map(|a| a.actions.iter().map(move |x| (a, x)))
    }

    /// True when any partner of the roster carries an email address: the body sends digests.
    pub fn has_contacts(&self) -> bool {
        self.partners.iter().any(Partner::has_address)
    }

    /// The label shown for an owner: the short name of a roster id, or the free text.
    pub fn owner_label<'a>(&'a self, owner: &'a str) -> &'a str {
        self.partner(owner).map_or(owner, Partner::label)
    }
}

//! Agenda files -> [`Agenda`], and the meeting header shared with minutes.

use std::collections::HashMap;
use std::ops::Range;

use toml::de::DeTable;

use super::reader::{Fields, Located};
use super::{Doc, RefKind, Reference, duplicate};
use crate::load::diag::Problem;
use crate::model::attendance::Role;
use crate::model::{Agenda, AgendaItem, Attendee, Meeting};

const ROOT: &[&str] = &["meeting", "attendees", "items"];
/// Fields of `[meeting]` in an agenda.
pub const MEETING: &[&str] = &[
    "id",
    "title",
    "body",
    "date",
    "start",
    "venue",
    "chair",
    "rapporteur",
    "classification",
    "quorum",
    "quorum_kinds",
    "symbol",
    "distribution",
    "language",
    "plan",
];
const ATTENDEE: &[&str] = &["name", "represents", "role"];
const ITEM: &[&str] = &[
    "id",
    "title",
    "area",
    "minutes",
    "presenter",
    "confidential",
];

/// Reads the header fields common to agendas and minutes; returns the plan path's place.
/// Each of `quorum_kinds` is a reference to a kind the roster has.
pub fn read_meeting(
    f: &mut Fields<'_, '_, '_>,
    refs: &mut Vec<Reference>,
) -> (Meeting, Range<usize>) {
    let id = f.req_str("id").value;
    let title = f.req_str("title").value;
    let body = f.str_or_empty("body");
    let date = f.req_date("date");
    let start = f.opt_time("start");
    let venue = f.str_or_empty("venue");
    let chair = f.str_or_empty("chair");
    let rapporteur = f.str_or_empty("rapporteur");
    let classification = f.opt_str("classification").map(|l| l.value);
    let quorum = f.opt_u32("quorum").map(|l| {
        if let Some(w) = super::advice::quorum(l.value, l.span) {
            f.problem(w);
        }
        l.value
    });
    let quorum_kinds = f.opt_strs("quorum_kinds").map(|v| {
        v.into_iter()
            .map(|l| {
                push_ref(refs, RefKind::QuorumKind, &Some(l.clone()));
                l.value
            })
            .collect()
    });
    let symbol = f.opt_str("symbol").map(|l| l.value);
    let distribution = f.opt_str("distribution").map(|l| l.value);
    let language = f.opt_str("language").map(|l| {
        if let Some(w) = super::advice::language(&l.value, l.span) {
            f.problem(w);
        }
        l.value
    });
    let plan = f.req_str("plan");
    let meeting = Meeting {
        id,
        title,
        body,
        date,
        start,
        venue,
        chair,
        rapporteur,
        classification: classification.filter(|c| !c.trim().is_empty()),
        quorum,
        quorum_kinds,
        symbol: symbol.filter(|c| !c.trim().is_empty()),
        distribution: distribution.filter(|c| !c.trim().is_empty()),
        language: language.filter(|c| !c.trim().is_empty()),
        plan: plan.value,
    };
    (meeting, plan.span)
}

/// Reads an agenda. References to the plan (areas, presenters) are returned for the
/// caller to resolve once the plan is loaded.
pub fn parse(
    doc: &Doc<'_>,
    root: &DeTable<'_>,
    problems: &mut Vec<Problem>,
    refs: &mut Vec<Reference>,
) -> (Agenda, Range<usize>) {
    let mut f = Fields::new(root, 0..0, "the agenda file", ROOT, problems);
    let header = f.req_table("meeting");
    let attendee_tables = f.tables("attendees");
    let item_tables = f.tables("items");
    f.finish();
    let (meeting, plan_span) = match header {
        Some((t, span)) => {
            let mut h = Fields::new(t, span, "[meeting]", MEETING, problems);
            let m = read_meeting(&mut h, refs);
            h.finish();
            m
        }
        None => (Meeting::default(), 0..0),
    };
    let attendees = read_attendees(attendee_tables, problems, refs);
    let mut seen = HashMap::new();
    let mut items = Vec::with_capacity(item_tables.len());
    for (t, span) in item_tables {
        let mut i = Fields::new(t, span, "[[items]]", ITEM, problems);
        let id = i.req_str("id");
        let title = i.req_str("title").value;
        let area = i.opt_str("area");
        let minutes = i.opt_u32("minutes").map(|l| l.value);
        let presenter = i.opt_str("presenter");
        let confidential = i.flag("confidential");
        i.finish();
        duplicate(doc, &mut seen, &id, "agenda item id", problems);
        push_ref(refs, RefKind::Area, &area);
        push_ref(refs, RefKind::Partner, &presenter);
        items.push(AgendaItem {
            id: id.value,
            title,
            area: area.map(|l| l.value),
            minutes,
            presenter: presenter.map(|l| l.value),
            confidential,
        });
    }
    let agenda = Agenda {
        meeting,
        attendees,
        items,
    };
    (agenda, plan_span)
}

fn read_attendees(
    tables: Vec<(&DeTable<'_>, Range<usize>)>,
    problems: &mut Vec<Problem>,
    refs: &mut Vec<Reference>,
) -> Vec<Attendee> {
    tables
        .into_iter()
        .map(|(t, span)| {
            let mut a = Fields::new(t, span, "[[attendees]]", ATTENDEE, problems);
            let name = a.str_or_empty("name");
            let represents = a.req_str("represents");
            push_ref(refs, RefKind::Attendee, &Some(represents.clone()));
            let represents = represents.value;
            let role = a.opt_str("role");
            a.finish();
            // A role is free text in an agenda ("secretariat", "host delegation"), but a
            // misspelt role ("observor") would be dropped from the minutes and the
            // delegate counted: a word this close to a role and not one is an error.
            if let Some(r) = &role
                && Role::from_loose(&r.value).is_none()
                && let Some(near) = misspelt_role(&r.value)
            {
                let near = format!(" (did you mean '{near}'?)");
                problems.push(Problem::error(
                    r.span.clone(),
                    format!(
                        "role {} is not a role{near}: use one of {}",
                        crate::text::quoted(&r.value),
                        Role::valid_list()
                    ),
                ));
            }
            let role = role.map(|r| r.value).unwrap_or_default();
            Attendee {
                name,
                represents,
                role,
            }
        })
        .collect()
}

/// The role a word is a misspelling of: one edit or so away (`observor`, `adviser`).
fn misspelt_role(word: &str) -> Option<&'static str> {
    let word = word.trim().to_lowercase();
    Role::ALL
        .iter()
        .map(|r| r.as_str())
        .map(|r| (strsim::normalized_damerau_levenshtein(&word, r), r))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, r)| r)
}

/// Records a reference to resolve later, if the value is there.
pub fn push_ref(refs: &mut Vec<Reference>, kind: RefKind, value: &Option<Located<String>>) {
    if let Some(l) = value {
        refs.push(Reference {
            kind,
            value: l.value.clone(),
            span: l.span.clone(),
        });
    }
}

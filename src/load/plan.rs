//! `plan.toml` -> [`Plan`]: the roster, the areas and their actions, checked within the file.

use std::collections::{HashMap, HashSet};

use toml::de::DeTable;

use super::reader::{Fields, Located};
use super::split::Start;
use super::{Doc, RefKind, Reference, duplicate, first_definition, read_status};
use crate::load::diag::Problem;
use crate::model::{Action, Area, Partner, Plan};

const ROOT: &[&str] = &["plan", "partners", "areas"];
const PLAN: &[&str] = &["id", "title", "short", "adopted"];
const PARTNER: &[&str] = &["id", "name", "short", "kind", "aliases", "email", "contact"];
const AREA: &[&str] = &["id", "number", "title", "summary", "actions"];
const ACTION: &[&str] = &["id", "need", "title", "partners", "owners", "due", "status"];

/// A plan's TOML model, or one of the pieces a large plan was parsed in (see
/// [`super::split`]): a root table, the offset of its text in the file, and what it starts
/// with.
#[derive(Clone, Copy)]
pub struct Piece<'t, 'i> {
    /// The root table of the piece.
    pub root: &'t DeTable<'i>,
    /// Added to the piece's spans to place them in the file.
    pub shift: usize,
    /// What the piece starts with: the file, areas, or actions of the area before it.
    pub start: Start,
}

/// An area's table and the piece it was read from, with the actions that continue it in
/// later pieces.
struct AreaSource<'t, 'i> {
    table: &'t DeTable<'i>,
    span: std::ops::Range<usize>,
    shift: usize,
    more: Vec<(&'t DeTable<'i>, std::ops::Range<usize>, usize)>,
}

/// Reads a plan; roster references are checked here, since the roster is in the file.
pub fn parse(doc: &Doc<'_>, root: &DeTable<'_>, problems: &mut Vec<Problem>) -> Plan {
    let whole = Piece {
        root,
        shift: 0,
        start: Start::File,
    };
    parse_pieces(doc, &[whole], problems)
}

/// Reads a plan from its model, whole or in pieces; the pieces read as the whole would.
pub fn parse_pieces(doc: &Doc<'_>, pieces: &[Piece<'_, '_>], problems: &mut Vec<Problem>) -> Plan {
    let Some(first) = pieces.first() else {
        return Plan::default();
    };
    let mut refs = Vec::new();
    let mut f = Fields::new(first.root, 0..0, "the plan file", ROOT, problems).shifted(first.shift);
    let header = f.req_table("plan");
    let partner_tables = f.tables("partners");
    let area_tables = f.tables("areas");
    f.finish();
    let mut sources: Vec<AreaSource<'_, '_>> = area_tables
        .into_iter()
        .map(|(table, span)| AreaSource {
            table,
            span,
            shift: first.shift,
            more: Vec::new(),
        })
        .collect();
    for piece in &pieces[1..] {
        let mut f =
            Fields::new(piece.root, 0..0, "the plan file", ROOT, problems).shifted(piece.shift);
        match piece.start {
            Start::Actions => {
                // `areas` is the table the actions' header path makes: the area before.
                let area = f.table("areas");
                f.finish();
                if let Some((table, span)) = area {
                    let mut a =
                        Fields::new(table, span, "[[areas]]", AREA, problems).shifted(piece.shift);
                    let actions = a.tables("actions");
                    a.finish();
                    if let Some(last) = sources.last_mut() {
                        last.more
                            .extend(actions.into_iter().map(|(t, s)| (t, s, piece.shift)));
                    }
                }
            }
            Start::File | Start::Areas => {
                let tables = f.tables("areas");
                f.finish();
                sources.extend(tables.into_iter().map(|(table, span)| AreaSource {
                    table,
                    span,
                    shift: piece.shift,
                    more: Vec::new(),
                }));
            }
        }
    }

    let (id, title, short, adopted) = match header {
        Some((t, span)) => {
            let mut h = Fields::new(t, span, "[plan]", PLAN, problems).shifted(first.shift);
            let id = h.req_str("id").value;
            let title = h.req_str("title").value;
            let short = h.opt_str("short").map(|s| s.value);
            let adopted = h.opt_date("adopted");
            h.finish();
            let short = short.unwrap_or_else(|| id.to_uppercase());
            (id, title, short, adopted)
        }
        None => Default::default(),
    };

    let mut seen = HashMap::new();
    let mut partners = Vec::with_capacity(partner_tables.len());
    for (t, span) in partner_tables {
        let mut p = Fields::new(t, span, "[[partners]]", PARTNER, problems).shifted(first.shift);
        let id = p.req_str("id");
        let name = p.req_str("name").value;
        let short = p.opt_str("short").map(|s| s.value);
        let kind = p.str_or_empty("kind");
        let aliases = p.strs("aliases").into_iter().map(|a| a.value).collect();
        let emails = p.str_or_strs("email");
        let contact = p.opt_str("contact").map(|c| c.value);
        p.finish();
        for e in &emails {
            if let Some(problem) = super::contacts::address_problem(e) {
                problems.push(problem);
            }
        }
        duplicate(doc, &mut seen, &id, "partner id", problems);
        partners.push(Partner {
            id: id.value,
            name,
            short,
            kind,
            aliases,
            emails: emails.into_iter().map(|e| e.value).collect(),
            contact,
        });
    }

    // Roster references resolve against the roster read above; only those that do not are
    // kept, to be reported with the closest ids once the plan is built.
    let roster: HashSet<&str> = partners.iter().map(|p| p.id.as_str()).collect();
    let mut area_ids = HashMap::new();
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut action_ids: HashMap<&str, usize> = HashMap::new();
    let mut areas = Vec::with_capacity(sources.len());
    for source in sources {
        let mut a = Fields::new(source.table, source.span, "[[areas]]", AREA, problems)
            .shifted(source.shift);
        let id = a.req_str("id");
        let number = a.req_u32("number");
        let title = a.req_str("title").value;
        let summary = a.str_or_empty("summary");
        let action_tables = a.tables("actions");
        a.finish();
        duplicate(doc, &mut area_ids, &id, "area id", problems);
        let number_key = Located {
            value: number.value.to_string(),
            span: number.span.clone(),
        };
        duplicate(doc, &mut numbers, &number_key, "area number", problems);

        let action_tables = action_tables
            .into_iter()
            .map(|(t, span)| (t, span, source.shift))
            .chain(source.more);
        let mut actions = Vec::with_capacity(action_tables.size_hint().0);
        for (t, span, shift) in action_tables {
            let mut x = Fields::new(t, span, "[[areas.actions]]", ACTION, problems).shifted(shift);
            let aid = x.req_str_ref("id");
            let need = x.str_or_empty("need");
            let atitle = x.req_str("title").value;
            let partners = x.strs_ref("partners");
            let owners = x.strs_ref("owners");
            let due = x.opt_date("due");
            let status = read_status(&mut x, "status").unwrap_or_default();
            x.finish();
            first_definition(doc, &mut action_ids, aid.clone(), "action id", problems);
            for (kind, list) in [(RefKind::Partner, &partners), (RefKind::Owner, &owners)] {
                refs.extend(
                    list.iter()
                        .filter(|l| !roster.contains(l.value))
                        .map(|l| Reference {
                            kind,
                            value: l.value.to_string(),
                            span: l.span.clone(),
                        }),
                );
            }
            actions.push(Action {
                id: aid.value.to_string(),
                need,
                title: atitle,
                partners: partners.iter().map(|l| l.value.to_string()).collect(),
                owners: owners.iter().map(|l| l.value.to_string()).collect(),
                due,
                status,
            });
        }
        areas.push(Area {
            id: id.value,
            number: number.value,
            title,
            summary,
            actions,
        });
    }
    drop(roster);
    let plan = Plan::new(id, title, short, adopted, partners, areas);
    let ctx = super::Context {
        plan: Some(&plan),
        decisions: None,
        strict_owners: true,
    };
    ctx.resolve(&refs, problems);
    plan
}

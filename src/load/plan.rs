//! `plan.toml` -> [`Plan`]: the roster, the areas and their actions, checked within the file.

use std::collections::HashMap;

use toml::de::DeTable;

use super::reader::{Fields, Located};
use super::{Doc, RefKind, Reference, duplicate, read_status};
use crate::load::diag::Problem;
use crate::model::{Action, Area, Partner, Plan};

const ROOT: &[&str] = &["plan", "partners", "areas"];
const PLAN: &[&str] = &["id", "title", "short", "adopted"];
const PARTNER: &[&str] = &["id", "name", "short", "kind", "aliases", "email", "contact"];
const AREA: &[&str] = &["id", "number", "title", "summary", "actions"];
const ACTION: &[&str] = &["id", "need", "title", "partners", "owners", "due", "status"];

/// Reads a plan; roster references are checked here, since the roster is in the file.
pub fn parse(doc: &Doc<'_>, root: &DeTable<'_>, problems: &mut Vec<Problem>) -> Plan {
    let mut refs = Vec::new();
    let mut f = Fields::new(root, 0..0, "the plan file", ROOT, problems);
    let header = f.req_table("plan");
    let partner_tables = f.tables("partners");
    let area_tables = f.tables("areas");
    f.finish();

    let (id, title, short, adopted) = match header {
        Some((t, span)) => {
            let mut h = Fields::new(t, span, "[plan]", PLAN, problems);
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
        let mut p = Fields::new(t, span, "[[partners]]", PARTNER, problems);
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

    let mut area_ids = HashMap::new();
    let mut numbers: HashMap<String, Located<String>> = HashMap::new();
    let mut action_ids = HashMap::new();
    let mut areas = Vec::with_capacity(area_tables.len());
    for (t, span) in area_tables {
        let mut a = Fields::new(t, span, "[[areas]]", AREA, problems);
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

        let mut actions = Vec::with_capacity(action_tables.len());
        for (t, span) in action_tables {
            let mut x = Fields::new(t, span, "[[areas.actions]]", ACTION, problems);
            let aid = x.req_str("id");
            let need = x.str_or_empty("need");
            let atitle = x.req_str("title").value;
            let partners = x.strs("partners");
            let owners = x.strs("owners");
            let due = x.opt_date("due");
            let status = read_status(&mut x, "status").unwrap_or_default();
            x.finish();
            duplicate(doc, &mut action_ids, &aid, "action id", problems);
            for (kind, list) in [(RefKind::Partner, &partners), (RefKind::Owner, &owners)] {
                refs.extend(list.iter().map(|l| Reference {
                    kind,
                    value: l.value.clone(),
                    span: l.span.clone(),
                }));
            }
            actions.push(Action {
                id: aid.value,
                need,
                title: atitle,
                partners: partners.into_iter().map(|l| l.value).collect(),
                owners: owners.into_iter().map(|l| l.value).collect(),
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
    let plan = Plan::new(id, title, short, adopted, partners, areas);
    let ctx = super::Context {
        plan: Some(&plan),
        decisions: None,
        strict_owners: true,
    };
    ctx.resolve(&refs, problems);
    plan
}

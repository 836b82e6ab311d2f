//! Synthetic plans and minutes of any size, for benchmarks, load tests and the
//! `generate` example. Deterministic: the same sizes give the same bytes.

use std::fmt::Write;

use chrono::{Datelike, Months, NaiveDate};

const STATUSES: [&str; 5] = ["open", "in-progress", "blocked", "done", "dropped"];

/// A plan with `areas` priority areas, `actions` actions spread over them and `partners`
/// partners (the first fifth of them member states).
pub fn plan(areas: usize, actions: usize, partners: usize) -> String {
    let mut s = String::with_capacity(actions * 220 + partners * 120);
    s.push_str("[plan]\nid = \"generated\"\ntitle = \"A generated plan\"\nshort = \"GEN\"\nadopted = 2016-11-21\n\n");
    for p in 0..partners {
        let kind = if p % 5 == 0 {
            "member-state"
        } else {
            "regional-agency"
        };
        let _ = write!(
            s,
            "[[partners]]\nid = \"p{p}\"\nname = \"Partner organisation number {p}\"\nshort = \"P{p}\"\nkind = \"{kind}\"\naliases = [\"Org {p}\"]\n\n"
        );
    }
    let per_area = actions.div_ceil(areas.max(1));
    for a in 0..areas {
        let _ = write!(
            s,
            "[[areas]]\nid = \"area-{a}\"\nnumber = {}\ntitle = \"Priority area {a}\"\nsummary = \"Generated area {a}.\"\n\n",
            a + 1
        );
        for x in (a * per_area)..((a + 1) * per_area).min(actions) {
            let due = NaiveDate::from_ymd_opt(2017, 1, 1)
                .and_then(|d| d.checked_add_months(Months::new((x % 60) as u32)))
                .unwrap_or_default();
            let _ = write!(
                s,
                "[[areas.actions]]\nid = \"X-{x}\"\nneed = \"Need number {x} of the region\"\ntitle = \"Solution {x}: train, equip and report on cyber security item {x}\"\npartners = [\"p{}\", \"p{}\"]\nowners = [\"p{}\"]\ndue = {due}\nstatus = \"{}\"\n\n",
                x % partners.max(1),
                (x + 1) % partners.max(1),
                x % partners.max(1),
                STATUSES[x % 3]
            );
        }
    }
    s
}

/// An agenda for meeting `n` of a generated plan: one item per area.
pub fn agenda(n: usize, areas: usize) -> String {
    let date = meeting_date(n);
    let mut s = format!(
        "[meeting]\nid = \"g{n}\"\ntitle = \"Generated meeting {n}\"\nbody = \"GEN\"\ndate = {date}\nquorum = 3\nplan = \"plan.toml\"\n\n"
    );
    for a in 0..areas {
        let _ = write!(
            s,
            "[[items]]\nid = \"{}\"\ntitle = \"Priority area {a}\"\narea = \"area-{a}\"\nminutes = 15\n\n",
            a + 1
        );
    }
    s
}

/// The date of generated meeting `n`: monthly from January 2017.
pub fn meeting_date(n: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, 1, 15)
        .and_then(|d| d.checked_add_months(Months::new(n as u32)))
        .unwrap_or_default()
}

/// Minutes of meeting `n` with `decisions` decisions (half of them actions) and an
/// update to a plan action and to a decision of the meeting before for every tenth.
pub fn minutes(n: usize, areas: usize, decisions: usize, plan_actions: usize) -> String {
    let date = meeting_date(n);
    let mut s = format!(
        "[meeting]\nid = \"g{n}\"\ntitle = \"Generated meeting {n}\"\nbody = \"GEN\"\ndate = {date}\nquorum = 3\nplan = \"plan.toml\"\nagenda = \"g{n}.toml\"\nstate = \"draft\"\n\n"
    );
    let per_item = decisions.div_ceil(areas.max(1));
    for a in 0..areas {
        let item = a + 1;
        let _ = write!(
            s,
            "[[items]]\nid = \"{item}\"\ntitle = \"Priority area {a}\"\narea = \"area-{a}\"\n\n"
        );
        for k in 0..per_item.min(decisions.saturating_sub(a * per_item)) {
            let _ = write!(
                s,
                "[[items.decisions]]\nid = \"{item}-{}\"\ntext = \"Decision {k} of meeting {n} on area {a}\"\n",
                k + 1
            );
            if k % 2 == 0 {
                let due = date
                    .with_day(1)
                    .and_then(|d| d.checked_add_months(Months::new((k % 24) as u32 + 1)))
                    .unwrap_or(date);
                let _ = write!(
                    s,
                    "owners = [\"p{}\"]\ndue = {due}\nstatus = \"{}\"\n",
                    (n + k) % 7,
                    STATUSES[(n + k) % 4]
                );
            }
            s.push('\n');
        }
        for k in (0..per_item).step_by(10) {
            if plan_actions > 0 {
                let _ = write!(
                    s,
                    "[[items.updates]]\naction = \"X-{}\"\nstatus = \"{}\"\n\n",
                    (n * 31 + k) % plan_actions,
                    STATUSES[(n + k) % 5]
                );
            }
            if n > 0 {
                let _ = write!(
                    s,
                    "[[items.updates]]\naction = \"g{}/{item}-1\"\nstatus = \"done\"\n\n",
                    n - 1
                );
            }
        }
    }
    s
}

/// Writes a plan, `meetings` agendas and their minutes into `dir`.
pub fn write_folder(
    dir: &std::path::Path,
    areas: usize,
    actions: usize,
    partners: usize,
    meetings: usize,
    decisions: usize,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("plan.toml"), plan(areas, actions, partners))?;
    for n in 0..meetings {
        std::fs::write(dir.join(format!("g{n}.toml")), agenda(n, areas))?;
        std::fs::write(
            dir.join(format!("g{n}.minutes.toml")),
            minutes(n, areas, decisions, actions),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Document, parse_document};

    #[test]
    fn generated_files_load() {
        let p = plan(5, 50, 20);
        let parsed = parse_document(&p, "plan.toml");
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let Some(Document::Plan(plan)) = parsed.document else {
            panic!("not a plan")
        };
        assert_eq!(plan.actions().count(), 50);
        let m = minutes(3, 5, 40, 50);
        let parsed = parse_document(&m, "g3.minutes.toml");
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert!(parse_document(&agenda(3, 5), "g3.toml").problems.is_empty());
    }
}

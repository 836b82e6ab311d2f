//! Outstanding actions across the plan and all minutes: filters, order and formats.

use chrono::NaiveDate;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;

use crate::model::dates::DateStyle;
use crate::model::ledger::due_order;
use crate::model::roster::Roster;
use crate::model::{ActionState, Ledger, Plan, Status};

/// What to keep.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only actions with one of these owners (roster ids or free text, as
    /// [`resolve_owner`] names them); empty: any owner.
    pub owners: Vec<String>,
    /// Only this area (id).
    pub area: Option<String>,
    /// Only this status.
    pub status: Option<Status>,
    /// Only overdue actions.
    pub overdue: bool,
    /// Only actions due on or before this day (`--due-within`; overdue ones included).
    pub due_by: Option<NaiveDate>,
}

/// One outstanding action as the chair sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Plan id or `<meeting>/<decision>`.
    pub id: String,
    /// Area id, when known.
    pub area: Option<String>,
    /// Title or decision text.
    pub title: String,
    /// Owner ids (or free text).
    pub owners: Vec<String>,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Current status.
    pub status: Status,
    /// Past its due date on the as-of date.
    pub overdue: bool,
    /// Days past due, when overdue.
    pub days_overdue: Option<i64>,
    /// `plan` or the meeting id.
    pub source: String,
}

/// Why an `--owner` or `--area` could not be used.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct FilterError(pub String);

/// The owner `--owner` named, by the one owner-matching rule (`model::roster`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedOwner {
    /// The owner values to keep: one roster id, or the free-text owners named.
    pub owners: Vec<String>,
    /// What was taken, for the person who typed it.
    pub label: String,
}

/// The owner typed text names: a roster entry on a strong match; otherwise free-text
/// owners used in the minutes that the text names by the same rule (`chair` names "the
/// Chair"); otherwise an error offering the weak matches, never taking one.
pub fn resolve_owner(typed: &str, plan: &Plan, ledger: &Ledger) -> Result<NamedOwner, FilterError> {
    let roster = Roster::new(&plan.partners);
    if let Some(&i) = roster.strong(typed).first() {
        let p = &plan.partners[i];
        return Ok(NamedOwner {
            owners: vec![p.id.clone()],
            label: format!("{} ({})", p.id, p.name),
        });
    }
    let mut free: Vec<String> = Vec::new();
    for o in ledger.actions().iter().flat_map(|a| a.owners.iter()) {
        if plan.partner(o).is_none() && Roster::names_free_text(typed, o) && !free.contains(o) {
            free.push(o.clone());
        }
    }
    if !free.is_empty() {
        // Spellings of one owner (`Roster::same_free_owner`) are one, under the first.
        let mut groups: Vec<Vec<&String>> = Vec::new();
        for f in &free {
            match groups.iter_mut().find(|g| Roster::same_free_owner(g[0], f)) {
                Some(g) => g.push(f),
                None => groups.push(vec![f]),
            }
        }
        let label = groups
            .iter()
            .map(|g| {
                let also: Vec<String> = g[1..].iter().map(|f| crate::text::quoted(f)).collect();
                if also.is_empty() {
                    format!("{} (free text)", crate::text::quoted(g[0]))
                } else {
                    format!(
                        "{} (free text, also written {})",
                        crate::text::quoted(g[0]),
                        also.join(", ")
                    )
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        return Ok(NamedOwner {
            owners: free,
            label,
        });
    }
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut weak: Vec<(i64, &str)> = plan
        .partners
        .iter()
        .filter_map(|p| {
            let mut text = format!("{} {} {}", p.id, p.name, p.short.as_deref().unwrap_or(""));
            for a in &p.aliases {
                text.push(' ');
                text.push_str(a);
            }
            matcher
                .fuzzy_match(&text, typed)
                .map(|s| (s, p.id.as_str()))
        })
        .collect();
    weak.sort_by_key(|w| std::cmp::Reverse(w.0));
    let offer = if weak.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = weak
            .iter()
            .take(3)
            .map(|(_, id)| crate::text::quoted(id))
            .collect();
        format!("; did you mean {}?", names.join(", "))
    };
    Err(FilterError(format!(
        "no partner matches {} and no free-text owner in the minutes does: use a roster id, \
         a short name, an alias or the starts of the words of a name{offer}",
        crate::text::quoted(typed)
    )))
}

/// The last day of a `--due-within` span (`30d`, `2w`, `3m`) counted from `as_of`.
pub fn due_within(span: &str, as_of: NaiveDate) -> Result<NaiveDate, FilterError> {
    let span = span.trim();
    if span.starts_with(['+', '-']) {
        return Err(FilterError(format!(
            "{} is not a span: use a number of days, weeks or months such as 30d, 2w or 3m",
            crate::text::quoted(span)
        )));
    }
    crate::model::dates::parse_due(&format!("+{span}"), as_of).map_err(|_| {
        FilterError(format!(
            "{} is not a span: use a number of days, weeks or months such as 30d, 2w or 3m",
            crate::text::quoted(span)
        ))
    })
}

/// An area id from an id or a number.
pub fn resolve_area(typed: &str, plan: &Plan) -> Result<String, FilterError> {
    if plan.area(typed).is_some() {
        return Ok(typed.to_string());
    }
    if let Ok(n) = typed.parse::<u32>()
        && let Some(a) = plan.areas.iter().find(|a| a.number == n)
    {
        return Ok(a.id.clone());
    }
    Err(FilterError(format!(
        "unknown area {}{}",
        crate::text::quoted(typed),
        crate::load::diag::hint(typed, plan.areas.iter().map(|a| a.id.as_str()))
    )))
}

fn row(a: &ActionState, as_of: NaiveDate) -> Row {
    let days = a.days_overdue(as_of);
    Row {
        id: a.id.clone(),
        area: a.area.clone(),
        title: a.title.clone(),
        owners: a.owners.clone(),
        due: a.due,
        status: a.status,
        overdue: days.is_some(),
        days_overdue: days,
        source: a.source.label().to_string(),
    }
}

/// Outstanding actions that pass the filter, sorted by due date (none last), then id.
pub fn outstanding(ledger: &Ledger, filter: &Filter, as_of: NaiveDate) -> Vec<Row> {
    let mut rows: Vec<Row> = ledger
        .outstanding()
        .filter(|a| filter.owners.is_empty() || a.owners.iter().any(|o| filter.owners.contains(o)))
        .filter(|a| filter.area.is_none() || a.area == filter.area)
        .filter(|a| filter.status.is_none_or(|s| a.status == s))
        .filter(|a| !filter.overdue || a.is_overdue(as_of))
        .filter(|a| {
            filter
                .due_by
                .is_none_or(|by| a.due.is_some_and(|d| d <= by))
        })
        .map(|a| row(a, as_of))
        .collect();
    rows.sort_by(|a, b| due_order((a.due, &a.id), (b.due, &b.id)));
    rows
}

/// How wide the variable cells of a row are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowWidths {
    /// The action's name.
    pub id: usize,
    /// Title.
    pub title: usize,
    /// Owners, by short name.
    pub owners: usize,
}

/// One outstanding action as the `outstanding` table and the review screen print it:
/// every cell inert, fitted and padded to its width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowCells {
    /// The action's name.
    pub id: String,
    /// Title or decision text.
    pub title: String,
    /// Owners by short name.
    pub owners: String,
    /// Due date in the `dates` style, or `—`.
    pub due: String,
    /// Status word, padded.
    pub status: String,
    /// `12 days overdue`, or empty.
    pub late: String,
}

/// The one row formatter of outstanding actions.
pub fn row_cells(plan: &Plan, r: &Row, w: RowWidths, dates: DateStyle) -> RowCells {
    use crate::text::{fit, inert_line};
    let due = r.due.map_or_else(|| "—".to_string(), |d| dates.format(d));
    RowCells {
        id: fit(&inert_line(&r.id), w.id),
        title: fit(&inert_line(&r.title), w.title),
        owners: fit(&inert_line(&owners_label(plan, &r.owners)), w.owners),
        due: fit(&due, dates.width()),
        status: format!("{:<11}", r.status.as_str()),
        late: r.days_overdue.map_or_else(String::new, days_overdue),
    }
}

fn owners_label(plan: &Plan, owners: &[String]) -> String {
    owners
        .iter()
        .map(|o| plan.owner_label(o))
        .collect::<Vec<_>>()
        .join(", ")
}

fn area_label(plan: &Plan, area: Option<&str>) -> String {
    match area.and_then(|a| plan.area(a)) {
        Some(a) => format!("{}. {}", a.number, a.title),
        None => area.unwrap_or("no area").to_string(),
    }
}

/// Rows grouped by area in walk order (no area last), overdue first in each group.
pub fn by_area<'a>(plan: &Plan, rows: &'a [Row]) -> Vec<(Option<String>, Vec<&'a Row>)> {
    let mut keys: Vec<Option<String>> = Vec::new();
    for r in rows {
        if !keys.contains(&r.area) {
            keys.push(r.area.clone());
        }
    }
    keys.sort_by_key(|k| {
        k.as_deref()
            .and_then(|a| plan.area_position(a))
            .unwrap_or(usize::MAX)
    });
    keys.into_iter()
        .map(|k| {
            let mut group: Vec<&Row> = rows.iter().filter(|r| r.area == k).collect();
            group.sort_by_key(|r| !r.overdue);
            (k, group)
        })
        .collect()
}

/// `1 day overdue`, `12 days overdue`.
pub fn days_overdue(days: i64) -> String {
    if days == 1 {
        "1 day overdue".to_string()
    } else {
        format!("{days} days overdue")
    }
}

/// The table for a terminal: grouped by area, overdue first, days overdue; `paint` colours
/// a cell by what it is (overdue, blocked) or leaves it plain.
pub fn table(
    plan: &Plan,
    rows: &[Row],
    as_of: NaiveDate,
    dates: DateStyle,
    paint: &dyn Fn(&str, Option<&Row>) -> String,
) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    if rows.is_empty() {
        let _ = writeln!(out, "Nothing outstanding as of {}.", dates.format(as_of));
        return out;
    }
    let id_w = rows.iter().map(|r| r.id.chars().count()).max().unwrap_or(4);
    for (area, group) in by_area(plan, rows) {
        let overdue = group.iter().filter(|r| r.overdue).count();
        let head = format!(
            "{} ({} outstanding, {} overdue)",
            crate::text::inert_line(&area_label(plan, area.as_deref())),
            group.len(),
            overdue
        );
        let _ = writeln!(out, "{}", paint(&head, None));
        for r in group {
            let widths = RowWidths {
                id: id_w,
                title: 48,
                owners: 20,
            };
            let c = row_cells(plan, r, widths, dates);
            let line = format!(
                "  {}  {}  {}  {}  {}  {}",
                c.id, c.title, c.owners, c.due, c.status, c.late
            );
            let _ = writeln!(out, "{}", paint(line.trim_end(), Some(r)));
        }
    }
    let overdue = rows.iter().filter(|r| r.overdue).count();
    let _ = writeln!(
        out,
        "\n{} outstanding, {} overdue, as of {}",
        rows.len(),
        overdue,
        dates.format(as_of)
    );
    out
}

/// A Markdown table a chair can paste, dates in `dates` style.
pub fn markdown(plan: &Plan, rows: &[Row], dates: DateStyle) -> String {
    use crate::minutes::markdown::escape;
    let mut out = String::from(
        "| Action | Area | Title | Responsible | Due | Status | Overdue | Source |\n|---|---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        let cell = |s: &str| {
            let e = escape(s, "<br>");
            if e.is_empty() { "—".to_string() } else { e }
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
            cell(&r.id),
            cell(&area_label(plan, r.area.as_deref())),
            cell(&r.title),
            cell(&owners_label(plan, &r.owners)),
            r.due.map_or_else(|| "—".to_string(), |d| dates.format(d)),
            r.status,
            r.days_overdue
                .map_or_else(|| "no".to_string(), |d| format!("{d} days")),
            cell(&r.source)
        ));
    }
    out
}

/// The characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One CSV field: inert text, quoted when needed; a field a spreadsheet would evaluate as
/// a formula is neutralised by a leading `'` (and quoted), per the OWASP rule. The raw text
/// is tested as well as the cleaned one, so a leading tab or CR (which cleaning turns into
/// a space or drops) still counts.
pub fn csv_field(s: &str) -> String {
    let clean = crate::text::inert_line(s);
    let formula = s.starts_with(FORMULA_START) || clean.starts_with(FORMULA_START);
    if formula {
        format!("\"'{}\"", clean.replace('"', "\"\""))
    } else if clean.contains([',', '"', '\n']) {
        format!("\"{}\"", clean.replace('"', "\"\""))
    } else {
        clean.into_owned()
    }
}

/// CSV with a header row.
pub fn csv(rows: &[Row]) -> String {
    let mut out = String::from("id,area,title,owners,due,status,overdue,days_overdue,source\n");
    for r in rows {
        let fields = [
            csv_field(&r.id),
            csv_field(r.area.as_deref().unwrap_or("")),
            csv_field(&r.title),
            csv_field(&r.owners.join(";")),
            r.due.map(|d| d.to_string()).unwrap_or_default(),
            r.status.to_string(),
            r.overdue.to_string(),
            r.days_overdue.map(|d| d.to_string()).unwrap_or_default(),
            csv_field(&r.source),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// A JSON array of objects (`id`, `area`, `title`, `owners`, `due`, `status`, `overdue`,
/// `days_overdue`, `source`).
pub fn json(rows: &[Row]) -> String {
    let mut s = serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".to_string());
    s.push('\n');
    crate::machine_text::json(s)
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn formulas_are_neutralised_not_only_quoted() {
        assert_eq!(csv_field("=1+1"), "\"'=1+1\"");
        assert_eq!(csv_field("+1"), "\"'+1\"");
        assert_eq!(csv_field("-2"), "\"'-2\"");
        assert_eq!(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_field("\t=1"), "\"' =1\"", "a leading tab counts");
        assert_eq!(csv_field("\r=1"), "\"'=1\"", "a leading CR counts");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }

    #[test]
    fn ordinary_fields_are_left_alone_or_quoted() {
        assert_eq!(csv_field("PA-1"), "PA-1", "a dash inside is fine");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field(""), "");
    }
}

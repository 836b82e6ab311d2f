//! Minutes -> Markdown that reads as formal minutes and converts with pandoc.
//!
//! Every text from the record is escaped so that Markdown syntax, newlines or control
//! characters in a decision cannot break the document or its tables. No timestamps.

use std::fmt::Write;

use crate::model::ledger::{EventKind, Ledger};
use crate::model::{Minutes, MinutesState, Plan};
use crate::text::inert;

use super::Audience;

/// Escapes one line of text for a Markdown paragraph or table cell.
fn escape_line(line: &str, out: &mut String) {
    let line = line.trim_start();
    let bytes = line.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    for (i, c) in line.char_indices() {
        let at_start = i == 0;
        let list_marker = digits > 0 && i == digits && matches!(c, '.' | ')');
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '$' | '@'
        ) || list_marker
            || (at_start && matches!(c, '-' | '+' | '=' | ':' | '!'))
        {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Escaped inline text: control characters inert, newlines as `sep`.
pub fn escape(s: &str, sep: &str) -> String {
    let clean = inert(s);
    let mut out = String::with_capacity(clean.len() + 8);
    for (i, line) in clean.split('\n').enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        escape_line(line.trim_end_matches('\r'), &mut out);
    }
    out
}

/// Text for a table cell: one line, `<br>` between lines.
fn cell(s: &str) -> String {
    let e = escape(s, "<br>");
    if e.is_empty() { "—".to_string() } else { e }
}

/// A YAML double-quoted scalar for pandoc's front matter.
fn yaml(s: &str) -> String {
    let clean = crate::text::inert_line(s);
    format!("\"{}\"", clean.replace('\\', "\\\\").replace('"', "\\\""))
}

fn owners(plan: Option<&Plan>, list: &[String]) -> String {
    if list.is_empty() {
        return "—".to_string();
    }
    list.iter()
        .map(|o| cell(plan.map_or(o.as_str(), |p| p.owner_label(o))))
        .collect::<Vec<_>>()
        .join(", ")
}

fn area_title(plan: Option<&Plan>, id: Option<&str>) -> String {
    match (plan, id) {
        (Some(p), Some(id)) => p
            .area(id)
            .map_or_else(|| cell(id), |a| format!("{}. {}", a.number, cell(&a.title))),
        (None, Some(id)) => cell(id),
        (_, None) => "—".to_string(),
    }
}

/// What a rendering may draw on besides the minutes themselves.
#[derive(Default)]
pub struct Context<'a> {
    /// The plan, for short names, area titles and action titles.
    pub plan: Option<&'a Plan>,
    /// Minutes of other meetings, so the action matrix shows each action's state.
    pub others: &'a [Minutes],
    /// How dates are written for people (the `dates` setting).
    pub dates: crate::model::dates::DateStyle,
}

/// Renders the minutes for an audience.
pub fn render_with(m: &Minutes, ctx: &Context<'_>, audience: Audience) -> String {
    render_after(m, ctx, audience, None)
}

/// [`render_with`] for a caller that keeps every action as it stood before this meeting
/// (the plan and the earlier meetings, `before`): the action matrix then applies only this
/// meeting to the actions it names instead of building the whole plan's state again, so a
/// write after a change costs what the meeting holds, not what the plan holds.
pub fn render_after(
    m: &Minutes,
    ctx: &Context<'_>,
    audience: Audience,
    before: Option<&Ledger>,
) -> String {
    // The whole record needs no copy (a write after each change renders it).
    let (m, left_out) = match audience {
        Audience::All => (std::borrow::Cow::Borrowed(m), 0),
        _ => {
            let (cut, n) = super::for_audience(m, audience);
            (std::borrow::Cow::Owned(cut), n)
        }
    };
    let plan = ctx.plan;
    let mt = &m.meeting;
    let mut o = String::new();
    // A public rendering carries a public distribution line, never the restricted
    // marking of the committee's edition: the marking would be false on a cleaned copy.
    let public = (audience == Audience::Public).then(|| super::public_line(mt, left_out));
    let marking = match &public {
        Some(line) => Some(escape(line, " ")),
        None => mt.classification.as_deref().map(|c| escape(c, " ")),
    };

    let _ = writeln!(o, "---");
    let _ = writeln!(o, "title: {}", yaml(&mt.title));
    let subtitle = match public {
        Some(_) => format!("Minutes ({}), public version", m.state.as_str()),
        None => format!("Minutes ({})", m.state.as_str()),
    };
    let _ = writeln!(o, "subtitle: {}", yaml(&subtitle));
    let _ = writeln!(o, "date: {}", yaml(&mt.date.format("%Y-%m-%d").to_string()));
    match (&public, &mt.classification) {
        (Some(_), _) => {
            let _ = writeln!(o, "distribution: \"public\"");
        }
        (None, Some(c)) => {
            let _ = writeln!(o, "classification: {}", yaml(c));
        }
        (None, None) => {}
    }
    let _ = writeln!(o, "---\n");
    if let Some(c) = &marking {
        let _ = writeln!(o, "**{c}**\n");
    }
    let _ = writeln!(o, "# Minutes: {}\n", escape(&mt.title, " "));

    let _ = writeln!(o, "| | |\n|---|---|");
    let mut row = |k: &str, v: String| {
        let _ = writeln!(o, "| {k} | {v} |");
    };
    row("Body", cell(&mt.body));
    row("Meeting", cell(&mt.id));
    let when = match mt.start {
        Some(t) => format!("{}, {}", ctx.dates.format(mt.date), t.format("%H:%M")),
        None => ctx.dates.format(mt.date),
    };
    row("Date", when);
    row("Venue", cell(&mt.venue));
    row("Chair", cell(&mt.chair));
    row("Rapporteur", cell(&mt.rapporteur));
    let state = match (m.state, &m.approved_at) {
        (MinutesState::Approved, Some(at)) => format!("Approved at {}", cell(at)),
        (MinutesState::Approved, None) => "Approved".to_string(),
        (MinutesState::Draft, _) => "Draft".to_string(),
    };
    row("State", state);
    match (&public, &mt.classification) {
        (Some(_), _) => row(
            "Distribution",
            format!("Public version of the minutes of {}", cell(&mt.id)),
        ),
        (None, Some(c)) => row("Classification", escape(c, " ")),
        (None, None) => {}
    }
    if left_out > 0 {
        let _ = writeln!(
            o,
            "\nThis public edition leaves out {left_out} confidential record(s)."
        );
    }

    if !m.attendance.is_empty() {
        let _ = writeln!(o, "\n## Attendance\n");
        let _ = writeln!(o, "| Delegation | Name | Present |\n|---|---|---|");
        for a in &m.attendance {
            let who = plan
                .and_then(|p| p.partner(&a.represents))
                .map_or_else(|| cell(&a.represents), |p| cell(&p.name));
            let present = if a.present { "present" } else { "absent" };
            let _ = writeln!(o, "| {who} | {} | {present} |", cell(&a.name));
        }
    }

    for item in &m.items {
        let _ = writeln!(
            o,
            "\n## {} {}\n",
            escape(&item.id, " "),
            escape(&item.title, " ")
        );
        let mut meta = Vec::new();
        if item.area.is_some() {
            meta.push(format!(
                "Priority area {}",
                area_title(plan, item.area.as_deref())
            ));
        }
        if let Some(t) = item.taken_up {
            meta.push(format!("taken up at {}", t.format("%H:%M")));
        }
        if !meta.is_empty() {
            let _ = writeln!(o, "*{}*\n", meta.join("; "));
        }
        if let Some(notes) = item.notes.as_deref().filter(|n| !n.trim().is_empty()) {
            let _ = writeln!(o, "{}\n", escape(notes, "  \n"));
        }
        if !item.decisions.is_empty() {
            let _ = writeln!(o, "**Decisions**\n");
            for (n, d) in item.decisions.iter().enumerate() {
                let mut line = format!(
                    "{}. **{}** {}",
                    n + 1,
                    escape(&d.id, " "),
                    escape(&d.text, "  \n   ")
                );
                if !d.owners.is_empty() {
                    let _ = write!(line, " *Responsible:* {}.", owners(plan, &d.owners));
                }
                if let Some(due) = d.due {
                    let _ = write!(line, " *Due:* {}.", ctx.dates.format(due));
                }
                if let Some(s) = d.effective_status() {
                    let _ = write!(line, " *Status:* {s}.");
                }
                let _ = writeln!(o, "{line}");
            }
            o.push('\n');
        }
        if !item.updates.is_empty() {
            let _ = writeln!(o, "**Status updates**\n");
            for u in &item.updates {
                let title = plan
                    .and_then(|p| p.action(&u.action))
                    .map(|(_, a)| format!(" ({})", escape(&a.title, " ")))
                    .unwrap_or_default();
                let mut parts = Vec::new();
                if let Some(s) = u.status {
                    parts.push(format!("status {s}"));
                }
                if let Some(list) = &u.owners {
                    parts.push(format!("responsible {}", owners(plan, list)));
                }
                if let Some(d) = u.due {
                    parts.push(format!("due {}", ctx.dates.format(d)));
                }
                if let Some(n) = u.note.as_deref().filter(|n| !n.is_empty()) {
                    parts.push(escape(n, " "));
                }
                let _ = writeln!(
                    o,
                    "- **{}**{title}: {}",
                    escape(&u.action, " "),
                    parts.join("; ")
                );
            }
            o.push('\n');
        }
    }

    action_matrix(&mut o, &m, ctx, before);
    amendments(&mut o, &m, audience);

    if let Some(c) = &marking {
        let _ = writeln!(o, "\n---\n\n**{c}**");
    }
    o
}

/// Corrections made after approval: what changed, and that it was after approval. A
/// public edition gives their number only (a description may quote a confidential record).
fn amendments(o: &mut String, m: &Minutes, audience: Audience) {
    if m.amendments.is_empty() {
        return;
    }
    let _ = writeln!(o, "\n## Amendments after approval\n");
    if audience == Audience::Public {
        let _ = writeln!(
            o,
            "These minutes were corrected {} time(s) after their approval; the full record lists the changes.",
            m.amendments.len()
        );
        return;
    }
    let mut n = 0;
    for a in &m.amendments {
        for c in &a.changes {
            n += 1;
            let _ = writeln!(
                o,
                "{n}. After approval by {}: {}",
                cell(&a.after_approval_by),
                escape(c, " ")
            );
        }
    }
}

fn action_matrix(o: &mut String, m: &Minutes, ctx: &Context<'_>, before: Option<&Ledger>) {
    let empty = Plan::default();
    let plan = ctx.plan.unwrap_or(&empty);
    let ledger = match before {
        Some(before) => {
            let mut touched = before.touched_by(plan, m);
            touched.apply(plan, m);
            touched
        }
        None => {
            let others = ctx.others.iter().filter(|x| x.meeting.id != m.meeting.id);
            Ledger::build(plan, others.chain(std::iter::once(m)))
        }
    };
    let mut rows = Vec::new();
    for a in ledger.actions() {
        let Some(e) = a.history.iter().rev().find(|e| e.meeting == m.meeting.id) else {
            continue;
        };
        if matches!(e.kind, EventKind::Concerned(_))
            && !a.id.starts_with(&format!("{}/", m.meeting.id))
        {
            continue;
        }
        rows.push(format!(
            "| {} | {} | {} | {} | {} | {} |",
            cell(&a.id),
            area_title(ctx.plan, a.area.as_deref()),
            owners(ctx.plan, &e.owners),
            e.due
                .map_or_else(|| "—".to_string(), |d| ctx.dates.format(d)),
            e.status,
            cell(a.source.label())
        ));
    }
    let _ = writeln!(o, "\n## Action matrix\n");
    if rows.is_empty() {
        let _ = writeln!(o, "No actions were agreed or changed at this meeting.");
        return;
    }
    let _ = writeln!(o, "| Action | Area | Responsible | Due | Status | Source |");
    let _ = writeln!(o, "|---|---|---|---|---|---|");
    for r in rows {
        let _ = writeln!(o, "{r}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_syntax_is_escaped() {
        assert_eq!(escape("a|b *c* #d `e`", " "), "a\\|b \\*c\\* \\#d \\`e\\`");
        assert_eq!(escape("1. first", " "), "1\\. first");
        assert_eq!(escape("- item", " "), "\\- item");
        assert_eq!(escape("x\u{1b}[2J", " "), "x\\\\u{1b}\\[2J");
        assert_eq!(escape("a\nb", "<br>"), "a<br>b");
    }
}

//! What changed between two minutes files, in words: decisions, updates, attendance,
//! state; not lines.

use crate::model::{Decision, Minutes, Update};
use crate::text::inert_line;

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "none".to_string()
    } else {
        v.iter()
            .map(|s| inert_line(s).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "none".to_string(), |x| x.to_string())
}

/// The largest old x new word grid compared word by word; past it a changed text shows
/// as all removed and all added.
const WORD_GRID: usize = 4_000_000;

/// The whole text of a changed field with the changed words marked as `git diff
/// --word-diff=plain` does: removed words between `[-` and `-]`, added ones between `{+`
/// and `+}`, words in common as they are (words are split on white space; the text is
/// made inert).
pub fn word_diff(old: &str, new: &str) -> String {
    let old_clean = inert_line(old);
    let new_clean = inert_line(new);
    let a: Vec<&str> = old_clean.split_whitespace().collect();
    let b: Vec<&str> = new_clean.split_whitespace().collect();
    // The longest common subsequence of words, by a table of suffix lengths.
    let (n, m) = (a.len(), b.len());
    let mut ops: Vec<(char, &str)> = Vec::new();
    if n.saturating_mul(m) <= WORD_GRID {
        let mut lcs = vec![0u32; (n + 1) * (m + 1)];
        let at = |i: usize, j: usize| i * (m + 1) + j;
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[at(i, j)] = if a[i] == b[j] {
                    lcs[at(i + 1, j + 1)] + 1
                } else {
                    lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && a[i] == b[j] {
                ops.push(('=', a[i]));
                i += 1;
                j += 1;
            } else if j < m && (i == n || lcs[at(i, j + 1)] >= lcs[at(i + 1, j)]) {
                ops.push(('+', b[j]));
                j += 1;
            } else {
                ops.push(('-', a[i]));
                i += 1;
            }
        }
    } else {
        ops.extend(a.iter().map(|w| ('-', *w)));
        ops.extend(b.iter().map(|w| ('+', *w)));
    }
    // Runs of removed and added words, removed first, each run marked once.
    let mut out: Vec<String> = Vec::new();
    let mut k = 0;
    while k < ops.len() {
        if ops[k].0 == '=' {
            out.push(ops[k].1.to_string());
            k += 1;
            continue;
        }
        let mut removed = Vec::new();
        let mut added = Vec::new();
        while k < ops.len() && ops[k].0 != '=' {
            if ops[k].0 == '-' {
                removed.push(ops[k].1);
            } else {
                added.push(ops[k].1);
            }
            k += 1;
        }
        let mut run = String::new();
        if !removed.is_empty() {
            run.push_str(&format!("[-{}-]", removed.join(" ")));
        }
        if !added.is_empty() {
            run.push_str(&format!("{{+{}+}}", added.join(" ")));
        }
        out.push(run);
    }
    out.join(" ")
}

/// A word diff with its marks replaced: `removed` and `added` are given each marked run
/// (on a terminal, to colour it with the theme).
pub fn paint_word_diff(
    line: &str,
    removed: &dyn Fn(&str) -> String,
    added: &dyn Fn(&str) -> String,
) -> String {
    let mut out = String::new();
    let mut rest = line;
    loop {
        let next = [("[-", "-]"), ("{+", "+}")]
            .into_iter()
            .filter_map(|(open, close)| rest.find(open).map(|i| (i, open, close)))
            .min_by_key(|(i, _, _)| *i);
        let Some((i, open, close)) = next else {
            out.push_str(rest);
            return out;
        };
        let after = &rest[i + open.len()..];
        let Some(end) = after.find(close) else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..i]);
        let inner = &after[..end];
        out.push_str(&if open == "[-" {
            removed(inner)
        } else {
            added(inner)
        });
        rest = &after[end + close.len()..];
    }
}

/// A value in quotes, whole and inert: a change is never cut.
fn whole(s: &str) -> String {
    format!("'{}'", inert_line(s))
}

fn decision_changes(a: &Decision, b: &Decision) -> Vec<String> {
    let mut out = Vec::new();
    if a.text != b.text {
        out.push(format!("text: {}", word_diff(&a.text, &b.text)));
    }
    if a.owners != b.owners {
        out.push(format!("owners {} -> {}", list(&a.owners), list(&b.owners)));
    }
    if a.due != b.due {
        out.push(format!("due {} -> {}", opt(a.due), opt(b.due)));
    }
    if a.effective_status() != b.effective_status() {
        out.push(format!(
            "status {} -> {}",
            opt(a.effective_status()),
            opt(b.effective_status())
        ));
    }
    if a.action != b.action {
        out.push(format!(
            "action {} -> {}",
            opt(a.action.as_deref().map(inert_line)),
            opt(b.action.as_deref().map(inert_line))
        ));
    }
    if a.confidential != b.confidential {
        out.push(format!(
            "confidential {} -> {}",
            a.confidential, b.confidential
        ));
    }
    if a.without_quorum != b.without_quorum {
        out.push(format!(
            "quorate {} -> {}",
            !a.without_quorum, !b.without_quorum
        ));
    }
    if a.taken != b.taken {
        out.push(format!("taken {} -> {}", taken(&a.taken), taken(&b.taken)));
    }
    statement_changes(&a.statements, &b.statements, &mut out);
    out
}

/// How a decision was taken, in a few words (`vote 3-1-0`).
fn taken(t: &crate::model::Taken) -> String {
    match t {
        crate::model::Taken::Vote(v) => {
            let (y, n, a) = v.tally();
            format!("vote {y}-{n}-{a}")
        }
        crate::model::Taken::AdReferendum {
            silence_until,
            outcome,
            ..
        } => format!(
            "ad-referendum (silence until {}{})",
            opt(*silence_until),
            outcome
                .map(|o| format!(", {}", o.as_str()))
                .unwrap_or_default()
        ),
        other => other.as_str().to_string(),
    }
}

fn statement_changes(
    old: &imbl::Vector<crate::model::Statement>,
    new: &imbl::Vector<crate::model::Statement>,
    out: &mut Vec<String>,
) {
    use crate::model::voting::statements_not_in;
    for s in statements_not_in(old, new) {
        out.push(format!(
            "{} by {} added: {}",
            s.kind.as_str(),
            inert_line(&s.by),
            whole(&s.text)
        ));
    }
    for s in statements_not_in(new, old) {
        out.push(format!(
            "{} by {} removed: {}",
            s.kind.as_str(),
            inert_line(&s.by),
            whole(&s.text)
        ));
    }
}

fn describe_update(u: &Update) -> String {
    let mut parts = Vec::new();
    if let Some(s) = u.status {
        parts.push(format!("status {s}"));
    }
    if let Some(o) = &u.owners {
        parts.push(format!("owners {}", list(o)));
    }
    if let Some(d) = u.due {
        parts.push(format!("due {d}"));
    }
    if let Some(n) = &u.note {
        parts.push(format!("note {}", whole(n)));
    }
    if parts.is_empty() {
        "no change".to_string()
    } else {
        parts.join(", ")
    }
}

/// Every difference between `old` and `new`, one sentence each; empty when equal.
pub fn diff(old: &Minutes, new: &Minutes) -> Vec<String> {
    let mut out = Vec::new();
    if old.meeting != new.meeting {
        out.push("meeting header changed".to_string());
    }
    if old.state != new.state || old.approved_at != new.approved_at {
        out.push(format!(
            "state {}{} -> {}{}",
            old.state.as_str(),
            old.approved_at
                .as_deref()
                .map(|a| format!(" at {}", inert_line(a)))
                .unwrap_or_default(),
            new.state.as_str(),
            new.approved_at
                .as_deref()
                .map(|a| format!(" at {}", inert_line(a)))
                .unwrap_or_default(),
        ));
    }
    for a in &new.attendance {
        let who = inert_line(&a.represents);
        match old.delegation(&a.represents) {
            None => out.push(format!("attendance: {who} added ({})", a.status)),
            Some(o) => {
                if o.status != a.status {
                    out.push(format!("attendance: {who} {} -> {}", o.status, a.status));
                }
                for d in &a.delegates {
                    if !o.delegates.contains(d) {
                        out.push(format!(
                            "attendance: {who} delegate {} added",
                            delegate_label(d)
                        ));
                    }
                }
                for d in &o.delegates {
                    if !a.delegates.contains(d) {
                        out.push(format!(
                            "attendance: {who} delegate {} removed",
                            delegate_label(d)
                        ));
                    }
                }
            }
        }
    }
    for o in &old.attendance {
        if new.delegation(&o.represents).is_none() {
            out.push(format!("attendance: {} removed", inert_line(&o.represents)));
        }
    }
    let none = imbl::Vector::new();
    for item in &new.items {
        let id = inert_line(&item.id);
        let before = old.item(&item.id);
        if before.is_none() {
            out.push(format!("item {id} added: {}", whole(&item.title)));
        }
        let before_items = before.map_or(&none, |b| &*b.decisions);
        if let Some(b) = before {
            if b.notes != item.notes {
                out.push(format!(
                    "item {id}: record of discussion: {}",
                    word_diff(
                        b.notes.as_deref().unwrap_or(""),
                        item.notes.as_deref().unwrap_or("")
                    )
                ));
            }
            let mut said = Vec::new();
            statement_changes(&b.statements, &item.statements, &mut said);
            for s in said {
                out.push(format!("item {id}: {s}"));
            }
            if b.taken_up != item.taken_up {
                out.push(format!(
                    "item {id}: taken up {} -> {}",
                    opt(b.taken_up.map(|t| t.format("%H:%M"))),
                    opt(item.taken_up.map(|t| t.format("%H:%M")))
                ));
            }
            if b.left != item.left {
                out.push(format!(
                    "item {id}: left {} -> {}",
                    opt(b.left.map(|t| t.format("%H:%M"))),
                    opt(item.left.map(|t| t.format("%H:%M")))
                ));
            }
        }
        for d in &item.decisions {
            match before_items.iter().find(|x| x.id == d.id) {
                None => out.push(format!(
                    "decision {} added under {id}: {}",
                    inert_line(&d.id),
                    whole(&d.text)
                )),
                Some(x) => {
                    let changes = decision_changes(x, d);
                    if !changes.is_empty() {
                        out.push(format!(
                            "decision {} changed: {}",
                            inert_line(&d.id),
                            changes.join("; ")
                        ));
                    }
                }
            }
        }
        for x in before_items {
            if !item.decisions.iter().any(|d| d.id == x.id) {
                out.push(format!(
                    "decision {} removed: {}",
                    inert_line(&x.id),
                    whole(&x.text)
                ));
            }
        }
        let old_updates = before.map(|b| b.updates.as_slice()).unwrap_or(&[]);
        for u in &item.updates {
            if !old_updates.contains(u) {
                out.push(format!(
                    "update to {} added under {id}: {}",
                    inert_line(&u.action),
                    describe_update(u)
                ));
            }
        }
        for u in old_updates {
            if !item.updates.contains(u) {
                out.push(format!(
                    "update to {} removed from {id}: {}",
                    inert_line(&u.action),
                    describe_update(u)
                ));
            }
        }
    }
    for item in &old.items {
        if new.item(&item.id).is_none() {
            out.push(format!("item {} removed", inert_line(&item.id)));
        }
    }
    for a in new.amendments.iter().skip(old.amendments.len()) {
        out.push(format!(
            "amendment after approval by {}: {}",
            inert_line(&a.after_approval_by),
            inert_line(&a.changes.join("; "))
        ));
    }
    if new.amendments.len() < old.amendments.len() {
        out.push(format!(
            "{} amendment(s) removed",
            old.amendments.len() - new.amendments.len()
        ));
    }
    out
}

fn delegate_label(d: &crate::model::Delegate) -> String {
    match d.role {
        Some(r) => format!("{} ({r})", inert_line(&d.name)),
        None => inert_line(&d.name).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_only_the_changed_words_of_the_whole_text() {
        let old = "Adopt the draft minimum standards and circulate them to all member states \
                   for comment by the end of March, with a report to the next meeting";
        let new = "Adopt the revised minimum standards and circulate them to all member states \
                   for comment by the end of April, with a report to the next meeting";
        let d = word_diff(old, new);
        assert_eq!(
            d,
            "Adopt the [-draft-]{+revised+} minimum standards and circulate them to all member \
             states for comment by the end of [-March,-]{+April,+} with a report to the next \
             meeting"
        );
        assert!(d.ends_with("next meeting"), "never cut");
        assert_eq!(word_diff("a b", "a b c"), "a b {+c+}");
        assert_eq!(word_diff("a b c", "a c"), "a [-b-] c");
        assert_eq!(word_diff("", "new"), "{+new+}");
        assert_eq!(word_diff("x\u{1b}[2J", "y"), "[-x\\u{1b}[2J-]{+y+}");
    }

    #[test]
    fn painting_replaces_each_marked_run() {
        let d = word_diff("one two three", "one 2 three four");
        let painted = paint_word_diff(&d, &|s| format!("<del>{s}</del>"), &|s| {
            format!("<ins>{s}</ins>")
        });
        assert_eq!(
            painted,
            "one <del>two</del><ins>2</ins> three <ins>four</ins>"
        );
    }

    #[test]
    fn a_changed_decision_text_is_whole_in_the_diff() {
        let long = "word ".repeat(40);
        let mut old = Minutes::default();
        old.items.push(crate::model::ItemRecord {
            id: "4".into(),
            decisions: vec![Decision {
                id: "4-1".into(),
                text: format!("{long}end"),
                ..Decision::default()
            }]
            .into(),
            ..crate::model::ItemRecord::default()
        });
        let mut new = old.clone();
        new.items[0].decisions[0].text = format!("{long}finish");
        let out = diff(&old, &new);
        assert_eq!(out.len(), 1);
        assert!(out[0].ends_with("[-end-]{+finish+}"), "{}", out[0]);
        assert!(out[0].len() > 200);
    }
}

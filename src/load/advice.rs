//! Warnings `check` gives on agendas and minutes that load but say something unlikely to
//! be meant: a `language` the report does not write (or that is no language tag), a
//! `quorum` of 0, a statement with no words, a statement by a delegation that sent
//! apologies or was absent. They never fail `check`; each points at the value.
//!
//! The file is read again for these few values with their positions, apart from the
//! loader, so the loader's own pass stays as it is.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::Problem;

/// The languages the report writes its fixed sentences in (README, "Agenda").
const REPORT_LANGUAGES: &[&str] = &["en"];

#[derive(Deserialize, Default)]
#[serde(default)]
struct File {
    meeting: Meeting,
    attendance: Vec<Attendance>,
    items: Vec<Item>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Meeting {
    language: Option<Spanned<toml::Value>>,
    quorum: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Attendance {
    represents: Option<toml::Value>,
    status: Option<toml::Value>,
    present: Option<toml::Value>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Item {
    statements: Vec<Statement>,
    decisions: Vec<Decision>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Decision {
    id: Option<toml::Value>,
    statements: Vec<Statement>,
}

#[derive(Deserialize)]
struct Statement {
    by: Option<Spanned<toml::Value>>,
    text: Option<Spanned<toml::Value>>,
}

/// Whether `tag` is written like a BCP 47 language tag: a primary language of 2 or 3
/// letters, then subtags of 1 to 8 letters or digits (`en`, `en-GB`, `pt-BR`).
fn looks_like_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn language(value: &str, span: Range<usize>) -> Option<Problem> {
    let shown = crate::text::quoted(value);
    let supported = REPORT_LANGUAGES.join(", ");
    if !looks_like_language_tag(value) {
        return Some(Problem::warning(
            span,
            format!(
                "language {shown} is not a language tag (BCP 47, such as 'en' or 'en-GB'); the \
                 report writes its fixed sentences in: {supported}"
            ),
        ));
    }
    let primary = value.split('-').next().unwrap_or("").to_ascii_lowercase();
    (!REPORT_LANGUAGES.contains(&primary.as_str())).then(|| {
        Problem::warning(
            span,
            format!(
                "language {shown} is not one the report writes: its fixed sentences stay in \
                 English (languages supported: {supported})"
            ),
        )
    })
}

/// The presence an attendance entry records, when it is not present.
fn away(a: &Attendance) -> Option<&'static str> {
    match (&a.status, &a.present) {
        (Some(toml::Value::String(s)), _) if s == "absent" => Some("was absent"),
        (Some(toml::Value::String(s)), _) if s == "apologies" => Some("sent apologies"),
        (None, Some(toml::Value::Boolean(false))) => Some("was absent"),
        _ => None,
    }
}

/// The warnings for an agenda's or minutes' text (nothing when it does not parse: the
/// loader reports that).
pub fn advice(text: &str) -> Vec<Problem> {
    let Ok(file) = toml::from_str::<File>(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(l) = &file.meeting.language
        && let toml::Value::String(v) = l.get_ref()
        && let Some(p) = language(v, l.span())
    {
        out.push(p);
    }
    if let Some(q) = &file.meeting.quorum
        && let toml::Value::Integer(0) = q.get_ref()
    {
        out.push(Problem::warning(
            q.span(),
            "quorum = 0 means no delegation need be present to decide: give the number that \
             must be present, or leave quorum out",
        ));
    }
    let away: Vec<(&str, &'static str)> = file
        .attendance
        .iter()
        .filter_map(|a| match (&a.represents, away(a)) {
            (Some(toml::Value::String(r)), Some(why)) => Some((r.as_str(), why)),
            _ => None,
        })
        .collect();
    for item in &file.items {
        let on_item = item.statements.iter().map(|s| (None, s));
        let on_decisions = item.decisions.iter().flat_map(|d| {
            let id = match &d.id {
                Some(toml::Value::String(id)) => Some(id.as_str()),
                _ => None,
            };
            d.statements.iter().map(move |s| (id, s))
        });
        for (decision, s) in on_item.chain(on_decisions) {
            let on =
                decision.map_or_else(String::new, |id| format!(" on {}", crate::text::quoted(id)));
            if let Some(t) = &s.text
                && let toml::Value::String(words) = t.get_ref()
                && !crate::text::has_visible(words)
            {
                out.push(Problem::warning(
                    t.span(),
                    format!(
                        "empty statement{on}: the report would say it was made and quote \
                         nothing; give its words or remove it"
                    ),
                ));
            }
            if let Some(by) = &s.by
                && let toml::Value::String(who) = by.get_ref()
                && let Some((_, why)) = away.iter().find(|(r, _)| r == who)
            {
                out.push(Problem::warning(
                    by.span(),
                    format!(
                        "statement{on} by {}, which {why} according to the attendance: \
                         mark it present, or check who spoke",
                        crate::text::quoted(who)
                    ),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_told_from_words() {
        for tag in ["en", "en-GB", "pt-BR", "fil", "zh-Hant-TW"] {
            assert!(looks_like_language_tag(tag), "{tag}");
        }
        for word in ["English", "e", "en_GB", "", "en-", "français"] {
            assert!(!looks_like_language_tag(word), "{word}");
        }
        assert_eq!(language("en-GB", 0..1), None);
        assert!(language("fr", 0..1).is_some());
    }
}

//! Warnings on agendas and minutes that load but say something unlikely to be meant: a
//! `language` the report does not write (or that is no language tag), a `quorum` of 0, a
//! statement with no words, a statement by a delegation that sent apologies or was absent.
//! They never fail a file; the loader gives them where it reads each value, so each points
//! at it.

use std::ops::Range;

use super::Problem;
use super::reader::Located;
use crate::model::{Attendance, Presence};

/// The languages the report writes its fixed sentences in (README, "Agenda").
const REPORT_LANGUAGES: &[&str] = &["en"];

/// Whether `tag` is written like a BCP 47 language tag: a primary language of 2 or 3
/// letters, then subtags of 1 to 8 letters or digits (`en`, `en-GB`, `pt-BR`).
fn looks_like_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A `language` the report does not write, or that is no language tag.
pub fn language(value: &str, span: Range<usize>) -> Option<Problem> {
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

/// `quorum = 0`.
pub fn quorum(n: u32, span: Range<usize>) -> Option<Problem> {
    (n == 0).then(|| {
        Problem::warning(
            span,
            "quorum = 0 means no delegation need be present to decide: give the number that \
             must be present, or leave quorum out",
        )
    })
}

/// A statement with no words, or by a delegation the attendance marks absent or excused;
/// `decision` is the decision it was made on, if any.
pub fn statement(
    by: &Located<String>,
    text: &Located<String>,
    decision: Option<&str>,
    attendance: &[Attendance],
) -> Vec<Problem> {
    let mut out = Vec::new();
    let on = decision.map_or_else(String::new, |id| format!(" on {}", crate::text::quoted(id)));
    if !crate::text::has_visible(&text.value) {
        out.push(Problem::warning(
            text.span.clone(),
            format!(
                "empty statement{on}: the report would say it was made and quote nothing; \
                 give its words or remove it"
            ),
        ));
    }
    let away = attendance
        .iter()
        .find(|a| a.represents == by.value)
        .and_then(|a| match a.status {
            Presence::Absent => Some("was absent"),
            Presence::Apologies => Some("sent apologies"),
            Presence::Present => None,
        });
    if let Some(why) = away {
        out.push(Problem::warning(
            by.span.clone(),
            format!(
                "statement{on} by {}, which {why} according to the attendance: mark it \
                 present, or check who spoke",
                crate::text::quoted(&by.value)
            ),
        ));
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

//! Text typed and not yet confirmed, kept beside the minutes so a crash loses no word.
//!
//! The event loop writes the draft when it changes (at most a second old, within the two
//! seconds promised); the signal thread and the panic hook write it on the way out. A
//! clean quit with nothing typed removes it; reopening offers it back.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::app::{App, Mode, Target};
use super::widgets::prompt::PromptKind;

/// What the text was for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DraftKind {
    /// A new decision.
    Decision,
    /// New text for an existing decision.
    EditDecision,
    /// A note on an action.
    ActionNote,
    /// The item's record of discussion.
    Notes,
}

/// Unconfirmed text and where it belongs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// What it was for.
    pub kind: DraftKind,
    /// The agenda item it was typed under.
    pub item: String,
    /// The decision or action it was about, if any.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub about: String,
    /// The text.
    pub text: String,
    /// The whole record (canonical TOML) when the minutes could not be written: a
    /// failing disk at the end of a meeting. Restored on reopen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<String>,
}

impl Draft {
    /// A draft that carries only an unsaved record, no text being typed.
    pub fn only_minutes(item: &str) -> Draft {
        Draft {
            kind: DraftKind::Notes,
            item: item.to_string(),
            about: String::new(),
            text: String::new(),
            minutes: None,
        }
    }
}

/// The unsaved record kept in a draft, if it is valid minutes of this meeting.
pub fn minutes_from(text: &str, meeting_id: &str) -> Option<crate::model::Minutes> {
    let parsed = crate::load::parse_document(text, "draft.minutes.toml");
    let errors = parsed
        .problems
        .iter()
        .any(|p| p.severity == crate::load::Severity::Error);
    match parsed.document {
        Some(crate::load::Document::Minutes(m, _)) if !errors && m.meeting.id == meeting_id => {
            Some(m)
        }
        _ => None,
    }
}

/// Checks a draft against the current plan and minutes before it is offered back. What
/// no longer applies (an item, decision or action that is gone) is redirected so that the
/// text is kept without becoming a broken reference; the note says what changed.
pub fn validate(mut d: Draft, app: &App) -> (Draft, Option<String>) {
    let mut notes = Vec::new();
    let current_item = app
        .minutes
        .items
        .get(app.item)
        .map(|r| r.id.clone())
        .unwrap_or_default();
    let item = app.minutes.items.iter().find(|r| r.id == d.item);
    if item.is_none() {
        notes.push(format!(
            "agenda item {} is no longer on the agenda: the text goes under item {}",
            crate::text::quoted(&d.item),
            crate::text::quoted(&current_item)
        ));
        d.item = current_item.clone();
    }
    let item = app.minutes.items.iter().find(|r| r.id == d.item);
    match d.kind {
        DraftKind::EditDecision => {
            let exists = item.is_some_and(|r| r.decisions.iter().any(|x| x.id == d.about));
            if !exists {
                notes.push(format!(
                    "decision {} no longer exists: the text will be a new decision",
                    crate::text::quoted(&d.about)
                ));
                d.kind = DraftKind::Decision;
                d.about.clear();
            }
        }
        DraftKind::ActionNote => {
            let earlier = crate::load::workspace::decision_names(&app.others);
            let exists = app.plan.action(&d.about).is_some() || earlier.contains(&d.about);
            if !exists {
                notes.push(format!(
                    "action {} no longer exists: the note goes into the item's record of discussion",
                    crate::text::quoted(&d.about)
                ));
                let before = item.and_then(|r| r.notes.clone()).unwrap_or_default();
                let before = before.trim_end();
                d.text = if before.is_empty() {
                    d.text
                } else {
                    format!("{before}\n\n{}", d.text)
                };
                d.kind = DraftKind::Notes;
                d.about.clear();
            }
        }
        DraftKind::Decision | DraftKind::Notes => {}
    }
    let note = (!notes.is_empty()).then(|| format!("Draft: {}", notes.join("; ")));
    (d, note)
}

/// The draft file of a minutes file.
pub fn draft_path(minutes: &Path) -> PathBuf {
    let name = minutes
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    minutes.with_file_name(format!(".{name}.draft.toml"))
}

/// The text being typed now, if any.
pub fn current(app: &App) -> Option<Draft> {
    let item_id = |i: usize| {
        app.minutes
            .items
            .get(i)
            .map(|r| r.id.clone())
            .unwrap_or_default()
    };
    let draft = match &app.mode {
        Mode::Prompt(p) => {
            let (kind, about) = match &p.kind {
                PromptKind::NewDecision => (DraftKind::Decision, String::new()),
                PromptKind::EditDecision(Target::Decision { id, .. }) => {
                    (DraftKind::EditDecision, id.clone())
                }
                PromptKind::UpdateNote(action) => (DraftKind::ActionNote, action.clone()),
                _ => return None,
            };
            Draft {
                kind,
                item: item_id(app.item),
                about,
                text: p.text(),
                minutes: None,
            }
        }
        Mode::Notes(n) => {
            let saved = app
                .minutes
                .items
                .get(n.item)
                .and_then(|r| r.notes.clone())
                .unwrap_or_default();
            let text = n.text();
            if text == saved.trim_end() {
                return None;
            }
            Draft {
                kind: DraftKind::Notes,
                item: item_id(n.item),
                about: String::new(),
                text,
                minutes: None,
            }
        }
        // Offered back and not yet taken: it stays on disk until Enter or Esc.
        Mode::Recover(d) => return Some(d.clone()),
        _ => return None,
    };
    (!draft.text.trim().is_empty()).then_some(draft)
}

/// Serialises a draft.
pub fn to_text(d: &Draft) -> String {
    toml::to_string(d).unwrap_or_default()
}

/// Reads a draft file; a damaged one is ignored rather than blocking the meeting.
pub fn read(path: &Path) -> Option<Draft> {
    let text = crate::fsafe::read_regular_text(path).ok()?;
    toml::from_str(&text).ok()
}

/// Writes a draft atomically.
pub fn write(path: &Path, d: &Draft, private: bool) -> std::io::Result<()> {
    crate::minutes::store::write_atomic(path, to_text(d).as_bytes(), private)
}

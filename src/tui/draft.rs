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
            }
        }
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

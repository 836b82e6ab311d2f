//! Text typed and not yet confirmed, kept beside the minutes so a crash loses no word.
//!
//! The event loop writes the draft when it changes (at most a second old, within the two
//! seconds promised); the signal thread and the panic hook write it on the way out. A
//! clean quit with nothing typed removes it; reopening offers it back.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::app::{App, Mode, Target};
use super::target::StatementOn;
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
    /// The words of a statement for the record (on the decision `about`, else the item).
    Statement,
    /// The marks of an open vote sheet on the decision `about`, not yet recorded.
    Vote,
}

/// Who made a statement being typed, and of what kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementDraft {
    /// The delegation (roster id).
    pub by: String,
    /// The kind, as written in files.
    pub kind: String,
}

/// The marks of a vote sheet: roster ids (or free-text delegations) on each side.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VoteDraft {
    /// In favour.
    #[serde(rename = "for", default)]
    pub yes: Vec<String>,
    /// Against.
    #[serde(rename = "against", default)]
    pub no: Vec<String>,
    /// Abstaining.
    #[serde(default)]
    pub abstain: Vec<String>,
}

impl VoteDraft {
    fn of(v: &crate::model::Vote) -> VoteDraft {
        VoteDraft {
            yes: v.yes.clone(),
            no: v.no.clone(),
            abstain: v.abstain.clone(),
        }
    }

    /// The vote the sheet reopens with.
    pub fn vote(&self) -> crate::model::Vote {
        crate::model::Vote {
            yes: self.yes.clone(),
            no: self.no.clone(),
            abstain: self.abstain.clone(),
        }
    }

    /// `for: Austria, Switzerland · against: Slovenia · abstain: none`, delegations by
    /// their roster names.
    pub fn summary(&self, plan: &crate::model::Plan) -> String {
        let names = |ids: &[String]| {
            if ids.is_empty() {
                return "none".to_string();
            }
            ids.iter()
                .map(|id| plan.partner(id).map_or(id.as_str(), |p| p.name.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "for: {} · against: {} · abstain: {}",
            names(&self.yes),
            names(&self.no),
            names(&self.abstain)
        )
    }
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
    /// For a statement: who made it and its kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<StatementDraft>,
    /// For a vote sheet: the marks so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote: Option<VoteDraft>,
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
            statement: None,
            vote: None,
        }
    }

    /// Whether there is anything to offer back: words, or a vote sheet's marks.
    pub fn offers_something(&self) -> bool {
        !self.text.trim().is_empty()
            || self
                .vote
                .as_ref()
                .is_some_and(|v| v.vote().tally() != (0, 0, 0))
    }

    /// What the prompt shows of it: the text, or a vote sheet's marks.
    pub fn shown(&self, plan: &crate::model::Plan) -> String {
        match &self.vote {
            Some(v) if self.kind == DraftKind::Vote => v.summary(plan),
            _ => self.text.clone(),
        }
    }

    /// What the text was, for the recovery prompt: whose statement, of what kind, on which
    /// decision (`a reservation by Ministry of Environment on 4-1`), or which record.
    pub fn describe(&self, plan: &crate::model::Plan) -> String {
        let item = &self.item;
        match self.kind {
            DraftKind::Decision => format!("a new decision under item {item}"),
            DraftKind::EditDecision => format!("new text for decision {}", self.about),
            DraftKind::ActionNote => format!("a note on action {}", self.about),
            DraftKind::Notes => format!("the record of discussion of item {item}"),
            DraftKind::Vote => format!("a vote on {}, marked on the vote sheet", self.about),
            DraftKind::Statement => {
                let (by, kind) = self
                    .statement
                    .as_ref()
                    .map_or(("", "statement"), |s| (s.by.as_str(), s.kind.as_str()));
                let who = plan.partner(by).map_or(by, |p| p.name.as_str());
                let what = match kind.parse::<crate::model::StatementKind>() {
                    Ok(crate::model::StatementKind::Statement) | Err(()) => "a statement",
                    Ok(crate::model::StatementKind::Reservation) => "a reservation",
                    Ok(crate::model::StatementKind::ExplanationOfVote) => "an explanation of vote",
                    Ok(crate::model::StatementKind::Interpretative) => {
                        "an interpretative statement"
                    }
                };
                let on = if self.about.is_empty() {
                    format!("item {item}")
                } else {
                    self.about.clone()
                };
                format!("{what} by {who} on {on}")
            }
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
        .record
        .minutes
        .items
        .get(app.screen.item)
        .map(|r| r.id.clone())
        .unwrap_or_default();
    let item = app.record.minutes.items.iter().find(|r| r.id == d.item);
    if item.is_none() {
        notes.push(format!(
            "agenda item {} is no longer on the agenda: the text goes under item {}",
            crate::text::quoted(&d.item),
            crate::text::quoted(&current_item)
        ));
        d.item = current_item.clone();
    }
    let item = app.record.minutes.items.iter().find(|r| r.id == d.item);
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
        DraftKind::Statement => {
            let gone = !d.about.is_empty()
                && !item.is_some_and(|r| r.decisions.iter().any(|x| x.id == d.about));
            if gone {
                notes.push(format!(
                    "decision {} no longer exists: the statement goes on item {}",
                    crate::text::quoted(&d.about),
                    crate::text::quoted(&d.item)
                ));
                d.about.clear();
            }
            let by = d
                .statement
                .as_ref()
                .map(|s| s.by.clone())
                .unwrap_or_default();
            if app.plan.partner(&by).is_none() {
                notes.push(format!(
                    "delegation {} is not in the roster: the statement goes into the item's \
                     record of discussion",
                    crate::text::quoted(&by)
                ));
                let before = item.and_then(|r| r.notes.clone()).unwrap_or_default();
                let before = before.trim_end();
                let said = format!("Statement by {by}: {}", d.text);
                d.text = if before.is_empty() {
                    said
                } else {
                    format!("{before}\n\n{said}")
                };
                d.kind = DraftKind::Notes;
                d.about.clear();
                d.statement = None;
            }
        }
        DraftKind::Vote => {
            let exists = item.is_some_and(|r| r.decisions.iter().any(|x| x.id == d.about));
            if !exists {
                notes.push(format!(
                    "decision {} no longer exists: the vote's marks go into the item's record \
                     of discussion",
                    crate::text::quoted(&d.about)
                ));
                let before = item.and_then(|r| r.notes.clone()).unwrap_or_default();
                let before = before.trim_end();
                let marks = d.vote.take().unwrap_or_default().summary(&app.plan);
                let said = format!("Vote on {}, never recorded: {marks}", d.about);
                d.text = if before.is_empty() {
                    said
                } else {
                    format!("{before}\n\n{said}")
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
        app.record
            .minutes
            .items
            .get(i)
            .map(|r| r.id.clone())
            .unwrap_or_default()
    };
    let draft = match &app.screen.mode {
        // An editor opened on stored text and not changed holds nothing to keep.
        Mode::Prompt(p) if !p.changed() && !matches!(p.kind, PromptKind::NewDecision) => {
            return None;
        }
        Mode::Notes(n) if !n.changed() => return None,
        Mode::Prompt(p) => {
            let (kind, about) = match &p.kind {
                PromptKind::NewDecision => (DraftKind::Decision, String::new()),
                PromptKind::EditDecision(Target::Decision { id, .. }) => {
                    (DraftKind::EditDecision, id.clone())
                }
                PromptKind::UpdateNote(action) => (DraftKind::ActionNote, action.clone()),
                PromptKind::Statement { on, .. } => (
                    DraftKind::Statement,
                    match on {
                        StatementOn::Decision { id, .. } => id.clone(),
                        StatementOn::Item(_) => String::new(),
                    },
                ),
                _ => return None,
            };
            let (item, statement) = match &p.kind {
                PromptKind::Statement { on, by, kind } => (
                    on.item(),
                    Some(StatementDraft {
                        by: by.clone(),
                        kind: kind.as_str().to_string(),
                    }),
                ),
                _ => (app.screen.item, None),
            };
            Draft {
                kind,
                item: item_id(item),
                about,
                text: p.text(),
                minutes: None,
                statement,
                vote: None,
            }
        }
        Mode::Notes(n) => {
            let saved = app
                .record
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
                statement: None,
                vote: None,
            }
        }
        // A vote sheet with marks the decision does not carry yet.
        Mode::Vote(sheet) => {
            let Target::Decision { item, id } = &sheet.target else {
                return None;
            };
            let recorded = app
                .decision(*item, id)
                .and_then(|d| d.taken.vote().cloned())
                .unwrap_or_default();
            if sheet.vote == recorded || sheet.vote.tally() == (0, 0, 0) {
                return None;
            }
            return Some(Draft {
                kind: DraftKind::Vote,
                item: item_id(*item),
                about: id.clone(),
                text: String::new(),
                minutes: None,
                statement: None,
                vote: Some(VoteDraft::of(&sheet.vote)),
            });
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
    let text = crate::fsafe::read_own_file(path).ok()?;
    toml::from_str(&text).ok()
}

/// Writes a draft atomically.
pub fn write(path: &Path, d: &Draft, private: bool) -> std::io::Result<()> {
    crate::minutes::store::write_atomic(path, to_text(d).as_bytes(), private)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::workspace::open_agenda;

    fn sample() -> App {
        let mut opened = open_agenda(Path::new(
            "tests/fixtures/hostile/fisheries/2022-02-10-tcc-1.toml",
        ))
        .unwrap();
        opened.minutes.as_mut().unwrap().items[0].notes = Some("Earlier notes".into());
        let now = chrono::NaiveDate::from_ymd_opt(2022, 2, 10)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        App::new(opened, crate::load::theme::load("default").unwrap(), now)
    }

    fn draft(kind: DraftKind, item: &str, about: &str) -> Draft {
        Draft {
            kind,
            item: item.into(),
            about: about.into(),
            text: "typed".into(),
            minutes: None,
            statement: None,
            vote: None,
        }
    }

    #[test]
    fn a_draft_that_still_applies_is_offered_unchanged() {
        let app = sample();
        for d in [
            draft(DraftKind::EditDecision, "1", "1-1"),
            draft(DraftKind::ActionNote, "1", "MON-1"),
            draft(DraftKind::Decision, "2", ""),
        ] {
            let (checked, note) = validate(d.clone(), &app);
            assert_eq!(checked, d);
            assert_eq!(note, None);
        }
    }

    #[test]
    fn what_no_longer_applies_is_kept_as_text_not_as_a_broken_reference() {
        let app = sample();
        let (d, note) = validate(draft(DraftKind::EditDecision, "1", "1-9"), &app);
        assert_eq!((d.kind, d.about.as_str()), (DraftKind::Decision, ""));
        assert!(note.unwrap().contains("'1-9' no longer exists"));
        let (d, note) = validate(draft(DraftKind::ActionNote, "1", "GONE-1"), &app);
        assert_eq!(d.kind, DraftKind::Notes);
        assert_eq!(d.text, "Earlier notes\n\ntyped");
        assert!(note.unwrap().contains("'GONE-1' no longer exists"));
        let (d, note) = validate(draft(DraftKind::Decision, "9.9", ""), &app);
        assert_eq!(d.item, "1");
        assert!(note.unwrap().contains("'9.9' is no longer on the agenda"));
    }

    /// Restores a draft through the recovery prompt and confirms what opens.
    fn restore(app: &mut App, d: Draft) {
        use crate::tui::{Action, update::update};
        app.screen.mode = Mode::Recover(d);
        update(app, Action::Confirm);
        let kind = app.screen.mode.kind();
        let finish = if kind == crate::tui::app::ModeKind::Notes {
            Action::Cancel
        } else {
            Action::Confirm
        };
        update(app, finish);
    }

    fn errors_in(app: &App) -> Vec<String> {
        let text = crate::minutes::toml_out::to_toml(&app.record.minutes).unwrap();
        let parsed = crate::load::parse_document(&text, "x.minutes.toml");
        let mut problems = parsed.problems;
        let ctx = crate::load::Context {
            plan: Some(&app.plan),
            decisions: None,
            strict_owners: false,
        };
        ctx.resolve(&parsed.refs, &mut problems);
        problems.into_iter().map(|p| p.message).collect()
    }

    #[test]
    fn a_restored_draft_about_a_vanished_action_makes_minutes_that_check_accepts() {
        let stale = draft(DraftKind::ActionNote, "1", "GONE-1");
        let mut unchecked = sample();
        restore(&mut unchecked, stale.clone());
        assert!(
            errors_in(&unchecked)
                .iter()
                .any(|e| e.contains("unknown action 'GONE-1'")),
            "offered as it was, the draft writes a broken reference"
        );
        let mut app = sample();
        let (d, _) = validate(stale, &app);
        restore(&mut app, d);
        assert_eq!(errors_in(&app), Vec::<String>::new());
        let notes = app.record.minutes.items[0]
            .notes
            .clone()
            .unwrap_or_default();
        assert!(
            notes.contains("Earlier notes") && notes.contains("typed"),
            "{notes}"
        );
    }

    #[test]
    fn an_unsaved_record_in_a_draft_is_read_back_only_for_its_meeting() {
        let app = sample();
        let text = crate::minutes::toml_out::to_toml(&app.record.minutes).unwrap();
        assert!(minutes_from(&text, "tcc-1").is_some());
        assert!(minutes_from(&text, "tcc-2").is_none());
        assert!(minutes_from("not [toml", "tcc-1").is_none());
        let mut d = draft(DraftKind::Decision, "1", "");
        d.minutes = Some(text.clone());
        let back: Draft = toml::from_str(&to_text(&d)).unwrap();
        assert_eq!(back.minutes.as_deref(), Some(text.as_str()));
    }

    #[test]
    fn a_draft_offered_back_stays_the_current_draft_until_taken_or_discarded() {
        let mut app = sample();
        let d = draft(DraftKind::Decision, "1", "");
        app.screen.mode = Mode::Recover(d.clone());
        assert_eq!(current(&app), Some(d));
    }
}

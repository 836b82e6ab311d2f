//! The state of the live meeting screen: the loaded files, the minutes being written,
//! what is selected and what is open. No I/O here.

use std::borrow::Cow;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};

use crate::load::workspace::OpenedAgenda;
use crate::model::ledger::{ActionState, Ledger};
use crate::model::{Action as PlanAction, Agenda, Decision, ItemRecord, Minutes, Plan, Update};
use crate::theme::Theme;

pub use super::action::ModeKind;
pub use super::edit::Edit;
pub use super::target::Target;
use super::widgets::notes::NotesEditor;
use super::widgets::owners::{Candidates, candidates};
use super::widgets::search::{Entry, earlier_entries, static_entries};
use super::widgets::{
    attendance::AttendanceList,
    owners::OwnerPicker,
    prompt::Prompt,
    search::SearchView,
    statement::{Stage, StatementForm},
    status::StatusPicker,
    taken::{TakenChoice, VoteSheet},
};

/// The panes that take focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The agenda, left.
    Agenda,
    /// The selected item's actions and decisions.
    Main,
}

impl Pane {
    /// The pane after this one.
    pub fn next(self) -> Pane {
        match self {
            Pane::Agenda => Pane::Main,
            Pane::Main => Pane::Agenda,
        }
    }
}

/// What is open on top of the main screen.
#[derive(Debug, Clone)]
pub enum Mode {
    /// Just the screen.
    Normal,
    /// A one-line text field.
    Prompt(Prompt),
    /// The owner picker.
    Owners(OwnerPicker),
    /// The status picker.
    Status(StatusPicker),
    /// The multi-line notes editor.
    Notes(NotesEditor),
    /// Attendance.
    Attendance(AttendanceList),
    /// How the selected decision was taken: the choice of form.
    HowTaken(TakenChoice),
    /// The vote sheet.
    Vote(VoteSheet),
    /// A statement for the record: its delegation, then its kind.
    Statement(StatementForm),
    /// Fuzzy search.
    Search(SearchView),
    /// The key list.
    Help {
        /// First line shown.
        scroll: u16,
    },
    /// Text typed in a session that ended without confirming it, offered back.
    Recover(super::draft::Draft),
}

impl Mode {
    /// Its kind.
    pub fn kind(&self) -> ModeKind {
        match self {
            Mode::Normal => ModeKind::Normal,
            Mode::Prompt(_) => ModeKind::Prompt,
            Mode::Owners(_) => ModeKind::Owners,
            Mode::Status(_) => ModeKind::Status,
            Mode::Notes(_) => ModeKind::Notes,
            Mode::Attendance(_) => ModeKind::Attendance,
            Mode::HowTaken(_) => ModeKind::HowTaken,
            Mode::Vote(_) => ModeKind::Vote,
            Mode::Statement(f) => match f.stage {
                Stage::Speaker => ModeKind::Speaker,
                Stage::Kind { .. } => ModeKind::StatementKind,
            },
            Mode::Search(_) => ModeKind::Search,
            Mode::Help { .. } => ModeKind::Help,
            Mode::Recover(_) => ModeKind::Recover,
        }
    }
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Something worked.
    Info(String),
    /// Something went wrong or needs attention.
    Error(String),
}

/// Whether the minutes on disk match what is on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Everything recorded is on disk.
    Saved,
    /// The last write failed; what is on screen is kept and the write is retried.
    Failed(String),
    /// Another instance holds the minutes, or --read-only: nothing is written.
    ReadOnly(String),
}

/// A row of the main pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// The i-th action of the item's area.
    Action(usize),
    /// The i-th decision of the item.
    Decision(usize),
}

/// The actions shown for an item, above its decisions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shown<'a> {
    /// An item with no actions to show.
    Nothing,
    /// The plan actions of the item's priority area.
    Plan(&'a [PlanAction]),
    /// Actions of earlier meetings still outstanding (a matters-arising item).
    Arising(&'a [String]),
    /// One action named by the item.
    One(&'a str),
}

impl<'a> Shown<'a> {
    /// How many.
    pub fn len(&self) -> usize {
        match self {
            Shown::Nothing => 0,
            Shown::Plan(a) => a.len(),
            Shown::Arising(a) => a.len(),
            Shown::One(_) => 1,
        }
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when the item shows a section of actions (even an empty one).
    pub fn has_section(&self) -> bool {
        !matches!(self, Shown::Nothing)
    }

    /// The name of the i-th action.
    pub fn name(&self, i: usize) -> Option<&'a str> {
        match *self {
            Shown::Nothing => None,
            Shown::Plan(a) => a.get(i).map(|x| x.id.as_str()),
            Shown::Arising(a) => a.get(i).map(String::as_str),
            Shown::One(n) => (i == 0).then_some(n),
        }
    }

    /// Position of an action by name.
    pub fn position(&self, name: &str) -> Option<usize> {
        (0..self.len()).find(|&i| self.name(i) == Some(name))
    }
}

/// What a row shows of an action as it stood before this meeting (see [`App::before_row`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowBefore<'a> {
    /// Title (plan) or decision text.
    pub title: &'a str,
    /// Owners.
    pub owners: &'a [String],
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Status.
    pub status: crate::model::Status,
}

/// The record being written: the minutes and their undo history, and whether they reach
/// the disk. Changes go through [`Record::change`], which refuses them when read-only.
#[derive(Debug, Clone)]
pub struct Record {
    /// The minutes being written.
    pub minutes: Minutes,
    /// Earlier versions of the minutes, for undo.
    pub undo: Vec<Minutes>,
    /// Undone versions, for redo.
    pub redo: Vec<Minutes>,
    /// What each step of `undo` changed, when named (one per entry of `undo`).
    pub undo_edits: Vec<Option<Edit>>,
    /// What each step of `redo` changes back, when named (one per entry of `redo`).
    pub redo_edits: Vec<Option<Edit>>,
    /// Disk state.
    pub save: SaveState,
    /// Local time of the last successful write in this session; `None` before the first.
    pub written: Option<NaiveDateTime>,
    /// Correcting approved minutes (`open --amend`): the meeting that approved them. Each
    /// change is then recorded as an amendment.
    pub amend: Option<String>,
    /// Counts the calls that may have changed `minutes` ([`Record::change`], [`Record::clock`],
    /// [`Record::step`]): what is computed from the minutes is kept for one revision
    /// (see [`App::quorum`]). Whoever replaces `minutes` otherwise bumps it.
    pub revision: u64,
}

/// What an undo or redo did.
#[derive(Debug, Clone, PartialEq)]
pub struct Stepped {
    /// Every difference, as `diff` says them.
    pub what: Vec<String>,
    /// The edit undone or redone, when it was named.
    pub edit: Option<Edit>,
}

/// How many earlier versions undo keeps.
const UNDO_DEPTH: usize = 500;

impl Record {
    /// Applies a change to the minutes, keeping the version before it for undo (and, when
    /// amending approved minutes, recording what changed as an amendment). `Ok(false)`
    /// when nothing changed; the reason when the minutes are read-only.
    pub fn change(&mut self, change: impl FnOnce(&mut Minutes)) -> Result<bool, String> {
        if let Some(why) = self.read_only_reason() {
            return Err(why.to_string());
        }
        self.revision += 1;
        let before = self.minutes.clone();
        change(&mut self.minutes);
        if self.minutes == before {
            // The version undo shares, not the equal copy a change that changed nothing made
            // of what it touched: what is kept for it (see `Caches`) stays good.
            self.minutes = before;
            return Ok(false);
        }
        if let Some(by) = self.amend.clone() {
            // A correction after approval says what changed and that it came after approval.
            let changes = crate::minutes::diff::diff(&before, &self.minutes);
            match self.coalesced(&before, &by, &changes) {
                Some(net) => {
                    self.minutes.amendments.pop();
                    if !net.is_empty() {
                        self.minutes.amendments.push(crate::model::Amendment {
                            after_approval_by: by,
                            changes: net,
                        });
                    }
                }
                None => self.minutes.amendments.push(crate::model::Amendment {
                    after_approval_by: by,
                    changes,
                }),
            }
        }
        self.undo.push(before);
        self.undo_edits.push(None);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
            self.undo_edits.remove(0);
        }
        self.redo.clear();
        self.redo_edits.clear();
        Ok(true)
    }

    /// One attendance changed in several steps (a line's toggle then set, the screen's Tab
    /// cycle) is one amendment, from the state before the first step to the state after the
    /// last: the net change when the amendment before this change (`changes`, made on
    /// `before`) was the previous step and both change the attendance of the same
    /// delegation; empty when the steps came back to where they started.
    fn coalesced(&self, before: &Minutes, by: &str, changes: &[String]) -> Option<Vec<String>> {
        let attendance = |c: &[String]| c.len() == 1 && c[0].starts_with("attendance: ");
        let start = self.undo.last()?;
        let last = before.amendments.last()?;
        if start.amendments.len() + 1 != before.amendments.len()
            || last.after_approval_by != by
            || !attendance(&last.changes)
            || !attendance(changes)
        {
            return None;
        }
        let mut now = self.minutes.clone();
        now.amendments.clone_from(&start.amendments);
        let net = crate::minutes::diff::diff(start, &now);
        (net.is_empty() || attendance(&net)).then_some(net)
    }

    /// Names the last change made (what it touched, where), for undo to go back to it.
    pub fn name_last(&mut self, edit: Edit) {
        if let Some(last) = self.undo_edits.last_mut() {
            *last = Some(edit);
        }
    }

    /// What undo would undo next, when named.
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo_edits.last().and_then(Option::as_ref)
    }

    /// Records the meeting's clock (an item taken up or left): written like any change,
    /// but not a step of undo (undo and redo keep the clock as it is). Nothing when the
    /// minutes are read-only or being amended after approval.
    pub fn clock(&mut self, change: impl FnOnce(&mut Minutes)) -> bool {
        if self.read_only_reason().is_some() || self.amend.is_some() {
            return false;
        }
        self.revision += 1;
        let before = self.minutes.clone();
        change(&mut self.minutes);
        if self.minutes == before {
            self.minutes = before;
            return false;
        }
        true
    }

    /// Undo (`back`) or redo: swaps in the version before (or after) and says what that
    /// changed, with the edit it undoes when named, and the version left; `None` when
    /// there is none. Never frees an issued decision id.
    pub fn step(&mut self, back: bool) -> Option<Stepped> {
        let (from, to, from_edits, to_edits) = if back {
            (
                &mut self.undo,
                &mut self.redo,
                &mut self.undo_edits,
                &mut self.redo_edits,
            )
        } else {
            (
                &mut self.redo,
                &mut self.undo,
                &mut self.redo_edits,
                &mut self.undo_edits,
            )
        };
        let version = from.pop()?;
        self.revision += 1;
        let edit = from_edits.pop().flatten();
        to_edits.push(edit.clone());
        let left = std::mem::replace(&mut self.minutes, version);
        // Undo and redo restore records, never an id's freedom: what was issued stays issued.
        self.minutes.keep_issued_from(&left);
        self.minutes.keep_times_from(&left);
        let what = crate::minutes::diff::diff(&left, &self.minutes);
        to.push(left);
        Some(Stepped { what, edit })
    }

    /// Locks approved minutes: read-only with a line saying by which meeting (and when)
    /// they were approved, unless `amend` opens them for a recorded correction.
    pub fn follow_approval(&mut self, amend: bool, approved_on: Option<String>) {
        if self.minutes.state != crate::model::MinutesState::Approved {
            return;
        }
        let by = self.minutes.approved_at.clone().unwrap_or_default();
        if amend {
            self.amend = Some(by);
            return;
        }
        let when = approved_on.map(|d| format!(" on {d}")).unwrap_or_default();
        let by_text = if by.is_empty() {
            "a later meeting".to_string()
        } else {
            format!("meeting {}", crate::text::inert_line(&by))
        };
        self.save = SaveState::ReadOnly(format!(
            "approved by {by_text}{when}; rapporteur open --amend records a correction"
        ));
    }

    /// Why nothing may be written, when it may not.
    pub fn read_only_reason(&self) -> Option<&str> {
        match &self.save {
            SaveState::ReadOnly(why) => Some(why),
            _ => None,
        }
    }
}

/// What the person sees and has open: selection, focus, popups, messages.
#[derive(Debug, Clone)]
pub struct Screen {
    /// Focused pane.
    pub focus: Pane,
    /// Selected item (index in `minutes.items`): the current item.
    pub item: usize,
    /// Selected row of the main pane.
    pub row: usize,
    /// What is open.
    pub mode: Mode,
    /// The item under discussion (taken up last).
    pub under_discussion: Option<usize>,
    /// Local time, from the last tick.
    pub now: NaiveDateTime,
    /// Status bar line.
    pub message: Option<Message>,
    /// The message as first seen by the clock, and when: it clears a few seconds later.
    pub message_seen: Option<(Message, NaiveDateTime)>,
    /// The record an undo or redo just changed, highlighted until the next key.
    pub changed: Option<Target>,
    /// Terminal size, for mouse hits.
    pub size: (u16, u16),
    /// Where the minutes are written, for messages.
    pub minutes_path: String,
    /// How dates are shown (from the configuration).
    pub dates: crate::model::dates::DateStyle,
}

/// What is computed once at load from the plan, the agenda and the other meetings.
#[derive(Debug, Clone)]
pub struct Caches {
    /// The actions earlier meetings created or named, as they stood before this meeting;
    /// a plan row no earlier meeting named is read from the plan ([`App::before`]).
    pub baseline: Ledger,
    /// The roster as owner-picker candidates.
    pub owner_candidates: Arc<Candidates>,
    /// Search entries that depend only on the plan and agenda.
    pub search_entries: Arc<Vec<Entry>>,
    /// Search entries for the other meetings' decisions.
    pub earlier_entries: Arc<Vec<Entry>>,
    /// Widest action id of each area (walk order), for the id column.
    pub id_widths: Vec<usize>,
    /// Decisions of earlier meetings still outstanding, by due date: matters arising.
    pub arising: Vec<String>,
    /// The actions a grouped matters-arising item names (`Matters arising, priority area
    /// 1 (...): ... PA-1, PA-2`, as `next` drafts them when there are many), by item id.
    pub arising_groups: std::collections::HashMap<String, Vec<String>>,
    /// The quorum counted for a revision of the record ([`Record::revision`]): the header,
    /// the list and the detail ask for it each frame, the count is made once per change.
    pub quorum: std::cell::Cell<Option<(u64, crate::model::Quorum)>>,
    /// The main list's rows as last drawn, kept while in view and drawn from the same
    /// revision, item, width and styles: a key that moves the selection builds none.
    pub rows: std::cell::RefCell<super::rows::RowLines>,
    /// The highest decision number listed under an item, for the version of its decisions
    /// kept beside it ([`App::next_decision_id`]): recording one decision after another
    /// under an item with thousands does not read them all again each time.
    pub highest_listed: std::cell::RefCell<Option<(usize, imbl::Vector<Decision>, u32)>>,
}

/// Everything the screen shows: the loaded files, the record, the screen state, the caches.
#[derive(Debug, Clone)]
pub struct App {
    /// The plan (a reference; never rewritten).
    pub plan: Plan,
    /// The agenda as loaded.
    pub agenda: Agenda,
    /// Minutes of the other meetings in the folder.
    pub others: Vec<Minutes>,
    /// Styles.
    pub theme: Theme,
    /// The minutes and their history.
    pub record: Record,
    /// Selection, focus and what is open.
    pub screen: Screen,
    /// Computed once at load.
    pub cache: Caches,
}

impl App {
    /// Builds the screen's state from an opened agenda.
    pub fn new(opened: OpenedAgenda, theme: Theme, now: NaiveDateTime) -> App {
        let agenda_file = opened
            .agenda_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut minutes = opened
            .minutes
            .unwrap_or_else(|| Minutes::from_agenda(&opened.agenda, &agenda_file));
        minutes.follow_agenda(&opened.agenda);
        minutes.agenda = agenda_file;
        let earlier = opened
            .others
            .iter()
            .filter(|m| crate::model::ledger::is_earlier(&m.meeting, &minutes.meeting));
        // The search entries are built on the second core while the ledger is built here:
        // both are a pass over every action, and opening a large plan waits for both.
        let entries = || {
            (
                static_entries(&opened.plan, &minutes),
                earlier_entries(&opened.others),
            )
        };
        let (baseline, (search_entries, earlier_entries)) = std::thread::scope(|s| {
            let built = s.spawn(entries);
            let baseline = Ledger::build_named(&opened.plan, earlier);
            (baseline, built.join().unwrap_or_else(|_| entries()))
        });
        let (search_entries, earlier_entries) =
            (Arc::new(search_entries), Arc::new(earlier_entries));
        let mut arising: Vec<&ActionState> = baseline
            .outstanding()
            .filter(|a| a.source != crate::model::Source::Plan)
            .collect();
        arising.sort_by(|a, b| crate::model::ledger::due_order((a.due, &a.id), (b.due, &b.id)));
        let arising: Vec<String> = arising.into_iter().map(|a| a.id.clone()).collect();
        // Reopened minutes: an item still open (taken up, not left) is under discussion;
        // when every item taken up was left (the meeting was quitted), none is until the
        // rapporteur takes one up, and the item left last is the one shown.
        let under_discussion = minutes
            .items
            .iter()
            .enumerate()
            .filter(|(_, r)| r.left.is_none())
            .filter_map(|(i, r)| r.taken_up.map(|t| (t, i)))
            .max()
            .map(|(_, i)| i);
        let left_last = minutes
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.left.map(|t| (t, i)))
            .max()
            .map(|(_, i)| i);
        let owner_candidates = Arc::new(candidates(&opened.plan));
        let id_widths = opened
            .plan
            .areas
            .iter()
            .map(|a| {
                a.actions
                    .iter()
                    .map(|x| x.id.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let arising_groups = minutes
            .items
            .iter()
            .filter(|r| r.area.is_none() && r.title.starts_with("Matters arising, "))
            .map(|r| {
                let named: Vec<String> = r
                    .title
                    .split([' ', ',', ';', ':'])
                    .filter(|w| baseline.get(w).is_some() || opened.plan.action(w).is_some())
                    .map(str::to_string)
                    .collect();
                (r.id.clone(), named)
            })
            .filter(|(_, named)| !named.is_empty())
            .collect();
        App {
            plan: opened.plan,
            agenda: opened.agenda,
            others: opened.others,
            theme,
            record: Record {
                minutes,
                undo: Vec::new(),
                redo: Vec::new(),
                undo_edits: Vec::new(),
                redo_edits: Vec::new(),
                save: SaveState::Saved,
                written: None,
                amend: None,
                revision: 0,
            },
            screen: Screen {
                focus: Pane::Agenda,
                item: under_discussion.or(left_last).unwrap_or(0),
                row: 0,
                mode: Mode::Normal,
                under_discussion,
                now,
                message: None,
                message_seen: None,
                changed: None,
                size: (80, 24),
                minutes_path: opened.minutes_path.display().to_string(),
                dates: crate::model::dates::DateStyle::Iso,
            },
            cache: Caches {
                baseline,
                owner_candidates,
                search_entries,
                earlier_entries,
                id_widths,
                arising,
                arising_groups,
                quorum: std::cell::Cell::new(None),
                rows: std::cell::RefCell::default(),
                highest_listed: std::cell::RefCell::new(None),
            },
        }
    }

    /// The meeting's date: the base of relative due dates.
    pub fn meeting_date(&self) -> NaiveDate {
        self.record.minutes.meeting.date
    }

    /// The current item's record.
    pub fn current(&self) -> Option<&ItemRecord> {
        self.record.minutes.items.get(self.screen.item)
    }

    /// The agenda item behind a record, for its timebox and presenter.
    pub fn agenda_item(&self, id: &str) -> Option<&crate::model::AgendaItem> {
        self.agenda.items.iter().find(|i| i.id == id)
    }

    /// The plan actions of the current item's area, if it has an area.
    pub fn area_actions(&self) -> &[PlanAction] {
        self.current()
            .and_then(|r| r.area.as_deref())
            .and_then(|a| self.plan.area(a))
            .map_or(&[], |a| a.actions.as_slice())
    }

    /// The actions shown above the current item's decisions: its area's plan actions; for
    /// a matters-arising item, what earlier meetings left outstanding (or, for an item
    /// titled `Matters arising: <action> ...` as `next` drafts them, that one action; for
    /// a grouped one, the actions it names).
    pub fn shown(&self) -> Shown<'_> {
        let Some(rec) = self.current() else {
            return Shown::Nothing;
        };
        if rec.area.is_some() {
            return Shown::Plan(self.area_actions());
        }
        if let Some(rest) = rec.title.strip_prefix("Matters arising: ") {
            let name = rest.split_whitespace().next().unwrap_or("");
            let known = self.cache.baseline.get(name).map(|s| s.id.as_str());
            if let Some(id) = known.or_else(|| self.plan.action(name).map(|(_, x)| x.id.as_str())) {
                return Shown::One(id);
            }
        }
        if let Some(named) = self.cache.arising_groups.get(&rec.id) {
            return Shown::Arising(named);
        }
        if rec.title.to_lowercase().contains("matters arising") {
            return Shown::Arising(&self.cache.arising);
        }
        Shown::Nothing
    }

    /// The current item's decisions.
    pub fn decisions(&self) -> &imbl::Vector<Decision> {
        static NONE: std::sync::LazyLock<imbl::Vector<Decision>> =
            std::sync::LazyLock::new(imbl::Vector::new);
        self.current().map_or(&NONE, |r| &*r.decisions)
    }

    /// Number of selectable rows in the main pane.
    pub fn row_count(&self) -> usize {
        self.shown().len() + self.decisions().len()
    }

    /// The row at an index.
    pub fn row_at(&self, i: usize) -> Option<Row> {
        let n = self.shown().len();
        if i < n {
            Some(Row::Action(i))
        } else if i < n + self.decisions().len() {
            Some(Row::Decision(i - n))
        } else {
            None
        }
    }

    /// What the selected record is, when the main pane has focus and a row.
    pub fn selected_target(&self) -> Option<Target> {
        self.selected_target_at(self.row_at(self.screen.row)?)
    }

    /// The record a row of the current item shows.
    pub fn selected_target_at(&self, row: Row) -> Option<Target> {
        match row {
            Row::Action(i) => Some(Target::Action(self.shown().name(i)?.to_string())),
            Row::Decision(i) => Some(Target::Decision {
                item: self.screen.item,
                id: self.decisions().get(i)?.id.clone(),
            }),
        }
    }

    /// An action as it stood before this meeting: from the ledger of what earlier meetings
    /// named, else the plan row as the plan has it (nobody touched it since).
    pub fn before(&self, action: &str) -> Option<Cow<'_, ActionState>> {
        match self.cache.baseline.get(action) {
            Some(s) => Some(Cow::Borrowed(s)),
            None => self
                .plan
                .action(action)
                .map(|(area, x)| Cow::Owned(crate::model::ledger::plan_state(area, x))),
        }
    }

    /// What a row shows of an action as it stood before this meeting, borrowed from the
    /// ledger or the plan: [`App::before`] without a copy per row per frame.
    pub fn before_row(&self, action: &str) -> Option<RowBefore<'_>> {
        if let Some(s) = self.cache.baseline.get(action) {
            return Some(RowBefore {
                title: &s.title,
                owners: &s.owners,
                due: s.due,
                status: s.status,
            });
        }
        self.plan.action(action).map(|(_, x)| RowBefore {
            title: &x.title,
            owners: &x.owners,
            due: x.due,
            status: x.status,
        })
    }

    /// This meeting's updates to an action, merged in file order (latest word wins).
    pub fn change_to(&self, action: &str) -> Option<Update> {
        crate::model::ledger::meeting_change(&self.record.minutes, action)
    }

    /// An action as it stands now: before this meeting, with this meeting's updates
    /// applied by the ledger's rule.
    pub fn now_state(&self, action: &str) -> Option<ActionState> {
        let mut state = self.before(action)?.into_owned();
        if let Some(u) = self.change_to(action) {
            state.apply(&u);
        }
        Some(state)
    }

    /// The decision a target names.
    pub fn decision(&self, item: usize, id: &str) -> Option<&Decision> {
        self.record.minutes.items.get(item)?.find_decision(id)
    }

    /// The id the next decision recorded under item `item` takes, as
    /// [`ItemRecord::next_decision_id`] says it; the highest number listed is read from the
    /// cache when the item's decisions are the version it was counted for.
    pub fn next_decision_id(&self, item: usize) -> Option<String> {
        let rec = self.record.minutes.items.get(item)?;
        let listed = self.highest_listed(item)?;
        Some(format!(
            "{}-{}",
            rec.id,
            listed.max(rec.issued.unwrap_or(0)) + 1
        ))
    }

    fn highest_listed(&self, item: usize) -> Option<u32> {
        let rec = self.record.minutes.items.get(item)?;
        if let Some((i, version, n)) = &*self.cache.highest_listed.borrow()
            && *i == item
            && version.ptr_eq(&rec.decisions)
        {
            return Some(*n);
        }
        let n = rec.highest_listed();
        *self.cache.highest_listed.borrow_mut() = Some((item, (*rec.decisions).clone(), n));
        Some(n)
    }

    /// Decision `id` was just added at the end of item `item`'s decisions: the highest
    /// number listed, if known for the version before, is kept up to date without reading
    /// them all.
    pub(crate) fn decision_added(&self, item: usize, before: &imbl::Vector<Decision>, id: &str) {
        let Some(rec) = self.record.minutes.items.get(item) else {
            return;
        };
        let mut cache = self.cache.highest_listed.borrow_mut();
        let Some((i, version, n)) = cache.as_mut() else {
            return;
        };
        let added = rec.decisions.len() == before.len() + 1
            && rec.decisions.last().is_some_and(|d| d.id == id);
        if *i != item || !version.ptr_eq(before) || !added {
            return;
        }
        *n = (*n).max(rec.decision_number(id).unwrap_or(0));
        *version = (*rec.decisions).clone();
    }

    /// The quorum as the meeting's rule counts it (see [`crate::model::attendance`]).
    pub fn quorum(&self) -> crate::model::Quorum {
        let revision = self.record.revision;
        if let Some((r, q)) = self.cache.quorum.get()
            && r == revision
        {
            return q;
        }
        let q = crate::model::attendance::quorum(
            &self.record.minutes.meeting,
            &self.plan,
            &self.record.minutes.attendance,
        );
        self.cache.quorum.set(Some((revision, q)));
        q
    }

    /// Position (0-based) of the current item's area in walk order.
    pub fn area_position(&self) -> Option<usize> {
        self.current()
            .and_then(|r| r.area.as_deref())
            .and_then(|a| self.plan.area_position(a))
    }

    /// True while work is in progress between keys (a search being scored): the loop
    /// then sends [`super::action::Action::Work`] instead of waiting for a key.
    pub fn busy(&self) -> bool {
        matches!(&self.screen.mode, Mode::Search(s) if s.busy())
    }

    /// True when nothing may be written.
    pub fn read_only(&self) -> bool {
        matches!(self.record.save, SaveState::ReadOnly(_))
    }
}

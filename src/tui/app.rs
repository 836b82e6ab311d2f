//! The state of the live meeting screen: the loaded files, the minutes being written,
//! what is selected and what is open. No I/O here.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};

use crate::load::workspace::OpenedAgenda;
use crate::model::ledger::{ActionState, Ledger};
use crate::model::{Action as PlanAction, Agenda, Decision, ItemRecord, Minutes, Plan, Update};
use crate::theme::Theme;

use super::widgets::notes::NotesEditor;
use super::widgets::owners::{Candidate, candidates};
use super::widgets::search::{Entry, static_entries};
use super::widgets::{
    attendance::AttendanceList, owners::OwnerPicker, prompt::Prompt, search::SearchView,
    status::StatusPicker,
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

/// The kind of mode, for the key table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModeKind {
    /// The main screen.
    Normal,
    /// A one-line text field.
    Prompt,
    /// The owner picker.
    Owners,
    /// The status picker.
    Status,
    /// The notes editor.
    Notes,
    /// Attendance.
    Attendance,
    /// Search.
    Search,
    /// Help.
    Help,
    /// Recovered text.
    Recover,
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
            Mode::Search(_) => ModeKind::Search,
            Mode::Help { .. } => ModeKind::Help,
            Mode::Recover(_) => ModeKind::Recover,
        }
    }
}

/// What a record-editing field acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A decision of this meeting, by item index and decision id.
    Decision {
        /// Index in `minutes.items`.
        item: usize,
        /// Decision id.
        id: String,
    },
    /// An action of the plan or of an earlier meeting, by name: changes become updates
    /// under the current item.
    Action(String),
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

/// Everything the screen shows.
#[derive(Debug, Clone)]
pub struct App {
    /// The plan (a reference; never rewritten).
    pub plan: Plan,
    /// The agenda as loaded.
    pub agenda: Agenda,
    /// The minutes being written.
    pub minutes: Minutes,
    /// Every action as it stood before this meeting: plan plus earlier meetings.
    pub baseline: Ledger,
    /// Minutes of the other meetings in the folder.
    pub others: Vec<Minutes>,
    /// Styles.
    pub theme: Theme,
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
    /// Earlier versions of the minutes, for undo.
    pub undo: Vec<Minutes>,
    /// Undone versions, for redo.
    pub redo: Vec<Minutes>,
    /// Status bar line.
    pub message: Option<Message>,
    /// Disk state.
    pub save: SaveState,
    /// Terminal size, for mouse hits.
    pub size: (u16, u16),
    /// Where the minutes are written, for messages.
    pub minutes_path: String,
    /// The roster as owner-picker candidates, built once at load.
    pub owner_candidates: Arc<Vec<Candidate>>,
    /// Search entries that depend only on the plan and agenda, built once at load.
    pub search_entries: Arc<Vec<Entry>>,
    /// Widest action id of each area (walk order), for the id column, built once at load.
    pub id_widths: Vec<usize>,
    /// How dates are shown (from the configuration).
    pub dates: crate::config::DateStyle,
    /// Decisions of earlier meetings still outstanding, by due date: matters arising.
    pub arising: Vec<String>,
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
        let date = minutes.meeting.date;
        let earlier = opened
            .others
            .iter()
            .filter(|m| (m.meeting.date, &m.meeting.id) < (date, &minutes.meeting.id));
        let baseline = Ledger::build(&opened.plan, earlier);
        let mut arising: Vec<&ActionState> = baseline
            .outstanding()
            .filter(|a| a.source != crate::model::Source::Plan)
            .collect();
        arising.sort_by(|a, b| crate::model::ledger::due_order((a.due, &a.id), (b.due, &b.id)));
        let arising: Vec<String> = arising.into_iter().map(|a| a.id.clone()).collect();
        let under_discussion = minutes
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.taken_up.map(|t| (t, i)))
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
        let search_entries = Arc::new(static_entries(&opened.plan, &minutes));
        App {
            plan: opened.plan,
            agenda: opened.agenda,
            minutes,
            baseline,
            others: opened.others,
            theme,
            focus: Pane::Agenda,
            item: under_discussion.unwrap_or(0),
            row: 0,
            mode: Mode::Normal,
            under_discussion,
            now,
            undo: Vec::new(),
            redo: Vec::new(),
            message: None,
            save: SaveState::Saved,
            size: (80, 24),
            minutes_path: opened.minutes_path.display().to_string(),
            owner_candidates,
            search_entries,
            id_widths,
            dates: crate::config::DateStyle::Iso,
            arising,
        }
    }

    /// The meeting's date: the base of relative due dates.
    pub fn meeting_date(&self) -> NaiveDate {
        self.minutes.meeting.date
    }

    /// The current item's record.
    pub fn current(&self) -> Option<&ItemRecord> {
        self.minutes.items.get(self.item)
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
    /// titled `Matters arising: <action> ...` as `next` drafts them, that one action).
    pub fn shown(&self) -> Shown<'_> {
        let Some(rec) = self.current() else {
            return Shown::Nothing;
        };
        if rec.area.is_some() {
            return Shown::Plan(self.area_actions());
        }
        if let Some(rest) = rec.title.strip_prefix("Matters arising: ") {
            let name = rest.split_whitespace().next().unwrap_or("");
            if let Some(state) = self.baseline.get(name) {
                return Shown::One(&state.id);
            }
        }
        if rec.title.to_lowercase().contains("matters arising") {
            return Shown::Arising(&self.arising);
        }
        Shown::Nothing
    }

    /// The current item's decisions.
    pub fn decisions(&self) -> &[Decision] {
        self.current().map_or(&[], |r| r.decisions.as_slice())
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
        match self.row_at(self.row)? {
            Row::Action(i) => Some(Target::Action(self.shown().name(i)?.to_string())),
            Row::Decision(i) => Some(Target::Decision {
                item: self.item,
                id: self.decisions()[i].id.clone(),
            }),
        }
    }

    /// An action as it stood before this meeting.
    pub fn before(&self, action: &str) -> Option<&ActionState> {
        self.baseline.get(action)
    }

    /// This meeting's updates to an action, merged in file order (latest word wins).
    pub fn change_to(&self, action: &str) -> Option<Update> {
        let mut merged: Option<Update> = None;
        for (_, u) in self.minutes.updates().filter(|(_, u)| u.action == action) {
            let m = merged.get_or_insert_with(|| Update {
                action: action.to_string(),
                ..Update::default()
            });
            if u.status.is_some() {
                m.status = u.status;
            }
            if u.owners.is_some() {
                m.owners.clone_from(&u.owners);
            }
            if u.due.is_some() {
                m.due = u.due;
            }
            if u.note.is_some() {
                m.note.clone_from(&u.note);
            }
        }
        merged
    }

    /// The decision a target names.
    pub fn decision(&self, item: usize, id: &str) -> Option<&Decision> {
        self.minutes
            .items
            .get(item)?
            .decisions
            .iter()
            .find(|d| d.id == id)
    }

    /// Present delegations that count for the quorum: states of the roster when the
    /// roster has any, else every delegation present.
    pub fn present_for_quorum(&self) -> usize {
        let has_states = self.plan.partners.iter().any(|p| p.is_state());
        self.minutes
            .present_delegations()
            .filter(|r| !has_states || self.plan.partner(r).is_some_and(|p| p.is_state()))
            .count()
    }

    /// Position (0-based) of the current item's area in walk order.
    pub fn area_position(&self) -> Option<usize> {
        self.current()
            .and_then(|r| r.area.as_deref())
            .and_then(|a| self.plan.area_position(a))
    }

    /// True when nothing may be written.
    pub fn read_only(&self) -> bool {
        matches!(self.save, SaveState::ReadOnly(_))
    }
}

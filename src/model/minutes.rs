//! Minutes: what one meeting recorded, item by item, in the order it was recorded.

use chrono::{NaiveDate, NaiveTime};

use super::attendance::{Attendance, Presence, Role};
use super::shared::Shared;
use super::voting::{Statement, Taken};
use super::{Agenda, AgendaItem, Meeting, Status};

/// Whether the minutes are still being written or have been approved by a later meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MinutesState {
    /// Being written or awaiting approval.
    #[default]
    Draft,
    /// Approved by a later meeting.
    Approved,
}

impl MinutesState {
    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            MinutesState::Draft => "draft",
            MinutesState::Approved => "approved",
        }
    }
}

/// A decision recorded under an item. With owners or a due date it is an action.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decision {
    /// `<item id>-<n>`, never reused in the file.
    pub id: String,
    /// What was decided.
    pub text: String,
    /// Roster ids or free text.
    pub owners: Vec<String>,
    /// Due date.
    pub due: Option<NaiveDate>,
    /// Status when it is an action; `None` means the default (`open`).
    pub status: Option<Status>,
    /// The plan action this decision creates or concerns.
    pub action: Option<String>,
    /// Left out of public renderings.
    pub confidential: bool,
    /// Recorded while the quorum was not met (`quorate = false` in the file): kept with
    /// the decision, so a delegation arriving later does not clear it.
    pub without_quorum: bool,
    /// How it was taken: consensus unless a vote or ad referendum is recorded.
    pub taken: Taken,
    /// Statements placed on the record about this decision.
    pub statements: Shared<Statement>,
}

impl Decision {
    /// A decision with owners or a due date is an action.
    pub fn is_action(&self) -> bool {
        !self.owners.is_empty() || self.due.is_some()
    }

    /// The status in effect: the recorded one, or `open` for an action.
    pub fn effective_status(&self) -> Option<Status> {
        if self.is_action() {
            Some(self.status.unwrap_or_default())
        } else {
            self.status
        }
    }
}

/// A correction made to minutes after a later meeting approved them (`open --amend`):
/// one per confirmed change, in the order made.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Amendment {
    /// The meeting that had approved the minutes when the change was made.
    pub after_approval_by: String,
    /// What changed, in words (as `rapporteur diff` says it).
    pub changes: Vec<String>,
}

/// A change to an earlier action: only the fields it names change.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Update {
    /// A plan action id, or `<meeting id>/<decision id>`.
    pub action: String,
    /// New status.
    pub status: Option<Status>,
    /// New owners.
    pub owners: Option<Vec<String>>,
    /// New due date.
    pub due: Option<NaiveDate>,
    /// What was said.
    pub note: Option<String>,
}

impl Update {
    /// Takes a later update to the same action on top of this one: each field it names
    /// replaces this one's.
    pub fn merge(&mut self, later: &Update) {
        if later.status.is_some() {
            self.status = later.status;
        }
        if later.owners.is_some() {
            self.owners.clone_from(&later.owners);
        }
        if later.due.is_some() {
            self.due = later.due;
        }
        if later.note.is_some() {
            self.note.clone_from(&later.note);
        }
    }
}

/// The record of one agenda item.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ItemRecord {
    /// The agenda item id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Linked priority area.
    pub area: Option<String>,
    /// When the item was taken up.
    pub taken_up: Option<NaiveTime>,
    /// When the meeting left the item (another item was taken up); with `taken_up`, how
    /// long it took.
    pub left: Option<NaiveTime>,
    /// Record of discussion.
    pub notes: Option<String>,
    /// Left out of public renderings.
    pub confidential: bool,
    /// Decisions in the order they were made.
    pub decisions: Shared<Decision>,
    /// Updates in the order they were made.
    pub updates: Vec<Update>,
    /// The highest decision number ever issued under this item, as read from the file
    /// (`issued = N`, present only when a deleted decision held it).
    pub issued: Option<u32>,
    /// Statements placed on the record under the item (not about one decision).
    pub statements: Shared<Statement>,
}

impl ItemRecord {
    /// An item added during the meeting, not on the agenda: the live screen's walk to a
    /// priority area that has no agenda item adds `area-<number>` (with `+` to keep it
    /// unique). Formal documents show it by title, after the adopted agenda.
    pub fn added_during_meeting(&self) -> bool {
        self.id.strip_prefix("area-").is_some_and(|rest| {
            let digits = rest.trim_end_matches('+');
            !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
        })
    }

    /// An empty record for an agenda item.
    pub fn from_agenda(item: &AgendaItem) -> ItemRecord {
        ItemRecord {
            id: item.id.clone(),
            title: item.title.clone(),
            area: item.area.clone(),
            confidential: item.confidential,
            ..ItemRecord::default()
        }
    }

    /// Anything recorded under the item.
    pub fn has_records(&self) -> bool {
        !self.decisions.is_empty()
            || !self.updates.is_empty()
            || !self.statements.is_empty()
            || self.notes.as_deref().is_some_and(|n| !n.trim().is_empty())
    }

    /// The number of a decision id of this item (`4.1-3` -> 3), if it has that shape.
    pub fn decision_number(&self, decision_id: &str) -> Option<u32> {
        decision_id
            .strip_prefix(self.id.as_str())?
            .strip_prefix('-')?
            .parse()
            .ok()
    }

    /// The decision of this item with id `id`. Decision `4.1-7` is usually the seventh
    /// listed (none deleted before it): that place is looked at first, so finding the
    /// decision just recorded does not read every one before it.
    pub fn find_decision(&self, id: &str) -> Option<&Decision> {
        self.decisions.get(self.decision_index(id)?)
    }

    /// Where decision `id` is listed (see [`ItemRecord::find_decision`]).
    pub fn decision_index(&self, id: &str) -> Option<usize> {
        let guess = self.decision_number(id).and_then(|n| {
            let i = usize::try_from(n).ok()?.checked_sub(1)?;
            self.decisions.get(i).filter(|d| d.id == id).map(|_| i)
        });
        guess.or_else(|| self.decisions.iter().position(|d| d.id == id))
    }

    /// The highest decision number among the decisions listed (0 when none).
    pub fn highest_listed(&self) -> u32 {
        self.decisions
            .iter()
            .filter_map(|d| self.decision_number(&d.id))
            .max()
            .unwrap_or(0)
    }

    /// The highest decision number ever issued under this item: listed or recorded as
    /// issued before a delete.
    pub fn highest_issued(&self) -> u32 {
        self.highest_listed().max(self.issued.unwrap_or(0))
    }

    /// The next decision id: one past the highest number ever issued under this item.
    pub fn next_decision_id(&self) -> String {
        format!("{}-{}", self.id, self.highest_issued() + 1)
    }

    /// Deletes a decision; its number stays issued, so a later decision never takes it.
    pub fn delete_decision(&mut self, id: &str) {
        self.issued = Some(self.highest_issued());
        self.decisions.retain(|d| d.id != id);
    }

    /// The `issued` a file must carry: `Some` only when it is above every listed number
    /// (after a delete), so files without deletes keep their bytes.
    pub fn issued_to_write(&self) -> Option<u32> {
        self.issued.filter(|&n| n > self.highest_listed())
    }
}

/// The minutes of one meeting.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Minutes {
    /// Header, repeated from the agenda so the file stands alone.
    pub meeting: Meeting,
    /// Path of the agenda, relative to the minutes.
    pub agenda: String,
    /// Draft or approved.
    pub state: MinutesState,
    /// The meeting that approved these minutes.
    pub approved_at: Option<String>,
    /// When the Chair closed the meeting.
    pub closed: Option<NaiveTime>,
    /// Presence by delegation, one entry per delegation.
    pub attendance: Vec<Attendance>,
    /// Every agenda item in agenda order, then items added during the meeting.
    pub items: Vec<ItemRecord>,
    /// Corrections made after approval, in the order made.
    pub amendments: Vec<Amendment>,
}

impl Minutes {
    /// Fresh minutes for an agenda: every item listed, attendees absent until marked.
    pub fn from_agenda(agenda: &Agenda, agenda_file: &str) -> Minutes {
        let mut minutes = Minutes {
            meeting: agenda.meeting.clone(),
            agenda: agenda_file.to_string(),
            ..Minutes::default()
        };
        minutes.follow_agenda(agenda);
        minutes
    }

    /// Brings minutes in line with their agenda: the header from the agenda, every agenda
    /// item in agenda order (records kept), then any items added during the meeting, and
    /// an attendance entry for every delegation expected, with its named delegates.
    pub fn follow_agenda(&mut self, agenda: &Agenda) {
        self.meeting = agenda.meeting.clone();
        let mut old = std::mem::take(&mut self.items);
        for item in &agenda.items {
            match old.iter().position(|r| r.id == item.id) {
                Some(i) => {
                    let mut rec = old.remove(i);
                    rec.title = item.title.clone();
                    rec.area = item.area.clone();
                    rec.confidential = item.confidential;
                    self.items.push(rec);
                }
                None => self.items.push(ItemRecord::from_agenda(item)),
            }
        }
        self.items.extend(old);
        for a in &agenda.attendees {
            let entry = match self
                .attendance
                .iter()
                .position(|x| x.represents == a.represents)
            {
                Some(i) => &mut self.attendance[i],
                None => {
                    self.attendance
                        .push(Attendance::new(a.represents.clone(), Presence::Absent));
                    let last = self.attendance.len() - 1;
                    &mut self.attendance[last]
                }
            };
            entry.add_delegate(&a.name, Role::from_loose(&a.role));
        }
    }

    /// The record of an item.
    pub fn item(&self, id: &str) -> Option<&ItemRecord> {
        self.items.iter().find(|i| i.id == id)
    }

    /// A decision by id, with the item it sits under.
    pub fn decision(&self, id: &str) -> Option<(&ItemRecord, &Decision)> {
        self.items
            .iter()
            .find_map(|i| i.find_decision(id).map(|d| (i, d)))
    }

    /// Every decision in file order, with its item.
    pub fn decisions(&self) -> impl Iterator<Item = (&ItemRecord, &Decision)> {
        self.items
            .iter()
            .flat_map(|i| i.decisions.iter().map(move |d| (i, d)))
    }

    /// Every update in file order, with its item.
    pub fn updates(&self) -> impl Iterator<Item = (&ItemRecord, &Update)> {
        self.items
            .iter()
            .flat_map(|i| i.updates.iter().map(move |u| (i, u)))
    }

    /// Keeps, for each item, the decision numbers issued in `other` (another version of
    /// these minutes) as issued here too: going back in history never re-issues an id.
    pub fn keep_issued_from(&mut self, other: &Minutes) {
        for rec in &mut self.items {
            if let Some(o) = other.item(&rec.id)
                && o.highest_issued() > rec.highest_issued()
            {
                rec.issued = Some(o.highest_issued());
            }
        }
    }

    /// Takes up item `to` at `at` (the meeting's clock): the item under discussion until
    /// now (`from`) is left at `at`; `to` keeps its first take-up time when taken up again
    /// and is no longer left.
    pub fn take_up(&mut self, from: Option<usize>, to: usize, at: NaiveTime) {
        if let Some(f) = from.filter(|&f| f != to)
            && let Some(rec) = self.items.get_mut(f)
            && rec.taken_up.is_some()
        {
            rec.left = Some(at);
        }
        if let Some(rec) = self.items.get_mut(to) {
            rec.taken_up.get_or_insert(at);
            rec.left = None;
        }
    }

    /// Leaves the item under discussion at `at` (the meeting closes or pauses). An item
    /// already left keeps its time: quitting again after the meeting (to correct a record)
    /// does not move the closing time.
    pub fn leave(&mut self, from: usize, at: NaiveTime) {
        if let Some(rec) = self.items.get_mut(from)
            && rec.taken_up.is_some()
            && rec.left.is_none()
        {
            rec.left = Some(at);
        }
    }

    /// Keeps the take-up and leaving times of `other` (another version of these minutes):
    /// undo restores records, never the meeting's clock.
    pub fn keep_times_from(&mut self, other: &Minutes) {
        for rec in &mut self.items {
            if let Some(o) = other.item(&rec.id) {
                rec.taken_up = o.taken_up;
                rec.left = o.left;
            }
        }
    }

    /// When the meeting opened: the first item's take-up time.
    pub fn opened(&self) -> Option<NaiveTime> {
        self.items.iter().filter_map(|r| r.taken_up).min()
    }

    /// When the meeting's clock last left an item, once no item taken up is still under
    /// discussion (`None` while one is): the closing time the screen's walk recorded.
    pub fn last_left(&self) -> Option<NaiveTime> {
        if self
            .items
            .iter()
            .any(|r| r.taken_up.is_some() && r.left.is_none())
        {
            return None;
        }
        self.items.iter().filter_map(|r| r.left).max()
    }

    /// The attendance entry of a delegation.
    pub fn delegation(&self, represents: &str) -> Option<&Attendance> {
        self.attendance.iter().find(|a| a.represents == represents)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str) -> AgendaItem {
        AgendaItem {
            id: id.into(),
            title: format!("Item {id}"),
            area: None,
            minutes: None,
            presenter: None,
            confidential: false,
        }
    }

    #[test]
    fn deleted_ids_stay_issued_and_only_a_gap_is_written() {
        let mut rec = ItemRecord::from_agenda(&item("6.1"));
        for n in 1..=2 {
            let id = rec.next_decision_id();
            assert_eq!(id, format!("6.1-{n}"));
            rec.decisions.push_back(Decision {
                id,
                ..Decision::default()
            });
        }
        assert_eq!(rec.issued_to_write(), None, "untouched: nothing to write");
        rec.delete_decision("6.1-2");
        assert_eq!(rec.issued_to_write(), Some(2));
        assert_eq!(rec.next_decision_id(), "6.1-3");
        // A file's issued lower than a listed number is superseded by it.
        rec.issued = Some(1);
        rec.decisions.push_back(Decision {
            id: "6.1-5".into(),
            ..Decision::default()
        });
        assert_eq!(rec.next_decision_id(), "6.1-6");
        assert_eq!(rec.issued_to_write(), None);
    }

    #[test]
    fn decision_ids_are_never_reused() {
        let mut rec = ItemRecord::from_agenda(&item("4.1"));
        assert_eq!(rec.next_decision_id(), "4.1-1");
        rec.decisions.push_back(Decision {
            id: "4.1-3".into(),
            ..Decision::default()
        });
        assert_eq!(rec.next_decision_id(), "4.1-4");
        rec.issued = Some(7);
        assert_eq!(
            rec.next_decision_id(),
            "4.1-8",
            "a deleted number stays used"
        );
    }

    #[test]
    fn following_the_agenda_keeps_records_and_order() {
        let agenda = Agenda {
            items: vec![item("1"), item("2")],
            ..Agenda::default()
        };
        let mut m = Minutes::from_agenda(&agenda, "a.toml");
        m.items[1].notes = Some("kept".into());
        m.items.push(ItemRecord {
            id: "extra".into(),
            ..ItemRecord::default()
        });
        let agenda2 = Agenda {
            items: vec![item("0"), item("1"), item("2")],
            ..Agenda::default()
        };
        m.follow_agenda(&agenda2);
        let ids: Vec<_> = m.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["0", "1", "2", "extra"]);
        assert_eq!(m.items[2].notes.as_deref(), Some("kept"));
    }

    #[test]
    fn plain_decisions_are_not_actions() {
        let mut d = Decision::default();
        assert!(!d.is_action());
        assert_eq!(d.effective_status(), None);
        d.owners.push("ctu".into());
        assert_eq!(d.effective_status(), Some(Status::Open));
    }
}

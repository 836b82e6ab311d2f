//! Everything a user can ask of the live screen, as plain values. The keymap turns keys
//! into these; `update` applies them; tests send them directly.

use chrono::NaiveDateTime;
use ratatui::crossterm::event::KeyEvent;

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Move the selection up one row.
    Up,
    /// Move the selection down one row.
    Down,
    /// Move up a page.
    PageUp,
    /// Move down a page.
    PageDown,
    /// Go to the first row.
    Top,
    /// Go to the last row.
    Bottom,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Walk to the next priority area.
    NextArea,
    /// Walk to the previous priority area.
    PrevArea,
    /// Walk to priority area N (1-based, by position in walk order).
    JumpArea(usize),
    /// Choose entry N (1-based) of the open list: the status picker's numbers.
    Choose(usize),
    /// Take up the agenda item, or edit the selected record.
    Enter,
    /// Record a decision under the current item.
    Decide,
    /// Set the owners of the selected decision or action.
    Owners,
    /// Set the due date of the selected decision or action.
    Due,
    /// Set the status of the selected decision or action.
    Status,
    /// Edit the record of discussion of the current item.
    Notes,
    /// Record how the selected decision was taken: consensus, a vote, ad referendum.
    HowTaken,
    /// Place a statement by a delegation on the record: on the selected decision, else
    /// on the item under discussion.
    Statement,
    /// Delete the selected record (undoable).
    Delete,
    /// Correct the selected decision's quorum mark: recorded without a quorum, or not.
    QuorumMark,
    /// Undo the last recorded change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Open the attendance list.
    Attendance,
    /// Add a delegate to the highlighted delegation (attendance).
    AddName,
    /// Open fuzzy search.
    Search,
    /// Show every key.
    Help,
    /// Write the minutes now and say where.
    Write,
    /// Quit (the minutes are already written).
    Quit,
    /// Close or cancel whatever is open.
    Cancel,
    /// Confirm the open field or choice.
    Confirm,
    /// Toggle the highlighted choice (owners, attendance); in the owner picker, a space
    /// while a name is being typed.
    Toggle,
    /// Toggle the highlighted owner even while typing, and clear the query.
    Pick,
    /// Save the notes and keep the editor open.
    SaveNotes,
    /// A key for the open text field.
    Input(KeyEvent),
    /// Pasted text (bracketed paste).
    Paste(String),
    /// No key came while work was in progress: carry on with it (the next slice of a
    /// search being scored).
    Work,
    /// The clock ticked; carries local time.
    Tick(NaiveDateTime),
    /// The terminal was resized.
    Resize(u16, u16),
    /// A mouse click at a cell.
    Click(u16, u16),
    /// Mouse wheel up.
    ScrollUp,
    /// Mouse wheel down.
    ScrollDown,
}

impl Action {
    /// True for what changes the record or writes it: refused when the minutes are
    /// read-only, and then left out of the footer and the help (both drawn from the key
    /// table with this same test).
    pub fn changes_record(&self) -> bool {
        matches!(
            self,
            Action::Decide
                | Action::Owners
                | Action::Due
                | Action::Status
                | Action::Notes
                | Action::HowTaken
                | Action::Statement
                | Action::Delete
                | Action::QuorumMark
                | Action::Undo
                | Action::Redo
                | Action::Write
                | Action::Toggle
                | Action::AddName
                | Action::SaveNotes
        )
    }
}

/// What the event loop must do after an update: the only I/O the screen asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Nothing.
    None,
    /// Write the minutes (a change was recorded).
    Save,
    /// Write the minutes and the Markdown now, and say where.
    WriteNow,
    /// Discard the draft file (its text was used or refused).
    DiscardDraft,
    /// Quit.
    Quit,
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
    /// How a decision was taken: consensus, vote, ad referendum.
    HowTaken,
    /// The vote sheet: delegations entitled to vote, each for, against, abstaining or not
    /// voting.
    Vote,
    /// The delegation making a statement.
    Speaker,
    /// The kind of a statement.
    StatementKind,
    /// Search.
    Search,
    /// Help.
    Help,
    /// Recovered text.
    Recover,
}

//! The one key table: (mode, key) -> action, with the help text. The footer and the help
//! screen are drawn from it, so they cannot drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::action::ModeKind;

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A key without Ctrl or Alt.
    Plain(KeyCode),
    /// Ctrl and a letter.
    Ctrl(char),
    /// Any of 1..9 (the action carries the digit).
    Digit,
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Where it works.
    pub mode: ModeKind,
    /// The keys that do it.
    pub keys: &'static [Key],
    /// What it does.
    pub action: Action,
    /// What the help says.
    pub help: &'static str,
    /// Shown in the footer as well as in the help.
    pub footer: bool,
}

use KeyCode::*;
use ModeKind as M;

macro_rules! bind {
    ($mode:expr, [$($k:expr),+], $action:expr, $help:expr, $footer:expr) => {
        Binding { mode: $mode, keys: { const KEYS: &[Key] = &[$($k),+]; KEYS }, action: $action, help: $help, footer: $footer }
    };
}

const fn p(c: KeyCode) -> Key {
    Key::Plain(c)
}

/// Every binding, in help order.
pub fn table() -> &'static [Binding] {
    use std::sync::OnceLock;
    static TABLE: OnceLock<Vec<Binding>> = OnceLock::new();
    TABLE.get_or_init(|| {
        vec![
            bind!(
                M::Normal,
                [p(Char('d'))],
                Action::Decide,
                "record a decision under the current item",
                true
            ),
            bind!(
                M::Normal,
                [p(Char('o'))],
                Action::Owners,
                "owners of the selected decision or action",
                true
            ),
            bind!(
                M::Normal,
                [p(Char('t'))],
                Action::Due,
                "due date of the selected decision or action",
                true
            ),
            bind!(
                M::Normal,
                [p(Char('s'))],
                Action::Status,
                "status of the selected decision or action",
                true
            ),
            bind!(
                M::Normal,
                [p(Char('n'))],
                Action::Notes,
                "record of discussion for the current item",
                true
            ),
            bind!(
                M::Normal,
                [p(Char('v'))],
                Action::HowTaken,
                "how the selected decision was taken: consensus, vote, ad referendum",
                true
            ),
            bind!(
                M::Normal,
                [p(Char('r'))],
                Action::Statement,
                "statement for the record by a delegation (on the selected decision, else the item)",
                true
            ),
            bind!(
                M::Normal,
                [p(Char(']'))],
                Action::NextArea,
                "next priority area (the walk)",
                true
            ),
            bind!(
                M::Normal,
                [p(Char('['))],
                Action::PrevArea,
                "previous priority area",
                false
            ),
            bind!(
                M::Normal,
                [Key::Digit],
                Action::JumpArea(0),
                "jump to priority area N",
                false
            ),
            bind!(
                M::Normal,
                [p(Enter)],
                Action::Enter,
                "take up the agenda item / edit the record",
                true
            ),
            bind!(
                M::Normal,
                [p(Char('a'))],
                Action::Attendance,
                "attendance and quorum",
                true
            ),
            bind!(
                M::Normal,
                [p(Char('/'))],
                Action::Search,
                "search items, areas, actions, decisions, roster",
                true
            ),
            bind!(
                M::Normal,
                [p(Char('x')), p(Delete)],
                Action::Delete,
                "delete the selected record (undoable)",
                false
            ),
            bind!(
                M::Normal,
                [p(Char('Q'))],
                Action::QuorumMark,
                "correct the selected decision's quorum mark",
                false
            ),
            bind!(M::Normal, [p(Char('u'))], Action::Undo, "undo", true),
            bind!(M::Normal, [Key::Ctrl('r')], Action::Redo, "redo", false),
            bind!(
                M::Normal,
                [p(Char('w'))],
                Action::Write,
                "write the minutes now and show where",
                false
            ),
            bind!(
                M::Normal,
                [p(Up), p(Char('k'))],
                Action::Up,
                "move up",
                false
            ),
            bind!(
                M::Normal,
                [p(Down), p(Char('j'))],
                Action::Down,
                "move down",
                false
            ),
            bind!(M::Normal, [p(PageUp)], Action::PageUp, "page up", false),
            bind!(
                M::Normal,
                [p(PageDown)],
                Action::PageDown,
                "page down",
                false
            ),
            bind!(
                M::Normal,
                [p(Char('g')), p(Home)],
                Action::Top,
                "first row",
                false
            ),
            bind!(
                M::Normal,
                [p(Char('G')), p(End)],
                Action::Bottom,
                "last row",
                false
            ),
            bind!(M::Normal, [p(Tab)], Action::NextPane, "next pane", false),
            bind!(
                M::Normal,
                [p(BackTab)],
                Action::PrevPane,
                "previous pane",
                false
            ),
            bind!(M::Normal, [p(Char('?'))], Action::Help, "all keys", true),
            bind!(
                M::Normal,
                [p(Char('q')), Key::Ctrl('c')],
                Action::Quit,
                "quit (minutes are already written)",
                true
            ),
            bind!(
                M::Normal,
                [p(Esc)],
                Action::Cancel,
                "clear the message line",
                false
            ),
            bind!(M::Prompt, [p(Enter)], Action::Confirm, "confirm", true),
            bind!(
                M::Prompt,
                [p(Esc)],
                Action::Cancel,
                "cancel (skip, in the decision sequence)",
                true
            ),
            bind!(
                M::Prompt,
                [Key::Ctrl('c')],
                Action::Quit,
                "quit; the text is kept as a draft",
                false
            ),
            bind!(
                M::Owners,
                [p(Enter)],
                Action::Confirm,
                "confirm the chosen owners",
                true
            ),
            bind!(
                M::Owners,
                [p(Char(' '))],
                Action::Toggle,
                "toggle the highlighted owner (a space while typing)",
                true
            ),
            bind!(
                M::Owners,
                [p(Tab)],
                Action::Pick,
                "toggle the highlighted owner and type the next",
                true
            ),
            bind!(M::Owners, [p(Up)], Action::Up, "previous match", false),
            bind!(M::Owners, [p(Down)], Action::Down, "next match", false),
            bind!(
                M::Owners,
                [p(Esc)],
                Action::Cancel,
                "skip, owners unchanged",
                true
            ),
            bind!(M::Owners, [Key::Ctrl('c')], Action::Quit, "quit", false),
            bind!(
                M::Status,
                [p(Up), p(Char('k'))],
                Action::Up,
                "previous status",
                false
            ),
            bind!(
                M::Status,
                [p(Down), p(Char('j'))],
                Action::Down,
                "next status",
                false
            ),
            bind!(
                M::Status,
                [p(Enter)],
                Action::Confirm,
                "set the highlighted status",
                true
            ),
            bind!(
                M::Status,
                [Key::Digit],
                Action::Choose(0),
                "set status N (4 = done)",
                false
            ),
            bind!(M::Status, [p(Esc)], Action::Cancel, "cancel", true),
            bind!(M::Status, [Key::Ctrl('c')], Action::Quit, "quit", false),
            bind!(
                M::Notes,
                [Key::Ctrl('s')],
                Action::SaveNotes,
                "save the notes, keep editing",
                true
            ),
            bind!(
                M::Notes,
                [p(Esc)],
                Action::Cancel,
                "save the notes and close",
                true
            ),
            bind!(
                M::Notes,
                [Key::Ctrl('c')],
                Action::Quit,
                "quit; unsaved notes are kept as a draft",
                false
            ),
            bind!(
                M::Attendance,
                [p(Char(' '))],
                Action::Toggle,
                "present / absent (a space while typing)",
                true
            ),
            bind!(
                M::Attendance,
                [p(Enter)],
                Action::Confirm,
                "present / absent, and clear the filter; adds the delegate being typed",
                true
            ),
            bind!(
                M::Attendance,
                [p(Tab)],
                Action::Status,
                "absent → present → apologies; the role of the delegate being typed",
                true
            ),
            bind!(
                M::Attendance,
                [Key::Ctrl('n')],
                Action::AddName,
                "add a delegate (name, Tab for the role, Enter)",
                true
            ),
            bind!(
                M::Attendance,
                [p(Up)],
                Action::Up,
                "previous delegation",
                false
            ),
            bind!(
                M::Attendance,
                [p(Down)],
                Action::Down,
                "next delegation",
                false
            ),
            bind!(M::Attendance, [p(PageUp)], Action::PageUp, "page up", false),
            bind!(
                M::Attendance,
                [p(PageDown)],
                Action::PageDown,
                "page down",
                false
            ),
            bind!(
                M::Attendance,
                [p(Esc)],
                Action::Cancel,
                "cancel the delegate, clear the filter, or close",
                true
            ),
            bind!(M::Attendance, [Key::Ctrl('c')], Action::Quit, "quit", false),
            bind!(
                M::HowTaken,
                [Key::Digit],
                Action::Choose(0),
                "1 consensus, 2 vote, 3 ad referendum",
                true
            ),
            bind!(
                M::HowTaken,
                [p(Enter)],
                Action::Confirm,
                "choose the highlighted form",
                true
            ),
            bind!(
                M::HowTaken,
                [p(Up), p(Char('k'))],
                Action::Up,
                "previous form",
                false
            ),
            bind!(
                M::HowTaken,
                [p(Down), p(Char('j'))],
                Action::Down,
                "next form",
                false
            ),
            bind!(M::HowTaken, [p(Esc)], Action::Cancel, "cancel", true),
            bind!(M::HowTaken, [Key::Ctrl('c')], Action::Quit, "quit", false),
            bind!(
                M::Vote,
                [Key::Digit],
                Action::Choose(0),
                "1 for, 2 against, 3 abstain, 4 not voting: the highlighted delegation",
                true
            ),
            bind!(
                M::Vote,
                [p(Char(' '))],
                Action::Toggle,
                "for → against → abstain → not voting (a space while typing)",
                true
            ),
            bind!(
                M::Vote,
                [p(Tab)],
                Action::Pick,
                "for → against → abstain → not voting, even while typing",
                false
            ),
            bind!(
                M::Vote,
                [p(Enter)],
                Action::Confirm,
                "record the vote",
                true
            ),
            bind!(M::Vote, [p(Up)], Action::Up, "previous delegation", false),
            bind!(M::Vote, [p(Down)], Action::Down, "next delegation", false),
            bind!(M::Vote, [p(PageUp)], Action::PageUp, "page up", false),
            bind!(M::Vote, [p(PageDown)], Action::PageDown, "page down", false),
            bind!(
                M::Vote,
                [p(Esc)],
                Action::Cancel,
                "clear the filter, or close without recording",
                true
            ),
            bind!(M::Vote, [Key::Ctrl('c')], Action::Quit, "quit", false),
            bind!(
                M::Speaker,
                [p(Enter)],
                Action::Confirm,
                "take the highlighted delegation",
                true
            ),
            bind!(M::Speaker, [p(Up)], Action::Up, "previous delegation", false),
            bind!(M::Speaker, [p(Down)], Action::Down, "next delegation (a weak match too)", false),
            bind!(
                M::Speaker,
                [p(Esc)],
                Action::Cancel,
                "clear what is typed, or cancel",
                true
            ),
            bind!(M::Speaker, [Key::Ctrl('c')], Action::Quit, "quit", false),
            bind!(
                M::StatementKind,
                [Key::Digit],
                Action::Choose(0),
                "1 statement, 2 reservation, 3 explanation of vote, 4 interpretative",
                true
            ),
            bind!(
                M::StatementKind,
                [p(Enter)],
                Action::Confirm,
                "choose the highlighted kind",
                true
            ),
            bind!(
                M::StatementKind,
                [p(Up), p(Char('k'))],
                Action::Up,
                "previous kind",
                false
            ),
            bind!(
                M::StatementKind,
                [p(Down), p(Char('j'))],
                Action::Down,
                "next kind",
                false
            ),
            bind!(M::StatementKind, [p(Esc)], Action::Cancel, "cancel", true),
            bind!(M::StatementKind, [Key::Ctrl('c')], Action::Quit, "quit", false),
            bind!(
                M::Search,
                [p(Enter)],
                Action::Confirm,
                "jump to the highlighted result",
                true
            ),
            bind!(M::Search, [p(Up)], Action::Up, "previous result", false),
            bind!(M::Search, [p(Down)], Action::Down, "next result", false),
            bind!(M::Search, [p(PageUp)], Action::PageUp, "page up", false),
            bind!(
                M::Search,
                [p(PageDown)],
                Action::PageDown,
                "page down",
                false
            ),
            bind!(M::Search, [p(Esc)], Action::Cancel, "close", true),
            bind!(M::Search, [Key::Ctrl('c')], Action::Quit, "quit", false),
            bind!(
                M::Help,
                [p(Esc), p(Char('?')), p(Char('q'))],
                Action::Cancel,
                "close the help",
                true
            ),
            bind!(
                M::Help,
                [p(Up), p(Char('k'))],
                Action::Up,
                "scroll up",
                false
            ),
            bind!(
                M::Help,
                [p(Down), p(Char('j'))],
                Action::Down,
                "scroll down",
                false
            ),
            bind!(M::Help, [p(PageUp)], Action::PageUp, "page up", false),
            bind!(M::Help, [p(PageDown)], Action::PageDown, "page down", false),
            bind!(
                M::Help,
                [p(Char('g')), p(Home)],
                Action::Top,
                "to the start",
                false
            ),
            bind!(
                M::Help,
                [p(Char('G')), p(End)],
                Action::Bottom,
                "to the end",
                false
            ),
            bind!(
                M::Recover,
                [p(Enter)],
                Action::Confirm,
                "restore the text into its field",
                true
            ),
            bind!(M::Recover, [p(Esc)], Action::Cancel, "discard it", true),
            bind!(
                M::Recover,
                [Key::Ctrl('c')],
                Action::Quit,
                "quit; the text stays offered for next time",
                false
            ),
            bind!(M::Help, [Key::Ctrl('c')], Action::Quit, "quit", false),
        ]
    })
}

/// The bindings that work in `mode`: with read-only minutes, none that would change them.
pub fn working(mode: ModeKind, read_only: bool) -> impl Iterator<Item = &'static Binding> {
    table()
        .iter()
        .filter(move |b| b.mode == mode && !(read_only && b.action.changes_record()))
}

/// True for modes where unbound keys are typed into a text field.
fn types_text(mode: ModeKind) -> bool {
    matches!(
        mode,
        M::Prompt | M::Owners | M::Notes | M::Search | M::Attendance | M::Vote | M::Speaker
    )
}

fn matches(key: Key, ev: &KeyEvent) -> Option<Option<usize>> {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    match key {
        Key::Ctrl(c) => (ctrl && ev.code == Char(c)).then_some(None),
        Key::Plain(code) if !ctrl && !alt => (ev.code == code).then_some(None),
        Key::Plain(_) => None,
        Key::Digit => match ev.code {
            Char(c @ '1'..='9') if !ctrl && !alt => Some(Some(c as usize - '0' as usize)),
            _ => None,
        },
    }
}

/// The action for a key in a mode; unbound keys type into an open text field.
pub fn action_for(mode: ModeKind, ev: KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    for b in table().iter().filter(|b| b.mode == mode) {
        for k in b.keys {
            if let Some(digit) = matches(*k, &ev) {
                return Some(match (digit, &b.action) {
                    (Some(n), Action::JumpArea(_)) => Action::JumpArea(n),
                    (Some(n), Action::Choose(_)) => Action::Choose(n),
                    _ => b.action.clone(),
                });
            }
        }
    }
    types_text(mode).then_some(Action::Input(ev))
}

/// How a key is written in the footer and the help.
pub fn key_label(k: Key) -> String {
    match k {
        Key::Ctrl(c) => format!("Ctrl-{c}"),
        Key::Digit => "1-9".to_string(),
        Key::Plain(code) => match code {
            Char(' ') => "Space".to_string(),
            Char(c) => c.to_string(),
            Enter => "Enter".to_string(),
            Esc => "Esc".to_string(),
            Tab => "Tab".to_string(),
            BackTab => "Shift-Tab".to_string(),
            Up => "↑".to_string(),
            Down => "↓".to_string(),
            PageUp => "PgUp".to_string(),
            PageDown => "PgDn".to_string(),
            Home => "Home".to_string(),
            End => "End".to_string(),
            Delete => "Del".to_string(),
            other => format!("{other:?}"),
        },
    }
}

/// A key of a binding as the footer and the help write it: the digits a popup offers
/// (`1-3` for how a decision was taken), `1-9` where any digit works.
pub fn binding_key_label(b: &Binding, k: Key) -> String {
    let last = match (k, b.mode) {
        (Key::Digit, M::HowTaken) => 3,
        (Key::Digit, M::Vote | M::StatementKind) => 4,
        (Key::Digit, M::Status) => crate::model::Status::ALL.len(),
        _ => return key_label(k),
    };
    format!("1-{last}")
}

/// All the keys of a binding, `a / b`.
pub fn keys_label(b: &Binding) -> String {
    b.keys
        .iter()
        .map(|k| binding_key_label(b, *k))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// Short names for the footer.
pub fn footer_name(b: &Binding) -> &'static str {
    match b.action {
        Action::Decide => "decide",
        Action::Owners => "owners",
        Action::Due => "due",
        Action::Status => "status",
        Action::Notes => "notes",
        Action::NextArea => "next area",
        Action::Enter => "take up/edit",
        Action::Attendance => "attendance",
        Action::Search => "search",
        Action::Undo => "undo",
        Action::Help => "help",
        Action::Quit => "quit",
        Action::Confirm => "confirm",
        Action::Cancel => "close",
        Action::Toggle => "toggle",
        Action::Pick => "pick",
        Action::SaveNotes => "save",
        Action::AddName => "add delegate",
        Action::HowTaken => "how taken",
        Action::Statement => "statement",
        Action::Choose(_) => "choose",
        _ => "",
    }
}

/// Shorter names for a narrow footer.
pub fn footer_short(b: &Binding) -> &'static str {
    match b.action {
        Action::Owners => "own",
        Action::Status => "stat",
        Action::NextArea => "walk",
        Action::Enter => "take",
        Action::Attendance => "attend",
        Action::Search => "find",
        Action::AddName => "add",
        Action::HowTaken => "taken",
        Action::Statement => "stmt",
        _ => footer_name(b),
    }
}

/// The order in which a narrow footer leaves hints out, first first. Help (`?`) is never
/// left out: it lists every key.
pub const FOOTER_DROP: &[Action] = &[
    Action::Statement,
    Action::HowTaken,
    Action::Enter,
    Action::NextArea,
    Action::Notes,
    Action::Search,
    Action::Attendance,
    Action::Status,
    Action::Due,
    Action::Owners,
    Action::Quit,
    Action::Undo,
    Action::Decide,
    Action::Pick,
    Action::Toggle,
    Action::SaveNotes,
    Action::Choose(0),
    Action::Cancel,
    Action::Confirm,
];

#[cfg(test)]
mod tests {
    use super::*;

    /// A popup's digits are the ones it offers (QA2: the how-taken popup said `1-9`).
    #[test]
    fn digit_keys_say_the_choices_their_popup_offers() {
        let digits = |mode: ModeKind| {
            table()
                .iter()
                .find(|b| b.mode == mode && b.keys.contains(&Key::Digit))
                .map(keys_label)
        };
        assert_eq!(digits(M::HowTaken).as_deref(), Some("1-3"));
        assert_eq!(digits(M::Vote).as_deref(), Some("1-4"));
        assert_eq!(digits(M::StatementKind).as_deref(), Some("1-4"));
        assert_eq!(digits(M::Status).as_deref(), Some("1-5"));
        assert_eq!(digits(M::Normal).as_deref(), Some("1-9"));
    }

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn keys_map_per_mode() {
        assert_eq!(action_for(M::Normal, key(Char('d'))), Some(Action::Decide));
        assert_eq!(
            action_for(M::Normal, key(Char('3'))),
            Some(Action::JumpArea(3))
        );
        assert_eq!(action_for(M::Normal, key(Char('z'))), None);
        assert_eq!(
            action_for(M::Prompt, key(Char('d'))),
            Some(Action::Input(key(Char('d'))))
        );
        let ctrl_r = KeyEvent::new(Char('r'), KeyModifiers::CONTROL);
        assert_eq!(action_for(M::Normal, ctrl_r), Some(Action::Redo));
    }

    #[test]
    fn every_mode_has_a_way_out() {
        for mode in [
            M::Prompt,
            M::Owners,
            M::Status,
            M::Notes,
            M::Attendance,
            M::Search,
            M::Help,
            M::Recover,
            M::HowTaken,
            M::Vote,
            M::Speaker,
            M::StatementKind,
        ] {
            assert_eq!(action_for(mode, key(Esc)), Some(Action::Cancel), "{mode:?}");
        }
    }
}

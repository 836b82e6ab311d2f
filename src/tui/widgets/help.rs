//! The help screen, drawn from the key table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::theme::Theme;
use crate::tui::action::ModeKind;
use crate::tui::keymap::{keys_label, working};

const SECTIONS: &[(ModeKind, &str)] = &[
    (ModeKind::Normal, "Meeting screen"),
    (
        ModeKind::Prompt,
        "Text fields (decision, due date, note, silence deadline, statement)",
    ),
    (ModeKind::Owners, "Owner picker"),
    (ModeKind::Status, "Status picker"),
    (ModeKind::Notes, "Record of discussion"),
    (ModeKind::Attendance, "Attendance"),
    (ModeKind::HowTaken, "How a decision was taken (v)"),
    (ModeKind::Vote, "Vote sheet (type to find a delegation)"),
    (ModeKind::Speaker, "Statement (r): the delegation"),
    (ModeKind::StatementKind, "Statement (r): its kind"),
    (ModeKind::Search, "Search"),
    (ModeKind::Help, "Help"),
    (ModeKind::Recover, "Recovered text"),
];

/// Every line of the help, from the key table: only the keys that work (with read-only
/// minutes, none that would change them).
pub fn lines(theme: &Theme, read_only: bool) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (mode, title) in SECTIONS {
        // Popups that only record (text fields, pickers, recovered text) never open on
        // read-only minutes: their keys would not work.
        let records = matches!(
            mode,
            ModeKind::Prompt
                | ModeKind::Owners
                | ModeKind::Status
                | ModeKind::Notes
                | ModeKind::Recover
                | ModeKind::HowTaken
                | ModeKind::Vote
                | ModeKind::Speaker
                | ModeKind::StatementKind
        );
        if read_only && records {
            continue;
        }
        out.push(Line::from(Span::styled(*title, theme.title)));
        for b in working(*mode, read_only) {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<16}", keys_label(b)), theme.key),
                Span::styled(b.help, theme.text),
            ]));
        }
        out.push(Line::default());
    }
    out.push(Line::from(Span::styled(
        "Text fields: any Unicode, ← → Home End, Ctrl-w/Alt-Backspace delete a word, paste works.",
        theme.muted,
    )));
    out.push(Line::from(Span::styled(
        "Due dates: 2017-03-31, +3d, +2w, +3m, +1y, eom, eoq, eoy, mon..sun (from the meeting's date).",
        theme.muted,
    )));
    out
}

/// Rows of help shown at once on a terminal `height` rows high (the popup leaves a row
/// above and below, and its border takes two).
pub fn page(height: u16) -> u16 {
    height.saturating_sub(4).max(1)
}

/// The largest useful scroll: the last line of the help at the bottom of the popup.
pub fn max_scroll(line_count: usize, height: u16) -> u16 {
    u16::try_from(line_count.saturating_sub(page(height) as usize)).unwrap_or(u16::MAX)
}

/// Draws the help scrolled to `scroll`.
pub fn render(area: Rect, buf: &mut Buffer, theme: &Theme, scroll: u16, read_only: bool) {
    let r = super::centered(
        area,
        area.width.saturating_sub(4).min(96),
        area.height.saturating_sub(2),
    );
    let inner = super::frame(r, buf, "Keys (Esc closes, ↑ ↓ scroll, G end)", theme);
    let all = lines(theme, read_only);
    let max = max_scroll(all.len(), area.height);
    Paragraph::new(all)
        .scroll((scroll.min(max), 0))
        .render(inner, buf);
}

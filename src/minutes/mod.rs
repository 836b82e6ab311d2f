//! Minutes as files: canonical TOML, formal Markdown, JSON, and the one atomic writer.
//!
//! Rendering is pure (model -> text). [`store`] is the only place that touches the disk.

pub mod diff;
pub mod docx;
pub mod json;
pub mod lock;
pub mod markdown;
pub mod merge;
pub mod merge_file;
pub mod report;
pub mod store;
pub mod toml_out;

/// Which readers a rendering is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// Everything, for the committee.
    #[default]
    All,
    /// Leaves out items and decisions marked `confidential = true`.
    Public,
}

/// Minutes with confidential items and decisions (and the classification marking) left
/// out, and how many records were.
pub fn for_audience(
    m: &crate::model::Minutes,
    audience: Audience,
) -> (crate::model::Minutes, usize) {
    let mut out = m.clone();
    if audience == Audience::All {
        return (out, 0);
    }
    // The restricted marking belongs to the committee's edition; a public rendering
    // carries a public distribution line instead (see [`public_line`]).
    out.meeting.classification = None;
    let mut left_out = 0;
    out.items.retain(|i| {
        if i.confidential {
            left_out += 1 + i.decisions.len();
        }
        !i.confidential
    });
    for item in &mut out.items {
        let before = item.decisions.len();
        item.decisions.retain(|d| !d.confidential);
        left_out += before - item.decisions.len();
    }
    // What an amendment changed may quote a confidential record: a public edition keeps
    // only that there were amendments, and after which approval.
    for a in &mut out.amendments {
        a.changes.clear();
    }
    (out, left_out)
}

/// The distribution line of a public rendering, in place of the restricted marking: it
/// says that this is a public version, of which meeting, and what was left out.
pub fn public_line(meeting: &crate::model::Meeting, left_out: usize) -> String {
    let what = if meeting.title.is_empty() {
        crate::text::inert_line(&meeting.id).into_owned()
    } else {
        format!(
            "{} ({})",
            crate::text::with_the(&crate::text::inert_line(&meeting.title)),
            crate::text::inert_line(&meeting.id)
        )
    };
    let left = match left_out {
        0 => String::from("nothing was marked confidential"),
        n => format!("{n} confidential record(s) left out"),
    };
    format!(
        "Distribution: public. Public version of the minutes of {what}, {}; {left}.",
        crate::model::dates::long_date(meeting.date)
    )
}

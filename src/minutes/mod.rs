//! Minutes as files: canonical TOML, formal Markdown, JSON, and the one atomic writer.
//!
//! Rendering is pure (model -> text). [`store`] is the only place that touches the disk.

pub mod diff;
pub mod json;
pub mod lock;
pub mod markdown;
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

/// Minutes with confidential items and decisions left out, and how many were.
pub fn for_audience(
    m: &crate::model::Minutes,
    audience: Audience,
) -> (crate::model::Minutes, usize) {
    let mut out = m.clone();
    if audience == Audience::All {
        return (out, 0);
    }
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
    (out, left_out)
}

//! A large plan parsed in pieces, two at a time, one on each core.
//!
//! The TOML model of a plan of 100,000 actions takes most of the time of opening it, and
//! the parser's own buffers (its tokens and events, some twelve times the text) most of
//! the memory. The file is cut at `[[areas]]` and `[[areas.actions]]` lines into a few
//! pieces, parsed on two threads one after another: twice as fast, and only two pieces'
//! buffers at a time.
//!
//! The pieces are used only when they are certain to be the model of the whole file: every
//! piece parses without an error, the first holds the plan, every other holds nothing but
//! areas (or the actions of the area before it), and the arrays they extend were made by
//! `[[...]]` headers. In every other case (a cut inside a multi-line string, a `[plan]`
//! table at the end of the file, a syntax error anywhere) the caller parses the file whole,
//! as it would have.
//!
//! Why the pieces read as the whole: each piece starts with a table header, and TOML
//! headers name their table from the root, so the tables a piece makes are the ones the
//! whole file makes there, once the arrays it extends are known to be arrays of tables. A
//! piece is parsed from its own start; every piece before it being free of errors, the
//! whole file's parser is between two statements there too.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// What a piece starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// The start of the file.
    File,
    /// An `[[areas]]` line: the piece holds areas.
    Areas,
    /// An `[[areas.actions]]` line: the piece holds actions of the area the pieces before
    /// it end in, and no `[[areas]]` line.
    Actions,
}

/// One piece of a file: its text's place and what it starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Byte range in the file.
    pub range: Range<usize>,
    /// What it starts with.
    pub start: Start,
}

/// A file is cut into pieces of about this size, and in two at least.
pub const PIECE_BYTES: usize = 6 << 20;

/// At most this many pieces.
const MAX_PIECES: usize = 8;

/// The piece kind the line starting at `at` begins, when it is an `[[areas]]` or
/// `[[areas.actions]]` header: indented or not, with blanks around the names, and a
/// comment after it or not (a quoted key is not taken for one).
fn header_at(text: &str, at: usize) -> Option<Start> {
    let line = text.get(at..)?.trim_start_matches([' ', '\t']);
    let inner = line.strip_prefix("[[")?;
    let end = inner.find("]]")?;
    let name = &inner[..end];
    if name.contains(['\n', '"', '\'']) {
        return None;
    }
    let rest = inner[end + 2..].trim_start_matches([' ', '\t']);
    if !(rest.starts_with('\n') || rest.starts_with("\r\n") || rest.starts_with('#')) {
        return None;
    }
    let bare = || name.chars().filter(|c| !matches!(c, ' ' | '\t'));
    if bare().eq("areas".chars()) {
        Some(Start::Areas)
    } else if bare().eq("areas.actions".chars()) {
        Some(Start::Actions)
    } else {
        None
    }
}

/// The header lines of `text[range]`, in file order.
fn headers_in(text: &str, range: Range<usize>) -> impl Iterator<Item = (usize, Start)> + '_ {
    let from = range.start;
    text[range]
        .match_indices('\n')
        .filter_map(move |(i, _)| header_at(text, from + i + 1).map(|s| (from + i + 1, s)))
}

/// The header line nearest `target`.
fn nearest(text: &str, target: usize) -> Option<(usize, Start)> {
    let target = (target..=text.len()).find(|&i| text.is_char_boundary(i))?;
    let after = headers_in(text, target..text.len()).next();
    let before = text[..target]
        .rmatch_indices('\n')
        .find_map(|(i, _)| header_at(text, i + 1).map(|s| (i + 1, s)));
    match (before, after) {
        (Some(b), Some(a)) => Some(if target - b.0 <= a.0 - target { b } else { a }),
        (b, a) => b.or(a),
    }
}

/// The pieces of about `size` bytes (two at least) `text` is cut into, in file order;
/// `None` when it has no line to cut at.
pub fn pieces(text: &str, size: usize) -> Option<Vec<Piece>> {
    let n = (text.len() / size.max(1)).clamp(2, MAX_PIECES);
    let mut cuts: Vec<(usize, Start)> = (1..n)
        .filter_map(|k| nearest(text, text.len() / n * k))
        .collect();
    cuts.sort_by_key(|c| c.0);
    cuts.dedup_by_key(|c| c.0);
    if cuts.is_empty() {
        return None;
    }
    // A piece of actions holds no area: when one starts in it, the piece is cut there
    // instead, and the piece before it runs on to that area.
    for i in 0..cuts.len() {
        let (at, start) = cuts[i];
        if start != Start::Actions {
            continue;
        }
        let end = cuts.get(i + 1).map_or(text.len(), |c| c.0);
        if let Some(area) = headers_in(text, at..end).find(|h| h.1 == Start::Areas) {
            cuts[i] = area;
        }
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut from = (0, Start::File);
    for cut in cuts {
        out.push(Piece {
            range: from.0..cut.0,
            start: from.1,
        });
        from = cut;
    }
    out.push(Piece {
        range: from.0..text.len(),
        start: from.1,
    });
    Some(out)
}

/// True when the array `v` was made by headers of the kind `start` begins (not written
/// inline, not by a `[path]` header): its span starts at the first of them.
fn made_by_headers(text: &str, shift: usize, v: &Spanned<DeValue<'_>>, start: Start) -> bool {
    matches!(v.get_ref(), DeValue::Array(_))
        && header_at(text, v.span().start + shift) == Some(start)
}

/// True when the pieces' models are, put together, the model of the whole `text` (see the
/// module's documentation). `roots` are the pieces' root tables, in the order of `pieces`.
pub fn fit(text: &str, pieces: &[Piece], roots: &[&DeTable<'_>]) -> bool {
    // The last area of the pieces so far, and the shift of the piece it is in.
    let mut last_area: Option<(&DeTable<'_>, usize)> = None;
    let mut continued = false;
    for (piece, root) in pieces.iter().zip(roots) {
        let shift = piece.range.start;
        let areas = root.get("areas");
        match piece.start {
            Start::File => {
                if let Some(v) = areas
                    && !made_by_headers(text, shift, v, Start::Areas)
                {
                    return false;
                }
            }
            Start::Areas | Start::Actions if root.len() != 1 || areas.is_none() => return false,
            Start::Areas => {}
            Start::Actions => {
                // An `areas` table made by the header's path, not by an `[areas]` header,
                // holding the actions only.
                let Some(v) = areas else { return false };
                let implicit = text
                    .get(v.span().start + shift..)
                    .is_some_and(|t| !t.starts_with('['));
                let Some(DeValue::Table(t)) = areas.map(|v| v.get_ref()) else {
                    return false;
                };
                if !implicit || t.len() != 1 || !t.contains_key("actions") {
                    return false;
                }
                // The area they continue ends the pieces before, and its own actions, if
                // any, were made by headers.
                let Some((area, area_shift)) = last_area else {
                    return false;
                };
                if !continued
                    && let Some(own) = area.get("actions")
                    && !made_by_headers(text, area_shift, own, Start::Actions)
                {
                    return false;
                }
                continued = true;
                continue;
            }
        }
        let last = areas
            .and_then(|v| v.get_ref().as_array())
            .and_then(|a| a.iter().last());
        if let Some(v) = last {
            let DeValue::Table(t) = v.get_ref() else {
                return false;
            };
            last_area = Some((t, shift));
            continued = false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fits(text: &str, pieces: &[Piece]) -> bool {
        let models: Option<Vec<DeTable<'_>>> = pieces
            .iter()
            .map(|p| {
                let (root, errors) = DeTable::parse_recoverable(&text[p.range.clone()]);
                errors.is_empty().then(|| root.into_inner())
            })
            .collect();
        let Some(models) = models else {
            return false;
        };
        let refs: Vec<&DeTable<'_>> = models.iter().collect();
        fit(text, pieces, &refs)
    }

    /// Two pieces cut at `at`.
    fn two(text: &str, at: usize) -> Vec<Piece> {
        vec![
            Piece {
                range: 0..at,
                start: Start::File,
            },
            Piece {
                range: at..text.len(),
                start: header_at(text, at).unwrap(),
            },
        ]
    }

    #[test]
    fn only_area_and_action_header_lines_are_cut_at() {
        let text = "[plan]\n[[areas]]\nid = \"a\"\n[[areas.actions]]\nid = \"x\"\r\n";
        assert_eq!(header_at(text, 7), Some(Start::Areas));
        assert_eq!(header_at(text, 26), Some(Start::Actions));
        // Blanks and a comment are allowed; a quoted key or text after it is not cut at.
        let odd =
            "[plan]\n[[ areas ]]\nid = 1\n  [[areas]] # x\nid = 3\n[[ areas . actions ]]\t\r\n";
        let starts: Vec<Start> = headers_in(odd, 0..odd.len()).map(|h| h.1).collect();
        assert_eq!(starts, [Start::Areas, Start::Areas, Start::Actions]);
        let not = "[plan]\n[[\"areas\"]]\nid = 2\n[[areas]] x = 1\n[[areas]]]\n[[areasX]]\n";
        assert_eq!(nearest(not, not.len() / 2), None);
    }

    #[test]
    fn a_piece_of_actions_is_closed_at_the_next_area() {
        let mut text = String::from("[plan]\nid = \"p\"\n");
        for a in 0..3 {
            text.push_str(&format!("[[areas]]\nid = \"a{a}\"\n"));
            for x in 0..40_000 {
                text.push_str(&format!("[[areas.actions]]\nid = \"x{a}-{x}\"\n"));
            }
        }
        let pieces = pieces(&text, PIECE_BYTES).unwrap();
        for p in &pieces {
            if p.start == Start::Actions {
                assert!(!text[p.range.clone()].contains("\n[[areas]]\n"), "{p:?}");
            }
        }
        assert_eq!(pieces.first().unwrap().range.start, 0);
        assert_eq!(pieces.last().unwrap().range.end, text.len());
        assert!(
            pieces
                .windows(2)
                .all(|w| w[0].range.end == w[1].range.start)
        );
        assert!(fits(&text, &pieces));
    }

    #[test]
    fn a_cut_inside_a_multiline_string_leaves_a_piece_in_error() {
        let text = "[plan]\nnote = \"\"\"\n[[areas]]\n\"\"\"\n[[areas]]\nid = \"a\"\n";
        let inside = text.find("[[areas]]").unwrap();
        assert!(!fits(text, &two(text, inside)));
        let outside = text.rfind("[[areas]]").unwrap();
        assert!(fits(text, &two(text, outside)));
    }

    #[test]
    fn pieces_fit_only_when_they_extend_arrays_made_by_headers() {
        let text = "[plan]\nid = \"p\"\n[[areas]]\nid = \"a\"\n[[areas.actions]]\nid = \"x\"\n\
                    [[areas.actions]]\nid = \"y\"\n";
        assert!(fits(
            text,
            &two(text, text.rfind("[[areas.actions]]").unwrap())
        ));

        // Actions written inline before the cut cannot be extended by a header: the whole
        // file is an error, so the pieces do not fit.
        let inline = "[plan]\nid = \"p\"\n[[areas]]\nid = \"a\"\nactions = [{ id = \"x\" }]\n\
                      [[areas.actions]]\nid = \"y\"\n";
        assert!(!fits(
            inline,
            &two(inline, inline.rfind("[[areas.actions]]").unwrap())
        ));

        // Areas written inline before the cut do not fit either.
        let inline_areas = "areas = [{ id = \"a\" }]\n[plan]\n[[areas]]\nid = \"b\"\n";
        assert!(!fits(
            inline_areas,
            &two(inline_areas, inline_areas.rfind("[[areas]]").unwrap())
        ));

        // A later piece that also holds another table ([plan] at the end) does not fit.
        let late = "[[areas]]\nid = \"a\"\n[[areas]]\nid = \"b\"\n[plan]\nid = \"p\"\n";
        assert!(!fits(late, &two(late, late.rfind("[[areas]]").unwrap())));

        // An `[areas]` header in a piece of actions makes that piece's areas a table the
        // whole file could not have: not a fit.
        let table = "[plan]\n[[areas]]\nid = \"a\"\n[[areas.actions]]\nid = \"x\"\n\
                     [[areas.actions]]\nid = \"y\"\n[areas]\n";
        assert!(!fits(
            table,
            &two(table, table.rfind("[[areas.actions]]").unwrap())
        ));

        // Actions with no area before them: the whole file makes `areas` a table.
        let orphan = "[plan]\nid = \"p\"\n[[areas.actions]]\nid = \"y\"\n";
        assert!(!fits(
            orphan,
            &two(orphan, orphan.find("[[areas.actions]]").unwrap())
        ));
    }
}

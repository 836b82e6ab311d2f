//! Making text from files inert before it reaches a terminal, a message or a document.
//!
//! Control characters, escape sequences and bidi overrides in loaded text could retitle,
//! clear or reorder a terminal. Everything we print or draw that came from a file passes
//! through one of these functions first, so the bytes reach the screen as visible escapes.

use std::borrow::Cow;
use std::fmt::Write;

use unicode_width::UnicodeWidthChar;

/// `s` cut or padded to exactly `width` columns, with `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    let limit = if total > width {
        width.saturating_sub(1)
    } else {
        width
    };
    // The longest start of `s` that fits in `limit` columns, cut where the next character
    // would not fit (a frame builds many of these: one slice, one allocation).
    let (mut end, mut used) = (s.len(), total);
    if total > limit {
        used = 0;
        for (i, c) in s.char_indices() {
            let w = c.width().unwrap_or(0);
            if used + w > limit {
                end = i;
                break;
            }
            used += w;
        }
    }
    let ellipsis = total > width && width > 0;
    let pad = width.saturating_sub(used + usize::from(ellipsis));
    let mut out = String::with_capacity(end + if ellipsis { 3 } else { 0 } + pad);
    out.push_str(&s[..end]);
    if ellipsis {
        out.push('…');
    }
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// `s` wrapped at word boundaries into lines of at most `width` columns (a word wider
/// than a line is cut); at least one line.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in s.split_whitespace() {
        let w: usize = word.chars().map(|c| c.width().unwrap_or(0)).sum();
        if used > 0 && used + 1 + w <= width {
            line.push(' ');
            line.push_str(word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if w <= width {
            line.push_str(word);
            used = w;
            continue;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// How many lines [`wrap`] makes, without building them.
pub fn wrapped_height(s: &str, width: usize) -> usize {
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return 1;
    }
    wrap(s, width).len()
}

/// True for characters that must never reach a terminal raw: C0 and C1 controls, DEL,
/// and the Unicode bidi controls that reorder what a reader sees.
pub fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// True when `s` shows something: a character that is not whitespace, a control, a bidi
/// control or an invisible format character (zero-width spaces and joiners, word joiner,
/// byte-order mark, soft hyphen). Text without one is empty to a reader.
pub fn has_visible(s: &str) -> bool {
    s.chars().any(|c| {
        !c.is_whitespace()
            && !is_dangerous(c)
            && !matches!(
                c,
                '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
            )
    })
}

fn escape_into(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

/// Text for a multi-line place (notes, messages): newlines stay, tabs become a space,
/// every other dangerous character becomes a visible `\u{..}` escape.
pub fn inert(s: &str) -> Cow<'_, str> {
    sanitize(s, false)
}

/// Text for a single line (a table cell, a list row, a title): like [`inert`], and a
/// newline is shown as `⏎` so one record stays on one row.
pub fn inert_line(s: &str) -> Cow<'_, str> {
    sanitize(s, true)
}

fn sanitize(s: &str, one_line: bool) -> Cow<'_, str> {
    let needs = s
        .chars()
        .any(|c| (one_line || c != '\n') && is_dangerous(c));
    if !needs {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' if one_line => out.push('⏎'),
            '\n' => out.push('\n'),
            '\r' if one_line => {}
            '\t' => out.push(' '),
            c if is_dangerous(c) => escape_into(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A one-line inert rendering of `s`, together with a map from each byte offset of `s`
/// to the byte offset in the result, so a caret can still point at the right column.
pub fn inert_line_with_offsets(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    for c in s.chars() {
        for _ in 0..c.len_utf8() {
            map.push(out.len());
        }
        match c {
            '\t' => out.push(' '),
            c if is_dangerous(c) => escape_into(&mut out, c),
            c => out.push(c),
        }
    }
    map.push(out.len());
    (out, map)
}

/// A name in running prose after "of" or "from": `the Regional Health Council` for a
/// name that does not start with "the" already.
pub fn with_the(name: &str) -> String {
    let name = name.trim();
    if name
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("the "))
    {
        name.to_string()
    } else {
        format!("the {name}")
    }
}

/// `1 action`, `2 actions`: a count with its noun in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `'value'` quoted for a message, inert and cut to a readable length.
pub fn quoted(s: &str) -> String {
    let clean = inert_line(s);
    let mut cut: String = clean.chars().take(60).collect();
    if clean.chars().count() > 60 {
        cut.push('…');
    }
    format!("'{cut}'")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fit` as it was first written, character by character: the slicing one must agree.
    fn fit_by_char(s: &str, width: usize) -> String {
        let mut out = String::new();
        let mut used = 0;
        let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
        let limit = if total > width {
            width.saturating_sub(1)
        } else {
            width
        };
        for c in s.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > limit {
                break;
            }
            out.push(c);
            used += w;
        }
        if total > width && width > 0 {
            out.push('…');
            used += 1;
        }
        out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
        out
    }

    #[test]
    fn fit_cuts_and_pads_as_character_by_character() {
        let texts = [
            "",
            "abc",
            "abcdef",
            "日本語のテキスト",
            "a日b本c",
            "e\u{301}e\u{301}e\u{301}",
            "ab\u{200b}\u{200b}cd",
            "\u{1b}[2J",
            "Łódź · Vilnius — Rīga",
        ];
        for s in texts {
            for width in 0..12 {
                assert_eq!(fit(s, width), fit_by_char(s, width), "{s:?} in {width}");
            }
        }
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("a日b", 6), "a日b  ");
    }

    #[test]
    fn wrap_keeps_every_word_and_the_width() {
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        let text = "Adopt the draft minimum standards and circulate them to all member states";
        for w in 1..40 {
            let lines = wrap(text, w);
            assert_eq!(lines.len(), wrapped_height(text, w));
            assert!(
                lines.iter().all(|l| l.chars().count() <= w),
                "{w}: {lines:?}"
            );
            let words: Vec<&str> = text.split_whitespace().collect();
            if w >= 10 {
                assert_eq!(
                    lines.join(" ").split_whitespace().collect::<Vec<_>>(),
                    words
                );
            }
        }
    }

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(inert_line("a\u{1b}]0;x\u{7}b"), "a\\u{1b}]0;x\\u{7}b");
        assert_eq!(inert_line("x\u{202E}y"), "x\\u{202e}y");
        assert_eq!(inert_line("one\ntwo"), "one⏎two");
        assert_eq!(inert("one\ntwo"), "one\ntwo");
        assert!(matches!(inert_line("plain é"), Cow::Borrowed(_)));
    }

    #[test]
    fn offsets_follow_escapes() {
        let (out, map) = inert_line_with_offsets("a\u{1b}b");
        assert_eq!(out, "a\\u{1b}b");
        assert_eq!(map[2], out.rfind('b').unwrap());
    }

    #[test]
    fn quoted_cuts_long_values() {
        let q = quoted(&"x".repeat(100));
        assert!(q.ends_with("…'"));
    }
}

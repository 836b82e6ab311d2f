//! Minutes -> the formal report in Markdown, which reads as circulated minutes and converts
//! with pandoc.
//!
//! The content is the [`report`](super::report) shared with the Word rendering. Text from
//! the record is escaped only where it would change the document's structure (a `#` or a
//! list marker at the start of a line, emphasis, table bars, HTML), so headings read
//! `## 6.1 Title`, never `## 6\.1`. Control characters are made inert. No timestamps.

use std::fmt::Write;

use super::Audience;
use super::report::{self, Block, Report, Span};
use crate::model::Minutes;
use crate::model::ledger::Ledger;
use crate::text::inert;

pub use super::report::Context;

/// Escapes one line; `at_start` when the line begins a block (where `#`, `-`, `1.` count).
fn escape_line(line: &str, at_start: bool, out: &mut String) {
    let digits = if at_start {
        line.bytes().take_while(u8::is_ascii_digit).count()
    } else {
        0
    };
    let mut prev: Option<char> = None;
    for (i, c) in line.char_indices() {
        let first = at_start && i == 0;
        let rest = &line[i..];
        let next = rest[c.len_utf8()..].chars().next();
        let need = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '@' => true,
            // A heading at the start of a line, or a closing sequence at its end.
            '#' => {
                first
                    || (prev.is_none_or(char::is_whitespace)
                        && rest.trim_end().chars().all(|x| x == '#'))
            }
            // `1.` or `1)` then a space starts an ordered list.
            '.' | ')' => digits > 0 && i == digits && next.is_none_or(char::is_whitespace),
            '-' | '+' | '=' | ':' | '!' => first,
            _ => false,
        };
        if need {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
    }
}

/// True when `s` comes out of [`escape_with`] as it is: one line, nothing [`inert`] would
/// change, no character Markdown could read as markup where it stands (most text of a
/// record: checking is cheaper than escaping character by character).
fn needs_no_escape(s: &str, at_start: bool) -> bool {
    if at_start && !s.chars().next().is_some_and(char::is_alphabetic) {
        return false;
    }
    !s.chars().any(|c| {
        crate::text::is_dangerous(c)
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '@' | '#'
            )
    })
}

fn escape_with(s: &str, sep: &str, at_start: bool) -> String {
    if needs_no_escape(s, at_start) {
        return s.to_string();
    }
    escape_each(s, sep, at_start)
}

/// [`escape_with`] character by character.
fn escape_each(s: &str, sep: &str, at_start: bool) -> String {
    let clean = inert(s);
    let mut out = String::with_capacity(clean.len() + 8);
    for (i, line) in clean.split('\n').enumerate() {
        let line = line.trim_end_matches('\r');
        if i > 0 {
            out.push_str(sep);
            escape_line(line.trim_start(), true, &mut out);
        } else if at_start {
            escape_line(line.trim_start(), true, &mut out);
        } else {
            escape_line(line, false, &mut out);
        }
    }
    out
}

/// Escaped text that starts a block: control characters inert, newlines as `sep`.
pub fn escape(s: &str, sep: &str) -> String {
    escape_with(s, sep, true)
}

/// Text for a table cell: one line, `<br>` between lines, a dash when empty.
fn cell(lines: &[String]) -> String {
    let e: Vec<String> = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| escape_with(l, "<br>", false))
        .collect();
    if e.is_empty() {
        "—".to_string()
    } else {
        e.join("<br>")
    }
}

/// A YAML double-quoted scalar for pandoc's front matter.
fn yaml(s: &str) -> String {
    // YAML forbids characters outside its printable set (the noncharacters U+FFFE and
    // U+FFFF among them) anywhere in a file: one makes pandoc reject the whole report. They
    // become U+FFFD, as in the Word export.
    let clean: String = crate::text::inert_line(s)
        .chars()
        .map(|c| if yaml_printable(c) { c } else { '\u{FFFD}' })
        .collect();
    format!("\"{}\"", clean.replace('\\', "\\\\").replace('"', "\\\""))
}

/// YAML 1.2's `c-printable`: the characters a YAML stream may hold.
fn yaml_printable(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Emphasis with the spaces kept outside its delimiters (`* x*` would not be emphasis).
fn delimited(out: &mut String, s: &str, mark: &str, sep: &str, at_start: bool) {
    let lead = &s[..s.len() - s.trim_start().len()];
    let trail = &s[s.trim_end().len()..];
    let inner = s.trim();
    if inner.is_empty() {
        out.push_str(s);
        return;
    }
    out.push_str(&escape_with(lead, sep, false));
    out.push_str(mark);
    out.push_str(&escape_with(inner, sep, at_start && lead.is_empty()));
    out.push_str(mark);
    out.push_str(&escape_with(trail, sep, false));
}

fn spans(list: &[Span], sep: &str) -> String {
    let mut out = String::new();
    for (i, s) in list.iter().enumerate() {
        let at_start = i == 0;
        match s {
            Span::Text(t) => out.push_str(&escape_with(t, sep, at_start)),
            Span::Strong(t) => delimited(&mut out, t, "**", sep, at_start),
            Span::Emph(t) => delimited(&mut out, t, "*", sep, at_start),
        }
    }
    out
}

/// Renders a report as Markdown with pandoc's YAML front matter.
pub fn render_report(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "---");
    let _ = writeln!(o, "title: {}", yaml(&r.title));
    let _ = writeln!(o, "subtitle: {}", yaml(&r.subtitle));
    let _ = writeln!(o, "date: {}", yaml(&r.date));
    match &r.marking {
        _ if r.public => {
            let _ = writeln!(o, "distribution: \"public\"");
        }
        Some(c) => {
            let _ = writeln!(o, "classification: {}", yaml(c));
        }
        None => {}
    }
    if let Some(s) = &r.symbol {
        let _ = writeln!(o, "symbol: {}", yaml(s));
    }
    let _ = writeln!(o, "---");
    for block in &r.blocks {
        o.push('\n');
        match block {
            Block::Marking(c) => {
                let _ = writeln!(o, "**{}**", escape(c, " "));
            }
            Block::Lines(lines) => {
                let text: Vec<String> = lines.iter().map(|l| spans(l, " ")).collect();
                let _ = writeln!(o, "{}", text.join("  \n"));
            }
            Block::Title(t) => {
                let _ = writeln!(o, "# {}", escape(t, " "));
            }
            Block::Heading(level, t) => {
                let _ = writeln!(o, "{} {}", "#".repeat(usize::from(*level)), escape(t, " "));
            }
            Block::Para(list) => {
                let _ = writeln!(o, "{}", spans(list, "  \n"));
            }
            Block::Numbered(n, list) => {
                let marker = format!("{n}. ");
                let sep = format!("  \n{}", " ".repeat(marker.len()));
                let _ = writeln!(o, "{marker}{}", spans(list, &sep));
            }
            Block::Bullets(items) => {
                for item in items {
                    let _ = writeln!(o, "- {}", spans(item, "  \n  "));
                }
            }
            Block::Table { header, rows } => {
                let _ = writeln!(o, "| {} |", header.join(" | "));
                let _ = writeln!(o, "|{}", "---|".repeat(header.len()));
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
                    let _ = writeln!(o, "| {} |", cells.join(" | "));
                }
            }
        }
    }
    o
}

/// Renders the minutes for an audience: the formal report in Markdown.
pub fn render_with(m: &Minutes, ctx: &Context<'_>, audience: Audience) -> String {
    render_report(&report::build(m, ctx, audience))
}

/// [`render_with`] for a caller that keeps every action as it stood before this meeting
/// (`before`, see [`report::build_after`]): a write after a change costs what the meeting
/// holds, not what the plan holds.
pub fn render_after(
    m: &Minutes,
    ctx: &Context<'_>,
    audience: Audience,
    before: Option<&Ledger>,
) -> String {
    render_report(&report::build_after(m, ctx, audience, before))
}

#[cfg(test)]
mod tests {
    #[test]
    fn front_matter_values_hold_only_what_yaml_allows() {
        for raw in [
            "IMC\u{FFFE}/REP",
            "\u{FFFE}\u{1}Fourth meeting",
            "CONF\u{FFFF}",
            "a \"quoted\" \\ value\u{7F}\u{9F}",
        ] {
            let v = super::yaml(raw);
            assert!(v.chars().all(super::yaml_printable), "{v:?}");
            assert!(!v.contains(['\u{FFFE}', '\u{FFFF}']), "{v:?}");
            // Still one double-quoted scalar: every inner quote escaped.
            let inner = &v[1..v.len() - 1];
            assert!(v.starts_with('"') && v.ends_with('"'), "{v:?}");
            assert!(
                !inner.replace("\\\\", "").replace("\\\"", "").contains('"'),
                "{v:?}"
            );
        }
        assert_eq!(super::yaml("IMC\u{FFFE}/REP"), "\"IMC\u{FFFD}/REP\"");
        assert_eq!(super::yaml("Plain – é"), "\"Plain – é\"");
    }

    use super::*;

    #[test]
    fn text_needing_no_escape_comes_out_as_escaping_it_would() {
        let samples = [
            "",
            " ",
            "Adopt the report",
            "  leading and trailing  ",
            "Decision 3. circulate",
            "3. circulate",
            "3) circulate",
            "- a list",
            "+ plus",
            "= setext",
            ": colon",
            "! bang",
            "# heading",
            "ends with #",
            "a #tag",
            "under_score and *stars*",
            "a [link](x)",
            "<b>html</b> & $math$ @user ~strike~ `code` | bar \\ back",
            "two\nlines",
            "cr\r\nlf",
            "tab\there",
            "bidi \u{202E}override",
            "Évaluation régionale",
            "état",
            "1999",
            "x: y; z (w) 'q' \"r\" / ? , .",
        ];
        for s in samples {
            for at_start in [false, true] {
                for sep in [" ", "<br>", "\n\n"] {
                    assert_eq!(
                        escape_with(s, sep, at_start),
                        escape_each(s, sep, at_start),
                        "{s:?} at_start={at_start} sep={sep:?}"
                    );
                }
            }
        }
        assert!(needs_no_escape("Adopt the report", true));
        assert!(!needs_no_escape("3. circulate", true));
        assert!(!needs_no_escape("a_b", false));
    }

    #[test]
    fn only_what_changes_the_structure_is_escaped() {
        assert_eq!(escape("a|b *c* #d `e`", " "), "a\\|b \\*c\\* #d \\`e\\`");
        assert_eq!(escape("1. first", " "), "1\\. first");
        assert_eq!(escape("6.1 Title", " "), "6.1 Title");
        assert_eq!(escape("# heading", " "), "\\# heading");
        assert_eq!(escape("Title #", " "), "Title \\#");
        assert_eq!(escape("C# and F#", " "), "C# and F#");
        assert_eq!(escape("- item", " "), "\\- item");
        assert_eq!(escape("x\u{1b}[2J", " "), "x\\\\u{1b}\\[2J");
        assert_eq!(escape("a\nb", "<br>"), "a<br>b");
        assert_eq!(escape("a\n# b", "<br>"), "a<br>\\# b");
    }

    #[test]
    fn emphasis_keeps_spaces_outside_its_marks() {
        let s = spans(
            &[
                Span::Strong("Decision X/1.".into()),
                Span::Text(" text".into()),
                Span::Emph(" (4-1)".into()),
            ],
            " ",
        );
        assert_eq!(s, "**Decision X/1.** text *(4-1)*");
    }
}

//! Diagnostics: `file:line:col: message`, the source line and a caret under the bad value.
//!
//! Every message is written for the person who edits the file. Source lines are made
//! inert before they are shown, so a file cannot drive the terminal through an error.

use std::fmt::Write;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::text::{inert_line, inert_line_with_offsets};

/// How bad a problem is: errors fail `check`, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The file is invalid.
    Error,
    /// Allowed, but worth a look (a free-text owner in minutes).
    Warning,
}

/// A problem found in a file, at a byte range, before it is tied to a path.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Byte range of the bad value in the file.
    pub span: Range<usize>,
    /// What is wrong and what would be valid.
    pub message: String,
}

impl Problem {
    /// An error at `span`.
    pub fn error(span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            span,
            message: message.into(),
        }
    }

    /// A warning at `span`.
    pub fn warning(span: Range<usize>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            span,
            message: message.into(),
        }
    }
}

/// A problem tied to a file and a position, ready to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file as the user named it.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// What is wrong and what would be valid.
    pub message: String,
    /// The raw source line, when there is one.
    source_line: Option<String>,
    /// Byte range of the bad value within `source_line`.
    in_line: Range<usize>,
}

impl Diagnostic {
    /// Places a problem in `text`, the content of the file at `path`.
    pub fn locate(path: &str, text: &str, p: Problem) -> Diagnostic {
        Diagnostic::locate_with(path, text, &LineIndex::new(text), p)
    }

    /// [`Diagnostic::locate`] with the file's line starts computed once, so that a file
    /// with thousands of problems is placed in linear time.
    pub fn locate_with(path: &str, text: &str, lines: &LineIndex, p: Problem) -> Diagnostic {
        let start = floor_char_boundary(text, p.span.start.min(text.len()));
        let line = lines.line_of(start);
        let line_start = lines.starts[line - 1];
        let line_end = lines
            .starts
            .get(line)
            .map_or(text.len(), |next| next - 1)
            .max(start);
        let col = text[line_start..start].chars().count() + 1;
        let end = p.span.end.clamp(start, line_end);
        let raw_line = text[line_start..line_end].trim_end_matches('\r');
        Diagnostic {
            severity: p.severity,
            path: path.to_string(),
            line,
            col,
            message: p.message,
            source_line: (!raw_line.is_empty() || text.is_empty()).then(|| raw_line.to_string()),
            in_line: (start - line_start)..(end - line_start).min(raw_line.len()),
        }
    }

    /// A problem with the file as a whole (not UTF-8, unreadable), at 1:1 or a given place.
    pub fn whole_file(path: &str, line: usize, col: usize, message: String) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path: path.to_string(),
            line,
            col,
            message,
            source_line: None,
            in_line: 0..0,
        }
    }

    /// The first line: `path:line:col: error: message`, with every part inert.
    pub fn headline(&self) -> String {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!(
            "{}:{}:{}: {level}: {}",
            inert_line(&self.path),
            self.line,
            self.col,
            inert_line(&self.message)
        )
    }

    /// The headline, then the source line with a caret under the bad value.
    pub fn render(&self, color: bool) -> String {
        let mut out = self.headline();
        out.push('\n');
        let Some(src) = &self.source_line else {
            return out;
        };
        let (clean, map) = inert_line_with_offsets(src);
        let a = map[self.in_line.start.min(src.len())];
        let b = map[self.in_line.end.min(src.len())].max(a);
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let report = &[Group::with_level(level).element(
            Snippet::source(clean.as_str())
                .line_start(self.line)
                .fold(false)
                .annotation(AnnotationKind::Primary.span(a..b.max(a))),
        )];
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let _ = writeln!(out, "{}", renderer.render(report));
        out
    }
}

/// Where each line of a text starts, computed once per file.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Up to three known names closest to `value`, quoted, for "did you mean" hints.
pub fn closest<'a>(value: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let lower = value.to_lowercase();
    let mut scored: Vec<(f64, &str)> = known
        .into_iter()
        .map(|k| {
            let kl = k.to_lowercase();
            let mut score = strsim::normalized_damerau_levenshtein(&lower, &kl);
            let shorter = lower.len().min(kl.len());
            if shorter >= 4 && (kl.contains(&lower) || lower.contains(&kl)) {
                score = score.max(0.7);
            }
            (score, k)
        })
        .filter(|(s, _)| *s >= 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, k)| k).collect()
}

/// `; did you mean 'a' or 'b'?` or, with no close name, `; valid: 'x', 'y', ...`.
pub fn hint<'a>(value: &str, known: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let near = closest(value, known.clone());
    if near.is_empty() {
        let all: Vec<String> = known.into_iter().take(8).map(crate::text::quoted).collect();
        if all.is_empty() {
            String::from("; there is nothing to refer to yet")
        } else {
            format!("; valid: {}", all.join(", "))
        }
    } else {
        let q: Vec<String> = near.into_iter().map(crate::text::quoted).collect();
        format!("; did you mean {}?", q.join(" or "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_line_and_column_in_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        let at = text.find("\"x\"").unwrap();
        let d = Diagnostic::locate("f.toml", text, Problem::error(at..at + 3, "bad"));
        assert_eq!((d.line, d.col), (2, 6));
        assert_eq!(d.headline(), "f.toml:2:6: error: bad");
        let shown = d.render(false);
        assert!(shown.contains("bé = \"x\""), "{shown}");
        assert!(shown.contains("^^^"), "{shown}");
    }

    #[test]
    fn closest_names_come_first() {
        assert_eq!(closest("ctuu", ["ctu", "cdema", "rss"]), ["ctu"]);
        assert!(hint("zzzzzz", ["ctu"]).contains("valid: 'ctu'"));
    }
}

//! Reading a parsed TOML document field by field, collecting every problem on the way.
//!
//! Serde would stop at the first mistake; a rapporteur fixing a file wants them all.
//! [`Fields`] reads one table: each getter marks its key as known and records a problem
//! for a missing or mistyped value; [`Fields::finish`] reports the keys nobody asked for,
//! naming the closest known field.

use std::borrow::Cow;
use std::ops::Range;

use chrono::{NaiveDate, NaiveTime};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diag::{Problem, hint};

/// A string value and where it stands in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Byte range in the file.
    pub span: Range<usize>,
}

/// The reader of one TOML table.
pub struct Fields<'t, 'i, 'p> {
    table: &'t DeTable<'i>,
    span: Range<usize>,
    /// Added to every span of the table's model: the offset of its text in the file, for
    /// a model parsed from a piece of the file (see [`super::split`]).
    shift: usize,
    name: Cow<'static, str>,
    known: &'static [&'static str],
    /// Which of `known` a getter asked for, one bit each.
    used: u64,
    conflicted: Vec<&'static str>,
    problems: &'p mut Vec<Problem>,
}

/// True for the value `rapporteur merge-file` writes for a field both sides changed:
/// a table of `ours` and/or `theirs` only.
fn is_conflict(v: &DeValue<'_>) -> bool {
    match v {
        DeValue::Table(t) => {
            !t.is_empty()
                && t.iter()
                    .all(|(k, _)| matches!(k.get_ref().as_ref(), "ours" | "theirs"))
        }
        _ => false,
    }
}

/// The marker `rapporteur merge-file` puts on a record with a conflict.
pub const CONFLICT_KEY: &str = "conflict";

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date or time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl<'t, 'i, 'p> Fields<'t, 'i, 'p> {
    /// Reads `table` (called `name` in messages, like `[meeting]`), whose keys must be
    /// among `known`.
    pub fn new(
        table: &'t DeTable<'i>,
        span: Range<usize>,
        name: impl Into<Cow<'static, str>>,
        known: &'static [&'static str],
        problems: &'p mut Vec<Problem>,
    ) -> Self {
        assert!(known.len() <= 64, "a table reader knows at most 64 fields");
        Fields {
            table,
            span,
            shift: 0,
            name: name.into(),
            known,
            used: 0,
            conflicted: Vec::new(),
            problems,
        }
    }

    /// The same reader for a table whose model was parsed from a piece of the file that
    /// starts `shift` bytes further on: every span it reports is moved by that much.
    pub fn shifted(mut self, shift: usize) -> Self {
        self.shift = shift;
        self
    }

    /// A span of the model, as a span of the file.
    fn at(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.shift..span.end + self.shift
    }

    /// Where the table starts, for problems about the table as a whole.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Records a problem found by the caller.
    pub fn problem(&mut self, p: Problem) {
        self.problems.push(p);
    }

    fn mark(&mut self, key: &'static str) {
        let i = self.known.iter().position(|k| *k == key);
        debug_assert!(i.is_some(), "{key} not declared known");
        if let Some(i) = i {
            self.used |= 1 << i;
        }
    }

    fn is_used(&self, key: &str) -> bool {
        self.known
            .iter()
            .position(|k| *k == key)
            .is_some_and(|i| self.used & (1 << i) != 0)
    }

    /// The raw value of `key`, if present. A merge conflict left in the value is reported
    /// here and reads as absent.
    pub fn raw(&mut self, key: &'static str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.mark(key);
        let v = self.table.get(key)?;
        if is_conflict(v.get_ref()) {
            self.conflicted.push(key);
            let span = self.at(v.span());
            self.problems.push(Problem::error(
                span,
                format!(
                    "unresolved merge conflict in '{key}' of {}: both sides changed it; \
                     keep one value ({key} = ...) and delete the record's '{CONFLICT_KEY}' line",
                    self.name
                ),
            ));
            return None;
        }
        Some(v)
    }

    fn wrong_type(&mut self, key: &str, want: &str, v: &Spanned<DeValue<'_>>) {
        let found = type_name(v.get_ref());
        let span = self.at(v.span());
        self.problems.push(Problem::error(
            span,
            format!("'{key}' in {} must be {want}, found {found}", self.name),
        ));
    }

    fn missing(&mut self, key: &str, want: &str) {
        if self.conflicted.contains(&key) {
            return;
        }
        self.problems.push(Problem::error(
            self.span.clone(),
            format!("missing field '{key}' in {}: add {key} = {want}", self.name),
        ));
    }

    /// An optional string.
    pub fn opt_str(&mut self, key: &'static str) -> Option<Located<String>> {
        self.opt_str_ref(key).map(|l| Located {
            value: l.value.to_string(),
            span: l.span,
        })
    }

    /// An optional string, borrowed from the model (nothing copied until the caller keeps it).
    pub fn opt_str_ref(&mut self, key: &'static str) -> Option<Located<&'t str>> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(Located {
                value: s.as_ref(),
                span: self.at(v.span()),
            }),
            _ => {
                self.wrong_type(key, "a string", v);
                None
            }
        }
    }

    /// A required string borrowed from the model; a missing one is a problem and reads as
    /// empty.
    pub fn req_str_ref(&mut self, key: &'static str) -> Located<&'t str> {
        if !self.table.contains_key(key) {
            self.mark(key);
            self.missing(key, "\"...\"");
        }
        self.opt_str_ref(key).unwrap_or(Located {
            value: "",
            span: self.span.clone(),
        })
    }

    /// A required string; a missing one is a problem and reads as empty.
    pub fn req_str(&mut self, key: &'static str) -> Located<String> {
        let l = self.req_str_ref(key);
        Located {
            value: l.value.to_string(),
            span: l.span,
        }
    }

    /// A string that may be left out, read as empty.
    pub fn str_or_empty(&mut self, key: &'static str) -> String {
        self.opt_str(key).map(|l| l.value).unwrap_or_default()
    }

    /// An optional boolean, false when absent.
    pub fn flag(&mut self, key: &'static str) -> bool {
        let Some(v) = self.raw(key) else {
            return false;
        };
        match v.get_ref() {
            DeValue::Boolean(b) => *b,
            _ => {
                self.wrong_type(key, "true or false", v);
                false
            }
        }
    }

    /// A required boolean.
    pub fn req_flag(&mut self, key: &'static str) -> bool {
        if !self.table.contains_key(key) {
            self.mark(key);
            self.missing(key, "true");
        }
        self.flag(key)
    }

    /// An optional non-negative integer that fits in a u32.
    pub fn opt_u32(&mut self, key: &'static str) -> Option<Located<u32>> {
        let v = self.raw(key)?;
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            _ => {
                self.wrong_type(key, "a whole number", v);
                return None;
            }
        };
        match parsed.and_then(|n| u32::try_from(n).ok()) {
            Some(n) => Some(Located {
                value: n,
                span: self.at(v.span()),
            }),
            None => {
                let span = self.at(v.span());
                self.problems.push(Problem::error(
                    span,
                    format!(
                        "'{key}' in {} must be a whole number from 0 to {}",
                        self.name,
                        u32::MAX
                    ),
                ));
                None
            }
        }
    }

    /// A required integer.
    pub fn req_u32(&mut self, key: &'static str) -> Located<u32> {
        if !self.table.contains_key(key) {
            self.mark(key);
            self.missing(key, "1");
        }
        self.opt_u32(key).unwrap_or(Located {
            value: 0,
            span: self.span.clone(),
        })
    }

    /// An optional TOML local date (`2017-03-31`).
    pub fn opt_date(&mut self, key: &'static str) -> Option<NaiveDate> {
        let v = self.raw(key)?;
        let want = "a date like 2017-03-31 (no quotes, no time)";
        match v.get_ref() {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                let d = dt.date?;
                match NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()) {
                    Some(date) => Some(date),
                    None => {
                        let span = self.at(v.span());
                        self.problems.push(Problem::error(
                            span,
                            format!("'{key}' is not a day of the calendar: {want}"),
                        ));
                        None
                    }
                }
            }
            DeValue::String(s) => {
                let hint = if NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() {
                    format!(": write {key} = {s} without quotes")
                } else {
                    String::new()
                };
                let span = self.at(v.span());
                self.problems.push(Problem::error(
                    span,
                    format!(
                        "'{key}' in {} must be {want}, found a string{hint}",
                        self.name
                    ),
                ));
                None
            }
            _ => {
                self.wrong_type(key, want, v);
                None
            }
        }
    }

    /// A required date.
    pub fn req_date(&mut self, key: &'static str) -> NaiveDate {
        if !self.table.contains_key(key) {
            self.mark(key);
            self.missing(key, "2016-11-21");
        }
        self.opt_date(key).unwrap_or_default()
    }

    /// An optional TOML local time (`09:00:00`).
    pub fn opt_time(&mut self, key: &'static str) -> Option<NaiveTime> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::Datetime(dt) if dt.date.is_none() && dt.offset.is_none() => {
                let t = dt.time?;
                NaiveTime::from_hms_opt(
                    t.hour.into(),
                    t.minute.into(),
                    t.second.unwrap_or(0).into(),
                )
            }
            _ => {
                self.wrong_type(key, "a time like 09:00:00", v);
                None
            }
        }
    }

    /// An optional array of strings, each with its span.
    pub fn opt_strs(&mut self, key: &'static str) -> Option<Vec<Located<String>>> {
        self.opt_strs_ref(key).map(|v| {
            v.into_iter()
                .map(|l| Located {
                    value: l.value.to_string(),
                    span: l.span,
                })
                .collect()
        })
    }

    /// An optional array of strings borrowed from the model, each with its span.
    pub fn opt_strs_ref(&mut self, key: &'static str) -> Option<Vec<Located<&'t str>>> {
        let v = self.raw(key)?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(key, "an array of strings like [\"ctu\"]", v);
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Located {
                    value: s.as_ref(),
                    span: self.at(item.span()),
                }),
                _ => self.wrong_type(key, "an array of strings", item),
            }
        }
        Some(out)
    }

    /// An array of strings borrowed from the model, empty when absent.
    pub fn strs_ref(&mut self, key: &'static str) -> Vec<Located<&'t str>> {
        self.opt_strs_ref(key).unwrap_or_default()
    }

    /// An array of strings, empty when absent.
    pub fn strs(&mut self, key: &'static str) -> Vec<Located<String>> {
        self.opt_strs(key).unwrap_or_default()
    }

    /// One string or an array of strings (`email = "a@x.org"` or `email = ["a@x.org", ...]`);
    /// empty when absent.
    pub fn str_or_strs(&mut self, key: &'static str) -> Vec<Located<String>> {
        match self.table.get(key).map(|v| v.get_ref()) {
            Some(DeValue::String(_)) => self.opt_str(key).into_iter().collect(),
            Some(DeValue::Array(_)) | None => self.strs(key),
            Some(_) => {
                if let Some(v) = self.raw(key) {
                    self.wrong_type(key, "a string or an array of strings", v);
                }
                Vec::new()
            }
        }
    }

    /// A sub-table, with its span.
    pub fn table(&mut self, key: &'static str) -> Option<(&'t DeTable<'i>, Range<usize>)> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some((t, self.at(v.span()))),
            _ => {
                self.wrong_type(key, "a table", v);
                None
            }
        }
    }

    /// A required sub-table.
    pub fn req_table(&mut self, key: &'static str) -> Option<(&'t DeTable<'i>, Range<usize>)> {
        if !self.table.contains_key(key) {
            self.mark(key);
            self.problems.push(Problem::error(
                self.span.clone(),
                format!("missing table [{key}]"),
            ));
            return None;
        }
        self.table(key)
    }

    /// An array of tables (`[[key]]`), each with its span; empty when absent.
    pub fn tables(&mut self, key: &'static str) -> Vec<(&'t DeTable<'i>, Range<usize>)> {
        let Some(v) = self.raw(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(key, &format!("an array of tables ([[{key}]])"), v);
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, self.at(item.span()))),
                _ => self.wrong_type(key, &format!("an array of tables ([[{key}]])"), item),
            }
        }
        out
    }

    /// Reports every key that no getter asked for, naming the closest known field.
    pub fn finish(self) {
        let mut unknown: Vec<_> = self
            .table
            .iter()
            .filter(|(k, _)| !self.is_used(k.get_ref().as_ref()))
            .collect();
        unknown.sort_by_key(|(k, _)| k.span().start);
        for (k, v) in unknown {
            let name = k.get_ref().as_ref();
            if name == CONFLICT_KEY {
                let why = match v.get_ref() {
                    DeValue::String(s) => format!(": {}", crate::text::inert_line(s)),
                    _ => String::new(),
                };
                let span = self.at(k.span());
                self.problems.push(Problem::error(
                    span,
                    format!(
                        "unresolved merge conflict in {}{why}; resolve it, then delete this line",
                        self.name
                    ),
                ));
                continue;
            }
            let known = self.known.iter().copied();
            let message = format!(
                "unknown field {} in {}{}",
                crate::text::quoted(name),
                self.name,
                hint(name, known)
            );
            let span = self.at(k.span());
            self.problems.push(Problem::error(span, message));
        }
    }
}

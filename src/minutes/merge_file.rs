//! Merged minutes as text: canonical bytes when clean, the conflict form otherwise.
//!
//! The conflict form is the canonical file with, on each record in conflict, a first line
//! `conflict = "..."` saying what disagrees, and each conflicting field written as
//! `field = { ours = ..., theirs = ... }` (a side that removed the field is left out of
//! that table). `check` and every loader reject both with `file:line:col`; a person keeps
//! one value, deletes the `conflict` line, and the file loads again.

use std::collections::HashMap;

use toml_edit::{DocumentMut, InlineTable, Item, Table, Value};

use super::merge::{Conflict, ConflictKind, Merged, Place};
use super::toml_out::to_toml;
use crate::load::reader::CONFLICT_KEY;
use crate::load::{Diagnostic, Document, locate_all, parse_document};
use crate::model::Minutes;

/// Why three files could not be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// One of the inputs is not valid minutes.
    #[error("{} problem(s) in the files to merge", .0.len())]
    Invalid(Vec<Diagnostic>),
    /// The merged record could not be written as TOML.
    #[error("cannot write the merged minutes: {0}")]
    Render(String),
}

/// Parses one side. An empty text (git's base of a file added on both sides) is empty
/// minutes.
pub fn parse_side(text: &str, shown: &str) -> Result<Minutes, MergeError> {
    if text.trim().is_empty() {
        return Ok(Minutes::default());
    }
    let parsed = parse_document(text, "merge.minutes.toml");
    let diags = locate_all(std::path::Path::new(shown), text, parsed.problems);
    if crate::load::has_errors(&diags) {
        return Err(MergeError::Invalid(diags));
    }
    match parsed.document {
        Some(Document::Minutes(m, _)) => Ok(m),
        _ => Err(MergeError::Invalid(vec![Diagnostic::whole_file(
            shown,
            1,
            1,
            "expected minutes ([meeting] table with agenda = ...), but this is another kind of file"
                .to_string(),
        )])),
    }
}

/// Runs the rules every loader applies (votes against attendance, statements by known
/// delegations, ...) on a clean merge: each broken rule becomes a conflict on the header,
/// so a merge of two valid sides that together break the record stops git.
pub fn check_merged(merged: &mut Merged) -> Result<(), MergeError> {
    if !merged.conflicts.is_empty() {
        return Ok(());
    }
    let text = to_toml(&merged.minutes).map_err(|e| MergeError::Render(e.to_string()))?;
    let parsed = parse_document(&text, "merge.minutes.toml");
    for p in parsed.problems {
        if p.severity == crate::load::Severity::Error {
            merged.conflicts.push(Conflict {
                place: Place::Meeting,
                kind: ConflictKind::Invalid { problem: p.message },
            });
        }
    }
    Ok(())
}

/// Writes merged minutes: canonical TOML when clean, the conflict form otherwise.
pub fn render(merged: &Merged) -> Result<String, MergeError> {
    let text = to_toml(&merged.minutes).map_err(|e| MergeError::Render(e.to_string()))?;
    if merged.conflicts.is_empty() {
        return Ok(text);
    }
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| MergeError::Render(e.to_string()))?;
    let mut by_place: Vec<(&Place, Vec<&Conflict>)> = Vec::new();
    for c in &merged.conflicts {
        match by_place.iter_mut().find(|(p, _)| *p == &c.place) {
            Some((_, list)) => list.push(c),
            None => by_place.push((&c.place, vec![c])),
        }
    }
    for (place, conflicts) in by_place {
        match locate(&mut doc, place) {
            Some(table) => mark(table, &conflicts),
            // A record whose place shifted (two records of one key, one deleted): the
            // marker goes on the header and names the record, so nothing passes unseen.
            None => {
                let header = doc
                    .get_mut("meeting")
                    .and_then(Item::as_table_mut)
                    .ok_or_else(|| MergeError::Render(format!("cannot mark {place}")))?;
                let named: Vec<String> = conflicts.iter().map(ToString::to_string).collect();
                header.insert(CONFLICT_KEY, toml_edit::value(named.join("; ")));
            }
        }
    }
    // As in the canonical text: C1 controls, DEL and bidi characters as escapes.
    Ok(crate::machine_text::toml(doc.to_string()))
}

/// The table of a record in the canonical document.
fn locate<'d>(doc: &'d mut DocumentMut, place: &Place) -> Option<&'d mut Table> {
    let str_of = |t: &Table, k: &str| t.get(k).and_then(Item::as_str).unwrap_or("").to_string();
    match place {
        Place::Meeting => doc.get_mut("meeting")?.as_table_mut(),
        Place::Attendance { represents, nth } => doc
            .get_mut("attendance")?
            .as_array_of_tables_mut()?
            .iter_mut()
            .filter(|t| &str_of(t, "represents") == represents)
            .nth(*nth),
        Place::Item { id } => item_table(doc, id),
        Place::Decision { item, id } => item_table(doc, item)?
            .get_mut("decisions")?
            .as_array_of_tables_mut()?
            .iter_mut()
            .find(|t| &str_of(t, "id") == id),
        Place::Update { item, action, nth } => item_table(doc, item)?
            .get_mut("updates")?
            .as_array_of_tables_mut()?
            .iter_mut()
            .filter(|t| &str_of(t, "action") == action)
            .nth(*nth),
    }
}

fn item_table<'d>(doc: &'d mut DocumentMut, id: &str) -> Option<&'d mut Table> {
    doc.get_mut("items")?
        .as_array_of_tables_mut()?
        .iter_mut()
        .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
}

/// Puts the conflict form on one record: the marker first, both values of each field.
fn mark(table: &mut Table, conflicts: &[&Conflict]) {
    let mut why = Vec::new();
    let mut fields: HashMap<&str, Value> = HashMap::new();
    for c in conflicts {
        match &c.kind {
            ConflictKind::Field { name, ours, theirs } => {
                let mut both = InlineTable::new();
                if let Some(v) = ours {
                    both.insert("ours", v.as_ref().clone());
                }
                if let Some(v) = theirs {
                    both.insert("theirs", v.as_ref().clone());
                }
                fields.insert(name, Value::InlineTable(both));
                why.push(format!("'{name}' differs: keep ours or theirs"));
            }
            ConflictKind::Invalid { problem } => why.push(format!(
                "the merged record fails check: {problem}: correct the records involved"
            )),
            ConflictKind::DeletedEdited { deleted_by } => why.push(format!(
                "deleted by {}, edited by the other side: delete this record or keep it",
                deleted_by.as_str()
            )),
        }
    }
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let rest: Vec<(String, Item)> = keys
        .into_iter()
        .filter_map(|k| table.remove(&k).map(|v| (k, v)))
        .collect();
    table.insert(CONFLICT_KEY, toml_edit::value(why.join("; ")));
    for (k, v) in rest {
        match fields.remove(k.as_str()) {
            Some(both) => table.insert(&k, toml_edit::value(both)),
            None => table.insert(&k, v),
        };
    }
    // A field one side removed and the other changed is absent from the canonical text.
    let mut left: Vec<_> = fields.into_iter().collect();
    left.sort_by(|a, b| a.0.cmp(b.0));
    for (k, both) in left {
        table.insert(k, toml_edit::value(both));
    }
}

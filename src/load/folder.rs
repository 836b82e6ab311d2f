//! Reading the plans, agendas and minutes of a folder, keeping every file that could not
//! be loaded, so a command can report them all (as `check` does) instead of silently
//! working from part of the record.

use std::path::{Path, PathBuf};

use super::workspace::minutes_in;
use super::{Document, Kind, LoadError, has_errors, locate_all, parse_document, read_text};
use crate::model::{Agenda, Minutes, Plan};

/// A file of the folder that could not be loaded, with the kind it was taken for.
#[derive(Debug)]
pub struct Invalid {
    /// The file.
    pub path: PathBuf,
    /// What it looks like: named `*.minutes.toml`, or a `[plan]` or `[meeting]` file.
    pub kind: Kind,
    /// Why it could not be loaded.
    pub error: LoadError,
}

/// What a set of files holds.
#[derive(Debug, Default)]
pub struct Scan {
    /// Plans that loaded.
    pub plans: Vec<(PathBuf, Plan)>,
    /// Agendas that loaded (their references are not resolved).
    pub agendas: Vec<(PathBuf, Agenda)>,
    /// Minutes that loaded (their references are not resolved).
    pub minutes: Vec<(PathBuf, Minutes)>,
    /// Plans, agendas and minutes that could not be loaded. Files that are none of these
    /// (themes, a `Cargo.toml`) are not rapporteur's business here and are not listed.
    pub invalid: Vec<Invalid>,
}

impl Scan {
    /// The invalid files of these kinds.
    pub fn invalid_of(&self, kinds: &[Kind]) -> Vec<&Invalid> {
        self.invalid
            .iter()
            .filter(|i| kinds.contains(&i.kind))
            .collect()
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The kind a file that did not parse seems meant to be: by its name, else by a
/// `[plan]` or `[meeting]` table (or dotted keys), or `[[items]]`, in its text.
fn meant_kind(name: &str, text: Option<&str>) -> Option<Kind> {
    if name.ends_with(".minutes.toml") {
        return Some(Kind::Minutes);
    }
    let text = text?;
    let header = |h: &[&str]| {
        text.lines()
            .any(|l| h.iter().any(|h| l.trim_start().starts_with(h)))
    };
    if header(&["[plan]", "[plan.", "plan.id"]) {
        Some(Kind::Plan)
    } else if header(&["[meeting]", "[meeting.", "meeting.", "[[items]]"]) {
        // Written as a table, as dotted keys, or an agenda whose [meeting] went missing.
        Some(Kind::Agenda)
    } else {
        None
    }
}

/// What a file is, loaded or not: a plan, an agenda, minutes (under any name) or a theme,
/// by its content, else by its name or table headers; `None` for anything else.
pub fn kind_of(path: &Path) -> Option<Kind> {
    let name = file_name(path);
    let Ok(text) = read_text(path) else {
        return meant_kind(&name, None);
    };
    match parse_document(&text, &name).document {
        Some(Document::Plan(_)) => Some(Kind::Plan),
        Some(Document::Agenda(..)) => Some(Kind::Agenda),
        Some(Document::Minutes(..)) => Some(Kind::Minutes),
        Some(Document::Theme(_)) => Some(Kind::Theme),
        None => meant_kind(&name, Some(&text)),
    }
}

/// Reads and sorts out `files`.
pub fn scan(files: &[PathBuf]) -> Scan {
    let mut out = Scan::default();
    for path in files {
        let name = file_name(path);
        let text = match read_text(path) {
            Ok(t) => t,
            Err(error) => {
                // Text that is not UTF-8 still shows what it was meant to be.
                let lossy = crate::fsafe::read_regular(path)
                    .ok()
                    .map(|b| String::from_utf8_lossy(&b).into_owned());
                if let Some(kind) = meant_kind(&name, lossy.as_deref()) {
                    out.invalid.push(Invalid {
                        path: path.clone(),
                        kind,
                        error,
                    });
                }
                continue;
            }
        };
        let parsed = parse_document(&text, &name);
        let kind = match &parsed.document {
            Some(Document::Plan(_)) => Some(Kind::Plan),
            Some(Document::Agenda(..)) => Some(Kind::Agenda),
            Some(Document::Minutes(..)) => Some(Kind::Minutes),
            Some(Document::Theme(_)) => None,
            None => meant_kind(&name, Some(&text)),
        };
        let Some(kind) = kind else { continue };
        // Minutes are the files named so; a copy under another name (a public export
        // saved as TOML, say) is not a meeting's record and would count its actions twice.
        if kind == Kind::Minutes && !name.ends_with(".minutes.toml") {
            continue;
        }
        let diags = locate_all(path, &text, parsed.problems);
        if has_errors(&diags) {
            out.invalid.push(Invalid {
                path: path.clone(),
                kind,
                error: LoadError::Invalid(diags),
            });
            continue;
        }
        match parsed.document {
            Some(Document::Plan(p)) => out.plans.push((path.clone(), p)),
            Some(Document::Agenda(a, _)) => out.agendas.push((path.clone(), a)),
            Some(Document::Minutes(m, _)) => out.minutes.push((path.clone(), m)),
            _ => {}
        }
    }
    out
}

/// `dir`, or the current folder for the empty path (the folder of a bare file name).
fn dir_or_dot(dir: &Path) -> &Path {
    if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }
}

/// The `.toml` files directly in `dir` (not in sub-folders), sorted by name.
pub fn toml_files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir_or_dot(dir))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = file_name(p);
            // FIFOs and devices are never opened (a planted one would hang the reader).
            n.ends_with(".toml") && !n.starts_with('.') && crate::fsafe::is_regular(p)
        })
        .collect();
    out.sort();
    out
}

/// The minutes directly in `dir`: those that loaded, and those that did not.
pub fn minutes_of(dir: &Path) -> Scan {
    scan(&minutes_in(dir_or_dot(dir)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_files_are_kept_with_the_kind_they_were_meant_as() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::copy("tests/fixtures/waterboard/plan.toml", d.join("plan.toml")).unwrap();
        std::fs::write(d.join("a.minutes.toml"), "[meeting\nid = 1").unwrap();
        std::fs::write(
            d.join("b.toml"),
            "[meeting]\nid = \"b\"\ndate = 2021-13-01\n",
        )
        .unwrap();
        std::fs::write(d.join("c.toml"), "[plan]\nid = \n").unwrap();
        std::fs::write(d.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
        std::fs::write(d.join("theme.toml"), "[theme]\nname = 3\n").unwrap();
        std::fs::copy(
            "tests/fixtures/waterboard/2021-03-04-board-7.minutes.toml",
            d.join("public-copy.toml"),
        )
        .unwrap();
        let s = scan(&toml_files_in(d));
        assert_eq!(s.plans.len(), 1);
        assert!(
            s.minutes.is_empty(),
            "only files named .minutes.toml are minutes"
        );
        let kinds: Vec<(String, Kind)> = s
            .invalid
            .iter()
            .map(|i| (file_name(&i.path), i.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("a.minutes.toml".to_string(), Kind::Minutes),
                ("b.toml".to_string(), Kind::Agenda),
                ("c.toml".to_string(), Kind::Plan),
            ],
            "a Cargo.toml and a theme are not ours to report here"
        );
    }
}

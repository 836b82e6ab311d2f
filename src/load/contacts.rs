//! Roster contacts: each `email` checked with a mail address parser, and (for `check`) the
//! owners of outstanding actions that digests cannot be addressed to.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use email_address::{EmailAddress, Options};
use toml::de::{DeTable, DeValue};

use super::reader::Located;
use super::workspace::{load_minutes, minutes_in, relative_to};
use super::{Diagnostic, Problem, locate_all, read_text};
use crate::model::contacts::owners_without_address;
use crate::model::{Ledger, Minutes, Plan};

/// The address rules: an `addr-spec` (`name@domain.tld`) with a dotted domain; no display
/// name (that is what `contact` is for) and no `[1.2.3.4]` domain literal.
fn options() -> Options {
    Options {
        minimum_sub_domains: 2,
        allow_domain_literal: false,
        allow_display_text: false,
        ..Options::default()
    }
}

/// True when `address` is a valid roster address.
pub fn is_valid_address(address: &str) -> bool {
    EmailAddress::parse_with_options(address, options()).is_ok()
}

/// A problem for a roster `email` that is not a mail address, saying why.
pub fn address_problem(email: &Located<String>) -> Option<Problem> {
    let err = EmailAddress::parse_with_options(&email.value, options()).err()?;
    use email_address::Error as E;
    let why = match err {
        E::MissingSeparator => "it has no '@'".to_string(),
        E::DomainTooFew => "its domain has no dot (write name@example.org)".to_string(),
        E::UnsupportedDisplayName | E::MissingDisplayName | E::MissingEndBracket => {
            "write the address alone and the person's name in contact = \"...\"".to_string()
        }
        E::UnsupportedDomainLiteral | E::InvalidIPAddress => {
            "a domain literal such as [192.0.2.1] is not accepted".to_string()
        }
        other => other.to_string().trim_end_matches('.').to_lowercase(),
    };
    Some(Problem::error(
        email.span.clone(),
        format!(
            "{} is not a mail address: {why}",
            crate::text::quoted(&email.value)
        ),
    ))
}

/// Byte ranges of each roster id (`[[partners]] id = ...`) and of the `[plan]` table.
fn roster_spans(text: &str) -> (HashMap<String, Range<usize>>, Range<usize>) {
    let mut ids = HashMap::new();
    let Ok(root) = DeTable::parse(text) else {
        return (ids, 0..0);
    };
    let root = root.get_ref();
    let header = root.get("plan").map_or(0..0, |p| p.span());
    if let Some(DeValue::Array(partners)) = root.get("partners").map(|p| p.get_ref()) {
        for p in partners.iter() {
            if let DeValue::Table(t) = p.get_ref()
                && let Some(id) = t.get("id")
                && let DeValue::String(s) = id.get_ref()
            {
                ids.entry(s.to_string()).or_insert_with(|| id.span());
            }
        }
    }
    (ids, header)
}

/// Warnings for the owners of outstanding actions that have no address, located at their
/// roster entry (free-text owners at the `[plan]` table; [`check_plan`] places them where
/// the minutes name them). Nothing when the roster carries no address at all: that body
/// does not send digests.
pub fn unaddressed_problems(text: &str, plan: &Plan, ledger: &Ledger) -> Vec<Problem> {
    unaddressed(text, plan, ledger)
        .into_iter()
        .map(|(_, p)| p)
        .collect()
}

/// [`unaddressed_problems`], each with its free-text owner (`None` for a roster entry).
fn unaddressed(text: &str, plan: &Plan, ledger: &Ledger) -> Vec<(Option<String>, Problem)> {
    if !plan.has_contacts() {
        return Vec::new();
    }
    let (spans, header) = roster_spans(text);
    owners_without_address(plan, ledger)
        .into_iter()
        .map(|o| {
            let free = (!o.in_roster).then(|| o.owner.clone());
            (free, {
                let n = o.outstanding;
                let owned = if n == 1 {
                    "1 outstanding action".to_string()
                } else {
                    format!("{n} outstanding actions")
                };
                if o.in_roster {
                    Problem::warning(
                        spans.get(&o.owner).cloned().unwrap_or(header.clone()),
                        format!(
                            "{} owns {owned} and has no email: its digest is written to a file \
                         without a To line; add email = \"...\" to this partner",
                            crate::text::quoted(&o.owner)
                        ),
                    )
                } else {
                    Problem::warning(
                        header.clone(),
                        format!(
                            "free-text owner {} owns {owned} and has no address: add it to the \
                         roster with an email, or send its digest by hand",
                            crate::text::quoted(&o.owner)
                        ),
                    )
                }
            })
        })
        .collect()
}

/// Where minutes first name a free-text owner: the owner's string on an `owners` line.
fn named_in_minutes(
    files: &[(std::path::PathBuf, Minutes)],
    owner: &str,
) -> Option<(std::path::PathBuf, String, Range<usize>)> {
    let quoted = toml::Value::String(owner.to_string()).to_string();
    for (path, _) in files {
        let Ok(text) = read_text(path) else { continue };
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if line.trim_start().starts_with("owners")
                && let Some(i) = line.find(&quoted)
            {
                let start = at + i;
                return Some((path.clone(), text.clone(), start..start + quoted.len()));
            }
            at += line.len();
        }
    }
    None
}

/// Every minutes file beside the plan that names it, with its path.
fn minutes_of(plan_path: &Path) -> Vec<(std::path::PathBuf, Minutes)> {
    let dir = relative_to(plan_path, "");
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".").to_path_buf()
    } else {
        dir
    };
    let plan_key = plan_path.canonicalize().ok();
    minutes_in(&dir)
        .iter()
        .filter_map(|p| load_minutes(p).ok().map(|m| (p.clone(), m)))
        .filter(|(p, m)| relative_to(p, &m.meeting.plan).canonicalize().ok() == plan_key)
        .collect()
}

/// For `check`: the unaddressed-owner warnings of a plan that loaded, with the minutes
/// beside it applied.
pub fn check_plan(plan_path: &Path, plan: &Plan) -> Vec<Diagnostic> {
    if !plan.has_contacts() {
        return Vec::new();
    }
    let Ok(text) = read_text(plan_path) else {
        return Vec::new();
    };
    let files = minutes_of(plan_path);
    let ledger = Ledger::build(plan, files.iter().map(|(_, m)| m));
    let mut in_plan = Vec::new();
    let mut out = Vec::new();
    for (free, p) in unaddressed(&text, plan, &ledger) {
        // A free-text owner is fixed where the minutes name it, not in the plan.
        match free.and_then(|o| named_in_minutes(&files, &o)) {
            Some((path, minutes_text, span)) => out.extend(locate_all(
                &path,
                &minutes_text,
                vec![Problem::warning(span, p.message)],
            )),
            None => in_plan.push(p),
        }
    }
    let mut all = locate_all(plan_path, &text, in_plan);
    all.extend(out);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(s: &str) -> Located<String> {
        Located {
            value: s.to_string(),
            span: 0..s.len(),
        }
    }

    #[test]
    fn addresses_are_checked_by_a_parser_with_reasons() {
        for good in [
            "secretariat@example.org",
            "first.last+digest@sub.example.org",
            "søren@example.dk",
        ] {
            assert!(is_valid_address(good), "{good}");
            assert!(address_problem(&located(good)).is_none(), "{good}");
        }
        for (bad, why) in [
            ("secretariat.example.org", "no '@'"),
            ("ops@localhost", "no dot"),
            ("Ops <ops@example.org>", "contact"),
            ("a b@example.org", "not a mail address"),
            ("ops@[192.0.2.1]", "domain literal"),
            ("@example.org", "not a mail address"),
        ] {
            let p = address_problem(&located(bad)).expect(bad);
            assert!(p.message.contains(why), "{bad}: {}", p.message);
        }
    }
}

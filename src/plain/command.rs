//! One line of the line mode, read into a [`Command`]: the short commands (`d TEXT`, `o
//! OWNERS`, ...) and the scribe lines of W3C and IETF minute-takers (`topic:`, `resolved:`,
//! `action:`, `present+`, `regrets+`, `s/OLD/NEW/`). Pure: nothing is applied here.

/// How a delegation attended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Present.
    Present,
    /// Absent.
    Absent,
    /// Sent apologies (regrets): recorded as `apologies`.
    Apologies,
}

/// How a decision was taken, as a line says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TakenLine {
    /// `v consensus`.
    Consensus,
    /// `v vote for A, B; against C; abstain D`: delegations as typed.
    Vote {
        /// In favour.
        yes: Vec<String>,
        /// Against.
        no: Vec<String>,
        /// Abstaining.
        abstain: Vec<String>,
    },
    /// `v adref DATE`: the end of the silence period, as typed.
    AdReferendum(String),
}

/// What one line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// A blank line or a `#` comment.
    Nothing,
    /// `]`: walk to the next priority area and take its item up.
    NextArea,
    /// `[`: the previous priority area.
    PrevArea,
    /// `3`: priority area 3.
    Area(usize),
    /// `take ITEM`: take up an agenda item by id.
    Take(String),
    /// `topic: TEXT`: take up the item whose title best matches.
    Topic(String),
    /// `d TEXT`, `resolved: TEXT`: a decision under the current item.
    Decide(String),
    /// `action: OWNERS to TEXT [by DATE]`: a decision with owners and perhaps a due date.
    Action {
        /// Comma-separated owners.
        owners: String,
        /// The text, with a trailing `by DATE` still in it (the date is read against the
        /// meeting's date when applied).
        text: String,
    },
    /// `o OWNERS`: the owners of the selected record.
    Owners(String),
    /// `t DATE`: its due date.
    Due(String),
    /// `s STATUS`: its status.
    Status(String),
    /// `n TEXT`: a paragraph added to the current item's record of discussion.
    Note(String),
    /// `sel ID`: select a record.
    Select(String),
    /// `a DELEGATION present|absent|apologies`, `present+ NAME`, `regrets+ NAME`.
    Attend(Vec<String>, Presence),
    /// `a` alone: read the attendance and the quorum.
    ReadAttendance,
    /// `v ...`: how the selected decision was taken.
    Taken(TakenLine),
    /// `r DELEGATION [KIND]: TEXT`: a statement for the record.
    Statement {
        /// The delegation, as typed.
        by: String,
        /// Its kind (`statement` when the line names none).
        kind: crate::model::StatementKind,
        /// Its words.
        text: String,
    },
    /// `x`: delete the selected record (the screen's `x`).
    Delete,
    /// `quorate yes|no`: the selected decision was recorded with a quorum, or without (the
    /// screen's `Q`).
    Quorate(bool),
    /// `u`.
    Undo,
    /// `redo`.
    Redo,
    /// `ls`: read the current item.
    List,
    /// `where`: the current item, the clock, the quorum.
    Where,
    /// `/ QUERY`: search.
    Search(String),
    /// `go N`: jump to the N-th result of the last search.
    Go(usize),
    /// `s/OLD/NEW/`: correct the text of the last record.
    Correct {
        /// The text to replace.
        old: String,
        /// What replaces it.
        new: String,
    },
    /// `w`.
    Write,
    /// `q`.
    Quit,
    /// `help`.
    Help,
}

/// Reads one line; the error says what was expected, for reading aloud.
pub fn parse(line: &str) -> Result<Command, String> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(Command::Nothing);
    }
    match line {
        "]" => return Ok(Command::NextArea),
        "[" => return Ok(Command::PrevArea),
        _ => {}
    }
    if line.chars().all(|c| c.is_ascii_digit()) {
        return match line.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(Command::Area(n)),
            _ => Err(format!("There is no priority area {line}")),
        };
    }
    if let Some(c) = scribe(line)? {
        return Ok(c);
    }
    if let Some(q) = line.strip_prefix('/') {
        return needs(q, "Something to look for is needed: / QUERY").map(Command::Search);
    }
    let (word, rest) = match line.split_once(char::is_whitespace) {
        Some((w, r)) => (w, r.trim()),
        None => (line, ""),
    };
    let word = word.to_lowercase();
    let c = match word.as_str() {
        "take" => Command::Take(needs(rest, "An agenda item is needed: take 4, take 3.2")?),
        "d" => Command::Decide(needs(rest, "The decision's text is needed: d TEXT")?),
        "o" => Command::Owners(needs(
            rest,
            "Owners are needed, separated by commas: o CTU, IMPACS",
        )?),
        "t" => Command::Due(needs(rest, "A date is needed: t 2017-03-31, t +2w, t eoq")?),
        "s" => Command::Status(needs(
            rest,
            "A status is needed: open, in-progress, blocked, done or dropped",
        )?),
        "n" => Command::Note(needs(rest, "The text of the note is needed: n TEXT")?),
        "sel" => Command::Select(needs(rest, "A record is needed: sel 3.3-1, sel PA-2")?),
        "a" if rest.is_empty() => Command::ReadAttendance,
        "a" => attendance(rest)?,
        "v" => taken(rest)?,
        "r" => statement(rest)?,
        "x" | "delete" if rest.is_empty() => Command::Delete,
        "quorate" => match rest.to_lowercase().as_str() {
            "yes" | "true" => Command::Quorate(true),
            "no" | "false" => Command::Quorate(false),
            _ => return Err("quorate reads: quorate yes, or quorate no".into()),
        },
        "u" | "undo" if rest.is_empty() => Command::Undo,
        "redo" if rest.is_empty() => Command::Redo,
        "ls" if rest.is_empty() => Command::List,
        "where" if rest.is_empty() => Command::Where,
        "go" => match rest.parse::<usize>() {
            Ok(n) if n >= 1 => Command::Go(n),
            _ => return Err("The number of a search result is needed: go 2".into()),
        },
        "w" | "write" if rest.is_empty() => Command::Write,
        "q" | "quit" if rest.is_empty() => Command::Quit,
        "help" | "?" => Command::Help,
        _ => {
            return Err(format!(
                "'{}' is not a command; help lists them",
                crate::text::inert_line(&truncated(line))
            ));
        }
    };
    Ok(c)
}

/// The scribe lines; `None` for a line that is not one.
fn scribe(line: &str) -> Result<Option<Command>, String> {
    let lower = line.to_lowercase();
    let after = |prefix: &str| -> Option<String> {
        lower
            .starts_with(prefix)
            .then(|| line[prefix.len()..].trim().to_string())
    };
    if let Some(t) = after("topic:") {
        return needs(&t, "The item's title is needed: topic: TITLE")
            .map(|t| Some(Command::Topic(t)));
    }
    if let Some(t) = after("resolved:").or_else(|| after("resolution:")) {
        return needs(&t, "The decision's text is needed: resolved: TEXT")
            .map(|t| Some(Command::Decide(capitalised(&t))));
    }
    if let Some(t) = after("action:") {
        let Some((owners, text)) = t.split_once(" to ") else {
            return Err("An action line reads: action: OWNER to TEXT [by DATE]".into());
        };
        let (owners, text) = (owners.trim(), text.trim());
        if !crate::text::has_visible(owners) || !crate::text::has_visible(text) {
            return Err("An action line reads: action: OWNER to TEXT [by DATE]".into());
        }
        return Ok(Some(Command::Action {
            owners: owners.to_string(),
            text: capitalised(text),
        }));
    }
    for (prefix, presence) in [
        ("present+", Presence::Present),
        ("present-", Presence::Absent),
        ("regrets+", Presence::Apologies),
    ] {
        if let Some(t) = after(prefix) {
            let names = names(&t);
            if names.is_empty() {
                return Err(format!("A name is needed: {prefix} NAME"));
            }
            return Ok(Some(Command::Attend(names, presence)));
        }
    }
    if let Some(body) = line.strip_prefix("s/") {
        let parts: Vec<&str> = body.splitn(3, '/').collect();
        return match parts.as_slice() {
            [old, new, tail] if !old.is_empty() && tail.trim().is_empty() => {
                Ok(Some(Command::Correct {
                    old: old.to_string(),
                    new: new.to_string(),
                }))
            }
            _ => Err("A correction reads: s/OLD/NEW/".into()),
        };
    }
    Ok(None)
}

/// `a DELEGATION present|absent|apologies`: the last word is the presence.
fn attendance(rest: &str) -> Result<Command, String> {
    let (who, how) = rest
        .rsplit_once(char::is_whitespace)
        .map_or(("", rest), |(w, h)| (w.trim(), h));
    let presence = match how.to_lowercase().as_str() {
        "present" | "p" | "+" => Presence::Present,
        "absent" | "-" => Presence::Absent,
        "apologies" | "regrets" => Presence::Apologies,
        _ => {
            return Err(
                "Attendance reads: a DELEGATION present, a DELEGATION absent, a DELEGATION apologies"
                    .into(),
            );
        }
    };
    if !crate::text::has_visible(who) {
        return Err("The delegation is needed before present, absent or apologies".into());
    }
    Ok(Command::Attend(vec![who.to_string()], presence))
}

const VOTE_FORM: &str = "How a decision was taken reads: v consensus, v vote for AUT, CHE; \
                         against SVN; abstain LIE, or v adref 2024-10-17";

/// `v consensus`, `v vote for A, B; against C; abstain D`, `v adref DATE`.
fn taken(rest: &str) -> Result<Command, String> {
    let (word, tail) = match rest.split_once(char::is_whitespace) {
        Some((w, t)) => (w.to_lowercase(), t.trim()),
        None => (rest.to_lowercase(), ""),
    };
    let line = match word.as_str() {
        "consensus" if tail.is_empty() => TakenLine::Consensus,
        "adref" | "ad-referendum" => TakenLine::AdReferendum(needs(
            tail,
            "The end of the silence period is needed: v adref 2024-10-17, v adref +2w",
        )?),
        "ad" if tail.to_lowercase().starts_with("referendum") => TakenLine::AdReferendum(needs(
            tail["referendum".len()..].trim(),
            "The end of the silence period is needed: v ad referendum 2024-10-17",
        )?),
        "vote" => {
            let (mut yes, mut no, mut abstain) = (Vec::new(), Vec::new(), Vec::new());
            for part in tail.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                let (side, list) = part
                    .split_once(char::is_whitespace)
                    .map_or((part, ""), |(s, l)| (s, l));
                let into = match side.to_lowercase().as_str() {
                    "for" => &mut yes,
                    "against" => &mut no,
                    "abstain" | "abstaining" => &mut abstain,
                    _ => return Err(VOTE_FORM.into()),
                };
                let named = names(list);
                if named.is_empty() {
                    return Err(format!(
                        "Delegations are needed after '{side}': {VOTE_FORM}"
                    ));
                }
                into.extend(named);
            }
            if yes.is_empty() && no.is_empty() && abstain.is_empty() {
                return Err(VOTE_FORM.into());
            }
            TakenLine::Vote { yes, no, abstain }
        }
        _ => return Err(VOTE_FORM.into()),
    };
    Ok(Command::Taken(line))
}

/// `r DELEGATION [KIND]: TEXT`: the last word before the colon is the kind when it names
/// one.
fn statement(rest: &str) -> Result<Command, String> {
    use crate::model::StatementKind;
    let form = format!(
        "A statement reads: r DELEGATION KIND: TEXT, KIND one of {}",
        StatementKind::valid_list()
    );
    let Some((head, text)) = rest.split_once(':') else {
        return Err(form);
    };
    let (head, text) = (head.trim(), text.trim());
    let (by, kind) = match head.rsplit_once(char::is_whitespace) {
        Some((by, k)) => match k.to_lowercase().parse::<StatementKind>() {
            Ok(kind) => (by.trim(), kind),
            Err(()) => (head, StatementKind::Statement),
        },
        None => (head, StatementKind::Statement),
    };
    if by.is_empty() || text.is_empty() {
        return Err(form);
    }
    Ok(Command::Statement {
        by: by.to_string(),
        kind,
        text: text.to_string(),
    })
}

/// Why `r BY: TEXT` was refused when `BY` names no delegation but its words before the last
/// do (`r MoA objection: ...`): the last word was meant as a kind and is not one. `None`
/// when that is not the case (the delegation itself is unknown).
pub fn kind_not_valid(by: &str, names_delegation: impl Fn(&str) -> bool) -> Option<String> {
    let (delegation, kind) = by.trim().rsplit_once(char::is_whitespace)?;
    let delegation = delegation.trim();
    (!delegation.is_empty() && names_delegation(delegation)).then(|| {
        format!(
            "kind '{}' is not valid: use one of {}",
            crate::text::inert_line(kind),
            crate::model::StatementKind::ALL
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

/// A scribe's decision text as the minutes carry it: a sentence, its first letter a
/// capital (`action: DRA to publish the list` records "Publish the list", its owner kept as
/// the decision's owner, which the report names after it as "Responsible: DRA").
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

fn names(list: &str) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|n| crate::text::has_visible(n))
        .map(str::to_string)
        .collect()
}

/// `rest`, trimmed, when it shows something; else `why` (a zero-width space or a
/// byte-order mark alone is no text: it would record an empty decision or note).
fn needs(rest: &str, why: &str) -> Result<String, String> {
    let rest = rest.trim();
    if !crate::text::has_visible(rest) {
        Err(why.to_string())
    } else {
        Ok(rest.to_string())
    }
}

/// At most 60 characters of a line, for an answer.
fn truncated(line: &str) -> String {
    let mut t: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        t.push('…');
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_commands_and_scribe_lines_are_read() {
        assert_eq!(parse("  ]"), Ok(Command::NextArea));
        assert_eq!(parse("3"), Ok(Command::Area(3)));
        assert_eq!(parse("take 3.2"), Ok(Command::Take("3.2".into())));
        assert_eq!(parse("d Agreed."), Ok(Command::Decide("Agreed.".into())));
        assert_eq!(
            parse("resolved: Agreed."),
            Ok(Command::Decide("Agreed.".into()))
        );
        assert_eq!(
            parse("action: CTU, IMPACS to draft the law by eoq"),
            Ok(Command::Action {
                owners: "CTU, IMPACS".into(),
                text: "Draft the law by eoq".into()
            })
        );
        // A scribe's lower-case start becomes a sentence's; a typed `d` stays as typed.
        assert_eq!(
            parse("resolved: the minutes were approved."),
            Ok(Command::Decide("The minutes were approved.".into()))
        );
        assert_eq!(
            parse("action: the chair to écrire au ministre"),
            Ok(Command::Action {
                owners: "the chair".into(),
                text: "Écrire au ministre".into()
            })
        );
        assert_eq!(
            parse("d keep as typed"),
            Ok(Command::Decide("keep as typed".into()))
        );
        assert_eq!(
            parse("a Saint Lucia apologies"),
            Ok(Command::Attend(
                vec!["Saint Lucia".into()],
                Presence::Apologies
            ))
        );
        assert_eq!(parse("a"), Ok(Command::ReadAttendance));
        assert_eq!(
            parse("present+ Ana, Bo"),
            Ok(Command::Attend(
                vec!["Ana".into(), "Bo".into()],
                Presence::Present
            ))
        );
        assert_eq!(
            parse("s/law/bill/"),
            Ok(Command::Correct {
                old: "law".into(),
                new: "bill".into()
            })
        );
        assert_eq!(parse("s done"), Ok(Command::Status("done".into())));
        assert_eq!(parse("/ cert"), Ok(Command::Search("cert".into())));
        assert_eq!(parse("go 2"), Ok(Command::Go(2)));
        assert_eq!(parse("# a comment"), Ok(Command::Nothing));
        assert_eq!(
            parse("v vote for AUT, CHE; against SVN; abstain LIE"),
            Ok(Command::Taken(TakenLine::Vote {
                yes: vec!["AUT".into(), "CHE".into()],
                no: vec!["SVN".into()],
                abstain: vec!["LIE".into()]
            }))
        );
        assert_eq!(
            parse("v consensus"),
            Ok(Command::Taken(TakenLine::Consensus))
        );
        assert_eq!(
            parse("v adref 17 Oct 2024"),
            Ok(Command::Taken(TakenLine::AdReferendum(
                "17 Oct 2024".into()
            )))
        );
        assert_eq!(
            parse("v ad referendum +2w"),
            Ok(Command::Taken(TakenLine::AdReferendum("+2w".into())))
        );
        assert_eq!(
            parse("r Saint Lucia reservation: We reserve our position."),
            Ok(Command::Statement {
                by: "Saint Lucia".into(),
                kind: crate::model::StatementKind::Reservation,
                text: "We reserve our position.".into()
            })
        );
        assert_eq!(
            parse("r CHE: Thanks: all of them."),
            Ok(Command::Statement {
                by: "CHE".into(),
                kind: crate::model::StatementKind::Statement,
                text: "Thanks: all of them.".into()
            })
        );
    }

    #[test]
    fn what_cannot_be_read_says_what_was_expected() {
        assert!(parse("d").unwrap_err().contains("d TEXT"));
        assert!(parse("a Barbados late").unwrap_err().contains("present"));
        assert!(
            parse("action: CTU draft")
                .unwrap_err()
                .contains("OWNER to TEXT")
        );
        assert!(parse("s/x/y").unwrap_err().contains("s/OLD/NEW/"));
        assert!(parse("go x").unwrap_err().contains("go 2"));
        assert!(parse("frobnicate").unwrap_err().contains("not a command"));
        assert!(parse("0").is_err());
        assert!(parse("v").unwrap_err().contains("v consensus"));
        assert!(parse("v vote for").unwrap_err().contains("after 'for'"));
        assert!(parse("v vote yes AUT").unwrap_err().contains("v vote for"));
        assert!(parse("v adref").unwrap_err().contains("silence"));
        assert!(
            parse("r CHE reservation")
                .unwrap_err()
                .contains("r DELEGATION KIND: TEXT")
        );
    }
}

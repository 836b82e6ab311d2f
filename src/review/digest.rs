//! Digests: for each owner, what the latest meeting decided for them and everything they
//! still owe, as Markdown or as a mail message (RFC 5322) that `sendmail -t` takes.
//!
//! Everything here is pure: the caller loads the plan and minutes (already cut to the
//! audience), and writes the files. rapporteur never sends anything itself.

use chrono::NaiveDate;
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;

use super::outstanding::{Filter, Row, days_overdue, outstanding};
use crate::model::dates::{DateStyle, long_date};
use crate::model::ledger::{EventKind, in_meeting_order};
use crate::model::roster::Roster;
use crate::model::{Ledger, Minutes, Plan, Status};
use crate::text::{inert, inert_line};

/// What a digest is built from.
pub struct Sources<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// The ledger of the minutes below.
    pub ledger: &'a Ledger,
    /// The minutes applied, already cut to the audience.
    pub minutes: &'a [Minutes],
    /// The day overdue is measured against.
    pub as_of: NaiveDate,
    /// Only actions due on or before this day (`--due-within`, overdue ones included).
    pub due_by: Option<NaiveDate>,
    /// How the facts listed under each action write their dates (the `dates` setting);
    /// sentences and the subject use the long form ([`long_date`]).
    pub dates: DateStyle,
}

impl Sources<'_> {
    /// The latest meeting with minutes, in meeting order.
    pub fn latest(&self) -> Option<&Minutes> {
        in_meeting_order(self.minutes).last().copied()
    }

    fn meeting(&self, id: &str) -> Option<&Minutes> {
        self.minutes.iter().find(|m| m.meeting.id == id)
    }
}

/// One record of the latest meeting that concerns the owner.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    /// The action's name.
    pub action: String,
    /// The action's title or decision text.
    pub title: String,
    /// What the meeting did: decided it, updated it (with the note), or spoke to it.
    pub what: EventKind,
    /// Status right after the meeting.
    pub status: Status,
    /// Due date right after the meeting.
    pub due: Option<NaiveDate>,
}

/// One owner's digest.
#[derive(Debug, Clone, PartialEq)]
pub struct Digest {
    /// A roster id or the free text of the minutes.
    pub owner: String,
    /// True when the owner is a roster entry (not free text).
    pub in_roster: bool,
    /// The owner's full name (the free text for a free-text owner).
    pub name: String,
    /// The short name used in subjects.
    pub label: String,
    /// The person addressed, from the roster's `contact`.
    pub contact: Option<String>,
    /// Recipients: display name and address.
    pub to: Vec<(String, String)>,
    /// The classification markings of the meetings the digest draws on, most recent first.
    pub markings: Vec<String>,
    /// True for the public edition of a digest drawing on a classified meeting: it carries
    /// the public distribution line instead of the marking (like `export --audience public`).
    pub public: bool,
    /// The latest meeting: body, title, date, id.
    pub meeting: Option<MeetingRef>,
    /// What the latest meeting recorded for this owner.
    pub decided: Vec<Decided>,
    /// Everything the owner still owes, overdue first (most overdue first), then by due date.
    pub owes: Vec<Row>,
    /// The day overdue is measured against.
    pub as_of: NaiveDate,
    /// When set, `owes` holds only what is due by this day.
    pub due_by: Option<NaiveDate>,
}

/// The meeting a digest follows.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRef {
    /// Meeting id.
    pub id: String,
    /// The body that met.
    pub body: String,
    /// Full title.
    pub title: String,
    /// Day.
    pub date: NaiveDate,
    /// The report's document symbol (`CSM/II/2016/REP`), when the minutes carry one: the
    /// name a secretariat cites the meeting by.
    pub symbol: Option<String>,
}

impl MeetingRef {
    /// How the meeting is cited: by its document symbol when it has one, else by its id.
    pub fn cited(&self) -> &str {
        self.symbol.as_deref().unwrap_or(&self.id)
    }
}

impl Digest {
    /// The marking to show, when any meeting drawn on is classified.
    pub fn marking(&self) -> Option<String> {
        (!self.markings.is_empty()).then(|| self.markings.join(" / "))
    }

    /// The meetings the digest draws on: the latest and those that agreed what is owed.
    pub fn drawn_on(&self) -> impl Iterator<Item = &str> {
        self.meeting
            .iter()
            .map(|m| m.id.as_str())
            .chain(self.owes.iter().map(|r| r.source.as_str()))
    }

    /// The public distribution line, for the public edition of a classified meeting's digest.
    pub fn public_line(&self) -> Option<&'static str> {
        self.public.then_some(
            "Distribution: public. Public version of a digest drawing on classified minutes; \
             records marked confidential are left out.",
        )
    }

    /// True when the digest draws on a classified meeting: its file is owner-only.
    pub fn is_classified(&self) -> bool {
        !self.markings.is_empty()
    }

    /// True when there is nothing to tell: nothing owed and nothing recorded.
    pub fn is_empty(&self) -> bool {
        self.owes.is_empty() && self.decided.is_empty()
    }

    /// The heading of the list of what is owed.
    fn owes_heading(&self) -> String {
        let what = match self.due_by {
            Some(by) => format!("Due by {}", long_date(by)),
            None => "Still outstanding".to_string(),
        };
        format!(
            "{what}: {}, {} overdue",
            count(self.owes.len(), "action", "actions"),
            self.overdue()
        )
    }

    /// The last sentence: a request for progress when something is owed; otherwise that
    /// nothing is (no request for progress on nothing).
    fn closing(&self) -> String {
        match (self.owes.len(), self.due_by) {
            (0, None) => "Nothing is outstanding for you: no progress report is needed.".into(),
            (0, Some(by)) => {
                format!("Nothing of yours falls due by {by}: no progress report is needed.")
            }
            (1, _) => "Please send progress on this action to the secretariat before the next \
                       meeting."
                .into(),
            _ => "Please send progress on these actions to the secretariat before the next \
                  meeting."
                .into(),
        }
    }

    fn nothing_owed(&self) -> String {
        match self.due_by {
            Some(by) => format!("Nothing due by {}.", long_date(by)),
            None => "Nothing outstanding.".to_string(),
        }
    }

    /// Overdue actions in `owes`.
    pub fn overdue(&self) -> usize {
        self.owes.iter().filter(|r| r.overdue).count()
    }
}

/// Builds the digest of one owner (a roster id or free text, already resolved).
pub fn digest(src: &Sources<'_>, owner: &str) -> Digest {
    let plan = src.plan;
    let partner = plan.partner(owner);
    // A free-text owner is every spelling of it (`Roster::same_free_owner`).
    let is_owner = |o: &str| {
        o == owner
            || (partner.is_none() && plan.partner(o).is_none() && Roster::same_free_owner(o, owner))
    };
    let mut spellings = vec![owner.to_string()];
    if partner.is_none() {
        for a in src.ledger.actions() {
            for o in a
                .owners
                .iter()
                .chain(a.history.iter().flat_map(|e| e.owners.iter()))
            {
                if is_owner(o) && !spellings.contains(o) {
                    spellings.push(o.clone());
                }
            }
        }
    }
    let filter = Filter {
        owners: spellings,
        due_by: src.due_by,
        ..Filter::default()
    };
    let mut owes = outstanding(src.ledger, &filter, src.as_of);
    owes.sort_by_key(|r| !r.overdue);
    let latest = src.latest();
    let decided: Vec<Decided> = latest
        .map(|m| {
            src.ledger
                .actions()
                .iter()
                .flat_map(|a| {
                    a.history
                        .iter()
                        .filter(|e| {
                            e.meeting == m.meeting.id && e.owners.iter().any(|o| is_owner(o))
                        })
                        .map(move |e| Decided {
                            action: a.id.clone(),
                            title: a.title.clone(),
                            what: e.kind.clone(),
                            status: e.status,
                            due: e.due,
                        })
                })
                .collect()
        })
        .unwrap_or_default();
    let mut markings: Vec<String> = Vec::new();
    let mut mark = |m: Option<&Minutes>| {
        if let Some(c) = m.and_then(|m| m.meeting.classification.clone())
            && !markings.contains(&c)
        {
            markings.push(c);
        }
    };
    mark(latest);
    for r in &owes {
        mark(src.meeting(&r.source));
    }
    let (name, label, contact, to) = match partner {
        Some(p) => {
            let to = p
                .emails
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let display = match (&p.contact, i) {
                        (Some(c), 0) => c.clone(),
                        _ => p.name.clone(),
                    };
                    (display, e.clone())
                })
                .collect();
            (p.name.clone(), p.label().to_string(), p.contact.clone(), to)
        }
        None => (owner.to_string(), owner.to_string(), None, Vec::new()),
    };
    Digest {
        owner: owner.to_string(),
        in_roster: partner.is_some(),
        name,
        label,
        contact,
        to,
        markings,
        public: false,
        meeting: latest.map(|m| MeetingRef {
            id: m.meeting.id.clone(),
            body: m.meeting.body.clone(),
            title: m.meeting.title.clone(),
            date: m.meeting.date,
            symbol: m.meeting.symbol.clone().filter(|s| !s.trim().is_empty()),
        }),
        decided,
        owes,
        as_of: src.as_of,
        due_by: src.due_by,
    }
}

/// The owners `--all` writes to: every owner of an outstanding action (roster order, then
/// free text), then anyone else the latest meeting recorded something for.
pub fn all_owners(src: &Sources<'_>) -> Vec<String> {
    let mut owners: Vec<String> =
        crate::model::contacts::owners_of_outstanding(src.plan, src.ledger)
            .into_iter()
            .map(|o| o.owner)
            .collect();
    if let Some(m) = src.latest() {
        for a in src.ledger.actions() {
            for e in a.history.iter().filter(|e| e.meeting == m.meeting.id) {
                for o in &e.owners {
                    let free = |x: &str| src.plan.partner(x).is_none();
                    if !owners
                        .iter()
                        .any(|x| x == o || (free(x) && free(o) && Roster::same_free_owner(x, o)))
                    {
                        owners.push(o.clone());
                    }
                }
            }
        }
    }
    owners
}

/// A file name for an owner's digest: lower-case letters and digits of the owner, words
/// joined by `-` (`the Chair` -> `the-chair`); never empty, never hidden, never a path.
pub fn file_stem(owner: &str) -> String {
    let mut out = String::new();
    for c in owner.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "owner".to_string()
    } else {
        out
    }
}

/// File stems for several owners, made unique (`the-chair`, `the-chair-2`).
pub fn file_stems(owners: &[String]) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    for o in owners {
        let base = file_stem(o);
        let mut stem = base.clone();
        let mut n = 2;
        while taken.contains(&stem) {
            stem = format!("{base}-{n}");
            n += 1;
        }
        taken.push(stem);
    }
    taken
}

/// Text ending as a sentence: a full stop added unless it already ends with one.
fn sentence(s: &str) -> String {
    let t = s.trim_end();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The subject: marking, body, meeting and date, and what the owner owes.
pub fn subject(d: &Digest, plan: &Plan) -> String {
    let mut s = String::new();
    if let Some(m) = d.marking() {
        s.push_str(&format!("[{m}] "));
    }
    match &d.meeting {
        Some(m) => {
            let body = if m.body.is_empty() {
                &plan.short
            } else {
                &m.body
            };
            let symbol = m
                .symbol
                .as_deref()
                .map(|s| format!("{s}, "))
                .unwrap_or_default();
            s.push_str(&format!(
                "{}: {} ({symbol}{}): ",
                body,
                m.title,
                long_date(m.date)
            ));
        }
        None => s.push_str(&format!("{}: ", plan.short)),
    }
    let overdue = d.overdue();
    let listed = match d.due_by {
        Some(by) => format!("{} due by {}", d.owes.len(), long_date(by)),
        None => format!("{} outstanding", d.owes.len()),
    };
    s.push_str(&format!("actions for {}, {listed}", d.label));
    if overdue > 0 {
        s.push_str(&format!(", {overdue} overdue"));
    }
    inert_line(&s).into_owned()
}

/// `area 2. Water quality`; `None` for an action under no area (a decision of "any other
/// business"), which is said by saying nothing rather than "area no area".
fn area_label(plan: &Plan, area: Option<&str>) -> Option<String> {
    let area = area?;
    Some(match plan.area(area) {
        Some(a) => format!("area {}. {}", a.number, a.title),
        None => format!("area {area}"),
    })
}

fn source_label(src_minutes: &[Minutes], source: &str, dates: DateStyle) -> String {
    if source == "plan" {
        return "the plan".to_string();
    }
    match src_minutes.iter().find(|m| m.meeting.id == source) {
        Some(m) => format!("{} ({})", m.meeting.id, dates.format(m.meeting.date)),
        None => source.to_string(),
    }
}

/// One line per fact about an outstanding action, as plain text.
fn row_facts(plan: &Plan, minutes: &[Minutes], r: &Row, dates: DateStyle) -> String {
    let mut facts = Vec::new();
    match (r.due, r.days_overdue) {
        (Some(due), Some(days)) => {
            facts.push(format!("due {}, {}", dates.format(due), days_overdue(days)))
        }
        (Some(due), None) => facts.push(format!("due {}", dates.format(due))),
        (None, _) => facts.push("no due date".to_string()),
    }
    facts.push(r.status.as_str().to_string());
    facts.extend(area_label(plan, r.area.as_deref()));
    facts.push(format!(
        "agreed in {}",
        source_label(minutes, &r.source, dates)
    ));
    facts.join("; ")
}

fn decided_facts(d: &Decided, dates: DateStyle) -> String {
    let mut facts = vec![d.status.as_str().to_string()];
    if let Some(due) = d.due {
        facts.push(format!("due {}", dates.format(due)));
    }
    facts.join("; ")
}

fn decided_what(d: &Decided) -> (&'static str, Option<&str>) {
    match &d.what {
        EventKind::Decided(_) => ("decided", None),
        EventKind::Updated(note) => ("updated", note.as_deref()),
        EventKind::Concerned(text) => ("discussed", Some(text.as_str())),
    }
}

/// The plain-text body of a digest (also the body of the mail message), `\n` line ends.
pub fn text(d: &Digest, src: &Sources<'_>) -> String {
    let plan = src.plan;
    let mut out = String::new();
    let line = |out: &mut String, s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    if let Some(m) = d.marking() {
        line(&mut out, &inert_line(&m));
        line(&mut out, "");
    }
    if let Some(p) = d.public_line() {
        line(&mut out, p);
        line(&mut out, "");
    }
    match &d.meeting {
        Some(m) => {
            let body = if m.body.is_empty() {
                &plan.short
            } else {
                &m.body
            };
            line(
                &mut out,
                &inert_line(&format!("{body}: {} ({})", m.title, m.cited())),
            );
            line(&mut out, &long_date(m.date));
        }
        None => line(&mut out, &inert_line(&plan.title)),
    }
    line(&mut out, "");
    let greeting = d.contact.as_deref().unwrap_or("colleagues");
    line(&mut out, &inert_line(&format!("Dear {greeting},")));
    line(&mut out, "");
    let whom = if d.name == d.label {
        d.name.clone()
    } else {
        format!("{} ({})", d.name, d.label)
    };
    let intro = match &d.meeting {
        Some(m) => format!(
            "This digest lists what the meeting of {} recorded for {whom}, and every {} \
             action still owned, as of {}.",
            long_date(m.date),
            plan.short,
            long_date(d.as_of)
        ),
        None => format!(
            "This digest lists every {} action that {whom} still owns, as of {}.",
            plan.short,
            long_date(d.as_of)
        ),
    };
    line(&mut out, &inert_line(&intro));
    if d.meeting.is_some() {
        line(&mut out, "");
        let head = "Recorded at this meeting";
        line(&mut out, head);
        line(&mut out, &"-".repeat(head.len()));
        if d.decided.is_empty() {
            line(&mut out, "Nothing was recorded for you at this meeting.");
        }
        for x in &d.decided {
            let (verb, extra) = decided_what(x);
            line(
                &mut out,
                &format!(
                    "- {} ({verb}): {}",
                    inert_line(&x.action),
                    inert_line(&x.title)
                ),
            );
            line(&mut out, &format!("  {}", decided_facts(x, src.dates)));
            if let Some(e) = extra.filter(|e| !e.trim().is_empty()) {
                for l in inert(e).lines() {
                    line(&mut out, &format!("  > {l}"));
                }
            }
        }
    }
    line(&mut out, "");
    let head = d.owes_heading();
    line(&mut out, &head);
    line(&mut out, &"-".repeat(head.chars().count()));
    if d.owes.is_empty() {
        line(&mut out, &d.nothing_owed());
    }
    for (i, r) in d.owes.iter().enumerate() {
        line(
            &mut out,
            &format!(
                "{}. {}{}: {}",
                i + 1,
                if r.overdue { "OVERDUE " } else { "" },
                inert_line(&r.id),
                inert_line(&r.title)
            ),
        );
        line(
            &mut out,
            &format!(
                "   {}",
                inert_line(&row_facts(plan, src.minutes, r, src.dates))
            ),
        );
    }
    line(&mut out, "");
    line(&mut out, &d.closing());
    if let Some(m) = d.marking() {
        line(&mut out, "");
        line(&mut out, &inert_line(&m));
    }
    out
}

/// The digest as Markdown, for a file or a mail client that takes Markdown.
pub fn markdown(d: &Digest, src: &Sources<'_>) -> String {
    use crate::minutes::markdown::escape;
    let plan = src.plan;
    let e = |s: &str| escape(s, " ");
    let mut out = String::new();
    if let Some(m) = d.marking() {
        out.push_str(&format!("**{}**\n\n", e(&m)));
    }
    if let Some(p) = d.public_line() {
        out.push_str(&format!("*{}*\n\n", e(p)));
    }
    let whom = if d.name == d.label {
        e(&d.name)
    } else {
        format!("{} ({})", e(&d.name), e(&d.label))
    };
    out.push_str(&format!("# Actions for {whom}\n\n"));
    match &d.meeting {
        Some(m) => {
            let body = if m.body.is_empty() {
                &plan.short
            } else {
                &m.body
            };
            out.push_str(&format!(
                "{}: {} ({}), {}. As of {}.\n\n",
                e(body),
                e(&m.title),
                e(m.cited()),
                long_date(m.date),
                long_date(d.as_of)
            ));
        }
        None => out.push_str(&format!(
            "{}. As of {}.\n\n",
            e(&plan.title),
            long_date(d.as_of)
        )),
    }
    if !d.to.is_empty() {
        let to: Vec<String> =
            d.to.iter()
                .map(|(n, a)| format!("{} ({})", e(n), e(a)))
                .collect();
        out.push_str(&format!("To: {}\n\n", to.join(", ")));
    }
    if d.meeting.is_some() {
        out.push_str("## Recorded at this meeting\n\n");
        if d.decided.is_empty() {
            out.push_str("Nothing was recorded for you at this meeting.\n\n");
        }
        for x in &d.decided {
            let (verb, extra) = decided_what(x);
            out.push_str(&format!(
                "- **{}** ({verb}): {} Now {}.",
                e(&x.action),
                sentence(&e(&x.title)),
                decided_facts(x, src.dates)
            ));
            if let Some(t) = extra.filter(|t| !t.trim().is_empty()) {
                out.push_str(&format!(" *{}*", e(t)));
            }
            out.push('\n');
        }
        if !d.decided.is_empty() {
            out.push('\n');
        }
    }
    out.push_str(&format!("## {}\n\n", d.owes_heading()));
    if d.owes.is_empty() {
        out.push_str(&format!("{}\n", d.nothing_owed()));
    }
    for r in &d.owes {
        out.push_str(&format!(
            "- {}**{}**: {} {}.\n",
            if r.overdue { "**OVERDUE** " } else { "" },
            e(&r.id),
            sentence(&e(&r.title)),
            capitalised(&e(&row_facts(plan, src.minutes, r, src.dates)))
        ));
    }
    if let Some(m) = d.marking() {
        out.push_str(&format!("\n**{}**\n", e(&m)));
    }
    out
}

/// Whether `text` is a digest written earlier (by [`markdown`] or [`eml`]): a Markdown
/// file whose first heading is `# Actions for`, or a message whose header carries
/// `X-Rapporteur-Owner`. Re-running a digest into its folder replaces these without
/// `--force`; any other file of the same name is left alone unless forced.
pub fn is_earlier_digest(text: &str) -> bool {
    let mut lines = text.lines();
    if text.starts_with("# ")
        || text.starts_with("**")
        || text.starts_with("*Distribution: public.")
    {
        return lines
            .find(|l| l.starts_with("# "))
            .is_some_and(|l| l.starts_with("# Actions for "));
    }
    lines
        .take_while(|l| !l.trim_end_matches('\r').is_empty())
        .any(|l| l.starts_with("X-Rapporteur-Owner:"))
}

/// A Message-ID unique to this run and owner, in the sender's domain.
fn message_id(d: &Digest, domain: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |t| t.as_nanos());
    let owner: String = file_stem(&d.owner)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!(
        "rapporteur.{nanos:x}.{}.{owner}@{domain}",
        std::process::id()
    )
}

/// Who a message is from: a display name and an address.
#[derive(Debug, Clone, PartialEq)]
pub struct Sender {
    /// Display name (the configured rapporteur, or none).
    pub name: Option<String>,
    /// The address.
    pub address: String,
}

/// The digest as an RFC 5322 message with CRLF line ends: `To` from the roster (none for
/// an owner without an address), the subject, a plain-text UTF-8 body. Non-ASCII names
/// and subjects are encoded (RFC 2047) by the mail builder.
pub fn eml(d: &Digest, src: &Sources<'_>, from: Option<&Sender>) -> Vec<u8> {
    let body = text(d, src).replace('\n', "\r\n");
    let mut message = MessageBuilder::new();
    if let Some(f) = from {
        message = message.from(Address::new_address(
            f.name.as_deref().map(|n| inert_line(n).into_owned()),
            f.address.clone(),
        ));
    }
    if !d.to.is_empty() {
        let to: Vec<Address<'_>> =
            d.to.iter()
                .map(|(n, a)| Address::new_address(Some(inert_line(n).into_owned()), a.clone()))
                .collect();
        message = message.to(Address::new_list(to));
    }
    let domain = from
        .and_then(|f| f.address.rsplit_once('@'))
        .map_or("rapporteur.invalid", |(_, d)| d);
    message = message
        .message_id(message_id(d, domain))
        .subject(subject(d, src.plan))
        .header(
            "X-Rapporteur-Owner",
            mail_builder::headers::text::Text::new(inert_line(&d.owner).into_owned()),
        )
        .text_body(body);
    let mut out = Vec::new();
    message.serialize(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Area, Decision, ItemRecord, Meeting, Partner};

    fn plan(contact: &str) -> Plan {
        Plan::new(
            "p".into(),
            "Plan".into(),
            "PLAN".into(),
            None,
            vec![Partner {
                id: "agency".into(),
                name: "Agency".into(),
                short: None,
                kind: "agency".into(),
                aliases: vec![],
                emails: vec!["desk@agency.example.org".into()],
                contact: Some(contact.into()),
            }],
            vec![Area {
                id: "one".into(),
                number: 1,
                title: "One".into(),
                summary: String::new(),
                actions: vec![Action {
                    id: "A-1".into(),
                    need: String::new(),
                    title: "Plan action".into(),
                    partners: vec![],
                    owners: vec!["agency".into()],
                    due: NaiveDate::from_ymd_opt(2024, 1, 31),
                    status: Status::Open,
                }],
            }],
        )
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 2, d).unwrap()
    }

    #[test]
    fn text_from_files_cannot_add_headers_or_drive_a_terminal() {
        let plan = plan("Eve\r\nBcc: evil@example.org");
        let m = Minutes {
            meeting: Meeting {
                id: "m1".into(),
                title: "First\nSubject: injected".into(),
                body: "B".into(),
                date: day(1),
                ..Meeting::default()
            },
            items: vec![ItemRecord {
                id: "1".into(),
                decisions: vec![Decision {
                    id: "1-1".into(),
                    text: "Clear the \u{1b}[2J screen".into(),
                    owners: vec!["agency".into()],
                    ..Decision::default()
                }]
                .into(),
                ..ItemRecord::default()
            }],
            ..Minutes::default()
        };
        let minutes = [m];
        let ledger = Ledger::build(&plan, &minutes);
        let src = Sources {
            plan: &plan,
            ledger: &ledger,
            minutes: &minutes,
            as_of: day(10),
            due_by: None,
            dates: DateStyle::Iso,
        };
        let d = digest(&src, "agency");
        let raw = String::from_utf8(eml(&d, &src, None)).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        let names: Vec<&str> = head
            .split("\r\n")
            .filter(|l| !l.starts_with(' '))
            .filter_map(|l| l.split_once(':').map(|(n, _)| n))
            .collect();
        assert!(!names.contains(&"Bcc"), "{head}");
        assert_eq!(
            names.iter().filter(|n| **n == "Subject").count(),
            1,
            "{head}"
        );
        assert!(!raw.contains('\u{1b}'), "{raw}");
        let parsed = mail_parser::MessageParser::default()
            .parse(raw.as_bytes())
            .unwrap();
        assert!(parsed.bcc().is_none());
        assert!(body.contains("Clear the \\u{1b}[2J screen"), "{body}");
        let md = markdown(&d, &src);
        assert!(!md.contains('\u{1b}'), "{md}");
    }

    #[test]
    fn facts_follow_the_dates_setting_and_sentences_keep_the_long_form() {
        let plan = plan("Ana");
        let m = Minutes {
            meeting: Meeting {
                id: "m1".into(),
                title: "First".into(),
                body: "B".into(),
                date: day(1),
                ..Meeting::default()
            },
            items: vec![ItemRecord {
                id: "1".into(),
                decisions: vec![Decision {
                    id: "1-1".into(),
                    text: "Write the guide".into(),
                    owners: vec!["agency".into()],
                    due: Some(day(20)),
                    ..Decision::default()
                }]
                .into(),
                ..ItemRecord::default()
            }],
            ..Minutes::default()
        };
        let minutes = [m];
        let ledger = Ledger::build(&plan, &minutes);
        let written = |dates| {
            let src = Sources {
                plan: &plan,
                ledger: &ledger,
                minutes: &minutes,
                as_of: day(10),
                due_by: Some(day(29)),
                dates,
            };
            let d = digest(&src, "agency");
            (text(&d, &src), markdown(&d, &src), subject(&d, &plan))
        };
        let (t, md, subj) = written(DateStyle::Day);
        for facts in [
            "due 31 Jan 2024, 10 days overdue",
            "due 20 Feb 2024",
            "agreed in m1 (1 Feb 2024)",
        ] {
            assert!(t.contains(facts), "{facts} in\n{t}");
            // The Markdown starts each list of facts with a capital.
            assert!(
                md.to_lowercase().contains(&facts.to_lowercase()),
                "{facts} in\n{md}"
            );
        }
        for prose in [
            "1 February 2024",
            "as of 10 February 2024",
            "Due by 29 February 2024",
        ] {
            assert!(t.contains(prose), "{prose} in\n{t}");
        }
        assert!(md.contains("As of 10 February 2024."), "{md}");
        assert!(!t.contains("2024-") && !md.contains("2024-"), "{t}\n{md}");
        assert_eq!(
            subj,
            "B: First (1 February 2024): actions for Agency, 2 due by 29 February 2024, 1 overdue"
        );
        // The default style: ISO in the facts, the same long form in sentences.
        let (t, _, subj2) = written(DateStyle::Iso);
        assert!(t.contains("due 2024-01-31, 10 days overdue"), "{t}");
        assert!(t.contains("agreed in m1 (2024-02-01)"), "{t}");
        assert!(t.contains("as of 10 February 2024"), "{t}");
        assert_eq!(subj2, subj, "the subject is prose");
    }

    #[test]
    fn without_minutes_a_digest_lists_the_plan_and_says_so() {
        let plan = plan("Ana");
        let ledger = Ledger::build(&plan, []);
        let src = Sources {
            plan: &plan,
            ledger: &ledger,
            minutes: &[],
            as_of: day(10),
            due_by: None,
            dates: DateStyle::Iso,
        };
        let d = digest(&src, "agency");
        assert!(d.meeting.is_none() && d.decided.is_empty());
        assert_eq!(d.owes.len(), 1);
        assert_eq!(
            d.to,
            [("Ana".to_string(), "desk@agency.example.org".to_string())]
        );
        let t = text(&d, &src);
        assert!(
            t.contains("every PLAN action that Agency still owns, as of 10 February 2024"),
            "{t}"
        );
        assert!(t.contains("1. OVERDUE A-1: Plan action"), "{t}");
        assert!(!t.contains("Recorded at this meeting"), "{t}");
        assert_eq!(
            subject(&d, &plan),
            "PLAN: actions for Agency, 1 outstanding, 1 overdue"
        );
        assert!(!d.is_classified());
    }

    #[test]
    fn file_stems_are_plain_unique_names() {
        assert_eq!(file_stem("the Chair"), "the-chair");
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem(".hidden"), "hidden");
        assert_eq!(
            file_stem("Ministère de l'Intérieur"),
            "ministère-de-l-intérieur"
        );
        assert_eq!(file_stem("///"), "owner");
        assert_eq!(file_stem(&"x".repeat(200)).len(), 60);
        let owners = ["The Chair", "the chair", "the-chair"].map(String::from);
        assert_eq!(
            file_stems(&owners),
            ["the-chair", "the-chair-2", "the-chair-3"]
        );
    }
}

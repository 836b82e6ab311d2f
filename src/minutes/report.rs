//! The formal report of a meeting as a list of blocks, derived from the record alone.
//!
//! The Markdown and the Word renderings draw the same [`Report`], so the two cannot say
//! different things. The order is the one intergovernmental reports use: symbol, marking
//! and distribution; title; opening and quorum; the agenda as adopted; one section per
//! item with continuously numbered paragraphs; closing; adoption line; signatures; annex I
//! (participants), annex II (decisions), annex III (action matrix); the marking again.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveTime};

use super::Audience;
use crate::model::attendance::{self, OBSERVER_KIND};
use crate::model::ledger::{EventKind, Ledger, in_meeting_order};
use crate::model::{
    Decision, ItemRecord, Minutes, MinutesState, Outcome, Plan, Presence, Quorum, Statement, Taken,
    Update,
};

/// A run of text with its emphasis. Text is plain: renderers escape it.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    /// Plain text (may hold newlines: line breaks within the paragraph).
    Text(String),
    /// Bold.
    Strong(String),
    /// Italic.
    Emph(String),
}

/// One table cell: its lines.
pub type Cell = Vec<String>;

/// A block of the report.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The classification marking, prominent.
    Marking(String),
    /// Lines kept as they are (document symbol and distribution, signature block).
    Lines(Vec<Vec<Span>>),
    /// The report's title.
    Title(String),
    /// A section heading (level 2 or 3).
    Heading(u8, String),
    /// An unnumbered paragraph.
    Para(Vec<Span>),
    /// A numbered paragraph; numbers run through the whole report.
    Numbered(u32, Vec<Span>),
    /// A bulleted list.
    Bullets(Vec<Vec<Span>>),
    /// A table with one header row.
    Table {
        /// Column titles.
        header: Vec<String>,
        /// Rows, each with as many cells as the header.
        rows: Vec<Vec<Cell>>,
    },
}

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The meeting's title.
    pub title: String,
    /// `Report (draft)` or `Report (approved)`.
    pub subtitle: String,
    /// The meeting's date as tools read it (ISO 8601), for the front matter.
    pub date: String,
    /// The classification marking, when the meeting has one; in a public edition, the
    /// public distribution line.
    pub marking: Option<String>,
    /// A public edition (no classification; confidential records left out).
    pub public: bool,
    /// The document symbol.
    pub symbol: Option<String>,
    /// The blocks in order.
    pub blocks: Vec<Block>,
}

/// What a report may draw on besides the minutes themselves.
#[derive(Default)]
pub struct Context<'a> {
    /// The plan, for names, area titles and action titles.
    pub plan: Option<&'a Plan>,
    /// Minutes of other meetings: earlier ones give actions their state before this
    /// meeting; the approving meeting gives its date.
    pub others: &'a [Minutes],
    /// How dates are written in the annexes' tables (the `dates` setting); prose always
    /// uses the report's long form.
    pub dates: crate::model::dates::DateStyle,
}

/// The one long form of dates in the report's prose and tables: `21 November 2016`.
pub use crate::model::dates::long_date;

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// The marking a rendering carries at top and bottom (and in a Word file's header and
/// footer): the classification of the committee's edition, or the public distribution
/// line of a public edition (the marking would be false on a cleaned copy).
pub fn marking(m: &Minutes, audience: Audience, left_out: usize) -> Option<String> {
    match audience {
        Audience::Public => Some(super::public_line(&m.meeting, left_out)),
        Audience::All => m
            .meeting
            .classification
            .clone()
            .filter(|c| !c.trim().is_empty()),
    }
}

/// The number of a decision in the meeting's series: `CONSLE-17/3`.
pub fn decision_number(meeting_id: &str, n: usize) -> String {
    format!("{}/{n}", meeting_id.to_uppercase())
}

fn language_name(code: &str) -> String {
    match code.to_lowercase().as_str() {
        "en" => "English".into(),
        "fr" => "French".into(),
        "es" => "Spanish".into(),
        "nl" => "Dutch".into(),
        "pt" => "Portuguese".into(),
        _ => code.to_string(),
    }
}

/// Names of delegations and owners: states by name; agencies by full name with the short
/// name at first mention, then by short name.
struct Names<'a> {
    plan: Option<&'a Plan>,
    mentioned: HashSet<String>,
}

impl<'a> Names<'a> {
    fn new(plan: Option<&'a Plan>) -> Self {
        Names {
            plan,
            mentioned: HashSet::new(),
        }
    }

    fn full(&self, id: &str) -> String {
        self.plan
            .and_then(|p| p.partner(id))
            .map_or_else(|| id.to_string(), |p| p.name.clone())
    }

    fn name(&mut self, id: &str) -> String {
        let Some(p) = self.plan.and_then(|p| p.partner(id)) else {
            return id.to_string();
        };
        let short = p.short.as_deref().filter(|s| *s != p.name);
        match short {
            Some(s) if !p.is_state() => {
                if self.mentioned.insert(p.id.clone()) {
                    format!("{} ({s})", p.name)
                } else {
                    s.to_string()
                }
            }
            _ => p.name.clone(),
        }
    }

    /// [`Names::list`] after a preposition: a full name that is not a state's takes "the"
    /// (`from the Ministry of Health (MoH) and France`).
    fn list_in_prose(&mut self, ids: &[String]) -> String {
        let names: Vec<String> = ids
            .iter()
            .map(|i| {
                let n = self.name(i);
                match self.plan.and_then(|p| p.partner(i)) {
                    Some(p) if !p.is_state() && n.starts_with(p.name.as_str()) => {
                        crate::text::with_the(&n)
                    }
                    _ => n,
                }
            })
            .collect();
        join_and(&names)
    }

    fn list(&mut self, ids: &[String]) -> String {
        let names: Vec<String> = ids.iter().map(|i| self.name(i)).collect();
        join_and(&names)
    }
}

fn join_and(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn group_title(kind: &str) -> String {
    match kind {
        "member-state" => "Member states".into(),
        "associate-member" => "Associate members".into(),
        "regional-agency" => "Regional institutions".into(),
        "international-organisation" | "international-organization" => {
            "International organisations".into()
        }
        "secretariat" => "Secretariat".into(),
        OBSERVER_KIND => "Observers".into(),
        "" => "Other participants".into(),
        other => {
            let mut words = other.replace(['-', '_'], " ");
            match words.strip_suffix('y') {
                Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => {
                    words = format!("{stem}ies");
                }
                _ if words.ends_with('s') => {}
                _ => words.push('s'),
            }
            let mut c = words.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        }
    }
}

fn group_rank(kind: &str) -> usize {
    match kind {
        "member-state" => 0,
        "associate-member" => 1,
        "regional-agency" => 2,
        "international-organisation" | "international-organization" => 3,
        "secretariat" => 5,
        OBSERVER_KIND => 6,
        "" => 7,
        _ => 4,
    }
}

struct Builder<'a> {
    blocks: Vec<Block>,
    paragraph: u32,
    names: Names<'a>,
    /// Where the paragraphs being written belong (`item:3`, `decision:3-1`), and how many
    /// were written there: a paragraph's place in the record, the same in every edition.
    scope: String,
    seq: u32,
    /// A public edition: the full edition's number of each place, which it keeps.
    full: Option<&'a HashMap<String, u32>>,
    /// Each place's number, as written.
    places: HashMap<String, u32>,
    /// A number was skipped (a confidential paragraph left out).
    gaps: bool,
    /// How items added during the meeting are numbered ([`shown_ids`]).
    shown: HashMap<String, String>,
}

impl Builder<'_> {
    fn numbered(&mut self, spans: Vec<Span>) {
        self.seq += 1;
        let place = format!("{}#{}", self.scope, self.seq);
        let next = self.paragraph + 1;
        let n = self
            .full
            .and_then(|f| f.get(&place).copied())
            .filter(|n| *n >= next)
            .unwrap_or(next);
        self.gaps |= n != next;
        self.paragraph = n;
        self.places.insert(place, n);
        self.blocks.push(Block::Numbered(n, spans));
    }

    fn scope(&mut self, scope: String) {
        self.scope = scope;
        self.seq = 0;
    }

    fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.blocks.push(Block::Heading(level, text.into()));
    }
}

fn text(s: impl Into<String>) -> Span {
    Span::Text(s.into())
}

fn quorum_sentence(m: &Minutes, plan: Option<&Plan>, q: Quorum) -> String {
    let empty = Plan::default();
    let kinds = attendance::quorum_kinds(&m.meeting, plan.unwrap_or(&empty));
    let (one, many) = match kinds.as_deref() {
        None => ("delegation", "delegations"),
        Some(["member-state"]) => ("member state", "member states"),
        Some(_) => (
            "delegation entitled to vote",
            "delegations entitled to vote",
        ),
    };
    let present = plural(q.counted, one, many);
    let verb = if q.counted == 1 { "was" } else { "were" };
    let mut s = match q.needed {
        Some(n) if q.met => {
            format!("{present} {verb} present. The quorum being {n}, the meeting was quorate.")
        }
        Some(n) => {
            format!("{present} {verb} present. The quorum being {n}, the meeting was not quorate.")
        }
        None => format!("{present} {verb} present."),
    };
    // Each decision keeps whether the quorum was met when it was recorded: the attendance
    // at the end may say otherwise (a delegation arrived, or left).
    let flagged = m.decisions().filter(|(_, d)| d.without_quorum).count();
    if flagged > 0 {
        s.push_str(&format!(
            " {} recorded while the quorum was not met {} marked so below.",
            plural(flagged, "decision", "decisions"),
            if flagged == 1 { "is" } else { "are" }
        ));
    }
    s
}

fn opening(b: &mut Builder<'_>, m: &Minutes, plan: Option<&Plan>, q: Quorum) {
    let mt = &m.meeting;
    let opened = m.items.iter().filter_map(|i| i.taken_up).min().or(mt.start);
    let mut s = String::from("The meeting was opened");
    if let Some(t) = opened {
        s.push_str(&format!(" at {}", hm(t)));
    }
    s.push_str(&format!(" on {}", long_date(mt.date)));
    if !mt.chair.trim().is_empty() {
        s.push_str(&format!(" by the Chair, {}", mt.chair.trim()));
    }
    if !mt.venue.trim().is_empty() {
        s.push_str(&format!(", in {}", mt.venue.trim()));
    }
    s.push('.');
    b.numbered(vec![text(s)]);
    if m.attendance.is_empty() {
        b.numbered(vec![text("Attendance was not recorded.")]);
    } else {
        let mut s = quorum_sentence(m, plan, q);
        let apologies: Vec<String> = m
            .attendance
            .iter()
            .filter(|a| a.status == Presence::Apologies)
            .map(|a| a.represents.clone())
            .collect();
        if !apologies.is_empty() {
            s.push_str(&format!(
                " Apologies were received from {}.",
                b.names.list_in_prose(&apologies)
            ));
        }
        s.push_str(" The list of participants is in annex I.");
        b.numbered(vec![text(s)]);
    }
    b.numbered(vec![text("The meeting adopted the following agenda:")]);
    let shown = &b.shown;
    let line = |i: &ItemRecord| {
        let id = shown.get(&i.id).map_or(i.id.as_str(), String::as_str);
        vec![text(format!("{id} {}", i.title).trim().to_string())]
    };
    let agenda = m
        .items
        .iter()
        .filter(|i| !i.added_during_meeting())
        .map(line)
        .collect();
    b.blocks.push(Block::Bullets(agenda));
    let added: Vec<Vec<Span>> = m
        .items
        .iter()
        .filter(|i| i.added_during_meeting())
        .map(line)
        .collect();
    if !added.is_empty() {
        b.blocks.push(Block::Para(vec![text(if added.len() == 1 {
            "The following item was added during the meeting:"
        } else {
            "The following items were added during the meeting:"
        })]));
        b.blocks.push(Block::Bullets(added));
    }
}

/// How items are shown in the report: an agenda item by its id; an item added during the
/// meeting (its id is generated) by a number continuing the agenda's (`8` after item 7),
/// or by its title alone when the agenda's ids are not numbers.
fn shown_ids(m: &Minutes) -> HashMap<String, String> {
    let last = m
        .items
        .iter()
        .filter(|i| !i.added_during_meeting())
        .filter_map(|i| i.id.split('.').next()?.trim().parse::<u32>().ok())
        .max();
    let mut shown = HashMap::new();
    let mut next = last;
    for i in m.items.iter().filter(|i| i.added_during_meeting()) {
        next = next.map(|n| n + 1);
        shown.insert(
            i.id.clone(),
            next.map(|n| n.to_string()).unwrap_or_default(),
        );
    }
    shown
}

fn taken_sentence(b: &mut Builder<'_>, d: &Decision) -> String {
    match &d.taken {
        Taken::Consensus => "Taken by consensus.".into(),
        Taken::Vote(v) => {
            let (yes, no, abstain) = v.tally();
            let abstentions = match abstain {
                0 => "no abstentions".to_string(),
                n => plural(n, "abstention", "abstentions"),
            };
            let result = if v.adopted() {
                "adopted"
            } else {
                "not adopted"
            };
            let mut s = format!(
                "Put to a recorded vote and {result} by {} to {no}, with {abstentions}.",
                plural(yes, "vote", "votes"),
            );
            let mut sides = Vec::new();
            for (label, list) in [
                ("In favour", &v.yes),
                ("against", &v.no),
                ("abstaining", &v.abstain),
            ] {
                if !list.is_empty() {
                    sides.push(format!("{label}: {}", b.names.list(list)));
                }
            }
            if !sides.is_empty() {
                s.push_str(&format!(" {}.", sides.join("; ")));
            }
            s
        }
        Taken::AdReferendum {
            silence_until,
            outcome,
            outcome_at,
        } => {
            let mut s = String::from("Taken ad referendum");
            if let Some(d) = silence_until {
                s.push_str(&format!(
                    ": it stands unless a delegation breaks the silence by {}",
                    long_date(*d)
                ));
            }
            s.push('.');
            let at = outcome_at
                .as_deref()
                .map(|a| format!(" (recorded at meeting {a})"))
                .unwrap_or_default();
            match outcome {
                Some(Outcome::Confirmed) => s.push_str(&format!(
                    " The silence was not broken: the decision stands{at}."
                )),
                Some(Outcome::Objected) => s.push_str(&format!(
                    " The silence was broken: the decision does not stand{at}."
                )),
                None => {}
            }
            s
        }
    }
}

/// How a decision was taken, for annex II: its dates in the dates setting, as the table's
/// other dates (the prose keeps the long form).
fn taken_short(d: &Decision, dates: crate::model::dates::DateStyle) -> String {
    let mut s = taken_words(d, dates);
    if d.without_quorum {
        s.push_str(", without a quorum");
    }
    s
}

fn taken_words(d: &Decision, dates: crate::model::dates::DateStyle) -> String {
    match &d.taken {
        Taken::Consensus => "consensus".into(),
        Taken::Vote(v) => {
            let (y, n, a) = v.tally();
            format!(
                "vote {y}-{n}-{a}, {}",
                if v.adopted() {
                    "adopted"
                } else {
                    "not adopted"
                }
            )
        }
        Taken::AdReferendum {
            silence_until,
            outcome,
            ..
        } => {
            let mut s = "ad referendum".to_string();
            if let Some(d) = silence_until {
                s.push_str(&format!(", silence until {}", dates.format(*d)));
            }
            match outcome {
                Some(Outcome::Confirmed) => s.push_str(", confirmed"),
                Some(Outcome::Objected) => s.push_str(", objected"),
                None => {}
            }
            s
        }
    }
}

fn statement(b: &mut Builder<'_>, s: &Statement, on: Option<&str>) {
    let who = b.names.name(&s.by);
    let mut lead = format!("{who} {}", s.kind.phrase());
    if let Some(n) = on {
        lead.push_str(&format!(" on decision {n}"));
    }
    lead.push_str(", for the record: ");
    b.numbered(vec![text(lead), text(format!("“{}”", s.text.trim()))]);
}

/// Before-and-after state of actions, as the ledger applies this meeting's updates.
struct Changes<'a> {
    ledger: Ledger,
    plan: Option<&'a Plan>,
    seen: HashMap<String, usize>,
    meeting: String,
}

type Fields = (Vec<String>, Option<NaiveDate>, crate::model::Status);

impl Changes<'_> {
    /// The action's title, and its state before and after this update.
    fn of(&mut self, u: &Update) -> Option<(String, Option<Fields>, Fields)> {
        let a = self.ledger.get(&u.action)?;
        let n = self.seen.entry(u.action.clone()).or_insert(0);
        let positions: Vec<usize> = a
            .history
            .iter()
            .enumerate()
            .filter(|(_, e)| e.meeting == self.meeting && matches!(e.kind, EventKind::Updated(_)))
            .map(|(i, _)| i)
            .collect();
        let at = *positions.get(*n)?;
        *n += 1;
        let after = &a.history[at];
        let before = if at > 0 {
            let e = &a.history[at - 1];
            Some((e.owners.clone(), e.due, e.status))
        } else {
            self.plan
                .and_then(|p| p.action(&u.action))
                .map(|(_, x)| (x.owners.clone(), x.due, x.status))
        };
        Some((
            a.title.clone(),
            before,
            (after.owners.clone(), after.due, after.status),
        ))
    }
}

/// Text that ends as a sentence, so that what the report adds after it reads apart.
fn sentence(s: &str) -> String {
    let t = s.trim();
    if t.is_empty() || t.ends_with(['.', '!', '?', ':', ';', '”', '"', ')', '…']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// When an item was taken up and, once left, how long it took: `taken up at 09:12, left
/// at 09:37 (25 minutes)`. An item taken up again keeps its first take-up time, so the
/// span runs from the first take-up to the last leaving.
fn taken_up_text(taken_up: NaiveTime, left: Option<NaiveTime>) -> String {
    let mut s = format!("taken up at {}", hm(taken_up));
    if let Some(l) = left.filter(|l| *l >= taken_up) {
        let minutes = (l - taken_up).num_minutes();
        let took = if minutes < 1 {
            "under a minute".to_string()
        } else {
            plural(usize::try_from(minutes).unwrap_or(0), "minute", "minutes")
        };
        s.push_str(&format!(", left at {} ({took})", hm(l)));
    }
    s
}

fn due_text(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "none".to_string(), long_date)
}

fn update_para(b: &mut Builder<'_>, changes: &mut Changes<'_>, u: &Update) {
    let found = changes.of(u);
    let mut lead = format!("Action {}", u.action);
    if let Some((title, ..)) = &found {
        lead.push_str(&format!(", “{}”", title.trim()));
    }
    lead.push_str(": ");
    let before = found.as_ref().and_then(|(_, b, _)| b.clone());
    let mut parts = Vec::new();
    if let Some(s) = u.status {
        parts.push(match &before {
            Some((_, _, old)) => format!("status {old} → {s}"),
            None => format!("status {s}"),
        });
    }
    if let Some(list) = &u.owners {
        let new = b.names.list(list);
        parts.push(match &before {
            Some((old, ..)) => {
                let old = if old.is_empty() {
                    "none".to_string()
                } else {
                    b.names.list(old)
                };
                format!("responsible {old} → {new}")
            }
            None => format!("responsible {new}"),
        });
    }
    if let Some(d) = u.due {
        parts.push(match &before {
            Some((_, old, _)) => format!("due {} → {}", due_text(*old), long_date(d)),
            None => format!("due {}", long_date(d)),
        });
    }
    let mut s = if parts.is_empty() {
        "noted".to_string()
    } else {
        parts.join("; ")
    };
    s.push('.');
    let mut spans = vec![Span::Strong(lead), text(s)];
    if let Some(n) = u.note.as_deref().filter(|n| !n.trim().is_empty()) {
        spans.push(text(format!(" {}", n.trim())));
    }
    b.numbered(spans);
}

fn decision_para(b: &mut Builder<'_>, d: &Decision, number: &str) {
    let mut spans = vec![
        Span::Strong(format!("Decision {number}.")),
        text(format!(" {}", sentence(&d.text))),
    ];
    let mut tail = String::new();
    if !d.owners.is_empty() {
        tail.push_str(&format!(" Responsible: {}.", b.names.list(&d.owners)));
    }
    if let Some(due) = d.due {
        tail.push_str(&format!(" Due by {}.", long_date(due)));
    }
    if let Some(s) = d.effective_status().filter(|_| d.is_action()) {
        tail.push_str(&format!(" Status: {s}."));
    }
    tail.push(' ');
    tail.push_str(&taken_sentence(b, d));
    if d.without_quorum {
        tail.push_str(" Taken without a quorum.");
    }
    spans.push(text(tail));
    spans.push(Span::Emph(format!(" ({})", d.id)));
    b.numbered(spans);
}

/// Builds the report of a meeting for an audience.
pub fn build(m: &Minutes, ctx: &Context<'_>, audience: Audience) -> Report {
    build_after(m, ctx, audience, None)
}

/// [`build`] for a caller that keeps every action as it stood before this meeting (the
/// plan and the earlier meetings, `before`, as [`Ledger::build_named`] keeps it): the
/// actions' states then come from applying only this meeting to the actions it names,
/// not from building the whole plan's state again, so a write after a change costs what
/// the meeting holds, not what the plan holds. The report is the same.
///
/// A public edition keeps the full edition's paragraph numbers, so that "paragraph 14"
/// is the same text in both: numbers are missing where confidential paragraphs were left
/// out, and the edition says so once.
pub fn build_after(
    m: &Minutes,
    ctx: &Context<'_>,
    audience: Audience,
    before: Option<&Ledger>,
) -> Report {
    match audience {
        Audience::All => build_numbered(m, ctx, audience, before, None).0,
        _ => {
            let (_, full) = build_numbered(m, ctx, Audience::All, before, None);
            build_numbered(m, ctx, audience, before, Some(&full)).0
        }
    }
}

/// [`build_after`], numbering paragraphs as `full` did when given; returns each
/// paragraph's place and number.
fn build_numbered(
    m: &Minutes,
    ctx: &Context<'_>,
    audience: Audience,
    before: Option<&Ledger>,
    full: Option<&HashMap<String, u32>>,
) -> (Report, HashMap<String, u32>) {
    // Decisions are numbered over the whole record, so that a public edition cites
    // them by the same numbers.
    let series: HashMap<&str, usize> = m
        .decisions()
        .enumerate()
        .map(|(n, (_, d))| (d.id.as_str(), n + 1))
        .collect();
    // The time typed as `closed`, else the time the screen's clock left the last item;
    // taken before a public edition leaves out confidential items (the meeting closed
    // when it closed, whatever was discussed last).
    let closing = m.closed.or_else(|| m.last_left());
    // Numbered on the whole record, so that both editions show the same numbers.
    let shown = shown_ids(m);
    // The whole record needs no copy (a write after each change renders it).
    let (m, left_out) = match audience {
        Audience::All => (std::borrow::Cow::Borrowed(m), 0),
        _ => {
            let (cut, n) = super::for_audience(m, audience);
            (std::borrow::Cow::Owned(cut), n)
        }
    };
    let plan = ctx.plan;
    let empty = Plan::default();
    let mt = &m.meeting;
    let q = attendance::quorum(mt, plan.unwrap_or(&empty), &m.attendance);
    let mark = marking(&m, audience, left_out);
    let public = audience == Audience::Public;
    let mut b = Builder {
        blocks: Vec::new(),
        paragraph: 0,
        names: Names::new(plan),
        scope: "opening".into(),
        seq: 0,
        full,
        places: HashMap::new(),
        gaps: false,
        shown,
    };

    if let Some(c) = &mark {
        b.blocks.push(Block::Marking(c.clone()));
    }
    let mut info = Vec::new();
    if let Some(s) = &mt.symbol {
        info.push(vec![text(format!("Symbol: {s}"))]);
    }
    // A public edition's distribution is its marking, said once at the top.
    if !public && let Some(d) = &mt.distribution {
        info.push(vec![text(format!("Distribution: {d}"))]);
    }
    info.push(vec![text(format!(
        "Original: {}",
        language_name(mt.language.as_deref().unwrap_or("en"))
    ))]);
    b.blocks.push(Block::Lines(info));
    b.blocks
        .push(Block::Title(format!("Report of the {}", mt.title.trim())));
    let mut place = vec![mt.body.trim(), mt.venue.trim()];
    place.retain(|s| !s.is_empty());
    let date = long_date(mt.date);
    let iso = crate::model::dates::DateStyle::Iso.format(mt.date);
    let mut line = place.join(", ");
    if !line.is_empty() {
        line.push_str(", ");
    }
    line.push_str(&date);
    b.blocks.push(Block::Para(vec![Span::Emph(line)]));
    // Completed once the paragraphs are numbered (whether numbers were skipped).
    let left_out_at = (left_out > 0).then(|| {
        b.blocks.push(Block::Para(Vec::new()));
        b.blocks.len() - 1
    });

    b.heading(2, "Opening, attendance and agenda");
    opening(&mut b, &m, plan, q);

    // Actions' state before this meeting: the plan and the meetings held earlier.
    let ledger = match before {
        Some(before) => {
            let mut touched = before.touched_by(plan.unwrap_or(&empty), &m);
            touched.apply(plan.unwrap_or(&empty), &m);
            touched
        }
        None => {
            let key = |x: &Minutes| (x.meeting.date, x.meeting.start, x.meeting.id.clone());
            let earlier: Vec<&Minutes> = in_meeting_order(
                ctx.others
                    .iter()
                    .filter(|o| o.meeting.id != mt.id && key(o) < key(&m)),
            );
            Ledger::build(
                plan.unwrap_or(&empty),
                earlier.into_iter().chain(std::iter::once(&*m)),
            )
        }
    };
    let mut changes = Changes {
        ledger,
        plan,
        seen: HashMap::new(),
        meeting: mt.id.clone(),
    };

    let mut numbers: Vec<(String, String)> = Vec::new();
    for item in &m.items {
        b.scope(format!("item:{}", item.id));
        let id = b
            .shown
            .get(&item.id)
            .map_or(item.id.as_str(), String::as_str);
        let heading = format!("{id} {}", item.title.trim()).trim().to_string();
        b.heading(2, heading);
        let mut meta = Vec::new();
        if let Some(area) = item.area.as_deref() {
            meta.push(match plan.and_then(|p| p.area(area)) {
                Some(a) => format!("Priority area {}: {}", a.number, a.title.trim()),
                None => format!("Priority area {area}"),
            });
        }
        if let Some(t) = item.taken_up {
            meta.push(taken_up_text(t, item.left));
        }
        if !meta.is_empty() {
            b.blocks
                .push(Block::Para(vec![Span::Emph(meta.join("; "))]));
        }
        if !item.has_records() {
            b.numbered(vec![text("Nothing was recorded under this item.")]);
            continue;
        }
        if let Some(notes) = item.notes.as_deref() {
            for para in notes.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
                b.numbered(vec![text(para)]);
            }
        }
        for d in &item.decisions {
            let number = decision_number(&mt.id, series.get(d.id.as_str()).copied().unwrap_or(0));
            b.scope(format!("decision:{}", d.id));
            decision_para(&mut b, d, &number);
            for s in &d.statements {
                statement(&mut b, s, Some(&number));
            }
            numbers.push((d.id.clone(), number));
        }
        b.scope(format!("item-after:{}", item.id));
        for s in &item.statements {
            statement(&mut b, s, None);
        }
        for u in &item.updates {
            update_para(&mut b, &mut changes, u);
        }
    }

    b.scope("closing".into());
    b.heading(2, "Closing of the meeting");
    b.numbered(vec![text(match closing {
        Some(t) => format!("The Chair closed the meeting at {}.", hm(t)),
        None => "The Chair closed the meeting.".to_string(),
    })]);

    b.heading(2, "Adoption of the report");
    let adoption = match (m.state, &m.approved_at) {
        (MinutesState::Approved, Some(at)) => {
            match ctx.others.iter().find(|o| &o.meeting.id == at) {
                Some(o) => format!(
                    "This report was adopted at the {} ({at}) on {}.",
                    o.meeting.title.trim(),
                    long_date(o.meeting.date)
                ),
                None => format!("This report was adopted at meeting {at}."),
            }
        }
        (MinutesState::Approved, None) => "This report was adopted.".to_string(),
        (MinutesState::Draft, _) => {
            let body = if mt.body.trim().is_empty() {
                "the body".to_string()
            } else {
                crate::text::with_the(mt.body.trim())
            };
            format!(
                "This report is a draft, to be submitted for adoption at the next meeting of {body}."
            )
        }
    };
    b.numbered(vec![text(adoption)]);
    amendments(&mut b, &m, audience);
    let sign = |role: &str, name: &str| {
        vec![
            vec![Span::Strong(role.to_string())],
            vec![text(if name.trim().is_empty() {
                "______________________________".to_string()
            } else {
                name.trim().to_string()
            })],
            vec![text(
                "Signature: ______________________  Date: ______________",
            )],
        ]
    };
    let mut lines = sign("Chair", &mt.chair);
    lines.push(vec![text("")]);
    lines.extend(sign("Secretary/Rapporteur", &mt.rapporteur));
    lines.retain(|l| !matches!(l.as_slice(), [Span::Text(t)] if t.is_empty()));
    b.heading(3, "Signatures");
    b.blocks.push(Block::Lines(lines[..3].to_vec()));
    b.blocks.push(Block::Lines(lines[3..].to_vec()));

    participants(&mut b, &m, plan);
    decisions_annex(&mut b, &m, &numbers, ctx.dates);
    action_matrix(&mut b, &m, &changes.ledger, plan, ctx.dates);

    if let Some(c) = &mark {
        b.blocks.push(Block::Marking(c.clone()));
    }
    if let Some(i) = left_out_at {
        let mut said = format!("This public edition leaves out {left_out} confidential record(s).");
        if b.gaps {
            said.push_str(
                " Its paragraphs keep the numbers of the full record: numbers are missing \
                 where confidential paragraphs were left out.",
            );
        }
        b.blocks[i] = Block::Para(vec![text(said)]);
    }
    let report = Report {
        title: mt.title.clone(),
        subtitle: if public {
            format!("Report ({}), public version", m.state.as_str())
        } else {
            format!("Report ({})", m.state.as_str())
        },
        date: iso,
        marking: mark,
        public,
        symbol: mt.symbol.clone(),
        blocks: b.blocks,
    };
    (report, b.places)
}

/// Corrections made after approval: what changed, and that it was after approval. A
/// public edition gives their number only (a description may quote a confidential record).
fn amendments(b: &mut Builder<'_>, m: &Minutes, audience: Audience) {
    if m.amendments.is_empty() {
        return;
    }
    b.heading(3, "Amendments after approval");
    if audience == Audience::Public {
        b.blocks.push(Block::Para(vec![text(format!(
            "This report was corrected {} time(s) after its approval; the full record lists \
             the changes.",
            m.amendments.len()
        ))]));
        return;
    }
    let list = m
        .amendments
        .iter()
        .flat_map(|a| {
            a.changes.iter().map(move |c| {
                vec![text(format!(
                    "After approval by {}: {c}",
                    a.after_approval_by
                ))]
            })
        })
        .collect();
    b.blocks.push(Block::Bullets(list));
}

fn participants(b: &mut Builder<'_>, m: &Minutes, plan: Option<&Plan>) {
    b.heading(2, "Annex I: List of participants");
    if m.attendance.is_empty() {
        b.blocks
            .push(Block::Para(vec![text("Attendance was not recorded.")]));
        return;
    }
    let mut groups: Vec<(String, Vec<&crate::model::Attendance>)> = Vec::new();
    for a in &m.attendance {
        let kind = if a.is_observer(plan) {
            OBSERVER_KIND.to_string()
        } else {
            plan.and_then(|p| p.partner(&a.represents))
                .map(|p| p.kind.clone())
                .unwrap_or_default()
        };
        match groups.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, list)) => list.push(a),
            None => groups.push((kind, vec![a])),
        }
    }
    groups.sort_by_key(|(k, _)| group_rank(k));
    for (kind, list) in groups {
        b.heading(3, group_title(&kind));
        let rows = list
            .iter()
            .map(|a| {
                let delegates: Vec<String> = a
                    .delegates
                    .iter()
                    .map(|d| match d.role {
                        Some(r) => format!("{} ({r})", d.name.trim()),
                        None => d.name.trim().to_string(),
                    })
                    .collect();
                vec![
                    vec![b.names.full(&a.represents)],
                    delegates,
                    vec![a.status.as_str().to_string()],
                ]
            })
            .collect();
        b.blocks.push(Block::Table {
            header: vec!["Delegation".into(), "Delegates".into(), "Attendance".into()],
            rows,
        });
    }
}

fn decisions_annex(
    b: &mut Builder<'_>,
    m: &Minutes,
    numbers: &[(String, String)],
    dates: crate::model::dates::DateStyle,
) {
    b.heading(2, "Annex II: List of decisions");
    if numbers.is_empty() {
        b.blocks.push(Block::Para(vec![text(
            "No decisions were taken at this meeting.",
        )]));
        return;
    }
    // By id, the first of a repeated id as a search from the start would find it (a
    // search per decision made the annex quadratic in the meeting's decisions).
    let mut by_id: HashMap<&str, &str> = HashMap::with_capacity(numbers.len());
    for (id, n) in numbers {
        by_id.entry(id.as_str()).or_insert(n.as_str());
    }
    let mut rows = Vec::new();
    for (item, d) in m.decisions() {
        let number = by_id
            .get(d.id.as_str())
            .map_or_else(|| d.id.clone(), |n| (*n).to_string());
        rows.push(vec![
            vec![number, format!("({})", d.id)],
            vec![item.id.clone()],
            d.text.trim().lines().map(str::to_string).collect(),
            vec![taken_short(d, dates)],
            vec![if d.owners.is_empty() {
                String::new()
            } else {
                b.names.list(&d.owners)
            }],
            vec![d.due.map(|x| dates.format(x)).unwrap_or_default()],
        ]);
    }
    b.blocks.push(Block::Table {
        header: vec![
            "No.".into(),
            "Item".into(),
            "Decision".into(),
            "Taken".into(),
            "Responsible".into(),
            "Due".into(),
        ],
        rows,
    });
}

fn action_matrix(
    b: &mut Builder<'_>,
    m: &Minutes,
    ledger: &Ledger,
    plan: Option<&Plan>,
    dates: crate::model::dates::DateStyle,
) {
    b.heading(2, "Annex III: Action matrix (state after this meeting)");
    let mut rows = Vec::new();
    for a in ledger.actions() {
        let Some(e) = a.history.iter().rev().find(|e| e.meeting == m.meeting.id) else {
            continue;
        };
        if matches!(e.kind, EventKind::Concerned(_))
            && !a.id.starts_with(&format!("{}/", m.meeting.id))
        {
            continue;
        }
        let area = match (plan, a.area.as_deref()) {
            (Some(p), Some(id)) => p
                .area(id)
                .map_or_else(|| id.to_string(), |x| format!("{}. {}", x.number, x.title)),
            (None, Some(id)) => id.to_string(),
            (_, None) => String::new(),
        };
        let owners = if e.owners.is_empty() {
            String::new()
        } else {
            b.names.list(&e.owners)
        };
        rows.push(vec![
            vec![a.id.clone()],
            a.title.trim().lines().map(str::to_string).collect(),
            vec![area],
            vec![owners],
            vec![e.due.map(|x| dates.format(x)).unwrap_or_default()],
            vec![e.status.as_str().to_string()],
            vec![a.source.label().to_string()],
        ]);
    }
    if rows.is_empty() {
        b.blocks.push(Block::Para(vec![text(
            "No actions were agreed or changed at this meeting.",
        )]));
        return;
    }
    b.blocks.push(Block::Table {
        header: [
            "Action",
            "Title",
            "Area",
            "Responsible",
            "Due",
            "Status",
            "Source",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_are_written_as_chrono_writes_them() {
        for (y, m, d) in [
            (2016, 11, 21),
            (5, 1, 1),
            (9999, 12, 31),
            (2024, 2, 29),
            (1, 9, 30),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(long_date(date), date.format("%-d %B %Y").to_string());
        }
        let date = NaiveDate::from_ymd_opt(2016, 11, 21).unwrap();
        assert_eq!(long_date(date), "21 November 2016");
    }
}

//! TOML files -> model, with every problem reported as `file:line:col: message`.
//!
//! Loading is two steps. [`parse_document`] reads one file on its own and records the
//! references it makes (areas, owners, actions). A [`Context`] (the plan, the decisions
//! of the folder's meetings) then resolves them, naming the closest valid values.

pub mod advice;
pub mod agenda;
pub mod check;
pub mod contacts;
pub mod diag;
pub mod folder;
pub mod minutes;
pub mod plan;
pub mod reader;
pub mod split;
pub mod theme;
pub mod workspace;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use toml::de::DeTable;

pub use diag::{Diagnostic, Problem, Severity};
use reader::{Fields, Located};

use crate::model::{Agenda, Minutes, Plan, Status};
use theme::ThemeFile;

/// The text of a file, with a line index for messages that name another line.
pub struct Doc<'i> {
    text: &'i str,
    lines: std::cell::OnceCell<diag::LineIndex>,
}

impl<'i> Doc<'i> {
    /// Wraps the text of a file.
    pub fn new(text: &'i str) -> Self {
        Doc {
            text,
            lines: std::cell::OnceCell::new(),
        }
    }

    /// 1-based line of a byte offset (the line index is built on first use).
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines
            .get_or_init(|| diag::LineIndex::new(self.text))
            .line_of(offset.min(self.text.len()))
    }
}

/// What a reference points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// A roster id that must exist (plan partners, agenda presenters).
    Partner,
    /// An owner: a roster id; free text is an error in a plan, a warning in minutes.
    Owner,
    /// A priority area id.
    Area,
    /// A plan action id or `<meeting>/<decision>`.
    Action,
    /// Whom an attendance entry represents: a roster id, or free text (a person or body
    /// outside the roster, written as words). An unknown value that looks like a roster id
    /// (`nosuch`) is an error, as for a statement's `by`; other free text is a warning.
    Attendee,
    /// A later meeting of the same folder (an ad referendum's `outcome_at`): checked by
    /// `check` against the folder's agendas and minutes, not against the plan.
    Meeting,
    /// A roster kind counted for the quorum (`quorum_kinds`): some roster entry has it.
    QuorumKind,
}

/// A value in a file that names something defined elsewhere.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// What it names.
    pub kind: RefKind,
    /// The name as written.
    pub value: String,
    /// Where it is written.
    pub span: Range<usize>,
}

/// What references resolve against.
pub struct Context<'a> {
    /// The plan, when it loaded.
    pub plan: Option<&'a Plan>,
    /// Known `<meeting>/<decision>` names, when minutes are being checked.
    pub decisions: Option<&'a HashSet<String>>,
    /// Free-text owners are errors (plans) rather than warnings (minutes).
    pub strict_owners: bool,
}

/// A value written like a roster id (`tt`, `imc-wua`): lowercase letters, digits, `-`, `_`,
/// `.`, no space. Free text names a person or body in words.
fn looks_like_id(v: &str) -> bool {
    !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
}

impl Context<'_> {
    /// Records a problem for every reference that does not resolve.
    pub fn resolve(&self, refs: &[Reference], problems: &mut Vec<Problem>) {
        let Some(plan) = self.plan else { return };
        let partner_ids = || plan.partners.iter().map(|p| p.id.as_str());
        for r in refs {
            // Quoted for a message only when there is one to write.
            let v = || crate::text::quoted(&r.value);
            match r.kind {
                RefKind::Partner | RefKind::Owner if plan.partner(&r.value).is_none() => {
                    let v = v();
                    let hint = diag::hint(&r.value, partner_ids());
                    if r.kind == RefKind::Owner && !self.strict_owners {
                        problems.push(Problem::warning(
                            r.span.clone(),
                            format!("free-text owner {v} is not a roster id{hint}"),
                        ));
                    } else {
                        problems.push(Problem::error(
                            r.span.clone(),
                            format!("unknown partner {v}: not in the plan's roster{hint}"),
                        ));
                    }
                }
                RefKind::Attendee if plan.partner(&r.value).is_none() => {
                    let v = v();
                    let hint = diag::hint(&r.value, partner_ids());
                    if looks_like_id(&r.value) {
                        problems.push(Problem::error(
                            r.span.clone(),
                            format!(
                                "unknown partner {v}: not in the plan's roster{hint} (someone \
                                 outside the roster is written in words: \"Ms J. Doe, consultant\")"
                            ),
                        ));
                    } else {
                        problems.push(Problem::warning(
                            r.span.clone(),
                            format!(
                                "free-text participant {v} is not a roster id{hint}: it is \
                                 reported under Other participants"
                            ),
                        ));
                    }
                }
                RefKind::Area if plan.area(&r.value).is_none() => {
                    let v = v();
                    let hint = diag::hint(&r.value, plan.areas.iter().map(|a| a.id.as_str()));
                    problems.push(Problem::error(
                        r.span.clone(),
                        format!("unknown area {v}: not a priority area of the plan{hint}"),
                    ));
                }
                RefKind::Action if !self.action_exists(plan, &r.value) => {
                    let v = v();
                    let decisions = self.decisions.into_iter().flatten().map(String::as_str);
                    let known: Vec<&str> = plan
                        .actions()
                        .map(|(_, x)| x.id.as_str())
                        .chain(decisions)
                        .collect();
                    let hint = diag::hint(&r.value, known.iter().copied());
                    problems.push(Problem::error(
                        r.span.clone(),
                        format!(
                            "unknown action {v}: not a plan action id nor a \
                             <meeting>/<decision> of a known meeting{hint}"
                        ),
                    ));
                }
                RefKind::QuorumKind if !plan.partners.iter().any(|p| p.kind == r.value) => {
                    let v = v();
                    let mut kinds: Vec<&str> = Vec::new();
                    for p in &plan.partners {
                        if !kinds.contains(&p.kind.as_str()) {
                            kinds.push(&p.kind);
                        }
                    }
                    let near = diag::closest(&r.value, kinds.iter().copied())
                        .first()
                        .map(|n| format!("; did you mean '{n}'?"))
                        .unwrap_or_default();
                    let all: Vec<String> = kinds.iter().map(|k| crate::text::quoted(k)).collect();
                    problems.push(Problem::error(
                        r.span.clone(),
                        format!(
                            "quorum kind {v} is not the kind of any roster entry, so the \
                             quorum could never be reached{near} (the roster's kinds: {})",
                            all.join(", ")
                        ),
                    ));
                }
                _ => {}
            }
        }
    }

    fn action_exists(&self, plan: &Plan, name: &str) -> bool {
        plan.action(name).is_some() || self.decisions.is_some_and(|d| d.contains(name))
    }
}

/// Records a problem when `id` was seen before in the same file, naming the line where it
/// was first defined. The ids may be borrowed from the model (`&str`) or owned.
pub fn first_definition<K: std::hash::Hash + Eq + std::borrow::Borrow<str>>(
    doc: &Doc<'_>,
    seen: &mut HashMap<K, usize>,
    id: Located<K>,
    what: &str,
    problems: &mut Vec<Problem>,
) {
    if id.value.borrow().is_empty() {
        return;
    }
    // One lookup: the entry is the first definition, or where this one goes.
    match seen.entry(id.value) {
        std::collections::hash_map::Entry::Occupied(first) => problems.push(Problem::error(
            id.span,
            format!(
                "duplicate {what} {}: first defined on line {}",
                crate::text::quoted(first.key().borrow()),
                doc.line_of(*first.get())
            ),
        )),
        std::collections::hash_map::Entry::Vacant(slot) => {
            slot.insert(id.span.start);
        }
    }
}

/// [`first_definition`] for an id the caller keeps.
pub fn duplicate(
    doc: &Doc<'_>,
    seen: &mut HashMap<String, usize>,
    id: &Located<String>,
    what: &str,
    problems: &mut Vec<Problem>,
) {
    first_definition(doc, seen, id.clone(), what, problems);
}

/// Reads a status word, listing the valid ones when it is not one of them.
pub fn read_status(f: &mut Fields<'_, '_, '_>, key: &'static str) -> Option<Status> {
    let l = f.opt_str_ref(key)?;
    match l.value.parse::<Status>() {
        Ok(s) => Some(s),
        Err(()) => {
            let near = diag::closest(l.value, Status::ALL.iter().map(|s| s.as_str()));
            let near = near
                .first()
                .map(|n| format!(" (did you mean '{n}'?)"))
                .unwrap_or_default();
            f.problem(Problem::error(
                l.span,
                format!(
                    "status {} is not valid{near}: use one of {}",
                    crate::text::quoted(l.value),
                    Status::valid_list()
                ),
            ));
            None
        }
    }
}

/// A file's kind, found from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Has a `[plan]` table.
    Plan,
    /// Has a `[meeting]` table and no record fields.
    Agenda,
    /// Has a `[meeting]` table naming its agenda, or is named `*.minutes.toml`.
    Minutes,
    /// Has a `[theme]` table.
    Theme,
}

/// One parsed file.
#[derive(Debug)]
pub enum Document {
    /// An action plan.
    Plan(Plan),
    /// An agenda, with the span of its `plan` path.
    Agenda(Agenda, Range<usize>),
    /// Minutes, with the span of their `plan` path.
    Minutes(Minutes, Range<usize>),
    /// A colour theme.
    Theme(ThemeFile),
}

/// The outcome of parsing one file on its own.
pub struct Parsed {
    /// The document, unless the file is not TOML or of no known kind.
    pub document: Option<Document>,
    /// References to resolve against the plan and the folder's meetings.
    pub refs: Vec<Reference>,
    /// Problems found so far.
    pub problems: Vec<Problem>,
    /// Where the delegations of each vote are written (minutes only).
    pub votes: Vec<minutes::VoteSpans>,
}

fn detect(root: &DeTable<'_>, file_name: &str) -> Option<Kind> {
    if root.contains_key("plan") {
        return Some(Kind::Plan);
    }
    if root.contains_key("theme") || root.contains_key("styles") {
        return Some(Kind::Theme);
    }
    let meeting = root.get("meeting")?;
    let names_agenda = meeting
        .get_ref()
        .as_table()
        .is_some_and(|t| t.contains_key("agenda") || t.contains_key("state"));
    if names_agenda || root.contains_key("attendance") || file_name.ends_with(".minutes.toml") {
        Some(Kind::Minutes)
    } else {
        Some(Kind::Agenda)
    }
}

/// From this size on, the TOML document model is built on a thread of its own.
const OWN_THREAD_FROM: usize = 1 << 20;

/// The TOML document model of a text, with the parse errors.
struct TomlModel<'a> {
    root: toml::Spanned<DeTable<'a>>,
    errors: Vec<toml::de::Error>,
}

impl<'a> TomlModel<'a> {
    fn parse(text: &'a str) -> Self {
        let (root, errors) = DeTable::parse_recoverable(text);
        TomlModel { root, errors }
    }
}

/// The size of a block whose freeing makes the allocator gather a heap's small free blocks
/// and give the free end of the heap back: at least glibc's threshold for that (64 KiB),
/// under the one for blocks mapped on their own (128 KiB).
const TIDY_BYTES: usize = 96 << 10;

/// TOML models built on a thread of its own, one text after another, and freed there when
/// they are sent back.
struct Remote<'scope, 'a> {
    models: std::sync::mpsc::Receiver<TomlModel<'a>>,
    back: std::sync::mpsc::Sender<TomlModel<'a>>,
    thread: std::thread::ScopedJoinHandle<'scope, Vec<u8>>,
}

impl<'scope, 'a> Remote<'scope, 'a> {
    /// Starts building the models of `texts` on a thread of the scope; `None` when no
    /// thread can be started.
    fn spawn<'env>(s: &'scope std::thread::Scope<'scope, 'env>, texts: Vec<&'a str>) -> Option<Self>
    where
        'a: 'scope,
    {
        let (built, models) = std::sync::mpsc::channel();
        let (back, done) = std::sync::mpsc::channel::<TomlModel<'a>>();
        let thread = std::thread::Builder::new()
            // The main thread's stack size, so deep nesting parses as it would there.
            .stack_size(8 << 20)
            .spawn_scoped(s, move || {
                let tidy = std::hint::black_box(Vec::<u8>::with_capacity(TIDY_BYTES));
                for text in texts {
                    if built.send(TomlModel::parse(text)).is_err() {
                        break;
                    }
                }
                drop(built);
                // Every model comes back here to be freed, until the sender is dropped.
                while let Ok(m) = done.recv() {
                    drop(m);
                }
                tidy
            })
            .ok()?;
        Some(Remote {
            models,
            back,
            thread,
        })
    }

    /// The next model, once built; `None` when the thread ended without it (it panicked).
    fn take(&self) -> Option<TomlModel<'a>> {
        self.models.recv().ok()
    }

    /// Sends the models back to be freed on their thread and waits for that thread.
    fn give_back(self, models: impl IntoIterator<Item = TomlModel<'a>>) {
        for m in models {
            // Dropped here if that thread is gone.
            drop(self.back.send(m));
        }
        drop(self.back);
        drop(self.models);
        drop(self.thread.join());
    }
}

/// Reads the TOML document model of a text with `read`. For a large file (a plan of
/// 100,000 actions makes a model some twenty times its size) the model is built, and
/// freed, on a thread of its own, while `read` runs here: its memory comes from that
/// thread's heap, not from between the records read out of it, and is given back to the
/// system afterwards instead of staying resident. Freed here, its small blocks would be
/// kept for reuse by this thread and pin that heap; freed there, they return to it when
/// the thread ends, and the block the thread allocated first, freed here after that,
/// makes the allocator gather the heap and give it back.
fn with_model<R>(text: &str, read: impl FnOnce(&TomlModel<'_>) -> R) -> R {
    if text.len() < OWN_THREAD_FROM {
        return read(&TomlModel::parse(text));
    }
    std::thread::scope(|s| {
        let Some(remote) = Remote::spawn(s, vec![text]) else {
            return read(&TomlModel::parse(text));
        };
        match remote.take() {
            Some(m) => {
                let out = read(&m);
                remote.give_back([m]);
                out
            }
            // The thread ended without a model (it panicked): parse here, as before.
            None => {
                remote.give_back([]);
                read(&TomlModel::parse(text))
            }
        }
    })
}

/// How many threads parse the pieces of a large plan.
const PIECE_THREADS: usize = 2;

/// A large plan parsed in pieces on [`PIECE_THREADS`] threads ([`split`]), and read; `None`
/// when the file cannot be cut, or its pieces are not certain to be the whole file's model,
/// or one has a syntax error: the caller then parses it whole.
fn parse_plan_in_pieces(text: &str, size: usize) -> Option<Parsed> {
    let pieces = split::pieces(text, size)?;
    std::thread::scope(|s| {
        // Piece i is parsed by thread i % PIECE_THREADS, in file order.
        let mut remotes = Vec::with_capacity(PIECE_THREADS);
        for t in 0..PIECE_THREADS {
            let texts = pieces
                .iter()
                .skip(t)
                .step_by(PIECE_THREADS)
                .map(|p| &text[p.range.clone()])
                .collect();
            match Remote::spawn(s, texts) {
                Some(r) => remotes.push(r),
                None => {
                    for r in remotes {
                        r.give_back([]);
                    }
                    return None;
                }
            }
        }
        let mut models: Vec<Vec<TomlModel<'_>>> = (0..PIECE_THREADS).map(|_| Vec::new()).collect();
        let mut complete = true;
        for i in 0..pieces.len() {
            match remotes[i % PIECE_THREADS].take() {
                // A piece in error: the file is parsed whole; the pieces still to come
                // would only be thrown away.
                Some(m) if !m.errors.is_empty() => {
                    models[i % PIECE_THREADS].push(m);
                    complete = false;
                    break;
                }
                Some(m) => models[i % PIECE_THREADS].push(m),
                None => {
                    complete = false;
                    break;
                }
            }
        }
        let read = if complete {
            let in_order: Vec<&TomlModel<'_>> = (0..pieces.len())
                .map(|i| &models[i % PIECE_THREADS][i / PIECE_THREADS])
                .collect();
            read_pieces(text, &pieces, &in_order)
        } else {
            None
        };
        for (remote, models) in remotes.into_iter().zip(models) {
            remote.give_back(models);
        }
        read
    })
}

/// Reads the plan out of its pieces' models, when they are the whole file's.
fn read_pieces(text: &str, pieces: &[split::Piece], models: &[&TomlModel<'_>]) -> Option<Parsed> {
    if models.iter().any(|m| !m.errors.is_empty()) {
        return None;
    }
    let roots: Vec<&DeTable<'_>> = models.iter().map(|m| m.root.get_ref()).collect();
    if detect(roots.first()?, "") != Some(Kind::Plan) || !split::fit(text, pieces, &roots) {
        return None;
    }
    let read: Vec<plan::Piece<'_, '_>> = pieces
        .iter()
        .zip(&roots)
        .map(|(p, root)| plan::Piece {
            root,
            shift: p.range.start,
            start: p.start,
        })
        .collect();
    let doc = Doc::new(text);
    let mut problems = Vec::new();
    let plan = plan::parse_pieces(&doc, &read, &mut problems);
    Some(Parsed {
        document: Some(Document::Plan(plan)),
        refs: Vec::new(),
        problems,
        votes: Vec::new(),
    })
}

/// Parses one file's text. `file_name` helps tell minutes from agendas.
pub fn parse_document(text: &str, file_name: &str) -> Parsed {
    if text.trim().is_empty() {
        return Parsed {
            document: None,
            refs: Vec::new(),
            problems: vec![Problem::error(
                0..0,
                "the file is empty: expected a plan ([plan]), an agenda or minutes ([meeting]) \
                 or a theme ([theme])",
            )],
            votes: Vec::new(),
        };
    }
    if text.len() >= OWN_THREAD_FROM
        && let Some(parsed) = parse_plan_in_pieces(text, split::PIECE_BYTES)
    {
        return parsed;
    }
    with_model(text, |model| read_model(model, text, file_name))
}

/// Reads the document out of its TOML model.
fn read_model(model: &TomlModel<'_>, text: &str, file_name: &str) -> Parsed {
    let mut problems = Vec::new();
    let mut refs = Vec::new();
    if !model.errors.is_empty() {
        for e in &model.errors {
            let span = e.span().unwrap_or(0..0);
            problems.push(Problem::error(
                span,
                format!("TOML syntax: {}", e.message().trim()),
            ));
        }
        return Parsed {
            document: None,
            refs,
            problems,
            votes: Vec::new(),
        };
    }
    let doc = Doc::new(text);
    let root = model.root.get_ref();
    let mut votes = Vec::new();
    let document = match detect(root, file_name) {
        None => {
            problems.push(Problem::error(
                0..0,
                "not a rapporteur file: expected a [plan] table (plan), a [meeting] table \
                 (agenda or minutes) or a [theme] table (theme)",
            ));
            None
        }
        Some(Kind::Plan) => Some(Document::Plan(plan::parse(&doc, root, &mut problems))),
        Some(Kind::Agenda) => {
            let (a, span) = agenda::parse(&doc, root, &mut problems, &mut refs);
            Some(Document::Agenda(a, span))
        }
        Some(Kind::Minutes) => {
            let (m, span) = minutes::parse(&doc, root, &mut problems, &mut refs, &mut votes);
            Some(Document::Minutes(m, span))
        }
        Some(Kind::Theme) => Some(Document::Theme(theme::parse_file(root, &mut problems))),
    };
    Parsed {
        document,
        refs,
        problems,
        votes,
    }
}

/// Why a file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read (exit 2).
    #[error("{0}")]
    Io(String),
    /// The file (or one it refers to) is invalid (exit 1).
    #[error("{} problem(s)", .0.len())]
    Invalid(Vec<Diagnostic>),
}

/// Reads a file as UTF-8 text; bytes that are not UTF-8 are a diagnostic at their place.
/// Only regular files up to [`crate::fsafe::MAX_INPUT_BYTES`] are read: a FIFO, a device
/// or an oversized file is a diagnostic naming it, never a hang.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let shown = path.display().to_string();
    let bytes = crate::fsafe::read_regular(path).map_err(|e| match e {
        crate::fsafe::ReadError::Io(e) => LoadError::Io(format!(
            "{}: cannot read: {e}",
            crate::text::inert_line(&shown)
        )),
        refused => LoadError::Invalid(vec![Diagnostic::whole_file(
            &shown,
            1,
            1,
            refused.to_string(),
        )]),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(good);
        let line = text.matches('\n').count() + 1;
        let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        LoadError::Invalid(vec![Diagnostic::whole_file(
            &shown,
            line,
            col,
            "the file is not UTF-8 text: save it as UTF-8".to_string(),
        )])
    })
}

/// Turns problems into diagnostics for `path`, errors first kept in file order.
pub fn locate_all(path: &Path, text: &str, problems: Vec<Problem>) -> Vec<Diagnostic> {
    if problems.is_empty() {
        // Nothing to place: the line index of a large file is not built for nothing.
        return Vec::new();
    }
    let shown = path.display().to_string();
    let lines = diag::LineIndex::new(text);
    let mut out: Vec<Diagnostic> = problems
        .into_iter()
        .map(|p| Diagnostic::locate_with(&shown, text, &lines, p))
        .collect();
    out.sort_by_key(|d| (d.line, d.col));
    out
}

/// True when any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_file_parses_on_its_own_thread_with_the_same_results() {
        let plan = crate::generate::plan(2, 6_000, 20);
        assert!(plan.len() > OWN_THREAD_FROM, "the large path is taken");
        let parsed = parse_document(&plan, "plan.toml");
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let Some(Document::Plan(p)) = parsed.document else {
            panic!("a plan")
        };
        assert_eq!(p.actions().count(), 6_000);
        // A syntax error at the end is placed where it is, as on the small path.
        let broken = format!("{plan}[[areas.actions]\n");
        let at = plan.len();
        let problems = parse_document(&broken, "plan.toml").problems;
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].message.starts_with("TOML syntax"),
            "{problems:?}"
        );
        assert!(problems[0].span.start >= at, "{problems:?}");
        let small = parse_document("[[areas.actions]\n", "plan.toml").problems;
        assert_eq!(problems[0].message, small[0].message);
    }

    /// The plan and problems of `text` read from its whole model, as a small file is.
    fn whole(text: &str) -> (Option<Plan>, Vec<Problem>) {
        let parsed = read_model(&TomlModel::parse(text), text, "plan.toml");
        let plan = match parsed.document {
            Some(Document::Plan(p)) => Some(p),
            _ => None,
        };
        (plan, parsed.problems)
    }

    /// Reads `text` as `parse_document` does, and cut in many small pieces, and checks both
    /// equal the whole model's reading; says whether the pieces were used, in both cases.
    fn same_as_whole(text: &str) -> bool {
        assert!(text.len() > OWN_THREAD_FROM, "the large path is taken");
        let in_pieces = parse_plan_in_pieces(text, split::PIECE_BYTES).is_some();
        let parsed = parse_document(text, "plan.toml");
        // Cut in many small pieces, it reads the same too.
        let (plan, problems) = whole(text);
        let small = parse_plan_in_pieces(text, 100_000);
        let in_small_pieces = small.is_some();
        assert_eq!(in_small_pieces, in_pieces, "both cuts are used, or neither");
        if let Some(small) = small {
            let mut got = small.problems;
            let mut want = problems.clone();
            for p in [&mut got, &mut want] {
                p.sort_by(|a, b| (a.span.start, &a.message).cmp(&(b.span.start, &b.message)));
            }
            assert_eq!(got, want);
            let (Some(Document::Plan(a)), Some(b)) = (small.document, plan) else {
                panic!("both are plans")
            };
            assert_eq!((a.partners, a.areas), (b.partners, b.areas));
        }
        let (plan, mut problems) = whole(text);
        let mut got = parsed.problems;
        for p in [&mut got, &mut problems] {
            p.sort_by(|a, b| (a.span.start, &a.message).cmp(&(b.span.start, &b.message)));
        }
        assert_eq!(got, problems);
        match (parsed.document, plan) {
            (Some(Document::Plan(a)), Some(b)) => {
                assert_eq!(
                    (&a.id, &a.title, &a.short, a.adopted),
                    (&b.id, &b.title, &b.short, b.adopted)
                );
                assert_eq!(a.partners, b.partners);
                assert_eq!(a.areas, b.areas);
            }
            (None, None) => {}
            (a, b) => panic!(
                "one read is a plan, the other not: {:?} / {:?}",
                a.is_some(),
                b.is_some()
            ),
        }
        in_pieces
    }

    #[test]
    fn a_large_plan_read_in_two_pieces_is_the_plan_read_whole() {
        // Seven areas: cut at an area; one area: cut inside it, at an action.
        for areas in [7, 2, 1] {
            let plan = crate::generate::plan(areas, 6_000, 30);
            let pieces = split::pieces(&plan, split::PIECE_BYTES).unwrap();
            // One area is cut at an action: the second piece continues it.
            let actions = pieces.iter().any(|p| p.start == split::Start::Actions);
            assert!(actions || areas > 1, "{pieces:?}");
            assert!(same_as_whole(&plan), "{areas} areas: the pieces are used");
        }
        // Action headers written with spaces are not cut at: the cut is at an area.
        let spaced =
            crate::generate::plan(7, 6_000, 30).replace("[[areas.actions]]", "[[ areas.actions ]]");
        let pieces = split::pieces(&spaced, split::PIECE_BYTES).unwrap();
        assert!(pieces[1..].iter().all(|p| p.start == split::Start::Areas));
        assert!(same_as_whole(&spaced));
        // Area headers with a comment, blanks or an indent are cut at too (a piece of
        // actions that ran on across one would be an error, and the file parsed twice).
        let written = crate::generate::plan(5, 6_000, 30)
            .replacen("[[areas]]\n", "[[areas]]  # a priority area\n", 2)
            .replacen("[[areas]]\n", "  [[ areas ]]\n", 2)
            .replace("[[areas.actions]]\n", "[[areas.actions]] # one action\n");
        assert!(same_as_whole(&written));
        // Another body's words, CRLF line ends and characters outside ASCII.
        let crlf = crate::generate::plan(3, 6_000, 30)
            .replace("Need number", "Besoin régional n°")
            .replace('\n', "\r\n");
        assert!(same_as_whole(&crlf));
    }

    #[test]
    fn problems_on_both_sides_of_the_cut_are_the_whole_file_s() {
        let plan = crate::generate::plan(1, 6_000, 30);
        // A status, an owner and a field wrong early and late, and an id defined in the
        // first piece and again in the second.
        let bad = plan
            .replacen("status = \"open\"", "status = \"opened\"", 1)
            .replacen("owners = [\"p3\"]", "owners = [\"nobody\"]", 1)
            .replace("id = \"X-5990\"", "id = \"X-7\"")
            .replace("id = \"X-5999\"\n", "id = \"X-5999\"\nstatuss = \"done\"\n")
            .replace(
                "owners = [\"p29\"]\ndue = 2020-12-01",
                "owners = [\"p-29\"]\ndue = 2020-12-01",
            );
        assert!(same_as_whole(&bad));
        let problems = parse_document(&bad, "plan.toml").problems;
        assert!(problems.len() >= 4, "{problems:?}");
        let doc = Doc::new(&bad);
        let dup = problems
            .iter()
            .find(|p| p.message.starts_with("duplicate action id"))
            .unwrap();
        let first = bad.find("id = \"X-7\"").unwrap();
        assert!(
            dup.message
                .ends_with(&format!("line {}", doc.line_of(first))),
            "{dup:?}"
        );
        assert!(
            dup.span.start > bad.len() / 2,
            "the duplicate is in the second piece"
        );
    }

    #[test]
    fn files_whose_pieces_would_not_be_the_whole_are_parsed_whole() {
        let plan = crate::generate::plan(4, 6_000, 30);
        let mid = plan.len() / 2;
        let area = plan[..mid].rfind("\n[[areas]]\n").unwrap() + 1;
        // A summary holding header lines, around the middle: every line near the middle
        // looks like a place to cut, inside a string.
        let lines = "[[areas]]\n[[areas.actions]]\n".repeat(40_000);
        let in_string = format!(
            "{}summary2 = \"\"\"\n{lines}\"\"\"\n{}",
            &plan[..area + "[[areas]]\n".len()],
            &plan[area + "[[areas]]\n".len()..]
        );
        assert!(
            !same_as_whole(&in_string),
            "cut inside a string: parsed whole"
        );
        // The [plan] table at the end of the file.
        let header_end = plan.find("\n\n").unwrap() + 2;
        let plan_last = format!("{}{}", &plan[header_end..], &plan[..header_end]);
        assert!(!same_as_whole(&plan_last));
        // Actions written inline before the cut, extended by a header after it: the whole
        // file is a TOML error, and so is the reading.
        let at = plan[mid..].find("\n[[areas.actions]]\n").unwrap() + mid + 1;
        let prev_area = plan[..at].rfind("[[areas]]\n").unwrap() + "[[areas]]\n".len();
        let inline = format!(
            "{}actions = [{{ id = \"Z-1\", title = \"t\" }}]\n{}",
            &plan[..prev_area],
            plan[prev_area..].replacen(
                "[[areas.actions]]",
                "[[areas.other]]",
                plan[prev_area..at].matches("[[areas.actions]]").count()
            )
        );
        assert!(!same_as_whole(&inline));
        assert!(
            parse_document(&inline, "plan.toml").problems[0]
                .message
                .starts_with("TOML syntax")
        );
        // A syntax error anywhere.
        let broken = plan.replacen("[[areas.actions]]", "[[areas.actions]", 3_000);
        assert!(!same_as_whole(&broken));
    }
}

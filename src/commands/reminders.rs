//! `digest` and `ics`: what each owner owes, as files the user's own mail client,
//! `sendmail` or calendar takes. Nothing here opens a connection.

use std::path::{Path, PathBuf};

use super::{OK, USAGE, find_meetings, write_output};
use crate::cli::{AudienceArg, DigestFormat};
use crate::load::Kind;
use crate::load::check::collect_files;
use crate::load::workspace::relative_to;
use crate::minutes::{Audience, for_audience};
use crate::model::{Agenda, Ledger, Minutes};
use crate::review::digest::{self, Sender, Sources};
use crate::review::discover::Meetings;
use crate::review::ics::{CalendarSources, calendar, future_meetings};
use crate::review::outstanding::{Filter, outstanding, resolve_owner};
use crate::text::inert_line;

/// Arguments of `digest`.
pub(super) struct DigestArgs {
    pub(super) path: Option<PathBuf>,
    pub(super) plan: Option<PathBuf>,
    pub(super) owner: Option<String>,
    pub(super) due_within: Option<String>,
    pub(super) as_of: chrono::NaiveDate,
    pub(super) format: DigestFormat,
    pub(super) audience: AudienceArg,
    pub(super) from: Option<String>,
    pub(super) output: Option<PathBuf>,
    pub(super) force: bool,
    pub(super) skip_invalid: bool,
}

/// Arguments of `ics`.
pub(super) struct IcsArgs {
    pub(super) path: Option<PathBuf>,
    pub(super) plan: Option<PathBuf>,
    pub(super) owner: Option<String>,
    pub(super) as_of: chrono::NaiveDate,
    pub(super) audience: AudienceArg,
    pub(super) output: Option<PathBuf>,
    pub(super) force: bool,
    pub(super) skip_invalid: bool,
}

fn audience(a: AudienceArg) -> Audience {
    match a {
        AudienceArg::All => Audience::All,
        AudienceArg::Public => Audience::Public,
    }
}

/// The minutes cut to the audience, and how many confidential records were left out.
fn minutes_for(found: &Meetings, audience: Audience) -> (Vec<Minutes>, usize) {
    let mut left_out = 0;
    let minutes = found
        .minutes
        .iter()
        .map(|(_, m)| {
            let (cut, n) = for_audience(m, audience);
            left_out += n;
            cut
        })
        .collect();
    (minutes, left_out)
}

/// For each public digest, how many of the owner's records the full record holds that it
/// leaves out (confidential decisions and actions); only digests that lost some.
fn left_out_of<'d>(
    found: &Meetings,
    (as_of, due_by): &(chrono::NaiveDate, Option<chrono::NaiveDate>),
    public: &'d [digest::Digest],
) -> Vec<(&'d digest::Digest, usize)> {
    let (minutes, _) = minutes_for(found, Audience::All);
    let ledger = Ledger::build(&found.plan, &minutes);
    let src = Sources {
        plan: &found.plan,
        ledger: &ledger,
        minutes: &minutes,
        as_of: *as_of,
        due_by: *due_by,
        // Only counted here, never shown.
        dates: crate::model::dates::DateStyle::default(),
    };
    public
        .iter()
        .filter_map(|p| {
            let all = digest::digest(&src, &p.owner);
            let decided = all.decided.len().saturating_sub(p.decided.len());
            let owed = all
                .owes
                .iter()
                .filter(|r| !p.owes.iter().any(|q| q.id == r.id))
                .count();
            let n = decided + owed;
            (n > 0).then_some((p, n))
        })
        .collect()
}

/// The owner `--owner` names, by the owner-matching rule of `outstanding --owner` (the
/// first when the text names several free-text owners); says on stderr which it took.
fn owner(found: &Meetings, typed: &str) -> Result<String, i32> {
    let named = resolve_owner(typed, &found.plan, &found.ledger()).map_err(|e| {
        crate::errln!("error: {e}");
        USAGE
    })?;
    let first = named.owners.first().cloned().unwrap_or_default();
    crate::errln!("owner: {}", inert_line(&named.label));
    Ok(first)
}

fn shown(p: &Path) -> String {
    inert_line(&p.display().to_string()).into_owned()
}

/// The sender: `--from`, else `$EMAIL`, named after the configured rapporteur.
fn sender(from: Option<&str>) -> Result<Option<Sender>, i32> {
    let name = crate::config::load(None).ok().and_then(|c| c.rapporteur.0);
    match from {
        Some(f) => {
            if crate::load::contacts::is_valid_address(f) {
                Ok(Some(Sender {
                    name,
                    address: f.to_string(),
                }))
            } else {
                crate::errln!(
                    "error: --from {} is not a mail address: write it as name@example.org",
                    crate::text::quoted(f)
                );
                Err(USAGE)
            }
        }
        None => match std::env::var("EMAIL") {
            Ok(e) if crate::load::contacts::is_valid_address(e.trim()) => Ok(Some(Sender {
                name,
                address: e.trim().to_string(),
            })),
            _ => {
                crate::errln!(
                    "note: no --from and no $EMAIL: the messages have no From line \
                     (sendmail fills in your address)"
                );
                Ok(None)
            }
        },
    }
}

/// Creates the output folder; owner-only when it will hold classified digests.
fn make_dir(dir: &Path, private: bool) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(if private { 0o700 } else { 0o777 });
    }
    #[cfg(not(unix))]
    let _ = private;
    b.create(dir)
}

/// `rapporteur digest`.
pub(super) fn digest(args: DigestArgs) -> i32 {
    let paths: Vec<PathBuf> = args.path.into_iter().collect();
    let found = match find_meetings(&paths, args.plan.as_deref(), args.skip_invalid) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let owners = match args.owner.as_deref() {
        Some(typed) => match owner(&found, typed) {
            Ok(o) => vec![o],
            Err(code) => return code,
        },
        None => Vec::new(),
    };
    let due_by = match args
        .due_within
        .as_deref()
        .map(|s| crate::review::outstanding::due_within(s, args.as_of))
        .transpose()
    {
        Ok(d) => d,
        Err(e) => {
            crate::errln!("error: {e}");
            return USAGE;
        }
    };
    let audience = audience(args.audience);
    let (minutes, left_out) = minutes_for(&found, audience);
    let ledger = Ledger::build(&found.plan, &minutes);
    let src = Sources {
        plan: &found.plan,
        ledger: &ledger,
        minutes: &minutes,
        as_of: args.as_of,
        due_by,
        dates: crate::config::load(None)
            .map(|c| c.dates.0)
            .unwrap_or_default(),
    };
    let owners = if owners.is_empty() {
        let all = digest::all_owners(&src);
        match due_by {
            // A reminder goes only to owners with something due.
            Some(_) => all
                .into_iter()
                .filter(|o| !digest::digest(&src, o).owes.is_empty())
                .collect(),
            None => all,
        }
    } else {
        owners
    };
    if owners.is_empty() {
        match due_by {
            Some(by) => crate::errln!(
                "nothing due by {}: no digest written",
                crate::model::dates::long_date(by)
            ),
            None => {
                crate::errln!(
                    "nothing outstanding and nothing recorded for anyone: no digest written"
                )
            }
        }
        return OK;
    }
    let from = if args.format == DigestFormat::Eml {
        match sender(args.from.as_deref()) {
            Ok(f) => f,
            Err(code) => return code,
        }
    } else {
        None
    };
    let mut digests: Vec<digest::Digest> = owners.iter().map(|o| digest::digest(&src, o)).collect();
    if audience == Audience::Public {
        // The public edition drops the marking; like the public export, it says it is one.
        let classified = |id: &str| {
            found
                .minutes
                .iter()
                .any(|(_, m)| m.meeting.id == id && m.meeting.classification.is_some())
        };
        for d in &mut digests {
            let public = d.drawn_on().any(classified);
            d.public = public;
        }
    }
    if left_out > 0 {
        // Said for each owner whose digest lost something, and only for them.
        for (d, n) in left_out_of(&found, &(src.as_of, src.due_by), &digests) {
            crate::errln!(
                "public edition: left out {n} confidential record(s) from the digest for {} \
                 (--audience all keeps them)",
                inert_line(&d.label)
            );
        }
    }
    let render = |d: &digest::Digest| -> Vec<u8> {
        match args.format {
            DigestFormat::Md => digest::markdown(d, &src).into_bytes(),
            DigestFormat::Eml => digest::eml(d, &src, from.as_ref()),
        }
    };
    let Some(dir) = args.output else {
        return match args.format {
            DigestFormat::Md => {
                let all: Vec<String> = digests.iter().map(|d| digest::markdown(d, &src)).collect();
                write_output(None, &all.join("\n---\n\n"), false)
            }
            DigestFormat::Eml if digests.len() == 1 => {
                warn_unaddressed(&digests[0], None);
                let bytes = render(&digests[0]);
                write_output(None, &String::from_utf8_lossy(&bytes), false)
            }
            DigestFormat::Eml => {
                crate::errln!(
                    "error: {} messages: write them to a folder with -o DIR (one file per owner)",
                    digests.len()
                );
                USAGE
            }
        };
    };
    let ext = match args.format {
        DigestFormat::Md => "md",
        DigestFormat::Eml => "eml",
    };
    if let Some(why) = crate::overwrite::not_a_folder(&dir) {
        crate::errln!("error: not written: {why}");
        return USAGE;
    }
    let stems = digest::file_stems(&owners);
    let paths: Vec<PathBuf> = stems
        .iter()
        .map(|stem| dir.join(format!("{stem}.{ext}")))
        .collect();
    // Every file is checked before any is written: a refused run writes nothing. A digest
    // written there earlier is replaced (re-running the weekly digest into its folder);
    // any other file of that name needs --force.
    for path in &paths {
        // Only a regular file is read: opening a FIFO of that name would block forever (it
        // is then refused by the check below).
        let earlier = crate::overwrite::not_regular(path).is_none()
            && std::fs::read_to_string(path).is_ok_and(|t| digest::is_earlier_digest(&t));
        if let Err(code) = crate::overwrite::check(
            Some(path),
            &[&found.plan_path],
            crate::overwrite::Output::Other,
            args.force || earlier,
        ) {
            return code;
        }
    }
    let private = digests.iter().any(digest::Digest::is_classified);
    if let Err(e) = make_dir(&dir, private) {
        crate::errln!("error: cannot create {}: {e}", shown(&dir));
        return USAGE;
    }
    let mut status = OK;
    for (d, path) in digests.iter().zip(paths) {
        if let Err(e) = crate::minutes::store::write_atomic(&path, &render(d), d.is_classified()) {
            crate::errln!("error: cannot write {}: {e}", shown(&path));
            status = USAGE;
            continue;
        }
        let to: Vec<&str> = d.to.iter().map(|(_, a)| a.as_str()).collect();
        if args.format == DigestFormat::Eml {
            warn_unaddressed(d, Some(&path));
        }
        if to.is_empty() {
            crate::outln!("{}", shown(&path));
        } else {
            crate::outln!("{}  To: {}", shown(&path), inert_line(&to.join(", ")));
        }
    }
    status
}

fn warn_unaddressed(d: &digest::Digest, path: Option<&Path>) {
    if !d.to.is_empty() {
        return;
    }
    let file = path.map_or_else(|| "the message".to_string(), shown);
    if !d.in_roster {
        crate::errln!(
            "warning: {} is a free-text owner, not in the roster: {file} has no To line; \
             add the owner to the roster with an email, or send it by hand",
            crate::text::quoted(&d.owner)
        );
    } else {
        crate::errln!(
            "warning: {} ({}) has no email in the roster: {file} has no To line; add \
             email = \"...\" to the partner, or send it by hand",
            crate::text::quoted(&d.owner),
            inert_line(&d.name)
        );
    }
}

/// Agendas under `paths` whose plan is the one found. Agendas that do not load are
/// reported when `report` is `Some(skip_invalid)` (when the plan was named, the search for
/// it did not read them); an error unless `--skip-invalid`, as for minutes.
fn agendas_of(
    paths: &[PathBuf],
    found: &Meetings,
    report: Option<bool>,
) -> Result<Vec<Agenda>, i32> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let plan_key = found.plan_path.canonicalize().ok();
    let mut io = Vec::new();
    // Files that cannot be read were reported when the plan and minutes were found.
    let mut skipped = Vec::new();
    let files: Vec<PathBuf> = collect_files(&paths, &mut io, &mut skipped)
        .into_iter()
        .filter(|f| !f.to_string_lossy().ends_with(".minutes.toml"))
        .collect();
    let folder = crate::load::folder::scan(&files);
    if let Some(skip_invalid) = report {
        crate::exit::report_invalid(&folder.invalid_of(&[Kind::Agenda]), skip_invalid)?;
    }
    Ok(folder
        .agendas
        .into_iter()
        .filter(|(f, a)| relative_to(f, &a.meeting.plan).canonicalize().ok() == plan_key)
        .map(|(_, a)| a)
        .collect())
}

/// `rapporteur ics`.
pub(super) fn ics(args: IcsArgs) -> i32 {
    let paths: Vec<PathBuf> = args.path.into_iter().collect();
    let found = match find_meetings(&paths, args.plan.as_deref(), args.skip_invalid) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let owner = match args.owner.as_deref().map(|o| owner(&found, o)).transpose() {
        Ok(o) => o,
        Err(code) => return code,
    };
    let audience = audience(args.audience);
    let (minutes, left_out) = minutes_for(&found, audience);
    let ledger = Ledger::build(&found.plan, &minutes);
    let filter = Filter {
        owners: owner.iter().cloned().collect(),
        ..Filter::default()
    };
    let rows = outstanding(&ledger, &filter, args.as_of);
    // Without --plan, finding the plan read the agendas and reported those that do not load.
    let report = args.plan.is_some().then_some(args.skip_invalid);
    let agendas = match agendas_of(&paths, &found, report) {
        Ok(a) => future_meetings(a, args.as_of),
        Err(code) => return code,
    };
    let src = CalendarSources {
        plan: &found.plan,
        rows: &rows,
        minutes: &minutes,
        agendas: &agendas,
        audience,
        owner_label: owner
            .as_deref()
            .map(|o| found.plan.owner_label(o).to_string()),
    };
    if let Err(code) = crate::overwrite::check(
        args.output.as_deref(),
        &[&found.plan_path],
        crate::overwrite::Output::Other,
        args.force,
    ) {
        return code;
    }
    let (text, classified) = calendar(&src);
    if left_out > 0 {
        crate::errln!(
            "public edition: left out {left_out} confidential record(s) (--audience all keeps them)"
        );
    }
    let code = write_output(args.output.as_deref(), &text, classified);
    if code == OK && args.output.is_some() {
        crate::errln!(
            "{} action(s) and {} meeting(s) written",
            rows.len(),
            agendas.len()
        );
    }
    code
}

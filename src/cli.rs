//! The command line, declared with clap: help, version, completions and the man page
//! all come from here.

use std::path::PathBuf;

use clap::{ArgGroup, Parser, Subcommand, ValueEnum};

/// Keyboard-driven minutes for committee meetings that review an action plan.
#[derive(Debug, Parser)]
#[command(
    name = "rapporteur",
    version,
    about,
    long_about = "Keyboard-driven minutes for committee meetings that review an action plan.\n\n\
        With no command, lists the meetings (agendas) found in the current folder and the \
        two below it, newest first, and opens the one chosen; where there are none, says \
        how to start.",
    after_help = "Examples:\n  rapporteur open meetings/ccscap/2016-11-21-consle-17.toml\n  rapporteur check meetings\n  rapporteur outstanding meetings/ccscap --overdue"
)]
pub struct Cli {
    /// Colour theme: a built-in name (default, light, high-contrast, monochrome), a user
    /// theme name, or a path to a theme file.
    #[arg(long, global = true, value_name = "NAME|PATH")]
    pub theme: Option<String>,

    /// What to do; with none, the meetings under the current folder are listed to choose from.
    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a date: use YYYY-MM-DD"))
}

fn parse_span(s: &str) -> Result<String, String> {
    let epoch = chrono::NaiveDate::default();
    crate::review::outstanding::due_within(s, epoch)
        .map(|_| s.trim().to_string())
        .map_err(|e| e.to_string())
}

fn parse_status(s: &str) -> Result<crate::model::Status, String> {
    s.parse().map_err(|()| {
        format!(
            "'{s}' is not a status: use one of {}",
            crate::model::Status::valid_list()
        )
    })
}

/// Output format of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Formal minutes in Markdown (pandoc-ready).
    Md,
    /// The canonical TOML record.
    Toml,
    /// JSON with the record's fields.
    Json,
    /// The formal report as a Word file (needs `-o FILE`).
    Docx,
}

/// Who an export is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AudienceArg {
    /// Everything.
    All,
    /// Without items and decisions marked confidential.
    Public,
}

/// Output format of `outstanding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// A table for the terminal, grouped by area.
    Table,
    /// A Markdown table.
    Md,
    /// CSV with a header row.
    Csv,
    /// A JSON array.
    Json,
}

/// Output format of `digest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DigestFormat {
    /// Markdown, one file per owner (or all on standard output).
    Md,
    /// A mail message (RFC 5322) per owner, ready for `sendmail -t < FILE`.
    Eml,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the live meeting screen for an agenda; minutes are written beside it.
    #[command(
        after_help = "Examples:\n  rapporteur open meetings/ccscap/2016-11-21-consle-17.toml\n  rapporteur open meetings/ccscap/2016-11-21-consle-17.toml --plain < scribe-log.txt"
    )]
    Open {
        /// The agenda file.
        agenda: PathBuf,
        /// Look without recording (also what you get when another instance holds the minutes).
        #[arg(long)]
        read_only: bool,
        /// Open even when other minutes of the folder cannot be loaded: each is reported and
        /// left out of matters arising (without this flag, any such file is an error).
        #[arg(long)]
        skip_invalid: bool,
        /// Correct minutes a later meeting approved: each change is recorded in the file
        /// and the Markdown as an amendment made after approval (approved minutes
        /// otherwise open read-only).
        #[arg(long, conflicts_with = "read_only")]
        amend: bool,
        /// The line mode, for screen readers, scripts and scribe logs: one command per line,
        /// answers in plain sentences (also chosen when standard input or output is not a
        /// terminal, or TERM=dumb). Type help for the commands.
        #[arg(long)]
        plain: bool,
    },
    /// Validate plans, agendas, minutes and themes (files or folders).
    #[command(
        after_help = "Example:\n  rapporteur check meetings themes\n\nExit status: 0 valid, 1 invalid, 2 usage or I/O error."
    )]
    Check {
        /// Files or folders (folders are searched for .toml files).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Render minutes as Markdown, TOML or JSON.
    #[command(
        after_help = "Example:\n  rapporteur export meetings/ccscap/2016-03-15-csm-ii.minutes.toml --audience public -o communique.md"
    )]
    Export {
        /// The minutes file.
        minutes: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "md")]
        format: ExportFormat,
        /// Who it is for: `public` leaves out what is marked confidential.
        #[arg(long, value_enum, default_value = "all")]
        audience: AudienceArg,
        /// Write here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Write over an existing output file (never over the file read, nor over a plan,
        /// agenda or minutes when writing another kind).
        #[arg(long)]
        force: bool,
        /// Go on when files of the folder cannot be loaded: each is reported and left out
        /// (without this flag, any such file is an error).
        #[arg(long)]
        skip_invalid: bool,
        /// For git's textconv (set by `init`): a file that does not load as minutes (a merge
        /// conflict being resolved, an old commit) is printed as it is, so `git diff` and
        /// `git log -p` never fail.
        #[arg(long)]
        textconv: bool,
    },
    /// Record that a later meeting approved these minutes (and the outcome of their
    /// decisions taken ad referendum).
    #[command(
        after_help = "Example:\n  rapporteur approve meetings/ccscap/2016-03-15-csm-ii.minutes.toml --at consle-17\n  rapporteur approve imc-4.minutes.toml --at imc-5 --confirmed 3-1 --objected 4-2"
    )]
    Approve {
        /// The minutes file.
        minutes: PathBuf,
        /// The id of the meeting that approved them.
        #[arg(long, value_name = "MEETING_ID")]
        at: String,
        /// Replace an earlier approval (minutes already approved by another meeting).
        #[arg(long)]
        reapprove: bool,
        /// A decision of these minutes taken ad referendum whose silence was not broken:
        /// it stands (outcome = "confirmed", outcome_at = the --at meeting). Repeat or
        /// separate with commas.
        #[arg(long, value_name = "DECISION_ID", value_delimiter = ',')]
        confirmed: Vec<String>,
        /// A decision of these minutes taken ad referendum whose silence was broken: it
        /// does not stand (outcome = "objected", outcome_at = the --at meeting).
        #[arg(long, value_name = "DECISION_ID", value_delimiter = ',')]
        objected: Vec<String>,
        /// Go on when files of the folder cannot be loaded: each is reported and left out
        /// (without this flag, any such file is an error).
        #[arg(long)]
        skip_invalid: bool,
    },
    /// What changed between two minutes files, as decisions and statuses.
    #[command(
        after_help = "Example:\n  rapporteur diff old.minutes.toml new.minutes.toml\n\nExit status: 0 equal, 1 different, 2 error."
    )]
    Diff {
        /// The older file.
        old: PathBuf,
        /// The newer file.
        new: PathBuf,
    },
    /// Outstanding actions across the plan and all minutes under the paths.
    #[command(
        after_help = "Examples:\n  rapporteur outstanding meetings/ccscap --overdue\n  rapporteur outstanding --owner Telecommunications --format md\n  rapporteur outstanding --area 3 --as-of 2017-06-30 --format json\n  rapporteur outstanding meetings/ccscap --due-within 30d --format md"
    )]
    Outstanding {
        /// Folders or files to search for the plan and minutes (default: the current folder).
        paths: Vec<PathBuf>,
        /// The plan, when the folders hold several.
        #[arg(long)]
        plan: Option<PathBuf>,
        /// Only actions of this owner: a roster id or part of a name.
        #[arg(long)]
        owner: Option<String>,
        /// Only this priority area: its id or number.
        #[arg(long)]
        area: Option<String>,
        /// Only this status (open, in-progress, blocked).
        #[arg(long, value_parser = parse_status)]
        status: Option<crate::model::Status>,
        /// Only actions past their due date.
        #[arg(long)]
        overdue: bool,
        /// Only actions due within this span of the as-of date (30d, 2w, 3m), overdue
        /// ones included: the weekly reminder.
        #[arg(long, value_name = "SPAN", value_parser = parse_span)]
        due_within: Option<String>,
        /// The date overdue is measured against (default: today).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: TableFormat,
        /// Go on when files of the folder cannot be loaded: each is reported and left out
        /// (without this flag, any such file is an error).
        #[arg(long)]
        skip_invalid: bool,
    },
    /// The chair's screen: outstanding actions by area or owner, with each one's history.
    #[command(after_help = "Example:\n  rapporteur review meetings/ccscap")]
    Review {
        /// Folder or file to search for the plan and minutes (default: the current folder).
        path: Option<PathBuf>,
        /// The plan, when the folder holds several.
        #[arg(long)]
        plan: Option<PathBuf>,
        /// The date overdue is measured against (default: today).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
        /// Go on when files of the folder cannot be loaded: each is reported and left out
        /// (without this flag, any such file is an error).
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Every meeting that touched one action, oldest first.
    #[command(
        after_help = "Examples:\n  rapporteur history PA-1 meetings/ccscap\n  rapporteur history csm-ii/6-2 meetings/ccscap"
    )]
    History {
        /// A plan action id or <meeting>/<decision>.
        action: String,
        /// Folder or file to search for the plan and minutes (default: the current folder).
        path: Option<PathBuf>,
        /// The plan, when the folder holds several.
        #[arg(long)]
        plan: Option<PathBuf>,
        /// Go on when files of the folder cannot be loaded: each is reported and left out
        /// (without this flag, any such file is an error).
        #[arg(long)]
        skip_invalid: bool,
    },
    /// For each owner: what the latest meeting decided for them and everything they still
    /// owe, as Markdown or as mail messages to send. Nothing is sent.
    #[command(
        group(ArgGroup::new("who").required(true).args(["owner", "all"])),
        after_help = "Examples:\n  rapporteur digest meetings/ccscap --all -o digests\n  rapporteur digest meetings/ccscap --owner ctu --format eml --from secretariat@example.org | sendmail -t\n  for f in digests/*.eml; do grep -q '^To:' \"$f\" && sendmail -t < \"$f\"; done"
    )]
    Digest {
        /// Folder or file to search for the plan and minutes (default: the current folder).
        path: Option<PathBuf>,
        /// The plan, when the folder holds several.
        #[arg(long)]
        plan: Option<PathBuf>,
        /// One owner: a roster id, part of a name, or a free-text owner.
        #[arg(long)]
        owner: Option<String>,
        /// Every owner with something outstanding or recorded at the latest meeting.
        #[arg(long)]
        all: bool,
        /// Only actions due within this span of the as-of date (30d, 2w, 3m), overdue ones
        /// included; with --all, only owners who have such actions: the weekly reminder.
        #[arg(long, value_name = "SPAN", value_parser = parse_span)]
        due_within: Option<String>,
        /// The date overdue is measured against (default: today).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value = "md")]
        format: DigestFormat,
        /// Who it is for: `public` (default) leaves out confidential records.
        #[arg(long, value_enum, default_value = "public")]
        audience: AudienceArg,
        /// The sender's address for `eml` (default: $EMAIL); the name is the configured
        /// rapporteur.
        #[arg(long, value_name = "ADDRESS")]
        from: Option<String>,
        /// Write one file per owner into this folder (created when missing).
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Write over files of the same names already in DIR.
        #[arg(long)]
        force: bool,
        /// Go on when files of the folder cannot be loaded: each is reported and left out
        /// (without this flag, any such file is an error).
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Outstanding actions (VTODO) and future meetings (VEVENT) as an iCalendar file.
    #[command(
        after_help = "Examples:\n  rapporteur ics meetings/ccscap -o ccscap.ics\n  rapporteur ics meetings/ccscap --owner ctu -o ctu.ics"
    )]
    Ics {
        /// Folder or file to search for the plan, minutes and agendas (default: the current folder).
        path: Option<PathBuf>,
        /// The plan, when the folder holds several.
        #[arg(long)]
        plan: Option<PathBuf>,
        /// Only the actions of this owner: a roster id, part of a name, or a free-text owner.
        #[arg(long)]
        owner: Option<String>,
        /// Meetings from this day on are listed (default: today).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
        /// Who it is for: `public` (default) leaves out confidential records.
        #[arg(long, value_enum, default_value = "public")]
        audience: AudienceArg,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Write over an existing output file (never over the file read, nor over a plan,
        /// agenda or minutes when writing another kind).
        #[arg(long)]
        force: bool,
        /// Go on when files of the folder cannot be loaded: each is reported and left out
        /// (without this flag, any such file is an error).
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Draft the next meeting's agenda from these minutes.
    #[command(
        after_help = "Example:\n  rapporteur next meetings/ccscap/2016-11-21-consle-17.minutes.toml --date 2017-05-15 -o meetings/ccscap/2017-05-15-consle-18.toml"
    )]
    Next {
        /// The minutes of the last meeting.
        minutes: PathBuf,
        /// The date of the next meeting.
        #[arg(long, value_parser = parse_date)]
        date: chrono::NaiveDate,
        /// Write the agenda here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Write over an existing output file (never over the file read, nor over a plan,
        /// agenda or minutes when writing another kind).
        #[arg(long)]
        force: bool,
        /// Go on when files of the folder cannot be loaded: each is reported and left out
        /// (without this flag, any such file is an error).
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Set a folder up for git: Markdown diffs and merges of minutes by meaning.
    #[command(
        after_help = "Example:\n  rapporteur init meetings\n\nWrites .gitattributes and .gitignore lines in FOLDER and the merge and diff\ndrivers in the repository's local git config (runs `git init` when FOLDER is not\nin a repository). Running it again changes nothing."
    )]
    Init {
        /// The folder (default: the current folder).
        folder: Option<PathBuf>,
    },
    /// Three-way merge of minutes by meaning; the git merge driver that `init` sets up.
    #[command(
        after_help = "Examples:\n  rapporteur merge-file base.minutes.toml ours.minutes.toml theirs.minutes.toml -o merged.minutes.toml\n  git config merge.rapporteur.driver 'rapporteur merge-file %O %A %B %P'\n\nExit status: 0 merged cleanly (canonical bytes), 1 conflict (written in a form\n`check` rejects), 2 usage, I/O or invalid input (nothing written)."
    )]
    MergeFile {
        /// The common ancestor (git's %O); an empty file when both sides added the file.
        base: PathBuf,
        /// Our version (git's %A); the result is written here unless -o is given.
        ours: PathBuf,
        /// Their version (git's %B).
        theirs: PathBuf,
        /// The file's path in the repository (git's %P), named in messages.
        path: Option<PathBuf>,
        /// Write the result here ('-' for standard output) instead of into OURS.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Merge Markdown minutes (PATH is the .minutes.md): they are re-rendered from the
        /// merged .minutes.toml beside them.
        #[arg(long, requires = "path")]
        markdown: bool,
    },
    /// Print shell completions.
    #[command(
        after_help = "Example:\n  rapporteur completions bash > ~/.local/share/bash-completion/completions/rapporteur"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    #[command(after_help = "Example:\n  rapporteur man > rapporteur.1 && man ./rapporteur.1")]
    Man,
    /// Print the configuration in effect and where each value came from.
    #[command(after_help = "Example:\n  rapporteur config")]
    Config,
}

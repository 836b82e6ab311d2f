//! The command line, declared with clap: help, version, completions and the man page
//! all come from here.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Keyboard-driven minutes for committee meetings that review an action plan.
#[derive(Debug, Parser)]
#[command(
    name = "rapporteur",
    version,
    about,
    long_about = "Keyboard-driven minutes for committee meetings that review an action plan.\n\n\
        With no command, opens the bundled sample meeting (meetings/ccscap).",
    after_help = "Examples:\n  rapporteur open meetings/ccscap/2016-11-21-consle-17.toml\n  rapporteur check meetings\n  rapporteur outstanding meetings/ccscap --overdue"
)]
pub struct Cli {
    /// Colour theme: a built-in name (default, light, high-contrast, monochrome), a user
    /// theme name, or a path to a theme file.
    #[arg(long, global = true, value_name = "NAME|PATH")]
    pub theme: Option<String>,

    /// What to do; with none, the sample meeting opens.
    #[command(subcommand)]
    pub command: Option<Command>,
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

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the live meeting screen for an agenda; minutes are written beside it.
    #[command(after_help = "Example:\n  rapporteur open meetings/ccscap/2016-11-21-consle-17.toml")]
    Open {
        /// The agenda file.
        agenda: PathBuf,
        /// Look without recording (also what you get when another instance holds the minutes).
        #[arg(long)]
        read_only: bool,
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
    },
    /// Record that a later meeting approved these minutes.
    #[command(
        after_help = "Example:\n  rapporteur approve meetings/ccscap/2016-03-15-csm-ii.minutes.toml --at consle-17"
    )]
    Approve {
        /// The minutes file.
        minutes: PathBuf,
        /// The id of the meeting that approved them.
        #[arg(long, value_name = "MEETING_ID")]
        at: String,
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

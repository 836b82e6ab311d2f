//! The user's configuration: `$XDG_CONFIG_HOME/rapporteur/config.toml`, and where each
//! value in effect came from.

use std::path::PathBuf;

use crate::load::reader::Fields;
use crate::load::{Problem, locate_all};

pub use crate::model::dates::DateStyle;

/// Where a value in effect came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Nobody set it.
    Default,
    /// The config file.
    File(PathBuf),
    /// An environment variable.
    Env(&'static str),
    /// A command-line flag.
    Flag(&'static str),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(p) => write!(f, "{}", crate::text::inert_line(&p.display().to_string())),
            Origin::Env(v) => write!(f, "environment {v}"),
            Origin::Flag(v) => write!(f, "flag {v}"),
        }
    }
}

/// The configuration in effect.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Theme name or path.
    pub theme: (String, Origin),
    /// The rapporteur's name, written into agendas drafted by `next`.
    pub rapporteur: (Option<String>, Origin),
    /// How dates are shown.
    pub dates: (DateStyle, Origin),
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: ("default".to_string(), Origin::Default),
            rapporteur: (None, Origin::Default),
            dates: (DateStyle::Iso, Origin::Default),
        }
    }
}

pub use crate::paths::{config_dir, state_dir};

/// The config file's path.
pub fn config_path() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.toml"))
}

/// Reads the config file if there is one; a bad file is an error with `file:line:col`.
pub fn load(theme_flag: Option<&str>) -> Result<Config, String> {
    let mut config = Config::default();
    if let Some(path) = config_path().filter(|p| p.exists()) {
        let text = crate::fsafe::read_to_string(&path).map_err(|e| {
            format!(
                "{}: cannot read: {e}",
                crate::text::inert_line(&path.display().to_string())
            )
        })?;
        let mut problems: Vec<Problem> = Vec::new();
        match toml::de::DeTable::parse(&text) {
            Err(e) => problems.push(Problem::error(
                e.span().unwrap_or(0..0),
                format!("TOML syntax: {}", e.message()),
            )),
            Ok(root) => {
                let known = &["theme", "rapporteur", "dates"];
                let mut f = Fields::new(
                    root.get_ref(),
                    0..0,
                    "the config file",
                    known,
                    &mut problems,
                );
                let theme = f.opt_str("theme");
                let rapporteur = f.opt_str("rapporteur");
                let dates = f.opt_str("dates");
                let origin = Origin::File(path.clone());
                if let Some(t) = theme {
                    config.theme = (t.value, origin.clone());
                }
                if let Some(r) = rapporteur {
                    config.rapporteur = (Some(r.value), origin.clone());
                }
                if let Some(d) = dates {
                    match d.value.as_str() {
                        "iso" => config.dates = (DateStyle::Iso, origin),
                        "day" => config.dates = (DateStyle::Day, origin),
                        other => f.problem(Problem::error(
                            d.span,
                            format!("dates {} is not valid: use 'iso' (2017-03-31) or 'day' (31 Mar 2017)", crate::text::quoted(other)),
                        )),
                    }
                }
                f.finish();
            }
        }
        if !problems.is_empty() {
            let diags = locate_all(&path, &text, problems);
            return Err(diags.iter().map(|d| d.render(false)).collect());
        }
    }
    if let Some(t) = theme_flag {
        config.theme = (t.to_string(), Origin::Flag("--theme"));
    }
    Ok(config)
}

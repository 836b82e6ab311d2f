//! Where the user's files live (configuration, themes, unsaved work): a leaf that
//! `config`, theme loading and the live screen use.

use std::path::PathBuf;

/// `$XDG_CONFIG_HOME/rapporteur`, or `~/.config/rapporteur`.
pub fn config_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("rapporteur"))
}

/// `$XDG_STATE_HOME/rapporteur`, or `~/.local/state/rapporteur`: where unsaved work goes
/// when it cannot be kept beside the minutes.
pub fn state_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("state"))
        })?;
    Some(base.join("rapporteur"))
}

//! The ways out of the live screen: quit, a terminal error, a signal, a terminal that is
//! gone, a panic. Each one ends the same way: the terminal given back (unless it is gone),
//! a last write of the minutes, whatever is still unsaved kept in the draft or in the
//! user's state folder, the lock released.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ratatui::crossterm::event::{DisableBracketedPaste, DisableMouseCapture};
use ratatui::crossterm::execute;

use super::draft;
use crate::minutes::lock::MinutesLock;
use crate::minutes::store;

/// What every way out (quit, error, signal, a terminal that is gone, panic) needs to
/// leave nothing behind: the unsaved record, the text being typed, the lock.
pub(super) struct Shared {
    pub(super) draft: Option<draft::Draft>,
    pub(super) draft_path: PathBuf,
    pub(super) minutes_path: PathBuf,
    pub(super) lock: Option<MinutesLock>,
    pub(super) private: bool,
    /// The record and the Markdown of the last write that failed (cleared by a success).
    pub(super) unsaved: Option<Unsaved>,
    /// The draft file on disk still holds a record restored from it: once the minutes
    /// are written, it must not be restored again over newer minutes.
    pub(super) draft_holds_minutes: bool,
}

/// Minutes text that could not be put on disk yet.
#[derive(Debug, Clone)]
pub(super) struct Unsaved {
    pub(super) toml: String,
    pub(super) markdown: String,
}

impl Shared {
    /// Writes the draft beside the minutes.
    pub(super) fn save_draft(&self) -> std::io::Result<()> {
        match &self.draft {
            Some(d) => draft::write(&self.draft_path, d, self.private),
            None => Ok(()),
        }
    }

    /// The last words on every way out: a last write of the minutes, then whatever is
    /// still unsaved into the draft (or, if that fails too, into the user's state folder),
    /// then the lock released. Returns what to tell the user on stderr.
    pub(super) fn last_words(&mut self) -> Vec<String> {
        self.last_words_with(crate::config::state_dir())
    }

    /// [`Shared::last_words`] with the state folder given.
    fn last_words_with(&mut self, state_dir: Option<PathBuf>) -> Vec<String> {
        let mut said = Vec::new();
        if self.unsaved.is_some() && self.lock.is_none() {
            self.lock = MinutesLock::acquire(&self.minutes_path, self.private).ok();
        }
        if let Some(u) = self.unsaved.as_ref().filter(|_| self.lock.is_some()) {
            let written = store::write_atomic(&self.minutes_path, u.toml.as_bytes(), self.private)
                .and_then(|()| {
                    store::write_atomic(
                        &store::markdown_path(&self.minutes_path),
                        u.markdown.as_bytes(),
                        self.private,
                    )
                });
            if written.is_ok() {
                self.unsaved = None;
                said.push(format!(
                    "the minutes were written on the way out: {}",
                    shown(&self.minutes_path)
                ));
            }
        }
        let leftover = match (&self.draft, &self.unsaved) {
            (None, None) => None,
            (d, u) => {
                let mut d = d.clone().unwrap_or_else(|| draft::Draft::only_minutes(""));
                d.minutes = u.as_ref().map(|u| u.toml.clone());
                Some(d)
            }
        };
        match leftover {
            None => {
                if self.lock.is_some() {
                    let _ = std::fs::remove_file(&self.draft_path);
                }
            }
            Some(d) => {
                let beside = if self.lock.is_some() {
                    draft::write(&self.draft_path, &d, self.private)
                } else {
                    Err(std::io::Error::other("the minutes' lock is not held"))
                };
                match beside {
                    Ok(()) if d.minutes.is_some() => said.push(format!(
                        "the minutes could not be written; the changes were kept in {} and are \
                         restored when you reopen this agenda",
                        shown(&self.draft_path)
                    )),
                    Ok(()) => said.push(
                        "unconfirmed text was kept and will be offered back when you reopen \
                         this agenda"
                            .into(),
                    ),
                    Err(e) => said.extend(self.keep_in_state_folder(state_dir, &d, &e)),
                }
            }
        }
        if let Some(lock) = self.lock.take() {
            drop(lock);
        }
        said
    }

    /// Writes what could not be kept beside the minutes into `$XDG_STATE_HOME/rapporteur/`.
    fn keep_in_state_folder(
        &self,
        state_dir: Option<PathBuf>,
        d: &draft::Draft,
        why: &std::io::Error,
    ) -> Vec<String> {
        let name = self
            .minutes_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "minutes".into());
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let mut said = vec![format!(
            "cannot keep the unsaved work beside the minutes ({why})"
        )];
        let Some(dir) = state_dir else {
            said.push(
                "and no state folder is known (set XDG_STATE_HOME or HOME): it is lost".into(),
            );
            return said;
        };
        let written = create_private_dir(&dir).and_then(|()| {
            let mut files = Vec::new();
            if let Some(toml) = &d.minutes {
                let f = dir.join(format!("{name}.{stamp}.unsaved.toml"));
                store::write_atomic(&f, toml.as_bytes(), true)?;
                files.push(format!(
                    "the minutes as recorded: {} (copy it over {} when the folder is writable)",
                    shown(&f),
                    shown(&self.minutes_path)
                ));
            }
            if !d.text.trim().is_empty() {
                let f = dir.join(format!("{name}.{stamp}.draft.toml"));
                let mut text_only = d.clone();
                text_only.minutes = None;
                draft::write(&f, &text_only, true)?;
                files.push(format!("the text being typed: {}", shown(&f)));
            }
            Ok(files)
        });
        match written {
            Ok(files) => {
                said.push(format!("kept in the state folder {}:", shown(&dir)));
                said.extend(files.into_iter().map(|f| format!("  {f}")));
            }
            Err(e) => said.push(format!(
                "and the state folder {} cannot be written either ({e}): it is lost",
                shown(&dir)
            )),
        }
        said
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

fn shown(p: &Path) -> String {
    crate::text::inert_line(&p.display().to_string()).into_owned()
}

/// Gives the terminal back: mouse and paste modes off, cursor shown, raw mode off, main
/// screen.
pub(super) fn restore_terminal() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        ratatui::crossterm::cursor::Show
    );
    ratatui::restore();
}

/// Runs the last words and exits; for the signal thread and a terminal that is gone,
/// which must not touch the terminal (after SIGHUP it is gone, and touching it could block).
pub(super) fn leave(shared: &Mutex<Shared>, restore: bool, status: i32) -> ! {
    // Waits for a write in progress to finish: the mutex also guards writes.
    let said = {
        let mut guard = shared.lock().unwrap_or_else(|p| p.into_inner());
        guard.last_words()
    };
    if restore {
        restore_terminal();
    }
    for line in said {
        crate::errln!("{line}");
    }
    std::process::exit(status);
}

/// Watches for SIGHUP, SIGTERM, SIGINT and SIGQUIT: each takes the way out. `screen`: a
/// full-screen terminal to give back (never after SIGHUP); the line mode has none, and
/// writes no escape sequence on its way out.
pub(super) fn install_signal_thread(
    shared: Arc<Mutex<Shared>>,
    screen: bool,
) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                // After SIGHUP the terminal is gone; otherwise give it back.
                leave(&shared, screen && sig != SIGHUP, 128 + sig);
            }
        })?;
    Ok(())
}

/// A closed terminal whose SIGHUP was blocked by the parent never sends the signal, and
/// crossterm's reader then spins on end-of-file without returning. This thread notices
/// that the terminal is no longer one and takes the signal path.
pub(super) fn watch_for_a_terminal_gone(shared: Arc<Mutex<Shared>>) {
    use std::io::IsTerminal;
    let watch_in = std::io::stdin().is_terminal();
    let watch_out = std::io::stdout().is_terminal();
    if !watch_in && !watch_out {
        return;
    }
    let _ = std::thread::Builder::new()
        .name("terminal-watch".into())
        .spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(200));
                let gone = (watch_in && !std::io::stdin().is_terminal())
                    || (watch_out && !std::io::stdout().is_terminal());
                if gone {
                    leave(&shared, false, 128 + signal_hook::consts::SIGHUP);
                }
            }
        });
}

/// For read-only screens: on SIGHUP or SIGTERM, give the terminal back (unless it is gone)
/// and exit, so a closed terminal never leaves the process spinning.
pub fn exit_on_signals() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    use std::io::IsTerminal;
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                if sig != SIGHUP {
                    restore_terminal();
                }
                std::process::exit(128 + sig);
            }
        })?;
    // A closed terminal with SIGHUP blocked: nothing to save here, just leave.
    let watch_in = std::io::stdin().is_terminal();
    let watch_out = std::io::stdout().is_terminal();
    if watch_in || watch_out {
        std::thread::Builder::new()
            .name("terminal-watch".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(Duration::from_millis(200));
                    if (watch_in && !std::io::stdin().is_terminal())
                        || (watch_out && !std::io::stdout().is_terminal())
                    {
                        std::process::exit(128 + SIGHUP);
                    }
                }
            })?;
    }
    Ok(())
}

/// On a panic: the terminal given back (`screen`; the line mode has no full screen and
/// writes no escape sequence), the panic message, then the last words as on every other
/// way out.
pub(super) fn install_panic_hook(shared: Arc<Mutex<Shared>>, screen: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if screen {
            restore_terminal();
        }
        previous(info);
        // A panic in the middle of a write leaves the mutex held: then the draft in it
        // is not reachable, and the record on disk is the last one written.
        if let Ok(mut s) = shared.try_lock() {
            for line in s.last_words() {
                crate::errln!("{line}");
            }
        }
    }));
}

/// A test hook of debug builds: with `RAPPORTEUR_TEST_PANIC_ON=%` in the environment, the
/// key `%` on the live screen (whatever the mode) or the line `%` in the line mode
/// panics, so the end-to-end tests can show that a panic still makes the last write and
/// gives the terminal back. Release builds have no such hook.
pub(crate) fn panic_if_asked(typed: &str) {
    #[cfg(debug_assertions)]
    {
        static ASKED: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
        let asked = ASKED.get_or_init(|| {
            std::env::var("RAPPORTEUR_TEST_PANIC_ON")
                .ok()
                .filter(|v| !v.is_empty())
        });
        assert!(
            asked.as_deref() != Some(typed),
            "panic asked for by RAPPORTEUR_TEST_PANIC_ON (a test hook of debug builds)"
        );
    }
    #[cfg(not(debug_assertions))]
    let _ = typed;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_cannot_be_written_anywhere_beside_the_minutes_goes_to_the_state_folder() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone");
        let mut s = Shared {
            draft: Some(draft::Draft {
                kind: draft::DraftKind::Decision,
                item: "1".into(),
                about: String::new(),
                text: "Being typed".into(),
                minutes: None,
                statement: None,
                vote: None,
            }),
            draft_path: draft::draft_path(&gone.join("m.minutes.toml")),
            minutes_path: gone.join("m.minutes.toml"),
            lock: None,
            private: false,
            draft_holds_minutes: false,
            unsaved: Some(Unsaved {
                toml: "# the record\n".into(),
                markdown: "# minutes\n".into(),
            }),
        };
        let state = dir.path().join("state/rapporteur");
        let said = s.last_words_with(Some(state.clone())).join("\n");
        assert!(said.contains(&state.display().to_string()), "{said}");
        let names: Vec<String> = std::fs::read_dir(&state)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let record = names.iter().find(|n| n.ends_with(".unsaved.toml")).unwrap();
        assert!(said.contains(record.as_str()), "named on stderr: {said}");
        assert_eq!(
            std::fs::read_to_string(state.join(record)).unwrap(),
            "# the record\n"
        );
        let typed = names.iter().find(|n| n.ends_with(".draft.toml")).unwrap();
        assert!(
            std::fs::read_to_string(state.join(typed))
                .unwrap()
                .contains("Being typed")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&state).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o700, "the state folder is private");
        }
    }

    #[test]
    fn a_last_write_on_the_way_out_puts_unsaved_minutes_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.minutes.toml");
        let mut s = Shared {
            draft: None,
            draft_path: draft::draft_path(&path),
            minutes_path: path.clone(),
            lock: None,
            private: false,
            draft_holds_minutes: false,
            unsaved: Some(Unsaved {
                toml: "# the record\n".into(),
                markdown: "# minutes\n".into(),
            }),
        };
        let said = s.last_words_with(None).join("\n");
        assert!(said.contains("written on the way out"), "{said}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# the record\n");
        assert!(store::markdown_path(&path).exists());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2, "no lock, draft or temporary left: {left:?}");
    }
}

//! The live meeting screen: state, actions, update, keymap, view, and the event loop.
//!
//! The loop is the only place with I/O: read an event, map it to an [`Action`], call
//! [`update::update`], carry out the [`Effect`] (write the minutes), draw. A change is on
//! disk before the frame that shows it is drawn.

pub mod action;
pub mod app;
pub mod draft;
pub mod fuzzy;
pub mod keymap;
pub mod layout;
pub mod review;
pub mod update;
pub mod view;
pub mod widgets;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

pub use action::{Action, Effect};
pub use app::App;

use crate::commands::{INVALID, OK, USAGE, report_load_error};
use crate::load::workspace::open_agenda;
use crate::minutes::lock::{LockError, MinutesLock};
use crate::minutes::store;
use app::{Message, SaveState};

/// The bundled sample agenda, opened by `rapporteur` with no command.
pub const SAMPLE_AGENDA: &str = "meetings/ccscap/2016-11-21-consle-17.toml";

/// Opens the bundled sample meeting: from the current folder, or from the source tree.
pub fn open_default(theme: Option<&str>) -> i32 {
    let here = PathBuf::from(SAMPLE_AGENDA);
    let path = if here.exists() {
        here
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE_AGENDA)
    };
    open(&path, theme, false)
}

/// What the signal thread and the panic hook need to leave nothing behind.
struct Shared {
    draft: Option<draft::Draft>,
    draft_path: PathBuf,
    lock_path: Option<PathBuf>,
    private: bool,
}

fn save_draft_now(s: &Shared) {
    if let Some(d) = &s.draft {
        let _ = draft::write(&s.draft_path, d, s.private);
    }
}

/// Gives the terminal back: mouse and paste modes off, raw mode off, main screen.
fn restore_terminal() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    ratatui::restore();
}

/// Opens the live screen on an agenda; returns the exit status.
pub fn open(path: &Path, theme_flag: Option<&str>, read_only: bool) -> i32 {
    let config = match crate::config::load(theme_flag) {
        Ok(c) => c,
        Err(e) => {
            crate::err!("{e}");
            return INVALID;
        }
    };
    let theme = match crate::theme::resolve(&config.theme.0) {
        Ok(t) => t,
        Err(e) => {
            crate::errln!("error: {e}");
            return USAGE;
        }
    };
    let opened = match open_agenda(path) {
        Ok(o) => o,
        Err(e) => return report_load_error(&e),
    };
    let private = opened.agenda.meeting.classification.is_some();
    let minutes_path = opened.minutes_path.clone();
    let lock = if read_only {
        None
    } else {
        match MinutesLock::acquire(&minutes_path, private) {
            Ok(l) => Some(l),
            Err(e @ LockError::Held { .. }) => {
                crate::errln!("error: {e}");
                return INVALID;
            }
            Err(e) => {
                crate::errln!("error: {e}");
                return USAGE;
            }
        }
    };
    let now = chrono::Local::now().naive_local();
    let mut app = App::new(opened, theme, now);
    app.dates = config.dates.0;
    if read_only {
        app.save = SaveState::ReadOnly("opened with --read-only: nothing is written".into());
    }
    let draft_path = draft::draft_path(&minutes_path);
    if let Some(d) = draft::read(&draft_path).filter(|_| !read_only) {
        app.mode = app::Mode::Recover(d);
    }
    let shared = Arc::new(Mutex::new(Shared {
        draft: None,
        draft_path: draft_path.clone(),
        lock_path: lock.as_ref().map(|l| l.path().to_path_buf()),
        private,
    }));
    if let Err(e) = install_signal_thread(shared.clone()) {
        crate::errln!("error: cannot watch for signals: {e}");
        return USAGE;
    }
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            crate::errln!("error: cannot start the terminal: {e}");
            return USAGE;
        }
    };
    install_panic_hook(shared.clone());
    let _ = execute!(std::io::stdout(), EnableBracketedPaste, EnableMouseCapture);
    if let Ok(size) = terminal.size() {
        app.size = (size.width, size.height);
    }
    let result = event_loop(&mut terminal, &mut app, &minutes_path, &shared);
    restore_terminal();
    let status = match result {
        Ok(()) => OK,
        Err(e) => {
            crate::errln!("error: {e}");
            USAGE
        }
    };
    // A draft with text still in a field is kept for the next session; otherwise none.
    let keep_draft = shared.lock().map(|s| s.draft.is_some()).unwrap_or(false);
    if keep_draft {
        if let Ok(s) = shared.lock() {
            save_draft_now(&s);
        }
        crate::errln!(
            "unconfirmed text was kept and will be offered back when you reopen this agenda"
        );
    } else {
        let _ = std::fs::remove_file(&draft_path);
    }
    drop(lock);
    if let SaveState::Failed(e) = &app.save {
        crate::errln!("error: the last changes could not be written: {e}");
        return USAGE;
    }
    status
}

fn install_signal_thread(shared: Arc<Mutex<Shared>>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                // Waits for a write in progress to finish: the lock also guards writes.
                let guard = shared.lock().unwrap_or_else(|p| p.into_inner());
                save_draft_now(&guard);
                if let Some(l) = &guard.lock_path {
                    let _ = std::fs::remove_file(l);
                }
                if sig != SIGHUP {
                    // The terminal is still there: give it back. After SIGHUP it is gone,
                    // and touching it could block or spin.
                    restore_terminal();
                }
                std::process::exit(128 + sig);
            }
        })?;
    Ok(())
}

/// For read-only screens: on SIGHUP or SIGTERM, give the terminal back (unless it is gone)
/// and exit, so a closed terminal never leaves the process spinning.
pub fn exit_on_signals() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
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
    Ok(())
}

fn install_panic_hook(shared: Arc<Mutex<Shared>>) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Ok(s) = shared.try_lock() {
            save_draft_now(&s);
        }
        restore_terminal();
        previous(info);
    }));
}

/// Writes the minutes (TOML record and Markdown) and records the outcome on screen.
fn save(app: &mut App, path: &Path, shared: &Mutex<Shared>) -> bool {
    let _guard = shared.lock().unwrap_or_else(|p| p.into_inner());
    let result = store::save_minutes(path, &app.minutes).and_then(|()| {
        let ctx = crate::minutes::markdown::Context {
            plan: Some(&app.plan),
            others: &app.others,
        };
        store::save_markdown(path, &app.minutes, &ctx)
    });
    match result {
        Ok(()) => {
            app.save = SaveState::Saved;
            true
        }
        Err(e) => {
            let msg = crate::text::inert_line(&format!("cannot write {}: {e}", path.display()))
                .into_owned();
            app.save = SaveState::Failed(msg);
            false
        }
    }
}

fn to_action(ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => None.or(Some(Action::Input(k))),
        Event::Paste(s) => Some(Action::Paste(s)),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            _ => None,
        },
        _ => None,
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    minutes_path: &Path,
    shared: &Mutex<Shared>,
) -> std::io::Result<()> {
    let tick = Duration::from_millis(250);
    let mut last_draft: Option<draft::Draft> = None;
    let mut draft_written = Instant::now() - Duration::from_secs(10);
    let mut draft_dirty = false;
    let mut quit_armed = false;
    loop {
        terminal.draw(|f| view::draw(app, f))?;
        let mut actions = Vec::new();
        if event::poll(tick)?
            && let Some(a) = to_action(event::read()?)
        {
            actions.push(a);
        }
        actions.push(Action::Tick(chrono::Local::now().naive_local()));
        for a in actions {
            let a = match a {
                Action::Input(k) => match keymap::action_for(app.mode.kind(), k) {
                    Some(a) => a,
                    None => continue,
                },
                other => other,
            };
            let is_quit = a == Action::Quit;
            match update::update(app, a) {
                Effect::None => {}
                Effect::Save => {
                    save(app, minutes_path, shared);
                }
                Effect::WriteNow => {
                    if save(app, minutes_path, shared) {
                        let md = store::markdown_path(minutes_path);
                        app.message = Some(Message::Info(format!(
                            "written: {} and {}",
                            crate::text::inert_line(&minutes_path.display().to_string()),
                            crate::text::inert_line(&md.display().to_string())
                        )));
                    }
                }
                Effect::DiscardDraft => {
                    let _ = std::fs::remove_file(
                        shared
                            .lock()
                            .map(|s| s.draft_path.clone())
                            .unwrap_or_default(),
                    );
                    last_draft = None;
                    draft_dirty = false;
                }
                Effect::Quit => {
                    if let SaveState::Failed(_) = app.save
                        && !app.undo.is_empty()
                        && !save(app, minutes_path, shared)
                        && !quit_armed
                    {
                        quit_armed = true;
                        app.message = Some(Message::Error(
                                "the minutes are not saved: fix the folder and press w, or quit again to leave without them".into(),
                            ));
                        continue;
                    }
                    return Ok(());
                }
            }
            if !is_quit {
                quit_armed = false;
            }
        }
        // Keep unconfirmed text where the signal thread sees it at once, and on disk
        // within a second of its last change.
        let current = draft::current(app);
        if current != last_draft {
            if let Ok(mut s) = shared.lock() {
                s.draft = current.clone();
            }
            if current.is_none() {
                let _ = std::fs::remove_file(
                    shared
                        .lock()
                        .map(|s| s.draft_path.clone())
                        .unwrap_or_default(),
                );
                draft_dirty = false;
            } else {
                draft_dirty = true;
            }
            last_draft = current;
        }
        if draft_dirty && draft_written.elapsed() >= Duration::from_secs(1) && !app.read_only() {
            if let Ok(s) = shared.lock() {
                save_draft_now(&s);
            }
            draft_written = Instant::now();
            draft_dirty = false;
        }
        let _ = std::io::stdout().flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(dir: &Path) -> Mutex<Shared> {
        Mutex::new(Shared {
            draft: None,
            draft_path: dir.join("d"),
            lock_path: None,
            private: false,
        })
    }

    #[test]
    fn a_failed_write_is_shown_kept_in_memory_and_retried() {
        let mut opened =
            open_agenda(Path::new("meetings/ccscap/2016-11-21-consle-17.toml")).unwrap();
        opened.minutes = None;
        let now = chrono::NaiveDate::from_ymd_opt(2016, 11, 21)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let mut app = App::new(opened, crate::theme::load("default").unwrap(), now);
        let dir = tempfile::tempdir().unwrap();
        // A folder that does not exist yet stands for a read-only folder or a full disk.
        let missing = dir.path().join("gone");
        let path = missing.join("m.minutes.toml");
        let lock = shared(dir.path());
        update::update(&mut app, Action::Decide);
        update::update(&mut app, Action::Paste("Kept in memory".into()));
        assert_eq!(update::update(&mut app, Action::Confirm), Effect::Save);
        assert!(!save(&mut app, &path, &lock));
        assert!(matches!(app.save, SaveState::Failed(ref e) if e.contains("cannot write")));
        assert_eq!(app.minutes.items[0].decisions[0].text, "Kept in memory");
        std::fs::create_dir_all(&missing).unwrap();
        assert!(
            save(&mut app, &path, &lock),
            "retried on the next change or w"
        );
        assert_eq!(app.save, SaveState::Saved);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("Kept in memory"));
        assert!(store::markdown_path(&path).exists());
    }
}

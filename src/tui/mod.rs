//! The live meeting screen: state, actions, update, keymap, view, and the event loop.
//!
//! The loop is the only place with I/O: read an event, map it to an [`Action`], call
//! [`update::update`], carry out the [`Effect`] (write the minutes), draw. A change is on
//! disk before the frame that shows it is drawn.

pub mod action;
pub mod app;
pub mod chooser;
pub mod draft;
pub mod edit;
mod exit;
pub mod fuzzy;
pub mod keymap;
pub mod layout;
pub mod persist;
pub mod record;
pub mod review;
pub mod rows;
mod taking;
pub mod target;
pub mod update;
pub mod view;
pub mod widgets;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, EnableBracketedPaste, EnableMouseCapture, Event, KeyEventKind, MouseButton,
    MouseEventKind,
};
use ratatui::crossterm::execute;

pub use action::{Action, Effect};
pub use app::App;

use crate::exit::{INVALID, OK, USAGE, report_invalid, report_load_error};
#[cfg(test)]
use crate::load::workspace::open_agenda;
use crate::load::workspace::open_agenda_skipping;
use crate::minutes::lock::{LockError, MinutesLock};
use crate::minutes::store;
use app::{Message, SaveState};
pub use exit::exit_on_signals;
pub(crate) use exit::panic_if_asked;
use exit::{
    Shared, Unsaved, install_panic_hook, install_signal_thread, restore_terminal,
    watch_for_a_terminal_gone,
};

/// Opens the live screen on an agenda; returns the exit status. Other minutes of the
/// folder that do not load are all reported and stop the opening, unless `skip_invalid`:
/// then they are left out and the screen says so. Approved minutes open read-only unless
/// `amend` asks to record a correction.
pub fn open(
    path: &Path,
    theme_flag: Option<&str>,
    read_only: bool,
    skip_invalid: bool,
    amend: bool,
) -> i32 {
    let Session {
        mut app,
        minutes_path,
        shared,
    } = match start(path, theme_flag, read_only, skip_invalid, amend, true) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            crate::errln!("error: cannot start the terminal: {e}");
            let said = shared
                .lock()
                .map(|mut s| s.last_words())
                .unwrap_or_default();
            for line in said {
                crate::errln!("{line}");
            }
            return USAGE;
        }
    };
    install_panic_hook(shared.clone(), true);
    watch_for_a_terminal_gone(shared.clone());
    let _ = execute!(std::io::stdout(), EnableBracketedPaste, EnableMouseCapture);
    if let Ok(size) = terminal.size() {
        app.screen.size = (size.width, size.height);
    }
    let result = event_loop(&mut terminal, &mut app, &minutes_path, &shared);
    restore_terminal();
    let status = match result {
        Ok(()) => OK,
        Err(e) => {
            crate::errln!("error: the terminal failed: {e}");
            USAGE
        }
    };
    finish(&shared, status)
}

/// An opened meeting, for either front end (the live screen or the line mode): the state,
/// where the minutes go, and what every way out needs (lock, draft, unsaved record). The
/// signal thread already watches it.
pub(crate) struct Session {
    /// The meeting's state.
    pub(crate) app: App,
    minutes_path: PathBuf,
    shared: Arc<Mutex<Shared>>,
}

impl Session {
    /// Writes the minutes (TOML record and Markdown); false when they could not be written
    /// (the reason is in the save state).
    pub(crate) fn save(&mut self) -> bool {
        save(&mut self.app, &self.minutes_path, &self.shared)
    }

    /// Writes now and says where, in the status message.
    pub(crate) fn write_now(&mut self) -> bool {
        write_now(&mut self.app, &self.minutes_path, &self.shared)
    }

    /// Where the minutes are written, in full: the record and its Markdown.
    pub(crate) fn written_where(&self) -> String {
        format!(
            "{} and {}",
            crate::text::inert_line(&self.minutes_path.display().to_string()),
            crate::text::inert_line(
                &store::markdown_path(&self.minutes_path)
                    .display()
                    .to_string()
            )
        )
    }

    /// True when the last write failed and the record is only in memory.
    pub(crate) fn unsaved(&self) -> bool {
        self.shared
            .lock()
            .map(|s| s.unsaved.is_some())
            .unwrap_or(false)
    }

    /// For the line mode: a panic still makes the last write and keeps what is unsaved
    /// (beside the minutes, else in the state folder), writing no escape sequence.
    pub(crate) fn keep_the_record_on_a_panic(&self) {
        install_panic_hook(self.shared.clone(), false);
    }

    /// The last words on the way out; returns the exit status.
    pub(crate) fn finish(self, status: i32) -> i32 {
        finish(&self.shared, status)
    }
}

/// The last words (a last write, what is unsaved kept, the lock released), said on
/// stderr; the status becomes 2 when something stayed unsaved.
fn finish(shared: &Mutex<Shared>, mut status: i32) -> i32 {
    let (said, unsaved) = match shared.lock() {
        Ok(mut s) => {
            let said = s.last_words();
            (said, s.unsaved.is_some())
        }
        Err(_) => (Vec::new(), false),
    };
    for line in said {
        crate::errln!("{line}");
    }
    if unsaved {
        status = USAGE;
    }
    status
}

/// Opens a meeting for a front end: configuration, theme, the agenda and its minutes (and
/// the folder's other minutes, reported when they do not load), the lock, a draft left by
/// an earlier session, the signal thread. `screen` says whether a signal must give a
/// full-screen terminal back. Returns the exit status when it cannot.
pub(crate) fn start(
    path: &Path,
    theme_flag: Option<&str>,
    read_only: bool,
    skip_invalid: bool,
    amend: bool,
    screen: bool,
) -> Result<Session, i32> {
    let config = match crate::config::load(theme_flag) {
        Ok(c) => c,
        Err(e) => {
            crate::err!("{e}");
            return Err(INVALID);
        }
    };
    let theme = match crate::load::theme::resolve(&config.theme.0) {
        Ok(t) => t,
        Err(e) => {
            crate::errln!("error: {e}");
            return Err(USAGE);
        }
    };
    let (mut opened, invalid) = match open_agenda_skipping(path) {
        Ok(o) => o,
        Err(e) => return Err(report_load_error(&e)),
    };
    let invalid: Vec<&crate::load::folder::Invalid> = invalid.iter().collect();
    report_invalid(&invalid, skip_invalid)?;
    let approved = opened
        .minutes
        .as_ref()
        .is_some_and(|m| m.state == crate::model::MinutesState::Approved);
    if amend && !approved {
        crate::errln!(
            "error: --amend corrects approved minutes, and {} has none approved: open it without --amend",
            crate::text::inert_line(&path.display().to_string())
        );
        return Err(USAGE);
    }
    // Approved minutes are read-only: no lock, no draft, no write, unless amending.
    let read_only = read_only || (approved && !amend);
    let approved_on = opened
        .minutes
        .as_ref()
        .and_then(|m| m.approved_at.as_deref())
        .and_then(|id| {
            let dir = path.parent().unwrap_or(Path::new("."));
            crate::load::workspace::meeting_date(dir, id, &opened.others)
        })
        .map(|d| config.dates.0.format(d));
    let private = opened.agenda.meeting.classification.is_some();
    let minutes_path = opened.minutes_path.clone();
    let draft_path = draft::draft_path(&minutes_path);
    // A draft left by an earlier session, only read here (its files are touched once the
    // lock is held); offered also when the folder cannot be written now: the text comes
    // back into memory.
    let mut found = draft::read(&draft_path).filter(|_| !read_only);
    let recovered = found
        .as_mut()
        .and_then(|d| d.minutes.take())
        .and_then(|text| draft::minutes_from(&text, &opened.agenda.meeting.id));
    if let Some(m) = &recovered {
        opened.minutes = Some(m.clone());
    }
    let now = chrono::Local::now().naive_local();
    let mut app = App::new(opened, theme, now);
    app.screen.dates = config.dates.0;
    if !invalid.is_empty() {
        app.screen.message = Some(Message::Error(format!(
            "left out {} minutes file(s) that do not load (--skip-invalid): matters arising may be incomplete",
            invalid.len()
        )));
    }
    if read_only {
        app.record.save = SaveState::ReadOnly("opened with --read-only: nothing is written".into());
    }
    app.record.follow_approval(amend, approved_on);
    if amend {
        app.screen.message = Some(Message::Info(
            "correcting approved minutes: each change is recorded as an amendment".into(),
        ));
    }
    // The lock is taken once the screen state is built, and the signal thread watches
    // it right after: a signal while a large plan loads leaves no lock behind.
    // A folder that cannot be written (full disk, read-only share) does not stop the
    // meeting: the minutes are kept in memory, the failure is shown, writes are retried.
    let mut cannot_lock = None;
    let lock = if read_only {
        None
    } else {
        match MinutesLock::acquire(&minutes_path, private) {
            Ok(l) => Some(l),
            Err(e @ LockError::Held { .. }) => {
                crate::errln!("error: {e}");
                return Err(INVALID);
            }
            Err(e) => {
                cannot_lock = Some(e.to_string());
                None
            }
        }
    };
    if lock.is_some() {
        // Temporaries of a writer killed mid-write: nobody else can own them now.
        for f in [
            minutes_path.clone(),
            store::markdown_path(&minutes_path),
            draft_path.clone(),
        ] {
            crate::fsafe::remove_stale_temporaries(&f);
        }
    }
    let shared = Arc::new(Mutex::new(Shared {
        draft: None,
        draft_path: draft_path.clone(),
        minutes_path: minutes_path.clone(),
        lock,
        private,
        unsaved: None,
        draft_holds_minutes: recovered.is_some(),
    }));
    if let Err(e) = install_signal_thread(shared.clone(), screen) {
        crate::errln!("error: cannot watch for signals: {e}");
        return Err(USAGE);
    }
    if let Some(why) = cannot_lock {
        app.record.save = SaveState::Failed(crate::text::inert_line(&why).into_owned());
    }
    if let Some(d) = found.filter(draft::Draft::offers_something) {
        let (d, note) = draft::validate(d, &app);
        if let Some(note) = note {
            app.screen.message = Some(Message::Error(note));
        }
        app.screen.mode = app::Mode::Recover(d);
    }
    if let Ok(mut s) = shared.lock() {
        s.draft = draft::current(&app);
    }
    // The record restored from the draft goes to disk at once; the text being typed in
    // the draft stays offered.
    if recovered.is_some() && save(&mut app, &minutes_path, &shared) {
        app.screen.message = Some(Message::Info(
            "restored the changes that could not be written last time".into(),
        ));
    }
    Ok(Session {
        app,
        minutes_path,
        shared,
    })
}

/// Writes the minutes (TOML record and Markdown) and records the outcome on screen.
fn save(app: &mut App, path: &Path, shared: &Mutex<Shared>) -> bool {
    save_with(app, path, shared, true)
}

/// Writes the TOML record, and the Markdown when `markdown` is true (after a change the
/// loop writes the Markdown once the frame is drawn: [`write_markdown`]). A failed write
/// keeps both texts for the retry and the ways out.
fn save_with(app: &mut App, path: &Path, shared: &Mutex<Shared>, markdown: bool) -> bool {
    if app.read_only() {
        // Read-only means read-only: no minutes, Markdown or temporary file, ever.
        return false;
    }
    let mut guard = shared.lock().unwrap_or_else(|p| p.into_inner());
    let toml = match persist::render_toml(app) {
        Ok(t) => t,
        Err(e) => {
            app.record.save = SaveState::Failed(e);
            return false;
        }
    };
    let md = markdown.then(|| persist::render_markdown(app));
    let unsaved = |app: &App, md: Option<String>, toml: String| Unsaved {
        toml,
        markdown: md.unwrap_or_else(|| persist::render_markdown(app)),
    };
    // Without the lock (the folder could not be written at open) take it first.
    if guard.lock.is_none() {
        match MinutesLock::acquire(path, guard.private) {
            Ok(l) => {
                guard.lock = Some(l);
                for f in [path.to_path_buf(), store::markdown_path(path)] {
                    crate::fsafe::remove_stale_temporaries(&f);
                }
            }
            Err(e) => {
                let msg = format!("cannot write {}: {e}", path.display());
                app.record.save = SaveState::Failed(crate::text::inert_line(&msg).into_owned());
                guard.unsaved = Some(unsaved(app, md, toml));
                return false;
            }
        }
    }
    let private = guard.private;
    let result = store::write_atomic(path, toml.as_bytes(), private).and_then(|()| match &md {
        Some(md) => store::write_atomic(&store::markdown_path(path), md.as_bytes(), private),
        None => Ok(()),
    });
    match result {
        Ok(()) => {
            app.record.save = SaveState::Saved;
            app.record.written = Some(chrono::Local::now().naive_local());
            guard.unsaved = None;
            if guard.draft_holds_minutes {
                guard.draft_holds_minutes = false;
                let _ = match &guard.draft {
                    Some(_) => guard.save_draft(),
                    None => std::fs::remove_file(&guard.draft_path),
                };
            }
            true
        }
        Err(e) => {
            let msg = crate::text::inert_line(&format!("cannot write {}: {e}", path.display()))
                .into_owned();
            app.record.save = SaveState::Failed(msg);
            guard.unsaved = Some(unsaved(app, md, toml));
            false
        }
    }
}

/// Writes now and says where (`w`).
fn write_now(app: &mut App, minutes_path: &Path, shared: &Mutex<Shared>) -> bool {
    let written = save(app, minutes_path, shared);
    if written {
        // One status line at 80 columns: the file's name (the folder is on the line the
        // message replaces, and the Markdown is beside the record).
        let name = minutes_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        app.screen.message = Some(Message::Info(format!(
            "written: {} and its .md",
            crate::text::inert_line(&name)
        )));
    }
    written
}

/// Writes the Markdown after the record: rendering it for a meeting of thousands of
/// decisions costs as much as the record, so it follows the frame instead of delaying it.
/// A failure goes through the full write, which says so, keeps both texts and retries.
fn write_markdown(app: &mut App, path: &Path, shared: &Mutex<Shared>) {
    if app.read_only() {
        return;
    }
    let md = persist::render_markdown(app);
    let private = shared.lock().map(|g| g.private).unwrap_or(true);
    if store::write_atomic(&store::markdown_path(path), md.as_bytes(), private).is_err() {
        save(app, path, shared);
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

/// How old the draft on disk may get while text is being typed.
const DRAFT_EVERY: Duration = Duration::from_millis(500);
/// How often a failed write is retried without a change.
const RETRY_EVERY: Duration = Duration::from_secs(3);

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    minutes_path: &Path,
    shared: &Mutex<Shared>,
) -> std::io::Result<()> {
    let tick = Duration::from_millis(250);
    // The draft in the shared state from the first frame: a key pressed during the first
    // wait must not find it empty.
    let mut last_draft = draft::current(app);
    if let Ok(mut s) = shared.lock() {
        s.draft = last_draft.clone();
    }
    let mut draft_written = Instant::now() - Duration::from_secs(10);
    let mut draft_dirty = last_draft.is_some();
    let mut quit_armed = false;
    let mut last_attempt = Instant::now();
    // The Markdown of the last change, not written yet.
    let mut markdown_due = false;
    loop {
        terminal.draw(|f| view::draw(app, f))?;
        // The frame shows the change (its record is on disk): now the Markdown, unless more
        // keys are already waiting.
        if markdown_due && !event::poll(Duration::ZERO)? {
            markdown_due = false;
            write_markdown(app, minutes_path, shared);
        }
        let mut actions = Vec::new();
        // Wake in time to keep the draft within DRAFT_EVERY of the last keystroke.
        // Work in progress (a long search being scored) goes on while no key comes.
        let wait = if app.busy() {
            Duration::ZERO
        } else if draft_dirty {
            tick.min(DRAFT_EVERY.saturating_sub(draft_written.elapsed()))
        } else {
            tick
        };
        if event::poll(wait)? {
            if let Some(a) = to_action(event::read()?) {
                actions.push(a);
            }
        } else if app.busy() {
            actions.push(Action::Work);
        }
        actions.push(Action::Tick(chrono::Local::now().naive_local()));
        for a in actions {
            let from_user = !matches!(a, Action::Tick(_) | Action::Resize(..) | Action::Work);
            if let Action::Input(k) = &a
                && let ratatui::crossterm::event::KeyCode::Char(c) = k.code
            {
                exit::panic_if_asked(c.encode_utf8(&mut [0; 4]));
            }
            let a = match a {
                Action::Input(k) => match keymap::action_for(app.screen.mode.kind(), k) {
                    Some(a) => a,
                    None => continue,
                },
                other => other,
            };
            let is_quit = a == Action::Quit;
            // Quitting leaves the item under discussion (the closing time): written below.
            let before_quit = is_quit.then(|| app.record.minutes.clone());
            match update::update(app, a) {
                Effect::None => {}
                Effect::Save => {
                    markdown_due = save_with(app, minutes_path, shared, false);
                    last_attempt = Instant::now();
                }
                Effect::WriteNow => {
                    last_attempt = Instant::now();
                    markdown_due = false;
                    write_now(app, minutes_path, shared);
                }
                Effect::DiscardDraft if app.read_only() => {}
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
                    let still = shared.lock().map(|s| s.unsaved.is_some()).unwrap_or(false);
                    if markdown_due && !still {
                        markdown_due = false;
                        write_markdown(app, minutes_path, shared);
                    }
                    let unsaved = shared.lock().map(|s| s.unsaved.is_some()).unwrap_or(false)
                        || before_quit.is_some_and(|b| b != app.record.minutes);
                    if unsaved && !save(app, minutes_path, shared) && !quit_armed {
                        quit_armed = true;
                        app.screen.message = Some(Message::Error(
                            "the minutes are not saved: fix the folder and press w, or quit \
                             again to leave them in the draft"
                                .into(),
                        ));
                        continue;
                    }
                    if let Ok(mut s) = shared.lock() {
                        s.draft = draft::current(app);
                    }
                    return Ok(());
                }
            }
            // Only another key disarms the second quit, not the clock.
            if from_user && !is_quit {
                quit_armed = false;
            }
        }
        // A failed write is retried on its own, so freeing space is enough.
        if matches!(app.record.save, SaveState::Failed(_)) && last_attempt.elapsed() >= RETRY_EVERY
        {
            last_attempt = Instant::now();
            let unsaved = shared.lock().map(|s| s.unsaved.is_some()).unwrap_or(false);
            if unsaved && save(app, minutes_path, shared) {
                app.screen.message = Some(Message::Info("the minutes are written again".into()));
            }
        }
        // Keep unconfirmed text where the signal thread sees it at once, and on disk
        // within DRAFT_EVERY of its last change.
        // A read-only screen keeps no draft: it writes no file at all.
        let current = if app.read_only() {
            None
        } else {
            draft::current(app)
        };
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
        if draft_dirty && draft_written.elapsed() >= DRAFT_EVERY && !app.read_only() {
            let written = shared.lock().map(|s| s.save_draft());
            if let Ok(Err(e)) = written {
                app.screen.message = Some(Message::Error(format!(
                    "the text being typed cannot be kept as a draft: {}",
                    crate::text::inert_line(&e.to_string())
                )));
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
            minutes_path: dir.join("m.minutes.toml"),
            lock: None,
            private: false,
            unsaved: None,
            draft_holds_minutes: false,
        })
    }

    /// The sample meeting before anything was recorded, at its opening time.
    fn fresh_sample() -> App {
        let mut opened =
            open_agenda(Path::new("meetings/ccscap/2016-11-21-consle-17.toml")).unwrap();
        opened.minutes = None;
        let now = chrono::NaiveDate::from_ymd_opt(2016, 11, 21)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        App::new(opened, crate::load::theme::load("default").unwrap(), now)
    }

    /// `w` says where it wrote in one status line that fits 80 columns, however deep the
    /// folder.
    #[test]
    fn the_write_message_is_whole_at_80x24() {
        let mut app = fresh_sample();
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("secretariat/committees/ccscap/2016");
        std::fs::create_dir_all(&deep).unwrap();
        let path = deep.join("2016-11-21-consle-17.minutes.toml");
        let lock = shared(dir.path());
        assert!(write_now(&mut app, &path, &lock));
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        t.draw(|f| view::draw(&app, f)).unwrap();
        let buf = t.backend().buffer().clone();
        let rows: Vec<String> = (0..24)
            .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect())
            .collect();
        let said = "written: 2016-11-21-consle-17.minutes.toml and its .md";
        assert!(
            rows.iter().any(|r| r.trim_end().ends_with(said)),
            "{}",
            rows.join("\n")
        );
    }

    #[test]
    fn a_failed_write_is_shown_kept_in_memory_and_retried() {
        let mut app = fresh_sample();
        let dir = tempfile::tempdir().unwrap();
        // A folder that does not exist yet stands for a read-only folder or a full disk.
        let missing = dir.path().join("gone");
        let path = missing.join("m.minutes.toml");
        let lock = shared(dir.path());
        update::update(&mut app, Action::Decide);
        update::update(&mut app, Action::Paste("Kept in memory".into()));
        assert_eq!(update::update(&mut app, Action::Confirm), Effect::Save);
        assert!(!save(&mut app, &path, &lock));
        assert!(matches!(app.record.save, SaveState::Failed(ref e) if e.contains("cannot write")));
        assert_eq!(
            app.record.minutes.items[0].decisions[0].text,
            "Kept in memory"
        );
        std::fs::create_dir_all(&missing).unwrap();
        assert!(
            save(&mut app, &path, &lock),
            "retried on the next change or w"
        );
        assert_eq!(app.record.save, SaveState::Saved);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("Kept in memory"));
        assert!(store::markdown_path(&path).exists());
    }

    #[test]
    fn after_a_change_the_record_is_written_before_the_frame_and_the_markdown_after_it() {
        let mut opened = open_agenda(Path::new("tests/fixtures/senate/m1.toml")).unwrap();
        opened.minutes = None;
        let now = chrono::NaiveDate::from_ymd_opt(2016, 11, 21)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let mut app = App::new(opened, crate::load::theme::load("default").unwrap(), now);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.minutes.toml");
        let md = store::markdown_path(&path);
        let lock = shared(dir.path());
        update::update(&mut app, Action::Decide);
        update::update(&mut app, Action::Paste("Adopt the report".into()));
        assert_eq!(update::update(&mut app, Action::Confirm), Effect::Save);
        assert!(save_with(&mut app, &path, &lock, false));
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("Adopt the report")
        );
        assert!(!md.exists(), "the Markdown follows the frame");
        write_markdown(&mut app, &path, &lock);
        assert_eq!(
            std::fs::read_to_string(&md).unwrap(),
            persist::render_markdown(&app)
        );
        // A Markdown that cannot be written goes through the full write: shown, both texts
        // kept for the retry and the ways out.
        std::fs::remove_file(&md).unwrap();
        std::fs::create_dir(&md).unwrap();
        write_markdown(&mut app, &path, &lock);
        assert!(matches!(app.record.save, SaveState::Failed(_)));
        let kept = lock.lock().unwrap().unsaved.clone().unwrap();
        assert!(kept.markdown.contains("Adopt the report"));
    }

    #[test]
    fn ctrl_c_quits_from_help_and_from_the_recovery_prompt() {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut opened = open_agenda(Path::new(
            "tests/fixtures/hostile/fisheries/2022-02-10-tcc-1.toml",
        ))
        .unwrap();
        opened.minutes = None;
        let now = chrono::NaiveDate::from_ymd_opt(2022, 2, 10)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let mut app = App::new(opened, crate::load::theme::load("default").unwrap(), now);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        let d = draft::Draft::only_minutes("1");
        for mode in [app::Mode::Help { scroll: 0 }, app::Mode::Recover(d)] {
            app.screen.mode = mode.clone();
            let action = keymap::action_for(app.screen.mode.kind(), ctrl_c);
            assert_eq!(action, Some(Action::Quit), "{mode:?}");
            assert_eq!(update::update(&mut app, Action::Quit), Effect::Quit);
            if mode.kind() == app::ModeKind::Recover {
                assert_eq!(
                    app.screen.mode.kind(),
                    app::ModeKind::Recover,
                    "still offered, so the draft is kept"
                );
            }
        }
    }
}

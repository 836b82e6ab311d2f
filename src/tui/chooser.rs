//! `rapporteur` with no command: the meetings found under the current folder, newest
//! first, in a small list; Enter opens the chosen one on the live screen. Where there are
//! none, it says how to start.
//!
//! Nothing here depends on where the binary was built: the search starts at the current
//! folder and goes at most [`DEPTH`] folders down (a repository root holding
//! `meetings/<plan>/` is two), skipping hidden folders, `target/` and symbolic links.

use std::fmt::Write;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::widgets::window;
use crate::load::Kind;
use crate::load::folder::scan;
use crate::load::workspace::{load_minutes, minutes_path_for};
use crate::model::MinutesState;
use crate::model::dates::DateStyle;
use crate::text::inert_line;
use crate::theme::Theme;

/// How many folders below the current one are searched.
pub const DEPTH: usize = 2;

/// What `rapporteur` prints where it finds no meeting.
pub const HOW_TO_START: &str = "\
No meetings found in this folder or the two below it (an agenda is a .toml file with a \
[meeting] table).

To start:
  rapporteur open AGENDA.toml     the live meeting screen for an agenda
  rapporteur --help               every command, with examples

Run `rapporteur` in a folder that holds agendas (for example a repository with
meetings/<plan>/) to pick one from a list.
";

/// The minutes of a meeting, as far as the list shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinutesMark {
    /// No minutes file yet.
    None,
    /// Minutes being kept.
    Draft,
    /// Approved minutes.
    Approved,
    /// A minutes file that does not load.
    Invalid,
}

/// One meeting found: its agenda and what the list shows of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The agenda, as found from the search root.
    pub agenda: PathBuf,
    /// Meeting id.
    pub id: String,
    /// Meeting title.
    pub title: String,
    /// Meeting date.
    pub date: NaiveDate,
    /// Start time, for the order of meetings on one day.
    pub start: Option<NaiveTime>,
    /// Its minutes.
    pub minutes: MinutesMark,
}

/// What the search found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Search {
    /// Meetings, newest first.
    pub meetings: Vec<Found>,
    /// Files that look like agendas but do not load.
    pub invalid: Vec<PathBuf>,
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        // The entry's own type: a symbolic link is neither followed nor read.
        let Ok(kind) = e.file_type() else { continue };
        if name.starts_with('.') {
            continue;
        }
        if kind.is_dir() {
            if depth > 0 && name != "target" {
                walk(&e.path(), depth - 1, out);
            }
        } else if kind.is_file() && name.ends_with(".toml") && !name.ends_with(".minutes.toml") {
            out.push(e.path());
        }
    }
}

fn minutes_mark(agenda: &Path) -> MinutesMark {
    let path = minutes_path_for(agenda);
    if !path.is_file() {
        return MinutesMark::None;
    }
    match load_minutes(&path) {
        Ok(m) if m.state == MinutesState::Approved => MinutesMark::Approved,
        Ok(_) => MinutesMark::Draft,
        Err(_) => MinutesMark::Invalid,
    }
}

/// The agendas under `root` (at most [`DEPTH`] folders down), newest first: by date, then
/// start time, then id, the latest at the top.
pub fn search(root: &Path) -> Search {
    let mut files = Vec::new();
    walk(root, DEPTH, &mut files);
    let found = scan(&files);
    let mut meetings: Vec<Found> = found
        .agendas
        .into_iter()
        .map(|(path, a)| Found {
            minutes: minutes_mark(&path),
            agenda: path
                .strip_prefix(root)
                .map_or(path.clone(), Path::to_path_buf),
            id: a.meeting.id,
            title: a.meeting.title,
            date: a.meeting.date,
            start: a.meeting.start,
        })
        .collect();
    meetings.sort_by(|a, b| (b.date, b.start, &b.id).cmp(&(a.date, a.start, &a.id)));
    let invalid = found
        .invalid
        .into_iter()
        .filter(|i| i.kind == Kind::Agenda)
        .map(|i| {
            i.path
                .strip_prefix(root)
                .map_or(i.path.clone(), Path::to_path_buf)
        })
        .collect();
    Search { meetings, invalid }
}

/// What the user can do on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChooserAction {
    /// Previous meeting (newer).
    Up,
    /// Next meeting (older).
    Down,
    /// The newest.
    First,
    /// The oldest.
    Last,
    /// Open the selected meeting.
    Open,
    /// Leave without opening anything.
    Quit,
}

/// What the list ends with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Open this agenda (relative to the search root).
    Open(PathBuf),
    /// Nothing chosen.
    Quit,
}

/// The list's state.
#[derive(Debug, Clone)]
pub struct Chooser {
    /// What was found.
    pub search: Search,
    /// The selected meeting: the newest to begin with.
    pub cursor: usize,
    /// Styles.
    pub theme: Theme,
    /// How the meetings' dates are shown (the `dates` setting).
    pub dates: DateStyle,
}

impl Chooser {
    /// The list over what a search found, the newest selected.
    pub fn new(search: Search, theme: Theme) -> Chooser {
        Chooser {
            search,
            cursor: 0,
            theme,
            dates: DateStyle::default(),
        }
    }

    /// The same list with its dates in `dates` style.
    pub fn with_dates(mut self, dates: DateStyle) -> Chooser {
        self.dates = dates;
        self
    }

    /// Applies an action; returns the outcome when the list is done.
    pub fn update(&mut self, action: ChooserAction) -> Option<Outcome> {
        let last = self.search.meetings.len().saturating_sub(1);
        match action {
            ChooserAction::Up => self.cursor = self.cursor.saturating_sub(1),
            ChooserAction::Down => self.cursor = (self.cursor + 1).min(last),
            ChooserAction::First => self.cursor = 0,
            ChooserAction::Last => self.cursor = last,
            ChooserAction::Open => {
                return Some(match self.search.meetings.get(self.cursor) {
                    Some(m) => Outcome::Open(m.agenda.clone()),
                    None => Outcome::Quit,
                });
            }
            ChooserAction::Quit => return Some(Outcome::Quit),
        }
        None
    }

    /// Draws the list.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        let t = &self.theme;
        buf.set_style(area, t.text);
        if area.width < 30 || area.height < 6 {
            Paragraph::new("terminal too small for the list of meetings").render(area, buf);
            return;
        }
        let n = self.search.meetings.len();
        let head = format!(" rapporteur · {n} meeting(s) under this folder, newest first");
        let header = Line::from(Span::styled(head, t.header));
        buf.set_style(Rect::new(area.x, area.y, area.width, 1), t.header);
        buf.set_line(area.x, area.y, &header, area.width);

        let mut footer_rows = 1;
        if !self.search.invalid.is_empty() {
            footer_rows += 1;
        }
        let list_top = area.y + 2;
        // Two rows a meeting: date, id and title; then its minutes and where it is.
        let rows = area.height.saturating_sub(2 + footer_rows + 1) as usize;
        let height = rows / 2;
        let id_width = self
            .search
            .meetings
            .iter()
            .map(|m| inert_line(&m.id).chars().count())
            .max()
            .unwrap_or(0)
            .min(20);
        let date_width = self.dates.width();
        let indent = " ".repeat(2 + date_width + 2 + id_width + 2);
        let first = window(self.cursor, n, height);
        for (row, (i, m)) in self
            .search
            .meetings
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .enumerate()
        {
            let selected = i == self.cursor;
            let base = if selected { t.selected } else { t.text };
            let (mark, mark_style) = match m.minutes {
                MinutesMark::None => ("no minutes yet", t.muted),
                MinutesMark::Draft => ("minutes: draft", t.in_progress),
                MinutesMark::Approved => ("minutes: approved", t.done),
                MinutesMark::Invalid => ("minutes do not load", t.error),
            };
            let id: String = inert_line(&m.id).chars().take(id_width).collect();
            let title = Line::from(vec![
                Span::styled(if selected { "▶ " } else { "  " }, base),
                Span::styled(
                    format!(
                        "{:<date_width$}  {id:<id_width$}  ",
                        self.dates.format(m.date)
                    ),
                    base,
                ),
                Span::styled(inert_line(&m.title).into_owned(), base),
            ]);
            let detail = Line::from(vec![
                Span::raw(indent.clone()),
                Span::styled(mark, mark_style),
                Span::styled(
                    format!(" · {}", inert_line(&m.agenda.display().to_string())),
                    t.muted,
                ),
            ]);
            let y = list_top + 2 * row as u16;
            if selected {
                buf.set_style(Rect::new(area.x, y, area.width, 1), t.selected);
            }
            buf.set_line(area.x, y, &title, area.width);
            buf.set_line(area.x, y + 1, &detail, area.width);
        }
        let mut y = area.y + area.height - footer_rows;
        if !self.search.invalid.is_empty() {
            let shown: Vec<String> = self
                .search
                .invalid
                .iter()
                .map(|p| inert_line(&p.display().to_string()).into_owned())
                .collect();
            let warn = format!(
                " not listed, does not load (see rapporteur check): {}",
                shown.join(", ")
            );
            buf.set_line(
                area.x,
                y,
                &Line::from(Span::styled(warn, t.warning)),
                area.width,
            );
            y += 1;
        }
        let keys = Line::from(vec![
            Span::styled(" ↑↓", t.key),
            Span::styled(" move  ", t.muted),
            Span::styled("Enter", t.key),
            Span::styled(" open  ", t.muted),
            Span::styled("Esc/q", t.key),
            Span::styled(" quit", t.muted),
        ]);
        buf.set_line(area.x, y, &keys, area.width);
    }
}

/// The action of a key on the list.
pub fn action_for(k: KeyEvent) -> Option<ChooserAction> {
    if k.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    Some(match k.code {
        KeyCode::Char('c') if ctrl => ChooserAction::Quit,
        KeyCode::Up | KeyCode::Char('k') => ChooserAction::Up,
        KeyCode::Down | KeyCode::Char('j') => ChooserAction::Down,
        KeyCode::Home | KeyCode::Char('g') => ChooserAction::First,
        KeyCode::End | KeyCode::Char('G') => ChooserAction::Last,
        KeyCode::Enter => ChooserAction::Open,
        KeyCode::Esc | KeyCode::Char('q') => ChooserAction::Quit,
        _ => return None,
    })
}

/// The list as plain text, for when there is no terminal to choose on; dates in `dates`
/// style.
pub fn as_text(search: &Search, dates: DateStyle) -> String {
    let mut out = String::from("Meetings under this folder, newest first:\n");
    for m in &search.meetings {
        let _ = writeln!(
            out,
            "  {:<w$}  {}  {}",
            dates.format(m.date),
            inert_line(&m.id),
            inert_line(&m.title),
            w = dates.width()
        );
        let _ = writeln!(
            out,
            "      rapporteur open {}",
            inert_line(&m.agenda.display().to_string())
        );
    }
    out
}

/// While the list is up: on SIGHUP, SIGTERM, SIGINT or SIGQUIT give the terminal back
/// (unless it is gone) and exit. The handle ends the watch.
fn watch_signals() -> std::io::Result<signal_hook::iterator::Handle> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])?;
    let handle = signals.handle();
    std::thread::Builder::new()
        .name("list-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                if sig != SIGHUP {
                    ratatui::restore();
                }
                std::process::exit(128 + sig);
            }
        })?;
    Ok(handle)
}

/// `rapporteur` with no command: lists the meetings under the current folder and opens
/// the one chosen; where there are none, prints how to start and exits 2.
pub fn run(theme_flag: Option<&str>) -> i32 {
    let search = search(Path::new("."));
    if search.meetings.is_empty() {
        for p in &search.invalid {
            crate::errln!(
                "{}: looks like an agenda but does not load (see rapporteur check)",
                inert_line(&p.display().to_string())
            );
        }
        crate::err!("{HOW_TO_START}");
        return crate::exit::USAGE;
    }
    let config = match crate::config::load(theme_flag) {
        Ok(c) => c,
        Err(e) => {
            crate::err!("{e}");
            return crate::exit::INVALID;
        }
    };
    let dates = config.dates.0;
    // Without a terminal to choose on (a pipe, a script), the list is printed instead.
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        crate::out::print_out(format_args!("{}", as_text(&search, dates)));
        return crate::exit::USAGE;
    }
    let theme = match crate::load::theme::resolve(&config.theme.0) {
        Ok(t) => t,
        Err(e) => {
            crate::errln!("error: {e}");
            return crate::exit::USAGE;
        }
    };
    let mut chooser = Chooser::new(search, theme).with_dates(dates);
    let signals = match watch_signals() {
        Ok(h) => h,
        Err(e) => {
            crate::errln!("error: cannot watch for signals: {e}");
            return crate::exit::USAGE;
        }
    };
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            crate::errln!("error: cannot start the terminal: {e}");
            return crate::exit::USAGE;
        }
    };
    let result = (|| -> std::io::Result<Outcome> {
        loop {
            terminal.draw(|f| {
                let area = f.area();
                chooser.render(area, f.buffer_mut());
            })?;
            if let Event::Key(k) = event::read()?
                && let Some(a) = action_for(k)
                && let Some(outcome) = chooser.update(a)
            {
                return Ok(outcome);
            }
        }
    })();
    ratatui::restore();
    // The live screen handles signals itself (it saves the draft and removes its lock):
    // this list's handler, which only exits, must be gone before it starts.
    signals.close();
    match result {
        Ok(Outcome::Open(agenda)) => super::open(&agenda, theme_flag, false, false, false),
        Ok(Outcome::Quit) => crate::exit::OK,
        Err(e) => {
            crate::errln!("error: {e}");
            crate::exit::USAGE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agenda(dir: &Path, rel: &str, id: &str, date: &str) {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(
            p,
            format!(
                "[meeting]\nid = \"{id}\"\ntitle = \"Meeting {id}\"\ndate = {date}\nplan = \"plan.toml\"\n"
            ),
        )
        .unwrap();
    }

    #[test]
    fn finds_agendas_newest_first_within_the_depth_skipping_hidden_and_target() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        agenda(d, "top.toml", "top", "2019-01-01");
        agenda(d, "a/b/two-down.toml", "two-down", "2020-05-01");
        agenda(d, "a/b/c/three-down.toml", "three-down", "2030-01-01");
        agenda(d, ".hidden/h.toml", "hidden", "2031-01-01");
        agenda(d, "target/t.toml", "built", "2032-01-01");
        agenda(d, "a/same-day.toml", "m-b", "2020-05-01");
        std::fs::write(d.join("a/two-down.minutes.toml"), "not read as an agenda").unwrap();
        std::fs::write(d.join("a/broken.toml"), "[meeting]\nid = 3\n").unwrap();
        let s = search(d);
        let ids: Vec<&str> = s.meetings.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["two-down", "m-b", "top"]);
        assert_eq!(s.meetings[0].agenda, Path::new("a/b/two-down.toml"));
        assert_eq!(s.invalid, [PathBuf::from("a/broken.toml")]);
    }

    #[test]
    fn the_minutes_state_is_shown() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "plan.toml",
            "2021-03-04-board-7.toml",
            "2021-03-04-board-7.minutes.toml",
        ] {
            std::fs::copy(Path::new("tests/fixtures/waterboard").join(f), d.join(f)).unwrap();
        }
        agenda(d, "2021-06-03-board-8.toml", "board-8", "2021-06-03");
        let s = search(d);
        let marks: Vec<MinutesMark> = s.meetings.iter().map(|m| m.minutes).collect();
        assert_eq!(marks, [MinutesMark::None, MinutesMark::Draft]);
    }

    fn chooser(n: usize) -> Chooser {
        let meetings = (0..n)
            .map(|i| Found {
                agenda: PathBuf::from(format!("m{i}.toml")),
                id: format!("m{i}"),
                title: String::new(),
                date: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
                start: None,
                minutes: MinutesMark::None,
            })
            .collect();
        Chooser::new(
            Search {
                meetings,
                invalid: Vec::new(),
            },
            crate::load::theme::load("default").unwrap(),
        )
    }

    #[test]
    fn the_newest_is_selected_and_enter_opens_the_selection() {
        let mut c = chooser(3);
        assert_eq!(c.update(ChooserAction::Up), None);
        assert_eq!(c.cursor, 0, "stays at the top");
        c.update(ChooserAction::Down);
        c.update(ChooserAction::Down);
        c.update(ChooserAction::Down);
        assert_eq!(c.cursor, 2, "stops at the bottom");
        c.update(ChooserAction::First);
        c.update(ChooserAction::Down);
        assert_eq!(
            c.update(ChooserAction::Open),
            Some(Outcome::Open(PathBuf::from("m1.toml")))
        );
        assert_eq!(c.update(ChooserAction::Quit), Some(Outcome::Quit));
        assert_eq!(chooser(0).update(ChooserAction::Open), Some(Outcome::Quit));
    }

    #[test]
    fn keys() {
        let k = |code| action_for(KeyEvent::new(code, KeyModifiers::NONE));
        assert_eq!(k(KeyCode::Esc), Some(ChooserAction::Quit));
        assert_eq!(k(KeyCode::Char('q')), Some(ChooserAction::Quit));
        assert_eq!(k(KeyCode::Enter), Some(ChooserAction::Open));
        assert_eq!(k(KeyCode::Down), Some(ChooserAction::Down));
        assert_eq!(
            action_for(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(ChooserAction::Quit)
        );
    }
}

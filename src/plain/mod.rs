//! The line mode: a second front end on the live screen's core, for screen readers,
//! scripts and scribe logs. One command per line on standard input, short sentences on
//! standard output: no box drawing, no cursor movement, no colour.
//!
//! It opens the meeting as the screen does ([`crate::tui::start`]: the same lock, draft,
//! atomic writes, signal thread and last words) and changes it only through the screen's
//! `Action`s and `update` ([`answer`]). A change is on disk before the line that made it
//! is answered.
//!
//! Replaying a log (standard input not a terminal), lines already waiting in the input
//! are applied together and written once: their answers are held until the write, so
//! nothing is ever said to be applied before it is on disk.

pub mod answer;
pub mod command;

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

pub use answer::{LineMode, Reply};

use crate::exit::{INVALID, OK};
use crate::tui::app::{Message, Mode, SaveState};
use crate::tui::{Action, Session};

/// How many answered lines may wait for one write in replay, when writing the minutes is
/// quick. On long minutes, whose write takes longer than applying 256 lines, a batch goes
/// on until applying its lines has taken as long as the last write did: the writes then take
/// at most about as long as the lines, and a replay stays linear in its length.
const BATCH: usize = 256;

/// True when the line mode is the one to use: standard input or output is not a terminal,
/// or `TERM=dumb`.
pub fn wanted() -> bool {
    !std::io::stdin().is_terminal()
        || !std::io::stdout().is_terminal()
        || std::env::var("TERM").is_ok_and(|t| t == "dumb")
}

/// Opens an agenda in the line mode; returns the exit status (1 when a replayed line
/// could not be applied).
pub fn open(
    path: &Path,
    theme_flag: Option<&str>,
    read_only: bool,
    skip_invalid: bool,
    amend: bool,
) -> i32 {
    let mut session =
        match crate::tui::start(path, theme_flag, read_only, skip_invalid, amend, false) {
            Ok(s) => s,
            Err(code) => return code,
        };
    session.keep_the_record_on_a_panic();
    let interactive = std::io::stdin().is_terminal();
    let mut out = Out::default();
    greet(&mut session, &mut out);
    out.flush();
    let mut input = std::io::BufReader::with_capacity(64 * 1024, std::io::stdin());
    let mut mode = LineMode::new();
    let mut failed: Vec<usize> = Vec::new();
    let mut partly = false;
    let mut number = 0usize;
    let mut pending = 0usize;
    let mut quit_armed = false;
    let mut bytes = Vec::new();
    // Time spent applying the lines that wait for the next write, and the last write's.
    let mut applying = std::time::Duration::ZERO;
    let mut last_write = std::time::Duration::ZERO;
    loop {
        bytes.clear();
        match input.read_until(b'\n', &mut bytes) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                out.say(format!("Standard input failed: {e}."));
                break;
            }
        }
        number += 1;
        let started = std::time::Instant::now();
        let now = chrono::Local::now().naive_local();
        crate::tui::update::update(&mut session.app, Action::Tick(now));
        let reply = match std::str::from_utf8(&bytes) {
            Ok(line) => {
                crate::tui::panic_if_asked(line.trim_end_matches(['\n', '\r']));
                mode.answer(&mut session.app, line)
            }
            Err(_) => Reply {
                lines: vec!["This line is not UTF-8 text: nothing was applied.".into()],
                ..Reply::default()
            },
        };
        if !reply.ok {
            failed.push(number);
            partly |= reply.changed;
        }
        let prefix = if reply.ok || interactive {
            String::new()
        } else {
            format!("Line {number}: ")
        };
        for (i, l) in reply.lines.iter().enumerate() {
            out.say(if i == 0 {
                format!("{prefix}{l}")
            } else {
                l.clone()
            });
        }
        if reply.changed {
            pending += 1;
        }
        applying += started.elapsed();
        if reply.write_now {
            pending = 0;
            session.write_now();
            say_save(&mut session, &mut out, true);
        }
        if reply.quit {
            if pending > 0 {
                pending = 0;
                session.save();
            }
            if session.unsaved() && !session.save() && !quit_armed {
                quit_armed = true;
                say_save(&mut session, &mut out, false);
                out.say(
                    "The minutes are not saved: fix the folder and type w, or q again to leave \
                     them in the draft."
                        .into(),
                );
                out.flush();
                continue;
            }
            break;
        }
        quit_armed = false;
        // More lines already waiting (a replay): apply them first, write once.
        let waiting = !interactive
            && !input.buffer().is_empty()
            && (pending < BATCH || applying < last_write);
        if pending > 0 && !waiting {
            pending = 0;
            let writing = std::time::Instant::now();
            session.save();
            last_write = writing.elapsed();
            applying = std::time::Duration::ZERO;
            say_save(&mut session, &mut out, false);
        }
        if !waiting {
            out.flush();
        }
    }
    // The end of the input ends the meeting as q does: the item under discussion is left.
    if crate::tui::update::close_meeting(&mut session.app) {
        pending += 1;
    }
    if pending > 0 {
        session.save();
        say_save(&mut session, &mut out, false);
    }
    let status = if !interactive && !failed.is_empty() {
        let list: Vec<String> = failed.iter().map(usize::to_string).collect();
        out.say(format!(
            "{} line{} could not be applied{}: {}.",
            failed.len(),
            if failed.len() == 1 { "" } else { "s" },
            if partly { ", or only in part" } else { "" },
            list.join(", ")
        ));
        INVALID
    } else {
        OK
    };
    out.flush();
    session.finish(status)
}

/// Answers waiting for the write that makes them true.
#[derive(Default)]
struct Out {
    held: Vec<String>,
}

impl Out {
    fn say(&mut self, line: String) {
        self.held.push(line);
    }

    /// Prints what is held; a closed standard output is ignored (the record is on disk).
    fn flush(&mut self) {
        let mut o = std::io::stdout().lock();
        for l in self.held.drain(..) {
            let _ = writeln!(o, "{l}");
        }
        let _ = o.flush();
    }
}

/// Says a failed write (or, for `w`, where it went).
fn say_save(session: &mut Session, out: &mut Out, asked: bool) {
    match &session.app.record.save {
        SaveState::Failed(why) => out.say(format!(
            "Not saved: {why}. The minutes are kept in memory; the next change or w tries again."
        )),
        SaveState::ReadOnly(why) if asked => out.say(format!("Read-only: {why}.")),
        _ if asked => {
            if let Some(Message::Info(_)) = session.app.screen.message.take() {
                // Read aloud in full: where both files are.
                out.say(format!("Written: {}.", session.written_where()));
            }
        }
        _ => {}
    }
}

/// The first lines: the meeting, the current item, read-only or not, a draft kept.
fn greet(session: &mut Session, out: &mut Out) {
    let app = &mut session.app;
    let m = &app.record.minutes.meeting;
    out.say(format!(
        "{}, {}: {} agenda items. Type help for the commands.",
        crate::text::inert_line(&m.title),
        app.screen.dates.format(m.date),
        app.record.minutes.items.len()
    ));
    if let SaveState::ReadOnly(why) = &app.record.save {
        out.say(format!(
            "Read-only: {}. Nothing is written.",
            crate::text::inert_line(why)
        ));
    }
    if let SaveState::Failed(why) = &app.record.save {
        out.say(format!(
            "Not saved: {}. Changes are kept in memory and written when the folder can be.",
            crate::text::inert_line(why)
        ));
    }
    if let Some(Message::Info(t) | Message::Error(t)) = app.screen.message.take() {
        out.say(format!("{}.", crate::text::inert_line(&t)));
    }
    // Text typed on the screen and never confirmed stays in the draft for the screen,
    // which offers it back; the line mode neither takes nor deletes it.
    if matches!(app.screen.mode, Mode::Recover(_)) {
        app.screen.mode = Mode::Normal;
        out.say(
            "Text typed in an earlier session is kept in the draft; the screen offers it back \
             (rapporteur open without --plain)."
                .into(),
        );
    }
    if let Some(r) = app.current() {
        out.say(format!(
            "Current item: {} {}.",
            crate::text::inert_line(&r.id),
            crate::text::inert_line(&r.title)
        ));
    }
}

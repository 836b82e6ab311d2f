//! `v` and `r` on the live screen (issue 11): how the selected decision was taken
//! (consensus, a vote entered delegation by delegation with the tally live, ad referendum
//! with its silence deadline) and statements for the record on a decision or an item. On
//! the alpine ministers' conference (four member states, an associate member, an observer,
//! a secretariat; quorum 3), not the CARICOM sample; then a round trip through the file,
//! `check` and the formal report.

mod common;

use chrono::NaiveDate;
use common::*;
use rapporteur::model::{Presence, Side, StatementKind, Taken, Vote};
use rapporteur::tui::action::{Action, Effect};
use rapporteur::tui::app::{App, Message, Mode, ModeKind, SaveState};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn message(app: &App) -> String {
    match &app.screen.message {
        Some(Message::Info(m) | Message::Error(m)) => m.clone(),
        None => String::new(),
    }
}

/// Austria, Switzerland, Slovenia present (member states: they vote); Monaco (associate
/// member) and the European Union (observer) present; Liechtenstein sent apologies. Then
/// item 2 taken up by the walk and a decision recorded under it, selected.
fn in_session() -> App {
    let mut app = alpine();
    press(&mut app, KeyCode::Char('a'));
    for (typed, id) in [
        ("austria", "at"),
        ("switz", "ch"),
        ("slov", "si"),
        ("monaco", "mc"),
        ("european", "eu"),
    ] {
        type_text(&mut app, typed);
        press(&mut app, KeyCode::Enter);
        assert_eq!(
            app.record.minutes.delegation(id).map(|a| a.status),
            Some(Presence::Present),
            "{typed}"
        );
    }
    type_text(&mut app, "liech");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.record.minutes.delegation("li").map(|a| a.status),
        Some(Presence::Apologies)
    );
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('d'));
    type_text(
        &mut app,
        "Publish the daily snow cover maps of every member state",
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen.mode.kind(), ModeKind::Normal);
    app
}

fn decision(app: &App) -> &rapporteur::model::Decision {
    app.record.minutes.decision("2-1").unwrap().1
}

fn sheet(app: &App) -> &rapporteur::tui::widgets::taken::VoteSheet {
    match &app.screen.mode {
        Mode::Vote(s) => s,
        other => panic!("not the vote sheet: {:?}", other.kind()),
    }
}

/// `v 2`, then Austria and Switzerland for, Slovenia against: the sheet lists the three
/// delegations entitled to vote, in attendance order.
fn vote_two_to_one(app: &mut App) {
    press(app, KeyCode::Char('v'));
    assert_eq!(app.screen.mode.kind(), ModeKind::HowTaken);
    press(app, KeyCode::Char('2'));
    assert_eq!(sheet(app).rows, ["at", "ch", "si"]);
    press(app, KeyCode::Char('1'));
    press(app, KeyCode::Down);
    press(app, KeyCode::Char('1'));
    press(app, KeyCode::Down);
    press(app, KeyCode::Char('2'));
}

#[test]
fn a_vote_is_entered_delegation_by_delegation_with_the_tally_live() {
    let mut app = in_session();
    vote_two_to_one(&mut app);
    assert_eq!(
        sheet(&app).tally_line(),
        "For 2 · Against 1 · Abstain 0 · adopted"
    );
    assert!(text(&app, 120, 40).contains("For 2 · Against 1 · Abstain 0 · adopted"));
    // Space cycles: against -> abstain; the tally follows.
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(
        sheet(&app).tally_line(),
        "For 2 · Against 0 · Abstain 1 · adopted"
    );
    // Found by typing (the owner rules), put against, and the filter clears for the next.
    type_text(&mut app, "SVN");
    assert_eq!(sheet(&app).highlighted(), Some("si"));
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(sheet(&app).query, "");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    assert_eq!(app.screen.mode.kind(), ModeKind::Normal);
    assert_eq!(
        decision(&app).taken,
        Taken::Vote(Vote {
            yes: vec!["at".into(), "ch".into()],
            no: vec!["si".into()],
            abstain: vec![],
        })
    );
    assert_eq!(message(&app), "how 2-1 was taken: vote 2-1-0, adopted");
    // The row says so; the detail box names the delegations.
    let screen = text(&app, 120, 40);
    assert!(screen.contains("· vote 2-1-0, adopted"), "{screen}");
    assert!(
        screen.contains("For: Austria, Switzerland  Against: Slovenia  Abstain: none"),
        "{screen}"
    );
}

#[test]
fn delegations_the_attendance_does_not_allow_to_vote_are_refused_with_the_rule() {
    let mut app = in_session();
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('2'));
    for (typed, id, why) in [
        ("monaco", "mc", "is not entitled to vote"),
        ("european", "eu", "observers do not vote"),
        ("liech", "li", "its attendance is 'apologies'"),
        ("perm sec", "sec", "is not in the attendance"),
    ] {
        type_text(&mut app, typed);
        assert_eq!(sheet(&app).highlighted(), Some(id), "{typed}");
        assert_eq!(press(&mut app, KeyCode::Char('1')), Effect::None);
        assert!(message(&app).contains(why), "{typed}: {}", message(&app));
        assert!(matches!(app.screen.message, Some(Message::Error(_))));
        assert_eq!(
            sheet(&app).vote,
            Vote::default(),
            "{typed}: nothing entered"
        );
        let screen = text(&app, 120, 40);
        assert!(screen.contains(why), "{screen}");
        press(&mut app, KeyCode::Esc);
    }
    // With nobody on a side, Enter records nothing and says why.
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    assert!(
        sheet(&app)
            .error
            .as_deref()
            .unwrap()
            .contains("no delegation has voted")
    );
    // A delegation that voted stays present: marking it absent is refused, naming the
    // decision.
    press(&mut app, KeyCode::Esc);
    let mut app = in_session();
    vote_two_to_one(&mut app);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "slov");
    let voted = app.record.minutes.clone();
    press(&mut app, KeyCode::Enter);
    assert!(
        message(&app).contains("voted on decision 2-1"),
        "{}",
        message(&app)
    );
    assert_eq!(app.record.minutes, voted);
    press(&mut app, KeyCode::Esc);
    // A file edited by hand may still hold a vote by a delegation since marked absent:
    // Enter on the sheet refuses it by the same rule, recording nothing.
    for a in app
        .record
        .minutes
        .attendance
        .iter_mut()
        .filter(|a| a.represents == "si")
    {
        a.status = Presence::Absent;
    }
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('2'));
    let before = app.record.minutes.clone();
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    assert!(
        message(&app).contains("'Slovenia' votes but its attendance is 'absent'"),
        "{}",
        message(&app)
    );
    assert_eq!(app.record.minutes, before);
}

#[test]
fn consensus_and_ad_referendum_with_every_date_form() {
    let mut app = in_session();
    let day = |d: u32| NaiveDate::from_ymd_opt(2024, 10, d).unwrap();
    for (typed, until) in [
        ("2024-10-17", day(17)),
        ("17 Oct 2024", day(17)),
        ("17 October 2024", day(17)),
        ("Thu 17 Oct 2024", day(17)),
        ("+2w", day(17)),
        ("eom", day(31)),
        ("fri", day(4)),
    ] {
        press(&mut app, KeyCode::Char('v'));
        press(&mut app, KeyCode::Char('3'));
        assert_eq!(app.screen.mode.kind(), ModeKind::Prompt);
        // The field starts from the deadline recorded; emptied, the form typed.
        key(
            &mut app,
            KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL),
        );
        key(
            &mut app,
            KeyEvent::new(KeyCode::Char('k'), KeyModifiers::CONTROL),
        );
        type_text(&mut app, typed);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.screen.mode.kind(), ModeKind::Normal, "{typed}");
        assert_eq!(
            decision(&app).taken,
            Taken::AdReferendum {
                silence_until: Some(until),
                outcome: None,
                outcome_at: None
            },
            "{typed}"
        );
    }
    assert_eq!(
        message(&app),
        "how 2-1 was taken: ad referendum, silence until 2024-10-04"
    );
    // What the due-date field refuses, this field refuses; and a deadline before the
    // meeting, or none.
    for (typed, why) in [
        ("03/04/2025", "ambiguous"),
        ("2024-09-30", "cannot end before the meeting"),
        ("", "the end of the silence period is needed"),
    ] {
        press(&mut app, KeyCode::Char('v'));
        press(&mut app, KeyCode::Char('3'));
        key(
            &mut app,
            KeyEvent::new(KeyCode::Char('a'), KeyModifiers::CONTROL),
        );
        key(
            &mut app,
            KeyEvent::new(KeyCode::Char('k'), KeyModifiers::CONTROL),
        );
        type_text(&mut app, typed);
        assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
        let Mode::Prompt(p) = &app.screen.mode else {
            panic!("{typed}: the field stays open")
        };
        assert!(p.error.as_deref().unwrap().contains(why), "{:?}", p.error);
        press(&mut app, KeyCode::Esc);
    }
    // Consensus: digit 1.
    press(&mut app, KeyCode::Char('v'));
    assert_eq!(press(&mut app, KeyCode::Char('1')), Effect::Save);
    assert_eq!(decision(&app).taken, Taken::Consensus);
    assert_eq!(message(&app), "how 2-1 was taken: consensus");
    // Again: nothing to record, and it says so.
    press(&mut app, KeyCode::Char('v'));
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    assert_eq!(message(&app), "how 2-1 was taken: already consensus");
}

#[test]
fn undo_and_redo_name_how_it_was_taken_and_the_statement() {
    let mut app = in_session();
    let steps = app.record.undo.len();
    vote_two_to_one(&mut app);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.record.undo.len(), steps + 1, "one step of undo");
    assert_eq!(app.record.next_undo().unwrap().label(), "how 2-1 was taken");
    let footer = text(&app, 200, 40);
    assert!(footer.contains("u undo how 2-1 was taken"), "{footer}");
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(decision(&app).taken, Taken::Consensus);
    assert_eq!(
        message(&app),
        "undone: how 2-1 was taken (vote 2-1-0, adopted → consensus)"
    );
    key(
        &mut app,
        KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
    );
    assert!(matches!(decision(&app).taken, Taken::Vote(_)));
    assert_eq!(
        message(&app),
        "redone: how 2-1 was taken (consensus → vote 2-1-0, adopted)"
    );
    // A statement on the item: undo names it and goes back to the item.
    press(&mut app, KeyCode::Tab);
    statement(&mut app, "CHE", '1', "Switzerland welcomes the maps.");
    assert_eq!(
        message(&app),
        "statement on item 2: statement by Switzerland"
    );
    press(&mut app, KeyCode::Char('u'));
    assert!(app.record.minutes.items[1].statements.is_empty());
    assert_eq!(message(&app), "undone: statement on item 2");
}

/// `r`, the delegation typed and taken, the kind by digit, the words, Enter.
fn statement(app: &mut App, who: &str, kind: char, words: &str) -> Effect {
    press(app, KeyCode::Char('r'));
    assert_eq!(app.screen.mode.kind(), ModeKind::Speaker);
    type_text(app, who);
    press(app, KeyCode::Enter);
    assert_eq!(app.screen.mode.kind(), ModeKind::StatementKind, "{who}");
    press(app, KeyCode::Char(kind));
    assert_eq!(app.screen.mode.kind(), ModeKind::Prompt);
    type_text(app, words);
    press(app, KeyCode::Enter)
}

#[test]
fn a_statement_goes_on_the_selected_decision_else_on_the_item_under_discussion() {
    let mut app = in_session();
    // The decision is selected in the main pane: the popup names it.
    press(&mut app, KeyCode::Char('r'));
    let screen = text(&app, 120, 40);
    assert!(
        screen.contains("Statement on 2-1 “Publish the daily snow cover"),
        "{screen}"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        statement(
            &mut app,
            "slov",
            '2',
            "Slovenia reserves its position on the daily frequency."
        ),
        Effect::Save
    );
    let d = decision(&app);
    assert_eq!(d.statements.len(), 1);
    assert_eq!(d.statements[0].by, "si");
    assert_eq!(d.statements[0].kind, StatementKind::Reservation);
    assert_eq!(message(&app), "statement on 2-1: reservation by Slovenia");
    let screen = text(&app, 120, 40);
    assert!(
        screen.contains("every member state · reservation by"),
        "{screen}"
    );
    assert!(
        screen.contains("Reservation by Slovenia: Slovenia reserves its position"),
        "{screen}"
    );
    // In the agenda pane, the statement goes on the item under discussion, and the popup
    // says so.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('r'));
    let screen = text(&app, 120, 40);
    assert!(
        screen.contains("Statement on item 2 “Snow cover monitoring”"),
        "{screen}"
    );
    press(&mut app, KeyCode::Esc);
    statement(
        &mut app,
        "european",
        '4',
        "The Union reads 'daily' as working days.",
    );
    let rec = &app.record.minutes.items[1];
    assert_eq!(rec.statements.len(), 1);
    assert_eq!(rec.statements[0].kind, StatementKind::Interpretative);
    assert_eq!(rec.statements[0].by, "eu");
    assert_eq!(decision(&app).statements.len(), 1);
    let screen = text(&app, 120, 40);
    assert!(
        screen.contains("on the item: interpretative by European Union"),
        "{screen}"
    );
    assert!(screen.contains("Statements on item 2:"), "{screen}");
}

#[test]
fn the_delegation_is_taken_only_on_a_strong_match_and_words_are_needed() {
    let mut app = in_session();
    press(&mut app, KeyCode::Char('r'));
    // 'stri' is in Austria's name, but starts none of its words: a weak match.
    type_text(&mut app, "stri");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen.mode.kind(), ModeKind::Speaker);
    let Mode::Statement(f) = &app.screen.mode else {
        panic!()
    };
    assert!(
        f.error
            .as_deref()
            .unwrap()
            .contains("names no delegation strongly"),
        "{:?}",
        f.error
    );
    // Esc clears what is typed, then cancels.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen.mode.kind(), ModeKind::Speaker);
    type_text(&mut app, "AUT");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    // Empty words are refused; the field stays open.
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    let Mode::Prompt(p) = &app.screen.mode else {
        panic!()
    };
    assert!(p.error.as_deref().unwrap().contains("needs its words"));
    press(&mut app, KeyCode::Esc);
    assert!(decision(&app).statements.is_empty());
}

#[test]
fn read_only_minutes_refuse_v_and_r() {
    let mut app = in_session();
    app.record.save = SaveState::ReadOnly("opened with --read-only".into());
    for k in ['v', 'r'] {
        assert_eq!(press(&mut app, KeyCode::Char(k)), Effect::None);
        assert_eq!(app.screen.mode.kind(), ModeKind::Normal, "{k}");
        assert_eq!(message(&app), "read-only: opened with --read-only");
    }
    // The footer and the help leave them out.
    let footer = text(&app, 120, 40);
    assert!(!footer.contains("how taken"), "{footer}");
    press(&mut app, KeyCode::Char('?'));
    let help = text(&app, 120, 40);
    assert!(!help.contains("statement for the record"), "{help}");
}

#[test]
fn v_needs_a_decision_and_help_lists_v_and_r() {
    let mut app = alpine();
    press(&mut app, KeyCode::Char('1'));
    // Row 0 is the plan action SN-1.
    press(&mut app, KeyCode::Char('v'));
    assert_eq!(app.screen.mode.kind(), ModeKind::Normal);
    assert!(
        message(&app).contains("select a decision"),
        "{}",
        message(&app)
    );
    press(&mut app, KeyCode::Char('?'));
    let help = text(&app, 120, 40);
    assert!(
        help.contains("how the selected decision was taken: consensus, vote, ad referendum"),
        "{help}"
    );
    assert!(
        help.contains("statement for the record by a delegation"),
        "{help}"
    );
}

#[test]
fn the_words_of_a_statement_are_kept_in_the_draft_and_offered_back() {
    use rapporteur::tui::draft::{self, DraftKind};
    let mut app = in_session();
    press(&mut app, KeyCode::Char('r'));
    type_text(&mut app, "austria");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('3'));
    type_text(&mut app, "Austria voted for because");
    let d = draft::current(&app).expect("the words are a draft");
    assert_eq!(d.kind, DraftKind::Statement);
    assert_eq!(d.about, "2-1");
    assert_eq!(d.item, "2");
    let s = d.statement.clone().unwrap();
    assert_eq!(
        (s.by.as_str(), s.kind.as_str()),
        ("at", "explanation-of-vote")
    );
    // Through the file and back, as after a kill -9, then restored and recorded.
    let back: draft::Draft = toml::from_str(&draft::to_text(&d)).unwrap();
    assert_eq!(back, d);
    let mut app = in_session();
    let (checked, note) = draft::validate(back, &app);
    assert_eq!(note, None);
    app.screen.mode = Mode::Recover(checked);
    assert_eq!(act(&mut app, Action::Confirm), Effect::DiscardDraft);
    type_text(&mut app, " the maps are free.");
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    let st = &decision(&app).statements[0];
    assert_eq!(st.text, "Austria voted for because the maps are free.");
    assert_eq!(st.kind, StatementKind::ExplanationOfVote);
    // A draft whose delegation left the roster goes into the record of discussion.
    let mut gone = d.clone();
    gone.statement.as_mut().unwrap().by = "xx".into();
    let (checked, note) = draft::validate(gone, &app);
    assert_eq!(checked.kind, DraftKind::Notes);
    assert!(checked.text.contains("Statement by xx: Austria voted for"));
    assert!(note.unwrap().contains("'xx' is not in the roster"));
}

/// The vote sheet mid-vote: two delegations for, one against, the tally live.
fn mid_vote() -> App {
    let mut app = in_session();
    vote_two_to_one(&mut app);
    app
}

#[test]
fn vote_sheet_80x24() {
    insta::assert_snapshot!(draw(&mid_vote(), 80, 24).backend());
}

#[test]
fn vote_sheet_120x40() {
    insta::assert_snapshot!(draw(&mid_vote(), 120, 40).backend());
}

/// A decision taken by vote, with a reservation on it and a statement on the item.
fn recorded() -> App {
    let mut app = mid_vote();
    press(&mut app, KeyCode::Enter);
    statement(
        &mut app,
        "slov",
        '2',
        "Slovenia reserves its position on the daily frequency.",
    );
    press(&mut app, KeyCode::Tab);
    statement(
        &mut app,
        "european",
        '4',
        "The Union reads 'daily' as working days.",
    );
    press(&mut app, KeyCode::Tab);
    app
}

#[test]
fn decision_with_a_statement_80x24() {
    insta::assert_snapshot!(draw(&recorded(), 80, 24).backend());
}

#[test]
fn decision_with_a_statement_120x40() {
    insta::assert_snapshot!(draw(&recorded(), 120, 40).backend());
}

#[test]
fn recorded_on_screen_written_loaded_checked_and_in_the_formal_report() {
    let app = recorded();
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(ALPINE).parent().unwrap();
    for f in ["plan.toml", "2024-10-03-ams-9.toml"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let minutes = dir.path().join("2024-10-03-ams-9.minutes.toml");
    let toml = rapporteur::minutes::toml_out::to_toml(&app.record.minutes).unwrap();
    std::fs::write(&minutes, &toml).unwrap();
    // Loaded back: the same record.
    let back = rapporteur::load::workspace::load_minutes(&minutes).unwrap();
    assert_eq!(back, app.record.minutes);
    let vote = back
        .decision("2-1")
        .unwrap()
        .1
        .taken
        .vote()
        .unwrap()
        .clone();
    assert_eq!(vote.side_of("si"), Some(Side::Against));
    // check passes.
    let out = assert_cmd::Command::cargo_bin("rapporteur")
        .unwrap()
        .env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .args(["check", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // The formal report shows the vote and both statements.
    let out = assert_cmd::Command::cargo_bin("rapporteur")
        .unwrap()
        .env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1")
        .args(["export", minutes.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    for want in [
        "Slovenia reserves its position on the daily frequency.",
        "The Union reads 'daily' as working days.",
        "entered a reservation",
        "made an interpretative statement",
    ] {
        assert!(md.contains(want), "{want}:\n{md}");
    }
    assert!(
        md.contains("Put to a recorded vote and adopted by 2 votes to 1, with no abstentions."),
        "{md}"
    );
}

/// An open vote sheet's marks are a draft (as the words of a statement are): through the
/// file and back, as after a kill -9, the recovery prompt names the vote and its marks,
/// Enter reopens the sheet with them and Enter records the vote.
#[test]
fn the_marks_of_an_open_vote_sheet_are_kept_in_the_draft_and_offered_back() {
    use rapporteur::tui::draft::{self, DraftKind};
    let mut app = in_session();
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(
        draft::current(&app),
        None,
        "an untouched sheet holds nothing"
    );
    vote_two_to_one_marks(&mut app);
    let d = draft::current(&app).expect("the marks are a draft");
    assert_eq!(d.kind, DraftKind::Vote);
    assert_eq!((d.item.as_str(), d.about.as_str()), ("2", "2-1"));
    let text = draft::to_text(&d);
    assert!(
        text.contains("for = [\"at\", \"ch\"]") && text.contains("against = [\"si\"]"),
        "{text}"
    );
    let back: draft::Draft = toml::from_str(&text).unwrap();
    assert_eq!(back, d);
    assert!(back.offers_something());
    // A fresh session: nothing recorded, the draft offered back.
    let mut app = in_session();
    assert_eq!(decision(&app).taken, Taken::Consensus);
    let (checked, note) = draft::validate(back.clone(), &app);
    assert_eq!(note, None);
    app.screen.mode = Mode::Recover(checked);
    let screen = text_of(&app);
    assert!(
        screen.contains("a vote on 2-1, marked on the vote sheet"),
        "{screen}"
    );
    assert!(
        screen.contains("for: Austria, Switzerland · against: Slovenia · abstain: none"),
        "{screen}"
    );
    assert_eq!(act(&mut app, Action::Confirm), Effect::DiscardDraft);
    assert_eq!(
        sheet(&app).tally_line(),
        "For 2 · Against 1 · Abstain 0 · adopted"
    );
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    assert_eq!(
        decision(&app).taken,
        Taken::Vote(Vote {
            yes: vec!["at".into(), "ch".into()],
            no: vec!["si".into()],
            abstain: vec![],
        })
    );
    // The decision gone: the marks go into the item's record of discussion.
    let mut gone = back;
    gone.about = "2-9".into();
    let (checked, note) = draft::validate(gone, &app);
    assert_eq!(checked.kind, DraftKind::Notes);
    assert!(
        checked
            .text
            .contains("Vote on 2-9, never recorded: for: Austria, Switzerland"),
        "{}",
        checked.text
    );
    assert!(note.unwrap().contains("'2-9' no longer exists"));
}

/// The marks of [`vote_two_to_one`] on an open sheet.
fn vote_two_to_one_marks(app: &mut App) {
    press(app, KeyCode::Char('1'));
    press(app, KeyCode::Down);
    press(app, KeyCode::Char('1'));
    press(app, KeyCode::Down);
    press(app, KeyCode::Char('2'));
}

fn text_of(app: &App) -> String {
    text(app, 120, 40)
}

/// The recovery prompt says whose statement it was, its kind and on which decision.
#[test]
fn the_recovery_prompt_names_the_statement_s_delegation_kind_and_decision() {
    use rapporteur::tui::draft::{Draft, DraftKind, StatementDraft};
    let mut app = in_session();
    app.screen.mode = Mode::Recover(Draft {
        kind: DraftKind::Statement,
        item: "2".into(),
        about: "2-1".into(),
        text: "Austria reserves its position".into(),
        minutes: None,
        statement: Some(StatementDraft {
            by: "at".into(),
            kind: "reservation".into(),
        }),
        vote: None,
    });
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = text(&app, w, h);
        assert!(
            screen.contains("a reservation by Austria on 2-1"),
            "{w}x{h}\n{screen}"
        );
    }
}

/// The footer of `v` lists only the keys that work there: the three forms are 1-3, the
/// sheet's sides 1-4; never `1-9`.
#[test]
fn the_footer_of_v_offers_the_digits_that_work() {
    let mut app = in_session();
    press(&mut app, KeyCode::Char('v'));
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = text(&app, w, h);
        let footer = screen.lines().nth_back(1).unwrap();
        assert!(footer.contains("1-3"), "{w}x{h}: {footer}");
        assert!(!screen.contains("1-9"), "{w}x{h}\n{screen}");
    }
    press(&mut app, KeyCode::Char('2'));
    let screen = text(&app, 120, 40);
    assert!(!screen.contains("1-9"), "{screen}");
}

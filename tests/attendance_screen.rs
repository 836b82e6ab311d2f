//! The attendance window as an intergovernmental body takes attendance (issue 10): present,
//! absent, apologies; delegates with roles added without leaving it; a filter that follows
//! the owner rules; the quorum counted by the rule (associate members and observers not
//! counted unless `quorum_kinds` names them); decisions without a quorum flagged. On an
//! alpine ministers' conference: four member states, an associate member, an observer, a
//! secretariat, quorum 3.

mod common;

use common::*;
use rapporteur::model::{Presence, Role};
use rapporteur::tui::action::{Action, Effect};
use rapporteur::tui::app::{App, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn status(app: &App, id: &str) -> Presence {
    app.record
        .minutes
        .delegation(id)
        .map(|a| a.status)
        .unwrap_or_default()
}

fn highlighted(app: &App) -> String {
    let Mode::Attendance(list) = &app.screen.mode else {
        panic!("{:?}", app.screen.mode.kind())
    };
    let row = list.highlighted().unwrap();
    list.represents(&app.record.minutes, row).to_string()
}

/// Filters to a delegation and marks it present with Enter (which clears the filter).
fn mark_present(app: &mut App, typed: &str, id: &str) {
    type_text(app, typed);
    assert_eq!(highlighted(app), id, "'{typed}' highlights {id}");
    assert_eq!(press(app, KeyCode::Enter), Effect::Save);
}

#[test]
fn the_quorum_counts_member_states_only_and_the_header_says_so() {
    let mut app = alpine();
    assert!(text(&app, 120, 40).contains("no quorum (0/3)"));
    press(&mut app, KeyCode::Char('a'));
    mark_present(&mut app, "austria", "at");
    mark_present(&mut app, "confoederatio", "ch");
    mark_present(&mut app, "monaco", "mc");
    mark_present(&mut app, "european", "eu");
    assert_eq!(status(&app, "eu"), Presence::Present);
    // The associate member and the observer are present, not counted.
    let q = app.quorum();
    assert_eq!((q.counted, q.met), (2, false));
    let screen = text(&app, 120, 40);
    assert!(screen.contains("no quorum (2/3)"), "{screen}");
    assert!(
        screen.contains("European Union  observer, not counted"),
        "{screen}"
    );
    assert!(screen.contains("Monaco  not counted"), "{screen}");
    // A third member state: quorum, in the window, the message and the header.
    mark_present(&mut app, "slov", "si");
    assert!(format!("{:?}", app.screen.message).contains("Slovenia: present · quorum 3/3 ✓"));
    assert!(app.quorum().met);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen.mode, Mode::Normal));
    let header = text(&app, 120, 40).lines().nth(1).unwrap().to_string();
    assert!(header.contains("quorum 3/3 ✓"), "{header}");
}

#[test]
fn quorum_kinds_named_by_the_agenda_count_associate_members() {
    let mut app = alpine();
    app.record.minutes.meeting.quorum_kinds =
        Some(vec!["member-state".into(), "associate-member".into()]);
    press(&mut app, KeyCode::Char('a'));
    mark_present(&mut app, "austria", "at");
    mark_present(&mut app, "monaco", "mc");
    mark_present(&mut app, "european", "eu");
    assert_eq!(app.quorum().counted, 2, "Monaco counts, the observer never");
    assert!(text(&app, 120, 40).contains("counted: member-state, associate-member"));
}

#[test]
fn tab_goes_present_apologies_absent_and_apologies_do_not_count() {
    let mut app = alpine();
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "liech");
    assert_eq!(highlighted(&app), "li");
    assert_eq!(press(&mut app, KeyCode::Tab), Effect::Save);
    assert_eq!(status(&app, "li"), Presence::Present);
    press(&mut app, KeyCode::Tab);
    assert_eq!(status(&app, "li"), Presence::Apologies);
    assert_eq!(app.quorum().counted, 0);
    assert!(text(&app, 100, 30).contains("[-] apologies Liechtenstein"));
    press(&mut app, KeyCode::Tab);
    assert_eq!(status(&app, "li"), Presence::Absent);
    // Esc clears the filter first, then closes.
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen.mode, Mode::Attendance(_)));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.screen.mode, Mode::Normal));
}

#[test]
fn a_delegate_is_added_with_a_role_without_leaving_the_window() {
    let mut app = alpine();
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "slovenia");
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    key(&mut app, ctrl_n);
    type_text(&mut app, "Minister Novak");
    press(&mut app, KeyCode::Tab);
    let screen = text(&app, 120, 40);
    assert!(
        screen.contains("New delegate of Slovenia: Minister Novak▏  role: head of delegation"),
        "{screen}"
    );
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::Save);
    assert!(matches!(app.screen.mode, Mode::Attendance(_)), "still open");
    let si = app.record.minutes.delegation("si").unwrap();
    assert_eq!(si.delegates.len(), 1);
    assert_eq!(si.delegates[0].name, "Minister Novak");
    assert_eq!(si.delegates[0].role, Some(Role::HeadOfDelegation));
    assert_eq!(si.status, Presence::Absent, "adding a name marks nothing");
    // A second one, an adviser (three Tabs), then present with Space.
    key(&mut app, ctrl_n);
    type_text(&mut app, "Ms Zupan");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Enter);
    // The filter is still "slovenia": Space types; Enter marks.
    press(&mut app, KeyCode::Enter);
    assert_eq!(status(&app, "si"), Presence::Present);
    let screen = text(&app, 120, 40);
    assert!(
        screen.contains("Slovenia  · Minister Novak (head of delegation); Ms Zupan (adviser)"),
        "{screen}"
    );
    // One undo per confirmed change.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(status(&app, "si"), Presence::Absent);
    assert!(format!("{:?}", app.screen.message).contains("undone: attendance"));
}

#[test]
fn the_filter_follows_the_owner_rules_and_finds_delegates_by_name() {
    let mut app = alpine();
    press(&mut app, KeyCode::Char('a'));
    // A short name, an alias, a word start: the rule's strong matches come first.
    for (typed, id) in [("CHE", "ch"), ("helvetica", "ch"), ("perm sec", "sec")] {
        type_text(&mut app, typed);
        assert_eq!(highlighted(&app), id, "{typed}");
        press(&mut app, KeyCode::Esc);
    }
    // A delegate's name finds the delegation (fuzzy).
    type_text(&mut app, "dupont");
    assert_eq!(highlighted(&app), "eu");
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "zzzz");
    assert!(text(&app, 100, 30).contains("no delegation matches"));
    // A space is typed into the filter, not a toggle.
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "saint");
    assert_eq!(press(&mut app, KeyCode::Char(' ')), Effect::None);
    let Mode::Attendance(list) = &app.screen.mode else {
        panic!()
    };
    assert_eq!(list.query, "saint ");
}

#[test]
fn a_decision_without_a_quorum_is_flagged_on_screen() {
    let mut app = alpine();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "Publish the snow maps daily");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    let screen = text(&app, 120, 40);
    assert!(
        screen.contains("2-1  ⚠ no quorum · Publish the snow maps"),
        "{screen}"
    );
    assert!(
        screen.contains("Recorded without a quorum: the minutes say so."),
        "{screen}"
    );
    assert!(app.record.minutes.items[1].decisions[0].without_quorum);
    // The flag is the decision's, as recorded: the quorum met later does not clear it,
    // and a decision recorded once the quorum is met carries none.
    press(&mut app, KeyCode::Char('a'));
    mark_present(&mut app, "austria", "at");
    mark_present(&mut app, "switz", "ch");
    mark_present(&mut app, "slov", "si");
    press(&mut app, KeyCode::Esc);
    assert!(app.quorum().met);
    let screen = text(&app, 120, 40);
    assert!(screen.contains("quorum 3/3 ✓"), "{screen}");
    assert!(
        screen.contains("2-1  ⚠ no quorum · Publish the snow maps"),
        "still flagged once the quorum is met: {screen}"
    );
    press(&mut app, KeyCode::Char('d'));
    type_text(&mut app, "Share the avalanche bulletins");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    let screen = text(&app, 120, 40);
    assert!(
        screen.contains("2-2  Share the avalanche bulletins"),
        "{screen}"
    );
    let toml = rapporteur::minutes::toml_out::to_toml(&app.record.minutes).unwrap();
    assert!(
        toml.contains("id = \"2-1\"\ntext = \"Publish the snow maps daily\"\nquorate = false\n"),
        "{toml}"
    );
    assert_eq!(
        toml.matches("quorate").count(),
        1,
        "written only when false"
    );
    assert!(act(&mut app, Action::Tick(alpine_clock())) == Effect::None);
}

/// The window with delegates, apologies, an observer and the quorum line.
fn in_session() -> App {
    let mut app = alpine();
    press(&mut app, KeyCode::Char('a'));
    mark_present(&mut app, "austria", "at");
    mark_present(&mut app, "switz", "ch");
    type_text(&mut app, "liech");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Esc);
    mark_present(&mut app, "european", "eu");
    type_text(&mut app, "switz");
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    key(&mut app, ctrl_n);
    type_text(&mut app, "Ms. Brunner");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    app
}

#[test]
fn attendance_window_80x24() {
    insta::assert_snapshot!(draw(&in_session(), 80, 24).backend());
}

#[test]
fn attendance_window_120x40() {
    insta::assert_snapshot!(draw(&in_session(), 120, 40).backend());
}

/// The health council (no member states) with its recorded minutes, the attendance window
/// open: a WHO observer whose delegate's name and role are long.
fn health_attendance() -> App {
    let opened = rapporteur::load::workspace::open_agenda(std::path::Path::new(
        "tests/fixtures/bodies/health/2025-09-15-rhc-8.toml",
    ))
    .unwrap();
    let now = chrono::NaiveDate::from_ymd_opt(2025, 9, 15)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let mut app = App::new(
        opened,
        rapporteur::load::theme::load("default").unwrap(),
        now,
    );
    press(&mut app, KeyCode::Char('a'));
    assert!(matches!(app.screen.mode, Mode::Attendance(_)));
    app
}

/// Every delegate's name and role is shown whole, at 120 and at 80 columns (the WHO row
/// stopped at `Dr. Lina Haddad (`).
#[test]
fn delegates_are_never_cut_at_120_or_80_columns() {
    let app = health_attendance();
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = text(&app, w, h);
        for whole in [
            "Dr. Lina Haddad (observer)",
            "Dr. Amara Okafor (head of delegation)",
            "Dr. Joseph Mensah (head of delegation)",
            "Esc",
        ] {
            assert!(screen.contains(whole), "{w}x{h}: '{whole}'\n{screen}");
        }
    }
}

#[test]
fn health_attendance_120x40() {
    insta::assert_snapshot!(draw(&health_attendance(), 120, 40).backend());
}

#[test]
fn health_attendance_80x24() {
    insta::assert_snapshot!(draw(&health_attendance(), 80, 24).backend());
}

//! The report drawing on the folder's other meetings (issue 11): the adoption line dated
//! from the approving meeting, and an update to an earlier meeting's decision (the issue's
//! own `csm-ii/6-2`) with the action's text and before → after for each field.

use std::path::Path;

use rapporteur::load::workspace::{load_minutes, load_plan, open_agenda};
use rapporteur::minutes::Audience;
use rapporteur::minutes::markdown::{Context, render_with};
use rapporteur::model::dates::DateStyle;
use rapporteur::model::{Minutes, Plan, Status, Update};

const CSM_II: &str = "meetings/ccscap/2016-03-15-csm-ii.minutes.toml";
const CONSLE_17: &str = "meetings/ccscap/2016-11-21-consle-17.toml";
const PLAN: &str = "meetings/ccscap/plan.toml";

fn md(m: &Minutes, plan: &Plan, others: &[Minutes]) -> String {
    render_with(
        m,
        &Context {
            plan: Some(plan),
            others,
            dates: DateStyle::default(),
        },
        Audience::All,
    )
}

/// CONSLE 17's minutes as the screen starts them from its agenda.
fn consle_17() -> Minutes {
    let opened = open_agenda(Path::new(CONSLE_17)).unwrap();
    Minutes::from_agenda(&opened.agenda, "2016-11-21-consle-17.toml")
}

#[test]
fn the_adoption_line_names_the_approving_meeting_and_its_date() {
    let plan = load_plan(Path::new(PLAN)).unwrap();
    let csm = load_minutes(Path::new(CSM_II)).unwrap();
    let text = md(&csm, &plan, &[consle_17()]);
    assert!(
        text.contains(
            "This report was adopted at the Seventeenth Meeting of the Council of Ministers \
             responsible for National Security and Law Enforcement (consle-17) on 21 November \
             2016."
        ),
        "{text}"
    );
    // Without the approving meeting among the others, the line says only its id.
    let text = md(&csm, &plan, &[]);
    assert!(
        text.contains("This report was adopted at meeting consle-17."),
        "{text}"
    );
}

#[test]
fn an_update_to_an_earlier_meeting_s_decision_says_what_it_is_and_what_changed() {
    let plan = load_plan(Path::new(PLAN)).unwrap();
    let csm = load_minutes(Path::new(CSM_II)).unwrap();
    let (_, before) = csm.decision("6-2").unwrap();
    assert_eq!(before.owners, ["the Chair"]);
    let mut m = consle_17();
    m.items[0].updates.push(Update {
        action: "csm-ii/6-2".into(),
        status: Some(Status::Done),
        owners: Some(vec!["impacs".into()]),
        due: chrono::NaiveDate::from_ymd_opt(2016, 12, 31),
        note: Some("The consultation closed in October.".into()),
    });
    let text = md(&m, &plan, std::slice::from_ref(&csm));
    let line = text
        .lines()
        .find(|l| l.contains("Action csm-ii/6-2"))
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(
        line,
        "4. **Action csm-ii/6-2, “Report on the consultation of delegations not present.”:** \
         status open → done; responsible the Chair → CARICOM Implementation Agency for Crime \
         and Security (IMPACS); due 30 June 2016 → 31 December 2016. The consultation closed \
         in October."
    );
    for part in [
        "Report on the consultation of delegations not present.",
        "status open → done",
        "responsible the Chair → ",
        "IMPACS",
        "due 30 June 2016 → 31 December 2016",
        "The consultation closed in October.",
    ] {
        assert!(line.contains(part), "{part:?} in {line}");
    }
    // The action matrix shows its state after this meeting.
    let matrix = text
        .lines()
        .find(|l| l.starts_with("| csm-ii/6-2 "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(matrix.contains("| done |"), "{matrix}");
}

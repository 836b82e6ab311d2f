//! `rapporteur merge-file`: the table of three-way cases (fixtures of base, ours, theirs
//! and the expected result), the conflict form that `check` rejects, and properties:
//! non-conflicting edits merge to what applying both gives, and the merge is symmetric up
//! to its documented order.

use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use rapporteur::minutes::merge::{Merged, merge};
use rapporteur::minutes::merge_file::{parse_side, render};
use rapporteur::minutes::toml_out::to_toml;
use rapporteur::model::{Minutes, Status, Update};

const CASES: &str = "tests/fixtures/merge/cases";

fn rapporteur() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rapporteur"));
    c.env_remove("RUST_BACKTRACE").env("NO_COLOR", "1");
    c
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn side(text: &str) -> Minutes {
    parse_side(text, "test").unwrap()
}

fn merge_dir(dir: &Path) -> (Merged, String) {
    let [b, o, t] =
        ["base", "ours", "theirs"].map(|s| side(&read(&dir.join(format!("{s}.minutes.toml")))));
    let merged = merge(&b, &o, &t);
    let text = render(&merged).unwrap();
    (merged, text)
}

/// Every case, with whether it conflicts and what stderr must say.
const TABLE: &[(&str, Option<&str>, &str)] = &[
    ("additions_under_different_items", None, ""),
    (
        "additions_under_the_same_item_renumber_theirs",
        None,
        "their decision '2-3' is now '2-4'",
    ),
    ("same_edit_on_both_sides", None, ""),
    (
        "different_edits_of_one_decision_conflict",
        Some("decision '2-1': both sides changed 'due' differently"),
        "",
    ),
    (
        "owners_changed_differently_conflict",
        Some("decision '2-1': both sides changed 'owners' differently"),
        "",
    ),
    (
        "status_of_one_decision_changed_differently_conflict",
        Some("decision '2-2': both sides changed 'status' differently"),
        "",
    ),
    (
        "deleted_against_edited_conflict",
        Some("decision '2-2': deleted by ours and edited by theirs"),
        "",
    ),
    ("deleted_against_untouched_deletes", None, ""),
    ("attendance_of_different_delegations", None, ""),
    (
        "attendance_of_one_delegation_conflict",
        Some("attendance of 'spc': both sides changed 'delegates' differently"),
        "",
    ),
    ("updates_to_different_fields", None, ""),
    (
        "updates_to_the_same_field_conflict",
        Some("update of 'VM-2' under item '2': both sides changed 'status' differently"),
        "",
    ),
    ("notes_appended_on_both_sides", None, ""),
];

#[test]
fn every_case_folder_is_in_the_table_and_back() {
    let mut on_disk: Vec<String> = std::fs::read_dir(CASES)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = TABLE.iter().map(|(n, _, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn each_case_merges_to_its_expected_file() {
    for (name, conflict, _) in TABLE {
        let dir = Path::new(CASES).join(name);
        let (merged, text) = merge_dir(&dir);
        let expected = read(&dir.join("expected.minutes.toml"));
        assert_eq!(text, expected, "case {name}");
        let said: Vec<String> = merged.conflicts.iter().map(ToString::to_string).collect();
        match conflict {
            None => assert!(said.is_empty(), "case {name}: {said:?}"),
            Some(want) => assert_eq!(said, [want.to_string()], "case {name}"),
        }
    }
}

#[test]
fn the_binary_exits_0_clean_1_on_conflict_and_says_what_it_renumbered() {
    let dir = tempfile::tempdir().unwrap();
    for (name, conflict, stderr_says) in TABLE {
        let case = Path::new(CASES).join(name);
        let ours = dir.path().join(format!("{name}.minutes.toml"));
        std::fs::copy(case.join("ours.minutes.toml"), &ours).unwrap();
        let out = rapporteur()
            .arg("merge-file")
            .arg(case.join("base.minutes.toml"))
            .arg(&ours)
            .arg(case.join("theirs.minutes.toml"))
            .arg("meetings/tc/2022-03-10-tc-4.minutes.toml")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let want = if conflict.is_some() { 1 } else { 0 };
        assert_eq!(out.status.code(), Some(want), "case {name}: {stderr}");
        assert_eq!(
            read(&ours),
            read(&case.join("expected.minutes.toml")),
            "case {name}: the result is written into OURS"
        );
        assert!(stderr.contains(stderr_says), "case {name}: {stderr}");
        if let Some(c) = conflict {
            assert!(
                stderr.contains(&format!(
                    "meetings/tc/2022-03-10-tc-4.minutes.toml: conflict: {c}"
                )),
                "messages name the path git gives (%P): {stderr}"
            );
        } else {
            assert!(!stderr.contains("conflict"), "case {name}: {stderr}");
        }
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn clean_merges_are_canonical_bytes() {
    for (name, conflict, _) in TABLE {
        if conflict.is_some() {
            continue;
        }
        let (merged, text) = merge_dir(&Path::new(CASES).join(name));
        assert_eq!(to_toml(&side(&text)).unwrap(), text, "case {name}");
        assert_eq!(to_toml(&merged.minutes).unwrap(), text);
    }
}

/// A folder with the fisheries plan and agenda, for `check`.
fn fisheries_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["plan.toml", "2022-03-10-tc-4.toml"] {
        std::fs::copy(
            Path::new("tests/fixtures/merge/fisheries").join(f),
            dir.path().join(f),
        )
        .unwrap();
    }
    dir
}

#[test]
fn check_rejects_every_conflict_with_its_place_and_passes_once_resolved() {
    for (name, conflict, _) in TABLE {
        let dir = fisheries_copy();
        let file = dir.path().join("2022-03-10-tc-4.minutes.toml");
        let text = read(&Path::new(CASES).join(name).join("expected.minutes.toml"));
        std::fs::write(&file, &text).unwrap();
        let out = rapporteur().arg("check").arg(dir.path()).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if conflict.is_none() {
            assert_eq!(out.status.code(), Some(0), "case {name}: {stderr}");
            continue;
        }
        assert_eq!(out.status.code(), Some(1), "case {name}: {stderr}");
        let marker = text
            .lines()
            .position(|l| l.starts_with("conflict = "))
            .unwrap()
            + 1;
        assert!(
            stderr.contains(&format!(
                "2022-03-10-tc-4.minutes.toml:{marker}:1: error: unresolved merge conflict"
            )),
            "case {name}: the marker's line and column: {stderr}"
        );
        if let Some(field) = text.lines().position(|l| l.contains("{ ours = ")) {
            let line = text.lines().nth(field).unwrap();
            let col = line.find('{').unwrap() + 1;
            assert!(
                stderr.contains(&format!(
                    ":{}:{col}: error: unresolved merge conflict in '",
                    field + 1
                )),
                "case {name}: the field's line and column: {stderr}"
            );
        }
        assert!(!stderr.contains("missing field"), "no noise: {stderr}");
        // A person keeps ours and deletes the marker: the file is valid again.
        let resolved: String = text
            .lines()
            .filter(|l| !l.starts_with("conflict = "))
            .map(|l| match l.split_once(" = { ours = ") {
                Some((k, rest)) => {
                    let ours = rest
                        .split(", theirs = ")
                        .next()
                        .unwrap()
                        .trim_end_matches(" }");
                    format!("{k} = {ours}\n")
                }
                None => format!("{l}\n"),
            })
            .collect();
        std::fs::write(&file, resolved).unwrap();
        let out = rapporteur().arg("check").arg(dir.path()).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "case {name} resolved: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn invalid_input_writes_nothing_and_exits_2_naming_the_place() {
    let case = Path::new(CASES).join("additions_under_different_items");
    let dir = tempfile::tempdir().unwrap();
    let ours = dir.path().join("ours.toml");
    std::fs::copy(case.join("ours.minutes.toml"), &ours).unwrap();
    let theirs = dir.path().join("theirs.toml");
    std::fs::write(&theirs, "[meeting]\nid = \"tc-4\"\ntitle = 3\n").unwrap();
    let out = rapporteur()
        .arg("merge-file")
        .arg(case.join("base.minutes.toml"))
        .arg(&ours)
        .arg(&theirs)
        .arg("tc.minutes.toml")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("tc.minutes.toml (theirs):3:9: error:"),
        "{stderr}"
    );
    assert_eq!(read(&ours), read(&case.join("ours.minutes.toml")));
}

#[test]
fn output_can_go_to_stdout_and_an_empty_base_is_a_file_added_on_both_sides() {
    let case = Path::new(CASES).join("additions_under_different_items");
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::write(&empty, "").unwrap();
    let out = rapporteur()
        .arg("merge-file")
        .arg(&empty)
        .arg(case.join("ours.minutes.toml"))
        .arg(case.join("theirs.minutes.toml"))
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        read(&case.join("expected.minutes.toml"))
    );
}

/// The merged minutes with the documented order taken out: records of one list as a
/// sorted set, decision ids replaced by the text of the decision (references too), notes
/// as a sorted set of paragraphs.
fn without_order(m: &Minutes) -> String {
    let text_of = |name: &str| -> String {
        name.split_once('/')
            .filter(|(meeting, _)| *meeting == m.meeting.id)
            .and_then(|(_, id)| m.decision(id))
            .map_or_else(|| name.to_string(), |(_, d)| format!("→{}", d.text))
    };
    let mut out = format!(
        "{:?}|{}|{:?}|{:?}\n",
        m.meeting, m.agenda, m.state, m.approved_at
    );
    let mut att: Vec<String> = m.attendance.iter().map(|a| format!("{a:?}")).collect();
    att.sort();
    out.push_str(&att.join("\n"));
    let mut items: Vec<String> = m
        .items
        .iter()
        .map(|i| {
            let mut ds: Vec<String> = i
                .decisions
                .iter()
                .map(|d| {
                    format!(
                        "{}|{:?}|{:?}|{:?}|{:?}|{}",
                        d.text,
                        d.owners,
                        d.due,
                        d.effective_status(),
                        d.action.as_deref().map(text_of),
                        d.confidential
                    )
                })
                .collect();
            ds.sort();
            let mut us: Vec<String> = i
                .updates
                .iter()
                .map(|u| {
                    format!(
                        "{}|{:?}|{:?}|{:?}|{:?}",
                        text_of(&u.action),
                        u.status,
                        u.owners,
                        u.due,
                        u.note
                    )
                })
                .collect();
            us.sort();
            let mut notes: Vec<&str> = i.notes.as_deref().unwrap_or("").split("\n\n").collect();
            notes.sort();
            format!(
                "{}|{}|{:?}|{:?}|{}\n  {}\n  {}\n  {:?}",
                i.id,
                i.title,
                i.area,
                i.taken_up,
                i.confidential,
                ds.join("\n  "),
                us.join("\n  "),
                notes
            )
        })
        .collect();
    items.sort();
    out.push_str(&items.join("\n"));
    out
}

#[test]
fn clean_cases_are_symmetric_up_to_the_documented_order() {
    for (name, conflict, _) in TABLE {
        let dir = Path::new(CASES).join(name);
        let [b, o, t] =
            ["base", "ours", "theirs"].map(|s| side(&read(&dir.join(format!("{s}.minutes.toml")))));
        let (ot, to) = (merge(&b, &o, &t), merge(&b, &t, &o));
        assert_eq!(ot.conflicts.len(), to.conflicts.len(), "case {name}");
        if conflict.is_none() {
            assert_eq!(
                without_order(&ot.minutes),
                without_order(&to.minutes),
                "case {name}"
            );
        }
    }
}

// ---- property: non-conflicting edit sequences ----

const MEETING: &str = "tc-4";
const ACTIONS: [&str; 3] = ["VM-1", "VM-2", "LI-1"];

/// One edit a rapporteur can make, as the live screen makes it.
#[derive(Debug, Clone)]
enum Op {
    AddDecision {
        item: usize,
        n: u8,
    },
    EditText {
        decision: usize,
        n: u8,
    },
    SetStatus {
        decision: usize,
        status: usize,
    },
    SetDue {
        decision: usize,
        day: u8,
    },
    Delete {
        decision: usize,
    },
    Attend {
        who: usize,
        present: bool,
    },
    UpdateAction {
        item: usize,
        action: usize,
        field: usize,
        n: u8,
    },
    UpdateOwnNew {
        item: usize,
        nth: usize,
        status: usize,
    },
    AppendNotes {
        item: usize,
        n: u8,
    },
}

/// What an edit touches: two sides touching the same target would conflict.
fn target(op: &Op) -> Option<(u8, usize, usize, usize)> {
    match *op {
        Op::EditText { decision, .. } => Some((0, decision, 0, 0)),
        Op::SetStatus { decision, .. } => Some((0, decision, 1, 0)),
        Op::SetDue { decision, .. } => Some((0, decision, 2, 0)),
        Op::Delete { decision } => Some((0, decision, 9, 0)),
        Op::Attend { who, .. } => Some((1, who, 0, 0)),
        Op::UpdateAction {
            item,
            action,
            field,
            ..
        } => Some((2, item, action, field)),
        _ => None,
    }
}

fn conflicts(a: &Op, b: &Op) -> bool {
    match (target(a), target(b)) {
        (Some(x), Some(y)) if x.0 == 0 && y.0 == 0 && x.1 == y.1 => {
            // Deleting on both sides is clean; deleting and editing is not.
            !(x.2 == 9 && y.2 == 9) && (x.2 == y.2 || x.2 == 9 || y.2 == 9)
        }
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..4usize, any::<u8>()).prop_map(|(item, n)| Op::AddDecision { item, n }),
        1 => (0..2usize, any::<u8>()).prop_map(|(decision, n)| Op::EditText { decision, n }),
        1 => (0..2usize, 0..5usize).prop_map(|(decision, status)| Op::SetStatus { decision, status }),
        1 => (0..2usize, 1..28u8).prop_map(|(decision, day)| Op::SetDue { decision, day }),
        1 => (0..2usize).prop_map(|decision| Op::Delete { decision }),
        1 => (0..3usize, any::<bool>()).prop_map(|(who, present)| Op::Attend { who, present }),
        1 => (0..4usize, 0..3usize, 0..3usize, any::<u8>())
            .prop_map(|(item, action, field, n)| Op::UpdateAction { item, action, field, n }),
        1 => (0..4usize, 0..3usize, 0..5usize)
            .prop_map(|(item, nth, status)| Op::UpdateOwnNew { item, nth, status }),
        1 => (0..4usize, any::<u8>()).prop_map(|(item, n)| Op::AppendNotes { item, n }),
    ]
}

const BASE_DECISIONS: [(usize, &str); 2] = [(1, "2-1"), (1, "2-2")];

fn set_update(m: &mut Minutes, item: usize, action: &str, f: impl FnOnce(&mut Update)) {
    let rec = &mut m.items[item];
    let i = match rec.updates.iter().position(|u| u.action == action) {
        Some(i) => i,
        None => {
            rec.updates.push(Update {
                action: action.to_string(),
                ..Update::default()
            });
            rec.updates.len() - 1
        }
    };
    f(&mut rec.updates[i]);
}

/// Applies one side's edits as the live screen would; `mine` holds the ids this side
/// issued, so an update can name them.
fn apply(m: &mut Minutes, who: &str, ops: &[Op]) {
    let mut mine: Vec<String> = Vec::new();
    for op in ops {
        match *op {
            Op::AddDecision { item, n } => {
                let rec = &mut m.items[item];
                let id = rec.next_decision_id();
                rec.decisions.push_back(rapporteur::model::Decision {
                    id: id.clone(),
                    text: format!("{who} decided {n}"),
                    ..Default::default()
                });
                mine.push(id);
            }
            Op::EditText { decision, n } => {
                let (item, id) = BASE_DECISIONS[decision];
                if let Some(d) = m.items[item].decisions.iter_mut().find(|d| d.id == id) {
                    d.text = format!("{who} reworded {n}");
                }
            }
            Op::SetStatus { decision, status } => {
                let (item, id) = BASE_DECISIONS[decision];
                if let Some(d) = m.items[item].decisions.iter_mut().find(|d| d.id == id) {
                    d.status = Some(Status::ALL[status]);
                }
            }
            Op::SetDue { decision, day } => {
                let (item, id) = BASE_DECISIONS[decision];
                if let Some(d) = m.items[item].decisions.iter_mut().find(|d| d.id == id) {
                    d.due = chrono::NaiveDate::from_ymd_opt(2023, 1, u32::from(day));
                }
            }
            Op::Delete { decision } => {
                let (item, id) = BASE_DECISIONS[decision];
                let rec = &mut m.items[item];
                if let Some(i) = rec.decisions.iter().position(|d| d.id == id) {
                    rec.issued = Some(rec.highest_issued());
                    rec.decisions.remove(i);
                }
            }
            Op::Attend { who: k, present } => {
                m.attendance[k].status = if present {
                    rapporteur::model::Presence::Present
                } else {
                    rapporteur::model::Presence::Absent
                }
            }
            Op::UpdateAction {
                item,
                action,
                field,
                n,
            } => {
                set_update(m, item, ACTIONS[action], |u| match field {
                    0 => u.status = Some(Status::ALL[usize::from(n) % 5]),
                    1 => u.due = chrono::NaiveDate::from_ymd_opt(2024, 2, u32::from(n % 28) + 1),
                    _ => u.note = Some(format!("{who} noted {n}")),
                });
            }
            Op::UpdateOwnNew { item, nth, status } => {
                if let Some(id) = mine.get(nth) {
                    let action = format!("{MEETING}/{id}");
                    set_update(m, item, &action, |u| u.status = Some(Status::ALL[status]));
                }
            }
            Op::AppendNotes { item, n } => {
                let rec = &mut m.items[item];
                let add = format!("{who} said {n}.");
                rec.notes = Some(match rec.notes.as_deref() {
                    Some(old) if !old.trim().is_empty() => format!("{}\n\n{add}", old.trim_end()),
                    _ => add,
                });
            }
        }
    }
}

fn base() -> Minutes {
    side(&read(&PathBuf::from(
        "tests/fixtures/merge/fisheries/base.minutes.toml",
    )))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn non_conflicting_edits_merge_as_if_applied_one_after_the_other(
        ours_ops in prop::collection::vec(op(), 0..8),
        theirs_ops in prop::collection::vec(op(), 0..8),
    ) {
        let theirs_ops: Vec<Op> = theirs_ops
            .into_iter()
            .filter(|t| !ours_ops.iter().any(|o| conflicts(o, t)))
            .collect();
        let b = base();
        let mut o = b.clone();
        apply(&mut o, "ours", &ours_ops);
        let mut t = b.clone();
        apply(&mut t, "theirs", &theirs_ops);
        // Both, one after the other. Where both sides added decisions under an item, theirs
        // are numbered above everything either side issued there (the documented rule).
        let mut both = o.clone();
        for (i, rec) in both.items.iter_mut().enumerate() {
            let base_hi = b.items[i].highest_issued();
            let theirs_hi = t.items[i].highest_issued();
            if rec.highest_issued() > base_hi && theirs_hi > base_hi {
                rec.issued = Some(rec.highest_issued().max(theirs_hi));
            }
        }
        apply(&mut both, "theirs", &theirs_ops);

        let merged = merge(&b, &o, &t);
        prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        prop_assert_eq!(to_toml(&merged.minutes).unwrap(), to_toml(&both).unwrap());

        let swapped = merge(&b, &t, &o);
        prop_assert!(swapped.conflicts.is_empty());
        prop_assert_eq!(without_order(&merged.minutes), without_order(&swapped.minutes));
    }
}

/// Run by hand (no repository path), an invalid side is named by its own file, not by
/// OURS with the side after it (`ours.minutes.toml (theirs):79:1`).
#[test]
fn an_invalid_side_is_named_by_its_own_file() {
    let dir = tempfile::tempdir().unwrap();
    let good = read(Path::new(
        "tests/fixtures/bodies/health/2025-09-15-rhc-8.minutes.toml",
    ));
    let base = dir.path().join("base.minutes.toml");
    let ours = dir.path().join("ours.minutes.toml");
    let theirs = dir.path().join("theirs.minutes.toml");
    std::fs::write(&base, &good).unwrap();
    std::fs::write(&ours, &good).unwrap();
    std::fs::write(
        &theirs,
        good.replace("status = \"open\"", "status = \"opne\""),
    )
    .unwrap();
    let out = rapporteur()
        .arg("merge-file")
        .args([&base, &ours, &theirs])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let line = good.lines().position(|l| l == "status = \"open\"").unwrap() + 1;
    assert!(
        stderr.contains(&format!("theirs.minutes.toml:{line}:")),
        "{stderr}"
    );
    assert!(!stderr.contains("ours.minutes.toml (theirs)"), "{stderr}");
    for l in stderr.lines().filter(|l| l.contains(": error: ")) {
        assert!(
            l.starts_with(&theirs.display().to_string()),
            "each problem names the side it is in: {l}"
        );
    }
    assert_eq!(read(&ours), good, "invalid input writes nothing");
}

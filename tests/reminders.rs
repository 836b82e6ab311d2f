//! After the meeting: roster contacts in `check`, `digest` (Markdown and mail messages read
//! back with a mail parser), `ics` (read back with an independent iCalendar parser) and
//! `outstanding --due-within`. On the sample and on a fixture of another body (no member
//! states, non-ASCII contact names, partners without email, a free-text owner, a
//! confidential item).

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use mail_parser::MessageParser;

const FISHERIES: &str = "tests/fixtures/bodies/fisheries";

fn rapporteur() -> Command {
    let mut cmd = Command::cargo_bin("rapporteur").unwrap();
    cmd.env_remove("RUST_BACKTRACE")
        .env_remove("EMAIL")
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent-rapporteur-config");
    cmd
}

/// Runs a command; returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = rapporteur().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A copy of the sample's plan, agendas and CSM II minutes (a manual run may have left
/// CONSLE minutes in meetings/ccscap).
fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "plan.toml",
        "2016-03-15-csm-ii.toml",
        "2016-03-15-csm-ii.minutes.toml",
        "2016-11-21-consle-17.toml",
    ] {
        std::fs::copy(Path::new("meetings/ccscap").join(f), dir.path().join(f)).unwrap();
    }
    dir
}

fn fisheries_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(FISHERIES).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    dir
}

/// Ids of `outstanding --owner OWNER --format json`.
fn outstanding_ids(path: &str, owner: &str, as_of: &str) -> BTreeSet<String> {
    let (code, out, err) = run(&[
        "outstanding",
        path,
        "--owner",
        owner,
        "--as-of",
        as_of,
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

/// The action ids listed under "Still outstanding" in a digest's plain text.
fn listed_ids(body: &str) -> BTreeSet<String> {
    let start = body.find("Still outstanding").expect("outstanding section");
    body[start..]
        .lines()
        .filter_map(|l| {
            let (n, rest) = l.split_once(". ")?;
            n.parse::<u32>().ok()?;
            let rest = rest.strip_prefix("OVERDUE ").unwrap_or(rest);
            Some(rest.split_once(": ")?.0.to_string())
        })
        .collect()
}

fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

// ---- check -------------------------------------------------------------------------------

#[test]
fn check_rejects_a_roster_address_that_is_not_one() {
    let (code, _, err) = run(&["check", "tests/fixtures/invalid/bad_email"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("plan.toml:11:10: error:"), "{err}");
    assert!(err.contains("'ctu.example.org' is not a mail address: it has no '@'"));
    assert!(err.contains("plan.toml:11:29: error:"), "{err}");
    assert!(err.contains("its domain has no dot"), "{err}");
    assert!(err.contains("plan.toml:18:9: error:"), "{err}");
    assert!(err.contains("write the address alone"), "{err}");
    assert!(err.contains("plan.toml:24:9: error:"), "{err}");
    assert!(
        err.contains("'email' in [[partners]] must be a string or an array of strings"),
        "{err}"
    );
}

#[test]
fn check_names_owners_of_outstanding_actions_without_an_address() {
    let (code, out, err) = run(&["check", FISHERIES]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("file(s) valid, 4 warning(s)"), "{out}");
    assert!(
        err.contains("plan.toml:27:6: warning: 'wwf' owns 1 outstanding action and has no email"),
        "{err}"
    );
    assert!(err.contains("plan.toml:41:6: warning: 'fishsec' owns 1 outstanding action"));
    assert!(
        err.contains(
            "free-text owner 'the Rapporteur' owns 1 outstanding action and has no address"
        ),
        "{err}"
    );
    assert!(!err.contains("'ices' owns"), "ICES has addresses: {err}");
    assert!(!err.contains("'helcom' owns"), "{err}");
}

#[test]
fn a_roster_without_any_address_gets_no_address_warnings() {
    // The sample roster carries no email: that body does not send digests, and check says
    // nothing more than before.
    let (code, _, err) = run(&["check", "meetings/ccscap/plan.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("has no email"), "{err}");
}

// ---- digest ------------------------------------------------------------------------------

#[test]
fn sample_digests_one_per_owner_each_with_exactly_that_owners_actions() {
    let dir = sample_copy();
    let sample = dir.path().to_str().unwrap();
    let out = dir.path().join("digests");
    let (code, stdout, err) = run(&[
        "digest",
        sample,
        "--all",
        "--audience",
        "all",
        "--as-of",
        "2017-01-10",
        "--format",
        "eml",
        "--from",
        "secretariat@example.org",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let written = files(&out);
    // Owners as the ledger has them: roster owners of outstanding actions and the Chair.
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(names.contains(&"ctu.eml".to_string()), "{names:?}");
    assert!(names.contains(&"the-chair.eml".to_string()), "{names:?}");
    assert_eq!(stdout.lines().count(), written.len(), "{stdout}");
    let parser = MessageParser::default();
    for p in &written {
        let bytes = std::fs::read(p).unwrap();
        let msg = parser.parse(&bytes[..]).expect("a message");
        let owner = msg
            .header_raw("X-Rapporteur-Owner")
            .unwrap()
            .trim()
            .to_string();
        let body = msg.body_text(0).unwrap().replace("\r\n", "\n");
        let expected = outstanding_ids(sample, &owner, "2017-01-10");
        assert_eq!(listed_ids(&body), expected, "{}: {body}", p.display());
        // The sample's meeting is RESTRICTED: marked in subject and body, owner-only file;
        // it is named by its document symbol.
        let subject = msg.subject().unwrap();
        assert!(
            subject.starts_with(
                "[RESTRICTED] CSM: Second Regional Cyber Security Meeting (CSM/II/2016/REP, \
                 15 March 2016)"
            ),
            "{subject}"
        );
        assert!(
            body.contains("Second Regional Cyber Security Meeting (CSM/II/2016/REP)"),
            "{body}"
        );
        assert!(body.starts_with("RESTRICTED\n"), "{body}");
        assert!(body.trim_end().ends_with("RESTRICTED"), "{body}");
        assert_eq!(mode(p), 0o600, "{}", p.display());
        assert_eq!(
            msg.from().unwrap().first().unwrap().address.as_deref(),
            Some("secretariat@example.org")
        );
        // No roster addresses in the sample: no To line, and a warning naming the owner.
        assert!(msg.to().is_none());
        assert!(err.contains(&format!("{}", p.display())), "{err}");
    }
    assert_eq!(mode(&out), 0o700, "the folder of classified digests");
    assert!(err.contains("'the Chair' is a free-text owner"), "{err}");
    // Complete: every owner of an outstanding action got a message of their own.
    let got: BTreeSet<String> = written
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap();
            let msg = parser.parse(&bytes[..]).unwrap();
            msg.header_raw("X-Rapporteur-Owner")
                .unwrap()
                .trim()
                .to_string()
        })
        .collect();
    let owing = owners_of_outstanding(sample, "2017-01-10");
    assert!(owing.len() > 2, "the sample has several owners: {owing:?}");
    let missing: Vec<&String> = owing.difference(&got).collect();
    assert!(missing.is_empty(), "owners without a digest: {missing:?}");
}

/// Every owner of an outstanding action, as `outstanding --format json` names them.
fn owners_of_outstanding(path: &str, as_of: &str) -> BTreeSet<String> {
    let (code, out, err) = run(&["outstanding", path, "--as-of", as_of, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["owners"].as_array().unwrap().clone())
        .map(|o| o.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_classified_markdown_digest_is_marked_top_and_bottom_and_owner_only() {
    let dir = sample_copy();
    let sample = dir.path().to_str().unwrap();
    let out = dir.path().join("md-digests");
    let (code, _, err) = run(&[
        "digest",
        sample,
        "--all",
        "--audience",
        "all",
        "--as-of",
        "2017-01-10",
        "--format",
        "md",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let written = files(&out);
    assert!(written.len() > 2, "one file per owner: {written:?}");
    for p in &written {
        assert_eq!(p.extension().and_then(|e| e.to_str()), Some("md"), "{p:?}");
        let md = std::fs::read_to_string(p).unwrap();
        let first = md.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let last = md
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        assert!(first.contains("RESTRICTED"), "{}: top: {md}", p.display());
        assert!(last.contains("RESTRICTED"), "{}: bottom: {md}", p.display());
        assert_eq!(mode(p), 0o600, "{}", p.display());
    }
    assert_eq!(mode(&out), 0o700, "the folder of classified digests");
}

#[test]
fn a_public_digest_of_a_classified_meeting_carries_the_public_line_like_the_public_export() {
    let dir = sample_copy();
    let sample = dir.path().to_str().unwrap();
    for format in ["md", "eml"] {
        let out = dir.path().join(format!("public-{format}"));
        let (code, _, err) = run(&[
            "digest",
            sample,
            "--all",
            "--as-of",
            "2017-01-10",
            "--format",
            format,
            "--from",
            "secretariat@example.org",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        let written = files(&out);
        assert!(written.len() > 2, "one file per owner: {written:?}");
        for p in &written {
            let text = std::fs::read_to_string(p).unwrap();
            assert!(
                text.contains("Distribution: public. Public version of a digest drawing on"),
                "{}: {text}",
                p.display()
            );
            assert!(!text.contains("RESTRICTED"), "{}: {text}", p.display());
        }
    }
    // The full edition is marked instead, and carries no public line.
    let (code, all, err) = run(&[
        "digest",
        sample,
        "--all",
        "--audience",
        "all",
        "--as-of",
        "2017-01-10",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(all.contains("RESTRICTED"), "{all}");
    assert!(!all.contains("Distribution: public"), "{all}");
    // A digest of an unclassified body needs no public line.
    let (code, plain, err) = run(&["digest", FISHERIES, "--all"]);
    assert_eq!(code, 0, "{err}");
    assert!(!plain.contains("Distribution: public"), "{plain}");
}

#[test]
fn a_message_has_crlf_line_ends_encoded_non_ascii_names_and_the_roster_addresses() {
    let dir = fisheries_copy();
    let out = dir.path().join("out");
    let (code, _, err) = run(&[
        "digest",
        dir.path().to_str().unwrap(),
        "--all",
        "--as-of",
        "2024-06-01",
        "--format",
        "eml",
        "--from",
        "secretariat@bsff.example.org",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(out.join("lza.eml")).unwrap();
    let raw = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        !raw.replace("\r\n", "").contains('\n'),
        "only CRLF line ends"
    );
    assert!(raw.ends_with("\r\n"));
    let (head, _) = raw.split_once("\r\n\r\n").unwrap();
    assert!(head.is_ascii(), "headers are encoded (RFC 2047): {head}");
    assert!(head.contains("=?utf-8?"), "{head}");
    let msg = MessageParser::default().parse(&bytes[..]).unwrap();
    let to = msg.to().unwrap().first().unwrap();
    assert_eq!(to.name.as_deref(), Some("Jūratė Čepaitė"));
    assert_eq!(to.address.as_deref(), Some("info@lza.example.org"));
    let subject = msg.subject().unwrap();
    assert_eq!(
        subject,
        "BSFF: Third Meeting of the Baltic Sea Fisheries Forum (10 April 2024): actions for LŽA, 2 outstanding, 1 overdue"
    );
    let body = msg.body_text(0).unwrap();
    assert!(body.contains("Dear Jūratė Čepaitė,"), "{body}");
    assert!(
        body.contains("Lietuvos žuvininkystės agentūra (LŽA)"),
        "{body}"
    );
    // Overdue first, with days overdue.
    let first = body.find("1. OVERDUE forum-3/1-2:").expect("overdue first");
    assert!(body[first..].contains("17 days overdue"), "{body}");
    assert!(body.contains("2. BY-2: Trial pingers"), "{body}");
    // What the latest meeting decided for them.
    assert!(
        body.contains("forum-3/1-2 (decided): Circulate the data call"),
        "{body}"
    );
    // Several addresses: all in To, the contact's name on the first.
    let ices = MessageParser::default()
        .parse(&std::fs::read(out.join("ices.eml")).unwrap()[..])
        .unwrap()
        .to()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a.name.clone().unwrap_or_default().into_owned(),
                a.address.clone().unwrap_or_default().into_owned(),
            )
        })
        .collect::<Vec<_>>();
    assert_eq!(
        ices,
        [
            (
                "Søren Ødegård".to_string(),
                "advice@ices.example.org".to_string()
            ),
            (
                "International Council for the Exploration of the Sea".to_string(),
                "secretariat@ices.example.org".to_string()
            )
        ]
    );
    // Unclassified meeting: the files follow the umask, not 0600.
    assert_ne!(mode(&out.join("lza.eml")), 0o600);
}

#[test]
fn owners_without_an_address_get_a_file_named_after_them_and_a_warning() {
    let dir = fisheries_copy();
    let out = dir.path().join("out");
    let (code, stdout, err) = run(&[
        "digest",
        dir.path().to_str().unwrap(),
        "--all",
        "--as-of",
        "2024-06-01",
        "--format",
        "eml",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let names: Vec<String> = files(&out)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "fishsec.eml",
            "helcom.eml",
            "ices.eml",
            "lza.eml",
            "the-rapporteur.eml",
            "wwf.eml"
        ]
    );
    for (file, warning) in [
        (
            "wwf.eml",
            "'wwf' (WWF Baltic Ecoregion Programme) has no email in the roster",
        ),
        (
            "fishsec.eml",
            "'fishsec' (Fisheries Secretariat) has no email in the roster",
        ),
        (
            "the-rapporteur.eml",
            "'the Rapporteur' is a free-text owner, not in the roster",
        ),
    ] {
        assert!(err.contains(warning), "{err}");
        let msg = std::fs::read(out.join(file)).unwrap();
        let parsed = MessageParser::default().parse(&msg[..]).unwrap();
        assert!(parsed.to().is_none(), "{file}");
        assert!(parsed.from().is_none(), "no --from and no $EMAIL");
    }
    assert!(err.contains("no --from and no $EMAIL"), "{err}");
    assert!(
        stdout.contains("lza.eml  To: info@lza.example.org"),
        "{stdout}"
    );
    // A free-text owner's digest lists its action.
    let body = std::fs::read_to_string(out.join("the-rapporteur.eml")).unwrap();
    assert!(body.contains("forum-3/2-1"), "{body}");
}

#[test]
fn confidential_records_are_left_out_of_public_digests_only() {
    let digest = |audience: &str| {
        run(&[
            "digest",
            FISHERIES,
            "--owner",
            "lza",
            "--as-of",
            "2024-06-01",
            "--audience",
            audience,
        ])
    };
    let (code, public, err) = digest("public");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("public edition: left out"), "{err}");
    assert!(!public.contains("prosecutor"), "{public}");
    assert!(!public.contains("forum-3/3-1"), "{public}");
    let (code, all, _) = digest("all");
    assert_eq!(code, 0);
    assert!(all.contains("forum-3/3-1"), "{all}");
    assert!(all.contains("prosecutor"), "{all}");
    // Public is the default.
    let (_, default, _) = run(&[
        "digest",
        FISHERIES,
        "--owner",
        "lza",
        "--as-of",
        "2024-06-01",
    ]);
    assert_eq!(default, public);
}

#[test]
fn owner_is_resolved_as_outstanding_resolves_it_and_markdown_goes_to_stdout() {
    let (code, out, err) = run(&[
        "digest",
        FISHERIES,
        "--owner",
        "Lietuvos",
        "--as-of",
        "2024-06-01",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("# Actions for Lietuvos žuvininkystės agentūra (LŽA)"),
        "{out}"
    );
    assert!(out.contains("**OVERDUE** **forum-3/1-2**"), "{out}");
    let (code, out, _) = run(&[
        "digest",
        FISHERIES,
        "--owner",
        "the Rapporteur",
        "--as-of",
        "2024-06-01",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("# Actions for the Rapporteur"), "{out}");
    assert!(out.contains("forum-3/2-1"), "{out}");
    let (code, _, err) = run(&["digest", FISHERIES, "--owner", "zzzzqqq"]);
    assert_eq!(code, 2);
    assert!(err.contains("no partner matches 'zzzzqqq'"), "{err}");
}

#[test]
fn digest_needs_an_owner_or_all_and_a_folder_for_several_messages() {
    let (code, _, err) = run(&["digest", FISHERIES]);
    assert_eq!(code, 2);
    assert!(err.contains("--owner") && err.contains("--all"), "{err}");
    let (code, _, err) = run(&["digest", FISHERIES, "--all", "--format", "eml"]);
    assert_eq!(code, 2);
    assert!(err.contains("-o DIR"), "{err}");
    let (code, _, err) = run(&[
        "digest",
        FISHERIES,
        "--owner",
        "ices",
        "--format",
        "eml",
        "--from",
        "not an address",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--from 'not an address' is not a mail address"),
        "{err}"
    );
}

#[test]
fn one_message_goes_to_stdout_for_sendmail() {
    let out = rapporteur()
        .env("EMAIL", "secretariat@bsff.example.org")
        .args([
            "digest",
            FISHERIES,
            "--owner",
            "helcom",
            "--format",
            "eml",
            "--as-of",
            "2024-06-01",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let msg = MessageParser::default().parse(&out.stdout[..]).unwrap();
    assert_eq!(
        msg.from().unwrap().first().unwrap().address.as_deref(),
        Some("secretariat@bsff.example.org")
    );
    assert_eq!(
        msg.to().unwrap().first().unwrap().name.as_deref(),
        Some("Małgorzata Żółkiewska")
    );
    assert!(msg.message_id().unwrap().ends_with("@bsff.example.org"));
    assert!(msg.date().is_some());
}

// ---- ics ---------------------------------------------------------------------------------

struct Cal {
    raw: String,
    todos: Vec<Vec<(String, String)>>,
    events: Vec<Vec<(String, String)>>,
}

fn props(list: &[ical::property::Property]) -> Vec<(String, String)> {
    list.iter()
        .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
        .collect()
}

fn get<'a>(props: &'a [(String, String)], name: &str) -> Option<&'a str> {
    props
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn ics(args: &[&str]) -> Cal {
    let mut all = vec!["ics"];
    all.extend_from_slice(args);
    let (code, raw, err) = run(&all);
    assert_eq!(code, 0, "{err}");
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(raw.as_bytes()));
    let cal = parser.next().expect("one calendar").expect("parses");
    assert!(parser.next().is_none());
    Cal {
        todos: cal.todos.iter().map(|t| props(&t.properties)).collect(),
        events: cal.events.iter().map(|e| props(&e.properties)).collect(),
        raw,
    }
}

fn uids(c: &Cal) -> Vec<String> {
    c.todos
        .iter()
        .chain(&c.events)
        .map(|p| get(p, "UID").unwrap().to_string())
        .collect()
}

#[test]
fn ics_has_a_todo_per_outstanding_action_and_an_event_per_future_meeting() {
    let c = ics(&[FISHERIES, "--as-of", "2024-06-01", "--audience", "all"]);
    let (_, json, _) = run(&[
        "outstanding",
        FISHERIES,
        "--as-of",
        "2024-06-01",
        "--format",
        "json",
    ]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(c.todos.len(), rows.as_array().unwrap().len());
    let by_uid = |uid: &str| {
        c.todos
            .iter()
            .find(|t| get(t, "UID") == Some(uid))
            .unwrap_or_else(|| panic!("{uid} in {}", c.raw))
    };
    let sa1 = by_uid("bsff/SA-1@rapporteur");
    assert_eq!(get(sa1, "STATUS"), Some("IN-PROCESS"));
    assert_eq!(get(sa1, "DUE"), Some("20240630"));
    assert_eq!(
        get(sa1, "SUMMARY"),
        Some("SA-1: Publish the eel stock advice")
    );
    let by2 = by_uid("bsff/BY-2@rapporteur");
    assert_eq!(get(by2, "STATUS"), Some("NEEDS-ACTION"));
    assert_eq!(get(by2, "DUE"), None);
    let decided = by_uid("bsff/forum-3/1-2@rapporteur");
    let description = get(decided, "DESCRIPTION").unwrap();
    assert!(
        description.contains("Area: 1. Stock assessment"),
        "{description}"
    );
    assert!(
        description.contains("Third Meeting of the Baltic Sea Fisheries Forum (forum-3"),
        "{description}"
    );
    // Only the meeting after the as-of date, ending after its timeboxes (60 + 45 + 30
    // minutes); its confidential item is named for `all`.
    assert_eq!(c.events.len(), 1, "{}", c.raw);
    let e = &c.events[0];
    assert_eq!(get(e, "UID"), Some("bsff/meeting/forum-4@rapporteur"));
    assert_eq!(get(e, "DTSTART"), Some("20240912T093000"));
    assert_eq!(get(e, "DTEND"), Some("20240912T114500"));
    assert_eq!(get(e, "LOCATION"), Some("Gdańsk"));
    assert!(get(e, "DESCRIPTION").unwrap().contains("Enforcement cases"));
}

#[test]
fn ics_uids_are_unique_and_stable_across_runs_and_lines_are_folded_at_75_octets() {
    for path in [FISHERIES, "meetings/ccscap"] {
        let a = ics(&[path, "--as-of", "2016-01-01", "--audience", "all"]);
        let b = ics(&[path, "--as-of", "2016-01-01", "--audience", "all"]);
        let ua = uids(&a);
        assert_eq!(ua.iter().collect::<HashSet<_>>().len(), ua.len(), "unique");
        assert_eq!(ua, uids(&b), "stable");
        assert!(a.raw.ends_with("\r\n"));
        for line in a.raw.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
            assert!(!line.contains('\n') && !line.contains('\r'));
        }
        assert!(
            a.raw.split("\r\n").any(|l| l.starts_with(' ')),
            "long lines were folded"
        );
    }
}

#[test]
fn public_ics_leaves_out_confidential_records_and_owner_filters_todos() {
    let c = ics(&[FISHERIES, "--as-of", "2024-06-01"]);
    assert!(!c.raw.contains("prosecutor"), "{}", c.raw);
    assert!(!uids(&c).contains(&"bsff/forum-3/3-1@rapporteur".to_string()));
    assert!(!c.raw.contains("Enforcement cases"), "{}", c.raw);
    let mine = ics(&[FISHERIES, "--as-of", "2024-06-01", "--owner", "helcom"]);
    let expected = outstanding_ids(FISHERIES, "helcom", "2024-06-01");
    let got: BTreeSet<String> = mine
        .todos
        .iter()
        .map(|t| {
            get(t, "UID")
                .unwrap()
                .trim_start_matches("bsff/")
                .trim_end_matches("@rapporteur")
                .to_string()
        })
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn ics_of_a_classified_meeting_is_marked_and_owner_only() {
    let dir = sample_copy();
    let file = dir.path().join("ccscap.ics");
    let (code, _, err) = run(&[
        "ics",
        dir.path().to_str().unwrap(),
        "--as-of",
        "2016-11-01",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&file), 0o600);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("CLASS:CONFIDENTIAL"), "{text}");
    assert!(text.contains("SUMMARY:[RESTRICTED] CONSLE:"), "{text}");
}

// ---- outstanding --due-within --------------------------------------------------------------

#[test]
fn due_within_keeps_what_falls_due_soon_and_what_is_overdue() {
    let (code, out, err) = run(&[
        "outstanding",
        FISHERIES,
        "--as-of",
        "2024-06-01",
        "--due-within",
        "30d",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    let ids: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    // Due on or before 2024-07-01: the overdue ones, today's and the end of June.
    assert_eq!(
        ids,
        ["SA-2", "forum-3/1-2", "forum-3/3-1", "forum-3/2-2", "SA-1"],
        "{out}"
    );
    let (_, weeks, _) = run(&[
        "outstanding",
        FISHERIES,
        "--as-of",
        "2024-06-01",
        "--due-within",
        "2w",
        "--format",
        "csv",
    ]);
    assert!(!weeks.contains("SA-1,"), "{weeks}");
    for bad in ["30x", "-3d", "soon"] {
        let flag = format!("--due-within={bad}");
        let (code, _, err) = run(&["outstanding", FISHERIES, &flag]);
        assert_eq!(code, 2, "{bad}");
        assert!(err.contains("is not a span"), "{bad}: {err}");
    }
}

#[test]
fn a_weekly_reminder_digest_goes_only_to_owners_with_something_due() {
    let dir = fisheries_copy();
    let out = dir.path().join("due");
    let (code, _, err) = run(&[
        "digest",
        dir.path().to_str().unwrap(),
        "--all",
        "--due-within",
        "14d",
        "--as-of",
        "2024-06-01",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let names: Vec<String> = files(&out)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["fishsec.md", "helcom.md", "ices.md", "lza.md"]);
    let lza = std::fs::read_to_string(out.join("lza.md")).unwrap();
    assert!(
        lza.contains("## Due by 15 June 2024: 1 action, 1 overdue"),
        "{lza}"
    );
    assert!(!lza.contains("BY-2"), "no due date, not a reminder: {lza}");
    let (code, _, err) = run(&[
        "digest",
        FISHERIES,
        "--all",
        "--due-within",
        "1d",
        "--as-of",
        "2023-01-01",
    ]);
    assert_eq!(code, 0);
    assert!(err.contains("nothing due by 2 January 2023"), "{err}");
}

#[test]
fn a_markdown_digest_parses_into_the_headings_and_items_it_promises() {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let (code, md, err) = run(&[
        "digest",
        FISHERIES,
        "--owner",
        "ices",
        "--as-of",
        "2024-06-01",
        "--audience",
        "all",
    ]);
    assert_eq!(code, 0, "{err}");
    let mut headings: Vec<(HeadingLevel, String)> = Vec::new();
    let mut items = 0;
    let mut current: Option<(HeadingLevel, String)> = None;
    for ev in Parser::new(&md) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, s)) = current.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            Event::Start(Tag::Item) => items += 1,
            _ => {}
        }
    }
    assert_eq!(
        headings,
        [
            (
                HeadingLevel::H1,
                "Actions for International Council for the Exploration of the Sea (ICES)"
                    .to_string()
            ),
            (HeadingLevel::H2, "Recorded at this meeting".to_string()),
            (
                HeadingLevel::H2,
                "Still outstanding: 2 actions, 1 overdue".to_string()
            ),
        ]
    );
    assert_eq!(items, 3, "one update recorded, two actions owed:\n{md}");
    assert!(
        md.contains("Søren Ødegård (advice\\@ices.example.org)"),
        "{md}"
    );
}

/// A copy of the river board (a partner without a short name, a decision under "any other
/// business" with no area, confidential records of two owners and none of the others).
fn waterboard_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir("tests/fixtures/waterboard").unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn a_digest_says_nothing_of_an_area_for_an_action_under_none() {
    let dir = waterboard_copy();
    let d = dir.path().to_str().unwrap();
    for format in ["md", "eml"] {
        let (code, out, err) = run(&[
            "digest",
            d,
            "--owner",
            "anglers",
            "--audience",
            "all",
            "--as-of",
            "2021-04-01",
            "--format",
            format,
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("board-7/3-1"), "{out}");
        assert!(!out.contains("no area"), "{format}: {out}");
        assert!(!out.to_lowercase().contains("area no"), "{format}: {out}");
    }
}

#[test]
fn the_confidential_count_is_said_only_for_owners_who_lost_records() {
    let dir = waterboard_copy();
    let d = dir.path().to_str().unwrap();
    let (code, _, err) = run(&["digest", d, "--owner", "utility", "--as-of", "2021-04-01"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("confidential"), "VWU had none: {err}");
    let (code, _, err) = run(&["digest", d, "--owner", "env", "--as-of", "2021-04-01"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("public edition: left out 2 confidential record(s) from the digest for MoE"),
        "{err}"
    );
    let out = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&[
        "digest",
        d,
        "--all",
        "--as-of",
        "2021-04-01",
        "-o",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let said: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("confidential record"))
        .collect();
    assert_eq!(
        said,
        [
            "public edition: left out 2 confidential record(s) from the digest for MoE (--audience all keeps them)"
        ],
        "{err}"
    );
}

#[test]
fn an_owner_with_nothing_outstanding_is_not_asked_for_progress() {
    let dir = waterboard_copy();
    let d = dir.path().to_str().unwrap();
    // In the public edition the anglers' one action (confidential) is left out.
    let (code, out, err) = run(&[
        "digest",
        d,
        "--owner",
        "anglers",
        "--format",
        "eml",
        "--as-of",
        "2021-04-01",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("Please send progress"), "{out}");
    assert!(
        out.contains("Nothing is outstanding for you: no progress report is needed."),
        "{out}"
    );
    let (code, out, err) = run(&[
        "digest",
        d,
        "--owner",
        "anglers",
        "--format",
        "eml",
        "--audience",
        "all",
        "--as-of",
        "2021-04-01",
    ]);
    assert_eq!(code, 0, "{err}");
    let body = out.replace("=\r\n", "");
    assert!(
        body.contains("Please send progress on this action to the secretariat"),
        "{out}"
    );
}

#[test]
fn a_digest_names_the_meeting_by_its_document_symbol_when_it_has_one() {
    let dir = fisheries_copy();
    for f in ["2024-04-10-forum-3.toml", "2024-04-10-forum-3.minutes.toml"] {
        let p = dir.path().join(f);
        let text = std::fs::read_to_string(&p).unwrap().replacen(
            "body = \"BSFF\"\n",
            "body = \"BSFF\"\nsymbol = \"BSFF/3/2024/REP\"\n",
            1,
        );
        std::fs::write(&p, text).unwrap();
    }
    let out = dir.path().join("out");
    let folder = dir.path().to_str().unwrap();
    let (code, _, err) = run(&[
        "digest",
        folder,
        "--owner",
        "lza",
        "--as-of",
        "2024-06-01",
        "--format",
        "eml",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(out.join("lza.eml")).unwrap();
    let msg = MessageParser::default().parse(&bytes[..]).unwrap();
    assert_eq!(
        msg.subject().unwrap(),
        "BSFF: Third Meeting of the Baltic Sea Fisheries Forum (BSFF/3/2024/REP, 10 April 2024): \
         actions for LŽA, 2 outstanding, 1 overdue"
    );
    let body = msg.body_text(0).unwrap();
    assert!(
        body.contains("BSFF: Third Meeting of the Baltic Sea Fisheries Forum (BSFF/3/2024/REP)"),
        "{body}"
    );
    let (code, md, err) = run(&["digest", folder, "--owner", "lza", "--as-of", "2024-06-01"]);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("(BSFF/3/2024/REP), 10 April 2024"), "{md}");
}

//! Writes a generated plan with agendas and minutes into a folder, for trying rapporteur
//! (and its `check` and `outstanding`) at scale.
//!
//! cargo run --release --example generate -- /tmp/big 10000 1000 120 200
//! (folder, actions, partners, meetings, decisions per meeting)

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num =
        |i: usize, default: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(default);
    let Some(dir) = args.first() else {
        eprintln!("usage: generate FOLDER [ACTIONS] [PARTNERS] [MEETINGS] [DECISIONS]");
        std::process::exit(2);
    };
    let (actions, partners, meetings, decisions) =
        (num(1, 10_000), num(2, 1_000), num(3, 0), num(4, 200));
    if let Err(e) = rapporteur::generate::write_folder(
        std::path::Path::new(dir),
        5,
        actions,
        partners,
        meetings,
        decisions,
    ) {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
    println!(
        "wrote {dir}: {actions} actions, {partners} partners, {meetings} meetings of {decisions} decisions"
    );
}

//! Memory of opening a meeting, against a bare parse of the same files (issue 14): prints
//! the resident memory after load (VmRSS) and the peak (VmHWM) from /proc/self/status.
//!
//! cargo run --release --example generate -- /tmp/big 100000 1000 10 200
//! cargo run --release --example load -- /tmp/big/g9.toml          # the live screen's load
//! cargo run --release --example load -- /tmp/big/g9.toml --bare   # toml::Table of each file

fn status(field: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into())
}

/// Heap bytes of a string, with the allocator's 16 bytes of bookkeeping per block.
fn text(s: &str) -> usize {
    if s.is_empty() {
        0
    } else {
        s.len().next_multiple_of(16) + 16
    }
}

fn texts(v: &[String]) -> usize {
    v.iter().map(|s| text(s) + 24).sum::<usize>() + if v.is_empty() { 0 } else { 16 }
}

/// An estimate of what the loaded state holds on the heap, part by part (strings and
/// vectors counted from their lengths; hash indexes as key, value and control byte).
fn needs(app: &rapporteur::tui::App) -> Vec<(&'static str, usize)> {
    use std::mem::size_of;
    let plan = &app.plan;
    let actions: usize = plan
        .actions()
        .map(|(_, x)| {
            size_of::<rapporteur::model::Action>()
                + text(&x.id)
                + text(&x.need)
                + text(&x.title)
                + texts(&x.partners)
                + texts(&x.owners)
        })
        .sum();
    let n = plan.actions().count();
    // id key (24 + heap) and (usize, usize) value, at a load factor of 7/8.
    let index = plan.actions().map(|(_, x)| text(&x.id)).sum::<usize>() + n * (24 + 16 + 1) * 8 / 7;
    let partners: usize = plan
        .partners
        .iter()
        .map(|p| 200 + text(&p.id) * 2 + text(&p.name) + texts(&p.aliases))
        .sum();
    let ledger: usize = app
        .cache
        .baseline
        .actions()
        .iter()
        .map(|a| {
            size_of::<rapporteur::model::ledger::ActionState>()
                + text(&a.id) * 2
                + 24
                + 8
                + 1
                + text(&a.title)
                + texts(&a.owners)
                + a.area.as_deref().map_or(0, text)
                + a.history.len() * (size_of::<rapporteur::model::ledger::Event>() + 64)
        })
        .sum();
    let search: usize = app
        .cache
        .search_entries
        .iter()
        .map(|e| 120 + text(&e.label) + text(&e.key) + 16)
        .sum();
    let minutes: usize = app
        .others
        .iter()
        .chain(std::iter::once(&app.record.minutes))
        .flat_map(|m| {
            m.decisions()
                .map(|(_, d)| 200 + text(&d.id) + text(&d.text) + texts(&d.owners))
        })
        .sum();
    vec![
        ("plan actions", actions),
        ("plan action index", index),
        ("roster", partners),
        ("minutes", minutes),
        ("ledger before this meeting (cache)", ledger),
        ("search entries (cache)", search),
    ]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(agenda) = args.first().map(std::path::PathBuf::from) else {
        eprintln!("usage: load AGENDA.toml [--bare]");
        std::process::exit(2);
    };
    let started = std::time::Instant::now();
    if args.iter().any(|a| a == "--bare") {
        let dir = agenda.parent().unwrap_or(std::path::Path::new("."));
        let mut tables = Vec::new();
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "toml") {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                match text.parse::<toml::Table>() {
                    Ok(t) => tables.push(t),
                    Err(e) => eprintln!("{}: {e}", p.display()),
                }
            }
        }
        println!("bare parse of {} files", tables.len());
    } else {
        let opened = match rapporteur::load::workspace::open_agenda(&agenda) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(1);
            }
        };
        let theme = match rapporteur::load::theme::load("default") {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(2);
            }
        };
        let read = started.elapsed();
        println!(
            "files read and checked: resident {}, peak {}",
            status("VmRSS:"),
            status("VmHWM:")
        );
        let app = rapporteur::tui::App::new(opened, theme, chrono::Local::now().naive_local());
        println!(
            "files read and checked in {:.0} ms, screen state built in {:.0} ms",
            read.as_secs_f64() * 1000.0,
            (started.elapsed() - read).as_secs_f64() * 1000.0
        );
        println!(
            "opened: {} actions, {} other meetings",
            app.plan.actions().count(),
            app.others.len()
        );
        let total = started.elapsed();
        let parts = needs(&app);
        for (what, bytes) in &parts {
            println!("  {what}: {:.1} MB", *bytes as f64 / 1e6);
        }
        println!(
            "  estimated heap of the loaded state: {:.1} MB",
            parts.iter().map(|p| p.1).sum::<usize>() as f64 / 1e6
        );
        println!("opened in {:.0} ms", total.as_secs_f64() * 1000.0);
    }
    println!(
        "{:.0} ms; resident {}; peak {}",
        started.elapsed().as_secs_f64() * 1000.0,
        status("VmRSS:"),
        status("VmHWM:")
    );
}

//! Export of the formal report: Markdown and Word, for minutes with 500 decisions, 100
//! statements and 40 delegations (some votes among them). Budget: each under 20 ms.
//! Run with `cargo bench --bench export`.

use divan::Bencher;
use rapporteur::load::{Document, parse_document};
use rapporteur::minutes::Audience;
use rapporteur::minutes::report::{self, Context};
use rapporteur::model::{
    Attendance, Delegate, Minutes, Plan, Presence, Role, Statement, StatementKind, Taken, Vote,
};

fn main() {
    divan::main();
}

fn load() -> (Minutes, Plan) {
    let Some(Document::Plan(plan)) =
        parse_document(&rapporteur::generate::plan(5, 200, 40), "plan.toml").document
    else {
        panic!("generated plan")
    };
    let Some(Document::Minutes(mut m, _)) = parse_document(
        &rapporteur::generate::minutes(1, 5, 500, 200),
        "g1.minutes.toml",
    )
    .document
    else {
        panic!("generated minutes")
    };
    for p in 0..40 {
        let mut a = Attendance::new(
            format!("p{p}"),
            if p % 9 == 4 {
                Presence::Apologies
            } else {
                Presence::Present
            },
        );
        a.delegates = vec![
            Delegate {
                name: format!("Head of delegation {p}"),
                role: Some(Role::HeadOfDelegation),
            },
            Delegate {
                name: format!("Adviser {p}"),
                role: Some(Role::Adviser),
            },
        ];
        m.attendance.push(a);
    }
    let mut statements = 0;
    for (i, item) in m.items.iter_mut().enumerate() {
        for (k, d) in item.decisions.iter_mut().enumerate() {
            if k % 5 == 0 && statements < 100 {
                statements += 1;
                d.statements.push_back(Statement {
                    by: format!("p{}", (i * 7 + k) % 40),
                    kind: StatementKind::Reservation,
                    text: format!("Delegation reserves its position on decision {k}."),
                });
            }
            if k % 25 == 0 {
                d.taken = Taken::Vote(Vote {
                    yes: vec!["p0".into(), "p5".into(), "p10".into()],
                    no: vec!["p15".into()],
                    abstain: vec!["p20".into()],
                });
            }
        }
    }
    (m, plan)
}

/// The formal report in Markdown.
#[divan::bench(sample_count = 30)]
fn markdown_500_decisions(bencher: Bencher) {
    let (m, plan) = load();
    let ctx = Context {
        plan: Some(&plan),
        others: &[],
        dates: rapporteur::model::dates::DateStyle::default(),
    };
    bencher
        .bench_local(|| rapporteur::minutes::markdown::render_with(&m, &ctx, Audience::All).len());
}

/// The formal report as a Word file (built and zipped in memory).
#[divan::bench(sample_count = 30)]
fn docx_500_decisions(bencher: Bencher) {
    let (m, plan) = load();
    let ctx = Context {
        plan: Some(&plan),
        others: &[],
        dates: rapporteur::model::dates::DateStyle::default(),
    };
    bencher.bench_local(|| {
        let r = report::build(&m, &ctx, Audience::All);
        rapporteur::minutes::docx::to_docx(&r).map_or(0, |b| b.len())
    });
}

//! Mutation smoke test: a few hundred deterministic mutants of the sample files (seeded),
//! each checked by the real binary under a deadline. Every one must give exit 0 or 1, and
//! exit 1 must come with `file:line:col` for the mutated file: never a panic, an abort, an
//! I/O error or a hang.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_rapporteur");
const MUTANTS: usize = 300;
const DEADLINE: Duration = Duration::from_secs(10);

/// xorshift64*: small, seeded, the same mutants on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const PIECES: &[&[u8]] = &[
    b"\"",
    b"'",
    b"[",
    b"]",
    b"[[",
    b"]]",
    b"=",
    b"\n",
    b"{",
    b"}",
    b",",
    b"#",
    b"\\",
    b"\"\"\"",
    b"0",
    b"-1",
    b"99999999999999999999",
    b"2017-02-30",
    b"25:61:00",
    b"true",
    b"\xff\xfe",
    b"\x1b[2J",
    b"\xc2\x9b",
    b"\xe2\x80\xae",
    b"\0",
    b"\r",
    b"\t",
    b"nan",
    b"id = \"x\"\n",
    b"[[items]]\n",
    b"[meeting]\n",
    b"owners = [\"nobody\"]\n",
    b"status = \"finished\"\n",
    b"plan = \"../../../../etc/passwd\"\n",
    b"\xf0\x9f\x98\x80",
];

fn mutate(src: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut b = src.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(b.len() + 1);
        match rng.below(7) {
            0 => {
                let end = (at + 1 + rng.below(40)).min(b.len());
                b.drain(at.min(end)..end);
            }
            1 | 2 => {
                let piece = PIECES[rng.below(PIECES.len())];
                b.splice(at..at, piece.iter().copied());
            }
            3 if at < b.len() => b[at] = (rng.next() & 0xff) as u8,
            4 => b.truncate(at),
            5 => {
                // Duplicate a line: duplicate ids, tables and keys.
                let lines: Vec<&[u8]> = src.split(|&c| c == b'\n').collect();
                let line = lines[rng.below(lines.len())].to_vec();
                let at = at.min(b.len());
                b.splice(at..at, line.into_iter().chain([b'\n']));
            }
            _ => {
                // Swap a digit, so dates, numbers and ids shift.
                if let Some(i) = (at..b.len()).find(|&i| b[i].is_ascii_digit()) {
                    b[i] = b'0' + (rng.next() % 10) as u8;
                }
            }
        }
    }
    b
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for f in std::fs::read_dir(from).unwrap() {
        let f = f.unwrap().path();
        if f.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
        }
    }
}

#[test]
fn hundreds_of_mutants_of_the_samples_exit_0_or_1_with_a_position() {
    let sources: Vec<(&str, &str)> = vec![
        ("meetings/ccscap", "plan.toml"),
        ("meetings/ccscap", "2016-11-21-consle-17.toml"),
        ("meetings/ccscap", "2016-03-15-csm-ii.minutes.toml"),
        ("tests/fixtures/hostile/fisheries", "plan.toml"),
        (
            "tests/fixtures/hostile/fisheries",
            "2022-02-10-tcc-1.minutes.toml",
        ),
        ("tests/fixtures/hostile/fisheries", "2022-02-10-tcc-1.toml"),
    ];
    let mut rng = Rng(0x5eed_1313_2026_1129);
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    let mut invalid = 0;
    for n in 0..MUTANTS {
        let (folder, file) = sources[n % sources.len()];
        let work = dir.path().join(format!("m{n}"));
        copy_folder(Path::new(folder), &work);
        let original = std::fs::read(Path::new(folder).join(file)).unwrap();
        let mutant = mutate(&original, &mut rng);
        let target = work.join(file);
        std::fs::write(&target, &mutant).unwrap();
        let mut child = Command::new(BIN)
            .arg("check")
            .arg(&target)
            .env_remove("RUST_BACKTRACE")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let start = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break Some(s);
            }
            if start.elapsed() > DEADLINE {
                let _ = child.kill();
                break None;
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        let shown = target.display().to_string();
        let positioned = err.lines().any(|l| {
            l.split_once(": error: ").is_some_and(|(place, _)| {
                let mut parts = place.rsplitn(3, ':');
                let col = parts.next().is_some_and(|c| c.parse::<u32>().is_ok());
                let line = parts.next().is_some_and(|c| c.parse::<u32>().is_ok());
                col && line
                    && parts
                        .next()
                        .is_some_and(|p| p.starts_with(&shown) || p.ends_with(".toml"))
            })
        });
        let verdict = match status.and_then(|s| s.code()) {
            None => Some("hung or was killed by a signal".to_string()),
            Some(0) => None,
            Some(1) if positioned => {
                invalid += 1;
                None
            }
            Some(1) => Some("exit 1 without file:line:col".to_string()),
            Some(c) => Some(format!("exit {c}")),
        };
        let panicked = err.contains("panicked") || err.contains("internal error");
        if let Some(why) = verdict.or(panicked.then(|| "panic message".to_string())) {
            let keep = dir.path().join(format!("failed-{n}-{file}"));
            std::fs::write(&keep, &mutant).unwrap();
            failures.push(format!("mutant {n} of {folder}/{file}: {why}\n{err}"));
        }
        std::fs::remove_dir_all(&work).unwrap();
    }
    assert!(
        invalid >= MUTANTS / 3,
        "only {invalid} of {MUTANTS} mutants were invalid: the mutations are too gentle"
    );
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n---\n")
    );
}

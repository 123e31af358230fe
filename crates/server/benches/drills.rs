//! The reliability drills (issue 13) against the real server binary, as separate processes; a
//! program that prints what it found, not a test.
//!
//! * **Crash drill**: 16 clients submit orders without pause, each with an Idempotency-Key of its
//!   own (two dealers, a model on each assembly line, one to three lines); the server is killed
//!   with SIGKILL at 20 random moments and started again on the same database, the clients going
//!   on against the new process. Then: every order answered 2xx is stored exactly once under its
//!   id and its key, nothing else is stored but orders whose answer was lost to a kill (counted,
//!   with how many of those were stored; an answer lost with no kill under way is a failure),
//!   every start was clean (start-up replays the plan from the orders and refuses a database whose
//!   stored allocations differ), no month and line is over capacity and every order line's
//!   allocations sum to its quantity (the checks of `tests/process`).
//! * **Retry drill**: two server processes on one database; 1,000 submissions, each sent two or
//!   three times with one key, one after the other or at once, to one process or to both. Then:
//!   exactly one order per key, every answer for a key names that order, the plan checks as above.
//!
//! Each drill runs on a SQLite file (two processes share it in the retry drill), and on a fresh
//! database of its own on the PostgreSQL server that `BENCH_DATABASE_URL` (else
//! `TEST_DATABASE_URL`) names; without one the PostgreSQL drills are skipped, with a message.
//! The server binary is `SERVER_BIN`, by default the one cargo builds for this bench
//! (`target/release/configurator-server`, bench profile). A summary per drill is printed; with
//! `DRILLS_JSON=file` the same figures are written there as JSON, one flat object per drill
//! (`crash_sqlite`, `crash_postgres`, `retry_sqlite`, `retry_postgres`). The exit code is 1 if a
//! check fails; a failed drill keeps its folder (the servers' logs) and its database. The drills
//! take about a minute on 2 cores, after a build of about two.
//!
//! ```sh
//! cargo bench -p configurator-server --bench drills
//! source scripts/postgres.sh && start_postgres
//! BENCH_DATABASE_URL=$POSTGRES_URL DRILLS_JSON=target/drills.json \
//!   cargo bench -p configurator-server --bench drills
//! SERVER_BIN=target/server/configurator-server cargo bench -p configurator-server --bench drills
//! ```

#[path = "drills/crash.rs"]
mod crash;
#[path = "drills/database.rs"]
mod database;
// `process` names `crate::pg`, as in the tests.
#[path = "../tests/support/pg.rs"]
mod pg;
#[path = "../tests/process/mod.rs"]
mod process;
#[path = "drills/retry.rs"]
mod retry;

use std::{
    process::ExitCode,
    time::{Duration, Instant},
};

use database::DrillDb;
use process::{Launch, send::XorShift};
use serde_json::Value;

/// What one drill found: its figures in the order they are shown, and every problem.
pub struct Findings {
    pub figures: Vec<(&'static str, Value)>,
    pub problems: Vec<String>,
}

impl Findings {
    /// A drill that could not start its first server.
    pub fn not_started(error: String) -> Self {
        Self {
            figures: vec![("started", Value::Bool(false))],
            problems: vec![error],
        }
    }
}

/// How the drills start a server: `SERVER_BIN` or the binary cargo built for this bench, given a
/// minute to come up (a start under load replays a long history).
pub fn launch() -> Launch {
    Launch {
        start_timeout: Duration::from_secs(60),
        ..Launch::from_env()
    }
}

/// How long something took so far, in seconds rounded to a tenth.
pub fn seconds(since: Instant) -> f64 {
    (since.elapsed().as_secs_f64() * 10.0).round() / 10.0
}

/// The drills in the order they run.
const DRILLS: [(&str, &str); 4] = [
    ("crash", "sqlite"),
    ("crash", "postgres"),
    ("retry", "sqlite"),
    ("retry", "postgres"),
];

fn main() -> ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(run_all())
}

async fn run_all() -> ExitCode {
    let started = Instant::now();
    let postgres = ["BENCH_DATABASE_URL", "TEST_DATABASE_URL"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|url| !url.is_empty()));
    let mut random = XorShift::from_clock();
    println!(
        "drills: server {}, random seed {}",
        launch().binary.display(),
        random.seed()
    );
    let mut results = Vec::new();
    for (drill, backend) in DRILLS {
        let db = match (backend, &postgres) {
            ("sqlite", _) => DrillDb::sqlite(drill),
            (_, Some(server)) => DrillDb::postgres(server, drill).await,
            (_, None) => {
                println!(
                    "== {drill} drill, postgres: skipped (set BENCH_DATABASE_URL or \
                     TEST_DATABASE_URL to a PostgreSQL server)"
                );
                continue;
            }
        };
        println!("== {drill} drill, {backend} ({})", db.shown());
        let findings = match drill {
            "crash" => crash::run(&db, &mut random).await,
            _ => retry::run(&db).await,
        };
        if !findings.problems.is_empty() {
            println!("  FAILED: {} problem(s):", findings.problems.len());
            for problem in findings.problems.iter().take(20) {
                println!("  - {problem}");
            }
        }
        db.finish(!findings.problems.is_empty());
        results.push((format!("{drill}_{backend}"), findings));
    }
    println!("== summary ({} s in all)", seconds(started));
    report(&results)
}

/// Prints a line per drill, writes the figures to `DRILLS_JSON` if set; failure if a drill failed.
fn report(results: &[(String, Findings)]) -> ExitCode {
    for (name, findings) in results {
        let shown: Vec<String> = findings
            .figures
            .iter()
            .map(|(figure, value)| format!("{figure}={value}"))
            .collect();
        let verdict = if findings.problems.is_empty() {
            "ok"
        } else {
            "FAILED"
        };
        println!("{name}: {verdict}: {}", shown.join(" "));
    }
    let figures: serde_json::Map<String, Value> = results
        .iter()
        .map(|(name, findings)| {
            let figures = findings.figures.iter();
            let figures = figures.map(|(figure, value)| ((*figure).to_owned(), value.clone()));
            (name.clone(), Value::Object(figures.collect()))
        })
        .collect();
    if let Some(path) = std::env::var_os("DRILLS_JSON") {
        let json = serde_json::to_string_pretty(&figures).expect("figures as JSON");
        match std::fs::write(&path, json + "\n") {
            Ok(()) => println!("figures written to {}", path.to_string_lossy()),
            Err(error) => {
                println!("cannot write {}: {error}", path.to_string_lossy());
                return ExitCode::FAILURE;
            }
        }
    }
    if results
        .iter()
        .all(|(_, findings)| findings.problems.is_empty())
    {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

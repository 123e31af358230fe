//! The retry drill: two server processes on one database, and 1,000 submissions each sent two or
//! three times with one Idempotency-Key: one after the other or all at once, to one process or
//! spread over both. A send told to come back (409, 429, 5xx) or left without an answer tries
//! again, as a client does. Afterwards every key must have exactly one stored order, every answer
//! for a key must name that order (one `201`, the others `200`), and the stored plan must pass
//! the capacity and sum checks and a clean start of both processes.

use std::{net::SocketAddr, sync::Arc, time::Instant};

use serde_json::{Value, json};
use tokio::sync::Barrier;

use crate::{
    Findings,
    database::{DrillDb, StoredKeys, plan_problems},
    launch,
    process::{
        Server,
        send::{in_parallel, order_body, order_request, until_answered},
    },
    seconds,
};

/// Submissions, each with a key of its own.
const SUBMISSIONS: usize = 1000;
/// Submissions under way at once.
const IN_FLIGHT: usize = 16;
/// One model on each assembly line, as the orders bench sends.
const MODELS: [&str; 2] = ["cobalt", "dmax-single"];

/// How the copies of one submission are sent.
#[derive(Debug, Clone, Copy)]
enum Pattern {
    /// Each after the answer to the one before, to one process.
    OneAfterAnotherToOne,
    /// Each after the answer to the one before, alternating between the processes.
    OneAfterAnotherToBoth,
    /// All at once, to one process.
    AtOnceToOne,
    /// All at once, alternating between the processes.
    AtOnceToBoth,
}

const PATTERNS: [Pattern; 4] = [
    Pattern::OneAfterAnotherToOne,
    Pattern::OneAfterAnotherToBoth,
    Pattern::AtOnceToOne,
    Pattern::AtOnceToBoth,
];

/// Runs the drill on `db`.
pub async fn run(db: &DrillDb) -> Findings {
    let started = Instant::now();
    let folder = db.folder.path();
    let (mut a, mut b) = match (
        Server::launch(launch(), "a", &db.url, folder).await,
        Server::launch(launch(), "b", &db.url, folder).await,
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(error), _) | (_, Err(error)) => return Findings::not_started(error),
    };
    let cookies = [a.login("dealer1").await, a.login("dealer2").await];
    let codes = [
        a.default_code(MODELS[0]).await,
        a.default_code(MODELS[1]).await,
    ];
    let addrs = [a.addr, b.addr];
    let jobs: Vec<_> = (0..SUBMISSIONS)
        .map(|i| {
            // Two or three copies; every pattern with both counts.
            let (copies, pattern) = (2 + i % 2, PATTERNS[i / 2 % PATTERNS.len()]);
            let body = order_body(&codes[i / 16 % 2], &vec![1; 1 + i / 32 % 3]);
            let request = order_request(&cookies[i / 8 % 2], &format!("retry-{i}"), &body);
            send_copies(request, copies, pattern, [addrs[i % 2], addrs[(i + 1) % 2]])
        })
        .collect();
    let answers = in_parallel(IN_FLIGHT, jobs).await;
    let sends: usize = answers.iter().map(Vec::len).sum();
    let sending = started.elapsed();
    let mut problems = Vec::new();
    let mut starts = "clean";
    for server in [&mut a, &mut b] {
        server.kill();
    }
    for server in [&mut a, &mut b] {
        if let Err(error) = server.restart().await {
            problems.push(format!("the start after the drill: {error}"));
            starts = "FAILED";
        }
    }
    let errors = a.errors(0).1 + b.errors(0).1;
    drop((a, b));
    println!(
        "  {SUBMISSIONS} submissions, {sends} sends over 2 processes in {:.1} s; start after the \
         drill: {starts}; {errors} ERROR lines in the servers' logs",
        sending.as_secs_f64()
    );
    let mut findings = Findings {
        figures: vec![("submissions", json!(SUBMISSIONS)), ("sends", json!(sends))],
        problems,
    };
    verify(db, &answers, starts == "clean", &mut findings).await;
    findings.figures.push(("seconds", json!(seconds(started))));
    findings
}

/// Sends `copies` copies of `request` as `pattern` says, the first to `addrs[0]`; each answer
/// (status and body), or why there was none.
async fn send_copies(
    request: Vec<u8>,
    copies: usize,
    pattern: Pattern,
    addrs: [SocketAddr; 2],
) -> Vec<Result<(u16, Value), String>> {
    let to_both = matches!(
        pattern,
        Pattern::OneAfterAnotherToBoth | Pattern::AtOnceToBoth
    );
    let addr = |copy: usize| addrs[if to_both { copy % 2 } else { 0 }];
    let send = async |addr, request| {
        let reply = until_answered(addr, request).await?;
        let body = serde_json::from_slice(&reply.body)
            .map_err(|error| format!("{} not JSON ({error}): {}", reply.status, reply.text()))?;
        Ok((reply.status, body))
    };
    match pattern {
        Pattern::OneAfterAnotherToOne | Pattern::OneAfterAnotherToBoth => {
            let mut answers = Vec::new();
            for copy in 0..copies {
                answers.push(send(addr(copy), request.clone()).await);
            }
            answers
        }
        Pattern::AtOnceToOne | Pattern::AtOnceToBoth => {
            let together = Arc::new(Barrier::new(copies));
            let jobs: Vec<_> = (0..copies)
                .map(|copy| {
                    let (together, request, addr) = (together.clone(), request.clone(), addr(copy));
                    async move {
                        together.wait().await;
                        send(addr, request).await
                    }
                })
                .collect();
            in_parallel(copies, jobs).await
        }
    }
}

/// Compares the answers for each key with each other and with the database.
async fn verify(
    db: &DrillDb,
    answers: &[Vec<Result<(u16, Value), String>>],
    starts_clean: bool,
    findings: &mut Findings,
) {
    let problems = &mut findings.problems;
    let pool = db.pool().await;
    let stored = StoredKeys::read(&pool).await;
    let (mut disagreeing, mut created_once, mut orders) = (0, 0, Vec::new());
    for (i, answers) in answers.iter().enumerate() {
        let key = format!("retry-{i}");
        let mut ids = Vec::new();
        let mut created = 0;
        for answer in answers {
            match answer {
                Ok((status @ (200 | 201), order)) => {
                    created += usize::from(*status == 201);
                    ids.push(order["id"].as_i64());
                }
                Ok((status, body)) => problems.push(format!("{key}: answered {status} {body}")),
                Err(error) => problems.push(format!("{key}: {error}")),
            }
        }
        let kept = stored.order_of(&key);
        let agree = ids.len() == answers.len() && ids.iter().all(|id| id.is_some() && *id == kept);
        if !agree {
            disagreeing += 1;
            let names = stored.by_key.get(&key);
            problems.push(format!(
                "{key}: answers name orders {ids:?}, stored {names:?}"
            ));
        }
        if created == 1 {
            created_once += 1;
        } else {
            problems.push(format!("{key}: {created} answers 201 (created), not 1"));
        }
        if let Some(Ok((200 | 201, order))) = answers.first() {
            orders.push(order.clone());
        }
    }
    let keys_stored = (0..SUBMISSIONS)
        .filter(|i| stored.order_of(&format!("retry-{i}")).is_some())
        .count();
    if keys_stored != SUBMISSIONS || stored.by_key.len() != SUBMISSIONS {
        let keys = stored.by_key.len();
        problems.push(format!(
            "{keys_stored} of {SUBMISSIONS} keys stored with one order; {keys} keys in all"
        ));
    }
    let duplicates = stored.duplicates(problems);
    let (plan, months) = plan_problems(&pool, &orders).await;
    pool.close().await;
    let plan_ok = plan.is_empty() && starts_clean;
    problems.extend(plan);
    println!(
        "  {keys_stored} keys stored with one order each, {} orders stored, {duplicates} \
         duplicates; {disagreeing} keys whose answers disagree, {created_once} keys created \
         once (one 201); {months} months checked, plan {}",
        stored.orders.len(),
        if plan_ok { "ok" } else { "WRONG" }
    );
    findings.figures.extend([
        ("keys_stored", json!(keys_stored)),
        ("orders_stored", json!(stored.orders.len())),
        ("duplicates", json!(duplicates)),
        ("answers_disagreeing", json!(disagreeing)),
        ("created_once", json!(created_once)),
        ("plan_ok", json!(plan_ok)),
    ]);
}

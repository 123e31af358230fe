//! The crash drill: clients submit orders without pause (each with a key of its own) while the
//! server is killed with SIGKILL at random moments and started again on the same database; a
//! client whose server is down waits for the next one and sends again (the request never
//! arrived), a client that loses its answer goes on with the next order. Afterwards every order
//! answered 2xx must be stored exactly once under its id and key, no other order may be stored
//! (but those whose answer was lost may or may not be), and the stored plan must pass a clean
//! start (the replay equals the stored allocations) and the capacity and sum checks.

use std::{
    collections::{BTreeMap, BTreeSet},
    io::ErrorKind,
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use serde_json::{Value, json};
use tokio::sync::watch;

use crate::{
    Findings,
    database::{DrillDb, StoredKeys, plan_problems},
    launch,
    process::{
        Server,
        http::{self, Reply},
        send::{XorShift, order_body, order_request},
    },
    seconds,
};

/// How many times the server is killed under load.
const KILLS: usize = 20;
/// Clients sending orders at once.
const CLIENTS: usize = 16;
/// The load between two kills lasts 100 ms plus up to this many.
const MOST_EXTRA_LOAD_MS: u64 = 1400;
/// One model on each assembly line, as the orders bench sends.
const MODELS: [&str; 2] = ["cobalt", "dmax-single"];

/// What the clients share: who orders what, how many kills have begun, and when to stop.
struct Load {
    cookies: [String; 2],
    codes: [String; 2],
    next: AtomicUsize,
    kills_begun: AtomicUsize,
    stop: AtomicBool,
}

/// Where the server is now, and how many kills came before it started.
type Current = watch::Receiver<(SocketAddr, usize)>;

/// What became of one submission.
enum Fate {
    /// A whole answer (a status and a JSON body).
    Answered(u16, Value),
    /// Sent, but the connection ended without a whole answer: how (for the summary), and whether
    /// the server had been killed by then (if not, the server dropped it by itself).
    Lost { how: String, killed: bool },
}

struct Submission {
    key: String,
    fate: Fate,
}

/// Runs the drill on `db`; the kill moments come from `random`.
pub async fn run(db: &DrillDb, random: &mut XorShift) -> Findings {
    let started = Instant::now();
    let folder = db.folder.path();
    let mut server = match Server::launch(launch(), "crash", &db.url, folder).await {
        Ok(server) => server,
        Err(error) => return Findings::not_started(error),
    };
    let load = Arc::new(Load {
        cookies: [server.login("dealer1").await, server.login("dealer2").await],
        codes: [
            server.default_code(MODELS[0]).await,
            server.default_code(MODELS[1]).await,
        ],
        next: AtomicUsize::new(0),
        kills_begun: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
    });
    let (address, current) = watch::channel((server.addr, 0));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| tokio::spawn(client(load.clone(), current.clone())))
        .collect();
    let mut problems = Vec::new();
    let (mut kills, mut downtimes) = (0, Vec::new());
    while kills < KILLS {
        tokio::time::sleep(Duration::from_millis(
            100 + random.up_to(MOST_EXTRA_LOAD_MS),
        ))
        .await;
        let killed = Instant::now();
        kills += 1;
        load.kills_begun.store(kills, Ordering::SeqCst);
        if let Err(error) = server.restart().await {
            problems.push(format!("start after kill {kills}: {error}"));
            break;
        }
        downtimes.push(killed.elapsed());
        address.send_replace((server.addr, kills));
    }
    // The last process takes some orders too before the clients stop.
    tokio::time::sleep(Duration::from_millis(300)).await;
    load.stop.store(true, Ordering::Relaxed);
    let mut submissions = Vec::new();
    for client in clients {
        submissions.extend(client.await.expect("a client"));
    }
    let final_start = if problems.is_empty() {
        match server.restart().await {
            Ok(()) => "clean",
            Err(error) => {
                problems.push(format!("the start after the load: {error}"));
                "FAILED"
            }
        }
    } else {
        "not tried"
    };
    server.kill();
    let (errors, error_count) = server.errors(3);
    let most = downtimes.iter().max().copied().unwrap_or_default();
    let mean =
        downtimes.iter().sum::<Duration>() / u32::try_from(downtimes.len().max(1)).unwrap_or(1);
    println!(
        "  {kills} kills; down after a kill: mean {} ms, longest {} ms; start after the load: \
         {final_start}; {} ERROR lines in the server's logs",
        mean.as_millis(),
        most.as_millis(),
        error_count
    );
    for line in &errors {
        println!("    {line}");
    }
    // So far the problems are starts that failed; each start replays and compares the plan.
    let starts_clean = problems.is_empty();
    let mut findings = Findings {
        figures: vec![("kills", json!(kills))],
        problems,
    };
    verify(db, &submissions, starts_clean, &mut findings).await;
    findings.figures.push(("seconds", json!(seconds(started))));
    findings
}

/// Sends orders `crash-{i}` until told to stop; what became of each.
async fn client(load: Arc<Load>, mut current: Current) -> Vec<Submission> {
    let mut submissions = Vec::new();
    while !load.stop.load(Ordering::Relaxed) {
        let i = load.next.fetch_add(1, Ordering::Relaxed);
        let key = format!("crash-{i}");
        // Dealers alternate, then models; one to three lines of one vehicle each.
        let body = order_body(&load.codes[i / 2 % 2], &vec![1; 1 + i / 4 % 3]);
        let request = order_request(&load.cookies[i % 2], &key, &body);
        if let Some(fate) = submit(&load, &mut current, &request).await {
            submissions.push(Submission { key, fate });
        }
    }
    submissions
}

/// Sends `request` to the current server, again while the server is down (the connection is
/// refused: nothing was sent); `None` if the drill stops meanwhile.
async fn submit(load: &Load, current: &mut Current, request: &[u8]) -> Option<Fate> {
    loop {
        let (addr, kills_before) = *current.borrow_and_update();
        let reply = http::send(addr, request).await;
        let killed = load.kills_begun.load(Ordering::SeqCst) > kills_before;
        match reply {
            Ok(reply) => return Some(fate(reply, killed)),
            Err(error) if error.kind() == ErrorKind::ConnectionRefused => {
                if load.stop.load(Ordering::Relaxed) {
                    return None;
                }
                let _ = tokio::time::timeout(Duration::from_millis(100), current.changed()).await;
            }
            Err(error) => {
                let how = format!("{:?}", error.kind());
                return Some(Fate::Lost { how, killed });
            }
        }
    }
}

/// A reply cut short by the kill is a lost answer, not an answer.
fn fate(reply: Reply, killed: bool) -> Fate {
    match serde_json::from_slice(&reply.body) {
        Ok(body) => Fate::Answered(reply.status, body),
        Err(_) => {
            let how = format!("{} cut short", reply.status);
            Fate::Lost { how, killed }
        }
    }
}

/// Compares what the clients were told with what the database holds.
async fn verify(
    db: &DrillDb,
    submissions: &[Submission],
    starts_clean: bool,
    findings: &mut Findings,
) {
    let problems = &mut findings.problems;
    let pool = db.pool().await;
    let stored = StoredKeys::read(&pool).await;
    let (mut acknowledged, mut found, mut refused) = (0, 0, 0);
    let (mut lost, mut lost_running, mut lost_stored) = (0, 0, 0);
    let (mut answers, mut lost_how) = (Vec::new(), BTreeMap::<&str, usize>::new());
    for Submission { key, fate } in submissions {
        let kept = stored.order_of(key);
        match fate {
            Fate::Answered(200..=299, order) => {
                acknowledged += 1;
                let id = order["id"].as_i64();
                if kept.is_some_and(|kept| Some(kept) == id && stored.orders.contains(&kept)) {
                    found += 1;
                } else {
                    let names = stored.by_key.get(key);
                    problems.push(format!("{key}: answered order {id:?}, stored {names:?}"));
                }
                answers.push(order.clone());
            }
            Fate::Answered(status, body) => {
                if *status == 422 {
                    refused += 1;
                } else {
                    problems.push(format!("{key}: answered {status} {body}"));
                }
                if let Some(order) = kept {
                    problems.push(format!(
                        "{key}: answered {status}, but order {order} stored"
                    ));
                }
            }
            Fate::Lost { how, killed } => {
                *lost_how.entry(how.as_str()).or_default() += 1;
                lost += 1;
                if !killed {
                    lost_running += 1;
                    problems.push(format!("{key}: answer lost ({how}) with no kill under way"));
                }
                lost_stored += usize::from(kept.is_some());
            }
        }
    }
    let sent: BTreeSet<&str> = submissions.iter().map(|s| s.key.as_str()).collect();
    for key in stored.by_key.keys().filter(|k| !sent.contains(k.as_str())) {
        problems.push(format!("key {key} is stored but was never sent"));
    }
    let duplicates = stored.duplicates(problems);
    let (plan, months) = plan_problems(&pool, &answers).await;
    pool.close().await;
    let plan_ok = plan.is_empty() && starts_clean;
    problems.extend(plan);
    let orders = stored.orders.len();
    println!(
        "  {} submissions: {acknowledged} acknowledged (2xx), {found} of them stored once under \
         their key; {refused} refused (422)",
        submissions.len()
    );
    println!(
        "  {lost} answers lost ({lost_how:?}), {lost_stored} of those stored, {lost_running} \
         lost with no kill under way; {orders} orders stored, {duplicates} duplicates; {months} \
         months checked, plan {}",
        if plan_ok { "ok" } else { "WRONG" }
    );
    findings.figures.extend([
        ("submissions", json!(submissions.len())),
        ("acknowledged", json!(acknowledged)),
        ("found_acknowledged", json!(found)),
        ("refused", json!(refused)),
        ("unanswered", json!(lost)),
        ("unanswered_stored", json!(lost_stored)),
        ("unanswered_without_kill", json!(lost_running)),
        ("orders_stored", json!(orders)),
        ("duplicates", json!(duplicates)),
        ("plan_ok", json!(plan_ok)),
    ]);
}

//! The real binary over real sockets, on SQLite and PostgreSQL: two server processes on one
//! database never book a month twice, requests dropped by the client mid-way leave the stored plan
//! consistent and the server working, parallel submissions with one key make one order, and the
//! public availability answer reveals no free capacity. The plan in the database is read directly
//! and checked against the plant calendar; every test ends by checking that restarts are clean.

mod process;

use std::{
    collections::{BTreeMap, BTreeSet},
    net::SocketAddr,
    sync::Arc,
    time::{Duration, Instant},
};

use configurator_domain::plan::PlantCalendar;
use configurator_server::{clock::Clock, data};
use process::{
    Server, XorShift,
    db::{self, Stored, TestDb},
    http::{self, Reply},
    order_request,
};
use serde_json::{Value, json};
use tokio::sync::{Barrier, Semaphore};

/// Runs each named `async fn(TestDb)` on SQLite and, with `TEST_DATABASE_URL`, on PostgreSQL.
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use super::process::db::{Backend, TestDb};

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name(TestDb::new(Backend::Sqlite).expect("sqlite is always there")).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                match TestDb::new(Backend::Postgres) {
                    Some(db) => super::$name(db).await,
                    None => eprintln!("skipped: TEST_DATABASE_URL is not set"),
                }
            }
        }
    )*};
}

on_both_databases!(
    two_instances_never_overfill_a_month,
    dropped_requests_leave_the_plan_consistent,
    one_key_sent_in_parallel_makes_one_order,
    anonymous_availability_reveals_no_capacity,
);

fn calendar() -> PlantCalendar {
    data::load(&data::repository_data_dir())
        .expect("the shipped data")
        .calendar
}

/// Runs `jobs` with at most `limit` at a time; the results in the order of `jobs`.
async fn in_parallel<F, T>(limit: usize, jobs: Vec<F>) -> Vec<T>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let gate = Arc::new(Semaphore::new(limit));
    let tasks: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            let gate = gate.clone();
            tokio::spawn(async move {
                let _permit = gate.acquire_owned().await.expect("the gate stays open");
                job.await
            })
        })
        .collect();
    let mut results = Vec::with_capacity(tasks.len());
    for task in tasks {
        results.push(task.await.expect("a task"));
    }
    results
}

fn order_body(code: &str, quantities: &[u32]) -> Value {
    let lines: Vec<Value> = quantities
        .iter()
        .map(|q| json!({ "code": code, "quantity": q }))
        .collect();
    json!({ "market": "KG", "lines": lines })
}

/// Fails with every problem found, then the end of each server's log.
fn assert_no_problems(what: &str, problems: &[String], servers: &[&Server]) {
    if problems.is_empty() {
        return;
    }
    let mut report = format!("{what}: {} problem(s):\n", problems.len());
    for problem in problems.iter().take(20) {
        report.push_str(&format!("  - {problem}\n"));
    }
    if problems.len() > 20 {
        report.push_str(&format!("  … and {} more\n", problems.len() - 20));
    }
    for server in servers {
        let (errors, count) = server.errors(5);
        report.push_str(&format!(
            "server {}: {count} error(s) logged\n",
            server.name
        ));
        for error in errors {
            report.push_str(&format!("  {error}\n"));
        }
        report.push_str(&format!("  … its log ends:\n{}\n", server.log_tail(6)));
    }
    panic!("{report}");
}

/// Compares each created order's answer with what is stored.
fn check_answers(stored: &Stored, answers: &[&Value], problems: &mut Vec<String>) {
    for answer in answers {
        let id = answer["id"].as_i64().unwrap_or_default();
        let (answered, kept) = (db::answered_parts(answer), stored.order(id));
        if answered != kept {
            problems.push(format!(
                "order {id}: answered allocations {answered:?}, stored {kept:?}"
            ));
        }
    }
}

/// Where the plan `server` shows a planner differs from the stored plan.
async fn plan_view_differences(server: &Server, planner: &str, stored: &Stored) -> Vec<String> {
    let view = server.get("/api/v1/plan", Some(planner)).await;
    if view.status != 200 {
        return vec![format!("GET /api/v1/plan: {} {}", view.status, view.text())];
    }
    let kept = stored.per_month();
    let view = view.json();
    let months = view["months"].as_array().cloned().unwrap_or_default();
    let mut differences = Vec::new();
    for month in &months {
        let (line, name) = (month["line"].as_str(), month["month"].as_str());
        let key = (
            line.unwrap_or("?").to_owned(),
            name.unwrap_or("?").to_owned(),
        );
        let (shown, stored) = (month["allocated"].as_i64(), kept.get(&key).copied());
        if shown.unwrap_or(-1) != stored.unwrap_or(0) {
            differences.push(format!(
                "{} {}: the planner sees {} allocated, {} stored",
                key.1,
                key.0,
                shown.unwrap_or(-1),
                stored.unwrap_or(0)
            ));
        }
    }
    differences
}

/// Restarts every server in turn; each must start cleanly.
async fn restart_all(servers: &mut [&mut Server], problems: &mut Vec<String>) -> &'static str {
    for server in servers.iter_mut() {
        server.kill();
    }
    let mut clean = "clean";
    for server in servers.iter_mut() {
        if let Err(error) = server.restart().await {
            problems.push(format!("restart: {error}"));
            clean = "FAILED";
        }
    }
    clean
}

async fn two_instances_never_overfill_a_month(db: TestDb) {
    let mut a = Server::start("a", &db.url, db.folder.path()).await;
    let mut b = Server::start("b", &db.url, db.folder.path()).await;
    let dealers = [a.login("dealer1").await, a.login("dealer2").await];
    let code = a.default_code("cobalt").await;
    // Cobalts are built on the passenger line, whose first months hold 36, 60, 90… vehicles.
    let body = order_body(&code, &[1]);
    let addrs = [a.addr, b.addr];
    let jobs: Vec<_> = (0..400)
        .map(|i| {
            let request = order_request(&dealers[i / 2 % 2], &format!("parallel-{i}"), &body);
            let addr = addrs[i % 2];
            async move { http::send(addr, &request).await }
        })
        .collect();
    let replies = in_parallel(48, jobs).await;
    let mut problems = Vec::new();
    let (mut created, mut refused) = (Vec::new(), 0);
    for (i, reply) in replies.iter().enumerate() {
        match reply {
            Ok(reply) if reply.status == 201 => created.push(reply.json()),
            Ok(reply) if reply.status == 422 => refused += 1,
            Ok(reply) => problems.push(format!("order {i}: {} {}", reply.status, reply.text())),
            Err(error) => problems.push(format!("order {i}: {error}")),
        }
    }
    let pool = db.pool().await;
    let stored = Stored::read(&pool).await;
    let (found, months) = stored.problems(&calendar());
    problems.extend(found);
    let ordered = i64::try_from(created.len()).expect("a count");
    if stored.units() != ordered {
        let units = stored.units();
        problems.push(format!("{units} units allocated, {ordered} accepted (201)"));
    }
    let orders = db::count(&pool, "orders").await;
    if orders != ordered {
        problems.push(format!("{orders} orders stored, {ordered} accepted (201)"));
    }
    check_answers(&stored, &created.iter().collect::<Vec<_>>(), &mut problems);
    pool.close().await;
    let restart = restart_all(&mut [&mut a, &mut b], &mut problems).await;
    eprintln!(
        "{} (two instances): 400 sent, {} placed, {refused} refused (no room), {} other; \
         months checked: {months}; restart: {restart}",
        db.url,
        created.len(),
        400 - created.len() - refused,
    );
    assert_no_problems("two instances", &problems, &[&a, &b]);
}

/// Sends `request` until it is answered 200 or 201 or another final answer; a retry racing the
/// original may wait or be told to come back (409, 429, 503), for at most 10 s.
async fn until_answered(addr: SocketAddr, request: Vec<u8>) -> Result<Reply, String> {
    let started = Instant::now();
    loop {
        let last = match http::send(addr, &request).await {
            Ok(reply) if ![409, 429, 502, 503, 504].contains(&reply.status) => return Ok(reply),
            Ok(reply) => format!("{} {}", reply.status, reply.text()),
            Err(error) => error.to_string(),
        };
        if started.elapsed() > Duration::from_secs(10) {
            return Err(format!("still no answer after 10 s: {last}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn dropped_requests_leave_the_plan_consistent(db: TestDb) {
    const ORDERS: usize = 300;
    let mut server = Server::start("a", &db.url, db.folder.path()).await;
    let dealers = [server.login("dealer1").await, server.login("dealer2").await];
    let code = server.default_code("cobalt").await;
    let planner = server.login("planner").await;
    // Several lines per order: more steps between booking the plan and committing.
    let body = order_body(&code, &[1; 6]);
    let requests: Vec<Vec<u8>> = (0..ORDERS)
        .map(|i| order_request(&dealers[i % 2], &format!("dropped-{i}"), &body))
        .collect();
    let mut random = XorShift::from_clock();
    let seed = random.seed();
    let addr = server.addr;
    // Waves of 1 to 16 in flight, each request dropped at a random step of its work: with few
    // in flight most finish, with many most are dropped waiting their turn; in between (where
    // depends on the machine and the database) some are dropped between booking and committing.
    let mut unsent = 0;
    for (wave, requests) in requests.chunks(ORDERS / 5).enumerate() {
        let jobs: Vec<_> = requests
            .iter()
            .map(|request| {
                let (request, after) = (request.clone(), random.up_to(30));
                async move { http::abandon(addr, &request, Duration::from_millis(after)).await }
            })
            .collect();
        let sent = in_parallel(1 << wave, jobs).await;
        unsent += sent.iter().filter(|r| r.is_err()).count();
    }
    let jobs: Vec<_> = requests
        .into_iter()
        .map(|request| until_answered(addr, request))
        .collect();
    let answers = in_parallel(16, jobs).await;
    let mut problems = Vec::new();
    let (mut made, mut found, mut ids, mut placed) = (0, 0, BTreeSet::new(), Vec::new());
    for (i, answer) in answers.iter().enumerate() {
        match answer {
            Ok(reply) if [200, 201].contains(&reply.status) => {
                let order = reply.json();
                if !ids.insert(order["id"].as_i64().unwrap_or_default()) {
                    problems.push(format!("key dropped-{i}: order {} again", order["id"]));
                }
                if reply.status == 201 {
                    made += 1
                } else {
                    found += 1
                }
                placed.push(order);
            }
            Ok(reply) => problems.push(format!(
                "key dropped-{i}: {} {}",
                reply.status,
                reply.text()
            )),
            Err(error) => problems.push(format!("key dropped-{i}: {error}")),
        }
    }
    let pool = db.pool().await;
    let (orders, keys) = (
        db::count(&pool, "orders").await,
        db::count(&pool, "idempotency_keys").await,
    );
    if orders != ORDERS as i64 || keys != ORDERS as i64 {
        problems.push(format!(
            "{ORDERS} keys sent: {orders} orders and {keys} keys stored"
        ));
    }
    let stored = Stored::read(&pool).await;
    let (found_in_plan, months) = stored.problems(&calendar());
    problems.extend(found_in_plan);
    check_answers(&stored, &placed.iter().collect::<Vec<_>>(), &mut problems);
    pool.close().await;
    problems.extend(plan_view_differences(&server, &planner, &stored).await);
    let request = order_request(&dealers[0], "after-the-drops", &order_body(&code, &[1]));
    let after = match http::send(addr, &request).await {
        Ok(reply) if reply.status == 201 => "201".to_owned(),
        Ok(reply) => {
            problems.push(format!(
                "a new order after the drops: {} {}",
                reply.status,
                reply.text()
            ));
            reply.status.to_string()
        }
        Err(error) => {
            problems.push(format!("a new order after the drops: {error}"));
            error.to_string()
        }
    };
    let restart = restart_all(&mut [&mut server], &mut problems).await;
    eprintln!(
        "{}: {ORDERS} sent and dropped after 0–30 ms (seed {seed}, {unsent} not sent); retried: \
         {made} created (201), {found} found (200), {} failed; {orders} orders, {keys} keys; \
         months checked: {months}; a new order: {after}; restart: {restart}",
        db.url,
        ORDERS - made - found,
    );
    assert_no_problems("dropped requests", &problems, &[&server]);
}

async fn one_key_sent_in_parallel_makes_one_order(db: TestDb) {
    const SENT: usize = 50;
    let a = Server::start("a", &db.url, db.folder.path()).await;
    let b = Server::start("b", &db.url, db.folder.path()).await;
    let dealer = a.login("dealer1").await;
    let code = a.default_code("cobalt").await;
    let request = order_request(&dealer, "one-key", &order_body(&code, &[2]));
    let start = Arc::new(Barrier::new(SENT));
    let jobs: Vec<_> = (0..SENT)
        .map(|i| {
            let (request, start, addr) = (request.clone(), start.clone(), [a.addr, b.addr][i % 2]);
            async move {
                start.wait().await;
                http::send(addr, &request).await
            }
        })
        .collect();
    let replies = in_parallel(SENT, jobs).await;
    let mut problems = Vec::new();
    let (mut statuses, mut ids) = (BTreeMap::<u16, usize>::new(), BTreeSet::new());
    for (i, reply) in replies.iter().enumerate() {
        match reply {
            Ok(reply) => {
                *statuses.entry(reply.status).or_default() += 1;
                if [200, 201].contains(&reply.status) {
                    ids.insert(reply.json()["id"].as_i64().unwrap_or_default());
                } else {
                    problems.push(format!("submission {i}: {} {}", reply.status, reply.text()));
                }
            }
            Err(error) => problems.push(format!("submission {i}: {error}")),
        }
    }
    if statuses.get(&201) != Some(&1) {
        problems.push(format!("expected exactly one 201, got {statuses:?}"));
    }
    if ids.len() != 1 {
        problems.push(format!("the answers name orders {ids:?}"));
    }
    let pool = db.pool().await;
    let (orders, keys) = (
        db::count(&pool, "orders").await,
        db::count(&pool, "idempotency_keys").await,
    );
    if (orders, keys) != (1, 1) {
        problems.push(format!(
            "{orders} orders and {keys} keys stored, expected 1 and 1"
        ));
    }
    let stored = Stored::read(&pool).await;
    problems.extend(stored.problems(&calendar()).0);
    if stored.units() != 2 {
        problems.push(format!("{} units allocated, 2 ordered", stored.units()));
    }
    pool.close().await;
    eprintln!(
        "{} (two instances): {SENT} submissions of one key: statuses {statuses:?}, orders {ids:?}; \
         stored {orders} orders, {keys} keys",
        db.url
    );
    assert_no_problems("one key in parallel", &problems, &[&a, &b]);
}

/// Digit runs in `text` other than months (`YYYY-MM`) and `quantity`.
fn stray_numbers(text: &str, quantity: u32) -> Vec<String> {
    let (bytes, quantity) = (text.as_bytes(), quantity.to_string());
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut stray = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !digit(i) {
            i += 1;
            continue;
        }
        let end = (i..=bytes.len())
            .find(|&j| !digit(j))
            .unwrap_or(bytes.len());
        let month =
            end - i == 4 && bytes.get(end) == Some(&b'-') && digit(end + 1) && digit(end + 2);
        if month && !digit(end + 3) {
            i = end + 3;
            continue;
        }
        if text[i..end] != quantity {
            stray.push(text[i..end].to_owned());
        }
        i = end;
    }
    stray
}

async fn anonymous_availability_reveals_no_capacity(db: TestDb) {
    let server = Server::start("a", &db.url, db.folder.path()).await;
    let code = server.default_code("cobalt").await;
    let ask = |quantity: u32| {
        let path = format!("/api/v1/availability?code={code}&quantity={quantity}");
        let server = &server;
        async move { server.get(&path, None).await }
    };
    let mut problems = Vec::new();
    let check = |what: &str, reply: &Reply, quantity: u32| {
        let text = reply.text().replace(&code, "");
        let stray = stray_numbers(&text, quantity);
        (!stray.is_empty()).then(|| format!("{what}: numbers {stray:?} in {} {text}", reply.status))
    };
    let fits = ask(999).await;
    assert_eq!(
        fits.status,
        200,
        "999 cobalts fit an empty plan: {}",
        fits.text()
    );
    problems.extend(check("999 into an empty plan", &fits, 999));
    // Fill the passenger line up to 500 vehicles before the end of the horizon.
    let data = data::load(&data::repository_data_dir()).expect("the shipped data");
    let routing = &data.routing[&"cobalt".parse().expect("a model id")];
    let calendar = &data.calendar;
    let first = calendar
        .earliest_allowed(&routing.kit, Clock::system().month())
        .expect("a kit of the plant");
    let mut room = 0;
    let mut month = Some(first);
    while let Some(m) = month.filter(|m| *m <= calendar.end()) {
        room += calendar.capacity(&routing.line, m).unwrap_or(0);
        month = m.add_months(1);
    }
    let dealer = server.login("dealer1").await;
    let mut quantities: Vec<u32> = vec![999; (room - 500) as usize / 999];
    quantities.push((room - 500) % 999);
    quantities.retain(|q| *q > 0);
    for (i, chunk) in quantities.chunks(100).enumerate() {
        let request = order_request(&dealer, &format!("fill-{i}"), &order_body(&code, chunk));
        let reply = http::send(server.addr, &request).await.expect("an answer");
        assert_eq!(reply.status, 201, "filling the line: {}", reply.text());
    }
    let last = ask(500).await;
    assert_eq!(last.status, 200, "500 still fit: {}", last.text());
    problems.extend(check("500 into the last room", &last, 500));
    let refused = ask(999).await;
    if refused.status != 422 {
        problems.push(format!(
            "999 past the horizon: {} {}",
            refused.status,
            refused.text()
        ));
    }
    problems.extend(check("999 past the horizon", &refused, 999));
    eprintln!(
        "{}: room {room} from {first} on line {}, filled to 500; 999 → {} {}",
        db.url,
        routing.line,
        refused.status,
        refused.text()
    );
    assert_no_problems("anonymous availability", &problems, &[&server]);
}

//! The real binary over real sockets, on SQLite and PostgreSQL: two server processes on one
//! database never book a month twice, requests dropped by the client mid-way leave the stored plan
//! consistent and the server working, parallel submissions with one key make one order, and the
//! public availability answer reveals no free capacity. The plan in the database is read directly
//! and checked against the plant calendar; the tests that place many orders end by restarting the
//! servers, which must start cleanly (start-up replays the plan and compares it with the stored
//! allocations). Each test prints a one-line summary of what it saw (`--nocapture`).

#[path = "support/pg.rs"]
mod pg;
mod process;

use std::{
    collections::{BTreeMap, BTreeSet},
    sync::Arc,
    time::Duration,
};

use configurator_server::{clock::Clock, data};
use process::{
    Server,
    checks::{
        answers_differing, assert_no_problems, calendar, plan_view_differences, restart_all,
        stray_numbers,
    },
    db::{self, Stored, TestDb},
    http::{self, Reply},
    send::{XorShift, in_parallel, order_body, order_request, until_answered},
};
use tokio::sync::Barrier;

on_both_databases!(
    two_instances_never_overfill_a_month,
    dropped_requests_leave_the_plan_consistent,
    one_key_sent_in_parallel_makes_one_order,
    anonymous_availability_reveals_no_capacity,
);

/// 400 orders of one cobalt, 48 in flight, alternating between two processes on one database:
/// no month of the passenger line (36, 60, 90… vehicles) is over capacity, what is allocated is
/// what was accepted, every answer shows what is stored, and both processes restart cleanly.
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
    problems.extend(answers_differing(&stored, &created));
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

/// 300 submissions, each abandoned by the client after 0–30 ms, then each retried with its key to
/// an answer: every key has exactly one order, the stored plan is within capacity and complete,
/// the planner's view equals it, a new order is accepted and the server restarts cleanly. (A
/// request dropped between booking the in-memory plan and committing must leave no trace.)
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
    let sent = i64::try_from(ORDERS).expect("a count");
    if (orders, keys) != (sent, sent) {
        problems.push(format!(
            "{ORDERS} keys sent: {orders} orders and {keys} keys stored"
        ));
    }
    let stored = Stored::read(&pool).await;
    let (found_in_plan, months) = stored.problems(&calendar());
    problems.extend(found_in_plan);
    problems.extend(answers_differing(&stored, &placed));
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

/// 50 identical submissions with one key at once, split over two processes: one order, one `201`,
/// every other answer `200` naming the same order.
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

/// `GET /availability` without a session: the answer names build months and the quantity asked
/// for, never how many vehicles still fit, also when the quantity does not fit before the end of
/// the horizon (the passenger line is filled to 500 vehicles first).
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
        .earliest_allowed(&routing.kit, Clock::system(calendar.utc_offset()).month())
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

//! Group commit, at the router level on both backends: submissions that wait for the instance's
//! turn together are written in one transaction, each planned after the earlier ones of its
//! batch; a refused one (no room left by the others, a key reused) rolls back alone with its own
//! answer; a retry inside the batch answers the order of its key; and a client that goes away
//! while its order waits does not stop the batch.
//!
//! Each test holds the instance's turn ([`PlanCache::queue`]) while it queues submissions, so that
//! they are certain to wait together, then lets the batch go.
//!
//! [`PlanCache::queue`]: configurator_server::planning::PlanCache::queue

mod support;

use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use support::{Answer, TestApp, month, send};
use tokio::task::JoinHandle;

on_both_backends!(
    submissions_waiting_together_commit_in_one_transaction,
    a_refused_order_rolls_back_alone_and_the_batch_commits,
    an_order_whose_client_left_is_still_written,
);

fn body(code: &str, quantities: &[u32]) -> Value {
    let lines: Vec<Value> = quantities
        .iter()
        .map(|quantity| json!({ "code": code, "quantity": quantity }))
        .collect();
    json!({ "market": "KG", "lines": lines })
}

/// Sends an order in a task of its own and waits until it is queued for the next batch (the
/// submissions of a batch are written in the order they queued) or answered before that.
async fn queue_order(app: &TestApp, cookie: &str, key: &str, body: &Value) -> JoinHandle<Answer> {
    let submissions = &app.state.submissions;
    let before = submissions.waiting();
    let (router, cookie) = (app.router.clone(), cookie.to_owned());
    let (sent_key, body) = (key.to_owned(), serde_json::to_vec(body).expect("json"));
    let task = tokio::spawn(async move {
        let headers = [("idempotency-key", sent_key.as_str())];
        send(
            &router,
            Method::POST,
            "/api/v1/orders",
            Some(&cookie),
            &headers,
            Some(body),
        )
        .await
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    while submissions.waiting() == before && !task.is_finished() {
        assert!(Instant::now() < deadline, "order `{key}` never queued");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    task
}

async fn submissions_waiting_together_commit_in_one_transaction(app: TestApp) {
    const SENT: usize = 12;
    let dealers = [app.login("dealer1").await, app.login("dealer2").await];
    let code = app.default_code("cobalt").await;
    let submissions = &app.state.submissions;
    let turn = app.state.plan.queue().await;
    let mut tasks = Vec::new();
    // 12 × 20 cobalts: March (90) and April fill up within the batch.
    for i in 0..SENT {
        let key = format!("together-{i}");
        tasks.push(queue_order(&app, &dealers[i % 2], &key, &body(&code, &[20])).await);
    }
    assert_eq!(
        submissions.batches(),
        0,
        "nothing written while the turn is held"
    );
    drop(turn);
    let mut months = Vec::new();
    for task in tasks {
        let answer = task.await.expect("the request");
        assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
        let allocations = answer.json()["lines"][0]["allocations"].clone();
        months.push(allocations);
    }
    assert_eq!(
        (submissions.batches(), submissions.orders()),
        (1, 12),
        "one transaction"
    );
    assert_eq!(app.count("orders").await, 12);
    assert_eq!(app.count("plan_events").await, 12);
    // Each order was planned after the earlier ones of the batch: March holds 90, so the fifth
    // order is split over March and April.
    assert_eq!(months[0], json!([{ "month": "2027-03", "units": 20 }]));
    assert_eq!(
        months[4],
        json!([{ "month": "2027-03", "units": 10 }, { "month": "2027-04", "units": 10 }])
    );
    assert_eq!(
        app.state.plan.read(|plan| plan.bookings().count()),
        12,
        "booked after the commit"
    );
    assert!(app.try_restart().await.is_ok(), "the stored plan replays");
}

async fn a_refused_order_rolls_back_alone_and_the_batch_commits(app: TestApp) {
    let dealer = app.login("dealer1").await;
    let code = app.default_code("cobalt").await;
    let second = app.second_instance().await;
    // Ordered in 2036-09, only 2036-11 and -12 are open: 2 × 1500 passenger cars.
    app.state.clock.set_month(month("2036-09"));
    let submissions = &app.state.submissions;
    let turn = app.state.plan.queue().await;
    let sent = [
        ("a", body(&code, &[999, 999, 999])), // 2997 of the 3000
        ("b", body(&code, &[4])),             // would fit alone, not after `a`
        ("c", body(&code, &[3])),             // the last 3
        ("a", body(&code, &[999, 999, 999])), // a retry of `a` in the same batch
        ("c", body(&code, &[2])),             // `c`'s key, another body
        ("z", body(&code, &[1])),             // made meanwhile by the second instance
        ("y", body(&code, &[2])),             // used meanwhile by the second instance
    ];
    let mut tasks = Vec::new();
    for (key, body) in &sent {
        tasks.push(queue_order(&app, &dealer, key, body).await);
    }
    let mut made = Vec::new();
    for key in ["z", "y"] {
        let headers = [("idempotency-key", key)];
        let bytes = serde_json::to_vec(&body(&code, &[1])).expect("json");
        let answer = send(
            &second,
            Method::POST,
            "/api/v1/orders",
            Some(&dealer),
            &headers,
            Some(bytes),
        )
        .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
        made.push(answer.json()["id"].clone());
    }
    drop(turn);
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.expect("the request"));
    }
    let status: Vec<u16> = answers.iter().map(|a| a.status.as_u16()).collect();
    let texts: Vec<String> = answers.iter().map(Answer::text).collect();
    assert_eq!(status, [201, 422, 201, 200, 422, 200, 422], "{texts:#?}");
    assert_eq!(
        (submissions.batches(), submissions.orders()),
        (1, 7),
        "one transaction"
    );
    assert_eq!(answers[1].error_fields(), ["lines[0].quantity"]);
    assert_eq!(answers[4].error_fields(), ["idempotency_key"]);
    assert_eq!(answers[6].error_fields(), ["idempotency_key"]);
    let (a, c) = (answers[0].json(), answers[2].json());
    assert_eq!(
        answers[3].json()["id"],
        a["id"],
        "the retry names `a`'s order"
    );
    assert!(
        texts[4].contains(&format!("#{}", c["id"])),
        "names `c`: {}",
        texts[4]
    );
    assert_eq!(
        answers[5].json()["id"],
        made[0],
        "the second instance's `z`"
    );
    assert_eq!(
        c["lines"][0]["allocations"],
        json!([{ "month": "2036-12", "units": 3 }]),
        "planned after `a`"
    );
    assert_eq!(app.count("orders").await, 4, "a, c, z and y");
    assert_eq!(app.count("idempotency_keys").await, 4);
    assert_eq!(app.count("plan_events").await, 4);
    assert_eq!(app.state.plan.read(|plan| plan.bookings().count()), 6);
    assert!(app.try_restart().await.is_ok(), "the stored plan replays");
}

async fn an_order_whose_client_left_is_still_written(app: TestApp) {
    let dealer = app.login("dealer1").await;
    let code = app.default_code("cobalt").await;
    let turn = app.state.plan.queue().await;
    let left = queue_order(&app, &dealer, "left", &body(&code, &[2])).await;
    let stays = queue_order(&app, &dealer, "stays", &body(&code, &[3])).await;
    left.abort();
    assert!(left.await.is_err(), "the client went away");
    drop(turn);
    let stayed = stays.await.expect("the request");
    assert_eq!(stayed.status, StatusCode::CREATED, "{}", stayed.text());
    let retry = app.order(&dealer, "left", body(&code, &[2])).await;
    assert_eq!(
        retry.status,
        StatusCode::OK,
        "the order was written: {}",
        retry.text()
    );
    assert_eq!(app.count("orders").await, 2);
    let planner = app.login("planner").await;
    let plan = app
        .get("/api/v1/plan?from=2027-03&to=2027-03", Some(&planner))
        .await;
    assert_eq!(plan.json()["months"][0]["allocated"], 5, "{}", plan.text());
}

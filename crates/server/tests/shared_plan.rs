//! Two server instances over one database, at the router level: each one's plan catches up with
//! what the other committed before it answers (availability, the planner's view, a new order), and
//! a start-up whose replay differs from the stored allocations is refused, naming the order line
//! and what to do. (`instances.rs` runs the same over real processes and sockets.)

mod support;

use axum::http::{Method, StatusCode};
use serde_json::json;
use support::{TestApp, send};

on_both_backends!(
    a_second_instance_sees_the_first_ones_orders_at_once,
    a_start_up_refuses_a_plan_that_differs_from_the_promises,
);

async fn a_second_instance_sees_the_first_ones_orders_at_once(app: TestApp) {
    let second = app.second_instance().await;
    let dealer = app.login("dealer1").await;
    let code = app.default_code("cobalt").await;
    let availability = format!("/api/v1/availability?code={code}&quantity=1");
    let before = send(&second, Method::GET, &availability, None, &[], None).await;
    assert_eq!(before.json()["first"], "2027-03", "{}", before.text());
    // 90 cobalts fill March on the first instance.
    let body = json!({ "market": "KG", "lines": [{ "code": code, "quantity": 90 }] });
    let placed = app.order(&dealer, "fill-march", body).await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.text());
    let after = send(&second, Method::GET, &availability, None, &[], None).await;
    assert_eq!(
        after.json()["first"],
        "2027-04",
        "the second instance caught up"
    );

    let planner = app.login("planner").await;
    let plan = send(
        &second,
        Method::GET,
        "/api/v1/plan?from=2027-03&to=2027-03",
        Some(&planner),
        &[],
        None,
    )
    .await;
    let passenger = &plan.json()["months"][0];
    assert_eq!(passenger["line"], "passenger");
    assert_eq!(passenger["allocated"], 90, "{}", plan.text());

    // An order through the second instance goes after the first one's, never on top of it.
    let body = json!({ "market": "KG", "lines": [{ "code": code, "quantity": 5 }] }).to_string();
    let headers = [("idempotency-key", "after-march")];
    let next = send(
        &second,
        Method::POST,
        "/api/v1/orders",
        Some(&dealer),
        &headers,
        Some(body.into_bytes()),
    )
    .await;
    assert_eq!(next.status, StatusCode::CREATED, "{}", next.text());
    assert_eq!(
        next.json()["lines"][0]["allocations"][0]["month"],
        "2027-04"
    );
}

async fn a_start_up_refuses_a_plan_that_differs_from_the_promises(app: TestApp) {
    let dealer = app.login("dealer1").await;
    let code = app.default_code("cobalt").await;
    for (key, quantity) in [("a", 10), ("b", 20)] {
        let body = json!({ "market": "KG", "lines": [{ "code": code, "quantity": quantity }] });
        let placed = app.order(&dealer, key, body).await;
        assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.text());
    }
    assert!(app.try_restart().await.is_ok(), "an untouched plan replays");
    // The second order's promise is moved by hand: the plan no longer reproduces it.
    let (line,): (i64,) = sqlx::query_as("SELECT MAX(order_line_id) FROM allocations")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("a line");
    sqlx::query("UPDATE allocations SET month = '2027-05' WHERE order_line_id = $1")
        .bind(line)
        .execute(&app.state.db.pool)
        .await
        .expect("tamper");
    let refused = app.try_restart().await.expect_err("a start-up refused");
    let message = format!("{refused:#}");
    for expected in [
        format!("order line {line} "),
        "stored allocations 2027-05 × 20 differ from the plan's 2027-03 × 20".to_owned(),
        "plant.toml".to_owned(),
        "calendar version `2027.1`".to_owned(),
    ] {
        assert!(message.contains(&expected), "`{expected}` in: {message}");
    }
}

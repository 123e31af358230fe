//! Orders through the router on both backends: placing with an idempotency key, retries, the
//! checks of every field, who may see what, cancelling, and the plan surviving a restart.

mod support;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use support::{TestApp, month};

on_both_backends!(
    an_order_is_priced_planned_and_stored,
    a_retry_answers_the_same_order_without_a_duplicate,
    a_key_reused_for_another_body_is_refused,
    a_missing_or_bad_key_is_refused,
    a_body_carrying_a_price_is_refused,
    bad_lines_are_refused_naming_the_field_and_nothing_is_written,
    only_dealers_order_and_only_after_logging_in,
    a_dealer_cannot_read_list_or_cancel_another_dealers_orders,
    cancelling_frees_the_plan_until_the_month_is_frozen,
    an_order_past_the_capacity_of_the_horizon_is_refused_whole,
    the_plan_is_replayed_after_a_restart,
);

async fn order_body(app: &TestApp, model: &str, quantity: u32) -> Value {
    let code = app.default_code(model).await;
    json!({ "market": "KG", "lines": [{ "code": code, "quantity": quantity }] })
}

async fn an_order_is_priced_planned_and_stored(app: TestApp) {
    let dealer = app.login("dealer1").await;
    let cobalt = app.default_code("cobalt").await;
    let nqr = app.default_code("nqr-school").await;
    let body = json!({ "market": "KG", "lines": [
        { "code": cobalt, "quantity": 100 }, { "code": nqr, "quantity": 2 } ] });
    let quote = app.post("/api/v1/quotes", None, body.clone()).await.json();
    let answer = app.order(&dealer, "cart-1", body).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    let order = answer.json();
    assert_eq!(order["status"], "placed");
    assert_eq!(order["dealership"], "Bishkek Auto Center");
    assert_eq!(order["order_month"], "2027-01");
    assert_eq!(order["catalog_version"], "2027.1");
    assert_eq!(order["quote"], quote, "the order's prices are the quote's");
    assert_eq!(order["lines"][0]["model"], "cobalt");
    assert_eq!(
        order["lines"][0]["allocations"],
        json!([{ "month": "2027-03", "units": 90 }, { "month": "2027-04", "units": 10 }]),
        "a fleet line is split over months"
    );
    assert_eq!(
        order["lines"][1]["allocations"],
        json!([{ "month": "2027-04", "units": 2 }])
    );
    let id = order["id"].as_i64().expect("an id");
    let read = app
        .get(&format!("/api/v1/orders/{id}"), Some(&dealer))
        .await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.json(), order);
    let (total,): (i64,) = sqlx::query_as("SELECT total_minor FROM orders WHERE id = $1")
        .bind(id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("the order row");
    assert_eq!(json!(total), quote["total"]);
    assert_eq!(app.count("allocations").await, 3);
    let list = app.get("/api/v1/orders", Some(&dealer)).await.json();
    assert_eq!(list["orders"].as_array().map(Vec::len), Some(1));
}

async fn a_retry_answers_the_same_order_without_a_duplicate(app: TestApp) {
    let dealer = app.login("dealer1").await;
    let body = order_body(&app, "cobalt", 3).await;
    let first = app.order(&dealer, "retry-me", body.clone()).await;
    assert_eq!(first.status, StatusCode::CREATED);
    // The same body with other spacing and field order is the same request.
    let reordered = json!({ "lines": body["lines"], "market": "KG" });
    let second = app.order(&dealer, "retry-me", reordered).await;
    assert_eq!(second.status, StatusCode::OK, "a replay is 200");
    assert_eq!(second.json(), first.json());
    assert_eq!(app.count("orders").await, 1);
    assert_eq!(app.count("order_lines").await, 1);
    assert_eq!(app.count("idempotency_keys").await, 1);
    let planned = app.state.plan.read(|plan| plan.bookings().count());
    assert_eq!(planned, 1, "planned once");
    // Keys belong to a dealership: another dealer's same key is another order.
    let other = app.login("dealer2").await;
    let answer = app.order(&other, "retry-me", body).await;
    assert_eq!(answer.status, StatusCode::CREATED);
    assert_ne!(answer.json()["id"], first.json()["id"]);
}

async fn a_key_reused_for_another_body_is_refused(app: TestApp) {
    let dealer = app.login("dealer1").await;
    let first = app
        .order(&dealer, "k1", order_body(&app, "cobalt", 3).await)
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    let answer = app
        .order(&dealer, "k1", order_body(&app, "cobalt", 4).await)
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.error_fields(), ["idempotency_key"]);
    assert_eq!(app.count("orders").await, 1);
}

async fn a_missing_or_bad_key_is_refused(app: TestApp) {
    let dealer = app.login("dealer1").await;
    let body = order_body(&app, "cobalt", 1).await;
    let answer = app
        .post("/api/v1/orders", Some(&dealer), body.clone())
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.error_fields(), ["idempotency_key"]);
    let long = "k".repeat(129);
    for key in ["", "with space", long.as_str()] {
        let answer = app.order(&dealer, key, body.clone()).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{key:?}");
        assert_eq!(answer.error_fields(), ["idempotency_key"]);
    }
    assert_eq!(app.count("orders").await, 0);
}

async fn a_body_carrying_a_price_is_refused(app: TestApp) {
    let dealer = app.login("dealer1").await;
    let code = app.default_code("cobalt").await;
    let body = json!({ "market": "KG", "lines": [{ "code": code, "quantity": 1, "price": 100 }] });
    let answer = app.order(&dealer, "p1", body).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.error_fields(), ["lines[0].price"]);
    let body = json!({ "market": "KG", "total": 1, "lines": [{ "code": code, "quantity": 1 }] });
    let answer = app.order(&dealer, "p2", body).await;
    assert_eq!(answer.error_fields(), ["total"]);
    assert_eq!(app.count("orders").await, 0);
}

async fn bad_lines_are_refused_naming_the_field_and_nothing_is_written(app: TestApp) {
    let dealer = app.login("dealer1").await;
    let code = app.default_code("cobalt").await;
    let cases = [
        (json!({ "market": "KG", "lines": [] }), vec!["lines"]),
        (json!({ "market": "KG" }), vec!["lines"]),
        (
            json!({ "market": "ZZ", "lines": [{ "code": code, "quantity": 1 }] }),
            vec!["market"],
        ),
        (
            json!({ "market": "KG", "lines": [{ "code": code, "quantity": 1 }, { "code": code, "quantity": 0 }] }),
            vec!["lines[1].quantity"],
        ),
        (
            json!({ "market": "KG", "lines": [{ "code": code, "quantity": 1000 }] }),
            vec!["lines[0].quantity"],
        ),
        (
            json!({ "market": "KG", "lines": [{ "code": "x", "quantity": 1 }] }),
            vec!["lines[0].code"],
        ),
        (
            json!({ "market": "KG", "lines": [{ "code": 7, "quantity": 1 }] }),
            vec!["lines[0].code"],
        ),
        (json!([]), vec!["."]),
    ];
    for (i, (body, fields)) in cases.into_iter().enumerate() {
        let answer = app.order(&dealer, &format!("bad-{i}"), body.clone()).await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            answer.text()
        );
        assert_eq!(answer.error_fields(), fields, "{body}");
    }
    for table in [
        "orders",
        "order_lines",
        "allocations",
        "plan_events",
        "idempotency_keys",
    ] {
        assert_eq!(app.count(table).await, 0, "{table}");
    }
    assert_eq!(app.state.plan.read(|plan| plan.bookings().count()), 0);
}

async fn only_dealers_order_and_only_after_logging_in(app: TestApp) {
    let body = order_body(&app, "cobalt", 1).await;
    let headers = [("idempotency-key", "a")];
    let anonymous = app
        .call(
            Method::POST,
            "/api/v1/orders",
            None,
            &headers,
            Some(body.clone()),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.get("/api/v1/orders", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/v1/orders/1", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let cancel = app
        .call(Method::POST, "/api/v1/orders/1/cancel", None, &[], None)
        .await;
    assert_eq!(cancel.status, StatusCode::UNAUTHORIZED);
    let planner = app.login("planner").await;
    let answer = app.order(&planner, "a", body).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert_eq!(answer.json()["error"]["code"], "forbidden");
}

async fn a_dealer_cannot_read_list_or_cancel_another_dealers_orders(app: TestApp) {
    let dealer1 = app.login("dealer1").await;
    let dealer2 = app.login("dealer2").await;
    let mine = app
        .order(&dealer1, "d1", order_body(&app, "cobalt", 1).await)
        .await
        .json();
    let theirs = app
        .order(&dealer2, "d2", order_body(&app, "onix", 1).await)
        .await
        .json();
    let id = mine["id"].as_i64().expect("id");
    let read = app
        .get(&format!("/api/v1/orders/{id}"), Some(&dealer2))
        .await;
    assert_eq!(read.status, StatusCode::NOT_FOUND);
    assert_eq!(read.json()["error"]["code"], "not_found");
    let cancel = app
        .call(
            Method::POST,
            &format!("/api/v1/orders/{id}/cancel"),
            Some(&dealer2),
            &[],
            None,
        )
        .await;
    assert_eq!(cancel.status, StatusCode::NOT_FOUND);
    let list = app.get("/api/v1/orders", Some(&dealer2)).await.json();
    assert_eq!(list["orders"], json!([theirs]));
    let mine_again = app
        .get(&format!("/api/v1/orders/{id}"), Some(&dealer1))
        .await
        .json();
    assert_eq!(
        mine_again["status"], "placed",
        "untouched by the other dealer"
    );
    for path in [
        "/api/v1/orders/999999",
        "/api/v1/orders/abc",
        "/api/v1/orders/-1",
    ] {
        assert_eq!(
            app.get(path, Some(&dealer1)).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // A planner sees every order.
    let planner = app.login("planner").await;
    let all = app.get("/api/v1/orders", Some(&planner)).await.json();
    assert_eq!(all["orders"].as_array().map(Vec::len), Some(2));
}

async fn cancelling_frees_the_plan_until_the_month_is_frozen(app: TestApp) {
    let dealer = app.login("dealer1").await;
    let first = app
        .order(&dealer, "c1", order_body(&app, "cobalt", 90).await)
        .await
        .json();
    let second = app
        .order(&dealer, "c2", order_body(&app, "cobalt", 5).await)
        .await
        .json();
    assert_eq!(
        second["lines"][0]["allocations"][0]["month"], "2027-04",
        "2027-03 is full"
    );
    let id = first["id"].as_i64().expect("id");
    let path = format!("/api/v1/orders/{id}/cancel");
    let answer = app
        .call(Method::POST, &path, Some(&dealer), &[], None)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert_eq!(answer.json()["status"], "cancelled");
    assert_eq!(
        answer.json()["lines"],
        first["lines"],
        "the record keeps its months"
    );
    let again = app
        .call(Method::POST, &path, Some(&dealer), &[], None)
        .await;
    assert_eq!(again.status, StatusCode::OK, "cancelling twice is harmless");
    // The freed room goes to the next order; the second order keeps its month.
    let third = app
        .order(&dealer, "c3", order_body(&app, "cobalt", 5).await)
        .await
        .json();
    assert_eq!(
        third["lines"][0]["allocations"],
        json!([{ "month": "2027-03", "units": 5 }])
    );
    assert_eq!(third["frozen_month"], Value::Null, "nothing frozen yet");
    // In 2027-02, 2027-03 is frozen (frozen_months = 1): the third order can no longer be cancelled.
    app.state.clock.set_month(month("2027-02"));
    let id = third["id"].as_i64().expect("id");
    let path = format!("/api/v1/orders/{id}/cancel");
    let answer = app
        .call(Method::POST, &path, Some(&dealer), &[], None)
        .await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert!(
        answer.json()["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("frozen"))
    );
    let read = app
        .get(&format!("/api/v1/orders/{id}"), Some(&dealer))
        .await
        .json();
    assert_eq!(read["status"], "placed");
    assert_eq!(
        read["frozen_month"], "2027-03",
        "the order says why, before any attempt"
    );
    assert_eq!(
        app.count("plan_events").await,
        4,
        "three orders and one cancellation"
    );
}

async fn an_order_past_the_capacity_of_the_horizon_is_refused_whole(app: TestApp) {
    let dealer = app.login("dealer1").await;
    let cobalt = app.default_code("cobalt").await;
    // The plan ends 2036-12: ordered then, nothing is open any more.
    app.state.clock.set_month(month("2036-12"));
    let body = json!({ "market": "KG", "lines": [{ "code": cobalt, "quantity": 1 }] });
    let answer = app.order(&dealer, "late", body).await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.text()
    );
    assert_eq!(answer.error_fields(), ["lines[0]"]);
    // Ordered in 2036-09, only 2036-11 and -12 are open: 2 × 1500 passenger cars.
    app.state.clock.set_month(month("2036-09"));
    let lines: Vec<_> = (0..4)
        .map(|_| json!({ "code": cobalt, "quantity": 999 }))
        .collect();
    let answer = app
        .order(&dealer, "big", json!({ "market": "KG", "lines": lines }))
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.text()
    );
    assert_eq!(answer.error_fields(), ["lines[3].quantity"]);
    assert_eq!(app.count("orders").await, 0, "nothing half-written");
    assert_eq!(
        app.state.plan.read(|plan| plan.bookings().count()),
        0,
        "the plan is as it was"
    );
}

async fn the_plan_is_replayed_after_a_restart(app: TestApp) {
    let dealer = app.login("dealer1").await;
    let mut ids = Vec::new();
    for (i, quantity) in [50, 60, 70].into_iter().enumerate() {
        let order = app
            .order(
                &dealer,
                &format!("r{i}"),
                order_body(&app, "cobalt", quantity).await,
            )
            .await;
        ids.push(order.json()["id"].as_i64().expect("id"));
    }
    let path = format!("/api/v1/orders/{}/cancel", ids[1]);
    let cancel = app
        .call(Method::POST, &path, Some(&dealer), &[], None)
        .await;
    assert_eq!(cancel.status, StatusCode::OK);
    app.order(&dealer, "r3", order_body(&app, "cobalt", 20).await)
        .await;
    let restarted = app.restart().await;
    let before = app.state.plan.read(Clone::clone);
    let after = restarted.plan.read(Clone::clone);
    assert_eq!(after, before);
}

on_both_backends!(an_order_placed_after_midnight_in_bishkek_is_in_the_plants_month);

/// The plan's months turn at midnight at the plant, in Bishkek (UTC+6), not in UTC: at 18:30 UTC
/// on 31 January it is 00:30 on 1 February there, and an order placed then is a February order,
/// with February's frozen months.
async fn an_order_placed_after_midnight_in_bishkek_is_in_the_plants_month(mut app: TestApp) {
    use configurator_server::clock::{Clock, parse_rfc3339};
    let at = |text: &str| parse_rfc3339(text).expect("a UTC time");
    let offset = app.state.data.calendar.utc_offset();
    assert_eq!(offset.to_string(), "+06:00", "data/plant.toml");
    app.state.clock = Clock::fixed_at(offset, at("2027-01-31T17:59:59Z"));
    app.router = configurator_server::http::app(app.state.clone());
    let dealer = app.login("dealer1").await;
    let planner = app.login("planner").await;
    // 23:59:59 on 31 January in Bishkek: a January order, built from 2027-03.
    let january = app
        .order(&dealer, "jan", order_body(&app, "cobalt", 1).await)
        .await
        .json();
    assert_eq!(january["order_month"], "2027-01");
    assert_eq!(january["created_at"], "2027-01-31T17:59:59Z");
    assert_eq!(
        january["lines"][0]["allocations"],
        json!([{ "month": "2027-03", "units": 1 }])
    );
    // Half an hour later: 00:30 on 1 February in Bishkek, still 31 January in UTC.
    app.state.clock.set_instant(at("2027-01-31T18:30:00Z"));
    let february = app
        .order(&dealer, "feb", order_body(&app, "cobalt", 1).await)
        .await;
    assert_eq!(february.status, StatusCode::CREATED, "{}", february.text());
    let february = february.json();
    assert_eq!(february["order_month"], "2027-02");
    assert_eq!(
        february["created_at"], "2027-01-31T18:30:00Z",
        "timestamps stay in UTC"
    );
    // 2027-02 and 2027-03 are frozen now: the earliest build month is 2027-04.
    assert_eq!(
        february["lines"][0]["allocations"],
        json!([{ "month": "2027-04", "units": 1 }])
    );
    let code = app.default_code("cobalt").await;
    let availability = app
        .get(&format!("/api/v1/availability?code={code}"), None)
        .await
        .json();
    assert_eq!(availability["first"], "2027-04", "{availability}");
    let plan = app
        .get("/api/v1/plan?from=2027-01&to=2027-01", Some(&planner))
        .await
        .json();
    assert_eq!(
        (&plan["today"], &plan["frozen_months"]),
        (&json!("2027-02"), &json!(1))
    );
    // The January order is built in 2027-03, frozen now: it can no longer be cancelled.
    let path = format!("/api/v1/orders/{}/cancel", january["id"]);
    let cancel = app
        .call(Method::POST, &path, Some(&dealer), &[], None)
        .await;
    assert_eq!(cancel.status, StatusCode::CONFLICT, "{}", cancel.text());
}

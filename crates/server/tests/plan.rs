//! The planner's view and export on both backends, and the concurrency test: orders submitted in
//! parallel never overfill a month, and what is allocated is exactly what was ordered.

mod support;

use std::collections::BTreeMap;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use serde_json::json;
use support::TestApp;
use tower::ServiceExt as _;

on_both_backends!(
    the_plan_shows_capacity_allocations_and_utilisation,
    the_whole_plan_is_the_default_range,
    the_plan_is_for_planners_only,
    bad_ranges_are_refused_naming_the_field,
    the_csv_export_has_one_row_per_month_line_and_model,
    parallel_orders_never_overfill_a_month,
    the_openapi_document_lists_every_endpoint,
    the_openapi_document_states_limits_and_every_status,
);

async fn place(app: &TestApp, dealer: &str, key: &str, model: &str, quantity: u32) {
    let code = app.default_code(model).await;
    let body = json!({ "market": "KG", "lines": [{ "code": code, "quantity": quantity }] });
    let answer = app.order(dealer, key, body).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
}

async fn the_plan_shows_capacity_allocations_and_utilisation(app: TestApp) {
    let dealer = app.login("dealer1").await;
    place(&app, &dealer, "a", "cobalt", 45).await;
    place(&app, &dealer, "b", "onix", 9).await;
    let planner = app.login("planner").await;
    let answer = app
        .get("/api/v1/plan?from=2027-03&to=2027-04", Some(&planner))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let plan = answer.json();
    assert_eq!(plan["calendar_version"], "2027.1");
    assert_eq!(plan["from"], "2027-03");
    assert_eq!(plan["today"], "2027-01");
    assert_eq!(plan["frozen_months"], 1);
    let months = plan["months"].as_array().expect("months");
    assert_eq!(months.len(), 4, "two months, two lines");
    assert_eq!(
        months[0],
        json!({
            "month": "2027-03", "line": "passenger", "capacity": 90, "allocated": 54, "free": 36,
            "utilisation_bp": 6000, "per_model": { "cobalt": 45, "onix": 9 }
        })
    );
    assert_eq!(months[1]["line"], "commercial");
    assert_eq!(months[1]["allocated"], 0);
    assert_eq!(months[1]["per_model"], json!({}));
}

async fn the_whole_plan_is_the_default_range(app: TestApp) {
    let planner = app.login("planner").await;
    let plan = app.get("/api/v1/plan", Some(&planner)).await.json();
    assert_eq!(plan["from"], "2027-01");
    assert_eq!(plan["to"], "2036-12");
    assert_eq!(plan["months"].as_array().map(Vec::len), Some(240));
    let capacity: u64 = plan["months"]
        .as_array()
        .expect("months")
        .iter()
        .take(72) // 36 months × 2 lines: the SKD phase
        .map(|m| m["capacity"].as_u64().expect("capacity"))
        .sum();
    assert_eq!(capacity, 10_000, "the SKD phase builds 10000 units");
    assert_eq!(
        plan["phases"],
        json!([
            { "name": "SKD", "first": "2027-01" },
            { "name": "full", "first": "2030-01" },
        ]),
        "the phases the chart marks, from plant.toml"
    );
}

async fn the_plan_is_for_planners_only(app: TestApp) {
    for path in ["/api/v1/plan", "/api/v1/plan.csv"] {
        let answer = app.get(path, None).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{path}");
        let dealer = app.login("dealer1").await;
        let answer = app.get(path, Some(&dealer)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(answer.json()["error"]["code"], "forbidden");
    }
}

async fn bad_ranges_are_refused_naming_the_field(app: TestApp) {
    let planner = app.login("planner").await;
    for (query, field) in [
        ("from=2027-13", "from"),
        ("to=27-01", "to"),
        ("from=2027-05&to=2027-04", "to"),
        ("month=2027-05", "month"),
    ] {
        for path in ["/api/v1/plan", "/api/v1/plan.csv"] {
            let answer = app.get(&format!("{path}?{query}"), Some(&planner)).await;
            assert_eq!(
                answer.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{path}?{query}"
            );
            assert_eq!(answer.error_fields(), [field], "{path}?{query}");
        }
    }
    // Outside the calendar there is simply nothing.
    let answer = app
        .get("/api/v1/plan?from=2020-01&to=2020-12", Some(&planner))
        .await;
    assert_eq!(answer.json()["months"], json!([]));
}

async fn the_csv_export_has_one_row_per_month_line_and_model(app: TestApp) {
    let dealer = app.login("dealer1").await;
    place(&app, &dealer, "a", "cobalt", 100).await;
    place(&app, &dealer, "b", "onix", 5).await;
    let planner = app.login("planner").await;
    let answer = app
        .get("/api/v1/plan.csv?from=2027-03&to=2027-04", Some(&planner))
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.headers[header::CONTENT_TYPE],
        "text/csv; charset=utf-8"
    );
    assert_eq!(
        answer.headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"plan-2027-03-2027-04.csv\""
    );
    let text = answer.text();
    let rows: Vec<&str> = text.split("\r\n").filter(|row| !row.is_empty()).collect();
    assert_eq!(
        rows,
        [
            "month,line,capacity,allocated,utilisation_percent,model,units",
            "2027-03,passenger,90,90,100.00,cobalt,90",
            "2027-03,commercial,60,0,0.00,,0",
            "2027-04,passenger,120,15,12.50,cobalt,10",
            "2027-04,passenger,120,15,12.50,onix,5",
            "2027-04,commercial,80,0,0.00,,0",
        ]
    );
    let whole = app.get("/api/v1/plan.csv", Some(&planner)).await.text();
    assert_eq!(
        whole.lines().count(),
        1 + 240 + 1,
        "one month and line has two models"
    );
}

async fn parallel_orders_never_overfill_a_month(app: TestApp) {
    let dealers = [app.login("dealer1").await, app.login("dealer2").await];
    let code = app.default_code("cobalt").await;
    // 50 orders of 3 cobalts for 2027-03, whose passenger line builds 90: 30 fit, the rest spill.
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let router = app.router.clone();
            let cookie = dealers[i % 2].clone();
            let body = json!({ "market": "KG", "lines": [{ "code": code, "quantity": 3 }] });
            tokio::spawn(async move {
                let request = Request::post("/api/v1/orders")
                    .header(header::COOKIE, cookie)
                    .header(header::CONTENT_TYPE, "application/json")
                    .header("idempotency-key", format!("parallel-{i}"))
                    .body(Body::from(body.to_string()))
                    .expect("request");
                router.oneshot(request).await.expect("a response").status()
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.expect("the task"), StatusCode::CREATED);
    }
    assert_eq!(app.count("orders").await, 50);
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT a.month, l.plant_line, a.units FROM allocations a \
         JOIN order_lines l ON l.id = a.order_line_id",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("allocations");
    let mut per_month: BTreeMap<(String, String), i64> = BTreeMap::new();
    for (month, line, units) in rows {
        *per_month.entry((month, line)).or_default() += units;
    }
    assert_eq!(
        per_month.values().sum::<i64>(),
        150,
        "every unit ordered is allocated once"
    );
    for ((month, line), units) in &per_month {
        let capacity = app
            .state
            .data
            .calendar
            .capacity(&line.parse().expect("line"), month.parse().expect("month"))
            .expect("a month of the calendar");
        assert!(
            *units <= i64::from(capacity),
            "{month} {line}: {units} > {capacity}"
        );
    }
    assert_eq!(
        per_month[&("2027-03".to_owned(), "passenger".to_owned())],
        90
    );
    assert_eq!(
        per_month[&("2027-04".to_owned(), "passenger".to_owned())],
        60
    );
    let in_memory: u32 = app.state.plan.read(|plan| {
        plan.months(support::month("2027-01"), support::month("2027-12"))
            .map(|m| m.allocated)
            .sum()
    });
    assert_eq!(in_memory, 150, "memory agrees with the database");
}

async fn the_openapi_document_lists_every_endpoint(app: TestApp) {
    let answer = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(answer.status, StatusCode::OK);
    let document = answer.json();
    assert!(
        document["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3."))
    );
    let paths: Vec<&String> = document["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .collect();
    for path in [
        "/health",
        "/catalog",
        "/quotes",
        "/availability",
        "/availability/configurations",
        "/session",
        "/orders",
        "/orders/{id}",
        "/orders/{id}/cancel",
        "/plan",
        "/plan.csv",
        "/openapi.json",
    ] {
        assert!(
            paths.iter().any(|p| p.as_str() == path),
            "{path} missing from {paths:?}"
        );
    }
    let schemas = &document["components"]["schemas"];
    for schema in [
        "OrderRequest",
        "OrderResponse",
        "OrderQuote",
        "Quote",
        "ErrorBody",
        "PlanResponse",
    ] {
        assert!(schemas[schema].is_object(), "schema {schema} missing");
    }
    let line = &schemas["LineRequest"];
    assert_eq!(
        line["additionalProperties"], false,
        "unknown fields are refused: {line}"
    );
    for (schema, slugs) in [
        ("OrderStatus", json!(["placed", "cancelled"])),
        ("Role", json!(["dealer", "planner"])),
        ("Currency", json!(["local", "usd"])),
    ] {
        assert_eq!(schemas[schema]["enum"], slugs, "the slugs of {schema}");
    }
    let post = &document["paths"]["/orders"]["post"];
    assert!(post["responses"]["201"].is_object());
    assert!(
        post["parameters"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p["name"] == "Idempotency-Key"))
    );
}

/// What `scripts/hostile.sh` holds the server to, read from the document itself: the limits the
/// server enforces, the catalog's markets and a working code, and the statuses that the layers
/// around every handler answer.
async fn the_openapi_document_states_limits_and_every_status(app: TestApp) {
    let document = app.get("/api/v1/openapi.json", None).await.json();
    let schemas = &document["components"]["schemas"];
    assert_eq!(schemas["MarketId"]["enum"], json!(["KG", "UZ"]));
    let line = &schemas["LineRequest"]["properties"];
    assert_eq!(
        (&line["quantity"]["minimum"], &line["quantity"]["maximum"]),
        (&json!(1), &json!(999))
    );
    let example = line["code"]["examples"][0]
        .as_str()
        .expect("an example code");
    let quote = json!({ "market": "KG", "lines": [{ "code": example, "quantity": 1 }] });
    let answer = app.post("/api/v1/quotes", None, quote).await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "the example code works: {}",
        answer.text()
    );
    for request in ["QuoteRequest", "OrderRequest"] {
        let lines = &schemas[request]["properties"]["lines"];
        assert_eq!(
            (&lines["minItems"], &lines["maxItems"]),
            (&json!(1), &json!(100))
        );
    }
    let paths = document["paths"].as_object().expect("paths");
    for (path, item) in paths {
        for (method, operation) in item.as_object().expect("operations") {
            let responses = &operation["responses"];
            let mut expected = vec!["414", "503"];
            if method != "get" {
                expected.push("403");
            }
            if operation.get("requestBody").is_some() {
                expected.extend(["400", "413", "415", "422"]);
            }
            for status in expected {
                let shape = &responses[status]["content"]["application/json"]["schema"]["$ref"];
                assert_eq!(
                    shape, "#/components/schemas/ErrorBody",
                    "{method} {path}: {status} in the error shape"
                );
            }
        }
    }
}

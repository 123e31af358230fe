//! Visitors' quote requests from partner sites, through the router on each database: stored with
//! the server's price, every bad field named, the rate limits, CORS for the partners' origins
//! only, the cross-site check, and the dealer's list and status changes.

mod support;

use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::{
    Router,
    body::Body,
    extract::ConnectInfo,
    http::{Method, Request, StatusCode, header},
};
use configurator_server::{
    http::{AppState, app},
    quote_requests::throttle::{Quotas, QuoteRequestThrottle},
};
use http_body_util::BodyExt as _;
use serde_json::{Value, json};
use support::{Answer, TestApp};
use tower::ServiceExt as _;

on_both_backends!(
    a_valid_request_is_stored_with_the_servers_price,
    a_client_sent_price_is_refused,
    each_bad_field_is_named_and_nothing_is_stored,
    a_model_the_partner_does_not_show_is_refused,
    the_address_quota_answers_429_with_retry_after,
    the_partner_quota_answers_429_whatever_the_address,
    the_origin_check_admits_only_the_partners_origins,
    a_dealer_lists_and_updates_only_its_partners_requests,
);

/// A partner of `Bishkek Auto Center` (dealer1) in `data/partners.toml`, and one of its origins.
const AUTOSALON: &str = "autosalon-kg";
const AUTOSALON_ORIGIN: &str = "http://localhost:5173";
/// A partner of `Osh Motors` (dealer2), and one of its origins.
const LEASING: &str = "osh-fleet-leasing";
const LEASING_ORIGIN: &str = "https://leasing.example.kg";
const PATH: &str = "/api/v1/quote-requests";

/// The app with room for many requests from one address: the tests that are not about the quotas.
fn roomy(app: &TestApp) -> Router {
    with_quotas(
        app,
        Quotas {
            per_address: 10_000,
            per_partner: 10_000,
            window: Duration::from_secs(600),
        },
    )
}

fn with_quotas(test: &TestApp, quotas: Quotas) -> Router {
    app(AppState {
        quote_request_throttle: Arc::new(QuoteRequestThrottle::new(quotas)),
        ..test.state.clone()
    })
}

/// A request to `router` from the client `address` (as the socket would tell it) with `headers`.
async fn send(
    router: &Router,
    method: Method,
    path: &str,
    address: Option<[u8; 4]>,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> Answer {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(address) = address {
        request = request.extension(ConnectInfo(SocketAddr::from((address, 40000))));
    }
    if body.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let body = body.map_or_else(Body::empty, |body| Body::from(body.to_string()));
    let response = router
        .clone()
        .oneshot(request.body(body).expect("request"))
        .await
        .expect("a response");
    let (status, headers) = (response.status(), response.headers().clone());
    let body = response.into_body().collect().await.expect("body");
    Answer {
        status,
        headers,
        body: body.to_bytes().to_vec(),
    }
}

/// `POST /quote-requests` from the autosalon's page.
async fn submit(router: &Router, body: Value) -> Answer {
    let origin = [("origin", AUTOSALON_ORIGIN)];
    send(router, Method::POST, PATH, None, &origin, Some(body)).await
}

/// A good request for `partner` of the default configuration of `model`.
async fn form(app: &TestApp, partner: &str, model: &str) -> Value {
    json!({
        "partner": partner,
        "name": "Aida Sydykova",
        "contact": "+996 555 123 456",
        "code": app.default_code(model).await,
        "quantity": 3,
        "message": "Для таксопарка, нужен счёт.",
    })
}

fn header<'a>(answer: &'a Answer, name: &str) -> Option<&'a str> {
    answer.headers.get(name).and_then(|v| v.to_str().ok())
}

async fn a_valid_request_is_stored_with_the_servers_price(app: TestApp) {
    let router = roomy(&app);
    let body = form(&app, AUTOSALON, "cobalt").await;
    let answer = submit(&router, body.clone()).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    let created = answer.json();
    assert_eq!(created["status"], "new");
    assert_eq!(created["currency"], "KGS", "the partner's market");
    assert_eq!(
        header(&answer, "access-control-allow-origin"),
        Some(AUTOSALON_ORIGIN)
    );
    let quote = json!({ "market": "KG", "lines": [{ "code": body["code"], "quantity": 3 }] });
    let expected = app.post("/api/v1/quotes", None, quote).await.json()["total"].clone();
    assert!(expected.as_i64().is_some_and(|total| total > 0));
    assert_eq!(created["total"], expected, "the server's price");
    let (partner, status, total, currency): (String, String, i64, String) = sqlx::query_as(
        "SELECT partner, status, total_minor, currency FROM quote_requests WHERE id = $1",
    )
    .bind(created["id"].as_i64().expect("an id"))
    .fetch_one(&app.state.db.pool)
    .await
    .expect("stored");
    assert_eq!((partner.as_str(), status.as_str()), (AUTOSALON, "new"));
    assert_eq!((Some(total), currency.as_str()), (expected.as_i64(), "KGS"));
    let mut in_uzbekistan = body;
    in_uzbekistan["market"] = json!("UZ");
    let answer = submit(&router, in_uzbekistan).await;
    assert_eq!(
        answer.json()["currency"],
        "UZS",
        "another market when asked"
    );
}

async fn a_client_sent_price_is_refused(app: TestApp) {
    let mut body = form(&app, AUTOSALON, "cobalt").await;
    body["price"] = json!(1);
    let answer = submit(&roomy(&app), body).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.error_fields(), ["price"]);
    assert_eq!(app.count("quote_requests").await, 0);
}

async fn each_bad_field_is_named_and_nothing_is_stored(app: TestApp) {
    let router = roomy(&app);
    let good = form(&app, AUTOSALON, "cobalt").await;
    let bad = json!({
        "partner": AUTOSALON,
        "name": " ",
        "contact": "call me maybe",
        "code": "not-a-code",
        "quantity": 0,
        "message": "x".repeat(2001),
    });
    let answer = submit(&router, bad).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        answer.error_fields(),
        ["code", "contact", "message", "name", "quantity"]
    );
    let cases = [
        ("partner", json!("no-such-partner")),
        ("name", json!("n".repeat(101))),
        ("contact", json!("123456")),
        ("contact", json!(format!("{}@example.kg", "a".repeat(300)))),
        ("contact", json!("1".repeat(21))),
        ("quantity", json!(1000)),
        ("quantity", json!(-1)),
        ("code", json!("c".repeat(10_000))),
        ("market", json!("KZ")),
        ("message", json!(42)),
    ];
    for (field, value) in cases {
        let mut body = good.clone();
        body[field] = value;
        let answer = submit(&router, body).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert_eq!(answer.error_fields(), [field], "{}", answer.text());
        let message = answer.json()["error"]["message"].to_string();
        assert!(message.len() < 400, "long values are cut short: {message}");
    }
    let mut huge = good;
    huge["message"] = json!("x".repeat(300 * 1024));
    assert_eq!(
        submit(&router, huge).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    assert_eq!(app.count("quote_requests").await, 0);
}

async fn a_model_the_partner_does_not_show_is_refused(app: TestApp) {
    let answer = submit(&roomy(&app), form(&app, AUTOSALON, "labo").await).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.error_fields(), ["code"]);
    assert!(
        answer
            .text()
            .contains("model `labo` is not shown by partner `autosalon-kg`")
    );
    assert_eq!(app.count("quote_requests").await, 0);
}

async fn the_address_quota_answers_429_with_retry_after(app: TestApp) {
    let body = form(&app, AUTOSALON, "cobalt").await;
    let origin = [("origin", AUTOSALON_ORIGIN)];
    let visitor = Some([203, 0, 113, 7]);
    let quota = Quotas::default().per_address;
    for _ in 0..quota {
        let answer = send(
            &app.router,
            Method::POST,
            PATH,
            visitor,
            &origin,
            Some(body.clone()),
        )
        .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    }
    let answer = send(
        &app.router,
        Method::POST,
        PATH,
        visitor,
        &origin,
        Some(body.clone()),
    )
    .await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    let seconds: u64 = header(&answer, "retry-after")
        .expect("Retry-After")
        .parse()
        .expect("s");
    assert!((1..=600).contains(&seconds), "{seconds}");
    assert_eq!(
        header(&answer, "access-control-allow-origin"),
        Some(AUTOSALON_ORIGIN)
    );
    assert_eq!(
        header(&answer, "access-control-expose-headers"),
        Some("Retry-After")
    );
    let other = Some([198, 51, 100, 20]);
    let answer = send(&app.router, Method::POST, PATH, other, &origin, Some(body)).await;
    assert_eq!(
        answer.status,
        StatusCode::CREATED,
        "another address is not held back"
    );
    assert_eq!(app.count("quote_requests").await, i64::from(quota) + 1);
}

async fn the_partner_quota_answers_429_whatever_the_address(app: TestApp) {
    let quotas = Quotas {
        per_address: 100,
        per_partner: 2,
        window: Duration::from_secs(600),
    };
    let router = with_quotas(&app, quotas);
    let autosalon = form(&app, AUTOSALON, "cobalt").await;
    let origin = [("origin", AUTOSALON_ORIGIN)];
    for n in 1..=3u8 {
        let answer = send(
            &router,
            Method::POST,
            PATH,
            Some([10, 0, 0, n]),
            &origin,
            Some(autosalon.clone()),
        )
        .await;
        let expected = if n <= 2 {
            StatusCode::CREATED
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(answer.status, expected, "request {n}");
    }
    let leasing = form(&app, LEASING, "labo").await;
    let origin = [("origin", LEASING_ORIGIN)];
    let answer = send(
        &router,
        Method::POST,
        PATH,
        Some([10, 0, 0, 9]),
        &origin,
        Some(leasing),
    )
    .await;
    assert_eq!(
        answer.status,
        StatusCode::CREATED,
        "another partner: {}",
        answer.text()
    );
}

async fn the_origin_check_admits_only_the_partners_origins(app: TestApp) {
    let router = roomy(&app);
    let body = form(&app, AUTOSALON, "cobalt").await;
    let from = |origin: &'static str| [("origin", origin), ("host", "configurator.example.kg")];
    for foreign in [
        "https://evil.example",
        LEASING_ORIGIN,
        "http://localhost:5173.evil.example",
    ] {
        let answer = send(
            &router,
            Method::POST,
            PATH,
            None,
            &from(foreign),
            Some(body.clone()),
        )
        .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{foreign}");
        // Another partner's page may read why it was refused; any other page may not.
        let readable_by = (foreign == LEASING_ORIGIN).then_some(LEASING_ORIGIN);
        assert_eq!(header(&answer, "access-control-allow-origin"), readable_by);
    }
    let same_site = from("https://configurator.example.kg");
    let answer = send(
        &router,
        Method::POST,
        PATH,
        None,
        &same_site,
        Some(body.clone()),
    )
    .await;
    assert_eq!(answer.status, StatusCode::CREATED, "this server's own page");
    let none = send(&router, Method::POST, PATH, None, &[], Some(body)).await;
    assert_eq!(none.status, StatusCode::CREATED, "no Origin: not a browser");
    assert_eq!(app.count("quote_requests").await, 2);
    // The exception is this one endpoint: the dealer's side and orders are still same-site only.
    let cookie = app.login("dealer1").await;
    let partner_page = [("origin", AUTOSALON_ORIGIN), ("cookie", cookie.as_str())];
    let status = json!({ "status": "closed" });
    let answer = send(
        &router,
        Method::PATCH,
        &format!("{PATH}/1"),
        None,
        &partner_page,
        Some(status),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let order = json!({ "market": "KG", "lines": [] });
    let answer = send(
        &router,
        Method::POST,
        "/api/v1/orders",
        None,
        &partner_page,
        Some(order),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_preflight_is_answered_only_for_a_partners_origin() {
    let app = TestApp::new(support::Backend::Sqlite)
        .await
        .expect("sqlite");
    let preflight = |origin: &'static str, headers: &'static str| {
        [
            ("origin", origin),
            ("access-control-request-method", "POST"),
            ("access-control-request-headers", headers),
        ]
    };
    let allowed = preflight(AUTOSALON_ORIGIN, "content-type");
    let answer = send(&app.router, Method::OPTIONS, PATH, None, &allowed, None).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    assert_eq!(
        header(&answer, "access-control-allow-origin"),
        Some(AUTOSALON_ORIGIN)
    );
    assert_eq!(
        header(&answer, "access-control-allow-methods"),
        Some("POST")
    );
    assert_eq!(
        header(&answer, "access-control-allow-headers"),
        Some("Content-Type")
    );
    assert_eq!(header(&answer, "access-control-allow-credentials"), None);
    assert!(answer.headers.get_all("vary").iter().any(|v| v == "Origin"));
    for refused in [
        preflight("https://evil.example", "content-type"),
        preflight("https://autosalon.example.kg/", "content-type"),
        preflight(AUTOSALON_ORIGIN, "content-type, x-secret"),
    ] {
        let answer = send(&app.router, Method::OPTIONS, PATH, None, &refused, None).await;
        let cors: Vec<_> = answer
            .headers
            .keys()
            .filter(|name| name.as_str().starts_with("access-control-"))
            .collect();
        assert!(cors.is_empty(), "{refused:?}: {cors:?}");
    }
    let other_path = send(
        &app.router,
        Method::OPTIONS,
        "/api/v1/orders",
        None,
        &allowed,
        None,
    )
    .await;
    assert_eq!(
        header(&other_path, "access-control-allow-origin"),
        None,
        "this endpoint only"
    );
}

async fn a_dealer_lists_and_updates_only_its_partners_requests(app: TestApp) {
    let router = roomy(&app);
    for model in ["cobalt", "onix"] {
        let answer = submit(&router, form(&app, AUTOSALON, model).await).await;
        assert_eq!(answer.status, StatusCode::CREATED);
    }
    let leasing = [("origin", LEASING_ORIGIN)];
    let body = form(&app, LEASING, "damas").await;
    let answer = send(&router, Method::POST, PATH, None, &leasing, Some(body)).await;
    let leasing_id = answer.json()["id"].as_i64().expect("an id");
    let (dealer1, dealer2) = (app.login("dealer1").await, app.login("dealer2").await);
    let list = app.get(PATH, Some(&dealer1)).await.json();
    let requests = list["requests"].as_array().expect("requests");
    let models: Vec<&str> = requests
        .iter()
        .filter_map(|r| r["model"].as_str())
        .collect();
    assert_eq!(
        models,
        ["onix", "cobalt"],
        "newest first, own partners only"
    );
    assert_eq!(requests[0]["status"], "new");
    assert_eq!(requests[0]["partner_name"], "Autosalon.kg");
    assert_eq!(requests[0]["contact"], "+996 555 123 456");
    let own = requests[0]["id"].as_i64().expect("an id");
    let answer = patch(&app, own, "contacted", &dealer1).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    assert_eq!(answer.json()["status"], "contacted");
    let not_found = StatusCode::NOT_FOUND;
    assert_eq!(patch(&app, own, "closed", &dealer2).await.status, not_found);
    assert_eq!(
        patch(&app, leasing_id, "closed", &dealer1).await.status,
        not_found
    );
    assert_eq!(
        patch(&app, own + 1000, "closed", &dealer1).await.status,
        not_found
    );
    let bad = patch(&app, own, "done", &dealer1).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.error_fields(), ["status"]);
    let list = app.get(PATH, Some(&dealer1)).await.json();
    assert_eq!(
        list["requests"][0]["status"], "contacted",
        "unchanged by the refusals"
    );
    let theirs = app.get(PATH, Some(&dealer2)).await.json();
    assert_eq!(theirs["requests"].as_array().map(Vec::len), Some(1));
    assert_eq!(theirs["requests"][0]["status"], "new");
    let planner = app.login("planner").await;
    assert_eq!(
        app.get(PATH, Some(&planner)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.get(PATH, None).await.status, StatusCode::UNAUTHORIZED);
    let not_an_id = app
        .call(
            Method::PATCH,
            &format!("{PATH}/abc"),
            Some(&dealer1),
            &[],
            Some(json!({ "status": "new" })),
        )
        .await;
    assert_eq!(not_an_id.status, StatusCode::NOT_FOUND);
}

/// `PATCH /quote-requests/{id}` with `status` as the dealer of `cookie`.
async fn patch(app: &TestApp, id: i64, status: &str, cookie: &str) -> Answer {
    let body = json!({ "status": status });
    app.call(
        Method::PATCH,
        &format!("{PATH}/{id}"),
        Some(cookie),
        &[],
        Some(body),
    )
    .await
}

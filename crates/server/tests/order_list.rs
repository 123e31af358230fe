//! `GET /api/v1/orders` a page at a time on both backends: walking the pages, who sees what,
//! the `status` and `month` filters, and every bad parameter named.

mod support;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use support::TestApp;

on_both_backends!(
    walking_the_pages_gives_every_order_once_newest_first,
    orders_placed_while_walking_do_not_shift_the_pages,
    a_dealer_never_sees_another_dealerships_orders_on_any_page,
    orders_are_filtered_by_status_and_build_month,
    each_bad_parameter_is_refused_naming_it,
);

/// Ids of the orders placed by [`place_orders`], oldest first, with their dealer.
struct Placed {
    dealer1: Vec<i64>,
    dealer2: Vec<i64>,
    /// The order of dealer1 that was cancelled.
    cancelled: i64,
    /// The order of dealer1 with a line built in 2027-03 and one in 2027-04.
    both_months: i64,
}

impl Placed {
    /// Every id, newest first.
    fn all_newest_first(&self) -> Vec<i64> {
        let mut all: Vec<i64> = self.dealer1.iter().chain(&self.dealer2).copied().collect();
        all.sort_unstable_by(|a, b| b.cmp(a));
        all
    }
}

async fn line(app: &TestApp, model: &str) -> Value {
    json!({ "code": app.default_code(model).await, "quantity": 1 })
}

/// Places one order and returns its id.
async fn place(app: &TestApp, cookie: &str, key: &str, lines: Vec<Value>) -> i64 {
    let answer = app
        .order(cookie, key, json!({ "market": "KG", "lines": lines }))
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text());
    answer.json()["id"].as_i64().expect("an id")
}

/// Seven orders in 2027-01, the two dealerships taking turns: cobalts (and onixes) are built in
/// 2027-03, NQR buses in 2027-04; one of dealer1's is cancelled.
async fn place_orders(app: &TestApp) -> Placed {
    let dealer1 = app.login("dealer1").await;
    let dealer2 = app.login("dealer2").await;
    let (cobalt, onix, bus) = (
        line(app, "cobalt").await,
        line(app, "onix").await,
        line(app, "nqr-school").await,
    );
    let mut placed = Placed {
        dealer1: Vec::new(),
        dealer2: Vec::new(),
        cancelled: 0,
        both_months: 0,
    };
    placed
        .dealer1
        .push(place(app, &dealer1, "a1", vec![cobalt.clone()]).await);
    placed
        .dealer2
        .push(place(app, &dealer2, "b1", vec![onix.clone()]).await);
    placed.cancelled = place(app, &dealer1, "a2", vec![bus.clone()]).await;
    placed.dealer1.push(placed.cancelled);
    placed
        .dealer2
        .push(place(app, &dealer2, "b2", vec![bus.clone()]).await);
    placed.both_months = place(app, &dealer1, "a3", vec![cobalt.clone(), bus.clone()]).await;
    placed.dealer1.push(placed.both_months);
    placed
        .dealer1
        .push(place(app, &dealer1, "a4", vec![bus]).await);
    placed
        .dealer2
        .push(place(app, &dealer2, "b3", vec![onix]).await);
    let path = format!("/api/v1/orders/{}/cancel", placed.cancelled);
    let cancel = app
        .call(Method::POST, &path, Some(&dealer1), &[], None)
        .await;
    assert_eq!(cancel.status, StatusCode::OK, "{}", cancel.text());
    placed
}

/// The ids of a page and its `next_cursor`.
fn page_of(answer: &support::Answer) -> (Vec<i64>, Option<String>) {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let json = answer.json();
    let ids = json["orders"]
        .as_array()
        .expect("orders")
        .iter()
        .map(|order| order["id"].as_i64().expect("an id"))
        .collect();
    let next = match &json["next_cursor"] {
        Value::Null => None,
        Value::String(cursor) => Some(cursor.clone()),
        other => panic!("next_cursor: {other}"),
    };
    (ids, next)
}

/// Walks every page of `GET /api/v1/orders?{query}`; returns each page's ids.
async fn walk(app: &TestApp, cookie: &str, query: &str) -> Vec<Vec<i64>> {
    let mut pages = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            None => format!("/api/v1/orders?{query}"),
            Some(cursor) => format!("/api/v1/orders?{query}&cursor={cursor}"),
        };
        let (ids, next) = page_of(&app.get(&path, Some(cookie)).await);
        pages.push(ids);
        match next {
            None => return pages,
            Some(next) => cursor = Some(next),
        }
        assert!(pages.len() < 50, "the pages never end");
    }
}

async fn walking_the_pages_gives_every_order_once_newest_first(app: TestApp) {
    let placed = place_orders(&app).await;
    let planner = app.login("planner").await;
    let pages = walk(&app, &planner, "limit=2").await;
    let sizes: Vec<usize> = pages.iter().map(Vec::len).collect();
    assert_eq!(sizes, [2, 2, 2, 1]);
    assert_eq!(pages.concat(), placed.all_newest_first());
    // A last page that is exactly full says there is no next one.
    let dealer1 = app.login("dealer1").await;
    let pages = walk(&app, &dealer1, "limit=2").await;
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [2, 2]);
    // Without `limit`, one page of up to 50.
    let (ids, next) = page_of(&app.get("/api/v1/orders", Some(&planner)).await);
    assert_eq!((ids, next), (placed.all_newest_first(), None));
    let (ids, next) = page_of(&app.get("/api/v1/orders?limit=200", Some(&planner)).await);
    assert_eq!((ids.len(), next), (7, None));
    // The pages carry whole orders, lines and build months included.
    let (ids, _) = page_of(&app.get("/api/v1/orders?limit=1", Some(&planner)).await);
    let one = app
        .get(&format!("/api/v1/orders/{}", ids[0]), Some(&planner))
        .await
        .json();
    let page = app
        .get("/api/v1/orders?limit=1", Some(&planner))
        .await
        .json();
    assert_eq!(page["orders"], json!([one]));
}

async fn orders_placed_while_walking_do_not_shift_the_pages(app: TestApp) {
    let placed = place_orders(&app).await;
    let planner = app.login("planner").await;
    let dealer2 = app.login("dealer2").await;
    let (mut seen, mut cursor) = page_of(&app.get("/api/v1/orders?limit=3", Some(&planner)).await);
    // Two orders arrive after the first page: newer than it, so not on the pages that follow.
    let cobalt = line(&app, "cobalt").await;
    let new1 = place(&app, &dealer2, "late-1", vec![cobalt.clone()]).await;
    let new2 = place(&app, &dealer2, "late-2", vec![cobalt]).await;
    while let Some(next) = cursor {
        let path = format!("/api/v1/orders?limit=3&cursor={next}");
        let (ids, following) = page_of(&app.get(&path, Some(&planner)).await);
        seen.extend(ids);
        cursor = following;
    }
    assert_eq!(seen, placed.all_newest_first());
    let (first, _) = page_of(&app.get("/api/v1/orders?limit=3", Some(&planner)).await);
    assert_eq!(first[..2], [new2, new1], "a fresh walk starts with them");
}

async fn a_dealer_never_sees_another_dealerships_orders_on_any_page(app: TestApp) {
    let placed = place_orders(&app).await;
    let dealer1 = app.login("dealer1").await;
    let dealer2 = app.login("dealer2").await;
    let mut mine = placed.dealer2.clone();
    mine.reverse();
    let pages = walk(&app, &dealer2, "limit=1").await;
    assert_eq!(pages.concat(), mine);
    let mut mine = placed.dealer1.clone();
    mine.reverse();
    let pages = walk(&app, &dealer1, "limit=2").await;
    assert_eq!(pages.concat(), mine);
    let dealerships: Vec<Value> = app.get("/api/v1/orders", Some(&dealer2)).await.json()["orders"]
        .as_array()
        .expect("orders")
        .iter()
        .map(|order| order["dealership"].clone())
        .collect();
    assert_eq!(dealerships, vec![json!("Osh Motors"); 3]);
    // A cursor from a planner's walk does not widen a dealer's view.
    let planner = app.login("planner").await;
    let (_, cursor) = page_of(&app.get("/api/v1/orders?limit=1", Some(&planner)).await);
    let cursor = cursor.expect("more pages");
    let path = format!("/api/v1/orders?cursor={cursor}");
    let (ids, _) = page_of(&app.get(&path, Some(&dealer1)).await);
    assert!(ids.iter().all(|id| placed.dealer1.contains(id)), "{ids:?}");
}

async fn orders_are_filtered_by_status_and_build_month(app: TestApp) {
    let placed = place_orders(&app).await;
    let planner = app.login("planner").await;
    let ids = |query: &'static str| {
        let (app, planner) = (&app, &planner);
        async move { walk(app, planner, query).await.concat() }
    };
    assert_eq!(ids("status=cancelled").await, [placed.cancelled]);
    let placed_only: Vec<i64> = placed
        .all_newest_first()
        .into_iter()
        .filter(|&id| id != placed.cancelled)
        .collect();
    assert_eq!(ids("status=placed&limit=2").await, placed_only);
    // 2027-03: the cobalts and onixes; 2027-04: the buses, the cancelled one included.
    let (d1, d2) = (&placed.dealer1, &placed.dealer2);
    assert_eq!(
        ids("month=2027-03&limit=1").await,
        [d2[2], d1[2], d2[0], d1[0]]
    );
    assert_eq!(ids("month=2027-04").await, [d1[3], d1[2], d2[1], d1[1]]);
    assert_eq!(
        ids("month=2027-04&status=placed&limit=2").await,
        [d1[3], placed.both_months, d2[1]]
    );
    let empty = app
        .get("/api/v1/orders?month=2030-01", Some(&planner))
        .await;
    assert_eq!(page_of(&empty), (Vec::new(), None));
    // A dealer's filter stays within the dealership.
    let dealer2 = app.login("dealer2").await;
    let path = "/api/v1/orders?month=2027-04";
    assert_eq!(page_of(&app.get(path, Some(&dealer2)).await).0, [d2[1]]);
}

async fn each_bad_parameter_is_refused_naming_it(app: TestApp) {
    place_orders(&app).await;
    let dealer = app.login("dealer1").await;
    let cases: [(&str, &[&str]); 17] = [
        ("limit=0", &["limit"]),
        ("limit=201", &["limit"]),
        ("limit=-1", &["limit"]),
        ("limit=ten", &["limit"]),
        ("limit=", &["limit"]),
        ("limit=99999999999", &["limit"]),
        ("cursor=abc", &["cursor"]),
        ("cursor=42", &["cursor"]),
        ("cursor=", &["cursor"]),
        ("status=open", &["status"]),
        ("status=PLACED", &["status"]),
        ("month=2027-13", &["month"]),
        ("month=2027-4", &["month"]),
        ("month=", &["month"]),
        ("page=2", &["page"]),
        ("limit=5&sort=id", &["sort"]),
        ("limit=0&status=x&month=y", &["limit", "month", "status"]),
    ];
    for (query, fields) in cases {
        let answer = app
            .get(&format!("/api/v1/orders?{query}"), Some(&dealer))
            .await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}: {}",
            answer.text()
        );
        assert_eq!(answer.error_fields(), fields, "{query}");
    }
    let answer = app.get("/api/v1/orders?limit=500", Some(&dealer)).await;
    assert_eq!(
        answer.json()["error"]["fields"]["limit"],
        json!(["expected 1 to 200 orders per page, got `500`"])
    );
    let answer = app.get("/api/v1/orders?status=open", Some(&dealer)).await;
    assert_eq!(
        answer.json()["error"]["message"],
        "status: unknown value `open`: expected one of `placed`, `cancelled`"
    );
    let answer = app.get("/api/v1/orders?page=2", Some(&dealer)).await;
    assert_eq!(
        answer.json()["error"]["fields"]["page"],
        json!(["unknown parameter: expected `limit`, `cursor`, `status` and `month`"])
    );
    // Logging in comes first.
    let anonymous = app.get("/api/v1/orders?limit=0", None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    for query in [
        "limit=1",
        "limit=200",
        "status=placed",
        "status=cancelled",
        "month=2027-03",
    ] {
        let answer = app
            .get(&format!("/api/v1/orders?{query}"), Some(&dealer))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{query}: {}", answer.text());
    }
}

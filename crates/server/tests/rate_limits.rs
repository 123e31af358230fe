//! The rate limits in the database (`store::rate_limits`) through the sign-in and quote-request
//! throttles, on each database, at instants the test chooses: free failures then doubling waits
//! (capped) per username and address and per address, a success taking its attempt back,
//! failures forgotten after an hour, quotas per window per address and per partner, a refused
//! attempt counting for none of its keys, two instances racing on one database never both
//! slipping under a limit, expired and surplus rows swept, and a database that cannot count
//! refusing rather than letting attempts through.

mod support;

use std::{net::IpAddr, sync::Arc, time::Duration};

use axum::http::StatusCode;
use configurator_server::{
    auth::throttle::LoginThrottle,
    db::Database,
    partners::PartnerId,
    quote_requests::throttle::{Quotas, QuoteRequestThrottle},
    store::rate_limits::{self, Limit, Refusal, Rule},
};
use serde_json::json;
use sqlx::AnyPool;
use support::TestApp;

on_both_backends!(
    sign_in_waits_grow_after_the_free_failures,
    sign_in_waits_double_up_to_five_minutes,
    a_guesser_does_not_lock_the_user_out_of_another_address,
    attempts_count_before_their_outcome_is_known,
    one_address_cannot_try_many_accounts,
    a_success_takes_its_attempt_back,
    failures_are_forgotten_an_hour_after_the_latest,
    each_address_and_each_partner_has_its_quota,
    a_window_allows_its_quota_then_waits_until_it_ends,
    a_refused_request_counts_for_neither_quota,
    racing_instances_cannot_both_slip_under_a_limit,
    a_sweep_deletes_expired_rows_then_the_oldest,
    an_instances_first_attempt_sweeps_expired_rows,
    a_database_that_cannot_count_refuses_with_503,
);

const GUESSER: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(203, 0, 113, 7));
const DEALER: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(198, 51, 100, 20));
/// 2027-01-15T08:00:00Z in milliseconds since the Unix epoch.
const T0: i64 = 1_800_000_000_000;

fn secs(seconds: i64) -> i64 {
    seconds * 1000
}

/// The wait of a refused attempt; panics on anything else.
fn waited(outcome: Result<(), Refusal>) -> Duration {
    match outcome {
        Err(Refusal::Wait(wait)) => wait,
        other => panic!("expected a wait, got {other:?}"),
    }
}

/// Panics unless the attempt went ahead.
fn went(outcome: Result<(), Refusal>) {
    if let Err(refusal) = outcome {
        panic!("expected to go, got {refusal:?}");
    }
}

fn pool(app: &TestApp) -> &AnyPool {
    &app.state.db.pool
}

async fn rows(pool: &AnyPool, name: &str) -> Vec<String> {
    sqlx::query_as("SELECT key FROM rate_limits WHERE name = $1 ORDER BY key")
        .bind(name)
        .fetch_all(pool)
        .await
        .expect("the rows")
        .into_iter()
        .map(|(key,): (String,)| key)
        .collect()
}

async fn sign_in_waits_grow_after_the_free_failures(app: TestApp) {
    let (throttle, pool) = (LoginThrottle::default(), pool(&app));
    for _ in 0..2 {
        went(throttle.begin(pool, "dealer1", GUESSER, T0).await);
    }
    went(throttle.begin(pool, "Dealer1 ", GUESSER, T0).await);
    let wait = waited(throttle.begin(pool, "dealer1", GUESSER, T0).await);
    assert_eq!(wait, Duration::from_secs(1));
    let later = T0 + secs(1);
    went(throttle.begin(pool, "dealer1", GUESSER, later).await);
    let wait = waited(throttle.begin(pool, "dealer1", GUESSER, later).await);
    assert_eq!(wait, Duration::from_secs(2));
    let half_way = later + secs(1);
    let wait = waited(throttle.begin(pool, "dealer1", GUESSER, half_way).await);
    assert_eq!(
        wait,
        Duration::from_secs(1),
        "counted from the latest attempt"
    );
    went(throttle.begin(pool, "dealer2", GUESSER, later).await);
    throttle
        .succeeded(pool, "dealer1", GUESSER)
        .await
        .expect("taken back");
    went(throttle.begin(pool, "dealer1", GUESSER, later).await);
}

async fn sign_in_waits_double_up_to_five_minutes(app: TestApp) {
    let (throttle, pool) = (LoginThrottle::default(), pool(&app));
    let mut now = T0;
    for _ in 0..3 {
        went(throttle.begin(pool, "dealer1", GUESSER, now).await);
    }
    let mut waits = Vec::new();
    for _ in 0..12 {
        let wait = waited(throttle.begin(pool, "dealer1", GUESSER, now).await);
        waits.push(wait.as_secs());
        now += i64::try_from(wait.as_millis()).expect("a wait");
        went(throttle.begin(pool, "dealer1", GUESSER, now).await);
    }
    assert_eq!(waits, [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
}

async fn a_guesser_does_not_lock_the_user_out_of_another_address(app: TestApp) {
    let (throttle, pool) = (LoginThrottle::default(), pool(&app));
    for _ in 0..10 {
        let _ = throttle.begin(pool, "dealer1", GUESSER, T0).await;
    }
    waited(throttle.begin(pool, "dealer1", GUESSER, T0).await);
    went(throttle.begin(pool, "dealer1", DEALER, T0).await);
}

async fn attempts_count_before_their_outcome_is_known(app: TestApp) {
    // Guesses under way at once: none has finished, yet the fourth must wait.
    let (throttle, pool) = (LoginThrottle::default(), pool(&app));
    let mut passed = 0;
    for _ in 0..50 {
        passed += u32::from(throttle.begin(pool, "dealer1", GUESSER, T0).await.is_ok());
    }
    assert_eq!(passed, 3);
}

async fn one_address_cannot_try_many_accounts(app: TestApp) {
    let (throttle, pool) = (LoginThrottle::default(), pool(&app));
    for n in 0..100 {
        went(throttle.begin(pool, &format!("user{n}"), GUESSER, T0).await);
    }
    let wait = waited(throttle.begin(pool, "user100", GUESSER, T0).await);
    assert_eq!(wait, Duration::from_secs(1));
    went(throttle.begin(pool, "dealer1", DEALER, T0).await);
    assert_eq!(
        rows(pool, "sign-in-user").await.len(),
        101,
        "the refused attempt counted for no username"
    );
}

async fn a_success_takes_its_attempt_back(app: TestApp) {
    let (throttle, pool) = (LoginThrottle::default(), pool(&app));
    for _ in 0..150 {
        went(throttle.begin(pool, "dealer1", DEALER, T0).await);
        throttle
            .succeeded(pool, "dealer1", DEALER)
            .await
            .expect("taken back");
    }
    assert!(rows(pool, "sign-in-user").await.is_empty());
    assert!(rows(pool, "sign-in-address").await.is_empty());
}

async fn failures_are_forgotten_an_hour_after_the_latest(app: TestApp) {
    let (throttle, pool) = (LoginThrottle::default(), pool(&app));
    for _ in 0..3 {
        went(throttle.begin(pool, "dealer1", GUESSER, T0).await);
    }
    let almost = T0 + secs(3600) - 1;
    waited(
        throttle
            .begin(pool, "dealer1", GUESSER, T0 + secs(1) - 1)
            .await,
    );
    went(throttle.begin(pool, "dealer1", GUESSER, almost).await);
    let forgotten = almost + secs(3600);
    for _ in 0..3 {
        went(throttle.begin(pool, "dealer1", GUESSER, forgotten).await);
    }
    let wait = waited(throttle.begin(pool, "dealer1", GUESSER, forgotten).await);
    assert_eq!(wait, Duration::from_secs(1), "three free failures again");
}

fn partner(id: &str) -> PartnerId {
    PartnerId::try_from(id.to_owned()).expect("an id")
}

async fn each_address_and_each_partner_has_its_quota(app: TestApp) {
    let throttle = QuoteRequestThrottle::new(Quotas {
        per_address: 2,
        per_partner: 3,
        window: Duration::from_secs(60),
    });
    let pool = pool(&app);
    let (a, b) = (partner("a"), partner("b"));
    went(throttle.begin(pool, GUESSER, Some(&a), T0).await);
    went(throttle.begin(pool, GUESSER, Some(&a), T0).await);
    let wait = waited(throttle.begin(pool, GUESSER, Some(&b), T0).await);
    assert_eq!(
        wait,
        Duration::from_secs(60),
        "the address's, whatever the partner"
    );
    went(throttle.begin(pool, DEALER, Some(&a), T0).await);
    let later = T0 + secs(20);
    let wait = waited(throttle.begin(pool, DEALER, Some(&a), later).await);
    assert_eq!(
        wait,
        Duration::from_secs(40),
        "the partner's, whatever the address"
    );
    went(throttle.begin(pool, DEALER, Some(&b), later).await);
    went(throttle.begin(pool, GUESSER, None, T0 + secs(60)).await);
}

async fn a_window_allows_its_quota_then_waits_until_it_ends(app: TestApp) {
    let throttle = QuoteRequestThrottle::new(Quotas {
        per_address: 2,
        per_partner: 100,
        window: Duration::from_secs(600),
    });
    let pool = pool(&app);
    for _ in 0..2 {
        went(throttle.begin(pool, GUESSER, None, T0).await);
    }
    let later = T0 + secs(100);
    let wait = waited(throttle.begin(pool, GUESSER, None, later).await);
    assert_eq!(wait, Duration::from_secs(500));
    went(throttle.begin(pool, DEALER, None, later).await);
    let next_window = T0 + secs(600);
    went(throttle.begin(pool, GUESSER, None, next_window).await);
    went(
        throttle
            .begin(pool, GUESSER, None, next_window + secs(1))
            .await,
    );
    let wait = waited(
        throttle
            .begin(pool, GUESSER, None, next_window + secs(1))
            .await,
    );
    assert_eq!(wait, Duration::from_secs(599), "a new window, begun afresh");
}

async fn a_refused_request_counts_for_neither_quota(app: TestApp) {
    let throttle = QuoteRequestThrottle::new(Quotas {
        per_address: 2,
        per_partner: 3,
        window: Duration::from_secs(600),
    });
    let pool = pool(&app);
    let (a, b) = (partner("a"), partner("b"));
    for _ in 0..2 {
        went(throttle.begin(pool, GUESSER, Some(&a), T0).await);
    }
    for _ in 0..5 {
        waited(throttle.begin(pool, GUESSER, Some(&a), T0).await);
    }
    went(throttle.begin(pool, DEALER, Some(&a), T0).await);
    let third = IpAddr::from([192, 0, 2, 1]);
    for _ in 0..5 {
        waited(throttle.begin(pool, third, Some(&a), T0).await);
    }
    went(throttle.begin(pool, third, Some(&b), T0).await);
    went(throttle.begin(pool, third, Some(&b), T0).await);
    waited(throttle.begin(pool, third, Some(&b), T0).await);
}

/// 40 attempts of one address at once, split over two instances (each its own pool and
/// throttle) on one database: exactly the quota goes ahead; the same for 30 guesses of one user.
async fn racing_instances_cannot_both_slip_under_a_limit(app: TestApp) {
    let other = Database::open(&app.url).await.expect("a second pool");
    let quotes = [
        Arc::new(QuoteRequestThrottle::default()),
        Arc::new(QuoteRequestThrottle::default()),
    ];
    let logins = [
        Arc::new(LoginThrottle::default()),
        Arc::new(LoginThrottle::default()),
    ];
    let pools = [pool(&app).clone(), other.pool.clone()];
    let tasks: Vec<_> = (0..40)
        .map(|n| {
            let (throttle, pool) = (quotes[n % 2].clone(), pools[n % 2].clone());
            tokio::spawn(async move { throttle.begin(&pool, GUESSER, None, T0).await })
        })
        .collect();
    let mut passed = 0;
    for task in tasks {
        match task.await.expect("an attempt") {
            Ok(()) => passed += 1,
            Err(Refusal::Wait(_)) => {}
            Err(error) => panic!("{error}"),
        }
    }
    assert_eq!(passed, Quotas::default().per_address);
    let tasks: Vec<_> = (0..30)
        .map(|n| {
            let (throttle, pool) = (logins[n % 2].clone(), pools[n % 2].clone());
            tokio::spawn(async move { throttle.begin(&pool, "dealer1", GUESSER, T0).await })
        })
        .collect();
    let mut guessed = 0;
    for task in tasks {
        match task.await.expect("an attempt") {
            Ok(()) => guessed += 1,
            Err(Refusal::Wait(_)) => {}
            Err(error) => panic!("{error}"),
        }
    }
    assert_eq!(guessed, 3);
    other.pool.close().await;
}

async fn a_sweep_deletes_expired_rows_then_the_oldest(app: TestApp) {
    let window = Duration::from_secs(60);
    let limit = Limit::new("quote-address", Rule::PerWindow { quota: 5, window });
    let throttle = QuoteRequestThrottle::new(Quotas {
        per_address: 5,
        per_partner: 5,
        window,
    });
    let pool = pool(&app);
    went(throttle.begin(pool, GUESSER, None, T0).await);
    let ends = T0 + secs(60);
    for host in 1..=5u8 {
        let address = IpAddr::from([10, 0, 0, host]);
        went(
            throttle
                .begin(pool, address, None, ends + i64::from(host))
                .await,
        );
    }
    let deleted = rate_limits::sweep(pool, &limit, ends + 5, 3)
        .await
        .expect("swept");
    assert_eq!(deleted, 3, "the expired one, then the two oldest");
    assert_eq!(
        rows(pool, "quote-address").await,
        ["10.0.0.3", "10.0.0.4", "10.0.0.5"]
    );
}

async fn an_instances_first_attempt_sweeps_expired_rows(app: TestApp) {
    let pool = pool(&app);
    let before = LoginThrottle::default();
    went(before.begin(pool, "dealer1", GUESSER, T0).await);
    let restarted = LoginThrottle::default();
    let forgotten = T0 + secs(3600);
    went(restarted.begin(pool, "dealer2", DEALER, forgotten).await);
    assert_eq!(rows(pool, "sign-in-user").await, ["198.51.100.20 dealer2"]);
    assert_eq!(rows(pool, "sign-in-address").await, ["198.51.100.20"]);
}

/// Without its table the database cannot count: the throttles refuse, sign-in and quote requests
/// answer `503`, and no request is stored.
async fn a_database_that_cannot_count_refuses_with_503(app: TestApp) {
    let code = app.default_code("cobalt").await;
    sqlx::query("DROP TABLE rate_limits")
        .execute(pool(&app))
        .await
        .expect("dropped");
    let refusal = LoginThrottle::default()
        .begin(pool(&app), "dealer1", DEALER, T0)
        .await;
    assert!(matches!(refusal, Err(Refusal::Database(_))), "{refusal:?}");
    let login = json!({ "username": "dealer1", "password": "demo" });
    let answer = app.post("/api/v1/session", None, login).await;
    assert_eq!(
        answer.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        answer.text()
    );
    assert_eq!(answer.json()["error"]["code"], "unavailable");
    let form = json!({
        "partner": "autosalon-kg",
        "name": "Aida Sydykova",
        "contact": "+996 555 123 456",
        "code": code,
        "quantity": 1,
        "message": "",
    });
    let answer = app.post("/api/v1/quote-requests", None, form).await;
    assert_eq!(
        answer.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        answer.text()
    );
    assert_eq!(app.count("quote_requests").await, 0);
}

//! The rate limits hold across server processes: two real servers on one database (a SQLite file,
//! and PostgreSQL with `TEST_DATABASE_URL`) count against the same quotas, so a client gets one
//! quota, not one per instance. Both run with one fixed clock (`FIXED_CLOCK`), so no wait elapses
//! while the test runs and every `Retry-After` is exact. Every request comes from 127.0.0.1.

#[path = "support/pg.rs"]
mod pg;
mod process;

use process::{Launch, Server, db::TestDb, http};
use serde_json::json;

on_both_databases!(
    the_quote_request_quota_per_address_is_shared,
    sign_in_failures_are_counted_across_instances,
);

/// The instant both servers' clocks are stopped at.
const NOW: &str = "2027-03-01T09:00:00Z";

/// Servers `a` and `b` on the test's database, their clocks stopped at [`NOW`].
async fn two_servers(db: &TestDb) -> (Server, Server) {
    let launch = Launch {
        env: vec![("FIXED_CLOCK".to_owned(), NOW.to_owned())],
        ..Launch::default()
    };
    let start = |name| {
        let launch = launch.clone();
        async move {
            Server::launch(launch, name, &db.url, db.folder.path())
                .await
                .unwrap_or_else(|error| panic!("{error}"))
        }
    };
    (start("a").await, start("b").await)
}

/// 10 quote requests (the quota per address) alternating between the two servers are stored;
/// the 11th is refused on either with `429` and `Retry-After: 600` (the whole window: the clock
/// stands still), and nothing more is stored.
async fn the_quote_request_quota_per_address_is_shared(db: TestDb) {
    let (a, b) = two_servers(&db).await;
    let body = json!({
        "partner": "autosalon-kg",
        "name": "Aida Sydykova",
        "contact": "+996 555 123 456",
        "code": a.default_code("cobalt").await,
        "quantity": 1,
        "message": "",
    });
    let request = http::encode("POST", "/api/v1/quote-requests", &[], Some(&body));
    for (n, server) in [&a, &b].iter().cycle().take(10).enumerate() {
        let reply = http::send(server.addr, &request).await.expect("an answer");
        assert_eq!(
            reply.status,
            201,
            "request {n} to {}: {}",
            server.name,
            reply.text()
        );
    }
    for server in [&a, &b] {
        let reply = http::send(server.addr, &request).await.expect("an answer");
        assert_eq!(reply.status, 429, "{}: {}", server.name, reply.text());
        assert_eq!(reply.header("retry-after"), Some("600"), "{}", server.name);
    }
    let pool = db.pool().await;
    assert_eq!(process::db::count(&pool, "quote_requests").await, 10);
    pool.close().await;
    eprintln!(
        "{}: 10 quote requests over two servers stored, the 11th refused on each",
        db.url
    );
}

/// Three wrong passwords of `dealer2` alternating between the servers are checked (`401`); the
/// fourth attempt, even with the right password, waits on either (`429`, `Retry-After: 1`), and
/// `dealer1` still signs in on both.
async fn sign_in_failures_are_counted_across_instances(db: TestDb) {
    let (a, b) = two_servers(&db).await;
    for (n, server) in [&a, &b, &a].into_iter().enumerate() {
        let reply = server.try_login("dealer2", "a wrong guess").await;
        assert_eq!(
            reply.status,
            401,
            "guess {n} on {}: {}",
            server.name,
            reply.text()
        );
    }
    for server in [&b, &a] {
        let reply = server.try_login("dealer2", "demo").await;
        assert_eq!(reply.status, 429, "{}: {}", server.name, reply.text());
        assert_eq!(reply.header("retry-after"), Some("1"), "{}", server.name);
    }
    for server in [&a, &b] {
        server.login("dealer1").await;
    }
    eprintln!(
        "{}: 3 failures over two servers, the 4th refused on each",
        db.url
    );
}

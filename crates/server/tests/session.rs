//! Logging in and out through the router: cookies, wrong passwords, throttling by username and
//! client address, timing that does not reveal users, refused fields, the password policy, and
//! password hashing that does not stall other requests.

use std::{net::SocketAddr, time::Instant};

use axum::{
    Router,
    body::Body,
    extract::ConnectInfo,
    http::{Request, StatusCode, header},
};
use configurator_server::{
    auth::accounts,
    db::Database,
    http::{AppState, app},
};
use http_body_util::BodyExt as _;
use tower::ServiceExt as _;

async fn test_app() -> (Router, tempfile::TempDir) {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", folder.path().join("session.db").display());
    let db = Database::open(&url).await.expect("open the database");
    accounts::seed_demo(&db.pool).await.expect("seed");
    (app(AppState::new(db, folder.path().join("dist"))), folder)
}

/// Sends a request; returns status, the `Set-Cookie` header and the JSON body.
async fn send(
    app: &Router,
    method: &str,
    body: Option<&str>,
    cookie: Option<&str>,
) -> (StatusCode, Option<String>, serde_json::Value) {
    send_from(app, None, method, body, cookie).await
}

/// [`send`] from the client address `from`, as the server's socket would tell it.
async fn send_from(
    app: &Router,
    from: Option<[u8; 4]>,
    method: &str,
    body: Option<&str>,
    cookie: Option<&str>,
) -> (StatusCode, Option<String>, serde_json::Value) {
    let mut request = Request::builder().method(method).uri("/api/v1/session");
    if let Some(address) = from {
        request = request.extension(ConnectInfo(SocketAddr::from((address, 40000))));
    }
    if body.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let request = request
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_owned())))
        .expect("request");
    let response = app.clone().oneshot(request).await.expect("response");
    let status = response.status();
    let set_cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null);
    (status, set_cookie, json)
}

fn login_body(username: &str, password: &str) -> String {
    serde_json::json!({ "username": username, "password": password }).to_string()
}

#[tokio::test]
async fn login_sets_a_strict_http_only_cookie_that_identifies_the_dealer() {
    let (app, _folder) = test_app().await;
    let (status, set_cookie, json) =
        send(&app, "POST", Some(&login_body("dealer1", "demo")), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["username"], "dealer1");
    assert_eq!(json["role"], "dealer");
    assert_eq!(json["dealership"], "Bishkek Auto Center");
    let set_cookie = set_cookie.expect("a cookie");
    assert!(set_cookie.contains("HttpOnly"), "{set_cookie}");
    assert!(set_cookie.contains("SameSite=Strict"), "{set_cookie}");
    let cookie = set_cookie.split(';').next().expect("name=value").to_owned();

    let (status, _, json) = send(&app, "GET", None, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["username"], "dealer1");

    let (status, set_cookie, _) = send(&app, "DELETE", None, Some(&cookie)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(set_cookie.expect("a clearing cookie").contains("Max-Age=0"));
    let (status, _, json) = send(&app, "GET", None, Some(&cookie)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the session ended");
    assert_eq!(json["error"]["code"], "unauthorized");
}

#[tokio::test]
async fn no_cookie_or_a_forged_one_is_401() {
    let (app, _folder) = test_app().await;
    assert_eq!(
        send(&app, "GET", None, None).await.0,
        StatusCode::UNAUTHORIZED
    );
    let forged = send(&app, "GET", None, Some("session=00ff")).await;
    assert_eq!(forged.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn wrong_passwords_are_401_then_slowed_down_with_429() {
    let (app, _folder) = test_app().await;
    for _ in 0..3 {
        let (status, cookie, json) =
            send(&app, "POST", Some(&login_body("dealer2", "guess")), None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(json["error"]["message"], "wrong username or password");
        assert!(cookie.is_none());
    }
    let (status, _, json) = send(&app, "POST", Some(&login_body("dealer2", "demo")), None).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert_eq!(json["error"]["code"], "too_many_requests");
    let (status, _, _) = send(&app, "POST", Some(&login_body("dealer1", "demo")), None).await;
    assert_eq!(status, StatusCode::OK, "other users are not slowed");
}

#[tokio::test]
async fn an_unknown_user_gets_the_same_answer_as_a_wrong_password() {
    let (app, _folder) = test_app().await;
    let (status, _, json) = send(&app, "POST", Some(&login_body("nobody", "demo")), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(json["error"]["message"], "wrong username or password");
}

#[tokio::test]
async fn bad_login_bodies_name_the_field() {
    let (app, _folder) = test_app().await;
    let (status, _, json) = send(&app, "POST", Some(r#"{"username":"dealer1"}"#), None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        json["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("password")
    );
    let body = r#"{"username":"dealer1","password":"demo","role":"planner"}"#;
    let (status, _, json) = send(&app, "POST", Some(body), None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json["error"]["fields"]["role"].is_array(), "{json}");
    let (status, _, _) = send(&app, "POST", Some("{not json"), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn accounts_refuse_duplicates_and_dealers_without_dealership() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", folder.path().join("a.db").display());
    let db = Database::open(&url).await.expect("open");
    let user = accounts::NewUser {
        username: "alice",
        password: "secret",
        role: configurator_domain::api::Role::Dealer,
        dealership: Some("Naryn Auto"),
    };
    let short = accounts::add_user(&db.pool, &user).await;
    assert!(matches!(short, Err(accounts::AddUserError::ShortPassword)));
    assert_eq!(
        short.map_err(|e| e.to_string()).err().as_deref(),
        Some("password: use at least 10 characters")
    );
    let user = accounts::NewUser {
        password: "correct horse battery",
        dealership: None,
        ..user
    };
    assert!(matches!(
        accounts::add_user(&db.pool, &user).await,
        Err(accounts::AddUserError::Dealership)
    ));
    let user = accounts::NewUser {
        dealership: Some("Naryn Auto"),
        ..user
    };
    accounts::add_user(&db.pool, &user).await.expect("added");
    assert!(matches!(
        accounts::add_user(&db.pool, &user).await,
        Err(accounts::AddUserError::Taken(_))
    ));
    assert_eq!(accounts::seed_demo(&db.pool).await.expect("seed").len(), 3);
    assert!(
        accounts::seed_demo(&db.pool)
            .await
            .expect("seed again")
            .is_empty()
    );
}

const GUESSER: [u8; 4] = [203, 0, 113, 7];
const DEALER: [u8; 4] = [198, 51, 100, 20];

#[tokio::test]
async fn a_guesser_elsewhere_does_not_lock_the_dealer_out() {
    let (app, _folder) = test_app().await;
    for _ in 0..6 {
        send_from(
            &app,
            Some(GUESSER),
            "POST",
            Some(&login_body("dealer1", "guess")),
            None,
        )
        .await;
    }
    let (status, _, _) = send_from(
        &app,
        Some(GUESSER),
        "POST",
        Some(&login_body("dealer1", "demo")),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the guesser waits");
    let (status, _, json) = send_from(
        &app,
        Some(DEALER),
        "POST",
        Some(&login_body("dealer1", "demo")),
        None,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the dealer, elsewhere, does not: {json}"
    );
}

#[tokio::test]
async fn parallel_guesses_cannot_slip_past_the_throttle() {
    let (app, _folder) = test_app().await;
    let guesses: Vec<_> = (0..30)
        .map(|n| {
            let app = app.clone();
            tokio::spawn(async move {
                let body = login_body("dealer2", &format!("guess-{n}"));
                send_from(&app, Some(GUESSER), "POST", Some(&body), None)
                    .await
                    .0
            })
        })
        .collect();
    let mut checked = 0;
    for guess in guesses {
        match guess.await.expect("a guess") {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(
        checked, 3,
        "only the free attempts had their password checked"
    );
}

#[tokio::test]
async fn usernames_that_cannot_exist_are_refused_before_anything_else() {
    let (app, _folder) = test_app().await;
    let huge = "x".repeat(200 * 1024);
    for username in ["", "a b", "dealer1<script>", huge.as_str()] {
        let (status, _, json) = send(&app, "POST", Some(&login_body(username, "demo")), None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{json}");
        assert!(json["error"]["fields"]["username"].is_array(), "{json}");
        assert!(
            json.to_string().len() < 500,
            "the answer does not echo it all"
        );
    }
}

/// The time of a wrong login as `username` from `from`.
async fn wrong_login_seconds(app: &Router, username: &str, from: [u8; 4]) -> f64 {
    let started = Instant::now();
    let body = login_body(username, "wrong password");
    let (status, _, _) = send_from(app, Some(from), "POST", Some(&body), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    started.elapsed().as_secs_f64()
}

fn median(mut seconds: Vec<f64>) -> f64 {
    seconds.sort_by(f64::total_cmp);
    seconds[seconds.len() / 2]
}

#[tokio::test]
async fn an_unknown_user_takes_as_long_as_a_wrong_password() {
    let (app, _folder) = test_app().await;
    // Taken in turns, each from an address of its own (the throttle lets them all through), so
    // that whatever else the machine does slows both alike. Skipping the password check, as an
    // unknown user once did, answered about 30 times faster.
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for host in 1..=7 {
        known.push(wrong_login_seconds(&app, "dealer2", [192, 0, 2, host]).await);
        unknown.push(wrong_login_seconds(&app, "nobody", [192, 0, 3, host]).await);
    }
    let (known, unknown) = (median(known), median(unknown));
    let ratio = unknown / known;
    assert!(
        (0.33..3.0).contains(&ratio),
        "unknown {unknown:.4} s vs known {known:.4} s: the timing tells users apart"
    );
}

#[tokio::test]
async fn behind_https_the_cookie_is_secure_host_only_and_answers_carry_hsts() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", folder.path().join("secure.db").display());
    let db = Database::open(&url).await.expect("open the database");
    accounts::seed_demo(&db.pool).await.expect("seed");
    let state = AppState::new(db, folder.path().join("dist")).with_secure_cookies(true);
    let app = app(state);
    let request = Request::post("/api/v1/session")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(login_body("dealer1", "demo")))
        .expect("request");
    let response = app.clone().oneshot(request).await.expect("response");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000"
    );
    let set_cookie = response.headers()[header::SET_COOKIE]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(set_cookie.starts_with("__Host-session="), "{set_cookie}");
    assert!(set_cookie.contains("; Secure"), "{set_cookie}");
    assert!(set_cookie.contains("Path=/"), "{set_cookie}");
    let token = set_cookie.split(';').next().expect("name=value");
    let (status, _, json) = send(&app, "GET", None, Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{json}");
    // The same token under the plain name (a cookie an attacker could plant over HTTP) is not read.
    let plain = token.replacen("__Host-session", "session", 1);
    assert_eq!(
        send(&app, "GET", None, Some(&plain)).await.0,
        StatusCode::UNAUTHORIZED
    );
}

/// A cookie of a fresh login of a demo account.
async fn login_cookie(app: &Router, username: &str) -> String {
    let (status, set_cookie, _) =
        send(app, "POST", Some(&login_body(username, "demo")), None).await;
    assert_eq!(status, StatusCode::OK);
    let set_cookie = set_cookie.expect("a cookie");
    set_cookie.split(';').next().expect("name=value").to_owned()
}

#[tokio::test]
async fn an_expired_session_is_401() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", folder.path().join("expiry.db").display());
    let db = Database::open(&url).await.expect("open the database");
    accounts::seed_demo(&db.pool).await.expect("seed");
    let pool = db.pool.clone();
    let app = app(AppState::new(db, folder.path().join("dist")));
    let cookie = login_cookie(&app, "dealer1").await;
    assert_eq!(
        send(&app, "GET", None, Some(&cookie)).await.0,
        StatusCode::OK
    );
    sqlx::query("UPDATE sessions SET expires_at = expires_at - $1")
        .bind(accounts::SESSION_SECONDS + 1)
        .execute(&pool)
        .await
        .expect("age the session");
    assert_eq!(
        send(&app, "GET", None, Some(&cookie)).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_password_change_ends_every_session_of_the_account() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let url = format!("sqlite://{}", folder.path().join("passwd.db").display());
    let db = Database::open(&url).await.expect("open the database");
    accounts::seed_demo(&db.pool).await.expect("seed");
    let pool = db.pool.clone();
    let app = app(AppState::new(db, folder.path().join("dist")));
    let (laptop, phone) = (
        login_cookie(&app, "dealer1").await,
        login_cookie(&app, "dealer1").await,
    );
    let other = login_cookie(&app, "dealer2").await;
    let short = accounts::set_password(&pool, "dealer1", "short").await;
    assert!(matches!(
        short,
        Err(accounts::SetPasswordError::ShortPassword)
    ));
    let ended = accounts::set_password(&pool, "dealer1", "a much longer passphrase")
        .await
        .expect("changed");
    assert_eq!(ended, 2);
    for cookie in [&laptop, &phone] {
        assert_eq!(
            send(&app, "GET", None, Some(cookie)).await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        send(&app, "GET", None, Some(&other)).await.0,
        StatusCode::OK
    );
    let old = send(&app, "POST", Some(&login_body("dealer1", "demo")), None).await;
    assert_eq!(old.0, StatusCode::UNAUTHORIZED);
    let new = login_body("dealer1", "a much longer passphrase");
    assert_eq!(send(&app, "POST", Some(&new), None).await.0, StatusCode::OK);
    assert!(matches!(
        accounts::set_password(&pool, "nobody", "a much longer passphrase").await,
        Err(accounts::SetPasswordError::Unknown(_))
    ));
}

/// `GET /api/v1/health` as a task of its own (on a runtime worker, as a real request's is); how
/// long it took.
async fn health_took(app: &Router) -> std::time::Duration {
    let app = app.clone();
    tokio::spawn(async move {
        let started = Instant::now();
        let request = Request::get("/api/v1/health")
            .body(Body::empty())
            .expect("request");
        let response = app.oneshot(request).await.expect("response");
        assert_eq!(response.status(), StatusCode::OK);
        started.elapsed()
    })
    .await
    .expect("the health task")
}

/// Password hashing runs on blocking threads: with one async worker and a burst of sign-ins being
/// checked, other requests are still answered at once (hashing on the worker would hold each of
/// them for about a password check).
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_burst_of_sign_ins_does_not_stall_other_requests() {
    let (app, _folder) = test_app().await;
    let wrong = login_body("dealer1", "a wrong password");
    let started = Instant::now();
    let (status, ..) = send_from(&app, Some([10, 7, 0, 1]), "POST", Some(&wrong), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let one_check = started.elapsed();
    let burst: Vec<_> = (0..8u8)
        .map(|i| {
            let (app, wrong) = (app.clone(), wrong.clone());
            tokio::spawn(async move {
                send_from(&app, Some([10, 7, 1, i]), "POST", Some(&wrong), None).await
            })
        })
        .collect();
    tokio::time::sleep(one_check / 4).await;
    let mut slowest = std::time::Duration::ZERO;
    for _ in 0..5 {
        slowest = slowest.max(health_took(&app).await);
    }
    for sign_in in burst {
        let (status, ..) = sign_in.await.expect("a sign-in");
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    assert!(
        slowest < one_check / 2,
        "health took up to {slowest:?} during the burst; one password check takes {one_check:?}"
    );
}

/// A login of `dealer1` with `password` through the proxy at 10.0.0.1 for the client `client`.
async fn login_behind_proxy(app: &Router, client: &str, password: &str) -> StatusCode {
    let request = Request::post("/api/v1/session")
        .extension(ConnectInfo(SocketAddr::from(([10, 0, 0, 1], 40000))))
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-forwarded-for", client)
        .body(Body::from(login_body("dealer1", password)))
        .expect("request");
    app.clone()
        .oneshot(request)
        .await
        .expect("response")
        .status()
}

/// Behind a trusted TLS proxy every client arrives from the proxy's address: the throttle counts
/// the client that the proxy names, so a guesser behind it does not lock out the dealer behind
/// it too. An untrusted proxy's header is not believed.
#[tokio::test]
async fn behind_a_trusted_proxy_the_throttle_counts_each_client() {
    for (trusted, dealer_gets_in) in [(true, true), (false, false)] {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let url = format!("sqlite://{}", folder.path().join("proxy.db").display());
        let db = Database::open(&url).await.expect("open the database");
        accounts::seed_demo(&db.pool).await.expect("seed");
        let proxies = if trusted {
            vec!["10.0.0.1".parse().expect("an address")]
        } else {
            vec![]
        };
        let app = app(AppState::new(db, folder.path().join("dist")).with_trusted_proxies(proxies));
        for _ in 0..5 {
            login_behind_proxy(&app, "203.0.113.66", "a wrong guess").await;
        }
        let guesser = login_behind_proxy(&app, "203.0.113.66", "a wrong guess").await;
        assert_eq!(guesser, StatusCode::TOO_MANY_REQUESTS, "trusted: {trusted}");
        let dealer = login_behind_proxy(&app, "198.51.100.20", "demo").await;
        assert_eq!(
            dealer == StatusCode::OK,
            dealer_gets_in,
            "trusted: {trusted}: {dealer}"
        );
    }
}

//! Logging in and out through the router: cookies, wrong passwords, throttling, refused fields.

use axum::{
    Router,
    body::Body,
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
    let mut request = Request::builder().method(method).uri("/api/v1/session");
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
        dealership: None,
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

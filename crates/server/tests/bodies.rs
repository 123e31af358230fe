//! What the API does with hostile request framing, through the router: JSON with trailing
//! characters, a media type that only starts like JSON, a body the client abandons halfway, and an
//! overlong query string. Each answer is in the documented error shape.

mod support;

use axum::{
    body::{Body, Bytes},
    http::{Method, Request, StatusCode, header},
};
use configurator_server::http::QUERY_LIMIT;
use http_body_util::BodyExt as _;
use serde_json::Value;
use support::{Backend, TestApp};
use tower::ServiceExt as _;

/// `POST /api/v1/quotes` with `content_type` and `body`; the status and the JSON answer.
async fn post_quote(app: &TestApp, content_type: &str, body: Body) -> (StatusCode, Value) {
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/quotes")
        .header(header::CONTENT_TYPE, content_type)
        .body(body)
        .expect("request");
    let response = app
        .router
        .clone()
        .oneshot(request)
        .await
        .expect("a response");
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

async fn sqlite_app() -> TestApp {
    TestApp::new(Backend::Sqlite).await.expect("a SQLite app")
}

#[tokio::test]
async fn json_with_trailing_characters_is_a_bad_request() {
    let app = sqlite_app().await;
    let body = r#"{"market":"KG","lines":[]}xyz"#;
    let (status, json) = post_quote(&app, "application/json", Body::from(body)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{json}");
    assert_eq!(json["error"]["code"], "bad_request");
    assert!(
        json["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("trailing"),
        "{json}"
    );
}

#[tokio::test]
async fn only_application_json_is_json() {
    let app = sqlite_app().await;
    let body = r#"{"market":"KG","lines":[]}"#;
    for content_type in ["application/jsonx", "application/json-seq", "text/json"] {
        let (status, json) = post_quote(&app, content_type, Body::from(body)).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type}");
        assert_eq!(json["error"]["code"], "unsupported_media_type");
    }
    // Parameters and case do not matter: the body is read (and found to lack lines).
    let (status, _) = post_quote(&app, "Application/JSON; charset=utf-8", Body::from(body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_body_abandoned_halfway_is_not_called_too_large() {
    let app = sqlite_app().await;
    let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
        Ok(Bytes::from_static(br#"{"market":"KG","li"#)),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "the client went away",
        )),
    ];
    let body = Body::from_stream(futures_util::stream::iter(chunks));
    let (status, json) = post_quote(&app, "application/json", body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{json}");
    assert_eq!(json["error"]["code"], "bad_request");
}

#[tokio::test]
async fn an_overlong_query_string_is_414() {
    let app = sqlite_app().await;
    let at_limit = format!("/api/v1/plan?from=2027-01&x={}", "a".repeat(QUERY_LIMIT));
    let answer = app.get(&at_limit, None).await;
    assert_eq!(answer.status, StatusCode::URI_TOO_LONG);
    assert_eq!(answer.json()["error"]["code"], "uri_too_long");
    let answer = app.get("/api/v1/catalog?lang=en", None).await;
    assert_eq!(answer.status, StatusCode::OK, "a short query passes");
}

#[tokio::test]
async fn cross_site_writes_are_refused_whatever_the_cookie() {
    let app = sqlite_app().await;
    let cookie = app.login("dealer1").await;
    let foreign = [
        ("origin", "https://attacker.example"),
        ("host", "dealer.example"),
    ];
    let answer = app
        .call(
            Method::DELETE,
            "/api/v1/orders/1",
            Some(&cookie),
            &foreign,
            None,
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.text());
    assert_eq!(answer.json()["error"]["code"], "forbidden");
    let login = serde_json::json!({ "username": "dealer2", "password": "demo" });
    let answer = app
        .call(
            Method::POST,
            "/api/v1/session",
            None,
            &foreign,
            Some(login.clone()),
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    // The same site (the scheme aside, as behind a TLS proxy), and no Origin at all, pass.
    let own = [
        ("origin", "https://dealer.example"),
        ("host", "dealer.example"),
    ];
    let answer = app
        .call(
            Method::POST,
            "/api/v1/session",
            None,
            &own,
            Some(login.clone()),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text());
    let answer = app.post("/api/v1/session", None, login).await;
    assert_eq!(answer.status, StatusCode::OK);
    // Reading is not refused.
    let answer = app
        .call(Method::GET, "/api/v1/catalog", None, &foreign, None)
        .await;
    assert_eq!(answer.status, StatusCode::OK);
}

//! The router without a socket: health, the API's JSON 404, the front end's files, deep links and
//! cache headers, over a fresh SQLite database each.

use axum::{
    Router,
    body::Body,
    http::{Request, StatusCode, header},
};
use configurator_server::{
    db::Database,
    http::{AppState, app},
};
use http_body_util::BodyExt as _;
use tower::ServiceExt as _;

/// The app over a temporary database and a temporary `dist/` holding the two builds' indexes and one
/// hashed asset, with a brotli neighbour of the asset and a gzip one of the public index.
async fn test_app() -> (Router, tempfile::TempDir) {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let dist = folder.path().join("dist");
    std::fs::create_dir(&dist).expect("dist");
    std::fs::write(dist.join("index.html"), "<!doctype html><title>app</title>").expect("index");
    std::fs::create_dir(dist.join("office")).expect("dist/office");
    std::fs::write(
        dist.join("office/index.html"),
        "<!doctype html><title>office</title>",
    )
    .expect("office index");
    std::fs::create_dir(dist.join("compare-build")).expect("dist/compare-build");
    std::fs::write(
        dist.join("compare-build/index.html"),
        "<!doctype html><title>compare</title>",
    )
    .expect("compare index");
    std::fs::write(
        dist.join("configurator-0123456789abcdef_bg.wasm"),
        [0u8; 64],
    )
    .expect("wasm");
    std::fs::write(
        dist.join("configurator-0123456789abcdef_bg.wasm.br"),
        "brotli bytes",
    )
    .expect("wasm.br");
    std::fs::write(dist.join("index.html.gz"), "gzip bytes").expect("index.html.gz");
    let url = format!("sqlite://{}", folder.path().join("db/test.db").display());
    let db = Database::open(&url).await.expect("open the database");
    let state = AppState::new(db, dist);
    (app(state), folder)
}

async fn get(app: &Router, path: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = app
        .clone()
        .oneshot(Request::get(path).body(Body::empty()).expect("request"))
        .await
        .expect("a response");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

#[tokio::test]
async fn health_answers_ok_with_the_version() {
    let (app, _folder) = test_app().await;
    let (status, headers, body) = get(&app, "/api/v1/health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/json");
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(json["status"], "ok");
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn unknown_api_paths_answer_a_json_404() {
    let (app, _folder) = test_app().await;
    let (status, _, body) = get(&app, "/api/v1/nothing-here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(json["error"]["code"], "not_found");
    assert!(json["error"]["message"].is_string());
}

#[tokio::test]
async fn deep_links_answer_the_index_and_missing_files_a_404() {
    let (app, _folder) = test_app().await;
    let (status, headers, body) = get(&app, "/configure/cobalt").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<title>app</title>"));
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    let (status, _, _) = get(&app, "/missing-file.js").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn each_page_answers_the_index_of_the_build_that_carries_it() {
    let (app, _folder) = test_app().await;
    for path in ["/cart", "/orders", "/orders/7?x=1", "/plan?from=2027-01"] {
        let (status, headers, body) = get(&app, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(body.contains("<title>office</title>"), "{path}: {body}");
        assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    }
    for path in ["/", "/sign-in?next=/cart", "/cartoon", "/comparison"] {
        let (_, _, body) = get(&app, path).await;
        assert!(body.contains("<title>app</title>"), "{path}: {body}");
    }
    for path in ["/compare", "/compare?c=AQY&c=BQY&q=30"] {
        let (status, _, body) = get(&app, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(body.contains("<title>compare</title>"), "{path}: {body}");
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year() {
    let (app, _folder) = test_app().await;
    let (status, headers, _) = get(&app, "/configurator-0123456789abcdef_bg.wasm").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn answers_are_compressed_when_the_client_accepts_it() {
    let (app, _folder) = test_app().await;
    let response = app
        .oneshot(
            Request::get("/")
                .header(header::ACCEPT_ENCODING, "gzip")
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("a response");
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
}

/// `path` asked for with `Accept-Encoding: encoding`: the `Content-Encoding` answered and the body.
async fn get_encoded(app: &Router, path: &str, encoding: &str) -> (Option<String>, Vec<u8>) {
    let response = app
        .clone()
        .oneshot(
            Request::get(path)
                .header(header::ACCEPT_ENCODING, encoding)
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("a response");
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let content_encoding = response
        .headers()
        .get(header::CONTENT_ENCODING)
        .map(|value| value.to_str().expect("ascii").to_owned());
    let body = response.into_body().collect().await.expect("body");
    (content_encoding, body.to_bytes().to_vec())
}

#[tokio::test]
async fn precompressed_neighbours_are_answered_as_they_are() {
    let (app, _folder) = test_app().await;
    let wasm = "/configurator-0123456789abcdef_bg.wasm";
    let (encoding, body) = get_encoded(&app, wasm, "br, gzip").await;
    assert_eq!(encoding.as_deref(), Some("br"));
    assert_eq!(body, b"brotli bytes");
    // A deep link answers the index's own `.gz`, not a fresh compression of the index.
    let (encoding, body) = get_encoded(&app, "/configure/cobalt", "gzip").await;
    assert_eq!(encoding.as_deref(), Some("gzip"));
    assert_eq!(body, b"gzip bytes");
    // Without a neighbour for that encoding, the layer compresses the file itself.
    let (encoding, body) = get_encoded(&app, wasm, "gzip").await;
    assert_eq!(encoding.as_deref(), Some("gzip"));
    assert_ne!(body, b"brotli bytes");
}

#[tokio::test]
async fn every_answer_carries_the_security_headers() {
    let (app, folder) = test_app().await;
    let loader = "\nimport init from '/configurator-0123456789abcdef.js';\nawait init();\n";
    let style = "p > a { color: #0b5cad }";
    std::fs::write(
        folder.path().join("dist/index.html"),
        format!(
            "<!doctype html><title>app</title><style>{style}</style>\
             <script type=\"module\">{loader}</script>"
        ),
    )
    .expect("an index with its style sheet and Trunk's inline loader");
    for path in [
        "/",
        "/configure/cobalt",
        "/api/v1/health",
        "/api/v1/nothing",
    ] {
        let (_, headers, _) = get(&app, path).await;
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{path}");
        assert_eq!(
            headers["cross-origin-opener-policy"], "same-origin",
            "{path}"
        );
        let policy = headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("ascii");
        assert!(
            policy.contains("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
        assert!(policy.contains("'wasm-unsafe-eval'"), "{path}: {policy}");
        assert!(!policy.contains("'unsafe-inline'"), "{path}: {policy}");
        // `printf '%s' "$loader" | openssl dgst -sha256 -binary | base64`
        assert!(
            policy.contains("'sha256-aFwUsUHM1kAYn8/G4qCsTBpDUbVvDriPpXB8kE9Y4hY='"),
            "{path}: the loader's hash is allowed: {policy}"
        );
        // `printf '%s' "$style" | openssl dgst -sha256 -binary | base64`, for styles only
        let styles = policy
            .split("; ")
            .find(|directive| directive.starts_with("style-src "))
            .expect("a style-src directive");
        assert_eq!(
            styles, "style-src 'self' 'sha256-3rCxHZZIeLc/ztojG0fTanz98gO8sHtqrTT0R75O+T4='",
            "{path}: the inline style sheet's hash is allowed: {policy}"
        );
    }
}

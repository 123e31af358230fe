//! The access log: one `access` line per request, in a `request` span that carries the request id,
//! the method, the path (never the query, the body or a header: no password, token or cookie) and,
//! once a session is read, the user's id; the line adds the status and the duration. The request id
//! is the client's `X-Request-Id` when it sends a sane one (1 to 64 visible ASCII characters), else
//! a fresh one, and is echoed in the answer's `X-Request-Id`, so that a dealer's report of a failed
//! request can be found in the log.

use std::{
    sync::{
        OnceLock,
        atomic::{AtomicU64, Ordering},
    },
    time::Instant,
};

use axum::{
    extract::Request,
    http::{HeaderName, HeaderValue},
    middleware::Next,
    response::Response,
};
use tracing::Instrument as _;

/// The request id's header.
pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Logs the request and tags its answer with its id.
pub async fn log_request(request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .filter(|id| is_sane(id))
        .map_or_else(fresh_id, str::to_owned);
    let span = tracing::info_span!(
        "request",
        id = %id,
        method = %request.method(),
        path = %request.uri().path(),
        user_id = tracing::field::Empty,
    );
    let started = Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    let status = response.status().as_u16();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    span.in_scope(|| tracing::info!(target: "access", status, ms = format!("{ms:.1}")));
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID.clone(), value);
    }
    response
}

/// Records the signed-in user's id on the request's span.
pub fn record_user(user_id: i64) {
    tracing::Span::current().record("user_id", user_id);
}

fn is_sane(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_graphic())
}

/// This process's random prefix and a counter: unique across instances and restarts.
fn fresh_id() -> String {
    static PREFIX: OnceLock<u32> = OnceLock::new();
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let prefix = PREFIX.get_or_init(|| {
        let mut bytes = [0u8; 4];
        let _ = getrandom::getrandom(&mut bytes);
        u32::from_le_bytes(bytes)
    });
    format!("{prefix:08x}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use axum::{Router, body::Body, middleware, routing::get};
    use tower::ServiceExt as _;

    use super::*;

    /// Collects what the log writes.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().expect("the log").extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn app() -> Router {
        Router::new()
            .route(
                "/api/v1/orders",
                get(|| async {
                    record_user(42);
                    "orders"
                }),
            )
            .layer(middleware::from_fn(log_request))
    }

    async fn get_with(app: &Router, id: Option<&str>) -> Response {
        let mut request = Request::get("/api/v1/orders?key=secret-token");
        if let Some(id) = id {
            request = request.header("x-request-id", id);
        }
        let request = request.body(Body::empty()).expect("request");
        app.clone().oneshot(request).await.expect("a response")
    }

    #[tokio::test]
    async fn each_request_is_one_line_with_its_id_user_status_and_no_query() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let _default = tracing::subscriber::set_default(subscriber);
        let app = app();
        let answer = get_with(&app, Some("dealer-report-7")).await;
        assert_eq!(answer.headers()["x-request-id"], "dealer-report-7");
        let fresh = get_with(&app, Some("bad id with spaces")).await;
        let fresh_id = fresh.headers()["x-request-id"].to_str().expect("ascii");
        assert_ne!(fresh_id, "bad id with spaces");
        let log = String::from_utf8(captured.0.lock().expect("the log").clone()).expect("utf-8");
        let lines: Vec<&str> = log.lines().filter(|l| l.contains("access")).collect();
        assert_eq!(lines.len(), 2, "{log}");
        for field in [
            "id=dealer-report-7",
            "method=GET",
            "path=/api/v1/orders",
            "user_id=42",
            "status=200",
            "ms=",
        ] {
            assert!(lines[0].contains(field), "{field} in {}", lines[0]);
        }
        assert!(lines[1].contains(&format!("id={fresh_id}")), "{}", lines[1]);
        assert!(
            !log.contains("secret-token"),
            "the query is never logged: {log}"
        );
    }
}

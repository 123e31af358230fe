//! Limits on every door, so that a flood or a slow client cannot exhaust the server:
//! * at most [`MAX_IN_FLIGHT`] requests are handled at once; the next is refused at once with
//!   `503` and `Retry-After` (load shedding: queueing would only make every answer late);
//! * a request that takes longer than [`REQUEST_TIMEOUT`] to answer (a client sending its body
//!   slowly, say) is dropped with `503`; dropping it rolls back whatever it had begun, as when a
//!   client goes away;
//! * an API query string over [`QUERY_LIMIT`] is `414` before any handler parses it.

use std::{sync::Arc, time::Duration};

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse as _, Response},
};
use tokio::sync::Semaphore;

use super::Error;

/// Requests handled at once.
pub const MAX_IN_FLIGHT: usize = 512;
/// The longest a request may take to be answered.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest query string the API reads (the longest real one, a plan view's, is under 200).
pub const QUERY_LIMIT: usize = 2048;

/// How many requests may be handled at once and for how long each.
#[derive(Debug, Clone)]
pub struct Limits {
    in_flight: Arc<Semaphore>,
    timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self::new(MAX_IN_FLIGHT, REQUEST_TIMEOUT)
    }
}

impl Limits {
    /// `in_flight` requests at once, each answered within `timeout`.
    pub fn new(in_flight: usize, timeout: Duration) -> Self {
        Self {
            in_flight: Arc::new(Semaphore::new(in_flight)),
            timeout,
        }
    }
}

/// Sheds the requests over the limit and drops the ones that take too long.
pub async fn guard(State(limits): State<Limits>, request: Request, next: Next) -> Response {
    let Ok(_slot) = limits.in_flight.clone().try_acquire_owned() else {
        return Error::Overloaded.into_response();
    };
    match tokio::time::timeout(limits.timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => Error::TimedOut {
            seconds: limits.timeout.as_secs(),
        }
        .into_response(),
    }
}

/// Refuses a query string over [`QUERY_LIMIT`] with `414`.
pub async fn bounded_query(request: Request, next: Next) -> Response {
    if request
        .uri()
        .query()
        .is_some_and(|query| query.len() > QUERY_LIMIT)
    {
        return Error::UriTooLong { limit: QUERY_LIMIT }.into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use axum::{Router, body::Body, http::StatusCode, middleware, routing::get};
    use tower::ServiceExt as _;

    use super::*;

    /// A route that answers after `delay`, behind `limits`.
    fn slow_app(delay: Duration, limits: Limits) -> Router {
        Router::new()
            .route(
                "/slow",
                get(move || async move {
                    tokio::time::sleep(delay).await;
                    "done"
                }),
            )
            .layer(middleware::from_fn_with_state(limits, guard))
    }

    async fn get_slow(app: &Router) -> Response {
        let request = Request::get("/slow").body(Body::empty()).expect("request");
        app.clone().oneshot(request).await.expect("a response")
    }

    #[tokio::test]
    async fn requests_over_the_limit_are_shed_with_retry_after() {
        let app = slow_app(Duration::from_millis(300), Limits::new(2, REQUEST_TIMEOUT));
        let first = tokio::spawn({
            let app = app.clone();
            async move { get_slow(&app).await.status() }
        });
        let second = tokio::spawn({
            let app = app.clone();
            async move { get_slow(&app).await.status() }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        let third = get_slow(&app).await;
        assert_eq!(third.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(third.headers()["retry-after"], "1");
        assert_eq!(first.await.expect("first"), StatusCode::OK);
        assert_eq!(second.await.expect("second"), StatusCode::OK);
        assert_eq!(get_slow(&app).await.status(), StatusCode::OK, "room again");
    }

    #[tokio::test]
    async fn a_request_that_takes_too_long_is_dropped() {
        let app = slow_app(
            Duration::from_secs(5),
            Limits::new(2, Duration::from_millis(100)),
        );
        let answer = get_slow(&app).await;
        assert_eq!(answer.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(answer.headers().get("retry-after").is_none());
    }
}

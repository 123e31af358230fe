//! Sending orders through the router with some in flight, and what came back.

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use anyhow::Context as _;
use axum::{
    Router,
    body::Body,
    http::{HeaderMap, Request, StatusCode, header},
};
use http_body_util::BodyExt as _;
use tower::ServiceExt as _;

/// A JSON request through the router (a `POST` when it has a body): status, headers and body.
pub async fn send(
    router: &Router,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<Vec<u8>>,
) -> anyhow::Result<(StatusCode, HeaderMap, Vec<u8>)> {
    let method = if body.is_some() { "POST" } else { "GET" };
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.header(header::CONTENT_TYPE, "application/json");
    let request = request.body(body.map_or_else(Body::empty, Body::from))?;
    let (parts, body) = router.clone().oneshot(request).await?.into_parts();
    Ok((
        parts.status,
        parts.headers,
        body.collect().await?.to_bytes().into(),
    ))
}

/// Logs in a demo account; returns its `session=…` cookie.
pub async fn login(router: &Router, username: &str) -> anyhow::Result<String> {
    let body = serde_json::json!({ "username": username, "password": "demo" });
    let answer = send(
        router,
        "/api/v1/session",
        &[],
        Some(body.to_string().into()),
    )
    .await?;
    let cookie = answer.1.get(header::SET_COOKIE);
    let cookie = cookie.with_context(|| format!("login {username}: {}", answer.0))?;
    Ok(cookie
        .to_str()?
        .split(';')
        .next()
        .unwrap_or_default()
        .into())
}

/// What the workers share: the app, a cookie per dealer, an order body per model.
pub struct Load {
    pub router: Router,
    pub cookies: [String; 2],
    pub bodies: [Vec<u8>; 2],
}

/// The answers to some orders.
#[derive(Default)]
pub struct Outcome {
    pub elapsed: Duration,
    pub latencies: Vec<Duration>,
    pub errors: usize,
    pub first_error: Option<(Instant, String)>,
}

impl Outcome {
    /// Orders per second and the latency's p50, p95 and p99 in ms (nearest rank).
    pub fn stats(&self) -> [f64; 4] {
        let n = self.latencies.len() as f64;
        let ms = |p: f64| {
            let rank = ((p * n).ceil() as usize).saturating_sub(1);
            self.latencies
                .get(rank)
                .map_or(f64::NAN, |d| d.as_secs_f64() * 1e3)
        };
        [n / self.elapsed.as_secs_f64(), ms(0.5), ms(0.95), ms(0.99)]
    }
}

pub fn show([per_second, p50, p95, p99]: [f64; 4]) -> String {
    format!("{per_second:.0} orders/s; p50 {p50:.1} ms, p95 {p95:.1} ms, p99 {p99:.1} ms")
}

/// Sends orders `0..n` with `concurrency` in flight, keys `{prefix}-{i}`.
pub async fn drive(
    load: &Arc<Load>,
    prefix: &'static str,
    n: usize,
    concurrency: usize,
) -> Outcome {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency.max(1) {
        let (load, next) = (load.clone(), next.clone());
        workers.spawn(async move {
            let mut part = Outcome::default();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    return part;
                }
                let key = format!("{prefix}-{i}");
                let headers = [
                    ("cookie", load.cookies[i % 2].as_str()),
                    ("idempotency-key", &key),
                ];
                let body = Some(load.bodies[i / 2 % 2].clone());
                let sent = Instant::now();
                let answer = send(&load.router, "/api/v1/orders", &headers, body).await;
                part.latencies.push(sent.elapsed());
                let problem = match answer {
                    Ok((StatusCode::CREATED, ..)) => continue,
                    Ok((status, _, body)) => format!("{status} {}", String::from_utf8_lossy(&body)),
                    Err(error) => format!("{error:#}"),
                };
                part.errors += 1;
                part.first_error
                    .get_or_insert((sent, format!("order {key}: {problem}")));
            }
        });
    }
    let mut outcome = Outcome::default();
    while let Some(part) = workers.join_next().await {
        let part = part.unwrap_or_else(|error| panic!("a worker failed: {error}"));
        outcome.latencies.extend(part.latencies);
        outcome.errors += part.errors;
        let firsts = outcome
            .first_error
            .take()
            .into_iter()
            .chain(part.first_error);
        outcome.first_error = firsts.min_by_key(|(at, _)| *at);
    }
    outcome.elapsed = started.elapsed();
    outcome.latencies.sort_unstable();
    outcome
}

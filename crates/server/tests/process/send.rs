//! Sending many requests: [`in_parallel`] with a limit on how many are in flight,
//! [`until_answered`] for retries that may race the original, order bodies and requests, and a
//! tiny xorshift generator for random timings without a dependency.

use std::{
    net::SocketAddr,
    sync::Arc,
    time::{Duration, Instant},
};

use serde_json::{Value, json};
use tokio::sync::Semaphore;

use super::http::{self, Reply};

/// Runs `jobs` as tasks, at most `limit` at a time; the results in the order of `jobs`.
pub async fn in_parallel<F, T>(limit: usize, jobs: Vec<F>) -> Vec<T>
where
    F: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let gate = Arc::new(Semaphore::new(limit));
    let tasks: Vec<_> = jobs
        .into_iter()
        .map(|job| {
            let gate = gate.clone();
            tokio::spawn(async move {
                let _permit = gate.acquire_owned().await.expect("the gate stays open");
                job.await
            })
        })
        .collect();
    let mut results = Vec::with_capacity(tasks.len());
    for task in tasks {
        results.push(task.await.expect("a task"));
    }
    results
}

/// Sends `request` until it gets a final answer (anything but 409, 429, 502, 503, 504 or no
/// answer): a retry racing its original may wait or be told to come back, for at most 10 s.
pub async fn until_answered(addr: SocketAddr, request: Vec<u8>) -> Result<Reply, String> {
    let started = Instant::now();
    loop {
        let last = match http::send(addr, &request).await {
            Ok(reply) if ![409, 429, 502, 503, 504].contains(&reply.status) => return Ok(reply),
            Ok(reply) => format!("{} {}", reply.status, reply.text()),
            Err(error) => error.to_string(),
        };
        if started.elapsed() > Duration::from_secs(10) {
            return Err(format!("still no final answer after 10 s: {last}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// An order in market KG of one line per quantity, all of `code`.
pub fn order_body(code: &str, quantities: &[u32]) -> Value {
    let lines: Vec<Value> = quantities
        .iter()
        .map(|q| json!({ "code": code, "quantity": q }))
        .collect();
    json!({ "market": "KG", "lines": lines })
}

/// The bytes of `POST /api/v1/orders` with a session cookie and an idempotency key.
pub fn order_request(cookie: &str, key: &str, body: &Value) -> Vec<u8> {
    let headers = [("Cookie", cookie), ("Idempotency-Key", key)];
    http::encode("POST", "/api/v1/orders", &headers, Some(body))
}

/// A xorshift64 generator.
pub struct XorShift(u64);

impl XorShift {
    /// Seeded from the clock; tests print the seed.
    pub fn from_clock() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos());
        Self::new(u64::try_from(nanos % u128::from(u64::MAX)).unwrap_or(1))
    }

    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn seed(&self) -> u64 {
        self.0
    }

    /// A number in `0..=max`.
    pub fn up_to(&mut self, max: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % (max + 1)
    }
}

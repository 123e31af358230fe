//! Slows down password guessing: after a few failed logins for a username, each further attempt
//! must wait, twice as long after every failure (capped), and is refused with `429` before then.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

/// Failures allowed before attempts are spaced out.
const FREE_FAILURES: u32 = 3;
/// The first wait; it doubles with each further failure.
const FIRST_WAIT: Duration = Duration::from_secs(1);
/// The longest wait.
const MAX_WAIT: Duration = Duration::from_secs(300);
/// Failures older than this are forgotten.
const MEMORY: Duration = Duration::from_secs(3600);

/// Failed logins per username, in memory (a restart forgets them, which only helps the owner).
#[derive(Debug, Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, Failures>>,
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

impl LoginThrottle {
    /// `Err(wait)` when `username` must wait before trying again.
    pub fn check(&self, username: &str, now: Instant) -> Result<(), Duration> {
        let failures = self.lock();
        let Some(entry) = failures.get(&key(username)) else {
            return Ok(());
        };
        let ready_at = entry.last + wait_after(entry.count);
        if now < ready_at {
            Err(ready_at - now)
        } else {
            Ok(())
        }
    }

    /// Records a failed attempt.
    pub fn failed(&self, username: &str, now: Instant) {
        let mut failures = self.lock();
        failures.retain(|_, entry| now.duration_since(entry.last) < MEMORY);
        let entry = failures.entry(key(username)).or_insert(Failures {
            count: 0,
            last: now,
        });
        entry.count = entry.count.saturating_add(1);
        entry.last = now;
    }

    /// Forgets the failures of a user who logged in.
    pub fn succeeded(&self, username: &str) {
        self.lock().remove(&key(username));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Failures>> {
        // A panic while holding the lock leaves plain counters: still usable.
        self.failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn key(username: &str) -> String {
    username.trim().to_lowercase()
}

/// How long to wait after `count` failures.
fn wait_after(count: u32) -> Duration {
    match count.checked_sub(FREE_FAILURES) {
        None => Duration::ZERO,
        Some(extra) => FIRST_WAIT
            .saturating_mul(2u32.saturating_pow(extra.min(16)))
            .min(MAX_WAIT),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_after_the_free_failures() {
        let throttle = LoginThrottle::default();
        let start = Instant::now();
        for _ in 0..FREE_FAILURES {
            assert!(throttle.check("dealer1", start).is_ok());
            throttle.failed("dealer1", start);
        }
        assert_eq!(throttle.check("Dealer1 ", start), Err(FIRST_WAIT));
        throttle.failed("dealer1", start);
        assert_eq!(throttle.check("dealer1", start), Err(FIRST_WAIT * 2));
        assert!(throttle.check("dealer1", start + FIRST_WAIT * 2).is_ok());
        assert!(
            throttle.check("dealer2", start).is_ok(),
            "others are not slowed"
        );
        throttle.succeeded("dealer1");
        assert!(throttle.check("dealer1", start).is_ok());
    }

    #[test]
    fn the_wait_is_capped() {
        assert_eq!(wait_after(100), MAX_WAIT);
    }
}

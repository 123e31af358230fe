//! Slows down password guessing without letting a guesser lock the real user out. Two limits, each
//! allowing a few failures and then spacing attempts out, twice as long after every further failure
//! (capped), refused with `429` before then:
//! * per username *and* client address: a wrong guess from one address never holds back the right
//!   password from another;
//! * per client address across usernames: one address cannot try many accounts.
//!
//! An attempt is counted when it begins ([`LoginThrottle::begin`]), before its password is checked,
//! so a burst of parallel guesses cannot all pass the check; a success takes its count back and
//! forgets the failures of that username at that address. Memory is bounded: each limit keeps at
//! most [`MAX_KEYS`] entries, forgetting expired ones first, then the oldest.
//!
//! The bounded [`Counter`] also counts fixed-window quotas ([`Counter::per_window`]): `free`
//! attempts per window, then a wait until the window ends (the public quote requests use it).

use std::{
    collections::HashMap,
    hash::Hash,
    net::IpAddr,
    sync::{Mutex, MutexGuard, PoisonError},
    time::{Duration, Instant},
};

/// Failures of one username at one address allowed before its attempts are spaced out.
const FREE_FAILURES_PER_USER: u32 = 3;
/// Attempts from one address, over all usernames, allowed before its attempts are spaced out: high
/// enough for a dealership's office behind one address signing in many at once (a success takes
/// its attempt back), low enough to stop one address trying account after account.
const FREE_FAILURES_PER_ADDRESS: u32 = 100;
/// The first wait; it doubles with each further failure.
const FIRST_WAIT: Duration = Duration::from_secs(1);
/// The longest wait.
const MAX_WAIT: Duration = Duration::from_secs(300);
/// Failures older than this are forgotten.
const MEMORY: Duration = Duration::from_secs(3600);
/// The most entries each limit keeps.
pub const MAX_KEYS: usize = 10_000;

/// Failed logins in memory (a restart forgets them, which only helps the owner).
#[derive(Debug)]
pub struct LoginThrottle {
    limits: Mutex<Limits>,
}

#[derive(Debug)]
struct Limits {
    per_user: Counter<(String, IpAddr)>,
    per_address: Counter<IpAddr>,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        Self {
            limits: Mutex::new(Limits {
                per_user: Counter::new(FREE_FAILURES_PER_USER),
                per_address: Counter::new(FREE_FAILURES_PER_ADDRESS),
            }),
        }
    }
}

impl LoginThrottle {
    /// Counts an attempt to log in as `username` from `address`, or `Err(wait)` when it must wait
    /// first (and is not counted).
    pub fn begin(&self, username: &str, address: IpAddr, now: Instant) -> Result<(), Duration> {
        let mut limits = self.lock();
        let user = (key(username), address);
        let wait = limits
            .per_user
            .wait(&user, now)
            .max(limits.per_address.wait(&address, now));
        if !wait.is_zero() {
            return Err(wait);
        }
        limits.per_user.count(user, now);
        limits.per_address.count(address, now);
        Ok(())
    }

    /// The attempt succeeded: its count is taken back and the username's failures at this address
    /// are forgotten.
    pub fn succeeded(&self, username: &str, address: IpAddr) {
        let mut limits = self.lock();
        limits.per_user.forget(&(key(username), address));
        limits.per_address.take_back(&address);
    }

    fn lock(&self) -> MutexGuard<'_, Limits> {
        // A panic while holding the lock leaves plain counters: still usable.
        self.limits.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Attempts per key, bounded to [`MAX_KEYS`] keys. Without a window (sign-in) attempts after the
/// `free` ones are spaced out; with one, `free` attempts are allowed per window of each key, and
/// then none until it ends.
#[derive(Debug)]
pub(crate) struct Counter<K> {
    free: u32,
    window: Option<Duration>,
    entries: HashMap<K, Attempts>,
}

#[derive(Debug, Clone, Copy)]
struct Attempts {
    count: u32,
    /// When the key's window began (only read by windowed counters).
    first: Instant,
    last: Instant,
}

impl<K: Hash + Eq + Clone> Counter<K> {
    fn new(free: u32) -> Self {
        Self {
            free,
            window: None,
            entries: HashMap::new(),
        }
    }

    /// A quota: `free` attempts per `window` of each key (a window begins at its first attempt).
    pub(crate) fn per_window(free: u32, window: Duration) -> Self {
        Self {
            free,
            window: Some(window),
            entries: HashMap::new(),
        }
    }

    /// Whether `entry` still counts: always without a window, within its window otherwise.
    fn current(&self, entry: &Attempts, now: Instant) -> bool {
        self.window
            .is_none_or(|window| now.saturating_duration_since(entry.first) < window)
    }

    /// How long `key` must wait before its next attempt (zero: it may go now).
    pub(crate) fn wait(&self, key: &K, now: Instant) -> Duration {
        let Some(entry) = self.entries.get(key).filter(|e| self.current(e, now)) else {
            return Duration::ZERO;
        };
        match self.window {
            None => {
                (entry.last + wait_after(entry.count, self.free)).saturating_duration_since(now)
            }
            Some(_) if entry.count < self.free => Duration::ZERO,
            Some(window) => (entry.first + window).saturating_duration_since(now),
        }
    }

    pub(crate) fn count(&mut self, key: K, now: Instant) {
        if !self.entries.contains_key(&key) && self.entries.len() >= MAX_KEYS {
            self.make_room(now);
        }
        let fresh = Attempts {
            count: 0,
            first: now,
            last: now,
        };
        let current = self.entries.get(&key).is_some_and(|e| self.current(e, now));
        let entry = self.entries.entry(key).or_insert(fresh);
        if !current {
            *entry = fresh;
        }
        entry.count = entry.count.saturating_add(1);
        entry.last = now;
    }

    fn take_back(&mut self, key: &K) {
        if let Some(entry) = self.entries.get_mut(key) {
            entry.count = entry.count.saturating_sub(1);
            if entry.count == 0 {
                self.entries.remove(key);
            }
        }
    }

    fn forget(&mut self, key: &K) {
        self.entries.remove(key);
    }

    /// Drops the expired entries (and those past their window), or the oldest one if none has
    /// expired.
    fn make_room(&mut self, now: Instant) {
        let window = self.window;
        self.entries.retain(|_, entry| {
            now.saturating_duration_since(entry.last) < MEMORY
                && window.is_none_or(|window| now.saturating_duration_since(entry.first) < window)
        });
        if self.entries.len() >= MAX_KEYS {
            let oldest = self.entries.iter().min_by_key(|(_, entry)| entry.last);
            if let Some(oldest) = oldest.map(|(key, _)| key.clone()) {
                self.entries.remove(&oldest);
            }
        }
    }
}

fn key(username: &str) -> String {
    username.trim().to_lowercase()
}

/// How long to wait after `count` attempts when `free` are allowed.
fn wait_after(count: u32, free: u32) -> Duration {
    match count.checked_sub(free) {
        None => Duration::ZERO,
        Some(extra) => FIRST_WAIT
            .saturating_mul(2u32.saturating_pow(extra.min(16)))
            .min(MAX_WAIT),
    }
}

/// Whole seconds for `Retry-After`, rounded up: never an invitation to come back too early.
pub fn retry_after_seconds(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use std::net::Ipv4Addr;

    use super::*;

    const GUESSER: IpAddr = IpAddr::V4(Ipv4Addr::new(203, 0, 113, 7));
    const DEALER: IpAddr = IpAddr::V4(Ipv4Addr::new(198, 51, 100, 20));

    #[test]
    fn waits_grow_after_the_free_failures() {
        let throttle = LoginThrottle::default();
        let start = Instant::now();
        for _ in 0..FREE_FAILURES_PER_USER - 1 {
            assert_eq!(throttle.begin("dealer1", GUESSER, start), Ok(()));
        }
        assert_eq!(throttle.begin("Dealer1 ", GUESSER, start), Ok(()));
        assert_eq!(throttle.begin("dealer1", GUESSER, start), Err(FIRST_WAIT));
        let later = start + FIRST_WAIT;
        assert_eq!(throttle.begin("dealer1", GUESSER, later), Ok(()));
        assert_eq!(
            throttle.begin("dealer1", GUESSER, later),
            Err(FIRST_WAIT * 2)
        );
        assert_eq!(
            throttle.begin("dealer2", GUESSER, later),
            Ok(()),
            "others are not slowed"
        );
        throttle.succeeded("dealer1", GUESSER);
        assert_eq!(throttle.begin("dealer1", GUESSER, later), Ok(()));
    }

    #[test]
    fn a_guesser_does_not_lock_the_user_out_of_another_address() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..10 {
            let _ = throttle.begin("dealer1", GUESSER, now);
        }
        assert!(throttle.begin("dealer1", GUESSER, now).is_err());
        assert_eq!(throttle.begin("dealer1", DEALER, now), Ok(()));
    }

    #[test]
    fn attempts_count_before_their_outcome_is_known() {
        // Parallel guesses: none has finished, yet the fifth must wait.
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        let passed = (0..50)
            .filter(|_| throttle.begin("dealer1", GUESSER, now).is_ok())
            .count();
        assert_eq!(passed as u32, FREE_FAILURES_PER_USER);
    }

    #[test]
    fn one_address_cannot_try_many_accounts() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        let passed = (0..100)
            .filter(|n| throttle.begin(&format!("user{n}"), GUESSER, now).is_ok())
            .count();
        assert_eq!(passed as u32, FREE_FAILURES_PER_ADDRESS);
        assert_eq!(throttle.begin("dealer1", DEALER, now), Ok(()));
    }

    #[test]
    fn a_success_takes_its_attempt_back() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..100 {
            assert_eq!(throttle.begin("dealer1", DEALER, now), Ok(()));
            throttle.succeeded("dealer1", DEALER);
        }
    }

    #[test]
    fn memory_is_bounded() {
        let throttle = LoginThrottle::default();
        let start = Instant::now();
        for n in 0..(MAX_KEYS + 500) {
            let address = IpAddr::V4(Ipv4Addr::from(u32::try_from(n).expect("small")));
            let now = start + Duration::from_millis(n as u64);
            let _ = throttle.begin(&format!("user{n}"), address, now);
        }
        let limits = throttle.lock();
        assert_eq!(limits.per_user.entries.len(), MAX_KEYS);
        assert_eq!(limits.per_address.entries.len(), MAX_KEYS);
        // The newest stayed.
        let newest = IpAddr::V4(Ipv4Addr::from(
            u32::try_from(MAX_KEYS + 499).expect("small"),
        ));
        assert!(limits.per_address.entries.contains_key(&newest));
    }

    #[test]
    fn a_window_allows_its_quota_then_waits_until_it_ends() {
        let window = Duration::from_secs(600);
        let mut quota = Counter::per_window(2, window);
        let start = Instant::now();
        for _ in 0..2 {
            assert_eq!(quota.wait(&GUESSER, start), Duration::ZERO);
            quota.count(GUESSER, start);
        }
        let later = start + Duration::from_secs(100);
        assert_eq!(
            quota.wait(&GUESSER, later),
            window - Duration::from_secs(100)
        );
        assert_eq!(quota.wait(&DEALER, later), Duration::ZERO, "per key");
        let next_window = start + window;
        assert_eq!(quota.wait(&GUESSER, next_window), Duration::ZERO);
        quota.count(GUESSER, next_window);
        assert_eq!(
            quota.entries[&GUESSER].count, 1,
            "a new window starts afresh"
        );
    }

    #[test]
    fn a_full_windowed_counter_forgets_keys_past_their_window_first() {
        let window = Duration::from_secs(60);
        let mut quota = Counter::per_window(1, window);
        let start = Instant::now();
        quota.count(GUESSER, start);
        for n in 1..MAX_KEYS {
            let address = IpAddr::V4(Ipv4Addr::from(u32::try_from(n).expect("small")));
            quota.count(address, start + window);
        }
        quota.count(DEALER, start + window);
        assert_eq!(quota.entries.len(), MAX_KEYS);
        assert!(!quota.entries.contains_key(&GUESSER));
    }

    #[test]
    fn the_wait_is_capped_and_rounded_up() {
        assert_eq!(wait_after(1000, 3), MAX_WAIT);
        assert_eq!(retry_after_seconds(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_seconds(Duration::from_millis(1500)), 2);
        assert_eq!(retry_after_seconds(Duration::from_secs(2)), 2);
    }
}

//! Slows down password guessing without letting a guesser lock the real user out. Two limits, each
//! allowing a few failures and then spacing attempts out, twice as long after every further failure
//! (capped), refused with `429` before then:
//! * per username *and* client address: a wrong guess from one address never holds back the right
//!   password from another;
//! * per client address across usernames: one address cannot try many accounts.
//!
//! An attempt is counted when it begins ([`LoginThrottle::begin`]), before its password is checked,
//! so a burst of parallel guesses cannot all pass the check; a success takes its count back and
//! forgets the failures of that username at that address ([`LoginThrottle::succeeded`]). Failures
//! are forgotten an hour after the latest.
//!
//! The counts are in the database ([`crate::store::rate_limits`]): every server instance on it
//! counts against the same limits, a restart forgets nothing, and the table keeps at most about
//! [`MAX_KEYS`](rate_limits::MAX_KEYS) keys per limit, expired ones deleted first. A database that
//! cannot count refuses the attempt ([`Refusal::Database`]); none is let through uncounted.

use std::{net::IpAddr, time::Duration};

use sqlx::AnyPool;

use crate::store::rate_limits::{self, Limit, Refusal, Rule, Spacing, Sweeper};

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

/// The sign-in limits, counted in the database.
#[derive(Debug)]
pub struct LoginThrottle {
    per_user: Limit,
    per_address: Limit,
    sweeper: Sweeper,
}

impl Default for LoginThrottle {
    fn default() -> Self {
        let spaced = |free| {
            Rule::SpacedOut(Spacing {
                free,
                first_wait: FIRST_WAIT,
                max_wait: MAX_WAIT,
                memory: MEMORY,
            })
        };
        Self {
            per_user: Limit::new("sign-in-user", spaced(FREE_FAILURES_PER_USER)),
            per_address: Limit::new("sign-in-address", spaced(FREE_FAILURES_PER_ADDRESS)),
            sweeper: Sweeper::default(),
        }
    }
}

impl LoginThrottle {
    /// Counts an attempt to log in as `username` from `address` at `now_ms` (milliseconds since
    /// the Unix epoch), or `Err(Refusal::Wait(wait))` when it must wait first (and is not
    /// counted).
    pub async fn begin(
        &self,
        pool: &AnyPool,
        username: &str,
        address: IpAddr,
        now_ms: i64,
    ) -> Result<(), Refusal> {
        let (user, address) = (user_key(username, address), address.to_string());
        // Always the username's key first, then the address's: the order every attempt locks in.
        let keys = [
            (&self.per_user, user.as_str()),
            (&self.per_address, &address),
        ];
        let counted = rate_limits::attempt(pool, &keys, now_ms).await;
        let limits = [&self.per_user, &self.per_address];
        self.sweeper.after_attempt(pool, &limits, now_ms).await;
        counted
    }

    /// The attempt succeeded: its count is taken back and the username's failures at this address
    /// are forgotten, both or neither.
    pub async fn succeeded(
        &self,
        pool: &AnyPool,
        username: &str,
        address: IpAddr,
    ) -> Result<(), sqlx::Error> {
        let mut tx = pool.begin().await?;
        rate_limits::forget(&mut tx, &self.per_user, &user_key(username, address)).await?;
        rate_limits::take_back(&mut tx, &self.per_address, &address.to_string()).await?;
        tx.commit().await
    }
}

/// The key of `username` at `address`: usernames differing only in case or surrounding spaces are
/// one (a username has no spaces inside).
fn user_key(username: &str, address: IpAddr) -> String {
    format!("{address} {}", username.trim().to_lowercase())
}

/// Whole seconds for `Retry-After`, rounded up: never an invitation to come back too early.
pub fn retry_after_seconds(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_is_rounded_up() {
        assert_eq!(retry_after_seconds(Duration::from_millis(1)), 1);
        assert_eq!(retry_after_seconds(Duration::from_millis(1500)), 2);
        assert_eq!(retry_after_seconds(Duration::from_secs(2)), 2);
    }

    #[test]
    fn a_username_is_one_key_whatever_its_case_and_spaces() {
        let address = IpAddr::from([203, 0, 113, 7]);
        assert_eq!(user_key(" Dealer1 ", address), "203.0.113.7 dealer1");
        assert_eq!(user_key("dealer1", address), user_key("DEALER1", address));
    }
}

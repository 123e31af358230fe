//! The `rate_limits` table: the attempts of each key of each limit (the sign-in throttle's, the
//! public quote requests'), kept in the database so that every server instance on it counts
//! against the same quota; nothing is kept in memory.
//!
//! * **Counting** is one `INSERT … ON CONFLICT (name, key) DO UPDATE … WHERE <the key may go>
//!   RETURNING attempts` per key: the attempt is counted only if its key may go now, atomically
//!   (PostgreSQL locks the row, SQLite the database), so instances racing cannot both slip under a
//!   limit; a key that must wait is left as it is and returns no row. The keys of one attempt are
//!   counted in one transaction, all or none, always in the caller's fixed order (no two attempts
//!   wait for each other in a cycle): a refused attempt counts for none of its keys.
//! * **Expiry** is per row: past `expires_at_ms` (the end of its window, or [`Spacing::memory`]
//!   after its latest attempt) a row counts for nothing, and its key's next attempt starts afresh
//!   in the same statement.
//! * **Cleanup**: [`sweep`] deletes up to [`SWEEP_BATCH`] expired rows of a limit, then as many
//!   of its oldest beyond the newest [`MAX_KEYS`] (live keys are bounded too, as they were in
//!   memory). [`Sweeper`] runs it on the first and then every [`SWEEP_EVERY`]th attempt of each
//!   instance: an attempt adds at most one row per limit, a sweep removes up to ten times what an
//!   instance adds between its sweeps, so a limit holds at most [`MAX_KEYS`] rows plus a hundred
//!   per instance. A failed sweep is logged and left to the next one.
//!
//! Times are milliseconds since the Unix epoch by the server's [`Clock`](crate::clock::Clock),
//! which tests fix. `RETURNING` needs SQLite 3.35 or later (SQLx bundles 3.46).

use std::{
    sync::atomic::{AtomicU32, Ordering},
    time::Duration,
};

use sqlx::{AnyConnection, AnyPool};

/// The most keys a limit keeps (beyond them its oldest are forgotten).
pub const MAX_KEYS: usize = 10_000;
/// The most rows one sweep deletes per limit and kind (expired, beyond [`MAX_KEYS`]).
pub const SWEEP_BATCH: usize = 1_000;
/// An instance sweeps on its first attempt and then on every this many.
pub const SWEEP_EVERY: u32 = 100;

/// How a limit treats the attempts of one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// `quota` attempts per `window` of each key, which begins at its first attempt; then none
    /// until the window ends.
    PerWindow { quota: u32, window: Duration },
    /// A few attempts at once, then attempts spaced out.
    SpacedOut(Spacing),
}

/// `free` attempts, then each further one only after a wait from the latest attempt: `first_wait`,
/// twice as long after every further attempt, at most `max_wait`. A key is forgotten `memory`
/// after its latest attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spacing {
    pub free: u32,
    pub first_wait: Duration,
    pub max_wait: Duration,
    pub memory: Duration,
}

impl Spacing {
    /// How long to wait after the latest of `attempts`.
    pub fn wait_after(&self, attempts: u32) -> Duration {
        match attempts.checked_sub(self.free) {
            None => Duration::ZERO,
            Some(extra) => self
                .first_wait
                .saturating_mul(2u32.saturating_pow(extra.min(16)))
                .min(self.max_wait),
        }
    }

    /// [`Spacing::wait_after`] in SQL, in milliseconds, of the integer expression `attempts`: one
    /// `WHEN` per count whose wait is below the longest, which every later count waits.
    fn wait_after_sql(&self, attempts: &str) -> String {
        let longest = self.wait_after(u32::MAX);
        let growing = (0..=16)
            .map(|extra| self.free.saturating_add(extra))
            .take_while(|&count| self.wait_after(count) < longest);
        let mut sql = format!("CASE WHEN {attempts} < {} THEN 0", self.free);
        for count in growing {
            let wait = millis(self.wait_after(count));
            sql.push_str(&format!(" WHEN {attempts} = {count} THEN {wait}"));
        }
        sql.push_str(&format!(" ELSE {} END", millis(longest)));
        sql
    }
}

/// One limit: its name in the table, its rule, and the statement that counts an attempt.
#[derive(Debug, Clone)]
pub struct Limit {
    name: &'static str,
    rule: Rule,
    count_sql: String,
}

/// Why an attempt may not go ahead.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// Too many attempts: the longest wait of its keys before the next may go.
    #[error("too many attempts: wait {0:?}")]
    Wait(Duration),
    /// The attempts could not be counted (nor taken back): the database failed.
    #[error("the rate limits cannot be counted: {0}")]
    Database(#[from] sqlx::Error),
}

/// A row as stored.
type Stored = (i64, i64, i64);

impl Limit {
    pub fn new(name: &'static str, rule: Rule) -> Self {
        Self {
            name,
            rule,
            count_sql: count_sql(&rule),
        }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// How long a row lives after an attempt that begins it: its window, or the memory of it.
    fn lifetime(&self) -> Duration {
        match self.rule {
            Rule::PerWindow { window, .. } => window,
            Rule::SpacedOut(spacing) => spacing.memory,
        }
    }

    /// How long a key stored as `(attempts, last_attempt_ms, expires_at_ms)` must wait at `now_ms`.
    fn wait(&self, (attempts, last_attempt_ms, expires_at_ms): Stored, now_ms: i64) -> Duration {
        if expires_at_ms <= now_ms {
            return Duration::ZERO;
        }
        let attempts = u32::try_from(attempts).unwrap_or(u32::MAX);
        let until = match self.rule {
            Rule::PerWindow { quota, .. } if attempts < quota => return Duration::ZERO,
            Rule::PerWindow { .. } => expires_at_ms,
            Rule::SpacedOut(spacing) => {
                last_attempt_ms.saturating_add(millis(spacing.wait_after(attempts)))
            }
        };
        duration(until.saturating_sub(now_ms))
    }
}

/// The upsert that counts an attempt of `$2` in limit `$1` at `$3`, a row living `$4` ms after
/// the attempt that begins it; it returns no row (and changes nothing) when the key must wait.
fn count_sql(rule: &Rule) -> String {
    let (expires_at, may_go) = match rule {
        Rule::PerWindow { quota, .. } => (
            "CASE WHEN rate_limits.expires_at_ms <= $3 THEN $3 + $4 \
             ELSE rate_limits.expires_at_ms END"
                .to_owned(),
            format!("rate_limits.attempts < {quota}"),
        ),
        Rule::SpacedOut(spacing) => (
            "$3 + $4".to_owned(),
            format!(
                "rate_limits.last_attempt_ms + {} <= $3",
                spacing.wait_after_sql("rate_limits.attempts")
            ),
        ),
    };
    format!(
        "INSERT INTO rate_limits \
         (name, key, attempts, window_start_ms, last_attempt_ms, expires_at_ms) \
         VALUES ($1, $2, 1, $3, $3, $3 + $4) \
         ON CONFLICT (name, key) DO UPDATE SET \
         attempts = CASE WHEN rate_limits.expires_at_ms <= $3 THEN 1 \
         ELSE rate_limits.attempts + 1 END, \
         window_start_ms = CASE WHEN rate_limits.expires_at_ms <= $3 THEN $3 \
         ELSE rate_limits.window_start_ms END, \
         last_attempt_ms = $3, \
         expires_at_ms = {expires_at} \
         WHERE rate_limits.expires_at_ms <= $3 OR {may_go} \
         RETURNING attempts"
    )
}

/// Counts an attempt of each `(limit, key)` at `now_ms`, all or none, in the order given:
/// `Err(Refusal::Wait(longest))` when any key must wait, and then nothing is counted.
pub async fn attempt(pool: &AnyPool, keys: &[(&Limit, &str)], now_ms: i64) -> Result<(), Refusal> {
    let mut tx = pool.begin().await?;
    for (limit, key) in keys {
        let counted = sqlx::query(&limit.count_sql)
            .bind(limit.name)
            .bind(*key)
            .bind(now_ms)
            .bind(millis(limit.lifetime()))
            .fetch_optional(&mut *tx)
            .await?;
        if counted.is_none() {
            tx.rollback().await?;
            // Never less than a millisecond: `Retry-After` is then at least one second.
            let wait = longest_wait(pool, keys, now_ms).await?;
            return Err(Refusal::Wait(wait.max(Duration::from_millis(1))));
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The longest that any of `keys` must wait at `now_ms` (zero: each may go).
pub async fn longest_wait(
    pool: &AnyPool,
    keys: &[(&Limit, &str)],
    now_ms: i64,
) -> Result<Duration, sqlx::Error> {
    let mut longest = Duration::ZERO;
    for (limit, key) in keys {
        let stored: Option<Stored> = sqlx::query_as(
            "SELECT attempts, last_attempt_ms, expires_at_ms FROM rate_limits \
             WHERE name = $1 AND key = $2",
        )
        .bind(limit.name)
        .bind(*key)
        .fetch_optional(pool)
        .await?;
        if let Some(stored) = stored {
            longest = longest.max(limit.wait(stored, now_ms));
        }
    }
    Ok(longest)
}

/// Takes one attempt of `key` back (a key left with none is deleted).
pub async fn take_back(
    conn: &mut AnyConnection,
    limit: &Limit,
    key: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE rate_limits SET attempts = attempts - 1 \
         WHERE name = $1 AND key = $2 AND attempts > 0",
    )
    .bind(limit.name)
    .bind(key)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM rate_limits WHERE name = $1 AND key = $2 AND attempts = 0")
        .bind(limit.name)
        .bind(key)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Forgets every attempt of `key`.
pub async fn forget(conn: &mut AnyConnection, limit: &Limit, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rate_limits WHERE name = $1 AND key = $2")
        .bind(limit.name)
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes up to [`SWEEP_BATCH`] rows of `limit` expired at `now_ms`, then up to as many of its
/// oldest (by latest attempt) beyond the newest `keep`; answers how many it deleted.
pub async fn sweep(
    pool: &AnyPool,
    limit: &Limit,
    now_ms: i64,
    keep: usize,
) -> Result<u64, sqlx::Error> {
    let batch = i64::try_from(SWEEP_BATCH).unwrap_or(i64::MAX);
    let expired = sqlx::query(
        "DELETE FROM rate_limits WHERE name = $1 AND key IN (SELECT key FROM rate_limits \
         WHERE name = $1 AND expires_at_ms <= $2 LIMIT $3)",
    )
    .bind(limit.name)
    .bind(now_ms)
    .bind(batch)
    .execute(pool)
    .await?;
    let oldest = sqlx::query(
        "DELETE FROM rate_limits WHERE name = $1 AND key IN (SELECT key FROM rate_limits \
         WHERE name = $1 ORDER BY last_attempt_ms DESC, key LIMIT $2 OFFSET $3)",
    )
    .bind(limit.name)
    .bind(batch)
    .bind(i64::try_from(keep).unwrap_or(i64::MAX))
    .execute(pool)
    .await?;
    Ok(expired.rows_affected() + oldest.rows_affected())
}

/// Runs [`sweep`] over some limits on the first and then every [`SWEEP_EVERY`]th attempt of this
/// instance. Its count is only a cadence: losing it (a restart) loses nothing.
#[derive(Debug, Default)]
pub struct Sweeper {
    attempts: AtomicU32,
}

impl Sweeper {
    /// Counts an attempt; sweeps `limits` when it is time. A failure is logged, not answered: the
    /// rows wait for the next sweep, and the attempts were counted (or refused) all the same.
    pub async fn after_attempt(&self, pool: &AnyPool, limits: &[&Limit], now_ms: i64) {
        let attempt = self.attempts.fetch_add(1, Ordering::Relaxed);
        if !attempt.is_multiple_of(SWEEP_EVERY) {
            return;
        }
        for limit in limits {
            if let Err(error) = sweep(pool, limit, now_ms, MAX_KEYS).await {
                tracing::warn!("rate limit `{}` not swept: {error}", limit.name);
            }
        }
    }
}

/// Whole milliseconds of `wait`, as the table stores them.
fn millis(wait: Duration) -> i64 {
    i64::try_from(wait.as_millis()).unwrap_or(i64::MAX)
}

/// A duration of `ms` milliseconds (none if negative).
fn duration(ms: i64) -> Duration {
    Duration::from_millis(u64::try_from(ms).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGN_IN: Spacing = Spacing {
        free: 3,
        first_wait: Duration::from_secs(1),
        max_wait: Duration::from_secs(300),
        memory: Duration::from_secs(3600),
    };

    #[test]
    fn waits_double_after_the_free_attempts_up_to_the_longest() {
        let waits: Vec<u64> = (0..16).map(|n| SIGN_IN.wait_after(n).as_secs()).collect();
        assert_eq!(
            waits,
            [
                0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300, 300
            ]
        );
        assert_eq!(SIGN_IN.wait_after(u32::MAX), SIGN_IN.max_wait);
    }

    #[test]
    fn the_sql_waits_are_the_same_schedule() {
        assert_eq!(
            SIGN_IN.wait_after_sql("n"),
            "CASE WHEN n < 3 THEN 0 WHEN n = 3 THEN 1000 WHEN n = 4 THEN 2000 WHEN n = 5 THEN 4000 \
             WHEN n = 6 THEN 8000 WHEN n = 7 THEN 16000 WHEN n = 8 THEN 32000 \
             WHEN n = 9 THEN 64000 WHEN n = 10 THEN 128000 WHEN n = 11 THEN 256000 \
             ELSE 300000 END"
        );
    }

    #[test]
    fn a_stored_key_waits_by_its_rule() {
        let window = Limit::new(
            "w",
            Rule::PerWindow {
                quota: 2,
                window: Duration::from_secs(600),
            },
        );
        let now = 1_000_000;
        let ends = now + 500_000;
        assert_eq!(window.wait((1, now, ends), now), Duration::ZERO);
        assert_eq!(window.wait((2, now, ends), now), Duration::from_secs(500));
        assert_eq!(window.wait((2, now, ends), ends), Duration::ZERO, "expired");
        let spaced = Limit::new("s", Rule::SpacedOut(SIGN_IN));
        let forgotten = now + 3_600_000;
        assert_eq!(spaced.wait((2, now, forgotten), now), Duration::ZERO);
        assert_eq!(
            spaced.wait((4, now, forgotten), now + 500),
            Duration::from_millis(1500)
        );
        assert_eq!(spaced.wait((99, now, forgotten), forgotten), Duration::ZERO);
    }
}

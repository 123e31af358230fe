-- Rate limits that every server instance on this database shares: the attempts of one key of one
-- limit, `('quote-address', '203.0.113.7')` or `('sign-in-user', '203.0.113.7 dealer1')`, each
-- counted by one atomic upsert (`src/store/rate_limits.rs`). Times are milliseconds since the
-- Unix epoch by the servers' clock. A row past `expires_at_ms` (the end of its window, or an hour
-- after its latest attempt) counts for nothing: the next attempt of its key starts afresh, and
-- a sweep deletes it.

CREATE TABLE rate_limits (
    name TEXT NOT NULL,
    key TEXT NOT NULL,
    attempts BIGINT NOT NULL CHECK (attempts >= 0),
    window_start_ms BIGINT NOT NULL,
    last_attempt_ms BIGINT NOT NULL,
    expires_at_ms BIGINT NOT NULL,
    PRIMARY KEY (name, key)
);
CREATE INDEX rate_limits_expiry ON rate_limits (name, expires_at_ms);
CREATE INDEX rate_limits_recency ON rate_limits (name, last_attempt_ms);

-- Dealerships, the people who log in, and their sessions.
CREATE TABLE dealerships (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('dealer', 'planner')),
    dealership_id BIGINT REFERENCES dealerships (id),
    CHECK ((role = 'dealer') = (dealership_id IS NOT NULL))
);

-- Only a SHA-256 of each session token is stored: a leaked database opens no session.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Visitors' quote requests from partner sites (`data/partners.toml`), for the partner's dealer.
-- `partner` is the partner's id in that file (partners are data, not rows); the price is the
-- server's, BIGINT minor units of `currency`; timestamps RFC 3339.

CREATE TABLE quote_requests (
    id INTEGER PRIMARY KEY,
    partner TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('new', 'contacted', 'closed')),
    name TEXT NOT NULL,
    contact TEXT NOT NULL,
    code TEXT NOT NULL,
    model TEXT NOT NULL,
    quantity BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    message TEXT NOT NULL,
    market TEXT NOT NULL,
    catalog_version TEXT NOT NULL,
    net_minor BIGINT NOT NULL,
    vat_minor BIGINT NOT NULL,
    total_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    minor_digits BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT
);
CREATE INDEX quote_requests_partner ON quote_requests (partner, id);

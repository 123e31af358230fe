-- Orders, their lines and plan allocations, the plan's history and idempotency keys.
-- Money is BIGINT minor units of the order's currency; months are text `YYYY-MM`; timestamps RFC 3339.

CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    dealership_id BIGINT NOT NULL REFERENCES dealerships (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN ('placed', 'cancelled')),
    market TEXT NOT NULL,
    currency TEXT NOT NULL,
    catalog_version TEXT NOT NULL,
    order_month TEXT NOT NULL,
    created_at TEXT NOT NULL,
    cancelled_at TEXT,
    net_minor BIGINT NOT NULL,
    vat_minor BIGINT NOT NULL,
    total_minor BIGINT NOT NULL,
    -- The price snapshot: the whole `OrderQuote` as JSON.
    quote_json TEXT NOT NULL
);
CREATE INDEX orders_dealership ON orders (dealership_id, id);

CREATE TABLE order_lines (
    id INTEGER PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES orders (id),
    position BIGINT NOT NULL,
    code TEXT NOT NULL,
    model TEXT NOT NULL,
    -- Where the line is built, as planned: a later catalog may move a model.
    plant_line TEXT NOT NULL,
    kit TEXT NOT NULL,
    quantity BIGINT NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    total_minor BIGINT NOT NULL,
    UNIQUE (order_id, position)
);

CREATE TABLE allocations (
    order_line_id BIGINT NOT NULL REFERENCES order_lines (id),
    month TEXT NOT NULL,
    units BIGINT NOT NULL CHECK (units > 0),
    PRIMARY KEY (order_line_id, month)
);
CREATE INDEX allocations_month ON allocations (month);

-- The plan's history in the order it happened: `Plan::replay` rebuilds the plan from it at start-up.
CREATE TABLE plan_events (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('order', 'cancel')),
    order_id BIGINT NOT NULL REFERENCES orders (id),
    -- The order month for `order`, the month of the cancellation for `cancel`.
    month TEXT NOT NULL
);

-- A retried submission answers the order its key made; the hash tells a retry from a reuse.
CREATE TABLE idempotency_keys (
    dealership_id BIGINT NOT NULL REFERENCES dealerships (id),
    idempotency_key TEXT NOT NULL,
    request_sha256 TEXT NOT NULL,
    order_id BIGINT NOT NULL REFERENCES orders (id),
    PRIMARY KEY (dealership_id, idempotency_key)
);

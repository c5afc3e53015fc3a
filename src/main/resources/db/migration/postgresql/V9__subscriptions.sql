-- Webhook subscriptions (notify/): who is told of which changes, and how far along the change log each one is.
-- Not records: a subscription holds a signing secret, and its position moves with every delivery.
CREATE TABLE subscriptions (
    id              TEXT    PRIMARY KEY,
    owner           TEXT,
    target_url      TEXT    NOT NULL,
    filter          TEXT    NOT NULL,
    secret          TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    reason          TEXT,
    position        BIGINT  NOT NULL,
    attempts        INTEGER NOT NULL,
    failing_since   BIGINT,
    next_attempt_at BIGINT,
    version         INTEGER NOT NULL,
    created_at      BIGINT  NOT NULL,
    modified_at     BIGINT  NOT NULL
);
CREATE INDEX subscriptions_owner ON subscriptions (owner);

-- One row per attempt to deliver one event to one subscription.
CREATE TABLE subscription_deliveries (
    subscription_id TEXT    NOT NULL,
    at              BIGINT  NOT NULL,
    webhook_id      TEXT    NOT NULL,
    change_seq      BIGINT  NOT NULL,
    event_type      TEXT    NOT NULL,
    attempt         INTEGER NOT NULL,
    status_code     INTEGER,
    duration_ms     BIGINT  NOT NULL,
    error           TEXT
);
CREATE INDEX subscription_deliveries_at ON subscription_deliveries (subscription_id, at);

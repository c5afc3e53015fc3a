-- Token buckets shared by every node (Bucket4j's PostgreSQL proxy manager): the bucket's state, and when it is full
-- again, after which the row may be removed.
CREATE TABLE rate_limit_buckets (
    id         TEXT PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);

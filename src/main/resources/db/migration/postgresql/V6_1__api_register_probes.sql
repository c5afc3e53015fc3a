-- Health probes of registered APIs (API register): one row per call of a production API URL,
-- kept for 30 days. Not records: they are measurements, too many and too small for the change log.
CREATE TABLE api_probes (
    api_id      TEXT    NOT NULL,
    at          BIGINT  NOT NULL,
    status_code INTEGER,
    latency_ms  BIGINT,
    ok          BOOLEAN NOT NULL,
    reason      TEXT
);
CREATE INDEX api_probes_api_at ON api_probes (api_id, at);

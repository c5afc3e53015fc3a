-- Background work claimed with leases (store/Jobs): one row per job, claimed by one node at a time until its
-- lease runs out; a node that dies leaves a lease that expires, and another node takes the job over.
CREATE TABLE job_leases (
    kind        TEXT    NOT NULL,
    job_key     TEXT    NOT NULL,
    due_at      BIGINT  NOT NULL,
    holder      TEXT,
    lease_until BIGINT,
    claims      BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, job_key)
);
CREATE INDEX job_leases_due ON job_leases (kind, due_at);

-- Snapshots of a node's search index published to the blob store (search/IndexSnapshots): the newest row names
-- the manifest a new node downloads instead of rebuilding its index from the records.
CREATE TABLE index_snapshots (
    manifest_sha256 TEXT   NOT NULL PRIMARY KEY,
    index_format    TEXT   NOT NULL,
    seq             BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    node            TEXT   NOT NULL
);
CREATE INDEX index_snapshots_newest ON index_snapshots (created_at);

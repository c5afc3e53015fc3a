-- Records hold the current version of every domain object; changes hold every version in commit order.
CREATE TABLE records (
    kind          TEXT    NOT NULL,
    id            TEXT    NOT NULL,
    name          TEXT,
    version       INTEGER NOT NULL,
    organisation  TEXT,
    state         TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    modified_at   INTEGER NOT NULL,
    body          TEXT    NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX records_organisation ON records (organisation);
-- A name (slug) is unique within a kind while the record exists, whatever its state.
CREATE UNIQUE INDEX records_kind_name ON records (kind, name);

CREATE TABLE changes (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT    NOT NULL,
    id            TEXT    NOT NULL,
    name          TEXT,
    version       INTEGER NOT NULL,
    organisation  TEXT,
    state         TEXT    NOT NULL,
    at            INTEGER NOT NULL,
    cause         TEXT,
    body          TEXT    NOT NULL
);
CREATE UNIQUE INDEX changes_record_version ON changes (kind, id, version);

CREATE TABLE api_tokens (
    id                  TEXT    PRIMARY KEY,
    name                TEXT    NOT NULL,
    secret_hash         TEXT    NOT NULL UNIQUE,
    scope_type          TEXT    NOT NULL,
    scope_id            TEXT,
    scope_organisation  TEXT,
    level               TEXT    NOT NULL,
    expires_at          INTEGER,
    created_at          INTEGER NOT NULL,
    last_used_at        INTEGER,
    revoked_at          INTEGER,
    created_by          TEXT
);
CREATE INDEX api_tokens_scope ON api_tokens (scope_organisation);

CREATE TABLE audit_log (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    at              INTEGER NOT NULL,
    token_id        TEXT,
    token_name      TEXT,
    action          TEXT    NOT NULL,
    resource        TEXT    NOT NULL,
    client_address  TEXT
);

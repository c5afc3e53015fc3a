-- Records hold the current version of every domain object; changes hold every version in commit order.
CREATE TABLE records (
    kind          TEXT    NOT NULL,
    id            TEXT    NOT NULL,
    name          TEXT,
    version       BIGINT NOT NULL,
    organisation  TEXT,
    state         TEXT    NOT NULL,
    created_at    BIGINT NOT NULL,
    modified_at   BIGINT NOT NULL,
    body          TEXT    NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX records_organisation ON records (organisation);
-- A name (slug) is unique within a kind while the record exists, whatever its state.
CREATE UNIQUE INDEX records_kind_name ON records (kind, name);

CREATE TABLE changes (
    seq           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind          TEXT    NOT NULL,
    id            TEXT    NOT NULL,
    name          TEXT,
    version       BIGINT NOT NULL,
    organisation  TEXT,
    state         TEXT    NOT NULL,
    at            BIGINT NOT NULL,
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
    expires_at          BIGINT,
    created_at          BIGINT NOT NULL,
    last_used_at        BIGINT,
    revoked_at          BIGINT,
    created_by          TEXT
);
CREATE INDEX api_tokens_scope ON api_tokens (scope_organisation);

CREATE TABLE audit_log (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              BIGINT NOT NULL,
    token_id        TEXT,
    token_name      TEXT,
    action          TEXT    NOT NULL,
    resource        TEXT    NOT NULL,
    client_address  TEXT
);

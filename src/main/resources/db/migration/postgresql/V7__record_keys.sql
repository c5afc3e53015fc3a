-- Unique keys of a record besides its id and name (a document's identifiers), held by one record at a time.
CREATE TABLE record_keys (
    kind TEXT NOT NULL,
    key  TEXT NOT NULL,
    id   TEXT NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE INDEX record_keys_by_record ON record_keys (kind, id);

-- Documents delivered before this migration: their publisher's identifiers become their keys.
INSERT INTO record_keys (kind, key, id)
SELECT r.kind, r.organisation || E'\n' || j.value, r.id
FROM records r, jsonb_array_elements_text(r.body::jsonb -> 'identifiers') AS j(value)
WHERE r.kind = 'document'
ON CONFLICT DO NOTHING;

-- The log: one row per accepted statement, never updated or deleted.
CREATE TABLE entries (
    idx         INTEGER PRIMARY KEY,          -- 0-based log index, assigned in order
    kind        TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    account     TEXT    NOT NULL,
    signer      TEXT    NOT NULL,
    nonce       TEXT    NOT NULL UNIQUE,      -- a second statement with the same nonce is a replay
    issued_at   TEXT    NOT NULL,             -- RFC 3339, UTC, nanoseconds
    accepted_at TEXT    NOT NULL,
    body        BLOB    NOT NULL,             -- the leaf: canonical JSON of the signed statement
    leaf_hash   BLOB    NOT NULL,
    digest      TEXT,
    product     TEXT
) STRICT;
CREATE INDEX entries_subject ON entries (subject, idx);

-- Derived from the log in the same transaction as each append.
CREATE TABLE labels (
    id          TEXT PRIMARY KEY,
    product     TEXT    NOT NULL,
    maker       TEXT    NOT NULL,
    digest      TEXT    NOT NULL,
    declared_in INTEGER NOT NULL,
    revoked     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX labels_maker ON labels (maker, id);
CREATE INDEX labels_product ON labels (product, id);

CREATE TABLE accounts (
    slug       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE keys (
    key_id     TEXT PRIMARY KEY,
    account    TEXT NOT NULL REFERENCES accounts (slug),
    public_key TEXT NOT NULL,
    added_at   TEXT NOT NULL,
    revoked_at TEXT
) STRICT;
CREATE INDEX keys_account ON keys (account);

CREATE TABLE accreditations (
    lab        TEXT NOT NULL REFERENCES accounts (slug),
    scheme     TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    PRIMARY KEY (lab, scheme)
) STRICT;

CREATE TABLE audit (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL,
    action  TEXT NOT NULL,
    code    TEXT,
    actor   TEXT,
    client  TEXT,
    subject TEXT,
    detail  TEXT NOT NULL
) STRICT;

CREATE TABLE cosignatures (
    size        INTEGER NOT NULL,
    witness     TEXT    NOT NULL,
    line        TEXT    NOT NULL,
    received_at TEXT    NOT NULL,
    PRIMARY KEY (size, witness)
) STRICT;

CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

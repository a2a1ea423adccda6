-- The registry's first schema. Applied once, in a transaction, by PgStore::open (see lib.rs).
-- Identifiers that listings order or page by use the "C" collation, so that PostgreSQL orders
-- them by bytes as SQLite does, whatever the database's locale.

-- The log: one row per accepted statement, never updated or deleted.
CREATE TABLE log_entries (
    idx         BIGINT PRIMARY KEY CHECK (idx >= 0),
    kind        TEXT NOT NULL,
    subject     TEXT NOT NULL,
    account     TEXT NOT NULL,
    signer      TEXT NOT NULL,
    nonce       TEXT NOT NULL UNIQUE,
    issued_at   TIMESTAMPTZ NOT NULL,
    accepted_at TIMESTAMPTZ NOT NULL,
    body        BYTEA NOT NULL,
    leaf_hash   BYTEA NOT NULL CHECK (octet_length(leaf_hash) = 32),
    digest      TEXT,
    product     TEXT
);
CREATE INDEX log_entries_subject ON log_entries (subject, idx);

-- Labels, derived from the log's declarations and revocations.
CREATE TABLE labels (
    id          TEXT COLLATE "C" PRIMARY KEY,
    product     TEXT NOT NULL,
    maker       TEXT NOT NULL,
    digest      TEXT NOT NULL,
    declared_in BIGINT NOT NULL REFERENCES log_entries (idx),
    revoked     BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX labels_maker ON labels (maker, id);
CREATE INDEX labels_product ON labels (product, id);

CREATE TABLE accounts (
    slug       TEXT COLLATE "C" PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE keys (
    key_id     TEXT COLLATE "C" PRIMARY KEY,
    account    TEXT COLLATE "C" NOT NULL REFERENCES accounts (slug),
    public_key TEXT NOT NULL,
    added_at   TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX keys_account ON keys (account);

CREATE TABLE accreditations (
    lab        TEXT COLLATE "C" NOT NULL REFERENCES accounts (slug),
    scheme     TEXT COLLATE "C" NOT NULL,
    granted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (lab, scheme)
);

CREATE TABLE audit (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      TIMESTAMPTZ NOT NULL,
    action  TEXT NOT NULL,
    code    TEXT,
    actor   TEXT,
    client  TEXT,
    subject TEXT,
    detail  TEXT NOT NULL
);
CREATE INDEX audit_at ON audit (at, id);

CREATE TABLE cosignatures (
    size        BIGINT NOT NULL,
    witness     TEXT COLLATE "C" NOT NULL,
    line        TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (size, witness)
);

CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

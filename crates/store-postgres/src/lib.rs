//! The registry's storage on PostgreSQL ([`PgStore`]), for several `serve` instances sharing one
//! database. It passes the same story test as every backend (`iotlabel_store::conformance`).
//!
//! # The sequencer
//!
//! Log indexes are assigned under one lock per log: every append is a `READ COMMITTED`
//! transaction whose first statement is `pg_advisory_xact_lock(key)`, `key` being a fixed hash
//! of this crate's name and the schema the log lives in (so two registries in two schemas of one
//! database do not wait for each other). Holding it, the transaction checks the nonce (a nonce
//! already logged is [`StoreError::Replay`] with the existing entry's index, and nothing is
//! written), reads the size (`MAX(idx) + 1` off the primary key), inserts the entry at that
//! index, applies the [`Effect`] and the label index, and commits; the lock is released by the
//! commit itself. PostgreSQL makes a commit visible before it releases the transaction's locks,
//! and under `READ COMMITTED` each statement takes a new snapshot, so the next holder's size
//! query sees the previous entry: appends are strictly ordered with no gaps, whatever the number
//! of servers and connections, and an append that fails (a conflict, a crash, a lost
//! connection) rolls back whole and leaves no hole. The committed log is always a prefix, so
//! readers need no lock. The nonce column is also `UNIQUE` and the index the primary key, as a
//! second line of defence. A serializable transaction would also be correct, but concurrent
//! appends would then fail and retry on every collision; the advisory lock queues them instead.
//!
//! # Migrations
//!
//! The schema lives in checked-in files, `migrations/V<n>__<name>.sql`, embedded with
//! `include_str!` and applied by a small runner rather than `refinery`: the runner is about forty
//! lines, records what it applied in a `schema_migrations` table of our choosing, and applies
//! every pending migration in one transaction under a database-wide advisory lock, so that
//! several servers starting at once apply each migration exactly once (the others wait, then
//! find nothing to do). A database migrated by a newer build is refused rather than used.
//!
//! # Schemas
//!
//! [`PgStore::open`] uses the connection's own `search_path`; [`PgStore::open_in_schema`] puts
//! everything in a named schema (created when missing), for tests and for operators who keep the
//! registry beside other data. The schema name is the only identifier ever put into SQL text,
//! and only after checking it is a plain lowercase identifier; every value goes in as a
//! parameter.
//!
//! Connections come from an `r2d2` pool (`r2d2_postgres`, at most 8 per store). Times are
//! `TIMESTAMPTZ` (microsecond precision), bodies and leaf hashes `BYTEA`.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};
use iotlabel_registry::{Account, Accreditation, Effect, KeyRecord, Role};
use iotlabel_statement::Kind;
use iotlabel_store::{AuditEvent, Cosignature, Entry, LabelRow, NewEntry, Result, Store, StoreError};
use iotlabel_tlog::Hash;
use postgres::{Config, GenericClient, IsolationLevel, NoTls, Row};
use r2d2_postgres::PostgresConnectionManager;

/// The migrations, in order. Each is applied once and recorded in `schema_migrations`.
const MIGRATIONS: &[(i64, &str, &str)] = &[(1, "init", include_str!("../migrations/V1__init.sql"))];

/// Connections a store keeps open at most.
const POOL_SIZE: u32 = 8;

/// The registry's storage on PostgreSQL: a connection pool, safe to share between threads and
/// with other servers on the same database.
pub struct PgStore {
    pool: r2d2::Pool<PostgresConnectionManager<NoTls>>,
    /// The schema holding the tables.
    schema: String,
    /// The advisory lock key of this schema's log.
    log_lock: i64,
}

impl fmt::Debug for PgStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PgStore").field("schema", &self.schema).finish_non_exhaustive()
    }
}

impl PgStore {
    /// Connects to `url` (`postgres://user@host:port/database`, or the key-value form) and
    /// applies any pending migration, in the connection's default schema.
    pub fn open(url: &str) -> Result<PgStore> {
        PgStore::connect(url.parse().or_backend()?, None)
    }

    /// Like [`PgStore::open`], with every table in `schema` (created when missing): a plain
    /// identifier of lowercase ASCII letters, digits and `_`, not starting with a digit.
    pub fn open_in_schema(url: &str, schema: &str) -> Result<PgStore> {
        if !is_plain_identifier(schema) {
            return Err(StoreError::Backend(format!(
                "the schema name {schema:?} is not a plain identifier (a-z, 0-9, _; at most 63)"
            )));
        }
        let mut config: Config = url.parse().or_backend()?;
        let options = match config.get_options() {
            Some(given) => format!("{given} -c search_path={schema}"),
            None => format!("-c search_path={schema}"),
        };
        config.options(&options);
        PgStore::connect(config, Some(schema))
    }

    fn connect(config: Config, schema: Option<&str>) -> Result<PgStore> {
        let pool = r2d2::Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(1))
            .connection_timeout(Duration::from_secs(10))
            .build(PostgresConnectionManager::new(config, NoTls))
            .or_backend()?;
        let mut conn = pool.get().or_backend()?;
        migrate(&mut conn, schema)?;
        let schema: Option<String> =
            conn.query_one("SELECT current_schema()", &[]).or_backend()?.try_get(0).or_backend()?;
        let schema = schema.ok_or_else(|| StoreError::Backend("no schema in the search path".into()))?;
        drop(conn);
        let log_lock = lock_key(&["log", &schema]);
        Ok(PgStore { pool, schema, log_lock })
    }

    /// The schema holding the tables.
    pub fn schema(&self) -> &str {
        &self.schema
    }

    fn conn(&self) -> Result<r2d2::PooledConnection<PostgresConnectionManager<NoTls>>> {
        self.pool.get().or_backend()
    }

    fn transaction<T>(&self, work: impl FnOnce(&mut postgres::Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.conn()?;
        let mut tx =
            conn.build_transaction().isolation_level(IsolationLevel::ReadCommitted).start().or_backend()?;
        let out = work(&mut tx)?;
        tx.commit().or_backend()?;
        Ok(out)
    }
}

/// Applies the pending migrations in one transaction, under a lock every server takes.
fn migrate(client: &mut postgres::Client, schema: Option<&str>) -> Result<()> {
    let mut tx = client.transaction().or_backend()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&lock_key(&["migrate"])]).or_backend()?;
    if let Some(schema) = schema {
        // An identifier cannot be a parameter; `open_in_schema` checked it is a plain one.
        tx.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS \"{schema}\"")).or_backend()?;
    }
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )",
    )
    .or_backend()?;
    let applied: Vec<i64> = tx
        .query("SELECT version FROM schema_migrations ORDER BY version", &[])
        .or_backend()?
        .iter()
        .map(|row| row.try_get(0))
        .collect::<Result<_, _>>()
        .or_backend()?;
    let known = MIGRATIONS.last().map_or(0, |m| m.0);
    if let Some(&newest) = applied.last()
        && newest > known
    {
        return Err(StoreError::Backend(format!(
            "the database schema is at version {newest}, newer than this build knows ({known}): upgrade the server"
        )));
    }
    for (version, name, sql) in MIGRATIONS {
        if !applied.contains(version) {
            tx.batch_execute(sql)
                .map_err(|e| StoreError::Backend(format!("migration V{version}__{name}: {e}")))?;
            tx.execute("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", &[version, name])
                .or_backend()?;
        }
    }
    tx.commit().or_backend()
}

/// `a-z` or `_`, then `a-z`, `0-9` or `_`, at most 63 bytes (PostgreSQL's identifier length).
fn is_plain_identifier(name: &str) -> bool {
    let mut bytes = name.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'_'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_'))
        && name.len() <= 63
}

/// An advisory lock key: FNV-1a of this crate's name and `parts`, stable across builds (every
/// server on a database must compute the same key).
fn lock_key(parts: &[&str]) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in std::iter::once("iotlabel-store-postgres")
        .chain(parts.iter().copied())
        .flat_map(|p| p.bytes().chain(std::iter::once(0)))
    {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    i64::from_ne_bytes(hash.to_ne_bytes())
}

/// Errors the database or the pool report become [`StoreError::Backend`].
trait OrBackend<T> {
    fn or_backend(self) -> Result<T>;
}

impl<T, E: fmt::Display> OrBackend<T> for std::result::Result<T, E> {
    fn or_backend(self) -> Result<T> {
        self.map_err(|e| StoreError::Backend(e.to_string()))
    }
}

/// A log position as PostgreSQL's BIGINT (positions past `i64::MAX` do not exist).
fn to_db(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn from_db(n: i64) -> Result<u64> {
    u64::try_from(n).or_backend()
}

const ENTRY_COLUMNS: &str =
    "idx, kind, subject, account, signer, nonce, issued_at, accepted_at, body, leaf_hash, digest, product";

fn entry_of(row: &Row) -> Result<Entry> {
    let kind: String = row.try_get("kind").or_backend()?;
    let kind = Kind::ALL
        .into_iter()
        .find(|k| k.as_str() == kind)
        .ok_or_else(|| StoreError::Backend(format!("unknown statement kind {kind:?} in the log")))?;
    let leaf_hash: Vec<u8> = row.try_get("leaf_hash").or_backend()?;
    let leaf_hash: Hash =
        leaf_hash.try_into().map_err(|_| StoreError::Backend("a leaf hash is not 32 bytes".into()))?;
    Ok(Entry {
        index: from_db(row.try_get("idx").or_backend()?)?,
        leaf_hash,
        entry: NewEntry {
            kind,
            subject: row.try_get("subject").or_backend()?,
            account: row.try_get("account").or_backend()?,
            signer: row.try_get("signer").or_backend()?,
            nonce: row.try_get("nonce").or_backend()?,
            issued_at: row.try_get("issued_at").or_backend()?,
            accepted_at: row.try_get("accepted_at").or_backend()?,
            body: row.try_get("body").or_backend()?,
            digest: row.try_get("digest").or_backend()?,
            product: row.try_get("product").or_backend()?,
        },
    })
}

fn label_of(row: &Row) -> Result<LabelRow> {
    Ok(LabelRow {
        id: row.try_get("id").or_backend()?,
        product: row.try_get("product").or_backend()?,
        maker: row.try_get("maker").or_backend()?,
        digest: row.try_get("digest").or_backend()?,
        declared_in: from_db(row.try_get("declared_in").or_backend()?)?,
        revoked: row.try_get("revoked").or_backend()?,
    })
}

fn account_of(row: &Row) -> Result<Account> {
    let role: String = row.try_get("role").or_backend()?;
    Ok(Account {
        name: row.try_get("name").or_backend()?,
        slug: row.try_get("slug").or_backend()?,
        role: Role::parse(&role).ok_or_else(|| StoreError::Backend(format!("unknown role {role:?}")))?,
        created_at: row.try_get("created_at").or_backend()?,
    })
}

fn key_of(row: &Row) -> Result<KeyRecord> {
    Ok(KeyRecord {
        key_id: row.try_get("key_id").or_backend()?,
        account: row.try_get("account").or_backend()?,
        public_key: row.try_get("public_key").or_backend()?,
        added_at: row.try_get("added_at").or_backend()?,
        revoked_at: row.try_get("revoked_at").or_backend()?,
    })
}

fn rows<T>(rows: Vec<Row>, of: fn(&Row) -> Result<T>) -> Result<Vec<T>> {
    rows.iter().map(of).collect()
}

fn apply(client: &mut impl GenericClient, effect: &Effect) -> Result<()> {
    match effect {
        Effect::Enrol { account, key } => {
            insert_account(client, account)?;
            insert_key(client, key)
        }
        Effect::AddKey(key) => insert_key(client, key),
        Effect::RevokeKey { key_id, at } => revoke(client, key_id, *at),
    }
}

fn insert_account(client: &mut impl GenericClient, account: &Account) -> Result<()> {
    let inserted = client
        .execute(
            "INSERT INTO accounts (slug, name, role, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING",
            &[&account.slug, &account.name, &account.role.as_str(), &account.created_at],
        )
        .or_backend()?;
    if inserted == 0 {
        return Err(StoreError::Conflict(format!("the account {} exists already", account.slug)));
    }
    Ok(())
}

fn insert_key(client: &mut impl GenericClient, key: &KeyRecord) -> Result<()> {
    let holder = client
        .query_opt("SELECT 1 FROM accounts WHERE slug = $1 FOR KEY SHARE", &[&key.account])
        .or_backend()?;
    if holder.is_none() {
        return Err(StoreError::NotFound(format!("no account {}", key.account)));
    }
    let inserted = client
        .execute(
            "INSERT INTO keys (key_id, account, public_key, added_at, revoked_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            &[&key.key_id, &key.account, &key.public_key, &key.added_at, &key.revoked_at],
        )
        .or_backend()?;
    if inserted == 0 {
        return Err(StoreError::Conflict(format!("the key {} exists already", key.key_id)));
    }
    Ok(())
}

/// Revokes a key; a key revoked already keeps its first revocation time.
fn revoke(client: &mut impl GenericClient, key_id: &str, at: DateTime<Utc>) -> Result<()> {
    let updated = client
        .execute("UPDATE keys SET revoked_at = COALESCE(revoked_at, $2) WHERE key_id = $1", &[&key_id, &at])
        .or_backend()?;
    if updated == 0 {
        return Err(StoreError::NotFound(format!("no key {key_id}")));
    }
    Ok(())
}

impl Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    fn append(&self, entry: NewEntry, effect: Option<Effect>) -> Result<Entry> {
        let (index, leaf_hash) = self.transaction(|tx| {
            // The sequencer (see the crate documentation): held until the commit.
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&self.log_lock]).or_backend()?;
            if let Some(row) =
                tx.query_opt("SELECT idx FROM log_entries WHERE nonce = $1", &[&entry.nonce]).or_backend()?
            {
                let index = from_db(row.try_get(0).or_backend()?)?;
                return Err(StoreError::Replay { nonce: entry.nonce.clone(), index });
            }
            let index: i64 = tx
                .query_one("SELECT COALESCE(MAX(idx) + 1, 0) FROM log_entries", &[])
                .or_backend()?
                .try_get(0)
                .or_backend()?;
            let leaf_hash = iotlabel_tlog::leaf_hash(&entry.body);
            tx.execute(
                "INSERT INTO log_entries (idx, kind, subject, account, signer, nonce, issued_at,
                     accepted_at, body, leaf_hash, digest, product)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                &[
                    &index,
                    &entry.kind.as_str(),
                    &entry.subject,
                    &entry.account,
                    &entry.signer,
                    &entry.nonce,
                    &entry.issued_at,
                    &entry.accepted_at,
                    &entry.body,
                    &leaf_hash.as_slice(),
                    &entry.digest,
                    &entry.product,
                ],
            )
            .or_backend()?;
            if let Some(effect) = &effect {
                apply(tx, effect)?;
            }
            match entry.kind {
                Kind::Declaration => {
                    let (Some(digest), Some(product)) = (&entry.digest, &entry.product) else {
                        return Err(StoreError::Backend("a declaration needs its digest and product".into()));
                    };
                    // A revocation is final: declaring the label again keeps it revoked.
                    tx.execute(
                        "INSERT INTO labels (id, product, maker, digest, declared_in)
                         VALUES ($1, $2, $3, $4, $5)
                         ON CONFLICT (id) DO UPDATE SET product = EXCLUDED.product, maker = EXCLUDED.maker,
                             digest = EXCLUDED.digest, declared_in = EXCLUDED.declared_in",
                        &[&entry.subject, product, &entry.account, digest, &index],
                    )
                    .or_backend()?;
                }
                Kind::Revocation => {
                    tx.execute("UPDATE labels SET revoked = TRUE WHERE id = $1", &[&entry.subject])
                        .or_backend()?;
                }
                Kind::Attestation | Kind::Vex | Kind::KeyChange | Kind::Mud => {}
            }
            Ok((from_db(index)?, leaf_hash))
        })?;
        Ok(Entry { index, leaf_hash, entry })
    }

    fn size(&self) -> Result<u64> {
        let row =
            self.conn()?.query_one("SELECT COALESCE(MAX(idx) + 1, 0) FROM log_entries", &[]).or_backend()?;
        from_db(row.try_get(0).or_backend()?)
    }

    fn entries(&self, start: u64, end: u64) -> Result<Vec<Entry>> {
        let found = self
            .conn()?
            .query(
                &format!("SELECT {ENTRY_COLUMNS} FROM log_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx"),
                &[&to_db(start), &to_db(end)],
            )
            .or_backend()?;
        rows(found, entry_of)
    }

    fn leaf_hashes(&self, start: u64, end: u64) -> Result<Vec<Hash>> {
        let found = self
            .conn()?
            .query(
                "SELECT leaf_hash FROM log_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx",
                &[&to_db(start), &to_db(end)],
            )
            .or_backend()?;
        found
            .iter()
            .map(|row| {
                let hash: Vec<u8> = row.try_get(0).or_backend()?;
                hash.try_into().map_err(|_| StoreError::Backend("a leaf hash is not 32 bytes".into()))
            })
            .collect()
    }

    fn entries_about(&self, subject: &str) -> Result<Vec<Entry>> {
        let found = self
            .conn()?
            .query(
                &format!("SELECT {ENTRY_COLUMNS} FROM log_entries WHERE subject = $1 ORDER BY idx"),
                &[&subject],
            )
            .or_backend()?;
        rows(found, entry_of)
    }

    fn label(&self, id: &str) -> Result<Option<LabelRow>> {
        let found = self
            .conn()?
            .query_opt(
                "SELECT id, product, maker, digest, declared_in, revoked FROM labels WHERE id = $1",
                &[&id],
            )
            .or_backend()?;
        found.as_ref().map(label_of).transpose()
    }

    fn labels(
        &self,
        after: Option<&str>,
        limit: u32,
        maker: Option<&str>,
        product: Option<&str>,
    ) -> Result<Vec<LabelRow>> {
        let found = self
            .conn()?
            .query(
                "SELECT id, product, maker, digest, declared_in, revoked FROM labels
                 WHERE ($1::text IS NULL OR id > $1)
                   AND ($2::text IS NULL OR maker = $2)
                   AND ($3::text IS NULL OR product = $3)
                 ORDER BY id LIMIT $4",
                &[&after, &maker, &product, &i64::from(limit)],
            )
            .or_backend()?;
        rows(found, label_of)
    }

    fn account(&self, slug: &str) -> Result<Option<Account>> {
        let found = self
            .conn()?
            .query_opt("SELECT slug, name, role, created_at FROM accounts WHERE slug = $1", &[&slug])
            .or_backend()?;
        found.as_ref().map(account_of).transpose()
    }

    fn accounts(&self) -> Result<Vec<Account>> {
        let found = self
            .conn()?
            .query("SELECT slug, name, role, created_at FROM accounts ORDER BY slug", &[])
            .or_backend()?;
        rows(found, account_of)
    }

    fn create_account(&self, account: &Account) -> Result<()> {
        insert_account(&mut *self.conn()?, account)
    }

    fn key(&self, key_id: &str) -> Result<Option<KeyRecord>> {
        let found = self
            .conn()?
            .query_opt(
                "SELECT key_id, account, public_key, added_at, revoked_at FROM keys WHERE key_id = $1",
                &[&key_id],
            )
            .or_backend()?;
        found.as_ref().map(key_of).transpose()
    }

    fn keys(&self, account: &str) -> Result<Vec<KeyRecord>> {
        let found = self
            .conn()?
            .query(
                "SELECT key_id, account, public_key, added_at, revoked_at FROM keys WHERE account = $1
                 ORDER BY added_at, key_id",
                &[&account],
            )
            .or_backend()?;
        rows(found, key_of)
    }

    fn add_key(&self, key: &KeyRecord) -> Result<()> {
        self.transaction(|tx| insert_key(tx, key))
    }

    fn revoke_key(&self, key_id: &str, at: DateTime<Utc>) -> Result<()> {
        revoke(&mut *self.conn()?, key_id, at)
    }

    fn accreditations(&self, lab: &str) -> Result<Vec<Accreditation>> {
        let found = self
            .conn()?
            .query(
                "SELECT lab, scheme, granted_at FROM accreditations WHERE lab = $1 ORDER BY scheme",
                &[&lab],
            )
            .or_backend()?;
        found
            .iter()
            .map(|row| {
                Ok(Accreditation {
                    lab: row.try_get("lab").or_backend()?,
                    scheme: row.try_get("scheme").or_backend()?,
                    granted_at: row.try_get("granted_at").or_backend()?,
                })
            })
            .collect()
    }

    fn accredit(&self, accreditation: &Accreditation) -> Result<()> {
        self.transaction(|tx| {
            let lab = tx
                .query_opt("SELECT 1 FROM accounts WHERE slug = $1 FOR KEY SHARE", &[&accreditation.lab])
                .or_backend()?;
            if lab.is_none() {
                return Err(StoreError::NotFound(format!("no account {}", accreditation.lab)));
            }
            tx.execute(
                "INSERT INTO accreditations (lab, scheme, granted_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                &[&accreditation.lab, &accreditation.scheme, &accreditation.granted_at],
            )
            .or_backend()?;
            Ok(())
        })
    }

    fn withdraw(&self, lab: &str, scheme: &str) -> Result<bool> {
        let deleted = self
            .conn()?
            .execute("DELETE FROM accreditations WHERE lab = $1 AND scheme = $2", &[&lab, &scheme])
            .or_backend()?;
        Ok(deleted > 0)
    }

    fn audit(&self, event: &AuditEvent) -> Result<()> {
        self.conn()?
            .execute(
                "INSERT INTO audit (at, action, code, actor, client, subject, detail)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[
                    &event.at,
                    &event.action,
                    &event.code,
                    &event.actor,
                    &event.client,
                    &event.subject,
                    &event.detail,
                ],
            )
            .or_backend()?;
        Ok(())
    }

    fn audit_trail(&self, limit: u32) -> Result<Vec<AuditEvent>> {
        let found = self
            .conn()?
            .query(
                "SELECT at, action, code, actor, client, subject, detail FROM audit
                 ORDER BY at DESC, id DESC LIMIT $1",
                &[&i64::from(limit)],
            )
            .or_backend()?;
        found
            .iter()
            .map(|row| {
                Ok(AuditEvent {
                    at: row.try_get("at").or_backend()?,
                    action: row.try_get("action").or_backend()?,
                    code: row.try_get("code").or_backend()?,
                    actor: row.try_get("actor").or_backend()?,
                    client: row.try_get("client").or_backend()?,
                    subject: row.try_get("subject").or_backend()?,
                    detail: row.try_get("detail").or_backend()?,
                })
            })
            .collect()
    }

    fn add_cosignature(&self, cosignature: &Cosignature) -> Result<()> {
        self.conn()?
            .execute(
                "INSERT INTO cosignatures (size, witness, line, received_at) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (size, witness) DO UPDATE SET line = EXCLUDED.line,
                     received_at = EXCLUDED.received_at",
                &[
                    &to_db(cosignature.size),
                    &cosignature.witness,
                    &cosignature.line,
                    &cosignature.received_at,
                ],
            )
            .or_backend()?;
        Ok(())
    }

    fn cosignatures(&self, size: u64) -> Result<Vec<Cosignature>> {
        let found = self
            .conn()?
            .query(
                "SELECT size, witness, line, received_at FROM cosignatures WHERE size = $1 ORDER BY witness",
                &[&to_db(size)],
            )
            .or_backend()?;
        found
            .iter()
            .map(|row| {
                Ok(Cosignature {
                    size: from_db(row.try_get("size").or_backend()?)?,
                    witness: row.try_get("witness").or_backend()?,
                    line: row.try_get("line").or_backend()?,
                    received_at: row.try_get("received_at").or_backend()?,
                })
            })
            .collect()
    }

    fn setting_or_init(&self, name: &str, value: &str) -> Result<String> {
        // Two statements: the second's snapshot sees a value another server stored meanwhile
        // (the insert waits for that server's transaction to end).
        self.transaction(|tx| {
            tx.execute(
                "INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
                &[&name, &value],
            )
            .or_backend()?;
            tx.query_one("SELECT value FROM settings WHERE name = $1", &[&name])
                .or_backend()?
                .try_get(0)
                .or_backend()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_names() {
        for ok in ["iotlabel", "_x", "iotlabel_test_12_34"] {
            assert!(is_plain_identifier(ok), "{ok}");
        }
        for bad in ["", "1abc", "Iotlabel", "a-b", "a\"b", "a b", &"a".repeat(64)] {
            assert!(!is_plain_identifier(bad), "{bad}");
        }
    }

    #[test]
    fn lock_keys_are_stable_and_distinct() {
        // Every server on a database must compute the same key: it is part of the format.
        assert_eq!(lock_key(&["log", "public"]), lock_key(&["log", "public"]));
        assert_ne!(lock_key(&["log", "public"]), lock_key(&["log", "other"]));
        assert_ne!(lock_key(&["log", "ab"]), lock_key(&["loga", "b"]));
        assert_eq!(lock_key(&[]), -2_759_866_393_059_421_837, "FNV-1a of the crate name and a NUL");
    }
}

//! The registry's [`Store`] on embedded SQLite: the default backend, one file in the data
//! directory, created and migrated on first start.
//!
//! - **Journal**: WAL, so readers never wait for the writer; `synchronous = NORMAL`, which keeps
//!   every committed transaction through a crash of the process (SIGKILL included; tested by the
//!   CLI's crash test) and may lose the last commits only on a power loss or an OS crash
//!   (`Options::durable` sets `FULL` for that).
//! - **Sequencer**: one writer connection behind a mutex, and each append a `BEGIN IMMEDIATE`
//!   transaction that reads the size, inserts at that index and applies the statement's effect;
//!   SQLite allows one writer per database file, so even two processes on one file cannot
//!   interleave an append (the second waits on the file lock, up to the busy timeout).
//! - **Readers**: a small pool of read-only connections.
//! - **Migrations**: `migrations/*.sql`, applied in order by `rusqlite_migration`, which records
//!   the schema version in SQLite's `user_version`.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, SecondsFormat, Utc};
use iotlabel_registry::{Account, Accreditation, Effect, KeyRecord, Role};
use iotlabel_statement::Kind;
use iotlabel_store::{AuditEvent, Cosignature, Entry, LabelRow, NewEntry, Result, Store, StoreError};
use iotlabel_tlog::Hash;
use rusqlite::{Connection, OpenFlags, OptionalExtension as _, Row, TransactionBehavior, params};
use rusqlite_migration::{M, Migrations};

/// The schema, in order. A new migration is a new file and a new line; old ones never change.
const MIGRATIONS: &[&str] = &[include_str!("../migrations/001_init.sql")];

/// How to open the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// `synchronous = FULL`: every commit survives a power loss too, at the cost of an fsync each.
    pub durable: bool,
    /// Read-only connections kept open.
    pub readers: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { durable: false, readers: 4 }
    }
}

/// The SQLite store.
pub struct SqliteStore {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

fn backend(e: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(e.to_string())
}

fn time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

fn parse_time(text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn conversion(what: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, what.into())
}

fn kind_of(text: &str) -> rusqlite::Result<Kind> {
    Kind::ALL
        .into_iter()
        .find(|k| k.as_str() == text)
        .ok_or_else(|| conversion(format!("unknown kind {text}")))
}

fn role_of(text: &str) -> rusqlite::Result<Role> {
    Role::parse(text).ok_or_else(|| conversion(format!("unknown role {text}")))
}

fn hash_of(bytes: Vec<u8>) -> rusqlite::Result<Hash> {
    bytes.try_into().map_err(|b: Vec<u8>| conversion(format!("a leaf hash of {} bytes", b.len())))
}

const ENTRY_COLUMNS: &str =
    "idx, kind, subject, account, signer, nonce, issued_at, accepted_at, body, leaf_hash, digest, product";

fn entry_row(r: &Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        index: r.get::<_, i64>(0)? as u64,
        leaf_hash: hash_of(r.get(9)?)?,
        entry: NewEntry {
            kind: kind_of(&r.get::<_, String>(1)?)?,
            subject: r.get(2)?,
            account: r.get(3)?,
            signer: r.get(4)?,
            nonce: r.get(5)?,
            issued_at: parse_time(&r.get::<_, String>(6)?)?,
            accepted_at: parse_time(&r.get::<_, String>(7)?)?,
            body: r.get(8)?,
            digest: r.get(10)?,
            product: r.get(11)?,
        },
    })
}

fn label_row(r: &Row<'_>) -> rusqlite::Result<LabelRow> {
    Ok(LabelRow {
        id: r.get(0)?,
        product: r.get(1)?,
        maker: r.get(2)?,
        digest: r.get(3)?,
        declared_in: r.get::<_, i64>(4)? as u64,
        revoked: r.get(5)?,
    })
}

fn account_row(r: &Row<'_>) -> rusqlite::Result<Account> {
    Ok(Account {
        slug: r.get(0)?,
        name: r.get(1)?,
        role: role_of(&r.get::<_, String>(2)?)?,
        created_at: parse_time(&r.get::<_, String>(3)?)?,
    })
}

fn key_row(r: &Row<'_>) -> rusqlite::Result<KeyRecord> {
    Ok(KeyRecord {
        key_id: r.get(0)?,
        account: r.get(1)?,
        public_key: r.get(2)?,
        added_at: parse_time(&r.get::<_, String>(3)?)?,
        revoked_at: r.get::<_, Option<String>>(4)?.as_deref().map(parse_time).transpose()?,
    })
}

fn insert_account(tx: &Connection, a: &Account) -> Result<()> {
    let taken: bool = tx
        .query_row("SELECT EXISTS (SELECT 1 FROM accounts WHERE slug = ?1)", [&a.slug], |r| r.get(0))
        .map_err(backend)?;
    if taken {
        return Err(StoreError::Conflict(format!("an account {} exists already", a.slug)));
    }
    tx.execute(
        "INSERT INTO accounts (slug, name, role, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![a.slug, a.name, a.role.as_str(), time(&a.created_at)],
    )
    .map_err(backend)?;
    Ok(())
}

fn insert_key(tx: &Connection, k: &KeyRecord) -> Result<()> {
    let account: bool = tx
        .query_row("SELECT EXISTS (SELECT 1 FROM accounts WHERE slug = ?1)", [&k.account], |r| r.get(0))
        .map_err(backend)?;
    if !account {
        return Err(StoreError::NotFound(format!("no account {}", k.account)));
    }
    let taken: bool = tx
        .query_row("SELECT EXISTS (SELECT 1 FROM keys WHERE key_id = ?1)", [&k.key_id], |r| r.get(0))
        .map_err(backend)?;
    if taken {
        return Err(StoreError::Conflict(format!("key {} is registered already", k.key_id)));
    }
    tx.execute(
        "INSERT INTO keys (key_id, account, public_key, added_at, revoked_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![k.key_id, k.account, k.public_key, time(&k.added_at), k.revoked_at.as_ref().map(time)],
    )
    .map_err(backend)?;
    Ok(())
}

fn revoke(tx: &Connection, key_id: &str, at: &DateTime<Utc>) -> Result<()> {
    let n = tx
        .execute(
            "UPDATE keys SET revoked_at = COALESCE(revoked_at, ?2) WHERE key_id = ?1",
            params![key_id, time(at)],
        )
        .map_err(backend)?;
    if n == 0 {
        return Err(StoreError::NotFound(format!("no key {key_id}")));
    }
    Ok(())
}

impl SqliteStore {
    /// Opens (creating and migrating when needed) the database at `path`.
    pub fn open(path: &Path, options: Options) -> Result<Self> {
        let mut writer = Connection::open(path).map_err(|e| backend(format!("{}: {e}", path.display())))?;
        writer
            .pragma_update(None, "journal_mode", "WAL")
            .and_then(|()| {
                writer.pragma_update(None, "synchronous", if options.durable { "FULL" } else { "NORMAL" })
            })
            .and_then(|()| writer.pragma_update(None, "foreign_keys", "ON"))
            .and_then(|()| writer.busy_timeout(std::time::Duration::from_secs(10)))
            .map_err(backend)?;
        let migrations = Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect());
        migrations
            .to_latest(&mut writer)
            .map_err(|e| backend(format!("migrating {}: {e}", path.display())))?;
        let readers = (0..options.readers.max(1))
            .map(|_| {
                let c = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY
                        | OpenFlags::SQLITE_OPEN_NO_MUTEX
                        | OpenFlags::SQLITE_OPEN_URI,
                )?;
                c.busy_timeout(std::time::Duration::from_secs(10))?;
                Ok(Mutex::new(c))
            })
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(backend)?;
        Ok(SqliteStore { writer: Mutex::new(writer), readers, next_reader: AtomicUsize::new(0) })
    }

    fn read<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T> {
        let start = self.next_reader.fetch_add(1, Ordering::Relaxed);
        let n = self.readers.len();
        for i in 0..n {
            if let Ok(conn) = self.readers[(start + i) % n].try_lock() {
                return f(&conn).map_err(backend);
            }
        }
        let conn = self.readers[start % n].lock().map_err(backend)?;
        f(&conn).map_err(backend)
    }

    fn write<T>(&self, f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.writer.lock().map_err(backend)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(backend)?;
        let out = f(&tx)?;
        tx.commit().map_err(backend)?;
        Ok(out)
    }
}

impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    fn append(&self, e: NewEntry, effect: Option<Effect>) -> Result<Entry> {
        self.write(|tx| {
            let replayed: Option<i64> = tx
                .query_row("SELECT idx FROM entries WHERE nonce = ?1", [&e.nonce], |r| r.get(0))
                .optional()
                .map_err(backend)?;
            if let Some(index) = replayed {
                return Err(StoreError::Replay { nonce: e.nonce.clone(), index: index as u64 });
            }
            match &effect {
                Some(Effect::Enrol { account, key }) => {
                    insert_account(tx, account)?;
                    insert_key(tx, key)?;
                }
                Some(Effect::AddKey(key)) => insert_key(tx, key)?,
                Some(Effect::RevokeKey { key_id, at }) => revoke(tx, key_id, at)?,
                None => {}
            }
            let index: i64 =
                tx.query_row("SELECT COALESCE(MAX(idx) + 1, 0) FROM entries", [], |r| r.get(0)).map_err(backend)?;
            let leaf_hash = iotlabel_tlog::leaf_hash(&e.body);
            tx.execute(
                "INSERT INTO entries (idx, kind, subject, account, signer, nonce, issued_at, accepted_at, body, leaf_hash, digest, product)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    index,
                    e.kind.as_str(),
                    e.subject,
                    e.account,
                    e.signer,
                    e.nonce,
                    time(&e.issued_at),
                    time(&e.accepted_at),
                    e.body,
                    leaf_hash.as_slice(),
                    e.digest,
                    e.product
                ],
            )
            .map_err(backend)?;
            match e.kind {
                Kind::Declaration => {
                    tx.execute(
                        "INSERT INTO labels (id, product, maker, digest, declared_in) VALUES (?1, ?2, ?3, ?4, ?5)
                         ON CONFLICT (id) DO UPDATE SET product = excluded.product, maker = excluded.maker,
                             digest = excluded.digest, declared_in = excluded.declared_in",
                        params![
                            e.subject,
                            e.product.as_deref().unwrap_or(&e.subject),
                            e.account,
                            e.digest.as_deref().unwrap_or_default(),
                            index
                        ],
                    )
                    .map_err(backend)?;
                }
                Kind::Revocation => {
                    tx.execute("UPDATE labels SET revoked = 1 WHERE id = ?1", [&e.subject]).map_err(backend)?;
                }
                _ => {}
            }
            Ok(Entry { index: index as u64, leaf_hash, entry: e })
        })
    }

    fn size(&self) -> Result<u64> {
        self.read(|c| {
            c.query_row("SELECT COALESCE(MAX(idx) + 1, 0) FROM entries", [], |r| r.get::<_, i64>(0))
        })
        .map(|n| n as u64)
    }

    fn entries(&self, start: u64, end: u64) -> Result<Vec<Entry>> {
        self.read(|c| {
            let mut st = c.prepare_cached(&format!(
                "SELECT {ENTRY_COLUMNS} FROM entries WHERE idx >= ?1 AND idx < ?2 ORDER BY idx"
            ))?;
            st.query_map(params![start as i64, end.min(i64::MAX as u64) as i64], entry_row)?.collect()
        })
    }

    fn leaf_hashes(&self, start: u64, end: u64) -> Result<Vec<Hash>> {
        self.read(|c| {
            let mut st =
                c.prepare_cached("SELECT leaf_hash FROM entries WHERE idx >= ?1 AND idx < ?2 ORDER BY idx")?;
            st.query_map(params![start as i64, end.min(i64::MAX as u64) as i64], |r| hash_of(r.get(0)?))?
                .collect()
        })
    }

    fn entries_about(&self, subject: &str) -> Result<Vec<Entry>> {
        self.read(|c| {
            let mut st = c.prepare_cached(&format!(
                "SELECT {ENTRY_COLUMNS} FROM entries WHERE subject = ?1 ORDER BY idx"
            ))?;
            st.query_map([subject], entry_row)?.collect()
        })
    }

    fn label(&self, id: &str) -> Result<Option<LabelRow>> {
        self.read(|c| {
            c.prepare_cached(
                "SELECT id, product, maker, digest, declared_in, revoked FROM labels WHERE id = ?1",
            )?
            .query_row([id], label_row)
            .optional()
        })
    }

    fn labels(
        &self,
        after: Option<&str>,
        limit: u32,
        maker: Option<&str>,
        product: Option<&str>,
    ) -> Result<Vec<LabelRow>> {
        self.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT id, product, maker, digest, declared_in, revoked FROM labels
                 WHERE id > ?1 AND (?2 IS NULL OR maker = ?2) AND (?3 IS NULL OR product = ?3)
                 ORDER BY id LIMIT ?4",
            )?;
            st.query_map(params![after.unwrap_or(""), maker, product, limit], label_row)?.collect()
        })
    }

    fn account(&self, slug: &str) -> Result<Option<Account>> {
        self.read(|c| {
            c.prepare_cached("SELECT slug, name, role, created_at FROM accounts WHERE slug = ?1")?
                .query_row([slug], account_row)
                .optional()
        })
    }

    fn accounts(&self) -> Result<Vec<Account>> {
        self.read(|c| {
            c.prepare_cached("SELECT slug, name, role, created_at FROM accounts ORDER BY slug")?
                .query_map([], account_row)?
                .collect()
        })
    }

    fn create_account(&self, account: &Account) -> Result<()> {
        self.write(|tx| insert_account(tx, account))
    }

    fn key(&self, key_id: &str) -> Result<Option<KeyRecord>> {
        self.read(|c| {
            c.prepare_cached(
                "SELECT key_id, account, public_key, added_at, revoked_at FROM keys WHERE key_id = ?1",
            )?
            .query_row([key_id], key_row)
            .optional()
        })
    }

    fn keys(&self, account: &str) -> Result<Vec<KeyRecord>> {
        self.read(|c| {
            c.prepare_cached(
                "SELECT key_id, account, public_key, added_at, revoked_at FROM keys WHERE account = ?1 ORDER BY added_at, key_id",
            )?
            .query_map([account], key_row)?
            .collect()
        })
    }

    fn add_key(&self, key: &KeyRecord) -> Result<()> {
        self.write(|tx| insert_key(tx, key))
    }

    fn revoke_key(&self, key_id: &str, at: DateTime<Utc>) -> Result<()> {
        self.write(|tx| revoke(tx, key_id, &at))
    }

    fn accreditations(&self, lab: &str) -> Result<Vec<Accreditation>> {
        self.read(|c| {
            c.prepare_cached(
                "SELECT lab, scheme, granted_at FROM accreditations WHERE lab = ?1 ORDER BY scheme",
            )?
            .query_map([lab], |r| {
                Ok(Accreditation {
                    lab: r.get(0)?,
                    scheme: r.get(1)?,
                    granted_at: parse_time(&r.get::<_, String>(2)?)?,
                })
            })?
            .collect()
        })
    }

    fn accredit(&self, a: &Accreditation) -> Result<()> {
        self.write(|tx| {
            let lab: Option<String> = tx
                .query_row("SELECT role FROM accounts WHERE slug = ?1", [&a.lab], |r| r.get(0))
                .optional()
                .map_err(backend)?;
            match lab.as_deref() {
                None => return Err(StoreError::NotFound(format!("no account {}", a.lab))),
                Some(role) if role != Role::Lab.as_str() => {
                    return Err(StoreError::Conflict(format!("{} is a {role} account, not a lab", a.lab)));
                }
                Some(_) => {}
            }
            tx.execute(
                "INSERT INTO accreditations (lab, scheme, granted_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                params![a.lab, a.scheme, time(&a.granted_at)],
            )
            .map_err(backend)?;
            Ok(())
        })
    }

    fn withdraw(&self, lab: &str, scheme: &str) -> Result<bool> {
        self.write(|tx| {
            tx.execute("DELETE FROM accreditations WHERE lab = ?1 AND scheme = ?2", params![lab, scheme])
                .map(|n| n > 0)
                .map_err(backend)
        })
    }

    fn audit(&self, e: &AuditEvent) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO audit (at, action, code, actor, client, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![time(&e.at), e.action, e.code, e.actor, e.client, e.subject, e.detail],
            )
            .map(drop)
            .map_err(backend)
        })
    }

    fn audit_trail(&self, limit: u32) -> Result<Vec<AuditEvent>> {
        self.read(|c| {
            c.prepare_cached("SELECT at, action, code, actor, client, subject, detail FROM audit ORDER BY id DESC LIMIT ?1")?
                .query_map([limit], |r| {
                    Ok(AuditEvent {
                        at: parse_time(&r.get::<_, String>(0)?)?,
                        action: r.get(1)?,
                        code: r.get(2)?,
                        actor: r.get(3)?,
                        client: r.get(4)?,
                        subject: r.get(5)?,
                        detail: r.get(6)?,
                    })
                })?
                .collect()
        })
    }

    fn add_cosignature(&self, c: &Cosignature) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO cosignatures (size, witness, line, received_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (size, witness) DO UPDATE SET line = excluded.line, received_at = excluded.received_at",
                params![c.size as i64, c.witness, c.line, time(&c.received_at)],
            )
            .map(drop)
            .map_err(backend)
        })
    }

    fn cosignatures(&self, size: u64) -> Result<Vec<Cosignature>> {
        self.read(|c| {
            c.prepare_cached(
                "SELECT size, witness, line, received_at FROM cosignatures WHERE size = ?1 ORDER BY witness",
            )?
            .query_map([size as i64], |r| {
                Ok(Cosignature {
                    size: r.get::<_, i64>(0)? as u64,
                    witness: r.get(1)?,
                    line: r.get(2)?,
                    received_at: parse_time(&r.get::<_, String>(3)?)?,
                })
            })?
            .collect()
        })
    }

    fn setting_or_init(&self, name: &str, value: &str) -> Result<String> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (name, value) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                params![name, value],
            )
            .map_err(backend)?;
            tx.query_row("SELECT value FROM settings WHERE name = ?1", [name], |r| r.get(0)).map_err(backend)
        })
    }
}

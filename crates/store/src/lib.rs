//! The registry's storage: one trait of domain operations ([`Store`]), not SQL. Each backend is
//! its own crate with its own migrations (`iotlabel-store-sqlite`, `iotlabel-store-postgres`)
//! and passes the same story test ([`conformance::story`]).
//!
//! The log is the source of truth: every accepted statement is one entry, appended with the
//! next index in one transaction together with the indexes derived from it (the label table)
//! and any change to accounts it makes ([`Effect`]). Nothing else writes the log; entries are
//! never updated or deleted. A backend assigns indexes strictly in order with no gaps, even when
//! several servers append at once (each backend's crate says how).

pub mod conformance;

use chrono::{DateTime, Utc};
use iotlabel_registry::{Account, Accreditation, Effect, KeyRecord};
use iotlabel_statement::Kind;
use iotlabel_tlog::Hash;
use serde::{Deserialize, Serialize};

/// A statement the registry accepted, about to be logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub kind: Kind,
    /// The statement's subject: a label id, or an account slug for key changes.
    pub subject: String,
    /// The slug of the signing account.
    pub account: String,
    /// The signing key's id.
    pub signer: String,
    /// Unique across the log: a second entry with the same nonce is a replay.
    pub nonce: String,
    pub issued_at: DateTime<Utc>,
    pub accepted_at: DateTime<Utc>,
    /// The log leaf: the RFC 8785 canonical JSON of the signed statement.
    pub body: Vec<u8>,
    /// For declarations: the label digest, and the product the label belongs to.
    pub digest: Option<String>,
    pub product: Option<String>,
}

/// A logged statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// 0-based position in the log.
    pub index: u64,
    /// `SHA-256(0x00 || body)` (RFC 9162 leaf hash).
    pub leaf_hash: Hash,
    pub entry: NewEntry,
}

/// One registered label (a declaration's subject), as listings and search see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelRow {
    pub id: String,
    pub product: String,
    pub maker: String,
    /// The current declaration's digest.
    pub digest: String,
    /// The log index of the current declaration.
    pub declared_in: u64,
    pub revoked: bool,
}

/// A refusal or an administrative action, kept for the operators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub at: DateTime<Utc>,
    /// `statement.accepted`, `statement.refused`, `admin.key.add`, `rate.limited`, ...
    pub action: String,
    /// The refusal code, for refusals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The key id or `admin` that acted, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// The client address, for requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    pub detail: String,
}

/// A witness's cosignature on a checkpoint (C2SP tlog-cosignature).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cosignature {
    /// The tree size of the checkpoint it signs.
    pub size: u64,
    /// The witness's key name.
    pub witness: String,
    /// The signature line as the witness sent it (`— name base64`).
    pub line: String,
    pub received_at: DateTime<Utc>,
}

/// What a backend can fail with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The nonce is already in the log.
    #[error("nonce {nonce} is already logged (entry {index}): a replay")]
    Replay { nonce: String, index: u64 },
    /// A unique name is taken, or a change does not apply to the current state.
    #[error("{0}")]
    Conflict(String),
    /// The thing named does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The database failed; the message is the backend's.
    #[error("storage failed: {0}")]
    Backend(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The registry's storage, as domain operations. Every method is one transaction.
pub trait Store: Send + Sync {
    /// `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;

    /// Appends an accepted statement at the next index, applying `effect` and the label index in
    /// the same transaction. A nonce already logged gives [`StoreError::Replay`] and changes
    /// nothing.
    fn append(&self, entry: NewEntry, effect: Option<Effect>) -> Result<Entry>;
    /// The number of entries.
    fn size(&self) -> Result<u64>;
    /// Entries `start..end` (clamped to the log).
    fn entries(&self, start: u64, end: u64) -> Result<Vec<Entry>>;
    /// Leaf hashes `start..end` (clamped to the log), for rebuilding the tree.
    fn leaf_hashes(&self, start: u64, end: u64) -> Result<Vec<Hash>>;
    /// Every entry whose subject is `subject`, oldest first.
    fn entries_about(&self, subject: &str) -> Result<Vec<Entry>>;

    /// One label.
    fn label(&self, id: &str) -> Result<Option<LabelRow>>;
    /// Labels, ordered by id, after `after` (for paging), at most `limit`. `maker` and `product`
    /// filter when given.
    fn labels(
        &self,
        after: Option<&str>,
        limit: u32,
        maker: Option<&str>,
        product: Option<&str>,
    ) -> Result<Vec<LabelRow>>;

    fn account(&self, slug: &str) -> Result<Option<Account>>;
    fn accounts(&self) -> Result<Vec<Account>>;
    /// A new account (administrators); the slug must be free.
    fn create_account(&self, account: &Account) -> Result<()>;
    fn key(&self, key_id: &str) -> Result<Option<KeyRecord>>;
    fn keys(&self, account: &str) -> Result<Vec<KeyRecord>>;
    /// Adds a key to an existing account (administrators); the key id must be new.
    fn add_key(&self, key: &KeyRecord) -> Result<()>;
    /// Revokes a key (administrators).
    fn revoke_key(&self, key_id: &str, at: DateTime<Utc>) -> Result<()>;
    fn accreditations(&self, lab: &str) -> Result<Vec<Accreditation>>;
    /// Grants an accreditation; granting one held already changes nothing.
    fn accredit(&self, accreditation: &Accreditation) -> Result<()>;
    /// Withdraws an accreditation; `false` when it was not held.
    fn withdraw(&self, lab: &str, scheme: &str) -> Result<bool>;

    fn audit(&self, event: &AuditEvent) -> Result<()>;
    /// The newest `limit` audit events, newest first.
    fn audit_trail(&self, limit: u32) -> Result<Vec<AuditEvent>>;

    /// Keeps a witness cosignature; the same witness signing the same size again replaces it.
    fn add_cosignature(&self, cosignature: &Cosignature) -> Result<()>;
    fn cosignatures(&self, size: u64) -> Result<Vec<Cosignature>>;

    /// A setting shared by every server on this database (the log's signing key): stores
    /// `value` when `name` has none, and returns the stored value either way.
    fn setting_or_init(&self, name: &str, value: &str) -> Result<String>;
}

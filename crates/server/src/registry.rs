//! The registry's state and its blocking operations (run them on `spawn_blocking` threads).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use chrono::{DateTime, NaiveDate, Utc};
use ed25519_dalek::SigningKey;
use iotlabel_catalog::Catalogs;
use iotlabel_registry::payload::KeyChangePayload;
use iotlabel_registry::{Code, Logged, Policy, Prior, Refusal, Role, Signer};
use iotlabel_statement::{Freshness, Kind, SignedStatement};
use iotlabel_store::{AuditEvent, Entry, NewEntry, Store, StoreError};
use iotlabel_tlog::tiles::TILE_WIDTH;
use iotlabel_tlog::{Checkpoint, Hash, LeafSource, NoteSigner, NoteVerifier, Tree, TreeError};
use serde::Serialize;

use crate::metrics::Metrics;

/// The store setting that holds the log's Ed25519 signing key (32 bytes, base64).
pub const LOG_KEY_SETTING: &str = "log.signing_key";

/// The largest log entry (a statement's canonical JSON): C2SP tlog-tiles entry bundles give
/// each entry a 16-bit length.
pub const MAX_ENTRY_BYTES: usize = u16::MAX as usize;

/// The server's configuration (flags, environment and file are merged by the CLI).
#[derive(Debug, Clone)]
pub struct Config {
    /// The registry's public base URL, ending with `/` (`http://127.0.0.1:8080/`). Labels point
    /// at `<public_url>l/<id>?d=<digest>`.
    pub public_url: String,
    /// The log's origin line (C2SP checkpoint), e.g. `127.0.0.1:8080/iotlabel`; also the name
    /// of its signing key.
    pub origin: String,
    pub policy: Policy,
    /// The largest request body accepted, in bytes.
    pub max_body: usize,
    /// Statements accepted per minute from one client address, and from one key.
    pub per_client_per_minute: u32,
    pub per_key_per_minute: u32,
    /// Witnesses whose cosignatures the registry accepts (C2SP tlog-cosignature).
    pub witnesses: Vec<iotlabel_tlog::cosignature::Witness>,
}

impl Config {
    /// The defaults for a registry at `public_url`.
    pub fn new(public_url: &str) -> Self {
        let public_url =
            if public_url.ends_with('/') { public_url.to_owned() } else { format!("{public_url}/") };
        let origin = origin_of(&public_url);
        Config {
            public_url,
            origin,
            policy: Policy {
                freshness: Freshness {
                    max_age: chrono::TimeDelta::minutes(10),
                    max_skew: chrono::TimeDelta::minutes(5),
                },
                open_enrolment: false,
            },
            max_body: 1 << 20,
            per_client_per_minute: 600,
            per_key_per_minute: 600,
            witnesses: Vec::new(),
        }
    }
}

/// `http://host:port/path/` as the checkpoint origin `host:port/path` plus `/log` (schema-less,
/// as C2SP recommends).
pub fn origin_of(public_url: &str) -> String {
    let rest = public_url.split_once("://").map_or(public_url, |(_, r)| r);
    format!("{}/log", rest.trim_end_matches('/'))
}

/// What the registry answers for an accepted statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Submitted {
    /// The statement's index in the log.
    pub index: u64,
    /// Its RFC 9162 leaf hash, base64.
    pub leaf_hash: String,
    pub kind: Kind,
    pub subject: String,
    /// The log's size after the append.
    pub tree_size: u64,
    /// For a declaration: the label's URL (what its QR code encodes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label_url: Option<String>,
}

/// A label record ready to send, for one date.
struct CachedRecord {
    date: NaiveDate,
    json: Bytes,
}

/// A tree head and its signed checkpoint note.
pub struct SignedHead {
    pub checkpoint: Checkpoint,
    pub note: Bytes,
}

/// The tree keeps the hashes of subtrees of `2^TREE_KEEP` leaves and up (one C2SP tile's
/// worth) in memory, and reads lower ones from the store's leaf hashes when a proof needs them.
pub const TREE_KEEP: u32 = 8;

/// A pruned tree's source of leaf hashes: the store.
struct StoreLeaves<'a>(&'a dyn Store);

impl LeafSource for StoreLeaves<'_> {
    fn leaf_hashes(&self, start: u64, end: u64) -> Result<Vec<Hash>, String> {
        self.0.leaf_hashes(start, end).map_err(|e| e.to_string())
    }
}

/// The log's tree and signed checkpoint, following the store.
pub struct Log {
    tree: RwLock<Tree>,
    /// Held while reading new leaves from the store, so two syncs do not both append them.
    sync: Mutex<()>,
    signer: NoteSigner,
    pub verifier: NoteVerifier,
    checkpoint: RwLock<Option<Arc<SignedHead>>>,
}

/// The registry: a store, the log over it, and what is derived from both.
pub struct Registry {
    pub config: Config,
    pub store: Arc<dyn Store>,
    pub catalogs: &'static Catalogs,
    pub log: Log,
    records: RwLock<HashMap<String, CachedRecord>>,
    /// URL path -> label id, for the makers' MUD files; rebuilt when the log has grown.
    mud_paths: RwLock<(u64, HashMap<String, String>)>,
    pub metrics: Metrics,
}

/// A refusal, or the store failing.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{0}")]
    Refused(Refusal),
    #[error("{0}")]
    Store(StoreError),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

impl From<Refusal> for Failure {
    fn from(r: Refusal) -> Self {
        Failure::Refused(r)
    }
}

/// 32 random bytes from the operating system.
pub fn random_seed() -> [u8; 32] {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).expect("the operating system's random source");
    seed
}

/// 16 random bytes for a nonce.
pub fn random_nonce() -> [u8; 16] {
    let mut n = [0u8; 16];
    getrandom::fill(&mut n).expect("the operating system's random source");
    n
}

/// A new statement by `key`, issued at `now` with a fresh random nonce, signed (what the CLI
/// sends and the demo loads).
pub fn sign_new(
    kind: Kind,
    subject: &str,
    payload: serde_json::Value,
    key: &SigningKey,
    now: DateTime<Utc>,
) -> SignedStatement {
    let st = iotlabel_statement::Statement::new(
        kind,
        subject,
        payload,
        &key.verifying_key(),
        now,
        &random_nonce(),
    );
    iotlabel_statement::sign(st, key).expect("a statement built here names its signing key")
}

impl Registry {
    /// Opens the registry over `store`: reads (or, on a new store, creates) the log's signing
    /// key and rebuilds the tree from the stored leaf hashes.
    pub fn open(
        config: Config,
        store: Arc<dyn Store>,
        catalogs: &'static Catalogs,
    ) -> Result<Self, StoreError> {
        let fresh = STANDARD.encode(random_seed());
        let stored = store.setting_or_init(LOG_KEY_SETTING, &fresh)?;
        let seed: [u8; 32] =
            STANDARD.decode(&stored).ok().and_then(|b| b.try_into().ok()).ok_or_else(|| {
                StoreError::Backend(format!("setting {LOG_KEY_SETTING} is not a 32-byte key"))
            })?;
        let signer = NoteSigner::new(&config.origin, SigningKey::from_bytes(&seed)).map_err(|e| {
            StoreError::Backend(format!("the log origin {:?} cannot name a key: {e}", config.origin))
        })?;
        let verifier = signer.verifier();
        let registry = Registry {
            log: Log {
                tree: RwLock::new(Tree::pruned(TREE_KEEP)),
                sync: Mutex::new(()),
                signer,
                verifier,
                checkpoint: RwLock::new(None),
            },
            config,
            store,
            catalogs,
            records: RwLock::new(HashMap::new()),
            mud_paths: RwLock::new((u64::MAX, HashMap::new())),
            metrics: Metrics::default(),
        };
        registry.sync()?;
        Ok(registry)
    }

    /// Reads the leaves other servers appended; forgets the records they change.
    pub fn sync(&self) -> Result<u64, StoreError> {
        let _guard = self.log.sync.lock().unwrap_or_else(|p| p.into_inner());
        let have = self.tree().size();
        let size = self.store.size()?;
        if size <= have {
            return Ok(have);
        }
        const CHUNK: u64 = 65_536;
        let mut at = have;
        // Leaves already read at start need no record invalidation: nothing is cached yet.
        let cold = have == 0;
        while at < size {
            let end = (at + CHUNK).min(size);
            if cold {
                let hashes = self.store.leaf_hashes(at, end)?;
                let mut tree = self.log.tree.write().unwrap_or_else(|p| p.into_inner());
                for h in &hashes {
                    tree.append_leaf_hash(*h);
                }
                at += hashes.len() as u64;
            } else {
                let entries = self.store.entries(at, end)?;
                {
                    let mut tree = self.log.tree.write().unwrap_or_else(|p| p.into_inner());
                    for e in &entries {
                        tree.append_leaf_hash(e.leaf_hash);
                    }
                }
                let mut records = self.records.write().unwrap_or_else(|p| p.into_inner());
                for e in &entries {
                    records.remove(&e.entry.subject);
                }
                at += entries.len() as u64;
            }
            if at < end {
                break;
            }
        }
        let size = self.tree().size();
        self.metrics.log_size.set(size as i64);
        Ok(size)
    }

    /// The tree, for reading.
    pub fn tree(&self) -> std::sync::RwLockReadGuard<'_, Tree> {
        self.log.tree.read().unwrap_or_else(|p| p.into_inner())
    }

    /// The root of the first `size` leaves.
    pub fn root(&self, size: u64) -> Result<Hash, TreeError> {
        self.tree().root_with(size, &StoreLeaves(&*self.store))
    }

    /// The inclusion proof of leaf `index` in the tree of `size` leaves (the current size when
    /// `None`): the size, the leaf's hash and the path.
    pub fn inclusion_proof(
        &self,
        index: u64,
        size: Option<u64>,
    ) -> Result<(u64, Hash, Vec<Hash>), TreeError> {
        let tree = self.tree();
        let leaves = StoreLeaves(&*self.store);
        let size = size.unwrap_or(tree.size());
        let path = tree.inclusion_proof_with(index, size, &leaves)?;
        let leaf = tree.node_with(0, index, &leaves)?.ok_or(TreeError::IndexOutOfRange { index, size })?;
        Ok((size, leaf, path))
    }

    /// The consistency proof from `first` leaves to `second` (the current size when `None`).
    pub fn consistency_proof(&self, first: u64, second: Option<u64>) -> Result<(u64, Vec<Hash>), TreeError> {
        let tree = self.tree();
        let second = second.unwrap_or(tree.size());
        Ok((second, tree.consistency_proof_with(first, second, &StoreLeaves(&*self.store))?))
    }

    /// The hashes at tree level `level` from index `first`, `width` of them, as a C2SP tile
    /// holds them: `None` unless they are all complete and, for a partial tile, the level's
    /// current right edge.
    pub fn tile_hashes(&self, level: usize, first: u64, width: u64) -> Result<Option<Vec<Hash>>, TreeError> {
        let tree = self.tree();
        let have = tree.width(level);
        if first.saturating_add(width) > have || (width < TILE_WIDTH && have - first != width) {
            return Ok(None);
        }
        let in_memory: Option<Vec<Hash>> = (first..first + width).map(|i| tree.node(level, i)).collect();
        if let Some(hashes) = in_memory {
            return Ok(Some(hashes));
        }
        // Only level-0 tiles are pruned, and a full one is one chunk of leaves: one read.
        let leaves = StoreLeaves(&*self.store);
        if level == 0 {
            let hashes = leaves.leaf_hashes(first, first + width).map_err(|reason| TreeError::Leaves {
                start: first,
                end: first + width,
                reason,
            })?;
            return Ok((hashes.len() as u64 == width).then_some(hashes));
        }
        (first..first + width).map(|i| tree.node_with(level, i, &leaves)).collect()
    }

    /// The current tree head and its signed checkpoint note (C2SP tlog-checkpoint), cached per
    /// size: callers read the size and root from here, never back out of the note's text.
    pub fn checkpoint(&self) -> Arc<SignedHead> {
        let tree = self.tree();
        let size = tree.size();
        {
            let cached = self.log.checkpoint.read().unwrap_or_else(|p| p.into_inner());
            if let Some(head) = cached.as_ref().filter(|h| h.checkpoint.size == size) {
                return Arc::clone(head);
            }
        }
        let root_hash = tree.root(size).unwrap_or_else(|_| iotlabel_tlog::hash::empty_root());
        drop(tree);
        let checkpoint =
            Checkpoint { origin: self.config.origin.clone(), size, root_hash, extensions: Vec::new() };
        let note = iotlabel_tlog::note::sign_checkpoint(&checkpoint, &[&self.log.signer])
            .map(|n| Bytes::from(n.to_text()))
            .unwrap_or_default();
        let head = Arc::new(SignedHead { checkpoint, note });
        let mut cached = self.log.checkpoint.write().unwrap_or_else(|p| p.into_inner());
        if cached.as_ref().is_none_or(|c| c.checkpoint.size < size) {
            *cached = Some(Arc::clone(&head));
        }
        head
    }

    /// The checkpoint note with the witnesses' cosignatures of its size appended.
    pub fn cosigned_checkpoint(&self) -> Result<Bytes, StoreError> {
        let head = self.checkpoint();
        let lines = self.store.cosignatures(head.checkpoint.size)?;
        if lines.is_empty() {
            return Ok(head.note.clone());
        }
        let mut out = head.note.to_vec();
        for c in lines {
            out.extend_from_slice(c.line.as_bytes());
            out.push(b'\n');
        }
        Ok(Bytes::from(out))
    }

    /// Keeps the cosignatures of known witnesses on one of this log's checkpoints (the note as
    /// a witness returns it: the checkpoint with signature lines).
    pub fn add_cosignatures(&self, note: &str, now: DateTime<Utc>) -> Result<Vec<String>, Failure> {
        let parsed = iotlabel_tlog::SignedNote::parse(note)
            .map_err(|e| Refusal::new(Code::Malformed, format!("not a signed note: {e}")))?;
        let cp = Checkpoint::parse(&parsed.text)
            .map_err(|e| Refusal::new(Code::Malformed, format!("not a checkpoint: {e}")))?;
        let ours = {
            let tree = self.tree();
            (cp.origin == self.config.origin && cp.size <= tree.size())
                .then(|| tree.root_with(cp.size, &StoreLeaves(&*self.store)).ok())
                .flatten()
        };
        if ours != Some(cp.root_hash) {
            return Err(Failure::Refused(Refusal::new(
                Code::Conflict,
                format!(
                    "this log has no checkpoint of origin {:?}, size {} with that root",
                    cp.origin, cp.size
                ),
            )));
        }
        let mut accepted = Vec::new();
        for w in &self.config.witnesses {
            match w.verify(&parsed) {
                Ok(Some(c)) => {
                    self.store.add_cosignature(&iotlabel_store::Cosignature {
                        size: cp.size,
                        witness: c.witness.clone(),
                        line: c.line,
                        received_at: now,
                    })?;
                    accepted.push(c.witness);
                }
                Ok(None) => {}
                Err(e) => return Err(Failure::Refused(Refusal::new(Code::BadSignature, e.to_string()))),
            }
        }
        if accepted.is_empty() {
            return Err(Failure::Refused(
                Refusal::new(Code::Forbidden, "no cosignature of a witness this registry trusts")
                    .suggest("the operator lists trusted witnesses with `iotlabel serve --witness VKEY`"),
            ));
        }
        Ok(accepted)
    }

    /// Judges a signed statement and, when accepted, logs it.
    pub fn submit_signed(&self, signed: &SignedStatement, now: DateTime<Utc>) -> Result<Submitted, Failure> {
        let st = &signed.statement;
        let signer = self.signer(&st.signer)?;
        let entries = match st.kind {
            Kind::KeyChange => Vec::new(),
            _ => self.store.entries_about(&st.subject)?,
        };
        // A replay is named as such even when another rule would also refuse it (the store
        // refuses any replay inside the append transaction, for every kind).
        if let Some(e) = entries.iter().find(|e| e.entry.nonce == st.nonce) {
            return Err(Failure::Refused(replay(&st.nonce, e.index)));
        }
        let logged = logged(&entries);
        let current = iotlabel_registry::status::current_declaration(&logged);
        let revoked = logged.iter().any(|e| e.statement.kind == Kind::Revocation);
        let target_key = match (&st.kind, iotlabel_registry::payload::read::<KeyChangePayload>(&st.payload)) {
            (Kind::KeyChange, Ok(KeyChangePayload::Revoke { key_id })) => self.store.key(&key_id)?,
            _ => None,
        };
        let enrolling = st.kind == Kind::KeyChange && signer.is_none();
        let account_exists = enrolling && self.store.account(&st.subject)?.is_some();
        let overlapping = if enrolling {
            let slug = iotlabel_registry::account_slug(&st.subject);
            self.store
                .accounts()?
                .into_iter()
                .filter(|a| a.slug != slug && iotlabel_registry::slugs_overlap(&a.slug, &slug))
                .map(|a| a.slug)
                .collect()
        } else {
            Vec::new()
        };
        let prior = Prior {
            declaration: current.as_ref().map(|(d, e)| (d, e.account.as_str())),
            revoked,
            account_exists,
            overlapping,
            target_key: target_key.as_ref(),
            history: &logged,
        };
        let admission = iotlabel_registry::admit(
            signed,
            signer.as_ref(),
            &prior,
            self.catalogs,
            now,
            &self.config.policy,
        )?;
        let body = iotlabel_statement::jcs::to_vec(signed).map_err(|e| StoreError::Backend(e.to_string()))?;
        if body.len() > MAX_ENTRY_BYTES {
            return Err(Failure::Refused(
                Refusal::new(
                    Code::TooLarge,
                    format!("the statement's canonical JSON is {} bytes; a log entry holds at most {MAX_ENTRY_BYTES}", body.len()),
                )
                .suggest("split large evidence into several attestations"),
            ));
        }
        let entry = NewEntry {
            kind: st.kind,
            subject: st.subject.clone(),
            account: admission.account.clone(),
            signer: st.signer.clone(),
            nonce: st.nonce.clone(),
            issued_at: st.issued_at_time().unwrap_or(now),
            accepted_at: now,
            body,
            digest: admission.digest.clone(),
            product: admission.product.clone(),
        };
        let appended = self.store.append(entry, admission.effect).map_err(|e| match e {
            StoreError::Replay { nonce, index } => Failure::Refused(replay(&nonce, index)),
            StoreError::Conflict(m) => Failure::Refused(Refusal::new(Code::Conflict, m)),
            StoreError::NotFound(m) => Failure::Refused(Refusal::new(Code::NotFound, m)),
            other => Failure::Store(other),
        })?;
        let tree_size = self.sync()?;
        self.records.write().unwrap_or_else(|p| p.into_inner()).remove(&st.subject);
        self.metrics.accepted(st.kind);
        let label_url = admission.digest.as_deref().map(|d| self.label_url(&st.subject, d));
        Ok(Submitted {
            index: appended.index,
            leaf_hash: STANDARD.encode(appended.leaf_hash),
            kind: st.kind,
            subject: st.subject.clone(),
            tree_size,
            label_url,
        })
    }

    /// `<public_url>l/<id>?d=<first 16 hex digits of the digest>`.
    pub fn label_url(&self, id: &str, digest: &str) -> String {
        iotlabel_registry::label_url(&self.config.public_url, id, digest)
    }

    /// The key a statement names, with its account, accreditations and active key count.
    fn signer(&self, key_id: &str) -> Result<Option<Signer>, StoreError> {
        let Some(key) = self.store.key(key_id)? else { return Ok(None) };
        let Some(account) = self.store.account(&key.account)? else { return Ok(None) };
        let schemes = if account.role == Role::Lab {
            self.store.accreditations(&account.slug)?.into_iter().map(|a| a.scheme).collect()
        } else {
            Vec::new()
        };
        let active_keys = self.store.keys(&account.slug)?.iter().filter(|k| k.revoked_at.is_none()).count();
        Ok(Some(Signer { key, account, schemes, active_keys }))
    }

    /// A label's record with the declaration and evidence it was derived from, as of `today`
    /// (not cached: for pages that show the label in full).
    pub fn derive(
        &self,
        id: &str,
        today: NaiveDate,
    ) -> Result<Option<iotlabel_registry::Derived>, StoreError> {
        let entries = self.store.entries_about(id)?;
        Ok(iotlabel_registry::derive(id, &logged(&entries), self.catalogs, today))
    }

    /// A label's public record as JSON, derived for `today` and cached until the label changes
    /// or the date does. `None` when no such label is registered.
    pub fn record_json(&self, id: &str, today: NaiveDate) -> Result<Option<Bytes>, StoreError> {
        if let Some(hit) = self.cached_record(id, today) {
            return Ok(Some(hit));
        }
        let entries = self.store.entries_about(id)?;
        let Some(record) = iotlabel_registry::record(id, &logged(&entries), self.catalogs, today) else {
            return Ok(None);
        };
        let json = Bytes::from(serde_json::to_vec(&record).map_err(|e| StoreError::Backend(e.to_string()))?);
        self.records
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id.to_owned(), CachedRecord { date: today, json: json.clone() });
        Ok(Some(json))
    }

    /// The MUD file a maker uploaded for the label whose `network.mud_url` has this path.
    pub fn mud_file(&self, path: &str) -> Result<Option<Bytes>, StoreError> {
        let size = self.tree().size();
        let stale = self.mud_paths.read().unwrap_or_else(|p| p.into_inner()).0 != size;
        if stale {
            let mut map = HashMap::new();
            let mut after: Option<String> = None;
            loop {
                let page = self.store.labels(after.as_deref(), 1000, None, None)?;
                for row in &page {
                    let entries = self.store.entries_about(&row.id)?;
                    if !entries.iter().any(|e| e.entry.kind == Kind::Mud) {
                        continue;
                    }
                    let logged = logged(&entries);
                    let url = iotlabel_registry::status::current_declaration(&logged)
                        .and_then(|(d, _)| d.network.mud_url.clone());
                    if let Some(p) = url.as_deref().and_then(url_path) {
                        map.insert(p, row.id.clone());
                    }
                }
                after = page.last().map(|l| l.id.clone());
                if page.len() < 1000 {
                    break;
                }
            }
            *self.mud_paths.write().unwrap_or_else(|p| p.into_inner()) = (size, map);
        }
        let label = self.mud_paths.read().unwrap_or_else(|p| p.into_inner()).1.get(path).cloned();
        let Some(label) = label else { return Ok(None) };
        let entries = self.store.entries_about(&label)?;
        let latest = entries.iter().rev().find(|e| e.entry.kind == Kind::Mud);
        Ok(latest.and_then(|e| {
            let v: serde_json::Value = serde_json::from_slice(&e.entry.body).ok()?;
            serde_json::to_vec_pretty(&v["statement"]["payload"]).ok().map(Bytes::from)
        }))
    }

    /// The cached record, when it speaks for `today`.
    pub fn cached_record(&self, id: &str, today: NaiveDate) -> Option<Bytes> {
        let records = self.records.read().unwrap_or_else(|p| p.into_inner());
        records.get(id).filter(|c| c.date == today).map(|c| c.json.clone())
    }

    /// Keeps a refusal in the audit trail (a failure to write it is logged, not returned).
    pub fn audit_refusal(
        &self,
        refusal: &Refusal,
        client: Option<String>,
        actor: Option<String>,
        subject: Option<String>,
    ) {
        self.metrics.refused(refusal.code);
        let event = AuditEvent {
            at: Utc::now(),
            action: "statement.refused".into(),
            code: Some(
                serde_json::to_value(refusal.code)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
            ),
            actor,
            client,
            subject,
            detail: refusal.message.chars().take(2000).collect(),
        };
        if let Err(e) = self.store.audit(&event) {
            tracing::error!(error = %e, "could not write the audit trail");
        }
    }
}

fn replay(nonce: &str, index: u64) -> Refusal {
    Refusal::new(Code::Replay, format!("nonce {nonce} was already logged in entry {index}: a replay"))
        .at("$.statement.nonce")
        .suggest("sign a new statement (a fresh nonce) instead of sending one again")
}

/// The path of an absolute URL (`https://host/a/b.json` -> `/a/b.json`).
fn url_path(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let path = &rest[rest.find('/')?..];
    Some(path.split(['?', '#']).next().unwrap_or(path).to_owned())
}

/// The refusal of a body that is not a well-formed signed statement.
pub fn unreadable(e: iotlabel_statement::StatementError) -> Refusal {
    let path = match &e {
        iotlabel_statement::StatementError::Malformed { path, .. } => Some(path.clone()),
        _ => None,
    };
    let mut r = Refusal::new(Code::Malformed, e.to_string())
        .suggest("send a signed statement as `iotlabel schema statement` describes");
    r.path = path;
    r
}

/// Entries as the status derivation reads them (bodies that do not parse are skipped: the
/// store holds only statements the server parsed).
pub fn logged(entries: &[Entry]) -> Vec<Logged> {
    entries
        .iter()
        .filter_map(|e| {
            let signed: SignedStatement = serde_json::from_slice(&e.entry.body).ok()?;
            Some(Logged {
                index: e.index,
                accepted_at: e.entry.accepted_at,
                account: e.entry.account.clone(),
                statement: signed.statement,
            })
        })
        .collect()
}

/// Follows the store for as long as the server runs.
pub async fn follow(registry: Arc<Registry>) {
    let mut tick = tokio::time::interval(crate::SYNC_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let r = Arc::clone(&registry);
        match tokio::task::spawn_blocking(move || r.sync()).await {
            Ok(Err(e)) => tracing::warn!(error = %e, "could not read the log"),
            Err(e) => tracing::warn!(error = %e, "log sync task failed"),
            Ok(Ok(_)) => {}
        }
    }
}

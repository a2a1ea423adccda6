//! A self-contained proof of a label: its logged statements, the keys that signed them with the
//! logged `key_change` statements that enrolled, added or revoked those keys, their inclusion
//! proofs and the signed checkpoint they are proved against. `iotlabel verify --save` writes one;
//! [`verify_bundle`] checks it with no server.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::NaiveDate;
use ed25519_dalek::VerifyingKey;
use iotlabel_catalog::Catalogs;
use iotlabel_statement::SignedStatement;
use iotlabel_tlog::{Checkpoint, NoteVerifier};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::account::KeyRecord;
use crate::status::Logged;

/// The bundle format's name and version.
pub const BUNDLE_FORMAT: &str = "iotlabel-bundle/1";

/// One logged statement with its inclusion proof.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BundleEntry {
    pub index: u64,
    pub accepted_at: chrono::DateTime<chrono::Utc>,
    /// The signing account's slug.
    pub account: String,
    pub signed_statement: SignedStatement,
    /// RFC 9162 inclusion path to the checkpoint's root, lowest level first, base64.
    pub inclusion_path: Vec<String>,
}

/// A label, proved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "iotlabel label bundle")]
pub struct Bundle {
    /// Always [`BUNDLE_FORMAT`].
    pub format: String,
    pub label: String,
    /// The registry it was taken from.
    pub registry: String,
    /// The log's verifier key (C2SP vkey).
    pub log_key: String,
    /// The signed checkpoint (C2SP tlog-checkpoint note) every proof is against.
    pub checkpoint: String,
    pub entries: Vec<BundleEntry>,
    /// The keys that signed the entries.
    pub keys: Vec<KeyRecord>,
}

/// What a bundle proves.
#[derive(Debug, Clone, PartialEq)]
pub struct Proved {
    pub checkpoint: Checkpoint,
    /// The label's record with the declaration and evidence it was derived from, for the
    /// given date.
    pub derived: crate::Derived,
    /// The log key was the bundle's own (no trusted key given).
    pub key_from_bundle: bool,
    /// Where each signing key comes from, as the log shows it.
    pub keys: Vec<KeyOrigin>,
}

/// How the log vouches for one signing key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyOrigin {
    pub key_id: String,
    pub account: String,
    /// The entry whose `key_change` (`enrol` or `add`) brought the key in; `None` for a key an
    /// administrator registered, which the log does not show (the registry's word only).
    pub enrolled_at: Option<u64>,
    /// The entry whose `key_change` revoked it, when the bundle holds one.
    pub revoked_at: Option<u64>,
}

/// Why a bundle does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    #[error("not a bundle of format {BUNDLE_FORMAT}: {0}")]
    Format(String),
    #[error("the checkpoint does not verify: {0}")]
    Checkpoint(String),
    #[error("entry {index}: {reason}")]
    Entry { index: u64, reason: String },
    #[error("the bundle holds no declaration of label {0}")]
    NoDeclaration(String),
}

/// Checks a bundle: the checkpoint's signature (by `trusted`, or else the bundle's own log key),
/// every statement's signature by a key the bundle names, every inclusion proof against the
/// checkpoint; then derives the label's record for `today` from the statements.
pub fn verify_bundle(
    bundle: &Bundle,
    trusted: Option<&NoteVerifier>,
    catalogs: &Catalogs,
    today: NaiveDate,
) -> Result<Proved, BundleError> {
    if bundle.format != BUNDLE_FORMAT {
        return Err(BundleError::Format(format!("format is {:?}", bundle.format)));
    }
    let own =
        NoteVerifier::from_vkey(&bundle.log_key).map_err(|e| BundleError::Format(format!("log_key: {e}")))?;
    let verifier = trusted.cloned().unwrap_or(own);
    let (checkpoint, _) =
        iotlabel_tlog::note::open_checkpoint(&bundle.checkpoint, std::slice::from_ref(&verifier))
            .map_err(|e| BundleError::Checkpoint(e.to_string()))?;
    let mut logged = Vec::new();
    let mut origins: Vec<KeyOrigin> = bundle
        .keys
        .iter()
        .map(|k| KeyOrigin {
            key_id: k.key_id.clone(),
            account: k.account.clone(),
            enrolled_at: None,
            revoked_at: None,
        })
        .collect();
    let mut entries: Vec<&BundleEntry> = bundle.entries.iter().collect();
    entries.sort_by_key(|e| e.index);
    for e in entries {
        let bad = |reason: String| BundleError::Entry { index: e.index, reason };
        let signed = &e.signed_statement;
        let key_change = signed.statement.kind == iotlabel_statement::Kind::KeyChange;
        if key_change && signed.statement.subject != e.account {
            return Err(bad(format!(
                "a key change about {} logged for the account {}",
                signed.statement.subject, e.account
            )));
        }
        if !key_change && signed.statement.subject != bundle.label {
            return Err(bad(format!("is about {}, not {}", signed.statement.subject, bundle.label)));
        }
        let key = bundle.keys.iter().find(|k| k.key_id == signed.statement.signer).ok_or_else(|| {
            bad(format!("its signer {} is not among the bundle's keys", signed.statement.signer))
        })?;
        let raw: [u8; 32] = STANDARD
            .decode(&key.public_key)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| bad(format!("key {} is not 32 bytes of base64", key.key_id)))?;
        let vk = VerifyingKey::from_bytes(&raw)
            .map_err(|_| bad(format!("key {} is not an Ed25519 key", key.key_id)))?;
        if iotlabel_statement::key_id(&vk) != key.key_id {
            return Err(bad(format!("key {} does not hash to its id", key.key_id)));
        }
        iotlabel_statement::verify(signed, &vk).map_err(|err| bad(err.to_string()))?;
        let body = iotlabel_statement::jcs::to_vec(signed).map_err(|err| bad(err.to_string()))?;
        let leaf = iotlabel_tlog::leaf_hash(&body);
        let path = e
            .inclusion_path
            .iter()
            .map(|h| STANDARD.decode(h).ok().and_then(|b| iotlabel_tlog::hash::hash_from_slice(&b).ok()))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| bad("an inclusion path hash is not 32 bytes of base64".into()))?;
        iotlabel_tlog::verify_inclusion(&leaf, e.index, checkpoint.size, &path, &checkpoint.root_hash)
            .map_err(|err| bad(format!("not included in the checkpoint's tree: {err}")))?;
        // A key the log shows revoked signs nothing after it (entries run in log order here).
        if let Some(at) = origins.iter().find(|o| o.key_id == key.key_id).and_then(|o| o.revoked_at) {
            return Err(bad(format!("signed by key {} after its revocation at entry {at}", key.key_id)));
        }
        if key_change {
            key_history(&mut origins, e, &key.account).map_err(bad)?;
        }
        logged.push(Logged {
            index: e.index,
            accepted_at: e.accepted_at,
            account: e.account.clone(),
            statement: signed.statement.clone(),
        });
    }
    logged.sort_by_key(|l| l.index);
    let derived = crate::status::derive(&bundle.label, &logged, catalogs, today)
        .ok_or_else(|| BundleError::NoDeclaration(bundle.label.clone()))?;
    Ok(Proved { checkpoint, derived, key_from_bundle: trusted.is_none(), keys: origins })
}

/// Records what a logged `key_change` says about the bundle's keys: which key it brings in, or
/// which it revokes. A key brought in for another account than the one whose key signed is
/// refused, as the registry refuses it.
fn key_history(origins: &mut [KeyOrigin], e: &BundleEntry, signer_account: &str) -> Result<(), String> {
    use crate::payload::KeyChangePayload;
    let payload = crate::payload::read::<KeyChangePayload>(&e.signed_statement.statement.payload)
        .map_err(|r| format!("a key change that does not read: {}", r.message))?;
    let (introduced, revoked) = match payload {
        KeyChangePayload::Enrol { public_key, .. } | KeyChangePayload::Add { public_key } => {
            let raw: [u8; 32] = STANDARD
                .decode(&public_key)
                .ok()
                .and_then(|b| b.try_into().ok())
                .ok_or("a key change whose public_key is not 32 bytes of base64")?;
            let vk = VerifyingKey::from_bytes(&raw).map_err(|_| "a key change naming no Ed25519 key")?;
            (Some(iotlabel_statement::key_id(&vk)), None)
        }
        KeyChangePayload::Revoke { key_id } => (None, Some(key_id)),
    };
    for o in origins.iter_mut() {
        if introduced.as_deref() == Some(o.key_id.as_str()) {
            if o.account != signer_account {
                return Err(format!(
                    "enrols key {} for {}, but the bundle gives it to {}",
                    o.key_id, signer_account, o.account
                ));
            }
            o.enrolled_at.get_or_insert(e.index);
        }
        if revoked.as_deref() == Some(o.key_id.as_str()) {
            o.revoked_at.get_or_insert(e.index);
        }
    }
    Ok(())
}

//! A self-contained proof of a label: its logged statements, the keys that signed them, their
//! inclusion proofs and the signed checkpoint they are proved against. `iotlabel verify --save`
//! writes one; [`verify_bundle`] checks it with no server.

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
use crate::status::{LabelRecord, Logged};

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
    /// The label's record, derived from the bundle's statements for the given date.
    pub record: LabelRecord,
    /// The log key was the bundle's own (no trusted key given).
    pub key_from_bundle: bool,
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
    for e in &bundle.entries {
        let bad = |reason: String| BundleError::Entry { index: e.index, reason };
        let signed = &e.signed_statement;
        if signed.statement.subject != bundle.label
            && signed.statement.kind != iotlabel_statement::Kind::KeyChange
        {
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
        logged.push(Logged {
            index: e.index,
            accepted_at: e.accepted_at,
            account: e.account.clone(),
            statement: signed.statement.clone(),
        });
    }
    logged.sort_by_key(|l| l.index);
    let record = crate::status::record(&bundle.label, &logged, catalogs, today)
        .ok_or_else(|| BundleError::NoDeclaration(bundle.label.clone()))?;
    Ok(Proved { checkpoint, record, key_from_bundle: trusted.is_none() })
}

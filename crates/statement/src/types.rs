//! The statement types (one library type each, with a JSON Schema) and their field rules.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, SecondsFormat, Timelike as _, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::StatementError;
use crate::jcs;

/// What every key id starts with (see [`crate::key_id`]).
pub const KEY_ID_PREFIX: &str = "ed25519:";

/// What a statement says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A maker publishes a declaration (the payload is the declaration).
    Declaration,
    /// A lab attests with its evidence (the payload is the evidence).
    Attestation,
    /// A maker or a lab states which vulnerabilities affect the label's firmware (CycloneDX or
    /// CSAF 2.0 VEX document as the payload).
    Vex,
    /// A maker revokes a label (the payload gives the reason).
    Revocation,
    /// A key is added, rotated or revoked (the payload describes the change).
    KeyChange,
    /// A maker uploads the device's MUD file (RFC 8520; the payload is the MUD JSON), which the
    /// registry serves at the path of the declaration's `network.mud_url`.
    Mud,
}

impl Kind {
    /// Every kind, in declaration order.
    pub const ALL: [Kind; 6] =
        [Kind::Declaration, Kind::Attestation, Kind::Vex, Kind::Revocation, Kind::KeyChange, Kind::Mud];

    /// The JSON spelling (`key_change`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Declaration => "declaration",
            Kind::Attestation => "attestation",
            Kind::Vex => "vex",
            Kind::Revocation => "revocation",
            Kind::KeyChange => "key_change",
            Kind::Mud => "mud",
        }
    }
}

/// One statement to the registry: the signed content of a signed statement.
///
/// The signature covers the RFC 8785 canonical JSON of exactly this object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// What the statement says; decides what the payload holds.
    pub kind: Kind,
    /// The label id the statement is about: 1 to 128 ASCII letters, digits, `-`, `.` or `_`,
    /// starting with a letter or a digit.
    #[schemars(length(min = 1, max = 128), regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"))]
    pub subject: String,
    /// The content: the declaration, the evidence, a VEX document, a revocation reason or a key
    /// change. Integers must lie within ±(2^53 − 1) (RFC 7493 I-JSON).
    pub payload: Value,
    /// When the statement was issued: RFC 3339 in UTC with a `Z` (`2026-12-03T17:23:16Z`,
    /// fractions of a second allowed).
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$"))]
    pub issued_at: String,
    /// 16 random bytes chosen by the signer, standard padded base64 (24 characters); makes every
    /// statement unique so a replay can be recognised.
    #[schemars(regex(pattern = r"^[A-Za-z0-9+/]{22}==$"))]
    pub nonce: String,
    /// The signer's key id: `ed25519:` and the lowercase hex of the first 8 bytes of the
    /// SHA-256 of the 32-byte public key (see `key_id`).
    #[schemars(regex(pattern = r"^ed25519:[0-9a-f]{16}$"))]
    pub signer: String,
}

/// A statement and its signature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "iotlabel signed statement")]
pub struct SignedStatement {
    /// The signed content.
    pub statement: Statement,
    /// The 64-byte Ed25519 signature over the RFC 8785 canonical JSON of `statement`, standard
    /// padded base64 (88 characters).
    #[schemars(regex(pattern = r"^[A-Za-z0-9+/]{86}==$"))]
    pub signature: String,
}

/// The nonce spelling of 16 caller-supplied random bytes (standard padded base64).
pub fn encode_nonce(bytes: &[u8; 16]) -> String {
    STANDARD.encode(bytes)
}

/// The JSON Schema (2020-12) of [`SignedStatement`].
pub fn signed_statement_schema() -> Value {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<SignedStatement>();
    serde_json::to_value(schema).unwrap_or_default()
}

/// Decodes standard padded base64 of exactly `len` bytes (one spelling per value: the decoder
/// refuses non-zero trailing bits).
pub(crate) fn decode_base64(text: &str, len: usize, path: &str) -> Result<Vec<u8>, StatementError> {
    let bytes = STANDARD
        .decode(text)
        .map_err(|e| StatementError::field(path, format!("not standard padded base64 ({e})")))?;
    if bytes.len() != len {
        return Err(StatementError::field(path, format!("{} bytes; {len} are needed", bytes.len())));
    }
    Ok(bytes)
}

impl Statement {
    /// A statement by `signer` issued at `now` (written to the second), with the caller's 16
    /// random bytes as its nonce.
    pub fn new(
        kind: Kind,
        subject: &str,
        payload: Value,
        signer: &ed25519_dalek::VerifyingKey,
        now: DateTime<Utc>,
        nonce: &[u8; 16],
    ) -> Self {
        Statement {
            kind,
            subject: subject.to_owned(),
            payload,
            issued_at: now.to_rfc3339_opts(SecondsFormat::Secs, true),
            nonce: encode_nonce(nonce),
            signer: crate::key_id(signer),
        }
    }

    /// The bytes the signature covers: the RFC 8785 canonical JSON of the statement.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        // A statement holds only strings and a `serde_json::Value`, which cannot hold a
        // non-finite number or a non-string key: canonicalisation cannot fail.
        jcs::to_vec(self).expect("a statement always has a canonical form")
    }

    /// The issue time, parsed.
    pub fn issued_at_time(&self) -> Result<DateTime<Utc>, StatementError> {
        parse_time(&self.issued_at, "$.statement.issued_at")
    }

    /// Checks every field rule; the error names the first field that breaks one.
    pub fn validate(&self) -> Result<(), StatementError> {
        let s = &self.subject;
        let subject_ok = (1..=128).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
            && s.as_bytes()[0].is_ascii_alphanumeric();
        if !subject_ok {
            return Err(StatementError::field(
                "$.statement.subject",
                "a label id is 1 to 128 ASCII letters, digits, '-', '.' or '_', starting with a letter or a digit",
            ));
        }
        jcs::check_i_json_numbers(&self.payload, "$.statement.payload")?;
        self.issued_at_time()?;
        decode_base64(&self.nonce, 16, "$.statement.nonce")?;
        let hex = self.signer.strip_prefix(KEY_ID_PREFIX);
        if !hex.is_some_and(|h| h.len() == 16 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))) {
            return Err(StatementError::field(
                "$.statement.signer",
                format!("a key id is \"{KEY_ID_PREFIX}\" and 16 lowercase hex digits"),
            ));
        }
        Ok(())
    }
}

impl SignedStatement {
    /// Checks every field rule of the statement and the signature's form (not the signature
    /// itself: see `verify`).
    pub fn validate(&self) -> Result<(), StatementError> {
        self.statement.validate()?;
        decode_base64(&self.signature, 64, "$.signature").map(drop)
    }

    /// The statement as JSON text (fields in declaration order; any order verifies).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a signed statement always serialises")
    }
}

/// RFC 3339 in UTC, written with an upper-case `T` and `Z`.
fn parse_time(text: &str, path: &str) -> Result<DateTime<Utc>, StatementError> {
    let bad = || {
        StatementError::field(
            path,
            format!("{text:?} is not an RFC 3339 UTC time such as \"2026-12-03T17:23:16Z\""),
        )
    };
    let shape = text.len() >= 20 && text.as_bytes()[10] == b'T' && text.ends_with('Z') && text.is_ascii();
    if !shape {
        return Err(bad());
    }
    let time = DateTime::parse_from_rfc3339(text).map_err(|_| bad())?.with_timezone(&Utc);
    // One spelling per instant apart from the fraction's length: refuse what chrono would
    // accept but write differently (e.g. a leap second written as :60).
    let written = time.to_rfc3339_opts(SecondsFormat::AutoSi, true);
    if written[..19] != text[..19] || time.nanosecond() >= 1_000_000_000 {
        return Err(bad());
    }
    Ok(time)
}

//! What each kind of statement carries, read strictly (unknown fields refused).

use iotlabel_model::{Declaration, Evidence, Format};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::refusal::{Code, Refusal};

/// The payload of an `attestation`: a lab's evidence and the scheme it tested under.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttestationPayload {
    /// The framework id the lab tested against (`etsi-en-303-645`); the lab must be accredited
    /// for it, and every evidence item must target a framework the lab is accredited for, or a
    /// control one of those frameworks uses.
    pub scheme: String,
    /// The evidence, in the format of `iotlabel schema evidence`.
    pub evidence: Value,
}

/// The payload of a `revocation`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RevocationPayload {
    /// Why the label is withdrawn, shown on its page (1 to 2,000 characters).
    pub reason: String,
}

/// The payload of a `key_change`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum KeyChangePayload {
    /// Trust on first use: the signing key enrols itself for a new maker name (only when the
    /// registry runs with open enrolment). The statement's subject is the name's slug.
    Enrol {
        /// The maker's name, as its declarations' `identity.brand` writes it.
        account: String,
        /// The signing key's 32 bytes, standard padded base64.
        public_key: String,
    },
    /// A key of the account adds another (rotation: add the new key, then revoke the old).
    Add { public_key: String },
    /// A key of the account revokes one of the account's keys (itself included).
    Revoke { key_id: String },
}

/// Reads a payload into `T`, naming the JSON path of the first problem.
pub fn read<T: serde::de::DeserializeOwned>(payload: &Value) -> Result<T, Refusal> {
    serde_path_to_error::deserialize(payload).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." {
            "$.statement.payload".to_owned()
        } else {
            format!("$.statement.payload.{path}")
        };
        Refusal::new(Code::Malformed, e.inner().to_string()).at(at)
    })
}

/// Parses a declaration payload with the same checks as `iotlabel validate`, and a message that
/// lists every problem with its field path.
pub fn declaration(payload: &Value) -> Result<Declaration, Refusal> {
    let text = serde_json::to_string_pretty(payload).unwrap_or_default();
    iotlabel_model::parse_declaration("payload", &text, Format::Json).map_err(|d| {
        let first = d.diagnostics.first().map(|x| x.path.clone()).unwrap_or_default();
        Refusal::new(Code::Malformed, format!("the declaration is not valid: {}", d.to_string().trim_end()))
            .at(format!("$.statement.payload{}", pointer_to_path(&first)))
            .suggest("run `iotlabel validate` on the declaration file before publishing")
    })
}

/// Parses an evidence payload (inside an attestation), checked like `iotlabel assess --evidence`.
pub fn evidence(
    value: &Value,
    extra: &dyn Fn(&Evidence) -> Vec<iotlabel_model::Issue>,
) -> Result<Evidence, Refusal> {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    iotlabel_model::parse_evidence_with("evidence", &text, Format::Json, extra).map_err(|d| {
        let first = d.diagnostics.first().map(|x| x.path.clone()).unwrap_or_default();
        Refusal::new(Code::Malformed, format!("the evidence is not valid: {}", d.to_string().trim_end()))
            .at(format!("$.statement.payload.evidence{}", pointer_to_path(&first)))
    })
}

/// `/items/3/id` (or `items[3].id`) as `.items[3].id`.
fn pointer_to_path(p: &str) -> String {
    if p.is_empty() {
        return String::new();
    }
    if !p.starts_with('/') {
        return if p.starts_with('[') { p.to_owned() } else { format!(".{p}") };
    }
    p.split('/')
        .skip(1)
        .map(
            |seg| {
                if seg.bytes().all(|b| b.is_ascii_digit()) { format!("[{seg}]") } else { format!(".{seg}") }
            },
        )
        .collect()
}

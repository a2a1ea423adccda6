//! Why a statement was refused: a stable code, a sentence and a suggestion.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The refusal codes. The server maps each to an HTTP status; clients match on the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// The body is not a well-formed signed statement, or its payload is not what its kind needs.
    Malformed,
    /// The signing key is not known to the registry (and enrolment is closed or not asked for).
    UnknownKey,
    /// The signing key was revoked.
    RevokedKey,
    /// The signature does not verify with the named key.
    BadSignature,
    /// Issued too long ago, or too far in the future.
    NotFresh,
    /// This nonce was already logged: a replay.
    Replay,
    /// The signer's account may not make this statement (another maker's name, a lab outside
    /// its accreditation, a maker attesting).
    Forbidden,
    /// The statement contradicts the label's state (revoking twice, attesting an unknown label).
    Conflict,
    /// The label does not exist.
    NotFound,
    /// The request or the statement is larger than the registry accepts.
    TooLarge,
    /// Too many statements from one client address or one key; try again later.
    RateLimited,
}

impl Code {
    /// The HTTP status the server answers with.
    pub fn http_status(self) -> u16 {
        match self {
            Code::Malformed => 400,
            Code::UnknownKey | Code::RevokedKey | Code::BadSignature => 401,
            Code::NotFresh | Code::Forbidden => 403,
            Code::NotFound => 404,
            Code::Replay | Code::Conflict => 409,
            Code::TooLarge => 413,
            Code::RateLimited => 429,
        }
    }
}

/// A refused statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, thiserror::Error)]
#[error("{message}")]
pub struct Refusal {
    pub code: Code,
    /// What is wrong, in a sentence.
    pub message: String,
    /// The JSON path of the field at fault, when one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// What to do about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl Refusal {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Refusal { code, message: message.into(), path: None, suggestion: None }
    }

    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    pub fn suggest(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }
}

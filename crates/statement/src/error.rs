//! The one error type of the crate: every refusal says which field and why.

/// Why a statement was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatementError {
    /// The text or a field is not a well-formed statement. `path` is a JSON path from the root
    /// of the signed statement (`$.statement.nonce`, `$.statement.payload.items[3]`); `line` and
    /// `column` (1-based) are given when the problem was found while reading text.
    #[error("{path}: {reason}{}", location(*line, *column))]
    Malformed { path: String, line: Option<usize>, column: Option<usize>, reason: String },
    /// The statement names a signer other than the key it is checked against.
    #[error("the statement is signed by key {signer}, not by the given key {key}")]
    WrongKey { signer: String, key: String },
    /// The signature does not verify over the statement's canonical JSON.
    #[error("the signature does not verify over the statement's canonical JSON (RFC 8785)")]
    BadSignature,
    /// The statement was issued longer ago than the freshness window allows.
    #[error(
        "the statement was issued at {issued_at}, {age_seconds} s ago; at most {max_age_seconds} s is accepted"
    )]
    TooOld { issued_at: String, age_seconds: i64, max_age_seconds: i64 },
    /// The statement was issued later than `now` plus the allowed clock skew.
    #[error(
        "the statement was issued at {issued_at}, {ahead_seconds} s in the future; at most {max_skew_seconds} s of clock skew is accepted"
    )]
    FromTheFuture { issued_at: String, ahead_seconds: i64, max_skew_seconds: i64 },
}

fn location(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
        (Some(l), None) => format!(" (line {l})"),
        _ => String::new(),
    }
}

impl StatementError {
    /// A field-level refusal with no text position.
    pub(crate) fn field(path: &str, reason: impl Into<String>) -> Self {
        StatementError::Malformed { path: path.to_owned(), line: None, column: None, reason: reason.into() }
    }
}

//! RFC 8785 JSON Canonicalization Scheme (JCS).
//!
//! The `serde_json_canonicalizer` crate does the work: object members sorted by their UTF-16
//! code units, no insignificant whitespace, strings escaped as ECMAScript's `JSON.stringify`
//! does, numbers written as ECMAScript's `Number.prototype.toString` (through `ryu-js`). It
//! passes the RFC's examples (section 3.2.2, the sorting example of 3.2.3, the UTF-8 bytes of
//! 3.2.4 and every number of Appendix B): see `tests/jcs.rs`.
//!
//! JCS treats every number as an IEEE 754 double, so integers beyond ±(2^53 − 1) would be
//! rounded and two different integers could canonicalise alike. Statements therefore refuse
//! such integers ([`check_i_json_numbers`]), as I-JSON (RFC 7493) advises.

use serde::Serialize;
use serde_json::Value;

use crate::StatementError;

/// The largest integer every JSON implementation reads exactly (2^53 − 1).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// The RFC 8785 canonical bytes of any serialisable value.
///
/// Fails only for values JSON cannot hold (non-finite floats, map keys that are not strings).
pub fn to_vec<T: Serialize>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    serde_json_canonicalizer::to_vec(value)
}

/// The RFC 8785 canonical form of a JSON text (parsed, then written canonically).
///
/// Lenient where [`crate::parse()`] is strict: an object key given twice keeps its last value.
pub fn canonicalize_text(text: &str) -> Result<String, serde_json::Error> {
    serde_json_canonicalizer::pipe(text)
}

/// Refuses integers outside ±(2^53 − 1) anywhere in `value`; `path` names `value` itself.
pub fn check_i_json_numbers(value: &Value, path: &str) -> Result<(), StatementError> {
    match value {
        Value::Number(n) => {
            let safe = match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => u <= MAX_SAFE_INTEGER,
                (None, Some(i)) => i.unsigned_abs() <= MAX_SAFE_INTEGER,
                // A float: already a double, so JCS writes it exactly.
                (None, None) => n.as_f64().is_some_and(f64::is_finite),
            };
            if safe {
                Ok(())
            } else {
                Err(StatementError::field(
                    path,
                    format!("the integer {n} is beyond ±(2^53 − 1); write it as a string (RFC 7493 I-JSON)"),
                ))
            }
        }
        Value::Array(items) => {
            items.iter().enumerate().try_for_each(|(i, v)| check_i_json_numbers(v, &format!("{path}[{i}]")))
        }
        Value::Object(map) => {
            map.iter().try_for_each(|(k, v)| check_i_json_numbers(v, &format!("{path}.{k}")))
        }
        Value::Null | Value::Bool(_) | Value::String(_) => Ok(()),
    }
}

//! The registry's signed statements, as data: no I/O, no server, no clock.
//!
//! A [`Statement`] is one thing a maker or a lab tells the registry (a declaration, a lab's
//! attestation with its evidence, a VEX document, a revocation, a key change) about one label,
//! with the signer's key id, the time it was issued and a nonce. A [`SignedStatement`] adds an
//! Ed25519 signature over the statement's **RFC 8785 canonical JSON** (JCS), so any
//! implementation in any language can recompute the signed bytes from the JSON alone, whatever
//! order or spacing the JSON was sent in (`tests/data/vector.json` is a worked example).
//!
//! - [`jcs`]: RFC 8785 canonical JSON (the `serde_json_canonicalizer` crate, checked against
//!   the RFC's published examples in `tests/data/rfc8785.toml`).
//! - [`types`]: the statement types, their JSON Schema and their field rules.
//! - [`mod@sign`]: key ids, [`sign()`] and [`verify()`].
//! - [`mod@parse`]: strict parsing that names the JSON path of the first problem.
//! - [`fresh`]: the freshness check against a caller-supplied `now`.
//!
//! The crate does no I/O and reads no clock: callers supply the nonce's random bytes and `now`.

pub mod error;
pub mod fresh;
pub mod jcs;
pub mod parse;
pub mod sign;
pub mod types;

pub use error::StatementError;
pub use fresh::{Freshness, check_fresh};
pub use parse::{MAX_STATEMENT_BYTES, parse};
pub use sign::{key_id, sign, verify};
pub use types::{KEY_ID_PREFIX, Kind, SignedStatement, Statement, encode_nonce, signed_statement_schema};

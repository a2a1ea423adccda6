//! iotlabel-mud: Manufacturer Usage Description files (RFC 8520) and the access control lists
//! they carry (RFC 8519), in their RFC 7951 JSON encoding.
//!
//! - [`types`]: the MUD file as typed data (serde, JSON Schema);
//! - [`generate`]: a MUD file from a declaration's network intent;
//! - [`read`]: strict or lenient reading, every problem located by JSON path, line and column;
//! - [`feed`]: resolver answers turned into `nft` commands filling the DNS-name sets;
//! - [`nft`]: a profile compiled for a device to an nftables ruleset (text and JSON);
//! - [`sign`]: RFC 8520 section 13 signatures (detached CMS, DER), made and verified;
//!
//! Architecture invariant: this crate does no I/O and reads no clock; callers pass text, dates
//! and keys in.

pub mod feed;
pub mod generate;
pub mod nft;
mod shape;
pub mod sign;
mod tree;
pub mod types;
mod validate;

pub use generate::{GenerateError, GenerateOptions, generate};
pub use types::*;
pub use validate::{Loaded, Mode, read};

/// The JSON Schema of a MUD file as this crate writes it.
pub fn mud_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(MudFile)).unwrap_or_default()
}

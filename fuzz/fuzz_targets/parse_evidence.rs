//! Fuzzes `iotlabel_model::parse_evidence` with arbitrary bytes, read as TOML and as JSON.
//! Invariants are in `common.rs` (see ../README.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::check_bytes(data, iotlabel_model::parse_evidence);
});

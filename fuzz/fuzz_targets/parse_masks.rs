//! Fuzzes the masks file reader (`iotlabel_model::parse_document::<Masks>`, what `assess --masks`
//! and `label --masks` read) with arbitrary bytes, read as TOML and as JSON. Invariants are in
//! `common.rs` (see ../README.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::check_bytes(data, iotlabel_model::parse_document::<iotlabel_model::Masks>);
});

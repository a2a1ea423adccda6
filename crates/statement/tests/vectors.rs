//! The published test vector (tests/data/vector.json) recomputed from scratch: key, key id,
//! canonical bytes, their SHA-256, the signature (Ed25519 is deterministic), and verification
//! of the statement as it is written in the file.

mod common;

use iotlabel_statement::{key_id, parse, sign, verify};
use serde_json::Value;
use sha2::{Digest, Sha256};

fn vector() -> Value {
    serde_json::from_str(include_str!("data/vector.json")).expect("tests/data/vector.json is JSON")
}

fn field<'a>(v: &'a Value, name: &str) -> &'a str {
    v[name].as_str().unwrap_or_else(|| panic!("vector.json: {name} is a string"))
}

#[test]
fn the_vector_recomputes() {
    let v = vector();
    let key = common::test1_key();
    assert_eq!(field(&v, "secret_key_hex"), common::RFC8032_TEST1_SECRET);
    assert_eq!(hex::encode(key.verifying_key().as_bytes()), common::RFC8032_TEST1_PUBLIC);
    assert_eq!(field(&v, "public_key_hex"), common::RFC8032_TEST1_PUBLIC);
    assert_eq!(key_id(&key.verifying_key()), field(&v, "key_id"));

    let statement = common::fixed_statement();
    let canonical = statement.canonical_bytes();
    assert_eq!(String::from_utf8(canonical.clone()).unwrap(), field(&v, "canonical_statement"));
    assert_eq!(hex::encode(Sha256::digest(&canonical)), field(&v, "canonical_statement_sha256"));

    let signed = sign(statement, &key).unwrap();
    assert_eq!(signed.signature, field(&v, "signature"));
    assert_eq!(serde_json::to_value(&signed).unwrap(), v["signed_statement"]);
}

#[test]
fn the_vector_as_written_parses_and_verifies() {
    let v = vector();
    let text = serde_json::to_string_pretty(&v["signed_statement"]).unwrap();
    let signed = parse(&text).unwrap();
    assert_eq!(signed.statement, common::fixed_statement());
    assert_eq!(verify(&signed, &common::test1_key().verifying_key()), Ok(()));
    // The key id in the file names the key that verifies.
    assert_eq!(signed.statement.signer, field(&v, "key_id"));
}

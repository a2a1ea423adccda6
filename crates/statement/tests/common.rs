//! Shared fixtures: the RFC 8032 test 1 key and a fixed statement.
#![allow(dead_code)]

use ed25519_dalek::SigningKey;
use iotlabel_statement::{Kind, Statement, encode_nonce, key_id};
use serde_json::json;

/// RFC 8032 section 7.1, TEST 1: the secret key.
pub const RFC8032_TEST1_SECRET: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
/// RFC 8032 section 7.1, TEST 1: the public key.
pub const RFC8032_TEST1_PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

pub fn test1_key() -> SigningKey {
    let bytes: [u8; 32] = hex::decode(RFC8032_TEST1_SECRET).unwrap().try_into().unwrap();
    SigningKey::from_bytes(&bytes)
}

pub fn other_key() -> SigningKey {
    SigningKey::from_bytes(&[7; 32])
}

/// The fixed statement of tests/data/vector.json.
pub fn fixed_statement() -> Statement {
    Statement {
        kind: Kind::Declaration,
        subject: "acme-cam-2-b1-2-4-1".to_owned(),
        payload: json!({
            "identity": { "brand": "Acme", "model": "Cam 2", "hardware_version": "B1", "firmware_version": "2.4.1" },
            "support": { "end": "2031-12-31", "years": 5 },
            "network": { "ports": [443, 8443], "ratio": 0.5 },
            "note": "café €, \"quoted\", tab\there"
        }),
        issued_at: "2026-01-15T09:30:00Z".to_owned(),
        nonce: encode_nonce(&std::array::from_fn(|i| i as u8)),
        signer: key_id(&test1_key().verifying_key()),
    }
}

//! Fuzzes the registry's signed-statement parser (`iotlabel_statement::parse`) and verification
//! with arbitrary text.
//!
//! Invariants: nothing panics; an accepted statement writes back to JSON that parses to an equal
//! value with the same canonical bytes; verification against a fixed key refuses, or accepts only
//! a statement that names that key; a refusal of parsing is always a located `Malformed` whose
//! JSON path starts at `$` and whose line, when given, is a line of the input.
#![no_main]

use iotlabel_statement::{StatementError, key_id, parse, verify};
use libfuzzer_sys::fuzz_target;

fn known() -> &'static ed25519_dalek::VerifyingKey {
    static KEY: std::sync::OnceLock<ed25519_dalek::VerifyingKey> = std::sync::OnceLock::new();
    KEY.get_or_init(|| ed25519_dalek::SigningKey::from_bytes(&[7; 32]).verifying_key())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match parse(text) {
        Ok(signed) => {
            let again = parse(&signed.to_json()).expect("an accepted statement writes back to accepted JSON");
            assert_eq!(again, signed);
            assert_eq!(again.statement.canonical_bytes(), signed.statement.canonical_bytes());
            match verify(&signed, known()) {
                Ok(()) => assert_eq!(signed.statement.signer, key_id(known())),
                Err(StatementError::WrongKey { .. } | StatementError::BadSignature) => {}
                Err(other) => panic!("a parsed statement keeps every field rule, yet {other:?}"),
            }
        }
        Err(StatementError::Malformed { path, line, reason, .. }) => {
            assert!(path.starts_with('$'), "{path}");
            assert!(!reason.trim().is_empty());
            if let Some(line) = line {
                assert!(line >= 1 && line <= text.split('\n').count(), "line {line}: {reason}");
            }
        }
        Err(other) => panic!("parsing gives only Malformed errors, not {other:?}"),
    }
});

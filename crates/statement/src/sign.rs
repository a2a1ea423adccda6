//! Key ids, signing and verification.
//!
//! **Key id**: `ed25519:` followed by the lowercase hex of the first 8 bytes of the SHA-256 of
//! the 32-byte Ed25519 public key, e.g. `ed25519:` + 16 hex digits. It names a key; it does not
//! replace it (verification always needs the key itself, found by the caller from the id).
//!
//! **Signature**: Ed25519 (RFC 8032, pure, no context) over the RFC 8785 canonical JSON of the
//! `statement` object, checked strictly (`verify_strict`: no small-order keys or malleable
//! signatures).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::types::{KEY_ID_PREFIX, decode_base64};
use crate::{SignedStatement, Statement, StatementError};

/// The key id of a public key: `ed25519:` + hex of the first 8 bytes of SHA-256(key).
pub fn key_id(key: &VerifyingKey) -> String {
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{KEY_ID_PREFIX}{hex}")
}

/// Signs a statement. The statement must keep every field rule and name `key` as its signer
/// (`signer` = [`key_id`] of the key's public half), so that what is signed always verifies.
pub fn sign(statement: Statement, key: &SigningKey) -> Result<SignedStatement, StatementError> {
    statement.validate()?;
    check_signer(&statement, &key.verifying_key())?;
    let signature = key.sign(&statement.canonical_bytes());
    Ok(SignedStatement { statement, signature: STANDARD.encode(signature.to_bytes()) })
}

/// Verifies a signed statement against the key it names: field rules, key id, then the
/// signature over the canonical JSON. Freshness and replay are the caller's (see
/// [`crate::check_fresh`]); authority (may this key say this?) is the registry's.
pub fn verify(signed: &SignedStatement, key: &VerifyingKey) -> Result<(), StatementError> {
    signed.validate()?;
    check_signer(&signed.statement, key)?;
    let bytes: [u8; 64] = decode_base64(&signed.signature, 64, "$.signature")?
        .try_into()
        .expect("decode_base64 checked the length");
    let signature = Signature::from_bytes(&bytes);
    key.verify_strict(&signed.statement.canonical_bytes(), &signature)
        .map_err(|_| StatementError::BadSignature)
}

fn check_signer(statement: &Statement, key: &VerifyingKey) -> Result<(), StatementError> {
    let id = key_id(key);
    if statement.signer != id {
        return Err(StatementError::WrongKey { signer: statement.signer.clone(), key: id });
    }
    Ok(())
}

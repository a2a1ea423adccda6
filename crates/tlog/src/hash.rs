//! RFC 9162 section 2.1.1 hashing with SHA-256: `leaf = H(0x00 || entry)`,
//! `node = H(0x01 || left || right)`, and the empty tree's hash `H("")`.

use sha2::{Digest, Sha256};

/// A SHA-256 hash: a leaf hash, a node hash or a tree's root.
pub type Hash = [u8; 32];

/// The Merkle Tree Hash of the empty tree: SHA-256 of the empty string.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// The hash of a leaf holding `entry`: `SHA-256(0x00 || entry)`.
pub fn leaf_hash(entry: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0x00]);
    h.update(entry);
    h.finalize().into()
}

/// The hash of an interior node: `SHA-256(0x01 || left || right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([0x01]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// A byte string that should have been a 32-byte hash.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a hash is 32 bytes, this one has {0}")]
pub struct HashLengthError(pub usize);

/// `bytes` as a [`Hash`], refusing any other length.
pub fn hash_from_slice(bytes: &[u8]) -> Result<Hash, HashLengthError> {
    bytes.try_into().map_err(|_| HashLengthError(bytes.len()))
}

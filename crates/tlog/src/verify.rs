//! The verifier: RFC 9162 section 2.1.3.2 (verifying an inclusion proof) and section 2.1.4.2
//! (verifying consistency between two tree heads), step by step as the RFC writes them.
//!
//! This module is deliberately independent of [`crate::tree`]: it does its own node hashing and
//! imports nothing from the rest of the crate, so it can be read (and audited) alone, and a bug in
//! how the tree builds proofs cannot be masked by the same bug here.

use sha2::{Digest, Sha256};

/// A SHA-256 hash (the same type as [`crate::Hash`]).
pub type Hash = [u8; 32];

/// Why a proof was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("leaf index {index} is not in a tree of size {size} (indexes run from 0 to size - 1)")]
    IndexOutOfRange { index: u64, size: u64 },
    #[error("the proof has more hashes than a tree of size {size} needs for this position")]
    ProofTooLong { size: u64 },
    #[error("the proof has fewer hashes than a tree of size {size} needs for this position")]
    ProofTooShort { size: u64 },
    #[error("the proof does not lead to the expected root hash")]
    RootMismatch,
    #[error("the proof does not lead to the first tree's root hash")]
    FirstRootMismatch,
    #[error("the proof does not lead to the second tree's root hash")]
    SecondRootMismatch,
    #[error("a consistency proof goes from a smaller tree to a larger one, not from {first} to {second}")]
    SizesOutOfOrder { first: u64, second: u64 },
    #[error("a tree of size 0 has no leaves and no consistency proof")]
    EmptyTree,
    #[error("a consistency proof between two different sizes is never empty")]
    EmptyProof,
    #[error("two tree heads of the same size {size} are consistent only with an empty proof and equal roots")]
    SameSizeMismatch { size: u64 },
}

fn node(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([0x01]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// Right-shifts `fn_` and `sn` together until `LSB(fn_)` is set or `fn_` is 0.
fn shift_until_lsb_set_or_zero(fn_: &mut u64, sn: &mut u64) {
    while *fn_ != 0 && *fn_ & 1 == 0 {
        *fn_ >>= 1;
        *sn >>= 1;
    }
}

/// Verifies that `leaf_hash` is the leaf at `leaf_index` of the tree of `tree_size` leaves whose
/// root is `root_hash`, given its inclusion path (RFC 9162 section 2.1.3.2).
pub fn verify_inclusion(
    leaf_hash: &Hash,
    leaf_index: u64,
    tree_size: u64,
    inclusion_path: &[Hash],
    root_hash: &Hash,
) -> Result<(), VerifyError> {
    // 1. leaf_index >= tree_size fails (this covers tree_size 0).
    if leaf_index >= tree_size {
        return Err(VerifyError::IndexOutOfRange { index: leaf_index, size: tree_size });
    }
    // 2. fn = leaf_index, sn = tree_size - 1.
    let (mut fn_, mut sn) = (leaf_index, tree_size - 1);
    // 3. r = hash.
    let mut r = *leaf_hash;
    // 4. For each p in inclusion_path:
    for p in inclusion_path {
        // a. sn == 0: stop and fail.
        if sn == 0 {
            return Err(VerifyError::ProofTooLong { size: tree_size });
        }
        // b. LSB(fn) set, or fn == sn:
        if fn_ & 1 == 1 || fn_ == sn {
            // i. r = HASH(0x01 || p || r)
            r = node(p, &r);
            // ii. if LSB(fn) not set, shift both until LSB(fn) set or fn == 0.
            if fn_ & 1 == 0 {
                shift_until_lsb_set_or_zero(&mut fn_, &mut sn);
            }
        } else {
            // otherwise r = HASH(0x01 || r || p)
            r = node(&r, p);
        }
        // c. shift both once.
        fn_ >>= 1;
        sn >>= 1;
    }
    // 5. sn must be 0 and r the root.
    if sn != 0 {
        return Err(VerifyError::ProofTooShort { size: tree_size });
    }
    if r != *root_hash {
        return Err(VerifyError::RootMismatch);
    }
    Ok(())
}

/// Verifies that the tree of `second` leaves with root `second_hash` extends the tree of `first`
/// leaves with root `first_hash`, given the consistency path (RFC 9162 section 2.1.4.2).
///
/// The RFC's algorithm is for `0 < first < second`. Outside it: `first == second` is consistent
/// exactly when the proof is empty and the roots are equal (the proof RFC 9162 section 2.1.4.1
/// produces for equal sizes is empty); `first == 0` is refused ([`VerifyError::EmptyTree`]: there
/// is nothing to prove about an empty tree), and `first > second` too.
pub fn verify_consistency(
    first: u64,
    second: u64,
    first_hash: &Hash,
    second_hash: &Hash,
    consistency_path: &[Hash],
) -> Result<(), VerifyError> {
    if first > second {
        return Err(VerifyError::SizesOutOfOrder { first, second });
    }
    if first == 0 {
        return Err(VerifyError::EmptyTree);
    }
    if first == second {
        return if consistency_path.is_empty() && first_hash == second_hash {
            Ok(())
        } else {
            Err(VerifyError::SameSizeMismatch { size: first })
        };
    }
    // 1. An empty consistency_path fails.
    if consistency_path.is_empty() {
        return Err(VerifyError::EmptyProof);
    }
    // 2. If first is an exact power of 2, prepend first_hash to the path.
    let prepended;
    let path: &[Hash] = if first.is_power_of_two() {
        prepended = std::iter::once(*first_hash).chain(consistency_path.iter().copied()).collect::<Vec<_>>();
        &prepended
    } else {
        consistency_path
    };
    // 3. fn = first - 1, sn = second - 1.
    let (mut fn_, mut sn) = (first - 1, second - 1);
    // 4. If LSB(fn) is set, shift both until LSB(fn) is not set.
    while fn_ & 1 == 1 {
        fn_ >>= 1;
        sn >>= 1;
    }
    // 5. fr = sr = the first value of the path.
    let (mut fr, mut sr) = (path[0], path[0]);
    // 6. For each subsequent value c:
    for c in &path[1..] {
        // a. sn == 0: stop and fail.
        if sn == 0 {
            return Err(VerifyError::ProofTooLong { size: second });
        }
        // b. LSB(fn) set, or fn == sn:
        if fn_ & 1 == 1 || fn_ == sn {
            // i. fr = HASH(0x01 || c || fr), sr = HASH(0x01 || c || sr)
            fr = node(c, &fr);
            sr = node(c, &sr);
            // ii. if LSB(fn) not set, shift both until LSB(fn) set or fn == 0.
            if fn_ & 1 == 0 {
                shift_until_lsb_set_or_zero(&mut fn_, &mut sn);
            }
        } else {
            // otherwise sr = HASH(0x01 || sr || c)
            sr = node(&sr, c);
        }
        // c. shift both once.
        fn_ >>= 1;
        sn >>= 1;
    }
    // 7. fr must be first_hash, sr second_hash, and sn 0.
    if sn != 0 {
        return Err(VerifyError::ProofTooShort { size: second });
    }
    if fr != *first_hash {
        return Err(VerifyError::FirstRootMismatch);
    }
    if sr != *second_hash {
        return Err(VerifyError::SecondRootMismatch);
    }
    Ok(())
}

//! Proof corruptions shared by the vector and property tests: every way a proof can be wrong
//! that a verifier must notice.
//!
//! Not among them: the same proof and root with a neighbouring tree size. Sizes whose paths have
//! the same shape (leaf 1 in sizes 5 and 6) give the same root from the same hashes, so the
//! verifier rightly accepts; what binds the size to the root is the signed checkpoint.

#![allow(dead_code)]

use iotlabel_tlog::Hash;

/// A proof with one thing changed, and what was changed.
pub struct Probe {
    pub what: String,
    pub index: u64,
    pub size: u64,
    pub proof: Vec<Hash>,
}

/// Corruptions of a proof for position `index` (a leaf index or the first size) in a tree of
/// `size`; `extra` is a hash to insert (a root, say).
pub fn corruptions(index: u64, size: u64, proof: &[Hash], extra: Hash) -> Vec<Probe> {
    let p = |what: &str, index: u64, size: u64, proof: Vec<Hash>| Probe {
        what: what.to_owned(),
        index,
        size,
        proof,
    };
    let mut out = vec![
        p("index + 1", index + 1, size, proof.to_vec()),
        p("index ^ 2", index ^ 2, size, proof.to_vec()),
        p("size * 2", index, size * 2, proof.to_vec()),
        p("size / 2", index, size / 2, proof.to_vec()),
        p("trailing hash", index, size, [proof, &[extra]].concat()),
        p("preceding hash", index, size, [&[extra], proof].concat()),
    ];
    if let Some(i) = index.checked_sub(1) {
        out.push(p("index - 1", i, size, proof.to_vec()));
    }
    if !proof.is_empty() {
        out.push(p("last hash removed", index, size, proof[..proof.len() - 1].to_vec()));
        out.push(p("first hash removed", index, size, proof[1..].to_vec()));
        out.push(p("first hash repeated", index, size, [&proof[..1], proof].concat()));
    }
    for i in 0..proof.len() {
        for bit in [0, 3, 7] {
            let mut wrong = proof.to_vec();
            wrong[i][i % 32] ^= 1 << bit;
            out.push(p(&format!("proof[{i}] bit {bit} flipped"), index, size, wrong));
        }
    }
    out
}

pub fn flip(hash: &Hash, byte: usize, bit: u8) -> Hash {
    let mut h = *hash;
    h[byte % 32] ^= 1 << (bit % 8);
    h
}

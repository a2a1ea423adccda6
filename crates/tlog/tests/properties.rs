//! Property tests over random trees: every proof the tree generates verifies with the
//! independent verifier, and any corruption of it (a flipped bit, a wrong index or size, a hash
//! removed or added) is refused; roots equal a naive Merkle Tree Hash; no input panics.

mod common;

use iotlabel_tlog::hash::empty_root;
use iotlabel_tlog::tree::TreeError;
use iotlabel_tlog::{Hash, Tree, VerifyError, leaf_hash, node_hash, verify_consistency, verify_inclusion};
use proptest::prelude::*;

fn entry(seed: u64, i: u64) -> Vec<u8> {
    // Entries of varied lengths, the empty one included.
    let len = ((seed ^ i.wrapping_mul(0x9e37_79b9)) % 40) as usize;
    (0..len).map(|j| (seed as usize + i as usize * 31 + j) as u8).collect()
}

fn build(n: u64, seed: u64) -> Tree {
    let mut tree = Tree::new();
    for i in 0..n {
        assert_eq!(tree.append(&entry(seed, i)), i);
    }
    tree
}

/// RFC 9162 section 2.1.1 read literally: MTH of a list of leaf hashes.
fn naive_mth(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => empty_root(),
        1 => leaves[0],
        n => {
            let k = (1..n).map(|i| 1usize << i).take_while(|&p| p < n).last().unwrap_or(1);
            node_hash(&naive_mth(&leaves[..k]), &naive_mth(&leaves[k..]))
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn roots_equal_the_naive_merkle_tree_hash(n in 0u64..300, seed in any::<u64>(), cut in any::<u64>()) {
        let tree = build(n, seed);
        let leaves: Vec<Hash> = (0..n).map(|i| leaf_hash(&entry(seed, i))).collect();
        let m = cut % (n + 1);
        prop_assert_eq!(tree.root(m).unwrap(), naive_mth(&leaves[..m as usize]));
        prop_assert_eq!(tree.root(n).unwrap(), naive_mth(&leaves));
        prop_assert_eq!(tree.root(n + 1), Err(TreeError::SizeBeyondTree { size: n + 1, tree_size: n }));
    }

    #[test]
    fn inclusion_proofs_verify_and_corruptions_are_refused(
        n in 1u64..1500, seed in any::<u64>(), s in any::<u64>(), i in any::<u64>(),
    ) {
        let tree = build(n, seed);
        let size = 1 + s % n;
        let index = i % size;
        let root = tree.root(size).unwrap();
        let leaf = tree.leaf(index).unwrap();
        prop_assert_eq!(leaf, leaf_hash(&entry(seed, index)));
        let proof = tree.inclusion_proof(index, size).unwrap();
        prop_assert_eq!(verify_inclusion(&leaf, index, size, &proof, &root), Ok(()));
        prop_assert!(verify_inclusion(&common::flip(&leaf, i as usize, s as u8), index, size, &proof, &root).is_err());
        prop_assert!(verify_inclusion(&leaf, index, size, &proof, &common::flip(&root, s as usize, i as u8)).is_err());
        for probe in common::corruptions(index, size, &proof, root) {
            prop_assert!(
                verify_inclusion(&leaf, probe.index, probe.size, &probe.proof, &root).is_err(),
                "leaf {} of {}: accepted with {}", index, size, probe.what
            );
        }
        prop_assert_eq!(tree.inclusion_proof(size, size), Err(TreeError::IndexOutOfRange { index: size, size }));
    }

    #[test]
    fn consistency_proofs_verify_and_corruptions_are_refused(
        n in 1u64..1500, seed in any::<u64>(), a in any::<u64>(), b in any::<u64>(),
    ) {
        let tree = build(n, seed);
        let second = 1 + b % n;
        let first = 1 + a % second;
        let (r1, r2) = (tree.root(first).unwrap(), tree.root(second).unwrap());
        let proof = tree.consistency_proof(first, second).unwrap();
        prop_assert_eq!(proof.is_empty(), first == second);
        prop_assert_eq!(verify_consistency(first, second, &r1, &r2, &proof), Ok(()));
        prop_assert!(verify_consistency(first, second, &common::flip(&r1, a as usize, b as u8), &r2, &proof).is_err());
        prop_assert!(verify_consistency(first, second, &r1, &common::flip(&r2, b as usize, a as u8), &proof).is_err());
        if first != second {
            prop_assert!(verify_consistency(first, second, &r2, &r1, &proof).is_err(), "swapped roots");
        }
        for extra in [r1, r2] {
            for probe in common::corruptions(first, second, &proof, extra) {
                prop_assert!(
                    verify_consistency(probe.index, probe.size, &r1, &r2, &probe.proof).is_err(),
                    "{} to {}: accepted with {}", first, second, probe.what
                );
            }
        }
    }

    /// Arbitrary sizes, indexes and proofs: an answer, never a panic; sizes out of range give
    /// their typed error.
    #[test]
    fn any_input_gets_an_answer(
        index in any::<u64>(), size in any::<u64>(), second in any::<u64>(),
        proof in proptest::collection::vec(any::<[u8; 32]>(), 0..70), leaf in any::<[u8; 32]>(),
    ) {
        let got = verify_inclusion(&leaf, index, size, &proof, &leaf);
        if index >= size {
            prop_assert_eq!(got, Err(VerifyError::IndexOutOfRange { index, size }));
        }
        let got = verify_consistency(size, second, &leaf, &leaf, &proof);
        if size > second {
            prop_assert_eq!(got, Err(VerifyError::SizesOutOfOrder { first: size, second }));
        } else if size == 0 {
            prop_assert_eq!(got, Err(VerifyError::EmptyTree));
        }
        let tree = build(size % 5, index);
        let _ = tree.inclusion_proof(index, size);
        let _ = tree.consistency_proof(size, second);
        let _ = tree.root(size);
    }
}

#[test]
fn size_zero_and_out_of_range_are_typed_errors() {
    let tree = build(3, 1);
    let r = tree.root(3).unwrap();
    assert_eq!(verify_inclusion(&r, 0, 0, &[], &r), Err(VerifyError::IndexOutOfRange { index: 0, size: 0 }));
    assert_eq!(verify_consistency(0, 3, &empty_root(), &r, &[]), Err(VerifyError::EmptyTree));
    assert_eq!(
        verify_consistency(3, 2, &r, &r, &[]),
        Err(VerifyError::SizesOutOfOrder { first: 3, second: 2 })
    );
    assert_eq!(verify_consistency(2, 3, &tree.root(2).unwrap(), &r, &[]), Err(VerifyError::EmptyProof));
    assert_eq!(tree.consistency_proof(0, 3), Err(TreeError::EmptyOldTree));
    assert_eq!(tree.consistency_proof(3, 4), Err(TreeError::SizeBeyondTree { size: 4, tree_size: 3 }));
    assert_eq!(tree.inclusion_proof(3, 3), Err(TreeError::IndexOutOfRange { index: 3, size: 3 }));
    // A proof one hash short or long is named as such.
    let proof = tree.inclusion_proof(0, 3).unwrap();
    let leaf = tree.leaf(0).unwrap();
    assert_eq!(verify_inclusion(&leaf, 0, 3, &proof[..1], &r), Err(VerifyError::ProofTooShort { size: 3 }));
    assert_eq!(
        verify_inclusion(&leaf, 0, 3, &[proof.clone(), vec![r]].concat(), &r),
        Err(VerifyError::ProofTooLong { size: 3 })
    );
    // Every error reads as a sentence.
    assert!(VerifyError::ProofTooShort { size: 3 }.to_string().contains("fewer hashes"));
}

/// The leaf hashes a pruned tree reads back, as the registry's store serves them; counts reads.
struct Leaves(Vec<Hash>, std::cell::Cell<u32>);

impl iotlabel_tlog::LeafSource for Leaves {
    fn leaf_hashes(&self, start: u64, end: u64) -> Result<Vec<Hash>, String> {
        self.1.set(self.1.get() + 1);
        let end = (end as usize).min(self.0.len());
        Ok(self.0.get(start as usize..end).ok_or("beyond the log")?.to_vec())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// A pruned tree answers every question exactly as the full tree does, reading at most two
    /// chunks of leaves per proof, and keeps no more than the open chunk below its kept levels.
    #[test]
    fn a_pruned_tree_answers_as_the_full_tree(
        n in 1u64..700, keep in 1u32..9, seed in any::<u64>(), a in any::<u64>(), b in any::<u64>(),
    ) {
        let full = build(n, seed);
        let mut pruned = Tree::pruned(keep);
        let mut hashes = Vec::new();
        for i in 0..n {
            hashes.push(leaf_hash(&entry(seed, i)));
            pruned.append_leaf_hash(hashes[i as usize]);
        }
        let leaves = Leaves(hashes, std::cell::Cell::new(0));
        let second = 1 + b % n;
        let first = 1 + a % second;
        let index = a % second;
        prop_assert_eq!(pruned.size(), n);
        prop_assert_eq!(pruned.root_with(second, &leaves), full.root(second));
        prop_assert_eq!(pruned.inclusion_proof_with(index, second, &leaves), full.inclusion_proof(index, second));
        prop_assert_eq!(pruned.consistency_proof_with(first, second, &leaves), full.consistency_proof(first, second));
        prop_assert!(leaves.1.get() <= 5, "{} chunk reads for one root and two proofs", leaves.1.get());
        for level in 0..12 {
            prop_assert_eq!(pruned.width(level), full.width(level));
            let i = b % (full.width(level) + 1);
            prop_assert_eq!(pruned.node_with(level, i, &leaves), Ok(full.node(level, i)));
        }
        // The current root never needs the source: the open chunk and kept levels are in memory.
        prop_assert_eq!(pruned.root(n), full.root(n));
        let chunk = 1u64 << keep;
        if n >= 2 * chunk {
            prop_assert!(pruned.memory_bytes() < full.memory_bytes());
            prop_assert_eq!(pruned.leaf(0), None);
            let refused = matches!(pruned.inclusion_proof(0, n), Err(TreeError::Leaves { .. }));
            prop_assert!(refused, "a pruned chunk was answered without its leaves");
        }
    }
}

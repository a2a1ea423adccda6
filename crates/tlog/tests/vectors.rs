//! The RFC 6962 / RFC 9162 reference vectors (tests/data/rfc6962-vectors.toml, origin noted
//! there): the tree's roots and proofs equal the published ones, the verifier accepts the
//! published proofs, and refuses every corruption of them.

mod common;

use iotlabel_tlog::hash::{empty_root, hash_from_slice};
use iotlabel_tlog::{Hash, Tree, leaf_hash, verify_consistency, verify_inclusion};
use serde::Deserialize;

#[derive(Deserialize)]
struct Vectors {
    leaves: Vec<String>,
    roots: Vec<String>,
    inclusion: Vec<Inclusion>,
    consistency: Vec<Consistency>,
}

#[derive(Deserialize)]
struct Inclusion {
    index: u64,
    size: u64,
    proof: Vec<String>,
}

#[derive(Deserialize)]
struct Consistency {
    first: u64,
    second: u64,
    proof: Vec<String>,
}

fn h(s: &str) -> Hash {
    hash_from_slice(&hex::decode(s).expect("hex")).expect("32 bytes")
}

fn hs(v: &[String]) -> Vec<Hash> {
    v.iter().map(|s| h(s)).collect()
}

#[test]
fn the_reference_vectors_hold() {
    let v: Vectors = toml::from_str(include_str!("data/rfc6962-vectors.toml")).expect("vectors parse");
    assert_eq!((v.leaves.len(), v.roots.len()), (8, 9));
    let roots: Vec<Hash> = hs(&v.roots);
    assert_eq!(roots[0], empty_root());

    // Roots of every prefix, from the tree as it grows and from the finished tree.
    let mut tree = Tree::new();
    assert_eq!(tree.root(0).unwrap(), roots[0]);
    for (i, leaf) in v.leaves.iter().enumerate() {
        let index = tree.append(&hex::decode(leaf).unwrap());
        assert_eq!(index, i as u64);
        assert_eq!(tree.root(i as u64 + 1).unwrap(), roots[i + 1], "root of size {} as it grows", i + 1);
    }
    for (size, root) in roots.iter().enumerate() {
        assert_eq!(tree.root(size as u64).unwrap(), *root, "root of size {size} from the full tree");
    }

    for c in &v.inclusion {
        let proof = hs(&c.proof);
        let leaf = leaf_hash(&hex::decode(&v.leaves[c.index as usize]).unwrap());
        let root = roots[c.size as usize];
        let at = format!("inclusion of leaf {} in size {}", c.index, c.size);
        assert_eq!(tree.inclusion_proof(c.index, c.size).unwrap(), proof, "{at}: generated proof");
        assert_eq!(verify_inclusion(&leaf, c.index, c.size, &proof, &root), Ok(()), "{at}");
        assert!(
            verify_inclusion(&common::flip(&leaf, 0, 0), c.index, c.size, &proof, &root).is_err(),
            "{at}: wrong leaf"
        );
        assert!(verify_inclusion(&leaf, c.index, c.size, &proof, &roots[0]).is_err(), "{at}: empty root");
        assert!(
            verify_inclusion(&leaf, c.index, c.size, &proof, &common::flip(&root, 31, 7)).is_err(),
            "{at}: wrong root"
        );
        for probe in common::corruptions(c.index, c.size, &proof, root) {
            assert!(
                verify_inclusion(&leaf, probe.index, probe.size, &probe.proof, &root).is_err(),
                "{at}: accepted with {}",
                probe.what
            );
        }
    }

    for c in &v.consistency {
        let proof = hs(&c.proof);
        let (r1, r2) = (roots[c.first as usize], roots[c.second as usize]);
        let at = format!("consistency from {} to {}", c.first, c.second);
        assert_eq!(tree.consistency_proof(c.first, c.second).unwrap(), proof, "{at}: generated proof");
        assert_eq!(verify_consistency(c.first, c.second, &r1, &r2, &proof), Ok(()), "{at}");
        if c.first == c.second {
            assert!(
                verify_consistency(c.first, c.second, &r1, &roots[0], &proof).is_err(),
                "{at}: other root"
            );
            assert!(verify_consistency(c.first, c.second, &r1, &r2, &[r1]).is_err(), "{at}: non-empty proof");
            continue;
        }
        assert!(verify_consistency(c.first, c.second, &r2, &r1, &proof).is_err(), "{at}: swapped roots");
        assert!(
            verify_consistency(c.first, c.second, &common::flip(&r1, 3, 1), &r2, &proof).is_err(),
            "{at}: root1"
        );
        assert!(
            verify_consistency(c.first, c.second, &r1, &common::flip(&r2, 3, 1), &proof).is_err(),
            "{at}: root2"
        );
        assert!(verify_consistency(c.first, c.second, &r1, &r2, &[]).is_err(), "{at}: empty proof");
        for extra in [r1, r2] {
            for probe in common::corruptions(c.first, c.second, &proof, extra) {
                assert!(
                    verify_consistency(probe.index, probe.size, &r1, &r2, &probe.proof).is_err(),
                    "{at}: accepted with {}",
                    probe.what
                );
            }
        }
    }
}

//! Inclusion proofs in a large log, on one core.
//!
//! Target (issue #11): an inclusion proof in a log of 1,000,000 entries in under 1 ms.
//! Run: `cargo bench -p iotlabel-tlog --bench proofs` (1,000,000 leaves by default; set
//! IOTLABEL_BENCH_N to change). Builds the tree, then times generating and verifying the
//! inclusion proof of leaves spread over the whole tree (the proof against the full size, and
//! against an older size whose right edge is not a complete subtree), and a consistency proof
//! between two sizes. Prints each figure, its ratio to the target and the memory the tree holds.
//! `cargo test --benches` runs it small (quick mode).

use std::hint::black_box;
use std::time::Instant;

use iotlabel_tlog::{Tree, verify_consistency, verify_inclusion};

const TARGET_SECONDS: f64 = 1e-3;

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run small then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let n: u64 = std::env::var("IOTLABEL_BENCH_N").ok().and_then(|v| v.parse().ok()).unwrap_or(if quick {
        10_000
    } else {
        1_000_000
    });
    let t = Instant::now();
    let mut tree = Tree::new();
    for i in 0..n {
        tree.append(format!("statement {i}: a signed statement of about this length").as_bytes());
    }
    let build = t.elapsed().as_secs_f64();
    println!(
        "tree of {n} leaves built in {build:.2} s ({:.2} us a leaf); it holds {:.1} MB of hashes ({:.0} bytes a leaf)",
        build * 1e6 / n as f64,
        tree.memory_bytes() as f64 / 1e6,
        tree.memory_bytes() as f64 / n as f64
    );

    let proofs = 10_000u64;
    for (name, size) in [("full size", n), ("older size (ragged right edge)", n - n / 3 - 1)] {
        let root = tree.root(size).expect("size within the tree");
        let t = Instant::now();
        let mut hashes = 0;
        for k in 0..proofs {
            let index = k.wrapping_mul(0x9e37_79b9_7f4a_7c15) % size;
            let proof = tree.inclusion_proof(index, size).expect("index within the size");
            hashes += proof.len();
            let leaf = tree.leaf(index).expect("leaf");
            verify_inclusion(&leaf, index, size, &proof, &root).expect("generated proofs verify");
            black_box(proof);
        }
        let each = t.elapsed().as_secs_f64() / proofs as f64;
        println!(
            "inclusion proof, {name} {size}: generate + verify {:.2} us ({} hashes a proof) = {:.0}x under the 1 ms target",
            each * 1e6,
            hashes / proofs as usize,
            TARGET_SECONDS / each
        );
    }

    let (first, second) = (n / 3 + 1, n - 7);
    let (r1, r2) = (tree.root(first).unwrap(), tree.root(second).unwrap());
    let t = Instant::now();
    let rounds = 10_000;
    for _ in 0..rounds {
        let proof = tree.consistency_proof(first, second).expect("sizes within the tree");
        verify_consistency(first, second, &r1, &r2, &proof).expect("generated proofs verify");
        black_box(proof);
    }
    let each = t.elapsed().as_secs_f64() / rounds as f64;
    println!("consistency proof {first} -> {second}: generate + verify {:.2} us", each * 1e6);
}

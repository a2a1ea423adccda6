//! The registry's verifiable log, as data: no I/O, no server.
//!
//! - [`hash`]: RFC 9162 (Certificate Transparency 2.0) leaf and node hashing.
//! - [`tree`]: an append-only Merkle tree that stores every complete subtree hash (or, pruned,
//!   those of 256 leaves and more, reading the rest through a [`LeafSource`]), so roots,
//!   inclusion proofs and consistency proofs of any earlier size cost O(log² n) hashes.
//! - [`verify`]: the verifier of RFC 9162 sections 2.1.3.2 and 2.1.4.2, written from the RFC's
//!   text and sharing no code with [`tree`] (it hashes for itself), so a bug in the tree cannot
//!   hide a bug in the verifier.
//! - [`checkpoint`]: the C2SP tlog-checkpoint note text, exact formatting and strict parsing.
//! - [`cosignature`]: C2SP tlog-cosignature v1 (Ed25519): witnesses, verification, signing.
//! - [`tiles`]: C2SP tlog-tiles paths (parsed strictly: one spelling per tile).
//! - [`note`]: C2SP signed notes with Ed25519 keys: located parsing, signing, and verification
//!   against known keys (signature semantics from the `signed_note` crate).

pub mod checkpoint;
pub mod cosignature;
pub mod hash;
pub mod note;
pub mod tiles;
pub mod tree;
pub mod verify;

pub use checkpoint::{Checkpoint, CheckpointError};
pub use hash::{Hash, HashLengthError, leaf_hash, node_hash};
pub use note::{NoteError, NoteSigner, NoteVerifier, SignedNote};
pub use tree::{LeafSource, Tree, TreeError};
pub use verify::{VerifyError, verify_consistency, verify_inclusion};

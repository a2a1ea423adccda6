//! An append-only Merkle tree as RFC 9162 section 2.1.1 defines it, held in memory.
//!
//! Level 0 holds the leaf hashes; level `k` holds the hash of every complete subtree of `2^k`
//! leaves, in order (entry `i` covers leaves `i * 2^k .. (i + 1) * 2^k`). Appending a leaf adds at
//! most one entry per level, so the tree holds fewer than `2n` hashes (64 bytes a leaf). Every
//! subtree the Merkle Tree Hash recursion meets is either complete (one lookup) or the right edge
//! of the tree at some size (at most `log2 n` node hashes), so roots, inclusion proofs and
//! consistency proofs for any size up to the current one cost O(log² n) hashes at worst.

use crate::hash::{Hash, empty_root, leaf_hash, node_hash};

/// A request the tree cannot answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TreeError {
    #[error("the tree has {tree_size} leaves; size {size} was asked for")]
    SizeBeyondTree { size: u64, tree_size: u64 },
    #[error("leaf index {index} is not in a tree of size {size} (indexes run from 0 to size - 1)")]
    IndexOutOfRange { index: u64, size: u64 },
    #[error("a consistency proof goes from a smaller tree to a larger one, not from {old} to {new}")]
    SizesOutOfOrder { old: u64, new: u64 },
    #[error("there is no consistency proof from the empty tree: every tree extends it")]
    EmptyOldTree,
}

/// An append-only Merkle tree of leaf hashes with every complete subtree hash kept.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// `levels[k][i]`: the hash of the complete subtree of `2^k` leaves starting at `i * 2^k`.
    levels: Vec<Vec<Hash>>,
}

impl Tree {
    /// An empty tree.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of leaves.
    pub fn size(&self) -> u64 {
        self.levels.first().map_or(0, |l| l.len() as u64)
    }

    /// Appends the leaf holding `entry` and returns its index.
    pub fn append(&mut self, entry: &[u8]) -> u64 {
        self.append_leaf_hash(leaf_hash(entry))
    }

    /// Appends a leaf by its hash (`SHA-256(0x00 || entry)`) and returns its index.
    pub fn append_leaf_hash(&mut self, leaf: Hash) -> u64 {
        let index = self.size();
        let mut hash = leaf;
        let mut level = 0;
        loop {
            if self.levels.len() == level {
                self.levels.push(Vec::new());
            }
            let row = &mut self.levels[level];
            row.push(hash);
            // A new complete subtree one level up when this row now ends with a pair.
            if row.len() % 2 == 1 {
                break;
            }
            hash = node_hash(&row[row.len() - 2], &row[row.len() - 1]);
            level += 1;
        }
        index
    }

    /// The hash of leaf `index`.
    pub fn leaf(&self, index: u64) -> Option<Hash> {
        self.levels.first().and_then(|l| l.get(usize::try_from(index).ok()?)).copied()
    }

    /// The hash of the complete subtree of `2^level` leaves starting at leaf `index * 2^level`
    /// (what a C2SP tlog tile of level `level / 8` holds); `None` until that subtree is complete.
    pub fn node(&self, level: usize, index: u64) -> Option<Hash> {
        self.levels.get(level).and_then(|l| l.get(usize::try_from(index).ok()?)).copied()
    }

    /// How many complete subtrees of `2^level` leaves the tree holds.
    pub fn width(&self, level: usize) -> u64 {
        self.levels.get(level).map_or(0, |l| l.len() as u64)
    }

    /// The bytes the tree's hashes take (the vectors' capacity).
    pub fn memory_bytes(&self) -> usize {
        self.levels.iter().map(|l| l.capacity() * size_of::<Hash>()).sum::<usize>()
            + self.levels.capacity() * size_of::<Vec<Hash>>()
    }

    /// The Merkle Tree Hash of the first `size` leaves (RFC 9162 section 2.1.1).
    pub fn root(&self, size: u64) -> Result<Hash, TreeError> {
        self.check_size(size)?;
        Ok(if size == 0 { empty_root() } else { self.subtree(0, size) })
    }

    /// The inclusion proof (audit path) of leaf `index` in the tree of the first `size` leaves,
    /// lowest level first (RFC 9162 section 2.1.3.1).
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, TreeError> {
        self.check_size(size)?;
        if index >= size {
            return Err(TreeError::IndexOutOfRange { index, size });
        }
        let mut path = Vec::with_capacity(64);
        self.path(index, 0, size, &mut path);
        Ok(path)
    }

    /// The consistency proof from the tree of the first `old` leaves to that of the first `new`
    /// (RFC 9162 section 2.1.4.1). Empty when `old == new`.
    pub fn consistency_proof(&self, old: u64, new: u64) -> Result<Vec<Hash>, TreeError> {
        self.check_size(new)?;
        if old > new {
            return Err(TreeError::SizesOutOfOrder { old, new });
        }
        if old == 0 {
            return Err(TreeError::EmptyOldTree);
        }
        let mut proof = Vec::with_capacity(64);
        self.subproof(old, 0, new, true, &mut proof);
        Ok(proof)
    }

    fn check_size(&self, size: u64) -> Result<(), TreeError> {
        let tree_size = self.size();
        if size > tree_size { Err(TreeError::SizeBeyondTree { size, tree_size }) } else { Ok(()) }
    }

    /// MTH of leaves `start .. start + len` (`len >= 1`), a subtree the RFC's recursion reaches:
    /// `start` is a multiple of a power of two at least `len`, so a power-of-two `len` is a
    /// complete stored subtree.
    fn subtree(&self, start: u64, len: u64) -> Hash {
        if len.is_power_of_two() {
            let level = len.trailing_zeros() as usize;
            return self.levels[level][(start >> level) as usize];
        }
        let k = split(len);
        node_hash(&self.subtree(start, k), &self.subtree(start + k, len - k))
    }

    /// PATH(m, D[start .. start + len]), appended to `out` lowest level first.
    fn path(&self, m: u64, start: u64, len: u64, out: &mut Vec<Hash>) {
        if len <= 1 {
            return;
        }
        let k = split(len);
        if m < k {
            self.path(m, start, k, out);
            out.push(self.subtree(start + k, len - k));
        } else {
            self.path(m - k, start + k, len - k, out);
            out.push(self.subtree(start, k));
        }
    }

    /// SUBPROOF(m, D[start .. start + len], complete), appended to `out`.
    fn subproof(&self, m: u64, start: u64, len: u64, complete: bool, out: &mut Vec<Hash>) {
        if m == len {
            if !complete {
                out.push(self.subtree(start, len));
            }
            return;
        }
        let k = split(len);
        if m <= k {
            self.subproof(m, start, k, complete, out);
            out.push(self.subtree(start + k, len - k));
        } else {
            self.subproof(m - k, start + k, len - k, false, out);
            out.push(self.subtree(start, k));
        }
    }
}

/// The largest power of two smaller than `n` (`n >= 2`).
fn split(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1 << (63 - (n - 1).leading_zeros())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_is_the_largest_power_of_two_below() {
        for (n, k) in
            [(2, 1), (3, 2), (4, 2), (5, 4), (8, 4), (9, 8), (1 << 40, 1 << 39), (u64::MAX, 1 << 63)]
        {
            assert_eq!(split(n), k, "n = {n}");
        }
    }

    /// The stored levels agree with hashing every complete subtree from the leaves.
    #[test]
    fn levels_hold_every_complete_subtree() {
        let mut tree = Tree::new();
        for i in 0u32..37 {
            tree.append(&i.to_be_bytes());
        }
        assert_eq!(tree.levels[0].len(), 37);
        assert_eq!(tree.levels[1].len(), 18);
        assert_eq!(tree.levels[5].len(), 1);
        assert_eq!(tree.levels[1][3], node_hash(&tree.levels[0][6], &tree.levels[0][7]));
        assert_eq!(tree.levels[2][1], node_hash(&tree.levels[1][2], &tree.levels[1][3]));
    }
}

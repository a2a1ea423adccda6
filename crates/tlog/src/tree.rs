//! An append-only Merkle tree as RFC 9162 section 2.1.1 defines it.
//!
//! Level 0 holds the leaf hashes; level `k` holds the hash of every complete subtree of `2^k`
//! leaves, in order (entry `i` covers leaves `i * 2^k .. (i + 1) * 2^k`). Appending a leaf adds at
//! most one entry per level, so a tree holding every level keeps fewer than `2n` hashes (64 bytes
//! a leaf). Every subtree the Merkle Tree Hash recursion meets is either complete (one lookup) or
//! the right edge of the tree at some size (at most `log2 n` node hashes), so roots, inclusion
//! proofs and consistency proofs for any size up to the current one cost O(log² n) hashes at worst.
//!
//! A **pruned** tree ([`Tree::pruned`]) keeps in memory only the levels from `keep` up, plus every
//! level of the open chunk (the leaves after the last complete subtree of `2^keep`): with
//! `keep = 8` (one C2SP tile), a million leaves take about 260 KB instead of 64 MB. A question that
//! needs a pruned hash reads that chunk's leaf hashes through a [`LeafSource`] (the registry's
//! store) and rebuilds its 255 inner hashes; a proof touches at most two such chunks.

use std::cell::RefCell;

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
    #[error("the leaf hashes {start}..{end} are not in memory and could not be read: {reason}")]
    Leaves { start: u64, end: u64, reason: String },
}

/// Where a pruned tree reads the leaf hashes it does not keep (the registry's store).
pub trait LeafSource {
    /// The hashes of leaves `start .. end`, in order; fewer only if the log is shorter.
    fn leaf_hashes(&self, start: u64, end: u64) -> Result<Vec<Hash>, String>;
}

/// The source of a tree that prunes nothing: never asked.
struct NoLeaves;

impl LeafSource for NoLeaves {
    fn leaf_hashes(&self, _: u64, _: u64) -> Result<Vec<Hash>, String> {
        Err("this tree keeps no leaf source".into())
    }
}

/// An append-only Merkle tree of leaf hashes with every complete subtree hash kept (or, pruned,
/// those of `2^keep` leaves and more).
#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// `levels[k][i - base(k)]`: the hash of the complete subtree of `2^k` leaves starting at
    /// `i * 2^k`; `base(k)` is 0 for kept levels, and the open chunk's first index below `keep`.
    levels: Vec<Vec<Hash>>,
    size: u64,
    /// Levels below this are kept for the open chunk only (`None`: every level is kept).
    keep: Option<u32>,
}

impl Tree {
    /// An empty tree keeping every level in memory.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty tree keeping levels `keep` and up in memory (and the open chunk's lower levels);
    /// `keep` is capped at 32.
    pub fn pruned(keep: u32) -> Self {
        Self { keep: Some(keep.min(32)), ..Self::default() }
    }

    /// The number of leaves.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Appends the leaf holding `entry` and returns its index.
    pub fn append(&mut self, entry: &[u8]) -> u64 {
        self.append_leaf_hash(leaf_hash(entry))
    }

    /// Appends a leaf by its hash (`SHA-256(0x00 || entry)`) and returns its index.
    pub fn append_leaf_hash(&mut self, leaf: Hash) -> u64 {
        let index = self.size;
        self.size += 1;
        let mut hash = leaf;
        let mut level = 0;
        loop {
            if self.levels.len() == level {
                self.levels.push(Vec::new());
            }
            let row = &mut self.levels[level];
            row.push(hash);
            // A new complete subtree one level up when this row now ends with a pair (the
            // open chunk's rows start at an even index, so their parity is the level's).
            if row.len() % 2 == 1 {
                break;
            }
            hash = node_hash(&row[row.len() - 2], &row[row.len() - 1]);
            level += 1;
            if self.keep == Some(level as u32) {
                // The chunk is complete: its hash goes up, its lower levels go.
                for row in &mut self.levels[..level] {
                    row.clear();
                }
            }
        }
        index
    }

    /// The index at which level `level`'s stored row starts.
    fn base(&self, level: usize) -> u64 {
        match self.keep {
            Some(keep) if (level as u32) < keep => (self.size >> keep) << (keep - level as u32),
            _ => 0,
        }
    }

    /// A hash the tree holds in memory.
    fn stored(&self, level: usize, index: u64) -> Option<Hash> {
        let at = index.checked_sub(self.base(level))?;
        self.levels.get(level).and_then(|l| l.get(usize::try_from(at).ok()?)).copied()
    }

    /// The hash of leaf `index`, if in memory.
    pub fn leaf(&self, index: u64) -> Option<Hash> {
        self.stored(0, index)
    }

    /// The hash of the complete subtree of `2^level` leaves starting at leaf `index * 2^level`
    /// (what a C2SP tlog tile of level `level / 8` holds); `None` until that subtree is complete,
    /// or when a pruned tree does not keep it in memory (see [`Tree::node_with`]).
    pub fn node(&self, level: usize, index: u64) -> Option<Hash> {
        self.stored(level, index)
    }

    /// [`Tree::node`], reading pruned hashes through `leaves`.
    pub fn node_with(
        &self,
        level: usize,
        index: u64,
        leaves: &dyn LeafSource,
    ) -> Result<Option<Hash>, TreeError> {
        if level >= 64 || index >= self.width(level) {
            return Ok(None);
        }
        Reader::new(self, leaves).complete(level, index).map(Some)
    }

    /// How many complete subtrees of `2^level` leaves the tree holds.
    pub fn width(&self, level: usize) -> u64 {
        if level >= 64 { 0 } else { self.size >> level }
    }

    /// The levels below which a pruned tree keeps only the open chunk (`None`: it keeps all).
    pub fn keep(&self) -> Option<u32> {
        self.keep
    }

    /// The bytes the tree's hashes take (the vectors' capacity).
    pub fn memory_bytes(&self) -> usize {
        self.levels.iter().map(|l| l.capacity() * size_of::<Hash>()).sum::<usize>()
            + self.levels.capacity() * size_of::<Vec<Hash>>()
    }

    /// The Merkle Tree Hash of the first `size` leaves (RFC 9162 section 2.1.1).
    pub fn root(&self, size: u64) -> Result<Hash, TreeError> {
        self.root_with(size, &NoLeaves)
    }

    /// [`Tree::root`], reading pruned hashes through `leaves`.
    pub fn root_with(&self, size: u64, leaves: &dyn LeafSource) -> Result<Hash, TreeError> {
        self.check_size(size)?;
        if size == 0 { Ok(empty_root()) } else { Reader::new(self, leaves).subtree(0, size) }
    }

    /// The inclusion proof (audit path) of leaf `index` in the tree of the first `size` leaves,
    /// lowest level first (RFC 9162 section 2.1.3.1).
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, TreeError> {
        self.inclusion_proof_with(index, size, &NoLeaves)
    }

    /// [`Tree::inclusion_proof`], reading pruned hashes through `leaves`.
    pub fn inclusion_proof_with(
        &self,
        index: u64,
        size: u64,
        leaves: &dyn LeafSource,
    ) -> Result<Vec<Hash>, TreeError> {
        self.check_size(size)?;
        if index >= size {
            return Err(TreeError::IndexOutOfRange { index, size });
        }
        let mut path = Vec::with_capacity(64);
        Reader::new(self, leaves).path(index, 0, size, &mut path)?;
        Ok(path)
    }

    /// The consistency proof from the tree of the first `old` leaves to that of the first `new`
    /// (RFC 9162 section 2.1.4.1). Empty when `old == new`.
    pub fn consistency_proof(&self, old: u64, new: u64) -> Result<Vec<Hash>, TreeError> {
        self.consistency_proof_with(old, new, &NoLeaves)
    }

    /// [`Tree::consistency_proof`], reading pruned hashes through `leaves`.
    pub fn consistency_proof_with(
        &self,
        old: u64,
        new: u64,
        leaves: &dyn LeafSource,
    ) -> Result<Vec<Hash>, TreeError> {
        self.check_size(new)?;
        if old > new {
            return Err(TreeError::SizesOutOfOrder { old, new });
        }
        if old == 0 {
            return Err(TreeError::EmptyOldTree);
        }
        let mut proof = Vec::with_capacity(64);
        Reader::new(self, leaves).subproof(old, 0, new, true, &mut proof)?;
        Ok(proof)
    }

    fn check_size(&self, size: u64) -> Result<(), TreeError> {
        let tree_size = self.size;
        if size > tree_size { Err(TreeError::SizeBeyondTree { size, tree_size }) } else { Ok(()) }
    }
}

/// One question to a tree: its hashes, and the pruned chunks read for it (a proof needs at most
/// two, so a short list is the cache).
struct Reader<'a> {
    tree: &'a Tree,
    leaves: &'a dyn LeafSource,
    /// (chunk index, every level of the chunk: leaves first, its root last).
    chunks: RefCell<Vec<(u64, Vec<Vec<Hash>>)>>,
}

impl<'a> Reader<'a> {
    fn new(tree: &'a Tree, leaves: &'a dyn LeafSource) -> Self {
        Self { tree, leaves, chunks: RefCell::new(Vec::new()) }
    }

    /// The complete subtree of `2^level` leaves starting at `index * 2^level`.
    fn complete(&self, level: usize, index: u64) -> Result<Hash, TreeError> {
        if let Some(h) = self.tree.stored(level, index) {
            return Ok(h);
        }
        let keep = match self.tree.keep {
            Some(keep) if (level as u32) < keep => keep,
            // Never reached for a complete subtree of the tree: every kept level is stored.
            _ => return Err(self.missing(level, index, "the hash is not in the tree".into())),
        };
        let chunk = (index << level) >> keep;
        let mut chunks = self.chunks.borrow_mut();
        let at = match chunks.iter().position(|(c, _)| *c == chunk) {
            Some(at) => at,
            None => {
                let (start, end) = (chunk << keep, (chunk + 1) << keep);
                let leaves = self.leaves.leaf_hashes(start, end).map_err(|reason| TreeError::Leaves {
                    start,
                    end,
                    reason,
                })?;
                if leaves.len() as u64 != end - start {
                    let reason = format!("the source gave {} hashes", leaves.len());
                    return Err(TreeError::Leaves { start, end, reason });
                }
                let mut rows = vec![leaves];
                while rows.last().is_some_and(|r| r.len() > 1) {
                    let below = rows.last().map(Vec::as_slice).unwrap_or_default();
                    let up = below.chunks_exact(2).map(|p| node_hash(&p[0], &p[1])).collect();
                    rows.push(up);
                }
                chunks.push((chunk, rows));
                chunks.len() - 1
            }
        };
        let offset = index - ((chunk << keep) >> level);
        Ok(chunks[at].1[level][offset as usize])
    }

    fn missing(&self, level: usize, index: u64, reason: String) -> TreeError {
        TreeError::Leaves { start: index << level, end: (index + 1) << level, reason }
    }

    /// MTH of leaves `start .. start + len` (`len >= 1`), a subtree the RFC's recursion reaches:
    /// `start` is a multiple of a power of two at least `len`, so a power-of-two `len` is a
    /// complete subtree.
    fn subtree(&self, start: u64, len: u64) -> Result<Hash, TreeError> {
        if len.is_power_of_two() {
            let level = len.trailing_zeros() as usize;
            return self.complete(level, start >> level);
        }
        let k = split(len);
        Ok(node_hash(&self.subtree(start, k)?, &self.subtree(start + k, len - k)?))
    }

    /// PATH(m, D[start .. start + len]), appended to `out` lowest level first.
    fn path(&self, m: u64, start: u64, len: u64, out: &mut Vec<Hash>) -> Result<(), TreeError> {
        if len <= 1 {
            return Ok(());
        }
        let k = split(len);
        if m < k {
            self.path(m, start, k, out)?;
            out.push(self.subtree(start + k, len - k)?);
        } else {
            self.path(m - k, start + k, len - k, out)?;
            out.push(self.subtree(start, k)?);
        }
        Ok(())
    }

    /// SUBPROOF(m, D[start .. start + len], complete), appended to `out`.
    fn subproof(
        &self,
        m: u64,
        start: u64,
        len: u64,
        complete: bool,
        out: &mut Vec<Hash>,
    ) -> Result<(), TreeError> {
        if m == len {
            if !complete {
                out.push(self.subtree(start, len)?);
            }
            return Ok(());
        }
        let k = split(len);
        if m <= k {
            self.subproof(m, start, k, complete, out)?;
            out.push(self.subtree(start + k, len - k)?);
        } else {
            self.subproof(m - k, start + k, len - k, false, out)?;
            out.push(self.subtree(start, k)?);
        }
        Ok(())
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

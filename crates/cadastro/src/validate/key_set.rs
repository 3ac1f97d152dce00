//! The compact set of 64-bit key hashes behind a streaming run's in-file key index: about
//! 13 bytes per key all told, and never two copies of the keys.
//!
//! Why hand-written: a std/hashbrown `HashMap<u64, u32>` holds 13 bytes per *bucket* at a load
//! of at most 7/8, grows by doubling, and keeps the old and the new table while it rehashes: at
//! 20 million keys (10 million rows with an external id and a tax id) that is 2^25 buckets x 13
//! bytes = 436 MB, and up to 650 MB while growing, which alone broke the 500 MB budget of a
//! 10-million-row streaming import. No well-kept crate offers a sorted, in-place-merged hash set
//! (hashbrown's raw table would still double, and `unsafe` is forbidden in this workspace).
//!
//! Layout, a two-level log-structured set:
//! - `recent`: the keys added since the last merge, in a small `HashMap` (at most
//!   [`MERGE_AT`] keys, ~27 MB, its capacity reused);
//! - `hashes` / `rows`: every older key, its hash sorted ascending in one `Vec<u64>` and its
//!   first row in a parallel `Vec<u32>` (12 bytes per key, no padding). A merge sorts `recent`
//!   and merges it into the tail of the grown vectors from the back, in place: no second copy
//!   of the base (the vectors grow by `realloc`, which for blocks this large moves pages with
//!   `mremap` instead of copying them);
//! - `dir`: a radix directory over the top bits of the sorted hashes (one `u32` per 4 to 8 keys),
//!   so a lookup reads the directory and then binary-searches a handful of neighbours (two or
//!   three cache misses instead of the ~25 probes of a plain binary search).
//!
//! Merging costs O(n) per [`MERGE_AT`] keys: 20 merges of on average 10 million keys for 20
//! million keys, about a second in all, against minutes of validation.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The keys are already 64-bit hashes: `recent` uses them as they are instead of hashing them
/// again (SipHash on every lookup was a fifth of the key index's time).
#[derive(Debug, Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed here; anything else folds its bytes in.
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// How many keys `recent` holds before it is merged into the sorted base (small in unit tests,
/// so that they go through many merges quickly).
#[cfg(not(test))]
const MERGE_AT: usize = 1 << 20;
/// A 64-bit hash of a key (XXH3, seeded with the key's kind): the same in every run, process
/// and version. XXH3 passes SMHasher and hashes a short key about three times faster than the
/// standard library's SipHash, which was most of the key index's time.
pub(crate) fn key_hash(kind: u8, key: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(key.as_bytes(), u64::from(kind))
}

#[cfg(test)]
const MERGE_AT: usize = 1 << 12;

/// At most this many directory bits (2^24 + 1 `u32`s = 64 MB, for ~67 million keys).
const MAX_DIR_BITS: u32 = 24;

/// A set of 64-bit hashes, each with the row it was first seen on.
#[derive(Debug, Default)]
pub(crate) struct KeySet {
    recent: HashMap<u64, u32, BuildHasherDefault<Prehashed>>,
    hashes: Vec<u64>,
    rows: Vec<u32>,
    /// `dir[b]`: the index of the first hash whose top `bits` bits are `b` or more
    /// (`2^bits + 1` entries); empty when `bits` is 0 or the base does not fit `u32` indexes.
    dir: Vec<u32>,
    bits: u32,
}

impl KeySet {
    /// The first row of `hash` when it was seen before; otherwise records it with `row`.
    pub(crate) fn first_seen(&mut self, hash: u64, row: u32) -> Option<u32> {
        if let Some(first) = self.get(hash) {
            return Some(first);
        }
        if self.recent.capacity() == 0 {
            // A small start: every validation runs this index now, most files are small, and
            // reserving the full merge size (~27 MB) per run showed in hosts' memory; the map
            // doubles from here up to [`MERGE_AT`].
            self.recent.reserve(MERGE_AT.min(1 << 12));
        }
        self.recent.insert(hash, row);
        if self.recent.len() >= MERGE_AT {
            self.merge();
        }
        None
    }

    /// How many keys the set holds.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.hashes.len() + self.recent.len()
    }

    fn get(&self, hash: u64) -> Option<u32> {
        if let Some(first) = self.recent.get(&hash) {
            return Some(*first);
        }
        let (lo, hi) = self.range(hash);
        let slice = self.hashes.get(lo..hi)?;
        let at = slice.binary_search(&hash).ok()?;
        self.rows.get(lo + at).copied()
    }

    /// The index range of the base where `hash` would be.
    fn range(&self, hash: u64) -> (usize, usize) {
        if self.bits == 0 || self.dir.is_empty() {
            return (0, self.hashes.len());
        }
        let b = (hash >> (64 - self.bits)) as usize;
        match (self.dir.get(b), self.dir.get(b + 1)) {
            (Some(&lo), Some(&hi)) => (lo as usize, hi as usize),
            _ => (0, self.hashes.len()),
        }
    }

    /// Moves `recent` into the sorted base, in place, and rebuilds the directory.
    fn merge(&mut self) {
        let mut new: Vec<(u64, u32)> = self.recent.drain().collect();
        new.sort_unstable_by_key(|&(h, _)| h);
        let old = self.hashes.len();
        self.hashes.resize(old + new.len(), 0);
        self.rows.resize(old + new.len(), 0);
        // Merge from the back: the largest remaining of either side goes to the last free slot.
        // The two sides hold no hash in common (a hash enters `recent` only when not found).
        let (mut i, mut k) = (old, old + new.len());
        while let Some(&(h, r)) = new.last() {
            k -= 1;
            let from_base = i > 0 && self.hashes.get(i - 1).is_some_and(|&b| b > h);
            let (hash, row) = if from_base {
                i -= 1;
                (self.hashes.get(i).copied().unwrap_or(0), self.rows.get(i).copied().unwrap_or(0))
            } else {
                new.pop();
                (h, r)
            };
            if let (Some(hs), Some(rs)) = (self.hashes.get_mut(k), self.rows.get_mut(k)) {
                *hs = hash;
                *rs = row;
            }
        }
        drop(new);
        self.build_dir();
    }

    /// Four to eight keys per directory slot.
    fn build_dir(&mut self) {
        let n = self.hashes.len();
        self.dir.clear();
        self.bits = 0;
        if u32::try_from(n).is_err() {
            return;
        }
        let bits = (usize::BITS - (n / 8).leading_zeros()).min(MAX_DIR_BITS);
        if bits == 0 {
            return;
        }
        self.bits = bits;
        let slots = 1usize << bits;
        self.dir.reserve_exact(slots + 1);
        let mut i = 0usize;
        for b in 0..slots {
            while self.hashes.get(i).is_some_and(|&h| ((h >> (64 - bits)) as usize) < b) {
                i += 1;
            }
            self.dir.push(i as u32);
        }
        self.dir.push(n as u32);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// SplitMix64: a fixed-seed stream of well-spread 64-bit values.
    fn mix(mut z: u64) -> u64 {
        z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    #[test]
    fn agrees_with_a_hash_map_across_merges() {
        let mut set = KeySet::default();
        let mut model: HashMap<u64, u32> = HashMap::new();
        // 2.5 merges' worth of keys, a third of them repeats, plus a few extreme hashes.
        let total = MERGE_AT * 5 / 2;
        for i in 0..total as u64 {
            let h = match i % 3 {
                0 if i > 0 => mix(i / 2),
                _ => mix(i),
            };
            let h = match i {
                7 => 0,
                11 => u64::MAX,
                _ => h,
            };
            let row = u32::try_from(i).unwrap();
            let expected = model.get(&h).copied();
            if expected.is_none() {
                model.insert(h, row);
            }
            assert_eq!(set.first_seen(h, row), expected, "key {i}");
        }
        assert!(set.hashes.len() >= 2 * MERGE_AT, "merged twice");
        assert_eq!(set.len(), model.len());
        assert!(set.hashes.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        for (h, row) in &model {
            assert_eq!(set.get(*h), Some(*row));
        }
        assert_eq!(set.get(mix(u64::MAX - 1)), None);
    }

    #[test]
    fn small_sets_without_a_directory() {
        let mut set = KeySet::default();
        assert_eq!(set.first_seen(5, 1), None);
        assert_eq!(set.first_seen(5, 2), Some(1));
        set.merge();
        assert_eq!((set.bits, set.dir.len()), (0, 0));
        assert_eq!(set.first_seen(5, 3), Some(1));
        assert_eq!(set.first_seen(4, 3), None);
        set.merge();
        assert_eq!(set.hashes, vec![4, 5]);
        assert_eq!(set.rows, vec![3, 1]);
    }
}

//! The device index: MAC and IP address to the device's number and its policy, in flat
//! open-addressing tables (linear probing, at most three quarters full), so that one flow's
//! device is one cache line away and the batch path can prefetch that line before it needs it.
//!
//! The standard hash map hides where a key's bucket lies; these tables compute it, and
//! `prefetch_device` starts loading it. Keys are hashed with foldhash, randomly seeded per process: the
//! tables are filled from the devices table, but flows (which an attacker may choose) are looked
//! up in them, and a seed the attacker cannot know keeps him from aiming at the longest probe
//! runs.

use core::hash::{BuildHasher, Hash};
use core::net::IpAddr;

use crate::record::Mac;

/// No device: the empty entry's device number, and the policy of a device that is listed but
/// not audited. The auditor refuses a devices table of `u32::MAX` devices or more, so no device
/// has this number.
pub(crate) const NONE: u32 = u32::MAX;

/// What the index gives for a key: the device's number in the devices table and its policy's
/// number among the compiled policies ([`NONE`] when the device is not audited).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub device: u32,
    pub policy: u32,
}

impl Hit {
    pub(crate) fn audited(self) -> bool {
        self.policy != NONE
    }
}

/// One entry; 16-byte aligned so no entry of a MAC or IPv4 table straddles two cache lines.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(16))]
struct Entry<K> {
    key: K,
    device: u32,
    policy: u32,
}

#[derive(Debug)]
struct Table<K> {
    hasher: foldhash::fast::RandomState,
    entries: Vec<Entry<K>>,
    mask: usize,
    len: usize,
}

fn size_for(n: usize) -> usize {
    (n + n / 3 + 1).next_power_of_two().max(8)
}

impl<K: Copy + Eq + Hash + Default> Table<K> {
    fn with_capacity(n: usize) -> Table<K> {
        let size = size_for(n);
        let empty = Entry { key: K::default(), device: NONE, policy: NONE };
        Table { hasher: Default::default(), entries: vec![empty; size], mask: size - 1, len: 0 }
    }

    #[inline]
    fn home(&self, key: K) -> usize {
        (self.hasher.hash_one(key) as usize) & self.mask
    }

    /// Inserts `key`; returns the device already holding it, if any (then nothing changes).
    fn insert(&mut self, key: K, hit: Hit) -> Option<u32> {
        if (self.len + 1) * 4 > self.entries.len() * 3 {
            self.grow();
        }
        let mut i = self.home(key);
        loop {
            let e = &mut self.entries[i];
            if e.device == NONE {
                *e = Entry { key, device: hit.device, policy: hit.policy };
                self.len += 1;
                return None;
            }
            if e.key == key {
                return Some(e.device);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Twice the entries (the auditor sizes its tables up front; this is for a wrong guess).
    #[cold]
    fn grow(&mut self) {
        let mut bigger = Table::with_capacity(self.entries.len() * 2);
        bigger.hasher = self.hasher.clone();
        for e in self.entries.iter().filter(|e| e.device != NONE) {
            bigger.insert(e.key, Hit { device: e.device, policy: e.policy });
        }
        *self = bigger;
    }

    #[inline]
    fn get(&self, key: K) -> Option<Hit> {
        let mut i = self.home(key);
        loop {
            let e = &self.entries[i];
            if e.device == NONE {
                return None;
            }
            if e.key == key {
                return Some(Hit { device: e.device, policy: e.policy });
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Starts loading the entry where the search for `key` begins.
    #[inline]
    fn prefetch(&self, key: K) {
        if let Some(e) = self.entries.get(self.home(key)) {
            prefetch(e);
        }
    }

    fn bytes(&self) -> usize {
        self.entries.capacity() * size_of::<Entry<K>>()
    }
}

/// MAC and IP address to device; made once for a devices table and then only read.
#[derive(Debug)]
pub(crate) struct Index {
    mac: Table<u64>,
    v4: Table<u32>,
    v6: Table<u128>,
}

fn mac_key(m: Mac) -> u64 {
    let b = m.0;
    u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], 0, 0])
}

impl Index {
    /// An index sized for `macs` MAC addresses and `v4`, `v6` addresses of each family.
    pub(crate) fn with_capacity(macs: usize, v4: usize, v6: usize) -> Index {
        Index { mac: Table::with_capacity(macs), v4: Table::with_capacity(v4), v6: Table::with_capacity(v6) }
    }

    /// Adds a MAC address; the device already holding it, if any.
    pub(crate) fn insert_mac(&mut self, m: Mac, hit: Hit) -> Option<u32> {
        self.mac.insert(mac_key(m), hit)
    }

    /// Adds an IP address; the device already holding it, if any.
    pub(crate) fn insert_ip(&mut self, ip: IpAddr, hit: Hit) -> Option<u32> {
        match ip {
            IpAddr::V4(a) => self.v4.insert(u32::from(a), hit),
            IpAddr::V6(a) => self.v6.insert(u128::from(a), hit),
        }
    }

    #[inline]
    pub(crate) fn by_mac(&self, m: Mac) -> Option<Hit> {
        self.mac.get(mac_key(m))
    }

    #[inline]
    pub(crate) fn by_ip(&self, ip: IpAddr) -> Option<Hit> {
        match ip {
            IpAddr::V4(a) => self.v4.get(u32::from(a)),
            IpAddr::V6(a) => self.v6.get(u128::from(a)),
        }
    }

    /// The device a flow end belongs to: by MAC address when the MAC is known, else by IP.
    #[inline]
    pub(crate) fn device(&self, mac: Option<Mac>, ip: IpAddr) -> Option<Hit> {
        mac.and_then(|m| self.by_mac(m)).or_else(|| self.by_ip(ip))
    }

    /// Starts loading the entry [`Index::device`] looks at first (the MAC's when given).
    #[inline]
    pub(crate) fn prefetch_device(&self, mac: Option<Mac>, ip: IpAddr) {
        match mac {
            Some(m) => self.mac.prefetch(mac_key(m)),
            None => self.prefetch_ip(ip),
        }
    }

    /// Starts loading the entry of an IP address.
    #[inline]
    pub(crate) fn prefetch_ip(&self, ip: IpAddr) {
        match ip {
            IpAddr::V4(a) => self.v4.prefetch(u32::from(a)),
            IpAddr::V6(a) => self.v6.prefetch(u128::from(a)),
        }
    }

    /// Bytes held.
    pub(crate) fn bytes(&self) -> usize {
        self.mac.bytes() + self.v4.bytes() + self.v6.bytes()
    }
}

/// Asks the processor to start loading the cache line holding `*p`: a hint, with no effect on
/// memory or on what the program computes. On x86-64 the SSE `prefetcht0` instruction (SSE is
/// part of every x86-64 processor); elsewhere nothing.
#[inline(always)]
pub(crate) fn prefetch<T>(p: &T) {
    #[cfg(target_arch = "x86_64")]
    // The one unsafe block of the workspace (see this crate's Cargo.toml): `_mm_prefetch`
    // needs SSE, which every x86-64 processor has, and a prefetch reads no memory the program
    // sees and faults on no address; `p` is a valid reference anyway.
    #[allow(unsafe_code)]
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>((p as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_found_and_no_other() {
        let n = 5_000usize;
        let mut x = Index::with_capacity(n, n, n);
        for i in 0..n {
            let b = (i as u32).to_be_bytes();
            let hit = Hit { device: i as u32, policy: if i % 7 == 0 { NONE } else { (i % 3) as u32 } };
            assert_eq!(x.insert_mac(Mac([2, 0, b[0], b[1], b[2], b[3]]), hit), None);
            assert_eq!(x.insert_ip(IpAddr::from([10, b[1], b[2], b[3]]), hit), None);
            let v6 = IpAddr::from([0xfd00, 0, 0, 0, 0, 0, b[2].into(), b[3].into()]);
            assert_eq!(x.insert_ip(v6, hit), None);
        }
        for i in 0..n {
            let b = (i as u32).to_be_bytes();
            let want = Some(Hit { device: i as u32, policy: if i % 7 == 0 { NONE } else { (i % 3) as u32 } });
            assert_eq!(x.by_mac(Mac([2, 0, b[0], b[1], b[2], b[3]])), want);
            assert_eq!(x.by_ip(IpAddr::from([10, b[1], b[2], b[3]])), want);
            assert_eq!(x.by_ip(IpAddr::from([0xfd00, 0, 0, 0, 0, 0, b[2].into(), b[3].into()])), want);
            // The same address in the other family, or a MAC one bit away: no device.
            assert_eq!(x.by_ip(IpAddr::from([0, 0, 0, 0, 0, 0xffff, b[2].into(), b[3].into()])), None);
            assert_eq!(x.by_mac(Mac([3, 0, b[0], b[1], b[2], b[3]])), None);
            assert_eq!(x.by_ip(IpAddr::from([11, b[1], b[2], b[3]])), None);
        }
        // A key given twice names the device that holds it, and keeps it.
        let again = Hit { device: 9, policy: 0 };
        assert_eq!(x.insert_mac(Mac([2, 0, 0, 0, 0, 5]), again), Some(5));
        assert_eq!(x.by_mac(Mac([2, 0, 0, 0, 0, 5])).map(|h| h.device), Some(5));
        // The MAC wins over the IP address; an unknown MAC falls back to the IP address.
        let ip = IpAddr::from([10, 0, 0, 8]);
        assert_eq!(x.device(Some(Mac([2, 0, 0, 0, 0, 5])), ip).map(|h| h.device), Some(5));
        assert_eq!(x.device(Some(Mac([9, 9, 9, 9, 9, 9])), ip).map(|h| h.device), Some(8));
        assert_eq!(x.device(None, ip).map(|h| h.device), Some(8));
    }

    #[test]
    fn a_table_made_too_small_grows_and_keeps_every_key() {
        let mut t: Table<u32> = Table::with_capacity(2);
        for k in 0..1000u32 {
            assert_eq!(t.insert(k, Hit { device: k, policy: 0 }), None);
        }
        assert!((0..1000).all(|k| t.get(k) == Some(Hit { device: k, policy: 0 })));
        assert_eq!(t.get(1000), None);
        assert!(t.len * 4 <= t.entries.len() * 3);
    }

    #[test]
    fn a_table_never_fills_beyond_three_quarters() {
        for n in [0usize, 1, 5, 6, 7, 100, 3 * 1024] {
            let t: Table<u32> = Table::with_capacity(n);
            assert!(n * 4 <= t.entries.len() * 3, "{n} keys in {} entries", t.entries.len());
            assert!(t.entries.len().is_power_of_two());
        }
    }
}

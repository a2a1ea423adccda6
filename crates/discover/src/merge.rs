//! One device heard over both IPv4 and IPv6 is one entry. mDNS answers come from one source
//! address each; a device on a dual-stack link answers `discover`'s IPv4 queries from its IPv4
//! address and its IPv6 queries from its IPv6 link-local address. The two are tied together by
//! what the device itself says (its A and AAAA records), or else by the neighbour tables (the same
//! MAC), and kept under the IPv4 address, with the
//! IPv6 one listed; a device heard over IPv6 alone keeps its IPv6 address.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::{IpAddr, Ipv6Addr};

use crate::mdns::Heard;

/// What was heard from one device, after merging: everything it said, and the IPv6 addresses it
/// answered from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Merged {
    pub heard: Heard,
    pub v6_sources: Vec<Ipv6Addr>,
}

/// The IPv4 source among `v4_sources` that is the same device as the IPv6 source `v6` (which
/// said `h6`), if any: one that `h6`'s A records name, or whose own records (in `v4_heard`) give
/// `v6` as an AAAA address, or that gives an address record for one of the host names `h6`
/// gives one for (mDNS host names are unique on a link, RFC 6762 §9), or, failing those, whose
/// MAC in the neighbour table (`macs`) is `v6`'s.
fn tie(
    v6: Ipv6Addr,
    h6: &Heard,
    v4_heard: &BTreeMap<IpAddr, Heard>,
    v4_sources: &BTreeSet<IpAddr>,
    macs: &HashMap<IpAddr, String>,
) -> Option<IpAddr> {
    if let Some(ip) = h6.record_addresses().into_iter().find(|ip| ip.is_ipv4() && v4_sources.contains(ip)) {
        return Some(ip);
    }
    if let Some((ip, _)) = v4_heard.iter().find(|(_, h)| h.record_addresses().contains(&IpAddr::V6(v6))) {
        return Some(*ip);
    }
    if let Some((ip, _)) = v4_heard.iter().find(|(_, h)| {
        h.addresses.keys().any(|host| h6.addresses.keys().any(|other| host.eq_ignore_ascii_case(other)))
    }) {
        return Some(*ip);
    }
    let mac = macs.get(&IpAddr::V6(v6))?;
    v4_sources.iter().find(|ip| macs.get(ip) == Some(mac)).copied()
}

/// Merges what was heard by source address into one entry per device (see the module doc).
/// `other_v4`: IPv4 sources heard by other means (SSDP), which an IPv6 source may be tied to
/// through its A records or its MAC. `macs`: the neighbour tables, address → MAC.
pub(crate) fn by_device(
    heard: BTreeMap<IpAddr, Heard>,
    other_v4: &BTreeSet<IpAddr>,
    macs: &HashMap<IpAddr, String>,
) -> BTreeMap<IpAddr, Merged> {
    let mut v4_heard = BTreeMap::new();
    let mut v6_heard = Vec::new();
    for (ip, h) in heard {
        match ip.to_canonical() {
            IpAddr::V4(a) => {
                v4_heard.insert(IpAddr::V4(a), h);
            }
            IpAddr::V6(a) => v6_heard.push((a, h)),
        }
    }
    let v4_sources: BTreeSet<IpAddr> =
        v4_heard.keys().copied().chain(other_v4.iter().copied().filter(IpAddr::is_ipv4)).collect();
    let ties: Vec<Option<IpAddr>> =
        v6_heard.iter().map(|(a, h)| tie(*a, h, &v4_heard, &v4_sources, macs)).collect();
    let mut out: BTreeMap<IpAddr, Merged> =
        v4_heard.into_iter().map(|(ip, heard)| (ip, Merged { heard, v6_sources: Vec::new() })).collect();
    for ((v6, h6), tied) in v6_heard.into_iter().zip(ties) {
        let entry = out.entry(tied.unwrap_or(IpAddr::V6(v6))).or_default();
        entry.heard.merge(h6);
        if !entry.v6_sources.contains(&v6) {
            entry.v6_sources.push(v6);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heard(host: &str, addrs: &[&str]) -> Heard {
        let mut h = Heard::default();
        h.hosts.insert(host.to_string());
        h.addresses.insert(host.to_string(), addrs.iter().map(|a| a.parse().unwrap()).collect());
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn both_families_of_one_device_are_one_entry_under_its_ipv4_address() {
        let mut all = BTreeMap::new();
        // Tied by the A record it gave over IPv6.
        all.insert(ip("10.0.0.2"), heard("cam.local.", &["10.0.0.2"]));
        all.insert(ip("fe80::2"), heard("cam.local.", &["10.0.0.2", "fe80::2"]));
        // Tied by the AAAA record it gave over IPv4.
        all.insert(ip("10.0.0.3"), heard("plug.local.", &["10.0.0.3", "fe80::3"]));
        all.insert(ip("fe80::3"), Heard::default());
        // Tied by the host name alone.
        all.insert(ip("10.0.0.4"), heard("hub.local.", &["10.0.0.4"]));
        all.insert(ip("fe80::4"), heard("HUB.local.", &["fe80::44"]));
        // IPv6 alone.
        all.insert(ip("fe80::5"), heard("v6.local.", &["fe80::5"]));
        // Tied to a device heard over SSDP only.
        all.insert(ip("fe80::6"), heard("tv.local.", &["10.0.0.6"]));
        // Tied by the neighbour table: the same MAC.
        all.insert(ip("10.0.0.7"), heard("a.local.", &["10.0.0.7"]));
        all.insert(ip("fe80::7"), heard("b.local.", &["fe80::7"]));
        let mac = "02:00:00:00:00:07".to_string();
        let macs = HashMap::from([(ip("10.0.0.7"), mac.clone()), (ip("fe80::7"), mac)]);
        let out = by_device(all, &BTreeSet::from([ip("10.0.0.6")]), &macs);
        let keys: Vec<String> = out.keys().map(ToString::to_string).collect();
        assert_eq!(keys, ["10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.6", "10.0.0.7", "fe80::5"]);
        assert_eq!(out[&ip("10.0.0.7")].v6_sources, [ip("fe80::7")]);
        let sources = |k: &str| out[&ip(k)].v6_sources.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(sources("10.0.0.2"), ["fe80::2"]);
        assert_eq!(sources("10.0.0.3"), ["fe80::3"]);
        assert_eq!(sources("10.0.0.4"), ["fe80::4"]);
        assert_eq!(sources("10.0.0.6"), ["fe80::6"]);
        assert_eq!(sources("fe80::5"), ["fe80::5"]);
        // What it said over IPv6 is kept.
        assert!(out[&ip("10.0.0.2")].heard.record_addresses().contains(&ip("fe80::2")));
    }

    #[test]
    fn unrelated_devices_stay_apart() {
        let mut all = BTreeMap::new();
        all.insert(ip("10.0.0.2"), heard("a.local.", &["10.0.0.2"]));
        all.insert(ip("fe80::9"), heard("b.local.", &["fe80::9", "10.0.0.99"]));
        all.insert(ip("fe80::8"), Heard::default());
        let macs = HashMap::from([(ip("10.0.0.2"), "02:00:00:00:00:02".into())]);
        let out = by_device(all, &BTreeSet::new(), &macs);
        assert_eq!(out.len(), 3);
        assert!(out[&ip("10.0.0.2")].v6_sources.is_empty());
    }
}

//! The batch path: many flows checked with the memory they need loaded ahead of use.
//!
//! With a million devices a flow's device entry and running state are rarely in cache, and
//! checking flows one by one waits for memory two or three times per flow. Here each flow goes
//! through a short pipeline: [`ENTRY_AHEAD`] flows before its turn the processor is asked to
//! load the index entry of its device; [`STATE_AHEAD`] flows before, that entry is read and the
//! device's state (and the peer's entry, when the policy asks what the peer is) are asked for;
//! at its turn the flow is checked as [`Auditor::check`] would. The device index does not change
//! while flows are checked, so reading entries ahead gives what reading them at the flow's turn
//! would: the results, the counts and every device's state are those of `check`, flow by flow.

use super::index::prefetch;
use super::{Auditor, Hit};
use crate::ipfix::{Orient, WireFlow};
use crate::record::FlowRecord;

/// How many flows ahead a flow's device entry is prefetched.
const ENTRY_AHEAD: usize = 16;
/// How many flows ahead that entry is read and the device's state prefetched.
const STATE_AHEAD: usize = 8;
/// Devices from which the pipeline pays: below, index and state (under 1 MB) stay in cache.
const PIPELINE_FROM: usize = 16_384;

impl Auditor {
    /// Checks flows in order, pushing to `out` what [`Auditor::check`] gives for each; the same
    /// results and state as checking them one by one, with the memory latency of large devices
    /// tables hidden (batches of a thousand flows or so suit it: the first few flows of a batch
    /// wait for memory).
    pub fn check_batch(&mut self, flows: &[FlowRecord], out: &mut Vec<bool>) {
        out.reserve(flows.len());
        if self.state.len() < PIPELINE_FROM {
            // Index and state are in cache: the pipeline would only cost.
            out.extend(flows.iter().map(|f| self.check(f)));
            return;
        }
        for f in flows.iter().take(ENTRY_AHEAD) {
            self.index.prefetch_device(f.device_mac, f.device_ip);
        }
        let mut hits: [Option<Hit>; STATE_AHEAD] = [None; STATE_AHEAD];
        for (h, f) in hits.iter_mut().zip(flows) {
            *h = self.look_ahead(f);
        }
        for (k, f) in flows.iter().enumerate() {
            if let Some(g) = flows.get(k + ENTRY_AHEAD) {
                self.index.prefetch_device(g.device_mac, g.device_ip);
            }
            let slot = k % STATE_AHEAD;
            let hit = hits[slot];
            out.push(self.check_at(hit, f));
            if let Some(g) = flows.get(k + STATE_AHEAD) {
                hits[slot] = self.look_ahead(g);
            }
        }
    }

    /// A flow's device from the index (its entry prefetched earlier), and a prefetch of what
    /// checking the flow will read next.
    #[inline]
    fn look_ahead(&self, f: &FlowRecord) -> Option<Hit> {
        let hit = self.index.device(f.device_mac, f.device_ip);
        if let Some(h) = hit
            && let Some(p) = self.policy(h.policy)
        {
            if let Some(s) = self.state.get(h.device as usize) {
                prefetch(s);
            }
            if p.needs_peer {
                self.index.prefetch_ip(f.peer_ip);
            }
        }
        hit
    }

    /// Orients exported flows from the device's side, pushing to `out` what
    /// [`WireFlow::orient`] gives for each (flows without addresses are skipped), with each
    /// end's index entry prefetched ahead of use; then [`Auditor::check_batch`] finds them in
    /// cache.
    pub fn orient_batch(&self, wires: &[WireFlow], out: &mut Vec<FlowRecord>) {
        out.reserve(wires.len());
        let first = |w: &WireFlow| {
            if let Some(ip) = w.src_ip {
                self.index.prefetch_device(w.src_mac, ip);
            }
        };
        let second = |w: &WireFlow| {
            let src = w.src_ip.is_some_and(|ip| self.is_device(ip, w.src_mac));
            if !src && let Some(ip) = w.dst_ip {
                self.index.prefetch_device(w.dst_mac, ip);
            }
            src
        };
        wires.iter().take(ENTRY_AHEAD).for_each(first);
        let mut src = [false; STATE_AHEAD];
        for (s, w) in src.iter_mut().zip(wires) {
            *s = second(w);
        }
        for (k, w) in wires.iter().enumerate() {
            if let Some(g) = wires.get(k + ENTRY_AHEAD) {
                first(g);
            }
            let slot = k % STATE_AHEAD;
            if let Some(f) = w.orient_knowing(src[slot], self) {
                out.push(f);
            }
            if let Some(g) = wires.get(k + STATE_AHEAD) {
                src[slot] = second(g);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use core::net::{IpAddr, Ipv4Addr};

    use super::*;
    use crate::audit::{Device, Patterns};
    use crate::record::{Direction, Mac};

    const PROFILE: &str = r#"{
      "ietf-mud:mud": {"mud-version": 1, "mud-url": "https://example.com/thing.json",
        "last-update": "2026-01-01T00:00:00+00:00", "cache-validity": 48, "is-supported": true,
        "systeminfo": "a thing",
        "from-device-policy": {"access-lists": {"access-list": [{"name": "from"}]}},
        "to-device-policy": {"access-lists": {"access-list": [{"name": "to"}]}}},
      "ietf-access-control-list:acls": {"acl": [
        {"name": "from", "type": "ipv4-acl-type", "aces": {"ace": [
          {"name": "cloud", "matches": {"ipv4": {"ietf-acldns:dst-dnsname": "cloud.example.com", "protocol": 6},
            "tcp": {"destination-port": {"operator": "eq", "port": 443}}}, "actions": {"forwarding": "accept"}},
          {"name": "kin", "matches": {"ietf-mud:mud": {"same-manufacturer": [null]}, "ipv4": {"protocol": 17}},
            "actions": {"forwarding": "accept"}}]}},
        {"name": "to", "type": "ipv4-acl-type", "aces": {"ace": [
          {"name": "local", "matches": {"ietf-mud:mud": {"local-networks": [null]}, "ipv4": {"protocol": 6},
            "tcp": {"destination-port": {"operator": "eq", "port": 80}}}, "actions": {"forwarding": "accept"}}]}}]}
    }"#;

    fn mac(i: u32) -> Mac {
        let b = i.to_be_bytes();
        Mac([2, 0, b[0], b[1], b[2], b[3]])
    }

    fn ip(i: u32) -> IpAddr {
        IpAddr::V4(Ipv4Addr::from(0x0a00_1000 + i))
    }

    fn auditor(n: u32) -> Auditor {
        let mud = iotlabel_mud::read("thing.json", PROFILE, iotlabel_mud::Mode::Strict).expect("profile").mud;
        let mut devices: Vec<Device> = (0..n)
            .map(|i| Device {
                name: format!("thing-{i}"),
                // Some devices are known by address only.
                mac: (i % 5 != 0).then(|| mac(i)),
                ips: vec![ip(i)],
                profile: (i % 11 != 0).then(|| "thing.json".into()),
                controller: Vec::new(),
            })
            .collect();
        devices.push(Device {
            name: "gateway".into(),
            mac: None,
            ips: vec![IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1))],
            profile: None,
            controller: Vec::new(),
        });
        let mut a = Auditor::new(devices, &[("thing.json".into(), mud)], Patterns::builtin()).expect("setup");
        a.learn_name(IpAddr::V4(Ipv4Addr::new(203, 0, 113, 5)), "cloud.example.com");
        a
    }

    /// Flows of every kind: allowed and not, inbound and outbound, towards other devices,
    /// from unknown and unaudited hosts, with a MAC the table does not know, repeated peers.
    fn flows(n: u32, count: u64) -> Vec<FlowRecord> {
        let mut x = 0x1234_5678_9abc_def0u64;
        (0..count)
            .map(|t| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let dev = (x % u64::from(n + n / 10)) as u32;
                let peer = match (x >> 20) % 5 {
                    0 => IpAddr::V4(Ipv4Addr::new(203, 0, 113, 5)),
                    1 => ip((x >> 32) as u32 % n),
                    2 => IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)),
                    3 => IpAddr::V4(Ipv4Addr::new(45, 1, (x >> 40) as u8, (x >> 48) as u8 % 8)),
                    _ => IpAddr::V4(Ipv4Addr::new(192, 168, 1, 1)),
                };
                FlowRecord {
                    time_ms: 1_000_000 + t * 3 + (x >> 56),
                    device_mac: match (x >> 8) % 7 {
                        0 => None,
                        1 => Some(Mac([6, 6, 6, 6, 6, (x >> 24) as u8])),
                        _ => Some(mac(dev)),
                    },
                    device_ip: ip(dev),
                    direction: if (x >> 12).is_multiple_of(4) {
                        Direction::ToDevice
                    } else {
                        Direction::FromDevice
                    },
                    peer_ip: peer,
                    peer_name: None,
                    protocol: if (x >> 14).is_multiple_of(3) { 17 } else { 6 },
                    device_port: 40_000 + (x >> 30) as u16 % 100,
                    peer_port: [443, 80, 23, 5683][((x >> 36) % 4) as usize],
                    bytes: x >> 50,
                    packets: (x >> 60) + 1,
                }
            })
            .collect()
    }

    #[test]
    fn a_batch_gives_what_checking_one_by_one_gives() {
        for (n, count, batch) in
            // The last two are above PIPELINE_FROM: the prefetching pipeline itself, not the
            // one-by-one path small tables take.
            [
                (7u32, 3_000u64, 1usize),
                (50, 5_000, 5),
                (2_000, 40_000, 256),
                (20_000, 60_000, 1_024),
                (20_000, 30_000, 7),
            ]
        {
            let fs = flows(n, count);
            let (mut one, mut many) = (auditor(n), auditor(n));
            let singly: Vec<bool> = fs.iter().map(|f| one.check(f)).collect();
            let mut batched = Vec::new();
            for chunk in fs.chunks(batch) {
                many.check_batch(chunk, &mut batched);
            }
            assert_eq!(singly, batched, "{n} devices, batches of {batch}");
            assert!(singly.iter().any(|&x| x) && singly.iter().any(|&x| !x), "allowed and violating flows");
            let (r1, r2) = (one.report(), many.report());
            assert!(!r1.devices.is_empty() && r1.unaudited_flows > 0);
            assert_eq!(r1, r2);
            for i in 0..one.devices().len() {
                assert_eq!(one.device_state(i), many.device_state(i), "device {i}");
            }
        }
    }

    #[test]
    fn orienting_a_batch_gives_what_orienting_one_by_one_gives() {
        let a = auditor(300);
        let wires: Vec<WireFlow> = flows(300, 4_000)
            .iter()
            .enumerate()
            .map(|(k, f)| {
                let (src, dst, smac, dmac) = match f.direction {
                    Direction::FromDevice => (f.device_ip, f.peer_ip, f.device_mac, None),
                    Direction::ToDevice => (f.peer_ip, f.device_ip, None, f.device_mac),
                };
                WireFlow {
                    time_ms: f.time_ms,
                    src_mac: smac,
                    dst_mac: dmac,
                    // A few flows without an address, which both ways skip.
                    src_ip: (k % 97 != 0).then_some(src),
                    dst_ip: (k % 89 != 0).then_some(dst),
                    src_port: f.device_port,
                    dst_port: f.peer_port,
                    protocol: f.protocol,
                    bytes: f.bytes,
                    packets: f.packets,
                }
            })
            .collect();
        let singly: Vec<FlowRecord> = wires.iter().filter_map(|w| w.orient(&a)).collect();
        assert!(singly.iter().any(|f| f.direction == Direction::ToDevice) && singly.len() < wires.len());
        for batch in [1, 3, 64, 4_000] {
            let mut batched = Vec::new();
            for chunk in wires.chunks(batch) {
                a.orient_batch(chunk, &mut batched);
            }
            assert_eq!(singly, batched, "batches of {batch}");
        }
    }
}

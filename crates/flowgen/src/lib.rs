//! Synthetic traffic for the flow audit: cameras, plugs and bulbs behind one gateway, each with
//! its MUD profile, some of them misbehaving, and the ground truth of what was injected.
//!
//! Deterministic for a seed; streamed, so a million devices cost no memory per flow.

use core::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use iotlabel_flows::audit::PatternKind;
use iotlabel_flows::ipfix::WireFlow;
use iotlabel_flows::{Direction, FlowRecord, Mac};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The MUD profiles of the three device kinds (file name, text).
pub const PROFILES: [(&str, &str); 3] = [
    ("camera.json", include_str!("../data/profiles/camera.json")),
    ("plug.json", include_str!("../data/profiles/plug.json")),
    ("bulb.json", include_str!("../data/profiles/bulb.json")),
];

/// The named scales.
pub const SCALES: [(&str, usize); 3] = [("home", 10), ("small-business", 500), ("isp", 1_000_000)];

const GATEWAY: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 1);
const PHONE: Ipv4Addr = Ipv4Addr::new(10, 0, 0, 2);
/// Names and addresses of the clouds, and of the domain a hijacked plug calls.
pub const NAMES: [(Ipv4Addr, &str); 3] = [
    (Ipv4Addr::new(203, 0, 113, 10), "cloud.cam.example.com"),
    (Ipv4Addr::new(203, 0, 113, 20), "api.plug.example.net"),
    (Ipv4Addr::new(198, 51, 100, 66), "c2.unknown-updates.example"),
];
const T0: u64 = 1_780_000_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Camera,
    Plug,
    Bulb,
}

/// A synthetic network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scenario {
    pub devices: usize,
    /// Rounds of traffic (each device talks in every round; misbehaviour starts mid-way).
    pub rounds: u32,
    pub seed: u64,
}

/// What was injected: for each misbehaving device, the patterns the audit must name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GroundTruth {
    pub devices: usize,
    pub flows: u64,
    pub violations: Vec<Injected>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Injected {
    pub device: String,
    /// What the device does, in words.
    pub story: String,
    pub patterns: Vec<PatternKind>,
}

/// The JSON Schema of the ground truth file.
pub fn ground_truth_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(GroundTruth)).unwrap_or_default()
}

fn kind(i: usize) -> Kind {
    match i % 3 {
        0 => Kind::Camera,
        1 => Kind::Plug,
        _ => Kind::Bulb,
    }
}

fn name(i: usize) -> String {
    let k = match kind(i) {
        Kind::Camera => "camera",
        Kind::Plug => "plug",
        Kind::Bulb => "bulb",
    };
    format!("{k}-{i}")
}

fn mac(i: usize) -> Mac {
    let b = (i as u32).to_be_bytes();
    Mac([0x02, 0x00, b[0], b[1], b[2], b[3]])
}

fn ip(i: usize) -> Ipv4Addr {
    Ipv4Addr::from(u32::from(Ipv4Addr::new(10, 0, 0, 16)) + i as u32)
}

/// splitmix64: a small, good, deterministic generator.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Scenario {
    pub fn new(devices: usize) -> Scenario {
        Scenario { devices: devices.max(6), rounds: 4, seed: 1 }
    }

    /// How many devices of each misbehaving kind (one per 100 devices, at least one).
    fn injected(&self) -> usize {
        (self.devices / 100).max(1)
    }

    /// The first device of the j-th misbehaving trio (a camera; the plug and bulb follow it).
    fn trio(&self, j: usize) -> usize {
        let step = (self.devices / 3) / self.injected();
        3 * j * step.max(1)
    }

    fn is_bad(&self, i: usize) -> bool {
        let base = i - i % 3;
        let step = 3 * ((self.devices / 3) / self.injected()).max(1);
        base.is_multiple_of(step) && base / step < self.injected() && base + 2 < self.devices
    }

    /// The devices table (CSV lines, header first), streamed.
    pub fn devices_csv(&self) -> impl Iterator<Item = String> + '_ {
        let head = [
            iotlabel_flows::audit::DEVICES_HEADER.to_string(),
            format!("gateway,,{GATEWAY},,urn:ietf:params:mud:dns urn:ietf:params:mud:ntp"),
            format!("phone,,{PHONE},,"),
        ];
        head.into_iter().chain((0..self.devices).map(|i| {
            let p = match kind(i) {
                Kind::Camera => "camera.json",
                Kind::Plug => "plug.json",
                Kind::Bulb => "bulb.json",
            };
            format!("{},{},{},{p},", name(i), mac(i), ip(i))
        }))
    }

    /// The DNS answers of the network (CSV `ip,name`), for exports that carry no names.
    pub fn names_csv(&self) -> String {
        let mut s = String::from("ip,name\n");
        for (a, n) in NAMES {
            s.push_str(&format!("{a},{n}\n"));
        }
        s
    }

    /// The ground truth; `flows` is filled by whoever counted them (see [`Scenario::count`]).
    pub fn ground_truth(&self) -> GroundTruth {
        let mut violations = Vec::new();
        for j in 0..self.injected() {
            let c = self.trio(j);
            if c + 2 >= self.devices {
                continue;
            }
            violations.push(Injected {
                device: name(c),
                story: "a camera turned Mirai bot: scans telnet (23, 2323) across the Internet".into(),
                patterns: vec![PatternKind::RemoteLoginScanning, PatternKind::FanOut],
            });
            violations.push(Injected {
                device: name(c + 1),
                story: "a plug calling a domain its profile does not list".into(),
                patterns: vec![PatternKind::UnknownDomain],
            });
            violations.push(Injected {
                device: name(c + 2),
                story: "a bulb receiving connections from the Internet".into(),
                patterns: vec![PatternKind::UnexpectedInbound],
            });
        }
        GroundTruth { devices: self.devices, flows: 0, violations }
    }

    /// Every flow, device by device within each round, streamed.
    pub fn flows(&self) -> impl Iterator<Item = FlowRecord> + '_ {
        let names: Vec<Arc<str>> = NAMES.iter().map(|(_, n)| Arc::from(*n)).collect();
        (0..self.rounds).flat_map(move |round| {
            let names = names.clone();
            (0..self.devices).flat_map(move |i| self.device_round(i, round, &names))
        })
    }

    fn device_round(&self, i: usize, round: u32, names: &[Arc<str>]) -> Vec<FlowRecord> {
        let r = mix(self.seed ^ ((i as u64) << 20) ^ u64::from(round));
        let t = T0 + u64::from(round) * 60_000 + (r % 60_000);
        let eph = 32768 + (r >> 16) as u16 % 28000;
        let me = IpAddr::V4(ip(i));
        let rec = |dir, peer: IpAddr, name: Option<&Arc<str>>, proto, dport, pport, k: u64| FlowRecord {
            time_ms: t + k,
            device_mac: Some(mac(i)),
            device_ip: me,
            direction: dir,
            peer_ip: peer,
            peer_name: name.cloned(),
            protocol: proto,
            device_port: dport,
            peer_port: pport,
            bytes: 400 + (r >> 40) % 4000,
            packets: 4 + (r >> 50) % 20,
        };
        let out = Direction::FromDevice;
        let dns = rec(out, IpAddr::V4(GATEWAY), None, 17, eph, 53, 0);
        let mut v = vec![dns];
        let bad = self.is_bad(i) && round >= self.rounds / 2;
        match kind(i) {
            Kind::Camera => {
                v.push(rec(out, IpAddr::V4(NAMES[0].0), Some(&names[0]), 6, eph + 1, 443, 5));
                if round.is_multiple_of(2) {
                    v.push(rec(out, IpAddr::V4(GATEWAY), None, 17, 123, 123, 7));
                }
                v.push(rec(Direction::ToDevice, IpAddr::V4(PHONE), None, 6, 554, eph + 2, 9));
                if bad {
                    for k in 0..40u64 {
                        let x = mix(r ^ k);
                        let peer = Ipv4Addr::new(
                            45 + (x % 50) as u8,
                            (x >> 8) as u8,
                            (x >> 16) as u8,
                            1 + (x >> 24) as u8 % 254,
                        );
                        let port = if k % 2 == 0 { 23 } else { 2323 };
                        v.push(rec(out, IpAddr::V4(peer), None, 6, eph + 3 + k as u16, port, 10 + k));
                    }
                }
            }
            Kind::Plug => {
                v.push(rec(out, IpAddr::V4(NAMES[1].0), Some(&names[1]), 6, eph + 1, 443, 5));
                if bad {
                    v.push(rec(out, IpAddr::V4(NAMES[2].0), Some(&names[2]), 6, eph + 2, 443, 8));
                }
            }
            Kind::Bulb => {
                let other = if i + 3 < self.devices { i + 3 } else { i - 3 };
                v.push(rec(out, IpAddr::V4(ip(other)), None, 17, 5683, 5683, 3));
                v.push(rec(Direction::ToDevice, IpAddr::V4(PHONE), None, 17, 5683, eph, 6));
                if bad {
                    let x = mix(r ^ 0xb01b);
                    let peer = Ipv4Addr::new(192, 0, 2, 1 + (x % 254) as u8);
                    v.push(rec(Direction::ToDevice, IpAddr::V4(peer), None, 6, 80, eph + 4, 11));
                }
            }
        }
        v
    }

    /// The same flows as an exporter sees them (source = the side that opened the flow).
    pub fn wire_flows(&self) -> impl Iterator<Item = WireFlow> + '_ {
        self.flows().map(|f| to_wire(&f))
    }
}

/// A device-side record as an exporter would report it (no names: exporters carry none).
pub fn to_wire(f: &FlowRecord) -> WireFlow {
    let (src, dst, sport, dport, smac, dmac) = match f.direction {
        Direction::FromDevice => (f.device_ip, f.peer_ip, f.device_port, f.peer_port, f.device_mac, None),
        Direction::ToDevice => (f.peer_ip, f.device_ip, f.peer_port, f.device_port, None, f.device_mac),
    };
    WireFlow {
        time_ms: f.time_ms,
        src_mac: smac,
        dst_mac: dmac,
        src_ip: Some(src),
        dst_ip: Some(dst),
        src_port: sport,
        dst_port: dport,
        protocol: f.protocol,
        bytes: f.bytes,
        packets: f.packets,
    }
}

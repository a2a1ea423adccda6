//! The audit: each flow checked against its device's MUD profile; what the profile does not
//! allow, grouped per device, with the attack patterns it forms.
//!
//! A flow is judged by the ACL of the side that opened it (RFC 8520 section 4): a flow the device
//! opened by its from-device policy (the peer is the destination), a flow opened towards the
//! device by its to-device policy (the peer is the source). An ACE limited by
//! `direction-initiated` to the other side does not allow opening. The first matching ACE
//! decides; no match is a violation (MUD's default deny).

use core::net::IpAddr;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::Arc;

use iotlabel_mud::{Ace, Forwarding, MudFile, PortMatch, PortOperator};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::ReadError;
use crate::ipfix::Orient;

mod batch;
mod index;
mod memory;

use crate::record::{Direction, FlowRecord, Mac};
use index::{Hit, Index, NONE};

/// The thresholds of `data/patterns.toml`.
#[derive(Debug, Clone, Deserialize)]
pub struct Patterns {
    pub scanning: Scanning,
    pub fan_out: FanOut,
    pub memory: Memory,
    pub local_networks: LocalNetworks,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Scanning {
    pub ports: Vec<u16>,
    pub min_peers: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FanOut {
    pub min_peers: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Memory {
    pub max_peers_per_device: usize,
    pub examples: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LocalNetworks {
    pub cidrs: Vec<String>,
}

impl Patterns {
    pub fn builtin() -> Patterns {
        // A unit test loads it, so a bad file fails `cargo test`.
        toml::from_str(include_str!("../data/patterns.toml"))
            .unwrap_or_else(|e| unreachable!("data/patterns.toml: {e}"))
    }
}

/// An IP network, `192.168.0.0/16` or `fe80::/10`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    net: IpAddr,
    len: u8,
}

impl Cidr {
    pub fn parse(s: &str) -> Option<Cidr> {
        let (a, l) = s.split_once('/').unwrap_or((s, ""));
        let net: IpAddr = a.parse().ok()?;
        let max = if net.is_ipv4() { 32 } else { 128 };
        let len = if l.is_empty() { max } else { l.parse().ok()? };
        (len <= max).then_some(Cidr { net, len })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.net, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                let m = if self.len == 0 { 0 } else { u32::MAX << (32 - u32::from(self.len)) };
                u32::from(n) & m == u32::from(a) & m
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => {
                let m = if self.len == 0 { 0 } else { u128::MAX << (128 - u32::from(self.len)) };
                u128::from(n) & m == u128::from(a) & m
            }
            _ => false,
        }
    }
}

/// One row of the devices table.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Device {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mac: Option<Mac>,
    pub ips: Vec<IpAddr>,
    /// The MUD profile's file name; none for hosts that are known but not audited (a gateway,
    /// a controller).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    /// Controller classes (URIs) this host serves, e.g. `urn:ietf:params:mud:dns`, or the MUD
    /// URLs of the devices it controls (`my-controller`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub controller: Vec<String>,
}

/// The columns of the devices table.
pub const DEVICES_HEADER: &str = "name,mac,ip,profile,controller";

/// Reads the devices table (CSV, header [`DEVICES_HEADER`]; `ip` may list several addresses
/// separated by spaces, `controller` several URIs; `mac` or `ip` must be given).
pub fn read_devices(file: &str, text: &str) -> Result<Vec<Device>, ReadError> {
    let mut out = Vec::new();
    let mut header_seen = false;
    for (i, line) in text.lines().enumerate() {
        let n = i as u64 + 1;
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if !header_seen {
            if t != DEVICES_HEADER {
                return Err(ReadError::line(file, n, 1, "the first line is not the header", DEVICES_HEADER));
            }
            header_seen = true;
            continue;
        }
        let cols: Vec<&str> = line.split(',').map(str::trim).collect();
        if cols.len() != 5 {
            return Err(ReadError::line(
                file,
                n,
                1,
                format!("{} columns where 5 are needed", cols.len()),
                DEVICES_HEADER,
            ));
        }
        let col =
            |k: usize| -> u64 { cols[..k].iter().map(|c| c.chars().count() as u64 + 1).sum::<u64>() + 1 };
        if cols[0].is_empty() {
            return Err(ReadError::line(file, n, 1, "the device has no name", "a name for the device"));
        }
        let mac = match cols[1] {
            "" => None,
            s => Some(s.parse::<Mac>().map_err(|e| {
                ReadError::line(file, n, col(1), e, "a MAC address such as 02:00:00:00:00:05")
            })?),
        };
        let mut ips = Vec::new();
        for s in cols[2].split_whitespace() {
            ips.push(s.parse().map_err(|_| {
                ReadError::line(
                    file,
                    n,
                    col(2),
                    format!("`{s}` is not an IP address"),
                    "IPv4 or IPv6 addresses separated by spaces",
                )
            })?);
        }
        if mac.is_none() && ips.is_empty() {
            return Err(ReadError::line(
                file,
                n,
                col(1),
                "the device has neither MAC nor IP address",
                "a MAC address, an IP address or both",
            ));
        }
        out.push(Device {
            name: cols[0].into(),
            mac,
            ips,
            profile: (!cols[3].is_empty()).then(|| cols[3].into()),
            controller: cols[4].split_whitespace().map(String::from).collect(),
        });
    }
    if !header_seen {
        return Err(ReadError::line(file, 1, 1, "the devices table is empty", DEVICES_HEADER));
    }
    Ok(out)
}

/// A problem with the devices table and profiles taken together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SetupError {
    #[error("device `{device}` names profile `{profile}`, which is not among the profiles read{}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    UnknownProfile { device: String, profile: String, suggestion: Option<String> },
    #[error("{what} `{value}` is listed for both `{first}` and `{second}`")]
    Duplicate { what: &'static str, value: String, first: String, second: String },
    #[error(
        "the devices table lists {count} devices; one auditor takes at most 4,294,967,295 (split the table over several auditors, as `mud audit --stream` does)"
    )]
    TooManyDevices { count: usize },
}

/// Hash maps on the per-flow path: foldhash, randomly seeded per process (the default SipHash
/// costs more than the rest of a flow's check). Keys an attacker chooses (violating peers, DNS
/// names) go in maps bounded per device or by the names seen.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
type FastSet<K> = HashSet<K, foldhash::fast::RandomState>;

#[derive(Debug, Clone)]
enum Peer {
    Any,
    Name(String),
    Net(Cidr),
    Local,
    SameManufacturer,
    Manufacturer(String),
    Model(String),
    Controller(String),
    MyController,
}

#[derive(Debug, Clone)]
struct Rule {
    peer: Peer,
    protocol: Option<u8>,
    peer_port: Option<PortMatch>,
    device_port: Option<PortMatch>,
    accept: bool,
}

#[derive(Debug, Clone, Default)]
struct Policy {
    /// Rules for flows the device opens, and for flows opened towards it.
    out: Vec<Rule>,
    inbound: Vec<Rule>,
    mud_url: Option<String>,
    authority: Option<String>,
    /// Whether a rule asks what the peer is (a device of some manufacturer or model, a
    /// controller): then the peer's address is looked up in the device index.
    needs_peer: bool,
}

fn authority(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let a = rest.split(['/', '?', '#']).next().unwrap_or_default();
    a.rsplit('@').next().unwrap_or_default().to_ascii_lowercase()
}

fn rules(mud: &MudFile, dir: iotlabel_mud::Direction) -> Vec<Rule> {
    let from = dir == iotlabel_mud::Direction::FromDevice;
    let mut out = Vec::new();
    for name in mud.policy_names(dir) {
        let Some(acl) = mud.acl(name) else { continue };
        for ace in acl.aces() {
            if let Some(r) = rule(ace, from) {
                out.push(r);
            }
        }
    }
    out
}

/// The rule an ACE gives for flows opened from its side; none when it only allows replies.
fn rule(ace: &Ace, from_device: bool) -> Option<Rule> {
    let m = &ace.matches;
    let opener =
        if from_device { iotlabel_mud::Direction::FromDevice } else { iotlabel_mud::Direction::ToDevice };
    if let Some(d) = m.tcp.as_ref().and_then(|t| t.direction_initiated)
        && d != opener
    {
        return None;
    }
    let (mut protocol, mut name, mut net) = (None, None, None);
    if let Some(v4) = &m.ipv4 {
        protocol = v4.protocol;
        name = if from_device { v4.dst_dnsname.clone() } else { v4.src_dnsname.clone() };
        net = if from_device { v4.destination_network.clone() } else { v4.source_network.clone() };
    }
    if let Some(v6) = &m.ipv6 {
        protocol = protocol.or(v6.protocol);
        name = name.or(if from_device { v6.dst_dnsname.clone() } else { v6.src_dnsname.clone() });
        net = net.or(if from_device { v6.destination_network.clone() } else { v6.source_network.clone() });
    }
    let (mut src_port, mut dst_port) = (None, None);
    if let Some(t) = &m.tcp {
        protocol = Some(6);
        (src_port, dst_port) = (t.source_port.clone(), t.destination_port.clone());
    }
    if let Some(u) = &m.udp {
        protocol = Some(17);
        (src_port, dst_port) = (u.source_port.clone(), u.destination_port.clone());
    }
    let (device_port, peer_port) = if from_device { (src_port, dst_port) } else { (dst_port, src_port) };
    let peer = if let Some(n) = name {
        Peer::Name(n.trim_end_matches('.').to_ascii_lowercase())
    } else if let Some(c) = net.as_deref().and_then(Cidr::parse) {
        Peer::Net(c)
    } else if let Some(mm) = &m.mud {
        if mm.local_networks.is_some() {
            Peer::Local
        } else if mm.same_manufacturer.is_some() {
            Peer::SameManufacturer
        } else if let Some(x) = &mm.manufacturer {
            Peer::Manufacturer(x.to_ascii_lowercase())
        } else if let Some(x) = &mm.model {
            Peer::Model(x.clone())
        } else if let Some(x) = &mm.controller {
            Peer::Controller(x.clone())
        } else if mm.my_controller.is_some() {
            Peer::MyController
        } else {
            Peer::Any
        }
    } else {
        Peer::Any
    };
    Some(Rule {
        peer,
        protocol,
        peer_port,
        device_port,
        accept: ace.actions.forwarding == Forwarding::Accept,
    })
}

fn port_ok(m: &Option<PortMatch>, p: u16) -> bool {
    match m {
        None => true,
        Some(PortMatch::Operator { operator, port }) => match operator {
            PortOperator::Eq => p == *port,
            PortOperator::Neq => p != *port,
            PortOperator::Lte => p <= *port,
            PortOperator::Gte => p >= *port,
        },
        Some(PortMatch::Range { lower_port, upper_port }) => (*lower_port..=*upper_port).contains(&p),
    }
}

/// The kinds of attack pattern the audit names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PatternKind {
    /// Remote-login ports (telnet, SSH) tried on many peers: a bot looking for victims.
    RemoteLoginScanning,
    /// Many distinct peers contacted outside the profile.
    FanOut,
    /// Flows opened towards the device that its profile does not allow.
    UnexpectedInbound,
    /// A named destination the profile does not list.
    UnknownDomain,
}

/// An attack pattern seen on one device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Pattern {
    pub kind: PatternKind,
    /// Distinct peers involved (at least; counting stops at the memory bound).
    pub peers: u64,
    /// Flows involved.
    pub flows: u64,
    /// Ports involved (destination ports for outbound flows, the device's ports for inbound).
    pub ports: Vec<u16>,
    /// Names involved (unknown domains).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
}

/// Flows of one device outside its profile, alike in direction, protocol, port and peer name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Violation {
    pub direction: Direction,
    pub protocol: u8,
    /// The peer's port for flows the device opened, the device's port for inbound flows.
    pub port: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer_name: Option<String>,
    pub flows: u64,
    pub bytes: u64,
    pub packets: u64,
    /// Distinct peers (at least; counting stops at the memory bound).
    pub peers: u64,
    /// A few of the peers.
    pub examples: Vec<IpAddr>,
    pub first_seen_ms: u64,
    pub last_seen_ms: u64,
}

/// One device's part of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DeviceReport {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mac: Option<Mac>,
    pub ips: Vec<IpAddr>,
    pub profile: String,
    pub flows: u64,
    pub violating_flows: u64,
    pub first_seen_ms: u64,
    pub last_seen_ms: u64,
    pub patterns: Vec<Pattern>,
    pub violations: Vec<Violation>,
}

/// The audit's result: every device with flows its profile does not allow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AuditReport {
    /// Flow records read.
    pub flows: u64,
    /// Flows of audited devices that their profiles allow.
    pub allowed_flows: u64,
    pub violating_flows: u64,
    /// Flows of hosts not in the devices table, or of listed hosts without a profile.
    pub unaudited_flows: u64,
    /// Audited devices seen in the flows.
    pub devices_seen: u64,
    /// Devices with violations, in the order of the devices table.
    pub devices: Vec<DeviceReport>,
}

/// The JSON Schema of the audit report.
pub fn audit_report_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(AuditReport)).unwrap_or_default()
}

/// One device's running state, as [`Auditor::device_state`] gives it (serialisable, so a
/// stream auditor can checkpoint it and another take the device over).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DeviceState {
    pub flows: u64,
    pub violating_flows: u64,
    pub first_seen_ms: u64,
    pub last_seen_ms: u64,
    pub groups: Vec<GroupState>,
}

/// One group of alike violating flows of a device (see [`Violation`]), with every distinct
/// peer kept (up to the memory bound).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupState {
    pub direction: Direction,
    pub protocol: u8,
    pub port: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer_name: Option<String>,
    pub flows: u64,
    pub bytes: u64,
    pub packets: u64,
    pub peers: Vec<IpAddr>,
    #[serde(default)]
    pub saturated: bool,
    pub examples: Vec<IpAddr>,
    pub first_seen_ms: u64,
    pub last_seen_ms: u64,
}

/// What makes violations alike: direction, protocol, port, peer name.
type GroupKey = (Direction, u8, u16, Option<Arc<str>>);

#[derive(Debug, Default)]
struct Group {
    flows: u64,
    bytes: u64,
    packets: u64,
    peers: FastSet<IpAddr>,
    saturated: bool,
    examples: Vec<IpAddr>,
    first: u64,
    last: u64,
}

/// A device's running state, as compact as the per-flow path allows: 32 bytes, two devices per
/// cache line (aligned so none straddles two); what only violating devices need lives out of
/// line.
#[derive(Debug, Default)]
#[repr(align(32))]
struct State {
    flows: u64,
    first: u64,
    last: u64,
    violations: Option<Box<Violations>>,
}

/// The violating flows of a device, grouped.
#[derive(Debug, Default)]
struct Violations {
    flows: u64,
    groups: FastMap<GroupKey, Group>,
}

impl State {
    fn violating(&self) -> u64 {
        self.violations.as_ref().map_or(0, |v| v.flows)
    }

    fn groups(&self) -> impl Iterator<Item = (&GroupKey, &Group)> {
        self.violations.iter().flat_map(|v| v.groups.iter())
    }
}

/// The auditor: devices and their compiled profiles, and the running state of each device.
/// Memory grows with devices, names and distinct violating peers (bounded per device), never
/// with flows.
pub struct Auditor {
    devices: Vec<Device>,
    /// Each profile compiled once; devices point into it, so a million devices of a few
    /// models share a few policies (and their rules stay in cache).
    compiled: Vec<Policy>,
    /// MAC and IP address to device number and policy (in `compiled`).
    index: Index,
    local: Vec<Cidr>,
    patterns: Patterns,
    state: Vec<State>,
    names: FastMap<IpAddr, Arc<str>>,
    flows: u64,
    allowed: u64,
    unaudited: u64,
}

/// Reads an address-to-name table (CSV `ip,name`, one answer per line, `#` comments): the DNS
/// answers seen by the resolver, for flows whose exporter gives no names (IPFIX).
pub fn read_names(file: &str, text: &str) -> Result<Vec<(IpAddr, String)>, ReadError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') || t == "ip,name" {
            continue;
        }
        let n = i as u64 + 1;
        let Some((ip, name)) = t.split_once(',') else {
            return Err(ReadError::line(file, n, 1, "no comma", "ip,name"));
        };
        let ip = ip.trim().parse().map_err(|_| {
            ReadError::line(file, n, 1, format!("`{ip}` is not an IP address"), "an IPv4 or IPv6 address")
        })?;
        let name = name.trim().trim_end_matches('.');
        if name.is_empty() || name.contains(',') {
            return Err(ReadError::line(
                file,
                n,
                (t.find(',').unwrap_or(0) + 2) as u64,
                "no DNS name",
                "a DNS name such as cloud.example.com",
            ));
        }
        out.push((ip, name.to_ascii_lowercase()));
    }
    Ok(out)
}

impl Auditor {
    /// Learns that `ip` answers to `name` (a DNS answer); flows without a name of their own
    /// are then judged with it. Memory grows with names, not flows.
    pub fn learn_name(&mut self, ip: IpAddr, name: &str) {
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        self.names.insert(ip, Arc::from(name.as_str()));
    }

    fn name_of<'a>(&'a self, f: &'a FlowRecord) -> Option<&'a Arc<str>> {
        f.peer_name.as_ref().or_else(|| if self.names.is_empty() { None } else { self.names.get(&f.peer_ip) })
    }

    /// `profiles`: (file name, MUD file) pairs, the names the devices table uses.
    pub fn new(
        devices: Vec<Device>,
        profiles: &[(String, MudFile)],
        patterns: Patterns,
    ) -> Result<Auditor, SetupError> {
        let by_name: HashMap<&str, &MudFile> = profiles.iter().map(|(n, m)| (n.as_str(), m)).collect();
        let mut policies = Vec::with_capacity(devices.len());
        let mut compiled: Vec<Policy> = Vec::new();
        let mut compiled_of: HashMap<&str, u32> = HashMap::new();
        for d in &devices {
            let Some(p) = &d.profile else {
                policies.push(None);
                continue;
            };
            let Some(mud) = by_name.get(p.as_str()) else {
                let suggestion = by_name
                    .keys()
                    .max_by(|a, b| strsim(a, p).total_cmp(&strsim(b, p)))
                    .map(|s| s.to_string());
                return Err(SetupError::UnknownProfile {
                    device: d.name.clone(),
                    profile: p.clone(),
                    suggestion,
                });
            };
            let k = *compiled_of.entry(p.as_str()).or_insert_with(|| {
                let (out, inbound) = (
                    rules(mud, iotlabel_mud::Direction::FromDevice),
                    rules(mud, iotlabel_mud::Direction::ToDevice),
                );
                let needs_peer = out.iter().chain(&inbound).any(|r| {
                    matches!(
                        r.peer,
                        Peer::SameManufacturer
                            | Peer::Manufacturer(_)
                            | Peer::Model(_)
                            | Peer::Controller(_)
                            | Peer::MyController
                    )
                });
                compiled.push(Policy {
                    out,
                    inbound,
                    mud_url: mud.mud.mud_url.clone(),
                    authority: mud.mud.mud_url.as_deref().map(authority),
                    needs_peer,
                });
                (compiled.len() - 1) as u32
            });
            policies.push(Some(k));
        }
        // Device numbers are u32 below `NONE` (u32::MAX).
        if devices.len() > NONE as usize {
            return Err(SetupError::TooManyDevices { count: devices.len() });
        }
        let v4 = devices.iter().flat_map(|d| &d.ips).filter(|ip| ip.is_ipv4()).count();
        let v6 = devices.iter().flat_map(|d| &d.ips).count() - v4;
        let mut index = Index::with_capacity(devices.iter().filter(|d| d.mac.is_some()).count(), v4, v6);
        for (i, d) in devices.iter().enumerate() {
            let hit = Hit { device: i as u32, policy: policies[i].unwrap_or(NONE) };
            if let Some(m) = d.mac
                && let Some(j) = index.insert_mac(m, hit)
            {
                return Err(SetupError::Duplicate {
                    what: "MAC address",
                    value: m.to_string(),
                    first: devices[j as usize].name.clone(),
                    second: d.name.clone(),
                });
            }
            for ip in &d.ips {
                if let Some(j) = index.insert_ip(*ip, hit) {
                    return Err(SetupError::Duplicate {
                        what: "IP address",
                        value: ip.to_string(),
                        first: devices[j as usize].name.clone(),
                        second: d.name.clone(),
                    });
                }
            }
        }
        let local = patterns.local_networks.cidrs.iter().filter_map(|c| Cidr::parse(c)).collect();
        let state = devices.iter().map(|_| State::default()).collect();
        Ok(Auditor {
            devices,
            compiled,
            index,
            local,
            patterns,
            state,
            names: FastMap::default(),
            flows: 0,
            allowed: 0,
            unaudited: 0,
        })
    }

    /// The devices table this auditor was made with.
    pub fn devices(&self) -> &[Device] {
        &self.devices
    }

    /// A compiled policy by number; none for [`NONE`].
    fn policy(&self, k: u32) -> Option<&Policy> {
        self.compiled.get(k as usize)
    }

    fn peer_ok(&self, me: &Policy, peer: &Peer, f: &FlowRecord) -> bool {
        let other = || {
            self.index
                .by_ip(f.peer_ip)
                .and_then(|h| Some((self.devices.get(h.device as usize)?, self.policy(h.policy))))
        };
        match peer {
            Peer::Any => true,
            Peer::Name(n) => self.name_of(f).is_some_and(|p| p.eq_ignore_ascii_case(n)),
            Peer::Net(c) => c.contains(f.peer_ip),
            Peer::Local => self.local.iter().any(|c| c.contains(f.peer_ip)),
            Peer::SameManufacturer => {
                me.authority.is_some()
                    && other().and_then(|(_, p)| p).is_some_and(|p| p.authority == me.authority)
            }
            Peer::Manufacturer(a) => {
                other().and_then(|(_, p)| p).and_then(|p| p.authority.as_ref()).is_some_and(|x| x == a)
            }
            Peer::Model(u) => {
                other().and_then(|(_, p)| p).and_then(|p| p.mud_url.as_ref()).is_some_and(|x| x == u)
            }
            Peer::Controller(c) => other().is_some_and(|(d, _)| d.controller.iter().any(|x| x == c)),
            Peer::MyController => me
                .mud_url
                .as_ref()
                .is_some_and(|u| other().is_some_and(|(d, _)| d.controller.iter().any(|x| x == u))),
        }
    }

    /// Whether the device's profile allows this flow.
    fn allows(&self, p: &Policy, f: &FlowRecord) -> bool {
        let rules = match f.direction {
            Direction::FromDevice => &p.out,
            Direction::ToDevice => &p.inbound,
        };
        for r in rules {
            if r.protocol.is_some_and(|x| x != f.protocol) {
                continue;
            }
            if r.protocol.is_some_and(|x| x == 6 || x == 17)
                && !(port_ok(&r.peer_port, f.peer_port) && port_ok(&r.device_port, f.device_port))
            {
                continue;
            }
            if self.peer_ok(p, &r.peer, f) {
                return r.accept;
            }
        }
        false
    }

    /// Checks one flow; true when the profile allows it (or the device is not audited).
    /// [`Auditor::check_batch`] checks many, faster on large devices tables, with the same result.
    pub fn check(&mut self, f: &FlowRecord) -> bool {
        let hit = self.index.device(f.device_mac, f.device_ip);
        self.check_at(hit, f)
    }

    /// Checks a flow whose device the index gave as `hit`.
    #[inline]
    fn check_at(&mut self, hit: Option<Hit>, f: &FlowRecord) -> bool {
        self.flows += 1;
        let Some((i, p)) = hit.and_then(|h| Some((h.device as usize, self.policy(h.policy)?))) else {
            self.unaudited += 1;
            return true;
        };
        let ok = self.allows(p, f);
        let name = if ok { None } else { self.name_of(f).cloned() };
        let Some(s) = self.state.get_mut(i) else {
            self.unaudited += 1;
            return true;
        };
        if s.flows == 0 {
            s.first = f.time_ms;
            s.last = f.time_ms;
        }
        s.flows += 1;
        s.first = s.first.min(f.time_ms);
        s.last = s.last.max(f.time_ms);
        if ok {
            self.allowed += 1;
            return true;
        }
        let v = s.violations.get_or_insert_default();
        v.flows += 1;
        let port = match f.direction {
            Direction::FromDevice => f.peer_port,
            Direction::ToDevice => f.device_port,
        };
        let g = v.groups.entry((f.direction, f.protocol, port, name)).or_default();
        if g.flows == 0 {
            g.first = f.time_ms;
            g.last = f.time_ms;
        }
        g.flows += 1;
        g.bytes += f.bytes;
        g.packets += f.packets;
        g.first = g.first.min(f.time_ms);
        g.last = g.last.max(f.time_ms);
        if g.peers.len() < self.patterns.memory.max_peers_per_device {
            if g.peers.insert(f.peer_ip) && g.examples.len() < self.patterns.memory.examples {
                g.examples.push(f.peer_ip);
            }
        } else if !g.peers.contains(&f.peer_ip) {
            g.saturated = true;
        }
        false
    }

    /// The audited device a flow belongs to (its index in the devices table), if any.
    pub fn audited_device(&self, f: &FlowRecord) -> Option<usize> {
        self.index.device(f.device_mac, f.device_ip).filter(|h| h.audited()).map(|h| h.device as usize)
    }

    /// The running state of one device (what `check` accumulated), to be saved elsewhere and
    /// given back with [`Auditor::set_device_state`]: how a stream auditor hands a device over.
    pub fn device_state(&self, i: usize) -> DeviceState {
        let s = &self.state[i];
        let mut groups: Vec<GroupState> = s
            .groups()
            .map(|((direction, protocol, port, name), g)| {
                let mut peers: Vec<IpAddr> = g.peers.iter().copied().collect();
                peers.sort();
                GroupState {
                    direction: *direction,
                    protocol: *protocol,
                    port: *port,
                    peer_name: name.as_deref().map(String::from),
                    flows: g.flows,
                    bytes: g.bytes,
                    packets: g.packets,
                    peers,
                    saturated: g.saturated,
                    examples: g.examples.clone(),
                    first_seen_ms: g.first,
                    last_seen_ms: g.last,
                }
            })
            .collect();
        groups.sort_by(|a, b| {
            (a.direction.as_str(), a.protocol, a.port, &a.peer_name).cmp(&(
                b.direction.as_str(),
                b.protocol,
                b.port,
                &b.peer_name,
            ))
        });
        DeviceState {
            flows: s.flows,
            violating_flows: s.violating(),
            first_seen_ms: s.first,
            last_seen_ms: s.last,
            groups,
        }
    }

    /// Replaces one device's running state (see [`Auditor::device_state`]).
    pub fn set_device_state(&mut self, i: usize, d: DeviceState) {
        let mut groups = FastMap::with_capacity_and_hasher(d.groups.len(), Default::default());
        for g in d.groups {
            let name = g.peer_name.as_deref().map(|n| self.intern(n));
            groups.insert(
                (g.direction, g.protocol, g.port, name),
                Group {
                    flows: g.flows,
                    bytes: g.bytes,
                    packets: g.packets,
                    peers: g.peers.into_iter().collect(),
                    saturated: g.saturated,
                    examples: g.examples,
                    first: g.first_seen_ms,
                    last: g.last_seen_ms,
                },
            );
        }
        let violations = (d.violating_flows > 0 || !groups.is_empty())
            .then(|| Box::new(Violations { flows: d.violating_flows, groups }));
        self.state[i] = State { flows: d.flows, first: d.first_seen_ms, last: d.last_seen_ms, violations };
    }

    fn intern(&self, n: &str) -> Arc<str> {
        self.names.values().find(|x| x.as_ref() == n).cloned().unwrap_or_else(|| Arc::from(n))
    }

    /// One device's part of the report, when it has violations.
    pub fn device_report(&self, i: usize) -> Option<DeviceReport> {
        let pat = &self.patterns;
        let s = self.state.get(i)?;
        {
            if s.violating() == 0 {
                return None;
            }
            let d = &self.devices[i];
            let mut violations: Vec<Violation> = s
                .groups()
                .map(|((dir, proto, port, name), g)| {
                    let mut examples = g.examples.clone();
                    examples.sort();
                    Violation {
                        direction: *dir,
                        protocol: *proto,
                        port: *port,
                        peer_name: name.as_deref().map(String::from),
                        flows: g.flows,
                        bytes: g.bytes,
                        packets: g.packets,
                        peers: g.peers.len() as u64,
                        examples,
                        first_seen_ms: g.first,
                        last_seen_ms: g.last,
                    }
                })
                .collect();
            // A total order (the groups come out of a hash map, in an order that differs
            // between two auditors fed the same flows).
            violations.sort_by(|a, b| {
                (b.flows, a.direction.as_str(), a.port, a.protocol, &a.peer_name).cmp(&(
                    a.flows,
                    b.direction.as_str(),
                    b.port,
                    b.protocol,
                    &b.peer_name,
                ))
            });
            Some(DeviceReport {
                name: d.name.clone(),
                mac: d.mac,
                ips: d.ips.clone(),
                profile: d.profile.clone().unwrap_or_default(),
                flows: s.flows,
                violating_flows: s.violating(),
                first_seen_ms: s.first,
                last_seen_ms: s.last,
                patterns: classify(s, pat),
                violations,
            })
        }
    }

    /// The report so far.
    pub fn report(&self) -> AuditReport {
        let devices = (0..self.state.len()).filter_map(|i| self.device_report(i)).collect();
        AuditReport {
            flows: self.flows,
            allowed_flows: self.allowed,
            violating_flows: self.state.iter().map(State::violating).sum(),
            unaudited_flows: self.unaudited,
            devices_seen: self.state.iter().filter(|s| s.flows > 0).count() as u64,
            devices,
        }
    }
}

fn classify(s: &State, pat: &Patterns) -> Vec<Pattern> {
    let mut out = Vec::new();
    let mut add = |kind, filter: &dyn Fn(&GroupKey) -> bool, min: usize| {
        let mut peers = HashSet::new();
        let (mut flows, mut ports, mut names) = (0, Vec::new(), Vec::new());
        for (k, g) in s.groups().filter(|(k, _)| filter(k)) {
            peers.extend(g.peers.iter().copied());
            flows += g.flows;
            if !ports.contains(&k.2) {
                ports.push(k.2);
            }
            if let Some(n) = &k.3
                && !names.contains(&n.to_string())
            {
                names.push(n.to_string());
            }
        }
        if flows > 0 && peers.len() >= min {
            ports.sort_unstable();
            names.sort();
            out.push(Pattern { kind, peers: peers.len() as u64, flows, ports, names });
        }
    };
    let scan = |k: &GroupKey| k.0 == Direction::FromDevice && k.1 == 6 && pat.scanning.ports.contains(&k.2);
    add(PatternKind::RemoteLoginScanning, &scan, pat.scanning.min_peers);
    add(PatternKind::FanOut, &|k| k.0 == Direction::FromDevice && k.3.is_none(), pat.fan_out.min_peers);
    add(PatternKind::UnexpectedInbound, &|k| k.0 == Direction::ToDevice, 1);
    add(PatternKind::UnknownDomain, &|k| k.0 == Direction::FromDevice && k.3.is_some(), 1);
    out
}

/// Jaro-Winkler-like closeness of two names, for "did you mean".
fn strsim(a: &str, b: &str) -> f64 {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    common as f64 / a.len().max(b.len()).max(1) as f64
}

/// An end is a device when it is an audited device (listed with a profile): a flow between an
/// audited device and a listed host without profile (a phone, the gateway) is the device's.
impl Orient for Auditor {
    fn is_device(&self, ip: IpAddr, mac: Option<Mac>) -> bool {
        self.index.device(mac, ip).is_some_and(Hit::audited)
    }
}

/// An nftables ruleset cutting the violating devices off (both directions, every address):
/// [`quarantine_nft_head`], then [`quarantine_nft_device`] for each device in the report.
pub fn quarantine_nft(report: &AuditReport) -> String {
    let mut s = quarantine_nft_head();
    for d in &report.devices {
        let why = describe(d.violating_flows, &d.patterns);
        s.push_str(&quarantine_nft_device(&d.name, d.mac, &d.ips, &why));
    }
    s
}

/// Why a device is quarantined, in a few words: its violating flows and patterns.
fn describe(violating_flows: u64, patterns: &[Pattern]) -> String {
    let kinds: Vec<&str> = patterns.iter().map(|p| pattern_words(p.kind)).collect();
    format!(
        "{violating_flows} violating flows{}",
        if kinds.is_empty() { String::new() } else { format!(" ({})", kinds.join(", ")) }
    )
}

/// A pattern's name in words.
pub fn pattern_words(kind: PatternKind) -> &'static str {
    match kind {
        PatternKind::RemoteLoginScanning => "remote-login scanning",
        PatternKind::FanOut => "fan-out",
        PatternKind::UnexpectedInbound => "unexpected inbound",
        PatternKind::UnknownDomain => "unknown domain",
    }
}

/// The head of a quarantine file: it (re)creates table `inet iotlabel_quarantine` with empty
/// address sets and the drop rules. Devices are then added one `add element` command at a time
/// ([`quarantine_nft_device`]), so a stream auditor can append a device the moment it
/// violates, and `nft -f FILE` at any moment loads the quarantine as it stands (loading it again
/// gives the same ruleset: the head deletes the table before defining it).
pub fn quarantine_nft_head() -> String {
    let mut s = String::from(
        "# Quarantine written by `iotlabel mud audit`: devices that broke their MUD profiles.\n\
         # Load with `nft -f`; loading again gives the same ruleset.\n\
         add table inet iotlabel_quarantine\n\
         delete table inet iotlabel_quarantine\n\
         table inet iotlabel_quarantine {\n",
    );
    for (name, ty) in
        [("quarantined_mac", "ether_addr"), ("quarantined_v4", "ipv4_addr"), ("quarantined_v6", "ipv6_addr")]
    {
        let _ = writeln!(s, "\tset {name} {{\n\t\ttype {ty}\n\t}}");
    }
    s.push_str("\tchain forward {\n\t\ttype filter hook forward priority filter - 10; policy accept;\n");
    s.push_str("\t\tether saddr @quarantined_mac drop\n\t\tether daddr @quarantined_mac drop\n");
    s.push_str("\t\tip saddr @quarantined_v4 drop\n\t\tip daddr @quarantined_v4 drop\n");
    s.push_str("\t\tip6 saddr @quarantined_v6 drop\n\t\tip6 daddr @quarantined_v6 drop\n");
    s.push_str("\t}\n}\n");
    s
}

/// One device added to the quarantine: a comment saying why, and its MAC and addresses added to
/// the sets. `why` is one line (line breaks are replaced).
pub fn quarantine_nft_device(name: &str, mac: Option<Mac>, ips: &[IpAddr], why: &str) -> String {
    let clean = |t: &str| t.replace(['\n', '\r'], " ");
    let mut s = format!("# {}: {}\n", clean(name), clean(why));
    if let Some(m) = mac {
        let _ = writeln!(s, "add element inet iotlabel_quarantine quarantined_mac {{ {m} }}");
    }
    for (set, v4) in [("quarantined_v4", true), ("quarantined_v6", false)] {
        let list: Vec<String> = ips.iter().filter(|i| i.is_ipv4() == v4).map(ToString::to_string).collect();
        if !list.is_empty() {
            let _ = writeln!(s, "add element inet iotlabel_quarantine {set} {{ {} }}", list.join(", "));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pattern_data_loads_and_its_networks_parse() {
        let p = Patterns::builtin();
        assert!(p.scanning.ports.contains(&23) && p.fan_out.min_peers > p.scanning.min_peers);
        for c in &p.local_networks.cidrs {
            assert!(Cidr::parse(c).is_some(), "{c}");
        }
    }

    #[test]
    fn networks_contain_what_they_should() {
        let c = |s: &str| Cidr::parse(s).expect("cidr");
        let ip = |s: &str| s.parse::<IpAddr>().expect("ip");
        assert!(c("10.0.0.0/8").contains(ip("10.255.1.2")));
        assert!(!c("10.0.0.0/8").contains(ip("11.0.0.1")));
        assert!(!c("10.0.0.0/8").contains(ip("::ffff:10.0.0.1")));
        assert!(c("fe80::/10").contains(ip("febf::1")) && !c("fe80::/10").contains(ip("fec0::1")));
        assert!(c("0.0.0.0/0").contains(ip("1.2.3.4")) && c("192.0.2.7").contains(ip("192.0.2.7")));
        assert!(Cidr::parse("10.0.0.0/33").is_none() && Cidr::parse("x/8").is_none());
    }

    #[test]
    fn ports_match_as_yang_says() {
        let op = |operator, port| Some(PortMatch::Operator { operator, port });
        assert!(port_ok(&op(PortOperator::Eq, 443), 443) && !port_ok(&op(PortOperator::Eq, 443), 444));
        assert!(port_ok(&op(PortOperator::Neq, 443), 444) && !port_ok(&op(PortOperator::Neq, 443), 443));
        assert!(port_ok(&op(PortOperator::Lte, 1023), 1023) && !port_ok(&op(PortOperator::Lte, 1023), 1024));
        assert!(port_ok(&op(PortOperator::Gte, 1024), 1024) && !port_ok(&op(PortOperator::Gte, 1024), 1023));
        let r = Some(PortMatch::Range { lower_port: 10, upper_port: 20 });
        assert!(port_ok(&r, 10) && port_ok(&r, 20) && !port_ok(&r, 21) && port_ok(&None, 7));
    }
}

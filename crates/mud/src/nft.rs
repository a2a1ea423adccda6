//! A MUD profile compiled for one device to an nftables ruleset (text for `nft -f`, and the
//! libnftables JSON for `nft -j -f`), as a home router enforces it.
//!
//! One table (`inet iotlabel_mud`, replaced whole on each load) holds:
//! - a `forward` base chain that sends each device's traffic to its two chains, by MAC or IP
//!   address for traffic from the device and by IP address (or a per-device address set a
//!   DHCP/ND feed fills, for a device known only by MAC) for traffic to it;
//! - per device, `<id>_from` and `<id>_to`: one rule per ACE, then `counter drop` (default
//!   deny both ways);
//! - named sets for what a MUD manager resolves at run time: one per DNS name and family
//!   (`dns_*`, filled with timeouts by a DNS-answer feed), the local networks (`local_v4`,
//!   `local_v6`, given), same-manufacturer and manufacturer classes (`mfr_*`), models
//!   (`model_*`), controllers (`ctl_*`) and each device's own controllers (`<id>_myctl_*`).
//!
//! `direction-initiated` becomes connection tracking: the side that may not open a connection
//! only gets `ct state established,related` packets.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use core::net::{Ipv4Addr, Ipv6Addr};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::types::*;

/// The table every compiled ruleset lives in.
pub const TABLE: &str = "iotlabel_mud";

/// The device a profile is compiled for.
#[derive(Debug, Clone, Default)]
pub struct Device {
    /// Names its chains: letters, digits and `_`, starting with a letter, at most 32.
    pub id: String,
    pub mac: Option<String>,
    pub ipv4: Vec<Ipv4Addr>,
    pub ipv6: Vec<Ipv6Addr>,
}

/// Site facts the profile leaves to the network: what "local networks" are here.
#[derive(Debug, Clone)]
pub struct Site {
    pub local_v4: Vec<String>,
    pub local_v6: Vec<String>,
}

impl Default for Site {
    fn default() -> Self {
        Site {
            local_v4: vec!["10.0.0.0/8".into(), "172.16.0.0/12".into(), "192.168.0.0/16".into()],
            local_v6: vec!["fc00::/7".into(), "fe80::/10".into()],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompileError {
    #[error(
        "device id {0:?} cannot name a chain: letters, digits and `_`, starting with a letter, at most 32 characters"
    )]
    BadId(String),
    #[error("device {0} has no address: give its MAC, IPv4 or IPv6 address")]
    NoAddress(String),
    #[error("device {id}: MAC address {mac:?} is not of the form 02:00:00:00:00:05")]
    BadMac { id: String, mac: String },
    #[error("device id {0} is used twice")]
    DuplicateId(String),
    #[error("local network {0:?} is not an address prefix")]
    BadPrefix(String),
}

/// A set: its type and, for the local networks, its elements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetDef {
    pub v6: bool,
    /// Filled at run time with timeouts (DNS answers) rather than given.
    pub timeout: bool,
    pub interval: bool,
    pub elements: Vec<String>,
    /// What fills it, for a reader of the ruleset.
    pub comment: String,
}

/// One match of a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
enum M {
    /// `proto field op right` (payload match).
    P {
        proto: &'static str,
        field: &'static str,
        op: &'static str,
        right: R,
    },
    L4proto(u8),
    Nfproto(bool),
    Ct(&'static [&'static str]),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum R {
    Num(u32),
    Str(String),
    Set(String),
    Prefix(String, u8),
    Range(u32, u32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    Accept,
    Drop,
    Reject,
    Jump(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    m: Vec<M>,
    counter: bool,
    verdict: Verdict,
    comment: Option<String>,
}

/// A compiled ruleset.
#[derive(Debug, Clone, Default)]
pub struct Ruleset {
    sets: BTreeMap<String, SetDef>,
    dispatch: Vec<Rule>,
    chains: Vec<(String, Vec<Rule>)>,
    ids: std::collections::BTreeSet<String>,
}

fn valid_id(id: &str) -> bool {
    id.len() <= 32
        && id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A set name from free text: lower-case letters, digits and `_`, with a short hash when the
/// text had to be changed or cut (so two names never meet).
fn set_name(prefix: &str, text: &str, v6: bool) -> String {
    let clean: String =
        text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    let exact = clean.len() <= 40
        && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
    let unique = text.contains('_') || !exact;
    let body: String = clean.chars().take(40).collect();
    let fam = if v6 { "v6" } else { "v4" };
    if unique {
        let h = Sha256::digest(text.as_bytes());
        format!("{prefix}_{body}_{:02x}{:02x}{:02x}_{fam}", h[0], h[1], h[2])
    } else {
        format!("{prefix}_{body}_{fam}")
    }
}

/// The set a DNS-answer feed fills with the addresses of `domain` (lower-case, no final dot).
pub fn dns_set_name(domain: &str, v6: bool) -> String {
    set_name("dns", domain, v6)
}

/// The authority (host) of a URL.
fn authority(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let a = rest.split(['/', '?', '#']).next().unwrap_or_default();
    a.rsplit('@').next().unwrap_or_default()
}

impl Ruleset {
    pub fn new(site: &Site) -> Result<Self, CompileError> {
        let mut r = Ruleset::default();
        for (name, v6, list) in [("local_v4", false, &site.local_v4), ("local_v6", true, &site.local_v6)] {
            for p in list {
                let ok = if v6 {
                    crate::shape::check::ipv6_prefix(p).is_ok()
                } else {
                    crate::shape::check::ipv4_prefix(p).is_ok()
                };
                if !ok {
                    return Err(CompileError::BadPrefix(p.clone()));
                }
            }
            r.sets.insert(
                name.into(),
                SetDef {
                    v6,
                    timeout: false,
                    interval: true,
                    elements: list.clone(),
                    comment: "the local networks".into(),
                },
            );
        }
        Ok(r)
    }

    fn set(&mut self, name: String, v6: bool, timeout: bool, comment: String) -> R {
        self.sets.entry(name.clone()).or_insert(SetDef {
            v6,
            timeout,
            interval: !timeout,
            elements: Vec::new(),
            comment,
        });
        R::Set(name)
    }

    /// Adds a device's chains for its profile.
    pub fn add(&mut self, mud: &MudFile, dev: &Device) -> Result<(), CompileError> {
        if !valid_id(&dev.id) {
            return Err(CompileError::BadId(dev.id.clone()));
        }
        let (from, to) = (format!("{}_from", dev.id), format!("{}_to", dev.id));
        if !self.ids.insert(dev.id.clone()) {
            return Err(CompileError::DuplicateId(dev.id.clone()));
        }
        if dev.mac.is_none() && dev.ipv4.is_empty() && dev.ipv6.is_empty() {
            return Err(CompileError::NoAddress(dev.id.clone()));
        }
        let cm = |c: &str| Some(format!("{} {c}", dev.id));
        let jump = |m: M, chain: &str| Rule {
            m: vec![m],
            counter: false,
            verdict: Verdict::Jump(chain.to_string()),
            comment: None,
        };
        if let Some(mac) = &dev.mac {
            if crate::shape::check::mac(mac).is_err() {
                return Err(CompileError::BadMac { id: dev.id.clone(), mac: mac.clone() });
            }
            self.dispatch.push(jump(
                M::P { proto: "ether", field: "saddr", op: "==", right: R::Str(mac.to_ascii_lowercase()) },
                &from,
            ));
        }
        for a in &dev.ipv4 {
            self.dispatch.push(jump(
                M::P { proto: "ip", field: "saddr", op: "==", right: R::Str(a.to_string()) },
                &from,
            ));
            self.dispatch.push(jump(
                M::P { proto: "ip", field: "daddr", op: "==", right: R::Str(a.to_string()) },
                &to,
            ));
        }
        for a in &dev.ipv6 {
            self.dispatch.push(jump(
                M::P { proto: "ip6", field: "saddr", op: "==", right: R::Str(a.to_string()) },
                &from,
            ));
            self.dispatch.push(jump(
                M::P { proto: "ip6", field: "daddr", op: "==", right: R::Str(a.to_string()) },
                &to,
            ));
        }
        // Known only by MAC in a family: its addresses come from a DHCP/ND feed into a set.
        if dev.mac.is_some() && dev.ipv4.is_empty() {
            let s = self.set(
                format!("{}_addr_v4", dev.id),
                false,
                true,
                format!("{}'s IPv4 addresses (DHCP feed)", dev.id),
            );
            self.dispatch.push(jump(M::P { proto: "ip", field: "daddr", op: "==", right: s }, &to));
        }
        if dev.mac.is_some() && dev.ipv6.is_empty() {
            let s = self.set(
                format!("{}_addr_v6", dev.id),
                true,
                true,
                format!("{}'s IPv6 addresses (ND feed)", dev.id),
            );
            self.dispatch.push(jump(M::P { proto: "ip6", field: "daddr", op: "==", right: s }, &to));
        }
        let url_host = mud.mud.mud_url.as_deref().map(authority).unwrap_or_default().to_string();
        for (dir, chain) in [(Direction::FromDevice, &from), (Direction::ToDevice, &to)] {
            let mut rules = Vec::new();
            for name in mud.policy_names(dir) {
                let Some(acl) = mud.acl(name) else { continue };
                for ace in acl.aces() {
                    for v6 in families(acl, ace) {
                        if let Some(rule) = self.rule(ace, dir, v6, dev, &url_host) {
                            rules.push(Rule { comment: cm(&ace.name), ..rule });
                        }
                    }
                }
            }
            rules.push(Rule {
                m: Vec::new(),
                counter: true,
                verdict: Verdict::Drop,
                comment: cm("default deny"),
            });
            self.chains.push((chain.clone(), rules));
        }
        Ok(())
    }

    /// One ACE as a rule for one family; `None` when it cannot apply in that family.
    fn rule(&mut self, ace: &Ace, dir: Direction, v6: bool, dev: &Device, url_host: &str) -> Option<Rule> {
        let x = &ace.matches;
        let from_device = dir == Direction::FromDevice;
        let (ip, fam) = if v6 { ("ip6", "ipv6") } else { ("ip", "ipv4") };
        let mut m = Vec::new();
        let mut l3 = false;
        // The peer: the destination of traffic from the device, the source of traffic to it.
        let peer_field = if from_device { "daddr" } else { "saddr" };
        let (proto, dst_dns, src_dns, dst_net, src_net) = if v6 {
            let i = x.ipv6.clone().unwrap_or_default();
            (i.protocol, i.dst_dnsname, i.src_dnsname, i.destination_network, i.source_network)
        } else {
            let i = x.ipv4.clone().unwrap_or_default();
            (i.protocol, i.dst_dnsname, i.src_dnsname, i.destination_network, i.source_network)
        };
        for (field, dns) in [("saddr", src_dns), ("daddr", dst_dns)] {
            if let Some(d) = dns {
                let d = d.trim_end_matches('.').to_ascii_lowercase();
                let s =
                    self.set(dns_set_name(&d, v6), v6, true, format!("addresses of {d} (DNS-answer feed)"));
                m.push(M::P { proto: ip, field, op: "==", right: s });
                l3 = true;
            }
        }
        for (field, net) in [("saddr", src_net), ("daddr", dst_net)] {
            if let Some(n) = net {
                let (a, l) = n.split_once('/').unwrap_or((&n, if v6 { "128" } else { "32" }));
                m.push(M::P {
                    proto: ip,
                    field,
                    op: "==",
                    right: R::Prefix(a.to_string(), l.parse().unwrap_or(0)),
                });
                l3 = true;
            }
        }
        if let Some(mm) = &x.mud {
            let f = if v6 { "v6" } else { "v4" };
            let mut class = |s: R| m.push(M::P { proto: ip, field: peer_field, op: "==", right: s });
            if mm.local_networks.is_some() {
                class(R::Set(format!("local_{f}")));
            }
            if mm.same_manufacturer.is_some() {
                let s = self.set(
                    set_name("mfr", url_host, v6),
                    v6,
                    false,
                    format!("devices whose MUD URL is on {url_host}"),
                );
                class(s);
            }
            if let Some(h) = &mm.manufacturer {
                let s =
                    self.set(set_name("mfr", h, v6), v6, false, format!("devices whose MUD URL is on {h}"));
                class(s);
            }
            if let Some(u) = &mm.model {
                let s =
                    self.set(set_name("model", u, v6), v6, false, format!("devices whose MUD URL is {u}"));
                class(s);
            }
            if let Some(c) = &mm.controller {
                let s = self.set(set_name("ctl", c, v6), v6, false, format!("controllers of class {c}"));
                class(s);
            }
            if mm.my_controller.is_some() {
                let s = self.set(
                    format!("{}_myctl_{f}", dev.id),
                    v6,
                    false,
                    format!("{}'s own controllers", dev.id),
                );
                class(s);
            }
            l3 = true;
        }
        if !l3 {
            m.insert(0, M::Nfproto(v6));
        }
        let port = |m: &mut Vec<M>, proto: &'static str, field: &'static str, p: &Option<PortMatch>| match p {
            Some(PortMatch::Operator { operator, port }) => {
                let op = match operator {
                    PortOperator::Eq => "==",
                    PortOperator::Neq => "!=",
                    PortOperator::Lte => "<=",
                    PortOperator::Gte => ">=",
                };
                m.push(M::P { proto, field, op, right: R::Num(u32::from(*port)) });
            }
            Some(PortMatch::Range { lower_port, upper_port }) => m.push(M::P {
                proto,
                field,
                op: "==",
                right: R::Range(u32::from(*lower_port), u32::from(*upper_port)),
            }),
            None => {}
        };
        let mut transport = false;
        if let Some(t) = &x.tcp {
            m.push(M::L4proto(6));
            port(&mut m, "tcp", "sport", &t.source_port);
            port(&mut m, "tcp", "dport", &t.destination_port);
            if let Some(init) = t.direction_initiated {
                // The side that did not open the connection only sends within it.
                let opener_is_sender = (init == Direction::FromDevice) == from_device;
                if !opener_is_sender {
                    m.push(M::Ct(&["established", "related"]));
                }
            }
            transport = true;
        }
        if let Some(u) = &x.udp {
            m.push(M::L4proto(17));
            port(&mut m, "udp", "sport", &u.source_port);
            port(&mut m, "udp", "dport", &u.destination_port);
            transport = true;
        }
        if let Some(i) = &x.icmp {
            let proto = if v6 { "icmpv6" } else { "icmp" };
            m.push(M::L4proto(if v6 { 58 } else { 1 }));
            if let Some(t) = i.icmp_type {
                m.push(M::P { proto, field: "type", op: "==", right: R::Num(u32::from(t)) });
            }
            if let Some(c) = i.code {
                m.push(M::P { proto, field: "code", op: "==", right: R::Num(u32::from(c)) });
            }
            transport = true;
        }
        if let (false, Some(p)) = (transport, proto) {
            m.push(M::L4proto(p));
        }
        if let Some(e) = &x.eth {
            if let Some(t) = e.ethertype {
                m.push(M::P { proto: "ether", field: "type", op: "==", right: R::Num(u32::from(t)) });
            }
            for (field, mac) in [("saddr", &e.source_mac_address), ("daddr", &e.destination_mac_address)] {
                if let Some(mac) = mac {
                    m.push(M::P { proto: "ether", field, op: "==", right: R::Str(mac.to_ascii_lowercase()) });
                }
            }
        }
        let _ = fam;
        let verdict = match ace.actions.forwarding {
            Forwarding::Accept => Verdict::Accept,
            Forwarding::Drop => Verdict::Drop,
            Forwarding::Reject => Verdict::Reject,
        };
        Some(Rule { m, counter: false, verdict, comment: None })
    }

    /// The names of the sets a DNS-answer feed fills, by domain name: `(name, v4 set, v6 set)`.
    pub fn dns_sets(&self) -> Vec<&str> {
        self.sets
            .iter()
            .filter(|(n, s)| n.starts_with("dns_") && s.timeout)
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// How many rules (ACE rules, default denies and dispatch jumps).
    pub fn rule_count(&self) -> usize {
        self.dispatch.len() + self.chains.iter().map(|(_, r)| r.len()).sum::<usize>()
    }

    /// The ruleset as `nft -f` reads it. Loading it replaces the table whole.
    pub fn to_nft(&self) -> String {
        let mut s = String::with_capacity(256 + self.rule_count() * 96);
        let _ = writeln!(s, "# iotlabel mud compile: MUD profiles as nftables rules (RFC 8520)");
        let _ = writeln!(s, "table inet {TABLE}");
        let _ = writeln!(s, "delete table inet {TABLE}");
        let _ = writeln!(s, "table inet {TABLE} {{");
        for (name, d) in &self.sets {
            let _ = write!(s, "\tset {name} {{\n\t\ttype {}\n", if d.v6 { "ipv6_addr" } else { "ipv4_addr" });
            match (d.timeout, d.interval) {
                (true, _) => s.push_str("\t\tflags timeout\n"),
                (false, true) => s.push_str("\t\tflags interval\n"),
                _ => {}
            }
            let _ = writeln!(s, "\t\tcomment {}", quote(&d.comment));
            if !d.elements.is_empty() {
                let _ = writeln!(s, "\t\telements = {{ {} }}", d.elements.join(", "));
            }
            s.push_str("\t}\n");
        }
        s.push_str("\tchain forward {\n\t\ttype filter hook forward priority filter; policy accept;\n");
        for r in &self.dispatch {
            rule_text(&mut s, r);
        }
        s.push_str("\t}\n");
        for (name, rules) in &self.chains {
            let _ = writeln!(s, "\tchain {name} {{");
            for r in rules {
                rule_text(&mut s, r);
            }
            s.push_str("\t}\n");
        }
        s.push_str("}\n");
        s
    }

    /// The same ruleset in the libnftables JSON format (`nft -j -f`), as a value.
    pub fn to_json(&self) -> Value {
        let mut items = Vec::new();
        self.json_items(|v| items.push(v));
        json!({"nftables": items})
    }

    /// The same ruleset in the libnftables JSON format, as text with one command a line. Each
    /// command is written as soon as it is built, so a large ruleset never exists as a tree.
    pub fn to_json_text(&self) -> String {
        let mut s = String::with_capacity(256 + self.rule_count() * 360);
        s.push_str("{\"nftables\": [\n");
        let mut first = true;
        self.json_items(|v| {
            if !first {
                s.push_str(",\n");
            }
            first = false;
            s.push_str(&v.to_string());
        });
        s.push_str("\n]}\n");
        s
    }

    fn json_items(&self, mut emit: impl FnMut(Value)) {
        emit(json!({"metainfo": {"json_schema_version": 1}}));
        emit(json!({"table": {"family": "inet", "name": TABLE}}));
        emit(json!({"delete": {"table": {"family": "inet", "name": TABLE}}}));
        emit(json!({"add": {"table": {"family": "inet", "name": TABLE}}}));
        for (name, d) in &self.sets {
            let mut set = json!({"family": "inet", "table": TABLE, "name": name, "type": if d.v6 { "ipv6_addr" } else { "ipv4_addr" }, "comment": d.comment});
            if d.timeout {
                set["flags"] = json!(["timeout"]);
            } else if d.interval {
                set["flags"] = json!(["interval"]);
            }
            if !d.elements.is_empty() {
                set["elem"] = Value::Array(d.elements.iter().map(|e| prefix_json(e)).collect());
            }
            emit(json!({"add": {"set": set}}));
        }
        emit(
            json!({"add": {"chain": {"family": "inet", "table": TABLE, "name": "forward", "type": "filter", "hook": "forward", "prio": 0, "policy": "accept"}}}),
        );
        for (name, _) in &self.chains {
            emit(json!({"add": {"chain": {"family": "inet", "table": TABLE, "name": name}}}));
        }
        let rules = std::iter::once(("forward", &self.dispatch))
            .chain(self.chains.iter().map(|(n, r)| (n.as_str(), r)));
        for (chain, rs) in rules {
            for r in rs {
                let mut rule =
                    json!({"family": "inet", "table": TABLE, "chain": chain, "expr": rule_json(r)});
                if let Some(c) = &r.comment {
                    rule["comment"] = json!(c);
                }
                emit(json!({"add": {"rule": rule}}));
            }
        }
    }
}

/// Which families an ACE applies in: its ACL's type, else its own matches, else both.
fn families(acl: &Acl, ace: &Ace) -> Vec<bool> {
    match acl.acl_type {
        Some(AclType::Ipv4 | AclType::MixedEthIpv4) => vec![false],
        Some(AclType::Ipv6 | AclType::MixedEthIpv6) => vec![true],
        _ => match (ace.matches.ipv4.is_some(), ace.matches.ipv6.is_some()) {
            (true, false) => vec![false],
            (false, true) => vec![true],
            _ => vec![false, true],
        },
    }
}

fn quote(s: &str) -> String {
    let clean: String = s.chars().filter(|c| !c.is_control() && *c != '"' && *c != '\\').take(120).collect();
    format!("\"{clean}\"")
}

fn right_text(r: &R) -> String {
    match r {
        R::Num(n) => n.to_string(),
        R::Str(s) => s.clone(),
        R::Set(n) => format!("@{n}"),
        R::Prefix(a, l) => format!("{a}/{l}"),
        R::Range(a, b) => format!("{a}-{b}"),
    }
}

fn rule_text(s: &mut String, r: &Rule) {
    s.push_str("\t\t");
    for m in &r.m {
        match m {
            M::P { proto, field, op, right } => {
                let op = if *op == "==" { String::new() } else { format!("{op} ") };
                let _ = write!(s, "{proto} {field} {op}{} ", right_text(right));
            }
            M::L4proto(p) => {
                let _ = write!(s, "meta l4proto {p} ");
            }
            M::Nfproto(v6) => {
                let _ = write!(s, "meta nfproto {} ", if *v6 { "ipv6" } else { "ipv4" });
            }
            M::Ct(states) => {
                let _ = write!(s, "ct state {{ {} }} ", states.join(", "));
            }
        }
    }
    if r.counter {
        s.push_str("counter ");
    }
    match &r.verdict {
        Verdict::Accept => s.push_str("accept"),
        Verdict::Drop => s.push_str("drop"),
        Verdict::Reject => s.push_str("reject"),
        Verdict::Jump(c) => {
            let _ = write!(s, "jump {c}");
        }
    }
    if let Some(c) = &r.comment {
        let _ = write!(s, " comment {}", quote(c));
    }
    s.push('\n');
}

fn prefix_json(p: &str) -> Value {
    match p.split_once('/') {
        Some((a, l)) => json!({"prefix": {"addr": a, "len": l.parse::<u8>().unwrap_or(0)}}),
        None => json!(p),
    }
}

fn rule_json(r: &Rule) -> Vec<Value> {
    let mut e: Vec<Value> = r
        .m
        .iter()
        .map(|m| match m {
            M::P { proto, field, op, right } => {
                let right = match right {
                    R::Num(n) => json!(n),
                    R::Str(s) => json!(s),
                    R::Set(n) => json!(format!("@{n}")),
                    R::Prefix(a, l) => json!({"prefix": {"addr": a, "len": l}}),
                    R::Range(a, b) => json!({"range": [a, b]}),
                };
                json!({"match": {"op": op, "left": {"payload": {"protocol": proto, "field": field}}, "right": right}})
            }
            M::L4proto(p) => json!({"match": {"op": "==", "left": {"meta": {"key": "l4proto"}}, "right": p}}),
            M::Nfproto(v6) => {
                json!({"match": {"op": "==", "left": {"meta": {"key": "nfproto"}}, "right": if *v6 { "ipv6" } else { "ipv4" }}})
            }
            M::Ct(states) => json!({"match": {"op": "in", "left": {"ct": {"key": "state"}}, "right": states}}),
        })
        .collect();
    if r.counter {
        e.push(json!({"counter": null}));
    }
    e.push(match &r.verdict {
        Verdict::Accept => json!({"accept": null}),
        Verdict::Drop => json!({"drop": null}),
        Verdict::Reject => json!({"reject": null}),
        Verdict::Jump(c) => json!({"jump": {"target": c}}),
    });
    e
}

/// Compiles profiles for their devices into one ruleset.
pub fn compile<'a>(
    profiles: impl IntoIterator<Item = (&'a MudFile, &'a Device)>,
    site: &Site,
) -> Result<Ruleset, CompileError> {
    let mut r = Ruleset::new(site)?;
    for (m, d) in profiles {
        r.add(m, d)?;
    }
    Ok(r)
}

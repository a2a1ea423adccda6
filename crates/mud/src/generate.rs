//! A MUD file from a declaration's network intent (`network`: cloud endpoints by domain name,
//! local peers by class, controllers) and identity.
//!
//! The rules, one place: a cloud endpoint is a connection the device opens (TCP with
//! `direction-initiated: from-device`; UDP protocols by their ports), to the domain name as
//! `ietf-acldns` names it. A local peer with a port is a service the device offers to that class
//! (the peer connects to the device's port); without a port, any traffic with the class both
//! ways. Every ACE goes in an IPv4 and an IPv6 ACL, so the device works on either network.

use chrono::{DateTime, SecondsFormat, Utc};
use iotlabel_model::{Declaration, Issue, Protocol};
use sha2::{Digest, Sha256};

use crate::types::*;

/// What the declaration does not say but a MUD file needs.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    /// `last-update`: when the file is written (the caller reads the clock).
    pub last_update: DateTime<Utc>,
    /// `cache-validity` in hours (1 to 168).
    pub cache_validity: u8,
    /// `mud-signature`: where the signature will be published, if known.
    pub mud_signature: Option<String>,
}

/// The local peer classes a declaration may name, and the MUD match each becomes.
pub const PEER_CLASSES: &[&str] = &["local-networks", "same-manufacturer", "my-controller", "controller"];

/// Why a declaration gives no MUD file: each field to fill in.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", show(.0))]
pub struct GenerateError(pub Vec<Issue>);

fn show(issues: &[Issue]) -> String {
    let mut out = Vec::new();
    for i in issues {
        let mut s = format!("{}: {}", iotlabel_model::diagnostic::pointer_to_path(&i.pointer), i.message);
        if let Some(e) = &i.expected {
            s.push_str(&format!("\n    expected: {e}"));
        }
        if let Some(h) = &i.suggestion {
            s.push_str(&format!("\n    help: {h}"));
        }
        out.push(s);
    }
    out.join("\n")
}

/// The transport a declared protocol runs on: (IP protocol number, is TCP).
fn transport(p: Option<Protocol>) -> u8 {
    match p {
        Some(Protocol::Coap | Protocol::Coaps | Protocol::Ntp | Protocol::Dns) => 17,
        // Web, MQTT, TLS and RTSP run on TCP; so does a protocol the declaration calls `other`.
        _ => 6,
    }
}

/// The MUD file for a declaration.
pub fn generate(d: &Declaration, opts: &GenerateOptions) -> Result<MudFile, GenerateError> {
    let n = &d.network;
    let mut issues = Vec::new();
    if n.cloud_endpoints.is_empty() && n.local_peers.is_empty() && n.controllers.is_empty() {
        issues.push(
            Issue::new("/network", "declares no network intent: a MUD file would allow the device nothing")
                .expected("network.cloud_endpoints (domain, port, protocol), network.local_peers (class, port, protocol) or network.controllers")
                .suggest("declare what the device talks to, e.g. [[network.cloud_endpoints]] domain = \"api.maker.example\", port = 443, protocol = \"https\""),
        );
    }
    if n.mud_url.is_none() {
        issues.push(
            Issue::new("/network/mud_url", "is missing: a MUD file names the URL it is published at")
                .expected("the https URL where the MUD file will be served")
                .suggest("add mud_url = \"https://maker.example/mud/device.json\" to [network]"),
        );
    }
    for (j, p) in n.local_peers.iter().enumerate() {
        if !PEER_CLASSES.contains(&p.class.as_str()) {
            issues.push(
                Issue::new(
                    format!("/network/local_peers/{j}/class"),
                    format!("{:?} is not a class a MUD file can name", p.class),
                )
                .expected(format!("one of {}", PEER_CLASSES.join(", ")))
                .maybe_suggest(iotlabel_model::diagnostic::did_you_mean(
                    &p.class,
                    PEER_CLASSES.iter().copied(),
                )),
            );
        }
        if p.class == "controller" && n.controllers.is_empty() {
            issues.push(
                Issue::new("/network/controllers", "is empty, but a local peer is of class \"controller\"")
                    .expected("the URIs of the controllers the device accepts commands from")
                    .suggest("list them, e.g. controllers = [\"urn:example:hub\"]"),
            );
        }
    }
    if !(1..=168).contains(&opts.cache_validity) {
        issues.push(
            Issue::new("/cache-validity", format!("{} hours is out of range", opts.cache_validity))
                .expected("1 to 168 hours"),
        );
    }
    if !issues.is_empty() {
        return Err(GenerateError(issues));
    }
    let url = n.mud_url.clone().unwrap_or_default();
    let digest = Sha256::digest(url.as_bytes());
    let id = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]) % 100_000;

    // (name, match builder) pairs for each direction, family-independent.
    let mut from: Vec<Planned> = Vec::new();
    let mut to: Vec<Planned> = Vec::new();
    for (i, e) in n.cloud_endpoints.iter().enumerate() {
        let proto = transport(Some(e.protocol));
        from.push((format!("cl{i}-frdev"), Peer::Dns(e.domain.clone()), Some((proto, Side::Remote(e.port)))));
        to.push((format!("cl{i}-todev"), Peer::Dns(e.domain.clone()), Some((proto, Side::Remote(e.port)))));
    }
    let mut controllers_used = false;
    for (j, p) in n.local_peers.iter().enumerate() {
        let l4 = p.port.map(|port| (transport(p.protocol), Side::Device(port)));
        let peers: Vec<(String, Peer)> = match p.class.as_str() {
            "local-networks" => vec![(format!("loc{j}"), Peer::LocalNetworks)],
            "same-manufacturer" => vec![(format!("myman{j}"), Peer::SameManufacturer)],
            "my-controller" => vec![(format!("myctl{j}"), Peer::MyController)],
            _ => {
                controllers_used = true;
                n.controllers
                    .iter()
                    .enumerate()
                    .map(|(k, c)| (format!("ent{j}-{k}"), Peer::Controller(c.clone())))
                    .collect()
            }
        };
        for (name, peer) in peers {
            from.push((format!("{name}-frdev"), peer.clone(), l4));
            to.push((format!("{name}-todev"), peer, l4));
        }
    }
    if !controllers_used {
        for (k, c) in n.controllers.iter().enumerate() {
            from.push((format!("ent{k}-frdev"), Peer::Controller(c.clone()), None));
            to.push((format!("ent{k}-todev"), Peer::Controller(c.clone()), None));
        }
    }
    let mut acls = Vec::new();
    for (v6, fam) in [(false, "v4"), (true, "v6")] {
        for (dir, list, suffix) in [(Direction::FromDevice, &from, "fr"), (Direction::ToDevice, &to, "to")] {
            let ace = list.iter().map(|(name, peer, l4)| ace(name, peer, *l4, dir, v6)).collect();
            acls.push(Acl {
                name: format!("mud-{id:05}-{fam}{suffix}"),
                acl_type: Some(if v6 { AclType::Ipv6 } else { AclType::Ipv4 }),
                aces: Some(Aces { ace }),
            });
        }
    }
    let policy = |suffix: &str| Policy {
        access_lists: AccessLists {
            access_list: ["v4", "v6"]
                .iter()
                .map(|f| AclRef { name: format!("mud-{id:05}-{f}{suffix}") })
                .collect(),
        },
    };
    let ident = &d.identity;
    let systeminfo: String = format!("{} {}", ident.brand, ident.model).chars().take(60).collect();
    let is_supported = d.updates.support_end.is_none_or(|end| end >= opts.last_update.date_naive());
    Ok(MudFile {
        mud: Mud {
            mud_version: 1,
            mud_url: Some(url),
            last_update: opts.last_update.to_rfc3339_opts(SecondsFormat::Secs, true),
            mud_signature: opts.mud_signature.clone(),
            cache_validity: Some(opts.cache_validity),
            is_supported,
            systeminfo: Some(systeminfo),
            mfg_name: Some(ident.manufacturer.name.clone()),
            model_name: Some(ident.model.clone()),
            firmware_rev: Some(ident.firmware_version.clone()),
            software_rev: None,
            documentation: Some(ident.manufacturer.website.clone())
                .filter(|w| crate::shape::check::uri(w).is_ok()),
            extensions: Vec::new(),
            from_device_policy: Some(policy("fr")),
            to_device_policy: Some(policy("to")),
            augments: Default::default(),
        },
        acls: Some(Acls { acl: acls }),
    })
}

/// An ACE to write: its name, its peer, and its transport (IP protocol, whose port).
type Planned = (String, Peer, Option<(u8, Side)>);

#[derive(Debug, Clone)]
enum Peer {
    Dns(String),
    LocalNetworks,
    SameManufacturer,
    MyController,
    Controller(String),
}

/// Whose port a transport match names: the remote end's (a cloud service) or the device's own.
#[derive(Debug, Clone, Copy)]
enum Side {
    Remote(u16),
    Device(u16),
}

fn ace(name: &str, peer: &Peer, l4: Option<(u8, Side)>, dir: Direction, v6: bool) -> Ace {
    let from_device = dir == Direction::FromDevice;
    let mut m = Matches::default();
    let proto = l4.map(|(p, _)| p);
    let (src, dst) = match peer {
        Peer::Dns(d) => (
            if from_device { None } else { Some(d.clone()) },
            if from_device { Some(d.clone()) } else { None },
        ),
        _ => (None, None),
    };
    if proto.is_some() || src.is_some() || dst.is_some() {
        if v6 {
            m.ipv6 =
                Some(Ipv6Match { protocol: proto, dst_dnsname: dst, src_dnsname: src, ..Default::default() });
        } else {
            m.ipv4 =
                Some(Ipv4Match { protocol: proto, dst_dnsname: dst, src_dnsname: src, ..Default::default() });
        }
    }
    m.mud = match peer {
        Peer::Dns(_) => None,
        Peer::LocalNetworks => Some(MudMatch { local_networks: Some(Empty), ..Default::default() }),
        Peer::SameManufacturer => Some(MudMatch { same_manufacturer: Some(Empty), ..Default::default() }),
        Peer::MyController => Some(MudMatch { my_controller: Some(Empty), ..Default::default() }),
        Peer::Controller(c) => Some(MudMatch { controller: Some(c.clone()), ..Default::default() }),
    };
    if let Some((p, side)) = l4 {
        // The port is the remote end's (device initiates) or the device's own (peer initiates).
        let (port, initiated) = match side {
            Side::Remote(port) => (port, Direction::FromDevice),
            Side::Device(port) => (port, Direction::ToDevice),
        };
        let port_is_destination = match side {
            Side::Remote(_) => from_device,
            Side::Device(_) => !from_device,
        };
        let (source_port, destination_port) = if port_is_destination {
            (None, Some(PortMatch::eq(port)))
        } else {
            (Some(PortMatch::eq(port)), None)
        };
        if p == 6 {
            m.tcp = Some(TcpMatch {
                flags: None,
                source_port,
                destination_port,
                direction_initiated: Some(initiated),
            });
        } else {
            m.udp = Some(UdpMatch { length: None, source_port, destination_port });
        }
    }
    Ace {
        name: name.to_string(),
        matches: m,
        actions: Actions { forwarding: Forwarding::Accept, logging: None },
    }
}

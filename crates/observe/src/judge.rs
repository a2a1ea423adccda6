//! Holds what a capture showed against a declaration's network facts: cloud endpoints, local
//! peers and local services. The declaration's `network` section is the expected side, as in
//! the MUD audit.

use core::net::IpAddr;
use std::collections::{BTreeMap, BTreeSet};

use iotlabel_model::Declaration;

use crate::map::{Address, Mapped, Role, mac_text};
use crate::observe::{Conv, Seen, transport_text};
use crate::proto;
use crate::report::*;

/// A host as seen so far: addresses, what named it, status, frames, reason.
type HostSeen = (Vec<String>, Option<NameSource>, Status, Frames, Option<String>);

/// Why no observation could be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JudgeError {
    #[error("{0}")]
    NoDevice(String),
}

/// What the caller knows besides the capture.
pub struct Inputs<'a> {
    pub file: &'a str,
    pub format: &'a str,
    pub declaration: &'a Declaration,
    /// The address map, already checked against the capture (`map::check_map`).
    pub map: &'a [Mapped],
}

use crate::observe::{is_broadcast, is_local};

/// `name` is covered by the declared `domain` (equal, or `domain` is `*.x` and `name` is under x),
/// or the certificate name `name` (`*.x`) covers `domain`.
fn name_matches(name: &str, domain: &str) -> bool {
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    if name == domain {
        return true;
    }
    if let Some(base) = domain.strip_prefix("*.") {
        return name.ends_with(&format!(".{base}"));
    }
    if let Some(base) = name.strip_prefix("*.") {
        return domain.ends_with(&format!(".{base}"))
            && !domain[..domain.len() - base.len() - 1].contains('.');
    }
    false
}

fn source_rank(s: NameSource) -> u8 {
    match s {
        NameSource::Sni => 0,
        NameSource::Certificate => 1,
        NameSource::Dns => 2,
        NameSource::HttpHost => 3,
        NameSource::Dhcp => 4,
        NameSource::Map => 5,
    }
}

struct Who {
    device: BTreeSet<IpAddr>,
    device_macs: BTreeSet<[u8; 6]>,
    app: BTreeSet<IpAddr>,
    gateway: BTreeSet<IpAddr>,
    names: BTreeMap<IpAddr, (String, Role)>,
}

impl Who {
    fn role(&self, ip: IpAddr) -> Role {
        if self.device.contains(&ip) {
            Role::Device
        } else if self.app.contains(&ip) {
            Role::App
        } else if self.gateway.contains(&ip) {
            Role::Gateway
        } else {
            self.names.get(&ip).map_or(Role::Other, |x| x.1)
        }
    }
    fn label(&self, ip: IpAddr) -> String {
        self.names.get(&ip).map_or_else(|| ip.to_string(), |(n, _)| n.clone())
    }
}

/// Judges what was seen. The device is the map's `role = "device"` host; without one, the DHCP
/// client whose MUD URL (option 161) is the declaration's `network.mud_url`.
pub fn judge(seen: &Seen, inp: &Inputs<'_>) -> Result<Observation, JudgeError> {
    let decl = inp.declaration;
    let mut who = Who {
        device: BTreeSet::new(),
        device_macs: BTreeSet::new(),
        app: BTreeSet::new(),
        gateway: BTreeSet::new(),
        names: BTreeMap::new(),
    };
    let mut device_name = None;
    let mut identified_by = "address map".to_string();
    for m in inp.map {
        let ips: Vec<IpAddr> = match m.address {
            Address::Ip(ip) => vec![ip],
            Address::Mac(mac) => {
                if m.role == Role::Device {
                    who.device_macs.insert(mac);
                }
                seen.ips_of_mac.get(&mac).cloned().unwrap_or_default()
            }
        };
        for ip in ips {
            who.names.insert(ip, (m.name.clone(), m.role));
            match m.role {
                Role::Device => {
                    who.device.insert(ip);
                }
                Role::App => {
                    who.app.insert(ip);
                }
                Role::Gateway => {
                    who.gateway.insert(ip);
                }
                Role::Other => {}
            }
        }
        if m.role == Role::Device {
            device_name = Some(m.name.clone());
            if let Address::Ip(ip) = m.address {
                for (mac, ips) in &seen.ips_of_mac {
                    if ips.contains(&ip) {
                        who.device_macs.insert(*mac);
                    }
                }
            }
        }
    }
    if device_name.is_none() {
        let declared = decl.network.mud_url.as_deref();
        let by_mud = seen.dhcp.iter().find(|(_, c)| declared.is_some() && c.mud_url.as_deref() == declared);
        match by_mud {
            Some((mac, _)) => {
                who.device_macs.insert(*mac);
                for ip in seen.ips_of_mac.get(mac).into_iter().flatten() {
                    who.device.insert(*ip);
                }
                device_name = Some(format!("{} {}", decl.identity.brand, decl.identity.model));
                identified_by = "DHCP MUD URL".into();
            }
            None => {
                let mut cands: Vec<String> = seen
                    .dhcp
                    .values()
                    .map(|c| match &c.hostname {
                        Some(h) => format!("{} ({h})", c.mac),
                        None => c.mac.clone(),
                    })
                    .collect();
                if cands.is_empty() {
                    cands = seen.ips_of_mac.keys().take(10).map(mac_text).collect();
                }
                return Err(JudgeError::NoDevice(format!(
                    "which host is the device? map one address with role = \"device\" (--map); no DHCP client \
                     carried the declared MUD URL. Hosts seen: {}",
                    if cands.is_empty() { "none".into() } else { cands.join(", ") }
                )));
            }
        }
    }
    // Addresses DHCP gave the device's MACs.
    for mac in &who.device_macs {
        for a in seen.dhcp.get(mac).map(|c| c.addresses.as_slice()).unwrap_or_default() {
            if let Ok(ip) = a.parse::<IpAddr>() {
                who.device.insert(ip);
            }
        }
    }
    for ip in seen.dhcp_servers.iter().chain(&seen.dns_servers) {
        if is_local(*ip) && !who.device.contains(ip) && !who.app.contains(ip) {
            who.gateway.insert(*ip);
        }
    }

    // Best name per address.
    let mut best: BTreeMap<IpAddr, (String, NameSource)> = BTreeMap::new();
    for (ip, name, src) in seen.names.keys() {
        let e = best.entry(*ip).or_insert((name.clone(), *src));
        if source_rank(*src) < source_rank(e.1) {
            *e = (name.clone(), *src);
        }
    }

    let endpoints = &decl.network.cloud_endpoints;
    let peers = &decl.network.local_peers;
    let services = &decl.communication.local_services;
    let ep_text = |e: &iotlabel_model::declaration::Endpoint| {
        format!("{}:{} {}", e.domain, e.port, e.protocol.as_str())
    };
    let peer_text = |p: &iotlabel_model::declaration::LocalPeer| match p.port {
        Some(port) => format!("local peer {} port {port}", p.class),
        None => format!("local peer {}", p.class),
    };

    // Aggregate conversations: (client, server, port, proto).
    let mut rows: BTreeMap<(IpAddr, IpAddr, u16, u8), Vec<&Conv>> = BTreeMap::new();
    let mut other = 0u64;
    for c in &seen.convs {
        let (cr, sr) = (who.role(c.client), who.role(c.server));
        // A DHCP client has no address yet: its MAC says who it is.
        let cr = if c.client.is_unspecified() && c.client_mac.is_some_and(|m| who.device_macs.contains(&m)) {
            Role::Device
        } else {
            cr
        };
        let involves_device = cr == Role::Device || sr == Role::Device;
        let app_to_cloud = cr == Role::App && !is_local(c.server);
        let app_broadcast = cr == Role::App && is_broadcast(c.server);
        if involves_device || app_to_cloud || app_broadcast {
            rows.entry((c.client, c.server, c.sport, c.proto)).or_default().push(c);
        } else {
            other += 1;
        }
    }

    let mut connections = Vec::new();
    let mut endpoint_seen: BTreeMap<usize, Frames> = BTreeMap::new();
    let mut peer_seen: BTreeMap<usize, Frames> = BTreeMap::new();
    let mut service_rows: BTreeMap<(u16, u8), (Frames, BTreeSet<String>)> = BTreeMap::new();
    let mut hosts_seen: BTreeMap<String, HostSeen> = BTreeMap::new();
    for ((client, server, port, pr), convs) in &rows {
        let (client, server, port, pr) = (*client, *server, *port, *pr);
        let mut frames = Frames::default();
        let (mut packets, mut bytes) = (0, 0);
        for c in convs {
            frames.merge(&c.frames);
            packets += c.packets;
            bytes += c.bytes;
        }
        let protocol = convs.iter().find_map(|c| c.protocol.filter(|p| *p != "unknown")).unwrap_or("unknown");
        let sni = convs.iter().find_map(|c| c.tls.sni.clone());
        let cert = convs.iter().find_map(|c| c.tls.cert_names.first().cloned());
        let (server_name, named_by) = match (sni, cert) {
            (Some(s), _) => (Some(s), Some(NameSource::Sni)),
            (None, Some(c)) => (Some(c), Some(NameSource::Certificate)),
            _ => match best.get(&server) {
                Some((n, s)) => (Some(n.clone()), Some(*s)),
                None => (None, None),
            },
        };
        let cr = if client.is_unspecified()
            && convs.iter().any(|c| c.client_mac.is_some_and(|m| who.device_macs.contains(&m)))
        {
            Role::Device
        } else {
            who.role(client)
        };
        let sr = who.role(server);
        let transport = transport_text(pr);
        let mut declared = Vec::new();
        let mut reason = None;
        let (kind, status);
        if pr != 6 && pr != 17 {
            kind = ConnectionKind::Infrastructure;
            status = Status::Infrastructure;
            reason = Some(format!("{transport}: network control traffic"));
        } else if sr == Role::Device {
            kind = ConnectionKind::Service;
            let svc =
                services.iter().find(|s| s.port == port && transport_text(pr) == transport_json(s.transport));
            let e = service_rows.entry((port, pr)).or_default();
            e.0.merge(&frames);
            e.1.insert(who.label(client));
            match svc {
                Some(s) => {
                    status = Status::DeclaredAndSeen;
                    declared.push(format!("local service {} {}/{}", s.name, s.port, transport));
                }
                None if (port == 67 || port == 68) && pr == 17 => {
                    status = Status::Infrastructure;
                    reason = Some("DHCP".into());
                }
                None => {
                    status = Status::SeenNotDeclared;
                    reason = Some(format!(
                        "the device answers on {transport} port {port}, which no declared local service names"
                    ));
                }
            }
        } else if is_local(server) {
            let infra = (pr == 17 && (port == 67 || port == 68))
                || (who.gateway.contains(&server) && matches!(port, 53 | 67 | 123))
                || (pr == 17 && port == 53 && seen.dns_servers.contains(&server));
            if infra {
                kind = ConnectionKind::Infrastructure;
                status = Status::Infrastructure;
                reason = Some(match port {
                    53 => "DNS through the local resolver (the names asked are judged as hosts)".into(),
                    67 | 68 => "DHCP".into(),
                    _ => "NTP from the local gateway".into(),
                });
            } else {
                kind = if is_broadcast(server) { ConnectionKind::Broadcast } else { ConnectionKind::Local };
                let m = peers.iter().position(|p| p.port.is_none_or(|pp| pp == port));
                match m {
                    Some(i) => {
                        status = Status::DeclaredAndSeen;
                        declared.push(peer_text(&peers[i]));
                        endpoint_or(&mut peer_seen, i, &frames);
                    }
                    None => {
                        status = Status::SeenNotDeclared;
                        reason = Some(format!(
                            "{} to {transport} port {port} on the local network: no declared local peer uses that port",
                            if kind == ConnectionKind::Broadcast { "broadcast" } else { "traffic" }
                        ));
                    }
                }
            }
        } else {
            kind = ConnectionKind::Cloud;
            match &server_name {
                Some(name) => {
                    let by_name: Vec<usize> =
                        (0..endpoints.len()).filter(|&i| name_matches(name, &endpoints[i].domain)).collect();
                    let exact = by_name.iter().copied().find(|&i| endpoints[i].port == port);
                    match exact {
                        Some(i) => {
                            status = Status::DeclaredAndSeen;
                            declared.push(ep_text(&endpoints[i]));
                            endpoint_or(&mut endpoint_seen, i, &frames);
                        }
                        None if !by_name.is_empty() => {
                            status = Status::SeenNotDeclared;
                            let ports: Vec<String> =
                                by_name.iter().map(|&i| endpoints[i].port.to_string()).collect();
                            reason =
                                Some(format!("{name} is declared on port {}, not {port}", ports.join(", ")));
                        }
                        None => {
                            status = Status::SeenNotDeclared;
                            reason = Some(format!("{name} is not among the declared cloud endpoints"));
                        }
                    }
                }
                None => {
                    status = Status::NotAttributable;
                    let cands: Vec<String> =
                        endpoints.iter().filter(|e| e.port == port).map(&ep_text).collect();
                    reason = Some(why_unnamed(convs, &cands));
                    declared = cands;
                }
            }
            if cr == Role::App && status != Status::DeclaredAndSeen {
                // The app's other traffic is not the device's.
                other += convs.len() as u64;
                continue;
            }
            if cr == Role::App {
                let key = server_name.clone().unwrap_or_else(|| server.to_string());
                let e = hosts_seen.entry(key).or_insert_with(|| {
                    (
                        Vec::new(),
                        named_by,
                        status,
                        Frames::default(),
                        Some("seen from the companion app".into()),
                    )
                });
                if !e.0.contains(&server.to_string()) {
                    e.0.push(server.to_string());
                }
                e.3.merge(&frames);
            }
            if cr == Role::Device {
                let key = server_name.clone().unwrap_or_else(|| server.to_string());
                let e = hosts_seen
                    .entry(key)
                    .or_insert_with(|| (Vec::new(), named_by, status, Frames::default(), None));
                if !e.0.contains(&server.to_string()) {
                    e.0.push(server.to_string());
                }
                e.3.merge(&frames);
                if status == Status::SeenNotDeclared {
                    e.2 = status;
                    e.4 = reason.clone();
                }
                if status == Status::NotAttributable {
                    e.4 = Some("no name for this address in the capture (see its connections)".into());
                }
            }
        }
        connections.push(ConnectionResult {
            client: who.label(client),
            client_role: cr,
            server: who.label(server),
            server_address: server.to_string(),
            server_name,
            named_by,
            port,
            transport,
            protocol: protocol.to_string(),
            kind,
            status,
            declared,
            reason,
            conversations: convs.len() as u64,
            packets,
            bytes,
            frames,
        });
    }

    // Names the device asked for.
    for ((ip, name), frames) in &seen.queries {
        if !who.device.contains(ip) {
            continue;
        }
        let declared = endpoints.iter().any(|e| name_matches(name, &e.domain));
        let e = hosts_seen.entry(name.clone()).or_insert_with(|| {
            (
                Vec::new(),
                Some(NameSource::Dns),
                if declared { Status::DeclaredAndSeen } else { Status::SeenNotDeclared },
                Frames::default(),
                None,
            )
        });
        e.3.merge(frames);
        if !declared {
            e.2 = Status::SeenNotDeclared;
            e.4 = Some(format!("the device asked DNS for {name}, which no declared cloud endpoint names"));
        }
    }

    // Hosts: declared endpoints by domain, then the rest seen.
    let mut hosts = Vec::new();
    let mut domains: Vec<&str> = Vec::new();
    for e in endpoints {
        if !domains.contains(&e.domain.as_str()) {
            domains.push(&e.domain);
        }
    }
    for d in domains {
        let decl_here: Vec<String> = endpoints.iter().filter(|e| e.domain == d).map(&ep_text).collect();
        let seen_keys: Vec<String> = hosts_seen.keys().filter(|k| name_matches(k, d)).cloned().collect();
        let mut frames = Frames::default();
        let mut addresses = Vec::new();
        let mut named_by = None;
        for k in &seen_keys {
            if let Some(h) = hosts_seen.remove(k) {
                frames.merge(&h.3);
                addresses.extend(h.0);
                named_by = named_by.or(h.1);
            }
        }
        let (status, reason) = if frames.count > 0 {
            let by_device =
                connections.iter().any(|c| {
                    c.client_role == Role::Device
                        && c.server_name.as_deref().is_some_and(|n| name_matches(n, d))
                }) || seen.queries.keys().any(|(ip, n)| who.device.contains(ip) && name_matches(n, d));
            (
                Status::DeclaredAndSeen,
                (!by_device).then(|| "seen from the companion app, not from the device".to_string()),
            )
        } else {
            let ports: BTreeSet<u16> = endpoints.iter().filter(|e| e.domain == d).map(|e| e.port).collect();
            let maybe = connections
                .iter()
                .filter(|c| {
                    c.status == Status::NotAttributable
                        && ports.contains(&c.port)
                        && c.client_role == Role::Device
                })
                .count();
            (
                Status::DeclaredNotSeen,
                Some(if maybe > 0 {
                    format!(
                        "not seen by name; {maybe} not attributable connection group(s) on its port(s) may be it"
                    )
                } else {
                    "not seen in this capture".to_string()
                }),
            )
        };
        hosts.push(HostResult {
            host: d.to_string(),
            addresses,
            named_by,
            status,
            declared: decl_here,
            reason,
            frames,
        });
    }
    for (host, (addresses, named_by, status, frames, reason)) in hosts_seen {
        hosts.push(HostResult { host, addresses, named_by, status, declared: Vec::new(), reason, frames });
    }
    for (i, p) in peers.iter().enumerate() {
        let (status, frames) = match peer_seen.get(&i) {
            Some(f) => (Status::DeclaredAndSeen, f.clone()),
            None => (Status::DeclaredNotSeen, Frames::default()),
        };
        hosts.push(HostResult {
            host: peer_text(p),
            addresses: Vec::new(),
            named_by: None,
            status,
            declared: vec![peer_text(p)],
            reason: (status == Status::DeclaredNotSeen).then(|| "not seen in this capture".to_string()),
            frames,
        });
    }
    let _ = endpoint_seen;

    // Services: declared ones, then undeclared ones seen.
    let mut svc_out = Vec::new();
    for s in services {
        let pr = if transport_json(s.transport) == "tcp" { 6 } else { 17 };
        let (status, frames, clients) = match service_rows.remove(&(s.port, pr)) {
            Some((f, c)) => (Status::DeclaredAndSeen, f, c.into_iter().collect()),
            None => (Status::DeclaredNotSeen, Frames::default(), Vec::new()),
        };
        svc_out.push(ServiceResult {
            port: s.port,
            transport: transport_json(s.transport).into(),
            name: Some(s.name.clone()),
            status,
            clients,
            reason: (status == Status::DeclaredNotSeen)
                .then(|| "no connection to it in this capture".to_string()),
            frames,
        });
    }
    for ((port, pr), (frames, clients)) in service_rows {
        if pr == 17 && (port == 67 || port == 68) {
            continue;
        }
        svc_out.push(ServiceResult {
            port,
            transport: transport_text(pr),
            name: None,
            status: Status::SeenNotDeclared,
            clients: clients.into_iter().collect(),
            reason: Some("no declared local service names this port".into()),
            frames,
        });
    }

    // Findings that involve the device or its app.
    let findings: Vec<Finding> = seen
        .findings
        .iter()
        .filter(|(_, c, s)| {
            let r = [who.role(*c), who.role(*s)];
            r.contains(&Role::Device) || r.contains(&Role::App)
        })
        .map(|(f, c, s)| Finding { client: who.label(*c), server: who.label(*s), ..f.clone() })
        .collect();

    let names = seen
        .names
        .iter()
        .map(|((ip, name, source), frames)| NameBinding {
            address: ip.to_string(),
            name: name.clone(),
            source: *source,
            frames: frames.clone(),
        })
        .collect();

    let mut summary = Summary { findings: findings.len() as u64, ..Summary::default() };
    let statuses = hosts
        .iter()
        .map(|h| h.status)
        .chain(svc_out.iter().map(|s| s.status))
        .chain(connections.iter().map(|c| c.status));
    for s in statuses {
        *match s {
            Status::DeclaredAndSeen => &mut summary.declared_and_seen,
            Status::DeclaredNotSeen => &mut summary.declared_not_seen,
            Status::SeenNotDeclared => &mut summary.seen_not_declared,
            Status::NotAttributable => &mut summary.not_attributable,
            Status::Infrastructure => &mut summary.infrastructure,
        } += 1;
    }

    let dhcp = who.device_macs.iter().find_map(|m| seen.dhcp.get(m)).cloned();
    let mud_url_matches = match (&decl.network.mud_url, &dhcp) {
        (Some(u), Some(d)) => Some(d.mud_url.as_deref() == Some(u.as_str())),
        _ => None,
    };
    Ok(Observation {
        format: FORMAT.into(),
        version: VERSION,
        declaration: format!("{} {}", decl.identity.brand, decl.identity.model),
        capture: CaptureInfo {
            file: inp.file.into(),
            format: inp.format.into(),
            frames: seen.frames,
            bytes: seen.bytes,
            ip_frames: seen.ip_frames,
            undecoded_frames: seen.undecoded,
            start_us: seen.start_us,
            end_us: seen.end_us,
            other_conversations: other,
        },
        device: DeviceInfo {
            name: device_name.unwrap_or_default(),
            macs: who.device_macs.iter().map(mac_text).collect(),
            ips: who.device.iter().map(IpAddr::to_string).collect(),
            identified_by,
            dhcp,
            mud_url_matches,
        },
        summary,
        hosts,
        services: svc_out,
        connections,
        findings,
        names,
    })
}

fn endpoint_or(m: &mut BTreeMap<usize, Frames>, i: usize, f: &Frames) {
    m.entry(i).or_default().merge(f);
}

fn transport_json(t: iotlabel_model::declaration::Transport) -> &'static str {
    match t {
        iotlabel_model::declaration::Transport::Tcp => "tcp",
        iotlabel_model::declaration::Transport::Udp => "udp",
    }
}

/// Why a cloud connection has no name, from what its handshakes showed.
fn why_unnamed(convs: &[&Conv], candidates: &[String]) -> String {
    let mut parts = vec!["no DNS answer for this address in the capture".to_string()];
    let hello = convs.iter().any(|c| c.tls.client_hello);
    let psk = convs.iter().find_map(|c| c.tls.server_suite.filter(|s| proto::is_psk_suite(*s)));
    let offers_psk = convs.iter().any(|c| c.tls.offers_only_psk);
    let tls13 = convs.iter().any(|c| c.tls.tls13);
    if hello {
        parts.push("its TLS ClientHello carries no server name (SNI)".into());
        if let Some(s) = psk {
            parts.push(format!(
                "the session uses a pre-shared key (cipher suite {s:#06x}), so no certificate is sent"
            ));
        } else if offers_psk {
            parts.push(
                "the client offers only pre-shared-key cipher suites, so no certificate is sent".into(),
            );
        } else if tls13 {
            parts.push("TLS 1.3 encrypts the server's certificate".into());
        } else {
            parts.push("no server certificate was seen".into());
        }
    } else if convs.iter().any(|c| c.protocol == Some("tls") || c.protocol == Some("tls-psk")) {
        parts.push("the TLS handshake is not in the capture (the connection was already open)".into());
    } else {
        parts.push("no handshake naming the server was seen".into());
    }
    let mut s = parts.join("; ");
    if !candidates.is_empty() {
        s.push_str(&format!("; declared endpoints on this port: {}", candidates.join(", ")));
    }
    s.push_str(". Not a violation: the capture cannot say which host this is.");
    s
}

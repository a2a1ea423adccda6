//! The streaming pass over a capture: conversations, names, DHCP clients, clear-text findings.
//! Memory grows with the conversations and names in the capture, never with its bytes: each
//! conversation keeps counters, its first frame numbers and, while its TLS handshake lasts, at
//! most [`TLS_BUFFER`] bytes per direction.

use core::net::IpAddr;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use iotlabel_capture::{Decoded, Frame, Packet, decode};

use crate::map::{Address, mac_text};
use crate::proto::{self, TlsFacts};
use crate::report::{Finding, FindingKind, Frames, NameSource};

/// The most bytes of a TLS handshake kept per direction of a conversation.
pub const TLS_BUFFER: usize = 32 * 1024;

/// One 5-tuple, oriented: the client opened it.
pub type ConvKey = (IpAddr, u16, IpAddr, u16, u8);

#[derive(Debug, Default)]
struct Dir {
    buf: Vec<u8>,
    next_seq: Option<u32>,
    facts: TlsFacts,
    tls: bool,
    started: bool,
}

/// One conversation (5-tuple).
#[derive(Debug)]
pub struct Conv {
    pub client: IpAddr,
    pub cport: u16,
    pub server: IpAddr,
    pub sport: u16,
    pub proto: u8,
    pub client_mac: Option<[u8; 6]>,
    pub packets: u64,
    pub bytes: u64,
    pub frames: Frames,
    /// `tls`, `http`, `mqtt`, ... from the first payload seen.
    pub protocol: Option<&'static str>,
    /// The opening SYN (or the first packet of a UDP exchange) was in the capture.
    pub saw_open: bool,
    dirs: [Dir; 2],
    /// TLS facts, merged from both directions at the end.
    pub tls: TlsFacts,
    pub http_host: Option<String>,
}

/// What the capture held, before any judgement.
#[derive(Debug, Default)]
pub struct Seen {
    pub frames: u64,
    pub bytes: u64,
    pub ip_frames: u64,
    pub undecoded: u64,
    pub start_us: u64,
    pub end_us: u64,
    pub convs: Vec<Conv>,
    /// Names per address, per source, with frames.
    pub names: BTreeMap<(IpAddr, String, NameSource), Frames>,
    /// DNS questions per asking address.
    pub queries: BTreeMap<(IpAddr, String), Frames>,
    pub dhcp: BTreeMap<[u8; 6], crate::report::DhcpClient>,
    /// The DHCP / DNS servers seen answering.
    pub dhcp_servers: BTreeSet<IpAddr>,
    pub dns_servers: BTreeSet<IpAddr>,
    pub findings: Vec<(Finding, IpAddr, IpAddr)>,
    pub ips_of_mac: BTreeMap<[u8; 6], Vec<IpAddr>>,
    /// Addresses seen and their first frames (the counts are runs of packets between one pair of
    /// hosts, not packets).
    pub macs: BTreeMap<[u8; 6], Frames>,
    pub ips: BTreeMap<IpAddr, Frames>,
    /// Non-IP frames per source MAC (ARP, EAPOL, ...).
    pub link_frames: BTreeMap<[u8; 6], Frames>,
}

impl Seen {
    /// Whether the capture shows this address (as a source or destination).
    pub fn has(&self, a: &Address) -> bool {
        match a {
            Address::Mac(m) => self.macs.contains_key(m),
            Address::Ip(ip) => self.ips.contains_key(ip),
        }
    }
}

/// A packet's two ends: MACs and addresses.
type Ends = (Option<[u8; 6]>, Option<[u8; 6]>, IpAddr, IpAddr);

/// Reads frames one by one; [`Observer::finish`] gives what was seen.
#[derive(Debug, Default)]
pub struct Observer {
    seen: Seen,
    index: HashMap<ConvKey, usize>,
    /// The previous IP packet's ends (MACs and addresses, either way round): the address
    /// tables are not touched again for a packet between the same two hosts.
    last_ends: Option<Ends>,
}

/// A broadcast or multicast address (IPv4 limited or a private /24's directed broadcast).
pub fn is_broadcast(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(a) => a.is_broadcast() || a.is_multicast() || (a.is_private() && a.octets()[3] == 255),
        IpAddr::V6(a) => a.is_multicast(),
    }
}

/// An address of the local network (private, link-local, unique local, broadcast, multicast).
pub fn is_local(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(a) => {
            a.is_private() || a.is_link_local() || a.is_loopback() || a.is_unspecified() || is_broadcast(ip)
        }
        IpAddr::V6(a) => {
            a.is_loopback()
                || a.is_unspecified()
                || a.is_multicast()
                || a.is_unique_local()
                || a.is_unicast_link_local()
        }
    }
}

/// Ports that are services: a conversation whose first packet is seen mid-way is oriented
/// towards them.
fn is_service_port(p: u16) -> bool {
    p < 1024
        || matches!(
            p,
            1883 | 3478 | 5222 | 5353 | 5683 | 5684 | 6667 | 6668 | 7000 | 8080 | 8443 | 8883 | 8886 | 1900
        )
}

fn transport_name(proto: u8) -> &'static str {
    match proto {
        6 => "tcp",
        17 => "udp",
        1 => "icmp",
        2 => "igmp",
        58 => "icmpv6",
        _ => "ip",
    }
}

pub(crate) fn transport_text(proto: u8) -> String {
    match transport_name(proto) {
        "ip" => format!("ip-{proto}"),
        t => t.to_string(),
    }
}

impl Observer {
    pub fn new() -> Self {
        Observer::default()
    }

    /// Takes one frame.
    pub fn feed(&mut self, f: &Frame<'_>) {
        let s = &mut self.seen;
        s.frames += 1;
        s.bytes += f.data.len() as u64;
        if s.start_us == 0 || (f.time_us != 0 && f.time_us < s.start_us) {
            s.start_us = f.time_us;
        }
        s.end_us = s.end_us.max(f.time_us);
        match decode(f.link, f.data) {
            Decoded::Ip(p) => {
                s.ip_frames += 1;
                self.ip(f.number, f.data.len() as u64, &p);
            }
            Decoded::Link { src_mac, dst_mac, .. } => {
                s.macs.entry(src_mac).or_default().add(f.number);
                if dst_mac[0] & 1 == 0 {
                    s.macs.entry(dst_mac).or_default().add(f.number);
                }
                s.link_frames.entry(src_mac).or_default().add(f.number);
            }
            Decoded::Other => s.undecoded += 1,
        }
    }

    fn ip(&mut self, n: u64, len: u64, p: &Packet<'_>) {
        let ends = (p.src_mac, p.dst_mac, p.src, p.dst);
        let back = (p.dst_mac, p.src_mac, p.dst, p.src);
        let same = self.last_ends.is_some_and(|l| l == ends || l == back);
        self.last_ends = Some(ends);
        // Between the same two hosts as the packet before, the address tables are not touched:
        // they record which addresses were seen and their first frames, not every packet.
        if !same {
            self.addresses(n, p);
        }
        self.rest(n, len, p);
    }

    fn addresses(&mut self, n: u64, p: &Packet<'_>) {
        let s = &mut self.seen;
        if let Some(m) = p.src_mac {
            s.macs.entry(m).or_default().add(n);
            // Routed traffic carries the router's MAC: only local addresses belong to a MAC.
            if !p.src.is_unspecified() && is_local(p.src) && !is_broadcast(p.src) {
                let ips = s.ips_of_mac.entry(m).or_default();
                if !ips.contains(&p.src) && ips.len() < 16 {
                    ips.push(p.src);
                }
            }
        }
        if let Some(m) = p.dst_mac
            && m[0] & 1 == 0
        {
            s.macs.entry(m).or_default().add(n);
        }
        s.ips.entry(p.src).or_default().add(n);
        s.ips.entry(p.dst).or_default().add(n);
    }

    fn rest(&mut self, n: u64, len: u64, p: &Packet<'_>) {
        let s = &mut self.seen;

        // Protocols read from single datagrams.
        if p.proto == 17 {
            if p.sport == 53 || p.dport == 53 || p.sport == 5353 {
                if let Some(d) = iotlabel_capture::dns(p.payload) {
                    if d.response {
                        if p.sport == 53 {
                            s.dns_servers.insert(p.src);
                        }
                        for a in d.addrs {
                            if proto::is_host_name(&d.name) {
                                s.names.entry((a, d.name.clone(), NameSource::Dns)).or_default().add(n);
                            }
                        }
                    } else if p.dport == 53 && proto::is_host_name(&d.name) {
                        s.queries.entry((p.src, d.name)).or_default().add(n);
                    }
                }
            } else if ((p.sport == 68 && p.dport == 67) || (p.sport == 67 && p.dport == 68))
                && let Some(d) = proto::read_dhcp(p.payload)
            {
                {
                    if p.sport == 67 {
                        s.dhcp_servers.insert(p.src);
                    }
                    let c = s.dhcp.entry(d.client_mac).or_insert_with(|| crate::report::DhcpClient {
                        mac: mac_text(&d.client_mac),
                        ..Default::default()
                    });
                    c.frames.add(n);
                    if p.sport == 68 {
                        c.hostname = d.hostname.or(c.hostname.take());
                        c.vendor_class = d.vendor_class.or(c.vendor_class.take());
                        c.mud_url = d.mud_url.or(c.mud_url.take());
                    }
                    if let Some(a) = d.address {
                        let a = a.to_string();
                        if !c.addresses.contains(&a) {
                            c.addresses.push(a);
                        }
                    }
                }
            }
        }

        // The conversation.
        let fwd = (p.src, p.sport, p.dst, p.dport, p.proto);
        let rev = (p.dst, p.dport, p.src, p.sport, p.proto);
        let (i, dir) = if let Some(&i) = self.index.get(&fwd) {
            (i, 0)
        } else if let Some(&i) = self.index.get(&rev) {
            (i, 1)
        } else {
            let (client_first, saw_open) = match p.tcp {
                Some(t) if t.syn && !t.ack => (true, true),
                Some(t) if t.syn && t.ack => (false, true),
                _ => {
                    let (a, b) = (is_service_port(p.sport), is_service_port(p.dport));
                    let first = if a != b {
                        b
                    } else if p.proto == 17 {
                        true
                    } else {
                        p.dport <= p.sport
                    };
                    (first, p.proto == 17 && first)
                }
            };
            let (key, dir) = if client_first { (fwd, 0) } else { (rev, 1) };
            let (client, cport, server, sport, proto) = key;
            let client_mac = if client_first { p.src_mac } else { p.dst_mac };
            let i = s.convs.len();
            s.convs.push(Conv {
                client,
                cport,
                server,
                sport,
                proto,
                client_mac,
                packets: 0,
                bytes: 0,
                frames: Frames::default(),
                protocol: None,
                saw_open,
                dirs: [Dir::default(), Dir::default()],
                tls: TlsFacts::default(),
                http_host: None,
            });
            self.index.insert(key, i);
            (i, dir)
        };
        let c = &mut s.convs[i];
        c.packets += 1;
        c.bytes += len;
        c.frames.add(n);
        if p.proto == 17 {
            if c.protocol.is_none() {
                c.protocol = Some(match c.sport {
                    53 | 5353 => "dns",
                    67 | 68 => "dhcp",
                    123 => "ntp",
                    _ if proto::looks_like_tls(p.payload) => "dtls",
                    _ => "unknown",
                });
            }
            return;
        }
        if p.proto != 6 || p.payload.is_empty() {
            if let Some(t) = p.tcp
                && (t.syn || p.payload.is_empty())
            {
                let d = &mut c.dirs[dir];
                if t.syn {
                    d.next_seq = Some(t.seq.wrapping_add(1));
                }
            }
            return;
        }
        let Some(t) = p.tcp else { return };
        let d = &mut c.dirs[dir];
        let first = !d.started;
        if first {
            d.started = true;
            d.tls = proto::looks_like_tls(p.payload);
            if c.protocol.is_none() || c.protocol == Some("unknown") {
                c.protocol = Some(if d.tls || proto::looks_like_tls_record(p.payload) {
                    "tls"
                } else if dir == 0 {
                    client_protocol(p.payload, c.sport)
                } else {
                    "unknown"
                });
            }
        }
        // Clear-text findings and HTTP host names, from the client's payloads.
        if dir == 0 && !d.tls {
            if let Some(r) = proto::read_http(p.payload) {
                if let Some(h) = &r.host {
                    c.http_host = Some(h.clone());
                    s.names.entry((c.server, h.clone(), NameSource::HttpHost)).or_default().add(n);
                }
                if let Some(scheme) = r.authorization {
                    push_finding(
                        &mut s.findings,
                        FindingKind::HttpAuthorization,
                        c.client,
                        c.server,
                        c.sport,
                        n,
                        format!(
                            "HTTP {} request with an Authorization header ({scheme}) over plain HTTP",
                            r.method
                        ),
                    );
                }
                if let Some(k) = r.secret_in_url {
                    push_finding(
                        &mut s.findings,
                        FindingKind::HttpSecretInUrl,
                        c.client,
                        c.server,
                        c.sport,
                        n,
                        format!("HTTP {} request with `{k}=` in its URL over plain HTTP", r.method),
                    );
                }
            } else if let Some(cmd) = proto::ftp_login(p.payload) {
                push_finding(
                    &mut s.findings,
                    FindingKind::FtpLogin,
                    c.client,
                    c.server,
                    c.sport,
                    n,
                    format!("FTP login in clear (USER and PASS commands; first seen: {cmd})"),
                );
            } else if c.sport == 23 {
                push_finding(
                    &mut s.findings,
                    FindingKind::Telnet,
                    c.client,
                    c.server,
                    c.sport,
                    n,
                    "telnet session: everything typed, passwords included, travels in clear".to_string(),
                );
            } else if let Some((user, pass)) = proto::mqtt_connect(p.payload)
                && (user || pass)
            {
                let what = match (user, pass) {
                    (true, true) => "a user name and a password",
                    (true, false) => "a user name",
                    _ => "a password",
                };
                push_finding(
                    &mut s.findings,
                    FindingKind::MqttCredentials,
                    c.client,
                    c.server,
                    c.sport,
                    n,
                    format!("MQTT CONNECT with {what}, not under TLS"),
                );
            }
        }
        if !d.tls || d.facts.done {
            return;
        }
        // TLS handshake: keep the first bytes in order, read what they hold.
        match d.next_seq {
            Some(next) if t.seq != next => {
                // A retransmission (before `next`) is skipped; a gap ends the reading.
                if t.seq.wrapping_sub(next) < 0x8000_0000 {
                    d.facts.done = true;
                }
                return;
            }
            _ => {}
        }
        d.next_seq = Some(t.seq.wrapping_add(p.payload.len() as u32));
        let room = TLS_BUFFER.saturating_sub(d.buf.len());
        d.buf.extend_from_slice(&p.payload[..p.payload.len().min(room)]);
        proto::read_tls(&d.buf, &mut d.facts);
        if d.buf.len() >= TLS_BUFFER {
            d.facts.done = true;
        }
        if d.facts.done {
            d.buf = Vec::new();
        }
    }

    /// What was seen; names from TLS are added here (from the conversations' handshakes).
    pub fn finish(mut self) -> Seen {
        for c in &mut self.seen.convs {
            let [a, b] = std::mem::take(&mut c.dirs);
            let mut t = a.facts;
            t.server_suite = b.facts.server_suite.or(t.server_suite);
            t.tls13 |= b.facts.tls13;
            t.certificate |= b.facts.certificate;
            t.cert_names = b.facts.cert_names;
            if a.tls && t.server_suite.is_some_and(proto::is_psk_suite) {
                c.protocol = Some("tls-psk");
            }
            if let Some(sni) = &t.sni {
                let f = &c.frames;
                self.seen
                    .names
                    .entry((c.server, sni.clone(), NameSource::Sni))
                    .or_default()
                    .merge(&Frames { first: f.first.iter().take(1).copied().collect(), count: 1 });
            }
            for name in &t.cert_names {
                self.seen
                    .names
                    .entry((c.server, name.clone(), NameSource::Certificate))
                    .or_default()
                    .merge(&Frames { first: c.frames.first.iter().take(1).copied().collect(), count: 1 });
            }
            c.tls = t;
        }
        self.seen
    }
}

fn client_protocol(p: &[u8], port: u16) -> &'static str {
    if proto::read_http(p).is_some() {
        "http"
    } else if proto::mqtt_connect(p).is_some() {
        "mqtt"
    } else if proto::ftp_login(p).is_some() || port == 21 {
        "ftp"
    } else if port == 23 {
        "telnet"
    } else {
        "unknown"
    }
}

fn push_finding(
    out: &mut Vec<(Finding, IpAddr, IpAddr)>,
    kind: FindingKind,
    client: IpAddr,
    server: IpAddr,
    port: u16,
    n: u64,
    summary: String,
) {
    if let Some(f) =
        out.iter_mut().find(|(f, c, s)| f.kind == kind && *c == client && *s == server && f.port == port)
    {
        f.0.frames.add(n);
        return;
    }
    let mut frames = Frames::default();
    frames.add(n);
    out.push((
        Finding { kind, client: client.to_string(), server: server.to_string(), port, summary, frames },
        client,
        server,
    ));
}

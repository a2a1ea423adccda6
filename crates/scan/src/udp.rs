//! The UDP checks (`--checks udp`): CoAP (`GET /.well-known/core`, then the resources it lists),
//! SSDP (a unicast M-SEARCH, then the device description at `LOCATION` when it is on the target
//! itself) and mDNS (unicast DNS-SD queries to port 5353). They identify the device and report
//! open CoAP resources (`insecure.coap-open`) and UPnP IGD port mapping (`insecure.upnp-igd`,
//! never exercised: no `AddPortMapping`).
//!
//! UDP has no connection, so every exchange is bounded here: at most `udp_tries` sends, each
//! waiting `udp_wait`, at most [`MAX_DATAGRAMS`] datagrams read per send, each cut at
//! [`MAX_DATAGRAM`] bytes, and `byte_cap` bytes over the exchange; what does not parse is ignored.
//! A closed port (ICMP port unreachable) ends the exchange at once.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use chrono::Utc;
use hickory_proto::rr::RecordType;
use tokio::net::UdpSocket;
use tokio::time::Instant;
use tracing::debug;

use crate::engine::{PROOF_BYTES, Scanner};
use crate::report::{Finding, HostReport, Identity, Service};
use crate::{coap, mdns, parse, ssdp};

/// Datagrams read per request at most (a device flooding answers costs no more).
pub const MAX_DATAGRAMS: usize = 16;
/// Bytes kept of one datagram (mDNS allows 9000).
pub const MAX_DATAGRAM: usize = 9000;
/// CoAP resources fetched at most (each a GET, which changes nothing).
const MAX_COAP_GETS: usize = 4;
/// mDNS queries per host at most.
const MAX_MDNS_QUERIES: usize = 16;

/// What one UDP check learnt.
#[derive(Default)]
struct Outcome {
    service: Option<Service>,
    findings: Vec<Finding>,
    notes: Vec<String>,
    identity: Option<Identity>,
}

/// Runs the three UDP checks on `ip` (at the same time) and adds what they found to `host`.
pub(crate) async fn check_host(s: &Scanner, ip: IpAddr, host: &mut HostReport) {
    let (c, u, m) = tokio::join!(check_coap(s, ip), check_ssdp(s, ip), check_mdns(s, ip));
    for o in [c, u, m] {
        host.services.extend(o.service);
        host.findings.extend(o.findings);
        host.notes.extend(o.notes);
        if let Some(id) = o.identity {
            match &mut host.identity {
                Some(have) => have.merge(id),
                None => host.identity = Some(id),
            }
        }
    }
}

fn service(port: u16, protocol: &str, banner: String) -> Service {
    Service {
        port,
        transport: "udp".into(),
        protocol: protocol.into(),
        banner: Some(banner),
        http_server: None,
        http_title: None,
        tls: None,
        ssh: None,
    }
}

/// A socket connected to `ip:port` (bound on loopback for a loopback target).
async fn socket(ip: IpAddr, port: u16) -> Option<UdpSocket> {
    let local: IpAddr = match ip {
        IpAddr::V4(a) if a.is_loopback() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        IpAddr::V6(a) if a.is_loopback() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::UNSPECIFIED),
    };
    let sock = UdpSocket::bind(SocketAddr::new(local, 0)).await.ok()?;
    sock.connect(SocketAddr::new(ip, port)).await.ok()?;
    Some(sock)
}

/// Sends `req` and returns the first datagram `accept` takes, within the bounds above.
async fn ask(s: &Scanner, sock: &UdpSocket, req: &[u8], accept: impl Fn(&[u8]) -> bool) -> Option<Vec<u8>> {
    let cfg = s.config();
    let mut left = cfg.byte_cap;
    let mut buf = vec![0u8; MAX_DATAGRAM];
    for _ in 0..cfg.udp_tries.max(1) {
        s.pace().await;
        if sock.send(req).await.is_err() {
            return None;
        }
        let deadline = Instant::now() + cfg.udp_wait;
        for _ in 0..MAX_DATAGRAMS {
            match tokio::time::timeout_at(deadline, sock.recv(&mut buf)).await {
                Err(_) => break,
                // Port unreachable: nothing listens.
                Ok(Err(_)) => return None,
                Ok(Ok(n)) => {
                    let got = &buf[..n];
                    if accept(got) {
                        return Some(got.to_vec());
                    }
                    left = left.saturating_sub(n.max(1));
                    if left == 0 {
                        return None;
                    }
                }
            }
        }
    }
    None
}

fn nonce() -> u64 {
    Utc::now().timestamp_nanos_opt().unwrap_or(0).unsigned_abs()
}

async fn check_coap(s: &Scanner, ip: IpAddr) -> Outcome {
    let mut o = Outcome::default();
    let addr = SocketAddr::new(ip, coap::PORT);
    let Some(sock) = socket(ip, coap::PORT).await else { return o };
    let n = nonce();
    let token = n.to_be_bytes()[4..].to_vec();
    let mut id = n as u16;
    let get = |id: u16, path: &str| coap::get(id, &token, path);
    // A reply to a request: same token, not an empty ACK or a reset.
    let reply = |b: &[u8]| coap::parse(b).is_some_and(|m| m.token == token && m.code != 0 && m.kind != 3);
    let Some(raw) = ask(s, &sock, &get(id, "/.well-known/core"), &reply).await else { return o };
    let Some(m) = coap::parse(&raw) else { return o };
    let payload = String::from_utf8_lossy(&m.payload).into_owned();
    let links = if m.success() { coap::links(&payload) } else { Vec::new() };
    o.service = Some(service(
        coap::PORT,
        "coap",
        format!("/.well-known/core: {} ({} link(s))", m.code_text(), links.len()),
    ));
    let mut served = Vec::new();
    for l in links
        .iter()
        .filter(|l| l.target.starts_with('/') && l.target != "/.well-known/core")
        .take(MAX_COAP_GETS)
    {
        id = id.wrapping_add(1);
        if let Some(r) = ask(s, &sock, &get(id, &l.target), &reply).await.and_then(|r| coap::parse(&r))
            && r.success()
        {
            served.push(format!("{} ({})", l.target, r.code_text()));
        }
    }
    if !served.is_empty() {
        let listed: Vec<&str> = links.iter().map(|l| l.target.as_str()).collect();
        let mut f = s.finding(
            addr,
            "insecure.coap-open",
            "CoAP GET /.well-known/core, then GET of listed resources, without credentials (UDP)",
            format!(
                "CoAP serves resources without authentication: {} (listed: {})",
                served.join(", "),
                listed.join(", ")
            ),
            &m.payload,
        );
        f.proof = parse::proof(payload.as_bytes(), PROOF_BYTES);
        o.findings.push(f);
    }
    o
}

async fn check_ssdp(s: &Scanner, ip: IpAddr) -> Outcome {
    let mut o = Outcome::default();
    let addr = SocketAddr::new(ip, ssdp::PORT);
    let Some(sock) = socket(ip, ssdp::PORT).await else { return o };
    let host = match ip {
        IpAddr::V6(a) => format!("[{a}]"),
        IpAddr::V4(a) => a.to_string(),
    };
    let Some(raw) = ask(s, &sock, &ssdp::msearch(&host), |b| ssdp::parse_reply(b).is_some()).await else {
        return o;
    };
    let Some(reply) = ssdp::parse_reply(&raw) else { return o };
    o.service = Some(service(ssdp::PORT, "ssdp", parse::proof(&raw, PROOF_BYTES)));
    let Some(location) = reply.location else { return o };
    let Some((lhost, port, path)) = ssdp::http_url(&location) else {
        o.notes.push(format!("{addr}: SSDP LOCATION {location:?} is not an http:// URL; not fetched"));
        return o;
    };
    if lhost.parse::<IpAddr>().ok() != Some(ip) {
        o.notes.push(format!("{addr}: SSDP LOCATION {location:?} is not on this host; not fetched"));
        return o;
    }
    let Some(resp) = crate::auth_io::http_request(s, SocketAddr::new(ip, port), "GET", &path, "", "").await
    else {
        o.notes.push(format!("{addr}: the UPnP description at {location} did not answer"));
        return o;
    };
    let d = match ssdp::parse_description(&crate::http_auth::body(&resp)) {
        Ok(d) => d,
        Err(e) => {
            o.notes.push(format!("{addr}: {location}: {e}"));
            return o;
        }
    };
    let mut id = Identity { sources: vec![format!("upnp {location}")], ..Identity::default() };
    for (field, v) in [
        ("friendly_name", &d.friendly_name),
        ("manufacturer", &d.manufacturer),
        ("model", &d.model_name),
        ("model_number", &d.model_number),
        ("serial", &d.serial_number),
    ] {
        if let Some(v) = v {
            id.set(field, v);
        }
    }
    o.identity = Some(id);
    let igd = d.igd_services();
    if !igd.is_empty() {
        let proof = format!("{location}: {}", igd.join(", "));
        o.findings.push(s.finding(
            addr,
            "insecure.upnp-igd",
            "SSDP M-SEARCH (UDP), GET of the device description (AddPortMapping never called)",
            format!("the device offers UPnP port mapping to any host on the network ({})", igd.join(", ")),
            proof.as_bytes(),
        ));
    }
    o
}

async fn check_mdns(s: &Scanner, ip: IpAddr) -> Outcome {
    let mut o = Outcome::default();
    let Some(sock) = socket(ip, mdns::PORT).await else { return o };
    let mut queries = 0;
    let mut id = nonce() as u16;
    let mut asked = |name: &hickory_proto::rr::Name, rtype: RecordType| {
        queries += 1;
        id = id.wrapping_add(1);
        (queries <= MAX_MDNS_QUERIES).then(|| mdns::query_name(id, name, rtype)).flatten()
    };
    let answer = |b: &[u8]| mdns::parse(b).is_some();
    let Ok(services) = hickory_proto::rr::Name::from_ascii(mdns::SERVICES) else { return o };
    let Some(q) = asked(&services, RecordType::PTR) else { return o };
    let Some(first) = ask(s, &sock, &q, answer).await.and_then(|r| mdns::parse(&r)) else { return o };
    let types: Vec<(String, hickory_proto::rr::Name)> = first
        .ptr
        .iter()
        .filter(|p| p.0.eq_ignore_ascii_case(mdns::SERVICES.trim_end_matches('.')))
        .map(|p| (p.1.clone(), p.2.clone()))
        .take(8)
        .collect();
    let names: Vec<&str> = types.iter().map(|t| t.0.as_str()).collect();
    o.service = Some(service(
        mdns::PORT,
        "mdns",
        if types.is_empty() { "answers DNS-SD, no service type".into() } else { names.join(", ") },
    ));
    let mut id_facts = Identity::default();
    // Instances, with the TXT strings that came along with the PTR answer (RFC 6763 §12.1).
    let mut instances: Vec<(String, hickory_proto::rr::Name, Option<Vec<String>>)> = Vec::new();
    for (t, tname) in &types {
        let Some(q) = asked(tname, RecordType::PTR) else { break };
        if let Some(a) = ask(s, &sock, &q, answer).await.and_then(|r| mdns::parse(&r)) {
            for p in a.ptr.iter().filter(|p| p.0.eq_ignore_ascii_case(t)).take(4) {
                let txt = a.txt.iter().find(|x| x.0 == p.1).map(|x| x.1.clone());
                instances.push((p.1.clone(), p.2.clone(), txt));
            }
        }
    }
    for (inst, iname, txt) in instances.iter().take(8) {
        let txt = match txt {
            Some(t) => t.clone(),
            None => {
                let Some(q) = asked(iname, RecordType::TXT) else { break };
                let Some(a) = ask(s, &sock, &q, answer).await.and_then(|r| mdns::parse(&r)) else { continue };
                a.txt.into_iter().filter(|x| &x.0 == inst).flat_map(|x| x.1).collect()
            }
        };
        id_facts.services.push(inst.clone());
        let facts = mdns::identity(&txt);
        if !facts.is_empty() {
            id_facts.sources.push(format!("mdns TXT {inst}"));
        }
        for (field, v) in facts {
            id_facts.set(field, &v);
        }
    }
    debug!(%ip, types = types.len(), instances = instances.len(), "mDNS");
    if !id_facts.services.is_empty() {
        if id_facts.sources.is_empty() {
            id_facts.sources.push("mdns".into());
        }
        o.identity = Some(id_facts);
    }
    o
}

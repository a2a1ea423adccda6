//! The network side: sends the queries on the named interface, listens until the deadline,
//! fetches UPnP descriptions and `/.well-known/iot-label` from the devices themselves, and reads
//! the neighbour table.

use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV6};
use std::time::Duration;

use hickory_proto::rr::RecordType;
use iotlabel_advertise::{
    MDNS_GROUP_V4, MDNS_GROUP_V6, MDNS_PORT, NetInterface, SERVICE_TYPE, WELL_KNOWN_PATH,
};
use socket2::{Domain, Protocol, Socket, Type};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};
use tokio::time::{Instant, timeout};
use tracing::debug;

use crate::mdns::{Heard, SERVICES, instance_label, queries};
use crate::report::{Device, Discovery, Label, MdnsService, Upnp, WellKnown};
use crate::ssdp::{SSDP_GROUP, msearch, parse_answer, parse_description};
use crate::{DiscoverError, Options, data, guess, merge, neigh};

/// Longest HTTP answer read from a device.
const MAX_HTTP: usize = 64 * 1024;
/// Deadline of one HTTP fetch (connect, request, answer).
const HTTP_TIMEOUT: Duration = Duration::from_secs(3);
/// Time between query rounds.
const ROUND: Duration = Duration::from_secs(1);
/// Most UPnP descriptions and well-known resources fetched in one run.
const MAX_FETCHES: usize = 64;

fn socket(iface: &NetInterface, ttl: u32) -> Result<UdpSocket, DiscoverError> {
    let own = iface.ipv4.unwrap_or(Ipv4Addr::UNSPECIFIED);
    let err = |source| DiscoverError::Socket { interface: iface.name.clone(), source };
    let s = Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP)).map_err(err)?;
    if let Err(e) = s.bind_device(Some(iface.name.as_bytes())) {
        debug!(error = %e, "SO_BINDTODEVICE refused; the multicast interface still applies");
    }
    s.bind(&SocketAddr::from((own, 0)).into()).map_err(err)?;
    s.set_multicast_if_v4(&own).map_err(err)?;
    s.set_multicast_ttl_v4(ttl).map_err(err)?;
    s.set_multicast_loop_v4(true).map_err(err)?;
    s.set_nonblocking(true).map_err(err)?;
    UdpSocket::from_std(s.into()).map_err(err)
}

/// The IPv6 mDNS socket: an ordinary port on the interface's link-local address, sending to
/// ff02::fb on that interface.
fn socket_v6(iface: &NetInterface, own: Ipv6Addr) -> Result<UdpSocket, DiscoverError> {
    let err = |source| DiscoverError::Socket { interface: iface.name.clone(), source };
    let s = Socket::new(Domain::IPV6, Type::DGRAM, Some(Protocol::UDP)).map_err(err)?;
    s.set_only_v6(true).map_err(err)?;
    if let Err(e) = s.bind_device(Some(iface.name.as_bytes())) {
        debug!(error = %e, "SO_BINDTODEVICE refused; the scope and multicast interface still apply");
    }
    s.bind(&SocketAddr::V6(SocketAddrV6::new(own, 0, 0, iface.index)).into()).map_err(err)?;
    s.set_multicast_if_v6(iface.index).map_err(err)?;
    s.set_multicast_hops_v6(255).map_err(err)?;
    s.set_multicast_loop_v6(true).map_err(err)?;
    s.set_nonblocking(true).map_err(err)?;
    UdpSocket::from_std(s.into()).map_err(err)
}

/// `ip:port`, scoped to the interface when `ip` is IPv6 link-local (it means nothing without
/// its link).
pub(crate) fn scoped(ip: IpAddr, port: u16, iface_index: u32) -> SocketAddr {
    match ip {
        IpAddr::V6(a) if a.is_unicast_link_local() => {
            SocketAddr::V6(SocketAddrV6::new(a, port, 0, iface_index))
        }
        ip => SocketAddr::new(ip, port),
    }
}

async fn recv(sock: Option<&UdpSocket>, buf: &mut [u8]) -> std::io::Result<(usize, SocketAddr)> {
    match sock {
        Some(s) => s.recv_from(buf).await,
        None => std::future::pending().await,
    }
}

async fn send(sock: Option<&UdpSocket>, packet: &[u8], to: SocketAddr) {
    if let Some(s) = sock
        && let Err(e) = s.send_to(packet, to).await
    {
        debug!(%to, error = %e, "query not sent");
    }
}

/// The fully qualified names asked for by PTR at every round: the enumeration, every type of the
/// rules (which includes `_iotlabel._tcp`), and the types learned so far.
fn ptr_names(learned: &BTreeSet<String>) -> Vec<String> {
    let mut names = vec![SERVICES.to_string()];
    let known = data::rules().service.iter().map(|s| s.service_type.clone());
    for t in known.chain(learned.iter().cloned()) {
        let full = format!("{t}.local.");
        if !names.iter().any(|n| n.eq_ignore_ascii_case(&full)) {
            names.push(full);
        }
    }
    names
}

/// Runs one discovery (see the crate doc).
pub(crate) async fn run(iface: NetInterface, opts: &Options) -> Result<Discovery, DiscoverError> {
    // IPv4 when the interface has an address; IPv6 (mDNS only: SSDP is IPv4 here) when it has a
    // link-local one. With both, IPv6 failing (e.g. the address still being checked for
    // duplicates) leaves IPv4 working.
    let (mdns, ssdp) = match iface.ipv4 {
        Some(_) => (Some(socket(&iface, 255)?), Some(socket(&iface, 2)?)),
        None => (None, None),
    };
    let mdns6 = match iface.ipv6_link_local {
        None => None,
        Some(own) => match socket_v6(&iface, own) {
            Ok(s) => Some(s),
            Err(e) if mdns.is_some() => {
                debug!(error = %e, "mDNS over IPv6 not available on this interface");
                None
            }
            Err(e) => return Err(e),
        },
    };
    let mdns_to = SocketAddr::from((MDNS_GROUP_V4, MDNS_PORT));
    let mdns6_to = SocketAddr::V6(SocketAddrV6::new(MDNS_GROUP_V6, MDNS_PORT, 0, iface.index));
    let id = u16::try_from(std::process::id() & 0xffff).unwrap_or(1);
    let mut heard: BTreeMap<IpAddr, Heard> = BTreeMap::new();
    let mut upnp: BTreeMap<IpAddr, Upnp> = BTreeMap::new();
    let start = Instant::now();
    let deadline = start + opts.wait;
    let mut next_round = start;
    let mut round = 0u32;
    let mut buf = vec![0u8; 9000];
    let mut buf6 = vec![0u8; 9000];
    let mut buf2 = vec![0u8; 4096];
    loop {
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        if now >= next_round {
            let learned: BTreeSet<String> = heard.values().flat_map(Heard::service_types).collect();
            let mut packets = queries(id, &ptr_names(&learned), RecordType::PTR);
            // Instances whose SRV or TXT has not come yet: ask for them directly.
            let missing: Vec<String> = heard
                .values()
                .flat_map(|h| {
                    h.instances()
                        .into_iter()
                        .map(|(i, _)| i)
                        .filter(|i| !h.srv.contains_key(i) || !h.txt.contains_key(i))
                        .collect::<Vec<_>>()
                })
                .collect();
            packets.extend(queries(id, &missing, RecordType::ANY));
            for p in &packets {
                send(mdns.as_ref(), p, mdns_to).await;
                send(mdns6.as_ref(), p, mdns6_to).await;
            }
            if round < 2 {
                send(ssdp.as_ref(), &msearch(1), SocketAddr::V4(SSDP_GROUP)).await;
            }
            round += 1;
            next_round = now + ROUND;
        }
        let until = next_round.min(deadline);
        tokio::select! {
            () = tokio::time::sleep_until(until) => {}
            r = recv(mdns.as_ref(), &mut buf) => if let Ok((len, src)) = r
                && iface.on_link(src.ip())
                && heard.entry(src.ip()).or_default().add_packet(&buf[..len])
            {
                debug!(%src, "mDNS answer");
            },
            r = recv(mdns6.as_ref(), &mut buf6) => if let Ok((len, src)) = r
                && iface.on_link(src.ip())
                && heard.entry(src.ip()).or_default().add_packet(&buf6[..len])
            {
                debug!(%src, "mDNS answer over IPv6");
            },
            r = recv(ssdp.as_ref(), &mut buf2) => if let Ok((len, src)) = r
                && iface.on_link(src.ip())
                && let Some(a) = parse_answer(&buf2[..len])
            {
                debug!(%src, "SSDP answer");
                let u = upnp.entry(src.ip()).or_default();
                u.location = u.location.take().or(a.location);
                u.server = u.server.take().or(a.server);
                if let Some(st) = a.st && !u.search_targets.contains(&st) {
                    u.search_targets.push(st);
                }
            },
        }
    }
    // Heard nothing from a responder that only sent queries.
    heard.retain(|_, h| !h.ptr.is_empty() || !h.srv.is_empty() || !h.hosts.is_empty());

    let mut fetches = 0;
    for (ip, u) in &mut upnp {
        let Some(loc) = u.location.clone() else { continue };
        if fetches >= MAX_FETCHES {
            break;
        }
        let Some((addr, path)) = own_http_url(&loc, *ip) else {
            debug!(%ip, location = %loc, "description not fetched: LOCATION is not on the device itself");
            continue;
        };
        fetches += 1;
        match http_get(addr, &path).await {
            Some(body) => match parse_description(&body, u) {
                Ok(()) => u.description_fetched = true,
                Err(e) => debug!(%ip, error = %e, "UPnP description unreadable"),
            },
            None => debug!(%ip, "UPnP description not fetched"),
        }
    }

    let mut arp = std::fs::read_to_string("/proc/net/arp")
        .map(|t| neigh::parse_proc_arp(&t, &iface.name))
        .unwrap_or_default();
    if mdns6.is_some() {
        arp.extend(ipv6_neighbours(iface.index));
    }
    let ssdp_sources: BTreeSet<IpAddr> = upnp.keys().copied().collect();
    let mut merged = merge::by_device(heard, &ssdp_sources, &arp);
    let ips: BTreeSet<IpAddr> = merged.keys().chain(upnp.keys()).copied().collect();
    let mut devices = Vec::new();
    for ip in ips {
        let m = merged.remove(&ip).unwrap_or_default();
        let u = upnp.remove(&ip);
        let mut dev = device(ip, &m.heard, u, arp.get(&ip).cloned());
        // The addresses it answered from over IPv6 come first.
        for (i, a) in m.v6_sources.iter().enumerate() {
            let a = a.to_string();
            dev.ipv6.retain(|x| *x != a);
            dev.ipv6.insert(i.min(dev.ipv6.len()), a);
        }
        if let Some(label) = &mut dev.label
            && fetches < MAX_FETCHES
        {
            fetches += 1;
            label.well_known = check_well_known(ip, &m.heard, label, iface.index).await;
        }
        devices.push(dev);
    }
    Ok(Discovery {
        version: 1,
        interface: iface.name.clone(),
        address: iface.ipv4.map(|a| a.to_string()).unwrap_or_default(),
        ipv6_address: iface.ipv6_link_local.filter(|_| mdns6.is_some()).map(|a| a.to_string()),
        wait_ms: u64::try_from(opts.wait.as_millis()).unwrap_or(u64::MAX),
        devices,
    })
}

/// The device record from what was heard (pure, for tests too).
pub(crate) fn device(ip: IpAddr, h: &Heard, upnp: Option<Upnp>, mac: Option<String>) -> Device {
    let mut names: Vec<String> = Vec::new();
    let mut push = |n: String| {
        if !n.is_empty() && !names.contains(&n) {
            names.push(n);
        }
    };
    let mut mdns = Vec::new();
    let mut label = None;
    for (inst, t) in h.instances() {
        let instance = instance_label(&inst, &t);
        let srv = h.srv.get(&inst);
        let txt = h.txt.get(&inst).cloned().unwrap_or_default();
        push(instance.clone());
        if let Some((host, _)) = srv {
            push(host.trim_end_matches('.').to_string());
        }
        if t.eq_ignore_ascii_case(SERVICE_TYPE.trim_end_matches(".local.")) && label.is_none() {
            label = label_of(&instance, &txt);
        }
        mdns.push(MdnsService {
            instance,
            service_type: t,
            host: srv.map(|s| s.0.clone()),
            port: srv.map(|s| s.1),
            txt,
        });
    }
    for host in &h.hosts {
        push(host.trim_end_matches('.').to_string());
    }
    if let Some(u) = &upnp {
        for n in [&u.friendly_name, &u.model_name].into_iter().flatten() {
            push(n.clone());
        }
    }
    let mut ipv6: Vec<String> = Vec::new();
    for a in std::iter::once(ip).chain(h.record_addresses()) {
        if let IpAddr::V6(a) = a.to_canonical() {
            let a = a.to_string();
            if !ipv6.contains(&a) {
                ipv6.push(a);
            }
        }
    }
    let services: Vec<String> = h.service_types().into_iter().collect();
    let random_mac = mac.as_deref().is_some_and(guess::is_locally_administered);
    let vendor = mac.as_deref().and_then(guess::vendor).map(str::to_string);
    let upnp_types: Vec<String> =
        upnp.iter().flat_map(|u| u.device_type.iter().chain(&u.search_targets).cloned()).collect();
    let mut hay = names.clone();
    if let Some(u) = &upnp {
        hay.extend(u.manufacturer.clone());
    }
    let g = guess::guess(&services, &upnp_types, &hay, vendor.as_deref());
    Device {
        address: ip.to_string(),
        ipv6,
        mac,
        vendor,
        random_mac,
        names,
        services,
        mdns,
        upnp,
        label,
        guess: g,
    }
}

/// The label in an `_iotlabel._tcp` TXT record (keys case-insensitive, RFC 6763 §6.4).
fn label_of(instance: &str, txt: &[String]) -> Option<Label> {
    let get = |k: &str| {
        txt.iter().find_map(|s| {
            let (key, v) = s.split_once('=')?;
            key.eq_ignore_ascii_case(k).then(|| v.to_string())
        })
    };
    Some(Label {
        id: get("id")?,
        url: get("url")?,
        digest: get("digest")?,
        mud_url: get("mud"),
        instance: instance.to_string(),
        well_known: WellKnown::Unreachable,
    })
}

async fn check_well_known(ip: IpAddr, h: &Heard, label: &Label, iface_index: u32) -> WellKnown {
    let port = h
        .instances()
        .into_iter()
        .find(|(i, t)| t == "_iotlabel._tcp" && instance_label(i, t) == label.instance)
        .and_then(|(i, _)| h.srv.get(&i).map(|s| s.1));
    let Some(port) = port else { return WellKnown::Unreachable };
    let Some(body) = http_get(scoped(ip, port, iface_index), WELL_KNOWN_PATH).await else {
        return WellKnown::Unreachable;
    };
    let Ok(v) = serde_json::from_str::<serde_json::Value>(&body) else { return WellKnown::Unreachable };
    let same = |k: &str, want: &str| v.get(k).and_then(|x| x.as_str()) == Some(want);
    if same("id", &label.id) && same("url", &label.url) && same("digest", &label.digest) {
        WellKnown::Same
    } else {
        WellKnown::Differs
    }
}

/// `LOCATION` as (address, path) when it is plain HTTP on the device that answered, else `None`:
/// a description is never fetched from a third host.
pub(crate) fn own_http_url(location: &str, ip: IpAddr) -> Option<(SocketAddr, String)> {
    let u = url::Url::parse(location).ok()?;
    if u.scheme() != "http" {
        return None;
    }
    let host: IpAddr = match u.host()? {
        url::Host::Ipv4(a) => IpAddr::V4(a),
        url::Host::Ipv6(a) => IpAddr::V6(a),
        url::Host::Domain(_) => return None,
    };
    if host != ip {
        return None;
    }
    let mut path = u.path().to_string();
    if let Some(q) = u.query() {
        path.push('?');
        path.push_str(q);
    }
    Some((SocketAddr::new(host, u.port().unwrap_or(80)), path))
}

/// `GET path` over HTTP/1.0: the body of a 200 answer, at most [`MAX_HTTP`] bytes read, all
/// within [`HTTP_TIMEOUT`]; `None` otherwise.
async fn http_get(addr: SocketAddr, path: &str) -> Option<String> {
    let fetch = async {
        let mut s = TcpStream::connect(addr).await.ok()?;
        // The Host header names the address without its scope (RFC 6874 keeps zone ids out).
        let host = match addr {
            SocketAddr::V4(a) => a.to_string(),
            SocketAddr::V6(a) => format!("[{}]:{}", a.ip(), a.port()),
        };
        let req = format!(
            "GET {path} HTTP/1.0\r\nHost: {host}\r\nConnection: close\r\nUser-Agent: iotlabel-discover\r\n\r\n"
        );
        s.write_all(req.as_bytes()).await.ok()?;
        let mut out = Vec::new();
        (&mut s).take(MAX_HTTP as u64).read_to_end(&mut out).await.ok()?;
        Some(out)
    };
    let raw = timeout(HTTP_TIMEOUT, fetch).await.ok()??;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.lines().next()?.split_whitespace().nth(1)?;
    (status == "200").then(|| body.to_string())
}

/// The kernel's IPv6 neighbour table on interface `ifindex` (address → MAC), by a netlink
/// `RTM_GETNEIGH` dump (Linux has no file for it); empty when it cannot be read.
fn ipv6_neighbours(ifindex: u32) -> std::collections::HashMap<IpAddr, String> {
    use std::io::Read as _;
    const AF_NETLINK: i32 = 16;
    let mut out = std::collections::HashMap::new();
    let Ok(s) = Socket::new(Domain::from(AF_NETLINK), Type::RAW, Some(Protocol::from(0))) else {
        return out;
    };
    // Bounded: the kernel answers at once; a dump that stalls is abandoned.
    if s.set_read_timeout(Some(Duration::from_millis(500))).is_err()
        || s.send(&neigh::neigh_dump_request(1)).is_err()
    {
        return out;
    }
    let mut buf = vec![0u8; 32 * 1024];
    for _ in 0..1024 {
        match (&s).read(&mut buf) {
            Ok(n) if n > 0 => {
                if neigh::parse_netlink_neigh(&buf[..n], ifindex, &mut out) {
                    break;
                }
            }
            _ => break,
        }
    }
    debug!(entries = out.len(), "IPv6 neighbour table read");
    out
}

/// The interface of the default IPv4 route (Linux `/proc/net/route`).
pub(crate) fn default_interface() -> Option<String> {
    let text = std::fs::read_to_string("/proc/net/route").ok()?;
    parse_default_route(&text)
}

pub(crate) fn parse_default_route(text: &str) -> Option<String> {
    text.lines().skip(1).find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        (f.len() > 2 && f[1] == "00000000").then(|| f[0].to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_come_only_from_the_device_itself() {
        let ip: IpAddr = "10.0.0.3".parse().unwrap();
        let (a, p) = own_http_url("http://10.0.0.3:49152/d.xml?x=1", ip).unwrap();
        assert_eq!((a.to_string(), p.as_str()), ("10.0.0.3:49152".to_string(), "/d.xml?x=1"));
        assert!(own_http_url("http://10.0.0.4/d.xml", ip).is_none());
        assert!(own_http_url("http://evil.example/d.xml", ip).is_none());
        assert!(own_http_url("https://10.0.0.3/d.xml", ip).is_none());
        assert!(own_http_url("not a url", ip).is_none());
    }

    #[test]
    fn link_local_addresses_are_scoped_to_the_interface() {
        assert_eq!(scoped("fe80::4".parse().unwrap(), 8080, 3).to_string(), "[fe80::4%3]:8080");
        assert_eq!(scoped("fd00::4".parse().unwrap(), 80, 3).to_string(), "[fd00::4]:80");
        assert_eq!(scoped("10.0.0.4".parse().unwrap(), 80, 3).to_string(), "10.0.0.4:80");
    }

    #[test]
    fn the_default_route_names_its_interface() {
        let t = "Iface\tDestination\tGateway\nbr0\t0000090A\t00000000\neth0\t00000000\t0100A8C0\n";
        assert_eq!(parse_default_route(t).as_deref(), Some("eth0"));
        assert_eq!(parse_default_route("Iface\tDestination\n"), None);
    }

    #[test]
    fn labels_need_id_url_and_digest() {
        let txt = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let l = label_of("Cam", &txt(&["txtvers=1", "URL=https://l.example/x", "id=x", "digest=sha256:ab"]))
            .unwrap();
        assert_eq!((l.id.as_str(), l.url.as_str(), l.mud_url), ("x", "https://l.example/x", None));
        assert!(label_of("Cam", &txt(&["id=x", "url=u"])).is_none());
    }
}

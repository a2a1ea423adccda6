//! The multicast DNS responder (RFC 6762) on one named interface: joins 224.0.0.251 when the
//! interface has an IPv4 address and ff02::fb when it has an IPv6 link-local address (either or
//! both) on port 5353, announces the records on start, answers queries for them on the family they
//! came on and says goodbye (TTL 0) when it stops.
//!
//! - A query from a port other than 5353 is legacy unicast (§6.7): answered to its sender alone.
//! - A query whose questions ask for a unicast response (the QU bit, §5.4) is answered by unicast
//!   to the querier, unless the records were not multicast within the last quarter of the host
//!   records' TTL, in which case the answer is multicast (as §5.4 asks).
//! - Other answers are multicast to the group after a random 20–120 ms delay when they hold the
//!   shared PTR record (§6), at once otherwise.
//! - Known answers in the query are suppressed (§7.1, in [`Zone::respond`]).
//!
//! It does not probe for name conflicts (§8.1): the names come from the label id, unique per
//! product and version, and a conflict is at worst two devices of the same label.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV6};
use std::sync::Arc;
use std::time::Duration;

use hickory_proto::op::Message;
use socket2::{Domain, Protocol, Socket, Type};
use tokio::net::UdpSocket;
use tokio::sync::watch;
use tokio::time::Instant;
use tracing::debug;

use crate::dnssd::{HOST_TTL, MAX_MESSAGE, Zone, answer_packet};
use crate::iface::NetInterface;
use crate::{AdvertiseError, MDNS_PORT};

/// The mDNS IPv4 group (RFC 6762 §3).
pub const MDNS_GROUP_V4: Ipv4Addr = Ipv4Addr::new(224, 0, 0, 251);
/// The mDNS IPv6 group (RFC 6762 §3).
pub const MDNS_GROUP_V6: Ipv6Addr = Ipv6Addr::new(0xff02, 0, 0, 0, 0, 0, 0, 0xfb);
/// Time between the two announcements (RFC 6762 §8.3: at least one second).
const ANNOUNCE_GAP: Duration = Duration::from_secs(1);

/// The sockets of the multicast responder: one per address family the interface has (at least
/// one).
#[derive(Debug)]
pub(crate) struct Multicast {
    v4: Option<UdpSocket>,
    v6: Option<UdpSocket>,
    iface: NetInterface,
}

impl Multicast {
    /// The groups joined, for display: 224.0.0.251:5353 first when joined, then
    /// [ff02::fb%index]:5353 when joined.
    pub(crate) fn groups(&self) -> Vec<SocketAddr> {
        let mut out = Vec::new();
        if self.v4.is_some() {
            out.push(group_of(false, &self.iface));
        }
        if self.v6.is_some() {
            out.push(group_of(true, &self.iface));
        }
        out
    }

    /// Whether the IPv6 group was joined.
    pub(crate) fn has_v6(&self) -> bool {
        self.v6.is_some()
    }
}

fn bind_err(addr: SocketAddr) -> impl Fn(std::io::Error) -> AdvertiseError {
    move |source| AdvertiseError::Bind { what: "mDNS", addr, source }
}

/// Binds port 5353 on the group addresses (so only mDNS traffic arrives), shared with any other
/// responder on the machine (SO_REUSEADDR and SO_REUSEPORT, as Avahi and Bonjour do), tied to the
/// interface, and joins the groups there: 224.0.0.251 when the interface has an IPv4 address,
/// ff02::fb when it has an IPv6 link-local one. With both, a failure on IPv6 leaves a working
/// IPv4 responder (logged); with one family only, its failure is the error.
pub(crate) fn bind(iface: &NetInterface) -> Result<Multicast, AdvertiseError> {
    let v4 = iface.ipv4.map(|own| bind_v4(iface, own)).transpose()?;
    let v6 = match (iface.ipv6_link_local, &v4) {
        (None, _) => None,
        (Some(_), None) => Some(bind_v6(iface)?),
        (Some(_), Some(_)) => match bind_v6(iface) {
            Ok(s) => Some(s),
            Err(e) => {
                // IPv4 alone is a working responder; say why IPv6 is missing.
                debug!(error = %e, "mDNS over IPv6 not available on this interface");
                None
            }
        },
    };
    if v4.is_none() && v6.is_none() {
        return Err(AdvertiseError::Interface {
            name: iface.name.clone(),
            reason: "has neither an IPv4 address nor an IPv6 link-local address".into(),
        });
    }
    Ok(Multicast { v4, v6, iface: iface.clone() })
}

fn bind_v4(iface: &NetInterface, own: Ipv4Addr) -> Result<UdpSocket, AdvertiseError> {
    let group = SocketAddr::from((MDNS_GROUP_V4, MDNS_PORT));
    let err = bind_err(group);
    let s = Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP)).map_err(&err)?;
    s.set_reuse_address(true).map_err(&err)?;
    s.set_reuse_port(true).map_err(&err)?;
    // Only this interface's traffic, and only the groups this socket joined.
    if let Err(e) = s.bind_device(Some(iface.name.as_bytes())) {
        debug!(error = %e, "SO_BINDTODEVICE refused; relying on the group membership");
    }
    s.set_multicast_all_v4(false).map_err(&err)?;
    s.bind(&group.into()).map_err(&err)?;
    s.join_multicast_v4(&MDNS_GROUP_V4, &own).map_err(&err)?;
    s.set_multicast_if_v4(&own).map_err(&err)?;
    // RFC 6762 §11: IP TTL 255 on everything sent.
    s.set_multicast_ttl_v4(255).map_err(&err)?;
    s.set_ttl_v4(255).map_err(&err)?;
    s.set_multicast_loop_v4(true).map_err(&err)?;
    s.set_nonblocking(true).map_err(&err)?;
    UdpSocket::from_std(s.into()).map_err(&err)
}

fn bind_v6(iface: &NetInterface) -> Result<UdpSocket, AdvertiseError> {
    let group = SocketAddr::V6(SocketAddrV6::new(MDNS_GROUP_V6, MDNS_PORT, 0, iface.index));
    let err = bind_err(group);
    let s = Socket::new(Domain::IPV6, Type::DGRAM, Some(Protocol::UDP)).map_err(&err)?;
    s.set_only_v6(true).map_err(&err)?;
    s.set_reuse_address(true).map_err(&err)?;
    s.set_reuse_port(true).map_err(&err)?;
    s.set_multicast_all_v6(false).map_err(&err)?;
    s.bind(&group.into()).map_err(&err)?;
    s.join_multicast_v6(&MDNS_GROUP_V6, iface.index).map_err(&err)?;
    s.set_multicast_if_v6(iface.index).map_err(&err)?;
    s.set_multicast_hops_v6(255).map_err(&err)?;
    s.set_unicast_hops_v6(255).map_err(&err)?;
    s.set_multicast_loop_v6(true).map_err(&err)?;
    s.set_nonblocking(true).map_err(&err)?;
    UdpSocket::from_std(s.into()).map_err(&err)
}

/// Where one answer goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reply {
    /// A legacy unicast answer (§6.7) to the querier's address and port.
    Legacy,
    /// An mDNS answer by unicast to the querier (QU bit, §5.4).
    Unicast,
    /// An mDNS answer to the group.
    Multicast,
}

/// How to answer a query from `src` (the policy of the module doc). `multicast_recently`: the
/// records went to the group within a quarter of the host records' TTL.
pub(crate) fn reply_kind(query: &Message, src: SocketAddr, multicast_recently: bool) -> Reply {
    if src.port() != MDNS_PORT {
        Reply::Legacy
    } else if query.queries.iter().any(|q| q.mdns_unicast_response()) && multicast_recently {
        Reply::Unicast
    } else {
        Reply::Multicast
    }
}

/// Whether an answer holding a shared record must wait 20–120 ms (§6): the PTR records are the
/// only shared ones this zone has.
fn holds_shared(answer: &[u8]) -> bool {
    Message::from_vec(answer)
        .map(|m| {
            m.answers
                .iter()
                .any(|r| !r.mdns_cache_flush && r.record_type() == hickory_proto::rr::RecordType::PTR)
        })
        .unwrap_or(false)
}

fn random_delay() -> Duration {
    let r = RandomState::new().hash_one(std::time::SystemTime::now());
    Duration::from_millis(20 + r % 101)
}

async fn recv(sock: Option<&UdpSocket>, buf: &mut [u8]) -> std::io::Result<(usize, SocketAddr)> {
    match sock {
        Some(s) => s.recv_from(buf).await,
        None => std::future::pending().await,
    }
}

struct State {
    last_multicast: Option<Instant>,
}

impl State {
    fn multicast_recently(&self) -> bool {
        self.last_multicast.is_some_and(|t| t.elapsed() < Duration::from_secs(u64::from(HOST_TTL) / 4))
    }
}

/// Announces, answers until `stop` turns true, then says goodbye.
pub(crate) async fn run(m: Multicast, zone: Arc<Zone>, mut stop: watch::Receiver<bool>) {
    let mut state = State { last_multicast: None };
    announce(&m, &zone, false).await;
    state.last_multicast = Some(Instant::now());
    let second = tokio::time::sleep(ANNOUNCE_GAP);
    tokio::pin!(second);
    let mut announced_twice = false;
    let mut buf4 = vec![0u8; MAX_MESSAGE];
    let mut buf6 = vec![0u8; MAX_MESSAGE];
    loop {
        tokio::select! {
            () = crate::stopped(&mut stop) => break,
            () = &mut second, if !announced_twice => {
                announced_twice = true;
                announce(&m, &zone, false).await;
                state.last_multicast = Some(Instant::now());
            }
            r = recv(m.v4.as_ref(), &mut buf4) => match r {
                Ok((len, src)) => {
                    if let Some(s) = &m.v4 {
                        handle(s, &zone, &m.iface, &buf4[..len], src, &mut state).await;
                    }
                }
                Err(e) => debug!(error = %e, "mDNS receive failed"),
            },
            r = recv(m.v6.as_ref(), &mut buf6) => match r {
                Ok((len, src)) => {
                    if let Some(s) = &m.v6 {
                        handle(s, &zone, &m.iface, &buf6[..len], src, &mut state).await;
                    }
                }
                Err(e) => debug!(error = %e, "mDNS receive failed"),
            },
        }
    }
    announce(&m, &zone, true).await;
    debug!("mDNS responder stopped, goodbye sent");
}

fn group_of(sock_is_v6: bool, iface: &NetInterface) -> SocketAddr {
    if sock_is_v6 {
        SocketAddr::V6(SocketAddrV6::new(MDNS_GROUP_V6, MDNS_PORT, 0, iface.index))
    } else {
        SocketAddr::from((MDNS_GROUP_V4, MDNS_PORT))
    }
}

/// Where a unicast mDNS answer (QU bit) to `src` goes: its address, port 5353, and for IPv6 its
/// scope (a link-local address means nothing without its interface).
fn unicast_reply_to(src: SocketAddr) -> SocketAddr {
    match src {
        SocketAddr::V4(a) => SocketAddr::from((*a.ip(), MDNS_PORT)),
        SocketAddr::V6(a) => SocketAddr::V6(SocketAddrV6::new(*a.ip(), MDNS_PORT, 0, a.scope_id())),
    }
}

async fn announce(m: &Multicast, zone: &Zone, goodbye: bool) {
    let Ok(bytes) = zone.announcement(goodbye).to_vec() else { return };
    for (sock, v6) in [(m.v4.as_ref(), false), (m.v6.as_ref(), true)] {
        let Some(sock) = sock else { continue };
        let to = group_of(v6, &m.iface);
        match sock.send_to(&bytes, to).await {
            Ok(_) => debug!(%to, goodbye, "mDNS announcement sent"),
            Err(e) => debug!(%to, error = %e, "mDNS announcement not sent"),
        }
    }
}

async fn handle(
    sock: &UdpSocket,
    zone: &Zone,
    iface: &NetInterface,
    packet: &[u8],
    src: SocketAddr,
    state: &mut State,
) {
    let Ok(query) = Message::from_vec(packet) else {
        debug!(%src, "ignoring a malformed mDNS message");
        return;
    };
    let kind = reply_kind(&query, src, state.multicast_recently());
    let Some(bytes) = answer_packet(zone, packet, kind == Reply::Legacy) else { return };
    let to = match kind {
        Reply::Legacy => src,
        Reply::Unicast => unicast_reply_to(src),
        Reply::Multicast => {
            if holds_shared(&bytes) {
                tokio::time::sleep(random_delay()).await;
            }
            group_of(matches!(src.ip(), IpAddr::V6(_)), iface)
        }
    };
    match sock.send_to(&bytes, to).await {
        Ok(_) => {
            debug!(%src, %to, ?kind, bytes = bytes.len(), "mDNS answer sent");
            if kind == Reply::Multicast {
                state.last_multicast = Some(Instant::now());
            }
        }
        Err(e) => debug!(%src, %to, error = %e, "mDNS answer not sent"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_proto::op::{MessageType, OpCode, Query};
    use hickory_proto::rr::{Name, RecordType};

    fn query(qu: bool) -> Message {
        let mut m = Message::new(0, MessageType::Query, OpCode::Query);
        let mut q = Query::query(Name::from_ascii(crate::SERVICE_TYPE).unwrap(), RecordType::PTR);
        q.set_mdns_unicast_response(qu);
        m.add_query(q);
        m
    }

    #[test]
    fn replies_follow_the_source_port_and_the_qu_bit() {
        let legacy: SocketAddr = "10.0.0.9:40000".parse().unwrap();
        let mdns: SocketAddr = "10.0.0.9:5353".parse().unwrap();
        assert_eq!(reply_kind(&query(true), legacy, true), Reply::Legacy);
        assert_eq!(reply_kind(&query(false), mdns, true), Reply::Multicast);
        assert_eq!(reply_kind(&query(true), mdns, true), Reply::Unicast);
        // Not multicast lately: the QU answer goes to the group anyway (RFC 6762 §5.4).
        assert_eq!(reply_kind(&query(true), mdns, false), Reply::Multicast);
    }

    #[test]
    fn unicast_answers_keep_the_ipv6_scope() {
        let src = SocketAddr::V6(SocketAddrV6::new("fe80::2".parse().unwrap(), 5353, 0, 7));
        assert_eq!(unicast_reply_to(src).to_string(), "[fe80::2%7]:5353");
        assert_eq!(unicast_reply_to("10.0.0.9:5353".parse().unwrap()).to_string(), "10.0.0.9:5353");
    }

    #[test]
    fn delays_stay_within_20_to_120_ms() {
        for _ in 0..200 {
            let d = random_delay();
            assert!((Duration::from_millis(20)..=Duration::from_millis(120)).contains(&d), "{d:?}");
        }
    }
}

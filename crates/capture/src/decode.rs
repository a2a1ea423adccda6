//! A frame's addresses, ports and transport payload (etherparse), and DNS answers
//! (hickory-proto).

use core::net::IpAddr;

use etherparse::{LinkSlice, NetSlice, SlicedPacket, TransportSlice};

use crate::reader::Link;

/// TCP header facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tcp {
    pub syn: bool,
    pub ack: bool,
    pub fin: bool,
    pub rst: bool,
    pub seq: u32,
}

/// An IP packet, decoded.
#[derive(Debug, Clone, Copy)]
pub struct Packet<'a> {
    pub src_mac: Option<[u8; 6]>,
    pub dst_mac: Option<[u8; 6]>,
    pub src: IpAddr,
    pub dst: IpAddr,
    /// IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, ...).
    pub proto: u8,
    /// 0 when the protocol has no ports (or the packet is a later fragment).
    pub sport: u16,
    pub dport: u16,
    /// TCP only.
    pub tcp: Option<Tcp>,
    /// The transport payload (TCP or UDP), empty otherwise.
    pub payload: &'a [u8],
}

/// What a frame turned out to be.
#[derive(Debug, Clone, Copy)]
pub enum Decoded<'a> {
    Ip(Packet<'a>),
    /// A link-layer frame that carries no IP (ARP, EAPOL, LLDP, ...): only its MACs are known.
    Link {
        src_mac: [u8; 6],
        dst_mac: [u8; 6],
        ether_type: u16,
    },
    /// A link type this decoder does not know, or bytes that do not parse.
    Other,
}

/// Decodes one frame. Never panics; what does not parse is [`Decoded::Other`].
pub fn decode(link: Link, data: &[u8]) -> Decoded<'_> {
    let sliced = match link {
        Link::ETHERNET => SlicedPacket::from_ethernet(data),
        Link::LINUX_SLL => SlicedPacket::from_linux_sll(data),
        Link::RAW | Link::IPV4 | Link::IPV6 => SlicedPacket::from_ip(data),
        // BSD loopback / null: a 4-byte family, then IP.
        Link(0) | Link(108) => match data.get(4..) {
            Some(rest) => SlicedPacket::from_ip(rest),
            None => return Decoded::Other,
        },
        _ => return Decoded::Other,
    };
    let Ok(p) = sliced else { return Decoded::Other };
    let (src_mac, dst_mac, ether_type) = match &p.link {
        Some(LinkSlice::Ethernet2(e)) => (Some(e.source()), Some(e.destination()), e.ether_type().0),
        _ => (None, None, 0),
    };
    let (src, dst, proto) = match &p.net {
        Some(NetSlice::Ipv4(v)) => {
            let h = v.header();
            (IpAddr::V4(h.source_addr()), IpAddr::V4(h.destination_addr()), h.protocol().0)
        }
        Some(NetSlice::Ipv6(v)) => {
            let h = v.header();
            (IpAddr::V6(h.source_addr()), IpAddr::V6(h.destination_addr()), v.payload().ip_number.0)
        }
        _ => {
            return match (src_mac, dst_mac) {
                (Some(s), Some(d)) => Decoded::Link { src_mac: s, dst_mac: d, ether_type },
                _ => Decoded::Other,
            };
        }
    };
    let (sport, dport, tcp, payload) = match &p.transport {
        Some(TransportSlice::Tcp(t)) => (
            t.source_port(),
            t.destination_port(),
            Some(Tcp { syn: t.syn(), ack: t.ack(), fin: t.fin(), rst: t.rst(), seq: t.sequence_number() }),
            t.payload(),
        ),
        Some(TransportSlice::Udp(u)) => (u.source_port(), u.destination_port(), None, u.payload()),
        _ => (0, 0, None, &[][..]),
    };
    Decoded::Ip(Packet { src_mac, dst_mac, src, dst, proto, sport, dport, tcp, payload })
}

/// A DNS message's question and, for a response, the addresses it gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dns {
    pub response: bool,
    /// The name asked, lowercased without the final dot.
    pub name: String,
    /// A and AAAA answers (through any CNAME chain); empty for queries and failures.
    pub addrs: Vec<IpAddr>,
}

/// Reads a DNS message (UDP payload). `None` for what is not DNS or has no question.
pub fn dns(payload: &[u8]) -> Option<Dns> {
    use hickory_proto::op::{Message, MessageType};
    use hickory_proto::rr::RData;
    let m = Message::from_vec(payload).ok()?;
    let q = m.queries.first()?;
    let name = q.name().to_ascii().trim_end_matches('.').to_ascii_lowercase();
    let addrs: Vec<IpAddr> = m
        .answers
        .iter()
        .filter_map(|a| match &a.data {
            RData::A(x) => Some(IpAddr::V4(x.0)),
            RData::AAAA(x) => Some(IpAddr::V6(x.0)),
            _ => None,
        })
        .collect();
    Some(Dns { response: m.metadata.message_type == MessageType::Response, name, addrs })
}

/// The name a DNS response answered and the addresses it gave (see [`dns`]); `None` for
/// queries and what is not DNS.
pub fn dns_answers(payload: &[u8]) -> Option<(String, Vec<IpAddr>)> {
    let d = dns(payload)?;
    d.response.then_some((d.name, d.addrs))
}

//! Captures (pcap and pcapng, via `pcap-file`; frames via `etherparse`) turned into flows, the
//! DNS answers inside the capture mapping addresses to the names the devices asked for.
//!
//! Packets are gathered into flows by their 5-tuple; the first packet seen gives the side that
//! opened the flow (for TCP, a SYN without ACK when seen). A flow is emitted once idle for
//! [`IDLE_MS`] of capture time (swept every [`SWEEP_MS`]) and at the end: memory grows with the
//! flows active at once, devices and names, not with the flows of the whole capture.

use core::net::IpAddr;
use std::collections::HashMap;
use std::io::Read;
use std::sync::Arc;

use etherparse::{LinkSlice, NetSlice, SlicedPacket, TransportSlice};
use hickory_proto::op::Message;
use hickory_proto::rr::RData;
use pcap_file::DataLink;
use pcap_file::pcap::PcapReader;
use pcap_file::pcapng::{Block, PcapNgReader};

use crate::error::ReadError;
use crate::ipfix::{Orient, WireFlow};
use crate::record::{FlowRecord, Mac};
use crate::text::Names;

/// A flow idle this long (capture time) is over.
pub const IDLE_MS: u64 = 120_000;
/// How often (capture time) idle flows are looked for.
pub const SWEEP_MS: u64 = 10_000;

type Key = (IpAddr, IpAddr, u16, u16, u8);

enum Source<R: Read> {
    Pcap(PcapReader<R>),
    PcapNg(PcapNgReader<R>),
}

/// Reads a capture and yields its flows, oriented from the device's side, named from the
/// capture's DNS answers.
pub struct CaptureReader<R: Read> {
    src: Source<R>,
    file: String,
    packet: u64,
    link: DataLink,
    active: HashMap<Key, WireFlow>,
    ready: Vec<WireFlow>,
    names: Names,
    dns: HashMap<IpAddr, Arc<str>>,
    last_sweep: u64,
    now: u64,
    done: bool,
    /// Packets that were not IP over Ethernet (or raw IP), skipped.
    pub skipped: u64,
}

/// A packet: its time (ms), its link type and its frame.
type Packet = (u64, DataLink, Vec<u8>);

impl<R: Read> CaptureReader<R> {
    /// Opens a capture: pcap when `ng` is false, pcapng otherwise.
    pub fn new(file: &str, input: R, ng: bool) -> Result<Self, ReadError> {
        let bad = |e: pcap_file::PcapError| {
            ReadError::offset(
                file,
                0,
                format!("not a {} capture: {e}", if ng { "pcapng" } else { "pcap" }),
                "a capture file header",
            )
        };
        let (src, link) = if ng {
            (Source::PcapNg(PcapNgReader::new(input).map_err(bad)?), DataLink::ETHERNET)
        } else {
            let r = PcapReader::new(input).map_err(bad)?;
            let l = r.header().datalink;
            (Source::Pcap(r), l)
        };
        Ok(CaptureReader {
            src,
            file: file.into(),
            packet: 0,
            link,
            active: HashMap::new(),
            ready: Vec::new(),
            names: Names::default(),
            dns: HashMap::new(),
            last_sweep: 0,
            now: 0,
            done: false,
            skipped: 0,
        })
    }

    /// The name the capture's DNS answers give this address.
    pub fn name_of(&self, ip: IpAddr) -> Option<Arc<str>> {
        self.dns.get(&ip).cloned()
    }

    fn err(&self, message: String) -> ReadError {
        ReadError {
            file: self.file.clone(),
            at: crate::error::At::Record(self.packet),
            message,
            expected: Some("a well-formed capture".into()),
        }
    }

    /// The next packet's time (ms) and frame; none at the end.
    fn next_packet(&mut self) -> Option<Result<Packet, ReadError>> {
        loop {
            self.packet += 1;
            match &mut self.src {
                Source::Pcap(r) => {
                    let link = self.link;
                    return match r.next_packet()? {
                        Ok(p) => Some(Ok((p.timestamp.as_millis() as u64, link, p.data.into_owned()))),
                        Err(e) => Some(Err(self.err(e.to_string()))),
                    };
                }
                Source::PcapNg(r) => {
                    let (iface, t, data) = match r.next_block()? {
                        Ok(Block::EnhancedPacket(p)) => (
                            p.interface_id as usize,
                            Some(p.timestamp.as_millis() as u64),
                            p.data.into_owned(),
                        ),
                        Ok(Block::SimplePacket(p)) => (0, None, p.data.into_owned()),
                        Ok(_) => continue,
                        Err(e) => return Some(Err(self.err(e.to_string()))),
                    };
                    let link = r.interfaces().get(iface).map_or(DataLink::ETHERNET, |i| i.linktype);
                    return Some(Ok((t.unwrap_or(self.now), link, data)));
                }
            }
        }
    }

    fn learn_dns(&mut self, payload: &[u8]) {
        let Ok(m) = Message::from_vec(payload) else { return };
        let Some(q) = m.queries.first() else { return };
        let name = q.name().to_ascii();
        let name = self.names.intern(name.trim_end_matches('.').to_ascii_lowercase().as_str());
        for a in &m.answers {
            let ip = match &a.data {
                RData::A(x) => IpAddr::V4(x.0),
                RData::AAAA(x) => IpAddr::V6(x.0),
                _ => continue,
            };
            self.dns.insert(ip, name.clone());
        }
    }

    fn packet(&mut self, t: u64, link: DataLink, data: &[u8]) {
        let sliced = match link {
            DataLink::ETHERNET => SlicedPacket::from_ethernet(data),
            DataLink::RAW | DataLink::IPV4 | DataLink::IPV6 => SlicedPacket::from_ip(data),
            _ => {
                self.skipped += 1;
                return;
            }
        };
        let Ok(p) = sliced else {
            self.skipped += 1;
            return;
        };
        let (smac, dmac) = match &p.link {
            Some(LinkSlice::Ethernet2(e)) => (Some(Mac(e.source())), Some(Mac(e.destination()))),
            _ => (None, None),
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
                self.skipped += 1;
                return;
            }
        };
        let (sport, dport, opens) = match &p.transport {
            Some(TransportSlice::Tcp(t)) => {
                (t.source_port(), t.destination_port(), Some(t.syn() && !t.ack()))
            }
            Some(TransportSlice::Udp(u)) => {
                if u.source_port() == 53 {
                    self.learn_dns(u.payload());
                }
                (u.source_port(), u.destination_port(), None)
            }
            _ => (0, 0, None),
        };
        let key = (src, dst, sport, dport, proto);
        let rev = (dst, src, dport, sport, proto);
        let len = data.len() as u64;
        if let Some(f) = self.active.get_mut(&key).or(None) {
            f.bytes += len;
            f.packets += 1;
        } else if let Some(f) = self.active.get_mut(&rev) {
            f.bytes += len;
            f.packets += 1;
            // A SYN from the side we took for the responder: it opened the flow after all.
            if opens == Some(true) {
                let f = self.active.remove(&rev).unwrap_or_default();
                let flipped = WireFlow {
                    src_mac: smac,
                    dst_mac: dmac,
                    src_ip: Some(src),
                    dst_ip: Some(dst),
                    src_port: sport,
                    dst_port: dport,
                    ..f
                };
                self.active.insert(key, flipped);
            }
        } else {
            self.active.insert(
                key,
                WireFlow {
                    time_ms: t,
                    src_mac: smac,
                    dst_mac: dmac,
                    src_ip: Some(src),
                    dst_ip: Some(dst),
                    src_port: sport,
                    dst_port: dport,
                    protocol: proto,
                    bytes: len,
                    packets: 1,
                },
            );
        }
        self.now = self.now.max(t);
        if self.now >= self.last_sweep + SWEEP_MS {
            self.last_sweep = self.now;
            let now = self.now;
            // `time_ms` is the start; idle is judged from the start plus a flow's lifetime bound.
            let over: Vec<Key> =
                self.active.iter().filter(|(_, f)| f.time_ms + IDLE_MS <= now).map(|(k, _)| *k).collect();
            for k in over {
                if let Some(f) = self.active.remove(&k) {
                    self.ready.push(f);
                }
            }
        }
    }

    /// The next flow as captured (source = the side that opened it).
    pub fn next_wire(&mut self) -> Option<Result<WireFlow, ReadError>> {
        loop {
            if let Some(f) = self.ready.pop() {
                return Some(Ok(f));
            }
            if self.done {
                return None;
            }
            match self.next_packet() {
                Some(Ok((t, link, data))) => self.packet(t, link, &data),
                Some(Err(e)) => {
                    self.done = true;
                    self.active.clear();
                    return Some(Err(e));
                }
                None => {
                    self.done = true;
                    let mut rest: Vec<WireFlow> = self.active.drain().map(|(_, f)| f).collect();
                    rest.sort_by_key(|f| std::cmp::Reverse(f.time_ms));
                    self.ready = rest;
                }
            }
        }
    }

    /// The next flow from the device's side, its peer named when the capture's DNS says.
    pub fn next_flow(&mut self, o: &impl Orient) -> Option<Result<FlowRecord, ReadError>> {
        loop {
            match self.next_wire()? {
                Ok(w) => {
                    if let Some(mut r) = w.orient(o) {
                        r.peer_name = self.name_of(r.peer_ip);
                        return Some(Ok(r));
                    }
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Writes flows as a pcap capture (Ethernet): per flow, the DNS answer naming the peer when the
/// record has a name (from `resolver`), the opening packet and one reply. For tests and small
/// synthetic captures.
pub struct CaptureWriter<W: std::io::Write> {
    out: pcap_file::pcap::PcapWriter<W>,
    resolver: IpAddr,
}

/// The MAC address written for every end that is not the device.
pub const OTHER_MAC: Mac = Mac([0x02, 0xff, 0xff, 0xff, 0xff, 0xff]);

impl<W: std::io::Write> CaptureWriter<W> {
    pub fn new(out: W, resolver: IpAddr) -> Result<Self, pcap_file::PcapError> {
        Ok(CaptureWriter { out: pcap_file::pcap::PcapWriter::new(out)?, resolver })
    }

    fn frame(
        &mut self,
        t: u64,
        src: (Mac, IpAddr, u16),
        dst: (Mac, IpAddr, u16),
        proto: u8,
        syn_ack: Option<bool>,
        payload: &[u8],
    ) -> Result<(), String> {
        use etherparse::PacketBuilder;
        let eth = PacketBuilder::ethernet2(src.0.0, dst.0.0);
        let ip = match (src.1, dst.1) {
            (IpAddr::V4(s), IpAddr::V4(d)) => eth.ipv4(s.octets(), d.octets(), 64),
            (s, d) => {
                let v6 = |a: IpAddr| match a {
                    IpAddr::V4(a) => a.to_ipv6_mapped(),
                    IpAddr::V6(a) => a,
                };
                eth.ipv6(v6(s).octets(), v6(d).octets(), 64)
            }
        };
        let mut buf = Vec::with_capacity(64 + payload.len());
        let r = match proto {
            6 => {
                let b = ip.tcp(src.2, dst.2, 1, 64240).syn();
                let b = if syn_ack == Some(true) { b.ack(1) } else { b };
                b.write(&mut buf, payload).map_err(|e| e.to_string())
            }
            17 => ip.udp(src.2, dst.2).write(&mut buf, payload).map_err(|e| e.to_string()),
            _ => return Ok(()),
        };
        r?;
        let ts = std::time::Duration::from_millis(t);
        self.out
            .write_packet(&pcap_file::pcap::PcapPacket::new(ts, buf.len() as u32, &buf))
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    /// Writes one flow.
    pub fn write(&mut self, f: &FlowRecord) -> Result<(), String> {
        let me = (f.device_mac.unwrap_or(OTHER_MAC), f.device_ip, f.device_port);
        let peer = (OTHER_MAC, f.peer_ip, f.peer_port);
        if let Some(name) = &f.peer_name {
            use hickory_proto::op::{MessageType, OpCode, Query};
            use hickory_proto::rr::{Name, Record, RecordType};
            let n = Name::from_ascii(format!("{name}.")).map_err(|e| e.to_string())?;
            let (rt, rd) = match f.peer_ip {
                IpAddr::V4(a) => (RecordType::A, RData::A(hickory_proto::rr::rdata::A(a))),
                IpAddr::V6(a) => (RecordType::AAAA, RData::AAAA(hickory_proto::rr::rdata::AAAA(a))),
            };
            let mut m = Message::new(1, MessageType::Response, OpCode::Query);
            m.add_query(Query::query(n.clone(), rt));
            m.add_answer(Record::from_rdata(n, 300, rd));
            let bytes = m.to_vec().map_err(|e| e.to_string())?;
            let at = f.time_ms.saturating_sub(1);
            self.frame(at, (OTHER_MAC, self.resolver, 53), (me.0, f.device_ip, 53_000), 17, None, &bytes)?;
        }
        let (a, b) = match f.direction {
            crate::record::Direction::FromDevice => (me, peer),
            crate::record::Direction::ToDevice => (peer, me),
        };
        self.frame(f.time_ms, a, b, f.protocol, Some(false), &[])?;
        self.frame(f.time_ms + 1, b, a, f.protocol, Some(true), &[])
    }

    pub fn finish(self) -> W {
        self.out.into_writer()
    }
}

//! The DNS-SD responder: the records of `_iotlabel._tcp.local.` and the answers to queries for
//! them, in mDNS wire format (RFC 6762, RFC 6763), served over UDP on one socket.
//!
//! Queries from a source port other than 5353 are "legacy unicast" (RFC 6762 §6.7): the answer
//! repeats the query id and question, carries TTLs of at most 10 seconds and no cache-flush bit.
//! Queries from port 5353 (a full mDNS querier asking directly, RFC 6762 §5.5) get a normal mDNS
//! answer: id 0, no question, full TTLs, cache-flush on the unique records.

use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use hickory_proto::op::{Edns, Message, MessageType, OpCode, Query, ResponseCode};
use hickory_proto::rr::rdata::{A, AAAA, PTR, SRV, TXT};
use hickory_proto::rr::{DNSClass, Name, RData, Record, RecordType};
use hickory_proto::serialize::binary::{BinEncodable, BinEncoder};
use tokio::net::UdpSocket;
use tokio::sync::watch;
use tracing::{debug, trace};

use crate::advert::{Advert, txt_records};
use crate::{AdvertiseError, SERVICE_TYPE};

/// The mDNS port (RFC 6762 §3).
pub const MDNS_PORT: u16 = 5353;
/// TTL of records naming a host: SRV, A, AAAA (RFC 6762 §10: 120 s).
pub(crate) const HOST_TTL: u32 = 120;
/// TTL of the other records: PTR, TXT (RFC 6762 §10: 75 minutes).
const OTHER_TTL: u32 = 4500;
/// Legacy unicast answers carry at most this TTL (RFC 6762 §6.7).
const LEGACY_TTL: u32 = 10;
/// Largest mDNS message read (RFC 6762 §17).
pub(crate) const MAX_MESSAGE: usize = 9000;
/// Largest answer to a querier without EDNS (RFC 1035 §4.2.1).
const CLASSIC_UDP_ANSWER: u16 = 512;
/// Largest answer sent, whatever size the querier advertises, and the size our OPT record
/// advertises: 1232 bytes, the DNS Flag Day 2020 value, which fits the IPv6 minimum MTU (1280)
/// without fragmentation. The largest answer this zone can give (a PTR with SRV, a TXT record at
/// its limits and an address) fits in it.
const MAX_UDP_ANSWER: u16 = 1232;

/// Every name and record this responder answers for.
#[derive(Debug)]
pub(crate) struct Zone {
    service: Name,
    enumeration: Name,
    instance: Name,
    host: Name,
    port: u16,
    ips: Vec<IpAddr>,
    txt: TXT,
}

fn name_err(e: impl std::fmt::Display) -> AdvertiseError {
    AdvertiseError::InvalidAdvert { field: "instance", reason: format!("is not a DNS name: {e}") }
}

impl Zone {
    pub(crate) fn new(
        advert: &Advert,
        host_label: &str,
        port: u16,
        ip: Option<IpAddr>,
    ) -> Result<Self, AdvertiseError> {
        let service = Name::from_ascii(SERVICE_TYPE).map_err(name_err)?;
        let enumeration = Name::from_ascii("_services._dns-sd._udp.local.").map_err(name_err)?;
        // The instance label is raw UTF-8 (RFC 6763 §4.1.1), not punycode, and may contain dots.
        let mut labels: Vec<&[u8]> = vec![advert.instance.as_bytes()];
        labels.extend(service.iter());
        let instance = Name::from_labels(labels).map_err(name_err)?;
        let host = Name::from_labels([host_label.as_bytes(), b"local"]).map_err(name_err)?;
        let strings: Vec<String> = txt_records(advert).into_iter().map(|(k, v)| format!("{k}={v}")).collect();
        Ok(Zone {
            service,
            enumeration,
            instance,
            host,
            port,
            ips: ip.into_iter().collect(),
            txt: TXT::new(strings),
        })
    }

    /// Publishes `ip` too (an interface's IPv6 address besides its IPv4 one).
    pub(crate) fn add_address(&mut self, ip: IpAddr) {
        if !self.ips.contains(&ip) {
            self.ips.push(ip);
        }
    }

    /// Every record of the zone, as an announcement (RFC 6762 §8.3) sends them: an unsolicited
    /// response, id 0, cache-flush on the unique records. With `goodbye`, every TTL is 0
    /// (RFC 6762 §10.1).
    pub(crate) fn announcement(&self, goodbye: bool) -> Message {
        let mut out = Message::response(0, OpCode::Query);
        out.metadata.authoritative = true;
        let mut records = vec![self.ptr(), self.srv(), self.txt()];
        records.extend(self.address(RecordType::ANY));
        records.push(self.enumeration_ptr());
        for mut r in records {
            if goodbye {
                r.ttl = 0;
            }
            out.add_answer(r);
        }
        out
    }

    /// The host name, e.g. `acme-cam.local.`.
    pub(crate) fn host(&self) -> String {
        self.host.to_ascii()
    }

    fn record(name: &Name, ttl: u32, data: RData, unique: bool) -> Record {
        let mut r = Record::from_rdata(name.clone(), ttl, data);
        r.dns_class = DNSClass::IN;
        r.mdns_cache_flush = unique;
        r
    }

    fn ptr(&self) -> Record {
        Self::record(&self.service, OTHER_TTL, RData::PTR(PTR(self.instance.clone())), false)
    }

    fn enumeration_ptr(&self) -> Record {
        Self::record(&self.enumeration, OTHER_TTL, RData::PTR(PTR(self.service.clone())), false)
    }

    fn srv(&self) -> Record {
        Self::record(&self.instance, HOST_TTL, RData::SRV(SRV::new(0, 0, self.port, self.host.clone())), true)
    }

    fn txt(&self) -> Record {
        Self::record(&self.instance, OTHER_TTL, RData::TXT(self.txt.clone()), true)
    }

    fn address(&self, qtype: RecordType) -> Vec<Record> {
        let mut out = Vec::new();
        for ip in &self.ips {
            let data = match (*ip, qtype) {
                (IpAddr::V4(ip), RecordType::A | RecordType::ANY) => RData::A(A::from(ip)),
                (IpAddr::V6(ip), RecordType::AAAA | RecordType::ANY) => RData::AAAA(AAAA::from(ip)),
                _ => continue,
            };
            out.push(Self::record(&self.host, HOST_TTL, data, true));
        }
        out
    }

    /// The records answering the distinct questions `questions`: (answers, additional records),
    /// each record once.
    fn records_for(&self, questions: &[&Query]) -> (Vec<Record>, Vec<Record>) {
        let mut answers = Vec::new();
        let mut additionals = Vec::new();
        for q in questions {
            if !matches!(q.query_class(), DNSClass::IN | DNSClass::ANY) {
                continue;
            }
            let (name, qtype) = (q.name(), q.query_type());
            let any = qtype == RecordType::ANY;
            if *name == self.service && (any || qtype == RecordType::PTR) {
                // RFC 6763 §12.1: a PTR answer brings its SRV, TXT and addresses along.
                push_once(&mut answers, self.ptr());
                additionals.extend([self.srv(), self.txt()]);
                additionals.extend(self.address(RecordType::ANY));
            } else if *name == self.enumeration && (any || qtype == RecordType::PTR) {
                // RFC 6763 §9: service type enumeration.
                push_once(&mut answers, self.enumeration_ptr());
            } else if *name == self.instance {
                if any || qtype == RecordType::SRV {
                    push_once(&mut answers, self.srv());
                    additionals.extend(self.address(RecordType::ANY));
                }
                if any || qtype == RecordType::TXT {
                    push_once(&mut answers, self.txt());
                }
            } else if *name == self.host {
                for r in self.address(qtype) {
                    push_once(&mut answers, r);
                }
            }
        }
        // RFC 6763 §12: no additional record that is already an answer, none twice.
        let mut extra: Vec<Record> = Vec::new();
        for r in additionals {
            if !answers.iter().any(|x| same_record(x, &r)) {
                push_once(&mut extra, r);
            }
        }
        (answers, extra)
    }

    /// The answer to one received message, or `None` when nothing should be sent.
    ///
    /// Questions asked twice are answered once, every record appears once, and the answer fits
    /// the querier's UDP payload size ([`answer_limit`]).
    pub(crate) fn respond(&self, query: &Message, legacy_unicast: bool) -> Option<Message> {
        let meta = &query.metadata;
        // RFC 6762 §18: only standard queries with RCODE 0 are answered; responses are ignored.
        if meta.message_type != MessageType::Query
            || meta.op_code != OpCode::Query
            || meta.response_code != ResponseCode::NoError
        {
            return None;
        }
        // The same question twice (in any letter case) is one question.
        let mut seen = HashSet::new();
        let questions: Vec<&Query> = query
            .queries
            .iter()
            .filter(|q| seen.insert((q.name(), q.query_type(), q.query_class())))
            .collect();
        let limit = answer_limit(query, legacy_unicast);
        let id = if legacy_unicast { meta.id } else { 0 };

        if let Some(edns) = &query.edns
            && edns.version() > 0
        {
            // RFC 6891 §6.1.3: an EDNS version we do not implement gets BADVERS and our own
            // version (0), no records. mDNS responses carry RCODE 0 only (RFC 6762 §18.11),
            // so a full mDNS querier gets nothing.
            debug!(version = edns.version(), "EDNS version not supported; answering BADVERS");
            if !legacy_unicast {
                return None;
            }
            let mut out = Message::error_msg(id, OpCode::Query, ResponseCode::BADVERS);
            out.set_edns(our_edns());
            return Some(fit(out, legacy_questions(&questions), Vec::new(), Vec::new(), limit, true));
        }

        let (mut answers, mut extra) = self.records_for(&questions);
        // RFC 6762 §7.1: known-answer suppression: leave out what the querier already holds with
        // at least half our TTL.
        answers.retain(|r: &Record| {
            !query.answers.iter().any(|k| {
                k.name == r.name
                    && k.record_type() == r.record_type()
                    && k.data == r.data
                    && k.ttl >= r.ttl / 2
            })
        });
        // A multicast-style responder stays silent when it has nothing to say (RFC 6762 §6); a
        // legacy unicast querier gets an empty answer at once rather than a timeout.
        if answers.is_empty() && !legacy_unicast {
            return None;
        }
        let mut out = Message::response(id, OpCode::Query);
        out.metadata.authoritative = true;
        for r in answers.iter_mut().chain(extra.iter_mut()) {
            if legacy_unicast {
                r.ttl = r.ttl.min(LEGACY_TTL);
                r.mdns_cache_flush = false;
            }
        }
        if legacy_unicast && query.edns.is_some() {
            // RFC 6891 §6.1.1: a query with an OPT record gets one back.
            out.set_edns(our_edns());
        }
        // RFC 6762 §6.7: legacy unicast answers repeat the question; mDNS answers do not.
        let questions = if legacy_unicast { legacy_questions(&questions) } else { Vec::new() };
        // RFC 6762 §18.5: the TC bit means "truncated" only in legacy unicast answers.
        Some(fit(out, questions, answers, extra, limit, legacy_unicast))
    }
}

/// Adds `r` unless an equal record is already there.
fn push_once(records: &mut Vec<Record>, r: Record) {
    if !records.iter().any(|x| same_record(x, &r)) {
        records.push(r);
    }
}

fn same_record(a: &Record, b: &Record) -> bool {
    a.name == b.name && a.record_type() == b.record_type() && a.data == b.data
}

/// The questions as a legacy unicast answer repeats them: without the unicast-response bit.
fn legacy_questions(questions: &[&Query]) -> Vec<Query> {
    questions
        .iter()
        .map(|q| {
            let mut q = (*q).clone();
            q.set_mdns_unicast_response(false);
            q
        })
        .collect()
}

/// The OPT record of our answers: EDNS version 0, our payload size.
fn our_edns() -> Edns {
    let mut edns = Edns::new();
    edns.set_max_payload(MAX_UDP_ANSWER);
    edns
}

/// The largest answer `query` may get, in bytes: 512 without EDNS (RFC 1035 §4.2.1), else the
/// querier's advertised UDP payload size (RFC 6891 §6.2.5: less than 512 counts as 512), never more
/// than [`MAX_UDP_ANSWER`]. A full mDNS querier (RFC 6762 §17) has no 512-byte limit; its answers
/// are held to [`MAX_UDP_ANSWER`] too (or its smaller EDNS size).
pub(crate) fn answer_limit(query: &Message, legacy_unicast: bool) -> usize {
    let size = match &query.edns {
        Some(edns) => edns.max_payload().clamp(CLASSIC_UDP_ANSWER, MAX_UDP_ANSWER),
        None if legacy_unicast => CLASSIC_UDP_ANSWER,
        None => MAX_UDP_ANSWER,
    };
    usize::from(size)
}

/// Emits `item` if it fits the encoder's size limit; an item that does not fit leaves nothing
/// behind (hickory rolls the encoder back).
fn emitted<E: BinEncodable>(enc: &mut BinEncoder<'_>, item: &E) -> bool {
    enc.emit_all(std::iter::once(item)).is_ok()
}

/// `out` (header and OPT set) with as many of `questions`, then `answers`, then `additionals` as
/// fit in `limit` bytes. A question or answer that does not fit ends the message there, with the
/// TC bit when `may_truncate` (RFC 1035 §4.1.1); additional records are optional (RFC 6763 §12),
/// so one that does not fit is left out without TC (RFC 2181 §9).
fn fit(
    mut out: Message,
    questions: Vec<Query>,
    answers: Vec<Record>,
    additionals: Vec<Record>,
    limit: usize,
    may_truncate: bool,
) -> Message {
    // Sizes are measured exactly by encoding each part in the order `Message::to_vec` will, name
    // compression included, into an encoder that refuses to grow past the limit (less the OPT
    // record, which comes last).
    let opt = out.edns.as_ref().map_or(0, |e| e.to_bytes().map_or(limit, |b| b.len()));
    let mut buf = Vec::new();
    let mut enc = BinEncoder::new(&mut buf);
    enc.set_max_size(u16::try_from(limit.saturating_sub(opt)).unwrap_or(u16::MAX));
    let mut truncated = enc.emit_vec(&[0; 12]).is_err();
    for q in questions {
        if truncated || !emitted(&mut enc, &q) {
            truncated = true;
            break;
        }
        out.add_query(q);
    }
    for r in answers {
        if truncated || !emitted(&mut enc, &r) {
            truncated = true;
            break;
        }
        out.add_answer(r);
    }
    for r in additionals {
        if !truncated && emitted(&mut enc, &r) {
            out.add_additional(r);
        }
    }
    // Should the message's own encoding ever disagree, drop from the end.
    while out.to_vec().map_or(true, |b| b.len() > limit) {
        if out.additionals.pop().is_some() {
            continue;
        }
        truncated = true;
        if out.answers.pop().is_none() && out.queries.pop().is_none() {
            break;
        }
    }
    if truncated {
        debug!(limit, "DNS-SD answer cut to the querier's payload size");
    }
    out.metadata.truncation = truncated && may_truncate;
    out
}

/// Answers queries on `sock` until `stop` turns true.
pub(crate) async fn run(sock: UdpSocket, zone: Arc<Zone>, mut stop: watch::Receiver<bool>) {
    let mut buf = vec![0u8; MAX_MESSAGE];
    loop {
        let (len, src) = tokio::select! {
            () = crate::stopped(&mut stop) => break,
            r = sock.recv_from(&mut buf) => match r {
                Ok(x) => x,
                // On Linux an ICMP port-unreachable for an earlier answer surfaces here; the
                // socket is still fine.
                Err(e) => {
                    debug!(error = %e, "DNS-SD receive failed");
                    continue;
                }
            },
        };
        handle(&sock, &zone, &buf[..len], src).await;
    }
    debug!("DNS-SD responder stopped");
}

/// The encoded answer to one received packet (untrusted bytes from the network), or `None` when
/// nothing should be sent: malformed, not a query, or not about us. `legacy_unicast` is true when
/// the packet came from a port other than 5353 (RFC 6762 §6.7).
pub(crate) fn answer_packet(zone: &Zone, packet: &[u8], legacy_unicast: bool) -> Option<Vec<u8>> {
    let query = match Message::from_vec(packet) {
        Ok(m) => m,
        Err(e) => {
            debug!(error = %e, "ignoring a malformed DNS message");
            return None;
        }
    };
    let Some(answer) = zone.respond(&query, legacy_unicast) else {
        trace!("nothing to answer");
        return None;
    };
    match answer.to_vec() {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            debug!(error = %e, "DNS-SD answer could not be encoded");
            None
        }
    }
}

async fn handle(sock: &UdpSocket, zone: &Zone, packet: &[u8], src: SocketAddr) {
    let Some(bytes) = answer_packet(zone, packet, src.port() != MDNS_PORT) else { return };
    if let Err(e) = sock.send_to(&bytes, src).await {
        debug!(%src, error = %e, "DNS-SD answer not sent");
    } else {
        debug!(%src, bytes = bytes.len(), "DNS-SD answer sent");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone() -> Zone {
        let advert = Advert::new(
            "acme-cam",
            "https://labels.example/acme-cam",
            format!("sha256:{}", "f".repeat(64)),
            None,
            "Acme",
            "Cam",
        );
        Zone::new(&advert, "acme-cam", 8080, Some("127.0.0.1".parse().unwrap())).unwrap()
    }

    fn query(name: &str, qtype: RecordType) -> Message {
        let mut m = Message::new(7, MessageType::Query, OpCode::Query);
        let mut q = Query::query(Name::from_ascii(name).unwrap(), qtype);
        q.set_mdns_unicast_response(true);
        m.add_query(q);
        m
    }

    #[test]
    fn mdns_answers_from_port_5353_follow_rfc_6762() {
        let z = zone();
        let out = z.respond(&query(SERVICE_TYPE, RecordType::PTR), false).unwrap();
        // RFC 6762 §18.1 and §6: id zero, no question section.
        assert_eq!(out.metadata.id, 0);
        assert!(out.queries.is_empty());
        assert_eq!(out.answers.len(), 1);
        let ptr = &out.answers[0];
        assert!(!ptr.mdns_cache_flush, "PTR is a shared record");
        assert_eq!(ptr.ttl, OTHER_TTL);
        for r in &out.additionals {
            assert!(r.mdns_cache_flush, "{r:?} is unique");
            let want = if r.record_type() == RecordType::TXT { OTHER_TTL } else { HOST_TTL };
            assert_eq!(r.ttl, want);
        }
        assert_eq!(out.additionals.len(), 3);
        // Silent for names it does not own (RFC 6762 §6).
        assert!(z.respond(&query("_http._tcp.local.", RecordType::PTR), false).is_none());
        assert!(z.respond(&query("acme-cam.local.", RecordType::AAAA), false).is_none());
    }

    #[test]
    fn announcements_carry_every_record_and_goodbyes_zero_ttls() {
        let mut z = zone();
        z.add_address("fe80::1".parse().unwrap());
        z.add_address("fe80::1".parse().unwrap());
        let a = z.announcement(false);
        assert_eq!(a.metadata.id, 0);
        assert_eq!(a.metadata.message_type, MessageType::Response);
        assert!(a.queries.is_empty());
        let kinds: Vec<RecordType> = a.answers.iter().map(Record::record_type).collect();
        assert_eq!(
            kinds,
            [
                RecordType::PTR,
                RecordType::SRV,
                RecordType::TXT,
                RecordType::A,
                RecordType::AAAA,
                RecordType::PTR
            ]
        );
        assert!(a.answers.iter().all(|r| r.ttl > 0));
        // Shared PTRs without cache-flush, unique records with it.
        assert!(a.answers.iter().all(|r| r.mdns_cache_flush == (r.record_type() != RecordType::PTR)));
        let g = z.announcement(true);
        assert_eq!(g.answers.len(), a.answers.len());
        assert!(g.answers.iter().all(|r| r.ttl == 0));
        // Both addresses answer an ANY question for the host.
        let out = z.respond(&query("acme-cam.local.", RecordType::ANY), false).unwrap();
        assert_eq!(out.answers.len(), 2);
    }

    #[test]
    fn responses_and_other_opcodes_are_ignored() {
        let z = zone();
        let mut m = query(SERVICE_TYPE, RecordType::PTR);
        m.metadata.message_type = MessageType::Response;
        assert!(z.respond(&m, true).is_none());
        let mut m = query(SERVICE_TYPE, RecordType::PTR);
        m.metadata.op_code = OpCode::Update;
        assert!(z.respond(&m, true).is_none());
    }

    #[test]
    fn legacy_answers_clear_the_unicast_bit_and_cap_ttls() {
        let z = zone();
        let out = z.respond(&query(SERVICE_TYPE, RecordType::ANY), true).unwrap();
        assert_eq!(out.metadata.id, 7);
        assert!(!out.queries[0].mdns_unicast_response());
        assert!(
            out.answers.iter().chain(&out.additionals).all(|r| r.ttl == LEGACY_TTL && !r.mdns_cache_flush)
        );
        // The answer encodes and decodes.
        let back = Message::from_vec(&out.to_vec().unwrap()).unwrap();
        assert_eq!(back.answers, out.answers);
        assert!(back.edns.is_none());
        let mut q = query(SERVICE_TYPE, RecordType::PTR);
        q.set_edns(Edns::new());
        assert!(z.respond(&q, true).unwrap().edns.is_some());
    }

    /// A zone with every field at its limit and an IPv6 address: the largest answers there are.
    fn largest_zone() -> Zone {
        let advert = Advert {
            id: "x".repeat(252),
            url: format!("https://{}", "u".repeat(243)),
            digest: format!("sha256:{}", "f".repeat(64)),
            mud_url: Some(format!("https://{}", "m".repeat(243))),
            instance: "i".repeat(63),
        };
        advert.validate().unwrap();
        let host = crate::default_host_label(&advert.id);
        Zone::new(&advert, &host, 8080, Some("fe80::1234:5678:9abc:def0".parse().unwrap())).unwrap()
    }

    fn encoded(m: &Message) -> usize {
        m.to_vec().unwrap().len()
    }

    #[test]
    fn duplicate_questions_are_answered_once() {
        let z = zone();
        let mut q = Message::new(7, MessageType::Query, OpCode::Query);
        for i in 0..30 {
            let name = if i % 2 == 0 { SERVICE_TYPE.to_string() } else { SERVICE_TYPE.to_uppercase() };
            q.add_query(Query::query(Name::from_ascii(name).unwrap(), RecordType::PTR));
            q.add_query(Query::query(z.instance.clone(), RecordType::ANY));
            q.add_query(Query::query(z.instance.clone(), RecordType::SRV));
        }
        for legacy in [true, false] {
            let out = z.respond(&q, legacy).unwrap();
            let kinds: Vec<RecordType> = out.answers.iter().map(Record::record_type).collect();
            assert_eq!(kinds, [RecordType::PTR, RecordType::SRV, RecordType::TXT], "{legacy}");
            let extra: Vec<RecordType> = out.additionals.iter().map(Record::record_type).collect();
            assert_eq!(extra, [RecordType::A]);
            assert_eq!(out.queries.len(), if legacy { 3 } else { 0 });
            assert!(!out.metadata.truncation);
            assert!(encoded(&out) < 512);
        }
    }

    #[test]
    fn the_largest_answer_fits_the_largest_payload_and_512_keeps_the_answer_section() {
        let z = largest_zone();
        let ptr = query(SERVICE_TYPE, RecordType::PTR);
        let mut ptr_edns = ptr.clone();
        ptr_edns.set_edns(our_edns());
        for legacy in [true, false] {
            // With room: everything, no truncation.
            let out = z.respond(&ptr_edns, legacy).unwrap();
            assert_eq!((out.answers.len(), out.additionals.len()), (1, 3), "{legacy}");
            assert!(!out.metadata.truncation);
            assert!(encoded(&out) <= usize::from(MAX_UDP_ANSWER));
        }
        // Without EDNS, 512 bytes: the PTR stays, the big TXT additional record is left out, and
        // that alone does not set TC (RFC 2181 §9); the address still fits.
        let out = z.respond(&ptr, true).unwrap();
        assert!(encoded(&out) <= 512);
        assert_eq!(out.answers.len(), 1);
        assert!(out.additionals.iter().all(|r| r.record_type() != RecordType::TXT));
        assert!(out.additionals.iter().any(|r| r.record_type() == RecordType::AAAA));
        assert!(!out.metadata.truncation);
        // The TXT record itself does not fit 512 bytes: no answer, TC set, question kept.
        let txt = query(&z.instance.to_ascii(), RecordType::TXT);
        let out = z.respond(&txt, true).unwrap();
        assert!(out.answers.is_empty() && out.metadata.truncation && out.queries.len() == 1);
        assert!(encoded(&out) <= 512);
        // mDNS answers never set TC (RFC 6762 §18.5); the TXT fits their larger limit.
        let out = z.respond(&txt, false).unwrap();
        assert_eq!(out.answers.len(), 1);
        assert!(!out.metadata.truncation);
    }

    #[test]
    fn payload_sizes_are_clamped() {
        let mut q = query(SERVICE_TYPE, RecordType::PTR);
        assert_eq!(answer_limit(&q, true), 512);
        assert_eq!(answer_limit(&q, false), usize::from(MAX_UDP_ANSWER));
        for (asked, got) in [(0, 512), (100, 512), (512, 512), (1000, 1000), (4096, 1232), (u16::MAX, 1232)] {
            let mut edns = Edns::new();
            edns.set_max_payload(asked);
            q.set_edns(edns);
            assert_eq!(answer_limit(&q, true), got, "{asked}");
        }
    }

    #[test]
    fn many_distinct_questions_are_cut_with_tc() {
        let z = zone();
        let mut q = Message::new(7, MessageType::Query, OpCode::Query);
        q.add_query(Query::query(z.service.clone(), RecordType::PTR));
        for i in 0..200 {
            q.add_query(Query::query(Name::from_ascii(format!("other-{i}.local.")).unwrap(), RecordType::A));
        }
        let out = z.respond(&q, true).unwrap();
        assert!(out.metadata.truncation);
        assert!(out.answers.is_empty() && out.queries.len() < 200);
        assert!(encoded(&out) <= 512);
    }

    #[test]
    fn edns_versions_above_zero_get_badvers() {
        let z = zone();
        let mut q = query(SERVICE_TYPE, RecordType::PTR);
        let mut edns = Edns::new();
        edns.set_version(1);
        q.set_edns(edns);
        let out = z.respond(&q, true).unwrap();
        let back = Message::from_vec(&out.to_vec().unwrap()).unwrap();
        // BADVERS and BADSIG share code 16 (RFC 6891, RFC 8945); hickory reads 16 as BADSIG.
        assert_eq!(u16::from(back.metadata.response_code), 16);
        let raw = out.to_vec().unwrap();
        assert_eq!(raw[3] & 0x0f, 0, "the header holds the low four bits: 0");
        assert_eq!(back.edns.as_ref().map(Edns::version), Some(0));
        assert!(back.answers.is_empty() && back.additionals.is_empty());
        assert_eq!(back.queries.len(), 1);
        // A full mDNS querier gets nothing: mDNS RCODEs are zero (RFC 6762 §18.11).
        assert!(z.respond(&q, false).is_none());
    }
}

//! The DNS-SD responder: the records of `_iotlabel._tcp.local.` and the answers to queries for
//! them, in mDNS wire format (RFC 6762, RFC 6763), served over UDP on one socket.
//!
//! Queries from a source port other than 5353 are "legacy unicast" (RFC 6762 §6.7): the answer
//! repeats the query id and question, carries TTLs of at most 10 seconds and no cache-flush bit.
//! Queries from port 5353 (a full mDNS querier asking directly, RFC 6762 §5.5) get a normal mDNS
//! answer: id 0, no question, full TTLs, cache-flush on the unique records.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use hickory_proto::op::{Edns, Message, MessageType, OpCode, ResponseCode};
use hickory_proto::rr::rdata::{A, AAAA, PTR, SRV, TXT};
use hickory_proto::rr::{DNSClass, Name, RData, Record, RecordType};
use tokio::net::UdpSocket;
use tokio::sync::watch;
use tracing::{debug, trace};

use crate::advert::{Advert, txt_records};
use crate::{AdvertiseError, SERVICE_TYPE};

/// The mDNS port (RFC 6762 §3).
pub const MDNS_PORT: u16 = 5353;
/// TTL of records naming a host: SRV, A, AAAA (RFC 6762 §10: 120 s).
const HOST_TTL: u32 = 120;
/// TTL of the other records: PTR, TXT (RFC 6762 §10: 75 minutes).
const OTHER_TTL: u32 = 4500;
/// Legacy unicast answers carry at most this TTL (RFC 6762 §6.7).
const LEGACY_TTL: u32 = 10;
/// Largest mDNS message (RFC 6762 §17).
const MAX_MESSAGE: usize = 9000;

/// Every name and record this responder answers for.
#[derive(Debug)]
pub(crate) struct Zone {
    service: Name,
    enumeration: Name,
    instance: Name,
    host: Name,
    port: u16,
    ip: Option<IpAddr>,
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
        Ok(Zone { service, enumeration, instance, host, port, ip, txt: TXT::new(strings) })
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

    fn address(&self, qtype: RecordType) -> Option<Record> {
        let data = match (self.ip?, qtype) {
            (IpAddr::V4(ip), RecordType::A | RecordType::ANY) => RData::A(A::from(ip)),
            (IpAddr::V6(ip), RecordType::AAAA | RecordType::ANY) => RData::AAAA(AAAA::from(ip)),
            _ => return None,
        };
        Some(Self::record(&self.host, HOST_TTL, data, true))
    }

    /// The answer to one received message, or `None` when nothing should be sent.
    pub(crate) fn respond(&self, query: &Message, legacy_unicast: bool) -> Option<Message> {
        let meta = &query.metadata;
        // RFC 6762 §18: only standard queries with RCODE 0 are answered; responses are ignored.
        if meta.message_type != MessageType::Query
            || meta.op_code != OpCode::Query
            || meta.response_code != ResponseCode::NoError
        {
            return None;
        }
        let mut answers = Vec::new();
        let mut additionals = Vec::new();
        for q in &query.queries {
            if !matches!(q.query_class(), DNSClass::IN | DNSClass::ANY) {
                continue;
            }
            let (name, qtype) = (q.name(), q.query_type());
            let any = qtype == RecordType::ANY;
            if *name == self.service && (any || qtype == RecordType::PTR) {
                // RFC 6763 §12.1: a PTR answer brings its SRV, TXT and addresses along.
                answers.push(self.ptr());
                additionals.extend([self.srv(), self.txt()]);
                additionals.extend(self.address(RecordType::ANY));
            } else if *name == self.enumeration && (any || qtype == RecordType::PTR) {
                // RFC 6763 §9: service type enumeration.
                answers.push(self.enumeration_ptr());
            } else if *name == self.instance {
                if any || qtype == RecordType::SRV {
                    answers.push(self.srv());
                    additionals.extend(self.address(RecordType::ANY));
                }
                if any || qtype == RecordType::TXT {
                    answers.push(self.txt());
                }
            } else if *name == self.host {
                answers.extend(self.address(qtype));
            }
        }
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
        // RFC 6763 §12: no additional record that is already an answer, none twice.
        let mut extra: Vec<Record> = Vec::new();
        for r in additionals {
            let same = |x: &Record| x.name == r.name && x.data == r.data;
            if !answers.iter().any(same) && !extra.iter().any(same) {
                extra.push(r);
            }
        }
        // A multicast-style responder stays silent when it has nothing to say (RFC 6762 §6); a
        // legacy unicast querier gets an empty answer at once rather than a timeout.
        if answers.is_empty() && !legacy_unicast {
            return None;
        }
        let mut out = Message::response(if legacy_unicast { meta.id } else { 0 }, OpCode::Query);
        out.metadata.authoritative = true;
        for r in answers.iter_mut().chain(extra.iter_mut()) {
            if legacy_unicast {
                r.ttl = r.ttl.min(LEGACY_TTL);
                r.mdns_cache_flush = false;
            }
        }
        if legacy_unicast {
            // RFC 6762 §6.7: legacy unicast answers repeat the question.
            for q in &query.queries {
                let mut q = q.clone();
                q.set_mdns_unicast_response(false);
                out.add_query(q);
            }
        }
        if legacy_unicast && query.edns.is_some() {
            // RFC 6891 §6.1.1: a query with an OPT record gets one back.
            out.set_edns(Edns::new());
        }
        out.add_answers(answers);
        out.add_additionals(extra);
        Some(out)
    }
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
    use hickory_proto::op::Query;

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
}

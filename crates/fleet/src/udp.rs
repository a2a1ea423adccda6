//! The fleet's UDP services: SSDP (the router), CoAP and mDNS (the sensor), and the hostile
//! responder (garbage, oversized datagrams, several answers to one request). Each socket is
//! bound to the device's own loopback address; answers go back to the sender only.

use std::net::SocketAddr;

use hickory_proto::op::{Message, MessageType, OpCode};
use hickory_proto::rr::rdata::{PTR, SRV, TXT};
use hickory_proto::rr::{Name, RData, Record, RecordType};
use tokio::net::UdpSocket;

use crate::Profile;

/// The sensor's CoAP resources: (path, code, payload). 0x45 is 2.05 Content, 0x81 4.01.
const COAP_RESOURCES: &[(&str, u8, &str)] = &[
    (
        ".well-known/core",
        0x45,
        "</sensors/temp>;rt=\"temperature-c\";if=\"sensor\",</sensors/humidity>;rt=\"humidity\";if=\"sensor\",</config>;if=\"core.p\"",
    ),
    ("sensors/temp", 0x45, "21.5"),
    ("sensors/humidity", 0x45, "40"),
    ("config", 0x81, ""),
];

/// The sensor's mDNS names and TXT strings.
const SERVICE_TYPE: &str = "_coap._udp.local.";
const INSTANCE: &str = "thermo-1._coap._udp.local.";
const TXT_STRINGS: &[&str] = &["manufacturer=Acme Sensors", "model=TH-100", "fw=1.4.2"];

/// Serves one UDP port of a device until the task is aborted.
pub async fn serve(p: Profile, port: u16, sock: UdpSocket) {
    let mut buf = vec![0u8; 9000];
    let local = sock.local_addr().ok();
    loop {
        let Ok((n, from)) = sock.recv_from(&mut buf).await else { continue };
        let req = &buf[..n];
        let answers: Vec<Vec<u8>> = match (p, port) {
            (Profile::Garbage, _) => garbage(req),
            (_, 1900) => ssdp(req, local).into_iter().collect(),
            (_, 5683) => coap(req).into_iter().collect(),
            (_, 5353) => mdns(req).into_iter().collect(),
            _ => Vec::new(),
        };
        for a in answers {
            let _ = sock.send_to(&a, from).await;
        }
    }
}

fn ssdp(req: &[u8], local: Option<SocketAddr>) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(req);
    if !text.starts_with("M-SEARCH * HTTP/1.1\r\n") {
        return None;
    }
    let ip = local?.ip();
    Some(
        format!(
            "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: http://{ip}:8080/rootDesc.xml\r\nSERVER: Linux/4.14 UPnP/1.1 fleet-upnpd/1.0\r\nST: upnp:rootdevice\r\nUSN: uuid:fleet-router-0042::upnp:rootdevice\r\n\r\n"
        )
        .into_bytes(),
    )
}

/// A CoAP GET answered in an ACK (piggybacked), by this device's own reading of the request.
fn coap(req: &[u8]) -> Option<Vec<u8>> {
    if req.len() < 4 || req[0] >> 6 != 1 || req[1] != 0x01 {
        return None;
    }
    let tkl = (req[0] & 0x0f) as usize;
    let token = req.get(4..4 + tkl)?;
    let mut i = 4 + tkl;
    let mut number = 0usize;
    let mut path: Vec<String> = Vec::new();
    while i < req.len() && req[i] != 0xff {
        let mut delta = (req[i] >> 4) as usize;
        let mut len = (req[i] & 0x0f) as usize;
        i += 1;
        for v in [&mut delta, &mut len] {
            match *v {
                13 => {
                    *v = *req.get(i)? as usize + 13;
                    i += 1;
                }
                14 => {
                    *v = u16::from_be_bytes([*req.get(i)?, *req.get(i + 1)?]) as usize + 269;
                    i += 2;
                }
                15 => return None,
                _ => {}
            }
        }
        number += delta;
        let value = req.get(i..i + len)?;
        if number == 11 {
            path.push(String::from_utf8_lossy(value).into_owned());
        }
        i += len;
    }
    let path = path.join("/");
    let (code, payload) = COAP_RESOURCES.iter().find(|r| r.0 == path).map_or((0x84, ""), |r| (r.1, r.2));
    let mut out = vec![0x60 | tkl as u8, code, req[2], req[3]];
    out.extend_from_slice(token);
    if path == ".well-known/core" {
        out.extend_from_slice(&[0xC1, 40]); // Content-Format (12): application/link-format
    }
    if !payload.is_empty() {
        out.push(0xff);
        out.extend_from_slice(payload.as_bytes());
    }
    Some(out)
}

fn name(s: &str) -> Option<Name> {
    Name::from_ascii(s).ok()
}

/// Legacy unicast DNS-SD answers (RFC 6762 §6.7): the query's id and question, TTL 10.
fn mdns(req: &[u8]) -> Option<Vec<u8>> {
    let q = Message::from_vec(req).ok()?;
    if q.metadata.message_type != MessageType::Query {
        return None;
    }
    let mut out = Message::response(q.metadata.id, OpCode::Query);
    let instance = name(INSTANCE)?;
    let srv =
        Record::from_rdata(instance.clone(), 10, RData::SRV(SRV::new(0, 0, 5683, name("thermo-1.local.")?)));
    let txt = Record::from_rdata(
        instance.clone(),
        10,
        RData::TXT(TXT::new(TXT_STRINGS.iter().map(|s| s.to_string()).collect())),
    );
    for query in &q.queries {
        out.add_query(query.clone());
        let asked = query.name().to_ascii().to_ascii_lowercase();
        match (asked.as_str(), query.query_type()) {
            ("_services._dns-sd._udp.local.", RecordType::PTR) => {
                out.add_answer(Record::from_rdata(
                    query.name().clone(),
                    10,
                    RData::PTR(PTR(name(SERVICE_TYPE)?)),
                ));
            }
            (SERVICE_TYPE, RecordType::PTR) => {
                out.add_answer(Record::from_rdata(
                    query.name().clone(),
                    10,
                    RData::PTR(PTR(instance.clone())),
                ));
                out.add_additional(srv.clone());
                out.add_additional(txt.clone());
            }
            (INSTANCE, RecordType::TXT) => {
                out.add_answer(txt.clone());
            }
            (INSTANCE, RecordType::SRV) => {
                out.add_answer(srv.clone());
            }
            (INSTANCE, RecordType::ANY) => {
                out.add_answer(srv.clone());
                out.add_answer(txt.clone());
            }
            _ => {}
        }
    }
    if out.answers.is_empty() {
        return None;
    }
    out.to_vec().ok()
}

/// Four answers to any datagram: an oversized one (60,000 bytes) and three small ones, all
/// pseudo-random bytes that are no protocol (first byte 0xFF: not CoAP version 1, not
/// `HTTP/`; third byte 0: a DNS query, not a response).
fn garbage(req: &[u8]) -> Vec<Vec<u8>> {
    let mut x: u32 = 0x9e37_79b9 ^ req.len() as u32;
    let mut next = |n: usize| -> Vec<u8> {
        let mut b: Vec<u8> = (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x >> 24) as u8
            })
            .collect();
        b[0] = 0xff;
        b[2] = 0;
        b
    };
    vec![next(60_000), next(512), next(37), next(1400)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coap_answers_by_path() {
        // GET /sensors/temp, token 0x7A, message id 0x0102.
        let mut req = vec![0x41, 0x01, 1, 2, 0x7A, 0xB7];
        req.extend_from_slice(b"sensors");
        req.push(0x04);
        req.extend_from_slice(b"temp");
        let a = coap(&req).expect("answer");
        assert_eq!(&a[..5], &[0x61, 0x45, 1, 2, 0x7A]);
        assert!(a.ends_with(b"\xff21.5"));
        req[1] = 0x02; // POST: not answered
        assert!(coap(&req).is_none());
    }

    #[test]
    fn garbage_is_no_protocol() {
        let g = garbage(b"x");
        assert_eq!(g.len(), 4);
        assert!(g.iter().all(|d| d[0] == 0xff && d[2] == 0));
        assert!(g.iter().any(|d| d.len() > 9000));
    }
}

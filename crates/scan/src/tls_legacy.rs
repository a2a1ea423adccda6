//! Servers that speak only TLS 1.0 or 1.1: rustls refuses to handshake with them, so the scanner
//! recognises them itself. It sends a ClientHello offering only the old version
//! ([`crate::parse::legacy_client_hello`]) and reads the server's first flight, which before TLS
//! 1.3 is in clear: ServerHello (the version), Certificate (read as for any TLS service) and
//! ServerHelloDone. [`server_flight`] is the pure, fuzzed reader of that flight.

use std::net::SocketAddr;

use chrono::Utc;

use crate::engine::Scanner;
use crate::report::TlsInfo;

/// The legacy versions, newest first, with their names.
pub const LEGACY: [(u16, &str); 2] = [(0x0302, "TLSv1.1"), (0x0301, "TLSv1.0")];

/// What a server answered to a legacy ClientHello.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flight {
    /// More bytes are needed.
    Incomplete,
    /// The server chose `version`; `certificate` is its leaf certificate (DER) when it sent one.
    Hello { version: u16, certificate: Option<Vec<u8>> },
    /// An alert before any ServerHello: the offer was refused.
    Refused,
    /// Not a TLS answer.
    NotTls,
}

/// Reads TLS records from the start of what a server sent, joins their handshake fragments and
/// reads the messages up to ServerHelloDone (or the end of what arrived).
pub fn server_flight(bytes: &[u8]) -> Flight {
    let mut hs = Vec::new();
    let mut at = 0;
    while let Some(head) = bytes.get(at..at + 5) {
        if head[1] != 3 {
            return Flight::NotTls;
        }
        let len = u16::from_be_bytes([head[3], head[4]]) as usize;
        let Some(body) = bytes.get(at + 5..at + 5 + len) else { break };
        match head[0] {
            22 => hs.extend_from_slice(body),
            21 if hs.is_empty() => return Flight::Refused,
            _ => {}
        }
        at += 5 + len;
    }
    if at == 0 {
        return match bytes.first() {
            Some(21 | 22) | None => Flight::Incomplete,
            Some(_) => Flight::NotTls,
        };
    }
    let mut version = None;
    let mut certificate = None;
    let mut m = 0;
    while let Some(h) = hs.get(m..m + 4) {
        let len = u32::from_be_bytes([0, h[1], h[2], h[3]]) as usize;
        let Some(body) = hs.get(m + 4..m + 4 + len) else { break };
        match h[0] {
            2 => match body.get(0..2) {
                Some(v) => version = Some(u16::from_be_bytes([v[0], v[1]])),
                None => return Flight::NotTls,
            },
            11 => certificate = first_certificate(body),
            14 => {
                return match version {
                    Some(version) => Flight::Hello { version, certificate },
                    None => Flight::NotTls,
                };
            }
            _ => {}
        }
        m += 4 + len;
    }
    // No ServerHelloDone yet.
    Flight::Incomplete
}

/// The first certificate of a Certificate message body.
fn first_certificate(body: &[u8]) -> Option<Vec<u8>> {
    let list = body.get(0..3)?;
    let list_len = u32::from_be_bytes([0, list[0], list[1], list[2]]) as usize;
    let list = body.get(3..3 + list_len)?;
    let n = list.get(0..3)?;
    let n = u32::from_be_bytes([0, n[0], n[1], n[2]]) as usize;
    list.get(3..3 + n).map(<[u8]>::to_vec)
}

/// What a server that refused the modern handshake says to each legacy version offered alone:
/// the TLS facts when it accepted one (the newest as `version`), `None` otherwise.
pub(crate) async fn probe(s: &Scanner, addr: SocketAddr) -> Option<TlsInfo> {
    let mut info: Option<TlsInfo> = None;
    for (v, name) in LEGACY {
        let Ok(mut c) = s.connect(addr).await else { continue };
        let random: [u8; 32] = std::array::from_fn(|i| (i as u8).wrapping_mul(29).wrapping_add(3));
        if c.send(&crate::parse::legacy_client_hello(v, random)).await.is_err() {
            continue;
        }
        let raw = c.read_until(|b| server_flight(b) != Flight::Incomplete).await;
        let flight = server_flight(&raw);
        // A server may stop sending before ServerHelloDone: what arrived still names the version.
        let (version, certificate) = match flight {
            Flight::Hello { version, certificate } => (version, certificate),
            _ => match partial_hello(&raw) {
                Some(v) => (v, None),
                None => continue,
            },
        };
        if version != v {
            continue;
        }
        let i = info.get_or_insert_with(|| {
            let mut i = certificate
                .as_deref()
                .map(|der| crate::tls::cert_info(der, Utc::now()))
                .unwrap_or_else(crate::tls::no_cert);
            i.version = name.into();
            i
        });
        i.legacy_accepted.insert(0, name.into());
    }
    info
}

/// The version of a ServerHello at the start of an incomplete flight.
fn partial_hello(raw: &[u8]) -> Option<u16> {
    match crate::parse::tls_reply(raw) {
        crate::parse::TlsReply::ServerHello(v) => Some(v),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: u8, body: &[u8]) -> Vec<u8> {
        let mut r = vec![kind, 3, 1];
        r.extend_from_slice(&(body.len() as u16).to_be_bytes());
        r.extend_from_slice(body);
        r
    }

    fn message(kind: u8, body: &[u8]) -> Vec<u8> {
        let mut m = vec![kind];
        m.extend_from_slice(&(body.len() as u32).to_be_bytes()[1..]);
        m.extend_from_slice(body);
        m
    }

    fn flight(cert: &[u8]) -> Vec<u8> {
        let mut hello = vec![3, 1];
        hello.extend_from_slice(&[0; 32]);
        hello.extend_from_slice(&[0, 0xc0, 0x13, 0]);
        let mut certs = (cert.len() as u32).to_be_bytes()[1..].to_vec();
        certs.extend_from_slice(cert);
        let mut list = (certs.len() as u32).to_be_bytes()[1..].to_vec();
        list.extend_from_slice(&certs);
        let mut hs = message(2, &hello);
        hs.extend_from_slice(&message(11, &list));
        hs.extend_from_slice(&message(14, &[]));
        // Split over two records, as servers may.
        let mut out = record(22, &hs[..10]);
        out.extend_from_slice(&record(22, &hs[10..]));
        out
    }

    #[test]
    fn reads_version_and_certificate_across_records() {
        let f = flight(b"DER-BYTES");
        assert_eq!(
            server_flight(&f),
            Flight::Hello { version: 0x0301, certificate: Some(b"DER-BYTES".to_vec()) }
        );
        for cut in [0, 3, 7, 20, f.len() - 1] {
            assert_eq!(server_flight(&f[..cut]), Flight::Incomplete, "cut at {cut}");
        }
        assert_eq!(server_flight(&record(21, &[2, 70])), Flight::Refused);
        assert_eq!(server_flight(b"HTTP/1.1 400 Bad Request\r\n"), Flight::NotTls);
    }
}

//! A synthetic pcapng capture of a made-up plug (tests/data/synth-plug.toml): IPv4 and IPv6, TLS
//! with SNI, with only a certificate, on pre-shared keys, DNS, and every clear-text login the
//! observer knows.

use core::net::IpAddr;

use etherparse::PacketBuilder;
use iotlabel_capture::{Link, PcapNgWriter};

pub const DEVICE_MAC: [u8; 6] = [0x02, 0, 0, 0, 0, 0x50];
pub const PHONE_MAC: [u8; 6] = [0x02, 0, 0, 0, 0, 0x20];
pub const ROUTER_MAC: [u8; 6] = [0x02, 0, 0, 0, 0, 0x01];

pub struct Synth {
    w: PcapNgWriter<Vec<u8>>,
    t: u64,
}

fn ip(s: &str) -> IpAddr {
    s.parse().expect("address")
}

impl Synth {
    fn frame(
        &mut self,
        src: ([u8; 6], &str, u16),
        dst: ([u8; 6], &str, u16),
        tcp: Option<(u32, bool, bool)>,
        payload: &[u8],
    ) {
        let eth = PacketBuilder::ethernet2(src.0, dst.0);
        let b = match (ip(src.1), ip(dst.1)) {
            (IpAddr::V4(s), IpAddr::V4(d)) => eth.ipv4(s.octets(), d.octets(), 64),
            (IpAddr::V6(s), IpAddr::V6(d)) => eth.ipv6(s.octets(), d.octets(), 64),
            _ => panic!("mixed families"),
        };
        let mut buf = Vec::new();
        match tcp {
            Some((seq, syn, ack)) => {
                let mut t = b.tcp(src.2, dst.2, seq, 64240);
                if syn {
                    t = t.syn();
                }
                if ack {
                    t = t.ack(1);
                }
                t.write(&mut buf, payload).expect("tcp");
            }
            None => b.udp(src.2, dst.2).write(&mut buf, payload).expect("udp"),
        }
        self.t += 1000;
        self.w.packet(self.t, &buf).expect("write");
    }

    /// A TCP connection: SYN, SYN-ACK, then the client's and the server's payloads in turn.
    fn tcp(&mut self, c: ([u8; 6], &str, u16), s: ([u8; 6], &str, u16), talk: &[(bool, Vec<u8>)]) {
        let (mut cs, mut ss) = (1000u32, 5000u32);
        self.frame(c, s, Some((cs, true, false)), &[]);
        self.frame(s, c, Some((ss, true, true)), &[]);
        cs += 1;
        ss += 1;
        for (from_client, p) in talk {
            if *from_client {
                self.frame(c, s, Some((cs, false, true)), p);
                cs += p.len() as u32;
            } else {
                self.frame(s, c, Some((ss, false, true)), p);
                ss += p.len() as u32;
            }
        }
    }
}

fn record(ty: u8, body: &[u8]) -> Vec<u8> {
    let mut r = vec![ty, 3, 3];
    r.extend_from_slice(&(body.len() as u16).to_be_bytes());
    r.extend_from_slice(body);
    r
}

fn handshake(ty: u8, body: &[u8]) -> Vec<u8> {
    let mut h = vec![ty];
    h.extend_from_slice(&(body.len() as u32).to_be_bytes()[1..]);
    h.extend_from_slice(body);
    h
}

pub fn client_hello(sni: Option<&str>, suites: &[u16]) -> Vec<u8> {
    let mut b = vec![3, 3];
    b.extend_from_slice(&[7; 32]);
    b.push(0);
    b.extend_from_slice(&((suites.len() * 2) as u16).to_be_bytes());
    for s in suites {
        b.extend_from_slice(&s.to_be_bytes());
    }
    b.extend_from_slice(&[1, 0]);
    let mut ext = Vec::new();
    if let Some(n) = sni {
        let mut list = vec![0];
        list.extend_from_slice(&(n.len() as u16).to_be_bytes());
        list.extend_from_slice(n.as_bytes());
        let mut data = (list.len() as u16).to_be_bytes().to_vec();
        data.extend_from_slice(&list);
        ext.extend_from_slice(&0u16.to_be_bytes());
        ext.extend_from_slice(&(data.len() as u16).to_be_bytes());
        ext.extend_from_slice(&data);
    }
    b.extend_from_slice(&(ext.len() as u16).to_be_bytes());
    b.extend_from_slice(&ext);
    record(22, &handshake(1, &b))
}

pub fn server_hello(suite: u16, cert: Option<&[u8]>) -> Vec<u8> {
    let mut b = vec![3, 3];
    b.extend_from_slice(&[9; 32]);
    b.push(0);
    b.extend_from_slice(&suite.to_be_bytes());
    b.push(0);
    b.extend_from_slice(&0u16.to_be_bytes());
    let mut hs = handshake(2, &b);
    if let Some(der) = cert {
        let mut one = (der.len() as u32).to_be_bytes()[1..].to_vec();
        one.extend_from_slice(der);
        let mut list = (one.len() as u32).to_be_bytes()[1..].to_vec();
        list.extend_from_slice(&one);
        hs.extend_from_slice(&handshake(11, &list));
    }
    hs.extend_from_slice(&handshake(14, &[]));
    record(22, &hs)
}

fn dns_answer(id: u16, name: &str, v6: Option<[u8; 16]>) -> Vec<u8> {
    let mut m = Vec::new();
    m.extend_from_slice(&id.to_be_bytes());
    m.extend_from_slice(&[0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]);
    let mut q = Vec::new();
    for l in name.split('.') {
        q.push(l.len() as u8);
        q.extend_from_slice(l.as_bytes());
    }
    q.push(0);
    m.extend_from_slice(&q);
    m.extend_from_slice(&[0, 28, 0, 1]);
    m.extend_from_slice(&[0xc0, 12, 0, 28, 0, 1, 0, 0, 1, 0, 0, 16]);
    m.extend_from_slice(&v6.unwrap_or([0; 16]));
    m
}

/// A DHCP DISCOVER from `mac` with a host name and a MUD URL (option 161).
fn dhcp_discover(mac: [u8; 6], host: &str, mud: &str) -> Vec<u8> {
    let mut m = vec![1, 1, 6, 0, 0, 0, 0, 42, 0, 0, 0, 0];
    m.extend_from_slice(&[0; 16]);
    m.extend_from_slice(&mac);
    m.extend_from_slice(&[0; 10 + 64 + 128]);
    m.extend_from_slice(&[99, 130, 83, 99, 53, 1, 1]);
    m.push(12);
    m.push(host.len() as u8);
    m.extend_from_slice(host.as_bytes());
    m.push(161);
    m.push(mud.len() as u8);
    m.extend_from_slice(mud.as_bytes());
    m.push(255);
    m
}

/// The capture, as pcapng bytes.
pub fn capture(cert_der: &[u8]) -> Vec<u8> {
    let mut s =
        Synth { w: PcapNgWriter::new(Vec::new(), Link::ETHERNET).expect("writer"), t: 1_700_000_000_000_000 };
    let dev = |p| (DEVICE_MAC, "192.168.1.50", p);
    let dev6 = |p| (DEVICE_MAC, "fd00::50", p);
    let phone = |p| (PHONE_MAC, "192.168.1.20", p);
    let cloud = |a: &'static str, p| (ROUTER_MAC, a, p);
    // DHCP with the declared MUD URL: identifies the device without a map.
    let discover = dhcp_discover(DEVICE_MAC, "synth-plug", "https://plug.example/mud/synth-plug.json");
    s.frame((DEVICE_MAC, "0.0.0.0", 68), ([0xff; 6], "255.255.255.255", 67), None, &discover);
    // a. TLS with SNI.
    s.tcp(
        dev(40001),
        cloud("203.0.113.10", 443),
        &[(true, client_hello(Some("api.plug.example"), &[0xc02f])), (false, server_hello(0xc02f, None))],
    );
    // b. DNS (AAAA) then TLS over IPv6 without SNI: named by the DNS answer.
    let v6: core::net::Ipv6Addr = "2001:db8::10".parse().expect("v6");
    s.frame(
        (ROUTER_MAC, "fd00::1", 53),
        dev6(5300),
        None,
        &dns_answer(7, "mqtt.plug.example", Some(v6.octets())),
    );
    s.tcp(dev6(40002), (ROUTER_MAC, "2001:db8::10", 8883), &[(true, client_hello(None, &[0x1301]))]);
    // c. No SNI, a TLS 1.2 certificate names the server.
    s.tcp(
        dev(40003),
        cloud("198.51.100.7", 443),
        &[(true, client_hello(None, &[0xc02f])), (false, server_hello(0xc02f, Some(cert_der)))],
    );
    // d. Plain HTTP with Basic credentials to an undeclared host.
    s.tcp(
        dev(40004),
        cloud("198.51.100.99", 8080),
        &[(true, b"GET /up HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Basic dTpw\r\n\r\n".to_vec())],
    );
    // e. Telnet into the device (undeclared service).
    s.tcp(phone(50001), dev(23), &[(false, b"login: ".to_vec()), (true, b"root\r\n".to_vec())]);
    // f. MQTT CONNECT with credentials, no TLS.
    s.tcp(
        dev(40005),
        cloud("192.0.2.1", 1883),
        &[(true, vec![0x10, 12, 0, 4, b'M', b'Q', b'T', b'T', 4, 0xc2, 0, 60, 0, 0])],
    );
    // g. FTP login.
    s.tcp(
        dev(40006),
        cloud("192.0.2.2", 21),
        &[(false, b"220 hi\r\n".to_vec()), (true, b"USER bob\r\n".to_vec()), (true, b"PASS x\r\n".to_vec())],
    );
    // h. The declared local status page.
    s.tcp(phone(50002), dev(80), &[(true, b"GET / HTTP/1.1\r\nHost: 192.168.1.50\r\n\r\n".to_vec())]);
    // i. Pre-shared-key TLS: not attributable.
    s.tcp(
        dev(40007),
        cloud("203.0.113.77", 443),
        &[(true, client_hello(None, &[0x00ae, 0x00a8])), (false, server_hello(0x00ae, None))],
    );
    s.w.finish().expect("finish")
}

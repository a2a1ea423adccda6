//! Fuzzes what `iotlabel discover` reads from the network and the system with arbitrary bytes:
//! mDNS answers, SSDP answers, UPnP description documents and the neighbour tables (IPv4's text,
//! IPv6's netlink dump).
//!
//! Invariants: nothing panics; a packet that is not a DNS response adds nothing; every device
//! built from what was heard has only names that are not empty; a guess names a taxonomy term.
#![no_main]

use iotlabel_discover::{
    Heard, Upnp, device_of, parse_answer, parse_description, parse_netlink_neigh, parse_proc_arp,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut heard = Heard::default();
    if !heard.add_packet(data) {
        assert_eq!(heard, Heard::default());
    }
    let _ = parse_answer(data);
    let text = String::from_utf8_lossy(data);
    let mut upnp = Upnp::default();
    let _ = parse_description(&text, &mut upnp);
    let _ = parse_proc_arp(&text, "br0");
    let mut neighbours = std::collections::HashMap::new();
    let _ = parse_netlink_neigh(data, 2, &mut neighbours);
    assert!(neighbours.keys().all(std::net::IpAddr::is_ipv6));
    let dev = device_of("10.0.0.2".parse().expect("ip"), &heard, Some(upnp), None);
    assert!(dev.names.iter().all(|n| !n.is_empty()));
    if let Some(g) = dev.guess {
        assert!(!g.device_type.id.is_empty());
    }
});

//! Fuzzes the scanner's SSH parsers (a server's identification string and KEXINIT) and the
//! reader of a legacy TLS server's first flight, with arbitrary bytes.
//!
//! Invariants: nothing panics; the bytes an identification or a packet used are within the
//! input; error offsets are within the input; a flight's certificate is part of the input.
#![no_main]

use iotlabel_scan::ssh::{SshInfo, parse_ident, parse_kexinit, parse_server_hello, weak_algorithms, weak_rules};
use iotlabel_scan::tls_legacy::{Flight, server_flight};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match parse_ident(data) {
        Ok(Some((_, used))) => assert!(used <= data.len()),
        Ok(None) => {}
        Err(e) => assert!(e.offset <= data.len()),
    }
    match parse_kexinit(data) {
        Ok(Some((_, used))) => assert!(used <= data.len()),
        Ok(None) => {}
        Err(e) => assert!(e.offset <= data.len()),
    }
    if let Ok(Some((ident, k))) = parse_server_hello(data) {
        let info = SshInfo::new(ident, k);
        for w in weak_algorithms(&info, weak_rules()) {
            assert!(data.windows(w.name.len()).any(|x| x == w.name.as_bytes()));
        }
    }
    if let Flight::Hello { certificate: Some(c), .. } = server_flight(data) {
        assert!(c.len() <= data.len());
    }
});

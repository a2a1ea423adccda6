//! Fuzzes the scanner's protocol and banner parsers (what a device on the network sends) with
//! arbitrary bytes.
//!
//! Invariants: nothing panics; telnet stripping never grows the text; an MQTT packet's length is
//! within the input; a parsed HTTP status is a real status code; proof text stays bounded.
#![no_main]

use iotlabel_scan::parse::{
    HttpResponse, classify_greeting, ftp_reply, mqtt_packet, parse_http, proof, telnet_prompt, telnet_strip, tls_reply,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, reply, _) = telnet_strip(data);
    assert!(text.len() <= data.len());
    assert!(reply.len() <= data.len() + 2);
    let _ = telnet_prompt(data);
    let _ = classify_greeting(data);
    if let Some((code, _)) = ftp_reply(data) {
        assert!(code <= 999);
    }
    if let Some(HttpResponse { status, .. }) = parse_http(data) {
        assert!((100..=599).contains(&status));
    }
    let mut rest = data;
    while let Some((_, n)) = mqtt_packet(rest) {
        assert!(n >= 2 && n <= rest.len());
        rest = &rest[n..];
    }
    if let Some(body) = iotlabel_scan::parse::http_body(data) {
        assert!(body.len() <= data.len());
    }
    let _ = iotlabel_scan::label::read_well_known(80, data);
    let _ = tls_reply(data);
    assert!(proof(data, 64).len() <= 64 * 4 + 3);
    let _ = iotlabel_scan::tls::cert_info(data, chrono::DateTime::UNIX_EPOCH);
});

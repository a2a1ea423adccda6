//! Fuzzes the scanner's protocol and banner parsers (what a device on the network sends) with
//! arbitrary bytes: telnet, FTP, HTTP, MQTT, TLS, certificates, and CoAP (with the CoRE link
//! format), SSDP replies, UPnP device descriptions, DNS-SD answers, RTSP replies, digest
//! challenges, login forms and the form-login rule.
//!
//! Invariants: nothing panics; telnet stripping never grows the text; an MQTT packet's length is
//! within the input; a parsed HTTP or RTSP status is a real status code; proof text stays
//! bounded; a CoAP token is at most 8 bytes; link and option counts stay within their caps.
#![no_main]

use iotlabel_scan::parse::{
    HttpResponse, classify_greeting, ftp_reply, mqtt_packet, parse_http, proof, telnet_prompt, telnet_strip, tls_reply,
};
use iotlabel_scan::{coap, http_auth, mdns, rtsp, ssdp};
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

    // UDP services.
    if let Some(m) = coap::parse(data) {
        assert!(m.token.len() <= 8 && m.options.len() <= 64);
        let _ = m.code_text();
    }
    let text = String::from_utf8_lossy(data);
    let links = coap::links(&text);
    assert!(links.len() <= 64 && links.iter().all(|l| l.attributes.len() <= 16));
    if let Some(r) = ssdp::parse_reply(data)
        && let Some(l) = r.location
    {
        let _ = ssdp::http_url(&l);
    }
    let _ = ssdp::http_url(&text);
    if let Ok(d) = ssdp::parse_description(&text) {
        assert!(d.services.len() <= 64);
        let _ = d.igd_services();
    }
    if let Some(a) = mdns::parse(data) {
        for (_, strings) in &a.txt {
            let _ = mdns::identity(strings);
        }
    }

    // RTSP and HTTP logins.
    if let Some(r) = rtsp::parse_reply(data) {
        assert!((100..=599).contains(&r.status));
    }
    let values = http_auth::header_values(data, "www-authenticate");
    assert!(values.len() <= 16);
    let _ = http_auth::schemes(&values);
    let single = vec![text.to_string()];
    for v in [&values, &single] {
        if let Some(ch) = http_auth::digest_challenge(v) {
            let _ = http_auth::digest_authorization(&ch, "admin", "admin", "GET", "/", "c", 1);
        }
    }
    if let Some(f) = http_auth::find_login_form(&text) {
        let _ = http_auth::form_body(&f, "admin", "admin");
        let _ = http_auth::form_target("/", &f.action);
    }
    let _ = http_auth::form_login_succeeded(data, "/", "/login.cgi");
    let _ = http_auth::response_complete(data);
});

//! The protocol parsers added for UDP, RTSP and HTTP logins on arbitrary input (the fuzz target
//! runs the same on coverage-guided input): nothing panics, bounds hold, and a CoAP GET the
//! scanner builds is read back as sent.

use iotlabel_scan::{coap, http_auth, mdns, rtsp, ssdp};
use proptest::prelude::*;

proptest! {
    #[test]
    fn arbitrary_bytes(data in proptest::collection::vec(any::<u8>(), 0..600)) {
        if let Some(m) = coap::parse(&data) {
            prop_assert!(m.token.len() <= 8);
        }
        let text = String::from_utf8_lossy(&data);
        prop_assert!(coap::links(&text).len() <= 64);
        let _ = ssdp::parse_reply(&data);
        let _ = ssdp::parse_description(&text);
        let _ = mdns::parse(&data);
        if let Some(r) = rtsp::parse_reply(&data) {
            prop_assert!((100..=599).contains(&r.status));
        }
        let v = vec![text.to_string()];
        if let Some(ch) = http_auth::digest_challenge(&v) {
            let _ = http_auth::digest_authorization(&ch, "u", "p", "GET", "/", "c", 1);
        }
        let _ = http_auth::find_login_form(&text);
        let _ = http_auth::form_login_succeeded(&data, "/", "/x");
    }

    #[test]
    fn text_shaped_input(s in "[<>;,=\"a-z/ \\r\\n:]{0,200}") {
        prop_assert!(coap::links(&s).len() <= 64);
        let _ = http_auth::digest_challenge(&[format!("Digest {s}")]);
        let _ = http_auth::find_login_form(&format!("<form {s}><input type=password {s}>"));
        let _ = ssdp::http_url(&format!("http://{s}"));
    }

    #[test]
    fn coap_gets_round_trip(segments in proptest::collection::vec("[a-z0-9._-]{1,300}", 1..4), id in any::<u16>()) {
        let path = format!("/{}", segments.join("/"));
        let m = coap::parse(&coap::get(id, &[9, 8, 7], &path)).expect("parses");
        prop_assert_eq!(m.message_id, id);
        let back: Vec<String> = m.options.iter().map(|(_, v)| String::from_utf8_lossy(v).into_owned()).collect();
        let sent: Vec<String> = segments.iter().map(|s| s.chars().take(255).collect()).collect();
        prop_assert_eq!(back, sent);
    }
}

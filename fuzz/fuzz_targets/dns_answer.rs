//! Fuzzes the DNS-SD responder of `iotlabel advertise` with arbitrary UDP payloads: it must never
//! panic, and whatever it sends back must itself be a well-formed DNS response.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let advert = iotlabel_advertise::Advert::new(
        "acme-cam-2-b1-2-4-1",
        "https://registry.example/l/acme-cam-2-b1-2-4-1?d=0123456789abcdef",
        format!("sha256:{}", "a".repeat(64)),
        Some("https://acme.example/mud/cam2.json".to_owned()),
        "Acme",
        "Cam 2",
    );
    for legacy in [false, true] {
        let answer = iotlabel_advertise::dns_answer(&advert, "acme-cam", 8080, data, legacy)
            .expect("a valid advert always builds a zone");
        if let Some(bytes) = answer {
            let parsed = hickory_proto::op::Message::from_vec(&bytes).expect("answers are valid DNS");
            assert_eq!(parsed.metadata.message_type, hickory_proto::op::MessageType::Response);
        }
    }
});

//! Fuzzes the capture reader and the observation (`iotlabel_capture::FrameReader`,
//! `iotlabel_observe::Observer`, `judge`) and the payload readers (TLS, DHCP, HTTP, MQTT, FTP,
//! X.509 names) with arbitrary bytes.
//!
//! The first byte picks the mode: as a whole file (odd), or as the packets of a pcap file whose
//! header is given (even; the rest split into frames by a length byte), so the fuzzer reaches
//! the decoders without having to find a valid header first.
//!
//! Invariants: nothing panics; a refusal names the file, is located inside the input and ends
//! the stream; frames are numbered 1, 2, 3 ... at increasing offsets; every frame number an
//! observation cites exists.
#![no_main]

use iotlabel_capture::FrameReader;
use iotlabel_observe::map::{Address, Mapped, Role};
use iotlabel_observe::{Inputs, Observer, judge, proto};
use libfuzzer_sys::fuzz_target;

const DECLARATION: &str = include_str!("../../examples/devices/deltaco-outdoor-plug.toml");

fn as_pcap(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0];
    let mut rest = data;
    let mut t = 0u32;
    while let Some((&n, tail)) = rest.split_first() {
        let n = usize::from(n).min(tail.len());
        t += 1;
        out.extend_from_slice(&t.to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(&(n as u32).to_le_bytes());
        out.extend_from_slice(&(n as u32).to_le_bytes());
        out.extend_from_slice(&tail[..n]);
        rest = &tail[n..];
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, body)) = data.split_first() else { return };
    let bytes = if mode & 1 == 1 { body.to_vec() } else { as_pcap(body) };
    let _ = proto::read_dhcp(body);
    let _ = proto::read_http(body);
    let _ = proto::mqtt_connect(body);
    let _ = proto::ftp_login(body);
    let _ = iotlabel_observe::cert::names(body);
    let mut facts = proto::TlsFacts::default();
    proto::read_tls(body, &mut facts);

    let mut r = match FrameReader::new("fuzz.pcap", &bytes[..]) {
        Ok(r) => r,
        Err(e) => {
            assert!(e.offset <= bytes.len() as u64 && e.file == "fuzz.pcap");
            return;
        }
    };
    let mut o = Observer::new();
    let (mut n, mut last) = (0u64, 0u64);
    while let Some(f) = r.next_frame() {
        match f {
            Ok(f) => {
                n += 1;
                assert_eq!(f.number, n);
                assert!(f.offset >= last && f.offset < bytes.len() as u64);
                last = f.offset;
                o.feed(&f);
            }
            Err(e) => {
                assert!(e.offset <= bytes.len() as u64, "offset {} beyond {}", e.offset, bytes.len());
                assert_eq!(e.frame, n + 1);
                break;
            }
        }
    }
    assert!(r.next_frame().is_none(), "the stream ends after an error or the end");
    let seen = o.finish();
    let decl = iotlabel_model::parse_declaration("d.toml", DECLARATION, iotlabel_model::Format::Toml)
        .expect("the example declaration parses");
    let map = [Mapped {
        index: 0,
        address: Address::Ip("192.168.4.19".parse().expect("ip")),
        name: "plug".into(),
        role: Role::Device,
    }];
    if let Ok(obs) = judge(&seen, &Inputs { file: "fuzz.pcap", format: "pcap", declaration: &decl, map: &map }) {
        for c in &obs.connections {
            assert!(c.frames.first.iter().all(|&f| f >= 1 && f <= n));
        }
        let _ = iotlabel_observe::text::render(&obs);
        let _ = serde_json::to_string(&obs).expect("serialises");
    }
});

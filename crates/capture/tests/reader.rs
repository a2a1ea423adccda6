//! The frame reader over real captures (../shared/pcap, beside the workspace), pcapng written
//! here, and broken input: every cut and every corrupted header gives a located error, never a
//! panic.

use std::path::PathBuf;

use iotlabel_capture::{CaptureError, Decoded, Format, FrameReader, Link, PcapNgWriter, decode, dns_answers};

fn shared(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/pcap").join(rel);
    std::fs::read(&p)
        .unwrap_or_else(|e| panic!("{}: {e} (the shared captures sit beside the workspace)", p.display()))
}

fn read_all(name: &str, bytes: &[u8]) -> Result<Vec<(u64, u64, usize)>, CaptureError> {
    let mut r = FrameReader::new(name, bytes)?;
    let mut out = Vec::new();
    while let Some(f) = r.next_frame() {
        let f = f?;
        out.push((f.number, f.offset, f.data.len()));
    }
    Ok(out)
}

#[test]
fn real_pcap_frames_are_numbered_and_located() {
    let bytes = shared("toolsaf/deltaco-setup.pcap");
    let frames = read_all("deltaco-setup.pcap", &bytes).expect("reads");
    assert_eq!(frames.len(), 2349);
    // Offsets walk the file exactly: header, then 16 bytes + data per packet.
    let mut at = 24u64;
    for (i, (n, off, len)) in frames.iter().enumerate() {
        assert_eq!(*n, i as u64 + 1);
        assert_eq!(*off, at);
        at += 16 + *len as u64;
    }
    assert_eq!(at, bytes.len() as u64);
}

#[test]
fn dns_answers_are_read() {
    let bytes = shared("toolsaf/dns.pcap");
    let mut r = FrameReader::new("dns.pcap", &bytes[..]).expect("opens");
    let mut names = Vec::new();
    while let Some(f) = r.next_frame() {
        let f = f.expect("frame");
        if let Decoded::Ip(p) = decode(f.link, f.data)
            && let Some(a) = dns_answers(p.payload)
        {
            names.push(a);
        }
    }
    assert_eq!(
        names,
        vec![("avs-alexa-na.amazon.com".to_string(), vec!["54.239.21.157".parse().expect("ip")])]
    );
}

/// The same frames written as pcapng read back the same, with pcapng offsets.
#[test]
fn pcapng_round_trip() {
    let bytes = shared("toolsaf/test.pcap");
    let mut r = FrameReader::new("test.pcap", &bytes[..]).expect("opens");
    let mut w = PcapNgWriter::new(Vec::new(), Link::ETHERNET).expect("writer");
    let mut want = Vec::new();
    while let Some(f) = r.next_frame() {
        let f = f.expect("frame");
        want.push((f.time_us, f.data.to_vec()));
        w.packet(f.time_us, f.data).expect("write");
    }
    let ng = w.finish().expect("finish");
    let mut r = FrameReader::new("test.pcapng", &ng[..]).expect("opens");
    assert_eq!(r.format(), Format::PcapNg);
    let mut got = Vec::new();
    let mut last = 0;
    while let Some(f) = r.next_frame() {
        let f = f.expect("frame");
        assert!(f.offset >= 48 && f.offset > last);
        last = f.offset;
        got.push((f.time_us, f.data.to_vec()));
    }
    assert_eq!(got, want);
}

#[test]
fn raw_ip_and_ipv6_decode() {
    use etherparse::PacketBuilder;
    let mut v6 = Vec::new();
    PacketBuilder::ipv6([0xfd; 16], [0x20; 16], 64).udp(5000, 53).write(&mut v6, b"x").expect("builds");
    match decode(Link::RAW, &v6) {
        Decoded::Ip(p) => {
            assert_eq!((p.sport, p.dport, p.proto), (5000, 53, 17));
            assert!(p.src.is_ipv6() && p.src_mac.is_none());
        }
        other => panic!("not decoded: {other:?}"),
    }
    assert!(matches!(decode(Link(9999), &v6), Decoded::Other));
}

/// A capture cut anywhere gives either the frames before the cut (a cut between records) or an
/// error naming the file, the frame and the byte offset of the broken record.
#[test]
fn every_truncation_is_located() {
    let bytes = shared("toolsaf/dhcp.pcap");
    let full = read_all("dhcp.pcap", &bytes).expect("reads");
    let boundaries: Vec<u64> = full.iter().map(|f| f.1).chain([bytes.len() as u64]).collect();
    for cut in 0..bytes.len() {
        match read_all("dhcp.pcap", &bytes[..cut]) {
            Ok(frames) => {
                assert!(boundaries.contains(&(cut as u64)), "cut at {cut} read without error");
                assert!(frames.len() < full.len());
            }
            Err(e) => {
                assert_eq!(e.file, "dhcp.pcap");
                let text = e.to_string();
                assert!(text.starts_with("dhcp.pcap: "), "{text}");
                if cut >= 24 {
                    let frame = boundaries.iter().take_while(|&&b| b <= cut as u64).count() as u64;
                    assert_eq!(e.frame, frame, "cut at {cut}: {text}");
                    assert_eq!(e.offset, boundaries[frame as usize - 1], "cut at {cut}: {text}");
                    assert!(text.contains("truncated"), "{text}");
                }
            }
        }
    }
}

#[test]
fn corrupt_lengths_are_refused() {
    let bytes = shared("toolsaf/dhcp.pcap");
    let mut bad = bytes.clone();
    // The second packet's captured length (its header is at 24 + 16 + len1).
    let len1 = u32::from_le_bytes([bytes[32], bytes[33], bytes[34], bytes[35]]) as usize;
    let at = 24 + 16 + len1;
    bad[at + 8..at + 12].copy_from_slice(&u32::MAX.to_le_bytes());
    let e = read_all("bad.pcap", &bad).expect_err("refused");
    assert_eq!((e.frame, e.offset), (2, at as u64));
    assert!(e.message.contains("captured length"), "{e}");

    let mut w = PcapNgWriter::new(Vec::new(), Link::ETHERNET).expect("writer");
    w.packet(1, &[0u8; 60]).expect("write");
    w.packet(2, &[0u8; 60]).expect("write");
    let mut ng = w.finish().expect("finish");
    let second = 48 + 92;
    ng[second + 4] = 7; // a total length that is not a multiple of 4
    let e = read_all("bad.pcapng", &ng).expect_err("refused");
    assert_eq!((e.frame, e.offset), (2, second as u64));
    assert!(e.to_string().contains("bad.pcapng: frame 2 at byte 140"), "{e}");

    for junk in [&b""[..], b"abc", b"GIF89a not a capture at all"] {
        let e = read_all("junk", junk).expect_err("refused");
        assert_eq!(e.offset, 0);
    }
}

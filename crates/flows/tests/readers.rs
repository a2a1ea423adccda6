//! The readers on bad input: every refusal located (file, line and column, or byte offset),
//! with what was expected. Text cases are fixture files in `tests/data/bad/` beside the message
//! they must give (`NAME.expected`); IPFIX cases are built from a good message, broken one way
//! each.

use std::io::Cursor;
use std::path::Path;

use iotlabel_flows::ipfix::{IpfixReader, IpfixWriter, SourceIsDevice, WireFlow};
use iotlabel_flows::text::{CsvReader, JsonLinesReader};
use iotlabel_flows::{Direction, FlowRecord, Mac, ReadError, read_devices, read_names};

/// The first error the right reader gives on `input` (by the file name's ending).
fn first_error(name: &str, input: &[u8]) -> Option<ReadError> {
    let text = || String::from_utf8_lossy(input).into_owned();
    if name.ends_with(".devices.csv") {
        return read_devices(name, &text()).err();
    }
    if name.ends_with(".names.csv") {
        return read_names(name, &text()).err();
    }
    if name.ends_with(".csv") {
        return CsvReader::new(name, Cursor::new(input)).find_map(Result::err);
    }
    if name.ends_with(".jsonl") {
        return JsonLinesReader::new(name, Cursor::new(input)).find_map(Result::err);
    }
    let mut r = IpfixReader::new(name, Cursor::new(input));
    while let Some(x) = r.next_wire() {
        if let Err(e) = x {
            assert!(r.next_wire().is_none(), "{name}: the stream ends after an error");
            return Some(e);
        }
    }
    None
}

/// The one check: `input` is refused with exactly `expect`.
fn check(name: &str, input: &[u8], expect: &str) {
    let got = first_error(name, input).map(|e| e.to_string());
    assert_eq!(got.as_deref(), Some(expect.trim_end()), "{name}");
}

#[test]
fn bad_text_inputs_are_refused_with_their_location() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad");
    let mut n = 0;
    let mut entries: Vec<_> =
        std::fs::read_dir(&dir).expect("fixtures").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).expect("name").to_string();
        if name.ends_with(".expected") {
            continue;
        }
        let expect = std::fs::read_to_string(dir.join(format!("{name}.expected")))
            .expect("each fixture has its .expected");
        check(&name, &std::fs::read(&p).expect("read"), &expect);
        n += 1;
    }
    assert!(n >= 8, "fixtures found: {n}");
}

fn good() -> Vec<u8> {
    let mut w = IpfixWriter::new(Vec::new(), 9);
    for i in 0..3u8 {
        w.write(&WireFlow {
            time_ms: 1_780_000_000_000 + u64::from(i),
            src_mac: Some(Mac([2, 0, 0, 0, 0, i])),
            dst_mac: None,
            src_ip: Some(format!("10.0.0.{i}").parse().expect("ip")),
            dst_ip: Some("2001:db8::1".parse().expect("ip")),
            src_port: 40000,
            dst_port: 443,
            protocol: 6,
            bytes: 1000,
            packets: 10,
        })
        .expect("write");
    }
    w.finish().expect("finish")
}

#[test]
fn ipfix_reads_back_what_was_written() {
    let bytes = good();
    let flows: Vec<FlowRecord> = IpfixReader::new("good.ipfix", Cursor::new(bytes))
        .oriented(SourceIsDevice)
        .collect::<Result<_, _>>()
        .expect("reads");
    assert_eq!(flows.len(), 3);
    let f = &flows[2];
    assert_eq!(
        (f.time_ms, f.device_mac, f.direction),
        (1_780_000_000_002, Some(Mac([2, 0, 0, 0, 0, 2])), Direction::FromDevice)
    );
    // IPv4 with an IPv6 peer goes out as IPv4-mapped IPv6 (template 257).
    assert_eq!(f.device_ip.to_string(), "::ffff:10.0.0.2");
    assert_eq!((f.peer_port, f.protocol, f.bytes, f.packets), (443, 6, 1000, 10));
}

#[test]
fn bad_ipfix_is_refused_with_its_byte_offset() {
    let g = good();
    let set_len_at = 16 + 2; // the first set's length field
    let cut_body = format!(
        "cut-body.ipfix at byte 40: the input ends inside a message of {} bytes (expected the whole message)",
        g.len()
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "version.ipfix",
            {
                let mut b = g.clone();
                b[1] = 9;
                b
            },
            "version.ipfix at byte 0: version 9 is not IPFIX (expected version 10 (RFC 7011); NetFlow v5 and v9 are not read)",
        ),
        (
            "cut-header.ipfix",
            g[..10].to_vec(),
            "cut-header.ipfix at byte 0: the input ends inside a message header (10 of 16 bytes) (expected a 16-byte IPFIX message header)",
        ),
        ("cut-body.ipfix", g[..40].to_vec(), &cut_body),
        (
            "set-length.ipfix",
            {
                let mut b = g.clone();
                b[set_len_at] = 0xff;
                b
            },
            "set-length.ipfix at byte 18: set length 65372 does not fit the message (expected a set length between 4 and the rest of the message)",
        ),
        (
            "reserved-set.ipfix",
            {
                let mut b = g.clone();
                b[17] = 7;
                b
            },
            "reserved-set.ipfix at byte 16: set id 7 is reserved (expected 2 (templates), 3 (options templates) or 256 and above (data))",
        ),
        (
            "short-message.ipfix",
            {
                let mut b = g.clone();
                b[2] = 0;
                b[3] = 8;
                b
            },
            "short-message.ipfix at byte 2: message length 8 is shorter than its header (expected a length of at least 16)",
        ),
        (
            "address-length.ipfix",
            {
                let mut b = g.clone();
                b[20 + 4 + 2 * 4 + 3] = 5;
                b
            },
            "address-length.ipfix at byte 34: element 80 has length 5 (expected the length RFC 7012 gives its type (or a reduced size for counters))",
        ),
    ];
    for (name, bytes, expect) in cases {
        check(name, &bytes, expect);
    }
}

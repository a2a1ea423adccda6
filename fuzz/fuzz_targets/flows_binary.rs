//! Fuzzes the binary flow record reader (`iotlabel_flows::binary::BinaryReader`) with
//! arbitrary bytes.
//!
//! Invariants: nothing panics; a refusal is located at a byte offset inside the input and ends
//! the stream; flows read are at most one per 80 bytes of input; what is read writes back
//! (`BinaryWriter`) and reads again to the same records.
#![no_main]

use iotlabel_flows::At;
use iotlabel_flows::binary::{BinaryReader, BinaryWriter, FLOW_LEN};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut r = BinaryReader::new("fuzz.flows", data);
    let mut flows = Vec::new();
    while let Some(x) = r.next() {
        match x {
            Ok(f) => flows.push(f),
            Err(e) => {
                let At::Offset(o) = e.at else { panic!("binary input located by line") };
                assert!(o <= data.len() as u64, "offset {o} beyond {}", data.len());
                assert!(r.next().is_none(), "the stream ends after an error");
                break;
            }
        }
    }
    assert!(flows.len() <= data.len() / FLOW_LEN);
    let mut w = BinaryWriter::new(Vec::new()).expect("header");
    for f in &flows {
        w.write(f).expect("a name the reader accepted is writable");
    }
    let bytes = w.finish().expect("finish");
    let back: Vec<_> = BinaryReader::new("again.flows", &bytes[..]).map(|f| f.expect("reads again")).collect();
    assert_eq!(back, flows);
});

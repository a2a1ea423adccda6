//! Fuzzes the IPFIX reader (`iotlabel_flows::ipfix::IpfixReader`) with arbitrary bytes.
//!
//! Invariants: nothing panics; a refusal is located at a byte offset inside the input and ends
//! the stream; flows read are at most one per byte of input.
#![no_main]

use iotlabel_flows::At;
use iotlabel_flows::ipfix::{IpfixReader, SourceIsDevice, WireFlow};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut r = IpfixReader::new("fuzz.ipfix", data);
    let mut n = 0usize;
    while let Some(x) = r.next_wire() {
        match x {
            Ok(w) => {
                n += 1;
                let _ = WireFlow::orient(&w, &SourceIsDevice);
            }
            Err(e) => {
                let At::Offset(o) = e.at else { panic!("binary input located by line") };
                assert!(o <= data.len() as u64, "offset {o} beyond {}", data.len());
                assert!(r.next_wire().is_none(), "the stream ends after an error");
                break;
            }
        }
    }
    assert!(n <= data.len());
});

//! Fuzzes the text flow readers (CSV, JSON Lines) and the devices and names tables with
//! arbitrary text.
//!
//! Invariants: nothing panics; every refusal is located at a line of the input; a record read
//! writes back to CSV that reads to the same record.
#![no_main]

use iotlabel_flows::text::{CsvReader, JsonLinesReader};
use iotlabel_flows::{At, CSV_HEADER, read_devices, read_names};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = text.split('\n').count() as u64;
    let in_input = |at: At| matches!(at, At::Line { line, .. } if line >= 1 && line <= lines + 1);
    for r in CsvReader::new("fuzz.csv", text.as_bytes()) {
        match r {
            Ok(f) => {
                let again = format!("{CSV_HEADER}\n{}\n", f.to_csv());
                let back: Vec<_> = CsvReader::new("again.csv", again.as_bytes()).collect();
                if f.peer_name.as_deref().is_none_or(|n| !n.is_empty() && !n.ends_with('.')) {
                    assert_eq!(back.len(), 1);
                    assert_eq!(back[0].as_ref().ok(), Some(&f));
                }
            }
            Err(e) => assert!(in_input(e.at), "{e}"),
        }
    }
    for r in JsonLinesReader::new("fuzz.jsonl", text.as_bytes()) {
        if let Err(e) = r {
            assert!(in_input(e.at), "{e}");
        }
    }
    if let Err(e) = read_devices("devices.csv", text) {
        assert!(in_input(e.at), "{e}");
    }
    if let Err(e) = read_names("names.csv", text) {
        assert!(in_input(e.at), "{e}");
    }
});

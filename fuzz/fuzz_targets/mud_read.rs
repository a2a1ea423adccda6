//! Fuzzes the MUD reader (`iotlabel_mud::read`, strict and lenient) and the compiler with
//! arbitrary text.
//!
//! Invariants: nothing panics; every refusal is located (a JSON path from `$`, a line of the
//! input); a file strict mode accepts, lenient mode accepts unchanged; an accepted file writes
//! back to JSON that strict mode reads to an equal value (lenient output is normalised); every
//! accepted file compiles to a ruleset for a device.
#![no_main]

use iotlabel_mud::nft::{Device, Site, compile};
use iotlabel_mud::{Mode, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = text.split('\n').count();
    for mode in [Mode::Strict, Mode::Lenient] {
        match read("fuzz.json", text, mode) {
            Ok(loaded) => {
                let written = serde_json::to_string(&loaded.mud).expect("serialises");
                if loaded.mud.mud.mud_url.is_some() {
                    let again = read("again.json", &written, Mode::Strict).expect("written form reads strictly");
                    assert_eq!(again.mud, loaded.mud);
                }
                if mode == Mode::Strict {
                    let lenient = read("fuzz.json", text, Mode::Lenient).expect("lenient reads what strict reads");
                    assert_eq!(lenient.mud, loaded.mud);
                }
                let dev = Device { id: "d".into(), mac: Some("02:00:00:00:00:01".into()), ..Default::default() };
                let rs = compile([(&loaded.mud, &dev)], &Site::default()).expect("compiles");
                assert!(rs.to_nft().contains("chain d_from"));
            }
            Err(d) => {
                assert!(!d.diagnostics.is_empty());
                for x in &d.diagnostics {
                    assert!(x.path.starts_with('$'), "{}", x.path);
                    assert!(x.line >= 1 && x.line <= lines, "line {} of {lines}", x.line);
                }
            }
        }
    }
});

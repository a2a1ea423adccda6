//! Buyer profiles (issue 16): any text read as a profile file and as URL query parameters never
//! panics; an accepted profile reads back equal from the TOML and the query it writes; a refused
//! one says where and why.

#![no_main]

use iotlabel_advice::{parse_profile, parse_query};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = text.split('\n').count();
    match parse_profile("fuzz.toml", text) {
        Ok(p) => {
            let again = parse_profile("again.toml", &p.to_toml()).expect("a profile reads back from its TOML");
            assert_eq!(again, p);
            let q = parse_query("query", &p.to_query()).expect("a profile reads back from its query");
            assert_eq!(q, p);
        }
        Err(d) => {
            assert!(!d.diagnostics.is_empty());
            for x in &d.diagnostics {
                assert!(!x.message.trim().is_empty(), "{x:?}");
                assert!(x.line <= lines, "{x:?}");
            }
        }
    }
    if let Ok(p) = parse_query("query", text) {
        assert_eq!(parse_query("query", &p.to_query()).expect("reads back"), p);
        assert_eq!(parse_profile("p.toml", &p.to_toml()).expect("reads back"), p);
    }
});

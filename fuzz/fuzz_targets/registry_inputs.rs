//! Fuzzes what the registry reads from strangers besides signed statements: VEX documents
//! (`iotlabel_registry::vex::read`), label bundles (`verify_bundle`, as `iotlabel verify
//! --bundle` reads them) and C2SP tile paths (`iotlabel_tlog::tiles::parse`).
//!
//! Invariants: nothing panics; an accepted VEX states at least one vulnerability, each with an
//! id; a refused one names a path under `$.statement.payload`; a bundle that verifies proves the
//! label it names; a tile path that parses writes back to the same path.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    match selector % 3 {
        0 => {
            let Ok(doc) = serde_json::from_str::<serde_json::Value>(text) else { return };
            match iotlabel_registry::vex::read(&doc) {
                Ok((_, vulns)) => {
                    assert!(!vulns.is_empty());
                    assert!(vulns.iter().all(|v| !v.id.trim().is_empty()));
                }
                Err(r) => assert!(r.path.as_deref().is_some_and(|p| p.starts_with("$.statement.payload")), "{r:?}"),
            }
        }
        1 => {
            let Ok(bundle) = serde_json::from_str::<iotlabel_registry::Bundle>(text) else { return };
            let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).expect("a date");
            let cats = iotlabel_catalog::Catalogs::builtin();
            if let Ok(proved) = iotlabel_registry::verify_bundle(&bundle, None, cats, today) {
                assert_eq!(proved.derived.record.id, bundle.label);
            }
        }
        _ => {
            if let Some(t) = iotlabel_tlog::tiles::parse(text) {
                let level = t.level.map_or_else(|| "entries".to_owned(), |l| l.to_string());
                let width = if u64::from(t.width) == iotlabel_tlog::tiles::TILE_WIDTH { String::new() } else { format!(".p/{}", t.width) };
                assert_eq!(format!("{level}/{}{width}", iotlabel_tlog::tiles::index_path(t.index)), text);
            }
        }
    }
});

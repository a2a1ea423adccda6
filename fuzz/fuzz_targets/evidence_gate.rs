//! Fuzzes how evidence is weighed against a declaration: arbitrary bytes read as an evidence file
//! (TOML and JSON) with the CLI's checks run inside the parser (known targets, the tested device,
//! the device binding), then, when accepted, assessed against the Fortis Lock Pro example with and
//! without `--allow-unbound-evidence`.
//!
//! Invariants: nothing panics; an accepted file names its device unless unbound evidence was
//! allowed; the bulk verdicts (`verdicts`) and the explained report (`assess`) agree; every note
//! renders in English and French without a missing message.
#![no_main]

use chrono::NaiveDate;
use iotlabel_catalog::Catalogs;
use iotlabel_model::{Declaration, Evidence, Format};
use libfuzzer_sys::fuzz_target;

const DECLARATION: &str = include_str!("../../examples/devices/fortis-lock-pro.toml");

fn engine() -> &'static iotlabel_assess::Engine<'static> {
    static ENGINE: std::sync::OnceLock<iotlabel_assess::Engine<'static>> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| iotlabel_assess::Engine::new(Catalogs::builtin()))
}

fn declaration() -> &'static Declaration {
    static CELL: std::sync::OnceLock<Declaration> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        iotlabel_model::parse_declaration("fortis-lock-pro.toml", DECLARATION, Format::Toml)
            .expect("the example declaration is valid")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let decl = declaration();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    for format in [Format::Json, Format::Toml] {
        for allow_unbound in [false, true] {
            let checks = |ev: &Evidence| {
                let mut issues = iotlabel_assess::check_evidence_targets(Catalogs::builtin(), ev);
                issues.extend(iotlabel_assess::check_evidence_bound(ev, allow_unbound));
                issues.extend(iotlabel_assess::check_evidence_device(decl, ev));
                issues
            };
            let Ok(ev) = iotlabel_model::parse_evidence_with("fuzz", text, format, &checks) else { continue };
            assert!(allow_unbound || ev.device.is_some(), "evidence naming no device was accepted");
            let report = engine().assess(decl, Some(&ev), &[], as_of);
            let bulk = engine().verdicts(decl, Some(&ev), &[], as_of);
            let explained: Vec<_> = report.controls.iter().map(|c| c.verdict).collect();
            assert_eq!(bulk.controls, explained, "bulk and explained control verdicts differ");
            for (b, f) in bulk.frameworks.iter().zip(&report.frameworks) {
                assert_eq!((b.verdict, b.level), (f.verdict, f.level), "{} differs", f.id);
            }
            for note in &report.notes {
                for lang in [iotlabel_i18n::Lang::En, iotlabel_i18n::Lang::Fr] {
                    let text = note.text(lang);
                    assert!(!text.is_empty(), "an empty note");
                }
            }
        }
    }
});

//! Fuzzes the evidence importers' SBOM adapters (CycloneDX with VEX, SPDX 2 and 3) with arbitrary bytes, both with the format forced and
//! detected.
//!
//! Invariants: nothing panics; every refusal names at least one problem, each located (line,
//! offset or field path); what is accepted is valid evidence (the model's own checks).
#![no_main]

use chrono::NaiveDate;
use iotlabel_import::{Format, Options, Table, import};
use iotlabel_model::{EVIDENCE_VERSION, Evidence, validate_evidence};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = Options {
        tester: "Fuzz Lab",
        date: None,
        today: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
        table: Table::builtin(),
    };
    for format in [None, Some(Format::CycloneDx), Some(Format::Spdx)] {
        match import("fuzz", format, data, 1, &opts) {
            Ok(imp) => {
                let ev = Evidence { schema_version: EVIDENCE_VERSION.into(), device: None, items: imp.items };
                if ev.items.len() <= iotlabel_model::text::MAX_EVIDENCE_ITEMS {
                    assert_eq!(validate_evidence(&ev), vec![]);
                }
            }
            Err(e) => {
                assert!(!e.problems.is_empty());
                for p in &e.problems {
                    assert!(p.at.line.is_some() || p.at.offset.is_some() || p.at.path.is_some(), "{e}");
                }
            }
        }
    }
});

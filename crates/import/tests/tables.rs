//! The data tables: the mapping table names only known controls and methods, every kind the
//! adapters emit has a catch-all rule, and the test units cover the reference CSV's 226 units.
//! And no input, however cut or damaged, makes an adapter panic.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;
use iotlabel_catalog::Catalogs;
use iotlabel_import::coverage::{Performer, Units};
use iotlabel_import::{Format, Options, Table, import};

#[test]
fn the_mapping_table_names_known_controls_and_ends_each_kind_with_a_catch_all() {
    let t = Table::builtin();
    assert_eq!(t.schema_version, "1");
    assert!(t.rules.len() >= 30, "{} rules", t.rules.len());
    let cats = Catalogs::builtin();
    let mut kinds = BTreeSet::new();
    for r in &t.rules {
        assert!(
            cats.control(&r.control).is_some(),
            "rule for {} names unknown control {}",
            r.kind,
            r.control
        );
        kinds.insert(r.kind.as_str());
    }
    for kind in &kinds {
        let last = t.rules.iter().rev().find(|r| r.kind == *kind).expect("a rule");
        assert!(
            last.values.is_empty() && last.min_score.is_none(),
            "the last rule of {kind} must match every value (a catch-all), so no finding is left unmapped"
        );
    }
    for kind in [
        "nmap.service",
        "nmap.host",
        "nmap.script",
        "testssl.finding",
        "ssh-audit.cve",
        "zap.alert",
        "sbom.inventory",
        "sbom.vex",
        "har.request",
    ] {
        assert!(kinds.contains(kind), "no rule for {kind}");
    }
}

#[test]
fn the_test_units_are_the_reference_csvs() {
    let u = Units::builtin();
    assert_eq!(u.units.len(), 226);
    let ids: BTreeSet<&str> = u.units.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids.len(), 226, "unit ids are unique");
    let count = |p: Performer| u.units.iter().filter(|x| x.performer == p).count();
    assert_eq!(
        (
            count(Performer::Manual),
            count(Performer::BasicTool),
            count(Performer::AdvancedTool),
            count(Performer::CustomTool)
        ),
        (166, 25, 8, 27)
    );
    let cats = Catalogs::builtin();
    let etsi = cats.framework("etsi-en-303-645").expect("ETSI catalog");
    for x in &u.units {
        assert!(x.id.starts_with(&format!("{}-", x.provision)), "{} is not under {}", x.id, x.provision);
        assert!(
            etsi.requirement(&format!("V2.1.1:{}", x.provision)).is_some(),
            "{}: provision {} is not in the catalog",
            x.id,
            x.provision
        );
        assert!(!x.by.is_empty());
        for b in &x.by {
            match b.split_once(':') {
                Some(("format", f)) => {
                    assert!(Format::from_name(f).is_some() || ["pcap", "observe"].contains(&f), "{b}")
                }
                Some(("method", m)) => assert!(
                    ["network_test", "document_review", "lab_test", "binary_analysis", "penetration_test"]
                        .contains(&m),
                    "{b}"
                ),
                Some(("ref", g)) => assert!(u.units.iter().any(|o| o.id.starts_with(g)), "{b} names no unit"),
                _ => panic!("{}: unknown `by` {b}", x.id),
            }
        }
    }
}

#[test]
fn cut_or_damaged_inputs_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/good");
    let opts = Options {
        tester: "Lab",
        date: None,
        today: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
        table: Table::builtin(),
    };
    let mut refused = 0;
    for e in std::fs::read_dir(dir).expect("fixtures") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "expected") {
            continue;
        }
        let bytes = std::fs::read(&p).expect("read");
        for step in 1..40 {
            let cut = bytes.len() * step / 40;
            if import("x", None, &bytes[..cut], 1, &opts).is_err() {
                refused += 1;
            }
            let mut damaged = bytes.clone();
            damaged[cut] ^= 0x55;
            let _ = import("x", None, &damaged, 1, &opts);
            for f in Format::ALL {
                let _ = import("x", Some(f), &damaged, 1, &opts);
            }
        }
    }
    // Almost every cut file is refused (a cut at a record boundary of an array may still parse).
    assert!(refused > 300, "{refused} cut files refused");
}

//! Data-driven tests: every file in `tests/data/good/` and `tests/data/bad/` is imported with its
//! format detected, and what comes out (the items, or the located refusal) is compared with the
//! file beside it, `NAME.expected`. `BLESS=1 cargo test -p iotlabel-import` rewrites the expected
//! files (review the diff).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use iotlabel_catalog::Catalogs;
use iotlabel_import::{Format, Options, Table, import};
use iotlabel_model::{EVIDENCE_VERSION, Evidence, TestedDevice, parse_evidence, validate_evidence};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
}

fn opts() -> Options<'static> {
    Options { tester: "Example Test Lab", date: None, today: today(), table: Table::builtin() }
}

/// What importing `input` gives, one line per item (or the error's text).
fn render(name: &str, format: Option<Format>, input: &[u8]) -> String {
    match import(name, format, input, 1, &opts()) {
        Ok(imp) => {
            let mut out = format!("format {} tool {:?} findings {}\n", imp.format, imp.tool, imp.findings);
            for i in &imp.items {
                let s = i.source.as_ref().expect("every imported item has a source");
                out.push_str(&format!(
                    "{} {} {:?} {} {} record={:?} line={:?} finding={:?}\n  {}\n",
                    i.id,
                    i.control.as_deref().unwrap_or("-"),
                    i.result,
                    i.method.as_str(),
                    i.date,
                    s.record.as_deref().unwrap_or(""),
                    s.line,
                    s.finding.as_deref().unwrap_or(""),
                    i.summary
                ));
            }
            out
        }
        Err(e) => format!("error\n{e}\n"),
    }
}

/// The one check: importing `input` gives exactly `expect`.
fn check(path: &Path, format: Option<Format>, expect: &Path) {
    let name = path.file_name().and_then(|n| n.to_str()).expect("name");
    let input = std::fs::read(path).expect("read fixture");
    let got = render(name, format, &input);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(expect, &got).expect("bless");
        return;
    }
    let want =
        std::fs::read_to_string(expect).unwrap_or_else(|_| panic!("{} has no {}", name, expect.display()));
    assert_eq!(got, want, "{name}: import differs from {}", expect.display());
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(dir);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_none_or(|e| e != "expected"))
        .collect();
    v.sort();
    v
}

fn expected(p: &Path) -> PathBuf {
    PathBuf::from(format!("{}.expected", p.display()))
}

#[test]
fn good_fixtures_import_as_expected_and_make_valid_evidence() {
    let files = fixtures("good");
    assert!(files.len() >= 12, "fixtures missing: {files:?}");
    let cats = Catalogs::builtin();
    let mut all = Vec::new();
    for (n, p) in files.iter().enumerate() {
        check(p, None, &expected(p));
        let bytes = std::fs::read(p).expect("read");
        let imp =
            import(&p.display().to_string(), None, &bytes, n + 1, &opts()).expect("good fixture imports");
        assert!(!imp.items.is_empty(), "{}: no items", p.display());
        all.extend(imp.items);
    }
    // Everything imported together is one valid evidence file whose targets the catalogs know.
    let ev = Evidence {
        schema_version: EVIDENCE_VERSION.into(),
        device: Some(TestedDevice { brand: "Acme".into(), model: "Cam 2".into(), firmware_version: None }),
        items: all,
    };
    assert_eq!(validate_evidence(&ev), vec![]);
    assert_eq!(iotlabel_assess::check_evidence_targets(cats, &ev), vec![]);
    let text = serde_json::to_string_pretty(&ev).expect("json");
    let back = parse_evidence("all.json", &text, iotlabel_model::Format::Json).expect("parses back");
    assert_eq!(back, ev);
}

#[test]
fn bad_fixtures_are_refused_with_located_errors() {
    let files = fixtures("bad");
    assert!(files.len() >= 12);
    for p in &files {
        check(p, None, &expected(p));
        let bytes = std::fs::read(p).expect("read");
        let err = import("x", None, &bytes, 1, &opts()).expect_err("bad fixture is refused");
        assert!(!err.problems.is_empty());
        for pr in &err.problems {
            let at = &pr.at;
            assert!(
                at.line.is_some() || at.offset.is_some() || at.path.is_some(),
                "{}: problem without a location: {}",
                p.display(),
                pr.message
            );
        }
    }
}

#[test]
fn a_forced_format_that_does_not_fit_is_refused_not_guessed() {
    let nmap = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/good/nmap-ports-only.xml");
    let bytes = std::fs::read(nmap).expect("read");
    let err = import("scan.xml", Some(Format::Zap), &bytes, 1, &opts()).expect_err("XML is not ZAP JSON");
    assert!(err.to_string().starts_with("scan.xml:1:1: zap: not valid JSON"), "{err}");
    let zap = br#"{"site": [{"@host": "h", "alerts": []}]}"#;
    let err = import("z.json", Some(Format::Testssl), zap, 1, &opts()).expect_err("not testssl");
    assert!(err.to_string().contains("scanResult"), "{err}");
}

#[test]
fn every_format_is_detected_from_its_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/good");
    for (file, want) in [
        ("nmap-device-scan.xml", Format::NmapXml),
        ("testssl-not-skipped.json", Format::Testssl),
        ("testssl-pretty.json", Format::Testssl),
        ("ssh-audit-backend.json", Format::SshAudit),
        ("zap-backend.json", Format::Zap),
        ("cyclonedx-vex.json", Format::CycloneDx),
        ("spdx-2.3.json", Format::Spdx),
        ("spdx-3-vex.json", Format::Spdx),
        ("har-browser.json", Format::Har),
    ] {
        let bytes = std::fs::read(dir.join(file)).expect("read");
        assert_eq!(iotlabel_import::detect(&bytes), Ok(want), "{file}");
    }
}

#[test]
fn the_date_option_overrides_the_tools_own_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/good");
    let bytes = std::fs::read(dir.join("zap-high.json")).expect("read");
    let d = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    let o = Options { date: Some(d), ..opts() };
    let imp = import("zap.json", None, &bytes, 7, &o).expect("imports");
    assert!(imp.items.iter().all(|i| i.date == d));
    assert!(imp.items.iter().all(|i| i.id.starts_with("zap-7-")));
    let own = import("zap.json", None, &bytes, 1, &opts()).expect("imports");
    assert!(own.items.iter().all(|i| i.date == NaiveDate::from_ymd_opt(2026, 10, 1).expect("date")));
}

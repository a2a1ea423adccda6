//! Masks: read with located problems, applied only in force, never matching nothing.

use chrono::NaiveDate;
use iotlabel_import::masks::{apply, parse};
use iotlabel_model::{EVIDENCE_VERSION, Evidence, EvidenceItem, EvidenceSource, TestMethod, TestResult};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn item(id: &str, control: &str, finding: &str) -> EvidenceItem {
    EvidenceItem {
        id: id.into(),
        control: Some(control.into()),
        requirement: None,
        result: TestResult::Fail,
        method: TestMethod::NetworkTest,
        tester: "Lab".into(),
        date: d("2026-11-20"),
        summary: "seen".into(),
        tool: None,
        source: Some(EvidenceSource {
            file: "scan.xml".into(),
            format: "nmap-xml".into(),
            record: None,
            line: None,
            finding: Some(finding.into()),
            frames: Vec::new(),
        }),
    }
}

#[test]
fn problems_are_located_at_the_mask_and_field() {
    let e = parse(
        "m.toml",
        "schema_version = \"1\"\n[[masks]]\nwhat = \"\"\nwhy = \"y\"\nwho = \"z\"\nwhen = 2026-11-01\n",
    )
    .expect_err("refused");
    let text = e.to_string();
    assert!(
        text.contains("m.toml: names no item, control or finding: it would mask everything (at masks[0])"),
        "{text}"
    );
    assert!(
        text.contains("must not be empty (a mask says what, why, who and when) (at masks[0].what)"),
        "{text}"
    );
    let e = parse("m.toml", "schema_version = \"1\"\n[[masks]]\nitem = \"a\"\nwhat = \"w\"\nwhy = \"y\"\nwho = \"z\"\nwhen = 2026-13-01\n")
        .expect_err("bad date");
    assert!(e.to_string().starts_with("m.toml:7:"), "{e}");
    let e = parse("m.toml", "schema_version = \"1\"\n[[masks]]\nitem = \"a\"\nwhat = \"w\"\nwhy = \"y\"\nwho = \"z\"\nwhen = 2026-11-01\ncolour = 1\n")
        .expect_err("unknown field");
    assert!(e.to_string().contains("colour"), "{e}");
}

#[test]
fn masks_in_force_take_their_items_out_and_say_which() {
    let ev = Evidence {
        schema_version: EVIDENCE_VERSION.into(),
        device: None,
        items: vec![
            item("a", "comms.encrypted", "tcp/80"),
            item("b", "comms.encrypted", "tcp/8080"),
            item("c", "surface.no-insecure-services", "tcp/23"),
        ],
    };
    let masks = parse(
        "m.toml",
        r#"schema_version = "1"
[[masks]]
control = "comms.encrypted"
finding = "tcp/8080"
what = "w"
why = "y"
who = "z"
when = 2026-11-01
[[masks]]
item = "c"
what = "old"
why = "y"
who = "z"
when = 2026-01-01
expires = 2026-02-01
"#,
    )
    .expect("reads");
    let applied = apply("m.toml", &masks, &ev, d("2026-11-22")).expect("applies");
    let kept: Vec<&str> = applied.evidence.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(kept, ["a", "c"]);
    assert_eq!(applied.accepted.len(), 1);
    assert_eq!(applied.accepted[0].0.id, "b");
    assert_eq!(applied.not_in_force.len(), 1);
    // Before the first mask's date, nothing is masked, and the mask is noted as not in force.
    let early = apply("m.toml", &masks, &ev, d("2026-10-01")).expect("applies");
    assert_eq!(early.evidence.items.len(), 3);
    assert_eq!(early.not_in_force.len(), 2);
    // A mask in force that matches nothing is an error.
    let stale = parse("m.toml", "schema_version = \"1\"\n[[masks]]\nfinding = \"tcp/9\"\nwhat = \"w\"\nwhy = \"y\"\nwho = \"z\"\nwhen = 2026-11-01\n").expect("reads");
    let e = apply("m.toml", &stale, &ev, d("2026-11-22")).expect_err("matches nothing");
    assert!(e.to_string().contains("matches no evidence item (at masks[0])"), "{e}");
}

//! The masks file (findings a lab accepts): read like declarations and evidence, every problem
//! located at its line, column and field path; what a mask selects and when it is in force.

use chrono::NaiveDate;
use iotlabel_model::{
    EvidenceItem, EvidenceSource, Format, Issue, Masks, TestMethod, TestResult, masks_schema, parse_document,
    parse_masks_with,
};

const GOOD: &str = r#"schema_version = "1"

[[masks]]
finding = "tcp/8080"
what = "HTTP on 8080 (factory test page)"
why = "Disabled by the first-boot update"
who = "J. Doe, Example Test Lab"
when = 2026-11-20
expires = 2027-05-20
"#;

fn d(s: &str) -> NaiveDate {
    iotlabel_model::parse_date(s).expect("date")
}

fn refused(text: &str) -> iotlabel_model::Diagnostics {
    parse_document::<Masks>("m.toml", text, Format::Toml).expect_err("refused")
}

#[test]
fn a_good_masks_file_reads_in_toml_and_json_alike() {
    let m: Masks = parse_document("m.toml", GOOD, Format::Toml).expect("reads");
    assert_eq!(m.masks.len(), 1);
    assert_eq!(m.masks[0].when, d("2026-11-20"));
    assert_eq!(m.masks[0].expires, Some(d("2027-05-20")));
    let json = serde_json::to_string(&m).expect("serialises");
    let again: Masks = parse_document("m.json", &json, Format::Json).expect("reads back");
    assert_eq!(again, m);
    // The published schema accepts what the parser reads.
    let schema = jsonschema::validator_for(masks_schema()).expect("schema compiles");
    assert!(schema.is_valid(&serde_json::to_value(&m).expect("value")));
}

#[test]
fn problems_are_located_at_the_mask_and_field() {
    let text = GOOD
        .replace("finding = \"tcp/8080\"\n", "")
        .replace("what = \"HTTP on 8080 (factory test page)\"", "what = \"\"");
    let e = refused(&text);
    let shown = e.to_string();
    let paths: Vec<&str> = e.diagnostics.iter().map(|x| x.path.as_str()).collect();
    assert!(paths.contains(&"masks[0]"), "{shown}");
    assert!(paths.contains(&"masks[0].what"), "{shown}");
    assert!(shown.contains("names no item, control or finding"), "{shown}");
    let what = e.diagnostics.iter().find(|x| x.path == "masks[0].what").expect("what");
    assert_eq!(what.line, 4, "{shown}");

    let e = refused(&GOOD.replace("when = 2026-11-20", "when = 2026-13-01"));
    assert_eq!(e.diagnostics[0].line, 8, "{e}");
    assert_eq!(e.diagnostics[0].path, "masks[0].when", "{e}");

    let e = refused(&GOOD.replace("expires = 2027-05-20", "expires = 2026-11-20"));
    assert!(e.to_string().contains("is not after `when`"), "{e}");

    let e = refused(&format!("{GOOD}colour = 1\n"));
    assert!(e.to_string().contains("colour"), "{e}");

    let e = refused(&GOOD.replace("schema_version = \"1\"", "schema_version = \"2\""));
    assert!(e.to_string().contains("unsupported schema_version"), "{e}");
}

#[test]
fn the_text_policy_holds_for_what_the_label_will_show() {
    // A bidi override in the lab's reason would reorder the label's sentence.
    let e = refused(&GOOD.replace("Disabled by", "Disabled \u{202E}by"));
    assert_eq!(e.diagnostics[0].path, "masks[0].why", "{e}");
    // `who` is a name: a line break is refused there, though `why` may hold one.
    let e = refused(&GOOD.replace("who = \"J. Doe, Example Test Lab\"", "who = \"J. Doe\\nLab\""));
    assert_eq!(e.diagnostics[0].path, "masks[0].who", "{e}");
    parse_document::<Masks>("m.toml", &GOOD.replace("Disabled by", "Disabled\\nby"), Format::Toml)
        .expect("prose may span lines");
}

#[test]
fn the_callers_checks_are_located_with_the_others() {
    let stale =
        |m: &Masks| vec![Issue::new(format!("/masks/{}", m.masks.len() - 1), "matches no evidence item")];
    let e = parse_masks_with("m.toml", GOOD, Format::Toml, &stale).expect_err("refused");
    assert_eq!((e.diagnostics[0].path.as_str(), e.diagnostics[0].line), ("masks[0]", 3), "{e}");
}

fn item(id: &str, control: &str, finding: Option<&str>) -> EvidenceItem {
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
        source: finding.map(|f| EvidenceSource {
            file: "scan.xml".into(),
            format: "nmap-xml".into(),
            record: None,
            line: None,
            finding: Some(f.into()),
            frames: Vec::new(),
        }),
    }
}

#[test]
fn a_mask_selects_by_every_selector_it_gives_and_is_in_force_from_when_until_expires() {
    let m: Masks = parse_document("m.toml", GOOD, Format::Toml).expect("reads");
    let mut mask = m.masks[0].clone();
    assert!(mask.matches(&item("a", "comms.encrypted", Some("tcp/8080"))));
    assert!(!mask.matches(&item("a", "comms.encrypted", Some("tcp/80"))));
    assert!(!mask.matches(&item("a", "comms.encrypted", None)));
    mask.control = Some("surface.no-insecure-services".into());
    assert!(!mask.matches(&item("a", "comms.encrypted", Some("tcp/8080"))), "all selectors must match");
    mask.finding = None;
    mask.item = Some("b".into());
    assert!(mask.matches(&item("b", "surface.no-insecure-services", None)));
    assert!(!mask.matches(&item("a", "surface.no-insecure-services", None)));
    assert!(!mask.in_force(d("2026-11-19")));
    assert!(mask.in_force(d("2026-11-20")));
    assert!(mask.in_force(d("2027-05-19")));
    assert!(!mask.in_force(d("2027-05-20")), "expires is exclusive");
}

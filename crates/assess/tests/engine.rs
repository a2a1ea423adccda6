//! Data-driven tests of the engine: one well-built declaration, one change at a time, one
//! expected verdict, through a single `check` helper. Evidence cases use `check_with`.

use chrono::NaiveDate;
use iotlabel_assess::{FrameworkVerdict, Verdict, assess, controls};
use iotlabel_catalog::Catalogs;
use iotlabel_model::{Declaration, Evidence, Format, parse_declaration};
use serde_json::{Value, json};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// The well-built lock from the examples, as a JSON tree to patch.
fn base() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/devices/fortis-lock-pro.toml");
    let text = std::fs::read_to_string(path).unwrap();
    let d = parse_declaration("fortis-lock-pro.toml", &text, Format::Toml).unwrap();
    serde_json::to_value(d).unwrap()
}

/// Sets (or with `Value::Null` removes) a dotted field path.
fn patch(v: &mut Value, path: &str, new: Value) {
    let mut parts: Vec<&str> = path.split('.').collect();
    let last = parts.pop().unwrap();
    let mut cur = v;
    for p in parts {
        cur = match p.parse::<usize>() {
            Ok(i) => &mut cur[i],
            Err(_) => cur.as_object_mut().unwrap().entry(p).or_insert_with(|| json!({})),
        };
    }
    let obj = cur.as_object_mut().unwrap();
    if new.is_null() {
        obj.remove(last);
    } else {
        obj.insert(last.to_string(), new);
    }
}

fn declaration(changes: &[(&str, Value)]) -> Declaration {
    let mut v = base();
    for (path, new) in changes {
        patch(&mut v, path, new.clone());
    }
    let text = serde_json::to_string(&v).unwrap();
    parse_declaration("patched.json", &text, Format::Json).unwrap_or_else(|e| panic!("{e}"))
}

fn verdict_of(d: &Declaration, ev: Option<&Evidence>, target: &str) -> Verdict {
    let (fw, id) = target.split_once(':').unwrap();
    let r = assess(d, ev, &[fw], as_of());
    r.frameworks[0].requirements.iter().find(|r| r.id == id).unwrap_or_else(|| panic!("no {target}")).verdict
}

#[track_caller]
fn check(changes: &[(&str, Value)], target: &str, expect: Verdict) {
    let d = declaration(changes);
    assert_eq!(verdict_of(&d, None, target), expect, "{target} after {changes:?}");
}

#[track_caller]
fn check_with(changes: &[(&str, Value)], evidence: Value, target: &str, expect: Verdict) {
    let d = declaration(changes);
    let ev: Evidence = serde_json::from_value(evidence).unwrap();
    assert_eq!(verdict_of(&d, Some(&ev), target), expect, "{target} with evidence after {changes:?}");
}

#[test]
fn the_base_declaration_is_conformant_everywhere_that_does_not_need_a_lab() {
    let r = assess(&declaration(&[]), None, &[], as_of());
    for f in &r.frameworks {
        assert_eq!(f.verdict, FrameworkVerdict::Conformant, "{}", f.id);
    }
}

#[test]
fn passwords() {
    check(&[], "uk-psti:1", Verdict::Pass);
    check(&[("authentication.default_password", json!("universal"))], "uk-psti:1", Verdict::Fail);
    check(&[("authentication.default_password", json!("universal"))], "etsi-en-303-645:5.1-1", Verdict::Fail);
    check(&[("authentication.default_password", json!("universal"))], "eu-cra:I.2d", Verdict::Fail);
    check(
        &[
            ("authentication.default_password", json!("unique_per_device")),
            ("authentication.unique_passwords_random", json!(false)),
        ],
        "etsi-en-303-645:5.1-2",
        Verdict::Fail,
    );
    check(
        &[("authentication.brute_force_protection", json!("none"))],
        "etsi-en-303-645:5.1-5",
        Verdict::Fail,
    );
    check(
        &[("authentication.brute_force_protection", Value::Null)],
        "etsi-en-303-645:5.1-5",
        Verdict::Unknown,
    );
}

#[test]
fn updates_and_support_period() {
    check(
        &[("identity.release_date", json!("2020-01-01")), ("updates.support_end", json!("2025-01-01"))],
        "etsi-en-303-645:5.3-8",
        Verdict::Fail,
    );
    check(&[("updates.support_end", Value::Null)], "uk-psti:3", Verdict::Fail);
    check(&[("updates.support_period_url", Value::Null)], "uk-psti:3", Verdict::Fail);
    check(&[("updates.mechanism", json!("manual"))], "eu-cra:I.2c", Verdict::Fail);
    check(&[("updates.time_to_fix_days", json!(200))], "etsi-en-303-645:5.3-8", Verdict::Fail);
    check(&[("updates.signed", json!(false))], "etsi-en-303-645:5.3-7", Verdict::Fail);
}

#[test]
fn conditions_make_requirements_not_applicable_or_unknown() {
    // No debug interface: the debug-port provision does not apply.
    check(
        &[
            ("hardware.debug_interfaces", json!("absent")),
            ("hardware.debug_ports_physically_protected", Value::Null),
        ],
        "etsi-en-303-645:5.6-4B",
        Verdict::NotApplicable,
    );
    // Silence on whether processing is consent-based: consent provisions are unknown.
    check(
        &[("data.consent_based", Value::Null), ("data.consent_withdrawable", Value::Null)],
        "etsi-en-303-645:6-2",
        Verdict::Unknown,
    );
    check(
        &[("data.consent_based", json!(false)), ("data.consent_withdrawable", Value::Null)],
        "etsi-en-303-645:6-2",
        Verdict::NotApplicable,
    );
}

#[test]
fn communication() {
    check(&[("communication.min_tls_version", json!("1.0"))], "etsi-en-303-645:5.5-1", Verdict::Fail);
    check(&[("communication.encryption_in_transit", json!("partial"))], "nist-ir-8425:3c", Verdict::Fail);
    check(
        &[(
            "communication.local_services",
            json!([{"name": "telnet", "port": 23, "transport": "tcp", "authenticated": true, "encrypted": false}]),
        )],
        "eu-cra:I.2j",
        Verdict::Fail,
    );
}

fn evidence(items: Value) -> Value {
    json!({"schema_version": "1.0", "items": items})
}

#[test]
fn test_evidence_confirms_or_contradicts() {
    let fail_pw = evidence(json!([{
        "id": "scan-1", "control": "auth.no-universal-default-password", "result": "fail",
        "method": "network_test", "tester": "iotlabel scan", "date": "2026-11-01",
        "summary": "Logged in over telnet with admin/admin"
    }]));
    // The declaration claims unique passwords; the scan logged in with a default one.
    check_with(&[], fail_pw.clone(), "etsi-en-303-645:5.1-1", Verdict::Contradicted);
    check_with(&[], fail_pw.clone(), "uk-psti:1", Verdict::Contradicted);
    // A declaration that already admits the problem is simply failed, not contradicted.
    check_with(
        &[("authentication.default_password", json!("universal"))],
        fail_pw,
        "uk-psti:1",
        Verdict::Fail,
    );

    // Evidence decides what the declaration leaves open.
    let pass_bf = evidence(json!([{
        "id": "lab-7", "control": "auth.brute-force-protection", "result": "pass",
        "method": "lab_test", "tester": "Example Lab", "date": "2026-10-01",
        "summary": "Lockout after 5 failed logins"
    }]));
    check_with(
        &[("authentication.brute_force_protection", Value::Null)],
        pass_bf,
        "etsi-en-303-645:5.1-5",
        Verdict::Pass,
    );

    // Inconclusive results change nothing.
    let inconclusive = evidence(json!([{
        "id": "x", "control": "auth.brute-force-protection", "result": "inconclusive",
        "method": "network_test", "tester": "iotlabel scan", "date": "2026-10-01", "summary": "Timed out"
    }]));
    check_with(
        &[("authentication.brute_force_protection", Value::Null)],
        inconclusive,
        "etsi-en-303-645:5.1-5",
        Verdict::Unknown,
    );

    // Evidence can name one requirement directly.
    let req = evidence(json!([{
        "id": "doc-1", "requirement": "uk-psti:3", "result": "fail", "method": "document_review",
        "tester": "Example Lab", "date": "2026-10-01", "summary": "Support period page is missing"
    }]));
    check_with(&[], req, "uk-psti:3", Verdict::Contradicted);
}

#[test]
fn contradicted_evidence_breaks_conformance_and_names_the_evidence() {
    let d = declaration(&[]);
    let ev: Evidence = serde_json::from_value(evidence(json!([{
        "id": "scan-1", "control": "comms.encrypted", "result": "fail", "method": "network_test",
        "tester": "iotlabel scan", "date": "2026-11-01", "summary": "TLS 1.0 accepted on port 443"
    }])))
    .unwrap();
    let r = assess(&d, Some(&ev), &["etsi-en-303-645"], as_of());
    assert_eq!(r.frameworks[0].verdict, FrameworkVerdict::NotConformant);
    let req = r.frameworks[0].requirements.iter().find(|r| r.id == "5.5-1").unwrap();
    assert_eq!(req.verdict, Verdict::Contradicted);
    assert_eq!(req.evidence, vec!["scan-1".to_string()]);
    assert!(req.reason.to_string().contains("TLS 1.0 accepted"), "{}", req.reason);
}

#[test]
fn lab_evidence_raises_the_sg_cls_level() {
    let d = declaration(&[]);
    let level = |ev: Option<&Evidence>| assess(&d, ev, &["sg-cls"], as_of()).frameworks[0].level;
    assert_eq!(level(None), Some("2"));
    let lab = |id: &str, control: &str| {
        json!({"id": id, "control": control, "result": "pass", "method": "lab_test",
               "tester": "Approved Lab", "date": "2026-09-01", "summary": "Report on file"})
    };
    let l3: Evidence =
        serde_json::from_value(evidence(json!([lab("ba", "evidence.binary-analysis")]))).unwrap();
    assert_eq!(level(Some(&l3)), Some("3"));
    let l4: Evidence = serde_json::from_value(evidence(json!([
        lab("ba", "evidence.binary-analysis"),
        lab("pt", "evidence.penetration-test")
    ])))
    .unwrap();
    assert_eq!(level(Some(&l4)), Some("4"));
}

#[test]
fn every_control_and_condition_in_the_data_has_code() {
    let cats = Catalogs::builtin();
    for c in &cats.controls.controls {
        assert!(controls::evaluator(&c.id).is_some(), "control {} has no evaluator", c.id);
    }
    for c in &cats.controls.conditions {
        assert!(controls::Condition::from_id(&c.id).is_some(), "condition {} is not implemented", c.id);
    }
}

#[test]
fn every_verdict_has_a_reason_and_unknowns_name_what_is_missing() {
    for seed in 0..300 {
        let d = iotlabel_model::testgen::declaration(seed);
        for f in assess(&d, None, &[], as_of()).frameworks {
            for r in f.requirements {
                assert!(!r.reason.to_string().trim().is_empty(), "{}:{} has no reason", f.id, r.id);
                if r.verdict == Verdict::Unknown && !r.controls.iter().any(|c| c.starts_with("evidence.")) {
                    assert!(!r.missing.is_empty(), "{}:{} unknown without naming a field", f.id, r.id);
                }
            }
        }
    }
}

//! Data-driven tests of the engine: one well-built declaration, one change at a time, one
//! expected verdict, through a single `check` helper. Evidence cases use `check_with`.

use iotlabel_assess::{FrameworkVerdict, Verdict, controls};
use iotlabel_catalog::Catalogs;
use iotlabel_model::{Declaration, Evidence, Format, parse_declaration};
use iotlabel_testkit::{as_of, engine};
use serde_json::{Value, json};

/// The well-built lock from the examples, as a JSON tree to patch, without its CLS label: a
/// current CLS label is a route the UK PSTI accepts for each of its requirements, and these tests
/// read the requirements directly (routes have their own tests below and in the expert table).
fn base() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/devices/fortis-lock-pro.toml");
    let text = std::fs::read_to_string(path).unwrap();
    let d = parse_declaration("fortis-lock-pro.toml", &text, Format::Toml).unwrap();
    let mut v = serde_json::to_value(d).unwrap();
    v["attestations"].as_object_mut().unwrap().remove("certifications");
    v
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
    let r = engine().assess(d, ev, &[fw], as_of());
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
    let r = engine().assess(&declaration(&[]), None, &[], as_of());
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
        &[
            ("authentication.default_password", json!("unique_per_device")),
            ("authentication.unique_passwords_random", json!(false)),
        ],
        "uk-psti:1",
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
    json!({"schema_version": "1.0", "device": {"brand": "Fortis", "model": "Lock Pro"}, "items": items})
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
    let r = engine().assess(&d, Some(&ev), &["etsi-en-303-645"], as_of());
    assert_eq!(r.frameworks[0].verdict, FrameworkVerdict::NotConformant);
    let req = r.frameworks[0].requirements.iter().find(|r| r.id == "5.5-1").unwrap();
    assert_eq!(req.verdict, Verdict::Contradicted);
    assert_eq!(req.evidence, vec!["scan-1".to_string()]);
    assert!(req.reason.to_string().contains("TLS 1.0 accepted"), "{}", req.reason);
}

fn items(list: Value) -> Evidence {
    serde_json::from_value(evidence(list)).unwrap()
}

fn item(id: &str, target: (&str, &str), result: &str, method: &str, tester: &str, date: &str) -> Value {
    let mut v = json!({"id": id, "result": result, "method": method, "tester": tester, "date": date,
                       "summary": "Report on file"});
    v[target.0] = json!(target.1);
    v
}

#[test]
fn lab_evidence_raises_the_sg_cls_level() {
    let d = declaration(&[]);
    let level = |ev: Option<&Evidence>| engine().assess(&d, ev, &["sg-cls"], as_of()).frameworks[0].level;
    assert_eq!(level(None), Some("2"));
    let ba = item(
        "ba",
        ("control", "evidence.binary-analysis"),
        "pass",
        "binary_analysis",
        "Approved Lab",
        "2026-09-01",
    );
    let pt = item(
        "pt",
        ("control", "evidence.penetration-test"),
        "pass",
        "penetration_test",
        "Approved Lab",
        "2026-09-01",
    );
    assert_eq!(level(Some(&items(json!([ba.clone()])))), Some("3"));
    assert_eq!(level(Some(&items(json!([ba, pt])))), Some("4"));
}

#[test]
fn evidence_that_cannot_count_is_set_aside_and_said_so() {
    let d = declaration(&[]);
    let cases = [
        // A document review is not a binary analysis.
        item(
            "a",
            ("control", "evidence.binary-analysis"),
            "pass",
            "document_review",
            "Approved Lab",
            "2026-09-01",
        ),
        // The manufacturer cannot vouch for its own penetration test.
        item("b", ("control", "evidence.penetration-test"), "pass", "penetration_test", "self", "2026-09-01"),
        item(
            "c",
            ("control", "evidence.penetration-test"),
            "pass",
            "penetration_test",
            "Fortis Security Hardware GmbH",
            "2026-09-01",
        ),
        // Dated after the assessment date.
        item("d", ("control", "comms.encrypted"), "fail", "network_test", "Approved Lab", "2030-01-01"),
    ];
    for case in cases {
        let id = case["id"].as_str().unwrap().to_owned();
        let r = engine().assess(&d, Some(&items(json!([case]))), &[], as_of());
        let sg = r.frameworks.iter().find(|f| f.id == "sg-cls").unwrap();
        assert_eq!(sg.level, Some("2"), "evidence {id} must not change the level");
        let etsi = r.frameworks.iter().find(|f| f.id == "etsi-en-303-645").unwrap();
        assert_eq!(etsi.verdict, FrameworkVerdict::Conformant, "evidence {id} must not count");
        assert_eq!(r.notes.len(), 1, "evidence {id} is set aside with a note");
        assert!(r.notes[0].to_string().contains(&format!("Evidence {id} was set aside")), "{}", r.notes[0]);
    }
}

#[test]
fn a_failed_test_contradicts_a_declaration_that_made_the_requirement_inapplicable() {
    let d = declaration(&[
        ("authentication.default_password", json!("none")),
        ("authentication.local_login", json!(["app_pairing"])),
        ("authentication.remote_login", json!([])),
        // A local service asking for credentials would be a login too (issue #8).
        ("communication.local_services", json!([])),
    ]);
    assert_eq!(verdict_of(&d, None, "uk-psti:1"), Verdict::NotApplicable);
    let ev = items(json!([item(
        "t",
        ("control", "auth.no-universal-default-password"),
        "fail",
        "network_test",
        "Approved Lab",
        "2026-09-01"
    )]));
    assert_eq!(verdict_of(&d, Some(&ev), "uk-psti:1"), Verdict::Contradicted);
    // The same through evidence naming the requirement.
    let ev = items(json!([item(
        "t",
        ("requirement", "uk-psti:1"),
        "fail",
        "network_test",
        "Approved Lab",
        "2026-09-01"
    )]));
    assert_eq!(verdict_of(&d, Some(&ev), "uk-psti:1"), Verdict::Contradicted);
    let r = engine().assess(&d, Some(&ev), &["uk-psti"], as_of());
    let req = &r.frameworks[0].requirements[0];
    assert!(req.reason.to_string().contains("says this does not apply"), "{}", req.reason);
    // A passing test leaves an inapplicable requirement inapplicable.
    let ev = items(json!([item(
        "t",
        ("requirement", "uk-psti:1"),
        "pass",
        "network_test",
        "Approved Lab",
        "2026-09-01"
    )]));
    assert_eq!(verdict_of(&d, Some(&ev), "uk-psti:1"), Verdict::NotApplicable);
}

#[test]
fn requirement_evidence_reaches_aliases_and_the_requirements_defined_through_it() {
    let d = declaration(&[]);
    let fail = |req: &str| {
        items(json!([item("t", ("requirement", req), "fail", "network_test", "Approved Lab", "2026-09-01")]))
    };
    // A V2.1.1 provision id is an alias of the V3.1.3 provision.
    assert_eq!(
        verdict_of(&d, Some(&fail("etsi-en-303-645:V2.1.1:5.1-1")), "etsi-en-303-645:5.1-1"),
        Verdict::Contradicted
    );
    // UK PSTI 1 and CLS L1-5.1-1 are defined through ETSI 5.1-1.
    let ev = fail("etsi-en-303-645:5.1-1");
    assert_eq!(verdict_of(&d, Some(&ev), "uk-psti:1"), Verdict::Contradicted);
    assert_eq!(verdict_of(&d, Some(&ev), "sg-cls:L1-5.1-1"), Verdict::Contradicted);
    // But not the other way round: evidence about PSTI 1 says nothing of ETSI 5.1-1.
    assert_eq!(verdict_of(&d, Some(&fail("uk-psti:1")), "etsi-en-303-645:5.1-1"), Verdict::Pass);
}

#[test]
fn all_traffic_encrypted_is_checked_against_the_listed_connections() {
    check(&[], "etsi-en-303-645:5.5-1", Verdict::Pass);
    let plain_endpoint = json!([{"domain": "api.fortis.example", "port": 80, "protocol": "http"}]);
    check(&[("network.cloud_endpoints", plain_endpoint)], "etsi-en-303-645:5.5-1", Verdict::Fail);
    let plain_service = json!([{"name": "rtsp", "port": 554, "transport": "tcp", "authenticated": true,
                                "encrypted": false}]);
    check(&[("communication.local_services", plain_service)], "etsi-en-303-645:5.5-1", Verdict::Fail);
    // Time and name lookups are not counted.
    let ntp = json!([{"domain": "pool.ntp.org", "port": 123, "protocol": "ntp"}]);
    check(&[("network.cloud_endpoints", ntp)], "etsi-en-303-645:5.5-1", Verdict::Pass);
}

#[test]
fn a_constrained_device_with_a_declared_reason_is_exempt_from_the_update_mechanism() {
    let none = [
        ("updates.mechanism", json!("none")),
        ("updates.signed", Value::Null),
        ("updates.verified_on_device", Value::Null),
        ("updates.periodic_check", Value::Null),
    ];
    check(&none, "etsi-en-303-645:5.3-2", Verdict::Fail);
    check(
        &[&none[..], &[("updates.not_updatable_rationale", json!("8 KB of flash; replace the bulb"))]]
            .concat(),
        "etsi-en-303-645:5.3-2",
        Verdict::NotApplicable,
    );
    check(&none, "etsi-en-303-645:5.3-1", Verdict::Fail);
    check(&none, "etsi-en-303-645:5.3-6B", Verdict::NotApplicable);
}

#[test]
fn unknown_verdicts_name_only_the_missing_fields_and_inapplicable_ones_their_condition() {
    let d = declaration(&[("updates.secure_delivery", Value::Null)]);
    let r = engine().assess(&d, None, &["etsi-en-303-645"], as_of());
    let req = r.frameworks[0].requirements.iter().find(|r| r.id == "5.3-10").unwrap();
    assert_eq!(req.verdict, Verdict::Unknown);
    assert_eq!(req.missing, vec!["updates.secure_delivery"]);
    let d = declaration(&[("sensors", json!([]))]);
    let r = engine().assess(&d, None, &["etsi-en-303-645"], as_of());
    let req = r.frameworks[0].requirements.iter().find(|r| r.id == "5.8-3").unwrap();
    assert_eq!(req.verdict, Verdict::NotApplicable);
    assert_eq!(req.fields.as_ref(), ["sensors"]);
}

#[test]
fn evidence_about_another_device_is_refused() {
    let d = declaration(&[]);
    let mut ev = items(json!([]));
    assert!(iotlabel_assess::check_evidence_device(&d, &ev).is_empty());
    ev.device = Some(iotlabel_model::TestedDevice {
        brand: " fortis ".into(),
        model: "LOCK PRO".into(),
        firmware_version: None,
    });
    assert!(iotlabel_assess::check_evidence_device(&d, &ev).is_empty(), "case and spaces do not matter");
    ev.device = Some(iotlabel_model::TestedDevice {
        brand: "Fortis".into(),
        model: "Lock Mini".into(),
        firmware_version: None,
    });
    let issues = iotlabel_assess::check_evidence_device(&d, &ev);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].pointer, "/device/model");
}

#[test]
fn every_control_and_condition_in_the_data_has_code() {
    let cats = Catalogs::builtin();
    for c in &cats.controls.controls {
        let rule = controls::Rule::of(c);
        assert!(!matches!(rule, controls::Rule::Missing), "control {} has no evaluator or claim", c.id);
        // A control is a claim (data) or has code, never both: one meaning per control.
        assert!(
            c.claim.is_none() || controls::evaluator(&c.id).is_none(),
            "control {} is a claim in the data and also has an evaluator",
            c.id
        );
    }
    for c in &cats.controls.conditions {
        let cond = controls::Condition::from_id(&c.id);
        assert!(cond.is_some(), "condition {} is not implemented", c.id);
        // Conditions index a per-declaration cache of `Condition::COUNT` slots.
        assert!((cond.unwrap() as usize) < controls::Condition::COUNT, "raise Condition::COUNT for {}", c.id);
        // The fields an outcome names for a condition are the ones the data says it reads.
        let mut code: Vec<&str> = cond.unwrap().fields().to_vec();
        let mut data: Vec<&str> = c.reads.iter().map(String::as_str).collect();
        code.sort_unstable();
        data.sort_unstable();
        assert_eq!(code, data, "condition {}: `reads` in controls.toml and Condition::fields differ", c.id);
    }
    assert_eq!(cats.controls.conditions.len(), controls::Condition::COUNT, "Condition::COUNT is stale");
    for (i, cond) in controls::Condition::ALL.iter().enumerate() {
        assert_eq!(*cond as usize, i, "Condition::ALL is out of order");
    }
}

/// One source for the fields a control reads: `reads` in catalogs/controls.toml. Every outcome
/// names only fields among them, and over the examples and generated declarations every field
/// listed is named by some outcome (a field listed but never read has drifted).
#[test]
fn outcomes_name_exactly_the_fields_the_control_set_says_a_control_reads() {
    use std::collections::{BTreeMap, BTreeSet};
    let cats = Catalogs::builtin();
    let rules: Vec<controls::Rule> = cats.controls.controls.iter().map(controls::Rule::of).collect();
    let mut named: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut wrong: BTreeSet<String> = BTreeSet::new();
    let decls = iotlabel_testkit::examples()
        .into_iter()
        .map(|(_, d)| d)
        .chain((0..400).map(iotlabel_model::testgen::declaration));
    for d in decls {
        for (c, rule) in cats.controls.controls.iter().zip(&rules) {
            let o = rule.eval(&controls::Ctx { decl: &d, as_of: as_of(), explain: false, control: c });
            for f in o.fields {
                if !c.reads.iter().any(|r| r == f) {
                    wrong.insert(format!("control {}: outcome names `{f}`, not in its `reads`", c.id));
                }
                named.entry(c.id.as_str()).or_default().insert(f);
            }
        }
    }
    for c in &cats.controls.controls {
        let got = named.get(c.id.as_str()).cloned().unwrap_or_default();
        for r in &c.reads {
            if !got.contains(r.as_str()) {
                wrong.insert(format!("control {}: `reads` lists `{r}`, which no outcome rests on", c.id));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.into_iter().collect::<Vec<_>>().join("\n"));
}

#[test]
fn every_verdict_has_a_reason_and_unknowns_name_what_is_missing() {
    for seed in 0..300 {
        let d = iotlabel_model::testgen::declaration(seed);
        for f in engine().assess(&d, None, &[], as_of()).frameworks {
            for r in f.requirements {
                assert!(!r.reason.to_string().trim().is_empty(), "{}:{} has no reason", f.id, r.id);
                if r.verdict == Verdict::Unknown && !r.controls.iter().any(|c| c.starts_with("evidence.")) {
                    assert!(!r.missing.is_empty(), "{}:{} unknown without naming a field", f.id, r.id);
                }
            }
        }
    }
}

/// Catalogs are values passed in: a registry re-assesses its labels against a new edition while
/// the old one still answers, in one process. Here a second edition makes UK PSTI 1 (no universal
/// default password) a mere recommendation: the same declaration is judged by both, each engine
/// keeps its own verdicts and the report carries the titles of the edition that judged it.
#[test]
fn two_catalog_editions_side_by_side() {
    use iotlabel_assess::Engine;
    use iotlabel_catalog::Status;
    let builtin = Catalogs::builtin();
    let mut edited = builtin.clone();
    let psti = edited.frameworks.iter_mut().find(|c| c.framework.id == "uk-psti").unwrap();
    psti.framework.short_title = "UK PSTI (draft edition)".into();
    let req = psti.requirements.iter_mut().find(|r| r.id == "1").unwrap();
    req.status = Status::Recommended;
    req.title = "Passwords (edited)".into();
    assert!(edited.check().is_empty(), "{:?}", edited.check());
    let old = Engine::new(builtin);
    let new = Engine::new(&edited);

    let d = declaration(&[("authentication.default_password", json!("universal"))]);
    let a = old.assess(&d, None, &["uk-psti"], as_of());
    let b = new.assess(&d, None, &["uk-psti"], as_of());
    // The requirement fails under both editions; only the old one makes it decide the verdict.
    fn one<'a, 'c>(r: &'a iotlabel_assess::Report<'c>) -> &'a iotlabel_assess::RequirementResult<'c> {
        r.frameworks[0].requirements.iter().find(|q| q.id == "1").unwrap()
    }
    assert_eq!(one(&a).verdict, Verdict::Fail);
    assert_eq!(one(&b).verdict, Verdict::Fail);
    assert_eq!(a.frameworks[0].verdict, FrameworkVerdict::NotConformant);
    assert_ne!(a.frameworks[0].mandatory, b.frameworks[0].mandatory);
    assert_eq!(one(&a).title, builtin.framework("uk-psti").unwrap().requirement("1").unwrap().title);
    assert_eq!(one(&b).title, "Passwords (edited)");
    assert_eq!(b.frameworks[0].title, "UK PSTI (draft edition)");
    // The bulk path agrees with the explained one, edition by edition.
    for (eng, report) in [(&old, &a), (&new, &b)] {
        let v = eng.verdicts(&d, None, &["uk-psti"], as_of());
        assert_eq!(v.frameworks[0].verdict, report.frameworks[0].verdict);
        assert_eq!(v.frameworks[0].mandatory, report.frameworks[0].mandatory);
    }
    // Building the second engine did not disturb the first.
    assert_eq!(old.assess(&d, None, &["uk-psti"], as_of()), a);
}

/// Issue #10: evidence about another firmware version, or naming none and dated before the
/// release (a pre-release build), cannot lift the level through controls about the shipped
/// software; it is noted, never dropped silently. Evidence naming no device is noted too.
#[test]
fn evidence_about_other_software_is_noted_and_set_aside_where_it_must_be() {
    let d = declaration(&[]); // Fortis Lock Pro, firmware 3.2.0, released 2025-09-15
    let lab = |id: &str, control: &str, method: &str, date: &str| {
        item(id, ("control", control), "pass", method, "Approved Lab", date)
    };
    let tests = |date: &str| {
        json!([
            lab("ba", "evidence.binary-analysis", "binary_analysis", date),
            lab("pt", "evidence.penetration-test", "penetration_test", date),
            lab("doc", "docs.risk-assessment", "document_review", date),
        ])
    };
    let run = |ev: &Evidence| {
        let r = engine().assess(&d, Some(ev), &["sg-cls"], as_of());
        let notes: Vec<String> = r.notes.iter().map(ToString::to_string).collect();
        (r.frameworks[0].level, notes)
    };
    let with_firmware = |fw: Option<&str>, date: &str| {
        let mut ev = items(tests(date));
        ev.device.as_mut().unwrap().firmware_version = fw.map(str::to_owned);
        ev
    };

    // The declared firmware (however written), or none named after the release: they count.
    for ev in [with_firmware(Some("v3.2.0"), "2025-08-01"), with_firmware(None, "2026-09-01")] {
        assert_eq!(run(&ev), (Some("4"), Vec::new()));
    }

    // Another firmware: one note for the file, the two lab tests set aside, the review counts.
    let (level, notes) = run(&with_firmware(Some("3.1.0"), "2026-09-01"));
    assert_eq!(level, Some("2"));
    assert_eq!(notes.len(), 3, "{notes:#?}");
    assert!(
        notes[0].contains("firmware 3.1.0, but the declaration describes firmware 3.2.0"),
        "{}",
        notes[0]
    );
    assert!(notes[1].starts_with("Evidence ba was set aside") && notes[1].contains("firmware 3.1.0"));
    assert!(notes[2].starts_with("Evidence pt was set aside"));

    // No version named and dated before the release: set aside where the shipped software
    // matters, counted with a note where it does not.
    let (level, notes) = run(&with_firmware(None, "2025-08-01"));
    assert_eq!(level, Some("2"));
    assert_eq!(notes.len(), 3, "{notes:#?}");
    assert!(notes[0].contains("before the release date 15 September 2025"), "{}", notes[0]);
    assert!(
        notes[2].starts_with("Evidence doc is dated 1 August 2025, before the release date"),
        "{}",
        notes[2]
    );

    // No device at all (accepted only on the user's explicit word): said in every report.
    let mut ev = with_firmware(None, "2026-09-01");
    ev.device = None;
    assert!(!iotlabel_assess::check_evidence_bound(&ev, false).is_empty());
    assert!(iotlabel_assess::check_evidence_bound(&ev, true).is_empty());
    let (level, notes) = run(&ev);
    assert_eq!(level, Some("4"));
    assert_eq!(notes.len(), 1);
    assert!(notes[0].contains("names no device"), "{}", notes[0]);
}

/// Issue #8: the CRA's minimum support period is policy kept in the control set
/// (`min_months` of `update.support-period-cra`), not a number in the code: an edition with
/// another minimum judges by it, and one with none cannot pass the control.
#[test]
fn the_cra_support_minimum_is_read_from_the_catalog_data() {
    use iotlabel_assess::Engine;
    let builtin = Catalogs::builtin();
    let control =
        |c: &Catalogs| c.controls.controls.iter().position(|x| x.id == "update.support-period-cra").unwrap();
    let mut shorter = builtin.clone();
    let i = control(&shorter);
    assert_eq!(shorter.controls.controls[i].min_months, Some(60));
    shorter.controls.controls[i].min_months = Some(36);
    let mut none = builtin.clone();
    let i = control(&none);
    none.controls.controls[i].min_months = None;

    // Four years of support: short of the built-in five years, enough for a three-year edition.
    let d = declaration(&[("updates.support_end", json!("2029-09-15"))]);
    let judge = |cats: &Catalogs| {
        let eng = Engine::new(cats);
        let r = eng.assess(&d, None, &["eu-cra"], as_of());
        let explained = r.frameworks[0].requirements.iter().find(|q| q.id == "Art13.8").unwrap().verdict;
        let bulk = eng.verdicts(&d, None, &["eu-cra"], as_of());
        let pos =
            cats.framework("eu-cra").unwrap().requirements.iter().position(|q| q.id == "Art13.8").unwrap();
        assert_eq!(bulk.frameworks[0].requirements[pos], explained);
        explained
    };
    assert_eq!(judge(builtin), Verdict::Fail);
    assert_eq!(judge(&shorter), Verdict::Pass);
    assert_eq!(judge(&none), Verdict::Unknown);
}

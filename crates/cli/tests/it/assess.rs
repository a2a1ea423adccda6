//! `iotlabel assess`: exit codes, the JSON and OSCAL shapes, evidence, and text output.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::{AS_OF, FRAMEWORKS, data, example, examples, has_location, run};

const FRAMEWORK_VERDICTS: [&str; 3] = ["conformant", "not_conformant", "incomplete"];
const REQUIREMENT_VERDICTS: [&str; 5] = ["pass", "fail", "not_applicable", "unknown", "contradicted"];

fn assess_json(file: &str, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["assess", file, "--as-of", AS_OF, "--format", "json"];
    args.extend(extra);
    let r = run(&args);
    r.no_panic();
    assert!(r.code == 0 || r.code == 1, "exit {} for {file}:\n{}", r.code, r.stderr);
    (r.code, r.json())
}

/// The `(framework id, verdict)` pairs of a JSON report.
fn verdicts(v: &Value) -> Vec<(String, String)> {
    v["frameworks"]
        .as_array()
        .expect("frameworks is an array")
        .iter()
        .map(|f| (f["id"].as_str().unwrap().to_string(), f["verdict"].as_str().unwrap().to_string()))
        .collect()
}

/// The verdict of one requirement in a JSON report.
fn requirement_verdict<'a>(v: &'a Value, framework: &str, requirement: &str) -> &'a str {
    v["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == framework)
        .unwrap_or_else(|| panic!("no framework {framework}"))["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == requirement)
        .unwrap_or_else(|| panic!("no requirement {framework}:{requirement}"))["verdict"]
        .as_str()
        .unwrap()
}

#[test]
fn conformant_device_exits_0() {
    let r = run(&[
        "--color",
        "never",
        "assess",
        &example("fortis-lock-pro.toml"),
        "--framework",
        "uk-psti",
        "--as-of",
        AS_OF,
    ]);
    r.expect_code(0);
    assert!(r.stdout.contains("UK PSTI"), "{}", r.stdout);
    assert!(r.stdout.contains(": CONFORMANT"), "{}", r.stdout);
    assert!(!r.stdout.contains("NOT CONFORMANT"), "{}", r.stdout);
}

#[test]
fn conformant_against_every_framework_exits_0() {
    let (code, v) = assess_json(&example("fortis-lock-pro.toml"), &[]);
    assert_eq!(code, 0);
    assert!(verdicts(&v).iter().all(|(_, verdict)| verdict == "conformant"), "{:?}", verdicts(&v));
}

#[test]
fn universal_password_camera_exits_1() {
    let r = run(&[
        "--color",
        "never",
        "assess",
        &example("budget-cam-universal-password.toml"),
        "--framework",
        "uk-psti",
        "--as-of",
        AS_OF,
    ]);
    r.expect_code(1);
    assert!(r.stdout.contains("NOT CONFORMANT"), "{}", r.stdout);
    assert!(r.stdout.contains("FAIL"), "{}", r.stdout);
    assert!(!r.stdout.contains('\x1b'), "--color never, yet escape codes on stdout");
    assert_eq!(r.stderr, "");
}

/// Exit code 1 is the "not conformant" signal even when only one of several frameworks fails.
#[test]
fn one_failing_framework_is_enough_for_exit_1() {
    let (code, v) = assess_json(&example("acme-cam-2.toml"), &["--framework", "uk-psti,eu-cra"]);
    assert_eq!(code, 1);
    assert_eq!(
        verdicts(&v),
        [
            ("uk-psti".to_string(), "conformant".to_string()),
            ("eu-cra".to_string(), "not_conformant".to_string())
        ]
    );
}

#[test]
fn unknown_framework_exits_2_with_suggestion() {
    let r = run(&["assess", &example("acme-cam-2.toml"), "--framework", "etsi", "--as-of", AS_OF]);
    r.expect_code(2);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("unknown framework `etsi`"), "{}", r.stderr);
    assert!(r.stderr.contains("did you mean `etsi-en-303-645`"), "{}", r.stderr);
    for id in FRAMEWORKS {
        assert!(r.stderr.contains(id), "the expected list lacks {id}:\n{}", r.stderr);
    }
}

#[test]
fn bad_as_of_date_exits_2() {
    let r = run(&["assess", &example("acme-cam-2.toml"), "--as-of", "2026-13-01"]);
    r.expect_code(2);
    assert!(r.stderr.contains("YYYY-MM-DD"), "{}", r.stderr);
}

#[test]
fn json_report_shape_for_every_example() {
    let frameworks: BTreeSet<&str> = FRAMEWORKS.into_iter().collect();
    for file in examples() {
        let (code, v) = assess_json(&file, &[]);
        assert_eq!(v["as_of"], AS_OF, "{file}");
        let fws = v["frameworks"].as_array().unwrap_or_else(|| panic!("{file}: no frameworks array"));
        let ids: BTreeSet<&str> = fws.iter().map(|f| f["id"].as_str().unwrap()).collect();
        assert_eq!(ids, frameworks, "{file}: `--framework all` is the default");
        let mut all_conformant = true;
        for f in fws {
            let verdict = f["verdict"].as_str().unwrap();
            assert!(FRAMEWORK_VERDICTS.contains(&verdict), "{file}: framework verdict {verdict}");
            all_conformant &= verdict == "conformant";
            let reqs = f["requirements"].as_array().unwrap();
            assert!(!reqs.is_empty(), "{file}: {} has no requirements", f["id"]);
            for req in reqs {
                assert!(req["id"].is_string(), "{file}: requirement without id: {req}");
                let rv = req["verdict"].as_str().unwrap();
                assert!(REQUIREMENT_VERDICTS.contains(&rv), "{file}: requirement verdict {rv}");
            }
        }
        assert_eq!(code, if all_conformant { 0 } else { 1 }, "{file}: exit code follows the verdicts");
    }
}

#[test]
fn framework_selection_is_respected() {
    let (_, v) = assess_json(&example("acme-cam-2.toml"), &["--framework", "sg-cls,uk-psti"]);
    let ids: Vec<String> = verdicts(&v).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["sg-cls", "uk-psti"]);
}

/// Naming a framework twice should assess it once.
#[test]

fn repeated_framework_is_assessed_once() {
    let (_, v) = assess_json(&example("acme-cam-2.toml"), &["--framework", "uk-psti,sg-cls,uk-psti"]);
    let ids: Vec<String> = verdicts(&v).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["uk-psti", "sg-cls"]);
}

#[test]
fn as_of_changes_support_period_verdicts() {
    // The Echoes speaker's support has ended by the fixed date; the report must say which date
    // it used, and a date long before must not give the same report.
    let (_, late) = assess_json(&example("echoes-speaker-eol.toml"), &[]);
    let r =
        run(&["assess", &example("echoes-speaker-eol.toml"), "--as-of", "2015-01-01", "--format", "json"]);
    r.no_panic();
    let early = r.json();
    assert_eq!(late["as_of"], AS_OF);
    assert_eq!(early["as_of"], "2015-01-01");
    assert_ne!(late["frameworks"], early["frameworks"], "--as-of has no effect on any verdict");
}

#[test]
fn oscal_output_is_assessment_results() {
    let r = run(&["assess", &example("acme-cam-2.toml"), "--as-of", AS_OF, "--format", "oscal"]);
    r.expect_code(1);
    let v = r.json();
    let ar = v.get("assessment-results").expect("an `assessment-results` key");
    assert!(ar["uuid"].is_string(), "{ar:#}");
    assert!(ar["metadata"]["title"].as_str().unwrap().contains("Acme Cam 2"));
    assert!(ar["results"].as_array().is_some_and(|a| !a.is_empty()), "results is a non-empty array");
}

#[test]
fn oscal_output_is_deterministic() {
    let args = ["assess", &example("acme-cam-2.toml"), "--as-of", AS_OF, "--format", "oscal"];
    let a = run(&args);
    let b = run(&args);
    assert_eq!(a.stdout, b.stdout, "same input and date, different OSCAL (UUIDs or timestamps drift?)");
}

#[test]
fn evidence_contradicting_a_claim() {
    let decl = example("acme-cam-2.toml");
    let ev = data("evidence/acme-cam-2-contradicts.json");

    // Without evidence the declaration passes UK PSTI.
    let (code, before) = assess_json(&decl, &["--framework", "uk-psti"]);
    assert_eq!(code, 0);
    assert_eq!(requirement_verdict(&before, "uk-psti", "1"), "pass");

    // The lab found a shared factory password: the claim is contradicted, and that fails the
    // framework.
    let (code, after) = assess_json(&decl, &["--framework", "uk-psti", "--evidence", &ev]);
    assert_eq!(code, 1);
    assert_eq!(requirement_verdict(&after, "uk-psti", "1"), "contradicted");
    assert_eq!(verdicts(&after), [("uk-psti".to_string(), "not_conformant".to_string())]);
    let req =
        after["frameworks"][0]["requirements"].as_array().unwrap().iter().find(|r| r["id"] == "1").unwrap();
    assert_eq!(req["evidence"], serde_json::json!(["test-pw-1"]), "{req:#}");

    // The same in text: the contradiction is shown with the observation and the evidence id.
    let r = run(&[
        "--color",
        "never",
        "assess",
        &decl,
        "--framework",
        "uk-psti",
        "--evidence",
        &ev,
        "--as-of",
        AS_OF,
    ]);
    r.expect_code(1);
    assert!(r.stdout.contains("CONTRA"), "{}", r.stdout);
    assert!(r.stdout.contains("admin/admin"), "{}", r.stdout);
    assert!(r.stdout.contains("evidence: test-pw-1"), "{}", r.stdout);
}

#[test]
fn evidence_naming_unknown_targets_exits_2_located() {
    let ev = data("evidence/unknown-control.json");
    let r = run(&[
        "--color",
        "never",
        "assess",
        &example("acme-cam-2.toml"),
        "--evidence",
        &ev,
        "--as-of",
        AS_OF,
    ]);
    r.expect_code(2);
    assert_eq!(r.stdout, "", "no report with bad evidence");
    assert!(r.stderr.starts_with(&format!("error: {ev}: 2 problems\n")), "{}", r.stderr);
    assert!(has_location(&r.stderr, &ev), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("{ev}:6:7: items[0].control: `auth.no-universal-default-pasword`")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("did you mean `auth.no-universal-default-password`"), "{}", r.stderr);
    assert!(r.stderr.contains(&format!("{ev}:15:7: items[1].requirement: `uk-psti:9`")), "{}", r.stderr);
    let shown = r.stderr.replace("crates/cli/tests/data/evidence/", "");
    insta::assert_snapshot!("evidence_unknown_targets", shown);
}

#[test]
fn example_evidence_is_accepted() {
    let (_, v) =
        assess_json(&example("acme-cam-2.toml"), &["--evidence", "examples/evidence/acme-cam-2-lab.json"]);
    // The lab's failed TLS test is cited by the ETSI requirement on encrypted communication.
    let etsi = v["frameworks"].as_array().unwrap().iter().find(|f| f["id"] == "etsi-en-303-645").unwrap();
    let cited = etsi["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["evidence"].as_array().is_some_and(|e| e.iter().any(|id| id == "lab-2024-017-tls")));
    assert!(cited, "no ETSI requirement cites lab-2024-017-tls");
}

#[test]
fn missing_evidence_file_exits_2() {
    let r = run(&[
        "assess",
        &example("acme-cam-2.toml"),
        "--evidence",
        "no/such/evidence.json",
        "--as-of",
        AS_OF,
    ]);
    r.expect_code(2);
    assert!(r.stderr.contains("no/such/evidence.json: cannot read"), "{}", r.stderr);
}

#[test]
fn text_output_hides_passes_unless_all() {
    let file = example("acme-cam-2.toml");
    let short = run(&["--color", "never", "assess", &file, "--as-of", AS_OF]);
    let long = run(&["--color", "never", "assess", &file, "--as-of", AS_OF, "--all"]);
    short.expect_code(1);
    long.expect_code(1);
    assert!(short.stdout.contains("--all shows them"), "{}", short.stdout);
    assert!(!short.stdout.contains("PASS "), "passes are hidden by default");
    assert!(long.stdout.contains("PASS "), "--all lists passes");
    assert!(long.stdout.len() > short.stdout.len());
    assert!(short.stdout.contains("NOT CONFORMANT"));
    assert!(short.stdout.contains(&format!("assessed as of {AS_OF}")));
}

#[test]
fn text_output_colour() {
    let file = example("budget-cam-universal-password.toml");
    // assert_cmd pipes stdout, so `auto` must not colour either.
    for color in ["never", "auto"] {
        let r = run(&["--color", color, "assess", &file, "--as-of", AS_OF]);
        r.expect_code(1);
        assert!(r.stdout.contains("NOT CONFORMANT"));
        assert!(!r.stdout.contains('\x1b'), "--color {color}: escape codes on a pipe");
    }
    let r = run(&["--color", "always", "assess", &file, "--as-of", AS_OF]);
    r.expect_code(1);
    assert!(r.stdout.contains('\x1b'), "--color always gives no colour");
}

//! `iotlabel assess`: exit codes, the JSON and OSCAL shapes, evidence, and text output.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::{AS_OF, FRAMEWORKS, data, example, examples, has_location, root, run, tempdir};

const FRAMEWORK_VERDICTS: [&str; 4] = ["conformant", "not_conformant", "incomplete", "out_of_scope"];
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
            // A framework out of scope asks nothing of the product.
            all_conformant &= verdict == "conformant" || verdict == "out_of_scope";
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
        r.stderr.contains(&format!("{ev}:7:7: items[0].control: `auth.no-universal-default-pasword`")),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("did you mean `auth.no-universal-default-password`"), "{}", r.stderr);
    assert!(r.stderr.contains(&format!("{ev}:16:7: items[1].requirement: `uk-psti:9`")), "{}", r.stderr);
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

// ---------------------------------------------------------------------------------------------
// --lang

/// Reasons exist in French; `--lang fr` must show them, with French titles and words, while the
/// verdicts and the exit code stay the same.
#[test]
fn text_output_in_french() {
    let file = example("budget-cam-universal-password.toml");
    let args = ["--color", "never", "assess", &file, "--framework", "uk-psti,sg-cls", "--as-of", AS_OF];
    let en = run(&args);
    let fr = run(&[&args[..], &["--lang", "fr"]].concat());
    en.expect_code(1);
    fr.expect_code(1);
    assert_eq!(fr.stderr, "");
    // The reason for UK PSTI 1 and its title, in each language.
    assert!(en.stdout.contains("NOT CONFORMANT"), "{}", en.stdout);
    assert!(fr.stdout.contains("NON CONFORME"), "{}", fr.stdout);
    assert!(fr.stdout.contains("évalué à la date du 2026-11-22"), "{}", fr.stdout);
    assert!(fr.stdout.contains("--all les affiche"), "{}", fr.stdout);
    assert!(!fr.stdout.contains("assessed as of"), "English words left:\n{}", fr.stdout);
    assert!(!fr.stdout.contains("rests on:"), "English words left:\n{}", fr.stdout);
    let reason_line = |out: &str, id: &str| -> String {
        let mut lines = out.lines();
        while let Some(l) = lines.next() {
            if l.split_whitespace().nth(1) == Some(id) {
                return lines.next().unwrap_or_default().trim().to_string();
            }
        }
        panic!("no requirement {id} in:\n{out}");
    };
    let (en_reason, fr_reason) = (reason_line(&en.stdout, "1"), reason_line(&fr.stdout, "1"));
    assert!(!en_reason.is_empty() && !fr_reason.is_empty());
    assert_ne!(en_reason, fr_reason, "the reason is not translated");
    // The French reason is the one the assessment messages give in French.
    assert!(fr_reason.contains("mot de passe") || fr_reason.contains("mots de passe"), "{fr_reason}");
    // sg-cls level lines use the French words too.
    assert!(fr.stdout.contains("niveau 1\u{a0}: "), "{}", fr.stdout);
}

#[test]
fn json_output_in_french() {
    let file = example("acme-cam-2.toml");
    let ev = "examples/evidence/acme-cam-2-lab.json";
    let (code_en, en) = assess_json(&file, &["--evidence", ev]);
    let (code_en2, en2) = assess_json(&file, &["--evidence", ev, "--lang", "en"]);
    let (code_fr, fr) = assess_json(&file, &["--evidence", ev, "--lang", "fr"]);
    assert_eq!((code_en, code_en2, code_fr), (1, 1, 1));
    assert_eq!(en, en2, "--lang en is the default");
    // Same shape, ids and verdicts; reasons and titles differ.
    assert_eq!(verdicts(&en), verdicts(&fr));
    let reqs = |v: &Value, f: &str| -> Vec<Value> {
        v["frameworks"].as_array().unwrap().iter().find(|x| x["id"] == f).unwrap()["requirements"]
            .as_array()
            .unwrap()
            .clone()
    };
    let (e, f) = (reqs(&en, "uk-psti"), reqs(&fr, "uk-psti"));
    assert_eq!(e.len(), f.len());
    for (a, b) in e.iter().zip(&f) {
        assert_eq!(a["id"], b["id"]);
        assert_eq!(a["verdict"], b["verdict"]);
        assert_eq!(a["fields"], b["fields"]);
        assert_ne!(a["reason"], b["reason"], "reason of uk-psti:{} not translated", a["id"]);
        assert_ne!(a["title"], b["title"], "title of uk-psti:{} not translated", a["id"]);
    }
    let req1 = f.iter().find(|r| r["id"] == "1").unwrap();
    assert!(req1["title"].as_str().unwrap().contains("mot"), "{req1:#}");
    // Control reasons and level titles too.
    assert_ne!(en["controls"][0]["reason"], fr["controls"][0]["reason"]);
    let sg = fr["frameworks"].as_array().unwrap().iter().find(|x| x["id"] == "sg-cls").unwrap();
    assert!(sg["levels"][0]["title"].as_str().unwrap().starts_with("Niveau 1"), "{}", sg["levels"][0]);
    // Nothing else changes: the same keys everywhere.
    fn keys(v: &Value, out: &mut Vec<String>, at: &str) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    out.push(format!("{at}.{k}"));
                    keys(x, out, &format!("{at}.{k}"));
                }
            }
            Value::Array(a) => a.iter().for_each(|x| keys(x, out, &format!("{at}[]"))),
            _ => {}
        }
    }
    let (mut ke, mut kf) = (Vec::new(), Vec::new());
    keys(&en, &mut ke, "");
    keys(&fr, &mut kf, "");
    assert_eq!(ke, kf);
}

#[test]
fn unknown_language_exits_2() {
    let r = run(&["assess", &example("acme-cam-2.toml"), "--lang", "de", "--as-of", AS_OF]);
    r.expect_code(2);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("unknown language `de`"), "{}", r.stderr);
    let r = run(&["assess", &example("acme-cam-2.toml"), "--lang", "en+fr", "--as-of", AS_OF]);
    r.expect_code(2);
    assert!(r.stderr.contains("one language only"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------------
// exit code with a closed pipe, logs, evidence files

/// `iotlabel assess X | head`: the reader goes away, but a device that is not conformant must
/// still give exit 1 (scripts test `$PIPESTATUS` / `set -o pipefail`).
#[test]
fn closed_pipe_keeps_the_not_conformant_exit_code() {
    let file = example("budget-cam-universal-password.toml");
    for format in ["text", "json", "oscal"] {
        let (code, stderr) = crate::util::run_into_closed_pipe(&[
            "--color", "never", "assess", &file, "--as-of", AS_OF, "--format", format,
        ]);
        assert!(!stderr.contains("internal error"), "{format}: {stderr}");
        assert_eq!(code, Some(1), "{format}: {stderr}");
    }
    let (code, stderr) = crate::util::run_into_closed_pipe(&[
        "assess",
        &example("fortis-lock-pro.toml"),
        "--as-of",
        AS_OF,
        "--framework",
        "uk-psti",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
}

/// `validate` with an invalid file keeps exit 2 when stdout is closed early.
#[test]
fn closed_pipe_keeps_the_invalid_input_exit_code() {
    let (code, stderr) = crate::util::run_into_closed_pipe(&[
        "--color",
        "never",
        "validate",
        &example("acme-cam-2.toml"),
        &data("bad/missing-brand.toml"),
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("missing-brand.toml"), "problems are still reported: {stderr}");
}

/// Logs on stderr follow the colour decision of everything else: none on a pipe or with
/// `--color never`, some with `--color always`.
#[test]
fn logs_are_coloured_only_when_output_is() {
    let file = example("fortis-lock-pro.toml");
    for color in ["auto", "never"] {
        let r = run(&["-v", "--color", color, "assess", &file, "--as-of", AS_OF, "--framework", "uk-psti"]);
        r.expect_code(0);
        assert!(r.stderr.contains("assessing"), "-v shows the info log:\n{}", r.stderr);
        assert!(!r.stderr.contains('\x1b'), "--color {color}: escape codes in logs on a pipe:\n{}", r.stderr);
    }
    let r =
        iotlabel_with_env(&["-v", "assess", &file, "--as-of", AS_OF, "--framework", "uk-psti"], "NO_COLOR");
    assert!(r.stderr.contains("assessing") && !r.stderr.contains('\x1b'), "NO_COLOR: {}", r.stderr);
    let r = run(&["-v", "--color", "always", "assess", &file, "--as-of", AS_OF, "--framework", "uk-psti"]);
    r.expect_code(0);
    assert!(r.stderr.contains('\x1b'), "--color always gives uncoloured logs:\n{}", r.stderr);
}

fn iotlabel_with_env(args: &[&str], var: &str) -> crate::util::Run {
    let out = crate::util::iotlabel().args(args).env(var, "1").output().unwrap();
    crate::util::Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// An empty evidence file is called an evidence file, not a declaration.
#[test]
fn empty_evidence_file_is_named_as_evidence() {
    let tmp = crate::util::tempdir();
    for name in ["ev.json", "ev.toml"] {
        let ev = tmp.path().join(name);
        std::fs::write(&ev, "  \n").unwrap();
        let ev = ev.to_string_lossy().into_owned();
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
        assert_eq!(r.stdout, "");
        assert!(r.stderr.contains(&format!("{ev}:1:1: the file is empty")), "{}", r.stderr);
        assert!(r.stderr.contains("expected: an evidence file"), "{}", r.stderr);
        assert!(!r.stderr.contains("a declaration"), "{}", r.stderr);
    }
}

/// A requirement deemed met through a route while its direct reading fails is shown (text) and
/// carries its routes and direct verdict (JSON).
#[test]
fn routes_are_shown_in_text_and_json() {
    let dir = tempdir();
    let text = std::fs::read_to_string(root().join(example("fortis-lock-pro.toml"))).unwrap();
    let path = dir.path().join("universal.toml");
    std::fs::write(
        &path,
        text.replace("default_password = \"user_set_at_setup\"", "default_password = \"universal\""),
    )
    .unwrap();
    let file = path.to_string_lossy().into_owned();
    let r = run(&["assess", &file, "--framework", "uk-psti", "--as-of", AS_OF]);
    r.expect_code(0);
    assert!(
        r.stdout.contains("Meets UK PSTI 1 through a current Singapore CLS(IoT) label (CLS-2025-EX-0042"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("without that route, the requirement is not met"), "{}", r.stdout);
    assert!(
        r.stdout.contains("route C (met): through the current Singapore CLS(IoT) label CLS-2025-EX-0042"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("route A (not met)"), "{}", r.stdout);
    let r = run(&["assess", &file, "--framework", "uk-psti", "--as-of", AS_OF, "--format", "json"]);
    let v = r.json();
    let one = &v["frameworks"][0]["requirements"][0];
    assert_eq!(one["verdict"], "pass");
    assert_eq!(one["direct"], "fail");
    let met: Vec<&str> = one["routes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["met"] == true)
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert_eq!(met, ["C"]);
    assert_eq!(one["routes"][2]["certificate"], "CLS-2025-EX-0042");
}

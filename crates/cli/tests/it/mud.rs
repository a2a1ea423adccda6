//! `iotlabel mud generate|validate|sign|compile`: the binary end to end, over the examples and
//! the real MUD files in `../shared/mud` (beside the workspace, as in CI).

use crate::util::{examples, has_location, root, run, tempdir};

fn shared(rel: &str) -> String {
    let p = root().join("../shared/mud").join(rel);
    assert!(p.exists(), "{} is missing: the shared test data sits beside the workspace", p.display());
    p.display().to_string()
}

const PKI: &str = "crates/mud/tests/data/pki";

#[test]
fn generate_every_example_or_name_the_missing_fields() {
    let schema = run(&["schema", "mud"]).json();
    let validator = jsonschema::validator_for(&schema).expect("the MUD schema compiles");
    let dir = tempdir();
    let mut written = 0;
    for ex in examples() {
        let r = run(&["mud", "generate", &ex, "--last-update", "2026-11-22T12:00:00Z"]);
        if r.code == 0 {
            let v = r.json();
            assert!(validator.is_valid(&v), "{ex}: output does not match `iotlabel schema mud`");
            let out = dir.path().join("x.mud.json");
            std::fs::write(&out, &r.stdout).expect("write");
            run(&["mud", "validate", out.to_str().expect("utf-8")]).expect_code(0);
            written += 1;
        } else {
            r.expect_code(2);
            assert!(r.stderr.contains("network."), "{ex}: the fields to fill in are named:\n{}", r.stderr);
        }
    }
    assert!(written >= 4, "too few examples give a MUD file");
}

#[test]
fn validate_strict_and_lenient() {
    let ok = shared("valid/rfc8520-section9-example.json");
    run(&["mud", "validate", &ok]).expect_code(0);
    let bad = shared("deviating/osmud-lightbulb2000.json");
    let r = run(&["mud", "validate", &bad]);
    r.expect_code(2);
    assert!(has_location(&r.stderr, &bad), "located:\n{}", r.stderr);
    assert!(r.stderr.contains("access-list-entries"), "names the deviation:\n{}", r.stderr);
    let r = run(&["mud", "validate", "--lenient", &bad]);
    r.expect_code(0);
    assert!(r.stderr.contains("warning:"), "{}", r.stderr);
    // The normalised form reads strictly.
    let r = run(&["mud", "validate", "--lenient", "--print", &bad]);
    r.expect_code(0);
    let dir = tempdir();
    let p = dir.path().join("normalised.json");
    std::fs::write(&p, &r.stdout).expect("write");
    run(&["mud", "validate", p.to_str().expect("utf-8")]).expect_code(0);
    // JSON output: one result per file.
    let r = run(&["mud", "validate", &ok, &bad, "--format", "json"]);
    r.expect_code(2);
    let v = r.json();
    assert_eq!(v[0]["valid"], true);
    assert_eq!(v[1]["valid"], false);
    assert!(v[1]["diagnostics"][0]["line"].as_u64().is_some_and(|l| l > 0));
    assert!(v[1]["diagnostics"][0]["path"].as_str().is_some_and(|p| p.starts_with('$')));
}

#[test]
fn verify_the_real_signature() {
    let (json, p7s, ca) = (
        shared("valid/Luminaire_150.json"),
        shared("valid/Luminaire_150.p7s"),
        shared("valid/luminaire-cacert.pem"),
    );
    let r = run(&["mud", "validate", &json, "--signature", &p7s, "--ca", &ca]);
    r.expect_code(4);
    assert!(r.stderr.contains("expired on 2019-07-12"), "{}", r.stderr);
    let r = run(&["mud", "validate", &json, "--signature", &p7s, "--ca", &ca, "--at", "2019-01-01"]);
    r.expect_code(0);
    assert!(r.stdout.contains("signature verified"), "{}", r.stdout);
    let r = run(&[
        "mud",
        "validate",
        &json,
        "--signature",
        &p7s,
        "--ca",
        &ca,
        "--ignore-time",
        "--format",
        "json",
    ]);
    r.expect_code(0);
    assert_eq!(r.json()[0]["signature"]["verified"], true);
    assert_eq!(r.json()[0]["signature"]["details"]["time_checked"], false);
    // Another file with this signature does not verify.
    let other = shared("valid/rfc8520-section9-example.json");
    run(&["mud", "validate", &other, "--signature", &p7s, "--ca", &ca, "--ignore-time"]).expect_code(4);
}

#[test]
fn sign_then_verify() {
    let dir = tempdir();
    let mud = dir.path().join("cam.mud.json");
    let r =
        run(&["mud", "generate", "examples/devices/acme-cam-2.toml", "--out", mud.to_str().expect("utf-8")]);
    r.expect_code(0);
    let sig = dir.path().join("cam.p7s");
    let (m, s) = (mud.to_str().expect("utf-8"), sig.to_str().expect("utf-8"));
    run(&[
        "mud",
        "sign",
        m,
        "--key",
        &format!("{PKI}/maker.key"),
        "--cert",
        &format!("{PKI}/maker.pem"),
        "--out",
        s,
    ])
    .expect_code(0);
    run(&["mud", "validate", m, "--signature", s, "--ca", &format!("{PKI}/ca.pem")]).expect_code(0);
    run(&["mud", "validate", m, "--signature", s, "--ca", &format!("{PKI}/other-ca.pem")]).expect_code(4);
    // The CA's key is not the certificate's.
    let r = run(&[
        "mud",
        "sign",
        m,
        "--key",
        &format!("{PKI}/ca.key"),
        "--cert",
        &format!("{PKI}/maker.pem"),
        "--out",
        s,
    ]);
    r.expect_code(2);
    assert!(r.stderr.contains("does not belong"), "{}", r.stderr);
}

#[test]
fn compile_text_and_json() {
    let mud = shared("valid/mudmaker-same-manufacturer.json");
    let r = run(&["mud", "compile", &mud, "--device-mac", "02:00:00:00:00:05", "--device-ipv6", "fd00::5"]);
    r.expect_code(0);
    assert!(r.stdout.contains("chain mudmaker_same_manufacturer_from {"), "{}", r.stdout);
    assert!(r.stdout.contains("ether saddr 02:00:00:00:00:05 jump"), "{}", r.stdout);
    let r = run(&[
        "mud",
        "compile",
        &mud,
        "--device-id",
        "bulb",
        "--device-ipv4",
        "192.168.1.9",
        "--format",
        "json",
    ]);
    r.expect_code(0);
    assert!(r.json()["nftables"].as_array().is_some_and(|a| a.len() > 4));
    let r = run(&["mud", "compile", &mud, "--device-mac", "nonsense"]);
    r.expect_code(2);
    assert!(r.stderr.contains("MAC address"), "{}", r.stderr);
    run(&["mud", "compile", &mud]).expect_code(2);
}

#[test]
fn dns_feed_from_answers() {
    let dir = tempdir();
    let mud = dir.path().join("cam.mud.json");
    let m = mud.to_str().expect("utf-8");
    run(&["mud", "generate", "examples/devices/acme-cam-2.toml", "--out", m]).expect_code(0);
    let answers = dir.path().join("answers.txt");
    std::fs::write(&answers, "api.acme.example. 120 IN A 192.0.2.1\nelse.example. 5 IN A 192.0.2.2\n")
        .expect("write");
    let r = run(&["mud", "dns-feed", "--mud", m, answers.to_str().expect("utf-8")]);
    r.expect_code(0);
    assert_eq!(
        r.stdout,
        "add element inet iotlabel_mud dns_api_acme_example_v4 { 192.0.2.1 timeout 120s }\n"
    );
    std::fs::write(&answers, "api.acme.example. 120 IN A nonsense\n").expect("write");
    let r = run(&["mud", "dns-feed", "--mud", m, answers.to_str().expect("utf-8")]);
    r.expect_code(2);
    assert!(r.stderr.contains("line 1"), "{}", r.stderr);
}

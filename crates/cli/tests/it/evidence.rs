//! `iotlabel evidence import` and `evidence coverage` end to end: the shared tool outputs
//! (`../shared/tool-outputs`, beside the workspace as in CI) and the importer's fixtures
//! imported for a device, then `assess --evidence` over the result.

use serde_json::Value;

use crate::util::{AS_OF, example, root, run, tempdir};

fn shared(rel: &str) -> String {
    let p = root().join("../shared/tool-outputs").join(rel);
    assert!(p.exists(), "{} is missing: the shared test data sits beside the workspace", p.display());
    p.display().to_string()
}

fn fixture(rel: &str) -> String {
    format!("crates/import/tests/data/{rel}")
}

/// The evidence ids every requirement of `framework` cites, with its verdict.
fn cited(report: &Value, framework: &str) -> Vec<(String, String, Vec<String>)> {
    report["frameworks"]
        .as_array()
        .expect("frameworks")
        .iter()
        .filter(|f| f["id"] == framework)
        .flat_map(|f| f["requirements"].as_array().expect("requirements").iter())
        .map(|r| {
            let ids = r["evidence"]
                .as_array()
                .map_or(Vec::new(), |a| a.iter().map(|v| v.as_str().expect("id").to_string()).collect());
            (
                r["id"].as_str().expect("id").to_string(),
                r["verdict"].as_str().expect("verdict").to_string(),
                ids,
            )
        })
        .collect()
}

#[test]
fn imported_findings_decide_and_are_cited_by_the_assessment() {
    let dir = tempdir();
    let out = dir.path().join("evidence.json");
    let out_s = out.to_str().expect("utf-8");
    let device = example("acme-cam-2.toml");
    let testssl = shared("testssl/not-skipped.json");
    let ssh = shared("ssh-audit/backend.json");
    let zap = shared("zap/backend.json");
    let har = shared("har/browser.json");
    let nmap = fixture("good/nmap-device-scan.xml");
    let sbom = fixture("good/cyclonedx-vex.json");
    let r = run(&[
        "evidence",
        "import",
        "--from",
        "testssl",
        &testssl,
        "--from",
        "nmap-xml",
        &nmap,
        &ssh,
        &zap,
        &har,
        &sbom,
        "--device",
        &device,
        "--tester",
        "Example Test Lab",
        "--date",
        "2026-11-20",
        "--out",
        out_s,
        "--format",
        "json",
    ]);
    r.expect_code(0);
    let summary = r.json();
    assert_eq!(summary["refused"].as_array().map(Vec::len), Some(0));
    assert_eq!(summary["imported"].as_array().map(Vec::len), Some(6));
    let formats: Vec<&str> = summary["imported"]
        .as_array()
        .expect("imported")
        .iter()
        .map(|f| f["format"].as_str().expect("format"))
        .collect();
    assert_eq!(formats, ["testssl", "nmap-xml", "ssh-audit", "zap", "har", "cyclonedx"]);

    let evidence: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("JSON");
    assert_eq!(evidence["device"]["model"], "Cam 2");
    let items = evidence["items"].as_array().expect("items");
    assert_eq!(summary["items"].as_u64(), Some(items.len() as u64));
    for item in items {
        let src = &item["source"];
        assert!(src["file"].is_string() && src["format"].is_string() && src["record"].is_string(), "{item}");
        assert_eq!(item["tester"], "Example Test Lab");
        assert_eq!(item["date"], "2026-11-20");
    }
    // The file matches the published evidence schema (and `assess` below reads it back).
    let schema = run(&["schema", "evidence"]).json();
    let validator = jsonschema::validator_for(&schema).expect("the evidence schema compiles");
    assert!(validator.is_valid(&evidence), "the imported evidence does not match `iotlabel schema evidence`");

    let report = run(&[
        "assess",
        &device,
        "--evidence",
        out_s,
        "--framework",
        "etsi-en-303-645",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ])
    .json();
    let reqs = cited(&report, "etsi-en-303-645");
    let by_id =
        |id: &str| reqs.iter().find(|(r, _, _)| r == id).unwrap_or_else(|| panic!("{id} in the report"));
    let item = |id: &str| {
        items.iter().find(|i| i["id"] == id).unwrap_or_else(|| panic!("item {id} in the evidence"))
    };
    // The Tomcat default account nmap logged in with contradicts the declared unique passwords.
    let (_, verdict, ids) = by_id("5.1-1");
    assert_eq!(verdict, "contradicted");
    assert!(ids.iter().any(|i| item(i)["source"]["finding"] == "http-default-accounts"), "{ids:?}");
    // TLS 1.0 (nmap), testssl's HIGH finding and ssh-audit's critical algorithms fail 5.5-1.
    let (_, verdict, ids) = by_id("5.5-1");
    assert!(verdict == "fail" || verdict == "contradicted", "{verdict}");
    for format in ["nmap-xml", "testssl", "ssh-audit"] {
        assert!(
            ids.iter().any(|i| item(i)["source"]["format"] == format),
            "5.5-1 cites no {format} item: {ids:?}"
        );
    }
    // Anonymous FTP fails 5.5-4 (network functions only after authentication).
    let (_, _, ids) = by_id("5.5-4");
    assert!(ids.iter().any(|i| item(i)["source"]["finding"] == "ftp-anon"), "{ids:?}");
    // Every evidence id any verdict cites is an imported item whose source names its file.
    let all: Vec<&String> = reqs.iter().flat_map(|(_, _, ids)| ids.iter()).collect();
    assert!(all.len() >= 5);
    for id in all {
        let file = item(id)["source"]["file"].as_str().expect("file").to_string();
        assert!([&testssl, &ssh, &zap, &har, &nmap, &sbom].iter().any(|f| **f == file), "{id}: {file}");
    }
}

#[test]
fn a_bad_input_is_named_and_the_others_are_still_imported() {
    let dir = tempdir();
    let out = dir.path().join("ev.json");
    let out_s = out.to_str().expect("utf-8");
    let device = example("acme-cam-2.toml");
    let good = shared("zap/backend.json");
    let bad = fixture("bad/zap-missing-fields.json");
    let truncated = fixture("bad/nmap-truncated.xml");
    let r = run(&[
        "evidence", "import", &good, "--from", "nmap-xml", &truncated, &bad, "--device", &device, "--tester",
        "Lab", "--out", out_s,
    ]);
    r.expect_code(1);
    assert!(
        r.stderr.contains(&format!(
            "{bad}: zap: missing field (expected a string) (at /site/0/alerts/1/riskcode)"
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("{truncated}:127: nmap-xml: the file ends too early")),
        "{}",
        r.stderr
    );
    let ev: Value = serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("JSON");
    let items = ev["items"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(items.iter().all(|i| i["source"]["file"] == good.as_str()));

    // Nothing imported: nothing written, an earlier file left as it was.
    std::fs::write(&out, "earlier").expect("write");
    let r = run(&["evidence", "import", &bad, "--device", &device, "--tester", "Lab", "--out", out_s]);
    r.expect_code(2);
    assert!(r.stderr.contains("nothing written"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "earlier");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind");

    // An unknown format name is a usage error naming the formats.
    let r = run(&["evidence", "import", "--from", "nessus", &good, "--device", &device, "--tester", "Lab"]);
    r.expect_code(2);
    assert!(r.stderr.contains("nmap-xml, testssl, ssh-audit, zap, cyclonedx, spdx, har"), "{}", r.stderr);
    // A file of no known format is refused with what was seen.
    let unknown = fixture("bad/unknown-format.json");
    let r = run(&["evidence", "import", &unknown, "--device", &device, "--tester", "Lab"]);
    r.expect_code(2);
    assert!(r.stderr.contains("unknown format: a JSON object with keys results, generator"), "{}", r.stderr);
}

#[test]
fn coverage_names_the_test_units_covered_and_remaining() {
    let dir = tempdir();
    let out = dir.path().join("ev.json");
    let out_s = out.to_str().expect("utf-8");
    let device = example("acme-cam-2.toml");
    let nmap = fixture("good/nmap-device-scan.xml");
    let testssl = shared("testssl/not-skipped.json");
    run(&[
        "evidence",
        "import",
        &nmap,
        &testssl,
        "--device",
        &device,
        "--tester",
        "Lab",
        "--date",
        "2026-11-20",
        "--out",
        out_s,
    ])
    .expect_code(0);
    let r = run(&[
        "evidence",
        "coverage",
        "--device",
        &device,
        "--evidence",
        out_s,
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    r.expect_code(1);
    let cov = r.json();
    assert_eq!(cov["format"], "iotlabel.coverage");
    let t = &cov["totals"];
    assert_eq!(t["units"], 226);
    let n = |v: &Value| v.as_u64().expect("count");
    assert_eq!(n(&t["covered"]) + n(&t["remaining"]) + n(&t["not_applicable"]), 226);
    let unit = |id: &str| -> Value {
        cov["provisions"]
            .as_array()
            .expect("provisions")
            .iter()
            .flat_map(|p| p["units"].as_array().expect("units").iter())
            .find(|u| u["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("unit {id}"))
    };
    // The scan covers the declared-against-observed units; testssl the protocol audit; nothing
    // here covers a document review or the SBOM analysis.
    assert_eq!(unit("5.1-1-2a")["state"], "covered");
    assert_eq!(unit("5.1-1-2a")["performer"], "basic-tool");
    assert_eq!(unit("5.5-1-2a")["state"], "covered");
    assert_eq!(unit("5.5-2-2a")["state"], "remaining");
    assert_eq!(unit("5.5-2-2a")["performer"], "advanced-tool");
    assert!(
        unit("5.5-1-2a")["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|i| i.as_str().expect("id").starts_with("testssl-"))
    );

    let text = run(&["evidence", "coverage", "--device", &device, "--evidence", out_s, "--as-of", AS_OF]);
    text.expect_code(1);
    assert!(text.stdout.contains("5.5-2-2a"), "{}", text.stdout);
    assert!(text.stdout.contains("ETSI TS 103 701: "), "{}", text.stdout);
}

#[test]
fn masks_accept_findings_visibly_and_stale_masks_are_errors() {
    let dir = tempdir();
    let out = dir.path().join("ev.json");
    let out_s = out.to_str().expect("utf-8");
    let device = example("acme-cam-2.toml");
    let nmap = fixture("good/nmap-device-scan.xml");
    run(&[
        "evidence",
        "import",
        &nmap,
        "--device",
        &device,
        "--tester",
        "Example Test Lab",
        "--date",
        "2026-11-20",
        "--out",
        out_s,
    ])
    .expect_code(0);
    let verdict = |report: &Value, id: &str| -> String {
        cited(report, "etsi-en-303-645").into_iter().find(|(r, _, _)| r == id).expect("requirement").1
    };
    let assess = |extra: &[&str]| {
        let mut args = vec![
            "assess",
            device.as_str(),
            "--evidence",
            out_s,
            "--framework",
            "etsi-en-303-645",
            "--as-of",
            AS_OF,
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        run(&args)
    };
    let before = assess(&[]).json();
    assert_eq!(verdict(&before, "5.1-1"), "contradicted");

    let masks = dir.path().join("masks.toml");
    std::fs::write(
        &masks,
        r#"schema_version = "1"

[[masks]]
finding = "http-default-accounts"
what = "Tomcat manager default account on 8080 (factory test image)"
why = "Removed from production firmware; checked on the shipped build"
who = "J. Doe, Example Test Lab"
when = 2026-11-21

[[masks]]
finding = "tcp/2121"
what = "FTP on 2121"
why = "Accepted for the first half of the year"
who = "J. Doe, Example Test Lab"
when = 2026-01-01
expires = 2026-06-01
"#,
    )
    .expect("write");
    let masks_s = masks.to_str().expect("utf-8");
    let after = assess(&["--masks", masks_s]).json();
    assert_ne!(verdict(&after, "5.1-1"), "contradicted", "the accepted finding no longer counts");
    // The accepted finding is listed with what, why, who, when, and cited by no verdict.
    let accepted = after["accepted"].as_array().expect("accepted findings listed");
    assert!(!accepted.is_empty());
    for a in accepted {
        assert_eq!(a["finding"], "http-default-accounts", "{a}");
        assert_eq!(a["who"], "J. Doe, Example Test Lab");
        assert_eq!(a["when"], "2026-11-21");
        assert!(a["why"].as_str().expect("why").contains("Removed from production firmware"));
        let id = a["item"].as_str().expect("item");
        assert!(cited(&after, "etsi-en-303-645").iter().all(|(_, _, ids)| !ids.iter().any(|x| x == id)));
    }
    // The expired mask accepts nothing: it is listed as expired, and the FTP finding it named
    // counts as it did without masks, cited by the same verdicts.
    let not_in_force = after["masks_not_in_force"].as_array().expect("masks not in force");
    assert_eq!(not_in_force.len(), 1, "{not_in_force:?}");
    assert_eq!(
        (not_in_force[0]["mask"].as_u64(), not_in_force[0]["reason"].as_str()),
        (Some(1), Some("expired"))
    );
    let ev: Value = serde_json::from_str(&std::fs::read_to_string(&out).expect("evidence")).expect("json");
    let ftp = ev["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["source"]["finding"] == "tcp/2121")
        .and_then(|i| i["id"].as_str())
        .expect("the FTP finding")
        .to_string();
    let citing = |report: &Value| -> Vec<(String, String)> {
        report["controls"]
            .as_array()
            .expect("controls")
            .iter()
            .filter(|c| c["evidence"].as_array().is_some_and(|e| e.iter().any(|x| x == ftp.as_str())))
            .map(|c| {
                (c["id"].as_str().expect("id").to_string(), c["verdict"].as_str().expect("v").to_string())
            })
            .collect()
    };
    assert!(!citing(&before).is_empty(), "the FTP finding counts without masks");
    assert_eq!(citing(&after), citing(&before), "a finding whose mask expired still counts");
    assert!(accepted.iter().all(|a| a["item"] != ftp.as_str()));
    // The text report says it, in English and French.
    let text = |lang: &str| {
        let mut args = vec!["assess", device.as_str(), "--evidence", out_s, "--masks", masks_s];
        args.extend_from_slice(&["--framework", "etsi-en-303-645", "--as-of", AS_OF, "--lang", lang]);
        run(&args).stdout
    };
    let en = text("en");
    assert!(en.contains("accepted by J. Doe, Example Test Lab on 21 November 2026"), "{en}");
    assert!(en.contains("expired on 1 June 2026"), "{en}");
    let fr = text("fr");
    assert!(fr.contains("accepté par J. Doe, Example Test Lab le 21 novembre 2026"), "{fr}");

    // The label shows the accepted finding on its online page (HTML and JSON, English and
    // French), and its JSON carries it.
    let labels = dir.path().join("labels");
    let labels_s = labels.to_str().expect("utf-8");
    run(&[
        "label",
        &device,
        "--evidence",
        out_s,
        "--masks",
        masks_s,
        "--as-of",
        AS_OF,
        "--lang",
        "en+fr",
        "--format",
        "json,html",
        "--out",
        labels_s,
    ])
    .expect_code(0);
    let read = |ext: &str| {
        let entry = std::fs::read_dir(&labels)
            .expect("labels")
            .map(|e| e.expect("entry").path())
            .find(|p| p.extension().is_some_and(|x| x == ext))
            .expect("label file");
        std::fs::read_to_string(entry).expect("read")
    };
    let doc: Value = serde_json::from_str(&read("json")).expect("label JSON");
    let on_label = doc["label"]["accepted"].as_array().expect("label.accepted");
    assert_eq!(on_label.len(), accepted.len());
    assert_eq!(on_label[0]["who"], "J. Doe, Example Test Lab");
    let page = doc["page"].to_string();
    assert!(page.contains("accepted by J. Doe, Example Test Lab on 21 November 2026"), "{page}");
    assert!(page.contains("accepté par J. Doe, Example Test Lab le 21"), "{page}");
    let html = read("html");
    assert!(html.contains("Findings the lab accepts") && html.contains("Removed from production firmware"));
    // Without --masks the label lists no accepted finding.
    let plain = dir.path().join("plain");
    run(&[
        "label",
        &device,
        "--evidence",
        out_s,
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--out",
        plain.to_str().expect("utf-8"),
    ])
    .expect_code(0);
    let entry = std::fs::read_dir(&plain).expect("plain").next().expect("file").expect("entry").path();
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(entry).expect("read")).expect("json");
    assert!(doc["label"].get("accepted").is_none());

    // A mask matching nothing is an error, located at the mask.
    std::fs::write(
        &masks,
        "schema_version = \"1\"\n[[masks]]\nitem = \"nmap-9-9\"\nwhat = \"x\"\nwhy = \"y\"\nwho = \"z\"\nwhen = 2026-11-01\n",
    )
    .expect("write");
    let r = assess(&["--masks", masks_s]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("masks.toml:2:1: masks[0]: mask `x` matches no evidence item"),
        "located at the mask: {}",
        r.stderr
    );
    // The label refuses it the same way, and writes nothing.
    let refused = dir.path().join("refused");
    let r = run(&[
        "label",
        &device,
        "--evidence",
        out_s,
        "--masks",
        masks_s,
        "--as-of",
        AS_OF,
        "--format",
        "json",
        "--out",
        refused.to_str().expect("utf-8"),
    ]);
    r.expect_code(2);
    assert!(r.stderr.contains("matches no evidence item"), "{}", r.stderr);
    assert!(!refused.exists() || std::fs::read_dir(&refused).expect("dir").next().is_none());
    // --masks without --evidence is a usage error.
    run(&["assess", &device, "--masks", masks_s]).expect_code(2);
    run(&["label", &device, "--masks", masks_s, "--format", "txt"]).expect_code(2);
}

/// Captures import beside the tools' outputs (by `--from pcap` and by their magic number), as
/// `evidence observe` judges them: each item names its capture and frames; a broken capture is
/// refused by name, frame and offset while the rest is written.
#[test]
fn captures_import_with_the_tools_outputs_and_name_their_frames() {
    let dir = tempdir();
    let out = dir.path().join("ev.json");
    let out_s = out.display().to_string();
    let capture = root().join("../shared/pcap/toolsaf/deltaco-setup.pcap").display().to_string();
    let full = std::fs::read(&capture).expect("the shared capture");
    let cut = dir.path().join("cut.pcapng.bin");
    std::fs::write(&cut, &full[..200]).expect("write");
    let cut_s = cut.display().to_string();
    // The plug's capture against another plug's declaration: its services are undeclared.
    let args = |extra: &[&str]| {
        let mut a = vec![
            "evidence",
            "import",
            "--device",
            "examples/devices/plugsafe-mini.toml",
            "--tester",
            "Example Lab",
            "--date",
            "2026-12-04",
            "--map",
            "examples/captures/deltaco-setup.addresses.toml",
            "--out",
            &out_s,
            "--format",
            "json",
        ];
        a.extend_from_slice(extra);
        a.iter().map(|s| (*s).to_string()).collect::<Vec<_>>()
    };
    let tls = shared("testssl/not-skipped.json");
    let a = args(&["--from", "pcap", &capture, &capture, &tls]);
    let r = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    r.expect_code(0);
    let summary = r.json();
    let formats: Vec<&str> =
        summary["imported"].as_array().unwrap().iter().map(|f| f["format"].as_str().unwrap()).collect();
    assert_eq!(formats.iter().filter(|f| **f == "pcap").count(), 2, "{summary}");
    assert!(formats.contains(&"testssl"), "{summary}");
    let ev: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let items = ev["items"].as_array().unwrap();
    for ordinal in ["pcap-1-", "pcap-2-"] {
        let mine: Vec<&Value> =
            items.iter().filter(|i| i["id"].as_str().unwrap().starts_with(ordinal)).collect();
        assert!(!mine.is_empty(), "{ordinal}: {ev}");
        for i in mine {
            assert_eq!(i["source"]["format"], "pcap", "{i}");
            assert!(i["source"]["file"].as_str().unwrap().ends_with("deltaco-setup.pcap"), "{i}");
            assert!(!i["source"]["frames"].as_array().unwrap().is_empty(), "{i}");
        }
    }
    assert!(
        items.iter().any(|i| i["control"] == "surface.minimal-services" && i["result"] == "fail"),
        "{ev}"
    );
    let ids: std::collections::HashSet<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), items.len(), "item ids are unique");

    // A capture cut short (detected by its magic number): refused with its place, the rest written.
    std::fs::remove_file(&out).unwrap();
    let a = args(&[&cut_s, &tls]);
    let r = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    r.expect_code(1);
    assert!(r.stderr.contains("cut.pcapng.bin") && r.stderr.contains("byte"), "{}", r.stderr);
    assert!(out.exists(), "the other input is still written");

    // An unknown --from names the capture formats among the expected ones.
    let a = args(&["--from", "pcapx", &capture]);
    let r = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    r.expect_code(2);
    assert!(r.stderr.contains("pcap, pcapng"), "{}", r.stderr);
}

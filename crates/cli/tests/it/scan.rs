//! `iotlabel scan` against the emulated fleet (loopback only): outputs, evidence that makes
//! `assess` report `contradicted`, resuming, the safety rule.

use std::net::Ipv4Addr;

use iotlabel_fleet::{Fleet, Profile};
use serde_json::Value;

use crate::util::{example, iotlabel, root};

/// A fleet running on its own runtime while the test drives the binary.
struct Running {
    fleet: Option<Fleet>,
    _rt: tokio::runtime::Runtime,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.fleet.take();
    }
}

fn fleet(base: Ipv4Addr, profiles: &[Profile]) -> Running {
    let rt =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().expect("runtime");
    let fleet = rt.block_on(iotlabel_fleet::start(base, profiles)).expect("fleet starts");
    Running { fleet: Some(fleet), _rt: rt }
}

#[test]
fn scan_evidence_makes_assess_report_contradicted() {
    let _f = fleet(Ipv4Addr::new(127, 10, 15, 1), &[Profile::Router]);
    let dir = tempfile::tempdir().expect("tempdir");
    let evidence = dir.path().join("evidence.json");
    let decl = example("acme-cam-2.toml");
    iotlabel().args(["scan", "127.10.15.1", "--device", &decl, "--out"]).arg(&evidence).assert().code(1);
    let ev: Value =
        serde_json::from_slice(&std::fs::read(&evidence).expect("evidence written")).expect("json");
    let item = ev["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["control"] == "auth.no-universal-default-password")
        .expect("an item about default passwords");
    assert_eq!(item["result"], "fail");
    assert_eq!(item["tester"], "iotlabel scan");
    assert!(item["summary"].as_str().expect("summary").contains("admin:admin"), "{item}");
    assert_eq!(ev["device"]["brand"], "Acme");

    let out = iotlabel()
        // Judged today: the scan's evidence is dated today, and evidence from after the
        // assessment date would not count.
        .args(["assess", &decl, "--format", "json", "--all", "--evidence"])
        .arg(&evidence)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let v: Value = serde_json::from_str(&text).expect("assess json");
    let contradicted: Vec<&Value> = v["frameworks"]
        .as_array()
        .expect("frameworks")
        .iter()
        .flat_map(|f| f["requirements"].as_array().into_iter().flatten())
        .filter(|r| r["verdict"] == "contradicted")
        .collect();
    assert!(!contradicted.is_empty(), "no contradicted requirement: {text}");
    assert!(
        contradicted.iter().any(|r| r.to_string().contains("admin:admin")),
        "the verdict cites the scan: {contradicted:?}"
    );
}

#[test]
fn scan_formats_json_sarif_csv_table() {
    let _f = fleet(Ipv4Addr::new(127, 10, 16, 1), &[Profile::Dvr, Profile::Secure]);
    let json = iotlabel().args(["scan", "127.10.16.1-2", "--format", "json"]).output().expect("runs");
    assert_eq!(json.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&json.stdout).expect("json report");
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/scan-report.schema.json")).expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("valid schema");
    assert!(validator.is_valid(&report), "{report}");
    let checks: Vec<&str> = report["hosts"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["check"].as_str().expect("check"))
        .collect();
    assert_eq!(checks, ["insecure.telnet", "creds.default"]);
    assert_eq!(report["hosts"][1]["findings"].as_array().map(Vec::len), Some(0));

    let sarif = iotlabel().args(["scan", "127.10.16.1-2", "--format", "sarif"]).output().expect("runs");
    let s: Value = serde_json::from_slice(&sarif.stdout).expect("sarif");
    assert_eq!(s["version"], "2.1.0");
    let results = s["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    assert!(results.iter().all(|r| {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .is_some_and(|u| u == "tcp://127.10.16.1:23")
    }));

    let csv = iotlabel()
        .args(["scan", "127.10.16.1", "--checks", "ports,insecure", "--format", "csv"])
        .output()
        .expect("runs");
    let csv = String::from_utf8(csv.stdout).expect("utf-8");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[1].starts_with("127.10.16.1,23,insecure.telnet,surface.no-insecure-services,high,"));

    let table = iotlabel().args(["scan", "127.10.16.2", "--format", "table"]).output().expect("runs");
    assert_eq!(table.status.code(), Some(0));
    let t = String::from_utf8(table.stdout).expect("utf-8");
    assert!(t.contains("443/tcp  tls  TLSv1.3") && t.contains("0 finding(s)"), "{t}");
}

#[test]
fn scan_udp_and_rtsp_findings_reach_every_format() {
    let _f = fleet(Ipv4Addr::new(127, 10, 18, 1), &[Profile::CoapSensor, Profile::Camera]);
    let sarif = iotlabel()
        .args(["scan", "127.10.18.1-2", "--checks", "udp,insecure", "--format", "sarif"])
        .output()
        .expect("runs");
    assert_eq!(sarif.status.code(), Some(1));
    let s: Value = serde_json::from_slice(&sarif.stdout).expect("sarif");
    let rules: Vec<&str> = s["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    for id in ["insecure.rtsp-open", "insecure.coap-open", "insecure.upnp-igd"] {
        assert!(rules.contains(&id), "{id} is a SARIF rule");
    }
    let uris: Vec<(&str, &str)> = s["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().expect("rule"),
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().expect("uri"),
            )
        })
        .collect();
    assert!(uris.contains(&("insecure.coap-open", "udp://127.10.18.1:5683")), "{uris:?}");
    assert!(uris.contains(&("insecure.rtsp-open", "tcp://127.10.18.2:554")), "{uris:?}");

    let csv = iotlabel()
        .args(["scan", "127.10.18.1", "--checks", "udp", "--format", "csv"])
        .output()
        .expect("runs");
    let csv = String::from_utf8(csv.stdout).expect("utf-8");
    assert!(
        csv.lines().any(|l| l
            .starts_with("127.10.18.1,5683,insecure.coap-open,auth.network-access-authenticated,medium,")),
        "{csv}"
    );

    let table = iotlabel()
        .args(["scan", "127.10.18.1", "--checks", "udp", "--format", "table"])
        .output()
        .expect("runs");
    let t = String::from_utf8(table.stdout).expect("utf-8");
    assert!(t.contains("5683/udp  coap") && t.contains("5353/udp  mdns"), "{t}");
    assert!(t.contains("manufacturer: Acme Sensors") && t.contains("firmware: 1.4.2"), "{t}");
}

#[test]
fn scan_resumes_without_repeating_finished_hosts() {
    let _f = fleet(Ipv4Addr::new(127, 10, 17, 1), &[Profile::Dvr, Profile::Router]);
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("scan.state");
    // A previous run finished 127.10.17.1 (and found it empty); only .2 is scanned now.
    let header = r#"{"state":"iotlabel-scan/1","targets":["127.10.17.1-2"],"checks":["ports","creds","tls","insecure","udp"],"ports":[21,22,23,80,443,554,1883,2323,8080,8443,8554,8883]}"#;
    std::fs::write(
        &state,
        format!("{header}\n{{\"address\":\"127.10.17.1\",\"services\":[],\"findings\":[]}}\n"),
    )
    .expect("state");
    let out = iotlabel()
        .args(["scan", "127.10.17.1-2", "--format", "json", "--state"])
        .arg(&state)
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let hosts: Vec<&str> = report["hosts"]
        .as_array()
        .expect("hosts")
        .iter()
        .map(|h| h["address"].as_str().expect("address"))
        .collect();
    assert_eq!(hosts, ["127.10.17.2"], "the finished host is not scanned again");
    assert_eq!(report["scanned"], 2);
    let lines = std::fs::read_to_string(&state).expect("state").lines().count();
    assert_eq!(lines, 3, "header, the old host, the new host");
    // Another scan's state is refused.
    iotlabel().args(["scan", "127.10.17.1", "--state"]).arg(&state).assert().code(2);
}

#[test]
fn scan_refuses_public_addresses_without_allow_public() {
    // Refused while the targets are read, before any connection.
    let out = iotlabel().args(["scan", "127.0.0.1,8.8.8.8"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--allow-public"));
    iotlabel().args(["scan", "127.0.0.1/8,10.0.0.0/8"]).assert().code(2);
    iotlabel().args(["scan", "127.0.0.1", "--checks", "ports,smb"]).assert().code(2);
}

/// `scan --devices MAP --out DIR`: one evidence file per mapped device, with only its own hosts'
/// findings, and the whole report; a map that names an address outside the targets, or one
/// address twice, is refused before anything is scanned, with the line.
#[test]
fn scan_with_a_fleet_map_writes_evidence_per_device() {
    let _f = fleet(Ipv4Addr::new(127, 10, 23, 1), &[Profile::Router, Profile::Secure, Profile::Dvr]);
    let dir = tempfile::tempdir().expect("tempdir");
    let decl = |name: &str| root().join("examples/devices").join(name).to_string_lossy().into_owned();
    let map = dir.path().join("fleet.toml");
    std::fs::write(
        &map,
        format!(
            "[[device]]\ndeclaration = {:?}\naddresses = [\"127.10.23.1\"]\n\n[[device]]\ndeclaration = {:?}\naddresses = [\"127.10.23.2\"]\n",
            decl("acme-cam-2.toml"),
            decl("thermaline-t4.toml"),
        ),
    )
    .expect("map");
    let out = dir.path().join("evidence");
    let run = iotlabel()
        .args(["scan", "127.10.23.1-3", "--checks", "all", "--devices"])
        .arg(&map)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr);
    assert!(stderr.contains("1 host(s) with open ports are not in the map"), "{stderr}");
    let read = |name: &str| -> Value {
        serde_json::from_slice(&std::fs::read(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}")))
            .expect("json")
    };
    let cam = read("acme-cam-2.evidence.json");
    assert_eq!(cam["device"]["brand"], "Acme");
    let fails = |ev: &Value| -> Vec<String> {
        ev["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|i| i["result"] == "fail")
            .map(|i| i["summary"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let cam_fails = fails(&cam);
    assert!(cam_fails.iter().any(|s| s.contains("admin:admin")), "{cam_fails:?}");
    assert!(
        cam_fails.iter().all(|s| !s.contains("127.10.23.3")),
        "the DVR is not the camera's: {cam_fails:?}"
    );
    let sensor = read("thermaline-t4.evidence.json");
    assert!(fails(&sensor).is_empty(), "{sensor}");
    let report = read("report.json");
    assert!(report["hosts"].as_array().expect("hosts").iter().any(|h| h["address"] == "127.10.23.3"));

    // Refused before scanning: an address outside the targets, and one address twice.
    std::fs::write(
        &map,
        format!(
            "[[device]]\ndeclaration = {:?}\naddresses = [\"127.10.23.1\", \"127.10.23.9\"]\n\n[[device]]\ndeclaration = {:?}\naddresses = [\"127.10.23.1\"]\n",
            decl("acme-cam-2.toml"),
            decl("thermaline-t4.toml"),
        ),
    )
    .expect("map");
    let bad = iotlabel()
        .args(["scan", "127.10.23.1-3", "--devices"])
        .arg(&map)
        .arg("--out")
        .arg(dir.path().join("none"))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&bad.get_output().stderr);
    assert!(stderr.contains("127.10.23.9, which is not among the scan's targets"), "{stderr}");
    assert!(stderr.contains("both claim 127.10.23.1"), "{stderr}");
    assert!(stderr.contains("fleet.toml:"), "{stderr}");
    assert!(!dir.path().join("none").exists(), "nothing written");
}

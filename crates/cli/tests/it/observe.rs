//! `iotlabel evidence observe`: the real captures in `../shared/pcap` (beside the workspace, as
//! in CI) against the example declarations; exit codes, JSON against its schema, evidence out,
//! broken input located.

use crate::util::{run, tempdir};

const PLUG: &str = "examples/devices/deltaco-outdoor-plug.toml";

#[test]
fn plug_setup_is_clean_and_its_cloud_not_attributable() {
    let r = run(&[
        "evidence",
        "observe",
        "--device",
        PLUG,
        "--pcap",
        "../shared/pcap/toolsaf/deltaco-setup.pcap",
        "--map",
        "examples/captures/deltaco-setup.addresses.toml",
    ]);
    r.expect_code(0);
    assert!(r.stdout.contains("not attributable") && r.stdout.contains("pre-shared key"), "{}", r.stdout);
    assert!(r.stdout.contains("0 seen not declared"), "{}", r.stdout);
}

#[test]
fn json_matches_the_published_schema() {
    let r = run(&[
        "evidence",
        "observe",
        "--device",
        PLUG,
        "--pcap",
        "../shared/pcap/toolsaf/test.pcap",
        "--map",
        "examples/captures/deltaco-test.addresses.toml",
        "--format",
        "json",
    ]);
    r.expect_code(0);
    let doc = r.json();
    assert_eq!(doc["format"], "iotlabel.observation");
    let schema = run(&["schema", "observation"]).json();
    let v = jsonschema::validator_for(&schema).expect("schema compiles");
    assert!(v.is_valid(&doc));
    assert!(doc["connections"].as_array().expect("list").iter().any(|c| c["server_name"] == "a1.tuyaeu.com"));
}

#[test]
fn undeclared_traffic_exits_1_and_writes_evidence() {
    // The plug's captures held against another plug's declaration: everything is undeclared.
    let dir = tempdir();
    let out = dir.path().join("observed.json");
    let out_s = out.to_string_lossy().into_owned();
    let r = run(&[
        "evidence",
        "observe",
        "--device",
        "examples/devices/plugsafe-mini.toml",
        "--pcap",
        "../shared/pcap/toolsaf/deltaco-setup.pcap",
        "--map",
        "examples/captures/deltaco-setup.addresses.toml",
        "--evidence-out",
        &out_s,
        "--tester",
        "Example Lab",
        "--date",
        "2026-12-04",
    ]);
    r.expect_code(1);
    assert!(r.stdout.contains("seen, not declared"), "{}", r.stdout);
    let ev: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("json");
    let items = ev["items"].as_array().expect("items");
    assert!(
        items.iter().any(|i| i["control"] == "surface.minimal-services" && i["result"] == "fail"),
        "{ev}"
    );
    assert!(items.iter().all(|i| i["summary"].as_str().is_some_and(|s| s.contains("frame"))), "{ev}");
}

#[test]
fn broken_capture_and_map_exit_2_with_place() {
    let dir = tempdir();
    let full = std::fs::read(crate::util::root().join("../shared/pcap/toolsaf/dhcp.pcap")).expect("capture");
    let cut = dir.path().join("cut.pcap");
    std::fs::write(&cut, &full[..100]).expect("write");
    let cut_s = cut.to_string_lossy().into_owned();
    let r = run(&["evidence", "observe", "--device", PLUG, "--pcap", &cut_s]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("cut.pcap: frame 1 at byte 24") && r.stderr.contains("truncated"),
        "{}",
        r.stderr
    );
    let map = dir.path().join("m.toml");
    std::fs::write(&map, "[[host]]\naddress = \"02:11:22:33:44:55\"\nname = \"ghost\"\n").expect("write");
    let map_s = map.to_string_lossy().into_owned();
    let r = run(&[
        "evidence",
        "observe",
        "--device",
        PLUG,
        "--pcap",
        "../shared/pcap/toolsaf/dhcp.pcap",
        "--map",
        &map_s,
    ]);
    r.expect_code(2);
    assert!(r.stderr.contains("host[0] maps 02:11:22:33:44:55"), "{}", r.stderr);
}

//! `iotlabel discover` and `iotlabel advertise --interface` over real multicast DNS and SSDP, in
//! network namespaces this test creates: a LAN namespace holding a bridge (10.213.7.1/24, where
//! `discover` and a real mDNS browser run), a device namespace running `iotlabel advertise` in
//! multicast mode (10.213.7.2) and one running a fake camera (mDNS `_rtsp._tcp`, SSDP and a UPnP
//! description; 10.213.7.3), joined by veth pairs. Private addresses inside the namespaces only;
//! everything is deleted afterwards. Needs root, `ip` (iproute2) and python3 with the `zeroconf`
//! module (cargo xtask test installs it); it fails, not skips, without them.

use std::process::Command;

use iotlabel_testkit::netns::{Lab, sh};

use serde_json::Value;

use crate::util::root;

const LAN: &str = "10.213.7.1";
const ADV: &str = "10.213.7.2";
const CAM: &str = "10.213.7.3";
/// The MACs of the two devices: an Espressif and a Hikvision prefix of the IEEE registry.
const ADV_MAC: &str = "08:3a:8d:00:00:02";
const CAM_MAC: &str = "04:03:12:00:00:03";
const LABEL_URL: &str = "https://registry.example/l/plugsafe";

fn need_zeroconf() {
    let ok = Command::new("python3").args(["-c", "import zeroconf"]).status().is_ok_and(|s| s.success());
    assert!(
        ok,
        "python3 with the zeroconf module is missing: install python3 and `pip install zeroconf` \
         (cargo xtask test does)"
    );
}

/// The LAN (a bridge), the advertiser and the camera, each in its own namespace.
fn lan() -> Lab {
    let lab = Lab::new(&["lan", "adv", "cam"]);
    let (lan, adv, cam) = (lab.ns[0].clone(), lab.ns[1].clone(), lab.ns[2].clone());
    lab.exec(0, &["ip", "link", "add", "br0", "type", "bridge", "mcast_snooping", "0"]);
    for (ns, dev, port, addr, mac) in [(&adv, "eth0", "pa", ADV, ADV_MAC), (&cam, "eth0", "pc", CAM, CAM_MAC)]
    {
        sh(&[
            "ip", "link", "add", dev, "netns", ns, "address", mac, "type", "veth", "peer", "name", port,
            "netns", &lan,
        ]);
        let i = if ns == &adv { 1 } else { 2 };
        lab.exec(i, &["ip", "addr", "add", &format!("{addr}/24"), "dev", dev]);
        lab.exec(i, &["ip", "link", "set", "lo", "up"]);
        lab.exec(i, &["ip", "link", "set", dev, "up"]);
        lab.exec(i, &["ip", "route", "add", "224.0.0.0/4", "dev", dev]);
        lab.exec(0, &["ip", "link", "set", port, "master", "br0"]);
        lab.exec(0, &["ip", "link", "set", port, "up"]);
    }
    lab.exec(0, &["ip", "addr", "add", &format!("{LAN}/24"), "dev", "br0"]);
    lab.exec(0, &["ip", "link", "set", "lo", "up"]);
    lab.exec(0, &["ip", "link", "set", "br0", "up"]);
    lab.exec(0, &["ip", "route", "add", "224.0.0.0/4", "dev", "br0"]);
    lab
}

#[test]
fn discover_finds_the_advertised_label_and_a_fake_camera_and_zeroconf_agrees() {
    need_zeroconf();
    let mut lab = lan();
    let bin = assert_cmd::cargo::cargo_bin!("iotlabel").to_str().expect("utf-8 path").to_string();

    let mut adv = lab.cmd(1, &bin);
    adv.current_dir(root()).env("NO_COLOR", "1").args([
        "advertise",
        "examples/devices/plugsafe-mini.toml",
        "--label-url",
        LABEL_URL,
        "--interface",
        "eth0",
        "--http",
        "127.0.0.1:8080",
    ]);
    lab.start(adv, "press Ctrl-C");
    let mut cam = lab.cmd(2, "python3");
    cam.arg(root().join("crates/cli/tests/data/discover/fake_device.py")).arg(CAM);
    lab.start(cam, "ready");

    let out = lab
        .cmd(0, &bin)
        .current_dir(root())
        .args(["discover", "--interface", "br0", "--wait", "4", "--format", "json"])
        .output()
        .expect("discover runs");
    assert!(out.status.success(), "discover failed: {}", String::from_utf8_lossy(&out.stderr));
    let found: Value = serde_json::from_slice(&out.stdout).expect("discover prints JSON");
    let devices = found["devices"].as_array().expect("devices");
    let dev = |addr: &str| {
        devices
            .iter()
            .find(|d| d["address"] == addr)
            .unwrap_or_else(|| panic!("{addr} not found in {found:#}"))
            .clone()
    };

    // The labelled device: its label from the TXT record, confirmed by its well-known resource.
    let a = dev(ADV);
    assert_eq!(a["label"]["url"], LABEL_URL, "{a:#}");
    assert!(a["label"]["digest"].as_str().expect("digest").starts_with("sha256:"));
    assert_eq!(a["label"]["well_known"], "same", "{a:#}");
    assert_eq!(a["mac"], ADV_MAC);
    assert_eq!(a["vendor"], "Espressif Inc.");
    assert!(a["services"].as_array().expect("services").iter().any(|s| s == "_iotlabel._tcp"), "{a:#}");

    // The fake camera: mDNS and UPnP names, its vendor, its type and usual sensors.
    let c = dev(CAM);
    assert_eq!(c["mac"], CAM_MAC);
    assert_eq!(c["vendor"], "Hangzhou Hikvision Digital Technology Co.,Ltd.");
    assert!(c["label"].is_null());
    assert_eq!(c["upnp"]["friendly_name"], "Hall Camera", "{c:#}");
    assert_eq!(c["upnp"]["manufacturer"], "Fakecam Industries");
    assert_eq!(c["upnp"]["description_fetched"], true);
    assert!(
        c["mdns"]
            .as_array()
            .expect("mdns")
            .iter()
            .any(|s| s["service_type"] == "_rtsp._tcp" && s["instance"] == "Hall Camera" && s["port"] == 554),
        "{c:#}"
    );
    assert_eq!(c["guess"]["device_type"]["id"], "security-camera", "{c:#}");
    let sensors: Vec<&str> =
        c["guess"]["sensors"].as_array().expect("sensors").iter().filter_map(|s| s["id"].as_str()).collect();
    assert_eq!(sensors, ["camera", "microphone"]);

    // A real mDNS browser finds the same label service with the same facts. python-zeroconf
    // queries from port 5353 (its first query with the QU bit), unlike `discover` (legacy
    // unicast), so this exercises the responder's mDNS answers.
    let out = lab
        .cmd(0, "python3")
        .arg(root().join("crates/cli/tests/data/discover/browse.py"))
        .args([LAN, "_iotlabel._tcp.local.", "3"])
        .output()
        .expect("browse.py runs");
    assert!(out.status.success(), "browse.py failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let seen: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(seen.len(), 1, "zeroconf saw: {text}");
    let z = &seen[0];
    let instance = a["label"]["instance"].as_str().expect("instance");
    assert_eq!(z["name"], format!("{instance}._iotlabel._tcp.local."));
    assert_eq!(z["txt"]["url"], a["label"]["url"]);
    assert_eq!(z["txt"]["digest"], a["label"]["digest"]);
    assert_eq!(z["txt"]["id"], a["label"]["id"]);
    assert_eq!(z["addresses"], serde_json::json!([ADV]));

    // The table says the same in plain words, in French too.
    let out = lab
        .cmd(0, &bin)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(["discover", "--interface", "br0", "--wait", "3", "--lang", "fr"])
        .output()
        .expect("discover runs");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("Hall Camera") && table.contains("Caméra de sécurité"), "{table}");
    assert!(table.contains(LABEL_URL), "{table}");
    drop(lab);
}

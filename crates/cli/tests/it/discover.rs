//! `iotlabel discover` and `iotlabel advertise --interface` over real multicast DNS and SSDP, in
//! network namespaces this test creates: a LAN namespace holding a bridge (10.213.7.1/24 and
//! fe80::1, where `discover` and a real mDNS browser run) and device namespaces joined to it by
//! veth pairs: `iotlabel advertise` in multicast mode on a dual-stack interface (10.213.7.2 and
//! fe80::2), a fake camera (mDNS `_rtsp._tcp`, SSDP and a UPnP description; 10.213.7.3, fe80::3)
//! and, in the second test, `iotlabel advertise` on an interface with no IPv4 address at all
//! (fe80::4), where `discover` also runs once, over IPv6 alone. The IPv6 link-local addresses are set by hand without duplicate address detection
//! (`nodad`, no automatic ones), so they are usable at once. Private and link-local addresses
//! inside the namespaces only; everything is deleted afterwards. Needs root, `ip` (iproute2) and
//! python3 with the `zeroconf` module (cargo xtask test installs it); it fails, not skips,
//! without them.

use std::process::{Command, Output};

use iotlabel_testkit::netns::{Lab, sh};

use serde_json::Value;

use crate::util::root;

const LAN: &str = "10.213.7.1";
const LAN6: &str = "fe80::1";
const ADV: &str = "10.213.7.2";
const ADV6: &str = "fe80::2";
const CAM: &str = "10.213.7.3";
const CAM6: &str = "fe80::3";
const ONLY6: &str = "fe80::4";
/// The MACs of the devices: an Espressif and a Hikvision prefix of the IEEE registry, and a
/// locally administered one.
const ADV_MAC: &str = "08:3a:8d:00:00:02";
const CAM_MAC: &str = "04:03:12:00:00:03";
const ONLY6_MAC: &str = "02:00:00:00:00:04";
const LABEL_URL: &str = "https://registry.example/l/plugsafe";
const LABEL6_URL: &str = "https://registry.example/l/thermaline";

fn need_zeroconf() {
    let ok = Command::new("python3").args(["-c", "import zeroconf"]).status().is_ok_and(|s| s.success());
    assert!(
        ok,
        "python3 with the zeroconf module is missing: install python3 and `pip install zeroconf` \
         (cargo xtask test does)"
    );
}

/// One device namespace on the LAN: its interface's MAC, IPv4 address (if any) and IPv6
/// link-local address.
struct Port {
    mac: &'static str,
    ipv4: Option<&'static str>,
    ipv6: &'static str,
}

/// IPv6 on, no duplicate address detection and no automatic addresses in namespace `i` (before
/// its interfaces exist), so the link-local addresses set by hand are the only ones, usable at once.
fn ipv6_at_once(lab: &Lab, i: usize) {
    for key in ["all", "default"] {
        lab.exec(i, &["sysctl", "-qw", &format!("net.ipv6.conf.{key}.disable_ipv6=0")]);
        lab.exec(i, &["sysctl", "-qw", &format!("net.ipv6.conf.{key}.accept_dad=0")]);
    }
}

/// The link-local address `ip` on `dev` in namespace `i`, without automatic ones.
fn link_local(lab: &Lab, i: usize, dev: &str, ip: &str) {
    lab.exec(i, &["ip", "link", "set", dev, "addrgenmode", "none"]);
    lab.exec(i, &["ip", "addr", "add", &format!("{ip}/64"), "dev", dev, "nodad"]);
}

/// The LAN (a bridge, namespace 0) and one namespace per port (namespaces 1, 2, ...), named
/// after `names` (distinct per test: the tests run at once).
fn lan(names: &[&str], ports: &[Port]) -> Lab {
    assert_eq!(names.len(), ports.len() + 1);
    let lab = Lab::new(names);
    for i in 0..lab.ns.len() {
        ipv6_at_once(&lab, i);
    }
    let lan = lab.ns[0].clone();
    lab.exec(0, &["ip", "link", "add", "br0", "type", "bridge", "mcast_snooping", "0"]);
    for (k, p) in ports.iter().enumerate() {
        let (i, ns, port) = (k + 1, lab.ns[k + 1].clone(), format!("p{k}"));
        sh(&[
            "ip", "link", "add", "eth0", "netns", &ns, "address", p.mac, "type", "veth", "peer", "name",
            &port, "netns", &lan,
        ]);
        if let Some(v4) = p.ipv4 {
            lab.exec(i, &["ip", "addr", "add", &format!("{v4}/24"), "dev", "eth0"]);
        }
        link_local(&lab, i, "eth0", p.ipv6);
        lab.exec(i, &["ip", "link", "set", "lo", "up"]);
        lab.exec(i, &["ip", "link", "set", "eth0", "up"]);
        if p.ipv4.is_some() {
            lab.exec(i, &["ip", "route", "add", "224.0.0.0/4", "dev", "eth0"]);
        }
        lab.exec(0, &["ip", "link", "set", &port, "addrgenmode", "none"]);
        lab.exec(0, &["ip", "link", "set", &port, "master", "br0"]);
        lab.exec(0, &["ip", "link", "set", &port, "up"]);
    }
    lab.exec(0, &["ip", "addr", "add", &format!("{LAN}/24"), "dev", "br0"]);
    link_local(&lab, 0, "br0", LAN6);
    lab.exec(0, &["ip", "link", "set", "lo", "up"]);
    lab.exec(0, &["ip", "link", "set", "br0", "up"]);
    lab.exec(0, &["ip", "route", "add", "224.0.0.0/4", "dev", "br0"]);
    lab
}

fn iotlabel() -> String {
    assert_cmd::cargo::cargo_bin!("iotlabel").to_str().expect("utf-8 path").to_string()
}

/// Starts `iotlabel advertise DEVICE --label-url URL --interface eth0` in namespace `i`.
fn advertise(lab: &mut Lab, i: usize, device: &str, url: &str) {
    let mut adv = lab.cmd(i, &iotlabel());
    adv.current_dir(root()).env("NO_COLOR", "1").args([
        "advertise",
        device,
        "--label-url",
        url,
        "--interface",
        "eth0",
        "--http",
        "127.0.0.1:8080",
    ]);
    lab.start(adv, "press Ctrl-C");
}

/// `iotlabel discover --interface br0 --format json` in the LAN namespace: the devices.
fn discover(lab: &Lab) -> Vec<Value> {
    discover_on(lab, 0, "br0", LAN, LAN6)
}

/// `iotlabel discover --interface IFACE --format json` in namespace `i`, whose addresses there
/// are `ipv4` (empty: none) and `ipv6`: the devices.
fn discover_on(lab: &Lab, i: usize, iface: &str, ipv4: &str, ipv6: &str) -> Vec<Value> {
    let out = lab
        .cmd(i, &iotlabel())
        .current_dir(root())
        .args(["discover", "--interface", iface, "--wait", "4", "--format", "json"])
        .output()
        .expect("discover runs");
    assert!(out.status.success(), "discover failed: {}", String::from_utf8_lossy(&out.stderr));
    let found: Value = serde_json::from_slice(&out.stdout).expect("discover prints JSON");
    assert_eq!(found["address"], ipv4, "{found:#}");
    assert_eq!(found["ipv6_address"], ipv6, "{found:#}");
    found["devices"].as_array().expect("devices").clone()
}

/// The device listed under `addr`, exactly once.
fn dev(devices: &[Value], addr: &str) -> Value {
    let hits: Vec<&Value> = devices.iter().filter(|d| d["address"] == addr).collect();
    assert_eq!(hits.len(), 1, "{addr} not listed once in {devices:#?}");
    hits[0].clone()
}

/// python-zeroconf browsing `_iotlabel._tcp` from the LAN's address `from` (IPv4: over IPv4 only;
/// IPv6: over IPv6 only): the instances it resolved.
fn zeroconf(lab: &Lab, from: &str) -> Vec<Value> {
    let out: Output = lab
        .cmd(0, "python3")
        .arg(root().join("crates/cli/tests/data/discover/browse.py"))
        .args([from, "_iotlabel._tcp.local.", "3"])
        .output()
        .expect("browse.py runs");
    assert!(out.status.success(), "browse.py failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect()
}

/// The zeroconf instance has the label `discover` reported for `d`.
fn same_label(z: &Value, d: &Value) {
    let instance = d["label"]["instance"].as_str().expect("instance");
    assert_eq!(z["name"], format!("{instance}._iotlabel._tcp.local."));
    for k in ["url", "digest", "id"] {
        assert_eq!(z["txt"][k], d["label"][k], "{k}: {z:#} vs {d:#}");
    }
}

#[test]
fn discover_finds_the_advertised_label_and_a_fake_camera_and_zeroconf_agrees() {
    need_zeroconf();
    let ports = [
        Port { mac: ADV_MAC, ipv4: Some(ADV), ipv6: ADV6 },
        Port { mac: CAM_MAC, ipv4: Some(CAM), ipv6: CAM6 },
    ];
    let mut lab = lan(&["lan", "adv", "cam"], &ports);
    advertise(&mut lab, 1, "examples/devices/plugsafe-mini.toml", LABEL_URL);
    let mut cam = lab.cmd(2, "python3");
    cam.arg(root().join("crates/cli/tests/data/discover/fake_device.py")).arg(CAM);
    lab.start(cam, "ready");

    let devices = discover(&lab);
    // Two devices, each once: the advertiser answered over both IPv4 and IPv6 and is one entry.
    assert_eq!(devices.len(), 2, "{devices:#?}");

    // The labelled device: its label from the TXT record, confirmed by its well-known resource;
    // heard over IPv6 too, listed by its IPv4 address with its link-local one.
    let a = dev(&devices, ADV);
    assert_eq!(a["label"]["url"], LABEL_URL, "{a:#}");
    assert!(a["label"]["digest"].as_str().expect("digest").starts_with("sha256:"));
    assert_eq!(a["label"]["well_known"], "same", "{a:#}");
    assert_eq!(a["ipv6"], serde_json::json!([ADV6]), "{a:#}");
    assert_eq!(a["mac"], ADV_MAC);
    assert_eq!(a["vendor"], "Espressif Inc.");
    assert!(a["services"].as_array().expect("services").iter().any(|s| s == "_iotlabel._tcp"), "{a:#}");

    // The fake camera: mDNS and UPnP names, its vendor, its type and usual sensors.
    let c = dev(&devices, CAM);
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

    // A real mDNS browser finds the same label service with the same facts, over IPv4 and, on
    // its own, over IPv6. python-zeroconf queries from port 5353 (its first query with the QU
    // bit), unlike `discover` (legacy unicast), so this exercises the responder's mDNS answers
    // on both groups.
    let seen = zeroconf(&lab, LAN);
    assert_eq!(seen.len(), 1, "zeroconf over IPv4 saw: {seen:#?}");
    same_label(&seen[0], &a);
    assert_eq!(seen[0]["addresses"], serde_json::json!([ADV]));
    let seen = zeroconf(&lab, LAN6);
    assert_eq!(seen.len(), 1, "zeroconf over IPv6 saw: {seen:#?}");
    same_label(&seen[0], &a);
    assert_eq!(seen[0]["addresses_v6"], serde_json::json!([ADV6]), "{seen:#?}");
    assert_eq!(seen[0]["port"], 8080);

    // The table says the same in plain words, in French too.
    let out = lab
        .cmd(0, &iotlabel())
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(["discover", "--interface", "br0", "--wait", "3", "--lang", "fr"])
        .output()
        .expect("discover runs");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("Hall Camera") && table.contains("Caméra de sécurité"), "{table}");
    assert!(table.contains(LABEL_URL) && table.contains(ADV6), "{table}");
    drop(lab);
}

#[test]
fn discover_hears_a_device_reachable_over_ipv6_only_and_zeroconf_v6_agrees() {
    need_zeroconf();
    let ports = [
        Port { mac: ADV_MAC, ipv4: Some(ADV), ipv6: ADV6 },
        Port { mac: ONLY6_MAC, ipv4: None, ipv6: ONLY6 },
    ];
    let mut lab = lan(&["lan6", "adv6", "only6"], &ports);
    advertise(&mut lab, 1, "examples/devices/plugsafe-mini.toml", LABEL_URL);
    // No IPv4 address on its interface: mDNS on ff02::fb alone, HTTP on [fe80::4%eth0]:8080.
    advertise(&mut lab, 2, "examples/devices/thermaline-t4.toml", LABEL6_URL);

    let devices = discover(&lab);
    assert_eq!(devices.len(), 2, "{devices:#?}");
    let a = dev(&devices, ADV);
    assert_eq!(a["ipv6"], serde_json::json!([ADV6]), "{a:#}");
    // The IPv6-only device, by its link-local address; its label checked over HTTP on that
    // address too.
    let o = dev(&devices, ONLY6);
    assert_eq!(o["ipv6"], serde_json::json!([ONLY6]), "{o:#}");
    // Its MAC from the IPv6 neighbour table (netlink): a locally administered one.
    assert_eq!(o["mac"], ONLY6_MAC, "{o:#}");
    assert_eq!(o["random_mac"], true, "{o:#}");
    assert_eq!(o["label"]["url"], LABEL6_URL, "{o:#}");
    assert_eq!(o["label"]["well_known"], "same", "{o:#}");
    assert!(o["mdns"].as_array().expect("mdns").iter().any(|s| s["port"] == 8080), "{o:#}");

    // python-zeroconf over IPv6 finds both, with the same facts; over IPv4 only the dual-stack one.
    let seen = zeroconf(&lab, LAN6);
    assert_eq!(seen.len(), 2, "zeroconf over IPv6 saw: {seen:#?}");
    for (d, ip) in [(&a, ADV6), (&o, ONLY6)] {
        let instance = d["label"]["instance"].as_str().expect("instance");
        let z = seen
            .iter()
            .find(|z| z["name"] == format!("{instance}._iotlabel._tcp.local."))
            .unwrap_or_else(|| panic!("{instance} not seen by zeroconf: {seen:#?}"));
        same_label(z, d);
        assert_eq!(z["addresses_v6"], serde_json::json!([ip]), "{z:#}");
    }
    let only6 = seen.iter().find(|z| z["txt"]["url"] == LABEL6_URL).expect("the IPv6-only device");
    assert_eq!(only6["addresses"], serde_json::json!([]), "no IPv4 address published: {only6:#}");
    let seen = zeroconf(&lab, LAN);
    assert_eq!(seen.len(), 1, "zeroconf over IPv4 saw: {seen:#?}");
    same_label(&seen[0], &a);

    // `discover` itself on the interface without IPv4: the dual-stack advertiser is heard over
    // IPv6 alone, by its link-local address, with its label (whose HTTP resource listens on
    // IPv4 only, out of reach from here).
    let from6 = discover_on(&lab, 2, "eth0", "", ONLY6);
    let a6 = dev(&from6, ADV6);
    assert_eq!(a6["ipv6"], serde_json::json!([ADV6]), "{a6:#}");
    assert_eq!(a6["label"]["url"], LABEL_URL, "{a6:#}");
    assert_eq!(a6["label"]["well_known"], "unreachable", "{a6:#}");
    drop(lab);
}

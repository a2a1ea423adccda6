//! Real traffic through a compiled ruleset: three network namespaces this test makes (a device,
//! a router running the ruleset, a "cloud" host), joined by veth pairs on 10.77.1.0/24 and
//! 10.77.2.0/24. The Acme Cam 2 profile allows the camera to open HTTPS connections to
//! api.acme.example (an address the DNS feed puts in its set) and nothing else to the cloud; the
//! cloud may not open connections to the camera. Needs root, `ip` (iproute2), `nft` and `socat`
//! (cargo xtask test installs them); it fails, not skips, without them.

use std::process::Stdio;
use std::time::Duration;

use iotlabel_testkit::netns::{Lab, sh};

use iotlabel_mud::feed::{commands, dns_names, parse_answers};
use iotlabel_mud::nft::{Device, Site, compile};
use iotlabel_mud::{GenerateOptions, generate};

/// Starts a TCP server in namespace `ns` of `lab` answering `ok` on `port` (socat; `cargo xtask
/// test` installs it).
fn serve(lab: &mut Lab, ns: usize, port: u16) {
    let mut c = lab.cmd(ns, "socat");
    c.args([&format!("TCP-LISTEN:{port},fork,reuseaddr"), "SYSTEM:echo ok"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    lab.spawn(c);
}

/// Whether a TCP connection from namespace `ns` to `addr:port` gets the server's answer.
fn reaches(lab: &Lab, ns: usize, addr: &str, port: u16) -> bool {
    let out = lab
        .cmd(ns, "socat")
        .args(["-T", "3", "-t", "2", "-"])
        .arg(format!("TCP:{addr}:{port},connect-timeout=1"))
        .stdin(Stdio::null())
        .output()
        .expect("socat");
    String::from_utf8_lossy(&out.stdout).contains("ok")
}

#[test]
fn allowed_flows_pass_and_others_drop() {
    let id = std::process::id();
    let mut lab = Lab::new(&["dev", "rtr", "cloud"]);
    let (dev, rtr, cloud) = (lab.ns[0].clone(), lab.ns[1].clone(), lab.ns[2].clone());
    let (v1a, v1b, v2a, v2b) = (format!("d{id}"), format!("r{id}"), format!("s{id}"), format!("c{id}"));
    sh(&["ip", "link", "add", &v1a, "netns", &dev, "type", "veth", "peer", "name", &v1b, "netns", &rtr]);
    sh(&["ip", "link", "add", &v2a, "netns", &rtr, "type", "veth", "peer", "name", &v2b, "netns", &cloud]);
    lab.exec(0, &["ip", "addr", "add", "10.77.1.2/24", "dev", &v1a]);
    lab.exec(1, &["ip", "addr", "add", "10.77.1.1/24", "dev", &v1b]);
    lab.exec(1, &["ip", "addr", "add", "10.77.2.1/24", "dev", &v2a]);
    lab.exec(2, &["ip", "addr", "add", "10.77.2.2/24", "dev", &v2b]);
    for (ns, links) in
        [(0, vec![v1a.as_str()]), (1, vec![v1b.as_str(), v2a.as_str()]), (2, vec![v2b.as_str()])]
    {
        lab.exec(ns, &["ip", "link", "set", "lo", "up"]);
        for l in links {
            lab.exec(ns, &["ip", "link", "set", l, "up"]);
        }
    }
    lab.exec(0, &["ip", "route", "add", "default", "via", "10.77.1.1"]);
    lab.exec(2, &["ip", "route", "add", "default", "via", "10.77.2.1"]);
    lab.exec(1, &["sysctl", "-q", "-w", "net.ipv4.ip_forward=1"]);

    serve(&mut lab, 2, 443);
    serve(&mut lab, 2, 8080);
    serve(&mut lab, 0, 554);
    std::thread::sleep(Duration::from_millis(300));
    // Without a ruleset everything passes: the lab itself works.
    assert!(
        reaches(&lab, 0, "10.77.2.2", 443)
            && reaches(&lab, 0, "10.77.2.2", 8080)
            && reaches(&lab, 2, "10.77.1.2", 554)
    );

    let opts = GenerateOptions {
        last_update: chrono::DateTime::UNIX_EPOCH,
        cache_validity: 48,
        mud_signature: None,
    };
    let mud = generate(&iotlabel_testkit::example("acme-cam-2"), &opts).expect("generates");
    let device = Device {
        id: "cam".into(),
        mac: None,
        ipv4: vec!["10.77.1.2".parse().expect("ip")],
        ipv6: Vec::new(),
    };
    // Only the camera's own LAN is local: the cloud host is not.
    let site = Site { local_v4: vec!["10.77.1.0/24".into()], ..Site::default() };
    let rs = compile([(&mud, &device)], &site).expect("compiles");
    let dir = std::env::temp_dir().join(format!("iotlabel-mud-netns-{id}"));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let rules = dir.join("rules.nft");
    std::fs::write(&rules, rs.to_nft()).expect("write");
    lab.exec(1, &["nft", "-f", rules.to_str().expect("utf-8")]);

    // The name is not resolved yet: its set is empty, so even HTTPS to the cloud drops.
    assert!(!reaches(&lab, 0, "10.77.2.2", 443), "HTTPS passed before the DNS feed");
    let answers = parse_answers("api.acme.example. 300 IN A 10.77.2.2\n").expect("answers");
    let feed = dir.join("feed.nft");
    std::fs::write(&feed, commands(&dns_names(&mud), &answers).join("\n") + "\n").expect("write");
    lab.exec(1, &["nft", "-f", feed.to_str().expect("utf-8")]);

    assert!(reaches(&lab, 0, "10.77.2.2", 443), "the declared HTTPS endpoint is blocked");
    assert!(!reaches(&lab, 0, "10.77.2.2", 8080), "an undeclared port to the cloud passed");
    assert!(!reaches(&lab, 2, "10.77.1.2", 554), "the cloud opened a connection to the camera");
    std::fs::remove_dir_all(&dir).ok();
    drop(lab);
}

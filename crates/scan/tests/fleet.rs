//! The scanner against the emulated fleet: every planted weakness found and nothing else
//! (precision and recall 100%), hostile devices survived, nothing published.

use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr};

use iotlabel_fleet::{Profile, start};
use iotlabel_scan::{Config, Scanner};

type Triple = (IpAddr, u16, String);

async fn scan(addresses: Vec<IpAddr>, cfg: Config) -> Vec<iotlabel_scan::HostReport> {
    let scanner = Scanner::new(cfg);
    let mut hosts = Vec::new();
    scanner.run(addresses, |h| hosts.push(h)).await;
    hosts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_planted_weakness_and_nothing_else() {
    let base = Ipv4Addr::new(127, 10, 13, 1);
    let fleet = start(base, Profile::ALL).await.expect("fleet starts");
    let truth: BTreeSet<Triple> = fleet
        .truth
        .devices
        .iter()
        .flat_map(|d| d.weaknesses.iter().map(move |w| (d.address, w.port, w.check.clone())))
        .collect();
    assert_eq!(truth.len(), 15, "the fleet plants fifteen weaknesses");
    // Two addresses past the fleet: nothing listens there.
    let addresses: Vec<IpAddr> = (0..Profile::ALL.len() + 2)
        .map(|i| IpAddr::V4(iotlabel_fleet::address(base, i).expect("address")))
        .collect();
    let hosts = scan(addresses.clone(), Config::default()).await;
    assert_eq!(hosts.len(), addresses.len(), "a report for every address");
    let found: BTreeSet<Triple> = hosts
        .iter()
        .flat_map(|h| h.findings.iter().map(move |f| (h.address, f.port, f.check.clone())))
        .collect();
    let missed: Vec<_> = truth.difference(&found).collect();
    let extra: Vec<_> = found.difference(&truth).collect();
    assert!(missed.is_empty() && extra.is_empty(), "missed {missed:?}, extra {extra:?}\n{hosts:#?}");
    // Services: every open port of the fleet is listed, and identified where it speaks a protocol.
    for d in &fleet.truth.devices {
        let h = hosts.iter().find(|h| h.address == d.address).expect("host");
        let tcp: Vec<&iotlabel_scan::Service> = h.services.iter().filter(|s| s.transport == "tcp").collect();
        let ports: Vec<u16> = tcp.iter().map(|s| s.port).collect();
        assert_eq!(ports, d.ports, "{:?}", d.profile);
        let protocols: Vec<&str> = tcp.iter().map(|s| s.protocol.as_str()).collect();
        let expected: &[&str] = match d.profile {
            Profile::Dvr => &["telnet"],
            Profile::MqttHub => &["mqtt"],
            Profile::Router => &["http", "http"],
            Profile::Secure => &["tls"],
            Profile::Camera => &["ftp", "tls", "rtsp"],
            Profile::CoapSensor => &[],
            Profile::Doorbell => &["http", "rtsp"],
            _ => &["unknown"],
        };
        assert_eq!(protocols, expected, "{:?}", d.profile);
        // UDP: every answering service identified; the hostile responder's garbage is none.
        let mut udp: Vec<(u16, &str)> = h
            .services
            .iter()
            .filter(|s| s.transport == "udp")
            .map(|s| (s.port, s.protocol.as_str()))
            .collect();
        udp.sort_unstable();
        let expected: &[(u16, &str)] = match d.profile {
            Profile::Router => &[(1900, "ssdp")],
            Profile::CoapSensor => &[(5353, "mdns"), (5683, "coap")],
            _ => &[],
        };
        assert_eq!(udp, expected, "{:?}", d.profile);
    }
    // Identity from the UPnP description (router) and from mDNS TXT (sensor).
    let router = hosts.iter().find(|h| h.address == fleet.truth.devices[2].address).expect("router");
    let id = router.identity.as_ref().expect("the router's identity");
    assert_eq!(
        (id.friendly_name.as_deref(), id.manufacturer.as_deref(), id.model.as_deref(), id.serial.as_deref()),
        (Some("Fleet Home Router"), Some("Fleet Networks"), Some("FR-1000"), Some("FR1000-0042"))
    );
    assert!(id.sources[0].starts_with("upnp http://"), "{id:?}");
    let sensor = hosts.iter().find(|h| h.address == fleet.truth.devices[9].address).expect("sensor");
    let id = sensor.identity.as_ref().expect("the sensor's identity");
    assert_eq!(
        (id.manufacturer.as_deref(), id.model.as_deref(), id.firmware.as_deref()),
        (Some("Acme Sensors"), Some("TH-100"), Some("1.4.2"))
    );
    assert_eq!(id.services, vec!["thermo-1._coap._udp.local"]);
    let coap = sensor.findings.iter().find(|f| f.check == "insecure.coap-open").expect("coap finding");
    assert!(
        coap.summary.contains("/sensors/temp") && !coap.summary.contains("/config (2"),
        "{}",
        coap.summary
    );
    // Digest logins (HTTP with qop, RTSP without) found the doorbell's account.
    let doorbell = hosts.iter().find(|h| h.address == fleet.truth.devices[10].address).expect("doorbell");
    let creds: Vec<(u16, &str, &str)> = doorbell
        .findings
        .iter()
        .filter_map(|f| f.credential.as_ref().map(|c| (f.port, c.username.as_str(), c.password.as_str())))
        .collect();
    assert_eq!(creds, vec![(80, "admin", "admin"), (8554, "admin", "admin")]);
    let secure = hosts.iter().find(|h| h.address == fleet.truth.devices[3].address).expect("secure");
    let tls = secure.services[0].tls.as_ref().expect("tls info");
    assert_eq!(tls.version, "TLSv1.3");
    assert!(tls.legacy_accepted.is_empty() && !tls.self_signed && !tls.expired);
    assert_eq!(router.services[0].http_server.as_deref(), Some("mini_httpd/1.19"));
    // Basic on 80, the login form on 8080: both with admin:admin, each with its origin.
    let creds: Vec<_> =
        router.findings.iter().filter_map(|f| f.credential.as_ref().map(|c| (f.port, c))).collect();
    assert_eq!(creds.iter().map(|c| c.0).collect::<Vec<_>>(), vec![80, 8080]);
    for (_, cred) in creds {
        assert_eq!((cred.username.as_str(), cred.password.as_str()), ("admin", "admin"));
        assert!(!cred.origin.is_empty() && !cred.licence.is_empty());
    }
    let broken = hosts.iter().find(|h| h.address == fleet.truth.devices[8].address).expect("broken tls");
    assert!(broken.notes.iter().any(|n| n.contains("TLS handshake failed")), "{:?}", broken.notes);
    assert_eq!(fleet.publishes_received(), 0, "the scanner never publishes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attempts_are_capped_per_device() {
    let base = Ipv4Addr::new(127, 10, 14, 1);
    let fleet = start(base, &[Profile::Dvr, Profile::Router]).await.expect("fleet starts");
    // root/xc3511 is the DVR's first list entry: with a budget of one (spent on the random
    // probe) the scan cannot reach it and says so.
    let cfg = Config { max_attempts: 1, ..Config::default() };
    let hosts = scan(fleet.truth.devices.iter().map(|d| d.address).collect(), cfg).await;
    for h in &hosts {
        assert!(!h.findings.iter().any(|f| f.check == "creds.default"), "{h:?}");
        assert!(h.notes.iter().any(|n| n.contains("budget")), "{h:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_udp_flood_is_read_within_bounds() {
    // A responder that answers every datagram with 500 more, oversized or CoAP-shaped with a
    // token the scanner never sent: the scan ends (each request reads at most
    // MAX_DATAGRAMS) and reports no service.
    let ip = Ipv4Addr::new(127, 10, 15, 1);
    let mut tasks = Vec::new();
    for port in [1900u16, 5353, 5683] {
        let sock = tokio::net::UdpSocket::bind((ip, port)).await.expect("bind");
        tasks.push(tokio::spawn(async move {
            let mut buf = [0u8; 2048];
            while let Ok((_, from)) = sock.recv_from(&mut buf).await {
                for i in 0..500u32 {
                    let d: Vec<u8> = if i % 2 == 0 {
                        vec![0xEE; 9500]
                    } else {
                        vec![0x61, 0x45, 0, 1, 0x99, 0xFF, b'<', b'/', b'x', b'>']
                    };
                    let _ = sock.send_to(&d, from).await;
                }
            }
        }));
    }
    let checks = iotlabel_scan::Checks::parse(&["udp".into()]).expect("checks");
    let hosts = scan(vec![IpAddr::V4(ip)], Config { checks, ports: vec![], ..Config::default() }).await;
    for t in tasks {
        t.abort();
    }
    assert_eq!(hosts.len(), 1);
    assert!(hosts[0].services.is_empty() && hosts[0].findings.is_empty(), "{:?}", hosts[0]);
}

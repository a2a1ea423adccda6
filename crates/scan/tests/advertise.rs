//! The mDNS check against the project's own label advertiser (its legacy-unicast DNS-SD
//! responder on a loopback address): the scanner enumerates the service types and finds the
//! `_iotlabel._tcp` instance.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use iotlabel_advertise::{Advert, Config as AdConfig, MdnsMode, Responder};
use iotlabel_scan::{Checks, Config, Scanner};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mdns_check_finds_the_label_advertisement() {
    let ip = Ipv4Addr::new(127, 10, 19, 1);
    let advert = Advert::new(
        "acme-cam-2",
        "https://labels.example/acme-cam-2",
        format!("sha256:{}", "0".repeat(64)),
        None,
        "Acme",
        "Cam 2",
    );
    // The instance name is "Acme Cam 2": spaces inside a label, read and asked back as sent.
    let config = AdConfig::new(
        SocketAddr::new(IpAddr::V4(ip), 0),
        MdnsMode::Unicast(SocketAddr::new(IpAddr::V4(ip), 5353)),
    );
    let responder = Responder::bind(advert, &config).await.expect("the advertiser binds on loopback");
    let (stop, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(responder.run(async move {
        let _ = rx.await;
    }));
    let checks = Checks::parse(&["udp".into()]).expect("checks");
    let scanner = Scanner::new(Config { checks, ports: vec![], ..Config::default() });
    let host = scanner.scan_host(IpAddr::V4(ip)).await;
    let _ = stop.send(());
    let _ = task.await;
    let mdns = host.services.iter().find(|s| s.protocol == "mdns").expect("mDNS answered");
    assert_eq!((mdns.port, mdns.transport.as_str()), (5353, "udp"));
    assert!(mdns.banner.as_deref().is_some_and(|b| b.contains("_iotlabel._tcp.local")), "{mdns:?}");
    let id = host.identity.clone().unwrap_or_else(|| panic!("an identity: {host:#?}"));
    assert_eq!(id.services, vec!["Acme Cam 2._iotlabel._tcp.local"], "{id:?}");
    assert!(host.findings.is_empty());
}

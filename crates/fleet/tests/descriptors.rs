//! A fleet that would run out of descriptors refuses to start, saying why, instead of silently
//! failing to accept connections (which a scan would then count against the scanner).
//! Loopback 127.21.0.0/16 only (the scan benchmark uses 127.12 to 127.16).

use std::process::Command;

use iotlabel_fleet::{CONNECTION_HEADROOM, Profile, sockets_needed};

#[test]
fn sockets_are_counted_per_profile() {
    // dvr: telnet; router: two HTTP ports and SSDP; coap-sensor: two UDP sockets.
    assert_eq!(sockets_needed(&[Profile::Dvr, Profile::Router, Profile::CoapSensor]), 1 + 3 + 2);
    assert_eq!(sockets_needed(&[]), 0);
}

#[test]
fn a_fleet_beyond_the_descriptor_limit_is_refused_with_the_numbers() {
    // 2,000 DVRs hold 2,000 listeners; with the headroom they need more than 3,000 descriptors.
    let limit = 3000;
    assert!(2000 + CONNECTION_HEADROOM > limit);
    let out = Command::new("prlimit")
        .arg(format!("--nofile={limit}:{limit}"))
        .arg(env!("CARGO_BIN_EXE_iotlabel-fleet"))
        .args(["--count", "2000", "--profiles", "dvr", "--base", "127.21.0.1"])
        .output()
        .expect("prlimit (util-linux) runs the fleet");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert!(err.contains("2000 device(s) hold 2000 sockets"), "{err}");
    assert!(err.contains(&format!("only {limit} descriptors")), "{err}");
    assert!(err.contains("devices per process"), "{err}");
}

#[test]
fn a_fleet_within_the_limit_starts_and_accepts() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        let base = std::net::Ipv4Addr::new(127, 21, 1, 1);
        let fleet = iotlabel_fleet::start(base, &[Profile::Dvr]).await.expect("one DVR starts");
        let s = tokio::net::TcpStream::connect((base, 23)).await.expect("the DVR accepts");
        drop(s);
        assert_eq!(fleet.accept_errors(), 0);
    });
}

//! Scans emulated fleets of growing size and prints devices per second and peak memory.
//!
//!     cargo bench -p iotlabel-scan --bench fleet            # 100, 300, 1000 devices
//!     SCAN_BENCH_SIZES=100,2000 cargo bench -p iotlabel-scan --bench fleet
//!     cargo test -p iotlabel-scan --benches                 # quick mode: 18 devices
//!
//! The fleet (one process with the scanner) mixes every profile, hostile ones included; the
//! checks are those of the comparison: ports plus default credentials on telnet and
//! HTTP (`--checks ports,creds,insecure`). Loopback only (127.11.0.0/16). Peak memory is the
//! process's (scanner and fleet together), from /proc/self/status VmHWM.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Instant;

use iotlabel_fleet::Profile;
use iotlabel_scan::{Checks, Config, Scanner};

fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let sizes: Vec<usize> = if quick {
        vec![Profile::ALL.len() * 2]
    } else {
        std::env::var("SCAN_BENCH_SIZES")
            .ok()
            .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
            .unwrap_or_else(|| vec![100, 300, 1000])
    };
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    println!(
        "{:>8} {:>10} {:>12} {:>10} {:>14} {:>8}",
        "devices", "seconds", "devices/s", "findings", "expected", "peak MiB"
    );
    for (round, &n) in sizes.iter().enumerate() {
        let base = Ipv4Addr::new(127, 11, (round * 64) as u8, 1);
        let profiles: Vec<Profile> = (0..n).map(|i| Profile::ALL[i % Profile::ALL.len()]).collect();
        rt.block_on(async {
            let fleet = iotlabel_fleet::start(base, &profiles).await.expect("fleet starts");
            let expected: usize = fleet
                .truth
                .devices
                .iter()
                .flat_map(|d| &d.weaknesses)
                // Neither TLS nor UDP checks run here.
                .filter(|w| {
                    !w.check.starts_with("tls.") && iotlabel_scan::report::check_transport(&w.check) == "tcp"
                })
                .count();
            let targets: Vec<IpAddr> = fleet.truth.devices.iter().map(|d| d.address).collect();
            let cfg = Config {
                checks: Checks { ports: true, creds: true, tls: false, insecure: true, udp: false },
                concurrency: 512,
                ..Config::default()
            };
            let scanner = Scanner::new(cfg);
            let started = Instant::now();
            let mut findings = 0;
            scanner.run(targets, |h| findings += h.findings.len()).await;
            let secs = started.elapsed().as_secs_f64();
            println!(
                "{:>8} {:>10.2} {:>12.1} {:>10} {:>14} {:>8.0}",
                n,
                secs,
                n as f64 / secs,
                findings,
                expected,
                peak_rss_mib().unwrap_or(f64::NAN)
            );
            assert_eq!(findings, expected, "every planted weakness and nothing else");
            drop(fleet);
        });
    }
}

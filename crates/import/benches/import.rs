//! Import speed (a benchmark, not a timed test): a synthetic nmap XML of many hosts (the real
//! loopback scan's host repeated with other addresses) and a testssl.sh JSON of many findings,
//! each imported once warm; prints MB/s and items.
//!
//!     cargo bench -p iotlabel-import --bench import   (QUICK=1, or `cargo test --benches`: smaller inputs)

use std::time::Instant;

use chrono::NaiveDate;
use iotlabel_import::{Format, Options, Table, import};

fn nmap(hosts: usize) -> String {
    let scan = include_str!("../tests/data/good/nmap-device-scan.xml");
    let start = scan.find("<host ").expect("a host");
    let end = scan.find("</host>").expect("its end") + "</host>".len();
    let host = &scan[start..end];
    let mut out = String::with_capacity(scan.len() + host.len() * hosts);
    out.push_str(&scan[..start]);
    for i in 0..hosts {
        out.push_str(
            &host.replace("127.0.0.1", &format!("10.{}.{}.{}", i >> 16 & 255, i >> 8 & 255, i & 255)),
        );
        out.push('\n');
    }
    out.push_str(&scan[end..]);
    out
}

fn testssl(findings: usize) -> String {
    let mut out = String::from("[\n");
    let sev = ["OK", "INFO", "LOW", "MEDIUM", "HIGH"];
    for i in 0..findings {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str(&format!(
            r#"  {{"id": "check_{i}", "ip": "device.local/192.0.2.{}", "port": "443", "severity": "{}", "finding": "finding number {i}"}}"#,
            i % 250,
            sev[i % sev.len()]
        ));
    }
    out.push_str("\n]\n");
    out
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run small then.
    let quick = std::env::var_os("QUICK").is_some() || !std::env::args().any(|a| a == "--bench");
    let opts = Options {
        tester: "Bench Lab",
        date: None,
        today: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
        table: Table::builtin(),
    };
    for (name, format, text) in [
        ("nmap-xml", Format::NmapXml, nmap(if quick { 200 } else { 2_000 })),
        ("testssl", Format::Testssl, testssl(if quick { 20_000 } else { 200_000 })),
    ] {
        let _ = import("warm", Some(format), text.as_bytes(), 1, &opts).expect("imports");
        let t = Instant::now();
        let imp = import("bench", Some(format), text.as_bytes(), 1, &opts).expect("imports");
        let secs = t.elapsed().as_secs_f64();
        let mb = text.len() as f64 / 1e6;
        println!(
            "{name}: {mb:.1} MB, {} findings -> {} items in {:.3} s: {:.1} MB/s",
            imp.findings,
            imp.items.len(),
            secs,
            mb / secs
        );
    }
}

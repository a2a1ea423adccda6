//! Flow records audited per second on one core, by input format, and how the per-flow cost
//! grows with the number of devices.
//!
//! Target (issue #15): 5 million records per second per core on IPFIX and the binary record
//! format. Run: `cargo bench -p iotlabel-flowgen --bench audit` (10 to 1,000,000 devices;
//! IOTLABEL_BENCH_FLOWS sets the flows measured per size, default 1,000,000). `cargo test
//! --benches` runs it small (quick mode). Prints, per size: the devices table load, then records
//! per second for IPFIX (decode + orient + check), the binary record format (decode + check),
//! CSV (parse + check) and the check alone on decoded records, and the process's peak memory;
//! then each target format's slowest size against the target.

use std::hint::black_box;
use std::io::Cursor;
use std::time::Instant;

use iotlabel_flowgen::{PROFILES, Scenario};
use iotlabel_flows::binary::{BinaryReader, BinaryWriter};
use iotlabel_flows::ipfix::{IpfixReader, IpfixWriter};
use iotlabel_flows::text::CsvReader;
use iotlabel_flows::{Auditor, CSV_HEADER, FlowRecord, Patterns, read_devices, read_names};

const TARGET: f64 = 5e6;

fn peak_rss_mib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l[6..].trim().to_string()))
        .unwrap_or_else(|| "n/a".into())
}

fn auditor(s: &Scenario) -> Auditor {
    let devices: String = s.devices_csv().map(|l| l + "\n").collect();
    let devices = read_devices("devices.csv", &devices).expect("devices");
    let profiles: Vec<_> = PROFILES
        .iter()
        .map(|(n, t)| {
            (n.to_string(), iotlabel_mud::read(n, t, iotlabel_mud::Mode::Strict).expect("profile").mud)
        })
        .collect();
    let mut a = Auditor::new(devices, &profiles, Patterns::builtin()).expect("setup");
    for (ip, n) in read_names("names.csv", &s.names_csv()).expect("names") {
        a.learn_name(ip, &n);
    }
    a
}

fn rate(n: usize, secs: f64) -> f64 {
    n as f64 / secs.max(1e-9)
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let sizes: &[usize] = if quick { &[10, 1_000] } else { &[10, 1_000, 10_000, 100_000, 1_000_000] };
    let flows: usize = std::env::var("IOTLABEL_BENCH_FLOWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 20_000 } else { 1_000_000 });
    println!("flow audit, one core, {flows} flows per size (misbehaving devices included)");
    println!(
        "{:>9} {:>9} {:>12} {:>12} {:>12} {:>12} {:>10} {:>12}",
        "devices", "load ms", "ipfix rec/s", "flows rec/s", "csv rec/s", "check rec/s", "ns/flow", "peak RSS"
    );
    let mut worst_ipfix = f64::MAX;
    let mut worst_binary = f64::MAX;
    for &n in sizes {
        // Enough rounds that `flows` records exist, spread over every device.
        let rounds = (flows / (n * 3)).clamp(2, 1000) as u32;
        let s = Scenario { devices: n, rounds, seed: 1 };
        let t = Instant::now();
        let base = auditor(&s);
        let load_ms = t.elapsed().as_secs_f64() * 1e3;
        drop(base);
        let recs: Vec<FlowRecord> = s.flows().take(flows).collect();

        let mut w = IpfixWriter::new(Vec::new(), 1);
        for r in &recs {
            w.write(&iotlabel_flowgen::to_wire(r)).expect("write");
        }
        let ipfix = w.finish().expect("finish");
        let mut a = auditor(&s);
        let t = Instant::now();
        let mut r = IpfixReader::new("bench.ipfix", Cursor::new(&ipfix));
        let mut k = 0usize;
        while let Some(x) = r.next_wire() {
            if let Some(f) = x.expect("reads").orient(&a) {
                black_box(a.check(&f));
                k += 1;
            }
        }
        let ipfix_rate = rate(k, t.elapsed().as_secs_f64());
        assert_eq!(k, recs.len());
        drop(ipfix);

        let mut w = BinaryWriter::new(Vec::new()).expect("header");
        for r in &recs {
            w.write(r).expect("write");
        }
        let binary = w.finish().expect("finish");
        let mut ab = auditor(&s);
        let t = Instant::now();
        let mut kb = 0usize;
        for f in BinaryReader::new("bench.flows", Cursor::new(&binary)) {
            black_box(ab.check(&f.expect("reads")));
            kb += 1;
        }
        let binary_rate = rate(kb, t.elapsed().as_secs_f64());
        assert_eq!(kb, recs.len());
        drop(binary);

        let mut csv = String::with_capacity(recs.len() * 90);
        csv.push_str(CSV_HEADER);
        csv.push('\n');
        for r in &recs {
            csv.push_str(&r.to_csv());
            csv.push('\n');
        }
        let mut a2 = auditor(&s);
        let t = Instant::now();
        let mut k2 = 0usize;
        for f in CsvReader::new("bench.csv", Cursor::new(csv.as_bytes())) {
            black_box(a2.check(&f.expect("reads")));
            k2 += 1;
        }
        let csv_rate = rate(k2, t.elapsed().as_secs_f64());
        drop(csv);

        let mut a3 = auditor(&s);
        let t = Instant::now();
        for f in &recs {
            black_box(a3.check(f));
        }
        let check_rate = rate(recs.len(), t.elapsed().as_secs_f64());
        assert_eq!(
            a.report().violating_flows,
            a3.report().violating_flows,
            "IPFIX and decoded records agree"
        );
        assert_eq!(
            ab.report().violating_flows,
            a3.report().violating_flows,
            "binary and decoded records agree"
        );
        worst_ipfix = worst_ipfix.min(ipfix_rate);
        worst_binary = worst_binary.min(binary_rate);
        println!(
            "{:>9} {:>9.1} {:>12.0} {:>12.0} {:>12.0} {:>12.0} {:>10.1} {:>12}",
            n,
            load_ms,
            ipfix_rate,
            binary_rate,
            csv_rate,
            check_rate,
            1e9 / ipfix_rate,
            peak_rss_mib()
        );
    }
    for (format, worst) in [("IPFIX", worst_ipfix), ("binary records", worst_binary)] {
        println!(
            "target: {TARGET:.0} records/s per core on {format}; slowest size here: {worst:.0} per core, {:.2}x the target ({})",
            worst / TARGET,
            if worst >= TARGET { "met" } else { "NOT met" }
        );
    }
}

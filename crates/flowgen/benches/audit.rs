//! Flow records audited per second on one core, by input format, and how the per-flow cost
//! grows with the number of devices.
//!
//! Target (issue #15): 5 million records per second per core on IPFIX and the binary record
//! format, with the per-flow cost flat from 10 to 1,000,000 devices. Run: `cargo bench -p
//! iotlabel-flowgen --bench audit` (10 to 1,000,000 devices; IOTLABEL_BENCH_FLOWS sets the flows
//! measured per size, default 1,000,000). `cargo test --benches` runs it small (quick mode).
//! Prints, per size: the devices table load, then records per second for IPFIX (decode, orient
//! and check, batched: `Auditor::orient_batch`, `check_batch`), the binary record format (decode
//! and check, batched), CSV (parse and check one by one), the check alone on decoded records
//! batched and one by one; ns per IPFIX flow; the auditor's own memory after its checks
//! (`Auditor::memory_bytes`) and the process's peak memory (one auditor alive at a time, with the
//! scenario's records and one encoded copy of them). Then the growth of the per-flow cost from the
//! smallest to the largest size, and each target format's slowest size against the target.

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

/// Flows handed to the batch path at a time (`Auditor::check_batch`, `orient_batch`).
const BATCH: usize = 1024;

/// What two auditors fed the same flows must agree on.
fn summary(a: &Auditor) -> (u64, u64, u64, usize) {
    let r = a.report();
    (r.allowed_flows, r.violating_flows, r.unaudited_flows, r.devices.len())
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let sizes: &[usize] = if quick { &[10, 1_000] } else { &[10, 1_000, 10_000, 100_000, 1_000_000] };
    let flows: usize = std::env::var("IOTLABEL_BENCH_FLOWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 20_000 } else { 1_000_000 });
    println!(
        "flow audit, one core, {flows} flows per size (misbehaving devices included), batches of {BATCH}"
    );
    println!(
        "{:>9} {:>8} {:>12} {:>12} {:>11} {:>12} {:>12} {:>8} {:>10} {:>11}",
        "devices",
        "load ms",
        "ipfix rec/s",
        "flows rec/s",
        "csv rec/s",
        "check rec/s",
        "1-by-1 rec/s",
        "ns/flow",
        "auditor MB",
        "peak RSS"
    );
    let mut worst_ipfix = f64::MAX;
    let mut worst_binary = f64::MAX;
    // ns per flow (IPFIX, binary, check alone) at the smallest and the largest size.
    let mut ns: Vec<[f64; 3]> = Vec::new();
    for &n in sizes {
        // Enough rounds that `flows` records exist, spread over every device.
        let rounds = (flows / (n * 3)).clamp(2, 1000) as u32;
        let s = Scenario { devices: n, rounds, seed: 1 };
        let t = Instant::now();
        let base = auditor(&s);
        let load_ms = t.elapsed().as_secs_f64() * 1e3;
        drop(base);
        let recs: Vec<FlowRecord> = s.flows().take(flows).collect();
        let mut allowed = Vec::with_capacity(BATCH);
        let mut batch: Vec<FlowRecord> = Vec::with_capacity(BATCH);

        // The check alone, on decoded records: batched, then one by one. Each auditor is
        // dropped after its run, so the peak memory is one auditor's, not four.
        let mut a = auditor(&s);
        let t = Instant::now();
        for chunk in recs.chunks(BATCH) {
            allowed.clear();
            a.check_batch(chunk, &mut allowed);
            black_box(&allowed);
        }
        let check_rate = rate(recs.len(), t.elapsed().as_secs_f64());
        let auditor_mb = a.memory_bytes() as f64 / 1e6;
        let want = summary(&a);
        drop(a);

        let mut a = auditor(&s);
        let t = Instant::now();
        for f in &recs {
            black_box(a.check(f));
        }
        let single_rate = rate(recs.len(), t.elapsed().as_secs_f64());
        assert_eq!(summary(&a), want, "checked one by one and batched agree");
        drop(a);

        let mut w = IpfixWriter::new(Vec::new(), 1);
        for r in &recs {
            w.write(&iotlabel_flowgen::to_wire(r)).expect("write");
        }
        let ipfix = w.finish().expect("finish");
        let mut a = auditor(&s);
        let mut wires = Vec::with_capacity(BATCH);
        let t = Instant::now();
        let mut r = IpfixReader::new("bench.ipfix", Cursor::new(&ipfix));
        let mut k = 0usize;
        loop {
            wires.clear();
            while wires.len() < BATCH
                && let Some(x) = r.next_wire()
            {
                wires.push(x.expect("reads"));
            }
            if wires.is_empty() {
                break;
            }
            batch.clear();
            a.orient_batch(&wires, &mut batch);
            allowed.clear();
            a.check_batch(&batch, &mut allowed);
            black_box(&allowed);
            k += batch.len();
        }
        let ipfix_rate = rate(k, t.elapsed().as_secs_f64());
        assert_eq!(k, recs.len());
        assert_eq!(summary(&a), want, "IPFIX and decoded records agree");
        drop((a, ipfix));

        let mut w = BinaryWriter::new(Vec::new()).expect("header");
        for r in &recs {
            w.write(r).expect("write");
        }
        let binary = w.finish().expect("finish");
        let mut a = auditor(&s);
        let t = Instant::now();
        let mut kb = 0usize;
        let mut reader = BinaryReader::new("bench.flows", Cursor::new(&binary));
        loop {
            batch.clear();
            batch.extend(reader.by_ref().take(BATCH).map(|f| f.expect("reads")));
            if batch.is_empty() {
                break;
            }
            allowed.clear();
            a.check_batch(&batch, &mut allowed);
            black_box(&allowed);
            kb += batch.len();
        }
        let binary_rate = rate(kb, t.elapsed().as_secs_f64());
        assert_eq!(kb, recs.len());
        assert_eq!(summary(&a), want, "binary and decoded records agree");
        drop((a, binary));

        let mut csv = String::with_capacity(recs.len() * 90);
        csv.push_str(CSV_HEADER);
        csv.push('\n');
        for r in &recs {
            csv.push_str(&r.to_csv());
            csv.push('\n');
        }
        let mut a = auditor(&s);
        let t = Instant::now();
        let mut k2 = 0usize;
        for f in CsvReader::new("bench.csv", Cursor::new(csv.as_bytes())) {
            black_box(a.check(&f.expect("reads")));
            k2 += 1;
        }
        let csv_rate = rate(k2, t.elapsed().as_secs_f64());
        assert_eq!(summary(&a), want, "CSV and decoded records agree");
        drop((a, csv));

        worst_ipfix = worst_ipfix.min(ipfix_rate);
        worst_binary = worst_binary.min(binary_rate);
        ns.push([1e9 / ipfix_rate, 1e9 / binary_rate, 1e9 / check_rate]);
        println!(
            "{:>9} {:>8.1} {:>12.0} {:>12.0} {:>11.0} {:>12.0} {:>12.0} {:>8.1} {:>10.1} {:>11}",
            n,
            load_ms,
            ipfix_rate,
            binary_rate,
            csv_rate,
            check_rate,
            single_rate,
            1e9 / ipfix_rate,
            auditor_mb,
            peak_rss_mib()
        );
    }
    if let (Some(small), Some(large), Some(&n0), Some(&n1)) =
        (ns.first(), ns.last(), sizes.first(), sizes.last())
    {
        let g = |i: usize| large[i] / small[i];
        println!(
            "growth (ns/flow at {n1} devices / at {n0}; 1.00 is flat): IPFIX {:.2}, binary records {:.2}, check alone {:.2}",
            g(0),
            g(1),
            g(2)
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

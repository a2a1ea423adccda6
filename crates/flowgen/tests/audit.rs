//! The generated networks, audited through every reader: every injected violation is found,
//! with the patterns the ground truth names, and nothing else is reported.

use std::collections::BTreeSet;
use std::io::Cursor;

use iotlabel_flowgen::{PROFILES, Scenario};
use iotlabel_flows::audit::{PatternKind, quarantine_nft};
use iotlabel_flows::ipfix::{IpfixReader, IpfixWriter};
use iotlabel_flows::text::{CsvReader, JsonLinesReader};
use iotlabel_flows::{
    AuditReport, Auditor, CSV_HEADER, FlowRecord, Patterns, ReadError, read_devices, read_names,
};

fn auditor(s: &Scenario, names: bool) -> Auditor {
    let devices: String = s.devices_csv().map(|l| l + "\n").collect();
    let devices = read_devices("devices.csv", &devices).expect("devices table");
    let profiles: Vec<_> = PROFILES
        .iter()
        .map(|(n, t)| {
            (
                n.to_string(),
                iotlabel_mud::read(n, t, iotlabel_mud::Mode::Strict).expect("profile reads strictly").mud,
            )
        })
        .collect();
    let mut a = Auditor::new(devices, &profiles, Patterns::builtin()).expect("setup");
    if names {
        for (ip, n) in read_names("names.csv", &s.names_csv()).expect("names") {
            a.learn_name(ip, &n);
        }
    }
    a
}

fn run(mut a: Auditor, flows: impl Iterator<Item = Result<FlowRecord, ReadError>>) -> AuditReport {
    for f in flows {
        a.check(&f.expect("generated flows read back"));
    }
    a.report()
}

/// The one check: the report names exactly the injected devices, each with the injected
/// patterns (and no others), and counts every flow.
fn check(s: &Scenario, format: &str, report: &AuditReport) {
    check_flows(s, format, report, Some(s.flows().count() as u64));
}

fn check_flows(s: &Scenario, format: &str, report: &AuditReport, flows: Option<u64>) {
    let truth = s.ground_truth();
    let expected: BTreeSet<(String, Vec<PatternKind>)> =
        truth.violations.iter().map(|v| (v.device.clone(), sorted(v.patterns.clone()))).collect();
    let found: BTreeSet<(String, Vec<PatternKind>)> = report
        .devices
        .iter()
        .map(|d| (d.name.clone(), sorted(d.patterns.iter().map(|p| p.kind).collect())))
        .collect();
    assert_eq!(found, expected, "{} devices, {format}: report differs from the ground truth", s.devices);
    if let Some(n) = flows {
        assert_eq!(report.flows, n, "{format}: every flow read");
    }
    assert_eq!(report.unaudited_flows, 0, "{format}: every flow belongs to an audited device");
    assert_eq!(report.allowed_flows + report.violating_flows, report.flows);
    for d in &report.devices {
        assert!(d.first_seen_ms <= d.last_seen_ms && d.violating_flows > 0 && !d.violations.is_empty());
    }
}

fn sorted(mut v: Vec<PatternKind>) -> Vec<PatternKind> {
    v.sort();
    v
}

fn csv(s: &Scenario) -> String {
    let mut t = format!("{CSV_HEADER}\n");
    for f in s.flows() {
        t.push_str(&f.to_csv());
        t.push('\n');
    }
    t
}

#[test]
fn every_injected_violation_is_found_and_nothing_else() {
    for devices in [10, 500] {
        let s = Scenario::new(devices);
        assert!(!s.ground_truth().violations.is_empty());

        let text = csv(&s);
        let r = run(auditor(&s, false), CsvReader::new("flows.csv", Cursor::new(text)));
        check(&s, "csv", &r);

        let jsonl: String = s.flows().map(|f| serde_json::to_string(&f).expect("json") + "\n").collect();
        let j = run(auditor(&s, false), JsonLinesReader::new("flows.jsonl", Cursor::new(jsonl)));
        check(&s, "jsonl", &j);
        assert_eq!(r, j, "CSV and JSON Lines give the same report");

        let mut w = IpfixWriter::new(Vec::new(), 7);
        for f in s.wire_flows() {
            w.write(&f).expect("write");
        }
        let bytes = w.finish().expect("finish");
        let a = auditor(&s, true);
        let mut reader = IpfixReader::new("flows.ipfix", Cursor::new(bytes));
        let mut flows = Vec::new();
        while let Some(f) = reader.next_wire() {
            flows.push(f.expect("ipfix reads back"));
        }
        let mut a2 = a;
        for w in &flows {
            let rec = w.orient(&a2).expect("addresses");
            a2.check(&rec);
        }
        let x = a2.report();
        check(&s, "ipfix", &x);
        assert_eq!(x.violating_flows, r.violating_flows, "IPFIX and CSV agree on violating flows");
    }
}

#[test]
fn captures_are_audited_with_the_names_their_dns_answers_give() {
    use iotlabel_flows::pcap::{CaptureReader, CaptureWriter};
    for devices in [10, 500] {
        let s = Scenario::new(devices);
        let mut w = CaptureWriter::new(Vec::new(), "10.0.0.1".parse().expect("ip")).expect("pcap header");
        let mut named = 0;
        for f in s.flows() {
            named += usize::from(f.peer_name.is_some());
            w.write(&f).expect("write");
        }
        let bytes = w.finish();
        let mut a = auditor(&s, false);
        let mut r = CaptureReader::new("home.pcap", Cursor::new(bytes), false).expect("reads");
        let mut n = 0u64;
        while let Some(f) = r.next_flow(&a) {
            a.check(&f.expect("capture reads back"));
            n += 1;
        }
        assert_eq!(r.skipped(), 0);
        // Every generated flow, plus one flow per device of DNS answers (same ports each time).
        assert!(n >= s.flows().count() as u64 && named > 0);
        check_flows(&s, "pcap", &a.report(), None);
    }
}

#[test]
fn without_dns_answers_ipfix_flows_to_clouds_are_violations() {
    // The cloud ACEs name domains: an IPFIX export carries no names, so without the resolver's
    // answers the camera's cloud flows cannot be allowed. This shows the names are used.
    let s = Scenario::new(10);
    let mut a = auditor(&s, false);
    for w in s.wire_flows() {
        let r = w.orient(&a).expect("addresses");
        a.check(&r);
    }
    let r = a.report();
    assert!(r.devices.iter().any(|d| d.name == "camera-3"), "a well-behaved camera flagged without names");
}

#[test]
fn quarantine_lists_the_violating_devices_and_nft_accepts_it() {
    let s = Scenario::new(10);
    let r = run(auditor(&s, false), CsvReader::new("flows.csv", Cursor::new(csv(&s))));
    let nft = quarantine_nft(&r);
    for d in &r.devices {
        assert!(nft.contains(&d.mac.expect("mac").to_string()), "{} quarantined", d.name);
        assert!(nft.contains(&d.ips[0].to_string()));
    }
    assert!(!nft.contains("02:00:00:00:00:03"), "a well-behaved camera is not quarantined");
    let dir = std::env::temp_dir().join(format!("iotlabel-flowgen-q-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let p = dir.join("q.nft");
    std::fs::write(&p, &nft).expect("write");
    // A namespace of our own: nothing touches the machine's firewall.
    let out = std::process::Command::new("unshare")
        .args(["--net", "nft", "--check", "-f"])
        .arg(&p)
        .output()
        .expect("unshare and nft are installed (cargo xtask test installs nftables)");
    assert!(
        out.status.success(),
        "nft refused the quarantine:\n{}\n{nft}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_binary_form_gives_the_same_report_as_csv() {
    use iotlabel_flows::binary::{BinaryReader, BinaryWriter};
    for devices in [10, 500] {
        let s = Scenario::new(devices);
        let mut w = BinaryWriter::new(Vec::new()).expect("header");
        for f in s.flows() {
            w.write(&f).expect("write");
        }
        assert_eq!(w.written(), s.flows().count() as u64);
        let bytes = w.finish().expect("finish");
        let back: Vec<FlowRecord> =
            BinaryReader::new("flows.flows", Cursor::new(&bytes)).map(|f| f.expect("reads back")).collect();
        assert!(back.iter().eq(s.flows().collect::<Vec<_>>().iter()), "every record round-trips");
        let b = run(auditor(&s, false), BinaryReader::new("flows.flows", Cursor::new(bytes)));
        check(&s, "binary", &b);
        let c = run(auditor(&s, false), CsvReader::new("flows.csv", Cursor::new(csv(&s))));
        assert_eq!(b, c, "binary and CSV give the same report");
    }
}

#[test]
fn a_device_handed_over_mid_way_gives_the_report_of_one_auditor() {
    // A stream auditor saves each device's state and another one takes it up: the result must
    // be the one auditor's, first and last seen, counts, peers and patterns included.
    let s = Scenario::new(500);
    let flows: Vec<FlowRecord> = s.flows().collect();
    let mut whole = auditor(&s, false);
    for f in &flows {
        whole.check(f);
    }
    let (first, second) = flows.split_at(flows.len() * 3 / 5);
    let mut a = auditor(&s, false);
    for f in first {
        a.check(f);
    }
    let mut b = auditor(&s, false);
    for i in 0..a.devices().len() {
        let st = a.device_state(i);
        let json = serde_json::to_string(&st).expect("state serialises");
        b.set_device_state(i, serde_json::from_str(&json).expect("state reads back"));
    }
    for f in second {
        b.check(f);
    }
    let (w, h) = (whole.report(), b.report());
    assert_eq!(w.devices, h.devices, "per-device reports equal after the hand-over");
    assert!(w.devices.iter().any(|d| d.patterns.iter().any(|p| p.kind == PatternKind::RemoteLoginScanning)));
    let cam = whole.devices().iter().position(|d| d.name == "camera-0").expect("camera-0");
    let (part, all) = (a.device_report(cam).expect("camera-0 misbehaves early"), whole.device_report(cam));
    assert!(Some(part.flows) < all.map(|r| r.flows), "the first auditor saw only part of camera-0");
}

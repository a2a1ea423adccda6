//! `iotlabel mud audit`: the binary over a generated home network in every flow format.

use std::path::Path;

use iotlabel_flowgen::{PROFILES, Scenario};
use iotlabel_flows::CSV_HEADER;
use iotlabel_flows::ipfix::IpfixWriter;

use crate::util::{run, tempdir};

fn write_home(dir: &Path) -> Scenario {
    let s = Scenario::new(10);
    std::fs::create_dir_all(dir.join("profiles")).expect("dir");
    for (n, t) in PROFILES {
        std::fs::write(dir.join("profiles").join(n), t).expect("write");
    }
    let devices: String = s.devices_csv().map(|l| l + "\n").collect();
    std::fs::write(dir.join("devices.csv"), devices).expect("write");
    std::fs::write(dir.join("names.csv"), s.names_csv()).expect("write");
    let csv: String = std::iter::once(CSV_HEADER.to_string())
        .chain(s.flows().map(|f| f.to_csv()))
        .map(|l| l + "\n")
        .collect();
    std::fs::write(dir.join("flows.csv"), csv).expect("write");
    let jsonl: String = s.flows().map(|f| serde_json::to_string(&f).expect("json") + "\n").collect();
    std::fs::write(dir.join("flows.jsonl"), jsonl).expect("write");
    let mut w = IpfixWriter::new(Vec::new(), 1);
    for f in s.wire_flows() {
        w.write(&f).expect("write");
    }
    std::fs::write(dir.join("flows.ipfix"), w.finish().expect("finish")).expect("write");
    let mut c =
        iotlabel_flows::pcap::CaptureWriter::new(Vec::new(), "10.0.0.1".parse().expect("ip")).expect("pcap");
    for f in s.flows() {
        c.write(&f).expect("write");
    }
    std::fs::write(dir.join("capture.pcap"), c.finish()).expect("write");
    let mut b = iotlabel_flows::binary::BinaryWriter::new(Vec::new()).expect("header");
    for f in s.flows() {
        b.write(&f).expect("write");
    }
    std::fs::write(dir.join("flows.flows"), b.finish().expect("finish")).expect("write");
    // The same IPFIX and binary bytes under names that say nothing: the content decides.
    std::fs::copy(dir.join("flows.ipfix"), dir.join("flows.bin")).expect("copy");
    std::fs::copy(dir.join("flows.flows"), dir.join("records.dat")).expect("copy");
    s
}

#[test]
fn audit_finds_the_injected_devices_in_every_format() {
    let d = tempdir();
    let s = write_home(d.path());
    let p = |n: &str| d.path().join(n).display().to_string();
    let schema = run(&["schema", "audit"]).json();
    let validator = jsonschema::validator_for(&schema).expect("the audit schema compiles");
    let mut truth: Vec<String> = s.ground_truth().violations.iter().map(|v| v.device.clone()).collect();
    truth.sort();
    for flows in
        ["flows.csv", "flows.jsonl", "flows.ipfix", "flows.bin", "flows.flows", "records.dat", "capture.pcap"]
    {
        let q = p(&format!("{flows}.nft"));
        let (profiles, devices, names, fl) = (p("profiles"), p("devices.csv"), p("names.csv"), p(flows));
        let args = [
            "mud",
            "audit",
            "--mud",
            &profiles,
            "--devices",
            &devices,
            "--flows",
            &fl,
            "--names",
            &names,
            "--quarantine",
            &q,
            "--format",
            "json",
        ];
        let r = run(&args);
        r.expect_code(1);
        let v = r.json();
        assert!(validator.is_valid(&v), "{flows}: output does not match `iotlabel schema audit`");
        let mut found: Vec<String> = v["devices"]
            .as_array()
            .expect("devices")
            .iter()
            .map(|d| d["name"].as_str().expect("name").to_string())
            .collect();
        found.sort();
        assert_eq!(found, truth, "{flows}");
        if flows != "capture.pcap" {
            // A capture has the DNS answers' flows too.
            assert_eq!(v["flows"].as_u64(), Some(s.flows().count() as u64));
        }
        let nft = std::fs::read_to_string(&q).expect("quarantine written");
        assert!(nft.contains("table inet iotlabel_quarantine") && nft.contains("10.0.0.16"), "{nft}");
    }
    // Text output names the patterns.
    let (profiles, devices, fl) = (p("profiles"), p("devices.csv"), p("flows.csv"));
    let r = run(&["mud", "audit", "--mud", &profiles, "--devices", &devices, "--flows", &fl]);
    r.expect_code(1);
    assert!(
        r.stdout.contains("remote-login scanning") && r.stdout.contains("c2.unknown-updates.example"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_clean_network_exits_0_and_bad_input_is_located() {
    let d = tempdir();
    write_home(d.path());
    let p = |n: &str| d.path().join(n).display().to_string();
    // The first half of the rounds: the misbehaviour starts mid-way (round 2 of 4, minute 2).
    let csv = std::fs::read_to_string(p("flows.csv")).expect("read");
    let before = |l: &&str| {
        l.split(',').next().and_then(|t| t.parse::<u64>().ok()).is_none_or(|t| t < 1_780_000_120_000)
    };
    let clean: String = csv.lines().filter(before).map(|l| format!("{l}\n")).collect();
    assert!(clean.lines().count() > 50);
    std::fs::write(p("clean.csv"), clean).expect("write");
    let (profiles, devices) = (p("profiles"), p("devices.csv"));
    let clean = p("clean.csv");
    run(&["mud", "audit", "--mud", &profiles, "--devices", &devices, "--flows", &clean]).expect_code(0);

    std::fs::write(p("bad.csv"), format!("{CSV_HEADER}\n1,,10.0.0.16,sideways,1.2.3.4,,6,1,2,3,4\n"))
        .expect("write");
    let bad = p("bad.csv");
    let r = run(&["mud", "audit", "--mud", &profiles, "--devices", &devices, "--flows", &bad]);
    r.expect_code(2).no_panic();
    assert!(
        r.stderr.contains("bad.csv:2:14") && r.stderr.contains("from-device or to-device"),
        "{}",
        r.stderr
    );

    std::fs::write(
        p("bad-devices.csv"),
        "name,mac,ip,profile,controller\ncam,02:00:00:00:00:zz,,camera.json,\n",
    )
    .expect("write");
    let bd = p("bad-devices.csv");
    let fl = p("flows.csv");
    let r = run(&["mud", "audit", "--mud", &profiles, "--devices", &bd, "--flows", &fl]);
    r.expect_code(2).no_panic();
    assert!(r.stderr.contains("bad-devices.csv:2:5"), "{}", r.stderr);

    std::fs::write(p("typo.csv"), "name,mac,ip,profile,controller\ncam,,10.0.0.16,camra.json,\n")
        .expect("write");
    let t = p("typo.csv");
    let r = run(&["mud", "audit", "--mud", &profiles, "--devices", &t, "--flows", &fl]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("camra.json") && r.stderr.contains("did you mean `camera.json`"),
        "{}",
        r.stderr
    );

    let mut bin = std::fs::read(p("flows.flows")).expect("read");
    bin.truncate(16 + 80 + 40);
    std::fs::write(p("cut.flows"), bin).expect("write");
    let cut = p("cut.flows");
    let r = run(&["mud", "audit", "--mud", &profiles, "--devices", &devices, "--flows", &cut]);
    r.expect_code(2).no_panic();
    assert!(
        r.stderr.contains("cut.flows at byte") && r.stderr.contains("80 bytes per flow entry"),
        "{}",
        r.stderr
    );

    let mut ipfix = std::fs::read(p("flows.ipfix")).expect("read");
    ipfix.truncate(100);
    std::fs::write(p("cut.ipfix"), ipfix).expect("write");
    let cut = p("cut.ipfix");
    let r = run(&["mud", "audit", "--mud", &profiles, "--devices", &devices, "--flows", &cut]);
    r.expect_code(2).no_panic();
    assert!(r.stderr.contains("cut.ipfix at byte"), "{}", r.stderr);
}

/// Three `mud audit --stream` processes on one NATS JetStream stream, one killed (SIGKILL) once
/// it has printed a finding: every injected violation is printed exactly once across the group.
/// Needs NATS with JetStream at 127.0.0.1:4222; fails, naming it, when it is not there.
#[test]
fn audit_a_stream_with_three_members_one_killed() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let d = tempdir();
    let dir = d.path();
    let s = Scenario::new(500);
    std::fs::create_dir_all(dir.join("profiles")).expect("dir");
    for (n, t) in PROFILES {
        std::fs::write(dir.join("profiles").join(n), t).expect("write");
    }
    let devices: String = s.devices_csv().map(|l| l + "\n").collect();
    std::fs::write(dir.join("devices.csv"), devices).expect("write");
    let csv: String = std::iter::once(CSV_HEADER.to_string())
        .chain(s.flows().map(|f| f.to_csv()))
        .map(|l| l + "\n")
        .collect();
    std::fs::write(dir.join("flows.csv"), csv).expect("write");
    let p = |n: &str| dir.join(n).display().to_string();
    let t =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let url = format!("nats://127.0.0.1:4222/cli{}x{}", std::process::id(), t % 1_000_000_000);
    let (profiles, devs, flows) = (p("profiles"), p("devices.csv"), p("flows.csv"));

    let r = run(&[
        "mud",
        "audit-publish",
        "--stream",
        &url,
        "--devices",
        &devs,
        "--flows",
        &flows,
        "--batch",
        "16",
        "--partitions",
        "6",
    ]);
    assert!(
        r.code == 0,
        "publishing needs NATS with JetStream at 127.0.0.1:4222 (nats-server -js -a 127.0.0.1 -p 4222): {}",
        r.stderr
    );
    let published = r.json();
    assert_eq!(published["records"].as_u64(), Some(s.flows().count() as u64));

    let member = |id: &str| {
        Command::new(assert_cmd::cargo::cargo_bin!("iotlabel"))
            .args(["mud", "audit", "--mud", &profiles, "--devices", &devs, "--stream", &url])
            .args([
                "--group",
                "cli",
                "--member",
                id,
                "--lease",
                "1.5",
                "--idle-exit",
                "8",
                "--format",
                "json",
                "--quarantine",
                &p(&format!("q-{id}.nft")),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn iotlabel")
    };
    let mut a = member("a");
    let mut a_out = BufReader::new(a.stdout.take().expect("stdout"));
    let mut first = String::new();
    a_out.read_line(&mut first).expect("read a's output");
    let b = member("b");
    let c = member("c");
    // Killed once it has reported something (or has ended: its partitions held nothing bad).
    let _ = a.kill();
    let _ = a.wait();
    let mut lines: Vec<String> = first.lines().map(String::from).collect();
    lines.extend(a_out.lines().map_while(Result::ok));
    // A watchdog: members leave by --idle-exit; one that has not left after three minutes is
    // killed, so a hang fails this test instead of stalling the suite.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watchdog = {
        let (done, pids) = (done.clone(), [b.id(), c.id()]);
        std::thread::spawn(move || {
            let start = std::time::Instant::now();
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                if start.elapsed() > std::time::Duration::from_secs(180) {
                    for pid in pids {
                        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
                    }
                    return true;
                }
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            false
        })
    };
    let (b, c) = (b.wait_with_output().expect("b runs"), c.wait_with_output().expect("c runs"));
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(!watchdog.join().expect("watchdog"), "a member did not leave within 180 s of --idle-exit 8");
    let from_killed = lines.len();
    for (name, o) in [("b", &b), ("c", &c)] {
        assert!(matches!(o.status.code(), Some(0 | 1)), "{name}: {}", String::from_utf8_lossy(&o.stderr));
        lines.extend(String::from_utf8_lossy(&o.stdout).lines().map(String::from));
    }
    // The group's record is the broker's reports stream (one message per finding key): every
    // finding there exactly once. What the members printed is checked against it: no key printed
    // twice, nothing printed that was not reported, and every reported finding printed, except
    // that the killed member may have died between the broker taking a finding and printing it.
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let reports = rt.block_on(async {
        let options = iotlabel_flows_stream::nats::Options::default();
        let ns = iotlabel_flows_stream::nats::NatsStream::connect(&url, options).await.expect("NATS");
        ns.reports("cli").await.expect("the group's reports")
    });
    let mut keys = std::collections::BTreeSet::new();
    let mut found: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut reported = std::collections::BTreeSet::new();
    let mut by_key = std::collections::BTreeMap::new();
    for r in &reports {
        let v: serde_json::Value = serde_json::from_slice(r).expect("a report is JSON");
        reported.insert(v["device"].as_str().expect("device").to_string());
        let key = v["key"].as_str().expect("key").to_string();
        assert!(keys.insert(key.clone()), "{key} reported twice across the group");
        if let Some(k) = v["pattern"]["kind"].as_str() {
            found.entry(v["device"].as_str().expect("device").into()).or_default().push(k.into());
        }
        by_key.insert(key, v["member"].as_str().expect("member").to_string());
    }
    let mut printed = std::collections::BTreeSet::new();
    let mut printed_by_survivors = std::collections::BTreeSet::new();
    for (k, l) in lines.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
        let key = v["key"].as_str().expect("key").to_string();
        assert!(by_key.contains_key(&key), "{key} printed but not in the group's reports");
        assert!(printed.insert(key.clone()), "{key} printed twice across the group");
        if k >= from_killed {
            printed_by_survivors.insert(v["device"].as_str().expect("device").to_string());
        }
    }
    for (key, member) in &by_key {
        assert!(
            printed.contains(key) || member == "a",
            "{key}, reported by the surviving member {member}, was not printed"
        );
    }
    let mut expected: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for v in s.ground_truth().violations {
        let mut k: Vec<String> = v
            .patterns
            .iter()
            .map(|p| serde_json::to_value(p).expect("kind").as_str().expect("str").into())
            .collect();
        k.sort();
        expected.insert(v.device, k);
    }
    for k in found.values_mut() {
        k.sort();
    }
    assert_eq!(found, expected, "every injected violation once, no false alarm");

    // Each member's quarantine holds devices it reported, and nft accepts each file as it
    // stands; together they hold only reported devices, and every device a surviving member
    // printed.
    let mut quarantined = std::collections::BTreeSet::new();
    for id in ["a", "b", "c"] {
        let path = dir.join(format!("q-{id}.nft"));
        let nft = std::fs::read_to_string(&path).expect("each member writes its quarantine");
        assert!(nft.contains("table inet iotlabel_quarantine {"), "{nft}");
        for l in nft.lines().filter_map(|l| l.strip_prefix("# ")) {
            if let Some((name, _)) = l.split_once(": ")
                && reported.contains(name)
            {
                // A device whose partition moved to another member may be quarantined by both.
                quarantined.insert(name.to_string());
            }
        }
        let out = Command::new("unshare")
            .args(["--net", "nft", "--check", "-f"])
            .arg(&path)
            .output()
            .expect("unshare and nft are installed (cargo xtask test installs nftables)");
        assert!(
            out.status.success(),
            "nft refused {id}'s quarantine: {}\n{nft}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // A survivor quarantines each device right after printing it; the killed member may have
    // died between the two.
    assert!(quarantined.is_subset(&reported), "only reported devices quarantined: {quarantined:?}");
    let missing: Vec<_> = printed_by_survivors.difference(&quarantined).collect();
    assert!(missing.is_empty(), "printed by a surviving member but not quarantined: {missing:?}");
}

//! The scanner at scale, and against nmap on the same fleet.
//!
//!     cargo bench -p iotlabel-scan --bench fleet     # nmap on 60 devices, then 100 .. 10,000 devices
//!     SCAN_BENCH_SIZES=100,2000 SCAN_BENCH_NMAP=30 cargo bench -p iotlabel-scan --bench fleet
//!     cargo test -p iotlabel-scan --benches          # quick mode: 4 devices against nmap, 22 devices
//!     SCAN_BENCH_DEBUG=1 SCAN_BENCH_NMAP=0 SCAN_BENCH_SIZES=10000 cargo bench -p iotlabel-scan --bench fleet
//!                                                    # each host on stderr as it finishes
//!
//! The emulated fleet runs in child processes of at most 2,000 devices (this same executable,
//! started again with `IOTLABEL_BENCH_FLEET` set), so the peak memory printed is the scanner's alone
//! (/proc/self/status VmHWM, reset before each size through /proc/self/clear_refs). Loopback only:
//! 127.12.0.0/16 for nmap's round, 127.13.0.0/16 upwards for the sizes.
//!
//! **Against nmap** (Debian package; installed by `cargo xtask test`): a fleet of Mirai-era DVRs
//! (telnet root/xc3511) and routers (HTTP basic admin/admin), ports 23 and 80, default
//! credentials on telnet and HTTP from the same list in the same order (the scanner's built-in
//! list, as many per service as the scanner's per-device cap allows), nmap with
//! `telnet-brute,http-brute` in `brute.mode=creds`. Both must find exactly the planted
//! credentials (host, port, user:password); the figure is devices per second and the ratio.
//!
//! **Scale**: every profile in turn, hostile ones included, the default ports, checks
//! `ports,creds,insecure`; every planted weakness found and nothing else (TLS checks are off, so
//! TLS weaknesses are not counted).

use std::collections::BTreeSet;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{IpAddr, Ipv4Addr};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use iotlabel_fleet::{Profile, Truth};
use iotlabel_scan::{Checks, Config, Scanner};

const CHILD: &str = "IOTLABEL_BENCH_FLEET";

fn main() {
    if let Ok(spec) = std::env::var(CHILD) {
        fleet_child(&spec);
        return;
    }
    let quick = !std::env::args().any(|a| a == "--bench");
    // 10,000 devices need more descriptors than the usual limits (the fleet's own rule).
    iotlabel_fleet::raise_descriptor_limit();
    let nmap_devices: usize = if quick {
        4
    } else {
        std::env::var("SCAN_BENCH_NMAP").ok().and_then(|v| v.parse().ok()).unwrap_or(60)
    };
    let sizes: Vec<usize> = if quick {
        vec![Profile::ALL.len() * 2]
    } else {
        std::env::var("SCAN_BENCH_SIZES")
            .ok()
            .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
            .unwrap_or_else(|| vec![100, 1000, 3000, 10_000])
    };
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    if nmap_devices > 0 {
        against_nmap(&rt, nmap_devices);
    }
    println!();
    println!(
        "scale: every profile, default ports, checks ports,creds,insecure (TCP); fleet in child processes"
    );
    println!(
        "{:>8} {:>10} {:>12} {:>10} {:>10} {:>16}",
        "devices", "seconds", "devices/s", "findings", "expected", "scanner peak MiB"
    );
    for (round, &n) in sizes.iter().enumerate() {
        let base = Ipv4Addr::new(127, 13 + round as u8, 0, 1);
        let profiles: Vec<&str> = (0..n).map(|i| Profile::ALL[i % Profile::ALL.len()].name()).collect();
        let (mut child, truth) = start_fleet(base, &profiles);
        let expected: usize = truth.devices.iter().flat_map(|d| &d.weaknesses).filter(|w| counted(w)).count();
        let targets: Vec<IpAddr> = truth.devices.iter().map(|d| d.address).collect();
        let cfg = Config {
            checks: Checks { ports: true, creds: true, tls: false, insecure: true, udp: false },
            concurrency: 512,
            ..Config::default()
        };
        reset_peak();
        let scanner = Scanner::new(cfg);
        let started = Instant::now();
        let mut found = BTreeSet::new();
        let mut findings = 0;
        rt.block_on(scanner.run(targets, |h| {
            findings += h.findings.len();
            found.extend(h.findings.iter().map(|f| (h.address, f.port, f.check.clone())));
            if std::env::var_os("SCAN_BENCH_DEBUG").is_some() {
                let ports: Vec<String> =
                    h.services.iter().map(|s| format!("{}/{}", s.port, s.protocol)).collect();
                eprintln!(
                    "{:.2} {} {} f={} {:?}",
                    started.elapsed().as_secs_f64(),
                    h.address,
                    ports.join(","),
                    h.findings.len(),
                    h.notes
                );
            }
        }));
        let secs = started.elapsed().as_secs_f64();
        let peak = peak_rss_mib().unwrap_or(f64::NAN);
        stop_fleet(&mut child);
        println!("{n:>8} {secs:>10.2} {:>12.1} {findings:>10} {expected:>10} {peak:>16.0}", n as f64 / secs);
        if findings != expected {
            explain_difference(&truth, &found);
        }
        assert_eq!(findings, expected, "every planted weakness and nothing else");
        if n >= 10_000 {
            println!(
                "  {n} devices in {secs:.1} s (target: under 60 s) with {peak:.0} MiB peak (target: under 200 MiB)"
            );
        }
    }
}

/// Whether the scale rounds can find a planted weakness: neither TLS nor UDP checks run there.
fn counted(w: &iotlabel_fleet::Weakness) -> bool {
    !w.check.starts_with("tls.") && iotlabel_scan::report::check_transport(&w.check) == "tcp"
}

/// Missing and unexpected findings, counted per (profile, port, check), so a failing size says
/// which devices and checks fell short.
fn explain_difference(truth: &Truth, found: &BTreeSet<(IpAddr, u16, String)>) {
    use std::collections::BTreeMap;
    let mut planted = BTreeSet::new();
    let mut profile_of = BTreeMap::new();
    for d in &truth.devices {
        profile_of.insert(d.address, d.profile.name());
        for w in d.weaknesses.iter().filter(|w| counted(w)) {
            planted.insert((d.address, w.port, w.check.clone()));
        }
    }
    let mut groups: BTreeMap<(&str, &str, u16, &str), usize> = BTreeMap::new();
    for (a, port, check) in planted.difference(found) {
        *groups.entry(("missing", profile_of.get(a).copied().unwrap_or("?"), *port, check)).or_default() += 1;
    }
    for (a, port, check) in found.difference(&planted) {
        *groups
            .entry(("unexpected", profile_of.get(a).copied().unwrap_or("?"), *port, check))
            .or_default() += 1;
    }
    for ((what, profile, port, check), count) in groups {
        println!("  {what}: {count} x {profile} port {port} {check}");
    }
}

/// Our scanner and nmap on one fleet of DVRs and routers: the same ports, the same credentials in
/// the same order, identical findings required; devices per second and the ratio.
fn against_nmap(rt: &tokio::runtime::Runtime, n: usize) {
    let Some(nmap) = which("nmap") else {
        panic!("nmap is not installed (Debian package nmap; `cargo xtask test` installs it)");
    };
    let base = Ipv4Addr::new(127, 12, 0, 1);
    let profiles: Vec<&str> = (0..n).map(|i| if i % 2 == 0 { "dvr" } else { "router" }).collect();
    let (mut child, truth) = start_fleet(base, &profiles);
    let targets: Vec<IpAddr> = truth.devices.iter().map(|d| d.address).collect();
    let cap = Config::default().max_attempts;
    let creds: Vec<iotlabel_scan::creds::Credential> = ["telnet", "http"]
        .iter()
        .flat_map(|s| iotlabel_scan::creds::builtin().into_iter().filter(move |c| c.service == *s).take(cap))
        .collect();

    // Ours: ports 23 and 80, default credentials (and the insecure-service check off).
    let cfg = Config {
        ports: vec![23, 80],
        checks: Checks { ports: true, creds: true, tls: false, insecure: false, udp: false },
        concurrency: 512,
        creds: creds.clone(),
        ..Config::default()
    };
    let scanner = Scanner::new(cfg);
    let started = Instant::now();
    let mut ours = BTreeSet::new();
    rt.block_on(scanner.run(targets.clone(), |h| {
        for f in h.findings.iter().filter(|f| f.check == "creds.default") {
            if let Some(c) = &f.credential {
                ours.insert((h.address, f.port, format!("{}:{}", c.username, c.password)));
            }
        }
    }));
    let our_secs = started.elapsed().as_secs_f64();

    // nmap: the same ports and credentials (brute.mode=creds reads `user/password` lines).
    let dir = tempfile::tempdir().expect("tempdir");
    let credfile = dir.path().join("creds.txt");
    let lines: Vec<String> = creds.iter().map(|c| format!("{}/{}", c.username, c.password)).collect();
    std::fs::write(&credfile, lines.join("\n") + "\n").expect("credential file");
    let xml = dir.path().join("nmap.xml");
    let last = targets.last().map(ToString::to_string).unwrap_or_default();
    let range = format!("{base}-{}", last.rsplit('.').next().unwrap_or("1"));
    let started = Instant::now();
    let status = Command::new(&nmap)
        .args([
            "-n",
            "-Pn",
            "-sT",
            "-p",
            "23,80",
            // At most 10 hosts at a time, at nmap's default timing: with its default host
            // groups (or -T4) its brute scripts give up on most of this fleet ("the service
            // seems to have failed or is heavily firewalled").
            "--max-hostgroup",
            "10",
            "--script",
            "telnet-brute,http-brute",
            "--script-args",
        ])
        .arg(format!(
            "brute.mode=creds,brute.credfile={},http-brute.path=/,brute.firstonly=true",
            credfile.display()
        ))
        .arg("-oX")
        .arg(&xml)
        .arg(&range)
        .stdout(Stdio::null())
        .status()
        .expect("nmap runs");
    let nmap_secs = started.elapsed().as_secs_f64();
    assert!(status.success(), "nmap failed: {status}");
    stop_fleet(&mut child);
    let theirs = nmap_credentials(&std::fs::read_to_string(&xml).expect("nmap's XML"));
    let planted: BTreeSet<(IpAddr, u16, String)> = truth
        .devices
        .iter()
        .map(|d| match d.profile {
            Profile::Dvr => (d.address, 23, "root:xc3511".to_string()),
            _ => (d.address, 80, "admin:admin".to_string()),
        })
        .collect();
    println!(
        "against nmap: {n} devices (DVRs and routers), ports 23 and 80, default credentials on telnet and HTTP"
    );
    println!("{:>10} {:>10} {:>12} {:>10}", "scanner", "seconds", "devices/s", "findings");
    println!("{:>10} {our_secs:>10.2} {:>12.1} {:>10}", "iotlabel", n as f64 / our_secs, ours.len());
    println!("{:>10} {nmap_secs:>10.2} {:>12.1} {:>10}", "nmap", n as f64 / nmap_secs, theirs.len());
    println!("  ratio: {:.1}x nmap's throughput (target: at least 10x)", nmap_secs / our_secs);
    assert_eq!(ours, planted, "our scanner finds exactly the planted credentials");
    assert_eq!(theirs, planted, "nmap finds exactly the planted credentials (identical findings)");
}

/// `(host, port, user:password)` of every valid credential in nmap's XML output.
fn nmap_credentials(xml: &str) -> BTreeSet<(IpAddr, u16, String)> {
    let mut out = BTreeSet::new();
    // nmap's XML carries a DOCTYPE.
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    let doc = roxmltree::Document::parse_with_options(xml, options).expect("nmap's XML parses");
    for host in doc.descendants().filter(|n| n.has_tag_name("host")) {
        let Some(addr) = host
            .children()
            .find(|n| n.has_tag_name("address") && n.attribute("addrtype") == Some("ipv4"))
            .and_then(|n| n.attribute("addr"))
            .and_then(|a| a.parse::<IpAddr>().ok())
        else {
            continue;
        };
        for port in host.descendants().filter(|n| n.has_tag_name("port")) {
            let Some(number) = port.attribute("portid").and_then(|p| p.parse::<u16>().ok()) else { continue };
            for script in port.children().filter(|n| n.has_tag_name("script")) {
                // <table key="Accounts"><table><elem key="username">..</elem><elem key="password">..</elem><elem key="state">Valid credentials</elem>
                for account in
                    script.descendants().filter(|n| n.has_tag_name("table") && n.attribute("key").is_none())
                {
                    let elem = |k: &str| {
                        account
                            .children()
                            .find(|n| n.has_tag_name("elem") && n.attribute("key") == Some(k))
                            .and_then(|n| n.text())
                            .unwrap_or_default()
                            .to_string()
                    };
                    if elem("state").starts_with("Valid") {
                        out.insert((addr, number, format!("{}:{}", elem("username"), elem("password"))));
                    }
                }
            }
        }
    }
    out
}

/// Devices per fleet process. Each device holds its listeners open, and an unprivileged process
/// here may open 20,000 descriptors: 10,000 devices in one process would leave almost none for
/// connections (the fleet refuses to start so), so a large fleet runs as several processes, as a
/// real network's devices would.
const DEVICES_PER_FLEET_PROCESS: usize = 2000;

/// The fleet's processes; stopped (and checked) by [`stop_fleet`].
struct FleetProcesses(Vec<(Child, BufReader<std::process::ChildStdout>)>);

/// Starts the fleet in child processes; returns them and the ground truth once every device
/// listens.
fn start_fleet(base: Ipv4Addr, profiles: &[&str]) -> (FleetProcesses, Truth) {
    let mut processes = Vec::new();
    let mut truth = Truth { devices: Vec::new() };
    for (k, chunk) in profiles.chunks(DEVICES_PER_FLEET_PROCESS).enumerate() {
        let first = iotlabel_fleet::address(base, k * DEVICES_PER_FLEET_PROCESS).expect("an address");
        let mut child = Command::new(std::env::current_exe().expect("this executable"))
            .env(CHILD, format!("{first};{}", chunk.join(",")))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the fleet process starts");
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        out.read_line(&mut line).expect("the fleet's truth");
        let part: Truth =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("the fleet did not start: {e}: {line}"));
        truth.devices.extend(part.devices);
        processes.push((child, out));
    }
    (FleetProcesses(processes), truth)
}

/// Stops every fleet process; each reports its failed accepts on its last line, and a fleet
/// that failed to accept a connection invalidates the run.
fn stop_fleet(fleet: &mut FleetProcesses) {
    for (child, out) in &mut fleet.0 {
        drop(child.stdin.take());
        let mut rest = String::new();
        let _ = out.read_to_string(&mut rest);
        let _ = child.wait();
        let errors: u64 = rest
            .lines()
            .find_map(|l| l.strip_prefix("accept-errors "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("a fleet process did not report its accept errors: {rest:?}"));
        assert_eq!(
            errors, 0,
            "the fleet failed to accept {errors} connection(s): it, not the scanner, was measured"
        );
    }
}

/// The child: runs the fleet, prints the truth on one line, stops when stdin closes and prints
/// `accept-errors N`.
fn fleet_child(spec: &str) {
    let (base, names) = spec.split_once(';').expect("base;profiles");
    let base: Ipv4Addr = base.parse().expect("base address");
    let profiles: Vec<Profile> =
        names.split(',').map(|p| Profile::from_name(p).expect("a profile name")).collect();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    let fleet = rt.block_on(iotlabel_fleet::start(base, &profiles)).unwrap_or_else(|e| panic!("{e:#}"));
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", serde_json::to_string(&fleet.truth).expect("truth")).expect("stdout");
    out.flush().expect("stdout");
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    writeln!(out, "accept-errors {}", fleet.accept_errors()).expect("stdout");
    out.flush().expect("stdout");
    drop(fleet);
}

fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Resets VmHWM to the current RSS (Linux: writing 5 to /proc/self/clear_refs).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn which(tool: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .chain(["/usr/bin", "/usr/sbin"])
        .map(|d| std::path::Path::new(d).join(tool))
        .find(|p| p.is_file())
}

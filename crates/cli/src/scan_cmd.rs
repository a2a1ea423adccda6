//! `iotlabel scan`: targets, the scanner, the state file, the progress bar, the outputs.

use std::fs::{File, OpenOptions};
use std::io::{IsTerminal, Write};
use std::time::Duration;

use chrono::Utc;
use iotlabel_model::TestedDevice;
use iotlabel_scan::fleet_map::FleetMap;
use iotlabel_scan::label::RegistryView;
use iotlabel_scan::report::REPORT_VERSION;
use iotlabel_scan::state::{self, Header};
use iotlabel_scan::{Checks, Config, HostReport, ScanReport, Scanner, target};

use crate::commands::{load_declaration, shown};
use crate::scan_args::{ScanArgs, ScanFormat};
use crate::{Done, Failure, input_error};

pub fn run(a: ScanArgs) -> Result<Done, Failure> {
    let addresses = target::expand(&a.targets, a.allow_public).map_err(|e| input_error(e.to_string()))?;
    let checks = Checks::parse(&a.checks).map_err(input_error)?;
    let device = match &a.device {
        Some(p) => {
            if a.format.is_some_and(|f| f != ScanFormat::Json) {
                return Err(input_error(
                    "--device writes evidence, which is JSON: drop --format or use --format json",
                ));
            }
            Some(tested_device(p)?)
        }
        None => None,
    };
    let fleet = match &a.devices {
        Some(p) => Some(load_fleet_map(p, &addresses)?),
        None => None,
    };
    if let Some(r) = &a.registry {
        crate::registry_cmds::reachable(r)?;
    }
    let mut creds = Vec::new();
    if let Some(p) = &a.creds {
        let text =
            std::fs::read_to_string(p).map_err(|e| input_error(format!("{}: cannot read: {e}", shown(p))))?;
        creds = iotlabel_scan::creds::parse(&text, &shown(p))
            .map_err(|e| input_error(format!("{}: {e}", shown(p))))?;
    }
    creds.extend(iotlabel_scan::creds::builtin());
    let mut cfg = Config {
        checks,
        concurrency: a.concurrency as usize,
        rate: a.rate,
        io_timeout: Duration::from_millis(a.timeout_ms),
        max_attempts: a.max_attempts,
        creds,
        ..Config::default()
    };
    if !a.ports.is_empty() {
        cfg.ports = a.ports.clone();
    }
    let header = Header::new(&a.targets, checks.names(), &cfg.ports);

    // Resume: the hosts a previous run finished.
    let mut done: Vec<HostReport> = Vec::new();
    let mut state_file = None;
    if let Some(p) = &a.state {
        let fresh = match std::fs::read_to_string(p) {
            Ok(text) if !text.is_empty() => {
                done = state::read(&text, &header).map_err(|e| input_error(format!("{}: {e}", shown(p))))?;
                false
            }
            Ok(_) => true,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => return Err(input_error(format!("{}: cannot read: {e}", shown(p)))),
        };
        let mut f = OpenOptions::new()
            .create(true)
            .append(true)
            .open(p)
            .map_err(|e| input_error(format!("{}: cannot write: {e}", shown(p))))?;
        if fresh {
            f.write_all(header.line().as_bytes())?;
        }
        state_file = Some(f);
    }
    let finished = state::finished(&done);
    let todo: Vec<_> = addresses.iter().copied().filter(|ip| !finished.contains(ip)).collect();

    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(addresses.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} hosts  {msg}  {per_sec}  eta {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b.set_position(finished.len() as u64);
        b
    } else {
        indicatif::ProgressBar::hidden()
    };

    let started = Utc::now();
    let scanner = Scanner::new(cfg);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let mut hosts = done;
    let mut findings: usize = hosts.iter().map(|h| h.findings.len()).sum();
    let mut write_error: Option<std::io::Error> = None;
    let interrupted = rt.block_on(async {
        let work = scanner.run(todo, |h| {
            if let Some(f) = state_file.as_mut()
                && let Err(e) = f.write_all(state::host_line(&h).as_bytes()).and_then(|()| f.flush())
            {
                write_error.get_or_insert(e);
            }
            findings += h.findings.len();
            bar.set_message(format!("{findings} finding(s)"));
            bar.inc(1);
            hosts.push(h);
        });
        tokio::select! {
            () = work => false,
            _ = tokio::signal::ctrl_c() => true,
        }
    });
    bar.finish_and_clear();
    if let Some(e) = write_error {
        return Err(Failure::Internal(anyhow::Error::new(e).context("writing the state file")));
    }
    if interrupted {
        drop(state_file);
        let hint = match &a.state {
            Some(p) => format!("finished hosts are in {}; run the same command to resume", shown(p)),
            None => "no --state file was given: nothing is kept".to_string(),
        };
        let _ = writeln!(anstream::stderr(), "interrupted: {hint}");
        std::process::exit(130);
    }

    if let Some(r) = &a.registry {
        let today = Utc::now().date_naive();
        for h in hosts.iter_mut().filter(|h| h.label.is_some()) {
            let id = h.label.as_ref().map(|l| l.id.clone()).unwrap_or_default();
            let view = match crate::registry_cmds::fetch_verified(r, &id, today) {
                Ok((derived, registry)) => RegistryView {
                    registry,
                    found: true,
                    status: Some(derived.record.status.state.as_str().to_string()),
                    reason: derived.record.status.reason.clone(),
                    digest: Some(derived.record.digest.clone()),
                },
                Err(Failure::Input { .. }) => RegistryView {
                    registry: r.trim_end_matches('/').to_string() + "/",
                    found: false,
                    status: None,
                    reason: None,
                    digest: None,
                },
                Err(Failure::Unverified(m) | Failure::Unreachable(m)) => {
                    h.notes.push(format!("label {id}: the registry's answer could not be checked: {m}"));
                    continue;
                }
                Err(e) => return Err(e),
            };
            iotlabel_scan::label::judge(h, view);
        }
    }
    hosts.retain(|h| !h.services.is_empty());
    hosts.sort_by_key(|h| h.address);
    let report = ScanReport {
        schema_version: REPORT_VERSION.into(),
        tool: format!("iotlabel-scan {}", env!("CARGO_PKG_VERSION")),
        started,
        finished: Utc::now(),
        targets: a.targets.clone(),
        checks: checks.names(),
        hosts,
        scanned: addresses.len(),
    };
    let any = report.findings().next().is_some();
    if let (Some((map, devices)), Some(out)) = (&fleet, &a.out) {
        write_fleet_evidence(&report, map, devices, out, a.format)?;
        return Ok(if any { Done::NotConformant } else { Done::Ok });
    }
    let text = match (&device, a.format) {
        (Some(d), _) => to_json(&report.to_evidence(d.clone(), Utc::now().date_naive()))?,
        (None, Some(ScanFormat::Json)) => to_json(&report)?,
        (None, Some(ScanFormat::Sarif)) => to_json(&report.to_sarif())?,
        (None, Some(ScanFormat::Csv)) => report.to_csv(),
        (None, Some(ScanFormat::Table)) => report.to_table(),
        (None, None) if a.out.is_none() && std::io::stdout().is_terminal() => report.to_table(),
        (None, None) => to_json(&report)?,
    };
    let text = if text.ends_with('\n') { text } else { text + "\n" };
    match &a.out {
        Some(p) => File::create(p)
            .and_then(|mut f| f.write_all(text.as_bytes()))
            .map_err(|e| input_error(format!("{}: cannot write: {e}", shown(p))))?,
        None => {
            let mut out = anstream::stdout().lock();
            if let Err(e) = out.write_all(text.as_bytes())
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(e.into());
            }
        }
    }
    Ok(if any { Done::NotConformant } else { Done::Ok })
}

fn to_json<T: serde::Serialize + ?Sized>(v: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(v).map_err(|e| Failure::Internal(e.into()))
}

/// The device a declaration describes, as the evidence names it.
fn tested_device(path: &std::path::Path) -> Result<TestedDevice, Failure> {
    let d = load_declaration(path)?;
    Ok(TestedDevice {
        brand: d.identity.brand.clone(),
        model: d.identity.model.clone(),
        firmware_version: Some(d.identity.firmware_version.clone()),
    })
}

/// The fleet map, checked against the targets, and the device of each entry (every declaration
/// loaded before the scan starts; paths are relative to the map).
fn load_fleet_map(
    p: &std::path::Path,
    addresses: &[std::net::IpAddr],
) -> Result<(FleetMap, Vec<TestedDevice>), Failure> {
    let text =
        std::fs::read_to_string(p).map_err(|e| input_error(format!("{}: cannot read: {e}", shown(p))))?;
    let targets: std::collections::BTreeSet<_> = addresses.iter().copied().collect();
    let map =
        iotlabel_scan::fleet_map::parse(&shown(p), &text, &|ip| targets.contains(&ip)).map_err(|errs| {
            let lines: Vec<String> = errs.iter().map(ToString::to_string).collect();
            input_error(lines.join("\n"))
        })?;
    let dir = p.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
    let mut devices = Vec::with_capacity(map.device.len());
    for (i, d) in map.device.iter().enumerate() {
        let path = dir.join(&d.declaration);
        if !path.is_file() {
            return Err(input_error(format!(
                "{}: device[{i}].declaration: {} is not a file (paths are relative to the map)",
                shown(p),
                shown(&path)
            )));
        }
        devices.push(tested_device(&path)?);
    }
    Ok((map, devices))
}

/// `--devices MAP --out DIR`: evidence per mapped device, and the whole report.
fn write_fleet_evidence(
    report: &ScanReport,
    map: &FleetMap,
    devices: &[TestedDevice],
    out: &std::path::Path,
    format: Option<ScanFormat>,
) -> Result<(), Failure> {
    std::fs::create_dir_all(out).map_err(|e| input_error(format!("{}: cannot create: {e}", shown(out))))?;
    let today = Utc::now().date_naive();
    let write = |name: &str, text: String| {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|e| input_error(format!("{}: cannot write: {e}", shown(&path))))
    };
    let mut used = std::collections::BTreeSet::new();
    for (d, tested) in map.device.iter().zip(devices) {
        let mut own = report.clone();
        own.hosts.retain(|h| d.addresses.contains(&h.address));
        own.targets = d.addresses.iter().map(ToString::to_string).collect();
        own.scanned = d.addresses.len();
        let stem = std::path::Path::new(&d.declaration)
            .file_stem()
            .map_or_else(|| "device".to_string(), |s| s.to_string_lossy().into_owned());
        let mut name = format!("{stem}.evidence.json");
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{stem}-{n}.evidence.json");
            n += 1;
        }
        write(&name, to_json(&own.to_evidence(tested.clone(), today))? + "\n")?;
    }
    let (name, text) = match format {
        Some(ScanFormat::Sarif) => ("report.sarif", to_json(&report.to_sarif())?),
        Some(ScanFormat::Csv) => ("report.csv", report.to_csv()),
        Some(ScanFormat::Table) => ("report.txt", report.to_table()),
        Some(ScanFormat::Json) | None => ("report.json", to_json(report)?),
    };
    write(name, if text.ends_with('\n') { text } else { text + "\n" })?;
    let mapped = map.addresses();
    let unmapped = report.hosts.iter().filter(|h| !mapped.contains(&h.address)).count();
    let mut err = anstream::stderr();
    let _ = writeln!(
        err,
        "wrote evidence for {} device(s) and {name} to {}{}",
        map.device.len(),
        shown(out),
        if unmapped > 0 {
            format!("; {unmapped} host(s) with open ports are not in the map (see {name})")
        } else {
            String::new()
        }
    );
    Ok(())
}

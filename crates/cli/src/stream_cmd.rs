//! `iotlabel mud audit --stream` (a member of a consumer group on a NATS JetStream stream) and
//! `iotlabel mud audit-publish` (a flows file to the stream).

use std::collections::{HashSet, VecDeque};
use std::io::Write;
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use iotlabel_flows::binary::BinaryReader;
use iotlabel_flows::ipfix::{IpfixReader, Orient};
use iotlabel_flows::pcap::CaptureReader;
use iotlabel_flows::text::{CsvReader, JsonLinesReader};
use iotlabel_flows::{Auditor, FlowRecord, Mac, ReadError, read_devices};
use iotlabel_flows_stream::audit::{Finding, StreamAuditor};
use iotlabel_flows_stream::nats::{NatsStream, Options};
use iotlabel_flows_stream::publish::Batcher;
use iotlabel_flows_stream::{DeviceKeys, StreamError};

use crate::args::DataFormat;
use crate::audit_cmd::{StreamArgs, open_flows, proto, when};
use crate::commands::{shown, write_json};
use crate::mud_args::{FlowFormat, PublishArgs};
use crate::{Done, Failure, input_error};

fn failure(e: StreamError) -> Failure {
    match e {
        StreamError::Setup(m) => input_error(m),
        e => Failure::Unreachable(e.to_string()),
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Failure::Internal(e.into()))
}

fn seconds(what: &str, s: f64) -> Result<Duration, Failure> {
    Duration::try_from_secs_f64(s)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| input_error(format!("{what} `{s}`: expected a positive number of seconds, e.g. 10")))
}

/// One finding as a line of text.
fn finding_line(f: &Finding) -> String {
    if let Some(p) = &f.pattern {
        let kind = iotlabel_flows::pattern_words(p.kind);
        let ports: Vec<String> = p.ports.iter().map(u16::to_string).collect();
        return format!(
            "{}: pattern: {kind}: {} peers, {} flows, ports {}{}",
            f.device,
            p.peers,
            p.flows,
            ports.join(" "),
            if p.names.is_empty() { String::new() } else { format!(", names {}", p.names.join(" ")) }
        );
    }
    match &f.violation {
        Some(v) => format!(
            "{}: {} {}/{}{} not allowed, first seen {} (peer {})",
            f.device,
            v.direction.as_str(),
            proto(v.protocol),
            v.port,
            v.peer_name.as_deref().map(|n| format!(" {n}")).unwrap_or_default(),
            when(v.first_seen_ms),
            v.examples.first().map(|i| i.to_string()).unwrap_or_default()
        ),
        None => f.key.clone(),
    }
}

/// Consumes the stream as a member of the group until Ctrl-C or `--idle-exit`.
pub fn consume(
    st: &StreamArgs<'_>,
    auditor: Auditor,
    format: DataFormat,
    quarantine: Option<Quarantine>,
) -> Result<Done, Failure> {
    let lease = seconds("--lease", st.lease)?;
    let idle_exit = st.idle_exit.map(|s| seconds("--idle-exit", s)).transpose()?;
    let member = match st.member {
        Some(m) => m.to_string(),
        None => {
            let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
            let host: String =
                host.trim().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(32).collect();
            format!("{}-{}", if host.is_empty() { "auditor" } else { &host }, std::process::id())
        }
    };
    let stop = Arc::new(AtomicBool::new(false));
    let rt = runtime()?;
    rt.block_on(async {
        let ns = NatsStream::connect(st.url, Options { lease, ..Options::default() }).await.map_err(failure)?;
        let m = ns.join(st.group, &member).await.map_err(failure)?;
        tracing::info!(stream = st.url, group = st.group, member = %member, partitions = ns.partitions(), "joined");
        {
            let stop = stop.clone();
            tokio::spawn(async move {
                if tokio::signal::ctrl_c().await.is_ok() {
                    stop.store(true, Ordering::Relaxed);
                }
            });
        }
        let mut a = StreamAuditor::new(m, auditor, 64);
        // Printed the moment the broker has a finding, so a member killed a moment later has
        // printed everything it reported.
        let mut quarantine = quarantine;
        a.on_finding(move |f| {
            let line = match format {
                DataFormat::Json => serde_json::to_string(f).unwrap_or_default(),
                DataFormat::Text => finding_line(f),
            };
            // Printed first, the moment the broker has the finding (a member killed a moment
            // later has printed everything it reported); then the device is quarantined.
            {
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{line}");
                let _ = out.flush();
            }
            if let Some(q) = quarantine.as_mut() {
                q.add(f, &line);
            }
        });
        let mut last_work = Instant::now();
        while !stop.load(Ordering::Relaxed) {
            // A step is never cut short: a batch is audited, reported and committed whole.
            if a.step().await.map_err(failure)? {
                last_work = Instant::now();
            } else if idle_exit.is_some_and(|d| last_work.elapsed() >= d) {
                break;
            }
        }
        let (stats, findings) = a.leave().await.map_err(failure)?;
        tracing::info!(?stats, "left the group");
        eprintln!(
            "{member}: {} batches, {} records audited; {} findings reported, {} already reported by another member",
            stats.batches, stats.records, stats.reported, stats.duplicates
        );
        Ok(if findings.is_empty() { Done::Ok } else { Done::NotConformant })
    })
}

/// `mud audit --stream --quarantine FILE`: the quarantine file this member appends to, a device
/// at a time, the moment the device's first finding arrives (see
/// `iotlabel_flows::quarantine_nft_head`: `nft -f FILE` loads the quarantine as it stands).
pub struct Quarantine {
    file: std::fs::File,
    path: String,
    /// name -> (MAC, addresses), from the devices table.
    devices: std::collections::HashMap<String, (Option<Mac>, Vec<IpAddr>)>,
    done: HashSet<String>,
}

impl Quarantine {
    /// Creates (or truncates) the file and writes its head.
    pub fn create(path: &std::path::Path, devices: &[iotlabel_flows::Device]) -> Result<Quarantine, Failure> {
        let mut file = std::fs::File::create(path)
            .map_err(|e| input_error(format!("{}: cannot write: {e}", shown(path))))?;
        file.write_all(iotlabel_flows::quarantine_nft_head().as_bytes())
            .map_err(|e| input_error(format!("{}: cannot write: {e}", shown(path))))?;
        Ok(Quarantine {
            file,
            path: shown(path),
            devices: devices.iter().map(|d| (d.name.clone(), (d.mac, d.ips.clone()))).collect(),
            done: HashSet::new(),
        })
    }

    /// Adds the finding's device once (a device the table does not list has no address to cut).
    fn add(&mut self, f: &Finding, why: &str) {
        if self.done.contains(&f.device) {
            return;
        }
        let Some((mac, ips)) = self.devices.get(&f.device) else { return };
        let text = iotlabel_flows::quarantine_nft_device(&f.device, *mac, ips, why);
        // One write, no fsync: a member killed a moment later loses nothing the kernel has.
        match self.file.write_all(text.as_bytes()) {
            Ok(()) => {
                self.done.insert(f.device.clone());
                tracing::info!(device = %f.device, file = %self.path, "quarantined");
            }
            Err(e) => {
                tracing::error!(device = %f.device, file = %self.path, error = %e, "cannot write the quarantine")
            }
        }
    }
}

/// Devices listed with a profile: the device end of an IPFIX flow or a captured packet.
struct Listed {
    macs: HashSet<Mac>,
    ips: HashSet<IpAddr>,
}

impl Orient for Listed {
    fn is_device(&self, ip: IpAddr, mac: Option<Mac>) -> bool {
        if self.macs.is_empty() && self.ips.is_empty() {
            return true;
        }
        mac.is_some_and(|m| self.macs.contains(&m)) || self.ips.contains(&ip)
    }
}

/// Publishes a flows file to the stream.
pub fn publish(p: &PublishArgs) -> Result<Done, Failure> {
    let devices = match &p.devices {
        Some(d) => {
            let text = std::fs::read_to_string(d)
                .map_err(|e| input_error(format!("{}: cannot read: {e}", shown(d))))?;
            read_devices(&shown(d), &text).map_err(|e| input_error(e.to_string()))?
        }
        None => Vec::new(),
    };
    let listed = Listed {
        macs: devices.iter().filter(|d| d.profile.is_some()).filter_map(|d| d.mac).collect(),
        ips: devices.iter().filter(|d| d.profile.is_some()).flat_map(|d| d.ips.iter().copied()).collect(),
    };
    let keys = DeviceKeys::new(&devices);
    if p.batch == 0 || p.batch > 10_000 {
        return Err(input_error(format!(
            "--batch {}: expected 1 to 10000 records (80 bytes each; a stream message is at most 1 MiB)",
            p.batch
        )));
    }
    let (from, input, format) = open_flows(&p.flows, p.flows_format)?;
    let rt = runtime()?;
    rt.block_on(async {
        let ns = NatsStream::connect(&p.stream, Options { partitions: p.partitions, ..Options::default() })
            .await
            .map_err(failure)?;
        let mut b = Batcher::new(ns.publisher(), keys, p.batch);
        // Records are read a few at a time and pushed in order.
        let mut buf: VecDeque<FlowRecord> = VecDeque::new();
        let mut flows: Box<dyn Iterator<Item = Result<FlowRecord, ReadError>>> = match format {
            FlowFormat::Csv => Box::new(CsvReader::new(&from, input)),
            FlowFormat::Jsonl => Box::new(JsonLinesReader::new(&from, input)),
            FlowFormat::Flows => Box::new(BinaryReader::new(&from, input)),
            FlowFormat::Ipfix => Box::new(IpfixReader::new(&from, input).oriented(listed)),
            FlowFormat::Pcap | FlowFormat::Pcapng => {
                let mut r = CaptureReader::new(&from, input, format == FlowFormat::Pcapng)
                    .map_err(|e| input_error(e.to_string()))?;
                Box::new(std::iter::from_fn(move || r.next_flow(&listed)))
            }
        };
        loop {
            for _ in 0..1024 {
                match flows.next() {
                    Some(f) => buf.push_back(f.map_err(|e| input_error(e.to_string()))?),
                    None => break,
                }
            }
            if buf.is_empty() {
                break;
            }
            while let Some(f) = buf.pop_front() {
                b.push(&f).await.map_err(failure)?;
            }
        }
        b.flush().await.map_err(failure)?;
        let (records, batches) = (b.records, b.batches);
        let summary = serde_json::json!({
            "stream": p.stream,
            "partitions": ns.partitions(),
            "records": records,
            "batches": batches,
        });
        write_json(&mut anstream::stdout().lock(), &summary)?;
        Ok(Done::Ok)
    })
}

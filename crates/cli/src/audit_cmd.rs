//! `iotlabel mud audit`: open the devices table, the profiles and the flows, stream the flows
//! through `iotlabel_flows::Auditor`, write the report (and the quarantine ruleset).

use std::fs::{self, File};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use iotlabel_flows::binary::BinaryReader;
use iotlabel_flows::ipfix::IpfixReader;
use iotlabel_flows::pcap::CaptureReader;
use iotlabel_flows::text::{CsvReader, JsonLinesReader};
use iotlabel_flows::{
    AuditReport, Auditor, FlowRecord, Patterns, ReadError, quarantine_nft, read_devices, read_names,
};
use iotlabel_mud::MudFile;

use crate::args::DataFormat;
use crate::commands::{MAX_INPUT_BYTES, shown, write_json};
use crate::mud_args::FlowFormat;
use crate::{Done, Failure, input_error};

pub struct AuditArgs<'a> {
    pub muds: &'a [PathBuf],
    pub devices: &'a Path,
    pub flows: Option<&'a Path>,
    pub stream: Option<StreamArgs<'a>>,
    pub flows_format: Option<FlowFormat>,
    pub names: Option<&'a Path>,
    pub quarantine: Option<&'a Path>,
    pub format: DataFormat,
}

/// `--stream` and its companions.
pub struct StreamArgs<'a> {
    pub url: &'a str,
    pub group: &'a str,
    pub member: Option<&'a str>,
    pub idle_exit: Option<f64>,
    pub lease: f64,
}

fn located(e: ReadError) -> Failure {
    input_error(e.to_string())
}

/// Flows handed to the auditor at a time: its batch path gives what checking one by one
/// gives, with the memory latency of large devices tables hidden.
const BATCH: usize = 1024;

/// Checks every flow, in batches; stops at the first unreadable record.
fn check_all(
    auditor: &mut Auditor,
    flows: impl Iterator<Item = Result<FlowRecord, ReadError>>,
) -> Result<(), Failure> {
    let (mut flows, mut batch, mut allowed) = (flows, Vec::with_capacity(BATCH), Vec::with_capacity(BATCH));
    loop {
        batch.clear();
        for f in flows.by_ref().take(BATCH) {
            batch.push(f.map_err(located)?);
        }
        if batch.is_empty() {
            return Ok(());
        }
        allowed.clear();
        auditor.check_batch(&batch, &mut allowed);
    }
}

/// A small text file (tables), read whole, up to the CLI's input limit.
fn text(path: &Path) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| input_error(format!("{}: cannot read: {e}", shown(path))))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(input_error(format!("{}: is larger than {} MiB", shown(path), MAX_INPUT_BYTES >> 20)));
    }
    String::from_utf8(bytes).map_err(|e| {
        input_error(format!("{}: is not UTF-8 text (byte {})", shown(path), e.utf8_error().valid_up_to()))
    })
}

pub fn audit(a: &AuditArgs<'_>, load: impl Fn(&Path) -> Result<MudFile, Failure>) -> Result<Done, Failure> {
    let mut profiles = Vec::new();
    for m in a.muds {
        let files: Vec<PathBuf> = if m.is_dir() {
            let mut v: Vec<PathBuf> = fs::read_dir(m)
                .map_err(|e| input_error(format!("{}: cannot read the directory: {e}", shown(m))))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            v.sort();
            v
        } else {
            vec![m.clone()]
        };
        for f in files {
            let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            profiles.push((name, load(&f)?));
        }
    }
    if profiles.is_empty() {
        return Err(input_error("--mud: no MUD file (*.json) found"));
    }
    let devices = read_devices(&shown(a.devices), &text(a.devices)?).map_err(located)?;
    let quarantine = match (&a.stream, a.quarantine) {
        (Some(_), Some(q)) => Some(crate::stream_cmd::Quarantine::create(q, &devices)?),
        _ => None,
    };
    let mut auditor = Auditor::new(devices, &profiles, Patterns::builtin())
        .map_err(|e| input_error(format!("{}: {e}", shown(a.devices))))?;
    if let Some(n) = a.names {
        for (ip, name) in read_names(&shown(n), &text(n)?).map_err(located)? {
            auditor.learn_name(ip, &name);
        }
    }
    if let Some(st) = &a.stream {
        return crate::stream_cmd::consume(st, auditor, a.format, quarantine);
    }
    let Some(flows) = a.flows else { return Err(input_error("--flows or --stream is needed")) };
    let (from, input, format) = open_flows(flows, a.flows_format)?;
    tracing::info!(?format, profiles = profiles.len(), devices = auditor.devices().len(), "audit");
    match format {
        FlowFormat::Csv => check_all(&mut auditor, CsvReader::new(&from, input))?,
        FlowFormat::Jsonl => check_all(&mut auditor, JsonLinesReader::new(&from, input))?,
        FlowFormat::Ipfix => {
            let mut r = IpfixReader::new(&from, input);
            let (mut wires, mut batch, mut allowed) = (Vec::new(), Vec::new(), Vec::new());
            loop {
                wires.clear();
                while wires.len() < BATCH
                    && let Some(w) = r.next_wire()
                {
                    wires.push(w.map_err(located)?);
                }
                if wires.is_empty() {
                    break;
                }
                batch.clear();
                auditor.orient_batch(&wires, &mut batch);
                allowed.clear();
                auditor.check_batch(&batch, &mut allowed);
            }
            if r.unknown_template_sets > 0 {
                tracing::warn!(
                    sets = r.unknown_template_sets,
                    "data sets skipped: their template was never sent"
                );
            }
        }
        FlowFormat::Flows => check_all(&mut auditor, BinaryReader::new(&from, input))?,
        FlowFormat::Pcap | FlowFormat::Pcapng => {
            let mut r = CaptureReader::new(&from, input, format == FlowFormat::Pcapng).map_err(located)?;
            while let Some(f) = r.next_flow(&auditor) {
                auditor.check(&f.map_err(located)?);
            }
            if r.skipped() > 0 {
                tracing::info!(packets = r.skipped(), "packets skipped: not IP");
            }
        }
    }
    let report = auditor.report();
    if let Some(q) = a.quarantine {
        fs::write(q, quarantine_nft(&report))
            .map_err(|e| input_error(format!("{}: cannot write: {e}", shown(q))))?;
    }
    let mut out = anstream::stdout().lock();
    match a.format {
        DataFormat::Json => write_json(&mut out, &report)?,
        DataFormat::Text => write!(out, "{}", text_report(&report))?,
    }
    Ok(if report.devices.is_empty() { Done::Ok } else { Done::NotConformant })
}

/// A flows file or stdin, buffered.
pub type FlowInput = BufReader<Box<dyn Read>>;

/// Opens a flows file (`-`: stdin) and tells its format: `--flows-format`, else the extension,
/// else the content.
pub fn open_flows(
    path: &Path,
    format: Option<FlowFormat>,
) -> Result<(String, FlowInput, FlowFormat), Failure> {
    let from = shown(path);
    let input: Box<dyn Read> = if path == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(File::open(path).map_err(|e| input_error(format!("{from}: cannot read: {e}")))?)
    };
    let mut input = BufReader::with_capacity(1 << 16, input);
    let format = match format.or_else(|| by_extension(path)) {
        Some(f) => f,
        None => sniff(&mut input).map_err(|e| input_error(format!("{from}: cannot read: {e}")))?,
    };
    Ok((from, input, format))
}

fn by_extension(p: &Path) -> Option<FlowFormat> {
    match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "csv" => Some(FlowFormat::Csv),
        "jsonl" | "ndjson" => Some(FlowFormat::Jsonl),
        "ipfix" => Some(FlowFormat::Ipfix),
        "flows" => Some(FlowFormat::Flows),
        "pcap" | "cap" => Some(FlowFormat::Pcap),
        "pcapng" => Some(FlowFormat::Pcapng),
        _ => None,
    }
}

/// IPFIX messages start with version 10, binary flow records, pcap and pcapng with their magic
/// numbers, JSON Lines with `{`; anything else is read as CSV.
fn sniff(r: &mut impl BufRead) -> std::io::Result<FlowFormat> {
    let b = r.fill_buf()?;
    Ok(match b {
        [b'I', b'O', b'T', b'F', b'L', b'O', b'W', b'S', ..] => FlowFormat::Flows,
        [0, 10, ..] => FlowFormat::Ipfix,
        [0x0a, 0x0d, 0x0d, 0x0a, ..] => FlowFormat::Pcapng,
        [0xa1, 0xb2, 0xc3, 0xd4, ..]
        | [0xd4, 0xc3, 0xb2, 0xa1, ..]
        | [0xa1, 0xb2, 0x3c, 0x4d, ..]
        | [0x4d, 0x3c, 0xb2, 0xa1, ..] => FlowFormat::Pcap,
        [b'{', ..] => FlowFormat::Jsonl,
        _ => FlowFormat::Csv,
    })
}

pub fn when(ms: u64) -> String {
    chrono::DateTime::from_timestamp_millis(ms as i64)
        .map(|t| t.format("%Y-%m-%d %H:%M:%S%.3fZ").to_string())
        .unwrap_or_else(|| ms.to_string())
}

pub fn proto(p: u8) -> String {
    match p {
        6 => "tcp".into(),
        17 => "udp".into(),
        1 => "icmp".into(),
        58 => "icmpv6".into(),
        n => format!("proto {n}"),
    }
}

pub fn text_report(r: &AuditReport) -> String {
    use iotlabel_flows::audit::PatternKind;
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} flows read: {} allowed, {} violating, {} of hosts not audited; {} devices seen, {} broke their profiles",
        r.flows,
        r.allowed_flows,
        r.violating_flows,
        r.unaudited_flows,
        r.devices_seen,
        r.devices.len()
    );
    for d in &r.devices {
        let addr: Vec<String> =
            d.mac.iter().map(|m| m.to_string()).chain(d.ips.iter().map(|i| i.to_string())).collect();
        let _ = writeln!(
            s,
            "\n{} ({}), profile {}: {} of {} flows not allowed, {} to {}",
            d.name,
            addr.join(", "),
            d.profile,
            d.violating_flows,
            d.flows,
            when(d.first_seen_ms),
            when(d.last_seen_ms)
        );
        for p in &d.patterns {
            let what = match p.kind {
                PatternKind::RemoteLoginScanning => "remote-login scanning",
                PatternKind::FanOut => "fan-out",
                PatternKind::UnexpectedInbound => "unexpected inbound",
                PatternKind::UnknownDomain => "unknown domain",
            };
            let ports: Vec<String> = p.ports.iter().map(u16::to_string).collect();
            let _ = write!(
                s,
                "  pattern: {what}: {} flows, {} peers, ports {}",
                p.flows,
                p.peers,
                ports.join(" ")
            );
            if !p.names.is_empty() {
                let _ = write!(s, ", names {}", p.names.join(" "));
            }
            s.push('\n');
        }
        for v in &d.violations {
            let ex: Vec<String> = v.examples.iter().map(|i| i.to_string()).collect();
            let _ = writeln!(
                s,
                "  {} {}/{}{}: {} flows, {} peers (e.g. {}), {} to {}",
                v.direction.as_str(),
                proto(v.protocol),
                v.port,
                v.peer_name.as_deref().map(|n| format!(" {n}")).unwrap_or_default(),
                v.flows,
                v.peers,
                ex.join(" "),
                when(v.first_seen_ms),
                when(v.last_seen_ms)
            );
        }
    }
    s
}

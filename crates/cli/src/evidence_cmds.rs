//! `iotlabel evidence import` and `iotlabel evidence coverage` (issue #14): files in and out;
//! the reading and the mapping are `iotlabel_import`'s.

use std::collections::HashSet;
use std::fs;
use std::io::{Read as _, Write};
use std::path::{Path, PathBuf};

use iotlabel_assess::{Verdict, check_evidence_device, check_evidence_targets};
use iotlabel_import::coverage::{self, Performer, State, Units};
use iotlabel_import::{Format, ImportError, Imported, Options, Table};
use iotlabel_model::text::MAX_EVIDENCE_ITEMS;
use iotlabel_model::{EVIDENCE_VERSION, Evidence, TestedDevice, validate_evidence};
use serde::Serialize;

use crate::args::DataFormat;
use crate::commands::{EvidenceArg, catalogs, load_and_assess, load_declaration, shown, write_json};
use crate::evidence_args::EvidenceAction;
use crate::{Done, Failure, input_error};

/// Largest tool output read (nmap XML of a large scan runs to tens of megabytes).
const MAX_TOOL_OUTPUT: u64 = 256 * 1024 * 1024;

pub(crate) fn run(action: EvidenceAction, allow_unbound: bool) -> Result<Done, Failure> {
    match action {
        EvidenceAction::Import { from, files, device, tester, date, mapping, map, out, format } => import(
            &Inputs { from: &from, files: &files, mapping: mapping.as_deref(), map: map.as_deref() },
            &device,
            &tester,
            date,
            out.as_deref(),
            format,
        ),
        EvidenceAction::Coverage { device, evidence, as_of, all, format } => {
            coverage(&device, &evidence, as_of, all, format, allow_unbound)
        }
        observe @ EvidenceAction::Observe { .. } => crate::observe_cmd::run(observe),
    }
}

/// The summary of an import (`--format json`).
#[derive(Serialize)]
struct Summary {
    format: &'static str,
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    out: Option<String>,
    items: usize,
    imported: Vec<FileSummary>,
    refused: Vec<ImportError>,
}

#[derive(Serialize)]
struct FileSummary {
    file: String,
    format: &'static str,
    tool: String,
    findings: usize,
    items: usize,
    results: iotlabel_import::Counts,
}

/// `evidence import`'s inputs: the tools' outputs and captures, the mapping table, the address
/// map for the captures.
struct Inputs<'a> {
    from: &'a [String],
    files: &'a [PathBuf],
    mapping: Option<&'a Path>,
    map: Option<&'a Path>,
}

fn import(
    args: &Inputs<'_>,
    device: &Path,
    tester: &str,
    date: Option<chrono::NaiveDate>,
    out: Option<&Path>,
    format: DataFormat,
) -> Result<Done, Failure> {
    let (from, files, mapping) = (args.from, args.files, args.mapping);
    // Every argument is checked before any input is read.
    let mut inputs: Vec<(Kind, PathBuf)> = Vec::new();
    for pair in from.chunks(2) {
        let [name, file] = pair else {
            return Err(input_error("--from takes two values: FORMAT FILE"));
        };
        let kind = if CAPTURE_NAMES.contains(&name.as_str()) {
            Kind::Capture
        } else {
            Kind::Tool(Some(Format::from_name(name).ok_or_else(|| {
                input_error(format!(
                    "--from {name}: unknown format\n  expected: one of {}, {}",
                    Format::ALL.map(Format::name).join(", "),
                    CAPTURE_NAMES.join(", ")
                ))
            })?))
        };
        inputs.push((kind, PathBuf::from(file)));
    }
    inputs.extend(
        files.iter().map(|p| (if is_capture(p) { Kind::Capture } else { Kind::Tool(None) }, p.clone())),
    );
    if inputs.is_empty() {
        return Err(input_error("no input: give files, or --from FORMAT FILE pairs"));
    }
    if tester.trim().is_empty() {
        return Err(input_error("--tester must name who ran the tools"));
    }
    let decl = load_declaration(device)?;
    let map = match args.map {
        Some(p) => Some((
            shown(p),
            fs::read_to_string(p).map_err(|e| input_error(format!("{}: cannot read: {e}", shown(p))))?,
        )),
        None => None,
    };
    let own_table;
    let table: &Table = match mapping {
        Some(p) => {
            let text =
                fs::read_to_string(p).map_err(|e| input_error(format!("{}: cannot read: {e}", shown(p))))?;
            own_table = Table::parse(&text).map_err(|e| input_error(format!("{}: {e}", shown(p))))?;
            &own_table
        }
        None => Table::builtin(),
    };
    for (i, rule) in table.rules.iter().enumerate() {
        if catalogs().control(&rule.control).is_none() {
            return Err(input_error(format!(
                "mapping rule {} (kind {}): unknown control {}\n  expected: a control of `iotlabel frameworks --controls`",
                i + 1,
                rule.kind,
                rule.control
            )));
        }
    }
    let today = chrono::Local::now().date_naive();
    let opts = Options { tester, date, today, table };

    let progress = indicatif::ProgressBar::with_draw_target(
        Some(inputs.len() as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    progress.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut imported: Vec<Imported> = Vec::new();
    let mut refused: Vec<ImportError> = Vec::new();
    let mut captured: Vec<FileSummary> = Vec::new();
    let mut capture_items: Vec<iotlabel_model::EvidenceItem> = Vec::new();
    for (n, (kind, path)) in inputs.iter().enumerate() {
        let name = shown(path);
        progress.set_message(name.clone());
        tracing::info!(file = %name, "importing");
        let fmt = match kind {
            Kind::Tool(f) => f,
            Kind::Capture => {
                let map = map.as_ref().map(|(f, t)| (f.as_str(), t.as_str()));
                match observe_capture(path, &name, &decl, map, n + 1, tester, date.unwrap_or(today)) {
                    Ok((summary, items)) => {
                        captured.push(summary);
                        capture_items.extend(items);
                    }
                    Err(message) => refused.push(ImportError {
                        file: name,
                        format: None,
                        problems: vec![iotlabel_import::Problem::new(
                            iotlabel_import::At::default(),
                            message,
                        )],
                        more: 0,
                    }),
                }
                progress.inc(1);
                continue;
            }
        };
        match read_bytes(path) {
            Ok(bytes) => match iotlabel_import::import(&name, *fmt, &bytes, n + 1, &opts) {
                Ok(imp) => imported.push(imp),
                Err(e) => refused.push(e),
            },
            Err(message) => refused.push(ImportError {
                file: name,
                format: *fmt,
                problems: vec![iotlabel_import::Problem::new(iotlabel_import::At::default(), message)],
                more: 0,
            }),
        }
        progress.inc(1);
    }
    progress.finish_and_clear();

    let mut stderr = anstream::stderr().lock();
    for e in &refused {
        writeln!(stderr, "error: {e}")?;
    }
    if imported.is_empty() && captured.is_empty() {
        return Err(Failure::Input { message: "no input imported; nothing written".into(), printed: false });
    }
    let items: Vec<_> = imported.iter().flat_map(|i| i.items.iter().cloned()).chain(capture_items).collect();
    if items.len() > MAX_EVIDENCE_ITEMS {
        return Err(input_error(format!(
            "{} items: more than an evidence file holds ({MAX_EVIDENCE_ITEMS}); nothing written\n  expected: fewer inputs per file (import them into several files)",
            items.len()
        )));
    }
    let evidence = Evidence {
        schema_version: EVIDENCE_VERSION.to_string(),
        device: Some(TestedDevice {
            brand: decl.identity.brand.clone(),
            model: decl.identity.model.clone(),
            firmware_version: Some(decl.identity.firmware_version.clone()),
        }),
        items,
    };
    // What is written must read back: the model's own checks, the catalogs' targets and the
    // device. A problem here is in the importer or the mapping table, not in the inputs.
    let mut issues = validate_evidence(&evidence);
    issues.extend(check_evidence_targets(catalogs(), &evidence));
    issues.extend(check_evidence_device(&decl, &evidence));
    if let Some(first) = issues.first() {
        return Err(Failure::Internal(anyhow::anyhow!(
            "the imported evidence does not validate ({} problems; first at {}: {})",
            issues.len(),
            first.pointer,
            first.message
        )));
    }
    let mut json = serde_json::to_vec_pretty(&evidence).map_err(|e| Failure::Internal(e.into()))?;
    json.push(b'\n');
    match out {
        Some(p) => write_atomically(p, &json)?,
        None => std::io::stdout().lock().write_all(&json)?,
    }

    let summary = Summary {
        format: "iotlabel.import",
        version: 1,
        out: out.map(shown),
        items: evidence.items.len(),
        imported: imported
            .iter()
            .map(|i| FileSummary {
                file: i.file.clone(),
                format: i.format.name(),
                tool: i.tool.clone(),
                findings: i.findings,
                items: i.items.len(),
                results: i.counts(),
            })
            .chain(captured)
            .collect(),
        refused,
    };
    // With the evidence on stdout, the summary goes to stderr.
    let mut sink: Box<dyn Write> =
        if out.is_some() { Box::new(anstream::stdout().lock()) } else { Box::new(stderr) };
    match format {
        DataFormat::Json => write_json(&mut sink, &summary)?,
        DataFormat::Text => {
            for f in &summary.imported {
                writeln!(
                    sink,
                    "{}: {} ({}): {} findings, {} items: {} fail, {} pass, {} inconclusive",
                    f.file,
                    f.format,
                    f.tool,
                    f.findings,
                    f.items,
                    f.results.fail,
                    f.results.pass,
                    f.results.inconclusive
                )?;
            }
            writeln!(
                sink,
                "{} items from {} of {} inputs{}",
                summary.items,
                summary.imported.len(),
                summary.imported.len() + summary.refused.len(),
                summary.out.as_deref().map(|o| format!(" written to {o}")).unwrap_or_default()
            )?;
        }
    }
    Ok(if summary.refused.is_empty() { Done::Ok } else { Done::NotConformant })
}

/// What an input is read as: a tool's output (format given or detected) or a packet capture.
enum Kind {
    Tool(Option<Format>),
    Capture,
}

/// `--from` names of packet captures (read by `iotlabel-observe`, not `iotlabel-import`).
const CAPTURE_NAMES: [&str; 2] = ["pcap", "pcapng"];

/// Whether a file starts as a pcap (either byte order, micro- or nanoseconds) or pcapng does.
fn is_capture(path: &Path) -> bool {
    let mut magic = [0u8; 4];
    fs::File::open(path).and_then(|mut f| f.read_exact(&mut magic)).is_ok()
        && matches!(
            magic,
            [0x0a, 0x0d, 0x0d, 0x0a]
                | [0xa1, 0xb2, 0xc3, 0xd4]
                | [0xd4, 0xc3, 0xb2, 0xa1]
                | [0xa1, 0xb2, 0x3c, 0x4d]
                | [0x4d, 0x3c, 0xb2, 0xa1]
        )
}

/// A capture held against the declaration (as `evidence observe` does), streamed
/// from the file: its evidence items (ids `pcap-<ordinal>-<n>`, each naming its frames) and its
/// line in the summary.
fn observe_capture(
    path: &Path,
    name: &str,
    decl: &iotlabel_model::Declaration,
    map: Option<(&str, &str)>,
    ordinal: usize,
    tester: &str,
    date: chrono::NaiveDate,
) -> Result<(FileSummary, Vec<iotlabel_model::EvidenceItem>), String> {
    let file = fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let obs =
        iotlabel_observe::observe_capture(name, std::io::BufReader::with_capacity(1 << 20, file), decl, map)
            .map_err(|e| e.to_string())?;
    let mut items = iotlabel_observe::evidence::to_evidence(&obs, tester, date);
    for (n, item) in items.iter_mut().enumerate() {
        item.id = format!("pcap-{ordinal}-{}", n + 1);
    }
    let summary = FileSummary {
        file: name.to_owned(),
        format: "pcap",
        tool: iotlabel_observe::evidence::TOOL.to_owned(),
        findings: obs.findings.len(),
        items: items.len(),
        results: iotlabel_import::Counts { pass: 0, fail: items.len(), inconclusive: 0 },
    };
    Ok((summary, items))
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err("is not a regular file".into());
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_TOOL_OUTPUT + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_TOOL_OUTPUT {
        return Err(format!("is larger than {} MiB", MAX_TOOL_OUTPUT / (1024 * 1024)));
    }
    Ok(bytes)
}

/// Writes `bytes` to `path` whole or not at all: a temporary file beside it, flushed to disk,
/// renamed into place.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name =
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "evidence".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    written.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        input_error(format!("{}: cannot write: {e}", shown(path)))
    })
}

fn coverage(
    device: &Path,
    evidence: &Path,
    as_of: Option<chrono::NaiveDate>,
    all: bool,
    format: DataFormat,
    allow_unbound: bool,
) -> Result<Done, Failure> {
    let arg = EvidenceArg { path: Some(evidence.to_path_buf()), allow_unbound, masks: None };
    let assessed = load_and_assess(device, &arg, &[coverage::FRAMEWORK], as_of)?;
    let not_applicable: HashSet<String> = assessed
        .report
        .frameworks
        .iter()
        .filter(|f| f.id == coverage::FRAMEWORK)
        .flat_map(|f| f.requirements.iter())
        .filter(|r| r.verdict == Verdict::NotApplicable)
        .map(|r| r.id.to_string())
        .collect();
    let ev = assessed.evidence.as_ref().ok_or_else(|| input_error("no evidence read"))?;
    let cov = coverage::coverage(Units::builtin(), catalogs(), ev, &not_applicable);
    let done = if cov.totals.remaining == 0 { Done::Ok } else { Done::NotConformant };
    let mut out = anstream::stdout().lock();
    match format {
        DataFormat::Json => write_json(&mut out, &cov)?,
        DataFormat::Text => {
            for p in &cov.provisions {
                let shown: Vec<_> = p.units.iter().filter(|u| all || u.state == State::Remaining).collect();
                if shown.is_empty() {
                    continue;
                }
                let req = match &p.requirement {
                    Some(r) if r != &p.provision => format!(" (now {r})"),
                    _ => String::new(),
                };
                writeln!(out, "{}{req}{}", p.provision, if p.applicable { "" } else { ": does not apply" })?;
                for u in shown {
                    let state = match u.state {
                        State::Covered => "covered",
                        State::Remaining => "REMAINS",
                        State::NotApplicable => "n/a",
                    };
                    let by = if u.items.is_empty() {
                        String::new()
                    } else {
                        let first: Vec<&str> = u.items.iter().take(4).map(String::as_str).collect();
                        let more = u.items.len().saturating_sub(4);
                        let more = if more > 0 { format!(" +{more}") } else { String::new() };
                        format!(" [{}{more}]", first.join(", "))
                    };
                    writeln!(
                        out,
                        "  {:<10} {:<8} {:<16} {}{by}",
                        u.id,
                        state,
                        u.performer.as_str(),
                        u.check
                    )?;
                }
            }
            let t = &cov.totals;
            writeln!(
                out,
                "\nETSI TS 103 701: {} of {} test units covered, {} remain, {} do not apply",
                t.covered, t.units, t.remaining, t.not_applicable
            )?;
            for perf in
                [Performer::Manual, Performer::BasicTool, Performer::AdvancedTool, Performer::CustomTool]
            {
                if let Some(x) = t.by_performer.get(&perf) {
                    writeln!(
                        out,
                        "  {:<16} {:>3} covered, {:>3} remain (of {})",
                        perf.as_str(),
                        x.covered,
                        x.remaining,
                        x.units
                    )?;
                }
            }
        }
    }
    Ok(done)
}

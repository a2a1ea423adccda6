//! iotlabel-import: the outputs of the tools test labs already run, read into evidence items.
//!
//! One adapter per format (`nmap`, `testssl`, `ssh_audit`, `zap`, `sbom`, `har`) turns a file's
//! text into *findings*: what the tool reported, where in the file, and a key (`kind`, `value`)
//! the mapping table (`data/mapping.toml`, data, not code) turns into an evidence item naming a
//! common control, with a result and a method. Every item keeps its source: the file, the
//! record (JSON Pointer or XML element path), the line when known and the tool's own finding id.
//! `coverage` says which ETSI TS 103 701 test units an evidence file covers.
//!
//! Architecture invariant: this crate does no I/O; callers pass bytes and a source name in.

pub mod coverage;
mod har;
mod json;
pub mod mapping;
mod nmap;
mod sbom;
mod ssh_audit;
mod testssl;
mod text;
mod zap;

use std::fmt;

use chrono::NaiveDate;
use iotlabel_model::{EvidenceItem, EvidenceSource, TestMethod, TestResult};

pub use mapping::{Rule, Table};

/// The formats this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// nmap's XML output (`-oX`), xmloutputversion 1.x.
    NmapXml,
    /// testssl.sh JSON: the flat form (`--json`, `--jsonfile`) or the pretty one (`--json-pretty`).
    Testssl,
    /// ssh-audit's JSON (`-j`).
    SshAudit,
    /// OWASP ZAP's traditional JSON report.
    Zap,
    /// CycloneDX JSON SBOM (spec 1.2 to 1.6), with VEX statements (`vulnerabilities`).
    CycloneDx,
    /// SPDX JSON SBOM: 2.2 / 2.3, or 3.0 JSON-LD (with its VEX relationships).
    Spdx,
    /// HTTP Archive (HAR 1.2), as browsers and proxies save it.
    Har,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::NmapXml,
        Format::Testssl,
        Format::SshAudit,
        Format::Zap,
        Format::CycloneDx,
        Format::Spdx,
        Format::Har,
    ];

    /// The name used on the command line and in `source.format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::NmapXml => "nmap-xml",
            Format::Testssl => "testssl",
            Format::SshAudit => "ssh-audit",
            Format::Zap => "zap",
            Format::CycloneDx => "cyclonedx",
            Format::Spdx => "spdx",
            Format::Har => "har",
        }
    }

    pub fn from_name(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == s)
    }

    /// The tool's name when its output does not give one.
    fn tool(self) -> &'static str {
        match self {
            Format::NmapXml => "nmap",
            Format::Testssl => "testssl.sh",
            Format::SshAudit => "ssh-audit",
            Format::Zap => "OWASP ZAP",
            Format::CycloneDx => "CycloneDX SBOM",
            Format::Spdx => "SPDX SBOM",
            Format::Har => "HAR",
        }
    }

    /// The prefix of the ids of the items imported in this format.
    fn prefix(self) -> &'static str {
        match self {
            Format::NmapXml => "nmap",
            Format::Testssl => "testssl",
            Format::SshAudit => "sshaudit",
            Format::Zap => "zap",
            Format::CycloneDx => "cdx",
            Format::Spdx => "spdx",
            Format::Har => "har",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One thing a tool reported, before the mapping table decides what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The mapping key, e.g. `nmap.service`, `testssl.protocol`, `zap.alert`.
    pub kind: &'static str,
    /// The value rules match, e.g. `telnet`, `TLS1 offered`, `high`.
    pub value: String,
    /// A score rules may compare (`min_score`), e.g. a CVSS base score.
    pub score: Option<f64>,
    /// What it is about, e.g. `127.0.0.1 tcp/22`.
    pub subject: String,
    /// What was seen, in a sentence.
    pub text: String,
    /// JSON Pointer or XML element path of the record.
    pub record: String,
    pub line: Option<u64>,
    /// The tool's own id for the finding.
    pub finding: Option<String>,
}

/// What an adapter read from one file.
#[derive(Debug, Default)]
pub(crate) struct Read {
    /// Tool name and version, when the output says.
    pub tool: Option<String>,
    /// When the tool ran, when the output says.
    pub scanned: Option<NaiveDate>,
    pub findings: Vec<Finding>,
}

/// Where in a file a problem is. Every field is optional: a JSON syntax error has a line and a
/// column, a missing field a path, invalid UTF-8 a byte offset.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct At {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl At {
    pub fn path(p: impl Into<String>) -> At {
        At { path: Some(p.into()), ..At::default() }
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    #[serde(flatten)]
    pub at: At,
    pub message: String,
}

impl Problem {
    pub fn new(at: At, message: impl Into<String>) -> Problem {
        Problem { at, message: message.into() }
    }
    pub fn at_path(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem::new(At::path(path), message)
    }
}

/// Most problems reported for one file (the rest are counted).
pub const MAX_PROBLEMS: usize = 50;

/// Why a file could not be imported: every problem found in it, located.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportError {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_format")]
    pub format: Option<Format>,
    pub problems: Vec<Problem>,
    /// Problems found beyond [`MAX_PROBLEMS`].
    pub more: usize,
}

fn ser_format<S: serde::Serializer>(f: &Option<Format>, s: S) -> Result<S::Ok, S::Error> {
    match f {
        Some(f) => s.serialize_str(f.name()),
        None => s.serialize_none(),
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", self.file)?;
            match (p.at.line, p.at.column, p.at.offset) {
                (Some(l), Some(c), _) => write!(f, ":{l}:{c}")?,
                (Some(l), None, _) => write!(f, ":{l}")?,
                (None, _, Some(o)) => write!(f, ": byte {o}")?,
                _ => {}
            }
            write!(f, ": ")?;
            if let Some(fmt) = self.format {
                write!(f, "{fmt}: ")?;
            }
            write!(f, "{}", p.message)?;
            match p.at.path.as_deref() {
                Some("") => write!(f, " (at the top level)")?,
                Some(path) => write!(f, " (at {path})")?,
                None => {}
            }
        }
        if self.more > 0 {
            write!(f, "\n{}: and {} more problems", self.file, self.more)?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportError {}

/// How the items are stamped.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// Who ran the tools (the lab).
    pub tester: &'a str,
    /// The date every item gets; when `None`, the date the tool's output gives, else `today`.
    pub date: Option<NaiveDate>,
    pub today: NaiveDate,
    pub table: &'a Table,
}

/// Results of one file, by result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub pass: usize,
    pub fail: usize,
    pub inconclusive: usize,
}

/// One file imported.
#[derive(Debug, Clone)]
pub struct Imported {
    pub file: String,
    pub format: Format,
    pub tool: String,
    /// Findings read (several may become one aggregated item).
    pub findings: usize,
    pub items: Vec<EvidenceItem>,
}

impl Imported {
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for i in &self.items {
            match i.result {
                TestResult::Pass => c.pass += 1,
                TestResult::Fail => c.fail += 1,
                TestResult::Inconclusive => c.inconclusive += 1,
            }
        }
        c
    }
}

/// The text of a file: UTF-8 (a byte-order mark is skipped), or a problem at the first bad byte.
fn utf8(bytes: &[u8]) -> Result<&str, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() as u64 + 1;
        Problem::new(
            At { offset: Some(offset as u64), line: Some(line), ..At::default() },
            "not UTF-8 text (a binary file, or text in another encoding)",
        )
    })
}

/// Which format `bytes` are in, from their content alone.
pub fn detect(bytes: &[u8]) -> Result<Format, Problem> {
    let text = utf8(bytes)?;
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(Problem::new(At { offset: Some(0), ..At::default() }, "the file is empty"));
    }
    if trimmed.starts_with('<') {
        // Look at the root element's name without building the tree (the adapter parses it).
        let head: String = trimmed.chars().take(4096).collect();
        if head.contains("<nmaprun") {
            return Ok(Format::NmapXml);
        }
        return Err(Problem::new(
            At { line: Some(1), ..At::default() },
            "unknown format: XML, but not nmap's (no <nmaprun> root element)",
        ));
    }
    let value = json::parse(text)?;
    json_format(&value).ok_or_else(|| {
        let seen = match &value {
            serde_json::Value::Object(m) => {
                let keys: Vec<&str> = m.keys().take(8).map(String::as_str).collect();
                format!("a JSON object with keys {}", keys.join(", "))
            }
            serde_json::Value::Array(a) => format!("a JSON array of {} elements", a.len()),
            _ => "a JSON scalar".to_string(),
        };
        Problem::new(
            At::path(""),
            format!(
                "unknown format: {seen}; give the format with --from (one of {})",
                Format::ALL.map(Format::name).join(", ")
            ),
        )
    })
}

fn json_format(v: &serde_json::Value) -> Option<Format> {
    use serde_json::Value;
    match v {
        Value::Object(m) => {
            if m.get("bomFormat").and_then(Value::as_str) == Some("CycloneDX") {
                Some(Format::CycloneDx)
            } else if m.contains_key("spdxVersion")
                || m.get("@context").is_some_and(|c| c.to_string().contains("spdx.org"))
            {
                Some(Format::Spdx)
            } else if m.get("log").is_some_and(|l| l.get("entries").is_some()) {
                Some(Format::Har)
            } else if m.get("site").is_some_and(Value::is_array) {
                Some(Format::Zap)
            } else if m.contains_key("scanResult") {
                Some(Format::Testssl)
            } else if ["banner", "kex", "key", "enc", "mac", "cves", "recommendations"]
                .iter()
                .any(|k| m.contains_key(*k))
            {
                Some(Format::SshAudit)
            } else {
                None
            }
        }
        Value::Array(a) => {
            let first = a.first()?;
            (first.get("id").is_some() && first.get("severity").is_some() && first.get("finding").is_some())
                .then_some(Format::Testssl)
        }
        _ => None,
    }
}

/// Imports one file. `ordinal` (1-based) makes item ids unique across the files of one import:
/// `nmap-1-3` is the third item of the first file.
pub fn import(
    file: &str,
    format: Option<Format>,
    bytes: &[u8],
    ordinal: usize,
    opts: &Options<'_>,
) -> Result<Imported, ImportError> {
    let refuse = |format: Option<Format>, problems: Vec<Problem>| {
        let more = problems.len().saturating_sub(MAX_PROBLEMS);
        ImportError {
            file: file.to_string(),
            format,
            problems: problems.into_iter().take(MAX_PROBLEMS).collect(),
            more,
        }
    };
    let format = match format {
        Some(f) => f,
        None => detect(bytes).map_err(|p| refuse(None, vec![p]))?,
    };
    let text = utf8(bytes).map_err(|p| refuse(Some(format), vec![p]))?;
    let read = match format {
        Format::NmapXml => nmap::read(text),
        Format::Testssl => testssl::read(text),
        Format::SshAudit => ssh_audit::read(text),
        Format::Zap => zap::read(text),
        Format::CycloneDx => sbom::read_cyclonedx(text),
        Format::Spdx => sbom::read_spdx(text),
        Format::Har => har::read(text),
    }
    .map_err(|ps| refuse(Some(format), ps))?;
    let tool = text::clean(read.tool.as_deref().unwrap_or(format.tool()), text::Kind::Line);
    let date = opts.date.or(read.scanned).unwrap_or(opts.today);
    let items = to_items(file, format, &tool, date, ordinal, &read.findings, opts)
        .map_err(|ps| refuse(Some(format), ps))?;
    Ok(Imported { file: file.to_string(), format, tool, findings: read.findings.len(), items })
}

/// Findings to items through the mapping table; findings of an `aggregate` rule become one item
/// per rule and file.
fn to_items(
    file: &str,
    format: Format,
    tool: &str,
    date: NaiveDate,
    ordinal: usize,
    findings: &[Finding],
    opts: &Options<'_>,
) -> Result<Vec<EvidenceItem>, Vec<Problem>> {
    let mut items = Vec::new();
    let mut groups: Vec<(usize, Vec<&Finding>)> = Vec::new();
    let mut problems = Vec::new();
    let item = |n: usize, rule: &Rule, summary: String, source: EvidenceSource| EvidenceItem {
        id: format!("{}-{ordinal}-{n}", format.prefix()),
        control: Some(rule.control.clone()),
        requirement: None,
        result: rule.result,
        method: rule.method.unwrap_or(TestMethod::NetworkTest),
        tester: opts.tester.to_string(),
        date,
        summary: text::clean(&summary, text::Kind::Free),
        tool: Some(tool.to_string()),
        source: Some(source),
    };
    let source = |f: Option<&Finding>| EvidenceSource {
        file: text::clean(file, text::Kind::Line),
        format: format.name().to_string(),
        record: f.map(|f| text::clean(&f.record, text::Kind::Line)),
        line: f.and_then(|f| f.line),
        finding: f.and_then(|f| f.finding.as_deref()).map(|s| text::clean(s, text::Kind::Line)),
        frames: Vec::new(),
    };
    for f in findings {
        let Some((ix, rule)) = opts.table.rule_for(f) else {
            problems.push(Problem::at_path(
                f.record.clone(),
                format!(
                    "no mapping rule for finding kind {} value {:?} (add one to the mapping table)",
                    f.kind, f.value
                ),
            ));
            continue;
        };
        if rule.aggregate {
            match groups.iter_mut().find(|(i, _)| *i == ix) {
                Some((_, g)) => g.push(f),
                None => groups.push((ix, vec![f])),
            }
        } else {
            let n = items.len() + 1;
            items.push(item(n, rule, format!("{tool}, {}: {}", f.subject, f.text), source(Some(f))));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    for (ix, group) in groups {
        let rule = &opts.table.rules[ix];
        const SHOWN: usize = 12;
        let mut summary =
            format!("{tool}: {} {} (", group.len(), rule.label.as_deref().unwrap_or("findings"));
        for (i, f) in group.iter().take(SHOWN).enumerate() {
            if i > 0 {
                summary.push_str("; ");
            }
            summary.push_str(&format!("{}: {}", f.subject, f.text));
        }
        if group.len() > SHOWN {
            summary.push_str(&format!("; and {} more", group.len() - SHOWN));
        }
        summary.push(')');
        let first = group[0];
        let mut src = source(None);
        // The records behind the item (the first twelve, then how many more).
        let mut records: Vec<&str> = group.iter().take(SHOWN).map(|f| f.record.as_str()).collect();
        let more = format!("and {} more", group.len().saturating_sub(SHOWN));
        if group.len() > SHOWN {
            records.push(&more);
        }
        src.record = Some(text::clean(&records.join(" "), text::Kind::Line));
        src.line = (group.len() == 1).then_some(first.line).flatten();
        src.finding = Some(first.kind.to_string());
        let n = items.len() + 1;
        items.push(item(n, rule, summary, src));
    }
    Ok(items)
}

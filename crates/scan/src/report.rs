//! The scan report (one type, with a JSON Schema), its outputs (JSON, SARIF 2.1.0, CSV, a table)
//! and the evidence it gives the assessment for a known device.

use std::net::IpAddr;

use chrono::{DateTime, NaiveDate, Utc};
use iotlabel_model::{Evidence, EvidenceItem, TestMethod, TestResult, TestedDevice};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// The version of the report format.
pub const REPORT_VERSION: &str = "1";

/// The `tester` of the evidence the scanner writes (the assessment knows it is not independent).
pub const TESTER: &str = "iotlabel scan";

/// What one scan found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScanReport {
    pub schema_version: String,
    /// The scanner and its version.
    pub tool: String,
    pub started: DateTime<Utc>,
    pub finished: DateTime<Utc>,
    /// The targets as given.
    pub targets: Vec<String>,
    /// The checks run (`ports`, `creds`, `tls`, `insecure`).
    pub checks: Vec<String>,
    /// Hosts with at least one open port, in address order.
    pub hosts: Vec<HostReport>,
    /// Addresses scanned in all (including those with nothing open).
    pub scanned: usize,
}

/// One host: its open services and the findings about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HostReport {
    pub address: IpAddr,
    pub services: Vec<Service>,
    pub findings: Vec<Finding>,
    /// What could not be decided (a service that stopped answering, attempts capped).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The label the host advertises at `/.well-known/iot-label`, and the registry's answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<crate::label::SeenLabel>,
    /// What the device says it is (UPnP device description, mDNS TXT records).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
}

/// What a device says it is, and where it said it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Identity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub friendly_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manufacturer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firmware: Option<String>,
    /// DNS-SD service instances the device announces (`name._type._udp.local`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
    /// Where each fact came from (`upnp http://a:p/desc.xml`, `mdns TXT name`).
    pub sources: Vec<String>,
}

impl Identity {
    /// Sets `field` unless an earlier source already did.
    pub fn set(&mut self, field: &str, value: &str) {
        let slot = match field {
            "friendly_name" => &mut self.friendly_name,
            "manufacturer" => &mut self.manufacturer,
            "model" => &mut self.model,
            "model_number" => &mut self.model_number,
            "serial" => &mut self.serial,
            "firmware" => &mut self.firmware,
            _ => return,
        };
        if slot.is_none() && !value.trim().is_empty() {
            *slot = Some(value.trim().chars().take(200).collect());
        }
    }

    /// Adds what `other` says and this one did not.
    pub fn merge(&mut self, other: Identity) {
        for (f, v) in [
            ("friendly_name", other.friendly_name),
            ("manufacturer", other.manufacturer),
            ("model", other.model),
            ("model_number", other.model_number),
            ("serial", other.serial),
            ("firmware", other.firmware),
        ] {
            if let Some(v) = v {
                self.set(f, &v);
            }
        }
        self.services.extend(other.services);
        self.sources.extend(other.sources);
    }
}

/// An open TCP port and what answers on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Service {
    pub port: u16,
    /// `tcp` or `udp`.
    #[serde(default = "tcp", skip_serializing_if = "is_tcp")]
    pub transport: String,
    /// `telnet`, `ftp`, `ssh`, `http`, `tls`, `mqtt`, `rtsp`, `unknown` (TCP); `coap`, `ssdp`,
    /// `mdns` (UDP).
    pub protocol: String,
    /// The greeting or answer, escaped and truncated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub banner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_server: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tls: Option<TlsInfo>,
    /// An SSH server's identification, algorithms and authentication methods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssh: Option<crate::ssh::SshInfo>,
}

fn tcp() -> String {
    "tcp".into()
}

fn is_tcp(s: &String) -> bool {
    s == "tcp"
}

/// A TLS handshake's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TlsInfo {
    /// The version the handshake settled on (`TLSv1.3`, `TLSv1.2`).
    pub version: String,
    /// Legacy versions the server accepted when offered alone (`TLSv1.0`, `TLSv1.1`).
    pub legacy_accepted: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_after: Option<DateTime<Utc>>,
    pub self_signed: bool,
    pub expired: bool,
}

/// One weakness, with what proves it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// The check, e.g. `creds.default`, `insecure.telnet` (see [`CHECKS`]).
    pub check: String,
    /// `address:port`.
    pub target: String,
    pub port: u16,
    /// The common control the finding is evidence against.
    pub control: String,
    /// `high`, `medium` or `low`.
    pub severity: String,
    /// How it was established, in a sentence.
    pub method: String,
    pub time: DateTime<Utc>,
    pub summary: String,
    /// The bytes that prove it, escaped and truncated.
    pub proof: String,
    /// The credential that worked, with its origin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<crate::creds::Credential>,
}

/// Every check that produces findings: id, control, severity, title.
pub const CHECKS: &[(&str, &str, &str, &str)] = &[
    (
        "creds.default",
        "auth.no-universal-default-password",
        "high",
        "Logs in with a published default credential",
    ),
    ("creds.any", "auth.network-access-authenticated", "high", "Accepts any user name and password"),
    ("insecure.telnet", "surface.no-insecure-services", "high", "Telnet is exposed"),
    ("insecure.ftp-anonymous", "surface.no-insecure-services", "high", "FTP accepts anonymous login"),
    (
        "insecure.mqtt-anonymous",
        "auth.network-access-authenticated",
        "high",
        "MQTT broker accepts clients without authentication",
    ),
    (
        "insecure.rtsp-open",
        "auth.network-access-authenticated",
        "high",
        "An RTSP stream is served without authentication",
    ),
    (
        "insecure.coap-open",
        "auth.network-access-authenticated",
        "medium",
        "CoAP resources are served without authentication",
    ),
    (
        "insecure.upnp-igd",
        "surface.no-insecure-services",
        "medium",
        "UPnP Internet Gateway port mapping is offered",
    ),
    ("insecure.http-admin", "comms.encrypted", "medium", "An administration login is served over plain HTTP"),
    ("tls.legacy-version", "comms.encrypted", "medium", "TLS 1.0 or 1.1 is accepted"),
    ("tls.self-signed", "comms.encrypted", "low", "The TLS certificate is self-signed"),
    ("tls.expired", "comms.encrypted", "medium", "The TLS certificate has expired"),
    (
        "label.unregistered",
        "docs.compliance-statement",
        "high",
        "Advertises a label the registry does not hold",
    ),
    (
        "label.digest-mismatch",
        "docs.compliance-statement",
        "high",
        "Advertises a label whose digest differs from the registered declaration's",
    ),
    ("label.revoked", "docs.compliance-statement", "high", "Advertises a label its maker revoked"),
    ("ssh.weak-algorithms", "comms.encrypted", "medium", "The SSH server offers weak algorithms"),
    (
        "ssh.password-auth",
        "auth.brute-force-protection",
        "low",
        "The SSH server accepts password authentication (open to password guessing)",
    ),
];

/// Checks whose findings are about a UDP service (the others are TCP).
pub const UDP_CHECKS: &[&str] = &["insecure.coap-open", "insecure.upnp-igd"];

/// The transport of a check's findings: `udp` or `tcp`.
pub fn check_transport(check: &str) -> &'static str {
    if UDP_CHECKS.contains(&check) { "udp" } else { "tcp" }
}

/// The control and severity of a check.
pub fn check_info(check: &str) -> (&'static str, &'static str) {
    CHECKS.iter().find(|c| c.0 == check).map_or(("surface.no-insecure-services", "medium"), |c| (c.1, c.2))
}

impl Finding {
    /// A finding of `check` on `addr`, now, with its control and severity from [`CHECKS`] and
    /// the proof escaped and truncated to [`crate::engine::PROOF_BYTES`].
    pub fn new(
        addr: std::net::SocketAddr,
        check: &str,
        method: &str,
        summary: String,
        proof: &[u8],
    ) -> Finding {
        let (control, severity) = check_info(check);
        Finding {
            check: check.to_string(),
            target: addr.to_string(),
            port: addr.port(),
            control: control.to_string(),
            severity: severity.to_string(),
            method: method.to_string(),
            time: Utc::now(),
            summary,
            proof: crate::parse::proof(proof, crate::engine::PROOF_BYTES),
            credential: None,
        }
    }
}

impl ScanReport {
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.hosts.iter().flat_map(|h| &h.findings)
    }

    /// The report as SARIF 2.1.0: one rule per check, one result per finding.
    pub fn to_sarif(&self) -> Value {
        let rules: Vec<Value> = CHECKS
            .iter()
            .map(|(id, control, sev, title)| {
                json!({
                    "id": id,
                    "name": id.replace(['.', '-'], "_"),
                    "shortDescription": {"text": title},
                    "properties": {"control": control, "severity": sev},
                    "defaultConfiguration": {"level": level(sev)},
                })
            })
            .collect();
        let results: Vec<Value> = self
            .findings()
            .map(|f| {
                json!({
                    "ruleId": f.check,
                    "ruleIndex": CHECKS.iter().position(|c| c.0 == f.check).unwrap_or(0),
                    "level": level(&f.severity),
                    "message": {"text": format!("{}: {}", f.target, f.summary)},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": format!("{}://{}", check_transport(&f.check), f.target)}}}],
                    "properties": {"control": f.control, "method": f.method, "time": f.time, "proof": f.proof},
                })
            })
            .collect();
        json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "iotlabel scan", "version": env!("CARGO_PKG_VERSION"), "informationUri": "https://github.com/iotlabel/iotlabel", "rules": rules}},
                "invocations": [{"executionSuccessful": true, "startTimeUtc": self.started, "endTimeUtc": self.finished}],
                "results": results,
            }]
        })
    }

    /// One CSV row per finding (RFC 4180 quoting).
    pub fn to_csv(&self) -> String {
        let mut out = String::from("address,port,check,control,severity,time,summary,method,proof\n");
        for h in &self.hosts {
            for f in &h.findings {
                let cells = [
                    h.address.to_string(),
                    f.port.to_string(),
                    f.check.clone(),
                    f.control.clone(),
                    f.severity.clone(),
                    f.time.to_rfc3339(),
                    f.summary.clone(),
                    f.method.clone(),
                    f.proof.clone(),
                ];
                let row: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
                out.push_str(&row.join(","));
                out.push('\n');
            }
        }
        out
    }

    /// A readable table: hosts, their services, their findings.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        for h in &self.hosts {
            out.push_str(&format!("{}\n", h.address));
            for s in &h.services {
                let mut what = s.protocol.clone();
                if let Some(v) = &s.http_server {
                    what.push_str(&format!("  server: {v}"));
                }
                if let Some(v) = &s.http_title {
                    what.push_str(&format!("  title: {v}"));
                }
                if let Some(t) = &s.tls {
                    what.push_str(&format!("  {}", t.version));
                }
                out.push_str(&format!("  {:>5}/{}  {}\n", s.port, s.transport, what));
            }
            if let Some(id) = &h.identity {
                let said: Vec<String> = [
                    ("name", &id.friendly_name),
                    ("manufacturer", &id.manufacturer),
                    ("model", &id.model),
                    ("serial", &id.serial),
                    ("firmware", &id.firmware),
                ]
                .into_iter()
                .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {v}")))
                .collect();
                if !said.is_empty() {
                    out.push_str(&format!("  = {}\n", said.join("  ")));
                }
            }
            for f in &h.findings {
                out.push_str(&format!("  ! {:<6} {:<24} {}\n", f.severity, f.check, f.summary));
            }
            for n in &h.notes {
                out.push_str(&format!("  ? {n}\n"));
            }
        }
        let n = self.findings().count();
        out.push_str(&format!(
            "{} address(es) scanned, {} with open ports, {} finding(s)\n",
            self.scanned,
            self.hosts.len(),
            n
        ));
        out
    }

    /// Evidence about one device in the assessment's format, tester = the scanner. A control
    /// gets `fail` when a finding is evidence against it; `auth.no-universal-default-password`
    /// and `surface.no-insecure-services` get `pass` when the check that would have found a
    /// weakness ran on the device and found none.
    pub fn to_evidence(&self, device: TestedDevice, date: NaiveDate) -> Evidence {
        let mut items = Vec::new();
        let tool = format!("iotlabel-scan {}", env!("CARGO_PKG_VERSION"));
        let mut n = 0;
        let mut item = |control: &str, result: TestResult, summary: String| {
            n += 1;
            EvidenceItem {
                id: format!("scan-{n}"),
                control: Some(control.to_string()),
                requirement: None,
                result,
                method: TestMethod::NetworkTest,
                tester: TESTER.to_string(),
                date,
                summary,
                tool: Some(tool.clone()),
                // The scan report is the record behind these items; the scan has no input file.
                source: None,
            }
        };
        let mut controls: Vec<&str> = CHECKS.iter().map(|c| c.1).collect();
        controls.dedup();
        controls.sort_unstable();
        controls.dedup();
        for control in controls {
            let against: Vec<&Finding> = self.findings().filter(|f| f.control == control).collect();
            if !against.is_empty() {
                let said: Vec<String> =
                    against.iter().map(|f| format!("{} ({}: {})", f.summary, f.target, f.check)).collect();
                items.push(item(control, TestResult::Fail, said.join("; ")));
                continue;
            }
            let ran = |c: &str| self.checks.iter().any(|x| x == c);
            let pass = match control {
                "auth.no-universal-default-password" => {
                    let login = self.hosts.iter().flat_map(|h| &h.services).filter(|s| {
                        matches!(s.protocol.as_str(), "telnet" | "ftp" | "http" | "mqtt" | "rtsp")
                            || s.ssh.as_ref().is_some_and(|i| i.offers_password())
                    });
                    (ran("creds") && login.clone().next().is_some()).then(|| {
                        let names: Vec<String> =
                            login.map(|s| format!("{}/{}", s.protocol, s.port)).collect();
                        format!("no published default credential was accepted on {}", names.join(", "))
                    })
                }
                "surface.no-insecure-services" => (ran("ports") && ran("insecure")).then(|| {
                    let ports: Vec<String> = self
                        .hosts
                        .iter()
                        .flat_map(|h| &h.services)
                        .map(|s| format!("{}/{} {}", s.port, s.transport, s.protocol))
                        .collect();
                    format!(
                        "no telnet, anonymous FTP{} exposed; open ports: {}",
                        if ran("udp") { " or UPnP port mapping" } else { "" },
                        if ports.is_empty() { "none".into() } else { ports.join(", ") }
                    )
                }),
                _ => None,
            };
            if let Some(summary) = pass {
                items.push(item(control, TestResult::Pass, summary));
            }
        }
        Evidence { schema_version: iotlabel_model::EVIDENCE_VERSION.to_string(), device: Some(device), items }
    }
}

fn level(severity: &str) -> &'static str {
    match severity {
        "high" => "error",
        "medium" => "warning",
        _ => "note",
    }
}

fn csv_cell(s: &str) -> String {
    // Cells a spreadsheet would run as a formula get a leading quote.
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

/// The report's JSON Schema.
pub fn report_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(ScanReport)).unwrap_or(Value::Null)
}

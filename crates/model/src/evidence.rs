//! Test evidence: what a lab (by hand) or the scanner (automatically) observed about a device.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Issue, quote};
use crate::text::check_strings;

/// The version of the evidence format this build reads and writes.
pub const EVIDENCE_VERSION: &str = "1.0";

/// A set of test results about one device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub schema_version: String,
    /// Which device was tested, in the declaration's words (brand, model, firmware).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<TestedDevice>,
    pub items: Vec<EvidenceItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TestedDevice {
    pub brand: String,
    pub model: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firmware_version: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TestResult {
    Pass,
    Fail,
    /// The test ran but could not decide; it does not change any verdict.
    Inconclusive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TestMethod {
    NetworkTest,
    DocumentReview,
    LabTest,
    BinaryAnalysis,
    PenetrationTest,
}

impl TestMethod {
    /// The name used in evidence files.
    pub fn as_str(self) -> &'static str {
        match self {
            TestMethod::NetworkTest => "network_test",
            TestMethod::DocumentReview => "document_review",
            TestMethod::LabTest => "lab_test",
            TestMethod::BinaryAnalysis => "binary_analysis",
            TestMethod::PenetrationTest => "penetration_test",
        }
    }
}

/// One observation. It names either a common control (`control`) or one framework requirement
/// (`requirement`, as `framework:id`, e.g. `etsi-en-303-645:5.1-1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceItem {
    /// Unique within the file, e.g. "nmap-1" or "lab-2024-017".
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requirement: Option<String>,
    pub result: TestResult,
    pub method: TestMethod,
    /// Who ran the test (lab name, or "iotlabel scan" for the scanner).
    pub tester: String,
    #[serde(deserialize_with = "crate::declaration::date::deserialize")]
    #[schemars(with = "NaiveDate")]
    pub date: NaiveDate,
    /// What was observed, in a sentence.
    pub summary: String,
    /// Tool and version, e.g. "nmap 7.94".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<String>,
    /// Where the item came from when it was imported from a tool's output (`iotlabel evidence
    /// import`): the file and the place in it, so an assessor can find the raw finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<EvidenceSource>,
}

/// The origin of an imported evidence item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceSource {
    /// The file as it was named on import, e.g. "scans/nmap.xml".
    pub file: String,
    /// The format it was read as, e.g. "nmap-xml", "testssl", "cyclonedx".
    pub format: String,
    /// The record in the file: a JSON Pointer (`/site/0/alerts/1`) for JSON, an element path
    /// (`/nmaprun/host[1]/ports/port[2]/script[ssh-auth-methods]`) for XML.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// The line of the record in the file (1-based), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The tool's own name for the finding, e.g. "ssh-auth-methods", "TLS1", a ZAP alert
    /// reference or a CVE id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
    /// Frame numbers (1-based, as Wireshark counts) behind an item read from a capture.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frames: Vec<u64>,
}

/// Checks an evidence file's own consistency (targets are checked against catalogs by `assess`).
pub fn validate_evidence(e: &Evidence) -> Vec<Issue> {
    let mut out = Vec::new();
    if e.schema_version != EVIDENCE_VERSION {
        out.push(
            Issue::new("/schema_version", format!("unsupported schema_version {}", quote(&e.schema_version)))
                .expected(format!("\"{EVIDENCE_VERSION}\"")),
        );
    }
    let mut ids = std::collections::HashSet::new();
    for (i, item) in e.items.iter().enumerate() {
        if item.id.trim().is_empty() {
            out.push(
                Issue::new(format!("/items/{i}/id"), "must not be empty")
                    .expected("an id unique within the file, e.g. nmap-1 or lab-2024-017"),
            );
        } else if !ids.insert(item.id.as_str()) {
            out.push(Issue::new(format!("/items/{i}/id"), format!("id {} is used twice", quote(&item.id))));
        }
        match (&item.control, &item.requirement) {
            (None, None) => out.push(
                Issue::new(format!("/items/{i}"), "names neither a control nor a requirement")
                    .expected("`control` (e.g. auth.no-universal-default-password) or `requirement` (e.g. etsi-en-303-645:5.1-1)"),
            ),
            (Some(_), Some(_)) => out.push(
                Issue::new(format!("/items/{i}/requirement"), "give `control` or `requirement`, not both"),
            ),
            (None, Some(r)) if !r.contains(':') => out.push(
                Issue::new(format!("/items/{i}/requirement"), format!("{} does not name its framework", quote(r)))
                    .expected("framework:id, e.g. etsi-en-303-645:5.1-1"),
            ),
            _ => {}
        }
        if item.tester.trim().is_empty() {
            out.push(
                Issue::new(format!("/items/{i}/tester"), "must not be empty").expected("who ran the test"),
            );
        }
        if item.summary.trim().is_empty() {
            out.push(
                Issue::new(format!("/items/{i}/summary"), "must not be empty")
                    .expected("what was observed, in a sentence"),
            );
        }
    }
    check_strings(e, &mut out);
    out
}

//! The facts a label shows, computed once from a declaration and its assessment, in a form every
//! renderer (SVG, HTML, text, JSON) and the registry share. No text here: only data and message
//! ids; renderers pick the language.

use chrono::NaiveDate;
use iotlabel_assess::{FrameworkVerdict, Report};
use iotlabel_model::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The `tester` name the scanner writes into evidence: its results are not a lab's attestation.
pub const SCANNER_TESTER: &str = "iotlabel scan";

/// What `build` needs.
pub struct LabelInput<'a> {
    pub decl: &'a Declaration,
    pub evidence: Option<&'a Evidence>,
    pub report: &'a Report,
    /// Base of the registry's label URLs, e.g. `https://registry.example/l/`.
    pub base_url: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportStatus {
    /// Security updates until `until`.
    Supported,
    /// The support period ended on `until`.
    Ended,
    /// No support period is declared.
    Undeclared,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Support {
    pub status: SupportStatus,
    pub until: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Offline {
    Yes,
    Partly,
    No,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SensorFact {
    /// Taxonomy sensor type id.
    pub kind: String,
    pub active: SensorActivity,
    pub indicator: bool,
    pub off_switch: OffSwitch,
    /// A physical switch or cover.
    pub physical_off: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataFact {
    /// Taxonomy data type id.
    pub kind: String,
    pub sensitivity: Sensitivity,
    pub stored: StorageLocation,
    pub shared: bool,
    /// `None` when the declaration does not say.
    pub sold: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrameworkFact {
    pub id: String,
    pub title: String,
    pub edition: String,
    pub verdict: FrameworkVerdict,
    pub level: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AttestationFact {
    /// Only the manufacturer vouches for the declaration.
    SelfDeclared,
    /// Named labs tested parts of it (from lab claims or lab evidence).
    LabTested { labs: Vec<String> },
}

/// The product as the label names it: the assessment's device summary.
pub type Product = iotlabel_assess::DeviceSummary;

/// One test result, as the secondary layer lists it: what was observed, by whom, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceFact {
    pub id: String,
    /// The common control or `framework:requirement` the item is about.
    pub about: String,
    pub result: TestResult,
    pub method: TestMethod,
    pub tester: String,
    pub date: NaiveDate,
    pub summary: String,
    pub tool: Option<String>,
}

/// Everything the two layers show, language-free.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// Stable label id: a slug of brand, model, hardware and firmware versions.
    pub id: String,
    /// `sha256:<hex>` of the declaration's canonical JSON (and the evidence's, if any).
    pub digest: String,
    /// The secondary layer's address, encoded in the QR code: `<base_url><id>?d=<first 16 hex>`.
    pub url: String,
    pub as_of: NaiveDate,
    pub product: Product,
    pub support: Support,
    pub default_password: DefaultPasswordPolicy,
    pub updates: UpdateMechanism,
    /// Where to report a vulnerability.
    pub vulnerability_contact: Option<String>,
    pub sensors: Vec<SensorFact>,
    pub data: Vec<DataFact>,
    pub offline: Offline,
    pub frameworks: Vec<FrameworkFact>,
    pub attestation: AttestationFact,
    /// The device's MUD URL, for DHCP option 161 (RFC 8520) and the label JSON.
    pub mud_url: Option<String>,
    /// The test evidence the verdicts weighed, with who produced it.
    pub evidence: Vec<EvidenceFact>,
}

/// Lower-case ASCII slug: letters and digits, runs of anything else become one `-`.
pub fn slug(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        for c in part.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The stable label id of a declaration: the slug of brand, model, hardware and firmware versions.
pub fn label_id(identity: &Identity) -> String {
    slug(&[&identity.brand, &identity.model, &identity.hardware_version, &identity.firmware_version])
}

/// `sha256:<hex>` over the declaration's JSON (and the evidence's), as serialised by this build.
pub fn digest(decl: &Declaration, evidence: Option<&Evidence>) -> String {
    let mut h = Sha256::new();
    h.update(serde_json::to_vec(decl).unwrap_or_default());
    if let Some(ev) = evidence {
        h.update(b"\n");
        h.update(serde_json::to_vec(ev).unwrap_or_default());
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

pub fn build(input: &LabelInput<'_>) -> Label {
    let d = input.decl;
    let i = &d.identity;
    let tax = Taxonomy::builtin();
    let id = label_id(i);
    let digest = digest(d, input.evidence);
    let hex16 = &digest["sha256:".len().."sha256:".len() + 16];
    let url = format!("{}{}?d={}", input.base_url, id, hex16);
    let as_of = input.report.as_of;
    let support = match d.updates.support_end {
        Some(end) if end >= as_of => Support { status: SupportStatus::Supported, until: Some(end) },
        Some(end) => Support { status: SupportStatus::Ended, until: Some(end) },
        None => Support { status: SupportStatus::Undeclared, until: None },
    };
    let sensors = d
        .sensors
        .iter()
        .map(|s| SensorFact {
            kind: s.kind.clone(),
            active: s.active,
            indicator: s.indicator,
            off_switch: s.off_switch,
            physical_off: matches!(s.off_switch, OffSwitch::PhysicalSwitch | OffSwitch::Cover),
        })
        .collect();
    let data = d
        .data
        .collected
        .iter()
        .map(|x| DataFact {
            kind: x.kind.clone(),
            sensitivity: tax.get(TermKind::Data, &x.kind).map_or(Sensitivity::High, |t| t.sensitivity),
            stored: x.stored,
            shared: !x.shared_with.is_empty(),
            sold: x.sold,
        })
        .collect();
    let offline = match d.communication.offline_function {
        OfflineFunction::Full => Offline::Yes,
        OfflineFunction::Partial => Offline::Partly,
        OfflineFunction::None => Offline::No,
    };
    let frameworks = input
        .report
        .frameworks
        .iter()
        .map(|f| FrameworkFact {
            id: f.id.to_string(),
            title: f.title.to_string(),
            edition: f.edition.to_string(),
            verdict: f.verdict,
            level: f.level.map(str::to_string),
        })
        .collect();
    let mut labs: Vec<String> = d
        .attestations
        .claims
        .iter()
        .filter_map(|c| match &c.by {
            Voucher::Lab { name } => Some(name.clone()),
            Voucher::SelfDeclared => None,
        })
        .collect();
    if let Some(ev) = input.evidence {
        // Evidence counts as a lab's testing when it decided something and was not our own scan.
        labs.extend(
            ev.items
                .iter()
                .filter(|it| it.result != TestResult::Inconclusive && it.tester != SCANNER_TESTER)
                .map(|it| it.tester.clone()),
        );
    }
    labs.sort();
    labs.dedup();
    let attestation =
        if labs.is_empty() { AttestationFact::SelfDeclared } else { AttestationFact::LabTested { labs } };
    Label {
        id,
        digest,
        url,
        as_of,
        product: Product::of(d),
        support,
        default_password: d.authentication.default_password,
        updates: d.updates.mechanism,
        vulnerability_contact: d.vulnerability_disclosure.contact.clone(),
        sensors,
        data,
        offline,
        frameworks,
        attestation,
        mud_url: d.network.mud_url.clone(),
        evidence: input
            .evidence
            .map(|ev| {
                ev.items
                    .iter()
                    .map(|it| EvidenceFact {
                        id: it.id.clone(),
                        about: it.control.clone().or_else(|| it.requirement.clone()).unwrap_or_default(),
                        result: it.result,
                        method: it.method,
                        tester: it.tester.clone(),
                        date: it.date,
                        summary: it.summary.clone(),
                        tool: it.tool.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(slug(&["Acme", "Cam 2", "B1", "2.4.1"]), "acme-cam-2-b1-2-4-1");
        assert_eq!(slug(&["Zoë's", "  Plug!"]), "zo-s-plug");
    }
}

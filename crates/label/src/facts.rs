//! The facts a label shows, computed once from a declaration and its assessment, in a form every
//! renderer (SVG, HTML, text, JSON) and the registry share. No text here: only data and message
//! ids; renderers pick the language.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use iotlabel_assess::{FrameworkVerdict, Report, Verdict};
use iotlabel_catalog::FrameworkKind;
use iotlabel_model::*;
use schemars::JsonSchema;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The `tester` name the scanner writes into evidence: its results are not a lab's attestation.
pub use iotlabel_assess::testers::SCANNER_TESTER;

/// What `build` needs.
pub struct LabelInput<'a> {
    pub decl: &'a Declaration,
    pub evidence: Option<&'a Evidence>,
    pub report: &'a Report<'a>,
    /// Base of the registry's label URLs, e.g. `https://registry.example/l/`.
    pub base_url: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SupportStatus {
    /// Security updates until `until`.
    Supported,
    /// The support period ended on `until`.
    Ended,
    /// No support period is declared.
    Undeclared,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Support {
    pub status: SupportStatus,
    pub until: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Offline {
    Yes,
    Partly,
    No,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SensorFact {
    /// Taxonomy sensor type id.
    pub kind: String,
    pub active: SensorActivity,
    pub indicator: bool,
    pub off_switch: OffSwitch,
    /// A physical switch or cover.
    pub physical_off: bool,
    /// The taxonomy says this kind of sensor can record the people around the device (voice or
    /// image).
    pub records_people: bool,
}

impl SensorFact {
    /// How much a user needs to know about this sensor, most first: no way to turn it off, then
    /// off only in software, then a physical switch or cover; a sensor that records people
    /// comes before one that does not. Used to choose which sensors the box shows first when it
    /// cannot show them all.
    pub fn concern(&self) -> u8 {
        let off = match self.off_switch {
            OffSwitch::None => 0,
            OffSwitch::Software => 2,
            OffSwitch::PhysicalSwitch | OffSwitch::Cover => 4,
        };
        off + u8::from(!self.records_people)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DataFact {
    /// Taxonomy data type id.
    pub kind: String,
    pub sensitivity: Sensitivity,
    pub stored: StorageLocation,
    pub shared: bool,
    /// `None` when the declaration does not say.
    pub sold: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct FrameworkFact {
    pub id: String,
    pub title: String,
    pub edition: String,
    pub verdict: FrameworkVerdict,
    pub level: Option<String>,
    /// How many levels a graded scheme has (0 for a framework without levels): "level 2 of 4".
    pub levels: usize,
    /// What kind of framework it is. A consumer evaluation (The Digital Standard) ranks products
    /// on criteria that are all recommendations, so it is summarised by the criteria met, not
    /// by a verdict of conformity, and is shown on the page, not on the box panel.
    pub kind: FrameworkKind,
    /// Requirements passed.
    pub met: usize,
    /// Requirements that apply (every verdict but not applicable).
    pub applicable: usize,
    /// Whether the box panel shows it ([`panel_choice`]); the page shows every framework.
    #[serde(skip)]
    #[schemars(skip)]
    pub on_panel: bool,
}

/// How many framework results the box panel has room for.
pub const PANEL_FRAMEWORKS: usize = 5;

/// Which frameworks the box panel shows when there are more than it has room for
/// ([`PANEL_FRAMEWORKS`]): first those that apply and either bind no market (standards) or one
/// where the product is declared sold, then the others that apply, then those out of scope; in
/// catalog order within each group, and shown in catalog order. `markets[i]` are the markets of
/// framework `i` (empty: none), `regions` the declared ones.
pub fn panel_choice(
    verdicts: &[FrameworkVerdict],
    markets: &[&[String]],
    regions: &[String],
    eligible: &[bool],
) -> Vec<bool> {
    let rank = |i: usize| {
        let m = markets.get(i).copied().unwrap_or(&[]);
        match verdicts[i] {
            FrameworkVerdict::OutOfScope => 2,
            _ if m.is_empty() || regions.iter().any(|r| m.contains(r)) => 0,
            _ => 1,
        }
    };
    // A consumer evaluation (not eligible) is on the page, never on the box.
    let mut order: Vec<usize> =
        (0..verdicts.len()).filter(|&i| eligible.get(i).copied().unwrap_or(true)).collect();
    order.sort_by_key(|&i| (rank(i), i));
    let mut shown = vec![false; verdicts.len()];
    for &i in order.iter().take(PANEL_FRAMEWORKS) {
        shown[i] = true;
    }
    shown
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AttestationFact {
    /// No independent lab supplied evidence: only the manufacturer vouches for the declaration
    /// (labs it names in its own claims are in [`LabTesting::claimed`]).
    SelfDeclared,
    /// Independent labs supplied test evidence that decided at least one control or
    /// requirement; [`LabTesting::coverage`] says whether it covers every applicable control.
    LabTested { labs: Vec<String> },
}

/// How much of the declaration independent lab evidence covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LabCoverage {
    /// No independent lab evidence.
    None,
    /// Lab evidence decided some of the applicable controls.
    Partial,
    /// Lab evidence decided every applicable control.
    Full,
}

/// Who tested what: from the evidence items, never from the manufacturer's word alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LabTesting {
    pub coverage: LabCoverage,
    /// Applicable controls (verdict other than not applicable) that independent lab evidence
    /// decided, directly or through a requirement resting on them.
    pub controls_tested: usize,
    /// Controls that apply to the device.
    pub controls_applicable: usize,
    /// Labs the manufacturer says tested the device (`attestations.claims`) but that supplied
    /// no evidence counted here: shown as the manufacturer's claim, not as testing.
    pub claimed: Vec<String>,
}

/// The product as the label names it: the assessment's device summary.
pub type Product = iotlabel_assess::DeviceSummary;

/// One test result, as the secondary layer lists it: what was observed, by whom, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Label {
    /// Stable label id: a slug of brand, model, hardware and firmware versions, with a short
    /// hash of them when the slug alone could be ambiguous (see [`label_id`]).
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
    /// Sensor types a device of this type usually has that the maker declares it does not
    /// (a security camera declaring no camera): shown as the maker's word, never as a finding.
    pub sensors_declared_absent: Vec<String>,
    pub data: Vec<DataFact>,
    pub offline: Offline,
    pub frameworks: Vec<FrameworkFact>,
    pub attestation: AttestationFact,
    pub lab_testing: LabTesting,
    /// The device's MUD URL, for DHCP option 161 (RFC 8520) and the label JSON.
    pub mud_url: Option<String>,
    /// The test evidence the verdicts weighed, with who produced it.
    pub evidence: Vec<EvidenceFact>,
}

/// Lower-case ASCII slug: accents and other scripts transliterated (`deunicode`), letters and
/// digits kept, runs of anything else become one `-`.
pub fn slug(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        for c in deunicode::deunicode(part).chars() {
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

/// The longest slug a label id keeps before its hash part (ids name files: see [`label_id`]).
pub const ID_SLUG_MAX: usize = 64;

/// The stable label id of a declaration: the slug of brand, model, hardware and firmware
/// versions, e.g. `acme-cam-2-b1-2-4-1`.
///
/// Ordinary names keep that plain slug, so ids stay stable: brand and model made of ASCII
/// letters and digits separated by single spaces, versions that may also use `.` and `-`.
/// Any other name (accents, punctuation such as `Cam-2`, a slug longer than
/// [`ID_SLUG_MAX`]) gets `-` and 8 hex digits of a SHA-256 over the exact identity, so two
/// spellings that slug alike (`Cam 2`, `Cam-2`) still get different ids; a name with nothing
/// to slug gets `label-<hash>`. An id is at most 73 ASCII characters, safe as a file name.
pub fn label_id(identity: &Identity) -> String {
    let parts = [&identity.brand, &identity.model, &identity.hardware_version, &identity.firmware_version];
    let mut id = slug(&parts.map(String::as_str));
    let plain = plain_name(&identity.brand, &[' '])
        && plain_name(&identity.model, &[' '])
        && plain_name(&identity.hardware_version, &[' ', '.', '-'])
        && plain_name(&identity.firmware_version, &[' ', '.', '-']);
    if plain && !id.is_empty() && id.len() <= ID_SLUG_MAX {
        return id;
    }
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    let hash: String = h.finalize()[..4].iter().map(|b| format!("{b:02x}")).collect();
    if id.is_empty() {
        return format!("label-{hash}");
    }
    // The slug is ASCII, so any byte index is a character boundary.
    id.truncate(ID_SLUG_MAX);
    let id = id.trim_end_matches('-');
    format!("{id}-{hash}")
}

/// ASCII letters and digits, separated by single characters from `seps`.
fn plain_name(s: &str, seps: &[char]) -> bool {
    let mut prev_sep = true;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            prev_sep = false;
        } else if seps.contains(&c) && !prev_sep {
            prev_sep = true;
        } else {
            return false;
        }
    }
    !prev_sep
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
            records_people: tax.get(TermKind::Sensor, &s.kind).is_some_and(|t| t.records_people),
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
    let fws = &input.report.frameworks;
    let verdicts: Vec<FrameworkVerdict> = fws.iter().map(|f| f.verdict).collect();
    let markets: Vec<&[String]> = fws
        .iter()
        .map(|f| input.report.catalogs.framework(f.id).map_or(&[][..], |c| c.scope.markets.as_slice()))
        .collect();
    let kinds: Vec<FrameworkKind> = fws
        .iter()
        .map(|f| input.report.catalogs.framework(f.id).map_or(FrameworkKind::Standard, |c| c.framework.kind))
        .collect();
    let eligible: Vec<bool> = kinds.iter().map(|k| k.judges_conformity()).collect();
    let on_panel = panel_choice(&verdicts, &markets, &d.market.regions, &eligible);
    let frameworks = fws
        .iter()
        .zip(on_panel)
        .zip(kinds)
        .map(|((f, on_panel), kind)| FrameworkFact {
            id: f.id.to_string(),
            title: f.title.to_string(),
            edition: f.edition.to_string(),
            verdict: f.verdict,
            level: f.level.map(str::to_string),
            levels: f.levels.len(),
            kind,
            met: f.counts.pass,
            applicable: f.counts.total() - f.counts.not_applicable,
            on_panel,
        })
        .collect();
    let (attestation, lab_testing) = attestation(d, input.evidence, input.report);
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
        sensors_declared_absent: tax.typical_sensors_declared_absent(&i.device_type, &d.sensors).to_vec(),
        data,
        offline,
        frameworks,
        attestation,
        lab_testing,
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

/// Evidence items that show an independent lab tested the device: decided something (not
/// inconclusive), were weighed by the assessment, and come from a tester other than the
/// manufacturer (one rule for the label and the schemes' paperwork).
pub fn independent_evidence<'e>(
    d: &Declaration,
    evidence: Option<&'e Evidence>,
    report: &Report,
) -> Vec<&'e EvidenceItem> {
    let mut weighed: BTreeSet<&str> = BTreeSet::new();
    for c in &report.controls {
        weighed.extend(c.evidence.iter().map(String::as_str));
    }
    for f in &report.frameworks {
        for r in &f.requirements {
            weighed.extend(r.evidence.iter().map(String::as_str));
        }
    }
    // Folding a name (NFKC, confusable skeletons) costs far more than a set lookup: each distinct
    // tester is judged once, however many items it supplied.
    let mut independent: HashMap<&str, bool> = HashMap::new();
    evidence
        .map(|ev| {
            ev.items
                .iter()
                .filter(|it| {
                    it.result != TestResult::Inconclusive
                        && weighed.contains(it.id.as_str())
                        && *independent.entry(it.tester.as_str()).or_insert_with(|| {
                            iotlabel_assess::testers::independent_tester(&it.tester, &d.identity)
                        })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Who tested the device: only evidence items count, and only those that decided something
/// (not inconclusive), that the assessment weighed, and whose tester is independent of the
/// manufacturer (not iotlabel's own scan, not the manufacturer or its brand). Labs the
/// manufacturer names in its own claims without such evidence are kept apart, as claims.
fn attestation(
    d: &Declaration,
    evidence: Option<&Evidence>,
    report: &Report,
) -> (AttestationFact, LabTesting) {
    let independent = independent_evidence(d, evidence, report);
    let lab_ids: BTreeSet<&str> = independent.iter().map(|it| it.id.as_str()).collect();
    // Sorted and deduplicated, each name copied once.
    let labs: BTreeSet<&str> = independent.iter().map(|it| it.tester.trim()).collect();
    let labs: Vec<String> = labs.into_iter().map(str::to_string).collect();

    let mut tested: BTreeSet<&str> = report
        .controls
        .iter()
        .filter(|c| c.evidence.iter().any(|e| lab_ids.contains(e.as_str())))
        .map(|c| c.id)
        .collect();
    for f in &report.frameworks {
        for r in f.requirements.iter().filter(|r| r.evidence.iter().any(|e| lab_ids.contains(e.as_str()))) {
            tested.extend(r.controls.iter().map(String::as_str));
        }
    }
    let applicable: Vec<&str> =
        report.controls.iter().filter(|c| c.verdict != Verdict::NotApplicable).map(|c| c.id).collect();
    let controls_tested = applicable.iter().filter(|c| tested.contains(*c)).count();
    let coverage = if labs.is_empty() {
        LabCoverage::None
    } else if controls_tested == applicable.len() {
        LabCoverage::Full
    } else {
        LabCoverage::Partial
    };

    let mut claimed: Vec<String> = d
        .attestations
        .claims
        .iter()
        .filter_map(|c| match &c.by {
            Voucher::Lab { name } => Some(name.trim().to_string()),
            Voucher::SelfDeclared => None,
        })
        .filter(|name| !name.is_empty() && !labs.iter().any(|l| same_name(l, name)))
        .collect();
    claimed.sort();
    claimed.dedup();

    let fact =
        if labs.is_empty() { AttestationFact::SelfDeclared } else { AttestationFact::LabTested { labs } };
    (fact, LabTesting { coverage, controls_tested, controls_applicable: applicable.len(), claimed })
}

fn same_name(a: &str, b: &str) -> bool {
    use iotlabel_assess::testers::name_words;
    let a = name_words(a);
    !a.is_empty() && a == name_words(b)
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_panel_prefers_frameworks_that_apply_in_the_declared_markets() {
        use FrameworkVerdict::*;
        let s = |v: &[&str]| v.iter().map(|x| (*x).to_string()).collect::<Vec<_>>();
        let (gb, eu, jp, none) = (s(&["GB"]), s(&["EU", "FR"]), s(&["JP"]), Vec::new());
        let markets: Vec<&[String]> = vec![&none, &none, &gb, &eu, &none, &jp];
        let all_in = [Conformant, Conformant, NotConformant, Incomplete, Conformant, Conformant];
        // No market declared: every framework applies; the last one has no room.
        assert_eq!(panel_choice(&all_in, &markets, &[], &[]), [true, true, true, true, true, false]);
        // Sold in Japan: the UK and EU regimes are out of scope and give way to JC-STAR.
        let jp_only = [Conformant, Conformant, OutOfScope, OutOfScope, Conformant, Conformant];
        assert_eq!(panel_choice(&jp_only, &markets, &s(&["JP"]), &[]), [true, true, true, false, true, true]);
        // Sold in France: frameworks bound to other markets rank below, the later one gives way.
        assert_eq!(panel_choice(&all_in, &markets, &s(&["FR"]), &[]), [true, true, true, true, true, false]);
        assert_eq!(
            panel_choice(&all_in, &markets, &s(&["FR", "JP"]), &[]),
            [true, true, false, true, true, true]
        );
        // Room for all: all shown.
        assert_eq!(panel_choice(&all_in[..5], &markets[..5], &[], &[]), [true; 5]);
        // A consumer evaluation never takes a place on the box, even with room to spare.
        assert_eq!(panel_choice(&all_in[..3], &markets[..3], &[], &[true, false, true]), [true, false, true]);
    }

    use super::*;

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(slug(&["Acme", "Cam 2", "B1", "2.4.1"]), "acme-cam-2-b1-2-4-1");
        assert_eq!(slug(&["Zoë's", "  Plug!"]), "zoe-s-plug");
    }
}

//! The facts a label shows, computed once from a declaration and its assessment, in a form every
//! renderer (SVG, HTML, text, JSON) and the registry share. No text here: only data and message
//! ids; renderers pick the language.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use chrono::NaiveDate;
use iotlabel_assess::{FrameworkVerdict, Report, Verdict};
use iotlabel_catalog::FrameworkKind;
use iotlabel_model::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
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
    /// How long it is kept, in days (`None`: not declared).
    pub retention_days: Option<u32>,
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
    /// Requirements met (passed), of those that apply: the mandatory ones for a framework that
    /// judges conformity ("fails EU CRA (12 of 22)"), every criterion for a consumer evaluation
    /// ("22 of 34 criteria met").
    pub met: usize,
    pub applicable: usize,
    /// Whether the box panel shows it ([`panel_choice`]); the page shows every framework.
    #[serde(skip)]
    #[schemars(skip)]
    pub on_panel: bool,
    /// The level a graded scheme reaches is iotlabel's own reading of the declaration: no
    /// certificate from the scheme owner for this scheme is declared (valid on the assessment
    /// date). Always true for a framework without levels.
    pub self_assessed: bool,
    /// Why the scheme's paperwork (`iotlabel documents`) is refused, when it is: the fields it
    /// lacks or the facts that forbid it (set by [`Label::with_paperwork`]). A framework whose
    /// requirements pass but whose paperwork is refused is not shown as met.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paperwork_refused: Vec<String>,
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

/// What the label says about a framework, in one word: the one rule every layer shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Every mandatory requirement met, and the scheme's paperwork can be written.
    Meets,
    /// Mandatory requirements met, but the scheme's paperwork is refused (support ended, a
    /// fact the statement must give is missing): not shown as met.
    Unconfirmed,
    /// Some mandatory requirement is not met (or a test contradicts it).
    Fails,
    /// Nothing fails but some requirement cannot be decided from the declaration.
    Undecided,
    /// The framework does not apply to the product.
    OutOfScope,
    /// A graded scheme: a level is reached.
    Level,
    /// A graded scheme: no level is reached.
    NoLevel,
    /// A consumer evaluation (The Digital Standard): criteria met, of those that apply; never a
    /// verdict of conformity.
    Criteria,
}

impl FrameworkFact {
    pub fn standing(&self) -> Standing {
        match (self.verdict, self.levels, &self.level) {
            (FrameworkVerdict::OutOfScope, ..) => Standing::OutOfScope,
            _ if !self.kind.judges_conformity() => Standing::Criteria,
            (_, 1.., Some(_)) => Standing::Level,
            (FrameworkVerdict::Incomplete, ..) => Standing::Undecided,
            (_, 1.., None) => Standing::NoLevel,
            (FrameworkVerdict::Conformant, ..) if !self.paperwork_refused.is_empty() => Standing::Unconfirmed,
            (FrameworkVerdict::Conformant, ..) => Standing::Meets,
            (FrameworkVerdict::NotConformant, ..) => Standing::Fails,
        }
    }
}

/// The outcome of one scheme's paperwork for a framework (from `iotlabel-documents`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paperwork {
    /// The framework the scheme's paperwork speaks for (`uk-psti`).
    pub framework: String,
    /// Empty when the paperwork can be written; otherwise the fields it lacks or that forbid it.
    pub refused: Vec<String>,
}

impl Label {
    /// The label once the schemes' paperwork is known: a framework whose paperwork is refused is
    /// not shown as met (see [`Standing::Unconfirmed`]).
    pub fn with_paperwork(mut self, paperwork: &[Paperwork]) -> Label {
        for p in paperwork {
            if let Some(f) = self.frameworks.iter_mut().find(|f| f.id == p.framework) {
                f.paperwork_refused = p.refused.clone();
                f.paperwork_refused.dedup();
            }
        }
        self
    }
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
    /// Independent lab evidence items that found a problem (a failed test): a lab that found
    /// problems is not shown as a plus.
    pub failed: usize,
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
    /// `sha256:<hex>` of the RFC 8785 canonical JSON of the declaration, or of
    /// `{"declaration": …, "evidence": …}` when the label was made with evidence
    /// (docs/label-digest.md).
    pub digest: String,
    /// The secondary layer's address, encoded in the QR code: `<base_url><id>?d=<first 16 hex>`.
    pub url: String,
    pub as_of: NaiveDate,
    pub product: Product,
    /// The deal-breakers found, in the order of `data/deal-breakers.toml` (empty: "no serious
    /// problems found"). Shown first on every layer.
    pub deal_breakers: Vec<DealBreaker>,
    /// Whether each of the panel's answers is good news, bad news or neither, and whether a
    /// test contradicts it: every layer marks it the same way.
    pub answers: Answers,
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
    /// The test evidence supplied, with who produced it (every item of the file, those the
    /// lab accepts too).
    pub evidence: Vec<EvidenceFact>,
    /// Findings the lab accepts (its masks in force): they do not count in the verdicts, and
    /// the secondary layer lists each as accepted, by whom, when and why. The assessment's
    /// list (`Report::accepted`), as it is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<iotlabel_assess::Accepted>,
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

/// The bytes [`digest`] hashes: the RFC 8785 (JCS) canonical JSON of the declaration, or, when
/// evidence is given, of the object `{"declaration": <declaration>, "evidence": <evidence>}`.
///
/// The declaration (and evidence) enter as the JSON this build writes for the parsed value, which
/// is what `iotlabel schema declaration` describes: absent optional fields and empty lists or
/// sections that the schema marks as omittable are left out, other defaulted fields are written
/// with their default value (e.g. `"active": true`), and TOML input has become JSON. So the input
/// is not the maker's file byte for byte: re-serialise the parsed declaration, then canonicalise.
/// Every number in these documents is a small unsigned integer, which JCS writes exactly.
pub fn digest_input(decl: &Declaration, evidence: Option<&Evidence>) -> Vec<u8> {
    #[derive(Serialize)]
    struct WithEvidence<'a> {
        declaration: &'a Declaration,
        evidence: &'a Evidence,
    }
    // Cannot fail: these types hold no floats and no maps with non-string keys.
    match evidence {
        None => serde_json_canonicalizer::to_vec(decl),
        Some(evidence) => serde_json_canonicalizer::to_vec(&WithEvidence { declaration: decl, evidence }),
    }
    .unwrap_or_default()
}

/// `sha256:` and the 64 lower-case hex digits of the SHA-256 of [`digest_input`]: the RFC 8785
/// canonical JSON of the declaration (wrapped with the evidence as
/// `{"declaration": ..., "evidence": ...}` when there is evidence). Any JSON implementation with
/// JCS recomputes it from the declaration's JSON; `docs/label-digest.md` gives the steps and
/// `crates/label/tests/data/digest-vectors.json` test vectors.
pub fn digest(decl: &Declaration, evidence: Option<&Evidence>) -> String {
    digest_of_canonical(&digest_input(decl, evidence))
}

/// `sha256:<64 hex>` of bytes that are already canonical (see [`digest_input`]).
pub fn digest_of_canonical(canonical: &[u8]) -> String {
    let hex: String = Sha256::digest(canonical).iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// The `d` parameter of a label URL: the first 16 hex digits (64 bits) of a `sha256:<hex>` digest.
pub fn url_digest(digest: &str) -> &str {
    let hex = digest.strip_prefix("sha256:").unwrap_or(digest);
    &hex[..hex.len().min(16)]
}

pub fn build(input: &LabelInput<'_>) -> Label {
    let d = input.decl;
    let i = &d.identity;
    let tax = Taxonomy::builtin();
    let id = label_id(i);
    let digest = digest(d, input.evidence);
    let url = format!("{}{}?d={}", input.base_url, id, url_digest(&digest));
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
            retention_days: x.retention_days,
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
    let frameworks =
        fws.iter()
            .zip(on_panel)
            .zip(kinds)
            .map(|((f, on_panel), kind)| {
                // Conformity is about the mandatory requirements; a consumer evaluation's criteria
                // are all recommendations, counted whole.
                let counts = if kind.judges_conformity() { &f.mandatory } else { &f.counts };
                let (met, applicable) = (counts.pass, counts.total() - counts.not_applicable);
                FrameworkFact {
                    id: f.id.to_string(),
                    title: f.title.to_string(),
                    edition: f.edition.to_string(),
                    verdict: f.verdict,
                    level: f.level.map(str::to_string),
                    levels: f.levels.len(),
                    kind,
                    met,
                    applicable,
                    on_panel,
                    self_assessed: !d.attestations.certifications.iter().any(|c| {
                        c.scheme == f.id && c.issued <= as_of && c.expires.is_none_or(|e| e >= as_of)
                    }),
                    paperwork_refused: Vec::new(),
                }
            })
            .collect();
    let (attestation, lab_testing) = attestation(d, input.evidence, input.report);
    let deal_breakers = deal_breakers(d, input.report, &support);
    let answers = answers(d, input.report, &support, &deal_breakers);
    Label {
        id,
        digest,
        url,
        as_of,
        product: Product::of(d),
        deal_breakers,
        answers,
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
        accepted: input.report.accepted.clone(),
    }
}

// ---------------------------------------------------------------------------------------------
// Deal-breakers and the tone of each answer (data: `data/deal-breakers.toml`)

/// The rule that decides a deal-breaker: a closed set, each a few lines below in
/// [`deal_breakers`]. The data file names one per deal-breaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DealRule {
    /// The default password is the same on every unit (`authentication.default_password`).
    UniversalPassword,
    /// The support period has ended or is not declared.
    SupportNotCurrent,
    /// The device cannot be updated (`updates.mechanism = none`).
    NotUpdatable,
    /// A local service on by default lets anyone in without credentials.
    UnauthenticatedServices,
    /// No vulnerability contact is declared.
    NoVulnerabilityContact,
    /// A test contradicts any control or requirement.
    AnyContradicted,
}

/// One deal-breaker of the data file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DealBreakerRule {
    /// Message ids `label-deal-<id>` (the band) and `label-deal-<id>-why` (the page).
    pub id: String,
    pub when: DealRule,
    /// Controls that, failed or contradicted by a test, also make it a deal-breaker.
    pub controls: Vec<String>,
    /// The provisions behind it (references only).
    pub basis: Vec<String>,
}

/// One of the panel's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Row {
    Support,
    Updates,
    Password,
    Report,
    Offline,
}

/// The controls an answer rests on: one a test contradicts makes the answer contradicted.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerRule {
    pub row: Row,
    pub controls: Vec<String>,
}

/// `data/deal-breakers.toml`, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DealBreakerData {
    pub deal_breakers: Vec<DealBreakerRule>,
    pub answers: Vec<AnswerRule>,
}

/// The embedded deal-breaker data (checked by a unit test, so bad data fails `cargo test`).
pub fn deal_breaker_data() -> &'static DealBreakerData {
    static DATA: OnceLock<DealBreakerData> = OnceLock::new();
    DATA.get_or_init(|| {
        toml::from_str(include_str!("../data/deal-breakers.toml"))
            .unwrap_or_else(|e| panic!("crates/label/data/deal-breakers.toml: {e}"))
    })
}

/// A deal-breaker found on this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DealBreaker {
    /// Its id in `data/deal-breakers.toml` (`default-password`, `support`, `not-updatable`,
    /// `open-services`, `no-report`, `contradicted`).
    pub id: String,
    /// Which case of it, when it has several: `ended` or `undeclared` for `support`,
    /// `universal` or `guessable` for `default-password`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
    /// The controls (or `framework:requirement`s) behind it that failed or that a test
    /// contradicts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<String>,
    /// A test contradicts what the manufacturer declares about it.
    pub contradicted: bool,
    /// How many claims tests contradict (for `contradicted`), or 1.
    pub count: usize,
    /// The provisions behind it.
    pub basis: Vec<String>,
}

/// Good news, bad news, or neither (a choice the buyer may be fine with).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Good,
    Neutral,
    Bad,
}

/// How one answer is marked on every layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Answer {
    pub tone: Tone,
    /// A test contradicts what the answer says (its tone is then [`Tone::Bad`]).
    pub contradicted: bool,
}

/// The tone of each of the panel's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Answers {
    pub support: Answer,
    pub updates: Answer,
    pub password: Answer,
    pub report: Answer,
    pub offline: Answer,
}

impl Answers {
    pub fn get(&self, row: Row) -> Answer {
        match row {
            Row::Support => self.support,
            Row::Updates => self.updates,
            Row::Password => self.password,
            Row::Report => self.report,
            Row::Offline => self.offline,
        }
    }
}

impl Label {
    /// The deal-breaker with this id, if the device has it.
    pub fn deal_breaker(&self, id: &str) -> Option<&DealBreaker> {
        self.deal_breakers.iter().find(|d| d.id == id)
    }
}

/// Local services on by default that let anyone in without credentials.
pub fn open_services(d: &Declaration) -> impl Iterator<Item = &LocalService> {
    d.communication.local_services.iter().filter(|s| s.enabled_by_default && !s.authenticated)
}

fn deal_breakers(d: &Declaration, report: &Report, support: &Support) -> Vec<DealBreaker> {
    let verdict = |id: &str| report.controls.iter().find(|c| c.id == id).map(|c| c.verdict);
    let mut out = Vec::new();
    for rule in &deal_breaker_data().deal_breakers {
        let mut controls: Vec<String> = Vec::new();
        let mut contradicted = false;
        for c in &rule.controls {
            match verdict(c) {
                Some(Verdict::Contradicted) => {
                    contradicted = true;
                    controls.push(c.clone());
                }
                // A failed control counts only where the failure is the deal-breaker itself:
                // `update.mechanism` also fails an updatable device whose updates are not
                // secure, which is no "cannot be updated".
                Some(Verdict::Fail) if rule.when != DealRule::NotUpdatable => controls.push(c.clone()),
                _ => {}
            }
        }
        let mut count = 1;
        let case: Option<&str> = match rule.when {
            DealRule::UniversalPassword => {
                if d.authentication.default_password == DefaultPasswordPolicy::Universal {
                    Some("universal")
                } else if !controls.is_empty() {
                    Some("guessable")
                } else {
                    None
                }
            }
            DealRule::SupportNotCurrent => match support.status {
                SupportStatus::Ended => Some("ended"),
                SupportStatus::Undeclared => Some("undeclared"),
                SupportStatus::Supported if !controls.is_empty() => Some("ended"),
                SupportStatus::Supported => None,
            },
            DealRule::NotUpdatable => {
                (d.updates.mechanism == UpdateMechanism::None || !controls.is_empty()).then_some("")
            }
            DealRule::UnauthenticatedServices => {
                (open_services(d).next().is_some() || !controls.is_empty()).then_some("")
            }
            DealRule::NoVulnerabilityContact => {
                (d.vulnerability_disclosure.contact.is_none() || !controls.is_empty()).then_some("")
            }
            DealRule::AnyContradicted => {
                controls.extend(
                    report
                        .controls
                        .iter()
                        .filter(|c| c.verdict == Verdict::Contradicted)
                        .map(|c| c.id.to_string()),
                );
                // Requirement-level evidence: a contradicted requirement none of whose controls
                // is itself contradicted.
                for f in &report.frameworks {
                    for r in f.requirements.iter().filter(|r| r.verdict == Verdict::Contradicted) {
                        if !r.controls.iter().any(|c| controls.contains(c)) {
                            controls.push(format!("{}:{}", f.id, r.id));
                        }
                    }
                }
                contradicted = !controls.is_empty();
                count = controls.len();
                contradicted.then_some("")
            }
        };
        if let Some(case) = case {
            out.push(DealBreaker {
                id: rule.id.clone(),
                case: (!case.is_empty()).then(|| case.to_string()),
                controls,
                contradicted,
                count,
                basis: rule.basis.clone(),
            });
        }
    }
    out
}

fn answers(d: &Declaration, report: &Report, support: &Support, deal: &[DealBreaker]) -> Answers {
    let has = |id: &str| deal.iter().any(|x| x.id == id);
    let contradicted = |row: Row| {
        deal_breaker_data()
            .answers
            .iter()
            .filter(|a| a.row == row)
            .flat_map(|a| &a.controls)
            .any(|c| report.controls.iter().any(|r| r.id == c && r.verdict == Verdict::Contradicted))
    };
    let answer = |row: Row, tone: Tone| {
        let contradicted = contradicted(row);
        Answer { tone: if contradicted { Tone::Bad } else { tone }, contradicted }
    };
    let updatable = d.updates.mechanism != UpdateMechanism::None;
    let support_tone =
        if support.status == SupportStatus::Supported && updatable { Tone::Good } else { Tone::Bad };
    let updates_tone = match d.updates.mechanism {
        _ if support.status == SupportStatus::Ended => Tone::Bad,
        UpdateMechanism::AutomaticByDefault => Tone::Good,
        UpdateMechanism::AutomaticOptIn | UpdateMechanism::Manual => Tone::Neutral,
        UpdateMechanism::None => Tone::Bad,
    };
    let password_tone = match d.authentication.default_password {
        DefaultPasswordPolicy::Universal => Tone::Bad,
        _ if has("default-password") => Tone::Bad,
        // "No password used" is no good news when services are open without one.
        DefaultPasswordPolicy::None if has("open-services") => Tone::Bad,
        _ => Tone::Good,
    };
    let report_tone = if d.vulnerability_disclosure.contact.is_some() && !has("no-report") {
        Tone::Good
    } else {
        Tone::Bad
    };
    let offline_tone = match d.communication.offline_function {
        OfflineFunction::Full => Tone::Good,
        OfflineFunction::Partial | OfflineFunction::None => Tone::Neutral,
    };
    Answers {
        support: answer(Row::Support, support_tone),
        updates: answer(Row::Updates, updates_tone),
        password: answer(Row::Password, password_tone),
        report: answer(Row::Report, report_tone),
        offline: answer(Row::Offline, offline_tone),
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
    let failed = independent.iter().filter(|it| it.result == TestResult::Fail).count();
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
    (fact, LabTesting { coverage, controls_tested, controls_applicable: applicable.len(), claimed, failed })
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
    fn deal_breaker_data_is_consistent() {
        let data = deal_breaker_data();
        let catalogs = iotlabel_catalog::Catalogs::builtin();
        let mut ids = BTreeSet::new();
        for d in &data.deal_breakers {
            assert!(ids.insert(d.id.as_str()), "deal-breaker {} listed twice", d.id);
            assert!(!d.basis.is_empty(), "deal-breaker {} names no provision", d.id);
            for c in &d.controls {
                assert!(catalogs.control(c).is_some(), "deal-breaker {}: no control {c}", d.id);
            }
        }
        // Every rule the code knows is used once, so no rule is dead code.
        let rules: Vec<DealRule> = data.deal_breakers.iter().map(|d| d.when).collect();
        for r in [
            DealRule::UniversalPassword,
            DealRule::SupportNotCurrent,
            DealRule::NotUpdatable,
            DealRule::UnauthenticatedServices,
            DealRule::NoVulnerabilityContact,
            DealRule::AnyContradicted,
        ] {
            assert_eq!(rules.iter().filter(|x| **x == r).count(), 1, "{r:?}");
        }
        for row in [Row::Support, Row::Updates, Row::Password, Row::Report, Row::Offline] {
            assert_eq!(data.answers.iter().filter(|a| a.row == row).count(), 1, "{row:?}");
        }
        for a in &data.answers {
            for c in &a.controls {
                assert!(catalogs.control(c).is_some(), "answer {:?}: no control {c}", a.row);
            }
        }
    }

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(slug(&["Acme", "Cam 2", "B1", "2.4.1"]), "acme-cam-2-b1-2-4-1");
        assert_eq!(slug(&["Zoë's", "  Plug!"]), "zoe-s-plug");
    }
}

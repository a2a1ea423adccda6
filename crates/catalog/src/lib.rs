//! iotlabel-catalog: framework requirements as data, mapped through one set of common controls.
//!
//! The catalogs live in `catalogs/*.toml` and are embedded at build time. A requirement passes when
//! every control it lists passes; two frameworks cross-walk through the controls they share.
//!
//! Architecture invariant: this crate does no I/O; the data is compiled in.

pub mod crosswalk;
pub mod listing;
pub mod oscal;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// One checkable property of a device, stated once for every framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Control {
    pub id: String,
    pub title: String,
    /// French title, shown beside the English one (bilingual labels).
    pub title_fr: String,
    /// Declaration fields the control's evaluator reads.
    #[serde(default)]
    pub reads: Vec<String>,
    /// Test methods whose evidence can decide this control (snake_case names of the evidence
    /// schema's `method`); empty means any method. E.g. only a binary analysis shows that a
    /// binary analysis was done.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence_methods: Vec<String>,
    /// Only a tester independent of the manufacturer can decide this control by evidence.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub independent_tester: bool,
    /// The control is about the software the device ships with: only evidence from testing the
    /// declared firmware version can decide it (evidence naming another firmware version, or
    /// naming none and dated before the release date, is set aside).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub same_firmware: bool,
    /// The least number of months the control asks for (e.g. the EU CRA's five-year support
    /// period): policy kept as data, read by the control's evaluator. A control whose evaluator
    /// needs it and finds none gives `unknown`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_months: Option<u32>,
    /// The most days the control allows (e.g. the time to fix a critical vulnerability).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_days: Option<u32>,
    /// The lowest TLS version the control accepts ("1.2").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_tls_version: Option<String>,
    /// Protocols (declaration names: "http", "mqtt") the control counts as unencrypted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plaintext_protocols: Vec<String>,
    /// Service names (lowercase) the control counts as insecure whenever they are on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub insecure_services: Vec<String>,
    /// For a control that is the maker's yes/no answer: the declaration field (a boolean, one
    /// of `iotlabel_model::claims::CLAIMS`) that decides it. Yes passes, no fails, no answer is
    /// unknown, with the messages `ctl-<id>-pass|fail|unknown` (dots of the id as dashes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
    /// For a claim: when it applies at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_if: Option<AppliesIf>,
}

/// When a claim control applies: a condition of the control set, the message shown when it does
/// not hold, and (optional) the message shown when the declaration does not say; without it an
/// undecided condition lets the claim decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppliesIf {
    pub condition: String,
    /// Message id of the reason when the condition does not hold (the control does not apply).
    pub otherwise: String,
    /// Message id of the reason when the declaration does not say whether the condition holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undecided: Option<String>,
}

/// The test methods an evidence file can name (the evidence schema's `method` values).
pub const EVIDENCE_METHODS: &[&str] =
    &["network_test", "document_review", "lab_test", "binary_analysis", "penetration_test"];

/// A fact about a device that decides whether a requirement applies at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub id: String,
    pub title: String,
    /// French title, shown beside the English one (bilingual labels).
    pub title_fr: String,
    /// The sentence shown when the condition does not hold (the requirement does not apply).
    pub not_met: String,
    /// French of `not_met`.
    pub not_met_fr: String,
    /// Declaration fields the condition is decided on.
    #[serde(default)]
    pub reads: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ControlSet {
    pub schema_version: String,
    pub controls: Vec<Control>,
    pub conditions: Vec<Condition>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum FrameworkKind {
    Standard,
    Regulation,
    Guidance,
    LabelScheme,
    /// A consumer evaluation (e.g. The Digital Standard): criteria products are compared on,
    /// not a conformity scheme. Shown on the label page, not on the box panel.
    ConsumerEvaluation,
}

impl FrameworkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FrameworkKind::Standard => "standard",
            FrameworkKind::Regulation => "regulation",
            FrameworkKind::Guidance => "guidance",
            FrameworkKind::LabelScheme => "label-scheme",
            FrameworkKind::ConsumerEvaluation => "consumer-evaluation",
        }
    }

    /// Whether the framework judges conformity (a standard, regulation, guidance baseline or
    /// label scheme) rather than ranking products on consumer criteria.
    pub fn judges_conformity(self) -> bool {
        self != FrameworkKind::ConsumerEvaluation
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    pub short_title: String,
    pub title: String,
    /// French title, shown beside the English one (bilingual labels).
    pub title_fr: String,
    pub edition: String,
    /// Publication date of the edition encoded (YYYY-MM or YYYY-MM-DD).
    pub published: String,
    pub source: String,
    pub url: String,
    pub kind: FrameworkKind,
    #[serde(default)]
    pub notes: String,
    /// The credit line the source's licence asks for wherever the catalog's content is shown
    /// (authors, edition, source, licence, what was changed), e.g. for a CC BY catalog.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub title: String,
    /// French title, shown beside the English one (bilingual labels).
    pub title_fr: String,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Mandatory,
    Recommended,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Mandatory => "mandatory",
            Status::Recommended => "recommended",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    #[default]
    None,
    Conditional,
    Feature,
}

/// How a requirement can be assessed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Declaration,
    NetworkTest,
    DocumentReview,
    LabTest,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Declaration => "declaration",
            Method::NetworkTest => "network_test",
            Method::DocumentReview => "document_review",
            Method::LabTest => "lab_test",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub group: String,
    pub title: String,
    /// French title, shown beside the English one (bilingual labels).
    pub title_fr: String,
    pub status: Status,
    #[serde(default)]
    pub qualifier: Qualifier,
    /// The framework's own condition label (e.g. ETSI's `F(g)`), verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition_ref: Option<String>,
    /// The condition id (from the control set) deciding applicability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    pub assessed_by: Vec<Method>,
    pub controls: Vec<String>,
    #[serde(default)]
    pub references: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<String>,
    /// Other ways the law accepts for meeting this requirement (deemed compliance, e.g. UK PSTI
    /// Schedule 2): through other frameworks' requirements, or by holding a current label of a
    /// scheme. See ARCHITECTURE.md for the verdict rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
}

/// A route to a requirement the law accepts in its place: either every requirement `via` names
/// is met (passes, or does not apply because its condition does not hold), or the product holds
/// a current label of `certification`'s scheme (at its level or a higher one, when it names one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// The route's id within the requirement (e.g. the law's own condition letter).
    pub id: String,
    /// `framework:requirement` keys of one other framework, all of which must be met.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certification: Option<CertificationRoute>,
    /// The legal reference that accepts the route.
    pub reference: String,
    /// The day the route took effect (`YYYY-MM-DD`): an assessment as of an earlier date does
    /// not take it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<String>,
    /// Set when the fact is not verified against the primary text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<String>,
}

impl Route {
    /// [`Route::in_force`] as a date (`None` when absent or not a date: the check refuses that).
    pub fn in_force_date(&self) -> Option<chrono::NaiveDate> {
        self.in_force.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    }
}

/// A label a product must hold for a [`Route`]: a framework id of the catalogs whose catalog
/// says how long its labels are valid (`[certificate]`), and optionally the least level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificationRoute {
    pub scheme: String,
    /// A level id of the scheme's catalog; a label at this level or a higher one counts. Absent:
    /// any level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
}

/// What a labelling scheme says about its labels' lifetime: a label names its expiry date, or
/// is valid for at most `validity_months` from its date of issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificateRules {
    /// The longest a label is valid from its date of issue.
    pub validity_months: u32,
    /// Where the scheme says so.
    pub reference: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<String>,
}

impl CertificateRules {
    /// Whether a label issued on `issued` (and expiring on `expires`, when it says) is current on
    /// `as_of`: issued by then, and not past its expiry or the scheme's longest validity,
    /// whichever comes first.
    pub fn current(
        &self,
        issued: chrono::NaiveDate,
        expires: Option<chrono::NaiveDate>,
        as_of: chrono::NaiveDate,
    ) -> bool {
        issued <= as_of && self.valid_until(issued, expires).is_none_or(|u| as_of <= u)
    }

    /// The last day a label is valid: its own expiry date or the scheme's longest validity
    /// (up to the anniversary), whichever comes first.
    pub fn valid_until(
        &self,
        issued: chrono::NaiveDate,
        expires: Option<chrono::NaiveDate>,
    ) -> Option<chrono::NaiveDate> {
        let longest = issued.checked_add_months(chrono::Months::new(self.validity_months));
        match (expires, longest) {
            (Some(e), Some(l)) => Some(e.min(l)),
            (e, l) => e.or(l),
        }
    }
}

/// A level of a graded scheme (e.g. Singapore CLS level 1-4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    /// Other names of the level a label may give (e.g. `STAR-1` for JC-STAR level `1`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub title: String,
    pub title_fr: String,
    pub requires: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub schema_version: String,
    pub framework: Framework,
    pub groups: Vec<Group>,
    pub requirements: Vec<Requirement>,
    #[serde(default)]
    pub levels: Vec<Level>,
    /// Where the framework applies and which products it leaves out.
    #[serde(default)]
    pub scope: Scope,
    /// For a labelling scheme: how long its labels are valid (read by certification routes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<CertificateRules>,
    /// Programmes built on this framework with their own eligibility (e.g. the U.S. Cyber Trust
    /// Mark on NIST IR 8425): read by the paperwork of the programme.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programmes: Vec<Programme>,
}

/// A programme that uses a framework as its technical basis and has its own scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub id: String,
    pub short_title: String,
    pub title: String,
    pub title_fr: String,
    pub source: String,
    pub scope: Scope,
}

/// A framework's scope: the markets it covers and the products it excepts or excludes, each rule
/// with its legal reference. A framework without markets applies wherever the product is sold
/// (a standard, or a baseline used as a benchmark).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// ISO 3166-1 alpha-2 codes, and `EU` for the European Union as a whole.
    #[serde(default)]
    pub markets: Vec<String>,
    /// The legal basis of the markets.
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub exclusions: Vec<Exclusion>,
}

/// The rule of a [`Scope`] that leaves a product out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutOfScope<'c> {
    /// An exclusion names the product's device type or a regime it falls under.
    Excluded(&'c Exclusion),
    /// The product is sold only outside the framework's markets.
    NotSold,
}

impl Scope {
    /// Which rule leaves a product out, if one does: an exclusion first (device type, or a
    /// regime the product falls under), then the markets. Regions left undeclared (empty) never
    /// leave a product out. Allocates nothing: the bulk assessment calls it per declaration.
    /// `facts` are the [`SCOPE_FACTS`] the declaration establishes.
    pub fn leaves_out(
        &self,
        device_type: &str,
        regions: &[String],
        regimes: &[String],
        facts: &[&str],
    ) -> Option<OutOfScope<'_>> {
        if let Some(ex) = self.exclusions.iter().find(|ex| {
            ex.device_types.iter().any(|t| t == device_type)
                || ex.regimes.iter().any(|r| regimes.contains(r))
                || ex.facts.iter().any(|f| facts.contains(&f.as_str()))
        }) {
            return Some(OutOfScope::Excluded(ex));
        }
        let sold_outside = !self.markets.is_empty()
            && !regions.is_empty()
            && !regions.iter().any(|r| self.markets.contains(r));
        sold_outside.then_some(OutOfScope::NotSold)
    }
}

/// The declaration facts an exclusion can name, and whether the assessment reads each yet (a
/// fact not yet read never leaves a product out: its exclusion is listed, waiting for the
/// declaration to say it).
pub const SCOPE_FACTS: &[(&str, bool)] = &[
    // `market.consumer_use = false`: intended primarily for enterprise, industrial or healthcare use.
    ("not-primarily-consumer", true),
    // `interfaces` declared and none of them a radio (taxonomy `radio`): wired only.
    ("no-intentional-radio", true),
];

/// Products a framework excepts or excludes: by device type (taxonomy id) or by a regime the
/// product already falls under (taxonomy `regimes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    pub id: String,
    /// What is left out, in our words ("medical devices").
    pub title: String,
    pub title_fr: String,
    #[serde(default)]
    pub device_types: Vec<String>,
    #[serde(default)]
    pub regimes: Vec<String>,
    /// Declaration facts that leave the product out (ids of [`SCOPE_FACTS`], e.g.
    /// `not-primarily-consumer`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<String>,
    /// The legal reference, e.g. "SI 2023/1007, Schedule 3".
    pub reference: String,
    /// Set when the fact is not verified against the primary text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<String>,
}

impl Catalog {
    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id || r.aliases.iter().any(|a| a == id))
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }
}

/// A problem in the catalog data itself.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct CatalogError {
    pub file: String,
    pub message: String,
}

fn missing_fr_text(errs: &mut Vec<CatalogError>, file: &str, what: &str, id: &str, value: &str) {
    if value.trim().is_empty() {
        errs.push(CatalogError { file: file.into(), message: format!("{what} `{id}`: empty `title_fr`") });
    }
}

/// The control set plus every framework catalog, cross-checked.
#[derive(Debug, Clone)]
pub struct Catalogs {
    pub controls: ControlSet,
    pub frameworks: Vec<Catalog>,
}

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../catalogs/", $name, ".toml")))),*]
    };
}

/// The catalog files built in, in display order.
const FILES: &[(&str, &str)] = embedded![
    "etsi-en-303-645",
    "nist-ir-8425",
    "uk-psti",
    "eu-cra",
    "sg-cls",
    "jp-jc-star",
    "digital-standard"
];
const CONTROLS: &str = include_str!("../../../catalogs/controls.toml");

impl Catalogs {
    /// The built-in catalogs. The data is checked by `Catalogs::check` in a unit test, so failure
    /// here is a packaging bug.
    pub fn builtin() -> &'static Catalogs {
        static CELL: OnceLock<Catalogs> = OnceLock::new();
        CELL.get_or_init(|| {
            let files: Vec<(String, String)> =
                FILES.iter().map(|(n, t)| ((*n).to_string(), (*t).to_string())).collect();
            match Catalogs::from_sources(CONTROLS, &files) {
                Ok(c) => c,
                Err(errors) => {
                    let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
                    panic!("built-in catalogs are invalid:\n{}", list.join("\n"))
                }
            }
        })
    }

    /// Parses a control set and catalogs (name, TOML text) and checks every cross-reference.
    pub fn from_sources(controls: &str, files: &[(String, String)]) -> Result<Catalogs, Vec<CatalogError>> {
        let controls: ControlSet = toml::from_str(controls)
            .map_err(|e| vec![CatalogError { file: "controls.toml".into(), message: e.to_string() }])?;
        let mut frameworks = Vec::new();
        let mut errors = Vec::new();
        for (name, text) in files {
            match toml::from_str::<Catalog>(text) {
                Ok(c) => frameworks.push(c),
                Err(e) => errors.push(CatalogError { file: format!("{name}.toml"), message: e.to_string() }),
            }
        }
        let cats = Catalogs { controls, frameworks };
        errors.extend(cats.check());
        if errors.is_empty() { Ok(cats) } else { Err(errors) }
    }

    /// Every inconsistency in the data: unknown control, condition, group, level or reference ids,
    /// duplicates, requirements without controls, missing French text.
    pub fn check(&self) -> Vec<CatalogError> {
        let mut errs = Vec::new();
        let mut missing_fr = |file: &str, what: &str, id: &str, field: &str, value: &str| {
            if value.trim().is_empty() {
                errs.push(CatalogError {
                    file: file.into(),
                    message: format!("{what} `{id}`: empty `{field}`"),
                });
            }
        };
        for c in &self.controls.controls {
            missing_fr("controls.toml", "control", &c.id, "title_fr", &c.title_fr);
        }
        for cat in &self.frameworks {
            for l in &cat.levels {
                missing_fr(&format!("{}.toml", cat.framework.id), "level", &l.id, "title_fr", &l.title_fr);
            }
        }
        for c in &self.controls.conditions {
            missing_fr("controls.toml", "condition", &c.id, "title_fr", &c.title_fr);
            missing_fr("controls.toml", "condition", &c.id, "not_met_fr", &c.not_met_fr);
        }
        for cat in &self.frameworks {
            let file = format!("{}.toml", cat.framework.id);
            missing_fr(&file, "framework", &cat.framework.id, "title_fr", &cat.framework.title_fr);
            for g in &cat.groups {
                missing_fr(&file, "group", &g.id, "title_fr", &g.title_fr);
            }
            for r in &cat.requirements {
                missing_fr(&file, "requirement", &r.id, "title_fr", &r.title_fr);
            }
        }
        let control_ids: BTreeSet<&str> = self.controls.controls.iter().map(|c| c.id.as_str()).collect();
        let condition_ids: BTreeSet<&str> = self.controls.conditions.iter().map(|c| c.id.as_str()).collect();
        if control_ids.len() != self.controls.controls.len() {
            errs.push(CatalogError { file: "controls.toml".into(), message: "duplicate control id".into() });
        }
        for c in &self.controls.controls {
            for m in &c.evidence_methods {
                if !EVIDENCE_METHODS.contains(&m.as_str()) {
                    errs.push(CatalogError {
                        file: "controls.toml".into(),
                        message: format!(
                            "control `{}`: unknown evidence method `{m}` (one of {})",
                            c.id,
                            EVIDENCE_METHODS.join(", ")
                        ),
                    });
                }
            }
        }
        for c in &self.controls.controls {
            let mut err = |message: String| {
                errs.push(CatalogError {
                    file: "controls.toml".into(),
                    message: format!("control `{}`: {message}", c.id),
                })
            };
            if let Some(claim) = &c.claim
                && !c.reads.contains(claim)
            {
                err(format!("claim `{claim}` is not among the fields it `reads`"));
            }
            if let Some(a) = &c.applies_if {
                if c.claim.is_none() {
                    err("`applies_if` needs a `claim`".into());
                }
                match self.controls.conditions.iter().find(|k| k.id == a.condition) {
                    None => err(format!("`applies_if` names unknown condition `{}`", a.condition)),
                    Some(k) => {
                        for f in k.reads.iter().filter(|f| !c.reads.contains(f)) {
                            err(format!(
                                "`reads` lacks `{f}`, read by its `applies_if` condition `{}`",
                                k.id
                            ));
                        }
                    }
                }
            }
        }
        for c in &self.controls.conditions {
            if c.reads.is_empty() {
                errs.push(CatalogError {
                    file: "controls.toml".into(),
                    message: format!("condition `{}` names no field it reads", c.id),
                });
            }
        }
        let mut fw_ids = BTreeSet::new();
        for cat in &self.frameworks {
            let file = format!("{}.toml", cat.framework.id);
            let mut err = |message: String| errs.push(CatalogError { file: file.clone(), message });
            if !fw_ids.insert(cat.framework.id.as_str()) {
                err(format!("framework id `{}` used twice", cat.framework.id));
            }
            let groups: BTreeSet<&str> = cat.groups.iter().map(|g| g.id.as_str()).collect();
            let mut seen = BTreeSet::new();
            for r in &cat.requirements {
                if !seen.insert(r.id.as_str()) {
                    err(format!("requirement `{}` defined twice", r.id));
                }
                if !groups.contains(r.group.as_str()) {
                    err(format!("requirement `{}`: unknown group `{}`", r.id, r.group));
                }
                if r.controls.is_empty() {
                    err(format!("requirement `{}` maps to no control", r.id));
                }
                if r.assessed_by.is_empty() {
                    err(format!("requirement `{}` says nothing of how it is assessed", r.id));
                }
                for c in &r.controls {
                    if !control_ids.contains(c.as_str()) {
                        err(format!("requirement `{}`: unknown control `{c}`", r.id));
                    }
                }
                if let Some(c) = &r.condition
                    && !condition_ids.contains(c.as_str())
                {
                    err(format!("requirement `{}`: unknown condition `{c}`", r.id));
                }
            }
            for l in &cat.levels {
                for req in &l.requires {
                    if !seen.contains(req.as_str()) {
                        err(format!("level `{}`: unknown requirement `{req}`", l.id));
                    }
                }
            }
        }
        for cat in &self.frameworks {
            let file = format!("{}.toml", cat.framework.id);
            let scopes = std::iter::once(("scope".to_string(), &cat.scope))
                .chain(cat.programmes.iter().map(|p| (format!("programme `{}`", p.id), &p.scope)));
            for (what, scope) in scopes {
                for ex in &scope.exclusions {
                    for f in &ex.facts {
                        if !SCOPE_FACTS.iter().any(|(k, _)| k == f) {
                            errs.push(CatalogError {
                                file: file.clone(),
                                message: format!(
                                    "{what}, exclusion `{}`: unknown fact `{f}` (one of {})",
                                    ex.id,
                                    SCOPE_FACTS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
                                ),
                            });
                        }
                    }
                }
            }
            for p in &cat.programmes {
                missing_fr_text(&mut errs, &file, "programme", &p.id, &p.title_fr);
            }
            if let Some(c) = &cat.certificate
                && (c.validity_months == 0 || c.reference.trim().is_empty())
            {
                errs.push(CatalogError {
                    file: file.clone(),
                    message: "[certificate]: `validity_months` must be positive and `reference` given".into(),
                });
            }
            for r in &cat.requirements {
                errs.extend(self.check_routes(&file, r));
            }
        }
        // References across catalogs.
        for cat in &self.frameworks {
            for r in &cat.requirements {
                for reference in &r.references {
                    let ok = reference
                        .split_once(':')
                        .and_then(|(fw, id)| self.framework(fw).and_then(|c| c.requirement(id)))
                        .is_some();
                    if !ok {
                        errs.push(CatalogError {
                            file: format!("{}.toml", cat.framework.id),
                            message: format!(
                                "requirement `{}`: reference `{reference}` does not resolve",
                                r.id
                            ),
                        });
                    }
                }
            }
        }
        errs.extend(self.french_typography());
        errs
    }

    /// Every problem with a requirement's routes, located by file, requirement and route.
    fn check_routes(&self, file: &str, r: &Requirement) -> Vec<CatalogError> {
        let mut errs = Vec::new();
        let mut seen = BTreeSet::new();
        for route in &r.routes {
            let mut err = |m: String| {
                errs.push(CatalogError {
                    file: file.into(),
                    message: format!("requirement `{}`, route `{}`: {m}", r.id, route.id),
                });
            };
            if !seen.insert(route.id.as_str()) {
                err("route id used twice".into());
            }
            if route.reference.trim().is_empty() {
                err("no `reference`".into());
            }
            if let Some(d) = &route.in_force
                && route.in_force_date().is_none()
            {
                err(format!("`in_force` must be a date YYYY-MM-DD, not `{d}`"));
            }
            match (route.via.is_empty(), &route.certification) {
                (false, Some(_)) | (true, None) => {
                    err("give either `via` or `certification`, not both or neither".into())
                }
                (false, None) => {
                    let mut frameworks = BTreeSet::new();
                    for key in &route.via {
                        let target = key.split_once(':').and_then(|(fw, id)| {
                            self.framework(fw).and_then(|c| c.requirement(id)).map(|t| (fw, t))
                        });
                        match target {
                            None => err(format!("`{key}` names no requirement of the catalogs")),
                            Some((fw, t)) => {
                                frameworks.insert(fw);
                                if !t.routes.is_empty() {
                                    err(format!("`{key}` has routes of its own (routes do not chain)"));
                                }
                            }
                        }
                    }
                    if frameworks.len() > 1 {
                        err("`via` names requirements of more than one framework".into());
                    }
                }
                (true, Some(c)) => match self.framework(&c.scheme) {
                    None => err(format!("unknown scheme `{}` (a framework id of the catalogs)", c.scheme)),
                    Some(s) if s.certificate.is_none() => err(format!(
                        "scheme `{}` says nothing of its labels' validity (no [certificate] table)",
                        c.scheme
                    )),
                    Some(s) => {
                        if let Some(l) = &c.level
                            && !s.levels.iter().any(|x| &x.id == l)
                        {
                            err(format!("scheme `{}` has no level `{l}`", c.scheme));
                        }
                    }
                },
            }
        }
        errs
    }

    /// French typography in the catalogs' French text: a no-break space before `;`, `:`, `!`, `?`.
    fn french_typography(&self) -> Vec<CatalogError> {
        let mut errs = Vec::new();
        let mut french = |file: &str, id: &str, value: &str| {
            let mut prev = None;
            for ch in value.chars() {
                if matches!(ch, ';' | ':' | '!' | '?') && !matches!(prev, Some('\u{a0}' | '\u{202f}')) {
                    errs.push(CatalogError {
                        file: file.into(),
                        message: format!("`{id}`: French text needs a no-break space before `{ch}`: {value}"),
                    });
                    break;
                }
                prev = Some(ch);
            }
        };
        for c in &self.controls.controls {
            french("controls.toml", &c.id, &c.title_fr);
        }
        for c in &self.controls.conditions {
            french("controls.toml", &c.id, &c.title_fr);
            french("controls.toml", &c.id, &c.not_met_fr);
        }
        for cat in &self.frameworks {
            let file = format!("{}.toml", cat.framework.id);
            french(&file, &cat.framework.id, &cat.framework.title_fr);
            for g in &cat.groups {
                french(&file, &g.id, &g.title_fr);
            }
            for r in &cat.requirements {
                french(&file, &r.id, &r.title_fr);
            }
            for l in &cat.levels {
                french(&file, &l.id, &l.title_fr);
            }
        }
        errs
    }

    pub fn framework(&self, id: &str) -> Option<&Catalog> {
        self.frameworks.iter().find(|c| c.framework.id == id)
    }

    pub fn control(&self, id: &str) -> Option<&Control> {
        self.controls.controls.iter().find(|c| c.id == id)
    }

    pub fn condition(&self, id: &str) -> Option<&Condition> {
        self.controls.conditions.iter().find(|c| c.id == id)
    }

    pub fn framework_ids(&self) -> impl Iterator<Item = &str> {
        self.frameworks.iter().map(|c| c.framework.id.as_str())
    }

    /// Which requirements of each framework rest on each control.
    pub fn control_usage(&self) -> BTreeMap<&str, Vec<(&str, &str)>> {
        let mut m: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
        for cat in &self.frameworks {
            for r in &cat.requirements {
                for c in &r.controls {
                    m.entry(c.as_str()).or_default().push((cat.framework.id.as_str(), r.id.as_str()));
                }
            }
        }
        m
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalogs_are_consistent() {
        let c = Catalogs::builtin();
        assert!(c.check().is_empty());
        assert_eq!(c.frameworks.len(), FILES.len());
    }

    #[test]
    fn etsi_has_every_v3_provision() {
        let etsi = Catalogs::builtin().framework("etsi-en-303-645").unwrap();
        assert_eq!(etsi.requirements.len(), 78);
        let mandatory = etsi.requirements.iter().filter(|r| r.status == Status::Mandatory).count();
        assert_eq!((mandatory, 78 - mandatory), (36, 42));
        // V2.1.1 ids resolve as aliases.
        assert_eq!(etsi.requirement("V2.1.1:4-1").map(|r| r.id.as_str()), Some("5.0-1"));
    }

    #[test]
    fn check_reports_broken_references() {
        let controls = FR_CONTROLS;
        let cat = r#"schema_version = "1"
[framework]
id = "x"
short_title = "X"
title = "X"
title_fr = "X (fr)"
edition = "1"
published = "2024"
source = "s"
url = "https://x.example"
kind = "standard"
[[groups]]
id = "g"
title = "G"
title_fr = "G (fr)"
[[requirements]]
id = "1"
group = "nope"
title = "t"
title_fr = "t (fr)"
status = "mandatory"
condition = "zzz"
assessed_by = ["declaration"]
controls = ["a", "b"]
references = ["y:1"]
"#;
        let errs = Catalogs::from_sources(controls, &[("x".into(), cat.into())]).unwrap_err();
        let text: Vec<String> = errs.iter().map(|e| e.message.clone()).collect();
        assert!(text.iter().any(|m| m.contains("unknown group `nope`")), "{text:?}");
        assert!(text.iter().any(|m| m.contains("unknown control `b`")), "{text:?}");
        assert!(text.iter().any(|m| m.contains("unknown condition `zzz`")), "{text:?}");
        assert!(text.iter().any(|m| m.contains("`y:1` does not resolve")), "{text:?}");
        assert!(!text.iter().any(|m| m.contains("_fr`")), "{text:?}");
    }

    const FR_CONTROLS: &str = r#"schema_version = "1"
[[controls]]
id = "a"
title = "A"
title_fr = "A (fr)"
[[conditions]]
id = "c"
title = "C"
title_fr = "C (fr)"
not_met = "Not C."
not_met_fr = "Pas C."
reads = ["sensors"]
"#;

    const FR_CATALOG: &str = r#"schema_version = "1"
[framework]
id = "x"
short_title = "X"
title = "X"
title_fr = "X (fr)"
edition = "1"
published = "2024"
source = "s"
url = "https://x.example"
kind = "standard"
[[groups]]
id = "g"
title = "G"
title_fr = "G (fr)"
[[requirements]]
id = "1"
group = "g"
title = "t"
title_fr = "t (fr)"
status = "mandatory"
condition = "c"
assessed_by = ["declaration"]
controls = ["a"]
"#;

    #[test]
    fn check_accepts_a_complete_bilingual_catalog() {
        let cats = Catalogs::from_sources(FR_CONTROLS, &[("x".into(), FR_CATALOG.into())]).unwrap();
        assert_eq!(cats.frameworks[0].requirements[0].title_fr, "t (fr)");
        assert_eq!(cats.controls.conditions[0].not_met_fr, "Pas C.");
    }

    #[test]
    fn check_rejects_empty_french_text() {
        let cases = [
            (
                FR_CONTROLS.replace(r#"title_fr = "A (fr)""#, r#"title_fr = """#),
                FR_CATALOG.to_string(),
                "controls.toml",
                "control `a`: empty `title_fr`",
            ),
            (
                FR_CONTROLS.replace(r#"title_fr = "C (fr)""#, r#"title_fr = " ""#),
                FR_CATALOG.to_string(),
                "controls.toml",
                "condition `c`: empty `title_fr`",
            ),
            (
                FR_CONTROLS.replace(r#"not_met_fr = "Pas C.""#, r#"not_met_fr = """#),
                FR_CATALOG.to_string(),
                "controls.toml",
                "condition `c`: empty `not_met_fr`",
            ),
            (
                FR_CONTROLS.to_string(),
                FR_CATALOG.replace(r#"title_fr = "X (fr)""#, r#"title_fr = """#),
                "x.toml",
                "framework `x`: empty `title_fr`",
            ),
            (
                FR_CONTROLS.to_string(),
                FR_CATALOG.replace(r#"title_fr = "G (fr)""#, r#"title_fr = """#),
                "x.toml",
                "group `g`: empty `title_fr`",
            ),
            (
                FR_CONTROLS.to_string(),
                FR_CATALOG.replace(r#"title_fr = "t (fr)""#, r#"title_fr = """#),
                "x.toml",
                "requirement `1`: empty `title_fr`",
            ),
        ];
        for (controls, cat, file, message) in cases {
            let errs = Catalogs::from_sources(&controls, &[("x".into(), cat)]).unwrap_err();
            assert_eq!(errs, vec![CatalogError { file: file.into(), message: message.into() }]);
        }
    }

    #[test]
    fn lab_only_controls_name_known_methods_and_conditions_name_their_fields() {
        let bad_method = FR_CONTROLS
            .replace("title_fr = \"A (fr)\"\n", "title_fr = \"A (fr)\"\nevidence_methods = [\"x_ray\"]\n");
        let errs = Catalogs::from_sources(&bad_method, &[("x".into(), FR_CATALOG.into())]).unwrap_err();
        assert!(errs[0].message.contains("unknown evidence method `x_ray`"), "{errs:?}");
        let no_reads = FR_CONTROLS.replace("reads = [\"sensors\"]\n", "");
        let errs = Catalogs::from_sources(&no_reads, &[("x".into(), FR_CATALOG.into())]).unwrap_err();
        assert!(errs[0].message.contains("condition `c` names no field"), "{errs:?}");
    }

    #[test]
    fn french_text_needs_no_break_spaces_before_double_punctuation() {
        let bad = FR_CATALOG.replace("title_fr = \"t (fr)\"", "title_fr = \"t ; u\"");
        let errs = Catalogs::from_sources(FR_CONTROLS, &[("x".into(), bad)]).unwrap_err();
        assert!(errs[0].message.contains("no-break space before `;`"), "{errs:?}");
        let good = FR_CATALOG.replace("title_fr = \"t (fr)\"", "title_fr = \"t\\u00a0; u\"");
        assert!(Catalogs::from_sources(FR_CONTROLS, &[("x".into(), good)]).is_ok());
    }

    #[test]
    fn routes_must_resolve_and_name_a_scheme_with_validity() {
        let with_routes = |routes: &str| {
            let cat = format!("{FR_CATALOG}{routes}");
            Catalogs::from_sources(FR_CONTROLS, &[("x".into(), cat)])
        };
        let bad = [
            (
                "[[requirements.routes]]\nid = \"A\"\nvia = [\"x:9\"]\nreference = \"r\"\n",
                "route `A`: `x:9` names no requirement",
            ),
            (
                "[[requirements.routes]]\nid = \"B\"\ncertification = { scheme = \"nope\" }\nreference = \"r\"\n",
                "route `B`: unknown scheme `nope`",
            ),
            (
                "[[requirements.routes]]\nid = \"C\"\ncertification = { scheme = \"x\" }\nreference = \"r\"\n",
                "route `C`: scheme `x` says nothing of its labels' validity",
            ),
            (
                "[[requirements.routes]]\nid = \"D\"\nreference = \"r\"\n",
                "route `D`: give either `via` or `certification`",
            ),
            (
                "[[requirements.routes]]\nid = \"E\"\nvia = [\"x:1\"]\nreference = \" \"\n",
                "route `E`: no `reference`",
            ),
            (
                "[[requirements.routes]]\nid = \"F\"\nvia = [\"x:1\"]\nreference = \"r\"\n",
                "`x:1` has routes of its own",
            ),
        ];
        for (routes, expected) in bad {
            let errs = with_routes(routes).unwrap_err();
            assert!(
                errs.iter().any(|e| e.file == "x.toml"
                    && e.message.contains("requirement `1`")
                    && e.message.contains(expected)),
                "{expected}: {errs:?}"
            );
        }
        let good = "[[requirements.routes]]\nid = \"G\"\ncertification = { scheme = \"x\", level = \"1\" }\nreference = \"r\"\n";
        let cat = FR_CATALOG
            .replace("[[groups]]", "[certificate]\nvalidity_months = 24\nreference = \"v\"\n[[groups]]");
        let errs = Catalogs::from_sources(FR_CONTROLS, &[("x".into(), format!("{cat}{good}"))]).unwrap_err();
        assert!(errs.iter().any(|e| e.message.contains("scheme `x` has no level `1`")), "{errs:?}");
        let ok = good.replace("level = \"1\"", "level = \"L\"");
        let cat = format!(
            "{cat}{ok}[[levels]]\nid = \"L\"\ntitle = \"L\"\ntitle_fr = \"L (fr)\"\nrequires = [\"1\"]\n"
        );
        assert!(Catalogs::from_sources(FR_CONTROLS, &[("x".into(), cat)]).is_ok());
    }

    #[test]
    fn a_label_is_current_until_its_expiry_or_the_schemes_longest_validity() {
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let rules = CertificateRules { validity_months: 24, reference: "r".into(), uncertain: None };
        assert!(rules.current(d("2025-01-10"), None, d("2027-01-10")));
        assert!(!rules.current(d("2025-01-10"), None, d("2027-01-11")));
        assert!(!rules.current(d("2025-01-10"), Some(d("2028-01-01")), d("2027-06-01")));
        assert!(!rules.current(d("2025-01-10"), Some(d("2025-06-01")), d("2025-06-02")));
        assert!(!rules.current(d("2025-01-10"), None, d("2025-01-09")));
    }

    #[test]
    fn exclusions_name_known_facts() {
        let cat = format!(
            "{FR_CATALOG}[scope]\nmarkets = [\"US\"]\n[[scope.exclusions]]\nid = \"e\"\ntitle = \"t\"\ntitle_fr = \"t\"\nfacts = [\"made-up\"]\nreference = \"r\"\n"
        );
        let errs = Catalogs::from_sources(FR_CONTROLS, &[("x".into(), cat)]).unwrap_err();
        assert!(errs[0].message.contains("exclusion `e`: unknown fact `made-up`"), "{errs:?}");
        let scope = Scope {
            markets: vec!["US".into()],
            reference: String::new(),
            exclusions: vec![Exclusion {
                id: "e".into(),
                title: String::new(),
                title_fr: String::new(),
                device_types: Vec::new(),
                regimes: Vec::new(),
                facts: vec!["not-primarily-consumer".into()],
                reference: String::new(),
                uncertain: None,
            }],
        };
        assert!(scope.leaves_out("lock", &[], &[], &["not-primarily-consumer"]).is_some());
        assert!(scope.leaves_out("lock", &[], &[], &[]).is_none());
    }

    #[test]
    fn french_text_is_required() {
        let without = FR_CATALOG.replace("title_fr = \"t (fr)\"\n", "");
        let errs = Catalogs::from_sources(FR_CONTROLS, &[("x".into(), without)]).unwrap_err();
        assert!(errs[0].message.contains("missing field `title_fr`"), "{errs:?}");
    }
}

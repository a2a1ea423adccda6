//! The assessment report: what `iotlabel assess --format json` prints.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use iotlabel_catalog::Status;
use iotlabel_i18n::{Lang, Msg};
use iotlabel_model::{Declaration, TestResult};
use schemars::JsonSchema;
use serde::Serialize;

use crate::controls::Verdict;

/// Why a verdict was given: one or more messages (`locales/*/assess.ftl`), turned into text only
/// when shown and in the language asked for, so assessing thousands of declarations builds no
/// strings it does not need.
///
/// `Display` and `Serialize` give English (the JSON report and the default CLI text);
/// [`Report::to_json_value`] gives the report in another language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    One(Msg),
    Many(Vec<Msg>),
}

impl Reason {
    /// The messages, in order (with any repeats).
    pub fn messages(&self) -> &[Msg] {
        match self {
            Reason::One(m) => std::slice::from_ref(m),
            Reason::Many(v) => v,
        }
    }

    /// The sentences in `lang`, without repeats or empty ones.
    pub fn parts(&self, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(self.messages().len());
        for m in self.messages() {
            // An empty id is the "no explanation" placeholder (bulk assessment, no controls).
            if m.id.is_empty() {
                continue;
            }
            let t = m.text(lang);
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    /// The reason in `lang`: its sentences joined with spaces, repeats removed.
    pub fn text(&self, lang: Lang) -> String {
        self.parts(lang).join(" ")
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl JsonSchema for Reason {
    fn schema_name() -> Cow<'static, str> {
        "Reason".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Why the verdict was given, in a sentence a non-expert can read."
        })
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text(Lang::En))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FrameworkVerdict {
    Conformant,
    NotConformant,
    Incomplete,
    /// The framework does not apply to the product at all (its markets or exclusions): see the
    /// framework's `scope`.
    OutOfScope,
}

impl FrameworkVerdict {
    pub fn as_str(self) -> &'static str {
        match self {
            FrameworkVerdict::Conformant => "conformant",
            FrameworkVerdict::NotConformant => "not_conformant",
            FrameworkVerdict::Incomplete => "incomplete",
            FrameworkVerdict::OutOfScope => "out_of_scope",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Counts {
    pub pass: usize,
    pub fail: usize,
    pub not_applicable: usize,
    pub unknown: usize,
    pub contradicted: usize,
}

impl Counts {
    pub fn of(verdicts: impl Iterator<Item = Verdict>) -> Counts {
        // Tallied by index, not by `match`: verdicts come in no predictable order, and a
        // registry re-assessing its store counts hundreds per declaration.
        let mut n = [0usize; 5];
        for v in verdicts {
            n[v as usize] += 1;
        }
        let [pass, fail, not_applicable, unknown, contradicted] = n;
        Counts { pass, fail, not_applicable, unknown, contradicted }
    }

    pub fn total(&self) -> usize {
        self.pass + self.fail + self.not_applicable + self.unknown + self.contradicted
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DeviceSummary {
    pub manufacturer: String,
    pub brand: String,
    pub model: String,
    pub hardware_version: String,
    pub firmware_version: String,
    pub device_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gtin: Option<String>,
}

impl DeviceSummary {
    pub fn of(d: &Declaration) -> Self {
        let i = &d.identity;
        DeviceSummary {
            manufacturer: i.manufacturer.name.clone(),
            brand: i.brand.clone(),
            model: i.model.clone(),
            hardware_version: i.hardware_version.clone(),
            firmware_version: i.firmware_version.clone(),
            device_type: i.device_type.clone(),
            gtin: i.gtin.clone(),
        }
    }
}

/// The result of one common control.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ControlResult<'c> {
    pub id: &'c str,
    pub verdict: Verdict,
    pub reason: Reason,
    pub fields: &'static [&'static str],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

/// The verdict on one framework requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RequirementResult<'c> {
    pub id: &'c str,
    pub title: &'c str,
    /// The French title from the same catalog (empty when it gives none).
    #[serde(skip)]
    pub title_fr: &'c str,
    pub status: Status,
    pub verdict: Verdict,
    /// Why, in a sentence a non-expert can read.
    pub reason: Reason,
    /// Declaration fields the verdict rests on.
    pub fields: Vec<&'c str>,
    /// For `unknown`: the fields to fill in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<&'c str>,
    /// Evidence item ids the verdict rests on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Common controls the requirement maps to.
    pub controls: &'c [String],
    /// Other ways the law accepts for meeting the requirement (deemed compliance), each with
    /// whether it is met.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<RouteResult<'c>>,
    /// The verdict read directly from the requirement's controls, when a met route lifted it to
    /// `pass` (shown, never hidden).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direct: Option<Verdict>,
}

/// How a route reaches a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RouteKind {
    /// Through other frameworks' requirements, all of which must be met.
    Requirements,
    /// By holding a current label of a scheme.
    Label,
}

impl RouteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RouteKind::Requirements => "requirements",
            RouteKind::Label => "label",
        }
    }
}

/// One route to a requirement and whether the product meets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RouteResult<'c> {
    /// The route's id within the requirement (e.g. the law's condition letter).
    pub id: &'c str,
    pub kind: RouteKind,
    /// For a route through requirements: their `framework:requirement` keys.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<&'c str>,
    /// For a label route: the scheme (a framework id) and the least level, if it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme: Option<&'c str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<&'c str>,
    pub met: bool,
    /// For a met label route: the id of the label it rests on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    /// The legal reference that accepts the route.
    pub reference: &'c str,
    /// Set when the route is not verified against the primary text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertain: Option<&'c str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct FrameworkResult<'c> {
    pub id: &'c str,
    pub title: &'c str,
    pub edition: &'c str,
    pub verdict: FrameworkVerdict,
    /// For graded schemes (sg-cls): the highest level reached (`null` when none is); `null`
    /// for the other frameworks too.
    pub level: Option<&'c str>,
    pub counts: Counts,
    /// Counts over mandatory requirements only (these decide the verdict of a framework
    /// without levels).
    pub mandatory: Counts,
    /// For graded schemes: each level, whether it is met and the verdicts of the requirements
    /// it needs. The scheme is conformant when its first level is met.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<LevelResult<'c>>,
    /// Set when the framework does not apply to the product: why, and the legal reference. The
    /// requirements are still judged, for information.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<ScopeResult<'c>>,
    pub requirements: Vec<RequirementResult<'c>>,
}

/// Why a framework does not apply to the declared product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ScopeResult<'c> {
    pub reason: Reason,
    /// The legal reference of the rule that leaves the product out.
    pub reference: &'c str,
    /// The catalog's exclusion id, when an exclusion (not the market) leaves it out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclusion: Option<&'c str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LevelResult<'c> {
    pub id: &'c str,
    pub title: &'c str,
    /// The French title from the same catalog (empty when it gives none).
    #[serde(skip)]
    pub title_fr: &'c str,
    pub met: bool,
    /// Verdicts of the requirements this level needs (cumulative: lower levels' included).
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(title = "iotlabel assessment report")]
pub struct Report<'c> {
    /// The catalogs the verdicts were judged against: whoever shows the report (the label, the
    /// paperwork, OSCAL) reads titles and mappings from the same edition.
    #[serde(skip)]
    #[schemars(skip)]
    pub catalogs: &'c iotlabel_catalog::Catalogs,
    pub tool: String,
    pub as_of: NaiveDate,
    pub device: DeviceSummary,
    pub frameworks: Vec<FrameworkResult<'c>>,
    pub controls: Vec<ControlResult<'c>>,
    /// Evidence items that could not count, each with why (dated after `as_of`, a method or
    /// tester the control does not accept).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Reason>,
    /// Findings the lab accepts (a mask in force selects them): they do not count in the
    /// verdicts, and are listed here, never dropped.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<Accepted>,
    /// Masks not in force on the assessment date, with why: the findings they name count.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub masks_not_in_force: Vec<MaskNotInForce>,
}

/// An evidence item a lab accepted: what the test found, and the mask's what, why, who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Accepted {
    /// The evidence item's id.
    pub item: String,
    /// The common control the item is about, if it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// The `framework:requirement` the item is about, if it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement: Option<String>,
    /// The tool's finding id (`source.finding`), when imported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
    pub result: TestResult,
    /// What the test observed (the item's summary).
    pub summary: String,
    /// The mask's place in its file (0-based).
    pub mask: usize,
    /// What is accepted, in the lab's words.
    pub what: String,
    pub why: String,
    pub who: String,
    pub when: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
}

/// Why a mask is not in force on the assessment date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotInForce {
    /// Dated after the assessment date.
    NotYet,
    /// Expired on or before the assessment date.
    Expired,
}

/// A mask that accepted nothing on the assessment date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct MaskNotInForce {
    /// The mask's place in its file (0-based).
    pub mask: usize,
    pub what: String,
    pub who: String,
    pub when: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
    pub reason: NotInForce,
}

impl Accepted {
    /// The sentence the report and the label show: what, by whom, when, why (and until when).
    pub fn msg(&self) -> Msg {
        let m = Msg::new("evidence-accepted")
            .arg("id", self.item.clone())
            .arg("what", self.what.clone())
            .arg("why", self.why.trim_end_matches('.').to_string())
            .arg("who", self.who.clone())
            .arg("when", self.when);
        match self.expires {
            Some(x) => m.arg("expires", x),
            None => m.arg("expires", "none"),
        }
    }
}

impl MaskNotInForce {
    /// The sentence the report shows.
    pub fn msg(&self, as_of: NaiveDate) -> Msg {
        let m = match (self.reason, self.expires) {
            (NotInForce::Expired, Some(x)) => Msg::new("evidence-mask-expired").arg("expires", x),
            _ => Msg::new("evidence-mask-not-yet").arg("when", self.when).arg("as_of", as_of),
        };
        m.arg("what", self.what.clone()).arg("who", self.who.clone())
    }
}

impl PartialEq for Report<'_> {
    /// Two reports are equal when they say the same (whichever catalogs value they borrow).
    fn eq(&self, o: &Self) -> bool {
        self.tool == o.tool
            && self.as_of == o.as_of
            && self.device == o.device
            && self.frameworks == o.frameworks
            && self.controls == o.controls
            && self.notes == o.notes
            && self.accepted == o.accepted
            && self.masks_not_in_force == o.masks_not_in_force
    }
}

impl Eq for Report<'_> {}

impl Report<'_> {
    /// True when every assessed framework that applies is conformant (frameworks out of scope
    /// ask nothing of the product).
    pub fn all_conformant(&self) -> bool {
        self.frameworks
            .iter()
            .all(|f| matches!(f.verdict, FrameworkVerdict::Conformant | FrameworkVerdict::OutOfScope))
    }

    /// The JSON report with its sentences in `lang`: every reason and note, and the requirement
    /// and level titles (from the French titles of the catalogs that judged it). Ids, verdicts, field names
    /// and the shape are the same in every language, and `Lang::En` gives exactly what
    /// `Serialize` gives.
    pub fn to_json_value(&self, lang: Lang) -> Result<serde_json::Value, serde_json::Error> {
        let mut v = serde_json::to_value(self)?;
        if lang == Lang::En {
            return Ok(v);
        }
        let text = |r: &Reason| serde_json::Value::String(r.text(lang));
        if let Some(fws) = v.get_mut("frameworks").and_then(serde_json::Value::as_array_mut) {
            for (f, fv) in self.frameworks.iter().zip(fws) {
                if let Some(reqs) = fv.get_mut("requirements").and_then(serde_json::Value::as_array_mut) {
                    for (r, rv) in f.requirements.iter().zip(reqs) {
                        rv["reason"] = text(&r.reason);
                        rv["title"] = localized_title(r.title, r.title_fr, lang).into();
                    }
                }
                if let Some(scope) = &f.scope {
                    fv["scope"]["reason"] = text(&scope.reason);
                }
                if let Some(levels) = fv.get_mut("levels").and_then(serde_json::Value::as_array_mut) {
                    for (l, lv) in f.levels.iter().zip(levels) {
                        lv["title"] = localized_title(l.title, l.title_fr, lang).into();
                    }
                }
            }
        }
        if let Some(controls) = v.get_mut("controls").and_then(serde_json::Value::as_array_mut) {
            for (c, cv) in self.controls.iter().zip(controls) {
                cv["reason"] = text(&c.reason);
            }
        }
        if let Some(notes) = v.get_mut("notes").and_then(serde_json::Value::as_array_mut) {
            for (n, nv) in self.notes.iter().zip(notes) {
                *nv = text(n);
            }
        }
        Ok(v)
    }
}

/// A catalog title in `lang`, falling back to English when no translation is given.
fn localized_title<'a>(en: &'a str, fr: &'a str, lang: Lang) -> &'a str {
    match lang {
        Lang::Fr if !fr.is_empty() => fr,
        _ => en,
    }
}

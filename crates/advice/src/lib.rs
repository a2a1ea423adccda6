//! iotlabel-advice: a buyer's threat model and what a device's label means for them.
//!
//! - [`profile`]: the profile (answers to about ten questions and must-haves), versioned TOML
//!   with a JSON Schema, and URL query parameters, both ways.
//! - [`questions`]: the questionnaire as data (`data/questions.toml`), one checker for every way
//!   an answer arrives.
//! - [`advise()`]: fit, reasons tied to the label's facts, steps after purchase, alternatives,
//!   and advice for a person at risk from someone they know; the weights are data
//!   (`data/weights.toml`).
//! - [`glossary()`]: every label element explained (`data/glossary.toml`), and [`readability`]
//!   scores to keep it plain.
//! - [`AdviceReport`]: `advise` and `compare` as JSON, one format with its schema.
//!
//! Architecture invariant: no I/O, no clock (the label carries its date); text only through the
//! Fluent catalogs (`locales/*/advice.ftl`).

pub mod advise;
pub mod glossary;
pub mod profile;
pub mod questions;
pub mod readability;

pub use advise::{Advice, Fit, Standing, advise, advise_standing};
pub use glossary::{Glossary, GlossaryEntry, glossary};
pub use profile::{Needs, PROFILE_VERSION, Profile, parse_profile, parse_query};

use iotlabel_i18n::Lang;
use iotlabel_label::Label;
use schemars::JsonSchema;
use serde::Serialize;

/// The advice format's name and version.
pub const ADVICE_FORMAT: &str = "iotlabel-advice";
pub const ADVICE_FORMAT_VERSION: u32 = 1;

/// A reason in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ReasonText {
    /// The concern (`data/weights.toml` id), or `good:<fact>` for good news.
    pub id: String,
    /// What it weighs for this person (0 for good news).
    pub points: f64,
    pub text: String,
}

/// A missed must-have in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct MissText {
    /// The must-have's profile key.
    pub must_have: String,
    pub text: String,
}

/// One device's advice in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct DeviceAdvice {
    /// The label id.
    pub label_id: String,
    /// Brand and model.
    pub product: String,
    /// Taxonomy device type.
    pub device_type: String,
    /// Place in the ranking (1: best for this person), for `compare`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
    pub fit: Fit,
    /// The fit in words.
    pub fit_text: String,
    /// The sum of the concerns' points (lower is better), rounded to one decimal.
    pub risk: f64,
    pub missed_must_haves: Vec<MissText>,
    pub reasons: Vec<ReasonText>,
    /// What to do after purchase, most urgent first.
    pub steps: Vec<String>,
    /// For a person at risk from someone they know (empty otherwise).
    pub safety_steps: Vec<String>,
    /// Other ways to get the same thing, when the risks outweigh it (empty otherwise).
    pub alternatives: Vec<String>,
}

/// `iotlabel advise --format json` and `iotlabel compare --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(title = "iotlabel advice")]
pub struct AdviceReport {
    /// `iotlabel-advice`.
    pub format: String,
    /// The format's version: 1.
    pub version: u32,
    /// Language code: `en` or `fr`.
    pub lang: String,
    /// The profile used, every answer written out.
    pub profile: Profile,
    /// The same profile as URL query parameters.
    pub profile_query: String,
    /// Ranked for this person (`compare`), or in the order given (`advise`).
    pub ranked: bool,
    pub devices: Vec<DeviceAdvice>,
}

/// One device's advice, in a language.
pub fn device_advice(label: &Label, advice: &Advice, lang: Lang) -> DeviceAdvice {
    let texts = |m: &[iotlabel_i18n::Msg]| m.iter().map(|m| m.text(lang)).collect::<Vec<_>>();
    DeviceAdvice {
        label_id: label.id.clone(),
        product: format!("{} {}", label.product.brand, label.product.model),
        device_type: label.product.device_type.clone(),
        rank: None,
        fit: advice.fit,
        fit_text: advice.fit.msg().text(lang),
        risk: (advice.risk * 10.0).round() / 10.0,
        missed_must_haves: advice
            .missed
            .iter()
            .map(|m| MissText { must_have: m.must_have.to_string(), text: m.msg.text(lang) })
            .collect(),
        reasons: advice
            .reasons
            .iter()
            .map(|r| ReasonText {
                id: r.id.clone(),
                points: (r.points * 10.0).round() / 10.0,
                text: r.msg.text(lang),
            })
            .collect(),
        steps: texts(&advice.steps),
        safety_steps: texts(&advice.safety_steps),
        alternatives: texts(&advice.alternatives),
    }
}

/// Advice for each label with its registry standing, for one profile: in the order given, or
/// ranked (`compare`: best fit first, then lowest risk; ties keep the order given).
pub fn report(labels: &[(Label, Standing)], profile: &Profile, lang: Lang, ranked: bool) -> AdviceReport {
    let needs = profile.complete();
    let mut devices: Vec<(Advice, DeviceAdvice)> = labels
        .iter()
        .map(|(l, standing)| {
            let a = advise_standing(l, &needs, standing);
            let d = device_advice(l, &a, lang);
            (a, d)
        })
        .collect();
    if ranked {
        devices.sort_by(|(a, _), (b, _)| a.fit.cmp(&b.fit).then(a.risk.total_cmp(&b.risk)));
        for (i, (_, d)) in devices.iter_mut().enumerate() {
            d.rank = Some(i + 1);
        }
    }
    let filled = profile.filled();
    AdviceReport {
        format: ADVICE_FORMAT.into(),
        version: ADVICE_FORMAT_VERSION,
        lang: lang.code().into(),
        profile_query: filled.to_query(),
        profile: filled,
        ranked,
        devices: devices.into_iter().map(|(_, d)| d).collect(),
    }
}

/// The JSON Schema of a type, as `iotlabel schema` publishes it.
pub fn schema_of<T: JsonSchema>() -> serde_json::Value {
    let schema =
        schemars::generate::SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<T>();
    serde_json::to_value(schema).unwrap_or_default()
}

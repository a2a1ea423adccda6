//! The buyer's glossary (`data/glossary.toml`): every label element, what it means, why it
//! matters and what to ask the seller, in English and French. Terms and meanings of the label's
//! own glossary are the label's messages; this adds the why and the question.

use std::sync::OnceLock;

use iotlabel_i18n::{Lang, text};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

const GLOSSARY_TOML: &str = include_str!("../data/glossary.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryData {
    pub id: String,
    /// A label element the label's glossary lacks: term and meaning are this crate's messages.
    #[serde(default)]
    pub own: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Readability {
    pub en_min: f64,
    pub fr_min: f64,
}

impl Readability {
    pub fn min(&self, lang: Lang) -> f64 {
        match lang {
            Lang::En => self.en_min,
            Lang::Fr => self.fr_min,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryData {
    pub readability: Readability,
    pub entries: Vec<EntryData>,
}

/// The embedded glossary data (checked by a test).
pub fn glossary_data() -> &'static GlossaryData {
    static DATA: OnceLock<GlossaryData> = OnceLock::new();
    DATA.get_or_init(|| {
        toml::from_str(GLOSSARY_TOML).unwrap_or_else(|e| panic!("crates/advice/data/glossary.toml: {e}"))
    })
}

/// One glossary entry in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct GlossaryEntry {
    /// The term's id (the label's glossary ids, plus `deal-breaker`, `offline`, `off-switch`,
    /// `data-sold`).
    pub id: String,
    pub term: String,
    /// What it means.
    pub meaning: String,
    /// Why it matters to a buyer.
    pub why: String,
    /// What to ask the seller.
    pub ask: String,
}

impl GlossaryEntry {
    /// The text a reader reads, for the readability score.
    pub fn body(&self) -> String {
        format!("{} {} {}", self.meaning, self.why, self.ask)
    }
}

/// `iotlabel glossary --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[schemars(title = "iotlabel glossary")]
pub struct Glossary {
    /// `iotlabel-glossary`.
    pub format: String,
    /// The format's version: 1.
    pub version: u32,
    /// Language code: `en` or `fr`.
    pub lang: String,
    pub entries: Vec<GlossaryEntry>,
}

/// The glossary in one language, in the order of the data.
pub fn glossary(lang: Lang) -> Glossary {
    let entries = glossary_data()
        .entries
        .iter()
        .map(|e| {
            let (term, def) = if e.own {
                (format!("advice-term-{}", e.id), format!("advice-def-{}", e.id))
            } else {
                (format!("label-term-{}", e.id), format!("label-def-{}", e.id))
            };
            GlossaryEntry {
                id: e.id.clone(),
                term: text(lang, &term),
                meaning: text(lang, &def),
                why: text(lang, &format!("advice-why-{}", e.id)),
                ask: text(lang, &format!("advice-ask-{}", e.id)),
            }
        })
        .collect();
    Glossary { format: "iotlabel-glossary".into(), version: 1, lang: lang.code().into(), entries }
}

//! The label JSON (`iotlabel label --format json`, and what the registry stores and serves): one
//! library type, versioned, with a JSON Schema generated from it (`schema/label.schema.json`,
//! rewritten by `cargo xtask codegen`, checked by a test).
//!
//! Version history:
//! - 3: `label.deal_breakers` (the serious problems found, each with the rule's provisions and
//!   the controls behind it) and `label.answers` (the tone of each panel answer and whether a
//!   test contradicts it); framework facts give `met`, `applicable`, `self_assessed` and, when
//!   the scheme's paperwork is refused, `paperwork_refused`; `label.lab_testing.failed`; data
//!   facts give `retention_days`. The page content is built first and the HTML written from it:
//!   a section gives the summary's `deal_breakers` band (no longer among its paragraphs and
//!   items), `notes` (paragraphs after its list), `disclosure` (the summary line of the
//!   disclosure its tables sit behind); list items give their `tone`; the page names
//!   declaration fields in words in every sentence. Later, compatibly: `label.accepted` (the
//!   findings the lab accepts, from `assessment.accepted`: item, control or requirement, the
//!   tool's finding, what, why, who, when, expiry) and `assessment.masks_not_in_force`; the
//!   page's evidence section then has an `accepted` section listing them.
//! - 2: `format` and `version` added; `dhcp` is [`MudDhcp`] (both DHCP option numbers);
//!   per-language maps (`page`, `glossary`, `assessment_by_lang`) are ordered by language code;
//!   framework facts carry `levels`. Later, compatibly: a page section whose list the page
//!   cuts short (test evidence beyond `page::EVIDENCE_SHOWN` items) gives `items_total`; the
//!   document keeps every evidence item (`label.evidence`) whatever the page lists.
//! - 1 (unversioned): the first label JSON.

use std::collections::BTreeMap;

use iotlabel_assess::Report;
use iotlabel_model::Declaration;
use schemars::JsonSchema;
use serde::Serialize;

use crate::facts::Label;
use crate::page::{GlossaryEntry, PageContent};

/// The `format` of a label JSON document.
pub const LABEL_FORMAT: &str = "iotlabel.label";
/// The version of the label JSON this build writes.
pub const LABEL_FORMAT_VERSION: u32 = 3;

/// RFC 8520: the MUD URL a device emits when it joins a network, in DHCPv4 option 161
/// (`OPTION_MUD_URL_V4`) and DHCPv6 option 112 (`OPTION_MUD_URL_V6`). The one shape the label
/// JSON and the label advertisement (`/.well-known/iot-label`) both use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, JsonSchema)]
pub struct MudDhcp {
    /// Always 161.
    pub dhcpv4_option: u8,
    /// Always 112.
    pub dhcpv6_option: u16,
    /// The MUD URL (https, at most 255 bytes), or `null` when the device declares none.
    pub mud_url: Option<String>,
}

impl MudDhcp {
    pub const DHCPV4_OPTION: u8 = 161;
    pub const DHCPV6_OPTION: u16 = 112;

    pub fn new(mud_url: Option<String>) -> Self {
        MudDhcp { dhcpv4_option: Self::DHCPV4_OPTION, dhcpv6_option: Self::DHCPV6_OPTION, mud_url }
    }
}

/// The label JSON: the facts, the full assessment, the declaration, the MUD URL as DHCP carries
/// it, and per language the page, its glossary and the assessment in that language.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(title = "iotlabel label document", bound = "")]
pub struct LabelDocument<'a> {
    /// Always `iotlabel.label`.
    pub format: &'static str,
    /// The version of this format ([`LABEL_FORMAT_VERSION`]).
    pub version: u32,
    pub label: &'a Label,
    pub dhcp: MudDhcp,
    /// The assessment, with its reasons in English.
    pub assessment: &'a Report<'a>,
    pub declaration: &'a Declaration,
    /// Per language code (`en`, `fr`): the secondary layer's content (the same sections, facts
    /// and verdicts the page shows), without the glossary, which is given apart.
    pub page: BTreeMap<&'static str, PageContent>,
    /// Per language code: the glossary the page's notes link to.
    pub glossary: BTreeMap<&'static str, Vec<GlossaryEntry>>,
    /// Per language code: the assessment with its reasons and titles in that language (the shape
    /// of `assessment`).
    #[schemars(with = "BTreeMap<String, serde_json::Map<String, serde_json::Value>>")]
    pub assessment_by_lang: BTreeMap<&'static str, serde_json::Value>,
}

/// One language's part of the label JSON: the page, its glossary, the assessment in it.
#[derive(Debug, Clone)]
pub struct LabelLanguage {
    pub page: PageContent,
    pub glossary: Vec<GlossaryEntry>,
    pub assessment: serde_json::Value,
}

impl<'a> LabelDocument<'a> {
    /// The document for a label, its assessment and declaration, with the given languages' parts.
    pub fn new(
        label: &'a Label,
        assessment: &'a Report<'a>,
        declaration: &'a Declaration,
        languages: Vec<(&'static str, LabelLanguage)>,
    ) -> Self {
        let mut page = BTreeMap::new();
        let mut glossary = BTreeMap::new();
        let mut assessment_by_lang = BTreeMap::new();
        for (code, l) in languages {
            page.insert(code, l.page);
            glossary.insert(code, l.glossary);
            assessment_by_lang.insert(code, l.assessment);
        }
        LabelDocument {
            format: LABEL_FORMAT,
            version: LABEL_FORMAT_VERSION,
            label,
            dhcp: MudDhcp::new(label.mud_url.clone()),
            assessment,
            declaration,
            page,
            glossary,
            assessment_by_lang,
        }
    }
}

/// The JSON Schema (2020-12) of the label JSON.
pub fn label_schema() -> serde_json::Value {
    // An output format: fields left out when empty are optional in the schema.
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<LabelDocument<'static>>();
    serde_json::to_value(schema).unwrap_or_default()
}

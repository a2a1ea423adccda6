//! Masks: findings a lab accepts, each with what, why, who and when (and optionally until when).
//! The format (`iotlabel schema masks`) and its own checks live here, read like declarations and
//! evidence (located diagnostics, the text policy); what a mask does to an assessment is decided
//! by `iotlabel-assess` (the accepted items do not count, and the report lists them).
//!
//!     schema_version = "1"
//!     [[masks]]
//!     finding = "tcp/8080"            # or item = "nmap-1-4", or control = "comms.encrypted"
//!     what = "HTTP on 8080 (factory test page)"
//!     why = "Disabled by the first-boot update; advisory ACME-2026-3"
//!     who = "J. Doe, Example Test Lab"
//!     when = 2026-11-20
//!     expires = 2027-05-20

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Issue, quote};
use crate::evidence::EvidenceItem;
use crate::text::check_strings;

/// The version of the masks format this build reads.
pub const MASKS_VERSION: &str = "1";

/// A masks file: the findings a lab accepts for one device's evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Masks {
    /// Version of the masks format; this build reads "1".
    pub schema_version: String,
    #[serde(default)]
    pub masks: Vec<Mask>,
}

/// One accepted finding: which evidence items it selects (`item`, `control`, `finding`; all
/// given must match, at least one is given) and the lab's what, why, who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mask {
    /// An evidence item id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// Every item naming this common control.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// The tool's finding id (the item's `source.finding`), e.g. `tcp/8080`, `ftp-anon`, a CVE id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
    /// What is accepted, in the lab's words.
    pub what: String,
    /// Why it is accepted.
    pub why: String,
    /// Who accepted it (a person and the lab).
    pub who: String,
    /// When it was accepted: the mask is in force from this date.
    #[serde(deserialize_with = "crate::declaration::date::deserialize")]
    #[schemars(with = "NaiveDate")]
    pub when: NaiveDate,
    /// The mask is in force until this date (exclusive), when given.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::declaration::date::option::deserialize"
    )]
    #[schemars(with = "Option<NaiveDate>")]
    pub expires: Option<NaiveDate>,
}

impl Mask {
    /// Whether the mask selects `item`: every selector it gives matches.
    pub fn matches(&self, item: &EvidenceItem) -> bool {
        let finding = item.source.as_ref().and_then(|s| s.finding.as_deref());
        self.item.as_deref().is_none_or(|id| id == item.id)
            && self.control.as_deref().is_none_or(|c| item.control.as_deref() == Some(c))
            && self.finding.as_deref().is_none_or(|f| finding == Some(f))
    }

    /// Whether the mask is in force on `as_of`: from `when`, until `expires` (exclusive).
    pub fn in_force(&self, as_of: NaiveDate) -> bool {
        self.when <= as_of && self.expires.is_none_or(|x| x > as_of)
    }
}

/// Checks a masks file's own consistency (whether each mask selects an item of the evidence is
/// checked by `iotlabel-assess`, which knows the evidence and the date).
pub fn validate_masks(m: &Masks) -> Vec<Issue> {
    let mut out = Vec::new();
    if m.schema_version != MASKS_VERSION {
        out.push(
            Issue::new("/schema_version", format!("unsupported schema_version {}", quote(&m.schema_version)))
                .expected(format!("\"{MASKS_VERSION}\"")),
        );
    }
    for (i, mask) in m.masks.iter().enumerate() {
        if mask.item.is_none() && mask.control.is_none() && mask.finding.is_none() {
            out.push(
                Issue::new(
                    format!("/masks/{i}"),
                    "names no item, control or finding: it would mask everything",
                )
                .expected("`item` (an evidence item id), `control` or `finding` (the tool's finding id)"),
            );
        }
        for (name, v) in [("what", &mask.what), ("why", &mask.why), ("who", &mask.who)] {
            if v.trim().is_empty() {
                out.push(
                    Issue::new(format!("/masks/{i}/{name}"), "must not be empty")
                        .expected("a mask says what, why, who and when"),
                );
            }
        }
        if mask.expires.is_some_and(|x| x <= mask.when) {
            out.push(
                Issue::new(format!("/masks/{i}/expires"), "is not after `when`")
                    .expected(format!("a date after {}", mask.when)),
            );
        }
    }
    check_strings(m, &mut out);
    out
}

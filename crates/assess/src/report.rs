//! The assessment report: what `iotlabel assess --format json` prints.

use std::borrow::Cow;

use chrono::NaiveDate;
use iotlabel_catalog::Status;
use iotlabel_model::Declaration;
use serde::Serialize;

use crate::controls::Verdict;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FrameworkVerdict {
    Conformant,
    NotConformant,
    Incomplete,
}

impl FrameworkVerdict {
    pub fn as_str(self) -> &'static str {
        match self {
            FrameworkVerdict::Conformant => "conformant",
            FrameworkVerdict::NotConformant => "not_conformant",
            FrameworkVerdict::Incomplete => "incomplete",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub pass: usize,
    pub fail: usize,
    pub not_applicable: usize,
    pub unknown: usize,
    pub contradicted: usize,
}

impl Counts {
    pub fn of(verdicts: impl Iterator<Item = Verdict>) -> Counts {
        let mut c = Counts::default();
        for v in verdicts {
            match v {
                Verdict::Pass => c.pass += 1,
                Verdict::Fail => c.fail += 1,
                Verdict::NotApplicable => c.not_applicable += 1,
                Verdict::Unknown => c.unknown += 1,
                Verdict::Contradicted => c.contradicted += 1,
            }
        }
        c
    }

    pub fn total(&self) -> usize {
        self.pass + self.fail + self.not_applicable + self.unknown + self.contradicted
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceSummary {
    pub manufacturer: String,
    pub brand: String,
    pub model: String,
    pub hardware_version: String,
    pub firmware_version: String,
    pub device_type: String,
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
        }
    }
}

/// The result of one common control.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ControlResult {
    pub id: String,
    pub verdict: Verdict,
    pub reason: Cow<'static, str>,
    pub fields: &'static [&'static str],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

/// The verdict on one framework requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequirementResult {
    pub id: String,
    pub title: String,
    pub status: Status,
    pub verdict: Verdict,
    /// Why, in a sentence a non-expert can read.
    pub reason: Cow<'static, str>,
    /// Declaration fields the verdict rests on.
    pub fields: Vec<&'static str>,
    /// For `unknown`: the fields to fill in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<&'static str>,
    /// Evidence item ids the verdict rests on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Common controls the requirement maps to.
    pub controls: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrameworkResult {
    pub id: String,
    pub title: String,
    pub edition: String,
    pub verdict: FrameworkVerdict,
    /// For graded schemes (sg-cls): the highest level reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    pub counts: Counts,
    /// Counts over mandatory requirements only (these decide the verdict).
    pub mandatory: Counts,
    pub requirements: Vec<RequirementResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub tool: String,
    pub as_of: NaiveDate,
    pub device: DeviceSummary,
    pub frameworks: Vec<FrameworkResult>,
    pub controls: Vec<ControlResult>,
}

impl Report {
    /// True when every assessed framework is conformant.
    pub fn all_conformant(&self) -> bool {
        self.frameworks
            .iter()
            .all(|f| f.verdict == FrameworkVerdict::Conformant)
    }
}

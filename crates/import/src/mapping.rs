//! The mapping table: which common control a finding speaks for, with which result and test
//! method. Data (`data/mapping.toml`), read once; the first rule whose kind, values and score
//! match a finding decides it.

use std::sync::OnceLock;

use iotlabel_model::{TestMethod, TestResult};
use serde::Deserialize;

use crate::Finding;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    pub schema_version: String,
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The finding kind, e.g. `nmap.service`.
    pub kind: String,
    /// Values that match (case-insensitive); none: every value.
    #[serde(default)]
    pub values: Vec<String>,
    /// The finding's score must be at least this (a finding with no score does not match).
    #[serde(default)]
    pub min_score: Option<f64>,
    /// The common control the item names.
    pub control: String,
    pub result: TestResult,
    /// The test method (default: network_test).
    #[serde(default)]
    pub method: Option<TestMethod>,
    /// Findings of this rule become one item per file (informational findings).
    #[serde(default)]
    pub aggregate: bool,
    /// What the aggregated findings are, in the item's summary ("open ports").
    #[serde(default)]
    pub label: Option<String>,
    /// Why the rule says what it says (for reviewers of the table).
    #[serde(default)]
    pub why: Option<String>,
}

impl Table {
    /// The table shipped with iotlabel.
    pub fn builtin() -> &'static Table {
        static T: OnceLock<Table> = OnceLock::new();
        T.get_or_init(|| {
            // A unit test parses the embedded table: this cannot fail in a tested build.
            Table::parse(include_str!("../data/mapping.toml"))
                .unwrap_or_else(|e| Table { schema_version: format!("invalid: {e}"), rules: Vec::new() })
        })
    }

    pub fn parse(text: &str) -> Result<Table, toml::de::Error> {
        toml::from_str(text)
    }

    /// The first rule that decides `f`, with its index.
    pub fn rule_for(&self, f: &Finding) -> Option<(usize, &Rule)> {
        self.rules.iter().enumerate().find(|(_, r)| {
            r.kind == f.kind
                && (r.values.is_empty() || r.values.iter().any(|v| v.eq_ignore_ascii_case(&f.value)))
                && r.min_score.is_none_or(|min| f.score.is_some_and(|s| s >= min))
        })
    }
}

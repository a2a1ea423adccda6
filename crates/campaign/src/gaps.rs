//! The gap analysis: which label facts are most often bad, over all devices, by device type and
//! by maker, so a campaign knows where it would help most. Read from labels (the registry's data
//! once its site lists them; declaration files today); the facts are the label's own.

use std::collections::BTreeMap;

use iotlabel_advice::advise::months_left;
use iotlabel_label::Label;
use iotlabel_label::facts::{AttestationFact, Offline};
use schemars::JsonSchema;
use serde::Serialize;

/// The facts counted, each bad when: (id, what the label shows).
pub const FACTS: &[&str] = &[
    "default-password",
    "support-not-current",
    "support-under-3-years",
    "not-updatable",
    "no-report",
    "open-services",
    "contradicted",
    "camera-or-microphone-without-switch",
    "data-sold-or-unsaid",
    "needs-cloud",
    "self-declared",
];

/// Whether a fact is bad on a label.
pub fn is_bad(label: &Label, fact: &str) -> bool {
    match fact {
        "default-password" | "not-updatable" | "no-report" | "open-services" | "contradicted" => {
            label.deal_breaker(fact).is_some()
        }
        "support-not-current" => label.deal_breaker("support").is_some(),
        "support-under-3-years" => months_left(label).is_none_or(|m| m < 36),
        "camera-or-microphone-without-switch" => {
            label.sensors.iter().any(|s| s.records_people && !s.physical_off)
        }
        "data-sold-or-unsaid" => label.data.iter().any(|d| d.sold != Some(false)),
        "needs-cloud" => label.offline == Offline::No,
        "self-declared" => label.attestation == AttestationFact::SelfDeclared,
        _ => false,
    }
}

/// One count: in `scope` (`all`, `device-type`, `maker`) and its `group`, how many of `devices`
/// have `fact` bad.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct GapRow {
    pub scope: String,
    pub group: String,
    pub fact: String,
    pub bad: usize,
    pub devices: usize,
    /// `bad / devices`, rounded to two decimals.
    pub share: f64,
}

/// `iotlabel gaps --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(title = "iotlabel gap analysis")]
pub struct GapReport {
    /// `iotlabel-gaps`.
    pub format: String,
    /// The format's version: 1.
    pub version: u32,
    pub devices: usize,
    /// Every count: all devices first, then by device type, then by maker; facts in [`FACTS`]
    /// order within a group.
    pub rows: Vec<GapRow>,
    /// Where a campaign would help most: the facts bad on the most devices overall (at least
    /// one), most first, then the groups of two or more devices where a fact is bad on every one.
    pub priorities: Vec<GapRow>,
}

fn row(scope: &str, group: &str, fact: &str, labels: &[&Label]) -> GapRow {
    let bad = labels.iter().filter(|l| is_bad(l, fact)).count();
    let devices = labels.len();
    let share = if devices == 0 { 0.0 } else { (bad as f64 / devices as f64 * 100.0).round() / 100.0 };
    GapRow { scope: scope.into(), group: group.into(), fact: fact.into(), bad, devices, share }
}

/// Counts every fact over the labels.
pub fn gaps(labels: &[Label]) -> GapReport {
    let all: Vec<&Label> = labels.iter().collect();
    let mut rows: Vec<GapRow> = FACTS.iter().map(|f| row("all", "all", f, &all)).collect();
    let mut by_type: BTreeMap<&str, Vec<&Label>> = BTreeMap::new();
    let mut by_maker: BTreeMap<&str, Vec<&Label>> = BTreeMap::new();
    for l in labels {
        by_type.entry(l.product.device_type.as_str()).or_default().push(l);
        by_maker.entry(l.product.manufacturer.as_str()).or_default().push(l);
    }
    for (scope, groups) in [("device-type", &by_type), ("maker", &by_maker)] {
        for (group, ls) in groups {
            rows.extend(FACTS.iter().map(|f| row(scope, group, f, ls)));
        }
    }
    let mut priorities: Vec<GapRow> =
        rows.iter().filter(|r| r.scope == "all" && r.bad > 0).cloned().collect();
    priorities.sort_by_key(|r| std::cmp::Reverse(r.bad));
    priorities
        .extend(rows.iter().filter(|r| r.scope != "all" && r.devices >= 2 && r.bad == r.devices).cloned());
    GapReport { format: "iotlabel-gaps".into(), version: 1, devices: labels.len(), rows, priorities }
}

/// The counts as CSV (RFC 4180: fields with a comma, quote or line break are quoted).
pub fn csv(report: &GapReport) -> String {
    let field = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from("scope,group,fact,bad,devices,share\r\n");
    for r in &report.rows {
        out.push_str(&format!(
            "{},{},{},{},{},{:.2}\r\n",
            field(&r.scope),
            field(&r.group),
            field(&r.fact),
            r.bad,
            r.devices,
            r.share
        ));
    }
    out
}

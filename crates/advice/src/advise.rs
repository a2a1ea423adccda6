//! `advise`: one device's label read for one person. Every reason comes from a fact the label
//! already derived (`iotlabel_label::build`): support, updates, deal-breakers, sensors, data,
//! offline use, attestation; the weights are data (`data/weights.toml`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use iotlabel_i18n::{Arg, Msg};
use iotlabel_label::Label;
use iotlabel_label::facts::{AttestationFact, Offline, SupportStatus};
use iotlabel_model::declaration::{SensorActivity, UpdateMechanism};
use iotlabel_model::taxonomy::{Sensitivity, Taxonomy, TermKind};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::profile::Needs;

const WEIGHTS_TOML: &str = include_str!("../data/weights.toml");

/// How well a device fits a person, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Fit {
    Good,
    Acceptable,
    Poor,
    /// It misses at least one of the person's must-haves.
    FailsMustHaves,
}

impl Fit {
    pub fn msg(self) -> Msg {
        Msg::new(match self {
            Fit::Good => "advice-fit-good",
            Fit::Acceptable => "advice-fit-acceptable",
            Fit::Poor => "advice-fit-poor",
            Fit::FailsMustHaves => "advice-fit-fails-must-haves",
        })
    }
}

/// One weighed concern (`data/weights.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concern {
    pub id: String,
    pub points: f64,
    /// Points count once per year of shortfall.
    #[serde(default)]
    pub per_year: bool,
    /// Multipliers by profile tag (each at least 1).
    #[serde(default)]
    pub times: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FitThresholds {
    pub acceptable_from: f64,
    pub poor_from: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Safety {
    pub device_types: Vec<String>,
}

/// The weights file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub fit: FitThresholds,
    pub concerns: Vec<Concern>,
    pub safety: Safety,
}

/// The concerns the code knows how to read from a label, each the id of a weights entry.
pub const CONCERNS: &[&str] = &[
    "default-password",
    "support-ended",
    "support-short",
    "not-updatable",
    "manual-updates",
    "open-services",
    "no-report",
    "contradicted",
    "always-listening",
    "recording-sensor",
    "no-physical-off",
    "location-data",
    "health-data",
    "children-data",
    "data-sold",
    "data-sold-unknown",
    "data-shared",
    "needs-cloud",
    "partly-offline",
    "physical-safety",
    "self-declared",
];

/// The embedded weights (checked by a unit test).
pub fn weights() -> &'static Weights {
    static DATA: OnceLock<Weights> = OnceLock::new();
    DATA.get_or_init(|| {
        toml::from_str(WEIGHTS_TOML).unwrap_or_else(|e| panic!("crates/advice/data/weights.toml: {e}"))
    })
}

impl Weights {
    fn concern(&self, id: &str) -> Option<&Concern> {
        self.concerns.iter().find(|c| c.id == id)
    }

    /// A concern's weight for a person: its points times every multiplier whose tag they carry.
    pub fn weigh(&self, id: &str, tags: &[String], years: f64) -> f64 {
        let Some(c) = self.concern(id) else { return 0.0 };
        let base = if c.per_year { c.points * years } else { c.points };
        c.times.iter().filter(|(tag, _)| tags.contains(tag)).fold(base, |acc, (_, m)| acc * m)
    }
}

/// A reason for the fit, tied to a label fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    /// The concern (a `data/weights.toml` id), or `good:<fact>` for good news.
    pub id: String,
    /// What it weighs for this person (0 for good news).
    pub points: f64,
    pub msg: Msg,
}

/// A must-have the device misses.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    /// The must-have's question id (`min_update_years`, ...).
    pub must_have: &'static str,
    pub msg: Msg,
}

/// Advice for one device and one person.
#[derive(Debug, Clone, PartialEq)]
pub struct Advice {
    pub fit: Fit,
    /// The sum of the reasons' points.
    pub risk: f64,
    pub missed: Vec<Miss>,
    /// Concerns first, heaviest first; then good news.
    pub reasons: Vec<Reason>,
    /// What to do after purchase, most urgent first.
    pub steps: Vec<Msg>,
    /// For a person at risk from someone they know: shared accounts, location sharing, remote
    /// access.
    pub safety_steps: Vec<Msg>,
    /// When the risks outweigh what the device adds (fit poor or failing a must-have): other
    /// ways to get the same thing.
    pub alternatives: Vec<Msg>,
}

/// Whole months from `from` to `to` (negative when `to` is earlier).
fn months_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let mut m = i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month());
    if to.day() < from.day() {
        m -= 1;
    }
    m
}

fn term_names(kind: TermKind, ids: &[&str]) -> Arg {
    let tax = Taxonomy::builtin();
    let short = |s: &str| -> String {
        let s = match s.find(" (") {
            Some(i) if s.ends_with(')') => &s[..i],
            _ => s,
        };
        s.to_lowercase()
    };
    let (mut en, mut fr) = (Vec::new(), Vec::new());
    for id in ids {
        match tax.get(kind, id) {
            Some(t) => {
                en.push(short(&t.en));
                fr.push(short(&t.fr));
            }
            None => {
                en.push((*id).to_string());
                fr.push((*id).to_string());
            }
        }
    }
    en.dedup();
    fr.dedup();
    Arg::Bilingual(en.join(", ").into(), fr.join(", ").into())
}

/// The months of security updates left on the label's date (`None`: ended or not declared, or
/// no updates at all).
pub fn months_left(label: &Label) -> Option<i64> {
    match (&label.support.status, label.support.until) {
        (SupportStatus::Supported, Some(until)) if label.updates != UpdateMechanism::None => {
            Some(months_between(label.as_of, until).max(0))
        }
        _ => None,
    }
}

/// What a registry says of a label today beyond its facts: a label its maker withdrew, or one a
/// test lab found untrue, fails everyone's first must-have, that the label still stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Standing {
    /// A declaration file, or a registered label that stands.
    #[default]
    Stands,
    /// The maker revoked the label, for this reason (in the maker's words).
    Revoked { reason: String },
    /// A test lab's evidence contradicts what the label says.
    Contradicted,
}

impl Standing {
    /// A registered label's standing, from its record's status (support ended is among the
    /// label's own facts, judged on the label's date).
    pub fn of(status: &iotlabel_registry::status::Status) -> Standing {
        use iotlabel_registry::State;
        match status.state {
            State::Revoked => Standing::Revoked { reason: status.reason.clone().unwrap_or_default() },
            State::Contradicted => Standing::Contradicted,
            State::Active | State::SupportEnded => Standing::Stands,
        }
    }
}

/// Reads one device's label for one person.
pub fn advise(label: &Label, needs: &Needs) -> Advice {
    advise_standing(label, needs, &Standing::Stands)
}

/// [`advise`], for a label whose registry standing is known.
pub fn advise_standing(label: &Label, needs: &Needs, standing: &Standing) -> Advice {
    let w = weights();
    let tags = needs.tags();
    let mut reasons = Vec::new();
    let mut add = |id: &str, years: f64, msg: Msg| {
        let points = w.weigh(id, &tags, years);
        reasons.push(Reason { id: id.to_string(), points, msg });
    };
    let keep = f64::from(needs.keep_years);

    // Passwords.
    if label.deal_breaker("default-password").is_some() {
        add("default-password", 0.0, Msg::new("advice-reason-default-password"));
    }

    // Support and updates.
    let left = months_left(label);
    match left {
        Some(months) => {
            let short = keep - months as f64 / 12.0;
            if short > 0.0 {
                let msg = Msg::new("advice-reason-support-short")
                    .arg("months", Arg::Int(months))
                    .arg("years", u32::from(needs.keep_years));
                add("support-short", short, msg);
            }
        }
        None => {
            let msg = match (&label.support.status, label.support.until) {
                (SupportStatus::Ended, Some(d)) => Msg::new("advice-reason-support-ended").arg("date", d),
                _ if label.updates == UpdateMechanism::None => Msg::new("advice-reason-support-none"),
                _ => Msg::new("advice-reason-support-undeclared"),
            };
            add("support-ended", 0.0, msg);
            // Every year the person keeps it is a year without fixes: never better than a device
            // whose support ends soon.
            let msg = Msg::new("advice-reason-years-without-fixes").arg("years", u32::from(needs.keep_years));
            add("support-short", keep, msg);
        }
    }
    match label.updates {
        UpdateMechanism::None => add("not-updatable", 0.0, Msg::new("advice-reason-not-updatable")),
        UpdateMechanism::Manual => add("manual-updates", 0.0, Msg::new("advice-reason-manual-updates")),
        UpdateMechanism::AutomaticOptIn => {
            add("manual-updates", 0.0, Msg::new("advice-reason-updates-opt-in"))
        }
        UpdateMechanism::AutomaticByDefault => {}
    }

    // The other deal-breakers.
    for id in ["open-services", "no-report", "contradicted"] {
        if let Some(d) = label.deal_breaker(id) {
            let msg = match id {
                "open-services" => Msg::new("advice-reason-open-services"),
                "no-report" => Msg::new("advice-reason-no-report"),
                _ => Msg::new("advice-reason-contradicted").arg("count", d.count),
            };
            add(id, 0.0, msg);
        }
    }

    // Sensors that can record people.
    let recording: Vec<_> = label.sensors.iter().filter(|s| s.records_people).collect();
    let always: Vec<&str> =
        recording.iter().filter(|s| s.active == SensorActivity::Always).map(|s| s.kind.as_str()).collect();
    let other: Vec<&str> =
        recording.iter().filter(|s| s.active != SensorActivity::Always).map(|s| s.kind.as_str()).collect();
    let no_off: Vec<&str> = recording.iter().filter(|s| !s.physical_off).map(|s| s.kind.as_str()).collect();
    if !always.is_empty() {
        add(
            "always-listening",
            0.0,
            Msg::new("advice-reason-always-listening").arg("sensors", term_names(TermKind::Sensor, &always)),
        );
    }
    if !other.is_empty() {
        add(
            "recording-sensor",
            0.0,
            Msg::new("advice-reason-recording-sensor").arg("sensors", term_names(TermKind::Sensor, &other)),
        );
    }
    if !no_off.is_empty() {
        add(
            "no-physical-off",
            0.0,
            Msg::new("advice-reason-no-physical-off").arg("sensors", term_names(TermKind::Sensor, &no_off)),
        );
    }

    // Data.
    let has_data = |kinds: &[&str]| label.data.iter().any(|d| kinds.contains(&d.kind.as_str()));
    let has_sensor = |kinds: &[&str]| label.sensors.iter().any(|s| kinds.contains(&s.kind.as_str()));
    if has_data(&["location"]) || has_sensor(&["location"]) {
        add("location-data", 0.0, Msg::new("advice-reason-location-data"));
    }
    if has_data(&["health", "biometric"]) || has_sensor(&["glucose", "heart-rate", "biometric"]) {
        add("health-data", 0.0, Msg::new("advice-reason-health-data"));
    }
    if has_data(&["children"]) {
        add("children-data", 0.0, Msg::new("advice-reason-children-data"));
    }
    let sensitive = |s: Sensitivity| matches!(s, Sensitivity::High | Sensitivity::Special);
    let sold: Vec<&str> =
        label.data.iter().filter(|d| d.sold == Some(true)).map(|d| d.kind.as_str()).collect();
    if !sold.is_empty() {
        add(
            "data-sold",
            0.0,
            Msg::new("advice-reason-data-sold").arg("data", term_names(TermKind::Data, &sold)),
        );
    } else {
        let unknown: Vec<&str> = label
            .data
            .iter()
            .filter(|d| d.sold.is_none() && sensitive(d.sensitivity))
            .map(|d| d.kind.as_str())
            .collect();
        if !unknown.is_empty() {
            add(
                "data-sold-unknown",
                0.0,
                Msg::new("advice-reason-data-sold-unknown").arg("data", term_names(TermKind::Data, &unknown)),
            );
        }
    }
    let shared: Vec<&str> =
        label.data.iter().filter(|d| d.shared && sensitive(d.sensitivity)).map(|d| d.kind.as_str()).collect();
    if !shared.is_empty() {
        add(
            "data-shared",
            0.0,
            Msg::new("advice-reason-data-shared").arg("data", term_names(TermKind::Data, &shared)),
        );
    }

    // Cloud dependence.
    match label.offline {
        Offline::No => add("needs-cloud", 0.0, Msg::new("advice-reason-needs-cloud")),
        Offline::Partly => add("partly-offline", 0.0, Msg::new("advice-reason-partly-offline")),
        Offline::Yes => {}
    }

    // Physical safety.
    if w.safety.device_types.contains(&label.product.device_type) {
        let kind = term_names(TermKind::Device, &[label.product.device_type.as_str()]);
        add("physical-safety", 0.0, Msg::new("advice-reason-physical-safety").arg("device", kind));
    }
    if label.attestation == AttestationFact::SelfDeclared {
        add("self-declared", 0.0, Msg::new("advice-reason-self-declared"));
    }

    reasons.sort_by(|a, b| b.points.total_cmp(&a.points));
    let risk: f64 = reasons.iter().map(|r| r.points).sum();

    // Good news, after the concerns.
    if let Some(months) = left
        && months as f64 / 12.0 >= keep
        && let Some(until) = label.support.until
    {
        let msg =
            Msg::new("advice-good-support").arg("date", until).arg("years", u32::from(needs.keep_years));
        reasons.push(Reason { id: "good:support".into(), points: 0.0, msg });
    }
    if label.offline == Offline::Yes {
        reasons.push(Reason { id: "good:offline".into(), points: 0.0, msg: Msg::new("advice-good-offline") });
    }
    if recording.is_empty() {
        reasons.push(Reason {
            id: "good:no-recording".into(),
            points: 0.0,
            msg: Msg::new("advice-good-no-recording"),
        });
    }

    let mut missed = must_haves(label, needs, left);
    match standing {
        Standing::Stands => {}
        Standing::Revoked { reason } => missed.insert(
            0,
            Miss {
                must_have: "label_stands",
                msg: Msg::new("advice-miss-revoked").arg("reason", reason.clone()),
            },
        ),
        Standing::Contradicted => {
            missed.insert(0, Miss { must_have: "label_stands", msg: Msg::new("advice-miss-contradicted") })
        }
    }
    let fit = if !missed.is_empty() {
        Fit::FailsMustHaves
    } else if risk >= w.fit.poor_from {
        Fit::Poor
    } else if risk >= w.fit.acceptable_from {
        Fit::Acceptable
    } else {
        Fit::Good
    };
    let steps = steps(label, needs, !recording.is_empty());
    let safety_steps = if needs.at_risk() { safety_steps(label, !recording.is_empty()) } else { Vec::new() };
    let alternatives = if matches!(fit, Fit::Poor | Fit::FailsMustHaves) {
        alternatives(label, &reasons, &missed)
    } else {
        Vec::new()
    };
    Advice { fit, risk, missed, reasons, steps, safety_steps, alternatives }
}

fn must_haves(label: &Label, needs: &Needs, left: Option<i64>) -> Vec<Miss> {
    let mut out = Vec::new();
    if needs.min_update_years > 0 {
        let want = u32::from(needs.min_update_years);
        let msg = match left {
            Some(m) if m >= i64::from(want) * 12 => None,
            Some(m) => Some(Msg::new("advice-miss-updates").arg("months", Arg::Int(m)).arg("years", want)),
            None => Some(Msg::new("advice-miss-updates-none").arg("years", want)),
        };
        if let Some(msg) = msg {
            out.push(Miss { must_have: "min_update_years", msg });
        }
    }
    if needs.no_always_on_microphone
        && label.sensors.iter().any(|s| s.kind == "microphone" && s.active == SensorActivity::Always)
    {
        out.push(Miss { must_have: "no_always_on_microphone", msg: Msg::new("advice-miss-microphone") });
    }
    if needs.works_without_internet {
        match label.offline {
            Offline::Yes => {}
            Offline::Partly => out.push(Miss {
                must_have: "works_without_internet",
                msg: Msg::new("advice-miss-offline-partly"),
            }),
            Offline::No => {
                out.push(Miss { must_have: "works_without_internet", msg: Msg::new("advice-miss-offline") })
            }
        }
    }
    if needs.no_data_sold {
        if label.data.iter().any(|d| d.sold == Some(true)) {
            out.push(Miss { must_have: "no_data_sold", msg: Msg::new("advice-miss-data-sold") });
        } else if label.data.iter().any(|d| d.sold.is_none()) {
            out.push(Miss { must_have: "no_data_sold", msg: Msg::new("advice-miss-data-sold-unknown") });
        }
    }
    out
}

fn steps(label: &Label, needs: &Needs, recording: bool) -> Vec<Msg> {
    let mut out = Vec::new();
    if label.deal_breaker("default-password").is_some() {
        out.push(Msg::new("advice-step-password"));
    }
    if label.deal_breaker("open-services").is_some() {
        out.push(Msg::new("advice-step-services"));
    }
    let no_fixes = label.updates == UpdateMechanism::None || label.support.status != SupportStatus::Supported;
    if no_fixes {
        out.push(Msg::new("advice-step-guest-network"));
    } else {
        match label.updates {
            UpdateMechanism::AutomaticOptIn => out.push(Msg::new("advice-step-updates-on")),
            UpdateMechanism::Manual => out.push(Msg::new("advice-step-updates-manual")),
            _ => {}
        }
    }
    if label.offline != Offline::Yes {
        out.push(Msg::new("advice-step-account"));
    }
    if recording
        && (needs.place == crate::profile::Place::Bedroom
            || needs.worries.contains(&crate::profile::Worry::AudioVideo)
            || needs.at_risk())
    {
        out.push(Msg::new("advice-step-cover"));
    }
    if let (SupportStatus::Supported, Some(d)) = (&label.support.status, label.support.until)
        && label.updates != UpdateMechanism::None
    {
        out.push(Msg::new("advice-step-support-end").arg("date", d));
    }
    out
}

fn safety_steps(label: &Label, recording: bool) -> Vec<Msg> {
    let mut out = vec![Msg::new("advice-safety-own-account")];
    if label.offline != Offline::Yes {
        out.push(Msg::new("advice-safety-remote-access"));
    }
    let location =
        label.data.iter().any(|d| d.kind == "location") || label.sensors.iter().any(|s| s.kind == "location");
    if location {
        out.push(Msg::new("advice-safety-location"));
    }
    if recording {
        out.push(Msg::new("advice-safety-recordings"));
    }
    out.push(Msg::new("advice-safety-reset"));
    out.push(Msg::new("advice-safety-help"));
    out
}

fn alternatives(label: &Label, reasons: &[Reason], missed: &[Miss]) -> Vec<Msg> {
    let weighs = |ids: &[&str]| reasons.iter().any(|r| ids.contains(&r.id.as_str()) && r.points > 0.0);
    let misses = |id: &str| missed.iter().any(|m| m.must_have == id);
    let mut out = Vec::new();
    if weighs(&["always-listening", "recording-sensor", "no-physical-off"])
        || misses("no_always_on_microphone")
    {
        out.push(Msg::new("advice-alt-no-sensor"));
    }
    if weighs(&["needs-cloud", "partly-offline", "data-sold", "data-shared"])
        || misses("works_without_internet")
    {
        if label.offline == Offline::Partly {
            out.push(Msg::new("advice-alt-offline-use"));
        }
        out.push(Msg::new("advice-alt-offline-model"));
    }
    if weighs(&["support-short", "support-ended", "not-updatable"]) || misses("min_update_years") {
        out.push(Msg::new("advice-alt-longer-support"));
    }
    out.push(Msg::new("advice-alt-not-connected"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weights_are_consistent() {
        let w = weights();
        assert!(0.0 < w.fit.acceptable_from && w.fit.acceptable_from < w.fit.poor_from);
        for c in &w.concerns {
            assert!(CONCERNS.contains(&c.id.as_str()), "weights.toml: unknown concern {}", c.id);
            assert!(c.points > 0.0, "{}", c.id);
            for (tag, m) in &c.times {
                assert!(
                    *m >= 1.0,
                    "{}: {tag} multiplies by {m}: an answer must never make a device look better",
                    c.id
                );
                let (kind, value) = tag.split_once(':').unwrap_or_else(|| panic!("{}: tag {tag}", c.id));
                let q = match kind {
                    "worry" => "worries",
                    other => other,
                };
                let q = crate::questions::question(q).unwrap_or_else(|| panic!("{}: tag {tag}", c.id));
                assert!(q.choices.iter().any(|ch| ch == value), "{}: tag {tag} is not an answer", c.id);
            }
        }
        for id in CONCERNS {
            assert!(w.concern(id).is_some(), "weights.toml has no entry for {id}");
        }
        // The less tolerant answer never weighs less.
        for c in &w.concerns {
            let m = |t: &str| c.times.get(t).copied().unwrap_or(1.0);
            assert!(
                m("cloud:none") >= m("cloud:limited") && m("cloud:limited") >= m("cloud:fine"),
                "{}",
                c.id
            );
            assert!(
                m("comfort:low") >= m("comfort:medium") && m("comfort:medium") >= m("comfort:high"),
                "{}",
                c.id
            );
        }
        let tax = Taxonomy::builtin();
        for t in &w.safety.device_types {
            assert!(tax.get(TermKind::Device, t).is_some(), "safety device type {t}");
        }
    }

    #[test]
    fn months_are_whole() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(months_between(d(2026, 1, 15), d(2027, 3, 15)), 14);
        assert_eq!(months_between(d(2026, 1, 15), d(2027, 3, 14)), 13);
        assert_eq!(months_between(d(2026, 1, 15), d(2025, 1, 15)), -12);
    }
}

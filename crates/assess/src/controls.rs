//! Control evaluators: one function per common control, reading the declaration.
//!
//! Each returns an [`Outcome`] with a verdict, a reason a non-expert can read, and the declaration
//! fields it rests on. The catalogs (data) say which controls each requirement needs; this file is
//! the only place that knows what a control means for a declaration.
//!
//! Reasons are messages of `locales/<lang>/assess.ftl`, English and French: message ids are
//! `ctl-<control id, dots as dashes>-<pass|fail|unknown|na>[-variant]`, or `ctl-shared-*` for
//! sentences several controls use.

use std::borrow::Cow;

use chrono::NaiveDate;
use iotlabel_i18n::{Arg, Lang, Msg, msg};
use iotlabel_model::*;
use serde::Serialize;

/// A control's or requirement's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    Fail,
    NotApplicable,
    Unknown,
    Contradicted,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::NotApplicable => "not_applicable",
            Verdict::Unknown => "unknown",
            Verdict::Contradicted => "contradicted",
        }
    }
}

/// What the declaration alone says about one control.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub verdict: Verdict,
    /// Why, as a message of `locales/*/assess.ftl`. For sentences with arguments, the empty
    /// placeholder `Msg::new("")` when the context does not want explanations.
    pub reason: Msg,
    /// Declaration fields this outcome rests on (for `unknown`: the fields to fill in).
    pub fields: &'static [&'static str],
}

impl Outcome {
    fn new(verdict: Verdict, reason: Msg, fields: &'static [&'static str]) -> Self {
        Outcome { verdict, reason, fields }
    }
    fn pass(reason: Msg, fields: &'static [&'static str]) -> Self {
        Self::new(Verdict::Pass, reason, fields)
    }
    fn fail(reason: Msg, fields: &'static [&'static str]) -> Self {
        Self::new(Verdict::Fail, reason, fields)
    }
    fn unknown(reason: Msg, fields: &'static [&'static str]) -> Self {
        Self::new(Verdict::Unknown, reason, fields)
    }
    fn na(reason: Msg, fields: &'static [&'static str]) -> Self {
        Self::new(Verdict::NotApplicable, reason, fields)
    }
}

/// Everything an evaluator may look at.
pub struct Ctx<'a> {
    pub decl: &'a Declaration,
    /// The date the assessment speaks for (support periods are judged against it).
    pub as_of: NaiveDate,
    /// Whether reasons are wanted. Bulk re-assessment (`verdicts`) skips building sentences that
    /// need formatting; static sentences cost nothing either way.
    pub explain: bool,
    /// Policy numbers read from the control set the engine was built from.
    pub thresholds: Thresholds,
}

/// Numbers the evaluators compare against, read from the control set (policy is data, not code):
/// compiled once per engine, copied into every context.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Thresholds {
    /// Shortest support period, in months, for `update.support-period-cra` (its `min_months`).
    pub support_period_cra_months: Option<u32>,
}

impl Thresholds {
    pub fn from_controls(set: &iotlabel_catalog::ControlSet) -> Self {
        let min_months = |id: &str| set.controls.iter().find(|c| c.id == id).and_then(|c| c.min_months);
        Thresholds { support_period_cra_months: min_months("update.support-period-cra") }
    }
}

/// A message with arguments when the context wants explanations, an empty message otherwise:
/// the arguments (lists, dates, names) are neither evaluated nor stored in bulk assessment.
/// Messages without arguments (`msg!("id")`) cost nothing either way.
macro_rules! say {
    ($c:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        if $c.explain { msg!($id, $($name = $value),+) } else { Msg::new("") }
    };
}

/// A yes/no claim: pass on yes, fail on no, unknown (naming the field) when absent.
fn claim(v: Option<bool>, fields: &'static [&'static str], yes: Msg, no: Msg, missing: Msg) -> Outcome {
    match v {
        Some(true) => Outcome::pass(yes, fields),
        Some(false) => Outcome::fail(no, fields),
        None => Outcome::unknown(missing, fields),
    }
}

/// A list of words from data (service names, field paths), the same in every language.
fn words<'a>(items: impl IntoIterator<Item = &'a str>) -> Arg {
    Arg::List(items.into_iter().map(str::to_owned).collect())
}

/// A list of taxonomy terms: the ids in English (as the reasons have always shown them), the
/// taxonomy's French names in French.
fn terms<'a>(kind: TermKind, ids: impl IntoIterator<Item = &'a str>) -> Arg {
    let tax = Taxonomy::builtin();
    let (mut en, mut fr) = (Vec::new(), Vec::new());
    for id in ids {
        en.push(id);
        fr.push(match tax.get(kind, id) {
            Some(t) => lower_first(&t.fr),
            None => id.to_owned(),
        });
    }
    Arg::Bilingual(Cow::Owned(en.join(", ")), Cow::Owned(fr.join(", ")))
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A list whose items are themselves messages (rendered once per language and joined).
fn phrases(items: impl IntoIterator<Item = Msg>) -> Arg {
    let items: Vec<Msg> = items.into_iter().collect();
    let join = |lang: Lang| items.iter().map(|m| m.text(lang)).collect::<Vec<_>>().join(", ");
    Arg::Bilingual(Cow::Owned(join(Lang::En)), Cow::Owned(join(Lang::Fr)))
}

/// Longest acceptable time to fix a critical vulnerability, in days. ETSI EN 303 645 asks for
/// "timely" updates without a number; 90 days is the common coordinated-disclosure deadline.
pub const MAX_TIME_TO_FIX_DAYS: u32 = 90;

pub type Evaluator = fn(&Ctx<'_>) -> Outcome;

/// The evaluator for a control id, `None` if the id is not known to this build.
pub fn evaluator(id: &str) -> Option<Evaluator> {
    Some(match id {
        "docs.justifications" => |c| {
            claim(
                c.decl.documentation.justifications_recorded,
                &["documentation.justifications_recorded"],
                msg!("ctl-docs-justifications-pass"),
                msg!("ctl-docs-justifications-fail"),
                msg!("ctl-docs-justifications-unknown"),
            )
        },
        "docs.risk-assessment" => |c| {
            claim(
                c.decl.documentation.risk_assessment,
                &["documentation.risk_assessment"],
                msg!("ctl-docs-risk-assessment-pass"),
                msg!("ctl-docs-risk-assessment-fail"),
                msg!("ctl-docs-risk-assessment-unknown"),
            )
        },
        "docs.user-information" => user_information,
        "docs.compliance-statement-facts" => compliance_statement_facts,
        "docs.compliance-statement" => |c| {
            claim(
                c.decl.documentation.uk_statement_of_compliance,
                &["documentation.uk_statement_of_compliance"],
                msg!("ctl-docs-compliance-statement-pass"),
                msg!("ctl-docs-compliance-statement-fail"),
                msg!("ctl-docs-compliance-statement-unknown"),
            )
        },
        "auth.no-universal-default-password" => |c| {
            const F: &[&str] = &["authentication.default_password"];
            match c.decl.authentication.default_password {
                DefaultPasswordPolicy::Universal => {
                    Outcome::fail(msg!("ctl-auth-no-universal-default-password-fail"), F)
                }
                DefaultPasswordPolicy::UniquePerDevice => {
                    Outcome::pass(msg!("ctl-auth-no-universal-default-password-pass-unique"), F)
                }
                DefaultPasswordPolicy::UserSetAtSetup => {
                    Outcome::pass(msg!("ctl-auth-no-universal-default-password-pass-user-set"), F)
                }
                DefaultPasswordPolicy::None => {
                    Outcome::pass(msg!("ctl-auth-no-universal-default-password-pass-no-password"), F)
                }
            }
        },
        "auth.unique-password-quality" => |c| {
            const F: &[&str] = &["authentication.unique_passwords_random"];
            if c.decl.authentication.default_password != DefaultPasswordPolicy::UniquePerDevice {
                return Outcome::na(msg!("ctl-auth-unique-password-quality-na"), F);
            }
            claim(
                c.decl.authentication.unique_passwords_random,
                F,
                msg!("ctl-auth-unique-password-quality-pass"),
                msg!("ctl-auth-unique-password-quality-fail"),
                msg!("ctl-auth-unique-password-quality-unknown"),
            )
        },
        "auth.machine-credentials-unique" => |c| {
            claim(
                c.decl.authentication.machine_credentials_unique,
                &["authentication.machine_credentials_unique"],
                msg!("ctl-auth-machine-credentials-unique-pass"),
                msg!("ctl-auth-machine-credentials-unique-fail"),
                msg!("ctl-auth-machine-credentials-unique-unknown"),
            )
        },
        "auth.best-practice-crypto" => |c| {
            claim(
                c.decl.authentication.best_practice_crypto,
                &["authentication.best_practice_crypto"],
                msg!("ctl-auth-best-practice-crypto-pass"),
                msg!("ctl-auth-best-practice-crypto-fail"),
                msg!("ctl-auth-best-practice-crypto-unknown"),
            )
        },
        "auth.credentials-changeable" => |c| {
            claim(
                c.decl.authentication.user_can_change_credentials,
                &["authentication.user_can_change_credentials"],
                msg!("ctl-auth-credentials-changeable-pass"),
                msg!("ctl-auth-credentials-changeable-fail"),
                msg!("ctl-auth-credentials-changeable-unknown"),
            )
        },
        "auth.brute-force-protection" => |c| {
            const F: &[&str] = &["authentication.brute_force_protection"];
            match c.decl.authentication.brute_force_protection {
                Some(BruteForceProtection::None) => {
                    Outcome::fail(msg!("ctl-auth-brute-force-protection-fail"), F)
                }
                Some(_) => Outcome::pass(msg!("ctl-auth-brute-force-protection-pass"), F),
                None => Outcome::unknown(msg!("ctl-auth-brute-force-protection-unknown"), F),
            }
        },
        "auth.cloud-mfa" => |c| {
            const F: &[&str] = &["authentication.cloud_mfa"];
            match c.decl.authentication.cloud_mfa {
                Some(MfaSupport::NoCloudAccount) => Outcome::na(msg!("ctl-auth-cloud-mfa-na"), F),
                Some(MfaSupport::Required | MfaSupport::Optional) => {
                    Outcome::pass(msg!("ctl-auth-cloud-mfa-pass"), F)
                }
                Some(MfaSupport::Unavailable) => Outcome::fail(msg!("ctl-auth-cloud-mfa-fail"), F),
                None => Outcome::unknown(msg!("ctl-auth-cloud-mfa-unknown"), F),
            }
        },
        "auth.network-access-authenticated" => |c| {
            const F: &[&str] =
                &["communication.network_functions_authenticated", "communication.local_services"];
            let open: Vec<&str> = c
                .decl
                .communication
                .local_services
                .iter()
                .filter(|s| s.enabled_by_default && !s.authenticated)
                .map(|s| s.name.as_str())
                .collect();
            if !open.is_empty() {
                return Outcome::fail(
                    say!(c, "ctl-auth-network-access-authenticated-fail-open", services = words(open)),
                    F,
                );
            }
            claim(
                c.decl.communication.network_functions_authenticated,
                F,
                msg!("ctl-auth-network-access-authenticated-pass"),
                msg!("ctl-auth-network-access-authenticated-fail"),
                msg!("ctl-auth-network-access-authenticated-unknown"),
            )
        },
        "auth.config-changes-authenticated" => |c| {
            claim(
                c.decl.communication.config_changes_authenticated,
                &["communication.config_changes_authenticated"],
                msg!("ctl-auth-config-changes-authenticated-pass"),
                msg!("ctl-auth-config-changes-authenticated-fail"),
                msg!("ctl-auth-config-changes-authenticated-unknown"),
            )
        },
        "vuln.disclosure-policy" => disclosure_policy,
        "vuln.contact" => |c| {
            const F: &[&str] = &["vulnerability_disclosure.contact"];
            match &c.decl.vulnerability_disclosure.contact {
                Some(contact) => {
                    Outcome::pass(say!(c, "ctl-vuln-contact-pass", contact = contact.clone()), F)
                }
                None => Outcome::fail(msg!("ctl-vuln-contact-fail"), F),
            }
        },
        "vuln.timely-action" => |c| {
            const F: &[&str] = &["updates.time_to_fix_days"];
            match c.decl.updates.time_to_fix_days {
                Some(d) if d <= MAX_TIME_TO_FIX_DAYS => {
                    Outcome::pass(say!(c, "ctl-vuln-timely-action-pass", days = d), F)
                }
                Some(d) => Outcome::fail(
                    say!(c, "ctl-vuln-timely-action-fail", days = d, max = MAX_TIME_TO_FIX_DAYS),
                    F,
                ),
                None => Outcome::unknown(msg!("ctl-vuln-timely-action-unknown"), F),
            }
        },
        "vuln.monitoring" => |c| {
            claim(
                c.decl.vulnerability_disclosure.monitors_vulnerabilities,
                &["vulnerability_disclosure.monitors_vulnerabilities"],
                msg!("ctl-vuln-monitoring-pass"),
                msg!("ctl-vuln-monitoring-fail"),
                msg!("ctl-vuln-monitoring-unknown"),
            )
        },
        "vuln.public-advisories" => |c| {
            claim(
                c.decl.vulnerability_disclosure.publishes_advisories,
                &["vulnerability_disclosure.publishes_advisories"],
                msg!("ctl-vuln-public-advisories-pass"),
                msg!("ctl-vuln-public-advisories-fail"),
                msg!("ctl-vuln-public-advisories-unknown"),
            )
        },
        "vuln.no-known-exploitable" => |c| {
            const F: &[&str] = &["vulnerability_disclosure.known_exploitable_at_release"];
            match c.decl.vulnerability_disclosure.known_exploitable_at_release {
                Some(0) => Outcome::pass(msg!("ctl-vuln-no-known-exploitable-pass"), F),
                Some(n) => Outcome::fail(say!(c, "ctl-vuln-no-known-exploitable-fail", count = n), F),
                None => Outcome::unknown(msg!("ctl-vuln-no-known-exploitable-unknown"), F),
            }
        },
        "vuln.security-testing" => |c| {
            claim(
                c.decl.software.security_testing,
                &["software.security_testing"],
                msg!("ctl-vuln-security-testing-pass"),
                msg!("ctl-vuln-security-testing-fail"),
                msg!("ctl-vuln-security-testing-unknown"),
            )
        },
        "sbom.maintained" => |c| {
            const F: &[&str] = &["software.sbom"];
            match &c.decl.software.sbom {
                Some(s) => Outcome::pass(
                    match s.format {
                        SbomFormat::CycloneDx => msg!("ctl-sbom-maintained-pass-cyclonedx"),
                        SbomFormat::Spdx => msg!("ctl-sbom-maintained-pass-spdx"),
                    },
                    F,
                ),
                None => Outcome::unknown(msg!("ctl-sbom-maintained-unknown"), F),
            }
        },
        "identity.model-designation" => |c| {
            claim(
                c.decl.identity.model_marked_on_device,
                &["identity.model_marked_on_device"],
                msg!("ctl-identity-model-designation-pass"),
                msg!("ctl-identity-model-designation-fail"),
                msg!("ctl-identity-model-designation-unknown"),
            )
        },
        "update.mechanism" => |c| {
            const F: &[&str] = &["updates.mechanism", "updates.signed"];
            match (c.decl.updates.mechanism, c.decl.updates.signed) {
                (UpdateMechanism::None, _) => {
                    Outcome::fail(msg!("ctl-update-mechanism-fail-not-updatable"), F)
                }
                (_, Some(true)) => Outcome::pass(msg!("ctl-update-mechanism-pass"), F),
                (_, Some(false)) => Outcome::fail(msg!("ctl-update-mechanism-fail-unsigned"), F),
                (_, None) => Outcome::unknown(msg!("ctl-update-mechanism-unknown"), F),
            }
        },
        "update.all-components" => |c| {
            if c.decl.updates.mechanism == UpdateMechanism::None {
                return Outcome::fail(msg!("ctl-update-all-components-fail-none"), &["updates.mechanism"]);
            }
            claim(
                c.decl.updates.all_components_updatable,
                &["updates.all_components_updatable"],
                msg!("ctl-update-all-components-pass"),
                msg!("ctl-update-all-components-fail"),
                msg!("ctl-update-all-components-unknown"),
            )
        },
        "update.simple" => |c| {
            const F: &[&str] = &["updates.mechanism", "updates.notification"];
            let u = &c.decl.updates;
            match u.mechanism {
                UpdateMechanism::None => Outcome::na(msg!("ctl-shared-not-updatable"), F),
                UpdateMechanism::AutomaticByDefault | UpdateMechanism::AutomaticOptIn => {
                    Outcome::pass(msg!("ctl-update-simple-pass-automatic"), F)
                }
                UpdateMechanism::Manual
                    if u.notification.iter().any(|n| {
                        matches!(n, NotificationChannel::App | NotificationChannel::DeviceScreen)
                    }) =>
                {
                    Outcome::pass(msg!("ctl-update-simple-pass-prompted"), F)
                }
                UpdateMechanism::Manual if u.notification.is_empty() => {
                    Outcome::unknown(msg!("ctl-update-simple-unknown"), F)
                }
                UpdateMechanism::Manual => Outcome::fail(msg!("ctl-update-simple-fail"), F),
            }
        },
        "update.automatic-available" => |c| {
            const F: &[&str] = &["updates.mechanism"];
            match c.decl.updates.mechanism {
                UpdateMechanism::None => Outcome::na(msg!("ctl-shared-not-updatable"), F),
                UpdateMechanism::AutomaticByDefault | UpdateMechanism::AutomaticOptIn => {
                    Outcome::pass(msg!("ctl-update-automatic-available-pass"), F)
                }
                UpdateMechanism::Manual => Outcome::fail(msg!("ctl-update-automatic-available-fail"), F),
            }
        },
        "update.automatic-by-default" => |c| {
            const F: &[&str] = &["updates.mechanism"];
            match c.decl.updates.mechanism {
                UpdateMechanism::None => Outcome::na(msg!("ctl-shared-not-updatable"), F),
                UpdateMechanism::AutomaticByDefault => {
                    Outcome::pass(msg!("ctl-update-automatic-by-default-pass"), F)
                }
                UpdateMechanism::AutomaticOptIn => {
                    Outcome::fail(msg!("ctl-update-automatic-by-default-fail-opt-in"), F)
                }
                UpdateMechanism::Manual => {
                    Outcome::fail(msg!("ctl-update-automatic-by-default-fail-manual"), F)
                }
            }
        },
        "update.periodic-check" => |c| {
            claim(
                c.decl.updates.periodic_check,
                &["updates.periodic_check"],
                msg!("ctl-update-periodic-check-pass"),
                msg!("ctl-update-periodic-check-fail"),
                msg!("ctl-update-periodic-check-unknown"),
            )
        },
        "update.user-control" => |c| {
            if c.decl.updates.mechanism == UpdateMechanism::None {
                return Outcome::na(msg!("ctl-update-user-control-na"), &["updates.mechanism"]);
            }
            claim(
                c.decl.updates.user_can_defer,
                &["updates.user_can_defer"],
                msg!("ctl-update-user-control-pass"),
                msg!("ctl-update-user-control-fail"),
                msg!("ctl-update-user-control-unknown"),
            )
        },
        "update.notification" => |c| {
            const F: &[&str] = &["updates.notification"];
            let n = &c.decl.updates.notification;
            if n.is_empty() {
                Outcome::unknown(msg!("ctl-update-notification-unknown"), F)
            } else if n.contains(&NotificationChannel::None) {
                Outcome::fail(msg!("ctl-update-notification-fail"), F)
            } else {
                Outcome::pass(msg!("ctl-update-notification-pass"), F)
            }
        },
        "update.secure-crypto" => |c| {
            const F: &[&str] = &["updates.signed", "updates.secure_delivery"];
            match (c.decl.updates.signed, c.decl.updates.secure_delivery) {
                (Some(true), Some(true)) => Outcome::pass(msg!("ctl-update-secure-crypto-pass"), F),
                (Some(false), _) => Outcome::fail(msg!("ctl-update-secure-crypto-fail-unsigned"), F),
                (_, Some(false)) => Outcome::fail(msg!("ctl-update-secure-crypto-fail-insecure-channel"), F),
                _ => Outcome::unknown(msg!("ctl-update-secure-crypto-unknown"), F),
            }
        },
        "update.timely" => |c| {
            const F: &[&str] = &["updates.time_to_fix_days", "updates.support_end", "updates.mechanism"];
            let u = &c.decl.updates;
            // A device that cannot be updated gets no security updates, whatever else is promised.
            if u.mechanism == UpdateMechanism::None {
                return Outcome::fail(msg!("ctl-update-timely-fail-not-updatable"), F);
            }
            if let Some(end) = u.support_end
                && end < c.as_of
            {
                return Outcome::fail(say!(c, "ctl-update-timely-fail-ended", end = end), F);
            }
            match u.time_to_fix_days {
                Some(d) if d <= MAX_TIME_TO_FIX_DAYS => {
                    Outcome::pass(say!(c, "ctl-update-timely-pass", days = d), F)
                }
                Some(d) => {
                    Outcome::fail(say!(c, "ctl-update-timely-fail", days = d, max = MAX_TIME_TO_FIX_DAYS), F)
                }
                None => Outcome::unknown(msg!("ctl-update-timely-unknown"), F),
            }
        },
        "update.verified-on-device" => |c| {
            const F: &[&str] = &["updates.verified_on_device", "updates.signed"];
            match (c.decl.updates.verified_on_device, c.decl.updates.signed) {
                (Some(true), Some(true)) => Outcome::pass(msg!("ctl-update-verified-on-device-pass"), F),
                (Some(false), _) | (_, Some(false)) => {
                    Outcome::fail(msg!("ctl-update-verified-on-device-fail"), F)
                }
                _ => Outcome::unknown(msg!("ctl-update-verified-on-device-unknown"), F),
            }
        },
        "update.trusted-delivery" => |c| {
            claim(
                c.decl.updates.secure_delivery,
                &["updates.secure_delivery"],
                msg!("ctl-update-trusted-delivery-pass"),
                msg!("ctl-update-trusted-delivery-fail"),
                msg!("ctl-update-trusted-delivery-unknown"),
            )
        },
        "update.guidance" => |c| {
            claim(
                c.decl.documentation.update_guidance,
                &["documentation.update_guidance"],
                msg!("ctl-update-guidance-pass"),
                msg!("ctl-update-guidance-fail"),
                msg!("ctl-update-guidance-unknown"),
            )
        },
        "update.disruption-warning" => |c| {
            claim(
                c.decl.updates.warns_of_disruption,
                &["updates.warns_of_disruption"],
                msg!("ctl-update-disruption-warning-pass"),
                msg!("ctl-update-disruption-warning-fail"),
                msg!("ctl-update-disruption-warning-unknown"),
            )
        },
        "update.support-period-published" => |c| {
            const F: &[&str] = &["updates.support_end", "updates.support_period_url", "updates.mechanism"];
            match (c.decl.updates.support_end, &c.decl.updates.support_period_url) {
                // Security updates promised until a date on a device that cannot receive any.
                (Some(end), _) if c.decl.updates.mechanism == UpdateMechanism::None => Outcome::fail(
                    say!(c, "ctl-update-support-period-published-fail-not-updatable", end = end),
                    F,
                ),
                (Some(end), Some(_)) => {
                    Outcome::pass(say!(c, "ctl-update-support-period-published-pass", end = end), F)
                }
                (Some(end), None) => Outcome::fail(
                    say!(c, "ctl-update-support-period-published-fail-unpublished", end = end),
                    F,
                ),
                (None, _) => Outcome::fail(msg!("ctl-update-support-period-published-fail"), F),
            }
        },
        "update.still-supported" => |c| {
            const F: &[&str] = &["updates.support_end", "updates.mechanism"];
            if c.decl.updates.mechanism == UpdateMechanism::None {
                return Outcome::fail(msg!("ctl-update-still-supported-fail-not-updatable"), F);
            }
            match c.decl.updates.support_end {
                Some(end) if end >= c.as_of => {
                    Outcome::pass(say!(c, "ctl-update-still-supported-pass", end = end), F)
                }
                Some(end) => Outcome::fail(say!(c, "ctl-update-still-supported-fail", end = end), F),
                None => Outcome::unknown(msg!("ctl-update-still-supported-unknown"), F),
            }
        },
        "update.support-period-cra" => support_period_cra,
        "update.not-updatable-rationale" => |c| {
            const F: &[&str] = &["updates.not_updatable_rationale"];
            if c.decl.updates.mechanism != UpdateMechanism::None {
                return Outcome::na(msg!("ctl-update-not-updatable-rationale-na"), F);
            }
            match &c.decl.updates.not_updatable_rationale {
                Some(_) => Outcome::pass(msg!("ctl-update-not-updatable-rationale-pass"), F),
                None => Outcome::fail(msg!("ctl-update-not-updatable-rationale-fail"), F),
            }
        },
        "update.free-of-charge" => |c| {
            claim(
                c.decl.updates.free_of_charge,
                &["updates.free_of_charge"],
                msg!("ctl-update-free-of-charge-pass"),
                msg!("ctl-update-free-of-charge-fail"),
                msg!("ctl-update-free-of-charge-unknown"),
            )
        },
        "update.security-separate" => |c| {
            claim(
                c.decl.updates.security_separate_from_features,
                &["updates.security_separate_from_features"],
                msg!("ctl-update-security-separate-pass"),
                msg!("ctl-update-security-separate-fail"),
                msg!("ctl-update-security-separate-unknown"),
            )
        },
        "storage.secure-secrets" => |c| {
            claim(
                c.decl.hardware.secrets_stored_securely,
                &["hardware.secrets_stored_securely"],
                msg!("ctl-storage-secure-secrets-pass"),
                msg!("ctl-storage-secure-secrets-fail"),
                msg!("ctl-storage-secure-secrets-unknown"),
            )
        },
        "storage.tamper-resistant-identity" => |c| {
            claim(
                c.decl.hardware.tamper_resistant_identity,
                &["hardware.tamper_resistant_identity"],
                msg!("ctl-storage-tamper-resistant-identity-pass"),
                msg!("ctl-storage-tamper-resistant-identity-fail"),
                msg!("ctl-storage-tamper-resistant-identity-unknown"),
            )
        },
        "storage.no-hardcoded-secrets" => |c| {
            claim(
                c.decl.software.no_hardcoded_secrets,
                &["software.no_hardcoded_secrets"],
                msg!("ctl-storage-no-hardcoded-secrets-pass"),
                msg!("ctl-storage-no-hardcoded-secrets-fail"),
                msg!("ctl-storage-no-hardcoded-secrets-unknown"),
            )
        },
        "storage.per-device-service-keys" => |c| {
            claim(
                c.decl.software.per_device_service_keys,
                &["software.per_device_service_keys"],
                msg!("ctl-storage-per-device-service-keys-pass"),
                msg!("ctl-storage-per-device-service-keys-fail"),
                msg!("ctl-storage-per-device-service-keys-unknown"),
            )
        },
        "comms.encrypted" => |c| {
            const F: &[&str] = &[
                "communication.encryption_in_transit",
                "communication.min_tls_version",
                "communication.local_services",
                "network.cloud_endpoints",
            ];
            let cm = &c.decl.communication;
            // "All traffic is encrypted" is checked against the services and endpoints the
            // declaration itself lists (time and name lookups, NTP and DNS, are not counted).
            let plaintext_services =
                cm.local_services.iter().filter(|s| s.enabled_by_default && !s.encrypted);
            let plaintext_endpoints = c.decl.network.cloud_endpoints.iter().filter(|e| {
                matches!(e.protocol, Protocol::Http | Protocol::Mqtt | Protocol::Coap | Protocol::Rtsp)
            });
            if cm.encryption_in_transit == Coverage::All
                && (plaintext_services.clone().next().is_some()
                    || plaintext_endpoints.clone().next().is_some())
            {
                let services = plaintext_services
                    .map(|s| msg!("ctl-service-port", name = s.name.clone(), port = u32::from(s.port)))
                    .chain(plaintext_endpoints.map(|e| {
                        msg!(
                            "ctl-endpoint-protocol",
                            domain = e.domain.clone(),
                            port = u32::from(e.port),
                            protocol = e.protocol.as_str(),
                        )
                    }));
                return Outcome::fail(
                    say!(c, "ctl-comms-encrypted-fail-inconsistent", services = phrases(services)),
                    F,
                );
            }
            match (cm.encryption_in_transit, cm.min_tls_version) {
                (Coverage::None, _) => Outcome::fail(msg!("ctl-comms-encrypted-fail-none"), F),
                (Coverage::Partial, _) => Outcome::fail(msg!("ctl-comms-encrypted-fail-partial"), F),
                (Coverage::All, Some(v)) if v >= TlsVersion::V1_2 => {
                    Outcome::pass(say!(c, "ctl-comms-encrypted-pass", version = v.as_str()), F)
                }
                (Coverage::All, Some(v)) => {
                    Outcome::fail(say!(c, "ctl-comms-encrypted-fail-old-tls", version = v.as_str()), F)
                }
                (Coverage::All, None) => Outcome::unknown(msg!("ctl-comms-encrypted-unknown"), F),
            }
        },
        "comms.reviewed-implementations" => |c| {
            claim(
                c.decl.communication.reviewed_implementations,
                &["communication.reviewed_implementations"],
                msg!("ctl-comms-reviewed-implementations-pass"),
                msg!("ctl-comms-reviewed-implementations-fail"),
                msg!("ctl-comms-reviewed-implementations-unknown"),
            )
        },
        "comms.crypto-agility" => |c| {
            claim(
                c.decl.communication.crypto_agile,
                &["communication.crypto_agile"],
                msg!("ctl-comms-crypto-agility-pass"),
                msg!("ctl-comms-crypto-agility-fail"),
                msg!("ctl-comms-crypto-agility-unknown"),
            )
        },
        "comms.secrets-encrypted" => |c| {
            const F: &[&str] =
                &["communication.secrets_encrypted_in_transit", "communication.local_services"];
            // A service that asks for credentials without encrypting its traffic sends them in
            // clear text, whatever the declaration says about secrets in general.
            let plain = |s: &&LocalService| s.authenticated && !s.encrypted;
            let services = &c.decl.communication.local_services;
            if services.iter().any(|s| plain(&s)) {
                return Outcome::fail(
                    say!(
                        c,
                        "ctl-comms-secrets-encrypted-fail-plain-login",
                        services = words(services.iter().filter(plain).map(|s| s.name.as_str()))
                    ),
                    F,
                );
            }
            claim(
                c.decl.communication.secrets_encrypted_in_transit,
                F,
                msg!("ctl-comms-secrets-encrypted-pass"),
                msg!("ctl-comms-secrets-encrypted-fail"),
                msg!("ctl-comms-secrets-encrypted-unknown"),
            )
        },
        "comms.key-lifecycle" => |c| {
            claim(
                c.decl.software.key_lifecycle_managed,
                &["software.key_lifecycle_managed"],
                msg!("ctl-comms-key-lifecycle-pass"),
                msg!("ctl-comms-key-lifecycle-fail"),
                msg!("ctl-comms-key-lifecycle-unknown"),
            )
        },
        "surface.no-insecure-services" => |c| {
            const F: &[&str] = &["communication.local_services"];
            const INSECURE: &[&str] =
                &["telnet", "ftp", "tftp", "rlogin", "rsh", "snmpv1", "snmpv2c", "upnp"];
            let services = &c.decl.communication.local_services;
            let bad = |s: &&LocalService| {
                s.enabled_by_default
                    && (INSECURE.contains(&s.name.to_ascii_lowercase().as_str()) || !s.authenticated)
            };
            if !services.iter().any(|s| bad(&s)) {
                if services.is_empty() {
                    Outcome::pass(msg!("ctl-surface-no-insecure-services-pass-no-services"), F)
                } else {
                    Outcome::pass(msg!("ctl-surface-no-insecure-services-pass-authenticated"), F)
                }
            } else {
                let port = |s: &LocalService| {
                    msg!("ctl-service-port", name = s.name.clone(), port = u32::from(s.port))
                };
                Outcome::fail(
                    say!(
                        c,
                        "ctl-surface-no-insecure-services-fail",
                        services = phrases(services.iter().filter(bad).map(port))
                    ),
                    F,
                )
            }
        },
        "surface.minimal-services" => |c| {
            claim(
                c.decl.software.minimal_services,
                &["software.minimal_services"],
                msg!("ctl-surface-minimal-services-pass"),
                msg!("ctl-surface-minimal-services-fail"),
                msg!("ctl-surface-minimal-services-unknown"),
            )
        },
        "surface.physical-interfaces" => |c| {
            claim(
                c.decl.hardware.unneeded_physical_interfaces_removed,
                &["hardware.unneeded_physical_interfaces_removed"],
                msg!("ctl-surface-physical-interfaces-pass"),
                msg!("ctl-surface-physical-interfaces-fail"),
                msg!("ctl-surface-physical-interfaces-unknown"),
            )
        },
        "surface.debug-locked" => |c| {
            const F: &[&str] = &["hardware.debug_interfaces"];
            match c.decl.hardware.debug_interfaces {
                Some(DebugInterfaces::Absent) => {
                    Outcome::pass(msg!("ctl-surface-debug-locked-pass-absent"), F)
                }
                Some(DebugInterfaces::Locked) => {
                    Outcome::pass(msg!("ctl-surface-debug-locked-pass-locked"), F)
                }
                Some(DebugInterfaces::Open) => Outcome::fail(msg!("ctl-surface-debug-locked-fail"), F),
                None => Outcome::unknown(msg!("ctl-surface-debug-locked-unknown"), F),
            }
        },
        "surface.debug-physical" => |c| {
            const F: &[&str] = &["hardware.debug_ports_physically_protected"];
            if c.decl.hardware.debug_interfaces == Some(DebugInterfaces::Absent) {
                return Outcome::na(msg!("ctl-surface-debug-physical-na"), F);
            }
            claim(
                c.decl.hardware.debug_ports_physically_protected,
                F,
                msg!("ctl-surface-debug-physical-pass"),
                msg!("ctl-surface-debug-physical-fail"),
                msg!("ctl-surface-debug-physical-unknown"),
            )
        },
        "surface.minimal-code" => |c| {
            claim(
                c.decl.software.minimal_code,
                &["software.minimal_code"],
                msg!("ctl-surface-minimal-code-pass"),
                msg!("ctl-surface-minimal-code-fail"),
                msg!("ctl-surface-minimal-code-unknown"),
            )
        },
        "surface.least-privilege" => |c| {
            claim(
                c.decl.software.least_privilege,
                &["software.least_privilege"],
                msg!("ctl-surface-least-privilege-pass"),
                msg!("ctl-surface-least-privilege-fail"),
                msg!("ctl-surface-least-privilege-unknown"),
            )
        },
        "surface.memory-protection" => |c| {
            claim(
                c.decl.hardware.memory_protection,
                &["hardware.memory_protection"],
                msg!("ctl-surface-memory-protection-pass"),
                msg!("ctl-surface-memory-protection-fail"),
                msg!("ctl-surface-memory-protection-unknown"),
            )
        },
        "surface.exploit-mitigations" => |c| {
            claim(
                c.decl.software.exploit_mitigations,
                &["software.exploit_mitigations"],
                msg!("ctl-surface-exploit-mitigations-pass"),
                msg!("ctl-surface-exploit-mitigations-fail"),
                msg!("ctl-surface-exploit-mitigations-unknown"),
            )
        },
        "process.secure-development" => |c| {
            claim(
                c.decl.software.secure_development,
                &["software.secure_development"],
                msg!("ctl-process-secure-development-pass"),
                msg!("ctl-process-secure-development-fail"),
                msg!("ctl-process-secure-development-unknown"),
            )
        },
        "config.secure-by-default" => |c| {
            claim(
                c.decl.software.secure_by_default,
                &["software.secure_by_default"],
                msg!("ctl-config-secure-by-default-pass"),
                msg!("ctl-config-secure-by-default-fail"),
                msg!("ctl-config-secure-by-default-unknown"),
            )
        },
        "integrity.secure-boot" => |c| {
            claim(
                c.decl.hardware.secure_boot,
                &["hardware.secure_boot"],
                msg!("ctl-integrity-secure-boot-pass"),
                msg!("ctl-integrity-secure-boot-fail"),
                msg!("ctl-integrity-secure-boot-unknown"),
            )
        },
        "integrity.tamper-response" => |c| {
            claim(
                c.decl.software.tamper_response,
                &["software.tamper_response"],
                msg!("ctl-integrity-tamper-response-pass"),
                msg!("ctl-integrity-tamper-response-fail"),
                msg!("ctl-integrity-tamper-response-unknown"),
            )
        },
        "data.encrypted-in-transit" => |c| {
            const F: &[&str] = &["data.personal_data_encrypted_in_transit", "data.collected"];
            if c.decl.data.collected.is_empty() {
                return Outcome::na(msg!("ctl-shared-no-personal-data"), F);
            }
            claim(
                c.decl.data.personal_data_encrypted_in_transit,
                F,
                msg!("ctl-data-encrypted-in-transit-pass"),
                msg!("ctl-data-encrypted-in-transit-fail"),
                msg!("ctl-data-encrypted-in-transit-unknown"),
            )
        },
        "data.encrypted-at-rest" => |c| {
            claim(
                c.decl.data.encrypted_at_rest,
                &["data.encrypted_at_rest"],
                msg!("ctl-data-encrypted-at-rest-pass"),
                msg!("ctl-data-encrypted-at-rest-fail"),
                msg!("ctl-data-encrypted-at-rest-unknown"),
            )
        },
        "sensors.documented" => |c| {
            const F: &[&str] = &["sensors"];
            if c.decl.sensors.is_empty() {
                return Outcome::na(msg!("ctl-sensors-documented-na"), F);
            }
            let undocumented: Vec<&str> = c
                .decl
                .sensors
                .iter()
                .filter(|s| s.documented == Some(false))
                .map(|s| s.kind.as_str())
                .collect();
            let unsaid: Vec<&str> =
                c.decl.sensors.iter().filter(|s| s.documented.is_none()).map(|s| s.kind.as_str()).collect();
            if undocumented.is_empty() && unsaid.is_empty() {
                Outcome::pass(msg!("ctl-sensors-documented-pass"), F)
            } else if undocumented.is_empty() {
                Outcome::unknown(
                    say!(c, "ctl-sensors-documented-unknown", sensors = terms(TermKind::Sensor, unsaid)),
                    F,
                )
            } else {
                Outcome::fail(
                    say!(c, "ctl-sensors-documented-fail", sensors = terms(TermKind::Sensor, undocumented)),
                    F,
                )
            }
        },
        "sensors.user-control" => |c| {
            const F: &[&str] = &["sensors"];
            let sensitive: Vec<&Sensor> = c
                .decl
                .sensors
                .iter()
                .filter(|s| {
                    Taxonomy::builtin().get(TermKind::Sensor, &s.kind).is_some_and(|t| t.records_people)
                })
                .collect();
            if sensitive.is_empty() {
                return Outcome::na(msg!("ctl-sensors-user-control-na"), F);
            }
            let weak: Vec<&str> = sensitive
                .iter()
                .filter(|s| {
                    !s.indicator || !matches!(s.off_switch, OffSwitch::PhysicalSwitch | OffSwitch::Cover)
                })
                .map(|s| s.kind.as_str())
                .collect();
            if weak.is_empty() {
                Outcome::pass(msg!("ctl-sensors-user-control-pass"), F)
            } else {
                Outcome::fail(
                    say!(c, "ctl-sensors-user-control-fail", sensors = terms(TermKind::Sensor, weak)),
                    F,
                )
            }
        },
        "resilience.local-function" => |c| {
            const F: &[&str] = &["communication.offline_function"];
            match c.decl.communication.offline_function {
                OfflineFunction::Full => Outcome::pass(msg!("ctl-resilience-local-function-pass-full"), F),
                OfflineFunction::Partial => {
                    Outcome::pass(msg!("ctl-resilience-local-function-pass-partial"), F)
                }
                OfflineFunction::None => Outcome::fail(msg!("ctl-resilience-local-function-fail"), F),
            }
        },
        "resilience.orderly-reconnect" => |c| {
            claim(
                c.decl.communication.orderly_reconnection,
                &["communication.orderly_reconnection"],
                msg!("ctl-resilience-orderly-reconnect-pass"),
                msg!("ctl-resilience-orderly-reconnect-fail"),
                msg!("ctl-resilience-orderly-reconnect-unknown"),
            )
        },
        "resilience.dos" => |c| {
            claim(
                c.decl.communication.dos_resilient,
                &["communication.dos_resilient"],
                msg!("ctl-resilience-dos-pass"),
                msg!("ctl-resilience-dos-fail"),
                msg!("ctl-resilience-dos-unknown"),
            )
        },
        "monitoring.telemetry-examined" => |c| {
            const F: &[&str] = &["data.telemetry.examined_for_anomalies"];
            match &c.decl.data.telemetry {
                Some(t) if !t.collected => Outcome::na(msg!("ctl-shared-no-telemetry"), F),
                Some(t) => claim(
                    t.examined_for_anomalies,
                    F,
                    msg!("ctl-monitoring-telemetry-examined-pass"),
                    msg!("ctl-monitoring-telemetry-examined-fail"),
                    msg!("ctl-monitoring-telemetry-examined-unknown"),
                ),
                None => Outcome::unknown(msg!("ctl-shared-telemetry-unknown"), F),
            }
        },
        "monitoring.security-logging" => |c| {
            claim(
                c.decl.software.security_logging,
                &["software.security_logging"],
                msg!("ctl-monitoring-security-logging-pass"),
                msg!("ctl-monitoring-security-logging-fail"),
                msg!("ctl-monitoring-security-logging-unknown"),
            )
        },
        "deletion.device-reset" => |c| {
            claim(
                c.decl.data.deletion_on_factory_reset,
                &["data.deletion_on_factory_reset"],
                msg!("ctl-deletion-device-reset-pass"),
                msg!("ctl-deletion-device-reset-fail"),
                msg!("ctl-deletion-device-reset-unknown"),
            )
        },
        "deletion.cloud" => |c| {
            const F: &[&str] = &["data.deletion_on_request"];
            let in_cloud = c.decl.data.collected.iter().any(|d| d.stored != StorageLocation::Device);
            if !in_cloud {
                return Outcome::na(msg!("ctl-deletion-cloud-na"), F);
            }
            claim(
                c.decl.data.deletion_on_request,
                F,
                msg!("ctl-deletion-cloud-pass"),
                msg!("ctl-deletion-cloud-fail"),
                msg!("ctl-deletion-cloud-unknown"),
            )
        },
        "deletion.instructions" => |c| {
            claim(
                c.decl.data.deletion_instructions,
                &["data.deletion_instructions"],
                msg!("ctl-deletion-instructions-pass"),
                msg!("ctl-deletion-instructions-fail"),
                msg!("ctl-deletion-instructions-unknown"),
            )
        },
        "deletion.confirmation" => |c| {
            claim(
                c.decl.data.deletion_confirmed,
                &["data.deletion_confirmed"],
                msg!("ctl-deletion-confirmation-pass"),
                msg!("ctl-deletion-confirmation-fail"),
                msg!("ctl-deletion-confirmation-unknown"),
            )
        },
        "data.portability" => |c| {
            claim(
                c.decl.data.portable,
                &["data.portable"],
                msg!("ctl-data-portability-pass"),
                msg!("ctl-data-portability-fail"),
                msg!("ctl-data-portability-unknown"),
            )
        },
        "setup.minimal-decisions" => |c| {
            claim(
                c.decl.documentation.minimal_setup_decisions,
                &["documentation.minimal_setup_decisions"],
                msg!("ctl-setup-minimal-decisions-pass"),
                msg!("ctl-setup-minimal-decisions-fail"),
                msg!("ctl-setup-minimal-decisions-unknown"),
            )
        },
        "setup.secure-guide" => |c| {
            claim(
                c.decl.documentation.secure_setup_guide,
                &["documentation.secure_setup_guide"],
                msg!("ctl-setup-secure-guide-pass"),
                msg!("ctl-setup-secure-guide-fail"),
                msg!("ctl-setup-secure-guide-unknown"),
            )
        },
        "setup.check-guide" => |c| {
            claim(
                c.decl.documentation.setup_check_guide,
                &["documentation.setup_check_guide"],
                msg!("ctl-setup-check-guide-pass"),
                msg!("ctl-setup-check-guide-fail"),
                msg!("ctl-setup-check-guide-unknown"),
            )
        },
        "input.validation" => |c| {
            claim(
                c.decl.software.input_validation,
                &["software.input_validation"],
                msg!("ctl-input-validation-pass"),
                msg!("ctl-input-validation-fail"),
                msg!("ctl-input-validation-unknown"),
            )
        },
        "privacy.transparency" => |c| {
            const F: &[&str] = &["data.privacy_policy_url", "data.collected"];
            match &c.decl.data.privacy_policy_url {
                Some(_) => Outcome::pass(msg!("ctl-privacy-transparency-pass"), F),
                None if c.decl.data.collected.is_empty() => {
                    Outcome::pass(msg!("ctl-shared-no-personal-data"), F)
                }
                None => Outcome::fail(msg!("ctl-privacy-transparency-fail"), F),
            }
        },
        "privacy.consent" => |c| {
            const F: &[&str] = &["data.consent_based", "data.consent_withdrawable", "data.collected"];
            if c.decl.data.collected.is_empty() {
                return Outcome::na(msg!("ctl-shared-no-personal-data"), F);
            }
            match c.decl.data.consent_based {
                Some(false) => Outcome::na(msg!("ctl-privacy-consent-na"), F),
                None => Outcome::unknown(msg!("ctl-privacy-consent-unknown-consent-based"), F),
                Some(true) => claim(
                    c.decl.data.consent_withdrawable,
                    F,
                    msg!("ctl-privacy-consent-pass"),
                    msg!("ctl-privacy-consent-fail"),
                    msg!("ctl-privacy-consent-unknown-withdrawable"),
                ),
            }
        },
        "privacy.telemetry-minimised" => |c| {
            telemetry(
                c,
                |t| t.personal_data_minimised,
                &["data.telemetry.personal_data_minimised"],
                msg!("ctl-privacy-telemetry-minimised-pass"),
                msg!("ctl-privacy-telemetry-minimised-fail"),
                msg!("ctl-privacy-telemetry-minimised-unknown"),
            )
        },
        "privacy.telemetry-described" => |c| {
            telemetry(
                c,
                |t| t.described_to_user,
                &["data.telemetry.described_to_user"],
                msg!("ctl-privacy-telemetry-described-pass"),
                msg!("ctl-privacy-telemetry-described-fail"),
                msg!("ctl-privacy-telemetry-described-unknown"),
            )
        },
        "privacy.minimisation" => |c| {
            const F: &[&str] = &["data.minimised", "data.collected"];
            if c.decl.data.collected.is_empty() {
                return Outcome::na(msg!("ctl-shared-no-personal-data"), F);
            }
            claim(
                c.decl.data.minimised,
                F,
                msg!("ctl-privacy-minimisation-pass"),
                msg!("ctl-privacy-minimisation-fail"),
                msg!("ctl-privacy-minimisation-unknown"),
            )
        },
        "privacy.anonymisation" => |c| {
            const F: &[&str] = &["data.anonymised", "data.collected"];
            if c.decl.data.collected.is_empty() {
                return Outcome::na(msg!("ctl-shared-no-personal-data"), F);
            }
            claim(
                c.decl.data.anonymised,
                F,
                msg!("ctl-privacy-anonymisation-pass"),
                msg!("ctl-privacy-anonymisation-fail"),
                msg!("ctl-privacy-anonymisation-unknown"),
            )
        },
        "privacy.no-sale" => |c| {
            const F: &[&str] = &["data.collected"];
            let kinds = |want: Option<bool>| -> Vec<&str> {
                c.decl.data.collected.iter().filter(|d| d.sold == want).map(|d| d.kind.as_str()).collect()
            };
            let (sold, unsaid) = (kinds(Some(true)), kinds(None));
            if sold.is_empty() && unsaid.is_empty() {
                Outcome::pass(msg!("ctl-privacy-no-sale-pass"), F)
            } else if sold.is_empty() {
                Outcome::unknown(
                    say!(c, "ctl-privacy-no-sale-unknown", data = terms(TermKind::Data, unsaid)),
                    F,
                )
            } else {
                Outcome::fail(say!(c, "ctl-privacy-no-sale-fail", data = terms(TermKind::Data, sold)), F)
            }
        },
        "evidence.binary-analysis" => |_| Outcome::unknown(msg!("ctl-evidence-binary-analysis-unknown"), &[]),
        "evidence.penetration-test" => {
            |_| Outcome::unknown(msg!("ctl-evidence-penetration-test-unknown"), &[])
        }
        _ => return crate::ownership::evaluator(id),
    })
}

fn telemetry(
    c: &Ctx<'_>,
    get: fn(&Telemetry) -> Option<bool>,
    fields: &'static [&'static str],
    yes: Msg,
    no: Msg,
    missing: Msg,
) -> Outcome {
    match &c.decl.data.telemetry {
        Some(t) if !t.collected => Outcome::na(msg!("ctl-shared-no-telemetry"), fields),
        Some(t) => claim(get(t), fields, yes, no, missing),
        None => Outcome::unknown(msg!("ctl-shared-telemetry-unknown"), fields),
    }
}

fn disclosure_policy(c: &Ctx<'_>) -> Outcome {
    const F: &[&str] = &[
        "vulnerability_disclosure.policy_url",
        "vulnerability_disclosure.contact",
        "vulnerability_disclosure.acknowledgement_days",
        "vulnerability_disclosure.status_update_days",
    ];
    let v = &c.decl.vulnerability_disclosure;
    let lacks = [
        (v.policy_url.is_none(), "ctl-vuln-disclosure-policy-lacks-policy"),
        (v.contact.is_none(), "ctl-vuln-disclosure-policy-lacks-contact"),
        (v.acknowledgement_days.is_none(), "ctl-vuln-disclosure-policy-lacks-acknowledgement"),
        (v.status_update_days.is_none(), "ctl-vuln-disclosure-policy-lacks-status-updates"),
    ];
    if lacks.iter().all(|(lacking, _)| !lacking) {
        return Outcome::pass(msg!("ctl-vuln-disclosure-policy-pass"), F);
    }
    if v.policy_url.is_none() && v.contact.is_none() {
        return Outcome::fail(msg!("ctl-vuln-disclosure-policy-fail"), F);
    }
    Outcome::fail(
        say!(
            c,
            "ctl-vuln-disclosure-policy-fail-incomplete",
            missing = phrases(lacks.iter().filter(|(lacking, _)| *lacking).map(|(_, id)| Msg::new(id)))
        ),
        F,
    )
}

fn user_information(c: &Ctx<'_>) -> Outcome {
    const F: &[&str] = &[
        "identity.manufacturer.address",
        "identity.manufacturer.contact_email",
        "updates.support_end",
        "documentation.eu_declaration_url",
        "documentation.secure_setup_guide",
        "documentation.risks_documented",
        "documentation.decommissioning_guide",
    ];
    let d = c.decl;
    let checks: [(&str, Option<bool>); 7] = [
        ("identity.manufacturer.address", Some(d.identity.manufacturer.address.is_some())),
        ("identity.manufacturer.contact_email", Some(d.identity.manufacturer.contact_email.is_some())),
        ("updates.support_end", Some(d.updates.support_end.is_some())),
        ("documentation.eu_declaration_url", Some(d.documentation.eu_declaration_url.is_some())),
        ("documentation.secure_setup_guide", d.documentation.secure_setup_guide),
        ("documentation.risks_documented", d.documentation.risks_documented),
        ("documentation.decommissioning_guide", d.documentation.decommissioning_guide),
    ];
    let absent: Vec<&str> = checks.iter().filter(|(_, v)| *v == Some(false)).map(|(f, _)| *f).collect();
    let unknown: Vec<&str> = checks.iter().filter(|(_, v)| v.is_none()).map(|(f, _)| *f).collect();
    if !absent.is_empty() {
        Outcome::fail(say!(c, "ctl-docs-user-information-fail", fields = words(absent)), F)
    } else if !unknown.is_empty() {
        Outcome::unknown(say!(c, "ctl-docs-user-information-unknown", fields = words(unknown)), F)
    } else {
        Outcome::pass(msg!("ctl-docs-user-information-pass"), F)
    }
}

/// Whole months from `start` to `end` (a month counts once its day of the month is reached).
fn whole_months(start: NaiveDate, end: NaiveDate) -> u32 {
    use chrono::Datelike;
    let months = (end.year() - start.year()) * 12 + end.month() as i32
        - start.month() as i32
        - i32::from(end.day() < start.day());
    u32::try_from(months).unwrap_or(0)
}

/// EU CRA Art. 13(8): support lasts at least `min_months` (five years) from the release date,
/// unless the product is expected to be in use for less; then it covers the expected use time.
fn support_period_cra(c: &Ctx<'_>) -> Outcome {
    const F: &[&str] = &["identity.release_date", "updates.support_end", "updates.expected_use_months"];
    let Some(min) = c.thresholds.support_period_cra_months else {
        return Outcome::unknown(msg!("ctl-update-support-period-cra-unknown-no-minimum"), &[]);
    };
    let Some(end) = c.decl.updates.support_end else {
        return Outcome::unknown(msg!("ctl-update-support-period-cra-unknown"), &["updates.support_end"]);
    };
    let months = whole_months(c.decl.identity.release_date, end);
    match c.decl.updates.expected_use_months {
        _ if months >= min => Outcome::pass(
            say!(c, "ctl-update-support-period-cra-pass", months = months, end = end, min = min),
            F,
        ),
        Some(expected) if expected < min && months >= expected => Outcome::pass(
            say!(
                c,
                "ctl-update-support-period-cra-pass-expected-use",
                months = months,
                end = end,
                expected = expected,
                min = min,
            ),
            F,
        ),
        Some(expected) if expected < min => Outcome::fail(
            say!(
                c,
                "ctl-update-support-period-cra-fail-expected-use",
                months = months,
                end = end,
                expected = expected,
            ),
            F,
        ),
        _ => Outcome::fail(
            say!(c, "ctl-update-support-period-cra-fail", months = months, end = end, min = min),
            F,
        ),
    }
}

fn compliance_statement_facts(c: &Ctx<'_>) -> Outcome {
    const F: &[&str] = &["identity.manufacturer.address", "updates.support_end"];
    let d = c.decl;
    match (&d.identity.manufacturer.address, d.updates.support_end) {
        (Some(_), Some(_)) => Outcome::pass(msg!("ctl-docs-compliance-statement-facts-pass"), F),
        (None, Some(_)) => Outcome::fail(msg!("ctl-docs-compliance-statement-facts-fail-address"), F),
        (Some(_), None) => Outcome::fail(msg!("ctl-docs-compliance-statement-facts-fail-support"), F),
        (None, None) => Outcome::fail(msg!("ctl-docs-compliance-statement-facts-fail-both"), F),
    }
}

/// An applicability condition, resolved from its id once when the engine is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    UsesPasswords,
    UniqueFactoryPasswords,
    HasUpdateMechanism,
    AutomaticUpdates,
    NotUpdatable,
    HasCloudAccount,
    HasCloudService,
    HasNetworkServices,
    HasSensors,
    HasDebugInterface,
    ProcessesPersonalData,
    ConsentBased,
    HasTelemetry,
    HasRemoteAccess,
    UpdateMechanismExpected,
}

impl Condition {
    /// How many conditions there are (they index per-declaration caches).
    pub const COUNT: usize = 15;

    pub fn from_id(id: &str) -> Option<Condition> {
        Some(match id {
            "uses-passwords" => Condition::UsesPasswords,
            "unique-factory-passwords" => Condition::UniqueFactoryPasswords,
            "has-update-mechanism" => Condition::HasUpdateMechanism,
            "automatic-updates" => Condition::AutomaticUpdates,
            "not-updatable" => Condition::NotUpdatable,
            "has-cloud-account" => Condition::HasCloudAccount,
            "has-cloud-service" => Condition::HasCloudService,
            "has-network-services" => Condition::HasNetworkServices,
            "has-sensors" => Condition::HasSensors,
            "has-debug-interface" => Condition::HasDebugInterface,
            "processes-personal-data" => Condition::ProcessesPersonalData,
            "consent-based" => Condition::ConsentBased,
            "has-telemetry" => Condition::HasTelemetry,
            "has-remote-access" => Condition::HasRemoteAccess,
            "update-mechanism-expected" => Condition::UpdateMechanismExpected,
            _ => return None,
        })
    }
}

/// Evaluates an applicability condition: `Some(true)` applies, `Some(false)` does not, `None` the
/// declaration does not say (with the field to fill in).
pub fn condition(c: Condition, d: &Declaration) -> Result<bool, &'static str> {
    let a = &d.authentication;
    Ok(match c {
        // A local service that asks for credentials is a login too, whatever `local_login` says.
        Condition::UsesPasswords => {
            a.default_password != DefaultPasswordPolicy::None
                || a.local_login
                    .iter()
                    .chain(&a.remote_login)
                    .any(|m| matches!(m, LoginMethod::Password | LoginMethod::Pin))
                || d.communication.local_services.iter().any(|s| s.authenticated)
        }
        Condition::UniqueFactoryPasswords => a.default_password == DefaultPasswordPolicy::UniquePerDevice,
        Condition::HasUpdateMechanism => d.updates.mechanism != UpdateMechanism::None,
        Condition::AutomaticUpdates => matches!(
            d.updates.mechanism,
            UpdateMechanism::AutomaticByDefault | UpdateMechanism::AutomaticOptIn
        ),
        Condition::NotUpdatable => d.updates.mechanism == UpdateMechanism::None,
        Condition::HasCloudAccount => match a.cloud_mfa {
            Some(MfaSupport::NoCloudAccount) => false,
            Some(_) => true,
            None if a.remote_login.contains(&LoginMethod::CloudAccount) => true,
            None => return Err("authentication.cloud_mfa"),
        },
        Condition::HasCloudService => {
            !d.network.cloud_endpoints.is_empty()
                || d.data.collected.iter().any(|x| x.stored != StorageLocation::Device)
                || a.remote_login.contains(&LoginMethod::CloudAccount)
        }
        Condition::HasNetworkServices => !d.communication.local_services.is_empty(),
        Condition::HasSensors => !d.sensors.is_empty(),
        Condition::HasDebugInterface => match d.hardware.debug_interfaces {
            Some(DebugInterfaces::Absent) => false,
            Some(_) => true,
            None => return Err("hardware.debug_interfaces"),
        },
        Condition::ProcessesPersonalData => d.data.collected.iter().any(|x| {
            // Taxonomy data above the `low` class says something about a person.
            Taxonomy::builtin().get(TermKind::Data, &x.kind).is_none_or(|t| t.sensitivity > Sensitivity::Low)
        }),
        // Nothing collected: no processing, so nothing relies on consent.
        Condition::ConsentBased => match d.data.consent_based {
            _ if d.data.collected.is_empty() => false,
            Some(b) => b,
            None => return Err("data.consent_based"),
        },
        Condition::HasTelemetry => match &d.data.telemetry {
            Some(t) => t.collected,
            None => return Err("data.telemetry"),
        },
        Condition::HasRemoteAccess => match d.communication.remote_access {
            Some(b) => b,
            None => return Err("communication.remote_access"),
        },
        // ETSI EN 303 645 C(15): only a constrained device with a declared reason is exempt.
        Condition::UpdateMechanismExpected => {
            d.updates.mechanism != UpdateMechanism::None
                || d.updates.not_updatable_rationale.as_deref().is_none_or(|r| r.trim().is_empty())
        }
    })
}

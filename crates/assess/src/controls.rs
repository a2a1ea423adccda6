//! Control evaluators: one function per common control, reading the declaration.
//!
//! Each returns an [`Outcome`] with a verdict, a reason a non-expert can read, and the declaration
//! fields it rests on. The catalogs (data) say which controls each requirement needs; this file is
//! the only place that knows what a control means for a declaration.

use std::borrow::Cow;

use chrono::NaiveDate;
use iotlabel_model::*;
use serde::Serialize;

/// A control's or requirement's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
    pub reason: Cow<'static, str>,
    /// Declaration fields this outcome rests on (for `unknown`: the fields to fill in).
    pub fields: &'static [&'static str],
}

impl Outcome {
    fn new(verdict: Verdict, reason: impl Into<Cow<'static, str>>, fields: &'static [&'static str]) -> Self {
        Outcome { verdict, reason: reason.into(), fields }
    }
    fn pass(reason: impl Into<Cow<'static, str>>, fields: &'static [&'static str]) -> Self {
        Self::new(Verdict::Pass, reason, fields)
    }
    fn fail(reason: impl Into<Cow<'static, str>>, fields: &'static [&'static str]) -> Self {
        Self::new(Verdict::Fail, reason, fields)
    }
    fn unknown(reason: impl Into<Cow<'static, str>>, fields: &'static [&'static str]) -> Self {
        Self::new(Verdict::Unknown, reason, fields)
    }
    fn na(reason: impl Into<Cow<'static, str>>, fields: &'static [&'static str]) -> Self {
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
}

/// `format!` when the context wants explanations, an empty sentence otherwise.
macro_rules! say {
    ($c:expr, $($arg:tt)*) => {
        if $c.explain { Cow::Owned(format!($($arg)*)) } else { Cow::Borrowed("") }
    };
}

/// A yes/no claim: pass on yes, fail on no, unknown (naming the field) when absent.
fn claim(
    v: Option<bool>,
    fields: &'static [&'static str],
    yes: &'static str,
    no: &'static str,
    missing: &'static str,
) -> Outcome {
    match v {
        Some(true) => Outcome::pass(yes, fields),
        Some(false) => Outcome::fail(no, fields),
        None => Outcome::unknown(missing, fields),
    }
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
                "Every recommendation not followed has a written justification.",
                "Recommendations that are not followed have no written justification.",
                "The declaration does not say whether unmet recommendations are justified in writing (documentation.justifications_recorded).",
            )
        },
        "docs.risk-assessment" => |c| {
            claim(
                c.decl.documentation.risk_assessment,
                &["documentation.risk_assessment"],
                "A cybersecurity risk assessment is documented.",
                "No cybersecurity risk assessment is documented.",
                "The declaration does not say whether a risk assessment was done (documentation.risk_assessment).",
            )
        },
        "docs.user-information" => user_information,
        "docs.compliance-statement-facts" => compliance_statement_facts,
        "auth.no-universal-default-password" => |c| {
            const F: &[&str] = &["authentication.default_password"];
            match c.decl.authentication.default_password {
                DefaultPasswordPolicy::Universal => Outcome::fail(
                    "Every unit ships with the same password, which attackers can look up and try on every device.",
                    F,
                ),
                DefaultPasswordPolicy::UniquePerDevice => {
                    Outcome::pass("Each unit has its own factory password.", F)
                }
                DefaultPasswordPolicy::UserSetAtSetup => Outcome::pass(
                    "The owner chooses the password during setup; there is no factory password.",
                    F,
                ),
                DefaultPasswordPolicy::None => {
                    Outcome::pass("The device uses no passwords, so none can be shared between units.", F)
                }
            }
        },
        "auth.unique-password-quality" => |c| {
            const F: &[&str] = &["authentication.unique_passwords_random"];
            if c.decl.authentication.default_password != DefaultPasswordPolicy::UniquePerDevice {
                return Outcome::na("The device has no pre-installed unique passwords.", F);
            }
            claim(
                c.decl.authentication.unique_passwords_random,
                F,
                "Factory passwords are random, not derived from serial numbers or MAC addresses.",
                "Factory passwords follow a pattern (such as the serial number) that attackers can guess.",
                "The declaration does not say how unique factory passwords are generated (authentication.unique_passwords_random).",
            )
        },
        "auth.machine-credentials-unique" => |c| {
            claim(
                c.decl.authentication.machine_credentials_unique,
                &["authentication.machine_credentials_unique"],
                "Credentials the device uses with other machines are unique to each unit.",
                "Units share the credentials they use with other machines.",
                "The declaration does not say whether machine-to-machine credentials are unique (authentication.machine_credentials_unique).",
            )
        },
        "auth.best-practice-crypto" => |c| {
            claim(
                c.decl.authentication.best_practice_crypto,
                &["authentication.best_practice_crypto"],
                "Logins are protected with current cryptography.",
                "Logins rely on outdated or weak cryptography.",
                "The declaration does not say whether authentication uses best-practice cryptography (authentication.best_practice_crypto).",
            )
        },
        "auth.credentials-changeable" => |c| {
            claim(
                c.decl.authentication.user_can_change_credentials,
                &["authentication.user_can_change_credentials"],
                "You can change the password or other login secrets easily.",
                "You cannot change the password or other login secrets.",
                "The declaration does not say whether users can change their credentials (authentication.user_can_change_credentials).",
            )
        },
        "auth.brute-force-protection" => |c| {
            const F: &[&str] = &["authentication.brute_force_protection"];
            match c.decl.authentication.brute_force_protection {
                Some(BruteForceProtection::None) => Outcome::fail(
                    "Nothing stops an attacker from guessing passwords over the network again and again.",
                    F,
                ),
                Some(_) => Outcome::pass("Repeated wrong guesses are slowed down or locked out.", F),
                None => Outcome::unknown(
                    "The declaration does not say how password guessing is limited (authentication.brute_force_protection).",
                    F,
                ),
            }
        },
        "auth.cloud-mfa" => |c| {
            const F: &[&str] = &["authentication.cloud_mfa"];
            match c.decl.authentication.cloud_mfa {
                Some(MfaSupport::NoCloudAccount) => Outcome::na("There is no cloud account to protect.", F),
                Some(MfaSupport::Required | MfaSupport::Optional) => {
                    Outcome::pass("The cloud account can be protected with a second factor.", F)
                }
                Some(MfaSupport::Unavailable) => Outcome::fail(
                    "The cloud account is protected by a password only; no second factor is offered.",
                    F,
                ),
                None => Outcome::unknown(
                    "The declaration does not say whether the cloud account offers multi-factor authentication (authentication.cloud_mfa).",
                    F,
                ),
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
                    say!(c, "Anyone on your network can use {} without logging in.", open.join(", ")),
                    F,
                );
            }
            claim(
                c.decl.communication.network_functions_authenticated,
                F,
                "Functions reachable over the network ask for authentication first.",
                "Some functions can be used over the network without authentication.",
                "The declaration does not say whether network functions require authentication (communication.network_functions_authenticated).",
            )
        },
        "auth.config-changes-authenticated" => |c| {
            claim(
                c.decl.communication.config_changes_authenticated,
                &["communication.config_changes_authenticated"],
                "Security settings can only be changed over the network after logging in.",
                "Security settings can be changed over the network without logging in.",
                "The declaration does not say whether changing security settings over the network requires authentication (communication.config_changes_authenticated).",
            )
        },
        "vuln.disclosure-policy" => disclosure_policy,
        "vuln.contact" => |c| {
            const F: &[&str] = &["vulnerability_disclosure.contact"];
            match &c.decl.vulnerability_disclosure.contact {
                Some(contact) => Outcome::pass(say!(c, "Security problems can be reported to {contact}."), F),
                None => Outcome::fail("There is no published way to report a security problem.", F),
            }
        },
        "vuln.timely-action" => |c| {
            const F: &[&str] = &["updates.time_to_fix_days"];
            match c.decl.updates.time_to_fix_days {
                Some(d) if d <= MAX_TIME_TO_FIX_DAYS => Outcome::pass(
                    say!(c, "The maker commits to fix critical vulnerabilities within {d} days."),
                    F,
                ),
                Some(d) => Outcome::fail(
                    say!(
                        c,
                        "The maker allows {d} days to fix a critical vulnerability, longer than {MAX_TIME_TO_FIX_DAYS}."
                    ),
                    F,
                ),
                None => Outcome::unknown(
                    "The declaration does not commit to a time to fix vulnerabilities (updates.time_to_fix_days).",
                    F,
                ),
            }
        },
        "vuln.monitoring" => |c| {
            claim(
                c.decl.vulnerability_disclosure.monitors_vulnerabilities,
                &["vulnerability_disclosure.monitors_vulnerabilities"],
                "The maker watches for and fixes vulnerabilities throughout the support period.",
                "The maker does not monitor the product for vulnerabilities.",
                "The declaration does not say whether vulnerabilities are monitored (vulnerability_disclosure.monitors_vulnerabilities).",
            )
        },
        "vuln.public-advisories" => |c| {
            claim(
                c.decl.vulnerability_disclosure.publishes_advisories,
                &["vulnerability_disclosure.publishes_advisories"],
                "Fixed vulnerabilities are announced publicly.",
                "Fixed vulnerabilities are not announced publicly.",
                "The declaration does not say whether fixed vulnerabilities are published (vulnerability_disclosure.publishes_advisories).",
            )
        },
        "vuln.no-known-exploitable" => |c| {
            const F: &[&str] = &["vulnerability_disclosure.known_exploitable_at_release"];
            match c.decl.vulnerability_disclosure.known_exploitable_at_release {
                Some(0) => Outcome::pass("No known exploitable vulnerability at release.", F),
                Some(n) => Outcome::fail(
                    say!(
                        c,
                        "The product shipped with {n} known exploitable vulnerabilit{}.",
                        if n == 1 { "y" } else { "ies" }
                    ),
                    F,
                ),
                None => Outcome::unknown(
                    "The declaration does not state known exploitable vulnerabilities at release (vulnerability_disclosure.known_exploitable_at_release).",
                    F,
                ),
            }
        },
        "vuln.security-testing" => |c| {
            claim(
                c.decl.software.security_testing,
                &["software.security_testing"],
                "The product's security is tested and reviewed regularly.",
                "The product's security is not regularly tested.",
                "The declaration does not say whether security is tested regularly (software.security_testing).",
            )
        },
        "sbom.maintained" => |c| {
            const F: &[&str] = &["software.sbom"];
            match &c.decl.software.sbom {
                Some(s) => Outcome::pass(
                    match s.format {
                        SbomFormat::CycloneDx => "A CycloneDX software bill of materials is kept.",
                        SbomFormat::Spdx => "An SPDX software bill of materials is kept.",
                    },
                    F,
                ),
                None => Outcome::unknown(
                    "The declaration does not say whether a software bill of materials is kept (software.sbom).",
                    F,
                ),
            }
        },
        "identity.model-designation" => |c| {
            claim(
                c.decl.identity.model_marked_on_device,
                &["identity.model_marked_on_device"],
                "The model name is marked on the device, so you can check it against advisories.",
                "The model name is not marked on the device.",
                "The declaration does not say whether the model is marked on the device (identity.model_marked_on_device).",
            )
        },
        "update.mechanism" => |c| {
            const F: &[&str] = &["updates.mechanism", "updates.signed"];
            match (c.decl.updates.mechanism, c.decl.updates.signed) {
                (UpdateMechanism::None, _) => Outcome::fail(
                    "The device's software cannot be updated, so security flaws can never be fixed.",
                    F,
                ),
                (_, Some(true)) => Outcome::pass("The software can be updated, and updates are signed.", F),
                (_, Some(false)) => {
                    Outcome::fail("Updates are not signed, so a forged update could be installed.", F)
                }
                (_, None) => Outcome::unknown(
                    "The declaration does not say whether updates are signed (updates.signed).",
                    F,
                ),
            }
        },
        "update.all-components" => |c| {
            claim(
                c.decl.updates.all_components_updatable,
                &["updates.all_components_updatable"],
                "Every updatable software component can be updated.",
                "Some software components cannot be updated.",
                "The declaration does not say whether all software components can be updated (updates.all_components_updatable).",
            )
        },
        "update.simple" => |c| {
            const F: &[&str] = &["updates.mechanism", "updates.notification"];
            let u = &c.decl.updates;
            match u.mechanism {
                UpdateMechanism::None => Outcome::na("The device cannot be updated.", F),
                UpdateMechanism::AutomaticByDefault | UpdateMechanism::AutomaticOptIn => {
                    Outcome::pass("Updates can install by themselves.", F)
                }
                UpdateMechanism::Manual
                    if u.notification.iter().any(|n| {
                        matches!(n, NotificationChannel::App | NotificationChannel::DeviceScreen)
                    }) =>
                {
                    Outcome::pass(
                        "Updates are installed by hand, from a prompt in the app or on the device.",
                        F,
                    )
                }
                UpdateMechanism::Manual if u.notification.is_empty() => Outcome::unknown(
                    "Updates are manual and the declaration does not say how users are prompted (updates.notification).",
                    F,
                ),
                UpdateMechanism::Manual => Outcome::fail(
                    "Updates must be found and installed by hand, with no prompt on the device or app.",
                    F,
                ),
            }
        },
        "update.automatic-available" => |c| {
            const F: &[&str] = &["updates.mechanism"];
            match c.decl.updates.mechanism {
                UpdateMechanism::None => Outcome::na("The device cannot be updated.", F),
                UpdateMechanism::AutomaticByDefault | UpdateMechanism::AutomaticOptIn => {
                    Outcome::pass("Updates can be set to install automatically.", F)
                }
                UpdateMechanism::Manual => Outcome::fail("Updates cannot install automatically.", F),
            }
        },
        "update.automatic-by-default" => |c| {
            const F: &[&str] = &["updates.mechanism"];
            match c.decl.updates.mechanism {
                UpdateMechanism::None => Outcome::na("The device cannot be updated.", F),
                UpdateMechanism::AutomaticByDefault => {
                    Outcome::pass("Security updates install automatically out of the box.", F)
                }
                UpdateMechanism::AutomaticOptIn => {
                    Outcome::fail("Automatic updates are off until you turn them on.", F)
                }
                UpdateMechanism::Manual => Outcome::fail("Updates never install automatically.", F),
            }
        },
        "update.periodic-check" => |c| {
            claim(
                c.decl.updates.periodic_check,
                &["updates.periodic_check"],
                "The device checks for updates regularly.",
                "The device does not check for updates by itself.",
                "The declaration does not say whether the device checks for updates periodically (updates.periodic_check).",
            )
        },
        "update.user-control" => |c| {
            claim(
                c.decl.updates.user_can_defer,
                &["updates.user_can_defer"],
                "You can turn automatic updates off or postpone them.",
                "You cannot turn automatic updates off or postpone them.",
                "The declaration does not say whether users can control automatic updates (updates.user_can_defer).",
            )
        },
        "update.notification" => |c| {
            const F: &[&str] = &["updates.notification"];
            let n = &c.decl.updates.notification;
            if n.is_empty() {
                Outcome::unknown(
                    "The declaration does not say how users are told about updates (updates.notification).",
                    F,
                )
            } else if n.contains(&NotificationChannel::None) {
                Outcome::fail("Users are not told about updates.", F)
            } else {
                Outcome::pass("Users are told about updates.", F)
            }
        },
        "update.secure-crypto" => |c| {
            const F: &[&str] = &["updates.signed", "updates.secure_delivery"];
            match (c.decl.updates.signed, c.decl.updates.secure_delivery) {
                (Some(true), Some(true)) => {
                    Outcome::pass("Updates are signed and delivered over a secure channel.", F)
                }
                (Some(false), _) => Outcome::fail("Updates are not signed.", F),
                (_, Some(false)) => Outcome::fail("Updates travel over an insecure channel.", F),
                _ => Outcome::unknown(
                    "The declaration does not say whether updates are signed and securely delivered (updates.signed, updates.secure_delivery).",
                    F,
                ),
            }
        },
        "update.timely" => |c| {
            const F: &[&str] = &["updates.time_to_fix_days", "updates.support_end"];
            let u = &c.decl.updates;
            if let Some(end) = u.support_end
                && end < c.as_of
            {
                return Outcome::fail(
                    say!(c, "Security updates ended on {end}; new flaws will not be fixed."),
                    F,
                );
            }
            match u.time_to_fix_days {
                Some(d) if d <= MAX_TIME_TO_FIX_DAYS => {
                    Outcome::pass(say!(c, "Security fixes are committed within {d} days."), F)
                }
                Some(d) => Outcome::fail(
                    say!(c, "Security fixes may take {d} days, longer than {MAX_TIME_TO_FIX_DAYS}."),
                    F,
                ),
                None => Outcome::unknown(
                    "The declaration does not commit to a time to ship security fixes (updates.time_to_fix_days).",
                    F,
                ),
            }
        },
        "update.verified-on-device" => |c| {
            const F: &[&str] = &["updates.verified_on_device", "updates.signed"];
            match (c.decl.updates.verified_on_device, c.decl.updates.signed) {
                (Some(true), Some(true)) => {
                    Outcome::pass("The device checks each update's signature before installing it.", F)
                }
                (Some(false), _) | (_, Some(false)) => {
                    Outcome::fail("The device installs updates without checking that they are genuine.", F)
                }
                _ => Outcome::unknown(
                    "The declaration does not say whether the device verifies updates (updates.verified_on_device).",
                    F,
                ),
            }
        },
        "update.trusted-delivery" => |c| {
            claim(
                c.decl.updates.secure_delivery,
                &["updates.secure_delivery"],
                "Updates come from a trusted source over an authenticated channel.",
                "Updates are fetched without checking who sends them.",
                "The declaration does not say how updates are delivered (updates.secure_delivery).",
            )
        },
        "update.guidance" => |c| {
            claim(
                c.decl.documentation.update_guidance,
                &["documentation.update_guidance"],
                "You are told when an update is needed and what it fixes.",
                "You are not told when an update is needed or why.",
                "The declaration does not say whether users are told what updates fix (documentation.update_guidance).",
            )
        },
        "update.disruption-warning" => |c| {
            claim(
                c.decl.updates.warns_of_disruption,
                &["updates.warns_of_disruption"],
                "You are warned when an update will interrupt the device.",
                "Updates can interrupt the device without warning.",
                "The declaration does not say whether users are warned of disruptive updates (updates.warns_of_disruption).",
            )
        },
        "update.support-period-published" => |c| {
            const F: &[&str] = &["updates.support_end", "updates.support_period_url"];
            match (c.decl.updates.support_end, &c.decl.updates.support_period_url) {
                (Some(end), Some(_)) => Outcome::pass(
                    say!(c, "Security updates are promised until {end}, and the date is published."),
                    F,
                ),
                (Some(end), None) => Outcome::fail(
                    say!(
                        c,
                        "A support end date ({end}) is declared but not published for buyers (updates.support_period_url)."
                    ),
                    F,
                ),
                (None, _) => Outcome::fail(
                    "No support period is published: buyers cannot tell how long the device will get security updates.",
                    F,
                ),
            }
        },
        "update.still-supported" => |c| {
            const F: &[&str] = &["updates.support_end"];
            match c.decl.updates.support_end {
                Some(end) if end >= c.as_of => {
                    Outcome::pass(say!(c, "The device is supported until {end}."), F)
                }
                Some(end) => Outcome::fail(
                    say!(c, "Support ended on {end}: the device no longer receives security updates."),
                    F,
                ),
                None => {
                    Outcome::unknown("The declaration gives no support end date (updates.support_end).", F)
                }
            }
        },
        "update.not-updatable-rationale" => |c| {
            const F: &[&str] = &["updates.not_updatable_rationale"];
            if c.decl.updates.mechanism != UpdateMechanism::None {
                return Outcome::na("The device can be updated.", F);
            }
            match &c.decl.updates.not_updatable_rationale {
                Some(_) => Outcome::pass(
                    "The maker explains why the device cannot be updated and how to isolate or replace it.",
                    F,
                ),
                None => Outcome::fail(
                    "The device cannot be updated and the maker does not explain why or how to replace it.",
                    F,
                ),
            }
        },
        "update.free-of-charge" => |c| {
            claim(
                c.decl.updates.free_of_charge,
                &["updates.free_of_charge"],
                "Security updates are free.",
                "Security updates cost money.",
                "The declaration does not say whether security updates are free (updates.free_of_charge).",
            )
        },
        "update.security-separate" => |c| {
            claim(
                c.decl.updates.security_separate_from_features,
                &["updates.security_separate_from_features"],
                "Security fixes can be installed without feature changes.",
                "Security fixes come bundled with feature changes.",
                "The declaration does not say whether security fixes ship separately (updates.security_separate_from_features).",
            )
        },
        "storage.secure-secrets" => |c| {
            claim(
                c.decl.hardware.secrets_stored_securely,
                &["hardware.secrets_stored_securely"],
                "Keys and passwords are kept in protected storage.",
                "Keys and passwords are stored without protection.",
                "The declaration does not say how keys and passwords are stored (hardware.secrets_stored_securely).",
            )
        },
        "storage.tamper-resistant-identity" => |c| {
            claim(
                c.decl.hardware.tamper_resistant_identity,
                &["hardware.tamper_resistant_identity"],
                "The device's identity cannot easily be altered.",
                "The device's identity can be altered by tampering.",
                "The declaration does not say whether the device identity resists tampering (hardware.tamper_resistant_identity).",
            )
        },
        "storage.no-hardcoded-secrets" => |c| {
            claim(
                c.decl.software.no_hardcoded_secrets,
                &["software.no_hardcoded_secrets"],
                "No passwords or keys are built into the software.",
                "Passwords or keys are built into the software, the same on every unit.",
                "The declaration does not say whether secrets are hard-coded (software.no_hardcoded_secrets).",
            )
        },
        "storage.per-device-service-keys" => |c| {
            claim(
                c.decl.software.per_device_service_keys,
                &["software.per_device_service_keys"],
                "Each unit has its own keys for updates and services.",
                "Units share keys for updates and services.",
                "The declaration does not say whether service keys are unique per unit (software.per_device_service_keys).",
            )
        },
        "comms.encrypted" => |c| {
            const F: &[&str] = &["communication.encryption_in_transit", "communication.min_tls_version"];
            let cm = &c.decl.communication;
            match (cm.encryption_in_transit, cm.min_tls_version) {
                (Coverage::None, _) => Outcome::fail("The device sends data without encryption.", F),
                (Coverage::Partial, _) => Outcome::fail("Some of the device's traffic is not encrypted.", F),
                (Coverage::All, Some(v)) if v >= TlsVersion::V1_2 => {
                    Outcome::pass(say!(c, "All traffic is encrypted with TLS {} or later.", v.as_str()), F)
                }
                (Coverage::All, Some(v)) => {
                    Outcome::fail(say!(c, "Encryption still accepts TLS {}, which is broken.", v.as_str()), F)
                }
                (Coverage::All, None) => Outcome::unknown(
                    "All traffic is said to be encrypted, but the lowest TLS version is not given (communication.min_tls_version).",
                    F,
                ),
            }
        },
        "comms.reviewed-implementations" => |c| {
            claim(
                c.decl.communication.reviewed_implementations,
                &["communication.reviewed_implementations"],
                "Network and security code uses reviewed implementations.",
                "Network and security code has not been reviewed.",
                "The declaration does not say whether network and security code is reviewed (communication.reviewed_implementations).",
            )
        },
        "comms.crypto-agility" => |c| {
            claim(
                c.decl.communication.crypto_agile,
                &["communication.crypto_agile"],
                "Cryptographic algorithms can be replaced by an update.",
                "Cryptographic algorithms are fixed and cannot be updated.",
                "The declaration does not say whether cryptography can be updated (communication.crypto_agile).",
            )
        },
        "comms.secrets-encrypted" => |c| {
            claim(
                c.decl.communication.secrets_encrypted_in_transit,
                &["communication.secrets_encrypted_in_transit"],
                "Keys and passwords are encrypted when sent.",
                "Keys or passwords are sent unencrypted.",
                "The declaration does not say whether secrets are encrypted in transit (communication.secrets_encrypted_in_transit).",
            )
        },
        "comms.key-lifecycle" => |c| {
            claim(
                c.decl.software.key_lifecycle_managed,
                &["software.key_lifecycle_managed"],
                "Keys are created, rotated and revoked under a managed process.",
                "Keys are not managed over their lifetime.",
                "The declaration does not say whether keys are managed over their lifecycle (software.key_lifecycle_managed).",
            )
        },
        "surface.no-insecure-services" => |c| {
            const F: &[&str] = &["communication.local_services"];
            const INSECURE: &[&str] =
                &["telnet", "ftp", "tftp", "rlogin", "rsh", "snmpv1", "snmpv2c", "upnp"];
            let bad: Vec<String> = c
                .decl
                .communication
                .local_services
                .iter()
                .filter(|s| {
                    s.enabled_by_default
                        && (INSECURE.contains(&s.name.to_ascii_lowercase().as_str()) || !s.authenticated)
                })
                .map(|s| format!("{} (port {})", s.name, s.port))
                .collect();
            if bad.is_empty() {
                if c.decl.communication.local_services.is_empty() {
                    Outcome::pass("The device opens no services on your network.", F)
                } else {
                    Outcome::pass("Every network service that is on by default requires login.", F)
                }
            } else {
                Outcome::fail(
                    say!(c, "Insecure or open network services are on by default: {}.", bad.join(", ")),
                    F,
                )
            }
        },
        "surface.minimal-services" => |c| {
            claim(
                c.decl.software.minimal_services,
                &["software.minimal_services"],
                "Only the services needed for the device's purpose are enabled.",
                "Services beyond what the device needs are enabled.",
                "The declaration does not say whether only needed services are enabled (software.minimal_services).",
            )
        },
        "surface.physical-interfaces" => |c| {
            claim(
                c.decl.hardware.unneeded_physical_interfaces_removed,
                &["hardware.unneeded_physical_interfaces_removed"],
                "Physical ports not needed in use are not exposed.",
                "Unneeded physical ports are exposed.",
                "The declaration does not say whether unneeded physical ports are exposed (hardware.unneeded_physical_interfaces_removed).",
            )
        },
        "surface.debug-locked" => |c| {
            const F: &[&str] = &["hardware.debug_interfaces"];
            match c.decl.hardware.debug_interfaces {
                Some(DebugInterfaces::Absent) => Outcome::pass("The device has no debug interface.", F),
                Some(DebugInterfaces::Locked) => Outcome::pass("Debug interfaces are disabled or locked.", F),
                Some(DebugInterfaces::Open) => {
                    Outcome::fail("An open debug interface lets anyone with physical access take control.", F)
                }
                None => Outcome::unknown(
                    "The declaration does not say whether debug interfaces are locked (hardware.debug_interfaces).",
                    F,
                ),
            }
        },
        "surface.debug-physical" => |c| {
            const F: &[&str] = &["hardware.debug_ports_physically_protected"];
            if c.decl.hardware.debug_interfaces == Some(DebugInterfaces::Absent) {
                return Outcome::na("The device has no debug ports.", F);
            }
            claim(
                c.decl.hardware.debug_ports_physically_protected,
                F,
                "Debug ports are physically protected.",
                "Debug ports are physically reachable.",
                "The declaration does not say whether debug ports are physically protected (hardware.debug_ports_physically_protected).",
            )
        },
        "surface.minimal-code" => |c| {
            claim(
                c.decl.software.minimal_code,
                &["software.minimal_code"],
                "The software is limited to what the device needs.",
                "The software includes code the device does not need.",
                "The declaration does not say whether code is minimised (software.minimal_code).",
            )
        },
        "surface.least-privilege" => |c| {
            claim(
                c.decl.software.least_privilege,
                &["software.least_privilege"],
                "Programs run with only the rights they need.",
                "Programs run with more rights than they need.",
                "The declaration does not say whether software runs with least privilege (software.least_privilege).",
            )
        },
        "surface.memory-protection" => |c| {
            claim(
                c.decl.hardware.memory_protection,
                &["hardware.memory_protection"],
                "Hardware keeps programs from reading each other's memory.",
                "The hardware does not protect memory between programs.",
                "The declaration does not say whether hardware memory protection is used (hardware.memory_protection).",
            )
        },
        "surface.exploit-mitigations" => |c| {
            claim(
                c.decl.software.exploit_mitigations,
                &["software.exploit_mitigations"],
                "Exploit mitigations make attacks harder.",
                "Exploit mitigations are not enabled.",
                "The declaration does not say whether exploit mitigations are on (software.exploit_mitigations).",
            )
        },
        "process.secure-development" => |c| {
            claim(
                c.decl.software.secure_development,
                &["software.secure_development"],
                "The software is built under a secure development process.",
                "No secure development process is followed.",
                "The declaration does not say whether a secure development process is followed (software.secure_development).",
            )
        },
        "config.secure-by-default" => |c| {
            claim(
                c.decl.software.secure_by_default,
                &["software.secure_by_default"],
                "The device ships with secure settings and can be reset to them.",
                "The device does not ship with secure settings.",
                "The declaration does not say whether the device is secure by default (software.secure_by_default).",
            )
        },
        "integrity.secure-boot" => |c| {
            claim(
                c.decl.hardware.secure_boot,
                &["hardware.secure_boot"],
                "The device checks its software at every start (secure boot).",
                "The device starts any software, even if it was tampered with (no secure boot).",
                "The declaration does not say whether secure boot is used (hardware.secure_boot).",
            )
        },
        "integrity.tamper-response" => |c| {
            claim(
                c.decl.software.tamper_response,
                &["software.tamper_response"],
                "If its software is changed without permission, the device warns you and limits its network access.",
                "The device does not react if its software is changed without permission.",
                "The declaration does not say how the device reacts to unauthorised software changes (software.tamper_response).",
            )
        },
        "data.encrypted-in-transit" => |c| {
            const F: &[&str] = &["data.personal_data_encrypted_in_transit"];
            if c.decl.data.collected.is_empty() {
                return Outcome::na("The product collects no personal data.", F);
            }
            claim(
                c.decl.data.personal_data_encrypted_in_transit,
                F,
                "Your personal data is encrypted on its way to the maker's services.",
                "Your personal data travels unencrypted.",
                "The declaration does not say whether personal data is encrypted in transit (data.personal_data_encrypted_in_transit).",
            )
        },
        "data.encrypted-at-rest" => |c| {
            claim(
                c.decl.data.encrypted_at_rest,
                &["data.encrypted_at_rest"],
                "Stored data is encrypted.",
                "Stored data is not encrypted.",
                "The declaration does not say whether stored data is encrypted (data.encrypted_at_rest).",
            )
        },
        "sensors.documented" => |c| {
            const F: &[&str] = &["sensors"];
            if c.decl.sensors.is_empty() {
                return Outcome::na("The device has no sensors.", F);
            }
            let undocumented: Vec<&str> =
                c.decl.sensors.iter().filter(|s| !s.documented).map(|s| s.kind.as_str()).collect();
            if undocumented.is_empty() {
                Outcome::pass("Every sensor is described in the documentation.", F)
            } else {
                Outcome::fail(say!(c, "Sensors not described to users: {}.", undocumented.join(", ")), F)
            }
        },
        "sensors.user-control" => |c| {
            const F: &[&str] = &["sensors"];
            let sensitive: Vec<&Sensor> = c
                .decl
                .sensors
                .iter()
                .filter(|s| matches!(s.kind.as_str(), "camera" | "microphone"))
                .collect();
            if sensitive.is_empty() {
                return Outcome::na("The device has no camera or microphone.", F);
            }
            let weak: Vec<&str> = sensitive
                .iter()
                .filter(|s| {
                    !s.indicator || !matches!(s.off_switch, OffSwitch::PhysicalSwitch | OffSwitch::Cover)
                })
                .map(|s| s.kind.as_str())
                .collect();
            if weak.is_empty() {
                Outcome::pass(
                    "Every camera and microphone shows when it is on and can be physically switched off or covered.",
                    F,
                )
            } else {
                Outcome::fail(
                    say!(c, "You cannot physically switch off, or see the state of: {}.", weak.join(", ")),
                    F,
                )
            }
        },
        "resilience.local-function" => |c| {
            const F: &[&str] = &["communication.offline_function"];
            match c.decl.communication.offline_function {
                OfflineFunction::Full => Outcome::pass("The device keeps working without the internet.", F),
                OfflineFunction::Partial => Outcome::pass(
                    "The device's core function keeps working without the internet; some features need it.",
                    F,
                ),
                OfflineFunction::None => Outcome::fail(
                    "The device stops working when the internet or the maker's cloud is down.",
                    F,
                ),
            }
        },
        "resilience.orderly-reconnect" => |c| {
            claim(
                c.decl.communication.orderly_reconnection,
                &["communication.orderly_reconnection"],
                "The device reconnects cleanly after outages.",
                "The device does not recover cleanly after outages.",
                "The declaration does not say how the device reconnects after outages (communication.orderly_reconnection).",
            )
        },
        "resilience.dos" => |c| {
            claim(
                c.decl.communication.dos_resilient,
                &["communication.dos_resilient"],
                "The device withstands network floods and does not harm other networks.",
                "The device is not protected against network floods.",
                "The declaration does not say whether the device resists denial of service (communication.dos_resilient).",
            )
        },
        "monitoring.telemetry-examined" => |c| {
            const F: &[&str] = &["data.telemetry.examined_for_anomalies"];
            match &c.decl.data.telemetry {
                Some(t) if !t.collected => Outcome::na("The product collects no telemetry.", F),
                Some(t) => claim(
                    t.examined_for_anomalies,
                    F,
                    "Telemetry is checked for signs of attack.",
                    "Telemetry is not checked for signs of attack.",
                    "The declaration does not say whether telemetry is checked for anomalies (data.telemetry.examined_for_anomalies).",
                ),
                None => Outcome::unknown(
                    "The declaration does not say whether telemetry is collected (data.telemetry).",
                    F,
                ),
            }
        },
        "monitoring.security-logging" => |c| {
            claim(
                c.decl.software.security_logging,
                &["software.security_logging"],
                "Security events are recorded, and you can opt out.",
                "Security events are not recorded.",
                "The declaration does not say whether security events are logged (software.security_logging).",
            )
        },
        "deletion.device-reset" => |c| {
            claim(
                c.decl.data.deletion_on_factory_reset,
                &["data.deletion_on_factory_reset"],
                "A factory reset erases your data from the device.",
                "A factory reset leaves your data on the device.",
                "The declaration does not say whether a factory reset erases user data (data.deletion_on_factory_reset).",
            )
        },
        "deletion.cloud" => |c| {
            const F: &[&str] = &["data.deletion_on_request"];
            let in_cloud = c.decl.data.collected.iter().any(|d| d.stored != StorageLocation::Device);
            if !in_cloud {
                return Outcome::na("No data is kept in the maker's services.", F);
            }
            claim(
                c.decl.data.deletion_on_request,
                F,
                "You can have your data deleted from the maker's services.",
                "You cannot have your data deleted from the maker's services.",
                "The declaration does not say whether cloud data can be deleted on request (data.deletion_on_request).",
            )
        },
        "deletion.instructions" => |c| {
            claim(
                c.decl.data.deletion_instructions,
                &["data.deletion_instructions"],
                "Clear instructions explain how to delete your data.",
                "There are no instructions on deleting your data.",
                "The declaration does not say whether deletion instructions are given (data.deletion_instructions).",
            )
        },
        "deletion.confirmation" => |c| {
            claim(
                c.decl.data.deletion_confirmed,
                &["data.deletion_confirmed"],
                "You get confirmation once your data is deleted.",
                "You get no confirmation that your data was deleted.",
                "The declaration does not say whether deletion is confirmed (data.deletion_confirmed).",
            )
        },
        "data.portability" => |c| {
            claim(
                c.decl.data.portable,
                &["data.portable"],
                "You can export your data.",
                "You cannot export your data.",
                "The declaration does not say whether data can be exported (data.portable).",
            )
        },
        "setup.minimal-decisions" => |c| {
            claim(
                c.decl.documentation.minimal_setup_decisions,
                &["documentation.minimal_setup_decisions"],
                "Setup is simple and secure without expert choices.",
                "Secure setup needs expert decisions.",
                "The declaration does not say whether setup is simple and secure (documentation.minimal_setup_decisions).",
            )
        },
        "setup.secure-guide" => |c| {
            claim(
                c.decl.documentation.secure_setup_guide,
                &["documentation.secure_setup_guide"],
                "A guide explains how to set the device up securely.",
                "No guide explains secure setup.",
                "The declaration does not say whether secure setup guidance is given (documentation.secure_setup_guide).",
            )
        },
        "setup.check-guide" => |c| {
            claim(
                c.decl.documentation.setup_check_guide,
                &["documentation.setup_check_guide"],
                "A guide explains how to check the device is set up securely.",
                "Nothing explains how to check the setup is secure.",
                "The declaration does not say whether guidance on checking the setup is given (documentation.setup_check_guide).",
            )
        },
        "input.validation" => |c| {
            claim(
                c.decl.software.input_validation,
                &["software.input_validation"],
                "Input from apps, web pages and the network is checked before use.",
                "Input is not validated before use.",
                "The declaration does not say whether input is validated (software.input_validation).",
            )
        },
        "privacy.transparency" => |c| {
            const F: &[&str] = &["data.privacy_policy_url", "data.collected"];
            match &c.decl.data.privacy_policy_url {
                Some(_) => Outcome::pass("A privacy policy says what data is collected, by whom and why.", F),
                None if c.decl.data.collected.is_empty() => {
                    Outcome::pass("The product collects no personal data.", F)
                }
                None => Outcome::fail("Personal data is collected but no privacy policy is published.", F),
            }
        },
        "privacy.consent" => |c| {
            const F: &[&str] = &["data.consent_based", "data.consent_withdrawable"];
            match c.decl.data.consent_based {
                Some(false) => Outcome::na("Processing does not rely on consent.", F),
                None => Outcome::unknown(
                    "The declaration does not say whether processing relies on consent (data.consent_based).",
                    F,
                ),
                Some(true) => claim(
                    c.decl.data.consent_withdrawable,
                    F,
                    "You can withdraw consent at any time, and consent is recorded.",
                    "Consent cannot be withdrawn.",
                    "The declaration does not say whether consent can be withdrawn (data.consent_withdrawable).",
                ),
            }
        },
        "privacy.telemetry-minimised" => |c| {
            telemetry(
                c,
                |t| t.personal_data_minimised,
                &["data.telemetry.personal_data_minimised"],
                "Telemetry carries as little personal data as possible.",
                "Telemetry carries more personal data than needed.",
                "The declaration does not say whether personal data in telemetry is minimised (data.telemetry.personal_data_minimised).",
            )
        },
        "privacy.telemetry-described" => |c| {
            telemetry(
                c,
                |t| t.described_to_user,
                &["data.telemetry.described_to_user"],
                "You are told what telemetry is collected and why.",
                "Telemetry is collected without telling you what or why.",
                "The declaration does not say whether telemetry is described to users (data.telemetry.described_to_user).",
            )
        },
        "privacy.minimisation" => |c| {
            claim(
                c.decl.data.minimised,
                &["data.minimised"],
                "Only necessary data is collected, and it is deleted when no longer needed.",
                "More data is collected or kept than needed.",
                "The declaration does not say whether data is minimised (data.minimised).",
            )
        },
        "privacy.anonymisation" => |c| {
            claim(
                c.decl.data.anonymised,
                &["data.anonymised"],
                "Personal data is anonymised or aggregated where possible.",
                "Personal data is not anonymised where it could be.",
                "The declaration does not say whether data is anonymised (data.anonymised).",
            )
        },
        "privacy.no-sale" => |c| {
            const F: &[&str] = &["data.collected"];
            let sold: Vec<&str> =
                c.decl.data.collected.iter().filter(|d| d.sold).map(|d| d.kind.as_str()).collect();
            if sold.is_empty() {
                Outcome::pass("Your data is not sold.", F)
            } else {
                Outcome::fail(say!(c, "Some of your data is sold: {}.", sold.join(", ")), F)
            }
        },
        "evidence.binary-analysis" => |_| {
            Outcome::unknown(
                "Needs a lab's binary analysis report as evidence; a declaration cannot show this.",
                &[],
            )
        },
        "evidence.penetration-test" => |_| {
            Outcome::unknown(
                "Needs a lab's penetration test report as evidence; a declaration cannot show this.",
                &[],
            )
        },
        _ => return None,
    })
}

fn telemetry(
    c: &Ctx<'_>,
    get: fn(&Telemetry) -> Option<bool>,
    fields: &'static [&'static str],
    yes: &'static str,
    no: &'static str,
    missing: &'static str,
) -> Outcome {
    match &c.decl.data.telemetry {
        Some(t) if !t.collected => Outcome::na("The product collects no telemetry.", fields),
        Some(t) => claim(get(t), fields, yes, no, missing),
        None => Outcome::unknown(
            "The declaration does not say whether telemetry is collected (data.telemetry).",
            fields,
        ),
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
    let mut missing = Vec::new();
    if v.policy_url.is_none() {
        missing.push("a published policy (vulnerability_disclosure.policy_url)");
    }
    if v.contact.is_none() {
        missing.push("a contact (vulnerability_disclosure.contact)");
    }
    if v.acknowledgement_days.is_none() {
        missing.push("when reporters get an acknowledgement (vulnerability_disclosure.acknowledgement_days)");
    }
    if v.status_update_days.is_none() {
        missing.push("when reporters get status updates (vulnerability_disclosure.status_update_days)");
    }
    if missing.is_empty() {
        return Outcome::pass(
            "A vulnerability disclosure policy is published with a contact and response times.",
            F,
        );
    }
    if v.policy_url.is_none() && v.contact.is_none() {
        return Outcome::fail(
            "There is no vulnerability disclosure policy and no way to report a security problem.",
            F,
        );
    }
    Outcome::fail(say!(c, "The vulnerability disclosure policy lacks {}.", missing.join(", ")), F)
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
        Outcome::fail(say!(c, "Information users must get is missing: {}.", absent.join(", ")), F)
    } else if !unknown.is_empty() {
        Outcome::unknown(
            say!(c, "The declaration does not say whether users get: {}.", unknown.join(", ")),
            F,
        )
    } else {
        Outcome::pass(
            "Users get the maker's contact, support end date, declaration of conformity and security instructions.",
            F,
        )
    }
}

fn compliance_statement_facts(c: &Ctx<'_>) -> Outcome {
    const F: &[&str] = &["identity.manufacturer.address", "updates.support_end"];
    let d = c.decl;
    match (&d.identity.manufacturer.address, d.updates.support_end) {
        (Some(_), Some(_)) => Outcome::pass(
            "The maker's address and the support period are declared, as a statement of compliance needs.",
            F,
        ),
        (None, Some(_)) => Outcome::fail(
            "A statement of compliance needs the maker's postal address (identity.manufacturer.address).",
            F,
        ),
        (Some(_), None) => {
            Outcome::fail("A statement of compliance needs the support period (updates.support_end).", F)
        }
        (None, None) => Outcome::fail(
            "A statement of compliance needs the maker's address and the support period (identity.manufacturer.address, updates.support_end).",
            F,
        ),
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
}

impl Condition {
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
            _ => return None,
        })
    }
}

/// Evaluates an applicability condition: `Some(true)` applies, `Some(false)` does not, `None` the
/// declaration does not say (with the field to fill in).
pub fn condition(c: Condition, d: &Declaration) -> Result<bool, &'static str> {
    let a = &d.authentication;
    Ok(match c {
        Condition::UsesPasswords => {
            a.default_password != DefaultPasswordPolicy::None
                || a.local_login
                    .iter()
                    .chain(&a.remote_login)
                    .any(|m| matches!(m, LoginMethod::Password | LoginMethod::Pin))
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
        Condition::ProcessesPersonalData => d.data.collected.iter().any(|x| x.kind != "environmental"),
        Condition::ConsentBased => match d.data.consent_based {
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
    })
}

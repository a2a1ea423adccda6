//! Privacy controls: sensors, transparency, consent, sale of data.

use super::*;

pub(super) fn evaluator(id: &str) -> Option<Evaluator> {
    Some(match id {
        "data.encrypted-in-transit" => |c| {
            const F: &[&str] = &["data.personal_data_encrypted_in_transit"];
            if c.decl.data.collected.is_empty() {
                return Outcome::na(msg!("ctl-shared-no-personal-data"), &["data.collected"]);
            }
            // Data that reaches the phone app travels that way too.
            if let Some(app) = &c.decl.companion_app
                && app.encrypted == Some(false)
                && !app.receives.is_empty()
            {
                return Outcome::fail(
                    say!(
                        c,
                        "ctl-data-encrypted-in-transit-fail-app",
                        data = terms(TermKind::Data, app.receives.iter().map(String::as_str))
                    ),
                    &["companion_app"],
                );
            }
            claim(
                c.decl.data.personal_data_encrypted_in_transit,
                F,
                msg!("ctl-data-encrypted-in-transit-pass"),
                msg!("ctl-data-encrypted-in-transit-fail"),
                msg!("ctl-data-encrypted-in-transit-unknown"),
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
        _ => return None,
    })
}

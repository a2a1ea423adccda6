//! Software-update controls: mechanism, delivery, support period.

use super::*;

pub(super) fn evaluator(id: &str) -> Option<Evaluator> {
    Some(match id {
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
            let Some(max) = c.control.max_days else { return policy_missing() };
            match u.time_to_fix_days {
                Some(d) if d <= max => Outcome::pass(say!(c, "ctl-update-timely-pass", days = d), F),
                Some(d) => Outcome::fail(say!(c, "ctl-update-timely-fail", days = d, max = max), F),
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
        _ => return None,
    })
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
    let Some(min) = c.control.min_months else {
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

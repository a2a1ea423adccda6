//! Ownership controls (`ownership.*`): repair, transfer to a new owner, the end of the maker's
//! service, read from the declaration's `ownership` section (The Digital Standard's ownership
//! criteria rest on them). The plain yes/no ones (independent repair, remote disabling) are
//! claims in the control set.

use super::*;

fn out(verdict: Verdict, reason: Msg, fields: &'static [&'static str]) -> Outcome {
    Outcome { verdict, reason, fields }
}

/// The evaluator for an ownership control id, `None` for any other id.
pub(super) fn evaluator(id: &str) -> Option<Evaluator> {
    Some(match id {
        "ownership.repair-parts" => repair_parts,
        "ownership.battery-replaceable" => battery_replaceable,
        "ownership.transfer" => transfer,
        "ownership.end-of-service-function" => end_of_service_function,
        "ownership.end-of-service-notice" => |c| {
            const F: &[&str] = &["ownership.end_of_service.notice_months"];
            match c.decl.ownership.end_of_service.notice_months {
                Some(0) => out(Verdict::Fail, msg!("ctl-ownership-end-of-service-notice-fail"), F),
                Some(months) => out(
                    Verdict::Pass,
                    say!(c, "ctl-ownership-end-of-service-notice-pass", months = months),
                    F,
                ),
                None => out(Verdict::Unknown, msg!("ctl-ownership-end-of-service-notice-unknown"), F),
            }
        },
        _ => return None,
    })
}

/// Parts and information for owners and independent repairers, promised until a date that has
/// not passed on the assessment date.
fn repair_parts(c: &Ctx<'_>) -> Outcome {
    const F: &[&str] = &[
        "ownership.repair.available_until",
        "ownership.repair.repair_information",
        "ownership.repair.spare_parts",
    ];
    let r = &c.decl.ownership.repair;
    match (r.spare_parts, r.repair_information, r.available_until) {
        (Some(false), _, _) => out(Verdict::Fail, msg!("ctl-ownership-repair-parts-fail-parts"), F),
        (_, Some(false), _) => out(Verdict::Fail, msg!("ctl-ownership-repair-parts-fail-information"), F),
        (Some(true), Some(true), Some(until)) if until < c.as_of => {
            out(Verdict::Fail, say!(c, "ctl-ownership-repair-parts-fail-ended", until = until), F)
        }
        (Some(true), Some(true), Some(until)) => {
            out(Verdict::Pass, say!(c, "ctl-ownership-repair-parts-pass", until = until), F)
        }
        _ => out(Verdict::Unknown, msg!("ctl-ownership-repair-parts-unknown"), F),
    }
}

fn battery_replaceable(c: &Ctx<'_>) -> Outcome {
    const F: &[&str] = &["ownership.repair.battery"];
    match c.decl.ownership.repair.battery {
        Some(Battery::None) => out(Verdict::NotApplicable, msg!("ctl-ownership-battery-replaceable-na"), F),
        Some(Battery::UserReplaceable) => {
            out(Verdict::Pass, msg!("ctl-ownership-battery-replaceable-pass"), F)
        }
        Some(Battery::ServiceReplaceable) => {
            out(Verdict::Fail, msg!("ctl-ownership-battery-replaceable-fail-service"), F)
        }
        Some(Battery::NotReplaceable) => {
            out(Verdict::Fail, msg!("ctl-ownership-battery-replaceable-fail"), F)
        }
        None => out(Verdict::Unknown, msg!("ctl-ownership-battery-replaceable-unknown"), F),
    }
}

/// Reset and move to a new owner's account without the maker's say and without a fee.
fn transfer(c: &Ctx<'_>) -> Outcome {
    const F: &[&str] = &["ownership.transfer.free_of_charge", "ownership.transfer.without_maker_permission"];
    let t = &c.decl.ownership.transfer;
    match (t.without_maker_permission, t.free_of_charge) {
        (Some(false), _) => out(Verdict::Fail, msg!("ctl-ownership-transfer-fail-permission"), F),
        (_, Some(false)) => out(Verdict::Fail, msg!("ctl-ownership-transfer-fail-fee"), F),
        (Some(true), Some(true)) => out(Verdict::Pass, msg!("ctl-ownership-transfer-pass"), F),
        _ => out(Verdict::Unknown, msg!("ctl-ownership-transfer-unknown"), F),
    }
}

/// What still works once the maker's service is gone: everything, or the core function with a
/// documented local interface that lets the owner keep using it. A device that stops working, or
/// keeps only part of its function with no way to reach it but the maker's service, fails.
fn end_of_service_function(c: &Ctx<'_>) -> Outcome {
    const F: &[&str] = &["ownership.end_of_service.function", "ownership.end_of_service.local_api"];
    let e = &c.decl.ownership.end_of_service;
    match (e.function, e.local_api) {
        (Some(ServiceEndFunction::Full), _) => {
            out(Verdict::Pass, msg!("ctl-ownership-end-of-service-function-pass"), F)
        }
        (Some(ServiceEndFunction::Partial), Some(true)) => {
            out(Verdict::Pass, msg!("ctl-ownership-end-of-service-function-pass-local-api"), F)
        }
        (Some(ServiceEndFunction::Partial), Some(false)) => {
            out(Verdict::Fail, msg!("ctl-ownership-end-of-service-function-fail-partial"), F)
        }
        (Some(ServiceEndFunction::None), _) => {
            out(Verdict::Fail, msg!("ctl-ownership-end-of-service-function-fail"), F)
        }
        (Some(ServiceEndFunction::Partial), None) | (None, _) => {
            out(Verdict::Unknown, msg!("ctl-ownership-end-of-service-function-unknown"), F)
        }
    }
}

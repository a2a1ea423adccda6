//! Vulnerability-handling controls: disclosure, contact, time to fix, known vulnerabilities, SBOM.

use super::*;

pub(super) fn evaluator(id: &str) -> Option<Evaluator> {
    Some(match id {
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
            let Some(max) = c.control.max_days else { return policy_missing() };
            match c.decl.updates.time_to_fix_days {
                Some(d) if d <= max => Outcome::pass(say!(c, "ctl-vuln-timely-action-pass", days = d), F),
                Some(d) => Outcome::fail(say!(c, "ctl-vuln-timely-action-fail", days = d, max = max), F),
                None => Outcome::unknown(msg!("ctl-vuln-timely-action-unknown"), F),
            }
        },
        "vuln.no-known-exploitable" => |c| {
            const F: &[&str] = &["vulnerability_disclosure.known_exploitable_at_release"];
            match c.decl.vulnerability_disclosure.known_exploitable_at_release {
                Some(0) => Outcome::pass(msg!("ctl-vuln-no-known-exploitable-pass"), F),
                Some(n) => Outcome::fail(say!(c, "ctl-vuln-no-known-exploitable-fail", count = n), F),
                None => Outcome::unknown(msg!("ctl-vuln-no-known-exploitable-unknown"), F),
            }
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
        _ => return None,
    })
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

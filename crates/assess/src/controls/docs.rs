//! Documentation controls: what the maker writes down and tells the buyer, and the controls only a test can decide.

use super::*;

pub(super) fn evaluator(id: &str) -> Option<Evaluator> {
    Some(match id {
        "docs.user-information" => user_information,
        "docs.compliance-statement-facts" => compliance_statement_facts,
        "evidence.binary-analysis" => |_| Outcome::unknown(msg!("ctl-evidence-binary-analysis-unknown"), &[]),
        "evidence.penetration-test" => {
            |_| Outcome::unknown(msg!("ctl-evidence-penetration-test-unknown"), &[])
        }

        _ => return None,
    })
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

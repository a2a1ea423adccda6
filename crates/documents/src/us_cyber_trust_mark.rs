//! U.S. Cyber Trust Mark registry data elements (FCC 24-26, paragraph 113)
//!
//! Keys are English snake_case; enumerated values are the declaration's own ids; only sentences are
//! localized. Required: the support end date (unless the product cannot be updated, which makes it
//! "unsupported"), whether a secure setup guide is given, and, when there is a factory password,
//! whether it can be changed. Without a Cyber Trust Mark certification in the declaration's
//! attestations the authorization status says plainly that this is an iotlabel assessment only.
//! The certification body (CLA) is not recorded in declarations, so it is null.

use super::*;

pub(crate) fn us_cyber_trust_mark(cx: &Cx<'_, '_>) -> Result<String, Vec<Missing>> {
    let d = cx.decl;
    let i = &d.identity;
    let a = &d.authentication;
    let mut needs = Needs::default();
    let has_factory_password = matches!(
        a.default_password,
        DefaultPasswordPolicy::UniquePerDevice | DefaultPasswordPolicy::Universal
    );
    if has_factory_password && a.user_can_change_credentials.is_none() {
        needs.add("authentication.user_can_change_credentials", msg!("doc-why-can-change-password"));
    }
    let guide = needs.value(
        d.documentation.secure_setup_guide.map(Some),
        "documentation.secure_setup_guide",
        msg!("doc-why-setup-guide"),
    );
    let updatable = d.updates.mechanism != UpdateMechanism::None;
    if updatable && d.updates.support_end.is_none() {
        needs.add("updates.support_end", msg!("doc-why-support-end"));
    }
    needs.done()?;

    // Authorization: a Cyber Trust Mark certificate from the declaration, else the assessment.
    let cert = d
        .attestations
        .certifications
        .iter()
        .filter(|c| c.scheme == "us-cyber-trust-mark" && c.issued <= cx.issued)
        .max_by_key(|c| (c.issued, c.id.clone()));
    let nist = cx.framework("nist-ir-8425");
    let assessment = nist.as_deref().map(|f| {
        json!({
            "framework": f.id,
            "edition": f.edition,
            "verdict": f.verdict.as_str(),
            "as_of": cx.report.as_of.to_string(),
        })
    });
    let authorization = match cert {
        Some(c) if c.expires.is_some_and(|e| e < cx.issued) => json!({
            "status": "expired",
            "date": c.issued.to_string(),
            "certificate_id": c.id,
            "statement": cx.t(msg!("doc-us-expired", id = c.id.clone(), date = c.expires.unwrap_or(c.issued))),
            "iotlabel_assessment": assessment,
        }),
        Some(c) => json!({
            "status": "authorized",
            "date": c.issued.to_string(),
            "certificate_id": c.id,
            "statement": cx.t(msg!("doc-us-certified", id = c.id.clone(), date = c.issued)),
            "iotlabel_assessment": assessment,
        }),
        None => {
            let verdict = match nist.as_deref().map(|f| f.verdict) {
                Some(FrameworkVerdict::Conformant) => "doc-verdict-conformant",
                Some(FrameworkVerdict::NotConformant) => "doc-verdict-not-conformant",
                Some(FrameworkVerdict::Incomplete) | None => "doc-verdict-incomplete",
                Some(FrameworkVerdict::OutOfScope) => "doc-verdict-out-of-scope",
            };
            json!({
                "status": "not_certified",
                "date": Value::Null,
                "certificate_id": Value::Null,
                "statement": cx.t(msg!("doc-us-not-certified", verdict = cx.id(verdict))),
                "iotlabel_assessment": assessment,
            })
        }
    };

    let labs = lab_names(cx);
    let lab = if labs.is_empty() { Value::Null } else { Value::String(labs.join(", ")) };

    let website = i.manufacturer.website.trim();
    let secure_configuration = json!({
        "guide_provided": guide,
        "how_to": cx.t(if guide == Some(true) {
            msg!("doc-us-setup-yes", url = website.to_string())
        } else {
            msg!("doc-us-setup-no", url = website.to_string())
        }),
        "url": json_url(website),
    });

    let how_to_get = match d.updates.mechanism {
        UpdateMechanism::None => cx.id("doc-us-updates-how-none"),
        UpdateMechanism::Manual => cx.t(msg!("doc-us-updates-how-manual", url = website.to_string())),
        UpdateMechanism::AutomaticOptIn => cx.id("doc-us-updates-how-opt-in"),
        UpdateMechanism::AutomaticByDefault => cx.id("doc-us-updates-how-auto"),
    };
    let notification: Vec<Value> = d.updates.notification.iter().map(enum_id).collect();

    let support = match d.updates.support_end {
        Some(end) if updatable && end >= cx.issued => Value::String(end.to_string()),
        _ => Value::String("unsupported".into()),
    };

    let mut shared: Vec<String> =
        d.data.collected.iter().flat_map(|x| x.shared_with.iter().cloned()).collect();
    shared.sort();
    shared.dedup();

    let body = json!({
        "scheme": Scheme::UsCyberTrustMark.id(),
        "language": cx.lang.code(),
        "prepared": cx.issued.to_string(),
        "note": cx.id("doc-us-note"),
        "product_name": format!("{} {}", i.brand.trim(), i.model.trim()),
        "product_identification": {
            "brand": i.brand,
            "model": i.model,
            "hardware_version": i.hardware_version,
            "firmware_version": i.firmware_version,
            "gtin": i.gtin,
        },
        "manufacturer_name": i.manufacturer.name,
        "authorization": authorization,
        "certification_body": Value::Null,
        "lab_name": lab,
        "default_password": {
            "policy": enum_id(&a.default_password),
            "can_be_changed": if a.default_password == DefaultPasswordPolicy::None {
                Value::Null
            } else {
                json!(a.user_can_change_credentials)
            },
            "how_to_change": password_sentence(cx),
        },
        "secure_configuration": secure_configuration,
        "updates": {
            "automatic": d.updates.mechanism == UpdateMechanism::AutomaticByDefault,
            "mechanism": enum_id(&d.updates.mechanism),
            "how_to_get": how_to_get,
            "notification": notification,
        },
        "minimum_support_period": support,
        "support_period_url": d.updates.support_period_url.as_deref().map(json_url),
        "bill_of_materials": {
            "sbom_maintained": d.software.sbom.as_ref().map(|_| true),
            "sbom_format": d.software.sbom.as_ref().map(|b| enum_id(&b.format)),
            "hbom_maintained": Value::Null,
        },
        "additional_elements": {
            "multi_factor_authentication": a.cloud_mfa.map(|m| enum_id(&m)),
            "mfa_available": a.cloud_mfa.map(|m| matches!(m, MfaSupport::Required | MfaSupport::Optional)),
            "encryption_in_transit": enum_id(&d.communication.encryption_in_transit),
            "encryption_at_rest": d.data.encrypted_at_rest,
            "sensors": d.sensors.iter().map(|s| s.kind.clone()).collect::<Vec<_>>(),
            "data_collected": d.data.collected.iter().map(|x| x.kind.clone()).collect::<Vec<_>>(),
            "data_shared_with": shared,
            "vulnerability_disclosure_policy": d.vulnerability_disclosure.policy_url.as_deref().map(json_url),
        },
    });
    let mut out = serde_json::to_string_pretty(&body).unwrap_or_default();
    out.push('\n');
    Ok(out)
}

/// A declaration enum's id, as serde writes it.
fn enum_id<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// Labs that tested the product, by the label's rule ([`iotlabel_label::facts::independent_evidence`]),
/// sorted and without repeats.
fn lab_names(cx: &Cx<'_, '_>) -> Vec<String> {
    let mut labs: Vec<String> = iotlabel_label::facts::independent_evidence(cx.decl, cx.evidence, cx.report)
        .into_iter()
        .map(|it| it.tester.trim().to_string())
        .collect();
    labs.sort();
    labs.dedup();
    labs
}

//! EU CRA Annex II: information and instructions for the user (nine points)
//!
//! Required: everything a point must state and only the declaration can give: the manufacturer's
//! address and e-mail, the vulnerability contact and where the disclosure policy is (point 2 asks
//! for both), the intended purpose, that the foreseeable risks are documented (point 5), the EU
//! declaration of conformity URL and the support end date. The instructions of point 8 are stated
//! as declared (and say so when the manufacturer provides none); point 9 applies only when an SBOM
//! is made available to users.

use super::*;

pub(crate) fn eu_cra(cx: &Cx<'_, '_>) -> Result<String, Vec<Missing>> {
    let d = cx.decl;
    let m = &d.identity.manufacturer;
    let v = &d.vulnerability_disclosure;
    let doc = &d.documentation;
    let mut needs = Needs::default();
    let address = needs.text(m.address.as_ref(), "identity.manufacturer.address", msg!("doc-why-address"));
    let email = needs.text(
        m.contact_email.as_ref(),
        "identity.manufacturer.contact_email",
        msg!("doc-why-contact-email"),
    );
    let contact =
        needs.text(v.contact.as_ref(), "vulnerability_disclosure.contact", msg!("doc-why-vuln-contact"));
    let policy =
        needs.text(v.policy_url.as_ref(), "vulnerability_disclosure.policy_url", msg!("doc-why-vuln-policy"));
    let intended =
        needs.text(d.identity.intended_use.as_ref(), "identity.intended_use", msg!("doc-why-intended-use"));
    if doc.risks_documented != Some(true) {
        needs.add("documentation.risks_documented", msg!("doc-why-risks"));
    }
    let eu_doc = needs.text(
        doc.eu_declaration_url.as_ref(),
        "documentation.eu_declaration_url",
        msg!("doc-why-eu-doc"),
    );
    let support_end = needs.value(d.updates.support_end, "updates.support_end", msg!("doc-why-support-end"));
    needs.done()?;

    let i = &d.identity;
    let mut s = String::new();
    let product = format!("{} {}", md(&i.brand), md(&i.model));
    heading(&mut s, 1, &cx.t(msg!("doc-cra-title", product = product)));
    let _ = writeln!(s, "{}\n", cx.id("doc-cra-intro"));

    heading(&mut s, 2, &cx.id("doc-cra-1"));
    bullet(&mut s, &cx.t(msg!("doc-cra-name", name = md(&m.name))));
    bullet(&mut s, &cx.t(msg!("doc-cra-address", address = md(address))));
    bullet(&mut s, &cx.t(msg!("doc-cra-email", email = link(&mailto(email)))));
    bullet(&mut s, &cx.t(msg!("doc-cra-website", url = link(&m.website))));
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-cra-2"));
    bullet(&mut s, &cx.t(msg!("doc-cra-contact", contact = link(contact))));
    bullet(&mut s, &cx.t(msg!("doc-cra-policy", url = link(policy))));
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-cra-3"));
    bullet(&mut s, &cx.t(msg!("doc-cra-product", product = cx.product_line())));
    bullet(&mut s, &cx.t(msg!("doc-cra-type", kind = cx.device_type())));
    if let Some(gtin) = &i.gtin {
        bullet(&mut s, &cx.t(msg!("doc-gtin", gtin = md(gtin))));
    }
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-cra-4"));
    bullet(&mut s, &cx.t(msg!("doc-cra-intended", text = md(intended))));
    bullet(
        &mut s,
        &cx.id(match d.communication.offline_function {
            OfflineFunction::Full => "doc-cra-offline-full",
            OfflineFunction::Partial => "doc-cra-offline-partial",
            OfflineFunction::None => "doc-cra-offline-none",
        }),
    );
    bullet(&mut s, &password_sentence(cx));
    bullet(
        &mut s,
        &cx.id(match d.communication.encryption_in_transit {
            Coverage::All => "doc-encryption-all",
            Coverage::Partial => "doc-encryption-partial",
            Coverage::None => "doc-encryption-none",
        }),
    );
    if d.data.encrypted_at_rest == Some(true) {
        bullet(&mut s, &cx.id("doc-encryption-at-rest"));
    }
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-cra-5"));
    let _ = writeln!(s, "{}\n", cx.id("doc-cra-risks"));

    heading(&mut s, 2, &cx.id("doc-cra-6"));
    let _ = writeln!(s, "{}\n", cx.t(msg!("doc-cra-doc", url = link(eu_doc))));

    heading(&mut s, 2, &cx.id("doc-cra-7"));
    bullet(&mut s, &cx.t(msg!("doc-cra-support-type", kind = support_type(cx))));
    if d.updates.free_of_charge == Some(true) && d.updates.mechanism != UpdateMechanism::None {
        bullet(&mut s, &cx.id("doc-cra-support-free"));
    }
    let month = format!("{} {}", cx.id(month_id(support_end.month())), support_end.year());
    bullet(&mut s, &cx.t(msg!("doc-cra-support-end", month = month, date = support_end)));
    if let Some(url) = &d.updates.support_period_url {
        bullet(&mut s, &cx.t(msg!("doc-cra-support-url", url = link(url))));
    }
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-cra-8"));
    let setup = match doc.secure_setup_guide {
        Some(true) => cx.id("doc-cra-setup-yes"),
        Some(false) => cx.id("doc-cra-setup-no"),
        None => cx.id("doc-not-declared"),
    };
    bullet(&mut s, &cx.t(msg!("doc-cra-setup", text = setup)));
    let changes = if d.communication.config_changes_authenticated == Some(true) {
        cx.id("doc-cra-changes-auth")
    } else {
        cx.id("doc-cra-changes-policy")
    };
    match &d.data.privacy_policy_url {
        Some(url) => {
            bullet(&mut s, &cx.t(msg!("doc-cra-changes", text = changes)));
            bullet(&mut s, &cx.t(msg!("doc-cra-privacy", url = link(url))));
        }
        None if d.communication.config_changes_authenticated == Some(true) => {
            bullet(&mut s, &cx.t(msg!("doc-cra-changes", text = cx.id("doc-cra-changes-auth"))));
        }
        None => bullet(&mut s, &cx.t(msg!("doc-cra-changes", text = cx.id("doc-not-declared")))),
    }
    bullet(&mut s, &cx.t(msg!("doc-cra-updates", text = updates_sentence(cx))));
    let mut decommission: Vec<String> = Vec::new();
    if doc.decommissioning_guide == Some(true) {
        decommission.push(cx.id("doc-cra-decommission-guide"));
    }
    match d.data.deletion_on_factory_reset {
        Some(true) => decommission.push(cx.id("doc-cra-reset-erases")),
        Some(false) => decommission.push(cx.id("doc-cra-reset-keeps")),
        None => {}
    }
    if d.data.deletion_on_request == Some(true) {
        decommission.push(cx.id("doc-cra-delete-request"));
    }
    if decommission.is_empty() {
        decommission.push(cx.id("doc-not-declared"));
    }
    bullet(&mut s, &cx.t(msg!("doc-cra-decommission", text = decommission.join(" "))));
    let auto_off = match d.updates.mechanism {
        UpdateMechanism::AutomaticByDefault | UpdateMechanism::AutomaticOptIn => {
            match d.updates.user_can_defer {
                Some(true) => cx.id("doc-cra-auto-off-yes"),
                Some(false) => cx.id("doc-cra-auto-off-no"),
                None => cx.id("doc-not-declared"),
            }
        }
        UpdateMechanism::Manual | UpdateMechanism::None => cx.id("doc-cra-auto-off-manual"),
    };
    bullet(&mut s, &cx.t(msg!("doc-cra-auto-off", text = auto_off)));
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-cra-9"));
    let sbom = match &d.software.sbom {
        Some(b) => match &b.url {
            Some(url) => cx.t(msg!("doc-cra-sbom-url", format = sbom_format(b.format), url = link(url))),
            None => cx.id("doc-cra-sbom-kept"),
        },
        None => cx.id("doc-cra-sbom-none"),
    };
    let _ = writeln!(s, "{sbom}\n");

    let _ = writeln!(s, "---\n\n{}", cx.prepared());
    Ok(s)
}

fn mailto(email: &str) -> String {
    if email.contains(':') { email.to_string() } else { format!("mailto:{email}") }
}

fn month_id(m: u32) -> &'static str {
    const IDS: [&str; 12] = [
        "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8", "month-9",
        "month-10", "month-11", "month-12",
    ];
    IDS[(m.clamp(1, 12) - 1) as usize]
}

fn sbom_format(f: SbomFormat) -> &'static str {
    match f {
        SbomFormat::CycloneDx => "CycloneDX",
        SbomFormat::Spdx => "SPDX",
    }
}

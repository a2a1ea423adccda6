//! UK PSTI statement of compliance
//!
//! Content follows the minimum content of the statement of compliance in Schedule 4 to SI 2023/1007
//! as recorded in the project's reference notes (frameworks.md section 3). That list is marked [M]
//! there (from memory, not re-verified against the published instrument): treat it as the best
//! available reading and re-check it before relying on a statement in front of a regulator.
//! Decisions: the statement refuses when a fact it must state is missing (manufacturer address,
//! support end date, vulnerability contact) and also when any Schedule 1 requirement is not met or
//! cannot be decided, since a statement of compliance cannot be issued for a product that does not
//! comply. The batch, place of issue and signatory lines are left for the manufacturer to fill in.

use super::*;

/// The Schedule 1 requirements (catalog ids) with their short names.
const PSTI_REQUIREMENTS: [(&str, &str); 3] =
    [("1", "doc-psti-req-1"), ("2", "doc-psti-req-2"), ("3", "doc-psti-req-3")];

/// Which standard or label a requirement is deemed met by: the first route met, in the
/// catalog's order (the regulations' own conditions A, B, C).
fn route_sentence(cx: &Cx<'_, '_>, route: &iotlabel_assess::RouteResult<'_>) -> String {
    let title = |fw: &str| {
        cx.report.catalogs.framework(fw).map_or(fw.to_string(), |c| c.framework.short_title.clone())
    };
    match (&route.certificate, route.scheme) {
        (Some(id), Some(scheme)) => cx.t(msg!(
            "doc-psti-route-label",
            scheme = title(scheme),
            id = md(id),
            reference = md(route.reference),
        )),
        _ => {
            let framework = route.via.first().and_then(|k| k.split_once(':')).map_or("", |(fw, _)| fw);
            let ids: Vec<String> =
                route.via.iter().filter_map(|k| k.split_once(':')).map(|(_, id)| id.to_string()).collect();
            cx.t(msg!(
                "doc-psti-route-via",
                framework = title(framework),
                ids = Arg::Bilingual(
                    Cow::Owned(and_list(&ids, Lang::En)),
                    Cow::Owned(and_list(&ids, Lang::Fr))
                ),
                reference = md(route.reference),
            ))
        }
    }
}

/// `a`, `a and b`, `a, b and c` in `lang`.
fn and_list(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [head @ .., last] => format!("{} {} {last}", head.join(", "), text(lang, "doc-and")),
    }
}

fn bilingual(m: &Msg) -> Arg {
    Arg::Bilingual(Cow::Owned(m.text(Lang::En)), Cow::Owned(m.text(Lang::Fr)))
}

pub(crate) fn uk_psti(cx: &Cx<'_, '_>) -> Result<String, Vec<Missing>> {
    let d = cx.decl;
    let m = &d.identity.manufacturer;
    let mut needs = Needs::default();
    let address = needs.text(m.address.as_ref(), "identity.manufacturer.address", msg!("doc-why-address"));
    let support_end = d.updates.support_end;
    if support_end.is_none() {
        needs.add("updates.support_end", msg!("doc-why-support-end"));
    }
    let contact = needs.text(
        d.vulnerability_disclosure.contact.as_ref(),
        "vulnerability_disclosure.contact",
        msg!("doc-why-vuln-contact"),
    );
    if let Some(end) = support_end
        && end < cx.issued
    {
        needs.add("updates.support_end", msg!("doc-why-support-ended", date = end, issued = cx.issued));
    }

    // Every Schedule 1 requirement must hold (pass) or not apply.
    let fw = cx.framework("uk-psti");
    let mut results: Vec<(&'static str, &'static str, Option<&RequirementResult>)> = Vec::new();
    for (id, title) in PSTI_REQUIREMENTS {
        let r = fw.as_deref().and_then(|f| f.requirements.iter().find(|r| r.id == id));
        results.push((id, title, r));
    }
    for &(id, title, r) in &results {
        let title = bilingual(&Msg::new(title));
        let Some(r) = r else {
            // Not assessed (cannot happen with the built-in catalogs): say so rather than vouch.
            needs.add(
                "identity",
                msg!("doc-why-psti-unknown", id = id.to_string(), title = title, reason = ""),
            );
            continue;
        };
        let reason = Arg::Bilingual(Cow::Owned(r.reason.text(Lang::En)), Cow::Owned(r.reason.text(Lang::Fr)));
        match r.verdict {
            Verdict::Pass | Verdict::NotApplicable => {}
            Verdict::Fail | Verdict::Contradicted => {
                let reason_en = r.reason.text(Lang::En);
                let fields = named_fields(r, &reason_en);
                let listed: Vec<&str> = needs.0.iter().map(|m| m.field.as_str()).collect();
                let field = fields
                    .iter()
                    .copied()
                    .find(|f| !listed.contains(f))
                    .or_else(|| fields.first().copied())
                    .unwrap_or("identity");
                needs.add(
                    field,
                    msg!("doc-why-psti-not-met", id = id.to_string(), title = title, reason = reason),
                );
            }
            Verdict::Unknown => {
                let fields = if r.missing.is_empty() {
                    r.fields.to_vec()
                } else {
                    to_fill_in(&cx.decl_json, &r.missing)
                };
                let field = fields.first().copied().unwrap_or("identity");
                needs.add(
                    field,
                    msg!("doc-why-psti-unknown", id = id.to_string(), title = title, reason = reason),
                );
            }
        }
    }
    needs.done()?;
    // Present: a missing end date was recorded above and refused by `done`.
    let support_end = support_end.unwrap_or(cx.issued);

    let v = &d.vulnerability_disclosure;
    let blank = cx.id("doc-fill-in");
    let mut s = String::new();
    heading(&mut s, 1, &cx.id("doc-psti-title"));
    let _ = writeln!(s, "{}\n", cx.id("doc-psti-intro"));

    heading(&mut s, 2, &cx.id("doc-psti-product"));
    bullet(&mut s, &cx.t(msg!("doc-psti-product-type", kind = cx.device_type())));
    bullet(&mut s, &cx.t(msg!("doc-psti-product-id", product = cx.product_line())));
    if let Some(gtin) = &d.identity.gtin {
        bullet(&mut s, &cx.t(msg!("doc-gtin", gtin = md(gtin))));
    }
    bullet(&mut s, &cx.t(msg!("doc-psti-batch", blank = blank.clone())));
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-psti-manufacturer"));
    bullet(&mut s, &cx.t(msg!("doc-psti-manufacturer-name", name = md(&m.name))));
    bullet(&mut s, &cx.t(msg!("doc-psti-manufacturer-address", address = md(address))));
    bullet(&mut s, &cx.t(msg!("doc-psti-manufacturer-website", url = link(&m.website))));
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-psti-declaration"));
    let _ = writeln!(s, "{}\n", cx.id("doc-psti-prepared-by"));
    let _ = writeln!(s, "{}\n", cx.id("doc-psti-opinion"));
    for &(id, title, r) in &results {
        let title = cx.id(title);
        let mut line = match r {
            Some(r) if r.verdict == Verdict::NotApplicable => {
                cx.t(msg!("doc-psti-req-na", id = id, title = title, reason = md_reason(&r.reason, cx.lang)))
            }
            _ => cx.t(msg!("doc-psti-req-met", id = id, title = title)),
        };
        if let Some(route) = r.and_then(|r| r.routes.iter().find(|x| x.met)) {
            line.push(' ');
            line.push_str(&route_sentence(cx, route));
        }
        if id == "2" {
            line.push(' ');
            line.push_str(&cx.t(msg!("doc-psti-contact", contact = link(contact))));
            if let Some(url) = &v.policy_url {
                line.push(' ');
                line.push_str(&cx.t(msg!("doc-psti-policy", url = link(url))));
            }
            if let (Some(ack), Some(status)) = (v.acknowledgement_days, v.status_update_days) {
                line.push(' ');
                line.push_str(&cx.t(msg!("doc-psti-timelines", ack = ack, status = status)));
            }
        }
        bullet(&mut s, &line);
    }
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-psti-support"));
    let mut support = cx.t(msg!("doc-psti-support-end", date = support_end));
    if let Some(url) = &d.updates.support_period_url {
        support.push(' ');
        support.push_str(&cx.t(msg!("doc-psti-support-url", url = link(url))));
    }
    let _ = writeln!(s, "{support}\n");

    heading(&mut s, 2, &cx.id("doc-psti-signature"));
    bullet(&mut s, &cx.t(msg!("doc-psti-place", blank = blank.clone())));
    bullet(&mut s, &cx.t(msg!("doc-psti-date", date = cx.issued)));
    bullet(&mut s, &cx.t(msg!("doc-psti-name", blank = blank.clone())));
    bullet(&mut s, &cx.t(msg!("doc-psti-function", blank = blank.clone())));
    bullet(&mut s, &cx.t(msg!("doc-psti-sign", blank = blank)));
    s.push('\n');

    let _ = writeln!(s, "---\n\n{}\n\n{}", cx.id("doc-psti-retain"), cx.prepared());
    Ok(s)
}

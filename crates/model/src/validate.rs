//! Semantic checks the schema cannot express: taxonomy ids, impossible dates, check digits,
//! contradictions between fields. Every check reports a JSON pointer so the parser can locate it.

use std::collections::HashSet;

use crate::declaration::*;
use crate::diagnostic::{Issue, did_you_mean};
use crate::taxonomy::{Taxonomy, TermKind};

/// Section names a claim's `field` may start with.
const SECTIONS: &[&str] = &[
    "identity",
    "authentication",
    "updates",
    "vulnerability_disclosure",
    "communication",
    "data",
    "sensors",
    "hardware",
    "software",
    "network",
    "documentation",
];

/// All semantic problems of a structurally valid declaration (empty when it is valid).
pub fn validate(d: &Declaration) -> Vec<Issue> {
    let mut out = Vec::new();
    let tax = Taxonomy::builtin();

    if d.schema_version != SCHEMA_VERSION {
        out.push(
            Issue::new("/schema_version", format!("unsupported schema_version `{}`", d.schema_version))
                .expected(format!("\"{SCHEMA_VERSION}\""))
                .suggest("this build reads format 1.0; convert the file or upgrade iotlabel"),
        );
    }

    // Identity.
    let id = &d.identity;
    for (ptr, v) in [
        ("/identity/brand", &id.brand),
        ("/identity/model", &id.model),
        ("/identity/hardware_version", &id.hardware_version),
        ("/identity/firmware_version", &id.firmware_version),
        ("/identity/manufacturer/name", &id.manufacturer.name),
    ] {
        if v.trim().is_empty() {
            out.push(Issue::new(ptr, "must not be empty").expected("a non-empty text"));
        }
    }
    check_term(&mut out, tax, TermKind::Device, "/identity/device_type", &id.device_type);
    if !is_country(&id.manufacturer.country) {
        out.push(
            Issue::new(
                "/identity/manufacturer/country",
                format!("`{}` is not a country code", id.manufacturer.country),
            )
            .expected("an ISO 3166-1 alpha-2 code in capitals, e.g. CA, FR, GB"),
        );
    }
    check_url(&mut out, "/identity/manufacturer/website", &id.manufacturer.website, false);
    if let Some(g) = &id.gtin
        && let Err(why) = check_gtin(g)
    {
        out.push(
            Issue::new("/identity/gtin", why).expected("a GS1 GTIN-8, -12, -13 or -14 with its check digit"),
        );
    }
    if let Some(e) = &id.manufacturer.contact_email
        && !is_email(e)
    {
        out.push(
            Issue::new("/identity/manufacturer/contact_email", format!("`{e}` is not an e-mail address"))
                .expected("name@example.com"),
        );
    }

    // Updates.
    let u = &d.updates;
    if let Some(end) = u.support_end
        && end < id.release_date
    {
        out.push(
            Issue::new(
                "/updates/support_end",
                format!("support ends ({end}) before the release date ({})", id.release_date),
            )
            .expected(format!("a date on or after {}", id.release_date))
            .suggest("support_end is the last day security updates are provided"),
        );
    }
    if let Some(url) = &u.support_period_url {
        check_url(&mut out, "/updates/support_period_url", url, false);
    }
    if u.mechanism == UpdateMechanism::None {
        for (ptr, set) in [
            ("/updates/signed", u.signed == Some(true)),
            ("/updates/verified_on_device", u.verified_on_device == Some(true)),
            ("/updates/periodic_check", u.periodic_check == Some(true)),
        ] {
            if set {
                out.push(
                    Issue::new(ptr, "claims an update property, but updates.mechanism is `none`")
                        .suggest("set updates.mechanism to how updates are delivered, or remove this claim"),
                );
            }
        }
    }
    if u.time_to_fix_days == Some(0) {
        out.push(
            Issue::new("/updates/time_to_fix_days", "0 days is not a possible commitment")
                .expected("a number of days, 1 or more"),
        );
    }
    if u.notification.contains(&NotificationChannel::None) && u.notification.len() > 1 {
        out.push(Issue::new("/updates/notification", "`none` cannot be combined with other channels"));
    }

    // Vulnerability disclosure.
    let v = &d.vulnerability_disclosure;
    if let Some(url) = &v.policy_url {
        check_url(&mut out, "/vulnerability_disclosure/policy_url", url, false);
    }
    if let Some(c) = &v.contact {
        let ok = c.starts_with("mailto:") && is_email(&c[7..]) || is_email(c) || url_ok(c, false);
        if !ok {
            out.push(
                Issue::new("/vulnerability_disclosure/contact", format!("`{c}` is not a contact address"))
                    .expected("a URL (e.g. https://example.com/.well-known/security.txt), mailto: address or e-mail address"),
            );
        }
    }

    // Authentication.
    let a = &d.authentication;
    let uses_password = a
        .local_login
        .iter()
        .chain(&a.remote_login)
        .any(|m| matches!(m, LoginMethod::Password | LoginMethod::Pin));
    if a.default_password == DefaultPasswordPolicy::None && uses_password {
        out.push(
            Issue::new(
                "/authentication/default_password",
                "`none` says the device uses no passwords, but a login method is a password or PIN",
            )
            .expected("unique_per_device, user_set_at_setup or universal")
            .suggest("say how the first password is set, e.g. `user_set_at_setup`"),
        );
    }
    if a.cloud_mfa == Some(MfaSupport::NoCloudAccount) && a.remote_login.contains(&LoginMethod::CloudAccount)
    {
        out.push(
            Issue::new(
                "/authentication/cloud_mfa",
                "`no_cloud_account` contradicts remote_login `cloud_account`",
            )
            .expected("required, optional or unavailable"),
        );
    }
    if a.unique_passwords_random.is_some() && a.default_password != DefaultPasswordPolicy::UniquePerDevice {
        out.push(
            Issue::new(
                "/authentication/unique_passwords_random",
                "only meaningful when default_password is `unique_per_device`",
            )
            .suggest("remove this field or set default_password = \"unique_per_device\""),
        );
    }

    // Communication.
    let c = &d.communication;
    if c.encryption_in_transit == Coverage::None && c.min_tls_version.is_some() {
        out.push(
            Issue::new(
                "/communication/min_tls_version",
                "a TLS version is given but encryption_in_transit is `none`",
            )
            .suggest("set encryption_in_transit to `all` or `partial`, or remove min_tls_version"),
        );
    }
    let mut seen = HashSet::new();
    for (i, s) in c.local_services.iter().enumerate() {
        if s.port == 0 {
            out.push(
                Issue::new(format!("/communication/local_services/{i}/port"), "port 0 is not a real port")
                    .expected("1-65535"),
            );
        }
        if !seen.insert((s.port, s.transport)) {
            out.push(Issue::new(
                format!("/communication/local_services/{i}/port"),
                format!("port {} is listed twice", s.port),
            ));
        }
        if s.name.trim().is_empty() {
            out.push(
                Issue::new(format!("/communication/local_services/{i}/name"), "must not be empty")
                    .expected("a service name, e.g. http, rtsp, ssh"),
            );
        }
    }

    // Data.
    for (i, item) in d.data.collected.iter().enumerate() {
        check_term(&mut out, tax, TermKind::Data, &format!("/data/collected/{i}/type"), &item.kind);
        if item.purpose.trim().is_empty() {
            out.push(
                Issue::new(format!("/data/collected/{i}/purpose"), "must not be empty")
                    .expected("why the data is collected"),
            );
        }
    }
    if let Some(url) = &d.data.privacy_policy_url {
        check_url(&mut out, "/data/privacy_policy_url", url, false);
    }
    if d.data.consent_withdrawable.is_some() && d.data.consent_based == Some(false) {
        out.push(Issue::new(
            "/data/consent_withdrawable",
            "consent_based is false, so there is no consent to withdraw",
        ));
    }

    // Sensors.
    for (i, s) in d.sensors.iter().enumerate() {
        check_term(&mut out, tax, TermKind::Sensor, &format!("/sensors/{i}/type"), &s.kind);
    }

    // Hardware.
    if d.hardware.debug_interfaces == Some(DebugInterfaces::Absent)
        && d.hardware.debug_ports_physically_protected.is_some()
    {
        out.push(Issue::new(
            "/hardware/debug_ports_physically_protected",
            "debug_interfaces is `absent`, so there are no ports to protect",
        ));
    }

    // Software and network.
    if let Some(sbom) = &d.software.sbom
        && let Some(url) = &sbom.url
    {
        check_url(&mut out, "/software/sbom/url", url, false);
    }
    if let Some(url) = &d.network.mud_url {
        check_url(&mut out, "/network/mud_url", url, true);
    }
    for (i, e) in d.network.cloud_endpoints.iter().enumerate() {
        if e.port == 0 {
            out.push(
                Issue::new(format!("/network/cloud_endpoints/{i}/port"), "port 0 is not a real port")
                    .expected("1-65535"),
            );
        }
        if !is_domain(&e.domain) {
            out.push(
                Issue::new(
                    format!("/network/cloud_endpoints/{i}/domain"),
                    format!("`{}` is not a domain name", e.domain),
                )
                .expected("a DNS name such as api.example.com"),
            );
        }
    }
    if let Some(url) = &d.documentation.eu_declaration_url {
        check_url(&mut out, "/documentation/eu_declaration_url", url, false);
    }

    // Attestations.
    for (i, claim) in d.attestations.claims.iter().enumerate() {
        let section = claim.field.split(['.', '[']).next().unwrap_or_default();
        if !SECTIONS.contains(&section) {
            out.push(
                Issue::new(
                    format!("/attestations/claims/{i}/field"),
                    format!("`{}` is not a declaration field", claim.field),
                )
                .expected(format!("a field path starting with one of: {}", SECTIONS.join(", ")))
                .maybe_suggest(did_you_mean(section, SECTIONS.iter().copied())),
            );
        }
        if let Voucher::Lab { name } = &claim.by
            && name.trim().is_empty()
        {
            out.push(Issue::new(format!("/attestations/claims/{i}/by/name"), "lab name must not be empty"));
        }
    }
    for (i, cert) in d.attestations.certifications.iter().enumerate() {
        if let Some(exp) = cert.expires
            && exp < cert.issued
        {
            out.push(
                Issue::new(
                    format!("/attestations/certifications/{i}/expires"),
                    format!("expires ({exp}) before it was issued ({})", cert.issued),
                )
                .expected(format!("a date after {}", cert.issued)),
            );
        }
    }
    out
}

fn check_term(out: &mut Vec<Issue>, tax: &Taxonomy, kind: TermKind, ptr: &str, id: &str) {
    if tax.get(kind, id).is_none() {
        let ids: Vec<&str> = tax.ids(kind).collect();
        out.push(
            Issue::new(ptr, format!("`{id}` is not a known {}", kind.noun()))
                .expected(format!("one of: {}", ids.join(", ")))
                .maybe_suggest(did_you_mean(id, ids.iter().copied())),
        );
    }
}

fn url_ok(s: &str, https_only: bool) -> bool {
    // Byte-level on purpose: this runs for every URL of every declaration a registry re-reads.
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    let Some(rest) = rest.strip_prefix("//") else { return false };
    let scheme_ok = scheme == "https" || (!https_only && scheme == "http");
    let no_space = if s.is_ascii() {
        !s.bytes().any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    } else {
        !s.chars().any(|c| c.is_whitespace() || c.is_control())
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host.split(':').next().unwrap_or_default();
    scheme_ok && no_space && is_domain(host)
}

fn check_url(out: &mut Vec<Issue>, ptr: &str, s: &str, https_only: bool) {
    if !url_ok(s, https_only) {
        out.push(
            Issue::new(ptr, format!("`{s}` is not a valid {}URL", if https_only { "https " } else { "" }))
                .expected(if https_only { "https://host/path" } else { "http(s)://host/path" }),
        );
    }
}

fn is_domain(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
}

fn is_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !local.contains(char::is_whitespace)
                && domain.contains('.')
                && is_domain(domain)
        }
        None => false,
    }
}

fn is_country(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// Checks a GS1 GTIN's length and check digit.
pub fn check_gtin(g: &str) -> Result<(), String> {
    if !g.bytes().all(|b| b.is_ascii_digit()) || ![8, 12, 13, 14].contains(&g.len()) {
        return Err(format!("`{g}` is not 8, 12, 13 or 14 digits"));
    }
    let digits: Vec<u32> = g.bytes().map(|b| u32::from(b - b'0')).collect();
    let (body, check) = digits.split_at(digits.len() - 1);
    let sum: u32 = body.iter().rev().enumerate().map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d }).sum();
    let expected = (10 - sum % 10) % 10;
    if expected == check[0] {
        Ok(())
    } else {
        Err(format!("check digit of `{g}` is {}, but the digits give {expected}", check[0]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gtin_check_digits() {
        assert!(check_gtin("4006381333931").is_ok());
        assert!(check_gtin("4006381333932").is_err());
        assert!(check_gtin("96385074").is_ok());
        assert!(check_gtin("12345").is_err());
    }

    #[test]
    fn urls_and_domains() {
        assert!(url_ok("https://example.com/x", true));
        assert!(!url_ok("http://example.com", true));
        assert!(!url_ok("example.com", false));
        assert!(!url_ok("https://exa mple.com", false));
        assert!(is_email("security@example.com"));
        assert!(!is_email("security.example.com"));
    }
}

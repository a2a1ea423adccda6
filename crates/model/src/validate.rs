//! Semantic checks the schema cannot express: taxonomy ids, impossible dates, check digits,
//! contradictions between fields. Every check reports a JSON pointer so the parser can locate it.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde_json::Value;

use crate::declaration::*;
use crate::diagnostic::{Issue, closest, did_you_mean, quote};
use crate::schema::{MAX_MUD_URL_BYTES, declaration_schema, property, resolve};
use crate::taxonomy::{Taxonomy, TermKind};
use crate::text::check_strings;

/// Section names a claim's `field` may start with.
/// The declaration's sections a claim may name: every top-level field of the schema but the
/// version and the attestations themselves (attestations cannot vouch for themselves). Derived
/// from the schema, so a section added to the declaration is claimable without a second list.
fn sections() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| {
        let schema = declaration_schema();
        field_names(schema, schema)
            .into_iter()
            .filter(|k| !matches!(*k, "schema_version" | "attestations"))
            .collect()
    })
}

/// Things in a valid declaration that do not hold together well enough to trust without a second
/// look, yet are not errors: a device type that usually has a camera or a microphone declaring
/// none of its typical sensors. Located like errors (JSON pointers); shown by `iotlabel validate`.
pub fn warnings(d: &Declaration) -> Vec<Issue> {
    let mut out = Vec::new();
    let tax = Taxonomy::builtin();
    let absent = tax.typical_sensors_declared_absent(&d.identity.device_type, &d.sensors);
    if let Some(t) = tax.get(TermKind::Device, &d.identity.device_type)
        && !absent.is_empty()
    {
        let names = |sep: &str| t.typical_sensors.iter().map(|s| quote(s)).collect::<Vec<_>>().join(sep);
        out.push(
            Issue::new(
                "/sensors",
                format!(
                    "a {} ({}) usually has a {}, but the declaration lists none",
                    t.en.to_lowercase(),
                    quote(&t.id),
                    t.typical_sensors.join(" or a ")
                ),
            )
            .expected(format!("a sensor of type {}", names(" or ")))
            .suggest(
                "declare the device's sensor under [[sensors]]; if the device really has none, \
                 explain why in identity.intended_use",
            ),
        );
    }
    out
}

/// All semantic problems of a structurally valid declaration (empty when it is valid).
pub fn validate(d: &Declaration) -> Vec<Issue> {
    let mut out = Vec::new();
    let tax = Taxonomy::builtin();

    if d.schema_version != SCHEMA_VERSION {
        out.push(
            Issue::new("/schema_version", format!("unsupported schema_version {}", quote(&d.schema_version)))
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
    check_term(&mut out, tax, TermKind::Device, || "/identity/device_type".into(), &id.device_type);
    for (i, r) in d.market.regions.iter().enumerate() {
        if r != "EU" {
            check_country(&mut out, &format!("/market/regions/{i}"), r);
        }
    }
    for (i, r) in d.market.regimes.iter().enumerate() {
        if tax.regime(r).is_none() {
            let ids = tax.regimes.iter().map(|x| x.id.as_str());
            out.push(
                Issue::new(format!("/market/regimes/{i}"), format!("unknown regime {}", quote(r)))
                    .expected(format!(
                        "one of: {}",
                        tax.regimes.iter().map(|x| x.id.as_str()).collect::<Vec<_>>().join(", ")
                    ))
                    .maybe_suggest(did_you_mean(r, ids)),
            );
        }
    }
    check_country(&mut out, "/identity/manufacturer/country", &id.manufacturer.country);
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
            Issue::new(
                "/identity/manufacturer/contact_email",
                format!("{} is not an e-mail address", quote(e)),
            )
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
    if let Some(m) = u.expected_use_months
        && !(1..=MAX_EXPECTED_USE_MONTHS).contains(&m)
    {
        out.push(
            Issue::new(
                "/updates/expected_use_months",
                format!("{m} months is not a possible expected use time"),
            )
            .expected(format!("an integer from 1 to {MAX_EXPECTED_USE_MONTHS}")),
        );
    }
    if u.notification.contains(&NotificationChannel::None) && u.notification.len() > 1 {
        out.push(Issue::new("/updates/notification", "`none` cannot be combined with other channels"));
    }

    // Ownership.
    let o = &d.ownership;
    if let Some(until) = o.repair.available_until {
        if until < id.release_date {
            out.push(
                Issue::new(
                    "/ownership/repair/available_until",
                    format!("repair support ends ({until}) before the release date ({})", id.release_date),
                )
                .expected(format!("a date on or after {}", id.release_date))
                .suggest("available_until is the last day spare parts and repair information are offered"),
            );
        }
        if o.repair.spare_parts == Some(false) && o.repair.repair_information == Some(false) {
            out.push(
                Issue::new(
                    "/ownership/repair/available_until",
                    "gives a date until which repair support is offered, but neither spare parts nor repair information are",
                )
                .suggest("remove available_until, or say which of spare_parts and repair_information is offered"),
            );
        }
    }
    if o.end_of_service.function == Some(ServiceEndFunction::None) && o.end_of_service.local_api == Some(true)
    {
        out.push(
            Issue::new(
                "/ownership/end_of_service/local_api",
                "claims a local interface, but end_of_service.function says the device stops working",
            )
            .suggest("set end_of_service.function to `partial` if the device can still be used through its local interface"),
        );
    }
    if let Some(m) = o.end_of_service.notice_months
        && m > MAX_EXPECTED_USE_MONTHS
    {
        out.push(
            Issue::new(
                "/ownership/end_of_service/notice_months",
                format!("{m} months is not a possible notice period"),
            )
            .expected(format!("an integer from 0 to {MAX_EXPECTED_USE_MONTHS}")),
        );
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
                Issue::new("/vulnerability_disclosure/contact", format!("{} is not a contact address", quote(c)))
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
        check_port(&mut out, || format!("/communication/local_services/{i}/port"), s.port);
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
        check_term(&mut out, tax, TermKind::Data, || format!("/data/collected/{i}/type"), &item.kind);
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
        check_term(&mut out, tax, TermKind::Sensor, || format!("/sensors/{i}/type"), &s.kind);
    }

    // Interfaces and the companion app.
    for (i, x) in d.interfaces.iter().flatten().enumerate() {
        let kinds = || tax.interface_kinds.iter().map(|k| k.id.as_str());
        check_listed(&mut out, || format!("/interfaces/{i}/kind"), &x.kind, "interface kind", kinds);
        let protections = || tax.link_protections.iter().map(|k| k.id.as_str());
        check_listed(
            &mut out,
            || format!("/interfaces/{i}/protection"),
            &x.protection,
            "link protection",
            protections,
        );
        if !x.authentication.guessable() && (x.code.is_some() || x.brute_force_protection.is_some()) {
            let field = if x.code.is_some() { "code" } else { "brute_force_protection" };
            out.push(
                Issue::new(
                    format!("/interfaces/{i}/{field}"),
                    format!(
                        "authentication is `{}`, which uses no PIN or password",
                        serde_plain(&x.authentication)
                    ),
                )
                .expected("`pin` or `password` authentication, or leave the field out"),
            );
        }
    }
    if let Some(app) = &d.companion_app {
        for (i, kind) in app.receives.iter().enumerate() {
            check_term(&mut out, tax, TermKind::Data, || format!("/companion_app/receives/{i}"), kind);
        }
    }

    // Hardware.
    for (i, x) in d.hardware.secrets.iter().enumerate() {
        let storages = || tax.secret_storages.iter().map(|k| k.id.as_str());
        check_listed(
            &mut out,
            || format!("/hardware/secrets/{i}/storage"),
            &x.storage,
            "secret storage",
            storages,
        );
    }
    if d.hardware.debug_interfaces == Some(DebugInterfaces::Absent) && !d.hardware.debug_ports.is_empty() {
        out.push(Issue::new(
            "/hardware/debug_ports",
            "debug_interfaces is `absent`, so there are no ports to list",
        ));
    }
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
        if url.len() > MAX_MUD_URL_BYTES {
            out.push(
                Issue::new("/network/mud_url", format!("is too long ({} bytes)", url.len()))
                    .expected(format!(
                        "at most {MAX_MUD_URL_BYTES} bytes (what DHCP option 161 and a DNS TXT string carry)"
                    ))
                    .suggest("publish the MUD file at a shorter URL"),
            );
        }
    }
    for (i, e) in d.network.cloud_endpoints.iter().enumerate() {
        check_port(&mut out, || format!("/network/cloud_endpoints/{i}/port"), e.port);
        if !is_domain(&e.domain) {
            out.push(
                Issue::new(
                    format!("/network/cloud_endpoints/{i}/domain"),
                    format!("{} is not a domain name", quote(&e.domain)),
                )
                .expected("a DNS name such as api.example.com"),
            );
        }
    }
    for (i, p) in d.network.local_peers.iter().enumerate() {
        if let Some(port) = p.port {
            check_port(&mut out, || format!("/network/local_peers/{i}/port"), port);
        }
    }
    if let Some(url) = &d.documentation.eu_declaration_url {
        check_url(&mut out, "/documentation/eu_declaration_url", url, false);
    }

    // Attestations.
    for (i, claim) in d.attestations.claims.iter().enumerate() {
        if let Err((expected, suggestion)) = check_field_path(&claim.field) {
            out.push(
                Issue::new(
                    format!("/attestations/claims/{i}/field"),
                    format!("{} is not a declaration field", quote(&claim.field)),
                )
                .expected(expected)
                .maybe_suggest(suggestion),
            );
        }
        if let Voucher::Lab { name } = &claim.by
            && name.trim().is_empty()
        {
            out.push(Issue::new(format!("/attestations/claims/{i}/by/name"), "lab name must not be empty"));
        }
    }
    for (i, cert) in d.attestations.certifications.iter().enumerate() {
        if cert.id.trim().is_empty() {
            out.push(
                Issue::new(format!("/attestations/certifications/{i}/id"), "must not be empty")
                    .expected("the certificate or registration number the scheme issued"),
            );
        }
        if cert.scheme.trim().is_empty() {
            out.push(
                Issue::new(format!("/attestations/certifications/{i}/scheme"), "must not be empty")
                    .expected("the scheme's id, e.g. sg-cls or us-cyber-trust-mark"),
            );
        } else if !schemes().contains(&cert.scheme.as_str())
            && let Some(known) = closest(&cert.scheme, schemes().iter().copied())
        {
            out.push(
                Issue::new(
                    format!("/attestations/certifications/{i}/scheme"),
                    format!("{} is not a known scheme", quote(&cert.scheme)),
                )
                .expected(format!("a scheme id such as {}", schemes().join(", ")))
                .suggest(format!("did you mean `{known}`?")),
            );
        }
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
    check_strings(d, &mut out);
    out
}

/// Port 0 (the schema's minimum is 1; the same words whichever path finds it).
/// `ptr` builds the field's pointer, only when there is a problem to report (this runs for every
/// port of every declaration a registry re-reads).
fn check_port(out: &mut Vec<Issue>, ptr: impl FnOnce() -> String, port: u16) {
    if port == 0 {
        out.push(
            Issue::new(ptr(), "`0` is too small")
                .expected("an integer from 1 to 65535")
                .suggest("port 0 is not a real port: give the port the service listens on"),
        );
    }
}

fn check_country(out: &mut Vec<Issue>, ptr: &str, code: &str) {
    if countries().binary_search(&code).is_ok() {
        return;
    }
    out.push(
        Issue::new(ptr, format!("{} is not an ISO 3166-1 country code", quote(code)))
            .expected("an ISO 3166-1 alpha-2 code in capitals, e.g. CA, FR, GB")
            .maybe_suggest(country_hint(code)),
    );
}

/// What to write instead of a country code that is not one, when that can be told.
pub(crate) fn country_hint(code: &str) -> Option<String> {
    let upper = code.trim().to_ascii_uppercase();
    // Codes people use that ISO 3166-1 assigns otherwise (UK, and the EU's EL for Greece).
    match upper.as_str() {
        "UK" => return Some("the ISO 3166-1 code of the United Kingdom is `GB`".into()),
        "EL" => return Some("the ISO 3166-1 code of Greece is `GR`".into()),
        _ => {}
    }
    (upper != code && countries().binary_search(&upper.as_str()).is_ok())
        .then(|| format!("write it in capitals: `{upper}`"))
}

/// ISO 3166-1 alpha-2 codes, sorted (data: `data/iso3166-1-alpha2.txt`).
pub fn countries() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut codes: Vec<&str> = data_lines(include_str!("../data/iso3166-1-alpha2.txt"))
            .map(|l| l.split('\t').next().unwrap_or_default())
            .collect();
        codes.sort_unstable();
        codes
    })
}

/// The English short name of an ISO 3166-1 alpha-2 code (`GB` -> `United Kingdom`), from the
/// same data as [`countries`]; `None` for a code the list does not hold.
pub fn country_name(code: &str) -> Option<&'static str> {
    data_lines(include_str!("../data/iso3166-1-alpha2.txt"))
        .filter_map(|l| l.split_once('\t'))
        .find(|(c, _)| *c == code)
        .map(|(_, name)| name.trim())
}

/// Certification schemes a near-miss is checked against (data: `data/schemes.txt`).
pub fn schemes() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| data_lines(include_str!("../data/schemes.txt")).collect())
}

fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Checks a field path (`updates.signed`, `sensors[0].type`, `data.collected`) against the
/// declaration schema, segment by segment. On failure: what was expected and, for a near miss,
/// "did you mean" with the whole corrected path.
pub fn check_field_path(field: &str) -> Result<(), (String, Option<String>)> {
    // Declarations name the same few fields again and again: remember the valid paths instead
    // of walking the schema for each claim of each declaration.
    static VALID: Remembered = Remembered::new();
    if VALID.get(field) == Some(true) {
        return Ok(());
    }
    walk_field_path(field, true)?;
    VALID.put(field, true);
    Ok(())
}

/// Whether `field` names a field of the declaration (in any section, the attestations too),
/// read as [`check_field_path`] reads it: how consumer text finds the paths it names in words.
pub fn is_field_path(field: &str) -> bool {
    static SEEN: Remembered = Remembered::new();
    if let Some(known) = SEEN.get(field) {
        return known;
    }
    let answer = walk_field_path(field, false).is_ok();
    SEEN.put(field, answer);
    answer
}

/// Answers about field paths, remembered up to a bound (a bounded set, however many documents
/// are read).
struct Remembered(OnceLock<std::sync::RwLock<std::collections::HashMap<String, bool>>>);

impl Remembered {
    const MAX: usize = 4096;

    const fn new() -> Self {
        Remembered(OnceLock::new())
    }

    fn get(&self, field: &str) -> Option<bool> {
        self.0.get_or_init(Default::default).read().ok()?.get(field).copied()
    }

    fn put(&self, field: &str, answer: bool) {
        if let Ok(mut m) = self.0.get_or_init(Default::default).write()
            && m.len() < Self::MAX
        {
            m.insert(field.to_owned(), answer);
        }
    }
}

/// `claimable`: the path must start with one of [`sections`] (else with any top-level field).
fn walk_field_path(field: &str, claimable: bool) -> Result<(), (String, Option<String>)> {
    let root = declaration_schema();
    let mut cur: &Value = root;
    let mut done = String::new();
    for (n, seg) in field.split('.').enumerate() {
        let (name, indices) = seg.split_at(seg.find('[').unwrap_or(seg.len()));
        if n == 0 && claimable && !sections().contains(&name) {
            return Err((
                format!("a field path starting with one of: {}", sections().join(", ")),
                did_you_mean(name, sections().iter().copied()),
            ));
        }
        // A path may name a field of every element of a list without an index.
        let here = resolve(root, cur);
        let here = match here.get("items") {
            Some(items) if here.get("properties").is_none() => resolve(root, items),
            _ => here,
        };
        match property(root, here, name) {
            Some(p) => cur = p,
            None => {
                let names = field_names(root, here);
                let parent = done.trim_end_matches('.');
                let expected = if names.is_empty() {
                    format!("`{parent}` has no fields")
                } else {
                    format!("a field of `{parent}`: {}", names.join(", "))
                };
                let hint = closest(name, names.iter().copied()).map(|c| format!("did you mean `{done}{c}`?"));
                return Err((expected, hint));
            }
        }
        let mut rest = indices;
        while !rest.is_empty() {
            let Some((index, after)) = rest.strip_prefix('[').and_then(|r| r.split_once(']')) else {
                return Err(("indices written [0], [1], ...".into(), None));
            };
            let list = resolve(root, cur);
            match list.get("items") {
                Some(items) if !index.is_empty() && index.bytes().all(|b| b.is_ascii_digit()) => cur = items,
                _ => return Err((format!("`{done}{name}` is not a list indexed by number"), None)),
            }
            rest = after;
        }
        done.push_str(seg);
        done.push('.');
    }
    Ok(())
}

fn field_names<'a>(root: &'a Value, object: &'a Value) -> Vec<&'a str> {
    let mut names: Vec<&str> = object
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default();
    if let Some(branches) = object.get("oneOf").and_then(Value::as_array) {
        for b in branches {
            if let Some(p) = resolve(root, b).get("properties").and_then(Value::as_object) {
                names.extend(p.keys().map(String::as_str).filter(|k| !names.contains(k)).collect::<Vec<_>>());
            }
        }
    }
    names
}

/// `ptr` builds the field's pointer, only when there is a problem to report.
/// Checks `id` against a list of the taxonomy other than the term lists.
fn check_listed<'t, I: Iterator<Item = &'t str>>(
    out: &mut Vec<Issue>,
    ptr: impl FnOnce() -> String,
    id: &str,
    noun: &str,
    ids: impl Fn() -> I,
) {
    if !ids().any(|k| k == id) {
        let all: Vec<&str> = ids().collect();
        out.push(
            Issue::new(ptr(), format!("{} is not a known {noun}", quote(id)))
                .expected(format!("one of: {}", all.join(", ")))
                .maybe_suggest(did_you_mean(id, all.iter().copied())),
        );
    }
}

/// A unit enum's name as declarations write it.
fn serde_plain<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn check_term(out: &mut Vec<Issue>, tax: &Taxonomy, kind: TermKind, ptr: impl FnOnce() -> String, id: &str) {
    if tax.get(kind, id).is_none() {
        let ids: Vec<&str> = tax.ids(kind).collect();
        out.push(
            Issue::new(ptr(), format!("{} is not a known {}", quote(id), kind.noun()))
                .expected(format!("one of: {}", ids.join(", ")))
                .maybe_suggest(did_you_mean(id, ids.iter().copied())),
        );
    }
}

fn url_ok(s: &str, https_only: bool) -> bool {
    // One pass over the bytes: this runs for every URL of every declaration a registry re-reads
    // (the plain reading of the rule is `url_ok_reference` in the tests, which this must match).
    let rest = match s.strip_prefix("https://") {
        Some(rest) => rest,
        None if !https_only => match s.strip_prefix("http://") {
            Some(rest) => rest,
            None => return false,
        },
        None => return false,
    };
    // One pass: where the authority ends (the first `/`, `?` or `#`), its last `@`, and whether
    // every byte is printable ASCII (else the characters are looked at).
    let bytes = rest.as_bytes();
    let mut end = None;
    let mut at = None;
    let mut plain = true;
    for (i, &b) in bytes.iter().enumerate() {
        if b <= b' ' || b >= 0x7F {
            plain = false;
        } else if end.is_none() {
            match b {
                b'/' | b'?' | b'#' => end = Some(i),
                b'@' => at = Some(i),
                _ => {}
            }
        }
    }
    let end = end.unwrap_or(bytes.len());
    let host_start = at.map_or(0, |i| i + 1);
    let host_end = bytes[host_start..end].iter().position(|&b| b == b':').map_or(end, |p| host_start + p);
    // The scheme is printable ASCII; the rest has no white space or control character.
    let no_space = plain || !rest.chars().any(|c| c.is_whitespace() || c.is_control());
    // `@`, `/`, `?`, `#` and `:` are ASCII, so these are character boundaries.
    no_space && is_domain(&rest[host_start..host_end])
}

fn check_url(out: &mut Vec<Issue>, ptr: &str, s: &str, https_only: bool) {
    if !url_ok(s, https_only) {
        out.push(
            Issue::new(
                ptr,
                format!("{} is not a valid {}URL", quote(s), if https_only { "https " } else { "" }),
            )
            .expected(if https_only { "https://host/path" } else { "http(s)://host/path" }),
        );
    }
}

fn is_domain(s: &str) -> bool {
    // Labels of 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen; 253
    // characters at most. One pass over the bytes.
    if s.is_empty() || s.len() > 253 {
        return false;
    }
    let mut label = 0usize;
    let mut prev = b'.';
    for &b in s.as_bytes() {
        if b == b'.' {
            if label == 0 || prev == b'-' {
                return false;
            }
            label = 0;
        } else if b.is_ascii_alphanumeric() || (b == b'-' && label > 0) {
            label += 1;
            if label > 63 {
                return false;
            }
        } else {
            return false;
        }
        prev = b;
    }
    label > 0 && prev != b'-'
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

/// Checks a GS1 GTIN's length and check digit.
pub fn check_gtin(g: &str) -> Result<(), String> {
    if !g.bytes().all(|b| b.is_ascii_digit()) || ![8, 12, 13, 14].contains(&g.len()) {
        return Err(format!("{} is not 8, 12, 13 or 14 digits", quote(g)));
    }
    let digits: Vec<u32> = g.bytes().map(|b| u32::from(b - b'0')).collect();
    let (body, check) = digits.split_at(digits.len() - 1);
    let sum: u32 = body.iter().rev().enumerate().map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d }).sum();
    let expected = (10 - sum % 10) % 10;
    if expected == check[0] {
        Ok(())
    } else {
        Err(format!("check digit of {} is {}, but the digits give {expected}", quote(g), check[0]))
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

    /// The rules as first written, plainly: the fast versions must agree with them.
    fn is_domain_reference(s: &str) -> bool {
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

    fn url_ok_reference(s: &str, https_only: bool) -> bool {
        let Some((scheme, rest)) = s.split_once(':') else { return false };
        let Some(rest) = rest.strip_prefix("//") else { return false };
        let scheme_ok = scheme == "https" || (!https_only && scheme == "http");
        let no_space = !s.chars().any(|c| c.is_whitespace() || c.is_control());
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let host = host.split(':').next().unwrap_or_default();
        scheme_ok && no_space && is_domain_reference(host)
    }

    #[test]
    fn fast_url_and_domain_checks_agree_with_the_plain_rules() {
        // Strings built from the characters that matter to the rules, every length up to 7, plus
        // random longer ones: the fast checks decide each exactly as the plain ones.
        const ALPHABET: &[&str] =
            &["a", "0", "-", ".", "/", "?", "#", "@", ":", " ", "\t", "é", "\u{85}", "_"];
        let mut cases: Vec<String> = vec![String::new()];
        let mut frontier = cases.clone();
        for _ in 0..4 {
            let mut next = Vec::new();
            for s in &frontier {
                for c in ALPHABET {
                    next.push(format!("{s}{c}"));
                }
            }
            cases.extend(next.iter().cloned());
            frontier = next;
        }
        let mut rng = crate::testgen::Rng::new(7);
        for _ in 0..20_000 {
            let n = rng.below(90) as usize;
            cases.push((0..n).map(|_| ALPHABET[rng.below(ALPHABET.len() as u64) as usize]).collect());
        }
        cases.push(format!("{}.com", "a".repeat(63)));
        cases.push(format!("{}.com", "a".repeat(64)));
        cases.push(["a"; 127].join("."));
        cases.push(["a"; 128].join("."));
        for host in &cases {
            assert_eq!(is_domain(host), is_domain_reference(host), "is_domain({host:?})");
            for prefix in ["https://", "http://", "ftp://", "https:/", ""] {
                let url = format!("{prefix}{host}");
                for https_only in [true, false] {
                    assert_eq!(
                        url_ok(&url, https_only),
                        url_ok_reference(&url, https_only),
                        "url_ok({url:?}, {https_only})"
                    );
                }
            }
        }
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

    #[test]
    fn field_paths_are_checked_to_the_end() {
        for ok in [
            "authentication",
            "updates.signed",
            "sensors",
            "sensors[1].type",
            "sensors.type",
            "identity.manufacturer.country",
            "data.collected[0].purpose",
        ] {
            assert_eq!(check_field_path(ok), Ok(()), "{ok}");
        }
        assert!(check_field_path("attestations").is_err(), "attestations cannot vouch for themselves");
        // Every section of the schema can be claimed, those added after the first ones too.
        for ok in ["interfaces.authentication", "ownership.repair.spare_parts", "companion_app.encrypted"] {
            assert_eq!(check_field_path(ok), Ok(()), "{ok}");
        }
        assert!(!sections().contains(&"schema_version") && sections().contains(&"market"));
        // Consumer text may name any field, the attestations too, but nothing else.
        assert!(is_field_path("attestations.certifications") && is_field_path("hardware.secrets[2].storage"));
        assert!(
            !is_field_path("data.acme.com") && !is_field_path("foo.bar_baz") && !is_field_path("sensors[x]")
        );
        let (expected, hint) = check_field_path("updates.signd").unwrap_err();
        assert!(expected.contains("a field of `updates`: mechanism"), "{expected}");
        assert_eq!(hint.as_deref(), Some("did you mean `updates.signed`?"));
        let (_, hint) = check_field_path("authentcation").unwrap_err();
        assert_eq!(hint.as_deref(), Some("did you mean `authentication`?"));
        assert!(check_field_path("updates.signed.x").unwrap_err().0.contains("has no fields"));
        assert!(check_field_path("updates.").is_err());
        assert!(check_field_path("sensors[x]").is_err());
        assert!(check_field_path("updates[0]").is_err());
    }

    #[test]
    fn countries_have_names() {
        assert_eq!(country_name("GB"), Some("United Kingdom"));
        assert_eq!(country_name("FR"), Some("France"));
        assert_eq!(country_name("ZZ"), None);
        assert!(countries().iter().all(|c| country_name(c).is_some_and(|n| !n.is_empty())));
    }

    #[test]
    fn country_codes_come_from_the_iso_list() {
        assert_eq!(countries().len(), 249);
        assert!(countries().binary_search(&"GB").is_ok());
        assert!(countries().binary_search(&"ZZ").is_err());
        let mut out = Vec::new();
        check_country(&mut out, "/c", "gb");
        assert_eq!(out[0].suggestion.as_deref(), Some("write it in capitals: `GB`"));
        assert_eq!(country_hint("uk").as_deref(), Some("the ISO 3166-1 code of the United Kingdom is `GB`"));
        assert_eq!(country_hint("zz"), None);
    }
}

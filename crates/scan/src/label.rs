//! The label a device advertises, and what a registry says of it.
//!
//! On every HTTP service it finds, the scanner asks for `/.well-known/iot-label` (RFC 8615; the
//! format is [`iotlabel_advertise::WellKnownLabel`], the one the advertiser serves). The label
//! found is part of the host's identity. When the caller looked the label up in a registry (the
//! CLI's `--registry`: fetching and verifying is the registry client's work, not the scanner's),
//! [`judge`] turns the registry's answer into findings: a label the registry does not hold, a
//! digest that differs from the registered declaration's, a label its maker revoked.

use std::net::SocketAddr;

use iotlabel_advertise::WellKnownLabel;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::parse;
use crate::report::{Finding, HostReport};

/// The path of the label advertisement (the advertiser's own constant).
pub use iotlabel_advertise::WELL_KNOWN_PATH;

/// The label a host advertises.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SeenLabel {
    /// The HTTP port that served it.
    pub port: u16,
    pub id: String,
    pub url: String,
    /// `sha256:<hex>`, as advertised.
    pub digest: String,
    /// The MUD URL the device advertises with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mud_url: Option<String>,
    /// What the registry says of it (only with `--registry`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registry: Option<RegistryView>,
}

/// A registry's answer about an advertised label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RegistryView {
    /// The registry asked (its base URL).
    pub registry: String,
    /// Whether the registry holds a label with this id (and its log proves it).
    pub found: bool,
    /// The label's live status (`active`, `support_ended`, `contradicted`, `revoked`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Why, when the status is not `active` (the maker's revocation reason, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The digest of the registered declaration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
}

/// A well-known label document read from an HTTP response, or `None` when the response is not
/// a 200 with a JSON body of that format.
pub fn read_well_known(port: u16, raw: &[u8]) -> Option<SeenLabel> {
    let head = parse::parse_http(raw)?;
    if head.status != 200 {
        return None;
    }
    let body = parse::http_body(raw)?;
    let w: WellKnownLabel = serde_json::from_slice(&body).ok()?;
    Some(SeenLabel { port, id: w.id, url: w.url, digest: w.digest, mud_url: w.dhcp.mud_url, registry: None })
}

/// Records the registry's answer on the host and adds the findings it implies.
pub fn judge(host: &mut HostReport, view: RegistryView) {
    let Some(seen) = host.label.as_mut() else { return };
    let target = SocketAddr::new(host.address, seen.port);
    let mut found = Vec::new();
    let said = format!("advertised at {WELL_KNOWN_PATH}: id {}, digest {}", seen.id, seen.digest);
    if !view.found {
        found.push((
            "label.unregistered",
            format!("advertises label {}, which {} does not hold", seen.id, view.registry),
        ));
    } else {
        if let Some(registered) = &view.digest
            && registered != &seen.digest
        {
            found.push((
                "label.digest-mismatch",
                format!(
                    "advertises label {} with digest {}, but {} registered {} for it: the label does not describe what the registry holds",
                    seen.id, seen.digest, view.registry, registered
                ),
            ));
        }
        if view.status.as_deref() == Some("revoked") {
            let why = view.reason.as_deref().filter(|r| !r.is_empty()).unwrap_or("no reason given");
            found.push((
                "label.revoked",
                format!("advertises label {}, which its maker revoked ({why})", seen.id),
            ));
        }
    }
    seen.registry = Some(view);
    let method = format!("GET {WELL_KNOWN_PATH}, then the label looked up in the registry");
    for (check, summary) in found {
        host.findings.push(Finding::new(target, check, &method, summary, said.as_bytes()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(body: &str) -> Vec<u8> {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes()
    }

    const DIGEST: &str = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    fn doc() -> String {
        format!(
            r#"{{"version":2,"id":"acme-cam-2-fw-1","url":"http://127.0.0.1:8080/l/acme-cam-2-fw-1?d=1111","digest":"{DIGEST}","dhcp":{{"dhcpv4_option":161,"dhcpv6_option":112,"mud_url":"https://mud.example/cam.json"}}}}"#
        )
    }

    fn host_with_label() -> HostReport {
        let mut h = HostReport {
            address: "127.10.0.9".parse().expect("address"),
            services: Vec::new(),
            findings: Vec::new(),
            notes: Vec::new(),
            label: None,
            identity: None,
        };
        h.label = read_well_known(80, &response(&doc()));
        h
    }

    #[test]
    fn reads_the_advertisement_and_refuses_what_is_not_one() {
        let seen = read_well_known(80, &response(&doc())).expect("a label");
        assert_eq!(seen.id, "acme-cam-2-fw-1");
        assert_eq!(seen.digest, DIGEST);
        assert_eq!(seen.mud_url.as_deref(), Some("https://mud.example/cam.json"));
        assert_eq!(read_well_known(80, &response("<html>not found</html>")), None);
        assert_eq!(read_well_known(80, b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"), None);
        // Announced longer than it is: not read.
        let mut cut = response(&doc());
        cut.truncate(cut.len() - 3);
        assert_eq!(read_well_known(80, &cut), None);
    }

    #[test]
    fn the_registry_s_answer_becomes_findings() {
        let view = |found, status: &str, digest: &str| RegistryView {
            registry: "http://127.0.0.1:8080".into(),
            found,
            status: found.then(|| status.to_string()),
            reason: (status == "revoked").then(|| "camera recalled".to_string()),
            digest: found.then(|| digest.to_string()),
        };
        let checks = |v: RegistryView| {
            let mut h = host_with_label();
            judge(&mut h, v);
            assert!(h.label.as_ref().is_some_and(|l| l.registry.is_some()), "the answer is kept");
            h.findings.iter().map(|f| f.check.clone()).collect::<Vec<_>>()
        };
        assert!(checks(view(true, "active", DIGEST)).is_empty());
        assert!(checks(view(true, "support_ended", DIGEST)).is_empty());
        assert_eq!(checks(view(false, "", "")), ["label.unregistered"]);
        let other = DIGEST.replace('1', "2");
        assert_eq!(checks(view(true, "active", &other)), ["label.digest-mismatch"]);
        assert_eq!(checks(view(true, "revoked", &other)), ["label.digest-mismatch", "label.revoked"]);
        let mut h = host_with_label();
        judge(&mut h, view(true, "revoked", DIGEST));
        assert!(h.findings[0].summary.contains("camera recalled"), "{}", h.findings[0].summary);
        assert_eq!(h.findings[0].control, "docs.compliance-statement");
        assert_eq!(h.findings[0].target, "127.10.0.9:80");
    }

    #[test]
    fn a_host_without_a_label_gets_no_finding() {
        let mut h = host_with_label();
        h.label = None;
        judge(
            &mut h,
            RegistryView { registry: "r".into(), found: false, status: None, reason: None, digest: None },
        );
        assert!(h.findings.is_empty());
    }
}

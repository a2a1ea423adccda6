//! Network-surface controls: encryption in transit, exposed services, debug interfaces, local function.

use super::*;

pub(super) fn evaluator(id: &str) -> Option<Evaluator> {
    Some(match id {
        "comms.encrypted" => |c| {
            const F: &[&str] = &[
                "communication.encryption_in_transit",
                "communication.min_tls_version",
                "communication.local_services",
                "network.cloud_endpoints",
            ];
            const LINKS: &[&str] = &["interfaces", "companion_app"];
            let cm = &c.decl.communication;
            // Radio links and the phone app carry traffic too (ETSI's associated services
            // include the app): none may be in clear or under a broken scheme (taxonomy data).
            let weak = || c.decl.interfaces.iter().flatten().filter(|i| !carries_ip(i) && !adequate(i));
            if weak().next().is_some() {
                return Outcome::fail(
                    say!(c, "ctl-comms-encrypted-fail-links", links = links(weak())),
                    LINKS,
                );
            }
            if c.decl.companion_app.as_ref().and_then(|a| a.encrypted) == Some(false) {
                return Outcome::fail(msg!("ctl-comms-encrypted-fail-app"), LINKS);
            }
            // "All traffic is encrypted" is checked against the services and endpoints the
            // declaration itself lists (time and name lookups, NTP and DNS, are not counted).
            let plaintext_services =
                cm.local_services.iter().filter(|s| s.enabled_by_default && !s.encrypted);
            let plaintext = &c.control.plaintext_protocols;
            let plaintext_endpoints = c
                .decl
                .network
                .cloud_endpoints
                .iter()
                .filter(|e| plaintext.iter().any(|p| p == e.protocol.as_str()));
            if cm.encryption_in_transit == Coverage::All
                && (plaintext_services.clone().next().is_some()
                    || plaintext_endpoints.clone().next().is_some())
            {
                let services = plaintext_services
                    .map(|s| msg!("ctl-service-port", name = s.name.clone(), port = u32::from(s.port)))
                    .chain(plaintext_endpoints.map(|e| {
                        msg!(
                            "ctl-endpoint-protocol",
                            domain = e.domain.clone(),
                            port = u32::from(e.port),
                            protocol = e.protocol.as_str(),
                        )
                    }));
                return Outcome::fail(
                    say!(c, "ctl-comms-encrypted-fail-inconsistent", services = phrases(services)),
                    F,
                );
            }
            let Some(min) = c.control.min_tls_version.as_deref().and_then(TlsVersion::parse) else {
                return policy_missing();
            };
            // A device with no IP traffic of its own (no services, no cloud endpoints) whose
            // every declared link is protected: no TLS to judge.
            let ip = !cm.local_services.is_empty() || !c.decl.network.cloud_endpoints.is_empty();
            if cm.encryption_in_transit == Coverage::All
                && cm.min_tls_version.is_none()
                && !ip
                && c.decl.interfaces.as_ref().is_some_and(|i| !i.is_empty())
            {
                return Outcome::pass(
                    say!(
                        c,
                        "ctl-comms-encrypted-pass-links",
                        links = links(c.decl.interfaces.iter().flatten())
                    ),
                    LINKS,
                );
            }
            match (cm.encryption_in_transit, cm.min_tls_version) {
                (Coverage::None, _) => Outcome::fail(msg!("ctl-comms-encrypted-fail-none"), F),
                (Coverage::Partial, _) => Outcome::fail(msg!("ctl-comms-encrypted-fail-partial"), F),
                (Coverage::All, Some(v)) if v >= min => {
                    Outcome::pass(say!(c, "ctl-comms-encrypted-pass", version = v.as_str()), F)
                }
                (Coverage::All, Some(v)) => {
                    Outcome::fail(say!(c, "ctl-comms-encrypted-fail-old-tls", version = v.as_str()), F)
                }
                (Coverage::All, None) => Outcome::unknown(msg!("ctl-comms-encrypted-unknown"), F),
            }
        },
        "comms.secrets-encrypted" => |c| {
            const F: &[&str] =
                &["communication.secrets_encrypted_in_transit", "communication.local_services"];
            // A service that asks for credentials without encrypting its traffic sends them in
            // clear text, whatever the declaration says about secrets in general.
            let plain = |s: &&LocalService| s.authenticated && !s.encrypted;
            let services = &c.decl.communication.local_services;
            if services.iter().any(|s| plain(&s)) {
                return Outcome::fail(
                    say!(
                        c,
                        "ctl-comms-secrets-encrypted-fail-plain-login",
                        services = words(services.iter().filter(plain).map(|s| s.name.as_str()))
                    ),
                    F,
                );
            }
            // A PIN or password typed over an unprotected link, and network credentials handed
            // over a provisioning link (a setup hotspot, WPS), travel in clear or under a broken
            // scheme.
            let tax = Taxonomy::builtin();
            let carries_secrets = |i: &&Interface| {
                i.authentication.guessable() || tax.interface_kind(&i.kind).is_some_and(|k| k.provisioning)
            };
            let exposed =
                || c.decl.interfaces.iter().flatten().filter(carries_secrets).filter(|i| !adequate(i));
            if exposed().next().is_some() {
                return Outcome::fail(
                    say!(c, "ctl-comms-secrets-encrypted-fail-links", links = links(exposed())),
                    &["interfaces"],
                );
            }
            claim(
                c.decl.communication.secrets_encrypted_in_transit,
                F,
                msg!("ctl-comms-secrets-encrypted-pass"),
                msg!("ctl-comms-secrets-encrypted-fail"),
                msg!("ctl-comms-secrets-encrypted-unknown"),
            )
        },
        "surface.no-insecure-services" => |c| {
            const F: &[&str] = &["communication.local_services"];
            let insecure = &c.control.insecure_services;
            let services = &c.decl.communication.local_services;
            let bad = |s: &&LocalService| {
                s.enabled_by_default
                    && (insecure.iter().any(|i| i.eq_ignore_ascii_case(&s.name)) || !s.authenticated)
            };
            if !services.iter().any(|s| bad(&s)) {
                if services.is_empty() {
                    Outcome::pass(msg!("ctl-surface-no-insecure-services-pass-no-services"), F)
                } else {
                    Outcome::pass(msg!("ctl-surface-no-insecure-services-pass-authenticated"), F)
                }
            } else {
                let port = |s: &LocalService| {
                    msg!("ctl-service-port", name = s.name.clone(), port = u32::from(s.port))
                };
                Outcome::fail(
                    say!(
                        c,
                        "ctl-surface-no-insecure-services-fail",
                        services = phrases(services.iter().filter(bad).map(port))
                    ),
                    F,
                )
            }
        },
        "surface.debug-locked" => |c| {
            const F: &[&str] = &["hardware.debug_interfaces"];
            let ports = &c.decl.hardware.debug_ports;
            if !ports.is_empty() {
                const P: &[&str] = &["hardware.debug_ports"];
                let open = ports.iter().filter(|p| p.state == DebugPortState::Open).map(|p| p.kind.as_str());
                return if open.clone().next().is_some() {
                    Outcome::fail(say!(c, "ctl-surface-debug-locked-fail-ports", ports = words(open)), P)
                } else {
                    Outcome::pass(msg!("ctl-surface-debug-locked-pass-locked"), P)
                };
            }
            match c.decl.hardware.debug_interfaces {
                Some(DebugInterfaces::Absent) => {
                    Outcome::pass(msg!("ctl-surface-debug-locked-pass-absent"), F)
                }
                Some(DebugInterfaces::Locked) => {
                    Outcome::pass(msg!("ctl-surface-debug-locked-pass-locked"), F)
                }
                Some(DebugInterfaces::Open) => Outcome::fail(msg!("ctl-surface-debug-locked-fail"), F),
                None => Outcome::unknown(msg!("ctl-surface-debug-locked-unknown"), F),
            }
        },
        "surface.interfaces-authenticated" => |c| {
            const F: &[&str] = &["interfaces"];
            let Some(all) = &c.decl.interfaces else {
                return Outcome::unknown(msg!("ctl-surface-interfaces-authenticated-unknown"), F);
            };
            if all.is_empty() {
                return Outcome::na(msg!("ctl-surface-interfaces-authenticated-na"), F);
            }
            // Open to anyone in range for good: a setup window that closes is not counted.
            let tax = Taxonomy::builtin();
            let open = all.iter().filter(|i| {
                !i.setup_only
                    && i.authentication == InterfaceAuth::None
                    && tax.interface_kind(&i.kind).is_some_and(|k| k.radio && !k.carries_ip)
            });
            if open.clone().next().is_some() {
                return Outcome::fail(
                    say!(
                        c,
                        "ctl-surface-interfaces-authenticated-fail-open",
                        interfaces = interface_names(open)
                    ),
                    F,
                );
            }
            let shared = all.iter().filter(|i| i.code == Some(InterfaceCode::Universal));
            if shared.clone().next().is_some() {
                return Outcome::fail(
                    say!(
                        c,
                        "ctl-surface-interfaces-authenticated-fail-universal",
                        interfaces = interface_names(shared)
                    ),
                    F,
                );
            }
            Outcome::pass(msg!("ctl-surface-interfaces-authenticated-pass"), F)
        },
        "resilience.local-function" => |c| {
            const F: &[&str] = &["communication.offline_function"];
            match c.decl.communication.offline_function {
                OfflineFunction::Full => Outcome::pass(msg!("ctl-resilience-local-function-pass-full"), F),
                OfflineFunction::Partial => {
                    Outcome::pass(msg!("ctl-resilience-local-function-pass-partial"), F)
                }
                OfflineFunction::None => Outcome::fail(msg!("ctl-resilience-local-function-fail"), F),
            }
        },
        _ => return None,
    })
}

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
            let cm = &c.decl.communication;
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

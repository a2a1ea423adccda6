//! Authentication controls: passwords, brute force, cloud accounts, authenticated network access.

use super::*;

pub(super) fn evaluator(id: &str) -> Option<Evaluator> {
    Some(match id {
        "auth.no-universal-default-password" => |c| {
            const F: &[&str] = &["authentication.default_password"];
            // A password every unit shares on an interface (a setup hotspot's printed WPA key)
            // is a universal default password too; PINs of non-IP pairing are not passwords
            // (UK PSTI Schedule 1, 1(4)) and are judged by surface.interfaces-authenticated.
            let shared = || {
                c.decl.interfaces.iter().flatten().filter(|i| {
                    i.authentication == InterfaceAuth::Password && i.code == Some(InterfaceCode::Universal)
                })
            };
            if shared().next().is_some() {
                return Outcome::fail(
                    say!(
                        c,
                        "ctl-auth-no-universal-default-password-fail-interfaces",
                        interfaces = interface_names(shared())
                    ),
                    &["interfaces"],
                );
            }
            match c.decl.authentication.default_password {
                DefaultPasswordPolicy::Universal => {
                    Outcome::fail(msg!("ctl-auth-no-universal-default-password-fail"), F)
                }
                DefaultPasswordPolicy::UniquePerDevice => {
                    Outcome::pass(msg!("ctl-auth-no-universal-default-password-pass-unique"), F)
                }
                DefaultPasswordPolicy::UserSetAtSetup => {
                    Outcome::pass(msg!("ctl-auth-no-universal-default-password-pass-user-set"), F)
                }
                DefaultPasswordPolicy::None => {
                    Outcome::pass(msg!("ctl-auth-no-universal-default-password-pass-no-password"), F)
                }
            }
        },
        "auth.brute-force-protection" => |c| {
            const F: &[&str] = &["authentication.brute_force_protection", "interfaces"];
            const NET: &[&str] = &["authentication.brute_force_protection"];
            let global = c.decl.authentication.brute_force_protection;
            // A PIN or password on a radio or physical interface (a Bluetooth lock's keypad code)
            // is guessed as easily as one on the network: each such interface needs its own
            // protection, or the device-wide one.
            let guessable = || c.decl.interfaces.iter().flatten().filter(|i| i.authentication.guessable());
            let unprotected = guessable()
                .filter(|i| i.brute_force_protection.or(global) == Some(BruteForceProtection::None));
            if unprotected.clone().next().is_some() {
                return Outcome::fail(
                    say!(
                        c,
                        "ctl-auth-brute-force-protection-fail-interfaces",
                        interfaces = interface_names(unprotected)
                    ),
                    F,
                );
            }
            let unsaid = guessable().filter(|i| i.brute_force_protection.or(global).is_none());
            if unsaid.clone().next().is_some() {
                return Outcome::unknown(
                    say!(
                        c,
                        "ctl-auth-brute-force-protection-unknown-interfaces",
                        interfaces = interface_names(unsaid)
                    ),
                    F,
                );
            }
            match global {
                Some(BruteForceProtection::None) => {
                    Outcome::fail(msg!("ctl-auth-brute-force-protection-fail"), NET)
                }
                Some(_) => Outcome::pass(msg!("ctl-auth-brute-force-protection-pass"), NET),
                // Every guessable interface has its own protection and no IP service asks for
                // a password: nothing else to protect.
                None if guessable().next().is_some()
                    && c.decl.communication.local_services.iter().all(|s| !s.authenticated) =>
                {
                    Outcome::pass(msg!("ctl-auth-brute-force-protection-pass-interfaces"), F)
                }
                None => Outcome::unknown(msg!("ctl-auth-brute-force-protection-unknown"), NET),
            }
        },
        "auth.cloud-mfa" => |c| {
            const F: &[&str] = &["authentication.cloud_mfa"];
            match c.decl.authentication.cloud_mfa {
                Some(MfaSupport::NoCloudAccount) => Outcome::na(msg!("ctl-auth-cloud-mfa-na"), F),
                Some(MfaSupport::Required | MfaSupport::Optional) => {
                    Outcome::pass(msg!("ctl-auth-cloud-mfa-pass"), F)
                }
                Some(MfaSupport::Unavailable) => Outcome::fail(msg!("ctl-auth-cloud-mfa-fail"), F),
                None => Outcome::unknown(msg!("ctl-auth-cloud-mfa-unknown"), F),
            }
        },
        "auth.network-access-authenticated" => |c| {
            const F: &[&str] =
                &["communication.network_functions_authenticated", "communication.local_services"];
            let open: Vec<&str> = c
                .decl
                .communication
                .local_services
                .iter()
                .filter(|s| s.enabled_by_default && !s.authenticated)
                .map(|s| s.name.as_str())
                .collect();
            if !open.is_empty() {
                return Outcome::fail(
                    say!(c, "ctl-auth-network-access-authenticated-fail-open", services = words(open)),
                    F,
                );
            }
            claim(
                c.decl.communication.network_functions_authenticated,
                F,
                msg!("ctl-auth-network-access-authenticated-pass"),
                msg!("ctl-auth-network-access-authenticated-fail"),
                msg!("ctl-auth-network-access-authenticated-unknown"),
            )
        },
        _ => return None,
    })
}

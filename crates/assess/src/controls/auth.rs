//! Authentication controls: passwords, brute force, cloud accounts, authenticated network access.

use super::*;

pub(super) fn evaluator(id: &str) -> Option<Evaluator> {
    Some(match id {
        "auth.no-universal-default-password" => |c| {
            const F: &[&str] = &["authentication.default_password"];
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
            const F: &[&str] = &["authentication.brute_force_protection"];
            match c.decl.authentication.brute_force_protection {
                Some(BruteForceProtection::None) => {
                    Outcome::fail(msg!("ctl-auth-brute-force-protection-fail"), F)
                }
                Some(_) => Outcome::pass(msg!("ctl-auth-brute-force-protection-pass"), F),
                None => Outcome::unknown(msg!("ctl-auth-brute-force-protection-unknown"), F),
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

//! Hardware controls judged per part: the boot chain stage by stage, secrets one by one. A
//! declaration that gives only the summary yes/no answer is judged on it.

use super::*;

pub(super) fn evaluator(id: &str) -> Option<Evaluator> {
    Some(match id {
        "integrity.secure-boot" => |c| {
            const F: &[&str] = &["hardware.secure_boot"];
            const STAGES: &[&str] = &["hardware.boot_stages"];
            let stages = &c.decl.hardware.boot_stages;
            if stages.is_empty() {
                return claim(
                    c.decl.hardware.secure_boot,
                    F,
                    msg!("ctl-integrity-secure-boot-pass"),
                    msg!("ctl-integrity-secure-boot-fail"),
                    msg!("ctl-integrity-secure-boot-unknown"),
                );
            }
            let unverified = stages
                .iter()
                .filter(|s| {
                    matches!(s.verified_by, BootVerification::None | BootVerification::ApplicationOnly)
                })
                .map(|s| s.stage.as_str());
            if unverified.clone().next().is_some() {
                return Outcome::fail(
                    say!(c, "ctl-integrity-secure-boot-fail-stages", stages = words(unverified)),
                    STAGES,
                );
            }
            // A chain of signature checks holds only if its first link is anchored in hardware.
            if stages[0].verified_by != BootVerification::HardwareRootOfTrust {
                return Outcome::fail(
                    say!(c, "ctl-integrity-secure-boot-fail-no-root", stage = stages[0].stage.clone()),
                    STAGES,
                );
            }
            Outcome::pass(msg!("ctl-integrity-secure-boot-pass-chain"), STAGES)
        },
        "storage.secure-secrets" => |c| {
            const F: &[&str] = &["hardware.secrets_stored_securely"];
            let secrets = &c.decl.hardware.secrets;
            if secrets.is_empty() {
                return claim(
                    c.decl.hardware.secrets_stored_securely,
                    F,
                    msg!("ctl-storage-secure-secrets-pass"),
                    msg!("ctl-storage-secure-secrets-fail"),
                    msg!("ctl-storage-secure-secrets-unknown"),
                );
            }
            let tax = Taxonomy::builtin();
            let exposed = secrets
                .iter()
                .filter(|s| !tax.secret_storage(&s.storage).is_some_and(|k| k.protected))
                .map(|s| s.name.as_str());
            if exposed.clone().next().is_some() {
                return Outcome::fail(
                    say!(c, "ctl-storage-secure-secrets-fail-secrets", secrets = words(exposed)),
                    &["hardware.secrets"],
                );
            }
            Outcome::pass(msg!("ctl-storage-secure-secrets-pass-each"), &["hardware.secrets"])
        },
        _ => return None,
    })
}

//! Accounts, keys and accreditations: who may sign what.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Publishes and revokes labels under its own name; attaches VEX to its own labels.
    Manufacturer,
    /// Attests with evidence within the schemes it is accredited for; attaches VEX.
    Lab,
    /// Manages accounts, keys and accreditations (on the server's own database, never over HTTP).
    Admin,
}

impl Role {
    /// The spelling used in JSON, the database and the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Manufacturer => "manufacturer",
            Role::Lab => "lab",
            Role::Admin => "admin",
        }
    }

    /// Reads [`Role::as_str`]'s spelling back.
    pub fn parse(text: &str) -> Option<Role> {
        [Role::Manufacturer, Role::Lab, Role::Admin].into_iter().find(|r| r.as_str() == text)
    }
}

/// A maker, a lab or an administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Account {
    /// The display name; for a maker, the brand its declarations carry (compared case-insensitively).
    pub name: String,
    /// [`account_slug`] of the name: unique, and what URLs use.
    pub slug: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
}

impl Account {
    /// A new account; its slug is derived from the name.
    pub fn new(name: &str, role: Role, created_at: DateTime<Utc>) -> Self {
        Account { name: name.trim().to_owned(), slug: account_slug(name), role, created_at }
    }
}

/// One Ed25519 public key of an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct KeyRecord {
    /// `ed25519:` and 16 hex digits (`iotlabel_statement::key_id`).
    pub key_id: String,
    /// The account's slug.
    pub account: String,
    /// The 32-byte public key, standard padded base64.
    pub public_key: String,
    pub added_at: DateTime<Utc>,
    /// Set when the key was revoked; statements it signs afterwards are refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A lab's accreditation for one scheme (a framework id such as `etsi-en-303-645`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Accreditation {
    /// The lab's slug.
    pub lab: String,
    pub scheme: String,
    pub granted_at: DateTime<Utc>,
}

/// Everything known about the key that signed a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub key: KeyRecord,
    pub account: Account,
    /// The schemes a lab is accredited for (empty for other roles).
    pub schemes: Vec<String>,
    /// How many unrevoked keys the account holds, this one included if unrevoked.
    pub active_keys: usize,
}

/// A change to accounts that an accepted statement makes, applied by the store in the same
/// transaction as the log append (so a crash leaves both or neither).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Trust on first use: a new maker account holding the signing key.
    Enrol { account: Account, key: KeyRecord },
    /// A second key for an account, signed by one it already holds.
    AddKey(KeyRecord),
    /// A key withdrawn, signed by a key of the same account.
    RevokeKey { key_id: String, at: DateTime<Utc> },
}

/// The slug of an account name: the same slug label ids use for the brand
/// (`iotlabel_label::facts::slug`: other scripts and accents transliterated, so `Аcmе` written
/// with Cyrillic letters is `acme`, and a lookalike name cannot get an account of its own), at
/// most 64 characters.
pub fn account_slug(name: &str) -> String {
    let mut slug = iotlabel_label::facts::slug(&[name.trim()]);
    slug.truncate(64);
    slug.trim_end_matches('-').to_owned()
}

/// Checks an account name: one line of 1 to 120 characters with no control character, and a
/// slug of at least one letter or digit.
pub fn check_account_name(name: &str) -> Result<(), String> {
    let n = name.trim().chars().count();
    if !(1..=120).contains(&n) {
        return Err(format!("an account name has 1 to 120 characters, not {n}"));
    }
    if name.chars().any(char::is_control) {
        return Err("an account name is one line, with no control characters".to_owned());
    }
    if account_slug(name).is_empty() {
        return Err(format!(
            "{name:?} has nothing to make an account slug from (letters or digits in any script)"
        ));
    }
    Ok(())
}

/// Whether two account slugs could name the same label: one is the other followed by `-` and
/// more (`acme` and `acme-cam`: brand "Acme Cam" with model "2" slugs like brand "Acme" with
/// model "Cam 2").
pub fn slugs_overlap(a: &str, b: &str) -> bool {
    let under = |short: &str, long: &str| {
        long.len() > short.len() && long.starts_with(short) && long.as_bytes()[short.len()] == b'-'
    };
    a == b || under(a, b) || under(b, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for (name, slug) in [
            ("Acme", "acme"),
            ("  Acme Corp. ", "acme-corp"),
            ("Société Sûre", "societe-sure"),
            ("--", ""),
            ("A&B  Labs", "a-b-labs"),
            ("\u{410}cm\u{435}", "acme"),
        ] {
            assert_eq!(account_slug(name), slug, "{name}");
        }
        assert!(!account_slug("ソニー").is_empty());
        assert!(check_account_name("x\ny").is_err());
        assert!(check_account_name(&"x".repeat(121)).is_err());
        assert!(check_account_name("--").is_err());
        assert!(
            slugs_overlap("acme", "acme-cam")
                && slugs_overlap("acme-cam", "acme")
                && slugs_overlap("acme", "acme")
        );
        assert!(!slugs_overlap("acme", "acmecam") && !slugs_overlap("acme", "bcme"));
    }
}

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

/// The slug of an account name: lowercase ASCII letters and digits, other runs of characters
/// becoming one `-` (letters with accents lose them: "Société Générale" is `societe-generale`
/// only when the accent folds to ASCII; anything else is dropped).
pub fn account_slug(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.trim().chars() {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out.truncate(64);
    out.trim_end_matches('-').to_owned()
}

/// Latin letters with the accents French and the other western European languages use.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'À' | 'Á' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        other => other,
    }
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
        ] {
            assert_eq!(account_slug(name), slug, "{name}");
        }
    }
}

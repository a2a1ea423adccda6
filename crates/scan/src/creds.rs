//! The credential list: data, not code. `data/credentials.tsv` ships with the scanner (built from
//! public IoT default-credential facts, every row with its origin and licence); users add their
//! own rows in the same format (`--creds FILE`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The shipped list.
pub const BUILTIN: &str = include_str!("../data/credentials.tsv");

/// One user name and password to try on one service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Credential {
    /// `telnet`, `ftp`, `http`, `mqtt`, `ssh` or `rtsp`.
    pub service: String,
    pub username: String,
    pub password: String,
    /// Where the pair comes from (a public list, or the user's file).
    pub origin: String,
    pub licence: String,
}

/// Reads a tab-separated list (`service, username, password[, origin, licence]`; `#` comments).
/// Lines with fewer than three columns are reported by their line number.
pub fn parse(text: &str, default_origin: &str) -> Result<Vec<Credential>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            return Err(format!(
                "line {}: expected service<TAB>username<TAB>password[<TAB>origin<TAB>licence]",
                n + 1
            ));
        }
        out.push(Credential {
            service: f[0].trim().to_ascii_lowercase(),
            username: f[1].to_string(),
            password: f[2].to_string(),
            origin: f.get(3).unwrap_or(&default_origin).to_string(),
            licence: f.get(4).unwrap_or(&"").to_string(),
        });
    }
    Ok(out)
}

/// The shipped list, parsed.
pub fn builtin() -> Vec<Credential> {
    parse(BUILTIN, "built-in").unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_keeps_origin_and_licence() {
        let all = builtin();
        assert!(all.len() > 1000);
        assert!(all.iter().all(|c| !c.origin.is_empty() && !c.licence.is_empty()));
        let first_telnet = all.iter().find(|c| c.service == "telnet").expect("telnet rows");
        assert_eq!((first_telnet.username.as_str(), first_telnet.password.as_str()), ("root", "xc3511"));
        for s in ["telnet", "ftp", "http", "mqtt", "ssh", "rtsp"] {
            assert!(all.iter().any(|c| c.service == s), "{s}");
        }
    }

    #[test]
    fn user_rows() {
        let c = parse("# mine\nhttp\tadmin\tsecret\n", "my-list").expect("parses");
        assert_eq!(c[0].origin, "my-list");
        assert!(parse("http admin", "x").unwrap_err().contains("line 1"));
    }
}

//! The DNS-answer feed: resolver answers (the master-file lines `dig +noall +answer` prints) turned
//! into `nft` commands that put each address of a name a profile uses into that name's set, with
//! the answer's TTL as the element's timeout. CNAME chains are followed within the answers.

use std::collections::{BTreeMap, BTreeSet};

use core::net::{Ipv4Addr, Ipv6Addr};

use crate::nft::{TABLE, dns_set_name};
use crate::types::MudFile;

/// One resolver answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    A { name: String, ttl: u32, addr: Ipv4Addr },
    Aaaa { name: String, ttl: u32, addr: Ipv6Addr },
    Cname { name: String, ttl: u32, target: String },
}

/// A line that is not an answer: where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct FeedError {
    pub line: usize,
    pub message: String,
}

fn norm(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// Every DNS name a profile's ACEs name, lower-case, without a final dot.
pub fn dns_names(mud: &MudFile) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for acl in mud.acls() {
        for ace in acl.aces() {
            let m = &ace.matches;
            let v4 = m.ipv4.iter().flat_map(|i| [&i.dst_dnsname, &i.src_dnsname]);
            let v6 = m.ipv6.iter().flat_map(|i| [&i.dst_dnsname, &i.src_dnsname]);
            out.extend(v4.chain(v6).flatten().map(|d| norm(d)));
        }
    }
    out
}

/// Reads answer lines: `name [ttl] [class] type rdata`; blank lines and `;` comments are skipped,
/// and so are record types other than A, AAAA and CNAME.
pub fn parse_answers(text: &str) -> Result<Vec<Answer>, FeedError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split(';').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        let err = |message: String| FeedError { line: i + 1, message };
        let f: Vec<&str> = line.split_whitespace().collect();
        let name = norm(f[0]);
        let mut rest = &f[1..];
        let mut ttl = None;
        if let Some(t) = rest.first().and_then(|t| t.parse::<u32>().ok()) {
            ttl = Some(t);
            rest = &rest[1..];
        }
        if rest.first().is_some_and(|c| ["IN", "CH", "HS"].contains(&c.to_ascii_uppercase().as_str())) {
            rest = &rest[1..];
        }
        let (Some(kind), Some(data)) = (rest.first(), rest.get(1)) else {
            return Err(err(format!("{raw:?} is not an answer: expected `name ttl IN type data`")));
        };
        let ttl = ttl.unwrap_or(0);
        match kind.to_ascii_uppercase().as_str() {
            "A" => {
                let addr = data.parse().map_err(|_| err(format!("{data:?} is not an IPv4 address")))?;
                out.push(Answer::A { name, ttl, addr });
            }
            "AAAA" => {
                let addr = data.parse().map_err(|_| err(format!("{data:?} is not an IPv6 address")))?;
                out.push(Answer::Aaaa { name, ttl, addr });
            }
            "CNAME" => out.push(Answer::Cname { name, ttl, target: norm(data) }),
            _ => {}
        }
    }
    Ok(out)
}

/// The `nft` commands putting the answers' addresses into the sets of the names in `names`
/// (those of the compiled profiles), one command per set and address, with the smallest TTL on
/// the CNAME chain as timeout (at least one second).
pub fn commands(names: &BTreeSet<String>, answers: &[Answer]) -> Vec<String> {
    // Which profile names (and with what TTL so far) each answer name stands for.
    let mut aliases: BTreeMap<String, Vec<(String, u32)>> = BTreeMap::new();
    for n in names {
        aliases.entry(n.clone()).or_default().push((n.clone(), u32::MAX));
    }
    // CNAMEs, followed to a fixed point (chains are short; loops stop when nothing changes).
    for _ in 0..8 {
        let mut changed = false;
        for a in answers {
            if let Answer::Cname { name, ttl, target } = a {
                let from: Vec<(String, u32)> = aliases.get(name).cloned().unwrap_or_default();
                for (orig, t) in from {
                    let entry = aliases.entry(target.clone()).or_default();
                    let t = t.min(*ttl);
                    if !entry.iter().any(|(o, _)| *o == orig) {
                        entry.push((orig, t));
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut out = BTreeSet::new();
    for a in answers {
        let (name, ttl, addr, v6) = match a {
            Answer::A { name, ttl, addr } => (name, ttl, addr.to_string(), false),
            Answer::Aaaa { name, ttl, addr } => (name, ttl, addr.to_string(), true),
            Answer::Cname { .. } => continue,
        };
        for (orig, t) in aliases.get(name).into_iter().flatten() {
            let timeout = (*ttl).min(*t).max(1);
            out.insert(format!(
                "add element inet {TABLE} {} {{ {addr} timeout {timeout}s }}",
                dns_set_name(orig, v6)
            ));
        }
    }
    out.into_iter().collect()
}

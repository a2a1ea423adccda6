//! Scan targets: single addresses, CIDR blocks, ranges and comma-separated lists, and the safety
//! rule that only loopback, private and link-local addresses are scanned unless the user allows
//! public ones.

use std::net::{IpAddr, Ipv4Addr};

/// At most this many addresses in one scan (a /12).
pub const MAX_TARGETS: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error("{0:?} is not an address, CIDR block (a.b.c.d/n) or range (a.b.c.d-e or a.b.c.d-a.b.c.e)")]
    Syntax(String),
    #[error("{0:?} is an empty range (its end is before its start)")]
    Empty(String),
    #[error("{0} targets: more than the {MAX_TARGETS} a scan may cover")]
    TooMany(usize),
    #[error(
        "{0} is a public address: only loopback, private and link-local ranges are scanned unless --allow-public is given"
    )]
    Public(IpAddr),
}

/// Whether `ip` is in a range scanned by default: loopback, private (RFC 1918, IPv6 ULA) or
/// link-local.
pub fn is_default_allowed(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v) => v.is_loopback() || v.is_private() || v.is_link_local(),
        IpAddr::V6(v) => v.is_loopback() || v.is_unique_local() || v.is_unicast_link_local(),
    }
}

/// Every address the target list names, in order, without duplicates; refused when one is
/// public and `allow_public` is false.
pub fn expand(specs: &[String], allow_public: bool) -> Result<Vec<IpAddr>, TargetError> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for spec in specs.iter().flat_map(|s| s.split(',')).map(str::trim).filter(|s| !s.is_empty()) {
        for ip in expand_one(spec, out.len())? {
            if !allow_public && !is_default_allowed(ip) {
                return Err(TargetError::Public(ip));
            }
            if seen.insert(ip) {
                out.push(ip);
            }
        }
    }
    Ok(out)
}

fn expand_one(spec: &str, already: usize) -> Result<Vec<IpAddr>, TargetError> {
    let syntax = || TargetError::Syntax(spec.to_string());
    if let Ok(ip) = spec.parse::<IpAddr>() {
        return Ok(vec![ip]);
    }
    let (start, count) = if let Some((base, bits)) = spec.split_once('/') {
        let base: Ipv4Addr = base.parse().map_err(|_| syntax())?;
        let bits: u32 = bits.parse().map_err(|_| syntax())?;
        if bits > 32 {
            return Err(syntax());
        }
        let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits) };
        (u32::from(base) & mask, 1u64 << (32 - bits))
    } else if let Some((a, b)) = spec.split_once('-') {
        let a: Ipv4Addr = a.parse().map_err(|_| syntax())?;
        let b: Ipv4Addr = match b.parse::<Ipv4Addr>() {
            Ok(b) => b,
            Err(_) => {
                let last: u8 = b.parse().map_err(|_| syntax())?;
                let o = a.octets();
                Ipv4Addr::new(o[0], o[1], o[2], last)
            }
        };
        let (a, b) = (u32::from(a), u32::from(b));
        if b < a {
            return Err(TargetError::Empty(spec.to_string()));
        }
        (a, u64::from(b - a) + 1)
    } else {
        return Err(syntax());
    };
    let total = already as u64 + count;
    if total > MAX_TARGETS as u64 {
        return Err(TargetError::TooMany(usize::try_from(total).unwrap_or(usize::MAX)));
    }
    Ok((0..count).map(|i| IpAddr::V4(Ipv4Addr::from(start.wrapping_add(i as u32)))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn forms() {
        assert_eq!(expand(&s(&["127.10.0.0/30"]), false).map(|v| v.len()), Ok(4));
        let r = expand(&s(&["127.10.0.1-3,127.10.0.2", "127.10.0.9-127.10.0.10"]), false).expect("ok");
        let shown: Vec<String> = r.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["127.10.0.1", "127.10.0.2", "127.10.0.3", "127.10.0.9", "127.10.0.10"]);
        assert_eq!(expand(&s(&["::1"]), false).map(|v| v.len()), Ok(1));
        assert!(matches!(expand(&s(&["127.0.0.5-1"]), false), Err(TargetError::Empty(_))));
        assert!(matches!(expand(&s(&["127.0.0.1/33"]), false), Err(TargetError::Syntax(_))));
        assert!(matches!(expand(&s(&["camera.local"]), false), Err(TargetError::Syntax(_))));
        assert!(matches!(expand(&s(&["10.0.0.0/8", "10.0.0.0/8"]), false), Err(TargetError::TooMany(_))));
    }

    #[test]
    fn public_refused_unless_allowed() {
        for ok in ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.0.1", "fe80::1", "fd00::1"]
        {
            assert!(is_default_allowed(ok.parse().expect("ip")), "{ok}");
        }
        for bad in ["8.8.8.8", "172.32.0.1", "2001:db8::1"] {
            assert!(!is_default_allowed(bad.parse().expect("ip")), "{bad}");
        }
        assert!(matches!(expand(&s(&["192.168.0.1,1.1.1.1"]), false), Err(TargetError::Public(_))));
        // Allowed only as an explicit choice (the expansion itself does no I/O).
        assert_eq!(expand(&s(&["1.1.1.1"]), true).map(|v| v.len()), Ok(1));
    }
}

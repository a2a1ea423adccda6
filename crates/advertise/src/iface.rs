//! Network interfaces by name: the addresses the multicast responder (and `iotlabel discover`)
//! use on the link the user named. An interface needs an IPv4 address or an IPv6 link-local
//! address (or both): mDNS runs over whichever families it has.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::AdvertiseError;

/// One network interface and its addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetInterface {
    /// Its name, e.g. `eth0`.
    pub name: String,
    /// Its index (the IPv6 scope id).
    pub index: u32,
    /// Its first IPv4 address, if any.
    pub ipv4: Option<Ipv4Addr>,
    /// Its IPv4 prefix length, with `ipv4`.
    pub ipv4_prefix: u8,
    /// Its IPv6 link-local address (fe80::/10), if any: mDNS over IPv6 runs on it.
    pub ipv6_link_local: Option<Ipv6Addr>,
}

impl NetInterface {
    /// Whether `ip` is in this interface's IPv4 subnet (or is its IPv6 link-local scope).
    pub fn on_link(&self, ip: IpAddr) -> bool {
        match (ip.to_canonical(), self.ipv4) {
            (IpAddr::V4(ip), Some(own)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.ipv4_prefix)).unwrap_or(0);
                u32::from(ip) & mask == u32::from(own) & mask
            }
            (IpAddr::V6(ip), _) => ip.is_unicast_link_local(),
            _ => false,
        }
    }
}

/// The interface called `name`, with its addresses.
pub fn interface(name: &str) -> Result<NetInterface, AdvertiseError> {
    let all = if_addrs::get_if_addrs()
        .map_err(|e| AdvertiseError::Interface { name: name.to_string(), reason: e.to_string() })?;
    let mine: Vec<_> = all.iter().filter(|i| i.name == name).collect();
    let Some(first) = mine.first() else {
        let mut names: Vec<&str> = all.iter().map(|i| i.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        return Err(AdvertiseError::Interface {
            name: name.to_string(),
            reason: format!(
                "no such interface with an address; the interfaces here are: {}",
                names.join(", ")
            ),
        });
    };
    let mut out = NetInterface {
        name: name.to_string(),
        index: first.index.unwrap_or(0),
        ipv4: None,
        ipv4_prefix: 32,
        ipv6_link_local: None,
    };
    for i in &mine {
        match &i.addr {
            if_addrs::IfAddr::V4(a) if out.ipv4.is_none() => {
                out.ipv4 = Some(a.ip);
                out.ipv4_prefix = a.prefixlen;
            }
            if_addrs::IfAddr::V6(a) if out.ipv6_link_local.is_none() && a.ip.is_unicast_link_local() => {
                out.ipv6_link_local = Some(a.ip);
            }
            _ => {}
        }
    }
    if out.ipv4.is_none() && out.ipv6_link_local.is_none() {
        return Err(AdvertiseError::Interface {
            name: name.to_string(),
            reason: "has neither an IPv4 address nor an IPv6 link-local address (fe80::/10); \
                     multicast DNS needs one of them"
                .into(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_link_follows_the_prefix() {
        let i = NetInterface {
            name: "x".into(),
            index: 2,
            ipv4: Some(Ipv4Addr::new(10, 1, 2, 3)),
            ipv4_prefix: 24,
            ipv6_link_local: None,
        };
        assert!(i.on_link("10.1.2.200".parse().unwrap()));
        assert!(!i.on_link("10.1.3.1".parse().unwrap()));
        assert!(i.on_link("fe80::1".parse().unwrap()));
        assert!(!i.on_link("2001:db8::1".parse().unwrap()));
    }

    #[test]
    fn unknown_interfaces_are_named_in_the_error() {
        let e = interface("no-such-if0").unwrap_err().to_string();
        assert!(e.contains("no-such-if0") && e.contains("lo"), "{e}");
    }
}

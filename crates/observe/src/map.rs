//! The address map: names (and roles) for the MAC and IP addresses of a capture, checked against
//! what the capture holds. A mapping for an address the capture never shows, or two names for one
//! address (directly, or a MAC and the IP it used), is an error naming the entries: never a guess.

use core::fmt;
use core::net::IpAddr;
use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A MAC or an IP address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Address {
    Mac([u8; 6]),
    Ip(IpAddr),
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Address::Mac(m) => write!(f, "{}", mac_text(m)),
            Address::Ip(ip) => write!(f, "{ip}"),
        }
    }
}

/// `aa:bb:cc:dd:ee:ff`.
pub fn mac_text(m: &[u8; 6]) -> String {
    format!("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", m[0], m[1], m[2], m[3], m[4], m[5])
}

impl core::str::FromStr for Address {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if let Ok(ip) = s.parse::<IpAddr>() {
            return Ok(Address::Ip(ip));
        }
        let parts: Vec<&str> = s.split([':', '-']).collect();
        if parts.len() == 6 {
            let mut m = [0u8; 6];
            for (i, p) in parts.iter().enumerate() {
                m[i] = u8::from_str_radix(p, 16)
                    .map_err(|_| format!("`{s}` is neither a MAC nor an IP address"))?;
            }
            return Ok(Address::Mac(m));
        }
        Err(format!("`{s}` is neither a MAC (aa:bb:cc:dd:ee:ff) nor an IP address"))
    }
}

/// What a mapped host is to the observation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The device under test: its traffic is held against the declaration.
    Device,
    /// The device's companion app (a phone): its traffic with the device and with the declared
    /// cloud endpoints is reported; the rest of its traffic is not the device's.
    App,
    /// Network infrastructure (router, access point, DHCP and DNS server).
    Gateway,
    /// Anything else, named for readability.
    #[default]
    Other,
}

/// One entry of the address map file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MapEntry {
    /// A MAC (`7c:f6:66:24:a7:36`) or an IPv4 / IPv6 address.
    pub address: String,
    pub name: String,
    #[serde(default)]
    pub role: Role,
}

/// The address map file (TOML): `[[host]]` entries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddressMap {
    #[serde(default)]
    pub host: Vec<MapEntry>,
}

/// A parsed, checked entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapped {
    /// 0-based index in the file (`host[i]`).
    pub index: usize,
    pub address: Address,
    pub name: String,
    pub role: Role,
}

/// A problem with the address map, naming the entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct MapError {
    pub file: String,
    pub message: String,
}

/// Reads the map's text: syntax, unknown keys and addresses that do not parse are errors, as
/// are two entries giving one address two names or roles.
pub fn parse_map(file: &str, text: &str) -> Result<Vec<Mapped>, Vec<MapError>> {
    let err = |message: String| MapError { file: file.into(), message };
    let map: AddressMap =
        toml::from_str(text).map_err(|e| vec![err(e.to_string().trim_end().replace('\n', " "))])?;
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut first: BTreeMap<Address, usize> = BTreeMap::new();
    for (i, e) in map.host.iter().enumerate() {
        let address = match e.address.parse::<Address>() {
            Ok(a) => a,
            Err(m) => {
                problems.push(err(format!("host[{i}].address: {m}")));
                continue;
            }
        };
        if e.name.trim().is_empty() || e.name.chars().any(char::is_control) {
            problems.push(err(format!("host[{i}].name: a name must be non-empty text on one line")));
            continue;
        }
        if let Some(&j) = first.get(&address) {
            let prev: &MapEntry = &map.host[j];
            if prev.name != e.name || prev.role != e.role {
                problems.push(err(format!(
                    "host[{j}] and host[{i}] give {address} two names (`{}` and `{}`): one address, one name",
                    prev.name, e.name
                )));
            }
            continue;
        }
        first.insert(address, i);
        out.push(Mapped { index: i, address, name: e.name.clone(), role: e.role });
    }
    let devices: Vec<&str> = out
        .iter()
        .filter(|m| m.role == Role::Device)
        .map(|m| m.name.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if devices.len() > 1 {
        problems.push(err(format!(
            "more than one host has role = \"device\" ({}): observe one device at a time",
            devices.join(", ")
        )));
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// Holds the map against the capture: every mapped address must have been seen, and a mapped
/// MAC and a mapped IP it used must agree on the name. `ips_of_mac` gives, for each source
/// MAC, the IP addresses it sent from.
pub fn check_map(
    file: &str,
    map: &[Mapped],
    seen: &dyn Fn(&Address) -> bool,
    ips_of_mac: &BTreeMap<[u8; 6], Vec<IpAddr>>,
) -> Result<(), Vec<MapError>> {
    let err = |message: String| MapError { file: file.into(), message };
    let mut problems = Vec::new();
    for m in map {
        if !seen(&m.address) {
            problems.push(err(format!(
                "host[{}] maps {} (`{}`), an address never seen in the capture",
                m.index, m.address, m.name
            )));
        }
    }
    for m in map {
        let Address::Mac(mac) = m.address else { continue };
        for ip in ips_of_mac.get(&mac).into_iter().flatten() {
            if let Some(other) = map.iter().find(|o| o.address == Address::Ip(*ip))
                && (other.name != m.name || other.role != m.role)
            {
                problems.push(err(format!(
                    "host[{}] names {} `{}` but host[{}] names {ip}, an address that MAC used, `{}`: one host, one name",
                    m.index, m.address, m.name, other.index, other.name
                )));
            }
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

//! The fleet map of `scan --devices`: which declaration each scanned address belongs to, so that
//! one scan writes evidence for every mapped device.
//!
//! ```toml
//! [[device]]
//! declaration = "devices/acme-cam-2.toml"   # relative to the map file
//! addresses = ["127.10.0.5", "127.10.0.6"]  # every address the device answers on
//! ```
//!
//! Checked before anything is scanned: an address given twice (one address, one device), an
//! address outside the scan's targets (it would never be scanned), a declaration listed twice
//! (list its addresses in one entry) and an entry with no address are errors naming the entry and
//! its line. Nothing is guessed.

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The fleet map file (TOML).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "iotlabel scan fleet map (scan --devices)")]
pub struct FleetMap {
    #[serde(default)]
    pub device: Vec<MappedDevice>,
}

/// One device of the fleet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MappedDevice {
    /// The device's declaration (TOML or JSON), relative to the map file.
    pub declaration: String,
    /// The IPv4 and IPv6 addresses the device answers on.
    pub addresses: Vec<IpAddr>,
}

/// A problem with the map: the file, the line and column when known, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct FleetMapError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The JSON Schema of [`FleetMap`].
pub fn fleet_map_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(FleetMap)).unwrap_or_default()
}

/// Reads and checks the map: `in_targets` says whether an address is among the scan's targets.
/// Every problem is returned, not only the first.
pub fn parse(
    file: &str,
    text: &str,
    in_targets: &dyn Fn(IpAddr) -> bool,
) -> Result<FleetMap, Vec<FleetMapError>> {
    let at = |offset: usize, message: String| {
        let (line, column) = iotlabel_model::diagnostic::line_column(text, offset);
        FleetMapError { file: file.to_string(), line, column, message }
    };
    // The same shape with each entry's place in the file, for messages about an entry.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Placed {
        #[serde(default)]
        device: Vec<toml::Spanned<MappedDevice>>,
    }
    let placed: Placed = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        vec![at(
            offset,
            format!(
                "{}; expected [[device]] entries with declaration = \"...\" and addresses = [\"...\"]",
                e.message().trim_end()
            ),
        )]
    })?;
    let starts: Vec<usize> = placed.device.iter().map(|d| d.span().start).collect();
    let map = FleetMap { device: placed.device.into_iter().map(toml::Spanned::into_inner).collect() };
    let entry_at = |i: usize| starts.get(i).copied().unwrap_or(0);
    let mut problems = Vec::new();
    let mut owner: BTreeMap<IpAddr, usize> = BTreeMap::new();
    let mut declarations: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, d) in map.device.iter().enumerate() {
        if d.declaration.trim().is_empty() {
            problems.push(at(
                entry_at(i),
                format!("device[{i}].declaration: empty; give the declaration's path"),
            ));
        } else if let Some(&j) = declarations.get(d.declaration.as_str()) {
            problems.push(at(
                entry_at(i),
                format!(
                    "device[{i}] and device[{j}] both map {}: list all its addresses in one entry",
                    d.declaration
                ),
            ));
        } else {
            declarations.insert(&d.declaration, i);
        }
        if d.addresses.is_empty() {
            problems.push(at(
                entry_at(i),
                format!("device[{i}].addresses: empty; give the addresses the device answers on"),
            ));
        }
        for ip in &d.addresses {
            if let Some(&j) = owner.get(ip) {
                if j != i {
                    problems.push(at(
                        entry_at(i),
                        format!("device[{i}] and device[{j}] both claim {ip}: one address, one device"),
                    ));
                }
                continue;
            }
            owner.insert(*ip, i);
            if !in_targets(*ip) {
                problems.push(at(
                    entry_at(i),
                    format!("device[{i}] maps {ip}, which is not among the scan's targets: add it to the targets or drop it from the map"),
                ));
            }
        }
    }
    if problems.is_empty() { Ok(map) } else { Err(problems) }
}

impl FleetMap {
    /// The index of the device an address belongs to.
    pub fn device_of(&self) -> BTreeMap<IpAddr, usize> {
        let mut m = BTreeMap::new();
        for (i, d) in self.device.iter().enumerate() {
            for ip in &d.addresses {
                m.entry(*ip).or_insert(i);
            }
        }
        m
    }

    /// Every mapped address.
    pub fn addresses(&self) -> BTreeSet<IpAddr> {
        self.device.iter().flat_map(|d| d.addresses.iter().copied()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(ip: IpAddr) -> bool {
        matches!(ip, IpAddr::V4(v4) if v4.octets()[..3] == [127, 10, 0])
    }

    fn errors(text: &str) -> Vec<String> {
        parse("map.toml", text, &targets).expect_err("refused").iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_good_map_reads() {
        let m = parse(
            "map.toml",
            "[[device]]\ndeclaration = \"a.toml\"\naddresses = [\"127.10.0.1\", \"127.10.0.2\"]\n\n[[device]]\ndeclaration = \"b.toml\"\naddresses = [\"127.10.0.3\"]\n",
            &targets,
        )
        .expect("reads");
        assert_eq!(m.device.len(), 2);
        let of = m.device_of();
        assert_eq!(of[&"127.10.0.2".parse::<IpAddr>().expect("ip")], 0);
        assert_eq!(of[&"127.10.0.3".parse::<IpAddr>().expect("ip")], 1);
        assert_eq!(m.addresses().len(), 3);
    }

    #[test]
    fn every_problem_is_named_with_its_line() {
        let e = errors(
            "[[device]]\ndeclaration = \"a.toml\"\naddresses = [\"127.10.0.1\"]\n\n[[device]]\ndeclaration = \"b.toml\"\naddresses = [\"127.10.0.1\", \"127.99.0.1\"]\n\n[[device]]\ndeclaration = \"a.toml\"\naddresses = []\n",
        );
        assert_eq!(e.len(), 4, "{e:#?}");
        assert!(e[0].starts_with("map.toml:5:1: device[1] and device[0] both claim 127.10.0.1"), "{}", e[0]);
        assert!(e[1].contains("127.99.0.1, which is not among the scan's targets"), "{}", e[1]);
        assert!(e[2].starts_with("map.toml:9:1: device[2] and device[0] both map a.toml"), "{}", e[2]);
        assert!(e[3].contains("device[2].addresses: empty"), "{}", e[3]);
    }

    #[test]
    fn syntax_and_unknown_keys_are_placed() {
        let e = errors("[[device]]\ndeclaration = \"a.toml\"\naddress = [\"127.10.0.1\"]\n");
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("map.toml:3:1:"), "{}", e[0]);
        assert!(e[0].contains("address"), "{}", e[0]);
        let e = errors("[[device]]\ndeclaration = \"a.toml\"\naddresses = [\"127.10.0.300\"]\n");
        assert!(e[0].starts_with("map.toml:3:"), "{}", e[0]);
        assert!(e[0].contains("invalid IP address"), "{}", e[0]);
    }
}

//! The RFC 8520 MUD file and the RFC 8519 ACLs it carries, in their RFC 7951 JSON encoding.
//!
//! Only the nodes a MUD file uses are modelled (the YANG modules `ietf-mud`,
//! `ietf-access-control-list`, `ietf-acldns`, the MUD augments of the ACL matches). Members
//! that other modules add to the MUD container (`module:name`, e.g. the NIST quarantine and the
//! reporter extensions) are kept as they are in `augments`, so a file round-trips.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A MUD file: the `ietf-mud:mud` container and the ACLs its policies name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MudFile {
    #[serde(rename = "ietf-mud:mud")]
    pub mud: Mud,
    #[serde(rename = "ietf-access-control-list:acls", default, skip_serializing_if = "Option::is_none")]
    pub acls: Option<Acls>,
}

/// The `ietf-mud:mud` container (RFC 8520 section 2.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub struct Mud {
    /// Always 1 (RFC 8520).
    pub mud_version: u8,
    /// Where this file is published (https). Absent only in files read leniently.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mud_url: Option<String>,
    /// When the file was last changed (YANG `date-and-time`).
    pub last_update: String,
    /// Where the file's detached CMS signature is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mud_signature: Option<String>,
    /// Hours a MUD manager may cache the file (1 to 168; 48 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_validity: Option<u8>,
    /// Whether the maker still supports the device.
    pub is_supported: bool,
    /// What the device is (at most 60 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub systeminfo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfg_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firmware_rev: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub software_rev: Option<String>,
    /// Where the device's documentation is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation: Option<String>,
    /// Extensions the file uses (RFC 8520 section 3.8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_device_policy: Option<Policy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_device_policy: Option<Policy>,
    /// Members added by other YANG modules (`module:name`), kept as written.
    #[serde(flatten)]
    pub augments: Map<String, Value>,
}

/// A policy: the names of the ACLs that apply in one direction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Policy {
    pub access_lists: AccessLists,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AccessLists {
    pub access_list: Vec<AclRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AclRef {
    pub name: String,
}

/// The `ietf-access-control-list:acls` container.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Acls {
    pub acl: Vec<Acl>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Acl {
    pub name: String,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub acl_type: Option<AclType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aces: Option<Aces>,
}

/// The ACL types of RFC 8519 (identities, written without their module prefix).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum AclType {
    #[serde(rename = "ipv4-acl-type")]
    Ipv4,
    #[serde(rename = "ipv6-acl-type")]
    Ipv6,
    #[serde(rename = "eth-acl-type")]
    Eth,
    #[serde(rename = "mixed-eth-ipv4-acl-type")]
    MixedEthIpv4,
    #[serde(rename = "mixed-eth-ipv6-acl-type")]
    MixedEthIpv6,
    #[serde(rename = "mixed-eth-ipv4-ipv6-acl-type")]
    MixedEthIpv4Ipv6,
}

impl AclType {
    pub const NAMES: &[&str] = &[
        "ipv4-acl-type",
        "ipv6-acl-type",
        "eth-acl-type",
        "mixed-eth-ipv4-acl-type",
        "mixed-eth-ipv6-acl-type",
        "mixed-eth-ipv4-ipv6-acl-type",
    ];

    /// Which match families an ACE of an ACL of this type may use: (eth, ipv4, ipv6).
    pub fn allows(self) -> (bool, bool, bool) {
        match self {
            AclType::Ipv4 => (false, true, false),
            AclType::Ipv6 => (false, false, true),
            AclType::Eth => (true, false, false),
            AclType::MixedEthIpv4 => (true, true, false),
            AclType::MixedEthIpv6 => (true, false, true),
            AclType::MixedEthIpv4Ipv6 => (true, true, true),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Aces {
    pub ace: Vec<Ace>,
}

/// An access control entry: what it matches and what happens to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ace {
    pub name: String,
    #[serde(default)]
    pub matches: Matches,
    pub actions: Actions,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Matches {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eth: Option<EthMatch>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv4: Option<Ipv4Match>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6: Option<Ipv6Match>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tcp: Option<TcpMatch>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub udp: Option<UdpMatch>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icmp: Option<IcmpMatch>,
    #[serde(rename = "ietf-mud:mud", default, skip_serializing_if = "Option::is_none")]
    pub mud: Option<MudMatch>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EthMatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination_mac_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_mac_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethertype: Option<u16>,
}

/// The `ipv4` match (the header fields a MUD file uses, and the DNS names of `ietf-acldns`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Ipv4Match {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dscp: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecn: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<u8>,
    #[serde(rename = "destination-ipv4-network", default, skip_serializing_if = "Option::is_none")]
    pub destination_network: Option<String>,
    #[serde(rename = "source-ipv4-network", default, skip_serializing_if = "Option::is_none")]
    pub source_network: Option<String>,
    #[serde(rename = "ietf-acldns:dst-dnsname", default, skip_serializing_if = "Option::is_none")]
    pub dst_dnsname: Option<String>,
    #[serde(rename = "ietf-acldns:src-dnsname", default, skip_serializing_if = "Option::is_none")]
    pub src_dnsname: Option<String>,
}

/// The `ipv6` match.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Ipv6Match {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dscp: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecn: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow_label: Option<u32>,
    #[serde(rename = "destination-ipv6-network", default, skip_serializing_if = "Option::is_none")]
    pub destination_network: Option<String>,
    #[serde(rename = "source-ipv6-network", default, skip_serializing_if = "Option::is_none")]
    pub source_network: Option<String>,
    #[serde(rename = "ietf-acldns:dst-dnsname", default, skip_serializing_if = "Option::is_none")]
    pub dst_dnsname: Option<String>,
    #[serde(rename = "ietf-acldns:src-dnsname", default, skip_serializing_if = "Option::is_none")]
    pub src_dnsname: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TcpMatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_port: Option<PortMatch>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination_port: Option<PortMatch>,
    /// Which side opens the connection (RFC 8520 section 2.1).
    #[serde(rename = "ietf-mud:direction-initiated", default, skip_serializing_if = "Option::is_none")]
    pub direction_initiated: Option<Direction>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct UdpMatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_port: Option<PortMatch>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination_port: Option<PortMatch>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct IcmpMatch {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub icmp_type: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<u8>,
}

/// A port match: one port with an operator, or an inclusive range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PortMatch {
    Operator {
        /// `eq` when absent (the YANG default).
        #[serde(default)]
        operator: PortOperator,
        port: u16,
    },
    Range {
        #[serde(rename = "lower-port")]
        lower_port: u16,
        #[serde(rename = "upper-port")]
        upper_port: u16,
    },
}

impl PortMatch {
    /// The single port `port`.
    pub fn eq(port: u16) -> Self {
        PortMatch::Operator { operator: PortOperator::Eq, port }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PortOperator {
    #[default]
    Eq,
    Neq,
    Lte,
    Gte,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    FromDevice,
    ToDevice,
}

/// The MUD matches (RFC 8520 section 2.1): classes of peers a MUD manager resolves.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MudMatch {
    /// Devices of this manufacturer (the authority of their MUD URLs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manufacturer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_manufacturer: Option<Empty>,
    /// Devices whose MUD URL is this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_networks: Option<Empty>,
    /// A class of controller, by URI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub my_controller: Option<Empty>,
}

/// The YANG `empty` type, which RFC 7951 encodes as `[null]`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Empty;

impl Serialize for Empty {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [()].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Empty {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = <[(); 1]>::deserialize(d)?;
        let _ = v;
        Ok(Empty)
    }
}

impl JsonSchema for Empty {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Empty".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The YANG empty type: [null] (RFC 7951 section 6.9).",
            "type": "array",
            "items": { "type": "null" },
            "minItems": 1,
            "maxItems": 1
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actions {
    pub forwarding: Forwarding,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logging: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Forwarding {
    Accept,
    Drop,
    Reject,
}

impl MudFile {
    /// Every ACL, in file order.
    pub fn acls(&self) -> &[Acl] {
        self.acls.as_ref().map_or(&[], |a| &a.acl)
    }

    /// The ACL of this name.
    pub fn acl(&self, name: &str) -> Option<&Acl> {
        self.acls().iter().find(|a| a.name == name)
    }

    /// The names of the ACLs a policy applies, from-device first.
    pub fn policy_names(&self, dir: Direction) -> Vec<&str> {
        let p = match dir {
            Direction::FromDevice => &self.mud.from_device_policy,
            Direction::ToDevice => &self.mud.to_device_policy,
        };
        p.iter().flat_map(|p| p.access_lists.access_list.iter().map(|r| r.name.as_str())).collect()
    }
}

impl Acl {
    pub fn aces(&self) -> &[Ace] {
        self.aces.as_ref().map_or(&[], |a| &a.ace)
    }
}

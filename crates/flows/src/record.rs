//! The flow record: one flow as seen from the device's side.

use core::fmt;
use core::net::IpAddr;
use core::str::FromStr;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Who opened the flow, from the device's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// The device opened it (outbound).
    FromDevice,
    /// The peer opened it (inbound).
    ToDevice,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::FromDevice => "from-device",
            Direction::ToDevice => "to-device",
        }
    }
}

/// An Ethernet MAC address, written `02:00:00:00:00:05`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mac(pub [u8; 6]);

impl fmt::Display for Mac {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.0;
        write!(f, "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", m[0], m[1], m[2], m[3], m[4], m[5])
    }
}

impl FromStr for Mac {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let mut out = [0u8; 6];
        let mut parts = s.split([':', '-']);
        for b in &mut out {
            let p = parts.next().ok_or_else(|| format!("`{s}` has fewer than six octets"))?;
            if p.len() != 2 {
                return Err(format!("`{s}`: each octet is two hexadecimal digits"));
            }
            *b = u8::from_str_radix(p, 16).map_err(|_| format!("`{s}`: `{p}` is not hexadecimal"))?;
        }
        if parts.next().is_some() {
            return Err(format!("`{s}` has more than six octets"));
        }
        Ok(Mac(out))
    }
}

impl Serialize for Mac {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Mac {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Mac {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Mac".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An Ethernet MAC address: six octets in hexadecimal, separated by colons.",
            "type": "string",
            "pattern": "^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$"
        })
    }
}

/// One flow, oriented from the device's side: the device, who opened the flow, the peer, and
/// what went through. Written as CSV (the header is [`CSV_HEADER`]) or one JSON object per line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlowRecord {
    /// When the flow started, in milliseconds since the Unix epoch (UTC).
    pub time_ms: u64,
    /// The device's MAC address, when the observer saw it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_mac: Option<Mac>,
    /// The device's IP address.
    pub device_ip: IpAddr,
    /// Who opened the flow.
    pub direction: Direction,
    /// The other end's IP address.
    pub peer_ip: IpAddr,
    /// The other end's DNS name, when known (from the capture's DNS answers or the exporter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub peer_name: Option<Arc<str>>,
    /// The IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6).
    pub protocol: u8,
    /// The device's port (0 when the protocol has none).
    pub device_port: u16,
    /// The peer's port (0 when the protocol has none).
    pub peer_port: u16,
    /// Bytes in the flow.
    #[serde(default)]
    pub bytes: u64,
    /// Packets in the flow.
    #[serde(default)]
    pub packets: u64,
}

/// The header line of the CSV form, in this order.
pub const CSV_HEADER: &str =
    "time_ms,device_mac,device_ip,direction,peer_ip,peer_name,protocol,device_port,peer_port,bytes,packets";

impl FlowRecord {
    /// The record as one CSV line (no newline), columns as in [`CSV_HEADER`].
    pub fn to_csv(&self) -> String {
        format!(
            "{},{},{},{},{},{},{},{},{},{},{}",
            self.time_ms,
            self.device_mac.map(|m| m.to_string()).unwrap_or_default(),
            self.device_ip,
            self.direction.as_str(),
            self.peer_ip,
            self.peer_name.as_deref().unwrap_or(""),
            self.protocol,
            self.device_port,
            self.peer_port,
            self.bytes,
            self.packets
        )
    }
}

/// The JSON Schema of a flow record (one line of the JSON Lines form).
pub fn flow_record_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(FlowRecord)).unwrap_or_default()
}

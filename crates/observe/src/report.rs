//! The observation: one type, its JSON Schema, and its evidence items.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use crate::map::Role;

/// `format` of the JSON output.
pub const FORMAT: &str = "iotlabel.observation";
/// `version` of the JSON output. History: 1 (issue #14), first version.
pub const VERSION: u32 = 1;

/// Where one result comes from in the capture: the first frame numbers (at most
/// [`Frames::KEPT`]) and how many frames in all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Frames {
    /// 1-based frame numbers, as Wireshark shows them; the first ones only.
    pub first: Vec<u64>,
    pub count: u64,
}

impl Frames {
    pub const KEPT: usize = 8;

    pub fn add(&mut self, n: u64) {
        self.count += 1;
        if self.first.len() < Self::KEPT && !self.first.contains(&n) {
            self.first.push(n);
        }
    }

    pub fn merge(&mut self, o: &Frames) {
        self.count += o.count;
        for &n in &o.first {
            if self.first.len() < Self::KEPT && !self.first.contains(&n) {
                self.first.push(n);
            }
        }
        self.first.sort_unstable();
    }

    /// `frames 3, 4, 9 (20 in all)`.
    pub fn text(&self) -> String {
        let list: Vec<String> = self.first.iter().map(u64::to_string).collect();
        if self.count as usize > self.first.len() {
            format!("frames {} ({} in all)", list.join(", "), self.count)
        } else if self.first.len() == 1 {
            format!("frame {}", list.join(", "))
        } else {
            format!("frames {}", list.join(", "))
        }
    }
}

/// The one judgement every host, service and connection gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Declared and seen in the capture.
    DeclaredAndSeen,
    /// Declared, never seen (a capture shows only what happened while it ran).
    DeclaredNotSeen,
    /// Seen, not in the declaration.
    SeenNotDeclared,
    /// Seen, but nothing in the capture ties the address to a name (no DNS answer, no TLS server
    /// name, no certificate): not a violation; `reason` says why.
    NotAttributable,
    /// Network plumbing (DHCP, DNS to the local resolver, ARP, ICMP, EAPOL): not held against
    /// the declaration.
    Infrastructure,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::DeclaredAndSeen => "declared and seen",
            Status::DeclaredNotSeen => "declared, not seen",
            Status::SeenNotDeclared => "seen, not declared",
            Status::NotAttributable => "not attributable",
            Status::Infrastructure => "infrastructure",
        }
    }
}

/// What tied an address to a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NameSource {
    /// The TLS ClientHello's server name.
    Sni,
    /// The server's certificate (TLS 1.2 and earlier).
    Certificate,
    /// A DNS answer in the capture.
    Dns,
    /// An HTTP request's Host header.
    HttpHost,
    /// A DHCP client's host name.
    Dhcp,
    /// The address map.
    Map,
}

/// A name tied to an address, and the frames that say so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NameBinding {
    pub address: String,
    pub name: String,
    pub source: NameSource,
    pub frames: Frames,
}

/// The capture as read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CaptureInfo {
    pub file: String,
    /// `pcap` or `pcapng`.
    pub format: String,
    pub frames: u64,
    pub bytes: u64,
    /// Frames carrying IPv4 or IPv6.
    pub ip_frames: u64,
    /// Frames the decoder could not read (unknown link type, broken headers).
    pub undecoded_frames: u64,
    /// First and last frame times, microseconds since the Unix epoch.
    pub start_us: u64,
    pub end_us: u64,
    /// Conversations between other hosts than the device (and its app's traffic with others
    /// than the device and the declared endpoints): not the device's, not judged.
    pub other_conversations: u64,
}

/// A DHCP client as seen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DhcpClient {
    pub mac: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor_class: Option<String>,
    /// DHCP option 161 (RFC 8520).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mud_url: Option<String>,
    /// Addresses given (ACK) or asked for.
    pub addresses: Vec<String>,
    pub frames: Frames,
}

/// The device as identified in the capture.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DeviceInfo {
    pub name: String,
    pub macs: Vec<String>,
    pub ips: Vec<String>,
    /// How the device was found: `address map` or `DHCP MUD URL`.
    pub identified_by: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dhcp: Option<DhcpClient>,
    /// The declared MUD URL, and whether the device's DHCP carried the same one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mud_url_matches: Option<bool>,
}

/// A remote or local host the device talked to, asked for, or was declared to use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct HostResult {
    /// A name when one is known, else the address; for local peers `local peer <class>`.
    pub host: String,
    pub addresses: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub named_by: Option<NameSource>,
    pub status: Status,
    /// The declaration's entries for this host (`a1.tuyaeu.com:443 https`).
    pub declared: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub frames: Frames,
}

/// A service the device offers on the local network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ServiceResult {
    pub port: u16,
    /// `tcp` or `udp`.
    pub transport: String,
    /// The declared service's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub status: Status,
    /// Who connected to it.
    pub clients: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub frames: Frames,
}

/// What kind of conversation a connection is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionKind {
    /// The device (or its app) to a host on the internet.
    Cloud,
    /// The device to a host on the local network.
    Local,
    /// A broadcast or multicast on the local network.
    Broadcast,
    /// A host connecting to a service of the device.
    Service,
    /// DHCP, DNS, NTP and the like to the local network's own servers.
    Infrastructure,
}

/// Conversations from one client to one server port, aggregated over source ports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ConnectionResult {
    /// The side that opened it (a name from the map, or its address).
    pub client: String,
    pub client_role: Role,
    pub server: String,
    pub server_address: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub named_by: Option<NameSource>,
    pub port: u16,
    /// `tcp`, `udp`, `icmp`, `igmp`, `icmpv6` or the IP protocol number.
    pub transport: String,
    /// What the payload looked like: `tls`, `tls-psk`, `http`, `dns`, `dhcp`, `mqtt`, `ftp`,
    /// `telnet`, or `unknown`.
    pub protocol: String,
    pub kind: ConnectionKind,
    pub status: Status,
    /// The declaration's entry it matched (or, when not attributable, the ones it may be).
    pub declared: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Separate conversations (5-tuples) aggregated here.
    pub conversations: u64,
    pub packets: u64,
    pub bytes: u64,
    pub frames: Frames,
}

/// A clear-text protocol carrying credentials or personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// HTTP `Authorization` (Basic, Bearer, ...) over plain HTTP.
    HttpAuthorization,
    /// A password or token in an HTTP request's URL over plain HTTP.
    HttpSecretInUrl,
    /// FTP `USER` / `PASS`.
    FtpLogin,
    /// A telnet session (everything typed, passwords included, in clear).
    Telnet,
    /// MQTT CONNECT with a user name or password, not under TLS.
    MqttCredentials,
}

/// A finding of its own: credentials or personal data in clear. Secrets are never copied into
/// the report: only what kind they are and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    pub kind: FindingKind,
    pub client: String,
    pub server: String,
    pub port: u16,
    pub summary: String,
    pub frames: Frames,
}

/// Counts of results by status (hosts, services and connections together) and findings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    pub declared_and_seen: u64,
    pub declared_not_seen: u64,
    pub seen_not_declared: u64,
    pub not_attributable: u64,
    pub infrastructure: u64,
    pub findings: u64,
}

/// A capture held against a device's declaration (`iotlabel evidence observe --format json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Observation {
    /// Always `iotlabel.observation`.
    pub format: String,
    pub version: u32,
    /// The declaration's brand and model.
    pub declaration: String,
    pub capture: CaptureInfo,
    pub device: DeviceInfo,
    pub summary: Summary,
    pub hosts: Vec<HostResult>,
    pub services: Vec<ServiceResult>,
    pub connections: Vec<ConnectionResult>,
    pub findings: Vec<Finding>,
    /// Every name tied to an address, with its source and frames.
    pub names: Vec<NameBinding>,
}

impl Observation {
    /// Whether anything was seen that the declaration does not cover, or credentials travelled
    /// in clear (`evidence observe` then exits 1).
    pub fn has_problems(&self) -> bool {
        self.summary.seen_not_declared > 0 || self.summary.findings > 0
    }
}

/// The JSON Schema of [`Observation`].
pub fn observation_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Observation)).unwrap_or_default()
}

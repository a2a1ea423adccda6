//! What `iotlabel discover` reports: one library type, with a JSON Schema
//! (`iotlabel schema discovery`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Everything heard on one interface during one discovery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Discovery {
    /// The format's version: 1.
    pub version: u32,
    /// The interface listened on, e.g. `eth0`.
    pub interface: String,
    /// This machine's IPv4 address on it (empty when it has none).
    pub address: String,
    /// This machine's IPv6 link-local address on it, when the queries went over IPv6 too
    /// (ff02::fb).
    #[serde(default)]
    pub ipv6_address: Option<String>,
    /// How long it listened, in milliseconds.
    pub wait_ms: u64,
    /// Every device heard, by address.
    pub devices: Vec<Device>,
}

/// One device heard, by the address its answers came from. A device heard over both IPv4 and
/// IPv6 is one entry (tied by its A and AAAA records): its IPv4 address here, its IPv6 ones in
/// `ipv6`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Device {
    /// Its IP address: IPv4 when it was heard over IPv4, else the IPv6 address it answered from
    /// (link-local addresses are on the report's interface).
    pub address: String,
    /// Its IPv6 addresses: those it answered from over IPv6 first, then those of its AAAA
    /// records; empty when it said none.
    #[serde(default)]
    pub ipv6: Vec<String>,
    /// Its MAC address (lower-case, colons), from the neighbour table, when known.
    pub mac: Option<String>,
    /// The maker of its network interface, from the IEEE OUI registry, when the MAC is known
    /// and not a random (locally administered) one.
    pub vendor: Option<String>,
    /// The MAC is a random, locally administered one (phones and computers use these for
    /// privacy): no vendor can be read from it.
    pub random_mac: bool,
    /// What the device calls itself: mDNS instance and host names, UPnP friendly name.
    pub names: Vec<String>,
    /// The DNS-SD service types it offers, without `.local.` (e.g. `_googlecast._tcp`).
    pub services: Vec<String>,
    /// Its DNS-SD service instances.
    pub mdns: Vec<MdnsService>,
    /// What it said over SSDP/UPnP, if anything.
    pub upnp: Option<Upnp>,
    /// Its label, when it advertises one (`_iotlabel._tcp`).
    pub label: Option<Label>,
    /// What it probably is, from its services, names and vendor; none when nothing tells.
    pub guess: Option<Guess>,
}

/// One DNS-SD service instance (RFC 6763).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MdnsService {
    /// The instance name (first label), e.g. `Acme Cam 2`.
    pub instance: String,
    /// The service type, e.g. `_iotlabel._tcp`.
    pub service_type: String,
    /// The SRV target, e.g. `acme-cam-2.local.`, when heard.
    pub host: Option<String>,
    /// The SRV port, when heard.
    pub port: Option<u16>,
    /// The TXT strings (`key=value`), when heard.
    pub txt: Vec<String>,
}

/// What a device said over SSDP (UPnP discovery) and in its description document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Upnp {
    /// The LOCATION of its description document.
    pub location: Option<String>,
    /// Its SERVER header (operating system, UPnP version, product).
    pub server: Option<String>,
    /// The search targets (ST) it answered with.
    pub search_targets: Vec<String>,
    /// `friendlyName` from the description.
    pub friendly_name: Option<String>,
    /// `manufacturer` from the description.
    pub manufacturer: Option<String>,
    /// `modelName` from the description.
    pub model_name: Option<String>,
    /// `modelNumber` from the description.
    pub model_number: Option<String>,
    /// `deviceType` from the description (a URN).
    pub device_type: Option<String>,
    /// Whether the description was fetched: only from the device itself (LOCATION's host is the
    /// address that answered), over HTTP, bounded in time and size.
    pub description_fetched: bool,
}

/// A label advertisement (docs/advertise.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// The label id (TXT `id`).
    pub id: String,
    /// The label URL (TXT `url`): where to read the label.
    pub url: String,
    /// `sha256:<hex>` (TXT `digest`).
    pub digest: String,
    /// The MUD URL (TXT `mud`), when the device has one.
    pub mud_url: Option<String>,
    /// The service instance that carried it.
    pub instance: String,
    /// `GET /.well-known/iot-label` on the device: `same` (the same id, URL and digest), `differs`,
    /// or `unreachable`.
    pub well_known: WellKnown,
}

/// What `/.well-known/iot-label` on the device said, compared with the TXT record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WellKnown {
    /// The same id, URL and digest as the TXT record.
    Same,
    /// It answered with other facts: one of the two is stale or forged.
    Differs,
    /// No usable answer (no port, refused, not JSON).
    Unreachable,
}

/// A term of the taxonomy (taxonomy/taxonomy.toml), with its English and French names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The taxonomy id.
    pub id: String,
    /// The English name.
    pub en: String,
    /// The French name.
    pub fr: String,
}

/// What a device probably is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Guess {
    /// The device type (taxonomy device type).
    pub device_type: Term,
    /// What kind of clue gave it away.
    pub clue: Clue,
    /// The clue itself: the service type, UPnP device type, name or vendor that matched a rule.
    pub because: String,
    /// The sensors a device of this type usually has (taxonomy `typical_sensors`); empty when the
    /// taxonomy lists none for the type.
    pub sensors: Vec<Term>,
}

/// What kind of clue a guess rests on (the rule lists of data/rules.toml, in their order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Clue {
    /// A DNS-SD service type it offers.
    Service,
    /// Its UPnP device type.
    UpnpType,
    /// A word in one of its names.
    Name,
    /// Its vendor (from the MAC address).
    Vendor,
}

/// The JSON Schema of [`Discovery`].
pub fn discovery_schema() -> Value {
    serde_json::to_value(schemars::schema_for!(Discovery)).unwrap_or(Value::Null)
}

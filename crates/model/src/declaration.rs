//! The device declaration: what a manufacturer (or a lab) says about one device model.
//!
//! Every field a framework requirement or a buyer asks about has a place here. Optional fields are
//! `None` when the declaration is silent; the assessment then reports `unknown` and names the field.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Calendar dates as JSON writes them (`"2024-03-01"`) and as TOML does (a date value of its own,
/// `2024-03-01`, or a string), so the typed fast path reads both formats.
pub(crate) mod date {
    use chrono::NaiveDate;
    use serde::Deserializer;
    use serde::de::{self, MapAccess, Visitor};

    /// A calendar date written exactly YYYY-MM-DD (no sign, no missing zeros, a real day): the
    /// one rule for dates in declarations, evidence and on the command line.
    pub fn parse_ymd(s: &str) -> Result<NaiveDate, String> {
        // Exactly YYYY-MM-DD: chrono alone lets spaces and other characters through.
        let b = s.as_bytes();
        let shaped = b.len() == 10
            && b.iter()
                .enumerate()
                .all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
        if !shaped {
            return Err(format!("`{}` is not a date written YYYY-MM-DD", s.escape_debug()));
        }
        // Digits are checked above; read them directly (chrono's format parser is slower
        // than the rest of a declaration's dates put together).
        let num = |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        NaiveDate::from_ymd_opt(num(0..4) as i32, num(5..7), num(8..10))
            .ok_or_else(|| "input is out of range".into())
    }

    struct DateVisitor;

    impl<'de> Visitor<'de> for DateVisitor {
        type Value = NaiveDate;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a date written YYYY-MM-DD")
        }

        fn visit_str<E: de::Error>(self, s: &str) -> Result<NaiveDate, E> {
            parse_ymd(s).map_err(E::custom)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<NaiveDate, A::Error> {
            // TOML's own date type; a date alone (no time, no offset) is a calendar date.
            let dt: toml::value::Datetime =
                serde::Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
            match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                        .ok_or_else(|| de::Error::custom("not a calendar date"))
                }
                _ => Err(de::Error::custom("a date and time where a date alone is wanted")),
            }
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_any(DateVisitor)
    }

    /// For `Option<NaiveDate>` fields (absent is `None`, as is `null` in JSON).
    pub mod option {
        use super::*;

        struct OptionVisitor;

        impl<'de> Visitor<'de> for OptionVisitor {
            type Value = Option<NaiveDate>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                super::deserialize(d).map(Some)
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            d.deserialize_option(OptionVisitor)
        }
    }
}

/// A calendar date written exactly YYYY-MM-DD, as declarations and evidence write them.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    date::parse_ymd(s)
}

/// The version of the declaration format this build reads and writes.
pub const SCHEMA_VERSION: &str = "1.0";

/// A machine-readable security and privacy declaration for one consumer IoT device model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    /// Version of the declaration format; this build reads "1.0".
    pub schema_version: String,
    pub identity: Identity,
    pub authentication: Authentication,
    pub updates: Updates,
    pub vulnerability_disclosure: VulnerabilityDisclosure,
    pub communication: Communication,
    pub data: DataPractices,
    /// Every sensor the device has. Required: a device with none says so with an empty list
    /// (`sensors = []`), so that leaving it out is never read as "no sensors".
    pub sensors: Vec<Sensor>,
    #[serde(default)]
    pub hardware: Hardware,
    #[serde(default)]
    pub software: Software,
    #[serde(default)]
    pub network: NetworkIntent,
    #[serde(default)]
    pub documentation: Documentation,
    #[serde(default)]
    pub attestations: Attestations,
    /// Where the product is sold and which regimes already govern it: what decides whether a
    /// framework applies at all (its scope).
    #[serde(default, skip_serializing_if = "Market::is_empty")]
    pub market: Market,
    /// What the buyer owns once the product is paid for: repair, resale to a new owner, what
    /// still works when the maker's online service ends, and whether features can be disabled
    /// remotely (The Digital Standard's ownership section). Every fact is optional: one left
    /// out is undeclared, and what depends on it comes out `unknown`.
    #[serde(default, skip_serializing_if = "Ownership::is_empty")]
    pub ownership: Ownership,
    /// Radio and physical interfaces other than the IP services of
    /// `communication.local_services`: Bluetooth LE, Zigbee, Thread, Z-Wave, NFC, a setup
    /// hotspot, WPS, USB. Left out, the declaration does not say (interface provisions are then
    /// judged on the IP services alone); an empty list says there are none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interfaces: Option<Vec<Interface>>,
    /// The manufacturer's phone app, when the device is used with one (an associated service in
    /// ETSI EN 303 645 terms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub companion_app: Option<CompanionApp>,
}

/// How a peer proves itself before it can use an interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InterfaceAuth {
    /// Anyone in range can use it (Bluetooth "just works", an open hotspot).
    None,
    /// A button press or a touch on the device itself (physical presence).
    PhysicalPresence,
    /// A short numeric code (PIN, Bluetooth passkey, Matter setup code).
    Pin,
    /// A password or passphrase (e.g. a WPA2 key of a setup hotspot).
    Password,
    /// Both sides show a number the user confirms (Bluetooth numeric comparison).
    NumericComparison,
    /// A key exchanged out of band (QR code, NFC).
    OutOfBand,
    /// Certificates or device attestation (e.g. Matter CASE).
    Certificate,
    /// A key installed in every unit of the network (e.g. a Zigbee network key).
    SharedKey,
}

impl InterfaceAuth {
    /// A secret a person can type, so repeated guessing must be stopped.
    pub fn guessable(self) -> bool {
        matches!(self, InterfaceAuth::Pin | InterfaceAuth::Password)
    }
}

/// Where a PIN, passkey, password or setup code of an interface comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InterfaceCode {
    /// Each unit has its own (printed on a label, shown in the box).
    UniquePerDevice,
    /// Every unit shares the same code (e.g. 0000 or 123456).
    Universal,
    /// The user chooses it.
    UserSet,
    /// A new code for each pairing (shown on a screen or in the app).
    PerSession,
}

/// A radio or physical interface of the device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Interface {
    /// An interface kind id from the taxonomy's `interface_kinds` (e.g. "ble", "zigbee",
    /// "setup-hotspot", "usb").
    pub kind: String,
    /// What it is for, in a few words ("pairing with the phone app").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// The interface is open only during setup or a pairing window, then closes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub setup_only: bool,
    pub authentication: InterfaceAuth,
    /// How its traffic is protected: a protection id from the taxonomy's `link_protections`
    /// (e.g. "ble-secure-connections", "matter-case", "tls", "none").
    pub protection: String,
    /// For a PIN or password: how repeated guessing over this interface is stopped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brute_force_protection: Option<BruteForceProtection>,
    /// For a PIN or password: where it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<InterfaceCode>,
}

/// The manufacturer's phone app.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompanionApp {
    /// Data type ids (taxonomy) that flow from the device to the app.
    #[serde(default)]
    pub receives: Vec<String>,
    /// Traffic between the app and the device or the maker's services is encrypted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted: Option<bool>,
    /// The app asks the user to log in or pair before it controls the device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticated: Option<bool>,
}

/// What a framework's scope reads: where the product is made available, and the regimes that
/// already govern it (a medical device under the EU MDR is outside the EU CRA). Left out, every
/// framework is assessed as if the product were sold in its market and governed by no other
/// regime.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Market {
    /// Where the product is made available: ISO 3166-1 alpha-2 codes (`GB`, `FR`, `US`, `SG`),
    /// or `EU` for the whole European Union.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// Regimes the product already falls under, by id from the taxonomy's `regimes` (e.g.
    /// `eu-mdr` for Regulation (EU) 2017/745 on medical devices).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regimes: Vec<String>,
    /// Whether the product is intended primarily for consumer use (`false`: primarily for
    /// enterprise, industrial, healthcare or other professional use, which some labelling
    /// programmes leave out). Left out, the product is not taken for a professional one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumer_use: Option<bool>,
}

impl Market {
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty() && self.regimes.is_empty() && self.consumer_use.is_none()
    }
}

/// Who makes the device and which device this is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    pub manufacturer: Manufacturer,
    pub brand: String,
    pub model: String,
    pub hardware_version: String,
    pub firmware_version: String,
    /// GS1 Global Trade Item Number (8, 12, 13 or 14 digits, with a valid check digit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gtin: Option<String>,
    /// A device type id from the taxonomy (e.g. "security-camera").
    pub device_type: String,
    /// The date the model was first placed on the market.
    #[serde(deserialize_with = "date::deserialize")]
    #[schemars(with = "NaiveDate")]
    pub release_date: NaiveDate,
    /// Whether the model designation is marked on the device or shown by its interface.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_marked_on_device: Option<bool>,
    /// Intended purpose and use environment, in a sentence or two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intended_use: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Manufacturer {
    pub name: String,
    /// ISO 3166-1 alpha-2 country code (e.g. "CA", "FR").
    pub country: String,
    pub website: String,
    /// Postal address (needed for the UK PSTI statement and the EU CRA user information).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
}

/// How a default password or other credential is set when the device leaves the factory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DefaultPasswordPolicy {
    /// The device uses no passwords at all (e.g. pairing by a physical button, certificates).
    None,
    /// Each unit ships with its own password (e.g. printed on a sticker).
    UniquePerDevice,
    /// The user must choose a password during setup; no factory password works.
    UserSetAtSetup,
    /// Every unit shares the same factory password (e.g. admin/admin).
    Universal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LoginMethod {
    Password,
    Pin,
    PairingButton,
    AppPairing,
    Certificate,
    Biometric,
    CloudAccount,
    /// Anyone who can reach the interface gets in.
    NoAuthentication,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MfaSupport {
    /// There is no cloud account.
    NoCloudAccount,
    Required,
    Optional,
    Unavailable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BruteForceProtection {
    RateLimit,
    Lockout,
    IncreasingDelay,
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Authentication {
    pub default_password: DefaultPasswordPolicy,
    /// Unique factory passwords are random, not derived from serial numbers, MAC addresses or
    /// other guessable patterns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique_passwords_random: Option<bool>,
    /// Ways to log in on the local network or on the device itself.
    #[serde(default)]
    pub local_login: Vec<LoginMethod>,
    /// Ways to log in from outside the home (cloud, app, remote web).
    #[serde(default)]
    pub remote_login: Vec<LoginMethod>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_mfa: Option<MfaSupport>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brute_force_protection: Option<BruteForceProtection>,
    /// Authentication uses current best-practice cryptography.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_practice_crypto: Option<bool>,
    /// The user can change passwords and other authentication values simply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_can_change_credentials: Option<bool>,
    /// Credentials the device uses to talk to other machines are unique per device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine_credentials_unique: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UpdateMechanism {
    /// The software cannot be updated at all.
    None,
    /// The user must find and install updates.
    Manual,
    /// Updates install automatically; the user can turn that on.
    AutomaticOptIn,
    /// Updates install automatically out of the box.
    AutomaticByDefault,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotificationChannel {
    App,
    Email,
    DeviceScreen,
    Website,
    None,
}

/// Longest expected use time a declaration can give (`updates.expected_use_months`): 50 years.
pub const MAX_EXPECTED_USE_MONTHS: u32 = 600;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Updates {
    pub mechanism: UpdateMechanism,
    /// Security updates are provided until this date (the defined support period).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "date::option::deserialize"
    )]
    #[schemars(with = "Option<NaiveDate>")]
    pub support_end: Option<NaiveDate>,
    /// How long, in months, the product is expected to be in use. The EU Cyber Resilience Act
    /// (Art. 13(8)) allows a support period shorter than five years only when the expected use
    /// time is shorter; then support must cover it. Leave it out when the product is expected to
    /// be used for five years or more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = MAX_EXPECTED_USE_MONTHS))]
    pub expected_use_months: Option<u32>,
    /// Where the support period is published for buyers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_period_url: Option<String>,
    /// Update packages are cryptographically signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<bool>,
    /// The device itself checks the signature before installing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_on_device: Option<bool>,
    /// Updates travel over an authenticated, encrypted channel from a trusted source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secure_delivery: Option<bool>,
    /// Longest time, in days, to ship a fix for a critical vulnerability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_to_fix_days: Option<u32>,
    /// How users are told about updates.
    #[serde(default)]
    pub notification: Vec<NotificationChannel>,
    /// The device checks for updates after setup and periodically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periodic_check: Option<bool>,
    /// The user can turn automatic updates on or off and postpone them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_can_defer: Option<bool>,
    /// Users are told when an update will interrupt the device's basic function.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warns_of_disruption: Option<bool>,
    /// Every software component that is not immutable can be updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_components_updatable: Option<bool>,
    /// Security updates are free of charge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_of_charge: Option<bool>,
    /// Security fixes can be shipped separately from feature updates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_separate_from_features: Option<bool>,
    /// For devices that cannot be updated: why, and how the hardware is replaced or isolated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_updatable_rationale: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VulnerabilityDisclosure {
    /// Public vulnerability disclosure policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy_url: Option<String>,
    /// Where to report a vulnerability: a security.txt URL, a web form or a mailto: address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// Days within which a reporter gets an acknowledgement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledgement_days: Option<u32>,
    /// Days between status updates to the reporter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_update_days: Option<u32>,
    /// The manufacturer monitors, identifies and fixes vulnerabilities during the support period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitors_vulnerabilities: Option<bool>,
    /// Fixed vulnerabilities are disclosed publicly in advisories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publishes_advisories: Option<bool>,
    /// Known exploitable vulnerabilities at release: the count the manufacturer declares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_exploitable_at_release: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
pub enum TlsVersion {
    #[serde(rename = "1.0")]
    V1_0,
    #[serde(rename = "1.1")]
    V1_1,
    #[serde(rename = "1.2")]
    V1_2,
    #[serde(rename = "1.3")]
    V1_3,
}

impl TlsVersion {
    /// The version named as declarations write it ("1.2"), `None` for anything else.
    pub fn parse(s: &str) -> Option<TlsVersion> {
        [TlsVersion::V1_0, TlsVersion::V1_1, TlsVersion::V1_2, TlsVersion::V1_3]
            .into_iter()
            .find(|v| v.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TlsVersion::V1_0 => "1.0",
            TlsVersion::V1_1 => "1.1",
            TlsVersion::V1_2 => "1.2",
            TlsVersion::V1_3 => "1.3",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    All,
    Partial,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OfflineFunction {
    /// The core function works with no internet and no cloud.
    Full,
    /// The core function works locally; some features need the internet or the cloud.
    Partial,
    /// Nothing works without the cloud.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    Tcp,
    Udp,
}

/// A network service the device exposes on the local network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocalService {
    /// Service name, e.g. "http", "rtsp", "telnet", "ssh", "mqtt".
    pub name: String,
    pub port: u16,
    pub transport: Transport,
    /// The service requires authentication before giving access.
    pub authenticated: bool,
    /// The service encrypts its traffic.
    pub encrypted: bool,
    /// The service is on out of the box.
    #[serde(default = "yes")]
    pub enabled_by_default: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Communication {
    pub encryption_in_transit: Coverage,
    /// Lowest TLS version the device or its services accept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_tls_version: Option<TlsVersion>,
    /// Services listening on the local network; an empty list says there are none.
    #[serde(default)]
    pub local_services: Vec<LocalService>,
    /// The device can be controlled from outside the home.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_access: Option<bool>,
    /// Whether the core function works with no internet and no cloud.
    pub offline_function: OfflineFunction,
    /// Device functions reachable over the network require authentication first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_functions_authenticated: Option<bool>,
    /// Changes to security settings over the network require authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_changes_authenticated: Option<bool>,
    /// Keys, passwords and other critical security parameters are encrypted in transit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets_encrypted_in_transit: Option<bool>,
    /// Network and security functions use reviewed or evaluated implementations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_implementations: Option<bool>,
    /// Cryptographic algorithms can be replaced by an update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crypto_agile: Option<bool>,
    /// The device resists network floods and limits harm it could do to other networks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dos_resilient: Option<bool>,
    /// The device reconnects in an orderly way after network or power outages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orderly_reconnection: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StorageLocation {
    Device,
    Cloud,
    DeviceAndCloud,
}

/// One kind of data the product collects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataItem {
    /// A data type id from the taxonomy (e.g. "video").
    #[serde(rename = "type")]
    pub kind: String,
    pub purpose: String,
    pub stored: StorageLocation,
    /// Where cloud copies are kept (e.g. "EU", "US", "CA").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Third parties that receive this data; empty when nobody does.
    #[serde(default)]
    pub shared_with: Vec<String>,
    /// Whether this data is sold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sold: Option<bool>,
    /// How long it is kept, in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Telemetry {
    /// The product sends usage or diagnostic telemetry.
    pub collected: bool,
    /// Users are told what telemetry is collected, why and by whom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub described_to_user: Option<bool>,
    /// Personal data in telemetry is kept to the minimum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_data_minimised: Option<bool>,
    /// Telemetry is examined for signs of security problems.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub examined_for_anomalies: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataPractices {
    /// Every kind of data collected. Required: a device that collects none says so with an
    /// empty list (`collected = []`), so that leaving it out is never read as "collects nothing".
    pub collected: Vec<DataItem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypted_at_rest: Option<bool>,
    /// Personal data is encrypted between the device and the manufacturer's services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_data_encrypted_in_transit: Option<bool>,
    /// The user can have their data deleted from the manufacturer's services on request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_on_request: Option<bool>,
    /// A factory reset erases user data from the device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_on_factory_reset: Option<bool>,
    /// Users get clear instructions on how to delete their data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_instructions: Option<bool>,
    /// Users get a clear confirmation once data is deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_confirmed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_policy_url: Option<String>,
    /// Processing relies on the user's consent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_based: Option<bool>,
    /// Consent can be withdrawn at any time, and consent records are kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_withdrawable: Option<bool>,
    /// Data is deleted once no longer needed (data minimisation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimised: Option<bool>,
    /// Personal data is anonymised or aggregated where that suffices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymised: Option<bool>,
    /// The user can export their data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telemetry: Option<Telemetry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SensorActivity {
    Always,
    WhenTriggered,
    OnDemand,
    Scheduled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OffSwitch {
    PhysicalSwitch,
    Cover,
    Software,
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sensor {
    /// A sensor type id from the taxonomy (e.g. "microphone").
    #[serde(rename = "type")]
    pub kind: String,
    pub active: SensorActivity,
    /// A light or sign shows when the sensor is on.
    pub indicator: bool,
    pub off_switch: OffSwitch,
    /// The sensor is described in the user documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documented: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DebugInterfaces {
    /// No debug interface (UART, JTAG, SWD, debug shell) is present.
    Absent,
    /// Present but disabled or protected by access control.
    Locked,
    /// Present and open.
    Open,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hardware {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secure_boot: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debug_interfaces: Option<DebugInterfaces>,
    /// Physical debug ports have extra physical protection (e.g. no pads, epoxy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debug_ports_physically_protected: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secure_element: Option<bool>,
    /// Keys and credentials are kept in protected storage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrets_stored_securely: Option<bool>,
    /// The per-device identity resists tampering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tamper_resistant_identity: Option<bool>,
    /// Hardware enforces memory access control.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_protection: Option<bool>,
    /// Physical interfaces not needed in use are not exposed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unneeded_physical_interfaces_removed: Option<bool>,
    /// Each debug port, when they differ (an open UART beside a locked JTAG): more precise than
    /// `debug_interfaces`, which then sums them up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub debug_ports: Vec<DebugPort>,
    /// Each stage of the boot chain and what verifies it: more precise than `secure_boot`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub boot_stages: Vec<BootStage>,
    /// Where each secret is kept, when secrets are kept differently: more precise than
    /// `secrets_stored_securely`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<Secret>,
}

/// One debug port.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DebugPort {
    /// What it is: "uart", "jtag", "swd", "adb", "debug-shell", ...
    pub kind: String,
    /// `locked` (disabled or behind access control) or `open`.
    pub state: DebugPortState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DebugPortState {
    Locked,
    Open,
}

/// What verifies a boot stage before it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BootVerification {
    /// A key anchored in hardware (ROM, fuses, a secure element): a hardware root of trust.
    HardwareRootOfTrust,
    /// The previous stage checks a signature (a chain that holds only if its first link is
    /// anchored in hardware).
    PreviousStage,
    /// The application checks itself or its updates, with nothing below it verified.
    ApplicationOnly,
    /// Nothing is verified.
    None,
}

/// One stage of the boot chain, first stage first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BootStage {
    /// "bootloader", "kernel", "application", ...
    pub stage: String,
    pub verified_by: BootVerification,
}

/// One secret and where it is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Secret {
    /// What it is: "wifi-password", "cloud-client-key", "pairing-key", ...
    pub name: String,
    /// A storage id from the taxonomy's `secret_storages` (e.g. "secure-element",
    /// "plain-flash").
    pub storage: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SbomFormat {
    CycloneDx,
    Spdx,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sbom {
    pub format: SbomFormat,
    /// Where the SBOM can be obtained; absent when it is kept for authorities only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Software {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sbom: Option<Sbom>,
    /// No passwords or keys are hard-coded in the software.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_hardcoded_secrets: Option<bool>,
    /// Keys used for updates and services are unique per device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_device_service_keys: Option<bool>,
    /// Keys and credentials have a managed lifecycle (generation, rotation, revocation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_lifecycle_managed: Option<bool>,
    /// Follows a secure development process.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secure_development: Option<bool>,
    /// Only the services needed for the intended use are enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimal_services: Option<bool>,
    /// Code is limited to what the device's function needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimal_code: Option<bool>,
    /// Software runs with the least privilege it needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub least_privilege: Option<bool>,
    /// Input from user interfaces and network interfaces is validated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_validation: Option<bool>,
    /// Exploit mitigations (ASLR, stack protection, W^X) are on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exploit_mitigations: Option<bool>,
    /// The device alerts the user and limits its network access if its software is changed
    /// without authorisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tamper_response: Option<bool>,
    /// Security-relevant events are logged, with a user opt-out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_logging: Option<bool>,
    /// Regular security testing and review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_testing: Option<bool>,
    /// Ships with a secure configuration and can be reset to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secure_by_default: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    Https,
    Mqtts,
    Mqtt,
    Http,
    Coaps,
    Coap,
    Ntp,
    Dns,
    Tls,
    Rtsp,
    Other,
}

impl Protocol {
    /// The name used in declarations.
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Https => "https",
            Protocol::Mqtts => "mqtts",
            Protocol::Mqtt => "mqtt",
            Protocol::Http => "http",
            Protocol::Coaps => "coaps",
            Protocol::Coap => "coap",
            Protocol::Ntp => "ntp",
            Protocol::Dns => "dns",
            Protocol::Tls => "tls",
            Protocol::Rtsp => "rtsp",
            Protocol::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    pub domain: String,
    pub port: u16,
    pub protocol: Protocol,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LocalPeer {
    /// What the device talks to on the local network, e.g. "same-manufacturer", "controller",
    /// "local-networks", "my-controller".
    pub class: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Protocol>,
}

/// What the device is meant to talk to: the basis for a MUD profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkIntent {
    #[serde(default)]
    pub cloud_endpoints: Vec<Endpoint>,
    #[serde(default)]
    pub local_peers: Vec<LocalPeer>,
    /// Controller URIs the device accepts commands from.
    #[serde(default)]
    pub controllers: Vec<String>,
    /// The device's Manufacturer Usage Description (RFC 8520) URL (https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mud_url: Option<String>,
}

/// What the user documentation tells the buyer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Documentation {
    /// Guidance on setting the device up securely.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secure_setup_guide: Option<bool>,
    /// Guidance on checking the device is set up securely.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setup_check_guide: Option<bool>,
    /// Setup needs few decisions and security is on by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimal_setup_decisions: Option<bool>,
    /// Every recommendation not implemented has a recorded justification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justifications_recorded: Option<bool>,
    /// The user gets an explanation when a security update is needed and what it fixes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_guidance: Option<bool>,
    /// URL of the EU declaration of conformity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eu_declaration_url: Option<String>,
    /// Foreseeable circumstances of significant cyber risk are documented for the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risks_documented: Option<bool>,
    /// Secure decommissioning is explained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decommissioning_guide: Option<bool>,
    /// A risk assessment was done and is kept in the technical documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_assessment: Option<bool>,
    /// A UK PSTI statement of compliance accompanies the product (`iotlabel documents --scheme
    /// uk-psti` writes one from this declaration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uk_statement_of_compliance: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind", deny_unknown_fields)]
pub enum Voucher {
    SelfDeclared,
    Lab { name: String },
}

/// Who vouches for a part of the declaration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// A declaration field path or section, e.g. "authentication" or "updates.signed".
    pub field: String,
    pub by: Voucher,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "date::option::deserialize"
    )]
    #[schemars(with = "Option<NaiveDate>")]
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    /// Scheme, e.g. "sg-cls", "us-cyber-trust-mark", "bsi-it-sik".
    pub scheme: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    pub id: String,
    #[serde(deserialize_with = "date::deserialize")]
    #[schemars(with = "NaiveDate")]
    pub issued: NaiveDate,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "date::option::deserialize"
    )]
    #[schemars(with = "Option<NaiveDate>")]
    pub expires: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attestations {
    #[serde(default)]
    pub claims: Vec<Claim>,
    #[serde(default)]
    pub certifications: Vec<Certification>,
}

/// What the buyer owns: repair, resale, the end of the maker's service, remote disabling.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ownership {
    /// Repairing the device: parts, information, battery, warranty.
    #[serde(default, skip_serializing_if = "Repair::is_empty")]
    pub repair: Repair,
    /// Passing the device on to a new owner (resale, gift).
    #[serde(default, skip_serializing_if = "Transfer::is_empty")]
    pub transfer: Transfer,
    /// What happens when the maker's online service ends for good.
    #[serde(default, skip_serializing_if = "EndOfService::is_empty")]
    pub end_of_service: EndOfService,
    /// The maker commits not to disable, remove or put behind a new payment, remotely, a
    /// feature that was part of the purchase (`false`: it keeps the right to do so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_remote_disabling: Option<bool>,
}

impl Ownership {
    pub fn is_empty(&self) -> bool {
        self.repair.is_empty()
            && self.transfer.is_empty()
            && self.end_of_service.is_empty()
            && self.no_remote_disabling.is_none()
    }
}

/// Who can repair the device, with what.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Repair {
    /// Spare parts are sold to owners and to independent repairers, not only to the maker's
    /// own or authorised repair network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spare_parts: Option<bool>,
    /// Repair information (manuals, diagnostic tools, schematics where needed) is available to
    /// owners and to independent repairers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repair_information: Option<bool>,
    /// The last day (YYYY-MM-DD) until which the maker promises spare parts and repair
    /// information.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "date::option::deserialize"
    )]
    #[schemars(with = "Option<NaiveDate>")]
    pub available_until: Option<NaiveDate>,
    /// Whether the device has a battery and who can replace it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub battery: Option<Battery>,
    /// Repair by the owner or by an independent repairer does not void the warranty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub independent_repair_keeps_warranty: Option<bool>,
}

impl Repair {
    pub fn is_empty(&self) -> bool {
        *self == Repair::default()
    }
}

/// The device's battery, if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Battery {
    /// The device has no battery (mains or replaceable primary cells only).
    None,
    /// The owner can replace the battery with commonly available tools.
    UserReplaceable,
    /// Only a repairer can replace the battery (special tools, glued or soldered).
    ServiceReplaceable,
    /// The battery cannot be replaced.
    NotReplaceable,
}

/// Passing the device on to a new owner.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    /// The owner can reset the device and the new owner can add it to their own account with
    /// full function, without the maker's permission or involvement (no proof of purchase, no
    /// unlock request).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub without_maker_permission: Option<bool>,
    /// Moving the device to a new owner costs nothing (no transfer or reactivation fee).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_of_charge: Option<bool>,
}

impl Transfer {
    pub fn is_empty(&self) -> bool {
        *self == Transfer::default()
    }
}

/// What still works when the maker's online service shuts down for good.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EndOfService {
    /// How much of the device keeps working once the maker's service is gone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<ServiceEndFunction>,
    /// A documented local interface (API on the local network) lets the owner, or software of
    /// their choice, control the device without the maker's service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_api: Option<bool>,
    /// How many months' notice the maker promises before its service shuts down (0: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = MAX_EXPECTED_USE_MONTHS))]
    pub notice_months: Option<u32>,
}

impl EndOfService {
    pub fn is_empty(&self) -> bool {
        *self == EndOfService::default()
    }
}

/// How much keeps working after the maker's service ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ServiceEndFunction {
    /// Every feature keeps working (it never needed the maker's service, or moves to a local
    /// or documented replacement).
    Full,
    /// The core function keeps working; features that need the service stop.
    Partial,
    /// The device stops working (it is "bricked").
    None,
}

//! The one taxonomy of device types, sensor types and data types (data in `taxonomy/taxonomy.toml`).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// How much harm exposure of a thing can do to a person, lowest first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Sensitivity {
    Low,
    Moderate,
    High,
    Special,
}

impl Sensitivity {
    pub fn as_str(self) -> &'static str {
        match self {
            Sensitivity::Low => "low",
            Sensitivity::Moderate => "moderate",
            Sensitivity::High => "high",
            Sensitivity::Special => "special",
        }
    }
}

/// How French words agree with a term: its gender and number ("la caméra ne peut pas être
/// éteinte", "des enregistrements partagés").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Agreement {
    /// Masculine singular.
    Ms,
    /// Feminine singular.
    Fs,
    /// Masculine plural.
    Mp,
    /// Feminine plural.
    Fp,
}

impl Agreement {
    /// The selector the French messages take (`$agreement`).
    pub fn code(self) -> &'static str {
        match self {
            Agreement::Ms => "ms",
            Agreement::Fs => "fs",
            Agreement::Mp => "mp",
            Agreement::Fp => "fp",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    pub en: String,
    pub fr: String,
    pub sensitivity: Sensitivity,
    /// Sensor types only: the sensor can record the people around the device (their voice or
    /// image), so users expect to see when it is on and to be able to switch it off.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub records_people: bool,
    /// Device types only: sensor type ids a device of this type usually has (a security camera
    /// films and listens). A declaration of the type that declares none of them is warned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub typical_sensors: Vec<String>,
    /// Sensor and data types: the gender and number of the French name, which the words about it
    /// agree with (every sensor and data type has one: tested).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr_agreement: Option<Agreement>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    pub schema_version: String,
    pub device_types: Vec<Term>,
    pub sensor_types: Vec<Term>,
    pub data_types: Vec<Term>,
    /// Legal regimes a product can already fall under (declared in `market.regimes`; framework
    /// scopes exclude products by them).
    #[serde(default)]
    pub regimes: Vec<Regime>,
    /// Kinds of radio and physical interface (declared in `interfaces`).
    #[serde(default)]
    pub interface_kinds: Vec<InterfaceKind>,
    /// Ways a link's traffic is protected (an interface's `protection`), each judged adequate or
    /// not: the policy is this data.
    #[serde(default)]
    pub link_protections: Vec<LinkProtection>,
    /// Places a secret can be kept (`hardware.secrets`), each protected or not.
    #[serde(default)]
    pub secret_storages: Vec<SecretStorage>,
}

/// A kind of radio or physical interface.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterfaceKind {
    pub id: String,
    pub en: String,
    pub fr: String,
    /// It emits radio waves (the US Cyber Trust Mark covers only devices that do).
    pub radio: bool,
    /// It carries the device's IP traffic (Wi-Fi, Ethernet, Thread, cellular): that traffic's
    /// encryption is judged on the services and endpoints, not on the link.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub carries_ip: bool,
    /// Used to hand the device its network credentials (a setup hotspot, WPS): what travels over
    /// it is a secret.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub provisioning: bool,
}

/// A way a link's traffic is protected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkProtection {
    pub id: String,
    pub en: String,
    pub fr: String,
    /// Current good practice (encrypted and authenticated with keys an eavesdropper cannot
    /// recover); `false` for none and for broken schemes.
    pub adequate: bool,
    /// Why, for schemes that are not adequate.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A place a secret can be kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretStorage {
    pub id: String,
    pub en: String,
    pub fr: String,
    /// Reading the secret needs more than a copy of the flash memory.
    pub protected: bool,
}

/// A legal regime a product can fall under, e.g. the EU Medical Device Regulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regime {
    pub id: String,
    pub en: String,
    pub fr: String,
    /// The instrument, e.g. "Regulation (EU) 2017/745".
    pub reference: String,
}

/// Which list of the taxonomy a term belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    Device,
    Sensor,
    Data,
}

impl TermKind {
    pub fn noun(self) -> &'static str {
        match self {
            TermKind::Device => "device type",
            TermKind::Sensor => "sensor type",
            TermKind::Data => "data type",
        }
    }
}

const TAXONOMY_TOML: &str = include_str!("../../../taxonomy/taxonomy.toml");

impl Taxonomy {
    /// The taxonomy shipped with this build.
    pub fn builtin() -> &'static Taxonomy {
        static CELL: OnceLock<Taxonomy> = OnceLock::new();
        CELL.get_or_init(|| {
            // The file is part of the build and is checked by a unit test, so a failure here is a
            // packaging bug, not bad user input.
            toml::from_str(TAXONOMY_TOML).expect("built-in taxonomy/taxonomy.toml is valid")
        })
    }

    pub fn terms(&self, kind: TermKind) -> &[Term] {
        match kind {
            TermKind::Device => &self.device_types,
            TermKind::Sensor => &self.sensor_types,
            TermKind::Data => &self.data_types,
        }
    }

    pub fn get(&self, kind: TermKind, id: &str) -> Option<&Term> {
        self.terms(kind).iter().find(|t| t.id == id)
    }

    /// The sensors a device of `device_type` usually has (`typical_sensors`), when the
    /// declaration lists none of them: what `validate::warnings` asks the maker to declare or
    /// explain, and what the label shows as "declared absent by the maker". Empty otherwise.
    pub fn typical_sensors_declared_absent(
        &self,
        device_type: &str,
        declared: &[crate::Sensor],
    ) -> &[String] {
        match self.get(TermKind::Device, device_type) {
            Some(t) if !declared.iter().any(|s| t.typical_sensors.contains(&s.kind)) => &t.typical_sensors,
            _ => &[],
        }
    }

    pub fn regime(&self, id: &str) -> Option<&Regime> {
        self.regimes.iter().find(|r| r.id == id)
    }

    pub fn interface_kind(&self, id: &str) -> Option<&InterfaceKind> {
        self.interface_kinds.iter().find(|r| r.id == id)
    }

    pub fn link_protection(&self, id: &str) -> Option<&LinkProtection> {
        self.link_protections.iter().find(|r| r.id == id)
    }

    pub fn secret_storage(&self, id: &str) -> Option<&SecretStorage> {
        self.secret_storages.iter().find(|r| r.id == id)
    }

    pub fn ids(&self, kind: TermKind) -> impl Iterator<Item = &str> {
        self.terms(kind).iter().map(|t| t.id.as_str())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_sensor_and_data_type_says_how_french_agrees_with_it() {
        let t = Taxonomy::builtin();
        for term in t.sensor_types.iter().chain(&t.data_types) {
            assert!(term.fr_agreement.is_some(), "{}: no fr_agreement", term.id);
        }
        // A few checked by hand: la caméra, des enregistrements, la vidéo et les images.
        let get = |k, id| t.get(k, id).and_then(|x: &Term| x.fr_agreement);
        assert_eq!(get(TermKind::Sensor, "camera"), Some(Agreement::Fs));
        assert_eq!(get(TermKind::Sensor, "microphone"), Some(Agreement::Ms));
        assert_eq!(get(TermKind::Data, "audio"), Some(Agreement::Mp));
        assert_eq!(get(TermKind::Data, "video"), Some(Agreement::Fp));
        assert_eq!(get(TermKind::Data, "location"), Some(Agreement::Fs));
    }

    use super::*;

    #[test]
    fn builtin_taxonomy_is_complete_and_unique() {
        let t = Taxonomy::builtin();
        for kind in [TermKind::Device, TermKind::Sensor, TermKind::Data] {
            let mut ids: Vec<_> = t.ids(kind).collect();
            let n = ids.len();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), n, "duplicate {} ids", kind.noun());
            for term in t.terms(kind) {
                assert!(!term.en.is_empty() && !term.fr.is_empty(), "{} lacks a name", term.id);
            }
        }
        // Typical sensors are sensor types of the taxonomy, and only device types have them.
        for term in t.terms(TermKind::Device) {
            for id in &term.typical_sensors {
                assert!(t.get(TermKind::Sensor, id).is_some(), "{}: unknown typical sensor {id}", term.id);
            }
        }
        for term in t.terms(TermKind::Sensor).iter().chain(t.terms(TermKind::Data)) {
            assert!(term.typical_sensors.is_empty(), "{}: typical_sensors on a non-device term", term.id);
        }
        for (device, sensors) in [
            ("security-camera", &["camera", "microphone"][..]),
            ("doorbell", &["camera", "microphone"]),
            ("baby-monitor", &["camera", "microphone"]),
            ("smart-speaker", &["microphone"]),
        ] {
            assert_eq!(t.get(TermKind::Device, device).unwrap().typical_sensors, sensors, "{device}");
        }
        // The issue names these; they must stay.
        for id in [
            "security-camera",
            "doorbell",
            "baby-monitor",
            "smart-speaker",
            "tv",
            "thermostat",
            "smart-plug",
            "lock",
            "light",
            "appliance",
            "wearable",
            "medical-device",
            "hub-router",
        ] {
            assert!(t.get(TermKind::Device, id).is_some(), "device type {id} missing");
        }
        for id in [
            "microphone",
            "camera",
            "accelerometer",
            "thermometer",
            "location",
            "motion",
            "humidity",
            "light",
            "biometric",
            "heart-rate",
        ] {
            assert!(t.get(TermKind::Sensor, id).is_some(), "sensor type {id} missing");
        }
        for id in [
            "personal-identifiers",
            "audio",
            "video",
            "location",
            "health",
            "environmental",
            "usage",
            "biometric",
            "children",
        ] {
            assert!(t.get(TermKind::Data, id).is_some(), "data type {id} missing");
        }
    }
}

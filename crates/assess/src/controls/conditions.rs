//! Applicability conditions: facts of a declaration that decide whether a requirement (or a
//! claim control) applies at all.

use super::*;

/// An applicability condition, resolved from its id once when the engine is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    UsesPasswords,
    UniqueFactoryPasswords,
    HasUpdateMechanism,
    AutomaticUpdates,
    NotUpdatable,
    HasCloudAccount,
    HasCloudService,
    HasNetworkServices,
    HasSensors,
    HasDebugInterface,
    ProcessesPersonalData,
    ConsentBased,
    HasTelemetry,
    HasRemoteAccess,
    UpdateMechanismExpected,
    CollectsData,
    StoresDataOffDevice,
}

impl Condition {
    /// How many conditions there are (they index per-declaration caches).
    pub const COUNT: usize = 17;

    pub fn from_id(id: &str) -> Option<Condition> {
        Some(match id {
            "uses-passwords" => Condition::UsesPasswords,
            "unique-factory-passwords" => Condition::UniqueFactoryPasswords,
            "has-update-mechanism" => Condition::HasUpdateMechanism,
            "automatic-updates" => Condition::AutomaticUpdates,
            "not-updatable" => Condition::NotUpdatable,
            "has-cloud-account" => Condition::HasCloudAccount,
            "has-cloud-service" => Condition::HasCloudService,
            "has-network-services" => Condition::HasNetworkServices,
            "has-sensors" => Condition::HasSensors,
            "has-debug-interface" => Condition::HasDebugInterface,
            "processes-personal-data" => Condition::ProcessesPersonalData,
            "consent-based" => Condition::ConsentBased,
            "has-telemetry" => Condition::HasTelemetry,
            "has-remote-access" => Condition::HasRemoteAccess,
            "update-mechanism-expected" => Condition::UpdateMechanismExpected,
            "collects-data" => Condition::CollectsData,
            "stores-data-off-device" => Condition::StoresDataOffDevice,
            _ => return None,
        })
    }

    /// The declaration fields the condition is decided on: the control set's `reads` for it,
    /// as `'static` strings for outcomes (a test keeps the two equal).
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Condition::UsesPasswords => &[
                "authentication.default_password",
                "authentication.local_login",
                "authentication.remote_login",
                "communication.local_services",
                "interfaces",
            ],
            Condition::UniqueFactoryPasswords => &["authentication.default_password"],
            Condition::HasUpdateMechanism | Condition::AutomaticUpdates | Condition::NotUpdatable => {
                &["updates.mechanism"]
            }
            Condition::UpdateMechanismExpected => &["updates.mechanism", "updates.not_updatable_rationale"],
            Condition::HasCloudAccount => &["authentication.cloud_mfa", "authentication.remote_login"],
            Condition::HasCloudService => {
                &["network.cloud_endpoints", "data.collected", "authentication.remote_login"]
            }
            Condition::HasNetworkServices => &["communication.local_services", "interfaces"],
            Condition::HasSensors => &["sensors"],
            Condition::HasDebugInterface => &["hardware.debug_interfaces", "hardware.debug_ports"],
            Condition::ProcessesPersonalData | Condition::CollectsData | Condition::StoresDataOffDevice => {
                &["data.collected"]
            }
            Condition::ConsentBased => &["data.consent_based", "data.collected"],
            Condition::HasTelemetry => &["data.telemetry"],
            Condition::HasRemoteAccess => &["communication.remote_access"],
        }
    }

    /// Every condition, in index order.
    pub const ALL: [Condition; Condition::COUNT] = [
        Condition::UsesPasswords,
        Condition::UniqueFactoryPasswords,
        Condition::HasUpdateMechanism,
        Condition::AutomaticUpdates,
        Condition::NotUpdatable,
        Condition::HasCloudAccount,
        Condition::HasCloudService,
        Condition::HasNetworkServices,
        Condition::HasSensors,
        Condition::HasDebugInterface,
        Condition::ProcessesPersonalData,
        Condition::ConsentBased,
        Condition::HasTelemetry,
        Condition::HasRemoteAccess,
        Condition::UpdateMechanismExpected,
        Condition::CollectsData,
        Condition::StoresDataOffDevice,
    ];
}

/// Evaluates an applicability condition: `Some(true)` applies, `Some(false)` does not, `None` the
/// declaration does not say (with the field to fill in).
pub fn condition(c: Condition, d: &Declaration) -> Result<bool, &'static str> {
    let a = &d.authentication;
    Ok(match c {
        // A local service that asks for credentials is a login too, whatever `local_login` says.
        Condition::UsesPasswords => {
            a.default_password != DefaultPasswordPolicy::None
                || a.local_login
                    .iter()
                    .chain(&a.remote_login)
                    .any(|m| matches!(m, LoginMethod::Password | LoginMethod::Pin))
                || d.communication.local_services.iter().any(|s| s.authenticated)
                // A password on an interface (a setup hotspot's WPA key) is a password; a pairing
                // PIN of a non-IP protocol is not one for UK PSTI (Schedule 1, 1(4)).
                || d.interfaces.iter().flatten().any(|i| i.authentication == InterfaceAuth::Password)
        }
        Condition::UniqueFactoryPasswords => a.default_password == DefaultPasswordPolicy::UniquePerDevice,
        Condition::HasUpdateMechanism => d.updates.mechanism != UpdateMechanism::None,
        Condition::AutomaticUpdates => matches!(
            d.updates.mechanism,
            UpdateMechanism::AutomaticByDefault | UpdateMechanism::AutomaticOptIn
        ),
        Condition::NotUpdatable => d.updates.mechanism == UpdateMechanism::None,
        Condition::HasCloudAccount => match a.cloud_mfa {
            Some(MfaSupport::NoCloudAccount) => false,
            Some(_) => true,
            None if a.remote_login.contains(&LoginMethod::CloudAccount) => true,
            None => return Err("authentication.cloud_mfa"),
        },
        Condition::HasCloudService => {
            !d.network.cloud_endpoints.is_empty()
                || d.data.collected.iter().any(|x| x.stored != StorageLocation::Device)
                || a.remote_login.contains(&LoginMethod::CloudAccount)
        }
        Condition::HasNetworkServices => {
            !d.communication.local_services.is_empty() || d.interfaces.as_ref().is_some_and(|i| !i.is_empty())
        }
        Condition::HasSensors => !d.sensors.is_empty(),
        Condition::HasDebugInterface if !d.hardware.debug_ports.is_empty() => true,
        Condition::HasDebugInterface => match d.hardware.debug_interfaces {
            Some(DebugInterfaces::Absent) => false,
            Some(_) => true,
            None => return Err("hardware.debug_interfaces"),
        },
        Condition::ProcessesPersonalData => d.data.collected.iter().any(|x| {
            // Taxonomy data above the `low` class says something about a person.
            Taxonomy::builtin().get(TermKind::Data, &x.kind).is_none_or(|t| t.sensitivity > Sensitivity::Low)
        }),
        // Nothing collected: no processing, so nothing relies on consent.
        Condition::ConsentBased => match d.data.consent_based {
            _ if d.data.collected.is_empty() => false,
            Some(b) => b,
            None => return Err("data.consent_based"),
        },
        Condition::HasTelemetry => match &d.data.telemetry {
            Some(t) => t.collected,
            None => return Err("data.telemetry"),
        },
        Condition::HasRemoteAccess => match d.communication.remote_access {
            Some(b) => b,
            None => return Err("communication.remote_access"),
        },
        // ETSI EN 303 645 C(15): only a constrained device with a declared reason is exempt.
        Condition::UpdateMechanismExpected => {
            d.updates.mechanism != UpdateMechanism::None
                || d.updates.not_updatable_rationale.as_deref().is_none_or(|r| r.trim().is_empty())
        }
        Condition::CollectsData => !d.data.collected.is_empty(),
        Condition::StoresDataOffDevice => {
            d.data.collected.iter().any(|x| x.stored != StorageLocation::Device)
        }
    })
}

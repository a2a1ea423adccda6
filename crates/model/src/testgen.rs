//! Deterministic generator of valid, varied declarations, for property tests, fuzzing seeds and
//! benchmarks. Not used by the tool itself.

use chrono::NaiveDate;

use crate::declaration::*;
use crate::taxonomy::{Taxonomy, TermKind};

/// A small, fast, seeded PRNG (xorshift64*); good enough to vary test data.
pub struct Rng {
    state: u64,
    /// Draw free text from plain product words only (no characters that need escaping).
    plain: bool,
}

/// What free-text fields look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextStyle {
    /// Quotes, backslashes, control characters, non-Latin scripts: stresses escaping.
    Hostile,
    /// Words as real declarations use them.
    Plain,
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng { state: seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1, plain: false }
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.state = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    fn opt_bool(&mut self) -> Option<bool> {
        match self.below(3) {
            0 => None,
            1 => Some(true),
            _ => Some(false),
        }
    }
    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> Option<T> {
        if self.chance(70) { Some(f(self)) } else { None }
    }
    /// One line of text (names, versions, lists of recipients).
    fn text(&mut self) -> String {
        self.words(false)
    }
    /// Free text that may span lines (purposes, addresses, rationales): the hostile style puts
    /// tabs and line breaks in it, which only such fields allow.
    fn prose(&mut self) -> String {
        self.words(true)
    }
    fn words(&mut self, multi_line: bool) -> String {
        const PLAIN: &[&str] = &[
            "Acme",
            "Camera",
            "Indoor",
            "monitoring",
            "with",
            "motion",
            "alerts",
            "Plug",
            "Pro",
            "Mini",
            "Devices",
            "Ltd",
            "for",
            "the",
            "owner",
            "account",
            "Zoë",
        ];
        // Includes characters that need escaping in TOML and JSON.
        const PARTS: &[&str] = &[
            "Acme",
            "Caméra",
            "Ünïcödé",
            "quote\"d",
            "back\\slash",
            "tab\tx",
            "new\nline",
            "日本",
            "Plug",
            "Pro",
            "#hash",
            "[brackets]",
            "= eq",
            "'single'",
            "Zoë",
        ];
        // The same, without the tab and line break a single-line field refuses.
        const LINE_PARTS: &[&str] = &[
            "Acme",
            "Caméra",
            "Ünïcödé",
            "quote\"d",
            "back\\slash",
            "per%cent",
            "emoji 📷",
            "日本",
            "Plug",
            "Pro",
            "#hash",
            "[brackets]",
            "= eq",
            "'single'",
            "Zoë",
        ];
        let n = 1 + self.below(3);
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push(' ');
            }
            let parts = match (self.plain, multi_line) {
                (true, _) => PLAIN,
                (false, true) => PARTS,
                (false, false) => LINE_PARTS,
            };
            let part: &str = parts[self.below(parts.len() as u64) as usize];
            s.push_str(part);
        }
        s
    }
    fn date(&mut self, from_year: i32, span_days: u64) -> NaiveDate {
        let base = NaiveDate::from_ymd_opt(from_year, 1, 1).unwrap_or_default();
        base + chrono::Days::new(self.below(span_days))
    }
    fn url(&mut self) -> String {
        format!("https://{}.example/{}", self.pick(&["acme", "maker", "vendor-1"]), self.below(1000))
    }
}

const GTINS: &[&str] = &["0614141000036", "4006381333931", "96385074", "012345678905"];

/// A valid declaration varied by `seed`: every optional field may be present or absent, and free
/// text is hostile to escaping.
pub fn declaration(seed: u64) -> Declaration {
    declaration_with(seed, TextStyle::Hostile)
}

/// [`declaration`] with a choice of free-text style.
pub fn declaration_with(seed: u64, style: TextStyle) -> Declaration {
    let mut r = Rng::new(seed);
    r.plain = style == TextStyle::Plain;
    let tax = Taxonomy::builtin();
    let device_types: Vec<&str> = tax.ids(TermKind::Device).collect();
    let sensor_types: Vec<&str> = tax.ids(TermKind::Sensor).collect();
    let data_types: Vec<&str> = tax.ids(TermKind::Data).collect();
    let release = r.date(2018, 2500);

    let default_password = *r.pick(&[
        DefaultPasswordPolicy::None,
        DefaultPasswordPolicy::UniquePerDevice,
        DefaultPasswordPolicy::UserSetAtSetup,
        DefaultPasswordPolicy::Universal,
    ]);
    let logins_ok: &[LoginMethod] = if default_password == DefaultPasswordPolicy::None {
        &[LoginMethod::PairingButton, LoginMethod::AppPairing, LoginMethod::Certificate]
    } else {
        &[LoginMethod::Password, LoginMethod::Pin, LoginMethod::AppPairing, LoginMethod::NoAuthentication]
    };
    let local_login: Vec<LoginMethod> = (0..r.below(3)).map(|_| *r.pick(logins_ok)).collect();
    let cloud_mfa = r.opt(|r| {
        *r.pick(&[
            MfaSupport::NoCloudAccount,
            MfaSupport::Required,
            MfaSupport::Optional,
            MfaSupport::Unavailable,
        ])
    });
    let remote_login = if cloud_mfa == Some(MfaSupport::NoCloudAccount) || !r.chance(60) {
        Vec::new()
    } else {
        vec![LoginMethod::CloudAccount]
    };
    let mechanism = *r.pick(&[
        UpdateMechanism::None,
        UpdateMechanism::Manual,
        UpdateMechanism::AutomaticOptIn,
        UpdateMechanism::AutomaticByDefault,
    ]);
    let updatable = mechanism != UpdateMechanism::None;
    let encryption = *r.pick(&[Coverage::All, Coverage::Partial, Coverage::None]);
    let debug =
        r.opt(|r| *r.pick(&[DebugInterfaces::Absent, DebugInterfaces::Locked, DebugInterfaces::Open]));
    let consent_based = r.opt_bool();

    let services = (0..r.below(4))
        .map(|i| LocalService {
            name: r.pick(&["http", "https", "rtsp", "telnet", "ssh", "mqtt"]).to_string(),
            port: 1000 + i as u16 * 7 + r.below(7) as u16,
            transport: *r.pick(&[Transport::Tcp, Transport::Udp]),
            authenticated: r.chance(60),
            encrypted: r.chance(50),
            enabled_by_default: r.chance(80),
            purpose: r.opt(Rng::prose),
        })
        .collect();

    let mut d = Declaration {
        schema_version: SCHEMA_VERSION.to_string(),
        identity: Identity {
            manufacturer: Manufacturer {
                name: r.text(),
                country: r.pick(&["CA", "GB", "FR", "US", "SG", "DE"]).to_string(),
                website: r.url(),
                address: r.opt(Rng::prose),
                contact_email: r.opt(|r| format!("support{}@maker.example", r.below(100))),
            },
            brand: r.text(),
            model: r.text(),
            hardware_version: format!("{}", r.below(10)),
            firmware_version: format!("{}.{}.{}", r.below(5), r.below(20), r.below(100)),
            gtin: r.opt(|r| r.pick(GTINS).to_string()),
            device_type: r.pick(&device_types).to_string(),
            release_date: release,
            model_marked_on_device: r.opt_bool(),
            intended_use: r.opt(Rng::prose),
        },
        authentication: Authentication {
            default_password,
            unique_passwords_random: if default_password == DefaultPasswordPolicy::UniquePerDevice {
                r.opt_bool()
            } else {
                None
            },
            local_login,
            remote_login,
            cloud_mfa,
            brute_force_protection: r.opt(|r| {
                *r.pick(&[
                    BruteForceProtection::RateLimit,
                    BruteForceProtection::Lockout,
                    BruteForceProtection::IncreasingDelay,
                    BruteForceProtection::None,
                ])
            }),
            best_practice_crypto: r.opt_bool(),
            user_can_change_credentials: r.opt_bool(),
            machine_credentials_unique: r.opt_bool(),
        },
        updates: Updates {
            mechanism,
            support_end: r.opt(|r| release + chrono::Days::new(r.below(3650))),
            expected_use_months: r.opt(|r| 1 + r.below(120) as u32),
            support_period_url: r.opt(Rng::url),
            signed: if updatable { r.opt_bool() } else { None },
            verified_on_device: if updatable { r.opt_bool() } else { None },
            secure_delivery: r.opt_bool(),
            time_to_fix_days: r.opt(|r| 1 + r.below(365) as u32),
            notification: (0..r.below(3))
                .map(|_| {
                    *r.pick(&[
                        NotificationChannel::App,
                        NotificationChannel::Email,
                        NotificationChannel::Website,
                    ])
                })
                .collect(),
            periodic_check: if updatable { r.opt_bool() } else { None },
            user_can_defer: r.opt_bool(),
            warns_of_disruption: r.opt_bool(),
            all_components_updatable: r.opt_bool(),
            free_of_charge: r.opt_bool(),
            security_separate_from_features: r.opt_bool(),
            not_updatable_rationale: if updatable { None } else { r.opt(Rng::prose) },
        },
        vulnerability_disclosure: VulnerabilityDisclosure {
            policy_url: r.opt(Rng::url),
            contact: r.opt(
                |r| {
                    if r.chance(50) { "mailto:security@maker.example".to_string() } else { r.url() }
                },
            ),
            acknowledgement_days: r.opt(|r| r.below(30) as u32),
            status_update_days: r.opt(|r| r.below(90) as u32),
            monitors_vulnerabilities: r.opt_bool(),
            publishes_advisories: r.opt_bool(),
            known_exploitable_at_release: r.opt(|r| r.below(3) as u32),
        },
        communication: Communication {
            encryption_in_transit: encryption,
            min_tls_version: if encryption == Coverage::None {
                None
            } else {
                r.opt(|r| *r.pick(&[TlsVersion::V1_0, TlsVersion::V1_1, TlsVersion::V1_2, TlsVersion::V1_3]))
            },
            local_services: services,
            remote_access: r.opt_bool(),
            offline_function: *r.pick(&[
                OfflineFunction::Full,
                OfflineFunction::Partial,
                OfflineFunction::None,
            ]),
            network_functions_authenticated: r.opt_bool(),
            config_changes_authenticated: r.opt_bool(),
            secrets_encrypted_in_transit: r.opt_bool(),
            reviewed_implementations: r.opt_bool(),
            crypto_agile: r.opt_bool(),
            dos_resilient: r.opt_bool(),
            orderly_reconnection: r.opt_bool(),
        },
        data: DataPractices {
            collected: (0..r.below(4))
                .map(|_| DataItem {
                    kind: r.pick(&data_types).to_string(),
                    purpose: r.prose(),
                    stored: *r.pick(&[
                        StorageLocation::Device,
                        StorageLocation::Cloud,
                        StorageLocation::DeviceAndCloud,
                    ]),
                    region: r.opt(|r| r.pick(&["EU", "US", "CA"]).to_string()),
                    shared_with: (0..r.below(2)).map(|_| r.text()).collect(),
                    sold: r.opt(|r| r.chance(10)),
                    retention_days: r.opt(|r| r.below(1000) as u32),
                })
                .collect(),
            encrypted_at_rest: r.opt_bool(),
            personal_data_encrypted_in_transit: r.opt_bool(),
            deletion_on_request: r.opt_bool(),
            deletion_on_factory_reset: r.opt_bool(),
            deletion_instructions: r.opt_bool(),
            deletion_confirmed: r.opt_bool(),
            privacy_policy_url: r.opt(Rng::url),
            consent_based,
            consent_withdrawable: if consent_based == Some(false) { None } else { r.opt_bool() },
            minimised: r.opt_bool(),
            anonymised: r.opt_bool(),
            portable: r.opt_bool(),
            telemetry: r.opt(|r| Telemetry {
                collected: r.chance(70),
                described_to_user: r.opt_bool(),
                personal_data_minimised: r.opt_bool(),
                examined_for_anomalies: r.opt_bool(),
            }),
        },
        sensors: (0..r.below(4))
            .map(|_| Sensor {
                kind: r.pick(&sensor_types).to_string(),
                active: *r.pick(&[
                    SensorActivity::Always,
                    SensorActivity::WhenTriggered,
                    SensorActivity::OnDemand,
                    SensorActivity::Scheduled,
                ]),
                indicator: r.chance(50),
                off_switch: *r.pick(&[
                    OffSwitch::PhysicalSwitch,
                    OffSwitch::Cover,
                    OffSwitch::Software,
                    OffSwitch::None,
                ]),
                documented: r.opt_bool(),
            })
            .collect(),
        hardware: Hardware {
            secure_boot: r.opt_bool(),
            debug_interfaces: debug,
            debug_ports_physically_protected: if debug == Some(DebugInterfaces::Absent) {
                None
            } else {
                r.opt_bool()
            },
            secure_element: r.opt_bool(),
            secrets_stored_securely: r.opt_bool(),
            tamper_resistant_identity: r.opt_bool(),
            memory_protection: r.opt_bool(),
            unneeded_physical_interfaces_removed: r.opt_bool(),
            debug_ports: Vec::new(),
            boot_stages: Vec::new(),
            secrets: Vec::new(),
        },
        software: Software {
            sbom: r.opt(|r| Sbom {
                format: *r.pick(&[SbomFormat::CycloneDx, SbomFormat::Spdx]),
                url: r.opt(Rng::url),
            }),
            no_hardcoded_secrets: r.opt_bool(),
            per_device_service_keys: r.opt_bool(),
            key_lifecycle_managed: r.opt_bool(),
            secure_development: r.opt_bool(),
            minimal_services: r.opt_bool(),
            minimal_code: r.opt_bool(),
            least_privilege: r.opt_bool(),
            input_validation: r.opt_bool(),
            exploit_mitigations: r.opt_bool(),
            tamper_response: r.opt_bool(),
            security_logging: r.opt_bool(),
            security_testing: r.opt_bool(),
            secure_by_default: r.opt_bool(),
        },
        network: NetworkIntent {
            cloud_endpoints: (0..r.below(3))
                .map(|i| Endpoint {
                    domain: format!("api{i}.maker.example"),
                    port: *r.pick(&[443, 8883, 123]),
                    protocol: *r.pick(&[Protocol::Https, Protocol::Mqtts, Protocol::Ntp]),
                    purpose: r.opt(Rng::prose),
                })
                .collect(),
            local_peers: Vec::new(),
            controllers: Vec::new(),
            mud_url: r.opt(|r| format!("https://maker.example/mud/{}.json", r.below(100))),
        },
        documentation: Documentation {
            secure_setup_guide: r.opt_bool(),
            setup_check_guide: r.opt_bool(),
            minimal_setup_decisions: r.opt_bool(),
            justifications_recorded: r.opt_bool(),
            update_guidance: r.opt_bool(),
            eu_declaration_url: r.opt(Rng::url),
            risks_documented: r.opt_bool(),
            decommissioning_guide: r.opt_bool(),
            risk_assessment: r.opt_bool(),
            uk_statement_of_compliance: r.opt_bool(),
        },
        attestations: Attestations {
            claims: (0..r.below(3))
                .map(|_| Claim {
                    field: r.pick(&["authentication", "updates.signed", "communication"]).to_string(),
                    by: if r.chance(50) { Voucher::SelfDeclared } else { Voucher::Lab { name: r.text() } },
                    date: r.opt(|r| r.date(2020, 2000)),
                })
                .collect(),
            certifications: Vec::new(),
        },
        // Drawn last, so the fields above stay what they were for each seed.
        market: Market {
            regions: (0..r.below(3))
                .map(|_| r.pick(&["GB", "EU", "FR", "US", "SG", "CA"]).to_string())
                .collect(),
            regimes: if r.chance(10) {
                vec![r.pick(&["eu-mdr", "uk-medical-devices"]).to_string()]
            } else {
                Vec::new()
            },
            consumer_use: None,
        },
        ownership: if r.chance(40) { ownership(&mut r, release) } else { Ownership::default() },
        // Drawn last, so the fields above stay what earlier builds generated for each seed.
        interfaces: r.opt(|r| {
            (0..r.below(3))
                .map(|_| {
                    let kind = r.pick(&["ble", "zigbee", "setup-hotspot", "nfc", "usb", "wps"]).to_string();
                    let purpose = r.opt(Rng::prose);
                    let setup_only = r.chance(30);
                    let authentication = *r.pick(&[
                        InterfaceAuth::None,
                        InterfaceAuth::Pin,
                        InterfaceAuth::Password,
                        InterfaceAuth::NumericComparison,
                        InterfaceAuth::Certificate,
                    ]);
                    let protection = r
                        .pick(&["none", "ble-secure-connections", "ble-legacy-pairing", "wpa2", "z-wave-s0"])
                        .to_string();
                    let guessable = authentication.guessable();
                    let brute_force_protection = r
                        .opt(|r| *r.pick(&[BruteForceProtection::Lockout, BruteForceProtection::None]))
                        .filter(|_| guessable);
                    let code = r
                        .opt(|r| *r.pick(&[InterfaceCode::UniquePerDevice, InterfaceCode::Universal]))
                        .filter(|_| guessable);
                    Interface {
                        kind,
                        purpose,
                        setup_only,
                        authentication,
                        protection,
                        brute_force_protection,
                        code,
                    }
                })
                .collect()
        }),
        companion_app: r.opt(|r| CompanionApp {
            receives: Vec::new(),
            encrypted: r.opt_bool(),
            authenticated: r.opt_bool(),
        }),
    };
    // Per-part hardware facts, drawn after everything else for the same reason.
    if d.hardware.debug_interfaces != Some(DebugInterfaces::Absent) && r.chance(20) {
        d.hardware.debug_ports = (0..1 + r.below(2))
            .map(|_| DebugPort {
                kind: r.pick(&["uart", "jtag", "swd"]).to_string(),
                state: *r.pick(&[DebugPortState::Locked, DebugPortState::Open]),
            })
            .collect();
    }
    if r.chance(20) {
        d.hardware.boot_stages = ["bootloader", "kernel", "application"]
            .iter()
            .map(|stage| BootStage {
                stage: stage.to_string(),
                verified_by: *r.pick(&[
                    BootVerification::HardwareRootOfTrust,
                    BootVerification::PreviousStage,
                    BootVerification::ApplicationOnly,
                    BootVerification::None,
                ]),
            })
            .collect();
    }
    if r.chance(20) {
        d.hardware.secrets = ["wifi-password", "cloud-client-key"]
            .iter()
            .map(|name| Secret {
                name: name.to_string(),
                storage: r.pick(&["secure-element", "plain-flash", "software-encrypted-flash"]).to_string(),
            })
            .collect();
    }
    if let Some(app) = &mut d.companion_app
        && !d.data.collected.is_empty()
        && r.chance(50)
    {
        app.receives = d.data.collected.iter().map(|x| x.kind.clone()).take(2).collect();
    }
    d
}

/// Ownership facts that hold together: a repair date only with something to repair with, no
/// local interface on a device that stops working.
fn ownership(r: &mut Rng, release: NaiveDate) -> Ownership {
    let spare_parts = r.opt_bool();
    let repair_information = r.opt_bool();
    let offered = spare_parts != Some(false) || repair_information != Some(false);
    let function = r
        .opt(|r| *r.pick(&[ServiceEndFunction::Full, ServiceEndFunction::Partial, ServiceEndFunction::None]));
    Ownership {
        repair: Repair {
            spare_parts,
            repair_information,
            available_until: if offered {
                r.opt(|r| release + chrono::Days::new(r.below(4000)))
            } else {
                None
            },
            battery: r.opt(|r| {
                *r.pick(&[
                    Battery::None,
                    Battery::UserReplaceable,
                    Battery::ServiceReplaceable,
                    Battery::NotReplaceable,
                ])
            }),
            independent_repair_keeps_warranty: r.opt_bool(),
        },
        transfer: Transfer { without_maker_permission: r.opt_bool(), free_of_charge: r.opt_bool() },
        end_of_service: EndOfService {
            function,
            local_api: if function == Some(ServiceEndFunction::None) { None } else { r.opt_bool() },
            notice_months: r.opt(|r| r.below(37) as u32),
        },
        no_remote_disabling: r.opt_bool(),
    }
}

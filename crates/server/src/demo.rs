//! The demo registry (`iotlabel serve --demo`): every example device published by its maker,
//! generated devices from several more makers (`data/demo.toml`), a demo lab accredited for every
//! framework attesting the example evidence and contradicting one generated device, one
//! revocation and one VEX statement, all through the same admission rules and log as real
//! statements.
//!
//! Demo keys are derived from public text (`SHA-256("iotlabel demo key\n" || name)`): anyone
//! can sign as a demo maker. They exist only so the demo needs no key files; a real registry
//! never has them (the CLI loads the demo only with `--demo`).

use chrono::{DateTime, Utc};
use ed25519_dalek::SigningKey;
use iotlabel_registry::payload::{AttestationPayload, KeyChangePayload, RevocationPayload};
use iotlabel_registry::{Account, Accreditation, KeyRecord, Role, account_slug};
use iotlabel_statement::Kind;
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};

use crate::registry::{Failure, Registry, sign_new};

/// The generated part of the demo (`data/demo.toml`).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Generated {
    generated: u64,
    makers: Vec<String>,
    first_seed: u64,
    contradiction: Contradiction,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Contradiction {
    control: String,
    method: String,
    summary: String,
}

fn generated() -> Generated {
    toml::from_str(include_str!("../data/demo.toml"))
        .expect("data/demo.toml is valid (the demo tests load it)")
}

/// The generated declarations, as JSON, each with the name it is shown under.
pub fn generated_devices() -> Vec<Example> {
    let g = generated();
    (0..g.generated)
        .map(|i| {
            let mut decl = iotlabel_model::testgen::declaration_with(
                g.first_seed + i,
                iotlabel_model::testgen::TextStyle::Plain,
            );
            decl.identity.brand = g.makers[(i as usize) % g.makers.len().max(1)].clone();
            decl.identity.manufacturer.name = decl.identity.brand.clone();
            Example { file: format!("generated-{i}"), json: serde_json::to_value(&decl).unwrap_or_default() }
        })
        .collect()
}

/// The demo lab's name.
pub const DEMO_LAB: &str = "Demo Test Lab";

/// The example files whose labels the demo revokes, and attaches VEX to.
pub const DEMO_REVOKED: &str = "budget-cam-universal-password.toml";
pub const DEMO_VEX: &str = "acme-cam-2.toml";

/// The demo key of `name` (public: see the module comment).
pub fn demo_key(name: &str) -> SigningKey {
    let mut h = Sha256::new();
    h.update(b"iotlabel demo key\n");
    h.update(name.as_bytes());
    SigningKey::from_bytes(&h.finalize().into())
}

/// What the demo loaded.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub labels: Vec<String>,
    pub attestations: usize,
    /// Statements skipped because the registry already held them (a restarted demo).
    pub already: usize,
}

/// A parsed example: its file name and the declaration or evidence as JSON.
pub struct Example {
    pub file: String,
    pub json: Value,
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Loads the demo into `registry` (idempotent: a restarted demo skips what is there).
pub fn load(
    registry: &Registry,
    devices: &[Example],
    evidence: &[Example],
    now: DateTime<Utc>,
) -> Result<Loaded, Failure> {
    let store = &registry.store;
    let mut loaded = Loaded::default();
    // (label id, declaration, brand, example file)
    let mut published: Vec<(String, Value, String, String)> = Vec::new();
    let generated_devices = generated_devices();
    for ex in devices.iter().chain(&generated_devices) {
        let decl = iotlabel_registry::payload::declaration(&ex.json)
            .map_err(|r| Failure::Refused(r.suggest(format!("fix the example {}", ex.file))))?;
        let brand = decl.identity.brand.clone();
        let key = demo_key(&brand);
        let slug = account_slug(&brand);
        if store.account(&slug)?.is_none() {
            let payload = serde_json::to_value(KeyChangePayload::Enrol {
                account: brand.clone(),
                public_key: base64(key.verifying_key().as_bytes()),
            })
            .unwrap_or_default();
            registry.submit_signed(&sign_new(Kind::KeyChange, &slug, payload, &key, now), now)?;
        }
        let id = iotlabel_label::facts::label_id(&decl.identity);
        let digest = iotlabel_label::facts::digest(&decl, None);
        if store.label(&id)?.is_some_and(|row| row.digest == digest) {
            loaded.already += 1;
        } else {
            registry.submit_signed(&sign_new(Kind::Declaration, &id, ex.json.clone(), &key, now), now)?;
        }
        published.push((id.clone(), ex.json.clone(), brand, ex.file.clone()));
        loaded.labels.push(id);
    }
    // The lab: created and accredited as an administrator would.
    let lab_key = demo_key(DEMO_LAB);
    let lab = account_slug(DEMO_LAB);
    if store.account(&lab)?.is_none() {
        store.create_account(&Account::new(DEMO_LAB, Role::Lab, now))?;
        store.add_key(&KeyRecord {
            key_id: iotlabel_statement::key_id(&lab_key.verifying_key()),
            account: lab.clone(),
            public_key: base64(lab_key.verifying_key().as_bytes()),
            added_at: now,
            revoked_at: None,
        })?;
        for scheme in registry.catalogs.framework_ids() {
            store.accredit(&Accreditation {
                lab: lab.clone(),
                scheme: scheme.to_owned(),
                granted_at: now,
            })?;
        }
    }
    for ex in evidence {
        let device = (ex.json["device"]["brand"].as_str(), ex.json["device"]["model"].as_str());
        let Some((id, _, _, _)) = published.iter().find(|(_, d, _, _)| {
            (d["identity"]["brand"].as_str(), d["identity"]["model"].as_str()) == device
        }) else {
            continue;
        };
        let already = store.entries_about(id)?.iter().any(|e| e.entry.kind == Kind::Attestation);
        if already {
            loaded.already += 1;
            continue;
        }
        let scheme = ex.json["items"]
            .as_array()
            .into_iter()
            .flatten()
            .find_map(|i| i["requirement"].as_str().and_then(|r| r.split(':').next()))
            .unwrap_or("etsi-en-303-645")
            .to_owned();
        let payload = serde_json::to_value(AttestationPayload { scheme, evidence: ex.json.clone() })
            .unwrap_or_default();
        registry.submit_signed(&sign_new(Kind::Attestation, id, payload, &lab_key, now), now)?;
        loaded.attestations += 1;
    }
    // A lab's test contradicts the first generated device declaring no universal password.
    let g = generated();
    let target = published.iter().find(|(_, d, _, f)| {
        f.starts_with("generated-") && d["authentication"]["default_password"] != "universal"
    });
    if let Some((id, decl, _, _)) = target
        && !store.entries_about(id)?.iter().any(|e| e.entry.kind == Kind::Attestation)
    {
        let evidence = json!({
            "schema_version": "1.0",
            "device": {
                "brand": decl["identity"]["brand"],
                "model": decl["identity"]["model"],
                "firmware_version": decl["identity"]["firmware_version"],
            },
            "items": [{
                "id": "demo-contradiction-1",
                "control": g.contradiction.control,
                "result": "fail",
                "method": g.contradiction.method,
                "tester": DEMO_LAB,
                "date": now.date_naive().to_string(),
                "summary": g.contradiction.summary,
            }]
        });
        let payload = serde_json::to_value(AttestationPayload { scheme: "etsi-en-303-645".into(), evidence })
            .unwrap_or_default();
        registry.submit_signed(&sign_new(Kind::Attestation, id, payload, &lab_key, now), now)?;
        loaded.attestations += 1;
    }
    // One revocation and one VEX, so every status shows.
    let by_file = |file: &str| {
        published.iter().find(|(_, _, _, f)| f.ends_with(file)).map(|(id, _, b, _)| (id.clone(), demo_key(b)))
    };
    if let Some((id, key)) = by_file(DEMO_REVOKED)
        && !store.label(&id)?.is_some_and(|r| r.revoked)
    {
        let payload = serde_json::to_value(RevocationPayload {
            reason: "Demo: the maker withdrew this label after every unit was found to share one default password.".into(),
        })
        .unwrap_or_default();
        registry.submit_signed(&sign_new(Kind::Revocation, &id, payload, &key, now), now)?;
    }
    if let Some((id, key)) = by_file(DEMO_VEX)
        && !store.entries_about(&id)?.iter().any(|e| e.entry.kind == Kind::Vex)
    {
        let vex = json!({
            "bomFormat": "CycloneDX",
            "specVersion": "1.6",
            "version": 1,
            "vulnerabilities": [
                {"id": "DEMO-2026-0001", "analysis": {"state": "resolved", "detail": "Demo entry: fixed in a later firmware."},
                 "affects": [{"ref": "firmware", "versions": [{"version": "9.9.9", "status": "unaffected"}]}]},
                {"id": "DEMO-2026-0002", "analysis": {"state": "not_affected", "justification": "code_not_present"}}
            ]
        });
        registry.submit_signed(&sign_new(Kind::Vex, &id, vex, &key, now), now)?;
    }
    Ok(loaded)
}

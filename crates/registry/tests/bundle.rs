//! Bundles checked offline against a log built here: the keys' logged history (enrolment,
//! revocation) is read from the bundle, and a statement signed by a key the log shows revoked
//! before it is refused, as a dishonest registry might serve it.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use ed25519_dalek::SigningKey;
use iotlabel_registry::payload::KeyChangePayload;
use iotlabel_registry::{Bundle, BundleEntry, BundleError, KeyRecord, verify_bundle};
use iotlabel_statement::{Kind, SignedStatement, Statement};
use iotlabel_tlog::{NoteSigner, Tree};
use serde_json::{Value, json};

fn now() -> DateTime<Utc> {
    "2026-06-01T12:00:00Z".parse().unwrap()
}

fn declaration() -> (String, Value) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/devices/acme-cam-2.toml");
    let text = std::fs::read_to_string(path).unwrap();
    let decl = iotlabel_model::parse_declaration(path, &text, iotlabel_model::Format::Toml).unwrap();
    (iotlabel_label::facts::label_id(&decl.identity), serde_json::to_value(&decl).unwrap())
}

fn signed(kind: Kind, subject: &str, payload: Value, key: &SigningKey, n: u8) -> SignedStatement {
    let st = Statement::new(kind, subject, payload, &key.verifying_key(), now(), &[n; 16]);
    iotlabel_statement::sign(st, key).unwrap()
}

fn record(key: &SigningKey) -> KeyRecord {
    KeyRecord {
        key_id: iotlabel_statement::key_id(&key.verifying_key()),
        account: "acme".into(),
        public_key: STANDARD.encode(key.verifying_key().to_bytes()),
        added_at: now(),
        revoked_at: None,
    }
}

/// A log of `statements` (all by the account `acme`) and the bundle of all of them.
fn bundle(label: &str, statements: Vec<SignedStatement>, keys: Vec<KeyRecord>) -> (Bundle, NoteSigner) {
    let mut tree = Tree::new();
    for s in &statements {
        tree.append(&iotlabel_statement::jcs::to_vec(s).unwrap());
    }
    let size = tree.size();
    let log = NoteSigner::new("test.example/log", SigningKey::from_bytes(&[9; 32])).unwrap();
    let cp = iotlabel_tlog::Checkpoint {
        origin: "test.example/log".into(),
        size,
        root_hash: tree.root(size).unwrap(),
        extensions: Vec::new(),
    };
    let note = iotlabel_tlog::note::sign_checkpoint(&cp, &[&log]).unwrap().to_text();
    let entries = statements
        .into_iter()
        .enumerate()
        .map(|(i, s)| BundleEntry {
            index: i as u64,
            accepted_at: now(),
            account: "acme".into(),
            signed_statement: s,
            inclusion_path: tree
                .inclusion_proof(i as u64, size)
                .unwrap()
                .iter()
                .map(|h| STANDARD.encode(h))
                .collect(),
        })
        .collect();
    let b = Bundle {
        format: iotlabel_registry::BUNDLE_FORMAT.into(),
        label: label.into(),
        registry: "http://test.example/".into(),
        log_key: log.verifier().to_vkey(),
        checkpoint: note,
        entries,
        keys,
    };
    (b, log)
}

#[test]
fn the_keys_logged_history_is_read_and_a_revoked_key_signs_nothing_after() {
    let (id, decl) = declaration();
    let (first, second) = (SigningKey::from_bytes(&[1; 32]), SigningKey::from_bytes(&[2; 32]));
    let enrol = |k: &SigningKey| {
        serde_json::to_value(KeyChangePayload::Enrol {
            account: "Acme".into(),
            public_key: STANDARD.encode(k.verifying_key().to_bytes()),
        })
        .unwrap()
    };
    let add = serde_json::to_value(KeyChangePayload::Add {
        public_key: STANDARD.encode(second.verifying_key().to_bytes()),
    })
    .unwrap();
    let revoke_first =
        json!({ "action": "revoke", "key_id": iotlabel_statement::key_id(&first.verifying_key()) });
    let catalogs = iotlabel_catalog::Catalogs::builtin();
    let today = now().date_naive();

    // Enrolled, rotated: the declaration signed by the second key after the first is revoked.
    let honest = vec![
        signed(Kind::KeyChange, "acme", enrol(&first), &first, 1),
        signed(Kind::KeyChange, "acme", add.clone(), &first, 2),
        signed(Kind::KeyChange, "acme", revoke_first.clone(), &second, 3),
        signed(Kind::Declaration, &id, decl.clone(), &second, 4),
    ];
    let (b, log) = bundle(&id, honest, vec![record(&first), record(&second)]);
    let proved =
        verify_bundle(&b, Some(&log.verifier()), catalogs, today).expect("the honest bundle verifies");
    let origin = |k: &SigningKey| {
        let id = iotlabel_statement::key_id(&k.verifying_key());
        proved.keys.iter().find(|o| o.key_id == id).cloned().unwrap()
    };
    assert_eq!((origin(&first).enrolled_at, origin(&first).revoked_at), (Some(0), Some(2)));
    assert_eq!((origin(&second).enrolled_at, origin(&second).revoked_at), (Some(1), None));

    // The same declaration signed by the first key after its logged revocation: refused.
    let dishonest = vec![
        signed(Kind::KeyChange, "acme", enrol(&first), &first, 1),
        signed(Kind::KeyChange, "acme", add, &first, 2),
        signed(Kind::KeyChange, "acme", revoke_first, &second, 3),
        signed(Kind::Declaration, &id, decl.clone(), &first, 4),
    ];
    let (b, log) = bundle(&id, dishonest, vec![record(&first), record(&second)]);
    match verify_bundle(&b, Some(&log.verifier()), catalogs, today) {
        Err(BundleError::Entry { index: 3, reason }) => {
            assert!(reason.contains("after its revocation at entry 2"), "{reason}")
        }
        other => panic!("a statement by a revoked key was not refused: {other:?}"),
    }

    // A key change logged for another account than its subject: refused.
    let (mut b, log) =
        bundle(&id, vec![signed(Kind::KeyChange, "acme", enrol(&first), &first, 6)], vec![record(&first)]);
    b.entries[0].account = "globex".into();
    assert!(matches!(
        verify_bundle(&b, Some(&log.verifier()), catalogs, today),
        Err(BundleError::Entry { index: 0, .. })
    ));

    // A key an administrator registered has no logged enrolment: it verifies, and says so.
    let (b, log) = bundle(&id, vec![signed(Kind::Declaration, &id, decl, &first, 5)], vec![record(&first)]);
    let proved = verify_bundle(&b, Some(&log.verifier()), catalogs, today).unwrap();
    assert_eq!(proved.keys[0].enrolled_at, None);
}

//! The story every backend passes: `story(&store)` on an empty store, and `concurrent_appends`
//! for the sequencer. Each backend's `tests/story.rs` calls them; a failed expectation panics
//! with what differed.

use std::sync::Arc;

use chrono::{DateTime, TimeZone as _, Utc};
use iotlabel_registry::{Account, Accreditation, Effect, KeyRecord, Role};
use iotlabel_statement::Kind;

use crate::{AuditEvent, Cosignature, NewEntry, Store, StoreError};

fn at(second: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 12, 0, second).single().expect("a valid time")
}

/// An entry as the server would build it (the body stands in for the canonical JSON).
pub fn entry(kind: Kind, subject: &str, account: &str, nonce: &str) -> NewEntry {
    let body = format!("{{\"kind\":\"{}\",\"subject\":\"{subject}\",\"nonce\":\"{nonce}\"}}", kind.as_str())
        .into_bytes();
    NewEntry {
        kind,
        subject: subject.to_owned(),
        account: account.to_owned(),
        signer: format!("ed25519:{:016x}", account.len()),
        nonce: nonce.to_owned(),
        issued_at: at(1),
        accepted_at: at(2),
        body,
        digest: (kind == Kind::Declaration).then(|| format!("sha256:{:0>64}", nonce.len())),
        product: (kind == Kind::Declaration).then(|| format!("{subject}-product")),
    }
}

fn key(id: u8, account: &str) -> KeyRecord {
    KeyRecord {
        key_id: format!("ed25519:{id:016x}"),
        account: account.to_owned(),
        public_key: format!("{id:0>43}="),
        added_at: at(3),
        revoked_at: None,
    }
}

/// The whole story on an empty store.
pub fn story(store: &dyn Store) {
    assert_eq!(store.size().unwrap(), 0, "a new store is empty");
    assert!(store.entries(0, 10).unwrap().is_empty());

    // Enrolment: the log entry, the account and its key land together.
    let acme = Account::new("Acme", Role::Manufacturer, at(0));
    let k1 = key(1, "acme");
    let e0 = store
        .append(
            entry(Kind::KeyChange, "acme", "acme", "nonce-0"),
            Some(Effect::Enrol { account: acme.clone(), key: k1.clone() }),
        )
        .unwrap();
    assert_eq!(e0.index, 0);
    assert_eq!(e0.leaf_hash, iotlabel_tlog::leaf_hash(&e0.entry.body));
    assert_eq!(store.account("acme").unwrap(), Some(acme.clone()));
    assert_eq!(store.key(&k1.key_id).unwrap(), Some(k1.clone()));

    // A replayed nonce changes nothing, even with an effect attached.
    let other = Account::new("Other", Role::Manufacturer, at(0));
    let replay = store.append(
        entry(Kind::KeyChange, "other", "other", "nonce-0"),
        Some(Effect::Enrol { account: other, key: key(9, "other") }),
    );
    assert_eq!(replay, Err(StoreError::Replay { nonce: "nonce-0".into(), index: 0 }));
    assert_eq!(store.size().unwrap(), 1);
    assert_eq!(store.account("other").unwrap(), None, "a refused append leaves no account behind");
    assert_eq!(store.key(&key(9, "other").key_id).unwrap(), None);

    // An enrolment for a taken name is a conflict, and rolls the entry back.
    let again = store.append(
        entry(Kind::KeyChange, "acme", "acme", "nonce-x"),
        Some(Effect::Enrol { account: acme.clone(), key: key(2, "acme") }),
    );
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    assert_eq!(store.size().unwrap(), 1, "the conflicting enrolment's entry is not logged");

    // Declarations index labels; a second declaration of a label replaces its digest.
    let d1 = store.append(entry(Kind::Declaration, "acme-cam-1", "acme", "nonce-1"), None).unwrap();
    let d2 = store.append(entry(Kind::Declaration, "acme-cam-2", "acme", "nonce-2"), None).unwrap();
    assert_eq!((d1.index, d2.index), (1, 2));
    let mut redeclared = entry(Kind::Declaration, "acme-cam-1", "acme", "nonce-333");
    redeclared.digest = Some("sha256:new".into());
    let d3 = store.append(redeclared, None).unwrap();
    let row = store.label("acme-cam-1").unwrap().expect("the label is indexed");
    assert_eq!(row.digest, "sha256:new");
    assert_eq!(row.declared_in, d3.index);
    assert_eq!(row.maker, "acme");
    assert!(!row.revoked);
    assert_eq!(store.label("nope").unwrap(), None);

    // Revocation marks the label.
    store.append(entry(Kind::Revocation, "acme-cam-2", "acme", "nonce-4"), None).unwrap();
    assert!(store.label("acme-cam-2").unwrap().unwrap().revoked);

    // Listing, paging and filters.
    let all = store.labels(None, 10, None, None).unwrap();
    assert_eq!(all.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["acme-cam-1", "acme-cam-2"]);
    let page = store.labels(Some("acme-cam-1"), 10, None, None).unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].id, "acme-cam-2");
    assert!(store.labels(None, 10, Some("other"), None).unwrap().is_empty());
    assert_eq!(store.labels(None, 10, None, Some("acme-cam-2-product")).unwrap().len(), 1);
    assert_eq!(store.labels(None, 1, None, None).unwrap().len(), 1, "the limit holds");

    // Entries and hashes, by range and by subject.
    assert_eq!(store.size().unwrap(), 5);
    let entries = store.entries(1, 100).unwrap();
    assert_eq!(entries.iter().map(|e| e.index).collect::<Vec<_>>(), [1, 2, 3, 4]);
    assert_eq!(entries[0], d1);
    let hashes = store.leaf_hashes(0, 5).unwrap();
    assert_eq!(hashes.len(), 5);
    assert_eq!(hashes[2], d2.leaf_hash);
    let about = store.entries_about("acme-cam-1").unwrap();
    assert_eq!(about.iter().map(|e| e.index).collect::<Vec<_>>(), [1, 3]);
    assert_eq!(about[1].entry.digest.as_deref(), Some("sha256:new"));
    assert_eq!(about[1].entry.issued_at, at(1), "times round-trip");

    // Key changes through the log.
    let k2 = key(2, "acme");
    store
        .append(entry(Kind::KeyChange, "acme", "acme", "nonce-5"), Some(Effect::AddKey(k2.clone())))
        .unwrap();
    assert_eq!(store.keys("acme").unwrap().len(), 2);
    store
        .append(
            entry(Kind::KeyChange, "acme", "acme", "nonce-6"),
            Some(Effect::RevokeKey { key_id: k1.key_id.clone(), at: at(9) }),
        )
        .unwrap();
    assert_eq!(store.key(&k1.key_id).unwrap().unwrap().revoked_at, Some(at(9)));
    let dup =
        store.append(entry(Kind::KeyChange, "acme", "acme", "nonce-7"), Some(Effect::AddKey(k2.clone())));
    assert!(matches!(dup, Err(StoreError::Conflict(_))), "a key id is added once: {dup:?}");
    let missing = store.append(
        entry(Kind::KeyChange, "acme", "acme", "nonce-8"),
        Some(Effect::RevokeKey { key_id: "ed25519:ffffffffffffffff".into(), at: at(9) }),
    );
    assert!(matches!(missing, Err(StoreError::NotFound(_))), "{missing:?}");
    assert_eq!(store.size().unwrap(), 7);

    // Administration.
    let lab = Account::new("Test Lab", Role::Lab, at(0));
    store.create_account(&lab).unwrap();
    assert!(matches!(store.create_account(&lab), Err(StoreError::Conflict(_))));
    assert_eq!(store.accounts().unwrap().len(), 2);
    store.add_key(&key(3, "test-lab")).unwrap();
    assert!(matches!(store.add_key(&key(4, "nobody")), Err(StoreError::NotFound(_))));
    store.revoke_key(&key(3, "test-lab").key_id, at(10)).unwrap();
    assert!(matches!(store.revoke_key("ed25519:0000000000000077", at(10)), Err(StoreError::NotFound(_))));
    let acc = Accreditation { lab: "test-lab".into(), scheme: "etsi-en-303-645".into(), granted_at: at(4) };
    store.accredit(&acc).unwrap();
    store.accredit(&acc).unwrap();
    assert_eq!(store.accreditations("test-lab").unwrap(), vec![acc]);
    assert!(store.withdraw("test-lab", "etsi-en-303-645").unwrap());
    assert!(!store.withdraw("test-lab", "etsi-en-303-645").unwrap());

    // Audit trail, newest first.
    for (i, action) in ["statement.refused", "admin.key.add"].iter().enumerate() {
        store
            .audit(&AuditEvent {
                at: at(20 + i as u32),
                action: (*action).into(),
                code: Some("replay".into()),
                actor: None,
                client: Some("127.0.0.1".into()),
                subject: None,
                detail: format!("event {i}"),
            })
            .unwrap();
    }
    let trail = store.audit_trail(10).unwrap();
    assert_eq!(
        trail.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["admin.key.add", "statement.refused"]
    );
    assert_eq!(trail[1].client.as_deref(), Some("127.0.0.1"));
    assert_eq!(store.audit_trail(1).unwrap().len(), 1);

    // Cosignatures: one per witness and size, the latest kept.
    let cosig =
        |line: &str| Cosignature { size: 5, witness: "w1".into(), line: line.into(), received_at: at(30) };
    store.add_cosignature(&cosig("— w1 AAA")).unwrap();
    store.add_cosignature(&cosig("— w1 BBB")).unwrap();
    assert_eq!(store.cosignatures(5).unwrap(), vec![cosig("— w1 BBB")]);
    assert!(store.cosignatures(6).unwrap().is_empty());

    // Settings: the first value wins.
    assert_eq!(store.setting_or_init("log-key", "first").unwrap(), "first");
    assert_eq!(store.setting_or_init("log-key", "second").unwrap(), "first");
}

/// `threads` threads append `each` entries at once; the log must hold every one at a distinct
/// index, with no gap.
pub fn concurrent_appends(store: Arc<dyn Store>, threads: usize, each: usize) {
    concurrent_appends_across(&[store], threads, each);
}

/// [`concurrent_appends`] with the threads spread over several stores on one database, as
/// several servers would append.
pub fn concurrent_appends_across(stores: &[Arc<dyn Store>], threads: usize, each: usize) {
    let start = stores[0].size().unwrap();
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let store = Arc::clone(&stores[t % stores.len()]);
            std::thread::spawn(move || {
                (0..each)
                    .map(|i| {
                        store
                            .append(
                                entry(
                                    Kind::Declaration,
                                    &format!("dev-{t}-{i}"),
                                    "acme",
                                    &format!("c{start}-{t}-{i}"),
                                ),
                                None,
                            )
                            .unwrap()
                            .index
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut indexes: Vec<u64> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
    indexes.sort_unstable();
    let n = (threads * each) as u64;
    let expected: Vec<u64> = (start..start + n).collect();
    assert_eq!(indexes, expected, "every append got its own index, with no gap");
    for store in stores {
        assert_eq!(store.size().unwrap(), start + n);
        let hashes = store.leaf_hashes(start, start + n).unwrap();
        let entries = store.entries(start, start + n).unwrap();
        assert_eq!(hashes.len() as u64, n);
        for (h, e) in hashes.iter().zip(&entries) {
            assert_eq!(*h, iotlabel_tlog::leaf_hash(&e.entry.body));
        }
    }
}

//! The shared story test, the sequencer under concurrent appends, and two servers (two pools)
//! appending to one log. Each test works in a schema of its own, dropped at the end.
//!
//! These tests need PostgreSQL: set `IOTLABEL_TEST_POSTGRES_URL` (they fail, never skip,
//! without it).

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use iotlabel_statement::Kind;
use iotlabel_store::{Store, StoreError, conformance};
use iotlabel_store_postgres::PgStore;

fn url() -> String {
    std::env::var("IOTLABEL_TEST_POSTGRES_URL").unwrap_or_else(|_| {
        panic!(
            "IOTLABEL_TEST_POSTGRES_URL is not set: these tests need PostgreSQL, e.g. \
             IOTLABEL_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test"
        )
    })
}

/// A schema of the test's own, dropped (with everything in it) when the test ends, passed or not.
struct Schema {
    url: String,
    name: String,
}

impl Schema {
    fn new() -> Schema {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).expect("a clock after 1970").as_nanos();
        Schema { url: url(), name: format!("iotlabel_test_{}_{nanos}", std::process::id()) }
    }

    fn open(&self) -> PgStore {
        PgStore::open_in_schema(&self.url, &self.name).expect("opening the test store")
    }
}

impl Drop for Schema {
    fn drop(&mut self) {
        let dropped = postgres::Client::connect(&self.url, postgres::NoTls).and_then(|mut client| {
            // The name is ours and plain (see `Schema::new`); identifiers cannot be parameters.
            client.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{}\" CASCADE", self.name))
        });
        if let Err(e) = dropped {
            eprintln!("could not drop the test schema {}: {e}", self.name);
        }
    }
}

#[test]
fn story() {
    let schema = Schema::new();
    let store = schema.open();
    assert_eq!(store.backend(), "postgres");
    assert_eq!(store.schema(), schema.name);
    conformance::story(&store);
    // Opening again finds the migrations applied and the data there.
    drop(store);
    assert_eq!(schema.open().size().unwrap(), 7);
}

#[test]
fn concurrent_appends() {
    let schema = Schema::new();
    conformance::concurrent_appends(Arc::new(schema.open()), 4, 50);
}

/// Two servers on one database: two stores, each with its own pool, opened at once on a new
/// schema (both run the migrations), then appending from several threads each.
#[test]
fn two_servers_one_log() {
    let schema = Arc::new(Schema::new());
    let opening: Vec<_> = (0..2)
        .map(|_| {
            let schema = Arc::clone(&schema);
            std::thread::spawn(move || schema.open())
        })
        .collect();
    let stores: Vec<Arc<PgStore>> = opening.into_iter().map(|h| Arc::new(h.join().unwrap())).collect();

    let (threads, each) = (6, 30);
    let appending: Vec<_> = (0..threads)
        .map(|t| {
            let store = Arc::clone(&stores[t % stores.len()]);
            std::thread::spawn(move || {
                (0..each)
                    .map(|i| {
                        let entry = conformance::entry(
                            Kind::Declaration,
                            &format!("dev-{t}-{i}"),
                            "acme",
                            &format!("n-{t}-{i}"),
                        );
                        store.append(entry, None).unwrap().index
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut indexes: Vec<u64> = appending.into_iter().flat_map(|h| h.join().unwrap()).collect();
    indexes.sort_unstable();
    let total = (threads * each) as u64;
    assert_eq!(indexes, (0..total).collect::<Vec<_>>(), "one gapless log");

    // Both servers read the same log, and every leaf hash is its body's.
    let (a, b) = (&stores[0], &stores[1]);
    assert_eq!((a.size().unwrap(), b.size().unwrap()), (total, total));
    let entries = a.entries(0, total).unwrap();
    assert_eq!(entries, b.entries(0, total).unwrap());
    assert_eq!(entries.iter().map(|e| e.index).collect::<Vec<_>>(), indexes);
    let hashes = b.leaf_hashes(0, total).unwrap();
    for (hash, entry) in hashes.iter().zip(&entries) {
        assert_eq!(*hash, iotlabel_tlog::leaf_hash(&entry.entry.body));
    }
    assert_eq!(a.labels(None, 1000, None, None).unwrap().len(), threads * each);

    // A nonce logged through one server is a replay on the other.
    let first = &entries[0].entry;
    let replay = b.append(conformance::entry(Kind::Declaration, "dev-x", "acme", &first.nonce), None);
    assert_eq!(replay, Err(StoreError::Replay { nonce: first.nonce.clone(), index: 0 }));
    assert_eq!(a.size().unwrap(), total);

    // Drop the stores (and their connections) before the schema.
    drop(stores);
}

/// A database migrated by a newer build is refused, not used; a bad schema name is refused.
#[test]
fn newer_schema_refused() {
    let schema = Schema::new();
    drop(schema.open());
    let mut client = postgres::Client::connect(&schema.url, postgres::NoTls).unwrap();
    client
        .execute(
            &format!("INSERT INTO \"{}\".schema_migrations (version, name) VALUES ($1, $2)", schema.name),
            &[&9999_i64, &"from the future"],
        )
        .unwrap();
    let refused = PgStore::open_in_schema(&schema.url, &schema.name).map(|_| ());
    assert!(matches!(&refused, Err(StoreError::Backend(m)) if m.contains("version 9999")), "{refused:?}");
    let bad = PgStore::open_in_schema(&schema.url, "Robert\"; DROP TABLE x; --").map(|_| ());
    assert!(matches!(bad, Err(StoreError::Backend(_))), "{bad:?}");
}

//! The shared story (`iotlabel_store::conformance`) on SQLite.

use std::sync::Arc;

use iotlabel_store::{Store, conformance};
use iotlabel_store_sqlite::{Options, SqliteStore};

#[test]
fn story() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("registry.db"), Options::default()).unwrap();
    conformance::story(&store);
}

#[test]
fn concurrent_appends() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("registry.db"), Options::default()).unwrap();
    conformance::concurrent_appends(Arc::new(store), 4, 50);
}

#[test]
fn two_stores_on_one_file_share_one_log() {
    // Two stores on one file stand for two servers: SQLite's file lock orders their appends.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("registry.db");
    let a: Arc<dyn Store> = Arc::new(SqliteStore::open(&path, Options::default()).unwrap());
    let b: Arc<dyn Store> = Arc::new(SqliteStore::open(&path, Options::default()).unwrap());
    conformance::concurrent_appends_across(&[a, b], 4, 40);
}

#[test]
fn reopening_keeps_everything_and_does_not_migrate_twice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("registry.db");
    {
        let store = SqliteStore::open(&path, Options::default()).unwrap();
        conformance::story(&store);
    }
    let store = SqliteStore::open(&path, Options { durable: true, readers: 1 }).unwrap();
    assert_eq!(store.size().unwrap(), 7);
    assert_eq!(store.setting_or_init("log-key", "other").unwrap(), "first");
}

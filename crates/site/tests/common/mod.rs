//! A demo registry with the web site, served on loopback, for the site's tests.
#![allow(dead_code)]

use std::sync::Arc;

use iotlabel_server::demo::Example;
use iotlabel_server::{Config, Registry, Store};
use iotlabel_store_sqlite::{Options, SqliteStore};
use serde_json::Value;

pub struct Server {
    pub url: String,
    pub registry: Arc<Registry>,
    pub labels: Vec<String>,
    _dir: tempfile::TempDir,
    agent: ureq::Agent,
}

pub fn examples(sub: &str) -> Vec<Example> {
    iotlabel_testkit::example_json(sub).into_iter().map(|(file, json)| Example { file, json }).collect()
}

pub fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> =
        Arc::new(SqliteStore::open(&dir.path().join("r.db"), Options::default()).unwrap());
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let mut config = Config::new(&format!("http://{addr}/"));
    config.policy.open_enrolment = true;
    let registry = Arc::new(Registry::open(config, store, iotlabel_catalog::Catalogs::builtin()).unwrap());
    let loaded = iotlabel_server::demo::load(
        &registry,
        &examples("devices"),
        &examples("evidence"),
        chrono::Utc::now(),
    )
    .unwrap();
    let r = Arc::clone(&registry);
    std::thread::spawn(move || {
        rt.block_on(iotlabel_server::serve_with(
            Arc::clone(&r),
            iotlabel_site::router(r),
            iotlabel_site::ROUTES,
            listener,
            std::future::pending(),
        ))
    });
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    Server { url: format!("http://{addr}"), registry, labels: loaded.labels, _dir: dir, agent }
}

impl Server {
    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
        let mut req = self.agent.get(&format!("{}{path}", self.url));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let mut resp = req.call().unwrap();
        (resp.status().as_u16(), resp.body_mut().with_config().limit(16 << 20).read_to_string().unwrap())
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        self.get_with(path, &[])
    }

    pub fn json(&self, path: &str) -> (u16, Value) {
        let (st, body) = self.get_with(path, &[("Accept", "application/json")]);
        (st, serde_json::from_str(&body).unwrap_or(Value::Null))
    }

    pub fn record(&self, id: &str) -> Value {
        self.json(&format!("/api/v1/labels/{id}")).1
    }
}

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

fn workspace() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The share of a PNG's pixels that are not the background (its top-left pixel's colour).
fn ink(png: &std::path::Path) -> f64 {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(px).collect();
    let bg = pixels[0];
    pixels.iter().filter(|p| *p != &bg).count() as f64 / pixels.len() as f64
}

/// Walks `steps` in headless Chromium (tests/browser/site.mjs) against the site at `url`, at a
/// phone's width and a desktop's, and checks every page: the expected text shown, no axe-core
/// violation, nothing wider than the screen, no request outside the site, a non-blank
/// screenshot. Returns the steps' results (`IOTLABEL_KEEP_SCREENSHOTS=DIR` keeps the shots).
pub fn browser_walk(url: &str, steps: &Value) -> Vec<Value> {
    assert!(
        workspace().join("tests/browser/node_modules/playwright-core").exists(),
        "playwright-core is not installed: run `npm ci` in tests/browser/ (and `apt-get install chromium`)"
    );
    let dir = tempfile::tempdir().unwrap();
    let steps_file = dir.path().join("steps.json");
    std::fs::write(&steps_file, steps.to_string()).unwrap();
    let out = std::process::Command::new("node")
        .arg(workspace().join("tests/browser/site.mjs"))
        .arg(url)
        .arg(dir.path())
        .arg(&steps_file)
        .output()
        .expect("node must be installed to run the browser test");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(2), "the browser run failed: {stderr}");
    let results: Vec<Value> =
        serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("bad output {e}: {stdout} {stderr}"));
    assert_eq!(results.len(), 2 * steps.as_array().unwrap().len(), "every step at both widths");
    for r in &results {
        let what = format!("{} at {} px ({})", r["step"], r["width"], r["url"]);
        assert_eq!(r["found"], true, "{what}: {:?} is not shown", r["expected"]);
        assert_eq!(r["violations"], serde_json::json!([]), "{what}: axe-core violations");
        assert_eq!(r["overflow"], 0, "{what}: wider than the screen ({})", r["overflowing"]);
        assert_eq!(r["outside"], serde_json::json!([]), "{what}: requests outside the site");
        let shot = std::path::Path::new(r["shot"].as_str().unwrap());
        let ink = ink(shot);
        assert!(ink > 0.01, "{what}: the screenshot is blank ({ink:.4} of its pixels drawn)");
    }
    if let Ok(keep) = std::env::var("IOTLABEL_KEEP_SCREENSHOTS") {
        for r in &results {
            let shot = std::path::Path::new(r["shot"].as_str().unwrap());
            std::fs::copy(shot, std::path::Path::new(&keep).join(shot.file_name().unwrap())).unwrap();
        }
    }
    results
}

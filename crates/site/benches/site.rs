//! The web site's speed (issue #12, "Speed"): figures and ratios, never assertions.
//!
//! 1. Device pages: `GET /d/{id}` of every demo label (HTML), with `wrk -t2 -c64` at saturation,
//!    against nginx serving the very same bytes as static files in the same run (targets: at
//!    least 20,000 requests a second, p99 under 10 ms).
//! 2. Search over 100,000 registered devices: the index the site searches, of rows made from the
//!    demo's labels with varied brands, models, types and sensors; the latency of each query of a
//!    mix (words, filters, both, nothing found) in process, p50 and p99 (target: p99 under
//!    20 ms), against a plain scan of the same rows for the same query as the peer.
//!
//! Run: `cargo bench -p iotlabel-site --bench site`. `cargo test --benches` runs it small (quick
//! mode: 2 s load runs, 10,000 rows). nginx and wrk are installed with apt-get when missing and
//! running as root; otherwise the comparison is skipped with the reason printed.

use std::sync::Arc;
use std::time::Instant;

use iotlabel_server::demo::Example;
use iotlabel_server::{Config, Registry, Store};
use iotlabel_site::{Index, Query, Row};
use iotlabel_store_sqlite::{Options, SqliteStore};
use iotlabel_testkit::load::{Nginx, free_port, load_tools, wrk};

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let (secs, rows) = if quick { (2, 10_000) } else { (10, 100_000) };
    println!(
        "site speed ({} mode: {secs} s load runs, {rows} rows searched)",
        if quick { "quick" } else { "full" }
    );
    let dir = tempfile::tempdir().expect("a temp dir");
    let store: Arc<dyn Store> =
        Arc::new(SqliteStore::open(&dir.path().join("r.db"), Options::default()).expect("the store"));
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    let port = free_port();
    let listener =
        runtime.block_on(tokio::net::TcpListener::bind(("127.0.0.1", port))).expect("a loopback port");
    let mut config = Config::new(&format!("http://127.0.0.1:{port}/"));
    config.policy.open_enrolment = true; // the demo enrols its makers' keys, as `serve --demo`
    let registry = Arc::new(
        Registry::open(config, store, iotlabel_catalog::Catalogs::builtin()).expect("the registry opens"),
    );
    let examples = |sub| {
        iotlabel_testkit::example_json(sub)
            .into_iter()
            .map(|(file, json)| Example { file, json })
            .collect::<Vec<_>>()
    };
    let loaded = iotlabel_server::demo::load(
        &registry,
        &examples("devices"),
        &examples("evidence"),
        chrono::Utc::now(),
    )
    .expect("the demo loads");
    let r = Arc::clone(&registry);
    runtime.spawn(iotlabel_server::serve_with(
        Arc::clone(&r),
        iotlabel_site::router(r),
        iotlabel_site::ROUTES,
        listener,
        std::future::pending(),
    ));
    let mut summary = Vec::new();
    device_pages(dir.path(), port, &loaded.labels, secs, &mut summary);
    search(&registry, &loaded.labels, rows, &mut summary);
    println!("\n== summary (targets from issue #12; figures, not assertions)");
    for line in summary {
        println!("  {line}");
    }
}

fn device_pages(dir: &std::path::Path, port: u16, labels: &[String], secs: u32, summary: &mut Vec<String>) {
    println!("\n== 1. device pages: GET /d/{{id}} (HTML)");
    std::fs::set_permissions(dir, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("a readable dir");
    let www = dir.join("nginx/www/d");
    std::fs::create_dir_all(&www).expect("the nginx root");
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let mut bytes = 0;
    let mut paths = Vec::new();
    for id in labels {
        let path = format!("/d/{id}");
        let body = agent
            .get(&format!("http://127.0.0.1:{port}{path}"))
            .header("Accept", "text/html")
            .call()
            .and_then(|mut r| r.body_mut().with_config().limit(16 << 20).read_to_vec())
            .expect("the device page");
        bytes += body.len();
        std::fs::write(www.join(id), &body).expect("a static copy");
        paths.push(path);
    }
    println!(
        "{} pages, {:.0} bytes of HTML on average, the same bytes written for nginx",
        paths.len(),
        bytes as f64 / paths.len() as f64
    );
    let script = dir.join("paths.lua");
    let quoted: Vec<String> = paths.iter().map(|p| format!("\"{p}\"")).collect();
    std::fs::write(
        &script,
        format!(
            "local paths = {{{}}}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i], {{[\"Accept\"] = \"text/html\"}})\nend\n",
            quoted.join(", ")
        ),
    )
    .expect("the wrk script");
    let tools = load_tools();
    let nginx = match &tools {
        Ok((bin, _)) => Nginx::start(bin, &dir.join("nginx")),
        Err(e) => Err(e.clone()),
    };
    let site = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    match (&tools, &nginx) {
        (Ok((_, wrk_bin)), Ok(n)) => {
            let run = |name: &str, addr| match wrk(wrk_bin, addr, &script, secs) {
                Ok((rps, p99)) => {
                    println!("  wrk -t2 -c64 -d{secs}s  {name:6} {rps:>10.0} req/s  p99 {p99}");
                    Some((rps, p99))
                }
                Err(e) => {
                    println!("  wrk against {name} failed: {e}");
                    None
                }
            };
            let ng = run("nginx", n.addr);
            let st = run("site", site);
            if let (Some((ng, _)), Some((st, p99))) = (ng, st) {
                summary.push(format!(
                    "device page   site {st:.0} req/s (p99 {p99})   nginx {ng:.0} req/s   ratio {:.2}   (targets: 20,000 req/s, p99 < 10 ms)",
                    st / ng
                ));
            }
        }
        (Err(e), _) | (_, Err(e)) => {
            println!("  the nginx comparison was SKIPPED: {e}");
            summary.push(format!("device page   nginx comparison skipped: {e}"));
        }
    }
}

fn search(registry: &Registry, labels: &[String], n: usize, summary: &mut Vec<String>) {
    println!("\n== 2. search over {n} registered devices (in process)");
    let today = chrono::Utc::now().date_naive();
    let derived: Vec<_> = labels.iter().filter_map(|id| registry.derive(id, today).ok().flatten()).collect();
    let words = ["Acme", "Nova", "Lumen", "Orbit", "Kestrel", "Pico", "Vantage", "Helio", "Quill", "Tundra"];
    let t = Instant::now();
    let rows: Vec<Row> = (0..n)
        .map(|i| {
            let mut d = derived[i % derived.len()].clone();
            d.record.id = format!("{}-{i:06}", d.record.id);
            d.record.brand = format!("{} {}", words[i % words.len()], words[(i / 10) % words.len()]);
            d.record.model = format!("Model {}", i % 997);
            d.record.maker = format!("maker-{}", i % 250);
            Row::of(&d)
        })
        .collect();
    let index = Index::new(0, today, rows);
    println!("  {} rows indexed in {:.2} s", index.rows().len(), t.elapsed().as_secs_f64());
    let queries: Vec<Query> = vec![
        Query { q: "acme".into(), ..Query::default() },
        Query { q: "nova model 42".into(), ..Query::default() },
        Query { maker: "maker-17".into(), ..Query::default() },
        Query { status: "revoked".into(), ..Query::default() },
        Query { sensor: "microphone".into(), device_type: "smart-speaker".into(), ..Query::default() },
        Query { q: "cam".into(), status: "active".into(), ..Query::default() },
        Query { q: "no such device anywhere".into(), ..Query::default() },
        Query::default(),
    ];
    let mut us = Vec::new();
    let mut peer = Vec::new();
    for round in 0..20 {
        for q in &queries {
            let t = Instant::now();
            let (found, total) = index.search(q, 200);
            std::hint::black_box((found.len(), total));
            let took = t.elapsed().as_secs_f64() * 1e6;
            // The peer: a plain scan serialising every row to JSON and matching the words there.
            let t = Instant::now();
            let words: Vec<String> = q.q.split_whitespace().map(str::to_lowercase).collect();
            let mut hits = 0;
            for row in index.rows() {
                let text = serde_json::to_string(row).unwrap_or_default().to_lowercase();
                if words.iter().all(|w| text.contains(w.as_str())) {
                    hits += 1;
                }
            }
            std::hint::black_box(hits);
            let peer_took = t.elapsed().as_secs_f64() * 1e6;
            if round > 0 {
                us.push(took);
                peer.push(peer_took);
            }
        }
    }
    let pct = |v: &mut Vec<f64>, p: f64| {
        v.sort_by(f64::total_cmp);
        v[((v.len() as f64 - 1.0) * p).round() as usize]
    };
    let (p50, p99) = (pct(&mut us, 0.5), pct(&mut us, 0.99));
    let (peer50, peer99) = (pct(&mut peer, 0.5), pct(&mut peer, 0.99));
    println!("  index.search: p50 {:.2} ms, p99 {:.2} ms over {} queries", p50 / 1e3, p99 / 1e3, us.len());
    println!("  plain JSON scan (peer): p50 {:.2} ms, p99 {:.2} ms", peer50 / 1e3, peer99 / 1e3);
    summary.push(format!(
        "search {n}   p99 {:.2} ms (p50 {:.2})   plain scan p99 {:.2} ms   ratio {:.2}   (target: p99 < 20 ms)",
        p99 / 1e3,
        p50 / 1e3,
        peer99 / 1e3,
        peer99 / p99
    ));
}

//! The registry's speed (issue #11, "Speed"): figures and ratios, never assertions.
//!
//! 1. Label lookup: `GET /api/v1/labels/{id}` of every demo label, with `wrk -t2 -c64` at
//!    saturation, against nginx serving the very same bytes as static files in the same run
//!    (target: at least 50% of nginx's requests per second); then an open-loop load at a fixed
//!    rate (half of nginx's saturation rate), latency counted from each request's scheduled send
//!    time so a slow answer cannot hide the requests queued behind it (target: p99 under 5 ms);
//!    three 10 s runs per server, alternating, and the median run's p99 is the figure.
//! 2. Signed publishes on SQLite: pre-signed distinct declarations submitted in-process
//!    (`Registry::submit_signed`) and over HTTP by several clients, against the raw
//!    `Store::append` of the same entries (target: at least 1,000 statements a second).
//! 3. A log of 1,000,000 entries (bulk-inserted here): `iotlabel serve --data-dir` on it, the
//!    time of an inclusion proof request (target: under 1 ms) and the server's resident memory
//!    (target: under 100 MB), against the tree's own `Tree::memory_bytes()`.
//!
//! Run: `cargo bench -p iotlabel-server --bench registry` (10 s load runs, 20,000 publishes,
//! 1,000,000 entries); `REGISTRY_BENCH_PARTS=lookup` (or `publish`, `log`, comma-separated) runs
//! only those parts. `cargo test --benches` runs every part small (quick mode). nginx and wrk
//! are installed with apt-get when missing and running as root; otherwise the comparison is
//! skipped with the reason printed. The 1M-entry part runs the `iotlabel` binary next to this
//! executable (built with `cargo build -p iotlabel-cli` when missing in a full run); without it
//! the server runs in-process and only the tree's memory is reported.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::Utc;
use ed25519_dalek::SigningKey;
use iotlabel_registry::payload::KeyChangePayload;
use iotlabel_server::{Config, Registry, Store};
use iotlabel_statement::{Kind, SignedStatement, Statement};
use iotlabel_store::NewEntry;
use iotlabel_store_sqlite::{Options, SqliteStore};
use iotlabel_testkit::load::{Nginx, free_port, load_tools, wrk};
use iotlabel_tlog::Tree;
use serde_json::Value;

struct Sizes {
    load_secs: u32,
    /// Open-loop runs per rate and server (the median is the figure).
    rounds: usize,
    publishes: usize,
    log_entries: u64,
    proofs: usize,
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run small then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let sizes = if quick {
        Sizes { load_secs: 2, rounds: 1, publishes: 2_000, log_entries: 20_000, proofs: 2_000 }
    } else {
        Sizes { load_secs: 10, rounds: 3, publishes: 20_000, log_entries: 1_000_000, proofs: 20_000 }
    };
    println!(
        "registry speed ({} mode: lookups {} s a run, {} publishes, a log of {} entries)",
        if quick { "quick" } else { "full" },
        sizes.load_secs,
        sizes.publishes,
        sizes.log_entries
    );
    let mut summary = Vec::new();
    // REGISTRY_BENCH_PARTS=lookup,publish,log picks parts (default: all three).
    let parts = std::env::var("REGISTRY_BENCH_PARTS").unwrap_or_else(|_| "lookup,publish,log".into());
    let part = |name: &str| parts.split(',').any(|p| p.trim() == name);
    if part("lookup") {
        lookup(&sizes, &mut summary);
    }
    if part("publish") {
        publishes(&sizes, &mut summary);
    }
    if part("log") {
        big_log(&sizes, quick, &mut summary);
    }
    println!("\n== summary (targets from issue #11; figures, not assertions)");
    for line in summary {
        println!("  {line}");
    }
}

// ---------------------------------------------------------------------------------------------
// Servers and clients

/// An in-process server on its own runtime, stopped when dropped.
struct Served {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

fn serve(registry: Arc<Registry>) -> Served {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a tokio runtime");
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("a loopback port");
    let addr = listener.local_addr().expect("the bound address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        let shutdown = async move {
            let _ = stopped.await;
        };
        if let Err(e) = rt.block_on(iotlabel_server::serve(registry, listener, shutdown)) {
            eprintln!("the in-process server failed: {e}");
        }
    });
    Served { addr, stop: Some(stop), thread: Some(thread) }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A fresh registry on a new SQLite file in `dir`, open enrolment, no rate limits in the way.
fn registry(dir: &Path, name: &str) -> Arc<Registry> {
    let store: Arc<dyn Store> =
        Arc::new(SqliteStore::open(&dir.join(name), Options::default()).expect("a new SQLite store"));
    let mut config = Config::new("http://127.0.0.1:8080/");
    config.policy.open_enrolment = true;
    config.per_client_per_minute = u32::MAX;
    config.per_key_per_minute = u32::MAX;
    Arc::new(
        Registry::open(config, store, iotlabel_catalog::Catalogs::builtin()).expect("the registry opens"),
    )
}

/// One keep-alive HTTP/1.1 connection, blocking, reading `Content-Length` bodies.
struct Conn {
    stream: TcpStream,
    host: String,
    buf: Vec<u8>,
}

impl Conn {
    fn open(addr: SocketAddr) -> std::io::Result<Conn> {
        let stream = TcpStream::connect(addr)?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        Ok(Conn { stream, host: addr.to_string(), buf: Vec::with_capacity(16 << 10) })
    }

    /// Sends a GET and reads the whole answer: (status, body length).
    fn get(&mut self, path: &str) -> std::io::Result<(u16, usize)> {
        write!(self.stream, "GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.host)?;
        let mut chunk = [0u8; 16 << 10];
        let head_end = loop {
            if let Some(i) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            self.fill(&mut chunk)?;
        };
        let (status, len) = parse_head(&self.buf[..head_end])?;
        while self.buf.len() < head_end + len {
            self.fill(&mut chunk)?;
        }
        self.buf.drain(..head_end + len);
        Ok((status, len))
    }

    fn fill(&mut self, chunk: &mut [u8]) -> std::io::Result<()> {
        let n = self.stream.read(chunk)?;
        if n == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "the server closed"));
        }
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(())
    }
}

/// The status and Content-Length of an HTTP/1.1 answer's head.
fn parse_head(head: &[u8]) -> std::io::Result<(u16, usize)> {
    let head = String::from_utf8_lossy(head);
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let len = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            if k.eq_ignore_ascii_case("content-length") { v.trim().parse().ok() } else { None }
        })
        .ok_or_else(|| std::io::Error::other(format!("no Content-Length in {head:?}")))?;
    Ok((status, len))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Latencies of an open-loop load at a fixed rate.
struct OpenLoop {
    sent: usize,
    errors: usize,
    late_sends: usize,
    /// Requests answered a second, from the first scheduled send to the last answer: below the
    /// asked rate, the generator (or the machine) could not keep the schedule.
    achieved: f64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

/// `rate` GETs a second spread over `conns` keep-alive connections, each request on a fixed
/// schedule; its latency runs from the scheduled send time, so a request held up behind a slow
/// one counts the wait (no coordinated omission, as wrk2 measures). One thread drives every
/// connection through epoll (a current-thread tokio runtime), so the generator costs a fraction
/// of a core and leaves the other to the server; its timers tick in milliseconds, which can only
/// add to the latencies measured.
fn open_loop(addr: SocketAddr, paths: &[String], rate: f64, secs: u32, conns: usize) -> OpenLoop {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let paths: Arc<[String]> = paths.into();
    runtime.block_on(async move {
        let total = (rate * secs as f64) as usize;
        let start = tokio::time::Instant::now() + Duration::from_millis(100);
        let tasks: Vec<_> = (0..conns)
            .map(|k| {
                let paths = Arc::clone(&paths);
                tokio::spawn(async move {
                    let (mut lat, mut errors, mut late) = (Vec::new(), 0usize, 0usize);
                    let mut conn = AsyncConn::open(addr).await.ok();
                    let mut j = k;
                    while j < total {
                        let due = start + Duration::from_secs_f64(j as f64 / rate);
                        let now = tokio::time::Instant::now();
                        if due > now {
                            tokio::time::sleep_until(due).await;
                        } else if now - due > Duration::from_millis(1) {
                            late += 1;
                        }
                        let answer = match conn.as_mut() {
                            Some(c) => c.get(&paths[j % paths.len()]).await.ok(),
                            None => None,
                        };
                        match answer {
                            Some((200, _)) => lat.push(due.elapsed().as_secs_f64() * 1e3),
                            _ => {
                                errors += 1;
                                conn = AsyncConn::open(addr).await.ok();
                            }
                        }
                        j += conns;
                    }
                    (lat, errors, late)
                })
            })
            .collect();
        let mut all = Vec::with_capacity(total);
        let (mut errors, mut late_sends) = (0, 0);
        for t in tasks {
            let (lat, e, l) = t.await.expect("a load task");
            all.extend(lat);
            errors += e;
            late_sends += l;
        }
        let achieved = all.len() as f64 / start.elapsed().as_secs_f64();
        all.sort_by(f64::total_cmp);
        OpenLoop {
            sent: all.len() + errors,
            errors,
            late_sends,
            achieved,
            p50_ms: percentile(&all, 0.50),
            p99_ms: percentile(&all, 0.99),
            max_ms: all.last().copied().unwrap_or(f64::NAN),
        }
    })
}

/// [`Conn`] for the open loop: one keep-alive connection on the generator's event loop.
struct AsyncConn {
    stream: tokio::net::TcpStream,
    host: String,
    buf: Vec<u8>,
}

impl AsyncConn {
    async fn open(addr: SocketAddr) -> std::io::Result<AsyncConn> {
        let stream = tokio::net::TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(AsyncConn { stream, host: addr.to_string(), buf: Vec::with_capacity(16 << 10) })
    }

    async fn get(&mut self, path: &str) -> std::io::Result<(u16, usize)> {
        use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
        let request = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.host);
        self.stream.write_all(request.as_bytes()).await?;
        let mut chunk = [0u8; 16 << 10];
        let mut head: Option<(usize, u16, usize)> = None;
        loop {
            if head.is_none()
                && let Some(i) = self.buf.windows(4).position(|w| w == b"\r\n\r\n")
            {
                let (status, len) = parse_head(&self.buf[..i + 4])?;
                head = Some((i + 4, status, len));
            }
            if let Some((end, status, len)) = head
                && self.buf.len() >= end + len
            {
                self.buf.drain(..end + len);
                return Ok((status, len));
            }
            let n = self.stream.read(&mut chunk).await?;
            if n == 0 {
                return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "the server closed"));
            }
            self.buf.extend_from_slice(&chunk[..n]);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Label lookup

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn example_files(sub: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(examples_dir().join(sub))
        .expect("the examples directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml" || x == "json"))
        .collect();
    files.sort();
    files
}

fn format_of(path: &Path) -> iotlabel_model::Format {
    if path.extension().is_some_and(|x| x == "json") {
        iotlabel_model::Format::Json
    } else {
        iotlabel_model::Format::Toml
    }
}

/// The demo's examples, parsed as `iotlabel serve --demo` parses them.
fn demo_examples() -> (Vec<iotlabel_server::demo::Example>, Vec<iotlabel_server::demo::Example>) {
    let read = |p: &Path| (p.display().to_string(), std::fs::read_to_string(p).expect("an example file"));
    let devices = example_files("devices")
        .iter()
        .map(|p| {
            let (file, text) = read(p);
            let decl =
                iotlabel_model::parse_declaration(&file, &text, format_of(p)).expect("a valid example");
            iotlabel_server::demo::Example { file, json: serde_json::to_value(decl).expect("JSON") }
        })
        .collect();
    let evidence = example_files("evidence")
        .iter()
        .map(|p| {
            let (file, text) = read(p);
            let ev = iotlabel_model::parse_evidence(&file, &text, format_of(p)).expect("valid evidence");
            iotlabel_server::demo::Example { file, json: serde_json::to_value(ev).expect("JSON") }
        })
        .collect();
    (devices, evidence)
}

fn lookup(sizes: &Sizes, summary: &mut Vec<String>) {
    println!("\n== 1. label lookup: GET /api/v1/labels/{{id}}");
    let dir = tempfile::tempdir().expect("a temp dir");
    let reg = registry(dir.path(), "demo.db");
    let (devices, evidence) = demo_examples();
    let loaded = iotlabel_server::demo::load(&reg, &devices, &evidence, Utc::now()).expect("the demo loads");
    let server = serve(Arc::clone(&reg));
    // Every label's JSON, fetched from the running registry, becomes a static file for nginx.
    // nginx's workers drop root for `nobody`: they must read the files.
    std::fs::set_permissions(dir.path(), std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("a readable temp dir");
    let www = dir.path().join("nginx/www/api/v1/labels");
    std::fs::create_dir_all(&www).expect("the nginx root");
    let mut conn = Conn::open(server.addr).expect("a connection to the registry");
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let mut paths = Vec::new();
    let mut bytes = 0;
    for id in &loaded.labels {
        let path = format!("/api/v1/labels/{id}");
        let body = agent
            .get(&format!("http://{}{path}", server.addr))
            .call()
            .and_then(|mut r| r.body_mut().read_to_vec())
            .expect("the label's JSON");
        assert_eq!(conn.get(&path).expect("a raw GET").0, 200, "{path}");
        bytes += body.len();
        std::fs::write(www.join(id), &body).expect("a static copy");
        paths.push(path);
    }
    println!(
        "{} labels, {:.0} bytes of JSON on average, the same bytes written for nginx",
        paths.len(),
        bytes as f64 / paths.len() as f64
    );
    let script = dir.path().join("paths.lua");
    let lua_paths: Vec<String> = paths.iter().map(|p| format!("\"{p}\"")).collect();
    std::fs::write(
        &script,
        format!(
            "local paths = {{{}}}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n",
            lua_paths.join(", ")
        ),
    )
    .expect("the wrk script");

    let tools = load_tools();
    let nginx = match &tools {
        Ok((bin, _)) => Nginx::start(bin, &dir.path().join("nginx")),
        Err(e) => Err(e.clone()),
    };
    if let Ok(n) = &nginx {
        let mut c = Conn::open(n.addr).expect("a connection to nginx");
        let (status, len) = c.get(&paths[0]).expect("nginx answers");
        println!("nginx {} (worker_processes auto) answers {status} with {len} bytes", n.addr);
    }
    let conns = 32;
    match (&tools, &nginx) {
        (Ok((_, wrk_bin)), Ok(n)) => {
            let run = |name: &str, addr| match wrk(wrk_bin, addr, &script, sizes.load_secs) {
                Ok((rps, p99)) => {
                    println!(
                        "  wrk -t2 -c64 -d{}s  {name:8} {rps:>10.0} req/s  (closed-loop p99 {p99})",
                        sizes.load_secs
                    );
                    Some(rps)
                }
                Err(e) => {
                    println!("  wrk against {name} failed: {e}");
                    None
                }
            };
            let ng = run("nginx", n.addr);
            let rg = run("registry", server.addr);
            if let (Some(ng), Some(rg)) = (ng, rg) {
                println!("  ratio registry/nginx {:.2} (target >= 0.50)", rg / ng);
                summary.push(format!(
                    "label lookup   registry {} req/s   nginx {} req/s   ratio {:.2} (target >= 0.50)",
                    thousands(rg),
                    thousands(ng),
                    rg / ng
                ));
                // Half of nginx's rate (the target), and an eighth for reference. One
                // 10 s run's p99 hangs on a handful of stalls of the shared machine (either
                // server, at random), so each rate is run `rounds` times, the two servers
                // alternating and taking turns to go first, and the median run is the figure.
                for (rate, what) in [(ng / 2.0, "half"), (ng / 8.0, "an eighth")] {
                    println!(
                        "  open loop at {rate:.0} req/s ({what} of nginx), {conns} connections, {} s, {} rounds:",
                        sizes.load_secs, sizes.rounds
                    );
                    let mut p99s: [(&str, Vec<f64>); 2] = [("registry", Vec::new()), ("nginx", Vec::new())];
                    for round in 0..sizes.rounds {
                        let order = if round % 2 == 0 { [0, 1] } else { [1, 0] };
                        for k in order {
                            let (name, addr) = [("registry", server.addr), ("nginx", n.addr)][k];
                            let o = open_loop(addr, &paths, rate, sizes.load_secs, conns);
                            println!(
                                "    {name:8} p50 {:.2} ms  p99 {:.2} ms  max {:.2} ms  ({} requests, {} errors, achieved {:.0} req/s, {} sent over 1 ms late)",
                                o.p50_ms, o.p99_ms, o.max_ms, o.sent, o.errors, o.achieved, o.late_sends
                            );
                            p99s[k].1.push(o.p99_ms);
                        }
                    }
                    let mut line =
                        format!("p99 at {} req/s, median of {} runs:", thousands(rate), sizes.rounds);
                    for (name, runs) in &mut p99s {
                        runs.sort_by(f64::total_cmp);
                        let all: Vec<String> = runs.iter().map(|x| format!("{x:.2}")).collect();
                        line.push_str(&format!(
                            "   {name} {:.2} ms (runs {})",
                            percentile(runs, 0.5),
                            all.join(", ")
                        ));
                    }
                    let note =
                        if what == "half" { "(target: registry p99 < 5 ms)" } else { "(for reference)" };
                    println!("  {line}");
                    summary.push(format!("{line}   {note}"));
                }
            }
        }
        (Err(e), _) | (_, Err(e)) => {
            println!("  the nginx comparison was SKIPPED: {e}");
            summary.push(format!("label lookup   nginx comparison skipped: {e}"));
            // The open loop needs no outside tool: at a fixed rate of 20,000 a second.
            let o = open_loop(server.addr, &paths, 20_000.0, sizes.load_secs, conns);
            println!(
                "  open loop at 20000 req/s: registry p50 {:.2} ms p99 {:.2} ms max {:.2} ms",
                o.p50_ms, o.p99_ms, o.max_ms
            );
            summary.push(format!("p99 at 20,000 req/s   registry {:.2} ms (target < 5 ms)", o.p99_ms));
        }
    }
}

fn thousands(x: f64) -> String {
    let s = format!("{x:.0}");
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// 2. Signed publishes

fn nonce(i: u64) -> [u8; 16] {
    let mut n = [0u8; 16];
    getrandom::fill(&mut n[..8]).expect("random bytes");
    n[8..].copy_from_slice(&i.to_be_bytes());
    n
}

fn signed(kind: Kind, subject: &str, payload: Value, key: &SigningKey, i: u64) -> SignedStatement {
    let st = Statement::new(kind, subject, payload, &key.verifying_key(), Utc::now(), &nonce(i));
    iotlabel_statement::sign(st, key).expect("a statement signs")
}

fn publishes(sizes: &Sizes, summary: &mut Vec<String>) {
    println!("\n== 2. signed publishes on SQLite (signature check and log append included)");
    let dir = tempfile::tempdir().expect("a temp dir");
    let path =
        example_files("devices").into_iter().find(|p| p.ends_with("acme-cam-2.toml")).expect("acme-cam-2");
    let text = std::fs::read_to_string(&path).expect("the example");
    let decl = iotlabel_model::parse_declaration("acme-cam-2.toml", &text, iotlabel_model::Format::Toml)
        .expect("a valid example");
    let brand = decl.identity.brand.clone();
    let key = SigningKey::from_bytes(&[7; 32]);
    let enrol = signed(
        Kind::KeyChange,
        &iotlabel_registry::account_slug(&brand),
        serde_json::to_value(KeyChangePayload::Enrol {
            account: brand.clone(),
            public_key: STANDARD.encode(key.verifying_key().as_bytes()),
        })
        .expect("JSON"),
        &key,
        0,
    );
    let t = Instant::now();
    let statements: Vec<SignedStatement> = (0..sizes.publishes as u64)
        .map(|i| {
            let mut d = decl.clone();
            d.identity.model = format!("{} B{i}", d.identity.model);
            d.identity.firmware_version = format!("{}.{i}", d.identity.firmware_version);
            let id = iotlabel_label::facts::label_id(&d.identity);
            signed(Kind::Declaration, &id, serde_json::to_value(&d).expect("JSON"), &key, i + 1)
        })
        .collect();
    println!(
        "{} distinct declarations pre-signed in {:.2} s ({} bytes of JSON each)",
        statements.len(),
        t.elapsed().as_secs_f64(),
        statements[0].to_json().len()
    );

    // (a) In-process.
    let a = registry(dir.path(), "inproc.db");
    a.submit_signed(&enrol, Utc::now()).expect("the maker enrols");
    let first = a.tree().size();
    let t = Instant::now();
    for s in &statements {
        a.submit_signed(s, Utc::now()).expect("accepted");
    }
    let inproc = statements.len() as f64 / t.elapsed().as_secs_f64();
    println!("  in-process Registry::submit_signed, one thread: {inproc:>8.0} statements/s");

    // (b) Over HTTP, several clients.
    let b = registry(dir.path(), "http.db");
    b.submit_signed(&enrol, Utc::now()).expect("the maker enrols");
    let server = serve(Arc::clone(&b));
    let bodies: Arc<Vec<String>> = Arc::new(statements.iter().map(SignedStatement::to_json).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let clients = 8;
    let t = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let (bodies, next) = (Arc::clone(&bodies), Arc::clone(&next));
            let url = format!("http://{}/api/v1/statements", server.addr);
            std::thread::spawn(move || {
                let agent: ureq::Agent =
                    ureq::Agent::config_builder().http_status_as_error(false).build().into();
                let mut refused = 0;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(body) = bodies.get(i) else { return refused };
                    let status = agent
                        .post(&url)
                        .content_type("application/json")
                        .send(body.as_str())
                        .map(|r| r.status().as_u16())
                        .unwrap_or(0);
                    if status != 201 {
                        refused += 1;
                        if refused == 1 {
                            eprintln!("    a publish over HTTP answered {status}");
                        }
                    }
                }
            })
        })
        .collect();
    let refused: usize = threads.into_iter().map(|t| t.join().expect("a client")).sum();
    let http = statements.len() as f64 / t.elapsed().as_secs_f64();
    drop(server);
    println!(
        "  HTTP POST /api/v1/statements, {clients} clients:       {http:>8.0} statements/s ({refused} not accepted)"
    );

    // The raw store append of the very same entries.
    let entries: Vec<NewEntry> = a
        .store
        .entries(first, a.tree().size())
        .expect("the logged entries")
        .into_iter()
        .map(|e| e.entry)
        .collect();
    let c = SqliteStore::open(&dir.path().join("raw.db"), Options::default()).expect("a new SQLite store");
    let t = Instant::now();
    let n = entries.len();
    for e in entries {
        c.append(e, None).expect("appended");
    }
    let raw = n as f64 / t.elapsed().as_secs_f64();
    println!("  SqliteStore::append alone, same entries:     {raw:>8.0} entries/s");
    println!(
        "  ratios: in-process/append {:.2}, HTTP/append {:.2}, HTTP/in-process {:.2} (target >= 1,000/s)",
        inproc / raw,
        http / raw,
        http / inproc
    );
    summary.push(format!(
        "publishes      in-process {}/s   http {}/s ({clients} clients)   store append alone {}/s   ratios {:.2} / {:.2}  (target >= 1,000/s)",
        thousands(inproc),
        thousands(http),
        thousands(raw),
        inproc / raw,
        http / raw
    ));
}

// ---------------------------------------------------------------------------------------------
// 3. A log of 1,000,000 entries

/// Inserts `n` entries straight into the SQLite schema in one transaction (the bench's bulk
/// path; the registry itself appends one by one), returning their leaf hashes in a tree keeping
/// every level and in one pruned as the registry prunes it.
fn bulk_log(db: &Path, n: u64) -> (Tree, Tree) {
    drop(SqliteStore::open(db, Options::default()).expect("the schema is created"));
    let mut conn = rusqlite::Connection::open(db).expect("the database");
    conn.execute_batch("PRAGMA synchronous = OFF;").expect("pragma");
    let tx = conn.transaction().expect("a transaction");
    let mut tree = Tree::new();
    let mut pruned = Tree::pruned(iotlabel_server::registry::TREE_KEEP);
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO entries (idx, kind, subject, account, signer, nonce, issued_at, accepted_at, body, leaf_hash, digest, product)
                 VALUES (?1, 'attestation', ?2, 'bench-lab', 'bench-key', ?3, ?4, ?4, ?5, ?6, NULL, NULL)",
            )
            .expect("the insert");
        let at = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
        let pad = "x".repeat(160);
        for i in 0..n {
            let subject = format!("bench-label-{}", i % 10_000);
            let body = format!(
                "{{\"statement\":{{\"kind\":\"attestation\",\"subject\":\"{subject}\",\"n\":{i},\"pad\":\"{pad}\"}}}}"
            );
            let leaf = iotlabel_tlog::leaf_hash(body.as_bytes());
            insert
                .execute(rusqlite::params![
                    i as i64,
                    subject,
                    format!("bench-{i}"),
                    at,
                    body.as_bytes(),
                    leaf.as_slice()
                ])
                .expect("an entry");
            tree.append_leaf_hash(leaf);
            pruned.append_leaf_hash(leaf);
        }
    }
    tx.commit().expect("commit");
    (tree, pruned)
}

/// The `iotlabel` binary next to this executable (`target/<profile>/iotlabel`).
fn iotlabel_bin(quick: bool) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let profile_dir = exe.parent()?.parent()?; // target/<profile>/deps/registry-<hash>
    let bin = profile_dir.join(format!("iotlabel{}", std::env::consts::EXE_SUFFIX));
    if bin.exists() {
        return Some(bin);
    }
    if quick {
        return None;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args(["build", "-p", "iotlabel-cli"]);
    if profile_dir.file_name().is_some_and(|p| p == "release") {
        cmd.arg("--release");
    }
    println!("building the iotlabel binary: {cmd:?}");
    cmd.status().is_ok_and(|s| s.success()).then_some(bin).filter(|b| b.exists())
}

fn proc_status(pid: u32, field: &str) -> Option<f64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024.0 / 1e6)
}

/// Times `count` inclusion proofs at random indices over one keep-alive connection: (mean,
/// p99) in µs.
fn time_proofs(addr: SocketAddr, size: u64, count: usize) -> (f64, f64) {
    let mut conn = Conn::open(addr).expect("a connection");
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut us = Vec::with_capacity(count);
    for k in 0..count + 100 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let path = format!("/api/v1/log/proof/inclusion?index={}&tree_size={size}", x % size);
        let t = Instant::now();
        let (status, _) = conn.get(&path).expect("a proof");
        assert_eq!(status, 200, "{path}");
        if k >= 100 {
            us.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    let mean = us.iter().sum::<f64>() / us.len() as f64;
    us.sort_by(f64::total_cmp);
    (mean, percentile(&us, 0.99))
}

fn big_log(sizes: &Sizes, quick: bool, summary: &mut Vec<String>) {
    let n = sizes.log_entries;
    println!("\n== 3. a log of {n} entries");
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("registry.db");
    let t = Instant::now();
    let (tree, pruned) = bulk_log(&db, n);
    let tree_mb = tree.memory_bytes() as f64 / 1e6;
    let pruned_kb = pruned.memory_bytes() as f64 / 1e3;
    assert_eq!(tree.root(n), pruned.root(n), "the pruned tree has the full tree's root");
    println!(
        "bulk-inserted in {:.1} s: {:.0} MB on disk; its tree keeping every level would hold {tree_mb:.1} MB, the registry's (levels >= {}) holds {pruned_kb:.1} KB (Tree::memory_bytes)",
        t.elapsed().as_secs_f64(),
        std::fs::metadata(&db).map(|m| m.len() as f64 / 1e6).unwrap_or(f64::NAN),
        iotlabel_server::registry::TREE_KEEP,
    );
    drop(tree);
    let Some(bin) = iotlabel_bin(quick) else {
        println!(
            "  the iotlabel binary is not built next to this bench (cargo build -p iotlabel-cli): serving in-process, no separate RSS"
        );
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&db, Options::default()).expect("the store"));
        let t = Instant::now();
        let reg = Arc::new(
            Registry::open(Config::new("http://127.0.0.1/"), store, iotlabel_catalog::Catalogs::builtin())
                .expect("the registry opens"),
        );
        println!("  registry opened (tree rebuilt) in {:.2} s", t.elapsed().as_secs_f64());
        let mem = reg.tree().memory_bytes() as f64 / 1e6;
        let server = serve(reg);
        let (mean, p99) = time_proofs(server.addr, n, sizes.proofs);
        println!("  inclusion proof over HTTP: mean {mean:.0} us, p99 {p99:.0} us (target < 1,000 us)");
        summary.push(format!(
            "{n} log   inclusion proof {mean:.0} us mean, p99 {p99:.0} us   serve RSS not measured (no binary); tree {mem:.3} MB"
        ));
        return;
    };
    let addr = SocketAddr::from(([127, 0, 0, 1], free_port()));
    let t = Instant::now();
    let mut child = Command::new(&bin)
        .arg("serve")
        .arg("--data-dir")
        .arg(dir.path())
        .arg("--listen")
        .arg(addr.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("iotlabel serve starts");
    let stdout = child.stdout.take().expect("its stdout");
    let mut lines = BufReader::new(stdout).lines();
    let listening = lines.by_ref().map_while(Result::ok).any(|l| l.starts_with("listening on http://"));
    // Keep reading its stdout so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    if !listening {
        let _ = child.kill();
        let _ = child.wait();
        println!("  iotlabel serve did not start: see its errors above");
        summary.push(format!("{n} log   iotlabel serve did not start"));
        return;
    }
    let startup = t.elapsed().as_secs_f64();
    let pid = child.id();
    let rss_idle = proc_status(pid, "VmRSS:").unwrap_or(f64::NAN);
    let (mean, p99) = time_proofs(addr, n, sizes.proofs);
    let rss = proc_status(pid, "VmRSS:").unwrap_or(f64::NAN);
    let hwm = proc_status(pid, "VmHWM:").unwrap_or(f64::NAN);
    let _ = child.kill();
    let _ = child.wait();
    println!("  {} serve: listening after {startup:.2} s (the tree rebuilt from the store)", bin.display());
    println!(
        "  inclusion proof over HTTP ({} random indices, one keep-alive connection): mean {mean:.0} us, p99 {p99:.0} us (target < 1,000 us)",
        sizes.proofs
    );
    println!(
        "  serve memory: VmRSS {rss_idle:.1} MB after start, {rss:.1} MB after the proofs, VmHWM {hwm:.1} MB (target < 100 MB); its pruned tree {pruned_kb:.1} KB (a full one: {tree_mb:.1} MB)"
    );
    summary.push(format!(
        "{} log    inclusion proof {mean:.0} us mean, p99 {p99:.0} us   serve RSS {rss:.0} MB, peak {hwm:.0} MB (target < 100 MB; tree {pruned_kb:.0} KB)",
        if n == 1_000_000 { "1M".to_owned() } else { n.to_string() }
    ));
}

//! Flow records per second through a NATS JetStream stream: published in batches of binary
//! records, then audited by a group of 1 and of 3 members (each its own connection, tasks of
//! one process), every record audited once per group.
//!
//! Run: `cargo bench -p iotlabel-flows-stream --bench stream` (1,000,000 records;
//! IOTLABEL_BENCH_FLOWS sets it). `cargo test --benches` runs it small (quick mode, 20,000).
//! Needs NATS with JetStream at 127.0.0.1:4222. The server runs on the same machine, so the
//! figures are the whole pipeline on its cores, not an auditor's per-core rate (see the audit
//! bench of iotlabel-flowgen for that).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use iotlabel_flowgen::{PROFILES, Scenario};
use iotlabel_flows::{Auditor, Patterns, read_devices};
use iotlabel_flows_stream::DeviceKeys;
use iotlabel_flows_stream::audit::StreamAuditor;
use iotlabel_flows_stream::nats::{NatsStream, Options};
use iotlabel_flows_stream::publish::Batcher;

fn auditor(s: &Scenario) -> Auditor {
    let devices: String = s.devices_csv().map(|l| l + "\n").collect();
    let devices = read_devices("devices.csv", &devices).expect("devices");
    let profiles: Vec<_> = PROFILES
        .iter()
        .map(|(n, t)| {
            (n.to_string(), iotlabel_mud::read(n, t, iotlabel_mud::Mode::Strict).expect("profile").mud)
        })
        .collect();
    Auditor::new(devices, &profiles, Patterns::builtin()).expect("setup")
}

fn options() -> Options {
    Options {
        partitions: 12,
        lease: Duration::from_secs(3),
        fetch: 16,
        poll: Duration::from_millis(10),
        ..Options::default()
    }
}

async fn connect(url: &str) -> NatsStream {
    NatsStream::connect(url, options()).await.unwrap_or_else(|e| {
        panic!("the stream benchmark needs NATS with JetStream at 127.0.0.1:4222 (nats-server -js): {e}")
    })
}

/// Audits the whole stream with `members` members of a new group; returns records/s.
async fn consume(url: &str, s: Scenario, group: &'static str, members: usize, records: u64) -> f64 {
    let total = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let t = Instant::now();
    let mut tasks = Vec::new();
    for k in 0..members {
        let (url, total, stop) = (url.to_string(), total.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            let ns = connect(&url).await;
            let m = ns.join(group, &format!("m{k}")).await.expect("join");
            let mut a = StreamAuditor::new(m, auditor(&s), 64);
            let mut seen = 0;
            a.run_until(|st, _| {
                total.fetch_add(st.records - seen, Ordering::Relaxed);
                seen = st.records;
                stop.load(Ordering::Relaxed)
            })
            .await
            .expect("audits");
            a.leave().await.expect("leaves")
        }));
    }
    while total.load(Ordering::Relaxed) < records {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let secs = t.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let mut findings = 0;
    for t in tasks {
        findings += t.await.expect("member").1.len();
    }
    assert!(findings > 0, "the injected violations are found");
    records as f64 / secs.max(1e-9)
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let flows: usize = std::env::var("IOTLABEL_BENCH_FLOWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 20_000 } else { 1_000_000 });
    let devices = 500;
    // About 3 records per device per round: enough rounds for the flows asked.
    let s = Scenario { devices, rounds: (flows / (devices * 3) + 1).max(2) as u32, seed: 1 };
    let recs: Vec<_> = s.flows().take(flows).collect();
    let n = recs.len() as u64;
    let t = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default();
    let url = format!("nats://127.0.0.1:4222/bench{}x{}", std::process::id(), t % 1_000_000_000);
    let rt =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    rt.block_on(async {
        let ns = connect(&url).await;
        let text: String = s.devices_csv().map(|l| l + "\n").collect();
        let keys = DeviceKeys::new(&read_devices("devices.csv", &text).expect("devices"));
        let t = Instant::now();
        let mut b = Batcher::new(ns.publisher(), keys, 1024);
        for f in &recs {
            b.push(f).await.expect("publish");
        }
        b.flush().await.expect("flush");
        let publish = n as f64 / t.elapsed().as_secs_f64().max(1e-9);
        println!(
            "flow stream (NATS JetStream at 127.0.0.1:4222, {} partitions, batches of 1,024 binary records, {} devices), {n} records, {} batches",
            ns.partitions(),
            devices,
            b.batches
        );
        println!("{:>28} {:>14}", "", "records/s");
        println!("{:>28} {:>14.0}", "publish", publish);
        let one = consume(&url, s, "one", 1, n).await;
        println!("{:>28} {:>14.0}", "audit, 1 consumer", one);
        let three = consume(&url, s, "three", 3, n).await;
        println!("{:>28} {:>14.0}  ({:.2}x one consumer)", "audit, 3 consumers", three, three / one);
        println!(
            "machine: {} cores shared by the server, the publisher and the consumers",
            std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
        );
        ns.delete(&["one", "three"]).await.expect("clean up");
    });
}

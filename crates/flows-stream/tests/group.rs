//! Three auditors on one NATS JetStream stream, one killed mid-way: every injected violation is
//! reported exactly once, nothing else is, and every device's final state is the one a single
//! auditor reading all the flows in order reaches.
//!
//! Needs NATS with JetStream at 127.0.0.1:4222 (`nats-server -js`); fails, naming it, when it is
//! not there. Each run uses streams and buckets of its own name and deletes them at the end.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use iotlabel_flowgen::{PROFILES, Scenario};
use iotlabel_flows::audit::{DeviceState, PatternKind};
use iotlabel_flows::{Auditor, Patterns, read_devices};
use iotlabel_flows_stream::audit::{Finding, Stats, StreamAuditor};
use iotlabel_flows_stream::nats::{NatsStream, Options};
use iotlabel_flows_stream::publish::Batcher;
use iotlabel_flows_stream::{DeviceKeys, FlowPublisher};

const SERVER: &str = "nats://127.0.0.1:4222";
const GROUP: &str = "auditors";

fn auditor(s: &Scenario) -> Auditor {
    let devices: String = s.devices_csv().map(|l| l + "\n").collect();
    let devices = read_devices("devices.csv", &devices).expect("devices table");
    let profiles: Vec<_> = PROFILES
        .iter()
        .map(|(n, t)| {
            (n.to_string(), iotlabel_mud::read(n, t, iotlabel_mud::Mode::Strict).expect("profile").mud)
        })
        .collect();
    Auditor::new(devices, &profiles, Patterns::builtin()).expect("setup")
}

fn unique(prefix: &str) -> String {
    let t = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default();
    format!("{prefix}{}x{}", std::process::id(), t % 1_000_000_000_000)
}

fn options() -> Options {
    Options {
        partitions: 8,
        lease: Duration::from_secs(2),
        fetch: 4,
        poll: Duration::from_millis(20),
        ..Options::default()
    }
}

async fn connect(url: &str) -> NatsStream {
    NatsStream::connect(url, options()).await.unwrap_or_else(|e| {
        panic!("this test needs NATS with JetStream at 127.0.0.1:4222 (start it: nats-server -js -a 127.0.0.1 -p 4222): {e}")
    })
}

/// Publishes the scenario in small batches (many batches per partition); returns how many.
async fn publish(url: &str, s: &Scenario) -> u64 {
    let ns = connect(url).await;
    let devices: String = s.devices_csv().map(|l| l + "\n").collect();
    let keys = DeviceKeys::new(&read_devices("devices.csv", &devices).expect("devices"));
    let mut b = Batcher::new(ns.publisher(), keys, 16);
    for f in s.flows() {
        b.push(&f).await.expect("publish");
    }
    b.flush().await.expect("flush");
    let batches = b.batches;
    let p = b.finish().await.expect("finish");
    assert_eq!(p.partitions(), 8);
    batches
}

/// A member that audits until `stop`, then commits and leaves.
fn member(
    url: String,
    s: Scenario,
    id: &'static str,
    stop: Arc<AtomicBool>,
    taken: Arc<AtomicU64>,
) -> tokio::task::JoinHandle<(Stats, Vec<Finding>)> {
    tokio::spawn(async move {
        let ns = connect(&url).await;
        let m = ns.join(GROUP, id).await.expect("join");
        let mut a = StreamAuditor::new(m, auditor(&s), 4);
        a.run_until(|st, _| {
            taken.store(st.partitions_taken, Ordering::Relaxed);
            stop.load(Ordering::Relaxed)
        })
        .await
        .expect("audits");
        a.leave().await.expect("leaves")
    })
}

/// Waits until every partition's checkpoint covers its last batch; returns the checkpoints.
async fn all_checkpointed(base: &str, group: &str) -> BTreeMap<u32, bytes::Bytes> {
    let client = async_nats::connect("127.0.0.1:4222").await.expect("connect");
    let js = async_nats::jetstream::new(client);
    let stream = js.get_stream(base).await.expect("stream");
    // The bucket appears when the first member joins.
    let state = loop {
        match js.get_key_value(format!("{base}_{group}_state")).await {
            Ok(b) => break b,
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    };
    let mut last = BTreeMap::new();
    for p in 0..8u32 {
        if let Ok(m) = stream.get_last_raw_message_by_subject(&format!("{base}.p.{p}")).await {
            last.insert(p, m.sequence);
        }
    }
    loop {
        let mut all = BTreeMap::new();
        for (&p, &seq) in &last {
            let v = state.get(format!("p{p}")).await.expect("read checkpoint").unwrap_or_default();
            if v.len() >= 8 && u64::from_le_bytes(v[..8].try_into().expect("8 bytes")) == seq {
                all.insert(p, v.slice(8..));
            }
        }
        if all.len() == last.len() {
            return all;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The per-device state the group ends with is what one auditor reaches over all flows.
fn same_states_as_one_auditor(s: &Scenario, checkpoints: &BTreeMap<u32, bytes::Bytes>) {
    let mut whole = auditor(s);
    for f in s.flows() {
        whole.check(&f);
    }
    let mut seen = BTreeSet::new();
    for (p, cp) in checkpoints {
        let v: serde_json::Value = serde_json::from_slice(cp).expect("checkpoint JSON");
        for d in v["devices"].as_array().expect("devices") {
            let name = d["name"].as_str().expect("name");
            let i = whole.devices().iter().position(|x| x.name == name).expect("known device");
            let st: DeviceState = serde_json::from_value(d["state"].clone()).expect("state");
            assert_eq!(st, whole.device_state(i), "partition {p}, device {name}");
            assert!(seen.insert(name.to_string()), "{name} in two partitions");
        }
    }
    assert_eq!(seen.len(), s.devices, "every device's state is checkpointed once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_joining_later_gets_its_share_and_the_audit_stays_exact() {
    let base = unique("j");
    let url = format!("{SERVER}/{base}");
    let s = Scenario::new(500);
    publish(&url, &s).await;
    let run = async {
        let stop = Arc::new(AtomicBool::new(false));
        let taken = Arc::new(AtomicU64::new(0));
        let first = {
            let (url, stop, taken) = (url.clone(), stop.clone(), taken.clone());
            tokio::spawn(async move {
                let ns = connect(&url).await;
                let m = ns.join(GROUP, "first").await.expect("join");
                let mut a = StreamAuditor::new(m, auditor(&s), 4);
                // Alone long enough to own every partition, then joined by the second.
                a.run_until(|st, _| st.partitions_taken == 8 && st.batches >= 3).await.expect("audits");
                let owned_alone = a.member().owned().len();
                let (url2, stop2) = (url.clone(), stop.clone());
                let second = member(url2, s, "second", stop2, taken);
                a.run_until(|_, _| stop.load(Ordering::Relaxed)).await.expect("audits");
                let (st, _) = a.leave().await.expect("leaves");
                (owned_alone, st, second.await.expect("second ran").0)
            })
        };
        let checkpoints = all_checkpointed(&base, GROUP).await;
        // The first may have audited everything before the group rebalanced: wait for it.
        while taken.load(Ordering::Relaxed) == 0 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        stop.store(true, Ordering::Relaxed);
        let (owned_alone, a, b) = first.await.expect("first ran");
        (owned_alone, a, b, checkpoints)
    };
    let (owned_alone, a, b, checkpoints) =
        tokio::time::timeout(Duration::from_secs(240), run).await.expect("the group audits the whole stream");
    println!("first: {a:?}\nsecond: {b:?}");
    assert_eq!(owned_alone, 8, "alone, a member owns every partition");
    assert!(a.partitions_given >= 1 && b.partitions_taken >= 1, "the first gave the second its share");
    assert_eq!(a.reported + b.reported, 40, "15 devices: 20 violation groups and 20 patterns, once each");
    same_states_as_one_auditor(&s, &checkpoints);
    let ns = connect(&url).await;
    let reports = ns.reports(GROUP).await.expect("reports");
    assert_eq!(reports.len(), 40, "each finding once in the reports stream");
    ns.delete(&[GROUP]).await.expect("clean up");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_auditors_one_killed_every_violation_reported_exactly_once() {
    let base = unique("t");
    let url = format!("{SERVER}/{base}");
    let s = Scenario::new(500);
    let published = publish(&url, &s).await;
    assert!(published > 100, "{published} batches");

    let run = async {
        // The member to be killed starts alone, so it takes every partition and then gives most
        // of them back when the others join.
        let a_progress = Arc::new(AtomicU64::new(0));
        let killed = {
            let (url, s, progress) = (url.clone(), s, a_progress.clone());
            tokio::spawn(async move {
                let ns = connect(&url).await;
                let m = ns.join(GROUP, "a").await.expect("join");
                // Never commits on its own count: what it audits before dying is lost with it.
                let mut a = StreamAuditor::new(m, auditor(&s), u32::MAX);
                // Killed right after it first reports a finding: that batch is not committed,
                // so a survivor audits it again and finds the same thing (or, should none of its
                // partitions hold a misbehaving device, once it has nothing left to do).
                a.run_until(|st, idle| {
                    progress.store(st.batches, Ordering::Relaxed);
                    st.reported >= 1 || idle >= 250
                })
                .await
                .expect("audits");
                // Killed: no commit, no release, the connection closes. Its leases lapse.
                let (stats, findings) = (a.stats, a.findings.clone());
                drop(a);
                drop(ns);
                (stats, findings)
            })
        };
        let stop = Arc::new(AtomicBool::new(false));
        // The others join once the first is at work.
        while a_progress.load(Ordering::Relaxed) < 5 && !killed.is_finished() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let b = member(url.clone(), s, "b", stop.clone(), Arc::default());
        let c = member(url.clone(), s, "c", stop.clone(), Arc::default());
        let (a_stats, a_findings) = killed.await.expect("member a ran");
        assert!(a_stats.batches >= 5);

        let checkpoints = all_checkpointed(&base, GROUP).await;
        stop.store(true, Ordering::Relaxed);
        let (b_stats, _) = b.await.expect("member b ran");
        let (c_stats, _) = c.await.expect("member c ran");
        (a_stats, a_findings, b_stats, c_stats, checkpoints)
    };
    let (a_stats, a_findings, b_stats, c_stats, checkpoints) =
        tokio::time::timeout(Duration::from_secs(240), run)
            .await
            .expect("the group audits the whole stream within 4 minutes");
    println!("published {published} batches\nkilled a: {a_stats:?}\nb: {b_stats:?}\nc: {c_stats:?}");

    // Every finding in the group's reports stream, exactly once.
    let ns = connect(&url).await;
    let reports: Vec<Finding> = ns
        .reports(GROUP)
        .await
        .expect("reports")
        .iter()
        .map(|b| serde_json::from_slice(b).expect("a finding"))
        .collect();
    let mut keys = BTreeSet::new();
    for f in &reports {
        assert!(keys.insert(f.key.clone()), "finding {} reported twice", f.key);
    }
    assert!(a_findings.iter().all(|f| keys.contains(&f.key)), "what the killed member reported is kept");
    let truth = s.ground_truth();
    let expected: BTreeMap<String, BTreeSet<PatternKind>> =
        truth.violations.iter().map(|v| (v.device.clone(), v.patterns.iter().copied().collect())).collect();
    let mut found: BTreeMap<String, BTreeSet<PatternKind>> = BTreeMap::new();
    for f in &reports {
        let e = found.entry(f.device.clone()).or_default();
        if let Some(p) = &f.pattern {
            e.insert(p.kind);
        }
    }
    assert_eq!(found, expected, "reported devices and patterns equal the injected ones (no false alarm)");

    same_states_as_one_auditor(&s, &checkpoints);
    // The survivors redid what the killed member had not committed, and found again what it
    // had reported from it: the broker dropped those repeats.
    assert!(b_stats.batches + c_stats.batches + a_stats.batches > published);
    assert!(b_stats.duplicates + c_stats.duplicates >= a_stats.reported);
    ns.delete(&[GROUP]).await.expect("clean up");
}

//! The registry through the binary: the README's walk-through, the bundle and the monitor, a
//! crash in the middle of concurrent publishes, and three servers on one PostgreSQL database.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::SigningKey;
use serde_json::{Value, json};

use crate::util::root;

/// An `iotlabel serve` process, killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("iotlabel"))
            .current_dir(root())
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .env_remove("RUST_LOG")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let url = loop {
            let line = lines.next().expect("serve printed its address").unwrap();
            if let Some(rest) = line.strip_prefix("listening on ") {
                break rest.split_whitespace().next().unwrap().trim_end_matches('/').to_owned();
            }
        };
        // Keep reading so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, url }
    }

    fn kill9(&mut self) {
        let _ = Command::new("kill").args(["-9", &self.child.id().to_string()]).status();
        let _ = self.child.wait();
    }

    fn terminate(&mut self) -> std::process::ExitStatus {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        self.child.wait().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

/// `iotlabel`, remembering log keys in `known` (not in the user's own file).
fn with_known_logs(known: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = crate::util::iotlabel();
    cmd.env("IOTLABEL_KNOWN_LOGS", known);
    cmd
}

fn get(url: &str) -> Value {
    agent().get(url).call().unwrap().body_mut().read_json().unwrap()
}

/// `advise` and `compare` take registered label ids with --registry: the label is verified in
/// the log (its key remembered on first use), its live status counts (a revoked label fails the
/// first must-have), and an unknown id is named with the closest registered one.
#[test]
fn advice_on_registered_labels_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let known = dir.path().join("known-logs.json");
    let data = dir.path().join("data");
    let server = Server::start(&["--demo", "--data-dir", data.to_str().unwrap()]);
    let labels = get(&format!("{}/api/v1/labels?limit=1000", server.url));
    let state = |want: &str| -> String {
        labels["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .find(|id| get(&format!("{}/api/v1/labels/{id}", server.url))["status"]["state"] == want)
            .unwrap_or_else(|| panic!("the demo has a {want} label"))
    };
    let (active, revoked) = (state("active"), state("revoked"));
    let profile = "examples/profiles/older-alone.toml";
    let out = with_known_logs(&known)
        .args([
            "advise",
            "--profile",
            profile,
            &active,
            &revoked,
            "--registry",
            &server.url,
            "--format",
            "json",
        ])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["devices"][0]["label_id"], active.as_str(), "{v}");
    assert_eq!(v["devices"][1]["label_id"], revoked.as_str(), "{v}");
    assert!(
        v["devices"][0]["missed_must_haves"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["must_have"] != "label_stands"),
        "{v}"
    );
    assert_eq!(v["devices"][1]["fit"], "fails-must-haves", "{v}");
    assert_eq!(v["devices"][1]["missed_must_haves"][0]["must_have"], "label_stands", "{v}");
    let remembered = std::fs::read_to_string(&known).expect("the log key is remembered on first use");
    let sth = get(&format!("{}/api/v1/log/sth", server.url));
    let remembered: Value = serde_json::from_str(&remembered).unwrap();
    assert!(remembered.as_object().unwrap().values().any(|k| *k == sth["key"]), "{remembered} {sth}");

    // compare ranks the revoked label last.
    let out = with_known_logs(&known)
        .args([
            "compare",
            &revoked,
            &active,
            "--profile",
            profile,
            "--registry",
            &server.url,
            "--format",
            "json",
        ])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["devices"].as_array().unwrap().last().unwrap()["label_id"], revoked.as_str(), "{v}");

    // A typo in the id: bad input, with the closest registered id.
    let mut typo = active.clone();
    typo.pop();
    let out = with_known_logs(&known)
        .args(["advise", "--profile", profile, &typo, "--registry", &server.url])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains(&format!("has no label \"{typo}\"")) && err.contains(&format!("did you mean {active}?")),
        "{err}"
    );
    // Without --registry, the id is a missing file.
    with_known_logs(&known).args(["advise", "--profile", profile, &active]).assert().code(2);
}

#[test]
fn publish_verify_revoke_as_the_readme_walks_through() {
    let dir = tempfile::tempdir().unwrap();
    let known = dir.path().join("known-logs.json");
    let iotlabel = || with_known_logs(&known);
    let data = dir.path().join("data");
    let mut server = Server::start(&["--open-enrolment", "--data-dir", data.to_str().unwrap()]);
    let key = dir.path().join("maker.key");
    let out = iotlabel().args(["keygen", "--out", key.to_str().unwrap()]).assert().success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("key id: ed25519:"));
    iotlabel().args(["keygen", "--out", key.to_str().unwrap()]).assert().code(2);

    let out = iotlabel()
        .args([
            "publish",
            "examples/devices/acme-cam-2.toml",
            "--registry",
            &server.url,
            "--key",
            key.to_str().unwrap(),
        ])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let id = stdout.lines().last().unwrap().to_owned();
    assert_eq!(id, "acme-cam-2-b1-2-4-1", "publish prints the label id last:\n{stdout}");
    assert!(stdout.contains(&format!("{}/l/{id}?d=", server.url)), "{stdout}");

    // The same key cannot publish another maker's device.
    let out = iotlabel()
        .args([
            "publish",
            "examples/devices/plugsafe-mini.toml",
            "--registry",
            &server.url,
            "--key",
            key.to_str().unwrap(),
        ])
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("refused"));

    let bundle = dir.path().join("label.bundle");
    let out = iotlabel()
        .args(["verify", &id, "--registry", &server.url, "--save", bundle.to_str().unwrap()])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("status: active"));

    iotlabel()
        .args([
            "revoke",
            &id,
            "--reason",
            "Recalled",
            "--registry",
            &server.url,
            "--key",
            key.to_str().unwrap(),
        ])
        .assert()
        .success();
    let out =
        iotlabel().args(["verify", &id, "--registry", &server.url, "--format", "json"]).assert().code(1);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["record"]["status"]["state"], "revoked");
    assert_eq!(v["record"]["status"]["reason"], "Recalled");

    // Offline: the bundle still proves the label as it was, against the log key remembered
    // when the label was first verified against the registry.
    assert!(std::fs::read_to_string(&known).unwrap().contains("/log+"), "the log key was remembered");
    let out = iotlabel()
        .args(["verify", "--bundle", bundle.to_str().unwrap(), "--format", "json"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["verified"], true);
    assert_eq!(v["status_as_of_bundle"], true);
    // The bundle carries the key's logged enrolment (publish enrolled it on first use).
    let keys = v["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 1, "{v}");
    assert_eq!(keys[0]["account"], "acme");
    assert!(keys[0]["enrolled_at"].is_u64(), "the enrolment is in the bundle: {v}");
    // A bundle cannot vouch for its own log key: with no key known or pinned, it does not verify.
    let out = with_known_logs(&dir.path().join("empty.json"))
        .args(["verify", "--bundle", bundle.to_str().unwrap()])
        .assert()
        .code(4);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("--log-key"));
    // With the registry: consistent with today's log, and today's status.
    let out = iotlabel()
        .args(["verify", "--bundle", bundle.to_str().unwrap(), "--registry", &server.url, "--format", "json"])
        .assert()
        .code(1);
    let v: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(v["consistent_with_tree_size"].as_u64().unwrap() > v["tree_size"].as_u64().unwrap());
    assert_eq!(v["record"]["status"]["state"], "revoked");

    // A tampered bundle does not verify (exit 4).
    let mut b: Value = serde_json::from_str(&std::fs::read_to_string(&bundle).unwrap()).unwrap();
    let declaration = b["entries"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| e["signed_statement"]["statement"]["kind"] == "declaration")
        .unwrap();
    b["entries"][declaration]["signed_statement"]["statement"]["payload"]["identity"]["model"] =
        json!("Cam 3");
    let forged = dir.path().join("forged.bundle");
    std::fs::write(&forged, b.to_string()).unwrap();
    let out = iotlabel().args(["verify", "--bundle", forged.to_str().unwrap()]).assert().code(4);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("does not verify"));
    // A pinned log key that is not the registry's: exit 4.
    let other = iotlabel_tlog::NoteSigner::new("other.example/log", SigningKey::from_bytes(&[3; 32]))
        .unwrap()
        .verifier()
        .to_vkey();
    iotlabel().args(["verify", "--bundle", bundle.to_str().unwrap(), "--log-key", &other]).assert().code(4);
    // A key that is not a key at all: bad input.
    iotlabel()
        .args([
            "verify",
            "--bundle",
            bundle.to_str().unwrap(),
            "--log-key",
            "other.example/log+01234567+AQ==",
        ])
        .assert()
        .code(2);

    // The monitor follows the head.
    iotlabel()
        .args(["verify", "--monitor", &server.url, "--polls", "2", "--interval", "0"])
        .assert()
        .success();

    // Graceful stop on SIGTERM; the data survives a restart.
    assert!(server.terminate().success());
    let server = Server::start(&["--data-dir", data.to_str().unwrap()]);
    let rec = get(&format!("{}/api/v1/labels/{id}", server.url));
    assert_eq!(rec["status"]["state"], "revoked");

    // The admin commands work on the same database.
    iotlabel()
        .args(["admin", "--data-dir", data.to_str().unwrap(), "account", "add", "Lab One", "--role", "lab"])
        .assert()
        .success();
    // A maker whose slug overlaps an existing maker's (label ids could collide) needs a decision.
    let add_maker = |extra: &[&str]| {
        let mut cmd = iotlabel();
        cmd.args([
            "admin",
            "--data-dir",
            data.to_str().unwrap(),
            "account",
            "add",
            "Acme Cam",
            "--role",
            "manufacturer",
        ]);
        cmd.args(extra);
        cmd.assert()
    };
    let out = add_maker(&[]).code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("overlaps the maker Acme (acme)") && err.contains("--allow-overlap"), "{err}");
    add_maker(&["--allow-overlap"]).success();
    iotlabel()
        .args(["admin", "--data-dir", data.to_str().unwrap(), "accredit", "lab-one", "etsi-en-303-645"])
        .assert()
        .success();
    iotlabel()
        .args(["admin", "--data-dir", data.to_str().unwrap(), "accredit", "lab-one", "no-such-scheme"])
        .assert()
        .code(2);
    let out = iotlabel()
        .args(["admin", "--data-dir", data.to_str().unwrap(), "audit", "--format", "json"])
        .assert()
        .success();
    let trail: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let actions: Vec<&str> = trail.as_array().unwrap().iter().filter_map(|e| e["action"].as_str()).collect();
    assert!(actions.contains(&"admin.accredit") && actions.contains(&"statement.refused"), "{actions:?}");
}

#[test]
fn the_monitor_fails_loudly_on_a_split_view() {
    let scratch = tempfile::tempdir().unwrap();
    let known = scratch.path().join("known-logs.json");
    let iotlabel = || with_known_logs(&known);
    // Two servers share a log key and the first entries, then each logs a different statement:
    // two signed heads of one size with different roots.
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let key = dir.path().join("maker.key");
    iotlabel().args(["keygen", "--out", key.to_str().unwrap()]).assert().success();
    {
        let s = Server::start(&[
            "--open-enrolment",
            "--data-dir",
            a.to_str().unwrap(),
            "--public-url",
            "http://log.test/",
        ]);
        iotlabel()
            .args([
                "publish",
                "examples/devices/acme-cam-2.toml",
                "--registry",
                &s.url,
                "--key",
                key.to_str().unwrap(),
            ])
            .assert()
            .success();
    }
    std::fs::create_dir_all(&b).unwrap();
    for f in ["registry.db", "registry.db-wal", "registry.db-shm"] {
        if a.join(f).exists() {
            std::fs::copy(a.join(f), b.join(f)).unwrap();
        }
    }
    let sa = Server::start(&["--data-dir", a.to_str().unwrap(), "--public-url", "http://log.test/"]);
    let sb = Server::start(&["--data-dir", b.to_str().unwrap(), "--public-url", "http://log.test/"]);
    iotlabel()
        .args([
            "revoke",
            "acme-cam-2-b1-2-4-1",
            "--reason",
            "A",
            "--registry",
            &sa.url,
            "--key",
            key.to_str().unwrap(),
        ])
        .assert()
        .success();
    iotlabel()
        .args([
            "revoke",
            "acme-cam-2-b1-2-4-1",
            "--reason",
            "B",
            "--registry",
            &sb.url,
            "--key",
            key.to_str().unwrap(),
        ])
        .assert()
        .success();
    let out = iotlabel()
        .args(["verify", "--monitor", &sa.url, "--monitor", &sb.url, "--polls", "1"])
        .assert()
        .code(4);
    assert!(
        String::from_utf8_lossy(&out.get_output().stderr).contains("SPLIT VIEW"),
        "{:?}",
        out.get_output()
    );
}

fn signed(kind: iotlabel_statement::Kind, subject: &str, payload: Value, key: &SigningKey) -> String {
    let mut nonce = [0u8; 16];
    getrandom::fill(&mut nonce).unwrap();
    let st = iotlabel_statement::Statement::new(
        kind,
        subject,
        payload,
        &key.verifying_key(),
        chrono::Utc::now(),
        &nonce,
    );
    iotlabel_statement::sign(st, key).unwrap().to_json()
}

/// Declarations of distinct labels of one maker (the example with its model changed).
fn declarations(n: usize) -> Vec<(String, Value)> {
    let text = std::fs::read_to_string(root().join("examples/devices/acme-cam-2.toml")).unwrap();
    let decl = iotlabel_model::parse_declaration("acme", &text, iotlabel_model::Format::Toml).unwrap();
    (0..n)
        .map(|i| {
            let mut d = decl.clone();
            d.identity.model = format!("Cam {i}");
            (iotlabel_label::facts::label_id(&d.identity), serde_json::to_value(d).unwrap())
        })
        .collect()
}

fn enrol(url: &str, key: &SigningKey) {
    let p = json!({"action": "enrol", "account": "Acme", "public_key": STANDARD.encode(key.verifying_key().as_bytes())});
    let status = agent()
        .post(&format!("{url}/api/v1/statements"))
        .send(signed(iotlabel_statement::Kind::KeyChange, "acme", p, key))
        .unwrap()
        .status();
    assert_eq!(status.as_u16(), 201);
}

/// Publishes from `threads` threads until done or the server goes away; returns the (index,
/// leaf hash) pairs the servers acknowledged. `acks` counts them as they come.
fn publish_many(
    urls: &[String],
    key: &SigningKey,
    decls: Vec<(String, Value)>,
    threads: usize,
    acks: Arc<std::sync::atomic::AtomicUsize>,
) -> Vec<(u64, String)> {
    let decls = Arc::new(decls);
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let decls = Arc::clone(&decls);
            let key = key.clone();
            let url = urls[t % urls.len()].clone();
            let acks = Arc::clone(&acks);
            std::thread::spawn(move || {
                let agent = agent();
                let mut acked = Vec::new();
                for (id, d) in decls.iter().skip(t).step_by(threads) {
                    let body = signed(iotlabel_statement::Kind::Declaration, id, d.clone(), &key);
                    match agent.post(&format!("{url}/api/v1/statements")).send(body) {
                        Ok(mut r) if r.status().as_u16() == 201 => {
                            let v: Value = r.body_mut().read_json().unwrap();
                            acked.push((
                                v["index"].as_u64().unwrap(),
                                v["leaf_hash"].as_str().unwrap().to_owned(),
                            ));
                            acks.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        }
                        Ok(r) => panic!("refused: {}", r.status()),
                        Err(_) => break, // the server went away
                    }
                }
                acked
            })
        })
        .collect();
    handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
}

/// Every entry of the log at `url` is present, gapless, and included under its signed checkpoint.
fn check_log(url: &str, acked: &[(u64, String)]) -> u64 {
    let sth = get(&format!("{url}/api/v1/log/sth"));
    let size = sth["tree_size"].as_u64().unwrap();
    let verifier = iotlabel_tlog::NoteVerifier::from_vkey(sth["key"].as_str().unwrap()).unwrap();
    let (cp, _) =
        iotlabel_tlog::note::open_checkpoint(sth["checkpoint"].as_str().unwrap(), &[verifier]).unwrap();
    assert_eq!(cp.size, size);
    let mut leaves = Vec::new();
    let mut start = 0;
    while start < size {
        let page = get(&format!("{url}/api/v1/log/entries?start={start}"));
        let entries = page["entries"].as_array().unwrap();
        assert!(!entries.is_empty());
        for e in entries {
            assert_eq!(e["index"].as_u64().unwrap(), start, "no gap");
            let signed: iotlabel_statement::SignedStatement =
                serde_json::from_value(e["signed_statement"].clone()).unwrap();
            let leaf = iotlabel_tlog::leaf_hash(&iotlabel_statement::jcs::to_vec(&signed).unwrap());
            assert_eq!(STANDARD.encode(leaf), e["leaf_hash"].as_str().unwrap(), "entry {start} is whole");
            leaves.push(leaf);
            start += 1;
        }
    }
    let mut tree = iotlabel_tlog::Tree::new();
    for l in &leaves {
        tree.append_leaf_hash(*l);
    }
    assert_eq!(
        tree.root(size).unwrap(),
        cp.root_hash,
        "the checkpoint's root is the root of the entries served"
    );
    for (index, leaf) in acked {
        assert!(*index < size, "acknowledged entry {index} is in the log of {size}");
        assert_eq!(
            &STANDARD.encode(leaves[*index as usize]),
            leaf,
            "acknowledged entry {index} is the one acknowledged"
        );
    }
    size
}

#[test]
fn a_crash_mid_publish_loses_no_acknowledged_statement() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut server = Server::start(&[
        "--open-enrolment",
        "--data-dir",
        data.to_str().unwrap(),
        "--per-client-per-minute",
        "100000",
        "--per-key-per-minute",
        "100000",
    ]);
    let key = SigningKey::from_bytes(&[9; 32]);
    enrol(&server.url, &key);
    let url = server.url.clone();
    let acks = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = Arc::clone(&acks);
    let publisher = std::thread::spawn(move || publish_many(&[url], &key, declarations(3000), 6, counter));
    // Kill in the middle of the stream: once some statements are acknowledged.
    while acks.load(std::sync::atomic::Ordering::SeqCst) < 100 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    server.kill9();
    let acked = publisher.join().unwrap();
    assert!(!acked.is_empty(), "some publishes were acknowledged before the kill");
    let server = Server::start(&["--data-dir", data.to_str().unwrap()]);
    let size = check_log(&server.url, &acked);
    assert!(size > acked.len() as u64 / 2);
}

#[test]
fn three_servers_on_one_postgresql_database_keep_one_log() {
    let url = std::env::var("IOTLABEL_TEST_POSTGRES_URL")
        .expect("set IOTLABEL_TEST_POSTGRES_URL, e.g. postgres://postgres@127.0.0.1:5432/test (CI sets it)");
    let schema = format!(
        "iotlabel_cli_{}_{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0)
    );
    let common = [
        "--database",
        url.as_str(),
        "--schema",
        schema.as_str(),
        "--open-enrolment",
        "--public-url",
        "http://one-log.test/",
        "--per-client-per-minute",
        "100000",
    ];
    let servers: Vec<Server> = (0..3).map(|_| Server::start(&common)).collect();
    let key = SigningKey::from_bytes(&[11; 32]);
    enrol(&servers[0].url, &key);
    let urls: Vec<String> = servers.iter().map(|s| s.url.clone()).collect();
    let acked = publish_many(&urls, &key, declarations(150), 6, Arc::default());
    assert_eq!(acked.len(), 150);
    let mut indexes: Vec<u64> = acked.iter().map(|a| a.0).collect();
    indexes.sort_unstable();
    assert_eq!(indexes, (1..=150).collect::<Vec<_>>(), "one gapless order across the servers");
    // Each server serves the same log (after it has read the others' appends).
    std::thread::sleep(std::time::Duration::from_millis(600));
    let roots: Vec<String> = urls
        .iter()
        .map(|u| {
            check_log(u, &acked);
            get(&format!("{u}/api/v1/log/sth"))["root_hash"].as_str().unwrap().to_owned()
        })
        .collect();
    assert!(roots.windows(2).all(|w| w[0] == w[1]), "{roots:?}");
    drop(servers);
    let mut client = postgres_drop(&url);
    client(&schema);
}

/// Drops a test schema (the servers are gone).
fn postgres_drop(url: &str) -> impl FnMut(&str) + use<> {
    let url = url.to_owned();
    move |schema: &str| {
        let status = Command::new("psql")
            .arg(&url)
            .args(["-q", "-c", &format!("DROP SCHEMA IF EXISTS {schema} CASCADE")])
            .env("PGOPTIONS", "--client-min-messages=warning")
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("note: could not drop test schema {schema}");
        }
    }
}

/// `scan --registry`: the label each device advertises at /.well-known/iot-label is fetched from
/// the registry and verified; an active label with its registered digest passes, a revoked one,
/// one with another digest and one the registry does not hold are findings.
#[test]
fn scan_checks_advertised_labels_against_the_registry() {
    use iotlabel_advertise::{Advert, Config, MdnsMode, Responder};
    let dir = tempfile::tempdir().unwrap();
    let known = dir.path().join("known-logs.json");
    let data = dir.path().join("data");
    let server = Server::start(&["--demo", "--data-dir", data.to_str().unwrap()]);
    let labels = get(&format!("{}/api/v1/labels?limit=1000", server.url));
    let with_state = |want: &str| -> Value {
        labels["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| get(&format!("{}/api/v1/labels/{}", server.url, r["id"].as_str().unwrap())))
            .find(|r| r["status"]["state"] == want)
            .unwrap_or_else(|| panic!("the demo has a {want} label"))
    };
    let (active, revoked) = (with_state("active"), with_state("revoked"));
    let s = |v: &Value| v.as_str().unwrap().to_owned();
    let other_digest = format!("sha256:{}", "ab".repeat(32));
    // address, id, digest advertised, the finding expected
    let devices = [
        ("127.10.22.1", s(&active["id"]), s(&active["digest"]), None),
        ("127.10.22.2", s(&revoked["id"]), s(&revoked["digest"]), Some("label.revoked")),
        ("127.10.22.3", s(&active["id"]), other_digest.clone(), Some("label.digest-mismatch")),
        ("127.10.22.4", "acme-nothing-fw-0".to_owned(), other_digest, Some("label.unregistered")),
    ];
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    for (addr, id, digest, _) in &devices {
        let advert =
            Advert::new(id.clone(), format!("{}/l/{id}", server.url), digest.clone(), None, "Acme", "Test");
        let config = Config::new(format!("{addr}:80").parse().unwrap(), MdnsMode::Off);
        let responder = rt.block_on(Responder::bind(advert, &config)).expect("advertiser binds");
        let mut stopped = stopped.clone();
        rt.spawn(responder.run(async move {
            let _ = stopped.wait_for(|s| *s).await;
        }));
    }
    let out = with_known_logs(&known)
        .args(["scan", "127.10.22.1-4", "--ports", "80", "--format", "json", "--registry", &server.url])
        .assert()
        .code(1);
    let _ = stop.send(true);
    let report: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    for (addr, id, _, want) in &devices {
        let host = report["hosts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["address"] == *addr)
            .unwrap_or_else(|| panic!("{addr} in the report: {report}"));
        assert_eq!(host["label"]["id"], id.as_str(), "{host}");
        assert!(host["label"]["registry"].is_object(), "the registry's answer is kept: {host}");
        let checks: Vec<&str> =
            host["findings"].as_array().unwrap().iter().map(|f| f["check"].as_str().unwrap()).collect();
        let want: Vec<&str> = want.iter().copied().collect();
        assert_eq!(checks, want, "{addr}: {host}");
    }
    // A registry that is not there: refused before scanning, exit 5.
    with_known_logs(&known)
        .args(["scan", "127.10.22.1", "--ports", "80", "--registry", "http://127.0.0.1:9"])
        .assert()
        .code(5);
}

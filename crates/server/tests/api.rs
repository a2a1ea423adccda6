//! The registry's HTTP API, end to end on a real socket and a real SQLite file: every rule of
//! admission, the log's proofs and tiles, the derived status, the OpenAPI table.

use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{TimeDelta, Utc};
use ed25519_dalek::SigningKey;
use iotlabel_registry::payload::{AttestationPayload, KeyChangePayload};
use iotlabel_registry::{Account, Accreditation, KeyRecord, Role};
use iotlabel_server::{Config, Registry, Store};
use iotlabel_statement::{Kind, SignedStatement, Statement};
use iotlabel_store_sqlite::{Options, SqliteStore};
use serde_json::{Value, json};

struct Server {
    url: String,
    registry: Arc<Registry>,
    _dir: tempfile::TempDir,
    agent: ureq::Agent,
}

fn start(tune: impl FnOnce(&mut Config)) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let store: Arc<dyn Store> =
        Arc::new(SqliteStore::open(&dir.path().join("r.db"), Options::default()).unwrap());
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let mut config = Config::new(&format!("http://{addr}/"));
    config.policy.open_enrolment = true;
    tune(&mut config);
    let registry = Arc::new(Registry::open(config, store, iotlabel_catalog::Catalogs::builtin()).unwrap());
    let r = Arc::clone(&registry);
    std::thread::spawn(move || rt.block_on(iotlabel_server::serve(r, listener, std::future::pending())));
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    Server { url: format!("http://{addr}"), registry, _dir: dir, agent }
}

impl Server {
    fn post_text(&self, body: &str) -> (u16, Value) {
        let mut resp = self
            .agent
            .post(&format!("{}/api/v1/statements", self.url))
            .content_type("application/json")
            .send(body)
            .unwrap();
        let status = resp.status().as_u16();
        (status, resp.body_mut().read_json().unwrap_or(Value::Null))
    }

    fn post(&self, s: &SignedStatement) -> (u16, Value) {
        self.post_text(&s.to_json())
    }

    fn get(&self, path: &str) -> (u16, Vec<u8>) {
        let mut resp = self.agent.get(&format!("{}{path}", self.url)).call().unwrap();
        let status = resp.status().as_u16();
        (status, resp.body_mut().with_config().limit(64 << 20).read_to_vec().unwrap())
    }

    fn get_json(&self, path: &str) -> (u16, Value) {
        let (s, b) = self.get(path);
        (s, serde_json::from_slice(&b).unwrap_or(Value::Null))
    }
}

fn key(name: &str) -> SigningKey {
    let mut seed = [0u8; 32];
    seed[..name.len().min(32)].copy_from_slice(&name.as_bytes()[..name.len().min(32)]);
    SigningKey::from_bytes(&seed)
}

fn nonce() -> [u8; 16] {
    let mut n = [0u8; 16];
    getrandom::fill(&mut n).unwrap();
    n
}

fn sign_at(
    kind: Kind,
    subject: &str,
    payload: Value,
    k: &SigningKey,
    at: chrono::DateTime<Utc>,
) -> SignedStatement {
    iotlabel_statement::sign(Statement::new(kind, subject, payload, &k.verifying_key(), at, &nonce()), k)
        .unwrap()
}

fn sign(kind: Kind, subject: &str, payload: Value, k: &SigningKey) -> SignedStatement {
    sign_at(kind, subject, payload, k, Utc::now())
}

fn enrol(name: &str, slug: &str, k: &SigningKey) -> SignedStatement {
    let p = KeyChangePayload::Enrol {
        account: name.into(),
        public_key: STANDARD.encode(k.verifying_key().as_bytes()),
    };
    sign(Kind::KeyChange, slug, serde_json::to_value(p).unwrap(), k)
}

fn example(file: &str) -> Value {
    let path = format!("{}/../../examples/devices/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let decl = iotlabel_model::parse_declaration(&path, &text, iotlabel_model::Format::Toml).unwrap();
    serde_json::to_value(decl).unwrap()
}

/// Creates the lab account "Lab One" (slug `lab-one`) holding `key`, as an administrator would.
fn add_lab(store: &dyn Store, key: &SigningKey) {
    store.create_account(&Account::new("Lab One", Role::Lab, Utc::now())).unwrap();
    store
        .add_key(&KeyRecord {
            key_id: iotlabel_statement::key_id(&key.verifying_key()),
            account: "lab-one".into(),
            public_key: STANDARD.encode(key.verifying_key().as_bytes()),
            added_at: Utc::now(),
            revoked_at: None,
        })
        .unwrap();
}

fn label_id(decl: &Value) -> String {
    let d: iotlabel_model::Declaration = serde_json::from_value(decl.clone()).unwrap();
    iotlabel_label::facts::label_id(&d.identity)
}

fn code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or("(no code)")
}

#[test]
fn publish_attest_vex_revoke_and_every_refusal() {
    let s = start(|_| {});
    let acme = key("acme");
    let decl = example("acme-cam-2.toml");
    let id = label_id(&decl);
    let id = id.as_str();

    // Unknown key: refused until enrolled.
    let publish = sign(Kind::Declaration, id, decl.clone(), &acme);
    let (st, body) = s.post(&publish);
    assert_eq!((st, code(&body)), (401, "unknown_key"), "{body}");

    let (st, body) = s.post(&enrol("Acme", "acme", &acme));
    assert_eq!(st, 201, "{body}");
    let (st, body) = s.post(&publish);
    assert_eq!(st, 201, "{body}");
    let url = body["label_url"].as_str().unwrap();
    assert!(url.starts_with(&format!("{}/l/{id}?d=", s.url)), "{url}");

    // Replay of the very same bytes.
    let (st, body) = s.post(&publish);
    assert_eq!((st, code(&body)), (409, "replay"), "{body}");

    // A signature that does not match (payload changed after signing).
    let mut tampered = sign(Kind::Declaration, id, decl.clone(), &acme);
    tampered.statement.payload["identity"]["model"] = json!("Cam 3");
    let (st, body) = s.post(&tampered);
    assert_eq!((st, code(&body)), (401, "bad_signature"), "{body}");

    // Re-signed by someone else: another maker may not publish Acme's label.
    let mallory = key("mallory");
    assert_eq!(s.post(&enrol("Mallory", "mallory", &mallory)).0, 201);
    let (st, body) = s.post(&sign(Kind::Declaration, id, decl.clone(), &mallory));
    assert_eq!((st, code(&body)), (403, "forbidden"), "{body}");
    // ... nor enrol a second key under Acme's name.
    let (st, body) = s.post(&enrol("Acme", "acme", &key("acme-2")));
    assert_eq!((st, code(&body)), (403, "forbidden"), "{body}");

    // Expired and from the future.
    let old = sign_at(Kind::Declaration, id, decl.clone(), &acme, Utc::now() - TimeDelta::hours(2));
    assert_eq!(code(&s.post(&old).1), "not_fresh");
    let future = sign_at(Kind::Declaration, id, decl.clone(), &acme, Utc::now() + TimeDelta::hours(2));
    assert_eq!(code(&s.post(&future).1), "not_fresh");

    // Malformed: the path of the fault is named.
    let (st, body) = s.post_text(r#"{"statement": {"kind": "declaration"}, "signature": "x"}"#);
    assert_eq!((st, code(&body)), (400, "malformed"), "{body}");
    assert!(body["error"]["path"].as_str().is_some_and(|p| p.starts_with("$.")), "{body}");
    let (st, body) = s.post(&sign(Kind::Declaration, "wrong-id", decl.clone(), &acme));
    assert_eq!((st, code(&body)), (400, "malformed"));
    assert_eq!(body["error"]["path"], "$.statement.subject");

    // Too large.
    // (A raw request: the server answers as soon as the declared length is over the cap.)
    let answer = {
        use std::io::{Read as _, Write as _};
        let mut tcp = std::net::TcpStream::connect(s.url.trim_start_matches("http://")).unwrap();
        write!(tcp, "POST /api/v1/statements HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", 2 << 20).unwrap();
        // The server may answer and close before the whole body is sent: write errors are fine.
        let _ = tcp.write_all(&vec![b' '; 2 << 20]);
        tcp.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
        let mut buf = vec![0u8; 4096];
        let mut out = Vec::new();
        while let Ok(n) = tcp.read(&mut buf) {
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
            if out.windows(4).any(|w| w == b"\r\n\r\n") && out.ends_with(b"}}") {
                break;
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("\"too_large\""), "{answer}");

    // The record: active, no contradiction yet.
    let (st, rec) = s.get_json(&format!("/api/v1/labels/{id}"));
    assert_eq!(st, 200);
    assert_eq!(rec["status"]["state"], "active", "{rec}");
    assert_eq!(rec["maker"], "acme");
    assert!(url.ends_with(&rec["digest"].as_str().unwrap()["sha256:".len().."sha256:".len() + 16]));

    // A lab: not accredited, then accredited by an administrator.
    let lab = key("lab");
    let store = &s.registry.store;
    add_lab(store.as_ref(), &lab);
    let ev_path = format!("{}/../../examples/evidence/acme-cam-2-lab.json", env!("CARGO_MANIFEST_DIR"));
    let mut evidence: Value = serde_json::from_str(&std::fs::read_to_string(ev_path).unwrap()).unwrap();
    // The lab finds a factory password accepted, which the declaration denies.
    assert_eq!(evidence["items"][1]["control"], "auth.no-universal-default-password");
    evidence["items"][1]["result"] = json!("fail");
    let attest = |scheme: &str| {
        let p = AttestationPayload { scheme: scheme.into(), evidence: evidence.clone() };
        sign(Kind::Attestation, id, serde_json::to_value(p).unwrap(), &lab)
    };
    let (st, body) = s.post(&attest("etsi-en-303-645"));
    assert_eq!((st, code(&body)), (403, "forbidden"), "{body}");
    store
        .accredit(&Accreditation {
            lab: "lab-one".into(),
            scheme: "etsi-en-303-645".into(),
            granted_at: Utc::now(),
        })
        .unwrap();
    // The evidence also speaks for UK PSTI, which this lab is not accredited for.
    let (st, body) = s.post(&attest("etsi-en-303-645"));
    assert_eq!((st, code(&body)), (400, "malformed"), "{body}");
    assert!(
        body["error"]["message"].as_str().unwrap().contains("outside the lab's accreditations"),
        "{body}"
    );
    store
        .accredit(&Accreditation { lab: "lab-one".into(), scheme: "uk-psti".into(), granted_at: Utc::now() })
        .unwrap();
    let (st, body) = s.post(&attest("etsi-en-303-645"));
    assert_eq!(st, 201, "{body}");
    // A maker does not attest.
    let p = AttestationPayload { scheme: "etsi-en-303-645".into(), evidence: evidence.clone() };
    assert_eq!(
        code(&s.post(&sign(Kind::Attestation, id, serde_json::to_value(p).unwrap(), &acme)).1),
        "forbidden"
    );

    // The lab's failed password test contradicts the declaration.
    let (_, rec) = s.get_json(&format!("/api/v1/labels/{id}"));
    assert_eq!(rec["status"]["state"], "contradicted", "{rec}");
    assert!(!rec["contradicted"].as_array().unwrap().is_empty());
    assert_eq!(rec["attestations"][0]["lab"], "lab-one");

    // VEX from the maker.
    let vex = json!({"bomFormat": "CycloneDX", "specVersion": "1.6", "vulnerabilities": [
        {"id": "CVE-2099-0001", "analysis": {"state": "exploitable"}, "affects": [{"ref": "fw", "versions": [{"version": "2.5.0", "status": "unaffected"}]}]}]});
    assert_eq!(s.post(&sign(Kind::Vex, id, vex, &acme)).0, 201);
    let (_, rec) = s.get_json(&format!("/api/v1/labels/{id}"));
    assert_eq!(rec["vulnerabilities"][0]["state"], "affected");
    assert_eq!(rec["vulnerabilities"][0]["fixed_in"], "2.5.0");

    // Revocation by the maker only, once.
    let reason = json!({"reason": "Recalled: the stream is not encrypted."});
    assert_eq!(code(&s.post(&sign(Kind::Revocation, id, reason.clone(), &mallory)).1), "forbidden");
    assert_eq!(s.post(&sign(Kind::Revocation, id, reason.clone(), &acme)).0, 201);
    assert_eq!(code(&s.post(&sign(Kind::Revocation, id, reason, &acme)).1), "conflict");
    let (_, rec) = s.get_json(&format!("/api/v1/labels/{id}"));
    assert_eq!(rec["status"]["state"], "revoked");
    assert_eq!(rec["status"]["reason"], "Recalled: the stream is not encrypted.");
    // A revoked label stays revoked.
    assert_eq!(code(&s.post(&sign(Kind::Declaration, id, decl.clone(), &acme)).1), "conflict");

    // Key rotation: add a key, revoke the old one; the old key is then refused.
    let acme2 = key("acme-two");
    let add = KeyChangePayload::Add { public_key: STANDARD.encode(acme2.verifying_key().as_bytes()) };
    assert_eq!(s.post(&sign(Kind::KeyChange, "acme", serde_json::to_value(add).unwrap(), &acme)).0, 201);
    let revoke = KeyChangePayload::Revoke { key_id: iotlabel_statement::key_id(&acme.verifying_key()) };
    assert_eq!(s.post(&sign(Kind::KeyChange, "acme", serde_json::to_value(&revoke).unwrap(), &acme2)).0, 201);
    let (st, body) = s.post(&sign(
        Kind::Vex,
        id,
        json!({"bomFormat": "CycloneDX", "vulnerabilities": [{"id": "X"}]}),
        &acme,
    ));
    assert_eq!((st, code(&body)), (401, "revoked_key"), "{body}");
    // The last key cannot be revoked.
    let last = KeyChangePayload::Revoke { key_id: iotlabel_statement::key_id(&acme2.verifying_key()) };
    assert_eq!(
        code(&s.post(&sign(Kind::KeyChange, "acme", serde_json::to_value(last).unwrap(), &acme2)).1),
        "conflict"
    );

    // Every refusal is in the audit trail, with its code.
    let trail = store.audit_trail(100).unwrap();
    for c in [
        "unknown_key",
        "replay",
        "bad_signature",
        "forbidden",
        "not_fresh",
        "malformed",
        "too_large",
        "conflict",
        "revoked_key",
    ] {
        assert!(trail.iter().any(|e| e.code.as_deref() == Some(c)), "no audit event with code {c}");
    }

    // The log: every entry is included under the signed checkpoint, and the tiles agree.
    let (_, sth) = s.get_json("/api/v1/log/sth");
    let size = sth["tree_size"].as_u64().unwrap();
    assert_eq!(size, store.size().unwrap());
    let (cp, _) = iotlabel_tlog::note::open_checkpoint(
        sth["checkpoint"].as_str().unwrap(),
        std::slice::from_ref(&s.registry.log.verifier),
    )
    .unwrap();
    assert_eq!(cp.size, size);
    let root = cp.root_hash;
    let hashes = store.leaf_hashes(0, size).unwrap();
    for (i, leaf) in hashes.iter().enumerate() {
        let (st, p) = s.get_json(&format!("/api/v1/log/proof/inclusion?index={i}&tree_size={size}"));
        assert_eq!(st, 200);
        let path: Vec<iotlabel_tlog::Hash> = p["inclusion_path"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| STANDARD.decode(h.as_str().unwrap()).unwrap().try_into().unwrap())
            .collect();
        iotlabel_tlog::verify_inclusion(leaf, i as u64, size, &path, &root).unwrap();
    }
    let (_, c) = s.get_json(&format!("/api/v1/log/proof/consistency?first=3&second={size}"));
    let path: Vec<iotlabel_tlog::Hash> = c["consistency_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| STANDARD.decode(h.as_str().unwrap()).unwrap().try_into().unwrap())
        .collect();
    let root3 = s.registry.tree().root(3).unwrap();
    iotlabel_tlog::verify_consistency(3, size, &root3, &root, &path).unwrap();
    let (st, tile) = s.get(&format!("/log/tile/0/000.p/{size}"));
    assert_eq!(st, 200);
    assert_eq!(tile, hashes.concat());
    assert_eq!(
        s.get(&format!("/log/tile/0/000.p/{}", size - 1)).0,
        404,
        "only the current partial width is served"
    );
    let (st, bundle) = s.get(&format!("/log/tile/entries/000.p/{size}"));
    assert_eq!(st, 200);
    let mut at = 0;
    for leaf in &hashes {
        let len = u16::from_be_bytes([bundle[at], bundle[at + 1]]) as usize;
        assert_eq!(iotlabel_tlog::leaf_hash(&bundle[at + 2..at + 2 + len]), *leaf);
        at += 2 + len;
    }
    assert_eq!(at, bundle.len());

    // Statements about the label, as logged.
    let (_, list) = s.get_json(&format!("/api/v1/labels/{id}/statements"));
    assert!(list["entries"].as_array().unwrap().len() >= 4);
    // Metrics count what happened.
    let (_, m) = s.get("/metrics");
    let m = String::from_utf8(m).unwrap();
    assert!(m.contains("iotlabel_statements_accepted_total{kind=\"declaration\"} 1"), "{m}");
    assert!(m.contains("iotlabel_statements_refused_total{code=\"replay\"} 1"), "{m}");
    assert!(m.contains("iotlabel_http_requests_total{route=\"/api/v1/labels/{id}\",status=\"200\"}"), "{m}");
}

#[test]
fn rate_limits_per_client_address() {
    let s = start(|c| c.per_client_per_minute = 3);
    let codes: Vec<u16> = (0..5).map(|_| s.post_text("{}").0).collect();
    assert_eq!(codes, [400, 400, 400, 429, 429]);
    let trail = s.registry.store.audit_trail(10).unwrap();
    assert!(
        trail
            .iter()
            .any(|e| e.code.as_deref() == Some("rate_limited") && e.client.as_deref() == Some("127.0.0.1"))
    );
}

#[test]
fn enrolment_is_closed_unless_opened() {
    let s = start(|c| c.policy.open_enrolment = false);
    let (st, body) = s.post(&enrol("Acme", "acme", &key("acme")));
    assert_eq!((st, code(&body)), (401, "unknown_key"), "{body}");
    assert!(body["error"]["suggestion"].as_str().unwrap().contains("admin"));
}

#[test]
fn every_route_of_the_openapi_table_is_served() {
    let s = start(|_| {});
    let (st, doc) = s.get_json("/openapi.json");
    assert_eq!(st, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    for r in iotlabel_server::openapi::ROUTES {
        assert!(doc["paths"][r.path][r.method].is_object(), "{} {}", r.method, r.path);
        let path = r
            .path
            .replace("{id}", "x")
            .replace("{key_id}", "x")
            .replace("{slug}", "x")
            .replace("{path}", "0/000")
            .replace("{index}", "0")
            .replace("{uuid}", "00000000-0000-0000-0000-000000000000");
        let resp = if r.method == "post" {
            s.agent.post(&format!("{}{path}", s.url)).send("{}").unwrap()
        } else {
            s.agent.get(&format!("{}{path}", s.url)).call().unwrap()
        };
        let status = resp.status().as_u16();
        let mut resp = resp;
        let body = resp.body_mut().read_to_string().unwrap_or_default();
        assert!(!body.contains("no such page"), "{} {path} is not routed ({status})", r.method);
    }
}

#[test]
fn witnesses_cosign_checkpoints() {
    use iotlabel_tlog::cosignature::{Witness, cosign};
    let wkey = SigningKey::from_bytes(&[42; 32]);
    let witness = Witness::new("witness.test/w1", wkey.verifying_key()).unwrap();
    let s = start(|c| c.witnesses = vec![witness.clone()]);
    let acme = key("acme");
    s.post(&enrol("Acme", "acme", &acme));
    let (_, note) = s.get("/log/checkpoint");
    let note = String::from_utf8(note).unwrap();
    let body = note.split("\n\n").next().unwrap().to_owned() + "\n";
    let line = cosign(&body, "witness.test/w1", &wkey, 1_796_300_000);
    let post = |text: String| {
        let mut r = s.agent.post(&format!("{}/api/v1/log/cosignatures", s.url)).send(text).unwrap();
        (r.status().as_u16(), r.body_mut().read_json::<Value>().unwrap_or(Value::Null))
    };
    let (st, v) = post(format!("{note}{line}\n"));
    assert_eq!(st, 201, "{v}");
    assert_eq!(v["accepted"][0], "witness.test/w1");
    let (_, served) = s.get("/log/checkpoint");
    let served = String::from_utf8(served).unwrap();
    assert!(served.ends_with(&format!("{line}\n")), "{served}");
    // The served note still verifies, with both the log's key and the witness's.
    let parsed = iotlabel_tlog::SignedNote::parse(&served).unwrap();
    assert!(witness.verify(&parsed).unwrap().is_some());
    iotlabel_tlog::note::open_checkpoint(&served, std::slice::from_ref(&s.registry.log.verifier)).unwrap();
    // A witness the registry does not trust, and a checkpoint that is not this log's.
    let stranger = cosign(&body, "stranger.test/w", &SigningKey::from_bytes(&[43; 32]), 1);
    assert_eq!(post(format!("{note}{stranger}\n")).0, 403);
    let forged = body
        .replace(&body.lines().nth(2).unwrap().to_string(), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    let line = cosign(&forged, "witness.test/w1", &wkey, 1);
    assert_eq!(post(format!("{forged}\n{line}\n")).0, 409);
    // A cosignature line that does not verify (another time than signed).
    let bad = cosign(&body, "witness.test/w1", &wkey, 5);
    let mut raw = STANDARD.decode(bad.rsplit(' ').next().unwrap()).unwrap();
    raw[11] ^= 1;
    let tampered = format!("— witness.test/w1 {}", STANDARD.encode(raw));
    assert_eq!(post(format!("{note}{tampered}\n")).0, 401);
}

#[test]
fn lookalike_and_overlapping_makers_cannot_enrol() {
    let s = start(|_| {});
    assert_eq!(s.post(&enrol("Acme", "acme", &key("acme"))).0, 201);
    // Cyrillic А and е: the same slug, so the same (taken) account.
    let (st, body) = s.post(&enrol("\u{410}cm\u{435}", "acme", &key("fake")));
    assert_eq!((st, code(&body)), (403, "forbidden"), "{body}");
    // "Acme Cam" + model "2" would give Acme's "Cam 2" label ids.
    let (st, body) = s.post(&enrol("Acme Cam", "acme-cam", &key("squatter")));
    assert_eq!((st, code(&body)), (403, "forbidden"), "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("share label ids"), "{body}");
    // A name with a line break is refused.
    let (st, body) = s.post(&enrol("x\ny", "x-y", &key("xy")));
    assert_eq!((st, code(&body)), (400, "malformed"), "{body}");
}

#[test]
fn evidence_must_be_about_the_labels_firmware_and_is_attached_once() {
    let s = start(|_| {});
    let acme = key("acme");
    s.post(&enrol("Acme", "acme", &acme));
    let decl = example("acme-cam-2.toml");
    let id = label_id(&decl);
    assert_eq!(s.post(&sign(Kind::Declaration, &id, decl, &acme)).0, 201);
    let lab = key("lab");
    let store = &s.registry.store;
    add_lab(store.as_ref(), &lab);
    store
        .accredit(&Accreditation {
            lab: "lab-one".into(),
            scheme: "etsi-en-303-645".into(),
            granted_at: Utc::now(),
        })
        .unwrap();
    let evidence = |fw: &str| {
        json!({"schema_version": "1.0", "device": {"brand": "Acme", "model": "Cam 2", "firmware_version": fw},
               "items": [{"id": "t1", "control": "auth.no-universal-default-password", "result": "pass", "method": "network_test",
                          "tester": "Lab One", "date": "2026-11-01", "summary": "No factory password accepted"}]})
    };
    let attest =
        |ev: Value| sign(Kind::Attestation, &id, json!({"scheme": "etsi-en-303-645", "evidence": ev}), &lab);
    let (st, body) = s.post(&attest(evidence("9.9")));
    assert_eq!((st, code(&body)), (400, "malformed"), "{body}");
    assert_eq!(body["error"]["path"], "$.statement.payload.evidence.device.firmware_version");
    assert_eq!(s.post(&attest(evidence("2.4.1"))).0, 201);
    let (st, body) = s.post(&attest(evidence("2.4.1")));
    assert_eq!((st, code(&body)), (409, "conflict"), "{body}");
}

#[test]
fn bad_queries_and_methods_get_json_errors_and_never_crash() {
    let s = start(|_| {});
    for path in [
        "/api/v1/log/entries?start=18446744073709551615&end=18446744073709551615",
        "/api/v1/labels?limit=abc",
        "/api/v1/labels?limit=-1",
        "/api/v1/log/proof/inclusion?index=18446744073709551615",
        "/log/tile/0/x999/x999/x999/x999/x999/x999/999",
        "/log/tile/entries/x999/x999/x999/x999/x999/x999/999.p/3",
    ] {
        let (st, body) = s.get(path);
        assert!(st == 200 || (400..500).contains(&st), "{path}: {st}");
        if st != 200 {
            let v: Value = serde_json::from_slice(&body).unwrap_or_else(|_| panic!("{path}: not JSON"));
            assert!(v["error"]["code"].is_string(), "{path}: {v}");
        }
    }
    let mut r = s.agent.delete(&format!("{}/api/v1/statements", s.url)).call().unwrap();
    assert_eq!(r.status().as_u16(), 405);
    let v: Value = r.body_mut().read_json().unwrap();
    assert!(v["error"]["message"].is_string());
    assert_eq!(s.get("/healthz").0, 200, "the server is still up");
}

#[test]
fn sbom_tools_find_a_devices_vex_through_tea() {
    let s = start(|_| {});
    let acme = key("acme");
    s.post(&enrol("Acme", "acme", &acme));
    let decl = example("acme-cam-2.toml");
    let id = label_id(&decl);
    assert_eq!(s.post(&sign(Kind::Declaration, &id, decl, &acme)).0, 201);
    let vex = json!({"bomFormat": "CycloneDX", "specVersion": "1.6", "vulnerabilities": [{"id": "CVE-2099-0002", "analysis": {"state": "not_affected"}}]});
    assert_eq!(s.post(&sign(Kind::Vex, &id, vex.clone(), &acme)).0, 201);
    let (_, wk) = s.get_json("/.well-known/tea");
    assert_eq!(wk["schemaVersion"], 1);
    let base = wk["endpoints"][0]["url"].as_str().unwrap().to_owned();
    let version = wk["endpoints"][0]["versions"][0].as_str().unwrap().to_owned();
    let api = format!("{}/v{version}", &base[s.url.len()..]);
    let (_, rec) = s.get_json(&format!("/api/v1/labels/{id}"));
    let tei = iotlabel_server::tea::tei(&s.registry.config.public_url, rec["product"].as_str().unwrap());
    let (st, products) = s.get_json(&format!("{api}/products?tei_urn={tei}"));
    assert_eq!(st, 200, "{products}");
    assert_eq!(products["total_results"], 1, "{products}");
    let component = products["results"][0]["components"][0].as_str().unwrap().to_owned();
    let (_, releases) = s.get_json(&format!("{api}/component/{component}/releases"));
    assert_eq!(releases[0]["version"], "2.4.1", "{releases}");
    let release = releases[0]["uuid"].as_str().unwrap().to_owned();
    let (_, collection) = s.get_json(&format!("{api}/release/{release}/collection"));
    assert_eq!(collection["update_reason"]["type"], "VEX_UPDATED");
    let url = collection["artifacts"][0]["formats"][0]["url"].as_str().unwrap();
    assert_eq!(collection["artifacts"][0]["formats"][0]["mimeType"], "application/vnd.cyclonedx+json");
    let (st, doc) = s.get_json(&url[s.url.len()..]);
    assert_eq!(st, 200);
    assert_eq!(doc, vex, "the artifact is the VEX document as signed");
    assert_eq!(s.get_json(&format!("{api}/product/00000000-0000-0000-0000-000000000000")).0, 404);
}

#[test]
fn the_registry_serves_a_makers_mud_file_at_its_declared_path() {
    let s = start(|_| {});
    let acme = key("acme");
    s.post(&enrol("Acme", "acme", &acme));
    let decl = example("acme-cam-2.toml");
    let id = label_id(&decl);
    let mud_url = decl["network"]["mud_url"].as_str().unwrap().to_owned();
    assert_eq!(s.post(&sign(Kind::Declaration, &id, decl, &acme)).0, 201);
    let path = &mud_url[mud_url.find("/mud/").unwrap()..];
    assert_eq!(s.get(path).0, 404, "nothing before the upload");
    let mud = json!({"ietf-mud:mud": {"mud-version": 1, "mud-url": mud_url, "cache-validity": 48, "is-supported": true,
                     "systeminfo": "Acme Cam 2", "from-device-policy": {"access-lists": {"access-list": []}},
                     "to-device-policy": {"access-lists": {"access-list": []}}}, "ietf-access-control-list:acls": {"acl": []}});
    let mut wrong = mud.clone();
    wrong["ietf-mud:mud"]["mud-url"] = json!("https://elsewhere.example/x.json");
    let (st, body) = s.post(&sign(Kind::Mud, &id, wrong, &acme));
    assert_eq!((st, code(&body)), (400, "malformed"), "{body}");
    let mallory = key("mallory");
    s.post(&enrol("Mallory", "mallory", &mallory));
    assert_eq!(code(&s.post(&sign(Kind::Mud, &id, mud.clone(), &mallory)).1), "forbidden");
    assert_eq!(s.post(&sign(Kind::Mud, &id, mud.clone(), &acme)).0, 201);
    let (st, served) = s.get_json(path);
    assert_eq!(st, 200);
    assert_eq!(served, mud);
    let (_, rec) = s.get_json(&format!("/api/v1/labels/{id}"));
    assert!(rec["mud_file"].is_u64(), "{rec}");
}

/// Past one tile of leaves, the registry's tree keeps only the hashes of 256 leaves and up in
/// memory: proofs and level-0 tiles over older leaves are read back from the store, and agree
/// with a tree that keeps every level.
#[test]
fn proofs_and_tiles_past_the_in_memory_levels_come_from_the_store() {
    let s = start(|_| {});
    let store = Arc::clone(&s.registry.store);
    let have = store.size().unwrap();
    let now = chrono::Utc::now();
    for i in have..600 {
        let entry = iotlabel_store::NewEntry {
            kind: Kind::Attestation,
            subject: format!("bulk-{}", i % 7),
            account: "bulk".into(),
            signer: "ed25519:0000000000000000".into(),
            nonce: format!("bulk-nonce-{i}"),
            issued_at: now,
            accepted_at: now,
            body: format!("{{\"n\":{i}}}").into_bytes(),
            digest: None,
            product: None,
        };
        store.append(entry, None).unwrap();
    }
    assert_eq!(s.registry.sync().unwrap(), 600);
    let leaves = store.leaf_hashes(0, 600).unwrap();
    let mut full = iotlabel_tlog::Tree::new();
    for h in &leaves {
        full.append_leaf_hash(*h);
    }
    assert!(
        s.registry.tree().memory_bytes() * 3 < full.memory_bytes(),
        "the registry's tree keeps {} bytes, a full one {}",
        s.registry.tree().memory_bytes(),
        full.memory_bytes()
    );
    let decode = |v: &Value| -> Vec<iotlabel_tlog::Hash> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|h| STANDARD.decode(h.as_str().unwrap()).unwrap().try_into().unwrap())
            .collect()
    };
    for (index, size) in [(0, 600), (255, 600), (256, 600), (511, 513), (599, 600), (100, 257), (3, 4)] {
        let (st, p) = s.get_json(&format!("/api/v1/log/proof/inclusion?index={index}&tree_size={size}"));
        assert_eq!(st, 200, "{p}");
        assert_eq!(p["leaf_hash"], STANDARD.encode(leaves[index as usize]));
        let path = decode(&p["inclusion_path"]);
        assert_eq!(path, full.inclusion_proof(index, size).unwrap(), "leaf {index} of {size}");
        let root = full.root(size).unwrap();
        assert_eq!(s.registry.root(size).unwrap(), root);
        iotlabel_tlog::verify_inclusion(&leaves[index as usize], index, size, &path, &root).unwrap();
    }
    for (first, second) in [(5, 600), (256, 513), (300, 599), (511, 512)] {
        let (st, c) = s.get_json(&format!("/api/v1/log/proof/consistency?first={first}&second={second}"));
        assert_eq!(st, 200, "{c}");
        assert_eq!(decode(&c["consistency_path"]), full.consistency_proof(first, second).unwrap());
    }
    let tile = |level: usize, from: u64, width: u64| -> Vec<u8> {
        (from..from + width).flat_map(|i| full.node(level, i).unwrap()).collect()
    };
    assert_eq!(s.get("/log/tile/0/000"), (200, tile(0, 0, 256)), "a full level-0 tile, from the store");
    assert_eq!(s.get("/log/tile/0/001"), (200, tile(0, 256, 256)));
    assert_eq!(s.get("/log/tile/0/002.p/88"), (200, tile(0, 512, 88)), "the open chunk, from memory");
    assert_eq!(s.get("/log/tile/1/000.p/2"), (200, tile(8, 0, 2)));
    assert_eq!(s.get("/log/tile/0/002").0, 404, "not complete yet");
}

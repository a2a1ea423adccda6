//! The registry's commands: serve, keygen, publish, attest, vex, revoke, verify and admin.
//! Files, the network and the terminal are here; the rules live in `iotlabel-registry`, the
//! server in `iotlabel-server`.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::Utc;
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::{DecodePrivateKey as _, DecodePublicKey as _, EncodePrivateKey as _};
use iotlabel_registry::payload::{AttestationPayload, KeyChangePayload, RevocationPayload};
use iotlabel_registry::{Account, Accreditation, Bundle, BundleEntry, KeyRecord, LabelRecord, Role, State};
use iotlabel_server::{Config, Registry, Store};
use iotlabel_statement::{Kind, SignedStatement};
use iotlabel_store::AuditEvent;
use iotlabel_tlog::{Hash, NoteVerifier};
use serde_json::{Value, json};

use crate::args::{
    AccountAction, AdminAction, ClientArgs, DataFormat, DatabaseArgs, KeyAction, RoleArg, ServeArgs,
};
use crate::commands::{catalogs, print_diagnostics, read, shown, write_json};
use crate::{Done, Failure, input_error};

fn unreachable(e: impl std::fmt::Display) -> Failure {
    Failure::Unreachable(e.to_string())
}

fn unverified(e: impl std::fmt::Display) -> Failure {
    Failure::Unverified(e.to_string())
}

/// The default data directory: `$XDG_DATA_HOME/iotlabel`, else `~/.local/share/iotlabel`.
fn default_data_dir() -> PathBuf {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(x).join("iotlabel");
    }
    std::env::var_os("HOME")
        .map_or_else(|| PathBuf::from("iotlabel-data"), |h| PathBuf::from(h).join(".local/share/iotlabel"))
}

/// Opens the store the settings name; says where it is.
fn open_store(
    data_dir: Option<&Path>,
    database: Option<&str>,
    schema: Option<&str>,
    durable: bool,
) -> Result<(Arc<dyn Store>, String), Failure> {
    if let Some(url) = database {
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(input_error(format!(
                "--database {url:?} is not a PostgreSQL URL (postgres://user@host:port/db)"
            )));
        }
        let store = match schema {
            Some(schema) => iotlabel_store_postgres::PgStore::open_in_schema(url, schema),
            None => iotlabel_store_postgres::PgStore::open(url),
        }
        .map_err(unreachable)?;
        let shown = url.split('@').next_back().unwrap_or(url).to_owned();
        return Ok((Arc::new(store), format!("PostgreSQL at {shown}")));
    }
    let dir = data_dir.map_or_else(default_data_dir, Path::to_path_buf);
    std::fs::create_dir_all(&dir)
        .map_err(|e| input_error(format!("{}: cannot create the data directory: {e}", dir.display())))?;
    let path = dir.join("registry.db");
    let options = iotlabel_store_sqlite::Options { durable, ..Default::default() };
    let store = iotlabel_store_sqlite::SqliteStore::open(&path, options).map_err(unreachable)?;
    Ok((Arc::new(store), format!("SQLite at {}", path.display())))
}

/// `iotlabel serve`.
pub fn serve(mut args: ServeArgs) -> Result<Done, Failure> {
    if let Some(path) = args.config.clone() {
        let text =
            std::fs::read_to_string(&path).map_err(|e| input_error(format!("{}: {e}", path.display())))?;
        let file: ServeArgs = toml::from_str(&text)
            .map_err(|e| input_error(format!("{}: {}", path.display(), e.to_string().trim_end())))?;
        // Flags and the environment win over the file.
        args.listen = args.listen.or(file.listen);
        args.data_dir = args.data_dir.or(file.data_dir);
        args.database = args.database.or(file.database);
        args.schema = args.schema.or(file.schema);
        args.public_url = args.public_url.or(file.public_url);
        args.demo |= file.demo;
        args.examples = args.examples.or(file.examples);
        args.open_enrolment |= file.open_enrolment;
        args.durable |= file.durable;
        args.per_client_per_minute = args.per_client_per_minute.or(file.per_client_per_minute);
        args.per_key_per_minute = args.per_key_per_minute.or(file.per_key_per_minute);
        if args.witness.is_empty() {
            args.witness = file.witness;
        }
    }
    let listen = args.listen.unwrap_or_else(|| std::net::SocketAddr::from(([127, 0, 0, 1], 8080)));
    let (store, place) =
        open_store(args.data_dir.as_deref(), args.database.as_deref(), args.schema.as_deref(), args.durable)?;
    let demo_files = if args.demo { Some(demo_examples(args.examples.as_deref())?) } else { None };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Internal(e.into()))?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(listen))
        .map_err(|e| input_error(format!("cannot listen on {listen}: {e}")))?;
    let bound = listener.local_addr().map_err(|e| Failure::Internal(e.into()))?;
    let public_url = args.public_url.clone().unwrap_or_else(|| format!("http://{bound}/"));
    let mut config = Config::new(&public_url);
    config.policy.open_enrolment = args.open_enrolment || args.demo;
    if let Some(n) = args.per_client_per_minute {
        config.per_client_per_minute = n;
    }
    if let Some(n) = args.per_key_per_minute {
        config.per_key_per_minute = n;
    }
    for vkey in &args.witness {
        let w = iotlabel_tlog::cosignature::Witness::from_vkey(vkey)
            .map_err(|e| input_error(format!("--witness {vkey}: {e}")))?;
        config.witnesses.push(w);
    }
    let registry = Arc::new(Registry::open(config, store, catalogs()).map_err(unreachable)?);
    let mut out = anstream::stdout().lock();
    if let Some((devices, evidence)) = demo_files {
        let loaded = iotlabel_server::demo::load(&registry, &devices, &evidence, Utc::now())
            .map_err(|e| Failure::Internal(anyhow::anyhow!("loading the demo: {e}")))?;
        writeln!(
            out,
            "demo: {} labels ({} already loaded), {} lab attestations; demo keys are public: never use them for real labels",
            loaded.labels.len(),
            loaded.already,
            loaded.attestations
        )?;
    }
    writeln!(out, "storage: {place}")?;
    writeln!(out, "log: {} entries, origin {}", registry.tree().size(), registry.config.origin)?;
    writeln!(out, "log key: {}", registry.log.verifier.to_vkey())?;
    writeln!(out, "labels point at: {}l/<label id>?d=<digest>", registry.config.public_url)?;
    writeln!(out, "listening on http://{bound}/ (Ctrl-C to stop)")?;
    out.flush()?;
    drop(out);
    tracing::info!(%bound, "serving");
    runtime
        .block_on(iotlabel_server::serve_with(
            Arc::clone(&registry),
            iotlabel_site::router(registry),
            iotlabel_site::ROUTES,
            listener,
            shutdown_signal(),
        ))
        .map_err(|e| Failure::Internal(e.into()))?;
    tracing::info!("stopped");
    Ok(Done::Ok)
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(s) => s,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

/// The example declarations and evidence for the demo, parsed (a bad example is an input error).
fn demo_examples(
    dir: Option<&Path>,
) -> Result<(Vec<iotlabel_server::demo::Example>, Vec<iotlabel_server::demo::Example>), Failure> {
    let dir = dir.map_or_else(|| PathBuf::from("examples"), Path::to_path_buf);
    let list = |sub: &str| -> Result<Vec<PathBuf>, Failure> {
        let d = dir.join(sub);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&d)
            .map_err(|e| {
                input_error(format!("{}: {e} (run from the repository, or give --examples DIR)", d.display()))
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml" || x == "json"))
            .collect();
        files.sort();
        Ok(files)
    };
    let mut devices = Vec::new();
    for path in list("devices")? {
        let decl = crate::commands::load_declaration(&path)?;
        devices.push(iotlabel_server::demo::Example {
            file: shown(&path),
            json: serde_json::to_value(decl).map_err(|e| Failure::Internal(e.into()))?,
        });
    }
    let mut evidence = Vec::new();
    for path in list("evidence")? {
        let (text, format) = read(&path).map_err(|d| print_diagnostics(&d))?;
        let ev = iotlabel_model::parse_evidence(&shown(&path), &text, format)
            .map_err(|d| print_diagnostics(&d))?;
        evidence.push(iotlabel_server::demo::Example {
            file: shown(&path),
            json: serde_json::to_value(ev).map_err(|e| Failure::Internal(e.into()))?,
        });
    }
    Ok((devices, evidence))
}

/// `iotlabel keygen`.
pub fn keygen(out_path: &Path, format: DataFormat) -> Result<Done, Failure> {
    let key = SigningKey::from_bytes(&iotlabel_server::registry::random_seed());
    // PKCS#8 v1 (RFC 8410, no public key inside), which OpenSSL and other libraries read.
    let pem = ed25519_dalek::pkcs8::KeypairBytes { secret_key: key.to_bytes(), public_key: None }
        .to_pkcs8_pem(Default::default())
        .map_err(|e| Failure::Internal(anyhow::anyhow!("encoding the key: {e}")))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(out_path).map_err(|e| {
        input_error(format!(
            "{}: {e}{}",
            out_path.display(),
            if e.kind() == std::io::ErrorKind::AlreadyExists { " (refusing to overwrite a key)" } else { "" }
        ))
    })?;
    file.write_all(pem.as_bytes())?;
    let public = STANDARD.encode(key.verifying_key().as_bytes());
    let id = iotlabel_statement::key_id(&key.verifying_key());
    let mut out = anstream::stdout().lock();
    match format {
        DataFormat::Json => {
            write_json(&mut out, &json!({"key_file": out_path, "key_id": id, "public_key": public}))?
        }
        DataFormat::Text => writeln!(
            out,
            "private key: {} (keep it secret)\nkey id: {id}\npublic key: {public}",
            out_path.display()
        )?,
    }
    Ok(Done::Ok)
}

fn load_key(path: &Path) -> Result<SigningKey, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| input_error(format!("{}: {e}", path.display())))?;
    SigningKey::from_pkcs8_pem(&text).map_err(|e| {
        input_error(format!(
            "{}: not an Ed25519 PKCS#8 PEM private key ({e}); make one with `iotlabel keygen --out FILE`",
            path.display()
        ))
    })
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(std::time::Duration::from_secs(30)))
        .build()
        .into()
}

fn base(registry: &str) -> String {
    registry.trim_end_matches('/').to_owned()
}

/// GET a JSON document; `Ok(None)` on 404.
fn get_json(agent: &ureq::Agent, url: &str) -> Result<Option<Value>, Failure> {
    let mut resp = agent.get(url).call().map_err(|e| unreachable(format!("{url}: {e}")))?;
    let status = resp.status().as_u16();
    if status == 404 {
        return Ok(None);
    }
    let body: Value =
        resp.body_mut().read_json().map_err(|e| unreachable(format!("{url}: not JSON ({e})")))?;
    if status >= 400 {
        return Err(unreachable(format!(
            "{url}: HTTP {status}: {}",
            body["error"]["message"].as_str().unwrap_or("")
        )));
    }
    Ok(Some(body))
}

/// Sends a signed statement; a refusal becomes an input error naming its code, path and advice.
fn send(agent: &ureq::Agent, registry: &str, signed: &SignedStatement) -> Result<Value, Failure> {
    let url = format!("{}/api/v1/statements", base(registry));
    let mut resp = agent
        .post(&url)
        .content_type("application/json")
        .send(signed.to_json())
        .map_err(|e| unreachable(format!("{url}: {e}")))?;
    let status = resp.status().as_u16();
    let body: Value = resp.body_mut().read_json().unwrap_or(Value::Null);
    match status {
        200..=299 => Ok(body),
        400..=499 => {
            let e = &body["error"];
            let mut msg = format!(
                "the registry refused the statement ({}): {}",
                e["code"].as_str().unwrap_or("?"),
                e["message"].as_str().unwrap_or("?")
            );
            if let Some(p) = e["path"].as_str() {
                msg.push_str(&format!("\n  at: {p}"));
            }
            if let Some(s) = e["suggestion"].as_str() {
                msg.push_str(&format!("\n  suggestion: {s}"));
            }
            Err(input_error(msg))
        }
        _ => Err(unreachable(format!("{url}: HTTP {status}"))),
    }
}

/// A new signed statement, issued now.
fn sign(kind: Kind, subject: &str, payload: Value, key: &SigningKey) -> SignedStatement {
    iotlabel_server::registry::sign_new(kind, subject, payload, key, Utc::now())
}

fn print_sent(format: DataFormat, what: &str, body: &Value, last_line: &str) -> Result<Done, Failure> {
    let mut out = anstream::stdout().lock();
    match format {
        DataFormat::Json => write_json(&mut out, body)?,
        DataFormat::Text => {
            writeln!(out, "{what} (log entry {}, log size {})", body["index"], body["tree_size"])?;
            if let Some(u) = body["label_url"].as_str() {
                writeln!(out, "label URL: {u}")?;
            }
            writeln!(out, "{last_line}")?;
        }
    }
    Ok(Done::Ok)
}

/// `iotlabel publish`.
pub fn publish(file: &Path, client: &ClientArgs) -> Result<Done, Failure> {
    let decl = crate::commands::load_declaration(file)?;
    let key = load_key(&client.key)?;
    let agent = agent();
    let key_id = iotlabel_statement::key_id(&key.verifying_key());
    let known = get_json(&agent, &format!("{}/api/v1/keys/{key_id}", base(&client.registry)))?;
    if known.is_none() {
        let brand = decl.identity.brand.clone();
        let payload = KeyChangePayload::Enrol {
            account: brand.clone(),
            public_key: STANDARD.encode(key.verifying_key().as_bytes()),
        };
        let slug = iotlabel_registry::account_slug(&brand);
        send(
            &agent,
            &client.registry,
            &sign(
                Kind::KeyChange,
                &slug,
                serde_json::to_value(payload).map_err(|e| Failure::Internal(e.into()))?,
                &key,
            ),
        )?;
        if client.format == DataFormat::Text {
            eprintln!("enrolled key {key_id} for {brand}");
        }
    }
    let id = iotlabel_label::facts::label_id(&decl.identity);
    let payload = serde_json::to_value(&decl).map_err(|e| Failure::Internal(e.into()))?;
    let body = send(&agent, &client.registry, &sign(Kind::Declaration, &id, payload, &key))?;
    print_sent(client.format, &format!("published {id}"), &body, &id)
}

/// `iotlabel attest`.
pub fn attest(
    label: &str,
    evidence: &Path,
    scheme: Option<&str>,
    client: &ClientArgs,
) -> Result<Done, Failure> {
    let (text, format) = read(evidence).map_err(|d| print_diagnostics(&d))?;
    let ev =
        iotlabel_model::parse_evidence(&shown(evidence), &text, format).map_err(|d| print_diagnostics(&d))?;
    let scheme = scheme.map(str::to_owned).unwrap_or_else(|| {
        ev.items
            .iter()
            .find_map(|i| i.requirement.as_deref().and_then(|r| r.split(':').next()))
            .unwrap_or("etsi-en-303-645")
            .to_owned()
    });
    let payload = AttestationPayload {
        scheme,
        evidence: serde_json::to_value(&ev).map_err(|e| Failure::Internal(e.into()))?,
    };
    let key = load_key(&client.key)?;
    let body = send(
        &agent(),
        &client.registry,
        &sign(
            Kind::Attestation,
            label,
            serde_json::to_value(payload).map_err(|e| Failure::Internal(e.into()))?,
            &key,
        ),
    )?;
    print_sent(client.format, &format!("attested {label}"), &body, label)
}

/// `iotlabel vex`.
pub fn vex(label: &str, file: &Path, client: &ClientArgs) -> Result<Done, Failure> {
    let text = std::fs::read_to_string(file).map_err(|e| input_error(format!("{}: {e}", file.display())))?;
    let doc: Value = serde_json::from_str(&text)
        .map_err(|e| input_error(format!("{}:{}:{}: not JSON: {e}", shown(file), e.line(), e.column())))?;
    iotlabel_registry::vex::read(&doc).map_err(|r| {
        input_error(format!("{}: {} (at {})", shown(file), r.message, r.path.unwrap_or_default()))
    })?;
    let key = load_key(&client.key)?;
    let body = send(&agent(), &client.registry, &sign(Kind::Vex, label, doc, &key))?;
    print_sent(client.format, &format!("VEX attached to {label}"), &body, label)
}

/// `iotlabel revoke`.
pub fn revoke(label: &str, reason: &str, client: &ClientArgs) -> Result<Done, Failure> {
    let key = load_key(&client.key)?;
    let payload = serde_json::to_value(RevocationPayload { reason: reason.to_owned() })
        .map_err(|e| Failure::Internal(e.into()))?;
    let body = send(&agent(), &client.registry, &sign(Kind::Revocation, label, payload, &key))?;
    print_sent(client.format, &format!("revoked {label}"), &body, label)
}

fn hashes(v: &Value, field: &str) -> Result<Vec<Hash>, Failure> {
    v[field]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| {
            h.as_str()
                .and_then(|s| STANDARD.decode(s).ok())
                .and_then(|b| iotlabel_tlog::hash::hash_from_slice(&b).ok())
        })
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| unverified(format!("the registry's {field} is not a list of base64 hashes")))
}

/// A label id the registry does not hold: say so, with the closest id among the first 1,000 it
/// lists (a typo in a label id read off a box is the likeliest cause).
fn no_such_label(agent: &ureq::Agent, root: &str, label: &str) -> Failure {
    let listed = get_json(agent, &format!("{root}/api/v1/labels?limit=1000")).ok().flatten();
    let ids: Vec<&str> = listed
        .as_ref()
        .and_then(|v| v["labels"].as_array())
        .map(|a| a.iter().filter_map(|r| r["id"].as_str()).collect())
        .unwrap_or_default();
    let help = match iotlabel_model::diagnostic::closest(label, ids.iter().copied()) {
        Some(c) => format!("did you mean {c}?"),
        None => format!(
            "the label id is printed under the label's QR code; {root}/search finds labels by maker and model"
        ),
    };
    input_error(format!("{root} has no label {label:?}\n  help: {help}"))
}

/// Fetches everything a bundle holds for `label`, proved against the registry's current checkpoint.
fn fetch_bundle(agent: &ureq::Agent, registry: &str, label: &str) -> Result<Bundle, Failure> {
    let root = base(registry);
    let sth = get_json(agent, &format!("{root}/api/v1/log/sth"))?
        .ok_or_else(|| unreachable(format!("{root} serves no log")))?;
    let checkpoint = sth["checkpoint"].as_str().unwrap_or_default().to_owned();
    let size = sth["tree_size"].as_u64().unwrap_or(0);
    let Some(list) = get_json(agent, &format!("{root}/api/v1/labels/{label}/statements"))? else {
        return Err(no_such_label(agent, &root, label));
    };
    let mut entries = Vec::new();
    let mut keys: BTreeMap<String, KeyRecord> = BTreeMap::new();
    let mut listed: Vec<Value> = list["entries"].as_array().cloned().unwrap_or_default();
    let mut accounts_read = std::collections::BTreeSet::new();
    let mut at = 0;
    // The label's statements, then, for every account whose key signed one, that account's
    // logged key changes (which may bring in more signing keys, and so more accounts).
    while at < listed.len() {
        let e = listed[at].clone();
        at += 1;
        let index = e["index"].as_u64().unwrap_or(u64::MAX);
        if index >= size {
            continue; // logged after the checkpoint was read
        }
        let signed: SignedStatement = serde_json::from_value(e["signed_statement"].clone())
            .map_err(|err| unverified(format!("entry {index}: {err}")))?;
        let proof =
            get_json(agent, &format!("{root}/api/v1/log/proof/inclusion?index={index}&tree_size={size}"))?
                .ok_or_else(|| unverified(format!("no inclusion proof for entry {index}")))?;
        let signer = signed.statement.signer.clone();
        if !keys.contains_key(&signer) {
            let k = get_json(agent, &format!("{root}/api/v1/keys/{signer}"))?
                .ok_or_else(|| unverified(format!("the registry does not know key {signer}")))?;
            let record: KeyRecord =
                serde_json::from_value(k).map_err(|err| unverified(format!("key {signer}: {err}")))?;
            if accounts_read.insert(record.account.clone()) {
                let changes =
                    get_json(agent, &format!("{root}/api/v1/accounts/{}/statements", record.account))?
                        .ok_or_else(|| {
                            unverified(format!("the registry has no account {}", record.account))
                        })?;
                listed.extend(changes["entries"].as_array().cloned().unwrap_or_default());
            }
            keys.insert(signer.clone(), record);
        }
        entries.push(BundleEntry {
            index,
            accepted_at: serde_json::from_value(e["accepted_at"].clone()).unwrap_or_else(|_| Utc::now()),
            account: e["account"].as_str().unwrap_or_default().to_owned(),
            signed_statement: signed,
            inclusion_path: hashes(&proof, "inclusion_path")?.iter().map(|h| STANDARD.encode(h)).collect(),
        });
    }
    entries.sort_by_key(|e| e.index);
    Ok(Bundle {
        format: iotlabel_registry::BUNDLE_FORMAT.to_owned(),
        label: label.to_owned(),
        registry: root,
        log_key: sth["key"].as_str().unwrap_or_default().to_owned(),
        checkpoint,
        entries,
        keys: keys.into_values().collect(),
    })
}

/// The logs whose keys this user trusts: origin -> vkey, kept as JSON in
/// `$IOTLABEL_KNOWN_LOGS`, else `$XDG_CONFIG_HOME/iotlabel/known-logs.json`, else
/// `~/.config/iotlabel/known-logs.json` (trust on first use, as SSH's known_hosts).
struct KnownLogs {
    path: PathBuf,
    logs: BTreeMap<String, String>,
}

impl KnownLogs {
    fn load() -> Result<Self, Failure> {
        let path = std::env::var_os("IOTLABEL_KNOWN_LOGS").filter(|v| !v.is_empty()).map_or_else(
            || {
                let config = std::env::var_os("XDG_CONFIG_HOME")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
                    .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
                    .unwrap_or_else(|| PathBuf::from("."));
                config.join("iotlabel/known-logs.json")
            },
            PathBuf::from,
        );
        let logs = match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                input_error(format!(
                    "{}: not a known-logs file ({e}); remove it to start afresh",
                    path.display()
                ))
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(e) => return Err(input_error(format!("{}: {e}", path.display()))),
        };
        Ok(KnownLogs { path, logs })
    }

    fn get(&self, origin: &str) -> Option<NoteVerifier> {
        self.logs.get(origin).and_then(|k| NoteVerifier::from_vkey(k).ok())
    }

    fn remember(&mut self, origin: &str, key: &NoteVerifier) -> Result<(), Failure> {
        self.logs.insert(origin.to_owned(), key.to_vkey());
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| input_error(format!("{}: {e}", dir.display())))?;
        }
        let text = serde_json::to_string_pretty(&self.logs).map_err(|e| Failure::Internal(e.into()))?;
        std::fs::write(&self.path, text + "\n")
            .map_err(|e| input_error(format!("{}: {e}", self.path.display())))
    }
}

/// The log key to check `bundle` with: `pinned` (--log-key), else the one remembered for its
/// log, else, only when a registry was asked, the one the registry presents (trust on first use:
/// the caller remembers it once the bundle verifies). The flag says it is such a first use.
fn log_key_for(
    bundle: &Bundle,
    pinned: Option<NoteVerifier>,
    from_registry: bool,
    known: &KnownLogs,
) -> Result<(NoteVerifier, bool), Failure> {
    let origin = bundle.checkpoint.lines().next().unwrap_or_default();
    match (pinned, known.get(origin)) {
        (Some(t), _) => Ok((t, false)),
        (None, Some(k)) => Ok((k, false)),
        (None, None) if from_registry => {
            Ok((NoteVerifier::from_vkey(&bundle.log_key).map_err(unverified)?, true))
        }
        (None, None) => Err(unverified(format!(
            "the bundle's log {origin:?} is not one you trust yet: a bundle cannot vouch for its own key.\n\
             Pin it with --log-key VKEY (the key `iotlabel serve` prints), or verify a label against the registry once (iotlabel verify LABEL --registry URL), which remembers the key in {}",
            known.path.display()
        ))),
    }
}

/// A label as `registry` holds it, verified as `iotlabel verify` verifies it (signatures, log
/// inclusion, the log key known for this log or remembered on first use), with the registry's
/// public URL for its QR code. For commands that take a label id where they take a device file.
/// Fails with exit 5 unless `registry` serves a log (asked before a long job that needs it).
pub(crate) fn reachable(registry: &str) -> Result<(), Failure> {
    let root = base(registry);
    get_json(&agent(), &format!("{root}/api/v1/log/sth"))?
        .ok_or_else(|| unreachable(format!("{root} serves no log: is it an iotlabel registry?")))?;
    Ok(())
}

pub(crate) fn fetch_verified(
    registry: &str,
    label: &str,
    today: chrono::NaiveDate,
) -> Result<(iotlabel_registry::Derived, String), Failure> {
    let bundle = fetch_bundle(&agent(), registry, label)?;
    let origin = bundle.checkpoint.lines().next().unwrap_or_default().to_owned();
    let mut known = KnownLogs::load()?;
    let (trusted, first_use) = log_key_for(&bundle, None, true, &known)?;
    let proved = iotlabel_registry::verify_bundle(&bundle, Some(&trusted), catalogs(), today)
        .map_err(|e| unverified(format!("{label} at {}: {e}", base(registry))))?;
    if first_use {
        known.remember(&origin, &trusted)?;
    }
    Ok((proved.derived, format!("{}/", base(registry))))
}

/// `iotlabel verify`.
#[allow(clippy::too_many_arguments)]
pub fn verify(
    label: Option<&str>,
    registry: Option<&str>,
    bundle_path: Option<&Path>,
    save: Option<&Path>,
    log_key: Option<&str>,
    monitor: &[String],
    interval: u64,
    polls: u64,
    format: DataFormat,
) -> Result<Done, Failure> {
    let trusted = log_key
        .map(|k| NoteVerifier::from_vkey(k).map_err(|e| input_error(format!("--log-key: {e}"))))
        .transpose()?;
    if !monitor.is_empty() {
        return monitor_logs(monitor, trusted.as_ref(), interval, polls, format);
    }
    let agent = agent();
    let (bundle, older) = match (bundle_path, registry, label) {
        (Some(path), _, _) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| input_error(format!("{}: {e}", path.display())))?;
            let b: Bundle = serde_json::from_str(&text).map_err(|e| {
                input_error(format!("{}:{}:{}: not a bundle: {e}", shown(path), e.line(), e.column()))
            })?;
            (b, None::<()>)
        }
        (None, Some(reg), Some(label)) => (fetch_bundle(&agent, reg, label)?, None),
        _ => {
            return Err(input_error(
                "give a label id and --registry URL, or --bundle FILE, or --monitor URL",
            ));
        }
    };
    let _ = older;
    let today = Utc::now().date_naive();
    let origin = bundle.checkpoint.lines().next().unwrap_or_default().to_owned();
    let mut known = KnownLogs::load()?;
    let (trusted, first_use) =
        log_key_for(&bundle, trusted, bundle_path.is_none() || registry.is_some(), &known)?;
    let proved =
        iotlabel_registry::verify_bundle(&bundle, Some(&trusted), catalogs(), today).map_err(|e| {
            unverified(format!(
                "{e}{}",
                if known.get(&origin).is_some() {
                    " (with the log key remembered for this log; a changed key is a warning sign)"
                } else {
                    ""
                }
            ))
        })?;
    if first_use {
        known.remember(&origin, &trusted)?;
    }
    // With a bundle and a registry: the registry's log must still hold the bundle's tree.
    let mut consistent_with = None;
    if let (Some(_), Some(reg)) = (bundle_path, registry) {
        let root = base(reg);
        let sth = get_json(&agent, &format!("{root}/api/v1/log/sth"))?
            .ok_or_else(|| unreachable(format!("{root} serves no log")))?;
        let verifier = trusted.clone();
        let (now_cp, _) = iotlabel_tlog::note::open_checkpoint(
            sth["checkpoint"].as_str().unwrap_or_default(),
            std::slice::from_ref(&verifier),
        )
        .map_err(unverified)?;
        let old = &proved.checkpoint;
        if now_cp.size < old.size {
            return Err(unverified(format!(
                "the registry's log ({} entries) is smaller than the bundle's ({})",
                now_cp.size, old.size
            )));
        }
        if now_cp.size == old.size {
            if now_cp.root_hash != old.root_hash {
                return Err(unverified(
                    "split view: the registry's tree of the bundle's size has another root",
                ));
            }
        } else {
            let proof = get_json(
                &agent,
                &format!("{root}/api/v1/log/proof/consistency?first={}&second={}", old.size, now_cp.size),
            )?
            .ok_or_else(|| unverified("no consistency proof"))?;
            iotlabel_tlog::verify_consistency(
                old.size,
                now_cp.size,
                &old.root_hash,
                &now_cp.root_hash,
                &hashes(&proof, "consistency_path")?,
            )
            .map_err(|e| unverified(format!("the registry's log does not extend the bundle's: {e}")))?;
        }
        consistent_with = Some(now_cp.size);
    }
    // With a registry, the status is today's: statements logged after the bundle count too.
    let current = match (bundle_path, registry) {
        (Some(_), Some(reg)) => Some(
            iotlabel_registry::verify_bundle(
                &fetch_bundle(&agent, reg, &bundle.label)?,
                Some(&trusted),
                catalogs(),
                today,
            )
            .map_err(unverified)?
            .derived
            .record,
        ),
        _ => None,
    };
    if let Some(path) = save {
        let text = serde_json::to_string_pretty(&bundle).map_err(|e| Failure::Internal(e.into()))?;
        std::fs::write(path, text + "\n").map_err(|e| input_error(format!("{}: {e}", path.display())))?;
    }
    let rec: &LabelRecord = current.as_ref().unwrap_or(&proved.derived.record);
    let mut out = anstream::stdout().lock();
    match format {
        DataFormat::Json => write_json(
            &mut out,
            &json!({
                "label": rec.id,
                "verified": true,
                "statements": bundle.entries.len(),
                "tree_size": proved.checkpoint.size,
                "root_hash": STANDARD.encode(proved.checkpoint.root_hash),
                "log_key_first_use": first_use,
                "known_logs": known.path,
                "maker": rec.maker,
                "status_as_of_bundle": current.is_none() && bundle_path.is_some(),
                "consistent_with_tree_size": consistent_with,
                "keys": proved.keys,
                "record": rec,
            }),
        )?,
        DataFormat::Text => {
            writeln!(
                out,
                "{} {} (firmware {}): {} signed statement(s) verified",
                rec.brand,
                rec.model,
                rec.firmware_version,
                bundle.entries.len()
            )?;
            writeln!(
                out,
                "included in the log at entries {:?}, tree size {}",
                bundle.entries.iter().map(|e| e.index).collect::<Vec<_>>(),
                proved.checkpoint.size
            )?;
            writeln!(out, "published by the account {} (its key signed the declaration)", rec.maker)?;
            for k in &proved.keys {
                let origin = match k.enrolled_at {
                    Some(i) => format!("enrolled in the log at entry {i}"),
                    None => {
                        "registered by the registry's administrator (not in the log: the registry's word)"
                            .into()
                    }
                };
                let revoked = k.revoked_at.map(|i| format!("; revoked at entry {i}")).unwrap_or_default();
                writeln!(out, "key {} of {}: {origin}{revoked}", k.key_id, k.account)?;
            }
            if first_use {
                writeln!(
                    out,
                    "note: first use of log {origin}: its key {} is now remembered in {}; a different key later is refused",
                    trusted.to_vkey(),
                    known.path.display()
                )?;
            }
            if let Some(n) = consistent_with {
                writeln!(out, "the registry's current log (size {n}) is consistent with the bundle's")?;
            }
            writeln!(
                out,
                "status: {}{}",
                rec.status.state.as_str(),
                rec.status.reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default()
            )?;
            if current.is_none() && bundle_path.is_some() {
                writeln!(
                    out,
                    "(status as of the bundle's checkpoint, log size {}: statements logged later, a revocation, are not in it; add --registry URL for today's status)",
                    proved.checkpoint.size
                )?;
            }
            if let Some(p) = save {
                writeln!(out, "bundle saved to {}", p.display())?;
            }
        }
    }
    Ok(if rec.status.state == State::Active { Done::Ok } else { Done::NotConformant })
}

/// Follows tree heads; a split view or an inconsistent head fails loudly (exit 4).
fn monitor_logs(
    urls: &[String],
    trusted: Option<&NoteVerifier>,
    interval: u64,
    polls: u64,
    format: DataFormat,
) -> Result<Done, Failure> {
    let agent = agent();
    // Heads seen, by log origin and size: two roots for one (origin, size) is a split view.
    let mut seen: BTreeMap<(String, u64), (Hash, String)> = BTreeMap::new();
    let mut last: BTreeMap<String, (u64, Hash)> = BTreeMap::new();
    let mut round = 0u64;
    loop {
        for url in urls {
            let root = base(url);
            let sth = get_json(&agent, &format!("{root}/api/v1/log/sth"))?
                .ok_or_else(|| unreachable(format!("{root} serves no log")))?;
            let verifier = match trusted {
                Some(v) => v.clone(),
                None => {
                    NoteVerifier::from_vkey(sth["key"].as_str().unwrap_or_default()).map_err(unverified)?
                }
            };
            let (cp, _) = iotlabel_tlog::note::open_checkpoint(
                sth["checkpoint"].as_str().unwrap_or_default(),
                std::slice::from_ref(&verifier),
            )
            .map_err(|e| unverified(format!("{root}: the checkpoint does not verify: {e}")))?;
            if let Some((other, from)) = seen.get(&(cp.origin.clone(), cp.size))
                && *other != cp.root_hash
            {
                return Err(unverified(format!(
                    "SPLIT VIEW: {from} and {root} both sign a tree of size {} with different roots ({} and {})",
                    cp.size,
                    STANDARD.encode(other),
                    STANDARD.encode(cp.root_hash)
                )));
            }
            if let Some((old_size, old_root)) = last.get(&root).copied()
                && cp.size > old_size
                && old_size > 0
            {
                let proof = get_json(
                    &agent,
                    &format!("{root}/api/v1/log/proof/consistency?first={old_size}&second={}", cp.size),
                )?
                .ok_or_else(|| unverified("no consistency proof"))?;
                iotlabel_tlog::verify_consistency(
                    old_size,
                    cp.size,
                    &old_root,
                    &cp.root_hash,
                    &hashes(&proof, "consistency_path")?,
                )
                .map_err(|e| {
                    unverified(format!("{root}: the new head is not consistent with the last: {e}"))
                })?;
            }
            if let Some((old_size, _)) = last.get(&root)
                && cp.size < *old_size
            {
                return Err(unverified(format!(
                    "{root}: the log shrank from {old_size} to {} entries",
                    cp.size
                )));
            }
            let new = last.get(&root).is_none_or(|(s, _)| *s != cp.size);
            let first = !last.contains_key(&root);
            seen.insert((cp.origin.clone(), cp.size), (cp.root_hash, root.clone()));
            last.insert(root.clone(), (cp.size, cp.root_hash));
            if new {
                let mut out = anstream::stdout().lock();
                match format {
                    DataFormat::Json => writeln!(
                        out,
                        "{}",
                        json!({"registry": root, "tree_size": cp.size, "root_hash": STANDARD.encode(cp.root_hash)})
                    )?,
                    DataFormat::Text => writeln!(
                        out,
                        "{root}: tree size {} root {} ({})",
                        cp.size,
                        STANDARD.encode(cp.root_hash),
                        if first { "first head seen" } else { "consistent with the last" }
                    )?,
                }
            }
        }
        round += 1;
        if polls > 0 && round >= polls {
            return Ok(Done::Ok);
        }
        std::thread::sleep(std::time::Duration::from_secs(interval));
    }
}

/// `iotlabel admin`.
pub fn admin(db: &DatabaseArgs, action: &AdminAction, format: DataFormat) -> Result<Done, Failure> {
    let (store, _) = open_store(db.data_dir.as_deref(), db.database.as_deref(), db.schema.as_deref(), false)?;
    let now = Utc::now();
    let audit = |action: &str, subject: &str, detail: String| {
        let event = AuditEvent {
            at: now,
            action: action.into(),
            code: None,
            actor: Some("admin".into()),
            client: None,
            subject: Some(subject.into()),
            detail,
        };
        store.audit(&event).map_err(unreachable)
    };
    let mut out = anstream::stdout().lock();
    let done = |out: &mut dyn std::io::Write, text: String, v: Value| -> Result<(), Failure> {
        match format {
            DataFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&v).unwrap_or_default())?,
            DataFormat::Text => writeln!(out, "{text}")?,
        }
        Ok(())
    };
    let store_err = |e: iotlabel_store::StoreError| match e {
        iotlabel_store::StoreError::Backend(_) => unreachable(e),
        other => input_error(other.to_string()),
    };
    match action {
        AdminAction::Accounts => {
            let mut list = Vec::new();
            for a in store.accounts().map_err(store_err)? {
                let keys = store.keys(&a.slug).map_err(store_err)?;
                let acc = store.accreditations(&a.slug).map_err(store_err)?;
                list.push(json!({"account": a, "keys": keys, "accreditations": acc}));
            }
            match format {
                DataFormat::Json => write_json(&mut out, &list)?,
                DataFormat::Text => {
                    for v in &list {
                        writeln!(
                            out,
                            "{} ({}, {}): {} key(s), accredited for [{}]",
                            v["account"]["name"].as_str().unwrap_or(""),
                            v["account"]["slug"].as_str().unwrap_or(""),
                            v["account"]["role"].as_str().unwrap_or(""),
                            v["keys"].as_array().map_or(0, Vec::len),
                            v["accreditations"]
                                .as_array()
                                .into_iter()
                                .flatten()
                                .filter_map(|a| a["scheme"].as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )?;
                    }
                }
            }
        }
        AdminAction::Account(AccountAction::Add { name, role, allow_overlap }) => {
            let role = match role {
                RoleArg::Manufacturer => Role::Manufacturer,
                RoleArg::Lab => Role::Lab,
                RoleArg::Admin => Role::Admin,
            };
            iotlabel_registry::check_account_name(name).map_err(input_error)?;
            let account = Account::new(name, role, now);
            if role == Role::Manufacturer && !allow_overlap {
                let makers = store.accounts().map_err(store_err)?;
                if let Some(other) = makers.iter().find(|a| {
                    a.role == Role::Manufacturer && iotlabel_registry::slugs_overlap(&a.slug, &account.slug)
                }) {
                    return Err(input_error(format!(
                        "the maker {} ({}) overlaps the maker {} ({}): their label ids can collide (brand {:?} with a model beginning as the other's brand ends), and the first declaration of an id would win.\n\
                         Check who is behind the name; pass --allow-overlap to create it anyway",
                        account.name, account.slug, other.name, other.slug, account.name
                    )));
                }
            }
            store.create_account(&account).map_err(store_err)?;
            audit("admin.account.add", &account.slug, format!("{} ({})", account.name, role.as_str()))?;
            done(&mut out, format!("created account {} ({})", account.slug, role.as_str()), json!(account))?;
        }
        AdminAction::Key(KeyAction::Add { account, key }) => {
            let vk = read_public_key(key)?;
            let record = KeyRecord {
                key_id: iotlabel_statement::key_id(&vk),
                account: account.clone(),
                public_key: STANDARD.encode(vk.as_bytes()),
                added_at: now,
                revoked_at: None,
            };
            store.add_key(&record).map_err(store_err)?;
            audit("admin.key.add", account, record.key_id.clone())?;
            done(&mut out, format!("added key {} to {account}", record.key_id), json!(record))?;
        }
        AdminAction::Key(KeyAction::Revoke { key_id }) => {
            store.revoke_key(key_id, now).map_err(store_err)?;
            audit("admin.key.revoke", key_id, String::new())?;
            done(&mut out, format!("revoked key {key_id}"), json!({"revoked": key_id}))?;
        }
        AdminAction::Accredit { lab, scheme } => {
            if catalogs().framework(scheme).is_none() {
                return Err(input_error(format!("unknown scheme {scheme:?}; see `iotlabel frameworks`")));
            }
            store
                .accredit(&Accreditation { lab: lab.clone(), scheme: scheme.clone(), granted_at: now })
                .map_err(store_err)?;
            audit("admin.accredit", lab, scheme.clone())?;
            done(
                &mut out,
                format!("{lab} is accredited for {scheme}"),
                json!({"lab": lab, "scheme": scheme}),
            )?;
        }
        AdminAction::Withdraw { lab, scheme } => {
            let held = store.withdraw(lab, scheme).map_err(store_err)?;
            audit("admin.withdraw", lab, scheme.clone())?;
            done(
                &mut out,
                if held {
                    format!("withdrew {lab}'s accreditation for {scheme}")
                } else {
                    format!("{lab} was not accredited for {scheme}")
                },
                json!({"withdrawn": held}),
            )?;
        }
        AdminAction::Audit { limit } => {
            let trail = store.audit_trail(*limit).map_err(store_err)?;
            match format {
                DataFormat::Json => write_json(&mut out, &trail)?,
                DataFormat::Text => {
                    for e in &trail {
                        writeln!(
                            out,
                            "{} {} {} {} {}",
                            e.at.format("%Y-%m-%dT%H:%M:%SZ"),
                            e.action,
                            e.code.as_deref().unwrap_or("-"),
                            e.client.as_deref().or(e.actor.as_deref()).unwrap_or("-"),
                            e.detail.lines().next().unwrap_or("")
                        )?;
                    }
                }
            }
        }
    }
    Ok(Done::Ok)
}

/// A public key given as a PEM file (private or public) or as base64 of the 32 raw bytes.
fn read_public_key(arg: &str) -> Result<ed25519_dalek::VerifyingKey, Failure> {
    if let Ok(bytes) = STANDARD.decode(arg.trim())
        && let Ok(raw) = <[u8; 32]>::try_from(bytes.as_slice())
    {
        return ed25519_dalek::VerifyingKey::from_bytes(&raw)
            .map_err(|_| input_error("not an Ed25519 public key"));
    }
    let text = std::fs::read_to_string(arg)
        .map_err(|e| input_error(format!("{arg}: neither 32 bytes of base64 nor a readable file ({e})")))?;
    if let Ok(k) = SigningKey::from_pkcs8_pem(&text) {
        return Ok(k.verifying_key());
    }
    ed25519_dalek::VerifyingKey::from_public_key_pem(&text)
        .map_err(|e| input_error(format!("{arg}: not an Ed25519 PEM key ({e})")))
}

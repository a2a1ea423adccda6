//! The HTTP API: the axum router and its handlers. Every error body is `{"error": Refusal}`.

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::Utc;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use iotlabel_registry::{Code, Refusal};
use serde::Deserialize;
use serde_json::json;

use crate::registry::{Failure, Registry};
use iotlabel_tlog::TreeError;
use iotlabel_tlog::tiles::{self, TILE_WIDTH};

/// The router's state: the registry and the rate limiters.
pub struct App {
    pub registry: Arc<Registry>,
    /// The web site's pages (merged in by whoever serves them), for the OpenAPI document.
    pages: &'static [crate::openapi::Route],
    by_client: DefaultKeyedRateLimiter<IpAddr>,
    by_key: DefaultKeyedRateLimiter<String>,
}

type Shared = State<Arc<App>>;

fn quota(per_minute: u32) -> Quota {
    let n = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::per_minute(n).allow_burst(n)
}

/// The whole API.
pub fn router(registry: Arc<Registry>) -> Router {
    router_with(registry, Router::new(), &[])
}

/// The API with the web site's `pages` (their own router, state applied), whose operations
/// `page_routes` lists for the OpenAPI document. The API's routes, limits and metrics apply to
/// both; a path may be routed by only one of them.
pub fn router_with(
    registry: Arc<Registry>,
    pages: Router,
    page_routes: &'static [crate::openapi::Route],
) -> Router {
    let max_body = registry.config.max_body;
    let app = Arc::new(App {
        pages: page_routes,
        by_client: RateLimiter::keyed(quota(registry.config.per_client_per_minute)),
        by_key: RateLimiter::keyed(quota(registry.config.per_key_per_minute)),
        registry,
    });
    Router::new()
        .route("/api/v1/statements", post(submit))
        .route("/api/v1/labels", get(labels))
        .route("/api/v1/labels/{id}", get(label))
        .route("/api/v1/labels/{id}/statements", get(label_statements))
        .route("/api/v1/keys/{key_id}", get(key))
        .route("/api/v1/accounts/{slug}", get(account))
        .route("/api/v1/accounts/{slug}/statements", get(account_statements))
        .route("/api/v1/log/sth", get(sth))
        .route("/api/v1/log/proof/inclusion", get(inclusion))
        .route("/api/v1/log/proof/consistency", get(consistency))
        .route("/api/v1/log/entries", get(entries))
        .route("/api/v1/log/cosignatures", post(cosignatures))
        .route("/log/checkpoint", get(checkpoint))
        .route("/log/tile/{*path}", get(tile))
        .route("/api/v1/log/entries/{index}/payload", get(entry_payload))
        .route("/.well-known/tea", get(tea_well_known))
        .route("/tea/v0.0.3/products", get(tea_products))
        .route("/tea/v0.0.3/product/{uuid}", get(tea_product))
        .route("/tea/v0.0.3/component/{uuid}", get(tea_component))
        .route("/tea/v0.0.3/component/{uuid}/releases", get(tea_releases))
        .route("/tea/v0.0.3/release/{uuid}/collection", get(tea_collection))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(openapi))
        .fallback(fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(Arc::clone(&app))
        .merge(pages)
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&app), count))
        .layer(DefaultBodyLimit::max(max_body))
}

/// Counts every request by route and status.
async fn count(State(app): Shared, req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let route = req
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or_else(|| "(unrouted)".to_owned(), |p| p.as_str().to_owned());
    let response = next.run(req).await;
    app.registry.metrics.request(&route, response.status().as_u16());
    response
}

/// A JSON error response.
pub fn refusal(r: &Refusal) -> Response {
    let status = StatusCode::from_u16(r.code.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
    (status, axum::Json(json!({ "error": r }))).into_response()
}

fn internal(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "request failed");
    let body = json!({"error": {"code": "internal", "message": "the registry failed to answer; try again", "detail": e.to_string()}});
    (StatusCode::INTERNAL_SERVER_ERROR, axum::Json(body)).into_response()
}

fn json_bytes(bytes: Bytes) -> Response {
    ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], bytes).into_response()
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, Response> {
    tokio::task::spawn_blocking(f).await.map_err(internal)
}

async fn submit(
    State(app): Shared,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let registry = Arc::clone(&app.registry);
    let client = peer.ip().to_string();
    // The refusal is in the audit trail before the client hears of it.
    let refuse = |r: Refusal, actor: Option<String>| {
        let reg = Arc::clone(&registry);
        let client = client.clone();
        async move {
            let response = refusal(&r);
            let _ =
                tokio::task::spawn_blocking(move || reg.audit_refusal(&r, Some(client), actor, None)).await;
            response
        }
    };
    if app.by_client.check_key(&peer.ip()).is_err() {
        return refuse(
            Refusal::new(Code::RateLimited, format!("too many statements from {client}"))
                .suggest("wait a minute and send again"),
            None,
        )
        .await;
    }
    let body = match body {
        Ok(b) => b,
        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return refuse(
                Refusal::new(
                    Code::TooLarge,
                    format!("the request is larger than {} bytes", registry.config.max_body),
                ),
                None,
            )
            .await;
        }
        Err(e) => return refuse(Refusal::new(Code::Malformed, e.body_text()), None).await,
    };
    let Ok(text) = String::from_utf8(body.to_vec()) else {
        return refuse(Refusal::new(Code::Malformed, "the body is not UTF-8 text"), None).await;
    };
    let app2 = Arc::clone(&app);
    let outcome = blocking(move || {
        let signed = match iotlabel_statement::parse(&text) {
            Ok(s) => s,
            Err(e) => return (None, Err(Failure::Refused(crate::registry::unreadable(e)))),
        };
        let signer = signed.statement.signer.clone();
        if app2.by_key.check_key(&signer).is_err() {
            let r = Refusal::new(Code::RateLimited, format!("too many statements signed by {signer}"))
                .suggest("wait a minute and send again");
            return (Some(signer), Err(Failure::Refused(r)));
        }
        (Some(signer), app2.registry.submit_signed(&signed, Utc::now()))
    })
    .await;
    match outcome {
        Err(resp) => resp,
        Ok((_, Ok(done))) => (StatusCode::CREATED, axum::Json(done)).into_response(),
        Ok((actor, Err(Failure::Refused(r)))) => refuse(r, actor).await,
        Ok((_, Err(Failure::Store(e)))) => internal(e),
    }
}

#[derive(Debug, Deserialize)]
struct LabelQuery {
    after: Option<String>,
    limit: Option<u32>,
    maker: Option<String>,
    product: Option<String>,
}

fn bad_query(e: axum::extract::rejection::QueryRejection, example: &str) -> Response {
    refusal(&Refusal::new(Code::Malformed, e.body_text()).suggest(format!("for example {example}")))
}

async fn labels(
    State(app): Shared,
    q: Result<Query<LabelQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let q = match q {
        Ok(Query(q)) => q,
        Err(e) => return bad_query(e, "/api/v1/labels?limit=50&maker=acme"),
    };
    let registry = Arc::clone(&app.registry);
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    match blocking(move || {
        registry.store.labels(q.after.as_deref(), limit, q.maker.as_deref(), q.product.as_deref())
    })
    .await
    {
        Ok(Ok(rows)) => {
            let next = (rows.len() as u32 == limit).then(|| rows.last().map(|r| r.id.clone())).flatten();
            axum::Json(json!({ "labels": rows, "next_after": next })).into_response()
        }
        Ok(Err(e)) => internal(e),
        Err(r) => r,
    }
}

fn no_label(id: &str) -> Response {
    refusal(&Refusal::new(Code::NotFound, format!("no label {id} is registered")).at("id"))
}

async fn label(State(app): Shared, Path(id): Path<String>) -> Response {
    let today = Utc::now().date_naive();
    if let Some(hit) = app.registry.cached_record(&id, today) {
        return json_bytes(hit);
    }
    let registry = Arc::clone(&app.registry);
    let id2 = id.clone();
    match blocking(move || registry.record_json(&id2, today)).await {
        Ok(Ok(Some(json))) => json_bytes(json),
        Ok(Ok(None)) => no_label(&id),
        Ok(Err(e)) => internal(e),
        Err(r) => r,
    }
}

async fn label_statements(State(app): Shared, Path(id): Path<String>) -> Response {
    let registry = Arc::clone(&app.registry);
    let id2 = id.clone();
    match blocking(move || registry.store.entries_about(&id2)).await {
        Ok(Ok(entries)) if entries.is_empty() => no_label(&id),
        Ok(Ok(entries)) => {
            axum::Json(json!({ "entries": entries.iter().map(entry_json).collect::<Vec<_>>() }))
                .into_response()
        }
        Ok(Err(e)) => internal(e),
        Err(r) => r,
    }
}

fn entry_json(e: &iotlabel_store::Entry) -> serde_json::Value {
    let statement: serde_json::Value =
        serde_json::from_slice(&e.entry.body).unwrap_or(serde_json::Value::Null);
    json!({
        "index": e.index,
        "leaf_hash": STANDARD.encode(e.leaf_hash),
        "accepted_at": e.entry.accepted_at,
        "account": e.entry.account,
        "signed_statement": statement,
    })
}

async fn key(State(app): Shared, Path(key_id): Path<String>) -> Response {
    let registry = Arc::clone(&app.registry);
    let k = key_id.clone();
    match blocking(move || registry.store.key(&k)).await {
        Ok(Ok(Some(key))) => axum::Json(key).into_response(),
        Ok(Ok(None)) => {
            refusal(&Refusal::new(Code::NotFound, format!("no key {key_id} is registered")).at("key_id"))
        }
        Ok(Err(e)) => internal(e),
        Err(r) => r,
    }
}

async fn account(State(app): Shared, Path(slug): Path<String>) -> Response {
    let registry = Arc::clone(&app.registry);
    let s = slug.clone();
    let found = blocking(move || -> iotlabel_store::Result<_> {
        let Some(account) = registry.store.account(&s)? else { return Ok(None) };
        let keys = registry.store.keys(&s)?;
        let accreditations = registry.store.accreditations(&s)?;
        Ok(Some(json!({ "account": account, "keys": keys, "accreditations": accreditations })))
    })
    .await;
    match found {
        Ok(Ok(Some(v))) => axum::Json(v).into_response(),
        Ok(Ok(None)) => refusal(&Refusal::new(Code::NotFound, format!("no account {slug}")).at("slug")),
        Ok(Err(e)) => internal(e),
        Err(r) => r,
    }
}

/// The account's key changes (their subject is the account's slug). An account whose keys an
/// administrator registered has none: an empty list, not a 404, once the account exists.
async fn account_statements(State(app): Shared, Path(slug): Path<String>) -> Response {
    let registry = Arc::clone(&app.registry);
    let s = slug.clone();
    let found = blocking(move || -> iotlabel_store::Result<_> {
        if registry.store.account(&s)?.is_none() {
            return Ok(None);
        }
        registry.store.entries_about(&s).map(Some)
    })
    .await;
    match found {
        Ok(Ok(Some(entries))) => {
            axum::Json(json!({ "entries": entries.iter().map(entry_json).collect::<Vec<_>>() }))
                .into_response()
        }
        Ok(Ok(None)) => refusal(&Refusal::new(Code::NotFound, format!("no account {slug}")).at("slug")),
        Ok(Err(e)) => internal(e),
        Err(r) => r,
    }
}

async fn sth(State(app): Shared) -> Response {
    let head = app.registry.checkpoint();
    axum::Json(json!({
        "tree_size": head.checkpoint.size,
        "root_hash": STANDARD.encode(head.checkpoint.root_hash),
        "origin": app.registry.config.origin,
        "key": app.registry.log.verifier.to_vkey(),
        "checkpoint": String::from_utf8_lossy(&head.note),
    }))
    .into_response()
}

#[derive(Debug, Deserialize)]
struct InclusionQuery {
    index: u64,
    tree_size: Option<u64>,
}

async fn inclusion(
    State(app): Shared,
    q: Result<Query<InclusionQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(q)) = q else {
        return refusal(
            &Refusal::new(Code::Malformed, "give index (and optionally tree_size) as numbers")
                .suggest("/api/v1/log/proof/inclusion?index=0&tree_size=10"),
        );
    };
    let registry = Arc::clone(&app.registry);
    match blocking(move || registry.inclusion_proof(q.index, q.tree_size)).await {
        Ok(Ok((size, leaf, path))) => axum::Json(json!({
            "leaf_index": q.index,
            "tree_size": size,
            "leaf_hash": STANDARD.encode(leaf),
            "inclusion_path": path.iter().map(|h| STANDARD.encode(h)).collect::<Vec<_>>(),
        }))
        .into_response(),
        Ok(Err(e @ TreeError::Leaves { .. })) => internal(e),
        Ok(Err(e)) => refusal(&Refusal::new(Code::NotFound, e.to_string())),
        Err(r) => r,
    }
}

#[derive(Debug, Deserialize)]
struct ConsistencyQuery {
    first: u64,
    second: Option<u64>,
}

async fn consistency(
    State(app): Shared,
    q: Result<Query<ConsistencyQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(q)) = q else {
        return refusal(
            &Refusal::new(Code::Malformed, "give first (and optionally second) as numbers")
                .suggest("/api/v1/log/proof/consistency?first=5&second=10"),
        );
    };
    let registry = Arc::clone(&app.registry);
    match blocking(move || registry.consistency_proof(q.first, q.second)).await {
        Ok(Ok((second, path))) => axum::Json(json!({
            "first": q.first,
            "second": second,
            "consistency_path": path.iter().map(|h| STANDARD.encode(h)).collect::<Vec<_>>(),
        }))
        .into_response(),
        Ok(Err(e @ TreeError::Leaves { .. })) => internal(e),
        Ok(Err(e)) => refusal(&Refusal::new(Code::NotFound, e.to_string())),
        Err(r) => r,
    }
}

#[derive(Debug, Deserialize)]
struct EntriesQuery {
    start: u64,
    end: Option<u64>,
}

/// At most this many entries per `/api/v1/log/entries` answer.
pub const MAX_ENTRIES: u64 = 256;

async fn entries(
    State(app): Shared,
    q: Result<Query<EntriesQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(q)) = q else {
        return refusal(
            &Refusal::new(Code::Malformed, "give start (and optionally end) as numbers")
                .suggest("/api/v1/log/entries?start=0&end=10"),
        );
    };
    let cap = q.start.saturating_add(MAX_ENTRIES);
    let end = q.end.unwrap_or(cap).min(cap);
    let registry = Arc::clone(&app.registry);
    match blocking(move || registry.store.entries(q.start, end)).await {
        Ok(Ok(list)) => {
            axum::Json(json!({ "entries": list.iter().map(entry_json).collect::<Vec<_>>() })).into_response()
        }
        Ok(Err(e)) => internal(e),
        Err(r) => r,
    }
}

async fn checkpoint(State(app): Shared) -> Response {
    let registry = Arc::clone(&app.registry);
    match blocking(move || registry.cosigned_checkpoint()).await {
        Ok(Ok(note)) => {
            ([(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], note)
                .into_response()
        }
        Ok(Err(e)) => internal(e),
        Err(r) => r,
    }
}

/// A witness sends back the checkpoint with its cosignature (C2SP tlog-cosignature).
async fn cosignatures(State(app): Shared, body: Result<Bytes, BytesRejection>) -> Response {
    let Ok(text) = body.map_err(drop).and_then(|b| String::from_utf8(b.to_vec()).map_err(drop)) else {
        return refusal(&Refusal::new(Code::Malformed, "the body is not a UTF-8 signed note"));
    };
    let registry = Arc::clone(&app.registry);
    match blocking(move || registry.add_cosignatures(&text, Utc::now())).await {
        Ok(Ok(witnesses)) => {
            (StatusCode::CREATED, axum::Json(json!({ "accepted": witnesses }))).into_response()
        }
        Ok(Err(Failure::Refused(r))) => refusal(&r),
        Ok(Err(Failure::Store(e))) => internal(e),
        Err(r) => r,
    }
}

async fn tile(State(app): Shared, Path(path): Path<String>) -> Response {
    let Some(t) = tiles::parse(&path) else {
        return refusal(
            &Refusal::new(Code::NotFound, format!("tile/{path} is not a tile path"))
                .suggest("tile/<L>/<N>[.p/<W>] as C2SP tlog-tiles writes it"),
        );
    };
    let Some(first) = t.index.checked_mul(TILE_WIDTH) else {
        return refusal(&Refusal::new(Code::NotFound, format!("tile/{path} is beyond any tree")));
    };
    let width = u64::from(t.width);
    let missing = || refusal(&Refusal::new(Code::NotFound, format!("tile/{path} is not in the tree (yet)")));
    let immutable = (
        header::CACHE_CONTROL,
        if width == TILE_WIDTH { "public, max-age=31536000, immutable" } else { "no-store" },
    );
    match t.level {
        Some(level) => {
            let level = usize::from(level) * 8;
            // A partial tile exists only at the tree's current width; a full one once complete.
            let registry = Arc::clone(&app.registry);
            match blocking(move || registry.tile_hashes(level, first, width)).await {
                Ok(Ok(Some(hashes))) => {
                    let body = hashes.concat();
                    ([(header::CONTENT_TYPE, "application/octet-stream"), immutable], body).into_response()
                }
                Ok(Ok(None)) => missing(),
                Ok(Err(e)) => internal(e),
                Err(r) => r,
            }
        }
        None => {
            let size = app.registry.tree().size();
            if first.saturating_add(width) > size || (width < TILE_WIDTH && size - first != width) {
                return missing();
            }
            let registry = Arc::clone(&app.registry);
            match blocking(move || registry.store.entries(first, first + width)).await {
                Ok(Ok(list)) => {
                    let mut body = Vec::new();
                    for e in &list {
                        let Ok(len) = u16::try_from(e.entry.body.len()) else {
                            return internal(format!("entry {} is larger than a tile entry may be", e.index));
                        };
                        body.extend_from_slice(&len.to_be_bytes());
                        body.extend_from_slice(&e.entry.body);
                    }
                    ([(header::CONTENT_TYPE, "application/octet-stream"), immutable], body).into_response()
                }
                Ok(Err(e)) => internal(e),
                Err(r) => r,
            }
        }
    }
}

/// One logged statement's payload, as signed (a VEX document, a declaration, evidence).
async fn entry_payload(State(app): Shared, Path(index): Path<u64>) -> Response {
    let registry = Arc::clone(&app.registry);
    match blocking(move || registry.store.entries(index, index.saturating_add(1))).await {
        Ok(Ok(list)) => {
            match list.first().and_then(|e| serde_json::from_slice::<serde_json::Value>(&e.entry.body).ok()) {
                Some(v) => axum::Json(v["statement"]["payload"].clone()).into_response(),
                None => refusal(&Refusal::new(Code::NotFound, format!("no log entry {index}"))),
            }
        }
        Ok(Err(e)) => internal(e),
        Err(r) => r,
    }
}

async fn tea_well_known(State(app): Shared) -> Response {
    axum::Json(crate::tea::well_known(&app.registry.config.public_url)).into_response()
}

#[derive(Debug, Deserialize)]
struct TeiQuery {
    tei_urn: String,
}

async fn tea_products(
    State(app): Shared,
    q: Result<Query<TeiQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let q = match q {
        Ok(Query(q)) => q,
        Err(e) => return bad_query(e, "/tea/v0.0.3/products?tei_urn=urn:tei:uuid:registry.example:<uuid>"),
    };
    let registry = Arc::clone(&app.registry);
    let now = Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    match blocking(move || {
        crate::tea::products(registry.store.as_ref(), &registry.config.public_url, &q.tei_urn, &now)
    })
    .await
    {
        Ok(Ok(v)) => axum::Json(v).into_response(),
        Ok(Err(e)) => internal(e),
        Err(r) => r,
    }
}

fn tea_answer(
    found: Result<Result<Option<serde_json::Value>, iotlabel_store::StoreError>, Response>,
    what: &str,
) -> Response {
    match found {
        Ok(Ok(Some(v))) => axum::Json(v).into_response(),
        Ok(Ok(None)) => refusal(&Refusal::new(Code::NotFound, format!("no such TEA {what}"))),
        Ok(Err(e)) => internal(e),
        Err(r) => r,
    }
}

async fn tea_product(State(app): Shared, Path(uuid): Path<String>) -> Response {
    let registry = Arc::clone(&app.registry);
    tea_answer(
        blocking(move || {
            crate::tea::product(registry.store.as_ref(), &registry.config.public_url, &uuid, false)
        })
        .await,
        "product",
    )
}

async fn tea_component(State(app): Shared, Path(uuid): Path<String>) -> Response {
    let registry = Arc::clone(&app.registry);
    tea_answer(
        blocking(move || {
            crate::tea::product(registry.store.as_ref(), &registry.config.public_url, &uuid, true)
        })
        .await,
        "component",
    )
}

async fn tea_releases(State(app): Shared, Path(uuid): Path<String>) -> Response {
    let registry = Arc::clone(&app.registry);
    tea_answer(blocking(move || crate::tea::releases(registry.store.as_ref(), &uuid)).await, "component")
}

async fn tea_collection(State(app): Shared, Path(uuid): Path<String>) -> Response {
    let registry = Arc::clone(&app.registry);
    tea_answer(
        blocking(move || crate::tea::collection(registry.store.as_ref(), &registry.config.public_url, &uuid))
            .await,
        "release",
    )
}

async fn healthz() -> Response {
    axum::Json(json!({"status": "ok"})).into_response()
}

async fn readyz(State(app): Shared) -> Response {
    let registry = Arc::clone(&app.registry);
    match blocking(move || registry.store.size()).await {
        Ok(Ok(size)) => {
            axum::Json(json!({"status": "ready", "backend": app.registry.store.backend(), "log_size": size}))
                .into_response()
        }
        Ok(Err(e)) => (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(json!({"status": "unavailable", "error": e.to_string()})),
        )
            .into_response(),
        Err(r) => r,
    }
}

async fn metrics(State(app): Shared) -> Response {
    (
        [(header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")],
        app.registry.metrics.encode(),
    )
        .into_response()
}

async fn openapi(State(app): Shared) -> Response {
    axum::Json(crate::openapi::document(&app.registry.config.public_url, app.pages)).into_response()
}

async fn method_not_allowed() -> Response {
    let r = Refusal::new(Code::Malformed, "this method is not allowed here")
        .suggest("see /openapi.json for each path's methods");
    (StatusCode::METHOD_NOT_ALLOWED, axum::Json(json!({ "error": r }))).into_response()
}

async fn fallback(State(app): Shared, method: axum::http::Method, uri: axum::http::Uri) -> Response {
    if method == axum::http::Method::GET {
        let registry = Arc::clone(&app.registry);
        let path = uri.path().to_owned();
        match blocking(move || registry.mud_file(&path)).await {
            Ok(Ok(Some(mud))) => {
                return ([(header::CONTENT_TYPE, "application/mud+json")], mud).into_response();
            }
            Ok(Err(e)) => return internal(e),
            Err(r) => return r,
            Ok(Ok(None)) => {}
        }
    }
    refusal(&Refusal::new(Code::NotFound, "no such page").suggest("see /openapi.json for the API"))
}

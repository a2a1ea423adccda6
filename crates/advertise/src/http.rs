//! The HTTP side: `GET`/`HEAD /.well-known/iot-label` (RFC 8615), everything else 404.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::http::uri::Authority;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode, Version};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use sha2::{Digest, Sha256};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;
use tracing::{debug, warn};

use crate::WELL_KNOWN_PATH;
use crate::conns::{Refusal, Table};
pub use crate::limits::HttpLimits;

/// How long open connections get to finish when the responder stops.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(2);
/// Largest request head read (hyper's read buffer); a longer head is refused.
const MAX_HEAD: usize = 16 * 1024;
/// `Cache-Control` of the resource: five minutes, then revalidate with the ETag.
pub const CACHE_CONTROL: &str = "public, max-age=300";

/// The resource, serialised once.
#[derive(Debug)]
pub(crate) struct Resource {
    body: Bytes,
    etag: HeaderValue,
}

impl Resource {
    pub(crate) fn new(json: &serde_json::Value) -> Self {
        let mut body = serde_json::to_vec(json).unwrap_or_default();
        body.push(b'\n');
        let hash = Sha256::digest(&body);
        let hex: String = hash.iter().take(16).map(|b| format!("{b:02x}")).collect();
        let etag = HeaderValue::from_str(&format!("\"{hex}\"")).unwrap_or(HeaderValue::from_static("\"0\""));
        Resource { body: Bytes::from(body), etag }
    }
}

fn etag_matches(header: Option<&HeaderValue>, etag: &HeaderValue) -> bool {
    let Some(Ok(list)) = header.map(HeaderValue::to_str) else { return false };
    let want = etag.to_str().unwrap_or_default();
    // RFC 9110 §13.1.2: weak comparison; `*` matches any current representation.
    list.split(',').map(str::trim).any(|t| t == "*" || t.trim_start_matches("W/") == want)
}

/// RFC 9112 §3.2: an HTTP/1.1 request needs exactly one Host header; no request may carry two;
/// a Host must be a valid `uri-host [":" port]` (RFC 9110 §7.2), and not empty, since an `http`
/// URI always has a host (RFC 9110 §4.2.1). HTTP/1.0 requests may leave Host out. What is wrong,
/// in words, or `None`.
fn host_problem(req: &Request<Incoming>) -> Option<&'static str> {
    let mut hosts = req.headers().get_all(header::HOST).iter();
    match (hosts.next(), hosts.next()) {
        (None, _) if req.version() == Version::HTTP_10 => None,
        (None, _) => Some("an HTTP/1.1 request without a Host header"),
        (Some(_), Some(_)) => Some("more than one Host header"),
        (Some(host), None) => {
            let valid = host
                .to_str()
                .ok()
                .filter(|h| !h.contains('@'))
                .is_some_and(|h| h.parse::<Authority>().is_ok());
            (!valid).then_some("an invalid Host header")
        }
    }
}

fn respond(req: &Request<Incoming>, res: &Resource, peer: SocketAddr) -> Response<Full<Bytes>> {
    let mut builder = Response::builder().header(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    let (status, body) = if let Some(problem) = host_problem(req) {
        debug!(%peer, problem, "HTTP request refused with 400");
        builder = builder
            .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
            .header(header::CONNECTION, "close");
        (StatusCode::BAD_REQUEST, Bytes::from(format!("bad request: {problem}\n")))
    } else if req.uri().path() != WELL_KNOWN_PATH {
        builder = builder.header(header::CONTENT_TYPE, "text/plain; charset=utf-8");
        (StatusCode::NOT_FOUND, Bytes::from_static(b"not found\n"))
    } else if req.method() != Method::GET && req.method() != Method::HEAD {
        builder = builder
            .header(header::ALLOW, "GET, HEAD")
            .header(header::CONTENT_TYPE, "text/plain; charset=utf-8");
        (StatusCode::METHOD_NOT_ALLOWED, Bytes::from_static(b"method not allowed\n"))
    } else {
        builder = builder
            .header(header::CACHE_CONTROL, CACHE_CONTROL)
            .header(header::ETAG, res.etag.clone())
            .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        if etag_matches(req.headers().get(header::IF_NONE_MATCH), &res.etag) {
            (StatusCode::NOT_MODIFIED, Bytes::new())
        } else {
            builder = builder.header(header::CONTENT_TYPE, "application/json");
            // For HEAD hyper sends the headers (Content-Length included) and drops the body.
            (StatusCode::OK, res.body.clone())
        }
    };
    debug!(%peer, method = %req.method(), path = req.uri().path(), status = status.as_u16(), "HTTP request");
    builder.status(status).body(Full::new(body)).unwrap_or_else(|_| {
        let mut r = Response::new(Full::new(Bytes::new()));
        *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        r
    })
}

/// Serves connections from `listener` until `stop` turns true, then lets open ones finish.
pub(crate) async fn run(
    listener: TcpListener,
    res: Arc<Resource>,
    limits: HttpLimits,
    mut stop: watch::Receiver<bool>,
) {
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(limits.header_read_timeout).max_buf_size(MAX_HEAD);
    let table = Table::new(limits);
    // The connection tasks, so that those still open after the drain are really closed.
    let mut tasks = JoinSet::new();
    loop {
        // Reap finished connection tasks as we go.
        while tasks.try_join_next().is_some() {}
        let (stream, peer) = tokio::select! {
            () = crate::stopped(&mut stop) => break,
            r = listener.accept() => match r {
                Ok(x) => x,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little rather than spin.
                    warn!(error = %e, "HTTP accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let (slot, evicted) = match table.admit(peer) {
            Ok(x) => x,
            Err(Refusal::PerClient) => {
                debug!(%peer, limit = limits.max_connections_per_client,
                    "HTTP connection refused: this client already holds its share, all of them recent");
                continue;
            }
            Err(Refusal::Total) => {
                debug!(%peer, limit = limits.max_connections,
                    "HTTP connection refused: the server is full, every connection recent");
                continue;
            }
        };
        let slot = Arc::new(slot);
        let res = Arc::clone(&res);
        let in_service = Arc::clone(&slot);
        let service = service_fn(move |req| {
            in_service.request_started();
            let out = respond(&req, &res, peer);
            async move { Ok::<_, Infallible>(out) }
        });
        let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        let lifetime = limits.connection_lifetime;
        tasks.spawn(async move {
            tokio::select! {
                r = conn => match r {
                    Ok(()) => {}
                    Err(e) if e.is_timeout() => {
                        debug!(%peer, limit = ?limits.header_read_timeout,
                            "HTTP connection closed: no complete request head in time");
                    }
                    Err(e) => debug!(%peer, error = %e, "HTTP connection ended with an error"),
                },
                // Closed to make room (the table logged why).
                _ = evicted => {}
                () = tokio::time::sleep(lifetime) => {
                    debug!(%peer, limit = ?lifetime, "HTTP connection closed: open for too long");
                }
            }
            drop(slot);
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown()).await.is_err() {
        debug!("HTTP connections still open after {DRAIN_TIMEOUT:?}; dropping them");
    }
    tasks.shutdown().await;
    debug!("HTTP server stopped");
}

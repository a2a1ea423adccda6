//! The HTTP side: `GET`/`HEAD /.well-known/iot-label` (RFC 8615), everything else 404.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use sha2::{Digest, Sha256};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tracing::{debug, warn};

use crate::WELL_KNOWN_PATH;

/// How long a client may take to send its request head.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long open connections get to finish when the responder stops.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(2);
/// Connections served at once; more are closed at once (a device has little memory).
const MAX_CONNECTIONS: usize = 64;
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

fn respond(req: &Request<Incoming>, res: &Resource) -> Response<Full<Bytes>> {
    let mut builder = Response::builder().header(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    let (status, body) = if req.uri().path() != WELL_KNOWN_PATH {
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
    debug!(method = %req.method(), path = req.uri().path(), status = status.as_u16(), "HTTP request");
    builder.status(status).body(Full::new(body)).unwrap_or_else(|_| {
        let mut r = Response::new(Full::new(Bytes::new()));
        *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        r
    })
}

/// Serves connections from `listener` until `stop` turns true, then lets open ones finish.
pub(crate) async fn run(listener: TcpListener, res: Arc<Resource>, mut stop: watch::Receiver<bool>) {
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT).max_buf_size(16 * 1024);
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
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
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            debug!(%peer, "too many HTTP connections; closing");
            continue;
        };
        let res = Arc::clone(&res);
        let service = service_fn(move |req| {
            let out = respond(&req, &res);
            async move { Ok::<_, Infallible>(out) }
        });
        let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                debug!(%peer, error = %e, "HTTP connection ended with an error");
            }
            drop(slot);
        });
    }
    drop(listener);
    if tokio::time::timeout(DRAIN_TIMEOUT, graceful.shutdown()).await.is_err() {
        debug!("HTTP connections still open after {DRAIN_TIMEOUT:?}; dropping them");
    }
    debug!("HTTP server stopped");
}

//! The registry's HTTP API over a [`Store`]: signed statements in (`POST /api/v1/statements`),
//! a verifiable log (RFC 9162 proofs, C2SP checkpoints and tiles) and live label records out.
//!
//! The server keeps no state of its own that the store does not hold: the Merkle tree is
//! rebuilt from the stored leaf hashes at start and follows the store (its own appends at once,
//! other servers' within [`SYNC_EVERY`]), label records are derived and cached per date, and the
//! log's signing key is a store setting, so several servers on one PostgreSQL database serve one
//! log. Every refusal is answered with a JSON [`Refusal`] and kept in the audit trail.
//!
//! - [`registry`]: the shared state and the blocking operations (submit, sync, records).
//! - [`routes`]: the axum router, handlers, rate limits and body caps.
//! - [`openapi`]: the route table and the OpenAPI 3.1 document generated from it.
//! - [`tea`]: the Transparency Exchange API subset (product discovery, VEX).
//! - [`demo`]: the demo registry's makers, lab and statements.
//! - [`metrics`]: Prometheus counters.

pub mod demo;
pub mod metrics;
pub mod openapi;
pub mod registry;
pub mod routes;
pub mod tea;

use std::time::Duration;

pub use iotlabel_registry::Refusal;
pub use iotlabel_store::Store;
pub use registry::{Config, Registry, Submitted};

/// How often a server reads what other servers appended.
pub const SYNC_EVERY: Duration = Duration::from_millis(250);

/// Serves the API until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    registry: std::sync::Arc<Registry>,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(registry, axum::Router::new(), &[], listener, shutdown).await
}

/// [`serve`], with the web site's pages and their route table (see [`routes::router_with`]).
pub async fn serve_with(
    registry: std::sync::Arc<Registry>,
    pages: axum::Router,
    page_routes: &'static [openapi::Route],
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let sync = tokio::spawn(registry::follow(std::sync::Arc::clone(&registry)));
    let app = routes::router_with(registry, pages, page_routes);
    let out = axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await;
    sync.abort();
    out
}

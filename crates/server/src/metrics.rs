//! Prometheus metrics (`GET /metrics`, OpenMetrics text).

use iotlabel_registry::Code;
use iotlabel_statement::Kind;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabel {
    kind: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct CodeLabel {
    code: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabel {
    route: String,
    status: u16,
}

/// The server's counters and gauges.
pub struct Metrics {
    registry: Registry,
    accepted: Family<KindLabel, Counter>,
    refused: Family<CodeLabel, Counter>,
    requests: Family<RouteLabel, Counter>,
    /// Entries in the log, as this server last read it.
    pub log_size: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("iotlabel");
        let accepted = Family::<KindLabel, Counter>::default();
        let refused = Family::<CodeLabel, Counter>::default();
        let requests = Family::<RouteLabel, Counter>::default();
        let log_size = Gauge::default();
        registry.register("statements_accepted", "Statements accepted into the log", accepted.clone());
        registry.register("statements_refused", "Statements refused, by refusal code", refused.clone());
        registry.register("http_requests", "HTTP requests, by route and status", requests.clone());
        registry.register("log_size", "Entries in the log", log_size.clone());
        Metrics { registry, accepted, refused, requests, log_size }
    }
}

impl Metrics {
    pub fn accepted(&self, kind: Kind) {
        self.accepted.get_or_create(&KindLabel { kind: kind.as_str() }).inc();
    }

    pub fn refused(&self, code: Code) {
        let code =
            serde_json::to_value(code).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        self.refused.get_or_create(&CodeLabel { code }).inc();
    }

    /// Counts a request by its route pattern (`/api/v1/labels/{id}`, never the raw path, so the
    /// label set stays bounded).
    pub fn request(&self, route: &str, status: u16) {
        self.requests.get_or_create(&RouteLabel { route: route.to_owned(), status }).inc();
    }

    /// The OpenMetrics text.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

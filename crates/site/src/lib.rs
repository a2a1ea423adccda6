//! The registry's web site: where people land from a label's QR code, a search or a news story.
//!
//! Server-rendered pages (askama templates, escaped automatically; no JavaScript; one small
//! hand-written style sheet), in English and French, over the registry's read model:
//!
//! - `/l/{id}?d=...`: the QR landing: does the box in the buyer's hand match the registered
//!   label? Then the device page.
//! - `/d/{id}`: the device page: live status first (revoked, contradicted, support ended, known
//!   vulnerabilities), then the label's secondary layer (the render crate's page content, not a
//!   second copy of it), the label's history, who attested what, and the log proof.
//! - `/`, `/search`: search and filters, a plain form.
//! - `/makers`: the makers and their registered devices.
//!
//! Every page has a JSON twin (`Accept: application/json`), and a language taken from `?lang=`,
//! else `Accept-Language`, with a visible switch (never a cookie). [`ROUTES`] lists the pages for
//! the registry's OpenAPI document; [`router`] serves them, merged into the API's router by
//! `iotlabel_server::serve_with`.

pub mod advice_pages;
pub mod index;
pub mod insights;
pub mod lang;
mod pages;
pub mod scorecard;
pub mod standards;

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Bytes;
use axum::routing::get;
use chrono::NaiveDate;
use iotlabel_server::Registry;
use iotlabel_server::openapi::Route;

pub use index::{Index, Query, Row};

/// The site's state: the registry, the search index over its labels, and the device pages
/// already built.
pub struct Site {
    pub registry: Arc<Registry>,
    index: RwLock<Arc<Index>>,
    pages: RwLock<HashMap<PageKey, CachedPage>>,
}

/// One built device page: a label, a language, the QR code's digest (for the landing) and HTML
/// or JSON.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PageKey {
    pub id: String,
    pub lang: iotlabel_i18n::Lang,
    pub verdict: Option<pages::Match>,
    pub json: bool,
}

struct CachedPage {
    date: NaiveDate,
    /// The label's last log entry when the page was built.
    last_entry: u64,
    body: Bytes,
}

/// At most this many bytes of built pages are kept (all are dropped when it is reached).
const MAX_PAGE_BYTES: usize = 64 << 20;

impl Site {
    pub fn new(registry: Arc<Registry>) -> Self {
        Site { registry, index: RwLock::new(Arc::new(Index::default())), pages: RwLock::new(HashMap::new()) }
    }

    /// The index if it is current (no I/O needed), else `None`.
    pub fn current_index(&self, today: NaiveDate) -> Option<Arc<Index>> {
        let size = self.registry.tree().size();
        let current = self.index.read().unwrap_or_else(|p| p.into_inner());
        (current.size == size && current.date == today).then(|| Arc::clone(&current))
    }

    /// A page built for the label's `last_entry` on `today`.
    fn cached_page(&self, key: &PageKey, today: NaiveDate, last_entry: u64) -> Option<Bytes> {
        let pages = self.pages.read().unwrap_or_else(|p| p.into_inner());
        pages.get(key).filter(|p| p.date == today && p.last_entry == last_entry).map(|p| p.body.clone())
    }

    fn keep_page(&self, key: PageKey, date: NaiveDate, last_entry: u64, body: Bytes) {
        let mut pages = self.pages.write().unwrap_or_else(|p| p.into_inner());
        if pages.values().map(|p| p.body.len()).sum::<usize>() + body.len() > MAX_PAGE_BYTES {
            pages.clear();
        }
        pages.insert(key, CachedPage { date, last_entry, body });
    }

    /// The index as of `today`, brought up to date with the log first (only the labels the new
    /// log entries are about are derived again).
    pub fn index(&self, today: NaiveDate) -> Result<Arc<Index>, iotlabel_store::StoreError> {
        let size = self.registry.tree().size();
        {
            let current = self.index.read().unwrap_or_else(|p| p.into_inner());
            if current.size == size && current.date == today {
                return Ok(Arc::clone(&current));
            }
        }
        let mut slot = self.index.write().unwrap_or_else(|p| p.into_inner());
        if slot.size != size || slot.date != today {
            let next = slot.refreshed(&self.registry, size, today)?;
            *slot = Arc::new(next);
        }
        Ok(Arc::clone(&slot))
    }
}

/// The site's pages.
pub fn router(registry: Arc<Registry>) -> Router {
    let site = Arc::new(Site::new(registry));
    Router::new()
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/d/{id}", get(pages::device))
        .route("/l/{id}", get(pages::landing))
        .route("/makers", get(pages::makers))
        .route("/compare", get(pages::compare))
        .route("/m/{slug}", get(pages::maker))
        .route("/insights", get(pages::insights))
        .route("/standards", get(pages::standards))
        .route("/standards/crosswalk", get(pages::crosswalk))
        .route("/insights/{file}", get(pages::insight_file))
        .route("/export.jsonl", get(pages::export_jsonl))
        .route("/export.csv", get(pages::export_csv))
        .route("/static/site.css", get(pages::stylesheet))
        // issue 16's web part: the questionnaire and advice, the glossary, the gap analysis
        .route("/advice", get(advice_pages::advice))
        .route("/advice/profile.toml", get(advice_pages::profile_toml))
        .route("/glossary", get(advice_pages::glossary))
        .route("/gaps", get(advice_pages::gaps))
        .route("/gaps.csv", get(advice_pages::gaps_csv))
        .with_state(site)
}

/// The pages, for the OpenAPI document (each answers HTML, or JSON when asked for it).
pub const ROUTES: &[Route] = &[
    Route {
        method: "get",
        path: "/",
        summary: "The web site's home: search and the registry's figures (HTML; JSON with Accept: application/json)",
        params: &[("lang", "query", false, "en or fr (else Accept-Language)")],
        request: None,
        ok: (200, "text/html", None),
    },
    Route {
        method: "get",
        path: "/search",
        summary: "Search and filter registered devices (HTML; JSON with Accept: application/json)",
        params: &[
            ("q", "query", false, "words of the brand, model, device type or label id"),
            ("maker", "query", false, "a maker's account slug"),
            ("type", "query", false, "a taxonomy device type id"),
            ("status", "query", false, "active, support_ended, contradicted or revoked"),
            ("sensor", "query", false, "a taxonomy sensor type id"),
            ("framework", "query", false, "a framework id the device meets"),
            ("cls", "query", false, "the lowest Singapore CLS level (1 to 4)"),
            ("support", "query", false, "the fewest months of security updates left"),
            ("lang", "query", false, "en or fr"),
        ],
        request: None,
        ok: (200, "text/html", None),
    },
    Route {
        method: "get",
        path: "/d/{id}",
        summary: "A device's page: live status, the label's secondary layer, history, attestations, log proof (HTML; JSON with Accept: application/json)",
        params: &[("id", "path", true, "the label id"), ("lang", "query", false, "en or fr")],
        request: None,
        ok: (200, "text/html", None),
    },
    Route {
        method: "get",
        path: "/l/{id}",
        summary: "The QR code's landing page: does the box match the registered label? Then the device page",
        params: &[
            ("id", "path", true, "the label id"),
            ("d", "query", false, "the first 16 hex digits of the label digest"),
            ("lang", "query", false, "en or fr"),
        ],
        request: None,
        ok: (200, "text/html", None),
    },
    Route {
        method: "get",
        path: "/makers",
        summary: "The makers' leaderboard with the IoT Stars and their public criteria (HTML; JSON with Accept: application/json)",
        params: &[("lang", "query", false, "en or fr")],
        request: None,
        ok: (200, "text/html", None),
    },
    Route {
        method: "get",
        path: "/m/{slug}",
        summary: "A maker's scorecard: share of its current line meeting each framework, support periods, revocations, its devices (HTML; JSON with Accept: application/json)",
        params: &[("slug", "path", true, "the maker's account slug"), ("lang", "query", false, "en or fr")],
        request: None,
        ok: (200, "text/html", None),
    },
    Route {
        method: "get",
        path: "/compare",
        summary: "Up to four devices side by side, the facts that differ marked (HTML; JSON with Accept: application/json)",
        params: &[
            ("id", "query", false, "a label id; repeat for each device (at most 4)"),
            ("lang", "query", false, "en or fr"),
        ],
        request: None,
        ok: (200, "text/html", None),
    },
    Route {
        method: "get",
        path: "/insights",
        summary: "Insights for campaigns and regulators: default passwords, support periods, disclosure, sensors, frameworks over time (HTML; JSON with Accept: application/json)",
        params: &[("lang", "query", false, "en or fr")],
        request: None,
        ok: (200, "text/html", None),
    },
    Route {
        method: "get",
        path: "/insights/{file}",
        summary: "One insight chart as CSV (`<id>.csv`) or SVG (`<id>.svg`)",
        params: &[
            ("file", "path", true, "default-passwords.csv, support.svg, ..."),
            ("lang", "query", false, "en or fr"),
        ],
        request: None,
        ok: (200, "text/csv", None),
    },
    Route {
        method: "get",
        path: "/export.jsonl",
        summary: "Every registered device's row, for researchers (JSON Lines)",
        params: &[],
        request: None,
        ok: (200, "application/jsonl", None),
    },
    Route {
        method: "get",
        path: "/export.csv",
        summary: "Every registered device's row, for researchers (CSV)",
        params: &[],
        request: None,
        ok: (200, "text/csv", None),
    },
    Route {
        method: "get",
        path: "/standards",
        summary: "The standards map: every framework over the common controls (SVG and table), gaps highlighted, devices failing each control (HTML; JSON with Accept: application/json)",
        params: &[("lang", "query", false, "en or fr")],
        request: None,
        ok: (200, "text/html", None),
    },
    Route {
        method: "get",
        path: "/standards/crosswalk",
        summary: "Two frameworks cross-walked through the controls they share: how each covers the other's requirements (HTML; JSON with Accept: application/json)",
        params: &[
            ("a", "query", true, "a framework id"),
            ("b", "query", true, "another framework id"),
            ("lang", "query", false, "en or fr"),
        ],
        request: None,
        ok: (200, "text/html", None),
    },
    Route {
        method: "get",
        path: "/static/site.css",
        summary: "The site's style sheet",
        params: &[],
        request: None,
        ok: (200, "text/css", None),
    },
    // issue 16's web part
    Route {
        method: "get",
        path: "/advice",
        summary: "The buyer's questionnaire; with answers (the profile's query encoding), each registered device's fit for this person, ranked (HTML; JSON with Accept: application/json)",
        params: &[
            ("v", "query", false, "the profile version: 1 (with the answers)"),
            (
                "place",
                "query",
                false,
                "an answer: see `iotlabel schema profile`; every question is a parameter",
            ),
            ("id", "query", false, "a label id; repeat for each device (else all, or by type)"),
            ("type", "query", false, "a taxonomy device type id"),
            ("lang", "query", false, "en or fr"),
        ],
        request: None,
        ok: (200, "text/html", None),
    },
    Route {
        method: "get",
        path: "/advice/profile.toml",
        summary: "The answers in the URL as a TOML profile file (for `iotlabel advise --profile`)",
        params: &[("v", "query", true, "the profile version: 1, then the answers as for /advice")],
        request: None,
        ok: (200, "application/toml", None),
    },
    Route {
        method: "get",
        path: "/glossary",
        summary: "Every label element explained: what it means, why it matters, what to ask the seller (HTML; JSON with Accept: application/json)",
        params: &[("lang", "query", false, "en or fr")],
        request: None,
        ok: (200, "text/html", None),
    },
    Route {
        method: "get",
        path: "/gaps",
        summary: "The gap analysis over the registered devices: label facts most often bad, by device type and maker (HTML; JSON with Accept: application/json)",
        params: &[("lang", "query", false, "en or fr")],
        request: None,
        ok: (200, "text/html", None),
    },
    Route {
        method: "get",
        path: "/gaps.csv",
        summary: "The gap analysis's counts as CSV (scope, group, fact, bad, devices, share)",
        params: &[],
        request: None,
        ok: (200, "text/csv", None),
    },
];

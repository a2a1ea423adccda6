//! The page handlers: each builds a view (every word already in the page's language), then
//! answers it as HTML through its template, or as JSON when the client asks for JSON.

use std::sync::Arc;

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query as UrlQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use iotlabel_i18n::{Arg, Lang, Msg};
use iotlabel_registry::{LabelRecord, State as LabelState};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::index::{Query, Row};
use crate::{Site, lang};

type Shared = State<Arc<Site>>;

/// The site's style sheet and the label page's own (the device page embeds its sections).
const STYLE: &str = include_str!("../static/site.css");

/// The `lang` query parameter every page takes.
#[derive(Debug, Default, Deserialize)]
pub struct LangQuery {
    pub(crate) lang: Option<String>,
}

pub(crate) fn t(lang: Lang, id: &str) -> String {
    iotlabel_i18n::text(lang, id)
}

/// What every page shows around its content.
pub(crate) struct Chrome {
    pub(crate) lang: &'static str,
    pub(crate) title: String,
    pub(crate) site_name: String,
    pub(crate) skip: String,
    pub(crate) nav_search: String,
    pub(crate) nav_makers: String,
    pub(crate) nav_insights: String,
    pub(crate) nav_standards: String,
    pub(crate) nav_api: String,
    /// The same page in the other language.
    pub(crate) switch_href: String,
    pub(crate) switch_lang: &'static str,
    pub(crate) switch_label: String,
    pub(crate) home_href: String,
    pub(crate) search_href: String,
    pub(crate) makers_href: String,
    pub(crate) insights_href: String,
    pub(crate) standards_href: String,
}

impl Chrome {
    pub(crate) fn new(lang: Lang, title: String, path: &str) -> Chrome {
        let other = if lang == Lang::En { Lang::Fr } else { Lang::En };
        Chrome {
            lang: lang.code(),
            title,
            site_name: t(lang, "site-name"),
            skip: t(lang, "site-skip"),
            nav_search: t(lang, "site-nav-search"),
            nav_makers: t(lang, "site-nav-makers"),
            nav_insights: t(lang, "site-nav-insights"),
            nav_standards: t(lang, "site-nav-standards"),
            nav_api: t(lang, "site-nav-api"),
            switch_href: with_lang(path, other),
            switch_lang: other.code(),
            switch_label: t(lang, "site-lang-switch"),
            home_href: with_lang("/", lang),
            search_href: with_lang("/search", lang),
            makers_href: with_lang("/makers", lang),
            insights_href: with_lang("/insights", lang),
            standards_href: with_lang("/standards", lang),
        }
    }
}

/// `path` (which may carry a query, with or without a `lang`) in language `lang`.
pub(crate) fn with_lang(path: &str, lang: Lang) -> String {
    let (base, query) = path.split_once('?').unwrap_or((path, ""));
    let mut parts: Vec<&str> =
        query.split('&').filter(|p| !p.is_empty() && !p.starts_with("lang=")).collect();
    let pair = format!("lang={}", lang.code());
    parts.push(&pair);
    format!("{base}?{}", parts.join("&"))
}

/// The client asked for JSON: `application/json` is its most preferred type.
pub(crate) fn wants_json(headers: &HeaderMap) -> bool {
    let Some(accept) = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()) else { return false };
    let mut best: Option<(f32, bool)> = None;
    for part in accept.split(',') {
        let mut fields = part.split(';');
        let media = fields.next().unwrap_or_default().trim().to_ascii_lowercase();
        let q = fields
            .filter_map(|f| f.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let json = media == "application/json";
        let html = media == "text/html" || media == "application/xhtml+xml";
        if (json || html) && best.is_none_or(|(bq, _)| q > bq) {
            best = Some((q, json));
        }
    }
    best.is_some_and(|(_, json)| json)
}

pub(crate) fn page_lang(q: &LangQuery, headers: &HeaderMap) -> Lang {
    lang::negotiate(q.lang.as_deref(), headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
}

/// The same security headers on every page: no script at all, styles from this site.
pub(crate) fn html(status: StatusCode, body: Result<String, askama::Error>) -> Response {
    match body {
        Ok(body) => (
            status,
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CONTENT_SECURITY_POLICY, CSP),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                (header::VARY, "Accept, Accept-Language"),
            ],
            body,
        )
            .into_response(),
        Err(e) => failure(e),
    }
}

pub(crate) fn data(status: StatusCode, value: serde_json::Value) -> Response {
    (status, [(header::VARY, "Accept, Accept-Language")], axum::Json(value)).into_response()
}

pub(crate) fn failure(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "a page failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        t(Lang::En, "site-error"),
    )
        .into_response()
}

pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    tokio::task::spawn_blocking(f).await.map_err(failure)
}

pub async fn stylesheet() -> Response {
    let css = format!(
        "{STYLE}\n/* the label page's own rules, for its embedded sections */\n{}\n",
        iotlabel_render::html::STYLE
    );
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        css,
    )
        .into_response()
}

// ---------------------------------------------------------------------------------------------
// Status words shared by the lists and the device page

fn status_text(lang: Lang, status: &str) -> String {
    t(lang, &format!("site-status-{status}"))
}

fn support_text(lang: Lang, until: Option<NaiveDate>, days_left: Option<i64>) -> String {
    match (until, days_left) {
        (Some(date), Some(days)) if days >= 0 => format!(
            "{} ({})",
            Msg::new("site-support-until").arg("date", date).text(lang),
            Msg::new("site-support-left").arg("days", Arg::Int(days)).text(lang)
        ),
        (Some(_), Some(days)) => Msg::new("site-support-ended-ago").arg("days", Arg::Int(-days)).text(lang),
        _ => t(lang, "site-support-none"),
    }
}

/// A search result or list line, in the page's language.
#[derive(Serialize)]
struct RowView {
    id: String,
    href: String,
    name: String,
    versions: String,
    maker: String,
    status: &'static str,
    status_text: String,
    support: String,
    frameworks: String,
}

impl RowView {
    fn of(row: &Row, lang: Lang) -> RowView {
        RowView {
            id: row.id.clone(),
            href: with_lang(&format!("/d/{}", row.id), lang),
            name: format!("{} {}", row.brand, row.model),
            versions: format!("{} / {}", row.hardware_version, row.firmware_version),
            maker: row.maker.clone(),
            status: row.status,
            status_text: status_text(lang, row.status),
            support: support_text(lang, row.support_until, row.support_days_left),
            frameworks: row.frameworks_met.join(", "),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Home and search

struct Choice {
    value: String,
    label: String,
    selected: bool,
}

/// Choices of fixed values, each worded by a message taking `$n`.
fn fixed_choices(
    values: &[&str],
    current: &str,
    any: &str,
    lang: Lang,
    message: &'static str,
) -> Vec<Choice> {
    let mut out = vec![Choice { value: String::new(), label: any.to_owned(), selected: current.is_empty() }];
    out.extend(values.iter().map(|v| Choice {
        value: (*v).to_owned(),
        label: Msg::new(message).arg("n", Arg::Int(v.parse().unwrap_or(0))).text(lang),
        selected: *v == current,
    }));
    out
}

fn choices(values: &std::collections::BTreeMap<String, usize>, current: &str, any: &str) -> Vec<Choice> {
    let mut out = vec![Choice { value: String::new(), label: any.to_owned(), selected: current.is_empty() }];
    out.extend(values.iter().map(|(v, n)| Choice {
        value: v.clone(),
        label: format!("{v} ({n})"),
        selected: v == current,
    }));
    out
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    chrome: Chrome,
    heading: String,
    tagline: String,
    search_label: String,
    button: String,
    q: String,
    lang: &'static str,
    filters: Vec<(String, &'static str, Vec<Choice>)>,
    summary: String,
    col_device: String,
    col_status: String,
    col_support: String,
    col_frameworks: String,
    compare_col: String,
    compare_button: String,
    rows: Vec<RowView>,
}

#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    #[serde(flatten)]
    query: Query,
    lang: Option<String>,
}

pub async fn home(
    State(site): Shared,
    headers: HeaderMap,
    q: Result<UrlQuery<SearchParams>, QueryRejection>,
) -> Response {
    search_page(site, headers, q.map(|UrlQuery(q)| q).unwrap_or_default(), "/").await
}

pub async fn search(
    State(site): Shared,
    headers: HeaderMap,
    q: Result<UrlQuery<SearchParams>, QueryRejection>,
) -> Response {
    search_page(site, headers, q.map(|UrlQuery(q)| q).unwrap_or_default(), "/search").await
}

/// At most this many rows on a results page.
const PAGE_ROWS: usize = 200;

async fn search_page(site: Arc<Site>, headers: HeaderMap, params: SearchParams, path: &str) -> Response {
    let lang = page_lang(&LangQuery { lang: params.lang.clone() }, &headers);
    let today = Utc::now().date_naive();
    let s = Arc::clone(&site);
    let index = match blocking(move || s.index(today)).await {
        Ok(Ok(index)) => index,
        Ok(Err(e)) => return failure(e),
        Err(r) => return r,
    };
    let query = params.query;
    let (rows, total) = index.search(&query, PAGE_ROWS);
    if wants_json(&headers) {
        return data(StatusCode::OK, json!({ "query": query, "total": total, "devices": rows }));
    }
    let facets = index.facets();
    let any = t(lang, "site-filter-any");
    let status_labels: std::collections::BTreeMap<String, usize> = facets.statuses.clone();
    let mut status_choices = choices(&status_labels, &query.status, &any);
    for c in status_choices.iter_mut().skip(1) {
        let n = facets.statuses.get(&c.value).copied().unwrap_or(0);
        c.label = format!("{} ({n})", status_text(lang, &c.value));
    }
    let filters = vec![
        (t(lang, "site-filter-maker"), "maker", choices(&facets.makers, &query.maker, &any)),
        (t(lang, "site-filter-type"), "type", choices(&facets.device_types, &query.device_type, &any)),
        (t(lang, "site-filter-status"), "status", status_choices),
        (t(lang, "site-filter-sensor"), "sensor", choices(&facets.sensors, &query.sensor, &any)),
        (t(lang, "site-filter-framework"), "framework", choices(&facets.frameworks, &query.framework, &any)),
        (
            t(lang, "site-filter-cls"),
            "cls",
            fixed_choices(&["1", "2", "3", "4"], &query.cls, &any, lang, "site-cls-at-least"),
        ),
        (
            t(lang, "site-filter-support"),
            "support",
            fixed_choices(&["12", "24", "36", "60"], &query.support, &any, lang, "site-support-at-least"),
        ),
    ];
    let query_string = serde_urlencoded(&query);
    let page = SearchPage {
        chrome: Chrome::new(lang, t(lang, "site-name"), &format!("{path}?{query_string}")),
        heading: t(lang, "site-name"),
        tagline: t(lang, "site-tagline"),
        search_label: t(lang, "site-search-label"),
        button: t(lang, "site-search-button"),
        q: query.q.clone(),
        lang: lang.code(),
        filters,
        summary: Msg::new("site-results").arg("count", Arg::Int(total as i64)).text(lang),
        col_device: t(lang, "site-col-device"),
        col_status: t(lang, "site-col-status"),
        col_support: t(lang, "site-col-support"),
        col_frameworks: t(lang, "site-col-frameworks"),
        compare_col: t(lang, "site-compare-pick-col"),
        compare_button: t(lang, "site-compare-button"),
        rows: rows.iter().map(|r| RowView::of(r, lang)).collect(),
    };
    html(StatusCode::OK, page.render())
}

/// The query as a URL query string (for the language switch to keep it).
fn serde_urlencoded(q: &Query) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    [
        ("q", &q.q),
        ("maker", &q.maker),
        ("type", &q.device_type),
        ("status", &q.status),
        ("sensor", &q.sensor),
        ("framework", &q.framework),
        ("cls", &q.cls),
        ("support", &q.support),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", enc(v)))
    .collect::<Vec<_>>()
    .join("&")
}

// ---------------------------------------------------------------------------------------------
// The device page and the QR landing

/// Whether the box's digest matches the registered label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Match {
    Matches,
    Differs,
    NoDigest,
}

/// The label's assessment and facts, from the inputs its record was derived from.
pub(crate) fn label_of(
    site: &Site,
    derived: &iotlabel_registry::Derived,
    today: NaiveDate,
) -> (iotlabel_assess::Report<'static>, iotlabel_label::Label) {
    derived.label(site.registry.catalogs, &site.registry.config.public_url, today)
}

/// Whether the QR code's `d` (the first 16 or more hex digits of the digest) names `registered`.
fn verdict_of(registered: &str, d: &str) -> Match {
    let hex = registered.strip_prefix("sha256:").unwrap_or(registered);
    let d = d.trim().to_ascii_lowercase();
    if d.is_empty() {
        Match::NoDigest
    } else if d.len() >= 16 && hex.starts_with(&d) {
        Match::Matches
    } else {
        Match::Differs
    }
}

/// A notice at the top of the device page: the bad news first.
struct Notice {
    /// `bad` (red), `warn` or `good`.
    tone: &'static str,
    text: String,
}

struct Line {
    text: String,
    href: Option<String>,
}

#[derive(Template)]
#[template(path = "device.html")]
struct DevicePage {
    chrome: Chrome,
    product: String,
    notices: Vec<Notice>,
    maker: String,
    status_heading: String,
    status_text: String,
    status: &'static str,
    support: String,
    vulns_heading: String,
    vulns: Vec<String>,
    history_heading: String,
    history: Vec<Line>,
    attestations: Vec<Line>,
    proof: String,
    proof_href: String,
    proof_link: String,
    record_href: String,
    record_link: String,
    /// The label's secondary layer (the render crate's sections, escaped there).
    layer: String,
}

#[derive(Template)]
#[template(path = "not_found.html")]
struct NotFoundPage {
    chrome: Chrome,
    heading: String,
    text: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct LandingQuery {
    d: Option<String>,
    lang: Option<String>,
}

pub async fn device(
    State(site): Shared,
    Path(id): Path<String>,
    headers: HeaderMap,
    q: Result<UrlQuery<LangQuery>, QueryRejection>,
) -> Response {
    let q = q.map(|UrlQuery(q)| q).unwrap_or_default();
    let lang = page_lang(&q, &headers);
    device_page(site, id, headers, lang, None).await
}

pub async fn landing(
    State(site): Shared,
    Path(id): Path<String>,
    headers: HeaderMap,
    q: Result<UrlQuery<LandingQuery>, QueryRejection>,
) -> Response {
    let q = q.map(|UrlQuery(q)| q).unwrap_or_default();
    let lang = page_lang(&LangQuery { lang: q.lang.clone() }, &headers);
    device_page(site, id, headers, lang, Some(q.d.unwrap_or_default())).await
}

/// The device page; with `digest` (from the QR code), first whether the box matches.
async fn device_page(
    site: Arc<Site>,
    id: String,
    headers: HeaderMap,
    lang: Lang,
    digest: Option<String>,
) -> Response {
    let today = Utc::now().date_naive();
    let json = wants_json(&headers);
    // A page already built for this label's latest entry, this date and this verdict is served
    // as it is (the cache is checked against the index, which follows the log).
    let index = match site.current_index(today) {
        Some(index) => Some(index),
        None => {
            let s = Arc::clone(&site);
            blocking(move || s.index(today)).await.ok().and_then(Result::ok)
        }
    };
    if let Some(row) = index.as_ref().and_then(|i| i.row(&id)) {
        let verdict = digest.as_deref().map(|d| verdict_of(&row.digest, d));
        let key = crate::PageKey { id: id.clone(), lang, verdict, json };
        if let Some(body) = site.cached_page(&key, today, row.last_entry) {
            return if json { data_bytes(body) } else { html_bytes(body) };
        }
    }
    let registry = Arc::clone(&site.registry);
    let id2 = id.clone();
    let found = blocking(move || -> Result<_, iotlabel_store::StoreError> {
        let entries = registry.store.entries_about(&id2)?;
        let derived = iotlabel_registry::derive(
            &id2,
            &iotlabel_server::registry::logged(&entries),
            registry.catalogs,
            today,
        );
        Ok((derived, entries))
    })
    .await;
    let (derived, entries) = match found {
        Ok(Ok(d)) => d,
        Ok(Err(e)) => return failure(e),
        Err(r) => return r,
    };
    let path = match &digest {
        Some(d) => format!("/l/{id}?d={}", d.chars().filter(char::is_ascii_hexdigit).collect::<String>()),
        None => format!("/d/{id}"),
    };
    let Some(derived) = derived else {
        let text = Msg::new("site-not-found").arg("id", id.clone()).text(lang);
        if wants_json(&headers) {
            return data(StatusCode::NOT_FOUND, json!({"error": {"code": "not_found", "message": text}}));
        }
        let page = NotFoundPage {
            chrome: Chrome::new(lang, t(lang, "site-not-found-title"), &path),
            heading: t(lang, "site-not-found-title"),
            text,
        };
        return html(StatusCode::NOT_FOUND, page.render());
    };
    let rec = &derived.record;
    let verdict = digest.as_deref().map(|d| verdict_of(&rec.digest, d));
    // The secondary layer: assessed and rendered from the inputs the record was derived from.
    let (report, label) = label_of(&site, &derived, today);
    let content = iotlabel_render::content::page_content(&label, &report, &derived.declaration, lang);
    let size = site.registry.tree().size();
    let last_entry = entries.iter().map(|e| e.index).max().unwrap_or(0);
    let key = crate::PageKey { id: id.clone(), lang, verdict, json };
    if json {
        let value = json!({ "match": verdict, "record": rec, "page": content });
        let body = axum::body::Bytes::from(serde_json::to_vec(&value).unwrap_or_default());
        site.keep_page(key, today, last_entry, body.clone());
        return data_bytes(body);
    }
    let page = DevicePage {
        chrome: Chrome::new(lang, content.title.clone(), &path),
        product: content.product.clone(),
        notices: notices(lang, rec, verdict),
        maker: Msg::new("site-maker").arg("maker", rec.maker.clone()).text(lang),
        status_heading: t(lang, "site-col-status"),
        status_text: status_text(lang, rec.status.state.as_str()),
        status: rec.status.state.as_str(),
        support: support_text(lang, rec.status.support_until, rec.status.support_days_left),
        vulns_heading: t(lang, "site-vulns"),
        vulns: rec
            .vulnerabilities
            .iter()
            .map(|v| {
                let state = serde_json::to_value(v.vuln.state)
                    .ok()
                    .and_then(|s| s.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let fixed = v
                    .vuln
                    .fixed_in
                    .as_ref()
                    .map(|f| {
                        format!(", {}", Msg::new("site-vuln-fixed").arg("version", f.clone()).text(lang))
                    })
                    .unwrap_or_default();
                format!("{}: {}{fixed}", v.vuln.id, state.replace('_', " "))
            })
            .collect(),
        history_heading: t(lang, "site-history"),
        history: history(&entries, lang),
        attestations: rec
            .attestations
            .iter()
            .map(|a| Line {
                text: Msg::new("site-attested")
                    .arg("lab", a.lab.clone())
                    .arg("scheme", a.scheme.clone())
                    .arg("passed", Arg::Int(a.passed as i64))
                    .arg("failed", Arg::Int(a.failed as i64))
                    .arg("items", Arg::Int(a.items as i64))
                    .arg("index", Arg::Int(a.log_index as i64))
                    .text(lang),
                href: Some(format!("/api/v1/log/entries/{}/payload", a.log_index)),
            })
            .collect(),
        proof: declared_in(&entries)
            .map(|i| {
                Msg::new("site-proof")
                    .arg("index", Arg::Int(i as i64))
                    .arg("size", Arg::Int(size as i64))
                    .text(lang)
            })
            .unwrap_or_default(),
        proof_href: declared_in(&entries)
            .map(|i| format!("/api/v1/log/proof/inclusion?index={i}&tree_size={size}"))
            .unwrap_or_default(),
        proof_link: t(lang, "site-proof-link"),
        record_href: format!("/api/v1/labels/{}", rec.id),
        record_link: t(lang, "site-record-link"),
        layer: iotlabel_render::html::sections(&label, &content, 2),
    };
    match page.render() {
        Ok(text) => {
            let body = axum::body::Bytes::from(text);
            site.keep_page(key, today, last_entry, body.clone());
            html_bytes(body)
        }
        Err(e) => failure(e),
    }
}

const CSP: &str = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

fn html_bytes(body: axum::body::Bytes) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::VARY, "Accept, Accept-Language"),
        ],
        body,
    )
        .into_response()
}

fn data_bytes(body: axum::body::Bytes) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json"), (header::VARY, "Accept, Accept-Language")],
        body,
    )
        .into_response()
}

/// The log entry of the current declaration: the last declaration about the label.
fn declared_in(entries: &[iotlabel_store::Entry]) -> Option<u64> {
    entries.iter().rev().find(|e| e.entry.kind == iotlabel_statement::Kind::Declaration).map(|e| e.index)
}

/// The notices, bad news first: the box not matching, a revocation, a contradiction, ended
/// support, open vulnerabilities; then the good news of a match.
fn notices(lang: Lang, rec: &LabelRecord, verdict: Option<Match>) -> Vec<Notice> {
    let mut bad = Vec::new();
    let mut good = Vec::new();
    match verdict {
        Some(Match::Differs) => bad.push(Notice { tone: "bad", text: t(lang, "site-match-no") }),
        Some(Match::Matches) => good.push(Notice { tone: "good", text: t(lang, "site-match-yes") }),
        Some(Match::NoDigest) => good.push(Notice { tone: "warn", text: t(lang, "site-match-none") }),
        None => {}
    }
    let s = &rec.status;
    match s.state {
        LabelState::Revoked => bad.push(Notice {
            tone: "bad",
            text: Msg::new("site-revoked")
                .arg("date", s.since.unwrap_or(rec.as_of))
                .arg("reason", s.reason.clone().unwrap_or_default())
                .text(lang),
        }),
        LabelState::Contradicted => bad.push(Notice {
            tone: "bad",
            text: Msg::new("site-contradicted").arg("what", rec.contradicted.join(", ")).text(lang),
        }),
        LabelState::SupportEnded | LabelState::Active => {}
    }
    if let (Some(end), Some(days)) = (s.support_until, s.support_days_left)
        && days < 0
    {
        bad.push(Notice {
            tone: "bad",
            text: Msg::new("site-ended").arg("date", end).arg("days", Arg::Int(-days)).text(lang),
        });
    }
    let open = rec
        .vulnerabilities
        .iter()
        .filter(|v| v.vuln.state == iotlabel_registry::vex::VulnState::Affected)
        .count();
    if open > 0 {
        bad.push(Notice { tone: "warn", text: format!("{}: {open}", t(lang, "site-vulns")) });
    }
    bad.extend(good);
    bad
}

/// The label's log entries, oldest first, each linked to its payload.
fn history(entries: &[iotlabel_store::Entry], lang: Lang) -> Vec<Line> {
    entries
        .iter()
        .map(|e| Line {
            text: Msg::new("site-history-entry")
                .arg("index", Arg::Int(e.index as i64))
                .arg("kind", e.entry.kind.as_str().replace('_', " "))
                .arg("account", e.entry.account.clone())
                .arg("date", e.entry.accepted_at.date_naive())
                .text(lang),
            href: Some(format!("/api/v1/log/entries/{}/payload", e.index)),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Makers: the leaderboard and each maker's scorecard

#[derive(Serialize)]
struct BoardLine {
    rank: usize,
    maker: String,
    href: String,
    star: bool,
    current: String,
    share: String,
    support: String,
    revoked: usize,
}

fn months(days: Option<i64>, lang: Lang) -> String {
    match days {
        Some(d) if d >= 0 => Msg::new("site-months").arg("months", Arg::Int(d / 30)).text(lang),
        _ => "—".to_owned(),
    }
}

fn percent(n: usize, of: usize) -> String {
    if of == 0 { "—".to_owned() } else { format!("{:.0} %", 100.0 * n as f64 / of as f64) }
}

#[derive(Template)]
#[template(path = "makers.html")]
struct MakersPage {
    chrome: Chrome,
    heading: String,
    intro: String,
    criteria_heading: String,
    criteria: Vec<String>,
    cols: [String; 6],
    star_text: String,
    lines: Vec<BoardLine>,
}

/// The criteria of the IoT Stars, in words.
fn criteria(lang: Lang, rules: &crate::scorecard::StarRules) -> Vec<String> {
    let mut out =
        vec![Msg::new("site-stars-baselines").arg("frameworks", rules.baselines.join(", ")).text(lang)];
    out.push(Msg::new("site-stars-min").arg("count", Arg::Int(rules.min_current_devices as i64)).text(lang));
    if !rules.allow_contradicted {
        out.push(t(lang, "site-stars-no-contradiction"));
    }
    if !rules.allow_open_vulnerabilities {
        out.push(t(lang, "site-stars-no-open-vulns"));
    }
    out
}

pub async fn makers(
    State(site): Shared,
    headers: HeaderMap,
    q: Result<UrlQuery<LangQuery>, QueryRejection>,
) -> Response {
    let q = q.map(|UrlQuery(q)| q).unwrap_or_default();
    let lang = page_lang(&q, &headers);
    let today = Utc::now().date_naive();
    let s = Arc::clone(&site);
    let index = match blocking(move || s.index(today)).await {
        Ok(Ok(index)) => index,
        Ok(Err(e)) => return failure(e),
        Err(r) => return r,
    };
    let rules = crate::scorecard::StarRules::builtin();
    let board = crate::scorecard::leaderboard(index.rows(), &rules);
    if wants_json(&headers) {
        return data(StatusCode::OK, json!({ "star_rules": rules, "leaderboard": board }));
    }
    let lines = board
        .iter()
        .enumerate()
        .map(|(i, c)| BoardLine {
            rank: i + 1,
            maker: c.maker.clone(),
            href: with_lang(&format!("/m/{}", c.maker), lang),
            star: c.star,
            current: format!("{} / {}", c.current, c.devices),
            share: percent(c.meeting_baselines, c.current),
            support: months(c.median_support_days, lang),
            revoked: c.revoked,
        })
        .collect();
    let page = MakersPage {
        chrome: Chrome::new(lang, t(lang, "site-makers-title"), "/makers"),
        heading: t(lang, "site-makers-title"),
        intro: t(lang, "site-makers-intro"),
        criteria_heading: t(lang, "site-stars-heading"),
        criteria: criteria(lang, &rules),
        cols: [
            t(lang, "site-col-rank"),
            t(lang, "site-filter-maker"),
            t(lang, "site-col-current"),
            t(lang, "site-col-baselines"),
            t(lang, "site-col-median-support"),
            t(lang, "site-col-revoked"),
        ],
        star_text: t(lang, "site-star"),
        lines,
    };
    html(StatusCode::OK, page.render())
}

#[derive(Template)]
#[template(path = "maker.html")]
struct MakerPage {
    chrome: Chrome,
    heading: String,
    star: Option<String>,
    facts: Vec<(String, String)>,
    shares_heading: String,
    shares: Vec<(String, String)>,
    devices_heading: String,
    devices: Vec<RowView>,
    col_device: String,
    col_status: String,
    col_support: String,
}

pub async fn maker(
    State(site): Shared,
    Path(slug): Path<String>,
    headers: HeaderMap,
    q: Result<UrlQuery<LangQuery>, QueryRejection>,
) -> Response {
    let q = q.map(|UrlQuery(q)| q).unwrap_or_default();
    let lang = page_lang(&q, &headers);
    let today = Utc::now().date_naive();
    let s = Arc::clone(&site);
    let index = match blocking(move || s.index(today)).await {
        Ok(Ok(index)) => index,
        Ok(Err(e)) => return failure(e),
        Err(r) => return r,
    };
    let rows: Vec<&Row> = index.rows().iter().filter(|r| r.maker == slug).collect();
    if rows.is_empty() {
        let text = Msg::new("site-maker-none").arg("maker", slug.clone()).text(lang);
        if wants_json(&headers) {
            return data(StatusCode::NOT_FOUND, json!({"error": {"code": "not_found", "message": text}}));
        }
        let page = NotFoundPage {
            chrome: Chrome::new(lang, slug.clone(), &format!("/m/{slug}")),
            heading: slug,
            text,
        };
        return html(StatusCode::NOT_FOUND, page.render());
    }
    let rules = crate::scorecard::StarRules::builtin();
    let card = crate::scorecard::scorecard(&slug, &rows, &rules);
    if wants_json(&headers) {
        return data(StatusCode::OK, json!({ "scorecard": card, "devices": rows }));
    }
    let page = MakerPage {
        chrome: Chrome::new(lang, slug.clone(), &format!("/m/{slug}")),
        heading: slug.clone(),
        star: card.star.then(|| t(lang, "site-star-earned")),
        facts: vec![
            (t(lang, "site-col-current"), format!("{} / {}", card.current, card.devices)),
            (t(lang, "site-col-baselines"), percent(card.meeting_baselines, card.current)),
            (t(lang, "site-col-median-support"), months(card.median_support_days, lang)),
            (t(lang, "site-status-support_ended"), card.support_ended.to_string()),
            (t(lang, "site-col-revoked"), card.revoked.to_string()),
            (t(lang, "site-status-contradicted"), card.contradicted.to_string()),
            (t(lang, "site-vulns"), card.open_vulnerabilities.to_string()),
        ],
        shares_heading: t(lang, "site-maker-shares"),
        shares: card.frameworks.iter().map(|s| (s.framework.clone(), percent(s.meeting, s.of))).collect(),
        devices_heading: Msg::new("site-maker-devices").arg("count", Arg::Int(rows.len() as i64)).text(lang),
        devices: rows.iter().map(|r| RowView::of(r, lang)).collect(),
        col_device: t(lang, "site-col-device"),
        col_status: t(lang, "site-col-status"),
        col_support: t(lang, "site-col-support"),
    };
    html(StatusCode::OK, page.render())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_only_when_preferred() {
        let h = |v: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::ACCEPT, v.parse().unwrap());
            m
        };
        assert!(wants_json(&h("application/json")));
        assert!(wants_json(&h("application/json, text/html;q=0.5")));
        assert!(!wants_json(&h("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")));
        assert!(!wants_json(&h("text/html, application/json")));
        assert!(!wants_json(&HeaderMap::new()));
    }

    #[test]
    fn links_carry_their_language() {
        assert_eq!(with_lang("/d/x", Lang::Fr), "/d/x?lang=fr");
        assert_eq!(with_lang("/search?q=cam&lang=en", Lang::Fr), "/search?q=cam&lang=fr");
        assert_eq!(with_lang("/l/x?d=ab", Lang::En), "/l/x?d=ab&lang=en");
    }
}

// ---------------------------------------------------------------------------------------------
// Compare

/// At most this many devices side by side.
pub const COMPARE_MAX: usize = 4;

/// One compared fact: its name, each device's value, and whether they differ.
#[derive(Serialize)]
struct CompareRow {
    what: String,
    values: Vec<String>,
    differs: bool,
}

#[derive(Serialize)]
struct CompareDevice {
    id: String,
    name: String,
    href: String,
}

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage {
    chrome: Chrome,
    heading: String,
    intro: String,
    devices: Vec<CompareDevice>,
    rows: Vec<CompareRow>,
    col_fact: String,
    /// The same devices ranked for the reader by the questionnaire (`/advice`).
    advice_href: String,
    advice_link: String,
}

/// `/compare?id=A&id=B...`: up to four devices side by side, the facts that differ marked.
pub async fn compare(State(site): Shared, headers: HeaderMap, uri: axum::http::Uri) -> Response {
    let mut ids: Vec<String> = Vec::new();
    let mut url_lang = None;
    for pair in uri.query().unwrap_or_default().split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let v = percent_decode(v);
        match k {
            "id" if !v.is_empty() && !ids.contains(&v) => ids.push(v),
            "lang" => url_lang = Some(v),
            _ => {}
        }
    }
    let lang = page_lang(&LangQuery { lang: url_lang }, &headers);
    ids.truncate(COMPARE_MAX);
    let today = Utc::now().date_naive();
    let registry = Arc::clone(&site.registry);
    let wanted = ids.clone();
    let derived = match blocking(move || {
        wanted.iter().map(|id| registry.derive(id, today)).collect::<Result<Vec<_>, _>>()
    })
    .await
    {
        Ok(Ok(d)) => d,
        Ok(Err(e)) => return failure(e),
        Err(r) => return r,
    };
    let found: Vec<iotlabel_registry::Derived> = derived.into_iter().flatten().collect();
    let labels: Vec<(iotlabel_registry::Derived, iotlabel_label::Label)> = found
        .into_iter()
        .map(|d| {
            let (_, label) = label_of(&site, &d, today);
            (d, label)
        })
        .collect();
    let rows = compare_rows(lang, &labels);
    let devices: Vec<CompareDevice> = labels
        .iter()
        .map(|(d, _)| CompareDevice {
            id: d.record.id.clone(),
            name: format!("{} {}", d.record.brand, d.record.model),
            href: with_lang(&format!("/d/{}", d.record.id), lang),
        })
        .collect();
    if wants_json(&headers) {
        return data(StatusCode::OK, json!({ "devices": devices, "rows": rows }));
    }
    let path = format!("/compare?{}", ids.iter().map(|i| format!("id={i}")).collect::<Vec<_>>().join("&"));
    let advice_href = with_lang(
        &format!("/advice?{}", devices.iter().map(|d| format!("id={}", d.id)).collect::<Vec<_>>().join("&")),
        lang,
    );
    let page = ComparePage {
        chrome: Chrome::new(lang, t(lang, "site-compare-title"), &path),
        heading: t(lang, "site-compare-title"),
        intro: if devices.len() < 2 { t(lang, "site-compare-pick") } else { t(lang, "site-compare-differs") },
        devices,
        rows,
        col_fact: t(lang, "site-compare-fact"),
        advice_href,
        advice_link: t(lang, "site-compare-advice"),
    };
    html(StatusCode::OK, page.render())
}

/// The facts a buyer weighs, in the label's own words, one row each.
fn compare_rows(
    lang: Lang,
    labels: &[(iotlabel_registry::Derived, iotlabel_label::Label)],
) -> Vec<CompareRow> {
    use iotlabel_render::wording;
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let each = |f: &dyn Fn(&iotlabel_registry::Derived, &iotlabel_label::Label) -> String| {
        labels.iter().map(|(d, l)| f(d, l)).collect::<Vec<_>>()
    };
    rows.push((t(lang, "site-col-status"), each(&|d, _| status_text(lang, d.record.status.state.as_str()))));
    rows.push((
        t(lang, "site-col-support"),
        each(&|d, _| support_text(lang, d.record.status.support_until, d.record.status.support_days_left)),
    ));
    rows.push((
        t(lang, "site-compare-problems"),
        each(&|_, l| {
            if l.deal_breakers.is_empty() {
                wording::deal_heading(l, lang)
            } else {
                l.deal_breakers.iter().map(|b| wording::deal_text(lang, b)).collect::<Vec<_>>().join("; ")
            }
        }),
    ));
    for i in 0..4 {
        let what = labels.first().map(|(_, l)| wording::answer_rows(lang, l)[i].what).unwrap_or_default();
        if what.is_empty() {
            continue;
        }
        rows.push((t(lang, what), each(&|_, l| wording::answer_rows(lang, l)[i].answer.clone())));
    }
    rows.push((
        t(lang, "site-filter-type"),
        each(&|_, l| wording::device_type_name(lang, &l.product.device_type)),
    ));
    rows.push((
        t(lang, "site-filter-sensor"),
        each(&|_, l| {
            let names: Vec<String> = l.sensors.iter().map(|s| wording::sensor_name(lang, &s.kind)).collect();
            if names.is_empty() { "—".to_owned() } else { names.join(", ") }
        }),
    ));
    rows.push((
        t(lang, "site-compare-data"),
        each(&|_, l| {
            let names: Vec<String> = l.data.iter().map(|s| wording::data_name(lang, &s.kind)).collect();
            if names.is_empty() { "—".to_owned() } else { names.join(", ") }
        }),
    ));
    rows.push((t(lang, "site-col-frameworks"), each(&|_, l| wording::frameworks_line(lang, l))));
    rows.push((
        t(lang, "site-vulns"),
        each(&|d, _| {
            let open = d
                .record
                .vulnerabilities
                .iter()
                .filter(|v| v.vuln.state == iotlabel_registry::vex::VulnState::Affected)
                .count();
            open.to_string()
        }),
    ));
    rows.into_iter()
        .map(|(what, values)| {
            let differs = values.windows(2).any(|w| w[0] != w[1]);
            CompareRow { what, values, differs }
        })
        .collect()
}

/// `%XX` and `+` decoded (a query value); bytes that do not decode stay as they are.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

// ---------------------------------------------------------------------------------------------
// Insights and the bulk export

struct ChartView {
    chart: crate::insights::Chart,
    svg: String,
    csv_href: String,
    svg_href: String,
}

#[derive(Template)]
#[template(path = "insights.html")]
struct InsightsPage {
    chrome: Chrome,
    heading: String,
    intro: String,
    table_label: String,
    col_bar: String,
    col_devices: String,
    download_csv: String,
    download_svg: String,
    export_intro: String,
    charts: Vec<ChartView>,
}

/// Today's index of registered devices: the cached one, else built off the async runtime.
pub(crate) async fn current_index(site: &Arc<Site>) -> Result<Arc<crate::Index>, Response> {
    let today = Utc::now().date_naive();
    if let Some(index) = site.current_index(today) {
        return Ok(index);
    }
    let s = Arc::clone(site);
    match blocking(move || s.index(today)).await {
        Ok(Ok(index)) => Ok(index),
        Ok(Err(e)) => Err(failure(e)),
        Err(r) => Err(r),
    }
}

pub async fn insights(
    State(site): Shared,
    headers: HeaderMap,
    q: Result<UrlQuery<LangQuery>, QueryRejection>,
) -> Response {
    let q = q.map(|UrlQuery(q)| q).unwrap_or_default();
    let lang = page_lang(&q, &headers);
    let index = match current_index(&site).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    let charts = crate::insights::charts(index.rows(), lang);
    if wants_json(&headers) {
        return data(StatusCode::OK, json!({ "devices": index.rows().len(), "charts": charts }));
    }
    let page = InsightsPage {
        chrome: Chrome::new(lang, t(lang, "site-insights-title"), "/insights"),
        heading: t(lang, "site-insights-title"),
        intro: Msg::new("site-insights-intro").arg("count", Arg::Int(index.rows().len() as i64)).text(lang),
        table_label: t(lang, "site-insights-table"),
        col_bar: t(lang, "site-insights-col-what"),
        col_devices: t(lang, "site-unit-devices"),
        download_csv: t(lang, "site-download-csv"),
        download_svg: t(lang, "site-download-svg"),
        export_intro: t(lang, "site-export-intro"),
        charts: charts
            .into_iter()
            .map(|chart| ChartView {
                svg: crate::insights::svg(&chart),
                csv_href: with_lang(&format!("/insights/{}.csv", chart.id), lang),
                svg_href: with_lang(&format!("/insights/{}.svg", chart.id), lang),
                chart,
            })
            .collect(),
    };
    html(StatusCode::OK, page.render())
}

/// `/insights/{id}.csv` and `/insights/{id}.svg`: one chart as data or as a picture.
pub async fn insight_file(
    State(site): Shared,
    Path(file): Path<String>,
    headers: HeaderMap,
    q: Result<UrlQuery<LangQuery>, QueryRejection>,
) -> Response {
    let q = q.map(|UrlQuery(q)| q).unwrap_or_default();
    let lang = page_lang(&q, &headers);
    let (id, ext) = file.rsplit_once('.').unwrap_or((&file, ""));
    let index = match current_index(&site).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    let Some(chart) = crate::insights::chart(id, index.rows(), lang) else {
        return data(
            StatusCode::NOT_FOUND,
            json!({"error": {"code": "not_found", "message": format!("no chart {id:?}"), "suggestion": format!("one of {}", crate::insights::CHARTS.join(", "))}}),
        );
    };
    let disposition = format!("attachment; filename=\"iotlabel-{}.{ext}\"", chart.id);
    match ext {
        "csv" => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            crate::insights::csv(&chart),
        )
            .into_response(),
        "svg" => ([(header::CONTENT_TYPE, "image/svg+xml".to_owned())], crate::insights::svg(&chart))
            .into_response(),
        _ => data(
            StatusCode::NOT_FOUND,
            json!({"error": {"code": "not_found", "message": format!("no format {ext:?}"), "suggestion": "csv or svg"}}),
        ),
    }
}

/// `/export.jsonl`: every registered device's row, for researchers.
pub async fn export_jsonl(State(site): Shared) -> Response {
    let index = match current_index(&site).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    let mut out = String::with_capacity(index.rows().len() * 512);
    for r in index.rows() {
        out.push_str(&serde_json::to_string(r).unwrap_or_default());
        out.push('\n');
    }
    ([(header::CONTENT_TYPE, "application/jsonl; charset=utf-8")], out).into_response()
}

/// `/export.csv`: the same rows as CSV.
pub async fn export_csv(State(site): Shared) -> Response {
    let index = match current_index(&site).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], crate::index::rows_csv(index.rows()))
        .into_response()
}

// ---------------------------------------------------------------------------------------------
// The standards map and the crosswalks

struct PairLink {
    text: String,
    href: String,
}

#[derive(Template)]
#[template(path = "standards.html")]
struct StandardsPage {
    chrome: Chrome,
    heading: String,
    intro: String,
    svg: String,
    table_label: String,
    col_control: String,
    col_failing: String,
    legend: Vec<(&'static str, String)>,
    matrix: crate::standards::Matrix,
    pairs_heading: String,
    pairs: Vec<PairLink>,
}

pub async fn standards(
    State(site): Shared,
    headers: HeaderMap,
    q: Result<UrlQuery<LangQuery>, QueryRejection>,
) -> Response {
    let q = q.map(|UrlQuery(q)| q).unwrap_or_default();
    let lang = page_lang(&q, &headers);
    let index = match current_index(&site).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    let cats = site.registry.catalogs;
    let matrix = crate::standards::matrix(cats, index.rows(), lang);
    if wants_json(&headers) {
        return data(StatusCode::OK, json!({ "matrix": matrix }));
    }
    let gaps = matrix.rows.iter().filter(|r| r.gap).count();
    let desc = Msg::new("site-standards-desc")
        .arg("controls", Arg::Int(matrix.rows.len() as i64))
        .arg("frameworks", Arg::Int(matrix.frameworks.len() as i64))
        .arg("gaps", Arg::Int(gaps as i64))
        .text(lang);
    let mut pairs = Vec::new();
    for (i, (a, sa)) in matrix.frameworks.iter().enumerate() {
        for (b, sb) in matrix.frameworks.iter().skip(i + 1) {
            pairs.push(PairLink {
                text: format!("{sa} ↔ {sb}"),
                href: with_lang(&format!("/standards/crosswalk?a={a}&b={b}"), lang),
            });
        }
    }
    let page = StandardsPage {
        chrome: Chrome::new(lang, t(lang, "site-standards-title"), "/standards"),
        heading: t(lang, "site-standards-title"),
        intro: desc.clone(),
        svg: crate::standards::svg(&matrix, &t(lang, "site-standards-title"), &desc),
        table_label: t(lang, "site-insights-table"),
        col_control: t(lang, "site-standards-control"),
        col_failing: t(lang, "site-standards-failing"),
        legend: vec![
            ("covered", t(lang, "site-standards-covered")),
            ("gap", t(lang, "site-standards-gap")),
            ("none", t(lang, "site-standards-none")),
        ],
        matrix,
        pairs_heading: t(lang, "site-standards-pairs"),
        pairs,
    };
    html(StatusCode::OK, page.render())
}

#[derive(Debug, Default, Deserialize)]
pub struct PairQuery {
    a: Option<String>,
    b: Option<String>,
    lang: Option<String>,
}

struct CoverageLine {
    id: String,
    title: String,
    coverage: &'static str,
    coverage_text: String,
    by: String,
}

struct DirectionView {
    heading: String,
    summary: String,
    lines: Vec<CoverageLine>,
}

#[derive(Template)]
#[template(path = "crosswalk.html")]
struct CrosswalkPage {
    chrome: Chrome,
    heading: String,
    directions: Vec<DirectionView>,
    col_requirement: String,
    col_coverage: String,
    col_by: String,
    back: String,
    back_href: String,
}

pub async fn crosswalk(
    State(site): Shared,
    headers: HeaderMap,
    q: Result<UrlQuery<PairQuery>, QueryRejection>,
) -> Response {
    let q = q.map(|UrlQuery(q)| q).unwrap_or_default();
    let lang = page_lang(&LangQuery { lang: q.lang.clone() }, &headers);
    let cats = site.registry.catalogs;
    let (a, b) = (q.a.unwrap_or_default(), q.b.unwrap_or_default());
    let Some(cw) = iotlabel_catalog::crosswalk::crosswalk_ids(cats, &a, &b) else {
        let ids: Vec<&str> = cats.frameworks.iter().map(|c| c.framework.id.as_str()).collect();
        return data(
            StatusCode::NOT_FOUND,
            json!({"error": {"code": "not_found", "message": format!("no framework pair {a:?} and {b:?}"), "suggestion": format!("a and b are two of: {}", ids.join(", "))}}),
        );
    };
    if wants_json(&headers) {
        return data(StatusCode::OK, json!({ "crosswalk": cw }));
    }
    let short =
        |id: &str| cats.framework(id).map_or_else(|| id.to_owned(), |c| c.framework.short_title.clone());
    let direction = |d: &iotlabel_catalog::crosswalk::Direction| DirectionView {
        heading: Msg::new("site-crosswalk-direction")
            .arg("from", short(&d.from))
            .arg("to", short(&d.to))
            .text(lang),
        summary: Msg::new("site-crosswalk-summary")
            .arg("full", Arg::Int(d.summary.full as i64))
            .arg("partial", Arg::Int(d.summary.partial as i64))
            .arg("gap", Arg::Int(d.summary.gap as i64))
            .arg("total", Arg::Int(d.summary.requirements as i64))
            .text(lang),
        lines: d
            .mappings
            .iter()
            .map(|m| {
                let coverage = match m.coverage {
                    iotlabel_catalog::crosswalk::Coverage::Full => "full",
                    iotlabel_catalog::crosswalk::Coverage::Partial => "partial",
                    iotlabel_catalog::crosswalk::Coverage::Gap => "gap",
                };
                CoverageLine {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    coverage,
                    coverage_text: t(lang, &format!("site-coverage-{coverage}")),
                    by: m.covered_by.join(", "),
                }
            })
            .collect(),
    };
    let page = CrosswalkPage {
        chrome: Chrome::new(
            lang,
            format!("{} ↔ {}", short(&cw.a), short(&cw.b)),
            &format!("/standards/crosswalk?a={}&b={}", cw.a, cw.b),
        ),
        heading: format!("{} ↔ {}", short(&cw.a), short(&cw.b)),
        directions: vec![direction(&cw.a_to_b), direction(&cw.b_to_a)],
        col_requirement: t(lang, "site-crosswalk-requirement"),
        col_coverage: t(lang, "site-crosswalk-coverage"),
        col_by: t(lang, "site-crosswalk-by"),
        back: t(lang, "site-standards-title"),
        back_href: with_lang("/standards", lang),
    };
    html(StatusCode::OK, page.render())
}

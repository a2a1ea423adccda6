//! The buyer's pages (issue 16's web part, issue 12's glossary): the questionnaire and its advice
//! for the registered devices (`/advice`, `/advice/profile.toml`), the glossary (`/glossary`) and
//! the gap analysis over the registry (`/gaps`, `/gaps.csv`).
//!
//! The facts come from the advice and campaign crates, never computed here: the questions and
//! their checker, `report` (ranked as `iotlabel compare` ranks), the glossary, the gap counts and
//! their CSV. The answers live only in the URL (the profile's query encoding): nothing about the
//! person is stored or logged.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query as UrlQuery, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use iotlabel_advice::questions::{Kind, questions};
use iotlabel_advice::{AdviceReport, Profile, Standing};
use iotlabel_i18n::{Arg, Lang, Msg};
use iotlabel_label::Label;
use serde_json::json;

use crate::Site;
use crate::pages::{
    Chrome, LangQuery, blocking, current_index, data, failure, html, label_of, page_lang, t, wants_json,
    with_lang,
};

type Shared = State<Arc<Site>>;

/// At most this many devices are weighed on one advice page.
pub const ADVICE_MAX: usize = 50;

/// A nav link's text, for base.html.
pub fn nav(lang: &str, page: &str) -> String {
    t(Lang::parse(lang).unwrap_or(Lang::En), &format!("site-nav-{page}"))
}

// ---------------------------------------------------------------------------------------------
// The advice page

/// What an `/advice` URL asks: the site's own parameters and the profile's.
#[derive(Debug, Default)]
struct AdviceRequest {
    lang: Option<String>,
    ids: Vec<String>,
    device_type: String,
    /// The profile's parameters, the values of a many-answers question (checkboxes, one
    /// parameter each) joined by commas as the profile's query encoding writes them.
    profile: Vec<(String, String)>,
}

impl AdviceRequest {
    fn read(query: &str) -> AdviceRequest {
        let mut r = AdviceRequest::default();
        for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
            match k.as_ref() {
                "lang" => r.lang = Some(v.into_owned()),
                "id" if !v.is_empty() && !r.ids.contains(&v.to_string()) => r.ids.push(v.into_owned()),
                "id" => {}
                "type" => r.device_type = v.into_owned(),
                _ => {
                    let many = questions().iter().any(|q| q.id == k && q.kind == Kind::Many);
                    match r.profile.iter_mut().find(|(key, _)| many && *key == k) {
                        Some(_) if v.is_empty() => {}
                        Some((_, joined)) => {
                            if !joined.is_empty() {
                                joined.push(',');
                            }
                            joined.push_str(&v);
                        }
                        None => r.profile.push((k.into_owned(), v.into_owned())),
                    }
                }
            }
        }
        r
    }

    /// The profile's answers as its query encoding.
    fn profile_query(&self) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.profile {
            q.append_pair(k, v);
        }
        q.finish()
    }

    /// The device choice as query parameters (kept in the share link and the form).
    fn selection_query(&self) -> String {
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        for id in &self.ids {
            q.append_pair("id", id);
        }
        if !self.device_type.is_empty() {
            q.append_pair("type", &self.device_type);
        }
        q.finish()
    }
}

/// A bad answer: the parameter, and what is wrong in the reader's language.
#[derive(Debug, Clone, serde::Serialize)]
struct Problem {
    param: String,
    message: String,
    expected: String,
    suggestion: Option<String>,
}

/// The answers read from the URL: the profile, or the problems and the answers that were good.
fn read_profile(query: &str) -> Result<Profile, (Vec<Problem>, Profile)> {
    match iotlabel_advice::parse_query("query", query) {
        Ok(p) => Ok(p),
        Err(diags) => {
            let problems = diags
                .diagnostics
                .iter()
                .map(|d| Problem {
                    param: d.path.clone(),
                    message: d.message.clone(),
                    expected: d.expected.clone().unwrap_or_default(),
                    suggestion: d.suggestion.clone(),
                })
                .collect();
            // Keep every answer that is good on its own, through the same checker.
            let mut kept = Profile::new();
            for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
                if let Some(q) = iotlabel_advice::questions::question(&k)
                    && let Ok(value) = q.parse(&v)
                {
                    let _ = kept.set(&k, value);
                }
            }
            Err((problems, kept))
        }
    }
}

struct OptionView {
    value: String,
    label: String,
    selected: bool,
}

struct QuestionView {
    id: String,
    text: String,
    /// `one`, `many`, `years` or `yes-no`.
    kind: &'static str,
    options: Vec<OptionView>,
    /// A number's value as typed.
    value: String,
    min: u32,
    max: u32,
    errors: Vec<String>,
}

/// The questions, each with the answer shown (given, else the default) and its problems.
fn question_views(
    lang: Lang,
    profile: &Profile,
    raw: &[(String, String)],
    problems: &[Problem],
) -> Vec<QuestionView> {
    let filled = profile.filled();
    questions()
        .iter()
        .map(|q| {
            let answer = filled.answer(&q.id).unwrap_or_else(|| q.default.clone());
            let errors: Vec<String> =
                problems.iter().filter(|p| p.param == q.id).map(|p| problem_text(lang, p)).collect();
            let chosen = |c: &str| match &answer {
                toml::Value::String(s) => s == c,
                toml::Value::Array(items) => items.iter().any(|i| i.as_str() == Some(c)),
                _ => false,
            };
            let (kind, options) = match q.kind {
                Kind::One | Kind::Many => (
                    if q.kind == Kind::One { "one" } else { "many" },
                    q.choices
                        .iter()
                        .map(|c| OptionView {
                            value: c.clone(),
                            label: t(lang, &format!("advice-a-{}-{c}", q.id)),
                            selected: chosen(c),
                        })
                        .collect(),
                ),
                Kind::YesNo => {
                    let yes = answer.as_bool() == Some(true);
                    (
                        "yes-no",
                        vec![
                            OptionView {
                                value: "no".into(),
                                label: t(lang, "site-advice-no"),
                                selected: !yes,
                            },
                            OptionView {
                                value: "yes".into(),
                                label: t(lang, "site-advice-yes"),
                                selected: yes,
                            },
                        ],
                    )
                }
                Kind::Years => ("years", Vec::new()),
            };
            // A number that was refused is shown as it was typed, to be corrected.
            let typed = raw.iter().find(|(k, _)| *k == q.id).map(|(_, v)| v.clone());
            let value = match (q.kind, errors.is_empty(), typed) {
                (Kind::Years, false, Some(v)) => v,
                _ => q.format(&answer),
            };
            QuestionView {
                id: q.id.clone(),
                text: t(lang, &format!("advice-q-{}", q.id)),
                kind,
                options,
                value,
                min: q.min,
                max: q.max,
                errors,
            }
        })
        .collect()
}

fn problem_text(lang: Lang, p: &Problem) -> String {
    let mut text = Msg::new("site-advice-bad")
        .arg("message", p.message.clone())
        .arg("expected", p.expected.clone())
        .text(lang);
    if let Some(s) = &p.suggestion {
        text.push(' ');
        text.push_str(s);
    }
    text
}

struct DeviceView {
    rank: String,
    href: String,
    product: String,
    fit: String,
    fit_text: String,
    risk: String,
    missed: Vec<String>,
    reasons: Vec<String>,
    steps: Vec<String>,
    safety_steps: Vec<String>,
    alternatives: Vec<String>,
}

#[derive(Template)]
#[template(path = "advice.html")]
struct AdvicePage {
    chrome: Chrome,
    heading: String,
    intro: String,
    lang: &'static str,
    version: u32,
    fix: Option<String>,
    /// Problems with parameters that are no question (an unknown one, the version).
    other_problems: Vec<String>,
    questions: Vec<QuestionView>,
    devices_legend: String,
    ids: Vec<String>,
    chosen: Option<String>,
    type_label: String,
    types: Vec<OptionView>,
    button: String,
    summary: Option<String>,
    capped: Option<String>,
    share_href: String,
    share_text: String,
    share_url: String,
    download_href: String,
    download_text: String,
    devices: Vec<DeviceView>,
    h_missed: String,
    h_reasons: String,
    h_steps: String,
    h_safety: String,
    h_alternatives: String,
}

/// The registered devices to weigh: those named by `id` (in the order given), else those of
/// the device type, else all (in the index's order); at most [`ADVICE_MAX`]. Also whether more
/// were left out.
fn chosen_ids(index: &crate::Index, r: &AdviceRequest) -> (Vec<String>, bool) {
    let ids: Vec<String> = if r.ids.is_empty() {
        index
            .rows()
            .iter()
            .filter(|row| r.device_type.is_empty() || row.device_type == r.device_type)
            .map(|row| row.id.clone())
            .collect()
    } else {
        r.ids.iter().filter(|id| index.row(id).is_some()).cloned().collect()
    };
    let capped = ids.len() > ADVICE_MAX;
    (ids.into_iter().take(ADVICE_MAX).collect(), capped)
}

/// The labels of the registered devices, as their device pages show them, with their standing
/// (live status).
async fn labels(
    site: &Arc<Site>,
    ids: Vec<String>,
    today: NaiveDate,
) -> Result<Vec<(Label, Standing)>, Response> {
    let s = Arc::clone(site);
    match blocking(move || -> Result<Vec<(Label, Standing)>, iotlabel_store::StoreError> {
        let mut out = Vec::with_capacity(ids.len());
        for id in &ids {
            if let Some(d) = s.registry.derive(id, today)? {
                out.push((label_of(&s, &d, today).1, Standing::of(&d.record.status)));
            }
        }
        Ok(out)
    })
    .await
    {
        Ok(Ok(labels)) => Ok(labels),
        Ok(Err(e)) => Err(failure(e)),
        Err(r) => Err(r),
    }
}

/// `/advice`: the questionnaire; with answers in the URL, the advice for the registered devices.
pub async fn advice(State(site): Shared, headers: HeaderMap, uri: Uri) -> Response {
    let request = AdviceRequest::read(uri.query().unwrap_or_default());
    let lang = page_lang(&LangQuery { lang: request.lang.clone() }, &headers);
    let today = Utc::now().date_naive();
    let index = match current_index(&site).await {
        Ok(i) => i,
        Err(r) => return r,
    };
    let asked = !request.profile.is_empty();
    let query = request.profile_query();
    let (profile, problems) = if asked {
        match read_profile(&query) {
            Ok(p) => (p, Vec::new()),
            Err((problems, kept)) => (kept, problems),
        }
    } else {
        (Profile::new(), Vec::new())
    };
    // A label id not in the registry is a bad answer too, with the closest registered id.
    let mut problems = problems;
    let mut request = request;
    let (known, unknown): (Vec<String>, Vec<String>) =
        request.ids.iter().cloned().partition(|id| index.row(id).is_some());
    for id in &unknown {
        let closest = iotlabel_model::diagnostic::closest(id, index.rows().iter().map(|r| r.id.as_str()));
        problems.push(Problem {
            param: "id".into(),
            message: Msg::new("site-advice-unknown-id").arg("id", id.clone()).text(lang),
            expected: t(lang, "site-advice-expected-id"),
            suggestion: closest
                .map(|c| Msg::new("site-advice-did-you-mean").arg("id", c.to_owned()).text(lang)),
        });
    }
    if !unknown.is_empty() {
        // The form keeps the devices that are registered: submitting it again drops the others.
        request.ids = known;
    }
    let json = wants_json(&headers);
    let status = if problems.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let mut report: Option<AdviceReport> = None;
    let mut capped = false;
    if asked && problems.is_empty() {
        let (ids, more) = chosen_ids(&index, &request);
        capped = more;
        let labels = match labels(&site, ids, today).await {
            Ok(l) => l,
            Err(r) => return r,
        };
        report = Some(iotlabel_advice::report(&labels, &profile, lang, true));
    }
    if json {
        return match (&report, problems.is_empty()) {
            (Some(r), _) => data(status, json!(r)),
            (None, false) => data(
                status,
                json!({"error": {"code": "bad_answers", "message": t(lang, "site-advice-fix"), "problems": problems}}),
            ),
            (None, true) => data(status, json!({ "questions": questions_json(lang) })),
        };
    }
    let selection = request.selection_query();
    let profile_query =
        report.as_ref().map_or_else(|| profile.filled().to_query(), |r| r.profile_query.clone());
    let join = |a: &str, b: &str| if b.is_empty() { a.to_owned() } else { format!("{a}&{b}") };
    let share_path = format!("/advice?{}", join(&profile_query, &selection));
    let share_href = with_lang(&share_path, lang);
    let public = site.registry.config.public_url.trim_end_matches('/').to_owned();
    let types = std::iter::once(OptionView {
        value: String::new(),
        label: t(lang, "site-advice-type-any"),
        selected: request.device_type.is_empty(),
    })
    .chain(index.facets().device_types.iter().map(|(v, n)| OptionView {
        value: v.clone(),
        label: format!("{} ({n})", iotlabel_render::wording::device_type_name(lang, v)),
        selected: *v == request.device_type,
    }))
    .collect();
    let devices = report
        .as_ref()
        .map(|r| {
            r.devices
                .iter()
                .map(|d| DeviceView {
                    rank: Msg::new("site-advice-rank")
                        .arg("rank", Arg::Int(d.rank.unwrap_or(0) as i64))
                        .text(lang),
                    href: with_lang(&format!("/d/{}", d.label_id), lang),
                    product: d.product.clone(),
                    fit: serde_json::to_value(d.fit)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    fit_text: d.fit_text.clone(),
                    risk: Msg::new("site-advice-risk").arg("points", format!("{:.1}", d.risk)).text(lang),
                    missed: d.missed_must_haves.iter().map(|m| m.text.clone()).collect(),
                    reasons: d.reasons.iter().map(|r| r.text.clone()).collect(),
                    steps: d.steps.clone(),
                    safety_steps: d.safety_steps.clone(),
                    alternatives: d.alternatives.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let page = AdvicePage {
        chrome: Chrome::new(
            lang,
            t(lang, "site-advice-title"),
            &if asked { share_path.clone() } else { "/advice".into() },
        ),
        heading: t(lang, "site-advice-title"),
        intro: t(lang, "site-advice-intro"),
        lang: lang.code(),
        version: iotlabel_advice::PROFILE_VERSION,
        fix: (!problems.is_empty()).then(|| t(lang, "site-advice-fix")),
        other_problems: problems
            .iter()
            .filter(|p| iotlabel_advice::questions::question(&p.param).is_none())
            .map(|p| format!("{}: {}", p.param, problem_text(lang, p)))
            .collect(),
        questions: question_views(lang, &profile, &request.profile, &problems),
        devices_legend: t(lang, "site-advice-devices"),
        chosen: (!request.ids.is_empty()).then(|| {
            Msg::new("site-advice-chosen").arg("count", Arg::Int(request.ids.len() as i64)).text(lang)
        }),
        ids: request.ids.clone(),
        type_label: t(lang, "site-advice-type"),
        types,
        button: t(lang, "site-advice-button"),
        summary: report.as_ref().map(|r| {
            Msg::new("site-advice-results").arg("count", Arg::Int(r.devices.len() as i64)).text(lang)
        }),
        capped: capped
            .then(|| Msg::new("site-advice-capped").arg("count", Arg::Int(ADVICE_MAX as i64)).text(lang)),
        share_url: format!("{public}{share_href}"),
        share_href,
        share_text: t(lang, "site-advice-share"),
        download_href: format!("/advice/profile.toml?{profile_query}"),
        download_text: t(lang, "site-advice-download"),
        devices,
        h_missed: t(lang, "site-advice-missed"),
        h_reasons: t(lang, "site-advice-reasons"),
        h_steps: t(lang, "site-advice-steps"),
        h_safety: t(lang, "site-advice-safety"),
        h_alternatives: t(lang, "site-advice-alternatives"),
    };
    html(status, page.render())
}

/// The questionnaire as data: ids, kinds, choices (with their words), defaults.
fn questions_json(lang: Lang) -> serde_json::Value {
    questions()
        .iter()
        .map(|q| {
            let kind = match q.kind {
                Kind::One => "one",
                Kind::Many => "many",
                Kind::Years => "years",
                Kind::YesNo => "yes-no",
            };
            let choices: Vec<serde_json::Value> = q
                .choices
                .iter()
                .map(|c| json!({"id": c, "text": t(lang, &format!("advice-a-{}-{c}", q.id))}))
                .collect();
            let default = serde_json::to_value(&q.default).unwrap_or_default();
            let mut v = json!({
                "id": q.id, "kind": kind, "text": t(lang, &format!("advice-q-{}", q.id)),
                "choices": choices, "default": default,
            });
            if q.kind == Kind::Years {
                v["min"] = json!(q.min);
                v["max"] = json!(q.max);
            }
            v
        })
        .collect()
}

/// `/advice/profile.toml`: the answers in the URL as a profile file, to keep or to use with
/// `iotlabel advise --profile`.
pub async fn profile_toml(uri: Uri) -> Response {
    let request = AdviceRequest::read(uri.query().unwrap_or_default());
    match read_profile(&request.profile_query()) {
        Ok(p) => (
            [
                (header::CONTENT_TYPE, "application/toml; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"iotlabel-profile.toml\""),
            ],
            p.filled().to_toml(),
        )
            .into_response(),
        Err((problems, _)) => {
            let text: String =
                problems.iter().map(|p| format!("{}: {}\n", p.param, problem_text(Lang::En, p))).collect();
            (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text)
                .into_response()
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The glossary

#[derive(Template)]
#[template(path = "glossary.html")]
struct GlossaryPage {
    chrome: Chrome,
    heading: String,
    intro: String,
    why: String,
    ask: String,
    entries: Vec<iotlabel_advice::GlossaryEntry>,
}

/// `/glossary`: every label element explained.
pub async fn glossary(headers: HeaderMap, q: Result<UrlQuery<LangQuery>, QueryRejection>) -> Response {
    let q = q.map(|UrlQuery(q)| q).unwrap_or_default();
    let lang = page_lang(&q, &headers);
    let glossary = iotlabel_advice::glossary(lang);
    if wants_json(&headers) {
        return data(StatusCode::OK, json!(glossary));
    }
    let page = GlossaryPage {
        chrome: Chrome::new(lang, t(lang, "site-glossary-title"), "/glossary"),
        heading: t(lang, "site-glossary-title"),
        intro: t(lang, "site-glossary-intro"),
        why: t(lang, "site-glossary-why"),
        ask: t(lang, "site-glossary-ask"),
        entries: glossary.entries,
    };
    html(StatusCode::OK, page.render())
}

// ---------------------------------------------------------------------------------------------
// The gap analysis

struct GapLine {
    group: String,
    fact: String,
    bad: String,
    share: String,
}

#[derive(Template)]
#[template(path = "gaps.html")]
struct GapsPage {
    chrome: Chrome,
    heading: String,
    intro: String,
    priorities_heading: String,
    priorities: Vec<String>,
    csv_href: String,
    csv_text: String,
    /// (heading, whether the group column is shown, lines)
    tables: Vec<(String, bool, Vec<GapLine>)>,
    col_group: String,
    col_fact: String,
    col_bad: String,
    col_share: String,
}

async fn gap_report(site: &Arc<Site>) -> Result<iotlabel_campaign::gaps::GapReport, Response> {
    let today = Utc::now().date_naive();
    let index = current_index(site).await?;
    let ids = index.rows().iter().map(|r| r.id.clone()).collect();
    let labels: Vec<Label> = labels(site, ids, today).await?.into_iter().map(|(l, _)| l).collect();
    Ok(iotlabel_campaign::gaps::gaps(&labels))
}

fn fact_name(lang: Lang, fact: &str) -> String {
    t(lang, &format!("site-gaps-fact-{fact}"))
}

/// `/gaps`: which label facts are most often bad, over all registered devices, by device type
/// and by maker, and where a campaign would help most.
pub async fn gaps(
    State(site): Shared,
    headers: HeaderMap,
    q: Result<UrlQuery<LangQuery>, QueryRejection>,
) -> Response {
    let q = q.map(|UrlQuery(q)| q).unwrap_or_default();
    let lang = page_lang(&q, &headers);
    let report = match gap_report(&site).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    if wants_json(&headers) {
        return data(StatusCode::OK, json!(report));
    }
    let group_name = |scope: &str, group: &str| match scope {
        "device-type" => iotlabel_render::wording::device_type_name(lang, group),
        _ => group.to_owned(),
    };
    let mut priorities: Vec<String> = report
        .priorities
        .iter()
        .map(|p| {
            let id = if p.scope == "all" { "site-gaps-priority-all" } else { "site-gaps-priority-group" };
            Msg::new(id)
                .arg("fact", fact_name(lang, &p.fact))
                .arg("group", group_name(&p.scope, &p.group))
                .arg("bad", Arg::Int(p.bad as i64))
                .arg("devices", Arg::Int(p.devices as i64))
                .text(lang)
        })
        .collect();
    if priorities.is_empty() {
        priorities.push(t(lang, "site-gaps-none"));
    }
    let mut tables: BTreeMap<usize, (String, bool, Vec<GapLine>)> = BTreeMap::new();
    for r in &report.rows {
        let (order, heading, grouped) = match r.scope.as_str() {
            "all" => (0, "site-gaps-all", false),
            "device-type" => (1, "site-gaps-by-type", true),
            _ => (2, "site-gaps-by-maker", true),
        };
        // Within a group, only the facts bad on at least one device (the CSV has every count).
        if grouped && r.bad == 0 {
            continue;
        }
        tables.entry(order).or_insert_with(|| (t(lang, heading), grouped, Vec::new())).2.push(GapLine {
            group: group_name(&r.scope, &r.group),
            fact: fact_name(lang, &r.fact),
            bad: format!("{} / {}", r.bad, r.devices),
            share: format!("{:.0} %", r.share * 100.0),
        });
    }
    let page = GapsPage {
        chrome: Chrome::new(lang, t(lang, "site-gaps-title"), "/gaps"),
        heading: t(lang, "site-gaps-title"),
        intro: Msg::new("site-gaps-intro").arg("count", Arg::Int(report.devices as i64)).text(lang),
        priorities_heading: t(lang, "site-gaps-priorities"),
        priorities,
        csv_href: "/gaps.csv".into(),
        csv_text: t(lang, "site-gaps-csv"),
        tables: tables.into_values().collect(),
        col_group: t(lang, "site-gaps-col-group"),
        col_fact: t(lang, "site-gaps-col-fact"),
        col_bad: t(lang, "site-gaps-col-bad"),
        col_share: t(lang, "site-gaps-col-share"),
    };
    html(StatusCode::OK, page.render())
}

/// `/gaps.csv`: every count, as `iotlabel gaps --format csv` writes it.
pub async fn gaps_csv(State(site): Shared) -> Response {
    match gap_report(&site).await {
        Ok(report) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"iotlabel-gaps.csv\""),
            ],
            iotlabel_campaign::gaps::csv(&report),
        )
            .into_response(),
        Err(r) => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkboxes_are_joined_and_site_parameters_set_apart() {
        let r = AdviceRequest::read(
            "lang=fr&v=1&household=&household=teenagers&household=at-risk&worries=&id=a&id=b&id=a&type=lock&place=bedroom&place=office",
        );
        assert_eq!(r.lang.as_deref(), Some("fr"));
        assert_eq!(r.ids, ["a", "b"]);
        assert_eq!(r.device_type, "lock");
        let pairs: Vec<(&str, &str)> = r.profile.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("v", "1"),
                ("household", "teenagers,at-risk"),
                ("worries", ""),
                ("place", "bedroom"),
                ("place", "office")
            ]
        );
        // One answer given twice is the checker's to refuse, and it does.
        let err = read_profile(&r.profile_query()).unwrap_err();
        assert_eq!(err.0.len(), 1);
        assert_eq!(err.0[0].param, "place");
        assert!(err.0[0].message.contains("given twice"), "{:?}", err.0);
        // The answers that were good are kept.
        assert_eq!(err.1.answer("place"), Some(toml::Value::String("office".into())));
        assert_eq!(r.selection_query(), "id=a&id=b&type=lock");
    }
}

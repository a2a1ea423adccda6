//! HTTP Archive (HAR 1.2): each request's scheme, whether it carries credentials, and cookies
//! set without the Secure attribute.

use serde_json::Value;

use crate::json::{self, Fields};
use crate::{Finding, Problem, Read};

/// Query or form field names that carry a secret.
const SECRET_FIELDS: &[&str] =
    &["password", "passwd", "pwd", "pass", "token", "secret", "apikey", "api_key", "access_token"];

pub(crate) fn read(text: &str) -> Result<Read, Vec<Problem>> {
    let v = json::parse(text).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let mut read = Read::default();
    {
        let mut f = Fields { problems: &mut problems };
        let log = match v.get("log") {
            Some(l) => l,
            None => {
                f.missing("/log".into(), "an object");
                return Err(problems);
            }
        };
        if f.object(log, "/log").is_none() {
            return Err(problems);
        }
        if let Some(c) = log.get("creator") {
            let name = c.get("name").and_then(Value::as_str).unwrap_or("HAR");
            let ver = c.get("version").and_then(Value::as_str).unwrap_or("");
            read.tool = Some(format!("{name} {ver} (HAR)").replace("  ", " "));
        }
        let entries = f.array(log, "/log", "entries").map(|e| e.as_slice()).unwrap_or(&[]);
        for (i, e) in entries.iter().enumerate() {
            let base = format!("/log/entries/{i}");
            if f.object(e, &base).is_none() {
                continue;
            }
            if read.scanned.is_none() {
                read.scanned = e
                    .get("startedDateTime")
                    .and_then(Value::as_str)
                    .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
                    .map(|d| d.date_naive());
            }
            let Some(req) = e.get("request") else {
                f.missing(format!("{base}/request"), "an object");
                continue;
            };
            let rbase = format!("{base}/request");
            let Some(url) = f.string(req, &rbase, "url") else { continue };
            let method = req.get("method").and_then(Value::as_str).unwrap_or("GET");
            let Some((scheme, rest)) = url.split_once("://") else {
                f.problems.push(Problem::at_path(
                    format!("{rbase}/url"),
                    format!("{url:?} is not an absolute URL"),
                ));
                continue;
            };
            let scheme = scheme.to_ascii_lowercase();
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            let userinfo = host.contains('@');
            let host = host.rsplit('@').next().unwrap_or(host);
            let shown = strip_secrets(&url);
            let plain = matches!(scheme.as_str(), "http" | "ws");
            let secure = matches!(scheme.as_str(), "https" | "wss");
            if !plain && !secure {
                continue;
            }
            let credentials = userinfo
                || headers(req).any(|(n, _)| {
                    n.eq_ignore_ascii_case("authorization") || n.eq_ignore_ascii_case("proxy-authorization")
                })
                || fields(req).any(|n| SECRET_FIELDS.iter().any(|s| n.eq_ignore_ascii_case(s)));
            let resp = e.get("response");
            let status = resp.and_then(|r| r.get("status")).and_then(Value::as_u64).unwrap_or(0);
            let redirect = resp
                .and_then(|r| {
                    r.get("redirectURL").and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string)
                })
                .or_else(|| {
                    resp.and_then(|r| {
                        headers(r)
                            .find(|(n, _)| n.eq_ignore_ascii_case("location"))
                            .map(|(_, v)| v.to_string())
                    })
                });
            let value = if plain && credentials {
                "http-credentials"
            } else if plain
                && (300..400).contains(&status)
                && redirect.as_deref().is_some_and(|r| r.starts_with("https://"))
            {
                "http-redirect-https"
            } else if plain {
                "http"
            } else {
                "https"
            };
            let mut text = format!("{method} {shown} answered {status}");
            if let Some(r) = &redirect {
                text.push_str(&format!(", redirect to {}", strip_secrets(r)));
            }
            if value == "http-credentials" {
                text.push_str(", credentials sent without TLS");
            }
            read.findings.push(Finding {
                kind: "har.request",
                value: value.into(),
                score: None,
                subject: host.to_string(),
                text,
                record: base.clone(),
                line: None,
                finding: None,
            });
            if let Some(r) = resp {
                for (c, cookie) in r
                    .get("cookies")
                    .and_then(Value::as_array)
                    .map(|a| a.as_slice())
                    .unwrap_or(&[])
                    .iter()
                    .enumerate()
                {
                    if secure && cookie.get("secure").and_then(Value::as_bool) == Some(false) {
                        let name = cookie.get("name").and_then(Value::as_str).unwrap_or("?");
                        read.findings.push(Finding {
                            kind: "har.cookie",
                            value: "insecure".into(),
                            score: None,
                            subject: host.to_string(),
                            text: format!("cookie {name} set without the Secure attribute"),
                            record: format!("{base}/response/cookies/{c}"),
                            line: None,
                            finding: Some(name.to_string()),
                        });
                    }
                }
            }
        }
    }
    if problems.is_empty() { Ok(read) } else { Err(problems) }
}

fn headers(v: &Value) -> impl Iterator<Item = (&str, &str)> {
    v.get("headers").and_then(Value::as_array).into_iter().flatten().filter_map(|h| {
        Some((h.get("name")?.as_str()?, h.get("value").and_then(Value::as_str).unwrap_or("")))
    })
}

/// Names of query string and posted form fields.
fn fields(req: &Value) -> impl Iterator<Item = &str> {
    let query = req.get("queryString").and_then(Value::as_array).into_iter().flatten();
    let post = req.pointer("/postData/params").and_then(Value::as_array).into_iter().flatten();
    query.chain(post).filter_map(|p| p.get("name").and_then(Value::as_str))
}

/// The URL without user:password and query values (evidence may be published).
fn strip_secrets(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let (authority, path) = match rest.find(['/', '?', '#']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let path = path.split('?').next().unwrap_or(path);
    let query = if url.contains('?') { "?…" } else { "" };
    if scheme.is_empty() {
        format!("{authority}{path}{query}")
    } else {
        format!("{scheme}://{authority}{path}{query}")
    }
}

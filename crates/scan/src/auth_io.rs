//! The network side of RTSP and of HTTP digest and form logins, hooked into the engine: RTSP
//! identification (OPTIONS), the open-stream check (DESCRIBE on the data file's paths) and the
//! logins `try_creds` runs (`rtsp:PATH`, `http-digest:PATH`, `http-form:PATH`). Parsing is left
//! to [`crate::rtsp`] and [`crate::http_auth`]. Nothing here changes a device: RTSP goes no
//! further than DESCRIBE, and a form is only posted with the credential being tried.

use std::net::SocketAddr;

use base64::Engine as _;
use chrono::Utc;

use crate::engine::{NetError, Scanner};
use crate::http_auth::{self, header_values};
use crate::report::HostReport;
use crate::rtsp;

/// The credential list's service for a login kind (`http-digest:/` and `http-form:/` use the
/// `http` rows, `rtsp:/live` the `rtsp` rows).
pub(crate) fn credential_service(service: &str) -> &str {
    match service.split(':').next().unwrap_or(service) {
        "http-digest" | "http-form" => "http",
        other => other,
    }
}

fn url(addr: SocketAddr, path: &str) -> String {
    format!("rtsp://{addr}{path}")
}

/// One RTSP request on its own connection, and the reply.
async fn rtsp_exchange(
    s: &Scanner,
    addr: SocketAddr,
    method: &str,
    path: &str,
    authorization: Option<&str>,
) -> Option<(rtsp::RtspReply, Vec<u8>)> {
    let mut c = s.connect(addr).await.ok()?;
    c.send(&rtsp::request(method, &url(addr, path), 1, authorization)).await.ok()?;
    let raw = c.read_until(http_auth::response_complete).await;
    rtsp::parse_reply(&raw).map(|r| (r, raw))
}

/// OPTIONS: the reply's bytes when the port speaks RTSP.
pub(crate) async fn rtsp_options(s: &Scanner, addr: SocketAddr) -> Option<Vec<u8>> {
    rtsp_exchange(s, addr, "OPTIONS", "/", None).await.map(|(_, raw)| raw)
}

/// DESCRIBE on the known stream paths without credentials: a 200 is an open stream
/// (`insecure.rtsp-open`); a 401 sends the credential list at that path (`creds.default`).
pub(crate) async fn check_rtsp(s: &Scanner, addr: SocketAddr, host: &mut HostReport, budget: &mut usize) {
    let checks = s.config().checks;
    if !checks.insecure && !checks.creds {
        return;
    }
    let mut answered = false;
    for path in rtsp::PATHS.iter() {
        let Some((r, raw)) = rtsp_exchange(s, addr, "DESCRIBE", path, None).await else { break };
        answered = true;
        match r.status {
            200 => {
                if checks.insecure {
                    let session = r.session.map(|n| format!(" (session {n:?})")).unwrap_or_default();
                    host.findings.push(s.finding(
                        addr,
                        "insecure.rtsp-open",
                        &format!("RTSP DESCRIBE {} without credentials", url(addr, path)),
                        format!("the stream {path}{session} is served without authentication"),
                        &raw,
                    ));
                }
                return;
            }
            401 => {
                if checks.creds {
                    s.try_creds(addr, &format!("rtsp:{path}"), &[], host, budget).await;
                }
                return;
            }
            _ => {}
        }
    }
    host.notes.push(if answered {
        format!("{addr}: RTSP: no known stream path answered DESCRIBE")
    } else {
        format!("{addr}: RTSP: DESCRIBE got no answer")
    });
}

/// One HTTP request on its own connection; the whole response (up to the byte cap).
pub(crate) async fn http_request(
    s: &Scanner,
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &str,
    body: &str,
) -> Option<Vec<u8>> {
    let mut c = s.connect(addr).await.ok()?;
    let length = if method == "POST" { format!("Content-Length: {}\r\n", body.len()) } else { String::new() };
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nUser-Agent: iotlabel-scan\r\n{headers}{length}Connection: close\r\n\r\n{body}",
        addr.ip()
    );
    c.send(req.as_bytes()).await.ok()?;
    let raw = c.read_until(http_auth::response_complete).await;
    http_auth::status(&raw).map(|_| raw)
}

/// How to log in to the web page that `GET /` answered (`first`) when it is not HTTP basic:
/// `http-digest:/` for a digest challenge, `http-form:/` for a login form on the page.
pub(crate) async fn http_login_kind(s: &Scanner, addr: SocketAddr, first: &[u8]) -> Option<String> {
    if http_auth::status(first) == Some(401) {
        return http_auth::digest_challenge(&header_values(first, "www-authenticate"))
            .map(|_| "http-digest:/".to_string());
    }
    // The first answer may have been cut after the title: read the whole page.
    let page = http_request(s, addr, "GET", "/", "", "").await?;
    http_auth::find_login_form(&http_auth::body(&page)).map(|_| "http-form:/".to_string())
}

fn cnonce() -> String {
    let n = Utc::now().timestamp_nanos_opt().unwrap_or(0).unsigned_abs();
    format!("{:016x}", n.rotate_left(23) ^ 0x9e37_79b9_7f4a_7c15)
}

/// The `Authorization` value for a 401's challenges: digest when offered, else basic.
fn authorization(challenges: &[String], user: &str, pass: &str, method: &str, uri: &str) -> Option<String> {
    if let Some(ch) = http_auth::digest_challenge(challenges) {
        return http_auth::digest_authorization(&ch, user, pass, method, uri, &cnonce(), 1);
    }
    http_auth::schemes(challenges).iter().any(|x| x == "basic").then(|| {
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}")))
    })
}

/// One login attempt of a kind this module adds: whether it worked, and the answer's bytes.
pub(crate) async fn login(
    s: &Scanner,
    addr: SocketAddr,
    service: &str,
    user: &str,
    pass: &str,
) -> Result<(bool, Vec<u8>), NetError> {
    let (kind, path) = service.split_once(':').unwrap_or((service, "/"));
    match kind {
        "rtsp" => {
            // A fresh challenge for every attempt (digest nonces are single-use on some cameras).
            let (r, _) = rtsp_exchange(s, addr, "DESCRIBE", path, None).await.ok_or(NetError::Io)?;
            if r.status != 401 {
                return Err(NetError::Io);
            }
            let auth = authorization(&r.authenticate, user, pass, "DESCRIBE", &url(addr, path))
                .ok_or(NetError::Io)?;
            let (r, raw) = rtsp_exchange(s, addr, "DESCRIBE", path, Some(&auth)).await.ok_or(NetError::Io)?;
            Ok((r.status == 200, raw))
        }
        "http-digest" => {
            let first = http_request(s, addr, "GET", path, "", "").await.ok_or(NetError::Io)?;
            let ch = http_auth::digest_challenge(&header_values(&first, "www-authenticate"))
                .ok_or(NetError::Io)?;
            let auth = http_auth::digest_authorization(&ch, user, pass, "GET", path, &cnonce(), 1)
                .ok_or(NetError::Io)?;
            let raw = http_request(s, addr, "GET", path, &format!("Authorization: {auth}\r\n"), "")
                .await
                .ok_or(NetError::Io)?;
            Ok((http_auth::status(&raw).is_some_and(|c| (200..400).contains(&c)), raw))
        }
        "http-form" => {
            // The form again for every attempt: hidden tokens and cookies are per visit.
            let page = http_request(s, addr, "GET", path, "", "").await.ok_or(NetError::Io)?;
            let form = http_auth::find_login_form(&http_auth::body(&page)).ok_or(NetError::Io)?;
            let target = http_auth::form_target(path, &form.action).ok_or(NetError::Io)?;
            let cookies: Vec<String> = header_values(&page, "set-cookie")
                .iter()
                .filter_map(|c| c.split(';').next().map(|p| p.trim().to_string()))
                .collect();
            let mut headers = String::new();
            if !cookies.is_empty() {
                headers.push_str(&format!("Cookie: {}\r\n", cookies.join("; ")));
            }
            let body = http_auth::form_body(&form, user, pass);
            let raw = if form.method == "post" {
                headers.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
                http_request(s, addr, "POST", &target, &headers, &body).await
            } else {
                let sep = if target.contains('?') { '&' } else { '?' };
                http_request(s, addr, "GET", &format!("{target}{sep}{body}"), &headers, "").await
            }
            .ok_or(NetError::Io)?;
            Ok((http_auth::form_login_succeeded(&raw, path, &target), raw))
        }
        _ => Ok((false, Vec::new())),
    }
}

//! HTTP (and RTSP, which borrows HTTP's authentication) logins, pure: the parts of a response
//! head the login checks need, the digest challenge (`WWW-Authenticate: Digest ...`, RFC 7616
//! and RFC 2617) and its answer, and the login form of an HTML page with the rule that decides
//! whether a form login succeeded. No I/O; fuzzed (`fuzz/fuzz_targets/scan_parsers.rs`).

use md5::Digest as _;

/// Every value of header `name` (case-insensitive) in a response head (`\r\n` lines, up to the
/// blank line), at most 16, each at most 1024 characters.
pub fn header_values(raw: &[u8], name: &str) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let head = text.split("\r\n\r\n").next().unwrap_or("");
    head.split("\r\n")
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .filter(|(k, _)| k.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim().chars().take(1024).collect())
        .take(16)
        .collect()
}

/// The body of a response (what follows the blank line), as text.
pub fn body(raw: &[u8]) -> String {
    match raw.windows(4).position(|w| w == b"\r\n\r\n") {
        Some(i) => String::from_utf8_lossy(&raw[i + 4..]).into_owned(),
        None => String::new(),
    }
}

/// Whether a whole HTTP or RTSP response has arrived: the head, and as many body bytes as
/// `Content-Length` says (no length: the head is enough).
pub fn response_complete(raw: &[u8]) -> bool {
    let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") else { return false };
    let len = header_values(raw, "content-length").first().and_then(|v| v.parse::<usize>().ok());
    match len {
        Some(n) => raw.len() - (i + 4) >= n,
        None => true,
    }
}

/// A digest challenge (RFC 7616 §3.3).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DigestChallenge {
    pub realm: String,
    pub nonce: String,
    pub opaque: Option<String>,
    /// `MD5` (the default), `MD5-sess`, `SHA-256` or `SHA-256-sess`, as sent.
    pub algorithm: Option<String>,
    /// The qop values offered (`auth`, `auth-int`), lower case; empty for RFC 2069 servers.
    pub qop: Vec<String>,
}

/// The schemes a set of `WWW-Authenticate` values offers, lower case (`basic`, `digest`).
pub fn schemes(values: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for v in values {
        for (scheme, _) in challenges(v) {
            if !out.contains(&scheme) {
                out.push(scheme);
            }
        }
    }
    out
}

/// The challenges in one header value: (scheme lower case, its parameters). A value may hold
/// several (`Basic realm="a", Digest realm="b", nonce="c"`).
fn challenges(value: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let b = value.as_bytes();
    let mut i = 0;
    while i < b.len() && out.len() < 8 {
        while i < b.len() && (b[i] == b' ' || b[i] == b',' || b[i] == b'\t') {
            i += 1;
        }
        let start = i;
        while i < b.len() && is_token(b[i]) {
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        let word = &value[start..i];
        let mut j = i;
        while j < b.len() && b[j] == b' ' {
            j += 1;
        }
        if j < b.len() && b[j] == b'=' {
            // A parameter of the current challenge.
            let mut k = j + 1;
            while k < b.len() && b[k] == b' ' {
                k += 1;
            }
            let (val, next) = if k < b.len() && b[k] == b'"' {
                let mut v = String::new();
                let mut m = k + 1;
                while m < b.len() && b[m] != b'"' {
                    if b[m] == b'\\' && m + 1 < b.len() {
                        m += 1;
                    }
                    // Quoted strings are ASCII in practice; others are kept byte-wise lossy.
                    v.push(b[m] as char);
                    m += 1;
                }
                (v, m + 1)
            } else {
                let mut m = k;
                while m < b.len() && b[m] != b',' {
                    m += 1;
                }
                (value[k..m].trim().to_string(), m)
            };
            if let Some(last) = out.last_mut()
                && last.1.len() < 32
            {
                last.1.push((word.to_ascii_lowercase(), val.chars().take(512).collect()));
            }
            i = next;
        } else {
            out.push((word.to_ascii_lowercase(), Vec::new()));
            i = j;
        }
    }
    out
}

fn is_token(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c)
}

/// The first digest challenge among `WWW-Authenticate` values, if any has a nonce.
pub fn digest_challenge(values: &[String]) -> Option<DigestChallenge> {
    for v in values {
        for (scheme, params) in challenges(v) {
            if scheme != "digest" {
                continue;
            }
            let get = |k: &str| params.iter().find(|p| p.0 == k).map(|p| p.1.clone());
            let nonce = get("nonce")?;
            return Some(DigestChallenge {
                realm: get("realm").unwrap_or_default(),
                nonce,
                opaque: get("opaque"),
                algorithm: get("algorithm"),
                qop: get("qop")
                    .map(|q| q.split(',').map(|s| s.trim().to_ascii_lowercase()).collect())
                    .unwrap_or_default(),
            });
        }
    }
    None
}

fn hex_md5(s: &str) -> String {
    hex(&md5::Md5::digest(s.as_bytes()))
}

fn hex_sha256(s: &str) -> String {
    use sha2::Digest as _;
    hex(&sha2::Sha256::digest(s.as_bytes()))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn quote(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The `Authorization` value answering `ch` for `method` on `uri` (RFC 7616 §3.4; RFC 2069 when
/// the server offers no qop). `cnonce` is the client nonce, `nc` the nonce count. None for an
/// algorithm the scanner does not know.
pub fn digest_authorization(
    ch: &DigestChallenge,
    user: &str,
    pass: &str,
    method: &str,
    uri: &str,
    cnonce: &str,
    nc: u32,
) -> Option<String> {
    let alg = ch.algorithm.clone().unwrap_or_else(|| "MD5".into());
    let h: fn(&str) -> String = match alg.to_ascii_uppercase().trim_end_matches("-SESS") {
        "MD5" => hex_md5,
        "SHA-256" => hex_sha256,
        _ => return None,
    };
    let sess = alg.to_ascii_uppercase().ends_with("-SESS");
    let mut ha1 = h(&format!("{user}:{}:{pass}", ch.realm));
    if sess {
        ha1 = h(&format!("{ha1}:{}:{cnonce}", ch.nonce));
    }
    let qop = if ch.qop.iter().any(|q| q == "auth") {
        Some("auth")
    } else if ch.qop.iter().any(|q| q == "auth-int") {
        Some("auth-int")
    } else {
        None
    };
    // Requests the scanner sends have no body: auth-int hashes the empty body.
    let ha2 = match qop {
        Some("auth-int") => h(&format!("{method}:{uri}:{}", h(""))),
        _ => h(&format!("{method}:{uri}")),
    };
    let nc = format!("{nc:08x}");
    let response = match qop {
        Some(q) => h(&format!("{ha1}:{}:{nc}:{cnonce}:{q}:{ha2}", ch.nonce)),
        None => h(&format!("{ha1}:{}:{ha2}", ch.nonce)),
    };
    let mut out = format!(
        "Digest username=\"{}\", realm=\"{}\", nonce=\"{}\", uri=\"{}\", algorithm={alg}, response=\"{response}\"",
        quote(user),
        quote(&ch.realm),
        quote(&ch.nonce),
        quote(uri)
    );
    if let Some(q) = qop {
        out.push_str(&format!(", qop={q}, nc={nc}, cnonce=\"{}\"", quote(cnonce)));
    }
    if let Some(o) = &ch.opaque {
        out.push_str(&format!(", opaque=\"{}\"", quote(o)));
    }
    Some(out)
}

/// A login form found in an HTML page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LoginForm {
    /// Where the form posts (the `action` attribute; empty: the page itself).
    pub action: String,
    /// `post` or `get`, lower case.
    pub method: String,
    /// The user name field (the first text or email input), if the form has one.
    pub user_field: Option<String>,
    pub password_field: String,
    /// Hidden inputs and their values (tokens the server expects back).
    pub hidden: Vec<(String, String)>,
}

/// The first `<form>` of a page that has a password input.
pub fn find_login_form(html: &str) -> Option<LoginForm> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    for _ in 0..32 {
        let start = from + lower.get(from..)?.find("<form")?;
        let end = lower[start..].find("</form").map_or(html.len(), |e| start + e);
        from = end.max(start + 5);
        let tag_end = lower[start..].find('>').map_or(end, |e| start + e);
        let form_attrs = attributes(html.get(start + 5..tag_end).unwrap_or(""));
        let mut form = LoginForm {
            action: attr(&form_attrs, "action").unwrap_or_default(),
            method: attr(&form_attrs, "method").unwrap_or_else(|| "get".into()).to_ascii_lowercase(),
            ..LoginForm::default()
        };
        let mut password = None;
        let mut at = tag_end;
        let mut inputs = 0;
        while let Some(i) = lower.get(at..end).and_then(|s| s.find("<input")) {
            inputs += 1;
            if inputs > 64 {
                break;
            }
            let s = at + i;
            let e = lower[s..].find('>').map_or(end, |e| s + e);
            let a = attributes(html.get(s + 6..e).unwrap_or(""));
            at = e.max(s + 6);
            let Some(name) = attr(&a, "name") else { continue };
            let kind = attr(&a, "type").unwrap_or_else(|| "text".into()).to_ascii_lowercase();
            match kind.as_str() {
                "password" if password.is_none() => password = Some(name),
                "text" | "email" if form.user_field.is_none() => form.user_field = Some(name),
                "hidden" if form.hidden.len() < 16 => {
                    form.hidden.push((name, attr(&a, "value").unwrap_or_default()))
                }
                _ => {}
            }
        }
        if let Some(p) = password {
            form.password_field = p;
            return Some(form);
        }
        if from >= html.len() {
            return None;
        }
    }
    None
}

/// Attributes of a tag (`name=value`, quoted or not), names lower case.
fn attributes(s: &str) -> Vec<(String, String)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() && out.len() < 32 {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        let name = s[start..i].to_ascii_lowercase();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            let (v, next) = match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let e = s[i + 1..].find(q as char).map_or(s.len(), |e| i + 1 + e);
                    (s[i + 1..e].to_string(), e + 1)
                }
                _ => {
                    let e = s[i..].find(|c: char| c.is_ascii_whitespace()).map_or(s.len(), |e| i + e);
                    (s[i..e].to_string(), e)
                }
            };
            out.push((name, v.chars().take(256).collect()));
            i = next;
        } else {
            out.push((name, String::new()));
        }
    }
    out
}

fn attr(a: &[(String, String)], name: &str) -> Option<String> {
    a.iter().find(|x| x.0 == name).map(|x| x.1.clone())
}

/// `application/x-www-form-urlencoded` body of `form` filled with the credential.
pub fn form_body(form: &LoginForm, user: &str, pass: &str) -> String {
    let mut pairs: Vec<(&str, &str)> = form.hidden.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    if let Some(u) = &form.user_field {
        pairs.push((u, user));
    }
    pairs.push((&form.password_field, pass));
    pairs.iter().map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v))).collect::<Vec<_>>().join("&")
}

fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Where a form posts, as a path on the same server: the action resolved against the page's
/// path. None for an action on another host (the scanner does not follow it).
pub fn form_target(page: &str, action: &str) -> Option<String> {
    let action = action.trim();
    if action.is_empty() {
        return Some(page.to_string());
    }
    if action.contains("://") || action.starts_with("//") {
        return None;
    }
    if action.starts_with('/') {
        return Some(action.to_string());
    }
    let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
    Some(format!("{dir}/{action}"))
}

/// The rule that decides whether a form login succeeded, from the answer to the POST:
/// - a redirect (3xx) whose `Location` leads away from the login page (neither the page nor
///   the form's target, and no "login", "error" or "fail" in it), or
/// - a 200 that sets a cookie and has no password field any more (the login form is gone).
///
/// Anything else (the form again, 401, 403, a redirect back to the login) is a refusal.
pub fn form_login_succeeded(raw: &[u8], page: &str, target: &str) -> bool {
    let Some(status) = status(raw) else { return false };
    if (300..400).contains(&status) {
        let Some(loc) = header_values(raw, "location").into_iter().next() else { return false };
        let path =
            loc.split("://").nth(1).map_or(loc.as_str(), |rest| rest.find('/').map_or("/", |i| &rest[i..]));
        let path = path.split(['?', '#']).next().unwrap_or("");
        let l = path.to_ascii_lowercase();
        return path != page
            && path != target
            && !["login", "error", "fail", "denied"].iter().any(|w| l.contains(w));
    }
    status == 200
        && !header_values(raw, "set-cookie").is_empty()
        && find_login_form(&body(raw)).is_none()
        && !body(raw).to_ascii_lowercase().contains("type=\"password\"")
}

/// The status code of an HTTP or RTSP status line.
pub fn status(raw: &[u8]) -> Option<u16> {
    let line = raw.split(|&b| b == b'\n').next()?;
    let line = String::from_utf8_lossy(line);
    let mut parts = line.split(' ');
    let proto = parts.next()?;
    if !(proto.starts_with("HTTP/1.") || proto.starts_with("RTSP/1.")) {
        return None;
    }
    let code: u16 = parts.next()?.trim().parse().ok()?;
    (100..=599).contains(&code).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc2617_digest_example() {
        // RFC 2617 §3.5.
        let ch = digest_challenge(&["Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"".into()])
            .expect("challenge");
        assert_eq!(ch.realm, "testrealm@host.com");
        assert_eq!(ch.qop, vec!["auth", "auth-int"]);
        let a =
            digest_authorization(&ch, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", "0a4f113b", 1)
                .expect("md5");
        assert!(a.contains("response=\"6629fae49393a05397450978507c4ef1\""), "{a}");
        assert!(a.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"") && a.contains("nc=00000001"));
    }

    #[test]
    fn rfc7616_examples() {
        // RFC 7616 §3.9.1: the same exchange with MD5 and SHA-256.
        let cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        for (alg, expected) in [
            ("MD5", "8ca523f5e9506fed4657c9700eebdbec"),
            ("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
        ] {
            let v = format!(
                "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm={alg}, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""
            );
            let ch = digest_challenge(&[v]).expect("challenge");
            let a =
                digest_authorization(&ch, "Mufasa", "Circle of Life", "GET", "/dir/index.html", cnonce, 1)
                    .expect("known algorithm");
            assert!(a.contains(&format!("response=\"{expected}\"")), "{alg}: {a}");
        }
    }

    #[test]
    fn challenges_in_one_value_and_unknown_algorithms() {
        let v = vec![
            "Basic realm=\"cam\", Digest realm=\"cam\", nonce=\"abc\", algorithm=\"MD5-sess\"".to_string(),
        ];
        assert_eq!(schemes(&v), vec!["basic", "digest"]);
        let ch = digest_challenge(&v).expect("digest");
        assert_eq!((ch.nonce.as_str(), ch.algorithm.as_deref()), ("abc", Some("MD5-sess")));
        assert!(ch.qop.is_empty());
        let a = digest_authorization(&ch, "u", "p", "DESCRIBE", "rtsp://x/", "c", 1).expect("md5-sess");
        assert!(!a.contains("qop="));
        let odd = DigestChallenge { algorithm: Some("SHA-512-256".into()), ..ch };
        assert!(digest_authorization(&odd, "u", "p", "GET", "/", "c", 1).is_none());
        assert!(digest_challenge(&["Digest realm=\"x\"".into()]).is_none(), "no nonce");
    }

    #[test]
    fn login_forms_are_found_and_filled() {
        let page = "<html><FORM action='/cgi-bin/login.cgi' method=POST><input type=hidden name=csrf value=\"t 1\"><input name=user><input type=\"password\" name=\"pw\"><input type=submit></form>";
        let f = find_login_form(page).expect("form");
        assert_eq!(f.action, "/cgi-bin/login.cgi");
        assert_eq!(f.method, "post");
        assert_eq!(f.user_field.as_deref(), Some("user"));
        assert_eq!(f.password_field, "pw");
        assert_eq!(form_body(&f, "admin", "a&b"), "csrf=t+1&user=admin&pw=a%26b");
        assert!(find_login_form("<form action=/search><input name=q></form>").is_none());
        assert_eq!(form_target("/admin/index.html", "login.cgi").as_deref(), Some("/admin/login.cgi"));
        assert_eq!(form_target("/", "http://elsewhere/x"), None);
    }

    #[test]
    fn the_form_login_rule() {
        let ok = b"HTTP/1.1 302 Found\r\nLocation: /status.html\r\nSet-Cookie: s=1\r\n\r\n";
        let back = b"HTTP/1.1 302 Found\r\nLocation: http://10.0.0.1/login.html?err=1\r\n\r\n";
        let again =
            b"HTTP/1.1 200 OK\r\nSet-Cookie: s=1\r\n\r\n<form><input type=\"password\" name=p></form>";
        let in_page = b"HTTP/1.1 200 OK\r\nSet-Cookie: sid=9\r\nContent-Length: 9\r\n\r\nWelcome!!";
        let no_cookie = b"HTTP/1.1 200 OK\r\n\r\nWelcome";
        assert!(form_login_succeeded(ok, "/", "/login.cgi"));
        assert!(!form_login_succeeded(back, "/", "/login.cgi"));
        assert!(!form_login_succeeded(again, "/", "/login.cgi"));
        assert!(form_login_succeeded(in_page, "/", "/login.cgi"));
        assert!(!form_login_succeeded(no_cookie, "/", "/login.cgi"));
        assert!(!form_login_succeeded(b"HTTP/1.1 403 Forbidden\r\n\r\n", "/", "/"));
        assert!(response_complete(in_page) && !response_complete(&in_page[..in_page.len() - 2]));
    }
}

//! The fleet's web and RTSP devices: the router's login form and UPnP description (8080), digest
//! authentication (the doorbell), and RTSP streams (open on the camera, behind digest on the
//! doorbell). Written independently of the scanner's parsers, so a scanner bug is not mirrored.

use md5::Digest as _;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::read_head;

/// The router's device description: an Internet Gateway Device with WANIPConnection.
pub const IGD_DESCRIPTION: &str = r#"<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0">
<specVersion><major>1</major><minor>1</minor></specVersion>
<device>
<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>
<friendlyName>Fleet Home Router</friendlyName>
<manufacturer>Fleet Networks</manufacturer>
<modelName>FR-1000</modelName>
<modelNumber>1000</modelNumber>
<serialNumber>FR1000-0042</serialNumber>
<UDN>uuid:fleet-router-0042</UDN>
<deviceList><device>
<deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType>
<deviceList><device>
<deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType>
<serviceList><service>
<serviceType>urn:schemas-upnp-org:service:WANIPConnection:1</serviceType>
<serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId>
<controlURL>/ctl/IPConn</controlURL>
</service></serviceList>
</device></deviceList>
</device></deviceList>
</device>
</root>
"#;

const LOGIN_PAGE: &str = "<html><head><title>Router Login</title></head><body>\
<form method=\"post\" action=\"/login.cgi\"><input type=\"hidden\" name=\"token\" value=\"f00d\">\
<input type=\"text\" name=\"username\"><input type=\"password\" name=\"password\">\
<input type=\"submit\" value=\"Log in\"></form></body></html>";

fn response(status: &str, headers: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\nServer: fleet-httpd/2.1\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// Reads a request head and its body (by Content-Length, at most 4 KiB).
async fn read_request(s: &mut TcpStream) -> std::io::Result<(String, String)> {
    let raw = read_head(s).await?;
    let (head, rest) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let len = header(head, "content-length").and_then(|v| v.parse::<usize>().ok()).unwrap_or(0).min(4096);
    let mut body = rest.as_bytes().to_vec();
    let mut buf = [0u8; 1024];
    while body.len() < len {
        let n = s.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
    }
    Ok((head.to_string(), String::from_utf8_lossy(&body).into_owned()))
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

fn form_value(body: &str, key: &str) -> Option<String> {
    body.split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.replace('+', " ").replace("%21", "!").replace("%40", "@"))
}

/// The router's 8080: a login form (admin:admin; a success redirects to /status.html with a
/// session cookie, a failure shows the form again) and the UPnP description.
pub async fn router_form(s: &mut TcpStream) -> std::io::Result<()> {
    let (head, body) = read_request(s).await?;
    let line = head.lines().next().unwrap_or("");
    let resp = if line.starts_with("GET /rootDesc.xml ") {
        response("200 OK", "Content-Type: text/xml\r\n", IGD_DESCRIPTION)
    } else if line.starts_with("POST /login.cgi ") {
        let ok = form_value(&body, "token").as_deref() == Some("f00d")
            && form_value(&body, "username").as_deref() == Some("admin")
            && form_value(&body, "password").as_deref() == Some("admin");
        if ok {
            response("302 Found", "Location: /status.html\r\nSet-Cookie: sid=9a8b7c; HttpOnly\r\n", "")
        } else {
            response("200 OK", "", &LOGIN_PAGE.replace("<form", "<p>Invalid user name or password</p><form"))
        }
    } else if line.starts_with("GET / ") {
        response("200 OK", "Content-Type: text/html\r\n", LOGIN_PAGE)
    } else {
        response("404 Not Found", "", "")
    };
    s.write_all(resp.as_bytes()).await
}

fn md5_hex(s: &str) -> String {
    md5::Md5::digest(s.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The parameters of an `Authorization: Digest ...` value.
fn digest_params(value: &str) -> Option<Vec<(String, String)>> {
    let rest = value.strip_prefix("Digest ")?;
    let mut out = Vec::new();
    let mut chars = rest.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ' ' || *c == ',') {
            chars.next();
        }
        let key: String = chars.by_ref().take_while(|c| *c != '=').collect();
        if key.is_empty() {
            break;
        }
        let mut val = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => val.extend(chars.next()),
                    '"' => break,
                    c => val.push(c),
                }
            }
        } else {
            while let Some(c) = chars.peek().copied() {
                if c == ',' {
                    break;
                }
                val.push(c);
                chars.next();
            }
        }
        out.push((key.trim().to_string(), val.trim().to_string()));
    }
    Some(out)
}

/// Whether a digest `Authorization` value proves admin:admin for `method` (RFC 7616 with MD5).
fn digest_ok(value: Option<&str>, method: &str, realm: &str, nonce: &str) -> bool {
    let Some(p) = value.and_then(digest_params) else { return false };
    let get = |k: &str| p.iter().find(|x| x.0 == k).map(|x| x.1.as_str());
    if get("username") != Some("admin") || get("realm") != Some(realm) || get("nonce") != Some(nonce) {
        return false;
    }
    let (Some(uri), Some(response)) = (get("uri"), get("response")) else { return false };
    let ha1 = md5_hex(&format!("admin:{realm}:admin"));
    let ha2 = md5_hex(&format!("{method}:{uri}"));
    let expected = match (get("qop"), get("nc"), get("cnonce")) {
        (Some(qop), Some(nc), Some(cnonce)) => md5_hex(&format!("{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}")),
        _ => md5_hex(&format!("{ha1}:{nonce}:{ha2}")),
    };
    response == expected
}

/// The doorbell's web page behind digest authentication (qop=auth).
pub async fn http_digest(s: &mut TcpStream) -> std::io::Result<()> {
    const REALM: &str = "Doorbell";
    const NONCE: &str = "5f2c1b0a9e8d7c6b";
    let (head, _) = read_request(s).await?;
    let resp = if digest_ok(header(&head, "authorization"), "GET", REALM, NONCE) {
        response("200 OK", "", "<html><head><title>Doorbell</title></head><body>Live</body></html>")
    } else {
        response(
            "401 Unauthorized",
            &format!(
                "WWW-Authenticate: Digest realm=\"{REALM}\", qop=\"auth\", nonce=\"{NONCE}\", opaque=\"0a1b\", algorithm=MD5\r\n"
            ),
            "<html><head><title>401</title></head></html>",
        )
    };
    s.write_all(resp.as_bytes()).await
}

/// RTSP: OPTIONS and DESCRIBE, several requests on one connection. `digest`: DESCRIBE needs
/// admin:admin (digest, no qop), else the stream is open.
pub async fn rtsp(s: &mut TcpStream, digest: bool) -> std::io::Result<()> {
    const REALM: &str = "IP Camera";
    const NONCE: &str = "0c9d8e7f6a5b";
    for _ in 0..8 {
        let head = read_head(s).await?;
        if head.is_empty() {
            return Ok(());
        }
        let mut words = head.split_whitespace();
        let (method, _url) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        let cseq = header(&head, "cseq").unwrap_or("0").to_string();
        let resp = match method {
            "OPTIONS" => format!(
                "RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\nServer: fleet-rtspd/1.0\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n"
            ),
            "DESCRIBE" if digest && !digest_ok(header(&head, "authorization"), "DESCRIBE", REALM, NONCE) => {
                format!(
                    "RTSP/1.0 401 Unauthorized\r\nCSeq: {cseq}\r\nWWW-Authenticate: Digest realm=\"{REALM}\", nonce=\"{NONCE}\"\r\n\r\n"
                )
            }
            "DESCRIBE" => {
                let sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=Fleet Camera\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n";
                format!(
                    "RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\nContent-Type: application/sdp\r\nContent-Length: {}\r\n\r\n{sdp}",
                    sdp.len()
                )
            }
            _ => format!("RTSP/1.0 405 Method Not Allowed\r\nCSeq: {cseq}\r\n\r\n"),
        };
        s.write_all(resp.as_bytes()).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_is_checked() {
        // RFC 2617 §3.5's exchange, with this device's account instead of Mufasa's.
        let ha1 = md5_hex("admin:r:admin");
        let ha2 = md5_hex("GET:/");
        let good = md5_hex(&format!("{ha1}:n:00000001:c:auth:{ha2}"));
        let v = format!(
            "Digest username=\"admin\", realm=\"r\", nonce=\"n\", uri=\"/\", response=\"{good}\", qop=auth, nc=00000001, cnonce=\"c\""
        );
        assert!(digest_ok(Some(&v), "GET", "r", "n"));
        assert!(!digest_ok(Some(&v.replace(&good, "0")), "GET", "r", "n"));
        assert!(!digest_ok(Some(&v), "GET", "r", "other-nonce"));
        assert!(!digest_ok(None, "GET", "r", "n"));
    }
}

//! Protocol and banner parsers: pure functions over the bytes a device sent (no I/O), so they can
//! be fuzzed (`fuzz/fuzz_targets/scan_parsers.rs`). None of them panics on any input.

/// Telnet: interpret-as-command byte and the option verbs.
const IAC: u8 = 255;
const WILL: u8 = 251;
const WONT: u8 = 252;
const DO: u8 = 253;
const DONT: u8 = 254;
const SB: u8 = 250;
const SE: u8 = 240;

/// The text of a telnet stream without its option negotiation, and the refusals to send back
/// (WONT for every DO, DONT for every WILL): the scanner agrees to no option.
pub fn telnet_strip(bytes: &[u8]) -> (Vec<u8>, Vec<u8>, bool) {
    let mut text = Vec::with_capacity(bytes.len());
    let mut reply = Vec::new();
    let mut saw_iac = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b != IAC {
            text.push(b);
            i += 1;
            continue;
        }
        saw_iac = true;
        match bytes.get(i + 1).copied() {
            Some(IAC) => {
                text.push(IAC);
                i += 2;
            }
            Some(v @ (WILL | WONT | DO | DONT)) => {
                if let Some(&opt) = bytes.get(i + 2) {
                    match v {
                        DO => reply.extend_from_slice(&[IAC, WONT, opt]),
                        WILL => reply.extend_from_slice(&[IAC, DONT, opt]),
                        _ => {}
                    }
                }
                i += 3;
            }
            Some(SB) => {
                // Skip to IAC SE (or the end).
                let mut j = i + 2;
                while j + 1 < bytes.len() && !(bytes[j] == IAC && bytes[j + 1] == SE) {
                    j += 1;
                }
                i = j + 2;
            }
            Some(_) => i += 2,
            None => i += 1,
        }
    }
    (text, reply, saw_iac)
}

/// Where a telnet (or similar line-based) login conversation stands, from what the device sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// Asks for a user name.
    Login,
    /// Asks for a password.
    Password,
    /// Refused the credentials.
    Denied,
    /// A shell prompt: logged in.
    Shell,
    /// Nothing recognisable yet.
    None,
}

/// The state of a telnet login from the text received since the last thing the scanner sent.
pub fn telnet_prompt(bytes: &[u8]) -> Prompt {
    let (text, _, _) = telnet_strip(bytes);
    let lower = String::from_utf8_lossy(&text).to_lowercase();
    let trimmed = lower.trim_end_matches([' ', '\t', '\r', '\n', '\0']);
    if trimmed.is_empty() {
        return Prompt::None;
    }
    let denied = ["incorrect", "failed", "denied", "invalid", "bad password", "wrong"]
        .iter()
        .any(|w| lower.contains(w));
    if trimmed.ends_with("password:") || trimmed.ends_with("passwd:") {
        return if denied { Prompt::Denied } else { Prompt::Password };
    }
    if trimmed.ends_with("login:") || trimmed.ends_with("username:") || trimmed.ends_with("user:") {
        return if denied { Prompt::Denied } else { Prompt::Login };
    }
    if denied {
        return Prompt::Denied;
    }
    match trimmed.chars().last() {
        Some('#' | '$' | '>' | '%') => Prompt::Shell,
        _ => Prompt::None,
    }
}

/// What a first look at a service's greeting says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Greeting {
    Ssh,
    Ftp,
    Telnet,
    Http,
    /// Bytes that match no protocol the scanner knows.
    Unknown,
}

/// Classifies the bytes a service sent before the scanner said anything.
pub fn classify_greeting(bytes: &[u8]) -> Greeting {
    if bytes.starts_with(b"SSH-") {
        return Greeting::Ssh;
    }
    if bytes.starts_with(b"HTTP/") {
        return Greeting::Http;
    }
    if ftp_reply(bytes).is_some_and(|(code, _)| code == 220) {
        return Greeting::Ftp;
    }
    // Telnet: a well-formed option negotiation first, or a login prompt.
    if bytes.len() >= 3 && bytes[0] == IAC && matches!(bytes[1], WILL | WONT | DO | DONT) {
        return Greeting::Telnet;
    }
    if matches!(telnet_prompt(bytes), Prompt::Login | Prompt::Password) {
        return Greeting::Telnet;
    }
    Greeting::Unknown
}

/// The last complete FTP reply (`NNN text` line): its code and text.
pub fn ftp_reply(bytes: &[u8]) -> Option<(u16, String)> {
    let text = String::from_utf8_lossy(bytes);
    let mut last = None;
    for line in text.split('\n') {
        if !text.contains('\n') {
            break;
        }
        let line = line.trim_end_matches('\r');
        let b = line.as_bytes();
        if b.len() >= 4 && b[..3].iter().all(u8::is_ascii_digit) && b[3] == b' ' {
            let code = line[..3].parse().ok()?;
            last = Some((code, line[4..].to_string()));
        }
    }
    last
}

/// The parts of an HTTP response the scanner uses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HttpResponse {
    pub status: u16,
    pub server: Option<String>,
    /// The authentication scheme asked for (`WWW-Authenticate`), lower case: `basic`, `digest`.
    pub auth_scheme: Option<String>,
    pub realm: Option<String>,
    pub title: Option<String>,
    /// The body has a password field (a login form).
    pub login_form: bool,
}

/// Parses an HTTP/1.x response head and whatever part of the body arrived.
pub fn parse_http(bytes: &[u8]) -> Option<HttpResponse> {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = match text.find("\r\n\r\n") {
        Some(i) => (&text[..i], &text[i + 4..]),
        None => (&text[..], ""),
    };
    let mut lines = head.split("\r\n");
    let status_line = lines.next()?;
    let mut parts = status_line.splitn(3, ' ');
    if !parts.next()?.starts_with("HTTP/1.") {
        return None;
    }
    let status: u16 = parts.next()?.parse().ok()?;
    if !(100..=599).contains(&status) {
        return None;
    }
    let mut r = HttpResponse { status, ..HttpResponse::default() };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "server" => r.server = Some(value.chars().take(200).collect()),
            "www-authenticate" => {
                let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
                r.auth_scheme = Some(scheme.to_ascii_lowercase());
                if let Some(i) = rest.to_ascii_lowercase().find("realm=") {
                    let v = rest[i + 6..].trim_start_matches('"');
                    r.realm = Some(v.split(['"', ',']).next().unwrap_or("").chars().take(200).collect());
                }
            }
            _ => {}
        }
    }
    let lower = body.to_ascii_lowercase();
    if let Some(start) = lower.find("<title")
        && let Some(gt) = lower[start..].find('>')
    {
        let from = start + gt + 1;
        let end = lower[from..].find("</title").map_or(body.len(), |e| from + e);
        if let Some(t) = body.get(from..end) {
            let t: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
            r.title = Some(t.chars().take(200).collect());
        }
    }
    r.login_form = lower.contains("type=\"password\"")
        || lower.contains("type='password'")
        || lower.contains("type=password");
    Some(r)
}

/// Whether the head of an HTTP response has arrived (the blank line after the headers).
pub fn http_head_complete(bytes: &[u8]) -> bool {
    bytes.windows(4).any(|w| w == b"\r\n\r\n")
}

/// MQTT 3.1.1 CONNECT, clean session, keep-alive 30 s, with optional user name and password.
pub fn mqtt_connect(client_id: &str, login: Option<(&str, &str)>) -> Vec<u8> {
    let mut var = Vec::new();
    var.extend_from_slice(&[0, 4]);
    var.extend_from_slice(b"MQTT");
    var.push(4);
    let mut flags = 0x02u8;
    if login.is_some() {
        flags |= 0xC0;
    }
    var.push(flags);
    var.extend_from_slice(&[0, 30]);
    push_str(&mut var, client_id);
    if let Some((u, p)) = login {
        push_str(&mut var, u);
        push_str(&mut var, p);
    }
    packet(0x10, &var)
}

/// MQTT SUBSCRIBE (QoS 0) to `topics`. The scanner never sends PUBLISH.
pub fn mqtt_subscribe(packet_id: u16, topics: &[&str]) -> Vec<u8> {
    let mut var = packet_id.to_be_bytes().to_vec();
    for t in topics {
        push_str(&mut var, t);
        var.push(0);
    }
    packet(0x82, &var)
}

/// MQTT DISCONNECT.
pub const MQTT_DISCONNECT: [u8; 2] = [0xE0, 0];

fn push_str(out: &mut Vec<u8>, s: &str) {
    let b = &s.as_bytes()[..s.len().min(u16::MAX as usize)];
    out.extend_from_slice(&(b.len() as u16).to_be_bytes());
    out.extend_from_slice(b);
}

fn packet(first: u8, var: &[u8]) -> Vec<u8> {
    let mut out = vec![first];
    let mut len = var.len();
    loop {
        let mut byte = (len % 128) as u8;
        len /= 128;
        if len > 0 {
            byte |= 0x80;
        }
        out.push(byte);
        if len == 0 {
            break;
        }
    }
    out.extend_from_slice(var);
    out
}

/// An MQTT packet from a broker, as far as the scanner cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MqttPacket {
    /// CONNACK with its return code (0 accepted, 4 bad user name or password, 5 not authorised).
    Connack(u8),
    Suback,
    /// PUBLISH: its topic (the payload is not kept).
    Publish(String),
    Other(u8),
}

/// The first complete MQTT packet in `bytes` and its length, or None when incomplete or malformed.
pub fn mqtt_packet(bytes: &[u8]) -> Option<(MqttPacket, usize)> {
    let first = *bytes.first()?;
    let mut len: usize = 0;
    let mut mult: usize = 1;
    let mut i = 1;
    loop {
        let b = *bytes.get(i)?;
        len += (b & 0x7F) as usize * mult;
        i += 1;
        if b & 0x80 == 0 {
            break;
        }
        mult *= 128;
        if i > 4 {
            return None;
        }
    }
    let end = i.checked_add(len)?;
    let body = bytes.get(i..end)?;
    let p = match first >> 4 {
        2 if body.len() >= 2 => MqttPacket::Connack(body[1]),
        2 => return None,
        9 => MqttPacket::Suback,
        3 => {
            let n = u16::from_be_bytes([*body.first()?, *body.get(1)?]) as usize;
            let topic = body.get(2..2 + n)?;
            MqttPacket::Publish(String::from_utf8_lossy(topic).into_owned())
        }
        t => MqttPacket::Other(t),
    };
    Some((p, end))
}

/// A TLS ClientHello offering only `version` (0x0301 TLS 1.0, 0x0302 TLS 1.1), with common
/// RSA and ECDHE CBC suites of that era, for detecting whether a server still accepts it.
pub fn legacy_client_hello(version: u16, random: [u8; 32]) -> Vec<u8> {
    let suites: [u16; 8] = [0xC013, 0xC014, 0xC009, 0xC00A, 0x002F, 0x0035, 0x000A, 0x00FF];
    let mut hello = Vec::new();
    hello.extend_from_slice(&version.to_be_bytes());
    hello.extend_from_slice(&random);
    hello.push(0); // session id
    hello.extend_from_slice(&((suites.len() * 2) as u16).to_be_bytes());
    for s in suites {
        hello.extend_from_slice(&s.to_be_bytes());
    }
    hello.extend_from_slice(&[1, 0]); // compression: null
    // Extensions: supported groups (secp256r1, secp384r1), EC point formats (uncompressed).
    let ext: [u8; 16] =
        [0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x17, 0x00, 0x18, 0x00, 0x0b, 0x00, 0x02, 0x01, 0x00];
    hello.extend_from_slice(&(ext.len() as u16).to_be_bytes());
    hello.extend_from_slice(&ext);
    let mut hs = vec![1];
    let n = hello.len() as u32;
    hs.extend_from_slice(&n.to_be_bytes()[1..]);
    hs.extend_from_slice(&hello);
    let mut rec = vec![22, 0x03, 0x01];
    rec.extend_from_slice(&(hs.len() as u16).to_be_bytes());
    rec.extend_from_slice(&hs);
    rec
}

/// What a server answered to a ClientHello.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsReply {
    /// A ServerHello choosing this version.
    ServerHello(u16),
    /// A TLS alert (the version or suites were refused).
    Alert,
    /// Not enough bytes yet.
    Incomplete,
    /// Not TLS.
    NotTls,
}

/// Reads the server's first TLS record.
pub fn tls_reply(bytes: &[u8]) -> TlsReply {
    if bytes.len() < 5 {
        return if bytes.is_empty() || matches!(bytes[0], 21 | 22) {
            TlsReply::Incomplete
        } else {
            TlsReply::NotTls
        };
    }
    if bytes[1] != 3 {
        return TlsReply::NotTls;
    }
    match bytes[0] {
        21 => TlsReply::Alert,
        22 => {
            // handshake header (type 2 = ServerHello, 3-byte length), then the version
            if bytes.len() < 11 {
                return TlsReply::Incomplete;
            }
            if bytes[5] != 2 {
                return TlsReply::NotTls;
            }
            TlsReply::ServerHello(u16::from_be_bytes([bytes[9], bytes[10]]))
        }
        _ => TlsReply::NotTls,
    }
}

/// Proof bytes as text a person and a JSON file can carry: printable ASCII kept, the rest
/// escaped (`\xNN`, `\r`, `\n`), cut at `max` bytes of input with `…` when truncated.
pub fn proof(bytes: &[u8], max: usize) -> String {
    let mut s = String::new();
    for &b in bytes.iter().take(max) {
        match b {
            b'\r' => s.push_str("\\r"),
            b'\n' => s.push_str("\\n"),
            b'\\' => s.push_str("\\\\"),
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("\\x{b:02x}")),
        }
    }
    if bytes.len() > max {
        s.push('…');
    }
    s
}

/// The body of a complete HTTP/1.x response: `Content-Length` bytes after the head, the
/// chunks of a chunked one joined, or everything after the head when neither is given (the
/// server closed). `None` when the head is incomplete, a length is malformed or the body is
/// shorter than announced.
pub fn http_body(bytes: &[u8]) -> Option<Vec<u8>> {
    body(bytes).map(|(b, _)| b)
}

/// Whether a response is complete by its own framing (`Content-Length` bytes or the last chunk
/// arrived): a reader can stop without waiting for the server to close.
pub fn http_complete(bytes: &[u8]) -> bool {
    body(bytes).is_some_and(|(_, framed)| framed)
}

/// The body, and whether the head framed it (a length or chunks) rather than the close.
fn body(bytes: &[u8]) -> Option<(Vec<u8>, bool)> {
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&bytes[..end]);
    let rest = &bytes[end + 4..];
    let mut length = None;
    let mut chunked = false;
    for line in head.split("\r\n").skip(1) {
        let Some((name, value)) = line.split_once(':') else { continue };
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = Some(value.trim().parse::<usize>().ok()?),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            _ => {}
        }
    }
    if chunked {
        let mut out = Vec::new();
        let mut at = rest;
        loop {
            let eol = at.windows(2).position(|w| w == b"\r\n")?;
            let size_text = std::str::from_utf8(&at[..eol]).ok()?;
            let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
            at = &at[eol + 2..];
            if size == 0 {
                return Some((out, true));
            }
            if at.len() < size.saturating_add(2) {
                return None;
            }
            out.extend_from_slice(&at[..size]);
            at = &at[size + 2..];
        }
    }
    match length {
        Some(n) => rest.get(..n).map(|b| (b.to_vec(), true)),
        None => Some((rest.to_vec(), false)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telnet_negotiation_is_refused_and_stripped() {
        let (text, reply, iac) =
            telnet_strip(&[IAC, DO, 1, IAC, WILL, 3, b'l', b'o', b'g', b'i', b'n', b':', b' ']);
        assert_eq!(text, b"login: ");
        assert_eq!(reply, vec![IAC, WONT, 1, IAC, DONT, 3]);
        assert!(iac);
        assert_eq!(classify_greeting(&[IAC, DO, 1]), Greeting::Telnet);
    }

    #[test]
    fn telnet_prompts() {
        assert_eq!(telnet_prompt(b"\r\nDVR login: "), Prompt::Login);
        assert_eq!(telnet_prompt(b"Password: "), Prompt::Password);
        assert_eq!(telnet_prompt(b"\r\nLogin incorrect\r\nlogin: "), Prompt::Denied);
        assert_eq!(telnet_prompt(b"\r\nBusyBox v1.1\r\n# "), Prompt::Shell);
        assert_eq!(telnet_prompt(b"Welcome"), Prompt::None);
    }

    #[test]
    fn greetings() {
        assert_eq!(classify_greeting(b"SSH-2.0-dropbear\r\n"), Greeting::Ssh);
        assert_eq!(classify_greeting(b"220 ProFTPD ready\r\n"), Greeting::Ftp);
        assert_eq!(classify_greeting(b"220 incomplete"), Greeting::Unknown);
        assert_eq!(classify_greeting(b"\x16\x03\x01garbage"), Greeting::Unknown);
    }

    #[test]
    fn http_fields() {
        let r = parse_http(
            b"HTTP/1.1 401 Unauthorized\r\nServer: GoAhead-Webs\r\nWWW-Authenticate: Basic realm=\"Router\"\r\n\r\n<html><title> Router  Login</title><input type=\"password\">",
        )
        .expect("parses");
        assert_eq!(r.status, 401);
        assert_eq!(r.server.as_deref(), Some("GoAhead-Webs"));
        assert_eq!(r.auth_scheme.as_deref(), Some("basic"));
        assert_eq!(r.realm.as_deref(), Some("Router"));
        assert_eq!(r.title.as_deref(), Some("Router Login"));
        assert!(r.login_form);
        assert!(parse_http(b"SSH-2.0-x").is_none());
        assert!(parse_http(b"HTTP/1.1 999 x\r\n").is_none());
    }

    #[test]
    fn mqtt_round_trip() {
        let c = mqtt_connect("scan", Some(("u", "p")));
        assert_eq!(c[0], 0x10);
        assert_eq!(c[1] as usize, c.len() - 2);
        assert_eq!(mqtt_packet(&[0x20, 2, 0, 5]), Some((MqttPacket::Connack(5), 4)));
        let mut publish = vec![0x30, 7, 0, 3];
        publish.extend_from_slice(b"a/bxy");
        assert_eq!(mqtt_packet(&publish), Some((MqttPacket::Publish("a/b".into()), 9)));
        assert_eq!(mqtt_packet(&[0x30, 0xff, 0xff, 0xff, 0xff, 0xff]), None);
        assert_eq!(mqtt_packet(&[0x20, 2, 0]), None);
    }

    #[test]
    fn tls_replies() {
        let hello = legacy_client_hello(0x0301, [7; 32]);
        assert_eq!(hello[0], 22);
        assert_eq!(u16::from_be_bytes([hello[3], hello[4]]) as usize, hello.len() - 5);
        assert_eq!(tls_reply(&[22, 3, 1, 0, 50, 2, 0, 0, 46, 3, 1]), TlsReply::ServerHello(0x0301));
        assert_eq!(tls_reply(&[21, 3, 3, 0, 2, 2, 70]), TlsReply::Alert);
        assert_eq!(tls_reply(b"HTTP/1.1 400"), TlsReply::NotTls);
        assert_eq!(tls_reply(&[22, 3]), TlsReply::Incomplete);
    }

    #[test]
    fn proof_is_escaped_and_cut() {
        assert_eq!(proof(b"ab\r\n\xff", 10), "ab\\r\\n\\xff");
        assert_eq!(proof(b"abcdef", 3), "abc…");
    }

    #[test]
    fn http_bodies_by_length_by_chunks_and_by_close() {
        let by_len = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello, and more";
        assert_eq!(http_body(by_len).as_deref(), Some(&b"hello"[..]));
        assert!(http_complete(by_len));
        let short = b"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nhello";
        assert_eq!(http_body(short), None);
        assert!(!http_complete(short));
        let chunked =
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1;x=y\r\n!\r\n0\r\n\r\n";
        assert_eq!(http_body(chunked).as_deref(), Some(&b"hello!"[..]));
        assert!(http_complete(chunked));
        let open_chunks = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n";
        assert_eq!(http_body(open_chunks), None);
        let by_close = b"HTTP/1.0 200 OK\r\n\r\nuntil close";
        assert_eq!(http_body(by_close).as_deref(), Some(&b"until close"[..]));
        assert!(!http_complete(by_close));
        assert_eq!(http_body(b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n"), None);
        assert_eq!(http_body(b"HTTP/1.1 200 OK\r\nContent-Le"), None);
        let bad_chunk = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
        assert_eq!(http_body(bad_chunk), None);
        let huge_chunk = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nab";
        assert_eq!(http_body(huge_chunk), None);
    }
}

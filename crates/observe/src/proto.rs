//! Application protocols read from payloads: TLS handshakes (SNI, cipher suites, certificate
//! names), DHCP, HTTP requests, and the clear-text logins of FTP, telnet and MQTT. Each reader
//! takes bytes and returns facts or `None`; none of them panics on any input.

/// TLS facts from one direction of a connection's first bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsFacts {
    /// A ClientHello was seen.
    pub client_hello: bool,
    pub sni: Option<String>,
    /// Every offered suite is a pre-shared-key suite.
    pub offers_only_psk: bool,
    /// A ServerHello was seen, with its chosen suite.
    pub server_suite: Option<u16>,
    /// The ServerHello negotiated TLS 1.3 (certificates are then encrypted).
    pub tls13: bool,
    /// Names from the server's Certificate (subject CN and DNS SANs of the first certificate).
    pub cert_names: Vec<String>,
    /// A Certificate message was seen.
    pub certificate: bool,
    /// Nothing more to learn from this direction.
    pub done: bool,
}

/// Whether a cipher suite authenticates with a pre-shared key (RFC 4279, 5487, 5489, 8442 ...).
pub fn is_psk_suite(s: u16) -> bool {
    matches!(s, 0x008a..=0x0095 | 0x00a8..=0x00b9 | 0xc033..=0xc03b | 0xc064..=0xc06b | 0xc08e..=0xc095
        | 0xc0a4..=0xc0ab | 0xc0b0..=0xc0b1 | 0xccab..=0xccae | 0xd001..=0xd005 | 0x002c..=0x002e)
}

/// Whether `first` looks like the start of any TLS record (change cipher spec, alert,
/// handshake, application data), as when a capture starts mid-connection.
pub fn looks_like_tls_record(first: &[u8]) -> bool {
    first.len() >= 5 && (20..=23).contains(&first[0]) && first[1] == 3 && first[2] <= 4
}

/// Whether `first` looks like the start of a TLS handshake record.
pub fn looks_like_tls(first: &[u8]) -> bool {
    first.len() >= 3 && first[0] == 22 && first[1] == 3 && first[2] <= 4
}

struct Cur<'a>(&'a [u8]);

impl<'a> Cur<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|b| u16::from_be_bytes([b[0], b[1]]))
    }
    fn u24(&mut self) -> Option<usize> {
        self.take(3).map(|b| (usize::from(b[0]) << 16) | (usize::from(b[1]) << 8) | usize::from(b[2]))
    }
    fn vec8(&mut self) -> Option<&'a [u8]> {
        let n = self.u8()?;
        self.take(usize::from(n))
    }
    fn vec16(&mut self) -> Option<&'a [u8]> {
        let n = self.u16()?;
        self.take(usize::from(n))
    }
    fn vec24(&mut self) -> Option<&'a [u8]> {
        let n = self.u24()?;
        self.take(n)
    }
}

/// Reads the handshake messages in `stream` (the first bytes of one direction, records and
/// all) into `facts`. Incomplete data leaves `facts` as far as it got; call again with more.
pub fn read_tls(stream: &[u8], facts: &mut TlsFacts) {
    // Handshake bytes, records' headers removed, until a non-handshake record.
    let mut hs = Vec::new();
    let mut c = Cur(stream);
    let mut ended = false;
    while let Some(h) = c.take(5) {
        let len = usize::from(u16::from_be_bytes([h[3], h[4]]));
        if h[0] != 22 {
            ended = true;
            break;
        }
        match c.take(len) {
            Some(body) => hs.extend_from_slice(body),
            None => {
                hs.extend_from_slice(c.0);
                break;
            }
        }
    }
    let mut m = Cur(&hs);
    while let (Some(ty), Some(len)) = (m.u8(), m.u24()) {
        let Some(body) = m.take(len) else {
            // A message still arriving (typically a long Certificate).
            return;
        };
        match ty {
            1 => client_hello(body, facts),
            2 => {
                server_hello(body, facts);
                if facts.tls13 {
                    facts.done = true;
                }
            }
            11 => {
                facts.certificate = true;
                certificate(body, facts);
                facts.done = true;
            }
            // ServerHelloDone, ServerKeyExchange after which no certificate comes (PSK).
            14 => facts.done = true,
            _ => {}
        }
        if facts.client_hello && !facts.done && ty == 1 {
            facts.done = true;
        }
    }
    if ended {
        facts.done = true;
    }
}

fn client_hello(body: &[u8], f: &mut TlsFacts) {
    f.client_hello = true;
    let mut c = Cur(body);
    let _ = c.take(2 + 32);
    let _ = c.vec8();
    let Some(suites) = c.vec16() else { return };
    let suites: Vec<u16> = suites.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]])).collect();
    // 0x00ff (renegotiation SCSV) and GREASE values are not real suites.
    let real: Vec<u16> = suites.iter().copied().filter(|&s| s != 0x00ff && s & 0x0f0f != 0x0a0a).collect();
    f.offers_only_psk = !real.is_empty() && real.iter().all(|&s| is_psk_suite(s));
    let _ = c.vec8();
    let Some(exts) = c.vec16() else { return };
    let mut e = Cur(exts);
    while let (Some(ty), Some(data)) = (e.u16(), e.vec16()) {
        if ty == 0 {
            let mut s = Cur(data);
            let Some(list) = s.vec16() else { continue };
            let mut l = Cur(list);
            while let (Some(kind), Some(name)) = (l.u8(), l.vec16()) {
                if kind == 0
                    && let Ok(n) = std::str::from_utf8(name)
                    && is_host_name(n)
                {
                    f.sni = Some(n.to_ascii_lowercase());
                }
            }
        }
    }
}

fn server_hello(body: &[u8], f: &mut TlsFacts) {
    let mut c = Cur(body);
    let _ = c.take(2 + 32);
    let _ = c.vec8();
    let Some(suite) = c.u16() else { return };
    f.server_suite = Some(suite);
    let _ = c.u8();
    let Some(exts) = c.vec16() else { return };
    let mut e = Cur(exts);
    while let (Some(ty), Some(data)) = (e.u16(), e.vec16()) {
        if ty == 43 && data == [3, 4] {
            f.tls13 = true;
        }
    }
}

fn certificate(body: &[u8], f: &mut TlsFacts) {
    let mut c = Cur(body);
    let Some(list) = c.vec24() else { return };
    let mut l = Cur(list);
    if let Some(der) = l.vec24() {
        f.cert_names = crate::cert::names(der);
    }
}

/// A plausible DNS host name (letters, digits, hyphens, dots, an optional leading `*.`).
pub fn is_host_name(s: &str) -> bool {
    let s = s.strip_prefix("*.").unwrap_or(s);
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
        && s.parse::<core::net::IpAddr>().is_err()
}

/// What a DHCP message says about its client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dhcp {
    /// 1 DISCOVER, 2 OFFER, 3 REQUEST, 5 ACK, ...
    pub message_type: u8,
    pub client_mac: [u8; 6],
    /// The address given (OFFER, ACK) or asked for (option 50).
    pub address: Option<core::net::Ipv4Addr>,
    pub hostname: Option<String>,
    pub vendor_class: Option<String>,
    pub mud_url: Option<String>,
}

/// Reads a DHCPv4 message (a BOOTP payload with the magic cookie).
pub fn read_dhcp(p: &[u8]) -> Option<Dhcp> {
    if p.len() < 240 || p[236..240] != [99, 130, 83, 99] || p[1] != 1 || p[2] != 6 {
        return None;
    }
    let mut d = Dhcp { client_mac: p[28..34].try_into().ok()?, ..Dhcp::default() };
    let yiaddr = core::net::Ipv4Addr::new(p[16], p[17], p[18], p[19]);
    let text = |v: &[u8]| -> Option<String> {
        let s = String::from_utf8_lossy(v).trim_end_matches('\0').to_string();
        (!s.is_empty() && !s.chars().any(char::is_control)).then_some(s)
    };
    let mut i = 240;
    while i < p.len() {
        let code = p[i];
        if code == 255 {
            break;
        }
        if code == 0 {
            i += 1;
            continue;
        }
        let len = usize::from(*p.get(i + 1)?);
        let v = p.get(i + 2..i + 2 + len)?;
        match code {
            53 => d.message_type = v.first().copied().unwrap_or(0),
            12 => d.hostname = text(v),
            60 => d.vendor_class = text(v),
            161 => d.mud_url = text(v),
            50 if len == 4 => d.address = Some(core::net::Ipv4Addr::new(v[0], v[1], v[2], v[3])),
            _ => {}
        }
        i += 2 + len;
    }
    if matches!(d.message_type, 2 | 5) && !yiaddr.is_unspecified() {
        d.address = Some(yiaddr);
    }
    Some(d)
}

/// An HTTP request's facts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: String,
    pub host: Option<String>,
    /// The scheme of an `Authorization` header sent in clear (`Basic`, `Bearer`, `Digest`, ...).
    pub authorization: Option<String>,
    /// A credential-like parameter in the request target (`password=`, `token=`, ...).
    pub secret_in_url: Option<String>,
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "HEAD", "DELETE", "PATCH", "OPTIONS", "CONNECT"];
const SECRET_PARAMS: &[&str] = &["password", "passwd", "pwd", "pass", "token", "apikey", "api_key", "secret"];

/// Reads an HTTP/1 request head at the start of a payload.
pub fn read_http(p: &[u8]) -> Option<HttpRequest> {
    let sp = p.iter().take(8).position(|&b| b == b' ')?;
    let method = std::str::from_utf8(&p[..sp]).ok()?;
    if !METHODS.contains(&method) {
        return None;
    }
    let head_end = p.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(p.len());
    let head = String::from_utf8_lossy(&p[..head_end]);
    let mut lines = head.split("\r\n");
    let first = lines.next()?;
    if !first.contains(" HTTP/") {
        return None;
    }
    let mut r = HttpRequest { method: method.into(), ..HttpRequest::default() };
    let target = first.split(' ').nth(1).unwrap_or("");
    if let Some(q) = target.split_once('?').map(|x| x.1) {
        for kv in q.split('&') {
            let k = kv.split('=').next().unwrap_or("").to_ascii_lowercase();
            if SECRET_PARAMS.contains(&k.as_str()) {
                r.secret_in_url = Some(k);
                break;
            }
        }
    }
    for l in lines {
        let Some((k, v)) = l.split_once(':') else { continue };
        let v = v.trim();
        if k.eq_ignore_ascii_case("host") {
            let h = v
                .rsplit_once(':')
                .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
                .map_or(v, |x| x.0);
            if is_host_name(h) {
                r.host = Some(h.to_ascii_lowercase());
            }
        } else if k.eq_ignore_ascii_case("authorization") || k.eq_ignore_ascii_case("proxy-authorization") {
            r.authorization = Some(v.split(' ').next().unwrap_or("").to_string());
        }
    }
    Some(r)
}

/// An FTP command that carries a login (`USER` or `PASS`).
pub fn ftp_login(p: &[u8]) -> Option<&'static str> {
    let up: Vec<u8> = p.iter().take(5).map(u8::to_ascii_uppercase).collect();
    match up.as_slice() {
        b"USER " => Some("USER"),
        b"PASS " => Some("PASS"),
        _ => None,
    }
}

/// An MQTT CONNECT packet's credential flags: (user name, password).
pub fn mqtt_connect(p: &[u8]) -> Option<(bool, bool)> {
    if p.first()? >> 4 != 1 {
        return None;
    }
    let mut i = 1;
    let mut shift = 0;
    loop {
        let b = *p.get(i)?;
        i += 1;
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
        if shift > 21 {
            return None;
        }
    }
    let mut c = Cur(p.get(i..)?);
    let name = c.vec16()?;
    if name != b"MQTT" && name != b"MQIsdp" {
        return None;
    }
    let _level = c.u8()?;
    let flags = c.u8()?;
    Some((flags & 0x80 != 0, flags & 0x40 != 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn psk_suites_are_known() {
        assert!(is_psk_suite(0x00ae));
        assert!(is_psk_suite(0xc0a5));
        assert!(!is_psk_suite(0xc02f));
        assert!(!is_psk_suite(0x1301));
    }

    #[test]
    fn http_basic_auth_and_host() {
        let r = read_http(
            b"GET /cfg?password=x HTTP/1.1\r\nHost: cam.example:8080\r\nAuthorization: Basic YTpi\r\n\r\n",
        )
        .expect("a request");
        assert_eq!(r.host.as_deref(), Some("cam.example"));
        assert_eq!(r.authorization.as_deref(), Some("Basic"));
        assert_eq!(r.secret_in_url.as_deref(), Some("password"));
        assert!(read_http(b"HTTP/1.1 200 OK\r\n\r\n").is_none());
    }

    #[test]
    fn mqtt_connect_flags() {
        // CONNECT, remaining length, "MQTT", level 4, flags user+password.
        let p = [0x10, 12, 0, 4, b'M', b'Q', b'T', b'T', 4, 0xc2, 0, 60, 0, 0];
        assert_eq!(mqtt_connect(&p), Some((true, true)));
        assert_eq!(mqtt_connect(&[0x30, 1, 2]), None);
    }

    #[test]
    fn host_names() {
        assert!(is_host_name("a1.tuyaeu.com"));
        assert!(is_host_name("*.tuyaeu.com"));
        assert!(!is_host_name("10.0.0.1"));
        assert!(!is_host_name("bad name"));
    }
}

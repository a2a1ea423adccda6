//! SSH checks. Pure parts (fuzzed): the server's identification string ([`parse_ident`]), its
//! KEXINIT packet ([`parse_kexinit`]) and the weak-algorithm table (`data/ssh-weak-algorithms.tsv`,
//! [`weak_algorithms`]). Network part: the KEXINIT is read over a raw connection (it is sent in
//! clear before any key exchange); the authentication methods (asked with the `none` method, RFC
//! 4252 section 5.2) and password logins need a key exchange and use `russh`. Every connection has
//! the engine's deadline and byte cap.

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::engine::{NetError, Scanner};
use crate::report::{Finding, HostReport, Service};

/// The identification string the scanner sends (RFC 4253 section 4.2).
pub const CLIENT_ID: &str = "SSH-2.0-iotlabel_scan";

/// The weak-algorithm table.
pub const WEAK_TABLE: &str = include_str!("../data/ssh-weak-algorithms.tsv");

/// The largest packet RFC 4253 section 6.1 requires an implementation to accept.
const MAX_PACKET: usize = 35_000;

/// An identification line is at most 255 bytes with its CR LF (RFC 4253 section 4.2).
const MAX_IDENT_LINE: usize = 255;

/// What an SSH server says about itself, and what it offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SshInfo {
    /// The protocol version of its identification string (`2.0`, `1.99`).
    pub protocol: String,
    /// Its software version, e.g. `OpenSSH_9.2p1`.
    pub software: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
    /// Key exchange algorithms offered, in the server's order.
    pub kex: Vec<String>,
    pub host_key: Vec<String>,
    /// Ciphers offered in either direction.
    pub ciphers: Vec<String>,
    /// MACs offered in either direction.
    pub macs: Vec<String>,
    /// Authentication methods the server lists after a `none` request; absent when the key
    /// exchange could not be completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_methods: Option<Vec<String>>,
}

/// An SSH identification string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    pub protocol: String,
    pub software: String,
    pub comments: Option<String>,
}

/// Why bytes from a server are not SSH.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("byte {offset}: {what}")]
pub struct SshParseError {
    /// Where in the server's bytes.
    pub offset: usize,
    pub what: String,
}

fn err<T>(offset: usize, what: impl Into<String>) -> Result<T, SshParseError> {
    Err(SshParseError { offset, what: what.into() })
}

/// The identification line: `Ok(None)` while incomplete, else the identification and the
/// number of bytes it used (lines before it, which RFC 4253 allows, included).
pub fn parse_ident(bytes: &[u8]) -> Result<Option<(Ident, usize)>, SshParseError> {
    let mut start = 0;
    loop {
        let rest = &bytes[start..];
        let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
            if rest.len() > MAX_IDENT_LINE {
                return err(
                    start,
                    format!("a line longer than {MAX_IDENT_LINE} bytes before the identification"),
                );
            }
            return Ok(None);
        };
        if nl + 1 > MAX_IDENT_LINE {
            return err(
                start,
                format!("a line longer than {MAX_IDENT_LINE} bytes before the identification"),
            );
        }
        let line = &rest[..nl];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if let Some(id) = line.strip_prefix(b"SSH-") {
            if let Some(bad) = id.iter().position(|b| !(0x20..=0x7e).contains(b)) {
                return err(start + 4 + bad, "a byte that is not printable ASCII in the identification");
            }
            // Checked above: printable ASCII.
            let id = String::from_utf8_lossy(id);
            let (version, comments) = match id.split_once(' ') {
                Some((v, c)) => (v, Some(c.to_string())),
                None => (&*id, None),
            };
            let Some((protocol, software)) = version.split_once('-') else {
                return err(start, "expected SSH-protoversion-softwareversion");
            };
            if protocol.is_empty() || software.is_empty() {
                return err(start, "expected SSH-protoversion-softwareversion");
            }
            let ident = Ident { protocol: protocol.into(), software: software.into(), comments };
            return Ok(Some((ident, start + nl + 1)));
        }
        start += nl + 1;
    }
}

/// A server's SSH_MSG_KEXINIT (RFC 4253 section 7.1).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KexInit {
    pub kex: Vec<String>,
    pub host_key: Vec<String>,
    pub ciphers_c2s: Vec<String>,
    pub ciphers_s2c: Vec<String>,
    pub macs_c2s: Vec<String>,
    pub macs_s2c: Vec<String>,
    pub compression_c2s: Vec<String>,
    pub compression_s2c: Vec<String>,
    pub first_kex_follows: bool,
}

/// The first binary packet, which must be a KEXINIT: `Ok(None)` while incomplete, else the
/// message and the packet's length.
pub fn parse_kexinit(bytes: &[u8]) -> Result<Option<(KexInit, usize)>, SshParseError> {
    if bytes.len() < 5 {
        return Ok(None);
    }
    let len = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
    if len > MAX_PACKET {
        return err(0, format!("packet length {len} over {MAX_PACKET} (RFC 4253 section 6.1)"));
    }
    if bytes.len() < 4 + len {
        return Ok(None);
    }
    let pad = bytes[4] as usize;
    if len < pad + 1 + 17 {
        return err(
            4,
            format!("packet length {len} leaves no room for a KEXINIT with {pad} bytes of padding"),
        );
    }
    let payload = &bytes[5..4 + len - pad];
    if payload[0] != 20 {
        return err(5, format!("expected SSH_MSG_KEXINIT (20), found message {}", payload[0]));
    }
    let mut at = 17; // message number and cookie
    let mut lists: Vec<Vec<String>> = Vec::with_capacity(10);
    for field in 0..10 {
        let Some(n) = payload.get(at..at + 4) else {
            return err(5 + at, format!("name-list {} cut short", field + 1));
        };
        let n = u32::from_be_bytes([n[0], n[1], n[2], n[3]]) as usize;
        at += 4;
        let Some(text) = payload.get(at..at.saturating_add(n)) else {
            return err(5 + at, format!("name-list {} of {n} bytes runs past the packet", field + 1));
        };
        if let Some(bad) = text.iter().position(|b| !(0x21..=0x7e).contains(b)) {
            return err(5 + at + bad, "a byte that is not printable ASCII in a name-list");
        }
        let text = String::from_utf8_lossy(text);
        lists.push(if text.is_empty() { Vec::new() } else { text.split(',').map(str::to_string).collect() });
        at += n;
    }
    let Some(&follows) = payload.get(at) else {
        return err(5 + at, "first_kex_packet_follows missing");
    };
    let mut l = lists.into_iter();
    let mut next = || l.next().unwrap_or_default();
    let k = KexInit {
        kex: next(),
        host_key: next(),
        ciphers_c2s: next(),
        ciphers_s2c: next(),
        macs_c2s: next(),
        macs_s2c: next(),
        compression_c2s: next(),
        compression_s2c: next(),
        first_kex_follows: follows != 0,
    };
    Ok(Some((k, 4 + len)))
}

/// What a server sends first once the client has sent its identification: its identification
/// and its KEXINIT. `Ok(None)` while incomplete.
pub fn parse_server_hello(bytes: &[u8]) -> Result<Option<(Ident, KexInit)>, SshParseError> {
    let Some((ident, used)) = parse_ident(bytes)? else { return Ok(None) };
    if !(ident.protocol == "2.0" || ident.protocol == "1.99") {
        return err(0, format!("protocol version {:?}, expected 2.0 or 1.99", ident.protocol));
    }
    match parse_kexinit(&bytes[used..]) {
        Ok(Some((k, _))) => Ok(Some((ident, k))),
        Ok(None) => Ok(None),
        Err(e) => Err(SshParseError { offset: e.offset + used, what: e.what }),
    }
}

/// The kind of an algorithm in the weak-algorithm table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Kex,
    HostKey,
    Cipher,
    Mac,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Kex => "kex",
            Kind::HostKey => "hostkey",
            Kind::Cipher => "cipher",
            Kind::Mac => "mac",
        }
    }
}

/// One row of the weak-algorithm table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeakRule {
    pub kind: Kind,
    /// An exact name, or one with a `*` at its start or end.
    pub pattern: String,
    pub reason: String,
}

impl WeakRule {
    fn matches(&self, name: &str) -> bool {
        if let Some(suffix) = self.pattern.strip_prefix('*') {
            name.ends_with(suffix)
        } else if let Some(prefix) = self.pattern.strip_suffix('*') {
            name.starts_with(prefix)
        } else if let Some((a, b)) = self.pattern.split_once('*') {
            name.len() >= a.len() + b.len() && name.starts_with(a) && name.ends_with(b)
        } else {
            name == self.pattern
        }
    }
}

/// Reads the weak-algorithm table (`kind<TAB>pattern<TAB>reason`, `#` comments); errors name the line.
pub fn parse_weak_table(text: &str) -> Result<Vec<WeakRule>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let [kind, pattern, reason] = f[..] else {
            return Err(format!(
                "line {}: expected kind<TAB>pattern<TAB>reason, found {} column(s)",
                n + 1,
                f.len()
            ));
        };
        let kind = match kind {
            "kex" => Kind::Kex,
            "hostkey" => Kind::HostKey,
            "cipher" => Kind::Cipher,
            "mac" => Kind::Mac,
            other => {
                return Err(format!(
                    "line {}: unknown kind {other:?}, expected kex, hostkey, cipher or mac",
                    n + 1
                ));
            }
        };
        if pattern.is_empty() || pattern.matches('*').count() > 1 || reason.trim().is_empty() {
            return Err(format!(
                "line {}: expected a name with at most one `*` and a reason, found {pattern:?} {reason:?}",
                n + 1
            ));
        }
        out.push(WeakRule { kind, pattern: pattern.into(), reason: reason.trim().into() });
    }
    Ok(out)
}

/// The shipped table, parsed once (its test proves it parses).
pub fn weak_rules() -> &'static [WeakRule] {
    static RULES: OnceLock<Vec<WeakRule>> = OnceLock::new();
    RULES.get_or_init(|| parse_weak_table(WEAK_TABLE).unwrap_or_default())
}

/// A weak algorithm a server offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeakAlgorithm {
    pub kind: Kind,
    pub name: String,
    pub reason: String,
}

/// The offered algorithms the table calls weak (the first matching row gives the reason), in
/// table-kind order and the server's order within a kind.
pub fn weak_algorithms(info: &SshInfo, rules: &[WeakRule]) -> Vec<WeakAlgorithm> {
    let mut out = Vec::new();
    for (kind, names) in [
        (Kind::Kex, &info.kex),
        (Kind::HostKey, &info.host_key),
        (Kind::Cipher, &info.ciphers),
        (Kind::Mac, &info.macs),
    ] {
        for name in names {
            if let Some(r) = rules.iter().find(|r| r.kind == kind && r.matches(name)) {
                out.push(WeakAlgorithm { kind, name: name.clone(), reason: r.reason.clone() });
            }
        }
    }
    out
}

fn union(a: Vec<String>, b: Vec<String>) -> Vec<String> {
    let mut out = a;
    for x in b {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

impl SshInfo {
    pub fn new(ident: Ident, k: KexInit) -> SshInfo {
        SshInfo {
            protocol: ident.protocol,
            software: ident.software,
            comments: ident.comments,
            kex: k.kex,
            host_key: k.host_key,
            ciphers: union(k.ciphers_c2s, k.ciphers_s2c),
            macs: union(k.macs_c2s, k.macs_s2c),
            auth_methods: None,
        }
    }

    pub fn offers_password(&self) -> bool {
        self.auth_methods.as_ref().is_some_and(|m| m.iter().any(|m| m == "password"))
    }
}

// ---------------------------------------------------------------------------------------------
// The network side.

/// A stream that reads at most `left` bytes (then reports the end), so that a key exchange
/// driven by russh keeps the engine's byte cap.
struct Capped<S> {
    inner: S,
    left: usize,
}

impl<S: AsyncRead + Unpin> AsyncRead for Capped<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let want = buf.remaining().min(self.left).min(4096);
        if want == 0 {
            return Poll::Ready(Ok(()));
        }
        let mut tmp = [0u8; 4096];
        let mut sub = ReadBuf::new(&mut tmp[..want]);
        let me = &mut *self;
        match Pin::new(&mut me.inner).poll_read(cx, &mut sub) {
            Poll::Ready(Ok(())) => {
                let n = sub.filled().len();
                buf.put_slice(sub.filled());
                me.left -= n;
                Poll::Ready(Ok(()))
            }
            other => other,
        }
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Capped<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Accepts any host key: the scanner reads servers, it does not trust them.
struct ReadAnyKey;

impl russh::client::Handler for ReadAnyKey {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

fn russh_config() -> Arc<russh::client::Config> {
    static CONFIG: OnceLock<Arc<russh::client::Config>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            Arc::new(russh::client::Config {
                client_id: russh::SshId::Standard(CLIENT_ID.into()),
                nodelay: true,
                preferred: scanner_preferred(),
                ..Default::default()
            })
        })
        .clone()
}

/// russh's safe algorithms first, then the older ones it implements, so that the scanner can
/// still talk to (and test the passwords of) a device that offers nothing newer. Which side's
/// weak algorithms are offered is reported from the KEXINIT, not from this list.
fn scanner_preferred() -> russh::Preferred {
    use russh::{cipher, kex, mac};
    let d = russh::Preferred::default();
    let mut k = d.kex.to_vec();
    k.extend([
        kex::ECDH_SHA2_NISTP256,
        kex::ECDH_SHA2_NISTP384,
        kex::ECDH_SHA2_NISTP521,
        kex::DH_G14_SHA1,
        kex::DH_GEX_SHA1,
        kex::DH_G1_SHA1,
    ]);
    let mut c = d.cipher.to_vec();
    c.extend([cipher::AES_256_CBC, cipher::AES_192_CBC, cipher::AES_128_CBC]);
    let mut m = d.mac.to_vec();
    m.extend([mac::HMAC_SHA1_ETM, mac::HMAC_SHA1]);
    russh::Preferred { kex: k.into(), cipher: c.into(), mac: m.into(), ..d }
}

/// What to ask once the key exchange is done.
enum Ask<'a> {
    /// The `none` method: the server answers with the methods it accepts.
    None,
    Password(&'a str, &'a str),
}

/// A key exchange over a fresh connection (rate-limited, with the engine's deadline and cap),
/// then one authentication request.
async fn authenticate(
    s: &Scanner,
    addr: SocketAddr,
    ask: Ask<'_>,
) -> Result<russh::client::AuthResult, String> {
    let c = s.connect(addr).await.map_err(|_| "connection refused or timed out".to_string())?;
    let deadline = c.deadline;
    let stream = Capped { inner: c.s, left: c.left };
    let work = async {
        let mut h = russh::client::connect_stream(russh_config(), stream, ReadAnyKey)
            .await
            .map_err(|e| format!("key exchange failed: {e}"))?;
        let r = match ask {
            Ask::None => h.authenticate_none("iotlabel-scan").await,
            Ask::Password(user, pass) => h.authenticate_password(user, pass).await,
        }
        .map_err(|e| format!("authentication request failed: {e}"));
        let _ = h.disconnect(russh::Disconnect::ByApplication, "", "en").await;
        r
    };
    match tokio::time::timeout_at(deadline, work).await {
        Ok(r) => r,
        Err(_) => Err("no answer before the deadline".into()),
    }
}

/// Reads the server's identification and KEXINIT (raw), then its authentication methods (key
/// exchange, `none` request). Notes what could not be read.
pub(crate) async fn describe(s: &Scanner, addr: SocketAddr, host: &mut HostReport) -> Option<SshInfo> {
    let mut c = s.connect(addr).await.ok()?;
    if c.send(format!("{CLIENT_ID}\r\n").as_bytes()).await.is_err() {
        return None;
    }
    let raw = c.read_until(|b| !matches!(parse_server_hello(b), Ok(None))).await;
    drop(c);
    let mut info = match parse_server_hello(&raw) {
        Ok(Some((ident, k))) => SshInfo::new(ident, k),
        Ok(None) => {
            host.notes.push(format!("{addr}: SSH: the server's KEXINIT did not arrive whole"));
            return None;
        }
        Err(e) => {
            host.notes.push(format!("{addr}: SSH: not a valid server greeting: {e}"));
            return None;
        }
    };
    let none = authenticate(s, addr, Ask::None).await;
    match none {
        Ok(russh::client::AuthResult::Success) => info.auth_methods = Some(vec!["none".into()]),
        Ok(russh::client::AuthResult::Failure { remaining_methods, .. }) => {
            info.auth_methods = Some(remaining_methods.iter().map(String::from).collect());
        }
        Err(e) => host.notes.push(format!("{addr}: SSH: authentication methods not read: {e}")),
    }
    Some(info)
}

/// The SSH findings that need no login: weak algorithms, password authentication offered.
pub(crate) fn findings(s: &Scanner, addr: SocketAddr, svc: &Service) -> Vec<Finding> {
    let Some(info) = &svc.ssh else { return Vec::new() };
    let mut out = Vec::new();
    let weak = weak_algorithms(info, weak_rules());
    if !weak.is_empty() {
        let list: Vec<String> =
            weak.iter().map(|w| format!("{} {} ({})", w.kind.as_str(), w.name, w.reason)).collect();
        let proof: Vec<String> = weak.iter().map(|w| w.name.clone()).collect();
        out.push(s.finding(
            addr,
            "ssh.weak-algorithms",
            "SSH identification exchange, the server's KEXINIT read",
            format!("the server offers weak algorithms: {}", list.join("; ")),
            proof.join(",").as_bytes(),
        ));
    }
    if info.offers_password() {
        let methods = info.auth_methods.clone().unwrap_or_default().join(",");
        out.push(s.finding(
            addr,
            "ssh.password-auth",
            "SSH key exchange, then a `none` authentication request (RFC 4252 section 5.2)",
            format!("the server accepts password authentication (methods offered: {methods})"),
            methods.as_bytes(),
        ));
    }
    out
}

/// One password login: whether it was accepted, and what proves it.
pub(crate) async fn login(
    s: &Scanner,
    addr: SocketAddr,
    user: &str,
    pass: &str,
) -> Result<(bool, Vec<u8>), NetError> {
    let r = authenticate(s, addr, Ask::Password(user, pass)).await;
    match r {
        Ok(russh::client::AuthResult::Success) => {
            Ok((true, format!("SSH_MSG_USERAUTH_SUCCESS to password authentication as {user}").into_bytes()))
        }
        Ok(russh::client::AuthResult::Failure { .. }) => Ok((false, b"SSH_MSG_USERAUTH_FAILURE".to_vec())),
        Err(_) => Err(NetError::Io),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kexinit_packet(lists: [&str; 10]) -> Vec<u8> {
        let mut payload = vec![20u8];
        payload.extend_from_slice(&[7u8; 16]);
        for l in lists {
            payload.extend_from_slice(&(l.len() as u32).to_be_bytes());
            payload.extend_from_slice(l.as_bytes());
        }
        payload.push(0);
        payload.extend_from_slice(&[0, 0, 0, 0]);
        let pad = 4usize;
        let len = payload.len() + pad + 1;
        let mut p = (len as u32).to_be_bytes().to_vec();
        p.push(pad as u8);
        p.extend_from_slice(&payload);
        p.extend_from_slice(&[0; 4]);
        p
    }

    const LISTS: [&str; 10] = [
        "curve25519-sha256,diffie-hellman-group1-sha1",
        "ssh-ed25519,ssh-dss",
        "aes128-ctr,3des-cbc",
        "aes128-ctr,aes256-cbc",
        "hmac-sha2-256,hmac-md5",
        "hmac-sha2-256,hmac-sha1-96",
        "none",
        "none",
        "",
        "",
    ];

    #[test]
    fn ident_with_lines_before_and_comments() {
        let b = b"hello there\r\nSSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\nrest";
        let (id, used) = parse_ident(b).expect("valid").expect("complete");
        assert_eq!(id.protocol, "2.0");
        assert_eq!(id.software, "OpenSSH_9.2p1");
        assert_eq!(id.comments.as_deref(), Some("Debian-2+deb12u3"));
        assert_eq!(&b[used..], b"rest");
        assert_eq!(parse_ident(b"SSH-2.0-dropbear"), Ok(None));
        assert!(parse_ident(b"SSH-2.0\r\n").is_err());
        assert!(parse_ident(&[b'x'; 300]).unwrap_err().what.contains("255"));
        assert_eq!(parse_ident(b"SSH-2.0-a\x01b\r\n").unwrap_err().offset, 9);
    }

    #[test]
    fn kexinit_lists_and_errors() {
        let p = kexinit_packet(LISTS);
        let (k, used) = parse_kexinit(&p).expect("valid").expect("complete");
        assert_eq!(used, p.len());
        assert_eq!(k.kex, ["curve25519-sha256", "diffie-hellman-group1-sha1"]);
        assert_eq!(k.ciphers_s2c, ["aes128-ctr", "aes256-cbc"]);
        assert!(k.compression_c2s == ["none"] && !k.first_kex_follows);
        assert_eq!(parse_kexinit(&p[..p.len() - 1]), Ok(None));
        let mut wrong = p.clone();
        wrong[5] = 21;
        assert!(parse_kexinit(&wrong).unwrap_err().what.contains("KEXINIT (20)"));
        assert!(parse_kexinit(&[0, 1, 0, 0, 4]).unwrap_err().what.contains("35000"));
        // A name-list running past the packet.
        let mut long = p.clone();
        long[5 + 17 + 1] = 1;
        assert!(parse_kexinit(&long).unwrap_err().what.contains("name-list 1"));
    }

    #[test]
    fn weak_table_parses_and_finds_the_weak_ones() {
        let rules = parse_weak_table(WEAK_TABLE).expect("the shipped table parses");
        assert!(rules.len() >= 20);
        assert_eq!(weak_rules().len(), rules.len());
        let mut hello = b"SSH-2.0-Test_1\r\n".to_vec();
        hello.extend_from_slice(&kexinit_packet(LISTS));
        let (id, k) = parse_server_hello(&hello).expect("valid").expect("complete");
        let info = SshInfo::new(id, k);
        assert_eq!(info.ciphers, ["aes128-ctr", "3des-cbc", "aes256-cbc"]);
        let weak = weak_algorithms(&info, &rules);
        let names: Vec<&str> = weak.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(
            names,
            ["diffie-hellman-group1-sha1", "ssh-dss", "3des-cbc", "aes256-cbc", "hmac-md5", "hmac-sha1-96"]
        );
        // The first matching row gives the reason: 3des-cbc has its own, aes256-cbc the CBC one.
        assert!(weak[2].reason.contains("Sweet32"));
        assert!(weak[3].reason.contains("CBC"));
        assert!(parse_weak_table("kex\tx").unwrap_err().starts_with("line 1"));
        assert!(parse_weak_table("# c\nfoo\tx\ty").unwrap_err().contains("line 2: unknown kind"));
        assert!(parse_weak_table("mac\t*a*\ty").is_err());
        // SSH-1 servers are refused by name.
        let mut old = b"SSH-1.5-x\r\n".to_vec();
        old.extend_from_slice(&kexinit_packet(LISTS));
        assert!(parse_server_hello(&old).unwrap_err().what.contains("1.5"));
    }

    #[test]
    fn patterns() {
        let r = |p: &str| WeakRule { kind: Kind::Mac, pattern: p.into(), reason: "r".into() };
        assert!(r("arcfour*").matches("arcfour256") && !r("arcfour*").matches("aes"));
        assert!(r("*-cbc").matches("aes128-cbc") && !r("*-cbc").matches("aes128-ctr"));
        assert!(r("gss-gex-sha1-*").matches("gss-gex-sha1-abc") && !r("gss-gex-sha1-*").matches("gss-x"));
        assert!(r("hmac-md5").matches("hmac-md5") && !r("hmac-md5").matches("hmac-md5-96"));
    }

    /// A server that sends `first`, reads whatever comes and closes, for every connection.
    async fn serve(first: Vec<u8>) -> std::net::SocketAddr {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = l.local_addr().expect("address");
        tokio::spawn(async move {
            while let Ok((mut s, _)) = l.accept().await {
                let first = first.clone();
                tokio::spawn(async move {
                    use tokio::io::{AsyncReadExt, AsyncWriteExt};
                    let _ = s.write_all(&first).await;
                    let mut b = [0u8; 512];
                    let _ = tokio::time::timeout(std::time::Duration::from_millis(300), s.read(&mut b)).await;
                });
            }
        });
        addr
    }

    async fn scan(addr: std::net::SocketAddr) -> HostReport {
        let cfg = crate::Config {
            ports: vec![addr.port()],
            io_timeout: std::time::Duration::from_secs(2),
            ..crate::Config::default()
        };
        crate::Scanner::new(cfg).scan_host(addr.ip()).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_server_that_stops_after_kexinit_gives_its_algorithms_and_a_note() {
        let mut hello = b"SSH-2.0-Fake_1.0\r\n".to_vec();
        hello.extend_from_slice(&kexinit_packet(LISTS));
        let host = scan(serve(hello).await).await;
        let checks: Vec<&str> = host.findings.iter().map(|f| f.check.as_str()).collect();
        assert_eq!(checks, ["ssh.weak-algorithms"], "{host:#?}");
        let info = host.services[0].ssh.as_ref().expect("SSH facts");
        assert_eq!((info.software.as_str(), info.auth_methods.as_ref()), ("Fake_1.0", None));
        assert!(host.notes.iter().any(|n| n.contains("authentication methods not read")), "{:?}", host.notes);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn garbage_after_the_identification_is_noted_not_reported() {
        let mut hello = b"SSH-2.0-Broken\r\n".to_vec();
        hello.extend_from_slice(&[0xff; 64]);
        let host = scan(serve(hello).await).await;
        assert!(host.findings.is_empty(), "{host:#?}");
        assert_eq!(host.services[0].protocol, "ssh");
        assert!(host.services[0].ssh.is_none());
        assert!(host.notes.iter().any(|n| n.contains("not a valid server greeting")), "{:?}", host.notes);
    }
}

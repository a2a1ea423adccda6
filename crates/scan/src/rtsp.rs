//! RTSP 1.0 (RFC 2326), pure: the requests the scanner sends (OPTIONS, DESCRIBE; never SETUP or
//! PLAY) and the reading of replies. The stream paths tried are data (`data/rtsp-paths.txt`).
//! No I/O; fuzzed.

use std::sync::LazyLock;

use crate::http_auth::header_values;

/// The shipped stream paths.
pub const PATHS_FILE: &str = include_str!("../data/rtsp-paths.txt");

/// Ports where RTSP is tried before anything else.
pub const RTSP_PORTS: &[u16] = &[554, 8554];

/// The stream paths, parsed once.
pub static PATHS: LazyLock<Vec<String>> = LazyLock::new(|| parse_paths(PATHS_FILE).unwrap_or_default());

/// Reads a path list: one path a line starting with `/`, `#` comments. A bad line is reported by
/// its number.
pub fn parse_paths(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if !l.starts_with('/') || l.contains(char::is_whitespace) {
            return Err(format!(
                "line {}: expected a path starting with / and without spaces, got {l:?}",
                n + 1
            ));
        }
        out.push(l.to_string());
    }
    Ok(out)
}

/// An RTSP request with no body.
pub fn request(method: &str, url: &str, cseq: u32, authorization: Option<&str>) -> Vec<u8> {
    let mut r = format!("{method} {url} RTSP/1.0\r\nCSeq: {cseq}\r\nUser-Agent: iotlabel-scan\r\n");
    if method == "DESCRIBE" {
        r.push_str("Accept: application/sdp\r\n");
    }
    if let Some(a) = authorization {
        r.push_str(&format!("Authorization: {a}\r\n"));
    }
    r.push_str("\r\n");
    r.into_bytes()
}

/// The parts of an RTSP reply the scanner uses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RtspReply {
    pub status: u16,
    pub server: Option<String>,
    /// Methods in `Public` (OPTIONS), upper case.
    pub public: Vec<String>,
    /// `WWW-Authenticate` values.
    pub authenticate: Vec<String>,
    /// The SDP session name (`s=`) of a DESCRIBE answer.
    pub session: Option<String>,
}

/// Parses an RTSP/1.0 reply head and whatever part of the body arrived.
pub fn parse_reply(raw: &[u8]) -> Option<RtspReply> {
    if !raw.starts_with(b"RTSP/1.") {
        return None;
    }
    let status = crate::http_auth::status(raw)?;
    let body = crate::http_auth::body(raw);
    Some(RtspReply {
        status,
        server: header_values(raw, "server").into_iter().next().map(|s| s.chars().take(200).collect()),
        public: header_values(raw, "public")
            .iter()
            .flat_map(|v| v.split(','))
            .map(|m| m.trim().to_ascii_uppercase())
            .filter(|m| !m.is_empty())
            .take(32)
            .collect(),
        authenticate: header_values(raw, "www-authenticate"),
        session: body
            .lines()
            .find_map(|l| l.strip_prefix("s="))
            .map(|s| s.trim().chars().take(200).collect()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paths_file_parses() {
        let p = parse_paths(PATHS_FILE).expect("data/rtsp-paths.txt parses");
        assert_eq!(p.first().map(String::as_str), Some("/"));
        assert_eq!(p.len(), PATHS.len());
        assert!(parse_paths("live\n").unwrap_err().contains("line 1"));
    }

    #[test]
    fn replies() {
        let r = parse_reply(b"RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: GStreamer RTSP server\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY\r\n\r\n")
            .expect("reply");
        assert_eq!(r.status, 200);
        assert_eq!(r.public, vec!["OPTIONS", "DESCRIBE", "SETUP", "PLAY"]);
        let d = parse_reply(b"RTSP/1.0 200 OK\r\nContent-Type: application/sdp\r\nContent-Length: 30\r\n\r\nv=0\r\ns=Camera 1\r\nm=video 0 RTP\r\n")
            .expect("describe");
        assert_eq!(d.session.as_deref(), Some("Camera 1"));
        let a = parse_reply(
            b"RTSP/1.0 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"cam\", nonce=\"n\"\r\n\r\n",
        )
        .expect("401");
        assert_eq!((a.status, a.authenticate.len()), (401, 1));
        assert!(parse_reply(b"HTTP/1.1 200 OK\r\n\r\n").is_none());
        let req = String::from_utf8(request("DESCRIBE", "rtsp://127.0.0.1:554/live", 2, Some("Basic eA==")))
            .expect("text");
        assert!(
            req.starts_with("DESCRIBE rtsp://127.0.0.1:554/live RTSP/1.0\r\nCSeq: 2\r\n")
                && req.ends_with("Authorization: Basic eA==\r\n\r\n")
        );
    }
}

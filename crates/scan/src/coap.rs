//! CoAP (RFC 7252), pure: a confirmable GET and the reading of a reply, and the CoRE link format
//! of `/.well-known/core` (RFC 6690). No I/O; fuzzed.

/// The CoAP port (RFC 7252 §12.6).
pub const PORT: u16 = 5683;

const URI_PATH: u16 = 11;
const URI_QUERY: u16 = 15;

/// A confirmable GET of `path` (`/.well-known/core`, `/sensors/temp?x=1`).
pub fn get(message_id: u16, token: &[u8], path: &str) -> Vec<u8> {
    let token = &token[..token.len().min(8)];
    let mut out = vec![0x40 | token.len() as u8, 0x01];
    out.extend_from_slice(&message_id.to_be_bytes());
    out.extend_from_slice(token);
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let mut options: Vec<(u16, &str)> =
        path.split('/').filter(|s| !s.is_empty()).map(|s| (URI_PATH, s)).collect();
    options.extend(query.split('&').filter(|s| !s.is_empty()).map(|s| (URI_QUERY, s)));
    let mut last = 0u16;
    for (number, value) in options {
        let value = &value.as_bytes()[..value.len().min(255)];
        let delta = number - last;
        last = number;
        let (d, dx) = nibble(delta as usize);
        let (l, lx) = nibble(value.len());
        out.push((d << 4) | l);
        out.extend_from_slice(&dx);
        out.extend_from_slice(&lx);
        out.extend_from_slice(value);
    }
    out
}

/// An option delta or length as its nibble and extended bytes.
fn nibble(v: usize) -> (u8, Vec<u8>) {
    match v {
        0..=12 => (v as u8, vec![]),
        13..=268 => (13, vec![(v - 13) as u8]),
        _ => (14, ((v - 269) as u16).to_be_bytes().to_vec()),
    }
}

/// A CoAP message as far as the scanner reads it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Message {
    /// 0 confirmable, 1 non-confirmable, 2 acknowledgement, 3 reset.
    pub kind: u8,
    /// The code as `class * 32 + detail` (0x45 is 2.05 Content).
    pub code: u8,
    pub message_id: u16,
    pub token: Vec<u8>,
    /// Options (number, value), in order.
    pub options: Vec<(u16, Vec<u8>)>,
    pub payload: Vec<u8>,
}

impl Message {
    /// The code as text (`2.05`).
    pub fn code_text(&self) -> String {
        format!("{}.{:02}", self.code >> 5, self.code & 0x1f)
    }

    /// A success (class 2).
    pub fn success(&self) -> bool {
        self.code >> 5 == 2
    }
}

/// Parses one datagram; None when it is not a well-formed CoAP version 1 message.
pub fn parse(b: &[u8]) -> Option<Message> {
    let first = *b.first()?;
    if first >> 6 != 1 {
        return None;
    }
    let tkl = (first & 0x0f) as usize;
    if tkl > 8 || b.len() < 4 + tkl {
        return None;
    }
    let mut m = Message {
        kind: (first >> 4) & 3,
        code: b[1],
        message_id: u16::from_be_bytes([b[2], b[3]]),
        token: b[4..4 + tkl].to_vec(),
        ..Message::default()
    };
    let mut i = 4 + tkl;
    let mut number: u32 = 0;
    while i < b.len() {
        if b[i] == 0xff {
            if i + 1 == b.len() {
                return None; // a payload marker with no payload is an error (RFC 7252 §3)
            }
            m.payload = b[i + 1..].to_vec();
            break;
        }
        let (d, l) = ((b[i] >> 4) as usize, (b[i] & 0x0f) as usize);
        i += 1;
        let (delta, n) = extended(b, i, d)?;
        i += n;
        let (len, n) = extended(b, i, l)?;
        i += n;
        number += delta as u32;
        let value = b.get(i..i.checked_add(len)?)?;
        if m.options.len() < 64 {
            m.options.push((u16::try_from(number).ok()?, value.to_vec()));
        }
        i += len;
    }
    Some(m)
}

fn extended(b: &[u8], i: usize, nib: usize) -> Option<(usize, usize)> {
    match nib {
        0..=12 => Some((nib, 0)),
        13 => Some((*b.get(i)? as usize + 13, 1)),
        14 => Some((u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?]) as usize + 269, 2)),
        _ => None,
    }
}

/// One link of a CoRE link-format document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The target (`/sensors/temp`).
    pub target: String,
    /// Its attributes (`rt`, `if`, `ct`...), quotes removed.
    pub attributes: Vec<(String, String)>,
}

/// Parses a link-format document (`</a>;rt="x";ct=0,</b>`): at most 64 links, each at most
/// 16 attributes; unparsable parts are skipped.
pub fn links(text: &str) -> Vec<Link> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() && out.len() < 64 {
        let Some(lt) = text[i..].find('<') else { break };
        let start = i + lt + 1;
        let Some(gt) = text[start..].find('>') else { break };
        let target: String = text[start..start + gt].chars().take(256).collect();
        i = start + gt + 1;
        let mut attributes = Vec::new();
        // Parameters up to the next comma outside quotes.
        while i < b.len() && b[i] == b';' {
            i += 1;
            let s = i;
            while i < b.len() && !matches!(b[i], b'=' | b';' | b',') {
                i += 1;
            }
            let name = text[s..i].trim().to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && b[i] == b'"' {
                    let e = text[i + 1..].find('"').map_or(b.len(), |e| i + 1 + e);
                    value = text[i + 1..e].to_string();
                    i = (e + 1).min(b.len());
                } else {
                    let s = i;
                    while i < b.len() && !matches!(b[i], b';' | b',') {
                        i += 1;
                    }
                    value = text[s..i].trim().to_string();
                }
            }
            if attributes.len() < 16 && !name.is_empty() {
                attributes.push((name, value.chars().take(256).collect()));
            }
        }
        out.push(Link { target, attributes });
        while i < b.len() && b[i] != b',' && b[i] != b'<' {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_get_round_trips() {
        let req = get(0x1234, &[1, 2], "/.well-known/core");
        assert_eq!(&req[..6], &[0x42, 0x01, 0x12, 0x34, 1, 2]);
        let m = parse(&req).expect("parses");
        assert_eq!(m.code_text(), "0.01");
        assert_eq!(m.options, vec![(11, b".well-known".to_vec()), (11, b"core".to_vec())]);
        // Long option values take extended lengths.
        let long = "x".repeat(40);
        let m = parse(&get(1, &[], &format!("/{long}?q=1"))).expect("parses");
        assert_eq!(m.options, vec![(11, long.into_bytes()), (15, b"q=1".to_vec())]);
    }

    #[test]
    fn replies_and_malformed_ones() {
        // ACK 2.05, token 0xAA, Content-Format 40 (delta 12), payload.
        let r = [0x61, 0x45, 0, 7, 0xAA, 0xC1, 40, 0xFF, b'<', b'/', b'a', b'>'];
        let m = parse(&r).expect("ack");
        assert!(m.success() && m.kind == 2 && m.token == [0xAA]);
        assert_eq!(m.options, vec![(12, vec![40])]);
        assert_eq!(m.payload, b"</a>");
        assert!(parse(&[0x61, 0x45, 0, 7, 0xAA, 0xFF]).is_none(), "marker without payload");
        assert!(parse(&[0x81, 0x45, 0, 7]).is_none(), "version 2");
        assert!(parse(&[0x49, 0x45, 0, 7]).is_none(), "token length 9");
        assert!(parse(&[0x60, 0x45, 0, 7, 0xF0]).is_none(), "reserved delta 15");
    }

    #[test]
    fn link_format() {
        let l = links(
            "</sensors/temp>;rt=\"temperature-c\";if=\"sensor\";ct=0,\n</config>;title=\"a,b\",</.well-known/core>",
        );
        let targets: Vec<&str> = l.iter().map(|x| x.target.as_str()).collect();
        assert_eq!(targets, vec!["/sensors/temp", "/config", "/.well-known/core"]);
        assert_eq!(l[0].attributes[0], ("rt".to_string(), "temperature-c".to_string()));
        assert_eq!(l[0].attributes[2], ("ct".to_string(), "0".to_string()));
        assert_eq!(l[1].attributes, vec![("title".to_string(), "a,b".to_string())]);
        assert!(links("garbage without links").is_empty());
    }
}

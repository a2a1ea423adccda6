//! The binary flow record format (`.flows`): fixed-layout, little-endian records behind a
//! 16-byte header, read as a stream without allocating per record. It is what the flow stream
//! carries (one self-contained file per message) and what `mud audit --flows x.flows` reads.
//!
//! Layout (version 1; every integer little-endian; offsets in bytes):
//!
//! ```text
//! header, 16 bytes:   0..8   magic "IOTFLOWS"
//!                     8..10  version (1)
//!                     10..12 flow entry size (80)
//!                     12..16 reserved, zero
//! entries, each starting with a tag byte, each a multiple of 8 bytes:
//! flow (tag 1), 80:   0 tag, 1 flags (bit 0: device MAC present, bit 1: the peer opened the
//!                     flow, bit 2: device address is IPv6, bit 3: peer address is IPv6; others 0),
//!                     2 protocol, 3 reserved, 4..8 peer name id (0: none),
//!                     8..16 time_ms, 16..24 bytes, 24..32 packets,
//!                     32..34 device port, 34..36 peer port, 36..42 device MAC, 42..48 reserved,
//!                     48..64 device address, 64..80 peer address (IPv4 in the first 4 bytes,
//!                     the rest zero)
//! name (tag 2):       0 tag, 1 reserved, 2..4 length L (1 to 253), 4..8 id, 8..8+L the DNS
//!                     name (ASCII, no spaces or commas), zero padding to a multiple of 8
//! ```
//!
//! Name ids are given in order from 1 within one file, each defined before the first flow using
//! it: a file (a stream message) stands alone. Reserved bytes and flags must be zero, so a later
//! version can give them a meaning and this reader refuses it clearly.

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::sync::Arc;

use crate::error::ReadError;
use crate::record::{Direction, FlowRecord, Mac};

/// The first eight bytes of every binary flow file.
pub const MAGIC: &[u8; 8] = b"IOTFLOWS";
/// The version this crate writes and reads.
pub const VERSION: u16 = 1;
/// The header's size.
pub const HEADER_LEN: usize = 16;
/// A flow entry's size.
pub const FLOW_LEN: usize = 80;

const TAG_FLOW: u8 = 1;
const TAG_NAME: u8 = 2;
const F_MAC: u8 = 1;
const F_INBOUND: u8 = 2;
const F_DEV6: u8 = 4;
const F_PEER6: u8 = 8;
const MAX_NAME: usize = 253;

/// The header, 16 bytes.
pub fn header() -> [u8; HEADER_LEN] {
    let mut h = [0u8; HEADER_LEN];
    h[..8].copy_from_slice(MAGIC);
    h[8..10].copy_from_slice(&VERSION.to_le_bytes());
    h[10..12].copy_from_slice(&(FLOW_LEN as u16).to_le_bytes());
    h
}

fn put_ip(b: &mut [u8], ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(a) => {
            b[..4].copy_from_slice(&a.octets());
            b[4..16].fill(0);
            false
        }
        IpAddr::V6(a) => {
            b.copy_from_slice(&a.octets());
            true
        }
    }
}

/// One flow entry for `f`, naming its peer by `name_id` (0: none).
pub fn encode_flow(f: &FlowRecord, name_id: u32) -> [u8; FLOW_LEN] {
    let mut e = [0u8; FLOW_LEN];
    let mut flags = 0;
    if let Some(m) = f.device_mac {
        flags |= F_MAC;
        e[36..42].copy_from_slice(&m.0);
    }
    if f.direction == Direction::ToDevice {
        flags |= F_INBOUND;
    }
    if put_ip(&mut e[48..64], f.device_ip) {
        flags |= F_DEV6;
    }
    if put_ip(&mut e[64..80], f.peer_ip) {
        flags |= F_PEER6;
    }
    e[0] = TAG_FLOW;
    e[1] = flags;
    e[2] = f.protocol;
    e[4..8].copy_from_slice(&name_id.to_le_bytes());
    e[8..16].copy_from_slice(&f.time_ms.to_le_bytes());
    e[16..24].copy_from_slice(&f.bytes.to_le_bytes());
    e[24..32].copy_from_slice(&f.packets.to_le_bytes());
    e[32..34].copy_from_slice(&f.device_port.to_le_bytes());
    e[34..36].copy_from_slice(&f.peer_port.to_le_bytes());
    e
}

/// Whether a name can be written: 1 to 253 bytes of printable ASCII without spaces or commas.
pub fn name_ok(n: &str) -> bool {
    !n.is_empty() && n.len() <= MAX_NAME && n.bytes().all(|b| b.is_ascii_graphic() && b != b',')
}

/// Writes flow records in the binary form: the header at once, then a name entry the first
/// time a peer name appears, then each flow. Memory grows with names, not flows.
pub struct BinaryWriter<W: Write> {
    out: W,
    names: HashMap<Arc<str>, u32>,
    written: u64,
}

impl<W: Write> BinaryWriter<W> {
    pub fn new(mut out: W) -> io::Result<Self> {
        out.write_all(&header())?;
        Ok(BinaryWriter { out, names: HashMap::new(), written: 0 })
    }

    /// Writes one record. A peer name that cannot be written (see [`name_ok`]) is refused.
    pub fn write(&mut self, f: &FlowRecord) -> io::Result<()> {
        let id = match &f.peer_name {
            None => 0,
            Some(n) => match self.names.get(n) {
                Some(&id) => id,
                None => {
                    if !name_ok(n) {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidInput,
                            format!(
                                "peer name `{}` cannot be written: 1 to 253 printable ASCII characters without spaces or commas",
                                n.escape_debug()
                            ),
                        ));
                    }
                    let id = self.names.len() as u32 + 1;
                    let mut e = [0u8; 8 + MAX_NAME + 7];
                    let len = n.len();
                    e[0] = TAG_NAME;
                    e[2..4].copy_from_slice(&(len as u16).to_le_bytes());
                    e[4..8].copy_from_slice(&id.to_le_bytes());
                    e[8..8 + len].copy_from_slice(n.as_bytes());
                    self.out.write_all(&e[..(8 + len).next_multiple_of(8)])?;
                    self.names.insert(n.clone(), id);
                    id
                }
            },
        };
        self.written += 1;
        self.out.write_all(&encode_flow(f, id))
    }

    /// Flow records written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Flushes and gives the output back.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Reads the binary form as a stream of flow records. Memory: one 64 KiB buffer and the names,
/// whatever the number of flows. Every refusal is located at the byte offset where the
/// entry (or the field) starts, and ends the stream.
pub struct BinaryReader<R> {
    input: R,
    file: String,
    buf: Box<[u8]>,
    /// Valid bytes are `buf[pos..end]`; `base` is the input offset of `buf[0]`.
    pos: usize,
    end: usize,
    base: u64,
    eof: bool,
    started: bool,
    failed: bool,
    names: Vec<Arc<str>>,
    read: u64,
}

const BUF: usize = 1 << 16;

impl<R: Read> BinaryReader<R> {
    pub fn new(file: &str, input: R) -> Self {
        BinaryReader {
            input,
            file: file.into(),
            buf: vec![0u8; BUF].into_boxed_slice(),
            pos: 0,
            end: 0,
            base: 0,
            eof: false,
            started: false,
            failed: false,
            names: Vec::new(),
            read: 0,
        }
    }

    /// Flow records read so far.
    pub fn records(&self) -> u64 {
        self.read
    }

    /// Names defined so far.
    pub fn names(&self) -> &[Arc<str>] {
        &self.names
    }

    fn err(&self, at: u64, message: impl Into<String>, expected: &str) -> ReadError {
        ReadError::offset(&self.file, at, message, expected)
    }

    /// Makes at least `n` bytes available at `pos` unless the input ends first; returns how
    /// many are available (up to the buffer).
    fn want(&mut self, n: usize) -> Result<usize, ReadError> {
        while self.end - self.pos < n && !self.eof {
            if self.pos > 0 {
                self.buf.copy_within(self.pos..self.end, 0);
                self.base += self.pos as u64;
                self.end -= self.pos;
                self.pos = 0;
            }
            match self.input.read(&mut self.buf[self.end..]) {
                Ok(0) => self.eof = true,
                Ok(k) => self.end += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let at = self.base + self.end as u64;
                    return Err(self.err(at, format!("cannot read: {e}"), ""));
                }
            }
        }
        Ok(self.end - self.pos)
    }

    fn here(&self) -> u64 {
        self.base + self.pos as u64
    }

    fn header(&mut self) -> Result<(), ReadError> {
        let have = self.want(HEADER_LEN)?;
        let h = &self.buf[self.pos..self.pos + have.min(HEADER_LEN)];
        let magic_len = h.len().min(8);
        if h[..magic_len] != MAGIC[..magic_len] || have < 8 {
            return Err(self.err(
                0,
                if have < 8 && h[..magic_len] == MAGIC[..magic_len] {
                    format!("the input ends inside the header ({have} of 16 bytes)")
                } else {
                    "this is not a binary flow file (no IOTFLOWS magic)".to_string()
                },
                "the 8 bytes IOTFLOWS, then version 1 (`iotlabel-flowgen --format flows` writes this form)",
            ));
        }
        if have < HEADER_LEN {
            return Err(self.err(
                have as u64,
                format!("the input ends inside the header ({have} of 16 bytes)"),
                "a 16-byte header",
            ));
        }
        let version = u16::from_le_bytes([h[8], h[9]]);
        if version != VERSION {
            return Err(self.err(
                8,
                format!("version {version} of the binary flow format is not known"),
                "version 1 (a newer iotlabel may read it)",
            ));
        }
        let size = u16::from_le_bytes([h[10], h[11]]);
        if usize::from(size) != FLOW_LEN {
            return Err(self.err(10, format!("flow entry size {size}"), "80 for version 1"));
        }
        if h[12..16] != [0; 4] {
            return Err(self.err(12, "reserved header bytes are not zero", "zero"));
        }
        self.pos += HEADER_LEN;
        Ok(())
    }

    fn name(&mut self, at: u64) -> Result<(), ReadError> {
        let have = self.want(8)?;
        if have < 8 {
            return Err(self.err(at, "the input ends inside a name entry", "8 bytes: tag, 0, length, id"));
        }
        let p = self.pos;
        let b = &self.buf[p..p + 8];
        let len = usize::from(u16::from_le_bytes([b[2], b[3]]));
        let id = u32::from_le_bytes([b[4], b[5], b[6], b[7]]);
        if b[1] != 0 {
            return Err(self.err(at + 1, "reserved byte of a name entry is not zero", "zero"));
        }
        if len == 0 || len > MAX_NAME {
            return Err(self.err(at + 2, format!("name length {len}"), "1 to 253 bytes"));
        }
        let expected_id = self.names.len() as u32 + 1;
        if id != expected_id {
            return Err(self.err(
                at + 4,
                format!("name id {id} out of order"),
                &format!("id {expected_id} (names are numbered from 1 in the order they are defined)"),
            ));
        }
        let total = (8 + len).next_multiple_of(8);
        if self.want(total)? < total {
            return Err(self.err(at, "the input ends inside a name entry", &format!("{total} bytes")));
        }
        let p = self.pos;
        let text = &self.buf[p + 8..p + 8 + len];
        if let Some(i) = text.iter().position(|&c| !c.is_ascii_graphic() || c == b',') {
            return Err(self.err(
                at + 8 + i as u64,
                format!("byte 0x{:02x} in a DNS name", text[i]),
                "printable ASCII without spaces or commas",
            ));
        }
        if self.buf[p + 8 + len..p + total].iter().any(|&c| c != 0) {
            return Err(self.err(at + 8 + len as u64, "padding after a name is not zero", "zero"));
        }
        self.names.push(Arc::from(core::str::from_utf8(text).unwrap_or_default()));
        self.pos += total;
        Ok(())
    }

    fn flow(&mut self, at: u64) -> Result<FlowRecord, ReadError> {
        if self.want(FLOW_LEN)? < FLOW_LEN {
            let have = self.end - self.pos;
            return Err(self.err(
                at,
                format!("the input ends inside a flow entry ({have} of 80 bytes)"),
                "80 bytes per flow entry",
            ));
        }
        let p = self.pos;
        let e: &[u8; FLOW_LEN] = (&self.buf[p..p + FLOW_LEN]).try_into().unwrap_or(&[0; FLOW_LEN]);
        let flags = e[1];
        if flags & !(F_MAC | F_INBOUND | F_DEV6 | F_PEER6) != 0 {
            return Err(self.err(at + 1, format!("unknown flags 0x{flags:02x}"), "bits 0 to 3 only"));
        }
        if e[3] != 0 || e[42..48] != [0; 6] {
            return Err(self.err(
                if e[3] != 0 { at + 3 } else { at + 42 },
                "reserved bytes of a flow entry are not zero",
                "zero",
            ));
        }
        let ip = |b: &[u8], v6: bool| -> Result<IpAddr, u64> {
            let o: [u8; 16] = b.try_into().unwrap_or_default();
            if v6 {
                Ok(IpAddr::V6(Ipv6Addr::from(o)))
            } else if o[4..] != [0; 12] {
                Err(4)
            } else {
                Ok(IpAddr::V4(Ipv4Addr::new(o[0], o[1], o[2], o[3])))
            }
        };
        let device_ip = ip(&e[48..64], flags & F_DEV6 != 0)
            .map_err(|k| self.err(at + 48 + k, "an IPv4 device address with bytes after it", "zero"))?;
        let peer_ip = ip(&e[64..80], flags & F_PEER6 != 0)
            .map_err(|k| self.err(at + 64 + k, "an IPv4 peer address with bytes after it", "zero"))?;
        let device_mac = if flags & F_MAC != 0 {
            Some(Mac([e[36], e[37], e[38], e[39], e[40], e[41]]))
        } else if e[36..42] != [0; 6] {
            return Err(self.err(at + 36, "a MAC address without its flag", "zero, or flag bit 0 set"));
        } else {
            None
        };
        let id = u32::from_le_bytes([e[4], e[5], e[6], e[7]]);
        let peer_name = match id {
            0 => None,
            _ => match self.names.get(id as usize - 1) {
                Some(n) => Some(n.clone()),
                None => {
                    return Err(self.err(
                        at + 4,
                        format!("name id {id} is not defined"),
                        &format!("0 (no name) or an id defined before (1 to {})", self.names.len()),
                    ));
                }
            },
        };
        let le64 = |o: usize| u64::from_le_bytes(e[o..o + 8].try_into().unwrap_or_default());
        let f = FlowRecord {
            time_ms: le64(8),
            device_mac,
            device_ip,
            direction: if flags & F_INBOUND != 0 { Direction::ToDevice } else { Direction::FromDevice },
            peer_ip,
            peer_name,
            protocol: e[2],
            device_port: u16::from_le_bytes([e[32], e[33]]),
            peer_port: u16::from_le_bytes([e[34], e[35]]),
            bytes: le64(16),
            packets: le64(24),
        };
        self.pos += FLOW_LEN;
        self.read += 1;
        Ok(f)
    }

    fn step(&mut self) -> Result<Option<FlowRecord>, ReadError> {
        if !self.started {
            self.started = true;
            self.header()?;
        }
        loop {
            if self.want(1)? == 0 {
                return Ok(None);
            }
            let at = self.here();
            match self.buf[self.pos] {
                TAG_FLOW => return self.flow(at).map(Some),
                TAG_NAME => self.name(at)?,
                t => {
                    return Err(self.err(
                        at,
                        format!("entry tag {t} is not known"),
                        "1 (flow) or 2 (name): the input may be cut or not a binary flow file",
                    ));
                }
            }
        }
    }
}

impl<R: Read> Iterator for BinaryReader<R> {
    type Item = Result<FlowRecord, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        match self.step() {
            Ok(Some(f)) => Some(Ok(f)),
            Ok(None) => None,
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::At;

    fn rec(i: u64, name: Option<&str>, v6: bool) -> FlowRecord {
        FlowRecord {
            time_ms: 1_780_000_000_000 + i,
            device_mac: i.is_multiple_of(2).then_some(Mac([2, 0, 0, 0, 0, i as u8])),
            device_ip: if v6 { "2001:db8::5".parse().unwrap() } else { "10.0.0.16".parse().unwrap() },
            direction: if i.is_multiple_of(3) { Direction::ToDevice } else { Direction::FromDevice },
            peer_ip: if v6 { "2001:db8::99".parse().unwrap() } else { "203.0.113.10".parse().unwrap() },
            peer_name: name.map(Arc::from),
            protocol: 6,
            device_port: 40000 + i as u16,
            peer_port: 443,
            bytes: u64::MAX - i,
            packets: i,
        }
    }

    fn sample() -> Vec<FlowRecord> {
        (0..300)
            .map(|i| {
                let name = match i % 4 {
                    0 => None,
                    1 => Some("cloud.cam.example.com"),
                    2 => Some("a.example"),
                    _ => Some("x-very-long-name.with.many.labels.example.org"),
                };
                rec(i, name, i.is_multiple_of(5))
            })
            .collect()
    }

    fn write(recs: &[FlowRecord]) -> Vec<u8> {
        let mut w = BinaryWriter::new(Vec::new()).unwrap();
        for r in recs {
            w.write(r).unwrap();
        }
        w.finish().unwrap()
    }

    #[test]
    fn round_trips_every_field_with_names_defined_once() {
        let recs = sample();
        let bytes = write(&recs);
        // 3 names: 8 + 21 -> 32, 8 + 9 -> 24, 8 + 45 -> 56.
        assert_eq!(bytes.len(), HEADER_LEN + 300 * FLOW_LEN + 32 + 24 + 56);
        let back: Vec<FlowRecord> = BinaryReader::new("t.flows", &bytes[..]).map(|r| r.unwrap()).collect();
        assert_eq!(back, recs);
        // Read one byte at a time: the buffer refills mid-entry.
        struct Slow<'a>(&'a [u8]);
        impl Read for Slow<'_> {
            fn read(&mut self, b: &mut [u8]) -> io::Result<usize> {
                if self.0.is_empty() || b.is_empty() {
                    return Ok(0);
                }
                b[0] = self.0[0];
                self.0 = &self.0[1..];
                Ok(1)
            }
        }
        let slow: Vec<FlowRecord> = BinaryReader::new("t.flows", Slow(&bytes)).map(|r| r.unwrap()).collect();
        assert_eq!(slow, recs);
        // An empty file (header only) has no flows.
        assert_eq!(BinaryReader::new("e.flows", &header()[..]).count(), 0);
    }

    fn first_error(bytes: &[u8]) -> ReadError {
        let mut r = BinaryReader::new("bad.flows", bytes);
        loop {
            match r.next() {
                Some(Ok(_)) => {}
                Some(Err(e)) => {
                    assert!(r.next().is_none(), "the stream ends after an error");
                    return e;
                }
                None => panic!("no error for a broken input"),
            }
        }
    }

    #[test]
    fn broken_inputs_are_located() {
        let good = write(&sample()[..3]);
        let at = |e: &ReadError| match e.at {
            At::Offset(o) => o,
            _ => panic!("binary input located by line"),
        };
        let e = first_error(b"time_ms,device_mac\n");
        assert!(e.message.contains("no IOTFLOWS magic") && at(&e) == 0, "{e}");
        let e = first_error(&good[..12]);
        assert!(e.message.contains("ends inside the header") && at(&e) == 12, "{e}");
        let mut v2 = good.clone();
        v2[8] = 2;
        let e = first_error(&v2);
        assert!(e.message.contains("version 2") && at(&e) == 8, "{e}");
        // The input cut inside the last flow entry.
        let e = first_error(&good[..good.len() - 5]);
        assert_eq!(at(&e), (good.len() - FLOW_LEN) as u64, "{e}");
        assert!(e.message.contains("75 of 80"), "{e}");
        // A flow naming an undefined name id.
        let mut v = header().to_vec();
        v.extend_from_slice(&encode_flow(&sample()[0], 7));
        let e = first_error(&v);
        assert!(e.to_string().contains("bad.flows at byte 20: name id 7 is not defined"), "{e}");
        // An unknown tag after one good flow.
        let mut v = header().to_vec();
        v.extend_from_slice(&encode_flow(&sample()[0], 0));
        v.push(9);
        let e = first_error(&v);
        assert!(e.message.contains("tag 9") && at(&e) == 96, "{e}");
        // Unknown flags, reserved bytes, an IPv4 address with trailing bytes.
        for (byte, value, offset, says) in [
            (1usize, 0x10u8, 17u64, "flags"),
            (3, 1, 19, "reserved"),
            (44, 1, 58, "reserved"),
            (55, 1, 16 + 48 + 4, "IPv4 device address"),
        ] {
            let mut v = header().to_vec();
            let mut e = encode_flow(&rec(1, None, false), 0);
            e[byte] = value;
            v.extend_from_slice(&e);
            let err = first_error(&v);
            assert!(err.message.contains(says) && at(&err) == offset, "{byte}: {err}");
        }
        // A name with a space, and one out of order.
        let mut v = header().to_vec();
        v.extend_from_slice(&[2, 0, 3, 0, 1, 0, 0, 0, b'a', b' ', b'b', 0, 0, 0, 0, 0]);
        let e = first_error(&v);
        assert!(e.message.contains("0x20") && at(&e) == 16 + 9, "{e}");
        let mut v = header().to_vec();
        v.extend_from_slice(&[2, 0, 1, 0, 2, 0, 0, 0, b'a', 0, 0, 0, 0, 0, 0, 0]);
        let e = first_error(&v);
        assert!(e.message.contains("out of order") && at(&e) == 20, "{e}");
    }

    #[test]
    fn unwritable_names_are_refused_not_mangled() {
        let mut w = BinaryWriter::new(Vec::new()).unwrap();
        assert!(w.write(&rec(1, Some("has space.example"), false)).is_err());
        assert!(w.write(&rec(1, Some(&"a".repeat(254)), false)).is_err());
        assert!(w.write(&rec(1, Some(&"a".repeat(253)), false)).is_ok());
        assert_eq!(w.written(), 1);
    }
}

//! IPFIX (RFC 7011): messages, sets, templates and data records, read as a stream of flow
//! records without allocating per record, and written (for tests and the generator).
//!
//! Written here rather than taken from a crate: the IPFIX crates decode every field into a
//! generic value (allocating per record), far from the speed this audit needs; the part of
//! RFC 7011 a flow audit needs is small (templates, options templates, variable-length fields,
//! reduced-size encoding, enterprise fields skipped).

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::collections::HashMap;
use std::io::{self, Read, Write};

use crate::error::ReadError;
use crate::record::{Direction, FlowRecord, Mac};

/// Decides which end of a flow is a device: flows are oriented from the device's side.
pub trait Orient {
    fn is_device(&self, ip: IpAddr, mac: Option<Mac>) -> bool;
}

/// Every source address is the device (the initiator's side).
pub struct SourceIsDevice;

impl Orient for SourceIsDevice {
    fn is_device(&self, _: IpAddr, _: Option<Mac>) -> bool {
        true
    }
}

/// One flow as an exporter sees it: source (the initiator) and destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WireFlow {
    pub time_ms: u64,
    pub src_mac: Option<Mac>,
    pub dst_mac: Option<Mac>,
    pub src_ip: Option<IpAddr>,
    pub dst_ip: Option<IpAddr>,
    pub src_port: u16,
    pub dst_port: u16,
    pub protocol: u8,
    pub bytes: u64,
    pub packets: u64,
}

impl WireFlow {
    /// The flow from the device's side: the source unless only the destination is a device.
    pub fn orient(&self, o: &impl Orient) -> Option<FlowRecord> {
        let src = self.src_ip.is_some_and(|ip| o.is_device(ip, self.src_mac));
        self.orient_knowing(src, o)
    }

    /// [`WireFlow::orient`] when whether the source is a device is already known.
    pub fn orient_knowing(&self, src_is_device: bool, o: &impl Orient) -> Option<FlowRecord> {
        let (src, dst) = (self.src_ip?, self.dst_ip?);
        let inbound = !src_is_device && o.is_device(dst, self.dst_mac);
        Some(if inbound {
            FlowRecord {
                time_ms: self.time_ms,
                device_mac: self.dst_mac,
                device_ip: dst,
                direction: Direction::ToDevice,
                peer_ip: src,
                peer_name: None,
                protocol: self.protocol,
                device_port: self.dst_port,
                peer_port: self.src_port,
                bytes: self.bytes,
                packets: self.packets,
            }
        } else {
            FlowRecord {
                time_ms: self.time_ms,
                device_mac: self.src_mac,
                device_ip: src,
                direction: Direction::FromDevice,
                peer_ip: dst,
                peer_name: None,
                protocol: self.protocol,
                device_port: self.src_port,
                peer_port: self.dst_port,
                bytes: self.bytes,
                packets: self.packets,
            }
        })
    }
}

/// The IANA information elements the audit reads; every other one is skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ie {
    OctetDelta,
    PacketDelta,
    Protocol,
    SrcPort,
    SrcV4,
    DstPort,
    DstV4,
    SrcV6,
    DstV6,
    SrcMac,
    DstMac,
    StartSeconds,
    StartMillis,
    Skip,
}

impl Ie {
    fn of(id: u16, enterprise: bool) -> Ie {
        if enterprise {
            return Ie::Skip;
        }
        match id {
            1 | 85 => Ie::OctetDelta,
            2 | 86 => Ie::PacketDelta,
            4 => Ie::Protocol,
            7 => Ie::SrcPort,
            8 => Ie::SrcV4,
            11 => Ie::DstPort,
            12 => Ie::DstV4,
            27 => Ie::SrcV6,
            28 => Ie::DstV6,
            56 => Ie::SrcMac,
            80 => Ie::DstMac,
            150 => Ie::StartSeconds,
            152 => Ie::StartMillis,
            _ => Ie::Skip,
        }
    }
}

const VARIABLE: u16 = 65535;

#[derive(Debug, Clone)]
struct Template {
    fields: Vec<(Ie, u16)>,
    /// The shortest a record can be (variable-length fields count one byte).
    min_len: usize,
}

/// Reads IPFIX messages from a byte stream and yields the flows of their data records.
/// Memory: one message buffer and the templates, whatever the number of flows.
pub struct IpfixReader<R> {
    input: R,
    file: String,
    offset: u64,
    buf: Vec<u8>,
    templates: HashMap<(u32, u16), Template>,
    pending: Vec<WireFlow>,
    next: usize,
    failed: bool,
    /// Data sets whose template was never sent (skipped, counted).
    pub unknown_template_sets: u64,
}

impl<R: Read> IpfixReader<R> {
    pub fn new(file: &str, input: R) -> Self {
        IpfixReader {
            input,
            file: file.into(),
            offset: 0,
            buf: Vec::with_capacity(65536),
            templates: HashMap::new(),
            pending: Vec::new(),
            next: 0,
            failed: false,
            unknown_template_sets: 0,
        }
    }

    fn err(&self, at: u64, message: impl Into<String>, expected: &str) -> ReadError {
        ReadError::offset(&self.file, at, message, expected)
    }

    /// Reads the next message into `pending`; false at the end of the input.
    fn message(&mut self) -> Result<bool, ReadError> {
        let start = self.offset;
        let mut head = [0u8; 16];
        match read_full(&mut self.input, &mut head) {
            Ok(0) => return Ok(false),
            Ok(16) => {}
            Ok(n) => {
                return Err(self.err(
                    start,
                    format!("the input ends inside a message header ({n} of 16 bytes)"),
                    "a 16-byte IPFIX message header",
                ));
            }
            Err(e) => return Err(self.err(start, format!("cannot read: {e}"), "")),
        }
        let version = u16::from_be_bytes([head[0], head[1]]);
        if version != 10 {
            return Err(self.err(
                start,
                format!("version {version} is not IPFIX"),
                "version 10 (RFC 7011); NetFlow v5 and v9 are not read",
            ));
        }
        let len = usize::from(u16::from_be_bytes([head[2], head[3]]));
        if len < 16 {
            return Err(self.err(
                start + 2,
                format!("message length {len} is shorter than its header"),
                "a length of at least 16",
            ));
        }
        let export_s = u64::from(u32::from_be_bytes([head[4], head[5], head[6], head[7]]));
        let domain = u32::from_be_bytes([head[12], head[13], head[14], head[15]]);
        self.buf.resize(len - 16, 0);
        match read_full(&mut self.input, &mut self.buf) {
            Ok(n) if n == len - 16 => {}
            Ok(n) => {
                return Err(self.err(
                    start + 16 + n as u64,
                    format!("the input ends inside a message of {len} bytes"),
                    "the whole message",
                ));
            }
            Err(e) => return Err(self.err(start, format!("cannot read: {e}"), "")),
        }
        self.offset = start + len as u64;
        self.pending.clear();
        self.next = 0;
        let body = std::mem::take(&mut self.buf);
        let r = self.sets(&body, start + 16, domain, export_s);
        self.buf = body;
        r.map(|()| true)
    }

    fn sets(&mut self, body: &[u8], base: u64, domain: u32, export_s: u64) -> Result<(), ReadError> {
        let mut p = 0;
        while p < body.len() {
            let at = base + p as u64;
            if body.len() - p < 4 {
                return Err(self.err(at, "a set header is cut short", "4 bytes: set id and length"));
            }
            let id = be16(body, p);
            let len = usize::from(be16(body, p + 2));
            if len < 4 || p + len > body.len() {
                return Err(self.err(
                    at + 2,
                    format!("set length {len} does not fit the message"),
                    "a set length between 4 and the rest of the message",
                ));
            }
            let set = &body[p + 4..p + len];
            match id {
                2 | 3 => self.template_set(set, at + 4, domain, id == 3)?,
                0 | 1 | 4..=255 => {
                    return Err(self.err(
                        at,
                        format!("set id {id} is reserved"),
                        "2 (templates), 3 (options templates) or 256 and above (data)",
                    ));
                }
                _ => match self.templates.get(&(domain, id)) {
                    Some(t) => {
                        let t = t.clone();
                        self.data_set(&t, set, at + 4, export_s)?;
                    }
                    None => self.unknown_template_sets += 1,
                },
            }
            p += len;
        }
        Ok(())
    }

    fn template_set(&mut self, set: &[u8], base: u64, domain: u32, options: bool) -> Result<(), ReadError> {
        let mut p = 0;
        // Padding: fewer bytes than a template header is the end.
        while set.len() - p >= 4 {
            let at = base + p as u64;
            let tid = be16(set, p);
            let count = usize::from(be16(set, p + 2));
            p += 4;
            if count == 0 {
                // A withdrawal (RFC 7011 section 8.1).
                self.templates.remove(&(domain, tid));
                continue;
            }
            if tid < 256 {
                return Err(self.err(
                    at,
                    format!("template id {tid} is below 256"),
                    "a template id of 256 or more",
                ));
            }
            if options {
                if set.len() - p < 2 {
                    return Err(self.err(at, "an options template is cut short", "the scope field count"));
                }
                p += 2;
            }
            let mut fields = Vec::with_capacity(count);
            let mut min_len = 0usize;
            for _ in 0..count {
                if set.len() - p < 4 {
                    return Err(self.err(
                        base + p as u64,
                        "a field specifier is cut short",
                        "4 bytes: element id and length",
                    ));
                }
                let raw = be16(set, p);
                let flen = be16(set, p + 2);
                let enterprise = raw & 0x8000 != 0;
                p += 4;
                if enterprise {
                    if set.len() - p < 4 {
                        return Err(self.err(
                            base + p as u64,
                            "an enterprise number is cut short",
                            "4 bytes",
                        ));
                    }
                    p += 4;
                }
                let ie = Ie::of(raw & 0x7fff, enterprise);
                let ok = match ie {
                    Ie::SrcV4 | Ie::DstV4 => flen == 4,
                    Ie::SrcV6 | Ie::DstV6 => flen == 16,
                    Ie::SrcMac | Ie::DstMac => flen == 6,
                    Ie::SrcPort | Ie::DstPort => (1..=2).contains(&flen),
                    Ie::Protocol => flen == 1,
                    Ie::OctetDelta | Ie::PacketDelta | Ie::StartMillis => (1..=8).contains(&flen),
                    Ie::StartSeconds => (1..=4).contains(&flen),
                    Ie::Skip => true,
                };
                if !ok {
                    return Err(self.err(
                        base + p as u64 - 2,
                        format!("element {} has length {flen}", raw & 0x7fff),
                        "the length RFC 7012 gives its type (or a reduced size for counters)",
                    ));
                }
                min_len += if flen == VARIABLE { 1 } else { usize::from(flen) };
                fields.push((ie, flen));
            }
            self.templates.insert((domain, tid), Template { fields, min_len: min_len.max(1) });
        }
        Ok(())
    }

    fn data_set(&mut self, t: &Template, set: &[u8], base: u64, export_s: u64) -> Result<(), ReadError> {
        let mut p = 0;
        while set.len() - p >= t.min_len {
            let mut f = WireFlow { time_ms: export_s * 1000, ..WireFlow::default() };
            for &(ie, flen) in &t.fields {
                let len = if flen == VARIABLE {
                    let Some(&l) = set.get(p) else {
                        return Err(self.err(
                            base + p as u64,
                            "a variable-length field is cut short",
                            "its length byte",
                        ));
                    };
                    p += 1;
                    if l == 255 {
                        if set.len() - p < 2 {
                            return Err(self.err(
                                base + p as u64,
                                "a variable-length field is cut short",
                                "its two length bytes",
                            ));
                        }
                        p += 2;
                        usize::from(be16(set, p - 2))
                    } else {
                        usize::from(l)
                    }
                } else {
                    usize::from(flen)
                };
                if set.len() - p < len {
                    return Err(self.err(
                        base + p as u64,
                        "a data record is cut short",
                        "the fields its template lists",
                    ));
                }
                let v = &set[p..p + len];
                p += len;
                match ie {
                    Ie::Skip => {}
                    Ie::SrcV4 => f.src_ip = Some(IpAddr::V4(Ipv4Addr::new(v[0], v[1], v[2], v[3]))),
                    Ie::DstV4 => f.dst_ip = Some(IpAddr::V4(Ipv4Addr::new(v[0], v[1], v[2], v[3]))),
                    Ie::SrcV6 => {
                        f.src_ip =
                            Some(IpAddr::V6(Ipv6Addr::from(<[u8; 16]>::try_from(v).unwrap_or_default())))
                    }
                    Ie::DstV6 => {
                        f.dst_ip =
                            Some(IpAddr::V6(Ipv6Addr::from(<[u8; 16]>::try_from(v).unwrap_or_default())))
                    }
                    Ie::SrcMac => f.src_mac = <[u8; 6]>::try_from(v).ok().map(Mac),
                    Ie::DstMac => f.dst_mac = <[u8; 6]>::try_from(v).ok().map(Mac),
                    Ie::SrcPort => f.src_port = uint(v) as u16,
                    Ie::DstPort => f.dst_port = uint(v) as u16,
                    Ie::Protocol => f.protocol = v[0],
                    Ie::OctetDelta => f.bytes = uint(v),
                    Ie::PacketDelta => f.packets = uint(v),
                    Ie::StartSeconds => f.time_ms = uint(v) * 1000,
                    Ie::StartMillis => f.time_ms = uint(v),
                }
            }
            self.pending.push(f);
        }
        Ok(())
    }

    /// The next flow as the exporter saw it.
    pub fn next_wire(&mut self) -> Option<Result<WireFlow, ReadError>> {
        if self.failed {
            return None;
        }
        while self.next == self.pending.len() {
            match self.message() {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
            }
        }
        self.next += 1;
        Some(Ok(self.pending[self.next - 1]))
    }

    /// Flows oriented from the device's side; flows without addresses are skipped.
    pub fn oriented<O: Orient>(self, o: O) -> Oriented<R, O> {
        Oriented { reader: self, orient: o }
    }
}

/// An [`IpfixReader`] yielding [`FlowRecord`]s.
pub struct Oriented<R, O> {
    pub reader: IpfixReader<R>,
    orient: O,
}

impl<R: Read, O: Orient> Iterator for Oriented<R, O> {
    type Item = Result<FlowRecord, ReadError>;
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.reader.next_wire()? {
                Ok(w) => {
                    if let Some(r) = w.orient(&self.orient) {
                        return Some(Ok(r));
                    }
                }
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

fn be16(b: &[u8], p: usize) -> u16 {
    u16::from_be_bytes([b[p], b[p + 1]])
}

/// An unsigned integer of 1 to 8 bytes, big-endian (reduced-size encoding, RFC 7011 6.2).
fn uint(v: &[u8]) -> u64 {
    v.iter().take(8).fold(0u64, |a, &b| (a << 8) | u64::from(b))
}

/// Fills `buf` as far as the input goes; returns how many bytes were read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// The template this writer sends for IPv4 flows (id 256) and IPv6 flows (id 257):
/// flowStartMilliseconds, source and destination MAC, addresses, ports, protocol, counters.
const V4_FIELDS: &[(u16, u16)] =
    &[(152, 8), (56, 6), (80, 6), (8, 4), (12, 4), (7, 2), (11, 2), (4, 1), (1, 8), (2, 8)];
const V6_FIELDS: &[(u16, u16)] =
    &[(152, 8), (56, 6), (80, 6), (27, 16), (28, 16), (7, 2), (11, 2), (4, 1), (1, 8), (2, 8)];

/// Writes flows as IPFIX messages (templates first in every message, as over UDP).
pub struct IpfixWriter<W: Write> {
    out: W,
    domain: u32,
    seq: u32,
    v4: Vec<u8>,
    v6: Vec<u8>,
    count: u32,
}

/// Records per message, keeping messages well under 64 KiB.
const PER_MESSAGE: u32 = 400;

impl<W: Write> IpfixWriter<W> {
    pub fn new(out: W, domain: u32) -> Self {
        IpfixWriter { out, domain, seq: 0, v4: Vec::new(), v6: Vec::new(), count: 0 }
    }

    pub fn write(&mut self, f: &WireFlow) -> io::Result<()> {
        let (Some(src), Some(dst)) = (f.src_ip, f.dst_ip) else { return Ok(()) };
        let b = if src.is_ipv4() && dst.is_ipv4() { &mut self.v4 } else { &mut self.v6 };
        b.extend_from_slice(&f.time_ms.to_be_bytes());
        b.extend_from_slice(&f.src_mac.unwrap_or(Mac([0; 6])).0);
        b.extend_from_slice(&f.dst_mac.unwrap_or(Mac([0; 6])).0);
        match (src, dst) {
            (IpAddr::V4(s), IpAddr::V4(d)) => {
                b.extend_from_slice(&s.octets());
                b.extend_from_slice(&d.octets());
            }
            (s, d) => {
                b.extend_from_slice(&v6(s).octets());
                b.extend_from_slice(&v6(d).octets());
            }
        }
        b.extend_from_slice(&f.src_port.to_be_bytes());
        b.extend_from_slice(&f.dst_port.to_be_bytes());
        b.push(f.protocol);
        b.extend_from_slice(&f.bytes.to_be_bytes());
        b.extend_from_slice(&f.packets.to_be_bytes());
        self.count += 1;
        if self.count == PER_MESSAGE { self.flush() } else { Ok(()) }
    }

    /// Sends what is buffered as one message.
    pub fn flush(&mut self) -> io::Result<()> {
        if self.count == 0 {
            return self.out.flush();
        }
        let mut tpl = Vec::new();
        for (id, fields) in [(256u16, V4_FIELDS), (257, V6_FIELDS)] {
            tpl.extend_from_slice(&id.to_be_bytes());
            tpl.extend_from_slice(&(fields.len() as u16).to_be_bytes());
            for (ie, len) in fields {
                tpl.extend_from_slice(&ie.to_be_bytes());
                tpl.extend_from_slice(&len.to_be_bytes());
            }
        }
        let mut body = Vec::new();
        push_set(&mut body, 2, &tpl);
        if !self.v4.is_empty() {
            push_set(&mut body, 256, &self.v4);
        }
        if !self.v6.is_empty() {
            push_set(&mut body, 257, &self.v6);
        }
        let mut head = Vec::with_capacity(16);
        head.extend_from_slice(&10u16.to_be_bytes());
        head.extend_from_slice(&((16 + body.len()) as u16).to_be_bytes());
        head.extend_from_slice(&0u32.to_be_bytes());
        head.extend_from_slice(&self.seq.to_be_bytes());
        head.extend_from_slice(&self.domain.to_be_bytes());
        self.seq = self.seq.wrapping_add(self.count);
        self.out.write_all(&head)?;
        self.out.write_all(&body)?;
        self.v4.clear();
        self.v6.clear();
        self.count = 0;
        self.out.flush()
    }

    /// Flushes and gives the output back.
    pub fn finish(mut self) -> io::Result<W> {
        self.flush()?;
        Ok(self.out)
    }
}

fn v6(a: IpAddr) -> Ipv6Addr {
    match a {
        IpAddr::V4(a) => a.to_ipv6_mapped(),
        IpAddr::V6(a) => a,
    }
}

fn push_set(body: &mut Vec<u8>, id: u16, content: &[u8]) {
    body.extend_from_slice(&id.to_be_bytes());
    body.extend_from_slice(&((content.len() + 4) as u16).to_be_bytes());
    body.extend_from_slice(content);
}

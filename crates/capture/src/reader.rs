//! pcap and pcapng frames, numbered and located, streamed without copying.

use core::fmt;
use std::io::Read;

/// The link layer a frame starts with, as the capture's LINKTYPE number (1 Ethernet, 101 raw
/// IP, 113 Linux cooked, 228 IPv4, 229 IPv6, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Link(pub u32);

impl Link {
    pub const ETHERNET: Link = Link(1);
    pub const RAW: Link = Link(101);
    pub const LINUX_SLL: Link = Link(113);
    pub const IPV4: Link = Link(228);
    pub const IPV6: Link = Link(229);
}

/// The container format of a capture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pcap,
    PcapNg,
}

/// One captured frame, borrowed from the reader.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    /// 1-based, counting packets only (as Wireshark numbers frames).
    pub number: u64,
    /// Byte offset of the frame's record (pcap packet header, pcapng block) in the file.
    pub offset: u64,
    /// Capture time, microseconds since the Unix epoch (0 when the format has none).
    pub time_us: u64,
    pub link: Link,
    /// The captured bytes (possibly fewer than were on the wire).
    pub data: &'a [u8],
    /// The length on the wire.
    pub wire_len: u32,
}

/// A capture that cannot be read: the file, the frame it stopped at, the byte offset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct CaptureError {
    pub file: String,
    /// The number the frame would have had (the last good frame + 1); 0 for the file header.
    pub frame: u64,
    /// Byte offset of the record that could not be read.
    pub offset: u64,
    pub message: String,
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.frame == 0 {
            write!(f, "{}: at byte {}: {}", self.file, self.offset, self.message)
        } else {
            write!(f, "{}: frame {} at byte {}: {}", self.file, self.frame, self.offset, self.message)
        }
    }
}

/// The longest record accepted (a corrupt length field would otherwise ask for gigabytes).
pub const MAX_RECORD: usize = 16 << 20;

/// A read buffer over the input that hands out borrowed records.
struct Buf<R: Read> {
    r: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
}

impl<R: Read> Buf<R> {
    /// Makes `n` bytes available from `pos`; how many are, when the input ends first.
    fn ensure(&mut self, n: usize) -> std::io::Result<usize> {
        if self.end - self.pos >= n {
            return Ok(n);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        if self.buf.len() < n {
            self.buf.resize(n.next_power_of_two(), 0);
        }
        while self.end < n {
            match self.r.read(&mut self.buf[self.end..]) {
                Ok(0) => break,
                Ok(k) => self.end += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok((self.end - self.pos).min(n))
    }

    fn bytes(&self, from: usize, len: usize) -> &[u8] {
        self.buf.get(self.pos + from..self.pos + from + len).unwrap_or(&[])
    }

    fn u32(&self, at: usize, big: bool) -> u32 {
        let b: [u8; 4] = self.bytes(at, 4).try_into().unwrap_or([0; 4]);
        if big { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) }
    }
}

enum Kind {
    Pcap { link: Link, nanos: bool, big: bool },
    PcapNg { big: bool, ifaces: Vec<(Link, u8)> },
}

/// Frames of a pcap or pcapng capture, in file order.
pub struct FrameReader<R: Read> {
    buf: Buf<R>,
    kind: Kind,
    file: String,
    number: u64,
    offset: u64,
    done: bool,
    /// Non-packet pcapng blocks seen (section headers, interfaces, statistics, ...).
    pub other_blocks: u64,
}

const TRUNCATED: &str = "the capture ends in the middle of a record (truncated)";

impl<R: Read> FrameReader<R> {
    /// Opens a capture, pcap or pcapng by its magic number. `file` names it in errors.
    pub fn new(file: &str, input: R) -> Result<Self, CaptureError> {
        let err =
            |offset: u64, message: String| CaptureError { file: file.into(), frame: 0, offset, message };
        let mut buf = Buf { r: input, buf: vec![0; 1 << 20], pos: 0, end: 0 };
        let have = buf.ensure(24).map_err(|e| err(0, format!("read error: {e}")))?;
        if have < 4 {
            return Err(err(0, format!("{have} bytes: too short for a capture (pcap or pcapng)")));
        }
        let magic = buf.u32(0, false);
        let me = |buf, kind| FrameReader {
            buf,
            kind,
            file: file.into(),
            number: 0,
            offset: 0,
            done: false,
            other_blocks: 0,
        };
        match magic {
            0xa1b2_c3d4 | 0xd4c3_b2a1 | 0xa1b2_3c4d | 0x4d3c_b2a1 => {
                if have < 24 {
                    return Err(err(0, format!("{have} bytes: a pcap file header takes 24 (truncated)")));
                }
                let big = magic == 0xd4c3_b2a1 || magic == 0x4d3c_b2a1;
                let nanos = magic == 0xa1b2_3c4d || magic == 0x4d3c_b2a1;
                let link = Link(buf.u32(20, big) & 0x0fff_ffff);
                buf.pos += 24;
                let mut r = me(buf, Kind::Pcap { link, nanos, big });
                r.offset = 24;
                Ok(r)
            }
            0x0a0d_0d0a => Ok(me(buf, Kind::PcapNg { big: false, ifaces: Vec::new() })),
            m => Err(err(
                0,
                format!(
                    "not a capture: magic number {m:#010x} is neither pcap (a1b2c3d4) nor pcapng (0a0d0d0a)"
                ),
            )),
        }
    }

    /// pcap or pcapng.
    pub fn format(&self) -> Format {
        match self.kind {
            Kind::Pcap { .. } => Format::Pcap,
            Kind::PcapNg { .. } => Format::PcapNg,
        }
    }

    /// The file name given at opening.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Frames read so far.
    pub fn frames(&self) -> u64 {
        self.number
    }

    /// Bytes of the file read so far (the offset of the next record).
    pub fn offset(&self) -> u64 {
        self.offset
    }

    fn fail(&mut self, message: impl Into<String>) -> Option<Result<Frame<'_>, CaptureError>> {
        self.done = true;
        Some(Err(CaptureError {
            file: self.file.clone(),
            frame: self.number + 1,
            offset: self.offset,
            message: message.into(),
        }))
    }

    /// Makes a record of `n` bytes available; `Err` with the message when the input ends first.
    fn need(&mut self, n: usize) -> Result<(), String> {
        match self.buf.ensure(n) {
            Ok(k) if k >= n => Ok(()),
            Ok(k) => Err(format!("{TRUNCATED}: {k} of {n} bytes")),
            Err(e) => Err(format!("read error: {e}")),
        }
    }

    /// The next frame; `None` at the end. After an error, always `None`.
    pub fn next_frame(&mut self) -> Option<Result<Frame<'_>, CaptureError>> {
        if self.done {
            return None;
        }
        match self.buf.ensure(1) {
            Ok(0) => {
                self.done = true;
                return None;
            }
            Ok(_) => {}
            Err(e) => return self.fail(format!("read error: {e}")),
        }
        let (start, len, link, time_us, wire_len) = match &mut self.kind {
            Kind::Pcap { link, nanos, big } => {
                let (link, nanos, big) = (*link, *nanos, *big);
                if let Err(m) = self.need(16) {
                    return self.fail(m);
                }
                let incl = self.buf.u32(8, big) as usize;
                if incl > MAX_RECORD {
                    return self.fail(format!(
                        "corrupt packet header: captured length {incl} exceeds {MAX_RECORD} bytes"
                    ));
                }
                if let Err(m) = self.need(16 + incl) {
                    return self.fail(m);
                }
                let secs = u64::from(self.buf.u32(0, big));
                let frac = u64::from(self.buf.u32(4, big));
                let time_us = secs * 1_000_000 + if nanos { frac / 1000 } else { frac };
                let wire = self.buf.u32(12, big);
                (16, incl, link, time_us, wire)
            }
            Kind::PcapNg { .. } => match self.next_block() {
                Ok(Some(f)) => f,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(m) => return self.fail(m),
            },
        };
        let at = self.offset;
        let record = match self.kind {
            Kind::Pcap { .. } => 16 + len,
            Kind::PcapNg { big, .. } => self.buf.u32(4, big) as usize,
        };
        let from = self.buf.pos + start;
        self.buf.pos += record;
        self.offset += record as u64;
        self.number += 1;
        let data = self.buf.buf.get(from..from + len).unwrap_or(&[]);
        Some(Ok(Frame { number: self.number, offset: at, time_us, link, data, wire_len }))
    }

    /// pcapng: skips to the next packet block and leaves it at `pos`; its data's place in the
    /// block, length, link, time and wire length.
    #[allow(clippy::type_complexity)]
    fn next_block(&mut self) -> Result<Option<(usize, usize, Link, u64, u32)>, String> {
        loop {
            match self.buf.ensure(1) {
                Ok(0) => return Ok(None),
                Ok(_) => {}
                Err(e) => return Err(format!("read error: {e}")),
            }
            self.need(12)?;
            let Kind::PcapNg { big, .. } = &mut self.kind else { return Ok(None) };
            let ty = self.buf.u32(0, *big);
            if ty == 0x0a0d_0d0a {
                *big = self.buf.bytes(8, 4) == [0x1a, 0x2b, 0x3c, 0x4d];
            }
            let big = *big;
            let len = self.buf.u32(4, big) as usize;
            if len < 12 || !len.is_multiple_of(4) || len > MAX_RECORD {
                return Err(format!("corrupt block header: block type {ty:#x} with total length {len}"));
            }
            self.need(len)?;
            if self.buf.u32(len - 4, big) as usize != len {
                return Err(format!(
                    "corrupt block: its trailing length {} differs from its leading length {len}",
                    self.buf.u32(len - 4, big)
                ));
            }
            let body_len = len - 12;
            let Kind::PcapNg { ifaces, .. } = &mut self.kind else { return Ok(None) };
            match ty {
                6 => {
                    if body_len < 20 {
                        return Err("corrupt enhanced packet block: shorter than its fixed fields".into());
                    }
                    let iface = self.buf.u32(8, big) as usize;
                    let ts = (u64::from(self.buf.u32(12, big)) << 32) | u64::from(self.buf.u32(16, big));
                    let cap = self.buf.u32(20, big) as usize;
                    let wire = self.buf.u32(24, big);
                    if cap > body_len - 20 {
                        return Err(format!(
                            "corrupt enhanced packet block: captured length {cap} runs past the block"
                        ));
                    }
                    let Some(&(link, res)) = ifaces.get(iface) else {
                        return Err(format!(
                            "packet on interface {iface}, which no interface block describes"
                        ));
                    };
                    return Ok(Some((28, cap, link, ts_to_us(ts, res), wire)));
                }
                3 => {
                    let wire = self.buf.u32(8, big);
                    let cap = (wire as usize).min(body_len.saturating_sub(4));
                    let Some(&(link, _)) = ifaces.first() else {
                        return Err("simple packet block before any interface block".into());
                    };
                    return Ok(Some((12, cap, link, 0, wire)));
                }
                1 => {
                    let iface = interface(self.buf.bytes(8, body_len), big);
                    ifaces.push(iface);
                }
                0x0a0d_0d0a => ifaces.clear(),
                _ => {}
            }
            self.other_blocks += 1;
            self.buf.pos += len;
            self.offset += len as u64;
        }
    }
}

/// A pcapng interface description block's link type and timestamp resolution (option 9).
fn interface(body: &[u8], big: bool) -> (Link, u8) {
    let u16_at = |i: usize| -> Option<u16> {
        let b: [u8; 2] = body.get(i..i + 2)?.try_into().ok()?;
        Some(if big { u16::from_be_bytes(b) } else { u16::from_le_bytes(b) })
    };
    let link = Link(u32::from(u16_at(0).unwrap_or(1)));
    let mut res = 6u8;
    let mut i = 8;
    while let (Some(code), Some(len)) = (u16_at(i), u16_at(i + 2)) {
        if code == 0 {
            break;
        }
        if code == 9 && len == 1 {
            res = body.get(i + 4).copied().unwrap_or(6);
        }
        i += 4 + usize::from(len).div_ceil(4) * 4;
    }
    (link, res)
}

/// An enhanced packet block's timestamp in microseconds, by its interface's resolution.
fn ts_to_us(ts: u64, res: u8) -> u64 {
    if res & 0x80 != 0 {
        let n = u32::from(res & 0x7f).min(63);
        return ((u128::from(ts) * 1_000_000) >> n) as u64;
    }
    let n = u32::from(res).min(19);
    if n >= 6 { ts / 10u64.pow(n - 6) } else { ts.saturating_mul(10u64.pow(6 - n)) }
}

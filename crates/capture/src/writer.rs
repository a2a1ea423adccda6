//! A minimal pcapng writer (one section, one interface, enhanced packet blocks), for tests,
//! benchmarks and synthetic captures.

use std::io::Write;

use crate::reader::Link;

/// Writes a pcapng capture, little-endian, microsecond timestamps.
pub struct PcapNgWriter<W: Write> {
    out: W,
    written: u64,
}

impl<W: Write> PcapNgWriter<W> {
    /// Writes the section header and one interface description of `link`.
    pub fn new(mut out: W, link: Link) -> std::io::Result<Self> {
        // Section header block: type, length 28, byte-order magic, version 1.0, length -1.
        let mut shb = Vec::with_capacity(28);
        shb.extend_from_slice(&0x0a0d_0d0au32.to_le_bytes());
        shb.extend_from_slice(&28u32.to_le_bytes());
        shb.extend_from_slice(&0x1a2b_3c4du32.to_le_bytes());
        shb.extend_from_slice(&1u16.to_le_bytes());
        shb.extend_from_slice(&0u16.to_le_bytes());
        shb.extend_from_slice(&(-1i64).to_le_bytes());
        shb.extend_from_slice(&28u32.to_le_bytes());
        out.write_all(&shb)?;
        // Interface description block: link type, snap length, no options.
        let mut idb = Vec::with_capacity(20);
        idb.extend_from_slice(&1u32.to_le_bytes());
        idb.extend_from_slice(&20u32.to_le_bytes());
        idb.extend_from_slice(&(link.0 as u16).to_le_bytes());
        idb.extend_from_slice(&0u16.to_le_bytes());
        idb.extend_from_slice(&0u32.to_le_bytes());
        idb.extend_from_slice(&20u32.to_le_bytes());
        out.write_all(&idb)?;
        Ok(PcapNgWriter { out, written: 48 })
    }

    /// Writes one packet (an enhanced packet block).
    pub fn packet(&mut self, time_us: u64, data: &[u8]) -> std::io::Result<()> {
        let pad = (4 - data.len() % 4) % 4;
        let len = 32 + data.len() + pad;
        let mut h = [0u8; 28];
        h[0..4].copy_from_slice(&6u32.to_le_bytes());
        h[4..8].copy_from_slice(&(len as u32).to_le_bytes());
        h[8..12].copy_from_slice(&0u32.to_le_bytes());
        h[12..16].copy_from_slice(&((time_us >> 32) as u32).to_le_bytes());
        h[16..20].copy_from_slice(&(time_us as u32).to_le_bytes());
        h[20..24].copy_from_slice(&(data.len() as u32).to_le_bytes());
        h[24..28].copy_from_slice(&(data.len() as u32).to_le_bytes());
        self.out.write_all(&h)?;
        self.out.write_all(data)?;
        self.out.write_all(&[0u8; 3][..pad])?;
        self.out.write_all(&(len as u32).to_le_bytes())?;
        self.written += len as u64;
        Ok(())
    }

    /// Bytes written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

//! iotlabel-capture: packet captures read as a stream of frames, and frames decoded.
//!
//! One reader and one decoder for every crate that reads captures (`flows` turns them into flow
//! records for the MUD audit, `observe` holds them against a declaration):
//!
//! - [`FrameReader`]: pcap (either byte order, micro- or nanosecond) and pcapng (any number of
//!   sections and interfaces) from any `Read`, detected by the file's magic number; each frame
//!   carries its 1-based number and the byte offset of its record, so every result can point
//!   back at the frames behind it and every error at the place in the file. Frames are borrowed
//!   from the reader's buffer: nothing is copied per packet, and memory stays constant whatever
//!   the size of the capture.
//! - [`decode`]: a frame (Ethernet II with VLAN tags, Linux cooked, raw IPv4 or IPv6) to its
//!   addresses, ports and transport payload, via `etherparse`.
//! - [`dns`]: a DNS message's question and answers.
//! - [`PcapNgWriter`]: a minimal pcapng writer for tests, benchmarks and synthetic captures.
//!
//! Architecture invariant: this crate does no I/O of its own; callers pass readers in.

mod decode;
mod reader;
mod writer;

pub use decode::{Decoded, Dns, Packet, Tcp, decode, dns, dns_answers};
pub use reader::{CaptureError, Format, Frame, FrameReader, Link, MAX_RECORD};
pub use writer::PcapNgWriter;

//! iotlabel-flows: flow records and the audit of flows against devices' MUD profiles.
//!
//! - [`record`]: the flow record (one type, its JSON Schema, its CSV form);
//! - [`text`]: CSV and JSON Lines readers, streaming, errors located by line and column;
//! - [`binary`]: the binary record format (`.flows`, fixed-layout little-endian records), the
//!   stream's payload; writer and streaming reader, errors located by byte offset;
//! - [`ipfix`]: RFC 7011 reader (streaming, no allocation per record) and writer;
//! - [`pcap`]: pcap and pcapng captures to flows, named by the capture's DNS answers;
//! - [`audit`]: the devices table, each flow judged by its device's profile, violations grouped
//!   per device, attack patterns, quarantine rules.
//!
//! Architecture invariant: this crate does no I/O of its own; callers pass readers and text in.

pub mod audit;
pub mod binary;
pub mod error;
pub mod ipfix;
pub mod pcap;
pub mod record;
pub mod text;

pub use audit::{
    AuditReport, Auditor, Device, Patterns, audit_report_schema, pattern_words, quarantine_nft,
    quarantine_nft_device, quarantine_nft_head, read_devices, read_names,
};
pub use error::{At, ReadError};
pub use record::{CSV_HEADER, Direction, FlowRecord, Mac, flow_record_schema};

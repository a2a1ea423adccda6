//! iotlabel-observe: what a device was seen doing, held against what its maker declared
//! (issue #14, "observed against declared").
//!
//! - [`observe`]: the streaming pass over a capture (frames from `iotlabel-capture`):
//!   conversations, names from DNS answers, TLS SNI and certificates, DHCP and HTTP Host,
//!   clear-text credentials;
//! - [`map`]: the address map (names and roles for MACs and IPs), checked against the capture;
//! - [`judge`]: each host, service and connection of the device as declared and seen, declared
//!   not seen, seen not declared, not attributable (with the reason) or infrastructure;
//! - [`report`]: the [`Observation`] type and its schema; [`evidence`]: evidence items from it;
//!   [`text`]: the terminal table.
//!
//! Architecture invariant: this crate does no I/O of its own; callers pass readers and text in.

pub mod cert;
pub mod evidence;
pub mod judge;
pub mod map;
pub mod observe;
pub mod proto;
pub mod report;
pub mod text;

use std::io::Read;

pub use iotlabel_capture::{CaptureError, FrameReader};
pub use judge::{Inputs, JudgeError, judge};
pub use map::{AddressMap, MapError, Mapped, Role, check_map, parse_map};
pub use observe::{Observer, Seen};
pub use report::{Observation, Status, observation_schema};

/// Why an observation could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ObserveError {
    #[error("{0}")]
    Capture(#[from] CaptureError),
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Map(Vec<MapError>),
    #[error("{0}")]
    Judge(#[from] JudgeError),
}

/// Reads a whole capture (streamed: constant memory in its size) into what was seen.
pub fn read_capture<R: Read>(file: &str, input: R) -> Result<(Seen, &'static str), CaptureError> {
    let mut r = FrameReader::new(file, input)?;
    let format = match r.format() {
        iotlabel_capture::Format::Pcap => "pcap",
        iotlabel_capture::Format::PcapNg => "pcapng",
    };
    let mut o = Observer::new();
    while let Some(f) = r.next_frame() {
        o.feed(&f?);
    }
    Ok((o.finish(), format))
}

/// The whole pipeline: the capture read, the map (its file name and text) parsed and checked
/// against it, the result judged against the declaration.
pub fn observe_capture<R: Read>(
    file: &str,
    input: R,
    declaration: &iotlabel_model::Declaration,
    map: Option<(&str, &str)>,
) -> Result<Observation, ObserveError> {
    let mapped = match map {
        Some((mf, text)) => parse_map(mf, text).map_err(ObserveError::Map)?,
        None => Vec::new(),
    };
    let (seen, format) = read_capture(file, input)?;
    if let Some((mf, _)) = map {
        check_map(mf, &mapped, &|a| seen.has(a), &seen.ips_of_mac).map_err(ObserveError::Map)?;
    }
    Ok(judge(&seen, &Inputs { file, format, declaration, map: &mapped })?)
}
